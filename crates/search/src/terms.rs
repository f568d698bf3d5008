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

    proptest! {
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
