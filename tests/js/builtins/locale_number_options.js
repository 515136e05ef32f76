// Number#toLocaleString with locales and options (no Intl): styles, currencies, digit options,
// grouping, and the separators of en, en-IN, de and fr. Expected output from node 20.
const xs = [0, -0, 1, -1, 0.5, 1234.5, 1234.5678, -1234.5, 0.001, 0.0049, 0.005, 1.005, 999.995, 1e21, 123456789.987, 0.256, 12, 5, NaN, Infinity, -Infinity, 1e-7, 100];
const opts = [
  ['en-US', { minimumFractionDigits: 2 }], ['en-US', { maximumFractionDigits: 2 }], ['en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }],
  ['en-US', { maximumFractionDigits: 0 }], ['en-US', { style: 'percent' }], ['en-US', { style: 'percent', minimumFractionDigits: 1 }],
  ['en-US', { style: 'currency', currency: 'USD' }], ['en-US', { style: 'currency', currency: 'EUR' }], ['en-US', { style: 'currency', currency: 'JPY' }],
  ['en-US', { style: 'currency', currency: 'GBP', minimumFractionDigits: 0 }], ['en-US', { style: 'currency', currency: 'CHF' }], ['en-US', { style: 'currency', currency: 'usd', currencyDisplay: 'code' }],
  ['en-US', { minimumIntegerDigits: 3 }], ['en-US', { useGrouping: false }], ['en-US', { maximumSignificantDigits: 3 }], ['en-US', { minimumSignificantDigits: 5 }],
  ['de-DE'], ['de-DE', { style: 'currency', currency: 'EUR' }], ['de-DE', { style: 'percent' }], ['fr-FR'], ['fr-FR', { style: 'currency', currency: 'EUR' }], ['en-IN'], ['en-IN', { style: 'currency', currency: 'INR' }],
  ['en-GB', { style: 'currency', currency: 'GBP' }], [undefined, { maximumFractionDigits: 1 }], ['en', {}], [['en-US', 'de'], { style: 'currency', currency: 'CAD' }],
];
for (const [l, o] of opts) console.log(JSON.stringify([l, o]), xs.map(x => x.toLocaleString(l, o)).join(' | '));
for (const bad of [{ style: 'currency' }, { minimumFractionDigits: 200 }, { style: 'bogus' }, { minimumFractionDigits: 3, maximumFractionDigits: 1 }]) { try { (1).toLocaleString('en-US', bad); } catch (e) { console.log(e.name, e.message); } }
