//! Writing the action plans in the browser: an area's texts (`/{lang}/strategy/{slug}/edit`), new measures and
//! indicators (`.../measures/new`, `.../indicators/new`), a measure's whole plan — responsible and contributing
//! actors, period, budget and funding, milestones, the indicators it moves — (`/{lang}/measures/{id}/plan`) and
//! its removal while no follow-up has reported on it, an indicator's plan with interim targets
//! (`/{lang}/indicators/{id}/edit`), the versions of a plan (`/{lang}/strategy/{slug}/versions`), and the
//! office's yearly word (`/{lang}/follow-up/{year}/assessments/{slug}`, `.../foreword`). Everything is decided
//! and written by `app::plans`; this module reads forms and draws pages.

use crate::AppState;
use crate::kit::caller::Caller;
use crate::kit::error::WebError;
use crate::kit::forms::{Choice, Field, FieldKind, FormData, FormView, Section, actor_choices};
use crate::kit::page::{FormPage, Layout, Link, Nav, ensure_session, lang, render, respond};
use crate::kit::params::{Params, path_id};
use crate::kit::text::Text;
use app::plans::{
    AreaTextsInput, AssessmentInput, IndicatorInput, MAX_TEXT, MAX_TITLE, MeasureInput, PlanFail,
    Problems,
};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use domain::plan::{ChangeKind, PlanChange, PlanPart, PlanSnapshot, code_order};
use domain::strategy::{AutoIndicator, Direction, MeasureStatus, MilestoneStatus};
use domain::{Action, Lang, LangText, Slug};
use i18n::Tr;

/// Extra empty rows offered for new milestones, contributors and interim targets.
const SPARE_ROWS: usize = 2;

/// What a refusal of `app::plans` is on a page: field problems go back to the form, the rest is an error page.
fn failure(e: PlanFail) -> Result<Problems, WebError> {
    match e {
        PlanFail::Fields(p) => Ok(p),
        PlanFail::Forbidden => Err(WebError::Forbidden),
        PlanFail::NotFound => Err(WebError::NotFound),
        PlanFail::Store(e) => Err(e.into()),
    }
}

fn area_slug(raw: &str) -> Result<Slug, WebError> {
    Slug::parse(raw).map_err(|_| WebError::NotFound)
}

/// The area, when it exists.
async fn area_of(state: &AppState, slug: &Slug) -> Result<domain::strategy::FocusArea, WebError> {
    state
        .store()
        .focus_areas()
        .await?
        .into_iter()
        .find(|a| &a.slug == slug)
        .ok_or(WebError::NotFound)
}

/// A form page, with `problems` shown on their fields (422) or none (200).
fn form_response(
    lang: Lang,
    caller: &Caller,
    title: &str,
    path: &str,
    mut form: FormView,
    problems: Option<Problems>,
    cookie: Option<String>,
) -> Result<Response, WebError> {
    let status = match problems {
        Some(p) => {
            for (field, message) in p {
                form.set_error(&field, message);
            }
            StatusCode::UNPROCESSABLE_ENTITY
        }
        None => StatusCode::OK,
    };
    let mut layout = Layout::new(lang, title, path, Nav::Strategy, None);
    layout.set_caller(caller);
    Ok(respond(status, render(&FormPage { layout, form })?, cookie))
}

fn text_field(
    t: Tr,
    kind: FieldKind,
    name: &str,
    label: &str,
    l: &'static str,
    value: &str,
    max: usize,
) -> Field {
    Field::new(kind, name, t.t(label))
        .value(value)
        .lang(l)
        .required()
        .maxlength(max)
}

fn select(t: Tr, name: &str, label: &str, choices: Vec<Choice>) -> Field {
    Field::new(FieldKind::Select, name, t.t(label)).choices(choices)
}

fn choices<T: Copy>(
    all: &[T],
    code: fn(&T) -> &'static str,
    label: impl Fn(&T) -> String,
    current: &str,
) -> Vec<Choice> {
    all.iter()
        .map(|x| Choice {
            value: code(x).to_owned(),
            label: label(x),
            selected: code(x) == current,
        })
        .collect()
}

// ----- An area's texts -----

const AREA_TEXTS: [(&str, &str, usize); 5] = [
    ("name", "area-name", MAX_TITLE),
    ("current_state", "area-current-state", MAX_TEXT),
    ("strengths", "area-strengths", MAX_TEXT),
    ("desired_state", "area-desired-state", MAX_TEXT),
    ("development_needs", "area-development-needs", MAX_TEXT),
];

fn area_texts_form(t: Tr, lang: Lang, slug: &Slug, csrf: String, x: &AreaTextsInput) -> FormView {
    let value = |field: &str| -> &(String, String) {
        match field {
            "name" => &x.name,
            "current_state" => &x.current_state,
            "strengths" => &x.strengths,
            "desired_state" => &x.desired_state,
            _ => &x.development_needs,
        }
    };
    let section = |legend: &str, l: &'static str| Section {
        legend: Some(t.t(legend)),
        fields: AREA_TEXTS
            .iter()
            .map(|(field, label, max)| {
                let v = value(field);
                text_field(
                    t,
                    if *max == MAX_TITLE {
                        FieldKind::Text
                    } else {
                        FieldKind::Textarea
                    },
                    &format!("{field}_{l}"),
                    label,
                    l,
                    if l == "sv" { &v.0 } else { &v.1 },
                    *max,
                )
            })
            .collect(),
    };
    FormView {
        intro: vec![t.t("area-edit-intro")],
        action: format!("/{}/strategy/{slug}/edit", lang.code()),
        csrf,
        sections: vec![section("edit-swedish", "sv"), section("edit-english", "en")],
        submit: t.t("plan-save"),
        links: vec![Link {
            href: format!("/{}/strategy/{slug}", lang.code()),
            text: t.t("plan-back-to-area"),
        }],
        form_error: None,
        notice: None,
    }
}

fn area_texts_input(f: &FormData) -> AreaTextsInput {
    let pair = |field: &str| {
        (
            f.value(&format!("{field}_sv")),
            f.value(&format!("{field}_en")),
        )
    };
    AreaTextsInput {
        name: pair("name"),
        current_state: pair("current_state"),
        strengths: pair("strengths"),
        desired_state: pair("desired_state"),
        development_needs: pair("development_needs"),
    }
}

/// The area texts form.
pub(crate) async fn edit_area_page(
    State(state): State<AppState>,
    Path((code, raw)): Path<(String, String)>,
    caller: Caller,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    let slug = area_slug(&raw)?;
    caller.require(&Action::WritePlan(&slug))?;
    let area = area_of(&state, &slug).await?;
    let t = Tr::new(lang);
    let (csrf, cookie) = ensure_session(&state, &caller).await?;
    let input = AreaTextsInput::from_texts(&domain::plan::AreaTexts::of(&area));
    form_response(
        lang,
        &caller,
        &t.t1("area-edit-title", "area", area.name.get(lang)),
        &format!("strategy/{slug}/edit"),
        area_texts_form(t, lang, &slug, csrf, &input),
        None,
        cookie,
    )
}

/// Saves the area texts.
pub(crate) async fn save_area(
    State(state): State<AppState>,
    Path((code, raw)): Path<(String, String)>,
    caller: Caller,
    f: FormData,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    let slug = area_slug(&raw)?;
    caller.require(&Action::WritePlan(&slug))?;
    caller.check_csrf(Some(&f.value("csrf")))?;
    let area = area_of(&state, &slug).await?;
    let t = Tr::new(lang);
    let input = area_texts_input(&f);
    match app::plans::update_area_texts(state.store(), t, caller.principal.as_ref(), &slug, &input)
        .await
    {
        Ok(_) => {
            Ok(Redirect::to(&format!("/{}/strategy/{slug}?saved=1", lang.code())).into_response())
        }
        Err(e) => form_response(
            lang,
            &caller,
            &t.t1("area-edit-title", "area", area.name.get(lang)),
            &format!("strategy/{slug}/edit"),
            area_texts_form(
                t,
                lang,
                &slug,
                caller.csrf().unwrap_or_default().to_owned(),
                &input,
            ),
            Some(failure(e)?),
            None,
        ),
    }
}

// ----- Measures -----

fn measure_input(f: &FormData) -> MeasureInput {
    let mut milestones = Vec::new();
    let mut contributors = Vec::new();
    for i in 0..200 {
        let m = |k: &str| f.value(&format!("milestones[{i}].{k}"));
        if f.0.raw(&format!("milestones[{i}].due")).is_some() {
            milestones.push((m("title_sv"), m("title_en"), m("due"), m("status")));
        }
        let c = f.value(&format!("contributors[{i}]"));
        if !c.is_empty() {
            contributors.push(c);
        }
    }
    MeasureInput {
        code: f.value("code"),
        title: (f.value("title_sv"), f.value("title_en")),
        description: (f.value("description_sv"), f.value("description_en")),
        responsible: f.value("responsible"),
        contributors,
        start: f.value("start"),
        end: f.value("end"),
        status: f.value("status"),
        budget: f.value("budget"),
        currency: f.value("currency"),
        funding: (f.value("funding_sv"), f.value("funding_en")),
        milestones,
        indicators: f.all("indicators"),
    }
}

/// Where a measure form posts, and whether it creates one.
enum MeasureTarget {
    New(Slug),
    Existing(i64),
}

async fn measure_form(
    state: &AppState,
    t: Tr,
    lang: Lang,
    area: &Slug,
    target: &MeasureTarget,
    csrf: String,
    x: &MeasureInput,
) -> Result<FormView, WebError> {
    let actors = actor_choices(state, lang).await?;
    let actor_select = |name: &str, label: &str, current: &str, none: bool| {
        let mut list = Vec::new();
        if none {
            list.push(Choice {
                value: String::new(),
                label: t.t("plan-choose-none"),
                selected: current.is_empty(),
            });
        }
        list.extend(actors.iter().map(|(s, n)| Choice {
            value: s.clone(),
            label: n.clone(),
            selected: s == current,
        }));
        Field::new(FieldKind::Select, name, label.to_owned()).choices(list)
    };
    let indicators = state.store().indicators(Some(area)).await?;
    let mut first = Vec::new();
    if let MeasureTarget::New(_) = target {
        first.push(
            Field::new(FieldKind::Text, "code", t.t("plan-code"))
                .value(&x.code)
                .required()
                .maxlength(app::plans::MAX_CODE)
                .hint(t.t("plan-code-hint")),
        );
    }
    first.push(select(
        t,
        "status",
        "report-status",
        choices(
            MeasureStatus::ALL,
            |s| s.as_str(),
            |s| t.t(&format!("measure-status-{s}")),
            &x.status,
        ),
    ));
    first.push(actor_select(
        "responsible",
        &t.t("measure-responsible"),
        &x.responsible,
        false,
    ));
    first.push(
        Field::new(FieldKind::Text, "start", t.t("measure-start"))
            .value(&x.start)
            .hint(t.t("measure-date-hint")),
    );
    first.push(
        Field::new(FieldKind::Text, "end", t.t("measure-end"))
            .value(&x.end)
            .hint(t.t("measure-date-hint")),
    );
    let lang_section = |legend: &str, l: &'static str| {
        let pick = |v: &(String, String)| if l == "sv" { v.0.clone() } else { v.1.clone() };
        Section {
            legend: Some(t.t(legend)),
            fields: vec![
                text_field(
                    t,
                    FieldKind::Text,
                    &format!("title_{l}"),
                    "measure-title",
                    l,
                    &pick(&x.title),
                    MAX_TITLE,
                ),
                text_field(
                    t,
                    FieldKind::Textarea,
                    &format!("description_{l}"),
                    "measure-description",
                    l,
                    &pick(&x.description),
                    MAX_TEXT,
                ),
                Field::new(
                    FieldKind::Text,
                    &format!("funding_{l}"),
                    t.t("plan-funding"),
                )
                .value(pick(&x.funding))
                .lang(l)
                .maxlength(MAX_TITLE)
                .hint(t.t("plan-funding-hint")),
            ],
        }
    };
    let mut sections = vec![
        Section {
            legend: None,
            fields: first,
        },
        lang_section("edit-swedish", "sv"),
        lang_section("edit-english", "en"),
        Section {
            legend: Some(t.t("plan-budget-legend")),
            fields: vec![
                Field::new(FieldKind::Text, "budget", t.t("plan-budget"))
                    .value(&x.budget)
                    .hint(t.t("plan-budget-hint")),
                Field::new(FieldKind::Text, "currency", t.t("plan-currency"))
                    .value(if x.currency.is_empty() {
                        "SEK"
                    } else {
                        &x.currency
                    })
                    .maxlength(3)
                    .hint(t.t("plan-currency-hint")),
            ],
        },
    ];
    let mut contributor_fields = Vec::new();
    for (i, c) in x
        .contributors
        .iter()
        .map(String::as_str)
        .chain(std::iter::repeat_n("", SPARE_ROWS))
        .enumerate()
    {
        contributor_fields.push(actor_select(
            &format!("contributors[{i}]"),
            &t.t1("plan-contributor-n", "n", i + 1),
            c,
            true,
        ));
    }
    sections.push(Section {
        legend: Some(t.t("measure-contributors")),
        fields: contributor_fields,
    });
    let empty = (String::new(), String::new(), String::new(), String::new());
    for (i, m) in x
        .milestones
        .iter()
        .chain(std::iter::repeat_n(&empty, SPARE_ROWS))
        .enumerate()
    {
        let f = |k: &str| format!("milestones[{i}].{k}");
        sections.push(Section {
            legend: Some(t.t1("plan-milestone-n", "n", i + 1)),
            fields: vec![
                Field::new(
                    FieldKind::Text,
                    &f("title_sv"),
                    t.t("plan-milestone-title-sv"),
                )
                .value(&m.0)
                .lang("sv")
                .maxlength(MAX_TITLE),
                Field::new(
                    FieldKind::Text,
                    &f("title_en"),
                    t.t("plan-milestone-title-en"),
                )
                .value(&m.1)
                .lang("en")
                .maxlength(MAX_TITLE),
                Field::new(FieldKind::Text, &f("due"), t.t("plan-milestone-due"))
                    .value(&m.2)
                    .hint(t.t("measure-date-hint")),
                select(
                    t,
                    &f("status"),
                    "plan-milestone-status",
                    choices(
                        MilestoneStatus::ALL,
                        |s| s.as_str(),
                        |s| t.t(&format!("milestone-status-{s}")),
                        if m.3.is_empty() { "planned" } else { &m.3 },
                    ),
                ),
            ],
        });
    }
    if !indicators.is_empty() {
        sections.push(Section {
            legend: None,
            fields: vec![
                Field::new(FieldKind::Checkboxes, "indicators", t.t("plan-moves")).choices(
                    indicators
                        .iter()
                        .map(|i| Choice {
                            value: i.indicator.code.clone(),
                            label: format!("{} {}", i.indicator.code, i.indicator.name.get(lang)),
                            selected: x.indicators.contains(&i.indicator.code),
                        })
                        .collect(),
                ),
            ],
        });
    }
    let (action, back) = match target {
        MeasureTarget::New(a) => (
            format!("/{}/strategy/{a}/measures/new", lang.code()),
            Link {
                href: format!("/{}/strategy/{a}", lang.code()),
                text: t.t("plan-back-to-area"),
            },
        ),
        MeasureTarget::Existing(id) => (
            format!("/{}/measures/{id}/plan", lang.code()),
            Link {
                href: format!("/{}/measures/{id}", lang.code()),
                text: t.t("measure-back"),
            },
        ),
    };
    Ok(FormView {
        intro: vec![t.t("plan-measure-intro")],
        action,
        csrf,
        sections,
        submit: t.t("plan-save"),
        links: vec![back],
        form_error: None,
        notice: None,
    })
}

/// The new-measure form.
pub(crate) async fn new_measure_page(
    State(state): State<AppState>,
    Path((code, raw)): Path<(String, String)>,
    caller: Caller,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    let slug = area_slug(&raw)?;
    caller.require(&Action::WritePlan(&slug))?;
    let area = area_of(&state, &slug).await?;
    let t = Tr::new(lang);
    let (csrf, cookie) = ensure_session(&state, &caller).await?;
    let input = MeasureInput {
        status: "planned".into(),
        ..MeasureInput::default()
    };
    let form = measure_form(
        &state,
        t,
        lang,
        &slug,
        &MeasureTarget::New(slug.clone()),
        csrf,
        &input,
    )
    .await?;
    form_response(
        lang,
        &caller,
        &t.t1("plan-new-measure-title", "area", area.name.get(lang)),
        &format!("strategy/{slug}/measures/new"),
        form,
        None,
        cookie,
    )
}

/// Creates a measure.
pub(crate) async fn create_measure(
    State(state): State<AppState>,
    Path((code, raw)): Path<(String, String)>,
    caller: Caller,
    f: FormData,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    let slug = area_slug(&raw)?;
    caller.require(&Action::WritePlan(&slug))?;
    caller.check_csrf(Some(&f.value("csrf")))?;
    let area = area_of(&state, &slug).await?;
    let t = Tr::new(lang);
    let input = measure_input(&f);
    match app::plans::create_measure(state.store(), t, caller.principal.as_ref(), &slug, &input)
        .await
    {
        Ok(id) => {
            Ok(Redirect::to(&format!("/{}/measures/{id}?saved=1", lang.code())).into_response())
        }
        Err(e) => {
            let problems = failure(e)?;
            let csrf = caller.csrf().unwrap_or_default().to_owned();
            let form = measure_form(
                &state,
                t,
                lang,
                &slug,
                &MeasureTarget::New(slug.clone()),
                csrf,
                &input,
            )
            .await?;
            form_response(
                lang,
                &caller,
                &t.t1("plan-new-measure-title", "area", area.name.get(lang)),
                &format!("strategy/{slug}/measures/new"),
                form,
                Some(problems),
                None,
            )
        }
    }
}

/// The measure and the codes of the indicators it moves.
async fn measure_with_links(
    state: &AppState,
    raw: &str,
) -> Result<(store::MeasureRow, Vec<String>), WebError> {
    let id = path_id(raw)?;
    let row = app::plans::measure(state.store(), id)
        .await
        .map_err(|e| failure(e).err().unwrap_or(WebError::NotFound))?;
    let moves = state
        .store()
        .indicators(Some(&row.measure.area))
        .await?
        .into_iter()
        .filter(|i| i.indicator.measures.contains(&row.measure.code))
        .map(|i| i.indicator.code)
        .collect();
    Ok((row, moves))
}

fn measure_title(t: Tr, lang: Lang, row: &store::MeasureRow) -> String {
    t.t1(
        "plan-measure-title",
        "measure",
        format!("{} {}", row.measure.code, row.measure.title.get(lang)),
    )
}

/// A measure's whole plan.
pub(crate) async fn plan_measure_page(
    State(state): State<AppState>,
    Path((code, raw)): Path<(String, String)>,
    caller: Caller,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::UseOwnAccount)?;
    let (row, moves) = measure_with_links(&state, &raw).await?;
    caller.require(&Action::WritePlan(&row.measure.area))?;
    let t = Tr::new(lang);
    let (csrf, cookie) = ensure_session(&state, &caller).await?;
    let input = MeasureInput::from_measure(&row.measure, moves);
    let mut form = measure_form(
        &state,
        t,
        lang,
        &row.measure.area,
        &MeasureTarget::Existing(row.id),
        csrf,
        &input,
    )
    .await?;
    removal_note(&state, t, lang, &row, &mut form).await?;
    form_response(
        lang,
        &caller,
        &measure_title(t, lang, &row),
        &format!("measures/{}/plan", row.id),
        form,
        None,
        cookie,
    )
}

/// Says under the form how a measure leaves the plan: removed while no follow-up has reported on it, else
/// ended by its status.
async fn removal_note(
    state: &AppState,
    t: Tr,
    lang: Lang,
    row: &store::MeasureRow,
    form: &mut FormView,
) -> Result<(), WebError> {
    if state.store().measure_reported(row.id).await? {
        form.intro.push(t.t("plan-measure-reported"));
    } else {
        form.links.push(Link {
            href: format!("/{}/measures/{}/delete", lang.code(), row.id),
            text: t.t("plan-measure-remove-link"),
        });
    }
    Ok(())
}

/// Saves a measure's whole plan.
pub(crate) async fn save_measure_plan(
    State(state): State<AppState>,
    Path((code, raw)): Path<(String, String)>,
    caller: Caller,
    f: FormData,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::UseOwnAccount)?;
    let (row, _) = measure_with_links(&state, &raw).await?;
    caller.require(&Action::WritePlan(&row.measure.area))?;
    caller.check_csrf(Some(&f.value("csrf")))?;
    let t = Tr::new(lang);
    let input = measure_input(&f);
    match app::plans::update_measure(state.store(), t, caller.principal.as_ref(), row.id, &input)
        .await
    {
        Ok(_) => Ok(
            Redirect::to(&format!("/{}/measures/{}?saved=1", lang.code(), row.id)).into_response(),
        ),
        Err(e) => {
            let problems = failure(e)?;
            let csrf = caller.csrf().unwrap_or_default().to_owned();
            let mut form = measure_form(
                &state,
                t,
                lang,
                &row.measure.area,
                &MeasureTarget::Existing(row.id),
                csrf,
                &input,
            )
            .await?;
            removal_note(&state, t, lang, &row, &mut form).await?;
            form_response(
                lang,
                &caller,
                &measure_title(t, lang, &row),
                &format!("measures/{}/plan", row.id),
                form,
                Some(problems),
                None,
            )
        }
    }
}

/// What can leave a plan while nothing has been reported on it: a measure or an indicator.
struct Removal {
    /// `measure` or `indicator` (the path's segment and the messages' part).
    kind: &'static str,
    id: i64,
    area: Slug,
    /// Code and title, for the page's title.
    title: String,
    /// The form it was reached from, to go back to.
    back: String,
}

impl Removal {
    fn of_measure(lang: Lang, row: &store::MeasureRow) -> Removal {
        Removal {
            kind: "measure",
            id: row.id,
            area: row.measure.area.clone(),
            title: format!("{} {}", row.measure.code, row.measure.title.get(lang)),
            back: format!("/{}/measures/{}/plan", lang.code(), row.id),
        }
    }

    fn of_indicator(lang: Lang, row: &store::IndicatorRow) -> Removal {
        Removal {
            kind: "indicator",
            id: row.id,
            area: row.indicator.area.clone(),
            title: format!("{} {}", row.indicator.code, row.indicator.name.get(lang)),
            back: format!("/{}/indicators/{}/edit", lang.code(), row.id),
        }
    }

    fn path(&self) -> String {
        format!("{}s/{}/delete", self.kind, self.id)
    }

    fn page_title(&self, t: Tr) -> String {
        t.t1(
            &format!("plan-{}-remove-title", self.kind),
            self.kind,
            &self.title,
        )
    }

    fn form(&self, t: Tr, lang: Lang, csrf: String) -> FormView {
        FormView {
            intro: vec![t.t(&format!("plan-{}-remove-intro", self.kind))],
            action: format!("/{}/{}", lang.code(), self.path()),
            csrf,
            sections: vec![Section {
                legend: None,
                fields: vec![Field::new(FieldKind::Hidden, "delete", String::new()).value("1")],
            }],
            submit: t.t(&format!("plan-{}-remove", self.kind)),
            links: vec![Link {
                href: self.back.clone(),
                text: t.t(&format!("plan-{}-keep", self.kind)),
            }],
            form_error: None,
            notice: None,
        }
    }
}

/// Asks before a measure or an indicator leaves the plan.
async fn removal_page(
    state: &AppState,
    caller: &Caller,
    lang: Lang,
    r: &Removal,
) -> Result<Response, WebError> {
    caller.require(&Action::WritePlan(&r.area))?;
    let t = Tr::new(lang);
    let (csrf, cookie) = ensure_session(state, caller).await?;
    form_response(
        lang,
        caller,
        &r.page_title(t),
        &r.path(),
        r.form(t, lang, csrf),
        None,
        cookie,
    )
}

/// Removes a measure or an indicator nothing has been reported on; only the confirmation form removes: a post
/// without its field changes nothing.
async fn remove(
    state: &AppState,
    caller: &Caller,
    lang: Lang,
    r: &Removal,
    f: &FormData,
) -> Result<Response, WebError> {
    caller.require(&Action::WritePlan(&r.area))?;
    caller.check_csrf(Some(&f.value("csrf")))?;
    let t = Tr::new(lang);
    let outcome = if f.value("delete") != "1" {
        Err(PlanFail::Fields(vec![(
            "delete".into(),
            t.t("plan-measure-remove-confirm"),
        )]))
    } else if r.kind == "measure" {
        app::plans::delete_measure(state.store(), t, caller.principal.as_ref(), r.id).await
    } else {
        app::plans::delete_indicator(state.store(), t, caller.principal.as_ref(), r.id).await
    };
    match outcome {
        Ok(area) => Ok(Redirect::to(&format!(
            "/{}/strategy/{area}?removed={}",
            lang.code(),
            r.kind
        ))
        .into_response()),
        Err(e) => {
            let problems = failure(e)?;
            let mut form = r.form(t, lang, caller.csrf().unwrap_or_default().to_owned());
            form.form_error = problems.into_iter().next().map(|(_, m)| m);
            form_response(
                lang,
                caller,
                &r.page_title(t),
                &r.path(),
                form,
                Some(Vec::new()),
                None,
            )
        }
    }
}

/// Asks before a measure is removed.
pub(crate) async fn delete_measure_page(
    State(state): State<AppState>,
    Path((code, raw)): Path<(String, String)>,
    caller: Caller,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::UseOwnAccount)?;
    let (row, _) = measure_with_links(&state, &raw).await?;
    removal_page(&state, &caller, lang, &Removal::of_measure(lang, &row)).await
}

/// Removes a measure no follow-up has reported on.
pub(crate) async fn delete_measure(
    State(state): State<AppState>,
    Path((code, raw)): Path<(String, String)>,
    caller: Caller,
    f: FormData,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::UseOwnAccount)?;
    let (row, _) = measure_with_links(&state, &raw).await?;
    remove(&state, &caller, lang, &Removal::of_measure(lang, &row), &f).await
}

/// Asks before an indicator is removed.
pub(crate) async fn delete_indicator_page(
    State(state): State<AppState>,
    Path((code, raw)): Path<(String, String)>,
    caller: Caller,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::UseOwnAccount)?;
    let row = indicator_row(&state, &raw).await?;
    removal_page(&state, &caller, lang, &Removal::of_indicator(lang, &row)).await
}

/// Removes an indicator no follow-up has reported a value for.
pub(crate) async fn delete_indicator(
    State(state): State<AppState>,
    Path((code, raw)): Path<(String, String)>,
    caller: Caller,
    f: FormData,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::UseOwnAccount)?;
    let row = indicator_row(&state, &raw).await?;
    remove(
        &state,
        &caller,
        lang,
        &Removal::of_indicator(lang, &row),
        &f,
    )
    .await
}

// ----- Indicators -----

/// On an indicator's form: the way to remove it, or why it stays.
async fn indicator_removal_note(
    state: &AppState,
    t: Tr,
    lang: Lang,
    id: i64,
    form: &mut FormView,
) -> Result<(), WebError> {
    if state.store().indicator_reported(id).await? {
        form.intro.push(t.t("plan-indicator-reported"));
    } else {
        form.links.push(Link {
            href: format!("/{}/indicators/{id}/delete", lang.code()),
            text: t.t("plan-indicator-remove-link"),
        });
    }
    Ok(())
}

fn indicator_input(f: &FormData) -> IndicatorInput {
    let mut interim = Vec::new();
    for i in 0..200 {
        if f.0.raw(&format!("interim[{i}].year")).is_some() {
            interim.push((
                f.value(&format!("interim[{i}].year")),
                f.value(&format!("interim[{i}].value")),
            ));
        }
    }
    IndicatorInput {
        code: f.value("code"),
        name: (f.value("name_sv"), f.value("name_en")),
        unit: (f.value("unit_sv"), f.value("unit_en")),
        direction: f.value("direction"),
        baseline_value: f.value("baseline_value"),
        baseline_year: f.value("baseline_year"),
        target_value: f.value("target_value"),
        target_year: f.value("target_year"),
        interim,
        source: (f.value("source_sv"), f.value("source_en")),
        auto: f.value("auto"),
        measures: f.all("measures"),
    }
}

/// Where an indicator form posts.
enum IndicatorTarget {
    New(Slug),
    Existing(i64),
}

async fn indicator_form(
    state: &AppState,
    t: Tr,
    lang: Lang,
    area: &Slug,
    target: &IndicatorTarget,
    csrf: String,
    x: &IndicatorInput,
) -> Result<FormView, WebError> {
    let measures = state.store().measures(Some(area)).await?;
    let mut first = Vec::new();
    if let IndicatorTarget::New(_) = target {
        first.push(
            Field::new(FieldKind::Text, "code", t.t("plan-code"))
                .value(&x.code)
                .required()
                .maxlength(app::plans::MAX_CODE)
                .hint(t.t("plan-indicator-code-hint")),
        );
    }
    first.push(select(
        t,
        "direction",
        "indicator-direction",
        choices(
            Direction::ALL,
            |d| d.as_str(),
            |d| t.t(&format!("direction-{d}")),
            &x.direction,
        ),
    ));
    let figure = |name: &str, label: &str, value: &str| {
        Field::new(FieldKind::Text, name, t.t(label))
            .value(value)
            .required()
            .hint(t.t("indicator-number-hint"))
    };
    let year = |name: &str, label: &str, value: &str| {
        Field::new(FieldKind::Number, name, t.t(label))
            .value(value)
            .required()
    };
    first.extend([
        figure(
            "baseline_value",
            "indicator-baseline-value",
            &x.baseline_value,
        ),
        year("baseline_year", "indicator-baseline-year", &x.baseline_year),
        figure("target_value", "indicator-target-value", &x.target_value),
        year("target_year", "indicator-target-year", &x.target_year),
    ]);
    let mut autos = vec![Choice {
        value: String::new(),
        label: t.t("plan-auto-none"),
        selected: x.auto.is_empty(),
    }];
    autos.extend(choices(
        AutoIndicator::ALL,
        |a| a.as_str(),
        |a| t.t(&format!("auto-{a}")),
        &x.auto,
    ));
    first.push(select(t, "auto", "plan-auto", autos).hint(t.t("plan-auto-hint")));
    let lang_section = |legend: &str, l: &'static str| {
        let pick = |v: &(String, String)| if l == "sv" { v.0.clone() } else { v.1.clone() };
        Section {
            legend: Some(t.t(legend)),
            fields: vec![
                text_field(
                    t,
                    FieldKind::Text,
                    &format!("name_{l}"),
                    "indicator-name",
                    l,
                    &pick(&x.name),
                    MAX_TITLE,
                ),
                text_field(
                    t,
                    FieldKind::Text,
                    &format!("unit_{l}"),
                    "indicator-unit",
                    l,
                    &pick(&x.unit),
                    MAX_TITLE,
                ),
                text_field(
                    t,
                    FieldKind::Text,
                    &format!("source_{l}"),
                    "indicator-source",
                    l,
                    &pick(&x.source),
                    MAX_TITLE,
                ),
            ],
        }
    };
    let mut sections = vec![
        Section {
            legend: None,
            fields: first,
        },
        lang_section("edit-swedish", "sv"),
        lang_section("edit-english", "en"),
    ];
    let empty = (String::new(), String::new());
    let mut interim_fields = Vec::new();
    for (i, v) in x
        .interim
        .iter()
        .chain(std::iter::repeat_n(&empty, SPARE_ROWS))
        .enumerate()
    {
        interim_fields.push(
            Field::new(
                FieldKind::Number,
                &format!("interim[{i}].year"),
                t.t1("plan-interim-year-n", "n", i + 1),
            )
            .value(&v.0),
        );
        interim_fields.push(
            Field::new(
                FieldKind::Text,
                &format!("interim[{i}].value"),
                t.t1("plan-interim-value-n", "n", i + 1),
            )
            .value(&v.1)
            .hint(t.t("indicator-number-hint")),
        );
    }
    sections.push(Section {
        legend: Some(t.t("plan-interim-legend")),
        fields: interim_fields,
    });
    if !measures.is_empty() {
        sections.push(Section {
            legend: None,
            fields: vec![
                Field::new(
                    FieldKind::Checkboxes,
                    "measures",
                    t.t("plan-followed-measures"),
                )
                .choices(
                    measures
                        .iter()
                        .map(|m| Choice {
                            value: m.measure.code.clone(),
                            label: format!("{} {}", m.measure.code, m.measure.title.get(lang)),
                            selected: x.measures.contains(&m.measure.code),
                        })
                        .collect(),
                ),
            ],
        });
    }
    let (action, back) = match target {
        IndicatorTarget::New(a) => (
            format!("/{}/strategy/{a}/indicators/new", lang.code()),
            Link {
                href: format!("/{}/strategy/{a}", lang.code()),
                text: t.t("plan-back-to-area"),
            },
        ),
        IndicatorTarget::Existing(id) => (
            format!("/{}/indicators/{id}/edit", lang.code()),
            Link {
                href: format!("/{}/indicators/{id}", lang.code()),
                text: t.t("indicator-back"),
            },
        ),
    };
    Ok(FormView {
        intro: vec![t.t("indicator-edit-intro")],
        action,
        csrf,
        sections,
        submit: t.t("plan-save"),
        links: vec![back],
        form_error: None,
        notice: None,
    })
}

/// The new-indicator form.
pub(crate) async fn new_indicator_page(
    State(state): State<AppState>,
    Path((code, raw)): Path<(String, String)>,
    caller: Caller,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    let slug = area_slug(&raw)?;
    caller.require(&Action::WritePlan(&slug))?;
    let area = area_of(&state, &slug).await?;
    let t = Tr::new(lang);
    let (csrf, cookie) = ensure_session(&state, &caller).await?;
    let input = IndicatorInput {
        direction: "higher".into(),
        ..IndicatorInput::default()
    };
    let form = indicator_form(
        &state,
        t,
        lang,
        &slug,
        &IndicatorTarget::New(slug.clone()),
        csrf,
        &input,
    )
    .await?;
    form_response(
        lang,
        &caller,
        &t.t1("plan-new-indicator-title", "area", area.name.get(lang)),
        &format!("strategy/{slug}/indicators/new"),
        form,
        None,
        cookie,
    )
}

/// Creates an indicator.
pub(crate) async fn create_indicator(
    State(state): State<AppState>,
    Path((code, raw)): Path<(String, String)>,
    caller: Caller,
    f: FormData,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    let slug = area_slug(&raw)?;
    caller.require(&Action::WritePlan(&slug))?;
    caller.check_csrf(Some(&f.value("csrf")))?;
    let area = area_of(&state, &slug).await?;
    let t = Tr::new(lang);
    let input = indicator_input(&f);
    match app::plans::create_indicator(state.store(), t, caller.principal.as_ref(), &slug, &input)
        .await
    {
        Ok(id) => {
            Ok(Redirect::to(&format!("/{}/indicators/{id}?saved=1", lang.code())).into_response())
        }
        Err(e) => {
            let problems = failure(e)?;
            let csrf = caller.csrf().unwrap_or_default().to_owned();
            let form = indicator_form(
                &state,
                t,
                lang,
                &slug,
                &IndicatorTarget::New(slug.clone()),
                csrf,
                &input,
            )
            .await?;
            form_response(
                lang,
                &caller,
                &t.t1("plan-new-indicator-title", "area", area.name.get(lang)),
                &format!("strategy/{slug}/indicators/new"),
                form,
                Some(problems),
                None,
            )
        }
    }
}

async fn indicator_row(state: &AppState, raw: &str) -> Result<store::IndicatorRow, WebError> {
    let id = path_id(raw)?;
    app::plans::indicator(state.store(), id)
        .await
        .map_err(|e| failure(e).err().unwrap_or(WebError::NotFound))
}

fn indicator_title(t: Tr, lang: Lang, row: &store::IndicatorRow) -> String {
    t.t1(
        "indicator-edit-title",
        "indicator",
        format!("{} {}", row.indicator.code, row.indicator.name.get(lang)),
    )
}

/// An indicator's plan.
pub(crate) async fn edit_indicator_page(
    State(state): State<AppState>,
    Path((code, raw)): Path<(String, String)>,
    caller: Caller,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::UseOwnAccount)?;
    let row = indicator_row(&state, &raw).await?;
    caller.require(&Action::WritePlan(&row.indicator.area))?;
    let t = Tr::new(lang);
    let (csrf, cookie) = ensure_session(&state, &caller).await?;
    let input = IndicatorInput::from_indicator(&row.indicator);
    let mut form = indicator_form(
        &state,
        t,
        lang,
        &row.indicator.area,
        &IndicatorTarget::Existing(row.id),
        csrf,
        &input,
    )
    .await?;
    indicator_removal_note(&state, t, lang, row.id, &mut form).await?;
    form_response(
        lang,
        &caller,
        &indicator_title(t, lang, &row),
        &format!("indicators/{}/edit", row.id),
        form,
        None,
        cookie,
    )
}

/// Saves an indicator's plan.
pub(crate) async fn save_indicator(
    State(state): State<AppState>,
    Path((code, raw)): Path<(String, String)>,
    caller: Caller,
    f: FormData,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::UseOwnAccount)?;
    let row = indicator_row(&state, &raw).await?;
    caller.require(&Action::WritePlan(&row.indicator.area))?;
    caller.check_csrf(Some(&f.value("csrf")))?;
    let t = Tr::new(lang);
    let input = indicator_input(&f);
    match app::plans::update_indicator(state.store(), t, caller.principal.as_ref(), row.id, &input)
        .await
    {
        Ok(_) => Ok(
            Redirect::to(&format!("/{}/indicators/{}?saved=1", lang.code(), row.id))
                .into_response(),
        ),
        Err(e) => {
            let problems = failure(e)?;
            let csrf = caller.csrf().unwrap_or_default().to_owned();
            let mut form = indicator_form(
                &state,
                t,
                lang,
                &row.indicator.area,
                &IndicatorTarget::Existing(row.id),
                csrf,
                &input,
            )
            .await?;
            indicator_removal_note(&state, t, lang, row.id, &mut form).await?;
            form_response(
                lang,
                &caller,
                &indicator_title(t, lang, &row),
                &format!("indicators/{}/edit", row.id),
                form,
                Some(problems),
                None,
            )
        }
    }
}

// ----- Versions -----

/// One version in the list.
pub struct VersionLine {
    /// Its number.
    pub number: i64,
    /// Link to read it.
    pub href: String,
    /// From when.
    pub valid_from: String,
    /// Why.
    pub reason: Text,
    /// Who recorded it.
    pub by: String,
    /// The version in force today.
    pub in_force: bool,
    /// A version that takes effect later.
    pub future: bool,
    /// What changed from the version before, in sentences.
    pub changes: Vec<String>,
}

/// `/{lang}/strategy/{slug}/versions`.
#[derive(Template)]
#[template(path = "follow_up/plan-versions.html")]
pub struct VersionsPage {
    /// Frame.
    pub layout: Layout,
    /// Link back to the area.
    pub area_href: String,
    /// Newest first.
    pub versions: Vec<VersionLine>,
    /// What changed since the newest version (the plan as it stands), in sentences.
    pub since_last: Vec<String>,
    /// The form to record a version, for those who write the plan.
    pub form: Option<FormView>,
    /// A version was just recorded.
    pub saved: bool,
}

/// "What changed" as sentences a reader understands.
pub(crate) fn change_lines(t: Tr, changes: &[PlanChange]) -> Vec<String> {
    changes
        .iter()
        .map(|c| {
            let fields = c
                .fields
                .iter()
                .map(|f| t.t(&format!("plan-field-{f}")))
                .collect::<Vec<_>>()
                .join(", ");
            let what = match c.part {
                PlanPart::Texts => "texts",
                PlanPart::Measure => "measure",
                PlanPart::Indicator => "indicator",
            };
            let how = match c.kind {
                ChangeKind::Added => "added",
                ChangeKind::Removed => "removed",
                ChangeKind::Changed => "changed",
            };
            t.t2(
                &format!("plan-change-{what}-{how}"),
                ("code", c.code.as_str()),
                ("fields", fields.as_str()),
            )
        })
        .collect()
}

fn version_form(t: Tr, lang: Lang, slug: &Slug, csrf: String, f: Option<&FormData>) -> FormView {
    let v = |name: &str| f.map(|f| f.value(name)).unwrap_or_default();
    FormView {
        intro: vec![t.t("plan-version-intro")],
        action: format!("/{}/strategy/{slug}/versions", lang.code()),
        csrf,
        sections: vec![Section {
            legend: Some(t.t("plan-version-legend")),
            fields: vec![
                Field::new(
                    FieldKind::Text,
                    "valid_from",
                    t.t("plan-version-valid-from"),
                )
                .value(v("valid_from"))
                .required()
                .hint(t.t("measure-date-hint")),
                Field::new(
                    FieldKind::Textarea,
                    "reason_sv",
                    t.t("plan-version-reason-sv"),
                )
                .value(v("reason_sv"))
                .lang("sv")
                .required()
                .maxlength(MAX_TEXT),
                Field::new(
                    FieldKind::Textarea,
                    "reason_en",
                    t.t("plan-version-reason-en"),
                )
                .value(v("reason_en"))
                .lang("en")
                .required()
                .maxlength(MAX_TEXT),
            ],
        }],
        submit: t.t("plan-version-submit"),
        links: Vec::new(),
        form_error: None,
        notice: None,
    }
}

async fn versions_page(
    state: &AppState,
    lang: Lang,
    caller: &Caller,
    slug: &Slug,
    form: Option<FormView>,
    saved: bool,
) -> Result<VersionsPage, WebError> {
    let t = Tr::new(lang);
    let area = area_of(state, slug).await?;
    let versions = state.store().plan_versions(slug).await?;
    let today = store::today();
    let in_force = versions
        .iter()
        .rev()
        .find(|v| v.valid_from <= today)
        .map(|v| v.number);
    let mut lines = Vec::new();
    for (i, v) in versions.iter().enumerate() {
        let changes = match i.checked_sub(1).and_then(|p| versions.get(p)) {
            Some(prev) => change_lines(t, &prev.plan.changes(&v.plan)),
            None => vec![t.t("plan-version-first")],
        };
        lines.push(VersionLine {
            number: v.number,
            href: format!("/{}/strategy/{slug}/versions/{}", lang.code(), v.number),
            valid_from: v.valid_from.to_string(),
            reason: Text::of(&v.reason, lang),
            by: v
                .by
                .clone()
                .unwrap_or_else(|| t.t("plan-version-by-office")),
            in_force: Some(v.number) == in_force,
            future: v.valid_from > today,
            changes,
        });
    }
    lines.reverse();
    let now = state.store().plan_snapshot(slug).await?;
    let since_last = versions
        .last()
        .map(|v| change_lines(t, &v.plan.changes(&now)))
        .unwrap_or_default();
    let mut layout = Layout::new(
        lang,
        &t.t1("plan-versions-title", "area", area.name.get(lang)),
        &format!("strategy/{slug}/versions"),
        Nav::Strategy,
        None,
    );
    layout.set_caller(caller);
    Ok(VersionsPage {
        layout,
        area_href: format!("/{}/strategy/{slug}", lang.code()),
        versions: lines,
        since_last,
        form,
        saved,
    })
}

/// The versions of an area's plan.
pub(crate) async fn versions(
    State(state): State<AppState>,
    Path((code, raw)): Path<(String, String)>,
    caller: Caller,
    params: Params,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    let slug = area_slug(&raw)?;
    let t = Tr::new(lang);
    let (form, cookie) = if caller.may(&Action::WritePlan(&slug)) {
        let (csrf, cookie) = ensure_session(&state, &caller).await?;
        (Some(version_form(t, lang, &slug, csrf, None)), cookie)
    } else {
        (None, None)
    };
    let page = versions_page(
        &state,
        lang,
        &caller,
        &slug,
        form,
        params.get("saved").is_some(),
    )
    .await?;
    Ok(respond(StatusCode::OK, render(&page)?, cookie))
}

/// Records a version of an area's plan.
pub(crate) async fn record_version(
    State(state): State<AppState>,
    Path((code, raw)): Path<(String, String)>,
    caller: Caller,
    f: FormData,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    let slug = area_slug(&raw)?;
    caller.require(&Action::WritePlan(&slug))?;
    caller.check_csrf(Some(&f.value("csrf")))?;
    area_of(&state, &slug).await?;
    let t = Tr::new(lang);
    match app::plans::record_version(
        state.store(),
        t,
        caller.principal.as_ref(),
        &slug,
        &f.value("valid_from"),
        &(f.value("reason_sv"), f.value("reason_en")),
    )
    .await
    {
        Ok(_) => Ok(Redirect::to(&format!(
            "/{}/strategy/{slug}/versions?saved=1",
            lang.code()
        ))
        .into_response()),
        Err(e) => {
            let problems = failure(e)?;
            let mut form = version_form(
                t,
                lang,
                &slug,
                caller.csrf().unwrap_or_default().to_owned(),
                Some(&f),
            );
            for (field, message) in problems {
                form.set_error(&field, message);
            }
            let page = versions_page(&state, lang, &caller, &slug, Some(form), false).await?;
            Ok(respond(
                StatusCode::UNPROCESSABLE_ENTITY,
                render(&page)?,
                None,
            ))
        }
    }
}

/// A measure of a version as shown.
pub struct VersionMeasure {
    /// Code.
    pub code: String,
    /// Title.
    pub title: Text,
    /// Responsible actor's name.
    pub responsible: String,
    /// Period in words.
    pub period: String,
    /// Status label.
    pub status: String,
    /// Budget in words, when stated.
    pub budget: Option<String>,
    /// Milestones: (due, title, status label).
    pub milestones: Vec<(String, Text, String)>,
}

/// An indicator of a version as shown.
pub struct VersionIndicator {
    /// Code.
    pub code: String,
    /// Name.
    pub name: Text,
    /// Baseline, interim targets and target in words.
    pub targets: String,
}

/// `/{lang}/strategy/{slug}/versions/{n}`.
#[derive(Template)]
#[template(path = "follow_up/plan-version.html")]
pub struct VersionPage {
    /// Frame.
    pub layout: Layout,
    /// Link to the list of versions.
    pub versions_href: String,
    /// From when, and why.
    pub valid_from: String,
    /// Why.
    pub reason: Text,
    /// The area's texts: (heading, text).
    pub texts: Vec<(String, Text)>,
    /// Measures in code order.
    pub measures: Vec<VersionMeasure>,
    /// Indicators in code order.
    pub indicators: Vec<VersionIndicator>,
}

/// One version of an area's plan, as it was.
pub(crate) async fn version(
    State(state): State<AppState>,
    Path((code, raw, n)): Path<(String, String, String)>,
    caller: Caller,
) -> Result<Html<String>, WebError> {
    let lang = lang(&code)?;
    let slug = area_slug(&raw)?;
    let number: i64 = n.parse().map_err(|_| WebError::NotFound)?;
    let t = Tr::new(lang);
    let area = area_of(&state, &slug).await?;
    let v = state
        .store()
        .plan_versions(&slug)
        .await?
        .into_iter()
        .find(|v| v.number == number)
        .ok_or(WebError::NotFound)?;
    let names: std::collections::HashMap<String, String> =
        actor_choices(&state, lang).await?.into_iter().collect();
    let mut layout = Layout::new(
        lang,
        &t.t2(
            "plan-version-title",
            ("area", area.name.get(lang)),
            ("number", &number.to_string()),
        ),
        &format!("strategy/{slug}/versions/{number}"),
        Nav::Strategy,
        None,
    );
    layout.set_caller(&caller);
    render(&version_view(t, lang, layout, &slug, &v.plan, &names, &v))
}

fn version_view(
    t: Tr,
    lang: Lang,
    layout: Layout,
    slug: &Slug,
    plan: &PlanSnapshot,
    names: &std::collections::HashMap<String, String>,
    v: &store::PlanVersionRow,
) -> VersionPage {
    let x = &plan.texts;
    let texts = vec![
        (t.t("area-current-state"), Text::of(&x.current_state, lang)),
        (t.t("area-strengths"), Text::of(&x.strengths, lang)),
        (t.t("area-desired-state"), Text::of(&x.desired_state, lang)),
        (
            t.t("area-development-needs"),
            Text::of(&x.development_needs, lang),
        ),
    ];
    let label = |key: &str, code: &str| {
        i18n::try_translate(lang, &format!("{key}-{code}")).unwrap_or_else(|| code.to_owned())
    };
    let mut measures: Vec<(&String, &domain::plan::MeasureSnapshot)> =
        plan.measures.iter().collect();
    measures.sort_by(|a, b| code_order(a.0, b.0));
    let mut indicators: Vec<(&String, &domain::plan::IndicatorSnapshot)> =
        plan.indicators.iter().collect();
    indicators.sort_by(|a, b| code_order(a.0, b.0));
    let number = |v: f64| i18n::number(v, lang);
    VersionPage {
        layout,
        versions_href: format!("/{}/strategy/{slug}/versions", lang.code()),
        valid_from: v.valid_from.to_string(),
        reason: Text::of(&v.reason, lang),
        texts,
        measures: measures
            .into_iter()
            .map(|(code, m)| VersionMeasure {
                code: code.clone(),
                title: Text::of(&m.title, lang),
                responsible: names
                    .get(&m.responsible)
                    .cloned()
                    .unwrap_or_else(|| m.responsible.clone()),
                period: match (&m.start, &m.end) {
                    (None, None) => t.t("not-stated"),
                    (s, e) => format!(
                        "{} – {}",
                        s.clone().unwrap_or_default(),
                        e.clone().unwrap_or_default()
                    ),
                },
                status: label("measure-status", &m.status),
                budget: m
                    .budget
                    .as_ref()
                    .map(|(amount, currency)| format!("{} {currency}", number(*amount))),
                milestones: m
                    .milestones
                    .iter()
                    .map(|x| {
                        (
                            x.due.clone(),
                            Text::of(&x.title, lang),
                            label("milestone-status", &x.status),
                        )
                    })
                    .collect(),
            })
            .collect(),
        indicators: indicators
            .into_iter()
            .map(|(code, i)| {
                let mut points = vec![format!("{}: {}", i.baseline.0, number(i.baseline.1))];
                points.extend(
                    i.interim
                        .iter()
                        .map(|(y, v)| format!("{y}: {}", number(*v))),
                );
                points.push(format!("{}: {}", i.target.0, number(i.target.1)));
                VersionIndicator {
                    code: code.clone(),
                    name: Text::of(&i.name, lang),
                    targets: format!("{} ({})", points.join(" → "), i.unit.get(lang)),
                }
            })
            .collect(),
    }
}

// ----- The office's word -----

const ASSESSMENT: [(&str, &str); 3] = [
    ("went_well", "assessment-went-well"),
    ("behind", "assessment-behind"),
    ("changes", "assessment-changes"),
];

fn assessment_form(
    t: Tr,
    lang: Lang,
    year: i32,
    slug: &Slug,
    csrf: String,
    x: &AssessmentInput,
) -> FormView {
    let value = |field: &str| -> &(String, String) {
        match field {
            "went_well" => &x.went_well,
            "behind" => &x.behind,
            _ => &x.changes,
        }
    };
    let section = |legend: &str, l: &'static str| Section {
        legend: Some(t.t(legend)),
        fields: ASSESSMENT
            .iter()
            .map(|(field, label)| {
                let v = value(field);
                Field::new(FieldKind::Textarea, &format!("{field}_{l}"), t.t(label))
                    .value(if l == "sv" { &v.0 } else { &v.1 })
                    .lang(l)
                    .maxlength(MAX_TEXT)
            })
            .collect(),
    };
    FormView {
        intro: vec![t.t("assessment-intro")],
        action: format!("/{}/follow-up/{year}/assessments/{slug}", lang.code()),
        csrf,
        sections: vec![section("edit-swedish", "sv"), section("edit-english", "en")],
        submit: t.t("plan-save"),
        links: vec![Link {
            href: format!("/{}/follow-up/{year}", lang.code()),
            text: t.t("assessment-back"),
        }],
        form_error: None,
        notice: None,
    }
}

async fn cycle_exists(state: &AppState, year: i32) -> Result<(), WebError> {
    state
        .store()
        .cycle(year)
        .await?
        .map(|_| ())
        .ok_or(WebError::NotFound)
}

/// The office's assessment form for an area and year.
pub(crate) async fn assessment_page(
    State(state): State<AppState>,
    Path((code, year, raw)): Path<(String, String, String)>,
    caller: Caller,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::RunFollowUp)?;
    let year = super::cycles::year_of(&year)?;
    let slug = area_slug(&raw)?;
    let area = area_of(&state, &slug).await?;
    cycle_exists(&state, year).await?;
    let t = Tr::new(lang);
    let (csrf, cookie) = ensure_session(&state, &caller).await?;
    let current = state
        .store()
        .assessment(&slug, year)
        .await?
        .unwrap_or_default();
    let pair = |l: &LangText| (l.sv.clone(), l.en.clone());
    let input = AssessmentInput {
        went_well: pair(&current.went_well),
        behind: pair(&current.behind),
        changes: pair(&current.changes),
    };
    form_response(
        lang,
        &caller,
        &t.t2(
            "assessment-title",
            ("area", area.name.get(lang)),
            ("year", &year.to_string()),
        ),
        &format!("follow-up/{year}/assessments/{slug}"),
        assessment_form(t, lang, year, &slug, csrf, &input),
        None,
        cookie,
    )
}

/// Saves the office's assessment.
pub(crate) async fn save_assessment(
    State(state): State<AppState>,
    Path((code, year, raw)): Path<(String, String, String)>,
    caller: Caller,
    f: FormData,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::RunFollowUp)?;
    caller.check_csrf(Some(&f.value("csrf")))?;
    let year = super::cycles::year_of(&year)?;
    let slug = area_slug(&raw)?;
    let area = area_of(&state, &slug).await?;
    cycle_exists(&state, year).await?;
    let t = Tr::new(lang);
    let pair = |field: &str| {
        (
            f.value(&format!("{field}_sv")),
            f.value(&format!("{field}_en")),
        )
    };
    let input = AssessmentInput {
        went_well: pair("went_well"),
        behind: pair("behind"),
        changes: pair("changes"),
    };
    match app::plans::save_assessment(
        state.store(),
        t,
        caller.principal.as_ref(),
        &slug,
        year,
        &input,
    )
    .await
    {
        Ok(_) => Ok(Redirect::to(&format!(
            "/{}/follow-up/{year}?saved=assessment",
            lang.code()
        ))
        .into_response()),
        Err(e) => form_response(
            lang,
            &caller,
            &t.t2(
                "assessment-title",
                ("area", area.name.get(lang)),
                ("year", &year.to_string()),
            ),
            &format!("follow-up/{year}/assessments/{slug}"),
            assessment_form(
                t,
                lang,
                year,
                &slug,
                caller.csrf().unwrap_or_default().to_owned(),
                &input,
            ),
            Some(failure(e)?),
            None,
        ),
    }
}

fn foreword_form(t: Tr, lang: Lang, year: i32, csrf: String, x: &(String, String)) -> FormView {
    FormView {
        intro: vec![t.t("foreword-intro")],
        action: format!("/{}/follow-up/{year}/foreword", lang.code()),
        csrf,
        sections: vec![Section {
            legend: None,
            fields: vec![
                Field::new(FieldKind::Textarea, "foreword_sv", t.t("foreword-sv"))
                    .value(&x.0)
                    .lang("sv")
                    .maxlength(MAX_TEXT),
                Field::new(FieldKind::Textarea, "foreword_en", t.t("foreword-en"))
                    .value(&x.1)
                    .lang("en")
                    .maxlength(MAX_TEXT),
            ],
        }],
        submit: t.t("plan-save"),
        links: vec![Link {
            href: format!("/{}/follow-up/{year}", lang.code()),
            text: t.t("assessment-back"),
        }],
        form_error: None,
        notice: None,
    }
}

/// The foreword form.
pub(crate) async fn foreword_page(
    State(state): State<AppState>,
    Path((code, year)): Path<(String, String)>,
    caller: Caller,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::RunFollowUp)?;
    let year = super::cycles::year_of(&year)?;
    cycle_exists(&state, year).await?;
    let t = Tr::new(lang);
    let (csrf, cookie) = ensure_session(&state, &caller).await?;
    let current = state.store().foreword(year).await?;
    form_response(
        lang,
        &caller,
        &t.t1("foreword-title", "year", year),
        &format!("follow-up/{year}/foreword"),
        foreword_form(t, lang, year, csrf, &(current.sv, current.en)),
        None,
        cookie,
    )
}

/// Saves the foreword.
pub(crate) async fn save_foreword(
    State(state): State<AppState>,
    Path((code, year)): Path<(String, String)>,
    caller: Caller,
    f: FormData,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::RunFollowUp)?;
    caller.check_csrf(Some(&f.value("csrf")))?;
    let year = super::cycles::year_of(&year)?;
    cycle_exists(&state, year).await?;
    let t = Tr::new(lang);
    let input = (f.value("foreword_sv"), f.value("foreword_en"));
    match app::plans::save_foreword(state.store(), t, caller.principal.as_ref(), year, &input).await
    {
        Ok(_) => Ok(
            Redirect::to(&format!("/{}/follow-up/{year}?saved=foreword", lang.code()))
                .into_response(),
        ),
        Err(e) => form_response(
            lang,
            &caller,
            &t.t1("foreword-title", "year", year),
            &format!("follow-up/{year}/foreword"),
            foreword_form(
                t,
                lang,
                year,
                caller.csrf().unwrap_or_default().to_owned(),
                &input,
            ),
            Some(failure(e)?),
            None,
        ),
    }
}
