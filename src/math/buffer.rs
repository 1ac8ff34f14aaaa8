//! Fallible allocation of the large f32 buffers (parameters, gradients, optimizer state, workspaces): an
//! allocation the memory cannot hold becomes an [`OutOfMemory`] error instead of an abort, which in wasm is a
//! `RuntimeError: unreachable` that leaves the module unusable.

use alloc::vec::Vec;
use core::fmt;

/// A buffer of `bytes` bytes could not be reserved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OutOfMemory {
    pub bytes: usize,
}

impl fmt::Display for OutOfMemory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "could not reserve {} for the network's buffers", bytes_in_words(self.bytes as u64))
    }
}

/// `len` copies of `value`, reserved with `Vec::try_reserve_exact` (capacity = len, as `vec![value; len]`).
pub fn try_filled(value: f32, len: usize) -> Result<Vec<f32>, OutOfMemory> {
    let mut buffer = Vec::new();
    buffer.try_reserve_exact(len).map_err(|_| OutOfMemory { bytes: len.saturating_mul(4) })?;
    buffer.resize(len, value);
    Ok(buffer)
}

/// A copy of `source`, reserved fallibly.
pub fn try_copy(source: &[f32]) -> Result<Vec<f32>, OutOfMemory> {
    let mut buffer = Vec::new();
    buffer.try_reserve_exact(source.len()).map_err(|_| OutOfMemory { bytes: source.len().saturating_mul(4) })?;
    buffer.extend_from_slice(source);
    Ok(buffer)
}

/// A byte count as people read it: "512 bytes", "3.4 MB", "1.2 GB" (MB = 2²⁰ and GB = 2³⁰ bytes, as memory is
/// counted).
pub fn bytes_in_words(bytes: u64) -> alloc::string::String {
    let bytes = bytes as f64;
    const MB: f64 = (1u64 << 20) as f64;
    const GB: f64 = (1u64 << 30) as f64;
    if bytes >= GB {
        alloc::format!("{:.1} GB", bytes / GB)
    } else if bytes >= MB {
        alloc::format!("{:.1} MB", bytes / MB)
    } else {
        alloc::format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    /// A buffer no memory can hold is an error naming its size in words, not an abort.
    #[test]
    fn a_buffer_too_large_is_an_error_naming_its_size() {
        let len = usize::MAX / 8;
        assert_eq!(try_filled(0.0, len), Err(OutOfMemory { bytes: len * 4 }));
        assert_eq!(try_copy(&[1.0, 2.0]), Ok(alloc::vec![1.0, 2.0]));
        assert_eq!(OutOfMemory { bytes: 3 << 29 }.to_string(), "could not reserve 1.5 GB for the network's buffers");
        assert_eq!((bytes_in_words(3 << 19), bytes_in_words(512)), ("1.5 MB".into(), "512 bytes".into()));
    }
}
