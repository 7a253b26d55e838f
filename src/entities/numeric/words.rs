//! Closed word lists for the numeric rules, keyed by lower-case token text
//! (with `’` written as `'`).
//!
//! The sets are small and closed, so they are Rust `match` tables rather
//! than generated data: the compiler turns them into fast string switches
//! and nothing is parsed at start-up. They follow
//! `../shared/data/gazetteers/temporal.tsv` and `numbers_money.tsv`
//! (month and weekday names, relative-date modifiers, parts of the day,
//! clock markers and time zones, holidays, number words and scales,
//! ordinal words, percent markers, currency symbols, codes and words), plus
//! measurement units, which those files do not list.

/// Month number (1-12) of a full month name.
pub fn month_full(k: &str) -> Option<u32> {
    Some(match k {
        "january" => 1,
        "february" => 2,
        "march" => 3,
        "april" => 4,
        "may" => 5,
        "june" => 6,
        "july" => 7,
        "august" => 8,
        "september" => 9,
        "october" => 10,
        "november" => 11,
        "december" => 12,
        _ => return None,
    })
}

/// Month number of an abbreviation, with or without its period (AP style:
/// "Jan.", "Sept."). Without a period these need a day or year beside them.
pub fn month_abbr(k: &str) -> Option<u32> {
    // Asked of every capitalised word: the length test turns most away,
    // and a byte test strips the period (in the .wasm, `strip_suffix` with
    // a `char` pattern was an out-of-line call costing more than the match).
    if !(3..=5).contains(&k.len()) {
        return None;
    }
    let k = match k.as_bytes() {
        [rest @ .., b'.'] => k.get(..rest.len()).unwrap_or(k),
        _ => k,
    };
    Some(match k {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" | "sept" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    })
}

/// ISO weekday (Monday = 1) of a weekday name, singular or plural.
pub fn weekday(k: &str) -> Option<u32> {
    Some(match k.strip_suffix('s').filter(|s| s.ends_with("day")).unwrap_or(k) {
        "monday" => 1,
        "tuesday" => 2,
        "wednesday" => 3,
        "thursday" => 4,
        "friday" => 5,
        "saturday" => 6,
        "sunday" => 7,
        _ => return None,
    })
}

/// ISO weekday of an abbreviation that ends in a period ("Tues.").
pub fn weekday_abbr(k: &str) -> Option<u32> {
    Some(match k {
        "mon." => 1,
        "tue." | "tues." => 2,
        "wed." => 3,
        "thu." | "thur." | "thurs." => 4,
        "fri." => 5,
        "sat." => 6,
        "sun." => 7,
        _ => return None,
    })
}

/// Parts of the day that make a date phrase a TIME ("Tuesday night").
pub fn part_of_day(k: &str) -> bool {
    matches!(k, "morning" | "afternoon" | "evening" | "night" | "overnight")
}

/// Points of the day that are TIME after "at", "before", "until" ....
pub fn day_point(k: &str) -> bool {
    matches!(k, "dawn" | "daybreak" | "dusk" | "sunset" | "sunrise" | "nightfall")
}

/// Calendar units: with a number they make a DATE ("three years").
/// Returns the singular unit name.
pub fn date_unit(k: &str) -> Option<&'static str> {
    Some(match k {
        "day" | "days" => "day",
        "week" | "weeks" => "week",
        "fortnight" | "fortnights" => "fortnight",
        "month" | "months" => "month",
        "year" | "years" => "year",
        "decade" | "decades" => "decade",
        "century" | "centuries" => "century",
        "quarter" | "quarters" => "quarter",
        "weekend" | "weekends" => "weekend",
        "semester" | "semesters" => "semester",
        "season" | "seasons" => "season",
        _ => return None,
    })
}

/// Clock units: with a number they make a TIME ("two hours").
pub fn time_unit(k: &str) -> Option<&'static str> {
    Some(match k {
        "hour" | "hours" | "hrs" => "hour",
        "minute" | "minutes" | "mins" => "minute",
        "second" | "seconds" | "secs" => "second",
        _ => return None,
    })
}

/// Seasons (DATE with a modifier or a year: "last summer", "summer 2024").
pub fn season(k: &str) -> bool {
    matches!(k, "spring" | "summer" | "autumn" | "fall" | "winter")
}

/// Words before a calendar unit or name that make a relative date
/// ("last week", "this year", "next Tuesday").
pub fn relative_modifier(k: &str) -> bool {
    matches!(k, "this" | "last" | "next" | "coming" | "past" | "previous" | "following")
}

/// Time zones and clock markers after a time ("1500 GMT").
pub fn zone(k: &str) -> bool {
    matches!(
        k,
        "gmt"
            | "utc"
            | "bst"
            | "cet"
            | "cest"
            | "eet"
            | "eest"
            | "est"
            | "edt"
            | "cst"
            | "cdt"
            | "mst"
            | "mdt"
            | "pst"
            | "pdt"
            | "ist"
            | "jst"
            | "aest"
            | "aedt"
            | "et"
            | "pt"
            | "zulu"
    )
}

/// The hour offset (0 or 12) of a.m./p.m. markers.
pub fn meridiem(k: &str) -> Option<u32> {
    match k {
        "a.m." | "am" | "a.m" => Some(0),
        "p.m." | "pm" | "p.m" => Some(12),
        _ => None,
    }
}

/// Cardinal number words below a hundred.
pub fn small_number(k: &str) -> Option<u32> {
    Some(match k {
        "zero" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

/// Scale words after a number ("2.5 million", "£3bn"). `money` allows the
/// one-letter forms that only make sense after a currency ("$5m", "$10k").
pub fn scale(k: &str, money: bool) -> Option<f64> {
    Some(match k {
        "hundred" => 1e2,
        "thousand" => 1e3,
        "million" | "mn" | "mln" => 1e6,
        "billion" | "bn" | "bln" => 1e9,
        "trillion" | "tn" | "trln" => 1e12,
        "m" if money => 1e6,
        "k" if money => 1e3,
        "b" if money => 1e9,
        _ => return None,
    })
}

/// Vague plural scales that OntoNotes marks CARDINAL ("dozens", "hundreds").
pub fn vague_scale(k: &str) -> bool {
    matches!(k, "dozens" | "hundreds" | "thousands" | "millions" | "billions" | "tens")
}

/// Ordinal words and their values.
pub fn ordinal_word(k: &str) -> Option<u32> {
    Some(match k {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        "eleventh" => 11,
        "twelfth" => 12,
        "thirteenth" => 13,
        "fourteenth" => 14,
        "fifteenth" => 15,
        "sixteenth" => 16,
        "seventeenth" => 17,
        "eighteenth" => 18,
        "nineteenth" => 19,
        "twentieth" => 20,
        "thirtieth" => 30,
        "fortieth" => 40,
        "fiftieth" => 50,
        "sixtieth" => 60,
        "seventieth" => 70,
        "eightieth" => 80,
        "ninetieth" => 90,
        "hundredth" => 100,
        "thousandth" => 1000,
        "millionth" => 1_000_000,
        _ => return None,
    })
}

/// Currency symbols (one token) and their ISO codes. "$" is taken as USD
/// unless a prefix says otherwise; "¥" as JPY.
pub fn currency_symbol(k: &str) -> Option<&'static str> {
    Some(match k {
        "$" => "USD",
        "€" => "EUR",
        "£" => "GBP",
        "¥" => "JPY",
        "₹" => "INR",
        "₩" => "KRW",
        "₽" => "RUB",
        "₺" => "TRY",
        "₪" => "ILS",
        "₦" => "NGN",
        "₱" => "PHP",
        "฿" => "THB",
        "₫" => "VND",
        _ => return None,
    })
}

/// Prefixes written against "$" ("US$", "C$", "HK$").
pub fn dollar_prefix(k: &str) -> Option<&'static str> {
    Some(match k {
        "us" | "u.s." => "USD",
        "c" | "ca" => "CAD",
        "a" | "au" => "AUD",
        "nz" => "NZD",
        "hk" => "HKD",
        "s" => "SGD",
        "r" => "BRL",
        "nt" => "TWD",
        "mx" => "MXN",
        _ => return None,
    })
}

/// ISO currency codes written as words ("USD 5 million", "5 million euros").
pub fn currency_code(k: &str) -> Option<&'static str> {
    Some(match k {
        "usd" => "USD",
        "eur" => "EUR",
        "gbp" => "GBP",
        "jpy" => "JPY",
        "cny" | "rmb" => "CNY",
        "chf" => "CHF",
        "inr" => "INR",
        "iqd" => "IQD",
        "irr" => "IRR",
        "sar" => "SAR",
        "aed" => "AED",
        "rub" => "RUB",
        "cad" => "CAD",
        "aud" => "AUD",
        "hkd" => "HKD",
        _ => return None,
    })
}

/// Currency words after an amount, with the ISO code when the word alone
/// says which currency it is (`""` when a nationality adjective must tell:
/// "Iraqi dinars").
pub fn currency_word(k: &str) -> Option<&'static str> {
    Some(match k {
        "dollar" | "dollars" | "dlrs" => "USD",
        "cent" | "cents" => "USD",
        "euro" | "euros" | "eurocents" => "EUR",
        "sterling" | "stg" | "pence" | "penny" | "quid" => "GBP",
        "yen" => "JPY",
        "yuan" | "renminbi" => "CNY",
        "rupee" | "rupees" => "INR",
        "rupiah" => "IDR",
        "riyal" | "riyals" => "SAR",
        "rial" | "rials" | "toman" | "tomans" => "IRR",
        "dinar" | "dinars" => "",
        "dirham" | "dirhams" => "AED",
        "shekel" | "shekels" => "ILS",
        "ruble" | "rubles" | "rouble" | "roubles" => "RUB",
        "lira" | "liras" | "lire" => "TRY",
        "peso" | "pesos" => "",
        "reais" => "BRL",
        "rand" => "ZAR",
        "franc" | "francs" => "",
        "krona" | "kronor" => "SEK",
        "krone" | "kroner" => "",
        "zloty" | "zlotys" => "PLN",
        "forint" | "forints" => "HUF",
        "baht" => "THB",
        "ringgit" => "MYR",
        "naira" => "NGN",
        "shilling" | "shillings" => "",
        "birr" => "ETB",
        "hryvnia" | "hryvnias" => "UAH",
        "lari" => "GEL",
        "manat" => "",
        "tenge" => "KZT",
        "afghani" | "afghanis" => "AFN",
        "taka" => "BDT",
        "bitcoin" | "bitcoins" => "BTC",
        _ => return None,
    })
}

/// The ISO code that a nationality adjective gives a currency word
/// ("Iraqi dinars" -> IQD, "Swiss francs" -> CHF).
pub fn currency_by_adjective(adj: &str, word: &str) -> Option<&'static str> {
    let w = word.strip_suffix('s').unwrap_or(word);
    Some(match (adj, w) {
        ("iraqi", "dinar") => "IQD",
        ("jordanian", "dinar") => "JOD",
        ("kuwaiti", "dinar") => "KWD",
        ("libyan", "dinar") => "LYD",
        ("algerian", "dinar") => "DZD",
        ("tunisian", "dinar") => "TND",
        ("bahraini", "dinar") => "BHD",
        ("serbian", "dinar") => "RSD",
        ("iranian", "rial") => "IRR",
        ("omani", "rial") => "OMR",
        ("yemeni", "rial") => "YER",
        ("saudi", "riyal") => "SAR",
        ("qatari", "riyal") => "QAR",
        ("swiss", "franc") => "CHF",
        ("mexican", "peso") => "MXN",
        ("argentine", "peso") => "ARS",
        ("philippine", "peso") => "PHP",
        ("colombian", "peso") => "COP",
        ("chilean", "peso") => "CLP",
        ("canadian", "dollar") => "CAD",
        ("australian", "dollar") => "AUD",
        ("hong", "dollar") => "HKD",
        ("taiwan", "dollar") => "TWD",
        ("singapore", "dollar") => "SGD",
        ("zimbabwean", "dollar") => "ZWL",
        ("us" | "u.s." | "american", "dollar") => "USD",
        ("indian", "rupee") => "INR",
        ("pakistani", "rupee") => "PKR",
        ("sri", "rupee") => "LKR",
        ("nepalese", "rupee") => "NPR",
        ("kenyan", "shilling") => "KES",
        ("ugandan", "shilling") => "UGX",
        ("tanzanian", "shilling") => "TZS",
        ("norwegian", "krone") => "NOK",
        ("danish", "krone") => "DKK",
        ("egyptian", "pound") => "EGP",
        ("lebanese", "pound") => "LBP",
        ("syrian", "pound") => "SYP",
        ("sudanese", "pound") => "SDG",
        ("british", "pound") => "GBP",
        ("turkish", "lira") => "TRY",
        ("chinese", "yuan") => "CNY",
        ("japanese", "yen") => "JPY",
        ("russian", "ruble" | "rouble") => "RUB",
        ("brazilian", "real") => "BRL",
        ("south", "rand") => "ZAR",
        _ => return None,
    })
}

/// Measurement units after a number, with a short canonical name.
pub fn unit(k: &str) -> Option<&'static str> {
    Some(match k {
        "km" | "kms" | "kilometre" | "kilometres" | "kilometer" | "kilometers" => "km",
        "mile" | "miles" | "mi" => "mi",
        "metre" | "metres" | "meter" | "meters" => "m",
        "cm" | "centimetre" | "centimetres" | "centimeter" | "centimeters" => "cm",
        "mm" | "millimetre" | "millimetres" | "millimeter" | "millimeters" => "mm",
        "ft" | "feet" | "foot" => "ft",
        "inch" | "inches" => "in",
        "yard" | "yards" | "yd" | "yds" => "yd",
        "kg" | "kgs" | "kilogram" | "kilograms" | "kilogramme" | "kilogrammes" | "kilo" | "kilos" => "kg",
        "gram" | "grams" | "gramme" | "grammes" => "g",
        "ton" | "tons" | "tonne" | "tonnes" => "t",
        "lb" | "lbs" | "pound" | "pounds" => "lb",
        "ounce" | "ounces" | "oz" => "oz",
        "barrel" | "barrels" | "bbl" => "bbl",
        "bpd" => "bbl/d",
        "acre" | "acres" => "acre",
        "hectare" | "hectares" | "ha" => "ha",
        "litre" | "litres" | "liter" | "liters" => "L",
        "gallon" | "gallons" => "gal",
        "mph" => "mph",
        "kph" | "km/h" => "km/h",
        "knot" | "knots" => "kn",
        "degree" | "degrees" => "deg",
        "mw" | "megawatt" | "megawatts" => "MW",
        "gw" | "gigawatt" | "gigawatts" => "GW",
        "kw" | "kilowatt" | "kilowatts" => "kW",
        "kwh" => "kWh",
        "mwh" => "MWh",
        "gwh" => "GWh",
        "bcm" => "bcm",
        "mhz" | "megahertz" => "MHz",
        "ghz" | "gigahertz" => "GHz",
        "khz" | "kilohertz" => "kHz",
        "calorie" | "calories" | "kcal" => "kcal",
        "megaton" | "megatons" | "kiloton" | "kilotons" => "kt",
        _ => return None,
    })
}

/// Named holidays (OntoNotes DATE), as lower-case token keys. The first
/// word must be capitalised in the text.
pub const HOLIDAYS: &[&[&str]] = &[
    &["christmas", "eve"],
    &["christmas", "day"],
    &["christmas"],
    &["easter"],
    &["good", "friday"],
    &["lent"],
    &["thanksgiving", "day"],
    &["thanksgiving"],
    &["new", "year", "'s", "eve"],
    &["new", "year", "'s", "day"],
    &["new", "year", "'s"],
    &["new", "year"],
    &["halloween"],
    &["valentine", "'s", "day"],
    &["independence", "day"],
    &["fourth", "of", "july"],
    &["july", "fourth"],
    &["memorial", "day"],
    &["labor", "day"],
    &["labour", "day"],
    &["veterans", "day"],
    &["presidents", "day"],
    &["martin", "luther", "king", "day"],
    &["juneteenth"],
    &["boxing", "day"],
    &["ramadan"],
    &["eid", "al", "-", "fitr"],
    &["eid", "al", "-", "adha"],
    &["eid", "ul", "-", "fitr"],
    &["eid", "ul", "-", "adha"],
    &["eid"],
    &["muharram"],
    &["ashura"],
    &["arbaeen"],
    &["nowruz"],
    &["hanukkah"],
    &["chanukah"],
    &["passover"],
    &["yom", "kippur"],
    &["rosh", "hashanah"],
    &["sukkot"],
    &["purim"],
    &["diwali"],
    &["lunar", "new", "year"],
    &["chinese", "new", "year"],
    &["may", "day"],
    &["armistice", "day"],
    &["remembrance", "day"],
    &["victory", "day"],
    &["bastille", "day"],
    &["mother", "'s", "day"],
    &["father", "'s", "day"],
    &["black", "friday"],
    &["cyber", "monday"],
    &["election", "day"],
];

/// Whether a word can start a holiday name (a quick test before the list).
pub fn holiday_start(k: &str) -> bool {
    matches!(
        k,
        "christmas"
            | "easter"
            | "good"
            | "lent"
            | "thanksgiving"
            | "new"
            | "halloween"
            | "valentine"
            | "independence"
            | "fourth"
            | "july"
            | "memorial"
            | "labor"
            | "labour"
            | "veterans"
            | "presidents"
            | "martin"
            | "juneteenth"
            | "boxing"
            | "ramadan"
            | "eid"
            | "muharram"
            | "ashura"
            | "arbaeen"
            | "nowruz"
            | "hanukkah"
            | "chanukah"
            | "passover"
            | "yom"
            | "rosh"
            | "sukkot"
            | "purim"
            | "diwali"
            | "lunar"
            | "chinese"
            | "may"
            | "armistice"
            | "remembrance"
            | "victory"
            | "bastille"
            | "mother"
            | "father"
            | "black"
            | "cyber"
            | "election"
    )
}

/// Whether a lower-case word can start a numeric or temporal entity. Every
/// rule that may begin at a lower-case word must list its first word here
/// and in `STARTERS` (a test fails otherwise); capitalised words that pass
/// [`may_start`] go through all the rules.
pub fn lower_trigger(k: &str) -> bool {
    small_number(k).is_some()
        || ordinal_word(k).is_some()
        || vague_scale(k)
        || relative_modifier(k)
        || date_unit(k).is_some()
        || time_unit(k).is_some()
        || season(k)
        || day_point(k)
        || matches!(
            k,
            "today"
                | "yesterday"
                | "tomorrow"
                | "tonight"
                | "overnight"
                | "recent"
                | "earlier"
                | "later"
                | "early"
                | "late"
                | "a"
                | "an"
                | "several"
                | "many"
                | "the"
                | "that"
                | "half"
                | "noon"
                | "midday"
                | "midnight"
                | "q1"
                | "q2"
                | "q3"
                | "q4"
        )
}

/// Every word that a rule of `Scan::at` can start at: the words
/// [`lower_trigger`] lists, and those a capitalised word may also start
/// with (months, weekdays, holidays, currency codes), with the plural and
/// period forms the lookups accept ("Tuesdays", "Jan."). Only
/// [`may_start`] reads it, at compile time; a test checks that it holds every word those
/// lookups know, so a word added to a list but not here fails the tests.
const STARTERS: &[&str] = &[
    "a", "aed", "an", "apr", "apr.", "april", "arbaeen", "armistice", "ashura", "aud", "aug",
    "aug.", "august", "autumn", "bastille", "billions", "black", "boxing", "cad", "centuries",
    "century", "chanukah", "chf", "chinese", "christmas", "cny", "coming", "cyber", "dawn", "day",
    "daybreak", "days", "dec", "dec.", "decade", "decades", "december", "diwali", "dozens", "dusk",
    "earlier", "early", "easter", "eid", "eight", "eighteen", "eighteenth", "eighth", "eightieth",
    "eighty", "election", "eleven", "eleventh", "eur", "fall", "father", "feb", "feb.", "february",
    "fifteen", "fifteenth", "fifth", "fiftieth", "fifty", "first", "five", "following", "fortieth",
    "fortnight", "fortnights", "forty", "four", "fourteen", "fourteenth", "fourth", "fri.",
    "friday", "fridays", "gbp", "good", "half", "halloween", "hanukkah", "hkd", "hour", "hours",
    "hrs", "hundreds", "hundredth", "independence", "inr", "iqd", "irr", "jan", "jan.", "january",
    "jpy", "jul", "jul.", "july", "jun", "jun.", "june", "juneteenth", "labor", "labour", "last",
    "late", "later", "lent", "lunar", "many", "mar", "mar.", "march", "martin", "may", "memorial",
    "midday", "midnight", "millions", "millionth", "mins", "minute", "minutes", "mon.", "monday",
    "mondays", "month", "months", "mother", "muharram", "new", "next", "nightfall", "nine",
    "nineteen", "nineteenth", "ninetieth", "ninety", "ninth", "noon", "nov", "nov.", "november",
    "nowruz", "oct", "oct.", "october", "one", "overnight", "passover", "past", "presidents",
    "previous", "purim", "q1", "q2", "q3", "q4", "quarter", "quarters", "ramadan", "recent",
    "remembrance", "rmb", "rosh", "rub", "sar", "sat.", "saturday", "saturdays", "season",
    "seasons", "second", "seconds", "secs", "semester", "semesters", "sep", "sep.", "sept", "sept.",
    "september", "seven", "seventeen", "seventeenth", "seventh", "seventieth", "seventy", "several",
    "six", "sixteen", "sixteenth", "sixth", "sixtieth", "sixty", "spring", "sukkot", "summer",
    "sun.", "sunday", "sundays", "sunrise", "sunset", "ten", "tens", "tenth", "thanksgiving",
    "that", "the", "third", "thirteen", "thirteenth", "thirtieth", "thirty", "this", "thousands",
    "thousandth", "three", "thu.", "thur.", "thurs.", "thursday", "thursdays", "today", "tomorrow",
    "tonight", "tue.", "tues.", "tuesday", "tuesdays", "twelfth", "twelve", "twentieth", "twenty",
    "two", "usd", "valentine", "veterans", "victory", "wed.", "wednesday", "wednesdays", "week",
    "weekend", "weekends", "weeks", "winter", "year", "years", "yesterday", "yom", "zero",
];

/// Bits of the starter filter: eight times the number of bits each
/// starter sets, so that about one other word in fifty gets through. Only
/// this bit set (512 bytes) is in the binary, not the words.
const FILTER_BITS: usize = 4096;

/// The FNV-1a hash of no bytes, and one byte more into it ([`crate::hash`]'s).
pub use crate::hash::{FNV32_OFFSET as FNV_START, fnv32_byte as fnv_byte};
use crate::hash::fnv32 as fnv;

/// The two filter bits of a key whose [`fnv`] hash is `h`: two slices of
/// the hash.
const fn filter_bits(h: u32) -> (usize, usize) {
    let h = h as usize;
    (h % FILTER_BITS, (h >> 16) % FILTER_BITS)
}

/// [`STARTERS`] as a Bloom filter (two bits per word), built at compile
/// time.
static STARTER_FILTER: [u64; FILTER_BITS / 64] = {
    let mut t = [0u64; FILTER_BITS / 64];
    let mut i = 0;
    while i < STARTERS.len() {
        let (a, b) = filter_bits(fnv(STARTERS[i].as_bytes()));
        t[a / 64] |= 1 << (a % 64);
        t[b / 64] |= 1 << (b % 64);
        i += 1;
    }
    t
};

/// Whether `k` may be one of [`STARTERS`], the words a rule may start at:
/// false proves that none can, so the scan skips the token without asking
/// the word lists one after another (most words: "said", "Baghdad"). True
/// for every starter and for a few other words, whose rules then find
/// nothing, as before. One hash of the key and two bit tests.
pub fn may_start(k: &[u8]) -> bool {
    may_start_hashed(fnv(k))
}

/// [`may_start`] for a key whose hash (from [`FNV_START`] and
/// [`fnv_byte`]) the caller has computed.
pub fn may_start_hashed(h: u32) -> bool {
    let (a, b) = filter_bits(h);
    let bit = |n: usize| STARTER_FILTER.get(n / 64).is_some_and(|w| w & (1 << (n % 64)) != 0);
    bit(a) && bit(b)
}
