"""Salon's load test: a class-room career fair, as locust users over HTTP and Socket.IO.

Run it through `make loadtest` (loadtests/run.py starts a fresh local deployment, runs this headless,
checks the SLOs); see loadtests/README.md. Who is simulated:

- pupils (most users): join with the class code, browse the hall, open stands (a new socket per page, as
  the browser), chat in stand rooms now and then, sometimes ask a stand privately (`thread:open`), and
  follow a talk's chat (`talk:<id>`, read-only for pupils);
- two professionals (pro@ and pro2@demo.salon): the console (`console:state`, every room of their
  stands), answering private questions (`thread:updated` -> `thread:take` -> answer) and public ones,
  speaking in their talks' rooms;
- a teacher (prof@demo.salon): the class page, listening to `class:message`;
- an organiser (orga@demo.salon): pages, the moderators' console, announcements in talk rooms.

Pupils arrive class by class (`ClassShape`): 30 pupils of a class within half a minute, a new class every
15 s, up to `--users`. Every chat message carries its send time; each receipt is a "chat delivery" (or,
for the teacher's copy, a "class copy") sample in locust's statistics, and the delivery registry turns
room membership at send time into the delivery ratio written to `--delivery-json`.
"""

from __future__ import annotations

import itertools
import json
import random
import sys
import time
from collections import deque
from pathlib import Path
from typing import Any

import gevent
import psutil
from locust import LoadTestShape, between, events, task

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the repository root, for `loadtests.`

from loadtests.scenarios import salon_user  # noqa: E402
from loadtests.scenarios.delivery import DeliveryRegistry  # noqa: E402
from loadtests.scenarios.pacing import ClassArrivals  # noqa: E402
from loadtests.scenarios.salon_user import REGISTRY, Fair, SalonUser  # noqa: E402
from loadtests.scenarios.slo import CHAT_DELIVERY, CLASS_DELIVERY, DELIVERY_TYPE  # noqa: E402

QUESTIONS = (
    "Bonjour, il faut quel diplôme pour commencer ?",
    "Est-ce que vous prenez des stagiaires de troisième ?",
    "C'est quoi une journée type dans votre métier ?",
    "On peut faire ce métier en apprentissage ?",
    "Il faut être fort en maths ?",
    "Vous travaillez le week-end ?",
    "Ça paie bien au début ?",
    "Quelles qualités faut-il avoir ?",
    "Il y a des filles dans votre équipe ?",
    "Où est-ce qu'on peut se former près de Caen ?",
)
ANSWERS = (
    "Bonne question ! On commence souvent avec un CAP, puis on peut continuer en bac pro.",
    "Oui, nous accueillons des stagiaires de troisième toute l'année, demandez à votre professeur.",
    "Le matin on prépare le chantier, l'après-midi on fabrique. Aucune journée ne se ressemble.",
    "Oui, l'apprentissage est même la voie la plus courante chez nous.",
    "Il faut surtout être curieux et soigneux, les calculs s'apprennent en formation.",
)
TALK_LINES = (
    "Bienvenue à toutes et à tous, on commence dans une minute.",
    "Posez vos questions à votre professeur, nous y répondrons à la fin.",
    "Merci d'avoir suivi cette présentation !",
)


@events.init_command_line_parser.add_listener
def _options(parser: Any) -> None:
    group = parser.add_argument_group("Salon")
    group.add_argument("--delivery-json", default="", help="where to write the delivery summary (JSON)")
    group.add_argument("--delivery-grace", type=float, default=5.0, help="seconds a receiver must stay")
    group.add_argument("--arrival", choices=("class", "linear"), default="class", help="arrival pattern")
    group.add_argument("--class-size", type=int, default=30, help="pupils per class")
    group.add_argument("--class-window", type=float, default=30.0, help="seconds for a class to arrive")
    group.add_argument("--class-gap", type=float, default=15.0, help="seconds between two classes")
    group.add_argument("--sio-transports", default="polling,websocket", help="Socket.IO transports")
    group.add_argument("--progress-interval", type=float, default=5.0, help="seconds between progress lines")


class Pupil(SalonUser):
    """A pupil of class DEMO-3E. Writes about once every 15 s on average (budget: 10 per 15 s)."""

    weight = 1
    wait_time = between(3, 8)
    is_pupil = True

    def on_start(self) -> None:
        self.stand: int | None = None
        self.threads: dict[int, str] = {}  # stand id -> this pupil's private thread there
        self.talk: str | None = None
        if self.sign_in():
            self.page(f"/events/{Fair.slug}", "/events/[slug]")
            self.visit_stand()

    def sign_in(self) -> bool:
        response = self.http.post("/api/auth/class", json={"class_code": Fair.class_code}, name="/api/auth/class")
        if not response.ok:
            return False
        body = response.json()
        # The send budget is per account: one per user here (pseudonyms may repeat).
        self.token, self.name, self.account = body["token"], body["pseudonym"], f"pupil:{id(self)}"
        return True

    def ready(self) -> bool:
        """Signed in with a live socket on a stand page; otherwise get there (a reload after a drop)."""
        if self.token is None and not self.sign_in():
            return False
        if not self.connected or self.stand is None:
            self.visit_stand()
            return False
        return True

    @task(4)
    def visit_stand(self) -> None:
        if self.token is None and not self.sign_in():
            return
        # Most pupils go where someone answers; some wander.
        stand = random.choice(Fair.staffed if Fair.staffed and random.random() < 0.7 else Fair.stands)
        self.page(f"/stands/{stand}", "/stands/[id]")
        self.stand, self.talk = None, None
        if not self.open_socket():
            return
        if self.join(f"stand:{stand}") is None:
            return
        self.stand = stand
        if stand in self.threads:  # the stand page shows the pupil's private question again
            self.join(self.threads[stand])

    @task(6)
    def write(self) -> None:
        if not self.ready():
            return
        assert self.stand is not None
        thread = self.threads.get(self.stand)
        room = thread if thread and random.random() < 0.4 else f"stand:{self.stand}"
        self.send(room, random.choice(QUESTIONS))

    @task(1)
    def ask_privately(self) -> None:
        if not self.ready() or self.stand not in Fair.staffed:
            return
        assert self.stand is not None
        room = self.threads.get(self.stand)
        if room is None:
            ack = self.call("thread:open", {"stand_id": self.stand}, timeout=salon_user.JOIN_TIMEOUT)
            if ack is None:
                return
            room = self.threads[self.stand] = ack["thread"]["room"]
        if self.join(room) is not None:
            self.send(room, "J'ai une question un peu personnelle : " + random.choice(QUESTIONS).lower())

    @task(1)
    def follow_talk(self) -> None:
        if not self.ready():
            return
        response = self.http.get(f"/api/events/{Fair.slug}/talks", name="/api/events/[slug]/talks")
        talks = response.json() if response.ok else []
        if not talks:
            return
        talk = random.choice(talks)
        room = talk.get("room") or f"talk:{talk['id']}"
        if self.talk and self.talk != room:
            self.leave(self.talk)
        if self.join(room) is not None:
            self.talk = room

    @task(2)
    def browse_hall(self) -> None:
        sector = random.choice(("", "?sector=industrie", "?sector=btp", "?q=cuisine"))
        self.page(f"/events/{Fair.slug}{sector}", "/events/[slug]")


class Professional(SalonUser):
    """Staff at the demo stands, on the console. Answers private questions first, then public ones."""

    fixed_count = 2
    wait_time = between(1, 3)
    accounts = ("pro@demo.salon", "pro2@demo.salon")
    _numbers = itertools.count()

    def on_start(self) -> None:
        self.email = self.accounts[next(self._numbers) % len(self.accounts)]
        self.waiting: dict[str, dict[str, Any]] = {}  # thread room -> Thread, waiting for an answer
        self.questions: deque[str] = deque(maxlen=20)  # public rooms with a pupil's question
        self.talk_rooms: list[str] = []
        if self.login(self.email):
            self.page("/console")
            self.open_console()

    def register_handlers(self, client: Any, member: str) -> None:
        client.on("thread:updated", self._thread_updated)

    def _thread_updated(self, thread: Any) -> None:
        salon_user.RECEIVED["thread:updated"] += 1
        if isinstance(thread, dict) and thread.get("state") == "waiting":
            self.waiting[thread["room"]] = thread
        elif isinstance(thread, dict):
            self.waiting.pop(thread.get("room", ""), None)

    def on_chat_message(self, message: dict[str, Any]) -> None:
        from_pupil = message.get("author", {}).get("role") == "pupil"
        if from_pupil and message.get("room", "").startswith("stand:") and random.random() < 0.5:
            self.questions.append(message["room"])

    def open_console(self) -> None:
        if not self.open_socket():
            return
        state = self.call("console:state", {})
        if state is None:
            return
        my_stands = {room["stand_id"] for room in state["rooms"]}
        for room in state["rooms"]:
            self.join(room["room"])
        self.talk_rooms = [t["room"] for t in Fair.talks if t.get("stand_id") in my_stands]
        for room in self.talk_rooms:
            self.join(room)
        self._note_waiting(state["threads"])

    def _note_waiting(self, threads: list[dict[str, Any]]) -> None:
        for thread in threads:
            if thread["state"] == "waiting":
                self.waiting[thread["room"]] = thread

    @task(5)
    def answer_thread(self) -> None:
        if not self.connected:
            self.open_console()
            return
        if not self.waiting:
            return
        room, thread = min(self.waiting.items(), key=lambda item: item[1].get("waiting_since") or "")
        taker = thread.get("taken_by")
        if taker and taker.get("name") != self.name:
            self.waiting.pop(room, None)  # a colleague answers this one
            return
        ack = self.call("thread:take", {"room": room}, allowed=("conflict",))
        if ack is None or not ack.get("ok"):
            self.waiting.pop(room, None)
            return
        if self.join(room) is None:
            return
        message = self.send(room, random.choice(ANSWERS))
        if message is not None:
            self.waiting.pop(room, None)
            self.call("room:read", {"room": room, "seq": message["seq"]})

    @task(3)
    def answer_public(self) -> None:
        if self.connected and self.questions:
            self.send(self.questions.popleft(), random.choice(ANSWERS))

    @task(1)
    def refresh_console(self) -> None:
        if self.connected and (state := self.call("console:state", {})) is not None:
            self._note_waiting(state["threads"])

    @task(1)
    def speak_in_talk(self) -> None:
        if self.connected and self.talk_rooms:
            self.send(random.choice(self.talk_rooms), random.choice(TALK_LINES))


class Teacher(SalonUser):
    """The class's teacher on /classe: every message of their pupils arrives as `class:message`."""

    fixed_count = 1
    wait_time = between(20, 40)

    def on_start(self) -> None:
        if self.login("prof@demo.salon"):
            self.open_class_page()

    def register_handlers(self, client: Any, member: str) -> None:
        client.on("class:message", lambda data: self._class_message(member, data))

    def _class_message(self, member: str, data: Any) -> None:
        salon_user.RECEIVED["class:message"] += 1
        message = data.get("message") if isinstance(data, dict) else None
        if isinstance(message, dict):
            self._delivered(member, str(message.get("client_id", "")), "class", CLASS_DELIVERY, len(message["text"]))

    @task
    def open_class_page(self) -> None:
        """Open (or reload) /classe: the page's history, then a new socket listening to the class."""
        if self.page("/classe") and self.open_socket():
            self.listen_to_class()


class Organiser(SalonUser):
    """The organisers' team: pages, the moderators' console, announcements in the talks' rooms."""

    fixed_count = 1
    wait_time = between(5, 15)

    def on_start(self) -> None:
        if self.login("orga@demo.salon"):
            self.page("/console")
            self.open_console()

    def open_console(self) -> None:
        if self.open_socket() and (state := self.call("console:state", {})) is not None:
            for room in state["rooms"]:
                self.join(room["room"])

    @task(3)
    def pages(self) -> None:
        self.page(random.choice(("/", f"/events/{Fair.slug}", "/console")), None)

    @task(2)
    def console(self) -> None:
        if not self.connected:
            self.open_console()
        else:
            self.call("console:state", {})

    @task(1)
    def announce(self) -> None:
        if self.connected and Fair.talks:
            room = random.choice(Fair.talks)["room"]
            if self.join(room) is not None:
                self.send(room, random.choice(TALK_LINES))


ADULTS = sum(user.fixed_count for user in (Professional, Teacher, Organiser))


class ClassShape(LoadTestShape):
    """`--users`, `--spawn-rate` (the most users started per second) and `--run-time` as usual; pupils
    arrive class by class (`--arrival class`, the default) or at the spawn rate (`--arrival linear`)."""

    use_common_options = True

    def tick(self) -> tuple[int, float] | None:
        assert self.runner is not None
        options = self.runner.environment.parsed_options
        elapsed = self.get_run_time()
        if options.run_time and elapsed >= options.run_time:
            return None
        if options.arrival == "linear":
            return options.num_users, options.spawn_rate
        arrivals = ClassArrivals(
            users=options.num_users,
            adults=ADULTS,
            class_size=options.class_size,
            window=options.class_window,
            gap=options.class_gap,
        )
        return arrivals.target(elapsed), options.spawn_rate


# Test lifecycle ------------------------------------------------------------------------------------


@events.init.add_listener
def _init(environment: Any, **_: Any) -> None:
    options = environment.parsed_options
    if options is not None:
        SalonUser.transports = [t.strip() for t in options.sio_transports.split(",") if t.strip()]
        REGISTRY.grace = options.delivery_grace


@events.test_start.add_listener
def _test_start(environment: Any, **_: Any) -> None:
    try:
        Fair.load(environment.host)
    except Exception as exc:  # no fair, no test: say so and stop rather than fail every task
        print(f"[error] could not read the demo fair at {environment.host}: {exc}", flush=True)
        environment.process_exit_code = 2
        gevent.spawn(environment.runner.quit)
        return
    interval = getattr(environment.parsed_options, "progress_interval", 5.0)
    gevent.spawn(_progress, environment, interval)


def _progress(environment: Any, interval: float) -> None:
    """One line every `interval` seconds, for run.py to show (it adds the servers' CPU)."""
    started = time.monotonic()
    me = psutil.Process()
    me.cpu_percent(None)
    while True:
        gevent.sleep(interval)
        runner, stats = environment.runner, environment.stats
        if runner is None or runner.state in ("stopped", "quitting"):
            return
        chat = stats.get(CHAT_DELIVERY, DELIVERY_TYPE)
        try:
            p95 = chat.get_current_response_time_percentile(0.95) if chat.num_requests else None
        except ValueError:  # no response-time cache (it is on in headless runs)
            p95 = None
        print(
            f"[progress] {time.monotonic() - started:4.0f}s users={runner.user_count} "
            f"requests={stats.total.num_requests - _deliveries(stats)} failures={stats.total.num_failures} "
            f"deliveries={chat.num_requests} p95(10s)={'-' if p95 is None else f'{p95:.0f}ms'} "
            f"generator_cpu={me.cpu_percent(None):.0f}%",
            flush=True,
        )


def _deliveries(stats: Any) -> int:
    return sum(entry.num_requests for (_, kind), entry in stats.entries.items() if kind == DELIVERY_TYPE)


@events.test_stopping.add_listener
def _test_stopping(environment: Any, **_: Any) -> None:
    REGISTRY.finish()  # sockets closing from now on are not losses


@events.test_stop.add_listener
def _test_stop(environment: Any, **_: Any) -> None:
    if REGISTRY.finished_at is None:
        REGISTRY.finish()
    path = getattr(environment.parsed_options, "delivery_json", "")
    summary = report(REGISTRY)
    if path:
        Path(path).write_text(json.dumps(summary, indent=2, ensure_ascii=False), encoding="utf-8")
    delivery = summary["delivery"]
    print(
        f"[delivery] {delivery['received']} of {delivery['expected']} expected deliveries received "
        f"(ratio {delivery['ratio']}), {delivery['extra']} extra, {delivery['void']} refused sends",
        flush=True,
    )


def report(registry: DeliveryRegistry) -> dict[str, Any]:
    return {
        "delivery": registry.summary(),
        "received_events": dict(salon_user.RECEIVED),
        "sends_skipped_for_budget": dict(salon_user.SKIPPED),
        "fair": {"stands": len(Fair.stands), "staffed": Fair.staffed, "talks": len(Fair.talks)},
    }
