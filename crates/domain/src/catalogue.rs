//! The way in's catalogue: the services, testbeds and trial units that infrastructures offer, and premises for
//! companies. Also the built-in catalogue files (`services.toml`, `premises.toml`, `checklists.toml`) and their
//! whole-file validation against the actors, campuses and tags of the data set.

use crate::access::{ChecklistTemplate, OwnerClass, Party, Stage};
use crate::dataset::{Dataset, DatasetProblem, Problems, non_empty, parse_file};
use crate::{Email, IsoDate, LangText, Slug, WebUrl};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

vocabulary! {
    /// What an infrastructure offers.
    ServiceKind {
        /// A service (analysis, manufacturing, expertise...).
        Service = "service",
        /// A testbed where a company tries a product in a real setting.
        Testbed = "testbed",
        /// A unit that runs clinical trials.
        TrialUnit = "trial_unit",
    }
}

vocabulary! {
    /// The area a service belongs to, for filtering the catalogue.
    ServiceCategory {
        /// Manufacturing, e.g. GMP production of cell therapies.
        Manufacturing = "manufacturing",
        /// Clinical trials and studies.
        ClinicalTrials = "clinical_trials",
        /// Laboratory work and lab access.
        Laboratory = "laboratory",
        /// Analyses (omics, imaging, samples).
        Analysis = "analysis",
        /// Data, registries and biobanks.
        Data = "data",
        /// Space: labs, offices.
        Premises = "premises",
        /// Expertise and advice.
        Expertise = "expertise",
        /// A community and meeting place.
        Community = "community",
    }
}

vocabulary! {
    /// How a service is priced: what a company decides on first.
    PricingModel {
        /// Free of charge.
        Free = "free",
        /// A published price for the whole service.
        FixedPrice = "fixed_price",
        /// By the hour.
        Hourly = "hourly",
        /// A quote for each request (commissioned work at full cost or market price).
        Quote = "quote",
    }
}

/// The technology readiness levels a service serves: from `low` to `high`, each 1 to 9 (the EU's TRL scale,
/// as Vinnova's and the EU's testbed catalogues show them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TrlRange {
    low: u8,
    high: u8,
}

impl TrlRange {
    /// A range, refusing levels outside 1–9 and a low end above the high one.
    pub fn new(low: u8, high: u8) -> Option<TrlRange> {
        ((1..=9).contains(&low) && (1..=9).contains(&high) && low <= high)
            .then_some(TrlRange { low, high })
    }

    /// The lowest level served.
    pub fn low(self) -> u8 {
        self.low
    }

    /// The highest level served.
    pub fn high(self) -> u8 {
        self.high
    }

    /// Whether a product at `level` is served.
    pub fn contains(self, level: u8) -> bool {
        (self.low..=self.high).contains(&level)
    }
}

/// An indicative price range, in whole units of a currency (per hour for an hourly price).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PriceRange {
    /// From.
    pub low: u64,
    /// To (at least `low`).
    pub high: u64,
    /// The currency.
    pub currency: crate::strategy::Currency,
}

impl PriceRange {
    /// A range, refusing one that ends below its start.
    pub fn new(low: u64, high: u64, currency: crate::strategy::Currency) -> Option<PriceRange> {
        (low <= high).then_some(PriceRange {
            low,
            high,
            currency,
        })
    }
}

/// What a company decides on besides the price model: an indicative price, the lead time, the technology
/// readiness it serves, the equipment and methods, and the documents to prepare. Each is optional: a manager
/// states what they know.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Offer {
    /// Indicative price range.
    pub price: Option<PriceRange>,
    /// Typical lead time from an agreed request to the start, in weeks.
    pub lead_time_weeks: Option<u16>,
    /// Technology readiness levels served.
    pub trl: Option<TrlRange>,
    /// Equipment and methods, one per line.
    pub equipment: Option<LangText>,
    /// Documents a company should prepare, one per line.
    pub documents: Option<LangText>,
}

vocabulary! {
    /// One of the terms a company can set on a service.
    Term {
        /// The price model.
        Pricing = "pricing",
        /// The longest lead time.
        Lead = "lead",
        /// A technology readiness level the service must serve.
        Trl = "trl",
        /// The highest starting price in Swedish kronor.
        Price = "price",
    }
}

/// The terms a company sets on a service: the catalogue's filters and what the need matching reads from a need.
/// A service whose offer does not state a fact does not meet a term on it (the company cannot count on it).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Terms {
    /// Only this price model.
    pub pricing: Option<PricingModel>,
    /// A lead time of at most this many weeks.
    pub max_lead_weeks: Option<u16>,
    /// This technology readiness level served.
    pub trl: Option<u8>,
    /// An indicative price in Swedish kronor starting at or below this.
    pub max_price_sek: Option<u64>,
}

impl Terms {
    /// Whether no term is set.
    pub fn is_empty(&self) -> bool {
        *self == Terms::default()
    }

    /// These terms, each filled from `fallback` where it is not set here.
    pub fn or(self, fallback: Terms) -> Terms {
        Terms {
            pricing: self.pricing.or(fallback.pricing),
            max_lead_weeks: self.max_lead_weeks.or(fallback.max_lead_weeks),
            trl: self.trl.or(fallback.trl),
            max_price_sek: self.max_price_sek.or(fallback.max_price_sek),
        }
    }

    /// These terms without those `set` holds (what a need said that a form's field does not override).
    pub fn not_in(self, set: Terms) -> Terms {
        Terms {
            pricing: self.pricing.filter(|_| set.pricing.is_none()),
            max_lead_weeks: self.max_lead_weeks.filter(|_| set.max_lead_weeks.is_none()),
            trl: self.trl.filter(|_| set.trl.is_none()),
            max_price_sek: self.max_price_sek.filter(|_| set.max_price_sek.is_none()),
        }
    }

    /// The terms a service with this price model and offer does not meet, in the order of [`Term::ALL`]. The
    /// store's catalogue query applies the same rule in SQL (a test keeps the two equal).
    pub fn unmet(&self, pricing: Option<PricingModel>, offer: &Offer) -> Vec<Term> {
        let mut out = Vec::new();
        if self.pricing.is_some_and(|p| pricing != Some(p)) {
            out.push(Term::Pricing);
        }
        if let Some(w) = self.max_lead_weeks
            && offer.lead_time_weeks.is_none_or(|l| l > w)
        {
            out.push(Term::Lead);
        }
        if let Some(level) = self.trl
            && offer.trl.is_none_or(|r| !r.contains(level))
        {
            out.push(Term::Trl);
        }
        if let Some(max) = self.max_price_sek
            && offer
                .price
                .is_none_or(|p| p.currency != crate::strategy::Currency::SEK || p.low > max)
        {
            out.push(Term::Price);
        }
        out
    }
}

/// The longest lead time a manager can state, in weeks (two years).
pub const MAX_LEAD_TIME_WEEKS: u16 = 104;

vocabulary! {
    /// What premises are for.
    PremisesUse {
        /// Laboratory space.
        Lab = "lab",
        /// Office space.
        Office = "office",
        /// Both laboratory and office space.
        LabAndOffice = "lab_and_office",
        /// Production space (manufacturing, clean rooms).
        Production = "production",
        /// Something else (storage, meeting rooms...).
        Other = "other",
    }
}

/// How to reach whoever runs a service or lets premises: a web page or an e-mail address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum ContactRoute {
    /// A web page.
    Web(WebUrl),
    /// An e-mail address.
    Email(Email),
}

impl ContactRoute {
    /// Parses a web address (`http(s)://...`) or an e-mail address.
    pub fn parse(input: &str) -> Result<ContactRoute, crate::ValueError> {
        let s = input.trim();
        if s.contains("://") {
            WebUrl::parse(s).map(ContactRoute::Web)
        } else {
            Email::parse(s).map(ContactRoute::Email)
        }
    }

    /// The route as text.
    pub fn as_str(&self) -> &str {
        match self {
            ContactRoute::Web(u) => u.as_str(),
            ContactRoute::Email(e) => e.as_str(),
        }
    }

    /// A link target: the address itself, or `mailto:`.
    pub fn href(&self) -> String {
        match self {
            ContactRoute::Web(u) => u.as_str().to_owned(),
            ContactRoute::Email(e) => format!("mailto:{}", e.as_str()),
        }
    }
}

/// A service, testbed or trial unit an infrastructure offers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Service {
    /// Stable identifier in URLs.
    pub slug: Slug,
    /// The infrastructure (an actor) that offers it.
    pub infrastructure: Slug,
    /// Service, testbed or trial unit.
    pub kind: ServiceKind,
    /// The area it belongs to.
    pub category: ServiceCategory,
    /// Name.
    pub name: LangText,
    /// What it is.
    pub description: LangText,
    /// Who may use it and how.
    pub access: LangText,
    /// How it is priced, when known.
    pub pricing: Option<PricingModel>,
    /// Typical lead time, when known.
    pub lead_time: Option<LangText>,
    /// A note on capacity, when known.
    pub capacity: Option<LangText>,
    /// How to reach it.
    pub contact: Option<ContactRoute>,
    /// Whether small companies are especially welcome.
    pub sme_welcome: bool,
    /// Competence tags.
    pub tags: Vec<Slug>,
    /// Price, lead time, readiness levels, equipment and documents.
    pub offer: Offer,
}

/// Premises a company can rent.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Premises {
    /// Stable identifier in URLs.
    pub slug: Slug,
    /// Who owns or lets them (an actor).
    pub owner: Slug,
    /// Where they are.
    pub campus: Slug,
    /// Lab, office or both.
    pub usage: PremisesUse,
    /// Name.
    pub name: LangText,
    /// What they are.
    pub description: LangText,
    /// Floor area in square metres, when known.
    pub area_m2: Option<u32>,
    /// From when they can be moved into, when known.
    pub available_from: Option<IsoDate>,
    /// How to reach the owner about them.
    pub contact: Option<ContactRoute>,
    /// Competence tags.
    pub tags: Vec<Slug>,
    /// For a lab: the highest biosafety level (skyddsnivå) it is built for, 1–4.
    pub safety_level: Option<u8>,
    /// The rent, in Swedish kronor per square metre and year, when the owner states it.
    pub rent_per_m2: Option<u32>,
}

/// The highest biosafety level (skyddsnivå 1–4 of the Swedish Work Environment Authority's rules on
/// microbiological work).
pub const MAX_SAFETY_LEVEL: u8 = 4;

impl PremisesUse {
    /// Whether premises of this use are (partly) a laboratory, which has a biosafety level.
    pub fn is_lab(self) -> bool {
        matches!(self, PremisesUse::Lab | PremisesUse::LabAndOffice)
    }
}

/// A template document that checklist items can point to (an NDA, an agreement outline), in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TemplateDocument {
    /// Its name (`nda`).
    pub name: Slug,
    /// Markdown text.
    pub body: LangText,
}

/// The text of the catalogue files.
#[derive(Debug, Clone, Copy)]
pub struct CatalogueFiles<'a> {
    /// `services.toml`
    pub services: &'a str,
    /// `premises.toml`
    pub premises: &'a str,
    /// `checklists.toml`
    pub checklists: &'a str,
    /// Template documents: (name, Swedish Markdown, English Markdown).
    pub documents: &'a [(&'a str, &'a str, &'a str)],
}

/// A validated catalogue.
#[derive(Debug, Clone, Default)]
pub struct Catalogue {
    /// Services.
    pub services: Vec<Service>,
    /// Premises.
    pub premises: Vec<Premises>,
    /// Checklist rule templates.
    pub checklist: Vec<ChecklistTemplate>,
    /// Template documents.
    pub documents: Vec<TemplateDocument>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ServiceFile {
    #[serde(default)]
    service: Vec<RawService>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawService {
    slug: String,
    infrastructure: String,
    kind: String,
    category: String,
    name_sv: String,
    name_en: String,
    description_sv: String,
    description_en: String,
    access_sv: String,
    access_en: String,
    pricing: Option<String>,
    lead_time_sv: Option<String>,
    lead_time_en: Option<String>,
    capacity_sv: Option<String>,
    capacity_en: Option<String>,
    contact: Option<String>,
    #[serde(default)]
    sme_welcome: bool,
    #[serde(default)]
    tags: Vec<String>,
    /// `[low, high]` in whole currency units.
    price: Option<[u64; 2]>,
    currency: Option<String>,
    lead_time_weeks: Option<u16>,
    /// `[low, high]`, 1–9.
    trl: Option<[u8; 2]>,
    equipment_sv: Option<String>,
    equipment_en: Option<String>,
    documents_sv: Option<String>,
    documents_en: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PremisesFile {
    #[serde(default)]
    premises: Vec<RawPremises>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPremises {
    slug: String,
    owner: String,
    campus: String,
    #[serde(rename = "use")]
    usage: String,
    name_sv: String,
    name_en: String,
    description_sv: String,
    description_en: String,
    area_m2: Option<u32>,
    available_from: Option<String>,
    contact: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    safety_level: Option<u8>,
    rent_per_m2: Option<u32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ChecklistFile {
    #[serde(default)]
    item: Vec<RawItem>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawItem {
    key: String,
    stage: String,
    ownership: Vec<String>,
    party: String,
    required: bool,
    title_sv: String,
    title_en: String,
    guidance_sv: String,
    guidance_en: String,
    source: String,
    source_url: Option<String>,
    reviewed: String,
    document: Option<String>,
}

/// An optional pair of texts: both or neither.
fn optional_text(
    p: &mut Problems,
    file: &'static str,
    rec: &str,
    field: &str,
    sv: Option<String>,
    en: Option<String>,
) -> Option<LangText> {
    match (non_empty(sv), non_empty(en)) {
        (None, None) => None,
        (Some(sv), Some(en)) => Some(LangText::new(sv, en)),
        _ => {
            p.add(
                file,
                rec,
                format!("{field}_sv and {field}_en must be given together"),
            );
            None
        }
    }
}

fn contact(
    p: &mut Problems,
    file: &'static str,
    rec: &str,
    raw: Option<String>,
) -> Option<ContactRoute> {
    non_empty(raw).and_then(|c| match ContactRoute::parse(&c) {
        Ok(c) => Some(c),
        Err(e) => {
            p.add(file, rec, format!("contact: {e}"));
            None
        }
    })
}

fn known(
    p: &mut Problems,
    file: &'static str,
    rec: &str,
    what: &str,
    value: &str,
    set: &HashSet<&Slug>,
) -> Option<Slug> {
    match Slug::parse(value) {
        Ok(s) if set.contains(&s) => Some(s),
        _ => {
            p.add(file, rec, format!("unknown {what} {value:?}"));
            None
        }
    }
}

fn vocab<T>(
    p: &mut Problems,
    file: &'static str,
    rec: &str,
    what: &str,
    value: &str,
    parse: fn(&str) -> Option<T>,
) -> Option<T> {
    let parsed = parse(value);
    if parsed.is_none() {
        p.add(file, rec, format!("unknown {what} {value:?}"));
    }
    parsed
}

impl Catalogue {
    /// Parses and checks the catalogue files against `data` (every infrastructure, owner, campus and tag must
    /// exist there); returns every problem found.
    pub fn parse(
        files: CatalogueFiles<'_>,
        data: &Dataset,
    ) -> Result<Catalogue, Vec<DatasetProblem>> {
        let mut p = Problems(Vec::new());
        let actors: HashSet<&Slug> = data.actors.iter().map(|a| &a.slug).collect();
        let campuses: HashSet<&Slug> = data.campuses.iter().map(|c| &c.slug).collect();
        let tags: HashSet<&Slug> = data.tags.iter().map(|t| &t.slug).collect();
        let mut out = Catalogue::default();

        let mut doc_names = HashSet::new();
        for (name, sv, en) in files.documents {
            let rec = (*name).to_owned();
            let body = p.text("templates", &rec, "body", (*sv).into(), (*en).into());
            if let Some(name) = p.slug("templates", &rec, name) {
                doc_names.insert(name.clone());
                out.documents.push(TemplateDocument { name, body });
            }
        }

        let service_file: Option<ServiceFile> = parse_file("services.toml", files.services, &mut p);
        let premises_file: Option<PremisesFile> =
            parse_file("premises.toml", files.premises, &mut p);
        let checklist_file: Option<ChecklistFile> =
            parse_file("checklists.toml", files.checklists, &mut p);

        let mut slugs = HashSet::new();
        for raw in service_file.map(|f| f.service).unwrap_or_default() {
            let f = "services.toml";
            let rec = raw.slug.clone();
            let name = p.text(f, &rec, "name", raw.name_sv, raw.name_en);
            let description = p.text(
                f,
                &rec,
                "description",
                raw.description_sv,
                raw.description_en,
            );
            let access = p.text(f, &rec, "access", raw.access_sv, raw.access_en);
            let lead_time = optional_text(
                &mut p,
                f,
                &rec,
                "lead_time",
                raw.lead_time_sv,
                raw.lead_time_en,
            );
            let capacity = optional_text(
                &mut p,
                f,
                &rec,
                "capacity",
                raw.capacity_sv,
                raw.capacity_en,
            );
            let infrastructure = known(
                &mut p,
                f,
                &rec,
                "infrastructure",
                &raw.infrastructure,
                &actors,
            );
            let kind = vocab(&mut p, f, &rec, "kind", &raw.kind, ServiceKind::parse);
            let category = vocab(
                &mut p,
                f,
                &rec,
                "category",
                &raw.category,
                ServiceCategory::parse,
            );
            let pricing = non_empty(raw.pricing)
                .and_then(|v| vocab(&mut p, f, &rec, "pricing", &v, PricingModel::parse));
            let contact = contact(&mut p, f, &rec, raw.contact);
            let tag_list: Vec<Slug> = raw
                .tags
                .iter()
                .filter_map(|t| known(&mut p, f, &rec, "tag", t, &tags))
                .collect();
            let currency = match non_empty(raw.currency) {
                None => Some(crate::strategy::Currency::SEK),
                Some(c) => {
                    let parsed = crate::strategy::Currency::parse(&c);
                    if parsed.is_none() {
                        p.add(f, &rec, format!("currency {c:?} is not an ISO 4217 code"));
                    }
                    parsed
                }
            };
            let price = raw.price.and_then(|[low, high]| {
                let range = currency.and_then(|c| PriceRange::new(low, high, c));
                if range.is_none() {
                    p.add(f, &rec, "price must be [low, high] with low <= high");
                }
                range
            });
            let trl = raw.trl.and_then(|[low, high]| {
                let range = TrlRange::new(low, high);
                if range.is_none() {
                    p.add(
                        f,
                        &rec,
                        "trl must be [low, high] within 1-9 with low <= high",
                    );
                }
                range
            });
            if raw.lead_time_weeks.is_some_and(|w| w > MAX_LEAD_TIME_WEEKS) {
                p.add(
                    f,
                    &rec,
                    format!("lead_time_weeks above {MAX_LEAD_TIME_WEEKS}"),
                );
            }
            let offer = Offer {
                price,
                lead_time_weeks: raw.lead_time_weeks,
                trl,
                equipment: optional_text(
                    &mut p,
                    f,
                    &rec,
                    "equipment",
                    raw.equipment_sv,
                    raw.equipment_en,
                ),
                documents: optional_text(
                    &mut p,
                    f,
                    &rec,
                    "documents",
                    raw.documents_sv,
                    raw.documents_en,
                ),
            };
            let slug = p.slug(f, &rec, &raw.slug);
            if let Some(s) = &slug
                && !slugs.insert(s.clone())
            {
                p.add(f, &rec, "slug used twice");
            }
            if let (Some(slug), Some(infrastructure), Some(kind), Some(category)) =
                (slug, infrastructure, kind, category)
            {
                out.services.push(Service {
                    slug,
                    infrastructure,
                    kind,
                    category,
                    name,
                    description,
                    access,
                    pricing,
                    lead_time,
                    capacity,
                    contact,
                    sme_welcome: raw.sme_welcome,
                    tags: tag_list,
                    offer,
                });
            }
        }

        let mut slugs = HashSet::new();
        for raw in premises_file.map(|f| f.premises).unwrap_or_default() {
            let f = "premises.toml";
            let rec = raw.slug.clone();
            let name = p.text(f, &rec, "name", raw.name_sv, raw.name_en);
            let description = p.text(
                f,
                &rec,
                "description",
                raw.description_sv,
                raw.description_en,
            );
            let owner = known(&mut p, f, &rec, "owner", &raw.owner, &actors);
            let campus = known(&mut p, f, &rec, "campus", &raw.campus, &campuses);
            let usage = vocab(&mut p, f, &rec, "use", &raw.usage, PremisesUse::parse);
            let available_from =
                non_empty(raw.available_from).and_then(|d| match IsoDate::parse(&d) {
                    Ok(d) => Some(d),
                    Err(e) => {
                        p.add(f, &rec, format!("available_from: {e}"));
                        None
                    }
                });
            let contact = contact(&mut p, f, &rec, raw.contact);
            let tag_list: Vec<Slug> = raw
                .tags
                .iter()
                .filter_map(|t| known(&mut p, f, &rec, "tag", t, &tags))
                .collect();
            let slug = p.slug(f, &rec, &raw.slug);
            if let Some(s) = &slug
                && !slugs.insert(s.clone())
            {
                p.add(f, &rec, "slug used twice");
            }
            if let (Some(slug), Some(owner), Some(campus), Some(usage)) =
                (slug, owner, campus, usage)
            {
                out.premises.push(Premises {
                    slug,
                    owner,
                    campus,
                    usage,
                    name,
                    description,
                    area_m2: raw.area_m2,
                    available_from,
                    contact,
                    tags: tag_list,
                    safety_level: raw
                        .safety_level
                        .filter(|l| (1..=MAX_SAFETY_LEVEL).contains(l)),
                    rent_per_m2: raw.rent_per_m2,
                });
            }
        }

        let mut keys = HashSet::new();
        for raw in checklist_file.map(|f| f.item).unwrap_or_default() {
            let f = "checklists.toml";
            let rec = raw.key.clone();
            let title = p.text(f, &rec, "title", raw.title_sv, raw.title_en);
            let guidance = p.text(f, &rec, "guidance", raw.guidance_sv, raw.guidance_en);
            let stage = vocab(&mut p, f, &rec, "stage", &raw.stage, Stage::parse);
            let party = vocab(&mut p, f, &rec, "party", &raw.party, Party::parse);
            let owners: Vec<OwnerClass> = raw
                .ownership
                .iter()
                .filter_map(|o| vocab(&mut p, f, &rec, "ownership", o, OwnerClass::parse))
                .collect();
            if raw.ownership.is_empty() {
                p.add(f, &rec, "ownership lists no owner form");
            }
            if raw.source.trim().is_empty() {
                p.add(f, &rec, "source is empty");
            }
            let source_url = non_empty(raw.source_url).and_then(|u| match WebUrl::parse(&u) {
                Ok(u) => Some(u),
                Err(e) => {
                    p.add(f, &rec, format!("source_url: {e}"));
                    None
                }
            });
            let reviewed = match IsoDate::parse(&raw.reviewed) {
                Ok(d) => Some(d),
                Err(e) => {
                    p.add(f, &rec, format!("reviewed: {e}"));
                    None
                }
            };
            let document = non_empty(raw.document).and_then(|d| {
                let found = Slug::parse(&d).ok().filter(|s| doc_names.contains(s));
                if found.is_none() {
                    p.add(f, &rec, format!("no template document {d:?}"));
                }
                found
            });
            let key = p.slug(f, &rec, &raw.key);
            if let Some(k) = &key
                && !keys.insert(k.clone())
            {
                p.add(f, &rec, "key used twice");
            }
            if let (Some(key), Some(stage), Some(party), Some(reviewed)) =
                (key, stage, party, reviewed)
            {
                out.checklist.push(ChecklistTemplate {
                    key,
                    stage,
                    owners,
                    party,
                    required: raw.required,
                    title,
                    guidance,
                    source: raw.source.trim().to_owned(),
                    source_url,
                    reviewed,
                    document,
                });
            }
        }

        if p.0.is_empty() { Ok(out) } else { Err(p.0) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contact_routes_are_web_pages_or_addresses() {
        assert_eq!(
            ContactRoute::parse("info@vecura.se").map(|c| c.href()),
            Ok("mailto:info@vecura.se".into())
        );
        assert!(matches!(
            ContactRoute::parse("https://www.vecura.se"),
            Ok(ContactRoute::Web(_))
        ));
        assert!(ContactRoute::parse("javascript://alert(1)").is_err());
        assert!(ContactRoute::parse("call us").is_err());
    }

    #[test]
    fn a_service_meets_terms_only_on_facts_it_states() {
        let offer = Offer {
            price: PriceRange::new(1200, 1800, crate::strategy::Currency::SEK),
            lead_time_weeks: Some(4),
            trl: TrlRange::new(4, 7),
            ..Offer::default()
        };
        let hourly = Some(PricingModel::Hourly);
        let all = Terms {
            pricing: hourly,
            max_lead_weeks: Some(4),
            trl: Some(7),
            max_price_sek: Some(1200),
        };
        assert!(all.unmet(hourly, &offer).is_empty());
        assert!(Terms::default().unmet(None, &Offer::default()).is_empty());
        assert_eq!(
            all.unmet(None, &Offer::default()),
            Term::ALL.to_vec(),
            "nothing stated"
        );
        let strict = Terms {
            pricing: Some(PricingModel::Free),
            max_lead_weeks: Some(3),
            trl: Some(8),
            max_price_sek: Some(1199),
        };
        assert_eq!(strict.unmet(hourly, &offer), Term::ALL.to_vec());
        let euros = Offer {
            price: PriceRange::new(
                100,
                200,
                crate::strategy::Currency::parse("EUR").expect("EUR"),
            ),
            ..offer.clone()
        };
        assert_eq!(
            all.unmet(hourly, &euros),
            vec![Term::Price],
            "a price in SEK only"
        );
        // A field set in a form takes precedence over what a need says.
        let read = Terms {
            trl: Some(3),
            max_lead_weeks: Some(2),
            ..Terms::default()
        };
        let set = Terms {
            trl: Some(5),
            ..Terms::default()
        };
        assert_eq!(
            set.or(read),
            Terms {
                trl: Some(5),
                max_lead_weeks: Some(2),
                ..Terms::default()
            }
        );
        assert_eq!(
            read.not_in(set),
            Terms {
                max_lead_weeks: Some(2),
                ..Terms::default()
            }
        );
    }
}
