#!/usr/bin/env bash
# Times the netspec CLI end to end on generated clusters, one fresh JVM per command.
#
# Usage:  bench/run-cli.sh [SIZE...]          (default: S M L XL)
#         a SIZE is S, M, L, XL, XXL or WORKLOADSxPOLICIESxNAMESPACES (e.g. 10000x2500x125) for scaling runs
# Env:    SEED=42                  generator seed
#         MIX=""                   policy layers mixed in: admin, admin,calico or admin,cilium (see bench/README.md)
#         COMMANDS="check reach inventory"   also: test (SCENARIOS generated reach specs over the
#                                  cluster), diff (the cluster against a copy with one policy changed)
#         SCENARIOS=1000           scenarios of the generated feature file for "test"
#         LAUNCHER=1               run through ./netspec (its start-up cache; one untimed run first
#                                  trains it) instead of java -jar
#         NETSPEC_BENCH_DIR=/tmp/netspec-bench   where generated clusters are kept (reused per seed)
#         NETSPEC_JAR=cli/target/netspec.jar     the CLI jar under test
#         JAVA_OPTS=""             options for the CLI's JVM (e.g. -Xmx2g -XX:+UseSerialGC)
#         TIMEOUT=900              seconds before a command is killed
#         RESULTS=<dir>            where outputs, timings and results.tsv go (default: a new temp dir)
#
# Needs: bash, java 17+ on PATH, GNU time at /usr/bin/time (Debian/Ubuntu: apt-get install -y time),
# coreutils timeout, awk. Builds what is missing with Maven, offline:
#   cli/target/netspec.jar       mvn -q -B -o -DskipTests package -pl cli -am
#   bench/target/benchmarks.jar  mvn -q -B -o -Pbench -DskipTests package -pl bench -am
# (it holds the cluster generator). Delete a jar to have it rebuilt.
#
# Exit status: 0 when every available command ran (exit 0 or 1); 1 when one failed or timed out;
# 2 when a prerequisite is missing. Commands the jar does not have yet are reported as "n/a".
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SEED="${SEED:-42}"
COMMANDS="${COMMANDS:-check reach inventory}"
BENCH_DIR="${NETSPEC_BENCH_DIR:-/tmp/netspec-bench}"
JAR="${NETSPEC_JAR:-$ROOT/cli/target/netspec.jar}"
BENCH_JAR="$ROOT/bench/target/benchmarks.jar"
TIMEOUT="${TIMEOUT:-900}"
SIZES=("$@")
[ ${#SIZES[@]} -eq 0 ] && SIZES=(S M L XL)

die() { echo "run-cli.sh: $*" >&2; exit 2; }

command -v java >/dev/null || die "java not found on PATH (need Java 17+)"
[ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1 \
  || die "GNU time not found at /usr/bin/time: install it (Debian/Ubuntu: apt-get install -y time)"
command -v timeout >/dev/null || die "timeout (coreutils) not found"

if [ ! -f "$JAR" ]; then
  echo "building $JAR ..." >&2
  (cd "$ROOT" && mvn -q -B -o -DskipTests package -pl cli -am) || die "could not build the CLI jar"
fi
if [ ! -f "$BENCH_JAR" ]; then
  echo "building $BENCH_JAR (cluster generator) ..." >&2
  (cd "$ROOT" && mvn -q -B -o -Pbench -DskipTests package -pl bench -am) || die "could not build the bench jar"
fi

RESULTS="${RESULTS:-$(mktemp -d "${TMPDIR:-/tmp}/netspec-cli-bench.XXXXXX")}"
mkdir -p "$RESULTS"
TSV="$RESULTS/results.tsv"
printf 'size\tworkloads\tpolicies\tcommand\twall_s\tcpu_s\tmax_rss_mib\texit\tout_lines\tstatus\n' >"$TSV"

# A placeholder command takes no arguments, so picocli rejects ours before it can say so: ask it bare.
placeholder() {
  local said
  said=$(java -jar "$JAR" "$1" 2>&1 >/dev/null || true)
  [[ "$said" == *"not available in this build"* ]]
}

# A feature file of $SCENARIOS reach scenarios between Deployments of the cluster in $1, written to $2.
specs() {
  awk -v n="${SCENARIOS:-1000}" 'BEGIN { m = 0 }
    /^kind: / { kind = $2 }
    /^metadata:/ { meta = 1; next }
    meta && /^  name: / { name = $2 }
    meta && /^  namespace: / { if (kind == "Deployment") { ns[m] = $2; wl[m++] = name }; meta = 0 }
    END {
      print "Feature: generated reach scenarios"
      for (i = 0; i < n && m > 0; i++) {
        a = (i * 7919) % m; b = (i * 104729 + 1) % m
        printf "  Scenario: pair %d\n    Then deployment \"%s\" in \"%s\" %s deployment \"%s\" in \"%s\" on port %d\n", \
          i, wl[a], ns[a], (i % 2 ? "can reach" : "cannot reach"), wl[b], ns[b], (i % 3 ? 9090 : 8080)
      }
    }' "$1"/*.yaml >"$2"
}

# A copy of the cluster in $1 at $2 with one policy changed: the first allow-prometheus-scrape
# policy of the first application namespace opens port 9100 too.
changed() {
  rm -rf "$2"
  cp -r "$1" "$2"
  local f
  # (grep -m 1 per file, then the first file: no early-closed pipe to trip pipefail)
  f=$(grep -l -m 1 'name: allow-prometheus-scrape' "$2"/*.yaml | awk 'NR == 1')
  awk 'done == 0 && /name: allow-prometheus-scrape/ { hit = 1 }
       hit && /- port: metrics/ { print; print "        - port: 9100"; hit = 0; done = 1; next }
       { print }' "$f" >"$f.new" && mv "$f.new" "$f"
}

# GNU time's "h:mm:ss" or "m:ss.cc" to seconds.
to_seconds() { awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s }' <<<"$1"; }

failed=0
trained=0
for size in "${SIZES[@]}"; do
  size="${size^^}"
  if [[ "$size" =~ ^([0-9]+)X([0-9]+)X([0-9]+)$ ]]; then
    size="${size,,}"
    shape=(--workloads "${BASH_REMATCH[1]}" --policies "${BASH_REMATCH[2]}" --namespaces "${BASH_REMATCH[3]}")
  else
    shape=(--size "$size")
  fi
  mixed=()
  dir="$BENCH_DIR/$size-seed$SEED"
  if [ -n "${MIX:-}" ]; then
    mixed=(--mix "$MIX")
    dir="$dir-${MIX//,/+}"
  fi
  java -cp "$BENCH_JAR" io.netspec.bench.ClusterGenerator "${shape[@]}" "${mixed[@]}" --seed "$SEED" --out "$dir" --reuse >&2 \
    || die "generating $size failed"
  workloads=$(sed -n 's/.* workloads=\([0-9]*\).*/\1/p' "$dir/GENERATED.txt")
  policies=$(sed -n 's/.* policies=\([0-9]*\).*/\1/p' "$dir/GENERATED.txt")
  [ -n "${MIX:-}" ] && size="$size+${MIX//,/+}"

  for cmd in $COMMANDS; do
    tag="$size-$cmd"
    out="$RESULTS/$tag.out"
    case "$cmd" in
      reach) args=(reach "$dir" --output "$RESULTS/$tag.txt") ;;
      test)  specs "$dir" "$RESULTS/$tag.feature"
             args=(test --manifests "$dir" "$RESULTS/$tag.feature") ;;
      diff)  changed "$dir" "$RESULTS/$tag-changed"
             args=(diff "$dir" "$RESULTS/$tag-changed" --output "$RESULTS/$tag.txt") ;;
      *)     args=("$cmd" "$dir") ;;
    esac
    if [ "${LAUNCHER:-}" = 1 ]; then
      run=("$ROOT/netspec")
      # the launcher's first real run trains its start-up cache when the jar is newer than it: once,
      # untimed, as an installed netspec has its cache
      if [ "$trained" = 0 ]; then
        "$ROOT/netspec" "${args[@]}" >/dev/null 2>&1 || true
        trained=1
      fi
    else
      # shellcheck disable=SC2206 # JAVA_OPTS is a list of options
      run=(java ${JAVA_OPTS:-} -jar "$JAR")
    fi
    echo "running $tag: netspec ${args[*]}" >&2
    set +e
    /usr/bin/time -v -o "$RESULTS/$tag.time" timeout "$TIMEOUT" "${run[@]}" "${args[@]}" \
      >"$out" 2>"$RESULTS/$tag.err"
    rc=$?
    set -e
    wall=$(to_seconds "$(sed -n 's/.*Elapsed (wall clock) time[^:]*: *//p' "$RESULTS/$tag.time")")
    cpu=$(awk -F': *' '/User time|System time/ { s += $2 } END { printf "%.2f", s }' "$RESULTS/$tag.time")
    rss_kb=$(sed -n 's/.*Maximum resident set size (kbytes): *//p' "$RESULTS/$tag.time")
    rss=$(( ${rss_kb:-0} / 1024 ))
    lines=$(wc -l <"$out")
    { [ "$cmd" = reach ] || [ "$cmd" = diff ]; } && [ -f "$RESULTS/$tag.txt" ] && lines=$(wc -l <"$RESULTS/$tag.txt")
    err1=$(grep -v '^\s*$' "$RESULTS/$tag.err" | head -n 1 | cut -c1-80 || true)
    if [ $rc -eq 2 ] && { grep -q 'not available in this build' "$RESULTS/$tag.err" || placeholder "$cmd"; }; then
      status="n/a (not available in this build)"
    elif [ $rc -eq 0 ]; then
      status="ok"
    elif [ $rc -eq 1 ]; then
      status="ok (findings)"
    elif [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
      status="TIMEOUT after ${TIMEOUT}s"; failed=1
    else
      status="FAILED: $err1"; failed=1
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$size" "$workloads" "$policies" "$cmd" "$wall" "$cpu" "$rss" \
      "$rc" "$lines" "$status" >>"$TSV"
  done
done

echo
if [ "${LAUNCHER:-}" = 1 ]; then how="through ./netspec"; else how="java ${JAVA_OPTS:-} -jar $JAR"; fi
echo "netspec CLI end to end (seed $SEED, mix '${MIX:-none}', $how, $(nproc) cores)"
awk -F'\t' '{ printf "%-16s %9s %8s %-10s %7s %7s %12s %4s %10s  %s\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10 }' "$TSV"
echo "cpu_s is user+system time: on a busy machine wall_s says more about the neighbours than about netspec."
echo "load average now: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
echo
echo "outputs, GNU time reports and results.tsv: $RESULTS"
exit $failed
