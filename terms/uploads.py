"""Images uploaded from the Markdown editor: checked by their content, never by their name."""

import uuid
from dataclasses import dataclass
from io import BytesIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, UnidentifiedImageError

# Pillow's format name → the extension the stored file gets.
ALLOWED_FORMATS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp"}


@dataclass(frozen=True)
class StoredImage:
    name: str
    url: str
    width: int
    height: int


def check_image(data: bytes) -> tuple[str, int, int]:
    """Return (extension, width, height) of an acceptable image, or raise ValidationError.

    The type comes from the bytes (Pillow), the pixel count is checked from the header before
    anything is decoded, and the whole image is then decoded once so truncated or corrupt
    files are refused here rather than failing later on a reader's screen.
    """
    max_bytes = settings.MARKDOWNX_UPLOAD_MAX_SIZE
    if not data:
        raise ValidationError("The file is empty.", code="empty")
    if len(data) > max_bytes:
        raise ValidationError(
            f"The file is too large: the limit is {max_bytes // (1024 * 1024)} MB.", code="size"
        )
    try:
        with Image.open(BytesIO(data)) as image:
            kind = image.format
            width, height = image.size
            if kind not in ALLOWED_FORMATS:
                raise ValidationError(
                    "Only PNG, JPEG and WebP images can be uploaded.", code="format"
                )
            if width * height > settings.GLOSSARY_UPLOAD_MAX_PIXELS:
                raise ValidationError(
                    f"The image is too large: {width}×{height} pixels "
                    f"(the limit is {settings.GLOSSARY_UPLOAD_MAX_PIXELS:,} pixels).",
                    code="pixels",
                )
            image.load()
    except ValidationError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError):
        raise ValidationError(
            "This file is not a PNG, JPEG or WebP image.", code="format"
        ) from None
    except (OSError, SyntaxError, ValueError):
        raise ValidationError("The image is damaged or incomplete.", code="corrupt") from None
    return ALLOWED_FORMATS[kind], width, height


def store_image(data: bytes) -> StoredImage:
    """Check ``data`` and save it under a random name with the detected extension."""
    extension, width, height = check_image(data)
    path = f"{settings.MARKDOWNX_MEDIA_PATH}{uuid.uuid4().hex}.{extension}"
    name = default_storage.save(path, ContentFile(data))
    return StoredImage(name=name, url=default_storage.url(name), width=width, height=height)
