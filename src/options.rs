//! What a caller may ask of `annotate`.
//!
//! Options arrive from JS as an untyped object, so unknown fields are an
//! error rather than silently ignored: a misspelt `layer` would otherwise
//! quietly return everything.

use serde::Deserialize;

use crate::doc::Layer;

/// Options for [`crate::annotate`].
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Options {
    /// The layers to return. Layers that others depend on are still
    /// computed, but only the ones listed here are returned.
    pub layers: Vec<Layer>,
}

impl Default for Options {
    fn default() -> Options {
        Options { layers: Layer::ALL.to_vec() }
    }
}

impl Options {
    /// Options that return only the given layers.
    pub fn with_layers(layers: &[Layer]) -> Options {
        Options { layers: layers.to_vec() }
    }

    /// Whether `layer` is to be returned.
    pub fn wants(&self, layer: Layer) -> bool {
        self.layers.contains(&layer)
    }
}
