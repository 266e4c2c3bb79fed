#!/usr/bin/env bash
# Prepares an EXISTING Payara Server 6 domain for Mandate (production) and deploys Mandate on it.
# Local quick-start and test domains are prepared by local/domain.sh instead.
#
#   prepare-domain.sh configure      admin password, datasource, heap, Mandate settings, batch, secure admin
#   prepare-domain.sh deploy [EAR]   deploy or redeploy Mandate (default ear/target/mandate.ear), wait until ready
#   prepare-domain.sh render DIR     only write the rendered asadmin files to DIR (to read or run by hand)
#
# Why a wrapper: the asadmin files in asadmin/ use ${ENV=NAME} and ${ENV=NAME:default} placeholders, but
# the asadmin CLIENT never substitutes them. It sends the text unchanged; the server stores
# "${ENV=NAME}" in domain.xml and resolves it later from the environment of the SERVER process (not the
# shell that ran asadmin), and file arguments (add-library, add-resources, deploy) are not resolved at
# all. This script renders the placeholders from its own environment, escapes the values for asadmin,
# stops when a required one is missing, and runs the files with "asadmin multimode --file". It leaves
# ${ALIAS=...} alone: the server resolves password aliases itself.
#
# Idempotent: run it again with the same or changed settings and it converges the domain to them.
# Secrets are passed to asadmin in a temporary password file (mode 600, deleted on exit), never on a
# command line and never into a file of this repository.
#
# Environment (see README.md, "Deploy on an existing Payara server"):
#   MANDATE_PAYARA_HOME            Payara folder holding bin/asadmin (default: asadmin from PATH)
#   MANDATE_ADMIN_HOST / _PORT     DAS host and admin port                    default localhost / 4848
#   MANDATE_ADMIN_USER             admin user                                 default admin
#   MANDATE_ADMIN_PASSWORD         the admin password the domain must have    required, not empty
#   MANDATE_ADMIN_INITIAL_PASSWORD the current admin password when it is still another one (a fresh
#                                  domain: set it to the empty string); then it is changed
#   MANDATE_PG_DRIVER              path of the PostgreSQL JDBC driver jar     required (configure)
#   MANDATE_PG_HOST, MANDATE_PG_DATABASE, MANDATE_PG_USER                     required (configure)
#   MANDATE_PG_PORT, MANDATE_PG_SSLMODE                                       default 5432, prefer
#   MANDATE_PG_PASSWORD            database password, stored as password alias mandate-pg-password;
#                                  required while that alias does not exist, else it updates the alias
#   MANDATE_PG_POOL_MIN / _MAX     pool sizes                                 default 8 / 32
#   MANDATE_JVM_XMS / MANDATE_JVM_XMX  heap                                   default 1g / 1g
#   MANDATE_COMMON_POOL_PARALLELISM  the JDK's common pool (30-jvm.asadmin)   default cores - 1, at least 2
#   MANDATE_JWT_ISSUER             the IdP's issuer ("iss")                   required (configure)
#   MANDATE_JWT_PUBLICKEY_LOCATION the IdP's JWKS URL                         required (configure)
#   MANDATE_JWT_AUDIENCES, MANDATE_JWT_TENANT_CLAIM, MANDATE_JWT_ALGORITHM    default mandate, tenant, RS256
#   MANDATE_AUDIT_SIGNING_KEY_LOCATION  PKCS#8 PEM RSA private key for audit checkpoints  required (configure)
#   MANDATE_AUDIT_SEAL_INTERVAL_SECONDS, MANDATE_AUDIT_SHARDS               default 300, 8
#   MANDATE_METRICS_SCRAPER        who may read /metrics: user:SHA-256-hex of its password  required (configure)
#   MANDATE_AUDIT_WITNESS_DIRECTORY  append-only directory of witnessed checkpoints  default /var/lib/mandate/audit-witness
#   MANDATE_EAR                    EAR to deploy (or the argument of deploy)  default ear/target/mandate.ear
#   MANDATE_HTTP_URL               where Mandate answers, for the readiness wait  default http://<admin host>:8080
#   MANDATE_READY_TIMEOUT          seconds to wait for /health/ready          default 300
set -euo pipefail
umask 077

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TEMPLATES="$HERE/asadmin"
REPO=$(cd "$HERE/.." && pwd)

ADMIN_HOST=${MANDATE_ADMIN_HOST:-localhost}
ADMIN_PORT=${MANDATE_ADMIN_PORT:-4848}
ADMIN_USER=${MANDATE_ADMIN_USER:-admin}
HTTP_URL=${MANDATE_HTTP_URL:-http://$ADMIN_HOST:8080}
READY_TIMEOUT=${MANDATE_READY_TIMEOUT:-300}
PG_ALIAS=mandate-pg-password
if [ -n "${MANDATE_PAYARA_HOME:-}" ]; then
  ASADMIN_BIN="$MANDATE_PAYARA_HOME/bin/asadmin"
else
  ASADMIN_BIN=$(command -v asadmin || true)
fi

log() { printf '[mandate] %s\n' "$*" >&2; }
die() { printf '[mandate] ERROR: %s\n' "$*" >&2; exit 1; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/mandate-prepare.XXXXXX")
chmod 700 "$WORK"
trap 'rm -rf "$WORK"' EXIT
PWFILE="$WORK/passwords"

# ---------------------------------------------------------------------------------------------------
# rendering of ${ENV=NAME} / ${ENV=NAME:default}

# value for an asadmin property list (create-system-properties, create-jvm-options, --property):
# ':' and '=' separate entries there, '\' escapes
escape_property() {
  local v=${1//\\/\\\\}
  v=${v//:/\\:}
  printf '%s' "${v//=/\\=}"
}

# value for one token of a multimode line: the line parser splits at blanks and consumes one '\'
escape_token() {
  local v=${1//\\/\\\\}
  v=${v//\'/\\\'}
  printf '%s' "${v// /\\ }"
}

MISSING=()

render_line() {
  local line=$1 out="" placeholder name value property_list=false
  local re='\$\{ENV=([A-Za-z_][A-Za-z0-9_]*)(:([^}]*))?\}'
  if [[ $line =~ ^[[:space:]]*(create-system-properties|create-jvm-options)[[:space:]] || $line == *--property* ]]; then
    property_list=true
  fi
  while [[ $line =~ $re ]]; do
    placeholder=${BASH_REMATCH[0]}
    name=${BASH_REMATCH[1]}
    value=${!name:-}
    if [ -z "$value" ]; then
      if [ -n "${BASH_REMATCH[2]}" ]; then
        value=${BASH_REMATCH[3]}
      else
        MISSING+=("$name")
      fi
    fi
    case $value in
      *'"'* | *$'\n'* | *$'\r'* | *$'\t'*) die "$name contains a double quote, tab or line break: asadmin cannot take that value" ;;
    esac
    $property_list && value=$(escape_property "$value")
    out+=${line%%"$placeholder"*}$(escape_token "$value")
    line=${line#*"$placeholder"}
  done
  printf '%s\n' "$out$line"
}

# render_file NAME: asadmin/NAME -> $WORK/NAME; fails listing every missing variable
render_file() {
  local src="$TEMPLATES/$1" line
  MISSING=()
  while IFS= read -r line || [ -n "$line" ]; do
    if [[ $line =~ ^[[:space:]]*(#|$) ]]; then
      printf '%s\n' "$line"
    else
      render_line "$line"
    fi
  done <"$src" >"$WORK/$1"
  if [ ${#MISSING[@]} -gt 0 ]; then
    die "$1 needs these environment variables: $(printf '%s\n' "${MISSING[@]}" | sort -u | tr '\n' ' ')"
  fi
}

# ---------------------------------------------------------------------------------------------------
# asadmin

# a password file holds java.util.Properties: escape '\' and a leading blank; one line per entry
password_entry() {
  local key=$1 value=$2
  case $value in
    *$'\n'* | *$'\r'*) die "$key: a password with a line break cannot be passed to asadmin" ;;
  esac
  if LC_ALL=C grep -q '[^ -~]' <<<"$value"; then
    die "$key: use printable ASCII characters only (asadmin reads password files as ISO-8859-1)"
  fi
  value=${value//\\/\\\\}
  [ "${value:0:1}" = " " ] && value="\\$value"
  printf '%s=%s\n' "$key" "$value"
}

# write_passwords CURRENT_ADMIN_PASSWORD [KEY VALUE]...
write_passwords() {
  local current=$1
  shift
  {
    password_entry AS_ADMIN_PASSWORD "$current"
    while [ $# -ge 2 ]; do
      password_entry "$1" "$2"
      shift 2
    done
  } >"$PWFILE"
}

asadmin() {
  "$ASADMIN_BIN" --host "$ADMIN_HOST" --port "$ADMIN_PORT" --user "$ADMIN_USER" \
    --passwordfile "$PWFILE" --interactive=false "$@"
}

# multimode answers 0 even when one of its commands failed: look at what it printed instead
run_file() {
  local name=$1 output status=0
  log "asadmin multimode --file $name"
  output=$(cd "$WORK" && TERM=${TERM:-dumb} asadmin multimode --file "$name" 2>&1) || status=$?
  output=$(grep -v -e 'infocmp' -e 'dumb terminal' <<<"$output" || true)
  printf '%s\n' "$output" | sed 's/^/    /' >&2
  if [ $status -ne 0 ] || grep -Eq 'Command [^ ]+ failed|remote failure|[Ii]nvalid command' <<<"$output"; then
    die "$name: a command failed (see above)"
  fi
}

can_login() {
  write_passwords "$1"
  asadmin uptime >/dev/null 2>&1
}

require_asadmin() {
  [ -n "$ASADMIN_BIN" ] && [ -x "$ASADMIN_BIN" ] || die "asadmin not found: set MANDATE_PAYARA_HOME to the Payara folder"
}

# ---------------------------------------------------------------------------------------------------
# steps

login() {
  : "${MANDATE_ADMIN_PASSWORD:?set MANDATE_ADMIN_PASSWORD (the admin password the domain must have)}"
  # Payara's file realm refuses a blank anywhere in the password, with the misleading message
  # "Invalid surrounding whitespace in password."
  [[ $MANDATE_ADMIN_PASSWORD =~ [[:space:]] ]] && die "MANDATE_ADMIN_PASSWORD must not contain blanks (Payara refuses them)"
  if can_login "$MANDATE_ADMIN_PASSWORD"; then
    return
  fi
  if [ -n "${MANDATE_ADMIN_INITIAL_PASSWORD+set}" ] && can_login "$MANDATE_ADMIN_INITIAL_PASSWORD"; then
    log "changing the admin password of user $ADMIN_USER"
    write_passwords "$MANDATE_ADMIN_INITIAL_PASSWORD" AS_ADMIN_NEWPASSWORD "$MANDATE_ADMIN_PASSWORD"
    render_file 10-admin-password.asadmin
    run_file 10-admin-password.asadmin
    can_login "$MANDATE_ADMIN_PASSWORD" || die "the new admin password does not log in"
    return
  fi
  die "cannot log in to $ADMIN_HOST:$ADMIN_PORT as $ADMIN_USER with MANDATE_ADMIN_PASSWORD" \
    "(nor MANDATE_ADMIN_INITIAL_PASSWORD); is the domain running? ($ASADMIN_BIN --host $ADMIN_HOST --port $ADMIN_PORT uptime)"
}

ensure_password_alias() {
  local exists=false
  asadmin list-password-aliases 2>/dev/null | grep -qx "$PG_ALIAS" && exists=true
  if [ -z "${MANDATE_PG_PASSWORD:-}" ]; then
    $exists || die "set MANDATE_PG_PASSWORD: password alias $PG_ALIAS does not exist yet"
    log "password alias $PG_ALIAS exists; kept (set MANDATE_PG_PASSWORD to change it)"
    return
  fi
  write_passwords "$MANDATE_ADMIN_PASSWORD" AS_ADMIN_ALIASPASSWORD "$MANDATE_PG_PASSWORD"
  if $exists; then
    log "updating password alias $PG_ALIAS"
    asadmin update-password-alias "$PG_ALIAS" >/dev/null
  else
    log "creating password alias $PG_ALIAS"
    asadmin create-password-alias "$PG_ALIAS" >/dev/null
  fi
  write_passwords "$MANDATE_ADMIN_PASSWORD"
}

# asadmin deletes a JVM option only by its exact text: remove every -Xms/-Xmx and common pool parallelism
# other than the wanted ones
remove_other_heap_options() {
  local xms=-Xms${MANDATE_JVM_XMS:-1g} xmx=-Xmx${MANDATE_JVM_XMX:-1g} option
  local pool=-Djava.util.concurrent.ForkJoinPool.common.parallelism=$MANDATE_COMMON_POOL_PARALLELISM
  for option in $(asadmin list-jvm-options | awk '$1 ~ /^(-Xm[sx]|-Djava.util.concurrent.ForkJoinPool.common.parallelism=)/ {print $1}'); do
    if [ "$option" != "$xms" ] && [ "$option" != "$xmx" ] && [ "$option" != "$pool" ]; then
      log "removing JVM option $option"
      asadmin delete-jvm-options "$option" >/dev/null
    fi
  done
}

check_configure_env() {
  local heap cores
  cores=$(nproc 2>/dev/null || echo 2)
  export MANDATE_COMMON_POOL_PARALLELISM=${MANDATE_COMMON_POOL_PARALLELISM:-$((cores > 3 ? cores - 1 : 2))}
  [[ $MANDATE_COMMON_POOL_PARALLELISM =~ ^[1-9][0-9]{0,3}$ ]] \
    || die "MANDATE_COMMON_POOL_PARALLELISM '$MANDATE_COMMON_POOL_PARALLELISM' is not a number from 1 to 9999"
  for heap in "${MANDATE_JVM_XMS:-1g}" "${MANDATE_JVM_XMX:-1g}"; do
    [[ $heap =~ ^[0-9]+[kKmMgG]?$ ]] || die "heap size '$heap' is not like 512m or 2g"
  done
  [ -r "${MANDATE_PG_DRIVER:?set MANDATE_PG_DRIVER to the PostgreSQL JDBC driver jar}" ] \
    || die "MANDATE_PG_DRIVER: cannot read $MANDATE_PG_DRIVER"
  MANDATE_PG_DRIVER=$(cd "$(dirname "$MANDATE_PG_DRIVER")" && pwd)/$(basename "$MANDATE_PG_DRIVER")
  export MANDATE_PG_DRIVER
}

cmd_configure() {
  require_asadmin
  check_configure_env
  cp "$TEMPLATES/mandate-resources.xml" "$WORK/"
  # render everything first: a missing variable stops before anything changed
  for file in 20-datasource.asadmin 30-jvm.asadmin 35-http.asadmin 40-mandate-config.asadmin 45-metrics.asadmin 50-batch.asadmin 60-secure-admin.asadmin; do
    render_file "$file"
  done
  login
  ensure_password_alias
  run_file 20-datasource.asadmin
  remove_other_heap_options
  run_file 30-jvm.asadmin
  run_file 35-http.asadmin
  run_file 40-mandate-config.asadmin
  run_file 45-metrics.asadmin
  run_file 50-batch.asadmin
  run_file 60-secure-admin.asadmin
  local domain
  domain=$(asadmin get property.administrative.domain.name 2>/dev/null | sed -n 's/^property.administrative.domain.name=//p')
  log "domain ${domain:-?} configured. Restart it so that the heap and secure admin take effect, on the DAS host:"
  log "  asadmin restart-domain ${domain:-<domain-name>}    (or the service that runs Payara, e.g. systemctl restart ...)"
  log "  never 'asadmin --host localhost --port N restart-domain' without the name: it ignores --port and"
  log "  restarts (or starts) the install's default domain"
  log "then deploy: $0 deploy"
}

app_deployed() {
  asadmin list-applications 2>/dev/null | grep -Eq '^mandate[[:space:]]'
}

# /health/ready answers 200 with "status":"UP" once the schema is migrated and the database answers. While
# the app is still loading, Payara answers UP with no checks at all for a moment: Mandate's own check
# ("name":"mandate") must be there too.
wait_ready() {
  local url="$HTTP_URL/health/ready" deadline=$((SECONDS + $1)) body
  while :; do
    if body=$(curl -fsS "$url" 2>/dev/null) && grep -Eq '"status" *: *"UP"' <<<"$body" \
      && grep -Eq '"name" *: *"mandate"' <<<"$body"; then
      return 0
    fi
    [ $SECONDS -ge $deadline ] && return 1
    sleep 2
  done
}

cmd_deploy() {
  require_asadmin
  command -v curl >/dev/null || die "curl is needed to wait for $HTTP_URL/health/ready"
  MANDATE_EAR=${1:-${MANDATE_EAR:-$REPO/ear/target/mandate.ear}}
  [ -r "$MANDATE_EAR" ] || die "no EAR at $MANDATE_EAR (build it with ./mvnw verify)"
  MANDATE_EAR=$(cd "$(dirname "$MANDATE_EAR")" && pwd)/$(basename "$MANDATE_EAR")
  export MANDATE_EAR
  render_file 70-deploy.asadmin
  login
  # a redeploy racing with the startup of the deployed version breaks its persistence unit until the
  # next restart: let a just-started domain finish loading Mandate first
  if app_deployed && ! wait_ready 120; then
    log "WARNING: the deployed Mandate is not ready at $HTTP_URL/health/ready; redeploying anyway"
  fi
  run_file 70-deploy.asadmin
  log "waiting for $HTTP_URL/health/ready"
  wait_ready "$READY_TIMEOUT" || die "Mandate is not ready after ${READY_TIMEOUT}s: see the domain's logs/server.log"
  log "Mandate is deployed and ready"
}

cmd_render() {
  local dir=${1:?usage: prepare-domain.sh render DIR} file
  check_configure_env
  MANDATE_EAR=${MANDATE_EAR:-$REPO/ear/target/mandate.ear}
  export MANDATE_EAR
  for file in "$TEMPLATES"/*.asadmin; do
    render_file "$(basename "$file")"
  done
  cp "$TEMPLATES/mandate-resources.xml" "$WORK/"
  mkdir -p "$dir"
  cp "$WORK"/*.asadmin "$WORK/mandate-resources.xml" "$dir/"
  log "rendered into $dir; run each file from there: asadmin --user ... --passwordfile ... multimode --file FILE"
}

case "${1:-}" in
  configure) cmd_configure ;;
  deploy) shift; cmd_deploy "$@" ;;
  render) shift; cmd_render "$@" ;;
  *) echo "usage: $0 configure | deploy [EAR] | render DIR" >&2; exit 2 ;;
esac
