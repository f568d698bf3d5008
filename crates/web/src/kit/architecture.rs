//! The shape of the crate, checked: a feature never imports a sibling, and the kit imports no feature. Links
//! between features go through `kit` (URLs, labels, the page frame); shared data comes from the store.

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    /// Every `crate::NAME` a source mentions (imports and paths alike).
    fn crate_paths(source: &str) -> Vec<String> {
        source
            .split("crate::")
            .skip(1)
            .map(|rest| {
                rest.chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect()
            })
            .collect()
    }

    #[test]
    fn no_feature_imports_a_sibling_and_the_kit_imports_no_feature() {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let features: Vec<String> = std::fs::read_dir(&src)
            .expect("src")
            .filter_map(|e| {
                let path = e.ok()?.path();
                path.is_dir()
                    .then(|| path.file_name()?.to_str().map(str::to_owned))
                    .flatten()
            })
            .filter(|name| name != "kit")
            .collect();
        assert!(features.len() >= 7, "features found: {features:?}");
        let mut problems = Vec::new();
        for folder in features.iter().map(String::as_str).chain(["kit"]) {
            let mut files = Vec::new();
            rust_files(&src.join(folder), &mut files);
            for file in files {
                let source = std::fs::read_to_string(&file).expect("read");
                for name in crate_paths(&source) {
                    if features.contains(&name) && name != folder {
                        problems.push(format!("{} uses crate::{name}", file.display()));
                    }
                }
                // Spelled in pieces so that this file does not find itself.
                if source.contains(&["super", "::", "super"].concat()) {
                    problems.push(format!(
                        "{} reaches out of its module with a double super",
                        file.display()
                    ));
                }
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn view_models_are_web_only() {
        let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut problems = Vec::new();
        for other in ["domain", "store", "app", "search"] {
            let mut files = Vec::new();
            rust_files(&crates.join(other).join("src"), &mut files);
            for file in files {
                let source = std::fs::read_to_string(&file).expect("read");
                for piece in source.split("struct ").skip(1) {
                    let name: String = piece
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect();
                    if name.ends_with("View") {
                        problems.push(format!("{} defines {name}", file.display()));
                    }
                }
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn templates_follow_the_same_folders() {
        let templates = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        let mut problems = Vec::new();
        for entry in std::fs::read_dir(&templates).expect("templates") {
            let dir = entry.expect("entry").path();
            let Some(folder) = dir.file_name().and_then(|n| n.to_str()).map(str::to_owned) else {
                continue;
            };
            if !dir.is_dir() {
                problems.push(format!("{} is not in a feature's folder", dir.display()));
                continue;
            }
            for file in std::fs::read_dir(&dir).expect("folder") {
                let path = file.expect("file").path();
                let text = std::fs::read_to_string(&path).expect("read");
                for used in text
                    .split(['"'])
                    .filter(|s| s.ends_with(".html") && s.contains('/'))
                {
                    let from = used.split('/').next().unwrap_or_default();
                    if from != "kit" && from != folder {
                        problems.push(format!("{} uses {used}", path.display()));
                    }
                }
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }
}
