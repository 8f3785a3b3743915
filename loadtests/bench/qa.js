// Talk Q&A scenario (`python -m loadtests.bench talk-qa`): N pupils listening in one live talk room, which
// is not pre-moderated (bench.py's set-up), so that a question reaches the room as soon as it is stored.
// During the measured window (60 s by default):
//   - `questions` pupils (the first ones) each ask one question, evenly spread over the window;
//   - every pupil votes on `votes_per_pupil` questions (never their own), at times drawn uniformly in the
//     window, each on a question already acknowledged that the pupil has not voted for yet;
//   - the adult writers keep a chat stream at `rate` messages per second in the same room (as talk.js).
// What is measured (see the result's fields):
//   - question broadcast: from `question:ask` being emitted to `question:new` at each listener (the send
//     time travels in the question's text, as in chatgen.js), over every listener in the room;
//   - vote-to-visible: from a vote's ack {ok, votes: n} to the first `question:votes` carrying a count >= n
//     for that question, at the voter's own socket (0 when such a count came before the ack), and at a
//     few observer sockets for every vote;
//   - `question:votes` broadcasts: the arrival times at one observer, for bench.py to count per second;
//   - the acked votes per question and the last counts an observer saw, for bench.py to compare with the
//     database (every vote counted exactly once).
'use strict';

const { Generator, loadConfig, log, out, performance } = require('./chatgen');

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[i] * 100) / 100;
}

function spread(values) {
  const sorted = Float64Array.from(values).sort();
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length ? Math.round(sorted[sorted.length - 1] * 100) / 100 : null,
  };
}

// A tiny seeded generator, so that two runs draw the same vote times.
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class QA {
  constructor(gen, config, listeners) {
    this.gen = gen;
    this.config = config;
    this.listeners = listeners;
    this.room = listeners.length ? listeners[0].room : null;
    this.random = rng(config.seed || 1);
    this.questionRe = new RegExp(`^Question r${gen.run} q(\\d+) t([0-9.]+) `);
    this.questions = new Map(); // question number -> {t0, expected, got, id, asker}
    this.known = []; // acknowledged, approved question ids, in order
    this.authorOf = new Map(); // question id -> listener index of its asker
    this.questionLatencies = [];
    this.voteAckLatencies = [];
    this.visibleVoter = [];
    this.visibleObservers = [];
    this.ackedByQuestion = {};
    this.unansweredByQuestion = {}; // votes whose ack never came: stored or not, the database tells
    this.broadcastTimes = [];
    this.broadcastIds = 0;
    this.counts = {
      questions_asked: 0,
      questions_acked: 0,
      question_errors: {},
      question_status: {},
      question_duplicates: 0,
      question_foreign: 0,
      votes_sent: 0,
      votes_acked: 0,
      vote_errors: {},
      votes_unanswered: 0,
      votes_deferred: 0,
      votes_dropped: 0,
      votes_payload_other_room: 0,
    };
    this.pendingVotes = 0; // emitted, ack not yet in
    this.unresolved = new Set(); // acked votes not yet visible at the voter
    // Observers: a few listeners spread over the room that track every count (`latest`) and every acked
    // vote they have not yet seen (`waiting`: question id -> [{count, at}]).
    const k = Math.min(config.observers || 0, listeners.length);
    this.observers = [];
    for (let i = 0; i < k; i += 1) {
      const listener = listeners[Math.floor((i * listeners.length) / k)];
      listener.observer = { latest: new Map(), waiting: new Map() };
      this.observers.push(listener);
    }
    this.rateObserver = this.observers.length ? this.observers[0] : listeners[0];
    for (const listener of listeners) {
      listener.voted = new Map(); // question id -> {count, at, seen, visible}
      if (!listener.socket) continue;
      listener.socket.on('question:new', (q) => this.onQuestion(q));
      listener.socket.on('question:votes', (p) => this.onVotes(listener, p));
    }
  }

  // ---- schedule: questions evenly over the window, votes at uniform times

  schedule() {
    const windowMs = this.config.qa_window_s * 1000;
    const plan = [];
    const askers = Math.min(this.config.questions, this.listeners.length);
    for (let j = 0; j < askers; j += 1) plan.push({ at: (j * windowMs) / askers, kind: 'ask', who: j });
    for (let i = 0; i < this.listeners.length; i += 1) {
      for (let v = 0; v < this.config.votes_per_pupil; v += 1) {
        plan.push({ at: this.random() * windowMs, kind: 'vote', who: i });
      }
    }
    plan.sort((a, b) => a.at - b.at);
    return plan;
  }

  start() {
    const plan = this.schedule();
    const started = performance.now();
    const retryMs = 200;
    const lastVoteAt = this.config.qa_window_s * 1000 + (this.config.vote_slack_s || 5) * 1000;
    let next = 0;
    const retries = [];
    this.timer = setInterval(() => {
      const elapsed = performance.now() - started;
      while (next < plan.length && plan[next].at <= elapsed) {
        const item = plan[next++];
        if (item.kind === 'ask') this.ask(this.listeners[item.who], item.who);
        else if (!this.vote(this.listeners[item.who])) retries.push({ at: elapsed + retryMs, who: item.who });
      }
      // Votes that found no question to vote for yet, tried again a little later (bounded in time).
      for (let r = retries.length - 1; r >= 0; r -= 1) {
        if (retries[r].at > elapsed) continue;
        const { who } = retries.splice(r, 1)[0];
        if (this.vote(this.listeners[who])) continue;
        if (elapsed < lastVoteAt) retries.push({ at: elapsed + retryMs, who });
        else this.counts.votes_dropped += 1;
      }
      if (next >= plan.length && retries.length === 0) clearInterval(this.timer);
    }, 5);
  }

  stop() {
    clearInterval(this.timer);
  }

  // ---- asking

  ask(listener, number) {
    if (!listener.socket || !listener.socket.connected) return;
    const t0 = performance.now();
    const members = this.gen.members.get(this.room);
    const record = { t0, expected: members ? members.size : 0, got: 0, id: null, acked: false };
    this.questions.set(number, record);
    this.counts.questions_asked += 1;
    const text = `Question r${this.gen.run} q${number} t${t0.toFixed(3)} : quel diplôme faut-il pour commencer ?`;
    const payload = { room: this.room, text, client_id: `b${this.gen.run}-q${number}` };
    listener.socket.timeout(this.config.ack_timeout_ms).emit('question:ask', payload, (err, answer) => {
      record.acked = true;
      if (err || !answer || !answer.ok) {
        record.expected = 0; // not published: nobody will receive it
        const code = err ? 'timeout' : (answer && answer.error && answer.error.code) || 'unknown';
        this.counts.question_errors[code] = (this.counts.question_errors[code] || 0) + 1;
        if (Object.values(this.counts.question_errors).reduce((a, b) => a + b, 0) <= 3) {
          log(`question refused: ${err ? 'no ack' : JSON.stringify(answer && answer.error)}`);
        }
        return;
      }
      this.counts.questions_acked += 1;
      const q = answer.question;
      this.counts.question_status[q.status] = (this.counts.question_status[q.status] || 0) + 1;
      record.id = q.id;
      this.authorOf.set(q.id, listener.index);
      if (q.status === 'approved') {
        this.known.push(q.id);
        this.ackedByQuestion[q.id] = this.ackedByQuestion[q.id] || 0;
      } else {
        record.expected = 0; // pending: the room does not see it (the set-up should have made this impossible)
      }
    });
  }

  onQuestion(q) {
    const now = performance.now();
    const match = q && typeof q.text === 'string' ? this.questionRe.exec(q.text) : null;
    if (!match) {
      this.counts.question_foreign += 1;
      return;
    }
    const record = this.questions.get(Number(match[1]));
    if (!record) {
      this.counts.question_foreign += 1;
      return;
    }
    record.got += 1;
    if (record.got > record.expected && record.expected > 0) this.counts.question_duplicates += 1;
    this.questionLatencies.push(now - Number(match[2]));
  }

  // ---- voting

  vote(listener) {
    if (!listener.socket || !listener.socket.connected) return true; // nothing to retry
    const choices = this.known.filter((id) => !listener.voted.has(id) && this.authorOf.get(id) !== listener.index);
    if (choices.length === 0) {
      this.counts.votes_deferred += 1;
      return false;
    }
    const id = choices[Math.floor(this.random() * choices.length)];
    const vote = { count: null, at: null, seen: 0, visible: false };
    listener.voted.set(id, vote);
    const t0 = performance.now();
    this.counts.votes_sent += 1;
    this.pendingVotes += 1;
    listener.socket.timeout(this.config.ack_timeout_ms).emit('question:vote', { question_id: id }, (err, answer) => {
      this.pendingVotes -= 1;
      const now = performance.now();
      if (err) {
        this.counts.votes_unanswered += 1; // counted or not: bench.py reports these apart
        this.unansweredByQuestion[id] = (this.unansweredByQuestion[id] || 0) + 1;
        return;
      }
      if (!answer || !answer.ok) {
        const code = (answer && answer.error && answer.error.code) || 'unknown';
        this.counts.vote_errors[code] = (this.counts.vote_errors[code] || 0) + 1;
        if (Object.values(this.counts.vote_errors).reduce((a, b) => a + b, 0) <= 3) {
          log(`vote refused: ${JSON.stringify(answer && answer.error)}`);
        }
        return;
      }
      this.counts.votes_acked += 1;
      this.voteAckLatencies.push(now - t0);
      this.ackedByQuestion[id] = (this.ackedByQuestion[id] || 0) + 1;
      vote.count = answer.votes;
      vote.at = now;
      if (vote.seen >= vote.count) {
        vote.visible = true;
        this.visibleVoter.push(0);
      } else {
        this.unresolved.add(vote);
      }
      for (const obs of this.observers) {
        const state = obs.observer;
        if ((state.latest.get(id) || 0) >= vote.count) {
          this.visibleObservers.push(0);
          continue;
        }
        if (!state.waiting.has(id)) state.waiting.set(id, []);
        state.waiting.get(id).push({ count: vote.count, at: now });
      }
    });
    return true;
  }

  onVotes(listener, payload) {
    const now = performance.now();
    if (!payload || payload.room !== this.room || !payload.votes) {
      this.counts.votes_payload_other_room += 1;
      return;
    }
    const counts = payload.votes;
    if (listener === this.rateObserver && this.gen.phase !== 'connect') {
      this.broadcastTimes.push(now);
      this.broadcastIds += Object.keys(counts).length;
    }
    for (const [id, vote] of listener.voted) {
      const n = counts[id];
      if (n === undefined) continue;
      if (n > vote.seen) vote.seen = n;
      if (!vote.visible && vote.count !== null && n >= vote.count) {
        vote.visible = true;
        this.unresolved.delete(vote);
        this.visibleVoter.push(now - vote.at);
      }
    }
    const state = listener.observer;
    if (!state) return;
    for (const key of Object.keys(counts)) {
      const id = Number(key);
      const n = counts[key];
      if (n > (state.latest.get(id) || 0)) state.latest.set(id, n);
      const waiting = state.waiting.get(id);
      if (!waiting) continue;
      const still = [];
      for (const w of waiting) {
        if (n >= w.count) this.visibleObservers.push(now - w.at);
        else still.push(w);
      }
      if (still.length) state.waiting.set(id, still);
      else state.waiting.delete(id);
    }
  }

  // ---- end

  complete() {
    if (this.pendingVotes > 0 || this.unresolved.size > 0) return false;
    for (const record of this.questions.values()) {
      if (!record.acked || record.got < record.expected) return false;
    }
    return true;
  }

  result() {
    let expected = 0;
    let delivered = 0;
    for (const record of this.questions.values()) {
      expected += record.expected;
      delivered += Math.min(record.got, record.expected);
    }
    let observerWaiting = 0;
    for (const obs of this.observers) for (const list of obs.observer.waiting.values()) observerWaiting += list.length;
    const seen = {};
    if (this.rateObserver && this.rateObserver.observer) {
      for (const [id, n] of this.rateObserver.observer.latest) seen[id] = n;
    }
    const t0 = this.gen.measureStart;
    return {
      qa_room: this.room,
      ...this.counts,
      question_delivery: {
        expected,
        delivered,
        missing: expected - delivered,
        ratio: expected ? Math.round((delivered / expected) * 1e6) / 1e6 : null,
        latency_ms: spread(this.questionLatencies),
      },
      vote_ack_ms: spread(this.voteAckLatencies),
      vote_visible_voter_ms: { ...spread(this.visibleVoter), never_visible: this.unresolved.size },
      vote_visible_observers_ms: {
        ...spread(this.visibleObservers),
        observers: this.observers.length,
        never_visible: observerWaiting,
      },
      votes_broadcasts: {
        count: this.broadcastTimes.length,
        ids: this.broadcastIds,
        // Seconds from the start of the measured window, for bench.py to count per second.
        times_s: this.broadcastTimes.map((t) => Math.round(t - t0) / 1000),
      },
      acked_by_question: this.ackedByQuestion,
      unanswered_by_question: this.unansweredByQuestion,
      last_seen_by_question: seen,
    };
  }
}

class QAGenerator extends Generator {
  complete() {
    return super.complete() && (!this.qa || this.qa.complete());
  }

  summary(extra) {
    return { ...super.summary(extra), ...(this.qa ? this.qa.result() : {}) };
  }
}

async function main() {
  const config = loadConfig();
  const gen = new QAGenerator(config);
  const listeners = config.clients.map((c, index) => ({ ...c, index, join: true }));
  const writers = config.writers.map((c, i) => ({ ...c, index: listeners.length + i, join: false }));
  const started = performance.now();
  const connected = await gen.connectAll(listeners, config.connect_concurrency);
  const writersUp = await gen.connectAll(writers, writers.length);
  const connectSeconds = Math.round(performance.now() - started) / 1000;
  log(`connected ${connected}/${listeners.length} listeners and ${writersUp}/${writers.length} writers in ${connectSeconds} s`);
  out({ event: 'connected', connected, connect_s: connectSeconds });
  gen.qa = new QA(gen, config, listeners);
  await new Promise((resolve) => setTimeout(resolve, (config.settle_s || 2) * 1000));

  let chatTimer = null;
  let qaTimer = null;
  let turn = 0;
  const period = 1000 / config.rate;
  const start = () => {
    if (writers.length && config.rate > 0) {
      chatTimer = setInterval(() => {
        gen.send(writers[turn % writers.length]);
        turn += 1;
      }, period);
    }
    // The questions and votes start with the measured window (chatgen.js's warm-up comes first).
    qaTimer = setTimeout(() => gen.qa.start(), config.warmup_s * 1000);
  };
  const stop = () => {
    clearInterval(chatTimer);
    clearTimeout(qaTimer);
  };
  await gen.measure(start, stop, {
    scenario: 'talk-qa',
    listeners: listeners.length,
    clients_connected: connected,
    writer_sockets: writersUp,
    connect_s: connectSeconds,
    room: listeners.length ? listeners[0].room : null,
    rate_msgs_per_s: config.rate,
    questions_planned: Math.min(config.questions, listeners.length),
    votes_planned: listeners.length * config.votes_per_pupil,
    qa_window_s: config.qa_window_s,
  });
  setTimeout(() => process.exit(0), 500);
}

main().catch((err) => {
  log(`failed: ${err && err.stack}`);
  process.exit(1);
});
