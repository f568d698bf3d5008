//! The working group behind each area's action plan: people with accounts, the organisation each represents, and
//! who leads. Changed by the programme office, audited; an erased account leaves every group.

use crate::audit::{AuditRecord, record};
use crate::rows::{get, lang_text, slug};
use crate::strategy::id_of;
use crate::{Store, StoreError, now_millis};
use domain::audit::Change;
use domain::strategy::GroupRole;
use domain::{LangText, Slug};

/// One person in a working group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupMember {
    /// The membership's id.
    pub id: i64,
    /// The person's name.
    pub name: String,
    /// The organisation they represent: slug and name.
    pub organisation: (Slug, LangText),
    /// Lead or member.
    pub role: GroupRole,
}

fn change(field: &str, before: Option<String>, after: Option<String>) -> Change {
    let value = |v: Option<String>| v.map_or(serde_json::Value::Null, serde_json::Value::String);
    Change {
        path: field.to_owned(),
        before: value(before),
        after: value(after),
    }
}

impl Store {
    /// The working group of an area: leads first, then by name.
    pub async fn working_group(&self, area: &Slug) -> Result<Vec<GroupMember>, StoreError> {
        let rows = sqlx::query(
            "SELECT w.id, w.role, u.display_name, a.slug, a.name_sv, a.name_en FROM working_group_members w \
             JOIN focus_areas f ON f.id = w.area_id JOIN users u ON u.id = w.user_id \
             JOIN actors a ON a.id = w.actor_id WHERE f.slug = $1 AND u.erased_at IS NULL",
        )
        .bind(area.as_str())
        .fetch_all(self.pool())
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            let role: String = get(r, "role")?;
            out.push(GroupMember {
                id: get(r, "id")?,
                name: get(r, "display_name")?,
                organisation: (slug(r, "slug")?, lang_text(r, "name")?),
                role: GroupRole::parse(&role)
                    .ok_or_else(|| StoreError::Corrupt(format!("group role {role:?}")))?,
            });
        }
        out.sort_by_cached_key(|m| {
            (
                m.role != GroupRole::Lead,
                domain::collate::sort_key(domain::Lang::Sv, &m.name),
            )
        });
        Ok(out)
    }

    /// Adds the person with account `email` to an area's working group, representing `actor`. Errors:
    /// `NotFound("user")` when no (unerased) account has that address, `NotFound("actor")`, `NotFound("area")`,
    /// `Conflict("member")` when they are already in the group.
    pub async fn add_group_member(
        &self,
        area: &Slug,
        email: &str,
        actor: &Slug,
        role: GroupRole,
        by: i64,
    ) -> Result<i64, StoreError> {
        let mut tx = self.write_tx().await?;
        let area_id = id_of(&mut tx, "focus_areas", area)
            .await
            .map_err(|_| StoreError::UnknownReference("area"))?;
        let actor_id = id_of(&mut tx, "actors", actor)
            .await
            .map_err(|_| StoreError::UnknownReference("actor"))?;
        let user: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM users WHERE lower(email) = $1 AND erased_at IS NULL",
        )
        .bind(email.trim().to_lowercase())
        .fetch_optional(&mut *tx)
        .await?;
        let user = user.ok_or(StoreError::NotFound("user"))?;
        let taken: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM working_group_members WHERE area_id = $1 AND user_id = $2",
        )
        .bind(area_id)
        .bind(user)
        .fetch_one(&mut *tx)
        .await?;
        if taken > 0 {
            return Err(StoreError::Conflict("member"));
        }
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO working_group_members (area_id, user_id, actor_id, role, added_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(area_id)
        .bind(user)
        .bind(actor_id)
        .bind(role.as_str())
        .bind(now_millis())
        .fetch_one(&mut *tx)
        .await?;
        record(
            &mut tx,
            AuditRecord {
                user_id: Some(by),
                object_type: "working_group",
                object_key: area.as_str(),
                action: "add_member",
                changes: &[
                    change("user", None, Some(user.to_string())),
                    change("organisation", None, Some(actor.to_string())),
                    change("role", None, Some(role.to_string())),
                ],
                personal: &[],
            },
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Removes a membership from an area's working group. Returns false when there was no such membership.
    pub async fn remove_group_member(
        &self,
        area: &Slug,
        id: i64,
        by: i64,
    ) -> Result<bool, StoreError> {
        let mut tx = self.write_tx().await?;
        let row = sqlx::query(
            "SELECT w.user_id, w.role, a.slug FROM working_group_members w JOIN focus_areas f ON f.id = w.area_id \
             JOIN actors a ON a.id = w.actor_id WHERE w.id = $1 AND f.slug = $2",
        )
        .bind(id)
        .bind(area.as_str())
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = row else {
            return Ok(false);
        };
        sqlx::query("DELETE FROM working_group_members WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let user: i64 = get(&row, "user_id")?;
        record(
            &mut tx,
            AuditRecord {
                user_id: Some(by),
                object_type: "working_group",
                object_key: area.as_str(),
                action: "remove_member",
                changes: &[
                    change("user", Some(user.to_string()), None),
                    change("organisation", Some(get(&row, "slug")?), None),
                    change("role", Some(get(&row, "role")?), None),
                ],
                personal: &[],
            },
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// The working groups a person sits in: (area slug, area name, organisation name, role). For the person's
    /// data export.
    pub async fn groups_of(
        &self,
        user: i64,
    ) -> Result<Vec<(Slug, LangText, LangText, GroupRole)>, StoreError> {
        let rows = sqlx::query(
            "SELECT f.slug, f.name_sv, f.name_en, a.name_sv AS org_sv, a.name_en AS org_en, w.role \
             FROM working_group_members w JOIN focus_areas f ON f.id = w.area_id JOIN actors a ON a.id = w.actor_id \
             WHERE w.user_id = $1 ORDER BY f.position",
        )
        .bind(user)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                let role: String = get(r, "role")?;
                Ok((
                    slug(r, "slug")?,
                    lang_text(r, "name")?,
                    lang_text(r, "org")?,
                    GroupRole::parse(&role)
                        .ok_or_else(|| StoreError::Corrupt(format!("group role {role:?}")))?,
                ))
            })
            .collect()
    }
}
