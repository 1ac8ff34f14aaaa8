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

/// A whole number written as a float (JS sends 3 as 3.0 after arithmetic) is that number; a value of the wrong
/// type names what the field takes.
#[test]
fn whole_floats_are_accepted_and_a_wrong_type_names_what_the_field_takes() {
    let config: TrainConfig = serde_json::from_str(r#"{"epochs": 3.0, "sizes": [784.0, 30.0, 10.0]}"#).unwrap();
    assert_eq!((config.epochs, config.sizes), (3, vec![784, 30, 10]));
    let text = parse_error(r#"{"epochs": "three"}"#);
    assert!(text.starts_with(r#"invalid type: string "three", expected a whole number between 1 and 10000"#), "{text}");
    let scalar = parse_error(r#"{"sizes": 30}"#);
    assert!(
        scalar.starts_with("invalid type: integer `30`, expected an array of whole numbers between 1 and 4096"),
        "{scalar}"
    );
}

/// Numbers in messages as JS shows them: exponent form from 10²¹ up and below 10⁻⁶, plain digits between.
#[test]
fn numbers_read_as_javascript_writes_them() {
    use nnlab::train::whole::number;
    assert_eq!(number(1e300), "1e300");
    assert_eq!(number(1e21), "1e21");
    assert_eq!(number(1e20), "100000000000000000000");
    assert_eq!(number(-2.5), "-2.5");
    assert_eq!(number(0.0), "0");
    assert_eq!(number(1e-6), "0.000001");
    assert_eq!(number(-1e-7), "-1e-7");
}
