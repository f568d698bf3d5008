//! The two languages every page and message is written in.

use serde::{Deserialize, Serialize};

/// A language the product is written in. Swedish is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Swedish (svenska).
    #[default]
    Sv,
    /// English.
    En,
}

impl Lang {
    /// Every supported language, Swedish first.
    pub const ALL: [Lang; 2] = [Lang::Sv, Lang::En];

    /// Parses a language code as it appears in URLs (`sv`, `en`).
    pub fn parse(code: &str) -> Option<Lang> {
        match code {
            "sv" => Some(Lang::Sv),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The code used in URLs and in the HTML `lang` attribute.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }

    /// The other language, for the language switch.
    pub fn other(self) -> Lang {
        match self {
            Lang::Sv => Lang::En,
            Lang::En => Lang::Sv,
        }
    }
}

/// A text kept in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct LangText {
    /// The Swedish text.
    pub sv: String,
    /// The English text.
    pub en: String,
}

impl LangText {
    /// Builds a bilingual text.
    pub fn new(sv: impl Into<String>, en: impl Into<String>) -> Self {
        LangText {
            sv: sv.into(),
            en: en.into(),
        }
    }

    /// The text in `lang`, falling back to the other language when that one is empty.
    pub fn get(&self, lang: Lang) -> &str {
        let (first, second) = match lang {
            Lang::Sv => (&self.sv, &self.en),
            Lang::En => (&self.en, &self.sv),
        };
        if first.trim().is_empty() {
            second
        } else {
            first
        }
    }

    /// True when both languages are filled in.
    pub fn is_complete(&self) -> bool {
        !self.sv.trim().is_empty() && !self.en.trim().is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn get_falls_back_to_the_other_language() {
        let t = LangText::new("", "Only English");
        assert_eq!(t.get(Lang::Sv), "Only English");
        assert!(!t.is_complete());
        let t = LangText::new("Svenska", "English");
        assert_eq!(t.get(Lang::Sv), "Svenska");
        assert_eq!(t.get(Lang::En), "English");
    }

    #[test]
    fn codes_round_trip() {
        for lang in Lang::ALL {
            assert_eq!(Lang::parse(lang.code()), Some(lang));
        }
        assert_eq!(Lang::parse("de"), None);
        assert_eq!(Lang::parse("SV"), None);
    }
}
