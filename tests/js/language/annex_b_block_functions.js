// Annex B.3.2.1: a sloppy function declared in a block also assigns a function-level var,
// except when a parameter has that name or an enclosing block declares the same function
// (V8 still hoists the inner one of two nested blocks; the spec and test262 do not).
var out = [];
(function (f) {
  out.push(typeof f);
  {
    function f() {}
  }
  out.push(typeof f);
})(123);
(function (f = 1) {
  if (true) function f() {}
  out.push(typeof f);
})();
(function () {
  out.push(typeof f);
  {
    function f() { return 1; }
    {
      function f() { return 2; }
    }
  }
  out.push(f());
})();
(function () {
  {
    function g() { return 'g'; }
  }
  out.push(g());
  switch (1) {
    case 1:
      function h() { return 'h'; }
  }
  out.push(h());
})();
print(out.join());
