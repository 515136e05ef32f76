print("before");
function thrower() { throw new RangeError("bad " + 1); }
thrower();
print("never");
