"""Production's static files storage: WhiteNoise's hashed addresses, remembered per process."""

import json

import pytest

from glossary_site.static_files import StaticFilesStorage


@pytest.fixture
def storage(tmp_path, settings):
    settings.DEBUG = False
    (tmp_path / "staticfiles.json").write_text(
        json.dumps(
            {
                "version": "1.1",
                "hash": "0",
                "paths": {"css/site.css": "css/site.0123abcd.css", "a b.js": "a b.99.js"},
            }
        )
    )
    return StaticFilesStorage(location=str(tmp_path), base_url="/static/")


def test_addresses_are_the_hashed_files_and_stay_the_same(storage):
    assert storage.url("css/site.css") == "/static/css/site.0123abcd.css"
    assert storage.url("a b.js") == "/static/a b.99.js"  # As WhiteNoise gives it.
    # Remembered: the manifest is not read again for a file already asked for.
    storage.hashed_files.clear()
    assert storage.url("css/site.css") == "/static/css/site.0123abcd.css"


def test_a_file_missing_from_the_manifest_is_an_error_every_time(storage):
    for _ in range(2):
        with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
            storage.url("css/missing.css")
