//! The lecture's computational graph (slides "Backpropagation: the computational graph"): a scalar expression as
//! a graph of small gates, evaluated forward node by node, then differentiated backward node by node.
//!
//! Each node knows only its own *local* gradients ∂node/∂input (locality of computation). Backward, the gradient
//! arriving at a node from above (upstream, ∂f/∂node) is multiplied by each local gradient and sent down
//! (the chain rule: ∂f/∂input = ∂f/∂node · ∂node/∂input); where a value feeds several nodes, what comes back
//! along the branches adds up. Nodes are stored in creation order, which is a topological order (a node's inputs
//! exist before it), so forward runs by index and backward in reverse.

use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use serde::Serialize;

/// What a node computes from its inputs (a, b).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Op {
    /// a number
    Const,
    /// an input x, y, …
    Var,
    /// a + b:  ∂/∂a = 1, ∂/∂b = 1 (passes the gradient on unchanged)
    Add,
    /// a − b:  ∂/∂a = 1, ∂/∂b = −1
    Sub,
    /// a · b:  ∂/∂a = b, ∂/∂b = a (switches the inputs)
    Mul,
    /// a / b:  ∂/∂a = 1/b, ∂/∂b = −a/b²
    Div,
    /// a^b:  ∂/∂a = b a^{b−1}, ∂/∂b = a^b ln a (a > 0)
    Pow,
    /// max(a, b): 1 for the larger input, 0 for the other (routes the gradient; a tie goes to a)
    Max,
    /// −a:  ∂/∂a = −1
    Neg,
    /// max(0, a):  1 if a > 0 else 0
    Relu,
    /// e^a:  e^a
    Exp,
    /// ln a:  1/a
    Log,
    /// σ(a) = 1/(1 + e^{−a}):  σ(a)(1 − σ(a))
    Sigmoid,
    /// tanh a:  1 − tanh² a
    Tanh,
}

impl Op {
    /// How many inputs the gate takes.
    pub fn arity(self) -> usize {
        match self {
            Op::Const | Op::Var => 0,
            Op::Neg | Op::Relu | Op::Exp | Op::Log | Op::Sigmoid | Op::Tanh => 1,
            Op::Add | Op::Sub | Op::Mul | Op::Div | Op::Pow | Op::Max => 2,
        }
    }

    /// The gate's value for inputs `x` (its arity many).
    pub fn apply(self, x: &[f64]) -> f64 {
        let a = x.first().copied().unwrap_or(0.0);
        let b = x.get(1).copied().unwrap_or(0.0);
        match self {
            Op::Const | Op::Var => a,
            Op::Add => a + b,
            Op::Sub => a - b,
            Op::Mul => a * b,
            Op::Div => a / b,
            Op::Pow => libm::pow(a, b),
            Op::Max => {
                if b > a {
                    b
                } else {
                    a
                }
            }
            Op::Neg => -a,
            Op::Relu => {
                if a > 0.0 {
                    a
                } else {
                    0.0
                }
            }
            Op::Exp => libm::exp(a),
            Op::Log => libm::log(a),
            Op::Sigmoid => sigmoid(a),
            Op::Tanh => libm::tanh(a),
        }
    }
}

pub fn sigmoid(a: f64) -> f64 {
    1.0 / (1.0 + libm::exp(-a))
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Node {
    pub op: Op,
    pub inputs: Vec<usize>,
    /// A variable's name, a constant's digits, or a name given to an inner node (the slide's W, N, f).
    pub name: String,
    /// The forward value.
    pub value: f64,
    /// Characters [start, end) of the expression this node came from (0, 0 for nodes built by hand).
    pub span: (usize, usize),
}

/// One node's turn in the backward pass.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BackStep {
    pub node: usize,
    /// ∂f/∂node: everything that came back to this node from above, summed.
    pub upstream: f64,
    /// ∂node/∂input, one per input: all the node knows.
    pub local: Vec<f64>,
    /// upstream · local, what the node sends to each input.
    pub sent: Vec<f64>,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Backward {
    /// ∂f/∂node for every node.
    pub grads: Vec<f64>,
    /// Nodes in the order the backward pass visits them (reverse topological, from the output).
    pub steps: Vec<BackStep>,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Graph {
    pub nodes: Vec<Node>,
}

impl Graph {
    pub fn new() -> Self {
        Graph { nodes: Vec::new() }
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    fn push(&mut self, op: Op, inputs: Vec<usize>, name: String, span: (usize, usize)) -> usize {
        let x: Vec<f64> = inputs.iter().map(|&i| self.nodes[i].value).collect();
        let value = op.apply(&x);
        self.nodes.push(Node { op, inputs, name, value, span });
        self.nodes.len() - 1
    }

    pub fn constant(&mut self, value: f64, name: String, span: (usize, usize)) -> usize {
        self.nodes.push(Node { op: Op::Const, inputs: Vec::new(), name, value, span });
        self.nodes.len() - 1
    }

    /// The variable `name` (one node per name, however often it is used: its uses are branches).
    pub fn variable(&mut self, name: &str, value: f64, span: (usize, usize)) -> usize {
        if let Some(i) = self.find_variable(name) {
            return i;
        }
        self.nodes.push(Node { op: Op::Var, inputs: Vec::new(), name: name.into(), value, span });
        self.nodes.len() - 1
    }

    pub fn find_variable(&self, name: &str) -> Option<usize> {
        self.nodes.iter().position(|n| n.op == Op::Var && n.name == name)
    }

    /// A gate over `inputs` (as many as `op` takes), its value computed now.
    pub fn gate(&mut self, op: Op, inputs: &[usize], span: (usize, usize)) -> usize {
        debug_assert_eq!(inputs.len(), op.arity());
        self.push(op, inputs.to_vec(), String::new(), span)
    }

    /// Gives an inner node a name to show (the slide's W = x + y).
    pub fn name(&mut self, node: usize, name: &str) {
        self.nodes[node].name = name.into();
    }

    /// The variables' names, in the order they first appear.
    pub fn variables(&self) -> Vec<String> {
        self.nodes.iter().filter(|n| n.op == Op::Var).map(|n| n.name.clone()).collect()
    }

    /// Sets the variable `name` (if the graph has it) and recomputes every value forward.
    pub fn set(&mut self, name: &str, value: f64) {
        if let Some(i) = self.find_variable(name) {
            self.nodes[i].value = value;
            self.forward();
        }
    }

    /// The forward pass, node by node in topological (index) order.
    pub fn forward(&mut self) {
        for i in 0..self.nodes.len() {
            let node = &self.nodes[i];
            if node.inputs.is_empty() {
                continue;
            }
            let x: Vec<f64> = node.inputs.iter().map(|&k| self.nodes[k].value).collect();
            self.nodes[i].value = node.op.apply(&x);
        }
    }

    /// ∂node/∂input for each input of `node`: the gate's local gradients at the current values.
    pub fn local_gradients(&self, node: usize) -> Vec<f64> {
        let n = &self.nodes[node];
        let x: Vec<f64> = n.inputs.iter().map(|&k| self.nodes[k].value).collect();
        let a = x.first().copied().unwrap_or(0.0);
        let b = x.get(1).copied().unwrap_or(0.0);
        let v = n.value;
        match n.op {
            Op::Const | Op::Var => Vec::new(),
            Op::Add => vec![1.0, 1.0],
            Op::Sub => vec![1.0, -1.0],
            Op::Mul => vec![b, a],
            Op::Div => vec![1.0 / b, -a / (b * b)],
            Op::Pow => {
                let d_base = if b == 0.0 { 0.0 } else { b * libm::pow(a, b - 1.0) };
                // A constant exponent gets no gradient worth showing (and ln of a negative base is undefined).
                let d_exp = if self.nodes[n.inputs[1]].op == Op::Const {
                    0.0
                } else if a > 0.0 {
                    v * libm::log(a)
                } else if a == 0.0 && b > 0.0 {
                    0.0
                } else {
                    f64::NAN
                };
                vec![d_base, d_exp]
            }
            Op::Max => {
                if b > a {
                    vec![0.0, 1.0]
                } else {
                    vec![1.0, 0.0]
                }
            }
            Op::Neg => vec![-1.0],
            Op::Relu => vec![if a > 0.0 { 1.0 } else { 0.0 }],
            Op::Exp => vec![v],
            Op::Log => vec![1.0 / a],
            Op::Sigmoid => vec![v * (1.0 - v)],
            Op::Tanh => vec![1.0 - v * v],
        }
    }

    /// The backward pass from `output` with ∂f/∂output = `seed` (1 for the gradient of f itself; another
    /// number stands for a gradient arriving from a larger graph above).
    pub fn backward(&self, output: usize, seed: f64) -> Backward {
        let mut grads = vec![0.0; self.nodes.len()];
        grads[output] = seed;
        let mut steps = Vec::new();
        let feeds = self.feeding(output);
        for node in (0..=output).rev() {
            if !feeds[node] {
                continue;
            }
            let upstream = grads[node];
            let local = self.local_gradients(node);
            let sent: Vec<f64> = local.iter().map(|g| upstream * g).collect();
            for (&input, s) in self.nodes[node].inputs.iter().zip(&sent) {
                grads[input] += s;
            }
            steps.push(BackStep { node, upstream, local, sent });
        }
        Backward { grads, steps }
    }

    /// For each node up to `output`, whether it is `output` or feeds it (the others take no part in its
    /// backward pass).
    fn feeding(&self, output: usize) -> Vec<bool> {
        let mut feeds = vec![false; output + 1];
        feeds[output] = true;
        for i in (0..=output).rev() {
            if feeds[i] {
                for &k in &self.nodes[i].inputs {
                    feeds[k] = true;
                }
            }
        }
        feeds
    }

    /// ∂f/∂(variable `name`) by central differences, (f(v + h) − f(v − h)) / 2h, recomputing the graph.
    pub fn numeric_gradient(&self, output: usize, name: &str, h: f64) -> f64 {
        let Some(i) = self.find_variable(name) else { return 0.0 };
        let mut g = self.clone();
        let v = self.nodes[i].value;
        g.nodes[i].value = v + h;
        g.forward();
        let up = g.nodes[output].value;
        g.nodes[i].value = v - h;
        g.forward();
        let down = g.nodes[output].value;
        (up - down) / (2.0 * h)
    }
}

/// The slide's f(x, y, z) = (x + y)(y − z) as W = x + y, N = y − z, f = W · N.
pub fn slide_graph(x: f64, y: f64, z: f64) -> (Graph, usize) {
    let mut g = Graph::new();
    let (xi, yi, zi) = (g.variable("x", x, (0, 0)), g.variable("y", y, (0, 0)), g.variable("z", z, (0, 0)));
    let w = g.gate(Op::Add, &[xi, yi], (0, 0));
    g.name(w, "W");
    let n = g.gate(Op::Sub, &[yi, zi], (0, 0));
    g.name(n, "N");
    let f = g.gate(Op::Mul, &[w, n], (0, 0));
    g.name(f, "f");
    (g, f)
}
