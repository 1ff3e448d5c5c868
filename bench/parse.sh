#!/usr/bin/env bash
# Benchmark: parse throughput of the GP2GP message component on a generated extract in its wire form
# (multipart/related ebXML, ~30% HL7 payload, ~70% base64 attachments of 10 MB each).
# Usage: bench/parse.sh [size-mb] [max-heap] [runs]      defaults: 100 128m 5
# Runs on one core (taskset, serial GC) with the given heap; prints MB/s per run and the peak heap.
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/find-jdk.sh
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
size_mb="${1:-100}"; heap="${2:-128m}"; runs="${3:-5}"
work="$(pwd)/target/bench-parse"; mkdir -p "$work"

# Compiles and writes the class path; the ejb module is built last, so its class path is the one left.
mvn -q -B compile dependency:build-classpath -pl ejb -am -Dmdep.includeScope=test \
  -Dmdep.outputFile="$work/classpath.txt" >/dev/null
classpath="ejb/target/classes:persistence/target/classes:$(cat "$work/classpath.txt")"

one_core=""
command -v taskset >/dev/null && one_core="taskset -c 0"
echo "JDK $("$JAVA_HOME/bin/java" -version 2>&1 | head -1); -Xmx$heap, serial GC${one_core:+, pinned to one core}"
$one_core "$JAVA_HOME/bin/java" -Xmx"$heap" -XX:+UseSerialGC -XX:ActiveProcessorCount=1 -cp "$classpath" \
  bench/ParseBench.java "$work" "$size_mb" "$runs"
[ -n "${KEEP:-}" ] || rm -f "$work"/extract-*.multipart
