// Date.parse falls back to V8's legacy parser for strings outside the ISO format (what node
// and Chrome accept). Local-time results are compared with the local Date constructor, so the
// output does not depend on the time zone. Expected output from node 20.
const local = (y, mo, d, h = 0, mi = 0, s = 0, ms = 0) => new Date(y, mo - 1, d, h, mi, s, ms).getTime();
const cases = [
  ["2024-01-15 10:30:00", local(2024, 1, 15, 10, 30)],
  ["2024-01-15 10:30:00.5", local(2024, 1, 15, 10, 30, 0, 500)],
  ["2024-1-5", local(2024, 1, 5)],
  ["2024/01/15", local(2024, 1, 15)],
  ["2024/01/15 10:30", local(2024, 1, 15, 10, 30)],
  ["01/15/2024", local(2024, 1, 15)],
  ["1/5/2024 3:04:05 PM", local(2024, 1, 5, 15, 4, 5)],
  ["6/1/2024, 10:30:00\u202fAM", local(2024, 6, 1, 10, 30)],
  ["2024-01-15 12:30 am", local(2024, 1, 15, 0, 30)],
  ["Jan 15, 2024", local(2024, 1, 15)],
  ["January 15, 2024 10:30:00", local(2024, 1, 15, 10, 30)],
  ["15 January 2024", local(2024, 1, 15)],
  ["Saturday, June 1, 2024", local(2024, 6, 1)],
  ["Jan 2024", local(2024, 1, 1)],
  ["12/25", local(2001, 12, 25)],
  ["Dec 25", local(2001, 12, 25)],
  ["12/25/99", local(1999, 12, 25)],
  ["12/25/49", local(2049, 12, 25)],
  ["2024.01.15", local(2024, 1, 15)],
  ["5-Jan-2001", local(2001, 1, 5)],
  ["Jan 5 2001 (x (y) z) 10:00", local(2001, 1, 5, 10)],
  [" 2024-06-01", local(2024, 6, 1)],
  ["31 Feb 2000", local(2000, 3, 2)],
  ["Feb 30 2000", local(2000, 3, 1)],
];
for (const [s, want] of cases) {
  const t = Date.parse(s);
  console.log(JSON.stringify(s), t === want ? "ok" : `got ${t}, want ${want}`);
}
for (const s of ["Tue, 1 Feb 2022 08:00:00 +0100", "2022-02-01 08:00:00 +01:00", "2024-01-15T10:30:00+0530",
  "12/25/2023 23:59:59 UTC", "2024-01-15 10:30:00Z", "Jan 1 2000 10:00 EST", "Jan 1 2000 10:00 PDT",
  "Jan 1 2000 10:00 GMT-8", "Jan 1 2000 10:00 UTC+0530", "Thu, 01 Jan 1970 00:00:00 GMT-0500",
  "Mon Jan 15 2024 10:30:00 GMT+0000", "2024-01-15T10:30:00.123456Z", "1970-01-01"]) {
  console.log(JSON.stringify(s), new Date(s).toISOString());
}
for (const s of ["2024-06-01T10:30:00.000Z ", "2024-01-15T25:00", "2000-01-01 23:60",
  "nonsense", "2000-01-01T", "Jan 1 2000 10:00 GMT+12345", "2019-13-01", "1 2 3 4"]) {
  console.log(JSON.stringify(s), Date.parse(s));
}
console.log(new Date("March 7, 2021 10:00:00").getDate(), new Date("2021/03/07").getMonth());
