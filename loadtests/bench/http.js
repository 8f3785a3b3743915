// HTTP scenario: pages per second with a closed loop of keep-alive connections (like wrk, in Node).
//
// Config (JSON file, written by loadtests/bench.py): {base, pages: [{name, paths: [...]}], concurrency,
// warmup_s, duration_s}. Each page group runs in turn: warm-up, then {"event": "measure_start", "page"},
// the measured window, {"event": "measure_end", "page"} and {"event": "result", ...} on stdout.
'use strict';

const fs = require('fs');
const http = require('http');
const { performance } = require('perf_hooks');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const out = (obj) => process.stdout.write(JSON.stringify(obj) + '\n');
const log = (text) => process.stderr.write(`[http] ${text}\n`);

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[i] * 100) / 100;
}

function get(agent, base, path) {
  return new Promise((resolve) => {
    const req = http.get(`${base}${path}`, { agent, headers: { accept: 'text/html' } }, (res) => {
      let bytes = 0;
      res.on('data', (chunk) => {
        bytes += chunk.length;
      });
      res.on('end', () => resolve({ status: res.statusCode, bytes }));
      res.on('error', () => resolve({ status: 'error', bytes }));
    });
    req.setTimeout(30000, () => req.destroy(new Error('timeout')));
    req.on('error', (err) => resolve({ status: `error:${err.code || err.message}`, bytes: 0 }));
  });
}

async function runPage(config, page) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: config.concurrency });
  let phase = 'warmup';
  let running = true;
  const latencies = [];
  const statuses = {};
  let count = 0;
  let bytes = 0;
  let i = 0;
  const worker = async () => {
    while (running) {
      const path = page.paths[i++ % page.paths.length];
      const t0 = performance.now();
      const res = await get(agent, config.base, path);
      const dt = performance.now() - t0;
      if (phase === 'measure') {
        count += 1;
        bytes += res.bytes;
        latencies.push(dt);
        statuses[res.status] = (statuses[res.status] || 0) + 1;
      }
    }
  };
  const workers = Array.from({ length: config.concurrency }, worker);
  log(`${page.name}: warm-up ${config.warmup_s} s`);
  await sleep(config.warmup_s * 1000);
  phase = 'measure';
  const t0 = performance.now();
  out({ event: 'measure_start', page: page.name });
  log(`${page.name}: measuring ${config.duration_s} s`);
  await sleep(config.duration_s * 1000);
  out({ event: 'measure_end', page: page.name });
  const window = (performance.now() - t0) / 1000;
  phase = 'done';
  running = false;
  await Promise.all(workers);
  agent.destroy();
  const sorted = Float64Array.from(latencies).sort();
  const ok = statuses['200'] || 0;
  out({
    event: 'result',
    page: page.name,
    paths: page.paths.length > 3 ? [...page.paths.slice(0, 3), `… (${page.paths.length})`] : page.paths,
    concurrency: config.concurrency,
    window_s: Math.round(window * 1000) / 1000,
    requests: count,
    ok,
    statuses,
    requests_per_s: Math.round((ok / window) * 10) / 10,
    mean_bytes: count ? Math.round(bytes / count) : null,
    latency_ms: {
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
      max: sorted.length ? Math.round(sorted[sorted.length - 1] * 100) / 100 : null,
    },
  });
}

async function main() {
  const config = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  for (const page of config.pages) await runPage(config, page);
}

main().then(
  () => process.exit(0),
  (err) => {
    log(`failed: ${err && err.stack}`);
    process.exit(1);
  },
);
