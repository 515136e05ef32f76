#!/usr/bin/env python3
"""Random regular expression literals (pattern atoms and flags) for the pattern checker."""
import random, os, json
random.seed(int(os.environ.get("SEED","1")))
atoms = ["a","b",".","\\d","\\w","\\s","\\b","\\B","^","$","\\1","\\2","\\k<n>","\\k","(?<n>","(?<m>","(?:","(?=","(?!","(?<=","(?<!","(",")","[","]","[^","-","a-z","z-a","\\p{L}","\\P{Lu}","\\p{Script=Greek}","\\p{ASCII}","\\p{RGI_Emoji}","\\q{ab|c}","&&","--","*","+","?","{1}","{1,}","{1,2}","{2,1}","{","}","|","\\u0041","\\u{41}","\\x41","\\c","\\cA","\\0","\\00","\\-","\\/","\\.","\\u{110000}","\\uD83D\\uDE00","😀","\\a","\\_","\\$"]
cases=[]
for i in range(int(os.environ.get("N","3000"))):
    p = "".join(random.choice(atoms) for _ in range(random.randint(1,6)))
    if p.startswith("*"): p = "a" + p
    f = random.choice(["", "u", "v", "i", "gu"])
    cases.append((p, f))
json.dump(cases, open("re_cases.json","w"))
with open("re_cases.js","w") as out:
    pass
os.makedirs("rcases", exist_ok=True)
for i,(p,f) in enumerate(cases):
    open(f"rcases/{i}.js","w").write("/" + p + "/" + f)
