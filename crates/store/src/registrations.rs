//! Companies that register themselves: the registration typed at sign-up kept until the address is confirmed,
//! the company created as an actor marked for review with its founder as member and editor, and the programme
//! office's review — approve, merge into an actor already in the atlas, or reject with a reason. Every step is
//! audited in its own transaction.

use crate::audit::{AuditRecord, record};
use crate::rows::{get, lang_text, opt_text, slug};
use crate::{Store, StoreError, WriteError, now_millis};
use domain::collate::sort_key;
use domain::{Lang, LangText, OrgNumber, SizeClass, Slug};
use serde_json::{Value, json};
use sqlx::AnyConnection;

/// A company as its founder registers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompanyRegistration {
    /// Its organisation number (check digit verified).
    pub org_number: OrgNumber,
    /// Its name, as the company writes it.
    pub name: String,
    /// Its size class.
    pub size: SizeClass,
    /// The campus it is on, if any.
    pub campus: Option<Slug>,
}

/// Why a registration or a review is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RegistrationRule {
    /// An actor with this organisation number is already in the atlas.
    #[error("an actor with this organisation number exists: {0}")]
    OrgNumberTaken(Slug),
    /// The company is not waiting for review (approved, merged or rejected meanwhile).
    #[error("not waiting for review")]
    NotWaiting,
    /// A merge into the company itself, or into an actor that is not there.
    #[error("no such actor to merge into")]
    NoSuchTarget,
    /// A rejected company that something else depends on (a measure it is responsible for).
    #[error("the company is responsible for a measure")]
    InUse,
}

/// A registration or review refused by its rules or failed in the store.
pub type RegistrationError = WriteError<RegistrationRule>;

/// A company waiting for the office's review.
#[derive(Debug, Clone)]
pub struct WaitingCompany {
    /// Its slug.
    pub slug: Slug,
    /// Its name.
    pub name: LangText,
    /// Its organisation number.
    pub org_number: Option<String>,
    /// Its size class.
    pub size: Option<SizeClass>,
    /// Who registered it: (name, e-mail), unless their account is gone.
    pub registered_by: Option<(String, String)>,
    /// When (Unix ms).
    pub created_at: i64,
    /// How many requests it has sent.
    pub requests: i64,
    /// Actors in the atlas with a name like it (slug, name): candidates for a merge.
    pub similar: Vec<(Slug, LangText)>,
}

async fn audit_company(
    conn: &mut AnyConnection,
    user: Option<i64>,
    slug: &str,
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
            object_type: "actor",
            object_key: slug,
            action,
            changes: &changes,
            personal: &[],
        },
    )
    .await
}

async fn org_number_holder(
    conn: &mut AnyConnection,
    org: &OrgNumber,
) -> Result<Option<Slug>, StoreError> {
    let row: Option<String> = sqlx::query_scalar("SELECT slug FROM actors WHERE org_number = $1")
        .bind(org.as_str())
        .fetch_optional(&mut *conn)
        .await?;
    row.map(|s| Slug::parse(&s).map_err(|_| StoreError::Corrupt(format!("slug {s:?}"))))
        .transpose()
}

/// A slug for `name` no actor has yet: the name's, or the name's with the organisation number's digits.
async fn free_slug(
    conn: &mut AnyConnection,
    name: &str,
    org: &OrgNumber,
) -> Result<Slug, StoreError> {
    let digits: String = org.as_str().chars().filter(char::is_ascii_digit).collect();
    let base = Slug::from_name(name)
        .map(|s| s.as_str().chars().take(60).collect::<String>())
        .map(|s| s.trim_end_matches('-').to_owned())
        .unwrap_or_else(|| "company".into());
    for candidate in [base.clone(), format!("{base}-{digits}")] {
        let Ok(slug) = Slug::parse(&candidate) else {
            continue;
        };
        let taken: Option<i64> = sqlx::query_scalar("SELECT id FROM actors WHERE slug = $1")
            .bind(slug.as_str())
            .fetch_optional(&mut *conn)
            .await?;
        if taken.is_none() {
            return Ok(slug);
        }
    }
    // The organisation number is unique among actors, so the second candidate is free unless the slug was
    // given by hand to another actor; then a counter ends it.
    for n in 2..1000 {
        let slug = Slug::parse(&format!("{base}-{digits}-{n}"))
            .map_err(|_| StoreError::Corrupt("slug".into()))?;
        let taken: Option<i64> = sqlx::query_scalar("SELECT id FROM actors WHERE slug = $1")
            .bind(slug.as_str())
            .fetch_optional(&mut *conn)
            .await?;
        if taken.is_none() {
            return Ok(slug);
        }
    }
    Err(StoreError::Conflict("slug"))
}

async fn grant(
    conn: &mut AnyConnection,
    user: i64,
    role: &str,
    actor: i64,
    now: i64,
) -> Result<(), StoreError> {
    let held: Option<i64> = sqlx::query_scalar(
        "SELECT user_id FROM user_roles WHERE user_id = $1 AND role = $2 AND actor_id = $3",
    )
    .bind(user)
    .bind(role)
    .bind(actor)
    .fetch_optional(&mut *conn)
    .await?;
    if held.is_none() {
        sqlx::query(
            "INSERT INTO user_roles (user_id, role, actor_id, created_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(user)
        .bind(role)
        .bind(actor)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Creates the registered company and makes `user` its member and editor, in the caller's transaction.
async fn register_in(
    conn: &mut AnyConnection,
    user: i64,
    reg: &CompanyRegistration,
) -> Result<Slug, RegistrationError> {
    if let Some(holder) = org_number_holder(conn, &reg.org_number).await? {
        return Err(WriteError::Rule(RegistrationRule::OrgNumberTaken(holder)));
    }
    let now = now_millis();
    let slug = free_slug(conn, &reg.name, &reg.org_number).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO actors (slug, org_number, name_sv, name_en, sort_sv, sort_en, kind, description_sv, \
         description_en, review, size_class, registered_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $3, $4, $5, $6, '', '', 'unreviewed', $7, $8, $9, $9) RETURNING id",
    )
    .bind(slug.as_str())
    .bind(reg.org_number.as_str())
    .bind(&reg.name)
    .bind(sort_key(Lang::Sv, &reg.name))
    .bind(sort_key(Lang::En, &reg.name))
    .bind(reg.size.kind().as_str())
    .bind(reg.size.as_str())
    .bind(user)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    if let Some(campus) = &reg.campus {
        let campus_id: i64 = sqlx::query_scalar("SELECT id FROM campuses WHERE slug = $1")
            .bind(campus.as_str())
            .fetch_optional(&mut *conn)
            .await?
            .ok_or(StoreError::UnknownReference("campus"))?;
        sqlx::query("INSERT INTO actor_campuses (actor_id, campus_id) VALUES ($1, $2)")
            .bind(id)
            .bind(campus_id)
            .execute(&mut *conn)
            .await?;
    }
    grant(conn, user, "company", id, now).await?;
    grant(conn, user, "editor", id, now).await?;
    audit_company(
        conn,
        Some(user),
        slug.as_str(),
        "register",
        json!({"name": reg.name, "org_number": reg.org_number.as_str(), "size": reg.size.as_str(),
               "campus": reg.campus.as_ref().map(Slug::as_str), "review": "unreviewed"}),
    )
    .await?;
    Ok(slug)
}

impl Store {
    /// Whether an actor in the atlas has this organisation number (its slug if so).
    pub async fn actor_with_org_number(&self, org: &OrgNumber) -> Result<Option<Slug>, StoreError> {
        let mut conn = self.pool().acquire().await?;
        org_number_holder(&mut conn, org).await
    }

    /// Registers a company for `user`, who becomes its member and editor: the company is in the atlas at once,
    /// marked as registered by the company and not yet reviewed.
    pub async fn register_company(
        &self,
        user: i64,
        reg: &CompanyRegistration,
    ) -> Result<Slug, RegistrationError> {
        let mut tx = self.write_tx().await?;
        let slug = register_in(&mut tx, user, reg).await?;
        tx.commit().await?;
        Ok(slug)
    }

    /// Keeps a registration typed at sign-up until the person confirms their address (a later sign-up of the
    /// same account replaces it).
    pub async fn keep_registration(
        &self,
        user: i64,
        reg: &CompanyRegistration,
    ) -> Result<(), StoreError> {
        let mut tx = self.write_tx().await?;
        let campus: Option<i64> = match &reg.campus {
            None => None,
            Some(c) => {
                sqlx::query_scalar("SELECT id FROM campuses WHERE slug = $1")
                    .bind(c.as_str())
                    .fetch_optional(&mut *tx)
                    .await?
            }
        };
        sqlx::query("DELETE FROM company_registrations WHERE user_id = $1")
            .bind(user)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO company_registrations (user_id, org_number, name, size_class, campus_id, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(user)
        .bind(reg.org_number.as_str())
        .bind(&reg.name)
        .bind(reg.size.as_str())
        .bind(campus)
        .bind(now_millis())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Registers the company `user` typed at sign-up, if there is one waiting: `None` when there is none, the
    /// slug when it is registered, or the rule that refused it (the registration is dropped either way, and the
    /// person can register from their account).
    pub async fn complete_registration(
        &self,
        user: i64,
    ) -> Result<Option<Result<Slug, RegistrationRule>>, StoreError> {
        let mut tx = self.write_tx().await?;
        let row = sqlx::query(
            "SELECT r.org_number, r.name, r.size_class, c.slug AS campus FROM company_registrations r \
             LEFT JOIN campuses c ON c.id = r.campus_id WHERE r.user_id = $1",
        )
        .bind(user)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        sqlx::query("DELETE FROM company_registrations WHERE user_id = $1")
            .bind(user)
            .execute(&mut *tx)
            .await?;
        let org: String = get(&row, "org_number")?;
        let size: String = get(&row, "size_class")?;
        let reg = CompanyRegistration {
            org_number: OrgNumber::parse(&org)
                .map_err(|_| StoreError::Corrupt(format!("org number {org:?}")))?,
            name: get(&row, "name")?,
            size: SizeClass::parse(&size)
                .ok_or_else(|| StoreError::Corrupt(format!("size {size:?}")))?,
            campus: opt_text(&row, "campus")?.and_then(|c| Slug::parse(&c).ok()),
        };
        let outcome = match register_in(&mut tx, user, &reg).await {
            Ok(slug) => Ok(slug),
            Err(WriteError::Rule(rule)) => Err(rule),
            Err(WriteError::Store(e)) => return Err(e),
        };
        tx.commit().await?;
        Ok(Some(outcome))
    }

    /// Whether the actor was registered by the company itself and still waits for the office's review.
    pub async fn is_unreviewed(&self, actor: &Slug) -> Result<bool, StoreError> {
        let review: Option<Option<String>> =
            sqlx::query_scalar("SELECT review FROM actors WHERE slug = $1")
                .bind(actor.as_str())
                .fetch_optional(self.pool())
                .await?;
        Ok(review.flatten().as_deref() == Some("unreviewed"))
    }

    /// The companies waiting for the office's review, oldest first, each with the actors whose names are like it.
    pub async fn waiting_companies(&self) -> Result<Vec<WaitingCompany>, StoreError> {
        let rows = sqlx::query(
            "SELECT a.slug, a.name_sv, a.name_en, a.org_number, a.size_class, a.created_at, u.display_name, \
             u.email, u.erased_at, (SELECT COUNT(*) FROM access_requests r WHERE r.company_id = a.id \
             AND r.status <> 'draft') AS requests FROM actors a LEFT JOIN users u ON u.id = a.registered_by \
             WHERE a.review = 'unreviewed' ORDER BY a.created_at, a.id",
        )
        .fetch_all(self.pool())
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            let name = lang_text(r, "name")?;
            let erased: Option<i64> = get(r, "erased_at")?;
            let by = match (opt_text(r, "display_name")?, opt_text(r, "email")?, erased) {
                (Some(n), Some(e), None) => Some((n, e)),
                _ => None,
            };
            let this = slug(r, "slug")?;
            // Names alike: the first word of the name (without a company form) found in another actor's name.
            let key = domain::collate::sort_key(Lang::Sv, &name.sv);
            let word = key
                .split(|c: char| !c.is_alphanumeric())
                .find(|w| w.chars().count() >= 3 && !["ab", "hb", "kb"].contains(w))
                .unwrap_or_default()
                .to_owned();
            let similar = if word.is_empty() {
                Vec::new()
            } else {
                sqlx::query(
                    "SELECT slug, name_sv, name_en FROM actors WHERE slug <> $1 AND review IS NULL \
                     AND sort_sv LIKE $2 ORDER BY sort_sv LIMIT 5",
                )
                .bind(this.as_str())
                .bind(format!("%{word}%"))
                .fetch_all(self.pool())
                .await?
                .iter()
                .map(|s| Ok((slug(s, "slug")?, lang_text(s, "name")?)))
                .collect::<Result<Vec<_>, StoreError>>()?
            };
            let size: Option<String> = opt_text(r, "size_class")?;
            out.push(WaitingCompany {
                slug: this,
                name,
                org_number: opt_text(r, "org_number")?,
                size: size.and_then(|s| SizeClass::parse(&s)),
                registered_by: by,
                created_at: get(r, "created_at")?,
                requests: get(r, "requests")?,
                similar,
            });
        }
        Ok(out)
    }

    /// Approves a registered company: it stays as it is, no longer marked.
    pub async fn approve_company(&self, company: &Slug, by: i64) -> Result<(), RegistrationError> {
        let mut tx = self.write_tx().await?;
        let done = sqlx::query(
            "UPDATE actors SET review = NULL, updated_at = $1 WHERE slug = $2 AND review = 'unreviewed'",
        )
        .bind(now_millis())
        .bind(company.as_str())
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            return Err(WriteError::Rule(RegistrationRule::NotWaiting));
        }
        audit_company(
            &mut tx,
            Some(by),
            company.as_str(),
            "approve",
            json!({"review": "approved"}),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Merges a registered company into an actor already in the atlas: its people get the same roles there,
    /// its requests become the actor's, and the registered company is removed.
    pub async fn merge_company(
        &self,
        company: &Slug,
        into: &Slug,
        by: i64,
    ) -> Result<(), RegistrationError> {
        let mut tx = self.write_tx().await?;
        let from = waiting_id(&mut tx, company).await?;
        let target: Option<i64> = sqlx::query_scalar("SELECT id FROM actors WHERE slug = $1")
            .bind(into.as_str())
            .fetch_optional(&mut *tx)
            .await?;
        let Some(target) = target.filter(|t| *t != from) else {
            return Err(WriteError::Rule(RegistrationRule::NoSuchTarget));
        };
        let now = now_millis();
        let roles = sqlx::query("SELECT user_id, role FROM user_roles WHERE actor_id = $1")
            .bind(from)
            .fetch_all(&mut *tx)
            .await?;
        for r in &roles {
            let user: i64 = get(r, "user_id")?;
            let role: String = get(r, "role")?;
            grant(&mut tx, user, &role, target, now).await?;
        }
        sqlx::query("UPDATE access_requests SET company_id = $1 WHERE company_id = $2")
            .bind(target)
            .bind(from)
            .execute(&mut *tx)
            .await?;
        remove_actor(&mut tx, from).await?;
        audit_company(
            &mut tx,
            Some(by),
            company.as_str(),
            "merge",
            json!({"into": into.as_str(), "people": roles.len()}),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Rejects a registered company with a reason: its people lose their roles for it, the requests it sent are
    /// removed (each audited, the reason in the company's audit entry), and the company leaves the atlas.
    /// Returns the addresses of the people who held a role for it, to tell them why.
    pub async fn reject_company(
        &self,
        company: &Slug,
        reason: &str,
        by: i64,
    ) -> Result<Vec<String>, RegistrationError> {
        let mut tx = self.write_tx().await?;
        let id = waiting_id(&mut tx, company).await?;
        let responsible: Option<i64> =
            sqlx::query_scalar("SELECT id FROM measures WHERE responsible_id = $1 LIMIT 1")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
        if responsible.is_some() {
            return Err(WriteError::Rule(RegistrationRule::InUse));
        }
        let people: Vec<String> = sqlx::query_scalar(
            "SELECT DISTINCT u.email FROM user_roles r JOIN users u ON u.id = r.user_id \
             WHERE r.actor_id = $1 AND u.erased_at IS NULL ORDER BY u.email",
        )
        .bind(id)
        .fetch_all(&mut *tx)
        .await?;
        let requests: Vec<i64> =
            sqlx::query_scalar("SELECT id FROM access_requests WHERE company_id = $1 ORDER BY id")
                .bind(id)
                .fetch_all(&mut *tx)
                .await?;
        for r in &requests {
            crate::requests::audit(
                &mut tx,
                Some(by),
                *r,
                "remove",
                json!({"company": company.as_str(), "why": "company rejected"}),
            )
            .await?;
        }
        sqlx::query("DELETE FROM access_requests WHERE company_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        remove_actor(&mut tx, id).await?;
        audit_company(
            &mut tx,
            Some(by),
            company.as_str(),
            "reject",
            json!({"reason": reason, "requests_removed": requests.len()}),
        )
        .await?;
        tx.commit().await?;
        Ok(people)
    }
}

async fn waiting_id(conn: &mut AnyConnection, company: &Slug) -> Result<i64, RegistrationError> {
    let id: Option<i64> =
        sqlx::query_scalar("SELECT id FROM actors WHERE slug = $1 AND review = 'unreviewed'")
            .bind(company.as_str())
            .fetch_optional(&mut *conn)
            .await?;
    id.ok_or(WriteError::Rule(RegistrationRule::NotWaiting))
}

/// Removes an actor whose requests are gone or moved (everything else that names it goes with it).
async fn remove_actor(conn: &mut AnyConnection, id: i64) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM actors WHERE id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}
