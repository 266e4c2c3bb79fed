// Open-model load on POST /api/v1/envelopes: requests arrive at a fixed rate, evenly spaced, whether or
// not earlier ones have been answered; each one's latency counts from its scheduled arrival, so time spent
// waiting for a free connection is included (no coordinated omission). HTTP/1.1 keep-alive over at most
// CONNECTIONS sockets, one request in flight per socket. Every request has its own Idempotency-Key and
// task id; agents round-robin.
// The client speaks HTTP on Node's plain sockets: the load generator shares the machine's two cores with
// Payara and PostgreSQL, and Node's http module cost about 0.45 ms of CPU per request, a fifth of the
// machine at 1,000/s. It writes each request in one piece and reads the status line, Content-Length or
// chunked framing, and nothing else.
// usage: node decision-load.cjs BASE_URL AGENTS_FILE RATE SECONDS CONNECTIONS LABEL
// Environment: ACTION (the bench tool's action, default update), FIXED_ARGS=1 (the same arguments in every
// request: cached reads), EXPECT (text every 2xx answer must contain, e.g. an execution's status; answers
// without it are counted as unexpected), WINDOW_MS (the per-window breakdown's width, default 10000).
'use strict';
const net = require('net');
const fs = require('fs');

const [base, agentsFile, rateArg, secondsArg, connectionsArg, label] = process.argv.slice(2);
const rate = Number(rateArg), seconds = Number(secondsArg), connections = Number(connectionsArg);
const url = new URL(base + '/api/v1/envelopes');
const agents = fs.readFileSync(agentsFile, 'utf8').trim().split('\n').map(line => line.split(' '));
const TIMEOUT_MS = 10000;
const ACTION = process.env.ACTION || 'update';
const FIXED_ARGS = process.env.FIXED_ARGS === '1';
const EXPECT = process.env.EXPECT ? Buffer.from(process.env.EXPECT) : null;
let unexpected = 0;

const latencies = [];
const arrivals = []; // each latency's scheduled arrival (ms since start), for the per-window breakdown
const WINDOW_MS = Number(process.env.WINDOW_MS || 10000);
let scheduled = 0, completed = 0, non2xx = 0, errors = 0, timeouts = 0;
const start = performance.now();
const startedAt = new Date().toISOString(); // to line windows up with the server's and the database's logs
const cpuAtStart = process.cpuUsage();
const total = Math.round(rate * seconds);
const interval = 1000 / rate;

const idle = [];     // connected sockets with nothing in flight
const waiting = [];  // requests due but without a socket: [n, due]
const open = new Set();
let connecting = 0;

function requestBytes(n) {
  const [id, token] = agents[n % agents.length];
  const key = `${label}-${process.pid}-${n}`;
  const body = JSON.stringify({
    agentId: id, taskId: 't-' + key, taskType: 'bench-task',
    requestedAction: { tool: 'bench', action: ACTION, arguments: { ticketId: FIXED_ARGS ? 'T-fixed' : 'T-' + key } },
    modelUsage: { model: 'small', calls: 1, cost: 0.001 },
  });
  return `POST ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nConnection: keep-alive\r\n`
    + `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n`
    + `Authorization: Bearer ${token}\r\nIdempotency-Key: ${key}\r\n\r\n${body}`;
}

function send(n, due) {
  const socket = idle.pop();
  if (socket) return dispatch(socket, n, due);
  waiting.push([n, due]);
  if (open.size + connecting < connections) connect();
}

function dispatch(socket, n, due) {
  socket.inFlight = { due, sentAt: performance.now() };
  socket.buffered = null;
  socket.write(requestBytes(n));
}

function connect() {
  connecting++;
  const socket = net.connect({ host: url.hostname, port: Number(url.port) });
  socket.setNoDelay(true);
  socket.on('connect', () => {
    connecting--;
    open.add(socket);
    release(socket);
  });
  socket.on('data', chunk => onData(socket, chunk));
  socket.on('error', () => {});
  socket.on('close', () => {
    if (!open.delete(socket)) {
      connecting--;
      // never connected: one waiting request fails, so a refused connection cannot retry forever
      if (waiting.length > 0) { waiting.shift(); errors++; done(); }
    }
    const i = idle.indexOf(socket);
    if (i >= 0) idle.splice(i, 1);
    if (socket.inFlight) {
      socket.inFlight = null;
      if (socket.timedOut) timeouts++; else errors++;
      done();
    }
    if (waiting.length > 0 && open.size + connecting < connections) connect();
  });
}

function release(socket) {
  const next = waiting.shift();
  if (next) dispatch(socket, next[0], next[1]);
  else idle.push(socket);
}

// one response in flight per socket: buffer until it is complete, then answer and reuse the socket
function onData(socket, chunk) {
  const data = socket.buffered ? Buffer.concat([socket.buffered, chunk]) : chunk;
  const headerEnd = data.indexOf('\r\n\r\n');
  if (headerEnd < 0) { socket.buffered = data; return; }
  const head = data.toString('latin1', 0, headerEnd);
  const bodyLength = framedBodyLength(head, data, headerEnd + 4);
  if (bodyLength < 0) { socket.buffered = data; return; }
  socket.buffered = null;
  const status = Number(head.slice(9, 12));
  if (status < 200 || status > 299) non2xx++;
  else if (EXPECT && data.indexOf(EXPECT, headerEnd) < 0) unexpected++;
  const request = socket.inFlight;
  socket.inFlight = null;
  latencies.push(performance.now() - request.due);
  arrivals.push(request.due - start);
  done();
  if (/\r\nconnection: *close/i.test(head)) socket.destroy();
  else release(socket);
}

// the body's length if it is all here, else -1
function framedBodyLength(head, data, bodyStart) {
  const length = /\r\ncontent-length: *(\d+)/i.exec(head);
  if (length) return data.length - bodyStart >= Number(length[1]) ? Number(length[1]) : -1;
  if (!/\r\ntransfer-encoding: *chunked/i.test(head)) return 0;
  let at = bodyStart;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', at);
    if (lineEnd < 0) return -1;
    const size = parseInt(data.toString('latin1', at, lineEnd), 16);
    if (size === 0) return data.indexOf('\r\n', lineEnd + 2) >= 0 ? data.length - bodyStart : -1;
    at = lineEnd + 2 + size + 2;
    if (at > data.length) return -1;
  }
}

const watchdog = setInterval(() => {
  const now = performance.now();
  for (const socket of open) {
    if (socket.inFlight && now - socket.inFlight.sentAt > TIMEOUT_MS) {
      socket.timedOut = true;
      socket.destroy();
    }
  }
}, 250);

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

// the load generator's own CPU (user + system) per request: its share of the two cores the run shares
function clientCpuMs() {
  const used = process.cpuUsage(cpuAtStart);
  return Math.round((used.user + used.system) / 1000 / Math.max(1, completed) * 1000) / 1000;
}

function report() {
  const elapsed = (performance.now() - start) / 1000;
  const sorted = latencies.slice().sort((a, b) => a - b);
  console.log(JSON.stringify({
    label, startedAt, targetRate: rate, seconds, connections, requests: completed,
    achievedPerSecond: Math.round(completed / elapsed * 10) / 10,
    p50ms: percentile(sorted, 50), p90ms: percentile(sorted, 90), p99ms: percentile(sorted, 99),
    p999ms: percentile(sorted, 99.9), maxMs: percentile(sorted, 100),
    non2xx, errors, timeouts, unexpected,
    clientCpuMsPerRequest: clientCpuMs(),
    windows: windows(),
  }));
  clearInterval(watchdog);
  for (const socket of open) socket.destroy();
}

tick();
