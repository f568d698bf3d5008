//! Indicators the platform counts itself from what it already holds — access requests, matchmaking meetings,
//! partner posts, events. Each is one SQL query, kept in `queries/counted/<code>.sql` and shown word for word in
//! `docs/indicators.md`, and one rule that turns the query's rows into a value per year; anyone with the database
//! can run the query and get the same figures.
//!
//! A row's year is the calendar year in Stockholm time of its `at` column (milliseconds since 1970 UTC).

use crate::rows::get;
use crate::{Store, StoreError};
use domain::events::stockholm_offset;
use domain::strategy::{AutoIndicator, YearValue};
use domain::{IsoDate, Slug};
use std::collections::{BTreeMap, BTreeSet};

/// How a query's rows become a value per year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// The number of rows.
    Count,
    /// The number of different `who` values.
    Distinct,
    /// The median of `value`.
    Median,
}

/// What the query's one parameter, `$1`, is bound to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Param {
    /// The query takes none.
    None,
    /// The indicator's focus area (slug).
    Area,
    /// This moment, in milliseconds since 1970 UTC ("held" means ended by now).
    Now,
}

/// One counted indicator: its query and its rule.
#[derive(Debug, Clone, Copy)]
pub struct Counted {
    /// Which.
    pub code: AutoIndicator,
    /// The query, as the documentation shows it.
    pub sql: &'static str,
    /// How rows become values.
    pub rule: Rule,
    /// What `$1` is.
    pub param: Param,
}

/// The query and rule of `code`.
pub fn counted(code: AutoIndicator) -> Counted {
    use AutoIndicator as A;
    let (sql, rule, param) = match code {
        A::SmeRequestsCompleted => (
            include_str!("../queries/counted/sme_requests_completed.sql"),
            Rule::Count,
            Param::None,
        ),
        A::RequestsReceived => (
            include_str!("../queries/counted/requests_received.sql"),
            Rule::Count,
            Param::Area,
        ),
        A::RequestsCompleted => (
            include_str!("../queries/counted/requests_completed.sql"),
            Rule::Count,
            Param::Area,
        ),
        A::RequestFirstAnswerDays => (
            include_str!("../queries/counted/request_first_answer_days.sql"),
            Rule::Median,
            Param::Area,
        ),
        A::SmesServed => (
            include_str!("../queries/counted/smes_served.sql"),
            Rule::Distinct,
            Param::None,
        ),
        A::MatchmakingMeetings => (
            include_str!("../queries/counted/matchmaking_meetings.sql"),
            Rule::Count,
            Param::Now,
        ),
        A::PostsAnswered => (
            include_str!("../queries/counted/posts_answered.sql"),
            Rule::Count,
            Param::None,
        ),
        A::EventsOnCampuses => (
            include_str!("../queries/counted/events_on_campuses.sql"),
            Rule::Count,
            Param::Now,
        ),
        A::HealthApplicationsReceived => (
            include_str!("../queries/counted/health_applications_received.sql"),
            Rule::Count,
            Param::None,
        ),
        A::HealthPermitsGranted => (
            include_str!("../queries/counted/health_permits_granted.sql"),
            Rule::Count,
            Param::None,
        ),
        A::HealthOutputsReleased => (
            include_str!("../queries/counted/health_outputs_released.sql"),
            Rule::Count,
            Param::None,
        ),
        A::HealthDecisionDays => (
            include_str!("../queries/counted/health_decision_days.sql"),
            Rule::Median,
            Param::None,
        ),
    };
    Counted {
        code,
        sql,
        rule,
        param,
    }
}

/// The calendar year in Stockholm of the moment `at_ms`.
pub fn stockholm_year(at_ms: i64) -> i32 {
    IsoDate::from_unix_millis(at_ms + stockholm_offset(at_ms) * 60_000).year()
}

/// A row of a counted query: when, and the value or who when the rule needs one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CountedRow {
    /// `at`, milliseconds since 1970 UTC.
    pub at: i64,
    /// `value`, for [`Rule::Median`].
    pub value: Option<f64>,
    /// `who`, for [`Rule::Distinct`].
    pub who: Option<i64>,
}

/// The values per year, by year, that `rule` makes of `rows`.
pub fn per_year(rule: Rule, rows: &[CountedRow]) -> Vec<YearValue> {
    let mut years: BTreeMap<i32, Vec<&CountedRow>> = BTreeMap::new();
    for r in rows {
        years.entry(stockholm_year(r.at)).or_default().push(r);
    }
    years
        .into_iter()
        .filter_map(|(year, rows)| {
            let value = match rule {
                Rule::Count => rows.len() as f64,
                Rule::Distinct => rows
                    .iter()
                    .filter_map(|r| r.who)
                    .collect::<BTreeSet<_>>()
                    .len() as f64,
                Rule::Median => {
                    let mut values: Vec<f64> = rows
                        .iter()
                        .filter_map(|r| r.value)
                        .filter(|v| v.is_finite())
                        .collect();
                    crate::requests::median(&mut values)?
                }
            };
            Some(YearValue { year, value })
        })
        .collect()
}

impl Store {
    /// The values per year of the counted indicator `code` for an indicator of `area`.
    pub async fn counted_values(
        &self,
        code: AutoIndicator,
        area: &Slug,
    ) -> Result<Vec<YearValue>, StoreError> {
        let c = counted(code);
        let query = sqlx::query(c.sql);
        let query = match c.param {
            Param::None => query,
            Param::Area => query.bind(area.as_str().to_owned()),
            Param::Now => query.bind(crate::now_millis()),
        };
        let rows = query.fetch_all(self.pool()).await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            out.push(CountedRow {
                at: get(r, "at")?,
                value: match c.rule {
                    Rule::Median => Some(get(r, "value")?),
                    _ => None,
                },
                who: match c.rule {
                    Rule::Distinct => Some(get(r, "who")?),
                    _ => None,
                },
            });
        }
        Ok(per_year(c.rule, &out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_documentation_shows_every_query_word_for_word() {
        let docs = include_str!("../../../docs/indicators.md");
        for code in AutoIndicator::ALL {
            let c = counted(*code);
            assert!(
                docs.contains(&format!("### `{}`", code.as_str())),
                "docs/indicators.md has a section for {code}"
            );
            assert!(
                docs.contains(&format!("```sql\n{}```", c.sql)),
                "docs/indicators.md shows the query of {code} as it runs"
            );
        }
    }

    #[test]
    fn a_year_is_a_year_in_stockholm() {
        // 2025-12-31 23:30 UTC is already 2026 in Stockholm.
        let new_year = 1_767_223_800_000;
        assert_eq!(IsoDate::from_unix_millis(new_year).year(), 2025);
        assert_eq!(stockholm_year(new_year), 2026);
        let row = |at, value, who| CountedRow { at, value, who };
        let rows = [
            row(new_year, Some(1.0), Some(7)),
            row(new_year + 1000, Some(4.0), Some(7)),
            row(new_year - 86_400_000, Some(10.0), Some(8)),
        ];
        assert_eq!(
            per_year(Rule::Count, &rows),
            vec![
                YearValue {
                    year: 2025,
                    value: 1.0
                },
                YearValue {
                    year: 2026,
                    value: 2.0
                }
            ]
        );
        assert_eq!(
            per_year(Rule::Distinct, &rows)[1].value,
            1.0,
            "the same company once"
        );
        assert_eq!(per_year(Rule::Median, &rows)[1].value, 2.5);
    }

    proptest! {
        /// Counting per year loses no row and invents none; a median lies between the year's least and greatest.
        #[test]
        fn per_year_keeps_every_row(ats in proptest::collection::vec(0i64..4_000_000_000_000, 0..60),
                                    values in proptest::collection::vec(0.0f64..1000.0, 60)) {
            let rows: Vec<CountedRow> = ats
                .iter()
                .zip(&values)
                .map(|(at, v)| CountedRow { at: *at, value: Some(*v), who: Some(at % 5) })
                .collect();
            let counts = per_year(Rule::Count, &rows);
            prop_assert_eq!(counts.iter().map(|v| v.value).sum::<f64>() as usize, rows.len());
            for v in per_year(Rule::Median, &rows) {
                let of_year: Vec<f64> = rows.iter().filter(|r| stockholm_year(r.at) == v.year).filter_map(|r| r.value).collect();
                let lo = of_year.iter().copied().fold(f64::INFINITY, f64::min);
                let hi = of_year.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                prop_assert!(lo <= v.value && v.value <= hi);
            }
            for v in per_year(Rule::Distinct, &rows) {
                prop_assert!(v.value >= 1.0 && v.value <= 5.0);
            }
        }
    }
}
