//! The office's view of the whole audit log, with filters.

use crate::AppState;
use crate::kit::audit::{AuditFilterForm, AuditPage, rows};
use crate::kit::caller::Caller;
use crate::kit::error::WebError;
use crate::kit::page::{Layout, Nav, Pagination, lang, render};
use crate::kit::params::Params;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use domain::Action;
use i18n::Tr;
use store::AuditFilter;

/// The whole audit log with filters (admins).
pub(crate) async fn audit_log(
    State(state): State<AppState>,
    Path(code): Path<String>,
    caller: Caller,
    params: Params,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::ViewAuditLog)?;
    let t = Tr::new(lang);
    let page = params.page(50)?;
    let who = params.text("who", 200)?.unwrap_or_default();
    let mut filter = AuditFilter {
        object_type: params.text("object_type", 50)?,
        object_key: params.text("object_key", 100)?,
        user_id: params.number("user", 1, u32::MAX)?.map(i64::from),
        action: params.text("action", 50)?,
    };
    let mut error = None;
    if !who.trim().is_empty() {
        match state.store().user_by_email(who.trim()).await? {
            Some(u) => filter.user_id = Some(u.id),
            None => error = Some(t.t1("audit-who-unknown", "email", who.trim())),
        }
    }
    let entries = if error.is_some() {
        store::Paged {
            items: vec![],
            total: 0,
        }
    } else {
        state.store().audit_entries(&filter, page).await?
    };
    let (types, actions) = state.store().audit_vocabulary().await?;
    let choices = |all: Vec<String>, selected: &Option<String>| {
        let mut list = vec![crate::kit::forms::Choice {
            value: String::new(),
            label: t.t("filter-any"),
            selected: selected.is_none(),
        }];
        list.extend(all.into_iter().map(|v| crate::kit::forms::Choice {
            selected: selected.as_deref() == Some(v.as_str()),
            label: v.clone(),
            value: v,
        }));
        list
    };
    let mut layout = Layout::new(lang, &t.t("audit-title"), "admin/audit", Nav::None, None);
    layout.set_caller(&caller);
    let mut query: Vec<(&str, String)> = vec![];
    for (k, v) in [
        ("object_type", &filter.object_type),
        ("object_key", &filter.object_key),
        ("action", &filter.action),
    ] {
        if let Some(v) = v {
            query.push((k, v.clone()));
        }
    }
    if !who.trim().is_empty() {
        query.push(("who", who.trim().to_owned()));
    } else if let Some(u) = filter.user_id {
        query.push(("user", u.to_string()));
    }
    let active = !query.is_empty();
    Ok(render(&AuditPage {
        layout,
        rows: rows(t, lang, &entries.items),
        summary: t.n("audit-count", "count", entries.total),
        pagination: Pagination::new(t, page, entries.total, |p| {
            let mut q = query.clone();
            q.insert(0, ("page", p.page().to_string()));
            format!(
                "/{}/admin/audit?{}",
                lang.code(),
                serde_urlencoded::to_string(q).unwrap_or_default()
            )
        }),
        filters: Some(AuditFilterForm {
            object_types: choices(types, &filter.object_type),
            actions: choices(actions, &filter.action),
            object_key: filter.object_key.clone().unwrap_or_default(),
            who,
            error,
            active,
        }),
    })?
    .into_response())
}
