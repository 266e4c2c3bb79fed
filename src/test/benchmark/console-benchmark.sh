#!/usr/bin/env bash
# The console's inbox with 1,000 open approvals (issue target: rendered and interactive within 1 s), measured
# in the machine's Chromium against the quick start (H2, demo tenant): starts it if it is not running, puts
# 1,000 payments of 2,500 (REQUIRE_APPROVAL, for the finance approvers) in front of carol, then loads her
# inbox RUNS times (default 7). Run it alone on the machine:
#   src/test/benchmark/console-benchmark.sh
# Results: stdout and src/test/target/console-benchmark.jsonl.
set -euo pipefail
cd "$(dirname "$0")/../../.."
B=${BASE_URL:-http://127.0.0.1:8080} ITEMS=${ITEMS:-1000} RUNS=${RUNS:-7}
CLERK=00000000-de00-4000-8000-000000000003
curl -fsS $B/health/ready 2>/dev/null | grep -q '"name":"mandate"' || ./mandate.sh start >/dev/null
(cd src/test/console && npm ci --no-audit --no-fund --loglevel=error)
token() { curl -fsS -X POST $B/api/v1/dev/tokens -H 'Content-Type: application/json' \
  -d "{\"subject\":\"$1\",\"groups\":[\"$2\"]}" | sed 's/.*"access_token":"\([^"]*\)".*/\1/'; }
AGENT=$(token $CLERK mandate-agent) CAROL=$(token carol.controller@demo.example mandate-approver)
mkdir -p src/test/target
open=$(node -e "let n=0,c='';(async()=>{do{const r=await fetch('$B/api/v1/approvals?limit=200'+(c?'&cursor='+c:''),{headers:{Authorization:'Bearer $CAROL'}});const j=await r.json();n+=j.items.length;c=j.nextCursor||''}while(c);console.log(n)})()")
echo "open approvals before: $open"
node -e "
const need = $ITEMS - $open; let sent = 0, failed = 0;
async function one(i) {
  const key = 'inbox-' + Date.now() + '-' + i;
  const r = await fetch('$B/api/v1/envelopes', { method: 'POST', headers: { Authorization: 'Bearer $AGENT',
    'Content-Type': 'application/json', 'Idempotency-Key': key }, body: JSON.stringify({ agentId: '$CLERK', taskId: key,
    taskType: 'pay-invoice', requestedAction: { tool: 'erp', action: 'pay_invoice', arguments: { invoiceId: 'INV-' + key,
    amount: 2500, currency: 'EUR' } }, evidence: [{ source: 'erp', excerpt: key + ' matches PO-77' }],
    modelUsage: { model: 'small', calls: 1, cost: 0.001 } }) });
  const j = await r.json(); if (j.decision !== 'REQUIRE_APPROVAL') failed++; sent++;
}
(async () => { for (let i = 0; i < need; i += 8) await Promise.all([...Array(Math.min(8, need - i)).keys()].map(k => one(i + k)));
  console.log(JSON.stringify({ seeded: sent, notForApproval: failed })); })();"
(cd src/test/console && node inbox-benchmark.mjs $B carol.controller@demo.example "$RUNS") | tee -a src/test/target/console-benchmark.jsonl
