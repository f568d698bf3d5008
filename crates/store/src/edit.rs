//! Changing actors, and erasing personal data, each with its audit entry in the same transaction.

use crate::actor_rows::{insert_links, insert_relation};
use crate::audit::{AuditRecord, record};
use crate::rows::get;
use crate::rows::unique_as;
use crate::{Store, StoreError, now_millis};
use domain::audit::diff;
use domain::collate::sort_key;
use domain::{ActorKind, ContactPerson, Lang, LangText, OwnershipForm, Relation, Slug, WebUrl};
use serde_json::{Value, json};
use sqlx::AnyConnection;

/// A new version of an actor's editable profile, validated by the caller.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorUpdate {
    /// Name in both languages.
    pub name: LangText,
    /// Abbreviation.
    pub short_name: Option<String>,
    /// Kind.
    pub kind: ActorKind,
    /// Ownership form.
    pub ownership: Option<OwnershipForm>,
    /// Description in both languages.
    pub description: LangText,
    /// Web site.
    pub website: Option<WebUrl>,
    /// Organisation number.
    pub org_number: Option<String>,
    /// Street address.
    pub address: Option<String>,
    /// Campus slugs.
    pub campuses: Vec<Slug>,
    /// Tag slugs.
    pub tags: Vec<Slug>,
    /// Contact persons, in order.
    pub contacts: Vec<ContactPerson>,
    /// The actor's outgoing relations (`from` is this actor); incoming ones belong to the other actor.
    pub relations: Vec<Relation>,
}

/// The subject under which an actor's contact persons' data is set aside in the audit log.
fn contacts_subject(slug: &str) -> String {
    format!("actor-contacts:{slug}")
}

async fn slugs(conn: &mut AnyConnection, sql: &str, id: i64) -> Result<Vec<String>, StoreError> {
    let rows = sqlx::query(sql).bind(id).fetch_all(&mut *conn).await?;
    rows.iter().map(|r| get::<String>(r, "slug")).collect()
}

/// The editable state of an actor as JSON, read inside the transaction: what the audit diff compares.
pub(crate) async fn state(conn: &mut AnyConnection, id: i64) -> Result<Value, StoreError> {
    let a = sqlx::query("SELECT * FROM actors WHERE id = $1")
        .bind(id)
        .fetch_one(&mut *conn)
        .await?;
    let campuses = slugs(
        conn,
        "SELECT c.slug FROM actor_campuses ac JOIN campuses c ON c.id = ac.campus_id WHERE ac.actor_id = $1 ORDER BY c.slug",
        id,
    )
    .await?;
    let tags =
        slugs(conn, "SELECT t.slug FROM actor_tags at JOIN tags t ON t.id = at.tag_id WHERE at.actor_id = $1 ORDER BY t.slug", id)
            .await?;
    let contacts = sqlx::query("SELECT name, role_sv, role_en, email FROM contact_persons WHERE actor_id = $1 ORDER BY position")
        .bind(id)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|r| {
            Ok(json!({
                "name": get::<String>(r, "name")?,
                "role": {"sv": get::<String>(r, "role_sv")?, "en": get::<String>(r, "role_en")?},
                "email": get::<Option<String>>(r, "email")?,
            }))
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    let relations = sqlx::query(
        "SELECT r.kind, t.slug, r.since_year, r.until_year, r.source FROM relations r \
         JOIN actors t ON t.id = r.to_actor_id WHERE r.from_actor_id = $1 ORDER BY r.kind, t.slug",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|r| {
        Ok(json!({
            "kind": get::<String>(r, "kind")?,
            "to": get::<String>(r, "slug")?,
            "since": get::<Option<i64>>(r, "since_year")?,
            "until": get::<Option<i64>>(r, "until_year")?,
            "source": get::<Option<String>>(r, "source")?,
        }))
    })
    .collect::<Result<Vec<_>, StoreError>>()?;
    Ok(json!({
        "name": {"sv": get::<String>(&a, "name_sv")?, "en": get::<String>(&a, "name_en")?},
        "short_name": get::<Option<String>>(&a, "short_name")?,
        "kind": get::<String>(&a, "kind")?,
        "ownership": get::<Option<String>>(&a, "ownership")?,
        "description": {"sv": get::<String>(&a, "description_sv")?, "en": get::<String>(&a, "description_en")?},
        "website": get::<Option<String>>(&a, "website")?,
        "org_number": get::<Option<String>>(&a, "org_number")?,
        "address": get::<Option<String>>(&a, "address")?,
        "campuses": campuses,
        "tags": tags,
        "contacts": contacts,
        "relations": relations,
    }))
}

/// The id of the actor a write changes; `NotFound` when it is gone.
async fn actor_to_change(conn: &mut AnyConnection, slug: &Slug) -> Result<i64, StoreError> {
    sqlx::query_scalar("SELECT id FROM actors WHERE slug = $1")
        .bind(slug.as_str())
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(StoreError::NotFound("actor"))
}

/// The id of a row that the input refers to; `UnknownReference(what)` when there is none.
async fn id_by_slug(
    conn: &mut AnyConnection,
    table: &str,
    slug: &Slug,
    what: &'static str,
) -> Result<i64, StoreError> {
    sqlx::query_scalar(&format!("SELECT id FROM {table} WHERE slug = $1"))
        .bind(slug.as_str())
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(StoreError::UnknownReference(what))
}

impl Store {
    /// Replaces an actor's editable profile, records the audit entry, and returns the number of changed fields
    /// (0 when nothing changed; no entry is written then). All or nothing.
    pub async fn update_actor(
        &self,
        slug: &Slug,
        update: &ActorUpdate,
        user_id: Option<i64>,
    ) -> Result<usize, StoreError> {
        let mut tx = self.write_tx().await?;
        let id = actor_to_change(&mut tx, slug).await?;
        let before = state(&mut tx, id).await?;
        sqlx::query(
            "UPDATE actors SET name_sv = $1, name_en = $2, sort_sv = $3, sort_en = $4, short_name = $5, kind = $6, \
             ownership = $7, description_sv = $8, description_en = $9, website = $10, org_number = $11, address = $12, \
             updated_at = $13 WHERE id = $14",
        )
        .bind(&update.name.sv)
        .bind(&update.name.en)
        .bind(sort_key(Lang::Sv, &update.name.sv))
        .bind(sort_key(Lang::En, &update.name.en))
        .bind(update.short_name.as_deref())
        .bind(update.kind.as_str())
        .bind(update.ownership.map(|o| o.as_str()))
        .bind(&update.description.sv)
        .bind(&update.description.en)
        .bind(update.website.as_ref().map(|w| w.as_str()))
        .bind(update.org_number.as_deref())
        .bind(update.address.as_deref())
        .bind(now_millis())
        .bind(id)
        .execute(&mut *tx)
        .await
        .map_err(unique_as("org_number"))?;

        // Resolve every reference first, so a bad one fails before anything is rewritten.
        let mut campus_ids = Vec::with_capacity(update.campuses.len());
        for c in &update.campuses {
            campus_ids.push(id_by_slug(&mut tx, "campuses", c, "campus").await?);
        }
        let mut tag_ids = Vec::with_capacity(update.tags.len());
        for t in &update.tags {
            tag_ids.push(id_by_slug(&mut tx, "tags", t, "tag").await?);
        }
        for ids in [&mut campus_ids, &mut tag_ids] {
            ids.sort_unstable();
            ids.dedup();
        }
        let mut targets = Vec::with_capacity(update.relations.len());
        for r in &update.relations {
            let to = id_by_slug(&mut tx, "actors", &r.to, "actor").await?;
            if to == id {
                return Err(StoreError::Conflict("relation_self"));
            }
            targets.push(to);
        }
        for table in ["actor_campuses", "actor_tags", "contact_persons"] {
            sqlx::query(&format!("DELETE FROM {table} WHERE actor_id = $1"))
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        sqlx::query("DELETE FROM relations WHERE from_actor_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        insert_links(&mut tx, id, &campus_ids, &tag_ids, &update.contacts).await?;
        for (r, to) in update.relations.iter().zip(targets) {
            insert_relation(&mut tx, id, r, to).await?;
        }
        let after = state(&mut tx, id).await?;
        let changes = diff(&before, &after);
        if changes.is_empty() {
            tx.rollback().await?;
            return Ok(0);
        }
        let personal = [("contacts", contacts_subject(slug.as_str()))];
        record(
            &mut tx,
            AuditRecord {
                user_id,
                object_type: "actor",
                object_key: slug.as_str(),
                action: "update",
                changes: &changes,
                personal: &personal,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(changes.len())
    }

    /// Removes one contact person (by place in the list, from 0) from an actor and erases every value of that actor's
    /// contact persons from the audit trail. The audit entry records that a contact was erased, not who.
    pub async fn erase_contact(
        &self,
        slug: &Slug,
        position: i64,
        user_id: Option<i64>,
    ) -> Result<bool, StoreError> {
        let mut tx = self.write_tx().await?;
        let id = actor_to_change(&mut tx, slug).await?;
        // `position` is the contact's place in the list as shown (0 = first), whatever gaps earlier erasures left.
        let deleted = sqlx::query(
            "DELETE FROM contact_persons WHERE actor_id = $1 AND position = \
             (SELECT position FROM contact_persons WHERE actor_id = $1 ORDER BY position LIMIT 1 OFFSET $2)",
        )
        .bind(id)
        .bind(position)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if deleted == 0 {
            tx.rollback().await?;
            return Ok(false);
        }
        Store::erase_personal(&mut tx, &contacts_subject(slug.as_str())).await?;
        let changes = [domain::audit::Change {
            path: format!("contacts[{position}]"),
            before: Value::String("[erased]".into()),
            after: Value::Null,
        }];
        record(
            &mut tx,
            AuditRecord {
                user_id,
                object_type: "actor",
                object_key: slug.as_str(),
                action: "erase_contact",
                changes: &changes,
                personal: &[],
            },
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Erases a user's personal data: the account is anonymised, its sessions, tokens, roles and login history
    /// are deleted, and personal values it left in the audit trail are removed. The audit entries stay.
    pub async fn erase_user(&self, user_id: i64, by: Option<i64>) -> Result<(), StoreError> {
        let mut tx = self.write_tx().await?;
        let email: Option<String> = sqlx::query_scalar("SELECT email FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_optional(&mut *tx)
            .await?;
        let email = email.ok_or(StoreError::NotFound("user"))?;
        for sql in [
            "DELETE FROM sessions WHERE user_id = $1",
            "DELETE FROM api_tokens WHERE user_id = $1",
            "DELETE FROM user_roles WHERE user_id = $1",
            "DELETE FROM one_time_tokens WHERE user_id = $1",
            "DELETE FROM working_group_members WHERE user_id = $1",
            "DELETE FROM matchmaking_participants WHERE user_id = $1",
        ] {
            sqlx::query(sql).bind(user_id).execute(&mut *tx).await?;
        }
        sqlx::query("DELETE FROM login_attempts WHERE email = $1")
            .bind(&email)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM email_outbox WHERE to_addr = $1")
            .bind(&email)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "UPDATE users SET email = $1, display_name = '', password_hash = NULL, email_verified_at = NULL, \
             erased_at = $2 WHERE id = $3",
        )
        .bind(format!("erased-{user_id}@erased.invalid"))
        .bind(now_millis())
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
        Store::erase_personal(&mut tx, &format!("user:{user_id}")).await?;
        record(
            &mut tx,
            AuditRecord {
                user_id: by,
                object_type: "user",
                object_key: &user_id.to_string(),
                action: "erase",
                changes: &[],
                personal: &[],
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
