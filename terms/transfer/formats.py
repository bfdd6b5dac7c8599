"""The three formats by name: how each is read and written, and how a file's format is told."""

from dataclasses import dataclass
from pathlib import Path

from terms.models import TermImport
from terms.transfer import csv_format, json_format, markdown_format
from terms.transfer.archives import read_folder, zip_of
from terms.transfer.incoming import Parsed, Refused, limit

Format = TermImport.Format


@dataclass(frozen=True)
class FileFormat:
    name: str
    extension: str
    content_type: str
    module: object

    def parse(self, data: bytes) -> Parsed:
        return self.module.parse(data)

    def write(self, export, file) -> None:
        self.module.write(export, file)


FORMATS = {
    Format.CSV: FileFormat(Format.CSV, "csv", "text/csv; charset=utf-8", csv_format),
    Format.JSON: FileFormat(Format.JSON, "json", "application/json", json_format),
    Format.MARKDOWN: FileFormat(Format.MARKDOWN, "zip", "application/zip", markdown_format),
}


def guess(filename: str, data: bytes) -> str:
    """The format of an upload, from its first bytes and then its name."""
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return Format.MARKDOWN
    suffix = Path(filename).suffix.lower()
    if suffix == ".json":
        return Format.JSON
    if suffix in (".csv", ".txt"):
        return Format.CSV
    if suffix in (".zip", ".md"):
        return Format.MARKDOWN
    start = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    return Format.JSON if start in (b"{", b"[") else Format.CSV


def parse(data: bytes, format_name: str) -> Parsed:
    """Read an upload of ``format_name``; Refused says why the whole file cannot be."""
    if len(data) > limit("MAX_UPLOAD_BYTES"):
        raise Refused(
            f"The file is {len(data):,} bytes; the most one import takes is "
            f"{limit('MAX_UPLOAD_BYTES'):,} bytes (TRANSFER_MAX_UPLOAD_BYTES)."
        )
    if not data.strip():
        raise Refused("The file is empty.")
    return FORMATS[format_name].parse(data)


def parse_path(path: Path, format_name: str | None) -> tuple[Parsed, bytes, str]:
    """Read a file or a folder of Markdown files for the management command: what it holds,
    the bytes the import stores, and the format."""
    if path.is_dir():
        if format_name not in (None, Format.MARKDOWN):
            raise Refused("A folder can only be imported as Markdown files.")
        files = read_folder(path)
        # Stored as a zip like an upload, so a confirmed import reads what was planned.
        data = zip_of(files)
        return parse(data, Format.MARKDOWN), data, Format.MARKDOWN
    with path.open("rb") as handle:
        data = handle.read(limit("MAX_UPLOAD_BYTES") + 1)
    format_name = format_name or guess(path.name, data)
    return parse(data, format_name), data, format_name
