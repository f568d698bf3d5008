//! The yearly follow-up report: one model built from the database, rendered as a page, as a standalone HTML file
//! (`samverkan report --format html`), as JSON (`/api/v1/follow-ups/{year}`) and as a PDF typeset in-process by
//! typst (`/api/v1/follow-ups/{year}/report.pdf`, `samverkan report --format pdf`).
//!
//! The public version shows what the office accepted; the internal one (the office only) adds the reports that are
//! missing, drafted, sent or returned, with the office's comments and the values not yet accepted.

use crate::AppError;
use crate::chart::{TrendChart, number, trend_svg};
use domain::followup::{CycleState, ReportState};
use domain::strategy::{MeasureStatus, TargetStatus, YearValue};
use domain::{IsoDate, Lang};
use i18n::Tr;
use serde::Serialize;

/// A value in a year.
#[derive(Debug, Clone, Copy, Serialize, utoipa::ToSchema)]
pub struct Point {
    /// Year.
    pub year: i32,
    /// Value.
    pub value: f64,
}

impl From<YearValue> for Point {
    fn from(v: YearValue) -> Point {
        Point {
            year: v.year,
            value: v.value,
        }
    }
}
use std::collections::{BTreeMap, HashMap};
use store::{ReportRow, Store};

/// A label and how many.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Count {
    /// What is counted.
    pub label: String,
    /// How many.
    pub count: usize,
    /// CSS class for the status colour.
    pub class: String,
}

/// A measure in the report's tables.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MeasureLine {
    /// Code.
    pub code: String,
    /// Title.
    pub title: String,
    /// Link to the measure.
    pub href: String,
    /// Responsible actor's name.
    pub responsible: String,
    /// Status for the year (or "not reported").
    pub status: String,
    /// Where its report stands (internal version).
    pub report_state: String,
    /// Link to its report form (internal version).
    pub report_href: String,
    /// Example data.
    pub example: bool,
}

/// A measure's narrative for the year.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Narrative {
    /// Code.
    pub code: String,
    /// Title.
    pub title: String,
    /// The text.
    pub text: String,
    /// The language the text is written in (`sv`, `en`).
    pub text_lang: &'static str,
    /// "(written in Swedish)" when that is not the report's language.
    pub language_note: Option<String>,
    /// Evidence links.
    pub evidence: Vec<String>,
    /// The office's return comment (internal version).
    pub comment: Option<String>,
    /// The report's state when it is not accepted (internal version).
    pub pending: Option<String>,
    /// Values reported but not accepted (internal version): "1.a: 12".
    pub pending_values: Vec<String>,
}

/// A value with its text.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ValueText {
    /// Year.
    pub year: i32,
    /// Value.
    pub value: f64,
    /// As written.
    pub text: String,
}

/// An indicator in the report.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct IndicatorReport {
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Unit.
    pub unit: String,
    /// Status label.
    pub status: String,
    /// Status class (`on-track`...).
    pub status_class: String,
    /// Baseline.
    pub baseline: Point,
    /// Target.
    pub target: Point,
    /// Baseline as text with unit and year.
    pub baseline_text: String,
    /// Target as text.
    pub target_text: String,
    /// Values up to the report's year.
    pub values: Vec<ValueText>,
    /// The chart's value axis: lowest and highest.
    pub axis: [String; 2],
    /// Example data.
    pub example: bool,
    /// Counted by the platform.
    pub automatic: bool,
    /// The chart for the page.
    #[serde(skip)]
    pub svg: String,
    /// Link.
    pub href: String,
}

/// A focus area in the report.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AreaReport {
    /// Name.
    pub name: String,
    /// Link.
    pub href: String,
    /// One sentence on where it stands.
    pub status_text: String,
    /// Measures.
    pub measures: Vec<MeasureLine>,
    /// Narratives.
    pub narratives: Vec<Narrative>,
    /// Indicators.
    pub indicators: Vec<IndicatorReport>,
    /// The programme office's assessment of the area for the year: (heading, text) for each part written.
    pub assessment: Vec<(String, String)>,
    /// Where the office writes it (internal version).
    pub assessment_href: Option<String>,
}

/// A revision of a closed cycle.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RevisionLine {
    /// When.
    pub date: String,
    /// What was corrected.
    pub what: String,
    /// Before.
    pub before: String,
    /// After.
    pub after: String,
    /// Why.
    pub reason: String,
}

/// The whole report, ready to render.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ReportModel {
    /// Language code.
    pub lang: &'static str,
    /// The year.
    pub year: i32,
    /// "Follow-up 2026".
    pub title: String,
    /// Who publishes it.
    pub publisher: String,
    /// The strategy's name.
    pub strategy_title: String,
    /// "Public version" or "Internal version".
    pub version: String,
    /// Internal version.
    pub internal: bool,
    /// Set while the cycle is open.
    pub preliminary: Option<String>,
    /// Set when the year is the built-in example, not the region's follow-up.
    pub example_year: Option<String>,
    /// Set on the internal version.
    pub internal_note: Option<String>,
    /// The programme office's foreword, when written.
    pub foreword: Option<String>,
    /// Where the office writes it (internal version).
    pub foreword_href: Option<String>,
    /// The summary sentence.
    pub summary_text: String,
    /// Measures by status.
    pub measure_counts: Vec<Count>,
    /// Indicators by status.
    pub indicator_counts: Vec<Count>,
    /// Whether example data appears.
    pub has_examples: bool,
    /// The areas.
    pub areas: Vec<AreaReport>,
    /// Changes since the previous year.
    pub changes: Vec<String>,
    /// Revisions after closing.
    pub revisions: Vec<RevisionLine>,
    /// Translated labels for the PDF template.
    #[schema(value_type = Object)]
    pub labels: BTreeMap<&'static str, String>,
}

const LABELS: &[(&str, &str)] = &[
    ("summary", "report-summary"),
    ("measures_by_status", "report-measures-by-status"),
    ("indicators_by_status", "report-indicators-by-status"),
    ("count", "report-count"),
    ("measures", "area-measures"),
    ("measure", "measure-title"),
    ("code", "measure-code"),
    ("responsible", "measure-responsible"),
    ("status", "report-status"),
    ("report_state", "report-state"),
    ("narratives", "report-narratives"),
    ("evidence", "report-evidence"),
    ("review_comment", "report-review-comment"),
    ("indicators", "area-indicators"),
    ("baseline", "indicator-baseline"),
    ("target", "indicator-target"),
    ("legend", "report-chart-legend"),
    ("figure", "report-figure"),
    ("year", "report-year"),
    ("example", "example-badge"),
    ("example_data", "example-data"),
    ("automatic", "automatic-badge"),
    ("example_note", "example-data-note"),
    ("changes", "report-changes"),
    ("no_changes", "report-no-changes"),
    ("revisions", "report-revisions"),
    ("no_revisions", "report-no-revisions"),
    ("date", "report-date"),
    ("what", "report-what"),
    ("before", "report-before"),
    ("after", "report-after"),
    ("reason", "report-reason"),
    ("foreword", "report-foreword"),
    ("assessment", "report-assessment"),
];

fn target_class(s: TargetStatus) -> String {
    s.as_str().replace('_', "-")
}

/// Which version of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    /// What the office accepted.
    Public,
    /// Everything, for the office.
    Internal,
}

fn date_of(ms: i64) -> String {
    IsoDate::from_unix_millis(ms).to_string()
}

/// Builds the report of `year`; `None` when there is no cycle for that year or no strategy.
pub async fn build(
    store: &Store,
    year: i32,
    lang: Lang,
    version: Version,
) -> Result<Option<ReportModel>, AppError> {
    let t = Tr::new(lang);
    let Some(cycle) = store.cycle(year).await? else {
        return Ok(None);
    };
    let Some(strategy) = store.strategy().await? else {
        return Ok(None);
    };
    let internal = version == Version::Internal;
    let areas = store.focus_areas().await?;
    let assessments = store.assessments(year).await?;
    let foreword = store.foreword(year).await?;
    let measures = store.measures(None).await?;
    let indicators = store.indicators(None).await?;
    let reports: HashMap<i64, ReportRow> = store
        .measure_reports(year)
        .await?
        .into_iter()
        .map(|r| (r.measure_id, r))
        .collect();
    let previous: HashMap<i64, ReportRow> = if store.cycle(year - 1).await?.is_some() {
        store
            .measure_reports(year - 1)
            .await?
            .into_iter()
            .filter(|r| r.state == ReportState::Accepted)
            .map(|r| (r.measure_id, r))
            .collect()
    } else {
        HashMap::new()
    };
    let code = lang.code();
    let accepted = |id: i64| {
        reports
            .get(&id)
            .filter(|r| r.state == ReportState::Accepted)
    };
    let status_label = |s: MeasureStatus| t.t(&format!("measure-status-{s}"));
    let not_reported = t.t("report-not-reported");
    let mut measure_counts: BTreeMap<Option<MeasureStatus>, usize> = BTreeMap::new();
    let mut indicator_counts: BTreeMap<TargetStatus, usize> = BTreeMap::new();
    let mut changes = Vec::new();
    let mut out_areas = Vec::new();
    for area in &areas {
        let mut lines = Vec::new();
        let mut narratives = Vec::new();
        let mut area_counts: BTreeMap<Option<MeasureStatus>, usize> = BTreeMap::new();
        for m in measures.iter().filter(|m| m.measure.area == area.slug) {
            let x = &m.measure;
            let title = x.title.get(lang).to_owned();
            let status = accepted(m.id).map(|r| r.content.status);
            *measure_counts.entry(status).or_default() += 1;
            *area_counts.entry(status).or_default() += 1;
            let report = reports.get(&m.id);
            lines.push(MeasureLine {
                code: x.code.clone(),
                title: title.clone(),
                href: format!("/{code}/measures/{}", m.id),
                responsible: m.responsible_name.get(lang).to_owned(),
                status: status.map_or_else(|| not_reported.clone(), status_label),
                report_state: report.map_or_else(
                    || t.t("report-state-missing"),
                    |r| t.t(&format!("report-state-{}", r.state)),
                ),
                report_href: format!("/{code}/follow-up/{year}/reports/{}", m.id),
                example: x.example,
            });
            if let (Some(now), Some(before)) = (status, previous.get(&m.id))
                && before.content.status != now
            {
                changes.push(t.t2(
                    "report-change-status",
                    ("measure", &format!("{} {title}", x.code)),
                    (
                        "change",
                        &format!(
                            "{} → {}",
                            status_label(before.content.status),
                            status_label(now)
                        ),
                    ),
                ));
            }
            if let Some(r) = report {
                let shown = r.state == ReportState::Accepted || internal;
                if shown && !r.content.narrative.trim().is_empty() {
                    let pending_values = if internal && r.state != ReportState::Accepted {
                        r.content
                            .values
                            .iter()
                            .filter_map(|v| {
                                indicators.iter().find(|i| i.id == v.indicator).map(|i| {
                                    format!(
                                        "{} {}: {} {}",
                                        i.indicator.code,
                                        i.indicator.name.get(lang),
                                        number(v.value, lang),
                                        i.indicator.unit.get(lang)
                                    )
                                })
                            })
                            .collect()
                    } else {
                        Vec::new()
                    };
                    // The English report shows the English narrative when there is one; otherwise the text as
                    // written, saying which language it is in.
                    let (text, written) =
                        if lang == Lang::En && !r.content.narrative_en.trim().is_empty() {
                            (r.content.narrative_en.clone(), Lang::En)
                        } else {
                            (
                                r.content.narrative.clone(),
                                i18n::identify(&r.content.narrative).unwrap_or(Lang::Sv),
                            )
                        };
                    narratives.push(Narrative {
                        code: x.code.clone(),
                        title: title.clone(),
                        text,
                        text_lang: written.code(),
                        language_note: (written != lang).then(|| {
                            t.t1(
                                "report-written-in",
                                "language",
                                t.t(&format!("language-{}", written.code())),
                            )
                        }),
                        evidence: r
                            .content
                            .evidence
                            .iter()
                            .map(|e| e.as_str().to_owned())
                            .collect(),
                        comment: if internal {
                            r.review_comment.clone()
                        } else {
                            None
                        },
                        pending: (internal && r.state != ReportState::Accepted)
                            .then(|| t.t(&format!("report-state-{}", r.state))),
                        pending_values,
                    });
                }
            }
        }
        let mut inds = Vec::new();
        let mut area_targets: BTreeMap<TargetStatus, usize> = BTreeMap::new();
        for row in indicators.iter().filter(|i| i.indicator.area == area.slug) {
            let i = &row.indicator;
            let values: Vec<YearValue> = i
                .values
                .iter()
                .copied()
                .filter(|v| v.year <= year)
                .collect();
            let status = i.status(&values);
            *indicator_counts.entry(status).or_default() += 1;
            *area_targets.entry(status).or_default() += 1;
            let unit = i.unit.get(lang).to_owned();
            let with_unit = |v: YearValue| format!("{} {unit} ({})", number(v.value, lang), v.year);
            if let (Some(now), Some(before)) = (
                values.iter().find(|v| v.year == year),
                values.iter().find(|v| v.year == year - 1),
            ) && now.value != before.value
            {
                changes.push(t.t2(
                    "report-change-value",
                    ("indicator", &format!("{} {}", i.code, i.name.get(lang))),
                    (
                        "change",
                        &format!(
                            "{} → {} {unit}",
                            number(before.value, lang),
                            number(now.value, lang)
                        ),
                    ),
                ));
            }
            let mut all: Vec<f64> = values.iter().map(|v| v.value).collect();
            all.extend([i.baseline.value, i.target.value]);
            let lo = all.iter().copied().fold(0.0_f64, f64::min);
            let hi = all.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let hi = if hi <= lo { lo + 1.0 } else { hi };
            let id = format!("report-indicator-{}", row.id);
            let description = t.t2(
                "chart-description",
                ("baseline", &with_unit(i.baseline)),
                ("target", &with_unit(i.target)),
            );
            inds.push(IndicatorReport {
                code: i.code.clone(),
                name: i.name.get(lang).to_owned(),
                status: t.t(&format!("target-{status}")),
                status_class: target_class(status),
                baseline: i.baseline.into(),
                target: i.target.into(),
                baseline_text: with_unit(i.baseline),
                target_text: with_unit(i.target),
                axis: [number(lo, lang), number(hi, lang)],
                svg: trend_svg(&TrendChart {
                    lang,
                    id: &id,
                    title: i.name.get(lang),
                    description: &description,
                    values: &values,
                    baseline: i.baseline,
                    target: i.target,
                    interim: &i.interim,
                    values_label: &t.t("chart-reported"),
                    target_label: &t.t("chart-planned"),
                }),
                values: values
                    .iter()
                    .map(|v| ValueText {
                        year: v.year,
                        value: v.value,
                        text: number(v.value, lang),
                    })
                    .collect(),
                example: i.example,
                automatic: i.auto.is_some(),
                href: format!("/{code}/indicators/{}", row.id),
                unit,
            });
        }
        let measure_part = area_counts
            .iter()
            .map(|(s, n)| {
                format!(
                    "{n} {}",
                    s.map_or_else(|| not_reported.clone(), status_label)
                        .to_lowercase()
                )
            })
            .collect::<Vec<_>>()
            .join(", ");
        let target_part = area_targets
            .iter()
            .map(|(s, n)| format!("{n} {}", t.t(&format!("target-{s}")).to_lowercase()))
            .collect::<Vec<_>>()
            .join(", ");
        out_areas.push(AreaReport {
            name: area.name.get(lang).to_owned(),
            href: format!("/{code}/strategy/{}", area.slug),
            status_text: t.t2(
                "report-area-status",
                (
                    "measures",
                    &if measure_part.is_empty() {
                        "—".into()
                    } else {
                        measure_part
                    },
                ),
                (
                    "indicators",
                    &if target_part.is_empty() {
                        "—".into()
                    } else {
                        target_part
                    },
                ),
            ),
            measures: lines,
            narratives,
            indicators: inds,
            assessment: assessments
                .get(&area.slug)
                .map(|a| {
                    [
                        ("assessment-went-well", &a.went_well),
                        ("assessment-behind", &a.behind),
                        ("assessment-changes", &a.changes),
                    ]
                    .into_iter()
                    .filter(|(_, x)| !x.get(lang).trim().is_empty())
                    .map(|(key, x)| (t.t(key), x.get(lang).to_owned()))
                    .collect()
                })
                .unwrap_or_default(),
            assessment_href: internal
                .then(|| format!("/{code}/follow-up/{year}/assessments/{}", area.slug)),
        });
    }
    let by_id: HashMap<i64, &store::MeasureRow> = measures.iter().map(|m| (m.id, m)).collect();
    let revisions = store
        .revisions(year)
        .await?
        .into_iter()
        .map(|r| {
            let measure = by_id
                .get(&r.measure_id)
                .map(|m| format!("{} {}", m.measure.code, m.measure.title.get(lang)))
                .unwrap_or_default();
            let (what, before, after) = match r.field.as_str() {
                "status" => (
                    t.t1("report-revised-status", "measure", &measure),
                    MeasureStatus::parse(&r.before).map_or(r.before.clone(), status_label),
                    MeasureStatus::parse(&r.after).map_or(r.after.clone(), status_label),
                ),
                "value" => {
                    let ind = r
                        .indicator_id
                        .and_then(|id| indicators.iter().find(|i| i.id == id))
                        .map(|i| format!("{} {}", i.indicator.code, i.indicator.name.get(lang)))
                        .unwrap_or_default();
                    let fmt = |s: &str| {
                        s.parse::<f64>()
                            .map(|v| number(v, lang))
                            .unwrap_or_else(|_| "—".into())
                    };
                    (
                        t.t2(
                            "report-revised-value",
                            ("measure", &measure),
                            ("indicator", &ind),
                        ),
                        fmt(&r.before),
                        fmt(&r.after),
                    )
                }
                _ => (
                    t.t1("report-revised-narrative", "measure", &measure),
                    r.before.clone(),
                    r.after.clone(),
                ),
            };
            RevisionLine {
                date: date_of(r.at),
                what,
                before,
                after,
                reason: r.reason,
            }
        })
        .collect();
    let total = measures.len();
    let accepted_count = measures.iter().filter(|m| accepted(m.id).is_some()).count();
    let on_track = indicator_counts
        .get(&TargetStatus::OnTrack)
        .copied()
        .unwrap_or(0);
    let summary_text = format!(
        "{} {}",
        t.n2(
            "report-summary-measures",
            ("accepted", accepted_count as u64),
            ("total", total as u64),
        ),
        t.n2(
            "report-summary-indicators",
            ("on_track", on_track as u64),
            ("total", indicators.len() as u64),
        ),
    );
    let labels = LABELS.iter().map(|(k, key)| (*k, t.t(key))).collect();
    Ok(Some(ReportModel {
        lang: lang.code(),
        year,
        title: t.t1("report-title", "year", year),
        publisher: t.t("report-publisher"),
        strategy_title: strategy.title.get(lang).to_owned(),
        version: t.t(if internal {
            "report-version-internal"
        } else {
            "report-version-public"
        }),
        internal,
        preliminary: (cycle.cycle.state == CycleState::Open)
            .then(|| t.t1("report-preliminary", "deadline", cycle.cycle.deadline)),
        example_year: cycle
            .example
            .then(|| t.t1("report-example-year", "year", cycle.cycle.year)),
        internal_note: internal.then(|| t.t("report-internal-note")),
        foreword: Some(foreword.get(lang).trim().to_owned()).filter(|f| !f.is_empty()),
        foreword_href: internal.then(|| format!("/{code}/follow-up/{year}/foreword")),
        summary_text,
        measure_counts: measure_counts
            .into_iter()
            .map(|(s, count)| Count {
                label: s.map_or_else(|| not_reported.clone(), status_label),
                count,
                class: s.map_or("not-reported".into(), |s| s.as_str().to_owned()),
            })
            .collect(),
        indicator_counts: indicator_counts
            .into_iter()
            .map(|(s, count)| Count {
                label: t.t(&format!("target-{s}")),
                count,
                class: target_class(s),
            })
            .collect(),
        has_examples: measures.iter().any(|m| m.measure.example)
            || indicators.iter().any(|i| i.indicator.example),
        areas: out_areas,
        changes,
        revisions,
        labels,
    }))
}

/// Typesets the report as a PDF with its fonts embedded.
pub fn pdf(model: &ReportModel) -> Result<Vec<u8>, AppError> {
    let json = serde_json::to_vec(model).map_err(|e| AppError::Task(e.to_string()))?;
    report::follow_up(json).map_err(|e| AppError::Task(format!("typesetting the report: {e}")))
}

/// The reminder e-mail to a measure's reporters, in Swedish and English: (subject, body).
pub fn reminder_mail(base_url: &str, r: &store::Reminder) -> (String, String) {
    let sv = Tr::new(Lang::Sv);
    let en = Tr::new(Lang::En);
    let base = base_url.trim_end_matches('/');
    let part = |t: Tr, lang: Lang, title: &str| {
        format!(
            "{}\n\n{}/{}/follow-up/{}/reports/{}",
            t.t2(
                "followup-reminder-body",
                ("measure", &format!("{} {title}", r.code)),
                ("deadline", &r.deadline.to_string()),
            ),
            base,
            lang.code(),
            r.year,
            r.measure_id
        )
    };
    (
        format!(
            "{} / {}",
            sv.t1("followup-reminder-subject", "year", r.year),
            en.t1("followup-reminder-subject", "year", r.year)
        ),
        format!(
            "{}\n\n----\n\n{}",
            part(sv, Lang::Sv, &r.title_sv),
            part(en, Lang::En, &r.title_en)
        ),
    )
}
