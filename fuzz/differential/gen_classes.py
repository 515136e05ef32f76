#!/usr/bin/env python3
"""Random programs built from classes, functions, private names, super, labels and directives."""
import random, os, json
random.seed(int(os.environ.get("SEED","1")))
names = ["a","b","x","eval","arguments","yield","await","let","static","async","get","set","constructor","prototype"]
def n(): return random.choice(names)
def key():
    r = random.randint(0,5)
    if r == 0: return "#" + random.choice(["p","q","constructor"])
    if r == 1: return "[" + n() + "]"
    if r == 2: return "'" + n() + "'"
    return n()
def member(d):
    pre = random.choice(["", "", "static ", "get ", "set ", "async ", "*", "static async *", "static get "])
    r = random.randint(0, 5)
    if r == 0: return pre + key() + "(" + params() + ") { " + stmts(d+1) + " }"
    if r == 1: return pre + key() + (" = " + expr(d+1) if random.random() < .5 else "") + ";"
    if r == 2: return "static { " + stmts(d+1) + " }"
    if r == 3: return "constructor(" + params() + ") { " + stmts(d+1) + " }"
    return pre + key() + "() { " + stmts(d+1) + " }"
def params():
    return ", ".join(random.choice([n(), n() + " = 1", "..." + n(), "[" + n() + "]", "{" + n() + "}"]) for _ in range(random.randint(0, 3)))
def expr(d):
    if d > 3: return random.choice([n(), "1", "this"])
    r = random.randint(0, 11)
    if r == 0: return "class " + random.choice(["", n() + " ", "extends B ", n() + " extends " + n() + " "]) + "{ " + " ".join(member(d+1) for _ in range(random.randint(0,3))) + " }"
    if r == 1: return "function " + random.choice(["", n()]) + "(" + params() + ") { " + stmts(d+1) + " }"
    if r == 2: return "(" + params() + ") => { " + stmts(d+1) + " }"
    if r == 3: return "super." + n()
    if r == 4: return "super()"
    if r == 5: return "this.#p"
    if r == 6: return "#p in this"
    if r == 7: return "new.target"
    if r == 8: return random.choice(["yield", "await"]) + " " + n()
    if r == 9: return "arguments"
    return n()
def stmt(d):
    if d > 3: return ";"
    r = random.randint(0, 12)
    if r == 0: return random.choice(["var", "let", "const"]) + " " + n() + " = 1;"
    if r == 1: return "'use strict';"
    if r == 2: return "return " + expr(d+1) + ";"
    if r == 3: return n() + ": " + stmt(d+1)
    if r == 4: return random.choice(["break", "continue"]) + random.choice(["", " " + n()]) + ";"
    if r == 5: return "for (;;) { " + stmts(d+1) + " }"
    if r == 6: return "{ " + stmts(d+1) + " }"
    if r == 7: return "function " + n() + "(" + params() + ") { " + stmts(d+1) + " }"
    if r == 8: return "if (1) " + stmt(d+1)
    if r == 9: return "switch (1) { case 1: " + stmts(d+1) + " }"
    if r == 10: return "try {} catch (" + n() + ") { " + stmts(d+1) + " }"
    return expr(d+1) + ";"
def stmts(d): return " ".join(stmt(d) for _ in range(random.randint(0, 3)))
wraps = ["{}", "function* g() {{ {} }}", "async function h() {{ {} }}", "class K extends B {{ m() {{ {} }} }}", "(function () {{ 'use strict'; {} }})"]
cases = [random.choice(wraps).format(stmts(0)) for _ in range(int(os.environ.get("N","3000")))]
os.makedirs("cases", exist_ok=True)
for i, c in enumerate(cases):
    open(f"cases/{i}.js","w").write(c)
json.dump(cases, open("cases.json","w"))
