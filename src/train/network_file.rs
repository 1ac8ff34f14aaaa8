//! A trained network as a file, so a student can save it and load it in another tab or on another day, and the
//! loaded network predicts exactly as it did (same outputs, bit for bit).
//!
//! Format version 1, little-endian:
//!
//! | bytes | what |
//! |---|---|
//! | 8 | the magic `NNLABNET` |
//! | 4 | the format version (1) |
//! | 4 + h | the header: its length h, then UTF-8 JSON written and read by the page (the config and a summary) |
//! | 4 | the number of tensors T |
//! | T × (1 + 4 + 4 + 4n) | each tensor: its [`TensorKind`] tag, the lecture's layer number l (0 for the input statistics), its length n, then n f32 |
//! | 4 | CRC-32 (IEEE, as in zip and PNG) of every byte before it |
//!
//! The tensors are every parameter (w^l, b^l, the activation's p, batch norm's γ, β), batch norm's running averages
//! and the preprocessing statistics fitted on the training set — everything inference reads. The optimizer's
//! state and the epoch counter are not saved: a loaded network predicts; training it further starts a fresh
//! optimizer from its weights.
//!
//! Reading checks everything before anything is used: the size limit, the magic, the version, that the file is
//! not truncated (naming the tensor it ends in), the checksum (an edited file), and, in [`load_tensors`], that the
//! tensors are exactly the ones the config's network has, of the right lengths and finite.

use super::memory::MEMORY_BUDGET;
use crate::data::Standardizer;
use crate::nn::Network;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

pub const MAGIC: [u8; 8] = *b"NNLABNET";
pub const VERSION: u32 = 1;
/// Largest file read. A network validation accepts keeps its parameters at least three times (the weights, their
/// gradients, the divergence snapshot) within [`MEMORY_BUDGET`], so its file — one copy — is smaller than this.
pub const MAX_FILE_BYTES: usize = (MEMORY_BUDGET / 3) as usize;
/// Largest header: a config and a summary take a few kilobytes.
pub const MAX_HEADER_BYTES: usize = 1 << 20;
/// Most tensors: 7 per layer for 10,000 layers (far past any network the page trains) and the 2 input statistics,
/// so a forged count cannot make the reader allocate millions of empty tensors.
pub const MAX_TENSORS: usize = 7 * 10_000 + 2;

/// What a tensor holds; the tag is its byte in the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TensorKind {
    W = 0,
    B = 1,
    /// The activation's parameter p per neuron (leaky/PReLU/ELU α, Swish β).
    Param = 2,
    Gamma = 3,
    Beta = 4,
    RunningMean = 5,
    RunningVar = 6,
    /// Preprocessing: x ← (x − mean) · invScale per input (layer 0).
    InputMean = 7,
    InputInvScale = 8,
}

impl TensorKind {
    const ALL: [TensorKind; 9] = [
        TensorKind::W,
        TensorKind::B,
        TensorKind::Param,
        TensorKind::Gamma,
        TensorKind::Beta,
        TensorKind::RunningMean,
        TensorKind::RunningVar,
        TensorKind::InputMean,
        TensorKind::InputInvScale,
    ];

    fn from_tag(tag: u8) -> Option<Self> {
        Self::ALL.get(usize::from(tag)).copied()
    }
}

/// A tensor's place: its kind and the lecture's layer number l (2 … L; 0 for the input statistics).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TensorName {
    pub kind: TensorKind,
    pub layer: u32,
}

impl fmt::Display for TensorName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let l = self.layer;
        match self.kind {
            TensorKind::W => write!(f, "the weights w^{l}"),
            TensorKind::B => write!(f, "the biases b^{l}"),
            TensorKind::Param => write!(f, "the activation parameters of layer {l}"),
            TensorKind::Gamma => write!(f, "batch norm's γ of layer {l}"),
            TensorKind::Beta => write!(f, "batch norm's β of layer {l}"),
            TensorKind::RunningMean => write!(f, "batch norm's running mean of layer {l}"),
            TensorKind::RunningVar => write!(f, "batch norm's running variance of layer {l}"),
            TensorKind::InputMean => f.write_str("the preprocessing means"),
            TensorKind::InputInvScale => f.write_str("the preprocessing scales"),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Tensor {
    pub name: TensorName,
    pub values: Vec<f32>,
}

/// A file read and checked for its structure and checksum; its header and tensors are not yet checked against a
/// network.
#[derive(Clone, Debug, PartialEq)]
pub struct NetworkFile {
    pub header: String,
    pub tensors: Vec<Tensor>,
}

/// Why a file cannot be loaded, in words a student can act on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileError {
    TooLarge { bytes: usize },
    NotANetworkFile,
    Version { found: u32 },
    Truncated { inside: String, bytes: usize },
    Checksum,
    TrailingBytes { extra: usize },
    Header(String),
    UnknownTensor { tag: u8 },
    Missing(String),
    Unexpected(String),
    Length { name: String, found: usize, expected: usize },
    NotFinite { name: String, index: usize },
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FileError::TooLarge { bytes } => write!(
                f,
                "the file is {bytes} bytes; a saved network is at most {MAX_FILE_BYTES} bytes, so this is not one"
            ),
            FileError::NotANetworkFile => {
                f.write_str("this is not an NN Lab network file (it does not start with NNLABNET): choose a file saved by “Save network”")
            }
            FileError::Version { found } => write!(
                f,
                "the file is format version {found}; this page reads version {VERSION} — save the network again with this page"
            ),
            FileError::Truncated { inside, bytes } => {
                write!(f, "the file is truncated: it ends inside {inside} after {bytes} bytes — save it again")
            }
            FileError::Checksum => f.write_str(
                "the file was changed after it was saved: its checksum (CRC-32) does not match its contents",
            ),
            FileError::TrailingBytes { extra } => {
                write!(f, "the file has {extra} unexpected bytes after its checksum: it was changed after it was saved")
            }
            FileError::Header(problem) => write!(f, "the file's header {problem}"),
            FileError::UnknownTensor { tag } => write!(f, "the file holds a tensor of unknown kind {tag}"),
            FileError::Missing(name) => write!(f, "the file lacks {name}, which the saved config's network has"),
            FileError::Unexpected(name) => write!(f, "the file holds {name}, which the saved config's network does not have"),
            FileError::Length { name, found, expected } => write!(
                f,
                "{name} has {found} values in the file, but the saved config's network needs {expected}: the weights do not match the config"
            ),
            FileError::NotFinite { name, index } => write!(f, "{name} has a value that is not a finite number (at {index})"),
        }
    }
}

/// The file for `header` and `tensors`.
pub fn encode(header: &str, tensors: &[(TensorName, &[f32])]) -> Vec<u8> {
    let values: usize = tensors.iter().map(|(_, v)| 9 + 4 * v.len()).sum();
    let mut bytes = Vec::with_capacity(24 + header.len() + values);
    bytes.extend_from_slice(&MAGIC);
    bytes.extend_from_slice(&VERSION.to_le_bytes());
    bytes.extend_from_slice(&(header.len() as u32).to_le_bytes());
    bytes.extend_from_slice(header.as_bytes());
    bytes.extend_from_slice(&(tensors.len() as u32).to_le_bytes());
    for (name, values) in tensors {
        bytes.push(name.kind as u8);
        bytes.extend_from_slice(&name.layer.to_le_bytes());
        bytes.extend_from_slice(&(values.len() as u32).to_le_bytes());
        values.iter().for_each(|v| bytes.extend_from_slice(&v.to_le_bytes()));
    }
    let crc = crc32(&bytes);
    bytes.extend_from_slice(&crc.to_le_bytes());
    bytes
}

/// Reads a file's structure; see the module documentation for what is checked.
pub fn decode(bytes: &[u8]) -> Result<NetworkFile, FileError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(FileError::TooLarge { bytes: bytes.len() });
    }
    if bytes.len() < MAGIC.len() || bytes[..MAGIC.len()] != MAGIC {
        return Err(FileError::NotANetworkFile);
    }
    let mut r = Reader { bytes, at: MAGIC.len() };
    let version = r.u32("the format version")?;
    if version != VERSION {
        return Err(FileError::Version { found: version });
    }
    let header_len = r.u32("the header")? as usize;
    if header_len > MAX_HEADER_BYTES {
        return Err(FileError::Header(format!("claims {header_len} bytes; a header is at most {MAX_HEADER_BYTES}")));
    }
    let header = core::str::from_utf8(r.take(header_len, "the header")?)
        .map_err(|_| FileError::Header("is not UTF-8 text".into()))?
        .into();
    let count = r.u32("the tensor count")? as usize;
    if count > MAX_TENSORS {
        return Err(FileError::Header(format!("claims {count} tensors; a network file has at most {MAX_TENSORS}")));
    }
    let mut tensors = Vec::new();
    for i in 0..count {
        let tag = r.take(1, &format!("tensor {}", i + 1))?[0];
        let kind = TensorKind::from_tag(tag).ok_or(FileError::UnknownTensor { tag })?;
        let layer = r.u32(&format!("tensor {}", i + 1))?;
        let name = TensorName { kind, layer };
        let len = r.u32(&name.to_string())? as usize;
        let raw = r.take(len.saturating_mul(4), &name.to_string())?;
        let values = raw.chunks_exact(4).map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect();
        tensors.push(Tensor { name, values });
    }
    let end = r.at;
    let stored = r.u32("the checksum")?;
    if crc32(&bytes[..end]) != stored {
        return Err(FileError::Checksum);
    }
    if r.at < bytes.len() {
        return Err(FileError::TrailingBytes { extra: bytes.len() - r.at });
    }
    Ok(NetworkFile { header, tensors })
}

/// Every tensor inference reads, in the file's order: per layer l = 2 … L its w, b, p, γ, β and running averages
/// (those it has), then the preprocessing statistics.
pub fn tensors_of<'a>(network: &'a Network, standardizer: &'a Standardizer) -> Vec<(TensorName, &'a [f32])> {
    let mut out = Vec::new();
    for (i, layer) in network.layers.iter().enumerate() {
        let at = |kind| TensorName { kind, layer: i as u32 + 2 };
        out.push((at(TensorKind::W), &layer.w[..]));
        out.push((at(TensorKind::B), &layer.b[..]));
        if !layer.param.is_empty() {
            out.push((at(TensorKind::Param), &layer.param[..]));
        }
        if let Some(bn) = &layer.batch_norm {
            out.push((at(TensorKind::Gamma), &bn.gamma[..]));
            out.push((at(TensorKind::Beta), &bn.beta[..]));
            out.push((at(TensorKind::RunningMean), &bn.running_mean[..]));
            out.push((at(TensorKind::RunningVar), &bn.running_var[..]));
        }
    }
    let input = |kind| TensorName { kind, layer: 0 };
    out.push((input(TensorKind::InputMean), &standardizer.mean[..]));
    out.push((input(TensorKind::InputInvScale), &standardizer.inv_scale[..]));
    out
}

/// Puts `tensors` into `network` and `standardizer` (built from the file's config) — only if they are exactly the
/// tensors [`tensors_of`] names, of the same lengths, every value finite; otherwise nothing changes.
pub fn load_tensors(
    network: &mut Network,
    standardizer: &mut Standardizer,
    tensors: &[Tensor],
) -> Result<(), FileError> {
    let expected: Vec<(TensorName, usize)> =
        tensors_of(network, standardizer).into_iter().map(|(name, values)| (name, values.len())).collect();
    for tensor in tensors {
        let name = tensor.name;
        let Some(&(_, len)) = expected.iter().find(|(n, _)| *n == name) else {
            return Err(FileError::Unexpected(name.to_string()));
        };
        if tensors.iter().filter(|t| t.name == name).count() > 1 {
            return Err(FileError::Unexpected(format!("{name} twice")));
        }
        if tensor.values.len() != len {
            return Err(FileError::Length { name: name.to_string(), found: tensor.values.len(), expected: len });
        }
        if let Some(index) = tensor.values.iter().position(|v| !v.is_finite()) {
            return Err(FileError::NotFinite { name: name.to_string(), index });
        }
    }
    if let Some((name, _)) = expected.iter().find(|(name, _)| !tensors.iter().any(|t| t.name == *name)) {
        return Err(FileError::Missing(name.to_string()));
    }
    for tensor in tensors {
        target(network, standardizer, tensor.name).copy_from_slice(&tensor.values);
    }
    Ok(())
}

/// The buffer a (checked) name refers to.
fn target<'a>(network: &'a mut Network, standardizer: &'a mut Standardizer, name: TensorName) -> &'a mut [f32] {
    if name.layer == 0 {
        return match name.kind {
            TensorKind::InputMean => &mut standardizer.mean,
            _ => &mut standardizer.inv_scale,
        };
    }
    let layer = &mut network.layers[name.layer as usize - 2];
    let bn = layer.batch_norm.as_mut();
    match (name.kind, bn) {
        (TensorKind::W, _) => &mut layer.w,
        (TensorKind::B, _) => &mut layer.b,
        (TensorKind::Param, _) => &mut layer.param,
        (TensorKind::Gamma, Some(bn)) => &mut bn.gamma,
        (TensorKind::Beta, Some(bn)) => &mut bn.beta,
        (TensorKind::RunningMean, Some(bn)) => &mut bn.running_mean,
        (_, Some(bn)) => &mut bn.running_var,
        (_, None) => unreachable!("load_tensors checked that layer {} has {name}", name.layer),
    }
}

/// Reads little-endian fields, naming what it was reading when the bytes run out.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize, what: &str) -> Result<&'a [u8], FileError> {
        match self.at.checked_add(n).filter(|&end| end <= self.bytes.len()) {
            Some(end) => {
                let out = &self.bytes[self.at..end];
                self.at = end;
                Ok(out)
            }
            None => Err(FileError::Truncated { inside: what.into(), bytes: self.bytes.len() }),
        }
    }

    fn u32(&mut self, what: &str) -> Result<u32, FileError> {
        let b = self.take(4, what)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
}

/// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), the checksum of zip, gzip and PNG: a change of any burst
/// of up to 32 bits is always detected. One bit at a time — a saved network is read once.
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}
