#!/usr/bin/env bash
# Benchmark: large records between two practices hosted on one GP2GP Hub instance, over the
# loopback transport: the sender announces the file, the requester asks for it (continue), the
# file travels as a fragment index and its fragments, the requester puts it back together.
# Usage: bench/large.sh [h2|postgres] [sizes in MB, default "10 50 100"] [fragment size, default 262144]
# Starts its own server on port 18183 (JVM -Xmx512m); per size prints the upload time, the
# seconds from request to record ready (and MB/s), the fragments, whether the file arrived
# byte-exact (SHA-256), the peak heap (sampled) and the peak resident memory. Localhost only.
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/find-jdk.sh
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
database="${1:-h2}"; sizes="${2:-10 50 100}"; fragment="${3:-262144}"
port=18183
base="http://localhost:$port"
work="$(pwd)/target/bench-large"; rm -rf "$work"; mkdir -p "$work"
key="bench-large-key-$(date +%s%N)-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
requesting="Q99701"; sending="Q99702"

[ -f web/target/gp2gp.war ] || mvn -q -B install -DskipTests
if [ "$database" = postgres ]; then
  db="gp2gp_bench_large_$(date +%s)"
  psql -h 127.0.0.1 -U postgres -d postgres -qc "create database $db"
  export GP2GP_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db" GP2GP_DB_USER=postgres GP2GP_DB_PASSWORD=postgres
else
  export GP2GP_DB_URL="jdbc:h2:file:$work/gp2gp;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
fi
export GP2GP_BOOTSTRAP_API_KEY="$key" GP2GP_SENDER_FRAGMENT_SIZE="$fragment"
# The generator is one key polling hard: lift the per-key limit, which is not what is measured.
export GP2GP_API_REQUESTS_PER_MINUTE=100000000
"$JAVA_HOME/bin/java" -Xmx512m -jar web/target/payara-micro.jar --deploy web/target/gp2gp.war --contextroot / \
  --port $port --nocluster > "$work/server.log" 2>&1 &
server=$!
sampler=""
trap 'kill $server $sampler 2>/dev/null || true; wait $server 2>/dev/null || true; [ -n "${db:-}" ] && psql -h 127.0.0.1 -U postgres -d postgres -qc "drop database if exists $db with (force)" >/dev/null 2>&1 || true' EXIT
until curl -sf "$base/health/ready" >/dev/null; do
  kill -0 $server 2>/dev/null || { echo "server stopped; see $work/server.log"; exit 1; }
  sleep 0.5
done

api() { curl -sf -H "Authorization: Bearer $key" "$@"; }
for ods in $requesting $sending; do
  api -X PUT -H 'Content-Type: application/json' -o /dev/null "$base/api/v1/practices/$ods" \
    -d "{\"name\": \"Bench $ods\", \"asid\": \"9000000${ods:1}\", \"partyKey\": \"$ods-1\", \"hosted\": true}"
done

# Heap in use, sampled every 200 ms (jstat: survivor + eden + old, KB), the highest kept.
( peak=0; while kill -0 $server 2>/dev/null; do
    used=$("$JAVA_HOME/bin/jstat" -gc $server 2>/dev/null | awk 'NR==2 { printf "%d", $3 + $4 + $6 + $8 }')
    [ -n "$used" ] && [ "$used" -gt "$peak" ] && peak=$used && echo $peak > "$work/peak-heap-kb"
    sleep 0.2
  done ) &
sampler=$!

# Synthetic patients (999 range, valid modulus 11), one per size.
patients=(9990007004 9990007012 9990007020 9990007039 9990007047 9990007055)
printf "%-8s %10s %12s %10s %10s %10s %12s %12s\n" "size" "upload s" "transfer s" "MB/s" "parts" "exact" "peak heap" "peak RSS"
i=0
for mb in $sizes; do
  nhs=${patients[$i]}; i=$((i + 1))
  head -c $((mb * 1024 * 1024)) /dev/urandom > "$work/scan-$mb.bin"
  { printf -- '--bench\r\nContent-Type: application/xml\r\n\r\n'
    printf '<EhrExtract xmlns="urn:hl7-org:v3" classCode="EXTRACT" moodCode="EVN"><id root="B0000000-0000-4000-8000-%012d"/>' "$mb"
    printf '<statusCode code="COMPLETE"/><availabilityTime value="20260101090000"/>'
    printf '<recordTarget typeCode="RCT"><patient classCode="PAT"><id root="2.16.840.1.113883.2.1.4.1" extension="%s"/></patient></recordTarget>' "$nhs"
    printf '<author typeCode="AUT"><time value="20260101090000"/><AgentOrgSDS classCode="AGNT"><agentOrganizationSDS classCode="ORG" determinerCode="INSTANCE"><id root="1.2.826.0.1285.0.1.10" extension="%s"/></agentOrganizationSDS></AgentOrgSDS></author>' "$sending"
    printf '<destination typeCode="DST"><AgentOrgSDS classCode="AGNT"><agentOrganizationSDS classCode="ORG" determinerCode="INSTANCE"><id root="1.2.826.0.1285.0.1.10" extension="%s"/></agentOrganizationSDS></AgentOrgSDS></destination>' "$requesting"
    printf '<component typeCode="COMP"><ehrFolder classCode="FOLDER" moodCode="EVN"><id root="B0000000-0000-4000-8000-%012d"/></ehrFolder></component>' "$((mb + 1))"
    printf '<limitation typeCode="LIMIT" inversionInd="true"/></EhrExtract>\r\n'
    printf -- '--bench\r\nContent-Id: <scan-%s@bench>\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n' "$mb"
    printf 'Content-Description: Filename="scan-%s.bin" ContentType=application/octet-stream Compressed=No LargeAttachment=No OriginalBase64=Yes\r\n\r\n' "$mb"
    base64 -w 76 "$work/scan-$mb.bin" | sed 's/$/\r/'
    printf -- '--bench--\r\n'; } > "$work/record-$mb.multipart"
  # The patient has registered at the requesting practice: a record goes only there.
  api -X PUT -H 'Content-Type: application/json' -o /dev/null "$base/api/v1/demographics/$nhs" \
    -d "{\"registeredOds\": \"$requesting\", \"managingOds\": \"$sending\", \"deceased\": false}"
  t0=$(date +%s%N)
  api -X PUT -H 'Content-Type: multipart/related; type="application/xml"; boundary=bench' \
    --data-binary @"$work/record-$mb.multipart" -o /dev/null "$base/api/v1/practices/$sending/records/$nhs"
  t1=$(date +%s%N)
  location=$(api -D - -o /dev/null -X POST -H 'Content-Type: application/json' "$base/api/v1/transfers" \
    -d "{\"nhsNumber\": \"$nhs\", \"requestingOds\": \"$requesting\", \"sendingOds\": \"$sending\"}" \
    | tr -d '\r' | sed -n 's/^[Ll]ocation: //p')
  conversation="${location##*/}"
  status=""
  until [ "$status" = READY_TO_INTEGRATE ]; do
    sleep 0.2
    transfer=$(api "$base/api/v1/transfers/$conversation?role=REQUESTER")
    status=$(echo "$transfer" | sed -n 's/.*"status":"\([A-Z_]*\)".*/\1/p' | head -1)
    case "$status" in FAILED|TIMED_OUT|CANCELLED) echo "transfer $status: $transfer"; exit 1;; esac
    [ $(( ($(date +%s%N) - t1) / 1000000000 )) -lt 600 ] || { echo "not ready after 600 s"; exit 1; }
  done
  t2=$(date +%s%N)
  parts=$(echo "$transfer" | sed -n 's/.*"partsReceived":\([0-9]*\).*/\1/p')
  content=$(echo "$transfer" | grep -o '"contentId":"[^"]*"' | head -1 | cut -d'"' -f4)
  arrived=$(api "$base/api/v1/transfers/$conversation/attachments/$content" | sha256sum | cut -d' ' -f1)
  sent=$(sha256sum "$work/scan-$mb.bin" | cut -d' ' -f1)
  exact=$([ "$arrived" = "$sent" ] && echo yes || echo NO)
  seconds=$(echo "scale=1; ($t2 - $t1) / 1000000000" | bc)
  printf "%-8s %10s %12s %10s %10s %10s %9s MB %9s MB\n" "$mb MB" "$(echo "scale=1; ($t1 - $t0) / 1000000000" | bc)" \
    "$seconds" "$(echo "scale=1; $mb / $seconds" | bc)" "$parts" "$exact" \
    "$(( $(cat "$work/peak-heap-kb" 2>/dev/null || echo 0) / 1024 ))" \
    "$(( $(awk '/^VmHWM/ { print $2 }' /proc/$server/status) / 1024 ))"
  rm -f "$work/scan-$mb.bin" "$work/record-$mb.multipart"
done
echo "database: $database; fragment size: $fragment characters; server -Xmx512m; machine: $(nproc) cores"
