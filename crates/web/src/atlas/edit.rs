//! Editing an actor (form and JSON API share the validation), its change history, the admin audit log, and
//! erasing a contact person.

use crate::AppState;
use crate::kit::audit::{AuditPage, rows};
use crate::kit::caller::Caller;
use crate::kit::error::WebError;
use crate::kit::forms::{Choice, Field, FieldKind, FormData, FormView, Section};
use crate::kit::page::{FormPage, Pagination};
use crate::kit::page::{Layout, Link, Nav, lang, render};
use crate::kit::params::Params;
use app::actors::{ActorInput, MAX_SHORT, MAX_TEXT};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use domain::{Action, Actor, ActorKind, Lang, OwnershipForm, RelationKind, Slug};
use i18n::Tr;
use store::AuditFilter;

/// Extra empty rows offered for new contacts and relations.
const SPARE_ROWS: usize = 2;
/// Reads the edit form into the input both the form and the API hand to `app::actors::update`.
fn input_from_form(f: &FormData) -> ActorInput {
    let mut contacts = Vec::new();
    let mut relations = Vec::new();
    for i in 0..200 {
        let c = |k: &str| f.value(&format!("contacts[{i}].{k}"));
        if f.0.raw(&format!("contacts[{i}].name")).is_some() {
            contacts.push((c("name"), c("role_sv"), c("role_en"), c("email")));
        }
        let r = |k: &str| f.value(&format!("relations[{i}].{k}"));
        if f.0.raw(&format!("relations[{i}].kind")).is_some() {
            relations.push((r("kind"), r("to"), r("since"), r("until"), r("source")));
        }
    }
    ActorInput {
        name: (f.value("name.sv"), f.value("name.en")),
        short_name: f.value("short_name"),
        kind: f.value("kind"),
        ownership: f.value("ownership"),
        description: (f.value("description.sv"), f.value("description.en")),
        website: f.value("website"),
        org_number: f.value("org_number"),
        address: f.value("address"),
        campuses: f.all("campuses"),
        tags: f.all("tags"),
        contacts,
        relations,
    }
}

async fn edit_form(
    state: &AppState,
    lang: Lang,
    slug: &Slug,
    input: &ActorInput,
    csrf: String,
    may_classify: bool,
) -> Result<FormView, WebError> {
    let t = Tr::new(lang);
    let campuses = state.store().campuses(lang).await?;
    let tags = state.store().tags(lang).await?;
    let actors = crate::kit::forms::actor_choices(state, lang).await?;
    let choose = t.t("field-choose-placeholder");
    let mut basics = vec![
        Field::new(FieldKind::Text, "name.sv", t.t("field-name-sv"))
            .value(&input.name.0)
            .required()
            .lang("sv")
            .maxlength(MAX_SHORT),
        Field::new(FieldKind::Text, "name.en", t.t("field-name-en"))
            .value(&input.name.1)
            .required()
            .lang("en")
            .maxlength(MAX_SHORT),
        Field::new(FieldKind::Text, "short_name", t.t("field-short-name"))
            .value(&input.short_name)
            .maxlength(MAX_SHORT),
        Field::new(
            FieldKind::Textarea,
            "description.sv",
            t.t("field-description-sv"),
        )
        .value(&input.description.0)
        .required()
        .lang("sv")
        .maxlength(MAX_TEXT),
        Field::new(
            FieldKind::Textarea,
            "description.en",
            t.t("field-description-en"),
        )
        .value(&input.description.1)
        .required()
        .lang("en")
        .maxlength(MAX_TEXT),
        Field::new(FieldKind::Url, "website", t.t("actor-website"))
            .value(&input.website)
            .hint(t.t("url-hint"))
            .autocomplete("url"),
        Field::new(FieldKind::Text, "org_number", t.t("actor-org-number"))
            .value(&input.org_number)
            .maxlength(MAX_SHORT),
        Field::new(FieldKind::Text, "address", t.t("actor-address"))
            .value(&input.address)
            .maxlength(MAX_SHORT),
    ];
    let kind_field = Field::new(FieldKind::Select, "kind", t.t("actor-kind"))
        .required()
        .choices(
            ActorKind::ALL
                .iter()
                .map(|k| Choice {
                    value: k.as_str().into(),
                    label: t.t(&format!("kind-{k}")),
                    selected: input.kind == k.as_str(),
                })
                .collect(),
        );
    let mut own = vec![Choice {
        value: String::new(),
        label: t.t("unknown"),
        selected: input.ownership.is_empty(),
    }];
    own.extend(OwnershipForm::ALL.iter().map(|o| Choice {
        value: o.as_str().into(),
        label: t.t(&format!("ownership-{o}")),
        selected: input.ownership == o.as_str(),
    }));
    let ownership_field =
        Field::new(FieldKind::Select, "ownership", t.t("actor-ownership")).choices(own);
    if may_classify {
        basics.insert(3, kind_field);
        basics.insert(4, ownership_field);
    } else {
        // Kind and ownership decide legal paths; only the programme office changes them.
        basics.push(Field::new(FieldKind::Hidden, "kind", String::new()).value(&input.kind));
        basics.push(
            Field::new(FieldKind::Hidden, "ownership", String::new()).value(&input.ownership),
        );
    }
    let mut sections = vec![
        Section {
            legend: Some(t.t("edit-basics")),
            fields: basics,
        },
        Section {
            legend: Some(t.t("edit-place-and-competence")),
            fields: vec![
                Field::new(FieldKind::Checkboxes, "campuses", t.t("actor-campuses")).choices(
                    campuses
                        .iter()
                        .map(|c| Choice {
                            value: c.campus.slug.to_string(),
                            label: c.campus.name.get(lang).to_owned(),
                            selected: input.campuses.contains(&c.campus.slug.to_string()),
                        })
                        .collect(),
                ),
                Field::new(FieldKind::Checkboxes, "tags", t.t("actor-tags")).choices(
                    tags.iter()
                        .map(|tg| Choice {
                            value: tg.tag.slug.to_string(),
                            label: tg.tag.label.get(lang).to_owned(),
                            selected: input.tags.contains(&tg.tag.slug.to_string()),
                        })
                        .collect(),
                ),
            ],
        },
    ];
    let blank_contact = (String::new(), String::new(), String::new(), String::new());
    for (i, c) in input
        .contacts
        .iter()
        .chain(std::iter::repeat_n(&blank_contact, SPARE_ROWS))
        .enumerate()
    {
        let f = |k: &str| format!("contacts[{i}].{k}");
        sections.push(Section {
            legend: Some(t.t1("edit-contact-n", "n", i + 1)),
            fields: vec![
                Field::new(FieldKind::Text, &f("name"), t.t("field-name"))
                    .value(&c.0)
                    .maxlength(MAX_SHORT),
                Field::new(FieldKind::Text, &f("role_sv"), t.t("field-role-sv"))
                    .value(&c.1)
                    .lang("sv")
                    .maxlength(MAX_SHORT),
                Field::new(FieldKind::Text, &f("role_en"), t.t("field-role-en"))
                    .value(&c.2)
                    .lang("en")
                    .maxlength(MAX_SHORT),
                Field::new(FieldKind::Email, &f("email"), t.t("field-email")).value(&c.3),
            ],
        });
    }
    let blank_rel = (
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
    );
    for (i, r) in input
        .relations
        .iter()
        .chain(std::iter::repeat_n(&blank_rel, SPARE_ROWS))
        .enumerate()
    {
        let f = |k: &str| format!("relations[{i}].{k}");
        let mut kinds = vec![Choice {
            value: String::new(),
            label: choose.clone(),
            selected: r.0.is_empty(),
        }];
        kinds.extend(RelationKind::ALL.iter().map(|k| Choice {
            value: k.as_str().into(),
            label: t.t(&format!("relation-{k}-out")),
            selected: r.0 == k.as_str(),
        }));
        let mut targets = vec![Choice {
            value: String::new(),
            label: choose.clone(),
            selected: r.1.is_empty(),
        }];
        targets.extend(
            actors
                .iter()
                .filter(|(s, _)| s != slug.as_str())
                .map(|(s, n)| Choice {
                    value: s.clone(),
                    label: n.clone(),
                    selected: r.1 == *s,
                }),
        );
        sections.push(Section {
            legend: Some(t.t1("edit-relation-n", "n", i + 1)),
            fields: vec![
                Field::new(FieldKind::Select, &f("kind"), t.t("relation-col-type")).choices(kinds),
                Field::new(FieldKind::Select, &f("to"), t.t("relation-col-actor")).choices(targets),
                Field::new(FieldKind::Number, &f("since"), t.t("field-since")).value(&r.2),
                Field::new(FieldKind::Number, &f("until"), t.t("field-until")).value(&r.3),
                Field::new(FieldKind::Text, &f("source"), t.t("relation-col-source"))
                    .value(&r.4)
                    .maxlength(MAX_SHORT),
            ],
        });
    }
    Ok(FormView {
        intro: vec![t.t("edit-intro")],
        action: format!("/{}/actors/{slug}/edit", lang.code()),
        csrf,
        sections,
        submit: t.t("edit-submit"),
        links: vec![
            Link {
                href: format!("/{}/actors/{slug}", lang.code()),
                text: t.t("edit-back"),
            },
            Link {
                href: format!("/{}/actors/{slug}/history", lang.code()),
                text: t.t("history-title"),
            },
        ],
        form_error: None,
        notice: None,
    })
}

async fn load(
    state: &AppState,
    slug: &str,
    lang: Lang,
) -> Result<(Slug, Actor, Vec<store::RelationRow>), WebError> {
    let slug = Slug::parse(slug).map_err(|_| WebError::NotFound)?;
    let actor = state
        .store()
        .actor(&slug)
        .await?
        .ok_or(WebError::NotFound)?;
    let relations = state.store().relations_of(&slug, lang).await?;
    Ok((slug, actor, relations))
}

/// Refuses a caller the policy refused, auditing a signed-in person's attempt as `denied`.
pub(crate) async fn refuse(
    state: &AppState,
    caller: &Caller,
    object_type: &str,
    key: &str,
    e: WebError,
) -> WebError {
    if matches!(e, WebError::Forbidden) {
        app::actors::deny(state.store(), caller.user_id(), object_type, key).await;
    }
    e
}

/// Renders the edit form for `input`, with `errors` set on their fields.
async fn edit_response(
    state: &AppState,
    lang: Lang,
    caller: &Caller,
    slug: &Slug,
    actor: &Actor,
    input: &ActorInput,
    errors: Vec<(String, String)>,
) -> Result<Response, WebError> {
    let t = Tr::new(lang);
    let may_classify = caller.require(&Action::ClassifyActor(slug)).is_ok();
    let csrf = caller.csrf().unwrap_or_default().to_owned();
    let mut form = edit_form(state, lang, slug, input, csrf, may_classify).await?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    for (field, message) in errors {
        form.set_error(&field, message);
    }
    let title = t.t1("edit-title", "name", actor.name.get(lang));
    let mut layout = Layout::new(
        lang,
        &title,
        &format!("actors/{slug}/edit"),
        Nav::Actors,
        None,
    );
    layout.set_caller(caller);
    Ok((status, render(&FormPage { layout, form })?).into_response())
}

/// The edit form.
pub(crate) async fn edit_page(
    State(state): State<AppState>,
    Path((code, slug)): Path<(String, String)>,
    caller: Caller,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    let (slug, actor, relations) = load(&state, &slug, lang).await?;
    if let Err(e) = caller.require(&Action::EditActor(&slug)) {
        return Err(refuse(&state, &caller, "actor", slug.as_str(), e).await);
    }
    let input = ActorInput::from_actor(&actor, &relations);
    edit_response(&state, lang, &caller, &slug, &actor, &input, Vec::new()).await
}

/// Saves the edit form: all or nothing, field-level errors with the typed values kept.
pub(crate) async fn edit(
    State(state): State<AppState>,
    Path((code, slug)): Path<(String, String)>,
    caller: Caller,
    form: FormData,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    let (slug, actor, _) = load(&state, &slug, lang).await?;
    if let Err(e) = caller.require(&Action::EditActor(&slug)) {
        return Err(refuse(&state, &caller, "actor", slug.as_str(), e).await);
    }
    caller.check_csrf(form.0.raw("csrf"))?;
    let t = Tr::new(lang);
    let mut input = input_from_form(&form);
    if !caller.may(&Action::ClassifyActor(&slug)) {
        // The form carries kind and ownership only as hidden fields for those who may not change them.
        input.kind = actor.kind.as_str().into();
        input.ownership = actor
            .ownership
            .map(|o| o.as_str().to_owned())
            .unwrap_or_default();
    }
    let errors = match app::actors::update(
        state.store(),
        t,
        caller.principal.as_ref(),
        &actor,
        &input,
    )
    .await
    {
        Ok(()) => {
            return Ok(
                Redirect::to(&format!("/{}/actors/{slug}?saved=1", lang.code())).into_response(),
            );
        }
        Err(app::actors::ActorFail::Fields(errors)) => errors,
        Err(app::actors::ActorFail::Forbidden) => return Err(WebError::Forbidden),
        Err(app::actors::ActorFail::Store(e)) => return Err(e.into()),
    };
    edit_response(&state, lang, &caller, &slug, &actor, &input, errors).await
}

/// The change history of one actor (its editors and admins).
pub(crate) async fn history(
    State(state): State<AppState>,
    Path((code, slug)): Path<(String, String)>,
    caller: Caller,
    params: Params,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    let (slug, actor, _) = load(&state, &slug, lang).await?;
    caller.require(&Action::ViewActorHistory(&slug))?;
    let t = Tr::new(lang);
    let page = params.page(20)?;
    let filter = AuditFilter {
        object_type: Some("actor".into()),
        object_key: Some(slug.to_string()),
        ..Default::default()
    };
    let entries = state.store().audit_entries(&filter, page).await?;
    let mut layout = Layout::new(
        lang,
        &t.t1("history-of", "name", actor.name.get(lang)),
        &format!("actors/{slug}/history"),
        Nav::Actors,
        None,
    );
    layout.set_caller(&caller);
    let path = format!("/{}/actors/{slug}/history", lang.code());
    Ok(render(&AuditPage {
        layout,
        rows: rows(t, lang, &entries.items),
        summary: t.n("audit-count", "count", entries.total),
        pagination: Pagination::new(t, page, entries.total, |p| {
            format!("{path}?page={}", p.page())
        }),
        filters: None,
    })?
    .into_response())
}

/// Erases one contact person of an actor and their data in the audit trail (admins).
pub(crate) async fn erase_contact(
    State(state): State<AppState>,
    Path((code, slug, n)): Path<(String, String, String)>,
    caller: Caller,
    form: FormData,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::ManageUsers)?;
    caller.check_csrf(form.0.raw("csrf"))?;
    let slug = Slug::parse(&slug).map_err(|_| WebError::NotFound)?;
    let n: i64 = n.parse().map_err(|_| WebError::NotFound)?;
    if !state
        .store()
        .erase_contact(&slug, n, caller.user_id())
        .await?
    {
        return Err(WebError::NotFound);
    }
    Ok(Redirect::to(&format!("/{}/actors/{slug}", lang.code())).into_response())
}
