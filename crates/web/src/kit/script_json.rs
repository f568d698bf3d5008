//! Data embedded in a page's `<script>` element (JSON-LD, the atlas's texts): the one way to put text there.
//!
//! Inside `<script>` the HTML parser does not decode entities, but it still looks for `</script`, `<!--` and
//! `<script` to decide where the element ends. A description holding `<!--<script>` would make the browser
//! swallow the rest of the page. JSON can spell every character as `\uXXXX`, so `<`, `>` and `&` (and the two
//! JavaScript line terminators) are written that way: the data stays the same for a JSON reader, and the
//! element can only end where the template ends it.

use std::fmt;

/// JSON text that is safe inside a `<script>` element. The only way to make one is [`ScriptJson::new`], and
/// templates print it without escaping (it implements askama's `HtmlSafe`), so no template needs `|safe` for
/// script data.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScriptJson(String);

impl ScriptJson {
    /// Serialises `value` as JSON with `<`, `>`, `&`, U+2028 and U+2029 written as `\uXXXX` escapes.
    pub fn new(value: &impl serde::Serialize) -> ScriptJson {
        let text = serde_json::to_string(value).unwrap_or_else(|_| "null".to_owned());
        ScriptJson(escape(&text))
    }

    /// The JSON text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Rewrites the characters that matter to the HTML parser inside a script element. Applied to serialised JSON,
/// every such character is inside a string literal (JSON's syntax uses none of them), where `\uXXXX` means the
/// same character.
fn escape(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

impl fmt::Display for ScriptJson {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl askama::filters::HtmlSafe for ScriptJson {}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn markup_in_a_value_cannot_end_or_open_the_element() {
        let json = ScriptJson::new(&serde_json::json!({"d": "<!--<script></script>&amp;"}));
        assert!(!json.as_str().contains(['<', '>', '&']), "{json}");
        let back: serde_json::Value = serde_json::from_str(json.as_str()).expect("json");
        assert_eq!(back["d"], "<!--<script></script>&amp;");
    }

    proptest! {
        #[test]
        fn any_text_round_trips_and_never_shows_markup_characters(s in any::<String>()) {
            let json = ScriptJson::new(&serde_json::json!({"text": s, "list": [s.clone()]}));
            let markup = ['<', '>', '&', '\u{2028}', '\u{2029}'];
            prop_assert!(!json.as_str().contains(markup), "{}", json);
            let back: serde_json::Value = serde_json::from_str(json.as_str()).expect("json");
            prop_assert_eq!(back["text"].as_str(), Some(s.as_str()));
        }
    }
}
