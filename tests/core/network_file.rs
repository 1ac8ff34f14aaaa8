//! The saved-network file: a loaded network predicts bit for bit as the saved one, and every kind of bad file is
//! refused with its own error while the run keeps its weights.

use crate::common;

use nnlab::data::Preprocess;
use nnlab::nn::Activation;
use nnlab::train::network_file::{crc32, decode, encode, FileError, TensorKind, MAX_HEADER_BYTES};
use nnlab::train::{SplitName, TrainConfig, Trainer};
use std::rc::Rc;

/// Every kind of tensor a file can hold: PReLU's learned α, batch norm's γ, β and running averages, per-pixel
/// standardization statistics, on a network trained long enough that none is at its initial value.
fn rich_config(seed: u64, n_train: usize) -> TrainConfig {
    TrainConfig {
        sizes: vec![784, 24, 16, 10],
        hidden_activation: Activation::Prelu,
        batch_norm: true,
        preprocess: Preprocess::StandardizePixel,
        dropout: vec![0.0, 0.2, 0.0],
        eta: 0.5,
        n_train,
        n_validation: 100,
        seed,
        ..TrainConfig::default()
    }
}

fn trained(config: TrainConfig, data: &Rc<nnlab::data::Mnist>) -> Trainer {
    let mut trainer = Trainer::new(config, Rc::clone(data)).unwrap();
    trainer.step(40);
    trainer
}

/// aᴸ of every validation image, as bits.
fn output_bits(trainer: &mut Trainer) -> Vec<u32> {
    (0..trainer.split(SplitName::Validation).len())
        .flat_map(|i| {
            trainer.outputs(SplitName::Validation, i).unwrap().unwrap().iter().map(|v| v.to_bits()).collect::<Vec<_>>()
        })
        .collect()
}

fn file_of(trainer: &Trainer) -> Vec<u8> {
    encode("{}", &trainer.saved_tensors())
}

#[test]
fn crc32_is_the_ieee_checksum() {
    // The standard check value of CRC-32/ISO-HDLC (zip, gzip, PNG) for the ASCII digits 1–9.
    assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    assert_eq!(crc32(b""), 0);
}

#[test]
fn a_loaded_network_predicts_bit_for_bit_as_the_saved_one() {
    let data = Rc::new(common::sample_mnist());
    let mut saved = trained(rich_config(7, 800), &data);
    let expected = output_bits(&mut saved);
    let file = decode(&file_of(&saved)).unwrap();
    let kinds: Vec<TensorKind> = file.tensors.iter().map(|t| t.name.kind).collect();
    for kind in [TensorKind::Param, TensorKind::RunningMean, TensorKind::RunningVar, TensorKind::InputInvScale] {
        assert!(kinds.contains(&kind), "the file holds {kind:?}");
    }
    // Another seed (other weights) and fewer training images (other preprocessing statistics): only the file can
    // make its outputs equal.
    let mut loaded = Trainer::new(rich_config(8, 500), Rc::clone(&data)).unwrap();
    assert_ne!(output_bits(&mut loaded), expected, "before loading, the outputs differ");
    loaded.load_tensors(&file.tensors).unwrap();
    assert_eq!(output_bits(&mut loaded), expected);
}

#[test]
fn training_on_from_a_loaded_network_falls_back_to_its_weights_not_the_seeds() {
    let data = Rc::new(common::sample_mnist());
    let relu = TrainConfig {
        hidden_activation: Activation::Relu,
        output_activation: Activation::Identity,
        eta: 0.01,
        n_train: 800,
        n_validation: 200,
        early_stopping: 2,
        ..Default::default()
    };
    let saved = trained(relu.clone(), &data);
    let file = decode(&file_of(&saved)).unwrap();
    let mut loaded = Trainer::new(TrainConfig { eta: 1e30, seed: 2, ..relu }, Rc::clone(&data)).unwrap();
    loaded.load_tensors(&file.tensors).unwrap();
    // η = 10³⁰ diverges within a few mini-batches; the last good weights put back must be the loaded ones.
    let diverged = (0..10).any(|_| loaded.step(5).diverged);
    assert!(diverged);
    assert_eq!(loaded.network().layers, saved.network().layers);
}

#[test]
fn the_header_and_tensors_round_trip() {
    let data = Rc::new(common::sample_mnist());
    let trainer = trained(rich_config(3, 300), &data);
    let header = r#"{"format":"NN Lab network","summary":{"epochs":1}}"#;
    let file = decode(&encode(header, &trainer.saved_tensors())).unwrap();
    assert_eq!(file.header, header);
    let names: Vec<String> = trainer.saved_tensors().iter().map(|(name, _)| name.to_string()).collect();
    assert_eq!(names[0], "the weights w^2");
    assert_eq!(names[1], "the biases b^2");
    for ((name, values), tensor) in trainer.saved_tensors().iter().zip(&file.tensors) {
        assert_eq!(*name, tensor.name);
        assert_eq!(*values, &tensor.values[..]);
    }
}

#[test]
fn every_cut_is_named_as_truncation_never_a_panic() {
    let data = Rc::new(common::sample_mnist());
    let trainer =
        trained(TrainConfig { sizes: vec![784, 3, 10], n_train: 200, n_validation: 0, ..Default::default() }, &data);
    let bytes = file_of(&trainer);
    for cut in 0..bytes.len() {
        match decode(&bytes[..cut]) {
            Err(FileError::NotANetworkFile) => assert!(cut < 8, "cut at {cut}"),
            Err(FileError::Truncated { bytes, .. }) => assert_eq!(bytes, cut),
            other => panic!("cut at {cut}: {other:?}"),
        }
    }
    // 8 magic + 4 version + 4 + 2 header "{}" + 4 count + 9 tensor head = 31: byte 40 lies in w^2's values.
    let Err(FileError::Truncated { inside, .. }) = decode(&bytes[..40]) else { panic!("truncated") };
    assert_eq!(inside, "the weights w^2");
    let Err(FileError::Truncated { inside, .. }) = decode(&bytes[..bytes.len() - 1]) else { panic!("truncated") };
    assert_eq!(inside, "the checksum");
}

#[test]
fn an_edited_byte_is_caught_by_the_checksum() {
    let data = Rc::new(common::sample_mnist());
    let trainer =
        trained(TrainConfig { sizes: vec![784, 3, 10], n_train: 200, n_validation: 0, ..Default::default() }, &data);
    let bytes = file_of(&trainer);
    // Every bit of one weight, and one bit of every value byte past the first tensor's head.
    let first_value = 31;
    for bit in 0..32 {
        let mut edited = bytes.clone();
        edited[first_value + bit / 8] ^= 1 << (bit % 8);
        assert_eq!(decode(&edited), Err(FileError::Checksum), "bit {bit}");
    }
    for at in (first_value..bytes.len() - 4).step_by(97) {
        let mut edited = bytes.clone();
        edited[at] ^= 0x10;
        assert!(decode(&edited).is_err(), "byte {at} edited");
    }
}

#[test]
fn wrong_magic_version_trailing_bytes_and_size_are_named() {
    let data = Rc::new(common::sample_mnist());
    let trainer =
        trained(TrainConfig { sizes: vec![784, 3, 10], n_train: 200, n_validation: 0, ..Default::default() }, &data);
    let bytes = file_of(&trainer);
    let mut png = bytes.clone();
    png[..8].copy_from_slice(b"\x89PNG\r\n\x1a\n");
    assert_eq!(decode(&png), Err(FileError::NotANetworkFile));
    let mut v2 = bytes.clone();
    v2[8] = 2;
    assert_eq!(decode(&v2), Err(FileError::Version { found: 2 }));
    assert!(decode(&v2).unwrap_err().to_string().contains("version 2; this page reads version 1"));
    let mut longer = bytes.clone();
    longer.extend_from_slice(&[0, 0, 0]);
    assert_eq!(decode(&longer), Err(FileError::TrailingBytes { extra: 3 }));
}

/// `bytes` with the u32 at `at` replaced by `value`.
fn with_u32(bytes: &[u8], at: usize, value: u32) -> Vec<u8> {
    let mut out = bytes.to_vec();
    out[at..at + 4].copy_from_slice(&value.to_le_bytes());
    out
}

#[test]
fn the_limits_hold_at_their_boundaries() {
    // One copy of the parameters of a network within the 1 GiB budget, which a trainer keeps at least three
    // times: ⌊2³⁰ / 3⌋ = 357,913,941 bytes is read, one more is refused unread.
    let limit = 357_913_941;
    assert_eq!(decode(&vec![0u8; limit]), Err(FileError::NotANetworkFile));
    assert_eq!(decode(&vec![0u8; limit + 1]), Err(FileError::TooLarge { bytes: limit + 1 }));

    let data = Rc::new(common::sample_mnist());
    let trainer =
        trained(TrainConfig { sizes: vec![784, 3, 10], n_train: 200, n_validation: 0, ..Default::default() }, &data);
    let bytes = file_of(&trainer);
    // A header of 1 MiB is allowed (this file then ends inside it); one byte more is refused as claimed.
    let at_most = with_u32(&bytes, 12, MAX_HEADER_BYTES as u32);
    assert!(matches!(decode(&at_most), Err(FileError::Truncated { inside, .. }) if inside == "the header"));
    let too_long = with_u32(&bytes, 12, MAX_HEADER_BYTES as u32 + 1);
    assert!(matches!(decode(&too_long), Err(FileError::Header(problem)) if problem.contains("claims 1048577 bytes")));
    // 7 tensors per layer for 10,000 layers and the 2 input statistics: 70,002 tensors may be claimed, not 70,003.
    let count_at = 16 + 2;
    let at_most = with_u32(&bytes, count_at, 70_002);
    let error = decode(&at_most).unwrap_err();
    assert!(
        !matches!(error, FileError::Header(_)),
        "70,002 tensors may be claimed (the file then runs out): {error:?}"
    );
    let too_many = with_u32(&bytes, count_at, 70_003);
    assert!(matches!(decode(&too_many), Err(FileError::Header(problem)) if problem.contains("claims 70003 tensors")));
}

#[test]
fn a_tensor_given_twice_is_refused() {
    let data = Rc::new(common::sample_mnist());
    let mut trainer =
        trained(TrainConfig { sizes: vec![784, 3, 10], n_train: 200, n_validation: 0, ..Default::default() }, &data);
    let mut tensors = decode(&file_of(&trainer)).unwrap().tensors;
    tensors.push(tensors[0].clone());
    assert_eq!(trainer.load_tensors(&tensors), Err(FileError::Unexpected("the weights w^2 twice".into())));
}

#[test]
fn weights_that_do_not_match_the_config_are_refused_and_nothing_changes() {
    let data = Rc::new(common::sample_mnist());
    let small = TrainConfig { sizes: vec![784, 20, 10], n_train: 200, n_validation: 100, ..Default::default() };
    let wide = trained(TrainConfig { sizes: vec![784, 30, 10], ..small.clone() }, &data);
    let mut target = trained(small.clone(), &data);
    let before = output_bits(&mut target);
    let file = decode(&file_of(&wide)).unwrap();
    let error = target.load_tensors(&file.tensors).unwrap_err();
    assert_eq!(error, FileError::Length { name: "the weights w^2".into(), found: 23_520, expected: 15_680 });
    assert!(error.to_string().contains("do not match the config"));
    assert_eq!(output_bits(&mut target), before);

    // A batch-normalized network's file into a plain one: γ² is not expected.
    let bn = trained(TrainConfig { batch_norm: true, ..small.clone() }, &data);
    let file = decode(&file_of(&bn)).unwrap();
    assert_eq!(target.load_tensors(&file.tensors), Err(FileError::Unexpected("batch norm's γ of layer 2".into())));
    // A plain network's file into a batch-normalized one: γ² is missing.
    let mut bn_target = trained(TrainConfig { batch_norm: true, ..small.clone() }, &data);
    let file = decode(&file_of(&target)).unwrap();
    assert_eq!(bn_target.load_tensors(&file.tensors), Err(FileError::Missing("batch norm's γ of layer 2".into())));

    // A NaN among the weights, with a correct checksum.
    let mut tensors = decode(&file_of(&target)).unwrap().tensors;
    tensors[2].values[5] = f32::NAN;
    let error = target.load_tensors(&tensors).unwrap_err();
    assert_eq!(error, FileError::NotFinite { name: "the weights w^3".into(), index: 5 });
    assert_eq!(output_bits(&mut target), before);
}
