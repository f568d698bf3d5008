//! Agreements people can use: a checklist's template document (an NDA, a service agreement) filled in with a
//! request's parties, service, title and dates, as Word and PDF, in a language of the request. The templates
//! mark what Samverkan fills in with `{{name}}`; what it does not know stays a bracketed blank to fill in by
//! hand, as the rest of the template's blanks are. Every filled-in value is escaped so that it reads as text,
//! never as Markdown.

use domain::{IsoDate, Lang};
use i18n::Tr;

/// What Samverkan knows to fill in; `None` leaves the blank.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    /// The infrastructure's name.
    pub provider: Option<String>,
    /// Its organisation number.
    pub provider_org_number: Option<String>,
    /// Its ownership form, in words.
    pub ownership: Option<String>,
    /// The company's name.
    pub company: Option<String>,
    /// Its organisation number.
    pub company_org_number: Option<String>,
    /// The services asked for, in words.
    pub service: Option<String>,
    /// The request's title.
    pub title: Option<String>,
    /// The desired start.
    pub start: Option<IsoDate>,
}

/// The names a template may use.
pub const FIELDS: [&str; 8] = [
    "provider",
    "provider_org_number",
    "ownership",
    "company",
    "company_org_number",
    "service",
    "title",
    "start",
];

impl Facts {
    fn get(&self, name: &str) -> Option<String> {
        match name {
            "provider" => self.provider.clone(),
            "provider_org_number" => self.provider_org_number.clone(),
            "ownership" => self.ownership.clone(),
            "company" => self.company.clone(),
            "company_org_number" => self.company_org_number.clone(),
            "service" => self.service.clone(),
            "title" => self.title.clone(),
            "start" => self.start.map(|d| d.to_string()),
            _ => None,
        }
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
    }
}

/// `text` escaped so that Markdown reads every character literally (one line: line breaks become spaces).
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '(' | ')' | '#' | '+' | '-' | '.'
            | '!' | '|' | '<' | '>' | '&' | '~' | '"' | '\'' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// The template with every `{{name}}` replaced: by the fact, escaped, or by the bracketed blank in `lang`.
/// Text outside the placeholders is left as written.
pub fn fill(template: &str, lang: Lang, facts: &Facts) -> String {
    let t = Tr::new(lang);
    let mut out = String::with_capacity(template.len() + 256);
    let mut rest = template;
    while let Some(open) = rest.find("{{") {
        out.push_str(&rest[..open]);
        let after = &rest[open + 2..];
        match after.find("}}") {
            Some(close) => {
                let name = after[..close].trim();
                match facts.get(name) {
                    Some(v) => out.push_str(&escape_markdown(&v)),
                    None => {
                        let known = FIELDS.contains(&name);
                        let label = if known {
                            t.t(&format!("agreement-blank-{name}"))
                        } else {
                            String::new()
                        };
                        out.push('[');
                        out.push_str(&escape_markdown(&label));
                        out.push(']');
                    }
                }
                rest = &after[close + 2..];
            }
            None => {
                // An unclosed marker is text.
                out.push_str("\\{\\{");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A filled-in document as Word.
pub fn docx(title: &str, lang: Lang, markdown: &str) -> Result<Vec<u8>, office::OfficeError> {
    office::docx_from_markdown(title, bcp47(lang), markdown)
}

/// A filled-in document as PDF.
pub fn pdf(title: &str, lang: Lang, markdown: &str) -> Result<Vec<u8>, report::PdfError> {
    report::pdf_from_markdown(title, bcp47(lang), markdown)
}

fn bcp47(lang: Lang) -> &'static str {
    match lang {
        Lang::Sv => "sv-SE",
        Lang::En => "en-GB",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const NDA_EN: &str = include_str!("../../../data/stockholm/templates/nda.en.md");
    const NDA_SV: &str = include_str!("../../../data/stockholm/templates/nda.sv.md");
    const SA_EN: &str = include_str!("../../../data/stockholm/templates/service-agreement.en.md");
    const SA_SV: &str = include_str!("../../../data/stockholm/templates/service-agreement.sv.md");

    fn facts() -> Facts {
        Facts {
            provider: Some("Vecura".into()),
            provider_org_number: None,
            ownership: Some("region".into()),
            company: Some("Nordic Organoids AB".into()),
            company_org_number: Some("559123-4561".into()),
            service: Some("GMP manufacturing of cell therapies".into()),
            title: Some("Phase 1 of our *organoid* therapy".into()),
            start: IsoDate::parse("2027-03-01").ok(),
        }
    }

    #[test]
    fn every_template_uses_only_known_names_and_fills_completely() {
        for (template, lang) in [
            (NDA_EN, Lang::En),
            (NDA_SV, Lang::Sv),
            (SA_EN, Lang::En),
            (SA_SV, Lang::Sv),
        ] {
            let mut rest = template;
            while let Some(i) = rest.find("{{") {
                let name = rest[i + 2..].split("}}").next().expect("closed").trim();
                assert!(FIELDS.contains(&name), "unknown placeholder {name}");
                rest = &rest[i + 2..];
            }
            let filled = fill(template, lang, &facts());
            assert!(!filled.contains("{{"));
            assert!(filled.contains("Vecura") && filled.contains("Nordic Organoids AB"));
            let blank = fill(template, lang, &Facts::default());
            assert!(!blank.contains("{{"));
        }
    }

    #[test]
    fn what_is_unknown_stays_a_blank_in_the_documents_language() {
        let en = fill(NDA_EN, Lang::En, &facts());
        assert!(en.contains("1. Vecura, reg. no. [number]"), "{en}");
        assert!(en.contains("2. Nordic Organoids AB, reg. no. 559123\\-4561"));
        let sv = fill(NDA_SV, Lang::Sv, &Facts::default());
        assert!(
            sv.contains("1. [Organisationens namn], org.nr [nummer]"),
            "{sv}"
        );
    }

    #[test]
    fn a_value_is_text_not_markdown() {
        let filled = fill("x {{title}} y", Lang::En, &facts());
        assert_eq!(filled, "x Phase 1 of our \\*organoid\\* therapy y");
    }

    proptest! {
        /// Whatever a company calls its request, the filled document holds it as one line of literal text: no
        /// placeholder survives and no Markdown structure is made from it.
        #[test]
        fn any_title_is_escaped(title in "\\PC{0,80}") {
            let f = Facts { title: Some(title.clone()), ..Facts::default() };
            let filled = fill("A {{title}} B", Lang::Sv, &f);
            prop_assert!(!filled.contains("{{"));
            prop_assert!(!filled.contains('\n'));
            let unescaped: String = {
                let mut out = String::new();
                let mut chars = filled.chars();
                while let Some(c) = chars.next() {
                    if c == '\\' {
                        if let Some(n) = chars.next() { out.push(n); }
                    } else {
                        out.push(c);
                    }
                }
                out
            };
            let expected: String = title
                .trim()
                .chars()
                .filter_map(|c| match c {
                    '\n' | '\r' | '\t' => Some(' '),
                    c if c.is_control() => None,
                    c => Some(c),
                })
                .collect();
            if title.trim().is_empty() {
                prop_assert_eq!(unescaped, "A [Ärendets rubrik] B".to_owned());
            } else {
                prop_assert_eq!(unescaped, format!("A {expected} B"));
            }
        }
    }
}
