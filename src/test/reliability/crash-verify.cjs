// Checks the crash run's promises against the database, the clients' records and the stub tool's summary,
// prints the figures and writes them to OUT_JSON. Exit 1 when a promise fails.
//   node crash-verify.cjs TENANT_JSON RUN_DIR STUB_SUMMARY_JSON OUT_JSON
// RUN_DIR holds round-N.json (crash-clients.cjs) and rounds.tsv (crash-run.sh: per round the kill moment,
// the restart, the drain).
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const [tenantFile, runDir, stubFile, out] = process.argv.slice(2);
const { tenant } = JSON.parse(fs.readFileSync(tenantFile, 'utf8'));
const stub = JSON.parse(fs.readFileSync(stubFile, 'utf8'));
const PSQL = ['-h', process.env.PGHOST || '127.0.0.1', '-U', 'postgres', '-d', process.env.PGDATABASE || 'mandate_it',
  '-tAq', '-v', 'ON_ERROR_STOP=1'];

function rows(sql) {
  const text = execFileSync('psql', [...PSQL, '-c',
    `select coalesce(json_agg(t), '[]') from (${sql}) t`], { encoding: 'utf8', maxBuffer: 1 << 28 });
  return JSON.parse(text.trim());
}
// the tenant id is the run's own (letters, digits, '-'); quoted all the same
const T = `'${tenant.replace(/'/g, "''")}'`;

const rounds = fs.readdirSync(runDir).filter(f => /^round-\d+\.json$/.test(f))
  .map(f => JSON.parse(fs.readFileSync(path.join(runDir, f), 'utf8'))).sort((a, b) => a.round - b.round);
const timings = fs.existsSync(path.join(runDir, 'rounds.tsv'))
  ? fs.readFileSync(path.join(runDir, 'rounds.tsv'), 'utf8').trim().split('\n').filter(Boolean).map(line => {
    const [round, killAtMs, decidedBeforeKill, downMs, restartMs, drainMs, pendingAfter, roundMs] = line.split('\t').map(Number);
    return { round, killAtMs, decidedBeforeKill, downMs, restartMs, drainMs, pendingAfter, roundMs };
  }) : [];

const keys = rows(`select idem_key as key, state, response_status as status, response_body::json->>'envelopeId' as
  "envelopeId" from idempotency_key where tenant_id = ${T}`);
const envelopes = rows(`select id, task_id as "taskId", decision from envelope where tenant_id = ${T}`);
const executions = rows(`select envelope_id as "envelopeId", status, attempts, idempotency_key as key, unsettled
  from execution where tenant_id = ${T}`);
const attemptKinds = rows(`select a.kind, a.outcome, count(*)::int as n from execution_attempt a join execution e
  on e.id = a.execution_id where e.tenant_id = ${T} group by a.kind, a.outcome order by 1, 2`);

const failures = [];
const fail = (promise, evidence) => failures.push({ promise, evidence: evidence.slice(0, 20), count: evidence.length });
const countBy = (list, f) => list.reduce((m, x) => (m[f(x)] = (m[f(x)] || 0) + 1, m), {});

// the clients' side
const sent = rounds.flatMap(r => r.envelopes);
const acked = sent.filter(e => e.ack);
const notAcked = sent.filter(e => !e.ack);
if (notAcked.length) fail('every envelope sent is acknowledged once retried', notAcked.map(e => ({ key: e.key, answers: e.answers, refused: e.refused })));

// every acknowledged key: one stored answer naming one envelope, the one the client was told
const keyByName = new Map(keys.map(k => [k.key, k]));
const envelopeById = new Map(envelopes.map(e => [e.id, e]));
const envelopesByTask = countBy(envelopes, e => e.taskId);
const wrongKeys = [];
for (const e of acked) {
  const k = keyByName.get(e.key);
  const problem = !k ? 'no stored key' : k.state !== 'DONE' ? `key ${k.state}`
    : k.envelopeId !== e.ack.envelopeId ? `key names ${k.envelopeId}, client was told ${e.ack.envelopeId}`
      : !envelopeById.has(k.envelopeId) ? 'no envelope row'
        : envelopesByTask[`task-${e.key}`] !== 1 ? `${envelopesByTask[`task-${e.key}`] || 0} envelopes for the request` : null;
  if (problem) wrongKeys.push({ key: e.key, problem });
}
if (wrongKeys.length) fail('every acknowledged key has exactly one envelope (its decision)', wrongKeys);
const taskTwice = Object.entries(envelopesByTask).filter(([, n]) => n > 1).map(([task, n]) => ({ task, envelopes: n }));
if (taskTwice.length) fail('one envelope per client request', taskTwice);
const keyedEnvelopes = new Set(keys.map(k => k.envelopeId));
const unkeyed = envelopes.filter(e => !keyedEnvelopes.has(e.id)).map(e => e.id);
if (unkeyed.length) fail('no envelope without its key', unkeyed);

// executions: one per allowed envelope, all final
const allowed = envelopes.filter(e => e.decision === 'ALLOW');
const executionByEnvelope = new Map(executions.map(x => [x.envelopeId, x]));
const withoutExecution = allowed.filter(e => !executionByEnvelope.has(e.id)).map(e => e.id);
if (withoutExecution.length) fail('every allowed envelope has its execution', withoutExecution);
const pending = executions.filter(x => x.status === 'QUEUED' || x.status === 'IN_FLIGHT');
if (pending.length) fail('nothing pending after 60 s', pending.map(x => ({ envelope: x.envelopeId, status: x.status })));
const pendingInRounds = timings.filter(t => t.pendingAfter > 0);
if (pendingInRounds.length) fail('nothing pending 60 s after a restart', pendingInRounds.map(t => ({ round: t.round, pending: t.pendingAfter })));

// effects: once per key and once per client request; each SUCCEEDED execution's key applied exactly once
if (stub.keysAppliedTwice.length) fail('no key applied twice at the tool', stub.keysAppliedTwice);
if (stub.itemsAppliedTwice.length) fail('no client request acted on twice', stub.itemsAppliedTwice);
const applied = new Map(Object.entries(stub.applied));
const succeededUnapplied = executions.filter(x => x.status === 'SUCCEEDED' && !applied.has(x.key)).map(x => x.key);
if (succeededUnapplied.length) fail('every SUCCEEDED execution was applied at the tool', succeededUnapplied);
const executionByKey = new Map(executions.map(x => [x.key, x]));
const appliedNotSucceeded = [...applied.keys()].filter(k => executionByKey.get(k)?.status !== 'SUCCEEDED')
  .map(k => ({ key: k, execution: executionByKey.get(k)?.status || 'none' }));
// an OUTCOME_UNKNOWN that did act is honest (left for people); any other status that acted is not
const appliedButDenied = appliedNotSucceeded.filter(x => x.execution !== 'OUTCOME_UNKNOWN');
if (appliedButDenied.length) fail('an effect only where the execution says SUCCEEDED (or OUTCOME_UNKNOWN)', appliedButDenied);
const wrongItem = [...applied].filter(([k, item]) => {
  const x = executionByKey.get(k);
  return x && envelopeById.get(x.envelopeId)?.taskId !== `task-${item}`;
}).map(([key, item]) => ({ key, item }));
if (wrongItem.length) fail("each effect is the one its envelope asked for", wrongItem);

const sum = (list, f) => list.reduce((s, x) => s + f(x), 0);
const figures = {
  tenant,
  rounds: rounds.length,
  envelopesSent: sent.length,
  acknowledged: acked.length,
  acknowledgedAs: countBy(acked, e => `${e.ack.status}${e.ack.replayed ? ' replayed' : ''}`),
  retriedByClients: sent.filter(e => e.sends > 1).length,
  sendsTotal: sum(sent, e => e.sends),
  answersSeen: sent.reduce((m, e) => { for (const [k, v] of Object.entries(e.answers)) m[k] = (m[k] || 0) + v; return m; }, {}),
  envelopes: envelopes.length,
  decisions: countBy(envelopes, e => e.decision),
  executionsByStatus: countBy(executions, x => x.status),
  attemptsTotal: sum(executions, x => x.attempts),
  attemptRecords: attemptKinds,
  stubPosts: stub.posts,
  stubProbes: { total: stub.probes, applied: stub.probesApplied, notApplied: stub.probesNotApplied },
  effects: stub.effects,
  replaysAbsorbedByKey: stub.replays,
  keysSentMoreThanOnce: stub.keysSentMoreThanOnce,
  duplicates: stub.keysAppliedTwice.length + stub.itemsAppliedTwice.length,
  appliedWithoutSucceeded: appliedNotSucceeded.length,
  pendingAfter60s: pending.length + sum(timings, t => t.pendingAfter),
  perRound: rounds.map(r => ({ round: r.round, clientMillis: r.millis, acknowledged: r.acknowledged,
    retried: r.envelopes.filter(e => e.sends > 1).length, ...(timings.find(t => t.round === r.round) || {}), answers: r.seen })),
  failures,
};
fs.writeFileSync(out, JSON.stringify(figures, null, 2));
const { perRound, ...totals } = figures;
console.log('round  kill at  decided before kill  down→ready  drained after ready  clients  round total  retried');
for (const r of perRound) {
  console.log([r.round, `${r.killAtMs} ms`, r.decidedBeforeKill, `${(r.restartMs / 1000).toFixed(1)} s`,
    `${(r.drainMs / 1000).toFixed(1)} s`, `${(r.clientMillis / 1000).toFixed(1)} s`, `${(r.roundMs / 1000).toFixed(1)} s`,
    r.retried].join('  '));
}
console.log(JSON.stringify(totals, null, 2));
process.exit(failures.length ? 1 : 0);
