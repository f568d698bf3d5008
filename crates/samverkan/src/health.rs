//! `samverkan health ...`: the synthetic population, with a progress bar on standard error.

use anyhow::Context;
use health_engine::generate::{self, Options, Summary};
use std::path::Path;

/// Writes a synthetic population of `persons` into `dir`, refusing a folder that already holds one.
pub fn generate(dir: &Path, persons: u64, seed: u64, since: i32) -> anyhow::Result<Summary> {
    if dir.join("person.parquet").exists() {
        anyhow::bail!(
            "{} already holds a population; remove it or choose another folder with --out",
            dir.display()
        );
    }
    let bar = crate::interchange::bar(persons, "persons");
    let summary = generate::generate(
        dir,
        Options {
            persons,
            seed,
            since,
        },
        &|done| {
            bar.set_position(done);
        },
    )
    .with_context(|| format!("cannot write the population to {}", dir.display()))?;
    bar.finish_and_clear();
    Ok(summary)
}

/// Loads a region's OMOP tables from `dir` into `out`; the input's problems are the error's message, one a line.
pub fn load(dir: &Path, out: &Path) -> anyhow::Result<health_engine::load::Loaded> {
    match health_engine::load::load(dir, out) {
        Ok(l) => Ok(l),
        Err(health_engine::load::LoadError::Problems(problems)) => {
            let list: Vec<String> = problems.iter().map(|p| format!("  {p}")).collect();
            anyhow::bail!(
                "{} problem(s) in {}; nothing was loaded:\n{}",
                problems.len(),
                dir.display(),
                list.join("\n")
            )
        }
        Err(e) => Err(e.into()),
    }
}

/// The persons of the synthetic population made at the first start.
pub const FIRST_START_PERSONS: u64 = 20_000;

/// Opens the health data for `state`: `dir` when given, else the synthetic population under the data folder,
/// made (20,000 persons, seed 1996) when it is not there yet. The noise secret is the site's (`site_secrets`,
/// `health-noise`), so every server of the site gives the same answer to the same question: answers that differed
/// by server could be averaged until the noise wore away. A `health/noise.key` an earlier release kept in the
/// data folder becomes the site's key when the site has none, so the answers given before stay the same.
pub async fn attach(
    state: &web::AppState,
    data_dir: &Path,
    dir: Option<&Path>,
    cluster: Option<&str>,
) -> anyhow::Result<()> {
    let health_dir = data_dir.join("health");
    std::fs::create_dir_all(&health_dir)
        .with_context(|| format!("creating {}", health_dir.display()))?;
    let (folder, synthetic) = match dir {
        Some(d) => (d.to_owned(), false),
        None => (health_dir.join("synthetic"), true),
    };
    if synthetic && !folder.join("person.parquet").exists() {
        let to = folder.clone();
        tokio::task::spawn_blocking(move || {
            generate::generate(
                &to,
                Options {
                    persons: FIRST_START_PERSONS,
                    seed: 1996,
                    since: 1996,
                },
                &|_| {},
            )
        })
        .await
        .context("generating the synthetic population")?
        .context("generating the synthetic population")?;
        tracing::info!(persons = FIRST_START_PERSONS, dir = %folder.display(), "made a synthetic population");
    }
    let engine = match cluster {
        None => health_engine::ParquetEngine::open(&folder)
            .await
            .with_context(|| format!("opening the health data in {}", folder.display()))?,
        Some(url) => health_cluster::open_engine(url, &folder)
            .await
            .with_context(|| {
                format!(
                    "opening the health data in {} on the cluster at {url}",
                    folder.display()
                )
            })?,
    };
    let earlier = std::fs::read_to_string(health_dir.join("noise.key"))
        .ok()
        .filter(|k| k.len() >= 32);
    let secret = state
        .store()
        .site_secret_or("health-noise", || {
            earlier.unwrap_or_else(|| store::secrets::random_token(""))
        })
        .await
        .context("reading the site's noise secret")?;
    state.set_health(app::health::HealthData {
        engine: std::sync::Arc::new(engine),
        policy: health::disclosure::Policy::default(),
        secret: std::sync::Arc::new(secret),
        synthetic,
    });
    tracing::info!(dir = %folder.display(), synthetic, cluster, "health data ready");
    Ok(())
}
