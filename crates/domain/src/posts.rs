//! Partner posts: a member offers something or asks for a partner; others express interest, which opens a
//! conversation between the two. The rules on what a post holds and who may do what with it.

use crate::IsoDate;
use serde::Serialize;

vocabulary! {
    /// What a post is.
    PostKind {
        /// Something the author offers (equipment time, expertise, premises...).
        Offer = "offer",
        /// Something the author looks for.
        Request = "request",
    }
}

/// Longest title, in characters.
pub const MAX_TITLE: usize = 200;
/// Longest text or message, in characters.
pub const MAX_TEXT: usize = 5_000;
/// The longest a post may stay up, in days.
pub const MAX_DAYS: i64 = 365;

/// Why a post or a message was refused. Each has the message key `post-error-{key}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error, Serialize)]
pub enum PostError {
    /// The title is missing or too long.
    #[error("title")]
    Title,
    /// The text is missing or too long.
    #[error("text")]
    Text,
    /// The expiry is in the past or more than a year away.
    #[error("expiry")]
    Expiry,
    /// The post is closed or expired: no new interest or messages.
    #[error("closed")]
    Closed,
    /// Authors do not express interest in their own posts.
    #[error("own")]
    Own,
    /// Interest is expressed once per post.
    #[error("twice")]
    Twice,
}

impl PostError {
    /// The name used in message keys.
    pub fn key(self) -> &'static str {
        match self {
            PostError::Title => "title",
            PostError::Text => "text",
            PostError::Expiry => "expiry",
            PostError::Closed => "closed",
            PostError::Own => "own",
            PostError::Twice => "twice",
        }
    }
}

fn length_ok(s: &str, max: usize) -> bool {
    let n = s.trim().chars().count();
    n > 0 && n <= max
}

/// Checks a new post's title, text and expiry against `today`.
pub fn check_post(
    title: &str,
    text: &str,
    expires: IsoDate,
    today: IsoDate,
) -> Result<(), Vec<PostError>> {
    let mut errs = Vec::new();
    if !length_ok(title, MAX_TITLE) {
        errs.push(PostError::Title);
    }
    if !length_ok(text, MAX_TEXT) {
        errs.push(PostError::Text);
    }
    let days = expires.days_since_epoch() - today.days_since_epoch();
    if !(0..=MAX_DAYS).contains(&days) {
        errs.push(PostError::Expiry);
    }
    if errs.is_empty() { Ok(()) } else { Err(errs) }
}

/// Whether a post takes new interest and messages: not closed and not past its last day.
pub fn is_open(closed: bool, expires: IsoDate, today: IsoDate) -> bool {
    !closed && expires >= today
}

/// Checks that `user` may express interest in a post by `author` with `message`.
pub fn may_express_interest(
    user: i64,
    author: i64,
    open: bool,
    message: &str,
) -> Result<(), PostError> {
    if user == author {
        return Err(PostError::Own);
    }
    if !open {
        return Err(PostError::Closed);
    }
    if !length_ok(message, MAX_TEXT) {
        return Err(PostError::Text);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> IsoDate {
        IsoDate::parse(s).expect("date")
    }

    #[test]
    fn a_post_needs_a_title_a_text_and_an_expiry_within_a_year() {
        let today = d("2026-11-23");
        assert_eq!(
            check_post(
                "Flow cytometer time",
                "Free hours on Fridays.",
                d("2027-01-31"),
                today
            ),
            Ok(())
        );
        assert_eq!(
            check_post(" ", "", d("2026-11-22"), today),
            Err(vec![PostError::Title, PostError::Text, PostError::Expiry])
        );
        assert_eq!(
            check_post("x", "y", d("2027-11-24"), today),
            Err(vec![PostError::Expiry])
        );
    }

    proptest! {
        #[test]
        fn nobody_expresses_interest_in_their_own_or_a_closed_post(user in 1i64..5, author in 1i64..5,
                                                                   open in any::<bool>(), msg in "\\PC{0,20}") {
            let r = may_express_interest(user, author, open, &msg);
            if user == author {
                prop_assert_eq!(r, Err(PostError::Own));
            } else if !open {
                prop_assert_eq!(r, Err(PostError::Closed));
            } else {
                prop_assert_eq!(r.is_ok(), !msg.trim().is_empty());
            }
        }
    }
}
