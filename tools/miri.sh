#!/usr/bin/env bash
# Runs the memory manager's and the heap's tests under Miri (nightly; not run by CI, which stays
# on stable). See crates/conch-gc/GC.md, "Miri", for what runs, what is ignored and why.
#
#   tools/miri.sh            Stacked Borrows (Miri's default)
#   tools/miri.sh --tree     Tree Borrows as well
#
# Slow: about 10 minutes for conch-mm and 10 for conch-gc on one core.
set -euo pipefail
cd "$(dirname "$0")/.."
TARGET_DIR=${MIRI_TARGET_DIR:-/work/target-miri}

run() {
    echo "== MIRIFLAGS='${MIRIFLAGS:-}' cargo +nightly miri test -p $1"
    cargo +nightly miri test -p "$1" --target-dir "$TARGET_DIR"
}

cargo +nightly miri --version
for crate in conch-mm conch-gc; do
    MIRIFLAGS="" run "$crate"
done
if [[ "${1:-}" == "--tree" ]]; then
    for crate in conch-mm conch-gc; do
        MIRIFLAGS="-Zmiri-tree-borrows" run "$crate"
    done
fi
