//! Checks that every message the code and the templates ask for exists in the translations.

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    #[test]
    fn every_key_used_in_templates_and_code_exists() {
        let ids: BTreeSet<_> = i18n::message_ids(i18n::SV_FTL).into_iter().collect();
        let mut sources: Vec<String> = Vec::new();
        // The pages, their templates, and the use cases (e-mails, the report) that write text too.
        let mut stack: Vec<std::path::PathBuf> = ["templates", "src", "../app/src"]
            .iter()
            .map(|d| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(d))
            .collect();
        while let Some(p) = stack.pop() {
            for entry in std::fs::read_dir(&p).expect("dir") {
                let path = entry.expect("entry").path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    sources.push(std::fs::read_to_string(path).expect("read"));
                }
            }
        }
        let mut missing = BTreeSet::new();
        for src in &sources {
            for call in [
                ".t(\"",
                ".t1(\"",
                ".n(\"",
                ".n2(\"",
                ".t2(\"",
                "translate(lang, \"",
            ] {
                for piece in src.split(call).skip(1) {
                    let key = piece.split('"').next().unwrap_or_default();
                    if !key.is_empty() && !key.contains('{') && !ids.contains(key) {
                        missing.insert(key.to_owned());
                    }
                }
            }
        }
        assert!(missing.is_empty(), "keys used but not defined: {missing:?}");
    }
}
