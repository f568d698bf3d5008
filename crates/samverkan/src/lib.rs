//! The Samverkan command line: configuration, the built-in data set and the subcommands. `main.rs` only
//! dispatches; the integration tests start the server through [`start`] exactly as `serve` does.

pub mod background;
pub mod config;
pub mod health;
pub mod interchange;

use anyhow::Context;
use domain::catalogue::{Catalogue, CatalogueFiles};
use domain::dataset::{Dataset, DatasetFiles, DatasetProblem};
use store::Store;

/// The built-in Stockholm data set, as reviewable TOML files compiled into the binary.
pub const STOCKHOLM: DatasetFiles<'static> = DatasetFiles {
    campuses: include_str!("../../../data/stockholm/campuses.toml"),
    tags: include_str!("../../../data/stockholm/tags.toml"),
    actors: include_str!("../../../data/stockholm/actors.toml"),
    relations: include_str!("../../../data/stockholm/relations.toml"),
};

/// The built-in catalogue of the way in: services, premises, checklist rule templates and their documents.
pub const STOCKHOLM_CATALOGUE: CatalogueFiles<'static> = CatalogueFiles {
    services: include_str!("../../../data/stockholm/services.toml"),
    premises: include_str!("../../../data/stockholm/premises.toml"),
    checklists: include_str!("../../../data/stockholm/checklists.toml"),
    documents: &[
        (
            "nda",
            include_str!("../../../data/stockholm/templates/nda.sv.md"),
            include_str!("../../../data/stockholm/templates/nda.en.md"),
        ),
        (
            "service-agreement",
            include_str!("../../../data/stockholm/templates/service-agreement.sv.md"),
            include_str!("../../../data/stockholm/templates/service-agreement.en.md"),
        ),
    ],
};

/// Parses and validates the built-in catalogue against the built-in data set.
pub fn stockholm_catalogue() -> Result<Catalogue, Vec<DatasetProblem>> {
    let data = stockholm_dataset()?;
    Catalogue::parse(STOCKHOLM_CATALOGUE, &data)
}

/// The built-in strategy with its example action plans.
pub const STOCKHOLM_STRATEGY: &str = include_str!("../../../data/stockholm/strategy.toml");

/// Parses and validates the built-in strategy against the built-in data set.
pub fn stockholm_strategy() -> Result<domain::strategy::StrategyData, Vec<DatasetProblem>> {
    let data = stockholm_dataset()?;
    domain::strategy::StrategyData::parse(STOCKHOLM_STRATEGY, &data)
}

/// The built-in example follow-up year.
pub const STOCKHOLM_FOLLOW_UP: &str = include_str!("../../../data/stockholm/follow_up.toml");

/// Parses and validates the built-in example follow-up year against the built-in strategy.
pub fn stockholm_follow_up() -> Result<domain::followup::ExampleFollowUp, Vec<DatasetProblem>> {
    domain::followup::ExampleFollowUp::parse(STOCKHOLM_FOLLOW_UP, &stockholm_strategy()?)
}

/// The built-in events, meeting places and news (from the seeds).
pub const STOCKHOLM_EVENTS: &str = include_str!("../../../data/stockholm/events.toml");
/// The built-in meeting places.
pub const STOCKHOLM_MEETING_PLACES: &str =
    include_str!("../../../data/stockholm/meeting_places.toml");
/// The built-in news.
pub const STOCKHOLM_NEWS: &str = include_str!("../../../data/stockholm/news.toml");

/// Parses and validates the built-in events, meeting places and news against the data set and the strategy.
pub fn stockholm_events() -> Result<domain::events::EventsData, Vec<DatasetProblem>> {
    let data = stockholm_dataset()?;
    let areas: Vec<domain::Slug> = stockholm_strategy()?
        .areas
        .into_iter()
        .map(|a| a.slug)
        .collect();
    domain::events::EventsData::parse(
        STOCKHOLM_EVENTS,
        STOCKHOLM_MEETING_PLACES,
        STOCKHOLM_NEWS,
        &data,
        &areas,
    )
}

/// Loads the built-in meeting places, events and news into a database that has none of each yet; returns
/// (meeting places, events, news) written.
pub async fn seed_events(store: &Store) -> anyhow::Result<(usize, usize, usize)> {
    let h = stockholm_events().map_err(|problems| {
        let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
        anyhow::anyhow!(
            "the built-in events, meeting places or news are invalid:\n  {}",
            list.join("\n  ")
        )
    })?;
    store
        .seed_events(&h)
        .await
        .context("loading the built-in events, meeting places and news")
}

/// The built-in catalogue of health-data sources (from the seeds).
pub const HEALTH_SOURCES: &str = include_str!("../../../data/health/sources.toml");

/// Parses and validates the built-in catalogue of health-data sources against the data set.
pub fn health_sources() -> Result<Vec<domain::sources::HealthSource>, Vec<DatasetProblem>> {
    domain::sources::parse(HEALTH_SOURCES, &stockholm_dataset()?)
}

/// Loads the built-in catalogue of health-data sources into a database that has none; how many were written.
pub async fn seed_health_sources(store: &Store) -> anyhow::Result<usize> {
    let list = health_sources().map_err(|problems| {
        let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
        anyhow::anyhow!(
            "the built-in health-data sources are invalid:\n  {}",
            list.join("\n  ")
        )
    })?;
    store
        .seed_health_sources(&list)
        .await
        .context("loading the built-in health-data sources")
}

/// Parses and validates the built-in data set.
pub fn stockholm_dataset() -> Result<Dataset, Vec<DatasetProblem>> {
    Dataset::parse(STOCKHOLM)
}

/// What `prepare` did to the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prepared {
    /// The database already held data; nothing was loaded.
    AlreadySeeded,
    /// The built-in data set was loaded.
    Seeded(store::SeedReport),
}

/// Connects, migrates and, when the database is empty, loads the built-in data set.
pub async fn prepare(db_url: &str) -> anyhow::Result<(Store, Prepared)> {
    let store = Store::connect(db_url)
        .await
        .with_context(|| format!("opening {}", config::redact(db_url)))?;
    store.migrate().await.context("migrating the database")?;
    let prepared = if store.is_empty().await? {
        Prepared::Seeded(seed(&store).await?)
    } else {
        Prepared::AlreadySeeded
    };
    seed_catalogue(&store).await?;
    seed_strategy(&store).await?;
    seed_events(&store).await?;
    seed_health_sources(&store).await?;
    Ok((store, prepared))
}

/// Loads the built-in data set into `store` in one transaction.
pub async fn seed(store: &Store) -> anyhow::Result<store::SeedReport> {
    let data = stockholm_dataset().map_err(|problems| {
        let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
        anyhow::anyhow!("the built-in data set is invalid:\n  {}", list.join("\n  "))
    })?;
    store
        .seed(&data)
        .await
        .context("loading the built-in data set")
}

/// Loads the built-in catalogue into a database that has none yet; returns (services, premises, checklist items)
/// written.
pub async fn seed_catalogue(store: &Store) -> anyhow::Result<(usize, usize, usize)> {
    let catalogue = stockholm_catalogue().map_err(|problems| {
        let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
        anyhow::anyhow!(
            "the built-in catalogue is invalid:\n  {}",
            list.join("\n  ")
        )
    })?;
    store
        .seed_catalogue(&catalogue)
        .await
        .context("loading the built-in catalogue")
}

/// Loads the built-in strategy into a database that has none yet; returns whether it did.
pub async fn seed_strategy(store: &Store) -> anyhow::Result<bool> {
    let data = stockholm_strategy().map_err(|problems| {
        let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
        anyhow::anyhow!("the built-in strategy is invalid:\n  {}", list.join("\n  "))
    })?;
    let seeded = store
        .seed_strategy(&data)
        .await
        .context("loading the built-in strategy")?;
    // Every area's plan has a first version to compare revisions with: the plan as it was when versions began
    // (on a database seeded before they existed, the plan as it stands on the first start with them).
    store
        .record_first_versions(
            store::today(),
            &domain::LangText::new(
                "Handlingsplanen som den var när versioner började sparas.",
                "The action plan as it stood when versions began to be kept.",
            ),
        )
        .await
        .context("recording the first version of each action plan")?;
    // A new site also gets the example follow-up year, so that the cycle, the report and its files have
    // something to show from the first start; an existing site's follow-up is left as it is.
    if seeded {
        let example = stockholm_follow_up().map_err(|problems| {
            let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
            anyhow::anyhow!(
                "the built-in example follow-up is invalid:\n  {}",
                list.join("\n  ")
            )
        })?;
        store
            .seed_example_follow_up(&example)
            .await
            .context("loading the example follow-up year")?;
    }
    Ok(seeded)
}

/// A running server: its address and a handle to stop it.
pub struct Running {
    /// The address it listens on.
    pub addr: std::net::SocketAddr,
    /// Resolves when the server has stopped.
    pub task: tokio::task::JoinHandle<std::io::Result<()>>,
    stop: tokio::sync::oneshot::Sender<()>,
}

impl Running {
    /// Asks the server to stop gracefully and waits for it.
    pub async fn stop(self) -> anyhow::Result<()> {
        let _ = self.stop.send(());
        self.task.await.context("server task")?.context("server")?;
        Ok(())
    }
}

/// Binds `addr` and serves the application on a background task.
pub async fn start(store: Store, addr: &str) -> anyhow::Result<Running> {
    start_with_health(store, addr, None).await
}

/// [`start`], with health data under `data_dir` (the synthetic population made at the first start).
pub async fn start_with_health(
    store: Store,
    addr: &str,
    data_dir: Option<&std::path::Path>,
) -> anyhow::Result<Running> {
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("binding {addr}"))?;
    let addr = listener.local_addr()?;
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let state = web::AppState::new(store, web::AuthSettings::default());
    if let Some(dir) = data_dir {
        crate::health::attach(&state, dir, None, None).await?;
    }
    // A database that cannot be read leaves the index unbuilt; `/readyz` says so until it can be.
    if let Err(e) = state.sync_search().await {
        tracing::warn!(error = %e, "the search index could not be built yet");
    }
    let data_follower = state.follow_data();
    let app = web::router(state);
    let task = tokio::spawn(async move {
        let served = web::serve(listener, app, async move {
            let _ = stopped.await;
        })
        .await;
        data_follower.abort();
        served
    });
    Ok(Running { addr, task, stop })
}

/// `samverkan user add`: creates a verified user (or finds an existing one) and grants the role.
pub async fn add_user(
    store: &Store,
    email: &str,
    role: &str,
    actor: Option<&str>,
    name: Option<&str>,
    password: Option<&str>,
) -> anyhow::Result<String> {
    let email = domain::Email::parse(email).map_err(|e| anyhow::anyhow!("--email: {e}"))?;
    // `data-access` as the command line writes it is the role `data_access`.
    let role = domain::Role::parse(&role.replace('-', "_")).ok_or_else(|| {
        let all: Vec<&str> = domain::Role::ALL.iter().map(|r| r.as_str()).collect();
        anyhow::anyhow!("--role must be one of: {}", all.join(", "))
    })?;
    let actor = actor
        .map(domain::Slug::parse)
        .transpose()
        .map_err(|e| anyhow::anyhow!("--actor: {e}"))?;
    match (role, &actor) {
        (domain::Role::Admin, Some(_)) => {
            anyhow::bail!("an admin holds the role for everything; leave out --actor")
        }
        (r, None) if r != domain::Role::Admin => {
            anyhow::bail!("the {r} role is held for an actor: give --actor SLUG")
        }
        _ => {}
    }
    // Everything is checked before anything is written: a refused command leaves no user behind.
    if let Some(a) = &actor
        && store.actor(a).await?.is_none()
    {
        anyhow::bail!("--actor: no actor has the slug {a}");
    }
    let hash = match password {
        Some(p) => {
            domain::password::check(p, email.as_str())
                .map_err(|e| anyhow::anyhow!("password: {e}"))?;
            Some(
                store::secrets::hash_password(p)
                    .map_err(|e| anyhow::anyhow!("hashing the password: {e}"))?,
            )
        }
        None => None,
    };
    let (id, created) = match store.user_by_email(email.as_str()).await? {
        Some(u) => {
            if let Some(h) = &hash {
                store.set_password(u.id, h, None).await?;
            }
            (u.id, false)
        }
        None => (
            store
                .create_user(
                    &email,
                    name.unwrap_or(email.as_str()),
                    hash.as_deref(),
                    true,
                    store::AccountOrigin::CommandLine,
                )
                .await?,
            true,
        ),
    };
    store
        .grant_role(id, role, actor.as_ref(), None)
        .await
        .map_err(|e| match e {
            store::StoreError::UnknownReference(_) => {
                anyhow::anyhow!("--actor: no actor has that slug")
            }
            other => other.into(),
        })?;
    Ok(format!(
        "{} {} ({}), role {}{}.",
        if created {
            "Created user"
        } else {
            "Updated user"
        },
        email.as_str(),
        id,
        role,
        actor.map(|a| format!(" for {a}")).unwrap_or_default()
    ))
}

/// `samverkan token create`: a new API token for the user, returned once.
pub async fn create_token(
    store: &Store,
    email: &str,
    name: &str,
    scope: domain::TokenScope,
    expires_days: Option<u32>,
) -> anyhow::Result<String> {
    let user = store
        .user_by_email(email)
        .await?
        .filter(|u| u.erased_at.is_none())
        .ok_or_else(|| anyhow::anyhow!("no user has the e-mail address {email}"))?;
    let expires_at = expires_days.map(|d| store::now_millis() + i64::from(d) * 24 * 60 * 60 * 1000);
    let token = store
        .create_api_token(user.id, name, scope, expires_at, None)
        .await?;
    Ok(token)
}

fn sqlite_path(db: &str) -> anyhow::Result<std::path::PathBuf> {
    let rest = db
        .strip_prefix("sqlite://")
        .or_else(|| db.strip_prefix("sqlite:"))
        .ok_or_else(|| anyhow::anyhow!("not a SQLite URL"))?;
    Ok(std::path::PathBuf::from(
        rest.split('?').next().unwrap_or(rest),
    ))
}

/// `samverkan backup`: a consistent copy of the database, taken while the server runs.
pub async fn backup(db: &str, out: &std::path::Path) -> anyhow::Result<()> {
    if out.exists() {
        anyhow::bail!("{} already exists; choose a new file name", out.display());
    }
    match store::Backend::from_url(db) {
        Some(store::Backend::Sqlite) => {
            let store = Store::connect(db)
                .await
                .with_context(|| config::redact(db))?;
            let path = out
                .to_str()
                .ok_or_else(|| anyhow::anyhow!("the backup path must be valid UTF-8"))?;
            store
                .backup_sqlite(path)
                .await
                .context("copying the database")?;
        }
        Some(store::Backend::Postgres) => {
            let status = std::process::Command::new("pg_dump")
                .args(["--format=custom", "--no-owner", "--file"])
                .arg(out)
                .arg(db)
                .status()
                .context("running pg_dump (install the PostgreSQL client tools)")?;
            if !status.success() {
                anyhow::bail!("pg_dump failed ({status})");
            }
        }
        None => anyhow::bail!("unsupported database URL"),
    }
    Ok(())
}

/// `samverkan restore`: loads a backup into an empty database.
pub async fn restore(db: &str, file: &std::path::Path) -> anyhow::Result<()> {
    if !file.is_file() {
        anyhow::bail!("no backup file at {}", file.display());
    }
    match store::Backend::from_url(db) {
        Some(store::Backend::Sqlite) => {
            let target = sqlite_path(db)?;
            if target.exists() && std::fs::metadata(&target)?.len() > 0 {
                let store = Store::connect(db).await?;
                let empty = store.migrate().await.is_ok() && store.is_empty().await?;
                store.close().await;
                if !empty {
                    anyhow::bail!(
                        "{} holds data; restore only into a new or empty database",
                        target.display()
                    );
                }
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", target.display()));
                }
            }
            std::fs::copy(file, &target)
                .with_context(|| format!("copying to {}", target.display()))?;
            // Open once to check the copy and apply any newer migrations.
            let store = Store::connect(db).await?;
            store.migrate().await.context("the restored database")?;
            store.close().await;
        }
        Some(store::Backend::Postgres) => {
            let store = Store::connect(db)
                .await
                .with_context(|| config::redact(db))?;
            let has_tables: bool = store.migrate().await.is_ok() && !store.is_empty().await?;
            store.close().await;
            if has_tables {
                anyhow::bail!("the database holds data; restore only into an empty database");
            }
            // pg_restore recreates the schema, so start from an empty schema.
            let reset = std::process::Command::new("psql")
                .args([
                    "--quiet",
                    "--no-psqlrc",
                    "-v",
                    "ON_ERROR_STOP=1",
                    "-c",
                    "DROP SCHEMA public CASCADE; CREATE SCHEMA public;",
                ])
                .arg(db)
                .status()
                .context("running psql")?;
            if !reset.success() {
                anyhow::bail!("could not empty the target schema ({reset})");
            }
            let status = std::process::Command::new("pg_restore")
                .args(["--no-owner", "--exit-on-error", "--dbname"])
                .arg(db)
                .arg(file)
                .status()
                .context("running pg_restore (install the PostgreSQL client tools)")?;
            if !status.success() {
                anyhow::bail!("pg_restore failed ({status})");
            }
        }
        None => anyhow::bail!("unsupported database URL"),
    }
    Ok(())
}

/// The yearly follow-up report of `year` as PDF, standalone HTML, Word or Excel bytes.
pub async fn report(
    store: &Store,
    year: i32,
    lang: domain::Lang,
    internal: bool,
    format: config::ReportFormat,
) -> anyhow::Result<Vec<u8>> {
    let version = if internal {
        app::report::Version::Internal
    } else {
        app::report::Version::Public
    };
    let model = app::report::build(store, year, lang, version)
        .await
        .map_err(|e| anyhow::anyhow!("building the report: {e}"))?
        .ok_or_else(|| anyhow::anyhow!("there is no follow-up cycle for {year}"))?;
    Ok(match format {
        config::ReportFormat::Pdf => {
            app::report::pdf(&model).map_err(|e| anyhow::anyhow!("typesetting the PDF: {e}"))?
        }
        config::ReportFormat::Html => web::follow_up::cycles::standalone_html(&model)
            .map_err(|e| anyhow::anyhow!("rendering the HTML: {e}"))?
            .into_bytes(),
        config::ReportFormat::Docx => {
            app::report_files::docx(&model, &format!("{}T00:00:00Z", store::today()))
                .map_err(|e| anyhow::anyhow!("writing the Word document: {e}"))?
        }
        config::ReportFormat::Xlsx => app::report_files::xlsx(&model)
            .map_err(|e| anyhow::anyhow!("writing the workbook: {e}"))?,
    })
}

/// The outbox as `samverkan outbox` prints it: each message with its date, recipient, subject and body (whose
/// links an operator can pass on), and a line to say when there is nothing.
pub fn outbox_text(mail: &[(store::OutgoingMail, bool)]) -> String {
    if mail.is_empty() {
        return "The outbox is empty.\n".into();
    }
    let mut out = String::new();
    for (m, delivered) in mail {
        let when = domain::IsoDate::from_unix_millis(m.created_at);
        out.push_str(&format!(
            "--- #{} {} to {}{}\nSubject: {}\n\n{}\n\n",
            m.id,
            when,
            m.to,
            if *delivered { " (delivered)" } else { "" },
            m.subject,
            m.body.trim_end()
        ));
    }
    out.push_str(&format!(
        "{} message{}.\n",
        mail.len(),
        if mail.len() == 1 { "" } else { "s" }
    ));
    out
}
