//! `--format text`: the text with its spans highlighted, for a person at a
//! terminal. With colours, entities are bold and coloured, quotes italic,
//! sources underlined and hedges reversed; without (a pipe, a file,
//! `NO_COLOR`), only the entity labels show, in brackets after each entity.

use std::io::{self, Write};

use newslens::{Label, Layer, Span};

/// ANSI colour for a span worth showing in a terminal, or `None`.
fn ansi_style(span: &Span) -> Option<&'static str> {
    use Label::*;
    Some(match (span.layer, span.label) {
        (Layer::Entity, Person) => "1;34",
        (Layer::Entity, Org) => "1;35",
        (Layer::Entity, Gpe | Loc | Fac) => "1;32",
        (Layer::Entity, Norp) => "1;36",
        (Layer::Entity, _) => "33",
        (Layer::Quote, _) => "3",
        (Layer::Source, _) => "4",
        (Layer::Hedge, _) => "7",
        _ => return None,
    })
}

/// Writes `text` with the styled spans highlighted (escapes only when
/// `color`); entity labels follow each entity, dim when in colour.
pub fn write_text(out: &mut impl Write, text: &str, spans: &[Span], color: bool) -> io::Result<()> {
    let styled: Vec<(&Span, &str)> = spans.iter().filter_map(|s| ansi_style(s).map(|st| (s, st))).collect();
    let mut bounds: Vec<usize> = styled.iter().flat_map(|(s, _)| [s.start_byte, s.end_byte]).collect();
    bounds.push(0);
    bounds.push(text.len());
    bounds.sort_unstable();
    bounds.dedup();
    let chip = |out: &mut dyn Write, label: Label| {
        if color { write!(out, "\x1b[0;2m[{}]\x1b[0m", label.name()) } else { write!(out, "[{}]", label.name()) }
    };
    let mut open: Vec<(&Span, &str)> = Vec::new();
    let mut next = 0;
    for w in bounds.windows(2) {
        let (a, b) = (w[0], w[1]);
        // Close spans that end at `a`, labelling entities.
        let mut closed = Vec::new();
        open.retain(|(s, _)| {
            if s.end_byte == a && s.layer == Layer::Entity {
                closed.push(s.label);
            }
            s.end_byte > a
        });
        for label in closed {
            chip(out, label)?;
        }
        while next < styled.len() && styled[next].0.start_byte == a {
            open.push(styled[next]);
            next += 1;
        }
        if color {
            let codes: Vec<&str> = open.iter().map(|(_, st)| *st).collect();
            write!(out, "\x1b[0m\x1b[{}m", if codes.is_empty() { "0".to_string() } else { codes.join(";") })?;
        }
        out.write_all(text[a..b].as_bytes())?;
    }
    for (s, _) in &open {
        if s.layer == Layer::Entity {
            chip(out, s.label)?;
        }
    }
    if color {
        out.write_all(b"\x1b[0m")?;
    }
    writeln!(out)
}
