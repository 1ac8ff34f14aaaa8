//! The lecture's XOR example: the given weights compute XOR exactly; training from a seed learns it.

use nnlab::lab::xor::{XorLab, TARGETS};

#[test]
fn lecture_weights_give_the_lecture_outputs() {
    let lab = XorLab::lecture();
    assert_eq!(lab.outputs(), &TARGETS, "outputs for (0,0), (0,1), (1,0), (1,1)");
    // The slide's hidden representation: h = (0,0), (1,0), (1,0), (2,1).
    assert_eq!(lab.hidden(), &[0.0, 0.0, 1.0, 0.0, 1.0, 0.0, 2.0, 1.0]);
    assert_eq!(lab.correct(), 4);
    assert_eq!(lab.loss(), 0.0);
    assert_eq!(lab.params(), [1.0, 1.0, 1.0, 1.0, 0.0, -1.0, 1.0, -2.0, 0.0]);
}

#[test]
fn trains_to_four_of_four_from_a_fixed_seed() {
    let mut lab = XorLab::random(3);
    let before = lab.loss();
    let mut steps = 0;
    while lab.correct() < 4 && steps < 20_000 {
        lab.train(100, 0.05);
        steps += 100;
    }
    println!("seed 3: loss {before:.4} → {:.4}, 4/4 correct after {steps} steps", lab.loss());
    assert_eq!(lab.correct(), 4, "outputs {:?}", lab.outputs());
    assert!(lab.loss() < before);
}

#[test]
fn output_grid_agrees_with_the_network_at_the_corners() {
    let mut lab = XorLab::lecture();
    // A 2×2 grid over [−0.5, 1.5]² has its cell centres exactly at the four inputs, top row (x₂ = 1) first.
    let grid = lab.output_grid(2, (-0.5, 1.5), (-0.5, 1.5));
    assert_eq!(grid, vec![1.0, 0.0, 0.0, 1.0]);
}
