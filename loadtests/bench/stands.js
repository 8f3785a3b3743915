// Stands scenario: clients sit 40 to a stand room; one client in ten writes every 2 s (by default).
// Every member of the room (the writer too) receives each message. See chatgen.js for the protocol.
'use strict';

const { Generator, loadConfig, log, out, performance } = require('./chatgen');

async function main() {
  const config = loadConfig();
  const gen = new Generator(config);
  const clients = config.clients.map((c, index) => ({ ...c, index, join: true }));
  const started = performance.now();
  const connected = await gen.connectAll(clients, config.connect_concurrency);
  const connectSeconds = Math.round(performance.now() - started) / 1000;
  log(`connected ${connected}/${clients.length} in ${connectSeconds} s`);
  out({ event: 'connected', connected, connect_s: connectSeconds });
  await new Promise((resolve) => setTimeout(resolve, (config.settle_s || 2) * 1000));

  const writers = clients.filter((c) => c.write && c.socket && c.socket.connected);
  const interval = config.interval_ms;
  const timers = [];
  const start = () => {
    for (const writer of writers) {
      // Spread the writers evenly over the interval, so the load is steady rather than in bursts.
      const offset = Math.random() * interval;
      timers.push(
        setTimeout(() => {
          gen.send(writer);
          timers.push(setInterval(() => gen.send(writer), interval));
        }, offset),
      );
    }
  };
  const stop = () => {
    for (const t of timers) {
      clearTimeout(t);
      clearInterval(t);
    }
  };
  const rooms = new Set(clients.map((c) => c.room));
  await gen.measure(start, stop, {
    scenario: 'stands',
    clients: clients.length,
    clients_connected: connected,
    connect_s: connectSeconds,
    rooms: rooms.size,
    writers: writers.length,
    interval_ms: interval,
    offered_msgs_per_s: Math.round((writers.length * 1000 * 10) / interval) / 10,
  });
  setTimeout(() => process.exit(0), 500);
}

main().catch((err) => {
  log(`failed: ${err && err.stack}`);
  process.exit(1);
});
