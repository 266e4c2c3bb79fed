// Open-rate load on POST /api/v1/envelopes with autocannon (npm): a fixed overall request rate spread
// over the agents' tokens, each request with its own Idempotency-Key and task id.
// usage: node decision-load.cjs BASE_URL AGENTS_FILE RATE SECONDS CONNECTIONS LABEL
const autocannon = require('autocannon');
const fs = require('fs');
const [base, agentsFile, rate, seconds, connections, label] = process.argv.slice(2);
const agents = fs.readFileSync(agentsFile, 'utf8').trim().split('\n').map(line => line.split(' '));
let sent = 0;
autocannon({
  url: base + '/api/v1/envelopes',
  method: 'POST',
  connections: Number(connections),
  overallRate: Number(rate),
  duration: Number(seconds),
  timeout: 10,
  requests: [{
    setupRequest: request => {
      sent++;
      const [id, token] = agents[sent % agents.length];
      const key = `${label}-${process.pid}-${sent}`;
      request.headers = {
        'content-type': 'application/json',
        authorization: 'Bearer ' + token,
        'idempotency-key': key,
      };
      request.body = JSON.stringify({
        agentId: id, taskId: 't-' + key, taskType: 'bench-task',
        requestedAction: { tool: 'bench', action: 'update', arguments: { ticketId: 'T-' + key } },
        modelUsage: { model: 'small', calls: 1, cost: 0.001 },
      });
      return request;
    },
  }],
}, (error, result) => {
  if (error) { console.error(error); process.exit(1); }
  const l = result.latency;
  const line = {
    label, targetRate: Number(rate), seconds: Number(seconds), connections: Number(connections),
    requests: result.requests.total, achievedPerSecond: result.requests.average,
    p50ms: l.p50, p90ms: l.p90, p99ms: l.p99, p999ms: l.p99_9, maxMs: l.max,
    non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts,
  };
  console.log(JSON.stringify(line));
});
