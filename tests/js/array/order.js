// The order of observable property reads and writes (accessors on array-likes).
var log = [];
function mk(vals) {
  var n = vals.length;
  return {
    get length() { log.push("len"); return n; },
    set length(v) { log.push("len=" + v); n = v; },
    get 0() { log.push("get0"); return vals[0]; },
    set 0(v) { log.push("set0=" + v); vals[0] = v; },
    get 1() { log.push("get1"); return vals[1]; },
    set 1(v) { log.push("set1=" + v); vals[1] = v; },
    get 2() { log.push("get2"); return vals[2]; },
    set 2(v) { log.push("set2=" + v); vals[2] = v; },
    get 3() { log.push("get3"); return vals[3]; },
    set 3(v) { log.push("set3=" + v); vals[3] = v; },
  };
}
function run(name, f) {
  log = [];
  var r;
  try { r = f(); } catch (e) { r = "threw " + (e instanceof TypeError ? "TypeError" : e); }
  if (typeof r === "object" && r !== null) r = "[" + Array.prototype.join.call(r) + "]";
  print(name + ": " + log.join(" ") + " -> " + r);
}
var A = Array.prototype;
run("reverse", function () { return A.reverse.call(mk(["a", "b", "c"])) && 1; });
run("push", function () { return A.push.call(mk(["a"]), "x", "y"); });
run("pop", function () { return A.pop.call(mk(["a", "b"])); });
run("shift", function () { return A.shift.call(mk(["a", "b", "c"])); });
run("unshift", function () { return A.unshift.call(mk(["a", "b"]), "z"); });
run("join", function () { return A.join.call(mk(["a", "b"]), { toString: function () { log.push("sep"); return "+"; } }); });
run("indexOf", function () { return A.indexOf.call(mk(["a", "b"]), "b", { valueOf: function () { log.push("from"); return 0; } }); });
run("includes", function () { return A.includes.call(mk(["a", "b"]), "c"); });
run("fill", function () { return A.fill.call(mk(["a", "b", "c"]), 0, 1) && 1; });
run("copyWithin", function () { return A.copyWithin.call(mk(["a", "b", "c"]), 0, 1) && 1; });
run("copyWithin back", function () { return A.copyWithin.call(mk(["a", "b", "c", "d"]), 1, 0, 2) && 1; });
run("splice", function () { return A.splice.call(mk(["a", "b", "c"]), 1, 1, "x", "y"); });
run("splice shrink", function () { return A.splice.call(mk(["a", "b", "c", "d"]), 0, 2, "x"); });
run("sort", function () { return A.sort.call(mk(["c", "a", "b"])) && 1; });
run("toSorted", function () { return A.toSorted.call(mk(["c", "a"])); });
run("with", function () { return A.with.call(mk(["a", "b"]), 1, "z"); });
run("toSpliced", function () { return A.toSpliced.call(mk(["a", "b", "c"]), 1, 1, "q"); });
run("toReversed", function () { return A.toReversed.call(mk(["a", "b"])); });
run("lastIndexOf", function () { return A.lastIndexOf.call(mk(["a", "b", "a"]), "a"); });
run("at", function () { return A.at.call(mk(["a", "b"]), -1); });
run("reduceRight", function () { return A.reduceRight.call(mk(["a", "b"]), function (s, x) { return s + x; }); });
run("map", function () { return A.map.call(mk(["a", "b"]), function (x) { return x + x; }); });
run("flat", function () { return A.flat.call(mk(["a", ["b"]])); });
run("from", function () { return Array.from(mk(["a", "b"])); });
run("entries", function () { var r = []; var it = A.entries.call(mk(["a", "b"])); var s; while (!(s = it.next()).done) r.push(s.value.join(":")); return r; });
run("concat", function () { var o = mk(["a"]); o[Symbol.isConcatSpreadable] = true; return [0].concat(o); });
run("slice", function () { return A.slice.call(mk(["a", "b", "c"]), { valueOf: function () { log.push("start"); return 1; } }, { valueOf: function () { log.push("end"); return -1; } }); });
