#!/usr/bin/env python3
"""Random module bodies: import/export in all forms, string names, attributes, top-level await."""
import random, os, json
random.seed(int(os.environ.get("SEED","1")))
names = ["a","b","c","default","await","yield","let","eval","if","x"]
def n(): return random.choice(names)
def s(): return random.choice(["'m'", '"a b"', "'\\uD800'", "'x'"])
def mname(): return random.choice([n(), s()])
def item():
    r = random.randint(0, 16)
    if r == 0: return "import " + s() + ";"
    if r == 1: return "import " + n() + " from " + s() + ";"
    if r == 2: return "import * as " + n() + " from " + s() + ";"
    if r == 3: return "import { " + ", ".join(random.choice([n(), mname() + " as " + n()]) for _ in range(random.randint(0,2))) + " } from " + s() + random.choice(["", " with { type: 'json' }", " with { type: 'json', type: 'x' }", " with {}"]) + ";"
    if r == 4: return "import " + n() + ", { " + n() + " } from " + s() + ";"
    if r == 5: return "export * from " + s() + ";"
    if r == 6: return "export * as " + mname() + " from " + s() + ";"
    if r == 7: return "export { " + ", ".join(random.choice([n(), n() + " as " + mname(), mname() + " as " + mname()]) for _ in range(random.randint(0,2))) + " }" + random.choice(["", " from " + s()]) + ";"
    if r == 8: return "export " + random.choice(["var", "let", "const"]) + " " + n() + " = 1;"
    if r == 9: return "export default " + random.choice(["1", "function () {}", "function " + n() + "() {}", "class {}", "async function () {}", "(1, 2)", n()]) + ";"
    if r == 10: return "export function " + n() + "() {}"
    if r == 11: return "export class " + n() + " {}"
    if r == 12: return random.choice(["var", "let", "const"]) + " " + n() + " = 1;"
    if r == 13: return "await " + n() + ";"
    if r == 14: return "function " + n() + "() {}"
    if r == 15: return "import.meta;"
    return "export async function " + n() + "() {}"
cases = [" ".join(item() for _ in range(random.randint(1, 4))) for _ in range(int(os.environ.get("N","3000")))]
os.makedirs("cases", exist_ok=True)
for i, c in enumerate(cases):
    open(f"cases/{i}.js","w").write(c)
json.dump(cases, open("cases.json","w"))
