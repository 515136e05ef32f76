// The shell's partial `Intl` (Conch has no ECMA-402 yet), so that everyday programs that
// format with it run: NumberFormat, DateTimeFormat and Collator over the engine's
// locale-aware toLocaleString/localeCompare (which read the same options), and English
// PluralRules, ListFormat and RelativeTimeFormat. Installed by the shell (not with --test262)
// only when the engine has no Intl.
(() => {
  "use strict";
  if (typeof globalThis.Intl !== "undefined") return;
  const { defineProperty } = Object;
  const call = Function.prototype.call.bind(Function.prototype.call);
  const numberToLocale = Number.prototype.toLocaleString;
  const bigintToLocale = BigInt.prototype.toLocaleString;
  const dateToLocale = Date.prototype.toLocaleString;
  const localeCompare = String.prototype.localeCompare;
  const hidden = (o, props) => {
    for (const k of Reflect.ownKeys(props)) {
      const d = Object.getOwnPropertyDescriptor(props, k);
      d.enumerable = false;
      defineProperty(o, k, d);
    }
  };
  const tag = (C, name) =>
    defineProperty(C.prototype, Symbol.toStringTag, { value: name, configurable: true });
  const copy = (options) => (options === undefined ? undefined : { ...Object(options) });
  const localeOf = (locales) => {
    const l = Array.isArray(locales) ? locales[0] : locales;
    return l === undefined ? "en-US" : String(l);
  };
  const renamed = (from, to, f) => {
    try {
      f();
    } catch (e) {
      if (e instanceof Error) e.message = e.message.replaceAll(`${from}.prototype.toLocaleString`, `Intl.${to}`);
      throw e;
    }
  };
  // NumberFormat, DateTimeFormat and Collator may be called as functions (ECMA-402).
  const callable = (C) => {
    const G = function (...args) {
      return Reflect.construct(C, args, new.target ?? G);
    };
    defineProperty(G, "name", { value: C.name });
    defineProperty(G, "length", { value: 0 });
    defineProperty(G, "prototype", { value: C.prototype, writable: false, enumerable: false, configurable: false });
    defineProperty(C.prototype, "constructor", { value: G, writable: true, enumerable: false, configurable: true });
    hidden(G, { supportedLocalesOf: C.supportedLocalesOf });
    return G;
  };
  const supportedLocalesOf = (locales) =>
    locales === undefined ? [] : Array.isArray(locales) ? locales.map(String) : [String(locales)];

  class NumberFormat {
    #locales;
    #options;
    #bound;
    constructor(locales, options) {
      this.#locales = locales;
      this.#options = copy(options);
      // Validates, as the constructor does (with the constructor's name in the messages).
      renamed("Number", "NumberFormat", () => call(numberToLocale, 0, locales, this.#options));
    }
    get format() {
      return (this.#bound ??= (x) =>
        typeof x === "bigint"
          ? call(bigintToLocale, x, this.#locales, this.#options)
          : call(numberToLocale, Number(x), this.#locales, this.#options));
    }
    formatToParts(x) {
      return [{ type: "literal", value: this.format(x) }];
    }
    resolvedOptions() {
      // Node 20's fields, in its order.
      const o = this.#options ?? {};
      const style = o.style ?? "decimal";
      const notation = o.notation ?? "standard";
      const r = { locale: localeOf(this.#locales), numberingSystem: "latn", style };
      if (style === "currency") {
        r.currency = String(o.currency).toUpperCase();
        r.currencyDisplay = o.currencyDisplay ?? "symbol";
        r.currencySign = o.currencySign ?? "standard";
      }
      if (style === "unit") {
        r.unit = String(o.unit);
        r.unitDisplay = o.unitDisplay ?? "short";
      }
      r.minimumIntegerDigits = o.minimumIntegerDigits ?? 1;
      const sig = o.minimumSignificantDigits !== undefined || o.maximumSignificantDigits !== undefined;
      const frac = o.minimumFractionDigits !== undefined || o.maximumFractionDigits !== undefined;
      const compactRounding = notation === "compact" && !sig && !frac;
      if (sig || compactRounding) {
        r.minimumSignificantDigits = o.minimumSignificantDigits ?? 1;
        r.maximumSignificantDigits = o.maximumSignificantDigits ?? (compactRounding ? 2 : 21);
      }
      if (!sig || compactRounding) {
        const cur = style === "currency" ? (/^(JPY|KRW|VND|CLP|ISK)$/.test(r.currency) ? 0 : 2) : null;
        const dflt = notation === "compact" ? 0 : cur;
        r.minimumFractionDigits = o.minimumFractionDigits ?? dflt ?? 0;
        r.maximumFractionDigits =
          o.maximumFractionDigits ?? Math.max(r.minimumFractionDigits, dflt ?? (style === "percent" ? 0 : 3));
      }
      r.useGrouping = o.useGrouping === false ? false : notation === "compact" ? "min2" : "auto";
      r.notation = notation;
      if (notation === "compact") r.compactDisplay = o.compactDisplay ?? "short";
      r.signDisplay = o.signDisplay ?? "auto";
      r.roundingMode = "halfExpand";
      r.roundingIncrement = 1;
      r.trailingZeroDisplay = "auto";
      r.roundingPriority = compactRounding ? "morePrecision" : "auto";
      return r;
    }
    static supportedLocalesOf(locales) {
      return supportedLocalesOf(locales);
    }
  }

  const DATE_KEYS = ["weekday", "year", "month", "day"];
  const TIME_KEYS = ["dayPeriod", "hour", "minute", "second", "fractionalSecondDigits"];
  class DateTimeFormat {
    #locales;
    #options;
    #bound;
    constructor(locales, options) {
      this.#locales = locales;
      const o = copy(options) ?? {};
      // ToDateTimeOptions(options, "any", "date"): a date when nothing is asked for.
      const asked = [...DATE_KEYS, ...TIME_KEYS, "dateStyle", "timeStyle"].some((k) => o[k] !== undefined);
      if (!asked) Object.assign(o, { year: "numeric", month: "numeric", day: "numeric" });
      this.#options = o;
      renamed("Date", "DateTimeFormat", () => call(dateToLocale, new Date(0), locales, o));
    }
    get format() {
      return (this.#bound ??= (date) =>
        call(dateToLocale, date === undefined ? new Date() : new Date(Number(date)), this.#locales, this.#options));
    }
    formatToParts(date) {
      return [{ type: "literal", value: this.format(date) }];
    }
    formatRange(a, b) {
      return `${this.format(a)} – ${this.format(b)}`;
    }
    resolvedOptions() {
      const r = { locale: localeOf(this.#locales), calendar: "gregory", numberingSystem: "latn" };
      r.timeZone = this.#options.timeZone ?? "UTC";
      for (const [k, v] of Object.entries(this.#options)) if (k !== "timeZone") r[k] = v;
      return r;
    }
    static supportedLocalesOf(locales) {
      return supportedLocalesOf(locales);
    }
  }
  class Collator {
    #locales;
    #options;
    #bound;
    constructor(locales, options) {
      this.#locales = locales;
      this.#options = copy(options);
      call(localeCompare, "", "", locales, this.#options);
    }
    get compare() {
      return (this.#bound ??= (a, b) => call(localeCompare, String(a), String(b), this.#locales, this.#options));
    }
    resolvedOptions() {
      const o = this.#options ?? {};
      return {
        locale: localeOf(this.#locales), usage: o.usage ?? "sort", sensitivity: o.sensitivity ?? "variant",
        ignorePunctuation: !!o.ignorePunctuation, collation: "default", numeric: !!o.numeric, caseFirst: o.caseFirst ?? "false",
      };
    }
    static supportedLocalesOf(locales) {
      return supportedLocalesOf(locales);
    }
  }

  // English plural rules.
  class PluralRules {
    #type;
    #locales;
    constructor(locales, options) {
      this.#locales = locales;
      const type = options?.type ?? "cardinal";
      if (type !== "cardinal" && type !== "ordinal") throw new RangeError(`Value ${type} out of range for Intl.PluralRules options property type`);
      this.#type = type;
    }
    select(n) {
      n = Number(n);
      if (this.#type === "ordinal") {
        const a = Math.abs(n), m10 = a % 10, m100 = a % 100;
        if (!Number.isInteger(a)) return "other";
        if (m10 === 1 && m100 !== 11) return "one";
        if (m10 === 2 && m100 !== 12) return "two";
        if (m10 === 3 && m100 !== 13) return "few";
        return "other";
      }
      return Math.abs(n) === 1 ? "one" : "other";
    }
    resolvedOptions() {
      return { locale: localeOf(this.#locales), type: this.#type, minimumIntegerDigits: 1, minimumFractionDigits: 0, maximumFractionDigits: 3,
        pluralCategories: this.#type === "ordinal" ? ["few", "one", "two", "other"] : ["one", "other"] };
    }
    static supportedLocalesOf(locales) {
      return supportedLocalesOf(locales);
    }
  }

  // English lists: "a, b, and c", "a, b, or c", "a, b, c".
  class ListFormat {
    #type;
    #style;
    constructor(locales, options) {
      this.#type = options?.type ?? "conjunction";
      this.#style = options?.style ?? "long";
    }
    format(list) {
      const items = [...list].map(String);
      const word = this.#type === "disjunction" ? "or" : this.#type === "unit" ? "" : this.#style === "long" ? "and" : "&";
      if (this.#type === "unit") return items.join(this.#style === "narrow" ? " " : ", ");
      if (this.#type === "conjunction" && this.#style === "narrow") {
        return items.length === 2 ? `${items[0]}, ${items[1]}` : items.join(", ");
      }
      if (items.length <= 1) return items.join("");
      if (items.length === 2) return `${items[0]} ${word} ${items[1]}`;
      return `${items.slice(0, -1).join(", ")}, ${word} ${items[items.length - 1]}`;
    }
    formatToParts(list) {
      return [{ type: "literal", value: this.format(list) }];
    }
    static supportedLocalesOf(locales) {
      return supportedLocalesOf(locales);
    }
  }

  // English relative times: "in 3 days", "3 days ago"; numeric "auto": "tomorrow", "last week".
  const AUTO = {
    day: ["yesterday", "today", "tomorrow"], week: ["last week", "this week", "next week"],
    month: ["last month", "this month", "next month"], quarter: ["last quarter", "this quarter", "next quarter"],
    year: ["last year", "this year", "next year"], hour: [, "this hour"], minute: [, "this minute"], second: [, "now"],
  };
  const SHORT = { year: "yr.", quarter: "qtr.", month: "mo.", week: "wk.", day: "day", hour: "hr.", minute: "min.", second: "sec." };
  class RelativeTimeFormat {
    #numeric;
    #style;
    constructor(locales, options) {
      this.#numeric = options?.numeric ?? "always";
      this.#style = options?.style ?? "long";
    }
    format(value, unit) {
      value = Number(value);
      let u = String(unit).replace(/s$/, "");
      if (!(u in SHORT)) throw new RangeError(`Invalid unit argument for format() '${unit}'`);
      if (this.#numeric === "auto" && Math.abs(value) <= 1 && Number.isInteger(value)) {
        const w = AUTO[u][value + 1];
        if (w !== undefined) return w;
      }
      const a = Math.abs(value);
      const n = call(numberToLocale, a, "en-US");
      let name;
      if (this.#style === "long") name = a === 1 ? u : `${u}s`;
      else name = u === "day" ? (a === 1 ? "day" : "days") : SHORT[u];
      const neg = value < 0 || Object.is(value, -0);
      return neg ? `${n} ${name} ago` : `in ${n} ${name}`;
    }
    static supportedLocalesOf(locales) {
      return supportedLocalesOf(locales);
    }
  }

  const Intl = {};
  const classes = { NumberFormat, DateTimeFormat, Collator, PluralRules, ListFormat, RelativeTimeFormat };
  for (const [name, C] of Object.entries(classes)) tag(C, `Intl.${name}`);
  const ctors = {
    ...classes,
    NumberFormat: callable(NumberFormat),
    DateTimeFormat: callable(DateTimeFormat),
    Collator: callable(Collator),
  };
  hidden(Intl, { ...ctors, getCanonicalLocales: (l) => supportedLocalesOf(l) });
  defineProperty(Intl, Symbol.toStringTag, { value: "Intl", configurable: true, writable: false, enumerable: false });
  defineProperty(globalThis, "Intl", { value: Intl, writable: true, configurable: true, enumerable: false });
})();
