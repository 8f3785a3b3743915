"""GET /media/{sha256}: uploaded logos and PDFs, straight from the database.

The address is the content's hash, so a file never changes under its URL: browsers and proxies may keep
it for a year without asking again (`immutable`), and the hash is a strong ETag. PDFs open in the browser
under their document's title, sandboxed (`Content-Security-Policy: sandbox`) so that a crafted file cannot
run script with the site's origin.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

from sqlmodel import col, select
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from server.errors import DomainError
from server.i18n import gettext as _
from server.web import services
from stands.models import Document, Media
from stands.uploads import IMPORT_SOURCE_TYPE

SHA256 = re.compile(r"^[0-9a-f]{64}$")
CACHE_FOREVER = "public, max-age=31536000, immutable"
PDF = "application/pdf"
MAX_FILENAME = 120
UNSAFE_IN_FILENAME = re.compile(r'[\x00-\x1f\x7f"\\/:*?<>|;]+')


def etag_matches(if_none_match: str | None, etag: str) -> bool:
    """Whether an If-None-Match header names this ETag (weak comparison, as RFC 9110 asks for it)."""
    if not if_none_match:
        return False
    if if_none_match.strip() == "*":
        return True
    wanted = etag.removeprefix("W/")
    return any(tag.strip().removeprefix("W/") == wanted for tag in if_none_match.split(","))


def pdf_filename(title: str) -> str:
    """The file name of a document: its title, cleaned of what file systems refuse, ending in .pdf."""
    name = " ".join(UNSAFE_IN_FILENAME.sub(" ", title or "").split()).strip(" .")[:MAX_FILENAME].strip(" .")
    name = name or _("document")
    return name if name.lower().endswith(".pdf") else f"{name}.pdf"


def content_disposition(filename: str) -> str:
    """`inline` with an ASCII fallback name and the exact UTF-8 name (RFC 6266 and RFC 5987)."""
    ascii_name = unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode("ascii")
    ascii_name = re.sub(r"[^A-Za-z0-9 ._()'-]", "_", ascii_name).strip()
    if not ascii_name.removesuffix(".pdf").strip(" ._"):
        ascii_name = "document.pdf"
    return f"inline; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"


def media_headers(sha256: str, content_type: str, title: str | None) -> dict[str, str]:
    headers = {
        "ETag": f'"{sha256}"',
        "Cache-Control": CACHE_FOREVER,
        "X-Content-Type-Options": "nosniff",
    }
    if content_type == PDF:
        headers["Content-Disposition"] = content_disposition(pdf_filename(title or ""))
        headers["Content-Security-Policy"] = "sandbox"
    return headers


async def media_file(request: Request) -> Response:
    sha256 = request.path_params["sha256"]
    if not SHA256.match(sha256):
        raise DomainError("not_found", _("Ce fichier n'existe pas."))
    async with services(request).sessions() as db:
        # The file's bytes are read only when they are sent, not for a 304.
        found = (
            await db.exec(
                select(Media.id, Media.content_type, Document.title)
                .outerjoin(Document, col(Document.media_id) == col(Media.id))
                .where(Media.sha256 == sha256)
                .order_by(col(Document.id))
                .limit(1)
            )
        ).first()
        if found is None:
            raise DomainError("not_found", _("Ce fichier n'existe pas."))
        media_id, content_type, title = found
        if content_type == IMPORT_SOURCE_TYPE:  # an import's file is the organisers' business only
            raise DomainError("not_found", _("Ce fichier n'existe pas."))
        headers = media_headers(sha256, content_type, title)
        if etag_matches(request.headers.get("if-none-match"), headers["ETag"]):
            return Response(status_code=304, headers=headers)
        data = (await db.exec(select(Media.data).where(Media.id == media_id))).one()
    return Response(data, media_type=content_type, headers=headers)


routes = [Route("/media/{sha256:str}", media_file, methods=["GET"])]
