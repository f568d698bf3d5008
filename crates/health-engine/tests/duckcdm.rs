//! The outside reference: for every cohort definition in `crates/health/tests/circe/` (together they use every
//! supported element), the exact count Samverkan's engine computes equals the count duckcdm — OHDSI's Circe
//! ported onto DuckDB — computes on the same Parquet files.
//!
//! Needs Python with duckcdm and duckdb, named by `SAMVERKAN_DUCKCDM_PYTHON`; the test command installs them in a
//! virtual environment and runs this test with `--ignored`.

use health::circe;
use health::engine::CohortEngine;
use health_engine::ParquetEngine;
use health_engine::generate::{Options, generate};
use std::path::{Path, PathBuf};

fn circe_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../health/tests/circe");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("the circe folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

#[tokio::test]
#[ignore = "needs Python with duckcdm (SAMVERKAN_DUCKCDM_PYTHON); the test command runs it"]
async fn every_count_equals_duckcdms_on_the_same_data() {
    let python = std::env::var("SAMVERKAN_DUCKCDM_PYTHON")
        .expect("SAMVERKAN_DUCKCDM_PYTHON names a Python with duckcdm and duckdb (scripts/test installs them)");
    let dir = tempfile::tempdir().expect("tempdir");
    for seed in [1996, 7] {
        let data = dir.path().join(seed.to_string());
        generate(
            &data,
            Options {
                persons: 20_000,
                seed,
                since: 1996,
            },
            &|_| {},
        )
        .expect("generate");
        let engine = ParquetEngine::open(&data).await.expect("open");
        let files = circe_files();
        assert!(files.len() >= 12, "at least 12 definitions");
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/duckcdm_count.py");
        let out = std::process::Command::new(&python)
            .arg(&script)
            .arg(&data)
            .args(&files)
            .output()
            .expect("run duckcdm");
        assert!(
            out.status.success(),
            "duckcdm failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let theirs: Vec<(String, u64)> = String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(|l| {
                let (name, n) = l.split_once('\t').expect("name and count");
                (name.to_owned(), n.trim().parse().expect("a count"))
            })
            .collect();
        assert_eq!(theirs.len(), files.len());
        let mut nonzero = 0;
        for (file, (name, expected)) in files.iter().zip(&theirs) {
            let definition =
                circe::import(&std::fs::read_to_string(file).expect("read")).expect("import");
            let ours = engine
                .count(&definition)
                .await
                .expect("count")
                .total
                .exact_for_tests();
            assert_eq!(
                ours, *expected,
                "{name} (seed {seed}): Samverkan {ours}, duckcdm {expected}"
            );
            nonzero += usize::from(ours > 0);
        }
        assert!(
            nonzero * 4 >= files.len() * 3,
            "most definitions find someone"
        );
    }
}
