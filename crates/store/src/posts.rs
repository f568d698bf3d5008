//! Partner posts in the database: writing and closing posts, expressing interest (which queues an e-mail to the
//! author and opens a conversation), and the conversation's messages. Every write is audited; message texts are
//! not copied into the audit log.

use crate::audit::{AuditRecord, record};
use crate::rows::{get, slug};
use crate::{Store, StoreError, now_millis};
use domain::audit::Change;
use domain::posts::{self, PostError, PostKind};
use domain::{IsoDate, Slug};
use serde_json::json;
use sqlx::AnyConnection;

/// A post write refused by the posts' rules or failed in the store.
pub type PostFail = crate::WriteError<PostError>;

/// A post as stored.
#[derive(Debug, Clone)]
pub struct PostRow {
    /// Id.
    pub id: i64,
    /// Offer or request.
    pub kind: PostKind,
    /// Title.
    pub title: String,
    /// Text.
    pub body: String,
    /// Tags.
    pub tags: Vec<Slug>,
    /// The author's user id.
    pub author_id: i64,
    /// The author's name.
    pub author_name: String,
    /// Last day it is up.
    pub expires: IsoDate,
    /// Closed by its author.
    pub closed: bool,
    /// When it was posted (Unix ms).
    pub created_at: i64,
    /// How many have expressed interest.
    pub interests: i64,
}

/// An expression of interest: the conversation between the author and one member.
#[derive(Debug, Clone)]
pub struct InterestRow {
    /// Id.
    pub id: i64,
    /// The post.
    pub post_id: i64,
    /// The interested member.
    pub user_id: i64,
    /// Their name.
    pub user_name: String,
    /// When (Unix ms).
    pub created_at: i64,
}

/// A message in a conversation.
#[derive(Debug, Clone)]
pub struct PostMessage {
    /// Who wrote it (None when the account is gone).
    pub sender_id: Option<i64>,
    /// Their name.
    pub sender_name: String,
    /// The text.
    pub body: String,
    /// When (Unix ms).
    pub at: i64,
}

async fn audit(
    conn: &mut AnyConnection,
    user: i64,
    key: &str,
    action: &str,
    after: serde_json::Value,
) -> Result<(), StoreError> {
    record(
        conn,
        AuditRecord {
            user_id: Some(user),
            object_type: "post",
            object_key: key,
            action,
            changes: &[Change {
                path: String::new(),
                before: serde_json::Value::Null,
                after,
            }],
            personal: &[],
        },
    )
    .await
}

const POST_SELECT: &str = "SELECT p.*, u.display_name AS author_name, \
     (SELECT COUNT(*) FROM post_interests i WHERE i.post_id = p.id) AS interests \
     FROM posts p JOIN users u ON u.id = p.author_id";

impl Store {
    /// Writes a new post; returns its id, or what the rules refused.
    #[allow(clippy::too_many_arguments)]
    pub async fn create_post(
        &self,
        user: i64,
        kind: PostKind,
        title: &str,
        body: &str,
        tags: &[Slug],
        expires: IsoDate,
        today: IsoDate,
    ) -> Result<Result<i64, Vec<PostError>>, StoreError> {
        if let Err(e) = posts::check_post(title, body, expires, today) {
            return Ok(Err(e));
        }
        {
            let mut tx = self.write_tx().await?;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO posts (kind, title, body, author_id, expires_on, created_at) VALUES ($1, $2, $3, $4, $5, $6) \
                 RETURNING id",
            )
            .bind(kind.as_str())
            .bind(title.trim())
            .bind(body.trim())
            .bind(user)
            .bind(expires.to_string())
            .bind(now_millis())
            .fetch_one(&mut *tx)
            .await?;
            for t in tags {
                sqlx::query("INSERT INTO post_tags (post_id, tag_id) SELECT $1, id FROM tags WHERE slug = $2")
                    .bind(id)
                    .bind(t.as_str())
                    .execute(&mut *tx)
                    .await?;
            }
            audit(
                &mut tx,
                user,
                &id.to_string(),
                "create",
                json!({"kind": kind, "title": title.trim(), "expires": expires.to_string()}),
            )
            .await?;
            tx.commit().await?;
            Ok(Ok(id))
        }
    }

    /// Posts, newest first; `open_on` keeps those open on that day.
    pub async fn posts(&self, open_on: Option<IsoDate>) -> Result<Vec<PostRow>, StoreError> {
        self.post_rows(None, open_on).await
    }

    /// Posts (all, or the one with id `only`), newest first; `open_on` keeps those open on that day.
    async fn post_rows(
        &self,
        only: Option<i64>,
        open_on: Option<IsoDate>,
    ) -> Result<Vec<PostRow>, StoreError> {
        let (filter, tag_filter) = if only.is_some() {
            (" WHERE p.id = $1", " WHERE x.post_id = $1")
        } else {
            ("", "")
        };
        let sql = format!("{POST_SELECT}{filter} ORDER BY p.created_at DESC, p.id DESC");
        let tag_sql = format!(
            "SELECT x.post_id, t.slug FROM post_tags x JOIN tags t ON t.id = x.tag_id{tag_filter} ORDER BY t.slug"
        );
        let (mut q, mut tq) = (sqlx::query(&sql), sqlx::query(&tag_sql));
        if let Some(id) = only {
            q = q.bind(id);
            tq = tq.bind(id);
        }
        let rows = q.fetch_all(self.pool()).await?;
        let tags = tq.fetch_all(self.pool()).await?;
        let mut out = Vec::new();
        for r in &rows {
            let id: i64 = get(r, "id")?;
            let kind: String = get(r, "kind")?;
            let expires: String = get(r, "expires_on")?;
            let expires = IsoDate::parse(&expires)
                .map_err(|_| StoreError::Corrupt(format!("expiry {expires:?}")))?;
            let closed = get::<Option<i64>>(r, "closed_at")?.is_some();
            if let Some(day) = open_on
                && !posts::is_open(closed, expires, day)
            {
                continue;
            }
            let mut t = Vec::new();
            for x in &tags {
                if get::<i64>(x, "post_id")? == id {
                    t.push(slug(x, "slug")?);
                }
            }
            out.push(PostRow {
                id,
                kind: PostKind::parse(&kind)
                    .ok_or_else(|| StoreError::Corrupt(format!("post kind {kind:?}")))?,
                title: get(r, "title")?,
                body: get(r, "body")?,
                tags: t,
                author_id: get(r, "author_id")?,
                author_name: get(r, "author_name")?,
                expires,
                closed,
                created_at: get(r, "created_at")?,
                interests: get(r, "interests")?,
            });
        }
        Ok(out)
    }

    /// One post.
    pub async fn post(&self, id: i64) -> Result<Option<PostRow>, StoreError> {
        Ok(self.post_rows(Some(id), None).await?.pop())
    }

    /// The author closes a post.
    pub async fn close_post(&self, id: i64, user: i64) -> Result<(), StoreError> {
        let mut tx = self.write_tx().await?;
        let done = sqlx::query("UPDATE posts SET closed_at = $1 WHERE id = $2 AND author_id = $3 AND closed_at IS NULL")
            .bind(now_millis())
            .bind(id)
            .bind(user)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound("open post of this author"));
        }
        audit(
            &mut tx,
            user,
            &id.to_string(),
            "close",
            json!({"closed": true}),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// A member expresses interest with a first message; the author is told by e-mail (`mail` gives subject and
    /// body for the author's address). Returns the conversation's id.
    pub async fn express_interest(
        &self,
        post: i64,
        user: i64,
        message: &str,
        today: IsoDate,
        mail: impl FnOnce(&PostRow) -> (String, String),
    ) -> Result<i64, PostFail> {
        let p = self.post(post).await?.ok_or(StoreError::NotFound("post"))?;
        posts::may_express_interest(
            user,
            p.author_id,
            posts::is_open(p.closed, p.expires, today),
            message,
        )
        .map_err(PostFail::Rule)?;
        let mut tx = self.write_tx().await?;
        let now = now_millis();
        let id: Option<i64> = sqlx::query_scalar(
            "INSERT INTO post_interests (post_id, user_id, created_at) VALUES ($1, $2, $3) \
             ON CONFLICT (post_id, user_id) DO NOTHING RETURNING id",
        )
        .bind(post)
        .bind(user)
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(id) = id else {
            return Err(PostFail::Rule(PostError::Twice));
        };
        sqlx::query("INSERT INTO post_messages (interest_id, sender_id, body, created_at) VALUES ($1, $2, $3, $4)")
            .bind(id)
            .bind(user)
            .bind(message.trim())
            .bind(now)
            .execute(&mut *tx)
            .await?;
        let author: String = sqlx::query_scalar("SELECT email FROM users WHERE id = $1")
            .bind(p.author_id)
            .fetch_one(&mut *tx)
            .await?;
        let (subject, body) = mail(&p);
        crate::accounts::queue_mail_in(&mut tx, &author, &subject, &body).await?;
        audit(
            &mut tx,
            user,
            &post.to_string(),
            "express_interest",
            json!({"conversation": id}),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The conversations of a post (for its author).
    pub async fn interests(&self, post: i64) -> Result<Vec<InterestRow>, StoreError> {
        sqlx::query(
            "SELECT i.*, u.display_name FROM post_interests i JOIN users u ON u.id = i.user_id WHERE i.post_id = $1 ORDER BY i.id",
        )
        .bind(post)
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(|r| {
            Ok(InterestRow {
                id: get(r, "id")?,
                post_id: get(r, "post_id")?,
                user_id: get(r, "user_id")?,
                user_name: get(r, "display_name")?,
                created_at: get(r, "created_at")?,
            })
        })
        .collect()
    }

    /// One conversation, when `user` is one of its two parties; `None` otherwise (so others learn nothing).
    pub async fn conversation(
        &self,
        interest: i64,
        user: i64,
    ) -> Result<Option<(InterestRow, Vec<PostMessage>)>, StoreError> {
        let Some(r) = sqlx::query(
            "SELECT i.*, u.display_name, p.author_id FROM post_interests i JOIN users u ON u.id = i.user_id \
             JOIN posts p ON p.id = i.post_id WHERE i.id = $1",
        )
        .bind(interest)
        .fetch_optional(self.pool())
        .await?
        else {
            return Ok(None);
        };
        let (member, author): (i64, i64) = (get(&r, "user_id")?, get(&r, "author_id")?);
        if user != member && user != author {
            return Ok(None);
        }
        let row = InterestRow {
            id: get(&r, "id")?,
            post_id: get(&r, "post_id")?,
            user_id: member,
            user_name: get(&r, "display_name")?,
            created_at: get(&r, "created_at")?,
        };
        let messages = sqlx::query(
            "SELECT m.sender_id, m.body, m.created_at, COALESCE(u.display_name, '') AS name FROM post_messages m \
             LEFT JOIN users u ON u.id = m.sender_id WHERE m.interest_id = $1 ORDER BY m.id",
        )
        .bind(interest)
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(|m| {
            Ok(PostMessage {
                sender_id: get(m, "sender_id")?,
                sender_name: get(m, "name")?,
                body: get(m, "body")?,
                at: get(m, "created_at")?,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
        Ok(Some((row, messages)))
    }

    /// Adds a message to a conversation by one of its two parties.
    pub async fn post_message(&self, interest: i64, user: i64, body: &str) -> Result<(), PostFail> {
        let text = body.trim();
        if text.is_empty() || text.chars().count() > posts::MAX_TEXT {
            return Err(PostFail::Rule(PostError::Text));
        }
        if self.conversation(interest, user).await?.is_none() {
            return Err(StoreError::NotFound("conversation").into());
        }
        let mut tx = self.write_tx().await?;
        sqlx::query("INSERT INTO post_messages (interest_id, sender_id, body, created_at) VALUES ($1, $2, $3, $4)")
            .bind(interest)
            .bind(user)
            .bind(text)
            .bind(now_millis())
            .execute(&mut *tx)
            .await?;
        audit(
            &mut tx,
            user,
            &format!("conversation/{interest}"),
            "message",
            json!({"length": text.chars().count()}),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
