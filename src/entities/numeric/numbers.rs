//! Rules that start at a number: digits, number words, clock times,
//! percentages, durations, quantities, years and plain cardinals.

use super::dates::{date, temporal_prep};
use super::scan::Scan;
use super::{M, Num, num_value, words};
use crate::doc::{Label, Value};

/// Parses "1,000.50"-style digits: value, plain (no comma or point), and
/// the number of integer digits.
pub(super) fn parse_digits(s: &str) -> Option<(f64, bool, usize)> {
    let b = s.as_bytes();
    if !b.first()?.is_ascii_digit() || !b.last()?.is_ascii_digit() {
        return None;
    }
    let (mut int, mut frac, mut scale) = (0f64, 0f64, 1f64);
    let (mut ndig, mut group, mut commas, mut point) = (0usize, 0usize, false, false);
    for &c in b {
        match c {
            b'0'..=b'9' if point => {
                scale /= 10.0;
                frac += f64::from(c - b'0') * scale;
            }
            b'0'..=b'9' => {
                int = int * 10.0 + f64::from(c - b'0');
                ndig += 1;
                group += 1;
            }
            b',' if !point => {
                if (commas && group != 3) || (!commas && group > 3) || group == 0 {
                    return None;
                }
                commas = true;
                group = 0;
            }
            b'.' if !point => point = true,
            _ => return None,
        }
    }
    if commas && group != 3 {
        return None;
    }
    // Exact decimal rounding via the standard parser ("0.75" stays 0.75),
    // on a stack copy without the commas.
    let mut buf = [0u8; 40];
    let mut n = 0;
    for &c in b.iter().filter(|&&c| c != b',') {
        if n == buf.len() {
            return Some((int + frac, !commas && !point, ndig));
        }
        buf[n] = c;
        n += 1;
    }
    let exact = std::str::from_utf8(&buf[..n]).ok().and_then(|t| t.parse::<f64>().ok()).unwrap_or(int + frac);
    Some((exact, !commas && !point, ndig))
}

pub(super) fn is_percent_word(k: &str) -> bool {
    matches!(k, "%" | "percent" | "pct" | "bps")
}

impl Scan<'_> {
    /// A number at `i`: digits ("1,000", "2.5 million", "$3bn" with
    /// `money`), words ("twenty-one", "a dozen", "two hundred") or a vague
    /// amount ("hundreds", "tens of thousands").
    pub(super) fn num_at(&self, i: usize, money: bool) -> Option<Num> {
        let t = self.t.get(i)?;
        let k = self.key(t);
        if t.kind == Label::Number {
            let (v, plain, ndig) = parse_digits(k)?;
            let mut n = Num { e: i + 1, value: Some(v), digits: true, plain, ndig, scaled: false };
            let next = self.k(i + 1);
            if let Some(sc) = words::scale(next, money).filter(|_| next.len() > 1 || self.touch(i)) {
                n.value = Some(v * sc);
                n.e = i + 2;
                n.plain = false;
                n.scaled = true;
            }
            return Some(n);
        }
        if t.kind != Label::Word {
            return None;
        }
        if let Some((d, suf)) = split_digits(k) {
            let sc = words::scale(suf, money)?;
            let (v, _, ndig) = parse_digits(d)?;
            return Some(Num { e: i + 1, value: Some(v * sc), digits: true, plain: false, ndig, scaled: true });
        }
        if words::vague_scale(k) {
            // "tens of thousands", "hundreds of millions"
            let mut e = i + 1;
            if self.k(e) == "of" && words::vague_scale(self.k(e + 1)) && self.k(e + 1) != "tens" {
                e += 2;
            } else if k == "tens" {
                return None;
            }
            return Some(Num { e, value: None, digits: false, plain: false, ndig: 0, scaled: true });
        }
        self.word_number(i)
    }

    /// Number words: "six", "twenty-one", "a hundred", "two million".
    pub(super) fn word_number(&self, i: usize) -> Option<Num> {
        #[derive(PartialEq, Clone, Copy)]
        enum P {
            Start,
            Unit,
            Tens,
            Hundred,
            Scale,
            And,
        }
        let (mut total, mut cur) = (0f64, 0f64);
        let mut prev = P::Start;
        let mut j = i;
        let mut best: Option<(usize, f64)> = None;
        let mut scaled = false;
        let half = self.k(i) == "half" && self.k(i + 1) == "a";
        if half {
            j += 1;
        }
        if matches!(self.k(j), "a" | "an") {
            let next = self.k(j + 1);
            if !matches!(next, "hundred" | "thousand" | "million" | "billion" | "trillion" | "dozen") {
                return None;
            }
            cur = if half { 0.5 } else { 1.0 };
            prev = P::Unit;
            j += 1;
        } else if half {
            return None;
        }
        while j < self.t.len() {
            let k = self.k(j);
            if let Some(n) = words::small_number(k) {
                let n = f64::from(n);
                let ok = match prev {
                    P::Start | P::Hundred | P::Scale | P::And => true,
                    P::Tens => n < 10.0 && j > 0 && self.k(j - 1) == "-",
                    P::Unit => false,
                };
                if !ok {
                    break;
                }
                cur += n;
                prev = if n >= 20.0 { P::Tens } else { P::Unit };
            } else if k == "-" && prev == P::Tens && self.touch(j) && j > 0 && self.touch(j - 1) {
                if !words::small_number(self.k(j + 1)).is_some_and(|n| (1..10).contains(&n)) {
                    break;
                }
                j += 1;
                continue;
            } else if k == "hundred" && matches!(prev, P::Unit | P::Tens) && cur < 100.0 {
                cur *= 100.0;
                prev = P::Hundred;
                scaled = true;
            } else if k == "dozen" && matches!(prev, P::Unit | P::Tens) {
                cur *= 12.0;
                prev = P::Scale;
            } else if let Some(sc) = words::scale(k, false).filter(|&s| s >= 1e3) {
                if !matches!(prev, P::Unit | P::Tens | P::Hundred) || cur == 0.0 {
                    break;
                }
                total += cur * sc;
                cur = 0.0;
                prev = P::Scale;
                scaled = true;
            } else if k == "and"
                && matches!(prev, P::Hundred | P::Scale)
                && words::small_number(self.k(j + 1)).is_some()
            {
                prev = P::And;
                j += 1;
                continue;
            } else {
                break;
            }
            j += 1;
            best = Some((j, total + cur));
        }
        let (e, v) = best?;
        Some(Num { e, value: Some(v), digits: false, plain: false, ndig: 0, scaled })
    }

    /// Patterns of digits and punctuation: ISO and slashed dates, clock
    /// times, year ranges, scores.
    pub(super) fn structured(&self, i: usize) -> Option<M> {
        let k = self.k(i);
        let sep = self.k(i + 1);
        let joined = self.touch(i) && self.touch(i + 1);
        // 2024-03-05
        if joined && sep == "-" && k.len() == 4 && self.touch(i + 2) && self.k(i + 3) == "-" && self.touch(i + 3) {
            if let (Some(y), Some(m), Some(d)) =
                (self.year_at(i), self.int_at(i + 2, 1, 12, 2), self.int_at(i + 4, 1, 31, 2))
            {
                return Some(date(i, i + 5, Some(y), Some(m), Some(d)));
            }
            return Some(M::skip(i, i + 5));
        }
        // 3/5/2024 (month first unless the first part cannot be a month)
        if joined && sep == "/" && self.touch(i + 2) && self.k(i + 3) == "/" && self.touch(i + 3) {
            let (a, b) = (self.int_at(i, 1, 31, 2), self.int_at(i + 2, 1, 31, 2));
            let y = self.year_at(i + 4).or_else(|| self.int_at(i + 4, 0, 99, 2).map(|y| 2000 + y));
            if let (Some(a), Some(b), Some(y)) = (a, b, y) {
                let (m, d) = if a > 12 { (b, a) } else { (a, b) };
                if m <= 12 {
                    return Some(date(i, i + 5, Some(y), Some(m), Some(d)));
                }
            }
            return Some(M::skip(i, i + 5));
        }
        // 12:30, 9:05 p.m., 3:30pm
        if joined && sep == ":" {
            let h = self.int_at(i, 0, 24, 2)?;
            let (min, mer) = if let Some(m) = self.int_at(i + 2, 0, 59, 2).filter(|_| self.k(i + 2).len() == 2) {
                (m, None)
            } else {
                let (d, suf) = split_digits(self.k(i + 2))?;
                let m = parse_digits(d).filter(|p| p.1 && d.len() == 2 && p.0 < 60.0)?.0 as u32;
                (m, Some(words::meridiem(suf)?))
            };
            let m = self.clock_tail(i, i + 3, h, min, mer);
            if m.e == i + 3 && mer.is_none() && k.len() == 1 && self.after_name(i) {
                return Some(M::skip(i, i + 3)); // "Corinthians 9:25"
            }
            return Some(m);
        }
        // Ranges and scores: "2019-20", "2-1", but not "5-10%" (left to
        // the number rules) and not "123-4567".
        if joined && sep == "-" && self.is_kind(i + 2, Label::Number) {
            if let (Some(y), Some(y2)) = (self.year_at(i), self.int_at(i + 2, 0, 2100, 4)) {
                let k2 = self.k(i + 2);
                if k2.len() == 2 || (k2.len() == 4 && y2 > y) {
                    let end = if k2.len() == 2 { y / 100 * 100 + y2 } else { y2 };
                    return Some(
                        M::new(i, i + 3, Label::Date).with("year", i64::from(y)).with("iso", format!("{y}/{end}")),
                    );
                }
            }
            let after = self.k(i + 3);
            let ranged = is_percent_word(after)
                || after == "per"
                || words::unit(after).is_some()
                || words::date_unit(after).is_some()
                || words::time_unit(after).is_some()
                || words::currency_word(after).is_some()
                || words::scale(after, false).is_some()
                || words::month_full(after).is_some()
                || words::month_abbr(after).is_some();
            if ranged {
                return None;
            }
            if let (Some(a), Some(b)) = (self.int_at(i, 0, 99, 2), self.int_at(i + 2, 0, 99, 2)) {
                return Some(M::new(i, i + 3, Label::Cardinal).with("score", format!("{a}-{b}")));
            }
            if k.len() >= 3 || self.k(i + 2).len() >= 3 {
                let mut e = i + 3;
                while self.k(e) == "-" && self.touch(e - 1) && self.touch(e) && self.is_kind(e + 1, Label::Number) {
                    e += 2;
                }
                return Some(M::skip(i, e));
            }
        }
        None
    }

    /// The rest of a clock time: a.m./p.m., a time zone, "local time".
    pub(super) fn clock_tail(&self, s: usize, mut e: usize, mut hour: u32, minute: u32, mut mer: Option<u32>) -> M {
        if mer.is_none()
            && let Some(m) = words::meridiem(self.k(e))
        {
            mer = Some(m);
            e += 1;
        }
        if let Some(off) = mer {
            if hour == 12 {
                hour = off;
            } else if hour < 12 {
                hour += off;
            }
        }
        let mut m = M::new(s, e, Label::Time);
        let zone = self.k(e);
        if words::zone(zone) && self.t.get(e).is_some_and(|t| t.upper || self.caps) {
            m.e = e + 1;
            m = m.with("zone", zone.to_ascii_uppercase());
        } else if zone == "local" && self.k(e + 1) == "time" {
            m.e = e + 2;
        }
        m.with("hour", i64::from(hour)).with("minute", i64::from(minute))
    }

    /// Word tokens that start with digits: "3pm", "10km", "21st", "1990s",
    /// "1.5bn".
    pub(super) fn attached(&self, i: usize, floor: usize) -> Option<M> {
        let (d, suf) = split_digits(self.k(i))?;
        let (v, plain, ndig) = parse_digits(d)?;
        if matches!(suf, "st" | "nd" | "rd" | "th") && plain {
            let next = self.k(i + 1);
            let named = !self.caps
                && self.cap(i + 1)
                && self.is_kind(i + 1, Label::Word)
                && words::month_full(next).is_none()
                && words::month_abbr(next).is_none();
            if named {
                return None; // "the 101st Airborne Division", "5th Fleet"
            }
            return Some(self.ordinal_tail(i, i + 1, v as u32, floor));
        }
        if suf == "s" && plain && d.ends_with('0') && (ndig == 4 || ndig == 2) {
            let decade = if ndig == 2 { 1900 + v as i64 } else { v as i64 };
            let mut s = i;
            if ndig == 2 && s > floor && self.k(s - 1) == "'" && self.touch(s - 1) {
                s -= 1;
            }
            let mut s = self.back_modifiers(s, floor, true);
            if ndig == 2 && s > floor && matches!(self.kb(s), "his" | "her" | "their" | "my" | "your" | "our") {
                s -= 1; // an age: "in her 80s"
            }
            return Some(M::new(s, i + 1, Label::Date).with("decade", decade));
        }
        if let Some(off) = words::meridiem(suf) {
            // "3pm", "3.30pm"
            let h = v.trunc();
            let min = ((v - h) * 100.0).round();
            if h <= 12.0 && min < 60.0 {
                return Some(self.clock_tail(i, i + 1, h as u32, min as u32, Some(off)));
            }
            return None;
        }
        if words::scale(suf, false).is_some() {
            let n = self.num_at(i, false)?;
            return self.number_suffix(i, n, floor);
        }
        if let Some(u) = words::unit(suf).filter(|_| suf.len() > 1) {
            return Some(M::new(i, i + 1, Label::Quantity).with("value", num_value(v)).with("unit", u));
        }
        // temperatures in British style: "30C", "86F"
        let text_suffix_upper = self.t[i].upper || self.t[i].cap;
        if matches!(suf, "c" | "f") && text_suffix_upper && ndig <= 3 {
            let unit = if suf == "c" { "°C" } else { "°F" };
            return Some(M::new(i, i + 1, Label::Quantity).with("value", num_value(v)).with("unit", unit));
        }
        None
    }

    /// Everything that starts with a number.
    pub(super) fn number_led(&self, i: usize, floor: usize) -> Option<M> {
        let n = self.num_at(i, false)?;
        // "two-thirds", "one-half": fractions
        if !n.digits && self.k(n.e) == "-" && self.touch(n.e) && self.touch(n.e - 1) {
            let den = match self.k(n.e + 1) {
                "half" | "halves" => 2.0,
                "third" | "thirds" => 3.0,
                "quarter" | "quarters" => 4.0,
                "fifth" | "fifths" => 5.0,
                "tenth" | "tenths" => 10.0,
                _ => 0.0,
            };
            if let Some(v) = n.value.filter(|v| den > 0.0 && *v < 10.0) {
                return Some(
                    M::new(i, n.e + 2, Label::Cardinal).with("value", num_value((v / den * 1e4).round() / 1e4)),
                );
            }
        }
        // "twenty-first" is an ordinal
        if !n.digits && self.k(n.e) == "-" && words::ordinal_word(self.k(n.e + 1)).is_some() {
            return None;
        }
        // Ranges: "5-10%", "10 to 15 percent", "two to three years".
        let sep = self.k(n.e);
        let between = sep == "and" && i > floor && self.kb(i) == "between";
        if (matches!(sep, "-" | "to") || between)
            && n.value.is_some()
            && let Some(n2) = self.num_at(n.e + 1, false).filter(|n2| n2.value.is_some())
        {
            {
                let mut n2r = n2;
                if let Some(mut m) = self
                    .number_suffix(n.e + 1, n2, floor)
                    .filter(|m| m.label != Some(Label::Cardinal) && m.label.is_some())
                {
                    if m.label == Some(Label::Date) && m.attrs.contains_key("year") && !m.attrs.contains_key("day") {
                        // "1 to 2003": not a range
                    } else {
                        m.s = m.s.min(if between { i - 1 } else { i });
                        if m.attrs.contains_key("day") {
                            if let (Some(a), Some(b)) = (n.value, m.attrs.remove("day")) {
                                m.attrs.insert("day", num_value(a));
                                m.attrs.insert("to_day", b);
                                m.attrs.remove("iso");
                            }
                            return Some(m);
                        }
                        let key = if m.label == Some(Label::Money) { "amount" } else { "value" };
                        let to = m.attrs.remove(key);
                        if !n.scaled && n2.scaled {
                            // "2 to 3 million": the scale is shared
                            n2r.value = n.value.zip(n2.value).map(|(a, _)| a * scale_of(self, n2));
                        } else {
                            n2r.value = n.value;
                        }
                        if let Some(v) = n2r.value {
                            m.attrs.insert(key, num_value(v));
                        }
                        if let Some(to) = to {
                            m.attrs.insert("to", to);
                        }
                        return Some(m);
                    }
                }
            }
        }
        self.number_suffix(i, n, floor)
    }

    /// What a number at `i` is, given the words after it: the steps below,
    /// in order; the first that decides wins.
    pub(super) fn number_suffix(&self, i: usize, n: Num, floor: usize) -> Option<M> {
        if let Some(decided) = self.percent_suffix(i, n) {
            return decided;
        }
        // money after the number: "500 euros", "1,000 Iraqi dinars",
        // "millions of dollars", "5 million USD"
        if let Some(m) = self.money_suffix(i, n.e, n) {
            return Some(m);
        }
        if n.value.is_none() {
            return Some(M::new(i, n.e, Label::Cardinal));
        }
        self.clock_suffix(i, n)
            .or_else(|| self.unit_suffix(i, n, floor))
            .or_else(|| self.numbered_date(i, n, floor))
            .or_else(|| self.age(i, n, floor))
            .or_else(|| self.cardinal(i, n))
    }

    /// A percentage: "45 percent", "25 basis points", "a 25-basis-point cut".
    /// `Some(None)` when the words make a percentage of no number.
    fn percent_suffix(&self, i: usize, n: Num) -> Option<Option<M>> {
        let j = n.e;
        let k = self.k(j);
        let v = n.value;
        let pct_end = if is_percent_word(k) {
            Some(j + 1)
        } else if k == "-"
            && matches!(self.k(j + 1), "basis" | "percentage")
            && self.k(j + 2) == "-"
            && matches!(self.k(j + 3), "point" | "points")
        {
            Some(j + 4) // "a 25-basis-point cut"
        } else if (k == "per" && self.k(j + 1) == "cent")
            || (matches!(k, "percentage" | "basis") && matches!(self.k(j + 1), "point" | "points"))
        {
            Some(j + 2)
        } else {
            None
        };
        let e = pct_end?;
        if v.is_none() {
            return Some(None);
        }
        let mut m = M::new(i, e, Label::Percent).num("value", v);
        let kind = if k == "-" { self.k(j + 1) } else { k };
        if matches!(kind, "percentage" | "basis" | "bps") {
            m = m.with("unit", if kind == "percentage" { "percentage_point" } else { "basis_point" });
        }
        Some(Some(m))
    }

    /// A clock time: "4 p.m.", "10 o'clock", "12 noon", "1430 GMT".
    fn clock_suffix(&self, i: usize, n: Num) -> Option<M> {
        let j = n.e;
        let k = self.k(j);
        let v = n.value;
        if let Some(off) = words::meridiem(k).filter(|_| k.contains('.') || n.digits) {
            let x = v.unwrap_or(0.0);
            let (h, min) = (x.trunc(), ((x - x.trunc()) * 100.0).round());
            if h <= 12.0 && min < 60.0 {
                return Some(self.clock_tail(i, j + 1, h as u32, min as u32, Some(off)));
            }
        }
        if k == "o'clock" {
            return Some(M::new(i, j + 1, Label::Time).num("hour", v));
        }
        if matches!(k, "noon" | "midnight") && n.digits {
            return Some(
                M::new(i, j + 1, Label::Time).with("hour", if k == "noon" { 12i64 } else { 0 }).with("minute", 0i64),
            );
        }
        let zoned =
            (self.t.get(j).is_some_and(|t| t.upper) && words::zone(k)) || (k == "local" && self.k(j + 1) == "time");
        if n.plain && n.ndig == 4 && self.k(i).len() == 4 && zoned {
            let x = v.unwrap_or(0.0) as u32;
            if x / 100 < 24 && x % 100 < 60 {
                return Some(self.clock_tail(i, j, x / 100, x % 100, None));
            }
        }
        None
    }

    /// A duration, an age or a quantity: "three years", "two-day",
    /// "10-year-old", "5 km".
    fn unit_suffix(&self, i: usize, n: Num, floor: usize) -> Option<M> {
        let j = n.e;
        let k = self.k(j);
        let v = n.value;
        let hyphen = k == "-" && self.touch(j) && j > 0 && self.touch(j - 1);
        let uk = if hyphen { self.k(j + 1) } else { k };
        let ue = if hyphen { j + 2 } else { j + 1 };
        // "four more days", "three straight years"
        let (uk, ue) = if !hyphen
            && matches!(k, "more" | "additional" | "straight" | "consecutive" | "further" | "full")
            && (words::date_unit(self.k(j + 1)).is_some() || words::time_unit(self.k(j + 1)).is_some())
        {
            (self.k(j + 1), j + 2)
        } else {
            (uk, ue)
        };
        let titled = !self.caps && self.t.get(ue - 1).is_some_and(|t| t.cap);
        let year_like = n.plain && n.ndig == 4 && !uk.ends_with('s');
        if let Some(u) = words::date_unit(uk)
            && !(u == "quarter" && (n.digits || !hyphen) && self.k(ue) == "of")
            && !titled
            && !year_like
        {
            return Some(self.duration(i, ue, v, u, hyphen, floor, Label::Date));
        }
        if let Some(u) = words::time_unit(uk) {
            return Some(self.duration(i, ue, v, u, hyphen, floor, Label::Time));
        }
        self.quantity(i, j, v)
    }

    /// A date led by a number: "3 March 2024", "394 AD", years.
    fn numbered_date(&self, i: usize, n: Num, floor: usize) -> Option<M> {
        let j = n.e;
        let k = self.k(j);
        let v = n.value;
        if n.plain
            && n.ndig <= 2
            && (1.0..=31.0).contains(&v.unwrap_or(0.0))
            && self.cap(j)
            && let Some(mo) = words::month_full(k).or_else(|| words::month_abbr(k))
        {
            let mut e = j + 1;
            let y = self.year_at(e);
            if y.is_some() {
                e += 1;
            }
            return Some(date(i, e, y, Some(mo), v.map(|d| d as u32)));
        }
        // "3000 BC", "394 AD"
        let era = matches!(k, "bc" | "b.c." | "bce" | "b.c.e." | "ad" | "a.d." | "ce" | "c.e.")
            && self.t.get(j).is_some_and(|t| t.upper || self.key(t).contains('.'));
        if n.plain && n.ndig <= 4 && era {
            let y = v.unwrap_or(0.0) as i64;
            let bc = k.starts_with('b');
            return Some(M::new(i, j + 1, Label::Date).with("year", if bc { -y } else { y }));
        }
        // years
        if n.plain && n.ndig == 4 && self.k(i).len() == 4 {
            let y = v.unwrap_or(0.0) as u32;
            let in_context = (1800..=2100).contains(&y)
                || (1000..1800).contains(&y)
                    && (matches!(
                        self.kb(i),
                        "in" | "since" | "of" | "by" | "until" | "from" | "(" | "and" | "or" | "to"
                    ) || matches!(k, ")" | "-" | "–"));
            let next = self.t.get(j);
            let counted = next.is_some_and(|t| {
                t.kind == Label::Word
                    && !t.cap
                    && (self.key(t).ends_with('s') || matches!(self.key(t), "people" | "children" | "men" | "women"))
            }) && !temporal_prep(self.kb(i))
                && !matches!(self.kb(i), "the" | "'s" | "a" | "its" | "their" | "his" | "her");
            if in_context && !self.after_name(i) && !counted {
                let mut s = self.back_modifiers(i, floor, false);
                let mut e = j;
                if s > floor && matches!(self.kb(s), "fiscal" | "fy") {
                    s -= 1;
                }
                if matches!(k, "onwards" | "onward") {
                    e += 1;
                } else if k == "season" && !self.cap(j) {
                    // sports: "the 2024 season"
                    e += 1;
                    if s > floor
                        && matches!(self.kb(s), "the" | "his" | "her" | "their" | "its" | "this" | "last" | "next")
                    {
                        s -= 1;
                    }
                }
                let mut m = M::new(s, e, Label::Date).with("year", i64::from(y));
                if e == j {
                    m = m.with("iso", y.to_string());
                }
                return Some(m);
            }
        }
        None
    }

    /// An age: "Smith, 45, said" and "aged 45".
    fn age(&self, i: usize, n: Num, floor: usize) -> Option<M> {
        let j = n.e;
        let k = self.k(j);
        let v = n.value;
        let age_ok = n.plain && n.ndig <= 3 && v.is_some_and(|x| (1.0..=120.0).contains(&x));
        if age_ok && matches!(self.kb(i), "aged" | "age") && i > floor {
            return Some(M::new(i - 1, j, Label::Date).num("age", v));
        }
        if age_ok && i >= 2 && self.kb(i) == "," && self.is_kind(i - 2, Label::Word) && k == "," && !self.caps {
            return Some(M::new(i, j, Label::Date).num("age", v));
        }
        None
    }

    /// A plain cardinal, unless the number is part of a name or title.
    fn cardinal(&self, i: usize, n: Num) -> Option<M> {
        let j = n.e;
        let k = self.k(j);
        let v = n.value;
        if n.digits {
            if self.after_name(i) && n.plain {
                return None;
            }
            if self.touch(j - 1) && matches!(k, "/") {
                if self.k(i) == "9" && self.k(j + 1) == "11" && self.touch(j) {
                    return Some(date(i, j + 2, None, Some(9), Some(11)).with("iso", "2001-09-11"));
                }
                // fractions and codes: "1/2", "24/7"
                return Some(M::skip(i, (j + 2).min(self.t.len())));
            }
        } else if self.after_name(i) && n.value.is_some_and(|x| x < 100.0) {
            return None; // "Chapter two", "Mobile Unit Two"
        } else if self.cap(i) && i > self.first_word && !self.caps && self.cap(j) && self.is_kind(j, Label::Word) {
            return None; // titles: "Seven Days", "Four Centuries"
        } else if self.k(i) == "one" && j == i + 1 {
            let prev = self.kb(i);
            if matches!(
                prev,
                "the"
                    | "no"
                    | "any"
                    | "every"
                    | "each"
                    | "this"
                    | "that"
                    | "which"
                    | "only"
                    | "another"
                    | "last"
                    | "little"
                    | "big"
                    | "-"
            ) || matches!(k, "another" | "'s" | "-" | "day")
                || (self.cap(i) && i > 0 && !self.caps)
            {
                return None;
            }
        }
        Some(M::new(i, j, Label::Cardinal).num("value", v))
    }

    /// "three years ago", "the past two weeks", "a 10-year-old", "two hours".
    #[allow(clippy::too_many_arguments)]
    pub(super) fn duration(
        &self,
        i: usize,
        mut e: usize,
        v: Option<f64>,
        unit: &'static str,
        hyphen: bool,
        floor: usize,
        label: Label,
    ) -> M {
        let mut relative = false;
        let mut age = false;
        if hyphen && self.k(e) == "-" && self.k(e + 1) == "old" && self.touch(e) {
            e += 2;
            age = true;
        } else if !hyphen && self.k(e) == "old" {
            e += 1;
            age = true;
        } else if !hyphen && matches!(self.k(e), "ago" | "earlier" | "later" | "before" | "after" | "hence") {
            relative = matches!(self.k(e), "ago" | "earlier" | "later" | "hence");
            e += usize::from(relative);
        }
        let mut s = i;
        if !hyphen && s > floor {
            let m = self.k(s - 1);
            let the = s >= floor + 2 && self.k(s - 2) == "the";
            if matches!(m, "past" | "last" | "next" | "coming" | "previous" | "following" | "first") && the {
                s -= 2;
                relative = m != "first";
            } else if matches!(m, "past" | "next")
                || (m == "last"
                    && matches!(
                        if s >= floor + 2 { self.k(s - 2) } else { "" },
                        "in" | "over" | "for" | "during" | "within"
                    ))
            {
                // "in last 24 hours", but not "to last 45 minutes"
                s -= 1;
                relative = true;
            }
        }
        let mut m = M::new(s, e, label).num("value", v).with("unit", unit);
        if age {
            m = m.num("age", v);
        }
        if relative {
            m = m.with("relative", true);
        }
        m
    }

    pub(super) fn quantity(&self, i: usize, j: usize, v: Option<f64>) -> Option<M> {
        let mut e = j;
        let mut k = self.k(e);
        let mut prefix = "";
        if k == "-" && self.touch(j) && j > 0 && self.touch(j - 1) {
            e += 1;
            k = self.k(e);
        }
        if matches!(k, "square" | "sq" | "sq." | "cubic") {
            prefix = if k == "cubic" { "cu " } else { "sq " };
            e += 1;
            k = self.k(e);
        }
        let mut unit = if k == "°" { "deg" } else { words::unit(k)? };
        e += 1;
        if unit == "deg" {
            let next = self.k(e);
            if matches!(next, "celsius" | "c" | "centigrade") {
                unit = "°C";
                e += 1;
            } else if matches!(next, "fahrenheit" | "f") {
                unit = "°F";
                e += 1;
            }
        } else if unit == "km" && self.k(e) == "/" && self.k(e + 1) == "h" {
            unit = "km/h";
            e += 2;
        }
        if matches!(self.k(e), "per" | "a") && matches!(self.k(e + 1), "day" | "hour" | "year") {
            e += 2;
        }
        let u: Value = if prefix.is_empty() { unit.into() } else { format!("{prefix}{unit}").into() };
        let mut m = M::new(i, e, Label::Quantity).num("value", v);
        m.attrs.insert("unit", u);
        Some(m)
    }

}

/// The scale factor a number carried ("3 million" -> 1e6).
pub(super) fn scale_of(scan: &Scan, n: Num) -> f64 {
    let e = n.e;
    if e == 0 {
        return 1.0;
    }
    let k = scan.k(e - 1);
    words::scale(k, true).or_else(|| split_digits(k).and_then(|(_, s)| words::scale(s, true))).unwrap_or(1.0)
}

/// Splits "3pm" into ("3", "pm"); None unless it starts with a digit and
/// has a letter suffix.
pub(super) fn split_digits(k: &str) -> Option<(&str, &str)> {
    if !k.as_bytes().first()?.is_ascii_digit() {
        return None;
    }
    let at = k.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))?;
    let (d, s) = k.split_at(at);
    (!s.is_empty() && s.chars().all(|c| c.is_ascii_alphabetic())).then_some((d, s))
}
