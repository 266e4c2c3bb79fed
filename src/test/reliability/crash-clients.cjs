// The crash run's clients.
//   node crash-clients.cjs tenant BASE STUB_URL OUT_JSON
//     sets up a tenant through the API: a WRITE tool action whose connector posts to the stub tool (safe to
//     retry, status probe by key), a workflow, a task type allowing it, a role permitting it and an
//     AUTONOMOUS agent with a sponsor holding the role; writes tenant, agent and tokens to OUT_JSON
//   node crash-clients.cjs round BASE TENANT_JSON RUN ROUND ENVELOPES CONCURRENCY SPREAD_MS OUT_JSON
//     sends ENVELOPES envelopes, each with its own Idempotency-Key, arrivals spread over SPREAD_MS, at most
//     CONCURRENCY at a time, and sends each again with the same key and body until it is acknowledged (2xx),
//     through the server's crash and restart. Writes every envelope's outcome to OUT_JSON.
'use strict';
const http = require('http');
const fs = require('fs');

const TOOL = 'crash-tool', ACTION = 'apply', TASK_TYPE = 'crash-task';
const REQUEST_TIMEOUT_MS = 20000;
const GIVE_UP_MS = Number(process.env.GIVE_UP_SECONDS || 600) * 1000;
const sleep = ms => new Promise(r => setTimeout(r, ms));

function request(agent, base, method, path, token, body, headers = {}) {
  const url = new URL(base + path);
  const text = body === undefined ? undefined : JSON.stringify(body);
  return new Promise(resolve => {
    const req = http.request({
      agent, method, hostname: url.hostname, port: url.port, path: url.pathname,
      headers: {
        ...(token ? { Authorization: 'Bearer ' + token } : {}),
        ...(text ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) } : {}),
        ...headers,
      },
      timeout: REQUEST_TIMEOUT_MS,
    }, res => {
      const chunks = [];
      res.on('data', c => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text: Buffer.concat(chunks).toString() }));
      res.on('error', e => resolve({ status: 0, error: e.code || e.message }));
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
    req.on('error', e => resolve({ status: 0, error: e.code || e.message }));
    if (text) req.write(text);
    req.end();
  });
}

async function token(base, tenant, subject, group) {
  const r = await request(undefined, base, 'POST', '/api/v1/dev/tokens', null,
    { subject, groups: [group], tenant, ttlSeconds: 86400 });
  if (r.status !== 200 && r.status !== 201) throw new Error(`dev token: ${r.status} ${r.text}`);
  return JSON.parse(r.text).access_token;
}

async function setUpTenant(base, stubUrl, out) {
  const tenant = 'crash-' + Date.now().toString(36);
  const admin = await token(base, tenant, 'crash-admin', 'mandate-admin');
  const post = async (path, body) => {
    // the application answers ready a moment before token verification is: retry a 401 for a while
    for (let i = 0; ; i++) {
      const r = await request(undefined, base, 'POST', path, admin, body);
      if (r.status === 201) return JSON.parse(r.text || '{}');
      if (r.status !== 401 || i >= 30) throw new Error(`POST ${path}: ${r.status} ${r.text}`);
      await sleep(2000);
    }
  };
  await post('/api/v1/tools', {
    key: TOOL, name: 'Crash run tool',
    actions: [{
      key: ACTION, riskClass: 'WRITE', argumentSchema: { type: 'object' },
      connector: {
        method: 'POST', url: stubUrl + '/items', retrySafe: true, maxAttempts: 5,
        statusProbe: { method: 'GET', url: stubUrl + '/by-key/{idempotencyKey}' },
        timeoutMillis: 2000, syncWaitMillis: 1000,
      },
    }],
  });
  await post('/api/v1/workflows', { key: 'crash-wf', name: 'Crash run' });
  await post('/api/v1/task-types', {
    key: TASK_TYPE, workflow: 'crash-wf', name: 'Apply an item', definition: 'Apply one item to the tool',
    successCriteria: 'Applied once', riskLevel: 'LOW', allowedTools: [{ tool: TOOL, action: ACTION }],
  });
  const role = await post('/api/v1/roles', {
    name: 'crash-applier', approver: false, permissions: [{ tool: TOOL, action: ACTION }],
  });
  const agent = await post('/api/v1/agents', {
    name: 'crash-bot', sponsor: 'owner@example.com', defaultTier: 'AUTONOMOUS', workflow: 'crash-wf',
  });
  await post(`/api/v1/roles/${role.id}/assignments`, { principalType: 'AGENT', principal: agent.id });
  const agentToken = await token(base, tenant, agent.id, 'mandate-agent');
  fs.writeFileSync(out, JSON.stringify({ tenant, agent: agent.id, agentToken, admin }));
}

// answers worth sending again with the same key: no connection or no answer (the server is down or dying),
// 404 (the server is up, the application not loaded yet), 401 (loaded, token verification not ready yet),
// 409 (a request with the key is in progress), 429 and 5xx
const retryable = status => status === 0 || status === 401 || status === 404 || status === 409
  || status === 429 || status >= 500;

async function round(base, tenantFile, run, roundNo, total, concurrency, spreadMs, out) {
  const { agent: agentId, agentToken } = JSON.parse(fs.readFileSync(tenantFile, 'utf8'));
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const started = Date.now();
  const envelopes = Array.from({ length: total }, (_, n) => {
    const key = `crash-${run}-r${roundNo}-${n}`;
    return {
      key, sends: 0, answers: {}, ack: null,
      body: {
        agentId, taskId: `task-${key}`, taskType: TASK_TYPE,
        requestedAction: { tool: TOOL, action: ACTION, arguments: { item: key, round: roundNo, n } },
      },
    };
  });
  const queue = envelopes.map((e, n) => ({ e, due: started + (n * spreadMs) / total }));
  let fatal = 0;
  const seen = {}; // per answer: when first and last (ms into the round) and one body, to tell what they were

  async function send(e) {
    e.sends++;
    const r = await request(agent, base, 'POST', '/api/v1/envelopes', agentToken, e.body, { 'Idempotency-Key': e.key });
    const label = r.status === 0 ? r.error : String(r.status);
    e.answers[label] = (e.answers[label] || 0) + 1;
    const at = Date.now() - started;
    seen[label] = seen[label] || { first: at, sample: (r.text || '').slice(0, 300) };
    seen[label].last = at;
    if (r.status >= 200 && r.status < 300) {
      const answer = JSON.parse(r.text);
      e.ack = {
        status: r.status, at: Date.now() - started, envelopeId: answer.envelopeId, decision: answer.decision,
        execution: answer.execution ? answer.execution.status : null,
        replayed: r.headers['idempotent-replayed'] === 'true',
      };
      return true;
    }
    if (!retryable(r.status)) {
      e.refused = { status: r.status, body: r.text.slice(0, 500) };
      fatal++;
      return true;
    }
    return false;
  }

  let settled = 0;
  function nextDue() {
    let first = 0;
    for (let i = 1; i < queue.length; i++) if (queue[i].due < queue[first].due) first = i;
    return queue.splice(first, 1)[0];
  }
  async function worker() {
    while (settled < total) {
      if (queue.length === 0) { await sleep(50); continue; }
      const next = nextDue();
      const wait = next.due - Date.now();
      if (wait > 0) await sleep(wait);
      if (await send(next.e) || Date.now() - started > GIVE_UP_MS) {
        settled++;
      } else {
        queue.push({ e: next.e, due: Date.now() + 200 + Math.random() * 300 });
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  agent.destroy();
  const acknowledged = envelopes.filter(e => e.ack).length;
  fs.writeFileSync(out, JSON.stringify({
    round: roundNo, millis: Date.now() - started, acknowledged, refused: fatal, seen,
    envelopes: envelopes.map(({ body, ...rest }) => rest),
  }));
  process.exit(acknowledged === total ? 0 : 1);
}

const [mode, ...args] = process.argv.slice(2);
const main = mode === 'tenant' ? setUpTenant(args[0], args[1], args[2])
  : mode === 'round' ? round(args[0], args[1], args[2], Number(args[3]), Number(args[4]), Number(args[5]),
    Number(args[6]), args[7])
  : Promise.reject(new Error('usage: crash-clients.cjs tenant|round ...'));
main.catch(e => { console.error(e.message); process.exit(2); });
