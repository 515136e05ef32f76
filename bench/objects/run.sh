#!/usr/bin/env bash
# Builds the release library and the measurement host, then runs it (optional argument: the
# number of objects, default 1e6).
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build --release -p conch-jsrt
target="${CARGO_TARGET_DIR:-target}/release"
cc -O2 -std=c99 -D_POSIX_C_SOURCE=200809L -Iinclude bench/objects/objects.c \
  -L"$target" -lconch_jsrt -Wl,-rpath,"$(cd "$target" && pwd)" -o "$target/bench-objects"
"$target/bench-objects" "$@"
