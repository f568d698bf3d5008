//! Asking the health data a cohort question: the one path from a definition to released figures. The exact
//! counts go from the engine straight into the disclosure module; what comes out (a total and four breakdowns,
//! each count "about n" or "fewer than 10") is charged to the researcher's budget, kept in the ledger and
//! returned. The same question asked again returns the ledger's figures at no cost.

use domain::permits::{ScopeRule, Variable};
use domain::sources::EngineData;
use health::cohort::{CohortDefinition, Domain};
use health::disclosure::{self, BudgetError, Epsilon, Policy, Released};
use health::engine::{Breakdown, CohortEngine, EngineError};
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use store::{Ledger, Recorded, Store, StoreError};

/// The health data a server answers from: its engine, the disclosure policy and the noise secret.
#[derive(Clone)]
pub struct HealthData {
    /// The cohort engine.
    pub engine: Arc<dyn CohortEngine>,
    /// Threshold and epsilon per count.
    pub policy: Policy,
    /// The server secret the noise is drawn from.
    pub secret: Arc<Vec<u8>>,
    /// Whether the data is the synthetic population (every page and export that shows it says so).
    pub synthetic: bool,
}

/// The released answer to a question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    /// Persons in the cohort.
    pub total: Released,
    /// Each breakdown (`year`, `age_band`, `sex`, `municipality`) with its released cells.
    pub breakdowns: Vec<(String, Vec<(String, Released)>)>,
}

/// An answer with what it cost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asked {
    /// The figures.
    pub answer: Answer,
    /// What this ask cost (0 for a question asked before).
    pub cost: Epsilon,
    /// Whether the question was asked before (its first answer returned).
    pub repeated: bool,
    /// What is left of the budget.
    pub left: Epsilon,
}

/// Why a question was not answered.
#[derive(Debug, thiserror::Error)]
pub enum AskError {
    /// The budget does not cover the question (or none was given).
    #[error("{0}")]
    Budget(BudgetError),
    /// The engine failed.
    #[error(transparent)]
    Engine(#[from] EngineError),
    /// The ledger failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The question is outside the project's permit.
    #[error("{0}")]
    Scope(ScopeRule),
}

/// What a question costs: one epsilon for the total and one per breakdown.
pub fn cost(policy: &Policy) -> Epsilon {
    disclosure::question_cost(policy, Breakdown::ALL.len())
}

/// Releases the population's size (the same figure for everyone, at no one's cost).
pub fn population(data: &HealthData) -> Released {
    disclosure::release(
        &data.policy,
        &data.secret,
        b"population",
        "total",
        data.engine.persons(),
    )
}

/// The kinds of records a definition uses, as a permit names them.
pub fn variables(definition: &CohortDefinition) -> Vec<Variable> {
    let mut out: Vec<Variable> = std::iter::once(&definition.index)
        .chain(definition.rules.iter().map(|r| &r.criterion))
        .map(|c| match c.domain {
            Domain::Condition => Variable::Conditions,
            Domain::Drug => Variable::Drugs,
            Domain::Procedure => Variable::Procedures,
            Domain::Measurement => Variable::Measurements,
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Whether the engine holds the population a catalogue source's figures come from: the synthetic population,
/// or a region's loaded data.
pub fn holds(data: &HealthData, engine: EngineData) -> bool {
    match engine {
        EngineData::Synthetic => data.synthetic,
        EngineData::Loaded => !data.synthetic,
    }
}

/// The catalogue source whose population the engine holds.
pub fn engine_source(data: &HealthData, sources: &[store::SourceRow]) -> Option<domain::Slug> {
    sources
        .iter()
        .find(|s| s.source.engine.is_some_and(|e| holds(data, e)))
        .map(|s| s.source.slug.clone())
}

/// Checks that `definition` stays within the project's permit on `today`; a refusal is audited with its rule.
pub async fn within_scope(
    store: &Store,
    data: &HealthData,
    user_id: i64,
    project: &store::ApplicationRow,
    definition: &CohortDefinition,
    today: domain::IsoDate,
) -> Result<(), AskError> {
    let canonical = definition.canonical();
    let scope = project
        .scope()
        .ok_or(AskError::Scope(ScopeRule::NotInForce(today, today)))?;
    let sources = store.health_sources().await?;
    let source = engine_source(data, &sources)
        .ok_or_else(|| AskError::Scope(ScopeRule::Source("–".into())))?;
    let day = |d: Option<i32>| {
        d.map(|days| domain::IsoDate::from_unix_millis(i64::from(days) * 86_400_000))
    };
    let checked = scope.check(
        today,
        &source,
        &variables(&canonical),
        day(canonical.period_start),
        day(canonical.period_end),
    );
    if let Err(rule) = checked {
        let definition_json = serde_json::to_value(&canonical).unwrap_or_default();
        store
            .refuse_out_of_scope(
                user_id,
                project.id,
                &canonical.key_hex(),
                &definition_json,
                &rule.to_string(),
            )
            .await?;
        return Err(AskError::Scope(rule));
    }
    Ok(())
}

/// Asks `definition` (checked) for `user_id`, charged to `ledger` (a project's after [`within_scope`]).
pub async fn ask(
    store: &Store,
    data: &HealthData,
    user_id: i64,
    ledger: Ledger,
    definition: &CohortDefinition,
) -> Result<Asked, AskError> {
    let canonical = definition.canonical();
    let key = canonical.key_hex();
    let definition_json = serde_json::to_value(&canonical).unwrap_or_default();
    if let Some(before) = store
        .ask_again(user_id, ledger, &key, &definition_json)
        .await?
    {
        return repeated(store, user_id, ledger, before).await;
    }
    let cost = cost(&data.policy);
    // Refuse before counting when the budget cannot cover it; the ledger checks again when it charges.
    let budget = store.ledger_budget(user_id, ledger).await?;
    if let Err(e) = budget.map_or(Err(BudgetError::Spent { cost }), |b| b.charge(cost)) {
        store
            .refuse_health_question(user_id, ledger, &key, &definition_json, cost)
            .await?;
        return Err(AskError::Budget(e));
    }
    let counted = data.engine.count(&canonical).await?;
    let question = canonical.key();
    let total = disclosure::release(
        &data.policy,
        &data.secret,
        &question,
        "total",
        counted.total,
    );
    let breakdowns = counted
        .breakdowns
        .iter()
        .map(|(b, cells)| {
            let released = disclosure::release_breakdown(
                &data.policy,
                &data.secret,
                &question,
                b.as_str(),
                counted.total,
                cells,
            );
            (b.as_str().to_owned(), released.cells)
        })
        .collect();
    let answer = Answer { total, breakdowns };
    let figures = serde_json::to_value(&answer).unwrap_or_default();
    match store
        .record_health_question(user_id, ledger, &key, &definition_json, cost, &figures)
        .await?
    {
        Recorded::Charged { left } => Ok(Asked {
            answer,
            cost,
            repeated: false,
            left,
        }),
        Recorded::Repeated(before) => repeated(store, user_id, ledger, before).await,
        Recorded::Refused(e) => Err(AskError::Budget(e)),
    }
}

async fn left(store: &Store, user_id: i64, ledger: Ledger) -> Result<Epsilon, StoreError> {
    Ok(store
        .ledger_budget(user_id, ledger)
        .await?
        .map_or(Epsilon::ZERO, |b| b.left()))
}

/// A question asked before: its first answer, at no cost.
async fn repeated(
    store: &Store,
    user_id: i64,
    ledger: Ledger,
    before: store::AskedQuestion,
) -> Result<Asked, AskError> {
    Ok(Asked {
        answer: serde_json::from_value(before.released)
            .map_err(|e| StoreError::Corrupt(e.to_string()))?,
        cost: Epsilon::ZERO,
        repeated: true,
        left: left(store, user_id, ledger).await?,
    })
}

/// One finding of the output pre-check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// `threshold` (a figure below the threshold shown as a number), `totals` (a breakdown's cells add up to
    /// more than its total, or to another total when none is suppressed), or `difference` (the total differs from
    /// an output released earlier in the project by fewer persons than the threshold: the difference could
    /// single out a small group).
    pub rule: String,
    /// Where: the breakdown, or the earlier output's id.
    pub at: String,
}

/// The automatic pre-check of an output before the reviewers vote: the disclosure rules applied to the figures
/// as released, and against the project's outputs released before (`earlier`: (id, answer)).
pub fn precheck(answer: &Answer, threshold: u64, earlier: &[(i64, Answer)]) -> Vec<Finding> {
    let mut out = Vec::new();
    let shown = |r: &Released| match r {
        Released::About(n) => Some(*n),
        Released::FewerThan(_) => None,
    };
    let mut figures = vec![("total".to_owned(), answer.total)];
    for (b, cells) in &answer.breakdowns {
        figures.extend(cells.iter().map(|(label, r)| (format!("{b}: {label}"), *r)));
    }
    for (at, r) in &figures {
        if shown(r).is_some_and(|n| n < threshold) {
            out.push(Finding {
                rule: "threshold".into(),
                at: at.clone(),
            });
        }
    }
    if let Some(total) = shown(&answer.total) {
        for (b, cells) in &answer.breakdowns {
            let sum: u64 = cells.iter().filter_map(|(_, r)| shown(r)).sum();
            let suppressed = cells.iter().any(|(_, r)| r.is_suppressed());
            if sum > total || (!suppressed && !cells.is_empty() && sum != total) {
                out.push(Finding {
                    rule: "totals".into(),
                    at: b.clone(),
                });
            }
        }
        for (id, other) in earlier {
            if let Some(o) = shown(&other.total)
                && o != total
                && o.abs_diff(total) < threshold
            {
                out.push(Finding {
                    rule: "difference".into(),
                    at: id.to_string(),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod precheck_tests {
    use super::*;

    fn answer(total: u64, cells: &[u64]) -> Answer {
        Answer {
            total: Released::About(total),
            breakdowns: vec![(
                "sex".into(),
                cells
                    .iter()
                    .enumerate()
                    .map(|(i, n)| (i.to_string(), Released::About(*n)))
                    .collect(),
            )],
        }
    }

    #[test]
    fn the_precheck_finds_small_figures_loose_totals_and_differences() {
        assert!(precheck(&answer(100, &[60, 40]), 10, &[]).is_empty());
        let rules = |f: Vec<Finding>| f.into_iter().map(|f| f.rule).collect::<Vec<_>>();
        assert_eq!(
            rules(precheck(&answer(100, &[95, 5]), 10, &[])),
            ["threshold"]
        );
        assert_eq!(
            rules(precheck(&answer(100, &[60, 50]), 10, &[])),
            ["totals"]
        );
        assert_eq!(
            rules(precheck(
                &answer(100, &[60, 40]),
                10,
                &[(7, answer(104, &[60, 44]))]
            )),
            ["difference"]
        );
        assert!(precheck(&answer(100, &[60, 40]), 10, &[(7, answer(150, &[90, 60]))]).is_empty());
    }
}
