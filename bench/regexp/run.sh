#!/usr/bin/env bash
# RegExp benchmark: runs workloads.js on conch (and on `node --jitless` and QuickJS `qjs` when
# they are on PATH, or given as NODE / QJS), prints each workload's milliseconds per engine,
# then measures the catastrophic-pattern interrupt latency: how long after a `--timeout`
# deadline conch ends while inside an exponential match. Not run by CI.
#   bench/regexp/run.sh [CONCH]       (default: $CARGO_TARGET_DIR/release/conch, built if missing)
set -euo pipefail
cd "$(dirname "$0")/../.."
conch="${1:-${CARGO_TARGET_DIR:-target}/release/conch}"
if [ ! -x "$conch" ]; then
  cargo build --release -p conch-cli
fi
node="${NODE:-$(command -v node || true)}"
qjs="${QJS:-$(command -v qjs || true)}"
dir=bench/regexp
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
"$conch" "$dir/workloads.js" >"$tmp/conch"
cols="conch"
if [ -n "$node" ]; then
  "$node" --jitless "$dir/workloads.js" 2>/dev/null >"$tmp/node"
  cols="$cols node-jitless"
fi
if [ -n "$qjs" ]; then
  "$qjs" "$dir/workloads.js" >"$tmp/qjs"
  cols="$cols qjs"
fi
printf '%-18s' workload
for c in $cols; do printf '%18s' "$c (ms)"; done
echo
while read -r name ms; do
  printf '%-18s%18s' "$name" "$ms"
  for c in $cols; do
    [ "$c" = conch ] && continue
    f="$tmp/${c%-jitless}"
    printf '%18s' "$(awk -v n="$name" '$1 == n { print $2 }' "$f")"
  done
  echo
done <"$tmp/conch"

# Interrupt latency: wall time of `conch --timeout T` on an exponential match, minus T.
for t in 0.2 0.5 1; do
  start=$(date +%s%N)
  set +e
  "$conch" --timeout "$t" "$dir/catastrophic.js" 2>/dev/null
  rc=$?
  set -e
  end=$(date +%s%N)
  awk -v s="$start" -v e="$end" -v t="$t" -v rc="$rc" 'BEGIN {
    printf "interrupt: --timeout %s s, exit %d, ended %.1f ms after the deadline (incl. start-up)\n",
      t, rc, (e - s) / 1e6 - t * 1000 }'
done
