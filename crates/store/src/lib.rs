//! Samverkan's database: one repository API over SQLite (the default) and PostgreSQL (production).
//!
//! Every query is written once in SQL that both databases accept (`$1` placeholders, `RETURNING`, no
//! dialect functions) and runs through sqlx's `Any` driver; the two dialects differ only in their migration
//! trees (`migrations/sqlite`, `migrations/postgres`), which are never edited after they ship.

mod accounts;
mod actor_rows;
mod actors;
mod audit;
mod catalogue;
mod changes;
pub mod counted;
mod edit;
mod events;
mod feedback;
mod followup;
mod graph;
mod health;
mod import;
mod matchmaking;
mod migrations;
mod outputs;
mod people;
mod permits;
mod plans;
mod posts;
mod premises;
mod registrations;
mod request_office;
mod requests;
mod rows;
mod search;
pub mod secrets;
mod seed;
mod sources;
mod strategy;
mod upkeep;
mod working_group;

pub use accounts::{
    AccountOrigin, ApiToken, MailLimits, MailRequestAnswer, OutgoingMail, Session, TokenPurpose,
    User,
};
pub use actors::{
    ActorFilter, ActorSummary, CampusSummary, RelationDirection, RelationRow, TagCount,
};
pub use audit::{AuditEntry, AuditFilter, AuditRecord};
pub use catalogue::{
    CatalogueFilter, PhotoMeta, PremisesRow, ProviderSummary, STALE_AFTER_MS, ServiceRow,
    StoredTemplate,
};
pub use changes::ChangeListener;
pub use edit::ActorUpdate;
pub use events::{EventFilter, EventRow, MeetingPlaceRow, NewsImage, NewsRow};
pub use feedback::AccessibilityReport;
pub use followup::{
    CycleRow, FollowUpFail, Reminder, ReportEvent, ReportRow, Revision, RevisionRow,
};
pub use graph::{GraphData, GraphEdge, GraphNode};
pub use health::{AskedQuestion, Ledger, Recorded};
pub use import::ImportReport;
pub use matchmaking::{AnswerNotice, MatchFail, Matchmaking, MeetingRequest, Participant, SlotRow};
pub use outputs::{OutputError, OutputRow, OutputVote, ProjectQuestion};
pub use people::Person;
pub use permits::{
    ApplicationEvent, ApplicationFigures, ApplicationRow, AskedSource, PermitError, PermitNotice,
    PermitRule, SectionReview,
};
pub use plans::{Assessment, PlanVersionRow};
pub use posts::{InterestRow, PostFail, PostMessage, PostRow};
pub use premises::{MAX_PHOTOS, PremisesError, PremisesRule};
pub use registrations::{CompanyRegistration, RegistrationError, RegistrationRule, WaitingCompany};
pub use request_office::{ForwardNotices, Forwarded, Period};
pub use requests::{
    AttachmentMeta, Audience, Moved, NewRequest, Notice, NoticeFor, Notified, RequestDetail,
    RequestError, RequestEvent, RequestItem, RequestMessage, RequestRule, RequestStats,
    RequestSummary, Visibility,
};
pub use search::{SEARCH_SOURCES, SearchChange};
pub use seed::SeedReport;
pub use sources::SourceRow;
pub use strategy::{IndicatorRow, MeasureRow, MeasureUpdate, ValueNote, ValueOrigin};
pub use upkeep::{
    MAX_MAIL_ATTEMPTS, OIDC_LOGIN_TTL_MS, PendingOidcLogin, PurgeReport, SEARCH_CHANGES_KEPT,
};
pub use working_group::GroupMember;

use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::{AnyPool, Executor};
use std::sync::Once;
use std::time::Duration;

/// Which database a store talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// An embedded SQLite file (WAL mode).
    Sqlite,
    /// A PostgreSQL server.
    Postgres,
}

impl Backend {
    /// Recognises the backend from a database URL (`sqlite://...`, `postgres://...`, `postgresql://...`).
    pub fn from_url(url: &str) -> Option<Backend> {
        if url.starts_with("sqlite:") {
            Some(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Some(Backend::Postgres)
        } else {
            None
        }
    }
}

/// What went wrong in the store. Internal causes are kept for the log; callers map cases to user messages.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The URL names no supported database.
    #[error("unsupported database URL (use sqlite://FILE or postgres://...)")]
    UnsupportedUrl,
    /// The database could not be reached or opened.
    #[error("cannot connect to the database: {0}")]
    Connect(#[source] sqlx::Error),
    /// A migration failed.
    #[error("database migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// A query failed.
    #[error("database query failed: {0}")]
    Query(sqlx::Error),
    /// A write broke a rule the database keeps — a duplicate row, a reference to nothing, a check — that the
    /// caller did not name. It says the input was wrong, not that the store failed: callers validate first,
    /// and this is the net under that validation, never a 500.
    #[error("constraint refused the write ({kind:?}): {detail}")]
    Constraint {
        /// Which kind of rule.
        kind: ConstraintKind,
        /// The database's own words (table, columns or constraint name), for the log.
        detail: String,
    },
    /// A stored value could not be read back as a valid domain value.
    #[error("stored data is inconsistent: {0}")]
    Corrupt(String),
    /// A unique value is already taken (the name says which: `email`, `slug`...).
    #[error("already taken: {0}")]
    Conflict(&'static str),
    /// The object asked for does not exist.
    #[error("not found: {0}")]
    NotFound(&'static str),
    /// Input refers to something that does not exist (a tag, an area, a service); the name says which field.
    #[error("unknown reference in {0}")]
    UnknownReference(&'static str),
    /// A page of results was asked for past the end of the data the database can address.
    #[error("value out of range: {0}")]
    OutOfRange(&'static str),
}

/// The kinds of database rule a write can break.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConstraintKind {
    /// A unique key or primary key: the row or value exists already.
    Unique,
    /// A foreign key: the row refers to one that does not exist.
    Reference,
    /// A check or not-null rule.
    Check,
}

impl From<sqlx::Error> for StoreError {
    /// Constraint violations become [`StoreError::Constraint`] on both databases (sqlx reports the same kinds
    /// for SQLite's extended result codes and PostgreSQL's SQLSTATEs); everything else is a query error.
    fn from(e: sqlx::Error) -> Self {
        use sqlx::error::ErrorKind;
        let kind = e.as_database_error().and_then(|d| match d.kind() {
            ErrorKind::UniqueViolation => Some(ConstraintKind::Unique),
            ErrorKind::ForeignKeyViolation => Some(ConstraintKind::Reference),
            ErrorKind::NotNullViolation | ErrorKind::CheckViolation => Some(ConstraintKind::Check),
            _ => None,
        });
        match kind {
            Some(kind) => StoreError::Constraint {
                kind,
                detail: e
                    .as_database_error()
                    .map(|d| match d.constraint() {
                        Some(c) => format!("{} ({c})", d.message()),
                        None => d.message().to_owned(),
                    })
                    .unwrap_or_default(),
            },
            None => StoreError::Query(e),
        }
    }
}

/// A write that the domain's rules refused (`Rule`, with the rule that was broken) or the store failed. One
/// type for every write with rules; each names its rules: `WriteError<FollowUpError>` and so on.
#[derive(Debug, thiserror::Error)]
pub enum WriteError<R> {
    /// The rules said no.
    #[error("{0}")]
    Rule(R),
    /// The store refused (not found, a conflict, a constraint) or failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl<R> From<sqlx::Error> for WriteError<R> {
    fn from(e: sqlx::Error) -> Self {
        WriteError::Store(e.into())
    }
}

/// One page of a list together with the total number of items.
#[derive(Debug, Clone)]
pub struct Paged<T> {
    /// The items on this page.
    pub items: Vec<T>,
    /// How many items the whole list has.
    pub total: u64,
}

/// The repository: a connection pool and the backend it talks to.
#[derive(Debug, Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    /// The URL it was opened with (a PostgreSQL listener opens a connection of its own).
    url: std::sync::Arc<str>,
}

static DRIVERS: Once = Once::new();

fn sqlite_url_with_create(url: &str) -> String {
    if url.contains("mode=") {
        url.to_owned()
    } else if url.contains('?') {
        format!("{url}&mode=rwc")
    } else {
        format!("{url}?mode=rwc")
    }
}

impl Store {
    /// Opens a pool on `url`. A SQLite file is created when missing and put in WAL mode with foreign keys on.
    pub async fn connect(url: &str) -> Result<Store, StoreError> {
        DRIVERS.call_once(install_default_drivers);
        let backend = Backend::from_url(url).ok_or(StoreError::UnsupportedUrl)?;
        let options = AnyPoolOptions::new().acquire_timeout(Duration::from_secs(10));
        let pool = match backend {
            Backend::Sqlite => {
                options
                    .max_connections(8)
                    .after_connect(|conn, _| {
                        Box::pin(async move {
                            conn.execute(
                                "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; \
                                 PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL;",
                            )
                            .await?;
                            Ok(())
                        })
                    })
                    .connect(&sqlite_url_with_create(url))
                    .await
            }
            Backend::Postgres => options.max_connections(16).connect(url).await,
        }
        .map_err(StoreError::Connect)?;
        Ok(Store {
            pool,
            backend,
            url: url.into(),
        })
    }

    /// The backend this store talks to.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Applies every pending migration of this backend's tree.
    pub async fn migrate(&self) -> Result<(), StoreError> {
        let source = match self.backend {
            Backend::Sqlite => migrations::SQLITE,
            Backend::Postgres => migrations::POSTGRES,
        };
        sqlx::migrate::Migrator::new(source)
            .await?
            .run(&self.pool)
            .await?;
        Ok(())
    }

    /// Checks that the database answers, for the readiness probe.
    pub async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    /// Writes a consistent copy of a SQLite database to `path` while it is in use (`VACUUM INTO`).
    pub async fn backup_sqlite(&self, path: &str) -> Result<(), StoreError> {
        if self.backend != Backend::Sqlite {
            return Err(StoreError::UnsupportedUrl);
        }
        sqlx::query("VACUUM INTO $1")
            .bind(path)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Counts of the main tables, to compare two databases (for example after a restore).
    pub async fn fingerprint(&self) -> Result<Vec<(&'static str, i64)>, StoreError> {
        let mut out = Vec::new();
        for table in [
            "actors",
            "relations",
            "campuses",
            "tags",
            "contact_persons",
            "users",
            "user_roles",
            "api_tokens",
            "audit_log",
            "audit_personal",
            "services",
            "premises",
            "checklist_templates",
            "access_requests",
            "request_items",
            "request_messages",
            "request_attachments",
        ] {
            let n: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
                .fetch_one(&self.pool)
                .await?;
            out.push((table, n));
        }
        Ok(out)
    }

    /// Closes every connection, waiting for queries in flight.
    pub async fn close(&self) {
        self.pool.close().await;
    }

    pub(crate) fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Begins a transaction that writes. On SQLite it takes the write lock at once (`BEGIN IMMEDIATE`), so two
    /// writers queue on the busy timeout instead of one failing with SQLITE_BUSY_SNAPSHOT when its read snapshot
    /// is stale by the time it writes.
    pub(crate) async fn write_tx(
        &self,
    ) -> Result<sqlx::Transaction<'static, sqlx::Any>, StoreError> {
        Ok(match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => self.pool.begin().await?,
        })
    }
}

/// Today's date (UTC), for rules that speak of days: deadlines, expiries.
pub fn today() -> domain::IsoDate {
    domain::IsoDate::from_unix_millis(now_millis())
}

/// The current time in Unix milliseconds, the unit every stored timestamp uses.
pub fn now_millis() -> i64 {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    i64::try_from(now.as_millis()).unwrap_or(i64::MAX)
}
