//! Owners publish premises: a real-estate owner's people (Locum, Akademiska Hus) create, edit and end listings —
//! area, use (office, lab with its biosafety level, production), campus, rent, date available, contact — and add
//! photos, each checked, scaled, written anew and published only with an alternative text in both languages.
//! Every listing has a page of its own (`/{lang}/premises/{slug}`).

use super::catalogue::Fact;
use crate::AppState;
use crate::kit::caller::Caller;
use crate::kit::error::WebError;
use crate::kit::forms::{Choice, Field, FieldKind, FormData, FormView, Section};
use crate::kit::page::{Layout, Nav, ensure_session, lang, render, respond};
use crate::kit::text::Text;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use domain::catalogue::{ContactRoute, MAX_SAFETY_LEVEL, Premises, PremisesUse};
use domain::{Action, IsoDate, Lang, LangText, Slug};
use i18n::Tr;
use store::{PremisesError, PremisesRow, PremisesRule, StoreError};

pub use crate::kit::photos::MAX_BODY as MAX_PHOTO_BODY;
use crate::kit::photos::{AltProblem, MAX_ALT};

/// The owner named in the path, once the caller may manage its premises; and the listing, when one is named
/// (it must be the owner's).
async fn owned(
    state: &AppState,
    caller: &Caller,
    owner: &str,
    premises: Option<&str>,
) -> Result<(Slug, Option<PremisesRow>), WebError> {
    let owner = Slug::parse(owner).map_err(|_| WebError::NotFound)?;
    // Who may do this is decided before anything is looked up.
    caller.require(&Action::ManagePremises(&owner))?;
    state
        .store()
        .actor(&owner)
        .await?
        .ok_or(WebError::NotFound)?;
    let row = match premises {
        None => None,
        Some(p) => {
            let p = Slug::parse(p).map_err(|_| WebError::NotFound)?;
            let row = state
                .store()
                .premises_one(&p)
                .await?
                .ok_or(WebError::NotFound)?;
            if row.premises.owner != owner {
                return Err(WebError::NotFound);
            }
            Some(row)
        }
    };
    Ok((owner, row))
}

fn premises_form(
    t: Tr,
    csrf: String,
    action: String,
    existing: Option<&Premises>,
    form: Option<&FormData>,
    campuses: &[(String, String)],
) -> FormView {
    let val = |name: &str, from: &dyn Fn(&Premises) -> String| -> String {
        match form {
            Some(f) => f.value(name),
            None => existing.map(from).unwrap_or_default(),
        }
    };
    let choices = |all: Vec<(String, String)>, current: String, empty: Option<String>| {
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
    let mut first = Vec::new();
    if existing.is_none() {
        first.push(
            Field::new(FieldKind::Text, "slug", t.t("service-slug"))
                .value(val("slug", &|p| p.slug.to_string()))
                .hint(t.t("premises-slug-hint"))
                .required()
                .maxlength(80),
        );
    }
    first.extend([
        Field::new(FieldKind::Select, "use", t.t("premises-use")).choices(choices(
            PremisesUse::ALL
                .iter()
                .map(|u| (u.as_str().to_owned(), t.t(&format!("use-{u}"))))
                .collect(),
            val("use", &|p| p.usage.as_str().to_owned()),
            None,
        )),
        Field::new(
            FieldKind::Select,
            "safety_level",
            t.t("premises-safety-level"),
        )
        .hint(t.t("premises-safety-level-hint"))
        .choices(choices(
            (1..=MAX_SAFETY_LEVEL)
                .map(|l| (l.to_string(), t.t1("premises-safety-n", "level", l)))
                .collect(),
            val("safety_level", &|p| {
                p.safety_level.map(|l| l.to_string()).unwrap_or_default()
            }),
            Some(t.t("not-stated")),
        )),
        Field::new(FieldKind::Select, "campus", t.t("filter-campus")).choices(choices(
            campuses.to_vec(),
            val("campus", &|p| p.campus.to_string()),
            None,
        )),
        Field::new(FieldKind::Number, "area_m2", t.t("premises-area-field"))
            .value(val("area_m2", &|p| {
                p.area_m2.map(|a| a.to_string()).unwrap_or_default()
            })),
        Field::new(FieldKind::Number, "rent_per_m2", t.t("premises-rent-field"))
            .value(val("rent_per_m2", &|p| {
                p.rent_per_m2.map(|a| a.to_string()).unwrap_or_default()
            }))
            .hint(t.t("premises-rent-hint")),
        Field::new(FieldKind::Text, "available_from", t.t("premises-available"))
            .value(val("available_from", &|p| {
                p.available_from.map(|d| d.to_string()).unwrap_or_default()
            }))
            .hint(t.t("date-hint"))
            .maxlength(10),
        Field::new(FieldKind::Text, "contact", t.t("service-contact"))
            .value(val("contact", &|p| {
                p.contact
                    .as_ref()
                    .map(|c| c.as_str().to_owned())
                    .unwrap_or_default()
            }))
            .hint(t.t("service-contact-hint"))
            .maxlength(300),
    ]);
    let lang_section = |code: &'static str, legend: &str| Section {
        legend: Some(t.t(legend)),
        fields: vec![
            Field::new(
                FieldKind::Text,
                &format!("name_{code}"),
                t.t("premises-name-field"),
            )
            .value(val(&format!("name_{code}"), &|p| {
                if code == "sv" { &p.name.sv } else { &p.name.en }.clone()
            }))
            .lang(code)
            .required()
            .maxlength(200),
            Field::new(
                FieldKind::Textarea,
                &format!("description_{code}"),
                t.t("premises-description-field"),
            )
            .value(val(&format!("description_{code}"), &|p| {
                if code == "sv" {
                    &p.description.sv
                } else {
                    &p.description.en
                }
                .clone()
            }))
            .lang(code)
            .required()
            .maxlength(5000),
        ],
    };
    FormView {
        intro: vec![t.t("premises-form-intro")],
        action,
        csrf,
        sections: vec![
            Section {
                legend: None,
                fields: first,
            },
            lang_section("sv", "edit-swedish"),
            lang_section("en", "edit-english"),
        ],
        submit: t.t("premises-save"),
        links: vec![],
        form_error: None,
        notice: None,
    }
}

/// Reads the listing form; each problem with its field.
fn read_premises(
    t: Tr,
    f: &FormData,
    owner: &Slug,
    existing: Option<&Premises>,
    campuses: &[(String, String)],
) -> Result<Premises, Vec<(String, String)>> {
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
    let slug = match existing {
        Some(p) => Some(p.slug.clone()),
        None => match Slug::parse(&f.value("slug")) {
            Ok(s) => Some(s),
            Err(_) => {
                errs.push(("slug".into(), t.t("error-slug")));
                None
            }
        },
    };
    let usage = PremisesUse::parse(&f.value("use"));
    if usage.is_none() {
        errs.push(("use".into(), t.t("field-choose")));
    }
    let level_raw = f.value("safety_level");
    let safety_level = match level_raw.parse::<u8>() {
        _ if level_raw.is_empty() => None,
        Ok(l) if (1..=MAX_SAFETY_LEVEL).contains(&l) => Some(l),
        _ => {
            errs.push(("safety_level".into(), t.t("field-choose")));
            None
        }
    };
    if safety_level.is_some() && usage.is_some_and(|u| !u.is_lab()) {
        errs.push(("safety_level".into(), t.t("premises-error-safety-not-lab")));
    }
    let campus_raw = f.value("campus");
    let campus = campuses
        .iter()
        .find(|(v, _)| *v == campus_raw)
        .and_then(|(v, _)| Slug::parse(v).ok());
    if campus.is_none() {
        errs.push(("campus".into(), t.t("field-choose")));
    }
    let mut number = |name: &str, max: u32| -> Option<u32> {
        let raw = f.value(name).replace([' ', '\u{a0}'], "");
        if raw.is_empty() {
            return None;
        }
        match raw.parse::<u32>() {
            Ok(v) if (1..=max).contains(&v) => Some(v),
            _ => {
                errs.push((name.to_owned(), t.t1("premises-error-number", "max", max)));
                None
            }
        }
    };
    let area_m2 = number("area_m2", 1_000_000);
    let rent_per_m2 = number("rent_per_m2", 100_000);
    let from_raw = f.value("available_from");
    let available_from = if from_raw.is_empty() {
        None
    } else {
        match IsoDate::parse(&from_raw) {
            Ok(d) => Some(d),
            Err(_) => {
                errs.push(("available_from".into(), t.t("request-error-date")));
                None
            }
        }
    };
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
    match (slug, usage, campus) {
        (Some(slug), Some(usage), Some(campus)) if errs.is_empty() => Ok(Premises {
            slug,
            owner: owner.clone(),
            campus,
            usage,
            name,
            description,
            area_m2,
            available_from,
            contact,
            tags: existing.map(|p| p.tags.clone()).unwrap_or_default(),
            safety_level,
            rent_per_m2,
        }),
        _ => Err(errs),
    }
}

async fn campus_choices(state: &AppState, lang: Lang) -> Result<Vec<(String, String)>, WebError> {
    Ok(state
        .store()
        .campuses(lang)
        .await?
        .into_iter()
        .map(|c| {
            (
                c.campus.slug.as_str().to_owned(),
                c.campus.name.get(lang).to_owned(),
            )
        })
        .collect())
}

/// The listing's edit page: its form, its photos and the photo form, and ending it.
#[derive(Template)]
#[template(path = "way_in/premises-edit.html")]
pub struct EditPage {
    /// Frame.
    pub layout: Layout,
    /// The listing's form.
    pub form: FormView,
    /// Photos: (src, alt, removal action).
    pub photos: Vec<(String, Text, String)>,
    /// Where a photo is added; none on the new-listing page.
    pub photo_action: Option<String>,
    /// Where the listing is ended; none when new or already ended.
    pub end_action: Option<String>,
    /// The public page.
    pub public_href: Option<String>,
    /// A message about the photos: (ok, text).
    pub photo_flash: Option<(bool, String)>,
    /// CSRF token.
    pub csrf: String,
    /// Whether another photo may be added.
    pub room_for_photos: bool,
}

fn edit_page(
    lang: Lang,
    caller: &Caller,
    owner: &Slug,
    row: Option<&PremisesRow>,
    form: FormView,
    photo_flash: Option<(bool, String)>,
) -> EditPage {
    let t = Tr::new(lang);
    let c = lang.code();
    let title = match row {
        Some(r) => t.t1("premises-edit-title", "name", r.premises.name.get(lang)),
        None => t.t("premises-new-title"),
    };
    let mut layout = Layout::new(lang, &title, "premises", Nav::WayIn, None);
    layout.set_caller(caller);
    let base = row.map(|r| format!("/{c}/owners/{owner}/premises/{}", r.premises.slug));
    EditPage {
        photos: row
            .map(|r| {
                r.photos
                    .iter()
                    .map(|p| {
                        (
                            format!("/premises/photos/{}", p.id),
                            Text::of(&p.alt, lang),
                            format!(
                                "{}/photos/{}/delete",
                                base.clone().unwrap_or_default(),
                                p.id
                            ),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default(),
        room_for_photos: row.is_some_and(|r| (r.photos.len() as i64) < store::MAX_PHOTOS),
        photo_action: base.as_ref().map(|b| format!("{b}/photos")),
        end_action: row
            .filter(|r| r.ended_at.is_none())
            .and(base.as_ref())
            .map(|b| format!("{b}/end")),
        public_href: row.map(|r| format!("/{c}/premises/{}", r.premises.slug)),
        csrf: form.csrf.clone(),
        photo_flash,
        form,
        layout,
    }
}

/// The new-listing form.
pub(crate) async fn new_page(
    State(state): State<AppState>,
    Path((code, owner)): Path<(String, String)>,
    caller: Caller,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    let (owner, _) = owned(&state, &caller, &owner, None).await?;
    let t = Tr::new(lang);
    let (csrf, cookie) = ensure_session(&state, &caller).await?;
    let campuses = campus_choices(&state, lang).await?;
    let action = format!("/{}/owners/{owner}/premises/new", lang.code());
    let form = premises_form(t, csrf, action, None, None, &campuses);
    Ok(respond(
        StatusCode::OK,
        render(&edit_page(lang, &caller, &owner, None, form, None))?,
        cookie,
    ))
}

/// A listing's edit page.
pub(crate) async fn edit_page_handler(
    State(state): State<AppState>,
    Path((code, owner, premises)): Path<(String, String, String)>,
    caller: Caller,
    params: crate::kit::params::Params,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    let (owner, row) = owned(&state, &caller, &owner, Some(&premises)).await?;
    let row = row.ok_or(WebError::NotFound)?;
    let t = Tr::new(lang);
    let (csrf, cookie) = ensure_session(&state, &caller).await?;
    let campuses = campus_choices(&state, lang).await?;
    let action = format!(
        "/{}/owners/{owner}/premises/{}/edit",
        lang.code(),
        row.premises.slug
    );
    let mut form = premises_form(t, csrf, action, Some(&row.premises), None, &campuses);
    form.notice = match params.get("done").unwrap_or_default() {
        "saved" => Some(t.t("premises-saved")),
        "ended" => Some(t.t("premises-ended")),
        _ => None,
    };
    let flash = match params.get("done").unwrap_or_default() {
        "photo" => Some((true, t.t("photo-added"))),
        "photo-removed" => Some((true, t.t("photo-removed"))),
        _ => None,
    };
    Ok(respond(
        StatusCode::OK,
        render(&edit_page(lang, &caller, &owner, Some(&row), form, flash))?,
        cookie,
    ))
}

async fn save(
    state: AppState,
    code: String,
    owner: String,
    premises: Option<String>,
    caller: Caller,
    form: FormData,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    let (owner, row) = owned(&state, &caller, &owner, premises.as_deref()).await?;
    caller.check_csrf(Some(&form.value("csrf")))?;
    let t = Tr::new(lang);
    let campuses = campus_choices(&state, lang).await?;
    let action = match &row {
        Some(r) => format!(
            "/{}/owners/{owner}/premises/{}/edit",
            lang.code(),
            r.premises.slug
        ),
        None => format!("/{}/owners/{owner}/premises/new", lang.code()),
    };
    let refuse = |errs: Vec<(String, String)>| -> Result<Response, WebError> {
        let mut view = premises_form(
            t,
            caller.csrf().unwrap_or_default().to_owned(),
            action.clone(),
            row.as_ref().map(|r| &r.premises),
            Some(&form),
            &campuses,
        );
        for (field, msg) in errs {
            view.set_error(&field, msg);
        }
        Ok(respond(
            StatusCode::UNPROCESSABLE_ENTITY,
            render(&edit_page(lang, &caller, &owner, row.as_ref(), view, None))?,
            None,
        ))
    };
    let p = match read_premises(
        t,
        &form,
        &owner,
        row.as_ref().map(|r| &r.premises),
        &campuses,
    ) {
        Ok(p) => p,
        Err(errs) => return refuse(errs),
    };
    match state
        .store()
        .save_premises(caller.user_id(), row.as_ref().map(|r| &r.premises.slug), &p)
        .await
    {
        Ok(()) => Ok(Redirect::to(&format!(
            "/{}/owners/{owner}/premises/{}/edit?done=saved",
            lang.code(),
            p.slug
        ))
        .into_response()),
        Err(StoreError::Conflict(_)) => refuse(vec![("slug".into(), t.t("error-slug-taken"))]),
        Err(StoreError::UnknownReference(_)) => {
            refuse(vec![("campus".into(), t.t("field-choose"))])
        }
        Err(e) => Err(e.into()),
    }
}

/// Creates a listing.
pub(crate) async fn create(
    State(state): State<AppState>,
    Path((code, owner)): Path<(String, String)>,
    caller: Caller,
    form: FormData,
) -> Result<Response, WebError> {
    save(state, code, owner, None, caller, form).await
}

/// Saves a listing.
pub(crate) async fn update(
    State(state): State<AppState>,
    Path((code, owner, premises)): Path<(String, String, String)>,
    caller: Caller,
    form: FormData,
) -> Result<Response, WebError> {
    save(state, code, owner, Some(premises), caller, form).await
}

/// Ends a listing: it leaves the catalogue and search.
pub(crate) async fn end(
    State(state): State<AppState>,
    Path((code, owner, premises)): Path<(String, String, String)>,
    caller: Caller,
    form: FormData,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    let (owner, row) = owned(&state, &caller, &owner, Some(&premises)).await?;
    let row = row.ok_or(WebError::NotFound)?;
    caller.check_csrf(Some(&form.value("csrf")))?;
    state
        .store()
        .end_premises(caller.user_id(), &row.premises.slug)
        .await?;
    Ok(Redirect::to(&format!(
        "/{}/owners/{owner}/premises/{}/edit?done=ended",
        lang.code(),
        row.premises.slug
    ))
    .into_response())
}

/// Adds a photo (`file`, with `alt_sv` and `alt_en`, both required).
pub(crate) async fn add_photo(
    State(state): State<AppState>,
    Path((code, owner, premises)): Path<(String, String, String)>,
    caller: Caller,
    request: axum::extract::Request,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    // Who may upload is decided before the body is read.
    let (owner, row) = owned(&state, &caller, &owner, Some(&premises)).await?;
    let row = row.ok_or(WebError::NotFound)?;
    let upload = crate::kit::photos::PhotoUpload::read(request).await?;
    caller.check_csrf(upload.csrf.as_deref())?;
    let t = Tr::new(lang);
    let campuses = campus_choices(&state, lang).await?;
    let refuse = |message: String| -> Result<Response, WebError> {
        let campuses_form = premises_form(
            t,
            caller.csrf().unwrap_or_default().to_owned(),
            format!(
                "/{}/owners/{owner}/premises/{}/edit",
                lang.code(),
                row.premises.slug
            ),
            Some(&row.premises),
            None,
            &campuses,
        );
        Ok(respond(
            StatusCode::UNPROCESSABLE_ENTITY,
            render(&edit_page(
                lang,
                &caller,
                &owner,
                Some(&row),
                campuses_form,
                Some((false, message)),
            ))?,
            None,
        ))
    };
    let alt = match upload.alt() {
        Ok(alt) => alt,
        Err(AltProblem::Missing) => return refuse(t.t("photo-error-alt")),
        Err(AltProblem::TooLong) => return refuse(t.t1("field-too-long", "max", MAX_ALT)),
    };
    let bytes = upload.file;
    let photo = match tokio::task::spawn_blocking(move || app::photos::prepare(&bytes))
        .await
        .map_err(|e| WebError::Internal(format!("photo: {e}")))?
    {
        Ok(p) => p,
        Err(e) => return refuse(t.t(e.key())),
    };
    match state
        .store()
        .add_premises_photo(
            caller.user_id(),
            &row.premises.slug,
            &photo.jpeg,
            (photo.width, photo.height),
            &alt,
        )
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!(
            "/{}/owners/{owner}/premises/{}/edit?done=photo#photos",
            lang.code(),
            row.premises.slug
        ))
        .into_response()),
        Err(PremisesError::Rule(PremisesRule::TooManyPhotos)) => {
            refuse(t.t1("photo-error-many", "max", store::MAX_PHOTOS))
        }
        Err(PremisesError::Store(e)) => Err(e.into()),
    }
}

/// Removes a photo.
pub(crate) async fn remove_photo(
    State(state): State<AppState>,
    Path((code, owner, premises, n)): Path<(String, String, String, String)>,
    caller: Caller,
    form: FormData,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    let (owner, row) = owned(&state, &caller, &owner, Some(&premises)).await?;
    let row = row.ok_or(WebError::NotFound)?;
    caller.check_csrf(Some(&form.value("csrf")))?;
    let id = crate::kit::params::path_id(&n)?;
    match state
        .store()
        .remove_premises_photo(caller.user_id(), &row.premises.slug, id)
        .await
    {
        Ok(()) => Ok(Redirect::to(&format!(
            "/{}/owners/{owner}/premises/{}/edit?done=photo-removed#photos",
            lang.code(),
            row.premises.slug
        ))
        .into_response()),
        Err(StoreError::NotFound(_)) => Err(WebError::NotFound),
        Err(e) => Err(e.into()),
    }
}

/// A photo, as the JPEG it was made into.
pub(crate) async fn photo(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let id = crate::kit::params::path_id(id.trim_end_matches(".jpg"))?;
    let bytes = state
        .store()
        .premises_photo(id)
        .await?
        .ok_or(WebError::NotFound)?;
    Ok(crate::kit::photos::jpeg(bytes))
}

/// `/{lang}/premises/{slug}`.
#[derive(Template)]
#[template(path = "way_in/premises-one.html")]
pub struct OnePage {
    /// Frame.
    pub layout: Layout,
    /// Owner: (link, name).
    pub owner: (String, String),
    /// Campus: (link, name).
    pub campus: (String, String),
    /// Description.
    pub description: Text,
    /// Facts.
    pub facts: Vec<Fact>,
    /// Photos: (src, alt, width, height).
    pub photos: Vec<(String, Text, u32, u32)>,
    /// Contact link.
    pub contact: Option<(String, String)>,
    /// Where "ask about these premises" leads.
    pub request_href: String,
    /// The owner's edit link.
    pub edit_href: Option<String>,
    /// Whether the listing has ended.
    pub ended: bool,
}

/// The facts of a listing, for its card and its page.
pub(crate) fn premises_facts(t: Tr, p: &Premises) -> Vec<Fact> {
    let mut facts = vec![Fact {
        label: t.t("premises-use"),
        value: Text::from(t.t(&format!("use-{}", p.usage))),
    }];
    if let Some(l) = p.safety_level {
        facts.push(Fact {
            label: t.t("premises-safety-level"),
            value: Text::from(t.t1("premises-safety-n", "level", l)),
        });
    }
    facts.push(Fact {
        label: t.t("premises-area"),
        value: Text::from(p.area_m2.map_or_else(
            || t.t("not-stated"),
            |a| format!("{} m²", i18n::amount(f64::from(a), t.lang)),
        )),
    });
    if let Some(r) = p.rent_per_m2 {
        facts.push(Fact {
            label: t.t("premises-rent"),
            value: Text::from(t.t1(
                "premises-rent-value",
                "amount",
                i18n::amount(f64::from(r), t.lang),
            )),
        });
    }
    facts.push(Fact {
        label: t.t("premises-available"),
        value: Text::from(
            p.available_from
                .map_or_else(|| t.t("not-stated"), |d| d.to_string()),
        ),
    });
    facts
}

/// One listing's page.
pub(crate) async fn one(
    State(state): State<AppState>,
    Path((code, slug)): Path<(String, String)>,
    caller: Caller,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    let t = Tr::new(lang);
    let slug = Slug::parse(&slug).map_err(|_| WebError::NotFound)?;
    let row = state
        .store()
        .premises_one(&slug)
        .await?
        .ok_or(WebError::NotFound)?;
    let p = &row.premises;
    let c = lang.code();
    let can_edit = caller.require(&Action::ManagePremises(&p.owner)).is_ok();
    let mut layout = Layout::new(
        lang,
        p.name.get(lang),
        &format!("premises/{slug}"),
        Nav::WayIn,
        None,
    );
    layout.set_caller(&caller);
    let page = OnePage {
        owner: (
            format!("/{c}/actors/{}", p.owner),
            row.owner_name.get(lang).to_owned(),
        ),
        campus: (
            format!("/{c}/campuses/{}", p.campus),
            row.campus_name.get(lang).to_owned(),
        ),
        description: Text::of(&p.description, lang),
        facts: premises_facts(t, p),
        photos: row
            .photos
            .iter()
            .map(|f| {
                (
                    format!("/premises/photos/{}", f.id),
                    Text::of(&f.alt, lang),
                    f.width,
                    f.height,
                )
            })
            .collect(),
        contact: p
            .contact
            .as_ref()
            .map(|c| (c.href(), c.as_str().to_owned())),
        request_href: format!("/{c}/requests/new?premises={slug}"),
        edit_href: can_edit.then(|| format!("/{c}/owners/{}/premises/{slug}/edit", p.owner)),
        ended: row.ended_at.is_some(),
        layout,
    };
    Ok(axum::response::Html(render(&page)?).into_response())
}
