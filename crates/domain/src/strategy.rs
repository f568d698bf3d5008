//! The regional strategy and its follow-up: the vision, the five focus areas with their four texts, action plans
//! of measures with a responsible actor, indicators with baseline, target and yearly values, the rule that says
//! whether an indicator is on track, and the built-in `strategy.toml`.

use crate::dataset::{Dataset, DatasetProblem, Problems, non_empty, parse_file};
use crate::{IsoDate, LangText, Slug};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

vocabulary! {
    /// Where a measure stands.
    MeasureStatus {
        /// Not started.
        Planned = "planned",
        /// Under way.
        Ongoing = "ongoing",
        /// Done.
        Done = "done",
        /// Behind its plan.
        Delayed = "delayed",
        /// Stopped for now.
        Stalled = "stalled",
        /// Will not be done.
        Cancelled = "cancelled",
    }
}

vocabulary! {
    /// A person's part in an action plan's working group.
    GroupRole {
        /// Leads the group.
        Lead = "lead",
        /// Takes part and anchors the plan in their own organisation.
        Member = "member",
    }
}

vocabulary! {
    /// Which way an indicator should move.
    Direction {
        /// More is better.
        Higher = "higher",
        /// Less is better.
        Lower = "lower",
    }
}

vocabulary! {
    /// How an indicator stands against its target (see [`Indicator::status`]).
    TargetStatus {
        /// At or ahead of the straight line from baseline to target.
        OnTrack = "on_track",
        /// Behind the line by at most a quarter of the way.
        AtRisk = "at_risk",
        /// Further behind, or moving the wrong way.
        OffTrack = "off_track",
        /// No value reported after the baseline.
        Unknown = "unknown",
    }
}

vocabulary! {
    /// Indicators the platform counts itself from its own data.
    AutoIndicator {
        /// Access requests from small companies completed per year.
        SmeRequestsCompleted = "sme_requests_completed",
    }
}

/// The strategy.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Strategy {
    /// Its name.
    pub title: LangText,
    /// The vision.
    pub vision: LangText,
    /// The period, when the strategy states one (`2024-2030`).
    pub period: Option<String>,
    /// The actor that adopted it.
    pub adopted_by: Option<Slug>,
    /// What it is and how it is followed up.
    pub summary: LangText,
}

/// A focus area (strategiskt område) with its four texts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FocusArea {
    /// Slug.
    pub slug: Slug,
    /// Order.
    pub position: i64,
    /// Name.
    pub name: LangText,
    /// Nuläge.
    pub current_state: LangText,
    /// Regionala styrkor.
    pub strengths: LangText,
    /// Önskat läge.
    pub desired_state: LangText,
    /// Utvecklingsbehov.
    pub development_needs: LangText,
    /// Competence tags.
    pub tags: Vec<Slug>,
    /// Actors the strategy ties to the area.
    pub actors: Vec<Slug>,
}

/// A measure (insats) of an area's action plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Measure {
    /// The area.
    pub area: Slug,
    /// Its code in the plan (`1.1`).
    pub code: String,
    /// Example data, not the region's decided plan.
    pub example: bool,
    /// Title.
    pub title: LangText,
    /// Description.
    pub description: LangText,
    /// The responsible actor.
    pub responsible: Slug,
    /// Contributing actors.
    pub contributors: Vec<Slug>,
    /// Start.
    pub start: Option<IsoDate>,
    /// End.
    pub end: Option<IsoDate>,
    /// Status.
    pub status: MeasureStatus,
}

/// A yearly value of an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct YearValue {
    /// Year.
    pub year: i32,
    /// Value.
    pub value: f64,
}

/// An indicator (mätbart mål).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Indicator {
    /// The area.
    pub area: Slug,
    /// Its code (`1.a`).
    pub code: String,
    /// Example data.
    pub example: bool,
    /// Name.
    pub name: LangText,
    /// Unit.
    pub unit: LangText,
    /// Which way is better.
    pub direction: Direction,
    /// Baseline value and year.
    pub baseline: YearValue,
    /// Target value and year.
    pub target: YearValue,
    /// Data source.
    pub source: LangText,
    /// Codes of the measures it follows.
    pub measures: Vec<String>,
    /// Counted by the platform itself.
    pub auto: Option<AutoIndicator>,
    /// Yearly values, by year.
    pub values: Vec<YearValue>,
}

impl Indicator {
    /// The status of the indicator against its target by the documented rule: draw a straight line from the
    /// baseline (year, value) to the target (year, value). Take the latest value reported after the baseline
    /// year and how far along the way it has come (`progress`, 0 at the baseline, 1 at the target, measured in
    /// the better direction) against how far along the line it should be in that year (`expected`). On track when
    /// `progress >= expected`; at risk when it is behind by at most 0.25 (a quarter of the whole way); off track
    /// otherwise, or whenever it has moved the wrong way from the baseline. Unknown without a later value. A target
    /// equal to the baseline means "hold the level": on track while not worse.
    pub fn status(&self, values: &[YearValue]) -> TargetStatus {
        let Some(latest) = values
            .iter()
            .filter(|v| v.year > self.baseline.year && v.value.is_finite())
            .max_by_key(|v| v.year)
        else {
            return TargetStatus::Unknown;
        };
        let sign = match self.direction {
            Direction::Higher => 1.0,
            Direction::Lower => -1.0,
        };
        let gained = (latest.value - self.baseline.value) * sign;
        let whole = (self.target.value - self.baseline.value) * sign;
        if whole <= 0.0 {
            return if gained >= 0.0 {
                TargetStatus::OnTrack
            } else {
                TargetStatus::OffTrack
            };
        }
        if gained < 0.0 {
            return TargetStatus::OffTrack;
        }
        let span = f64::from((self.target.year - self.baseline.year).max(1));
        let expected = (f64::from(latest.year - self.baseline.year) / span).clamp(0.0, 1.0);
        let progress = gained / whole;
        if progress >= expected {
            TargetStatus::OnTrack
        } else if expected - progress <= 0.25 {
            TargetStatus::AtRisk
        } else {
            TargetStatus::OffTrack
        }
    }
}

/// The validated contents of `strategy.toml`.
#[derive(Debug, Clone)]
pub struct StrategyData {
    /// The strategy.
    pub strategy: Strategy,
    /// Its focus areas in order.
    pub areas: Vec<FocusArea>,
    /// Measures.
    pub measures: Vec<Measure>,
    /// Indicators.
    pub indicators: Vec<Indicator>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    strategy: RawStrategy,
    #[serde(default)]
    area: Vec<RawArea>,
    #[serde(default)]
    measure: Vec<RawMeasure>,
    #[serde(default)]
    indicator: Vec<RawIndicator>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStrategy {
    title_sv: String,
    title_en: String,
    vision_sv: String,
    vision_en: String,
    period: Option<String>,
    adopted_by: Option<String>,
    summary_sv: String,
    summary_en: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawArea {
    slug: String,
    position: i64,
    name_sv: String,
    name_en: String,
    current_state_sv: String,
    current_state_en: String,
    strengths_sv: String,
    strengths_en: String,
    desired_state_sv: String,
    desired_state_en: String,
    development_needs_sv: String,
    development_needs_en: String,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    actors: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeasure {
    area: String,
    code: String,
    #[serde(default)]
    example: bool,
    title_sv: String,
    title_en: String,
    description_sv: String,
    description_en: String,
    responsible: String,
    #[serde(default)]
    contributors: Vec<String>,
    start: Option<String>,
    end: Option<String>,
    status: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawValue {
    year: i32,
    value: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIndicator {
    area: String,
    code: String,
    #[serde(default)]
    example: bool,
    name_sv: String,
    name_en: String,
    unit_sv: String,
    unit_en: String,
    direction: String,
    baseline_value: f64,
    baseline_year: i32,
    target_value: f64,
    target_year: i32,
    source_sv: String,
    source_en: String,
    #[serde(default)]
    measures: Vec<String>,
    auto: Option<String>,
    #[serde(default)]
    values: Vec<RawValue>,
}

fn date(p: &mut Problems, rec: &str, field: &str, raw: Option<String>) -> Option<IsoDate> {
    non_empty(raw).and_then(|d| match IsoDate::parse(&d) {
        Ok(d) => Some(d),
        Err(e) => {
            p.add("strategy.toml", rec, format!("{field}: {e}"));
            None
        }
    })
}

impl StrategyData {
    /// Parses and checks `strategy.toml` against the data set (actors and tags must exist).
    pub fn parse(text: &str, data: &Dataset) -> Result<StrategyData, Vec<DatasetProblem>> {
        let f = "strategy.toml";
        let mut p = Problems(Vec::new());
        let Some(file): Option<File> = parse_file(f, text, &mut p) else {
            return Err(p.0);
        };
        let actors: HashSet<&Slug> = data.actors.iter().map(|a| &a.slug).collect();
        let tags: HashSet<&Slug> = data.tags.iter().map(|t| &t.slug).collect();
        let actor = |p: &mut Problems, rec: &str, s: &str| -> Option<Slug> {
            match Slug::parse(s) {
                Ok(x) if actors.contains(&x) => Some(x),
                _ => {
                    p.add(f, rec, format!("unknown actor {s:?}"));
                    None
                }
            }
        };
        let s = file.strategy;
        let strategy = Strategy {
            title: p.text(f, "strategy", "title", s.title_sv, s.title_en),
            vision: p.text(f, "strategy", "vision", s.vision_sv, s.vision_en),
            period: non_empty(s.period),
            adopted_by: non_empty(s.adopted_by).and_then(|a| actor(&mut p, "strategy", &a)),
            summary: p.text(f, "strategy", "summary", s.summary_sv, s.summary_en),
        };
        let mut areas = Vec::new();
        let mut area_slugs = HashSet::new();
        for a in file.area {
            let rec = a.slug.clone();
            let area = FocusArea {
                position: a.position,
                name: p.text(f, &rec, "name", a.name_sv, a.name_en),
                current_state: p.text(
                    f,
                    &rec,
                    "current_state",
                    a.current_state_sv,
                    a.current_state_en,
                ),
                strengths: p.text(f, &rec, "strengths", a.strengths_sv, a.strengths_en),
                desired_state: p.text(
                    f,
                    &rec,
                    "desired_state",
                    a.desired_state_sv,
                    a.desired_state_en,
                ),
                development_needs: p.text(
                    f,
                    &rec,
                    "development_needs",
                    a.development_needs_sv,
                    a.development_needs_en,
                ),
                tags: a
                    .tags
                    .iter()
                    .filter_map(|t| match Slug::parse(t) {
                        Ok(x) if tags.contains(&x) => Some(x),
                        _ => {
                            p.add(f, &rec, format!("unknown tag {t:?}"));
                            None
                        }
                    })
                    .collect(),
                actors: a
                    .actors
                    .iter()
                    .filter_map(|x| actor(&mut p, &rec, x))
                    .collect(),
                slug: match p.slug(f, &rec, &a.slug) {
                    Some(s) => s,
                    None => continue,
                },
            };
            if !area_slugs.insert(area.slug.clone()) {
                p.add(f, &rec, "slug used twice");
            }
            areas.push(area);
        }
        areas.sort_by_key(|a| a.position);
        let area_of = |p: &mut Problems, rec: &str, s: &str| -> Option<Slug> {
            match Slug::parse(s) {
                Ok(x) if area_slugs.contains(&x) => Some(x),
                _ => {
                    p.add(f, rec, format!("unknown area {s:?}"));
                    None
                }
            }
        };
        let mut measures = Vec::new();
        let mut codes = HashSet::new();
        for m in file.measure {
            let rec = format!("measure {}", m.code);
            if !codes.insert(m.code.clone()) {
                p.add(f, &rec, "code used twice");
            }
            let status = MeasureStatus::parse(&m.status);
            if status.is_none() {
                p.add(f, &rec, format!("unknown status {:?}", m.status));
            }
            let title = p.text(f, &rec, "title", m.title_sv, m.title_en);
            let description = p.text(f, &rec, "description", m.description_sv, m.description_en);
            let start = date(&mut p, &rec, "start", m.start);
            let end = date(&mut p, &rec, "end", m.end);
            if let (Some(s), Some(e)) = (start, end)
                && e < s
            {
                p.add(f, &rec, "end is before start");
            }
            let contributors = m
                .contributors
                .iter()
                .filter_map(|x| actor(&mut p, &rec, x))
                .collect();
            if let (Some(area), Some(responsible), Some(status)) = (
                area_of(&mut p, &rec, &m.area),
                actor(&mut p, &rec, &m.responsible),
                status,
            ) {
                measures.push(Measure {
                    area,
                    code: m.code,
                    example: m.example,
                    title,
                    description,
                    responsible,
                    contributors,
                    start,
                    end,
                    status,
                });
            }
        }
        let mut indicators = Vec::new();
        let mut icodes = HashSet::new();
        for i in file.indicator {
            let rec = format!("indicator {}", i.code);
            if !icodes.insert(i.code.clone()) {
                p.add(f, &rec, "code used twice");
            }
            let direction = Direction::parse(&i.direction);
            if direction.is_none() {
                p.add(f, &rec, format!("unknown direction {:?}", i.direction));
            }
            let auto = non_empty(i.auto).and_then(|a| {
                let x = AutoIndicator::parse(&a);
                if x.is_none() {
                    p.add(f, &rec, format!("unknown automatic indicator {a:?}"));
                }
                x
            });
            if i.target_year < i.baseline_year {
                p.add(f, &rec, "the target year is before the baseline year");
            }
            for m in &i.measures {
                if !codes.contains(m) {
                    p.add(f, &rec, format!("unknown measure {m:?}"));
                }
            }
            let name = p.text(f, &rec, "name", i.name_sv, i.name_en);
            let unit = p.text(f, &rec, "unit", i.unit_sv, i.unit_en);
            let source = p.text(f, &rec, "source", i.source_sv, i.source_en);
            let mut values: Vec<YearValue> = i
                .values
                .iter()
                .map(|v| YearValue {
                    year: v.year,
                    value: v.value,
                })
                .collect();
            values.sort_by_key(|v| v.year);
            if values.windows(2).any(|w| w[0].year == w[1].year) {
                p.add(f, &rec, "a year has two values");
            }
            if let (Some(area), Some(direction)) = (area_of(&mut p, &rec, &i.area), direction) {
                indicators.push(Indicator {
                    area,
                    code: i.code,
                    example: i.example,
                    name,
                    unit,
                    direction,
                    baseline: YearValue {
                        year: i.baseline_year,
                        value: i.baseline_value,
                    },
                    target: YearValue {
                        year: i.target_year,
                        value: i.target_value,
                    },
                    source,
                    measures: i.measures,
                    auto,
                    values,
                });
            }
        }
        if p.0.is_empty() {
            Ok(StrategyData {
                strategy,
                areas,
                measures,
                indicators,
            })
        } else {
            Err(p.0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn indicator(direction: Direction, baseline: (i32, f64), target: (i32, f64)) -> Indicator {
        Indicator {
            area: Slug::parse("a").expect("slug"),
            code: "1.a".into(),
            example: true,
            name: LangText::new("n", "n"),
            unit: LangText::new("u", "u"),
            direction,
            baseline: YearValue {
                year: baseline.0,
                value: baseline.1,
            },
            target: YearValue {
                year: target.0,
                value: target.1,
            },
            source: LangText::new("s", "s"),
            measures: vec![],
            auto: None,
            values: vec![],
        }
    }

    fn v(year: i32, value: f64) -> YearValue {
        YearValue { year, value }
    }

    #[test]
    fn the_status_rule() {
        // 10 -> 30 over 2023..2030: in 2025 the line says 2/7 of the way (about 15.7).
        let i = indicator(Direction::Higher, (2023, 10.0), (2030, 30.0));
        assert_eq!(i.status(&[]), TargetStatus::Unknown);
        assert_eq!(
            i.status(&[v(2023, 12.0)]),
            TargetStatus::Unknown,
            "the baseline year is no report"
        );
        assert_eq!(i.status(&[v(2025, 16.0)]), TargetStatus::OnTrack);
        assert_eq!(i.status(&[v(2025, 12.0)]), TargetStatus::AtRisk);
        assert_eq!(i.status(&[v(2029, 12.0)]), TargetStatus::OffTrack);
        assert_eq!(
            i.status(&[v(2025, 9.0)]),
            TargetStatus::OffTrack,
            "the wrong way"
        );
        assert_eq!(
            i.status(&[v(2024, 9.0), v(2026, 20.0)]),
            TargetStatus::OnTrack,
            "the latest counts"
        );
        let lower = indicator(Direction::Lower, (2023, 100.0), (2027, 60.0));
        assert_eq!(lower.status(&[v(2025, 78.0)]), TargetStatus::OnTrack);
        assert_eq!(lower.status(&[v(2025, 101.0)]), TargetStatus::OffTrack);
        let hold = indicator(Direction::Higher, (2023, 5.0), (2030, 5.0));
        assert_eq!(hold.status(&[v(2025, 5.0)]), TargetStatus::OnTrack);
        assert_eq!(hold.status(&[v(2025, 4.0)]), TargetStatus::OffTrack);
    }

    proptest! {
        /// Reaching the target is always on track; moving the wrong way is never on track; a better value never
        /// gives a worse status.
        #[test]
        fn the_rule_is_monotone(base in -100.0f64..100.0, gain in 0.1f64..100.0, year in 2024i32..2040,
                                a in -200.0f64..200.0, b in -200.0f64..200.0, higher in any::<bool>()) {
            let dir = if higher { Direction::Higher } else { Direction::Lower };
            let sign = if higher { 1.0 } else { -1.0 };
            let i = indicator(dir, (2023, base), (2030, base + sign * gain));
            prop_assert_eq!(i.status(&[v(year, base + sign * gain)]), TargetStatus::OnTrack);
            prop_assert_eq!(i.status(&[v(year, base - sign * 0.01)]), TargetStatus::OffTrack);
            let rank = |s: TargetStatus| match s { TargetStatus::OnTrack => 2, TargetStatus::AtRisk => 1, _ => 0 };
            let (worse, better) = if (a - b) * sign <= 0.0 { (a, b) } else { (b, a) };
            prop_assert!(rank(i.status(&[v(year, better)])) >= rank(i.status(&[v(year, worse)])));
        }
    }
}
