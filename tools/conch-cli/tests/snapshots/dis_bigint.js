// BigInt constants, BigInt keys, unary plus (ToNumber) and update (ToNumeric).
let small = -5n, big = 0x1234567890abcdef1234n;
let o = { 7n: small };
let n = +big;
small++;
