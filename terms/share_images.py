"""Share images: the picture a link to a term shows on social sites and chat (og:image).

Each publication gets one, drawn once after it is published (never per request): the
term's title and category on the site's navy background, 1200×630 PNG, kept in media
storage under a name nobody can guess (a scheduled term's picture exists before it goes
live). Drawing runs in the task worker after the publication is committed; if it fails,
the publication stays as it is and pages fall back to the site's default picture
(``SHARE_IMAGE_DEFAULT``), so a broken font or a full disk never stops a publish.
"""

import logging
import secrets
from functools import cache
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.templatetags.static import static
from django_tasks import task
from PIL import Image, ImageDraw, ImageFont

from glossary_site.public_address import absolute

logger = logging.getLogger(__name__)

SIZE = (1200, 630)
NAVY = (31, 42, 68)  # --navy
HIGHLIGHT = (246, 198, 103)  # --highlight
SOFT = (223, 229, 245)  # the header's link colour
WHITE = (255, 255, 255)
MARGIN = 80
# Fonts tried in order: DejaVu is in most Linux images (Debian's fonts-dejavu-core); Pillow's
# own font is the fallback, so drawing never depends on what the machine has installed.
FONT_DIRECTORIES = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu")


@cache
def font(size: int, *, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    for directory in FONT_DIRECTORIES:
        path = Path(directory) / name
        if path.exists():
            return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size)


def fit_title(draw: ImageDraw.ImageDraw, title: str, width: int) -> tuple[ImageFont, list[str]]:
    """The largest title size, 72 down to 40 px, whose wrapped lines fit ``width`` in at most
    three lines; a title too long even at 40 px keeps three lines, the last ending in "…"."""
    for size in range(72, 39, -4):
        face = font(size, bold=True)
        lines = wrap(draw, title, face, width)
        if len(lines) <= 3:
            return face, lines
    lines[2] = lines[2].rstrip() + "…"
    while draw.textlength(lines[2], font=face) > width:
        lines[2] = lines[2][:-2].rstrip() + "…"
    return face, lines[:3]


def wrap(draw: ImageDraw.ImageDraw, text: str, face, width: int) -> list[str]:
    """``text`` in lines no wider than ``width``, broken between words (inside a word longer
    than a line)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=face) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        while draw.textlength(word, font=face) > width:
            cut = len(word)
            while cut > 1 and draw.textlength(word[:cut], font=face) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    if line:
        lines.append(line)
    return lines or [""]


def draw_card(title: str, eyebrow: str, footer: str) -> bytes:
    """A 1200×630 PNG: ``eyebrow`` (the category) above ``title``, ``footer`` (the site's
    name) at the bottom beside the site's mark."""
    image = Image.new("RGB", SIZE, NAVY)
    draw = ImageDraw.Draw(image)
    width = SIZE[0] - 2 * MARGIN
    draw.rectangle([0, 0, 24, SIZE[1]], fill=HIGHLIGHT)
    draw.text((MARGIN, MARGIN), eyebrow.upper()[:60], font=font(30, bold=True), fill=HIGHLIGHT)
    face, lines = fit_title(draw, title, width)
    y = MARGIN + 70
    for line in lines:
        draw.text((MARGIN, y), line, font=face, fill=WHITE)
        y += int(face.size * 1.2)
    mark_top = SIZE[1] - MARGIN - 64
    draw.rounded_rectangle(
        [MARGIN, mark_top, MARGIN + 64, mark_top + 64], radius=12, fill=HIGHLIGHT
    )
    draw.text((MARGIN + 32, mark_top + 32), "Ai", font=font(30, bold=True), fill=NAVY, anchor="mm")
    draw.text((MARGIN + 88, mark_top + 32), footer, font=font(34), fill=SOFT, anchor="lm")
    buffer = BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def draw_publication(publication) -> bytes:
    return draw_card(publication.title, publication.category.name, settings.SITE_NAME)


def store(publication) -> None:
    """Draw ``publication``'s share image and keep it (media storage; the name on the row)."""
    from terms.models import Publication

    png = draw_publication(publication)
    name = f"{publication.slug[:80]}-{secrets.token_urlsafe(12)}.png"
    publication.share_image.save(name, ContentFile(png), save=False)
    Publication.objects.filter(pk=publication.pk).update(share_image=publication.share_image.name)


@task()
def render_share_image(publication_id: int) -> None:
    """The worker's job after a publish. A publication already drawn, or gone, is left alone."""
    from terms.models import Publication

    publication = Publication.objects.select_related("category").filter(pk=publication_id).first()
    if publication is None or publication.share_image:
        return
    store(publication)


def queue(publication) -> None:
    """After the publish commits, queue the drawing. Never raises: a publish is never undone
    or refused for want of a picture (pages show the site's default until there is one)."""

    def enqueue():
        try:
            render_share_image.enqueue(publication.pk)
        except Exception:
            logger.exception("Could not draw the share image of publication %s", publication.pk)

    transaction.on_commit(enqueue, robust=True)


def share_image_url(publication) -> str:
    """The absolute address of ``publication``'s share image, or of the site's default."""
    if publication is not None and publication.share_image:
        url = publication.share_image.url
        return url if url.startswith(("https://", "http://")) else absolute(url)
    return default_share_image_url()


def default_share_image_url() -> str:
    configured = settings.SHARE_IMAGE_DEFAULT
    if configured.startswith(("https://", "http://")):
        return configured
    return absolute(static(configured))
