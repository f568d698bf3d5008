//! `/{lang}/admin/import`: admins upload a CSV or JSON file of actors or relations, first as a check (dry run)
//! that lists what would be created and updated or every problem with its line and column, then for real.

use crate::AppState;
use crate::kit::caller::Caller;
use crate::kit::error::WebError;
use crate::kit::page::{Layout, Nav, lang, render};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use domain::Action;
use domain::interchange::{self, Location, Problem, ProblemKind};
use i18n::Tr;

/// The largest file accepted by the upload page (the command line has no limit).
pub const MAX_UPLOAD: usize = 20 * 1024 * 1024;

/// The import page: the form, and after an upload its outcome.
#[derive(Template)]
#[template(path = "atlas/import.html")]
pub struct ImportPage {
    /// The frame.
    pub layout: Layout,
    /// CSRF token for the form.
    pub csrf: String,
    /// Whether "only check" is ticked.
    pub dry_run: bool,
    /// The outcome's heading and lines, when a file was sent.
    pub outcome: Option<Outcome>,
}

/// What an upload came to.
pub struct Outcome {
    /// Whether it worked (or would work).
    pub ok: bool,
    /// A sentence.
    pub summary: String,
    /// The counts, or the problems.
    pub lines: Vec<String>,
}

fn location(t: Tr, at: &Location) -> String {
    match at {
        Location::Line(n) => t.t1("import-at-line", "line", n),
        Location::Record(r) => r.clone(),
        Location::File => t.t("import-at-file"),
    }
}

/// A problem in the page language.
pub fn problem_text(t: Tr, p: &Problem) -> String {
    let what = match &p.kind {
        ProblemKind::Encoding => t.t("import-p-encoding"),
        ProblemKind::Syntax(e) => t.t1("import-p-syntax", "detail", e),
        ProblemKind::UnknownTable => t.t("import-p-unknown-table"),
        ProblemKind::UnknownColumn(c) => t.t1("import-p-unknown-column", "column", c),
        ProblemKind::MissingColumn(c) => t.t1("import-p-missing-column", "column", c),
        ProblemKind::DuplicateColumn(c) => t.t1("import-p-duplicate-column", "column", c),
        ProblemKind::FieldCount { expected, found } => t.n2(
            "import-p-field-count",
            ("expected", *expected as u64),
            ("found", *found as u64),
        ),
        ProblemKind::Missing => t.t("import-p-missing"),
        ProblemKind::TooLong { max } => t.t1("import-p-too-long", "max", max),
        ProblemKind::NotAllowed { value, allowed } => t.t2(
            "import-p-not-allowed",
            ("value", value),
            ("allowed", &allowed.join(", ")),
        ),
        ProblemKind::Malformed { value, expected } => t.t2(
            "import-p-malformed",
            ("value", value),
            ("expected", expected),
        ),
        ProblemKind::Duplicate { key, first } => t.t2(
            "import-p-duplicate",
            ("key", key),
            ("first", &location(t, first)),
        ),
        ProblemKind::SelfRelation => t.t("import-p-self-relation"),
        ProblemKind::YearOrder => t.t("import-p-year-order"),
        ProblemKind::UnknownActor(s) => t.t1("import-p-unknown-actor", "slug", s),
        ProblemKind::UnknownCampus(s) => t.t1("import-p-unknown-campus", "slug", s),
        ProblemKind::UnknownTag(s) => t.t1("import-p-unknown-tag", "slug", s),
        ProblemKind::OrgNumberConflict { org_number, owner } => t.t2(
            "import-p-org-conflict",
            ("org", org_number),
            ("owner", owner),
        ),
        ProblemKind::TooManyProblems => t.t1("import-p-too-many", "max", interchange::MAX_PROBLEMS),
    };
    match &p.column {
        Some(c) => {
            t.t2(
                "import-problem-column",
                ("at", &location(t, &p.at)),
                ("column", c),
            ) + &what
        }
        None => format!("{}: {what}", location(t, &p.at)),
    }
}

fn page_for(
    lang: domain::Lang,
    caller: &Caller,
    dry_run: bool,
    outcome: Option<Outcome>,
) -> ImportPage {
    let t = Tr::new(lang);
    let mut layout = Layout::new(lang, &t.t("import-title"), "admin/import", Nav::None, None);
    layout.set_caller(caller);
    ImportPage {
        csrf: caller.csrf().unwrap_or_default().to_owned(),
        layout,
        dry_run,
        outcome,
    }
}

/// The upload form.
pub(crate) async fn form(Path(code): Path<String>, caller: Caller) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::ManageUsers)?;
    Ok(render(&page_for(lang, &caller, true, None))?.into_response())
}

/// Receives the file, checks it, and imports it unless "only check" is ticked.
pub(crate) async fn upload(
    State(state): State<AppState>,
    Path(code): Path<String>,
    caller: Caller,
    request: axum::extract::Request,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    // Who may import is decided before the body is read.
    caller.require(&Action::ManageUsers)?;
    let t = Tr::new(lang);
    let upload = crate::kit::forms::Upload::read(request).await?;
    let dry_run = upload.dry_run;
    caller.check_csrf(upload.csrf.as_deref())?;
    let Some(bytes) = upload.file else {
        let outcome = Outcome {
            ok: false,
            summary: t.t("import-no-file"),
            lines: vec![],
        };
        return Ok((
            axum::http::StatusCode::BAD_REQUEST,
            render(&page_for(lang, &caller, dry_run, Some(outcome)))?,
        )
            .into_response());
    };
    let is_json = bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{');
    let rows = if is_json {
        interchange::read_json(&bytes)
    } else {
        interchange::read_csv(&bytes[..], &mut |_| {})
    };
    let result = match rows {
        Ok(rows) => {
            state
                .store()
                .import(&rows, dry_run, caller.user_id(), &mut |_| {})
                .await?
        }
        Err(problems) => Err(problems),
    };
    let (status, outcome) = match result {
        Ok(r) => (
            axum::http::StatusCode::OK,
            Outcome {
                ok: true,
                summary: t.t(if dry_run {
                    "import-checked"
                } else {
                    "import-done"
                }),
                lines: vec![
                    t.t2(
                        if dry_run {
                            "import-would-actors"
                        } else {
                            "import-did-actors"
                        },
                        ("created", &r.actors_created.to_string()),
                        ("updated", &r.actors_updated.to_string()),
                    ) + &t.n("import-unchanged", "count", r.actors_unchanged as u64),
                    t.t2(
                        if dry_run {
                            "import-would-relations"
                        } else {
                            "import-did-relations"
                        },
                        ("created", &r.relations_created.to_string()),
                        ("updated", &r.relations_updated.to_string()),
                    ) + &t.n("import-unchanged", "count", r.relations_unchanged as u64),
                ],
            },
        ),
        Err(problems) => (
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            Outcome {
                ok: false,
                summary: t.n("import-problems", "count", problems.len() as u64),
                lines: problems.iter().map(|p| problem_text(t, p)).collect(),
            },
        ),
    };
    Ok((
        status,
        render(&page_for(lang, &caller, dry_run, Some(outcome)))?,
    )
        .into_response())
}
