import random, os, json
random.seed(int(os.environ.get("SEED","1")))
atoms = ["a","b","yield","await","let","async","of","arguments","eval","this","1","0x1","'s'","`t${a}`","/r/g","null","[]","{}","(a)","a.b","a?.b","a[b]","f()","new F","super.x","new.target","function(){}","()=>1","async()=>1","class{}","x=>x","...a","#p","import.meta","import('m')"]
ops = ["+","-","*","**","/","%","=","+=","&&=","??","||","&&","?",":",",",";","in","instanceof","=>","++","--","!","~","typeof","void","delete","."]
kw = ["var","let","const","if","else","for","while","do","return","break","continue","function","function*","async function","class","extends","try","catch","finally","throw","switch","case","default","with","label:","{","}","(",")","[","]","\n"]
def piece():
    r = random.random()
    if r < 0.45: return random.choice(atoms)
    if r < 0.75: return random.choice(ops)
    return random.choice(kw)
cases = []
for i in range(int(os.environ.get("N","3000"))):
    n = random.randint(1, 9)
    src = " ".join(piece() for _ in range(n))
    cases.append(src)
os.makedirs("cases", exist_ok=True)
for i, c in enumerate(cases):
    open(f"cases/{i}.js","w").write(c)
json.dump(cases, open("cases.json","w"))
