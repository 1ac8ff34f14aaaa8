//! Chapter 9: the computational graph — the slide's f(x, y, z) = (x + y)(y − z) by hand, the gate patterns, and
//! backprop through random expressions against central differences.

use nnlab::lab::expr;
use nnlab::lab::graph::{slide_graph, Graph, Op};
use nnlab::math::rng::Rng;

#[test]
fn the_slide_example_gives_1_6_minus_5() {
    // f = W · N with W = x + y, N = y − z. Backward: ∂f/∂W = N, ∂f/∂N = W; x reaches f through W only, z through
    // N only (∂N/∂z = −1), y through both branches, which add:
    //   ∂f/∂x = N = y − z,   ∂f/∂y = N + W = (y − z) + (x + y),   ∂f/∂z = −W = −(x + y).
    // The slide's 1, 6, −5 need y − z = 1 and x + y = 5, so x = 3, y = 2, z = 1 (f = 5).
    let (g, f) = slide_graph(3.0, 2.0, 1.0);
    assert_eq!(g.nodes[f].value, 5.0);
    let back = g.backward(f, 1.0);
    let grad = |name: &str| back.grads[g.find_variable(name).unwrap()];
    assert_eq!((grad("x"), grad("y"), grad("z")), (1.0, 6.0, -5.0));
    // Each node shows only its local gradients: the multiply gate switches its inputs, add passes 1, sub ±1.
    let mul = back.steps.iter().find(|s| s.node == f).unwrap();
    assert_eq!(mul.local, vec![1.0, 5.0]);
    assert_eq!(back.steps.len(), 6, "every node is visited once, from f down");
}

#[test]
fn gate_patterns() {
    let grads = |text: &str, x: f64, y: f64, upstream: f64| {
        let e = expr::parse(text, |n| if n == "x" { x } else { y }).unwrap();
        let back = e.graph.backward(e.output, upstream);
        let v = |n: &str| e.graph.find_variable(n).map_or(f64::NAN, |i| back.grads[i]);
        (v("x"), v("y"))
    };
    assert_eq!(grads("x + y", 3.0, -4.0, 2.0), (2.0, 2.0), "add passes the gradient unchanged");
    assert_eq!(grads("x * y", 3.0, -4.0, 2.0), (-8.0, 6.0), "multiply switches the inputs");
    assert_eq!(grads("max(x, y)", 3.0, -4.0, 2.0), (2.0, 0.0), "max routes it to the larger input");
    assert_eq!(grads("relu(x)", 3.0, 0.0, 2.0).0, 2.0, "ReLU passes it for a positive input");
    assert_eq!(grads("relu(x)", -3.0, 0.0, 2.0).0, 0.0, "ReLU stops it otherwise");
    assert_eq!(grads("x * y + x", 3.0, -4.0, 1.0).0, -3.0, "branches add: y + 1");
}

/// A random expression over x, y, z whose every operation is defined and smooth away from kinks of max/relu.
fn random_expression(rng: &mut Rng, depth: usize) -> String {
    let leaf = |rng: &mut Rng| match rng.below(4) {
        0 => "x".to_string(),
        1 => "y".to_string(),
        2 => "z".to_string(),
        _ => format!("{:.2}", 0.5 + 2.0 * rng.uniform()),
    };
    if depth == 0 {
        return leaf(rng);
    }
    let a = random_expression(rng, depth - 1);
    let b = random_expression(rng, depth - 1);
    match rng.below(13) {
        0 => format!("({a} + {b})"),
        1 => format!("({a} - {b})"),
        2 => format!("{a} * {b}"),
        3 => format!("{a} / (1 + ({b})^2)"),
        4 => format!("(1 + ({a})^2)^0.5"),
        5 => format!("max({a}, {b})"),
        6 => format!("relu({a})"),
        7 => format!("exp(tanh({a}))"),
        8 => format!("log(1 + ({a})^2)"),
        9 => format!("sigmoid({a})"),
        10 => format!("tanh({a})"),
        11 => format!("-{a}"),
        _ => format!("({a})^3 ÷ 4"),
    }
}

#[test]
fn gradients_equal_central_differences_on_random_expressions() {
    let mut rng = Rng::new(7, 0);
    let mut worst: f64 = 0.0;
    let mut checked = 0;
    for _ in 0..300 {
        let depth = 1 + rng.below(4) as usize;
        let text = random_expression(&mut rng, depth);
        let vals =
            [rng.uniform() as f64 * 4.0 - 2.0, rng.uniform() as f64 * 4.0 - 2.0, rng.uniform() as f64 * 4.0 - 2.0];
        let e = expr::parse(&text, |n| vals[(n.as_bytes()[0] - b'x') as usize])
            .unwrap_or_else(|err| panic!("{text}: {err}"));
        let back = e.graph.backward(e.output, 1.0);
        for name in e.graph.variables() {
            let i = e.graph.find_variable(&name).unwrap();
            let numeric = e.graph.numeric_gradient(e.output, &name, 1e-6);
            let analytic = back.grads[i];
            if !numeric.is_finite() || near_a_kink(&e.graph) {
                continue;
            }
            let err = (numeric - analytic).abs() / numeric.abs().max(analytic.abs()).max(1e-6);
            worst = worst.max(err);
            checked += 1;
            assert!(err < 1e-4, "{text} at {vals:?}: ∂f/∂{name} = {analytic} by backprop, {numeric} numerically");
        }
    }
    println!("graph: {checked} gradients checked, largest relative error {worst:.2e}");
    assert!(checked > 300);
}

/// Whether some max or relu has its inputs within 10⁻⁴ of its kink (where a difference quotient straddles it).
fn near_a_kink(g: &Graph) -> bool {
    g.nodes.iter().any(|n| match n.op {
        Op::Relu => g.nodes[n.inputs[0]].value.abs() < 1e-4,
        Op::Max => (g.nodes[n.inputs[0]].value - g.nodes[n.inputs[1]].value).abs() < 1e-4,
        _ => false,
    })
}
