"""Files to import, built in memory, and a way to plan and apply them as the admin does."""

import csv
import io
import json
import zipfile

from terms.transfer import formats
from terms.transfer.applying import apply
from terms.transfer.incoming import TERM_FIELDS
from terms.transfer.planning import plan, upload_digest


def term_entry(title: str, category: str, /, **fields) -> dict:
    """A complete term (it passes the pre-publish checks) with ``fields`` changed."""
    entry = {
        "title": title,
        "summary": f"What {title} means.",
        "category": category,
        "tags": ["testing"],
        "definition": f"{title} is a thing.",
        "why_it_matters": "It matters.",
        "in_practice": "People use it.",
    }
    entry.update(fields)
    return entry


def json_file(terms: list[dict], categories: list[dict] | None = None) -> bytes:
    document = {"terms": terms}
    if categories is not None:
        document["categories"] = categories
    return json.dumps(document).encode()


def csv_file(rows: list[dict], columns=TERM_FIELDS) -> bytes:
    text = io.StringIO(newline="")
    writer = csv.writer(text)
    writer.writerow(columns)
    for row in rows:
        writer.writerow(
            [
                " | ".join(row[name]) if isinstance(row.get(name), list) else row.get(name, "")
                for name in columns
            ]
        )
    return text.getvalue().encode()


def zip_file(files: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content.encode() if isinstance(content, str) else content)
    return buffer.getvalue()


def dry_run(data: bytes, format_name: str = "json", *, user=None, mode: str = "drafts"):
    parsed = formats.parse(data, format_name)
    return plan(parsed, user=user, data_digest=upload_digest(data), mode=mode)


def import_file(data: bytes, format_name: str = "json", *, user=None, mode: str = "drafts"):
    """Plan ``data`` and apply that plan; returns (plan, result)."""
    planned = dry_run(data, format_name, user=user, mode=mode)
    assert not planned.has_errors, [row.reasons for row in planned.rows if row.reasons]
    result = apply(
        formats.parse(data, format_name),
        user=user,
        mode=mode,
        data_digest=upload_digest(data),
        expected_digest=planned.digest,
        label="Imported from “test.json” (import #0).",
    )
    return planned, result
