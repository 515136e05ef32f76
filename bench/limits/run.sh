#!/bin/sh
# Builds the release library and this benchmark, then runs every measurement.
set -e
here=$(cd "$(dirname "$0")" && pwd)
root=$here/../..
target=${CARGO_TARGET_DIR:-$root/target}
(cd "$root" && cargo build --release -p conch-jsrt)
cc -O2 -std=c99 -D_POSIX_C_SOURCE=199309L -Wall -Werror -I"$root/include" "$here/limits.c" \
   -L"$target/release" -lconch_jsrt -Wl,-rpath,"$target/release" -o "$target/release/limits"
for mib in 4 16 64; do "$target/release/limits" fill $mib; done
"$target/release/limits" churn 87
