//! The matrix mini-batch step equals Nielsen's `network.py`: `update_mini_batch` summing per-sample `backprop`
//! results, written out here independently with plain loops in f64 (one sample at a time, column vectors).

use crate::common::{self, sigmoid};

use nnlab::math::rng::Rng;
use nnlab::nn::{Activation, Cost, Init, Network};
use nnlab::optim::Sgd;

/// Nielsen's `backprop(x, y)` for sigmoid layers and the quadratic cost: returns (nabla_b, nabla_w) per layer.
fn nielsen_backprop(net: &Network, x: &[f64], y: &[f64]) -> (Vec<Vec<f64>>, Vec<Vec<f64>>) {
    let mut activations = vec![x.to_vec()];
    let mut zs = Vec::new();
    for layer in &net.layers {
        let a = activations.last().unwrap();
        let z: Vec<f64> = (0..layer.n_out)
            .map(|j| {
                f64::from(layer.b[j])
                    + (0..layer.n_in).map(|k| f64::from(layer.w[j * layer.n_in + k]) * a[k]).sum::<f64>()
            })
            .collect();
        activations.push(z.iter().map(|&zj| sigmoid(zj)).collect());
        zs.push(z);
    }
    let last = net.layers.len() - 1;
    let sigmoid_prime = |z: f64| sigmoid(z) * (1.0 - sigmoid(z));
    let mut nabla_b = vec![Vec::new(); net.layers.len()];
    let mut nabla_w = vec![Vec::new(); net.layers.len()];
    let mut delta: Vec<f64> =
        (0..y.len()).map(|j| (activations[last + 1][j] - y[j]) * sigmoid_prime(zs[last][j])).collect();
    for l in (0..=last).rev() {
        let layer = &net.layers[l];
        nabla_w[l] = (0..layer.n_out)
            .flat_map(|j| (0..layer.n_in).map(move |k| (j, k)))
            .map(|(j, k)| delta[j] * activations[l][k])
            .collect();
        nabla_b[l] = delta.clone();
        if l > 0 {
            delta = (0..layer.n_in)
                .map(|k| {
                    (0..layer.n_out).map(|j| f64::from(layer.w[j * layer.n_in + k]) * delta[j]).sum::<f64>()
                        * sigmoid_prime(zs[l - 1][k])
                })
                .collect();
        }
    }
    (nabla_b, nabla_w)
}

#[test]
fn matrix_minibatch_update_equals_nielsens_per_sample_sum() {
    let data = common::sample_mnist();
    let m = 10;
    let eta = 3.0f32;
    let mut rng = Rng::new(1, 1);
    let start = Network::new(
        &[784, 30, 10],
        Activation::Sigmoid,
        Activation::Sigmoid,
        Cost::Quadratic,
        Init::Gaussian,
        &mut rng,
    );

    // Nielsen: w → w − (η/m) Σₓ nabla_w(x), in f64.
    let mut expected_w: Vec<Vec<f64>> =
        start.layers.iter().map(|l| l.w.iter().map(|&w| f64::from(w)).collect()).collect();
    let mut expected_b: Vec<Vec<f64>> =
        start.layers.iter().map(|l| l.b.iter().map(|&b| f64::from(b)).collect()).collect();
    let mut x_batch = Vec::new();
    let mut y_batch = Vec::new();
    for i in 0..m {
        let x: Vec<f64> = data.train.image(i).iter().map(|&p| f64::from(p) / 255.0).collect();
        let mut y = vec![0.0; 10];
        y[usize::from(data.train.labels[i])] = 1.0;
        let (nabla_b, nabla_w) = nielsen_backprop(&start, &x, &y);
        for l in 0..start.layers.len() {
            for (w, g) in expected_w[l].iter_mut().zip(&nabla_w[l]) {
                *w -= f64::from(eta) / m as f64 * g;
            }
            for (b, g) in expected_b[l].iter_mut().zip(&nabla_b[l]) {
                *b -= f64::from(eta) / m as f64 * g;
            }
        }
        x_batch.extend(x.iter().map(|&v| v as f32));
        y_batch.extend(y.iter().map(|&v| v as f32));
    }

    // NN Lab: the whole mini-batch as matrices.
    let mut network = start.clone();
    let mut ws = network.workspace(m);
    let mut grads = network.zero_gradients();
    ws.input_mut(m).copy_from_slice(&x_batch);
    network.feedforward(&mut ws, m);
    network.backprop(&mut ws, m, &y_batch, &mut grads);
    Sgd { eta }.update(&mut network, &grads, m);

    let mut worst = 0.0f64;
    let mut moved = 0;
    for l in 0..network.layers.len() {
        let pairs =
            network.layers[l].w.iter().zip(&expected_w[l]).chain(network.layers[l].b.iter().zip(&expected_b[l]));
        for (&got, &want) in pairs {
            worst = worst.max((f64::from(got) - want).abs() / (1.0 + want.abs()));
        }
        moved += network.layers[l].w.iter().zip(&start.layers[l].w).filter(|(a, b)| a != b).count();
    }
    println!("largest relative difference from the per-sample f64 reference: {worst:.2e}; {moved} weights changed");
    assert!(moved > 1000, "the update must actually change weights");
    assert!(worst < 1e-5, "matrix update differs from Nielsen's: {worst}");
}
