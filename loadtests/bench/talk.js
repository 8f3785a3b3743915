// Talk scenario: N listeners in one talk room; one writer stream at `rate` messages per second.
// The stream is spread round-robin over a few adult accounts (pupils may not write in talk rooms,
// and one adult may store 30 messages per 15 s); the writers do not join the room, so each message
// is expected exactly once by every listener. See chatgen.js for the protocol.
'use strict';

const { Generator, loadConfig, log, out, performance } = require('./chatgen');

async function main() {
  const config = loadConfig();
  const gen = new Generator(config);
  const listeners = config.clients.map((c, index) => ({ ...c, index, join: true }));
  const writers = config.writers.map((c, i) => ({ ...c, index: listeners.length + i, join: false }));
  const started = performance.now();
  const connected = await gen.connectAll(listeners, config.connect_concurrency);
  const writersUp = await gen.connectAll(writers, writers.length);
  const connectSeconds = Math.round(performance.now() - started) / 1000;
  log(`connected ${connected}/${listeners.length} listeners and ${writersUp}/${writers.length} writers in ${connectSeconds} s`);
  out({ event: 'connected', connected, connect_s: connectSeconds });
  await new Promise((resolve) => setTimeout(resolve, (config.settle_s || 2) * 1000));

  let timer = null;
  let turn = 0;
  const period = 1000 / config.rate;
  const start = () => {
    timer = setInterval(() => {
      gen.send(writers[turn % writers.length]);
      turn += 1;
    }, period);
  };
  const stop = () => clearInterval(timer);
  await gen.measure(start, stop, {
    scenario: 'talk',
    listeners: listeners.length,
    clients_connected: connected,
    writer_sockets: writersUp,
    connect_s: connectSeconds,
    room: listeners.length ? listeners[0].room : null,
    rate_msgs_per_s: config.rate,
  });
  setTimeout(() => process.exit(0), 500);
}

main().catch((err) => {
  log(`failed: ${err && err.stack}`);
  process.exit(1);
});
