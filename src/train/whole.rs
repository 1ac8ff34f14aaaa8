//! Whole-number fields of a [`super::TrainConfig`], read from any JSON or JS number, so a value out of range gets
//! plain words naming the range ("must be a whole number between 0 and 10000, got 99999999999") instead of serde's
//! "invalid type: floating point, expected usize" — JS numbers above 2⁵³, and JSON numbers above u64's range,
//! arrive as floats.
//!
//! Only values the type cannot hold (fractions, negatives, beyond usize — 4294967295 in wasm32) fail here, with
//! the field's range [MIN, MAX] in the message; larger values that fit go on to validation, which reports every
//! out-of-range field at once (against the data where the range depends on it).

use core::fmt;
use serde::de::{self, Deserializer, SeqAccess, Visitor};

/// Seeds: whole numbers up to 2⁵³, the largest range a JS number holds exactly.
pub const MAX_SEED: u64 = 1 << 53;

/// A number as JS would show it, short: 1e+300 → "1e300", 1e-300 → "1e-300", 2.5 → "2.5" (Rust's `{}` writes
/// every digit of 1e300).
pub fn number(x: f64) -> alloc::string::String {
    let size = x.abs();
    if size >= 1e21 || (size > 0.0 && size < 1e-6) {
        alloc::format!("{x:e}")
    } else {
        alloc::format!("{x}")
    }
}

/// Accepts whole numbers up to `holds`; reports others with the field's range `min`..=`max`.
#[derive(Clone, Copy)]
struct Whole {
    holds: u64,
    min: u64,
    max: u64,
}

impl Whole {
    fn out_of_range<E: de::Error>(&self, got: impl fmt::Display) -> E {
        E::custom(alloc::format!("must be a whole number between {} and {}, got {got}", self.min, self.max))
    }
}

impl Visitor<'_> for Whole {
    type Value = u64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a whole number between {} and {}", self.min, self.max)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<u64, E> {
        if v <= self.holds {
            Ok(v)
        } else {
            Err(self.out_of_range(v))
        }
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<u64, E> {
        match u64::try_from(v) {
            Ok(v) => self.visit_u64(v),
            Err(_) => Err(self.out_of_range(v)),
        }
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<u64, E> {
        if libm::trunc(v) == v && (0.0..=self.holds as f64).contains(&v) && v as u64 <= self.holds {
            Ok(v as u64)
        } else {
            Err(self.out_of_range(number(v)))
        }
    }
}

/// A usize (whose field's range is MIN..=MAX).
pub fn usize_in<'de, const MIN: u64, const MAX: u64, D: Deserializer<'de>>(d: D) -> Result<usize, D::Error> {
    d.deserialize_any(Whole { holds: usize::MAX as u64, min: MIN, max: MAX }).map(|v| v as usize)
}

/// A seed: a whole number up to [`MAX_SEED`].
pub fn seed<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    d.deserialize_any(Whole { holds: MAX_SEED, min: 0, max: MAX_SEED })
}

/// A list of usizes (whose field's range is MIN..=MAX each): layer sizes.
pub fn usizes_in<'de, const MIN: u64, const MAX: u64, D: Deserializer<'de>>(
    d: D,
) -> Result<alloc::vec::Vec<usize>, D::Error> {
    struct List(Whole);
    impl<'de> Visitor<'de> for List {
        type Value = alloc::vec::Vec<usize>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "an array of whole numbers between {} and {}", self.0.min, self.0.max)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut out = alloc::vec::Vec::new();
            while let Some(v) = seq.next_element_seed(Element(self.0))? {
                out.push(v as usize);
            }
            Ok(out)
        }
    }
    struct Element(Whole);
    impl<'de> de::DeserializeSeed<'de> for Element {
        type Value = u64;
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<u64, D::Error> {
            d.deserialize_any(self.0)
        }
    }
    d.deserialize_seq(List(Whole { holds: usize::MAX as u64, min: MIN, max: MAX }))
}
