//! What the quote layer reads of the layers before it: the entity spans
//! (with their coref entity ids) and the coref `mention` spans.

use super::*;

/// An entity span of the entity layer, as the quotes layer needs it.
#[derive(Clone, Debug)]
pub struct EntityRef<'s> {
    /// Span id.
    pub id: SpanId,
    /// First byte.
    pub start: usize,
    /// Byte after the last.
    pub end: usize,
    /// PERSON, ORG, GPE, NORP, ...
    pub label: Label,
    /// `attrs.entity` of the span, when coref gave one (borrowed: there is
    /// one per entity span, and only a few become speakers).
    pub entity: Option<&'s Value>,
}

/// A `mention` span of the coref layer.
#[derive(Clone, Debug)]
pub struct MentionRef<'s> {
    /// First byte.
    pub start: usize,
    /// `attrs.entity`.
    pub entity: Option<&'s Value>,
    /// `attrs.antecedent`: the span id of the antecedent mention.
    pub antecedent: Option<SpanId>,
}

/// Entities and mentions from earlier layers, sorted by start.
pub struct Earlier<'s> {
    /// Entity spans (names only: PERSON, ORG, GPE, NORP, FAC).
    pub entities: Vec<EntityRef<'s>>,
    /// Mention spans.
    pub mentions: Vec<MentionRef<'s>>,
    /// Canonical names of document entities by id, when coref lists them.
    pub names: FastMap<String, String>,
    /// Index in `entities` by span id.
    pub by_id: FastMap<SpanId, usize>,
}

impl<'s> Earlier<'s> {
    /// Reads what earlier layers left in `sink` and `summaries`.
    pub fn read(sink: &'s SpanSink, summaries: &crate::doc::Summaries) -> Earlier<'s> {
        let mut entities = Vec::new();
        let mut mentions = Vec::new();
        for s in sink.spans() {
            match s.layer {
                Layer::Entity
                    if matches!(s.label, Label::Person | Label::Org | Label::Gpe | Label::Norp | Label::Fac) =>
                {
                    entities.push(EntityRef {
                        id: s.id,
                        start: s.start_byte,
                        end: s.end_byte,
                        label: s.label,
                        entity: s.attrs.get("entity"),
                    });
                }
                Layer::Mention => mentions.push(MentionRef {
                    start: s.start_byte,
                    entity: s.attrs.get("entity"),
                    antecedent: match s.attrs.get("antecedent") {
                        Some(Value::Int(n)) => u32::try_from(*n).ok(),
                        Some(Value::Ids(ids)) => ids.first().copied(),
                        _ => None,
                    },
                }),
                _ => {}
            }
        }
        crate::sort::sort_by_key(&mut entities, |e| crate::sort::pair(e.start, !e.end));
        crate::sort::sort_by_key(&mut mentions, |m| m.start as u128);
        let mut names = FastMap::default();
        // Coref's cards name the document entities.
        for e in summaries.entities().unwrap_or_default() {
            names.insert(e.id.clone(), e.name.clone());
        }
        let by_id = entities.iter().enumerate().map(|(i, e)| (e.id, i)).collect();
        Earlier { entities, mentions, names, by_id }
    }

    /// Name-like entities that lie inside `start..end`.
    pub fn within(&self, start: usize, end: usize) -> impl Iterator<Item = &EntityRef<'s>> {
        let first = self.entities.partition_point(|e| e.start < start);
        self.entities[first..].iter().take_while(move |e| e.start < end).filter(move |e| e.end <= end)
    }

    /// The canonical name of a coref entity id.
    pub fn name_of(&self, entity: &Value) -> Option<&str> {
        let key = match entity {
            Value::Str(s) => s.to_string(),
            Value::Int(n) => n.to_string(),
            _ => return None,
        };
        self.names.get(&key).map(String::as_str)
    }
}
