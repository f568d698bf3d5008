//! Loading a region's OMOP CDM: Parquet and CSV with standard column names come in and count the same; a
//! problem is named with its file, row and column; nothing is half-loaded and a previous load stays.

use health::cohort::{CohortDefinition, ConceptSet, Criterion, Domain};
use health::engine::CohortEngine;
use health::vocabulary::Vocabulary;
use health_engine::ParquetEngine;
use health_engine::generate::{Options, generate};
use health_engine::load::{LoadError, load};

fn diabetes() -> CohortDefinition {
    let v = Vocabulary::built_in();
    CohortDefinition::new(Criterion {
        domain: Domain::Condition,
        concepts: ConceptSet {
            concepts: vec![v.by_code("ICD10", "E11").expect("E11").id],
            descendants: true,
        },
    })
}

async fn count(dir: &std::path::Path) -> u64 {
    ParquetEngine::open(dir)
        .await
        .expect("open")
        .count(&diabetes())
        .await
        .expect("count")
        .total
        .exact_for_tests()
}

#[tokio::test]
async fn parquet_and_csv_load_and_count_the_same() {
    let root = tempfile::tempdir().expect("tempdir");
    let source = root.path().join("source");
    generate(
        &source,
        Options {
            persons: 2_000,
            seed: 3,
            since: 1996,
        },
        &|_| {},
    )
    .expect("generate");
    let loaded = root.path().join("loaded");
    let report = load(&source, &loaded).expect("load");
    assert!(
        report
            .rows
            .iter()
            .any(|(t, n)| *t == "person" && *n == 2_000)
    );
    assert_eq!(count(&loaded).await, count(&source).await);

    // CSV with upper-case headers, a column OMOP does not name, and no vocabulary (the shipped one is used).
    let csv = root.path().join("csv");
    std::fs::create_dir_all(&csv).expect("dir");
    let e11 = Vocabulary::built_in()
        .by_code("ICD10", "E11.9")
        .expect("E11.9")
        .id;
    std::fs::write(csv.join("person.csv"), "PERSON_ID,gender_concept_id,year_of_birth,race_concept_id,ethnicity_concept_id,note\n1,8532,1950,0,0,x\n2,8507,1960,0,0,y\n3,8507,1970,0,0,z\n").expect("write");
    std::fs::write(csv.join("observation_period.csv"), "observation_period_id,person_id,observation_period_start_date,observation_period_end_date,period_type_concept_id\n1,1,1996-01-01,2025-12-31,32817\n2,2,1996-01-01,2025-12-31,32817\n3,3,1996-01-01,2025-12-31,32817\n").expect("write");
    std::fs::write(csv.join("condition_occurrence.csv"), format!("condition_occurrence_id,person_id,condition_concept_id,condition_start_date,condition_type_concept_id\n1,1,{e11},2010-05-01,32817\n2,2,{e11},2011-06-02,32817\n3,2,{e11},2012-06-02,32817\n")).expect("write");
    let from_csv = root.path().join("from-csv");
    let report = load(&csv, &from_csv).expect("load csv");
    assert_eq!(
        report.ignored,
        vec![("person.csv".to_owned(), "note".to_owned())]
    );
    assert_eq!(count(&from_csv).await, 2);
}

#[tokio::test]
async fn problems_are_named_and_nothing_is_half_loaded() {
    let root = tempfile::tempdir().expect("tempdir");
    let good = root.path().join("good");
    std::fs::create_dir_all(&good).expect("dir");
    std::fs::write(good.join("person.csv"), "person_id,gender_concept_id,year_of_birth,race_concept_id,ethnicity_concept_id\n1,8532,1950,0,0\n").expect("write");
    std::fs::write(good.join("observation_period.csv"), "observation_period_id,person_id,observation_period_start_date,observation_period_end_date,period_type_concept_id\n1,1,1996-01-01,2025-12-31,32817\n").expect("write");
    let out = root.path().join("out");
    load(&good, &out).expect("the first load");

    let bad = root.path().join("bad");
    std::fs::create_dir_all(&bad).expect("dir");
    std::fs::write(bad.join("person.csv"), "person_id,gender_concept_id,year_of_birth,race_concept_id,ethnicity_concept_id\n1,8532,1950,0,0\n2,8507,nineteen,0,0\n3,,1970,0,0\n").expect("write");
    std::fs::write(bad.join("observation_period.csv"), "observation_period_id,person_id,observation_period_start_date,observation_period_end_date,period_type_concept_id\n1,1,2023-02-30,2025-12-31,32817\n").expect("write");
    let Err(LoadError::Problems(problems)) = load(&bad, &out) else {
        panic!("a bad input is refused");
    };
    let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "person.csv row 3, year_of_birth: \"nineteen\" is not a whole number",
            "person.csv row 4, gender_concept_id: a required value is empty",
            "observation_period.csv row 2, observation_period_start_date: \"2023-02-30\" is not a date (YYYY-MM-DD)",
        ]
    );
    assert_eq!(count(&out).await, 0, "the first load is still there, whole");
    assert!(!out.join(".partial").exists());

    let empty = root.path().join("empty");
    std::fs::create_dir_all(&empty).expect("dir");
    let Err(LoadError::Problems(problems)) = load(&empty, &root.path().join("nowhere")) else {
        panic!("no person table");
    };
    assert!(
        problems[0]
            .to_string()
            .contains("person.parquet or person.csv: the table is required")
    );
    assert!(!root.path().join("nowhere/person.parquet").exists());
}
