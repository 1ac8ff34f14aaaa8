//! BP1–BP4 against central finite differences, for the whole network: every gradient backpropagation computes over
//! a mini-batch equals (C(θ + h) − C(θ − h)) / 2h of C = (1/m) Σₓ Cₓ + penalty — for the whole hidden activation ×
//! output activation × cost matrix that validation accepts (parameterized activations also at a non-default
//! parameter), dropout with a fixed mask, batch norm, maxout, learned PReLU α and Swish β, and L1/L2.
//! Each test prints the largest relative error it saw.

use nnlab::math::rng::Rng;
use nnlab::nn::{Activation, Cost, Gradients, Init, LayerTensor, Mode, Network, NetworkSpec, Penalty, Regularization};

const M: usize = 4;
const TOLERANCE: f64 = 2e-2;

fn batch(rng: &mut Rng, n_in: usize, n_out: usize, one_hot: bool) -> (Vec<f32>, Vec<f32>) {
    let x = (0..M * n_in).map(|_| rng.gaussian()).collect();
    let y = (0..M)
        .flat_map(|r| (0..n_out).map(move |j| (r, j)))
        .map(|(r, j)| {
            if one_hot {
                f32::from(u8::from(j == r % n_out))
            } else {
                0.1 + 0.8 * ((r * 7 + j * 3) % 10) as f32 / 10.0
            }
        })
        .collect();
    (x, y)
}

fn tensor(network: &mut Network, t: usize) -> &mut Vec<f32> {
    let (i, which) = LayerTensor::of(t);
    let layer = &mut network.layers[i];
    match which {
        LayerTensor::W => &mut layer.w,
        LayerTensor::B => &mut layer.b,
        LayerTensor::Param => &mut layer.param,
        LayerTensor::Gamma => &mut layer.batch_norm.as_mut().unwrap().gamma,
        LayerTensor::Beta => &mut layer.batch_norm.as_mut().unwrap().beta,
    }
}

fn gradient(grads: &Gradients, t: usize) -> &[f32] {
    let (i, which) = LayerTensor::of(t);
    let per_layer = match which {
        LayerTensor::W => &grads.nabla_w,
        LayerTensor::B => &grads.nabla_b,
        LayerTensor::Param => &grads.nabla_param,
        LayerTensor::Gamma => &grads.nabla_gamma,
        LayerTensor::Beta => &grads.nabla_beta,
    };
    &per_layer[i]
}

/// C = (1/m) Σₓ Cₓ + penalty from a fresh training-mode pass (same dropout masks), and a signature of which side of
/// every kink (−3, 0, 3, 6) each z lies on, to skip parameters whose ±h crosses one.
fn total_cost(
    network: &Network,
    ws: &mut nnlab::nn::Workspace,
    x: &[f32],
    y: &[f32],
    reg: &Regularization,
) -> (f64, Vec<u8>) {
    ws.input_mut(M).copy_from_slice(x);
    let n_out = network.n_outputs();
    let out = network.forward(ws, M, Mode::Train).to_vec();
    let cost: f64 = out.chunks(n_out).zip(y.chunks(n_out)).map(|(a, t)| f64::from(network.cost.value(a, t))).sum();
    let mut signature: Vec<u8> =
        ws.z.iter().flatten().map(|&z| [-3.0, 0.0, 3.0, 6.0].iter().filter(|&&k| z > k).count() as u8).collect();
    for (i, layer) in network.layers.iter().enumerate() {
        if layer.activation == Activation::Maxout {
            for pieces in ws.z[i][..M * layer.n_z()].chunks(layer.pieces) {
                let best = (0..pieces.len()).fold(0, |b, k| if pieces[k] > pieces[b] { k } else { b });
                signature.push(best as u8);
            }
        }
    }
    (cost / M as f64 + f64::from(reg.cost(network)), signature)
}

/// The largest relative error over every parameter of the network built from `spec`.
fn check(spec: &NetworkSpec, reg: Regularization, seed: u64) -> f64 {
    check_off_kinks(spec, reg, seed).expect("more than a tenth of the parameters sit on a kink; pick another seed")
}

/// [`check`], or None when more than a tenth of the parameters sit so close to a kink that ±h crosses it.
fn check_off_kinks(spec: &NetworkSpec, reg: Regularization, seed: u64) -> Option<f64> {
    let mut rng = Rng::new(seed, 0);
    let mut network = spec.build(&mut rng);
    let one_hot = matches!(spec.cost, Cost::CategoricalCrossEntropy);
    let (x, y) = batch(&mut rng, spec.sizes[0], *spec.sizes.last().unwrap(), one_hot);
    let mut ws = network.workspace(M);
    network.sample_dropout(&mut ws, M, &mut Rng::new(seed, 9));
    let mut grads = network.zero_gradients();
    ws.input_mut(M).copy_from_slice(&x);
    network.forward(&mut ws, M, Mode::Train);
    network.backprop(&mut ws, M, &y, &mut grads);

    let h = 5e-3f32;
    let (mut worst, mut skipped, mut checked) = (0.0f64, 0, 0);
    for t in 0..network.param_sizes().len() {
        let trained = network.param_sizes()[t];
        for i in 0..trained {
            let original = tensor(&mut network, t)[i];
            tensor(&mut network, t)[i] = original + h;
            let (plus, sig_plus) = total_cost(&network, &mut ws, &x, &y, &reg);
            tensor(&mut network, t)[i] = original - h;
            let (minus, sig_minus) = total_cost(&network, &mut ws, &x, &y, &reg);
            tensor(&mut network, t)[i] = original;
            let is_weight = LayerTensor::of(t).1 == LayerTensor::W;
            let crosses_l1_kink = is_weight && reg.penalty == Penalty::L1 && original.abs() <= h;
            if sig_plus != sig_minus || crosses_l1_kink {
                skipped += 1; // σ′ jumps between θ − h and θ + h: the difference quotient means nothing there
                continue;
            }
            let numeric = (plus - minus) / (2.0 * f64::from(h));
            let mut analytic = f64::from(gradient(&grads, t)[i]) / M as f64;
            if is_weight {
                analytic += f64::from(reg.gradient(original));
            }
            let err = (numeric - analytic).abs() / (numeric.abs() + analytic.abs()).max(1e-2);
            worst = worst.max(err);
            checked += 1;
        }
    }
    (skipped * 10 < checked).then_some(worst)
}

fn spec(hidden: Activation, output: Activation, cost: Cost) -> NetworkSpec {
    NetworkSpec::plain(&[4, 5, 3, 3], hidden, output, cost, Init::ScaledGaussian)
}

fn report(name: &str, worst: f64) -> f64 {
    println!("{name}: largest relative error {worst:.2e}");
    assert!(worst < TOLERANCE, "{name}: relative error {worst}");
    worst
}

/// Every output activation and cost that [`nnlab::train::TrainConfig::validate`] accepts together: quadratic with
/// any elementwise output but PReLU (no learned output parameters) and with softmax; cross-entropy and categorical
/// cross-entropy with sigmoid or softmax.
fn accepted_output_cost_pairs() -> Vec<(Activation, Cost)> {
    let quadratic = Activation::ELEMENTWISE
        .into_iter()
        .filter(|&a| a != Activation::Prelu)
        .chain([Activation::Softmax])
        .map(|output| (output, Cost::Quadratic));
    let probabilities = [Cost::CrossEntropy, Cost::CategoricalCrossEntropy]
        .into_iter()
        .flat_map(|cost| [(Activation::Sigmoid, cost), (Activation::Softmax, cost)]);
    quadratic.chain(probabilities).collect()
}

/// A parameter away from the default for each parameterized activation (leaky ReLU α 0.01, PReLU α 0.25,
/// ELU α 1, Swish β 1), so that a σ′ which ignores it fails.
fn non_default_param(hidden: Activation) -> Option<f32> {
    match hidden {
        Activation::LeakyRelu => Some(0.3),
        Activation::Prelu => Some(0.6),
        Activation::Elu => Some(1.7),
        Activation::Swish => Some(1.6),
        _ => None,
    }
}

#[test]
fn the_whole_activation_output_cost_matrix_backpropagates_correctly() {
    let hidden_activations = Activation::ELEMENTWISE.into_iter().chain([Activation::Maxout]);
    let (mut overall, mut worst_case, mut cases) = (0.0f64, String::new(), 0);
    for hidden in hidden_activations {
        let params = core::iter::once(None).chain(non_default_param(hidden).map(Some));
        for param in params {
            for (output, cost) in accepted_output_cost_pairs() {
                let spec = NetworkSpec { param, maxout_pieces: 3, ..spec(hidden, output, cost) };
                let name = format!("hidden {hidden:?} (p = {param:?}), {output:?} output, {cost:?}");
                // A step output is flat but for its jump at 0: a few seeds may be needed to find weights off it.
                let worst = (5..10)
                    .find_map(|seed| check_off_kinks(&spec, Regularization::NONE, seed))
                    .unwrap_or_else(|| panic!("{name}: every seed puts a tenth of the parameters on a kink"));
                assert!(worst < TOLERANCE, "{name}: relative error {worst}");
                if worst > overall {
                    (overall, worst_case) = (worst, name);
                }
                cases += 1;
            }
        }
    }
    println!("{cases} hidden × output × cost cases; largest relative error {overall:.2e} ({worst_case})");
}

#[test]
fn dropout_with_a_fixed_mask_backpropagates_correctly() {
    for hidden in [Activation::Sigmoid, Activation::Relu, Activation::Tanh] {
        let spec = NetworkSpec {
            dropout: vec![0.2, 0.5, 0.3],
            ..spec(hidden, Activation::Softmax, Cost::CategoricalCrossEntropy)
        };
        report(&format!("dropout 0.2/0.5/0.3, hidden {hidden:?}"), check(&spec, Regularization::NONE, 7));
    }
}

#[test]
fn batch_norm_backpropagates_correctly_through_the_whole_network() {
    for hidden in [Activation::Sigmoid, Activation::Relu] {
        let spec =
            NetworkSpec { batch_norm: Some((1e-5, 0.9)), ..spec(hidden, Activation::Sigmoid, Cost::CrossEntropy) };
        report(&format!("batch norm, hidden {hidden:?}"), check(&spec, Regularization::NONE, 8));
    }
    let spec = NetworkSpec {
        batch_norm: Some((1e-3, 0.9)),
        dropout: vec![0.0, 0.3, 0.0],
        ..spec(Activation::Tanh, Activation::Softmax, Cost::CategoricalCrossEntropy)
    };
    report("batch norm + dropout", check(&spec, Regularization::NONE, 8));
}

#[test]
fn maxout_prelu_and_learned_swish_backpropagate_correctly() {
    let maxout = NetworkSpec { maxout_pieces: 3, ..spec(Activation::Maxout, Activation::Sigmoid, Cost::Quadratic) };
    report("maxout, k = 3", check(&maxout, Regularization::NONE, 10));
    let prelu = spec(Activation::Prelu, Activation::Sigmoid, Cost::Quadratic);
    report("PReLU with learned α", check(&prelu, Regularization::NONE, 11));
    let swish = NetworkSpec {
        learn_param: true,
        param: Some(1.3),
        ..spec(Activation::Swish, Activation::Softmax, Cost::CategoricalCrossEntropy)
    };
    report("Swish with learned β", check(&swish, Regularization::NONE, 12));
    let both = NetworkSpec { batch_norm: Some((1e-5, 0.9)), ..prelu };
    report("PReLU + batch norm", check(&both, Regularization::NONE, 13));
}

#[test]
fn l1_and_l2_penalties_have_the_right_gradients() {
    for penalty in [Penalty::L2, Penalty::L1] {
        let reg = Regularization { penalty, lambda: 5.0, n_train: 20 };
        report(
            &format!("{penalty:?}, λ = 5, n = 20"),
            check(&spec(Activation::Sigmoid, Activation::Sigmoid, Cost::CrossEntropy), reg, 14),
        );
    }
}
