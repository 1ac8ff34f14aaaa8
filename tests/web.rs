//! The JS API in headless Chromium (wasm-bindgen-test): XorLab, Mnist and Trainer with JS values in and out,
//! including the JS Errors they throw for bad input. (The page's own use of the generated module is tested end
//! to end in tests/e2e.)
#![cfg(all(target_arch = "wasm32", feature = "wasm"))]

use flate2::read::GzDecoder;
use js_sys::{Error, Reflect};
use nnlab::wasm::{
    activation_names, activation_samples, augment_image, default_config, optimizer_path, schedule_curve, surface_grid,
    validate_config, Mnist, Trainer, XorLab,
};
use std::io::Read;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The signature shared by the three GEMM kernels.
type Kernel = fn(usize, usize, usize, &[f32], &[f32], &mut [f32]);

fn gunzip(gz: &[u8]) -> Vec<u8> {
    let mut bytes = Vec::new();
    GzDecoder::new(gz).read_to_end(&mut bytes).unwrap();
    bytes
}

/// The committed sample as both the training and the test pair.
fn sample() -> Mnist {
    let images = gunzip(include_bytes!("../data/sample/t10k-images-1k.gz"));
    let labels = gunzip(include_bytes!("../data/sample/t10k-labels-1k.gz"));
    Mnist::from_idx(&images, &labels, &images, &labels).unwrap_or_else(|_| panic!("the sample parses"))
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = JSON, js_name = parse)]
    fn json(text: &str) -> JsValue;
}

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &key.into()).unwrap()
}

/// The message of the JS Error a call threw.
#[track_caller]
fn thrown<T>(result: Result<T, JsError>) -> String {
    let error = JsValue::from(result.err().expect("the call must throw"));
    error.dyn_into::<Error>().expect("a JS Error").message().into()
}

fn small_config(extra: &str) -> JsValue {
    json(&format!(r#"{{"nTrain": 800, "nValidation": 200, "epochs": 2 {extra}}}"#))
}

#[wasm_bindgen_test]
fn xor_lab_has_the_lecture_outputs_and_trains() {
    let lab = XorLab::lecture();
    assert_eq!(lab.outputs(), vec![0.0, 1.0, 1.0, 0.0]);
    assert_eq!(lab.correct(), 4);
    let mut lab = XorLab::random(3.0).unwrap_or_else(|_| panic!("seed 3 is valid"));
    let before = lab.loss();
    let mut after = before;
    for _ in 0..100 {
        after = lab.train(100.0, 0.05).unwrap_or_else(|_| panic!("valid arguments"));
    }
    assert!(after < before);
    assert_eq!(lab.correct(), 4);
    assert_eq!(lab.params().len(), 9);
    assert_eq!(lab.output_grid(8.0, -0.5, 1.5, -0.5, 1.5).unwrap_or_else(|_| panic!("valid grid")).len(), 64);
}

#[wasm_bindgen_test]
fn xor_lab_rejects_bad_arguments() {
    let mut lab = XorLab::lecture();
    assert_eq!(thrown(lab.train(10.0, -1.0)), "eta must be > 0 and finite, got -1");
    assert_eq!(thrown(lab.train(10.0, f64::NAN)), "eta must be > 0 and finite, got NaN");
    assert_eq!(thrown(lab.train(-5.0, 0.1)), "steps must be a whole number between 0 and 1000000, got -5");
    assert_eq!(thrown(XorLab::random(1.5)), "seed must be a whole number between 0 and 2^53, got 1.5");
    assert_eq!(
        thrown(lab.output_grid(0.0, 0.0, 1.0, 0.0, 1.0)),
        "res must be a whole number between 1 and 1024, got 0"
    );
    assert_eq!(lab.outputs(), vec![0.0, 1.0, 1.0, 0.0], "a rejected call changes nothing");
}

#[wasm_bindgen_test]
fn trainer_runs_epochs_and_evaluates() {
    let data = sample();
    assert_eq!((data.train_count(), data.test_count()), (1000, 1000));
    let defaults = default_config().unwrap_or_else(|_| panic!("defaults serialize"));
    assert_eq!(get(&defaults, "eta").as_f64(), Some(3.0));
    assert_eq!(get(&defaults, "batchSize").as_f64(), Some(10.0));
    let mut trainer = Trainer::new(small_config(""), &data).unwrap_or_else(|_| panic!("a valid config"));
    let progress = trainer.step(30.0).unwrap_or_else(|_| panic!("valid budget"));
    assert_eq!(get(&progress, "batchesRun").as_f64(), Some(30.0));
    assert_eq!(get(&progress, "samplesSeen").as_f64(), Some(300.0));
    assert!(get(&progress, "loss").as_f64().unwrap() > 0.0);
    let mut last = progress;
    while get(&last, "finished").as_bool() != Some(true) {
        last = trainer.step(1000.0).unwrap_or_else(|_| panic!("valid budget"));
    }
    assert_eq!(get(&last, "epoch").as_f64(), Some(1.0));
    let correct = trainer.evaluate("validation", 0.0, 200.0).unwrap_or_else(|_| panic!("valid slice"));
    assert!(correct > 60, "2 epochs on 800 digits should beat chance (20/200) clearly, got {correct}/200");
    assert_eq!(trainer.split_size("test").unwrap_or_else(|_| panic!("valid split")), 1000);
    assert_eq!(trainer.image("test", 0.0).unwrap_or_else(|_| panic!("valid index")).len(), 784);
    assert_eq!(trainer.label("test", 0.0).unwrap_or_else(|_| panic!("valid index")), 7);
    assert_eq!(trainer.outputs("test", 0.0).unwrap_or_else(|_| panic!("valid index")).len(), 10);
    assert_eq!(trainer.weights(2.0).unwrap_or_else(|_| panic!("valid layer")).len(), 784 * 30);
}

#[wasm_bindgen_test]
fn same_seed_gives_the_same_weights_in_the_browser() {
    let data = sample();
    let weights = |seed: u32| {
        let mut trainer =
            Trainer::new(small_config(&format!(r#", "seed": {seed}"#)), &data).unwrap_or_else(|_| panic!("valid"));
        trainer.step(50.0).unwrap_or_else(|_| panic!("valid"));
        trainer.weights(3.0).unwrap_or_else(|_| panic!("valid"))
    };
    assert_eq!(weights(4), weights(4));
    assert_ne!(weights(4), weights(5));
}

#[wasm_bindgen_test]
fn trainer_rejects_bad_configs_and_arguments_with_clear_errors() {
    let data = sample();
    assert_eq!(
        thrown(Trainer::new(small_config(r#", "eta": -1, "sizes": [784, 0, 10], "batchSize": 0"#), &data)),
        "sizes[1] must be between 1 and 4096, got 0; eta must be > 0 and finite, got -1; batchSize must be between 1 and nTrain (800), got 0"
    );
    assert_eq!(
        thrown(Trainer::new(small_config(r#", "batchSize": 801"#), &data)),
        "batchSize must be between 1 and nTrain (800), got 801"
    );
    assert_eq!(
        thrown(Trainer::new(small_config(r#", "sizes": [10, 10]"#), &data)),
        "sizes[0] must equal the image size 784, got 10"
    );
    let unknown_cost = thrown(Trainer::new(small_config(r#", "cost": "hinge""#), &data));
    assert!(unknown_cost.starts_with("config.cost: unknown variant `hinge`"), "{unknown_cost}");
    assert_eq!(
        thrown(Trainer::new(small_config(r#", "batchSize": -5"#), &data)),
        "config.batchSize must be a whole number between 1 and 60000, got -5"
    );
    assert_eq!(
        thrown(Trainer::new(small_config(r#", "sizes": [784, 2.5, 10]"#), &data)),
        "config.sizes[1] must be a whole number between 1 and 4096, got 2.5"
    );
    let unknown_field = thrown(Trainer::new(small_config(r#", "etaa": 1"#), &data));
    assert!(unknown_field.starts_with("config: unknown field(s) etaa; the fields are sizes, "), "{unknown_field}");
    assert_eq!(thrown(Trainer::new(JsValue::from(3), &data)), "config must be a plain object, got the number 3");
    let mut trainer = Trainer::new(small_config(""), &data).unwrap_or_else(|_| panic!("valid"));
    assert_eq!(thrown(trainer.step(0.0)), "budget must be a whole number between 1 and 1000000, got 0");
    assert_eq!(
        thrown(trainer.evaluate("training", 0.0, 1.0)),
        r#"split must be "train", "validation" or "test", got "training""#
    );
    assert_eq!(thrown(trainer.predict("test", 1000.0)), "index must be a whole number between 0 and 999, got 1000");
    assert_eq!(thrown(trainer.weights(1.0)), "layer must be a whole number between 2 and 3, got 1");
    assert!(get(&trainer.step(5.0).unwrap_or_else(|_| panic!("still usable")), "loss").as_f64().unwrap() > 0.0);
}

#[wasm_bindgen_test]
fn corrupt_data_files_are_rejected_with_the_file_named() {
    let images = gunzip(include_bytes!("../data/sample/t10k-images-1k.gz"));
    let labels = gunzip(include_bytes!("../data/sample/t10k-labels-1k.gz"));
    assert_eq!(
        thrown(Mnist::from_idx(&images[..100], &labels, &images, &labels)),
        "train-images-idx3-ubyte: data length 84 bytes does not match the header's dimensions (784000 bytes)"
    );
    let gz = include_bytes!("../data/sample/t10k-labels-1k.gz");
    assert!(
        thrown(Mnist::from_idx(&images, &labels, &images, gz)).starts_with("t10k-labels-idx1-ubyte: not an IDX file")
    );
}

#[wasm_bindgen_test]
fn trainer_accepts_the_full_config_and_reports_metrics() {
    let data = sample();
    let config = small_config(
        r#", "sizes": [784, 20, 10], "activations": ["prelu", "softmax"],
        "cost": "categoricalCrossEntropy", "init": "he", "biasInit": "zero", "eta": 0.01, "regularization": "l2",
        "lambda": 1.0, "dropout": [0.1, 0.2], "batchNorm": true, "optimizer": {"kind": "adam"},
        "schedule": {"decay": {"kind": "step", "drop": 0.5, "every": 1}, "warmup": 0.5},
        "preprocess": "standardizePixel", "augmentation": {"translate": 1, "noise": 0.05}, "earlyStopping": 3"#,
    );
    assert_eq!(
        validate_config(config.clone(), &data)
            .unwrap_or_else(|_| panic!("parses"))
            .dyn_into::<js_sys::Array>()
            .unwrap()
            .length(),
        0
    );
    let mut trainer = Trainer::new(config, &data).unwrap_or_else(|e| panic!("a valid config: {:?}", JsValue::from(e)));
    let mut last = trainer.step(100.0).unwrap_or_else(|_| panic!("valid budget"));
    while get(&last, "finished").as_bool() != Some(true) {
        last = trainer.step(1000.0).unwrap_or_else(|_| panic!("valid budget"));
    }
    let loss = get(&last, "loss").as_f64().unwrap();
    assert!(loss > get(&last, "dataLoss").as_f64().unwrap(), "the L2 term is part of the loss");
    let metrics = trainer.metrics("validation", 0.0, 200.0).unwrap_or_else(|_| panic!("valid slice"));
    assert_eq!(get(&metrics, "count").as_f64(), Some(200.0));
    assert!(get(&metrics, "accuracy").as_f64().unwrap() > 0.5);
    assert_eq!(get(&metrics, "confusion").dyn_into::<js_sys::Array>().unwrap().length(), 100);
    trainer.set_optimizer(json(r#"{"kind": "momentum", "beta": 0.5}"#)).unwrap_or_else(|_| panic!("valid optimizer"));
    assert_eq!(
        thrown(trainer.set_optimizer(json(r#"{"kind": "adam", "betta": 1}"#))),
        "optimizer: unknown field(s) betta; the fields are kind, beta1, beta2, eps, biasCorrection"
    );
    assert_eq!(
        thrown(trainer.set_optimizer(json(r#"{"kind": "momentum", "beta": 1.5}"#))),
        "optimizer.beta must be in [0, 1), got 1.5"
    );
}

#[wasm_bindgen_test]
fn config_problems_are_listed_field_by_field() {
    let data = sample();
    let errors = validate_config(
        small_config(r#", "eta": -1, "dropout": [0.5], "optimizer": {"kind": "adam", "beta2": 2}"#),
        &data,
    )
    .unwrap_or_else(|_| panic!("parses"));
    let fields: Vec<String> =
        errors.dyn_into::<js_sys::Array>().unwrap().iter().map(|e| get(&e, "field").as_string().unwrap()).collect();
    assert_eq!(fields, ["eta", "dropout", "optimizer.beta2"]);
    let nested = thrown(Trainer::new(small_config(r#", "augmentation": {"rotation": 10}"#), &data));
    assert!(
        nested.starts_with(
            "config: unknown field(s) augmentation.rotation; the fields of augmentation are translate, rotate"
        ),
        "{nested}"
    );
}

#[wasm_bindgen_test]
fn chapters_get_curves_paths_and_grids() {
    let names = activation_names().unwrap_or_else(|_| panic!("serializes")).dyn_into::<js_sys::Array>().unwrap();
    assert_eq!(names.length(), 18);
    let samples = activation_samples("gelu", f64::NAN, -3.0, 3.0, 61.0).unwrap_or_else(|_| panic!("valid"));
    assert_eq!(samples.len(), 183);
    assert_eq!(
        thrown(activation_samples("softmax", f64::NAN, -1.0, 1.0, 5.0)),
        "activation softmax is not elementwise; only elementwise ones can be sampled"
    );
    assert!(thrown(activation_samples("relu7", f64::NAN, -1.0, 1.0, 5.0))
        .starts_with("activation: unknown variant `relu7`"));
    let curve =
        schedule_curve(json(r#"{"decay": {"kind": "inverse", "k": 1}}"#), 1.0, 4.0).unwrap_or_else(|_| panic!("valid"));
    assert_eq!(curve, vec![1.0, 0.5, 1.0 / 3.0, 0.25]);
    let path = optimizer_path("bowl", json(r#"{"kind": "sgd"}"#), JsValue::UNDEFINED, 0.1, 1.0, 1.0, 10.0)
        .unwrap_or_else(|_| panic!("valid"));
    assert_eq!(path.len(), 22);
    assert_eq!(&path[..4], &[1.0, 1.0, 0.9, 0.0]);
    assert_eq!(surface_grid("rosenbrock", 4.0, -2.0, 2.0, -1.0, 3.0).unwrap_or_else(|_| panic!("valid")).len(), 16);
    assert!(thrown(optimizer_path("volcano", json(r#"{"kind": "sgd"}"#), JsValue::NULL, 0.1, 0.0, 0.0, 3.0))
        .starts_with("surface: unknown variant `volcano`"));
}

#[wasm_bindgen_test]
fn the_default_config_object_goes_back_in_unchanged() {
    // The page builds its config as {...defaultConfig(), some fields}: every default field must be accepted back.
    let data = sample();
    let config = default_config().unwrap_or_else(|_| panic!("defaults serialize"));
    for (key, value) in [("nTrain", 800.0), ("nValidation", 200.0), ("epochs", 1.0)] {
        Reflect::set(&config, &key.into(), &value.into()).unwrap();
    }
    for key in ["optimizer", "schedule", "augmentation", "dropout", "activations", "earlyStopping", "preprocess"] {
        assert!(Reflect::has(&config, &key.into()).unwrap(), "defaultConfig() has {key}");
    }
    let mut trainer = Trainer::new(config, &data).unwrap_or_else(|_| panic!("the defaults are valid"));
    let progress = trainer.step(10.0).unwrap_or_else(|_| panic!("valid budget"));
    assert_eq!(get(&progress, "eta").as_f64(), Some(3.0));
    assert!(get(&progress, "validationAccuracy").as_f64().unwrap().is_nan());
}

/// FNV-1a over the bits of the weights, as tests/determinism.rs computes it natively.
fn weights_hash(layers: &[Vec<f32>]) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325u64;
    for x in layers.iter().flatten() {
        for byte in x.to_bits().to_le_bytes() {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

/// "Same kernels, same order": the fixed-seed run of tests/determinism.rs ends with the very same weights in the
/// browser (simd128) as natively (SSE2 or portable lanes). Update both golden values together.
#[wasm_bindgen_test]
fn the_fixed_seed_run_has_the_same_weights_as_natively() {
    let data = sample();
    let config = json(r#"{"nTrain": 800, "nValidation": 200, "epochs": 2, "seed": 7}"#);
    let mut trainer = Trainer::new(config, &data).unwrap_or_else(|_| panic!("valid"));
    while get(&trainer.step(1000.0).unwrap_or_else(|_| panic!("valid")), "finished").as_bool() != Some(true) {}
    let layers = [2.0, 3.0].map(|l| trainer.weights(l).unwrap_or_else(|_| panic!("valid layer")));
    assert_eq!(weights_hash(&layers), 0xc50f_620d_09e9_4b8e, "w³[0..3] = {:?}", &layers[1][..3]);
}

/// The simd128 kernels give the bits of the portable lanes on MNIST-like (sparse) inputs.
#[wasm_bindgen_test]
fn simd128_kernels_match_the_portable_lanes_bit_for_bit() {
    use nnlab::math::gemm::{self, portable};
    let mut state = 1u32;
    let mut next = move || {
        state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        (state >> 8) as f32 / (1u32 << 24) as f32 - 0.5
    };
    for &(m, n, k) in &[(10, 30, 784), (7, 13, 101), (3, 100, 67), (1, 9, 8)] {
        let a: Vec<f32> = (0..m * k).map(|i| if (i / 12) % 3 == 0 { 0.0 } else { next().max(0.0) }).collect();
        let w: Vec<f32> = (0..n * k).map(|_| next()).collect();
        let delta: Vec<f32> = (0..m * n).map(|_| next()).collect();
        let run = |f: Kernel, shape: (usize, usize, usize), x: &[f32], y: &[f32]| {
            let mut c = vec![f32::NAN; shape.0 * shape.1];
            f(shape.0, shape.1, shape.2, x, y, &mut c);
            c.iter().map(|v| v.to_bits()).collect::<Vec<u32>>()
        };
        assert_eq!(
            run(gemm::gemm_abt, (m, n, k), &a, &w),
            run(portable::gemm_abt, (m, n, k), &a, &w),
            "abt {m}×{n}×{k}"
        );
        assert_eq!(run(gemm::gemm_atb, (n, k, m), &delta, &a), run(portable::gemm_atb, (n, k, m), &delta, &a), "atb");
        assert_eq!(run(gemm::gemm_ab, (m, k, n), &delta, &w), run(portable::gemm_ab, (m, k, n), &delta, &w), "ab");
    }
}

#[wasm_bindgen_test]
fn inputs_preprocessing_and_augmentation_are_visible() {
    let data = sample();
    let mut trainer =
        Trainer::new(small_config(r#", "preprocess": "centerPixel""#), &data).unwrap_or_else(|_| panic!("valid"));
    let input = trainer.input("test", 0.0).unwrap_or_else(|_| panic!("valid index"));
    let stats = trainer.preprocess_stats().unwrap_or_else(|_| panic!("stats"));
    let mean = get(&stats, "mean").dyn_into::<js_sys::Float32Array>().unwrap().to_vec();
    let pixels = trainer.image("test", 0.0).unwrap_or_else(|_| panic!("valid index"));
    assert_eq!(input[300], f32::from(pixels[300]) * (1.0 / 255.0) - mean[300]);
    let augment = |config: &str, seed: f64| augment_image(&pixels, json(config), seed);
    let a = augment(r#"{"rotate": 15, "noise": 0.1}"#, 3.0).unwrap_or_else(|_| panic!("valid"));
    assert_eq!(a.len(), 784);
    assert_eq!(a, augment(r#"{"rotate": 15, "noise": 0.1}"#, 3.0).unwrap_or_else(|_| panic!("valid")));
    assert_eq!(thrown(augment(r#"{"rotate": 500}"#, 1.0)), "augmentation.rotate must be between 0 and 180, got 500");
    assert_eq!(thrown(augment_image(&pixels[..10], json("{}"), 1.0)), "pixels must hold 784 values (28×28), got 10");
}

#[wasm_bindgen(inline_js = "
export function make_odd(kind, eta) {
    switch (kind) {
        case 'Map': return new Map([['eta', eta]]);
        case 'Date': return new Date(0);
        case 'RegExp': return /eta/;
        case 'array': return [eta];
        case 'nullProto': { const o = Object.create(null); o.nTrain = 800; o.nValidation = 200; o.eta = eta; return o; }
        case 'cycle': { const o = {nTrain: 800}; o.optimizer = o; return o; }
        case 'class': { class Settings { constructor() { this.eta = eta; } } return new Settings(); }
    }
}
export function deep(depth) {
    let inner = {kind: 'sgd'};
    for (let i = 0; i < depth; i++) inner = {kind: inner};
    return {nTrain: 800, nValidation: 200, optimizer: inner};
}
export function long_string(n) { return 'x'.repeat(n); }
")]
extern "C" {
    fn make_odd(kind: &str, eta: f64) -> JsValue;
    fn deep(depth: u32) -> JsValue;
    fn long_string(n: u32) -> String;
}

/// A valid Trainer still builds and trains: nothing before it left the module broken.
#[track_caller]
fn still_works(data: &Mnist) {
    let mut trainer = Trainer::new(small_config(""), data).unwrap_or_else(|_| panic!("a valid config still works"));
    let progress = trainer.step(3.0).unwrap_or_else(|_| panic!("a valid budget"));
    assert!(get(&progress, "loss").as_f64().unwrap().is_finite());
}

/// Defect 2 of issue 14: a config nested thousands of levels deep overflowed the stack in serde; after the second
/// such call every wasm call failed with "memory access out of bounds" until reload.
#[wasm_bindgen_test]
fn deeply_nested_configs_are_rejected_and_the_module_keeps_working() {
    let data = sample();
    for _ in 0..2 {
        assert_eq!(
            thrown(Trainer::new(deep(10_000), &data)),
            "config is nested more than 32 levels deep (at config.optimizer.kind.kind.kind.kind.kin…); a config needs 3"
        );
    }
    still_works(&data);
}

/// Defect 6 of issue 14: a Map with η = −1 trained with η = 3 (read as {}), Object.create(null) was rejected, and
/// `sizes: "784,30,10"` gave "Reflect.get called on non-object".
#[wasm_bindgen_test]
fn odd_js_values_are_named_and_plain_objects_without_a_prototype_accepted() {
    let data = sample();
    for (kind, name) in
        [("Map", "Map"), ("Date", "Date"), ("RegExp", "RegExp"), ("array", "an array"), ("class", "Settings")]
    {
        assert_eq!(
            thrown(Trainer::new(make_odd(kind, -1.0), &data)),
            format!("config must be a plain object, got {name}")
        );
    }
    let mut trainer = Trainer::new(make_odd("nullProto", 0.5), &data).unwrap_or_else(|_| panic!("a plain object"));
    assert_eq!(get(&trainer.step(1.0).unwrap_or_else(|_| panic!("valid")), "eta").as_f64(), Some(0.5));
    assert_eq!(
        thrown(Trainer::new(small_config(r#", "sizes": "784,30,10""#), &data)),
        r#"config.sizes must be an array of whole numbers, got a string ("784,30,10")"#
    );
    still_works(&data);
}

/// Defect 7 of issue 14: epochs 99999999999 and a 20-digit seed got serde's wording, η 1e-300 was reported as
/// "got 0".
#[wasm_bindgen_test]
fn numbers_out_of_range_get_plain_words() {
    let data = sample();
    assert_eq!(
        thrown(Trainer::new(small_config(r#", "epochs": 99999999999"#), &data)),
        "config.epochs must be a whole number between 1 and 10000, got 99999999999"
    );
    assert_eq!(
        thrown(Trainer::new(small_config(r#", "seed": 12345678901234567890"#), &data)),
        "config.seed must be a whole number between 0 and 9007199254740992, got 12345678901234567000"
    );
    assert_eq!(
        thrown(Trainer::new(small_config(r#", "eta": 1e-300"#), &data)),
        "config.eta must be 0 or at least 1.2e-38 in size (the range of a 32-bit float), got 1e-300"
    );
}

/// Issue 14's table of hostile values: each throws an Error with a clear message, and a valid Trainer still works
/// after every one of them.
#[wasm_bindgen_test]
fn hostile_values_throw_clear_errors_and_leave_the_module_working() {
    let data = sample();
    let long = long_string(1_000_000);
    let long_key = json(&format!(r#"{{"{}": 1}}"#, "k".repeat(100_000)));
    let cases: Vec<(&str, JsValue, &str)> = vec![
        ("a string", JsValue::from("784,30,10"), r#"config must be a plain object, got a string ("784,30,10")"#),
        ("null", JsValue::NULL, "config must be a plain object, got null"),
        ("undefined", JsValue::UNDEFINED, "config must be a plain object, got undefined"),
        ("true", JsValue::TRUE, "config must be a plain object, got true"),
        ("NaN", JsValue::from(f64::NAN), "config must be a plain object, got the number NaN"),
        ("a cycle", make_odd("cycle", 1.0), "config is nested more than 32 levels deep"),
        ("deep nesting", deep(100_000), "config is nested more than 32 levels deep"),
        ("a wide array", small_config(&format!(r#", "dropout": [{}]"#, vec!["0"; 20_000].join(","))), "config.dropout must have at most 10000 entries, got 20000"),
        ("huge sizes", small_config(r#", "sizes": [784, 1e300, 10]"#), "config.sizes[1] must be at most 3.4e38 in size, got 1e300"),
        ("big sizes", small_config(r#", "sizes": [784, 4096, 4096, 4096, 4096, 10], "batchSize": 800, "optimizer": {"kind": "adam"}, "earlyStopping": 2"#), "this network needs "),
        ("a width past the limit", small_config(r#", "sizes": [784, 100000, 10]"#), "sizes[1] must be between 1 and 4096, got 100000"),
        ("η = NaN (JSON null)", small_config(r#", "eta": null"#), "config.eta must be a number, got null"),
        ("η = Infinity", { let c = small_config(""); Reflect::set(&c, &"eta".into(), &f64::INFINITY.into()).unwrap(); c }, "eta must be > 0 and finite, got inf"),
        ("λ = -Infinity", { let c = small_config(""); Reflect::set(&c, &"lambda".into(), &f64::NEG_INFINITY.into()).unwrap(); c }, "lambda must be between 0 and 10000, got -inf"),
        ("__proto__ key", json(r#"{"nTrain": 800, "nValidation": 200, "__proto__": {"eta": -1}}"#), "config: unknown field(s) __proto__"),
        ("constructor key", small_config(r#", "constructor": {"name": "x"}"#), "config: unknown field(s) constructor"),
        ("a very long string", { let c = small_config(""); Reflect::set(&c, &"cost".into(), &long.clone().into()).unwrap(); c }, "config.cost must be at most 64 characters long, got 1000000 (\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…\")"),
        ("a very long key", long_key, "config has a key longer than 64 characters (\"kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk…\")"),
        ("an unknown variant", small_config(r#", "cost": "hingeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee""#), "config.cost: unknown variant `hingeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee…`"),
        ("optimizer as a string", small_config(r#", "optimizer": "adam""#), "config.optimizer must be an object, got a string (\"adam\")"),
        ("a function", js_sys::Function::new_no_args("return 1").into(), "config must be a plain object, got a function"),
    ];
    for (name, value, expected) in cases {
        let message = thrown(Trainer::new(value, &data));
        assert!(message.starts_with(expected), "{name}: {message}");
        assert!(
            message.chars().count() < 400,
            "{name}: the message repeats too much input ({} characters)",
            message.chars().count()
        );
        still_works(&data);
    }
}

/// Defect 1 of issue 14, measured in the browser: how much wasm memory has grown since before the first of three
/// ever larger runs (each dropped before the next, so the heap's growth is the largest run's allocation), against
/// the estimate.
#[wasm_bindgen_test]
fn wasm_memory_grows_by_about_the_estimate() {
    let data = sample();
    let bytes = || {
        let memory = wasm_bindgen::memory().unchecked_into::<js_sys::WebAssembly::Memory>();
        memory.buffer().unchecked_into::<js_sys::ArrayBuffer>().byte_length() as f64
    };
    let start = bytes();
    for config in [
        r#", "sizes": [784, 1024, 1024, 10], "batchSize": 800, "optimizer": {"kind": "adam"}"#,
        r#", "sizes": [784, 2048, 2048, 10], "batchSize": 500, "earlyStopping": 1"#,
        r#", "sizes": [784, 4096, 4096, 10], "batchSize": 100, "optimizer": {"kind": "momentum"}"#,
    ] {
        let trainer = Trainer::new(small_config(config), &data).unwrap_or_else(|_| panic!("within the budget"));
        let grown = bytes() - start;
        let estimate = trainer.memory_estimate();
        let error = (estimate - grown) / grown;
        console_log!("{config}: wasm memory grew by {grown} bytes, estimate {estimate} bytes ({:+.2}%)", 100.0 * error);
        assert!(error.abs() < 0.05, "grew {grown}, estimated {estimate}");
        drop(trainer);
    }
}
