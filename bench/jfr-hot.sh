#!/usr/bin/env bash
# Summarises CPU samples of a JFR recording: the hottest methods by self time, and the project's
# own methods (io.netspec) by inclusive time. Needs the JDK's `jfr` tool on PATH.
#
#   java -XX:StartFlightRecording=filename=run.jfr,settings=profile -jar cli/target/netspec.jar check DIR
#   bench/jfr-hot.sh run.jfr [TOP=25] [PACKAGE_PREFIX=io.netspec]
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: bench/jfr-hot.sh FILE.jfr [TOP] [PACKAGE_PREFIX]" >&2; exit 2; }
command -v jfr >/dev/null || { echo "jfr-hot.sh: the JDK's jfr tool is not on PATH" >&2; exit 2; }
FILE="$1"; TOP="${2:-25}"; PREFIX="${3:-io.netspec}"

jfr print --events jdk.ExecutionSample --stack-depth 128 "$FILE" | awk -v top="$TOP" -v prefix="$PREFIX" '
  /stackTrace = \[/ { inStack = 1; first = 1; delete seen; samples++; next }
  inStack && /^[[:space:]]*\]/ { inStack = 0; next }
  inStack {
    line = $0; sub(/^[[:space:]]+/, "", line); sub(/[[:space:]]+line:.*$/, "", line); sub(/\(.*$/, "", line)
    if (line == "...") next
    if (first) { self[line]++; first = 0 }
    if (index(line, prefix) == 1 && !(line in seen)) { seen[line] = 1; incl[line]++ }
  }
  END {
    printf "%d samples\n\nself time (top %d)\n", samples, top
    n = 0; for (m in self) rows[n++] = sprintf("%7d %5.1f%%  %s", self[m], 100 * self[m] / samples, m)
    sortAndPrint(rows, n, top)
    printf "\ninclusive time in %s (top %d)\n", prefix, top
    delete rows; n = 0; for (m in incl) rows[n++] = sprintf("%7d %5.1f%%  %s", incl[m], 100 * incl[m] / samples, m)
    sortAndPrint(rows, n, top)
  }
  function sortAndPrint(rows, n, top,   i, j, t) {
    for (i = 1; i < n; i++) { t = rows[i]; for (j = i - 1; j >= 0 && (rows[j] + 0) < (t + 0); j--) rows[j + 1] = rows[j]; rows[j + 1] = t }
    for (i = 0; i < n && i < top; i++) print rows[i]
  }'
