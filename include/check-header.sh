#!/usr/bin/env bash
# Checks Conch's public JsRT header.
#
#   check-header.sh           compile include/jsrt.h on its own as C99 and as
#                             C++11 (also included twice, and each part under
#                             include/jsrt/ on its own); exit non-zero on failure
#   check-header.sh --names   print the declared function names, sorted, one
#                             per line
#
# CC and CXX select the compilers (default gcc and g++).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
headers=("$here/jsrt.h" "$here"/jsrt/*.h)

# Every declaration starts a line with `CHAKRA_API <name>(`.
list_names() {
    sed -n 's/^CHAKRA_API[[:space:]]\{1,\}\([A-Za-z_][A-Za-z0-9_]*\)[[:space:]]*(.*/\1/p' "${headers[@]}" |
        LC_ALL=C sort
}

case "${1:-}" in
    --names) list_names; exit 0 ;;
    "") ;;
    *) echo "usage: $0 [--names]" >&2; exit 2 ;;
esac

CC="${CC:-gcc}"
CXX="${CXX:-g++}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# A translation unit that includes the header (twice when asked) and uses the
# constants the way hosts do.
write_tu() { # file, header, times
    local file=$1 header=$2 times=$3 i
    : >"$file"
    for ((i = 0; i < times; i++)); do
        printf '#include <%s>\n' "$header" >>"$file"
    done
    if [ "$header" = jsrt.h ]; then
        cat >>"$file" <<'EOF'
int conch_check_header(void);
int conch_check_header(void)
{
    JsValueRef value = JS_INVALID_REFERENCE;
    JsRuntimeHandle runtime = JS_INVALID_RUNTIME_HANDLE;
    JsSourceContext cookie = JS_SOURCE_CONTEXT_NONE;
    JsErrorCode (*collect)(JsRuntimeHandle) = JsCollectGarbage;
    JsErrorCode code = JsNoError;
    WCHAR unit = 0;
    return value == JS_INVALID_REFERENCE && runtime == JS_INVALID_RUNTIME_HANDLE &&
           cookie == JS_SOURCE_CONTEXT_NONE && collect && code == JsNoError &&
           sizeof(unit) == 2 && JsErrorCategoryUsage == 0x10000;
}
EOF
    fi
}

failures=0
run() { # description, command...
    local what=$1
    shift
    if "$@" 2>"$tmp/err"; then
        echo "ok    $what: $*"
    else
        echo "FAIL  $what: $*"
        sed 's/^/      /' "$tmp/err"
        failures=$((failures + 1))
    fi
}

c_flags=(-std=c99 -Wall -Wextra -Werror -pedantic -fsyntax-only -I"$here")
cxx_flags=(-std=c++11 -Wall -Wextra -Werror -fsyntax-only -I"$here")

n=0
for header in jsrt.h jsrt/common.h jsrt/debug.h jsrt/core.h; do
    for times in 1 2; do
        n=$((n + 1))
        write_tu "$tmp/tu$n.c" "$header" "$times"
        cp "$tmp/tu$n.c" "$tmp/tu$n.cpp"
        run "C99   $header x$times" "$CC" "${c_flags[@]}" "$tmp/tu$n.c"
        run "C++11 $header x$times" "$CXX" "${cxx_flags[@]}" "$tmp/tu$n.cpp"
    done
done

# Extra dialects and stricter warnings, on the umbrella header only.
run "C11 strict" "$CC" -std=c11 -Wall -Wextra -Werror -pedantic -Wstrict-prototypes \
    -Wmissing-prototypes -Wshadow -fsyntax-only -I"$here" "$tmp/tu2.c"
run "C++98" "$CXX" -std=c++98 -Wall -Wextra -Werror -pedantic -Wno-long-long -fsyntax-only \
    -I"$here" "$tmp/tu2.cpp"
run "C++17 strict" "$CXX" -std=c++17 -Wall -Wextra -Werror -pedantic -Wold-style-cast \
    -Wzero-as-null-pointer-constant -Wshadow -fsyntax-only -I"$here" "$tmp/tu2.cpp"

count=$(list_names | wc -l)
dupes=$(list_names | uniq -d)
if [ -n "$dupes" ]; then
    echo "FAIL  duplicate declarations: $dupes"
    failures=$((failures + 1))
fi
echo "$count functions declared"

if [ "$failures" -ne 0 ]; then
    echo "$failures check(s) failed" >&2
    exit 1
fi
echo "all checks passed"
