//! Meeting places, events and news: seeding the built-in files into a database that has none, and reading them
//! with the names the pages show; a news item's optional image, set and removed by its editors (audited as the
//! item's saves are).

use crate::audit::{AuditRecord, record, record_save};
use crate::rows::{Arg, Sql, get, lang_text, opt_text, slug};
use crate::strategy::id_of;
use crate::{Paged, Store, StoreError, now_millis};
use domain::audit::Change;
use domain::events::{Event, EventsData, MeetingPlace, NewsItem, Place, When, parse_when};
use domain::{IsoDate, LangText, PageRequest, Slug, WebUrl};
use serde_json::{Value, json};
use sqlx::AnyConnection;
use sqlx::any::AnyRow;
use std::collections::HashMap;

/// An event as stored.
#[derive(Debug, Clone)]
pub struct EventRow {
    /// The event.
    pub event: Event,
    /// Organisers: (slug, name).
    pub organiser_names: Vec<(Slug, LangText)>,
    /// The meeting place's or campus's name, when it has one.
    pub place_name: Option<LangText>,
    /// Last change (Unix ms).
    pub updated_at: i64,
}

/// A meeting place as stored, with names.
#[derive(Debug, Clone)]
pub struct MeetingPlaceRow {
    /// The place.
    pub place: MeetingPlace,
    /// Its campus's name.
    pub campus_name: Option<LangText>,
    /// Its owner's name.
    pub owner_name: Option<LangText>,
}

/// A news item as stored.
#[derive(Debug, Clone)]
pub struct NewsRow {
    /// The item.
    pub item: NewsItem,
    /// Actors: (slug, name).
    pub actor_names: Vec<(Slug, LangText)>,
    /// Its image, when it has one.
    pub image: Option<NewsImage>,
    /// Last change (Unix ms).
    pub updated_at: i64,
}

/// A news item's image (its JPEG bytes are read on their own, by id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewsImage {
    /// Id: a new image gets a new one.
    pub id: i64,
    /// Alternative text in both languages.
    pub alt: LangText,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

impl NewsImage {
    /// What the audit log keeps of it.
    fn audited(&self) -> Value {
        json!({"id": self.id, "alt": {"sv": self.alt.sv, "en": self.alt.en}, "width": self.width, "height": self.height})
    }
}

/// How a news item's date is stored: `YYYY-MM-DD`, or `''` when it has none (the column is NOT NULL; `''` sorts
/// before every date, so undated items come last in the newest-first lists).
fn published_text(d: Option<IsoDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// Which events to list.
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    /// On this campus (or at a meeting place on it).
    pub campus: Option<Slug>,
    /// With this tag.
    pub tag: Option<Slug>,
    /// In this focus area.
    pub area: Option<Slug>,
    /// Organised by this actor.
    pub organiser: Option<Slug>,
}

async fn count(conn: &mut AnyConnection, table: &str) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
        .fetch_one(&mut *conn)
        .await?)
}

fn when_text(w: &When) -> (String, Option<String>) {
    match w {
        When::AllDay { first, last } => {
            (first.to_string(), (first != last).then(|| last.to_string()))
        }
        When::Timed { start, end } => (start.to_string(), (start != end).then(|| end.to_string())),
    }
}

fn lines(items: &[LangText], sv: bool) -> String {
    items
        .iter()
        .map(|t| if sv { t.sv.as_str() } else { t.en.as_str() })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Inserts an event (`id` `None`) or overwrites the one with `id`, with its organisers, tags and focus areas.
async fn write_event(
    conn: &mut AnyConnection,
    id: Option<i64>,
    e: &Event,
    now: i64,
) -> Result<i64, StoreError> {
    let (start, end) = when_text(&e.when);
    let sql = match id {
        None => {
            "INSERT INTO events (slug, title_sv, title_en, description_sv, description_en, start_local, end_local, \
             starts_at, ends_at, place, location_sv, location_en, registration_url, source, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id"
        }
        Some(_) => {
            "UPDATE events SET slug = $1, title_sv = $2, title_en = $3, description_sv = $4, description_en = $5, \
             start_local = $6, end_local = $7, starts_at = $8, ends_at = $9, place = $10, location_sv = $11, \
             location_en = $12, registration_url = $13, source = $14, updated_at = $15 WHERE id = $16 RETURNING id"
        }
    };
    let id: i64 = sqlx::query_scalar(sql)
        .bind(e.slug.as_str())
        .bind(&e.title.sv)
        .bind(&e.title.en)
        .bind(&e.description.sv)
        .bind(&e.description.en)
        .bind(start)
        .bind(end)
        .bind(e.when.start_utc())
        .bind(e.when.end_utc())
        .bind(e.place.as_ref().map(Place::code))
        .bind(e.location.as_ref().map(|l| l.sv.clone()))
        .bind(e.location.as_ref().map(|l| l.en.clone()))
        .bind(e.registration.as_ref().map(|u| u.as_str().to_owned()))
        .bind(e.source.as_deref())
        .bind(now)
        .bind(id.unwrap_or_default())
        .fetch_one(&mut *conn)
        .await?;
    for (table, column, refs, target) in [
        ("event_organisers", "actor_id", &e.organisers, "actors"),
        ("event_tags", "tag_id", &e.tags, "tags"),
        (
            "event_focus_areas",
            "area_id",
            &e.focus_areas,
            "focus_areas",
        ),
    ] {
        sqlx::query(&format!("DELETE FROM {table} WHERE event_id = $1"))
            .bind(id)
            .execute(&mut *conn)
            .await?;
        for s in refs {
            let other = id_of(conn, target, s).await?;
            sqlx::query(&format!(
                "INSERT INTO {table} (event_id, {column}) VALUES ($1, $2)"
            ))
            .bind(id)
            .bind(other)
            .execute(&mut *conn)
            .await?;
        }
    }
    Ok(id)
}

/// Inserts a news item (`id` `None`) or overwrites the one with `id`, with the actors it concerns.
async fn write_news(
    conn: &mut AnyConnection,
    id: Option<i64>,
    n: &NewsItem,
    now: i64,
) -> Result<i64, StoreError> {
    let sql = match id {
        None => {
            "INSERT INTO news (slug, published, title_sv, title_en, summary_sv, summary_en, body_sv, body_en, \
             source, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id"
        }
        Some(_) => {
            "UPDATE news SET slug = $1, published = $2, title_sv = $3, title_en = $4, summary_sv = $5, \
             summary_en = $6, body_sv = $7, body_en = $8, source = $9, updated_at = $10 WHERE id = $11 RETURNING id"
        }
    };
    let id: i64 = sqlx::query_scalar(sql)
        .bind(n.slug.as_str())
        .bind(published_text(n.published))
        .bind(&n.title.sv)
        .bind(&n.title.en)
        .bind(&n.summary.sv)
        .bind(&n.summary.en)
        .bind(&n.body.sv)
        .bind(&n.body.en)
        .bind(n.source.as_deref())
        .bind(now)
        .bind(id.unwrap_or_default())
        .fetch_one(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM news_actors WHERE news_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    for a in &n.actors {
        let actor = id_of(conn, "actors", a).await?;
        sqlx::query("INSERT INTO news_actors (news_id, actor_id) VALUES ($1, $2)")
            .bind(id)
            .bind(actor)
            .execute(&mut *conn)
            .await?;
    }
    Ok(id)
}

/// A slug made from `name` that no row of `table` has (a number is added when needed); `keep` is a slug the row
/// being edited may keep.
async fn free_slug(
    conn: &mut AnyConnection,
    table: &str,
    name: &str,
    keep: Option<&Slug>,
) -> Result<Slug, StoreError> {
    let base = Slug::from_name(name).unwrap_or_else(|| Slug::parse("item").expect("a valid slug"));
    if keep == Some(&base) {
        return Ok(base);
    }
    // Every slug of this name already used: the name itself, and its numbered forms (which may shorten the
    // name, so the look-up is by a prefix short enough for any number).
    let prefix: String = base
        .as_str()
        .chars()
        .take(Slug::MAX_LEN - 12)
        .collect::<String>()
        .trim_end_matches('-')
        .to_owned();
    let taken: std::collections::HashSet<String> = sqlx::query_scalar(&format!(
        "SELECT slug FROM {table} WHERE slug = $1 OR slug LIKE $2"
    ))
    .bind(base.as_str())
    .bind(format!("{prefix}%"))
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .collect();
    let mut n = 1u32;
    loop {
        let candidate = if n == 1 {
            base.clone()
        } else {
            base.numbered(n)
        };
        if keep == Some(&candidate) || !taken.contains(candidate.as_str()) {
            return Ok(candidate);
        }
        n = n.checked_add(1).ok_or(StoreError::Conflict("slug"))?;
    }
}

impl Store {
    /// Creates an event (`existing` `None`; its slug is made from the Swedish title) or changes the one with slug
    /// `existing` (its slug stays). Audited with what changed. Returns the event's slug.
    pub async fn save_event(
        &self,
        existing: Option<&Slug>,
        mut e: Event,
        by: i64,
    ) -> Result<Slug, StoreError> {
        let mut tx = self.write_tx().await?;
        let now = now_millis();
        // The "before" of the audit entry is read inside the write's transaction.
        let previous = match existing {
            Some(s) => Some(
                event_in(&mut tx, s)
                    .await?
                    .ok_or(StoreError::NotFound("event"))?,
            ),
            None => None,
        };
        let id = match existing {
            Some(s) => Some(id_of(&mut tx, "events", s).await?),
            None => None,
        };
        e.slug = match existing {
            Some(s) => s.clone(),
            None => free_slug(&mut tx, "events", &e.title.sv, None).await?,
        };
        write_event(&mut tx, id, &e, now).await?;
        record_save(
            &mut tx,
            Some(by),
            "event",
            e.slug.as_str(),
            if existing.is_some() {
                "update"
            } else {
                "create"
            },
            previous
                .map(|p| serde_json::to_value(&p.event).unwrap_or_default())
                .as_ref(),
            &serde_json::to_value(&e).unwrap_or_default(),
        )
        .await?;
        tx.commit().await?;
        Ok(e.slug)
    }

    /// Creates a news item (`existing` `None`) or changes the one with slug `existing`. Audited. Returns its slug.
    pub async fn save_news(
        &self,
        existing: Option<&Slug>,
        mut n: NewsItem,
        by: i64,
    ) -> Result<Slug, StoreError> {
        let mut tx = self.write_tx().await?;
        let now = now_millis();
        // The "before" of the audit entry is read inside the write's transaction.
        let previous = match existing {
            Some(s) => Some(
                news_in(&mut tx, s)
                    .await?
                    .ok_or(StoreError::NotFound("news"))?,
            ),
            None => None,
        };
        let id = match existing {
            Some(s) => Some(id_of(&mut tx, "news", s).await?),
            None => None,
        };
        n.slug = match existing {
            Some(s) => s.clone(),
            None => free_slug(&mut tx, "news", &n.title.sv, None).await?,
        };
        write_news(&mut tx, id, &n, now).await?;
        record_save(
            &mut tx,
            Some(by),
            "news",
            n.slug.as_str(),
            if existing.is_some() {
                "update"
            } else {
                "create"
            },
            previous
                .map(|p| serde_json::to_value(&p.item).unwrap_or_default())
                .as_ref(),
            &serde_json::to_value(&n).unwrap_or_default(),
        )
        .await?;
        tx.commit().await?;
        Ok(n.slug)
    }

    /// Sets the image of the news item `slug` (already checked and re-encoded), replacing the one it had, with its
    /// alternative text; audited with the item's saves. Returns the image's id.
    pub async fn set_news_image(
        &self,
        slug: &Slug,
        jpeg: &[u8],
        size: (u32, u32),
        alt: &LangText,
        by: i64,
    ) -> Result<i64, StoreError> {
        let mut tx = self.write_tx().await?;
        let news = id_of(&mut tx, "news", slug).await?;
        // The "before" of the audit entry is read inside the write's transaction.
        let before = image_of(&mut tx, news).await?;
        sqlx::query("DELETE FROM news_images WHERE news_id = $1")
            .bind(news)
            .execute(&mut *tx)
            .await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO news_images (news_id, alt_sv, alt_en, width, height, content, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(news)
        .bind(&alt.sv)
        .bind(&alt.en)
        .bind(i64::from(size.0))
        .bind(i64::from(size.1))
        .bind(jpeg)
        .bind(by)
        .bind(now_millis())
        .fetch_one(&mut *tx)
        .await?;
        let after = NewsImage {
            id,
            alt: alt.clone(),
            width: size.0,
            height: size.1,
        };
        record_save(
            &mut tx,
            Some(by),
            "news",
            slug.as_str(),
            "set_image",
            Some(&json!({"image": before.as_ref().map(NewsImage::audited)})),
            &json!({"image": after.audited()}),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Removes the image of the news item `slug`; audited. `NotFound` when it has none.
    pub async fn remove_news_image(&self, slug: &Slug, by: i64) -> Result<(), StoreError> {
        let mut tx = self.write_tx().await?;
        let news = id_of(&mut tx, "news", slug).await?;
        let before = image_of(&mut tx, news)
            .await?
            .ok_or(StoreError::NotFound("image"))?;
        sqlx::query("DELETE FROM news_images WHERE news_id = $1")
            .bind(news)
            .execute(&mut *tx)
            .await?;
        record_save(
            &mut tx,
            Some(by),
            "news",
            slug.as_str(),
            "remove_image",
            Some(&json!({"image": before.audited()})),
            &json!({"image": null}),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// A news image's JPEG bytes.
    pub async fn news_image(&self, id: i64) -> Result<Option<Vec<u8>>, StoreError> {
        let row = sqlx::query("SELECT content FROM news_images WHERE id = $1")
            .bind(id)
            .fetch_optional(self.pool())
            .await?;
        row.map(|r| get::<Vec<u8>>(&r, "content")).transpose()
    }

    /// Loads the built-in meeting places, events and news into a database that has none of each, in one
    /// transaction, audited as seeding. Returns how many of each were written.
    pub async fn seed_events(&self, h: &EventsData) -> Result<(usize, usize, usize), StoreError> {
        let mut tx = self.write_tx().await?;
        let now = now_millis();
        let mut written = (0, 0, 0);
        if count(&mut tx, "meeting_places").await? == 0 {
            for m in &h.places {
                let campus = match &m.campus {
                    Some(c) => Some(id_of(&mut tx, "campuses", c).await?),
                    None => None,
                };
                let owner = match &m.owner {
                    Some(a) => Some(id_of(&mut tx, "actors", a).await?),
                    None => None,
                };
                sqlx::query(
                    "INSERT INTO meeting_places (slug, name_sv, name_en, description_sv, description_en, campus_id, \
                     owner_id, capacity, offers_sv, offers_en, source) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                )
                .bind(m.slug.as_str())
                .bind(&m.name.sv)
                .bind(&m.name.en)
                .bind(&m.description.sv)
                .bind(&m.description.en)
                .bind(campus)
                .bind(owner)
                .bind(m.capacity.map(i64::from))
                .bind(lines(&m.offers, true))
                .bind(lines(&m.offers, false))
                .bind(m.source.as_deref())
                .execute(&mut *tx)
                .await?;
                written.0 += 1;
            }
        }
        if count(&mut tx, "events").await? == 0 {
            for e in &h.events {
                write_event(&mut tx, None, e, now).await?;
                written.1 += 1;
            }
        }
        if count(&mut tx, "news").await? == 0 {
            for n in &h.news {
                write_news(&mut tx, None, n, now).await?;
                written.2 += 1;
            }
        }
        if written != (0, 0, 0) {
            record(
                &mut tx,
                AuditRecord {
                    user_id: None,
                    object_type: "meeting_places",
                    object_key: "built-in",
                    action: "seed",
                    changes: &[Change {
                        path: String::new(),
                        before: serde_json::Value::Null,
                        after: serde_json::json!({
                            "meeting_places": written.0, "events": written.1, "news": written.2
                        }),
                    }],
                    personal: &[],
                },
            )
            .await?;
        }
        tx.commit().await?;
        Ok(written)
    }

    /// Every meeting place, by name in Swedish.
    pub async fn meeting_places(&self) -> Result<Vec<MeetingPlaceRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT m.*, c.slug AS campus_slug, c.name_sv AS campus_name_sv, c.name_en AS campus_name_en, \
             a.slug AS owner_slug, a.name_sv AS owner_name_sv, a.name_en AS owner_name_en FROM meeting_places m \
             LEFT JOIN campuses c ON c.id = m.campus_id LEFT JOIN actors a ON a.id = m.owner_id ORDER BY m.name_sv",
        )
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                let offers_sv: String = get(r, "offers_sv")?;
                let offers_en: String = get(r, "offers_en")?;
                let has = |c: &str| opt_text(r, c).map(|v| v.is_some());
                Ok(MeetingPlaceRow {
                    place: MeetingPlace {
                        slug: slug(r, "slug")?,
                        name: lang_text(r, "name")?,
                        description: lang_text(r, "description")?,
                        campus: if has("campus_slug")? {
                            Some(slug(r, "campus_slug")?)
                        } else {
                            None
                        },
                        owner: if has("owner_slug")? {
                            Some(slug(r, "owner_slug")?)
                        } else {
                            None
                        },
                        capacity: get::<Option<i64>>(r, "capacity")?
                            .and_then(|c| u32::try_from(c).ok()),
                        offers: offers_sv
                            .lines()
                            .zip(offers_en.lines())
                            .map(|(sv, en)| LangText::new(sv, en))
                            .collect(),
                        source: opt_text(r, "source")?,
                    },
                    campus_name: if has("campus_slug")? {
                        Some(lang_text(r, "campus_name")?)
                    } else {
                        None
                    },
                    owner_name: if has("owner_slug")? {
                        Some(lang_text(r, "owner_name")?)
                    } else {
                        None
                    },
                })
            })
            .collect()
    }

    /// Events matching `filter`, soonest first.
    pub async fn events(&self, filter: &EventFilter) -> Result<Vec<EventRow>, StoreError> {
        let mut q = Sql::new("SELECT * FROM events e WHERE 1 = 1");
        for (table, column, target, value) in [
            ("event_tags", "tag_id", "tags", &filter.tag),
            ("event_focus_areas", "area_id", "focus_areas", &filter.area),
            ("event_organisers", "actor_id", "actors", &filter.organiser),
        ] {
            if let Some(v) = value {
                q.push(&format!(
                    " AND EXISTS (SELECT 1 FROM {table} x JOIN {target} t ON t.id = x.{column} \
                     WHERE x.event_id = e.id AND t.slug = "
                ))
                .bind(Arg::Text(v.to_string()))
                .push(")");
            }
        }
        q.push(" ORDER BY e.starts_at, e.id");
        let rows = q.query().fetch_all(self.pool()).await?;
        self.event_rows(&rows, filter.campus.as_ref()).await
    }

    /// The event with `slug`.
    pub async fn event(&self, slug: &Slug) -> Result<Option<EventRow>, StoreError> {
        let rows = sqlx::query("SELECT * FROM events WHERE slug = $1")
            .bind(slug.as_str())
            .fetch_all(self.pool())
            .await?;
        Ok(self.event_rows(&rows, None).await?.into_iter().next())
    }

    /// The events `actor` organises, the latest first, one page of them and how many there are.
    pub async fn events_organised_by(
        &self,
        actor: &Slug,
        page: PageRequest,
    ) -> Result<Paged<EventRow>, StoreError> {
        let of = "FROM events e JOIN event_organisers x ON x.event_id = e.id JOIN actors a ON a.id = x.actor_id \
                  WHERE a.slug = $1";
        let total: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) {of}"))
            .bind(actor.as_str())
            .fetch_one(self.pool())
            .await?;
        let rows = sqlx::query(&format!(
            "SELECT e.* {of} ORDER BY e.starts_at DESC, e.id DESC LIMIT $2 OFFSET $3"
        ))
        .bind(actor.as_str())
        .bind(i64::from(page.per_page()))
        .bind(i64::try_from(page.offset()).map_err(|_| StoreError::OutOfRange("page"))?)
        .fetch_all(self.pool())
        .await?;
        Ok(Paged {
            items: self.event_rows(&rows, None).await?,
            total: u64::try_from(total).unwrap_or(0),
        })
    }

    /// Event rows with their organisers, tags, areas and place (see [`event_rows`]).
    async fn event_rows(
        &self,
        rows: &[AnyRow],
        campus: Option<&Slug>,
    ) -> Result<Vec<EventRow>, StoreError> {
        let mut conn = self.pool().acquire().await?;
        event_rows(&mut conn, rows, campus).await
    }

    /// News rows with the actors they concern (see [`news_rows`]).
    async fn news_rows(&self, rows: &[AnyRow]) -> Result<Vec<NewsRow>, StoreError> {
        let mut conn = self.pool().acquire().await?;
        news_rows(&mut conn, rows).await
    }

    /// News, newest first.
    pub async fn news(&self, limit: i64) -> Result<Vec<NewsRow>, StoreError> {
        let rows = sqlx::query("SELECT * FROM news ORDER BY published DESC, id DESC LIMIT $1")
            .bind(limit)
            .fetch_all(self.pool())
            .await?;
        self.news_rows(&rows).await
    }

    /// The news item with `slug`.
    pub async fn news_item(&self, slug: &Slug) -> Result<Option<NewsRow>, StoreError> {
        let rows = sqlx::query("SELECT * FROM news WHERE slug = $1")
            .bind(slug.as_str())
            .fetch_all(self.pool())
            .await?;
        Ok(self.news_rows(&rows).await?.into_iter().next())
    }

    /// News, newest first, one page of them and how many there are; only those about `actor` when it is set.
    pub async fn news_page(
        &self,
        actor: Option<&Slug>,
        page: PageRequest,
    ) -> Result<Paged<NewsRow>, StoreError> {
        let of = match actor {
            Some(_) => {
                "FROM news n WHERE EXISTS (SELECT 1 FROM news_actors x JOIN actors a ON a.id = x.actor_id \
                 WHERE x.news_id = n.id AND a.slug = $1)"
            }
            None => "FROM news n WHERE $1 = $1",
        };
        let key = actor.map_or("", Slug::as_str);
        let total: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) {of}"))
            .bind(key)
            .fetch_one(self.pool())
            .await?;
        let rows = sqlx::query(&format!(
            "SELECT n.* {of} ORDER BY n.published DESC, n.id DESC LIMIT $2 OFFSET $3"
        ))
        .bind(key)
        .bind(i64::from(page.per_page()))
        .bind(i64::try_from(page.offset()).map_err(|_| StoreError::OutOfRange("page"))?)
        .fetch_all(self.pool())
        .await?;
        Ok(Paged {
            items: self.news_rows(&rows).await?,
            total: u64::try_from(total).unwrap_or(0),
        })
    }
}

/// The event with `slug`, read on `conn` (inside a write's transaction, for its audit's "before").
async fn event_in(conn: &mut AnyConnection, slug: &Slug) -> Result<Option<EventRow>, StoreError> {
    let rows = sqlx::query("SELECT * FROM events WHERE slug = $1")
        .bind(slug.as_str())
        .fetch_all(&mut *conn)
        .await?;
    Ok(event_rows(conn, &rows, None).await?.into_iter().next())
}

/// The news item with `slug`, read on `conn`.
async fn news_in(conn: &mut AnyConnection, slug: &Slug) -> Result<Option<NewsRow>, StoreError> {
    let rows = sqlx::query("SELECT * FROM news WHERE slug = $1")
        .bind(slug.as_str())
        .fetch_all(&mut *conn)
        .await?;
    Ok(news_rows(conn, &rows).await?.into_iter().next())
}

/// The image of the news item with id `news`, without its bytes.
async fn image_of(conn: &mut AnyConnection, news: i64) -> Result<Option<NewsImage>, StoreError> {
    let row =
        sqlx::query("SELECT id, alt_sv, alt_en, width, height FROM news_images WHERE news_id = $1")
            .bind(news)
            .fetch_optional(&mut *conn)
            .await?;
    row.map(|r| image_row(&r)).transpose()
}

fn image_row(r: &AnyRow) -> Result<NewsImage, StoreError> {
    let size = |c: &str| -> Result<u32, StoreError> {
        u32::try_from(get::<i64>(r, c)?).map_err(|_| StoreError::Corrupt(format!("news image {c}")))
    };
    Ok(NewsImage {
        id: get(r, "id")?,
        alt: lang_text(r, "alt")?,
        width: size("width")?,
        height: size("height")?,
    })
}

/// Event rows with their organisers, tags, areas and place, in the order given; only those on `campus` when it
/// is set (a place's campus is known only through the meeting places).
async fn event_rows(
    conn: &mut AnyConnection,
    rows: &[AnyRow],
    campus: Option<&Slug>,
) -> Result<Vec<EventRow>, StoreError> {
    let ids: Vec<i64> = rows
        .iter()
        .map(|r| get::<i64>(r, "id"))
        .collect::<Result<_, _>>()?;
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut organisers = link_rows(
        conn,
        "SELECT x.event_id AS owner_id, a.slug, a.name_sv, a.name_en, a.sort_sv FROM event_organisers x \
         JOIN actors a ON a.id = x.actor_id WHERE x.event_id IN (",
        &ids,
        "a.sort_sv",
    )
    .await?;
    let mut tags = link_rows(
        conn,
        "SELECT x.event_id AS owner_id, t.slug, t.label_sv AS name_sv, t.label_en AS name_en FROM event_tags x \
         JOIN tags t ON t.id = x.tag_id WHERE x.event_id IN (",
        &ids,
        "t.slug",
    )
    .await?;
    let mut areas = link_rows(
        conn,
        "SELECT x.event_id AS owner_id, f.slug, f.name_sv, f.name_en, f.position FROM event_focus_areas x \
         JOIN focus_areas f ON f.id = x.area_id WHERE x.event_id IN (",
        &ids,
        "f.position",
    )
    .await?;
    // Meeting places and campuses are few: their names and campuses are read whole.
    let mut places: HashMap<Slug, (Option<Slug>, LangText)> = HashMap::new();
    for r in sqlx::query(
        "SELECT m.slug, m.name_sv, m.name_en, c.slug AS campus_slug FROM meeting_places m \
         LEFT JOIN campuses c ON c.id = m.campus_id",
    )
    .fetch_all(&mut *conn)
    .await?
    {
        let campus = opt_text(&r, "campus_slug")?
            .map(|c| Slug::parse(&c).map_err(|e| StoreError::Corrupt(e.to_string())))
            .transpose()?;
        places.insert(slug(&r, "slug")?, (campus, lang_text(&r, "name")?));
    }
    let mut campuses: HashMap<Slug, LangText> = HashMap::new();
    for r in sqlx::query("SELECT slug, name_sv, name_en FROM campuses")
        .fetch_all(&mut *conn)
        .await?
    {
        campuses.insert(slug(&r, "slug")?, lang_text(&r, "name")?);
    }
    let mut out = Vec::new();
    for r in rows {
        let id: i64 = get(r, "id")?;
        let start: String = get(r, "start_local")?;
        let end = opt_text(r, "end_local")?;
        let when = parse_when(&start, end.as_deref())
            .map_err(|e| StoreError::Corrupt(format!("event time {start:?}: {e}")))?;
        let place = opt_text(r, "place")?.and_then(|p| Place::parse(&p));
        let location = match (opt_text(r, "location_sv")?, opt_text(r, "location_en")?) {
            (Some(sv), Some(en)) => Some(LangText::new(sv, en)),
            _ => None,
        };
        let org = organisers.remove(&id).unwrap_or_default();
        let tag_list = tags.remove(&id).unwrap_or_default();
        let area_list = areas.remove(&id).unwrap_or_default();
        let place_campus = match &place {
            Some(Place::Campus(c)) => Some(c.clone()),
            Some(Place::MeetingPlace(m)) => places.get(m).and_then(|p| p.0.clone()),
            _ => None,
        };
        if campus.is_some_and(|c| place_campus.as_ref() != Some(c)) {
            continue;
        }
        let place_name = match &place {
            Some(Place::Campus(c)) => campuses.get(c).cloned(),
            Some(Place::MeetingPlace(m)) => places.get(m).map(|p| p.1.clone()),
            _ => None,
        };
        out.push(EventRow {
            event: Event {
                slug: slug(r, "slug")?,
                title: lang_text(r, "title")?,
                description: lang_text(r, "description")?,
                when,
                place,
                location,
                organisers: org.iter().map(|(s, _)| s.clone()).collect(),
                tags: tag_list.iter().map(|(s, _)| s.clone()).collect(),
                focus_areas: area_list.iter().map(|(s, _)| s.clone()).collect(),
                registration: opt_text(r, "registration_url")?.and_then(|u| WebUrl::parse(&u).ok()),
                source: opt_text(r, "source")?,
            },
            organiser_names: org,
            place_name,
            updated_at: get(r, "updated_at")?,
        });
    }
    Ok(out)
}

/// News rows with the actors they concern, in the order given.
async fn news_rows(conn: &mut AnyConnection, rows: &[AnyRow]) -> Result<Vec<NewsRow>, StoreError> {
    let ids: Vec<i64> = rows
        .iter()
        .map(|r| get::<i64>(r, "id"))
        .collect::<Result<_, _>>()?;
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut by = link_rows(
        conn,
        "SELECT x.news_id AS owner_id, a.slug, a.name_sv, a.name_en, a.sort_sv FROM news_actors x \
         JOIN actors a ON a.id = x.actor_id WHERE x.news_id IN (",
        &ids,
        "a.sort_sv",
    )
    .await?;
    let mut q = Sql::new(
        "SELECT news_id, id, alt_sv, alt_en, width, height FROM news_images WHERE news_id IN (",
    );
    q.bind_ints(&ids).push(")");
    let mut images: HashMap<i64, NewsImage> = HashMap::new();
    for r in q.query().fetch_all(&mut *conn).await? {
        images.insert(get(&r, "news_id")?, image_row(&r)?);
    }
    rows.iter()
        .map(|r: &AnyRow| {
            let id: i64 = get(r, "id")?;
            let published: String = get(r, "published")?;
            let actors = by.remove(&id).unwrap_or_default();
            Ok(NewsRow {
                item: NewsItem {
                    slug: slug(r, "slug")?,
                    published: match published.as_str() {
                        "" => None,
                        d => Some(IsoDate::parse(d).map_err(|_| {
                            StoreError::Corrupt(format!("news date {published:?}"))
                        })?),
                    },
                    title: lang_text(r, "title")?,
                    summary: lang_text(r, "summary")?,
                    body: lang_text(r, "body")?,
                    actors: actors.iter().map(|(s, _)| s.clone()).collect(),
                    source: opt_text(r, "source")?,
                },
                actor_names: actors,
                image: images.remove(&id),
                updated_at: get(r, "updated_at")?,
            })
        })
        .collect()
}

/// Rows of a link table (`owner_id`, `slug`, `name_sv`, `name_en`) for the owners in `ids`, grouped by owner.
/// `sql` ends with `IN (`; the ids and `) ORDER BY order` are added here.
async fn link_rows(
    conn: &mut AnyConnection,
    sql: &str,
    ids: &[i64],
    order: &str,
) -> Result<HashMap<i64, Vec<(Slug, LangText)>>, StoreError> {
    let mut q = Sql::new(sql);
    q.bind_ints(ids).push(") ORDER BY ").push(order);
    let rows = q.query().fetch_all(&mut *conn).await?;
    let mut by: HashMap<i64, Vec<(Slug, LangText)>> = HashMap::new();
    for r in &rows {
        by.entry(get(r, "owner_id")?)
            .or_default()
            .push((slug(r, "slug")?, lang_text(r, "name")?));
    }
    Ok(by)
}
