//! Closed-class entities found by rules: dates, times, money, percentages,
//! quantities, ordinals and cardinals, with normalized values.
//!
//! (Being built; see issue 4.)
