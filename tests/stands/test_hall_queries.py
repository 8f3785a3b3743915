"""The N+1 guard: the hall and the stands API issue the same number of SQL statements for 10 stands as
for 200 (logos, job cards, offers and staffed hours included)."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager

import pytest
from markupsafe import escape
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from loadtests.scenarios.hall_event import seed_hall_event, stand_name
from server.db import create_engine, create_session_factory
from tests.stands.inprocess import InProcessApp, migrated_sqlite, running_app

SMALL, BIG = "salon-de-10-stands", "salon-de-200-stands"


@pytest.fixture(scope="module")
async def app(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[InProcessApp]:
    url = await migrated_sqlite(str(tmp_path_factory.mktemp("hall-queries")))
    engine = create_engine(url)
    try:
        async with create_session_factory(engine)() as db:
            await seed_hall_event(db, stands=10, slug=SMALL)
            await seed_hall_event(db, stands=200, slug=BIG)
    finally:
        await engine.dispose()
    async with running_app(url) as running:
        yield running


@contextmanager
def counting(engine: AsyncEngine) -> Iterator[list[str]]:
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        statements.append(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", record)


async def statements_for(app: InProcessApp, path: str) -> list[str]:
    assert app.services.engine is not None
    await app.client.get(path)  # warm: pool connections opened, caches filled
    with counting(app.services.engine) as statements:
        response = await app.client.get(path)
    assert response.status_code == 200, response.text
    return statements


@pytest.mark.parametrize(
    "query",
    ["", "?q=metiers", "?q=M1805&offers=1", "?sector=industrie&kind=company", "?department=14&open_now=1", "?page=3"],
)
async def test_hall_page_queries_do_not_grow_with_the_stands(app, query):
    small = await statements_for(app, f"/events/{SMALL}{query}")
    big = await statements_for(app, f"/events/{BIG}{query}")
    assert len(small) == len(big), (small, big)
    # the event, the departments, the stands, their job cards, whether the event has CFA rooms (the house's link)
    assert 0 < len(big) <= 5, big


def card_of(page: str, name: str) -> str:
    found = re.search(rf'<article [^>]*data-stand-name="{re.escape(str(escape(name)))}"[\s\S]*?</article>', page)
    assert found, name
    return found.group(0)


async def test_hall_of_200_stands_shows_logos_offers_and_open_stands(app):
    page = (await app.client.get(f"/events/{BIG}")).text
    assert "200 stands" in page and page.count("<article ") == 24
    first, second = card_of(page, stand_name(0)), card_of(page, stand_name(1))
    logo = re.search(r'<img class="stand-logo" src="/media/([0-9a-f]{64})" alt=""', first)
    assert logo and "Stages ou apprentissage" in first
    assert "<img" not in second and "Stages ou apprentissage" not in second
    assert 'class="stand-logo stand-mark' in second  # no logo: an initials mark, never a blank


async def test_stands_api_queries_do_not_grow_with_the_stands(app):
    small = await statements_for(app, f"/api/events/{SMALL}/stands")
    big = await statements_for(app, f"/api/events/{BIG}/stands")
    assert len(small) == len(big) and 0 < len(big) <= 3, (small, big)
    assert len((await app.client.get(f"/api/events/{BIG}/stands")).json()) == 200
