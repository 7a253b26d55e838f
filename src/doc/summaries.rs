//! The layers' summaries of the whole document, and the typed cards of the
//! coreference layer's `entities` summary.
//!
//! The cards are defined here, beside the document, and not in `coref`, which
//! fills them: the document's types name no layer above them.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Label, SpanId};

/// The layers' summaries of the whole document, serialized as one JSON
/// object keyed by name (flattened into the result beside `stats`).
///
/// The coreference layer's `entities` cards are typed
/// ([`EntityCard`]); the others are JSON values. The cards
/// were a `serde_json::Value` each, a map of freshly allocated keys and
/// values: ~60,000 allocations and ~42M instructions on a 1 MB article,
/// for JSON that the struct writes the same, byte for byte.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summaries {
    entities: Option<Vec<EntityCard>>,
    other: BTreeMap<&'static str, serde_json::Value>,
}

impl Summaries {
    /// The key of the coreference layer's cards.
    pub const ENTITIES: &'static str = "entities";

    /// Sets the JSON summary `key` (not [`Summaries::ENTITIES`], which
    /// [`Summaries::set_entities`] sets), returning the value it replaces.
    pub(crate) fn insert(&mut self, key: &'static str, value: serde_json::Value) -> Option<serde_json::Value> {
        debug_assert_ne!(key, Self::ENTITIES, "the entity cards are typed: use set_entities");
        self.other.insert(key, value)
    }

    /// The JSON summary `key`; the entity cards are [`Summaries::entities`].
    pub fn get(&self, key: &str) -> Option<&serde_json::Value> {
        self.other.get(key)
    }

    /// Sets the coreference layer's cards, most salient first.
    pub(crate) fn set_entities(&mut self, cards: Vec<EntityCard>) {
        self.entities = Some(cards);
    }

    /// The coreference layer's cards, when it ran.
    pub fn entities(&self) -> Option<&[EntityCard]> {
        self.entities.as_deref()
    }

    /// Whether no layer left a summary.
    pub fn is_empty(&self) -> bool {
        self.entities.is_none() && self.other.is_empty()
    }
}

impl Serialize for Summaries {
    /// As a map sorted by key, as a `BTreeMap` of JSON values was.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let n = self.other.len() + usize::from(self.entities.is_some());
        let mut map = serializer.serialize_map(Some(n))?;
        let mut entities = self.entities.as_ref();
        for (k, v) in &self.other {
            if *k > Self::ENTITIES
                && let Some(cards) = entities.take()
            {
                map.serialize_entry(Self::ENTITIES, cards)?;
            }
            map.serialize_entry(k, v)?;
        }
        if let Some(cards) = entities {
            map.serialize_entry(Self::ENTITIES, cards)?;
        }
        map.end()
    }
}

/// One document entity as the `entities` summary lists it.
///
/// The fields are in the order in which they are written, alphabetical, as
/// they were when the cards were `serde_json` maps (the JSON is the same).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EntityCard {
    /// The long form, when the entity is named by an acronym too.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub acronym: Option<String>,
    /// For a nationality: the country's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<&'static str>,
    /// For a nationality: the id of the country's entity, when the text
    /// names the country.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country_entity: Option<String>,
    /// The span id of the first mention.
    pub first_mention: SpanId,
    /// For a person, when a given name or a pronoun tells.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gender: Option<Gender>,
    /// "e1", "e2", ... numbered by first mention.
    pub id: String,
    /// The span ids of every mention, in text order.
    pub mentions: Vec<SpanId>,
    /// The fullest form used.
    pub name: String,
    /// For a capital used for its government: `"<country> government"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refers_to: Option<Government>,
    /// How central the entity is to the text (see the module's doc).
    pub salience: f64,
    /// The entity's label.
    #[serde(rename = "type")]
    pub label: Label,
}

/// `"<country> government"`, written without being made: the `refers_to`
/// of a capital used for its government.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Government(pub &'static str);

impl std::fmt::Display for Government {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} government", self.0)
    }
}

impl Serialize for Government {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// A person's sex as a pronoun would show it. Serialized as "male" or
/// "female".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Gender {
    /// he, him.
    Male,
    /// she, her.
    Female,
}
