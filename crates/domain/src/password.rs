//! The password policy: 12 to 128 characters, not a commonly used or leaked password, not made of the e-mail
//! address, and strong enough by the zxcvbn estimate (Dropbox's pattern-matching strength estimator, which
//! finds repeats, runs, keyboard patterns, dates and dictionary words and estimates how many guesses the
//! password would take). Length alone is not enough: `aaaaaaaaaaaa` and `sommarsommarsommar` are refused.

/// Common passwords shipped with the product (lowercase, one per line, `#` comments).
const COMMON: &str = include_str!("../data/common-passwords.txt");

/// Why a password was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    /// Fewer than the minimum number of characters.
    #[error("a password needs at least {min} characters")]
    TooShort {
        /// The minimum.
        min: usize,
    },
    /// More than the maximum number of characters.
    #[error("a password can have at most {max} characters")]
    TooLong {
        /// The maximum.
        max: usize,
    },
    /// On the list of common or leaked passwords.
    #[error("this password is on a list of common or leaked passwords")]
    Common,
    /// Contains the account's e-mail address, or is mostly its local part.
    #[error("a password must not contain the e-mail address")]
    ContainsEmail,
    /// Easy to guess although long enough: the reason says which pattern makes it so.
    #[error("this password is easy to guess: {0}")]
    Weak(Weakness),
}

/// What makes a password easy to guess, as the strength estimate found it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weakness {
    /// One character, or a short group of characters, repeated (`aaaa`, `abcabc`, a word twice).
    Repeated,
    /// A run of letters or digits in order (`abcdef`, `98765`).
    Sequence,
    /// A row or pattern of keys on the keyboard (`qwerty`, `zxcvbn`).
    KeyboardPattern,
    /// Common words, names or passwords, or close variants of them.
    CommonWords,
    /// Dates or recent years.
    Dates,
    /// Too predictable in general (no single pattern stands out).
    Predictable,
}

impl std::fmt::Display for Weakness {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Weakness::Repeated => "it repeats a character or a group of characters",
            Weakness::Sequence => "it is a run of letters or digits in order",
            Weakness::KeyboardPattern => "it follows a row or pattern of keys",
            Weakness::CommonWords => "it is made of common words, names or passwords",
            Weakness::Dates => "it is made of dates or years",
            Weakness::Predictable => "it is too predictable; use several unrelated words",
        })
    }
}

/// The lowest accepted zxcvbn score (0-4). Score 3 is "safely unguessable" (under 10^10 guesses), which
/// with argon2id hashing and sign-in throttling leaves offline attacks impractical.
pub const MIN_SCORE: u8 = 3;

/// The shortest accepted password, in characters.
pub const MIN_LEN: usize = 12;
/// The longest accepted password, in characters.
pub const MAX_LEN: usize = 128;

fn is_common(candidate: &str) -> bool {
    let lower = candidate.to_lowercase();
    COMMON
        .lines()
        .any(|line| !line.starts_with('#') && line == lower)
}

/// Checks `password` for an account with e-mail `email`. Spaces are allowed (pass phrases are welcome).
pub fn check(password: &str, email: &str) -> Result<(), PasswordError> {
    let len = password.chars().count();
    if len < MIN_LEN {
        return Err(PasswordError::TooShort { min: MIN_LEN });
    }
    if len > MAX_LEN {
        return Err(PasswordError::TooLong { max: MAX_LEN });
    }
    if is_common(password) {
        return Err(PasswordError::Common);
    }
    let lower = password.to_lowercase();
    let email = email.to_lowercase();
    let local = email.split('@').next().unwrap_or_default();
    // A pass phrase may mention a word of the address ("for the office"); it may not be built on it.
    let local_len = local.chars().count();
    if (!email.is_empty() && lower.contains(&email))
        || (local_len >= 4 && lower.contains(local) && local_len * 3 >= len)
    {
        return Err(PasswordError::ContainsEmail);
    }
    if repeats_a_unit(&lower) {
        return Err(PasswordError::Weak(Weakness::Repeated));
    }
    if is_run(&lower) {
        return Err(PasswordError::Weak(Weakness::Sequence));
    }
    let parts: Vec<&str> = email
        .split(['@', '.', '-', '_', '+'])
        .filter(|p| p.len() >= 3)
        .chain([email.as_str()])
        .collect();
    let estimate = zxcvbn::zxcvbn(password, &parts);
    if u8::from(estimate.score()) < MIN_SCORE {
        return Err(PasswordError::Weak(weakness(&estimate)));
    }
    Ok(())
}

/// True when the whole text is one shorter group of characters repeated (`aaaa`, `abcabcab`, `sommarsommar`).
fn repeats_a_unit(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    (1..=chars.len() / 2).any(|unit| chars.iter().enumerate().all(|(i, c)| *c == chars[i % unit]))
}

/// True when the whole text is a run through the digits or the letters a-z in one direction, going round
/// (`3456789012`, `zyxwv`).
fn is_run(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let size = if chars.iter().all(char::is_ascii_digit) {
        10u32
    } else if chars.iter().all(char::is_ascii_lowercase) {
        26u32
    } else {
        return false;
    };
    let steps: Vec<u32> = chars
        .windows(2)
        .map(|w| (u32::from(w[1]) + size - u32::from(w[0])) % size)
        .collect();
    !steps.is_empty() && (steps.iter().all(|s| *s == 1) || steps.iter().all(|s| *s == size - 1))
}

/// The estimate's main finding, as one of our reasons (the estimator's own texts are English only).
fn weakness(estimate: &zxcvbn::Entropy) -> Weakness {
    use zxcvbn::feedback::Warning;
    use zxcvbn::matching::patterns::MatchPattern;
    let warning = estimate.feedback().and_then(|f| f.warning());
    match warning {
        Some(
            Warning::RepeatsLikeAaaAreEasyToGuess
            | Warning::RepeatsLikeAbcAbcAreOnlySlightlyHarderToGuess,
        ) => {
            return Weakness::Repeated;
        }
        Some(Warning::SequencesLikeAbcAreEasyToGuess) => return Weakness::Sequence,
        Some(
            Warning::StraightRowsOfKeysAreEasyToGuess
            | Warning::ShortKeyboardPatternsAreEasyToGuess,
        ) => return Weakness::KeyboardPattern,
        Some(Warning::RecentYearsAreEasyToGuess | Warning::DatesAreOftenEasyToGuess) => {
            return Weakness::Dates;
        }
        Some(_) => return Weakness::CommonWords,
        None => {}
    }
    // Without a warning, the longest pattern the estimate matched says what dominates.
    let longest = estimate
        .sequence()
        .iter()
        .max_by_key(|m| m.token.chars().count())
        .map(|m| &m.pattern);
    match longest {
        Some(MatchPattern::Repeat(_)) => Weakness::Repeated,
        Some(MatchPattern::Sequence(_)) => Weakness::Sequence,
        Some(MatchPattern::Spatial(_)) => Weakness::KeyboardPattern,
        Some(MatchPattern::Dictionary(_)) => Weakness::CommonWords,
        Some(MatchPattern::Date(_) | MatchPattern::Regex(_)) => Weakness::Dates,
        _ => Weakness::Predictable,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn policy() {
        assert_eq!(
            check("short", "a@b.se"),
            Err(PasswordError::TooShort { min: 12 })
        );
        assert_eq!(
            check(&"x".repeat(129), "a@b.se"),
            Err(PasswordError::TooLong { max: 128 })
        );
        let long = "correct horse battery staple, then a tired heron by the lake in Solna reads eleven \
                    maps of Flemingsberg while the kettle sings quietly";
        assert!(long.chars().count() >= 128);
        assert!(check(&long[..128], "a@b.se").is_ok());
        // The same phrase said again and again is one phrase.
        assert_eq!(
            check(&"correct horse battery staple ".repeat(5)[..128], "a@b.se"),
            Err(PasswordError::Weak(Weakness::Repeated))
        );
        assert_eq!(check("1qaz2wsx3edc", "a@b.se"), Err(PasswordError::Common));
        assert_eq!(check("1QAZ2WSX3EDC", "a@b.se"), Err(PasswordError::Common));
        assert_eq!(
            check("anna.lind-is-great", "anna.lind@ki.se"),
            Err(PasswordError::ContainsEmail)
        );
        assert!(check("tvillingregistret i solna", "anna@ki.se").is_ok());
        assert!(check("a long pass phrase for the office", "office@example.se").is_ok());
        assert_eq!(
            check("aaaaaaaaaaaaaaaa", "a@b.se"),
            Err(PasswordError::Weak(Weakness::Repeated))
        );
        assert_eq!(
            check("sommarsommarsommar", "a@b.se"),
            Err(PasswordError::Weak(Weakness::Repeated))
        );
        assert_eq!(
            check("abcdefghijklmnop", "a@b.se"),
            Err(PasswordError::Weak(Weakness::Sequence))
        );
        assert_eq!(
            check("123456789012345", "a@b.se"),
            Err(PasswordError::Weak(Weakness::Sequence))
        );
        assert!(matches!(
            check("qwertyuiopasdf", "a@b.se"),
            Err(PasswordError::Weak(_) | PasswordError::Common)
        ));
        assert!(COMMON.lines().filter(|l| !l.starts_with('#')).count() > 10_000);
    }

    proptest! {
        #[test]
        fn length_rule_counts_characters_not_bytes(n in 0usize..200) {
            let p: String = "å".repeat(n);
            let r = check(&p, "x@y.se");
            if n < MIN_LEN { prop_assert_eq!(r, Err(PasswordError::TooShort { min: MIN_LEN })); }
            else if n > MAX_LEN { prop_assert_eq!(r, Err(PasswordError::TooLong { max: MAX_LEN })); }
            else { prop_assert!(matches!(r, Err(PasswordError::Weak(Weakness::Repeated))), "{:?}", r); }
        }

        /// One character repeated, a word repeated, or a run is never accepted, whatever its length.
        #[test]
        fn repeats_and_runs_are_refused(c in "[a-zåäö0-9]", word in "[a-zåäö]{3,7}", start in 0u8..10, n in 12usize..40) {
            let one = c.repeat(n);
            prop_assert!(check(&one, "x@y.se").is_err(), "{}", one);
            let times = n / word.chars().count() + 2;
            let repeated = word.repeat(times);
            prop_assert!(check(&repeated, "x@y.se").is_err(), "{}", repeated);
            let run: String = (0..n).map(|i| char::from(b'0' + (start + i as u8) % 10)).collect();
            prop_assert!(check(&run, "x@y.se").is_err(), "{}", run);
        }
    }
}
