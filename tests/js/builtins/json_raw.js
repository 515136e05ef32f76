// JSON.rawJSON / JSON.isRawJSON and the reviver's source-text context (JSON.parse source
// text access). Node 20 has neither: the expected output was written by hand.
const r = JSON.rawJSON('12345678901234567890');
print(JSON.isRawJSON(r), JSON.isRawJSON({ rawJSON: '1' }), JSON.isRawJSON(1));
print(Object.getPrototypeOf(r), Object.isFrozen(r), r.rawJSON);
print(JSON.stringify({ big: r, s: JSON.rawJSON('"x"'), n: [JSON.rawJSON('null')] }));
print(JSON.stringify(JSON.rawJSON('1e1000')));
for (const bad of ['', ' 1', '1 ', '{}', '[1]', 'tru', '"\n"']) {
  try { JSON.rawJSON(bad); print('accepted', JSON.stringify(bad)); } catch (e) { print(e.name, JSON.stringify(bad)); }
}

const seen = [];
JSON.parse('{"a": 1.0, "b": [ -0, 1e2, "s\\u0041" ], "c": {"d": true}, "a": 10.50}', function (k, v, ctx) {
  seen.push(k + ' ' + JSON.stringify(ctx));
  return v;
});
print(seen.join('\n'));

// A value replaced by the reviver loses its source.
const seen2 = [];
JSON.parse('[1, 2]', function (k, v, ctx) {
  if (k === '0') this[1] = 3;
  seen2.push(k + ' ' + ('source' in ctx ? ctx.source : '-'));
  return v;
});
print(seen2.join(', '));
// Big integers round-trip exactly through the source.
print(JSON.parse('{"id": 12345678901234567890}', (k, v, { source }) => typeof v === 'number' ? BigInt(source) : v).id);
