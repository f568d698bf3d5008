//! The programme office runs people from the browser: find accounts, take a role away (granting is
//! `grant_role`), deactivate an account — its sessions and tokens end with it — and reactivate it. Each change is
//! audited on the account, with the values set aside as the person's data.

use crate::accounts::{User, user_event};
use crate::rows::{Arg, Sql, get};
use crate::{Paged, Store, StoreError, now_millis};
use domain::{Grant, PageRequest, Role, Slug};
use serde_json::json;

/// An account in the office's list, with its roles.
#[derive(Debug, Clone)]
pub struct Person {
    /// The account.
    pub user: User,
    /// Its roles.
    pub grants: Vec<Grant>,
}

impl Store {
    /// Accounts whose name or address contains `q` (any case), by name; erased ones left out.
    pub async fn people(
        &self,
        q: Option<&str>,
        page: PageRequest,
    ) -> Result<Paged<Person>, StoreError> {
        let mut count = Sql::new("SELECT COUNT(*) AS n FROM users u WHERE u.erased_at IS NULL");
        let mut list = Sql::new("SELECT u.* FROM users u WHERE u.erased_at IS NULL");
        if let Some(q) = q.map(str::trim).filter(|q| !q.is_empty()) {
            let pattern = format!(
                "%{}%",
                q.to_lowercase()
                    .replace('\\', "\\\\")
                    .replace('%', "\\%")
                    .replace('_', "\\_")
            );
            for sql in [&mut count, &mut list] {
                sql.push(" AND (lower(u.email) LIKE ")
                    .bind(Arg::Text(pattern.clone()))
                    .push(" ESCAPE '\\' OR lower(u.display_name) LIKE ")
                    .bind(Arg::Text(pattern.clone()))
                    .push(" ESCAPE '\\')");
            }
        }
        let total: i64 = get(&count.query().fetch_one(self.pool()).await?, "n")?;
        list.push(" ORDER BY lower(u.display_name), u.id LIMIT ")
            .bind(Arg::Int(i64::from(page.per_page())))
            .push(" OFFSET ")
            .bind(Arg::Int(
                i64::from(page.per_page()) * (i64::from(page.page()) - 1),
            ));
        let rows = list.query().fetch_all(self.pool()).await?;
        let mut items = Vec::with_capacity(rows.len());
        for r in &rows {
            let user = crate::accounts::user_from_row(r)?;
            let grants = self.grants(user.id).await?;
            items.push(Person { user, grants });
        }
        Ok(Paged {
            items,
            total: u64::try_from(total).unwrap_or(0),
        })
    }

    /// Takes a role away from a person (audited as `revoke_role`); true when they held it.
    pub async fn revoke_role(
        &self,
        user_id: i64,
        role: Role,
        actor: Option<&Slug>,
        by: Option<i64>,
    ) -> Result<bool, StoreError> {
        let mut tx = self.write_tx().await?;
        let done =
            match actor {
                Some(a) => {
                    sqlx::query(
                        "DELETE FROM user_roles WHERE user_id = $1 AND role = $2 \
                     AND actor_id = (SELECT id FROM actors WHERE slug = $3)",
                    )
                    .bind(user_id)
                    .bind(role.as_str())
                    .bind(a.as_str())
                    .execute(&mut *tx)
                    .await?
                }
                None => sqlx::query(
                    "DELETE FROM user_roles WHERE user_id = $1 AND role = $2 AND actor_id IS NULL",
                )
                .bind(user_id)
                .bind(role.as_str())
                .execute(&mut *tx)
                .await?,
            };
        if done.rows_affected() == 0 {
            return Ok(false);
        }
        user_event(
            &mut tx,
            by,
            user_id,
            "revoke_role",
            json!({"role": role.as_str(), "actor": actor.map(Slug::as_str)}),
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Deactivates an account (its sessions end and its API tokens are revoked) or reactivates it; audited.
    /// Returns false when it was already so.
    pub async fn set_deactivated(
        &self,
        user_id: i64,
        deactivated: bool,
        by: Option<i64>,
    ) -> Result<bool, StoreError> {
        let mut tx = self.write_tx().await?;
        let now = now_millis();
        let done = if deactivated {
            sqlx::query(
                "UPDATE users SET deactivated_at = $1 WHERE id = $2 AND deactivated_at IS NULL AND erased_at IS NULL",
            )
            .bind(now)
            .bind(user_id)
            .execute(&mut *tx)
            .await?
        } else {
            sqlx::query(
                "UPDATE users SET deactivated_at = NULL WHERE id = $1 AND deactivated_at IS NOT NULL",
            )
            .bind(user_id)
            .execute(&mut *tx)
            .await?
        };
        if done.rows_affected() == 0 {
            return Ok(false);
        }
        if deactivated {
            sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                .bind(user_id)
                .execute(&mut *tx)
                .await?;
            sqlx::query(
                "UPDATE api_tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL",
            )
            .bind(now)
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        }
        user_event(
            &mut tx,
            by,
            user_id,
            if deactivated {
                "deactivate"
            } else {
                "reactivate"
            },
            json!({"deactivated": deactivated}),
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }
}
