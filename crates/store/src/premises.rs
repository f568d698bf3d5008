//! Premises listings kept by their owners: created, edited and ended (each audited), and their photos —
//! stored re-encoded, each with an alternative text in both languages, at most [`MAX_PHOTOS`] per listing.

use crate::catalogue::{audit, id_by_slug, tag_ids, write_premises};
use crate::rows::get;
use crate::{Store, StoreError, WriteError, now_millis};
use domain::catalogue::Premises;
use domain::collate::sort_key;
use domain::{Lang, LangText, Slug};
use serde_json::{Value, json};

/// The most photos a listing has.
pub const MAX_PHOTOS: i64 = 8;

/// What refuses a change to a listing besides the store.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PremisesRule {
    /// The listing has its [`MAX_PHOTOS`] photos.
    #[error("the listing has its photos already")]
    TooManyPhotos,
}

/// A listing write refused by its rules or failed in the store.
pub type PremisesError = WriteError<PremisesRule>;

fn premises_json(p: &Premises) -> Value {
    serde_json::to_value(p).unwrap_or(Value::Null)
}

impl Store {
    /// Creates a listing (`existing` None) or saves one, audited with what it was before.
    pub async fn save_premises(
        &self,
        user: Option<i64>,
        existing: Option<&Slug>,
        p: &Premises,
    ) -> Result<(), StoreError> {
        // The before of the audit entry, read just before the write (a listing has one owner's people editing).
        let before = match existing {
            Some(s) => Some(
                self.premises_one(s)
                    .await?
                    .ok_or(StoreError::NotFound("premises"))?,
            ),
            None => None,
        };
        let mut tx = self.write_tx().await?;
        let now = now_millis();
        match existing {
            None => {
                write_premises(&mut tx, p, now).await?;
            }
            Some(s) => {
                let id = id_by_slug(&mut tx, "premises", s)
                    .await?
                    .ok_or(StoreError::NotFound("premises"))?;
                let campus = id_by_slug(&mut tx, "campuses", &p.campus)
                    .await?
                    .ok_or(StoreError::UnknownReference("campus"))?;
                sqlx::query(
                    "UPDATE premises SET campus_id = $1, usage = $2, name_sv = $3, name_en = $4, sort_sv = $5, \
                     sort_en = $6, description_sv = $7, description_en = $8, area_m2 = $9, available_from = $10, \
                     contact = $11, safety_level = $12, rent_per_m2 = $13, updated_at = $14 WHERE id = $15",
                )
                .bind(campus)
                .bind(p.usage.as_str())
                .bind(&p.name.sv)
                .bind(&p.name.en)
                .bind(sort_key(Lang::Sv, &p.name.sv))
                .bind(sort_key(Lang::En, &p.name.en))
                .bind(&p.description.sv)
                .bind(&p.description.en)
                .bind(p.area_m2.map(i64::from))
                .bind(p.available_from.map(|d| d.to_string()))
                .bind(p.contact.as_ref().map(|c| c.as_str().to_owned()))
                .bind(p.safety_level.map(i64::from))
                .bind(p.rent_per_m2.map(i64::from))
                .bind(now)
                .bind(id)
                .execute(&mut *tx)
                .await?;
                sqlx::query("DELETE FROM premises_tags WHERE premises_id = $1")
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                for t in tag_ids(&mut tx, &p.tags).await? {
                    sqlx::query("INSERT INTO premises_tags (premises_id, tag_id) VALUES ($1, $2)")
                        .bind(id)
                        .bind(t)
                        .execute(&mut *tx)
                        .await?;
                }
            }
        }
        audit(
            &mut tx,
            user,
            "premises",
            p.slug.as_str(),
            if existing.is_some() {
                "update"
            } else {
                "create"
            },
            &before
                .as_ref()
                .map_or(Value::Null, |b| premises_json(&b.premises)),
            &premises_json(p),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Ends a listing: it leaves the catalogue and search (its requests keep it). Ending twice changes nothing.
    pub async fn end_premises(&self, user: Option<i64>, slug: &Slug) -> Result<(), StoreError> {
        let mut tx = self.write_tx().await?;
        let now = now_millis();
        let done = sqlx::query(
            "UPDATE premises SET ended_at = $1, updated_at = $1 WHERE slug = $2 AND ended_at IS NULL",
        )
        .bind(now)
        .bind(slug.as_str())
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 1 {
            audit(
                &mut tx,
                user,
                "premises",
                slug.as_str(),
                "end",
                &Value::Null,
                &json!({"ended_at": now}),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Adds a photo (already checked and re-encoded) with its alternative text; returns its id.
    pub async fn add_premises_photo(
        &self,
        user: Option<i64>,
        slug: &Slug,
        jpeg: &[u8],
        size: (u32, u32),
        alt: &LangText,
    ) -> Result<i64, PremisesError> {
        let mut tx = self.write_tx().await?;
        let pid = id_by_slug(&mut tx, "premises", slug)
            .await?
            .ok_or(StoreError::NotFound("premises"))?;
        let count: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM premises_photos WHERE premises_id = $1")
                .bind(pid)
                .fetch_one(&mut *tx)
                .await?;
        if count >= MAX_PHOTOS {
            return Err(WriteError::Rule(PremisesRule::TooManyPhotos));
        }
        let now = now_millis();
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO premises_photos (premises_id, position, alt_sv, alt_en, width, height, content, \
             created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(pid)
        .bind(count)
        .bind(&alt.sv)
        .bind(&alt.en)
        .bind(i64::from(size.0))
        .bind(i64::from(size.1))
        .bind(jpeg)
        .bind(user)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        audit(
            &mut tx,
            user,
            "premises",
            slug.as_str(),
            "add_photo",
            &Value::Null,
            &json!({"photo": id, "alt": {"sv": alt.sv, "en": alt.en}, "width": size.0, "height": size.1}),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Removes a photo of the listing.
    pub async fn remove_premises_photo(
        &self,
        user: Option<i64>,
        slug: &Slug,
        photo: i64,
    ) -> Result<(), StoreError> {
        let mut tx = self.write_tx().await?;
        let done = sqlx::query(
            "DELETE FROM premises_photos WHERE id = $1 AND premises_id = (SELECT id FROM premises WHERE slug = $2)",
        )
        .bind(photo)
        .bind(slug.as_str())
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            return Err(StoreError::NotFound("photo"));
        }
        audit(
            &mut tx,
            user,
            "premises",
            slug.as_str(),
            "remove_photo",
            &json!({"photo": photo}),
            &Value::Null,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// A photo's JPEG bytes.
    pub async fn premises_photo(&self, id: i64) -> Result<Option<Vec<u8>>, StoreError> {
        let row = sqlx::query("SELECT content FROM premises_photos WHERE id = $1")
            .bind(id)
            .fetch_optional(self.pool())
            .await?;
        row.map(|r| get::<Vec<u8>>(&r, "content")).transpose()
    }
}
