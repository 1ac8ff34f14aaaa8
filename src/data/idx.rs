//! The IDX file format of MNIST, parsed from bytes (no file I/O):
//! magic `00 00 08 d` (unsigned bytes, d dimensions), d big-endian u32 sizes, then the data.

use core::fmt;

/// Every way an IDX file can be wrong, each with what was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IdxError {
    /// Fewer bytes than the header needs.
    TooShort { len: usize, needed: usize },
    /// The first four bytes are not 00 00 08 `dims`.
    BadMagic { found: [u8; 4], expected_dims: u8 },
    /// A dimension of size zero.
    ZeroDimension { axis: usize },
    /// The data after the header is not the product of the dimensions.
    LengthMismatch { expected: usize, found: usize },
    /// A label outside 0..=9.
    BadLabel { index: usize, value: u8 },
}

impl fmt::Display for IdxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IdxError::TooShort { len, needed } => {
                write!(f, "file too short: {len} bytes, the IDX header alone needs {needed}")
            }
            IdxError::BadMagic { found, expected_dims } => write!(
                f,
                "not an IDX file of unsigned bytes with {expected_dims} dimension(s): magic number {:02x} {:02x} {:02x} {:02x}, expected 00 00 08 {expected_dims:02x}",
                found[0], found[1], found[2], found[3]
            ),
            IdxError::ZeroDimension { axis } => write!(f, "dimension {axis} has size 0"),
            IdxError::LengthMismatch { expected, found } => {
                write!(f, "data length {found} bytes does not match the header's dimensions ({expected} bytes)")
            }
            IdxError::BadLabel { index, value } => write!(f, "label {index} is {value}, labels must be 0–9"),
        }
    }
}

/// A parsed IDX file: its dimensions and a view of its data bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Idx<'a, const D: usize> {
    pub dims: [usize; D],
    pub data: &'a [u8],
}

/// Parses an IDX file of unsigned bytes with exactly `D` dimensions.
pub fn parse<const D: usize>(bytes: &[u8]) -> Result<Idx<'_, D>, IdxError> {
    let header = 4 + 4 * D;
    if bytes.len() < header {
        return Err(IdxError::TooShort { len: bytes.len(), needed: header });
    }
    let magic = [bytes[0], bytes[1], bytes[2], bytes[3]];
    if magic != [0, 0, 0x08, D as u8] {
        return Err(IdxError::BadMagic { found: magic, expected_dims: D as u8 });
    }
    let mut dims = [0usize; D];
    for (axis, dim) in dims.iter_mut().enumerate() {
        let at = 4 + 4 * axis;
        *dim = u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]) as usize;
        if *dim == 0 {
            return Err(IdxError::ZeroDimension { axis });
        }
    }
    let expected = dims.iter().try_fold(1usize, |acc, &d| acc.checked_mul(d)).unwrap_or(usize::MAX);
    let data = &bytes[header..];
    if data.len() != expected {
        return Err(IdxError::LengthMismatch { expected, found: data.len() });
    }
    Ok(Idx { dims, data })
}

/// Parses an IDX label file (1 dimension) and checks every label is a digit 0–9.
pub fn parse_labels(bytes: &[u8]) -> Result<&[u8], IdxError> {
    let idx = parse::<1>(bytes)?;
    if let Some(index) = idx.data.iter().position(|&label| label > 9) {
        return Err(IdxError::BadLabel { index, value: idx.data[index] });
    }
    Ok(idx.data)
}
