"""Salon's talk-qa load test at small scale: one live talk, its Q&A and its chat, as locust users.

Run it through `make loadtest LOADTEST_ARGS="--scenario talk-qa"` (loadtests/run.py adds a live talk that is
not pre-moderated to the demo, `loadtests/bench/setup_db.py --qa-talk`, and passes its room as `--qa-room`).
The same behaviour as `python -m loadtests.bench talk-qa`, scaled to `--users`:

- pupils (all users but one): join with the class code, open the talk page's socket and join `talk:<id>`;
  the first `--qa-questions` of them (a tenth of the users by default, at least one more than the votes of
  a pupil, so that each can cast them all) each ask one question at a random
  moment of the Q&A window (`--qa-window` seconds from their arrival, 60), and every pupil votes on
  `--qa-votes-per-pupil` questions (5), never their own, at random moments of the window;
- one speaker (pro@demo.salon): a chat stream in the room, one message every 1 to 2 s (an adult's budget is
  30 per 15 s).

Measured, through `loadtests/scenarios/talk_qa.py`: question broadcast (ask → `question:new` at each
listener), vote-to-visible (the vote's ack → a `question:votes` carrying at least the acked count, at the
voter and at a few observers), `question:votes` per second, and every acked vote stored exactly once
(compared at the end with `GET /api/talks/{id}/questions`); chat deliveries as in loadtests/locustfile.py.
The summary goes into `--delivery-json` under `talk_qa`, where loadtests/run.py checks it.
"""

from __future__ import annotations

import json
import random
import secrets
import sys
import time
from pathlib import Path
from typing import Any

import gevent
import requests
from locust import LoadTestShape, between, constant, events, task

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the repository root, for `loadtests.`

from loadtests.scenarios import salon_user  # noqa: E402
from loadtests.scenarios.salon_user import REGISTRY, Fair, SalonUser  # noqa: E402
from loadtests.scenarios.talk_qa import QALedger  # noqa: E402

LEDGER = QALedger(run=f"lt{secrets.token_hex(3)}")
SPEAKER_LINES = (
    "Bienvenue à toutes et à tous, posez vos questions dans le fil.",
    "Je réponds d'abord aux questions qui ont le plus de votes.",
    "Merci pour toutes ces questions !",
)


class Plan:
    """Shared by the users: the talk room, the Q&A window and how many questions are still to ask."""

    room = ""
    talk_id = 0
    window = 60.0
    votes_per_pupil = 5
    questions_left = 0
    next_number = 0


@events.init_command_line_parser.add_listener
def _options(parser: Any) -> None:
    group = parser.add_argument_group("Salon")
    # The options loadtests/run.py passes to every scenario (see loadtests/locustfile.py).
    group.add_argument("--delivery-json", default="", help="where to write the delivery summary (JSON)")
    group.add_argument("--delivery-grace", type=float, default=5.0, help="seconds a receiver must stay")
    group.add_argument("--arrival", choices=("class", "linear"), default="linear", help="unused here")
    group.add_argument("--class-size", type=int, default=30, help="unused here")
    group.add_argument("--class-window", type=float, default=30.0, help="unused here")
    group.add_argument("--class-gap", type=float, default=15.0, help="unused here")
    group.add_argument("--sio-transports", default="polling,websocket", help="Socket.IO transports")
    group.add_argument("--progress-interval", type=float, default=5.0, help="seconds between progress lines")
    group.add_argument("--qa-room", default="", help="the live talk's room, talk:<id> (run.py sets it)")
    group.add_argument("--qa-questions", type=int, default=0, help="questions in all (0: a tenth of the users)")
    group.add_argument("--qa-votes-per-pupil", type=int, default=5, help="votes of each pupil")
    group.add_argument("--qa-window", type=float, default=60.0, help="seconds of questions and votes per pupil")


class QAPupil(SalonUser):
    """A pupil of DEMO-3E following the talk: maybe one question, a few votes, listening throughout."""

    weight = 1
    wait_time = constant(0)
    is_pupil = True

    def on_start(self) -> None:
        self.plan: list[tuple[float, str]] = []
        response = self.http.post("/api/auth/class", json={"class_code": Fair.class_code}, name="/api/auth/class")
        if not response.ok:
            return
        body = response.json()
        self.token, self.name, self.account = body["token"], body["pseudonym"], f"pupil:{id(self)}"
        self.page(f"/talks/{Plan.talk_id}", "/talks/[id]")
        if not self.open_socket() or self.join(Plan.room) is None:
            return
        LEDGER.joined(self.member)
        start = time.monotonic() + 2.0  # settle, as a pupil reads the page before asking
        if LEDGER.started_at is None:
            LEDGER.started_at = start
        self.plan = sorted((start + random.random() * Plan.window, "vote") for _ in range(Plan.votes_per_pupil))
        if Plan.questions_left > 0:
            Plan.questions_left -= 1
            self.plan = sorted([*self.plan, (start + random.random() * Plan.window, "ask")])

    def register_handlers(self, client: Any, member: str) -> None:
        client.on("question:new", lambda q: self._question(member, q))
        client.on("question:votes", lambda p: self._votes(member, p))

    def _question(self, member: str, question: Any) -> None:
        salon_user.RECEIVED["question:new"] += 1
        if isinstance(question, dict):
            LEDGER.question_seen(member, str(question.get("text", "")), time.time())

    def _votes(self, member: str, payload: Any) -> None:
        salon_user.RECEIVED["question:votes"] += 1
        if isinstance(payload, dict) and payload.get("room") == Plan.room and isinstance(payload.get("votes"), dict):
            LEDGER.votes_seen(member, payload["votes"], time.monotonic())

    @task
    def follow(self) -> None:
        if not self.plan or not self.connected:
            gevent.sleep(1.0)
            return
        at, action = self.plan[0]
        wait = at - time.monotonic()
        if wait > 0:
            gevent.sleep(min(wait, 1.0))
            return
        self.plan.pop(0)
        if action == "ask":
            self.ask()
        elif not self.vote() and at < vote_deadline():
            self.plan.insert(0, (time.monotonic() + 0.5, "vote"))  # no question yet: a little later

    def ask(self) -> None:
        Plan.next_number += 1
        number = Plan.next_number
        text = LEDGER.asking(number, time.time())
        ack = self.call("question:ask", {"room": Plan.room, "text": text, "client_id": f"{LEDGER.run}-q{number}"})
        LEDGER.ask_answered(number, ack, self.account)

    def vote(self) -> bool:
        question_id = LEDGER.vote_choice(self.member, self.account, random.choice)
        if question_id is None:
            return False
        ack = self.call("question:vote", {"question_id": question_id})
        LEDGER.vote_answered(self.member, question_id, ack, time.monotonic())
        return True

    def on_stop(self) -> None:
        LEDGER.left(self.member)
        super().on_stop()


def vote_deadline() -> float:
    """Votes that found no question are tried again until the window's end plus 5 s."""
    return (LEDGER.started_at or time.monotonic()) + Plan.window + 5.0


class QASpeaker(SalonUser):
    """The talk's speaker keeps the room's chat going."""

    fixed_count = 1
    wait_time = between(1, 2)

    def on_start(self) -> None:
        if self.login("pro@demo.salon"):
            self.open_socket()

    @task
    def speak(self) -> None:
        if not self.connected:
            self.open_socket()
            return
        self.send(Plan.room, random.choice(SPEAKER_LINES))


class LinearShape(LoadTestShape):
    """`--users` at `--spawn-rate`, for `--run-time`."""

    use_common_options = True

    def tick(self) -> tuple[int, float] | None:
        assert self.runner is not None
        options = self.runner.environment.parsed_options
        if options.run_time and self.get_run_time() >= options.run_time:
            return None
        return options.num_users, options.spawn_rate


@events.init.add_listener
def _init(environment: Any, **_: Any) -> None:
    options = environment.parsed_options
    if options is not None:
        SalonUser.transports = [t.strip() for t in options.sio_transports.split(",") if t.strip()]
        REGISTRY.grace = options.delivery_grace
        Plan.room = options.qa_room
        Plan.talk_id = int(options.qa_room.split(":")[1]) if options.qa_room.startswith("talk:") else 0
        Plan.window = options.qa_window
        Plan.votes_per_pupil = options.qa_votes_per_pupil
        # A tenth of the users, as 200 of 2,000, but enough for every pupil to cast all its votes.
        Plan.questions_left = options.qa_questions or max(options.num_users // 10, options.qa_votes_per_pupil + 1)


@events.test_start.add_listener
def _test_start(environment: Any, **_: Any) -> None:
    if not Plan.room.startswith("talk:"):
        print("[error] --qa-room talk:<id> is required (loadtests/run.py --scenario talk-qa sets it)", flush=True)
        environment.process_exit_code = 2
        gevent.spawn(environment.runner.quit)


@events.test_stopping.add_listener
def _test_stopping(environment: Any, **_: Any) -> None:
    REGISTRY.finish()


@events.test_stop.add_listener
def _test_stop(environment: Any, **_: Any) -> None:
    if REGISTRY.finished_at is None:
        REGISTRY.finish()
    stored = None
    try:
        found = requests.get(f"{environment.host}/api/talks/{Plan.talk_id}/questions", timeout=30).json()
        stored = {str(q["id"]): {"votes": int(q["votes"])} for q in found}
    except Exception as exc:  # the summary says the store could not be read
        print(f"[error] could not read the stored votes: {exc}", flush=True)
    talk_qa = LEDGER.summary(stored, Plan.window)
    summary = {
        "delivery": REGISTRY.summary(),
        "talk_qa": talk_qa,
        "received_events": dict(salon_user.RECEIVED),
        "sends_skipped_for_budget": dict(salon_user.SKIPPED),
    }
    path = getattr(environment.parsed_options, "delivery_json", "")
    if path:
        Path(path).write_text(json.dumps(summary, indent=2, ensure_ascii=False), encoding="utf-8")
    questions, accounting = talk_qa["questions"], talk_qa["accounting"]
    print(
        f"[delivery] {summary['delivery']['received']} of {summary['delivery']['expected']} chat deliveries; "
        f"questions {questions['received']} of {questions['expected']} deliveries, p99 {questions['p99_ms']} ms; "
        f"votes {accounting['acked']} acked, exactly once {accounting['exact']}; "
        f"vote-to-visible p99 {talk_qa['vote_visible_voter']['p99_ms']} ms; "
        f"question:votes max {talk_qa['votes_broadcasts']['max_per_s']}/s",
        flush=True,
    )
