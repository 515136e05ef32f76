#!/usr/bin/env bash
# Instruction counts (valgrind callgrind "Ir") of conch running benchmark scripts: repeatable
# on a noisy machine, unlike wall time. The scripts are those `bench/suite/run.py --keep DIR`
# writes (use a small --scale, e.g. 0.05: callgrind runs ~50x slower).
#
#   tools/icount.sh CONCH DIR [NAME...]     # NAME: awfy-Richards, octane-DeltaBlue, ...
set -euo pipefail
conch=$1
dir=$2
shift 2
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  for f in "$dir"/*.js; do names+=("$(basename "$f" .js)"); done
fi
for b in "${names[@]}"; do
  out=$(mktemp)
  ir=$(valgrind --tool=callgrind --callgrind-out-file="$out" "$conch" "$dir/$b.js" 2>&1 >/dev/null |
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p' || true)
  rm -f "$out"
  printf "%-22s %14s\n" "$b" "$ir"
done
