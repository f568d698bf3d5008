//! The catalogue of health-data sources: the list and each source's page (anyone), the JSON list and the DCAT-AP 3
//! export in JSON-LD with the HealthDCAT-AP properties that apply. A source's coverage figures come from the cohort
//! engine when it holds that source's population, and pass the same disclosure control as every other figure.

use crate::AppState;
use crate::kit::caller::Caller;
use crate::kit::error::WebError;
use crate::kit::page::{Layout, Nav, lang, render};
use app::health::HealthData;
use askama::Template;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use domain::sources::HealthSource;
use domain::{Lang, Slug};
use health::disclosure::Released;
use i18n::Tr;
use serde::Serialize;
use serde_json::{Value, json};
use store::SourceRow;
use utoipa::ToSchema;

/// The released number of persons of a source the engine holds, if it holds it.
fn coverage(data: Option<&HealthData>, source: &HealthSource) -> Option<Released> {
    let d = data?;
    app::health::holds(d, source.engine?).then(|| app::health::population(d))
}

fn period(t: Tr, s: &HealthSource) -> Option<String> {
    match (s.period_from, s.period_to) {
        (Some(a), Some(b)) => Some(format!("{a}–{b}")),
        (Some(a), None) => Some(t.t1("source-period-since", "year", a)),
        (None, Some(b)) => Some(t.t1("source-period-until", "year", b)),
        (None, None) => None,
    }
}

/// One fact of a source's page: label, text (none: "not stated"), link.
pub struct Fact {
    /// Label.
    pub label: String,
    /// Its value, or none when the sources do not state it.
    pub value: Option<String>,
    /// A link for the value.
    pub href: Option<String>,
}

/// A source as the pages show it.
pub struct SourceView {
    /// Its page.
    pub href: String,
    /// Element id.
    pub id: String,
    /// Name.
    pub title: String,
    /// What it is.
    pub description: String,
    /// Holder: page and name.
    pub holder: (String, String),
    /// Who may have its data, in words.
    pub access: String,
    /// Whether its data is synthetic.
    pub synthetic: bool,
    /// The facts.
    pub facts: Vec<Fact>,
}

fn view(t: Tr, lang: Lang, row: &SourceRow, data: Option<&HealthData>) -> SourceView {
    let s = &row.source;
    let l = lang.code();
    let text = |v: &Option<domain::LangText>| v.as_ref().map(|x| x.get(lang).to_owned());
    let fact = |label: &str, value: Option<String>| Fact {
        label: t.t(label),
        value,
        href: None,
    };
    let mut facts = vec![
        Fact {
            label: t.t("source-holder"),
            value: Some(row.holder_name.get(lang).to_owned()),
            href: Some(format!("/{l}/actors/{}", s.holder)),
        },
        fact("source-content", Some(s.content.get(lang).to_owned())),
        fact("source-population", text(&s.population)),
        fact("source-period", period(t, s)),
        fact(
            "source-frequency",
            s.frequency.map(|f| t.t(&format!("source-frequency-{f}"))),
        ),
        fact("source-legal-basis", text(&s.legal_basis)),
        fact("source-how-to-apply", text(&s.how_to_apply)),
        Fact {
            label: t.t("source-contact"),
            value: Some(t.t1("source-contact-holder", "holder", row.holder_name.get(lang))),
            href: Some(format!("/{l}/actors/{}", s.holder)),
        },
        fact(
            "source-access",
            Some(t.t(&format!("source-access-{}", s.access))),
        ),
    ];
    if let Some(c) = &s.conforms_to {
        facts.push(fact("source-standard", Some(c.clone())));
    }
    if let Some(w) = &s.website {
        facts.push(Fact {
            label: t.t("source-website"),
            value: Some(w.as_str().to_owned()),
            href: Some(w.as_str().to_owned()),
        });
    }
    if let Some(r) = coverage(data, s) {
        facts.push(fact("source-coverage", Some(super::released_text(t, r))));
    }
    SourceView {
        href: format!("/{l}/health-data/sources/{}", s.slug),
        id: format!("source-{}", s.slug),
        title: s.title.get(lang).to_owned(),
        description: s.description.get(lang).to_owned(),
        holder: (
            format!("/{l}/actors/{}", s.holder),
            row.holder_name.get(lang).to_owned(),
        ),
        access: t.t(&format!("source-access-{}", s.access)),
        synthetic: s.synthetic,
        facts,
    }
}

/// `/{lang}/health-data/sources`.
#[derive(Template)]
#[template(path = "health_data/sources.html")]
pub struct SourcesPage {
    /// Frame.
    pub layout: Layout,
    /// The sources.
    pub sources: Vec<SourceView>,
}

pub(crate) async fn list(
    State(state): State<AppState>,
    Path(code): Path<String>,
    caller: Caller,
) -> Result<Html<String>, WebError> {
    let lang = lang(&code)?;
    let t = Tr::new(lang);
    let mut layout = Layout::new(
        lang,
        &t.t("sources-title"),
        "health-data/sources",
        Nav::Strategy,
        Some(t.t("sources-lead")),
    );
    layout.set_caller(&caller);
    let rows = state.store().health_sources().await?;
    let sources = rows
        .iter()
        .map(|r| view(t, lang, r, state.health()))
        .collect();
    render(&SourcesPage { layout, sources })
}

/// `/{lang}/health-data/sources/{slug}`.
#[derive(Template)]
#[template(path = "health_data/source.html")]
pub struct SourcePage {
    /// Frame.
    pub layout: Layout,
    /// The source.
    pub source: SourceView,
}

pub(crate) async fn page(
    State(state): State<AppState>,
    Path((code, slug)): Path<(String, String)>,
    caller: Caller,
) -> Result<Html<String>, WebError> {
    let lang = lang(&code)?;
    let t = Tr::new(lang);
    let slug = Slug::parse(&slug).map_err(|_| WebError::NotFound)?;
    let row = state
        .store()
        .health_source(&slug)
        .await?
        .ok_or(WebError::NotFound)?;
    let source = view(t, lang, &row, state.health());
    let mut layout = Layout::new(
        lang,
        &source.title,
        &format!("health-data/sources/{slug}"),
        Nav::Strategy,
        None,
    );
    layout.set_caller(&caller);
    render(&SourcePage { layout, source })
}

// ----- The API -----

/// A health-data source.
#[derive(Serialize, ToSchema)]
pub struct SourceOut {
    /// Slug.
    pub slug: String,
    /// Name.
    pub title: crate::kit::api::Text,
    /// What it is.
    pub description: crate::kit::api::Text,
    /// What it holds.
    pub content: crate::kit::api::Text,
    /// The holder (an actor's slug).
    pub holder: String,
    /// The population it covers, in words (absent when not stated).
    pub population: Option<crate::kit::api::Text>,
    /// The first year covered.
    pub period_from: Option<i32>,
    /// The last year covered (absent while it grows or when not stated).
    pub period_to: Option<i32>,
    /// `continuous`, `daily`, `weekly`, `monthly`, `quarterly`, `annual`, `irregular` or `never`.
    pub frequency: Option<String>,
    /// The legal basis (absent when not stated).
    pub legal_basis: Option<crate::kit::api::Text>,
    /// How to apply (absent when not stated).
    pub how_to_apply: Option<crate::kit::api::Text>,
    /// `public`, `restricted` or `non_public`.
    pub access: String,
    /// Whether its data is synthetic.
    pub synthetic: bool,
    /// The standard its data follows.
    pub conforms_to: Option<String>,
    /// Its own web site.
    pub website: Option<String>,
    /// Persons covered, released through disclosure control (`{"count": n}` or `{"fewer_than": 10}`), when the
    /// cohort engine holds this source's population.
    #[schema(value_type = Option<super::ReleasedSchema>)]
    pub persons: Option<Released>,
}

/// The catalogue as a list.
#[derive(Serialize, ToSchema)]
pub struct SourceList {
    /// The sources, by Swedish title.
    pub items: Vec<SourceOut>,
}

/// The catalogue of health-data sources.
#[utoipa::path(
    get, path = "/api/v1/health-data/sources", tag = "health-data", operation_id = "list_health_sources",
    responses((status = 200, description = "The sources", body = SourceList))
)]
pub(crate) async fn api_list(State(state): State<AppState>) -> Result<Json<SourceList>, WebError> {
    let rows = state.store().health_sources().await?;
    let text = |v: &Option<domain::LangText>| v.as_ref().map(crate::kit::api::Text::from);
    Ok(Json(SourceList {
        items: rows
            .iter()
            .map(|r| {
                let s = &r.source;
                SourceOut {
                    slug: s.slug.to_string(),
                    title: (&s.title).into(),
                    description: (&s.description).into(),
                    content: (&s.content).into(),
                    holder: s.holder.to_string(),
                    population: text(&s.population),
                    period_from: s.period_from,
                    period_to: s.period_to,
                    frequency: s.frequency.map(|f| f.to_string()),
                    legal_basis: text(&s.legal_basis),
                    how_to_apply: text(&s.how_to_apply),
                    access: s.access.to_string(),
                    synthetic: s.synthetic,
                    conforms_to: s.conforms_to.clone(),
                    website: s.website.as_ref().map(|w| w.as_str().to_owned()),
                    persons: coverage(state.health(), s),
                }
            })
            .collect(),
    }))
}

/// Both languages of a text as JSON-LD language-tagged strings.
fn lang_strings(t: &domain::LangText) -> Value {
    json!([
        { "@value": t.sv, "@language": "sv" },
        { "@value": t.en, "@language": "en" },
    ])
}

const EU: &str = "http://publications.europa.eu/resource/authority";

/// The catalogue as DCAT-AP 3 (with HealthDCAT-AP's population properties) in JSON-LD.
pub fn dcat(base: &str, rows: &[SourceRow], data: Option<&HealthData>) -> Value {
    let agent = |slug: &Slug, name: &domain::LangText| {
        json!({
            "@id": format!("{base}/sv/actors/{slug}"),
            "@type": "foaf:Agent",
            "foaf:name": lang_strings(name),
        })
    };
    let office = domain::LangText::new(
        "Programkontoret för life science",
        "Life Science Programme Office",
    );
    let datasets: Vec<Value> = rows
        .iter()
        .map(|r| {
            let s = &r.source;
            let mut keywords = vec![
                json!({ "@value": "hälsodata", "@language": "sv" }),
                json!({ "@value": "health data", "@language": "en" }),
            ];
            if s.synthetic {
                keywords.push(json!({ "@value": "syntetiska data", "@language": "sv" }));
                keywords.push(json!({ "@value": "synthetic data", "@language": "en" }));
            }
            let mut d = json!({
                "@id": format!("{base}/sv/health-data/sources/{}", s.slug),
                "@type": "dcat:Dataset",
                "dct:identifier": s.slug.as_str(),
                "dct:title": lang_strings(&s.title),
                "dct:description": lang_strings(&domain::LangText::new(
                    format!("{}\n\n{}", s.description.sv, s.content.sv),
                    format!("{}\n\n{}", s.description.en, s.content.en),
                )),
                "dct:publisher": agent(&s.holder, &r.holder_name),
                "dcat:contactPoint": {
                    "@id": format!("{base}/sv/actors/{}#contacts", s.holder),
                    "@type": ["vcard:Kind", "vcard:Organization"],
                    "vcard:fn": r.holder_name.sv,
                    "vcard:hasURL": { "@id": format!("{base}/sv/actors/{}", s.holder) },
                },
                "dcat:landingPage": [
                    { "@id": format!("{base}/sv/health-data/sources/{}", s.slug), "@type": "foaf:Document" },
                    { "@id": format!("{base}/en/health-data/sources/{}", s.slug), "@type": "foaf:Document" },
                ],
                "dcat:keyword": keywords,
                "dcat:theme": {
                    "@id": format!("{EU}/data-theme/HEAL"),
                    "@type": "skos:Concept",
                    "skos:prefLabel": lang_strings(&domain::LangText::new("Hälsa", "Health")),
                    "skos:inScheme": { "@id": format!("{EU}/data-theme") },
                },
                "dct:accessRights": {
                    "@id": format!("{EU}/access-right/{}", s.access.eu_code()),
                    "@type": "dct:RightsStatement",
                    "skos:inScheme": { "@id": format!("{EU}/access-right") },
                },
                "dct:spatial": { "@id": "http://data.europa.eu/nuts/code/SE110", "@type": "dct:Location" },
            });
            let o = d.as_object_mut().expect("an object");
            if s.period_from.is_some() || s.period_to.is_some() {
                let mut p = json!({ "@type": "dct:PeriodOfTime" });
                if let Some(a) = s.period_from {
                    p["dcat:startDate"] = json!({ "@value": format!("{a:04}-01-01"), "@type": "xsd:date" });
                }
                if let Some(b) = s.period_to {
                    p["dcat:endDate"] = json!({ "@value": format!("{b:04}-12-31"), "@type": "xsd:date" });
                }
                o.insert("dct:temporal".into(), p);
            }
            if let Some(f) = s.frequency {
                o.insert(
                    "dct:accrualPeriodicity".into(),
                    json!({
                        "@id": format!("{EU}/frequency/{}", f.eu_code()),
                        "@type": "dct:Frequency",
                        "skos:inScheme": { "@id": format!("{EU}/frequency") },
                    }),
                );
            }
            if let Some(c) = &s.conforms_to {
                o.insert(
                    "dct:conformsTo".into(),
                    json!({ "@id": "https://ohdsi.github.io/CommonDataModel/cdm54.html", "@type": "dct:Standard", "dct:title": c }),
                );
            }
            if let Some(p) = &s.population {
                o.insert("healthdcatap:populationCoverage".into(), lang_strings(p));
            }
            if let Some(Released::About(n)) = coverage(data, s) {
                o.insert(
                    "healthdcatap:numberOfUniqueIndividuals".into(),
                    json!({ "@value": n.to_string(), "@type": "xsd:nonNegativeInteger" }),
                );
            }
            if let Some(w) = &s.website {
                o.insert("foaf:page".into(), json!({ "@id": w.as_str(), "@type": "foaf:Document" }));
            }
            d
        })
        .collect();
    json!({
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "vcard": "http://www.w3.org/2006/vcard/ns#",
            "skos": "http://www.w3.org/2004/02/skos/core#",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
            "healthdcatap": "http://healthdataportal.eu/ns/health#",
        },
        "@id": format!("{base}/api/v1/health-data/sources.jsonld"),
        "@type": "dcat:Catalog",
        "dct:title": lang_strings(&domain::LangText::new(
            "Hälsodatakällor i Stockholmsregionen",
            "Health-data sources in the Stockholm region",
        )),
        "dct:description": lang_strings(&domain::LangText::new(
            "Katalogen över hälsodatakällor i Samverkan, plattformen för life science-klustret i Stockholmsregionen.",
            "The catalogue of health-data sources in Samverkan, the platform of the Stockholm region's life science cluster.",
        )),
        "dct:publisher": {
            "@id": format!("{base}/sv/actors/programkontoret-life-science"),
            "@type": "foaf:Agent",
            "foaf:name": lang_strings(&office),
        },
        "foaf:homepage": { "@id": format!("{base}/sv/health-data/sources"), "@type": "foaf:Document" },
        "dct:language": [
            { "@id": format!("{EU}/language/SWE"), "@type": "dct:LinguisticSystem", "skos:inScheme": { "@id": format!("{EU}/language") } },
            { "@id": format!("{EU}/language/ENG"), "@type": "dct:LinguisticSystem", "skos:inScheme": { "@id": format!("{EU}/language") } },
        ],
        "dct:spatial": { "@id": "http://data.europa.eu/nuts/code/SE110", "@type": "dct:Location" },
        "dcat:themeTaxonomy": {
            "@id": format!("{EU}/data-theme"),
            "@type": "skos:ConceptScheme",
            "dct:title": { "@value": "Data theme", "@language": "en" },
        },
        "dcat:dataset": datasets,
    })
}

/// The catalogue of health-data sources as DCAT-AP 3 in JSON-LD (`application/ld+json`), with HealthDCAT-AP's
/// population coverage and, for a source the cohort engine holds, its released number of persons.
#[utoipa::path(
    get, path = "/api/v1/health-data/sources.jsonld", tag = "health-data", operation_id = "health_sources_dcat",
    responses((status = 200, description = "A dcat:Catalog in JSON-LD", content_type = "application/ld+json", body = Object))
)]
pub(crate) async fn api_jsonld(State(state): State<AppState>) -> Result<Response, WebError> {
    let rows = state.store().health_sources().await?;
    let base = state.auth().base_url.trim_end_matches('/').to_owned();
    let body = dcat(&base, &rows, state.health());
    Ok((
        [(header::CONTENT_TYPE, "application/ld+json")],
        serde_json::to_string_pretty(&body).unwrap_or_default(),
    )
        .into_response())
}
