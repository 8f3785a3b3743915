// The yardstick for loadtests/bench.py: a bare socket.io 4.8 server with Salon's event names and
// payload shapes, and nothing else (no authentication, no storage, no presence, no rate limits).
// It is not product code: it tells what "join a room and broadcast each chat to it" costs in Node
// on the same machine and in the same run, so that Salon's CPU per delivered message can be compared.
// For the talk-qa shape it also answers `question:ask` and `question:vote` (in memory, counts coalesced).
//
//   node loadtests/peer/server.js --port 8600 [--host 127.0.0.1]
//
// GET /healthz answers 200; Socket.IO is on /socket.io (websocket and polling, permessage-deflate off).
'use strict';

const http = require('http');
const path = require('path');
const { Server } = require('socket.io');

const VERSION = JSON.parse(
  require('fs').readFileSync(path.join(path.dirname(require.resolve('socket.io')), '..', 'package.json'), 'utf8'),
).version;

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const port = Number(arg('port', '8600'));
const host = arg('host', '127.0.0.1');

const httpServer = http.createServer((req, res) => {
  if (req.url === '/healthz') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"status":"ok","server":"peer"}');
    return;
  }
  res.writeHead(404);
  res.end();
});

const io = new Server(httpServer, {
  path: '/socket.io',
  perMessageDeflate: false, // as Salon's uvicorn is configured
  maxHttpBufferSize: 64 * 1024,
  pingInterval: 25000,
  pingTimeout: 20000,
  cors: { origin: true, credentials: true },
});

const ROOM_RE = /^(stand|talk|qa|thread):[1-9][0-9]{0,9}$/;
let nextId = 1;
const seqs = new Map();
// The talk-qa shape: questions (all approved at once, as in a talk that is not pre-moderated), one vote per
// socket and question, counts coalesced into one `question:votes` per room every 250 ms, as Salon does.
const questions = new Map(); // id -> {room, votes, voters: Set}
const dirtyVotes = new Map(); // room -> {id: count}
setInterval(() => {
  for (const [room, votes] of dirtyVotes) io.to(room).emit('question:votes', { room, votes });
  dirtyVotes.clear();
}, 250);

function nack(code, message) {
  return { ok: false, error: { code, message } };
}

io.on('connection', (socket) => {
  const userId = nextId++;
  const author = { id: userId, name: `Pair ${userId}`, role: 'pupil' };

  socket.on('room:join', (data, ack) => {
    if (typeof ack !== 'function') return;
    if (!data || typeof data.room !== 'string' || !ROOM_RE.test(data.room)) return ack(nack('invalid', 'room'));
    socket.join(data.room);
    ack({ ok: true, room: data.room, messages: [], last_seq: seqs.get(data.room) || 0 });
  });

  socket.on('room:leave', (data, ack) => {
    if (data && typeof data.room === 'string') socket.leave(data.room);
    if (typeof ack === 'function') ack({ ok: true });
  });

  socket.on('chat:send', (data, ack) => {
    if (typeof ack !== 'function') return;
    if (!data || typeof data.room !== 'string' || !ROOM_RE.test(data.room) || typeof data.text !== 'string') {
      return ack(nack('invalid', 'payload'));
    }
    const seq = (seqs.get(data.room) || 0) + 1;
    seqs.set(data.room, seq);
    const message = {
      id: nextId++,
      room: data.room,
      seq,
      client_id: String(data.client_id || ''),
      author,
      text: data.text,
      ts: new Date().toISOString(),
      redacted: false,
      hidden: false,
    };
    io.to(data.room).emit('chat:message', message);
    ack({ ok: true, message });
  });

  socket.on('question:ask', (data, ack) => {
    if (typeof ack !== 'function') return;
    if (!data || typeof data.room !== 'string' || !ROOM_RE.test(data.room) || typeof data.text !== 'string') {
      return ack(nack('invalid', 'payload'));
    }
    const id = nextId++;
    questions.set(id, { room: data.room, votes: 0, voters: new Set() });
    const question = {
      id,
      room: data.room,
      text: data.text,
      status: 'approved',
      votes: 0,
      author,
      pinned: false,
      answered: false,
      answers: [],
      ts: new Date().toISOString(),
      redacted: false,
    };
    io.to(data.room).emit('question:new', question);
    ack({ ok: true, question });
  });

  socket.on('question:vote', (data, ack) => {
    if (typeof ack !== 'function') return;
    const question = data && questions.get(data.question_id);
    if (!question) return ack(nack('not_found', 'question'));
    if (question.voters.has(userId)) return ack(nack('conflict', 'vote'));
    question.voters.add(userId);
    question.votes += 1;
    if (!dirtyVotes.has(question.room)) dirtyVotes.set(question.room, {});
    dirtyVotes.get(question.room)[data.question_id] = question.votes;
    ack({ ok: true, question_id: data.question_id, votes: question.votes });
  });
});

httpServer.listen(port, host, () => {
  process.stderr.write(`peer: socket.io ${VERSION} on http://${host}:${port}\n`);
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    io.close();
    process.exit(0);
  });
}
