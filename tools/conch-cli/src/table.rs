//! `console.table`, after node's (`console.table` in `lib/internal/console/constructor.js` and
//! `lib/internal/cli_table.js`): a box-drawn table of an object's or array's rows, a Map's
//! keys and values, or a Set's values. Values are read without running getters.

use crate::inspect::{inspect, rust_string, string_width, Options};
use conch_gc::{Gc, Value};
use conch_vm::builtins::introspect::{self, CollectionKind};
use conch_vm::{ops, Cx, JsResult, Object, ObjectClass, PropertyKey};

fn key_text(cx: &Cx, k: PropertyKey) -> JsResult<String> {
    if let Some(i) = k.as_index() {
        return Ok(i.to_string());
    }
    if let Some(s) = k.as_atom() {
        return rust_string(cx, s);
    }
    Ok(String::new())
}

/// `Object.keys(o)` without host traps: enumerable own string keys.
fn object_keys(cx: &Cx, o: Gc<Object>) -> JsResult<Vec<PropertyKey>> {
    let mut out = Vec::new();
    for k in ops::ordinary_own_property_keys(cx, o)?.iter() {
        let k = PropertyKey::from_raw(k);
        if k.is_symbol() {
            continue;
        }
        if ops::ordinary_get_own_property(cx, o, k)?.is_some_and(|d| d.enumerable == Some(true)) {
            out.push(k);
        }
    }
    Ok(out)
}

/// An own data property's value (`None` when absent; accessors read as `undefined`).
fn own_value(cx: &Cx, o: Gc<Object>, k: PropertyKey) -> JsResult<Option<Value>> {
    Ok(ops::ordinary_get_own_property(cx, o, k)?.map(|d| d.value.unwrap_or(Value::UNDEFINED)))
}

fn is_array_like(o: Gc<Object>) -> bool {
    matches!(o.class(), ObjectClass::Array | ObjectClass::TypedArray)
}

struct Cells {
    colors: bool,
}

impl Cells {
    /// node's `_inspect` of a cell.
    fn inspect(&self, cx: &mut Cx, v: Value) -> JsResult<String> {
        let depth = match Object::from_value(v) {
            Some(o) if !is_array_like(o) && object_keys(cx, o)?.len() > 2 => -1,
            _ => 0,
        };
        let opts = Options {
            depth: Some(depth),
            max_array_length: 3,
            break_length: usize::MAX / 4,
            colors: self.colors,
            ..Options::default()
        };
        inspect(cx, v, &opts)
    }
}

/// The table text for `data` (an object), with `properties` (an array of column names, or
/// undefined).
pub fn render(cx: &mut Cx, data: Gc<Object>, properties: Value, colors: bool) -> JsResult<String> {
    let cells = Cells { colors };
    let index_col =
        |n: usize| -> Vec<Option<String>> { (0..n).map(|i| Some(i.to_string())).collect() };
    if introspect::collection_kind(&data) == Some(CollectionKind::Map) {
        let mut entries = Vec::new();
        introspect::for_each_collection_entry(data, |k, v| {
            entries.push((k, v));
            true
        });
        let mut keys = Vec::new();
        let mut values = Vec::new();
        for (k, v) in entries {
            keys.push(Some(cells.inspect(cx, k)?));
            values.push(Some(cells.inspect(cx, v)?));
        }
        let n = keys.len();
        return Ok(table(
            &["(iteration index)".into(), "Key".into(), "Values".into()],
            &[index_col(n), keys, values],
        ));
    }
    if introspect::collection_kind(&data) == Some(CollectionKind::Set) {
        let mut items = Vec::new();
        introspect::for_each_collection_entry(data, |k, _| {
            items.push(k);
            true
        });
        let mut values = Vec::new();
        for v in items {
            values.push(Some(cells.inspect(cx, v)?));
        }
        let n = values.len();
        return Ok(table(
            &["(iteration index)".into(), "Values".into()],
            &[index_col(n), values],
        ));
    }
    // The column keys, kept in a GC vector: a key converted from a value may be an atom that
    // nothing else references (GC.md §1: no keys in a `std::Vec` across an allocation).
    let prop_keys = conch_gc::GcVec::<Value>::new();
    let has_props = match Object::from_value(properties) {
        Some(p) if p.class() == ObjectClass::Array => {
            for i in 0..p.array_length() {
                let x = own_value(cx, p, PropertyKey::index(i))?.unwrap_or(Value::UNDEFINED);
                let k = conch_vm::convert::to_property_key(cx, x)?;
                prop_keys.push(cx.heap(), k.to_raw())?;
            }
            true
        }
        _ => false,
    };
    let props: Option<Vec<PropertyKey>> =
        has_props.then(|| prop_keys.iter().map(PropertyKey::from_raw).collect());
    // Column name → cells by row; column order as an object's keys (indices first).
    let mut columns: Vec<(PropertyKey, Vec<Option<String>>)> = Vec::new();
    let mut has_primitives = false;
    let mut values_col: Vec<Option<String>> = Vec::new();
    let index_keys = object_keys(cx, data)?;
    let rows = index_keys.len();
    for (i, &ik) in index_keys.iter().enumerate() {
        let item = own_value(cx, data, ik)?.unwrap_or(Value::UNDEFINED);
        let item_obj = Object::from_value(item);
        let primitive = item_obj.is_none();
        if props.is_none() && primitive {
            has_primitives = true;
            values_col.resize(i + 1, None);
            values_col[i] = Some(cells.inspect(cx, item)?);
            continue;
        }
        let keys = match &props {
            Some(p) => p.clone(),
            None => object_keys(cx, item_obj.expect("object"))?,
        };
        for key in keys {
            let pos = match columns.iter().position(|(k, _)| *k == key) {
                Some(p) => p,
                None => {
                    columns.push((key, Vec::new()));
                    columns.len() - 1
                }
            };
            let cell = match item_obj {
                Some(o) if !primitive => match own_value(cx, o, key)? {
                    Some(v) => cells.inspect(cx, v)?,
                    None => String::new(),
                },
                _ => String::new(),
            };
            let col = &mut columns[pos].1;
            col.resize(col.len().max(i + 1), None);
            col[i] = Some(cell);
        }
    }
    // An object's keys: array indices ascending first, then the others in insertion order.
    let mut order: Vec<usize> = (0..columns.len()).collect();
    order.sort_by_key(|&i| match columns[i].0.as_index() {
        Some(n) => (0, n as u64, i),
        None => (1, 0, i),
    });
    let mut head = vec!["(index)".to_string()];
    let mut cols = vec![index_keys
        .iter()
        .map(|&k| key_text(cx, k).map(Some))
        .collect::<JsResult<Vec<_>>>()?];
    for i in order {
        head.push(key_text(cx, columns[i].0)?);
        cols.push(std::mem::take(&mut columns[i].1));
    }
    if has_primitives {
        head.push("Values".into());
        cols.push(values_col);
    }
    let _ = rows;
    std::hint::black_box(&prop_keys);
    Ok(table(&head, &cols))
}

fn render_row(row: &[String], widths: &[usize]) -> String {
    let mut out = String::from("│ ");
    for (i, cell) in row.iter().enumerate() {
        let len = string_width(cell, true);
        let needed = widths[i].saturating_sub(len);
        out.push_str(cell);
        out.push_str(&" ".repeat(needed));
        if i != row.len() - 1 {
            out.push_str(" │ ");
        }
    }
    out.push_str(" │");
    out
}

/// node's `cli_table`.
fn table(head: &[String], columns: &[Vec<Option<String>>]) -> String {
    let mut widths: Vec<usize> = head.iter().map(|h| string_width(h, true)).collect();
    let longest = columns.iter().map(Vec::len).max().unwrap_or(0);
    let mut rows: Vec<Vec<String>> = vec![vec![String::new(); head.len()]; longest];
    for (i, col) in columns.iter().enumerate() {
        for (j, row) in rows.iter_mut().enumerate() {
            let v = col.get(j).cloned().flatten().unwrap_or_default();
            widths[i] = widths[i].max(string_width(&v, true));
            row[i] = v;
        }
    }
    let divider: Vec<String> = widths.iter().map(|w| "─".repeat(w + 2)).collect();
    let mut result = format!(
        "┌{}┐\n{}\n├{}┤\n",
        divider.join("┬"),
        render_row(head, &widths),
        divider.join("┼")
    );
    for row in &rows {
        result.push_str(&render_row(row, &widths));
        result.push('\n');
    }
    result.push_str(&format!("└{}┘", divider.join("┴")));
    result
}
