//! The lecture's chapter 1 (Nielsen, ch. 1): the perceptron, logic gates as perceptrons, an adder built from NAND
//! perceptrons only, and the perceptron learning rule, which learns every linearly separable gate and cycles forever
//! on XOR.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

/// A perceptron: output = 1 if w·x + b > 0, else 0.
#[derive(Clone, Debug, PartialEq)]
pub struct Perceptron {
    pub w: Vec<f32>,
    pub b: f32,
}

impl Perceptron {
    /// output = 1 if w·x + b > 0, else 0  (bias form). `x` has the length of `w`.
    pub fn output(&self, x: &[f32]) -> u8 {
        fire(&self.w, self.b, x)
    }
}

/// output = 1 if Σⱼ wⱼxⱼ > threshold, else 0  (threshold form; the bias form with b = −threshold).
pub fn output_threshold(w: &[f32], x: &[f32], threshold: f32) -> u8 {
    u8::from(dot(w, x) > threshold)
}

fn dot(w: &[f32], x: &[f32]) -> f32 {
    debug_assert_eq!(w.len(), x.len(), "perceptron: x must have one value per weight");
    w.iter().zip(x).map(|(wj, xj)| wj * xj).sum()
}

fn fire(w: &[f32], b: f32, x: &[f32]) -> u8 {
    u8::from(dot(w, x) + b > 0.0)
}

/// The lecture's NAND perceptron: w = (−2, −2), b = 3.
const NAND_W: [f32; 2] = [-2.0, -2.0];
const NAND_B: f32 = 3.0;

/// NAND(x₁, x₂), computed by the NAND perceptron (never by Rust's boolean operators).
fn nand(x1: u8, x2: u8) -> u8 {
    fire(&NAND_W, NAND_B, &[f32::from(x1), f32::from(x2)])
}

/// A two-input logic gate, given by its truth table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gate {
    And,
    Or,
    Nand,
    Nor,
    Xor,
}

/// The truth table's rows (x₁, x₂), in the order every table here uses.
pub const ROWS: [[u8; 2]; 4] = [[0, 0], [0, 1], [1, 0], [1, 1]];

impl Gate {
    pub const ALL: [Gate; 5] = [Gate::And, Gate::Or, Gate::Nand, Gate::Nor, Gate::Xor];

    pub fn name(self) -> &'static str {
        match self {
            Gate::And => "and",
            Gate::Or => "or",
            Gate::Nand => "nand",
            Gate::Nor => "nor",
            Gate::Xor => "xor",
        }
    }

    pub fn from_name(name: &str) -> Result<Gate, String> {
        Self::ALL
            .into_iter()
            .find(|gate| gate.name() == name)
            .ok_or_else(|| format!("gate must be one of \"and\", \"or\", \"nand\", \"nor\", \"xor\", got \"{name}\""))
    }

    /// The gate's output for inputs x₁, x₂ ∈ {0, 1}: its truth table, written out.
    pub fn truth(self, x1: u8, x2: u8) -> u8 {
        let table = match self {
            Gate::And => [0, 0, 0, 1],
            Gate::Or => [0, 1, 1, 1],
            Gate::Nand => [1, 1, 1, 0],
            Gate::Nor => [1, 0, 0, 0],
            Gate::Xor => [0, 1, 1, 0],
        };
        table[usize::from(2 * x1 + x2)]
    }

    /// A perceptron computing the gate; None for XOR, which no line separates: its 1s, (0,1) and (1,0), and its
    /// 0s, (0,0) and (1,1), lie on the two diagonals of the square.
    pub fn perceptron(self) -> Option<Perceptron> {
        let (w, b) = match self {
            Gate::And => ([1.0, 1.0], -1.5),
            Gate::Or => ([1.0, 1.0], -0.5),
            Gate::Nand => (NAND_W, NAND_B),
            Gate::Nor => ([-1.0, -1.0], 0.5),
            Gate::Xor => return None,
        };
        Some(Perceptron { w: w.to_vec(), b })
    }
}

/// The half adder of five NAND perceptrons (the lecture's figure).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HalfAdder {
    /// g₁ = NAND(x₁, x₂), g₂ = NAND(x₁, g₁), g₃ = NAND(x₂, g₁), g₄ = NAND(g₂, g₃), g₅ = NAND(g₁, g₁).
    pub gates: [u8; 5],
    /// x₁ ⊕ x₂ = g₄
    pub sum: u8,
    /// x₁ ∧ x₂ = g₅
    pub carry: u8,
}

/// x₁ + x₂ for bits x₁, x₂, by NAND perceptrons only.
pub fn half_adder(x1: u8, x2: u8) -> HalfAdder {
    let g1 = nand(x1, x2);
    let g2 = nand(x1, g1);
    let g3 = nand(x2, g1);
    let g4 = nand(g2, g3);
    let g5 = nand(g1, g1);
    HalfAdder { gates: [g1, g2, g3, g4, g5], sum: g4, carry: g5 }
}

/// The full adder of nine NAND perceptrons, for bits a, b and carry-in c:
/// g₁ = NAND(a, b), g₂ = NAND(a, g₁), g₃ = NAND(b, g₁), g₄ = NAND(g₂, g₃) = a ⊕ b,
/// g₅ = NAND(g₄, c), g₆ = NAND(g₄, g₅), g₇ = NAND(c, g₅), g₈ = NAND(g₆, g₇) = a ⊕ b ⊕ c (the sum bit),
/// g₉ = NAND(g₅, g₁) = (a ∧ b) ∨ ((a ⊕ b) ∧ c) (the carry out). Returns [g₁, …, g₉].
pub fn full_adder(a: u8, b: u8, carry_in: u8) -> [u8; 9] {
    let g1 = nand(a, b);
    let g2 = nand(a, g1);
    let g3 = nand(b, g1);
    let g4 = nand(g2, g3);
    let g5 = nand(g4, carry_in);
    let g6 = nand(g4, g5);
    let g7 = nand(carry_in, g5);
    let g8 = nand(g6, g7);
    let g9 = nand(g5, g1);
    [g1, g2, g3, g4, g5, g6, g7, g8, g9]
}

/// Most bits per number [`ripple_add`] adds.
pub const MAX_BITS: usize = 8;

/// A ripple-carry addition of two `bits`-bit numbers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Adder {
    /// The nine gate outputs of each bit's full adder (as [`full_adder`] orders them), bit 0 first: 9 · bits values.
    pub gates: Vec<u8>,
    /// a + b, with bits + 1 bits (the last one is the final carry).
    pub sum: u32,
    /// carries[i]: the carry out of bit i, into bit i + 1 (bit 0's carry in is 0).
    pub carries: Vec<u8>,
}

/// a + b by a chain of `bits` full adders, bit 0 (least significant) first, each carry feeding the next adder.
/// `bits` in 1 ..= 8, a and b below 2^bits.
pub fn ripple_add(a: u32, b: u32, bits: usize) -> Result<Adder, String> {
    if !(1..=MAX_BITS).contains(&bits) {
        return Err(format!("bits must be between 1 and {MAX_BITS}, got {bits}"));
    }
    let limit = 1u32 << bits;
    for (name, value) in [("a", a), ("b", b)] {
        if value >= limit {
            return Err(format!("{name} must be between 0 and {} for {bits} bits, got {value}", limit - 1));
        }
    }
    let mut adder = Adder { gates: Vec::with_capacity(9 * bits), sum: 0, carries: Vec::with_capacity(bits) };
    let mut carry = 0;
    for i in 0..bits {
        let gates = full_adder(((a >> i) & 1) as u8, ((b >> i) & 1) as u8, carry);
        adder.gates.extend_from_slice(&gates);
        adder.sum |= u32::from(gates[7]) << i;
        carry = gates[8];
        adder.carries.push(carry);
    }
    adder.sum |= u32::from(carry) << bits;
    Ok(adder)
}

/// What one step of the learning rule saw and did.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Step {
    /// The truth-table row presented (0 … 3, in [`ROWS`] order).
    pub row: usize,
    pub x: [u8; 2],
    /// The target y and the perceptron's output ŷ before the update.
    pub y: u8,
    pub y_hat: u8,
    /// Whether w and b changed (ŷ ≠ y).
    pub updated: bool,
    /// w and b after the step.
    pub w: [f32; 2],
    pub b: f32,
}

/// How [`Learner::run`] stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Converged,
    Cycled,
    /// max_epochs epochs passed without either.
    Bound,
}

/// The perceptron learning rule, one truth-table row at a time, rows cycling (0,0), (0,1), (1,0), (1,1):
///   w ← w + η (y − ŷ) x,   b ← b + η (y − ŷ).
///
/// It converges whenever a line separates the gate's 1s from its 0s. On XOR it cannot; with η, w₀, b₀ exactly
/// representable the reachable states (w, b, row) are finitely many, so the run must come back to a state it has
/// been in, with an error in between: from then on it repeats that loop forever. Brent's cycle detection spots the
/// repeat with constant memory.
#[derive(Clone, Debug)]
pub struct Learner {
    gate: Gate,
    eta: f32,
    w: [f32; 2],
    b: f32,
    steps: usize,
    errors_this_epoch: usize,
    last_error_step: usize,
    converged: bool,
    cycled: bool,
    /// Brent: the state saved at step `saved_at`, compared with every later state until `power` steps have passed.
    saved: ([u32; 3], usize),
    saved_at: usize,
    power: usize,
}

impl Learner {
    /// η > 0 and w₀, b₀ finite.
    pub fn new(gate: Gate, eta: f32, w0: [f32; 2], b0: f32) -> Result<Self, String> {
        if !(eta > 0.0 && eta.is_finite()) {
            return Err(format!("eta must be > 0 and finite, got {eta}"));
        }
        for (name, value) in [("w1", w0[0]), ("w2", w0[1]), ("b", b0)] {
            if !value.is_finite() {
                return Err(format!("{name} must be a finite number, got {value}"));
            }
        }
        let mut learner = Learner {
            gate,
            eta,
            w: w0,
            b: b0,
            steps: 0,
            errors_this_epoch: 0,
            last_error_step: 0,
            converged: false,
            cycled: false,
            saved: ([0; 3], 0),
            saved_at: 0,
            power: 1,
        };
        learner.saved = learner.state();
        Ok(learner)
    }

    /// The state the future depends on: w, b (bit patterns) and the next row.
    fn state(&self) -> ([u32; 3], usize) {
        ([self.w[0].to_bits(), self.w[1].to_bits(), self.b.to_bits()], self.steps % ROWS.len())
    }

    /// Presents the next row and applies the rule.
    pub fn step(&mut self) -> Step {
        let row = self.steps % ROWS.len();
        if row == 0 {
            self.errors_this_epoch = 0;
        }
        let x = ROWS[row];
        let y = self.gate.truth(x[0], x[1]);
        let xf = [f32::from(x[0]), f32::from(x[1])];
        let y_hat = fire(&self.w, self.b, &xf);
        let updated = y != y_hat;
        self.steps += 1;
        if updated {
            let factor = self.eta * (f32::from(y) - f32::from(y_hat));
            self.w[0] += factor * xf[0];
            self.w[1] += factor * xf[1];
            self.b += factor;
            self.errors_this_epoch += 1;
            self.last_error_step = self.steps;
        }
        if self.steps.is_multiple_of(ROWS.len()) && self.errors_this_epoch == 0 {
            self.converged = true;
        }
        self.detect_cycle();
        Step { row, x, y, y_hat, updated, w: self.w, b: self.b }
    }

    /// Brent's algorithm: a repeat of the saved state with an error since it was saved is a loop that never ends.
    fn detect_cycle(&mut self) {
        if self.cycled || self.converged {
            return;
        }
        let state = self.state();
        if state == self.saved && self.last_error_step > self.saved_at {
            self.cycled = true;
        } else if self.steps - self.saved_at == self.power {
            self.saved = state;
            self.saved_at = self.steps;
            self.power *= 2;
        }
    }

    /// Steps until converged, cycled, or `max_epochs` whole epochs have passed.
    pub fn run(&mut self, max_epochs: usize) -> Outcome {
        loop {
            if self.converged {
                return Outcome::Converged;
            }
            if self.cycled {
                return Outcome::Cycled;
            }
            if self.epoch() >= max_epochs {
                return Outcome::Bound;
            }
            self.step();
        }
    }

    pub fn w(&self) -> [f32; 2] {
        self.w
    }

    pub fn b(&self) -> f32 {
        self.b
    }

    /// Whole epochs (passes over the four rows) completed.
    pub fn epoch(&self) -> usize {
        self.steps / ROWS.len()
    }

    /// Rows presented so far.
    pub fn steps(&self) -> usize {
        self.steps
    }

    /// Errors (ŷ ≠ y) in the epoch the last step belongs to.
    pub fn errors_this_epoch(&self) -> usize {
        self.errors_this_epoch
    }

    /// A whole epoch passed without an error: w and b will never change again.
    pub fn converged(&self) -> bool {
        self.converged
    }

    /// The state (w, b, next row) repeated with an error in between: the rule loops forever and never converges.
    pub fn cycled(&self) -> bool {
        self.cycled
    }
}
