//! The four query shapes the health-data benchmarks time (`bench/run health` against DuckDB and duckcdm,
//! `bench/run health-cluster` on a Ballista cluster): one concept; the same with age and sex; an index event with
//! an inclusion rule in a window; the first event, with its breakdowns.

use health::cohort::{CohortDefinition, ConceptSet, Criterion, Domain, Rule, Sex, Window};
use health::disclosure::{self, Policy};
use health::engine::{CohortCount, CohortEngine, EngineError};
use health::vocabulary::Vocabulary;
use std::time::Instant;

fn criterion(domain: Domain, id: i64) -> Criterion {
    Criterion {
        domain,
        concepts: ConceptSet {
            concepts: vec![id],
            descendants: true,
        },
    }
}

/// The shapes, named as the results name them. Panics when the vocabulary lacks E11 or A10BA02 (the built-in one
/// has both).
pub fn benchmark_shapes(v: &Vocabulary) -> Vec<(&'static str, CohortDefinition)> {
    let id = |voc: &str, code: &str| v.by_code(voc, code).expect(code).id;
    let t2d = criterion(Domain::Condition, id("ICD10", "E11"));
    let one = CohortDefinition::new(t2d.clone());
    let mut demographic = one.clone();
    demographic.age_min = Some(40);
    demographic.age_max = Some(64);
    demographic.sex = Some(Sex::Female);
    let mut rule = CohortDefinition::new(criterion(Domain::Drug, id("ATC", "A10BA02")));
    rule.rules.push(Rule {
        criterion: t2d,
        has: true,
        times: 1,
        window: Window {
            start: -365,
            end: 0,
        },
    });
    let mut breakdown = one.clone();
    breakdown.first_only = true;
    vec![
        ("one concept", one),
        ("concept, age and sex", demographic),
        ("index and a rule in a window", rule),
        ("first event, broken down", breakdown),
    ]
}

/// The benchmarks' unit of work: `def` counted by `engine` and released as a researcher gets it (the noisy total
/// and every cell of the four breakdowns, with disclosure control's policy). Returns the milliseconds it took and
/// the exact answer, which stays with the benchmark (to compare engines, never to print).
pub async fn timed_answer(
    engine: &dyn CohortEngine,
    def: &CohortDefinition,
) -> Result<(f64, CohortCount), EngineError> {
    let policy = Policy::default();
    let secret = b"benchmark secret";
    let t = Instant::now();
    let count = engine.count(def).await?;
    let key = def.key();
    let released = disclosure::release(&policy, secret, &key, "total", count.total);
    let cells: usize = count
        .breakdowns
        .iter()
        .map(|(b, cells)| {
            disclosure::release_breakdown(&policy, secret, &key, b.as_str(), count.total, cells)
                .cells
                .len()
        })
        .sum();
    let ms = t.elapsed().as_secs_f64() * 1000.0;
    std::hint::black_box((released, cells));
    Ok((ms, count))
}
