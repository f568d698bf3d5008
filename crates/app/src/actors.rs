//! Actors: the change of an actor's profile that the edit form and `PATCH /api/v1/actors/{slug}` both make —
//! one validation, one policy check (and its audit when refused), one write.

use domain::{
    Action, Actor, ActorKind, ContactPerson, Decision, Email, LangText, OwnershipForm, Principal,
    Relation, RelationKind, Slug, WebUrl,
};
use i18n::Tr;
use store::{ActorUpdate, Store, StoreError};

/// Longest accepted text field (descriptions).
pub const MAX_TEXT: usize = 5000;
/// Longest accepted short field (names, roles, sources).
pub const MAX_SHORT: usize = 300;

/// The fields of an actor as submitted, before validation: what both the form and the API produce.
#[derive(Debug, Clone, Default)]
pub struct ActorInput {
    /// `name.sv`, `name.en`.
    pub name: (String, String),
    /// Abbreviation.
    pub short_name: String,
    /// Kind.
    pub kind: String,
    /// Ownership form.
    pub ownership: String,
    /// `description.sv`, `description.en`.
    pub description: (String, String),
    /// Web site.
    pub website: String,
    /// Organisation number.
    pub org_number: String,
    /// Address.
    pub address: String,
    /// Campus slugs.
    pub campuses: Vec<String>,
    /// Tag slugs.
    pub tags: Vec<String>,
    /// (name, role sv, role en, email).
    pub contacts: Vec<(String, String, String, String)>,
    /// (kind, to, since, until, source).
    pub relations: Vec<(String, String, String, String, String)>,
}

impl ActorInput {
    /// The current profile as input (to fill the form).
    pub fn from_actor(a: &Actor, relations: &[store::RelationRow]) -> ActorInput {
        ActorInput {
            name: (a.name.sv.clone(), a.name.en.clone()),
            short_name: a.short_name.clone().unwrap_or_default(),
            kind: a.kind.as_str().into(),
            ownership: a
                .ownership
                .map(|o| o.as_str().to_owned())
                .unwrap_or_default(),
            description: (a.description.sv.clone(), a.description.en.clone()),
            website: a
                .website
                .as_ref()
                .map(|w| w.as_str().to_owned())
                .unwrap_or_default(),
            org_number: a.org_number.clone().unwrap_or_default(),
            address: a.address.clone().unwrap_or_default(),
            campuses: a.campuses.iter().map(ToString::to_string).collect(),
            tags: a.tags.iter().map(ToString::to_string).collect(),
            contacts: a
                .contacts
                .iter()
                .map(|c| {
                    (
                        c.name.clone(),
                        c.role.sv.clone(),
                        c.role.en.clone(),
                        c.email
                            .as_ref()
                            .map(|e| e.as_str().to_owned())
                            .unwrap_or_default(),
                    )
                })
                .collect(),
            relations: relations
                .iter()
                .filter(|r| r.from == a.slug)
                .map(|r| {
                    (
                        r.kind.as_str().to_owned(),
                        r.to.to_string(),
                        r.since.map(|y| y.to_string()).unwrap_or_default(),
                        r.until.map(|y| y.to_string()).unwrap_or_default(),
                        r.source.clone().unwrap_or_default(),
                    )
                })
                .collect(),
        }
    }

    /// True when the input changes the actor's kind or ownership form.
    pub fn reclassifies(&self, actor: &Actor) -> bool {
        self.kind != actor.kind.as_str()
            || self.ownership != actor.ownership.map(|o| o.as_str()).unwrap_or_default()
    }

    /// Validates into an update; every problem is reported with its field name and a translated message.
    /// Empty contact and relation rows are dropped.
    pub fn validate(&self, t: Tr, slug: &Slug) -> Result<ActorUpdate, Vec<(String, String)>> {
        let mut errors = Vec::new();
        let need = |field: &str, value: &str, max: usize, errors: &mut Vec<(String, String)>| {
            if value.trim().is_empty() {
                errors.push((field.to_owned(), t.t("field-required")));
            } else if value.chars().count() > max {
                errors.push((field.to_owned(), t.t1("field-too-long", "max", max)));
            }
        };
        need("name.sv", &self.name.0, MAX_SHORT, &mut errors);
        need("name.en", &self.name.1, MAX_SHORT, &mut errors);
        need("description.sv", &self.description.0, MAX_TEXT, &mut errors);
        need("description.en", &self.description.1, MAX_TEXT, &mut errors);
        for (field, v) in [
            ("short_name", &self.short_name),
            ("org_number", &self.org_number),
            ("address", &self.address),
        ] {
            if v.chars().count() > MAX_SHORT {
                errors.push((field.to_owned(), t.t1("field-too-long", "max", MAX_SHORT)));
            }
        }
        let kind = ActorKind::parse(&self.kind);
        if kind.is_none() {
            errors.push(("kind".into(), t.t("field-choose")));
        }
        let ownership = if self.ownership.is_empty() {
            Ok(None)
        } else {
            OwnershipForm::parse(&self.ownership).map(Some).ok_or(())
        };
        if ownership.is_err() {
            errors.push(("ownership".into(), t.t("field-choose")));
        }
        let org_number = if self.org_number.is_empty() {
            None
        } else {
            match domain::OrgNumber::parse(&self.org_number) {
                Ok(n) => Some(n.to_string()),
                Err(_) => {
                    errors.push(("org_number".into(), t.t("org-number-invalid")));
                    None
                }
            }
        };
        let website = if self.website.is_empty() {
            Ok(None)
        } else {
            WebUrl::parse(&self.website).map(Some)
        };
        if website.is_err() {
            errors.push(("website".into(), t.t("url-invalid")));
        }
        let slugs =
            |field: &str, list: &[String], errors: &mut Vec<(String, String)>| -> Vec<Slug> {
                let mut out: Vec<Slug> = Vec::new();
                for s in list {
                    match Slug::parse(s) {
                        Ok(s) if !out.contains(&s) => out.push(s),
                        Ok(_) => {}
                        Err(_) => errors.push((field.to_owned(), t.t("field-choose"))),
                    }
                }
                out
            };
        let campuses = slugs("campuses", &self.campuses, &mut errors);
        let tags = slugs("tags", &self.tags, &mut errors);
        let mut contacts = Vec::new();
        for (i, (name, role_sv, role_en, email)) in self.contacts.iter().enumerate() {
            if name.is_empty() && role_sv.is_empty() && role_en.is_empty() && email.is_empty() {
                continue;
            }
            let f = |k: &str| format!("contacts[{i}].{k}");
            need(&f("name"), name, MAX_SHORT, &mut errors);
            for (k, v) in [("role_sv", role_sv), ("role_en", role_en)] {
                if v.chars().count() > MAX_SHORT {
                    errors.push((f(k), t.t1("field-too-long", "max", MAX_SHORT)));
                }
            }
            let email = if email.is_empty() {
                None
            } else {
                Email::parse(email)
                    .map_err(|_| errors.push((f("email"), t.t("email-invalid"))))
                    .ok()
            };
            contacts.push(ContactPerson {
                name: name.clone(),
                role: LangText::new(role_sv.as_str(), role_en.as_str()),
                email,
            });
        }
        let mut relations: Vec<Relation> = Vec::new();
        for (i, (kind, to, since, until, source)) in self.relations.iter().enumerate() {
            if kind.is_empty()
                && to.is_empty()
                && since.is_empty()
                && until.is_empty()
                && source.is_empty()
            {
                continue;
            }
            let f = |k: &str| format!("relations[{i}].{k}");
            let rk = RelationKind::parse(kind);
            if rk.is_none() {
                errors.push((f("kind"), t.t("field-choose")));
            }
            let target = Slug::parse(to);
            match &target {
                Err(_) => errors.push((f("to"), t.t("field-choose"))),
                Ok(s) if s == slug => errors.push((f("to"), t.t("relation-self"))),
                Ok(_) => {}
            }
            let year =
                |v: &str, field: String, errors: &mut Vec<(String, String)>| -> Option<i32> {
                    if v.is_empty() {
                        return None;
                    }
                    match v.parse::<i32>() {
                        Ok(y) if (1000..=2200).contains(&y) => Some(y),
                        _ => {
                            errors.push((field, t.t("year-invalid")));
                            None
                        }
                    }
                };
            let since = year(since, f("since"), &mut errors);
            let until = year(until, f("until"), &mut errors);
            if let (Some(s), Some(u)) = (since, until)
                && u < s
            {
                errors.push((f("until"), t.t("until-before-since")));
            }
            if source.chars().count() > MAX_SHORT {
                errors.push((f("source"), t.t1("field-too-long", "max", MAX_SHORT)));
            }
            if let (Some(kind), Ok(to)) = (rk, target) {
                if relations.iter().any(|r| r.kind == kind && r.to == to) {
                    errors.push((f("to"), t.t("relation-duplicate")));
                }
                relations.push(Relation {
                    from: slug.clone(),
                    kind,
                    to,
                    since,
                    until,
                    source: Some(source.clone()).filter(|s| !s.is_empty()),
                });
            }
        }
        let (Some(kind), Ok(ownership), Ok(website), true) =
            (kind, ownership, website, errors.is_empty())
        else {
            return Err(errors);
        };
        let opt = |s: &str| Some(s.to_owned()).filter(|s| !s.is_empty());
        Ok(ActorUpdate {
            name: LangText::new(self.name.0.as_str(), self.name.1.as_str()),
            short_name: opt(&self.short_name),
            kind,
            ownership,
            description: LangText::new(self.description.0.as_str(), self.description.1.as_str()),
            website,
            org_number,
            address: opt(&self.address),
            campuses,
            tags,
            contacts,
            relations,
        })
    }
}

/// Maps a store refusal of an update to the field it concerns.
pub fn store_refusal(t: Tr, e: StoreError) -> Result<(String, String), StoreError> {
    match e {
        StoreError::UnknownReference("campus") => Ok(("campuses".into(), t.t("field-choose"))),
        StoreError::UnknownReference("tag") => Ok(("tags".into(), t.t("field-choose"))),
        StoreError::UnknownReference("actor") => {
            Ok(("relations".into(), t.t("relation-unknown-actor")))
        }
        StoreError::Conflict("org_number") => Ok(("org_number".into(), t.t("org-number-taken"))),
        StoreError::Conflict(_) => Ok(("relations".into(), t.t("relation-duplicate"))),
        other => Err(other),
    }
}

/// Why a change of an actor was refused.
#[derive(Debug, thiserror::Error)]
pub enum ActorFail {
    /// The policy does not let this person change this (the refusal is audited as `denied`).
    #[error("forbidden")]
    Forbidden,
    /// Fields refused, each with its message.
    #[error("fields refused: {0:?}")]
    Fields(Vec<(String, String)>),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Audits a refused change of `key` by `user` as `denied` (an attempt worth seeing in the log).
pub async fn deny(store: &Store, user: Option<i64>, object_type: &str, key: &str) {
    let _ = store
        .audit(store::AuditRecord {
            user_id: user,
            object_type,
            object_key: key,
            action: "denied",
            changes: &[],
            personal: &[],
        })
        .await;
}

/// Changes `actor`'s profile to `input`: editors of the actor and admins may; only admins may change its kind
/// and ownership form (which decide the legal path into it). Everything is checked before anything is written;
/// a refused attempt is audited.
pub async fn update(
    store: &Store,
    t: Tr,
    principal: Option<&Principal>,
    actor: &Actor,
    input: &ActorInput,
) -> Result<(), ActorFail> {
    let slug = &actor.slug;
    let user = principal.map(Principal::user_id);
    let allowed = |action: &Action<'_>| domain::auth::decide(principal, action) == Decision::Allow;
    if !allowed(&Action::EditActor(slug))
        || (input.reclassifies(actor) && !allowed(&Action::ClassifyActor(slug)))
    {
        deny(store, user, "actor", slug.as_str()).await;
        return Err(ActorFail::Forbidden);
    }
    let update = input.validate(t, slug).map_err(ActorFail::Fields)?;
    match store.update_actor(slug, &update, user).await {
        Ok(_) => Ok(()),
        Err(e) => Err(ActorFail::Fields(vec![store_refusal(t, e)?])),
    }
}
