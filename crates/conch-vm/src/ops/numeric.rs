//! The numeric operators over both numeric types (ECMA-262 §6.1.6, §13.15.3
//! ApplyStringOrNumericBinaryOperator steps 3–7): both operands go through `ToNumeric`, two
//! Numbers are left to the caller's Number arithmetic, two BigInts are computed here, and a
//! mix of the two is a TypeError.

use crate::bigint::{arith, BigInt};
use crate::convert::{to_numeric, Numeric};
use crate::cx::{Cx, JsResult};
use conch_gc::{Gc, Value};

/// A binary numeric operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
    /// `%`
    Rem,
    /// `**`
    Exp,
    /// `&`
    And,
    /// `|`
    Or,
    /// `^`
    Xor,
    /// `<<`
    Shl,
    /// `>>`
    Shr,
    /// `>>>`
    UShr,
}

/// The operands after `ToNumeric`: two Numbers for the caller, or the BigInt result.
pub enum Operands {
    /// Both operands are Numbers.
    Numbers(f64, f64),
    /// Both were BigInts: the operation's result.
    Done(Value),
}

/// The TypeError for mixing BigInts and Numbers.
pub fn mixing_error(cx: &Cx) -> crate::Throw {
    cx.type_error("Cannot mix BigInt and other types, use explicit conversions")
}

/// `ToNumeric` of both operands (left first), then the BigInt operation if both are BigInts.
pub fn operands(cx: &mut Cx, a: Value, b: Value, op: BinOp) -> JsResult<Operands> {
    let x = to_numeric(cx, a)?;
    let y = to_numeric(cx, b)?;
    match (x, y) {
        (Numeric::Number(x), Numeric::Number(y)) => Ok(Operands::Numbers(x, y)),
        (Numeric::BigInt(x), Numeric::BigInt(y)) => {
            Ok(Operands::Done(bigint_binary(cx, op, x, y)?.to_value()))
        }
        _ => Err(mixing_error(cx)),
    }
}

/// The BigInt operation `x op y`.
pub fn bigint_binary(cx: &Cx, op: BinOp, x: Gc<BigInt>, y: Gc<BigInt>) -> JsResult<Gc<BigInt>> {
    match op {
        BinOp::Add => arith::add(cx, x, y),
        BinOp::Sub => arith::sub(cx, x, y),
        BinOp::Mul => arith::mul(cx, x, y),
        BinOp::Div => arith::div(cx, x, y),
        BinOp::Rem => arith::rem(cx, x, y),
        BinOp::Exp => arith::pow(cx, x, y),
        BinOp::And => arith::and(cx, x, y),
        BinOp::Or => arith::or(cx, x, y),
        BinOp::Xor => arith::xor(cx, x, y),
        BinOp::Shl => arith::shl(cx, x, y),
        BinOp::Shr => arith::shr(cx, x, y),
        BinOp::UShr => Err(cx.type_error("BigInts have no unsigned right shift, use >> instead")),
    }
}

/// `-v`: `Some(result)` when `ToNumeric(v)` is a BigInt, else `None` with the Number.
pub fn negate(cx: &mut Cx, v: Value) -> JsResult<Result<f64, Value>> {
    match to_numeric(cx, v)? {
        Numeric::Number(x) => Ok(Ok(x)),
        Numeric::BigInt(b) => Ok(Err(arith::neg(cx, b)?.to_value())),
    }
}

/// `~v`: the Number to apply `~` to, or the BigInt result.
pub fn bit_not(cx: &mut Cx, v: Value) -> JsResult<Result<f64, Value>> {
    match to_numeric(cx, v)? {
        Numeric::Number(x) => Ok(Ok(x)),
        Numeric::BigInt(b) => Ok(Err(arith::not(cx, b)?.to_value())),
    }
}

/// `v + d` for `++`/`--`: the Number to add to, or the BigInt result.
pub fn increment(cx: &mut Cx, v: Value, d: i32) -> JsResult<Result<f64, Value>> {
    match to_numeric(cx, v)? {
        Numeric::Number(x) => Ok(Ok(x)),
        Numeric::BigInt(b) => Ok(Err(arith::add_small(cx, b, d as i64)?.to_value())),
    }
}
