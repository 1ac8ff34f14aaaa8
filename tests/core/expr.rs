//! Chapter 9: the expression parser — valid input parses to the right value, invalid input is an error with the
//! character position and a message, never a panic.

use nnlab::lab::expr::{parse, MAX_CHARS, MAX_DEPTH};

fn value(text: &str) -> f64 {
    let e = parse(text, |n| match n {
        "x" => 3.0,
        "y" => 2.0,
        "z" => 1.0,
        _ => 0.5,
    })
    .unwrap_or_else(|err| panic!("{text:?} should parse: {err}"));
    e.graph.nodes[e.output].value
}

#[test]
fn valid_expressions() {
    let table: [(&str, f64); 18] = [
        ("(x + y)*(y - z)", 5.0),
        ("(x + y) × (y − z)", 5.0),
        ("x*y+z", 7.0),
        ("x + y * z", 5.0),
        ("x - y - z", 0.0),
        ("x / y / 3", 0.5),
        ("x ÷ y", 1.5),
        ("2^3^2", 512.0),
        ("-x^2", -9.0),
        ("2^-1", 0.5),
        ("max(x, y) - max(-x, z)", 2.0),
        ("relu(z - x) + relu(x)", 3.0),
        ("exp(0) + log(1)", 1.0),
        ("sigmoid(0) + tanh(0)", 0.5),
        ("  ((x))  ", 3.0),
        ("1.5 * .5", 0.75),
        ("weight_1 + w2", 1.0),
        ("x·y", 6.0),
    ];
    for (text, want) in table {
        assert!((value(text) - want).abs() < 1e-12, "{text} = {} but should be {want}", value(text));
    }
    // A variable used twice is one node: its uses are branches.
    let e = parse("x * x + x", |_| 2.0).unwrap();
    assert_eq!(e.graph.variables(), vec!["x".to_string()]);
    let back = e.graph.backward(e.output, 1.0);
    assert_eq!(back.grads[e.graph.find_variable("x").unwrap()], 5.0);
}

#[test]
fn invalid_expressions_have_a_position_and_a_message() {
    let long = "x+".repeat(MAX_CHARS);
    let deep = format!("{}x{}", "(".repeat(MAX_DEPTH + 1), ")".repeat(MAX_DEPTH + 1));
    let minus = "-".repeat(MAX_DEPTH + 5) + "x";
    let powers = "2^".repeat(MAX_DEPTH + 1) + "2";
    let table: Vec<(&str, usize, &str)> = vec![
        ("", 0, "empty"),
        ("   ", 0, "empty"),
        ("x +", 3, "ends too early"),
        ("(x + y", 6, "missing ')'"),
        ("x + y)", 5, "no '('"),
        ("x $ y", 2, "expected an operator"),
        ("x + $", 4, "not allowed"),
        ("* x", 0, "needs something on its left"),
        ("2x", 1, "between a number and a name"),
        ("1.2.3", 0, "not a number"),
        ("foo(x)", 0, "unknown function"),
        ("exp x", 4, "parentheses"),
        ("max(x)", 0, "takes 2 arguments"),
        ("relu(x, y)", 0, "takes one argument"),
        ("max(x, y", 8, "missing ')'"),
        ("x, y", 1, "separates the arguments"),
        ("()", 1, "before ')'"),
        ("a+b+c+d+e+f+g+h+i", 16, "at most 8"),
        (&long, MAX_CHARS, "too long"),
        (&deep, MAX_DEPTH, "nested too deeply"),
        (&minus, MAX_DEPTH, "nested too deeply"),
        (&powers, 2 * MAX_DEPTH + 1, "nested too deeply"),
    ];
    for (text, position, words) in table {
        let err = parse(text, |_| 1.0).err().unwrap_or_else(|| panic!("{text:?} should be rejected"));
        assert!(err.message.contains(words), "{text:?}: {:?} should say {words:?}", err.message);
        assert_eq!(err.position, position, "{text:?}: {err}");
    }
}

#[test]
fn no_input_panics() {
    // Every prefix of some tricky strings, and every character of a small alphabet in pairs.
    let alphabet = ["x", "1", ".", "(", ")", "+", "-", "−", "*", "/", "^", ",", "max", "exp", " ", "é", "∑"];
    for a in alphabet {
        for b in alphabet {
            for c in alphabet {
                let _ = parse(&format!("{a}{b}{c}"), |_| 1.0);
            }
        }
    }
}
