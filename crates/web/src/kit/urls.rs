//! Addresses inside the site: the check that keeps a `next` target (after sign-in, after single sign-on) on
//! this site.

use domain::{Lang, PageRequest};
use store::ActorFilter;
use url::{Position, Url};

/// An origin that cannot be anyone's, to resolve a target against.
const PROBE: &str = "https://samverkan.invalid/";

/// `target` as a path on this site (`/en/requests?tab=open`), or `None` when a browser would leave the site
/// with it. The target is cleaned as the URL standard cleans it — tabs and line breaks removed, leading and
/// trailing control characters and spaces trimmed, `\` read as `/` — and then resolved, so what is accepted
/// is exactly what a browser would follow. The answer is plain ASCII (everything else percent-encoded), so it
/// is always a valid `Location` header.
pub fn local_path(target: &str) -> Option<String> {
    let base = Url::parse(PROBE).ok()?;
    let trimmed = target.trim_matches(|c: char| c <= ' ');
    if !trimmed.starts_with(['/', '\\']) {
        return None;
    }
    let resolved = base.join(target).ok()?;
    if resolved.origin() != base.origin() {
        return None;
    }
    let path = &resolved[Position::BeforePath..];
    // `/.//host` resolves to the path `//host`, which a browser would read as another host.
    if path.starts_with("//") || !path.starts_with('/') {
        return None;
    }
    Some(path.to_owned())
}

/// A URL of the actor list with `filter` on `page` (page 1 is left out of the URL).
pub fn actors_url(lang: Lang, filter: &ActorFilter, page: Option<PageRequest>) -> String {
    let mut pairs: Vec<(&str, String)> = Vec::new();
    if let Some(q) = &filter.text {
        pairs.push(("q", q.clone()));
    }
    if let Some(k) = filter.kind {
        pairs.push(("kind", k.as_str().to_owned()));
    }
    if let Some(c) = &filter.campus {
        pairs.push(("campus", c.to_string()));
    }
    if let Some(o) = filter.ownership {
        pairs.push(("ownership", o.as_str().to_owned()));
    }
    if let Some(tg) = &filter.tag {
        pairs.push(("tag", tg.to_string()));
    }
    if let Some(a) = &filter.area {
        pairs.push(("area", a.to_string()));
    }
    if let Some(p) = page {
        if p.per_page() != 20 {
            pairs.push(("per_page", p.per_page().to_string()));
        }
        if p.page() > 1 {
            pairs.push(("page", p.page().to_string()));
        }
    }
    let query = serde_urlencoded::to_string(&pairs).unwrap_or_default();
    if query.is_empty() {
        format!("/{}/actors", lang.code())
    } else {
        format!("/{}/actors?{query}", lang.code())
    }
}

/// A link with a text.
#[derive(Debug, Clone)]
pub struct Link {
    /// Where it goes.
    pub href: String,
    /// What it says.
    pub text: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn paths_on_the_site_are_kept() {
        assert_eq!(local_path("/en/requests").as_deref(), Some("/en/requests"));
        assert_eq!(
            local_path("/sv/search?q=cell+therapy#top").as_deref(),
            Some("/sv/search?q=cell+therapy#top")
        );
        assert_eq!(local_path("/sv/sök").as_deref(), Some("/sv/s%C3%B6k"));
    }

    #[test]
    fn anything_a_browser_would_take_elsewhere_is_refused() {
        for bad in [
            "//evil.example/",
            "/\t/evil.example",
            "/\n/evil.example",
            "\t//evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            "https://evil.example/",
            "javascript:alert(1)",
            "/.//evil.example",
            "/./\t/evil.example",
            "evil.example",
            "",
        ] {
            assert_eq!(local_path(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn control_characters_are_encoded_not_passed_on() {
        let path = local_path("/en/\u{1}x\r\n").expect("a path");
        assert!(path.bytes().all(|b| b.is_ascii_graphic()), "{path:?}");
    }

    proptest! {
        #[test]
        fn an_accepted_target_stays_on_any_origin_and_is_a_header_value(
            s in "[/\\\\\t\n\r .a-z:%?#@\u{0}-\u{1f}\u{e5}]{0,16}"
        ) {
            if let Some(path) = local_path(&s) {
                prop_assert!(path.starts_with('/') && !path.starts_with("//"), "{:?} -> {:?}", s, path);
                prop_assert!(path.bytes().all(|b| b.is_ascii_graphic()), "{:?}", path);
                for origin in ["http://127.0.0.1:8080/x/", "https://samverkan.example/"] {
                    let base = Url::parse(origin).expect("base");
                    let followed = base.join(&path).expect("joins");
                    prop_assert_eq!(followed.origin(), base.origin());
                }
            }
        }
    }
}
