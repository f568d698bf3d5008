//! An area's action plan as a whole — its four texts, its measures and its indicators — frozen in a dated version
//! with a reason, and what changed from one version to the next.
//!
//! The plan is edited in place (every edit audited); a version is the office saying "this is the plan from this
//! day", which keeps every earlier plan readable. A snapshot holds plain values (codes, slugs, ISO dates) so that
//! a version stays readable whatever happens to the actors and vocabularies it names.

use crate::LangText;
use crate::strategy::{FocusArea, Indicator, Measure};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// An area's four texts (and its name), as the plan states them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AreaTexts {
    /// The area's name.
    pub name: LangText,
    /// Nuläge.
    pub current_state: LangText,
    /// Regionala styrkor.
    pub strengths: LangText,
    /// Önskat läge.
    pub desired_state: LangText,
    /// Utvecklingsbehov.
    pub development_needs: LangText,
}

impl AreaTexts {
    /// The texts of `area`.
    pub fn of(area: &FocusArea) -> AreaTexts {
        AreaTexts {
            name: area.name.clone(),
            current_state: area.current_state.clone(),
            strengths: area.strengths.clone(),
            desired_state: area.desired_state.clone(),
            development_needs: area.development_needs.clone(),
        }
    }
}

/// A milestone as frozen in a version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MilestoneSnapshot {
    /// What is reached.
    pub title: LangText,
    /// By when (ISO date).
    pub due: String,
    /// Its status code.
    pub status: String,
}

/// A measure as frozen in a version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeasureSnapshot {
    /// Title.
    pub title: LangText,
    /// Description.
    pub description: LangText,
    /// The responsible actor's slug.
    pub responsible: String,
    /// Contributing actors' slugs.
    pub contributors: Vec<String>,
    /// Start (ISO date).
    pub start: Option<String>,
    /// End (ISO date).
    pub end: Option<String>,
    /// Status code.
    pub status: String,
    /// Budget: amount and currency code.
    pub budget: Option<(f64, String)>,
    /// Funding source.
    pub funding: LangText,
    /// Milestones, in order.
    pub milestones: Vec<MilestoneSnapshot>,
}

/// An indicator as frozen in a version (without its yearly values, which belong to the follow-up).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorSnapshot {
    /// Name.
    pub name: LangText,
    /// Unit.
    pub unit: LangText,
    /// Direction code.
    pub direction: String,
    /// Baseline (year, value).
    pub baseline: (i32, f64),
    /// Target (year, value).
    pub target: (i32, f64),
    /// Interim targets (year, value), by year.
    pub interim: Vec<(i32, f64)>,
    /// Data source.
    pub source: LangText,
    /// The automatic source's code, when the platform counts it.
    pub auto: Option<String>,
    /// Codes of the measures it follows.
    pub measures: Vec<String>,
}

/// An area's whole plan at one moment.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PlanSnapshot {
    /// The area's texts.
    pub texts: AreaTexts,
    /// Measures by code.
    pub measures: BTreeMap<String, MeasureSnapshot>,
    /// Indicators by code.
    pub indicators: BTreeMap<String, IndicatorSnapshot>,
}

impl PlanSnapshot {
    /// The plan of `area` made of these measures and indicators (those of other areas are left out).
    pub fn of(area: &FocusArea, measures: &[Measure], indicators: &[Indicator]) -> PlanSnapshot {
        let measures = measures
            .iter()
            .filter(|m| m.area == area.slug)
            .map(|m| {
                (
                    m.code.clone(),
                    MeasureSnapshot {
                        title: m.title.clone(),
                        description: m.description.clone(),
                        responsible: m.responsible.to_string(),
                        contributors: m.contributors.iter().map(ToString::to_string).collect(),
                        start: m.start.map(|d| d.to_string()),
                        end: m.end.map(|d| d.to_string()),
                        status: m.status.as_str().to_owned(),
                        budget: m.budget.map(|b| (b.amount, b.currency.as_str().to_owned())),
                        funding: m.funding.clone(),
                        milestones: m
                            .milestones
                            .iter()
                            .map(|x| MilestoneSnapshot {
                                title: x.title.clone(),
                                due: x.due.to_string(),
                                status: x.status.as_str().to_owned(),
                            })
                            .collect(),
                    },
                )
            })
            .collect();
        let indicators = indicators
            .iter()
            .filter(|i| i.area == area.slug)
            .map(|i| {
                let mut interim: Vec<(i32, f64)> =
                    i.interim.iter().map(|v| (v.year, v.value)).collect();
                interim.sort_by_key(|v| v.0);
                (
                    i.code.clone(),
                    IndicatorSnapshot {
                        name: i.name.clone(),
                        unit: i.unit.clone(),
                        direction: i.direction.as_str().to_owned(),
                        baseline: (i.baseline.year, i.baseline.value),
                        target: (i.target.year, i.target.value),
                        interim,
                        source: i.source.clone(),
                        auto: i.auto.map(|a| a.as_str().to_owned()),
                        measures: i.measures.clone(),
                    },
                )
            })
            .collect();
        PlanSnapshot {
            texts: AreaTexts::of(area),
            measures,
            indicators,
        }
    }

    /// What changed from `self` (the earlier plan) to `next`, in the order a reader goes through a plan: the
    /// texts, then measures and indicators by code.
    pub fn changes(&self, next: &PlanSnapshot) -> Vec<PlanChange> {
        let mut out = Vec::new();
        let texts = changed_fields(&self.texts, &next.texts);
        if !texts.is_empty() {
            out.push(PlanChange {
                part: PlanPart::Texts,
                code: String::new(),
                kind: ChangeKind::Changed,
                fields: texts,
            });
        }
        diff_map(PlanPart::Measure, &self.measures, &next.measures, &mut out);
        diff_map(
            PlanPart::Indicator,
            &self.indicators,
            &next.indicators,
            &mut out,
        );
        out
    }
}

/// What part of a plan a change concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanPart {
    /// The area's texts.
    Texts,
    /// A measure.
    Measure,
    /// An indicator.
    Indicator,
}

/// How it changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    /// New in the later plan.
    Added,
    /// Gone from the later plan.
    Removed,
    /// In both, with other values.
    Changed,
}

/// One line of "what changed" between two versions of a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanChange {
    /// The part.
    pub part: PlanPart,
    /// The measure's or indicator's code (empty for the texts).
    pub code: String,
    /// Added, removed or changed.
    pub kind: ChangeKind,
    /// For a change: the fields that differ (`title`, `budget`, `milestones`...), in their order in the plan.
    pub fields: Vec<String>,
}

/// A part of a plan whose fields a change names, in the order the plan shows them.
trait Fields: Serialize {
    /// The serialised field names, in the plan's order.
    const FIELDS: &'static [&'static str];
}

impl Fields for AreaTexts {
    const FIELDS: &'static [&'static str] = &[
        "name",
        "current_state",
        "strengths",
        "desired_state",
        "development_needs",
    ];
}

impl Fields for MeasureSnapshot {
    const FIELDS: &'static [&'static str] = &[
        "title",
        "description",
        "responsible",
        "contributors",
        "start",
        "end",
        "status",
        "budget",
        "funding",
        "milestones",
    ];
}

impl Fields for IndicatorSnapshot {
    const FIELDS: &'static [&'static str] = &[
        "name",
        "unit",
        "direction",
        "baseline",
        "target",
        "interim",
        "source",
        "auto",
        "measures",
    ];
}

/// The top-level fields of two values that differ, in the plan's order.
fn changed_fields<T: Fields>(before: &T, after: &T) -> Vec<String> {
    let (Ok(serde_json::Value::Object(a)), Ok(serde_json::Value::Object(b))) =
        (serde_json::to_value(before), serde_json::to_value(after))
    else {
        return Vec::new();
    };
    T::FIELDS
        .iter()
        .filter(|k| a.get(**k) != b.get(**k))
        .map(|k| (*k).to_owned())
        .collect()
}

/// The order of plan codes: part by part, numbers as numbers (`1.2` before `1.10`), `1.a` after `1.9`.
pub fn code_order(a: &str, b: &str) -> std::cmp::Ordering {
    let key = |s: &str| -> Vec<(u64, String)> {
        s.split('.')
            .map(|p| match p.parse::<u64>() {
                Ok(n) => (n, String::new()),
                Err(_) => (u64::MAX, p.to_owned()),
            })
            .collect()
    };
    key(a).cmp(&key(b)).then_with(|| a.cmp(b))
}

fn diff_map<T: Fields>(
    part: PlanPart,
    before: &BTreeMap<String, T>,
    after: &BTreeMap<String, T>,
    out: &mut Vec<PlanChange>,
) {
    let mut codes: Vec<&String> = before.keys().chain(after.keys()).collect();
    codes.sort_by(|a, b| code_order(a, b));
    codes.dedup();
    for code in codes {
        let (kind, fields) = match (before.get(code), after.get(code)) {
            (None, Some(_)) => (ChangeKind::Added, Vec::new()),
            (Some(_), None) => (ChangeKind::Removed, Vec::new()),
            (Some(a), Some(b)) => {
                let fields = changed_fields(a, b);
                if fields.is_empty() {
                    continue;
                }
                (ChangeKind::Changed, fields)
            }
            (None, None) => continue,
        };
        out.push(PlanChange {
            part,
            code: code.clone(),
            kind,
            fields,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Slug;
    use crate::strategy::{Budget, Currency, Direction, MeasureStatus, YearValue};
    use proptest::prelude::*;

    fn area() -> FocusArea {
        FocusArea {
            slug: Slug::parse("halsodata").expect("slug"),
            position: 1,
            name: LangText::new("Hälsodata", "Health data"),
            current_state: LangText::new("Nu", "Now"),
            strengths: LangText::new("Styrkor", "Strengths"),
            desired_state: LangText::new("Mål", "Goal"),
            development_needs: LangText::new("Behov", "Needs"),
            tags: vec![],
            actors: vec![],
        }
    }

    fn measure(code: &str) -> Measure {
        Measure {
            area: Slug::parse("halsodata").expect("slug"),
            code: code.into(),
            example: false,
            title: LangText::new("Titel", "Title"),
            description: LangText::new("Text", "Text"),
            responsible: Slug::parse("region-stockholm").expect("slug"),
            contributors: vec![],
            start: None,
            end: None,
            status: MeasureStatus::Planned,
            budget: None,
            funding: LangText::default(),
            milestones: vec![],
        }
    }

    fn indicator(code: &str) -> Indicator {
        Indicator {
            area: Slug::parse("halsodata").expect("slug"),
            code: code.into(),
            example: false,
            name: LangText::new("Namn", "Name"),
            unit: LangText::new("st", "no."),
            direction: Direction::Higher,
            baseline: YearValue {
                year: 2024,
                value: 1.0,
            },
            target: YearValue {
                year: 2030,
                value: 5.0,
            },
            interim: vec![],
            source: LangText::new("Källa", "Source"),
            measures: vec![],
            auto: None,
            values: vec![],
        }
    }

    fn keys<T: Serialize>(value: &T) -> Vec<String> {
        match serde_json::to_value(value) {
            Ok(serde_json::Value::Object(map)) => map.keys().cloned().collect(),
            _ => vec![],
        }
    }

    fn sorted(fields: &[&str]) -> Vec<String> {
        let mut all: Vec<String> = fields.iter().map(|f| (*f).to_owned()).collect();
        all.sort();
        all
    }

    #[test]
    fn every_field_of_a_plan_part_can_be_named_as_changed() {
        let snapshot = PlanSnapshot::of(&area(), &[measure("1.1")], &[indicator("1.a")]);
        assert_eq!(keys(&snapshot.texts), sorted(AreaTexts::FIELDS));
        assert_eq!(
            keys(&snapshot.measures["1.1"]),
            sorted(MeasureSnapshot::FIELDS)
        );
        assert_eq!(
            keys(&snapshot.indicators["1.a"]),
            sorted(IndicatorSnapshot::FIELDS)
        );
    }

    #[test]
    fn what_changed_reads_like_the_plan() {
        let a = area();
        let before = PlanSnapshot::of(&a, &[measure("1.1"), measure("1.2")], &[indicator("1.a")]);
        let mut changed = measure("1.2");
        changed.title = LangText::new("Ny titel", "New title");
        changed.budget = Some(Budget {
            amount: 2_000_000.0,
            currency: Currency::SEK,
        });
        let mut texts = a.clone();
        texts.desired_state = LangText::new("Nytt mål", "New goal");
        let after = PlanSnapshot::of(
            &texts,
            &[changed, measure("1.10"), measure("1.3")],
            &[indicator("1.a")],
        );
        let c = before.changes(&after);
        let line = |part, code: &str, kind, fields: &[&str]| PlanChange {
            part,
            code: code.into(),
            kind,
            fields: fields.iter().map(|f| (*f).to_owned()).collect(),
        };
        assert_eq!(
            c,
            vec![
                line(PlanPart::Texts, "", ChangeKind::Changed, &["desired_state"]),
                line(PlanPart::Measure, "1.1", ChangeKind::Removed, &[]),
                line(
                    PlanPart::Measure,
                    "1.2",
                    ChangeKind::Changed,
                    &["title", "budget"]
                ),
                line(PlanPart::Measure, "1.3", ChangeKind::Added, &[]),
                line(PlanPart::Measure, "1.10", ChangeKind::Added, &[]),
            ]
        );
        assert!(after.changes(&after).is_empty());
    }

    #[test]
    fn a_snapshot_survives_its_own_json() {
        let mut m = measure("1.1");
        m.budget = Some(Budget {
            amount: 1.5,
            currency: Currency::parse("eur").expect("currency"),
        });
        let mut i = indicator("1.a");
        i.interim = vec![YearValue {
            year: 2027,
            value: 3.0,
        }];
        let s = PlanSnapshot::of(&area(), &[m], &[i]);
        let json = serde_json::to_string(&s).expect("json");
        let back: PlanSnapshot = serde_json::from_str(&json).expect("read back");
        assert_eq!(back, s);
    }

    proptest! {
        /// Whatever measures two plans hold, every code present in only one of them is reported exactly once,
        /// as added or removed, and nothing is reported for a plan compared with itself.
        #[test]
        fn every_code_is_accounted_for(a in proptest::collection::btree_set("[1-3]\\.[0-9]{1,2}", 0..8),
                                       b in proptest::collection::btree_set("[1-3]\\.[0-9]{1,2}", 0..8)) {
            let ms = |set: &std::collections::BTreeSet<String>| set.iter().map(|c| measure(c)).collect::<Vec<_>>();
            let before = PlanSnapshot::of(&area(), &ms(&a), &[]);
            let after = PlanSnapshot::of(&area(), &ms(&b), &[]);
            let c = before.changes(&after);
            for code in a.symmetric_difference(&b) {
                prop_assert_eq!(c.iter().filter(|x| &x.code == code).count(), 1);
            }
            prop_assert_eq!(c.len(), a.symmetric_difference(&b).count());
            prop_assert!(before.changes(&before).is_empty());
        }
    }
}
