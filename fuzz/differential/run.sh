#!/usr/bin/env bash
# Differential check of accept/reject decisions against node's V8 on random token soups.
# usage: fuzz/differential/run.sh [SEED] [N] [--module|--patterns]   (needs node, release `conch`)
# --patterns uses gen_patterns.py (nested literals, destructuring, arrows: the cover grammars);
# --classes uses gen_classes.py (classes, private names, super, labels, directives);
# --modules uses gen_modules.py (import/export forms), parsed as modules on both sides.
# Known, accepted differences: V8 accepts `f()++` / `f() = 1` in strict code (web-compat
# beyond Annex B, which limits it to sloppy code), and node 20 lacks newer syntax (`using`,
# regexp modifiers, duplicate named groups), which the generator does not produce.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
conch="${CONCH:-$here/../../target/release/conch}"
seed="${1:-1}"; n="${2:-5000}"; mode="${3:-}"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
cd "$work"
if [ "$mode" = "--patterns" ]; then
  SEED="$seed" N="$n" python3 "$here/gen_patterns.py"
elif [ "$mode" = "--modules" ]; then
  SEED="$seed" N="$n" python3 "$here/gen_modules.py"
elif [ "$mode" = "--classes" ]; then
  SEED="$seed" N="$n" python3 "$here/gen_classes.py"
else
  SEED="$seed" N="$n" python3 "$here/gen.py"
fi
cp "$here"/node_*.js .
if [ "$mode" = "--module" ] || [ "$mode" = "--modules" ]; then
  node --experimental-vm-modules --no-warnings node_mod.js > node.json
  "$conch" parse --module cases/*.js > conch.txt 2>&1 || true
else
  node node_check.js > node.json
  "$conch" parse cases/*.js > conch.txt 2>&1 || true
fi
python3 "$here/compare.py"
