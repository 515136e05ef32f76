#!/usr/bin/env python3
"""Random programs built from nested literals, destructuring and arrows (cover grammars)."""
import random, os, json
random.seed(int(os.environ.get("SEED","1")))
def ident():
    return random.choice(["a","b","c","eval","arguments","yield","await","let","async"])
def expr(d=0):
    r = random.random()
    if d > 3 or r < 0.2: return random.choice([ident(), "1", "'s'", "this", "x.y", "f()"])
    c = random.randint(0, 14)
    if c == 0: return "[" + ", ".join(elem(d+1) for _ in range(random.randint(0,3))) + "]"
    if c == 1: return "{" + ", ".join(prop(d+1) for _ in range(random.randint(0,3))) + "}"
    if c == 2: return "(" + expr(d+1) + ")"
    if c == 3: return expr(d+1) + " = " + expr(d+1)
    if c == 4: return expr(d+1) + "." + ident()
    if c == 5: return "(" + ", ".join(param(d+1) for _ in range(random.randint(0,3))) + ") => " + expr(d+1)
    if c == 6: return ident() + " => " + expr(d+1)
    if c == 7: return expr(d+1) + " + " + expr(d+1)
    if c == 8: return "async (" + ", ".join(param(d+1) for _ in range(random.randint(0,2))) + ") => " + expr(d+1)
    if c == 9: return expr(d+1) + "(" + expr(d+1) + ")"
    if c == 10: return expr(d+1) + " += " + expr(d+1)
    if c == 11: return expr(d+1) + "++"
    if c == 12: return expr(d+1) + ", " + expr(d+1)
    if c == 13: return "(" + expr(d+1) + ") = " + expr(d+1)
    return expr(d+1) + " ? " + expr(d+1) + " : " + expr(d+1)
def elem(d):
    r = random.random()
    if r < 0.15: return ""
    if r < 0.3: return "..." + expr(d)
    return expr(d)
def prop(d):
    r = random.randint(0, 6)
    n = ident()
    if r == 0: return n
    if r == 1: return n + " = " + expr(d)
    if r == 2: return n + ": " + expr(d)
    if r == 3: return "..." + expr(d)
    if r == 4: return "[" + expr(d) + "]: " + expr(d)
    if r == 5: return "__proto__: " + expr(d)
    return n + "() {}"
def param(d):
    r = random.random()
    if r < 0.5: return ident()
    if r < 0.7: return ident() + " = " + expr(d)
    if r < 0.8: return "..." + random.choice([ident(), "[" + ident() + "]"])
    return expr(d)
wraps = ["{}", "'use strict'; {}", "function* g() {{ {} }}", "async function h() {{ {} }}", "for ({} of z);", "for ({} in z);"]
cases = []
for i in range(int(os.environ.get("N","3000"))):
    cases.append(random.choice(wraps).format(expr()))
os.makedirs("cases", exist_ok=True)
for i, c in enumerate(cases):
    open(f"cases/{i}.js","w").write(c)
json.dump(cases, open("cases.json","w"))
