//! The catalogue of the way in: `/{lang}/infrastructures` with filters, `/{lang}/services/{slug}`,
//! `/{lang}/premises`, template documents, and the managers' service form.

use crate::AppState;
use crate::kit::caller::Caller;
use crate::kit::error::WebError;
use crate::kit::forms::{Choice, Field, FieldKind, FormData, FormView, Section};
use crate::kit::page::{Layout, Link, Nav, lang, render};
use crate::kit::page::{ensure_session, respond};
use crate::kit::params::Params;
use crate::kit::text::Text;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use domain::access::{Stage, checklist_for};
use domain::catalogue::{
    ContactRoute, PremisesUse, PricingModel, Service, ServiceCategory, ServiceKind,
};
use domain::{Action, Lang, LangText, OwnershipForm, Slug};
use i18n::Tr;
use store::{CatalogueFilter, ServiceRow, StoreError};

pub use crate::kit::terms::Opt;
use crate::kit::terms::opts;
use crate::kit::terms::{TermChoices, term_choices, terms};

/// One infrastructure in the catalogue.
pub struct ProviderCard {
    /// Name.
    pub name: String,
    /// Link to the actor page.
    pub href: String,
    /// Ownership form label.
    pub ownership: String,
    /// Campus names.
    pub campuses: Vec<String>,
    /// Short description.
    pub excerpt: Text,
    /// Services: (link, name, what a company decides on in one line).
    pub services: Vec<(String, String, String)>,
    /// Where a manager of this infrastructure adds a service.
    pub add_href: Option<String>,
}

/// `/{lang}/infrastructures`.
#[derive(Template)]
#[template(path = "way_in/infrastructures.html")]
pub struct CataloguePage {
    /// Frame.
    pub layout: Layout,
    /// Category filter options.
    pub categories: Vec<Opt>,
    /// Campus filter options.
    pub campuses: Vec<Opt>,
    /// Ownership filter options.
    pub ownerships: Vec<Opt>,
    /// Only services for small companies.
    pub sme: bool,
    /// The terms' fields.
    pub terms: TermChoices,
    /// Whether any filter is set.
    pub filtered: bool,
    /// Result summary.
    pub summary: String,
    /// Results.
    pub items: Vec<ProviderCard>,
}

fn excerpt(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{cut}…")
}

pub(crate) fn catalogue_filter(params: &Params) -> Result<CatalogueFilter, WebError> {
    Ok(CatalogueFilter {
        category: params.vocabulary("category", ServiceCategory::ALL, ServiceCategory::as_str)?,
        campus: params.slug("campus")?,
        ownership: params.vocabulary("ownership", OwnershipForm::ALL, OwnershipForm::as_str)?,
        sme_only: params.get("sme").is_some_and(|v| v == "1" || v == "on"),
        terms: terms(params)?,
    })
}

fn campus_names(all: &[store::CampusSummary], slugs: &[Slug], lang: Lang) -> Vec<String> {
    slugs
        .iter()
        .filter_map(|s| all.iter().find(|c| &c.campus.slug == s))
        .map(|c| c.campus.name.get(lang).to_owned())
        .collect()
}

/// The catalogue of infrastructures and their services.
pub(crate) async fn infrastructures(
    State(state): State<AppState>,
    Path(code): Path<String>,
    caller: Caller,
    params: Params,
) -> Result<Html<String>, WebError> {
    let lang = lang(&code)?;
    let t = Tr::new(lang);
    let filter = catalogue_filter(&params)?;
    let store = state.store();
    let providers = store.providers(&filter, lang).await?;
    let campuses = store.campuses(lang).await?;
    let summaries: std::collections::HashMap<Slug, String> = store
        .services(&filter, lang)
        .await?
        .iter()
        .map(|r| {
            (
                r.service.slug.clone(),
                super::offer::offer_summary(t, &r.service),
            )
        })
        .collect();
    let items: Vec<ProviderCard> = providers
        .iter()
        .map(|p| ProviderCard {
            name: p.name.get(lang).to_owned(),
            href: format!("/{}/actors/{}", lang.code(), p.slug),
            ownership: p.ownership.map_or_else(
                || t.t("ownership-unknown"),
                |o| t.t(&format!("ownership-{o}")),
            ),
            campuses: campus_names(&campuses, &p.campuses, lang),
            excerpt: Text::of(&p.description, lang).map(|d| excerpt(d, 220)),
            services: p
                .services
                .iter()
                .map(|(s, n)| {
                    (
                        format!("/{}/services/{s}", lang.code()),
                        n.get(lang).to_owned(),
                        summaries.get(s).cloned().unwrap_or_default(),
                    )
                })
                .collect(),
            add_href: caller
                .require(&Action::ManageServices(&p.slug))
                .is_ok()
                .then(|| format!("/{}/infrastructures/{}/services/new", lang.code(), p.slug)),
        })
        .collect();
    let mut layout = Layout::new(
        lang,
        &t.t("infra-title"),
        "infrastructures",
        Nav::WayIn,
        Some(t.t("infra-lead")),
    );
    layout.set_caller(&caller);
    let page = CataloguePage {
        layout,
        categories: opts(
            ServiceCategory::ALL,
            ServiceCategory::as_str,
            "category",
            t,
            filter.category,
        ),
        campuses: campuses
            .iter()
            .map(|c| Opt {
                value: c.campus.slug.to_string(),
                label: c.campus.name.get(lang).to_owned(),
                selected: filter.campus.as_ref() == Some(&c.campus.slug),
            })
            .collect(),
        ownerships: opts(
            OwnershipForm::ALL,
            OwnershipForm::as_str,
            "ownership",
            t,
            filter.ownership,
        ),
        sme: filter.sme_only,
        terms: term_choices(t, &filter.terms),
        filtered: filter.on_services() || filter.campus.is_some() || filter.ownership.is_some(),
        summary: t.n("infra-count", "count", items.len() as u64),
        items,
    };
    render(&page)
}

/// One labelled fact on a detail page.
pub struct Fact {
    /// Label.
    pub label: String,
    /// Value.
    pub value: Text,
}

/// A checklist preview line: stage name and the item titles of that stage.
pub struct StagePreview {
    /// Stage name.
    pub stage: String,
    /// Each item's title and, for a required one, the word that says so.
    pub items: Vec<(Text, Option<String>)>,
}

/// `/{lang}/services/{slug}`.
#[derive(Template)]
#[template(path = "way_in/service.html")]
pub struct ServicePage {
    /// Frame.
    pub layout: Layout,
    /// The infrastructure: (link, name).
    pub infrastructure: (String, String),
    /// Description.
    pub description: Text,
    /// Facts.
    pub facts: Vec<Fact>,
    /// Contact link: (href, text).
    pub contact: Option<(String, String)>,
    /// Competence tags.
    pub tags: Vec<String>,
    /// Where "request access" leads.
    pub request_href: String,
    /// Edit link for managers.
    pub edit_href: Option<String>,
    /// The legal path preview.
    pub path_intro: String,
    /// Items per stage.
    pub stages: Vec<StagePreview>,
    /// Saved notice.
    pub saved: bool,
    /// Equipment and methods, one per line.
    pub equipment: Vec<Text>,
    /// Documents to prepare, one per line.
    pub documents: Vec<Text>,
    /// For its managers: when it was last reviewed, and whether that is over a year ago.
    pub review: Option<(String, bool)>,
    /// Where its managers say it is still current.
    pub reviewed_action: String,
    /// CSRF token (for the managers' form).
    pub csrf: String,
}

fn contact_link(c: &ContactRoute) -> (String, String) {
    let text = match c {
        ContactRoute::Web(u) => u.host().to_owned(),
        ContactRoute::Email(e) => e.as_str().to_owned(),
    };
    (c.href(), text)
}

/// One service.
pub(crate) async fn service(
    State(state): State<AppState>,
    Path((code, slug)): Path<(String, String)>,
    caller: Caller,
    params: Params,
) -> Result<Html<String>, WebError> {
    let lang = lang(&code)?;
    let t = Tr::new(lang);
    let slug = Slug::parse(&slug).map_err(|_| WebError::NotFound)?;
    let store = state.store();
    let view = store.service(&slug).await?.ok_or(WebError::NotFound)?;
    let s = &view.service;
    let tags = store.tags(lang).await?;
    let templates: Vec<_> = store
        .checklist_templates()
        .await?
        .into_iter()
        .filter(|t| !t.retired)
        .map(|t| t.template)
        .collect();
    let items = checklist_for(&templates, view.ownership);
    let stages = Stage::ALL
        .iter()
        .map(|st| StagePreview {
            stage: t.t(&format!("stage-title-{}", st.as_str())),
            items: items
                .iter()
                .filter(|i| i.stage == *st)
                .map(|i| {
                    let title = Text::of(&i.title, lang);
                    if i.required {
                        (title, Some(t.t("checklist-required")))
                    } else {
                        (title, None)
                    }
                })
                .collect(),
        })
        .collect();
    let mut facts = vec![
        Fact {
            label: t.t("service-kind"),
            value: Text::from(t.t(&format!("service-kind-{}", s.kind))),
        },
        Fact {
            label: t.t("service-category"),
            value: Text::from(t.t(&format!("category-{}", s.category))),
        },
        Fact {
            label: t.t("service-access"),
            value: Text::of(&s.access, lang),
        },
        Fact {
            label: t.t("service-pricing"),
            value: Text::from(
                s.pricing
                    .map_or_else(|| t.t("not-stated"), |p| t.t(&format!("pricing-{p}"))),
            ),
        },
        Fact {
            label: t.t("filter-ownership"),
            value: Text::from(view.ownership.map_or_else(
                || t.t("ownership-unknown"),
                |o| t.t(&format!("ownership-{o}")),
            )),
        },
        Fact {
            label: t.t("service-sme"),
            value: Text::from(t.t(if s.sme_welcome { "yes" } else { "not-stated" })),
        },
    ];
    facts.extend(super::offer::offer_facts(t, s));
    if let Some(l) = &s.lead_time {
        facts.push(Fact {
            label: t.t("service-lead-time"),
            value: Text::of(l, lang),
        });
    }
    if let Some(c) = &s.capacity {
        facts.push(Fact {
            label: t.t("service-capacity"),
            value: Text::of(c, lang),
        });
    }
    let mut layout = Layout::new(
        lang,
        s.name.get(lang),
        &format!("services/{slug}"),
        Nav::WayIn,
        Some(excerpt(s.description.get(lang), 150)),
    );
    layout.set_caller(&caller);
    let can_edit = caller
        .require(&Action::ManageServices(&s.infrastructure))
        .is_ok();
    let page = ServicePage {
        infrastructure: (
            format!("/{}/actors/{}", lang.code(), s.infrastructure),
            view.infrastructure_name.get(lang).to_owned(),
        ),
        description: Text::of(&s.description, lang),
        facts,
        contact: s.contact.as_ref().map(contact_link),
        tags: s
            .tags
            .iter()
            .filter_map(|ts| tags.iter().find(|x| &x.tag.slug == ts))
            .map(|x| x.tag.label.get(lang).to_owned())
            .collect(),
        request_href: format!("/{}/requests/new?service={slug}", lang.code()),
        edit_href: can_edit.then(|| {
            format!(
                "/{}/infrastructures/{}/services/{slug}/edit",
                lang.code(),
                s.infrastructure
            )
        }),
        path_intro: t.t1(
            "service-path-intro",
            "owner",
            view.ownership.map_or_else(
                || t.t("ownership-unknown"),
                |o| t.t(&format!("ownership-{o}")),
            ),
        ),
        stages,
        saved: params.get("saved").is_some(),
        equipment: super::offer::lines(&s.offer.equipment, lang),
        documents: super::offer::lines(&s.offer.documents, lang),
        review: can_edit.then(|| {
            (
                crate::kit::page::date(view.reviewed_at),
                view.is_stale(store::now_millis()),
            )
        }),
        reviewed_action: format!(
            "/{}/infrastructures/{}/services/{slug}/reviewed",
            lang.code(),
            s.infrastructure
        ),
        csrf: caller.csrf().unwrap_or_default().to_owned(),
        layout,
    };
    render(&page)
}

/// One premises card.
pub struct PremisesCard {
    /// Name.
    pub name: String,
    /// Owner: (link, name).
    pub owner: (String, String),
    /// Campus: (link, name).
    pub campus: (String, String),
    /// Description.
    pub description: Text,
    /// Facts.
    pub facts: Vec<Fact>,
    /// Contact link.
    pub contact: Option<(String, String)>,
    /// Where "ask about these premises" leads.
    pub request_href: String,
    /// Anchor id.
    pub id: String,
    /// Its own page.
    pub href: String,
    /// Its first photo: (src, alt).
    pub photo: Option<(String, Text)>,
    /// The owner's edit link.
    pub edit_href: Option<String>,
}

/// `/{lang}/premises`.
#[derive(Template)]
#[template(path = "way_in/premises.html")]
pub struct PremisesPage {
    /// Frame.
    pub layout: Layout,
    /// Campus filter options.
    pub campuses: Vec<Opt>,
    /// Use filter options.
    pub uses: Vec<Opt>,
    /// Whether any filter is set.
    pub filtered: bool,
    /// Result summary.
    pub summary: String,
    /// Results.
    pub items: Vec<PremisesCard>,
    /// Where the caller publishes new premises, for each owner they keep listings for: (href, owner name).
    pub add: Vec<(String, String)>,
}

/// Premises for companies.
pub(crate) async fn premises(
    State(state): State<AppState>,
    Path(code): Path<String>,
    caller: Caller,
    params: Params,
) -> Result<Html<String>, WebError> {
    let lang = lang(&code)?;
    let t = Tr::new(lang);
    let campus = params.slug("campus")?;
    let usage = params.vocabulary("use", PremisesUse::ALL, PremisesUse::as_str)?;
    let store = state.store();
    let list = store.premises_list(campus.as_ref(), usage, lang).await?;
    let campuses = store.campuses(lang).await?;
    let items: Vec<PremisesCard> = list
        .into_iter()
        .map(|v| {
            let p = v.premises;
            let facts = super::listings::premises_facts(t, &p);
            PremisesCard {
                id: format!("premises-{}", p.slug),
                name: p.name.get(lang).to_owned(),
                owner: (
                    format!("/{}/actors/{}", lang.code(), p.owner),
                    v.owner_name.get(lang).to_owned(),
                ),
                campus: (
                    format!("/{}/campuses/{}", lang.code(), p.campus),
                    v.campus_name.get(lang).to_owned(),
                ),
                description: Text::of(&p.description, lang),
                facts,
                contact: p.contact.as_ref().map(contact_link),
                request_href: format!("/{}/requests/new?premises={}", lang.code(), p.slug),
                href: format!("/{}/premises/{}", lang.code(), p.slug),
                photo: v
                    .photos
                    .first()
                    .map(|f| (format!("/premises/photos/{}", f.id), Text::of(&f.alt, lang))),
                edit_href: caller
                    .require(&Action::ManagePremises(&p.owner))
                    .is_ok()
                    .then(|| {
                        format!(
                            "/{}/owners/{}/premises/{}/edit",
                            lang.code(),
                            p.owner,
                            p.slug
                        )
                    }),
            }
        })
        .collect();
    let mut add = Vec::new();
    if let Some(p) = caller.principal.as_ref() {
        for g in p.grants() {
            if let Some(owner) = &g.actor
                && caller.require(&Action::ManagePremises(owner)).is_ok()
                && !add
                    .iter()
                    .any(|(h, _): &(String, String)| h.contains(owner.as_str()))
            {
                let name = store
                    .actor(owner)
                    .await?
                    .map(|a| a.name.get(lang).to_owned())
                    .unwrap_or_default();
                add.push((
                    format!("/{}/owners/{owner}/premises/new", lang.code()),
                    name,
                ));
            }
        }
    }
    let mut layout = Layout::new(
        lang,
        &t.t("premises-title"),
        "premises",
        Nav::WayIn,
        Some(t.t("premises-lead")),
    );
    layout.set_caller(&caller);
    render(&PremisesPage {
        layout,
        campuses: campuses
            .iter()
            .map(|c| Opt {
                value: c.campus.slug.to_string(),
                label: c.campus.name.get(lang).to_owned(),
                selected: campus.as_ref() == Some(&c.campus.slug),
            })
            .collect(),
        uses: opts(PremisesUse::ALL, PremisesUse::as_str, "use", t, usage),
        filtered: campus.is_some() || usage.is_some(),
        summary: t.n("premises-count", "count", items.len() as u64),
        items,
        add,
    })
}

// ----- The managers' service form -----

fn service_form(
    t: Tr,
    lang: Lang,
    csrf: String,
    action: String,
    s: Option<&Service>,
    form: Option<&FormData>,
) -> FormView {
    let val = |name: &str, from: &dyn Fn(&Service) -> String| -> String {
        match form {
            Some(f) => f.value(name),
            None => s.map(from).unwrap_or_default(),
        }
    };
    let text = |kind: FieldKind,
                name: &str,
                label: &str,
                l: &'static str,
                from: &dyn Fn(&Service) -> String| {
        Field::new(kind, name, t.t(label))
            .value(val(name, from))
            .lang(l)
    };
    let choice = |all: Vec<(String, String)>, current: String, empty: Option<String>| {
        let mut c: Vec<Choice> = empty
            .map(|e| Choice {
                value: String::new(),
                label: e,
                selected: current.is_empty(),
            })
            .into_iter()
            .collect();
        c.extend(all.into_iter().map(|(v, l)| Choice {
            selected: v == current,
            value: v,
            label: l,
        }));
        c
    };
    let kind = val("kind", &|s| s.kind.as_str().to_owned());
    let category = val("category", &|s| s.category.as_str().to_owned());
    let pricing = val("pricing", &|s| {
        s.pricing.map(|p| p.as_str().to_owned()).unwrap_or_default()
    });
    let sme = match form {
        Some(f) => !f.value("sme_welcome").is_empty(),
        None => s.is_some_and(|s| s.sme_welcome),
    };
    let opt_lt = |l: &Option<LangText>, sv: bool| {
        l.as_ref()
            .map(|x| if sv { x.sv.clone() } else { x.en.clone() })
            .unwrap_or_default()
    };
    FormView {
        intro: vec![t.t("service-form-intro")],
        action,
        csrf,
        sections: vec![
            Section {
                legend: None,
                fields: vec![
                    Field::new(FieldKind::Text, "slug", t.t("service-slug"))
                        .value(val("slug", &|s| s.slug.to_string()))
                        .hint(t.t("service-slug-hint"))
                        .required()
                        .maxlength(80),
                    Field::new(FieldKind::Select, "kind", t.t("service-kind")).choices(choice(
                        ServiceKind::ALL
                            .iter()
                            .map(|k| (k.as_str().to_owned(), t.t(&format!("service-kind-{k}"))))
                            .collect(),
                        kind,
                        None,
                    )),
                    Field::new(FieldKind::Select, "category", t.t("service-category")).choices(
                        choice(
                            ServiceCategory::ALL
                                .iter()
                                .map(|k| (k.as_str().to_owned(), t.t(&format!("category-{k}"))))
                                .collect(),
                            category,
                            None,
                        ),
                    ),
                    Field::new(FieldKind::Select, "pricing", t.t("service-pricing")).choices(
                        choice(
                            PricingModel::ALL
                                .iter()
                                .map(|k| (k.as_str().to_owned(), t.t(&format!("pricing-{k}"))))
                                .collect(),
                            pricing,
                            Some(t.t("not-stated")),
                        ),
                    ),
                    Field::new(FieldKind::Text, "contact", t.t("service-contact"))
                        .value(val("contact", &|s| {
                            s.contact
                                .as_ref()
                                .map(|c| c.as_str().to_owned())
                                .unwrap_or_default()
                        }))
                        .hint(t.t("service-contact-hint"))
                        .maxlength(300),
                    Field::new(FieldKind::Checkboxes, "sme_welcome", t.t("service-sme")).choices(
                        vec![Choice {
                            value: "1".into(),
                            label: t.t("service-sme-check"),
                            selected: sme,
                        }],
                    ),
                ],
            },
            Section {
                legend: Some(t.t("edit-swedish")),
                fields: vec![
                    text(FieldKind::Text, "name_sv", "service-name", "sv", &|s| {
                        s.name.sv.clone()
                    })
                    .required()
                    .maxlength(200),
                    text(
                        FieldKind::Textarea,
                        "description_sv",
                        "service-description",
                        "sv",
                        &|s| s.description.sv.clone(),
                    )
                    .required()
                    .maxlength(5000),
                    text(
                        FieldKind::Textarea,
                        "access_sv",
                        "service-access",
                        "sv",
                        &|s| s.access.sv.clone(),
                    )
                    .required()
                    .maxlength(3000),
                    text(
                        FieldKind::Text,
                        "lead_time_sv",
                        "service-lead-time",
                        "sv",
                        &|s| opt_lt(&s.lead_time, true),
                    )
                    .maxlength(300),
                    text(
                        FieldKind::Text,
                        "capacity_sv",
                        "service-capacity",
                        "sv",
                        &|s| opt_lt(&s.capacity, true),
                    )
                    .maxlength(300),
                ],
            },
            super::offer::offer_section(t, s, form),
            Section {
                legend: Some(t.t("edit-english")),
                fields: vec![
                    text(FieldKind::Text, "name_en", "service-name", "en", &|s| {
                        s.name.en.clone()
                    })
                    .required()
                    .maxlength(200),
                    text(
                        FieldKind::Textarea,
                        "description_en",
                        "service-description",
                        "en",
                        &|s| s.description.en.clone(),
                    )
                    .required()
                    .maxlength(5000),
                    text(
                        FieldKind::Textarea,
                        "access_en",
                        "service-access",
                        "en",
                        &|s| s.access.en.clone(),
                    )
                    .required()
                    .maxlength(3000),
                    text(
                        FieldKind::Text,
                        "lead_time_en",
                        "service-lead-time",
                        "en",
                        &|s| opt_lt(&s.lead_time, false),
                    )
                    .maxlength(300),
                    text(
                        FieldKind::Text,
                        "capacity_en",
                        "service-capacity",
                        "en",
                        &|s| opt_lt(&s.capacity, false),
                    )
                    .maxlength(300),
                ],
            },
        ],
        submit: t.t("service-save"),
        links: vec![Link {
            href: format!("/{}/infrastructures", lang.code()),
            text: t.t("infra-title"),
        }],
        form_error: None,
        notice: None,
    }
}

/// Reads the service form; every problem with the field it belongs to.
fn read_service(
    t: Tr,
    f: &FormData,
    infrastructure: &Slug,
    tags: Vec<Slug>,
) -> Result<Service, Vec<(String, String)>> {
    let mut errs = Vec::new();
    let mut required = |name: &str, max: usize| -> String {
        let v = f.value(name);
        if v.is_empty() {
            errs.push((name.to_owned(), t.t("field-required")));
        } else if v.chars().count() > max {
            errs.push((name.to_owned(), t.t1("field-too-long", "max", max)));
        }
        v
    };
    let name = LangText::new(required("name_sv", 200), required("name_en", 200));
    let description = LangText::new(
        required("description_sv", 5000),
        required("description_en", 5000),
    );
    let access = LangText::new(required("access_sv", 3000), required("access_en", 3000));
    let pair = |errs: &mut Vec<(String, String)>, prefix: &str| -> Option<LangText> {
        let (sv, en) = (
            f.value(&format!("{prefix}_sv")),
            f.value(&format!("{prefix}_en")),
        );
        match (sv.is_empty(), en.is_empty()) {
            (true, true) => None,
            (false, false) => Some(LangText::new(sv, en)),
            (true, false) => {
                errs.push((format!("{prefix}_sv"), t.t("error-both-languages")));
                None
            }
            (false, true) => {
                errs.push((format!("{prefix}_en"), t.t("error-both-languages")));
                None
            }
        }
    };
    let lead_time = pair(&mut errs, "lead_time");
    let capacity = pair(&mut errs, "capacity");
    let offer = super::offer::read_offer(t, f, &mut errs);
    let slug = match Slug::parse(&f.value("slug")) {
        Ok(s) => Some(s),
        Err(_) => {
            errs.push(("slug".into(), t.t("error-slug")));
            None
        }
    };
    let kind = ServiceKind::parse(&f.value("kind"));
    if kind.is_none() {
        errs.push(("kind".into(), t.t("field-choose")));
    }
    let category = ServiceCategory::parse(&f.value("category"));
    if category.is_none() {
        errs.push(("category".into(), t.t("field-choose")));
    }
    let pricing_raw = f.value("pricing");
    let pricing = PricingModel::parse(&pricing_raw);
    if pricing.is_none() && !pricing_raw.is_empty() {
        errs.push(("pricing".into(), t.t("field-choose")));
    }
    let contact_raw = f.value("contact");
    let contact = if contact_raw.is_empty() {
        None
    } else {
        match ContactRoute::parse(&contact_raw) {
            Ok(c) => Some(c),
            Err(_) => {
                errs.push(("contact".into(), t.t("error-contact")));
                None
            }
        }
    };
    match (slug, kind, category) {
        (Some(slug), Some(kind), Some(category)) if errs.is_empty() => Ok(Service {
            slug,
            infrastructure: infrastructure.clone(),
            kind,
            category,
            name,
            description,
            access,
            pricing,
            lead_time,
            capacity,
            contact,
            sme_welcome: !f.value("sme_welcome").is_empty(),
            tags,
            offer,
        }),
        _ => Err(errs),
    }
}

fn form_page(
    lang: Lang,
    caller: &Caller,
    title: &str,
    form: FormView,
) -> crate::kit::page::FormPage {
    let mut layout = Layout::new(lang, title, "infrastructures", Nav::WayIn, None);
    layout.set_caller(caller);
    crate::kit::page::FormPage { layout, form }
}

async fn editable(
    state: &AppState,
    caller: &Caller,
    infra: &str,
    service: Option<&str>,
) -> Result<(Slug, Option<ServiceRow>), WebError> {
    let infra = Slug::parse(infra).map_err(|_| WebError::NotFound)?;
    // Who may edit is decided before anything is looked up.
    caller.require(&Action::ManageServices(&infra))?;
    state
        .store()
        .actor(&infra)
        .await?
        .ok_or(WebError::NotFound)?;
    let view = match service {
        None => None,
        Some(s) => {
            let s = Slug::parse(s).map_err(|_| WebError::NotFound)?;
            let v = state.store().service(&s).await?.ok_or(WebError::NotFound)?;
            if v.service.infrastructure != infra {
                return Err(WebError::NotFound);
            }
            Some(v)
        }
    };
    Ok((infra, view))
}

/// The new-service form.
pub(crate) async fn new_service_page(
    State(state): State<AppState>,
    Path((code, infra)): Path<(String, String)>,
    caller: Caller,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    let (infra, _) = editable(&state, &caller, &infra, None).await?;
    let t = Tr::new(lang);
    let (csrf, cookie) = ensure_session(&state, &caller).await?;
    let action = format!("/{}/infrastructures/{infra}/services/new", lang.code());
    let form = service_form(t, lang, csrf, action, None, None);
    Ok(respond(
        StatusCode::OK,
        render(&form_page(lang, &caller, &t.t("service-new-title"), form))?,
        cookie,
    ))
}

/// The edit form of a service.
pub(crate) async fn edit_service_page(
    State(state): State<AppState>,
    Path((code, infra, service)): Path<(String, String, String)>,
    caller: Caller,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    let (infra, view) = editable(&state, &caller, &infra, Some(&service)).await?;
    let view = view.ok_or(WebError::NotFound)?;
    let t = Tr::new(lang);
    let (csrf, cookie) = ensure_session(&state, &caller).await?;
    let action = format!(
        "/{}/infrastructures/{infra}/services/{}/edit",
        lang.code(),
        view.service.slug
    );
    let form = service_form(t, lang, csrf, action, Some(&view.service), None);
    let title = t.t1("service-edit-title", "name", view.service.name.get(lang));
    Ok(respond(
        StatusCode::OK,
        render(&form_page(lang, &caller, &title, form))?,
        cookie,
    ))
}

async fn save(
    state: AppState,
    code: String,
    infra: String,
    service: Option<String>,
    caller: Caller,
    form: FormData,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    let (infra, before) = editable(&state, &caller, &infra, service.as_deref()).await?;
    caller.check_csrf(Some(&form.value("csrf")))?;
    let t = Tr::new(lang);
    let tags = before
        .as_ref()
        .map(|b| b.service.tags.clone())
        .unwrap_or_default();
    let action = match &before {
        Some(b) => format!(
            "/{}/infrastructures/{infra}/services/{}/edit",
            lang.code(),
            b.service.slug
        ),
        None => format!("/{}/infrastructures/{infra}/services/new", lang.code()),
    };
    let title = match &before {
        Some(b) => t.t1("service-edit-title", "name", b.service.name.get(lang)),
        None => t.t("service-new-title"),
    };
    let refuse = |errs: Vec<(String, String)>| -> Result<Response, WebError> {
        let mut view = service_form(
            t,
            lang,
            caller.csrf().unwrap_or_default().to_owned(),
            action.clone(),
            None,
            Some(&form),
        );
        for (field, msg) in errs {
            view.set_error(&field, msg);
        }
        Ok(respond(
            StatusCode::UNPROCESSABLE_ENTITY,
            render(&form_page(lang, &caller, &title, view))?,
            None,
        ))
    };
    let s = match read_service(t, &form, &infra, tags) {
        Ok(s) => s,
        Err(errs) => return refuse(errs),
    };
    match state
        .store()
        .save_service(
            caller.user_id(),
            before.as_ref().map(|b| &b.service.slug),
            &s,
        )
        .await
    {
        Ok(()) => Ok(
            Redirect::to(&format!("/{}/services/{}?saved=1", lang.code(), s.slug)).into_response(),
        ),
        Err(StoreError::Conflict(_)) => refuse(vec![("slug".into(), t.t("error-slug-taken"))]),
        Err(e) => Err(e.into()),
    }
}

/// Creates a service.
pub(crate) async fn create_service(
    State(state): State<AppState>,
    Path((code, infra)): Path<(String, String)>,
    caller: Caller,
    form: FormData,
) -> Result<Response, WebError> {
    save(state, code, infra, None, caller, form).await
}

/// Saves a service.
pub(crate) async fn update_service(
    State(state): State<AppState>,
    Path((code, infra, service)): Path<(String, String, String)>,
    caller: Caller,
    form: FormData,
) -> Result<Response, WebError> {
    save(state, code, infra, Some(service), caller, form).await
}

/// A manager says the service is still current as it stands (it is then no longer flagged as stale).
pub(crate) async fn mark_reviewed(
    State(state): State<AppState>,
    Path((code, infra, service)): Path<(String, String, String)>,
    caller: Caller,
    form: FormData,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    let (_, view) = editable(&state, &caller, &infra, Some(&service)).await?;
    let view = view.ok_or(WebError::NotFound)?;
    caller.check_csrf(Some(&form.value("csrf")))?;
    state
        .store()
        .mark_service_reviewed(caller.user_id(), &view.service.slug)
        .await?;
    Ok(Redirect::to(&format!(
        "/{}/services/{}?saved=1",
        lang.code(),
        view.service.slug
    ))
    .into_response())
}
