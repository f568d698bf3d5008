//! Text that may be written in another language than the page's, and says so (WCAG 3.1.2, language of parts).
//!
//! A page in English shows Swedish text when a bilingual field has no English yet, when the text is Swedish by
//! nature (the name of a Swedish statute) or when a person wrote it in Swedish (a post, a message, a request).
//! A screen reader then needs `lang="sv"` on that text to pronounce it. [`Text`] carries the language its text is
//! written in when that differs from the page's, and renders itself in a template as `<span lang="sv">…</span>`
//! (escaped) in text content. In an attribute, use [`Text::plain`]: an attribute has no parts.

use askama::filters::{Escaper, Html, HtmlSafe};
use domain::{Lang, LangText};
use std::fmt;

/// A text to show on a page, with its language when that is not the page's.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Text {
    text: String,
    /// The language of `text`, when it is known and differs from the page's.
    lang: Option<Lang>,
}

impl Text {
    /// A bilingual text in the page's language, or in the other language when the page's is empty.
    pub fn of(text: &LangText, page: Lang) -> Text {
        let own = page_text(text, page);
        if own.trim().is_empty() {
            Text::written(page_text(text, page.other()), page.other(), page)
        } else {
            Text::written(own, page, page)
        }
    }

    /// A text known to be written in `written`.
    pub fn written(text: impl Into<String>, written: Lang, page: Lang) -> Text {
        Text {
            text: text.into(),
            lang: (written != page).then_some(written),
        }
    }

    /// A text of unknown language, written by a person: its language is told from the text when the text
    /// says enough ([`i18n::identify`]); otherwise it is taken to be the page's.
    pub fn identified(text: impl Into<String>, page: Lang) -> Text {
        let text = text.into();
        let written = i18n::identify(&text).unwrap_or(page);
        Text::written(text, written, page)
    }

    /// The text alone, for an attribute (`alt`, `title`, `content`) or a comparison.
    pub fn plain(&self) -> &str {
        &self.text
    }

    /// True when there is no text.
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// The language of the text when it differs from the page's.
    pub fn lang(&self) -> Option<Lang> {
        self.lang
    }

    /// ` lang="sv"` for an element that holds only this text (a `<p>` of a description), or nothing.
    pub fn lang_attr(&self) -> LangAttr {
        LangAttr(self.lang)
    }

    /// The paragraphs of the text (separated by blank lines), each in the text's language.
    pub fn paragraphs(&self) -> Vec<Text> {
        self.text
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| Text {
                text: p.to_owned(),
                lang: self.lang,
            })
            .collect()
    }

    /// Another text made from this one (an excerpt, say), in the same language.
    pub fn map(&self, f: impl FnOnce(&str) -> String) -> Text {
        Text {
            text: f(&self.text),
            lang: self.lang,
        }
    }
}

/// A text in the page's language (a translation, a date).
impl From<String> for Text {
    fn from(text: String) -> Text {
        Text { text, lang: None }
    }
}

/// The page's own text of a bilingual field (empty when it has none).
fn page_text(text: &LangText, page: Lang) -> &str {
    match page {
        Lang::Sv => &text.sv,
        Lang::En => &text.en,
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.lang {
            Some(lang) => {
                write!(f, "<span lang=\"{}\">", lang.code())?;
                Html.write_escaped_str(&mut *f, &self.text)?;
                f.write_str("</span>")
            }
            None => Html.write_escaped_str(f, &self.text),
        }
    }
}

/// Escaped by its own `Display`.
impl HtmlSafe for Text {}

/// A `lang` attribute, or nothing (see [`Text::lang_attr`]).
#[derive(Debug, Clone, Copy)]
pub struct LangAttr(Option<Lang>);

impl LangAttr {
    /// The attribute for content written in `written` on a page in `page`: nothing when they are the same.
    pub fn of(written: Lang, page: Lang) -> LangAttr {
        LangAttr((written != page).then_some(written))
    }
}

impl fmt::Display for LangAttr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(lang) => write!(f, " lang=\"{}\"", lang.code()),
            None => Ok(()),
        }
    }
}

/// Only a language code.
impl HtmlSafe for LangAttr {}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_fallback_to_the_other_language_is_marked_with_it() {
        let only_sv = LangText::new("Cellterapi i stor skala", "");
        assert_eq!(
            Text::of(&only_sv, Lang::En).to_string(),
            "<span lang=\"sv\">Cellterapi i stor skala</span>"
        );
        assert_eq!(
            Text::of(&only_sv, Lang::Sv).to_string(),
            "Cellterapi i stor skala"
        );
        let both = LangText::new("Cellterapi", "Cell therapy");
        assert_eq!(Text::of(&both, Lang::En).to_string(), "Cell therapy");
        let same = LangText::new("BioLamina", "BioLamina");
        assert_eq!(
            Text::of(&same, Lang::En).lang(),
            None,
            "the same text in both is the page's"
        );
    }

    #[test]
    fn a_persons_text_carries_the_language_it_is_written_in() {
        let sv = "Vi söker en partner för att validera en ny metod för cellterapi i större skala.";
        assert_eq!(Text::identified(sv, Lang::En).lang(), Some(Lang::Sv));
        assert_eq!(Text::identified(sv, Lang::Sv).lang(), None);
        assert_eq!(
            Text::identified("PCR", Lang::En).lang(),
            None,
            "too little to tell"
        );
        assert_eq!(
            Text::written("x", Lang::Sv, Lang::En)
                .lang_attr()
                .to_string(),
            " lang=\"sv\""
        );
    }

    proptest! {
        /// Whatever a person writes, it is shown escaped, inside at most one span of its own.
        #[test]
        fn text_is_always_escaped(s in any::<String>(), sv in any::<bool>()) {
            let written = if sv { Lang::Sv } else { Lang::En };
            let html = Text::written(s.clone(), written, Lang::En).to_string();
            let inner = html
                .strip_prefix("<span lang=\"sv\">")
                .and_then(|h| h.strip_suffix("</span>"))
                .unwrap_or(&html);
            prop_assert!(!inner.contains('<') && !inner.contains('>') && !inner.contains('"'));
            prop_assert_eq!(sv, html.starts_with("<span lang=\"sv\">"));
        }
    }
}
