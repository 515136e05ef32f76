// Cross-checks numconv against V8 (node >= 16). Run by hand through the ignored unit test:
//
//   cargo test -p conch-vm --lib numconv::tests::compare_with_node -- --ignored --nocapture
//
// (NUMCONV_CASES and NUMCONV_SEED set the number of random doubles/strings and the seed.)
// The test calls this script twice:
//
//   node compare_with_node.js gen N SEED > cases.txt    random inputs, one per line:
//       D <f64 bits, hex>                                 a double to print
//       S <UTF-16 code units, hex, comma-separated>       a string to convert
//   node compare_with_node.js check cases.txt results.txt
//       results, line by line:
//       D <bits> <toString> <toString(2)> ... <toString(36)> <ToInt32> <ToUint32>
//       S <StringToNumber bits, hex>
//
// `check` fails (exit 1) on any difference from V8 in Number::toString, StringToNumber,
// ToInt32/ToUint32, and on any radix string of ours that does not identify its double exactly
// (checked with BigInt arithmetic). Radix strings that merely differ from V8's are counted and
// classified, not failed: V8 pads integer digits beyond 2^53·radix with zeros, and computes
// fraction digits in floating point, so for radixes other than powers of two its digits often
// do not read back to the same double.
'use strict';
const fs = require('fs');

const dv = new DataView(new ArrayBuffer(8));
const fromBits = (b) => { dv.setBigUint64(0, BigInt.asUintN(64, b)); return dv.getFloat64(0); };
const bitsOf = (x) => { dv.setFloat64(0, x); return dv.getBigUint64(0); };
const hex64 = (b) => b.toString(16).padStart(16, '0');

// Seeded PRNG (xorshift64*), BigInt-based so it is exact.
function rng(seed) {
  let s = BigInt.asUintN(64, BigInt(seed) * 0x9e3779b97f4a7c15n + 1n);
  const next = () => {
    s ^= s >> 12n; s ^= BigInt.asUintN(64, s << 25n); s ^= s >> 27n;
    return BigInt.asUintN(64, s * 0x2545f4914f6cdd1dn);
  };
  const below = (n) => Number(next() % BigInt(n));
  return { next, below };
}

function decompose(x) {
  const b = bitsOf(Math.abs(x));
  const be = Number((b >> 52n) & 0x7ffn), f = b & ((1n << 52n) - 1n);
  return be === 0 ? { m: f, e: -1074, be } : { m: f | (1n << 52n), e: be - 1075, be };
}

function randomDouble(r) {
  for (;;) {
    let x;
    switch (r.below(8)) {
      case 0: x = fromBits(r.next()); break;
      case 1: x = Number(r.next() >> 11n) / 2 ** 53; break;
      case 2: x = r.below(2 ** 40) / 2 ** r.below(50); break;
      case 3: x = Number(r.next() >> BigInt(r.below(64))); break;
      case 4: x = r.below(100000) / 10 ** r.below(30); break;
      case 5: x = fromBits(r.next() >> 11n); break; // subnormals and tiny numbers
      case 6: x = 2 ** (r.below(2000) - 1000) * (r.below(2) ? 1 : 1.5); break;
      default: x = fromBits(r.next() & 0x433fffffffffffffn); break;
    }
    if (Number.isFinite(x)) return r.below(2) ? x : -x;
  }
}

// The exact decimal expansion of (2m + 1) · 2^(e-1): the midpoint between m·2^e and its
// successor.
function midpointDecimal(x) {
  const { m, e } = decompose(x);
  const odd = 2n * m + 1n;
  if (e - 1 >= 0) return (odd << BigInt(e - 1)).toString();
  const k = 1 - e; // odd / 2^k = odd · 5^k / 10^k
  const digits = (odd * 5n ** BigInt(k)).toString().padStart(k + 1, '0');
  return digits.slice(0, digits.length - k) + '.' + digits.slice(digits.length - k);
}

const WS = [' ', '\t', '\n', '\u00a0', '\ufeff', '\u2028', '\u3000', '\u180e', '\u200b'];
const JUNK = ['Infinity', '-Infinity', '+Infinity', 'infinity', 'NaN', '1_0', '.', 'e5', '1e',
  '0x', '+0x1', '-0x1', '0b12', '0o8', '1n', '0x1p3', '.e1', '', '-', '+.5', '5.', '-.5e-3'];

function randomString(r) {
  const digits = (n, set = '0123456789') => {
    let s = '';
    for (let i = 0; i < n; i++) s += set[r.below(set.length)];
    return s;
  };
  let s;
  switch (r.below(10)) {
    case 0: case 1: case 2: {
      s = ['', '-', '+'][r.below(3)];
      s += digits(r.below(r.below(10) ? 25 : 900));
      if (r.below(2)) s += '.' + digits(r.below(r.below(10) ? 25 : 900));
      if (r.below(2)) s += 'eE'[r.below(2)] + ['', '-', '+'][r.below(3)] + digits(r.below(4));
      break;
    }
    case 3: {
      const [p, set] = [['0x', '0123456789abcdefABCDEF'], ['0o', '01234567'], ['0b', '01']][r.below(3)];
      s = p + digits(r.below(r.below(5) ? 30 : 300), set);
      break;
    }
    case 4: { // hex exactly halfway between two doubles, or one unit either side
      const m = (r.next() >> 11n) | (1n << 52n);
      const extra = 1 + r.below(200);
      const v = (m << BigInt(extra)) | (1n << BigInt(extra - 1));
      s = '0x' + (v + BigInt(r.below(3) - 1)).toString(16);
      break;
    }
    case 5: case 6: { // decimal exactly halfway between two doubles, or perturbed far away
      const mid = midpointDecimal(Math.abs(randomDouble(r)));
      const withPoint = mid.includes('.') ? mid : mid + '.';
      switch (r.below(4)) {
        case 0: s = mid; break;
        case 1: s = withPoint + '0'.repeat(r.below(1200)) + '1'; break;
        case 2: { // just below: decrement the last nonzero digit, append 9s
          const t = withPoint.replace(/0+$/, '');
          const last = t.length - 1;
          s = t.slice(0, last) + String(Number(t[last]) - 1) + '9'.repeat(1 + r.below(1500));
          break;
        }
        default: { // scientific notation of the same value
          const [ip, fp = ''] = mid.split('.');
          const intDigits = ip.replace(/^0+/, '');
          const lead = fp.length - fp.replace(/^0+/, '').length;
          const all = intDigits ? intDigits + fp : fp.slice(lead);
          const exp = intDigits ? intDigits.length - 1 : -(lead + 1);
          s = all[0] + '.' + all.slice(1) + 'e' + exp;
        }
      }
      if (r.below(3) === 0) s = '-' + s;
      break;
    }
    case 7: s = String(randomDouble(r)); break;
    default: s = JUNK[r.below(JUNK.length)];
  }
  if (r.below(4) === 0) s = WS[r.below(WS.length)] + s;
  if (r.below(4) === 0) s += WS[r.below(WS.length)];
  return s;
}

function gen(n, seed) {
  const r = rng(seed);
  const out = [];
  for (let i = 0; i < n; i++) {
    out.push('D ' + hex64(bitsOf(randomDouble(r))));
    const s = randomString(r);
    const units = [];
    for (let j = 0; j < s.length; j++) units.push(s.charCodeAt(j).toString(16));
    out.push('S ' + units.join(','));
  }
  fs.writeSync(1, out.join('\n') + '\n');
}

// Whether radix string s reads back exactly to x: 'inside' the open rounding interval,
// 'boundary' (on an edge that rounds to x by ties-to-even) or 'outside'.
function identifies(s, radix, x) {
  const neg = s.startsWith('-');
  if (neg) s = s.slice(1);
  if ((x < 0) !== neg) return 'outside';
  const [ip, fp = ''] = s.split('.');
  const R = BigInt(radix);
  let N = 0n;
  for (const c of ip + fp) N = N * R + BigInt(parseInt(c, 36));
  const rk = R ** BigInt(fp.length);
  const { m, e, be } = decompose(x);
  // Everything times radix^k · 2^1076, where half of any gap is an integer.
  const V = N << 1076n;
  const X = (m * rk) << BigInt(e + 1076);
  const up = rk << BigInt(e + 1075);
  const low = m === 1n << 52n && be > 1 ? rk << BigInt(e + 1074) : up;
  if (V > X - low && V < X + up) return 'inside';
  if ((V === X - low || V === X + up) && (m & 1n) === 0n) return 'boundary';
  return 'outside';
}

function check(casesFile, resultsFile) {
  const cases = fs.readFileSync(casesFile, 'utf8').split('\n').filter(Boolean);
  const results = fs.readFileSync(resultsFile, 'utf8').split('\n').filter(Boolean);
  if (cases.length !== results.length) throw new Error('line counts differ');
  const st = { doubles: 0, strings: 0, toStringDiff: 0, toNumberDiff: 0, intDiff: 0,
    radixChecked: 0, radixSameAsV8: 0, radixIntegerPadding: 0, radixIntegerOther: 0,
    radixFractionDiff: 0, oursNotIdentifying: 0, v8NotIdentifying: 0, oursShorter: 0,
    oursLonger: 0 };
  const examples = {};
  const note = (k, v) => { (examples[k] ??= []).length < 5 && examples[k].push(v); };
  for (let i = 0; i < cases.length; i++) {
    const c = cases[i].split(' '), res = results[i].split(' ');
    if (c[0] === 'D') {
      st.doubles++;
      const x = fromBits(BigInt('0x' + c[1]));
      if (res[1] !== c[1]) throw new Error(`line ${i + 1}: results out of step`);
      if (String(x) !== res[2]) { st.toStringDiff++; note('toString', [c[1], String(x), res[2]]); }
      if (String(x | 0) !== res[38] || String(x >>> 0) !== res[39]) {
        st.intDiff++; note('int', [x, res[38], res[39]]);
      }
      for (let radix = 2; radix <= 36; radix++) {
        const ours = res[radix + 1], v8 = x.toString(radix);
        st.radixChecked++;
        if (radix === 10) {
          if (ours !== v8) { st.toStringDiff++; note('radix10', [x, ours, v8]); }
          continue;
        }
        const idOurs = identifies(ours, radix, x);
        if (idOurs !== 'inside') { st.oursNotIdentifying++; note('oursNotIdentifying', [x, radix, ours]); }
        if (ours === v8) { st.radixSameAsV8++; continue; }
        if (identifies(v8, radix, x) === 'outside') st.v8NotIdentifying++;
        const oi = ours.split('.')[0], vi = v8.split('.')[0];
        if (oi !== vi) {
          if (Math.abs(x) >= 2 ** 53 * radix) st.radixIntegerPadding++;
          else { st.radixIntegerOther++; note('integerDigits', [x, radix, ours, v8]); }
          continue;
        }
        st.radixFractionDiff++;
        if (ours.length < v8.length) st.oursShorter++;
        if (ours.length > v8.length) {
          st.oursLonger++;
          if (identifies(v8, radix, x) === 'inside') note('longerThanAValidV8', [x, radix, ours, v8]);
        }
      }
    } else {
      st.strings++;
      const s = c[1] ? String.fromCharCode(...c[1].split(',').map((h) => parseInt(h, 16))) : '';
      const v8 = Number(s), ours = fromBits(BigInt('0x' + res[1]));
      if (!Object.is(v8, ours)) { st.toNumberDiff++; note('StringToNumber', [s.slice(0, 80), s.length, v8, ours]); }
    }
  }
  console.log(st);
  for (const [k, v] of Object.entries(examples)) {
    console.log(k);
    for (const e of v) console.log('   ', JSON.stringify(e));
  }
  const failed = st.toStringDiff + st.toNumberDiff + st.intDiff + st.oursNotIdentifying +
    (examples.longerThanAValidV8 ? 1 : 0);
  process.exit(failed ? 1 : 0);
}

const [cmd, a, b] = process.argv.slice(2);
if (cmd === 'gen') gen(Number(a), Number(b));
else if (cmd === 'check') check(a, b);
else { console.error('usage: compare_with_node.js gen N SEED | check CASES RESULTS'); process.exit(2); }
