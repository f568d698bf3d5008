//! Cohort definitions: who is in a cohort, as the form asks it and as a subset of OHDSI's Circe expresses it, in
//! one canonical form. Two definitions that ask the same question — rules in another order, a rule given twice,
//! `age > 39` for `age >= 40` on whole years, concepts listed in another order or twice — have the same canonical
//! form and so the same key: the same answer, at no new cost.
//!
//! The meaning follows Circe's, so that a count can be checked against OHDSI's own implementation:
//! - the **index events** are the records of the index domain whose concept is in the index concept set (with its
//!   descendants when asked); with `first_only`, only each person's earliest such record in all their history
//!   (by start date, then record id) — taken before any other condition, as Circe's `First` is;
//! - an index event counts when it lies in an observation period of the person that began at least
//!   `prior_observation_days` before it, the person's age at it (its year minus the year of birth, as Circe reckons)
//!   is within the bounds, their sex is the one asked, and its date is within the calendar period;
//! - each inclusion rule counts the records of its concept set that start within its window of days around the
//!   index event and within the same observation period: "has" needs at least `times`, "has not" fewer than
//!   `times`;
//! - a person is in the cohort when one of their index events passes every rule. Breakdowns use each person's
//!   earliest qualifying index event.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The table a criterion reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Domain {
    /// `condition_occurrence`.
    Condition,
    /// `drug_exposure`.
    Drug,
    /// `procedure_occurrence`.
    Procedure,
    /// `measurement`.
    Measurement,
}

impl Domain {
    /// Every domain.
    pub const ALL: [Domain; 4] = [
        Domain::Condition,
        Domain::Drug,
        Domain::Procedure,
        Domain::Measurement,
    ];

    /// The code in forms and the API.
    pub fn as_str(self) -> &'static str {
        match self {
            Domain::Condition => "condition",
            Domain::Drug => "drug",
            Domain::Procedure => "procedure",
            Domain::Measurement => "measurement",
        }
    }

    /// OMOP's `domain_id` of the concepts it holds.
    pub fn omop_domain(self) -> &'static str {
        match self {
            Domain::Condition => "Condition",
            Domain::Drug => "Drug",
            Domain::Procedure => "Procedure",
            Domain::Measurement => "Measurement",
        }
    }
}

/// Concepts, optionally with everything below them in the vocabulary.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ConceptSet {
    /// Concept ids (sorted, no repeats once canonical).
    pub concepts: Vec<i64>,
    /// Whether each concept's descendants belong to the set.
    pub descendants: bool,
}

/// A domain and a concept set: "a diagnosis of type 2 diabetes", "a dispensing of metformin".
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Criterion {
    /// The table.
    pub domain: Domain,
    /// The concepts.
    pub concepts: ConceptSet,
}

/// Days around the index event, both ends included (negative: before it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Window {
    /// From.
    pub start: i32,
    /// To.
    pub end: i32,
}

/// An inclusion rule: has (or has not) a criterion at least `times` times within the window.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Rule {
    /// What is counted.
    pub criterion: Criterion,
    /// `true`: at least `times`; `false`: fewer than `times`.
    pub has: bool,
    /// How many times (at least 1).
    pub times: u32,
    /// When, around the index event.
    pub window: Window,
}

/// Sex, as OMOP's gender concepts record it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    /// Concept 8532.
    Female,
    /// Concept 8507.
    Male,
}

impl Sex {
    /// OMOP's gender concept.
    pub fn concept(self) -> i64 {
        match self {
            Sex::Female => crate::vocabulary::FEMALE,
            Sex::Male => crate::vocabulary::MALE,
        }
    }
}

/// A cohort definition.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CohortDefinition {
    /// The index event.
    pub index: Criterion,
    /// Only each person's first index event in all their history.
    pub first_only: bool,
    /// The youngest age at the index event, in whole years.
    pub age_min: Option<u32>,
    /// The oldest age at the index event, in whole years.
    pub age_max: Option<u32>,
    /// Only this sex.
    pub sex: Option<Sex>,
    /// Days of observation required before the index event.
    pub prior_observation_days: u32,
    /// Inclusion rules, all required.
    pub rules: Vec<Rule>,
    /// The first day an index event may have (days since 1970-01-01).
    pub period_start: Option<i32>,
    /// The last day an index event may have.
    pub period_end: Option<i32>,
}

/// An age comparison as a form or a Circe `Age` writes it, on whole years.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgeOp {
    /// `>`.
    Gt,
    /// `>=`.
    Gte,
    /// `<`.
    Lt,
    /// `<=`.
    Lte,
    /// `=`.
    Eq,
}

impl AgeOp {
    /// The bounds (youngest, oldest) that `age OP value` means on whole years: `> 39` is `>= 40`; `< 0` can hold
    /// for no one and is `None`.
    pub fn bounds(self, value: u32) -> Option<(Option<u32>, Option<u32>)> {
        Some(match self {
            AgeOp::Gt => (Some(value.checked_add(1)?), None),
            AgeOp::Gte => (Some(value), None),
            AgeOp::Lt => (None, Some(value.checked_sub(1)?)),
            AgeOp::Lte => (None, Some(value)),
            AgeOp::Eq => (Some(value), Some(value)),
        })
    }
}

/// The most inclusion rules a definition may have.
pub const MAX_RULES: usize = 20;
/// The most concepts a concept set may name.
pub const MAX_CONCEPTS: usize = 500;
/// The widest window, in days either way (a century).
pub const MAX_WINDOW_DAYS: i32 = 36_525;
/// The longest prior observation, in days (a century).
pub const MAX_PRIOR_DAYS: u32 = 36_525;
/// The highest age.
pub const MAX_AGE: u32 = 130;

/// Why a definition cannot be asked, with the place in the definition it concerns.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {problem}")]
pub struct DefinitionError {
    /// Where: `index.concepts`, `rules[1].window`, `age`.
    pub path: String,
    /// What.
    pub problem: Problem,
}

/// What is wrong with a definition.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    /// A concept set names no concept.
    #[error("name at least one concept")]
    NoConcepts,
    /// A concept set names too many.
    #[error("name at most {MAX_CONCEPTS} concepts")]
    TooManyConcepts,
    /// Too many rules.
    #[error("give at most {MAX_RULES} inclusion rules")]
    TooManyRules,
    /// The youngest age is above the oldest, or an age is above the highest.
    #[error("the ages must be from 0 to {MAX_AGE}, the youngest no older than the oldest")]
    Ages,
    /// The window ends before it starts or is too wide.
    #[error(
        "the window must end no earlier than it starts, within {MAX_WINDOW_DAYS} days of the index event"
    )]
    Window,
    /// A rule counts zero times.
    #[error("a rule counts at least 1 time")]
    Times,
    /// The prior observation is too long.
    #[error("the prior observation is at most {MAX_PRIOR_DAYS} days")]
    PriorObservation,
    /// The period ends before it starts.
    #[error("the period must end no earlier than it starts")]
    Period,
}

fn check_set(set: &ConceptSet, path: &str) -> Result<(), DefinitionError> {
    let fail = |problem| DefinitionError {
        path: path.to_owned(),
        problem,
    };
    if set.concepts.is_empty() {
        return Err(fail(Problem::NoConcepts));
    }
    if set.concepts.len() > MAX_CONCEPTS {
        return Err(fail(Problem::TooManyConcepts));
    }
    Ok(())
}

impl CohortDefinition {
    /// A definition with only an index event.
    pub fn new(index: Criterion) -> CohortDefinition {
        CohortDefinition {
            index,
            first_only: false,
            age_min: None,
            age_max: None,
            sex: None,
            prior_observation_days: 0,
            rules: Vec::new(),
            period_start: None,
            period_end: None,
        }
    }

    /// Checks the limits, naming the place of the first problem.
    pub fn check(&self) -> Result<(), DefinitionError> {
        check_set(&self.index.concepts, "index.concepts")?;
        let fail = |path: &str, problem| DefinitionError {
            path: path.to_owned(),
            problem,
        };
        if self.age_min.is_some_and(|a| a > MAX_AGE)
            || self.age_max.is_some_and(|a| a > MAX_AGE)
            || matches!((self.age_min, self.age_max), (Some(lo), Some(hi)) if lo > hi)
        {
            return Err(fail("age", Problem::Ages));
        }
        if self.prior_observation_days > MAX_PRIOR_DAYS {
            return Err(fail("prior_observation_days", Problem::PriorObservation));
        }
        if matches!((self.period_start, self.period_end), (Some(a), Some(b)) if a > b) {
            return Err(fail("period", Problem::Period));
        }
        if self.rules.len() > MAX_RULES {
            return Err(fail("rules", Problem::TooManyRules));
        }
        for (i, r) in self.rules.iter().enumerate() {
            check_set(&r.criterion.concepts, &format!("rules[{i}].concepts"))?;
            if r.window.start > r.window.end
                || r.window.start < -MAX_WINDOW_DAYS
                || r.window.end > MAX_WINDOW_DAYS
            {
                return Err(fail(&format!("rules[{i}].window"), Problem::Window));
            }
            if r.times == 0 {
                return Err(fail(&format!("rules[{i}].times"), Problem::Times));
            }
        }
        Ok(())
    }

    /// The canonical form: concepts sorted without repeats, rules sorted without repeats, an age bound of 0 or
    /// a period without ends dropped (they hold for everyone).
    pub fn canonical(&self) -> CohortDefinition {
        fn set(s: &ConceptSet) -> ConceptSet {
            let mut concepts = s.concepts.clone();
            concepts.sort_unstable();
            concepts.dedup();
            ConceptSet {
                concepts,
                descendants: s.descendants,
            }
        }
        let mut rules: Vec<Rule> = self
            .rules
            .iter()
            .map(|r| Rule {
                criterion: Criterion {
                    domain: r.criterion.domain,
                    concepts: set(&r.criterion.concepts),
                },
                ..r.clone()
            })
            .collect();
        rules.sort();
        rules.dedup();
        CohortDefinition {
            index: Criterion {
                domain: self.index.domain,
                concepts: set(&self.index.concepts),
            },
            first_only: self.first_only,
            age_min: self.age_min.filter(|a| *a > 0),
            age_max: self.age_max,
            sex: self.sex,
            prior_observation_days: self.prior_observation_days,
            rules,
            period_start: self.period_start,
            period_end: self.period_end,
        }
    }

    /// The question's key: SHA-256 of the canonical form's JSON. Equal for definitions that ask the same.
    pub fn key(&self) -> [u8; 32] {
        let json = serde_json::to_vec(&self.canonical()).unwrap_or_default();
        Sha256::digest(&json).into()
    }

    /// The key in hexadecimal, for the ledger.
    pub fn key_hex(&self) -> String {
        self.key().iter().map(|b| format!("{b:02x}")).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn criterion(domain: Domain, concepts: Vec<i64>) -> Criterion {
        Criterion {
            domain,
            concepts: ConceptSet {
                concepts,
                descendants: true,
            },
        }
    }

    fn rule_strategy() -> impl Strategy<Value = Rule> {
        (
            prop::sample::select(Domain::ALL.to_vec()),
            prop::collection::vec(1i64..20, 1..4),
            any::<bool>(),
            1u32..4,
            -400i32..0,
            0i32..400,
        )
            .prop_map(|(d, c, has, times, start, end)| Rule {
                criterion: criterion(d, c),
                has,
                times,
                window: Window { start, end },
            })
    }

    #[test]
    fn age_operators_on_whole_years() {
        assert_eq!(AgeOp::Gt.bounds(39), AgeOp::Gte.bounds(40));
        assert_eq!(AgeOp::Lt.bounds(65), AgeOp::Lte.bounds(64));
        assert_eq!(AgeOp::Lt.bounds(0), None);
        assert_eq!(AgeOp::Eq.bounds(50), Some((Some(50), Some(50))));
    }

    #[test]
    fn limits_are_named_with_their_place() {
        let mut d = CohortDefinition::new(criterion(Domain::Condition, vec![]));
        assert_eq!(d.check().map_err(|e| e.path), Err("index.concepts".into()));
        d.index.concepts.concepts.push(1);
        d.rules.push(Rule {
            criterion: criterion(Domain::Drug, vec![2]),
            has: true,
            times: 1,
            window: Window {
                start: 10,
                end: -10,
            },
        });
        let e = d.check().expect_err("window");
        assert_eq!(e.path, "rules[0].window");
        assert!(e.to_string().contains("must end no earlier"));
    }

    proptest! {
        #[test]
        fn the_same_question_has_the_same_key(
            concepts in prop::collection::vec(1i64..50, 1..6),
            rules in prop::collection::vec(rule_strategy(), 0..5),
            shuffle in any::<u64>(),
            age in 1u32..100,
        ) {
            let mut a = CohortDefinition::new(criterion(Domain::Condition, concepts.clone()));
            a.rules = rules.clone();
            (a.age_min, a.age_max) = AgeOp::Gt.bounds(age - 1).expect("bounds");
            // The same, reworded: concepts reversed and repeated, rules rotated and one given twice, `>= age`.
            let mut b = a.clone();
            b.index.concepts.concepts.reverse();
            b.index.concepts.concepts.extend(concepts);
            if !rules.is_empty() {
                let k = (shuffle as usize) % rules.len();
                b.rules.rotate_left(k);
                b.rules.push(rules[k].clone());
            }
            (b.age_min, b.age_max) = AgeOp::Gte.bounds(age).expect("bounds");
            prop_assert_eq!(a.key(), b.key());
            prop_assert_eq!(a.canonical(), b.canonical());
        }

        #[test]
        fn a_different_question_has_another_key(
            concepts in prop::collection::vec(1i64..50, 1..6),
            age in 1u32..100,
        ) {
            let mut a = CohortDefinition::new(criterion(Domain::Condition, concepts));
            a.age_min = Some(age);
            let mut b = a.clone();
            b.age_min = Some(age + 1);
            prop_assert_ne!(a.key(), b.key());
            let mut c = a.clone();
            c.first_only = true;
            prop_assert_ne!(a.key(), c.key());
        }
    }
}
