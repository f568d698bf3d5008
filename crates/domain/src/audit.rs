//! Before -> after differences between two JSON representations of an object, for the audit log.

use serde::Serialize;
use serde_json::Value;

/// One changed field.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// Dotted path of the field (`name.sv`, `contacts`).
    pub path: String,
    /// The value before (`null` when added).
    pub before: Value,
    /// The value after (`null` when removed).
    pub after: Value,
}

/// The fields that differ between `before` and `after`. Objects are compared field by field; arrays and
/// scalars as whole values.
pub fn diff(before: &Value, after: &Value) -> Vec<Change> {
    let mut out = Vec::new();
    walk("", before, after, &mut out);
    out
}

fn walk(path: &str, before: &Value, after: &Value, out: &mut Vec<Change>) {
    match (before, after) {
        (Value::Object(a), Value::Object(b)) => {
            let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
            keys.sort();
            keys.dedup();
            for k in keys {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                walk(
                    &p,
                    a.get(k).unwrap_or(&Value::Null),
                    b.get(k).unwrap_or(&Value::Null),
                    out,
                );
            }
        }
        (a, b) if a == b => {}
        (a, b) => out.push(Change {
            path: path.to_owned(),
            before: a.clone(),
            after: b.clone(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reports_only_what_changed() {
        let a = json!({"name": {"sv": "Vecura", "en": "Vecura"}, "tags": ["a"], "website": null});
        let b = json!({"name": {"sv": "Vecura", "en": "Vecura GMP"}, "tags": ["a", "b"], "website": null});
        let d = diff(&a, &b);
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].path, "name.en");
        assert_eq!(d[1].path, "tags");
        assert!(diff(&a, &a).is_empty());
        let created = diff(&Value::Null, &json!({"x": 1}));
        assert_eq!(
            created,
            vec![Change {
                path: String::new(),
                before: Value::Null,
                after: json!({"x": 1})
            }]
        );
    }
}
