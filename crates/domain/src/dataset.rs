//! The built-in data set format: reviewable TOML files for campuses, tags, actors and relations, checked as a
//! whole before anything is written.

use crate::{
    Actor, ActorKind, Campus, ContactPerson, LangText, OwnershipForm, Relation, RelationKind, Slug,
    Tag,
};
use crate::{Coordinates, Email, WebUrl};
use serde::Deserialize;
use std::collections::{BTreeSet, HashSet};

/// The text of the four data set files.
#[derive(Debug, Clone, Copy)]
pub struct DatasetFiles<'a> {
    /// `campuses.toml`
    pub campuses: &'a str,
    /// `tags.toml`
    pub tags: &'a str,
    /// `actors.toml`
    pub actors: &'a str,
    /// `relations.toml`
    pub relations: &'a str,
}

/// A validated data set: every reference resolves, every slug is unique, every text is in both languages.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    /// Campuses.
    pub campuses: Vec<Campus>,
    /// Competence tags.
    pub tags: Vec<Tag>,
    /// Actors.
    pub actors: Vec<Actor>,
    /// Relations between actors.
    pub relations: Vec<Relation>,
}

/// One problem found in the data set, located by file and record.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}: {record}: {message}")]
pub struct DatasetProblem {
    /// The file the problem is in.
    pub file: &'static str,
    /// Which record (a slug, or `relation #n`), or `file` for a parse error.
    pub record: String,
    /// What is wrong.
    pub message: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CampusFile {
    #[serde(default)]
    campus: Vec<RawCampus>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCampus {
    slug: String,
    name_sv: String,
    name_en: String,
    municipality: Option<String>,
    description_sv: String,
    description_en: String,
    lat: Option<f64>,
    lon: Option<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TagFile {
    #[serde(default)]
    tag: Vec<RawTag>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTag {
    slug: String,
    sv: String,
    en: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ActorFile {
    #[serde(default)]
    actor: Vec<RawActor>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawActor {
    slug: String,
    name_sv: String,
    name_en: String,
    short_name: Option<String>,
    kind: String,
    ownership: Option<String>,
    description_sv: String,
    description_en: String,
    website: Option<String>,
    org_number: Option<String>,
    address: Option<String>,
    lat: Option<f64>,
    lon: Option<f64>,
    #[serde(default)]
    campuses: Vec<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    contact: Vec<RawContact>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawContact {
    name: String,
    role_sv: String,
    role_en: String,
    email: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RelationFile {
    #[serde(default)]
    relation: Vec<RawRelation>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRelation {
    from: String,
    kind: String,
    to: String,
    since: Option<i32>,
    until: Option<i32>,
    source: Option<String>,
}

pub(crate) struct Problems(pub(crate) Vec<DatasetProblem>);

impl Problems {
    pub(crate) fn add(
        &mut self,
        file: &'static str,
        record: impl Into<String>,
        message: impl Into<String>,
    ) {
        self.0.push(DatasetProblem {
            file,
            record: record.into(),
            message: message.into(),
        });
    }

    pub(crate) fn slug(&mut self, file: &'static str, record: &str, value: &str) -> Option<Slug> {
        match Slug::parse(value) {
            Ok(s) => Some(s),
            Err(e) => {
                self.add(file, record, format!("{e}: {value:?}"));
                None
            }
        }
    }

    pub(crate) fn text(
        &mut self,
        file: &'static str,
        record: &str,
        field: &str,
        sv: String,
        en: String,
    ) -> LangText {
        let t = LangText::new(sv.trim(), en.trim());
        if t.sv.is_empty() {
            self.add(file, record, format!("{field}_sv is empty"));
        }
        if t.en.is_empty() {
            self.add(file, record, format!("{field}_en is empty"));
        }
        t
    }

    fn coordinates(
        &mut self,
        file: &'static str,
        record: &str,
        lat: Option<f64>,
        lon: Option<f64>,
    ) -> Option<Coordinates> {
        match (lat, lon) {
            (None, None) => None,
            (Some(lat), Some(lon)) => match Coordinates::new(lat, lon) {
                Ok(c) => Some(c),
                Err(e) => {
                    self.add(file, record, e.to_string());
                    None
                }
            },
            _ => {
                self.add(file, record, "lat and lon must be given together");
                None
            }
        }
    }
}

pub(crate) fn parse_file<T: for<'de> Deserialize<'de>>(
    file: &'static str,
    text: &str,
    problems: &mut Problems,
) -> Option<T> {
    match toml::from_str(text) {
        Ok(v) => Some(v),
        Err(e) => {
            problems.add(file, "file", e.to_string().trim().to_owned());
            None
        }
    }
}

pub(crate) fn non_empty(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
}

impl Dataset {
    /// Parses and checks the four files; returns every problem found, not just the first.
    pub fn parse(files: DatasetFiles<'_>) -> Result<Dataset, Vec<DatasetProblem>> {
        let mut p = Problems(Vec::new());
        let campus_file: Option<CampusFile> = parse_file("campuses.toml", files.campuses, &mut p);
        let tag_file: Option<TagFile> = parse_file("tags.toml", files.tags, &mut p);
        let actor_file: Option<ActorFile> = parse_file("actors.toml", files.actors, &mut p);
        let relation_file: Option<RelationFile> =
            parse_file("relations.toml", files.relations, &mut p);
        let (Some(campus_file), Some(tag_file), Some(actor_file), Some(relation_file)) =
            (campus_file, tag_file, actor_file, relation_file)
        else {
            return Err(p.0);
        };

        let mut data = Dataset::default();
        let mut campus_slugs = HashSet::new();
        for raw in campus_file.campus {
            let rec = raw.slug.clone();
            let name = p.text("campuses.toml", &rec, "name", raw.name_sv, raw.name_en);
            let description = p.text(
                "campuses.toml",
                &rec,
                "description",
                raw.description_sv,
                raw.description_en,
            );
            let coordinates = p.coordinates("campuses.toml", &rec, raw.lat, raw.lon);
            let Some(slug) = p.slug("campuses.toml", &rec, &raw.slug) else {
                continue;
            };
            if !campus_slugs.insert(slug.clone()) {
                p.add("campuses.toml", &rec, "slug used twice");
            }
            data.campuses.push(Campus {
                slug,
                name,
                municipality: non_empty(raw.municipality),
                description,
                coordinates,
            });
        }

        let mut tag_slugs = HashSet::new();
        for raw in tag_file.tag {
            let rec = raw.slug.clone();
            let label = p.text("tags.toml", &rec, "label", raw.sv, raw.en);
            let Some(slug) = p.slug("tags.toml", &rec, &raw.slug) else {
                continue;
            };
            if !tag_slugs.insert(slug.clone()) {
                p.add("tags.toml", &rec, "slug used twice");
            }
            data.tags.push(Tag { slug, label });
        }

        let mut actor_slugs = HashSet::new();
        let mut org_numbers = HashSet::new();
        for raw in actor_file.actor {
            let rec = raw.slug.clone();
            let f = "actors.toml";
            let name = p.text(f, &rec, "name", raw.name_sv, raw.name_en);
            let description = p.text(
                f,
                &rec,
                "description",
                raw.description_sv,
                raw.description_en,
            );
            let kind = ActorKind::parse(&raw.kind);
            if kind.is_none() {
                p.add(f, &rec, format!("unknown kind {:?}", raw.kind));
            }
            let ownership = match non_empty(raw.ownership) {
                None => None,
                Some(o) => {
                    let parsed = OwnershipForm::parse(&o);
                    if parsed.is_none() {
                        p.add(f, &rec, format!("unknown ownership {o:?}"));
                    }
                    parsed
                }
            };
            let website = non_empty(raw.website).and_then(|w| match WebUrl::parse(&w) {
                Ok(u) => Some(u),
                Err(e) => {
                    p.add(f, &rec, format!("website: {e}"));
                    None
                }
            });
            let org_number = non_empty(raw.org_number);
            if let Some(n) = &org_number
                && !org_numbers.insert(n.clone())
            {
                p.add(f, &rec, "org_number used twice");
            }
            let coordinates = p.coordinates(f, &rec, raw.lat, raw.lon);
            let mut campuses = Vec::new();
            for c in raw.campuses {
                match Slug::parse(&c) {
                    Ok(s) if campus_slugs.contains(&s) => campuses.push(s),
                    _ => p.add(f, &rec, format!("unknown campus {c:?}")),
                }
            }
            let mut tags = Vec::new();
            for t in raw.tags {
                match Slug::parse(&t) {
                    Ok(s) if tag_slugs.contains(&s) => tags.push(s),
                    _ => p.add(f, &rec, format!("unknown tag {t:?}")),
                }
            }
            let mut contacts = Vec::new();
            for c in raw.contact {
                if c.name.trim().is_empty() {
                    p.add(f, &rec, "a contact has no name");
                }
                let role = LangText::new(c.role_sv.trim(), c.role_en.trim());
                let email = non_empty(c.email).and_then(|e| match Email::parse(&e) {
                    Ok(e) => Some(e),
                    Err(err) => {
                        p.add(f, &rec, format!("contact {}: {err}", c.name));
                        None
                    }
                });
                contacts.push(ContactPerson {
                    name: c.name.trim().to_owned(),
                    role,
                    email,
                });
            }
            let (Some(slug), Some(kind)) = (p.slug(f, &rec, &raw.slug), kind) else {
                continue;
            };
            if !actor_slugs.insert(slug.clone()) {
                p.add(f, &rec, "slug used twice");
            }
            data.actors.push(Actor {
                slug,
                name,
                short_name: non_empty(raw.short_name),
                kind,
                ownership,
                description,
                website,
                org_number,
                address: non_empty(raw.address),
                coordinates,
                campuses,
                tags,
                contacts,
            });
        }

        let mut seen = BTreeSet::new();
        for (i, raw) in relation_file.relation.into_iter().enumerate() {
            let f = "relations.toml";
            let rec = format!("relation #{} ({} {} {})", i + 1, raw.from, raw.kind, raw.to);
            let kind = RelationKind::parse(&raw.kind);
            if kind.is_none() {
                p.add(f, &rec, format!("unknown relation kind {:?}", raw.kind));
            }
            let endpoint = |p: &mut Problems, s: &str| match Slug::parse(s) {
                Ok(slug) if actor_slugs.contains(&slug) => Some(slug),
                _ => {
                    p.add(f, &rec, format!("no actor with slug {s:?}"));
                    None
                }
            };
            let from = endpoint(&mut p, &raw.from);
            let to = endpoint(&mut p, &raw.to);
            if let (Some(since), Some(until)) = (raw.since, raw.until)
                && until < since
            {
                p.add(f, &rec, "until is before since");
            }
            let (Some(from), Some(kind), Some(to)) = (from, kind, to) else {
                continue;
            };
            if from == to {
                p.add(f, &rec, "an actor cannot relate to itself");
                continue;
            }
            if !seen.insert((from.clone(), kind, to.clone())) {
                p.add(f, &rec, "the same relation is listed twice");
                continue;
            }
            data.relations.push(Relation {
                from,
                kind,
                to,
                since: raw.since,
                until: raw.until,
                source: non_empty(raw.source),
            });
        }

        if p.0.is_empty() { Ok(data) } else { Err(p.0) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CAMPUSES: &str = r#"
[[campus]]
slug = "flemingsberg"
name_sv = "Campus Flemingsberg"
name_en = "Campus Flemingsberg"
description_sv = "Söder om Stockholm."
description_en = "South of Stockholm."
"#;
    const TAGS: &str = r#"
[[tag]]
slug = "cell-therapy"
sv = "Cellterapi"
en = "Cell therapy"
"#;
    const ACTORS: &str = r#"
[[actor]]
slug = "vecura"
name_sv = "Vecura"
name_en = "Vecura"
kind = "infrastructure"
ownership = "region"
description_sv = "En GMP-anläggning."
description_en = "A GMP facility."
campuses = ["flemingsberg"]
tags = ["cell-therapy"]

[[actor]]
slug = "karolinska-universitetssjukhuset"
name_sv = "Karolinska Universitetssjukhuset"
name_en = "Karolinska University Hospital"
kind = "hospital"
description_sv = "Ett sjukhus."
description_en = "A hospital."
"#;

    fn files(relations: &str) -> DatasetFiles<'_> {
        DatasetFiles {
            campuses: CAMPUSES,
            tags: TAGS,
            actors: ACTORS,
            relations,
        }
    }

    #[test]
    fn a_valid_set_parses() {
        let rel = "[[relation]]\nfrom = \"vecura\"\nkind = \"part_of\"\nto = \"karolinska-universitetssjukhuset\"\n";
        let data = Dataset::parse(files(rel)).expect("valid");
        assert_eq!(data.actors.len(), 2);
        assert_eq!(data.relations.len(), 1);
        assert_eq!(data.actors[0].campuses[0].as_str(), "flemingsberg");
    }

    #[test]
    fn dangling_duplicate_and_self_relations_are_reported() {
        let rel = r#"
[[relation]]
from = "vecura"
kind = "part_of"
to = "nowhere"
[[relation]]
from = "vecura"
kind = "owns"
to = "vecura"
[[relation]]
from = "vecura"
kind = "funds"
to = "karolinska-universitetssjukhuset"
[[relation]]
from = "vecura"
kind = "funds"
to = "karolinska-universitetssjukhuset"
"#;
        let problems = Dataset::parse(files(rel)).expect_err("invalid");
        let messages: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert!(
            messages
                .iter()
                .any(|m| m.contains("no actor with slug \"nowhere\"")),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.contains("cannot relate to itself")),
            "{messages:?}"
        );
        assert!(
            messages.iter().any(|m| m.contains("listed twice")),
            "{messages:?}"
        );
    }

    #[test]
    fn missing_language_and_unknown_fields_are_reported() {
        let actors = ACTORS.replace(
            "description_en = \"A GMP facility.\"",
            "description_en = \"\"\nfax = \"1\"",
        );
        let problems = Dataset::parse(DatasetFiles {
            actors: &actors,
            ..files("")
        })
        .expect_err("invalid");
        assert!(
            problems
                .iter()
                .any(|p| p.message.contains("unknown field `fax`")),
            "{problems:?}"
        );
        let actors = ACTORS.replace(
            "description_en = \"A GMP facility.\"",
            "description_en = \" \"",
        );
        let problems = Dataset::parse(DatasetFiles {
            actors: &actors,
            ..files("")
        })
        .expect_err("invalid");
        assert!(
            problems
                .iter()
                .any(|p| p.record == "vecura" && p.message == "description_en is empty"),
            "{problems:?}"
        );
    }
}
