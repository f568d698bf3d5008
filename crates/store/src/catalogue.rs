//! The catalogue of the way in: services of infrastructures, premises, and the checklist rule templates with
//! their documents. Seeding, reading, and the audited writes of managers and admins.

use crate::audit::record_save;
use crate::rows::{Arg, Sql, get, lang_text, opt_text, slug, unique_as};
use crate::{Store, StoreError, now_millis};
use domain::access::{ChecklistTemplate, OwnerClass, Party, Stage};
use domain::catalogue::{
    Catalogue, ContactRoute, Offer, Premises, PremisesUse, PriceRange, PricingModel, Service,
    ServiceCategory, ServiceKind, TemplateDocument, Terms, TrlRange,
};
use domain::collate::sort_key;
use domain::strategy::Currency;
use domain::{IsoDate, Lang, LangText, OwnershipForm, Slug, WebUrl};
use serde_json::{Value, json};
use sqlx::AnyConnection;
use sqlx::any::AnyRow;

/// A service with the infrastructure that offers it.
#[derive(Debug, Clone)]
pub struct ServiceRow {
    /// The service.
    pub service: Service,
    /// The infrastructure's name.
    pub infrastructure_name: LangText,
    /// The infrastructure's ownership form, which decides the legal path.
    pub ownership: Option<OwnershipForm>,
    /// The campuses the infrastructure is on.
    pub campuses: Vec<Slug>,
    /// When its manager last saved it or said it is current (Unix ms).
    pub reviewed_at: i64,
}

/// A service not reviewed for this long is flagged to its manager (365 days).
pub const STALE_AFTER_MS: i64 = 365 * 86_400_000;

impl ServiceRow {
    /// Whether the service has not been reviewed for a year at `now`.
    pub fn is_stale(&self, now: i64) -> bool {
        now - self.reviewed_at > STALE_AFTER_MS
    }
}

/// An infrastructure (or another actor that offers services) with its service count.
#[derive(Debug, Clone)]
pub struct ProviderSummary {
    /// Slug.
    pub slug: Slug,
    /// Name.
    pub name: LangText,
    /// Description.
    pub description: LangText,
    /// Ownership form.
    pub ownership: Option<OwnershipForm>,
    /// Campuses.
    pub campuses: Vec<Slug>,
    /// Its services, by name.
    pub services: Vec<(Slug, LangText)>,
}

/// Filters of the catalogue.
#[derive(Debug, Clone, Default)]
pub struct CatalogueFilter {
    /// Only services of this category.
    pub category: Option<ServiceCategory>,
    /// Only infrastructures on this campus.
    pub campus: Option<Slug>,
    /// Only infrastructures with this ownership form.
    pub ownership: Option<OwnershipForm>,
    /// Only services that welcome small companies.
    pub sme_only: bool,
    /// The terms a company sets: price model, lead time, readiness level, price.
    pub terms: Terms,
}

impl CatalogueFilter {
    /// Whether a filter on the services themselves is set (an infrastructure without a matching service then
    /// drops out of the list).
    pub fn on_services(&self) -> bool {
        self.category.is_some() || self.sme_only || !self.terms.is_empty()
    }
}

/// Premises with their owner's name.
#[derive(Debug, Clone)]
pub struct PremisesRow {
    /// The premises.
    pub premises: Premises,
    /// The owner's name.
    pub owner_name: LangText,
    /// The campus's name.
    pub campus_name: LangText,
    /// Its photos, in order.
    pub photos: Vec<PhotoMeta>,
    /// When the owner ended the listing (Unix ms); an ended listing is out of the catalogue and search.
    pub ended_at: Option<i64>,
}

/// A photo of premises (not its content).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoMeta {
    /// Id (its address is `/premises/photos/{id}`).
    pub id: i64,
    /// The alternative text in both languages.
    pub alt: LangText,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

/// A checklist template as stored, with whether it is retired (no longer given to new requests).
#[derive(Debug, Clone)]
pub struct StoredTemplate {
    /// The template.
    pub template: ChecklistTemplate,
    /// Retired templates stay on the requests that already have them.
    pub retired: bool,
}

pub(crate) fn corrupt(what: &str, value: &str) -> StoreError {
    StoreError::Corrupt(format!("{what} {value:?}"))
}

fn opt_lang_text(row: &AnyRow, prefix: &str) -> Result<Option<LangText>, StoreError> {
    let sv = opt_text(row, &format!("{prefix}_sv"))?;
    let en = opt_text(row, &format!("{prefix}_en"))?;
    Ok(match (sv, en) {
        (None, None) => None,
        (sv, en) => Some(LangText::new(
            sv.unwrap_or_default(),
            en.unwrap_or_default(),
        )),
    })
}

fn contact_of(row: &AnyRow) -> Result<Option<ContactRoute>, StoreError> {
    opt_text(row, "contact")?
        .map(|c| ContactRoute::parse(&c).map_err(|_| corrupt("contact", &c)))
        .transpose()
}

fn ownership_of(row: &AnyRow, column: &str) -> Result<Option<OwnershipForm>, StoreError> {
    opt_text(row, column)?
        .map(|o| OwnershipForm::parse(&o).ok_or_else(|| corrupt("ownership", &o)))
        .transpose()
}

/// The service query; tag and campus lists are read in separate queries (`attach_service_lists`) so the select
/// stays portable between the two databases.
fn service_select() -> String {
    "SELECT s.*, a.slug AS infra_slug, a.name_sv AS infra_name_sv, a.name_en AS infra_name_en, \
     a.ownership AS infra_ownership FROM services s JOIN actors a ON a.id = s.infrastructure_id"
        .to_owned()
}

fn service_from_row(row: &AnyRow) -> Result<ServiceRow, StoreError> {
    let kind: String = get(row, "kind")?;
    let category: String = get(row, "category")?;
    let pricing = opt_text(row, "pricing")?
        .map(|p| PricingModel::parse(&p).ok_or_else(|| corrupt("pricing", &p)))
        .transpose()?;
    Ok(ServiceRow {
        service: Service {
            slug: slug(row, "slug")?,
            infrastructure: slug(row, "infra_slug")?,
            kind: ServiceKind::parse(&kind).ok_or_else(|| corrupt("kind", &kind))?,
            category: ServiceCategory::parse(&category)
                .ok_or_else(|| corrupt("category", &category))?,
            name: lang_text(row, "name")?,
            description: lang_text(row, "description")?,
            access: lang_text(row, "access")?,
            pricing,
            lead_time: opt_lang_text(row, "lead_time")?,
            capacity: opt_lang_text(row, "capacity")?,
            contact: contact_of(row)?,
            sme_welcome: get::<i64>(row, "sme_welcome")? != 0,
            tags: Vec::new(),
            offer: offer_of(row)?,
        },
        reviewed_at: get::<Option<i64>>(row, "reviewed_at")?.unwrap_or(0),
        infrastructure_name: lang_text(row, "infra_name")?,
        ownership: ownership_of(row, "infra_ownership")?,
        campuses: Vec::new(),
    })
}

/// What a company decides on, from a service row.
fn offer_of(row: &AnyRow) -> Result<Offer, StoreError> {
    let small = |column: &str| -> Result<Option<u8>, StoreError> {
        Ok(get::<Option<i64>>(row, column)?.and_then(|v| u8::try_from(v).ok()))
    };
    let price = match (
        get::<Option<i64>>(row, "price_low")?,
        get::<Option<i64>>(row, "price_high")?,
    ) {
        (Some(low), Some(high)) => {
            let currency = opt_text(row, "price_currency")?.unwrap_or_else(|| "SEK".into());
            let currency =
                Currency::parse(&currency).ok_or_else(|| corrupt("currency", &currency))?;
            PriceRange::new(
                u64::try_from(low).unwrap_or(0),
                u64::try_from(high).unwrap_or(0),
                currency,
            )
        }
        _ => None,
    };
    let trl = match (small("trl_low")?, small("trl_high")?) {
        (Some(low), Some(high)) => TrlRange::new(low, high),
        _ => None,
    };
    Ok(Offer {
        price,
        lead_time_weeks: get::<Option<i64>>(row, "lead_time_weeks")?
            .and_then(|w| u16::try_from(w).ok()),
        trl,
        equipment: opt_lang_text(row, "equipment")?,
        documents: opt_lang_text(row, "documents")?,
    })
}

/// Writes a service's offer, and marks it reviewed now (saving a service is seeing that it is current).
async fn write_offer(
    conn: &mut AnyConnection,
    id: i64,
    o: &Offer,
    now: i64,
) -> Result<(), StoreError> {
    let text = |t: &Option<LangText>, sv: bool| {
        t.as_ref()
            .map(|t| if sv { t.sv.clone() } else { t.en.clone() })
    };
    sqlx::query(
        "UPDATE services SET price_low = $1, price_high = $2, price_currency = $3, lead_time_weeks = $4, \
         trl_low = $5, trl_high = $6, equipment_sv = $7, equipment_en = $8, documents_sv = $9, \
         documents_en = $10, reviewed_at = $11 WHERE id = $12",
    )
    .bind(o.price.map(|p| i64::try_from(p.low).unwrap_or(i64::MAX)))
    .bind(o.price.map(|p| i64::try_from(p.high).unwrap_or(i64::MAX)))
    .bind(o.price.map(|p| p.currency.as_str().to_owned()))
    .bind(o.lead_time_weeks.map(i64::from))
    .bind(o.trl.map(|t| i64::from(t.low())))
    .bind(o.trl.map(|t| i64::from(t.high())))
    .bind(text(&o.equipment, true))
    .bind(text(&o.equipment, false))
    .bind(text(&o.documents, true))
    .bind(text(&o.documents, false))
    .bind(now)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub(crate) async fn id_by_slug(
    conn: &mut AnyConnection,
    table: &str,
    slug: &Slug,
) -> Result<Option<i64>, StoreError> {
    Ok(
        sqlx::query_scalar(&format!("SELECT id FROM {table} WHERE slug = $1"))
            .bind(slug.as_str())
            .fetch_optional(&mut *conn)
            .await?,
    )
}

pub(crate) async fn tag_ids(
    conn: &mut AnyConnection,
    tags: &[Slug],
) -> Result<Vec<i64>, StoreError> {
    let mut ids = Vec::new();
    for t in tags {
        ids.push(
            id_by_slug(conn, "tags", t)
                .await?
                .ok_or(StoreError::UnknownReference("tags"))?,
        );
    }
    Ok(ids)
}

fn service_json(s: &Service) -> Value {
    serde_json::to_value(s).unwrap_or(Value::Null)
}

async fn write_service(
    conn: &mut AnyConnection,
    existing: Option<i64>,
    s: &Service,
    now: i64,
) -> Result<i64, StoreError> {
    let infra = id_by_slug(conn, "actors", &s.infrastructure)
        .await?
        .ok_or(StoreError::NotFound("infrastructure"))?;
    let lt = s.lead_time.as_ref();
    let cap = s.capacity.as_ref();
    let q = match existing {
        None => sqlx::query_scalar(
            "INSERT INTO services (slug, infrastructure_id, kind, category, name_sv, name_en, sort_sv, sort_en, \
             description_sv, description_en, access_sv, access_en, pricing, lead_time_sv, lead_time_en, \
             capacity_sv, capacity_en, contact, sme_welcome, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $20) \
             RETURNING id",
        ),
        Some(_) => sqlx::query_scalar(
            "UPDATE services SET slug = $1, infrastructure_id = $2, kind = $3, category = $4, name_sv = $5, \
             name_en = $6, sort_sv = $7, sort_en = $8, description_sv = $9, description_en = $10, access_sv = $11, \
             access_en = $12, pricing = $13, lead_time_sv = $14, lead_time_en = $15, capacity_sv = $16, \
             capacity_en = $17, contact = $18, sme_welcome = $19, updated_at = $20 WHERE id = $21 RETURNING id",
        ),
    };
    let q = q
        .bind(s.slug.as_str())
        .bind(infra)
        .bind(s.kind.as_str())
        .bind(s.category.as_str())
        .bind(&s.name.sv)
        .bind(&s.name.en)
        .bind(sort_key(Lang::Sv, &s.name.sv))
        .bind(sort_key(Lang::En, &s.name.en))
        .bind(&s.description.sv)
        .bind(&s.description.en)
        .bind(&s.access.sv)
        .bind(&s.access.en)
        .bind(s.pricing.map(PricingModel::as_str))
        .bind(lt.map(|t| t.sv.clone()))
        .bind(lt.map(|t| t.en.clone()))
        .bind(cap.map(|t| t.sv.clone()))
        .bind(cap.map(|t| t.en.clone()))
        .bind(s.contact.as_ref().map(|c| c.as_str().to_owned()))
        .bind(i64::from(s.sme_welcome))
        .bind(now);
    let q = match existing {
        Some(id) => q.bind(id),
        None => q,
    };
    let id: i64 = q.fetch_one(&mut *conn).await.map_err(unique_as("slug"))?;
    write_offer(conn, id, &s.offer, now).await?;
    sqlx::query("DELETE FROM service_tags WHERE service_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    for t in tag_ids(conn, &s.tags).await? {
        sqlx::query("INSERT INTO service_tags (service_id, tag_id) VALUES ($1, $2)")
            .bind(id)
            .bind(t)
            .execute(&mut *conn)
            .await?;
    }
    Ok(id)
}

pub(crate) async fn write_premises(
    conn: &mut AnyConnection,
    p: &Premises,
    now: i64,
) -> Result<i64, StoreError> {
    let owner = id_by_slug(conn, "actors", &p.owner)
        .await?
        .ok_or(StoreError::UnknownReference("owner"))?;
    let campus = id_by_slug(conn, "campuses", &p.campus)
        .await?
        .ok_or(StoreError::UnknownReference("campus"))?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO premises (slug, owner_id, campus_id, usage, name_sv, name_en, sort_sv, sort_en, description_sv, \
         description_en, area_m2, available_from, contact, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14) RETURNING id",
    )
    .bind(p.slug.as_str())
    .bind(owner)
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
    .bind(now)
    .fetch_one(&mut *conn)
    .await
    .map_err(unique_as("slug"))?;
    for t in tag_ids(conn, &p.tags).await? {
        sqlx::query("INSERT INTO premises_tags (premises_id, tag_id) VALUES ($1, $2)")
            .bind(id)
            .bind(t)
            .execute(&mut *conn)
            .await?;
    }
    sqlx::query("UPDATE premises SET safety_level = $1, rent_per_m2 = $2 WHERE id = $3")
        .bind(p.safety_level.map(i64::from))
        .bind(p.rent_per_m2.map(i64::from))
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(id)
}

fn owners_text(owners: &[OwnerClass]) -> String {
    owners
        .iter()
        .map(|o| o.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

async fn write_template(
    conn: &mut AnyConnection,
    t: &ChecklistTemplate,
    position: i64,
    retired: bool,
    now: i64,
    update: bool,
) -> Result<(), StoreError> {
    let sql = if update {
        "UPDATE checklist_templates SET stage = $2, owners = $3, party = $4, required = $5, title_sv = $6, \
         title_en = $7, guidance_sv = $8, guidance_en = $9, source = $10, source_url = $11, reviewed = $12, \
         document = $13, retired = $14, updated_at = $15 WHERE key = $1"
    } else {
        "INSERT INTO checklist_templates (key, stage, owners, party, required, title_sv, title_en, guidance_sv, \
         guidance_en, source, source_url, reviewed, document, retired, updated_at, position) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)"
    };
    let mut q = sqlx::query(sql)
        .bind(t.key.as_str())
        .bind(t.stage.as_str())
        .bind(owners_text(&t.owners))
        .bind(t.party.as_str())
        .bind(i64::from(t.required))
        .bind(&t.title.sv)
        .bind(&t.title.en)
        .bind(&t.guidance.sv)
        .bind(&t.guidance.en)
        .bind(&t.source)
        .bind(t.source_url.as_ref().map(|u| u.as_str().to_owned()))
        .bind(t.reviewed.to_string())
        .bind(t.document.as_ref().map(|d| d.as_str().to_owned()))
        .bind(i64::from(retired))
        .bind(now);
    if !update {
        q = q.bind(position);
    }
    let res = q.execute(&mut *conn).await.map_err(unique_as("key"))?;
    if res.rows_affected() == 0 {
        return Err(StoreError::NotFound("checklist item"));
    }
    Ok(())
}

pub(crate) fn template_from_row(row: &AnyRow) -> Result<StoredTemplate, StoreError> {
    let stage: String = get(row, "stage")?;
    let party: String = get(row, "party")?;
    let reviewed: String = get(row, "reviewed")?;
    let owners: String = get(row, "owners")?;
    Ok(StoredTemplate {
        template: ChecklistTemplate {
            key: slug(row, "key")?,
            stage: Stage::parse(&stage).ok_or_else(|| corrupt("stage", &stage))?,
            owners: owners
                .split(',')
                .filter(|s| !s.is_empty())
                .map(|o| OwnerClass::parse(o).ok_or_else(|| corrupt("owner", o)))
                .collect::<Result<_, _>>()?,
            party: Party::parse(&party).ok_or_else(|| corrupt("party", &party))?,
            required: get::<i64>(row, "required")? != 0,
            title: lang_text(row, "title")?,
            guidance: lang_text(row, "guidance")?,
            source: get(row, "source")?,
            source_url: opt_text(row, "source_url")?
                .map(|u| WebUrl::parse(&u).map_err(|_| corrupt("url", &u)))
                .transpose()?,
            reviewed: IsoDate::parse(&reviewed).map_err(|_| corrupt("date", &reviewed))?,
            document: opt_text(row, "document")?
                .map(|d| Slug::parse(&d).map_err(|_| corrupt("document", &d)))
                .transpose()?,
        },
        retired: get::<i64>(row, "retired")? != 0,
    })
}

pub(crate) async fn audit(
    conn: &mut AnyConnection,
    user: Option<i64>,
    object_type: &str,
    key: &str,
    action: &str,
    before: &Value,
    after: &Value,
) -> Result<(), StoreError> {
    record_save(conn, user, object_type, key, action, Some(before), after).await
}

impl Store {
    /// Writes the built-in catalogue into a database that has none yet (a new one, or one made before the
    /// catalogue existed), in one transaction, audited as seeding. A database that already has services or
    /// checklist items is left alone, so what managers and admins changed is never overwritten. Services and
    /// premises whose actors are missing (a database with its own data) are skipped. Returns how many services,
    /// premises and checklist items were written.
    pub async fn seed_catalogue(
        &self,
        catalogue: &Catalogue,
    ) -> Result<(usize, usize, usize), StoreError> {
        let mut tx = self.write_tx().await?;
        let existing: i64 = sqlx::query_scalar(
            "SELECT (SELECT COUNT(*) FROM services) + (SELECT COUNT(*) FROM checklist_templates)",
        )
        .fetch_one(&mut *tx)
        .await?;
        if existing > 0 {
            return Ok((0, 0, 0));
        }
        let now = now_millis();
        for d in &catalogue.documents {
            let exists: Option<String> =
                sqlx::query_scalar("SELECT name FROM template_documents WHERE name = $1")
                    .bind(d.name.as_str())
                    .fetch_optional(&mut *tx)
                    .await?;
            if exists.is_none() {
                sqlx::query(
                    "INSERT INTO template_documents (name, body_sv, body_en, updated_at) VALUES ($1, $2, $3, $4)",
                )
                .bind(d.name.as_str())
                .bind(&d.body.sv)
                .bind(&d.body.en)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            }
        }
        let mut written = (0, 0, 0);
        for (i, t) in catalogue.checklist.iter().enumerate() {
            let exists: Option<i64> =
                sqlx::query_scalar("SELECT id FROM checklist_templates WHERE key = $1")
                    .bind(t.key.as_str())
                    .fetch_optional(&mut *tx)
                    .await?;
            if exists.is_none() {
                let pos = i64::try_from(i).unwrap_or(i64::MAX);
                write_template(&mut tx, t, pos, false, now, false).await?;
                written.2 += 1;
            }
        }
        for s in &catalogue.services {
            if id_by_slug(&mut tx, "services", &s.slug).await?.is_some()
                || id_by_slug(&mut tx, "actors", &s.infrastructure)
                    .await?
                    .is_none()
            {
                continue;
            }
            write_service(&mut tx, None, s, now).await?;
            written.0 += 1;
        }
        for p in &catalogue.premises {
            if id_by_slug(&mut tx, "premises", &p.slug).await?.is_some()
                || id_by_slug(&mut tx, "actors", &p.owner).await?.is_none()
                || id_by_slug(&mut tx, "campuses", &p.campus).await?.is_none()
            {
                continue;
            }
            write_premises(&mut tx, p, now).await?;
            written.1 += 1;
        }
        if written != (0, 0, 0) {
            audit(
                &mut tx,
                None,
                "catalogue",
                "built-in",
                "seed",
                &Value::Null,
                &json!({"services": written.0, "premises": written.1, "checklist_items": written.2}),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(written)
    }

    async fn attach_service_lists(&self, views: &mut [ServiceRow]) -> Result<(), StoreError> {
        let mut conn = self.pool().acquire().await?;
        attach_service_lists(&mut conn, views).await
    }

    /// Every service that passes `filter`, ordered by infrastructure and name in `lang`.
    pub async fn services(
        &self,
        filter: &CatalogueFilter,
        lang: Lang,
    ) -> Result<Vec<ServiceRow>, StoreError> {
        let mut sql = Sql::new(&service_select());
        sql.push(" WHERE 1 = 1");
        if let Some(c) = filter.category {
            sql.push(" AND s.category = ")
                .bind(Arg::Text(c.as_str().into()));
        }
        if let Some(o) = filter.ownership {
            sql.push(" AND a.ownership = ")
                .bind(Arg::Text(o.as_str().into()));
        }
        if filter.sme_only {
            sql.push(" AND s.sme_welcome = 1");
        }
        if let Some(p) = filter.terms.pricing {
            sql.push(" AND s.pricing = ")
                .bind(Arg::Text(p.as_str().into()));
        }
        if let Some(w) = filter.terms.max_lead_weeks {
            sql.push(" AND s.lead_time_weeks <= ")
                .bind(Arg::Int(i64::from(w)));
        }
        if let Some(max) = filter.terms.max_price_sek {
            sql.push(" AND s.price_currency = 'SEK' AND s.price_low <= ")
                .bind(Arg::Int(i64::try_from(max).unwrap_or(i64::MAX)));
        }
        // The same rule as `Terms::unmet`.
        if let Some(level) = filter.terms.trl {
            sql.push(" AND s.trl_low <= ")
                .bind(Arg::Int(i64::from(level)))
                .push(" AND s.trl_high >= ")
                .bind(Arg::Int(i64::from(level)));
        }
        if let Some(c) = &filter.campus {
            sql.push(
                " AND a.id IN (SELECT ac.actor_id FROM actor_campuses ac JOIN campuses c ON c.id = ac.campus_id \
                 WHERE c.slug = ",
            )
            .bind(Arg::Text(c.as_str().into()))
            .push(")");
        }
        let col = match lang {
            Lang::Sv => "sort_sv",
            Lang::En => "sort_en",
        };
        sql.push(&format!(" ORDER BY a.{col}, s.{col}, s.slug"));
        let rows = sql.query().fetch_all(self.pool()).await?;
        let mut views = rows
            .iter()
            .map(service_from_row)
            .collect::<Result<Vec<_>, _>>()?;
        self.attach_service_lists(&mut views).await?;
        Ok(views)
    }

    /// One service.
    pub async fn service(&self, slug: &Slug) -> Result<Option<ServiceRow>, StoreError> {
        let row = sqlx::query(&format!("{} WHERE s.slug = $1", service_select()))
            .bind(slug.as_str())
            .fetch_optional(self.pool())
            .await?;
        let Some(row) = row else { return Ok(None) };
        let mut views = vec![service_from_row(&row)?];
        self.attach_service_lists(&mut views).await?;
        Ok(views.pop())
    }

    /// Infrastructures (actors of kind infrastructure, and any actor that offers services) grouped with their
    /// services, for the catalogue page; `filter` applies to the services, and infrastructures without a matching
    /// service are left out when a service filter is set.
    pub async fn providers(
        &self,
        filter: &CatalogueFilter,
        lang: Lang,
    ) -> Result<Vec<ProviderSummary>, StoreError> {
        let services = self.services(filter, lang).await?;
        let service_filter = filter.on_services();
        let col = match lang {
            Lang::Sv => "sort_sv",
            Lang::En => "sort_en",
        };
        let mut sql = Sql::new(
            "SELECT a.slug, a.name_sv, a.name_en, a.description_sv, a.description_en, a.ownership FROM actors a \
             WHERE (a.kind = 'infrastructure' OR a.id IN (SELECT infrastructure_id FROM services))",
        );
        if let Some(o) = filter.ownership {
            sql.push(" AND a.ownership = ")
                .bind(Arg::Text(o.as_str().into()));
        }
        if let Some(c) = &filter.campus {
            sql.push(
                " AND a.id IN (SELECT ac.actor_id FROM actor_campuses ac JOIN campuses c ON c.id = ac.campus_id \
                 WHERE c.slug = ",
            )
            .bind(Arg::Text(c.as_str().into()))
            .push(")");
        }
        sql.push(&format!(" ORDER BY a.{col}, a.slug"));
        let rows = sql.query().fetch_all(self.pool()).await?;
        let campus_rows = sqlx::query(
            "SELECT a.slug AS actor, c.slug AS campus FROM actor_campuses ac JOIN actors a ON a.id = ac.actor_id \
             JOIN campuses c ON c.id = ac.campus_id ORDER BY c.slug",
        )
        .fetch_all(self.pool())
        .await?;
        let mut out = Vec::new();
        for row in &rows {
            let s = slug(row, "slug")?;
            let own: Vec<(Slug, LangText)> = services
                .iter()
                .filter(|v| v.service.infrastructure == s)
                .map(|v| (v.service.slug.clone(), v.service.name.clone()))
                .collect();
            if service_filter && own.is_empty() {
                continue;
            }
            let mut campuses = Vec::new();
            for r in &campus_rows {
                if get::<String>(r, "actor")? == s.as_str() {
                    campuses.push(slug(r, "campus")?);
                }
            }
            out.push(ProviderSummary {
                name: lang_text(row, "name")?,
                description: lang_text(row, "description")?,
                ownership: ownership_of(row, "ownership")?,
                campuses,
                services: own,
                slug: s,
            });
        }
        Ok(out)
    }

    /// Creates (`existing = None`) or updates a service, audited with its before -> after.
    pub async fn save_service(
        &self,
        user: Option<i64>,
        existing: Option<&Slug>,
        service: &Service,
    ) -> Result<(), StoreError> {
        let mut tx = self.write_tx().await?;
        // The "before" of the audit entry is read inside the write's transaction.
        let before = match existing {
            Some(s) => Some(
                service_in(&mut tx, s)
                    .await?
                    .ok_or(StoreError::NotFound("service"))?,
            ),
            None => None,
        };
        let id = match existing {
            Some(s) => Some(
                id_by_slug(&mut tx, "services", s)
                    .await?
                    .ok_or(StoreError::NotFound("service"))?,
            ),
            None => None,
        };
        write_service(&mut tx, id, service, now_millis()).await?;
        let before_json = before
            .as_ref()
            .map_or(Value::Null, |b| service_json(&b.service));
        audit(
            &mut tx,
            user,
            "service",
            service.slug.as_str(),
            if id.is_some() { "update" } else { "create" },
            &before_json,
            &service_json(service),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Records that a service's manager saw it is still current (audited as `reviewed`).
    pub async fn mark_service_reviewed(
        &self,
        user: Option<i64>,
        service: &Slug,
    ) -> Result<(), StoreError> {
        let mut tx = self.write_tx().await?;
        let now = now_millis();
        let done = sqlx::query("UPDATE services SET reviewed_at = $1 WHERE slug = $2")
            .bind(now)
            .bind(service.as_str())
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() != 1 {
            return Err(StoreError::NotFound("service"));
        }
        audit(
            &mut tx,
            user,
            "service",
            service.as_str(),
            "reviewed",
            &Value::Null,
            &json!({"reviewed_at": now}),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The services not reviewed for a year at `now`, with their managers' addresses: (service, name, emails).
    pub async fn stale_services(
        &self,
        now: i64,
    ) -> Result<Vec<(Slug, LangText, Vec<String>)>, StoreError> {
        let rows = sqlx::query(
            "SELECT s.slug, s.name_sv, s.name_en, s.infrastructure_id FROM services s \
             WHERE COALESCE(s.reviewed_at, s.updated_at) < $1 ORDER BY s.slug",
        )
        .bind(now - STALE_AFTER_MS)
        .fetch_all(self.pool())
        .await?;
        let mut out = Vec::new();
        let mut conn = self.pool().acquire().await?;
        for r in &rows {
            let infra: i64 = get(r, "infrastructure_id")?;
            let emails = crate::accounts::reachable(&mut conn, "manager", Some(infra)).await?;
            out.push((slug(r, "slug")?, lang_text(r, "name")?, emails));
        }
        Ok(out)
    }

    /// Premises that pass the filters, by name in `lang`; ended listings are left out.
    pub async fn premises_list(
        &self,
        campus: Option<&Slug>,
        usage: Option<PremisesUse>,
        lang: Lang,
    ) -> Result<Vec<PremisesRow>, StoreError> {
        self.premises_where(campus, usage, None, lang).await
    }

    /// One listing by slug, ended or not.
    pub async fn premises_one(&self, slug: &Slug) -> Result<Option<PremisesRow>, StoreError> {
        Ok(self
            .premises_where(None, None, Some(slug), Lang::Sv)
            .await?
            .into_iter()
            .next())
    }

    async fn premises_where(
        &self,
        campus: Option<&Slug>,
        usage: Option<PremisesUse>,
        one: Option<&Slug>,
        lang: Lang,
    ) -> Result<Vec<PremisesRow>, StoreError> {
        let mut sql = Sql::new(
            "SELECT p.*, a.slug AS owner_slug, a.name_sv AS owner_name_sv, a.name_en AS owner_name_en, \
             c.slug AS campus_slug, c.name_sv AS campus_name_sv, c.name_en AS campus_name_en FROM premises p \
             JOIN actors a ON a.id = p.owner_id JOIN campuses c ON c.id = p.campus_id WHERE 1 = 1",
        );
        match one {
            Some(s) => {
                sql.push(" AND p.slug = ")
                    .bind(Arg::Text(s.as_str().into()));
            }
            None => {
                sql.push(" AND p.ended_at IS NULL");
            }
        }
        if let Some(c) = campus {
            sql.push(" AND c.slug = ")
                .bind(Arg::Text(c.as_str().into()));
        }
        if let Some(u) = usage {
            sql.push(" AND p.usage = ")
                .bind(Arg::Text(u.as_str().into()));
        }
        sql.push(match lang {
            Lang::Sv => " ORDER BY p.sort_sv, p.slug",
            Lang::En => " ORDER BY p.sort_en, p.slug",
        });
        let rows = sql.query().fetch_all(self.pool()).await?;
        let tags = sqlx::query(
            "SELECT p.slug AS premises, t.slug AS tag FROM premises_tags pt JOIN premises p ON p.id = pt.premises_id \
             JOIN tags t ON t.id = pt.tag_id ORDER BY t.slug",
        )
        .fetch_all(self.pool())
        .await?;
        // The photos of the listings found, not of every listing.
        let ids: Vec<i64> = rows
            .iter()
            .map(|r| get::<i64>(r, "id"))
            .collect::<Result<_, _>>()?;
        let photo_rows = if ids.is_empty() {
            Vec::new()
        } else {
            let mut photos = Sql::new(
                "SELECT f.id, f.premises_id, f.alt_sv, f.alt_en, f.width, f.height FROM premises_photos f \
                 WHERE f.premises_id IN (",
            );
            photos
                .bind_ints(&ids)
                .push(") ORDER BY f.premises_id, f.position, f.id");
            photos.query().fetch_all(self.pool()).await?
        };
        let mut out = Vec::new();
        for row in &rows {
            let usage: String = get(row, "usage")?;
            let pid: i64 = get(row, "id")?;
            let mut photos = Vec::new();
            for f in &photo_rows {
                if get::<i64>(f, "premises_id")? == pid {
                    photos.push(PhotoMeta {
                        id: get(f, "id")?,
                        alt: lang_text(f, "alt")?,
                        width: u32::try_from(get::<i64>(f, "width")?).unwrap_or(0),
                        height: u32::try_from(get::<i64>(f, "height")?).unwrap_or(0),
                    });
                }
            }
            let from = opt_text(row, "available_from")?
                .map(|d| IsoDate::parse(&d).map_err(|_| corrupt("date", &d)))
                .transpose()?;
            let s = slug(row, "slug")?;
            let mut tag_list = Vec::new();
            for t in &tags {
                if get::<String>(t, "premises")? == s.as_str() {
                    tag_list.push(slug(t, "tag")?);
                }
            }
            out.push(PremisesRow {
                premises: Premises {
                    slug: s,
                    owner: slug(row, "owner_slug")?,
                    campus: slug(row, "campus_slug")?,
                    usage: PremisesUse::parse(&usage).ok_or_else(|| corrupt("use", &usage))?,
                    name: lang_text(row, "name")?,
                    description: lang_text(row, "description")?,
                    area_m2: get::<Option<i64>>(row, "area_m2")?
                        .and_then(|a| u32::try_from(a).ok()),
                    available_from: from,
                    contact: contact_of(row)?,
                    tags: tag_list,
                    safety_level: get::<Option<i64>>(row, "safety_level")?
                        .and_then(|l| u8::try_from(l).ok()),
                    rent_per_m2: get::<Option<i64>>(row, "rent_per_m2")?
                        .and_then(|r| u32::try_from(r).ok()),
                },
                owner_name: lang_text(row, "owner_name")?,
                campus_name: lang_text(row, "campus_name")?,
                photos,
                ended_at: get(row, "ended_at")?,
            });
        }
        Ok(out)
    }

    /// Every checklist template in its order, retired ones included.
    pub async fn checklist_templates(&self) -> Result<Vec<StoredTemplate>, StoreError> {
        let rows = sqlx::query("SELECT * FROM checklist_templates ORDER BY position, id")
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(template_from_row).collect()
    }

    /// Creates a checklist template (at the end) or updates one by key; audited. Requests that already have the
    /// item keep the text they were given.
    pub async fn save_checklist_template(
        &self,
        user: Option<i64>,
        template: &ChecklistTemplate,
        retired: bool,
        create: bool,
    ) -> Result<(), StoreError> {
        let mut tx = self.write_tx().await?;
        // The "before" of the audit entry is read inside the write's transaction.
        let before = sqlx::query("SELECT * FROM checklist_templates WHERE key = $1")
            .bind(template.key.as_str())
            .fetch_optional(&mut *tx)
            .await?
            .map(|r| template_from_row(&r))
            .transpose()?;
        if !create && before.is_none() {
            return Err(StoreError::NotFound("checklist item"));
        }
        let next: i64 =
            sqlx::query_scalar("SELECT COALESCE(MAX(position), 0) + 1 FROM checklist_templates")
                .fetch_one(&mut *tx)
                .await?;
        write_template(&mut tx, template, next, retired, now_millis(), !create).await?;
        let as_json = |t: &ChecklistTemplate, retired: bool| {
            let mut v = serde_json::to_value(t).unwrap_or(Value::Null);
            v["retired"] = json!(retired);
            v
        };
        audit(
            &mut tx,
            user,
            "checklist_template",
            template.key.as_str(),
            if create { "create" } else { "update" },
            &before.map_or(Value::Null, |b| as_json(&b.template, b.retired)),
            &as_json(template, retired),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// A template document by name.
    pub async fn template_document(
        &self,
        name: &Slug,
    ) -> Result<Option<TemplateDocument>, StoreError> {
        let row = sqlx::query("SELECT * FROM template_documents WHERE name = $1")
            .bind(name.as_str())
            .fetch_optional(self.pool())
            .await?;
        row.map(|r| {
            Ok(TemplateDocument {
                name: slug(&r, "name")?,
                body: lang_text(&r, "body")?,
            })
        })
        .transpose()
    }

    /// The names of every template document.
    pub async fn template_document_names(&self) -> Result<Vec<Slug>, StoreError> {
        let rows = sqlx::query("SELECT name FROM template_documents ORDER BY name")
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(|r| slug(r, "name")).collect()
    }
}

/// The lists of each service (its tags, its infrastructure's campuses), read on `conn`.
async fn attach_service_lists(
    conn: &mut AnyConnection,
    views: &mut [ServiceRow],
) -> Result<(), StoreError> {
    let tags = sqlx::query(
        "SELECT s.slug AS service, t.slug AS tag FROM service_tags st JOIN services s ON s.id = st.service_id \
         JOIN tags t ON t.id = st.tag_id ORDER BY t.slug",
    )
    .fetch_all(&mut *conn)
    .await?;
    let campuses = sqlx::query(
        "SELECT a.slug AS actor, c.slug AS campus FROM actor_campuses ac JOIN actors a ON a.id = ac.actor_id \
         JOIN campuses c ON c.id = ac.campus_id WHERE a.id IN (SELECT infrastructure_id FROM services) \
         ORDER BY c.slug",
    )
    .fetch_all(&mut *conn)
    .await?;
    for v in views.iter_mut() {
        for row in &tags {
            if get::<String>(row, "service")? == v.service.slug.as_str() {
                v.service.tags.push(slug(row, "tag")?);
            }
        }
        for row in &campuses {
            if get::<String>(row, "actor")? == v.service.infrastructure.as_str() {
                v.campuses.push(slug(row, "campus")?);
            }
        }
    }
    Ok(())
}

/// The service with `slug`, read on `conn` (inside a save's transaction, for its audit's "before").
async fn service_in(
    conn: &mut AnyConnection,
    slug: &Slug,
) -> Result<Option<ServiceRow>, StoreError> {
    let row = sqlx::query(&format!("{} WHERE s.slug = $1", service_select()))
        .bind(slug.as_str())
        .fetch_optional(&mut *conn)
        .await?;
    let Some(row) = row else { return Ok(None) };
    let mut views = vec![service_from_row(&row)?];
    attach_service_lists(conn, &mut views).await?;
    Ok(views.pop())
}
