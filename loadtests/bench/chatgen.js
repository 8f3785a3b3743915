// The chat load generator shared by stands.js and talk.js (driven by loadtests/bench.py).
//
// One Node process, many socket.io-client sockets (websocket transport only, one connection each).
// Senders put a monotonic timestamp in the text of each message; every receiver computes the delay
// when `chat:message` arrives. Since sender and receivers live in this one process, the clock is the
// same (performance.now(), sub-millisecond).
//
// Protocol with bench.py: the config is a JSON file given as the only argument; progress goes to
// stderr; stdout carries JSON lines: {"event": "connected"}, {"event": "measure_start"},
// {"event": "measure_end"} (bench.py reads CPU counters at these two) and finally {"event": "result"}.
'use strict';

const fs = require('fs');
const path = require('path');
const { performance } = require('perf_hooks');

// socket.io-client comes from the project's node_modules (package.json), whatever the cwd.
const { io } = require(path.join(__dirname, '..', '..', 'node_modules', 'socket.io-client'));

function out(obj) {
  process.stdout.write(JSON.stringify(obj) + '\n');
}

function log(text) {
  process.stderr.write(`[gen] ${text}\n`);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[i] * 100) / 100;
}

class Generator {
  constructor(config) {
    this.config = config;
    this.run = config.run_id;
    this.phase = 'connect'; // connect -> warmup -> measure -> drain -> done
    this.messages = new Map(); // key -> {t0, expected, got, measured}
    this.latencies = [];
    this.ackLatencies = []; // chat:send -> its ack: Salon acks once the message is committed
    this.members = new Map(); // room -> Set of member clients (connected and joined)
    this.sockets = [];
    this.counts = {
      sent: 0,
      acked: 0,
      ack_timeouts: 0,
      send_errors: {},
      delivered_in_window: 0,
      duplicates: 0,
      foreign: 0,
      disconnects: 0,
      connect_failures: 0,
      connect_errors: {},
    };
    this.textRe = new RegExp(`^bench r${this.run} w(\\d+) m(\\d+) t([0-9.]+)$`);
  }

  onMessage(message) {
    const now = performance.now();
    if (this.phase === 'measure') this.counts.delivered_in_window += 1;
    const match = message && typeof message.text === 'string' ? this.textRe.exec(message.text) : null;
    if (!match) {
      this.counts.foreign += 1;
      return;
    }
    const record = this.messages.get(`${match[1]}:${match[2]}`);
    if (!record) {
      this.counts.foreign += 1;
      return;
    }
    record.got += 1;
    if (record.got > record.expected) this.counts.duplicates += 1;
    if (record.measured) this.latencies.push(now - Number(match[3]));
  }

  connectOne(client) {
    const { url, token, room, join } = client;
    return new Promise((resolve) => {
      const socket = io(url, {
        transports: ['websocket'],
        auth: { token },
        reconnection: false,
        forceNew: true,
        timeout: 60000,
      });
      client.socket = socket;
      this.sockets.push(socket);
      let settled = false;
      const done = (ok, why) => {
        if (settled) return;
        settled = true;
        if (!ok) {
          this.counts.connect_failures += 1;
          this.counts.connect_errors[why] = (this.counts.connect_errors[why] || 0) + 1;
          socket.close();
        }
        resolve(ok);
      };
      socket.on('connect_error', (err) => done(false, String((err && err.message) || err).slice(0, 80)));
      socket.on('disconnect', (reason) => {
        if (!settled) return done(false, `disconnect: ${reason}`);
        if (this.phase !== 'done' && this.phase !== 'closing') {
          this.counts.disconnects += 1;
          const set = this.members.get(room);
          if (set) set.delete(client);
          if (this.counts.disconnects <= 5) log(`socket disconnected during ${this.phase}: ${reason}`);
        }
      });
      socket.on('chat:message', (message) => this.onMessage(message));
      socket.on('connect', () => {
        if (!join) return done(true);
        socket.timeout(60000).emit('room:join', { room }, (err, answer) => {
          if (err) return done(false, 'join timeout');
          if (!answer || !answer.ok) return done(false, `join refused: ${JSON.stringify(answer && answer.error)}`);
          if (!this.members.has(room)) this.members.set(room, new Set());
          this.members.get(room).add(client);
          done(true);
        });
      });
    });
  }

  async connectAll(clients, concurrency) {
    let next = 0;
    let connected = 0;
    let lastLog = performance.now();
    const worker = async () => {
      while (next < clients.length) {
        const client = clients[next++];
        if (await this.connectOne(client)) connected += 1;
        if (performance.now() - lastLog > 5000) {
          lastLog = performance.now();
          log(`connected ${connected}/${clients.length}`);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, clients.length) }, worker));
    return connected;
  }

  send(writer) {
    if (!writer.socket || !writer.socket.connected) return;
    writer.seq = (writer.seq || 0) + 1;
    const t0 = performance.now();
    const key = `${writer.index}:${writer.seq}`;
    const set = this.members.get(writer.room);
    const measured = this.phase === 'measure';
    const record = { t0, expected: set ? set.size : 0, got: 0, measured, acked: false };
    this.messages.set(key, record);
    if (measured) this.counts.sent += 1;
    const text = `bench r${this.run} w${writer.index} m${writer.seq} t${t0.toFixed(3)}`;
    const payload = { room: writer.room, text, client_id: `b${this.run}-w${writer.index}-m${writer.seq}` };
    writer.socket.timeout(this.config.ack_timeout_ms).emit('chat:send', payload, (err, answer) => {
      record.acked = true;
      if (measured) this.ackLatencies.push(performance.now() - t0);
      if (err) {
        if (measured) this.counts.ack_timeouts += 1;
        return;
      }
      if (answer && answer.ok) {
        if (measured) this.counts.acked += 1;
        return;
      }
      // Not stored: nobody will receive it, so nobody should expect it.
      record.expected = 0;
      if (measured) {
        const code = (answer && answer.error && answer.error.code) || 'unknown';
        this.counts.send_errors[code] = (this.counts.send_errors[code] || 0) + 1;
        if (Object.values(this.counts.send_errors).reduce((a, b) => a + b, 0) <= 3) {
          log(`send refused: ${JSON.stringify(answer && answer.error)}`);
        }
      }
    });
  }

  summary(extra) {
    let expected = 0;
    let delivered = 0;
    let unackedMessages = 0;
    for (const record of this.messages.values()) {
      if (!record.measured) continue;
      expected += record.expected;
      delivered += Math.min(record.got, record.expected);
      if (!record.acked) unackedMessages += 1;
    }
    const sorted = Float64Array.from(this.latencies).sort();
    const mean = sorted.length ? sorted.reduce((a, b) => a + b, 0) / sorted.length : null;
    const window = this.measureEnd - this.measureStart;
    return {
      event: 'result',
      ...extra,
      window_s: Math.round(window) / 1000,
      messages_sent: this.counts.sent,
      messages_acked: this.counts.acked,
      ack_timeouts: this.counts.ack_timeouts,
      unacked_after_drain: unackedMessages,
      send_errors: this.counts.send_errors,
      expected,
      delivered,
      missing: expected - delivered,
      duplicates: this.counts.duplicates,
      delivery_ratio: expected ? Math.round((delivered / expected) * 1e6) / 1e6 : null,
      latency_ms: {
        p50: percentile(sorted, 50),
        p95: percentile(sorted, 95),
        p99: percentile(sorted, 99),
        max: sorted.length ? Math.round(sorted[sorted.length - 1] * 100) / 100 : null,
        mean: mean === null ? null : Math.round(mean * 100) / 100,
      },
      ack_ms: (() => {
        const acks = Float64Array.from(this.ackLatencies).sort();
        return { p50: percentile(acks, 50), p99: percentile(acks, 99), max: percentile(acks, 100) };
      })(),
      deliveries_in_window: this.counts.delivered_in_window,
      deliveries_per_s: window > 0 ? Math.round((this.counts.delivered_in_window / window) * 1000 * 10) / 10 : null,
      disconnects: this.counts.disconnects,
      connect_failures: this.counts.connect_failures,
      connect_errors: this.counts.connect_errors,
      foreign_messages: this.counts.foreign,
      drain_s: this.drainSeconds,
    };
  }

  // Everything measured has arrived (or is known not to come).
  complete() {
    for (const record of this.messages.values()) {
      if (record.measured && (record.got < record.expected || !record.acked)) return false;
    }
    return true;
  }

  async measure(startWriters, stopWriters, extra) {
    const { warmup_s: warmup, duration_s: duration, drain_s: drain } = this.config;
    this.phase = 'warmup';
    startWriters();
    log(`warm-up ${warmup} s`);
    await sleep(warmup * 1000);
    this.phase = 'measure';
    this.measureStart = performance.now();
    out({ event: 'measure_start' });
    log(`measuring ${duration} s`);
    await sleep(duration * 1000);
    this.measureEnd = performance.now();
    out({ event: 'measure_end' });
    this.phase = 'drain';
    stopWriters();
    const drainStart = performance.now();
    while (performance.now() - drainStart < drain * 1000 && !this.complete()) await sleep(50);
    this.drainSeconds = Math.round(performance.now() - drainStart) / 1000;
    this.phase = 'closing';
    out(this.summary(extra));
    for (const socket of this.sockets) socket.close();
    this.phase = 'done';
  }
}

function loadConfig() {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('usage: node stands.js|talk.js CONFIG.json (written by loadtests/bench.py)\n');
    process.exit(2);
  }
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

module.exports = { Generator, loadConfig, log, out, sleep, performance };
