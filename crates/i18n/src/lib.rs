//! Translations: one Fluent file per language (`ftl/sv.ftl`, `ftl/en.ftl`), compiled into the binary, and the
//! way numbers are written in each language. Everything a person reads goes through here: pages, e-mails,
//! reports, error messages.

use domain::Lang;
pub use fluent_bundle::FluentValue;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use std::sync::OnceLock;

/// The Swedish messages.
pub const SV_FTL: &str = include_str!("../ftl/sv.ftl");
/// The English messages.
pub const EN_FTL: &str = include_str!("../ftl/en.ftl");

struct Bundles {
    sv: FluentBundle<FluentResource>,
    en: FluentBundle<FluentResource>,
}

fn bundle(lang: Lang, source: &'static str) -> FluentBundle<FluentResource> {
    let tag = match lang {
        Lang::Sv => "sv-SE",
        Lang::En => "en-GB",
    };
    let id: unic_langid::LanguageIdentifier = tag.parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Bidi isolation marks would end up inside HTML attributes and URLs.
    bundle.set_use_isolating(false);
    let resource = FluentResource::try_new(source.to_owned()).unwrap_or_else(|(res, errors)| {
        tracing::error!(
            ?errors,
            lang = lang.code(),
            "translation file has syntax errors"
        );
        res
    });
    if let Err(errors) = bundle.add_resource(resource) {
        tracing::error!(
            ?errors,
            lang = lang.code(),
            "translation file has duplicate messages"
        );
    }
    bundle
}

fn bundles() -> &'static Bundles {
    static BUNDLES: OnceLock<Bundles> = OnceLock::new();
    BUNDLES.get_or_init(|| Bundles {
        sv: bundle(Lang::Sv, SV_FTL),
        en: bundle(Lang::En, EN_FTL),
    })
}

/// The message `key` without arguments, or `None` when `lang` has no such message (for names looked up from
/// data, such as a field's name, where a gap falls back to the data itself).
pub fn try_translate(lang: Lang, key: &str) -> Option<String> {
    let b = bundles();
    let bundle = match lang {
        Lang::Sv => &b.sv,
        Lang::En => &b.en,
    };
    bundle.get_message(key).and_then(|m| m.value())?;
    Some(translate(lang, key, &[]))
}

/// Looks up `key` in `lang` with named arguments. A missing key yields the key itself (and a log line), so a
/// gap shows on the page instead of breaking it; the test suite keeps both files complete.
pub fn translate(lang: Lang, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
    let b = bundles();
    let bundle = match lang {
        Lang::Sv => &b.sv,
        Lang::En => &b.en,
    };
    let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
        tracing::warn!(key, lang = lang.code(), "missing translation");
        return key.to_owned();
    };
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        fluent_args.set(*name, value.clone());
    }
    let mut errors = Vec::new();
    let text = bundle.format_pattern(
        pattern,
        if args.is_empty() {
            None
        } else {
            Some(&fluent_args)
        },
        &mut errors,
    );
    if !errors.is_empty() {
        tracing::warn!(
            key,
            lang = lang.code(),
            ?errors,
            "translation formatting problem"
        );
    }
    text.into_owned()
}

/// A number with at most two decimals, without trailing zeros, with the decimal sign of `lang` (a comma in
/// Swedish: "150,5").
pub fn number(v: f64, lang: Lang) -> String {
    decimal(v, 2, lang)
}

/// A number with at most `decimals` decimals, without trailing zeros, with the decimal sign of `lang`.
pub fn decimal(v: f64, decimals: usize, lang: Lang) -> String {
    let s = format!("{v:.decimals$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        s.as_str()
    };
    let s = if s == "-0" { "0" } else { s };
    match lang {
        Lang::Sv => s.replace('.', ","),
        Lang::En => s.to_owned(),
    }
}

/// A sum of money or another large figure, with at most two decimals and its thousands grouped as `lang`
/// writes them: "2 500 000" in Swedish (a no-break space, as Språkrådet and the Swedish government's style
/// guide write it), "2,500,000" in English.
pub fn amount(v: f64, lang: Lang) -> String {
    let plain = decimal(v, 2, lang);
    let (sign, rest) = match plain.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", plain.as_str()),
    };
    let split = rest.find([',', '.']).unwrap_or(rest.len());
    let (whole, fraction) = rest.split_at(split);
    let separator = match lang {
        Lang::Sv => '\u{a0}',
        Lang::En => ',',
    };
    let mut grouped = String::with_capacity(whole.len() + whole.len() / 3);
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(separator);
        }
        grouped.push(c);
    }
    format!("{sign}{grouped}{fraction}")
}

/// A number with exactly `decimals` decimals and the decimal sign of `lang`, for columns of figures that line
/// up ("0,12" in Swedish, "0.12" in English).
pub fn fixed(v: f64, decimals: usize, lang: Lang) -> String {
    let s = format!("{v:.decimals$}");
    let s = if s
        .trim_start_matches('-')
        .chars()
        .all(|c| c == '0' || c == '.')
    {
        s.trim_start_matches('-').to_owned()
    } else {
        s
    };
    match lang {
        Lang::Sv => s.replace('.', ","),
        Lang::En => s,
    }
}

/// The language a text of unknown language is written in — a post, a message, the title of a source — when it
/// says enough to tell Swedish from English: whatlang's trigram model restricted to the two, and only a reliable
/// answer. `None` for a text too short or too mixed to tell (a name, "PCR", a title of three words): such a text
/// is left to the page's language, as WCAG 3.1.2 allows for words of indeterminate language.
pub fn identify(text: &str) -> Option<Lang> {
    static DETECTOR: std::sync::OnceLock<whatlang::Detector> = std::sync::OnceLock::new();
    let detector = DETECTOR.get_or_init(|| {
        whatlang::Detector::with_allowlist(vec![whatlang::Lang::Swe, whatlang::Lang::Eng])
    });
    let info = detector.detect(text)?;
    if !info.is_reliable() {
        return None;
    }
    match info.lang() {
        whatlang::Lang::Swe => Some(Lang::Sv),
        whatlang::Lang::Eng => Some(Lang::En),
        _ => None,
    }
}

/// The translator handed to templates: `{{ t.t("nav-home") }}`, `{{ t.t1("campus-municipality", "municipality", m) }}`.
#[derive(Debug, Clone, Copy)]
pub struct Tr {
    /// The language of the page.
    pub lang: Lang,
}

impl Tr {
    /// A translator for `lang`.
    pub fn new(lang: Lang) -> Tr {
        Tr { lang }
    }

    /// The message `key`.
    pub fn t(&self, key: &str) -> String {
        translate(self.lang, key, &[])
    }

    /// The message `key` with one argument.
    pub fn t1(&self, key: &str, name: &str, value: impl std::fmt::Display) -> String {
        translate(
            self.lang,
            key,
            &[(name, FluentValue::from(value.to_string()))],
        )
    }

    /// The message `key` with a number argument (for plural forms).
    pub fn n(&self, key: &str, name: &str, value: impl std::borrow::Borrow<u64>) -> String {
        translate(
            self.lang,
            key,
            &[(name, FluentValue::from(*value.borrow()))],
        )
    }

    /// The message `key` with two number arguments (for plural forms).
    pub fn n2(&self, key: &str, a: (&str, u64), b: (&str, u64)) -> String {
        translate(
            self.lang,
            key,
            &[(a.0, FluentValue::from(a.1)), (b.0, FluentValue::from(b.1))],
        )
    }

    /// `v` written as this language writes numbers (at most two decimals, a decimal comma in Swedish).
    pub fn number(&self, v: f64) -> String {
        number(v, self.lang)
    }

    /// `v` written as this language writes large figures (thousands grouped: "20 000", "20,000").
    pub fn amount(&self, v: f64) -> String {
        amount(v, self.lang)
    }

    /// The message `key` with two arguments.
    pub fn t2(&self, key: &str, a: (&str, &str), b: (&str, &str)) -> String {
        translate(
            self.lang,
            key,
            &[(a.0, FluentValue::from(a.1)), (b.0, FluentValue::from(b.1))],
        )
    }
}

/// Message ids defined in a Fluent source, in file order.
pub fn message_ids(source: &str) -> Vec<String> {
    source
        .lines()
        .filter_map(|line| {
            let (id, _) = line.split_once('=')?;
            let id = id.trim_end();
            let first = id.chars().next()?;
            (first.is_ascii_alphabetic()
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .then(|| id.to_owned())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn both_languages_have_the_same_keys() {
        let sv: BTreeSet<_> = message_ids(SV_FTL).into_iter().collect();
        let en: BTreeSet<_> = message_ids(EN_FTL).into_iter().collect();
        let only_sv: Vec<_> = sv.difference(&en).collect();
        let only_en: Vec<_> = en.difference(&sv).collect();
        assert!(
            only_sv.is_empty() && only_en.is_empty(),
            "only in sv: {only_sv:?}; only in en: {only_en:?}"
        );
        assert!(sv.len() > 50);
    }

    #[test]
    fn both_files_parse_without_errors() {
        for src in [SV_FTL, EN_FTL] {
            assert!(FluentResource::try_new(src.to_owned()).is_ok());
        }
    }

    #[test]
    fn no_message_is_defined_twice() {
        for src in [SV_FTL, EN_FTL] {
            let ids = message_ids(src);
            let unique: BTreeSet<_> = ids.iter().collect();
            let mut twice: Vec<_> = ids
                .iter()
                .filter(|id| ids.iter().filter(|x| x == id).count() > 1)
                .collect();
            twice.dedup();
            assert_eq!(ids.len(), unique.len(), "defined twice: {twice:?}");
        }
    }

    #[test]
    fn every_vocabulary_value_has_a_label() {
        for lang in Lang::ALL {
            let ids: BTreeSet<_> = message_ids(if lang == Lang::Sv { SV_FTL } else { EN_FTL })
                .into_iter()
                .collect();
            for k in domain::ActorKind::ALL {
                assert!(ids.contains(&format!("kind-{k}")), "kind-{k}");
                assert!(ids.contains(&format!("kinds-{k}")), "kinds-{k}");
            }
            for o in domain::OwnershipForm::ALL {
                assert!(ids.contains(&format!("ownership-{o}")), "ownership-{o}");
            }
            for r in domain::RelationKind::ALL {
                assert!(
                    ids.contains(&format!("relation-{r}-out")),
                    "relation-{r}-out"
                );
                assert!(ids.contains(&format!("relation-{r}-in")), "relation-{r}-in");
            }
        }
    }

    #[test]
    fn numbers_are_written_as_each_language_writes_them() {
        assert_eq!(number(150.5, Lang::Sv), "150,5");
        assert_eq!(number(150.5, Lang::En), "150.5");
        assert_eq!(number(2.0, Lang::Sv), "2");
        assert_eq!(number(-0.001, Lang::Sv), "0");
        assert_eq!(decimal(0.1234, 3, Lang::Sv), "0,123");
        assert_eq!(decimal(1200.0, 0, Lang::En), "1200");
        assert_eq!(fixed(0.12, 2, Lang::Sv), "0,12");
        assert_eq!(
            fixed(0.1, 2, Lang::Sv),
            "0,10",
            "a column keeps its decimals"
        );
        assert_eq!(fixed(0.12, 2, Lang::En), "0.12");
        assert_eq!(fixed(-0.001, 1, Lang::Sv), "0,0", "no negative zero");
        assert_eq!(fixed(-1.25, 1, Lang::En), "-1.2");
        assert_eq!(amount(2_500_000.0, Lang::Sv), "2\u{a0}500\u{a0}000");
        assert_eq!(amount(2_500_000.5, Lang::En), "2,500,000.5");
        assert_eq!(amount(-1234.25, Lang::Sv), "-1\u{a0}234,25");
        assert_eq!(amount(999.0, Lang::En), "999");
        assert_eq!(amount(0.0, Lang::Sv), "0");
    }

    #[test]
    fn the_language_of_a_text_is_told_when_it_says_enough() {
        for (text, lang) in [
            (
                "Vi söker en partner för att validera en ny metod för cellterapi i större skala.",
                Lang::Sv,
            ),
            (
                "Offentlighets- och sekretesslagen gäller för myndigheter och regionens bolag.",
                Lang::Sv,
            ),
            (
                "We are looking for a partner to validate a new cell therapy method at scale.",
                Lang::En,
            ),
            (
                "The annual report of the infrastructure, with the services it offers to companies.",
                Lang::En,
            ),
        ] {
            assert_eq!(identify(text), Some(lang), "{text}");
        }
        for short in ["", "PCR", "BioLamina AB", "2026"] {
            assert_eq!(identify(short), None, "too little to tell: {short:?}");
        }
    }

    #[test]
    fn plural_forms_work() {
        let t = Tr::new(Lang::En);
        assert_eq!(t.n("actors-count", "count", 1), "1 actor");
        assert_eq!(t.n("actors-count", "count", 3), "3 actors");
        let t = Tr::new(Lang::Sv);
        assert_eq!(t.n("actors-count", "count", 1), "1 aktör");
        assert_eq!(t.n("actors-count", "count", 3), "3 aktörer");
    }
}
