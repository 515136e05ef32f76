// ArraySetLength reads the length property after converting the new value (§10.4.2.4 steps
// 3–8): a valueOf that makes length read-only makes the definition fail.
function attempt(kind) {
  var array = [1, 2];
  var calls = 0;
  var length = {
    valueOf: function () {
      calls += 1;
      if (calls !== 1) Object.defineProperty(array, "length", { writable: false });
      return array.length;
    },
  };
  try {
    if (kind === "define") Object.defineProperty(array, "length", { value: length, writable: true });
    else (function () { "use strict"; array.length = length; })();
    return "no error " + calls;
  } catch (e) {
    return e.name + " " + calls;
  }
}
console.log(attempt("define"), attempt("set"));
var a = [1, 2, 3];
Object.defineProperty(a, "length", { value: { valueOf() { return 1; } } });
console.log(a.length, JSON.stringify(a));
