//! Access requests: creating and submitting them (which generates the checklist from the provider's ownership
//! form), moving them through their stages under the domain's rules, checklist items, the conversation,
//! attachments, notices by e-mail, and the programme office's figures. Every write is audited in its own
//! transaction; the audit entries never copy the request's confidential text.

use crate::audit::{AuditRecord, record};
use crate::catalogue::template_from_row;
use crate::rows::{Arg, Sql, get, lang_text, opt_text, slug};
use crate::{Store, StoreError, now_millis};
use domain::access::{
    self, AccessError, ItemState, Party, RequestStatus, Side, Stage, Transition, checklist_for,
};
use domain::attachment::{CheckedFile, FileType, MAX_PER_REQUEST};
use domain::{IsoDate, LangText, OwnershipForm, Slug};
use serde_json::{Value, json};
use sqlx::AnyConnection;
use sqlx::any::AnyRow;

/// What a company sends.
#[derive(Debug, Clone)]
pub struct NewRequest {
    /// The requesting company (an actor the sender is a member of).
    pub company: Slug,
    /// The infrastructure (or premises owner) asked.
    pub provider: Slug,
    /// Premises asked about, if any.
    pub premises: Option<Slug>,
    /// Services chosen (all of the provider).
    pub services: Vec<Slug>,
    /// A short title.
    pub title: String,
    /// The need in the company's words.
    pub need: String,
    /// When they would like to start.
    pub desired_start: Option<IsoDate>,
    /// What must stay confidential, in their words.
    pub confidentiality: String,
}

/// A request in a list.
#[derive(Debug, Clone)]
pub struct RequestSummary {
    /// Id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// The company's slug and name.
    pub company: (Slug, LangText),
    /// The provider's slug and name.
    pub provider: (Slug, LangText),
    /// Status.
    pub status: RequestStatus,
    /// Created (Unix ms).
    pub created_at: i64,
    /// Submitted (Unix ms).
    pub submitted_at: Option<i64>,
    /// Last change (Unix ms).
    pub updated_at: i64,
    /// Since when in the current status (Unix ms).
    pub stage_since: i64,
    /// The infrastructure had no manager when the request last reached it, so it went to the programme office.
    pub to_office: bool,
    /// When the infrastructure first answered (Unix ms).
    pub first_response_at: Option<i64>,
}

/// One checklist item of a request.
#[derive(Debug, Clone)]
pub struct RequestItem {
    /// Id.
    pub id: i64,
    /// The template it came from.
    pub key: String,
    /// Stage.
    pub stage: Stage,
    /// Who checks it off.
    pub party: Party,
    /// Whether it blocks leaving the stage.
    pub required: bool,
    /// Title.
    pub title: LangText,
    /// Guidance.
    pub guidance: LangText,
    /// The rule it rests on.
    pub source: String,
    /// Where to read the rule.
    pub source_url: Option<String>,
    /// A template document name.
    pub document: Option<String>,
    /// Who checked it and when.
    pub checked: Option<(String, i64)>,
    /// Who waived it, why and when.
    pub waived: Option<(String, String, i64)>,
}

impl RequestItem {
    /// The item as the rules see it.
    pub fn state(&self) -> ItemState {
        ItemState {
            stage: self.stage,
            required: self.required,
            party: self.party,
            checked: self.checked.is_some(),
            waived: self.waived.is_some(),
        }
    }
}

/// A status change.
#[derive(Debug, Clone)]
pub struct RequestEvent {
    /// From (none for creation).
    pub from: Option<RequestStatus>,
    /// To.
    pub to: RequestStatus,
    /// Who (display name), if known.
    pub by: Option<String>,
    /// The reason given.
    pub reason: Option<String>,
    /// When (Unix ms).
    pub at: i64,
    /// For a forward: the infrastructure the request came from (its slug and name) — the status stays.
    pub forwarded_from: Option<(Slug, LangText)>,
}

/// A message in the conversation.
#[derive(Debug, Clone)]
pub struct RequestMessage {
    /// Id.
    pub id: i64,
    /// Who (display name), if known.
    pub by: Option<String>,
    /// Which side wrote it.
    pub side: Party,
    /// An internal note of the infrastructure, hidden from the company.
    pub internal: bool,
    /// The text.
    pub body: String,
    /// When (Unix ms).
    pub at: i64,
}

/// An attachment's description (not its content).
#[derive(Debug, Clone)]
pub struct AttachmentMeta {
    /// Id.
    pub id: i64,
    /// Safe file name.
    pub name: String,
    /// Type.
    pub file_type: FileType,
    /// Size in bytes.
    pub size: i64,
    /// Who uploaded it.
    pub by: Option<String>,
    /// When (Unix ms).
    pub at: i64,
}

/// Everything about one request.
#[derive(Debug, Clone)]
pub struct RequestDetail {
    /// The list fields.
    pub summary: RequestSummary,
    /// The need.
    pub need: String,
    /// Desired start.
    pub desired_start: Option<IsoDate>,
    /// Confidentiality needs.
    pub confidentiality: String,
    /// The provider's ownership form when the checklist was made.
    pub owner_form: Option<OwnershipForm>,
    /// Premises asked about.
    pub premises: Option<(Slug, LangText)>,
    /// Services chosen.
    pub services: Vec<(Slug, LangText)>,
    /// The checklist.
    pub items: Vec<RequestItem>,
    /// Status history, oldest first.
    pub events: Vec<RequestEvent>,
    /// The conversation, oldest first (internal notes included; callers filter by side).
    pub messages: Vec<RequestMessage>,
    /// Attachments, oldest first.
    pub attachments: Vec<AttachmentMeta>,
}

/// Who a notice goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// The provider's managers.
    ProviderManagers,
    /// The company's members.
    CompanyMembers,
}

/// An e-mail to queue with a write, in the same transaction.
#[derive(Debug, Clone)]
pub struct Notice {
    /// Who gets it.
    pub audience: Audience,
    /// Subject.
    pub subject: String,
    /// Text.
    pub body: String,
}

/// What a move did, decided under the request's lock: the status before and after, and the request's title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moved {
    /// The request.
    pub id: i64,
    /// The status before the move.
    pub from: RequestStatus,
    /// The status after it.
    pub to: RequestStatus,
    /// The request's title (for the notice).
    pub title: String,
    /// Who the notice reached, once it is queued.
    pub notified: Option<Notified>,
}

/// Makes the e-mail to the other side from what a move did (called inside the move's transaction).
pub type NoticeFor<'a> = dyn Fn(&Moved) -> Notice + Send + Sync + 'a;

/// Which requests a person may list.
#[derive(Debug, Clone, Default)]
pub struct Visibility {
    /// Every submitted request (the office).
    pub all: bool,
    /// Companies whose requests (drafts included) they see.
    pub companies: Vec<Slug>,
    /// Providers whose submitted requests they see.
    pub providers: Vec<Slug>,
}

/// What refuses a request write besides the store: the access rules, a concurrent change, the file limit.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RequestRule {
    /// The access rules said no.
    #[error(transparent)]
    Access(#[from] AccessError),
    /// Someone else changed the request in the meantime.
    #[error("the request changed meanwhile")]
    Changed,
    /// Too many attachments.
    #[error("too many attachments")]
    TooManyFiles,
    /// A forward to the infrastructure the request is already with.
    #[error("the request is already with that infrastructure")]
    SameProvider,
}

/// A request write refused by its rules or failed in the store.
pub type RequestError = crate::WriteError<RequestRule>;

impl From<AccessError> for RequestError {
    fn from(e: AccessError) -> Self {
        crate::WriteError::Rule(RequestRule::Access(e))
    }
}

/// The programme office's figures.
#[derive(Debug, Clone, Default)]
pub struct RequestStats {
    /// Open requests per provider and status: (provider slug, name, status, count).
    pub open: Vec<(Slug, LangText, RequestStatus, i64)>,
    /// Median time to first response per provider, in hours: (slug, name, median hours, answered count,
    /// waiting count).
    pub first_response: Vec<(Slug, LangText, Option<f64>, usize, usize)>,
    /// Median days spent in each stage over all requests that left it: (status, median days, count).
    pub time_in_stage: Vec<(RequestStatus, f64, usize)>,
    /// Closed requests by outcome: completed, declined, withdrawn.
    pub outcomes: (i64, i64, i64),
    /// Submitted requests per year: (year, from small companies, all).
    pub per_year: Vec<(i32, i64, i64)>,
}

fn corrupt(what: &str, v: &str) -> StoreError {
    StoreError::Corrupt(format!("{what} {v:?}"))
}

fn status_of(row: &AnyRow, column: &str) -> Result<RequestStatus, StoreError> {
    let s: String = get(row, column)?;
    RequestStatus::parse(&s).ok_or_else(|| corrupt("status", &s))
}

pub(crate) const SUMMARY_SELECT: &str = "SELECT r.*, c.slug AS company_slug, c.kind AS company_kind, c.name_sv AS company_name_sv, \
    c.name_en AS company_name_en, p.slug AS provider_slug, p.name_sv AS provider_name_sv, \
    p.name_en AS provider_name_en FROM access_requests r JOIN actors c ON c.id = r.company_id \
    JOIN actors p ON p.id = r.provider_id";

pub(crate) fn summary_from_row(row: &AnyRow) -> Result<RequestSummary, StoreError> {
    Ok(RequestSummary {
        id: get(row, "id")?,
        title: get(row, "title")?,
        company: (slug(row, "company_slug")?, lang_text(row, "company_name")?),
        provider: (
            slug(row, "provider_slug")?,
            lang_text(row, "provider_name")?,
        ),
        status: status_of(row, "status")?,
        created_at: get(row, "created_at")?,
        submitted_at: get(row, "submitted_at")?,
        updated_at: get(row, "updated_at")?,
        stage_since: get(row, "stage_since")?,
        to_office: get::<i64>(row, "to_office")? != 0,
        first_response_at: get(row, "first_response_at")?,
    })
}

/// The id of the actor a new request names in `field`; `UnknownReference(field)` when there is none.
pub(crate) async fn actor_id(
    conn: &mut AnyConnection,
    s: &Slug,
    field: &'static str,
) -> Result<i64, StoreError> {
    sqlx::query_scalar("SELECT id FROM actors WHERE slug = $1")
        .bind(s.as_str())
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(StoreError::UnknownReference(field))
}

pub(crate) async fn audit(
    conn: &mut AnyConnection,
    user: Option<i64>,
    id: i64,
    action: &str,
    after: Value,
) -> Result<(), StoreError> {
    let changes = [domain::audit::Change {
        path: String::new(),
        before: Value::Null,
        after,
    }];
    record(
        conn,
        AuditRecord {
            user_id: user,
            object_type: "access_request",
            object_key: &id.to_string(),
            action,
            changes: &changes,
            personal: &[],
        },
    )
    .await
}

/// Who an e-mail about a request reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notified {
    /// This many managers of the infrastructure.
    Managers(usize),
    /// The infrastructure has no active manager: this many people of the programme office instead.
    Office(usize),
    /// This many members of the company.
    Company(usize),
}

/// The confirmed, not erased addresses of the people holding `role` for the request's actor in `column`.
async fn members(
    conn: &mut AnyConnection,
    request: i64,
    role: &str,
    column: &str,
) -> Result<Vec<String>, StoreError> {
    let actor: i64 = sqlx::query_scalar(&format!(
        "SELECT {column} FROM access_requests WHERE id = $1"
    ))
    .bind(request)
    .fetch_one(&mut *conn)
    .await?;
    crate::accounts::reachable(conn, role, Some(actor)).await
}

/// The programme office's addresses: everyone holding the admin role.
pub(crate) async fn office_emails(conn: &mut AnyConnection) -> Result<Vec<String>, StoreError> {
    crate::accounts::reachable(conn, "admin", None).await
}

/// Queues `notice` to its audience. A notice for an infrastructure that has no active manager goes to the
/// programme office instead, and the request is marked as the office's until it is forwarded: no request is
/// sent into the void.
pub(crate) async fn queue_notice(
    conn: &mut AnyConnection,
    request: i64,
    notice: &Notice,
) -> Result<Notified, StoreError> {
    let (emails, notified) = match notice.audience {
        Audience::ProviderManagers => {
            let managers = members(conn, request, "manager", "provider_id").await?;
            let to_office = managers.is_empty();
            sqlx::query("UPDATE access_requests SET to_office = $1 WHERE id = $2")
                .bind(i64::from(to_office))
                .bind(request)
                .execute(&mut *conn)
                .await?;
            if to_office {
                let office = office_emails(conn).await?;
                let n = office.len();
                (office, Notified::Office(n))
            } else {
                let n = managers.len();
                (managers, Notified::Managers(n))
            }
        }
        Audience::CompanyMembers => {
            let company = members(conn, request, "company", "company_id").await?;
            let n = company.len();
            (company, Notified::Company(n))
        }
    };
    for to in emails {
        crate::accounts::queue_mail_in(&mut *conn, &to, &notice.subject, &notice.body).await?;
    }
    Ok(notified)
}

/// Takes the request's row for this transaction while it still has `status` (on PostgreSQL a row lock, on
/// SQLite the write lock is already held), so two writers cannot both decide from the same state.
pub(crate) async fn lock(
    conn: &mut AnyConnection,
    id: i64,
    status: RequestStatus,
    now: i64,
) -> Result<(), RequestError> {
    let res =
        sqlx::query("UPDATE access_requests SET updated_at = $1 WHERE id = $2 AND status = $3")
            .bind(now)
            .bind(id)
            .bind(status.as_str())
            .execute(&mut *conn)
            .await?;
    if res.rows_affected() == 1 {
        Ok(())
    } else {
        Err(RequestError::Rule(RequestRule::Changed))
    }
}

async fn items_of(conn: &mut AnyConnection, id: i64) -> Result<Vec<RequestItem>, StoreError> {
    let rows = sqlx::query(
        "SELECT i.*, cu.display_name AS checked_name, wu.display_name AS waived_name FROM request_items i \
         LEFT JOIN users cu ON cu.id = i.checked_by LEFT JOIN users wu ON wu.id = i.waived_by \
         WHERE i.request_id = $1 ORDER BY i.position, i.id",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|row| {
            let stage: String = get(row, "stage")?;
            let party: String = get(row, "party")?;
            let checked_at: Option<i64> = get(row, "checked_at")?;
            let waived_at: Option<i64> = get(row, "waived_at")?;
            Ok(RequestItem {
                id: get(row, "id")?,
                key: get(row, "template_key")?,
                stage: Stage::parse(&stage).ok_or_else(|| corrupt("stage", &stage))?,
                party: Party::parse(&party).ok_or_else(|| corrupt("party", &party))?,
                required: get::<i64>(row, "required")? != 0,
                title: lang_text(row, "title")?,
                guidance: lang_text(row, "guidance")?,
                source: get(row, "source")?,
                source_url: opt_text(row, "source_url")?,
                document: opt_text(row, "document")?,
                checked: checked_at.map(|at| {
                    (
                        opt_text(row, "checked_name")
                            .ok()
                            .flatten()
                            .unwrap_or_default(),
                        at,
                    )
                }),
                waived: waived_at.map(|at| {
                    (
                        opt_text(row, "waived_name")
                            .ok()
                            .flatten()
                            .unwrap_or_default(),
                        opt_text(row, "waived_reason")
                            .ok()
                            .flatten()
                            .unwrap_or_default(),
                        at,
                    )
                }),
            })
        })
        .collect()
}

pub(crate) async fn status_in_tx(
    conn: &mut AnyConnection,
    id: i64,
) -> Result<RequestStatus, RequestError> {
    let s: Option<String> = sqlx::query_scalar("SELECT status FROM access_requests WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    let s = s.ok_or(StoreError::NotFound("request"))?;
    Ok(RequestStatus::parse(&s).ok_or_else(|| corrupt("status", &s))?)
}

fn side_party(side: Side) -> Party {
    match side {
        Side::Company => Party::Company,
        Side::Infrastructure | Side::Office => Party::Infrastructure,
    }
}

impl Store {
    /// Creates a request as a draft; with `submit` (which makes the notice for the new id), submits it in the same
    /// transaction (see `transition`).
    /// Services must belong to the provider and premises to it as owner.
    pub async fn create_request(
        &self,
        user: i64,
        new: &NewRequest,
        submit: Option<&NoticeFor<'_>>,
    ) -> Result<i64, RequestError> {
        let mut tx = self.write_tx().await?;
        let now = now_millis();
        let company = actor_id(&mut tx, &new.company, "company").await?;
        let provider = actor_id(&mut tx, &new.provider, "provider").await?;
        let premises: Option<i64> = match &new.premises {
            None => None,
            Some(p) => Some(
                sqlx::query_scalar("SELECT id FROM premises WHERE slug = $1 AND owner_id = $2")
                    .bind(p.as_str())
                    .bind(provider)
                    .fetch_optional(&mut *tx)
                    .await?
                    .ok_or(StoreError::UnknownReference("premises"))?,
            ),
        };
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO access_requests (company_id, provider_id, premises_id, created_by, title, need, \
             desired_start, confidentiality, status, created_at, stage_since, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'draft', $9, $9, $9) RETURNING id",
        )
        .bind(company)
        .bind(provider)
        .bind(premises)
        .bind(user)
        .bind(&new.title)
        .bind(&new.need)
        .bind(new.desired_start.map(|d| d.to_string()))
        .bind(&new.confidentiality)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        for s in &new.services {
            let sid: i64 = sqlx::query_scalar(
                "SELECT id FROM services WHERE slug = $1 AND infrastructure_id = $2",
            )
            .bind(s.as_str())
            .bind(provider)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::UnknownReference("services"))?;
            sqlx::query(
                "INSERT INTO access_request_services (request_id, service_id) VALUES ($1, $2)",
            )
            .bind(id)
            .bind(sid)
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query(
            "INSERT INTO request_events (request_id, from_status, to_status, user_id, at) VALUES ($1, NULL, 'draft', $2, $3)",
        )
        .bind(id)
        .bind(user)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        audit(
            &mut tx,
            Some(user),
            id,
            "create",
            json!({"company": new.company.as_str(), "provider": new.provider.as_str(),
                   "services": new.services.iter().map(Slug::as_str).collect::<Vec<_>>()}),
        )
        .await?;
        if let Some(notice_for) = submit {
            apply_transition(
                &mut tx,
                id,
                user,
                Side::Company,
                Transition::Submit,
                None,
                Some(notice_for),
                now,
            )
            .await?;
        }
        tx.commit().await?;
        Ok(id)
    }

    /// The company and provider of a request and its status, for the policy check before anything else.
    pub async fn request_parties(
        &self,
        id: i64,
    ) -> Result<Option<(Slug, Slug, RequestStatus)>, StoreError> {
        let row = sqlx::query(
            "SELECT c.slug AS company, p.slug AS provider, r.status FROM access_requests r \
             JOIN actors c ON c.id = r.company_id JOIN actors p ON p.id = r.provider_id WHERE r.id = $1",
        )
        .bind(id)
        .fetch_optional(self.pool())
        .await?;
        row.map(|r| {
            Ok((
                slug(&r, "company")?,
                slug(&r, "provider")?,
                status_of(&r, "status")?,
            ))
        })
        .transpose()
    }

    /// Everything about a request.
    pub async fn request(&self, id: i64) -> Result<Option<RequestDetail>, StoreError> {
        let row = sqlx::query(&format!("{SUMMARY_SELECT} WHERE r.id = $1"))
            .bind(id)
            .fetch_optional(self.pool())
            .await?;
        let Some(row) = row else { return Ok(None) };
        let summary = summary_from_row(&row)?;
        let mut conn = self.pool().acquire().await?;
        let premises_id: Option<i64> = get(&row, "premises_id")?;
        let premises = match premises_id {
            None => None,
            Some(pid) => {
                let r = sqlx::query("SELECT slug, name_sv, name_en FROM premises WHERE id = $1")
                    .bind(pid)
                    .fetch_one(&mut *conn)
                    .await?;
                Some((slug(&r, "slug")?, lang_text(&r, "name")?))
            }
        };
        let services = sqlx::query(
            "SELECT s.slug, s.name_sv, s.name_en FROM access_request_services rs JOIN services s ON s.id = rs.service_id \
             WHERE rs.request_id = $1 ORDER BY s.slug",
        )
        .bind(id)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|r| Ok((slug(r, "slug")?, lang_text(r, "name")?)))
        .collect::<Result<Vec<_>, StoreError>>()?;
        let items = items_of(&mut conn, id).await?;
        let events = sqlx::query(
            "SELECT e.*, u.display_name, f.slug AS from_slug, f.name_sv AS from_name_sv, f.name_en AS from_name_en \
             FROM request_events e LEFT JOIN users u ON u.id = e.user_id LEFT JOIN actors f ON f.id = e.forwarded_from \
             WHERE e.request_id = $1 ORDER BY e.id",
        )
        .bind(id)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|r| {
            Ok(RequestEvent {
                from: opt_text(r, "from_status")?
                    .map(|s| RequestStatus::parse(&s).ok_or_else(|| corrupt("status", &s)))
                    .transpose()?,
                to: status_of(r, "to_status")?,
                by: opt_text(r, "display_name")?,
                reason: opt_text(r, "reason")?,
                at: get(r, "at")?,
                forwarded_from: match opt_text(r, "from_slug")? {
                    Some(_) => Some((slug(r, "from_slug")?, lang_text(r, "from_name")?)),
                    None => None,
                },
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
        let messages = sqlx::query(
            "SELECT m.*, u.display_name FROM request_messages m LEFT JOIN users u ON u.id = m.user_id \
             WHERE m.request_id = $1 ORDER BY m.id",
        )
        .bind(id)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|r| {
            let side: String = get(r, "side")?;
            Ok(RequestMessage {
                id: get(r, "id")?,
                by: opt_text(r, "display_name")?,
                side: Party::parse(&side).ok_or_else(|| corrupt("side", &side))?,
                internal: get::<i64>(r, "internal")? != 0,
                body: get(r, "body")?,
                at: get(r, "at")?,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
        let attachments = sqlx::query(
            "SELECT a.id, a.name, a.file_type, a.size, a.at, u.display_name FROM request_attachments a \
             LEFT JOIN users u ON u.id = a.user_id WHERE a.request_id = $1 ORDER BY a.id",
        )
        .bind(id)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|r| {
            let t: String = get(r, "file_type")?;
            Ok(AttachmentMeta {
                id: get(r, "id")?,
                name: get(r, "name")?,
                file_type: FileType::parse(&t).ok_or_else(|| corrupt("file type", &t))?,
                size: get(r, "size")?,
                by: opt_text(r, "display_name")?,
                at: get(r, "at")?,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
        let owner_form = opt_text(&row, "owner_form")?
            .map(|o| OwnershipForm::parse(&o).ok_or_else(|| corrupt("ownership", &o)))
            .transpose()?;
        Ok(Some(RequestDetail {
            summary,
            need: get(&row, "need")?,
            desired_start: opt_text(&row, "desired_start")?
                .map(|d| IsoDate::parse(&d).map_err(|_| corrupt("date", &d)))
                .transpose()?,
            confidentiality: get(&row, "confidentiality")?,
            owner_form,
            premises,
            services,
            items,
            events,
            messages,
            attachments,
        }))
    }

    /// The requests `who` may see, newest change first, optionally only those with `status`.
    pub async fn requests(
        &self,
        who: &Visibility,
        status: Option<RequestStatus>,
    ) -> Result<Vec<RequestSummary>, StoreError> {
        let mut sql = Sql::new(SUMMARY_SELECT);
        sql.push(" WHERE (1 = 0");
        if who.all {
            sql.push(" OR r.status <> 'draft'");
        }
        for c in &who.companies {
            sql.push(" OR c.slug = ").bind(Arg::Text(c.as_str().into()));
        }
        for p in &who.providers {
            sql.push(" OR (r.status <> 'draft' AND p.slug = ")
                .bind(Arg::Text(p.as_str().into()))
                .push(")");
        }
        sql.push(")");
        if let Some(s) = status {
            sql.push(" AND r.status = ")
                .bind(Arg::Text(s.as_str().into()));
        }
        sql.push(" ORDER BY r.updated_at DESC, r.id DESC LIMIT 500");
        let rows = sql.query().fetch_all(self.pool()).await?;
        rows.iter().map(summary_from_row).collect()
    }

    /// Makes a move under the domain's rules, records it in the history and the audit log, and queues `notice`.
    pub async fn transition(
        &self,
        id: i64,
        user: i64,
        side: Side,
        transition: Transition,
        reason: Option<&str>,
        notice: Option<&NoticeFor<'_>>,
    ) -> Result<Moved, RequestError> {
        let mut tx = self.write_tx().await?;
        let to = apply_transition(
            &mut tx,
            id,
            user,
            side,
            transition,
            reason,
            notice,
            now_millis(),
        )
        .await?;
        tx.commit().await?;
        Ok(to)
    }

    /// Checks or unchecks a checklist item for `side`.
    pub async fn set_item(
        &self,
        id: i64,
        item: i64,
        user: i64,
        side: Side,
        checked: bool,
    ) -> Result<(), RequestError> {
        let mut tx = self.write_tx().await?;
        let now = now_millis();
        let status = status_in_tx(&mut tx, id).await?;
        lock(&mut tx, id, status, now).await?;
        let items = items_of(&mut tx, id).await?;
        let it = items
            .iter()
            .find(|i| i.id == item)
            .ok_or(StoreError::NotFound("checklist item"))?;
        access::may_check(status, &it.state(), side)?;
        sqlx::query("UPDATE request_items SET checked_by = $1, checked_at = $2 WHERE id = $3")
            .bind(checked.then_some(user))
            .bind(checked.then_some(now))
            .bind(item)
            .execute(&mut *tx)
            .await?;
        if side != Side::Company {
            first_response(&mut tx, id, now).await?;
        }
        audit(
            &mut tx,
            Some(user),
            id,
            if checked {
                "check_item"
            } else {
                "uncheck_item"
            },
            json!({"item": it.key}),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Waives a checklist item (the office only) with a reason.
    pub async fn waive_item(
        &self,
        id: i64,
        item: i64,
        user: i64,
        side: Side,
        reason: &str,
    ) -> Result<(), RequestError> {
        let mut tx = self.write_tx().await?;
        let now = now_millis();
        let status = status_in_tx(&mut tx, id).await?;
        lock(&mut tx, id, status, now).await?;
        let items = items_of(&mut tx, id).await?;
        let it = items
            .iter()
            .find(|i| i.id == item)
            .ok_or(StoreError::NotFound("checklist item"))?;
        access::may_waive(status, &it.state(), side, reason)?;
        sqlx::query(
            "UPDATE request_items SET waived_by = $1, waived_at = $2, waived_reason = $3 WHERE id = $4",
        )
        .bind(user)
        .bind(now)
        .bind(reason.trim())
        .bind(item)
        .execute(&mut *tx)
        .await?;
        audit(
            &mut tx,
            Some(user),
            id,
            "waive_item",
            json!({"item": it.key, "reason": reason.trim()}),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Adds a message (or, for the infrastructure side, an internal note) and queues `notice` unless internal.
    pub async fn add_message(
        &self,
        id: i64,
        user: i64,
        side: Side,
        internal: bool,
        body: &str,
        notice: Option<&Notice>,
    ) -> Result<i64, RequestError> {
        let mut tx = self.write_tx().await?;
        let now = now_millis();
        let status = status_in_tx(&mut tx, id).await?;
        lock(&mut tx, id, status, now).await?;
        let internal = internal && side != Side::Company;
        let mid: i64 = sqlx::query_scalar(
            "INSERT INTO request_messages (request_id, user_id, side, internal, body, at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(id)
        .bind(user)
        .bind(side_party(side).as_str())
        .bind(i64::from(internal))
        .bind(body)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        if side != Side::Company && !internal {
            first_response(&mut tx, id, now).await?;
        }
        if let (Some(n), false) = (notice, internal) {
            queue_notice(&mut tx, id, n).await?;
        }
        audit(
            &mut tx,
            Some(user),
            id,
            "message",
            json!({"message": mid, "internal": internal}),
        )
        .await?;
        tx.commit().await?;
        Ok(mid)
    }

    /// Stores a checked file on a request.
    pub async fn add_attachment(
        &self,
        id: i64,
        user: i64,
        side: Side,
        file: &CheckedFile,
        bytes: &[u8],
    ) -> Result<i64, RequestError> {
        let mut tx = self.write_tx().await?;
        let now = now_millis();
        let status = status_in_tx(&mut tx, id).await?;
        lock(&mut tx, id, status, now).await?;
        let count: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM request_attachments WHERE request_id = $1")
                .bind(id)
                .fetch_one(&mut *tx)
                .await?;
        if usize::try_from(count).unwrap_or(usize::MAX) >= MAX_PER_REQUEST {
            return Err(RequestError::Rule(RequestRule::TooManyFiles));
        }
        let sha = crate::secrets::sha256_hex(bytes);
        let aid: i64 = sqlx::query_scalar(
            "INSERT INTO request_attachments (request_id, user_id, side, name, file_type, size, sha256, content, at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(id)
        .bind(user)
        .bind(side_party(side).as_str())
        .bind(&file.name)
        .bind(file.file_type.as_str())
        .bind(i64::try_from(bytes.len()).unwrap_or(i64::MAX))
        .bind(&sha)
        .bind(bytes.to_vec())
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        audit(
            &mut tx,
            Some(user),
            id,
            "attach",
            json!({"attachment": aid, "name": file.name, "sha256": sha}),
        )
        .await?;
        tx.commit().await?;
        Ok(aid)
    }

    /// An attachment's description and content, when it belongs to request `id`.
    pub async fn attachment(
        &self,
        id: i64,
        attachment: i64,
    ) -> Result<Option<(AttachmentMeta, Vec<u8>)>, StoreError> {
        let row = sqlx::query(
            "SELECT id, name, file_type, size, at, content FROM request_attachments WHERE id = $1 AND request_id = $2",
        )
        .bind(attachment)
        .bind(id)
        .fetch_optional(self.pool())
        .await?;
        row.map(|r| {
            let t: String = get(&r, "file_type")?;
            Ok((
                AttachmentMeta {
                    id: get(&r, "id")?,
                    name: get(&r, "name")?,
                    file_type: FileType::parse(&t).ok_or_else(|| corrupt("file type", &t))?,
                    size: get(&r, "size")?,
                    by: None,
                    at: get(&r, "at")?,
                },
                get::<Vec<u8>>(&r, "content")?,
            ))
        })
        .transpose()
    }

    /// The programme office's figures over every submitted request.
    pub async fn request_stats(&self, period: crate::Period) -> Result<RequestStats, StoreError> {
        let mut sql = Sql::new(SUMMARY_SELECT);
        sql.push(" WHERE r.status <> 'draft'");
        if let Some(from) = period.from {
            sql.push(" AND r.submitted_at >= ").bind(Arg::Int(from));
        }
        if let Some(until) = period.until {
            sql.push(" AND r.submitted_at < ").bind(Arg::Int(until));
        }
        sql.push(" ORDER BY p.sort_sv, r.id");
        let rows = sql.query().fetch_all(self.pool()).await?;
        let in_period: std::collections::HashSet<i64> = rows
            .iter()
            .map(|r| get::<i64>(r, "id"))
            .collect::<Result<_, _>>()?;
        let mut stats = RequestStats::default();
        let mut responses: Vec<(Slug, LangText, Vec<f64>, usize)> = Vec::new();
        for row in &rows {
            let s = summary_from_row(row)?;
            let first: Option<i64> = get(row, "first_response_at")?;
            match s.status {
                RequestStatus::Completed => stats.outcomes.0 += 1,
                RequestStatus::Declined => stats.outcomes.1 += 1,
                RequestStatus::Withdrawn => stats.outcomes.2 += 1,
                st => {
                    match stats
                        .open
                        .iter_mut()
                        .find(|o| o.0 == s.provider.0 && o.2 == st)
                    {
                        Some(o) => o.3 += 1,
                        None => {
                            stats
                                .open
                                .push((s.provider.0.clone(), s.provider.1.clone(), st, 1))
                        }
                    }
                }
            }
            let idx = match responses.iter().position(|r| r.0 == s.provider.0) {
                Some(i) => i,
                None => {
                    responses.push((s.provider.0.clone(), s.provider.1.clone(), Vec::new(), 0));
                    responses.len() - 1
                }
            };
            match (s.submitted_at, first) {
                (Some(sub), Some(f)) => responses[idx].2.push((f - sub) as f64 / 3_600_000.0),
                (Some(_), None) if !s.status.is_closed() => responses[idx].3 += 1,
                _ => {}
            }
        }
        stats.first_response = responses
            .into_iter()
            .map(|(s, n, mut hours, waiting)| {
                let count = hours.len();
                (s, n, median(&mut hours), count, waiting)
            })
            .collect();
        // Time in stage from the history, in one ordered pass: an event leaves the status the request's previous
        // event entered, so the time spent is the gap between the two.
        let events = sqlx::query(
            "SELECT request_id, to_status, at FROM request_events ORDER BY request_id, id",
        )
        .fetch_all(self.pool())
        .await?;
        let mut durations: Vec<(RequestStatus, Vec<f64>)> = Vec::new();
        let mut previous: Option<(i64, RequestStatus, i64)> = None;
        for e in &events {
            let (rid, to, at): (i64, RequestStatus, i64) = (
                get(e, "request_id")?,
                status_of(e, "to_status")?,
                get(e, "at")?,
            );
            if let Some((prid, entered, since)) = previous
                && prid == rid
                && in_period.contains(&rid)
                && entered.stage().is_some()
            {
                let days = (at - since) as f64 / 86_400_000.0;
                match durations.iter_mut().find(|d| d.0 == entered) {
                    Some(d) => d.1.push(days),
                    None => durations.push((entered, vec![days])),
                }
            }
            previous = Some((rid, to, at));
        }
        durations.sort_by_key(|d| d.0);
        stats.time_in_stage = durations
            .into_iter()
            .map(|(s, mut d)| {
                let n = d.len();
                (s, median(&mut d).unwrap_or(0.0), n)
            })
            .collect();
        // Per year, from the same rows: those sent in the period.
        for row in &rows {
            let Some(at) = get::<Option<i64>>(row, "submitted_at")? else {
                continue;
            };
            let kind: String = get(row, "company_kind")?;
            let year = IsoDate::from_unix_millis(at).year();
            let sme = i64::from(kind == "company_sme");
            match stats.per_year.iter_mut().find(|p| p.0 == year) {
                Some(p) => {
                    p.1 += sme;
                    p.2 += 1;
                }
                None => stats.per_year.push((year, sme, 1)),
            }
        }
        stats.per_year.sort_by_key(|p| p.0);
        Ok(stats)
    }
}

/// The median of `values` (the mean of the two middle ones for an even count); `None` when there are none.
pub(crate) fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let n = values.len();
    Some(if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    })
}

async fn first_response(conn: &mut AnyConnection, id: i64, now: i64) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE access_requests SET first_response_at = $1 WHERE id = $2 AND first_response_at IS NULL \
         AND submitted_at IS NOT NULL",
    )
    .bind(now)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
async fn apply_transition(
    conn: &mut AnyConnection,
    id: i64,
    user: i64,
    side: Side,
    transition: Transition,
    reason: Option<&str>,
    notice: Option<&NoticeFor<'_>>,
    now: i64,
) -> Result<Moved, RequestError> {
    let from = status_in_tx(conn, id).await?;
    lock(conn, id, from, now).await?;
    let items = items_of(conn, id).await?;
    let states: Vec<ItemState> = items.iter().map(RequestItem::state).collect();
    let to = access::decide_transition(from, transition, side, &states, reason)?;
    let reason = reason.map(str::trim).filter(|r| !r.is_empty());
    if transition == Transition::Submit {
        generate_checklist(conn, id, now).await?;
    }
    sqlx::query(
        "UPDATE access_requests SET status = $1, stage_since = $2, updated_at = $2, \
         submitted_at = CASE WHEN $3 = 1 THEN $2 ELSE submitted_at END, \
         closed_at = CASE WHEN $4 = 1 THEN $2 ELSE closed_at END WHERE id = $5",
    )
    .bind(to.as_str())
    .bind(now)
    .bind(i64::from(transition == Transition::Submit))
    .bind(i64::from(to.is_closed()))
    .bind(id)
    .execute(&mut *conn)
    .await?;
    if side != Side::Company {
        first_response(conn, id, now).await?;
    }
    sqlx::query(
        "INSERT INTO request_events (request_id, from_status, to_status, user_id, reason, at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(id)
    .bind(from.as_str())
    .bind(to.as_str())
    .bind(user)
    .bind(reason)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    let title: String = sqlx::query_scalar("SELECT title FROM access_requests WHERE id = $1")
        .bind(id)
        .fetch_one(&mut *conn)
        .await?;
    let mut moved = Moved {
        id,
        from,
        to,
        title,
        notified: None,
    };
    if let Some(notice_for) = notice {
        moved.notified = Some(queue_notice(conn, id, &notice_for(&moved)).await?);
    }
    audit(
        conn,
        Some(user),
        id,
        transition.as_str(),
        json!({"from": from.as_str(), "to": to.as_str(), "reason": reason}),
    )
    .await?;
    Ok(moved)
}

/// Copies the checklist templates that fit the provider's ownership form onto the request (a snapshot: later
/// template edits do not change a request's items) and records the ownership form it was made for.
pub(crate) async fn generate_checklist(
    conn: &mut AnyConnection,
    id: i64,
    now: i64,
) -> Result<(), StoreError> {
    let owner: Option<String> = sqlx::query_scalar(
        "SELECT a.ownership FROM access_requests r JOIN actors a ON a.id = r.provider_id WHERE r.id = $1",
    )
    .bind(id)
    .fetch_one(&mut *conn)
    .await?;
    let owner = owner.and_then(|o| OwnershipForm::parse(&o));
    let rows =
        sqlx::query("SELECT * FROM checklist_templates WHERE retired = 0 ORDER BY position, id")
            .fetch_all(&mut *conn)
            .await?;
    let templates = rows
        .iter()
        .map(template_from_row)
        .map(|t| t.map(|t| t.template))
        .collect::<Result<Vec<_>, _>>()?;
    for (pos, t) in checklist_for(&templates, owner).into_iter().enumerate() {
        sqlx::query(
            "INSERT INTO request_items (request_id, position, template_key, stage, party, required, title_sv, \
             title_en, guidance_sv, guidance_en, source, source_url, document) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
        )
        .bind(id)
        .bind(i64::try_from(pos).unwrap_or(i64::MAX))
        .bind(t.key.as_str())
        .bind(t.stage.as_str())
        .bind(t.party.as_str())
        .bind(i64::from(t.required))
        .bind(&t.title.sv)
        .bind(&t.title.en)
        .bind(&t.guidance.sv)
        .bind(&t.guidance.en)
        .bind(&t.source)
        .bind(t.source_url.as_ref().map(|u| u.as_str().to_owned()))
        .bind(t.document.as_ref().map(|d| d.as_str().to_owned()))
        .execute(&mut *conn)
        .await?;
    }
    sqlx::query("UPDATE access_requests SET owner_form = $1, updated_at = $2 WHERE id = $3")
        .bind(owner.map(OwnershipForm::as_str))
        .bind(now)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}
