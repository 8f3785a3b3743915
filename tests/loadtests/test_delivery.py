"""The delivery registry: what counts as an expected delivery, a receipt, a loss or an excuse."""

from __future__ import annotations

from loadtests.scenarios.delivery import CLASS_CHANNEL, DeliveryRegistry, new_client_id, percentile, sent_at


def send(registry: DeliveryRegistry, room: str, at: float, *, copied: bool = False) -> str:
    client_id = new_client_id(at)
    registry.sending(client_id, room, copied_to_class=copied)
    return client_id


def test_client_id_carries_its_send_time_and_fits_the_protocol():
    client_id = new_client_id(1_700_000_000.25)
    assert sent_at(client_id) == 1_700_000_000.25
    assert len(client_id) <= 64 and client_id.replace("-", "").isalnum()
    assert new_client_id(1.0) != new_client_id(1.0)
    assert sent_at("6f1c-browser-id") is None


def test_every_member_at_send_time_is_owed_the_message_and_receipts_are_counted_once():
    registry = DeliveryRegistry(grace=5)
    registry.join("a", "stand:1", now=0)
    registry.join("b", "stand:1", now=0)
    client_id = send(registry, "stand:1", at=10)
    assert registry.received("a", client_id, now=10.05) is not None
    assert registry.received("a", client_id, now=10.06) is None  # a duplicate
    registry.finish(now=100)
    summary = registry.summary()
    assert (summary["expected"], summary["received"], summary["ratio"]) == (2, 1, 0.5)
    assert summary["lost_samples"] == [{"client_id": client_id, "room": "stand:1", "receiver": "b"}]


def test_latency_comes_from_the_send_time_in_the_payload():
    registry = DeliveryRegistry()
    registry.join("a", "stand:1", now=0)
    client_id = send(registry, "stand:1", at=10)
    assert abs(registry.received("a", client_id, now=10.25) - 0.25) < 1e-6


def test_a_receiver_that_joined_after_the_send_is_owed_nothing_and_counts_as_extra():
    registry = DeliveryRegistry()
    client_id = send(registry, "stand:1", at=10)
    registry.join("late", "stand:1", now=10.01)
    registry.received("late", client_id, now=10.02)
    registry.finish(now=100)
    summary = registry.summary()
    assert (summary["expected"], summary["extra"]) == (0, 1)


def test_leaving_soon_after_a_send_excuses_but_a_drop_long_after_does_not():
    registry = DeliveryRegistry(grace=5)
    registry.join("left-soon", "stand:1", now=0)
    registry.join("dropped-later", "stand:1", now=0)
    client_id = send(registry, "stand:1", at=10)
    registry.leave("left-soon", "stand:1", now=12)
    registry.leave_all("dropped-later", now=30)  # e.g. the server closed the socket 20 s later
    registry.finish(now=100)
    summary = registry.summary()
    assert summary["channels"]["chat"]["excused"] == 1
    assert (summary["expected"], summary["received"]) == (1, 0)
    assert summary["lost_samples"][0]["receiver"] == "dropped-later"
    assert client_id == summary["lost_samples"][0]["client_id"]


def test_messages_of_the_last_seconds_are_excused_when_the_test_stops():
    registry = DeliveryRegistry(grace=5)
    registry.join("a", "stand:1", now=0)
    send(registry, "stand:1", at=98)
    registry.finish(now=100)
    assert registry.summary()["expected"] == 0


def test_nothing_sent_once_the_test_is_stopping_is_owed():
    registry = DeliveryRegistry(grace=5)
    registry.finish(now=100)
    registry.join("a", "stand:1", now=101)  # users still running while locust stops them
    send(registry, "stand:1", at=101)
    assert registry.summary()["expected"] == 0


def test_a_refused_send_is_owed_to_nobody():
    registry = DeliveryRegistry()
    registry.join("a", "stand:1", now=0)
    registry.void(send(registry, "stand:1", at=10))
    registry.finish(now=100)
    summary = registry.summary()
    assert (summary["messages"], summary["void"], summary["expected"]) == (0, 1, 0)


def test_class_copies_are_owed_to_listening_teachers_only_when_the_server_copies():
    registry = DeliveryRegistry()
    registry.join("teacher", CLASS_CHANNEL, now=0)
    registry.join("pupil", "stand:1", now=0)
    copied = send(registry, "stand:1", at=10, copied=True)
    send(registry, "talk:1", at=11, copied=False)
    registry.received("teacher", copied, channel="class", now=10.1)
    registry.received("pupil", copied, now=10.1)
    registry.finish(now=100)
    channels = registry.summary()["channels"]
    assert (channels["class"]["expected"], channels["class"]["received"]) == (1, 1)
    assert (channels["chat"]["expected"], channels["chat"]["received"]) == (1, 1)


def test_a_member_only_receives_in_the_rooms_it_joined():
    registry = DeliveryRegistry()
    registry.join("a", "stand:1", now=0)
    registry.join("b", "stand:2", now=0)
    client_id = send(registry, "stand:1", at=10)
    registry.received("b", client_id, now=10.1)  # not owed: counted as extra, not as a delivery
    registry.finish(now=100)
    summary = registry.summary()
    assert (summary["expected"], summary["received"], summary["extra"]) == (1, 0, 1)


def test_percentile_is_nearest_rank():
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 0.99) == 99.0
    assert percentile(values, 0.5) == 50.0
    assert percentile([], 0.99) is None
