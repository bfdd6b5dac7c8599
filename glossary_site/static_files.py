"""Static files as production serves them: WhiteNoise's compressed, hashed files, each file's
address remembered by the process.

``{% static %}`` asks the storage for an address on every page (the style sheet, the icon, the
scripts): the manifest look-up and URL joining cost more than the rest of a page's head. The
manifest is read once when the process starts and never changes under it, so neither does the
address of a file.
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._addresses: dict[str, str] = {}

    def url(self, name, force=False):
        if force:
            return super().url(name, force)
        address = self._addresses.get(name)
        if address is None:
            # A missing file raises here, as before, and is not remembered.
            address = self._addresses[name] = super().url(name)
        return address
