//! The atlas repository: actors, campuses, tags and relations.

use crate::rows::{Arg, Sql, get, lang_text, opt_text, slug};
use crate::{Paged, Store, StoreError};
use domain::collate::sort_key;
use domain::{
    Actor, ActorKind, Campus, ContactPerson, Coordinates, Email, Lang, LangText, OwnershipForm,
    PageRequest, RelationKind, Slug, Tag, WebUrl,
};
use sqlx::any::AnyRow;
use std::collections::HashMap;

/// Which actors a list shows. Every field narrows the list; `None` means "any".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActorFilter {
    /// Only actors of this kind.
    pub kind: Option<ActorKind>,
    /// Only actors on this campus.
    pub campus: Option<Slug>,
    /// Only actors with this ownership form.
    pub ownership: Option<OwnershipForm>,
    /// Only actors with this competence tag.
    pub tag: Option<Slug>,
    /// Only actors that take part in this focus area of the strategy: named for the area, or responsible for or
    /// contributing to one of its measures.
    pub area: Option<Slug>,
    /// Only actors whose name (in either language) or abbreviation contains this text, ignoring case and accents.
    pub text: Option<String>,
}

/// An actor as shown in lists: enough to recognise it and filter, not the whole profile.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorSummary {
    /// Stable identifier.
    pub slug: Slug,
    /// Name in both languages.
    pub name: LangText,
    /// Abbreviation, if any.
    pub short_name: Option<String>,
    /// Kind of organisation.
    pub kind: ActorKind,
    /// Ownership form, when known.
    pub ownership: Option<OwnershipForm>,
    /// Description in both languages.
    pub description: LangText,
    /// Campuses the actor is on.
    pub campuses: Vec<Slug>,
    /// Competence tags.
    pub tags: Vec<Slug>,
}

/// A relation with the names of both ends, ready to show.
#[derive(Debug, Clone, PartialEq)]
pub struct RelationRow {
    /// The actor the relation is read from.
    pub from: Slug,
    /// Its name.
    pub from_name: LangText,
    /// The type of relation.
    pub kind: RelationKind,
    /// The actor the relation points to.
    pub to: Slug,
    /// Its name.
    pub to_name: LangText,
    /// First year, when known.
    pub since: Option<i32>,
    /// Last year, when ended.
    pub until: Option<i32>,
    /// Where the fact comes from.
    pub source: Option<String>,
}

/// Which way a relation points, seen from one actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RelationDirection {
    /// The actor is the relation's `from`.
    Outgoing,
    /// The actor is the relation's `to`.
    Incoming,
}

impl RelationRow {
    /// The direction of this relation seen from `actor`.
    pub fn direction_from(&self, actor: &Slug) -> RelationDirection {
        if &self.from == actor {
            RelationDirection::Outgoing
        } else {
            RelationDirection::Incoming
        }
    }
}

/// A campus with the number of actors on it.
#[derive(Debug, Clone, PartialEq)]
pub struct CampusSummary {
    /// The campus.
    pub campus: Campus,
    /// How many actors are on it.
    pub actor_count: u64,
}

/// A tag with the number of actors that carry it.
#[derive(Debug, Clone, PartialEq)]
pub struct TagCount {
    /// The tag.
    pub tag: Tag,
    /// How many actors carry it.
    pub actor_count: u64,
}

fn sort_column(lang: Lang) -> &'static str {
    match lang {
        Lang::Sv => "sort_sv",
        Lang::En => "sort_en",
    }
}

fn count(row: &AnyRow, column: &str) -> Result<u64, StoreError> {
    let n: i64 = get(row, column)?;
    u64::try_from(n).map_err(|_| StoreError::Corrupt(format!("negative count in {column}")))
}

pub(crate) fn kind(row: &AnyRow) -> Result<ActorKind, StoreError> {
    let text: String = get(row, "kind")?;
    ActorKind::parse(&text)
        .ok_or_else(|| StoreError::Corrupt(format!("unknown actor kind {text:?}")))
}

pub(crate) fn ownership(row: &AnyRow) -> Result<Option<OwnershipForm>, StoreError> {
    opt_text(row, "ownership")?
        .map(|o| {
            OwnershipForm::parse(&o)
                .ok_or_else(|| StoreError::Corrupt(format!("unknown ownership {o:?}")))
        })
        .transpose()
}

fn coordinates(row: &AnyRow) -> Result<Option<Coordinates>, StoreError> {
    match (
        get::<Option<f64>>(row, "lat")?,
        get::<Option<f64>>(row, "lon")?,
    ) {
        (Some(lat), Some(lon)) => Coordinates::new(lat, lon)
            .map(Some)
            .map_err(|e| StoreError::Corrupt(e.to_string())),
        _ => Ok(None),
    }
}

/// An actor's own columns (`SELECT * FROM actors`); campuses, tags and contacts are left empty.
pub(crate) fn actor_from_row(row: &AnyRow) -> Result<Actor, StoreError> {
    let website = opt_text(row, "website")?
        .map(|w| WebUrl::parse(&w).map_err(|e| StoreError::Corrupt(format!("website: {e}"))))
        .transpose()?;
    Ok(Actor {
        slug: slug(row, "slug")?,
        name: lang_text(row, "name")?,
        short_name: opt_text(row, "short_name")?,
        kind: kind(row)?,
        ownership: ownership(row)?,
        description: lang_text(row, "description")?,
        website,
        org_number: opt_text(row, "org_number")?,
        address: opt_text(row, "address")?,
        coordinates: coordinates(row)?,
        campuses: Vec::new(),
        tags: Vec::new(),
        contacts: Vec::new(),
    })
}

fn campus_from_row(row: &AnyRow) -> Result<Campus, StoreError> {
    Ok(Campus {
        slug: slug(row, "slug")?,
        name: lang_text(row, "name")?,
        municipality: opt_text(row, "municipality")?,
        description: lang_text(row, "description")?,
        coordinates: coordinates(row)?,
    })
}

fn relation_from_row(row: &AnyRow) -> Result<RelationRow, StoreError> {
    let kind_text: String = get(row, "kind")?;
    Ok(RelationRow {
        from: slug(row, "from_slug")?,
        from_name: lang_text(row, "from_name")?,
        kind: RelationKind::parse(&kind_text)
            .ok_or_else(|| StoreError::Corrupt(format!("unknown relation kind {kind_text:?}")))?,
        to: slug(row, "to_slug")?,
        to_name: lang_text(row, "to_name")?,
        since: crate::rows::opt_year(row, "since_year")?,
        until: crate::rows::opt_year(row, "until_year")?,
        source: opt_text(row, "source")?,
    })
}

const RELATION_SELECT: &str = "SELECT f.slug AS from_slug, f.name_sv AS from_name_sv, f.name_en AS from_name_en, \
     r.kind, t.slug AS to_slug, t.name_sv AS to_name_sv, t.name_en AS to_name_en, \
     r.since_year, r.until_year, r.source \
     FROM relations r JOIN actors f ON f.id = r.from_actor_id JOIN actors t ON t.id = r.to_actor_id";

fn tag_from_row(row: &AnyRow) -> Result<Tag, StoreError> {
    Ok(Tag {
        slug: slug(row, "slug")?,
        label: lang_text(row, "label")?,
    })
}

fn page_args(page: PageRequest) -> Result<(i64, i64), StoreError> {
    let offset = i64::try_from(page.offset()).map_err(|_| StoreError::OutOfRange("page"))?;
    Ok((i64::from(page.per_page()), offset))
}

impl ActorFilter {
    fn push_where(&self, sql: &mut Sql) {
        sql.push(" WHERE 1 = 1");
        if let Some(text) = &self.text {
            let sv = format!("%{}%", sort_key(Lang::Sv, text));
            let en = format!("%{}%", sort_key(Lang::En, text));
            let short = format!("%{}%", sort_key(Lang::En, text));
            sql.push(" AND (a.sort_sv LIKE ")
                .bind(Arg::Text(sv))
                .push(" OR a.sort_en LIKE ")
                .bind(Arg::Text(en))
                .push(" OR LOWER(COALESCE(a.short_name, '')) LIKE ")
                .bind(Arg::Text(short))
                .push(")");
        }
        if let Some(kind) = self.kind {
            sql.push(" AND a.kind = ")
                .bind(Arg::Text(kind.as_str().into()));
        }
        if let Some(ownership) = self.ownership {
            sql.push(" AND a.ownership = ")
                .bind(Arg::Text(ownership.as_str().into()));
        }
        if let Some(campus) = &self.campus {
            sql.push(
                " AND EXISTS (SELECT 1 FROM actor_campuses ac JOIN campuses c ON c.id = ac.campus_id \
                 WHERE ac.actor_id = a.id AND c.slug = ",
            )
            .bind(Arg::Text(campus.to_string()))
            .push(")");
        }
        if let Some(tag) = &self.tag {
            sql.push(
                " AND EXISTS (SELECT 1 FROM actor_tags at JOIN tags t ON t.id = at.tag_id \
                 WHERE at.actor_id = a.id AND t.slug = ",
            )
            .bind(Arg::Text(tag.to_string()))
            .push(")");
        }
        if let Some(area) = &self.area {
            sql.push(
                " AND a.id IN (SELECT fa.actor_id FROM focus_area_actors fa JOIN focus_areas f ON f.id = fa.area_id \
                 WHERE f.slug = ",
            )
            .bind(Arg::Text(area.to_string()))
            .push(
                " UNION SELECT m.responsible_id FROM measures m JOIN focus_areas f ON f.id = m.area_id WHERE f.slug = ",
            )
            .bind(Arg::Text(area.to_string()))
            .push(
                " UNION SELECT mc.actor_id FROM measure_contributors mc JOIN measures m ON m.id = mc.measure_id \
                 JOIN focus_areas f ON f.id = m.area_id WHERE f.slug = ",
            )
            .bind(Arg::Text(area.to_string()))
            .push(")");
        }
    }
}

impl Store {
    /// One page of actors matching `filter`, ordered by name in `lang`, with the total count.
    pub async fn list_actors(
        &self,
        filter: &ActorFilter,
        lang: Lang,
        page: PageRequest,
    ) -> Result<Paged<ActorSummary>, StoreError> {
        let mut count_sql = Sql::new("SELECT COUNT(*) AS n FROM actors a");
        filter.push_where(&mut count_sql);
        let total = count(&count_sql.query().fetch_one(self.pool()).await?, "n")?;
        let items = self
            .actor_summaries(filter, lang, Some(page_args(page)?))
            .await?;
        Ok(Paged { items, total })
    }

    /// Actors matching `filter` in name order, limited to `(limit, offset)` when given, with their campuses
    /// and tags (three queries whatever the number of actors).
    async fn actor_summaries(
        &self,
        filter: &ActorFilter,
        lang: Lang,
        window: Option<(i64, i64)>,
    ) -> Result<Vec<ActorSummary>, StoreError> {
        let mut sql = Sql::new(
            "SELECT a.id, a.slug, a.name_sv, a.name_en, a.short_name, a.kind, a.ownership, \
             a.description_sv, a.description_en FROM actors a",
        );
        filter.push_where(&mut sql);
        sql.push(&format!(" ORDER BY a.{}, a.slug", sort_column(lang)));
        if let Some((limit, offset)) = window {
            sql.push(" LIMIT ")
                .bind(Arg::Int(limit))
                .push(" OFFSET ")
                .bind(Arg::Int(offset));
        }
        let rows = sql.query().fetch_all(self.pool()).await?;
        let mut items = Vec::with_capacity(rows.len());
        let mut ids = Vec::with_capacity(rows.len());
        for row in &rows {
            ids.push(get::<i64>(row, "id")?);
            items.push(ActorSummary {
                slug: slug(row, "slug")?,
                name: lang_text(row, "name")?,
                short_name: opt_text(row, "short_name")?,
                kind: kind(row)?,
                ownership: ownership(row)?,
                description: lang_text(row, "description")?,
                campuses: Vec::new(),
                tags: Vec::new(),
            });
        }
        let mut campuses = self
            .slugs_by_actor(&ids, "actor_campuses", "campus_id", "campuses")
            .await?;
        let mut tags = self
            .slugs_by_actor(&ids, "actor_tags", "tag_id", "tags")
            .await?;
        for (item, id) in items.iter_mut().zip(&ids) {
            item.campuses = campuses.remove(id).unwrap_or_default();
            item.tags = tags.remove(id).unwrap_or_default();
        }
        Ok(items)
    }

    /// Slugs from a link table (`actor_campuses`, `actor_tags`) for a set of actor ids, grouped by actor.
    async fn slugs_by_actor(
        &self,
        ids: &[i64],
        link_table: &'static str,
        link_column: &'static str,
        target_table: &'static str,
    ) -> Result<HashMap<i64, Vec<Slug>>, StoreError> {
        let mut out: HashMap<i64, Vec<Slug>> = HashMap::new();
        if ids.is_empty() {
            return Ok(out);
        }
        let mut sql = Sql::new(&format!(
            "SELECT l.actor_id, x.slug FROM {link_table} l JOIN {target_table} x ON x.id = l.{link_column} \
             WHERE l.actor_id IN ("
        ));
        sql.bind_ints(ids).push(") ORDER BY x.sort_sv, x.slug");
        for row in sql.query().fetch_all(self.pool()).await? {
            out.entry(get(&row, "actor_id")?)
                .or_default()
                .push(slug(&row, "slug")?);
        }
        Ok(out)
    }

    /// The whole profile of one actor, or `None` when no actor has that slug.
    pub async fn actor(&self, actor_slug: &Slug) -> Result<Option<Actor>, StoreError> {
        let Some(row) = sqlx::query("SELECT * FROM actors WHERE slug = $1")
            .bind(actor_slug.as_str())
            .fetch_optional(self.pool())
            .await?
        else {
            return Ok(None);
        };
        let id: i64 = get(&row, "id")?;
        let mut campuses = self
            .slugs_by_actor(&[id], "actor_campuses", "campus_id", "campuses")
            .await?;
        let mut tags = self
            .slugs_by_actor(&[id], "actor_tags", "tag_id", "tags")
            .await?;
        let contact_rows =
            sqlx::query("SELECT name, role_sv, role_en, email FROM contact_persons WHERE actor_id = $1 ORDER BY position")
                .bind(id)
                .fetch_all(self.pool())
                .await?;
        let mut contacts = Vec::with_capacity(contact_rows.len());
        for c in &contact_rows {
            let email = opt_text(c, "email")?
                .map(|e| {
                    Email::parse(&e)
                        .map_err(|err| StoreError::Corrupt(format!("contact e-mail: {err}")))
                })
                .transpose()?;
            contacts.push(ContactPerson {
                name: get(c, "name")?,
                role: lang_text(c, "role")?,
                email,
            });
        }
        let mut actor = actor_from_row(&row)?;
        actor.campuses = campuses.remove(&id).unwrap_or_default();
        actor.tags = tags.remove(&id).unwrap_or_default();
        actor.contacts = contacts;
        Ok(Some(actor))
    }

    /// Every relation that starts or ends at the actor, ordered by kind and the other actor's name.
    pub async fn relations_of(
        &self,
        actor_slug: &Slug,
        lang: Lang,
    ) -> Result<Vec<RelationRow>, StoreError> {
        let col = sort_column(lang);
        let sql = format!(
            // By the ends' ids, so each side is an index search (a condition on the joined slugs would read
            // every relation: 55 ms at 10,000 actors against 0.03).
            "{RELATION_SELECT} WHERE r.from_actor_id = (SELECT id FROM actors WHERE slug = $1) \
             OR r.to_actor_id = (SELECT id FROM actors WHERE slug = $1) \
             ORDER BY r.kind, CASE WHEN f.slug = $1 THEN t.{col} ELSE f.{col} END"
        );
        let rows = sqlx::query(&sql)
            .bind(actor_slug.as_str())
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(relation_from_row).collect()
    }

    /// One page of all relations, ordered by the names of their ends.
    pub async fn list_relations(
        &self,
        lang: Lang,
        page: PageRequest,
    ) -> Result<Paged<RelationRow>, StoreError> {
        let total = count(
            &sqlx::query("SELECT COUNT(*) AS n FROM relations")
                .fetch_one(self.pool())
                .await?,
            "n",
        )?;
        let (limit, offset) = page_args(page)?;
        let col = sort_column(lang);
        let sql = format!("{RELATION_SELECT} ORDER BY f.{col}, r.kind, t.{col} LIMIT $1 OFFSET $2");
        let rows = sqlx::query(&sql)
            .bind(limit)
            .bind(offset)
            .fetch_all(self.pool())
            .await?;
        Ok(Paged {
            items: rows
                .iter()
                .map(relation_from_row)
                .collect::<Result<_, _>>()?,
            total,
        })
    }

    /// Every campus with its number of actors, ordered by name in `lang`.
    pub async fn campuses(&self, lang: Lang) -> Result<Vec<CampusSummary>, StoreError> {
        let sql = format!(
            "SELECT c.*, (SELECT COUNT(*) FROM actor_campuses ac WHERE ac.campus_id = c.id) AS actor_count \
             FROM campuses c ORDER BY c.{}",
            sort_column(lang)
        );
        let rows = sqlx::query(&sql).fetch_all(self.pool()).await?;
        rows.iter()
            .map(|row| {
                Ok(CampusSummary {
                    campus: campus_from_row(row)?,
                    actor_count: count(row, "actor_count")?,
                })
            })
            .collect()
    }

    /// Every campus in `lang`'s order of names, without counting its actors (for their names and choices).
    pub async fn campus_names(&self, lang: Lang) -> Result<Vec<Campus>, StoreError> {
        let sql = format!("SELECT * FROM campuses ORDER BY {}", sort_column(lang));
        let rows = sqlx::query(&sql).fetch_all(self.pool()).await?;
        rows.iter().map(campus_from_row).collect()
    }

    /// Every tag without counting its actors (for their labels).
    pub async fn tag_names(&self) -> Result<Vec<Tag>, StoreError> {
        let rows = sqlx::query("SELECT slug, label_sv, label_en FROM tags")
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(tag_from_row).collect()
    }

    /// One campus, or `None` when no campus has that slug.
    pub async fn campus(&self, campus_slug: &Slug) -> Result<Option<Campus>, StoreError> {
        let row = sqlx::query("SELECT * FROM campuses WHERE slug = $1")
            .bind(campus_slug.as_str())
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(campus_from_row).transpose()
    }

    /// Every tag with its number of actors, ordered by label in `lang`.
    pub async fn tags(&self, lang: Lang) -> Result<Vec<TagCount>, StoreError> {
        let sql = format!(
            "SELECT t.slug, t.label_sv, t.label_en, \
             (SELECT COUNT(*) FROM actor_tags at WHERE at.tag_id = t.id) AS actor_count \
             FROM tags t ORDER BY t.{}",
            sort_column(lang)
        );
        let rows = sqlx::query(&sql).fetch_all(self.pool()).await?;
        rows.iter()
            .map(|row| {
                Ok(TagCount {
                    tag: tag_from_row(row)?,
                    actor_count: count(row, "actor_count")?,
                })
            })
            .collect()
    }

    /// How many actors there are of each kind (kinds without actors are left out).
    pub async fn kind_counts(&self) -> Result<Vec<(ActorKind, u64)>, StoreError> {
        let rows =
            sqlx::query("SELECT kind, COUNT(*) AS n FROM actors GROUP BY kind ORDER BY kind")
                .fetch_all(self.pool())
                .await?;
        rows.iter()
            .map(|row| Ok((kind(row)?, count(row, "n")?)))
            .collect()
    }

    /// How many relations there are in all.
    pub async fn relation_count(&self) -> Result<u64, StoreError> {
        count(
            &sqlx::query("SELECT COUNT(*) AS n FROM relations")
                .fetch_one(self.pool())
                .await?,
            "n",
        )
    }

    /// Every actor on a campus, ordered by name in `lang` (campuses hold tens to hundreds of actors).
    pub async fn actors_on_campus(
        &self,
        campus: &Slug,
        lang: Lang,
    ) -> Result<Vec<ActorSummary>, StoreError> {
        let filter = ActorFilter {
            campus: Some(campus.clone()),
            ..ActorFilter::default()
        };
        self.actor_summaries(&filter, lang, None).await
    }

    /// Every actor's slug and name, ordered by name in `lang`, in one query: for choosing an actor in a form.
    pub async fn actor_names(&self, lang: Lang) -> Result<Vec<(Slug, LangText)>, StoreError> {
        let sql = format!(
            "SELECT slug, name_sv, name_en FROM actors ORDER BY {}, slug",
            sort_column(lang)
        );
        let rows = sqlx::query(&sql).fetch_all(self.pool()).await?;
        rows.iter()
            .map(|r| Ok((slug(r, "slug")?, lang_text(r, "name")?)))
            .collect()
    }

    /// The names of the actors with these slugs (unknown slugs are left out), in one query.
    pub async fn actor_names_of(
        &self,
        slugs: &[Slug],
    ) -> Result<Vec<(Slug, LangText)>, StoreError> {
        if slugs.is_empty() {
            return Ok(Vec::new());
        }
        let marks: Vec<String> = (1..=slugs.len()).map(|i| format!("${i}")).collect();
        let sql = format!(
            "SELECT slug, name_sv, name_en FROM actors WHERE slug IN ({}) ORDER BY slug",
            marks.join(", ")
        );
        let mut q = sqlx::query(&sql);
        for s in slugs {
            q = q.bind(s.as_str());
        }
        let rows = q.fetch_all(self.pool()).await?;
        rows.iter()
            .map(|r| Ok((slug(r, "slug")?, lang_text(r, "name")?)))
            .collect()
    }

    /// True when the database holds no actors and no campuses yet (so the built-in data set may be loaded).
    pub async fn is_empty(&self) -> Result<bool, StoreError> {
        let row = sqlx::query(
            "SELECT (SELECT COUNT(*) FROM actors) + (SELECT COUNT(*) FROM campuses) AS n",
        )
        .fetch_one(self.pool())
        .await?;
        Ok(count(&row, "n")? == 0)
    }
}
