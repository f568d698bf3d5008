//! Health data: the overview (anyone), the cohort questions (researchers) and their JSON API. Every figure a page
//! or the API shows has passed the disclosure module (`app::health`); no exact count is ever shown.

use crate::AppState;
use crate::kit::caller::Caller;
use crate::kit::error::{WebError, api_lang};
use crate::kit::forms::FormData;
use crate::kit::page::{Layout, Nav, ensure_session, lang, render, respond};
use crate::kit::params::Params;
use app::health::{AskError, Asked, HealthData};
use askama::Template;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use domain::{Action, Lang};
use health::cohort::{CohortDefinition, ConceptSet, Criterion, Domain, Rule, Sex, Window};
use health::disclosure::Released;
use health::vocabulary::{Concept, Vocabulary};
use i18n::Tr;
use serde::Serialize;
use std::sync::LazyLock;
use utoipa::ToSchema;

pub(crate) mod applications;
pub(crate) mod outputs;
pub(crate) mod sources;

static VOCABULARY: LazyLock<Vocabulary> = LazyLock::new(Vocabulary::built_in);

/// How many inclusion rules the form offers.
const RULE_ROWS: usize = 3;

fn data(state: &AppState) -> Result<&HealthData, WebError> {
    state
        .health()
        .ok_or_else(|| WebError::Unavailable("no health data is loaded".into()))
}

use crate::kit::labels::epsilon_text;

/// A released count in words: "about 1,234" or "fewer than 10".
pub(crate) fn released_text(t: Tr, r: Released) -> String {
    match r {
        Released::About(n) => t.t1("health-about", "count", t.amount(n as f64)),
        Released::FewerThan(k) => t.t1("health-fewer-than", "count", k),
    }
}

// ----- The overview -----

/// `/{lang}/health-data`.
#[derive(Template)]
#[template(path = "health_data/overview.html")]
pub struct OverviewPage {
    /// Frame.
    pub layout: Layout,
    /// The population in words, when data is loaded.
    pub population: Option<String>,
    /// Whether the data is synthetic.
    pub synthetic: bool,
    /// The threshold.
    pub threshold: u64,
    /// What a question costs.
    pub cost: String,
    /// Whether the caller may ask.
    pub may_ask: bool,
}

pub(crate) async fn overview(
    State(state): State<AppState>,
    Path(code): Path<String>,
    caller: Caller,
) -> Result<Html<String>, WebError> {
    let lang = lang(&code)?;
    let t = Tr::new(lang);
    let mut layout = Layout::new(
        lang,
        &t.t("health-title"),
        "health-data",
        Nav::Strategy,
        Some(t.t("health-lead")),
    );
    layout.set_caller(&caller);
    let d = state.health();
    render(&OverviewPage {
        layout,
        population: d.map(|d| released_text(t, app::health::population(d))),
        synthetic: d.is_none_or(|d| d.synthetic),
        threshold: d.map_or(10, |d| d.policy.threshold()),
        cost: d.map_or_else(String::new, |d| {
            epsilon_text(t, app::health::cost(&d.policy))
        }),
        may_ask: caller.require(&Action::AskHealthData).is_ok(),
    })
}

// ----- The cohort form -----

/// One inclusion rule row of the form, as typed.
#[derive(Default, Clone)]
pub struct RuleRow {
    /// Its number, from 1.
    pub n: usize,
    /// Codes.
    pub codes: String,
    /// `has` or `has_not`.
    pub has: String,
    /// Times.
    pub times: String,
    /// Window start (days).
    pub start: String,
    /// Window end (days).
    pub end: String,
}

/// The form as typed.
#[derive(Default, Clone)]
pub struct CohortForm {
    /// Index codes.
    pub codes: String,
    /// With descendants.
    pub descendants: bool,
    /// First event only.
    pub first: bool,
    /// Youngest age.
    pub age_min: String,
    /// Oldest age.
    pub age_max: String,
    /// "", "female" or "male".
    pub sex: String,
    /// Prior observation days.
    pub prior: String,
    /// Period from (YYYY-MM-DD).
    pub from: String,
    /// Period to.
    pub to: String,
    /// Rules.
    pub rules: Vec<RuleRow>,
    /// An ATLAS / Circe definition pasted.
    pub circe: String,
    /// The project asked within (an application's id), or empty for one's own budget.
    pub project: String,
}

/// A released breakdown for the page.
pub struct BreakdownView {
    /// Element id.
    pub id: String,
    /// Heading.
    pub title: String,
    /// Rows: label and released count in words.
    pub rows: Vec<(String, String)>,
    /// The chart.
    pub chart_svg: String,
}

/// The figures of an answer.
pub struct AnswerView {
    /// Total in words.
    pub total: String,
    /// What it cost, in words.
    pub cost: String,
    /// Whether it was asked before.
    pub repeated: bool,
    /// Left of the budget.
    pub left: String,
    /// Breakdowns.
    pub breakdowns: Vec<BreakdownView>,
}

/// One text field of the form, ready to render.
pub struct InputField {
    /// Element id.
    pub id: String,
    /// Field name.
    pub name: String,
    /// Value as typed.
    pub value: String,
    /// Label text.
    pub label: String,
    /// `date`, `text`.
    pub kind: &'static str,
    /// Its error.
    pub error: Option<String>,
}

/// A rule row, ready to render.
pub struct RuleView {
    /// Its number.
    pub n: usize,
    /// Whether it says "does not have".
    pub has_not: bool,
    /// Its text fields.
    pub fields: Vec<InputField>,
}

fn fields(
    t: Tr,
    errors: &[(String, String)],
    list: &[(String, String, String, &str, &'static str)],
) -> Vec<InputField> {
    list.iter()
        .map(|(id, name, value, label, kind)| InputField {
            error: errors.iter().find(|(f, _)| f == id).map(|(_, m)| m.clone()),
            id: id.clone(),
            name: name.clone(),
            value: value.clone(),
            label: t.t(label),
            kind,
        })
        .collect()
}

/// `/{lang}/health-data/cohorts`.
#[derive(Template)]
#[template(path = "health_data/cohorts.html")]
pub struct CohortsPage {
    /// Frame.
    pub layout: Layout,
    /// The form.
    pub form: CohortForm,
    /// Field errors: (field id, message).
    pub errors: Vec<(String, String)>,
    /// The answer.
    pub answer: Option<AnswerView>,
    /// A refusal (budget).
    pub refusal: Option<String>,
    /// Budget left in words.
    pub budget: String,
    /// CSRF token.
    pub csrf: String,
    /// Whether the data is synthetic.
    pub synthetic: bool,
    /// Example codes: (code, name).
    pub examples: Vec<(String, String)>,
    /// Who is counted: ages and prior observation.
    pub who: Vec<InputField>,
    /// The period's dates.
    pub period: Vec<InputField>,
    /// The rules.
    pub rules: Vec<RuleView>,
    /// The caller's projects in force: (id, label with what is left, selected).
    pub projects: Vec<(String, String, bool)>,
}

impl CohortsPage {
    /// The error of a field, if any.
    pub fn error(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
    }
}

fn blank_form() -> CohortForm {
    CohortForm {
        descendants: true,
        first: true,
        rules: (1..=RULE_ROWS)
            .map(|n| RuleRow {
                n,
                has: "has".into(),
                times: "1".into(),
                ..RuleRow::default()
            })
            .collect(),
        ..CohortForm::default()
    }
}

#[allow(clippy::too_many_arguments)]
async fn cohorts_page(
    state: &AppState,
    lang: Lang,
    caller: &Caller,
    status: StatusCode,
    form: CohortForm,
    errors: Vec<(String, String)>,
    answer: Option<AnswerView>,
    refusal: Option<String>,
) -> Result<Response, WebError> {
    let t = Tr::new(lang);
    let d = data(state)?;
    let user = caller.user_id().ok_or(WebError::Unauthorized)?;
    let left = state.store().health_budget(user).await?.map(|b| b.left());
    let (csrf, cookie) = ensure_session(state, caller).await?;
    let mut layout = Layout::new(
        lang,
        &t.t("health-cohorts-title"),
        "health-data/cohorts",
        Nav::Strategy,
        Some(t.t("health-cohorts-lead")),
    );
    layout.set_caller(caller);
    let examples = [
        ("ICD10", "E11"),
        ("ICD10", "I48"),
        ("ATC", "A10BA02"),
        ("ATC", "B01A"),
        ("KVA", "FNG05"),
    ]
    .iter()
    .filter_map(|(v, c)| VOCABULARY.by_code(v, c))
    .map(|c| (c.code.clone(), concept_name(c, lang).to_owned()))
    .collect();
    let own = |v: &str| v.to_owned();
    let who = fields(
        t,
        &errors,
        &[
            (
                own("f-age-min"),
                own("age_min"),
                form.age_min.clone(),
                "health-age-min",
                "text",
            ),
            (
                own("f-age-max"),
                own("age_max"),
                form.age_max.clone(),
                "health-age-max",
                "text",
            ),
            (
                own("f-prior"),
                own("prior"),
                form.prior.clone(),
                "health-prior",
                "text",
            ),
        ],
    );
    let period = fields(
        t,
        &errors,
        &[
            (
                own("f-from"),
                own("from"),
                form.from.clone(),
                "health-from",
                "date",
            ),
            (own("f-to"), own("to"), form.to.clone(), "health-to", "date"),
        ],
    );
    let rules = form
        .rules
        .iter()
        .map(|r| {
            let f = |x: &str, v: &str, label: &'static str| {
                (
                    format!("f-r{}-{x}", r.n),
                    format!("r{}_{x}", r.n),
                    v.to_owned(),
                    label,
                    "text",
                )
            };
            RuleView {
                n: r.n,
                has_not: r.has == "has_not",
                fields: fields(
                    t,
                    &errors,
                    &[
                        f("codes", &r.codes, "health-codes"),
                        f("times", &r.times, "health-rule-times"),
                        f("start", &r.start, "health-rule-start"),
                        f("end", &r.end, "health-rule-end"),
                    ],
                ),
            }
        })
        .collect();
    let today = store::today();
    let mut projects = Vec::new();
    for p in state.store().health_projects(user).await? {
        if p.scope()
            .is_some_and(|s| today >= s.valid.0 && today <= s.valid.1)
        {
            let left = state
                .store()
                .ledger_budget(user, store::Ledger::Project(p.id))
                .await?
                .map_or(health::disclosure::Epsilon::ZERO, |b| b.left());
            projects.push((
                p.id.to_string(),
                t.t2(
                    "health-project-option",
                    ("title", &p.application.title),
                    ("left", &epsilon_text(t, left)),
                ),
                form.project == p.id.to_string(),
            ));
        }
    }
    let page = CohortsPage {
        projects,
        who,
        period,
        rules,
        layout,
        form,
        errors,
        answer,
        refusal,
        budget: left.map_or_else(
            || t.t("health-no-budget"),
            |l| t.t1("health-budget-left", "left", epsilon_text(t, l)),
        ),
        csrf,
        synthetic: d.synthetic,
        examples,
    };
    Ok(respond(status, render(&page)?, cookie))
}

fn concept_name(c: &Concept, lang: Lang) -> &str {
    match lang {
        Lang::Sv => &c.name_sv,
        Lang::En => &c.name_en,
    }
}

/// The cohort form.
pub(crate) async fn cohorts(
    State(state): State<AppState>,
    Path(code): Path<String>,
    caller: Caller,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::AskHealthData)?;
    cohorts_page(
        &state,
        lang,
        &caller,
        StatusCode::OK,
        blank_form(),
        Vec::new(),
        None,
        None,
    )
    .await
}

fn read_form(form: &FormData) -> CohortForm {
    CohortForm {
        codes: form.value("codes"),
        descendants: form.value("descendants") == "1",
        first: form.value("first") == "1",
        age_min: form.value("age_min"),
        age_max: form.value("age_max"),
        sex: form.value("sex"),
        prior: form.value("prior"),
        from: form.value("from"),
        to: form.value("to"),
        rules: (1..=RULE_ROWS)
            .map(|n| RuleRow {
                n,
                codes: form.value(&format!("r{n}_codes")),
                has: form.value(&format!("r{n}_has")),
                times: form.value(&format!("r{n}_times")),
                start: form.value(&format!("r{n}_start")),
                end: form.value(&format!("r{n}_end")),
            })
            .collect(),
        circe: form.raw("circe"),
        project: form.value("project"),
    }
}

/// Reads codes ("E11, ATC:A10BA02") into a criterion: every code known, all of one domain.
fn criterion(t: Tr, codes: &str, descendants: bool) -> Result<Criterion, String> {
    let mut concepts = Vec::new();
    let mut domain: Option<Domain> = None;
    for raw in codes
        .split([',', ' ', ';', '\n'])
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        let (vocab, code) = raw
            .split_once(':')
            .map_or((None, raw), |(v, c)| (Some(v), c));
        let found: Vec<&Concept> = VOCABULARY
            .concepts()
            .iter()
            .filter(|c| c.code.eq_ignore_ascii_case(code))
            .filter(|c| vocab.is_none_or(|v| c.vocabulary.eq_ignore_ascii_case(v)))
            .filter(|c| matches!(c.vocabulary.as_str(), "ICD10" | "ATC" | "KVA" | "LOINC"))
            .collect();
        let c = match found.as_slice() {
            [] => return Err(t.t1("health-error-unknown-code", "code", raw)),
            [c] => *c,
            _ => return Err(t.t1("health-error-ambiguous-code", "code", raw)),
        };
        let d = match c.vocabulary.as_str() {
            "ICD10" => Domain::Condition,
            "ATC" => Domain::Drug,
            "KVA" => Domain::Procedure,
            _ => Domain::Measurement,
        };
        if domain.is_some_and(|x| x != d) {
            return Err(t.t("health-error-mixed-codes"));
        }
        domain = Some(d);
        concepts.push(c.id);
    }
    let Some(domain) = domain else {
        return Err(t.t("health-error-no-codes"));
    };
    Ok(Criterion {
        domain,
        concepts: ConceptSet {
            concepts,
            descendants,
        },
    })
}

fn number(t: Tr, raw: &str, min: i64, max: i64) -> Result<Option<i64>, String> {
    if raw.is_empty() {
        return Ok(None);
    }
    raw.parse::<i64>()
        .ok()
        .filter(|n| (min..=max).contains(n))
        .map(Some)
        .ok_or_else(|| {
            t.t2(
                "health-error-number",
                ("min", &min.to_string()),
                ("max", &max.to_string()),
            )
        })
}

fn day(t: Tr, raw: &str) -> Result<Option<i32>, String> {
    if raw.is_empty() {
        return Ok(None);
    }
    domain::IsoDate::parse(raw)
        .ok()
        .and_then(|d| i32::try_from(d.days_since_epoch()).ok())
        .map(Some)
        .ok_or_else(|| t.t("health-error-date"))
}

/// The form as a definition, or the errors by field.
fn definition(t: Tr, f: &CohortForm) -> Result<CohortDefinition, Vec<(String, String)>> {
    if !f.circe.trim().is_empty() {
        return health::circe::import(&f.circe)
            .map_err(|e| {
                vec![(
                    "f-circe".to_owned(),
                    t.t1("health-error-circe", "reason", e),
                )]
            })
            .and_then(|d| {
                d.check()
                    .map(|()| d)
                    .map_err(|e| vec![("f-circe".to_owned(), e.to_string())])
            });
    }
    let mut errors = Vec::new();
    let mut push = |field: &str, r: Result<(), String>| {
        if let Err(m) = r {
            errors.push((field.to_owned(), m));
        }
    };
    let index = criterion(t, &f.codes, f.descendants);
    let age_min = number(t, &f.age_min, 0, 130);
    let age_max = number(t, &f.age_max, 0, 130);
    let prior = number(t, &f.prior, 0, 36_525);
    let from = day(t, &f.from);
    let to = day(t, &f.to);
    let sex = match f.sex.as_str() {
        "" => Ok(None),
        "female" => Ok(Some(Sex::Female)),
        "male" => Ok(Some(Sex::Male)),
        _ => Err(t.t("field-unknown-choice")),
    };
    let mut rules = Vec::new();
    for r in &f.rules {
        if r.codes.is_empty() {
            continue;
        }
        let id = |x: &str| format!("f-r{}-{x}", r.n);
        let c = criterion(t, &r.codes, true);
        let times = number(t, &r.times, 1, 1000);
        let start = number(t, &r.start, -36_525, 36_525);
        let end = number(t, &r.end, -36_525, 36_525);
        let has = match r.has.as_str() {
            "" | "has" => Ok(true),
            "has_not" => Ok(false),
            _ => Err(t.t("field-unknown-choice")),
        };
        push(&id("codes"), c.as_ref().map(|_| ()).map_err(Clone::clone));
        push(
            &id("times"),
            times.as_ref().map(|_| ()).map_err(Clone::clone),
        );
        push(
            &id("start"),
            start.as_ref().map(|_| ()).map_err(Clone::clone),
        );
        push(&id("end"), end.as_ref().map(|_| ()).map_err(Clone::clone));
        push(&id("has"), has.as_ref().map(|_| ()).map_err(Clone::clone));
        if let (Ok(c), Ok(times), Ok(start), Ok(end), Ok(has)) = (c, times, start, end, has) {
            let (start, end) = (start.unwrap_or(-36_525), end.unwrap_or(0));
            if start > end {
                push(&id("end"), Err(t.t("health-error-window")));
            }
            rules.push(Rule {
                criterion: c,
                has,
                times: u32::try_from(times.unwrap_or(1)).unwrap_or(1),
                window: Window {
                    start: i32::try_from(start).unwrap_or(0),
                    end: i32::try_from(end).unwrap_or(0),
                },
            });
        }
    }
    push("f-codes", index.as_ref().map(|_| ()).map_err(Clone::clone));
    push(
        "f-age-min",
        age_min.as_ref().map(|_| ()).map_err(Clone::clone),
    );
    push(
        "f-age-max",
        age_max.as_ref().map(|_| ()).map_err(Clone::clone),
    );
    push("f-prior", prior.as_ref().map(|_| ()).map_err(Clone::clone));
    push("f-from", from.as_ref().map(|_| ()).map_err(Clone::clone));
    push("f-to", to.as_ref().map(|_| ()).map_err(Clone::clone));
    push("f-sex", sex.as_ref().map(|_| ()).map_err(Clone::clone));
    if let (Ok(Some(a)), Ok(Some(b))) = (&age_min, &age_max)
        && a > b
    {
        push("f-age-max", Err(t.t("health-error-ages")));
    }
    if let (Ok(Some(a)), Ok(Some(b))) = (&from, &to)
        && a > b
    {
        push("f-to", Err(t.t("health-error-period")));
    }
    match (index, age_min, age_max, prior, from, to, sex) {
        (Ok(index), Ok(age_min), Ok(age_max), Ok(prior), Ok(from), Ok(to), Ok(sex))
            if errors.is_empty() =>
        {
            let d = CohortDefinition {
                index,
                first_only: f.first,
                age_min: age_min.and_then(|a| u32::try_from(a).ok()),
                age_max: age_max.and_then(|a| u32::try_from(a).ok()),
                sex,
                prior_observation_days: prior.and_then(|p| u32::try_from(p).ok()).unwrap_or(0),
                rules,
                period_start: from,
                period_end: to,
            };
            d.check()
                .map(|()| d)
                .map_err(|e| vec![("f-codes".to_owned(), e.to_string())])
        }
        _ => Err(errors),
    }
}

fn breakdown_title(t: Tr, name: &str) -> String {
    t.t(&format!("health-breakdown-{}", name.replace('_', "-")))
}

fn cell_label(t: Tr, breakdown: &str, label: &str) -> String {
    match (breakdown, label) {
        ("sex", "female" | "male" | "unknown") => t.t(&format!("health-sex-{label}")),
        ("municipality", code) => {
            health::places::municipality(code).map_or_else(|| code.to_owned(), str::to_owned)
        }
        _ => label.to_owned(),
    }
}

fn answer_view(t: Tr, lang: Lang, threshold: u64, asked: &Asked) -> AnswerView {
    let breakdowns = asked
        .answer
        .breakdowns
        .iter()
        .map(|(name, cells)| {
            let title = breakdown_title(t, name);
            let labels: Vec<String> = cells.iter().map(|(l, _)| cell_label(t, name, l)).collect();
            let bars: Vec<app::chart::Bar<'_>> = labels
                .iter()
                .zip(cells)
                .map(|(label, (_, r))| app::chart::Bar {
                    label,
                    value: r.shown(),
                })
                .collect();
            let hidden = t.t1("health-fewer-than", "count", threshold);
            BreakdownView {
                id: format!("b-{name}"),
                chart_svg: app::chart::bars_svg(
                    &format!("chart-{name}"),
                    &title,
                    &bars,
                    &hidden,
                    lang,
                ),
                rows: labels
                    .iter()
                    .zip(cells)
                    .map(|(l, (_, r))| (l.clone(), released_text(t, *r)))
                    .collect(),
                title,
            }
        })
        .collect();
    AnswerView {
        total: released_text(t, asked.answer.total),
        cost: epsilon_text(t, asked.cost),
        repeated: asked.repeated,
        left: epsilon_text(t, asked.left),
        breakdowns,
    }
}

/// Asks the question in the form.
pub(crate) async fn ask(
    State(state): State<AppState>,
    Path(code): Path<String>,
    caller: Caller,
    form: FormData,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::AskHealthData)?;
    caller.check_csrf(form.0.raw("csrf"))?;
    let t = Tr::new(lang);
    let typed = read_form(&form);
    let user = caller.user_id().ok_or(WebError::Unauthorized)?;
    let d = data(&state)?.clone();
    let definition = match definition(t, &typed) {
        Ok(d) => d,
        Err(errors) => {
            return cohorts_page(
                &state,
                lang,
                &caller,
                StatusCode::UNPROCESSABLE_ENTITY,
                typed,
                errors,
                None,
                None,
            )
            .await;
        }
    };
    let ledger = match project_ledger(&state, &d, user, &typed.project, &definition).await {
        Ok(l) => l,
        Err(AskError::Scope(rule)) => {
            return cohorts_page(
                &state,
                lang,
                &caller,
                StatusCode::CONFLICT,
                typed,
                Vec::new(),
                None,
                Some(scope_text(t, &rule)),
            )
            .await;
        }
        Err(AskError::Store(e)) => return Err(e.into()),
        Err(e) => return Err(WebError::Internal(e.to_string())),
    };
    match app::health::ask(state.store(), &d, user, ledger, &definition).await {
        Ok(asked) => {
            let view = answer_view(t, lang, d.policy.threshold(), &asked);
            cohorts_page(
                &state,
                lang,
                &caller,
                StatusCode::OK,
                typed,
                Vec::new(),
                Some(view),
                None,
            )
            .await
        }
        Err(AskError::Budget(e)) => {
            let message = refusal_text(t, &e);
            cohorts_page(
                &state,
                lang,
                &caller,
                StatusCode::CONFLICT,
                typed,
                Vec::new(),
                None,
                Some(message),
            )
            .await
        }
        Err(AskError::Engine(e)) => Err(WebError::Internal(e.to_string())),
        Err(AskError::Store(e)) => Err(e.into()),
        Err(AskError::Scope(rule)) => Err(WebError::Rule(scope_text(t, &rule))),
    }
}

/// The ledger a question is charged to: the caller's own, or a project of theirs (an approved application) whose
/// permit covers the question — checked, and a refusal audited, by `app::health::within_scope`.
async fn project_ledger(
    state: &AppState,
    data: &HealthData,
    user: i64,
    project: &str,
    definition: &CohortDefinition,
) -> Result<store::Ledger, AskError> {
    let project = project.trim();
    if project.is_empty() {
        return Ok(store::Ledger::Own);
    }
    let today = store::today();
    let row = match project.parse::<i64>() {
        Ok(id) => state.store().health_application(id).await?,
        Err(_) => None,
    };
    // Only one's own granted application is a project to ask in; anything else is refused as out of force.
    let Some(row) = row.filter(|r| r.applicant_id == user && r.status.granted()) else {
        return Err(AskError::Scope(domain::permits::ScopeRule::NotInForce(
            today, today,
        )));
    };
    app::health::within_scope(state.store(), data, user, &row, definition, today).await?;
    Ok(store::Ledger::Project(row.id))
}

/// A scope refusal in words, naming the rule.
fn scope_text(t: Tr, rule: &domain::permits::ScopeRule) -> String {
    use domain::permits::ScopeRule as R;
    match rule {
        R::NotInForce(a, b) if a == b => t.t("health-scope-no-project"),
        R::NotInForce(a, b) => t.t2(
            "health-scope-not-in-force",
            ("from", &a.to_string()),
            ("to", &b.to_string()),
        ),
        R::Source(s) => t.t1("health-scope-source", "source", s),
        R::Variable(v) => t.t1(
            "health-scope-variable",
            "variable",
            t.t(&format!("permit-variable-{v}")),
        ),
        R::Years(a, b) => t.t2(
            "health-scope-years",
            ("from", &a.to_string()),
            ("to", &b.to_string()),
        ),
    }
}

fn refusal_text(t: Tr, e: &health::disclosure::BudgetError) -> String {
    use health::disclosure::BudgetError;
    match e {
        BudgetError::Exceeds { cost, left } => t.t2(
            "health-refused-exceeds",
            ("cost", &epsilon_text(t, *cost)),
            ("left", &epsilon_text(t, *left)),
        ),
        BudgetError::Spent { cost } | BudgetError::Overspent { granted: cost, .. } => {
            t.t1("health-refused-spent", "cost", epsilon_text(t, *cost))
        }
    }
}

// ----- The API -----

/// A concept of the vocabulary.
#[derive(Serialize, ToSchema)]
pub struct ConceptItem {
    /// OMOP concept id.
    pub concept_id: i64,
    /// Code in its vocabulary.
    pub code: String,
    /// ICD10, ATC, KVA or LOINC.
    pub vocabulary: String,
    /// Its level.
    pub class: String,
    /// Name in the asked language.
    pub name: String,
    /// The concept one level up, when there is one.
    pub parent_id: Option<i64>,
}

/// Concepts matching the query.
#[derive(Serialize, ToSchema)]
pub struct ConceptList {
    /// At most 50, in vocabulary order.
    pub items: Vec<ConceptItem>,
}

/// Concept search parameters.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
struct ConceptQuery {
    /// The start of a code, or words of the name (at most 100 characters).
    #[param(schema_with = crate::kit::openapi::text_100)]
    q: Option<String>,
    /// sv or en: the language of the names (default: `Accept-Language`).
    #[param(schema_with = crate::kit::openapi::lang)]
    lang: Option<String>,
}

/// Find concepts of the shipped vocabulary by code or name, in Swedish or English (`q`, at most 100 characters).
#[utoipa::path(
    get, path = "/api/v1/health-data/concepts", tag = "health-data",
    params(ConceptQuery),
    responses((status = 200, description = "Concepts", body = ConceptList),
              (status = 400, description = "A parameter is not valid", body = crate::kit::api::ErrorBody))
)]
pub(crate) async fn api_concepts(
    headers: HeaderMap,
    params: Params,
) -> Result<Json<ConceptList>, WebError> {
    let lang = params
        .vocabulary("lang", &Lang::ALL, Lang::code)?
        .unwrap_or_else(|| api_lang(&headers));
    let q = params.text("q", 100)?.unwrap_or_default().to_lowercase();
    let items = VOCABULARY
        .concepts()
        .iter()
        .filter(|c| matches!(c.vocabulary.as_str(), "ICD10" | "ATC" | "KVA" | "LOINC"))
        .filter(|c| {
            q.is_empty()
                || c.code.to_lowercase().starts_with(&q)
                || c.name_sv.to_lowercase().contains(&q)
                || c.name_en.to_lowercase().contains(&q)
        })
        .take(50)
        .map(|c| ConceptItem {
            concept_id: c.id,
            code: c.code.clone(),
            vocabulary: c.vocabulary.clone(),
            class: c.class.clone(),
            name: concept_name(c, lang).to_owned(),
            parent_id: c.parent,
        })
        .collect();
    Ok(Json(ConceptList { items }))
}

/// A released count: `{"count": n}` (noisy) or `{"fewer_than": 10}`.
#[derive(Serialize, ToSchema)]
#[schema(as = ReleasedCount)]
pub struct ReleasedSchema {
    /// The noisy count, when shown.
    pub count: Option<u64>,
    /// The threshold, when the count is below it.
    pub fewer_than: Option<u64>,
}

/// The released answer.
#[derive(Serialize, ToSchema)]
pub struct CountResponse {
    /// "synthetic" for the synthetic population.
    pub data: String,
    /// Persons in the cohort, released.
    #[schema(value_type = ReleasedSchema)]
    pub total: Released,
    /// Breakdowns (`year`, `age_band`, `sex`, `municipality`): label and released count per cell.
    #[schema(value_type = Vec<Object>)]
    pub breakdowns: Vec<(String, Vec<(String, Released)>)>,
    /// What the question cost (epsilon; 0 when it was asked before).
    pub cost: String,
    /// Whether it was asked before (the first answer is returned).
    pub repeated: bool,
    /// What is left of the budget (epsilon).
    pub budget_left: String,
}

/// Count a cohort. The body is either `{"definition": {...}}` in Samverkan's form (see the schema of
/// `CohortDefinition` in docs/health-data.md) or `{"circe": {...}}`, an ATLAS / Circe cohort expression in the
/// supported subset, with `"project": ID` to ask within a project (one's approved data-permit application: the
/// question must stay within its permit and is charged to its budget). Costs the caller's privacy budget (or the
/// project's) unless the same question was asked before.
#[utoipa::path(
    post, path = "/api/v1/health-data/cohorts/count", tag = "health-data",
    request_body(content = Object, description = "The definition", content_type = "application/json"),
    responses((status = 200, description = "Released figures", body = CountResponse),
              (status = 400, description = "The body is not JSON", body = crate::kit::api::ErrorBody),
              (status = 401, description = "Not signed in", body = crate::kit::api::ErrorBody),
              (status = 403, description = "Not a researcher", body = crate::kit::api::ErrorBody),
              (status = 409, description = "The privacy budget does not cover the question", body = crate::kit::api::ErrorBody),
              (status = 422, description = "The definition is not valid", body = crate::kit::api::ErrorBody)),
    security(("bearer" = []))
)]
pub(crate) async fn api_count(
    State(state): State<AppState>,
    headers: HeaderMap,
    caller: Caller,
    body: axum::body::Bytes,
) -> Result<Response, WebError> {
    caller.require(&Action::AskHealthData)?;
    caller.require(&Action::ChangeData)?;
    let t = Tr::new(api_lang(&headers));
    let json = crate::kit::json::body(&body)?;
    let definition = if let Some(c) = json.get("circe") {
        health::circe::import(&c.to_string()).map_err(|e| WebError::Invalid {
            field: "circe".into(),
            message: e.to_string(),
        })?
    } else {
        serde_json::from_value::<CohortDefinition>(
            json.get("definition").cloned().unwrap_or_default(),
        )
        .map_err(|e| WebError::Invalid {
            field: "definition".into(),
            message: t.t1("health-error-definition", "reason", e),
        })?
    };
    definition.check().map_err(|e| WebError::Invalid {
        field: format!("definition.{}", e.path),
        message: e.to_string(),
    })?;
    let d = data(&state)?.clone();
    let user = caller.user_id().ok_or(WebError::Unauthorized)?;
    let project = match json.get("project") {
        None | Some(serde_json::Value::Null) => String::new(),
        Some(serde_json::Value::Number(n)) => n.to_string(),
        Some(other) => other.as_str().unwrap_or("-").to_owned(),
    };
    let ledger = match project_ledger(&state, &d, user, &project, &definition).await {
        Ok(l) => l,
        Err(AskError::Scope(rule)) => return Err(WebError::Rule(scope_text(t, &rule))),
        Err(AskError::Store(e)) => return Err(e.into()),
        Err(e) => return Err(WebError::Internal(e.to_string())),
    };
    match app::health::ask(state.store(), &d, user, ledger, &definition).await {
        Ok(asked) => Ok(Json(CountResponse {
            data: if d.synthetic {
                "synthetic".into()
            } else {
                "real".into()
            },
            total: asked.answer.total,
            breakdowns: asked.answer.breakdowns,
            cost: asked.cost.to_string(),
            repeated: asked.repeated,
            budget_left: asked.left.to_string(),
        })
        .into_response()),
        Err(AskError::Budget(e)) => Err(WebError::Rule(refusal_text(t, &e))),
        Err(AskError::Engine(e)) => Err(WebError::Internal(e.to_string())),
        Err(AskError::Store(e)) => Err(e.into()),
        Err(AskError::Scope(rule)) => Err(WebError::Rule(scope_text(t, &rule))),
    }
}

/// Health data's part of the API document.
#[derive(utoipa::OpenApi)]
#[openapi(
    paths(
        api_concepts,
        api_count,
        sources::api_list,
        sources::api_jsonld,
        applications::api_list,
        applications::api_get,
        applications::api_move
    ),
    components(schemas(
        ConceptItem,
        ConceptList,
        CountResponse,
        ReleasedSchema,
        sources::SourceOut,
        sources::SourceList,
        applications::ApplicationOut,
        applications::ApplicationList,
        applications::ApplicationItem,
        applications::ReviewOut,
        applications::MoveIn
    ))
)]
pub(crate) struct Api;

/// Health data's routes.
pub(crate) fn routes() -> crate::kit::routes::Routes {
    use crate::kit::routes::{Rule, spec};
    use axum::routing::{get, post};
    vec![
        (
            spec("GET", "/{lang}/health-data", Rule::Public),
            get(overview),
        ),
        (
            spec("GET", "/{lang}/health-data/cohorts", Rule::Researcher),
            get(cohorts),
        ),
        (
            spec("POST", "/{lang}/health-data/cohorts", Rule::Researcher),
            post(ask),
        ),
        (
            spec("GET", "/{lang}/health-data/sources", Rule::Public),
            get(sources::list),
        ),
        (
            spec("GET", "/{lang}/health-data/sources/{slug}", Rule::Public),
            get(sources::page),
        ),
        (
            spec("GET", "/{lang}/health-data/applications", Rule::SignedIn),
            get(applications::list),
        ),
        (
            spec(
                "GET",
                "/{lang}/health-data/applications/new",
                Rule::Researcher,
            ),
            get(applications::new_page),
        ),
        (
            spec(
                "POST",
                "/{lang}/health-data/applications/new",
                Rule::Researcher,
            ),
            post(applications::create),
        ),
        (
            spec(
                "GET",
                "/{lang}/health-data/applications/{id}",
                Rule::SignedIn,
            ),
            get(applications::page),
        ),
        (
            spec(
                "GET",
                "/{lang}/health-data/applications/{id}/edit",
                Rule::SignedIn,
            ),
            get(applications::edit_page),
        ),
        (
            spec(
                "POST",
                "/{lang}/health-data/applications/{id}/edit",
                Rule::SignedIn,
            ),
            post(applications::edit),
        ),
        (
            spec(
                "POST",
                "/{lang}/health-data/applications/{id}/move",
                Rule::SignedIn,
            ),
            post(applications::move_form),
        ),
        (
            spec(
                "POST",
                "/{lang}/health-data/applications/{id}/review",
                Rule::SignedIn,
            ),
            post(applications::review),
        ),
        (
            spec(
                "POST",
                "/{lang}/health-data/applications/{id}/outputs",
                Rule::SignedIn,
            ),
            post(outputs::request),
        ),
        (
            spec("GET", "/{lang}/health-data/outputs", Rule::Public),
            get(outputs::list),
        ),
        (
            spec("GET", "/{lang}/health-data/outputs/{id}", Rule::Public),
            get(outputs::page),
        ),
        (
            spec(
                "POST",
                "/{lang}/health-data/outputs/{id}/vote",
                Rule::SignedIn,
            ),
            post(outputs::vote),
        ),
        (
            spec("POST", "/{lang}/health-data/outputs/{id}/link", Rule::Admin),
            post(outputs::link),
        ),
        (
            spec("GET", "/api/v1/health-data/applications", Rule::SignedIn),
            get(applications::api_list),
        ),
        (
            spec(
                "GET",
                "/api/v1/health-data/applications/{id}",
                Rule::SignedIn,
            ),
            get(applications::api_get),
        ),
        (
            spec(
                "POST",
                "/api/v1/health-data/applications/{id}/move",
                Rule::SignedIn,
            ),
            post(applications::api_move),
        ),
        (
            spec("GET", "/api/v1/health-data/concepts", Rule::Public),
            get(api_concepts),
        ),
        (
            spec("GET", "/api/v1/health-data/sources", Rule::Public),
            get(sources::api_list),
        ),
        (
            spec("GET", "/api/v1/health-data/sources.jsonld", Rule::Public),
            get(sources::api_jsonld),
        ),
        (
            spec(
                "POST",
                "/api/v1/health-data/cohorts/count",
                Rule::Researcher,
            ),
            post(api_count),
        ),
    ]
}
