//! `samverkan`: parses the command line and dispatches to the library.

use anyhow::Context;
use clap::Parser;
use samverkan::config::{
    Cli, Command, FileConfig, HealthCommand, LogFormat, Settings, TokenCommand, UserCommand, redact,
};
use samverkan::{Prepared, prepare};
use tracing_subscriber::EnvFilter;

fn init_logging(settings: &Settings) {
    let mut filter = EnvFilter::try_new(&settings.log).unwrap_or_else(|_| EnvFilter::new("info"));
    // PostgreSQL's notices ("relation … already exists, skipping" on every
    // migration run) are not news to whoever runs a command; they stay
    // available when the log setting names sqlx itself.
    if !settings.log.contains("sqlx")
        && let Ok(quiet) = "sqlx::postgres::notice=warn".parse()
    {
        filter = filter.add_directive(quiet);
    }
    // Libraries that log through the `log` crate, kept to warnings unless the setting names them: the search
    // index (each commit at info), and Ballista's client and core (each job at info, and a cohort question is
    // several). A directive's target is a prefix, so the scheduler's and the executors' own lines
    // (`ballista_scheduler`, `ballista_executor`) stay at the setting's level.
    for (name, directive) in [
        ("tantivy", "tantivy=warn"),
        ("ballista", "ballista::extension=warn"),
        ("ballista", "ballista_core=warn"),
    ] {
        if !settings.log.contains(name)
            && let Ok(quiet) = directive.parse()
        {
            filter = filter.add_directive(quiet);
        }
    }
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match settings.log_format {
        LogFormat::Human => builder.init(),
        LogFormat::Json => builder.json().flatten_event(true).init(),
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}

/// Runs the command; a failure is told as its message and its causes, with exit code 1 — never as a debug dump
/// or a backtrace, whatever `RUST_BACKTRACE` says (a backtrace is for bugs, and a panic still shows one).
fn main() -> std::process::ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot start the runtime: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run()) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let file = FileConfig::load(cli.global.config.as_deref())?;
    let addr_flag = match &cli.command {
        Command::Serve(args) => args.addr.clone(),
        _ => None,
    };
    let settings = Settings::resolve(&cli.global, addr_flag.as_deref(), file.clone());
    init_logging(&settings);

    match cli.command {
        Command::Serve(args) => {
            let serve = args.or(&file).settings(&settings.addr)?;
            let mailer = serve
                .smtp
                .as_ref()
                .map(|(url, from)| samverkan::background::Mailer::new(url, from))
                .transpose()?;
            let oidc = serve
                .oidc
                .clone()
                .map(web::accounts::oidc::Oidc::new)
                .transpose()
                .map_err(|e| anyhow::anyhow!("single sign-on client: {e}"))?;
            std::fs::create_dir_all(&settings.data_dir).with_context(|| {
                format!("creating the data folder {}", settings.data_dir.display())
            })?;
            let (store, prepared) = prepare(&settings.db).await?;
            if let Prepared::Seeded(r) = prepared {
                tracing::info!(
                    actors = r.actors,
                    relations = r.relations,
                    campuses = r.campuses,
                    "loaded the Stockholm data set"
                );
            }
            let search_dir = settings.data_dir.join("search");
            let search = app::search::SearchState::open(Some(&search_dir))
                .with_context(|| format!("opening the search index in {}", search_dir.display()))?;
            let state = web::AppState::build(store.clone(), serve.auth.clone(), oidc, search);
            let applied = state
                .sync_search()
                .await
                .map_err(|e| anyhow::anyhow!("bringing the search index up to date: {e}"))?;
            tracing::info!(
                documents = state.search_state().index().len(),
                applied,
                "search index ready"
            );
            let role = serve.role;
            if role.serves() {
                samverkan::health::attach(
                    &state,
                    &settings.data_dir,
                    serve.health_data.as_deref(),
                    serve.health_cluster.as_deref(),
                )
                .await?;
            }
            let listener = tokio::net::TcpListener::bind(&settings.addr)
                .await
                .with_context(|| format!("cannot listen on {}", settings.addr))?;
            let addr = listener.local_addr()?;
            tracing::info!(db = %redact(&settings.db), role = ?role, "Samverkan is serving on http://{addr}/");
            let background = role
                .works()
                .then(|| samverkan::background::spawn(store.clone(), mailer, &serve.auth));
            // Writes by other servers on the same database empty this server's cache of answers and reach its
            // search index within half a second (see web::kit::cache::follow).
            let (follower, app) = if role.serves() {
                (Some(state.follow_data()), web::router(state))
            } else {
                (None, web::operations_router(state))
            };
            web::serve(listener, app, shutdown_signal()).await?;
            // Stopped and waited for before the pool closes, so it is not cut off mid-query.
            if let Some(f) = follower {
                f.abort();
                let _ = f.await;
            }
            if let Some(b) = background {
                b.stop();
            }
            store.close().await;
            tracing::info!("stopped");
        }
        Command::Import { file, dry_run } => {
            let (store, _) = prepare(&settings.db).await?;
            let r = samverkan::interchange::import(&store, &file, dry_run).await?;
            let verb = if dry_run { "Would create" } else { "Created" };
            println!(
                "{verb} {} and update {} actors ({} unchanged); {} {} and update {} relations ({} unchanged).",
                r.actors_created,
                r.actors_updated,
                r.actors_unchanged,
                verb.to_lowercase(),
                r.relations_created,
                r.relations_updated,
                r.relations_unchanged
            );
            if dry_run {
                println!("Dry run: nothing was written.");
            }
        }
        Command::Export { format, out } => {
            let (store, _) = prepare(&settings.db).await?;
            samverkan::interchange::export(&store, format, out.as_deref()).await?;
        }
        Command::Generate { actors, seed } => {
            let (store, _) = prepare(&settings.db).await?;
            let r = samverkan::interchange::generate(&store, actors, seed).await?;
            println!(
                "Generated {} actors and {} relations ({} actors and {} relations already existed).",
                r.actors_created,
                r.relations_created,
                r.actors_unchanged + r.actors_updated,
                r.relations_unchanged + r.relations_updated
            );
        }
        Command::Health { action } => match action {
            HealthCommand::Generate {
                persons,
                seed,
                since,
                out,
            } => {
                let dir = out.unwrap_or_else(|| settings.data_dir.join("health").join("synthetic"));
                let summary = samverkan::health::generate(&dir, persons, seed, since)?;
                println!(
                    "Wrote a synthetic population of {persons} persons with {} events to {}.",
                    summary.events(),
                    dir.display()
                );
            }
            HealthCommand::Load { dir, out } => {
                let to = out.unwrap_or_else(|| settings.data_dir.join("health").join("loaded"));
                let loaded = samverkan::health::load(&dir, &to)?;
                let rows: Vec<String> = loaded
                    .rows
                    .iter()
                    .map(|(t, n)| format!("{t} {n}"))
                    .collect();
                println!("Loaded into {}: {}.", to.display(), rows.join(", "));
                for (file, column) in &loaded.ignored {
                    println!("Left out {file}: {column} (not an OMOP column).");
                }
            }
            HealthCommand::ServeScheduler { addr } => {
                tracing::info!("the cohort engine's Ballista scheduler listens on {addr}");
                tokio::select! {
                    r = health_cluster::serve_scheduler(addr) => r?,
                    () = shutdown_signal() => tracing::info!("stopped"),
                }
            }
            HealthCommand::ServeExecutor {
                scheduler,
                addr,
                grpc_port,
                cores,
                work_dir,
            } => {
                let cores = cores.unwrap_or_else(|| {
                    std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
                });
                tracing::info!(%scheduler, cores, "a Ballista executor for the cohort engine listens on {addr}");
                health_cluster::serve_executor(health_cluster::ExecutorSettings {
                    scheduler,
                    addr,
                    grpc_port,
                    cores,
                    work_dir,
                })
                .await?;
            }
        },
        Command::Outbox { to, all } => {
            let (store, _) = prepare(&settings.db).await?;
            let mail = store.outbox(to.as_deref(), all).await?;
            print!("{}", samverkan::outbox_text(&mail));
        }
        Command::Reindex => {
            let (store, _) = prepare(&settings.db).await?;
            let dir = settings.data_dir.join("search");
            let n = samverkan::interchange::reindex(&store, &dir).await?;
            println!("Indexed {n} documents in {}.", dir.display());
        }
        Command::Report {
            year,
            format,
            lang,
            internal,
            out,
        } => {
            let (store, _) = prepare(&settings.db).await?;
            let lang = domain::Lang::parse(&lang)
                .ok_or_else(|| anyhow::anyhow!("--lang must be sv or en, not {lang:?}"))?;
            let bytes = samverkan::report(&store, year, lang, internal, format).await?;
            let ext = match format {
                samverkan::config::ReportFormat::Pdf => "pdf",
                samverkan::config::ReportFormat::Html => "html",
                samverkan::config::ReportFormat::Docx => "docx",
                samverkan::config::ReportFormat::Xlsx => "xlsx",
            };
            let path =
                out.unwrap_or_else(|| format!("follow-up-{year}-{}.{ext}", lang.code()).into());
            if path.as_os_str() == "-" {
                use std::io::Write;
                std::io::stdout().write_all(&bytes)?;
            } else {
                std::fs::write(&path, &bytes)
                    .with_context(|| format!("writing {}", path.display()))?;
                eprintln!("Wrote {} ({} bytes).", path.display(), bytes.len());
            }
        }
        Command::Migrate => {
            let store = store::Store::connect(&settings.db)
                .await
                .with_context(|| redact(&settings.db))?;
            store.migrate().await?;
            println!("Database {} is up to date.", redact(&settings.db));
        }
        Command::Seed => {
            let store = store::Store::connect(&settings.db)
                .await
                .with_context(|| redact(&settings.db))?;
            store.migrate().await?;
            if !store.is_empty().await? {
                anyhow::bail!(
                    "the database {} already holds data; seed only loads into an empty database",
                    redact(&settings.db)
                );
            }
            let r = samverkan::seed(&store).await?;
            let (services, premises, items) = samverkan::seed_catalogue(&store).await?;
            println!(
                "Loaded the Stockholm data set: {} actors, {} relations, {} campuses, {} tags, {services} services, \
                 {premises} premises, {items} checklist items.",
                r.actors, r.relations, r.campuses, r.tags
            );
        }
        Command::Backup { out } => {
            samverkan::backup(&settings.db, &out).await?;
            println!(
                "Backup of {} written to {}.",
                redact(&settings.db),
                out.display()
            );
        }
        Command::Restore { file } => {
            samverkan::restore(&settings.db, &file).await?;
            println!("Restored {} into {}.", file.display(), redact(&settings.db));
        }
        Command::User {
            action:
                UserCommand::Add {
                    email,
                    role,
                    actor,
                    name,
                    password_stdin,
                },
        } => {
            let store = open(&settings.db).await?;
            let password = if password_stdin {
                let mut line = String::new();
                std::io::stdin()
                    .read_line(&mut line)
                    .context("reading the password from standard input")?;
                Some(line.trim_end_matches(['\n', '\r']).to_owned())
            } else {
                None
            };
            let out = samverkan::add_user(
                &store,
                &email,
                &role,
                actor.as_deref(),
                name.as_deref(),
                password.as_deref(),
            )
            .await?;
            println!("{out}");
        }
        Command::Token {
            action:
                TokenCommand::Create {
                    email,
                    name,
                    scope,
                    expires_days,
                },
        } => {
            let store = open(&settings.db).await?;
            let scope = domain::TokenScope::parse(&scope)
                .ok_or_else(|| anyhow::anyhow!("--scope is read or write"))?;
            let token = samverkan::create_token(&store, &email, &name, scope, expires_days).await?;
            println!("{token}");
            eprintln!("This token is shown once; store it safely. Revoke it on the account page.");
        }
    }
    Ok(())
}

async fn open(db: &str) -> anyhow::Result<store::Store> {
    let store = store::Store::connect(db)
        .await
        .with_context(|| redact(db))?;
    store.migrate().await?;
    Ok(store)
}
