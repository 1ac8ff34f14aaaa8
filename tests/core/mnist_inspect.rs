//! What the MNIST chapter's dashboard asks the trainer: `outputs_for` on an image's own pixels equals `outputs` on
//! that image (the same scaling and preprocessing, for every preprocessing), and `guesses` over a range equals
//! `predict` image by image, and its agreement with the labels is `evaluate`'s count.

use crate::common;

use nnlab::data::Preprocess;
use nnlab::train::{SplitName, TrainConfig, Trainer};
use std::rc::Rc;

fn trained(preprocess: Preprocess) -> Trainer {
    let config = TrainConfig { n_train: 800, n_validation: 200, epochs: 1, preprocess, ..TrainConfig::default() };
    let mut trainer = Trainer::new(config, Rc::new(common::sample_mnist())).unwrap();
    trainer.step(40);
    trainer
}

#[test]
fn outputs_for_an_images_pixels_are_its_outputs() {
    for preprocess in [Preprocess::Scale, Preprocess::StandardizePixel] {
        let mut trainer = trained(preprocess);
        for index in [0, 7, 99] {
            let pixels = trainer.split(SplitName::Test).images().unwrap().image(index).to_vec();
            let expected = trainer.outputs(SplitName::Test, index).unwrap().unwrap().to_vec();
            let found = trainer.outputs_for(&pixels).unwrap().unwrap().to_vec();
            assert_eq!(found, expected, "{preprocess:?}, test image {index}");
        }
        assert_eq!(trainer.outputs_for(&[0; 783]).unwrap(), None, "a wrong pixel count has no answer");
    }
}

#[test]
fn guesses_are_the_predictions_and_count_as_evaluate_does() {
    let mut trainer = trained(Preprocess::Scale);
    let (start, count) = (10, 150);
    let guesses = trainer.guesses(SplitName::Validation, start, count).unwrap();
    assert_eq!(guesses.len(), count);
    let split = trainer.split(SplitName::Validation);
    let labels: Vec<u32> = (start..start + count).map(|i| split.label(i) as u32).collect();
    for (offset, &guess) in guesses.iter().enumerate() {
        let predicted = trainer.predict(SplitName::Validation, start + offset).unwrap().unwrap();
        assert_eq!(guess as usize, predicted, "image {}", start + offset);
    }
    let right = guesses.iter().zip(&labels).filter(|(g, y)| g == y).count();
    assert_eq!(right, trainer.evaluate(SplitName::Validation, start, count));
}
