print(JSON.stringify({ a: 1, b: [1, 'x', null, true, false, undefined, function () {}], c: { d: -0, e: NaN, f: Infinity } }));
print(JSON.stringify('he said "hi"\n\t\\ \u0001 \u2028'), JSON.stringify('\ud800'), JSON.stringify('\udc00x\ud83d\ude00'));
print(JSON.stringify(undefined), JSON.stringify(function () {}), JSON.stringify(null), JSON.stringify(Symbol()));
print(JSON.stringify({ a: undefined, b: Symbol(), c: 1 }), JSON.stringify([undefined, Symbol()]));
print(JSON.stringify({ a: [1, { b: 2 }], c: 'x' }, null, 2));
print(JSON.stringify({ a: [1, { b: 2 }], c: {}, d: [] }, null, '--'));
print(JSON.stringify([1, [2]], null, 20));
print(JSON.stringify({ a: 1 }, null, 'abcdefghijklmnop'));
print(JSON.stringify({ a: 1 }, null, new Number(3)), JSON.stringify({ a: 1 }, null, new String('xy')));
print(JSON.stringify({ a: 1, b: 2, c: { a: 3, d: 4 } }, ['a', 'c', 1, 'a']));
print(JSON.stringify({ 1: 'one', a: 'A' }, [1, new String('a')]));
print(JSON.stringify({ a: 1, b: 'x', c: [1, 2] }, function (k, v) { return typeof v === 'number' ? v * 10 : v; }));
print(JSON.stringify({ a: 1, b: 2 }, function (k, v) { return k === 'a' ? undefined : v; }));
var keys = []; JSON.stringify({ a: { b: 1 } }, function (k, v) { keys.push(k === '' ? '(root)' : k); return v; }); print(keys.join(','));
print(JSON.stringify({ toJSON: function (k) { return 'key:' + k; } }), JSON.stringify({ x: { toJSON: function (k) { return k + '!'; } } }));
print(JSON.stringify([new Number(1), new String('s'), new Boolean(false), Object(Symbol())]));
var cyc = { a: {} }; cyc.a.b = cyc;
try { JSON.stringify(cyc); } catch (e) { print(e instanceof TypeError); }
var arr = []; arr[0] = arr;
try { JSON.stringify(arr); } catch (e) { print(e instanceof TypeError); }
var shared = {}; print(JSON.stringify([shared, shared]));
var ord = { b: 1, a: 2, 2: 'x', 1: 'y' }; Object.defineProperty(ord, 'h', { value: 1, enumerable: false }); ord[Symbol('s')] = 1;
print(JSON.stringify(ord));
print(JSON.stringify({ get g() { return 5; } }), JSON.stringify([,1]), JSON.stringify({ a: 1e21, b: 1.5e-7, c: 123.456 }));
print(JSON.stringify('é日本'), JSON.stringify({ 'k"ey': 1 }));
// parse
print(JSON.parse('1'), JSON.parse(' -0.5e2 '), 1 / JSON.parse('-0'), JSON.parse('"a\\u0041\\n\\/"'), JSON.parse('true'), JSON.parse('null'));
var p = JSON.parse('{"a":[1,2,{"b":null}],"c":"d","__proto__":5,"a":7}');
print(p.a, p.c, Object.keys(p).join(','), Object.getPrototypeOf(p) === Object.prototype, p.__proto__);
print(JSON.stringify(JSON.parse('[1, [2, [3, []]], {"x": {"y": {}}}]')));
print(JSON.parse('"\u65e5\u672c\\ud83d\\ude00"').length, JSON.parse('1E3'), JSON.parse('123456789012345678901234567890'));
var bad = ['', '{', '[1,]', '{"a":1,}', '01', '1.', '.5', '+1', '"\\x"', "'a'", '"a', 'tru', '[1 2]', '{"a" 1}', '"\t"', 'NaN', '-', '1e', '{a:1}', '[1]x', '"\\u12"'];
print(bad.map(function (s) { try { JSON.parse(s); return 'ok'; } catch (e) { return e.name; } }).join(','));
// reviver
print(JSON.stringify(JSON.parse('{"a":1,"b":[1,2,3],"c":{"d":4}}', function (k, v) { return typeof v === 'number' ? (v === 2 ? undefined : v + 1) : v; })));
var order = []; JSON.parse('{"a":{"b":1,"c":[5]},"d":2}', function (k, v) { order.push(k); return v; }); print(order.join(','));
print(JSON.parse('[1,2]', function (k, v) { return Array.isArray(this) ? "arr:" + v : v; }).join());
print(JSON.parse('{"a":1}', function (k, v) { if (k === '') return v; this.b = 2; return v; }).b);
var nested = []; for (var i = 0; i < 100; i++) nested = [nested];
print(JSON.stringify(nested).length);
print(Object.prototype.toString.call(JSON), JSON.parse.length, JSON.stringify.length, JSON.parse.name);
