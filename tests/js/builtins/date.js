// Date (§21.4): only time-zone-independent outputs (UTC methods, toISOString, Date.UTC,
// Date.parse with Z/offsets; local-time consistency printed as booleans).
function err(f) {
  try { f(); return "no error"; } catch (e) { return e.name; }
}
print(typeof Date, Date.length, Date.name, Date.prototype.constructor === Date);
print(Object.prototype.toString.call(Date.prototype), Object.prototype.toString.call(new Date(0)));
print(Date.UTC.length, Date.parse.length, Date.now.length);
print(typeof Date(), typeof Date.now(), typeof new Date().getTime());
print(new Date(0).toISOString());
print(new Date(-1).toISOString());
print(new Date(8.64e15).toISOString(), new Date(8.64e15 + 1).getTime());
print(new Date(-8.64e15).toISOString());
print(new Date(Date.UTC(-1, 0)).toISOString());
print(new Date(Date.UTC(10000, 0)).toISOString());
print(new Date(1.9).getTime(), 1 / new Date(-0.5).getTime() === Infinity);
print(Date.UTC(2020), Date.UTC(2020, 1, 29, 12, 30, 15, 500), Date.UTC(99), Date.UTC(100, 0));
print(Date.UTC(), Date.UTC(2020, NaN), Date.UTC(275760, 8, 13), Date.UTC(275760, 8, 13, 0, 0, 0, 1));
print(Date.UTC(1970, 0, 1, 0, 0, 0, 0.9), Date.UTC(1970, 12), Date.UTC(1970, -1), Date.UTC(1970, 0, 0));
print(Date.parse("1970-01-01T00:00:00.000Z"), Date.parse("1970"), Date.parse("1970-02"), Date.parse("2000-02-29"));
print(Date.parse("2000-01-01T12:00:00+05:30"), Date.parse("2000-01-01T12:00-05:00"), Date.parse("2000-01-01T24:00:00Z"));
print(Date.parse("+275760-09-13T00:00:00.000Z"), Date.parse("+275760-09-13T00:00:00.001Z"), Date.parse("-271821-04-20T00:00:00Z"));
print(Date.parse("-000001-01-01T00:00:00Z"), Date.parse("-000000-01-01T00:00:00Z"), Date.parse("2019-02-29"), Date.parse("2000-13-01"));
print(Date.parse("Thu, 01 Jan 1970 00:00:00 GMT"), Date.parse("Thu Jan 01 1970 01:00:00 GMT+0100 (CET)"), Date.parse("nonsense"));
var d = new Date(Date.UTC(2021, 6, 4, 13, 45, 30, 123));
print(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCDay(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
print(d.getTime(), d.valueOf(), +d, d.toISOString(), d.toJSON());
print(d.toUTCString(), Date.prototype.toGMTString === Date.prototype.toUTCString);
print(Date.parse(d.toString()) === Math.floor(d.getTime() / 1000) * 1000, Date.parse(d.toUTCString()) === 1625406330000);
print(d.getTimezoneOffset() === (Date.UTC(d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds(), d.getMilliseconds()) - d.getTime()) / -60000);
print(new Date(d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds(), d.getMilliseconds()).getTime() === d.getTime());
print(new Date(99, 0).getFullYear(), new Date(100, 0).getFullYear(), d.getYear() === d.getFullYear() - 1900);
print(new Date(2000, 0, 1).getDay() === new Date(2000, 0, 1, 12).getDay(), Date.parse("2000-01-01T00:00:00") === new Date(2000, 0, 1).getTime());
var e = new Date(d);
print(e.getTime() === d.getTime(), new Date("1970-01-01T00:00:00Z").getTime(), new Date(new String("1970")).getTime());
print(e.setUTCMilliseconds(7), e.setUTCSeconds(1, 2), e.setUTCMinutes(3, 4, 5), e.setUTCHours(6, 7, 8, 9));
print(e.setUTCDate(31), e.setUTCMonth(1), e.setUTCMonth(0, 15), e.setUTCFullYear(2000, 1, 29), e.toISOString());
print(e.setTime(0), e.setTime("1e3"), e.setTime(), e.getTime());
print(e.setUTCHours(1), e.setUTCDate(1), e.setMinutes(1), e.setUTCFullYear(2020), e.toISOString());
var f = new Date(NaN);
print(f.setFullYear(2020, 0, 1) === new Date(2020, 0, 1).getTime());
f = new Date(NaN);
print(f.setUTCFullYear(2020, 5), f.toISOString());
var log = [];
var o = function (n) { return { valueOf: function () { log.push(n); return 1; } }; };
f = new Date(NaN);
print(f.setUTCHours(o("h"), o("m"), o("s"), o("ms")), log.join());
log = [];
print(new Date(NaN).setMonth(o("mo"), o("d")), new Date(NaN).setUTCSeconds(o("s")), log.join());
print(String(new Date(NaN)), new Date(NaN).toUTCString(), new Date(NaN).toDateString(), new Date(NaN).toTimeString(), new Date(NaN).getUTCDate());
print(err(function () { new Date(NaN).toISOString(); }), new Date(NaN).toJSON(), err(function () { Date.prototype.getTime.call({}); }));
print(err(function () { Date.prototype.valueOf.call(Date.prototype); }), err(function () { new Date(0)[Symbol.toPrimitive]("bad"); }));
print(new Date(0)[Symbol.toPrimitive]("number"), typeof new Date(0)[Symbol.toPrimitive]("default"), err(function () { Date.prototype[Symbol.toPrimitive].call(1, "number"); }));
var tp = Object.getOwnPropertyDescriptor(Date.prototype, Symbol.toPrimitive);
print(tp.writable, tp.enumerable, tp.configurable, tp.value.name, tp.value.length);
print(typeof (new Date(0) + 0), new Date(5) - 0, new Date(5) * 1, new Date(1) < new Date(2));
print(Date.prototype.toJSON.call({ toISOString: function () { return "x"; } }), Date.prototype.toJSON.call({ valueOf: function () { return Infinity; } }));
var y = new Date(0);
print(y.setYear(99) === new Date(1999, 0, 1, y.getHours(), y.getMinutes()).getTime() || y.getFullYear() === 1999, new Date(NaN).getYear());
print(Date.prototype.setUTCHours.length, Date.prototype.setFullYear.length, Date.prototype.setMonth.length, Date.prototype.toJSON.length);
class D extends Date { constructor() { super(0); } }
print(new D().toISOString(), new D() instanceof Date);
print(new Date(2016, 1, 29, 24).getDate() === 1, new Date(Date.UTC(1970, 0, 1, 25)).getUTCHours());
