#!/usr/bin/env bash
# Mandate quick start: build, fetch Payara 6 from Maven Central, start it on its embedded database,
# deploy Mandate with a demo tenant. Run it again to rebuild and redeploy after a change: it waits until
# Mandate (not only Payara) answers ready. A start interrupted halfway is picked up by the next one.
#
#   ./mandate.sh start     build + start + deploy (default)
#   ./mandate.sh stop      stop the quick-start server
#   ./mandate.sh status    is it running?
set -euo pipefail
cd "$(dirname "$0")"

PAYARA_VERSION=$(sed -n 's:.*<payara.version>\(.*\)</payara.version>.*:\1:p' pom.xml | head -1)
QUICKSTART=$PWD/target/quickstart
export MANDATE_PAYARA_HOME=$QUICKSTART/payara6
export MANDATE_WORK=$QUICKSTART/work
export MANDATE_DOMAIN=domain1 MANDATE_DB=h2 MANDATE_DEV_TOKENS=true MANDATE_DEMO=true
BASE_URL=http://localhost:8080

start() {
  echo "[mandate] building the EAR"
  # clean the modules (not the root: target/quickstart holds this server), so no class moved or deleted since
  # the last build is left over in the EAR
  ./mvnw -q -B -Dspotless.check.skip=true -pl ejb,batch,web,scim,ear clean
  ./mvnw -q -B -DskipTests -Dspotless.check.skip=true -pl ear -am package
  if [ ! -x "$MANDATE_PAYARA_HOME/bin/asadmin" ]; then
    echo "[mandate] fetching Payara $PAYARA_VERSION from Maven Central"
    # unpacked beside its place and moved there whole: an interrupted unpack leaves no half server behind
    rm -rf "$QUICKSTART/unpacking"
    ./mvnw -q -B -N org.apache.maven.plugins:maven-dependency-plugin:3.8.1:unpack \
      -Dartifact="fish.payara.distributions:payara:$PAYARA_VERSION:zip" -DoutputDirectory="$QUICKSTART/unpacking"
    rm -rf "$MANDATE_PAYARA_HOME"
    mv "$QUICKSTART/unpacking/payara6" "$MANDATE_PAYARA_HOME"
    rm -rf "$QUICKSTART/unpacking"
  fi
  if [ "$(bash server-config/local/domain.sh status)" = running ]; then
    # a redeploy over the running application left its persistence unit unusable (every decision 500,
    # "Unable to retrieve EntityManagerFactory"): take it out, restart, and deploy as on a first start
    echo "[mandate] undeploying and stopping the running server to deploy the new build afresh"
    "$MANDATE_PAYARA_HOME/bin/asadmin" --interactive=false undeploy mandate >/dev/null 2>&1 || true
    bash server-config/local/domain.sh stop >/dev/null
  fi
  bash server-config/local/domain.sh start >/dev/null
  bash server-config/local/domain.sh deploy ear/target/mandate.ear
  cat <<TXT

Mandate is running at $BASE_URL  (API $BASE_URL/api/v1, OpenAPI $BASE_URL/openapi, readiness $BASE_URL/health/ready)

Console: $BASE_URL/console/  (log in with the dev login: carol.controller@demo.example approves payments)

Get a token for the demo tenant in one call and list its agents:

  TOKEN=\$(curl -s -X POST $BASE_URL/api/v1/dev/tokens -H 'Content-Type: application/json' \\
      -d '{"subject":"me@demo.example","groups":["mandate-admin"]}' | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
  curl -s $BASE_URL/api/v1/agents -H "Authorization: Bearer \$TOKEN"

Stop it with: ./mandate.sh stop
TXT
}

case "${1:-start}" in
  start) start ;;
  stop) bash server-config/local/domain.sh stop ;;
  status) bash server-config/local/domain.sh status ;;
  *) echo "usage: $0 [start|stop|status]" >&2; exit 2 ;;
esac
