//! Chapter 1: perceptrons, gates, the NAND adder and the perceptron learning rule, against truth tables and
//! hand computation.

use nnlab::lab::perceptron::{
    full_adder, half_adder, output_threshold, ripple_add, Gate, Learner, Outcome, Perceptron, ROWS,
};

/// The truth tables, written out by hand, rows (0,0), (0,1), (1,0), (1,1).
const TABLES: [(Gate, [u8; 4]); 5] = [
    (Gate::And, [0, 0, 0, 1]),
    (Gate::Or, [0, 1, 1, 1]),
    (Gate::Nand, [1, 1, 1, 0]),
    (Gate::Nor, [1, 0, 0, 0]),
    (Gate::Xor, [0, 1, 1, 0]),
];

fn inputs(row: [u8; 2]) -> [f32; 2] {
    [f32::from(row[0]), f32::from(row[1])]
}

#[test]
fn every_gate_has_its_truth_table_and_its_perceptron_reproduces_it() {
    for (gate, table) in TABLES {
        let truth: Vec<u8> = ROWS.iter().map(|r| gate.truth(r[0], r[1])).collect();
        assert_eq!(truth, table, "{gate:?}");
        assert_eq!(Gate::from_name(gate.name()), Ok(gate));
        match gate.perceptron() {
            Some(p) => {
                let outputs: Vec<u8> = ROWS.iter().map(|&r| p.output(&inputs(r))).collect();
                assert_eq!(outputs, table, "{gate:?} perceptron w = {:?}, b = {}", p.w, p.b);
            }
            None => assert_eq!(gate, Gate::Xor, "only XOR lacks a perceptron"),
        }
    }
    assert!(Gate::from_name("xnor").unwrap_err().contains("\"and\", \"or\", \"nand\", \"nor\", \"xor\""));
}

#[test]
fn the_lecture_nand_perceptron() {
    // w = (−2, −2), b = 3: z = 3, 1, 1, −1 on the four rows.
    let nand = Perceptron { w: vec![-2.0, -2.0], b: 3.0 };
    let outputs: Vec<u8> = ROWS.iter().map(|&r| nand.output(&inputs(r))).collect();
    assert_eq!(outputs, [1, 1, 1, 0]);
    assert_eq!(Gate::Nand.perceptron(), Some(nand));
}

#[test]
fn threshold_form_agrees_with_bias_form() {
    let values = [-2.0f32, -1.0, -0.5, 0.0, 0.25, 1.0, 3.0];
    for &w1 in &values {
        for &w2 in &values {
            for &threshold in &values {
                let p = Perceptron { w: vec![w1, w2], b: -threshold };
                for &x in &[[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [0.5, -2.0], [3.0, 0.25]] {
                    assert_eq!(
                        output_threshold(&p.w, &x, threshold),
                        p.output(&x),
                        "w {:?} x {x:?} t {threshold}",
                        p.w
                    );
                }
            }
        }
    }
}

#[test]
fn half_adder_adds_two_bits() {
    for (x1, x2) in [(0, 0), (0, 1), (1, 0), (1, 1)] {
        let h = half_adder(x1, x2);
        assert_eq!(h.sum, x1 ^ x2, "sum of {x1} + {x2}");
        assert_eq!(h.carry, x1 & x2, "carry of {x1} + {x2}");
        assert_eq!((h.gates[3], h.gates[4]), (h.sum, h.carry), "sum = g4, carry = g5");
    }
    // By hand for 1 + 1: g1 = NAND(1,1) = 0, g2 = NAND(1,0) = 1, g3 = 1, g4 = NAND(1,1) = 0, g5 = NAND(0,0) = 1.
    assert_eq!(half_adder(1, 1).gates, [0, 1, 1, 0, 1]);
}

#[test]
fn full_adder_adds_three_bits() {
    for a in 0..2 {
        for b in 0..2 {
            for c in 0..2 {
                let g = full_adder(a, b, c);
                assert_eq!(2 * g[8] + g[7], a + b + c, "{a} + {b} + {c}: carry g9, sum g8");
                assert_eq!(g[3], a ^ b, "g4 = a XOR b");
            }
        }
    }
}

#[test]
fn ripple_add_adds_every_pair_of_4_bit_numbers() {
    for a in 0..16 {
        for b in 0..16 {
            let adder = ripple_add(a, b, 4).unwrap();
            assert_eq!(adder.sum, a + b, "{a} + {b}");
            assert_eq!(adder.gates.len(), 36);
            assert_eq!(adder.carries.len(), 4);
            assert_eq!(u32::from(adder.carries[3]), (a + b) >> 4, "the final carry is the fifth sum bit");
            for i in 0..4 {
                assert_eq!(
                    adder.gates[9 * i + 7],
                    ((a + b) >> i) as u8 & 1,
                    "{a} + {b}: sum bit {i} is g8 of adder {i}"
                );
            }
        }
    }
    for (a, b) in [(0, 0), (255, 255), (200, 100), (127, 1), (170, 85), (99, 156)] {
        assert_eq!(ripple_add(a, b, 8).unwrap().sum, a + b, "{a} + {b}");
    }
    assert_eq!(ripple_add(0, 0, 0).unwrap_err(), "bits must be between 1 and 8, got 0");
    assert_eq!(ripple_add(0, 0, 9).unwrap_err(), "bits must be between 1 and 8, got 9");
    assert_eq!(ripple_add(16, 0, 4).unwrap_err(), "a must be between 0 and 15 for 4 bits, got 16");
    assert_eq!(ripple_add(0, 2, 1).unwrap_err(), "b must be between 0 and 1 for 1 bits, got 2");
}

#[test]
fn the_rule_on_and_step_by_step() {
    // From w = (0, 0), b = 0, η = 1 (ŷ = 1 only if w·x + b > 0):
    // 1. (0,0) y 0: z = 0, ŷ 0, no update.
    // 2. (0,1) y 0: z = 0, ŷ 0.   3. (1,0) y 0: z = 0, ŷ 0.
    // 4. (1,1) y 1: z = 0, ŷ 0 → w = (1,1), b = 1.   Epoch 1: one error.
    // 5. (0,0) y 0: z = 1, ŷ 1 → w = (1,1) − (0,0) = (1,1), b = 0.
    // 6. (0,1) y 0: z = 1, ŷ 1 → w = (1,0), b = −1.
    // 7. (1,0) y 0: z = 0, ŷ 0.
    // 8. (1,1) y 1: z = 0, ŷ 0 → w = (2,1), b = 0.   Epoch 2: three errors.
    let expected: [(usize, u8, u8, bool, [f32; 2], f32); 8] = [
        (0, 0, 0, false, [0.0, 0.0], 0.0),
        (1, 0, 0, false, [0.0, 0.0], 0.0),
        (2, 0, 0, false, [0.0, 0.0], 0.0),
        (3, 1, 0, true, [1.0, 1.0], 1.0),
        (0, 0, 1, true, [1.0, 1.0], 0.0),
        (1, 0, 1, true, [1.0, 0.0], -1.0),
        (2, 0, 0, false, [1.0, 0.0], -1.0),
        (3, 1, 0, true, [2.0, 1.0], 0.0),
    ];
    let mut learner = Learner::new(Gate::And, 1.0, [0.0, 0.0], 0.0).unwrap();
    for (n, (row, y, y_hat, updated, w, b)) in expected.into_iter().enumerate() {
        let step = learner.step();
        assert_eq!(
            (step.row, step.x, step.y, step.y_hat, step.updated, step.w, step.b),
            (row, ROWS[row], y, y_hat, updated, w, b),
            "step {}",
            n + 1
        );
        if n == 3 {
            assert_eq!((learner.epoch(), learner.errors_this_epoch()), (1, 1));
        }
    }
    assert_eq!((learner.epoch(), learner.steps(), learner.errors_this_epoch()), (2, 8, 3));
    assert!(!learner.converged() && !learner.cycled());
}

#[test]
fn the_rule_learns_every_linearly_separable_gate() {
    for gate in [Gate::And, Gate::Or, Gate::Nand, Gate::Nor] {
        let mut learner = Learner::new(gate, 1.0, [0.0, 0.0], 0.0).unwrap();
        let outcome = learner.run(20);
        println!("{gate:?}: converged after {} epochs, w = {:?}, b = {}", learner.epoch(), learner.w(), learner.b());
        assert_eq!(outcome, Outcome::Converged, "{gate:?}");
        assert!(learner.epoch() <= 10, "{gate:?} took {} epochs", learner.epoch());
        let p = Perceptron { w: learner.w().to_vec(), b: learner.b() };
        for r in ROWS {
            assert_eq!(p.output(&inputs(r)), gate.truth(r[0], r[1]), "{gate:?} learned at {r:?}");
        }
        assert!(!learner.cycled());
        // Converged means nothing changes any more.
        for _ in 0..8 {
            assert!(!learner.step().updated);
        }
    }
}

#[test]
fn the_rule_never_learns_xor_and_says_it_cycles() {
    let mut learner = Learner::new(Gate::Xor, 1.0, [0.0, 0.0], 0.0).unwrap();
    let outcome = learner.run(1_000);
    println!(
        "XOR: cycle detected after {} steps ({} epochs), w = {:?}, b = {}",
        learner.steps(),
        learner.epoch(),
        learner.w(),
        learner.b()
    );
    assert_eq!(outcome, Outcome::Cycled);
    assert!(learner.epoch() < 1_000);
    while learner.epoch() < 1_000 {
        learner.step();
        assert!(!learner.converged(), "XOR converged at step {}", learner.steps());
    }
    assert!(learner.cycled());
    // Non-zero start and a different exactly representable η cycle too.
    let mut learner = Learner::new(Gate::Xor, 0.5, [0.25, -1.0], 2.0).unwrap();
    assert_eq!(learner.run(1_000), Outcome::Cycled);
}

#[test]
fn the_learner_rejects_bad_numbers() {
    assert_eq!(Learner::new(Gate::And, 0.0, [0.0, 0.0], 0.0).unwrap_err(), "eta must be > 0 and finite, got 0");
    assert_eq!(Learner::new(Gate::And, 1.0, [f32::NAN, 0.0], 0.0).unwrap_err(), "w1 must be a finite number, got NaN");
    assert_eq!(
        Learner::new(Gate::And, 1.0, [0.0, 0.0], f32::INFINITY).unwrap_err(),
        "b must be a finite number, got inf"
    );
}
