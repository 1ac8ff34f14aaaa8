//! Chapter 3: a small sigmoid network, layer by layer, against hand computation and a plain loop.

use crate::common::sigmoid;
use nnlab::lab::feedforward::FeedforwardLab;

#[test]
fn a_2_2_1_net_with_hand_set_weights() {
    let mut lab = FeedforwardLab::new(&[2, 2, 1], 0).unwrap();
    assert_eq!(lab.layers(), 3);
    assert_eq!(lab.sizes(), vec![2, 2, 1]);
    // w² = [[1, −1], [0.5, 2]], b² = (0, −1), w³ = [[1, 1]], b³ = −1, x = (1, 2).
    for (l, j, k, value) in
        [(2, 0, 0, 1.0), (2, 0, 1, -1.0), (2, 1, 0, 0.5), (2, 1, 1, 2.0), (3, 0, 0, 1.0), (3, 0, 1, 1.0)]
    {
        lab.set_weight(l, j, k, value).unwrap();
    }
    for (l, j, value) in [(2, 0, 0.0), (2, 1, -1.0), (3, 0, -1.0)] {
        lab.set_bias(l, j, value).unwrap();
    }
    lab.set_input(&[1.0, 2.0]).unwrap();
    assert_eq!(lab.weights(2).unwrap(), &[1.0, -1.0, 0.5, 2.0]);
    assert_eq!(lab.biases(3).unwrap(), &[-1.0]);
    // z² = (1 − 2 + 0, 0.5 + 4 − 1) = (−1, 3.5); a² = (σ(−1), σ(3.5)) = (0.2689414213699951, 0.9706877692486436);
    // z³ = 0.2689… + 0.9706… − 1 = 0.23962919061863874; a³ = σ(z³) = 0.5596222671018745.
    assert_eq!(lab.a(1).unwrap(), &[1.0, 2.0]);
    assert_eq!(lab.z(2).unwrap(), &[-1.0, 3.5]);
    let close = |got: &[f32], want: &[f64]| {
        assert_eq!(got.len(), want.len());
        for (g, w) in got.iter().zip(want) {
            assert!((f64::from(*g) - w).abs() < 1e-6, "{got:?} vs {want:?}");
        }
    };
    close(lab.a(2).unwrap(), &[0.268_941_421_369_995_1, 0.970_687_769_248_643_6]);
    close(lab.z(3).unwrap(), &[0.239_629_190_618_638_74]);
    close(lab.a(3).unwrap(), &[0.559_622_267_101_874_5]);
}

#[test]
fn each_layer_is_sigma_of_w_a_plus_b() {
    let mut lab = FeedforwardLab::new(&[3, 4, 2], 42).unwrap();
    lab.set_input(&[0.5, -1.0, 2.0]).unwrap();
    for l in 2..=3 {
        let (w, b, a_prev) = (lab.weights(l).unwrap(), lab.biases(l).unwrap(), lab.a(l - 1).unwrap());
        let (n_out, n_in) = (b.len(), a_prev.len());
        assert_eq!(w.len(), n_out * n_in);
        for j in 0..n_out {
            let mut z = f64::from(b[j]);
            for k in 0..n_in {
                z += f64::from(w[j * n_in + k]) * f64::from(a_prev[k]);
            }
            let (got_z, got_a) = (lab.z(l).unwrap()[j], lab.a(l).unwrap()[j]);
            assert!((f64::from(got_z) - z).abs() < 1e-5, "z^{l}_{j}: {got_z} vs {z}");
            assert!((f64::from(got_a) - sigmoid(z)).abs() < 1e-6, "a^{l}_{j}: {got_a} vs {}", sigmoid(z));
        }
    }
    // Same seed, same weights.
    let again = FeedforwardLab::new(&[3, 4, 2], 42).unwrap();
    assert_eq!(again.weights(3).unwrap(), lab.weights(3).unwrap());
}

#[test]
fn bad_arguments_get_a_message_naming_them() {
    let message = |sizes: &[usize]| FeedforwardLab::new(sizes, 0).err().unwrap();
    assert_eq!(message(&[2, 0, 1]), "sizes[1] must be between 1 and 8, got 0");
    assert_eq!(message(&[2, 9]), "sizes[1] must be between 1 and 8, got 9");
    assert_eq!(message(&[2]), "sizes must list between 2 and 6 layers, got 1");
    assert_eq!(message(&[1; 7]), "sizes must list between 2 and 6 layers, got 7");
    let mut lab = FeedforwardLab::new(&[2, 3, 1], 0).unwrap();
    assert_eq!(
        lab.weights(1).unwrap_err(),
        "layer l must be between 2 and 3 (l = 1 is the input and has no weights), got 1"
    );
    assert!(lab.a(4).unwrap_err().contains("between 2 and 3"));
    assert_eq!(
        lab.set_weight(2, 3, 0, 1.0).unwrap_err(),
        "j must be between 0 and 2 (the neurons of layer 2, from 0), got 3"
    );
    assert_eq!(
        lab.set_weight(3, 0, 3, 1.0).unwrap_err(),
        "k must be between 0 and 2 (the neurons of layer 2, from 0), got 3"
    );
    assert_eq!(lab.set_bias(2, 0, f32::NAN).unwrap_err(), "bias must be a finite number, got NaN");
    assert_eq!(lab.set_input(&[1.0]).unwrap_err(), "input must have 2 values (one per input neuron), got 1");
    assert_eq!(lab.set_input(&[1.0, f32::INFINITY]).unwrap_err(), "input[1] must be a finite number, got inf");
}

/// The guess is the first largest output, as numpy's `argmax` in Nielsen's `evaluate` picks it.
#[test]
fn the_guess_is_the_first_largest_output() {
    let outputs = [0.1, 0.5, 0.5, 0.2, 0.0, 0.0, 0.0, 0.3, 0.3];
    assert_eq!(nnlab::nn::Network::argmax_rows(&outputs, 3).collect::<Vec<_>>(), [1, 0, 1]);
}
