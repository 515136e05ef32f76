const d = new Date(Date.UTC(2024, 1, 9, 15, 4, 5, 678));
const opts = [
  {}, { dateStyle: 'short' }, { dateStyle: 'medium' }, { dateStyle: 'long' }, { dateStyle: 'full' }, { timeStyle: 'short' }, { timeStyle: 'medium' }, { timeStyle: 'long' }, { timeStyle: 'full' },
  { dateStyle: 'medium', timeStyle: 'short' }, { dateStyle: 'full', timeStyle: 'long' }, { dateStyle: 'short', timeStyle: 'short' }, { dateStyle: 'long', timeStyle: 'short' },
  { hour: 'numeric' }, { hour: '2-digit', minute: '2-digit' }, { hour: 'numeric', minute: 'numeric', hour12: true }, { hour: 'numeric', minute: '2-digit', second: '2-digit' },
  { month: 'long' }, { month: 'short', year: 'numeric' }, { month: 'long', year: 'numeric' }, { weekday: 'short' }, { year: '2-digit', month: '2-digit', day: '2-digit' },
  { month: 'numeric', day: 'numeric' }, { month: 'short', day: 'numeric' }, { month: 'long', day: 'numeric' }, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' }, { weekday: 'short', month: 'short', day: 'numeric' },
  { weekday: 'long', day: 'numeric', month: 'long' }, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }, { year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' }, { timeZoneName: 'short' },
];
for (const o of opts) console.log(JSON.stringify(o), '|', d.toLocaleString('en-GB', { timeZone: 'UTC', ...o }));
console.log(d.toLocaleDateString('en-GB', { timeZone: 'UTC' }), '|', d.toLocaleTimeString('en-GB', { timeZone: 'UTC' }), '|', new Date(Date.UTC(2024,0,1,0,5)).toLocaleTimeString('en-GB', { timeZone: 'UTC' }), '|', new Date(Date.UTC(2024,0,1,0,5)).toLocaleTimeString('en-GB', { timeZone: 'UTC', hour12: true }));
const opts2 = [{weekday:'short', day:'numeric', month:'numeric', year:'numeric'}, {weekday:'long', day:'numeric', month:'numeric'}, {weekday:'long', month:'long', day:'numeric', year:'numeric', hour:'numeric', minute:'numeric'}, {month:'long', day:'numeric', hour:'numeric'}, {year:'numeric'}, {year:'numeric', month:'numeric'}, {day:'numeric'}, {month:'numeric'}, {day:'2-digit', month:'short'}, {year:'numeric', month:'2-digit', day:'2-digit', hour:'2-digit', minute:'2-digit', second:'2-digit'}, {minute:'2-digit', second:'2-digit'}, {hour:'numeric', hourCycle:'h12'}, {weekday:'long', hour:'numeric'}, {month: 'long', year: 'numeric', day: 'numeric', weekday: 'short'}];
for (const o of opts2) console.log(JSON.stringify(o), '|', d.toLocaleString('en-GB', { timeZone: 'UTC', ...o }));
console.log(new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC' }).format(d), new Intl.DateTimeFormat(['en-GB', 'en-US'], { timeZone: 'UTC', dateStyle: 'medium' }).format(d));
