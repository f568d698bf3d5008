//! Text as people type it, cleaned of characters that make it lie: the bidirectional controls that can show a
//! file called `invoice\u{202e}fdp.exe` as `invoiceexe.pdf`, and control characters that no form needs.

/// True for the Unicode characters that change the direction in which the text around them is shown
/// (embeddings, overrides, isolates and the marks), which Trojan-Source style tricks use.
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// `input` without bidi controls; everything else as it was.
pub fn without_bidi_controls(input: &str) -> String {
    input.chars().filter(|c| !is_bidi_control(*c)).collect()
}

/// One line of text (a name, a title, a file name): bidi and other control characters removed, surrounding
/// white space trimmed.
pub fn clean_line(input: &str) -> String {
    input
        .chars()
        .filter(|c| !c.is_control() && !is_bidi_control(*c))
        .collect::<String>()
        .trim()
        .to_owned()
}

/// Several lines of text (a description, a message): bidi controls and control characters other than line
/// breaks and tabs removed; `\r\n` becomes `\n`. Not trimmed: the caller decides.
pub fn clean_text(input: &str) -> String {
    input
        .replace("\r\n", "\n")
        .chars()
        .filter(|c| (!c.is_control() || matches!(c, '\n' | '\t')) && !is_bidi_control(*c))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_reversed_extension_is_shown_as_typed() {
        assert_eq!(clean_line(" invoice\u{202e}fdp.exe "), "invoicefdp.exe");
        assert_eq!(clean_text("a\r\nb\u{2066}c\u{0}"), "a\nbc");
    }

    proptest! {
        #[test]
        fn cleaned_text_has_no_direction_or_control_characters(s in any::<String>()) {
            let line = clean_line(&s);
            prop_assert!(!line.chars().any(|c| c.is_control() || is_bidi_control(c)));
            let text = clean_text(&s);
            prop_assert!(!text.chars().any(|c| is_bidi_control(c) || (c.is_control() && c != '\n' && c != '\t')));
            // Cleaning is idempotent.
            prop_assert_eq!(clean_line(&line), line.clone());
            prop_assert_eq!(clean_text(&text), text.clone());
        }
    }
}
