//! The cohort engine on an Apache Ballista cluster: a scheduler and two executors started from the binary
//! (`samverkan health serve-scheduler` / `serve-executor`) on loopback, and the same answers as the engine in the
//! server's own process, for definitions of every kind; both executors take part.

use health::cohort::{CohortDefinition, ConceptSet, Criterion, Domain, Rule, Sex, Window};
use health::engine::{CohortCount, CohortEngine};
use health::vocabulary::Vocabulary;
use std::time::Duration;

fn criterion(
    v: &Vocabulary,
    domain: Domain,
    vocabulary: &str,
    code: &str,
    descendants: bool,
) -> Criterion {
    Criterion {
        domain,
        concepts: ConceptSet {
            concepts: vec![v.by_code(vocabulary, code).expect(code).id],
            descendants,
        },
    }
}

/// Definitions of every kind the engine answers: each domain, descendants or not, first events, age, sex,
/// prior observation, a period, rules that must and must not hold.
fn definitions() -> Vec<(&'static str, CohortDefinition)> {
    let v = Vocabulary::built_in();
    let t2d = criterion(&v, Domain::Condition, "ICD10", "E11", true);
    let metformin = criterion(&v, Domain::Drug, "ATC", "A10BA02", true);
    let mut out = vec![
        (
            "a diagnosis and its descendants",
            CohortDefinition::new(t2d.clone()),
        ),
        (
            "a diagnosis code alone",
            CohortDefinition::new(criterion(&v, Domain::Condition, "ICD10", "E11.9", false)),
        ),
        ("a drug", CohortDefinition::new(metformin.clone())),
    ];
    let mut first = CohortDefinition::new(t2d.clone());
    first.first_only = true;
    first.age_min = Some(40);
    first.age_max = Some(64);
    first.sex = Some(Sex::Female);
    out.push(("the first event, by age and sex", first));
    let mut observed =
        CohortDefinition::new(criterion(&v, Domain::Condition, "ICD10", "I48", true));
    observed.prior_observation_days = 365;
    observed.period_start = Some(health_engine::generate::days(2010, 1, 1));
    observed.period_end = Some(health_engine::generate::days(2020, 12, 31));
    out.push(("prior observation in a period", observed));
    let mut rule = CohortDefinition::new(metformin);
    rule.rules.push(Rule {
        criterion: t2d.clone(),
        has: true,
        times: 1,
        window: Window {
            start: -365,
            end: 0,
        },
    });
    out.push(("a drug after a diagnosis in a year", rule));
    let mut without = CohortDefinition::new(t2d);
    without.rules.push(Rule {
        criterion: criterion(&v, Domain::Condition, "ICD10", "I21", true),
        has: false,
        times: 1,
        window: Window {
            start: -3650,
            end: 3650,
        },
    });
    out.push(("a diagnosis without another around it", without));
    out
}

async fn count(engine: &dyn CohortEngine, def: &CohortDefinition) -> CohortCount {
    engine.count(def).await.expect("count")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_scheduler_and_two_executors_answer_as_the_embedded_engine() {
    let data = tempfile::tempdir().expect("tempdir");
    let population = data.path().join("population");
    health_engine::generate::generate(
        &population,
        health_engine::generate::Options {
            persons: 4_000,
            seed: 7,
            since: 1996,
        },
        &|_| {},
    )
    .expect("generate");

    let cluster = health_cluster::loopback::start(
        std::path::Path::new(env!("CARGO_BIN_EXE_samverkan")),
        2,
        1,
        Some(data.path()),
    )
    .await
    .expect("a scheduler and two executors");

    let embedded = health_engine::ParquetEngine::open(&population)
        .await
        .expect("embedded engine");
    let on_cluster = health_cluster::open_engine(&cluster.url, &population)
        .await
        .expect("engine on the cluster");
    assert!(
        embedded.persons() == on_cluster.persons(),
        "the same persons"
    );
    for (what, def) in definitions() {
        let (here, there) = (count(&embedded, &def).await, count(&on_cluster, &def).await);
        assert!(here.total == there.total, "{what}: the totals differ");
        assert!(
            here.breakdowns == there.breakdowns,
            "{what}: the breakdowns differ"
        );
    }
    // Each executor ran tasks of its own (Ballista's executor logs each task it is given).
    assert_eq!(cluster.executor_logs.len(), 2);
    for log in &cluster.executor_logs {
        let text = std::fs::read_to_string(log).expect("executor log");
        assert!(
            text.contains("Execute task"),
            "{} ran no task: {text}",
            log.display()
        );
    }
    // A cluster that is not there is an error, not a hang.
    let nowhere = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port");
    let refused = tokio::time::timeout(
        Duration::from_secs(60),
        health_cluster::open_engine(&format!("df://{nowhere}"), &population),
    )
    .await
    .expect("an answer within a minute");
    assert!(refused.is_err());
    drop(cluster);
}
