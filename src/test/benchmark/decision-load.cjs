// Open-model load on POST /api/v1/envelopes: requests arrive at a fixed rate, evenly spaced, whether or
// not earlier ones have been answered; each one's latency counts from its scheduled arrival, so time spent
// waiting for a free connection is included (no coordinated omission). Node's own http module, keep-alive,
// at most CONNECTIONS sockets. Every request has its own Idempotency-Key and task id; agents round-robin.
// usage: node decision-load.cjs BASE_URL AGENTS_FILE RATE SECONDS CONNECTIONS LABEL
'use strict';
const http = require('http');
const fs = require('fs');

const [base, agentsFile, rateArg, secondsArg, connectionsArg, label] = process.argv.slice(2);
const rate = Number(rateArg), seconds = Number(secondsArg), connections = Number(connectionsArg);
const url = new URL(base + '/api/v1/envelopes');
const agents = fs.readFileSync(agentsFile, 'utf8').trim().split('\n').map(line => line.split(' '));
const agent = new http.Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
const TIMEOUT_MS = 10000;

const latencies = [];
const arrivals = []; // each latency's scheduled arrival (ms since start), for the per-window breakdown
const WINDOW_MS = 10000;
let scheduled = 0, completed = 0, non2xx = 0, errors = 0, timeouts = 0;
const start = performance.now();
const total = Math.round(rate * seconds);
const interval = 1000 / rate;

function send(n, due) {
  const [id, token] = agents[n % agents.length];
  const key = `${label}-${process.pid}-${n}`;
  const body = JSON.stringify({
    agentId: id, taskId: 't-' + key, taskType: 'bench-task',
    requestedAction: { tool: 'bench', action: 'update', arguments: { ticketId: 'T-' + key } },
    modelUsage: { model: 'small', calls: 1, cost: 0.001 },
  });
  const request = http.request({
    agent, hostname: url.hostname, port: url.port, path: url.pathname, method: 'POST', timeout: TIMEOUT_MS,
    headers: {
      'content-type': 'application/json', 'content-length': Buffer.byteLength(body),
      authorization: 'Bearer ' + token, 'idempotency-key': key,
    },
  }, response => {
    response.resume();
    response.on('end', () => {
      if (response.statusCode < 200 || response.statusCode > 299) non2xx++;
      latencies.push(performance.now() - due);
      arrivals.push(due - start);
      done();
    });
  });
  request.on('timeout', () => { timeouts++; request.destroy(new Error('timeout')); });
  request.on('error', () => { errors++; done(); });
  request.end(body);
}

function done() {
  completed++;
  if (completed === total) report();
}

function tick() {
  const now = performance.now();
  while (scheduled < total && start + scheduled * interval <= now) {
    send(scheduled, start + scheduled * interval);
    scheduled++;
  }
  if (scheduled < total) setTimeout(tick, Math.max(0, start + scheduled * interval - performance.now()));
}

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)] * 100) / 100;
}

// p50, p99 and max per 10-s window of scheduled arrival: shows when a stall happened, not just that it did
function windows() {
  const byWindow = [];
  arrivals.forEach((at, i) => {
    const w = Math.floor(at / WINDOW_MS);
    (byWindow[w] = byWindow[w] || []).push(latencies[i]);
  });
  return byWindow.map((values, w) => {
    const sorted = values.slice().sort((a, b) => a - b);
    return { fromS: w * WINDOW_MS / 1000, p50ms: percentile(sorted, 50), p99ms: percentile(sorted, 99), maxMs: percentile(sorted, 100) };
  });
}

function report() {
  const elapsed = (performance.now() - start) / 1000;
  const sorted = latencies.slice().sort((a, b) => a - b);
  console.log(JSON.stringify({
    label, targetRate: rate, seconds, connections, requests: completed,
    achievedPerSecond: Math.round(completed / elapsed * 10) / 10,
    p50ms: percentile(sorted, 50), p90ms: percentile(sorted, 90), p99ms: percentile(sorted, 99),
    p999ms: percentile(sorted, 99.9), maxMs: percentile(sorted, 100),
    non2xx, errors, timeouts,
    windows: windows(),
  }));
  agent.destroy();
}

tick();
