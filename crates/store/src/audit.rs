//! The append-only audit log. Every write records who, when, what and before -> after in the same transaction
//! as the change. Personal data in a diff is kept aside in `audit_personal`, so that erasing a person removes
//! their data without touching the log itself (which both databases refuse to update or delete).

use crate::rows::{Arg, Sql, get};
use crate::{Paged, Store, StoreError, now_millis};
use domain::PageRequest;
use domain::audit::Change;
use serde_json::{Value, json};
use sqlx::AnyConnection;
use std::collections::HashMap;

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

impl AuditFilter {
    fn push_where(&self, sql: &mut Sql) {
        sql.push(" WHERE 1 = 1");
        if let Some(t) = &self.object_type {
            sql.push(" AND l.object_type = ").bind(Arg::Text(t.clone()));
        }
        if let Some(k) = &self.object_key {
            sql.push(" AND l.object_key = ").bind(Arg::Text(k.clone()));
        }
        if let Some(u) = self.user_id {
            sql.push(" AND l.user_id = ").bind(Arg::Int(u));
        }
        if let Some(a) = &self.action {
            sql.push(" AND l.action = ").bind(Arg::Text(a.clone()));
        }
    }
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
/// Records a save of an object: a creation (`before` `None`, the whole object as the change) or an update (the
/// fields that differ between `before` and `after`). The one helper every audited save uses, called inside the
/// save's transaction with a `before` read in that transaction.
pub(crate) async fn record_save(
    conn: &mut AnyConnection,
    user_id: Option<i64>,
    object_type: &str,
    object_key: &str,
    action: &str,
    before: Option<&serde_json::Value>,
    after: &serde_json::Value,
) -> Result<(), StoreError> {
    let changes = match before {
        Some(b) => domain::audit::diff(b, after),
        None => vec![Change {
            path: String::new(),
            before: serde_json::Value::Null,
            after: after.clone(),
        }],
    };
    record(
        conn,
        AuditRecord {
            user_id,
            object_type,
            object_key,
            action,
            changes: &changes,
            personal: &[],
        },
    )
    .await
}

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
        let mut tx = self.write_tx().await?;
        record(&mut tx, rec).await?;
        tx.commit().await?;
        Ok(())
    }

    /// A stamp of the audited data's version: how many audit entries have an id above `floor`, and the largest id.
    /// Every write records an entry in its own transaction, so the stamp changes when any write commits on any
    /// server. The count keeps it right on PostgreSQL, where a sequence hands out ids before commit and a lower
    /// id may commit after a higher one: the largest id alone would miss it, the count above a recent floor does
    /// not (an index range scan, cheap when `floor` is close to the largest id).
    pub async fn data_stamp(&self, floor: i64) -> Result<(i64, i64), StoreError> {
        let row = sqlx::query(
            "SELECT COUNT(*) AS n, COALESCE(MAX(id), 0) AS last FROM audit_log WHERE id > $1",
        )
        .bind(floor)
        .fetch_one(self.pool())
        .await?;
        Ok((get(&row, "n")?, get(&row, "last")?))
    }

    /// The object types and the actions that occur in the log, sorted (for the filter form).
    pub async fn audit_vocabulary(&self) -> Result<(Vec<String>, Vec<String>), StoreError> {
        let types =
            sqlx::query_scalar("SELECT DISTINCT object_type FROM audit_log ORDER BY object_type")
                .fetch_all(self.pool())
                .await?;
        let actions = sqlx::query_scalar("SELECT DISTINCT action FROM audit_log ORDER BY action")
            .fetch_all(self.pool())
            .await?;
        Ok((types, actions))
    }

    /// One page of audit entries matching `filter`, newest first.
    pub async fn audit_entries(
        &self,
        filter: &AuditFilter,
        page: PageRequest,
    ) -> Result<Paged<AuditEntry>, StoreError> {
        let mut count_sql = Sql::new("SELECT COUNT(*) AS n FROM audit_log l");
        filter.push_where(&mut count_sql);
        let total: i64 = get(&count_sql.query().fetch_one(self.pool()).await?, "n")?;

        let mut sql = Sql::new(
            "SELECT l.id, l.at, l.user_id, l.object_type, l.object_key, l.action, l.diff, \
             u.display_name, u.email, u.erased_at FROM audit_log l LEFT JOIN users u ON u.id = l.user_id",
        );
        filter.push_where(&mut sql);
        let offset = i64::try_from(page.offset()).map_err(|_| StoreError::OutOfRange("page"))?;
        sql.push(" ORDER BY l.at DESC, l.id DESC LIMIT ")
            .bind(Arg::Int(i64::from(page.per_page())))
            .push(" OFFSET ")
            .bind(Arg::Int(offset));
        let rows = sql.query().fetch_all(self.pool()).await?;

        let mut diffs = Vec::with_capacity(rows.len());
        for row in &rows {
            let diff: String = get(row, "diff")?;
            let raw: Vec<Value> = serde_json::from_str(&diff)
                .map_err(|e| StoreError::Corrupt(format!("audit diff: {e}")))?;
            diffs.push(raw);
        }
        let personal = self.personal_values(&diffs).await?;
        let resolve = |v: &Value| match v.get("personal_ref").and_then(Value::as_i64) {
            Some(id) => personal
                .get(&id)
                .cloned()
                .unwrap_or_else(|| Value::String("[erased]".into())),
            None => v.clone(),
        };
        let mut items = Vec::with_capacity(rows.len());
        for (row, raw) in rows.iter().zip(diffs) {
            let changes = raw
                .iter()
                .map(|c| Change {
                    path: c["path"].as_str().unwrap_or_default().to_owned(),
                    before: resolve(&c["before"]),
                    after: resolve(&c["after"]),
                })
                .collect();
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

    /// The set-aside personal values that a page of diffs refers to, in one query; erased ones are absent.
    async fn personal_values(
        &self,
        diffs: &[Vec<Value>],
    ) -> Result<HashMap<i64, Value>, StoreError> {
        let ids: Vec<i64> = diffs
            .iter()
            .flatten()
            .flat_map(|c| [&c["before"], &c["after"]])
            .filter_map(|v| v.get("personal_ref").and_then(Value::as_i64))
            .collect();
        let mut out = HashMap::new();
        if ids.is_empty() {
            return Ok(out);
        }
        let mut sql = Sql::new("SELECT id, value FROM audit_personal WHERE id IN (");
        sql.bind_ints(&ids).push(")");
        for row in sql.query().fetch_all(self.pool()).await? {
            let text: String = get(&row, "value")?;
            let value = serde_json::from_str(&text).unwrap_or(Value::String(text));
            out.insert(get(&row, "id")?, value);
        }
        Ok(out)
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
