"""Broadcast frames written straight to idle websockets (server/frames.py): the bytes, when the short cut is
taken, and that nothing arrives out of order or twice through a real server."""

from __future__ import annotations

import asyncio
import hashlib
import inspect
import re
import uuid
from types import SimpleNamespace

import engineio.async_server
import httpx
from websockets.client import ClientProtocol
from websockets.frames import Opcode
from websockets.protocol import State
from websockets.uri import parse_uri

from server.frames import LIBRARY_WEBSOCKET_HANDLER, WRITE_BUFFER_LIMIT, text_frame, write_direct
from server.outbox import BoundedOutbox
from tests.live import LiveClient, ServerProcess, demo_stand, pupil_token, staff_token


def read_back(data: bytes) -> list[tuple[Opcode, str]]:
    """What a browser's websocket makes of `data`."""
    client = ClientProtocol(parse_uri("ws://salon.test/socket.io/"), state=State.OPEN)
    client.receive_data(data)
    return [(frame.opcode, frame.data.decode()) for frame in client.events_received()]


def test_a_frame_reads_back_as_one_text_message_whatever_its_length():
    for text in ('42["chat:message",{"text":"Bonjour é 👋"}]', "4" + "x" * 300, "4" + "é" * 40_000):
        assert read_back(text_frame(text)) == [(Opcode.TEXT, text)]
    assert read_back(text_frame("4a") + text_frame("4b")) == [(Opcode.TEXT, "4a"), (Opcode.TEXT, "4b")]


class Transport:
    """Only what `write_direct` asks of an asyncio transport."""

    def __init__(self, buffered: int = 0) -> None:
        self.buffered, self.written = buffered, []

    def is_closing(self) -> bool:
        return False

    def get_write_buffer_size(self) -> int:
        return self.buffered

    def write(self, data: bytes) -> None:
        self.written.append(data)


async def a_socket(transport: Transport) -> SimpleNamespace:
    outbox = BoundedOutbox()
    reader = outbox.get_within(30)  # the writer task, waiting for its next packet
    protocol = SimpleNamespace(transport=transport, close_sent=False, conn=SimpleNamespace(state=State.OPEN))
    return SimpleNamespace(queue=outbox, upgraded=True, upgrading=False, salon_protocol=protocol, reader=reader)


async def test_an_idle_websocket_gets_the_frame_and_a_busy_one_keeps_its_queue():
    socket = await a_socket(Transport())
    assert write_direct(socket, b"frame-1") and socket.queue.empty()
    assert socket.salon_protocol.transport.written == [b"frame-1"]
    socket.queue.put_nowait("queued before")  # the writer has something on the way out: the frame must wait
    assert not write_direct(socket, b"frame-2")
    assert await socket.reader == "queued before"
    socket.reader = None
    assert not write_direct(socket, b"frame-3")  # the writer is sending, not waiting
    polling = await a_socket(Transport())
    polling.upgraded = False
    assert not write_direct(polling, b"frame")
    polling.upgraded, polling.salon_protocol.conn.state = True, State.CLOSING
    assert not write_direct(polling, b"frame")


async def test_a_client_that_stops_reading_is_cut_off_past_the_buffer_limit():
    socket = await a_socket(Transport(buffered=WRITE_BUFFER_LIMIT + 1))
    assert write_direct(socket, b"frame")  # taken care of: dropped
    assert socket.salon_protocol.transport.written == []
    assert socket.queue.overflowed and await socket.reader is None  # the writer ends, the socket closes


async def counters(url: str) -> dict[str, int]:
    async with httpx.AsyncClient(base_url=url) as http:
        text = (await http.get("/metrics")).text
    return {name: int(value) for name, value in re.findall(r"^(salon_deliveries_\w+) (\d+)$", text, re.M)}


async def test_websocket_and_long_polling_listeners_get_every_message_once_and_in_order(server: ServerProcess):
    room = f"stand:{await demo_stand(server.url, staffed=True)}"
    pro = await LiveClient().connect(server.url, await staff_token(server.url))
    websocket = await LiveClient().connect(server.url, (await pupil_token(server.url))["token"])
    polling = await LiveClient().connect(server.url, (await pupil_token(server.url))["token"], transports=["polling"])
    try:
        for client in (pro, websocket, polling):
            await client.join(room)
        before = await counters(server.url)
        tag = uuid.uuid4().hex[:8]
        acks = await asyncio.gather(*(pro.send(room, f"{tag} {n}") for n in range(12)))
        assert all(ack["ok"] for ack in acks), acks
        sent = sorted(ack["message"]["seq"] for ack in acks)
        for client in (websocket, polling, pro):
            await client.wait_for("chat:message", lambda m: m["seq"] == sent[-1])
            mine = [m["seq"] for m in client.events["chat:message"] if m["text"].startswith(tag)]
            assert mine == sent  # each once, in the room's order
        after = await counters(server.url)
        assert after["salon_deliveries_direct_total"] > before["salon_deliveries_direct_total"]
        assert after["salon_deliveries_queued_total"] >= before["salon_deliveries_queued_total"] + 12  # polling
    finally:
        for client in (pro, websocket, polling):
            await client.close()


def test_the_library_code_our_replacements_follow_has_not_changed():
    """`server.frames._websocket_handler` and `server.outbox.BoundedEngineIO._service_task` are rewrites of
    python-engineio 4.15's; a new release that changes the originals must be read before it is used."""
    fingerprints = {
        "AsyncSocket._websocket_handler": (LIBRARY_WEBSOCKET_HANDLER, "27f120df4d717a24"),
        "AsyncServer._service_task": (engineio.async_server.AsyncServer._service_task, "b6358bda51d0b34b"),
    }
    for name, (function, expected) in fingerprints.items():
        assert hashlib.sha256(inspect.getsource(function).encode()).hexdigest()[:16] == expected, name
