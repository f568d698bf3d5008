//! The strategy in pages: `/{lang}/strategy` (vision and the five focus areas), `/{lang}/strategy/{area}` (the
//! four texts, the action plan's measures, the indicators against their targets with charts and tables, the actors
//! who contribute), `/{lang}/measures/{id}` and `/{lang}/indicators/{id}`. Example data is labelled as such.

use crate::AppState;
use crate::kit::caller::Caller;
use crate::kit::error::WebError;
use crate::kit::page::{Layout, Link, Nav, lang, render};
use crate::kit::text::{LangAttr, Text};
use app::chart::{TrendChart, number, trend_svg};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Html;
use domain::strategy::{Indicator, TargetStatus};
use domain::{Lang, LangText, Slug};
use i18n::Tr;
use store::{IndicatorRow, MeasureRow, ValueOrigin};

/// A paragraph or a bulleted list of a text.
pub struct Block {
    /// The text's language, when it is not the page's.
    pub lang: LangAttr,
    /// Paragraph text, when it is one.
    pub paragraph: Option<String>,
    /// List items, when it is a list.
    pub items: Vec<String>,
}

/// Splits a text into paragraphs (blank lines) and lists (lines starting with "- ").
pub fn blocks(text: &Text) -> Vec<Block> {
    let mut out = Vec::new();
    let lang = text.lang_attr();
    for chunk in text.plain().split("\n\n") {
        let lines: Vec<&str> = chunk
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        if lines.is_empty() {
            continue;
        }
        let (items, prose): (Vec<&str>, Vec<&str>) =
            lines.iter().partition(|l| l.starts_with("- "));
        if !prose.is_empty() {
            out.push(Block {
                lang,
                paragraph: Some(prose.join(" ")),
                items: vec![],
            });
        }
        if !items.is_empty() {
            out.push(Block {
                lang,
                paragraph: None,
                items: items
                    .iter()
                    .map(|l| l.trim_start_matches("- ").to_owned())
                    .collect(),
            });
        }
    }
    out
}

/// An area in the overview.
pub struct AreaCard {
    /// Link.
    pub href: String,
    /// Name.
    pub name: String,
    /// "4 measures · 2 indicators".
    pub counts: String,
    /// Indicator statuses: (label, class).
    pub statuses: Vec<(String, String)>,
}

/// `/{lang}/strategy`.
#[derive(Template)]
#[template(path = "follow_up/strategy.html")]
pub struct StrategyPage {
    /// Frame.
    pub layout: Layout,
    /// Vision.
    pub vision: Text,
    /// Period.
    pub period: Option<String>,
    /// Summary.
    pub summary: Vec<Block>,
    /// Areas.
    pub areas: Vec<AreaCard>,
    /// Whether any example data is shown.
    pub has_examples: bool,
    /// The status names, in order, for the dashboard's columns.
    pub status_names: Vec<String>,
    /// Measures by status per area: (area, counts in the order of `status_names`), then all areas.
    pub status_rows: Vec<(String, Vec<usize>)>,
    /// The office may import a plan from a spreadsheet.
    pub can_import: bool,
}

fn status_label(t: Tr, s: TargetStatus) -> (String, String) {
    (
        t.t(&format!("target-{s}")),
        format!("status-{}", s.as_str().replace('_', "-")),
    )
}

/// The strategy's overview.
pub(crate) async fn overview(
    State(state): State<AppState>,
    Path(code): Path<String>,
    caller: Caller,
) -> Result<Html<String>, WebError> {
    let lang = lang(&code)?;
    let t = Tr::new(lang);
    let store = state.store();
    let strategy = store.strategy().await?.ok_or(WebError::NotFound)?;
    let areas = store.focus_areas().await?;
    let measures = store.measures(None).await?;
    let indicators = store.indicators(None).await?;
    let cards = areas
        .iter()
        .map(|a| {
            let m = measures.iter().filter(|m| m.measure.area == a.slug).count();
            let ind: Vec<&IndicatorRow> = indicators
                .iter()
                .filter(|i| i.indicator.area == a.slug)
                .collect();
            AreaCard {
                href: format!("/{}/strategy/{}", lang.code(), a.slug),
                name: a.name.get(lang).to_owned(),
                counts: format!(
                    "{} · {}",
                    t.n("measures-count", "count", m as u64),
                    t.n("indicators-count", "count", ind.len() as u64)
                ),
                statuses: ind
                    .iter()
                    .map(|i| status_label(t, i.indicator.status(&i.indicator.values)))
                    .collect(),
            }
        })
        .collect();
    let mut layout = Layout::new(
        lang,
        strategy.title.get(lang),
        "strategy",
        Nav::Strategy,
        Some(strategy.vision.get(lang).to_owned()),
    );
    layout.set_caller(&caller);
    let statuses = domain::strategy::MeasureStatus::ALL;
    let count = |area: Option<&Slug>| -> Vec<usize> {
        statuses
            .iter()
            .map(|s| {
                measures
                    .iter()
                    .filter(|m| m.measure.status == *s && area.is_none_or(|a| m.measure.area == *a))
                    .count()
            })
            .collect()
    };
    let mut status_rows: Vec<(String, Vec<usize>)> = areas
        .iter()
        .map(|a| (a.name.get(lang).to_owned(), count(Some(&a.slug))))
        .collect();
    status_rows.push((t.t("dashboard-total"), count(None)));
    render(&StrategyPage {
        status_names: statuses
            .iter()
            .map(|s| t.t(&format!("measure-status-{s}")))
            .collect(),
        status_rows,
        layout,
        vision: Text::of(&strategy.vision, lang),
        period: strategy.period.clone(),
        summary: blocks(&Text::of(&strategy.summary, lang)),
        areas: cards,
        has_examples: measures.iter().any(|m| m.measure.example)
            || indicators.iter().any(|i| i.indicator.example),
        can_import: caller.may(&domain::Action::ManageUsers),
    })
}

/// A measure in a table.
pub struct MeasureView {
    /// Link.
    pub href: String,
    /// Code.
    pub code: String,
    /// Title.
    pub title: String,
    /// Responsible actor: (link, name).
    pub responsible: (String, String),
    /// Status label.
    pub status: String,
    /// Period text.
    pub period: String,
    /// Example data.
    pub example: bool,
}

/// An indicator with its chart.
pub struct IndicatorView {
    /// Link.
    pub href: String,
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Unit.
    pub unit: String,
    /// Status: (label, class).
    pub status: (String, String),
    /// Baseline text.
    pub baseline: String,
    /// Target text.
    pub target: String,
    /// Interim targets, in words (`2027: 12 projects`).
    pub interim: Vec<String>,
    /// The chart.
    pub svg: String,
    /// Yearly values with their comment and origin.
    pub values: Vec<ValueLine>,
    /// Example data.
    pub example: bool,
    /// Counted by the platform.
    pub automatic: bool,
    /// Source.
    pub source: Text,
    /// Id for headings.
    pub id: String,
}

/// One yearly value in an indicator's table.
pub struct ValueLine {
    /// Year.
    pub year: i32,
    /// The number as written in the page's language.
    pub value: String,
    /// The reporter's comment.
    pub comment: String,
    /// Who reported it (or where it came from).
    pub origin: String,
}

fn origin_text(t: Tr, o: &ValueOrigin) -> String {
    match o {
        ValueOrigin::DataSet => t.t("value-origin-data-set"),
        ValueOrigin::Reporter(name) => name.clone(),
        ValueOrigin::Erased => t.t("value-origin-erased"),
        ValueOrigin::Counted => t.t("value-origin-counted"),
    }
}

/// `/{lang}/strategy/{area}`.
#[derive(Template)]
#[template(path = "follow_up/focus-area.html")]
pub struct AreaPage {
    /// Frame.
    pub layout: Layout,
    /// The four texts: (heading, blocks).
    pub sections: Vec<(String, Vec<Block>)>,
    /// Measures.
    pub measures: Vec<MeasureView>,
    /// Indicators.
    pub indicators: Vec<IndicatorView>,
    /// Contributing actors: (link to the atlas, name).
    pub actors: Vec<(String, String)>,
    /// The working group's people.
    pub group: Vec<super::plans::MemberView>,
    /// Where the programme office manages the working group.
    pub group_href: Option<String>,
    /// The atlas filtered to this area's actors.
    pub atlas_href: String,
    /// Whether any example data is shown.
    pub has_examples: bool,
    /// Links to write the plan, for those who may (the office, the working group's lead).
    pub plan_links: Vec<Link>,
    /// The plan's versions.
    pub versions_href: String,
    /// The version in force, in words.
    pub version_line: Option<String>,
    /// What was just done.
    pub flash: Option<String>,
}

pub(crate) fn measure_view(lang: Lang, t: Tr, m: &MeasureRow) -> MeasureView {
    let x = &m.measure;
    MeasureView {
        href: format!("/{}/measures/{}", lang.code(), m.id),
        code: x.code.clone(),
        title: x.title.get(lang).to_owned(),
        responsible: (
            format!("/{}/actors/{}", lang.code(), x.responsible),
            m.responsible_name.get(lang).to_owned(),
        ),
        status: t.t(&format!("measure-status-{}", x.status)),
        period: match (x.start, x.end) {
            (Some(s), Some(e)) => format!("{s} – {e}"),
            (Some(s), None) => format!("{s} –"),
            (None, Some(e)) => format!("– {e}"),
            (None, None) => t.t("not-stated"),
        },
        example: x.example,
    }
}

pub(crate) fn indicator_view(lang: Lang, t: Tr, row: &IndicatorRow) -> IndicatorView {
    let i: &Indicator = &row.indicator;
    let unit = i.unit.get(lang).to_owned();
    let status = i.status(&i.values);
    let id = format!("indicator-{}", row.id);
    let description = t.t2(
        "chart-description",
        (
            "baseline",
            &format!(
                "{} {unit} ({})",
                number(i.baseline.value, lang),
                i.baseline.year
            ),
        ),
        (
            "target",
            &format!(
                "{} {unit} ({})",
                number(i.target.value, lang),
                i.target.year
            ),
        ),
    );
    IndicatorView {
        href: format!("/{}/indicators/{}", lang.code(), row.id),
        code: i.code.clone(),
        name: i.name.get(lang).to_owned(),
        status: status_label(t, status),
        baseline: format!(
            "{} {unit} ({})",
            number(i.baseline.value, lang),
            i.baseline.year
        ),
        target: format!(
            "{} {unit} ({})",
            number(i.target.value, lang),
            i.target.year
        ),
        interim: i
            .interim
            .iter()
            .map(|v| format!("{} {unit} ({})", number(v.value, lang), v.year))
            .collect(),
        svg: trend_svg(&TrendChart {
            lang,
            id: &id,
            title: i.name.get(lang),
            description: &description,
            values: &i.values,
            baseline: i.baseline,
            target: i.target,
            interim: &i.interim,
            values_label: &t.t("chart-reported"),
            target_label: &t.t("chart-planned"),
        }),
        values: i
            .values
            .iter()
            .enumerate()
            .map(|(n, v)| {
                let note = row.notes.get(n).cloned().unwrap_or_default();
                ValueLine {
                    year: v.year,
                    value: number(v.value, lang),
                    comment: note.comment.unwrap_or_default(),
                    origin: origin_text(t, &note.origin),
                }
            })
            .collect(),
        example: i.example,
        automatic: i.auto.is_some(),
        source: Text::of(&i.source, lang),
        unit,
        id,
    }
}

/// One focus area.
pub(crate) async fn area(
    State(state): State<AppState>,
    Path((code, slug)): Path<(String, String)>,
    caller: Caller,
    params: crate::kit::params::Params,
) -> Result<Html<String>, WebError> {
    let lang = lang(&code)?;
    let t = Tr::new(lang);
    let slug = Slug::parse(&slug).map_err(|_| WebError::NotFound)?;
    let store = state.store();
    let area = store
        .focus_areas()
        .await?
        .into_iter()
        .find(|a| a.slug == slug)
        .ok_or(WebError::NotFound)?;
    let measures = store.measures(Some(&slug)).await?;
    let indicators = store.indicators(Some(&slug)).await?;
    let mut actor_slugs: Vec<Slug> = area.actors.clone();
    for m in &measures {
        actor_slugs.push(m.measure.responsible.clone());
        actor_slugs.extend(m.measure.contributors.iter().cloned());
    }
    actor_slugs.sort();
    actor_slugs.dedup();
    let mut actors: Vec<(String, String)> = store
        .actor_names_of(&actor_slugs)
        .await?
        .into_iter()
        .map(|(s, name)| {
            (
                format!("/{}/atlas?selected={s}", lang.code()),
                name.get(lang).to_owned(),
            )
        })
        .collect();
    actors.sort_by(|a, b| a.1.cmp(&b.1));
    let group = super::plans::member_views(lang, t, &store.working_group(&slug).await?);
    let text = |key: &str, x: &LangText| (t.t(key), blocks(&Text::of(x, lang)));
    let mut layout = Layout::new(
        lang,
        area.name.get(lang),
        &format!("strategy/{slug}"),
        Nav::Strategy,
        None,
    );
    layout.set_caller(&caller);
    let href = |tail: &str| format!("/{}/strategy/{slug}/{tail}", lang.code());
    let plan_links = if caller.may(&domain::Action::WritePlan(&slug)) {
        vec![
            Link {
                href: href("edit"),
                text: t.t("plan-edit-texts"),
            },
            Link {
                href: href("measures/new"),
                text: t.t("plan-add-measure"),
            },
            Link {
                href: href("indicators/new"),
                text: t.t("plan-add-indicator"),
            },
        ]
    } else {
        Vec::new()
    };
    let today = store::today();
    let version_line = store
        .plan_versions(&slug)
        .await?
        .iter()
        .rev()
        .find(|v| v.valid_from <= today)
        .map(|v| {
            t.t2(
                "plan-version-line",
                ("number", &v.number.to_string()),
                ("date", &v.valid_from.to_string()),
            )
        });
    let flash = if params.get("saved").is_some() {
        Some(t.t("plan-saved"))
    } else if params.get("removed") == Some("indicator") {
        Some(t.t("plan-indicator-removed"))
    } else if params.get("removed").is_some() {
        Some(t.t("plan-measure-removed"))
    } else {
        None
    };
    render(&AreaPage {
        plan_links,
        versions_href: href("versions"),
        version_line,
        flash,
        layout,
        sections: vec![
            text("area-current-state", &area.current_state),
            text("area-strengths", &area.strengths),
            text("area-desired-state", &area.desired_state),
            text("area-development-needs", &area.development_needs),
        ],
        has_examples: measures.iter().any(|m| m.measure.example)
            || indicators.iter().any(|i| i.indicator.example),
        measures: measures.iter().map(|m| measure_view(lang, t, m)).collect(),
        indicators: indicators
            .iter()
            .map(|i| indicator_view(lang, t, i))
            .collect(),
        actors,
        group,
        atlas_href: format!("/{}/atlas?area={slug}", lang.code()),
        group_href: caller
            .require(&domain::Action::ManageStrategy)
            .is_ok()
            .then(|| format!("/{}/strategy/{slug}/working-group", lang.code())),
    })
}

/// `/{lang}/measures/{id}`.
#[derive(Template)]
#[template(path = "follow_up/measure.html")]
pub struct MeasurePage {
    /// Frame.
    pub layout: Layout,
    /// The measure.
    pub m: MeasureView,
    /// Description.
    pub description: Vec<Block>,
    /// Area: (link, name).
    pub area: (String, String),
    /// Contributors: (link, name).
    pub contributors: Vec<(String, String)>,
    /// Indicators that follow it.
    pub indicators: Vec<IndicatorView>,
    /// The edit form, for those who may edit.
    pub edit_href: Option<String>,
    /// The whole plan of the measure, for those who write the plan.
    pub plan_href: Option<String>,
    /// Budget in words.
    pub budget: Option<String>,
    /// Funding source.
    pub funding: Option<Text>,
    /// Milestones: (date, what, status).
    pub milestones: Vec<(String, Text, String)>,
    /// Just saved.
    pub saved: bool,
}

/// One measure.
pub(crate) async fn measure(
    State(state): State<AppState>,
    Path((code, id)): Path<(String, String)>,
    caller: Caller,
    params: crate::kit::params::Params,
) -> Result<Html<String>, WebError> {
    let lang = lang(&code)?;
    let t = Tr::new(lang);
    let id = crate::kit::params::path_id(&id)?;
    let store = state.store();
    let row = store
        .measures(None)
        .await?
        .into_iter()
        .find(|m| m.id == id)
        .ok_or(WebError::NotFound)?;
    let area = store
        .focus_areas()
        .await?
        .into_iter()
        .find(|a| a.slug == row.measure.area)
        .ok_or(WebError::NotFound)?;
    let indicators = store
        .indicators(Some(&area.slug))
        .await?
        .into_iter()
        .filter(|i| i.indicator.measures.contains(&row.measure.code))
        .map(|i| indicator_view(lang, t, &i))
        .collect();
    let m = measure_view(lang, t, &row);
    let mut layout = Layout::new(
        lang,
        &format!("{} {}", m.code, m.title),
        &format!("measures/{id}"),
        Nav::Strategy,
        None,
    );
    layout.set_caller(&caller);
    render(&MeasurePage {
        layout,
        description: blocks(&Text::of(&row.measure.description, lang)),
        area: (
            format!("/{}/strategy/{}", lang.code(), area.slug),
            area.name.get(lang).to_owned(),
        ),
        contributors: row
            .contributor_names
            .iter()
            .map(|(s, n)| {
                (
                    format!("/{}/actors/{s}", lang.code()),
                    n.get(lang).to_owned(),
                )
            })
            .collect(),
        indicators,
        edit_href: caller
            .require(&domain::Action::ReportMeasure(&row.measure.responsible))
            .is_ok()
            .then(|| format!("/{}/measures/{id}/edit", lang.code())),
        plan_href: caller
            .may(&domain::Action::WritePlan(&row.measure.area))
            .then(|| format!("/{}/measures/{id}/plan", lang.code())),
        budget: row
            .measure
            .budget
            .map(|b| format!("{}\u{a0}{}", i18n::amount(b.amount, lang), b.currency)),
        funding: (!row.measure.funding.get(lang).is_empty())
            .then(|| Text::of(&row.measure.funding, lang)),
        milestones: row
            .measure
            .milestones
            .iter()
            .map(|x| {
                (
                    x.due.to_string(),
                    Text::of(&x.title, lang),
                    t.t(&format!("milestone-status-{}", x.status)),
                )
            })
            .collect(),
        saved: params.get("saved") == Some("1"),
        m,
    })
}

/// `/{lang}/indicators/{id}`.
#[derive(Template)]
#[template(path = "follow_up/indicator.html")]
pub struct IndicatorPage {
    /// Frame.
    pub layout: Layout,
    /// The indicator.
    pub i: IndicatorView,
    /// Area: (link, name).
    pub area: (String, String),
    /// Which way is better.
    pub direction: String,
    /// The measures it follows: (link, code and title).
    pub measures: Vec<(String, String)>,
    /// The edit form, for the programme office.
    pub edit_href: Option<String>,
    /// Just saved.
    pub saved: bool,
    /// How the platform counts it, when it does: (query, rule, what `$1` is).
    pub counted: Option<(String, String, Option<String>)>,
}

/// One indicator.
pub(crate) async fn indicator(
    State(state): State<AppState>,
    Path((code, id)): Path<(String, String)>,
    caller: Caller,
    params: crate::kit::params::Params,
) -> Result<Html<String>, WebError> {
    let lang = lang(&code)?;
    let t = Tr::new(lang);
    let id = crate::kit::params::path_id(&id)?;
    let store = state.store();
    let row = store
        .indicators(None)
        .await?
        .into_iter()
        .find(|i| i.id == id)
        .ok_or(WebError::NotFound)?;
    let area = store
        .focus_areas()
        .await?
        .into_iter()
        .find(|a| a.slug == row.indicator.area)
        .ok_or(WebError::NotFound)?;
    let measures = store
        .measures(Some(&area.slug))
        .await?
        .into_iter()
        .filter(|m| row.indicator.measures.contains(&m.measure.code))
        .map(|m| {
            (
                format!("/{}/measures/{}", lang.code(), m.id),
                format!("{} {}", m.measure.code, m.measure.title.get(lang)),
            )
        })
        .collect();
    let direction = t.t(&format!("direction-{}", row.indicator.direction));
    let counted = row.indicator.auto.map(|code| {
        use store::counted::{Param, Rule};
        let c = store::counted::counted(code);
        let rule = match c.rule {
            Rule::Count => t.t("counted-rule-count"),
            Rule::Distinct => t.t("counted-rule-distinct"),
            Rule::Median => t.t("counted-rule-median"),
        };
        let param = match c.param {
            Param::None => None,
            Param::Area => Some(t.t1("counted-param-area", "area", area.slug.as_str())),
            Param::Now => Some(t.t("counted-param-now")),
        };
        (c.sql.to_owned(), rule, param)
    });
    let i = indicator_view(lang, t, &row);
    let mut layout = Layout::new(
        lang,
        &format!("{} {}", i.code, i.name),
        &format!("indicators/{id}"),
        Nav::Strategy,
        None,
    );
    layout.set_caller(&caller);
    render(&IndicatorPage {
        layout,
        area: (
            format!("/{}/strategy/{}", lang.code(), area.slug),
            area.name.get(lang).to_owned(),
        ),
        direction,
        measures,
        edit_href: caller
            .may(&domain::Action::WritePlan(&row.indicator.area))
            .then(|| format!("/{}/indicators/{id}/edit", lang.code())),
        saved: params.get("saved") == Some("1"),
        counted,
        i,
    })
}

/// The measures of one actor in one area: (the measure, the actor's part).
pub type WhoCell = Vec<(Link, String)>;

/// Who does what: every actor named in a measure, by area.
#[derive(Template)]
#[template(path = "follow_up/who.html")]
pub struct WhoPage {
    /// Frame.
    pub layout: Layout,
    /// The areas, in order (the table's columns).
    pub areas: Vec<Link>,
    /// One row per actor, by name: the actor, then per area the measures with the actor's part.
    pub rows: Vec<(Link, Vec<WhoCell>)>,
}

/// `/{lang}/strategy/actors`: who contributes to what — actors by focus area, with their part in each measure.
pub(crate) async fn who(
    State(state): State<AppState>,
    Path(code): Path<String>,
    caller: Caller,
) -> Result<Html<String>, WebError> {
    let lang = lang(&code)?;
    let t = Tr::new(lang);
    let store = state.store();
    let areas = store.focus_areas().await?;
    let measures = store.measures(None).await?;
    let plain: Vec<domain::strategy::Measure> =
        measures.iter().map(|m| m.measure.clone()).collect();
    let names: std::collections::HashMap<Slug, String> = measures
        .iter()
        .flat_map(|m| {
            std::iter::once((
                m.measure.responsible.clone(),
                m.responsible_name.get(lang).to_owned(),
            ))
            .chain(
                m.contributor_names
                    .iter()
                    .map(|(s, n)| (s.clone(), n.get(lang).to_owned())),
            )
        })
        .collect();
    let c = lang.code();
    let mut rows: Vec<(Link, Vec<WhoCell>)> = domain::strategy::who_does_what(&plain)
        .into_iter()
        .map(|(actor, by_area)| {
            let cells = areas
                .iter()
                .map(|a| {
                    by_area
                        .get(&a.slug)
                        .map(|list| {
                            list.iter()
                                .map(|(i, part)| {
                                    let row = &measures[*i];
                                    (
                                        Link {
                                            href: format!("/{c}/measures/{}", row.id),
                                            text: row.measure.code.clone(),
                                        },
                                        t.t(&format!("who-part-{part}")),
                                    )
                                })
                                .collect()
                        })
                        .unwrap_or_default()
                })
                .collect();
            (
                Link {
                    href: format!("/{c}/actors/{actor}#strategy-part-title"),
                    text: names
                        .get(&actor)
                        .cloned()
                        .unwrap_or_else(|| actor.to_string()),
                },
                cells,
            )
        })
        .collect();
    rows.sort_by_cached_key(|r| domain::collate::sort_key(lang, &r.0.text));
    let mut layout = Layout::new(
        lang,
        &t.t("who-title"),
        "strategy/actors",
        Nav::Strategy,
        Some(t.t("who-lead")),
    );
    layout.set_caller(&caller);
    render(&WhoPage {
        layout,
        areas: areas
            .iter()
            .map(|a| Link {
                href: format!("/{c}/strategy/{}", a.slug),
                text: a.name.get(lang).to_owned(),
            })
            .collect(),
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_split_into_paragraphs_and_lists() {
        let b = blocks(&Text::from(
            "First line\ncontinues.\n\n- one\n- two\n\nLast.".to_owned(),
        ));
        assert_eq!(b.len(), 3);
        assert_eq!(b[0].paragraph.as_deref(), Some("First line continues."));
        assert_eq!(b[1].items, vec!["one", "two"]);
        assert_eq!(b[2].paragraph.as_deref(), Some("Last."));
    }
}

mod edit {
    //! `/{lang}/measures/{measure}/edit`: the responsible actor's reporters and admins change a measure's texts,
    //! status and period.

    use crate::AppState;
    use crate::kit::caller::Caller;
    use crate::kit::error::WebError;
    use crate::kit::forms::{Choice, Field, FieldKind, FormData, FormView, Section};
    use crate::kit::page::{FormPage, ensure_session, respond};
    use crate::kit::page::{Layout, Link, Nav, lang, render};
    use axum::extract::{Path, State};
    use axum::http::StatusCode;
    use axum::response::{IntoResponse, Redirect, Response};
    use domain::strategy::MeasureStatus;
    use domain::{Action, IsoDate, Lang, LangText};
    use i18n::Tr;
    use store::{MeasureRow, MeasureUpdate};

    const MAX_TITLE: usize = 300;
    const MAX_DESCRIPTION: usize = 5000;

    async fn editable(
        state: &AppState,
        caller: &Caller,
        raw: &str,
    ) -> Result<MeasureRow, WebError> {
        caller.require(&Action::UseOwnAccount)?;
        let id = crate::kit::params::path_id(raw)?;
        let m = state
            .store()
            .measures(None)
            .await?
            .into_iter()
            .find(|m| m.id == id)
            .ok_or(WebError::NotFound)?;
        caller.require(&Action::ReportMeasure(&m.measure.responsible))?;
        Ok(m)
    }

    fn form(t: Tr, lang: Lang, csrf: String, m: &MeasureRow, typed: Option<&FormData>) -> FormView {
        let x = &m.measure;
        let val =
            |name: &str, current: String| typed.map_or(current, |f| f.raw(name).trim().to_owned());
        let text = |kind: FieldKind,
                    name: &str,
                    label: &str,
                    l: &'static str,
                    current: String,
                    max: usize| {
            Field::new(kind, name, t.t(label))
                .value(val(name, current))
                .lang(l)
                .required()
                .maxlength(max)
        };
        let status = val("status", x.status.to_string());
        let date = |name: &str, label: &str, d: Option<IsoDate>| {
            Field::new(FieldKind::Text, name, t.t(label))
                .value(val(name, d.map(|d| d.to_string()).unwrap_or_default()))
                .hint(t.t("measure-date-hint"))
        };
        FormView {
            intro: vec![t.t("measure-edit-intro")],
            action: format!("/{}/measures/{}/edit", lang.code(), m.id),
            csrf,
            sections: vec![
                Section {
                    legend: None,
                    fields: vec![
                        Field::new(FieldKind::Select, "status", t.t("report-status")).choices(
                            MeasureStatus::ALL
                                .iter()
                                .map(|s| Choice {
                                    value: s.as_str().to_owned(),
                                    label: t.t(&format!("measure-status-{s}")),
                                    selected: status == s.as_str(),
                                })
                                .collect(),
                        ),
                        date("start", "measure-start", x.start),
                        date("end", "measure-end", x.end),
                    ],
                },
                Section {
                    legend: Some(t.t("edit-swedish")),
                    fields: vec![
                        text(
                            FieldKind::Text,
                            "title_sv",
                            "measure-title",
                            "sv",
                            x.title.sv.clone(),
                            MAX_TITLE,
                        ),
                        text(
                            FieldKind::Textarea,
                            "description_sv",
                            "measure-description",
                            "sv",
                            x.description.sv.clone(),
                            MAX_DESCRIPTION,
                        ),
                    ],
                },
                Section {
                    legend: Some(t.t("edit-english")),
                    fields: vec![
                        text(
                            FieldKind::Text,
                            "title_en",
                            "measure-title",
                            "en",
                            x.title.en.clone(),
                            MAX_TITLE,
                        ),
                        text(
                            FieldKind::Textarea,
                            "description_en",
                            "measure-description",
                            "en",
                            x.description.en.clone(),
                            MAX_DESCRIPTION,
                        ),
                    ],
                },
            ],
            submit: t.t("measure-save"),
            links: vec![Link {
                href: format!("/{}/measures/{}", lang.code(), m.id),
                text: t.t("measure-back"),
            }],
            form_error: None,
            notice: None,
        }
    }

    fn page(lang: Lang, caller: &Caller, m: &MeasureRow, form: FormView) -> FormPage {
        let t = Tr::new(lang);
        let title = t.t1(
            "measure-edit-title",
            "measure",
            format!("{} {}", m.measure.code, m.measure.title.get(lang)),
        );
        let mut layout = Layout::new(
            lang,
            &title,
            &format!("measures/{}/edit", m.id),
            Nav::Strategy,
            None,
        );
        layout.set_caller(caller);
        FormPage { layout, form }
    }

    /// The edit form.
    pub(crate) async fn edit_page(
        State(state): State<AppState>,
        Path((code, measure)): Path<(String, String)>,
        caller: Caller,
    ) -> Result<Response, WebError> {
        let lang = lang(&code)?;
        let m = editable(&state, &caller, &measure).await?;
        let (csrf, cookie) = ensure_session(&state, &caller).await?;
        let f = form(Tr::new(lang), lang, csrf, &m, None);
        Ok(respond(
            StatusCode::OK,
            render(&page(lang, &caller, &m, f))?,
            cookie,
        ))
    }

    /// Reads the form; every problem with the field it belongs to.
    fn read(t: Tr, f: &FormData) -> Result<MeasureUpdate, Vec<(String, String)>> {
        let mut errs = Vec::new();
        let mut required = |name: &str, max: usize| {
            let v = f.raw(name).trim().to_owned();
            if v.is_empty() {
                errs.push((name.to_owned(), t.t("field-required")));
            } else if v.chars().count() > max {
                errs.push((name.to_owned(), t.t1("field-too-long", "max", max)));
            }
            v
        };
        let title = LangText::new(
            required("title_sv", MAX_TITLE),
            required("title_en", MAX_TITLE),
        );
        let description = LangText::new(
            required("description_sv", MAX_DESCRIPTION),
            required("description_en", MAX_DESCRIPTION),
        );
        let mut date = |name: &str| {
            let v = f.value(name);
            if v.is_empty() {
                return None;
            }
            match IsoDate::parse(&v) {
                Ok(d) => Some(d),
                Err(_) => {
                    errs.push((name.to_owned(), t.t("measure-error-date")));
                    None
                }
            }
        };
        let (start, end) = (date("start"), date("end"));
        if let (Some(s), Some(e)) = (start, end)
            && e < s
        {
            errs.push(("end".to_owned(), t.t("measure-error-order")));
        }
        let status = MeasureStatus::parse(&f.value("status"));
        if status.is_none() {
            errs.push(("status".to_owned(), t.t("field-choose")));
        }
        match status {
            Some(status) if errs.is_empty() => Ok(MeasureUpdate {
                title,
                description,
                status,
                start,
                end,
            }),
            _ => Err(errs),
        }
    }

    /// Saves the form.
    pub(crate) async fn save(
        State(state): State<AppState>,
        Path((code, measure)): Path<(String, String)>,
        caller: Caller,
        f: FormData,
    ) -> Result<Response, WebError> {
        let lang = lang(&code)?;
        let m = editable(&state, &caller, &measure).await?;
        caller.check_csrf(Some(&f.value("csrf")))?;
        let t = Tr::new(lang);
        match read(t, &f) {
            Ok(update) => {
                let user = caller.user_id().ok_or(WebError::Unauthorized)?;
                state.store().update_measure(m.id, user, &update).await?;
                Ok(
                    Redirect::to(&format!("/{}/measures/{}?saved=1", lang.code(), m.id))
                        .into_response(),
                )
            }
            Err(errs) => {
                let mut view = form(
                    t,
                    lang,
                    caller.csrf().unwrap_or_default().to_owned(),
                    &m,
                    Some(&f),
                );
                for (field, msg) in errs {
                    view.set_error(&field, msg);
                }
                Ok(respond(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    render(&page(lang, &caller, &m, view))?,
                    None,
                ))
            }
        }
    }
}

pub(crate) use edit::{edit_page as edit_measure_page, save as save_measure};
