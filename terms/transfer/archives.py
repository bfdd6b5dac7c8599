"""Reading a zip archive or a folder of files safely, into memory only.

A zip is refused before anything is read from it when it has too many members, a member whose
name climbs out of the archive (``../``, an absolute path, a drive letter), a link, an
encrypted member, or when its directory promises more uncompressed bytes, or a higher
compression ratio, than the limits allow (``TRANSFER_*`` settings). Members are then read with
a running budget, so an archive whose directory lies is stopped at the limit too. Nothing is
ever extracted to disk.
"""

import stat
import zipfile
from io import BytesIO
from pathlib import Path, PurePosixPath

from terms.transfer.incoming import Refused, limit

# Files archivers add that are not content.
IGNORED_PARTS = ("__MACOSX",)


def _unsafe_name(name: str) -> bool:
    if "\\" in name or "\x00" in name or name.startswith("/"):
        return True
    path = PurePosixPath(name)
    first = path.parts[0] if path.parts else ""
    return ".." in path.parts or (len(first) >= 2 and first[1] == ":")


def _ignored(name: str) -> bool:
    parts = PurePosixPath(name).parts
    return any(part in IGNORED_PARTS or part.startswith(".") for part in parts)


def read_zip(data: bytes) -> dict[str, bytes]:
    """The archive's files (name → content), directories and archivers' files left out."""
    try:
        archive = zipfile.ZipFile(BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise Refused("This is not a zip archive (or it is damaged).") from None
    with archive:
        members = archive.infolist()
        if len(members) > limit("MAX_FILES"):
            raise Refused(
                f"The archive has {len(members):,} files; at most {limit('MAX_FILES'):,} are "
                "allowed."
            )
        for info in members:
            if _unsafe_name(info.filename):
                raise Refused(
                    f"The archive was refused: “{info.filename}” would be written outside the "
                    "archive's folder (path traversal)."
                )
            if stat.S_ISLNK(info.external_attr >> 16):
                raise Refused(f"The archive was refused: “{info.filename}” is a link.")
            if info.flag_bits & 0x1:
                raise Refused(f"The archive was refused: “{info.filename}” is encrypted.")
        wanted = [info for info in members if not info.is_dir() and not _ignored(info.filename)]
        promised = sum(info.file_size for info in wanted)
        _check_budget(promised, len(data))
        files, budget = {}, limit("MAX_UNCOMPRESSED_BYTES")
        for info in wanted:
            try:
                with archive.open(info) as member:
                    content = member.read(budget + 1)
            except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as error:
                message = f"“{info.filename}” cannot be read from the archive: {error}."
                raise Refused(message) from None
            budget -= len(content)
            if budget < 0:
                raise Refused(_too_big_message())
            files[info.filename] = content
        _check_budget(sum(len(content) for content in files.values()), len(data))
    return files


def _too_big_message() -> str:
    return (
        f"The archive was refused: its files add up to more than "
        f"{limit('MAX_UNCOMPRESSED_BYTES'):,} bytes uncompressed."
    )


def _check_budget(uncompressed: int, compressed: int) -> None:
    if uncompressed > limit("MAX_UNCOMPRESSED_BYTES"):
        raise Refused(_too_big_message())
    ratio = uncompressed / max(compressed, 1)
    # Small archives of text can compress well; the ratio only matters once there is bulk.
    if uncompressed > 1024**2 and ratio > limit("MAX_COMPRESSION_RATIO"):
        raise Refused(
            f"The archive was refused: it expands {ratio:,.0f} times (a zip bomb?); at most "
            f"{limit('MAX_COMPRESSION_RATIO')} times is allowed."
        )


def read_folder(folder: Path) -> dict[str, bytes]:
    """The files under ``folder`` (name relative to it → content), with the same limits as an
    archive; links and anything outside the folder are refused."""
    root = folder.resolve()
    files, budget = {}, limit("MAX_UNCOMPRESSED_BYTES")
    for path in sorted(root.rglob("*")):
        name = path.relative_to(root).as_posix()
        if _ignored(name):
            continue
        if path.is_symlink():
            raise Refused(f"“{name}” is a link; links are not followed.")
        if not path.is_file():
            continue
        if len(files) >= limit("MAX_FILES"):
            raise Refused(f"The folder has more than {limit('MAX_FILES'):,} files.")
        with path.open("rb") as handle:
            content = handle.read(budget + 1)
        budget -= len(content)
        if budget < 0:
            raise Refused(
                f"The folder's files add up to more than {limit('MAX_UNCOMPRESSED_BYTES'):,} bytes."
            )
        files[name] = content
    return files


# Every member is written with this time, so the same files give the same archive bytes.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def zip_of(files: dict[str, bytes | str]) -> bytes:
    """A zip archive of ``files`` (name → content), the same bytes for the same files."""
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, content.encode("utf-8") if isinstance(content, str) else content)
    return buffer.getvalue()
