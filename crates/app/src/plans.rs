//! Writing the action plans: an area's texts, measures (with milestones, budget, funding and the indicators they
//! move) and indicators (with interim targets and an automatic source), dated versions of a plan, and the
//! programme office's yearly word. One validation per kind of input, shared by the forms and the import; one
//! policy check (the office, or the lead of the area's working group); one audited write. A refused attempt is
//! audited as `denied`.

use crate::actors::deny;
use domain::followup::parse_number;
use domain::plan::AreaTexts;
use domain::strategy::{
    AutoIndicator, Budget, Currency, Direction, Indicator, Measure, MeasureStatus, Milestone,
    MilestoneStatus, YearValue,
};
use domain::{Action, Decision, IsoDate, LangText, Principal, Slug};
use i18n::Tr;
use store::{Assessment, Store, StoreError};

/// Longest title, name or unit.
pub const MAX_TITLE: usize = 300;
/// Longest text (a description, an area text, an assessment).
pub const MAX_TEXT: usize = 10_000;
/// Longest code (`1.3`, `2.b`).
pub const MAX_CODE: usize = 20;
/// Most milestones of one measure, interim targets of one indicator.
pub const MAX_ROWS: usize = 50;

/// Field problems: (field name, translated message).
pub type Problems = Vec<(String, String)>;

/// Why a change of a plan was refused.
#[derive(Debug, thiserror::Error)]
pub enum PlanFail {
    /// The policy does not let this person change this plan (audited as `denied`).
    #[error("forbidden")]
    Forbidden,
    /// The measure, indicator, area or year does not exist.
    #[error("not found")]
    NotFound,
    /// Fields refused, each with its message.
    #[error("fields refused: {0:?}")]
    Fields(Problems),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

struct Check<'a> {
    t: Tr,
    problems: &'a mut Problems,
}

impl Check<'_> {
    fn push(&mut self, field: &str, message: String) {
        self.problems.push((field.to_owned(), message));
    }

    /// A required text of at most `max` characters.
    fn text(&mut self, field: &str, v: &str, max: usize) -> String {
        let v = v.trim();
        if v.is_empty() {
            self.push(field, self.t.t("field-required"));
        } else if v.chars().count() > max {
            self.push(field, self.t.t1("field-too-long", "max", max));
        }
        v.to_owned()
    }

    /// An optional text of at most `max` characters.
    fn optional(&mut self, field: &str, v: &str, max: usize) -> String {
        let v = v.trim();
        if v.chars().count() > max {
            self.push(field, self.t.t1("field-too-long", "max", max));
        }
        v.to_owned()
    }

    /// Both languages of a required text.
    fn both(&mut self, field: &str, v: &(String, String), max: usize) -> LangText {
        LangText::new(
            self.text(&format!("{field}_sv"), &v.0, max),
            self.text(&format!("{field}_en"), &v.1, max),
        )
    }

    fn date(&mut self, field: &str, v: &str) -> Option<IsoDate> {
        let v = v.trim();
        if v.is_empty() {
            return None;
        }
        IsoDate::parse(v)
            .map_err(|_| self.push(field, self.t.t("measure-error-date")))
            .ok()
    }

    fn year(&mut self, field: &str, v: &str) -> Option<i32> {
        match v.trim().parse::<i32>() {
            Ok(y) if (1990..=2100).contains(&y) => Some(y),
            _ => {
                self.push(field, self.t.t("plan-error-year"));
                None
            }
        }
    }

    fn number(&mut self, field: &str, v: &str) -> Option<f64> {
        parse_number(v)
            .map_err(|_| self.push(field, self.t.t("indicator-error-number")))
            .ok()
    }

    fn code(&mut self, field: &str, v: &str) -> String {
        let v = v.trim();
        let ok = !v.is_empty()
            && v.chars().count() <= MAX_CODE
            && v.split('.')
                .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric()));
        if !ok {
            self.push(field, self.t.t("plan-error-code"));
        }
        v.to_owned()
    }

    fn slug(&mut self, field: &str, v: &str) -> Option<Slug> {
        Slug::parse(v.trim())
            .map_err(|_| self.push(field, self.t.t("field-choose")))
            .ok()
    }
}

/// A measure as a form or an import row gives it, before validation.
#[derive(Debug, Clone, Default)]
pub struct MeasureInput {
    /// Its code in the plan (only when it is created; a code never changes).
    pub code: String,
    /// Title (sv, en).
    pub title: (String, String),
    /// Description (sv, en).
    pub description: (String, String),
    /// The responsible actor's slug.
    pub responsible: String,
    /// Contributing actors' slugs.
    pub contributors: Vec<String>,
    /// Start (YYYY-MM-DD, may be empty).
    pub start: String,
    /// End (YYYY-MM-DD, may be empty).
    pub end: String,
    /// Status code.
    pub status: String,
    /// Budget amount (may be empty).
    pub budget: String,
    /// Budget currency code (SEK when empty).
    pub currency: String,
    /// Funding source (sv, en; both may be empty).
    pub funding: (String, String),
    /// Milestones: (title sv, title en, due date, status code); all-empty rows are left out.
    pub milestones: Vec<(String, String, String, String)>,
    /// Codes of the indicators (in the same area) it moves.
    pub indicators: Vec<String>,
}

impl MeasureInput {
    /// A measure as input (to fill the form).
    pub fn from_measure(m: &Measure, indicators: Vec<String>) -> MeasureInput {
        MeasureInput {
            code: m.code.clone(),
            title: (m.title.sv.clone(), m.title.en.clone()),
            description: (m.description.sv.clone(), m.description.en.clone()),
            responsible: m.responsible.to_string(),
            contributors: m.contributors.iter().map(ToString::to_string).collect(),
            start: m.start.map(|d| d.to_string()).unwrap_or_default(),
            end: m.end.map(|d| d.to_string()).unwrap_or_default(),
            status: m.status.as_str().to_owned(),
            budget: m.budget.map(|b| number_text(b.amount)).unwrap_or_default(),
            currency: m
                .budget
                .map_or_else(String::new, |b| b.currency.as_str().to_owned()),
            funding: (m.funding.sv.clone(), m.funding.en.clone()),
            milestones: m
                .milestones
                .iter()
                .map(|x| {
                    (
                        x.title.sv.clone(),
                        x.title.en.clone(),
                        x.due.to_string(),
                        x.status.as_str().to_owned(),
                    )
                })
                .collect(),
            indicators,
        }
    }

    /// Validates into a measure of `area`; every problem with its field and a translated message.
    pub fn validate(&self, t: Tr, area: &Slug) -> Result<(Measure, Vec<String>), Problems> {
        let mut problems = Vec::new();
        let mut c = Check {
            t,
            problems: &mut problems,
        };
        let code = c.code("code", &self.code);
        let title = c.both("title", &self.title, MAX_TITLE);
        let description = c.both("description", &self.description, MAX_TEXT);
        let responsible = c.slug("responsible", &self.responsible);
        let mut contributors: Vec<Slug> = Vec::new();
        for x in &self.contributors {
            if let Some(s) = c.slug("contributors", x)
                && !contributors.contains(&s)
                && Some(&s) != responsible.as_ref()
            {
                contributors.push(s);
            }
        }
        let start = c.date("start", &self.start);
        let end = c.date("end", &self.end);
        if let (Some(s), Some(e)) = (start, end)
            && e < s
        {
            c.push("end", t.t("measure-error-order"));
        }
        let status = MeasureStatus::parse(self.status.trim());
        if status.is_none() {
            c.push("status", t.t("field-choose"));
        }
        let budget = if self.budget.trim().is_empty() {
            if !self.currency.trim().is_empty() && Currency::parse(&self.currency).is_none() {
                c.push("currency", t.t("plan-error-currency"));
            }
            None
        } else {
            let amount = c.number("budget", &self.budget);
            if amount.is_some_and(|a| a < 0.0) {
                c.push("budget", t.t("plan-error-negative"));
            }
            let currency = if self.currency.trim().is_empty() {
                Some(Currency::SEK)
            } else {
                let x = Currency::parse(&self.currency);
                if x.is_none() {
                    c.push("currency", t.t("plan-error-currency"));
                }
                x
            };
            amount
                .zip(currency)
                .map(|(amount, currency)| Budget { amount, currency })
        };
        let funding = LangText::new(
            c.optional("funding_sv", &self.funding.0, MAX_TITLE),
            c.optional("funding_en", &self.funding.1, MAX_TITLE),
        );
        let mut milestones = Vec::new();
        let rows: Vec<_> = self
            .milestones
            .iter()
            .enumerate()
            .filter(|(_, (a, b, d, _))| {
                !(a.trim().is_empty() && b.trim().is_empty() && d.trim().is_empty())
            })
            .collect();
        if rows.len() > MAX_ROWS {
            c.push("milestones", t.t1("plan-error-rows", "max", MAX_ROWS));
        }
        for (i, (sv, en, due, status)) in rows.into_iter().take(MAX_ROWS) {
            let f = |k: &str| format!("milestones[{i}].{k}");
            let title = LangText::new(
                c.text(&f("title_sv"), sv, MAX_TITLE),
                c.text(&f("title_en"), en, MAX_TITLE),
            );
            let due = if due.trim().is_empty() {
                c.push(&f("due"), t.t("field-required"));
                None
            } else {
                c.date(&f("due"), due)
            };
            let status = if status.trim().is_empty() {
                Some(MilestoneStatus::Planned)
            } else {
                MilestoneStatus::parse(status.trim())
            };
            if status.is_none() {
                c.push(&f("status"), t.t("field-choose"));
            }
            if let (Some(due), Some(status)) = (due, status) {
                milestones.push(Milestone { title, due, status });
            }
        }
        milestones.sort_by_key(|m| m.due);
        let mut moves: Vec<String> = Vec::new();
        for x in &self.indicators {
            let x = x.trim();
            if !x.is_empty() && !moves.iter().any(|m| m == x) {
                moves.push(x.to_owned());
            }
        }
        match (responsible, status) {
            (Some(responsible), Some(status)) if problems.is_empty() => Ok((
                Measure {
                    area: area.clone(),
                    code,
                    example: false,
                    title,
                    description,
                    responsible,
                    contributors,
                    start,
                    end,
                    status,
                    budget,
                    funding,
                    milestones,
                },
                moves,
            )),
            _ => Err(problems),
        }
    }
}

/// An indicator as a form or an import row gives it, before validation.
#[derive(Debug, Clone, Default)]
pub struct IndicatorInput {
    /// Its code (only when it is created).
    pub code: String,
    /// Name (sv, en).
    pub name: (String, String),
    /// Unit (sv, en).
    pub unit: (String, String),
    /// Direction code.
    pub direction: String,
    /// Baseline value.
    pub baseline_value: String,
    /// Baseline year.
    pub baseline_year: String,
    /// Target value.
    pub target_value: String,
    /// Target year.
    pub target_year: String,
    /// Interim targets: (year, value); all-empty rows are left out.
    pub interim: Vec<(String, String)>,
    /// Data source (sv, en).
    pub source: (String, String),
    /// The automatic source's code, or empty.
    pub auto: String,
    /// Codes of the measures (in the same area) it follows.
    pub measures: Vec<String>,
}

/// A number as a person writes it back into a form ("2500000", "12.5").
fn number_text(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{v:.0}")
    } else {
        v.to_string()
    }
}

impl IndicatorInput {
    /// An indicator as input (to fill the form).
    pub fn from_indicator(i: &Indicator) -> IndicatorInput {
        IndicatorInput {
            code: i.code.clone(),
            name: (i.name.sv.clone(), i.name.en.clone()),
            unit: (i.unit.sv.clone(), i.unit.en.clone()),
            direction: i.direction.as_str().to_owned(),
            baseline_value: number_text(i.baseline.value),
            baseline_year: i.baseline.year.to_string(),
            target_value: number_text(i.target.value),
            target_year: i.target.year.to_string(),
            interim: i
                .interim
                .iter()
                .map(|v| (v.year.to_string(), number_text(v.value)))
                .collect(),
            source: (i.source.sv.clone(), i.source.en.clone()),
            auto: i.auto.map(|a| a.as_str().to_owned()).unwrap_or_default(),
            measures: i.measures.clone(),
        }
    }

    /// Validates into an indicator of `area`.
    pub fn validate(&self, t: Tr, area: &Slug) -> Result<Indicator, Problems> {
        let mut problems = Vec::new();
        let mut c = Check {
            t,
            problems: &mut problems,
        };
        let code = c.code("code", &self.code);
        let name = c.both("name", &self.name, MAX_TITLE);
        let unit = c.both("unit", &self.unit, MAX_TITLE);
        let source = c.both("source", &self.source, MAX_TITLE);
        let direction = Direction::parse(self.direction.trim());
        if direction.is_none() {
            c.push("direction", t.t("field-choose"));
        }
        let baseline_value = c.number("baseline_value", &self.baseline_value);
        let baseline_year = c.year("baseline_year", &self.baseline_year);
        let target_value = c.number("target_value", &self.target_value);
        let target_year = c.year("target_year", &self.target_year);
        if let (Some(b), Some(tg)) = (baseline_year, target_year)
            && tg <= b
        {
            c.push("target_year", t.t("plan-error-target-year"));
        }
        let auto = if self.auto.trim().is_empty() {
            None
        } else {
            let a = AutoIndicator::parse(self.auto.trim());
            if a.is_none() {
                c.push("auto", t.t("field-choose"));
            }
            a
        };
        let rows: Vec<_> = self
            .interim
            .iter()
            .enumerate()
            .filter(|(_, (y, v))| !(y.trim().is_empty() && v.trim().is_empty()))
            .collect();
        if rows.len() > MAX_ROWS {
            c.push("interim", t.t1("plan-error-rows", "max", MAX_ROWS));
        }
        let mut interim: Vec<YearValue> = Vec::new();
        for (i, (year, value)) in rows.into_iter().take(MAX_ROWS) {
            let f = |k: &str| format!("interim[{i}].{k}");
            let y = c.year(&f("year"), year);
            let v = c.number(&f("value"), value);
            if let (Some(y), Some(b), Some(tg)) = (y, baseline_year, target_year)
                && (y <= b || y >= tg)
            {
                c.push(&f("year"), t.t("plan-error-interim-year"));
            }
            if let Some(y) = y
                && interim.iter().any(|x| x.year == y)
            {
                c.push(&f("year"), t.t("plan-error-interim-twice"));
            }
            if let (Some(year), Some(value)) = (y, v) {
                interim.push(YearValue { year, value });
            }
        }
        interim.sort_by_key(|v| v.year);
        let mut measures: Vec<String> = Vec::new();
        for x in &self.measures {
            let x = x.trim();
            if !x.is_empty() && !measures.iter().any(|m| m == x) {
                measures.push(x.to_owned());
            }
        }
        match (
            direction,
            baseline_value,
            baseline_year,
            target_value,
            target_year,
        ) {
            (Some(direction), Some(bv), Some(by), Some(tv), Some(ty)) if problems.is_empty() => {
                Ok(Indicator {
                    area: area.clone(),
                    code,
                    example: false,
                    name,
                    unit,
                    direction,
                    baseline: YearValue {
                        year: by,
                        value: bv,
                    },
                    target: YearValue {
                        year: ty,
                        value: tv,
                    },
                    interim,
                    source,
                    measures,
                    auto,
                    values: Vec::new(),
                })
            }
            _ => Err(problems),
        }
    }
}

/// An area's texts as the form gives them.
#[derive(Debug, Clone, Default)]
pub struct AreaTextsInput {
    /// Name (sv, en).
    pub name: (String, String),
    /// Nuläge (sv, en).
    pub current_state: (String, String),
    /// Regionala styrkor (sv, en).
    pub strengths: (String, String),
    /// Önskat läge (sv, en).
    pub desired_state: (String, String),
    /// Utvecklingsbehov (sv, en).
    pub development_needs: (String, String),
}

impl AreaTextsInput {
    /// The texts as input.
    pub fn from_texts(x: &AreaTexts) -> AreaTextsInput {
        let pair = |l: &LangText| (l.sv.clone(), l.en.clone());
        AreaTextsInput {
            name: pair(&x.name),
            current_state: pair(&x.current_state),
            strengths: pair(&x.strengths),
            desired_state: pair(&x.desired_state),
            development_needs: pair(&x.development_needs),
        }
    }

    /// Validates the texts.
    pub fn validate(&self, t: Tr) -> Result<AreaTexts, Problems> {
        let mut problems = Vec::new();
        let mut c = Check {
            t,
            problems: &mut problems,
        };
        let texts = AreaTexts {
            name: c.both("name", &self.name, MAX_TITLE),
            current_state: c.both("current_state", &self.current_state, MAX_TEXT),
            strengths: c.both("strengths", &self.strengths, MAX_TEXT),
            desired_state: c.both("desired_state", &self.desired_state, MAX_TEXT),
            development_needs: c.both("development_needs", &self.development_needs, MAX_TEXT),
        };
        if problems.is_empty() {
            Ok(texts)
        } else {
            Err(problems)
        }
    }
}

/// The office's yearly word on an area as the form gives it; each text in both languages, all may be empty
/// but a language may not be missing where the other is written.
#[derive(Debug, Clone, Default)]
pub struct AssessmentInput {
    /// What went well (sv, en).
    pub went_well: (String, String),
    /// What is behind (sv, en).
    pub behind: (String, String),
    /// What changes (sv, en).
    pub changes: (String, String),
}

impl AssessmentInput {
    /// Validates the assessment.
    pub fn validate(&self, t: Tr) -> Result<Assessment, Problems> {
        let mut problems = Vec::new();
        let mut pair = |field: &str, v: &(String, String)| {
            let (sv, en) = (v.0.trim(), v.1.trim());
            for (l, x, other) in [("sv", sv, en), ("en", en, sv)] {
                let name = format!("{field}_{l}");
                if x.chars().count() > MAX_TEXT {
                    problems.push((name, t.t1("field-too-long", "max", MAX_TEXT)));
                } else if x.is_empty() && !other.is_empty() {
                    problems.push((name, t.t("plan-error-both-languages")));
                }
            }
            LangText::new(sv, en)
        };
        let a = Assessment {
            went_well: pair("went_well", &self.went_well),
            behind: pair("behind", &self.behind),
            changes: pair("changes", &self.changes),
        };
        if problems.is_empty() {
            Ok(a)
        } else {
            Err(problems)
        }
    }
}

fn allowed(principal: Option<&Principal>, action: &Action<'_>) -> bool {
    domain::auth::decide(principal, action) == Decision::Allow
}

/// Whether `principal` may write `area`'s plan (the policy's answer, nothing recorded).
pub fn may_write_plan(principal: Option<&Principal>, area: &Slug) -> Result<(), PlanFail> {
    if allowed(principal, &Action::WritePlan(area)) && allowed(principal, &Action::ChangeData) {
        Ok(())
    } else {
        Err(PlanFail::Forbidden)
    }
}

/// Records that `principal` was refused a write to `area`'s plan.
pub async fn deny_plan(store: &Store, principal: Option<&Principal>, area: &Slug) {
    deny(
        store,
        principal.map(Principal::user_id),
        "plan",
        area.as_str(),
    )
    .await;
}

async fn write_plan(
    store: &Store,
    principal: Option<&Principal>,
    area: &Slug,
    key: &str,
) -> Result<i64, PlanFail> {
    let user = principal.map(Principal::user_id);
    if !allowed(principal, &Action::WritePlan(area)) || !allowed(principal, &Action::ChangeData) {
        deny(store, user, "plan", key).await;
        return Err(PlanFail::Forbidden);
    }
    user.ok_or(PlanFail::Forbidden)
}

/// Checks that the actors a measure names exist, as field problems.
async fn actors_exist(store: &Store, t: Tr, m: &Measure) -> Result<(), PlanFail> {
    let mut problems = Vec::new();
    if store.actor(&m.responsible).await?.is_none() {
        problems.push(("responsible".to_owned(), t.t("field-choose")));
    }
    for c in &m.contributors {
        if store.actor(c).await?.is_none() {
            problems.push(("contributors".to_owned(), t.t("field-choose")));
            break;
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(PlanFail::Fields(problems))
    }
}

/// A store refusal as the field it concerns.
fn refusal(t: Tr, e: StoreError, indicators_field: &str) -> PlanFail {
    match e {
        StoreError::Conflict("code") => {
            PlanFail::Fields(vec![("code".into(), t.t("plan-error-code-taken"))])
        }
        StoreError::UnknownReference("indicators") => {
            PlanFail::Fields(vec![(indicators_field.into(), t.t("field-choose"))])
        }
        StoreError::UnknownReference("measures") => {
            PlanFail::Fields(vec![("measures".into(), t.t("field-choose"))])
        }
        StoreError::UnknownReference("actor") => {
            PlanFail::Fields(vec![("contributors".into(), t.t("field-choose"))])
        }
        StoreError::NotFound(_) | StoreError::UnknownReference("areas") => PlanFail::NotFound,
        other => PlanFail::Store(other),
    }
}

/// Adds a measure to `area`'s plan. Returns its id.
pub async fn create_measure(
    store: &Store,
    t: Tr,
    principal: Option<&Principal>,
    area: &Slug,
    input: &MeasureInput,
) -> Result<i64, PlanFail> {
    let user = write_plan(store, principal, area, area.as_str()).await?;
    if !store.focus_areas().await?.iter().any(|a| &a.slug == area) {
        return Err(PlanFail::NotFound);
    }
    let (measure, moves) = input.validate(t, area).map_err(PlanFail::Fields)?;
    actors_exist(store, t, &measure).await?;
    store
        .create_measure(user, &measure, &moves)
        .await
        .map_err(|e| refusal(t, e, "indicators"))
}

/// The measure with id `id`.
pub async fn measure(store: &Store, id: i64) -> Result<store::MeasureRow, PlanFail> {
    store
        .measures(None)
        .await?
        .into_iter()
        .find(|m| m.id == id)
        .ok_or(PlanFail::NotFound)
}

/// Rewrites measure `id` as planned (its code stays whatever the input says).
pub async fn update_measure(
    store: &Store,
    t: Tr,
    principal: Option<&Principal>,
    id: i64,
    input: &MeasureInput,
) -> Result<bool, PlanFail> {
    let row = measure(store, id).await?;
    let area = row.measure.area.clone();
    let user = write_plan(store, principal, &area, &format!("measure/{id}")).await?;
    let input = MeasureInput {
        code: row.measure.code.clone(),
        ..input.clone()
    };
    let (measure, moves) = input.validate(t, &area).map_err(PlanFail::Fields)?;
    actors_exist(store, t, &measure).await?;
    store
        .update_measure_plan(id, user, &measure, &moves)
        .await
        .map_err(|e| refusal(t, e, "indicators"))
}

/// Removes measure `id` from its plan — only one that no follow-up has reported on; one that has been reported
/// on is refused with a field problem saying to end it instead.
pub async fn delete_measure(
    store: &Store,
    t: Tr,
    principal: Option<&Principal>,
    id: i64,
) -> Result<Slug, PlanFail> {
    let row = measure(store, id).await?;
    let user = write_plan(
        store,
        principal,
        &row.measure.area,
        &format!("measure/{id}"),
    )
    .await?;
    match store.delete_measure(id, user).await {
        Ok(()) => Ok(row.measure.area),
        Err(StoreError::Conflict("reported")) => Err(PlanFail::Fields(vec![(
            "delete".into(),
            t.t("plan-error-reported"),
        )])),
        Err(e) => Err(refusal(t, e, "indicators")),
    }
}

/// Removes indicator `id` from its area's plan, which is refused once a follow-up has reported a value for it
/// (the office ends it by leaving it, or replaces it with a new one). Returns its area.
pub async fn delete_indicator(
    store: &Store,
    t: Tr,
    principal: Option<&Principal>,
    id: i64,
) -> Result<Slug, PlanFail> {
    let row = indicator(store, id).await?;
    let user = write_plan(
        store,
        principal,
        &row.indicator.area,
        &format!("indicator/{id}"),
    )
    .await?;
    match store.delete_indicator(id, user).await {
        Ok(()) => Ok(row.indicator.area),
        Err(StoreError::Conflict("reported")) => Err(PlanFail::Fields(vec![(
            "delete".into(),
            t.t("plan-error-indicator-reported"),
        )])),
        Err(e) => Err(refusal(t, e, "indicators")),
    }
}

/// Adds an indicator to `area`'s plan. Returns its id.
pub async fn create_indicator(
    store: &Store,
    t: Tr,
    principal: Option<&Principal>,
    area: &Slug,
    input: &IndicatorInput,
) -> Result<i64, PlanFail> {
    let user = write_plan(store, principal, area, area.as_str()).await?;
    if !store.focus_areas().await?.iter().any(|a| &a.slug == area) {
        return Err(PlanFail::NotFound);
    }
    let indicator = input.validate(t, area).map_err(PlanFail::Fields)?;
    store
        .create_indicator(user, &indicator)
        .await
        .map_err(|e| refusal(t, e, "measures"))
}

/// The indicator with id `id`.
pub async fn indicator(store: &Store, id: i64) -> Result<store::IndicatorRow, PlanFail> {
    store
        .indicators(None)
        .await?
        .into_iter()
        .find(|i| i.id == id)
        .ok_or(PlanFail::NotFound)
}

/// Rewrites indicator `id` as planned.
pub async fn update_indicator(
    store: &Store,
    t: Tr,
    principal: Option<&Principal>,
    id: i64,
    input: &IndicatorInput,
) -> Result<bool, PlanFail> {
    let row = indicator(store, id).await?;
    let area = row.indicator.area.clone();
    let user = write_plan(store, principal, &area, &format!("indicator/{id}")).await?;
    let input = IndicatorInput {
        code: row.indicator.code.clone(),
        ..input.clone()
    };
    let indicator = input.validate(t, &area).map_err(PlanFail::Fields)?;
    store
        .update_indicator(id, user, &indicator)
        .await
        .map_err(|e| refusal(t, e, "measures"))
}

/// Changes `area`'s texts.
pub async fn update_area_texts(
    store: &Store,
    t: Tr,
    principal: Option<&Principal>,
    area: &Slug,
    input: &AreaTextsInput,
) -> Result<bool, PlanFail> {
    let user = write_plan(store, principal, area, area.as_str()).await?;
    let texts = input.validate(t).map_err(PlanFail::Fields)?;
    store
        .update_area_texts(area, user, &texts)
        .await
        .map_err(|e| refusal(t, e, "indicators"))
}

/// Records `area`'s plan as it stands as a new version from `valid_from`, with the reason (both languages).
/// Returns the version's number.
pub async fn record_version(
    store: &Store,
    t: Tr,
    principal: Option<&Principal>,
    area: &Slug,
    valid_from: &str,
    reason: &(String, String),
) -> Result<i64, PlanFail> {
    let user = write_plan(store, principal, area, area.as_str()).await?;
    let mut problems = Vec::new();
    let mut c = Check {
        t,
        problems: &mut problems,
    };
    let reason = c.both("reason", reason, MAX_TEXT);
    let valid = if valid_from.trim().is_empty() {
        c.push("valid_from", t.t("field-required"));
        None
    } else {
        c.date("valid_from", valid_from)
    };
    if let Some(v) = valid
        && let Some(last) = store.plan_versions(area).await?.last()
        && v < last.valid_from
    {
        problems.push((
            "valid_from".into(),
            t.t1(
                "plan-error-version-date",
                "date",
                last.valid_from.to_string(),
            ),
        ));
    }
    let Some(valid) = valid.filter(|_| problems.is_empty()) else {
        return Err(PlanFail::Fields(problems));
    };
    store
        .record_plan_version(area, Some(user), valid, &reason)
        .await
        .map_err(|e| refusal(t, e, "indicators"))
}

/// Writes the office's word on `area` for the follow-up of `year`.
pub async fn save_assessment(
    store: &Store,
    t: Tr,
    principal: Option<&Principal>,
    area: &Slug,
    year: i32,
    input: &AssessmentInput,
) -> Result<bool, PlanFail> {
    let user = principal.map(Principal::user_id);
    if !allowed(principal, &Action::RunFollowUp) || !allowed(principal, &Action::ChangeData) {
        deny(store, user, "assessment", &format!("{year}/{area}")).await;
        return Err(PlanFail::Forbidden);
    }
    let a = input.validate(t).map_err(PlanFail::Fields)?;
    store
        .save_assessment(area, year, user.ok_or(PlanFail::Forbidden)?, &a)
        .await
        .map_err(|e| refusal(t, e, "indicators"))
}

/// Writes the foreword of the report for `year` (both languages, or neither).
pub async fn save_foreword(
    store: &Store,
    t: Tr,
    principal: Option<&Principal>,
    year: i32,
    foreword: &(String, String),
) -> Result<bool, PlanFail> {
    let user = principal.map(Principal::user_id);
    if !allowed(principal, &Action::RunFollowUp) || !allowed(principal, &Action::ChangeData) {
        deny(store, user, "follow_up", &year.to_string()).await;
        return Err(PlanFail::Forbidden);
    }
    let mut problems = Vec::new();
    let (sv, en) = (foreword.0.trim(), foreword.1.trim());
    for (l, x, other) in [("sv", sv, en), ("en", en, sv)] {
        if x.chars().count() > MAX_TEXT {
            problems.push((
                format!("foreword_{l}"),
                t.t1("field-too-long", "max", MAX_TEXT),
            ));
        } else if x.is_empty() && !other.is_empty() {
            problems.push((format!("foreword_{l}"), t.t("plan-error-both-languages")));
        }
    }
    if !problems.is_empty() {
        return Err(PlanFail::Fields(problems));
    }
    store
        .save_foreword(
            year,
            user.ok_or(PlanFail::Forbidden)?,
            &LangText::new(sv, en),
        )
        .await
        .map_err(|e| refusal(t, e, "indicators"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::Lang;
    use proptest::prelude::*;

    fn area() -> Slug {
        Slug::parse("halsodata").expect("slug")
    }

    fn good() -> MeasureInput {
        MeasureInput {
            code: "1.9".into(),
            title: ("Titel".into(), "Title".into()),
            description: ("Text".into(), "Text".into()),
            responsible: "region-stockholm".into(),
            contributors: vec!["kth".into(), "kth".into(), "region-stockholm".into()],
            start: "2027-01-01".into(),
            end: "2028-12-31".into(),
            status: "planned".into(),
            budget: "2 500 000".into(),
            currency: "".into(),
            funding: ("Regionen".into(), "The region".into()),
            milestones: vec![
                (
                    "Rapport".into(),
                    "Report".into(),
                    "2028-06-30".into(),
                    "".into(),
                ),
                ("".into(), "".into(), "".into(), "".into()),
                (
                    "Start".into(),
                    "Start".into(),
                    "2027-02-01".into(),
                    "done".into(),
                ),
            ],
            indicators: vec!["1.a".into(), "1.a".into()],
        }
    }

    #[test]
    fn a_good_measure_is_read_as_written() {
        let (m, moves) = good().validate(Tr::new(Lang::En), &area()).expect("valid");
        assert_eq!(
            m.contributors.len(),
            1,
            "duplicates and the responsible left out"
        );
        assert_eq!(
            m.budget,
            Some(Budget {
                amount: 2_500_000.0,
                currency: Currency::SEK
            })
        );
        assert_eq!(m.milestones.len(), 2, "the empty row is left out");
        assert_eq!(m.milestones[0].title.en, "Start", "in date order");
        assert_eq!(moves, vec!["1.a".to_owned()]);
    }

    #[test]
    fn every_bad_field_is_named() {
        let bad = MeasureInput {
            code: "1 9".into(),
            title: ("".into(), "Title".into()),
            end: "2026-01-01".into(),
            status: "sleeping".into(),
            budget: "-5".into(),
            currency: "kronor".into(),
            milestones: vec![("Rapport".into(), "".into(), "31/12".into(), "".into())],
            ..good()
        };
        let problems = bad
            .validate(Tr::new(Lang::Sv), &area())
            .expect_err("refused");
        let fields: Vec<&str> = problems.iter().map(|(f, _)| f.as_str()).collect();
        for f in [
            "code",
            "title_sv",
            "end",
            "status",
            "budget",
            "currency",
            "milestones[0].title_en",
            "milestones[0].due",
        ] {
            assert!(fields.contains(&f), "{f} in {fields:?}");
        }
        assert!(problems.iter().all(|(_, m)| !m.is_empty()));
    }

    #[test]
    fn interim_targets_lie_between_baseline_and_target() {
        let input = IndicatorInput {
            code: "1.d".into(),
            name: ("Namn".into(), "Name".into()),
            unit: ("st".into(), "no.".into()),
            direction: "higher".into(),
            baseline_value: "10".into(),
            baseline_year: "2024".into(),
            target_value: "30,5".into(),
            target_year: "2030".into(),
            interim: vec![("2027".into(), "15".into()), ("".into(), "".into())],
            source: ("Källa".into(), "Source".into()),
            auto: "".into(),
            measures: vec![],
        };
        let i = input.validate(Tr::new(Lang::En), &area()).expect("valid");
        assert_eq!(i.target.value, 30.5);
        assert_eq!(
            i.interim,
            vec![YearValue {
                year: 2027,
                value: 15.0
            }]
        );
        let bad = IndicatorInput {
            interim: vec![("2031".into(), "15".into()), ("2027".into(), "x".into())],
            target_year: "2024".into(),
            ..input
        };
        let problems = bad
            .validate(Tr::new(Lang::En), &area())
            .expect_err("refused");
        let fields: Vec<&str> = problems.iter().map(|(f, _)| f.as_str()).collect();
        assert!(fields.contains(&"target_year") && fields.contains(&"interim[1].value"));
    }

    proptest! {
        /// Whatever a form sends, validation answers without panicking, and a refusal always names at least
        /// one field with a message.
        #[test]
        fn any_input_gets_an_answer(code in ".{0,30}", sv in ".{0,20}", budget in ".{0,12}",
                                    currency in ".{0,5}", due in ".{0,12}", status in ".{0,10}") {
            let input = MeasureInput {
                code,
                title: (sv.clone(), sv),
                budget,
                currency,
                status,
                milestones: vec![("a".into(), "b".into(), due, "".into())],
                ..good()
            };
            match input.validate(Tr::new(Lang::Sv), &area()) {
                Ok((m, _)) => prop_assert!(m.budget.is_none_or(|b| b.amount >= 0.0)),
                Err(p) => prop_assert!(!p.is_empty() && p.iter().all(|(f, m)| !f.is_empty() && !m.is_empty())),
            }
        }
    }
}
