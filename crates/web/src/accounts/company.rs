//! A company that is not in the atlas registers itself — at sign-up or later from the account — and its founder
//! can send requests at once; the programme office reviews the new companies in a queue
//! (`/{lang}/admin/companies`): approve, merge into an actor already in the atlas, or reject with a reason.

use crate::AppState;
use crate::kit::caller::Caller;
use crate::kit::error::WebError;
use crate::kit::forms::{Choice, Field, FieldKind, FormData, FormView, Section};
use crate::kit::page::{
    Layout, Link, Nav, date, ensure_session, form_page, lang, message, render, respond,
};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use domain::{Action, Lang, OrgNumber, SizeClass, Slug};
use i18n::Tr;
use store::{CompanyRegistration, RegistrationError, RegistrationRule, StoreError};

/// The longest company name, in characters.
pub const MAX_NAME: usize = 200;
/// The longest reason for a rejection, in characters.
pub const MAX_REASON: usize = 2_000;

/// The company's fields: organisation number, name, size class and campus, with what was typed.
pub(crate) async fn company_fields(
    state: &AppState,
    t: Tr,
    lang: Lang,
    form: Option<&FormData>,
) -> Result<Vec<Field>, WebError> {
    let v = |n: &str| form.map(|f| f.value(n)).unwrap_or_default();
    let size = v("company_size");
    let campus = v("company_campus");
    let mut sizes = vec![Choice {
        value: String::new(),
        label: t.t("field-choose-placeholder"),
        selected: size.is_empty(),
    }];
    sizes.extend(SizeClass::ALL.iter().map(|s| Choice {
        value: s.as_str().into(),
        label: t.t(&format!("size-{s}")),
        selected: size == s.as_str(),
    }));
    let mut campuses = vec![Choice {
        value: String::new(),
        label: t.t("company-campus-none"),
        selected: campus.is_empty(),
    }];
    campuses.extend(state.campus_names(lang).await?.into_iter().map(|c| Choice {
        selected: campus == c.slug.as_str(),
        value: c.slug.as_str().into(),
        label: c.name.get(lang).to_owned(),
    }));
    Ok(vec![
        Field::new(
            FieldKind::Text,
            "company_org_number",
            t.t("company-org-number"),
        )
        .value(v("company_org_number"))
        .hint(t.t("company-org-number-hint"))
        .maxlength(20),
        Field::new(FieldKind::Text, "company_name", t.t("company-name"))
            .value(v("company_name"))
            .autocomplete("organization")
            .maxlength(MAX_NAME),
        Field::new(FieldKind::Select, "company_size", t.t("company-size"))
            .hint(t.t("company-size-hint"))
            .choices(sizes),
        Field::new(FieldKind::Select, "company_campus", t.t("company-campus")).choices(campuses),
    ])
}

/// Reads the company's fields. `optional`: all empty means no company (`Ok(None)`); otherwise every field but
/// the campus is needed. Problems come back with their field.
pub(crate) async fn read_company(
    state: &AppState,
    t: Tr,
    form: &FormData,
    optional: bool,
) -> Result<Result<Option<CompanyRegistration>, Vec<(String, String)>>, WebError> {
    let (org, name, size, campus) = (
        form.value("company_org_number"),
        form.value("company_name"),
        form.value("company_size"),
        form.value("company_campus"),
    );
    if optional && org.is_empty() && name.is_empty() && size.is_empty() {
        return Ok(Ok(None));
    }
    let mut errs = Vec::new();
    let org_number = match OrgNumber::parse(&org) {
        Ok(o) => Some(o),
        Err(_) if org.is_empty() => {
            errs.push(("company_org_number".into(), t.t("field-required")));
            None
        }
        Err(_) => {
            errs.push((
                "company_org_number".into(),
                t.t("company-org-number-invalid"),
            ));
            None
        }
    };
    if let Some(o) = &org_number
        && let Some(holder) = state.store().actor_with_org_number(o).await?
    {
        errs.push((
            "company_org_number".into(),
            t.t1(
                "company-org-number-taken",
                "name",
                actor_name(state, t, &holder).await?,
            ),
        ));
    }
    if name.trim().is_empty() {
        errs.push(("company_name".into(), t.t("field-required")));
    } else if name.chars().count() > MAX_NAME {
        errs.push((
            "company_name".into(),
            t.t1("field-too-long", "max", MAX_NAME),
        ));
    } else if Slug::from_name(&name).is_none() {
        errs.push(("company_name".into(), t.t("company-name-letters")));
    }
    let size = match SizeClass::parse(&size) {
        Some(s) => Some(s),
        None => {
            errs.push(("company_size".into(), t.t("field-choose")));
            None
        }
    };
    let campus = if campus.is_empty() {
        None
    } else {
        let mut found = None;
        if let Ok(c) = Slug::parse(&campus) {
            let all = state.store().campuses(t.lang).await?;
            found = all.into_iter().map(|s| s.campus.slug).find(|s| *s == c);
        }
        if found.is_none() {
            errs.push(("company_campus".into(), t.t("field-unknown-choice")));
        }
        found
    };
    match (org_number, size) {
        (Some(org_number), Some(size)) if errs.is_empty() => Ok(Ok(Some(CompanyRegistration {
            org_number,
            name: name.trim().to_owned(),
            size,
            campus,
        }))),
        _ => Ok(Err(errs)),
    }
}

async fn actor_name(state: &AppState, t: Tr, slug: &Slug) -> Result<String, WebError> {
    Ok(state
        .store()
        .actor(slug)
        .await?
        .map(|a| a.name.get(t.lang).to_owned())
        .unwrap_or_else(|| slug.to_string()))
}

/// The message for a refused registration.
pub(crate) async fn registration_message(
    state: &AppState,
    t: Tr,
    rule: &RegistrationRule,
) -> Result<String, WebError> {
    Ok(match rule {
        RegistrationRule::OrgNumberTaken(holder) => t.t1(
            "company-org-number-taken",
            "name",
            actor_name(state, t, holder).await?,
        ),
        RegistrationRule::NotWaiting => t.t("company-review-not-waiting"),
        RegistrationRule::NoSuchTarget => t.t("company-review-no-target"),
        RegistrationRule::InUse => t.t("company-review-in-use"),
    })
}

fn register_form(t: Tr, lang: Lang, csrf: String, fields: Vec<Field>) -> FormView {
    FormView {
        intro: vec![t.t("company-register-intro")],
        action: format!("/{}/companies/register", lang.code()),
        csrf,
        sections: vec![Section {
            legend: None,
            fields: fields
                .into_iter()
                .map(|f| {
                    if f.name == "company_campus" {
                        f
                    } else {
                        f.required()
                    }
                })
                .collect(),
        }],
        submit: t.t("company-register-submit"),
        links: vec![],
        form_error: None,
        notice: None,
    }
}

/// The page where a signed-in person registers their company.
pub(crate) async fn register_page(
    State(state): State<AppState>,
    Path(code): Path<String>,
    caller: Caller,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::RegisterCompany)?;
    let t = Tr::new(lang);
    let (csrf, cookie) = ensure_session(&state, &caller).await?;
    let fields = company_fields(&state, t, lang, None).await?;
    let page = form_page(
        lang,
        &caller,
        &t.t("company-register-title"),
        "companies/register",
        register_form(t, lang, csrf, fields),
    );
    Ok(respond(StatusCode::OK, render(&page)?, cookie))
}

/// Registers the company; its founder becomes its member and editor and can send requests at once.
pub(crate) async fn register(
    State(state): State<AppState>,
    Path(code): Path<String>,
    caller: Caller,
    form: FormData,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::RegisterCompany)?;
    caller.check_csrf(form.0.raw("csrf"))?;
    let t = Tr::new(lang);
    let user = caller.user_id().ok_or(WebError::Unauthorized)?;
    let refuse = |errs: Vec<(String, String)>, fields: Vec<Field>| -> Result<Response, WebError> {
        let mut f = register_form(
            t,
            lang,
            caller.csrf().unwrap_or_default().to_owned(),
            fields,
        );
        for (name, m) in errs {
            f.set_error(&name, m);
        }
        let page = form_page(
            lang,
            &caller,
            &t.t("company-register-title"),
            "companies/register",
            f,
        );
        Ok(respond(
            StatusCode::UNPROCESSABLE_ENTITY,
            render(&page)?,
            None,
        ))
    };
    let fields = company_fields(&state, t, lang, Some(&form)).await?;
    let reg = match read_company(&state, t, &form, false).await? {
        Ok(Some(reg)) => reg,
        Ok(None) => return refuse(vec![], fields),
        Err(errs) => return refuse(errs, fields),
    };
    match state.store().register_company(user, &reg).await {
        Ok(slug) => registered(lang, &caller, &slug, &reg.name),
        Err(RegistrationError::Rule(rule)) => {
            let m = registration_message(&state, t, &rule).await?;
            refuse(vec![("company_org_number".into(), m)], fields)
        }
        Err(RegistrationError::Store(StoreError::UnknownReference(_))) => refuse(
            vec![("company_campus".into(), t.t("field-unknown-choice"))],
            fields,
        ),
        Err(RegistrationError::Store(e)) => Err(e.into()),
    }
}

/// The page after a company is registered: what the founder can do now.
pub(crate) fn registered(
    lang: Lang,
    caller: &Caller,
    slug: &Slug,
    name: &str,
) -> Result<Response, WebError> {
    let t = Tr::new(lang);
    let c = lang.code();
    let page = message(
        lang,
        caller,
        &t.t("company-registered-title"),
        vec![t.t1("company-registered", "name", name)],
        vec![
            Link {
                href: format!("/{c}/infrastructures"),
                text: t.t("company-registered-find"),
            },
            Link {
                href: format!("/{c}/actors/{slug}/edit"),
                text: t.t("company-registered-profile"),
            },
        ],
    );
    Ok(respond(StatusCode::OK, render(&page)?, None))
}

// ----- The office's review -----

/// A company in the review queue.
pub struct WaitingView {
    /// Slug (the forms' target).
    pub slug: String,
    /// Name.
    pub name: String,
    /// Link to its page.
    pub href: String,
    /// Organisation number.
    pub org_number: String,
    /// Size class.
    pub size: String,
    /// Registered by (name and e-mail), when known.
    pub by: String,
    /// When.
    pub date: String,
    /// How many requests it has sent.
    pub requests: i64,
    /// Actors with names like it: (slug, name).
    pub similar: Vec<(String, String)>,
}

/// `/{lang}/admin/companies`.
#[derive(Template)]
#[template(path = "accounts/companies.html")]
pub struct ReviewPage {
    /// Frame.
    pub layout: Layout,
    /// The queue.
    pub waiting: Vec<WaitingView>,
    /// A confirmation or a refusal: (ok, text).
    pub flash: Option<(bool, String)>,
    /// CSRF token.
    pub csrf: String,
}

async fn review_page(
    state: &AppState,
    lang: Lang,
    caller: &Caller,
    status: StatusCode,
    flash: Option<(bool, String)>,
) -> Result<Response, WebError> {
    let t = Tr::new(lang);
    let (csrf, cookie) = ensure_session(state, caller).await?;
    let waiting = state
        .store()
        .waiting_companies()
        .await?
        .into_iter()
        .map(|w| WaitingView {
            href: format!("/{}/actors/{}", lang.code(), w.slug),
            slug: w.slug.as_str().into(),
            name: w.name.get(lang).to_owned(),
            org_number: w.org_number.unwrap_or_default(),
            size: w
                .size
                .map(|s| t.t(&format!("size-{s}")))
                .unwrap_or_default(),
            by: w
                .registered_by
                .map(|(n, e)| format!("{n} <{e}>"))
                .unwrap_or_else(|| t.t("unknown")),
            date: date(w.created_at),
            requests: w.requests,
            similar: w
                .similar
                .into_iter()
                .map(|(s, n)| (s.as_str().into(), n.get(lang).to_owned()))
                .collect(),
        })
        .collect();
    let mut layout = Layout::new(
        lang,
        &t.t("company-review-title"),
        "admin/companies",
        Nav::Atlas,
        None,
    );
    layout.set_caller(caller);
    Ok(respond(
        status,
        render(&ReviewPage {
            layout,
            waiting,
            flash,
            csrf,
        })?,
        cookie,
    ))
}

/// The programme office's queue of companies that registered themselves.
pub(crate) async fn review_queue(
    State(state): State<AppState>,
    Path(code): Path<String>,
    caller: Caller,
    params: crate::kit::params::Params,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::ReviewCompanies)?;
    let t = Tr::new(lang);
    let flash = match params.get("done").unwrap_or_default() {
        d @ ("approved" | "merged" | "rejected") => {
            Some((true, t.t(&format!("company-review-done-{d}"))))
        }
        _ => None,
    };
    review_page(&state, lang, &caller, StatusCode::OK, flash).await
}

/// Approves (`action=approve`), merges (`action=merge`, `into`) or rejects (`action=reject`, `reason`) one
/// company; audited; a rejection is e-mailed with its reason to the people who held a role for the company.
pub(crate) async fn review(
    State(state): State<AppState>,
    Path((code, slug)): Path<(String, String)>,
    caller: Caller,
    form: FormData,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::ReviewCompanies)?;
    caller.check_csrf(form.0.raw("csrf"))?;
    let t = Tr::new(lang);
    let by = caller.user_id().ok_or(WebError::Unauthorized)?;
    let company = Slug::parse(&slug).map_err(|_| WebError::NotFound)?;
    let refuse = |m: String| {
        review_page(
            &state,
            lang,
            &caller,
            StatusCode::UNPROCESSABLE_ENTITY,
            Some((false, m)),
        )
    };
    let store = state.store();
    let name = actor_name(&state, t, &company).await?;
    let result = match form.value("action").as_str() {
        "approve" => store
            .approve_company(&company, by)
            .await
            .map(|()| "approved"),
        "merge" => {
            let into = form.value("into");
            let Some(target) = resolve_actor(&state, into.trim()).await? else {
                return refuse(t.t("company-review-no-target")).await;
            };
            store
                .merge_company(&company, &target, by)
                .await
                .map(|()| "merged")
        }
        "reject" => {
            let reason = form.value("reason");
            let reason = reason.trim();
            if reason.is_empty() {
                return refuse(t.t("company-review-reason-required")).await;
            }
            if reason.chars().count() > MAX_REASON {
                return refuse(t.t1("field-too-long", "max", MAX_REASON)).await;
            }
            match store.reject_company(&company, reason, by).await {
                Ok(people) => {
                    let body = |l: Lang| {
                        Tr::new(l).t2("mail-company-rejected", ("name", &name), ("reason", reason))
                    };
                    let subject = format!(
                        "{} / {}",
                        Tr::new(Lang::Sv).t("mail-company-rejected-subject"),
                        Tr::new(Lang::En).t("mail-company-rejected-subject")
                    );
                    let text = format!("{}\n\n{}", body(Lang::Sv), body(Lang::En));
                    for to in people {
                        store.queue_mail(&to, &subject, &text).await?;
                    }
                    Ok("rejected")
                }
                Err(e) => Err(e),
            }
        }
        _ => return refuse(t.t("field-choose")).await,
    };
    match result {
        Ok(done) => Ok(
            Redirect::to(&format!("/{}/admin/companies?done={done}", lang.code())).into_response(),
        ),
        Err(RegistrationError::Rule(rule)) => {
            let m = registration_message(&state, t, &rule).await?;
            refuse(m).await
        }
        Err(RegistrationError::Store(e)) => Err(e.into()),
    }
}

/// The actor a merge names: by slug or by organisation number.
async fn resolve_actor(state: &AppState, text: &str) -> Result<Option<Slug>, WebError> {
    if let Ok(org) = OrgNumber::parse(text) {
        return Ok(state.store().actor_with_org_number(&org).await?);
    }
    match Slug::parse(text) {
        Ok(s) if state.store().actor(&s).await?.is_some() => Ok(Some(s)),
        _ => Ok(None),
    }
}
