//! A change history as people read it: the audit log's entries with who, when, what and before -> after, on an
//! actor's history page and in the office's whole log.

use crate::kit::page::{Layout, Link, Pagination, date};
use askama::Template;
use domain::Lang;
use i18n::Tr;

/// One row of a change history.
pub struct AuditRow {
    /// "2026-11-23".
    pub date: String,
    /// Who.
    pub who: String,
    /// The object, linked when it is an actor.
    pub object: Link,
    /// What was done.
    pub action: String,
    /// "field: before → after" lines.
    pub changes: Vec<String>,
}

/// A change history: one object's, or the whole audit log for admins.
#[derive(Template)]
#[template(path = "kit/audit.html")]
pub struct AuditPage {
    /// The frame.
    pub layout: Layout,
    /// The entries.
    pub rows: Vec<AuditRow>,
    /// "12 changes".
    pub summary: String,
    /// Paging.
    pub pagination: Option<Pagination>,
    /// The filter form, on the admin view.
    pub filters: Option<AuditFilterForm>,
}

/// The admin change log's filter form (a GET form: filters live in the URL and can be shared).
pub struct AuditFilterForm {
    /// Object types in the log, with the selected one marked.
    pub object_types: Vec<crate::kit::forms::Choice>,
    /// Actions in the log, with the selected one marked.
    pub actions: Vec<crate::kit::forms::Choice>,
    /// The object key typed.
    pub object_key: String,
    /// The e-mail address typed for "who".
    pub who: String,
    /// A problem with the filter (an unknown address), translated.
    pub error: Option<String>,
    /// Whether any filter is set (shows "clear filters").
    pub active: bool,
}

fn short(v: &serde_json::Value) -> String {
    let s = match v {
        serde_json::Value::Null => "–".to_owned(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    if s.chars().count() > 160 {
        format!("{}…", s.chars().take(159).collect::<String>())
    } else {
        s
    }
}

pub(crate) fn rows(t: Tr, lang: Lang, entries: &[store::AuditEntry]) -> Vec<AuditRow> {
    entries
        .iter()
        .map(|e| AuditRow {
            date: date(e.at),
            who: e.user_label.clone().unwrap_or_else(|| {
                if e.user_id.is_some() {
                    t.t("audit-erased-user")
                } else {
                    t.t("audit-system")
                }
            }),
            object: Link {
                href: if e.object_type == "actor" {
                    format!("/{}/actors/{}", lang.code(), e.object_key)
                } else {
                    String::new()
                },
                text: format!("{} {}", e.object_type, e.object_key),
            },
            action: e.action.clone(),
            changes: e
                .changes
                .iter()
                .map(|c| {
                    format!(
                        "{}: {} → {}",
                        if c.path.is_empty() { "*" } else { &c.path },
                        short(&c.before),
                        short(&c.after)
                    )
                })
                .collect(),
        })
        .collect()
}
