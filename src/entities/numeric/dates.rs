//! Dates and times named by words: months, weekdays, relative dates,
//! ordinals, holidays, seasons, quarters.

use super::numbers::is_percent_word;
use super::scan::Scan;
use super::{M, words};
use crate::doc::Label;

/// Words before a date that place it in time ("since January").
pub(super) fn temporal_prep(k: &str) -> bool {
    matches!(
        k,
        "in" | "on"
            | "since"
            | "until"
            | "till"
            | "by"
            | "from"
            | "through"
            | "during"
            | "before"
            | "after"
            | "of"
            | "early"
            | "late"
            | "mid"
            | "last"
            | "next"
            | "this"
            | "between"
            | "to"
            | "and"
            | "throughout"
            | "end"
            | "-"
    )
}

impl Scan<'_> {
    /// "January", "March 3", "March 3, 2024", "Jan. 5", "May 2024",
    /// "mid-January".
    pub(super) fn month(&self, i: usize, floor: usize) -> Option<M> {
        if !self.cap(i) {
            return None;
        }
        let k = self.k(i);
        let (mo, full) = match words::month_full(k) {
            Some(m) => (m, true),
            None => (words::month_abbr(k)?, false),
        };
        let mut e = i + 1;
        let (mut day, mut year) = (None, None);
        if let Some(d) = self.day_at(e).filter(|_| self.k(e + 1) != ":" && !is_percent_word(self.k(e + 1))) {
            day = Some(d);
            e += 1;
            let to_day = self.day_at(e + 1).filter(|t| self.k(e) == "-" && *t > d && !matches!(self.k(e + 2), ":"));
            if to_day.is_some() {
                e += 2;
            }
            if self.k(e) == "," && self.year_at(e + 1).is_some() {
                year = self.year_at(e + 1);
                e += 2;
            } else if let Some(y) = self.year_at(e) {
                year = Some(y);
                e += 1;
            }
        } else if let Some(y) = self.year_at(e) {
            year = Some(y);
            e += 1;
        } else if self.k(e) == "," && full && self.year_at(e + 1).is_some() {
            year = self.year_at(e + 1);
            e += 2;
        } else if matches!(self.k(e), "-" | "to" | "through")
            && let Some(m2) = words::month_full(self.k(e + 1)).filter(|_| full)
            && let Some(y) = self.year_at(e + 2)
        {
            let s = self.back_modifiers(i, floor, false);
            return Some(date(s, e + 3, Some(y), Some(mo), None).with("to_month", i64::from(m2)));
        }
        if day.is_none() && year.is_none() {
            if !full {
                return None;
            }
            let prev = self.kb(i);
            let supported = temporal_prep(prev);
            if matches!(k, "may" | "march") && (!supported || matches!(prev, "and" | "to" | "-")) {
                return None;
            }
            let name_next = !self.caps && self.t.get(e).is_some_and(|t| t.kind == Label::Word && t.cap);
            if name_next && !supported {
                return None;
            }
        }
        let s = self.back_modifiers(i, floor, false);
        let mut m = date(s, e, year, Some(mo), day);
        if e >= i + 3
            && self.k(i + 2) == "-"
            && let Some(t) = self.day_at(i + 3)
        {
            m = m.with("to_day", i64::from(t));
        }
        Some(m)
    }

    /// "Tuesday", "on Tuesdays", "Tuesday night" (TIME), "last Friday",
    /// "Tuesday, March 3".
    pub(super) fn weekday(&self, i: usize, floor: usize) -> Option<M> {
        if !self.cap(i) {
            return None;
        }
        let k = self.k(i);
        let wd = match words::weekday(k) {
            Some(w) => w,
            None => {
                let w = words::weekday_abbr(k)?;
                let next = self.k(i + 1);
                if !(next == ","
                    || words::month_full(next).is_some()
                    || words::month_abbr(next).is_some()
                    || self.day_at(i + 1).is_some())
                {
                    return None;
                }
                w
            }
        };
        let mut s = i;
        let mut relative = true;
        if s > floor && matches!(self.kb(i), "last" | "next" | "this" | "early" | "late" | "every" | "each") {
            s -= 1;
        }
        if words::part_of_day(self.k(i + 1)) {
            return Some(M::new(s, i + 2, Label::Time).with("weekday", i64::from(wd)).with("relative", true));
        }
        let mut e = i + 1;
        let mut m = M::new(s, e, Label::Date);
        let comma = usize::from(self.k(e) == ",");
        let dated = self
            .month(e + comma, e + comma)
            .or_else(|| self.number_led(e + comma, e + comma).filter(|m| m.label == Some(Label::Date)));
        if let Some(dm) = dated.filter(|dm| dm.attrs.contains_key("day") && dm.attrs.contains_key("month")) {
            e = dm.e;
            m = dm;
            m.s = s;
            m.e = e;
            relative = false;
        }
        m = m.with("weekday", i64::from(wd));
        if relative {
            m = m.with("relative", true);
        }
        Some(m)
    }

    /// Relative dates and times: "yesterday", "tonight", "last week", "this
    /// morning", "the past year", "recent years", "a year ago", "earlier
    /// this month".
    pub(super) fn relative(&self, i: usize, floor: usize) -> Option<M> {
        let k = self.k(i);
        let rel = |m: M| m.with("relative", true);
        if k == "the" && matches!(self.k(i + 1), "end" | "beginning" | "start" | "middle") && self.k(i + 2) == "of" {
            let j = i + 3;
            if self.k(j) == "the" && matches!(self.k(j + 1), "year" | "month" | "week" | "day" | "decade" | "century") {
                return Some(rel(
                    M::new(i, j + 2, Label::Date).with("unit", words::date_unit(self.k(j + 1)).unwrap_or("year"))
                ));
            }
            let inner = self.t.get(j).and_then(|t| if t.kl() == 0 { None } else { self.at(j, j) });
            if let Some(m) = inner.filter(|m| m.label == Some(Label::Date) && m.s == j) {
                return Some(M { s: i, ..m });
            }
            return None;
        }
        match k {
            "today" | "yesterday" | "tomorrow" => {
                if self.cap(i) && i > 0 && !self.caps && self.cap(i - 1) {
                    return None; // "USA Today"
                }
                if words::part_of_day(self.k(i + 1)) {
                    return Some(rel(M::new(i, i + 2, Label::Time)));
                }
                return Some(rel(M::new(i, i + 1, Label::Date)));
            }
            "tonight" | "overnight" => return Some(rel(M::new(i, i + 1, Label::Time))),
            "the"
                if words::part_of_day(self.k(i + 1))
                    && self.k(i + 1) != "overnight"
                    && matches!(self.kb(i), "in" | "during" | "by" | "through" | "until" | "overnight") =>
            {
                return Some(M::new(i, i + 2, Label::Time)); // "in the morning"
            }
            "the" | "that" if self.k(i + 1) == "same" => {
                // "that same year", "the same day"
                let u = self.k(i + 2);
                let unit = words::date_unit(u).filter(|_| !u.ends_with('s'))?;
                return Some(rel(M::new(i, i + 3, Label::Date).with("unit", unit)));
            }
            "recent" => {
                let u = self.k(i + 1);
                if words::date_unit(u).is_some() && u.ends_with('s') {
                    return Some(rel(M::new(i, i + 2, Label::Date)));
                }
                return None;
            }
            "earlier" | "later" | "early" | "late" => {
                if words::relative_modifier(self.k(i + 1)) {
                    let m = self.relative(i + 1, i + 1)?;
                    return Some(M { s: i, ..m });
                }
                return None;
            }
            "a" | "several" | "many" if self.vague_duration(i).is_some() => return self.vague_duration(i),
            "a" | "an" => {
                let u = self.k(i + 1);
                if matches!(self.k(i + 2), "ago" | "earlier" | "later") {
                    if let Some(unit) = words::date_unit(u) {
                        return Some(rel(M::new(i, i + 3, Label::Date).with("value", 1i64).with("unit", unit)));
                    }
                    if let Some(unit) = words::time_unit(u) {
                        return Some(rel(M::new(i, i + 3, Label::Time).with("value", 1i64).with("unit", unit)));
                    }
                }
                return None;
            }
            _ => {}
        }
        // plural units + "ago": "years ago", "hours later"
        if let Some(unit) = words::date_unit(k).or_else(|| words::time_unit(k)) {
            if k.ends_with('s') && matches!(self.k(i + 1), "ago" | "earlier" | "later") {
                let label = if words::time_unit(k).is_some() { Label::Time } else { Label::Date };
                return Some(rel(M::new(i, i + 2, label).with("unit", unit)));
            }
            if k == "weekend" && self.kb(i) == "the" && i > floor {
                return Some(M::new(i - 1, i + 1, Label::Date));
            }
            return None;
        }
        if !words::relative_modifier(k) {
            return None;
        }
        let mut e = i + 1;
        if matches!(self.k(e), "few" | "several") {
            e += 1;
        } else if self.k(e) == "couple" && self.k(e + 1) == "of" {
            e += 2;
        }
        let x = self.k(e);
        let plural_only = e > i + 1;
        let (label, attrs_unit) = if let Some(u) = words::date_unit(x) {
            // "the past few days" needs a plural; "this weeks" is no date
            if (plural_only && !x.ends_with('s'))
                || (!plural_only
                    && x.ends_with('s')
                    && !matches!(k, "past" | "next" | "coming" | "last" | "previous" | "following"))
            {
                return None;
            }
            (Label::Date, Some(u))
        } else if words::part_of_day(x) && e == i + 1 && x != "overnight" {
            (Label::Time, None)
        } else if e == i + 1
            && ((words::weekday(x).is_some() || words::month_full(x).is_some()) && self.cap(e) || words::season(x))
        {
            (Label::Date, None)
        } else {
            return None;
        };
        if matches!(k, "past" | "previous" | "following" | "coming") && self.kb(i) != "the" && k != "past" {
            return None;
        }
        let mut s = i;
        if s > floor && self.kb(i) == "the" {
            s -= 1;
        }
        let mut m = rel(M::new(s, e + 1, label));
        if let Some(u) = attrs_unit {
            m = m.with("unit", u);
        }
        if let Some(mo) = words::month_full(x) {
            m = m.with("month", i64::from(mo));
        }
        if let Some(wd) = words::weekday(x) {
            m = m.with("weekday", i64::from(wd));
        }
        Some(m)
    }

    /// "a few years ago", "several days", "many years later".
    pub(super) fn vague_duration(&self, i: usize) -> Option<M> {
        let mut j = i + 1;
        match (self.k(i), self.k(j)) {
            ("a", "few") => j += 1,
            ("a", "couple") if self.k(j + 1) == "of" => j += 2,
            ("several" | "many", _) => {}
            _ => return None,
        }
        let u = self.k(j);
        if !u.ends_with('s') {
            return None;
        }
        let label = if words::date_unit(u).is_some() {
            Label::Date
        } else if words::time_unit(u).is_some() {
            Label::Time
        } else {
            return None;
        };
        let unit = words::date_unit(u).or_else(|| words::time_unit(u))?;
        let after = matches!(self.k(j + 1), "ago" | "earlier" | "later");
        if self.k(i) == "many" && !after {
            return None;
        }
        let mut m = M::new(i, j + 1 + usize::from(after), label).with("unit", unit);
        if after {
            m = m.with("relative", true);
        }
        Some(m)
    }

    /// "first", "21st", "twenty-first"; "the 19th century" and "the first
    /// quarter" are DATEs.
    pub(super) fn ordinal(&self, i: usize, floor: usize) -> Option<M> {
        let k = self.k(i);
        let (v, e) = if let Some(v) = words::ordinal_word(k) {
            (v, i + 1)
        } else {
            let tens = words::small_number(k).filter(|n| *n >= 20)?;
            if self.k(i + 1) != "-" || !self.touch(i) || !self.touch(i + 1) {
                return None;
            }
            let o = words::ordinal_word(self.k(i + 2)).filter(|o| *o < 10)?;
            (tens + o, i + 3)
        };
        if k == "second" {
            let prev = self.kb(i);
            let next = self.t.get(e);
            let unit_like =
                matches!(prev, "a" | "one" | "per" | "split" | "every") && next.is_none_or(|t| t.kind == Label::Punct);
            if unit_like {
                return None;
            }
        }
        if (k == "first" && self.k(e) == "and" && self.k(e + 1) == "foremost")
            || (k == "first" && self.kb(i) == "at" && self.is_kind(e, Label::Punct))
        {
            return None;
        }
        // "First Lady", "Second World War", "Fifth Fleet": part of a name
        if self.cap(i) && i > 0 && !self.caps && self.cap(e) && self.is_kind(e, Label::Word) {
            return None;
        }
        Some(self.ordinal_tail(i, e, v, floor))
    }

    pub(super) fn ordinal_tail(&self, i: usize, e: usize, v: u32, floor: usize) -> M {
        let next = self.k(e);
        if next == "-" && self.touch(e) && self.k(e + 1) == "century" {
            return M::new(i, e + 2, Label::Date).with("century", i64::from(v)); // "a 17th-century writer"
        }
        if matches!(next, "century" | "centuries") {
            let s = self.back_modifiers(i, floor, true);
            let era = matches!(self.k(e + 1), "bc" | "b.c." | "bce" | "ad" | "a.d." | "ce")
                && self.t.get(e + 1).is_some_and(|t| t.upper);
            return M::new(s, e + 1 + usize::from(era), Label::Date).with("century", i64::from(v));
        }
        if next == "minute" {
            // match reports: "in the 62nd minute"
            let s = if i > floor && self.kb(i) == "the" { i - 1 } else { i };
            return M::new(s, e + 1, Label::Time).with("minute_of_play", i64::from(v));
        }
        let hy = next == "-" && self.touch(e);
        let unit = if hy { self.k(e + 1) } else { next };
        if !hy
            && matches!(next, "day" | "week" | "month" | "year" | "decade" | "weekend")
            && i > floor
            && self.kb(i) == "the"
        {
            // "the first week of the operation"
            return M::new(i - 1, e + 1, Label::Date).with("unit", next).with("ordinal", i64::from(v));
        }
        if matches!(unit, "quarter" | "half") && v <= 4 {
            let mut end = e + 1 + usize::from(hy);
            let mut year = None;
            if self.k(end) == "of" {
                if let Some(y) = self.year_at(end + 1) {
                    year = Some(y);
                    end += 2;
                }
            } else if let Some(y) = self.year_at(end) {
                year = Some(y);
                end += 1;
            }
            let s = if i > floor && self.kb(i) == "the" { i - 1 } else { i };
            let mut m =
                M::new(s, end, Label::Date).with(if unit == "quarter" { "quarter" } else { "half" }, i64::from(v));
            if let Some(y) = year {
                m = m.with("year", i64::from(y));
            }
            return m;
        }
        let of = usize::from(next == "of");
        let mk = self.k(e + of);
        if let Some(mo) =
            words::month_full(mk).or_else(|| words::month_abbr(mk)).filter(|_| v <= 31 && self.cap(e + of))
        {
            let mut end = e + of + 1;
            let y = self.year_at(end);
            if y.is_some() {
                end += 1;
            }
            let s = if of == 1 && i > floor && self.kb(i) == "the" { i - 1 } else { i };
            return date(s, end, y, Some(mo), Some(v));
        }
        M::new(i, e, Label::Ordinal).with("value", i64::from(v))
    }

    /// Named holidays: "Christmas", "Eid al-Fitr", "New Year's Eve".
    pub(super) fn holiday(&self, i: usize, floor: usize) -> Option<M> {
        if !self.cap(i) {
            return None;
        }
        let k = self.k(i);
        if !words::holiday_start(k) {
            return None;
        }
        'outer: for h in words::HOLIDAYS {
            if h[0] != k {
                continue;
            }
            for (n, w) in h.iter().enumerate().skip(1) {
                if self.k(i + n) != *w {
                    continue 'outer;
                }
            }
            let mut e = i + h.len();
            let s = if i > floor && matches!(self.kb(i), "this" | "last" | "next") { i - 1 } else { i };
            let mut m = M::new(s, e, Label::Date).with("holiday", true);
            if let Some(y) = self.year_at(e) {
                e += 1;
                m.e = e;
                m = m.with("year", i64::from(y));
            }
            return Some(m);
        }
        None
    }

    /// Seasons with a modifier or year: "early summer", "summer 2024", "in
    /// the winter".
    pub(super) fn season(&self, i: usize, floor: usize) -> Option<M> {
        let k = self.k(i);
        if !words::season(k) {
            return None;
        }
        let mut e = i + 1;
        let mut year = None;
        if let Some(y) = self.year_at(e) {
            year = Some(y);
            e += 1;
        } else if self.k(e) == "of" && self.year_at(e + 1).is_some() {
            year = self.year_at(e + 1);
            e += 2;
        }
        let prev = self.kb(i);
        let modified = matches!(prev, "early" | "late" | "mid")
            || (matches!(prev, "in" | "during" | "since" | "until" | "by") && k != "fall");
        let the_in = prev == "the"
            && i >= 2
            && matches!(self.k(i - 2), "in" | "during" | "over" | "through" | "since" | "until" | "by")
            && k != "fall";
        if year.is_none() && !modified && !the_in {
            return None;
        }
        let s = self.back_modifiers(i, floor, true);
        let mut m = M::new(s, e, Label::Date).with("season", k);
        if let Some(y) = year {
            m = m.with("year", i64::from(y));
        }
        Some(m)
    }

    /// "noon", "midnight", "at dawn".
    pub(super) fn time_word(&self, i: usize) -> Option<M> {
        let k = self.k(i);
        match k {
            "noon" | "midday" => Some(M::new(i, i + 1, Label::Time).with("hour", 12i64).with("minute", 0i64)),
            "midnight" => Some(M::new(i, i + 1, Label::Time).with("hour", 0i64).with("minute", 0i64)),
            _ if words::day_point(k)
                && matches!(self.kb(i), "at" | "before" | "after" | "until" | "till" | "by" | "since" | "from") =>
            {
                Some(M::new(i, i + 1, Label::Time))
            }
            _ => None,
        }
    }

    /// "Q3", "Q3 2024", "fiscal 2024" (the year rule takes "fiscal").
    pub(super) fn quarter(&self, i: usize) -> Option<M> {
        let k = self.k(i);
        let q = match k {
            "q1" => 1,
            "q2" => 2,
            "q3" => 3,
            "q4" => 4,
            _ => return None,
        };
        if !self.t[i].upper {
            return None;
        }
        let mut m = M::new(i, i + 1, Label::Date).with("quarter", i64::from(q));
        if let Some(y) = self.year_at(i + 1) {
            m.e = i + 2;
            m = m.with("year", i64::from(y));
        }
        Some(m)
    }
}

/// A DATE span with calendar fields and an ISO 8601 form ("2024-03-03",
/// "2024-03", "--03-03", "--03", "2024").
pub(super) fn date(s: usize, e: usize, year: Option<u32>, month: Option<u32>, day: Option<u32>) -> M {
    let mut m = M::new(s, e, Label::Date);
    let iso = match (year, month, day) {
        (Some(y), Some(mo), Some(d)) => format!("{y:04}-{mo:02}-{d:02}"),
        (Some(y), Some(mo), None) => format!("{y:04}-{mo:02}"),
        (None, Some(mo), Some(d)) => format!("--{mo:02}-{d:02}"),
        (None, Some(mo), None) => format!("--{mo:02}"),
        (Some(y), None, _) => format!("{y:04}"),
        (None, None, _) => String::new(),
    };
    if let Some(y) = year {
        m = m.with("year", i64::from(y));
    }
    if let Some(mo) = month {
        m = m.with("month", i64::from(mo));
    }
    if let Some(d) = day {
        m = m.with("day", i64::from(d));
    }
    if !iso.is_empty() {
        m = m.with("iso", iso);
    }
    m
}
