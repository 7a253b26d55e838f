//! Money: a currency symbol or code before the amount, or a currency
//! word after it.

use super::numbers::scale_of;
use super::scan::Scan;
use super::{M, Num, num_value, words};
use crate::doc::Label;

impl Scan<'_> {
    /// Money written with a symbol or code first: "$135 million", "£3bn",
    /// "US$5", "C$10".
    pub(super) fn money_prefix(&self, i: usize) -> Option<M> {
        let (mut j, cur) = if let Some(c) = words::currency_symbol(self.k(i)) {
            (i + 1, c)
        } else {
            // "US$5", "NZ $ 26 million"
            let spaced_ok = self.t[i].upper && self.k(i).len() >= 2;
            let c = words::dollar_prefix(self.k(i)).filter(|_| self.k(i + 1) == "$" && (self.touch(i) || spaced_ok))?;
            (i + 2, c)
        };
        let symbol = self.k(j - 1);
        let n = self.num_at(j, true)?;
        n.value?;
        let mut amount = n.value;
        let mut to = None;
        j = n.e;
        // ranges: "€ 15 - 25", "$5-10 million", "$5 to $10"
        if matches!(self.k(j), "-" | "to") {
            let j2 = if self.k(j + 1) == symbol { j + 2 } else { j + 1 };
            if let Some(n2) = self.num_at(j2, true).filter(|n2| n2.value.is_some() && n2.digits) {
                if n2.scaled && !n.scaled {
                    amount = n.value.map(|a| a * scale_of(self, n2));
                }
                to = n2.value;
                j = n2.e;
            }
        }
        let mut m = M::new(i, j, Label::Money).num("amount", amount).with("currency", cur);
        if let Some(t) = to {
            m = m.with("to", num_value(t));
        }
        Some(m)
    }

    /// "USD 5 million", "EUR 100".
    pub(super) fn currency_code_first(&self, i: usize) -> Option<M> {
        if !self.t[i].upper {
            return None;
        }
        let cur = words::currency_code(self.k(i))?;
        let n = self.num_at(i + 1, true)?;
        n.value?;
        Some(M::new(i, n.e, Label::Money).num("amount", n.value).with("currency", cur))
    }

    pub(super) fn money_suffix(&self, i: usize, j: usize, n: Num) -> Option<M> {
        let k = self.k(j);
        let mut e = j;
        let mut adj = "";
        if k == "of" && n.value.is_none() {
            e += 1; // "millions of dollars"
        } else if self.cap(j) && self.is_kind(j, Label::Word) && words::currency_word(self.k(j + 1)).is_some() {
            adj = k; // "Iraqi dinars"
            e += 1;
        } else if self.cap(j) && self.is_kind(j, Label::Word) && self.k(j + 1) == "kong" || k == "sri" || k == "south" {
            adj = k; // "Hong Kong dollars", "Sri Lankan rupees"
            e += 2;
        }
        let w = self.k(e);
        let code = if let Some(c) = words::currency_word(w) {
            let by_adj = if adj.is_empty() { None } else { words::currency_by_adjective(adj, w) };
            Some(by_adj.unwrap_or(c))
        } else if matches!(w, "pound" | "pounds") {
            // weight unless it is plainly money
            let by_adj = if adj.is_empty() { None } else { words::currency_by_adjective(adj, w) };
            if by_adj.is_some() {
                by_adj
            } else if n.scaled || self.k(e + 1) == "sterling" {
                Some("GBP")
            } else {
                None
            }
        } else if self.t.get(e).is_some_and(|t| t.upper) && adj.is_empty() && e == j {
            words::currency_code(w)
        } else {
            None
        };
        let code = code?;
        e += 1;
        if self.k(e) == "sterling" {
            e += 1;
        }
        let mut amount = n.value;
        if matches!(w, "cent" | "cents" | "pence" | "penny") {
            amount = amount.map(|a| a / 100.0);
        }
        let mut m = M::new(i, e, Label::Money).num("amount", amount);
        if !code.is_empty() {
            m = m.with("currency", code);
        }
        Some(m)
    }

}
