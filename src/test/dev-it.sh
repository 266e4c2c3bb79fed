#!/usr/bin/env bash
# Developer loop for integration tests: keep the test domain running between runs.
#   src/test/dev-it.sh up          start the test domain (as pre-integration-test would)
#   src/test/dev-it.sh run [Test]  (re)build the EAR and run integration tests against the running domain
#   src/test/dev-it.sh down        stop it
# The README's test command does all of this in one go; this only saves the start/stop per run.
set -euo pipefail
cd "$(dirname "$0")/../.."
export MANDATE_PAYARA_HOME=$PWD/src/test/target/payara/payara6 MANDATE_DOMAIN=mandate-it MANDATE_PORTBASE=28000
export MANDATE_DB=postgres MANDATE_PG_DATABASE=mandate_it MANDATE_PG_DRIVER=$PWD/src/test/target/postgresql.jar
export MANDATE_WORK=$PWD/src/test/target/it-work MANDATE_UNDEPLOY=true MANDATE_CONFIG_CACHE_SECONDS=${MANDATE_CONFIG_CACHE_SECONDS-0}
export MANDATE_JVM_XMX=${MANDATE_JVM_XMX-2g}
export MANDATE_HOUSEKEEPING_SECONDS=${MANDATE_HOUSEKEEPING_SECONDS-3} MANDATE_EXECUTION_CLAIMERS=${MANDATE_EXECUTION_CLAIMERS-4}
export MANDATE_ALERTS_SECONDS=${MANDATE_ALERTS_SECONDS-2}
# a schedule that never fires during a run (1 January, 03:00), so the list of jobs shows one
export MANDATE_JOBS_HEARTBEAT_SECONDS=${MANDATE_JOBS_HEARTBEAT_SECONDS-2} MANDATE_JOB_SCHEDULES=${MANDATE_JOB_SCHEDULES-"agent-census=0 3 1 1 *"}
# tracing on, exporting to the OTLP receiver TracesIT runs; only requests that ask for a sampled trace are recorded
export MANDATE_OTEL_ENDPOINT=${MANDATE_OTEL_ENDPOINT-http://127.0.0.1:28318} MANDATE_OTEL_SAMPLER=${MANDATE_OTEL_SAMPLER-parentbased_traceidratio}
export MANDATE_OTEL_SAMPLER_ARG=${MANDATE_OTEL_SAMPLER_ARG-0} MANDATE_OTEL_EXPORT_DELAY_MS=${MANDATE_OTEL_EXPORT_DELAY_MS-200}
# /metrics secured as in production, for this scraper only (the pom's it.metrics-scraper)
export MANDATE_METRICS_SCRAPER=${MANDATE_METRICS_SCRAPER-metrics-scraper:scrape-only-in-tests}
# the database is shared by every checkout on this machine: start each run from an empty one
export MANDATE_PG_RECREATE=true
case "${1:-}" in
  up)
    if [ ! -x "$MANDATE_PAYARA_HOME/bin/asadmin" ] || [ ! -f "$MANDATE_PG_DRIVER" ]; then
      ./mvnw -q -B -o -Dspotless.skip -pl ejb,batch,web,scim,ear clean && ./mvnw -q -B -o install -Dspotless.skip -Dmaven.test.skip=true -pl ear -am
      ./mvnw -q -B -o -pl src/test dependency:unpack@unpack-payara dependency:copy@copy-ear-and-driver
    fi
    bash server-config/local/domain.sh start >/dev/null ;;
  down) bash server-config/local/domain.sh stop ;;
  run)
    ./mvnw -q -B -o -Dspotless.skip -pl ejb,batch,web,scim,ear clean && ./mvnw -q -B -o install -Dspotless.skip -Dmaven.test.skip=true -pl ear -am
    cp ear/target/mandate.ear src/test/target/mandate.ear
    ./mvnw -B -o -pl src/test test-compile failsafe:integration-test failsafe:verify ${2:+-Dit.test=$2} ;;
  *) echo "usage: $0 up|run [TestClass]|down" >&2; exit 2 ;;
esac
