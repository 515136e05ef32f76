#!/usr/bin/env bash
# Differential check of accept/reject decisions against node's V8 on random token soups.
# usage: fuzz/differential/run.sh [SEED] [N] [--module]   (needs node and a release `conch`)
# Known, accepted differences: V8 accepts `f()++` / `f() = 1` in strict code (web-compat
# beyond Annex B, which limits it to sloppy code), and node 20 lacks newer syntax (`using`,
# regexp modifiers, duplicate named groups), which the generator does not produce.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
conch="${CONCH:-$here/../../target/release/conch}"
seed="${1:-1}"; n="${2:-5000}"; mode="${3:-}"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
cd "$work"
SEED="$seed" N="$n" python3 "$here/gen.py"
cp "$here"/node_*.js .
if [ "$mode" = "--module" ]; then
  node --experimental-vm-modules --no-warnings node_mod.js > node.json
  "$conch" parse --module cases/*.js > conch.txt 2>&1 || true
else
  node node_check.js > node.json
  "$conch" parse cases/*.js > conch.txt 2>&1 || true
fi
python3 - <<'PY'
import json, re
cases = json.load(open('cases.json')); node = json.load(open('node.json'))
failed = {}
for line in open('conch.txt'):
    m = re.match(r'cases/(\d+)\.js: (.*)', line)
    if m: failed[int(m.group(1))] = m.group(2)
diff = [(c, i not in failed, node[i], failed.get(i, '')) for i, c in enumerate(cases)
        if node[i] in (True, False) and (i not in failed) != node[i]]
print(f"{len(cases)} cases, {sum(1 for x in node if x is True)} accepted by node, {len(diff)} differ")
for d in diff[:40]: print(d)
PY
