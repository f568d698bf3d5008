//! The output review ("airlock"): a researcher asks to release an answer of their project; the automatic
//! pre-check applies the disclosure rules and shows its findings; two of the holders' data-access staff who are
//! not the author vote independently (neither sees the other's vote until both are in); released outputs are
//! public with their project, and the office links them to a focus area and its indicators.

use crate::AppState;
use crate::kit::caller::Caller;
use crate::kit::error::WebError;
use crate::kit::forms::FormData;
use crate::kit::page::{Layout, Nav, ensure_session, lang, render, respond};
use crate::kit::params::path_id;
use app::health::{Answer, Finding};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use domain::permits::{MAX_TEXT, OutputStatus, Vote, sees_vote};
use domain::{Action, IsoDate, Lang, Slug};
use i18n::Tr;
use store::{ApplicationRow, OutputRow};

/// A released breakdown as a table: its heading and (label, figure in words) rows.
pub type FigureTable = (String, Vec<(String, String)>);

fn tables(t: Tr, figures: &serde_json::Value) -> (String, Vec<FigureTable>) {
    let Ok(answer) = serde_json::from_value::<Answer>(figures.clone()) else {
        return (String::new(), Vec::new());
    };
    let total = super::released_text(t, answer.total);
    let tables = answer
        .breakdowns
        .iter()
        .map(|(b, cells)| {
            (
                t.t(&format!("health-breakdown-{}", b.replace('_', "-"))),
                cells
                    .iter()
                    .map(|(label, r)| (label.clone(), super::released_text(t, *r)))
                    .collect(),
            )
        })
        .collect();
    (total, tables)
}

/// Who may see an output: anyone once released; before, its project's applicant and the staff who see the
/// application (and admins).
async fn visible(
    state: &AppState,
    caller: &Caller,
    id: i64,
) -> Result<(OutputRow, ApplicationRow), WebError> {
    let output = state
        .store()
        .health_output(id)
        .await?
        .ok_or(WebError::NotFound)?;
    let project = state
        .store()
        .health_application(output.application_id)
        .await?
        .ok_or(WebError::NotFound)?;
    if output.status != OutputStatus::Released {
        let holders = project.holders();
        if !caller.may(&Action::ViewHealthApplication {
            applicant: project.applicant_id,
            holders: &holders,
        }) {
            return Err(WebError::NotFound);
        }
    }
    Ok((output, project))
}

/// A request to release an answer of the project.
pub(crate) async fn request(
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
    let project = state
        .store()
        .health_application(path_id(&id)?)
        .await?
        .ok_or(WebError::NotFound)?;
    let user = caller.user_id().ok_or(WebError::Unauthorized)?;
    let in_force = domain::permits::effective(
        project.status,
        project.application.period_to,
        store::today(),
    );
    if project.applicant_id != user
        || !matches!(
            in_force,
            domain::permits::Status::Approved | domain::permits::Status::ApprovedWithConditions
        )
    {
        return Err(WebError::Forbidden);
    }
    let invalid = |field: &str, key: &str| WebError::Invalid {
        field: field.into(),
        message: t.t(key),
    };
    let title = f.value("title");
    if title.is_empty() || title.chars().count() > 200 {
        return Err(invalid("title", "output-error-title"));
    }
    let description = f.raw("description");
    if description.chars().count() > MAX_TEXT {
        return Err(invalid("description", "output-error-description"));
    }
    let questions = state.store().project_questions(project.id).await?;
    let Some(question) = questions.iter().find(|q| q.key == f.value("question")) else {
        return Err(invalid("question", "output-error-question"));
    };
    let answer: Answer = serde_json::from_value(question.released.clone())
        .map_err(|e| WebError::Internal(e.to_string()))?;
    let earlier: Vec<(i64, Answer)> = state
        .store()
        .project_outputs(project.id)
        .await?
        .into_iter()
        .filter(|o| o.status == OutputStatus::Released)
        .filter_map(|o| serde_json::from_value(o.figures).ok().map(|a| (o.id, a)))
        .collect();
    let threshold = state.health().map_or(10, |d| d.policy.threshold());
    let findings = app::health::precheck(&answer, threshold, &earlier);
    let output = state
        .store()
        .request_output(
            project.id,
            user,
            question,
            &title,
            &description,
            &serde_json::to_value(&findings).unwrap_or_default(),
        )
        .await?;
    Ok(Redirect::to(&format!("/{}/health-data/outputs/{output}", lang.code())).into_response())
}

/// One output on the list.
pub struct OutputItem {
    /// Its page.
    pub href: String,
    /// Title.
    pub title: String,
    /// The project.
    pub project: String,
    /// The total in words.
    pub total: String,
}

/// `/{lang}/health-data/outputs`.
#[derive(Template)]
#[template(path = "health_data/outputs.html")]
pub struct OutputsPage {
    /// Frame.
    pub layout: Layout,
    /// Released outputs.
    pub items: Vec<OutputItem>,
}

pub(crate) async fn list(
    State(state): State<AppState>,
    Path(code): Path<String>,
    caller: Caller,
) -> Result<Html<String>, WebError> {
    let lang = lang(&code)?;
    let t = Tr::new(lang);
    let items = state
        .store()
        .released_outputs()
        .await?
        .into_iter()
        .map(|o| OutputItem {
            href: format!("/{}/health-data/outputs/{}", lang.code(), o.id),
            total: tables(t, &o.figures).0,
            title: o.title,
            project: o.project_title,
        })
        .collect();
    let mut layout = Layout::new(
        lang,
        &t.t("output-list-title"),
        "health-data/outputs",
        Nav::Strategy,
        Some(t.t("output-list-lead")),
    );
    layout.set_caller(&caller);
    render(&OutputsPage { layout, items })
}

/// `/{lang}/health-data/outputs/{id}`.
#[derive(Template)]
#[template(path = "health_data/output.html")]
pub struct OutputPage {
    /// Frame.
    pub layout: Layout,
    /// Id.
    pub id: i64,
    /// The project's title.
    pub project: String,
    /// Description.
    pub description: String,
    /// Status in words.
    pub status: String,
    /// Whether the data is synthetic.
    pub synthetic: bool,
    /// The total in words.
    pub total: String,
    /// The breakdowns.
    pub tables: Vec<FigureTable>,
    /// The pre-check's findings in words (shown to the applicant and reviewers before release).
    pub findings: Option<Vec<String>>,
    /// The votes the caller may see: (who, vote in words, note).
    pub votes: Vec<(String, String, String)>,
    /// How many votes are in.
    pub votes_in: usize,
    /// Whether the caller may vote now.
    pub may_vote: bool,
    /// Whether the caller (the office) may link it.
    pub may_link: bool,
    /// Focus areas: (slug, name, selected).
    pub areas: Vec<(String, String, bool)>,
    /// The indicator codes linked.
    pub indicators: String,
    /// The linked focus area: (link, name).
    pub area: Option<(String, String)>,
    /// CSRF token.
    pub csrf: String,
    /// A notice.
    pub notice: Option<String>,
}

fn finding_text(t: Tr, f: &Finding) -> String {
    t.t1(&format!("output-finding-{}", f.rule), "at", &f.at)
}

pub(crate) async fn page(
    State(state): State<AppState>,
    Path((code, id)): Path<(String, String)>,
    caller: Caller,
    params: crate::kit::params::Params,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    let t = Tr::new(lang);
    let (o, project) = visible(&state, &caller, path_id(&id)?).await?;
    let (csrf, cookie) = ensure_session(&state, &caller).await?;
    let user = caller.user_id().unwrap_or(0);
    let holders = project.holders();
    let reviewer = user != o.author_id && caller.may(&Action::ReviewHealthApplication(&holders));
    let insider = o.status != OutputStatus::Released || reviewer || user == o.author_id;
    let findings: Vec<Finding> = serde_json::from_value(o.findings.clone()).unwrap_or_default();
    let (total, tables) = tables(t, &o.figures);
    // The focus areas are read once: for the office's link form, and for the name of the linked area.
    let all_areas = if o.area.is_some() || caller.may(&Action::ManageStrategy) {
        state.store().focus_areas().await?
    } else {
        Vec::new()
    };
    let area = o.area.as_ref().and_then(|slug| {
        all_areas.iter().find(|a| &a.slug == slug).map(|a| {
            (
                format!("/{}/strategy/{}", lang.code(), a.slug),
                a.name.get(lang).to_owned(),
            )
        })
    });
    let areas = if caller.may(&Action::ManageStrategy) {
        all_areas
            .iter()
            .map(|a| {
                let selected = o.area.as_ref() == Some(&a.slug);
                (a.slug.to_string(), a.name.get(lang).to_owned(), selected)
            })
            .collect()
    } else {
        Vec::new()
    };
    let mut layout = Layout::new(lang, &o.title, "health-data/outputs", Nav::Strategy, None);
    layout.set_caller(&caller);
    let page = OutputPage {
        layout,
        id: o.id,
        project: o.project_title.clone(),
        description: o.description.clone(),
        status: t.t(&format!("output-status-{}", o.status)),
        synthetic: state.health().is_none_or(|d| d.synthetic),
        total,
        tables,
        findings: insider.then(|| findings.iter().map(|f| finding_text(t, f)).collect()),
        votes: o
            .votes
            .iter()
            .filter(|v| insider && sees_vote(o.status, user, v.reviewer_id))
            .map(|v| {
                (
                    v.reviewer.clone(),
                    t.t(&format!("output-vote-{}", v.vote)),
                    v.note.clone(),
                )
            })
            .collect(),
        votes_in: o.votes.len(),
        may_vote: reviewer
            && o.status == OutputStatus::Requested
            && !o.votes.iter().any(|v| v.reviewer_id == user),
        may_link: o.status == OutputStatus::Released && caller.may(&Action::ManageStrategy),
        areas,
        indicators: o.indicators.join(", "),
        area,
        csrf,
        notice: params
            .get("done")
            .filter(|d| ["voted", "linked"].contains(d))
            .map(|d| t.t(&format!("output-done-{d}"))),
    };
    Ok(respond(StatusCode::OK, render(&page)?, cookie))
}

pub(crate) async fn vote(
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
    let (o, project) = visible(&state, &caller, path_id(&id)?).await?;
    caller.require(&Action::ReviewHealthApplication(&project.holders()))?;
    let Some(vote) = Vote::parse(&f.value("vote")) else {
        return Err(WebError::Invalid {
            field: "vote".into(),
            message: t.t("output-error-vote"),
        });
    };
    let note = f.raw("note");
    if note.chars().count() > MAX_TEXT {
        return Err(WebError::Invalid {
            field: "note".into(),
            message: t.t1("permit-error-long", "max", MAX_TEXT),
        });
    }
    let user = caller.user_id().ok_or(WebError::Unauthorized)?;
    match state.store().vote_output(o.id, user, vote, &note).await {
        Ok(_) => Ok(Redirect::to(&format!(
            "/{}/health-data/outputs/{}?done=voted",
            lang.code(),
            o.id
        ))
        .into_response()),
        Err(store::OutputError::Rule(e)) => Err(WebError::Rule(t.t(&format!(
            "output-refused-{}",
            match e {
                domain::permits::VoteError::Decided => "decided",
                domain::permits::VoteError::Author => "author",
                domain::permits::VoteError::Twice => "twice",
            }
        )))),
        Err(store::OutputError::Store(e)) => Err(e.into()),
    }
}

pub(crate) async fn link(
    State(state): State<AppState>,
    Path((code, id)): Path<(String, String)>,
    caller: Caller,
    f: FormData,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::ManageStrategy)?;
    caller.check_csrf(Some(&f.value("csrf")))?;
    let t = Tr::new(lang);
    let (o, _) = visible(&state, &caller, path_id(&id)?).await?;
    let area = match f.value("area").as_str() {
        "" => None,
        s => Some(Slug::parse(s).map_err(|_| WebError::Invalid {
            field: "area".into(),
            message: t.t("field-choose"),
        })?),
    };
    let codes: Vec<String> = f
        .value("indicators")
        .split([',', ' ', ';'])
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_owned)
        .collect();
    if !codes.is_empty() {
        let Some(a) = &area else {
            return Err(WebError::Invalid {
                field: "indicators".into(),
                message: t.t("output-error-area-first"),
            });
        };
        let known = state.store().indicator_codes(a).await?;
        if let Some(c) = codes.iter().find(|c| !known.contains(c)) {
            return Err(WebError::Invalid {
                field: "indicators".into(),
                message: t.t1("output-error-indicator", "code", c),
            });
        }
    }
    if o.status != OutputStatus::Released {
        return Err(WebError::Rule(t.t("output-refused-not-released")));
    }
    let by = caller.user_id().ok_or(WebError::Unauthorized)?;
    state
        .store()
        .link_output(o.id, area.as_ref(), &codes, by)
        .await?;
    Ok(Redirect::to(&format!(
        "/{}/health-data/outputs/{}?done=linked",
        lang.code(),
        o.id
    ))
    .into_response())
}

/// The project's outputs and the questions it may ask to release, for the application page: (outputs as (link,
/// title, status in words), questions as (key, label)).
pub(crate) async fn of_project(
    state: &AppState,
    t: Tr,
    lang: Lang,
    project: &ApplicationRow,
) -> Result<(Vec<(String, String, String)>, Vec<(String, String)>), WebError> {
    let outputs = state
        .store()
        .project_outputs(project.id)
        .await?
        .into_iter()
        .map(|o| {
            (
                format!("/{}/health-data/outputs/{}", lang.code(), o.id),
                o.title,
                t.t(&format!("output-status-{}", o.status)),
            )
        })
        .collect();
    let questions = state
        .store()
        .project_questions(project.id)
        .await?
        .into_iter()
        .map(|q| {
            let total = tables(t, &q.released).0;
            let label = t.t2(
                "output-question",
                ("date", &IsoDate::from_unix_millis(q.asked_at).to_string()),
                ("total", &total),
            );
            (q.key, label)
        })
        .collect();
    Ok((outputs, questions))
}
