// Date#toLocale{,Date,Time}String with Intl.DateTimeFormat's options (no Intl): components,
// hour cycles, date/time styles, the UTC zone, in node's "en-US" patterns. Expected output
// from node 20 (every case uses timeZone: 'UTC', so the output does not depend on TZ).
const dates = [new Date(Date.UTC(2024, 2, 5, 14, 7, 9)), new Date(Date.UTC(1999, 11, 31, 0, 5, 0)), new Date(Date.UTC(2024, 0, 1, 12, 0, 59)), new Date(Date.UTC(2023, 6, 4, 9, 30))];
const combos = [
 {}, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' }, { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' },
 { year: 'numeric', month: 'long', day: 'numeric' }, { year: 'numeric', month: 'short', day: 'numeric' }, { year: 'numeric', month: '2-digit', day: '2-digit' },
 { year: '2-digit', month: 'numeric', day: 'numeric' }, { month: 'short', day: 'numeric' }, { month: 'long', day: 'numeric' }, { month: 'numeric', day: 'numeric' },
 { year: 'numeric', month: 'long' }, { year: 'numeric', month: 'short' }, { year: 'numeric', month: 'numeric' }, { month: 'long' }, { weekday: 'long' }, { year: 'numeric' }, { day: 'numeric' },
 { weekday: 'long', month: 'long', day: 'numeric' }, { weekday: 'short', month: 'numeric', day: 'numeric', year: 'numeric' }, { month: 'short', day: '2-digit', year: '2-digit' },
 { hour: '2-digit', minute: '2-digit' }, { hour: 'numeric', minute: '2-digit' }, { hour: 'numeric' }, { hour: '2-digit', minute: '2-digit', second: '2-digit' }, { hour12: false }, { hour: '2-digit', minute: '2-digit', hour12: false },
 { hourCycle: 'h23', hour: 'numeric', minute: 'numeric' }, { hourCycle: 'h23' }, { minute: '2-digit', second: '2-digit' }, { hour12: true },
 { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }, { year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit' },
 { year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: '2-digit' }, { weekday: 'long', hour: 'numeric' },
 { month: 'narrow' }, { weekday: 'narrow' }, { timeZoneName: 'short' }, { hour: 'numeric', timeZoneName: 'short' }, { month: 'long', day: 'numeric', timeZoneName: 'short' },
];
const styles = [{ dateStyle: 'full' }, { dateStyle: 'long' }, { dateStyle: 'medium' }, { dateStyle: 'short' }, { timeStyle: 'short' }, { timeStyle: 'medium' }, { timeStyle: 'long' }, { timeStyle: 'full' }, { dateStyle: 'medium', timeStyle: 'short' }, { dateStyle: 'full', timeStyle: 'long' }, { dateStyle: 'short', timeStyle: 'short' }, { dateStyle: 'long', timeStyle: 'medium' }];
for (const zone of [{ timeZone: 'UTC' }]) for (const d of dates) {
  for (const c of combos) { const o = { ...c, ...zone }; console.log(JSON.stringify(o), '|', d.toLocaleDateString('en-US', o), '|', d.toLocaleTimeString('en-US', o), '|', d.toLocaleString('en-US', o)); }
  for (const c of styles) { const o = { ...c, ...zone }; console.log(JSON.stringify(o), '|', d.toLocaleString('en-US', o)); }
}
for (const [m, o] of [['toLocaleTimeString', { dateStyle: 'full' }], ['toLocaleDateString', { timeStyle: 'full' }], ['toLocaleString', { month: 'bogus' }]]) try { new Date(0)[m]('en-US', o); } catch (e) { console.log(e.name, e.message); }
console.log(new Date(NaN).toLocaleDateString('en-US', { month: 'long' }), new Date(0).toLocaleDateString(undefined, { timeZone: 'UTC' }));
