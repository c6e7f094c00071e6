//! Values on one line (`{a: 1, b: [x, y]}`): one writer for every flow style strata prints,
//! each style choosing only how strings and keys are written.

use super::number::{write_float, write_int};
use crate::node::Value;

/// Write `value` in flow style; `string` writes string values, `key` writes map keys.
pub fn write_flow(
    out: &mut String,
    value: &Value,
    string: &dyn Fn(&mut String, &str),
    key: &dyn Fn(&mut String, &str),
) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(i) => write_int(out, *i),
        Value::Float(f) => write_float(out, *f),
        Value::Str(s) => string(out, s),
        Value::List(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_flow(out, &item.value, string, key);
            }
            out.push(']');
        }
        Value::Map(map) => {
            out.push('{');
            for (i, (name, node)) in map.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                key(out, name);
                out.push_str(": ");
                write_flow(out, &node.value, string, key);
            }
            out.push('}');
        }
    }
}
