//! Query-string parameters, parsed by hand so that every bad value is reported with the parameter's name.

use crate::kit::error::{ParamProblem, WebError};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use domain::{PageRequest, Slug};

/// The decoded `name=value` pairs of a query string.
#[derive(Debug, Clone, Default)]
pub struct Params(Vec<(String, String)>);

fn bad(param: &str, problem: ParamProblem) -> WebError {
    WebError::BadParam {
        param: param.to_owned(),
        problem,
    }
}

impl Params {
    /// Decodes a raw query string (or form body); refuses one that is not valid percent-encoded UTF-8 or that
    /// holds a NUL character.
    pub fn parse(raw: Option<&str>) -> Result<Params, WebError> {
        match raw {
            None | Some("") => Ok(Params::default()),
            Some(q) => {
                // Decoding is lossy: invalid UTF-8 turns into U+FFFD, which no legitimate client sends.
                let pairs = serde_urlencoded::from_str::<Vec<(String, String)>>(q)
                    .map_err(|_| bad("query", ParamProblem::Malformed))?;
                // Nor a NUL character, which no text field holds and PostgreSQL cannot store.
                if pairs
                    .iter()
                    .any(|(k, v)| k.contains(['\u{FFFD}', '\0']) || v.contains(['\u{FFFD}', '\0']))
                {
                    return Err(bad("query", ParamProblem::Malformed));
                }
                Ok(Params(pairs))
            }
        }
    }

    /// The last non-empty value given for `name` (forms send empty values for unset fields).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .rev()
            .find(|(k, v)| k == name && !v.trim().is_empty())
            .map(|(_, v)| v.trim())
    }

    /// The last value given for `name`, untrimmed (may be empty).
    pub fn raw(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Every non-empty value given for `name`, in order.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, v)| k == name && !v.trim().is_empty())
            .map(|(_, v)| v.trim().to_owned())
            .collect()
    }

    /// A whole number in `min..=max`, or `None` when absent.
    pub fn number(&self, name: &str, min: u32, max: u32) -> Result<Option<u32>, WebError> {
        let Some(v) = self.get(name) else {
            return Ok(None);
        };
        let n: u64 = v.parse().map_err(|_| bad(name, ParamProblem::NotANumber))?;
        if n < u64::from(min) || n > u64::from(max) {
            return Err(bad(
                name,
                ParamProblem::OutOfRange {
                    min: min.into(),
                    max: max.into(),
                },
            ));
        }
        Ok(Some(u32::try_from(n).unwrap_or(max)))
    }

    /// The `page` and `per_page` parameters as a validated page request.
    pub fn page(&self, default_per_page: u32) -> Result<PageRequest, WebError> {
        let page = self.number("page", 1, PageRequest::MAX_PAGE)?.unwrap_or(1);
        let per_page = self
            .number("per_page", 1, PageRequest::MAX_PER_PAGE)?
            .unwrap_or(default_per_page);
        PageRequest::new(page, per_page).map_err(|_| bad("page", ParamProblem::NotANumber))
    }

    /// A value from a closed vocabulary, parsed with `parse`; `allowed` lists the accepted values for the message.
    pub fn vocabulary<T: Copy>(
        &self,
        name: &str,
        allowed: &'static [T],
        as_str: fn(T) -> &'static str,
    ) -> Result<Option<T>, WebError> {
        let Some(v) = self.get(name) else {
            return Ok(None);
        };
        allowed
            .iter()
            .copied()
            .find(|candidate| as_str(*candidate) == v)
            .map(Some)
            .ok_or_else(|| {
                bad(
                    name,
                    ParamProblem::UnknownValue {
                        allowed: allowed.iter().map(|a| as_str(*a)).collect(),
                    },
                )
            })
    }

    /// A slug, or `None` when absent.
    pub fn slug(&self, name: &str) -> Result<Option<Slug>, WebError> {
        self.get(name)
            .map(|v| Slug::parse(v).map_err(|_| bad(name, ParamProblem::BadSlug)))
            .transpose()
    }

    /// Free text of at most `max` characters, or `None` when absent.
    pub fn text(&self, name: &str, max: usize) -> Result<Option<String>, WebError> {
        match self.get(name) {
            Some(v) if v.chars().count() > max => Err(bad(name, ParamProblem::TooLong { max })),
            other => Ok(other.map(str::to_owned)),
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Params {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Params::parse(parts.uri.query())
    }
}

/// A numeric id from a URL path (`/requests/{id}`); anything but a positive number is a 404.
pub(crate) fn path_id(raw: &str) -> Result<i64, WebError> {
    raw.parse::<i64>()
        .ok()
        .filter(|i| *i > 0)
        .ok_or(WebError::NotFound)
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::ActorKind;

    #[test]
    fn names_the_parameter_at_fault() {
        let p = Params::parse(Some("page=abc")).expect("decodes");
        assert!(
            matches!(p.page(20), Err(WebError::BadParam { param, problem: ParamProblem::NotANumber }) if param == "page")
        );
        let p = Params::parse(Some("per_page=1000")).expect("decodes");
        assert!(matches!(p.page(20), Err(WebError::BadParam { param, .. }) if param == "per_page"));
        let p = Params::parse(Some("kind=castle")).expect("decodes");
        let err = p
            .vocabulary("kind", ActorKind::ALL, ActorKind::as_str)
            .expect_err("unknown");
        assert!(
            matches!(err, WebError::BadParam { param, problem: ParamProblem::UnknownValue { .. } } if param == "kind")
        );
    }

    #[test]
    fn empty_values_mean_absent() {
        let p = Params::parse(Some("kind=&campus=&page=")).expect("decodes");
        assert_eq!(
            p.vocabulary("kind", ActorKind::ALL, ActorKind::as_str)
                .expect("ok"),
            None
        );
        assert_eq!(
            p.page(20).expect("ok"),
            PageRequest::new(1, 20).expect("valid")
        );
    }

    #[test]
    fn percent_decoding_and_malformed_input() {
        let p = Params::parse(Some("q=cell%20therapy")).expect("decodes");
        assert_eq!(p.get("q"), Some("cell therapy"));
        assert!(Params::parse(Some("q=%FF%FE")).is_err());
    }
}
