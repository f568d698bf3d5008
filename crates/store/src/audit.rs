//! The append-only audit log. Every write records who, when, what and before -> after in the same transaction
//! as the change. Personal data in a diff is kept aside in `audit_personal`, so that erasing a person removes
//! their data without touching the log itself (which both databases refuse to update or delete).

use crate::rows::{Arg, Sql, get};
use crate::{Paged, Store, StoreError, now_millis};
use domain::PageRequest;
use domain::audit::Change;
use serde_json::{Value, json};
use sqlx::AnyConnection;

/// One audit entry as shown to admins and on object pages.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditEntry {
    /// Id.
    pub id: i64,
    /// When (Unix ms).
    pub at: i64,
    /// Who: the user's id, `None` for the system (seeding, command line without a user).
    pub user_id: Option<i64>,
    /// Who, as a name; `None` for the system or an erased user.
    pub user_label: Option<String>,
    /// The kind of object (`actor`, `user`, `api_token`...).
    pub object_type: String,
    /// The object's key (a slug or an id).
    pub object_key: String,
    /// What was done (`update`, `create`, `grant_role`...).
    pub action: String,
    /// The changed fields; erased personal data reads `"[erased]"`.
    pub changes: Vec<Change>,
}

/// Which entries to list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    /// Only this kind of object.
    pub object_type: Option<String>,
    /// Only this object.
    pub object_key: Option<String>,
    /// Only changes by this user.
    pub user_id: Option<i64>,
    /// Only this action.
    pub action: Option<String>,
}

/// What to record.
pub struct AuditRecord<'a> {
    /// Who made the change.
    pub user_id: Option<i64>,
    /// The kind of object.
    pub object_type: &'a str,
    /// The object's key.
    pub object_key: &'a str,
    /// What was done.
    pub action: &'a str,
    /// The changed fields.
    pub changes: &'a [Change],
    /// Paths (prefixes) whose values are personal data, and the subject they belong to.
    pub personal: &'a [(&'a str, String)],
}

async fn set_aside(
    conn: &mut AnyConnection,
    subject: &str,
    value: &Value,
) -> Result<Value, StoreError> {
    if value.is_null() {
        return Ok(Value::Null);
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO audit_personal (subject, value) VALUES ($1, $2) RETURNING id",
    )
    .bind(subject)
    .bind(value.to_string())
    .fetch_one(&mut *conn)
    .await?;
    Ok(json!({ "personal_ref": id }))
}

/// Appends one entry. Call inside the transaction that makes the change.
pub(crate) async fn record(
    conn: &mut AnyConnection,
    rec: AuditRecord<'_>,
) -> Result<(), StoreError> {
    let mut stored = Vec::with_capacity(rec.changes.len());
    for c in rec.changes {
        let subject = rec
            .personal
            .iter()
            .find(|(prefix, _)| c.path.starts_with(prefix))
            .map(|(_, s)| s.as_str());
        let (before, after) = match subject {
            Some(s) => (
                set_aside(conn, s, &c.before).await?,
                set_aside(conn, s, &c.after).await?,
            ),
            None => (c.before.clone(), c.after.clone()),
        };
        stored.push(json!({ "path": c.path, "before": before, "after": after }));
    }
    sqlx::query(
        "INSERT INTO audit_log (at, user_id, object_type, object_key, action, diff) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(now_millis())
    .bind(rec.user_id)
    .bind(rec.object_type)
    .bind(rec.object_key)
    .bind(rec.action)
    .bind(Value::Array(stored).to_string())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

impl Store {
    /// Appends one audit entry in its own transaction (for changes that are a single statement).
    pub async fn audit(&self, rec: AuditRecord<'_>) -> Result<(), StoreError> {
        let mut tx = self.pool().begin().await?;
        record(&mut tx, rec).await?;
        tx.commit().await?;
        Ok(())
    }

    /// One page of audit entries matching `filter`, newest first.
    pub async fn audit_entries(
        &self,
        filter: &AuditFilter,
        page: PageRequest,
    ) -> Result<Paged<AuditEntry>, StoreError> {
        let mut where_sql = Sql::new(" WHERE 1 = 1");
        if let Some(t) = &filter.object_type {
            where_sql
                .push(" AND l.object_type = ")
                .bind(Arg::Text(t.clone()));
        }
        if let Some(k) = &filter.object_key {
            where_sql
                .push(" AND l.object_key = ")
                .bind(Arg::Text(k.clone()));
        }
        if let Some(u) = filter.user_id {
            where_sql.push(" AND l.user_id = ").bind(Arg::Int(u));
        }
        if let Some(a) = &filter.action {
            where_sql
                .push(" AND l.action = ")
                .bind(Arg::Text(a.clone()));
        }
        let mut count_sql = Sql::new("SELECT COUNT(*) AS n FROM audit_log l");
        count_sql.push(&where_sql.text.clone());
        let mut sql = Sql::new(
            "SELECT l.id, l.at, l.user_id, l.object_type, l.object_key, l.action, l.diff, \
             u.display_name, u.email, u.erased_at FROM audit_log l LEFT JOIN users u ON u.id = l.user_id",
        );
        sql.push(&where_sql.text.clone());
        // Both queries bind the same filter values in the same order.
        let binds = filter_args(filter);
        for a in &binds {
            count_sql.add_arg(a.clone());
            sql.add_arg(a.clone());
        }
        let offset = i64::try_from(page.offset()).map_err(|_| StoreError::OutOfRange("page"))?;
        sql.push(" ORDER BY l.at DESC, l.id DESC LIMIT ")
            .bind(Arg::Int(i64::from(page.per_page())))
            .push(" OFFSET ")
            .bind(Arg::Int(offset));
        let total: i64 = get(&count_sql.query().fetch_one(self.pool()).await?, "n")?;
        let rows = sql.query().fetch_all(self.pool()).await?;
        let mut items = Vec::with_capacity(rows.len());
        for row in &rows {
            let diff: String = get(row, "diff")?;
            let raw: Vec<Value> = serde_json::from_str(&diff)
                .map_err(|e| StoreError::Corrupt(format!("audit diff: {e}")))?;
            let mut changes = Vec::with_capacity(raw.len());
            for c in raw {
                changes.push(Change {
                    path: c["path"].as_str().unwrap_or_default().to_owned(),
                    before: self.resolve_personal(&c["before"]).await?,
                    after: self.resolve_personal(&c["after"]).await?,
                });
            }
            let erased: Option<i64> = get(row, "erased_at")?;
            let name: Option<String> = get(row, "display_name")?;
            let email: Option<String> = get(row, "email")?;
            items.push(AuditEntry {
                id: get(row, "id")?,
                at: get(row, "at")?,
                user_id: get(row, "user_id")?,
                user_label: if erased.is_some() {
                    None
                } else {
                    name.filter(|n| !n.is_empty()).or(email)
                },
                object_type: get(row, "object_type")?,
                object_key: get(row, "object_key")?,
                action: get(row, "action")?,
                changes,
            });
        }
        Ok(Paged {
            items,
            total: u64::try_from(total).unwrap_or(0),
        })
    }

    async fn resolve_personal(&self, v: &Value) -> Result<Value, StoreError> {
        let Some(id) = v.get("personal_ref").and_then(Value::as_i64) else {
            return Ok(v.clone());
        };
        let value: Option<String> =
            sqlx::query_scalar("SELECT value FROM audit_personal WHERE id = $1")
                .bind(id)
                .fetch_optional(self.pool())
                .await?;
        Ok(match value {
            Some(text) => serde_json::from_str(&text).unwrap_or(Value::String(text)),
            None => Value::String("[erased]".into()),
        })
    }

    /// Deletes the personal data that audit entries refer to for `subject` (the entries stay).
    pub(crate) async fn erase_personal(
        conn: &mut AnyConnection,
        subject: &str,
    ) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM audit_personal WHERE subject = $1")
            .bind(subject)
            .execute(&mut *conn)
            .await?;
        Ok(())
    }
}

fn filter_args(filter: &AuditFilter) -> Vec<Arg> {
    let mut v = Vec::new();
    if let Some(t) = &filter.object_type {
        v.push(Arg::Text(t.clone()));
    }
    if let Some(k) = &filter.object_key {
        v.push(Arg::Text(k.clone()));
    }
    if let Some(u) = filter.user_id {
        v.push(Arg::Int(u));
    }
    if let Some(a) = &filter.action {
        v.push(Arg::Text(a.clone()));
    }
    v
}
