//! One configuration, read from a TOML file, then `SAMVERKAN_*` environment variables, then flags; later
//! sources win. Secrets (database passwords) are never logged: use [`redact`].

use clap::{Args, Parser, Subcommand, ValueEnum};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// Samverkan: the Stockholm region's life-science cluster platform.
#[derive(Debug, Parser)]
#[command(name = "samverkan", version, about, propagate_version = true)]
pub struct Cli {
    /// Settings shared by every subcommand.
    #[command(flatten)]
    pub global: GlobalArgs,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Settings shared by every subcommand.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// A TOML configuration file (default: ./samverkan.toml when it exists).
    #[arg(long, global = true, env = "SAMVERKAN_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// The database: sqlite://FILE (default sqlite://samverkan.db) or postgres://USER:PASSWORD@HOST/DB.
    #[arg(long, global = true, env = "SAMVERKAN_DB", value_name = "URL")]
    pub db: Option<String>,
    /// Folder for the search index and uploaded files (default ./samverkan-data).
    #[arg(long, global = true, env = "SAMVERKAN_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Log format: human (default) or json.
    #[arg(long, global = true, env = "SAMVERKAN_LOG_FORMAT", value_enum)]
    pub log_format: Option<LogFormat>,
    /// Log filter, e.g. "info" or "samverkan=debug,sqlx=warn" (default info).
    #[arg(long, global = true, env = "SAMVERKAN_LOG", value_name = "FILTER")]
    pub log: Option<String>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
// Parsed once per run: the size of the largest variant costs nothing worth a box.
#[allow(clippy::large_enum_variant)]
pub enum Command {
    /// Migrate, load the built-in Stockholm data set into an empty database, and serve the web site and API.
    Serve(ServeArgs),
    /// Apply pending database migrations and exit.
    Migrate,
    /// Load the built-in Stockholm data set into an empty database (refuses a database that holds data).
    Seed,
    /// Write a consistent backup of the database to a file while it is in use (SQLite: an online copy;
    /// PostgreSQL: pg_dump's custom format).
    Backup {
        /// The backup file to write (must not exist).
        #[arg(long, value_name = "FILE")]
        out: std::path::PathBuf,
    },
    /// Restore a backup made by `backup` into an empty database (a new SQLite file, or an empty PostgreSQL
    /// database); refuses a database that holds data.
    Restore {
        /// The backup file.
        file: std::path::PathBuf,
    },
    /// Import actors or relations from a CSV file (one table, told by its header) or a JSON file
    /// (`{"actors": [...], "relations": [...]}`); see docs/import-format.md. Upserts by organisation number when
    /// known, else slug; all or nothing.
    Import {
        /// The file to import.
        file: std::path::PathBuf,
        /// Check the file against the database and report what would be created and updated; write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Export actors, relations or the network.
    Export {
        /// csv (actors), relations-csv, json (actors and relations, the import format) or graphml.
        #[arg(long, value_enum)]
        format: crate::interchange::Format,
        /// The file to write (default: standard output).
        #[arg(long, value_name = "FILE")]
        out: Option<std::path::PathBuf>,
    },
    /// Add a large synthetic ecosystem (realistic kinds, campuses and a skewed number of relations) for
    /// benchmarks. Generated actors have slugs starting with `gen-`.
    Generate {
        /// How many actors to generate.
        #[arg(long, value_name = "N")]
        actors: usize,
        /// Seed of the generator (the same seed gives the same ecosystem).
        #[arg(long, default_value_t = 2026)]
        seed: u64,
    },
    /// Rebuild the search index under the data folder from the database (the server keeps it current by itself;
    /// run this with the server stopped, e.g. after restoring a backup).
    Reindex,
    /// Write the yearly follow-up report of a cycle as PDF (fonts embedded) or as a standalone HTML file.
    Report {
        /// The year of the follow-up cycle.
        #[arg(long, value_name = "Y")]
        year: i32,
        /// pdf or html.
        #[arg(long, value_enum)]
        format: ReportFormat,
        /// The report's language: sv or en.
        #[arg(long, default_value = "sv")]
        lang: String,
        /// Include what the office has not accepted (missing, drafted, sent and returned reports).
        #[arg(long)]
        internal: bool,
        /// The file to write (default: follow-up-Y-LANG.pdf, .html, .docx or .xlsx in the current folder; `-` for standard output).
        #[arg(long, value_name = "FILE")]
        out: Option<std::path::PathBuf>,
    },
    /// List the e-mail waiting in the outbox (not yet delivered), oldest first, with its links: for an operator
    /// who has no mail server yet and passes invitations and links on by hand.
    Outbox {
        /// Only mail to this address.
        #[arg(long, value_name = "ADDRESS")]
        to: Option<String>,
        /// Also list mail already delivered.
        #[arg(long)]
        all: bool,
    },
    /// Health data: generate the synthetic population (OMOP CDM as Parquet).
    Health {
        /// What to do.
        #[command(subcommand)]
        action: HealthCommand,
    },
    /// Manage user accounts.
    User {
        /// What to do with users.
        #[command(subcommand)]
        action: UserCommand,
    },
    /// Manage API tokens.
    Token {
        /// What to do with tokens.
        #[command(subcommand)]
        action: TokenCommand,
    },
}

/// `samverkan serve` settings (each can also come from the configuration file or a `SAMVERKAN_*` variable).
#[derive(Debug, Default, Clone, Args)]
pub struct ServeArgs {
    /// Address to listen on (default 127.0.0.1:8080).
    #[arg(long, env = "SAMVERKAN_ADDR", value_name = "HOST:PORT")]
    pub addr: Option<String>,
    /// The public address people reach the site at, used in e-mailed links (default http://ADDR).
    #[arg(long, env = "SAMVERKAN_BASE_URL", value_name = "URL")]
    pub base_url: Option<String>,
    /// Mark cookies Secure and send HSTS: set when served over TLS or behind a TLS-terminating proxy.
    #[arg(long, env = "SAMVERKAN_SECURE_COOKIES")]
    pub secure_cookies: Option<bool>,
    /// Minutes of inactivity after which a session ends (default 30).
    #[arg(long, env = "SAMVERKAN_SESSION_IDLE_MINUTES", value_name = "MINUTES")]
    pub session_idle_minutes: Option<u32>,
    /// Hours after sign-in after which a session ends whatever happens (default 12).
    #[arg(long, env = "SAMVERKAN_SESSION_MAX_HOURS", value_name = "HOURS")]
    pub session_max_hours: Option<u32>,
    /// Proxies whose X-Forwarded-For header is believed, comma-separated IP addresses (default none: the
    /// connecting address is the client's).
    #[arg(
        long,
        env = "SAMVERKAN_TRUSTED_PROXIES",
        value_name = "IP,IP",
        value_delimiter = ','
    )]
    pub trusted_proxies: Option<Vec<std::net::IpAddr>>,
    /// SMTP server for outgoing e-mail: smtps://USER:PASS@HOST:465, smtp://USER:PASS@HOST:587?tls=required, or
    /// smtp://HOST:25 for a local relay. Without it e-mail stays in the outbox table (development).
    #[arg(long, env = "SAMVERKAN_SMTP_URL", value_name = "URL")]
    pub smtp_url: Option<String>,
    /// The programme office's e-mail address: reports from the accessibility statement page are sent there
    /// (they are always kept for admins at /{lang}/admin/accessibility-reports).
    #[arg(long, env = "SAMVERKAN_OFFICE_EMAIL", value_name = "ADDRESS")]
    pub office_email: Option<String>,
    /// The programme office's phone number, shown with the e-mail address as the contact on the accessibility
    /// statement page (which the law requires); written as people should read it, e.g. "08-123 456 00".
    #[arg(long, env = "SAMVERKAN_OFFICE_PHONE", value_name = "NUMBER")]
    pub office_phone: Option<String>,
    /// The sender of outgoing e-mail (default "Samverkan <noreply@localhost>").
    #[arg(long, env = "SAMVERKAN_MAIL_FROM", value_name = "MAILBOX")]
    pub mail_from: Option<String>,
    /// Working days (Swedish public holidays and weekends left out) an infrastructure has to answer an access
    /// request before it is flagged to the programme office (default 5).
    #[arg(long, env = "SAMVERKAN_ANSWER_DAYS", value_name = "DAYS", value_parser = clap::value_parser!(u32).range(1..=60))]
    pub answer_days: Option<u32>,
    /// Days the data-access body has to decide a data-permit application, counted from its submission without
    /// the days a clarification is pending (default 90, the three months of the EHDS regulation, art. 68).
    #[arg(long, env = "SAMVERKAN_PERMIT_DAYS", value_name = "DAYS", value_parser = clap::value_parser!(u32).range(1..=365))]
    pub permit_days: Option<u32>,
    /// Single sign-on: the OpenID Connect provider's issuer URL. Register {base_url}/auth/oidc/callback there.
    #[arg(long, env = "SAMVERKAN_OIDC_ISSUER", value_name = "URL")]
    pub oidc_issuer: Option<String>,
    /// Single sign-on: this site's client id at the provider.
    #[arg(long, env = "SAMVERKAN_OIDC_CLIENT_ID", value_name = "ID")]
    pub oidc_client_id: Option<String>,
    /// Single sign-on: the client secret (prefer the environment variable or the file over the flag).
    #[arg(
        long,
        env = "SAMVERKAN_OIDC_CLIENT_SECRET",
        value_name = "SECRET",
        hide_env_values = true
    )]
    pub oidc_client_secret: Option<String>,
    /// Health data: a folder of OMOP CDM Parquet files to answer cohort questions from (default: the synthetic
    /// population under the data folder, `health/synthetic`, made with 20,000 persons at the first start).
    #[arg(long, env = "SAMVERKAN_HEALTH_DATA", value_name = "DIR")]
    pub health_data: Option<std::path::PathBuf>,
    /// Health data: run the cohort engine's scans on the Apache Ballista cluster whose scheduler is at this
    /// address (df://HOST:PORT; see `samverkan health serve-scheduler`) instead of in this server. Its executors
    /// must read the health data's files at the same paths.
    #[arg(long, env = "SAMVERKAN_HEALTH_CLUSTER", value_name = "URL")]
    pub health_cluster: Option<String>,
    /// What this server does when several share one database: `all` (default) answers requests and does the
    /// background work, `web` only answers requests, `worker` only does the background work (delivering mail,
    /// purges, reminders; it still answers /healthz, /readyz and /metrics on its address).
    #[arg(long, env = "SAMVERKAN_ROLE", value_enum)]
    pub role: Option<ServerRole>,
}

/// What a server does (see `serve --role`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum ServerRole {
    /// Answers requests and does the background work.
    #[default]
    All,
    /// Answers requests only.
    Web,
    /// Does the background work only (and answers the operations endpoints).
    Worker,
}

impl ServerRole {
    /// Whether this server delivers mail, purges and queues reminders.
    pub fn works(self) -> bool {
        self != ServerRole::Web
    }

    /// Whether this server answers the site's requests.
    pub fn serves(self) -> bool {
        self != ServerRole::Worker
    }
}

/// Everything `serve` needs beyond the shared settings.
#[derive(Debug, Clone)]
pub struct ServeSettings {
    /// Sessions, cookies, throttling, links.
    pub auth: web::AuthSettings,
    /// Single sign-on, when configured.
    pub oidc: Option<web::accounts::oidc::OidcSettings>,
    /// SMTP URL and sender, when configured.
    pub smtp: Option<(String, String)>,
    /// The health data folder, when not the default.
    pub health_data: Option<std::path::PathBuf>,
    /// The Ballista scheduler that runs the cohort engine's scans, when not this server.
    pub health_cluster: Option<String>,
    /// What this server does.
    pub role: ServerRole,
}

impl ServeArgs {
    /// Each flag (or variable) wins over the file's value.
    pub fn or(self, file: &FileConfig) -> ServeArgs {
        ServeArgs {
            addr: self.addr.or_else(|| file.addr.clone()),
            base_url: self.base_url.or_else(|| file.base_url.clone()),
            secure_cookies: self.secure_cookies.or(file.secure_cookies),
            session_idle_minutes: self.session_idle_minutes.or(file.session_idle_minutes),
            session_max_hours: self.session_max_hours.or(file.session_max_hours),
            trusted_proxies: self
                .trusted_proxies
                .or_else(|| file.trusted_proxies.clone()),
            smtp_url: self.smtp_url.or_else(|| file.smtp_url.clone()),
            mail_from: self.mail_from.or_else(|| file.mail_from.clone()),
            office_email: self.office_email.or_else(|| file.office_email.clone()),
            office_phone: self.office_phone.or_else(|| file.office_phone.clone()),
            answer_days: self.answer_days.or(file.answer_days),
            permit_days: self.permit_days.or(file.permit_days),
            oidc_issuer: self.oidc_issuer.or_else(|| file.oidc_issuer.clone()),
            oidc_client_id: self.oidc_client_id.or_else(|| file.oidc_client_id.clone()),
            oidc_client_secret: self
                .oidc_client_secret
                .or_else(|| file.oidc_client_secret.clone()),
            health_data: self.health_data.or_else(|| file.health_data.clone()),
            health_cluster: self.health_cluster.or_else(|| file.health_cluster.clone()),
            role: self.role.or(file.role),
        }
    }

    /// The merged settings; `addr` is the resolved listening address. Refuses a half-configured single sign-on.
    pub fn settings(self, addr: &str) -> anyhow::Result<ServeSettings> {
        if let Some(url) = &self.health_cluster {
            health_cluster::check_address(url)
                .map_err(|e| anyhow::anyhow!("--health-cluster: {e}"))?;
        }
        let defaults = web::AuthSettings::default();
        let auth = web::AuthSettings {
            base_url: self.base_url.unwrap_or_else(|| format!("http://{addr}")),
            secure_cookies: self.secure_cookies.unwrap_or(defaults.secure_cookies),
            idle_timeout_ms: self
                .session_idle_minutes
                .map_or(defaults.idle_timeout_ms, |m| i64::from(m.max(1)) * 60_000),
            absolute_timeout_ms: self
                .session_max_hours
                .map_or(defaults.absolute_timeout_ms, |h| {
                    i64::from(h.max(1)) * 3_600_000
                }),
            trusted_proxies: self.trusted_proxies.unwrap_or_default(),
            answer_days: self.answer_days.unwrap_or(defaults.answer_days),
            permit_days: self.permit_days.unwrap_or(defaults.permit_days),
            office_email: self
                .office_email
                .map(|e| {
                    domain::Email::parse(&e)
                        .map(|e| e.as_str().to_owned())
                        .map_err(|err| anyhow::anyhow!("--office-email {e:?}: {err}"))
                })
                .transpose()?,
            office_phone: self
                .office_phone
                .map(|p| phone(&p).map_err(|err| anyhow::anyhow!("--office-phone {p:?}: {err}")))
                .transpose()?,
            ..defaults
        };
        for (missing, flag) in [
            (auth.office_email.is_none(), "--office-email"),
            (auth.office_phone.is_none(), "--office-phone"),
        ] {
            if missing {
                tracing::warn!(
                    "{flag} is not set: the accessibility statement shows no such contact (the law asks for a way \
                     to reach the office; set it on a public site)"
                );
            }
        }
        let oidc = match (
            self.oidc_issuer,
            self.oidc_client_id,
            self.oidc_client_secret,
        ) {
            (None, None, None) => None,
            (Some(issuer), Some(client_id), Some(client_secret)) => {
                url::Url::parse(&issuer)
                    .map_err(|e| anyhow::anyhow!("--oidc-issuer {issuer:?}: {e}"))?;
                Some(web::accounts::oidc::OidcSettings {
                    issuer,
                    client_id,
                    client_secret,
                })
            }
            _ => anyhow::bail!(
                "single sign-on needs all three of --oidc-issuer, --oidc-client-id and --oidc-client-secret"
            ),
        };
        let smtp = self.smtp_url.map(|u| {
            (
                u,
                self.mail_from
                    .unwrap_or_else(|| "Samverkan <noreply@localhost>".to_owned()),
            )
        });
        Ok(ServeSettings {
            auth,
            oidc,
            smtp,
            health_data: self.health_data,
            health_cluster: self.health_cluster,
            role: self.role.unwrap_or_default(),
        })
    }
}

/// A phone number as people read it: digits, spaces, hyphens and one leading +, with 6 to 15 digits.
fn phone(input: &str) -> Result<String, &'static str> {
    let p = input.trim();
    let digits = p.chars().filter(char::is_ascii_digit).count();
    let allowed = p
        .char_indices()
        .all(|(i, c)| c.is_ascii_digit() || c == ' ' || c == '-' || (c == '+' && i == 0));
    if !allowed {
        return Err("only digits, spaces, hyphens and a leading + are allowed");
    }
    if !(6..=15).contains(&digits) {
        return Err("a phone number has 6 to 15 digits");
    }
    Ok(p.to_owned())
}

/// `samverkan health ...`
#[derive(Debug, Subcommand)]
pub enum HealthCommand {
    /// Write a synthetic Stockholm population as OMOP CDM Parquet files (deterministic for a seed; a progress bar
    /// on standard error). Synthetic data: no real person is in it.
    Generate {
        /// How many persons (1 to 50,000,000).
        #[arg(long, value_name = "N")]
        persons: u64,
        /// Seed of the generator (the same seed gives the same population).
        #[arg(long, default_value_t = 1996)]
        seed: u64,
        /// The first year followed.
        #[arg(long, default_value_t = 1996, value_name = "YEAR")]
        since: i32,
        /// The folder to write (default: `health/synthetic` under the data folder). It must not hold a
        /// population already.
        #[arg(long, value_name = "DIR")]
        out: Option<std::path::PathBuf>,
    },
    /// Load a region's OMOP CDM tables from DIR, each as `<table>.parquet` or `<table>.csv` with the standard column
    /// names; every problem is reported with its file, row and column, and nothing is half-loaded. Answer from it
    /// with `serve --health-data` and the folder written.
    Load {
        /// The folder with the tables.
        dir: std::path::PathBuf,
        /// The folder to write (default: `health/loaded` under the data folder); a previous load there is
        /// replaced only when this one succeeds.
        #[arg(long, value_name = "DIR")]
        out: Option<std::path::PathBuf>,
    },
    /// Run an Apache Ballista scheduler for the cohort engine (`serve --health-cluster df://ADDR` uses it).
    /// Runs until stopped (SIGTERM or Ctrl-C).
    ServeScheduler {
        /// The address to listen on.
        #[arg(long, default_value = "127.0.0.1:50050", value_name = "HOST:PORT")]
        addr: std::net::SocketAddr,
    },
    /// Run an Apache Ballista executor that joins a scheduler and runs the cohort engine's scans. It reads the
    /// health data's files at the paths the asking server gives. Runs until stopped (SIGTERM or Ctrl-C).
    ServeExecutor {
        /// The scheduler's address.
        #[arg(long, default_value = "127.0.0.1:50050", value_name = "HOST:PORT")]
        scheduler: std::net::SocketAddr,
        /// The executor's Arrow Flight address (results are fetched from it).
        #[arg(long, default_value = "127.0.0.1:50051", value_name = "HOST:PORT")]
        addr: std::net::SocketAddr,
        /// The port of the executor's task service, on the same host.
        #[arg(long, default_value_t = 50052, value_name = "PORT")]
        grpc_port: u16,
        /// Tasks run at once (default: the machine's cores).
        #[arg(long, value_name = "N")]
        cores: Option<usize>,
        /// Where stage outputs are written (default: a temporary folder).
        #[arg(long, value_name = "DIR")]
        work_dir: Option<std::path::PathBuf>,
    },
}

/// `samverkan user ...`
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create a user (verified) with a role, or give an existing user another role.
    Add {
        /// The person's e-mail address (the login name).
        #[arg(long)]
        email: String,
        /// The role: company, manager, editor, reporter, owner, researcher, data-access or admin.
        #[arg(long)]
        role: String,
        /// The actor the role is held for (every role but admin needs one).
        #[arg(long, value_name = "SLUG")]
        actor: Option<String>,
        /// The name shown to others (default: the e-mail address).
        #[arg(long)]
        name: Option<String>,
        /// Read the password from standard input (one line); without it the account has no password and the
        /// person sets one through "forgot password".
        #[arg(long)]
        password_stdin: bool,
    },
}

/// `samverkan token ...`
#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Create an API token for a user and print it once.
    Create {
        /// The user's e-mail address.
        #[arg(long)]
        email: String,
        /// A name to recognise the token by.
        #[arg(long, default_value = "command line")]
        name: String,
        /// What the token may do: `read` (only read) or `write` (read and change).
        #[arg(long, default_value = "write", value_parser = ["read", "write"])]
        scope: String,
        /// Days until the token stops working; without it, it works until revoked.
        #[arg(long, value_name = "DAYS", value_parser = clap::value_parser!(u32).range(1..=3650))]
        expires_days: Option<u32>,
    },
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// Readable lines for a terminal.
    #[default]
    Human,
    /// One JSON object per line, for log collectors.
    Json,
}

/// The configuration file's contents; every field is optional and documented in the README.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    /// Address to listen on.
    pub addr: Option<String>,
    /// Database URL.
    pub db: Option<String>,
    /// Data folder.
    pub data_dir: Option<PathBuf>,
    /// Log format.
    pub log_format: Option<LogFormat>,
    /// Log filter.
    pub log: Option<String>,
    /// Public base URL for e-mailed links.
    pub base_url: Option<String>,
    /// Secure cookies and HSTS.
    pub secure_cookies: Option<bool>,
    /// Session idle timeout in minutes.
    pub session_idle_minutes: Option<u32>,
    /// Session absolute timeout in hours.
    pub session_max_hours: Option<u32>,
    /// Proxies whose X-Forwarded-For is believed.
    pub trusted_proxies: Option<Vec<std::net::IpAddr>>,
    /// SMTP URL for outgoing e-mail.
    pub smtp_url: Option<String>,
    /// Sender of outgoing e-mail.
    pub mail_from: Option<String>,
    /// The programme office's address.
    pub office_email: Option<String>,
    /// The programme office's phone number.
    pub office_phone: Option<String>,
    /// Working days an infrastructure has to answer a request.
    pub answer_days: Option<u32>,
    /// Days to decide a data-permit application.
    pub permit_days: Option<u32>,
    /// OpenID Connect issuer.
    pub oidc_issuer: Option<String>,
    /// OpenID Connect client id.
    pub oidc_client_id: Option<String>,
    /// OpenID Connect client secret.
    pub oidc_client_secret: Option<String>,
    /// Health data folder.
    pub health_data: Option<PathBuf>,
    /// Ballista scheduler for the cohort engine's scans (df://HOST:PORT).
    pub health_cluster: Option<String>,
    /// What this server does: all, web or worker.
    pub role: Option<ServerRole>,
}

/// The settings in force after merging file, environment and flags.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Address to listen on.
    pub addr: String,
    /// Database URL.
    pub db: String,
    /// Data folder.
    pub data_dir: PathBuf,
    /// Log format.
    pub log_format: LogFormat,
    /// Log filter.
    pub log: String,
}

/// The default database.
pub const DEFAULT_DB: &str = "sqlite://samverkan.db";
/// The default listening address.
pub const DEFAULT_ADDR: &str = "127.0.0.1:8080";

impl FileConfig {
    /// Reads the file named by `--config`, or `./samverkan.toml` when it exists, or nothing.
    pub fn load(explicit: Option<&Path>) -> anyhow::Result<FileConfig> {
        let path = match explicit {
            Some(p) => p.to_path_buf(),
            None if Path::new("samverkan.toml").exists() => PathBuf::from("samverkan.toml"),
            None => return Ok(FileConfig::default()),
        };
        let text = std::fs::read_to_string(&path).map_err(|e| {
            anyhow::anyhow!("cannot read the configuration file {}: {e}", path.display())
        })?;
        toml::from_str(&text)
            .map_err(|e| anyhow::anyhow!("configuration file {}: {e}", path.display()))
    }
}

impl Settings {
    /// Merges the sources: defaults < file < environment < flags (clap has already put flags over env).
    pub fn resolve(global: &GlobalArgs, addr_flag: Option<&str>, file: FileConfig) -> Settings {
        Settings {
            addr: addr_flag
                .map(str::to_owned)
                .or(file.addr)
                .unwrap_or_else(|| DEFAULT_ADDR.to_owned()),
            db: global
                .db
                .clone()
                .or(file.db)
                .unwrap_or_else(|| DEFAULT_DB.to_owned()),
            data_dir: global
                .data_dir
                .clone()
                .or(file.data_dir)
                .unwrap_or_else(|| PathBuf::from("samverkan-data")),
            log_format: global.log_format.or(file.log_format).unwrap_or_default(),
            log: global
                .log
                .clone()
                .or(file.log)
                .unwrap_or_else(|| "info".to_owned()),
        }
    }
}

/// A database URL with any password replaced by `***`, safe to log.
pub fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let (authority, path) = rest.split_once('/').map_or((rest, ""), |(a, p)| (a, p));
    let Some((userinfo, host)) = authority.rsplit_once('@') else {
        return url.to_owned();
    };
    let user = userinfo.split(':').next().unwrap_or_default();
    let sep = if path.is_empty() && !rest.contains('/') {
        ""
    } else {
        "/"
    };
    format!("{scheme}://{user}:***@{host}{sep}{path}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn global(db: Option<&str>) -> GlobalArgs {
        GlobalArgs {
            config: None,
            db: db.map(str::to_owned),
            data_dir: None,
            log_format: None,
            log: None,
        }
    }

    #[test]
    fn flags_and_env_win_over_the_file_which_wins_over_defaults() {
        let file = FileConfig {
            db: Some("sqlite://file.db".into()),
            addr: Some("0.0.0.0:1".into()),
            ..Default::default()
        };
        let s = Settings::resolve(&global(Some("sqlite://flag.db")), None, file);
        assert_eq!(s.db, "sqlite://flag.db");
        assert_eq!(s.addr, "0.0.0.0:1");
        let s = Settings::resolve(&global(None), Some("127.0.0.1:9"), FileConfig::default());
        assert_eq!(s.db, DEFAULT_DB);
        assert_eq!(s.addr, "127.0.0.1:9");
    }

    #[test]
    fn unknown_keys_in_the_file_are_refused() {
        assert!(toml::from_str::<FileConfig>("dbb = \"x\"").is_err());
        assert!(
            toml::from_str::<FileConfig>("db = \"sqlite://x.db\"\nlog_format = \"json\"").is_ok()
        );
    }

    #[test]
    fn the_office_contacts_reach_the_statement_page() {
        let args = ServeArgs {
            office_email: Some("programkontoret@example.se".into()),
            office_phone: Some("08-000 000 00".into()),
            ..Default::default()
        };
        let auth = args.settings("127.0.0.1:8080").expect("settings").auth;
        assert_eq!(
            auth.office_email.as_deref(),
            Some("programkontoret@example.se")
        );
        assert_eq!(auth.office_phone.as_deref(), Some("08-000 000 00"));
        let file: FileConfig = toml::from_str("office_phone = \"+46 8 000 000 00\"").expect("toml");
        let auth = ServeArgs::default()
            .or(&file)
            .settings("x")
            .expect("settings")
            .auth;
        assert_eq!(auth.office_phone.as_deref(), Some("+46 8 000 000 00"));
        let bad = ServeArgs {
            office_phone: Some("call us".into()),
            ..Default::default()
        };
        assert!(bad.settings("x").is_err());
    }

    #[test]
    fn the_office_phone_number_is_checked() {
        assert_eq!(phone(" 08-123 456 00 ").as_deref(), Ok("08-123 456 00"));
        assert_eq!(phone("+46 8 123 456 00").as_deref(), Ok("+46 8 123 456 00"));
        assert!(phone("08-123 CALL").is_err());
        assert!(phone("123").is_err());
        assert!(phone("46+8123456").is_err());
    }

    #[test]
    fn passwords_are_redacted() {
        assert_eq!(
            redact("postgres://app:s3cret@db.local:5432/samverkan"),
            "postgres://app:***@db.local:5432/samverkan"
        );
        assert_eq!(redact("sqlite://samverkan.db"), "sqlite://samverkan.db");
        assert!(
            !redact("postgres://u:p@h").contains('p')
                || redact("postgres://u:p@h") == "postgres://u:***@h"
        );
    }
}

/// The yearly report's file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// A PDF typeset in-process, fonts embedded.
    Pdf,
    /// One HTML file with its styles inline.
    Html,
    /// A Word document for the office to edit before print.
    Docx,
    /// The tables (measures, indicators, values) as an Excel workbook.
    Xlsx,
}
