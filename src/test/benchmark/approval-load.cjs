// Approval benchmark's client (issue "People in the loop").
//   node approval-load.cjs BASE AGENTS_FILE APPROVER_FILE RECEIVED_FILE approve N CONCURRENCY LABEL
//     submits N payments (REQUIRE_APPROVAL), then approves them, CONCURRENCY at a time; measures from the
//     approve call leaving this client to the tool receiving the payment (RECEIVED_FILE, written by
//     noop-tool.cjs with the same clock), and the approve call's round trip (which waits for the execution).
//   node approval-load.cjs BASE AGENTS_FILE APPROVER_FILE - inbox N QUERIES LABEL
//     makes N payments wait for approval, then lists the approver's inbox QUERIES times, one after the other:
//     the first page (50, filtered by risk class and task type) and the page after it by its cursor.
// Prints one JSON line of results.
'use strict';
const fs = require('fs');

const [base, agentsFile, approverFile, receivedFile, mode, nArg, thirdArg, label] = process.argv.slice(2);
const n = Number(nArg);
const agents = fs.readFileSync(agentsFile, 'utf8').trim().split('\n').map(line => line.split(' '));
const approver = fs.readFileSync(approverFile, 'utf8').trim().split(' ')[1];
const now = () => performance.timeOrigin + performance.now();

async function call(method, path, token, body, headers = {}) {
  const response = await fetch(base + path, {
    method,
    headers: {Authorization: 'Bearer ' + token, 'Content-Type': 'application/json', ...headers},
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return {status: response.status, json: text ? JSON.parse(text) : null};
}

async function pool(count, concurrency, work) {
  let next = 0;
  const workers = Array.from({length: concurrency}, async () => {
    while (next < count) {
      const i = next++;
      await work(i);
    }
  });
  await Promise.all(workers);
}

async function requestPayments(count) {
  const ids = [];
  let refused = 0;
  await pool(count, 16, async i => {
    const [agent, token] = agents[i % agents.length];
    const envelope = {
      agentId: agent, taskId: 'approval-bench-' + i + '-' + Date.now(), taskType: 'bench-task',
      requestedAction: {tool: 'bench', action: 'pay', arguments: {ticketId: 'P-' + i + '-' + Date.now()}},
    };
    const answer = await call('POST', '/api/v1/envelopes', token, envelope,
      {'Idempotency-Key': 'approval-bench-' + i + '-' + Math.random()});
    if (answer.status === 200 && answer.json.decision === 'REQUIRE_APPROVAL') ids.push(answer.json.approval.id);
    else refused++;
  });
  return {ids, refused};
}

function percentiles(values) {
  const sorted = values.slice().sort((a, b) => a - b);
  const at = p => sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] : null;
  const round = v => v === null ? null : Math.round(v * 100) / 100;
  return {count: sorted.length, p50: round(at(0.5)), p95: round(at(0.95)), p99: round(at(0.99)),
    max: round(sorted[sorted.length - 1] ?? null)};
}

async function approve() {
  const concurrency = Number(thirdArg);
  const {ids, refused} = await requestPayments(n);
  const started = new Map();
  const roundTrips = [];
  let notExecuted = 0;
  const t0 = now();
  await pool(ids.length, concurrency, async i => {
    const id = ids[i];
    const sent = now();
    started.set('mandate-' + id, sent);
    const answer = await call('POST', '/api/v1/approvals/' + id + '/approve', approver, {reason: 'benchmark'});
    roundTrips.push(now() - sent);
    if (answer.status !== 200 || !answer.json.execution || answer.json.execution.status !== 'SUCCEEDED') notExecuted++;
  });
  const seconds = (now() - t0) / 1000;
  await new Promise(resolve => setTimeout(resolve, 500));
  const toSent = [];
  for (const line of fs.readFileSync(receivedFile, 'utf8').trim().split('\n')) {
    const [key, at] = line.split(' ');
    if (started.has(key)) toSent.push(Number(at) - started.get(key));
  }
  console.log(JSON.stringify({label, mode: 'approve', requested: n, refusedAtDecision: refused, approved: ids.length,
    concurrency, approvalsPerSecond: Math.round(ids.length / seconds * 10) / 10, notExecuted,
    approveToSentMs: percentiles(toSent), approveRoundTripMs: percentiles(roundTrips)}));
}

async function inbox() {
  const queries = Number(thirdArg);
  const {refused} = await requestPayments(n);
  const pending = await call('GET', '/api/v1/approvals?limit=1', approver);
  const firstPage = [], nextPage = [];
  let items = 0, failures = 0;
  const path = '/api/v1/approvals?limit=50&riskClass=MONEY_MOVEMENT&taskType=bench-task';
  for (let i = 0; i < queries; i++) {
    let t = now();
    const first = await call('GET', path, approver);
    firstPage.push(now() - t);
    if (first.status !== 200 || first.json.items.length !== 50 || !first.json.nextCursor) { failures++; continue; }
    t = now();
    const second = await call('GET', path + '&cursor=' + first.json.nextCursor, approver);
    nextPage.push(now() - t);
    if (second.status !== 200) failures++;
    items += first.json.items.length + second.json.items.length;
  }
  console.log(JSON.stringify({label, mode: 'inbox', madePending: n, refusedAtDecision: refused,
    firstPageStatus: pending.status, queries, failures, itemsRead: items,
    firstPageMs: percentiles(firstPage), cursorPageMs: percentiles(nextPage)}));
}

(mode === 'approve' ? approve() : inbox()).catch(failed => { console.error(failed); process.exit(1); });
