//! View structs: everything a template shows, already translated and formatted.

use super::filters::FilterChoices;
use crate::kit::actors_url;
use crate::kit::labels::{kind_label, kinds_label, ownership_label, relation_label};
use crate::kit::page::{Layout, Link, Nav, Pagination};
use crate::kit::text::Text;
use askama::Template;
use domain::{Actor, ActorKind, Campus, Lang, LangText, PageRequest, RelationKind, Slug, Tag};
use i18n::Tr;
use store::{
    ActorFilter, ActorSummary, CampusSummary, Paged, RelationDirection, RelationRow, TagCount,
};

/// The text of an actor's or campus's short excerpt: the first sentence, or the first 200 characters.
fn excerpt(text: &str) -> String {
    let first = text.split_inclusive(". ").next().unwrap_or(text).trim();
    if first.chars().count() <= 200 {
        first.to_owned()
    } else {
        let cut: String = first.chars().take(199).collect();
        format!("{}…", cut.trim_end())
    }
}

/// The source of a relation as shown: the data set's marker for structural public facts is translated,
/// document titles are shown as they are.
fn source_label(t: Tr, source: &str) -> Text {
    if source == "Public record" {
        Text::written(t.t("source-public-record"), t.lang, t.lang)
    } else {
        Text::identified(source, t.lang)
    }
}

fn campus_name<'a>(
    mut campuses: impl Iterator<Item = &'a Campus>,
    slug: &Slug,
    lang: Lang,
) -> String {
    campuses
        .find(|c| &c.slug == slug)
        .map_or_else(|| slug.to_string(), |c| c.name.get(lang).to_owned())
}

fn tag_label(tags: &[Tag], slug: &Slug, lang: Lang) -> String {
    tags.iter()
        .find(|t| &t.slug == slug)
        .map_or_else(|| slug.to_string(), |t| t.label.get(lang).to_owned())
}

// ----------------------------------------------------------------------------------------------------------
// Actor list

/// An actor in a list.
pub struct ActorCard {
    /// Link to the actor page.
    pub href: String,
    /// Name in the page language.
    pub name: String,
    /// Abbreviation.
    pub short_name: Option<String>,
    /// Kind, translated.
    pub kind: String,
    /// Ownership form, translated.
    pub ownership: Option<String>,
    /// Campus names.
    pub campuses: Vec<String>,
    /// First sentence of the description.
    pub excerpt: Text,
}

#[derive(Template)]
#[template(path = "atlas/actors.html")]
pub struct ActorListPage {
    /// The frame.
    pub layout: Layout,
    /// The text filter.
    pub q: String,
    /// The filter choices.
    pub choices: FilterChoices,
    /// Whether any filter is set.
    pub filtered: bool,
    /// The actors on this page.
    pub items: Vec<ActorCard>,
    /// "12 actors".
    pub summary: String,
    /// Paging links.
    pub pagination: Option<Pagination>,
}

impl ActorListPage {
    /// Builds the actor list view.
    pub fn build(
        lang: Lang,
        filter: &ActorFilter,
        page: PageRequest,
        list: Paged<ActorSummary>,
        campuses: &[CampusSummary],
        tags: &[TagCount],
    ) -> ActorListPage {
        let t = Tr::new(lang);
        let path = actors_url(lang, filter, Some(page));
        let path = path
            .trim_start_matches(&format!("/{}/", lang.code()))
            .to_owned();
        let layout = Layout::new(lang, &t.t("actors-title"), &path, Nav::Actors, None);
        let items = list
            .items
            .iter()
            .map(|a| ActorCard {
                href: format!("/{}/actors/{}", lang.code(), a.slug),
                name: a.name.get(lang).to_owned(),
                short_name: a.short_name.clone(),
                kind: kind_label(t, a.kind),
                ownership: a.ownership.map(|o| ownership_label(t, o)),
                campuses: a
                    .campuses
                    .iter()
                    .map(|c| campus_name(campuses.iter().map(|s| &s.campus), c, lang))
                    .collect(),
                excerpt: Text::of(&a.description, lang).map(excerpt),
            })
            .collect();
        let filtered = filter != &ActorFilter::default();
        let summary = if filtered {
            t.n("actors-count-filtered", "count", list.total)
        } else {
            t.n("actors-count", "count", list.total)
        };
        ActorListPage {
            q: filter.text.clone().unwrap_or_default(),
            choices: FilterChoices::new(lang, filter, campuses, tags),
            filtered,
            items,
            summary,
            pagination: Pagination::new(t, page, list.total, |p| actors_url(lang, filter, Some(p))),
            layout,
        }
    }
}

// ----------------------------------------------------------------------------------------------------------
// Actor page

/// Relations of one type and direction, e.g. "Part of".
pub struct RelationGroup {
    /// The relation, read from this actor.
    pub label: String,
    /// The actors on the other end.
    pub items: Vec<RelationItem>,
}

/// One related actor.
pub struct RelationItem {
    /// Link to it.
    pub href: String,
    /// Its name.
    pub name: String,
    /// "since 2022", "2020–2023", or empty.
    pub period: String,
    /// Where the fact comes from.
    pub source: Option<Text>,
}

/// A contact person.
pub struct ContactView {
    /// Full name.
    pub name: String,
    /// Role in the page language.
    pub role: Text,
    /// E-mail, if published.
    pub email: Option<String>,
}

/// One actor's page.
#[derive(Template)]
#[template(path = "atlas/actor.html")]
pub struct ActorPage {
    /// The frame.
    pub layout: Layout,
    /// schema.org `Organization` as JSON-LD (escaped for a script block).
    pub json_ld: crate::kit::ScriptJson,
    /// Name in the page language.
    pub name: String,
    /// Name in the other language, when it differs.
    pub other_name: Option<String>,
    /// Abbreviation.
    pub short_name: Option<String>,
    /// Kind, linked to the list of that kind.
    pub kind: Link,
    /// Ownership form, linked to the list of that form.
    pub ownership: Option<Link>,
    /// Campuses.
    pub campuses: Vec<Link>,
    /// Web site (href, host).
    pub website: Option<Link>,
    /// Organisation number.
    pub org_number: Option<String>,
    /// Street address.
    pub address: Option<String>,
    /// Description paragraphs.
    pub description: Vec<Text>,
    /// Competence tags.
    pub tags: Vec<Link>,
    /// Relations grouped by type.
    pub relations: Vec<RelationGroup>,
    /// How many relations in all.
    pub relation_count: usize,
    /// Contact persons.
    pub contacts: Vec<ContactView>,
    /// The JSON of this actor.
    pub api_href: String,
    /// Whether the caller may edit this actor (shows the edit and history links).
    pub can_edit: bool,
    /// Whether the caller may erase contact persons (admins: shows an erase button per contact).
    pub can_erase_contacts: bool,
    /// Whether the page follows a successful save.
    pub saved: bool,
    /// A company that registered itself and is not yet reviewed by the programme office.
    pub unreviewed: bool,
    /// The actor's slug.
    pub slug: String,
    /// Events it organises, latest first.
    pub events: Vec<Link>,
    /// News items about it, newest first.
    pub news: Vec<Link>,
    /// A link to all its events, when the page lists only the latest.
    pub all_events: Option<Link>,
    /// A link to all news about it, when the page lists only the latest.
    pub all_news: Option<Link>,
    /// Meeting places it runs.
    pub places: Vec<Link>,
    /// Its measures in the strategy's action plans, by area: (the area, [(the measure, its part)]).
    pub strategy: Vec<(Link, Vec<(Link, String)>)>,
}

fn period(t: Tr, since: Option<i32>, until: Option<i32>) -> String {
    match (since, until) {
        (Some(s), Some(u)) => t.t2(
            "period-range",
            ("since", &s.to_string()),
            ("until", &u.to_string()),
        ),
        (Some(s), None) => t.t1("period-since", "since", s),
        (None, Some(u)) => t.t1("period-until", "until", u),
        (None, None) => String::new(),
    }
}

/// schema.org `Organization` data for an actor page, as JSON safe to put in a `<script>` data block.
fn organization_json_ld(actor: &Actor, lang: Lang, campuses: &[Campus]) -> crate::kit::ScriptJson {
    let mut org = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": actor.name.get(lang),
        "description": actor.description.get(lang),
        "url": actor.website.as_ref().map(|w| w.as_str()),
        "alternateName": actor.short_name,
        "taxID": actor.org_number,
        "address": actor.address,
        "location": actor.campuses.iter().map(|c| serde_json::json!({
            "@type": "Place", "name": campus_name(campuses.iter(), c, lang)
        })).collect::<Vec<_>>(),
        "knowsAbout": actor.tags.iter().map(Slug::as_str).collect::<Vec<_>>(),
    });
    if let Some(map) = org.as_object_mut() {
        map.retain(|_, v| !v.is_null() && v.as_array().is_none_or(|a| !a.is_empty()));
    }
    crate::kit::ScriptJson::new(&org)
}

impl ActorPage {
    /// Builds the actor page view.
    pub fn build(
        lang: Lang,
        actor: Actor,
        relations: Vec<RelationRow>,
        campuses: &[Campus],
        tags: &[Tag],
    ) -> ActorPage {
        let t = Tr::new(lang);
        let json_ld = organization_json_ld(&actor, lang, campuses);
        let name = actor.name.get(lang).to_owned();
        let other = actor.name.get(lang.other());
        let layout = Layout::new(
            lang,
            &name,
            &format!("actors/{}", actor.slug),
            Nav::Actors,
            Some(excerpt(actor.description.get(lang))),
        );
        let mut groups: Vec<(RelationKind, RelationDirection, RelationGroup)> = Vec::new();
        for r in &relations {
            let dir = r.direction_from(&actor.slug);
            let (other_slug, other_name): (&Slug, &LangText) = match dir {
                RelationDirection::Outgoing => (&r.to, &r.to_name),
                RelationDirection::Incoming => (&r.from, &r.from_name),
            };
            let item = RelationItem {
                href: format!("/{}/actors/{}", lang.code(), other_slug),
                name: other_name.get(lang).to_owned(),
                period: period(t, r.since, r.until),
                source: r.source.as_deref().map(|s| source_label(t, s)),
            };
            match groups
                .iter_mut()
                .find(|(k, d, _)| *k == r.kind && *d == dir)
            {
                Some((_, _, g)) => g.items.push(item),
                None => groups.push((
                    r.kind,
                    dir,
                    RelationGroup {
                        label: relation_label(t, r.kind, dir),
                        items: vec![item],
                    },
                )),
            }
        }
        let one = |f: ActorFilter| actors_url(lang, &f, None);
        ActorPage {
            other_name: (other != name).then(|| other.to_owned()),
            short_name: actor.short_name.clone(),
            kind: Link {
                href: one(ActorFilter {
                    kind: Some(actor.kind),
                    ..ActorFilter::default()
                }),
                text: kind_label(t, actor.kind),
            },
            ownership: actor.ownership.map(|o| Link {
                href: one(ActorFilter {
                    ownership: Some(o),
                    ..ActorFilter::default()
                }),
                text: ownership_label(t, o),
            }),
            campuses: actor
                .campuses
                .iter()
                .map(|c| Link {
                    href: format!("/{}/campuses/{c}", lang.code()),
                    text: campus_name(campuses.iter(), c, lang),
                })
                .collect(),
            website: actor.website.as_ref().map(|w| Link {
                href: w.as_str().to_owned(),
                text: w.host().to_owned(),
            }),
            org_number: actor.org_number.clone(),
            address: actor.address.clone(),
            description: Text::of(&actor.description, lang).paragraphs(),
            tags: actor
                .tags
                .iter()
                .map(|tg| Link {
                    href: one(ActorFilter {
                        tag: Some(tg.clone()),
                        ..ActorFilter::default()
                    }),
                    text: tag_label(tags, tg, lang),
                })
                .collect(),
            relation_count: relations.len(),
            relations: groups.into_iter().map(|(_, _, g)| g).collect(),
            contacts: actor
                .contacts
                .iter()
                .map(|c| ContactView {
                    name: c.name.clone(),
                    role: Text::of(&c.role, lang),
                    email: c.email.as_ref().map(|e| e.as_str().to_owned()),
                })
                .collect(),
            api_href: format!("/api/v1/actors/{}", actor.slug),
            json_ld,
            can_edit: false,
            can_erase_contacts: false,
            saved: false,
            unreviewed: false,
            slug: actor.slug.to_string(),
            events: Vec::new(),
            news: Vec::new(),
            all_events: None,
            all_news: None,
            strategy: Vec::new(),
            places: Vec::new(),
            name,
            layout,
        }
    }
}

// ----------------------------------------------------------------------------------------------------------
// Campuses

/// A campus in the list.
pub struct CampusCard {
    /// Link to the campus page.
    pub href: String,
    /// Name.
    pub name: String,
    /// Municipality.
    pub municipality: Option<String>,
    /// First sentence of the description.
    pub excerpt: Text,
    /// "12 actors".
    pub count: String,
}

/// The list of campuses.
#[derive(Template)]
#[template(path = "atlas/campuses.html")]
pub struct CampusListPage {
    /// The frame.
    pub layout: Layout,
    /// The campuses.
    pub items: Vec<CampusCard>,
}

impl CampusListPage {
    /// Builds the campus list view.
    pub fn build(lang: Lang, campuses: Vec<CampusSummary>) -> CampusListPage {
        let t = Tr::new(lang);
        CampusListPage {
            layout: Layout::new(
                lang,
                &t.t("campuses-title"),
                "campuses",
                Nav::Campuses,
                None,
            ),
            items: campuses
                .into_iter()
                .map(|c| CampusCard {
                    href: format!("/{}/campuses/{}", lang.code(), c.campus.slug),
                    name: c.campus.name.get(lang).to_owned(),
                    municipality: c.campus.municipality.clone(),
                    excerpt: Text::of(&c.campus.description, lang).map(excerpt),
                    count: t.n("actors-count", "count", c.actor_count),
                })
                .collect(),
        }
    }
}

/// Actors of one kind on a campus.
pub struct KindGroup {
    /// The kind, plural.
    pub label: String,
    /// The actors.
    pub actors: Vec<Link>,
}

/// One campus with its actors.
#[derive(Template)]
#[template(path = "atlas/campus.html")]
pub struct CampusPage {
    /// The frame.
    pub layout: Layout,
    /// Name.
    pub name: String,
    /// Municipality.
    pub municipality: Option<String>,
    /// Description paragraphs.
    pub description: Vec<Text>,
    /// Actors grouped by kind.
    pub groups: Vec<KindGroup>,
    /// "12 actors".
    pub count: String,
    /// The actor list filtered to this campus.
    pub list_href: String,
    /// The campus graph (set by the handler).
    pub embed: Option<super::graph::GraphEmbed>,
    /// The atlas filtered to this campus.
    pub atlas_href: String,
    /// Premises offered on the campus (set by the handler).
    pub premises: Vec<Link>,
}

impl CampusPage {
    /// Builds the campus page view.
    pub fn build(lang: Lang, campus: Campus, actors: Vec<ActorSummary>) -> CampusPage {
        let t = Tr::new(lang);
        let name = campus.name.get(lang).to_owned();
        let mut groups: Vec<(ActorKind, KindGroup)> = Vec::new();
        for a in &actors {
            let link = Link {
                href: format!("/{}/actors/{}", lang.code(), a.slug),
                text: a.name.get(lang).to_owned(),
            };
            match groups.iter_mut().find(|(k, _)| *k == a.kind) {
                Some((_, g)) => g.actors.push(link),
                None => groups.push((
                    a.kind,
                    KindGroup {
                        label: kinds_label(t, a.kind),
                        actors: vec![link],
                    },
                )),
            }
        }
        groups.sort_by_key(|(k, _)| *k);
        CampusPage {
            layout: Layout::new(
                lang,
                &name,
                &format!("campuses/{}", campus.slug),
                Nav::Campuses,
                Some(excerpt(campus.description.get(lang))),
            ),
            municipality: campus.municipality.clone(),
            description: Text::of(&campus.description, lang).paragraphs(),
            groups: groups.into_iter().map(|(_, g)| g).collect(),
            count: t.n("actors-count", "count", actors.len() as u64),
            list_href: actors_url(
                lang,
                &ActorFilter {
                    campus: Some(campus.slug.clone()),
                    ..ActorFilter::default()
                },
                None,
            ),
            embed: None,
            atlas_href: format!("/{}/atlas?campus={}", lang.code(), campus.slug),
            premises: Vec::new(),
            name,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpt_takes_the_first_sentence() {
        assert_eq!(excerpt("One. Two. Three."), "One.");
        assert_eq!(excerpt(&"a".repeat(300)).chars().count(), 200);
    }

    #[test]
    fn actors_url_keeps_filters_and_drops_page_one() {
        let f = ActorFilter {
            kind: Some(ActorKind::University),
            text: Some("karolinska & co".into()),
            ..Default::default()
        };
        assert_eq!(
            actors_url(Lang::En, &f, PageRequest::new(1, 20).ok()),
            "/en/actors?q=karolinska+%26+co&kind=university"
        );
        assert_eq!(
            actors_url(
                Lang::Sv,
                &ActorFilter::default(),
                PageRequest::new(2, 20).ok()
            ),
            "/sv/actors?page=2"
        );
    }
}
