//! A TF-Playground run: a seeded 2-D dataset, the chosen input features, and the one [`Trainer`] on them; plus the
//! batched call behind every heatmap — the activations of every neuron of every layer over a G × G grid of the
//! square [−6, 6]², input features included.

use super::config::{ConfigError, ConfigErrors, TrainConfig};
use super::trainer::{SplitName, Trainer};
use crate::data::plane::{self, Feature, PlanePoints, PlaneSet, EXTENT, MAX_CLASSES, MAX_NOISE, MAX_POINTS};
use crate::data::FeatureData;
use crate::math::buffer::try_filled;
use crate::nn::Workspace;
use alloc::format;
use alloc::rc::Rc;
use alloc::vec;
use alloc::vec::Vec;
use serde::{Deserialize, Serialize};

pub const MAX_RESOLUTION: usize = 128;

/// The data side of a run: which set, how many points, K, noise ν, the training share, the input features.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct PlaygroundSetup {
    pub dataset: PlaneSet,
    pub points: usize,
    /// K for the multiclass sets.
    pub classes: usize,
    pub noise: f32,
    /// Share of the points used for training, the rest for testing.
    pub train_ratio: f32,
    pub features: Vec<Feature>,
}

impl Default for PlaygroundSetup {
    /// TF Playground's start: the circle, 500 points, no noise, half for training, features x₁ and x₂.
    fn default() -> Self {
        PlaygroundSetup {
            dataset: PlaneSet::Circle,
            points: 500,
            classes: 3,
            noise: 0.0,
            train_ratio: 0.5,
            features: vec![Feature::X1, Feature::X2],
        }
    }
}

impl PlaygroundSetup {
    /// Every problem, each naming its field and the allowed range.
    pub fn problems(&self) -> Vec<ConfigError> {
        let mut errors = Vec::new();
        let mut fail =
            |field: &str, message: alloc::string::String| errors.push(ConfigError { field: field.into(), message });
        if !(10..=MAX_POINTS).contains(&self.points) {
            fail("points", format!("points must be between 10 and {MAX_POINTS}, got {}", self.points));
        }
        if !(3..=MAX_CLASSES).contains(&self.classes) {
            fail("classes", format!("classes must be between 3 and {MAX_CLASSES}, got {}", self.classes));
        }
        if !(0.0..=MAX_NOISE).contains(&self.noise) {
            fail("noise", format!("noise must be between 0 and {MAX_NOISE}, got {}", self.noise));
        }
        if !(0.1..=0.9).contains(&self.train_ratio) {
            fail("trainRatio", format!("trainRatio must be between 0.1 and 0.9, got {}", self.train_ratio));
        }
        if self.features.is_empty() {
            fail("features", "features must list at least one input feature".into());
        }
        if (1..self.features.len()).any(|i| self.features[..i].contains(&self.features[i])) {
            fail("features", "features must not list a feature twice".into());
        }
        errors
    }

    /// Outputs the network needs: K classes (2 for the two-class sets), or 1 for a regression.
    pub fn outputs(&self) -> usize {
        match self.dataset {
            set if set.is_regression() => 1,
            set if set.has_k() => self.classes,
            _ => 2,
        }
    }
}

pub struct Playground {
    pub setup: PlaygroundSetup,
    pub points: PlanePoints,
    /// Point indices in split order: the first `n_train` train, the rest test.
    pub order: Vec<usize>,
    pub n_train: usize,
    pub trainer: Trainer,
    resolution: usize,
    grid_ws: Option<Workspace>,
    grid: Vec<f32>,
}

impl Playground {
    /// The points from `config.seed`, split, mapped to features, and a trainer on them. The config's nTrain is set
    /// to the training points and nValidation to 0; its sizes must start with the number of features and end
    /// with [`PlaygroundSetup::outputs`].
    pub fn new(setup: PlaygroundSetup, mut config: TrainConfig) -> Result<Self, ConfigErrors> {
        let problems = setup.problems();
        if !problems.is_empty() {
            return Err(ConfigErrors(problems));
        }
        let points = plane::generate(setup.dataset, setup.points, setup.classes, setup.noise, config.seed);
        let (order, n_train) = plane::train_test_order(points.len(), setup.train_ratio, config.seed);
        let data = FeatureData {
            train: plane::feature_set(&points, &order[..n_train], &setup.features),
            test: plane::feature_set(&points, &order[n_train..], &setup.features),
        };
        config.n_train = n_train;
        config.n_validation = 0;
        config.batch_size = config.batch_size.min(n_train);
        let trainer = Trainer::new(config, Rc::new(data))?;
        Ok(Playground { setup, points, order, n_train, trainer, resolution: 0, grid_ws: None, grid: Vec::new() })
    }

    /// a^l for every example of a split (n × n_l, row-major), at inference, for the lecture's layer l = 1 … L: where
    /// a hidden layer moves the points (the XOR chapter's hidden feature space). None if l is out of range.
    pub fn layer_activations(&mut self, name: SplitName, l: usize) -> Option<Vec<f32>> {
        let network = self.trainer.network();
        let sizes = network.sizes();
        let width = *sizes.get(l.checked_sub(1)?)?;
        let split = self.trainer.split(name);
        let n = split.len();
        let mut ws = network.try_workspace(n.max(1)).ok()?;
        let mut targets = try_filled(0.0, n * network.n_outputs()).ok()?;
        let x = ws.input_mut(n);
        split.fill_batch(0..n, x, &mut targets, network.n_outputs());
        x.chunks_exact_mut(sizes[0]).for_each(|row| self.trainer.standardizer().apply(row));
        network.feedforward(&mut ws, n);
        Some(ws.a[l - 1][..n * width].to_vec())
    }

    /// Number of values the last [`Playground::grid_activations`] wrote.
    pub fn grid_len(&self) -> usize {
        self.grid.len()
    }

    /// Point (x₁, x₂) at the centre of grid cell (column gx, row gy) of a G × G grid; row 0 is the top (x₂ = 6).
    pub fn grid_point(resolution: usize, gx: usize, gy: usize) -> (f32, f32) {
        let cell = 2.0 * EXTENT / resolution as f32;
        (-EXTENT + cell * (gx as f32 + 0.5), EXTENT - cell * (gy as f32 + 0.5))
    }

    /// a^l_j at every point of a G × G grid, for every layer l = 1 … L (l = 1: the input features, after
    /// preprocessing) and every neuron j, at inference: `grid[offset(l) + j·G² + gy·G + gx]`, where offset(l)
    /// = G² Σ_{l′<l} n_{l′}. The slice lives in this run until the next call (or the run's end).
    pub fn grid_activations(&mut self, resolution: usize) -> Option<&[f32]> {
        if !(1..=MAX_RESOLUTION).contains(&resolution) {
            return None;
        }
        let network = self.trainer.network();
        let sizes = network.sizes();
        let cells = resolution * resolution;
        if self.resolution != resolution || self.grid_ws.is_none() {
            self.grid_ws = Some(network.try_workspace(cells).ok()?);
            self.grid = try_filled(0.0, cells * sizes.iter().sum::<usize>()).ok()?;
            self.resolution = resolution;
        }
        let ws = self.grid_ws.as_mut()?;
        let d = sizes[0];
        let x = ws.input_mut(cells);
        for (cell, row) in x.chunks_exact_mut(d).enumerate() {
            let (x1, x2) = Self::grid_point(resolution, cell % resolution, cell / resolution);
            Feature::fill(&self.setup.features, x1, x2, row);
            self.trainer.standardizer().apply(row);
        }
        network.feedforward(ws, cells);
        let mut offset = 0;
        for (l, &n) in sizes.iter().enumerate() {
            let a = &ws.a[l][..cells * n];
            for (cell, row) in a.chunks_exact(n).enumerate() {
                for (j, &value) in row.iter().enumerate() {
                    self.grid[offset + j * cells + cell] = value;
                }
            }
            offset += n * cells;
        }
        Some(&self.grid)
    }
}
