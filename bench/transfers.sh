#!/usr/bin/env bash
# Benchmark: whole small GP2GP conversations on one GP2GP Hub instance over the loopback transport.
# Usage: bench/transfers.sh [h2|postgres] [conversations] [concurrency] [max-seconds]
# Starts its own server on port 18181 (JVM -Xmx512m), prints start-up time, the load table,
# peak heap and resident memory, and stops the server. Talks to localhost only.
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/find-jdk.sh
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
database="${1:-h2}"; conversations="${2:-1000}"; concurrency="${3:-16}"; max_seconds="${4:-300}"
port=18181
work="$(pwd)/target/bench"; rm -rf "$work"; mkdir -p "$work"
key="bench-transfers-key-$(date +%s%N)"  # 32+ characters, or the server ignores it

[ -f web/target/gp2gp.war ] || mvn -q -B install -DskipTests
if [ "$database" = postgres ]; then
  db="gp2gp_bench_$(date +%s)"
  psql -h 127.0.0.1 -U postgres -d postgres -qc "create database $db"
  export GP2GP_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db" GP2GP_DB_USER=postgres GP2GP_DB_PASSWORD=postgres
else
  export GP2GP_DB_URL="jdbc:h2:file:$work/gp2gp;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
fi
export GP2GP_BOOTSTRAP_API_KEY="$key"
# The generator is one key polling hard: lift the per-key limit, which is not what is measured.
export GP2GP_API_REQUESTS_PER_MINUTE=100000000
began=$(date +%s%N)
"$JAVA_HOME/bin/java" -Xmx512m -jar web/target/payara-micro.jar --deploy web/target/gp2gp.war --contextroot / \
  --port $port --nocluster > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; [ -n "${db:-}" ] && psql -h 127.0.0.1 -U postgres -d postgres -qc "drop database if exists $db with (force)" >/dev/null 2>&1 || true' EXIT
until curl -sf "http://localhost:$port/health/ready" >/dev/null; do
  kill -0 $server 2>/dev/null || { echo "server stopped; see $work/server.log"; exit 1; }
  sleep 0.5
done
echo "database: $database; start-up to ready: $(( ($(date +%s%N) - began) / 1000000 )) ms"

"$JAVA_HOME/bin/java" bench/TransferLoad.java "http://localhost:$port" "$key" "$conversations" "$concurrency" "$max_seconds"

echo
echo "server resident memory: $(( $(ps -o rss= -p $server) / 1024 )) MB"
"$JAVA_HOME/bin/jcmd" $server GC.heap_info 2>/dev/null | grep -E "total|used" | head -3 || true
