//! `/{lang}/accessibility`: the accessibility statement (tillgänglighetsredogörelse) required of public digital
//! services in Sweden, with a form to report a problem; admins read the reports at
//! `/{lang}/admin/accessibility-reports`.

use crate::AppState;
use crate::kit::caller::Caller;
use crate::kit::error::WebError;
use crate::kit::forms::{Field, FieldKind, FormData, FormView, Section};
use crate::kit::page::{Layout, Link, Nav, lang, render};
use crate::kit::page::{ensure_session, message_response, respond};
use crate::kit::params::Params;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use domain::{Action, Email, Lang};
use i18n::Tr;

/// The longest accepted report.
const MAX_MESSAGE: usize = 5000;

/// The statement with the report form.
#[derive(Template)]
#[template(path = "site/accessibility.html")]
pub struct StatementPage {
    /// The frame.
    pub layout: Layout,
    /// Sections: heading and paragraphs.
    pub sections: Vec<(String, Vec<String>)>,
    /// The report form.
    pub form: FormView,
}

/// The admins' list of reports.
#[derive(Template)]
#[template(path = "site/accessibility-reports.html")]
pub struct ReportsPage {
    /// The frame.
    pub layout: Layout,
    /// (date, page, message, reply-to, language).
    pub rows: Vec<(String, String, String, String, String)>,
}

fn report_form(t: Tr, lang: Lang, csrf: String, page: &str, form: Option<&FormData>) -> FormView {
    let get = |name: &str| form.map(|f| f.value(name)).unwrap_or_default();
    FormView {
        intro: vec![t.t("a11y-report-intro")],
        action: format!("/{}/accessibility/report", lang.code()),
        csrf,
        sections: vec![Section {
            legend: None,
            fields: vec![
                Field::new(FieldKind::Text, "page", t.t("a11y-report-page"))
                    .value(if form.is_some() {
                        get("page")
                    } else {
                        page.to_owned()
                    })
                    .hint(t.t("a11y-report-page-hint"))
                    .maxlength(500),
                Field::new(FieldKind::Textarea, "message", t.t("a11y-report-message"))
                    .value(get("message"))
                    .required()
                    .maxlength(MAX_MESSAGE),
                Field::new(FieldKind::Email, "reply_to", t.t("a11y-report-reply"))
                    .value(get("reply_to"))
                    .hint(t.t("a11y-report-reply-hint"))
                    .autocomplete("email")
                    .maxlength(254),
            ],
        }],
        submit: t.t("a11y-report-submit"),
        links: vec![],
        form_error: None,
        notice: None,
    }
}

fn statement(t: Tr) -> Vec<(String, Vec<String>)> {
    let para = |keys: &[&str]| keys.iter().map(|k| t.t(k)).collect::<Vec<_>>();
    vec![
        (t.t("a11y-h-scope"), para(&["a11y-scope-1", "a11y-scope-2"])),
        (t.t("a11y-h-status"), para(&["a11y-status-1"])),
        (
            t.t("a11y-h-limits"),
            para(&["a11y-limits-1", "a11y-limits-2", "a11y-limits-3"]),
        ),
        (
            t.t("a11y-h-testing"),
            para(&["a11y-testing-1", "a11y-testing-2"]),
        ),
        (t.t("a11y-h-enforcement"), para(&["a11y-enforcement-1"])),
    ]
}

fn statement_page(lang: Lang, caller: &Caller, form: FormView) -> StatementPage {
    let t = Tr::new(lang);
    let mut layout = Layout::new(lang, &t.t("a11y-title"), "accessibility", Nav::None, None);
    layout.set_caller(caller);
    StatementPage {
        layout,
        sections: statement(t),
        form,
    }
}

/// The statement page.
pub(crate) async fn page(
    State(state): State<AppState>,
    Path(code): Path<String>,
    caller: Caller,
    params: Params,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    let t = Tr::new(lang);
    let (csrf, cookie) = ensure_session(&state, &caller).await?;
    let page = params.text("page", 500)?.unwrap_or_default();
    let view = statement_page(lang, &caller, report_form(t, lang, csrf, &page, None));
    Ok(respond(StatusCode::OK, render(&view)?, cookie))
}

/// Receives a report: validated field by field, stored, and sent on to the programme office when an address
/// is configured.
pub(crate) async fn report(
    State(state): State<AppState>,
    Path(code): Path<String>,
    caller: Caller,
    form: FormData,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    let t = Tr::new(lang);
    caller.check_csrf(form.0.raw("csrf"))?;
    let csrf = caller.csrf().unwrap_or_default().to_owned();
    let mut view = report_form(t, lang, csrf, "", Some(&form));
    let message = form.value("message");
    let page = form.value("page");
    let reply = form.value("reply_to");
    if message.is_empty() {
        view.set_error("message", t.t("a11y-report-message-missing"));
    } else if message.chars().count() > MAX_MESSAGE {
        view.set_error("message", t.t1("field-too-long", "max", MAX_MESSAGE));
    }
    if page.chars().count() > 500 {
        view.set_error("page", t.t1("field-too-long", "max", 500));
    }
    let reply_to = if reply.is_empty() {
        None
    } else {
        match Email::parse(&reply) {
            Ok(e) => Some(e),
            Err(_) => {
                view.set_error("reply_to", t.t("email-invalid"));
                None
            }
        }
    };
    if view.has_errors() {
        let page = statement_page(lang, &caller, view);
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response());
    }
    let office = state.auth().office_email.clone();
    let body = t.t2("a11y-mail-body", ("page", &page), ("message", &message));
    let subject = t.t("a11y-mail-subject");
    state
        .store()
        .report_accessibility_problem(
            &page,
            &message,
            reply_to.as_ref().map(Email::as_str),
            lang.code(),
            office
                .as_deref()
                .map(|to| (to, subject.as_str(), body.as_str())),
        )
        .await?;
    Ok(message_response(
        lang,
        &caller,
        StatusCode::OK,
        &t.t("a11y-thanks-title"),
        vec![t.t("a11y-thanks")],
        vec![Link {
            href: format!("/{}/accessibility", lang.code()),
            text: t.t("a11y-back"),
        }],
    ))
}

/// The reports, for admins.
pub(crate) async fn reports(
    State(state): State<AppState>,
    Path(code): Path<String>,
    caller: Caller,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::ManageUsers)?;
    let t = Tr::new(lang);
    let list = state.store().accessibility_reports(200).await?;
    let mut layout = Layout::new(
        lang,
        &t.t("a11y-reports-title"),
        "admin/accessibility-reports",
        Nav::None,
        None,
    );
    layout.set_caller(&caller);
    let rows = list
        .into_iter()
        .map(|r| {
            (
                crate::kit::page::date(r.created_at),
                r.page,
                r.message,
                r.reply_to.unwrap_or_default(),
                r.lang,
            )
        })
        .collect();
    Ok(render(&ReportsPage { layout, rows })?.into_response())
}
