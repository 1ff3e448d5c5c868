#!/usr/bin/env bash
# After the integration tests: the servers' logs must not hold a single NHS number (the tests use
# the 999 range only). Looks for whole 10-digit tokens starting 999, written together or as
# 999 000 0069; anything found fails the build, with the file and line (not the number's context).
set -euo pipefail
logs_dir="${1:-target/failsafe-reports}"
shopt -s nullglob
logs=("$logs_dir"/*-output.txt)
if [ ${#logs[@]} -eq 0 ]; then
  echo "No server logs under $logs_dir (integration tests skipped?)"
  exit 0
fi
if hits=$(grep -n -E '(^|[^0-9])999( ?[0-9]{3} ?[0-9]{4}|[0-9]{7})([^0-9]|$)' "${logs[@]}" | cut -d: -f1,2); then
  echo "!! NHS numbers found in the server logs (file:line):" >&2
  echo "$hits" >&2
  exit 1
fi
echo "Server logs checked: ${#logs[@]} files, no NHS number in them"
