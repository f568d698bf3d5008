//! The password policy: 12 to 128 characters, not a commonly used or leaked password, not the e-mail address.

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
    /// Contains the account's e-mail address or its local part.
    #[error("a password must not contain the e-mail address")]
    ContainsEmail,
}

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
    let local = email.split('@').next().unwrap_or_default().to_lowercase();
    if local.len() >= 4 && lower.contains(&local) {
        return Err(PasswordError::ContainsEmail);
    }
    Ok(())
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
        assert!(check(&"correct horse battery staple ".repeat(5)[..128], "a@b.se").is_ok());
        assert_eq!(check("1qaz2wsx3edc", "a@b.se"), Err(PasswordError::Common));
        assert_eq!(check("1QAZ2WSX3EDC", "a@b.se"), Err(PasswordError::Common));
        assert_eq!(
            check("anna.lind-is-great", "anna.lind@ki.se"),
            Err(PasswordError::ContainsEmail)
        );
        assert!(check("tvillingregistret i solna", "anna@ki.se").is_ok());
        assert!(COMMON.lines().filter(|l| !l.starts_with('#')).count() > 10_000);
    }

    proptest! {
        #[test]
        fn length_rule_counts_characters_not_bytes(n in 0usize..200) {
            let p: String = "å".repeat(n);
            let r = check(&p, "x@y.se");
            if n < MIN_LEN { prop_assert_eq!(r, Err(PasswordError::TooShort { min: MIN_LEN })); }
            else if n > MAX_LEN { prop_assert_eq!(r, Err(PasswordError::TooLong { max: MAX_LEN })); }
            else { prop_assert!(r.is_ok() || r == Err(PasswordError::Common)); }
        }
    }
}
