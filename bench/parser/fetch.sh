#!/usr/bin/env bash
# Fetches the benchmark input (typescript.js, ~9 MB) from the npm registry into ./data.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p data
cd data
if [ ! -f typescript.js ]; then
  npm pack typescript@5.6.3 >/dev/null 2>&1
  tar xzf typescript-5.6.3.tgz package/lib/typescript.js
  mv package/lib/typescript.js .
  rm -rf package typescript-5.6.3.tgz
fi
echo "$(pwd)/typescript.js"
