#!/usr/bin/env bash
# Differential check of regexp literal patterns against node's `new RegExp(pattern, flags)`.
# usage: fuzz/differential/run_regexp.sh [SEED] [N]   (needs node and a release `conch`)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
conch="${CONCH:-$here/../../target/release/conch}"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
cd "$work"
SEED="${1:-1}" N="${2:-5000}" python3 "$here/gen_regexp.py"
node "$here/node_regexp.js" > re_node.json
"$conch" parse rcases/*.js > re_conch.txt 2>&1 || true
python3 - <<'PY'
import json, re
cases = json.load(open('re_cases.json')); node = json.load(open('re_node.json'))
failed = {}
for line in open('re_conch.txt'):
    m = re.match(r'rcases/(\d+)\.js: (.*)', line)
    if m: failed[int(m.group(1))] = m.group(2)
diff = [(p, f, i not in failed, node[i], failed.get(i, '')) for i, (p, f) in enumerate(cases)
        if (i not in failed) != node[i]]
print(f"{len(cases)} cases, {sum(node)} accepted by node, {len(diff)} differ")
for d in diff[:40]: print(d)
PY
