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
    /// Where a milestone of a measure stands.
    MilestoneStatus {
        /// To come.
        Planned = "planned",
        /// Reached.
        Done = "done",
        /// Late.
        Delayed = "delayed",
        /// Dropped.
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
        /// Access requests from small companies completed per year, in the whole region.
        SmeRequestsCompleted = "sme_requests_completed",
        /// Access requests sent per year for services of the indicator's area.
        RequestsReceived = "requests_received",
        /// Access requests completed per year for services of the indicator's area.
        RequestsCompleted = "requests_completed",
        /// Median days from a request being sent to its first answer, by the year it was sent (the area's
        /// services).
        RequestFirstAnswerDays = "request_first_answer_days",
        /// Small companies that completed at least one access request in the year (any infrastructure).
        SmesServed = "smes_served",
        /// One-to-one matchmaking meetings held per year.
        MatchmakingMeetings = "matchmaking_meetings",
        /// Partner posts that someone else answered, by the year of the post.
        PostsAnswered = "posts_answered",
        /// Events held on a campus (or at a meeting place on one) per year.
        EventsOnCampuses = "events_on_campuses",
        /// Data-permit applications submitted per year (health data).
        HealthApplicationsReceived = "health_applications_received",
        /// Data permits granted per year, with or without conditions.
        HealthPermitsGranted = "health_permits_granted",
        /// Median days from a data-permit application's submission to its decision, without the days a
        /// clarification was pending, by the year of the decision.
        HealthDecisionDays = "health_decision_days",
        /// Results of health-data projects released after the output review, per year.
        HealthOutputsReleased = "health_outputs_released",
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
    /// The money set aside, when the plan states it.
    pub budget: Option<Budget>,
    /// Where the money comes from (empty when not stated).
    pub funding: LangText,
    /// Dated steps, in order.
    pub milestones: Vec<Milestone>,
}

/// A sum of money in a currency.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Budget {
    /// The amount, not negative.
    pub amount: f64,
    /// The currency.
    pub currency: Currency,
}

/// An ISO 4217 currency code: three capital letters (`SEK`, `EUR`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(into = "String")]
pub struct Currency([u8; 3]);

impl Currency {
    /// Swedish kronor, the default of a Swedish region's plan.
    pub const SEK: Currency = Currency(*b"SEK");

    /// Parses a code (any case, surrounding space ignored); `None` unless it is three letters A-Z.
    pub fn parse(code: &str) -> Option<Currency> {
        let code = code.trim().to_ascii_uppercase();
        let bytes: [u8; 3] = code.as_bytes().try_into().ok()?;
        bytes
            .iter()
            .all(u8::is_ascii_uppercase)
            .then_some(Currency(bytes))
    }

    /// The code.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("XXX")
    }
}

impl std::fmt::Display for Currency {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<Currency> for String {
    fn from(c: Currency) -> String {
        c.as_str().to_owned()
    }
}

/// A dated step of a measure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Milestone {
    /// What is reached.
    pub title: LangText,
    /// By when.
    pub due: IsoDate,
    /// Where it stands.
    pub status: MilestoneStatus,
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
    /// Interim targets on the way, by year (between the baseline and the target years).
    pub interim: Vec<YearValue>,
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
    /// The status of the indicator against its target by the documented rule: draw a line from the baseline
    /// (year, value) through the interim targets to the target (year, value) — a straight line when there are
    /// none. Take the latest value reported after the baseline year and how far along the way it has come
    /// (`progress`, 0 at the baseline, 1 at the target, measured in the better direction) against how far along
    /// the line it should be in that year (`expected`; the whole way from the target year on). On track when
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
        let expected = self.expected_share(latest.year, sign, whole);
        let progress = gained / whole;
        if progress >= expected {
            TargetStatus::OnTrack
        } else if expected - progress <= 0.25 {
            TargetStatus::AtRisk
        } else {
            TargetStatus::OffTrack
        }
    }

    /// How far along the way (0 at the baseline, 1 at the target) the indicator should be in `year`: the line
    /// through the baseline, the interim targets between the baseline and target years, and the target.
    fn expected_share(&self, year: i32, sign: f64, whole: f64) -> f64 {
        let mut points = vec![(self.baseline.year, 0.0)];
        let mut interim: Vec<&YearValue> = self
            .interim
            .iter()
            .filter(|v| {
                v.year > self.baseline.year && v.year < self.target.year && v.value.is_finite()
            })
            .collect();
        interim.sort_by_key(|v| v.year);
        interim.dedup_by_key(|v| v.year);
        points.extend(
            interim
                .iter()
                .map(|v| (v.year, (v.value - self.baseline.value) * sign / whole)),
        );
        points.push((self.target.year.max(self.baseline.year + 1), 1.0));
        let Some(i) = points.iter().position(|(y, _)| *y >= year) else {
            return 1.0;
        };
        if i == 0 {
            return 0.0;
        }
        let ((y0, f0), (y1, f1)) = (points[i - 1], points[i]);
        let along = (f64::from(year - y0) / f64::from((y1 - y0).max(1))).clamp(0.0, 1.0);
        f0 + (f1 - f0) * along
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
                    budget: None,
                    funding: LangText::default(),
                    milestones: Vec::new(),
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
                    interim: Vec::new(),
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
            interim: vec![],
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

    #[test]
    fn interim_targets_bend_the_line() {
        // 10 -> 30 over 2023..2030, but the plan expects most of it late: 12 by 2027.
        let mut i = indicator(Direction::Higher, (2023, 10.0), (2030, 30.0));
        assert_eq!(
            i.status(&[v(2027, 17.0)]),
            TargetStatus::AtRisk,
            "the straight line expects 21.4"
        );
        i.interim = vec![v(2027, 12.0)];
        assert_eq!(
            i.status(&[v(2027, 17.0)]),
            TargetStatus::OnTrack,
            "ahead of the interim target"
        );
        assert_eq!(
            i.status(&[v(2027, 11.0)]),
            TargetStatus::AtRisk,
            "a little behind it"
        );
        // Between the interim target and the target the line runs from 12 (2027) to 30 (2030): 18 in 2028.
        assert_eq!(i.status(&[v(2028, 18.5)]), TargetStatus::OnTrack);
        assert_eq!(i.status(&[v(2028, 15.0)]), TargetStatus::AtRisk);
        // An interim target outside the baseline..target years is ignored.
        i.interim = vec![v(2031, 0.0), v(2020, 100.0)];
        assert_eq!(i.status(&[v(2027, 17.0)]), TargetStatus::AtRisk);
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

vocabulary! {
    /// An actor's part in a measure.
    Part {
        /// Responsible for it.
        Responsible = "responsible",
        /// Contributes to it.
        Contributes = "contributes",
    }
}

/// For each actor, for each area, the measures it takes part in: (index into the measures, its part).
pub type WhoDoesWhat =
    std::collections::BTreeMap<Slug, std::collections::BTreeMap<Slug, Vec<(usize, Part)>>>;

/// Who does what in the plans: for each actor named in a measure, for each area, the measures (as indices into
/// `measures`, in plan order) and the actor's part in each. An actor named both responsible and contributing is
/// responsible.
pub fn who_does_what(measures: &[Measure]) -> WhoDoesWhat {
    let mut out = WhoDoesWhat::new();
    for (index, m) in measures.iter().enumerate() {
        let mut named = vec![(m.responsible.clone(), Part::Responsible)];
        named.extend(
            m.contributors
                .iter()
                .filter(|c| **c != m.responsible)
                .map(|c| (c.clone(), Part::Contributes)),
        );
        named.dedup_by(|a, b| a.0 == b.0);
        for (actor, part) in named {
            let list = out
                .entry(actor)
                .or_default()
                .entry(m.area.clone())
                .or_default();
            if !list.iter().any(|(i, _)| measures[*i].code == m.code) {
                list.push((index, part));
            }
        }
    }
    for areas in out.values_mut() {
        for list in areas.values_mut() {
            list.sort_by(|a, b| crate::plan::code_order(&measures[a.0].code, &measures[b.0].code));
        }
    }
    out
}

#[cfg(test)]
mod who_tests {
    use super::*;

    fn m(area: &str, code: &str, responsible: &str, contributors: &[&str]) -> Measure {
        let s = |x: &str| Slug::parse(x).expect("slug");
        Measure {
            area: s(area),
            code: code.into(),
            example: false,
            title: LangText::new("t", "t"),
            description: LangText::new("d", "d"),
            responsible: s(responsible),
            contributors: contributors.iter().map(|c| s(c)).collect(),
            start: None,
            end: None,
            status: MeasureStatus::Planned,
            budget: None,
            funding: LangText::default(),
            milestones: vec![],
        }
    }

    #[test]
    fn each_actor_sees_its_measures_by_area_with_its_part() {
        let measures = [
            m("halsodata", "1.10", "ki", &["kth"]),
            m("halsodata", "1.2", "kth", &["ki", "kth"]),
            m("vard", "2.1", "region", &["ki"]),
        ];
        let w = who_does_what(&measures);
        let codes = |list: &Vec<(usize, Part)>| -> Vec<(String, Part)> {
            list.iter()
                .map(|(i, p)| (measures[*i].code.clone(), *p))
                .collect()
        };
        let ki = &w[&Slug::parse("ki").expect("slug")];
        assert_eq!(
            codes(&ki[&Slug::parse("halsodata").expect("slug")]),
            vec![
                ("1.2".to_owned(), Part::Contributes),
                ("1.10".to_owned(), Part::Responsible)
            ]
        );
        assert_eq!(
            codes(&ki[&Slug::parse("vard").expect("slug")]),
            vec![("2.1".to_owned(), Part::Contributes)]
        );
        let kth = &w[&Slug::parse("kth").expect("slug")];
        assert_eq!(
            codes(&kth[&Slug::parse("halsodata").expect("slug")]),
            vec![
                ("1.2".to_owned(), Part::Responsible),
                ("1.10".to_owned(), Part::Contributes)
            ],
            "responsible and named as contributor too: responsible, once"
        );
    }
}
