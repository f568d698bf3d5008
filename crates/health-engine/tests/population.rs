//! The synthetic population and the engine together: a small population generated once, then what a researcher
//! would notice — the same seed gives the same data, the diseases have plausible prevalence, drugs follow their
//! diagnoses, and counts add up across every way of splitting a cohort.

use health::cohort::{CohortDefinition, ConceptSet, Criterion, Domain, Rule, Sex, Window};
use health::engine::{Breakdown, CohortEngine};
use health::vocabulary::Vocabulary;
use health_engine::ParquetEngine;
use health_engine::generate::{Options, generate};

fn concept(vocab: &Vocabulary, vocabulary: &str, code: &str) -> i64 {
    vocab.by_code(vocabulary, code).expect(code).id
}

fn criterion(domain: Domain, ids: Vec<i64>) -> Criterion {
    Criterion {
        domain,
        concepts: ConceptSet {
            concepts: ids,
            descendants: true,
        },
    }
}

/// The exact size, read the only way the tests may: through the disclosure module's test hook.
async fn size(engine: &ParquetEngine, def: &CohortDefinition) -> u64 {
    engine
        .count(def)
        .await
        .expect("count")
        .total
        .exact_for_tests()
}

#[tokio::test]
async fn a_generated_population_is_deterministic_plausible_and_adds_up() {
    let root = tempfile::tempdir().expect("tempdir");
    let options = Options {
        persons: 4_000,
        seed: 7,
        since: 1996,
    };
    let a = root.path().join("a");
    let b = root.path().join("b");
    let summary = generate(&a, options, &|_| {}).expect("generate");
    generate(&b, options, &|_| {}).expect("generate again");
    for t in health_engine::tables::ALL {
        let name = format!("{}.parquet", t.name);
        assert_eq!(
            std::fs::read(a.join(&name)).expect("a"),
            std::fs::read(b.join(&name)).expect("b"),
            "{name}: the same seed gives the same file"
        );
    }
    assert_eq!(summary.rows_of("person"), 4_000);
    assert_eq!(summary.rows_of("location"), 26);
    let per_person = summary.events() as f64 / 4_000.0;
    assert!(
        (10.0..60.0).contains(&per_person),
        "about 25 events a person: {per_person}"
    );
    assert!(!a.join(".partial").exists(), "nothing half-written is left");

    let vocab = Vocabulary::built_in();
    let engine = ParquetEngine::open(&a).await.expect("open");
    assert_eq!(engine.persons().exact_for_tests(), 4_000);
    let t2d = criterion(Domain::Condition, vec![concept(&vocab, "ICD10", "E11")]);
    let mut diabetes = CohortDefinition::new(t2d.clone());
    diabetes.first_only = true;
    let all = size(&engine, &diabetes).await;
    // Type 2 diabetes: a few percent of everyone followed since 1996, more among the old.
    assert!(
        (40..800).contains(&all),
        "type 2 diabetes in 4,000 persons: {all}"
    );
    let mut old = diabetes.clone();
    old.age_min = Some(40);
    let mut young = diabetes.clone();
    young.age_max = Some(39);
    assert_eq!(
        size(&engine, &old).await + size(&engine, &young).await,
        all,
        "ages split the cohort"
    );
    let mut women = diabetes.clone();
    women.sex = Some(Sex::Female);
    let mut men = diabetes.clone();
    men.sex = Some(Sex::Male);
    assert_eq!(
        size(&engine, &women).await + size(&engine, &men).await,
        all,
        "sexes split the cohort"
    );
    let count = engine.count(&diabetes).await.expect("count");
    for (b, cells) in &count.breakdowns {
        let sum: u64 = cells.iter().map(|(_, n)| n.exact_for_tests()).sum();
        assert_eq!(sum, all, "{} adds up", b.as_str());
    }
    assert!(
        count
            .breakdowns
            .iter()
            .any(|(b, c)| *b == Breakdown::Municipality && c.iter().any(|(l, _)| l == "0180"))
    );

    // Metformin follows the diagnosis: nobody gets it without a diagnosis on or before that day.
    let mut metformin = CohortDefinition::new(criterion(
        Domain::Drug,
        vec![concept(&vocab, "ATC", "A10BA02")],
    ));
    let on_metformin = size(&engine, &metformin).await;
    assert!(
        on_metformin > all / 3,
        "most diabetics get metformin: {on_metformin} of {all}"
    );
    metformin.rules.push(Rule {
        criterion: t2d.clone(),
        has: false,
        times: 1,
        window: Window {
            start: -36_500,
            end: 0,
        },
    });
    assert_eq!(
        size(&engine, &metformin).await,
        0,
        "no metformin before type 2 diabetes"
    );

    // A rule narrows: diabetics with an HbA1c within a year after the diagnosis are some of the diabetics.
    let mut tested = diabetes.clone();
    tested.rules.push(Rule {
        criterion: criterion(Domain::Measurement, vec![health::vocabulary::HBA1C]),
        has: true,
        times: 1,
        window: Window { start: 0, end: 365 },
    });
    let n = size(&engine, &tested).await;
    assert!(
        n <= all && n * 2 >= all,
        "most diabetics have HbA1c measured at diagnosis: {n} of {all}"
    );
    // Prior observation narrows as well.
    let mut observed = diabetes.clone();
    observed.prior_observation_days = 365 * 5;
    assert!(size(&engine, &observed).await < all);
}
