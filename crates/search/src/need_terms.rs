//! Reading a company's terms out of a need written in plain words: "TRL 4", "free of charge", "within 4
//! weeks", "under 50 000 kr" in English, "TRL-nivå 4", "kostnadsfritt", "inom fyra veckor", "högst 50 000 kronor"
//! in Swedish. The need matching applies them as the catalogue applies its filters, and matches on the rest of
//! the need (the words that name a term say nothing about what the work is).
//!
//! A phrase is read only where its meaning is plain: a bare "free" ("serum free media") or "per hour" ("samples
//! per hour") is not a price, so price models are read from whole phrases ("free of charge", "hourly rate",
//! "timpris"); a quote is not read at all ("I want a quote" does not rule out a fixed price).

use crate::terms::fold;
use domain::catalogue::{MAX_LEAD_TIME_WEEKS, PricingModel, Terms};

/// The terms read from a need, and the need without the words that named them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NeedTerms {
    /// The terms.
    pub terms: Terms,
    /// The need with each phrase that named a term taken out.
    pub rest: String,
}

/// A word of the need: where it is and its folded form without surrounding punctuation.
struct Token {
    start: usize,
    end: usize,
    word: String,
}

fn tokens(need: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in need
        .char_indices()
        .chain(std::iter::once((need.len(), ' ')))
    {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                let raw = &need[s..i];
                let word: String = fold_keep(raw)
                    .trim_matches(|c: char| {
                        matches!(c, '.' | ',' | ';' | '!' | '?' | '(' | ')' | '"' | '\'')
                    })
                    .to_owned();
                out.push(Token {
                    start: s,
                    end: i,
                    word,
                });
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// Lowercases and folds å, ä, ö like [`fold`], but keeps the punctuation inside a word ("trl-4", "50,000",
/// ":-") that the readers below look at.
fn fold_keep(raw: &str) -> String {
    raw.split_inclusive(|c: char| !c.is_alphanumeric())
        .map(|part| {
            let (word, sep) = match part.char_indices().last() {
                Some((i, c)) if !c.is_alphanumeric() => (&part[..i], &part[i..]),
                _ => (part, ""),
            };
            format!("{}{sep}", fold(word))
        })
        .collect()
}

const NUMBER_WORDS: &[(&str, u64)] = &[
    ("a", 1),
    ("an", 1),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("en", 1),
    ("ett", 1),
    ("tva", 2),
    ("tre", 3),
    ("fyra", 4),
    ("fem", 5),
    ("sex", 6),
    ("sju", 7),
    ("atta", 8),
    ("nio", 9),
    ("tio", 10),
    ("elva", 11),
    ("tolv", 12),
];

/// A money suffix on a number or after it: the factor it multiplies by, and whether it names kronor.
fn money_suffix(s: &str) -> Option<(u64, bool)> {
    match s {
        "kr" | "kr." | "kronor" | "sek" | ":-" => Some((1, true)),
        "tkr" | "ksek" | "tusen" => Some((1000, true)),
        "k" => Some((1000, false)),
        _ => None,
    }
}

/// A number starting at token `i`: digits ("50000", "50,000", "50.000", "50 000" as two tokens), a number word
/// ("four", "fyra"), or digits with a money suffix ("50000kr", "50k"). Returns the value, the tokens used and
/// whether a money suffix named kronor.
fn number(toks: &[Token], i: usize) -> Option<(u64, usize, bool)> {
    let w = toks.get(i)?.word.as_str();
    if let Some((_, n)) = NUMBER_WORDS.iter().find(|(word, _)| *word == w) {
        return Some((*n, 1, false));
    }
    let digits_end = w
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == ',' || *c == '.'))
        .map_or(w.len(), |(i, _)| i);
    let (num, suffix) = w.split_at(digits_end);
    let num = num.trim_end_matches(['.', ',']);
    if num.is_empty() || !num.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    // Thousands separated by "," or "." in groups of three; anything else (a decimal) is not read.
    let groups: Vec<&str> = num.split([',', '.']).collect();
    if groups.len() > 1 && groups[1..].iter().any(|g| g.len() != 3) {
        return None;
    }
    let mut value: u64 = groups.concat().parse().ok()?;
    let mut used = 1;
    let mut kronor = false;
    let mut suffix = suffix;
    if suffix.is_empty() {
        // "50 000": a following group of exactly three digits belongs to the number ("10 000:-" carries the
        // suffix on its last group).
        while let Some(next) = toks.get(i + used)
            && next.word.len() >= 3
            && next.word.as_bytes()[..3].iter().all(u8::is_ascii_digit)
            && (next.word.len() == 3 || money_suffix(&next.word[3..]).is_some())
        {
            value = value
                .checked_mul(1000)?
                .checked_add(next.word[..3].parse().ok()?)?;
            used += 1;
            suffix = &next.word[3..];
            if !suffix.is_empty() {
                break;
            }
        }
    }
    if !suffix.is_empty() {
        let (factor, kr) = money_suffix(suffix)?;
        value = value.checked_mul(factor)?;
        kronor = kr;
    }
    Some((value, used, kronor))
}

/// Whether the words at `i` are `phrase`.
fn phrase_at(toks: &[Token], i: usize, phrase: &[&str]) -> bool {
    phrase
        .iter()
        .enumerate()
        .all(|(k, w)| toks.get(i + k).is_some_and(|t| t.word == *w))
}

/// Words that say "at most" before a lead time or a price.
const LIMITS: &[&[&str]] = &[
    &["at", "most"],
    &["no", "more", "than"],
    &["less", "than"],
    &["within", "the", "next"],
    &["within"],
    &["in"],
    &["under"],
    &["below"],
    &["max"],
    &["max."],
    &["maximum"],
    &["up", "to"],
    &["budget", "of"],
    &["budget"],
    &["inom"],
    &["hogst"],
    &["maximalt"],
    &["upp", "till"],
    &["mindre", "an"],
    &["senast", "om"],
    &["budget", "pa"],
    &["budgeten", "ar"],
];

/// A lead-time unit: weeks per unit as a fraction (numerator, denominator), rounded down after multiplying.
fn time_unit(w: &str) -> Option<(u64, u64)> {
    match w {
        "week" | "weeks" | "wk" | "wks" | "vecka" | "veckor" | "veckors" => Some((1, 1)),
        "day" | "days" | "dag" | "dagar" | "dagars" => Some((1, 7)),
        "month" | "months" | "manad" | "manader" | "manaders" => Some((52, 12)),
        _ => None,
    }
}

const FREE: &[&[&str]] = &[
    &["free", "of", "charge"],
    &["for", "free"],
    &["at", "no", "cost"],
    &["no", "cost"],
    &["no", "charge"],
    &["without", "charge"],
    &["costs", "nothing"],
    &["cost", "nothing"],
    &["gratis"],
    &["utan", "kostnad"],
    &["utan", "avgift"],
];

const FREE_PREFIXES: &[&str] = &["kostnadsfri", "avgiftsfri"];

const HOURLY: &[&[&str]] = &[
    &["hourly", "rate"],
    &["hourly", "price"],
    &["hourly", "fee"],
    &["hourly", "pricing"],
    &["hourly", "billing"],
    &["by", "the", "hour"],
    &["price", "per", "hour"],
    &["pay", "per", "hour"],
    &["paid", "per", "hour"],
    &["billed", "per", "hour"],
    &["pris", "per", "timme"],
    &["betala", "per", "timme"],
    &["debiteras", "per", "timme"],
];

const HOURLY_PREFIXES: &[&str] = &["timpris", "timtaxa", "timarvode", "timdebiter"];

const FIXED: &[&[&str]] = &[
    &["fixed", "price"],
    &["fixed-price"],
    &["fixed", "fee"],
    &["flat", "fee"],
    &["fast", "pris"],
    &["fast", "avgift"],
];

const FIXED_PREFIXES: &[&str] = &["fastpris"];

/// The length of a phrase from `phrases` at `i`, or of one word starting with one of `prefixes`.
fn any_phrase(toks: &[Token], i: usize, phrases: &[&[&str]], prefixes: &[&str]) -> Option<usize> {
    phrases
        .iter()
        .find(|p| phrase_at(toks, i, p))
        .map(|p| p.len())
        .or_else(|| {
            toks.get(i)
                .is_some_and(|t| prefixes.iter().any(|p| t.word.starts_with(p)))
                .then_some(1)
        })
}

/// A readiness level at `i`: "trl4", "trl-4", "trl 4", "trl-niva 4", "trl level 4", "technology readiness level
/// 4", "trl: 4". Returns the level and the tokens used.
fn trl_at(toks: &[Token], i: usize) -> Option<(u8, usize)> {
    let w = toks.get(i)?.word.as_str();
    let level = |s: &str| {
        s.trim_start_matches(['-', ':'])
            .parse::<u8>()
            .ok()
            .filter(|l| (1..=9).contains(l))
    };
    let mut used = if let Some(rest) = w.strip_prefix("trl") {
        if let Some(l) = level(rest) {
            return Some((l, 1));
        }
        if !matches!(
            rest,
            "" | ":" | "-niva" | "-nivan" | "-level" | "-niva:" | "-level:"
        ) {
            return None;
        }
        1
    } else if phrase_at(toks, i, &["technology", "readiness", "level"]) {
        3
    } else {
        return None;
    };
    if toks.get(i + used).is_some_and(|t| {
        matches!(
            t.word.as_str(),
            "niva" | "nivan" | "level" | "pa" | "at" | ":"
        )
    }) {
        used += 1;
    }
    let l = level(toks.get(i + used)?.word.trim_end_matches(':'))?;
    Some((l, used + 1))
}

/// A lead time or a price after an "at most" at `i`: which, its value and the tokens used.
enum Limit {
    Weeks(u16),
    Kronor(u64),
}

fn limit_at(toks: &[Token], i: usize) -> Option<(Limit, usize)> {
    let lead = LIMITS
        .iter()
        .filter(|p| phrase_at(toks, i, p))
        .map(|p| p.len());
    for len in lead {
        let mut at = i + len;
        // "under SEK 50 000", "högst kr 50 000"
        let currency_first = toks
            .get(at)
            .is_some_and(|t| matches!(money_suffix(&t.word), Some((1, true))));
        if currency_first {
            at += 1;
        }
        let Some((value, used, kronor)) = number(toks, at) else {
            continue;
        };
        at += used;
        let next = toks.get(at).map(|t| t.word.as_str());
        if !currency_first
            && !kronor
            && let Some((num, den)) = next.and_then(time_unit)
        {
            let weeks = value.checked_mul(num)? / den;
            if (1..=u64::from(MAX_LEAD_TIME_WEEKS)).contains(&weeks) {
                return Some((Limit::Weeks(u16::try_from(weeks).ok()?), at + 1 - i));
            }
            continue;
        }
        let (value, at) = match next.and_then(money_suffix) {
            Some((factor, true)) if !currency_first => (value.checked_mul(factor)?, at + 1),
            _ if currency_first || kronor => (value, at),
            _ => continue,
        };
        if value >= 1 {
            return Some((Limit::Kronor(value), at - i));
        }
    }
    None
}

/// Reads the terms a need states. The first statement of each term counts; the words of every statement read
/// are taken out of `rest`.
pub fn read_terms(need: &str) -> NeedTerms {
    let toks = tokens(need);
    let mut terms = Terms::default();
    let mut taken = vec![false; toks.len()];
    let mut i = 0;
    while i < toks.len() {
        let found: Option<usize> = if let Some((level, used)) = trl_at(&toks, i) {
            terms.trl.get_or_insert(level);
            Some(used)
        } else if let Some((limit, used)) = limit_at(&toks, i) {
            match limit {
                Limit::Weeks(w) => {
                    terms.max_lead_weeks.get_or_insert(w);
                }
                Limit::Kronor(k) => {
                    terms.max_price_sek.get_or_insert(k);
                }
            }
            Some(used)
        } else if let Some(used) = any_phrase(&toks, i, FREE, FREE_PREFIXES) {
            terms.pricing.get_or_insert(PricingModel::Free);
            Some(used)
        } else if let Some(used) = any_phrase(&toks, i, HOURLY, HOURLY_PREFIXES) {
            terms.pricing.get_or_insert(PricingModel::Hourly);
            Some(used)
        } else if let Some(used) = any_phrase(&toks, i, FIXED, FIXED_PREFIXES) {
            terms.pricing.get_or_insert(PricingModel::FixedPrice);
            Some(used)
        } else {
            None
        };
        match found {
            Some(used) => {
                for t in taken.iter_mut().skip(i).take(used) {
                    *t = true;
                }
                i += used;
            }
            None => i += 1,
        }
    }
    let rest = toks
        .iter()
        .zip(&taken)
        .filter(|(_, t)| !**t)
        .map(|(tok, _)| &need[tok.start..tok.end])
        .collect::<Vec<_>>()
        .join(" ");
    NeedTerms { terms, rest }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn terms(need: &str) -> Terms {
        read_terms(need).terms
    }

    #[test]
    fn readiness_levels_in_both_languages() {
        for need in [
            "GMP production at TRL 4",
            "trl4 cell therapy",
            "TRL-4 cell therapy",
            "vi är på TRL-nivå 4",
            "TRL nivå 4",
            "technology readiness level 4 prototype",
            "TRL: 4",
        ] {
            assert_eq!(terms(need).trl, Some(4), "{need}");
        }
        assert_eq!(terms("TRL 12").trl, None);
        assert_eq!(terms("TRL 0").trl, None);
        assert_eq!(terms("control 4").trl, None);
    }

    #[test]
    fn lead_times_in_weeks_days_and_months() {
        let cases = [
            ("flow cytometry within 4 weeks", 4),
            ("inom fyra veckor", 4),
            ("start within a week", 1),
            ("within 10 days", 1),
            ("inom 21 dagar", 3),
            ("within a month", 4),
            ("inom tre månader", 13),
            ("högst 6 veckor", 6),
            ("no more than 2 weeks", 2),
        ];
        for (need, weeks) in cases {
            assert_eq!(terms(need).max_lead_weeks, Some(weeks), "{need}");
        }
        assert_eq!(terms("within 3 days").max_lead_weeks, None, "under a week");
        assert_eq!(terms("4 weeks of lab time").max_lead_weeks, None);
    }

    #[test]
    fn prices_in_kronor() {
        let cases = [
            ("under 50 000 kr", 50_000),
            ("at most SEK 50,000", 50_000),
            ("budget 20k SEK", 20_000),
            ("högst 80 tkr", 80_000),
            ("max 5000kr", 5_000),
            ("upp till 120 000 kronor", 120_000),
            ("budget of 10 000:-", 10_000),
        ];
        for (need, kr) in cases {
            assert_eq!(terms(need).max_price_sek, Some(kr), "{need}");
            assert_eq!(terms(need).max_lead_weeks, None, "{need}");
        }
        assert_eq!(terms("under 50 000 samples").max_price_sek, None);
        assert_eq!(
            terms("under 1,5 kr").max_price_sek,
            None,
            "a decimal is not read"
        );
    }

    #[test]
    fn price_models_only_from_plain_phrases() {
        assert_eq!(terms("free of charge").pricing, Some(PricingModel::Free));
        assert_eq!(
            terms("kostnadsfri rådgivning").pricing,
            Some(PricingModel::Free)
        );
        assert_eq!(terms("gratis").pricing, Some(PricingModel::Free));
        assert_eq!(terms("serum free media").pricing, None);
        assert_eq!(terms("an hourly rate").pricing, Some(PricingModel::Hourly));
        assert_eq!(
            terms("timpris för mikroskop").pricing,
            Some(PricingModel::Hourly)
        );
        assert_eq!(terms("1000 samples per hour").pricing, None);
        assert_eq!(terms("fast pris").pricing, Some(PricingModel::FixedPrice));
        assert_eq!(terms("I want a quote").pricing, None);
    }

    #[test]
    fn the_rest_keeps_what_the_need_is_about() {
        let read = read_terms("Flow cytometry at TRL 4, free of charge, within 4 weeks.");
        assert_eq!(read.rest, "Flow cytometry at");
        assert_eq!(
            read.terms,
            Terms {
                pricing: Some(PricingModel::Free),
                max_lead_weeks: Some(4),
                trl: Some(4),
                max_price_sek: None,
            }
        );
        assert_eq!(
            read_terms("Flödescytometri inom 4 veckor").rest,
            "Flödescytometri"
        );
    }

    #[test]
    fn the_first_statement_of_a_term_counts() {
        assert_eq!(terms("TRL 3 or TRL 5").trl, Some(3));
    }

    proptest! {
        #[test]
        fn any_text_reads_without_panic_and_within_range(need in "\\PC{0,80}") {
            let read = read_terms(&need);
            prop_assert!(read.terms.trl.is_none_or(|l| (1..=9).contains(&l)));
            prop_assert!(read.terms.max_lead_weeks.is_none_or(|w| (1..=MAX_LEAD_TIME_WEEKS).contains(&w)));
            prop_assert!(read.terms.max_price_sek.is_none_or(|p| p >= 1));
            // The rest holds only words of the need, in order.
            let words: Vec<&str> = need.split_whitespace().collect();
            let mut at = 0;
            for w in read.rest.split_whitespace() {
                let found = words[at..].iter().position(|x| *x == w);
                prop_assert!(found.is_some(), "{w} is not a word of the need");
                at += found.unwrap_or(0) + 1;
            }
        }

        #[test]
        fn every_level_and_lead_time_is_read_amid_other_words(
            level in 1u8..=9,
            weeks in 1u16..=MAX_LEAD_TIME_WEEKS,
            before in prop::sample::select(vec!["", "GMP", "flow cytometry", "cellterapi", "mass spec"]),
            after in prop::sample::select(vec!["", "please", "för vår startup", "thanks"]),
            swedish in any::<bool>(),
        ) {
            let need = if swedish {
                format!("{before} TRL {level} inom {weeks} veckor {after}")
            } else {
                format!("{before} TRL {level} within {weeks} weeks {after}")
            };
            let read = read_terms(&need);
            prop_assert_eq!(read.terms.trl, Some(level));
            prop_assert_eq!(read.terms.max_lead_weeks, Some(weeks));
            // Once read, the words are gone: reading the rest finds no term.
            prop_assert!(read_terms(&read.rest).terms.is_empty());
            prop_assert_eq!(read.rest, format!("{before} {after}").split_whitespace().collect::<Vec<_>>().join(" "));
        }
    }
}
