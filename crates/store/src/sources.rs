//! The catalogue of health-data sources: seeding the built-in catalogue into a database that has none, and reading
//! it with each holder's name.

use crate::audit::{AuditRecord, record};
use crate::rows::{get, lang_text, opt_text, opt_year, slug};
use crate::{Store, StoreError, now_millis};
use domain::audit::Change;
use domain::sources::{Access, EngineData, Frequency, HealthSource};
use domain::{LangText, Slug, WebUrl};
use sqlx::any::AnyRow;

/// A source as stored, with its holder's name.
#[derive(Debug, Clone)]
pub struct SourceRow {
    /// The source.
    pub source: HealthSource,
    /// The holder's name.
    pub holder_name: LangText,
    /// Last change (Unix ms).
    pub updated_at: i64,
}

fn corrupt(what: &str, value: &str) -> StoreError {
    StoreError::Corrupt(format!("unknown {what} {value:?} in health_sources"))
}

/// Both languages of an optional text: none when both are empty.
fn optional(row: &AnyRow, prefix: &str) -> Result<Option<LangText>, StoreError> {
    let t = lang_text(row, prefix)?;
    Ok((!t.sv.is_empty() || !t.en.is_empty()).then_some(t))
}

fn source_row(r: &AnyRow) -> Result<SourceRow, StoreError> {
    let access: String = get(r, "access")?;
    let frequency = opt_text(r, "frequency")?
        .map(|f| Frequency::parse(&f).ok_or_else(|| corrupt("frequency", &f)))
        .transpose()?;
    let engine = opt_text(r, "engine")?
        .map(|e| EngineData::parse(&e).ok_or_else(|| corrupt("engine", &e)))
        .transpose()?;
    let website = opt_text(r, "website")?
        .map(|w| WebUrl::parse(&w).map_err(|_| corrupt("website", &w)))
        .transpose()?;
    Ok(SourceRow {
        source: HealthSource {
            slug: slug(r, "slug")?,
            holder: slug(r, "holder_slug")?,
            title: lang_text(r, "title")?,
            description: lang_text(r, "description")?,
            content: lang_text(r, "content")?,
            population: optional(r, "population")?,
            period_from: opt_year(r, "period_from")?,
            period_to: opt_year(r, "period_to")?,
            frequency,
            legal_basis: optional(r, "legal_basis")?,
            how_to_apply: optional(r, "how_to_apply")?,
            access: Access::parse(&access).ok_or_else(|| corrupt("access", &access))?,
            synthetic: get::<i64>(r, "synthetic")? != 0,
            engine,
            conforms_to: opt_text(r, "conforms_to")?,
            website,
            source: opt_text(r, "source")?,
        },
        holder_name: lang_text(r, "holder_name")?,
        updated_at: get(r, "updated_at")?,
    })
}

const SELECT: &str = "SELECT s.*, a.slug AS holder_slug, a.name_sv AS holder_name_sv, a.name_en AS holder_name_en \
     FROM health_sources s JOIN actors a ON a.id = s.holder_id";

impl Store {
    /// Loads the built-in catalogue into a database that has no source yet; a source whose holder is no longer
    /// in the atlas is left out. Returns how many were written.
    pub async fn seed_health_sources(&self, list: &[HealthSource]) -> Result<usize, StoreError> {
        let mut tx = self.write_tx().await?;
        let have: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM health_sources")
            .fetch_one(&mut *tx)
            .await?;
        if have > 0 {
            return Ok(0);
        }
        let now = now_millis();
        let mut written = 0;
        let empty = LangText::default();
        for s in list {
            let holder: Option<i64> = sqlx::query_scalar("SELECT id FROM actors WHERE slug = $1")
                .bind(s.holder.as_str())
                .fetch_optional(&mut *tx)
                .await?;
            let Some(holder) = holder else {
                continue;
            };
            let population = s.population.as_ref().unwrap_or(&empty);
            let legal = s.legal_basis.as_ref().unwrap_or(&empty);
            let apply = s.how_to_apply.as_ref().unwrap_or(&empty);
            sqlx::query(
                "INSERT INTO health_sources (slug, holder_id, title_sv, title_en, description_sv, description_en, \
                 content_sv, content_en, population_sv, population_en, period_from, period_to, frequency, \
                 legal_basis_sv, legal_basis_en, how_to_apply_sv, how_to_apply_en, access, synthetic, engine, \
                 conforms_to, website, source, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, \
                 $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24)",
            )
            .bind(s.slug.as_str())
            .bind(holder)
            .bind(&s.title.sv)
            .bind(&s.title.en)
            .bind(&s.description.sv)
            .bind(&s.description.en)
            .bind(&s.content.sv)
            .bind(&s.content.en)
            .bind(&population.sv)
            .bind(&population.en)
            .bind(s.period_from.map(i64::from))
            .bind(s.period_to.map(i64::from))
            .bind(s.frequency.map(Frequency::as_str))
            .bind(&legal.sv)
            .bind(&legal.en)
            .bind(&apply.sv)
            .bind(&apply.en)
            .bind(s.access.as_str())
            .bind(i64::from(s.synthetic))
            .bind(s.engine.map(EngineData::as_str))
            .bind(s.conforms_to.as_deref())
            .bind(s.website.as_ref().map(WebUrl::as_str))
            .bind(s.source.as_deref())
            .bind(now)
            .execute(&mut *tx)
            .await?;
            written += 1;
        }
        if written > 0 {
            record(
                &mut tx,
                AuditRecord {
                    user_id: None,
                    object_type: "health_sources",
                    object_key: "built-in",
                    action: "seed",
                    changes: &[Change {
                        path: String::new(),
                        before: serde_json::Value::Null,
                        after: serde_json::json!({ "health_sources": written }),
                    }],
                    personal: &[],
                },
            )
            .await?;
        }
        tx.commit().await?;
        Ok(written)
    }

    /// Every health-data source, by Swedish title.
    pub async fn health_sources(&self) -> Result<Vec<SourceRow>, StoreError> {
        let rows = sqlx::query(&format!("{SELECT} ORDER BY s.title_sv"))
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(source_row).collect()
    }

    /// One source.
    pub async fn health_source(&self, source: &Slug) -> Result<Option<SourceRow>, StoreError> {
        let row = sqlx::query(&format!("{SELECT} WHERE s.slug = $1"))
            .bind(source.as_str())
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(source_row).transpose()
    }
}
