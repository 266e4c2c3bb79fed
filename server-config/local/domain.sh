#!/usr/bin/env bash
# Prepares, starts and stops a local Payara domain for Mandate: the quick start (H2, dev tokens, demo
# tenant) and the integration tests (PostgreSQL). Idempotent: run it again and it only does what is
# missing. Production servers are prepared with the asadmin files next to this folder instead.
#
#   domain.sh start            create (if needed), configure and start the domain
#   domain.sh deploy EAR       deploy or redeploy Mandate, then wait until it is ready
#   domain.sh stop             stop the domain (no-op when it is not running)
#   domain.sh status           running or not
#
# Settings (environment):
#   MANDATE_PAYARA_HOME  unpacked Payara (the folder holding bin/asadmin)      required
#   MANDATE_DOMAIN       domain name                                           default domain1
#   MANDATE_PORTBASE     create the domain with this port base (admin = +48, http = +80); unset = domain1's ports
#   MANDATE_WORK         where keys, logs and the audit witness directory live  default $MANDATE_PAYARA_HOME/../work
#   MANDATE_DB           h2 (embedded default database) or postgres           default h2
#   MANDATE_PG_DATABASE, MANDATE_PG_HOST, MANDATE_PG_PORT, MANDATE_PG_USER, MANDATE_PG_PASSWORD
#   MANDATE_PG_RECREATE  true: drop and create the database (and empty its audit witness) first (tests)  default false
#   MANDATE_PG_DRIVER    path of the PostgreSQL JDBC driver jar (postgres only)
#   MANDATE_DEV_TOKENS   true: enable POST /api/v1/dev/tokens                  default true
#   MANDATE_DEMO         true: load the demo tenant at startup                 default true
#   MANDATE_UNDEPLOY     true: remove an already deployed Mandate after start (tests)
#   MANDATE_CONFIG_CACHE_SECONDS  how long Payara caches MP Config values (tests: 0)
#   MANDATE_HOUSEKEEPING_SECONDS  how often old rate buckets and idempotency keys go (tests: 3)
#   MANDATE_ALERTS_SECONDS        how often the alert rules are evaluated (tests: 2)       default 60
#   MANDATE_EXECUTION_CLAIMERS    execution workers competing for the queue on this server (tests: 4)
#   MANDATE_JOBS_HEARTBEAT_SECONDS  how often the job heartbeat and recovery of stuck executions run (tests: 2)
#   MANDATE_JOB_SCHEDULES         job schedules, "job=cron;job=cron" (e.g. "agent-census=0 2 * * *")
#   MANDATE_DB_LOCK_TIMEOUT_MS    longest wait for a row or table lock               default 5000
#   MANDATE_DB_STATEMENT_TIMEOUT_SECONDS  longest statement                        default 15
#   MANDATE_DB_POOL_WAIT_MS       longest wait for a pooled connection             default 5000
#   MANDATE_JVM_XMX               the server's heap (tests: 2g)                      default 512m
#   MANDATE_HTTP_THREADS          HTTP worker threads                              default 64
#   MANDATE_OTEL_ENDPOINT         switch tracing on and export spans over OTLP/HTTP (protobuf) to this collector
#   MANDATE_OTEL_SAMPLER, MANDATE_OTEL_SAMPLER_ARG  which traces are recorded     default parentbased_always_on
#   MANDATE_OTEL_EXPORT_DELAY_MS  longest wait before recorded spans are sent     default 5000
#   MANDATE_METRICS_SCRAPER       user:password: /metrics only for this scraper (HTTP BASIC), as in production
#                                 (mandate.metrics.scraper); unset = open (quick start, localhost)
set -euo pipefail

: "${MANDATE_PAYARA_HOME:?set MANDATE_PAYARA_HOME to the unpacked payara6 folder}"
DOMAIN=${MANDATE_DOMAIN:-domain1}
WORK=${MANDATE_WORK:-$MANDATE_PAYARA_HOME/../work}
DB=${MANDATE_DB:-h2}
ASADMIN="$MANDATE_PAYARA_HOME/bin/asadmin"
DOMAINS_DIR="$MANDATE_PAYARA_HOME/glassfish/domains"
if [ -n "${MANDATE_PORTBASE:-}" ]; then
  ADMIN_PORT=$((MANDATE_PORTBASE + 48))
  HTTP_PORT=$((MANDATE_PORTBASE + 80))
else
  ADMIN_PORT=4848
  HTTP_PORT=8080
fi
ISSUER="urn:mandate:local:$DOMAIN"

log() { printf '[mandate] %s\n' "$*" >&2; }
asadmin() { "$ASADMIN" --port "$ADMIN_PORT" --interactive=false "$@"; }
# asadmin property lists use ':' as separator: escape the ones inside values
escape() { printf '%s' "$1" | sed 's/:/\\:/g'; }

is_running() {
  "$ASADMIN" list-domains --domaindir "$DOMAINS_DIR" 2>/dev/null | grep -Eq "^$DOMAIN running"
}

ensure_domain() {
  if [ ! -d "$DOMAINS_DIR/$DOMAIN" ]; then
    [ -n "${MANDATE_PORTBASE:-}" ] || { log "domain $DOMAIN does not exist"; exit 1; }
    log "creating domain $DOMAIN (port base $MANDATE_PORTBASE)"
    "$ASADMIN" --interactive=false create-domain --nopassword=true --portbase "$MANDATE_PORTBASE" "$DOMAIN" >/dev/null
  fi
}

# JVM options of the server config, written into domain.xml while the domain is stopped (asadmin would
# need a running domain and a restart). jakarta.json.provider: without it every Json.createXxx call of
# Payara's MP-JWT token parser looks the provider up through ServiceLoader (measured: a fifth of the CPU
# of a decision, BENCHMARKS.md). The parallel collector: as in production (30-jvm.asadmin, which says why).
# The common pool's parallelism at least 2: see 30-jvm.asadmin for why (with fewer, every asynchronous
# completion of the JDK's HTTP client starts a thread); on more cores the JDK's own default, cores - 1.
COMMON_POOL=-Djava.util.concurrent.ForkJoinPool.common.parallelism=
CORES=$(nproc 2>/dev/null || echo 2)
POOL_OPTION=$COMMON_POOL$((CORES > 3 ? CORES - 1 : 2))
JVM_OPTIONS=(-Djakarta.json.provider=org.eclipse.parsson.JsonProviderImpl -XX:+UseParallelGC "$POOL_OPTION")

ensure_jvm_options() {
  local xml="$DOMAINS_DIR/$DOMAIN/config/domain.xml" option
  # a parallelism another machine wrote (the domain was copied, or the cores changed) gives way
  sed -i "\\|<jvm-options>$COMMON_POOL|{\\|<jvm-options>$POOL_OPTION</jvm-options>|!d}" "$xml"
  for option in "${JVM_OPTIONS[@]}"; do
    if ! grep -qF "<jvm-options>$option</jvm-options>" "$xml"; then
      # the first -Xmx line belongs to server-config, the configuration the server runs with
      sed -i "0,/<jvm-options>-Xmx/s||<jvm-options>$option</jvm-options>\n        &|" "$xml"
      log "added JVM option $option"
    fi
  done
}

# The server's heap: MANDATE_JVM_XMX, else Payara's default of 512m. The test suite sets 2g: every test
# class deploys the EAR anew, and each undeploy leaves about 15 MB behind on Payara 6 (threads of the
# application's managed executors outlive it), which fills 512m before the suite ends.
ensure_heap() {
  local xml="$DOMAINS_DIR/$DOMAIN/config/domain.xml" want="-Xmx${MANDATE_JVM_XMX:-512m}"
  # the first -Xmx line belongs to server-config, the configuration the server runs with
  if [ "$(grep -o -m1 '<jvm-options>-Xmx[^<]*</jvm-options>' "$xml")" != "<jvm-options>$want</jvm-options>" ]; then
    sed -i "0,/<jvm-options>-Xmx[^<]*<\/jvm-options>/s||<jvm-options>$want</jvm-options>|" "$xml"
    log "heap $want"
  fi
  # a fixed initial heap an earlier run (a benchmark) left would refuse a smaller maximum at start
  if grep -q '<jvm-options>-Xms' "$xml"; then
    sed -i '/<jvm-options>-Xms[^<]*<\/jvm-options>/d' "$xml"
    log "initial heap left to the JVM"
  fi
}

ensure_keys() {
  mkdir -p "$WORK/keys"
  if [ ! -s "$WORK/keys/private.pem" ]; then
    log "generating the local token signing key pair in $WORK/keys"
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/keys/private.pem" 2>/dev/null
    openssl pkey -in "$WORK/keys/private.pem" -pubout -out "$WORK/keys/public.pem"
    chmod 600 "$WORK/keys/private.pem"
  fi
  if [ ! -s "$WORK/keys/audit-private.pem" ]; then
    log "generating the local audit checkpoint signing key pair in $WORK/keys"
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/keys/audit-private.pem" 2>/dev/null
    openssl pkey -in "$WORK/keys/audit-private.pem" -pubout -out "$WORK/keys/audit-public.pem"
    chmod 600 "$WORK/keys/audit-private.pem"
  fi
}

ensure_postgres_database() {
  local host=${MANDATE_PG_HOST:-127.0.0.1} port=${MANDATE_PG_PORT:-5432} user=${MANDATE_PG_USER:-postgres}
  local db=${MANDATE_PG_DATABASE:?set MANDATE_PG_DATABASE}
  if [ "${MANDATE_PG_RECREATE:-false}" = true ]; then
    log "recreating PostgreSQL database $db"
    # the witness holds the checkpoints of the database dropped here: kept, it would report every chain
    # of the new database as cut back behind them
    rm -rf "$WORK/audit-witness"
    psql -q -h "$host" -p "$port" -U "$user" -d postgres -c "drop database if exists $db with (force)" >/dev/null
  fi
  if ! psql -qtA -h "$host" -p "$port" -U "$user" -d postgres -c "select 1 from pg_database where datname='$db'" | grep -q 1; then
    psql -q -h "$host" -p "$port" -U "$user" -d postgres -c "create database $db" >/dev/null
  fi
  cp "${MANDATE_PG_DRIVER:?set MANDATE_PG_DRIVER}" "$DOMAINS_DIR/$DOMAIN/lib/postgresql.jar"
}

# as in production (20-datasource.asadmin, which says why): no SQL trace listener on the pool; also applied
# to a pool an earlier version of this script created
without_sql_trace() {
  # read domain.xml first: an asadmin call costs a JVM start on every start of the domain
  grep -q 'sql-trace-listeners="null"' "$DOMAINS_DIR/$DOMAIN/config/domain.xml" \
    || asadmin set resources.jdbc-connection-pool.mandate-pg.sql-trace-listeners=null >/dev/null
}

configure_datasource() {
  if asadmin list-jdbc-resources | grep -qx 'jdbc/mandate'; then
    # an "if", not "[ ] && ...": a bare return would hand the failed test's status to set -e, and a
    # second start of the quick start (H2) stopped there with exit 1
    if [ "$DB" = postgres ]; then
      without_sql_trace
    fi
    return 0
  fi
  if [ "$DB" = postgres ]; then
    # Payara's pool refuses a user without a password ("No password credential found"), even where the
    # server trusts local connections and ignores it
    local props="user=${MANDATE_PG_USER:-postgres}:password=${MANDATE_PG_PASSWORD:-postgres}:serverName=${MANDATE_PG_HOST:-127.0.0.1}:portNumber=${MANDATE_PG_PORT:-5432}:databaseName=$MANDATE_PG_DATABASE"
    asadmin create-jdbc-connection-pool \
      --datasourceclassname org.postgresql.ds.PGSimpleDataSource --restype javax.sql.DataSource \
      --steadypoolsize 8 --maxpoolsize 64 --isconnectvalidatereq=true --validateatmostonceperiod 30 --validationmethod custom-validation \
      --validationclassname org.glassfish.api.jdbc.validation.PostgresConnectionValidation \
      --property "$props" mandate-pg >/dev/null
    asadmin create-jdbc-resource --connectionpoolid mandate-pg jdbc/mandate >/dev/null
    without_sql_trace
  else
    # the embedded default database (H2) every Payara domain ships with
    asadmin create-jdbc-resource --connectionpoolid H2Pool jdbc/mandate >/dev/null
  fi
  log "datasource jdbc/mandate -> $DB"
}

# Every wait for the database is bounded, so a held lock or an absent database answers 503 (nothing
# written) instead of holding an HTTP worker: a lock wait (PostgreSQL lock_timeout, H2 LOCK_TIMEOUT, set
# on each new connection), a statement (the pool's statement timeout), a pooled connection (the pool's
# max wait) and, on PostgreSQL, connecting (connectTimeout) and a silent network (socketTimeout). The
# HTTP pool has more workers than Payara's 5, so one slow request does not stop the others. As in
# production (20-datasource.asadmin, 35-http.asadmin). Applied once per setting: a stamp in the domain
# remembers what was set (each asadmin call costs a JVM start).
configure_timeouts() {
  local lock=${MANDATE_DB_LOCK_TIMEOUT_MS:-5000} statement=${MANDATE_DB_STATEMENT_TIMEOUT_SECONDS:-15}
  local wait=${MANDATE_DB_POOL_WAIT_MS:-5000} threads=${MANDATE_HTTP_THREADS:-64}
  local pool=H2Pool init="SET LOCK_TIMEOUT $lock"
  if [ "$DB" = postgres ]; then
    pool=mandate-pg
    init="SET lock_timeout TO $lock"
  fi
  local stamp="$DOMAINS_DIR/$DOMAIN/config/mandate-timeouts" wanted="$pool $lock $statement $wait $threads"
  [ "$(cat "$stamp" 2>/dev/null)" = "$wanted" ] && return
  local prefix="resources.jdbc-connection-pool.$pool"
  asadmin set "$prefix.init-sql=$init" "$prefix.statement-timeout-in-seconds=$statement" \
    "$prefix.max-wait-time-in-millis=$wait" \
    "configs.config.server-config.thread-pools.thread-pool.http-thread-pool.max-thread-pool-size=$threads" >/dev/null
  if [ "$DB" = postgres ]; then
    asadmin set "$prefix.property.connectTimeout=5" "$prefix.property.socketTimeout=$((statement * 2))" >/dev/null
  fi
  echo "$wanted" > "$stamp"
  log "database waits bounded (lock ${lock} ms, statement ${statement} s, pool ${wait} ms), $threads HTTP workers"
}

# The batch runtime keeps its job repository in Mandate's database, in the tables Flyway creates (V14), as
# in production (50-batch.asadmin); left alone it would use an embedded database of the domain
# (jdbc/__TimerPool). Read domain.xml first: an asadmin call costs a JVM start.
configure_batch_runtime() {
  grep -q 'data-source-lookup-name="jdbc/mandate"' "$DOMAINS_DIR/$DOMAIN/config/domain.xml" \
    || asadmin set-batch-runtime-configuration --datasourcelookupname jdbc/mandate >/dev/null
}

configure_properties() {
  local props
  props="mp.jwt.verify.issuer=$(escape "$ISSUER")"
  props+=":mp.jwt.verify.publickey.location=$(escape "file:$WORK/keys/public.pem")"
  props+=":mandate.dev-tokens.enabled=${MANDATE_DEV_TOKENS:-true}"
  props+=":mandate.dev-tokens.signing-key-location=$(escape "$WORK/keys/private.pem")"
  props+=":mandate.demo.enabled=${MANDATE_DEMO:-true}"
  # the demo's connectors call the demo's stand-in tools on this same domain
  props+=":mandate.demo.tools-base-url=$(escape "http://127.0.0.1:$HTTP_PORT")"
  props+=":mandate.audit.signing-key-location=$(escape "$WORK/keys/audit-private.pem")"
  # every sealed checkpoint is also written here, outside the database (the audit witness)
  props+=":mandate.audit.witness.directory=$(escape "$WORK/audit-witness")"
  if [ -n "${MANDATE_CONFIG_CACHE_SECONDS:-}" ]; then
    # Payara caches MP Config values; tests that flip a setting need it read afresh
    props+=":mp.config.cache.duration=$MANDATE_CONFIG_CACHE_SECONDS"
  fi
  if [ -n "${MANDATE_HOUSEKEEPING_SECONDS:-}" ]; then
    props+=":mandate.housekeeping.interval-seconds=$MANDATE_HOUSEKEEPING_SECONDS"
  fi
  if [ -n "${MANDATE_ALERTS_SECONDS:-}" ]; then
    props+=":mandate.alerts.interval-seconds=$MANDATE_ALERTS_SECONDS"
  fi
  if [ -n "${MANDATE_EXECUTION_CLAIMERS:-}" ]; then
    props+=":mandate.execution.claimers=$MANDATE_EXECUTION_CLAIMERS"
  fi
  if [ -n "${MANDATE_JOBS_HEARTBEAT_SECONDS:-}" ]; then
    props+=":mandate.jobs.heartbeat-seconds=$MANDATE_JOBS_HEARTBEAT_SECONDS"
  fi
  if [ -n "${MANDATE_JOB_SCHEDULES:-}" ]; then
    local schedule
    IFS=';' read -ra schedules <<<"$MANDATE_JOB_SCHEDULES"
    for schedule in "${schedules[@]}"; do
      props+=":mandate.jobs.${schedule%%=*}.schedule=$(escape "${schedule#*=}")"
    done
  fi
  if [ -n "${MANDATE_METRICS_SCRAPER:-}" ]; then
    # the setting holds the password's SHA-256 only
    local digest
    digest=$(printf '%s' "${MANDATE_METRICS_SCRAPER#*:}" | sha256sum | cut -d' ' -f1)
    props+=":mandate.metrics.scraper=$(escape "${MANDATE_METRICS_SCRAPER%%:*}:$digest")"
  elif grep -q 'name="mandate.metrics.scraper"' "$DOMAINS_DIR/$DOMAIN/config/domain.xml"; then
    asadmin delete-system-property mandate.metrics.scraper >/dev/null
  fi
  if [ -n "${MANDATE_OTEL_ENDPOINT:-}" ]; then
    # the standard OpenTelemetry settings, read by Payara's MicroProfile Telemetry when Mandate is deployed
    props+=":otel.sdk.disabled=false:otel.traces.exporter=otlp:otel.exporter.otlp.protocol=http/protobuf"
    props+=":otel.exporter.otlp.endpoint=$(escape "$MANDATE_OTEL_ENDPOINT"):otel.service.name=mandate"
    props+=":otel.traces.sampler=${MANDATE_OTEL_SAMPLER:-parentbased_always_on}"
    if [ -n "${MANDATE_OTEL_SAMPLER_ARG:-}" ]; then
      props+=":otel.traces.sampler.arg=$MANDATE_OTEL_SAMPLER_ARG"
    fi
    props+=":otel.bsp.schedule.delay=${MANDATE_OTEL_EXPORT_DELAY_MS:-5000}:otel.logs.exporter=none:otel.metrics.exporter=none"
  elif grep -q 'name="otel.sdk.disabled"' "$DOMAINS_DIR/$DOMAIN/config/domain.xml"; then
    # a reused domain that traced before: off again (the environment's OTEL_SDK_DISABLED decides)
    asadmin delete-system-property otel.sdk.disabled >/dev/null
  fi
  asadmin create-system-properties "$props" >/dev/null
  # as in production (40-mandate-config.asadmin): no stack trace in server.log per unparseable token
  asadmin set-log-levels fish.payara.microprofile.jwtauth.eesecurity.SignedJWTIdentityStore=WARNING >/dev/null
}

# true once Mandate's own readiness check answers UP (200), false after $1 seconds
ready_within() {
  local url="http://127.0.0.1:$HTTP_PORT/health/ready" deadline=$((SECONDS + ${1:-180}))
  # Mandate's own check must be in the answer: while the app loads, Payara's endpoint answers UP with no
  # checks for a moment, and a deploy or undeploy in that moment breaks the app (PAYARA.md, pitfall 7)
  until curl -fsS "$url" 2>/dev/null | grep -q '"name":"mandate"'; do
    [ $SECONDS -ge $deadline ] && return 1
    sleep 1
  done
}

wait_ready() {
  if ! ready_within "${1:-180}"; then
    log "Mandate did not become ready at http://127.0.0.1:$HTTP_PORT/health/ready; see $DOMAINS_DIR/$DOMAIN/logs/server.log"
    exit 1
  fi
}

# A domain whose server process lives although asadmin does not see it running: a start that was
# interrupted (the server goes on starting in the background) or is still coming up. Starting it again
# would hang for 10 minutes and delete its pid file (PAYARA.md, pitfall 6): wait for it instead.
server_process_alive() {
  local pid
  pid=$(cat "$DOMAINS_DIR/$DOMAIN/config/pid" 2>/dev/null) || return 1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null
}

wait_for_running() {
  local deadline=$((SECONDS + 180))
  until is_running; do
    if [ $SECONDS -ge $deadline ] || ! server_process_alive; then
      return 1
    fi
    sleep 2
  done
}

# After a start: an app that was deployed before finishes loading before anything else happens (a deploy
# racing with that load breaks its persistence unit, PAYARA.md pitfall 7). One that does not become ready
# (an interrupted deploy, a broken build) is left to the deploy that follows, which replaces it.
settle_deployed_app() {
  if app_deployed && ! ready_within 180; then
    log "the deployed Mandate is not ready; the next deploy replaces it"
  fi
}

app_deployed() {
  asadmin list-applications 2>/dev/null | grep -Eq '^mandate '
}

cmd_start() {
  ensure_domain
  ensure_keys
  if ! is_running && server_process_alive; then
    log "domain $DOMAIN is still starting (an earlier start was interrupted?): waiting for it"
    wait_for_running || { log "domain $DOMAIN neither runs nor stops; stop it (domain.sh stop) and start again"; exit 1; }
  fi
  if is_running; then
    log "domain $DOMAIN already running"
  else
    if [ "$DB" = postgres ]; then
      ensure_postgres_database
    fi
    ensure_jvm_options
    ensure_heap
    log "starting domain $DOMAIN"
    "$ASADMIN" start-domain --domaindir "$DOMAINS_DIR" "$DOMAIN" >/dev/null
  fi
  settle_deployed_app
  configure_datasource
  configure_batch_runtime
  configure_timeouts
  configure_properties
  if [ "${MANDATE_UNDEPLOY:-false}" = true ] && app_deployed; then
    # tests deploy through Arquillian: a deployment left by an interrupted run would block it
    asadmin undeploy mandate >/dev/null
    log "undeployed a leftover mandate application"
  fi
  echo "$WORK/keys"
}

cmd_deploy() {
  local ear=${1:?usage: domain.sh deploy EAR}
  log "deploying $ear"
  asadmin deploy --force=true --name mandate "$ear" >/dev/null
  wait_ready 180
}

cmd_stop() {
  if is_running; then
    "$ASADMIN" stop-domain --domaindir "$DOMAINS_DIR" "$DOMAIN" >/dev/null
    log "domain $DOMAIN stopped"
  else
    log "domain $DOMAIN is not running"
  fi
}

case "${1:-}" in
  start) cmd_start ;;
  deploy) shift; cmd_deploy "$@" ;;
  stop) cmd_stop ;;
  status) if is_running; then echo running; else echo stopped; fi ;;
  *) echo "usage: $0 start|deploy EAR|stop|status" >&2; exit 2 ;;
esac
