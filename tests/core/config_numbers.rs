//! Defect 7 of issue 14 (core side): numbers a whole-number field cannot hold got serde's wording ("invalid type:
//! floating point", "expected usize"); now the message names the range in plain words. JSON here; the browser gets
//! the same messages with the field's path in front (tests/web.rs).

use nnlab::train::TrainConfig;

fn parse_error(json: &str) -> String {
    serde_json::from_str::<TrainConfig>(json).unwrap_err().to_string()
}

#[test]
fn out_of_range_whole_numbers_are_named_with_their_range() {
    let huge_epochs = parse_error(r#"{"epochs": 1e20}"#); // 99999999999 fails like this in wasm32, where usize is 32 bits
    assert!(
        huge_epochs.starts_with("must be a whole number between 1 and 10000, got 100000000000000000000"),
        "{huge_epochs}"
    );
    let seed = parse_error(r#"{"seed": 123456789012345678901}"#);
    assert!(seed.starts_with("must be a whole number between 0 and 9007199254740992, got 1"), "{seed}");
    let seed = parse_error(r#"{"seed": 12345678901234567890}"#);
    assert!(
        seed.starts_with("must be a whole number between 0 and 9007199254740992, got 12345678901234567890"),
        "{seed}"
    );
    let negative = parse_error(r#"{"batchSize": -5}"#);
    assert!(negative.starts_with("must be a whole number between 1 and 60000, got -5"), "{negative}");
    let fraction = parse_error(r#"{"sizes": [784, 2.5, 10]}"#);
    assert!(fraction.starts_with("must be a whole number between 1 and 4096, got 2.5"), "{fraction}");
    // values the type holds go on to validation, which reports every field at once
    let config: TrainConfig = serde_json::from_str(r#"{"epochs": 20000, "sizes": [784, 5000, 10]}"#).unwrap();
    assert_eq!((config.epochs, config.sizes[1]), (20000, 5000));
}
