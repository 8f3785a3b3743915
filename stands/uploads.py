"""Uploaded files: logos and banners are re-encoded by Pillow, PDFs checked by content; both stored once by hash.

The checks are plain functions on bytes (easy to test); `store_*` run them off the event loop and keep the
result in the `media` table so that every host of a deployment serves the same files.
"""

from __future__ import annotations

import asyncio
import hashlib
import io

from PIL import Image, ImageOps, UnidentifiedImageError
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from server.errors import DomainError
from stands.models import Media

LOGO_MAX_BYTES = 2 * 1024 * 1024
LOGO_MAX_PIXELS = 25_000_000  # refuses decompression bombs long before Pillow's own limit
LOGO_BOX = (256, 256)
LOGO_FORMATS = frozenset({"PNG", "JPEG", "GIF", "WEBP"})
BANNER_SIZE = (1600, 400)  # wide 4:1 strip, cropped to fill
POSTER_SIZE = (960, 540)  # a video's 16:9 poster
PDF_MAX_BYTES = 5 * 1024 * 1024


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.0f} Mo"


def _open_picture(data: bytes, what: str) -> Image.Image:
    """The first frame of an uploaded PNG, JPEG, GIF or WebP image as RGBA, refused when it is not one, too
    heavy or too large."""
    if not data:
        raise DomainError("invalid", f"Le fichier {what} est vide.")
    if len(data) > LOGO_MAX_BYTES:
        raise DomainError("too_long", f"L'image dépasse {_megabytes(LOGO_MAX_BYTES)}.")
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.format not in LOGO_FORMATS:
                raise DomainError("invalid", "L'image doit être au format PNG, JPEG, GIF ou WebP.")
            if probe.width * probe.height > LOGO_MAX_PIXELS:
                raise DomainError("invalid", "L'image est trop grande (plus de 25 millions de pixels).")
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.seek(0)
            image.load()
            picture = image.convert("RGBA")
    except DomainError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise DomainError("invalid", "Ce fichier n'est pas une image lisible (PNG, JPEG, GIF ou WebP).") from None
    return picture


def prepare_logo(data: bytes) -> bytes:
    """A PNG of at most 256×256 pixels from an uploaded PNG, JPEG, GIF or WebP image (metadata dropped)."""
    picture = _open_picture(data, "du logo")
    picture.thumbnail(LOGO_BOX, Image.Resampling.LANCZOS)
    out = io.BytesIO()
    picture.save(out, format="PNG", optimize=True)
    return out.getvalue()


def prepare_banner(data: bytes, size: tuple[int, int] = BANNER_SIZE, what: str = "de la bannière") -> bytes:
    """A JPEG of `size` (1600×400 for banners) cropped from the middle of an uploaded image (metadata dropped)."""
    picture = _open_picture(data, what)
    background = Image.new("RGB", picture.size, (255, 255, 255))
    background.paste(picture, mask=picture.getchannel("A"))
    banner = ImageOps.fit(background, size, Image.Resampling.LANCZOS)
    out = io.BytesIO()
    banner.save(out, format="JPEG", quality=82, optimize=True, progressive=True)
    return out.getvalue()


def check_pdf(data: bytes) -> bytes:
    """The bytes of a real PDF under the size cap, whatever name or type the browser gave it."""
    if not data:
        raise DomainError("invalid", "Le document est vide.")
    if len(data) > PDF_MAX_BYTES:
        raise DomainError("too_long", f"Le document dépasse {_megabytes(PDF_MAX_BYTES)}.")
    if b"%PDF-" not in data[:1024] or b"%%EOF" not in data[-2048:]:
        raise DomainError("invalid", "Ce fichier n'est pas un PDF : seuls les documents PDF sont acceptés.")
    return data


# A dry run's CSV file, kept so that the real import can start from it (stands.import_jobs); never served.
IMPORT_SOURCE_TYPE = "text/csv"


async def store_media(db: AsyncSession, data: bytes, content_type: str) -> Media:
    """The media row for these bytes, created once (same bytes, same row)."""
    digest = hashlib.sha256(data).hexdigest()
    media = (await db.exec(select(Media).where(Media.sha256 == digest))).first()
    if media is None:
        media = Media(sha256=digest, content_type=content_type, size=len(data), data=data)
        db.add(media)
        await db.flush()
    return media


async def store_logo(db: AsyncSession, data: bytes) -> Media:
    return await store_media(db, await asyncio.to_thread(prepare_logo, data), "image/png")


async def store_banner(db: AsyncSession, data: bytes) -> Media:
    return await store_media(db, await asyncio.to_thread(prepare_banner, data), "image/jpeg")


async def store_poster(db: AsyncSession, data: bytes) -> Media:
    """A video's poster: a 960×540 JPEG, shown before the click instead of anything from the video host."""
    prepared = await asyncio.to_thread(prepare_banner, data, POSTER_SIZE, "de l'affiche")
    return await store_media(db, prepared, "image/jpeg")


async def store_pdf(db: AsyncSession, data: bytes) -> Media:
    return await store_media(db, check_pdf(data), "application/pdf")
