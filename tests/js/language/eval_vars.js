// Sloppy direct eval adding vars to its caller function (EvalDeclarationInstantiation with a
// declarative var environment): new vars, functions, deletion, shadowing of outer bindings,
// conflicts with lexical declarations, nested evals and arrows. Expected output from node.
function g() { eval("var y = 5"); return y; }
print(g());
var x = 'global';
function h() {
  print(typeof z, x);
  eval("var x = 'local'; function z() { return x; }");
  print(x, z(), typeof z);
  print(delete x, x);
  eval("var x = 'again'");
  return () => x;
}
print(h()());
function k(a) { eval("var a = 2, b = 3"); return a + b; }
print(k(1));
function m() { let q = 1; { try { eval("var q = 2"); } catch (e) { print(e.name, e.message); } } return q; }
print(m());
function n() { eval("eval('var deep = 7')"); return deep; }
print(n());
function o() { var f = () => { eval("var inArrow = 1"); return inArrow; }; print(f(), typeof inArrow); }
o();
function p() { eval("var self = this"); return self; }
print(p.call(undefined) === globalThis);
function thisCall() { eval("function t() { return this; }"); return t(); }
print(thisCall() === globalThis);
function outer() { var w = 'outer'; function inner() { eval("var w = 'inner'"); return w; } return inner() + ' ' + w; }
print(outer());
function loopy() { for (var i = 0; i < 3; i++) eval("var acc = (typeof acc === 'number' ? acc : 0) + i"); return acc; }
print(loopy());
var o2 = { v: 1 };
with (o2) { print(delete v, o2.v); }
// An eval in an arrow's parameters adds to the arrow's var scope.
const withParamEval = (p = eval("var inParams = 'param'")) => inParams;
print(withParamEval());
// Redeclaring a parameter or `arguments` from a parameter's eval is a conflict (spec:
// FunctionDeclarationInstantiation step 21; node 20 does not throw for `var a`, test262 expects
// the SyntaxError for `arguments`: expected output edited by hand for the first).
function paramConflict(a, p = eval("var a")) {}
try { paramConflict(); } catch (e) { print(e.name); }
function argumentsConflict(p = eval("var arguments")) {}
try { argumentsConflict(); } catch (e) { print(e.name); }
