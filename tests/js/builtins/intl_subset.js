// The shell's partial Intl (tools/conch-cli/src/intl.js) over the engine's locale-aware methods:
// NumberFormat, DateTimeFormat, Collator, and English PluralRules, ListFormat,
// RelativeTimeFormat. Expected output from node 20.
const nf = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
console.log(nf.format(1234.5), [1, 2.5, 1000].map(nf.format), new Intl.NumberFormat().format(1234567.891), new Intl.NumberFormat('de-DE').format(1234.5));
console.log(new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 }).format(3.14159), new Intl.NumberFormat('en-US', { style: 'percent' }).format(0.42), new Intl.NumberFormat('en-IN').format(12345678), new Intl.NumberFormat().format(12n ** 12n));
const d = new Date(Date.UTC(2024, 2, 5, 14, 7, 9));
console.log(new Intl.DateTimeFormat('en-US', { timeZone: 'UTC' }).format(d), new Intl.DateTimeFormat('en-US', { dateStyle: 'full', timeZone: 'UTC' }).format(d), new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(d));
console.log(new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(d));
console.log(['b', 'a', 'C', 'ä'].sort(new Intl.Collator().compare), ['item10', 'item2', 'item1'].sort(new Intl.Collator(undefined, { numeric: true }).compare));
const pr = new Intl.PluralRules('en-US'); const po = new Intl.PluralRules('en-US', { type: 'ordinal' });
console.log([0, 1, 2, 5].map(n => pr.select(n)), [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111].map(n => n + ({ one: 'st', two: 'nd', few: 'rd', other: 'th' })[po.select(n)]).join(' '));
console.log(new Intl.ListFormat('en', { style: 'long', type: 'conjunction' }).format(['a', 'b', 'c']), new Intl.ListFormat('en', { type: 'disjunction' }).format(['a', 'b']), new Intl.ListFormat('en').format(['x']), new Intl.ListFormat('en', { style: 'short' }).format(['a', 'b', 'c']), new Intl.ListFormat('en', { style: 'narrow' }).format(['a', 'b', 'c']), new Intl.ListFormat('en', { style: 'narrow', type: 'unit' }).format(['a', 'b', 'c']), new Intl.ListFormat('en', { type: 'unit' }).format(['a', 'b', 'c']));
const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto' }); const rtf2 = new Intl.RelativeTimeFormat('en');
console.log(rtf.format(-1, 'day'), rtf.format(1, 'day'), rtf.format(0, 'day'), rtf.format(-3, 'day'), rtf.format(2, 'weeks'), rtf.format(-1, 'month'), rtf2.format(-1, 'day'), rtf2.format(1, 'hour'), rtf2.format(-5, 'minute'), rtf2.format(1000, 'year'), new Intl.RelativeTimeFormat('en', { style: 'short' }).format(-3, 'month'));
console.log(typeof Intl, Object.prototype.toString.call(Intl), Object.prototype.toString.call(nf), nf.resolvedOptions().currency, Object.keys(Intl).length);
try { new Intl.NumberFormat('en-US', { style: 'currency' }); } catch (e) { console.log(e.name, e.message); }
