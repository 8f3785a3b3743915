"""The Engine.IO heartbeat through a real server with a ping every second: clients that answer stay connected
however long they stay (their packets may all go straight to the connection, server/frames.py), a client
that stops answering is closed by the server."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator

import pytest
import socketio
from engineio import packet as eio_packet

from tests.live import LiveClient, ServerProcess, base_env, demo_stand, prepare_database, pupil_token, staff_token

PING_INTERVAL, PING_TIMEOUT = 1, 3  # a client that answers late on a busy CI machine still answers in time


@pytest.fixture(scope="module")
def fast_heartbeat(tmp_path_factory) -> Iterator[ServerProcess]:
    env = base_env(
        f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('heartbeat') / 'salon.db'}",
        SALON_PING_INTERVAL=str(PING_INTERVAL),
        SALON_PING_TIMEOUT=str(PING_TIMEOUT),
    )
    prepare_database(env)
    process = ServerProcess(env).start()
    yield process
    process.stop()


def count_pings(client: LiveClient) -> list[int]:
    seen = [0]
    receive = client.sio.eio._receive_packet

    async def counting(pkt: eio_packet.Packet) -> None:
        if pkt.packet_type == eio_packet.PING:
            seen[0] += 1
        await receive(pkt)

    client.sio.eio._receive_packet = counting
    return seen


async def test_clients_that_answer_pings_stay_connected_and_keep_receiving(fast_heartbeat: ServerProcess):
    url = fast_heartbeat.url
    room = f"stand:{await demo_stand(url, staffed=True)}"
    websocket = await LiveClient().connect(url, (await pupil_token(url))["token"])
    polling = await LiveClient().connect(url, (await pupil_token(url))["token"], transports=["polling"])
    pro = await LiveClient().connect(url, await staff_token(url))
    pings = count_pings(websocket)
    try:
        for client in (websocket, polling, pro):
            await client.join(room)
        await asyncio.sleep(2 * (PING_INTERVAL + PING_TIMEOUT))  # twice as long as an idle writer used to last
        assert pings[0] >= 5
        assert websocket.sio.connected and polling.sio.connected and pro.sio.connected
        ack = await pro.send(room, f"toujours là {uuid.uuid4().hex[:6]}")
        for client in (websocket, polling):
            await client.wait_for("chat:message", lambda m: m["id"] == ack["message"]["id"])
    finally:
        for client in (websocket, polling, pro):
            await client.close()


async def test_a_client_that_stops_answering_pings_is_closed_by_the_server(fast_heartbeat: ServerProcess):
    url = fast_heartbeat.url
    silent = socketio.AsyncClient(reconnection=False)
    gone = asyncio.Event()
    silent.on("disconnect", lambda *reason: gone.set())
    await silent.connect(url, auth={"token": (await pupil_token(url))["token"]}, transports=["websocket"])
    send = silent.eio._send_packet

    async def no_pong(pkt: eio_packet.Packet) -> None:
        if pkt.packet_type != eio_packet.PONG:  # it still hears the pings, so it does not leave by itself
            await send(pkt)

    silent.eio._send_packet = no_pong
    try:
        await asyncio.wait_for(gone.wait(), 5 * (PING_INTERVAL + PING_TIMEOUT))
    finally:
        await silent.disconnect()
