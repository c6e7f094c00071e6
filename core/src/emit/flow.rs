//! Values on one line (`{a: 1, b: [x, y]}`): one writer for every flow style strata prints,
//! each style choosing only how strings and keys are written.

use super::number::write_int;
use crate::node::Value;

/// How a flow style writes strings (`string`), map keys (`key`) and floats (`float`).
pub struct FlowStyle<'a> {
    pub string: &'a dyn Fn(&mut String, &str),
    pub key: &'a dyn Fn(&mut String, &str),
    pub float: fn(&mut String, f64),
}

/// Write `value` in flow style.
pub fn write_flow(out: &mut String, value: &Value, style: &FlowStyle) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(i) => write_int(out, *i),
        Value::Float(f) => (style.float)(out, *f),
        Value::Str(s) => (style.string)(out, s),
        Value::List(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_flow(out, &item.value, style);
            }
            out.push(']');
        }
        Value::Map(map) => {
            out.push('{');
            for (i, (name, node)) in map.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                (style.key)(out, name);
                out.push_str(": ");
                write_flow(out, &node.value, style);
            }
            out.push('}');
        }
    }
}
