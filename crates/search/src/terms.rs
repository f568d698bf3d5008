//! The bilingual term list: Swedish <-> English pairs kept as data, used to expand a query in one language with
//! its counterpart in the other, and to split Swedish compounds into known words.

use serde::Deserialize;
use std::collections::{BTreeSet, HashMap};

/// The built-in term list.
pub const BUILT_IN: &str = include_str!("../../../data/search/terms.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    term: Vec<Pair>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Pair {
    sv: String,
    en: String,
}

/// Lowercases and folds å, ä, ö, é… to ASCII and keeps letters and digits, as the `plain` analyzer does.
pub fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'å' | 'ä' | 'à' | 'á' | 'â' => 'a',
            'ö' | 'ø' | 'ó' | 'ô' => 'o',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'ü' | 'ú' => 'u',
            'í' | 'ï' => 'i',
            c => c,
        })
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect()
}

/// The folded words of a text.
pub fn words(text: &str) -> Vec<String> {
    fold(text).split_whitespace().map(str::to_owned).collect()
}

/// Term pairs, looked up by the folded words of either side.
#[derive(Debug, Clone, Default)]
pub struct TermList {
    /// Folded phrase -> the folded phrases it translates to.
    map: HashMap<String, Vec<String>>,
    /// The longest phrase, in words.
    longest: usize,
    /// Every single folded word of either side, for splitting compounds.
    vocabulary: BTreeSet<String>,
}

impl TermList {
    /// Parses a term list file.
    pub fn parse(text: &str) -> Result<TermList, String> {
        let file: File = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut list = TermList::default();
        for p in file.term {
            let (sv, en) = (words(&p.sv).join(" "), words(&p.en).join(" "));
            if sv.is_empty() || en.is_empty() {
                return Err(format!("an empty term in the pair {:?} / {:?}", p.sv, p.en));
            }
            for (a, b) in [(&sv, &en), (&en, &sv)] {
                let entry = list.map.entry(a.clone()).or_default();
                if !entry.contains(b) {
                    entry.push(b.clone());
                }
                list.longest = list.longest.max(a.split(' ').count());
                for w in a.split(' ') {
                    list.vocabulary.insert(w.to_owned());
                }
            }
        }
        Ok(list)
    }

    /// The built-in list.
    pub fn built_in() -> TermList {
        TermList::parse(BUILT_IN).unwrap_or_default()
    }

    /// The translations of every phrase found in `text` (longest phrases first, not overlapping).
    pub fn expansions(&self, text: &str) -> Vec<String> {
        let w = words(text);
        let mut out = Vec::new();
        let mut i = 0;
        while i < w.len() {
            let mut matched = 0;
            for len in (1..=self.longest.min(w.len() - i)).rev() {
                let phrase = w[i..i + len].join(" ");
                if let Some(t) = self.map.get(&phrase) {
                    for x in t {
                        if !out.contains(x) {
                            out.push(x.clone());
                        }
                    }
                    matched = len;
                    break;
                }
            }
            i += matched.max(1);
        }
        out
    }

    /// True when `word` (folded) is a word of the list.
    pub fn knows(&self, word: &str) -> bool {
        self.vocabulary.contains(word)
    }
}

/// Splits a folded Swedish compound into two or three known parts (`cellterapianlaggning` -> `cellterapi`,
/// `anlaggning`), allowing the linking `s` between parts (`forskningsinfrastruktur`). `known` says whether a
/// word exists (in the index or the term list). Parts are at least three letters; `None` when no split is
/// found.
pub fn split_compound(word: &str, known: &dyn Fn(&str) -> bool) -> Option<Vec<String>> {
    let chars: Vec<char> = word.chars().collect();
    if chars.len() < 7 {
        return None;
    }
    split_from(&chars, known, 3)
}

fn split_from(chars: &[char], known: &dyn Fn(&str) -> bool, depth: u8) -> Option<Vec<String>> {
    if depth == 0 {
        return None;
    }
    // Prefer the longest known head.
    for cut in (3..=chars.len().saturating_sub(3)).rev() {
        let head: String = chars[..cut].iter().collect();
        if !known(&head) {
            continue;
        }
        for skip in [0usize, 1] {
            if skip == 1 && chars.get(cut) != Some(&'s') {
                continue;
            }
            let rest = &chars[cut + skip..];
            if rest.len() < 3 {
                continue;
            }
            let tail: String = rest.iter().collect();
            if known(&tail) {
                return Some(vec![head.clone(), tail]);
            }
            if let Some(mut more) = split_from(rest, known, depth - 1) {
                let mut parts = vec![head.clone()];
                parts.append(&mut more);
                return Some(parts);
            }
        }
    }
    None
}

/// True for the vowels of Swedish words (and the accented ones of loanwords).
fn vowel(c: char) -> bool {
    matches!(
        c,
        'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'å' | 'ä' | 'ö' | 'é' | 'ü'
    )
}

/// What a Swedish noun ending follows: a consonant ("cell-er"), a vowel ("terapi-n") or either.
#[derive(Clone, Copy)]
enum After {
    Consonant,
    Vowel,
    Any,
}

/// The regular endings of Swedish nouns (definite singular, plural, definite plural), longest first, and last the
/// definite plural's own `-na` (`lokaler-na`); a genitive `-s` may follow each. `-or` and `-ar` may also have
/// replaced the base's last vowel (`kvinna` -> `kvinnor`, `pojke` -> `pojkar`).
const ENDINGS: [(&str, After); 14] = [
    ("erna", After::Any),
    ("arna", After::Consonant),
    ("orna", After::Consonant),
    ("rna", After::Vowel),
    ("na", After::Vowel),
    ("en", After::Consonant),
    ("et", After::Consonant),
    ("er", After::Any),
    ("ar", After::Consonant),
    ("or", After::Consonant),
    ("n", After::Vowel),
    ("t", After::Vowel),
    ("r", After::Vowel),
    ("na", After::Consonant),
];

/// The base that drops its `e` before an ending (`läkemedel` -> `läkemedlet`, `register` -> `registret`,
/// `nyckel` -> `nycklar`) when `stem` is that shortened form: `läkemedl` -> `läkemedel`.
fn unsyncopated(stem: &[char]) -> Option<String> {
    match stem {
        [.., b, c] if !vowel(*b) && b != c && matches!(c, 'l' | 'n' | 'r') => {
            let mut out: String = stem[..stem.len() - 1].iter().collect();
            out.push('e');
            out.push(*c);
            Some(out)
        }
        _ => None,
    }
}

/// One guess at what a word is an inflection of.
struct Guess {
    /// The ending taken off (after any genitive `-s`).
    ending: &'static str,
    /// The genitive `-s` was taken off first.
    genitive: bool,
    /// The form guessed.
    form: String,
    /// The form is the word less its ending; false when it was also changed (`kvinn-or` -> `kvinna`,
    /// `läkemedl-et` -> `läkemedel`).
    plain: bool,
}

/// Every guess at what a lowercase word is a regular inflection of, the genitive's own form first, then by
/// ending, longest first.
fn guesses(word: &str) -> Vec<Guess> {
    let mut out: Vec<Guess> = Vec::new();
    // A genitive -s on any form ("cellens", "infrastrukturs").
    let bare = word.strip_suffix('s').filter(|b| !b.ends_with('s'));
    if let Some(b) = bare {
        out.push(Guess {
            ending: "",
            genitive: true,
            form: b.to_owned(),
            plain: true,
        });
    }
    for (w, genitive) in std::iter::once((word, false)).chain(bare.map(|b| (b, true))) {
        for (ending, after) in ENDINGS {
            let Some(rest) = w.strip_suffix(ending) else {
                continue;
            };
            let chars: Vec<char> = rest.chars().collect();
            let Some(&last) = chars.last() else {
                continue;
            };
            // "-na" after a consonant only ends a definite plural ("lokaler-na"); "-n" also follows -el and -er
            // ("regel-n", "teater-n").
            let fits = match after {
                After::Vowel if ending == "n" => {
                    vowel(last) || rest.ends_with("el") || rest.ends_with("er")
                }
                After::Vowel => vowel(last),
                After::Consonant if ending == "na" => last == 'r',
                After::Consonant => !vowel(last),
                After::Any => true,
            };
            if !fits {
                continue;
            }
            let guess = |form: String, plain: bool| Guess {
                ending,
                genitive,
                form,
                plain,
            };
            out.push(guess(rest.to_owned(), true));
            match ending {
                "or" | "orna" => out.push(guess(format!("{rest}a"), false)),
                "ar" | "arna" => out.push(guess(format!("{rest}e"), false)),
                _ => {}
            }
            if ending.starts_with(['e', 'a', 'o'])
                && let Some(full) = unsyncopated(&chars)
            {
                out.push(guess(full, false));
            }
        }
    }
    out.retain(|g| g.form.chars().count() >= 3);
    out
}

/// The forms that a lowercase Swedish word may be a regular inflection of: the base and, for a definite
/// plural, the plural (`lokalerna` -> `lokaler`, `lokal`; `företaget` -> `företag`; `terapin` -> `terapi`;
/// `läkemedlet` -> `läkemedel`; `cellens` -> `cellen`, `cell`), and wrong guesses among them (`lokalern`,
/// `lokalere`). These are guesses from the ending alone, at least three letters long, for looking up forms
/// the index may hold; [`base_forms`] keeps the likely ones.
pub fn lemmas(word: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for g in guesses(word) {
        if g.form != word && !out.contains(&g.form) {
            out.push(g.form);
        }
    }
    out
}

/// The base forms that a lowercase Swedish word is a regular inflection of, among words that `known` says
/// exist: `cellerna` -> `cell`, `lokalerna` -> `lokaler`, `lokal`, `läkemedlet` -> `läkemedel`. A longer
/// ending that gives a known word rules out the shorter ones it ends with (`prov-er`, not `prove-r`), and a
/// word less its ending rules out the changed forms (`bil-ar`, not `bile`).
pub fn base_forms(word: &str, known: &dyn Fn(&str) -> bool) -> Vec<String> {
    let guesses = guesses(word);
    let mut out: Vec<String> = Vec::new();
    // The endings that gave a known word, per genitive or not.
    let mut taken: Vec<(&str, bool)> = Vec::new();
    for g in &guesses {
        let ruled_out = taken.iter().any(|(e, genitive)| {
            *genitive == g.genitive
                && (e.len() > g.ending.len() || !g.plain)
                && e.ends_with(g.ending)
        });
        // A definite plural's plural ("lokaler-na") is its own step, not a shorter "-erna".
        let own_step = g.ending == "na" && g.form.ends_with('r');
        if (ruled_out && !own_step) || g.form == word || !known(&g.form) {
            continue;
        }
        if !g.ending.is_empty() {
            taken.push((g.ending, g.genitive));
        }
        if !out.contains(&g.form) {
            out.push(g.form.clone());
        }
    }
    out
}

/// The inflected forms of a lowercase Swedish base whose endings the Swedish (Snowball) stemmer leaves on, so
/// that they stem apart from the base: `-et` after a consonant (`labbet`), `-n`, `-t` and `-na` after a vowel
/// (`terapin`, `området`, `områdena`), a genitive `-s` after most vowels (`terapis`), `-n` after `-el` and `-er`
/// (`regeln`), and the forms that drop the `e` of `-el`, `-er`, `-en` (`läkemedlet`, `läkemedlen`). Every other
/// regular form stems like the base, and so do the genitives of these.
pub fn unstemmed_forms(base: &str) -> Vec<String> {
    let chars: Vec<char> = base.chars().collect();
    let Some(&last) = chars.last() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if vowel(last) {
        for ending in ["n", "t", "na"] {
            out.push(format!("{base}{ending}"));
        }
        // The stemmer takes a genitive -s off after a consonant, -o, -y and in "-as", "-es" only.
        if !matches!(last, 'a' | 'e' | 'o' | 'y') {
            out.push(format!("{base}s"));
        }
    } else {
        out.push(format!("{base}et"));
        if let [.., a, 'e', c] = chars.as_slice()
            && !vowel(*a)
            && matches!(c, 'l' | 'n' | 'r')
        {
            if *c != 'n' {
                out.push(format!("{base}n"));
            }
            let short: String = chars[..chars.len() - 2].iter().chain([c]).collect();
            out.push(format!("{short}et"));
            out.push(format!("{short}en"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_built_in_list_parses_and_translates_both_ways() {
        let list = TermList::parse(BUILT_IN).expect("term list");
        assert!(
            list.expansions("Cellterapi i Flemingsberg")
                .contains(&"cell therapy".to_owned())
        );
        assert!(
            list.expansions("twin registry data")
                .contains(&"tvillingregister".to_owned())
        );
        assert!(
            list.expansions("lediga lokaler")
                .iter()
                .any(|e| e.contains("premises"))
        );
        assert!(list.expansions("").is_empty());
    }

    #[test]
    fn compounds_split_into_known_words() {
        let known = |w: &str| {
            [
                "cellterapi",
                "anlaggning",
                "forskning",
                "infrastruktur",
                "tvilling",
                "register",
            ]
            .contains(&w)
        };
        assert_eq!(
            split_compound("cellterapianlaggning", &known),
            Some(vec!["cellterapi".into(), "anlaggning".into()])
        );
        assert_eq!(
            split_compound("forskningsinfrastruktur", &known),
            Some(vec!["forskning".into(), "infrastruktur".into()])
        );
        assert_eq!(
            split_compound("tvillingregisteranlaggning", &known),
            Some(vec![
                "tvilling".into(),
                "register".into(),
                "anlaggning".into()
            ])
        );
        assert_eq!(split_compound("flemingsberg", &known), None);
    }

    #[test]
    fn inflections_lead_back_to_known_base_forms() {
        let words = [
            "cell",
            "celler",
            "lokal",
            "lokaler",
            "prov",
            "prove",
            "bil",
            "bile",
            "kvinna",
            "pojke",
            "linje",
            "terapi",
            "läkemedel",
            "företag",
            "område",
            "regel",
        ];
        let known = |w: &str| words.contains(&w);
        let base = |w: &str| base_forms(w, &known);
        assert_eq!(base("cellerna"), ["cell", "celler"]);
        assert_eq!(base("cellens"), ["cell"]);
        assert_eq!(base("lokalerna"), ["lokal", "lokaler"]);
        assert_eq!(base("prover"), ["prov"], "-er before -r");
        assert_eq!(
            base("bilar"),
            ["bil"],
            "the word less its ending before a changed form"
        );
        assert_eq!(base("kvinnorna"), ["kvinna"]);
        assert_eq!(base("pojkarnas"), ["pojke"]);
        assert_eq!(base("linjerna"), ["linje"]);
        assert_eq!(base("terapin"), ["terapi"]);
        assert_eq!(base("terapiers"), ["terapi"]);
        assert_eq!(base("läkemedlet"), ["läkemedel"]);
        assert_eq!(base("företaget"), ["företag"]);
        assert_eq!(base("området"), ["område"]);
        assert_eq!(base("områdena"), ["område"]);
        assert_eq!(base("regeln"), ["regel"]);
        assert!(base("cell").is_empty() && base("process").is_empty() && base("").is_empty());
        assert!(lemmas("kontoret").contains(&"kontor".to_owned()));
        assert!(lemmas("ab").is_empty());
    }

    #[test]
    fn the_forms_the_stemmer_leaves_apart() {
        assert_eq!(unstemmed_forms("labb"), ["labbet"]);
        assert_eq!(
            unstemmed_forms("terapi"),
            ["terapin", "terapit", "terapina", "terapis"]
        );
        assert_eq!(
            unstemmed_forms("område"),
            ["områden", "området", "områdena"]
        );
        assert_eq!(
            unstemmed_forms("läkemedel"),
            ["läkemedelet", "läkemedeln", "läkemedlet", "läkemedlen"]
        );
        assert!(unstemmed_forms("").is_empty());
    }

    proptest! {
        #[test]
        fn lemmas_never_panic_and_are_shorter(word in "\\PC{0,20}") {
            for l in lemmas(&word) {
                prop_assert!(l.chars().count() >= 3 && l != word);
            }
        }

        #[test]
        fn splits_rebuild_the_word(word in "[a-z]{0,30}") {
            let known = |w: &str| w.len() >= 3 && (w.starts_with('a') || w.ends_with('e'));
            if let Some(parts) = split_compound(&word, &known) {
                prop_assert!(parts.len() >= 2);
                prop_assert!(parts.iter().all(|p| known(p)));
                let joined: String = parts.concat();
                // Only linking s may be dropped.
                prop_assert!(joined.len() <= word.len() && word.len() - joined.len() < parts.len());
            }
        }

        #[test]
        fn expansions_never_panic(text in "\\PC{0,200}") {
            let list = TermList::built_in();
            let _ = list.expansions(&text);
        }
    }
}
