#!/usr/bin/env bash
# Deploys the EAR on the full Payara Server unpacked by the full-server profile, waits until
# /health/ready answers UP, and always stops the server again. Usage: full-server-check.sh SERVER_DIR EAR
set -euo pipefail
server_dir="$1"
ear="$2"
port="${GP2GP_EAR_CHECK_PORT:-8080}"
asadmin="$(find "$server_dir" -maxdepth 3 -path '*/bin/asadmin' | head -1)"
[ -x "$asadmin" ] || { echo "asadmin not found under $server_dir" >&2; exit 1; }
export AS_JAVA="${AS_JAVA:-$JAVA_HOME}"
# An in-memory database: this check proves the EAR deploys and becomes ready, nothing more.
export GP2GP_DB_URL="jdbc:h2:mem:ear-check;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1"
export GP2GP_DB_USER=sa GP2GP_DB_PASSWORD=ignored

stop() { "$asadmin" stop-domain >/dev/null 2>&1 || true; }
trap stop EXIT

started=$(date +%s)
"$asadmin" start-domain
"$asadmin" deploy --force=true --contextroot / "$ear"
for _ in $(seq 1 90); do
  if answer=$(curl -sf "http://localhost:$port/health/ready") && [[ "$answer" == *'"status":"UP"'* ]]; then
    echo "EAR on the full Payara Server is ready after $(( $(date +%s) - started )) s: $answer"
    curl -s -o /dev/null -w "API without a key answers %{http_code}\n" "http://localhost:$port/api/v1/practices" || true
    # The console (PrimeFaces from the EAR's lib/) must render its sign-in page.
    page=$(curl -s -w '\n%{http_code}' "http://localhost:$port/console/login.xhtml" || true)
    if [[ "$page" == *'id="login:signIn"'* ]]; then
      echo "The console's sign-in page renders"
      exit 0
    fi
    echo "The console's sign-in page did not render: HTTP ${page##*$'\n'}" >&2
    failed=console
    break
  fi
  sleep 2
done
[ -n "${failed:-}" ] || echo "The EAR did not become ready; last answer: ${answer:-none}" >&2
log="$(find "$server_dir" -path '*domain1/logs/server.log' | head -1)"
[ -n "$log" ] && grep -E -A3 "SEVERE|Exception" "$log" | head -60 >&2
exit 1
