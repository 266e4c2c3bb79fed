#!/usr/bin/env bash
# The crash run (RELIABILITY.md): kills the application server with kill -9 at a random moment while
# clients send ENVELOPES envelopes, ROUNDS times; restarts it and lets the clients send every envelope
# without an acknowledged answer again, with the same Idempotency-Key and body. Then checks that every
# acknowledged envelope has exactly one decision, that no effect happened twice and that nothing stayed
# pending 60 s after a restart. Exit 1 when a promise fails.
#
# Runs the test domain on PostgreSQL (database mandate_it, recreated) with ear/target/mandate.ear as built
# (BUILD=true builds it first). Run it alone on the machine, under the lock the tests take:
#   flock /tmp/mandate-payara.lock src/test/reliability/crash-run.sh
# Settings: ROUNDS (20), ENVELOPES (200 per round), CONCURRENCY (32 clients at a time), SPREAD_MS (3000: the
# envelopes' first sends are spread over this long), KILL_MIN_MS / KILL_MAX_MS (200 / 3000: the kill comes
# this long after the round starts), STUB_DELAY_MIN_MS / STUB_DELAY_MAX_MS (10 / 100: the tool waits this
# long before its effect and as long again before answering), STUB_PORT (28190), SEED (random).
# Results: src/test/target/crash-run/ (summary.json, each round's clients, the tool's summary) and stdout.
set -euo pipefail
cd "$(dirname "$0")/../../.."
ROUNDS=${ROUNDS:-20} ENVELOPES=${ENVELOPES:-200} CONCURRENCY=${CONCURRENCY:-32} SPREAD_MS=${SPREAD_MS:-3000}
KILL_MIN_MS=${KILL_MIN_MS:-200} KILL_MAX_MS=${KILL_MAX_MS:-3000}
STUB_DELAY_MIN_MS=${STUB_DELAY_MIN_MS:-10} STUB_DELAY_MAX_MS=${STUB_DELAY_MAX_MS:-100} STUB_PORT=${STUB_PORT:-28190}
SEED=${SEED:-$RANDOM}
RANDOM=$SEED
B=http://127.0.0.1:28080
PAYARA=src/test/target/payara/payara6
DOMAINS=$PAYARA/glassfish/domains
PIDFILE=$DOMAINS/mandate-it/config/pid
ASADMIN="$PAYARA/bin/asadmin --port 28048 --interactive=false"
OUT=src/test/target/crash-run
PSQL="psql -h 127.0.0.1 -U postgres -d mandate_it -tAq"
log() { printf '[crash-run %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
now_ms() { date +%s%3N; }

if [ "${BUILD:-false}" = true ]; then
  ./mvnw -q -B -o -Dspotless.skip -pl ejb,batch,web,scim,ear clean
  ./mvnw -q -B -o install -Dspotless.skip -Dmaven.test.skip=true -pl ear -am
fi
[ -f ear/target/mandate.ear ] || { echo "ear/target/mandate.ear missing: build it (or BUILD=true)" >&2; exit 2; }
rm -rf $OUT && mkdir -p $OUT
log "seed $SEED, $ROUNDS rounds of $ENVELOPES envelopes, $CONCURRENCY clients"

stub_pid=
finish() {
  [ -n "$stub_pid" ] && kill "$stub_pid" 2>/dev/null && wait "$stub_pid" 2>/dev/null || true
  $ASADMIN undeploy mandate >/dev/null 2>&1 || true
  src/test/dev-it.sh down || true
}
trap finish EXIT

src/test/dev-it.sh up >/dev/null
$ASADMIN deploy --force --name mandate ear/target/mandate.ear >/dev/null
ready() { curl -fsS $B/health/ready 2>/dev/null | grep -q '"name":"mandate"'; }
wait_ready() {
  local deadline=$((SECONDS + 300))
  until ready; do
    [ $SECONDS -lt $deadline ] || { log "Mandate not ready after 300 s; see $DOMAINS/mandate-it/logs/server.log"; exit 1; }
    sleep 0.5
  done
}
wait_ready
log "synchronous_commit=$($PSQL -c 'show synchronous_commit')"

node src/test/reliability/crash-stub.cjs $STUB_PORT $OUT/stub-summary.json "$STUB_DELAY_MIN_MS" "$STUB_DELAY_MAX_MS" &
stub_pid=$!
until curl -fsS http://127.0.0.1:$STUB_PORT/summary >/dev/null 2>&1; do sleep 0.2; done
node src/test/reliability/crash-clients.cjs tenant $B http://127.0.0.1:$STUB_PORT $OUT/tenant.json
tenant=$(node -p "require('./$OUT/tenant.json').tenant")
log "tenant $tenant"
run=$(date +%s)

# The server's own JVM, from the domain's pid file, checked to be the test domain's java before the kill.
server_pid() {
  local pid
  pid=$(cat $PIDFILE 2>/dev/null) || return 1
  [ -n "$pid" ] && grep -qa 'mandate-it' /proc/$pid/cmdline 2>/dev/null && echo "$pid"
}
pending() {
  $PSQL -c "select count(*) from execution where tenant_id = '$tenant' and status in ('QUEUED', 'IN_FLIGHT')"
}
decided_so_far() {
  $PSQL -c "select count(*) from idempotency_key where tenant_id = '$tenant' and idem_key like 'crash-$run-r$1-%' and state = 'DONE'"
}

started_all=$(now_ms)
printf '' > $OUT/rounds.tsv
failed_rounds=0
for round in $(seq 1 "$ROUNDS"); do
  kill_at=$((KILL_MIN_MS + (RANDOM * 32768 + RANDOM) % (KILL_MAX_MS - KILL_MIN_MS + 1)))
  round_start=$(now_ms)
  node src/test/reliability/crash-clients.cjs round $B $OUT/tenant.json "$run" "$round" "$ENVELOPES" "$CONCURRENCY" \
    "$SPREAD_MS" $OUT/round-$round.json &
  clients=$!
  sleep "$(printf '%d.%03d' $((kill_at / 1000)) $((kill_at % 1000)))"
  pid=$(server_pid) || { log "no server process to kill (pid file $PIDFILE)"; exit 1; }
  kill -9 "$pid"
  killed=$(now_ms)
  while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
  gone=$(now_ms)
  decided_before=$(decided_so_far "$round")
  $PAYARA/bin/asadmin start-domain --domaindir $DOMAINS mandate-it >/dev/null
  wait_ready
  ready_at=$(now_ms)
  clients_rc=0
  wait $clients || clients_rc=$?
  [ $clients_rc -eq 0 ] || { log "round $round: clients ended with $clients_rc (not every envelope acknowledged)"; failed_rounds=$((failed_rounds + 1)); }
  # executions the dead server held: their leases run out, a worker asks the tool by key and settles them
  left=$(pending)
  until [ "$left" -eq 0 ] || [ $(($(now_ms) - ready_at)) -ge 60000 ]; do sleep 0.5; left=$(pending); done
  drained=$(now_ms)
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$kill_at" "$decided_before" $((gone - killed)) \
    $((ready_at - killed)) $((drained - ready_at)) "$left" $((drained - round_start)) >> $OUT/rounds.tsv
  log "round $round: killed at $kill_at ms ($decided_before decided before), ready again after $(((ready_at - killed) / 1000)) s, $left pending, round $(((drained - round_start) / 1000)) s"
done
total_ms=$(($(now_ms) - started_all))

kill "$stub_pid"; wait "$stub_pid" 2>/dev/null || true; stub_pid=
rc=0
node src/test/reliability/crash-verify.cjs $OUT/tenant.json $OUT $OUT/stub-summary.json $OUT/summary.json || rc=$?
log "total $((total_ms / 1000)) s for $ROUNDS rounds (seed $SEED)"
node -e "const f='$OUT/summary.json',s=require('./'+f);s.totalMillis=$total_ms;s.seed=$SEED;require('fs').writeFileSync(f,JSON.stringify(s,null,2))"
[ $failed_rounds -eq 0 ] || rc=1
[ $rc -eq 0 ] && log "every promise held" || log "a promise failed: see $OUT/summary.json (failures)"
exit $rc
