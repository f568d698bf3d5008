//! Data-permit applications: a researcher writes one (a draft they may save as often as they like), submits it,
//! answers clarifications and may withdraw it; the data-access staff of the holders of the sources it asks for
//! review it section by section and decide it. Both sides see the statutory clock. Every decision on who may see
//! or move an application goes through the policy (`Action::ViewHealthApplication`,
//! `Action::ReviewHealthApplication`, `Action::ApplyForHealthData`); a reviewer never moves their own
//! application.

use crate::AppState;
use crate::kit::caller::Caller;
use crate::kit::error::{WebError, api_lang};
use crate::kit::forms::{Choice, Field, FieldKind, FormData, FormView, Section as FormSection};
use crate::kit::page::{FormPage, Layout, Link, Nav, ensure_session, lang, render, respond};
use crate::kit::params::path_id;
use askama::Template;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use domain::permits::{
    Application, Article6, Article9, DataForm, MAX_TEXT, Move, MoveError, Purpose, Section, Side,
    Status, Variable, Verdict, clock, effective, is_ethics_ref, moves_for,
};
use domain::{Action, IsoDate, Lang, Slug};
use i18n::Tr;
use serde::Serialize;
use store::{ApplicationRow, PermitError, PermitNotice, PermitRule};
use utoipa::ToSchema;

// ----- Reading the form -----

/// The form as typed, and the problems of its fields (field name, message).
fn read(t: Tr, f: &FormData, known: &[Slug]) -> (Application, Vec<(String, String)>) {
    let mut errs = Vec::new();
    let text = |name: &str, errs: &mut Vec<(String, String)>| {
        let v = f.raw(name).trim().to_owned();
        if v.chars().count() > MAX_TEXT {
            errs.push((name.to_owned(), t.t1("permit-error-long", "max", MAX_TEXT)));
        }
        v
    };
    let mut date = |name: &str| {
        let v = f.value(name);
        if v.is_empty() {
            return None;
        }
        match IsoDate::parse(&v) {
            Ok(d) => Some(d),
            Err(_) => {
                errs.push((name.to_owned(), t.t("permit-error-date")));
                None
            }
        }
    };
    let period_from = date("period_from");
    let period_to = date("period_to");
    let mut year = |name: &str| {
        let v = f.value(name);
        if v.is_empty() {
            return None;
        }
        match v.parse::<i32>() {
            Ok(y) if (1900..=2100).contains(&y) => Some(y),
            _ => {
                errs.push((name.to_owned(), t.t("permit-error-year")));
                None
            }
        }
    };
    let data_from = year("data_from");
    let data_to = year("data_to");
    let mut variables = Vec::new();
    for v in f.all("variables") {
        match Variable::parse(&v) {
            Some(v) if !variables.contains(&v) => variables.push(v),
            Some(_) => {}
            None => errs.push(("variables".into(), t.t("field-choose"))),
        }
    }
    variables.sort();
    let mut sources = Vec::new();
    for s in f.all("sources") {
        match Slug::parse(&s).ok().filter(|s| known.contains(s)) {
            Some(s) if !sources.contains(&s) => sources.push(s),
            Some(_) => {}
            None => errs.push(("sources".into(), t.t("permit-error-source"))),
        }
    }
    let mut choice = |name: &str, ok: bool| {
        if !ok && !f.value(name).is_empty() {
            errs.push((name.to_owned(), t.t("field-choose")));
        }
    };
    let purpose = Purpose::parse(&f.value("purpose"));
    choice("purpose", purpose.is_some());
    let form = DataForm::parse(&f.value("form"));
    choice("form", form.is_some());
    let article6 = Article6::parse(&f.value("article6"));
    choice("article6", article6.is_some());
    let article9 = Article9::parse(&f.value("article9"));
    choice("article9", article9.is_some());
    let a = Application {
        title: text("title", &mut errs),
        sources,
        purpose,
        purpose_text: text("purpose_text", &mut errs),
        data: text("data", &mut errs),
        variables,
        data_from,
        data_to,
        form,
        justification: text("justification", &mut errs),
        safeguards: text("safeguards", &mut errs),
        period_from,
        period_to,
        environment: text("environment", &mut errs),
        tools: text("tools", &mut errs),
        ethics_ref: text("ethics_ref", &mut errs),
        article6,
        article9,
        secrecy: text("secrecy", &mut errs),
    };
    if a.title.is_empty() {
        errs.push(("title".into(), t.t("permit-error-title")));
    }
    if a.title.chars().count() > 200 {
        errs.push(("title".into(), t.t1("permit-error-long", "max", 200)));
    }
    if let (Some(from), Some(to)) = (a.period_from, a.period_to)
        && from > to
    {
        errs.push(("period_to".into(), t.t("permit-error-period")));
    }
    if let (Some(from), Some(to)) = (a.data_from, a.data_to)
        && from > to
    {
        errs.push(("data_to".into(), t.t("permit-error-years")));
    }
    if !a.ethics_ref.is_empty() && !is_ethics_ref(&a.ethics_ref) {
        errs.push(("ethics_ref".into(), t.t("permit-error-ethics")));
    }
    (a, errs)
}

fn choices<T: Copy + PartialEq>(
    t: Tr,
    all: &[T],
    chosen: Option<T>,
    value: impl Fn(T) -> &'static str,
    key: &str,
) -> Vec<Choice> {
    std::iter::once(Choice {
        value: String::new(),
        label: t.t("permit-choose"),
        selected: chosen.is_none(),
    })
    .chain(all.iter().map(|x| Choice {
        value: value(*x).to_owned(),
        label: t.t(&format!("{key}-{}", value(*x))),
        selected: chosen == Some(*x),
    }))
    .collect()
}

/// The application form, filled with `a` (and, where a date or year could not be read, with what was typed).
fn form_view(
    t: Tr,
    action: String,
    csrf: String,
    a: &Application,
    typed: Option<&FormData>,
    sources: &[(Slug, String)],
    errors: &[(String, String)],
) -> FormView {
    let text = |kind: FieldKind, name: &str, value: &str| {
        Field::new(kind, name, t.t(&format!("permit-field-{name}")))
            .value(value)
            .maxlength(MAX_TEXT)
            .required()
    };
    let hinted = |f: Field, name: &str| f.hint(t.t(&format!("permit-hint-{name}")));
    // A date or year as typed when it could not be read, so the applicant corrects it instead of typing it again.
    let raw = |name: &str, read: Option<String>| {
        read.or_else(|| typed.map(|f| f.value(name)))
            .unwrap_or_default()
    };
    let date = |name: &str, d: Option<IsoDate>| raw(name, d.map(|d| d.to_string()));
    let year = |name: &str, y: Option<i32>| raw(name, y.map(|y| y.to_string()));
    let select = |name: &str, c: Vec<Choice>| {
        Field::new(
            FieldKind::Select,
            name,
            t.t(&format!("permit-field-{name}")),
        )
        .choices(c)
        .required()
    };
    let mut form = FormView {
        intro: vec![t.t("permit-form-intro")],
        action,
        csrf,
        sections: vec![
            FormSection {
                legend: Some(t.t("permit-section-purpose")),
                fields: vec![
                    text(FieldKind::Text, "title", &a.title).maxlength(200),
                    select(
                        "purpose",
                        choices(
                            t,
                            Purpose::ALL,
                            a.purpose,
                            Purpose::as_str,
                            "permit-purpose",
                        ),
                    ),
                    hinted(
                        text(FieldKind::Textarea, "purpose_text", &a.purpose_text),
                        "purpose_text",
                    ),
                ],
            },
            FormSection {
                legend: Some(t.t("permit-section-data")),
                fields: vec![
                    Field::new(
                        FieldKind::Checkboxes,
                        "sources",
                        t.t("permit-field-sources"),
                    )
                    .choices(
                        sources
                            .iter()
                            .map(|(s, title)| Choice {
                                value: s.to_string(),
                                label: title.clone(),
                                selected: a.sources.contains(s),
                            })
                            .collect(),
                    ),
                    Field::new(
                        FieldKind::Checkboxes,
                        "variables",
                        t.t("permit-field-variables"),
                    )
                    .hint(t.t("permit-hint-variables"))
                    .choices(
                        Variable::ALL
                            .iter()
                            .map(|v| Choice {
                                value: v.as_str().to_owned(),
                                label: t.t(&format!("permit-variable-{v}")),
                                selected: a.variables.contains(v),
                            })
                            .collect(),
                    ),
                    hinted(
                        text(
                            FieldKind::Text,
                            "data_from",
                            &year("data_from", a.data_from),
                        ),
                        "year",
                    )
                    .maxlength(4),
                    hinted(
                        text(FieldKind::Text, "data_to", &year("data_to", a.data_to)),
                        "year",
                    )
                    .maxlength(4),
                    hinted(text(FieldKind::Textarea, "data", &a.data), "data"),
                    select(
                        "form",
                        choices(t, DataForm::ALL, a.form, DataForm::as_str, "permit-form"),
                    ),
                    {
                        let mut f = hinted(
                            text(FieldKind::Textarea, "justification", &a.justification),
                            "justification",
                        );
                        f.required = false;
                        f
                    },
                ],
            },
            FormSection {
                legend: Some(t.t("permit-legend-safeguards")),
                fields: vec![
                    hinted(
                        text(FieldKind::Textarea, "safeguards", &a.safeguards),
                        "safeguards",
                    ),
                    hinted(
                        text(FieldKind::Textarea, "environment", &a.environment),
                        "environment",
                    ),
                    text(FieldKind::Textarea, "tools", &a.tools),
                ],
            },
            FormSection {
                legend: Some(t.t("permit-section-period")),
                fields: vec![
                    hinted(
                        text(
                            FieldKind::Text,
                            "period_from",
                            &date("period_from", a.period_from),
                        ),
                        "date",
                    ),
                    hinted(
                        text(
                            FieldKind::Text,
                            "period_to",
                            &date("period_to", a.period_to),
                        ),
                        "date",
                    ),
                ],
            },
            FormSection {
                legend: Some(t.t("permit-section-law")),
                fields: vec![
                    hinted(
                        text(FieldKind::Text, "ethics_ref", &a.ethics_ref),
                        "ethics_ref",
                    ),
                    select(
                        "article6",
                        choices(
                            t,
                            Article6::ALL,
                            a.article6,
                            Article6::as_str,
                            "permit-article6",
                        ),
                    ),
                    select(
                        "article9",
                        choices(
                            t,
                            Article9::ALL,
                            a.article9,
                            Article9::as_str,
                            "permit-article9",
                        ),
                    ),
                    hinted(text(FieldKind::Textarea, "secrecy", &a.secrecy), "secrecy"),
                ],
            },
        ],
        submit: t.t("permit-save"),
        links: Vec::new(),
        form_error: None,
        notice: None,
    };
    for (field, message) in errors {
        form.set_error(field, message.clone());
    }
    form
}

async fn source_choices(state: &AppState, lang: Lang) -> Result<Vec<(Slug, String)>, WebError> {
    Ok(state
        .store()
        .health_sources()
        .await?
        .into_iter()
        .map(|r| (r.source.slug.clone(), r.source.title.get(lang).to_owned()))
        .collect())
}

fn form_page(lang: Lang, caller: &Caller, title: &str, path: &str, form: FormView) -> FormPage {
    let mut layout = Layout::new(lang, title, path, Nav::Strategy, None);
    layout.set_caller(caller);
    FormPage { layout, form }
}

fn refusal(t: Tr, e: &PermitError) -> Option<String> {
    match e {
        PermitError::Rule(PermitRule::Move(m)) => Some(match m {
            MoveError::NotFrom(..) | MoveError::WrongSide(..) => t.t("permit-refused-move"),
            MoveError::TextRequired(m) => t.t(&format!("permit-refused-text-{m}")),
            MoveError::SectionsOpen(n) => t.n("permit-refused-sections", "count", *n as u64),
            MoveError::BudgetRequired => t.t("permit-refused-budget"),
            MoveError::Incomplete(fields) => {
                let names: Vec<String> = fields
                    .iter()
                    .map(|f| t.t(&format!("permit-field-{f}")))
                    .collect();
                t.t1("permit-refused-incomplete", "fields", names.join(", "))
            }
        }),
        PermitError::Rule(PermitRule::Locked) => Some(t.t("permit-refused-locked")),
        PermitError::Rule(PermitRule::NotInReview) => Some(t.t("permit-refused-not-in-review")),
        PermitError::Rule(PermitRule::Changed) => Some(t.t("permit-refused-changed")),
        PermitError::Rule(PermitRule::UnknownSource(_)) => Some(t.t("permit-error-source")),
        PermitError::Store(_) => None,
    }
}

fn to_web(t: Tr, e: PermitError) -> WebError {
    match refusal(t, &e) {
        Some(message) => WebError::Rule(message),
        None => match e {
            PermitError::Store(s) => s.into(),
            PermitError::Rule(r) => WebError::Rule(r.to_string()),
        },
    }
}

// ----- Who may see and move an application -----

/// The application, if the caller may see it (404 when it does not exist, 403 when it is not theirs to see).
async fn visible(state: &AppState, caller: &Caller, id: i64) -> Result<ApplicationRow, WebError> {
    let row = state
        .store()
        .health_application(id)
        .await?
        .ok_or(WebError::NotFound)?;
    let holders = row.holders();
    caller.require(&Action::ViewHealthApplication {
        applicant: row.applicant_id,
        holders: &holders,
    })?;
    // Staff see an application once it is submitted; a draft is the applicant's alone.
    if row.status == Status::Draft && caller.user_id() != Some(row.applicant_id) {
        return Err(WebError::NotFound);
    }
    Ok(row)
}

/// Whether the caller reviews this application: staff of a holder, and not its applicant.
fn reviews(caller: &Caller, row: &ApplicationRow) -> bool {
    caller.user_id() != Some(row.applicant_id)
        && caller
            .require(&Action::ReviewHealthApplication(&row.holders()))
            .is_ok()
}

fn side_of(caller: &Caller, row: &ApplicationRow, m: Move) -> Result<Side, WebError> {
    match m.side() {
        Side::Applicant if caller.user_id() == Some(row.applicant_id) => Ok(Side::Applicant),
        Side::Staff if reviews(caller, row) => Ok(Side::Staff),
        _ => Err(WebError::Forbidden),
    }
}

// ----- The list -----

/// One line of the list.
pub struct ListItem {
    /// Link.
    pub href: String,
    /// Title.
    pub title: String,
    /// Status in words.
    pub status: String,
    /// Applicant.
    pub applicant: String,
    /// Last change.
    pub updated: String,
}

/// `/{lang}/health-data/applications`.
#[derive(Template)]
#[template(path = "health_data/applications.html")]
pub struct ListPage {
    /// Frame.
    pub layout: Layout,
    /// The applications.
    pub items: Vec<ListItem>,
    /// Whether the caller may apply.
    pub may_apply: bool,
    /// The office's figures (admins): (label, value).
    pub figures: Vec<(String, String)>,
}

fn status_text(t: Tr, s: Status) -> String {
    t.t(&format!("permit-status-{s}"))
}

pub(crate) async fn list(
    State(state): State<AppState>,
    Path(code): Path<String>,
    caller: Caller,
) -> Result<Html<String>, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::UseOwnAccount)?;
    let t = Tr::new(lang);
    let principal = caller.principal.as_ref().ok_or(WebError::Unauthorized)?;
    let scope = domain::application_scope(principal);
    let today = store::today();
    let items = state
        .store()
        .health_applications(&scope)
        .await?
        .into_iter()
        .map(|(id, title, status, applicant, updated)| ListItem {
            href: format!("/{}/health-data/applications/{id}", lang.code()),
            title: if title.is_empty() {
                t.t("permit-untitled")
            } else {
                title
            },
            status: status_text(t, effective(status, None, today)),
            applicant,
            updated: IsoDate::from_unix_millis(updated).to_string(),
        })
        .collect();
    let mut layout = Layout::new(
        lang,
        &t.t("permit-list-title"),
        "health-data/applications",
        Nav::Strategy,
        Some(t.t("permit-list-lead")),
    );
    layout.set_caller(&caller);
    let figures = if scope.all {
        let f = state.store().health_application_figures(today).await?;
        vec![
            (t.t("permit-figures-received"), f.received.to_string()),
            (t.t("permit-figures-decided"), f.decided.to_string()),
            (
                t.t("permit-figures-median"),
                f.median_days
                    .map_or_else(|| t.t("permit-figures-none"), |d| t.number(d)),
            ),
            (t.t("permit-figures-active"), f.active.to_string()),
            (
                t.t("permit-figures-outputs"),
                f.outputs_released.to_string(),
            ),
        ]
    } else {
        Vec::new()
    };
    render(&ListPage {
        layout,
        items,
        may_apply: caller.require(&Action::ApplyForHealthData).is_ok(),
        figures,
    })
}

// ----- New and edit -----

pub(crate) async fn new_page(
    State(state): State<AppState>,
    Path(code): Path<String>,
    caller: Caller,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::ApplyForHealthData)?;
    let t = Tr::new(lang);
    let (csrf, cookie) = ensure_session(&state, &caller).await?;
    let sources = source_choices(&state, lang).await?;
    let form = form_view(
        t,
        format!("/{}/health-data/applications/new", lang.code()),
        csrf,
        &Application::default(),
        None,
        &sources,
        &[],
    );
    let page = form_page(
        lang,
        &caller,
        &t.t("permit-new-title"),
        "health-data/applications/new",
        form,
    );
    Ok(respond(StatusCode::OK, render(&page)?, cookie))
}

pub(crate) async fn create(
    State(state): State<AppState>,
    Path(code): Path<String>,
    caller: Caller,
    f: FormData,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::ApplyForHealthData)?;
    caller.require(&Action::ChangeData)?;
    caller.check_csrf(Some(&f.value("csrf")))?;
    let user = caller.user_id().ok_or(WebError::Unauthorized)?;
    save(&state, lang, &caller, None, user, &f).await
}

async fn save(
    state: &AppState,
    lang: Lang,
    caller: &Caller,
    id: Option<i64>,
    user: i64,
    f: &FormData,
) -> Result<Response, WebError> {
    let t = Tr::new(lang);
    let sources = source_choices(state, lang).await?;
    let known: Vec<Slug> = sources.iter().map(|s| s.0.clone()).collect();
    let (a, errs) = read(t, f, &known);
    let action = match id {
        Some(id) => format!("/{}/health-data/applications/{id}/edit", lang.code()),
        None => format!("/{}/health-data/applications/new", lang.code()),
    };
    let (title, path) = match id {
        Some(_) => (t.t("permit-edit-title"), "health-data/applications"),
        None => (t.t("permit-new-title"), "health-data/applications/new"),
    };
    if !errs.is_empty() {
        let form = form_view(t, action, f.value("csrf"), &a, Some(f), &sources, &errs);
        return Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            render(&form_page(lang, caller, &title, path, form))?,
        )
            .into_response());
    }
    let id = state
        .store()
        .save_health_application(id, user, &a)
        .await
        .map_err(|e| to_web(t, e))?;
    Ok(Redirect::to(&format!(
        "/{}/health-data/applications/{id}?done=saved",
        lang.code()
    ))
    .into_response())
}

/// The applicant's own application, if it may still be changed.
async fn editable(
    state: &AppState,
    caller: &Caller,
    lang: Lang,
    id: i64,
) -> Result<ApplicationRow, WebError> {
    let row = visible(state, caller, id).await?;
    if caller.user_id() != Some(row.applicant_id) {
        return Err(WebError::Forbidden);
    }
    if !matches!(row.status, Status::Draft | Status::ClarificationRequested) {
        return Err(WebError::Rule(Tr::new(lang).t("permit-refused-locked")));
    }
    Ok(row)
}

pub(crate) async fn edit_page(
    State(state): State<AppState>,
    Path((code, id)): Path<(String, String)>,
    caller: Caller,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::UseOwnAccount)?;
    let t = Tr::new(lang);
    let row = editable(&state, &caller, lang, path_id(&id)?).await?;
    let (csrf, cookie) = ensure_session(&state, &caller).await?;
    let sources = source_choices(&state, lang).await?;
    let mut form = form_view(
        t,
        format!("/{}/health-data/applications/{}/edit", lang.code(), row.id),
        csrf,
        &row.application,
        None,
        &sources,
        &[],
    );
    form.links = vec![Link {
        href: format!("/{}/health-data/applications/{}", lang.code(), row.id),
        text: t.t("permit-back"),
    }];
    let page = form_page(
        lang,
        &caller,
        &t.t("permit-edit-title"),
        "health-data/applications",
        form,
    );
    Ok(respond(StatusCode::OK, render(&page)?, cookie))
}

pub(crate) async fn edit(
    State(state): State<AppState>,
    Path((code, id)): Path<(String, String)>,
    caller: Caller,
    f: FormData,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::UseOwnAccount)?;
    caller.require(&Action::ChangeData)?;
    caller.check_csrf(Some(&f.value("csrf")))?;
    let row = editable(&state, &caller, lang, path_id(&id)?).await?;
    save(&state, lang, &caller, Some(row.id), row.applicant_id, &f).await
}

// ----- One application -----

/// A section as the page shows it.
pub struct SectionView {
    /// Its key.
    pub key: &'static str,
    /// Heading.
    pub title: String,
    /// The applicant's text: (label, value) pairs.
    pub facts: Vec<(String, String)>,
    /// The review: accepted, note, reviewer and date.
    pub review: Option<(bool, String, String, String)>,
}

/// A move the caller may make, as a button (with a text box when it needs one).
pub struct MoveView {
    /// The move's value.
    pub value: &'static str,
    /// Button text.
    pub label: String,
    /// The text box's label, when the move takes a text.
    pub text_label: Option<String>,
    /// Whether it grants a permit (and so asks for the project's privacy budget).
    pub grants: bool,
    /// Whether it cannot be undone and asks for a confirmation (withdrawing).
    pub confirm: bool,
}

/// `/{lang}/health-data/applications/{id}`.
#[derive(Template)]
#[template(path = "health_data/application.html")]
pub struct ApplicationPage {
    /// Frame.
    pub layout: Layout,
    /// Id.
    pub id: i64,
    /// Status in words.
    pub status: String,
    /// The status as stored (sent with each move, so a move decided on a page someone has changed since is
    /// refused).
    pub status_value: &'static str,
    /// The applicant.
    pub applicant: String,
    /// The clock in words, once submitted.
    pub clock: Option<String>,
    /// The decision's reasons or conditions.
    pub decision: Option<String>,
    /// The project's privacy budget, once granted.
    pub budget: Option<String>,
    /// The sections.
    pub sections: Vec<SectionView>,
    /// The history: (date, who, what, note).
    pub events: Vec<(String, String, String, String)>,
    /// Moves the caller may make.
    pub moves: Vec<MoveView>,
    /// Why approving is not offered yet (sections not accepted).
    pub approve_later: Option<String>,
    /// Whether the caller reviews sections now.
    pub reviewing: bool,
    /// Whether the applicant may edit.
    pub may_edit: bool,
    /// A notice (saved, moved).
    pub notice: Option<String>,
    /// A refusal of the last move or review.
    pub error: Option<String>,
    /// What the fields still lack before submission.
    pub missing: Vec<String>,
    /// The project's outputs: (link, title, status in words).
    pub outputs: Vec<(String, String, String)>,
    /// The project's answered questions the applicant may ask to release: (ledger key, label).
    pub questions: Vec<(String, String)>,
    /// Whether this is a project (a granted permit) whose outputs are shown.
    pub project: bool,
    /// CSRF token.
    pub csrf: String,
}

fn sections(t: Tr, lang: Lang, row: &ApplicationRow) -> Vec<SectionView> {
    let a = &row.application;
    let or_empty = |s: &str| {
        if s.trim().is_empty() {
            t.t("permit-not-given")
        } else {
            s.to_owned()
        }
    };
    let label = |k: &str| t.t(&format!("permit-field-{k}"));
    let opt = |v: Option<&'static str>, key: &str| {
        v.map_or_else(|| t.t("permit-not-given"), |v| t.t(&format!("{key}-{v}")))
    };
    let date = |d: Option<IsoDate>| d.map_or_else(|| t.t("permit-not-given"), |d| d.to_string());
    let year = |y: Option<i32>| y.map_or_else(|| t.t("permit-not-given"), |y| y.to_string());
    let list = |items: Vec<String>| {
        if items.is_empty() {
            t.t("permit-not-given")
        } else {
            items.join(", ")
        }
    };
    let sources = list(
        row.sources
            .iter()
            .map(|s| s.title.get(lang).to_owned())
            .collect(),
    );
    let variables = list(
        a.variables
            .iter()
            .map(|v| t.t(&format!("permit-variable-{v}")))
            .collect(),
    );
    Section::ALL
        .iter()
        .map(|s| {
            let facts = match s {
                Section::Purpose => vec![
                    (
                        label("purpose"),
                        opt(a.purpose.map(Purpose::as_str), "permit-purpose"),
                    ),
                    (label("purpose_text"), or_empty(&a.purpose_text)),
                ],
                Section::Data => vec![
                    (label("sources"), sources.clone()),
                    (label("variables"), variables.clone()),
                    (label("data_from"), year(a.data_from)),
                    (label("data_to"), year(a.data_to)),
                    (label("data"), or_empty(&a.data)),
                ],
                Section::Form => vec![
                    (
                        label("form"),
                        opt(a.form.map(DataForm::as_str), "permit-form"),
                    ),
                    (label("justification"), or_empty(&a.justification)),
                ],
                Section::Safeguards => vec![(label("safeguards"), or_empty(&a.safeguards))],
                Section::Period => vec![
                    (label("period_from"), date(a.period_from)),
                    (label("period_to"), date(a.period_to)),
                ],
                Section::Environment => vec![
                    (label("environment"), or_empty(&a.environment)),
                    (label("tools"), or_empty(&a.tools)),
                ],
                Section::Ethics => vec![(label("ethics_ref"), or_empty(&a.ethics_ref))],
                Section::LegalBasis => vec![
                    (
                        label("article6"),
                        opt(a.article6.map(Article6::as_str), "permit-article6"),
                    ),
                    (
                        label("article9"),
                        opt(a.article9.map(Article9::as_str), "permit-article9"),
                    ),
                ],
                Section::Secrecy => vec![(label("secrecy"), or_empty(&a.secrecy))],
            };
            let review = row.reviews.iter().find(|r| r.section == *s).map(|r| {
                (
                    r.verdict == Verdict::Accepted,
                    r.note.clone(),
                    r.reviewer.clone().unwrap_or_default(),
                    IsoDate::from_unix_millis(r.at).to_string(),
                )
            });
            SectionView {
                key: s.as_str(),
                title: t.t(&format!("permit-section-{s}")),
                facts,
                review,
            }
        })
        .collect()
}

fn clock_text(t: Tr, state: &AppState, row: &ApplicationRow, now: i64) -> Option<String> {
    let submitted = row.submitted_at?;
    let c = clock(
        submitted,
        row.paused_ms,
        row.paused_since,
        row.decided_at,
        now,
        i64::from(state.auth().permit_days),
    );
    // The day of submission is day 1.
    let days = t.n2(
        "permit-clock",
        ("used", (c.days_used + 1) as u64),
        ("allowed", c.days_allowed as u64),
    );
    Some(if c.paused {
        format!("{days} {}", t.t("permit-clock-paused"))
    } else if row.decided_at.is_some() {
        format!("{days} {}", t.t("permit-clock-stopped"))
    } else {
        days
    })
}

/// Sections not accepted yet.
fn open_sections(row: &ApplicationRow) -> usize {
    Section::ALL.len()
        - row
            .reviews
            .iter()
            .filter(|r| r.verdict == Verdict::Accepted)
            .count()
}

#[allow(clippy::too_many_arguments)]
async fn application_page(
    state: &AppState,
    caller: &Caller,
    lang: Lang,
    row: &ApplicationRow,
    code: StatusCode,
    notice: Option<String>,
    error: Option<String>,
) -> Result<Response, WebError> {
    let t = Tr::new(lang);
    let (csrf, cookie) = ensure_session(state, caller).await?;
    let now = store::now_millis();
    let status = effective(row.status, row.application.period_to, store::today());
    let side = if caller.user_id() == Some(row.applicant_id) {
        Some(Side::Applicant)
    } else if reviews(caller, row) {
        Some(Side::Staff)
    } else {
        None
    };
    let open = open_sections(row);
    let all = side.map(|s| moves_for(status, s)).unwrap_or_default();
    let grants = |m: &Move| matches!(m, Move::Approve | Move::ApproveWithConditions);
    let approve_later = (open > 0 && all.iter().any(grants))
        .then(|| t.n("permit-approve-later", "count", open as u64));
    let moves = all
        .into_iter()
        .filter(|m| open == 0 || !grants(m))
        .map(|m| MoveView {
            value: m.as_str(),
            label: t.t(&format!("permit-move-{m}")),
            text_label: matches!(
                m,
                Move::Clarify | Move::Respond | Move::ApproveWithConditions | Move::Refuse
            )
            .then(|| t.t(&format!("permit-move-text-{m}"))),
            grants: grants(&m),
            confirm: m == Move::Withdraw,
        })
        .collect();
    let missing = if side == Some(Side::Applicant) && status == Status::Draft {
        row.application
            .missing()
            .iter()
            .map(|f| t.t(&format!("permit-field-{f}")))
            .collect()
    } else {
        Vec::new()
    };
    let events = row
        .events
        .iter()
        .map(|e| {
            (
                IsoDate::from_unix_millis(e.at).to_string(),
                e.who.clone().unwrap_or_default(),
                status_text(t, e.to),
                e.note.clone(),
            )
        })
        .collect();
    let title = if row.application.title.is_empty() {
        t.t("permit-untitled")
    } else {
        row.application.title.clone()
    };
    let project = status.granted() && side.is_some();
    let (outputs, mut questions) = if project {
        super::outputs::of_project(state, t, lang, row).await?
    } else {
        (Vec::new(), Vec::new())
    };
    // Only the applicant asks to release, and only while the permit is in force.
    if side != Some(Side::Applicant) || status == Status::Expired {
        questions.clear();
    }
    let mut layout = Layout::new(
        lang,
        &title,
        "health-data/applications",
        Nav::Strategy,
        None,
    );
    layout.set_caller(caller);
    let page = ApplicationPage {
        outputs,
        questions,
        project,
        layout,
        id: row.id,
        status: status_text(t, status),
        status_value: row.status.as_str(),
        applicant: row.applicant_name.clone(),
        clock: clock_text(t, state, row, now),
        decision: (!row.decision.is_empty()).then(|| row.decision.clone()),
        budget: row.budget_milli.filter(|_| status.granted()).map(|b| {
            crate::kit::labels::epsilon_text(
                t,
                health::disclosure::Epsilon::from_milli(u64::try_from(b).unwrap_or(0)),
            )
        }),
        sections: sections(t, lang, row),
        events,
        moves,
        approve_later,
        reviewing: side == Some(Side::Staff) && status == Status::InReview,
        may_edit: side == Some(Side::Applicant)
            && matches!(status, Status::Draft | Status::ClarificationRequested),
        notice,
        error,
        missing,
        csrf,
    };
    Ok(respond(code, render(&page)?, cookie))
}

pub(crate) async fn page(
    State(state): State<AppState>,
    Path((code, id)): Path<(String, String)>,
    caller: Caller,
    params: crate::kit::params::Params,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::UseOwnAccount)?;
    let t = Tr::new(lang);
    let row = visible(&state, &caller, path_id(&id)?).await?;
    let notice = match params.get("done") {
        Some("saved") => Some(t.t("permit-done-saved")),
        Some("reviewed") => Some(t.t("permit-done-reviewed")),
        Some("moved") => Some(t.t1(
            "permit-done-moved",
            "status",
            status_text(
                t,
                effective(row.status, row.application.period_to, store::today()),
            ),
        )),
        _ => None,
    };
    application_page(&state, &caller, lang, &row, StatusCode::OK, notice, None).await
}

fn notice(t: Tr, m: Move, title: &str, link: &str) -> PermitNotice {
    PermitNotice {
        subject: t.t1("permit-mail-subject", "title", title),
        body: t.t2(
            "permit-mail-body",
            ("move", &t.t(&format!("permit-move-{m}"))),
            ("link", link),
        ),
    }
}

/// Reads a privacy budget as people write it ("2", "0,5"); none when empty or not a number above zero.
fn budget_of(raw: &str) -> Option<health::disclosure::Epsilon> {
    raw.trim()
        .replace(',', ".")
        .parse::<health::disclosure::Epsilon>()
        .ok()
        .filter(|e| !e.is_zero())
}

#[allow(clippy::too_many_arguments)]
async fn make_move(
    state: &AppState,
    caller: &Caller,
    t: Tr,
    row: &ApplicationRow,
    m: Move,
    text: &str,
    budget: &str,
    seen: Option<Status>,
) -> Result<Status, WebError> {
    let side = side_of(caller, row, m)?;
    let user = caller.user_id().ok_or(WebError::Unauthorized)?;
    if text.chars().count() > MAX_TEXT {
        return Err(WebError::Rule(t.t1("permit-error-long", "max", MAX_TEXT)));
    }
    // No budget, or one that is not a number above zero, is 0: the rules refuse a permit without one (after
    // telling of sections still open, which comes first).
    let budget_milli = budget_of(budget).map_or(0, |b| b.milli());
    let id = row.id;
    let link = format!(
        "{}/sv/health-data/applications/{id}",
        state.auth().base_url.trim_end_matches('/')
    );
    // Notices go out in Swedish with the English text after it: the reader's language is not known here.
    let (sv, en) = (Tr::new(Lang::Sv), Tr::new(Lang::En));
    let (a, b) = (
        notice(sv, m, &row.application.title, &link),
        notice(en, m, &row.application.title, &link.replace("/sv/", "/en/")),
    );
    let both = PermitNotice {
        subject: a.subject,
        body: format!("{}\n\n---\n\n{}", a.body, b.body),
    };
    state
        .store()
        .move_health_application(
            id,
            seen.unwrap_or(row.status),
            m,
            side,
            text,
            budget_milli,
            user,
            &both,
        )
        .await
        .map_err(|e| to_web(t, e))
}

pub(crate) async fn move_form(
    State(state): State<AppState>,
    Path((code, id)): Path<(String, String)>,
    caller: Caller,
    f: FormData,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::UseOwnAccount)?;
    caller.require(&Action::ChangeData)?;
    caller.check_csrf(Some(&f.value("csrf")))?;
    let t = Tr::new(lang);
    let row = visible(&state, &caller, path_id(&id)?).await?;
    let refused = |message: String| {
        let (state, caller, row) = (&state, &caller, &row);
        async move {
            application_page(
                state,
                caller,
                lang,
                row,
                StatusCode::CONFLICT,
                None,
                Some(message),
            )
            .await
        }
    };
    let Some(m) = Move::parse(&f.value("move")) else {
        return refused(t.t("permit-refused-move")).await;
    };
    // Whose move it is comes first: the other side is refused outright.
    side_of(&caller, &row, m)?;
    if m == Move::Withdraw && f.value("confirm") != "1" {
        return refused(t.t("permit-refused-confirm")).await;
    }
    let seen = Status::parse(&f.value("status"));
    match make_move(
        &state,
        &caller,
        t,
        &row,
        m,
        &f.raw("text"),
        &f.value("budget"),
        seen,
    )
    .await
    {
        Ok(_) => Ok(Redirect::to(&format!(
            "/{}/health-data/applications/{}?done=moved",
            lang.code(),
            row.id
        ))
        .into_response()),
        Err(WebError::Rule(message)) => refused(message).await,
        Err(e) => Err(e),
    }
}

pub(crate) async fn review(
    State(state): State<AppState>,
    Path((code, id)): Path<(String, String)>,
    caller: Caller,
    f: FormData,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::UseOwnAccount)?;
    caller.require(&Action::ChangeData)?;
    caller.check_csrf(Some(&f.value("csrf")))?;
    let t = Tr::new(lang);
    let row = visible(&state, &caller, path_id(&id)?).await?;
    if !reviews(&caller, &row) {
        return Err(WebError::Forbidden);
    }
    let section = Section::parse(&f.value("section"));
    let verdict = Verdict::parse(&f.value("verdict"));
    let note = f.raw("note");
    let problem = match (section, verdict) {
        (None, _) | (_, None) => Some(t.t("permit-error-verdict")),
        (_, Some(Verdict::NeedsClarification)) if note.trim().is_empty() => {
            Some(t.t("permit-error-note"))
        }
        _ if note.chars().count() > MAX_TEXT => Some(t.t1("permit-error-long", "max", MAX_TEXT)),
        _ => None,
    };
    let (Some(section), Some(verdict), None) = (section, verdict, problem.clone()) else {
        let message = problem.unwrap_or_default();
        return application_page(
            &state,
            &caller,
            lang,
            &row,
            StatusCode::UNPROCESSABLE_ENTITY,
            None,
            Some(message),
        )
        .await;
    };
    let user = caller.user_id().ok_or(WebError::Unauthorized)?;
    match state
        .store()
        .review_health_section(row.id, section, verdict, &note, user)
        .await
    {
        Ok(()) => Ok(Redirect::to(&format!(
            "/{}/health-data/applications/{}?done=reviewed#section-{section}",
            lang.code(),
            row.id
        ))
        .into_response()),
        Err(e) => match to_web(t, e) {
            WebError::Rule(message) => {
                application_page(
                    &state,
                    &caller,
                    lang,
                    &row,
                    StatusCode::CONFLICT,
                    None,
                    Some(message),
                )
                .await
            }
            other => Err(other),
        },
    }
}

// ----- The API -----

/// An application as data.
#[derive(Serialize, ToSchema)]
pub struct ApplicationOut {
    /// Id.
    pub id: i64,
    /// Status: draft, submitted, in_review, clarification_requested, approved, approved_with_conditions,
    /// refused, withdrawn or expired.
    pub status: String,
    /// The application as written.
    #[schema(value_type = Object)]
    pub application: Application,
    /// Days counted on the statutory clock (without pauses), once submitted.
    pub clock_days: Option<i64>,
    /// Days allowed.
    pub clock_allowed: i64,
    /// Whether the clock is paused (a clarification is pending).
    pub clock_paused: bool,
    /// Each section's review.
    pub reviews: Vec<ReviewOut>,
    /// The decision's reasons or conditions.
    pub decision: String,
    /// The project's privacy budget (epsilon) set in the decision.
    pub budget: Option<String>,
}

/// A section's review.
#[derive(Serialize, ToSchema)]
pub struct ReviewOut {
    /// The section: purpose, data, form, safeguards, period, environment, ethics, legal_basis or secrecy.
    pub section: String,
    /// accepted or needs_clarification.
    pub verdict: String,
    /// The reviewer's note.
    pub note: String,
}

/// An application on the list.
#[derive(Serialize, ToSchema)]
pub struct ApplicationItem {
    /// Id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// Status.
    pub status: String,
}

/// The list of applications the caller may see.
#[derive(Serialize, ToSchema)]
pub struct ApplicationList {
    /// The applications, last changed first.
    pub items: Vec<ApplicationItem>,
}

/// The data-permit applications the caller may see: their own, and (data-access staff) those asking for their
/// body's sources.
#[utoipa::path(
    get, path = "/api/v1/health-data/applications", tag = "health-data", operation_id = "list_health_applications",
    responses((status = 200, description = "Applications", body = ApplicationList),
              (status = 401, description = "Not signed in", body = crate::kit::api::ErrorBody)),
    security(("bearer" = []))
)]
pub(crate) async fn api_list(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<ApplicationList>, WebError> {
    caller.require(&Action::UseOwnAccount)?;
    let principal = caller.principal.as_ref().ok_or(WebError::Unauthorized)?;
    let today = store::today();
    let items = state
        .store()
        .health_applications(&domain::application_scope(principal))
        .await?
        .into_iter()
        .map(|(id, title, status, _, _)| ApplicationItem {
            id,
            title,
            status: effective(status, None, today).to_string(),
        })
        .collect();
    Ok(Json(ApplicationList { items }))
}

/// One data-permit application.
#[utoipa::path(
    get, path = "/api/v1/health-data/applications/{id}", tag = "health-data", operation_id = "get_health_application",
    params(("id" = i64, Path, description = "The application")),
    responses((status = 200, description = "The application", body = ApplicationOut),
              (status = 401, description = "Not signed in", body = crate::kit::api::ErrorBody),
              (status = 403, description = "Not the applicant or the staff of a holder", body = crate::kit::api::ErrorBody),
              (status = 404, description = "No such application", body = crate::kit::api::ErrorBody)),
    security(("bearer" = []))
)]
pub(crate) async fn api_get(
    State(state): State<AppState>,
    Path(id): Path<String>,
    caller: Caller,
) -> Result<Json<ApplicationOut>, WebError> {
    caller.require(&Action::UseOwnAccount)?;
    let row = visible(&state, &caller, path_id(&id)?).await?;
    Ok(Json(out(&state, &row)))
}

fn out(state: &AppState, row: &ApplicationRow) -> ApplicationOut {
    let allowed = i64::from(state.auth().permit_days);
    let c = row.submitted_at.map(|s| {
        clock(
            s,
            row.paused_ms,
            row.paused_since,
            row.decided_at,
            store::now_millis(),
            allowed,
        )
    });
    ApplicationOut {
        id: row.id,
        status: effective(row.status, row.application.period_to, store::today()).to_string(),
        application: row.application.clone(),
        clock_days: c.map(|c| c.days_used),
        clock_allowed: allowed,
        clock_paused: c.is_some_and(|c| c.paused),
        reviews: row
            .reviews
            .iter()
            .map(|r| ReviewOut {
                section: r.section.to_string(),
                verdict: r.verdict.to_string(),
                note: r.note.clone(),
            })
            .collect(),
        decision: row.decision.clone(),
        budget: row.budget_milli.map(|b| {
            health::disclosure::Epsilon::from_milli(u64::try_from(b).unwrap_or(0)).to_string()
        }),
    }
}

/// A move.
#[derive(serde::Deserialize, ToSchema)]
pub struct MoveIn {
    /// submit, take, clarify, respond, approve, approve_with_conditions, refuse or withdraw.
    #[serde(rename = "move")]
    pub mv: String,
    /// The note, reasons or conditions (needed for clarify, respond, approve_with_conditions, refuse).
    #[serde(default)]
    pub text: String,
    /// The project's privacy budget in epsilon, for approve and approve_with_conditions ("2", "0.5").
    #[serde(default)]
    pub budget: String,
}

/// Moves an application: the applicant submits, responds and withdraws; the data-access staff of a holder take
/// it in review, ask for clarification and decide.
#[utoipa::path(
    post, path = "/api/v1/health-data/applications/{id}/move", tag = "health-data", operation_id = "move_health_application",
    params(("id" = i64, Path, description = "The application")),
    request_body = MoveIn,
    responses((status = 200, description = "The application after the move", body = ApplicationOut),
              (status = 400, description = "The body is not a JSON object", body = crate::kit::api::ErrorBody),
              (status = 401, description = "Not signed in", body = crate::kit::api::ErrorBody),
              (status = 403, description = "Not this side's move", body = crate::kit::api::ErrorBody),
              (status = 404, description = "No such application", body = crate::kit::api::ErrorBody),
              (status = 409, description = "The move is refused by the rules", body = crate::kit::api::ErrorBody),
              (status = 422, description = "Not a move", body = crate::kit::api::ErrorBody)),
    security(("bearer" = []))
)]
pub(crate) async fn api_move(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    caller: Caller,
    body: axum::body::Bytes,
) -> Result<Json<ApplicationOut>, WebError> {
    caller.require(&Action::UseOwnAccount)?;
    caller.require(&Action::ChangeData)?;
    let t = Tr::new(api_lang(&headers));
    let id = path_id(&id)?;
    let input: MoveIn = serde_json::from_value(crate::kit::json::object_body(&body)?)
        .map_err(|e| WebError::BadBody(e.to_string()))?;
    let m = Move::parse(&input.mv).ok_or_else(|| WebError::Invalid {
        field: "move".into(),
        message: t.t("field-choose"),
    })?;
    let row = visible(&state, &caller, id).await?;
    make_move(
        &state,
        &caller,
        t,
        &row,
        m,
        &input.text,
        &input.budget,
        None,
    )
    .await?;
    let row = visible(&state, &caller, id).await?;
    Ok(Json(out(&state, &row)))
}
