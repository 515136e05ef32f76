const vals = [0, 1, 1.23, 12.3, 99.5, 123.4, 999, 999.9, 1000, 1234, 1500, 9999, 9950, 12345, 99999, 123456, 999999, 1e6, 1234567, 1.5e9, 15300000000, 1e12, 1.23e15, 1e21, -2500, 0.000123, 0.5, NaN, Infinity];
for (const v of vals) console.log(v, new Intl.NumberFormat('en-US', { notation: 'compact' }).format(v), new Intl.NumberFormat('en-US', { notation: 'compact', compactDisplay: 'long' }).format(v), new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 }).format(v), new Intl.NumberFormat('en-US', { notation: 'compact', style: 'currency', currency: 'USD' }).format(v));
for (const v of [0, 1, 1234.5678, 987654321, 0.00012345, -5e-7, 1e21, 123]) console.log(v, new Intl.NumberFormat('en-US', { notation: 'scientific' }).format(v), new Intl.NumberFormat('en-US', { notation: 'engineering' }).format(v), new Intl.NumberFormat('en-US', { notation: 'scientific', maximumFractionDigits: 1 }).format(v), new Intl.NumberFormat('en-US', { notation: 'scientific', maximumSignificantDigits: 2 }).format(v));
for (const sd of ['auto', 'always', 'exceptZero', 'never', 'negative']) console.log(sd, [5, -5, 0, -0, NaN, Infinity].map(v => new Intl.NumberFormat('en-US', { signDisplay: sd }).format(v)).join(' | '), [5, -5, 0].map(v => new Intl.NumberFormat('en-US', { signDisplay: sd, style: 'currency', currency: 'USD' }).format(v)).join(' | '), [0.05, -0.05].map(v => new Intl.NumberFormat('en-US', { signDisplay: sd, style: 'percent' }).format(v)).join(' | '));
for (const v of [-5, 5, 0, -0, -1234.5]) console.log(v, new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', currencySign: 'accounting' }).format(v), new Intl.NumberFormat('en-US', { style: 'currency', currency: 'EUR', currencySign: 'accounting', signDisplay: 'always' }).format(v), new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR', currencySign: 'accounting' }).format(v));
for (const c of ['USD', 'EUR', 'GBP', 'JPY', 'INR', 'CAD', 'CHF', 'XYZ']) console.log(c, [1, 2, 1234.5].map(v => new Intl.NumberFormat('en-US', { style: 'currency', currency: c, currencyDisplay: 'name' }).format(v)).join(' | '), new Intl.NumberFormat('en-US', { style: 'currency', currency: c, currencyDisplay: 'narrowSymbol' }).format(1));
const units = ['byte','kilobyte','megabyte','celsius','fahrenheit','foot','inch','hour','day','month','percent','kilometer-per-hour','mile-per-hour','meter-per-second','liter-per-kilometer','megabyte-per-second'];
for (const u of units) {
  const r = [];
  for (const d of ['short', 'long', 'narrow']) for (const v of [1, 2, 1.5]) r.push(new Intl.NumberFormat('en-US', { style: 'unit', unit: u, unitDisplay: d }).format(v));
  console.log(JSON.stringify([u, ...r]));
}
console.log((1234567).toLocaleString('en-US', { notation: 'compact' }), (-0.5).toLocaleString('en-US', { style: 'percent', signDisplay: 'always' }), (1024).toLocaleString('en-US', { style: 'unit', unit: 'kilobyte' }));
for (const bad of [{ style: 'unit' }, { style: 'unit', unit: 'parsec' }, { style: 'unit', unit: 'meter-per-parsec' }, { signDisplay: 'sometimes' }, { notation: 'fancy' }]) {
  try { new Intl.NumberFormat('en-US', bad); console.log('no error'); } catch (e) { console.log(e.name, e.message); }
}
console.log(Intl.NumberFormat('en-US', { style: 'percent' }).format(0.25), Intl.DateTimeFormat('en-US', { timeZone: 'UTC' }).format(0), Intl.Collator().compare('a', 'b'));
console.log(new Intl.NumberFormat() instanceof Intl.NumberFormat, Intl.NumberFormat() instanceof Intl.NumberFormat, Intl.NumberFormat.name, Intl.NumberFormat.length, typeof Intl.NumberFormat.supportedLocalesOf, Object.prototype.toString.call(Intl.NumberFormat()));
console.log(Intl.NumberFormat, Intl.NumberFormat.prototype.constructor === Intl.NumberFormat, Object.getPrototypeOf(new Intl.Collator()) === Intl.Collator.prototype);
console.log(new Intl.NumberFormat('en-US', { notation: 'compact' }).resolvedOptions());
try { new Intl.DateTimeFormat('en-US', { hour: 'bogus' }); } catch (e) { console.log(e.name, e.message); }
try { new Intl.NumberFormat('en-US', { currency: 'US' }); } catch (e) { console.log(e.name, e.message); }
console.log(new Intl.NumberFormat('en-US').resolvedOptions());
console.log(new Intl.NumberFormat('en-US', {style:'currency', currency:'EUR', maximumSignificantDigits: 3}).resolvedOptions());
console.log(new Intl.NumberFormat('en-US', {style:'unit', unit:'liter'}).resolvedOptions());
console.log(new Intl.NumberFormat('en-US', {style:'percent', notation: 'compact', maximumFractionDigits: 1}).resolvedOptions());
