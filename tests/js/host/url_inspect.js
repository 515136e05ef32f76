console.log(new URL("https://a.com/x?y=1#z")); console.log(new URLSearchParams("a=1&b=2")); console.log([new URL("http://b.com")], { u: new URLSearchParams("q=1") })
const u = new URL('https://example.org/p?a=1&b=two%20words');
u.searchParams.append('c', 'x y'); u.hash = 'sec'; console.log(u);
console.log(new URLSearchParams(Array.from({ length: 12 }, (_, i) => ['key' + i, 'value' + i])));
console.log({ nested: { deeper: { url: new URL('http://x.y') } } }, [new URLSearchParams('')]);
console.log(Object.keys(u), JSON.stringify(u), Object.keys(new URLSearchParams('a=1')));
const u2 = new URL('http://h.com/?q=1');
console.log({ a: u2 }); console.log({ a: { b: u2 } }); console.log([[u2]]); console.log({ a: { b: { c: u2.searchParams } } }, { a: { b: u2.searchParams } });
console.log([u2.searchParams, new URLSearchParams('x=' + 'y'.repeat(80))]);
const util = require('util'); console.log(util.inspect(u2, { depth: 0 }), util.inspect({ u2 }, { depth: 0 }));
class MyURL extends URL {} console.log(new MyURL('http://sub.class/'));
