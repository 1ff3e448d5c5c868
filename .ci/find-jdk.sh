# Sourced by ./hub and .ci/run: points JAVA_HOME (and PATH) at a JDK 21 or newer.
# Honours JAVA_HOME when it is new enough; otherwise takes the newest JDK under /usr/lib/jvm.
# (The machine's default java is 17, which Payara 7 cannot run on.)
java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -1
}
gp2gp_find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ] && [ "$(java_major "$JAVA_HOME")" -ge 21 ] 2>/dev/null; then
    return 0
  fi
  local best="" best_major=0 dir major
  for dir in /usr/lib/jvm/*/; do
    dir="${dir%/}"
    [ -x "$dir/bin/javac" ] || continue
    major="$(java_major "$dir")"
    if [ -n "$major" ] && [ "$major" -ge 21 ] 2>/dev/null && [ "$major" -gt "$best_major" ]; then
      best="$dir"; best_major="$major"
    fi
  done
  if [ -z "$best" ]; then
    echo "No JDK 21 or newer found: set JAVA_HOME to one (Payara 7 needs Java 21+)." >&2
    return 1
  fi
  export JAVA_HOME="$best"
}
gp2gp_find_jdk
export PATH="$JAVA_HOME/bin:$PATH"
