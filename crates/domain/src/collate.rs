//! Sort keys that order names the way a Swedish or English reader expects, identically on every database.

use crate::Lang;

/// Returns a key whose byte order is the reading order of `name` in `lang`.
///
/// Databases disagree on collation (SQLite compares bytes; PostgreSQL follows the server locale), so names are
/// sorted by this key, stored beside them and compared bytewise. In Swedish, å, ä and ö are letters after z;
/// in English they sort as a and o. Case and most accents are ignored.
pub fn sort_key(lang: Lang, name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    for ch in name.trim().chars().flat_map(char::to_lowercase) {
        match (lang, ch) {
            (Lang::Sv, 'å') => key.push('{'),
            (Lang::Sv, 'ä' | 'æ') => key.push('|'),
            (Lang::Sv, 'ö' | 'ø') => key.push('}'),
            (_, 'å' | 'ä' | 'á' | 'à' | 'â' | 'ã' | 'æ') => key.push('a'),
            (_, 'ö' | 'ó' | 'ò' | 'ô' | 'õ' | 'ø') => key.push('o'),
            (_, 'é' | 'è' | 'ê' | 'ë') => key.push('e'),
            (_, 'ü' | 'ú' | 'ù' | 'û') => key.push('u'),
            (_, 'í' | 'ì' | 'î' | 'ï') => key.push('i'),
            (_, c) if c.is_alphanumeric() => key.push(c),
            (_, c) if c.is_whitespace() || c == '-' => key.push(' '),
            _ => {}
        }
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(lang: Lang, names: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        v.sort_by_key(|n| sort_key(lang, n));
        v
    }

    #[test]
    fn swedish_letters_come_after_z() {
        assert_eq!(
            sorted(Lang::Sv, &["Örebro", "Ängby", "Åkersberga", "Zeta", "Alfa"]),
            ["Alfa", "Zeta", "Åkersberga", "Ängby", "Örebro"]
        );
    }

    #[test]
    fn english_treats_them_as_base_letters() {
        assert_eq!(
            sorted(Lang::En, &["Örebro", "Zeta", "Alfa", "Pear"]),
            ["Alfa", "Örebro", "Pear", "Zeta"]
        );
    }

    #[test]
    fn case_is_ignored() {
        assert_eq!(sort_key(Lang::Sv, "KTH"), sort_key(Lang::Sv, "kth"));
    }
}
