//! Finding the speaker mention of a cue: the subject before it, the noun
//! phrase after an inverted cue, the subject of a colon or participle clause.

use super::*;

impl<'a> Reader<'a> {
    /// Scans back from the cue at token `cue_t0` (in sentence `sent`) for
    /// its subject.
    pub fn subject_before(&self, sent: usize, cue_t0: usize) -> Option<Subject> {
        let s0 = self.seg.sentence_tokens.get(sent)?.start;
        let mut buf = String::new();
        // Skip auxiliaries and -ly adverbs right before the cue.
        let mut end = cue_t0;
        while end > s0 {
            let w = low(self.text, self.tok(end - 1), &mut buf);
            if quote_words().aux.contains(w) || (w.len() > 4 && w.ends_with("ly") && is_word(self.tok(end - 1))) {
                end -= 1;
            } else {
                break;
            }
        }
        // "Rep. Dana Wills (D-Ore.) said": a bracketed tag right before the
        // cue ends the subject; the clause is scanned from before it.
        let mut tag_end = None;
        if end > s0 + 2 && self.tok(end - 1).text(self.text) == ")"
            && let Some(k) = (s0 + 1..end - 1).rev().take(8).find(|&k| self.tok(k).text(self.text) == "(")
        {
            tag_end = Some(end);
            end = k;
        }
        // Clause start.
        let mut start = end;
        let mut subordinate = false;
        while start > s0 && end - start < 40 {
            let t = self.tok(start - 1);
            let w = low(self.text, t, &mut buf);
            if matches!(w, ";" | ":" | "“" | "”" | "\"" | "(" | ")" | "—" | "–" | "'" | "`" | "." | "?" | "!") {
                break;
            }
            if quote_words().clause_stops.contains(w) {
                subordinate = quote_words().subordinators.contains(w);
                break;
            }
            start -= 1;
        }
        if start >= end {
            return None;
        }
        // Comma chunks, last first.
        let mut chunks: Vec<(usize, usize)> = Vec::new();
        let mut b = end;
        let mut k = end;
        while k > start {
            if self.tok(k - 1).text(self.text) == "," {
                if k < b {
                    chunks.push((k, b));
                }
                b = k - 1;
            }
            k -= 1;
        }
        if start < b {
            chunks.push((start, b));
        }
        // chunks[0] is nearest the cue. A relative clause next to the cue
        // has its own subject ("which board members have called"): keep it.
        if let Some(first) = chunks.first_mut().filter(|c| c.1 == end) {
            let w = low(self.text, self.tok(first.0), &mut buf);
            if matches!(w, "which" | "whom" | "that") && first.1 > first.0 + 1 {
                first.0 += 1;
            }
        }
        let mut pick = 0;
        while pick < chunks.len() {
            let (c0, c1) = chunks[pick];
            let w = low(self.text, self.tok(c0), &mut buf);
            // An age ("Mr. Jones, 54, said") is an appositive too.
            let age = (c0..c1).all(|k| self.tok(k).kind() == Label::Number);
            if quote_words().modifier_starts.contains(w) || self.party_tag(c0, c1) || age { pick += 1 } else { break }
        }
        let &(mut m0, mut m1) = chunks.get(pick)?;
        // "… “reckless” and warned": a conjunction is no subject.
        while m0 < m1 && matches!(low(self.text, self.tok(m0), &mut buf), "and" | "or" | "but" | "nor") {
            m0 += 1;
        }
        if m0 >= m1 {
            return None;
        }
        if m1 - m0 > 12 {
            // Too long for a subject: keep its last noun-phrase-ish tail only
            // if it is a pronoun ("... and he said"); else no subject.
            let last = m1 - 1;
            let w = low(self.text, self.tok(last), &mut buf);
            if quote_words().pronouns.contains(w) { m0 = last } else { return None }
        }
        // A pronoun subject is the pronoun alone.
        let first = low(self.text, self.tok(m0), &mut buf).to_string();
        if quote_words().pronouns.contains(first.as_str()) {
            m1 = m0 + 1;
        }
        let mut group_start = m0;
        let mut appositive = None;
        // Appositive pair: a name next to a description. Prefer the name.
        if let Some(&(p0, p1)) = chunks.get(pick + 1) {
            let here_name = self.is_name(m0, m1);
            // "In Ohio, officials said": a phrase opened by a preposition is
            // an adverbial, not the name of the subject.
            let prev_name =
                self.is_name(p0, p1) && !quote_words().modifier_starts.contains(low(self.text, self.tok(p0), &mut buf));
            let enclosed = pick > 0 || m1 < end; // name chunk closed by a comma
            if here_name && !prev_name && p1 - p0 <= 12 && (pick > 0 || enclosed) && self.looks_descriptive(p0, p1) {
                appositive = Some((p0, p1));
                group_start = p0;
            } else if !here_name && prev_name && pick == 0 && self.looks_descriptive(m0, m1) {
                appositive = Some((m0, m1));
                group_start = p0;
                m0 = p0;
                m1 = p1;
            }
        }
        Some(Subject {
            t0: m0,
            t1: if m1 == end { tag_end.unwrap_or(m1) } else { m1 },
            region_start: start,
            group_start,
            subordinate,
            appositive,
            skipped_modifier: pick > 0,
        })
    }

    /// The name or pronoun that opens the clause ending at token `end`
    /// (`Asked about it, Cruz was blunt:`), when the rest of the clause is
    /// short.
    pub fn colon_subject(&self, sent: usize, end: usize) -> Option<(usize, usize, Option<(usize, usize)>)> {
        let s0 = self.seg.sentence_tokens.get(sent)?.start;
        let mut k0 = end;
        while k0 > s0 && self.tok(k0 - 1).text(self.text) != "," && end - k0 < 12 {
            k0 -= 1;
        }
        let (a, b) = self.name_or_pronoun_at(k0, end)?;
        (end - b <= 4).then_some((a, b, None))
    }

    /// The subject of a participle cue at token `t`: the document noun
    /// phrase right before it ("a statement saying"), or after a comma the
    /// name or pronoun that opens the sentence ("Trump …, saying").
    pub fn participle_subject(&self, sent: usize, t: usize) -> Option<(usize, usize, Option<(usize, usize)>)> {
        let s0 = self.seg.sentence_tokens.get(sent)?.start;
        if t <= s0 {
            return None;
        }
        let w = words();
        let mut buf = String::new();
        let prev = low(self.text, self.tok(t - 1), &mut buf).to_string();
        if w.documents.contains(&prev) {
            let mut k = t - 1;
            while k > s0 && t - k < 4 {
                let lw = low(self.text, self.tok(k - 1), &mut buf);
                if self.tok(k - 1).kind() != Label::Word {
                    break;
                }
                let det = matches!(lw, "a" | "an" | "the" | "its" | "his" | "her" | "their");
                k -= 1;
                if det {
                    break;
                }
            }
            return Some((k, t, None));
        }
        if prev == "," {
            let (a, b) = self.name_or_pronoun_at(s0, t)?;
            return Some((a, b, None));
        }
        None
    }

    /// The name or pronoun that opens sentence `sent`, before token `end`
    /// ("Carl Dunn called it “reckless” and warned …").
    pub fn sentence_subject(&self, sent: usize, end: usize) -> Option<(usize, usize, Option<(usize, usize)>)> {
        let s0 = self.seg.sentence_tokens.get(sent)?.start;
        let (a, b) = self.name_or_pronoun_at(s0, end)?;
        Some((a, b, None))
    }

    /// A pronoun, or a name (titles allowed) that starts at token `k`,
    /// before `end`.
    pub(super) fn name_or_pronoun_at(&self, k: usize, end: usize) -> Option<(usize, usize)> {
        if k >= end {
            return None;
        }
        let w = words();
        let mut buf = String::new();
        let first = low(self.text, self.tok(k), &mut buf);
        if quote_words().pronouns.contains(first) {
            return Some((k, k + 1));
        }
        let mut a = k;
        while a < end && w.titles.contains(low(self.text, self.tok(a), &mut buf)) {
            a += 1;
        }
        if a >= end || !capitalised(self.text, self.tok(a)) {
            return None;
        }
        let b = name_run_end(self.text, &self.seg.tokens, a).min(end);
        let roles = (a..b).all(|x| w.roles.contains_key(low(self.text, self.tok(x), &mut buf)));
        (b > a && !roles).then_some((k, b))
    }

    /// Whether tokens `a..b` are a US party-and-state tag ("D-Mass.",
    /// "R-Texas"), an appositive of the name before it.
    pub fn party_tag(&self, a: usize, b: usize) -> bool {
        b >= a + 3
            && b <= a + 5
            && matches!(self.tok(a).text(self.text), "D" | "R" | "I")
            && self.tok(a + 1).text(self.text) == "-"
            && capitalised(self.text, self.tok(a + 2))
    }

    /// Whether tokens `a..b` look like a description (start with a
    /// determiner, number or lower-case word, or hold a role noun).
    pub(super) fn looks_descriptive(&self, a: usize, b: usize) -> bool {
        let w = words();
        let mut buf = String::new();
        (a..b).any(|k| w.roles.contains_key(low(self.text, self.tok(k), &mut buf)))
            || matches!(low(self.text, self.tok(a), &mut buf), "a" | "an" | "the" | "one" | "two" | "three" | "several")
    }

    /// Whether tokens `a..b` are a name: capitalised words with name
    /// particles and hyphens, titles allowed, or a PERSON/ORG entity.
    pub fn is_name(&self, a: usize, b: usize) -> bool {
        if a >= b || b - a > 8 {
            return false;
        }
        let (sa, sb) = self.bytes(a, b);
        if self.earlier.within(sa, sb).any(|e| e.end == sb && matches!(e.label, Label::Person | Label::Org)) {
            return true;
        }
        name_run_end(self.text, &self.seg.tokens, a) >= b && capitalised(self.text, self.tok(a))
    }

    /// The noun phrase after an inverted cue or "according to", from token
    /// `t`, ending at a comma, stop word or the sentence end; with the
    /// appositive after a comma, if any.
    pub fn np_after(&self, sent: usize, t: usize) -> Option<(usize, usize, Option<(usize, usize)>)> {
        let s1 = self.seg.sentence_tokens.get(sent)?.end;
        let mut buf = String::new();
        let mut k = t;
        while k < s1 && k - t < 12 {
            let tk = self.tok(k);
            let w = low(self.text, tk, &mut buf);
            if k > t && quote_words().np_stops.contains(w) {
                break;
            }
            if tk.kind() == Label::Punct && !matches!(w, "-" | "’s" | "'s" | "’" | "&") {
                break;
            }
            k += 1;
        }
        if k == t {
            return None;
        }
        let mut app = None;
        if k < s1 && self.tok(k).text(self.text) == "," {
            let a0 = k + 1;
            let mut a1 = a0;
            while a1 < s1 && a1 - a0 < 12 {
                let tk = self.tok(a1);
                if tk.kind() == Label::Punct && !matches!(tk.text(self.text), "-" | "’s" | "'s") {
                    break;
                }
                let w = low(self.text, tk, &mut buf);
                if a1 > a0 && matches!(w, "who" | "which" | "said" | "says" | "told") {
                    break;
                }
                a1 += 1;
            }
            if a1 > a0 && self.looks_descriptive(a0, a1) {
                app = Some((a0, a1));
            }
        }
        Some((t, k, app))
    }
}
