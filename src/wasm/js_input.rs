//! What is taken from JS is looked at before serde sees it, so no value can overflow the stack, be silently read
//! as something else, or fill an error message:
//!
//! - nesting of objects and arrays at most [`MAX_DEPTH`] deep, at most [`MAX_VALUES`] values in all (walked with an
//!   explicit stack: the walk itself cannot overflow, and a cycle ends at the depth bound);
//! - every object plain: its prototype is `Object.prototype` or null (`Object.create(null)`); a `Map`, `Date`,
//!   `RegExp`, array or class instance where an object belongs is named in the error;
//! - strings and keys at most [`MAX_STRING`] characters; numbers within the range of an f32, since serde would
//!   turn 1e-300 into 0 and 1e39 into ∞ and the message would show those;
//! - error messages repeat at most [`SHOWN`] characters of any input.

use crate::train::whole;
use js_sys::{Array, Function, Object, Reflect};
use serde_path_to_error::{Path, Segment};
use wasm_bindgen::{JsCast, JsValue};

/// Deepest nesting accepted (a config needs 3: config → schedule → decay).
pub const MAX_DEPTH: usize = 32;
/// Most values (objects, arrays, their entries) in one argument.
pub const MAX_VALUES: usize = 10_000;
/// Longest string or key accepted (the longest name in a config has 23 characters).
pub const MAX_STRING: usize = 64;
/// Most characters of the user's input an error message repeats.
pub const SHOWN: usize = 40;

/// `text`, cut to [`SHOWN`] characters with "…".
pub fn clip(text: &str) -> String {
    match text.char_indices().nth(SHOWN) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_string(),
    }
}

/// A JS value in words: "a string (\"784,30,10\")", "the number 2.5", "an array", "Map".
pub fn describe(value: &JsValue) -> String {
    if let Some(text) = value.as_string() {
        format!("a string (\"{}\")", clip(&text))
    } else if let Some(number) = value.as_f64() {
        format!("the number {}", whole::number(number))
    } else if let Some(flag) = value.as_bool() {
        format!("{flag}")
    } else if value.is_null() {
        "null".into()
    } else if value.is_undefined() {
        "undefined".into()
    } else if value.is_function() {
        "a function".into()
    } else if Array::is_array(value) {
        "an array".into()
    } else if value.is_object() {
        match kind_of_object(value) {
            Some(name) => name,
            None => "an object".into(),
        }
    } else {
        "a value of another type".into()
    }
}

/// The constructor's name of an object that is not plain ("Map", "Date"), None for a plain one.
fn kind_of_object(value: &JsValue) -> Option<String> {
    let proto = Reflect::get_prototype_of(value).ok()?;
    if proto.is_null() || JsValue::from(&proto) == JsValue::from(Object::get_prototype_of(&Object::new())) {
        return None;
    }
    let name = Reflect::get(&proto, &"constructor".into())
        .ok()
        .and_then(|c| c.dyn_ref::<Function>().map(|f| String::from(f.name())))
        .filter(|name| !name.is_empty());
    Some(name.map_or_else(|| "an object with a prototype".into(), |name| clip(&name)))
}

/// Checks `value` (named `what`, e.g. "config") as the module docs say, before it is deserialized.
pub fn inspect(what: &str, value: &JsValue) -> Result<(), String> {
    let mut stack = vec![(value.clone(), what.to_string(), 0usize)];
    let mut count = 0usize;
    while let Some((value, path, depth)) = stack.pop() {
        count += 1;
        if count > MAX_VALUES {
            return Err(format!("{what} holds more than {MAX_VALUES} values; a config has a few dozen"));
        }
        if let Some(text) = value.as_string() {
            let len = text.chars().count();
            if len > MAX_STRING {
                return Err(format!(
                    "{path} must be at most {MAX_STRING} characters long, got {len} (\"{}\")",
                    clip(&text)
                ));
            }
            continue;
        }
        if let Some(number) = value.as_f64() {
            let size = number.abs();
            if size > f64::from(f32::MAX) && number.is_finite() {
                return Err(format!("{path} must be at most 3.4e38 in size, got {}", whole::number(number)));
            }
            if size > 0.0 && size < f64::from(f32::MIN_POSITIVE) {
                return Err(format!(
                    "{path} must be 0 or at least 1.2e-38 in size (the range of a 32-bit float), got {}",
                    whole::number(number)
                ));
            }
            continue;
        }
        if value.is_function() {
            return Err(format!("{path} must be a plain object, got a function"));
        }
        if !value.is_object() {
            continue;
        }
        if depth >= MAX_DEPTH {
            return Err(format!(
                "{what} is nested more than {MAX_DEPTH} levels deep (at {}); a config needs 3",
                clip(&path)
            ));
        }
        if let Some(array) = value.dyn_ref::<Array>() {
            let len = array.length() as usize;
            if len > MAX_VALUES {
                return Err(format!("{path} must have at most {MAX_VALUES} entries, got {len}"));
            }
            stack.extend((0..len).map(|i| (array.get(i as u32), format!("{path}[{i}]"), depth + 1)));
            continue;
        }
        if let Some(kind) = kind_of_object(&value) {
            return Err(format!("{path} must be a plain object, got {kind}"));
        }
        let object: &Object = value.unchecked_ref();
        for key in Object::keys(object).iter() {
            let name = key.as_string().unwrap_or_default();
            if name.chars().count() > MAX_STRING {
                return Err(format!("{path} has a key longer than {MAX_STRING} characters (\"{}\")", clip(&name)));
            }
            let entry = Reflect::get(object, &key).map_err(|_| format!("{path}.{name} could not be read"))?;
            stack.push((entry, format!("{path}.{name}"), depth + 1));
        }
    }
    Ok(())
}

/// The JS value at a serde path inside `root` (undefined where the path leaves it).
fn value_at(root: &JsValue, path: &Path) -> JsValue {
    let mut value = root.clone();
    for segment in path.iter() {
        let key = match segment {
            Segment::Seq { index } => JsValue::from(*index as u32),
            Segment::Map { key } => JsValue::from(key.as_str()),
            Segment::Enum { .. } | Segment::Unknown => continue,
        };
        value = if value.is_object() {
            Reflect::get(&value, &key).unwrap_or(JsValue::UNDEFINED)
        } else {
            JsValue::UNDEFINED
        };
    }
    value
}

/// What a config's array fields hold, for "must be an array of …" (serde says only "a sequence").
fn array_of(path: &str) -> &'static str {
    match path {
        "config.sizes" => "an array of whole numbers",
        "config.activations" => "an array of activation names",
        "config.dropout" => "an array of numbers",
        _ => "an array",
    }
}

/// serde's wording, for types a student knows.
fn plain_type(expected: &str) -> String {
    match expected {
        "usize" | "u64" | "u32" => "a whole number".into(),
        "f32" | "f64" => "a number".into(),
        "a boolean" => "true or false".into(),
        "a sequence" => "an array".into(),
        "a string" => "a string".into(),
        other if other.starts_with("struct ") || other.starts_with("internally tagged enum") => "an object".into(),
        other => clip(other),
    }
}

/// A deserialization error at `path` of `root` (named `what`) in plain words: "config.sizes must be an array of
/// whole numbers, got a string (\"784,30,10\")", "config.epochs must be a whole number between 1 and 10000, got
/// 99999999999"; serde's own messages otherwise, with any quoted input cut to [`SHOWN`] characters.
pub fn plain_error(what: &str, root: &JsValue, path: &Path, message: &str) -> String {
    let at = path.to_string();
    let name = if at == "." { what.to_string() } else { format!("{what}.{at}") };
    let got = || describe(&value_at(root, path));
    if message.contains("Reflect.get called on non-object") || message.contains("is not iterable") {
        return format!("{name} must be {}, got {}", array_of(&name), got());
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        if let Some((_, expected)) = rest.split_once(", expected ") {
            let expected = if expected == "a sequence" { array_of(&name).into() } else { plain_type(expected) };
            return format!("{name} must be {expected}, got {}", got());
        }
    }
    if message.starts_with("must be ") {
        return format!("{name} {message}");
    }
    format!("{name}: {}", clip_quoted(message))
}

/// Cuts every `…` or "…" quoted part of a message to [`SHOWN`] characters.
fn clip_quoted(message: &str) -> String {
    let mut out = String::new();
    let mut rest = message;
    while let Some(start) = rest.find(['`', '"']) {
        let quote = rest[start..].chars().next().unwrap_or('`');
        let after = &rest[start + 1..];
        let Some(len) = after.find(quote) else { break };
        out.push_str(&rest[..=start]);
        out.push_str(&clip(&after[..len]));
        out.push(quote);
        rest = &after[len + 1..];
    }
    out.push_str(rest);
    out
}
