#!/usr/bin/env bash
# Benchmark: the monthly outcome report over 1,000,000 synthetic transfers in PostgreSQL.
# Usage: bench/report.sh [transfers, default 1000000] [month, default 2026-09]
# Needs PostgreSQL at 127.0.0.1:5432 (user postgres, trust). Creates its own database, lets the
# application migrate it (Flyway, exactly as in production), loads the transfers with
# generate_series (bench/report-data.sql), then times
#   1. the report's SQL: the very statements the application runs (printed by bench/ReportSql.java
#      from the application's own ReportQueries), run 5 times each in psql: median, and the plan;
#   2. the whole report over HTTP (GET /api/v1/reports/transfers, JSON and CSV), 5 times: median.
# Starts its own server on port 18182 (-Xmx512m) and drops the database at the end (KEEP_DB=1 keeps it).
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/find-jdk.sh
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
transfers="${1:-1000000}"; month="${2:-2026-09}"
port=18182
work="$(pwd)/target/bench-report"; rm -rf "$work"; mkdir -p "$work"
db="gp2gp_report_bench_$(date +%s)"
key="bench-report-key-$(date +%s%N)"
psql_db() { psql -h 127.0.0.1 -U postgres -d "$db" -v ON_ERROR_STOP=1 "$@"; }
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

[ -f web/target/gp2gp.war ] && [ -f ejb/target/classes/uk/nhs/gp2gp/report/ReportQueries.class ] \
  || mvn -q -B package -DskipTests -pl web -am
api_jar="$(find ~/.m2/repository/jakarta/platform/jakarta.jakartaee-api -name 'jakarta.jakartaee-api-*.jar' | sort | tail -1)"
classpath="ejb/target/classes:persistence/target/classes:$api_jar"

psql -h 127.0.0.1 -U postgres -d postgres -qc "create database $db"
server=""
cleanup() {
  [ -n "$server" ] && { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; }
  [ "${KEEP_DB:-0}" = 1 ] && echo "database kept: $db" \
    || psql -h 127.0.0.1 -U postgres -d postgres -qc "drop database if exists $db with (force)" >/dev/null 2>&1 || true
}
trap cleanup EXIT

echo "== the application migrates an empty database ($db)"
export GP2GP_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db" GP2GP_DB_USER=postgres GP2GP_DB_PASSWORD=postgres
export GP2GP_BOOTSTRAP_API_KEY="$key"
# The generator is one key polling hard: lift the per-key limit, which is not what is measured.
export GP2GP_API_REQUESTS_PER_MINUTE=100000000
"$JAVA_HOME/bin/java" -Xmx512m -jar web/target/payara-micro.jar --deploy web/target/gp2gp.war --contextroot / \
  --port $port --nocluster > "$work/server.log" 2>&1 &
server=$!
until curl -sf "http://localhost:$port/health/ready" >/dev/null; do
  kill -0 "$server" 2>/dev/null || { echo "server stopped; see $work/server.log"; exit 1; }
  sleep 1
done
psql_db -Atc "select 'schema version ' || max(version) from flyway_schema_history"

echo "== loading $transfers synthetic transfers"
began=$(date +%s%N)
psql_db -q -v transfers="$transfers" -f bench/report-data.sql >/dev/null
echo "loaded in $(ms "$began") ms"
began=$(date +%s%N)
psql_db -qc "vacuum analyze transfer" -c "vacuum analyze practice"
echo "vacuum analyze in $(ms "$began") ms"
psql_db -Atc "select 'transfers: ' || count(*) || ', in $month: ' || count(*) filter (where requested_at >= timestamptz '$month-01' - interval '1 hour' and requested_at < (timestamptz '$month-01' + interval '1 month'))
              || ', requester rows in $month: ' || count(*) filter (where role = 'REQUESTER' and requested_at >= timestamptz '$month-01' - interval '1 hour' and requested_at < (timestamptz '$month-01' + interval '1 month'))
              || ', table + indexes: ' || pg_size_pretty(pg_total_relation_size('transfer')) from transfer"

# The SQL of one report, timed: each statement run 5 times; the report's time is the sum of the medians.
sql_report() {
  local label="$1"; shift
  "$JAVA_HOME/bin/java" -cp "$classpath" bench/ReportSql.java "$month" "$@" > "$work/statements.sql"
  "$JAVA_HOME/bin/java" -cp "$classpath" bench/ReportSql.java "$month" "$@" explain > "$work/explain.sql"
  local total=0 n=0 statement
  while IFS= read -r statement; do
    n=$((n + 1))
    local times
    times=$( { echo '\timing on'; echo '\o /dev/null'; for _ in 1 2 3 4 5; do echo "$statement"; done; } \
      | psql_db -q 2>&1 | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | median)
    local plan
    plan=$(sed -n "${n}p" "$work/explain.sql" | psql_db -At | grep -oE "(Index Only Scan|Index Scan|Bitmap Heap Scan|Parallel Seq Scan|Seq Scan)( using [a-z_]+)? on transfer |Bitmap Index Scan on [a-z_]+|Heap Fetches: [0-9]+|Execution Time: [0-9.]+ ms" | paste -sd ';' - || true)
    printf "   statement %d: %8.1f ms (median of 5)   plan: %s\n" "$n" "$times" "$plan"
    total=$(awk -v a="$total" -v b="$times" 'BEGIN { print a + b }')
  done < "$work/statements.sql"
  printf "%-58s %8.1f ms  (%d statements)\n" "$label" "$total" "$n"
}

echo
echo "== the report's SQL (the statements the application runs), month $month"
sql_report "every practice, requesting side (role=REQUESTER)" REQUESTER
sql_report "every practice, sending side (role=SENDER)" SENDER
sql_report "one practice (ods=B00042), with its pairs" REQUESTER B00042
sql_report "a key limited to 50 practices, with their pairs" REQUESTER - "$(seq -f 'B%05g' 100 149 | paste -sd, -)"

# The whole report over HTTP, 5 times: median time and size.
http_report() {
  local label="$1" query="$2" accept="$3" times=() size=0
  curl -sf -o /dev/null -H "Authorization: Bearer $key" -H "Accept: $accept" "http://localhost:$port/api/v1/reports/transfers?month=$month$query"
  for _ in 1 2 3 4 5; do
    read -r t s < <(curl -sf -o /dev/null -w '%{time_total} %{size_download}\n' -H "Authorization: Bearer $key" \
      -H "Accept: $accept" "http://localhost:$port/api/v1/reports/transfers?month=$month$query")
    times+=("$t"); size="$s"
  done
  printf "%-58s %8.1f ms  (%s bytes)\n" "$label" "$(printf '%s\n' "${times[@]}" | awk '{ print $1 * 1000 }' | median)" "$size"
}

echo
echo "== the whole report over HTTP (GET /api/v1/reports/transfers), month $month"
http_report "every practice, JSON" "" "application/json"
http_report "every practice, CSV" "" "text/csv"
http_report "every practice, sending side, JSON" "&role=SENDER" "application/json"
http_report "one practice (ods=B00042), JSON" "&ods=B00042" "application/json"
echo
echo "server resident memory: $(( $(ps -o rss= -p "$server") / 1024 )) MB; machine: $(nproc) cores, PostgreSQL $(psql_db -Atc 'show server_version')"
