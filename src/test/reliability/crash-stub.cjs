// The tool the crash run's executions act on: a process of its own, so what it saw survives every crash of
// the application server.
//   POST /items             applies the effect once per Idempotency-Key; a later request with the key gets
//                           the stored answer and applies nothing (a replay)
//   GET  /by-key/{key}      the status probe: 200 with the stored answer, 404 when nothing was applied
//   GET  /summary           what it saw (also written to SUMMARY_FILE on SIGTERM)
// Each request waits DELAY_MIN..DELAY_MAX ms (random) before the effect and as long again before the answer,
// so attempts are in flight whenever the server dies. Besides the key, it counts effects per business item
// (the envelope's argument "item", the client's own key): an item applied twice means two envelopes acted
// for one client request, which per-key deduplication here could not hide.
// usage: node crash-stub.cjs PORT SUMMARY_FILE [DELAY_MIN_MS] [DELAY_MAX_MS]
'use strict';
const http = require('http');
const fs = require('fs');

const [portArg, summaryFile, minArg, maxArg] = process.argv.slice(2);
const DELAY_MIN = Number(minArg || 10), DELAY_MAX = Number(maxArg || 100);

const answers = new Map();   // Idempotency-Key -> stored answer (body text)
const keyEffects = new Map();  // Idempotency-Key -> effects (at most 1 here; counted, not assumed)
const itemEffects = new Map(); // item -> effects
const requestsByKey = new Map();
const counts = { posts: 0, replays: 0, effects: 0, probes: 0, probesApplied: 0, probesNotApplied: 0,
  withoutKey: 0, abandoned: 0 };

const pause = () => new Promise(r => setTimeout(r, DELAY_MIN + Math.random() * (DELAY_MAX - DELAY_MIN)));

function summary() {
  const keysAppliedTwice = [...keyEffects].filter(([, n]) => n > 1).map(([key, n]) => ({ key, effects: n }));
  const itemsAppliedTwice = [...itemEffects].filter(([, n]) => n > 1).map(([item, n]) => ({ item, effects: n }));
  return {
    ...counts,
    keysApplied: answers.size,
    keysAppliedTwice,
    itemsAppliedTwice,
    keysSentMoreThanOnce: [...requestsByKey.values()].filter(n => n > 1).length,
    maxRequestsForOneKey: Math.max(0, ...requestsByKey.values()),
    applied: Object.fromEntries([...answers.keys()].map(k => [k, JSON.parse(answers.get(k)).item])),
  };
}

function reply(res, status, text) {
  if (res.destroyed) { counts.abandoned++; return; }
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

async function post(req, res, body) {
  counts.posts++;
  const key = req.headers['idempotency-key'];
  if (!key) { counts.withoutKey++; return reply(res, 400, '{"error":"Idempotency-Key required"}'); }
  requestsByKey.set(key, (requestsByKey.get(key) || 0) + 1);
  await pause();
  // the effect happens whether or not the caller is still there to hear about it
  if (answers.has(key)) {
    counts.replays++;
  } else {
    const item = JSON.parse(body || '{}').item || null;
    counts.effects++;
    keyEffects.set(key, (keyEffects.get(key) || 0) + 1);
    itemEffects.set(item, (itemEffects.get(item) || 0) + 1);
    answers.set(key, JSON.stringify({ effectId: counts.effects, key, item }));
  }
  await pause();
  reply(res, 201, answers.get(key));
}

function probe(res, key) {
  counts.probes++;
  if (answers.has(key)) { counts.probesApplied++; return reply(res, 200, answers.get(key)); }
  counts.probesNotApplied++;
  reply(res, 404, '{"error":"nothing applied under this key"}');
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', c => chunks.push(c));
  req.on('end', () => {
    const path = req.url.split('?')[0];
    if (req.method === 'POST' && path === '/items') return post(req, res, Buffer.concat(chunks).toString());
    if (req.method === 'GET' && path.startsWith('/by-key/')) return probe(res, decodeURIComponent(path.slice(8)));
    if (req.method === 'GET' && path === '/summary') return reply(res, 200, JSON.stringify(summary()));
    reply(res, 404, '{"error":"no such resource"}');
  });
});
server.keepAliveTimeout = 60000;
server.listen(Number(portArg), '127.0.0.1');
process.on('SIGTERM', () => {
  if (summaryFile) fs.writeFileSync(summaryFile, JSON.stringify(summary()));
  process.exit(0);
});
