//! The office runs people from the browser (`/{lang}/admin/people`): find an account by name or address, give it
//! a role scoped to an actor or take one away, deactivate or reactivate it, and send a new invitation link. Every
//! change goes through the one policy and is audited on the account.

use super::account::{INVITE_TTL_MS, link};
use crate::AppState;
use crate::kit::caller::Caller;
use crate::kit::error::WebError;
use crate::kit::forms::FormData;
use crate::kit::page::{Layout, Nav, Pagination, date, ensure_session, lang, render, respond};
use crate::kit::params::Params;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use domain::{Action, Lang, Role, Slug};
use i18n::Tr;
use store::{StoreError, TokenPurpose};

/// One account in the list.
pub struct PersonRow {
    /// Its page.
    pub href: String,
    /// Name.
    pub name: String,
    /// Address.
    pub email: String,
    /// Roles in words.
    pub roles: Vec<String>,
    /// Active, deactivated or not confirmed.
    pub status: String,
}

/// `/{lang}/admin/people`.
#[derive(Template)]
#[template(path = "accounts/people.html")]
pub struct PeoplePage {
    /// Frame.
    pub layout: Layout,
    /// The search as typed.
    pub q: String,
    /// "12 people".
    pub summary: String,
    /// Rows.
    pub rows: Vec<PersonRow>,
    /// Paging.
    pub pagination: Option<Pagination>,
}

fn status_of(t: Tr, u: &store::User) -> String {
    if u.deactivated_at.is_some() {
        t.t("people-status-deactivated")
    } else if u.email_verified_at.is_none() {
        t.t("people-status-unconfirmed")
    } else {
        t.t("people-status-active")
    }
}

async fn role_text(state: &AppState, t: Tr, g: &domain::Grant) -> Result<String, WebError> {
    let role = t.t(&format!("role-{}", g.role));
    Ok(match &g.actor {
        None => role,
        Some(a) => {
            let name = state
                .store()
                .actor(a)
                .await?
                .map(|x| x.name.get(t.lang).to_owned())
                .unwrap_or_else(|| a.to_string());
            format!("{role} ({name})")
        }
    })
}

/// The list of accounts, searchable.
pub(crate) async fn list(
    State(state): State<AppState>,
    Path(code): Path<String>,
    caller: Caller,
    params: Params,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::ManageUsers)?;
    let t = Tr::new(lang);
    let q = params.text("q", 200)?.unwrap_or_default();
    let page = params.page(50)?;
    let found = state.store().people(Some(&q), page).await?;
    let mut rows = Vec::with_capacity(found.items.len());
    for p in &found.items {
        let mut roles = Vec::new();
        for g in &p.grants {
            roles.push(role_text(&state, t, g).await?);
        }
        rows.push(PersonRow {
            href: format!("/{}/admin/people/{}", lang.code(), p.user.id),
            name: p.user.display_name.clone(),
            email: p.user.email.clone(),
            roles,
            status: status_of(t, &p.user),
        });
    }
    let mut layout = Layout::new(lang, &t.t("people-title"), "admin/people", Nav::None, None);
    layout.set_caller(&caller);
    let base = format!(
        "/{}/admin/people?{}",
        lang.code(),
        serde_urlencoded::to_string([("q", q.as_str())]).unwrap_or_default()
    );
    Ok(render(&PeoplePage {
        layout,
        summary: t.n("people-count", "count", found.total),
        pagination: Pagination::new(t, page, found.total, |p| {
            format!("{base}&page={}&per_page={}", p.page(), p.per_page())
        }),
        q,
        rows,
    })?
    .into_response())
}

/// `/{lang}/admin/people/{id}`.
#[derive(Template)]
#[template(path = "accounts/person.html")]
pub struct PersonPage {
    /// Frame.
    pub layout: Layout,
    /// Id.
    pub id: i64,
    /// Address.
    pub email: String,
    /// Status in words.
    pub status: String,
    /// Created.
    pub created: String,
    /// Whether it is deactivated.
    pub deactivated: bool,
    /// Whether it is the caller's own account (no deactivating oneself).
    pub own: bool,
    /// Roles: (text, role, actor slug).
    pub roles: Vec<(String, String, String)>,
    /// Role choices: (value, label).
    pub role_choices: Vec<(String, String)>,
    /// Actor choices: (slug, name).
    pub actors: Vec<(String, String)>,
    /// A confirmation or refusal: (ok, text).
    pub flash: Option<(bool, String)>,
    /// CSRF token.
    pub csrf: String,
    /// The health data privacy budget in words, when one is given.
    pub budget: Option<String>,
}

async fn person_page(
    state: &AppState,
    lang: Lang,
    caller: &Caller,
    id: i64,
    status_code: StatusCode,
    flash: Option<(bool, String)>,
) -> Result<Response, WebError> {
    let t = Tr::new(lang);
    let user = state
        .store()
        .user(id)
        .await?
        .filter(|u| u.erased_at.is_none())
        .ok_or(WebError::NotFound)?;
    let grants = state.store().grants(id).await?;
    let mut roles = Vec::new();
    for g in &grants {
        roles.push((
            role_text(state, t, g).await?,
            g.role.as_str().to_owned(),
            g.actor
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
        ));
    }
    let (csrf, cookie) = ensure_session(state, caller).await?;
    let mut layout = Layout::new(
        lang,
        &user.display_name,
        &format!("admin/people/{id}"),
        Nav::None,
        None,
    );
    layout.set_caller(caller);
    let page = PersonPage {
        id,
        email: user.email.clone(),
        status: status_of(t, &user),
        created: date(user.created_at),
        deactivated: user.deactivated_at.is_some(),
        own: caller.user_id() == Some(id),
        roles,
        role_choices: Role::ALL
            .iter()
            .map(|r| (r.as_str().to_owned(), t.t(&format!("role-{r}"))))
            .collect(),
        actors: crate::kit::forms::actor_choices(state, lang).await?,
        flash,
        csrf,
        budget: state.store().health_budget(id).await?.map(|b| {
            format!(
                "{} {}",
                t.t1(
                    "people-budget-now",
                    "granted",
                    crate::kit::labels::epsilon_text(t, b.granted()),
                ),
                t.t2(
                    "people-budget-spent",
                    ("spent", &crate::kit::labels::epsilon_text(t, b.spent())),
                    ("left", &crate::kit::labels::epsilon_text(t, b.left()))
                )
            )
        }),
        layout,
    };
    Ok(respond(status_code, render(&page)?, cookie))
}

/// One account with its roles and what the office can do with it.
pub(crate) async fn show(
    State(state): State<AppState>,
    Path((code, id)): Path<(String, String)>,
    caller: Caller,
    params: Params,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::ManageUsers)?;
    let id = crate::kit::params::path_id(&id)?;
    let t = Tr::new(lang);
    let flash = match params.get("done").unwrap_or_default() {
        d @ ("granted" | "revoked" | "deactivated" | "reactivated" | "invited" | "budget") => {
            Some((true, t.t(&format!("people-done-{d}"))))
        }
        _ => None,
    };
    person_page(&state, lang, &caller, id, StatusCode::OK, flash).await
}

/// What a change on the person page asks: `grant`, `revoke`, `deactivate`, `reactivate` or `invite`.
pub(crate) async fn change(
    State(state): State<AppState>,
    Path((code, id, what)): Path<(String, String, String)>,
    caller: Caller,
    form: FormData,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::ManageUsers)?;
    caller.check_csrf(form.0.raw("csrf"))?;
    let id = crate::kit::params::path_id(&id)?;
    let t = Tr::new(lang);
    let by = caller.user_id();
    let store = state.store();
    let user = store
        .user(id)
        .await?
        .filter(|u| u.erased_at.is_none())
        .ok_or(WebError::NotFound)?;
    let refuse = |m: String| {
        person_page(
            &state,
            lang,
            &caller,
            id,
            StatusCode::UNPROCESSABLE_ENTITY,
            Some((false, m)),
        )
    };
    let role = Role::parse(&form.value("role"));
    let actor_raw = form.value("actor");
    let actor = (!actor_raw.is_empty()).then(|| Slug::parse(&actor_raw));
    let done = match what.as_str() {
        "grant" | "revoke" => {
            let Some(role) = role else {
                return refuse(t.t("people-error-role")).await;
            };
            let actor = match (role, actor) {
                (Role::Admin, None) => None,
                (Role::Admin, Some(_)) => return refuse(t.t("invite-admin-no-actor")).await,
                (_, None) => return refuse(t.t("invite-actor-needed")).await,
                (_, Some(Err(_))) => return refuse(t.t("field-unknown-choice")).await,
                (_, Some(Ok(a))) => Some(a),
            };
            if what == "grant" {
                match store.grant_role(id, role, actor.as_ref(), by).await {
                    Ok(()) => "granted",
                    Err(StoreError::UnknownReference(_)) => {
                        return refuse(t.t("field-unknown-choice")).await;
                    }
                    Err(e) => return Err(e.into()),
                }
            } else {
                if by == Some(id) && role == Role::Admin {
                    return refuse(t.t("people-error-own-admin")).await;
                }
                if !store.revoke_role(id, role, actor.as_ref(), by).await? {
                    return refuse(t.t("people-error-not-held")).await;
                }
                "revoked"
            }
        }
        "budget" => {
            caller.require(&Action::ManageHealthBudgets)?;
            let Ok(granted) = form
                .value("epsilon")
                .replace(',', ".")
                .parse::<health::disclosure::Epsilon>()
            else {
                return refuse(t.t("people-error-budget")).await;
            };
            store
                .set_health_budget(by.ok_or(WebError::Unauthorized)?, id, granted)
                .await?;
            "budget"
        }
        "deactivate" | "reactivate" => {
            if by == Some(id) {
                return refuse(t.t("people-error-own-account")).await;
            }
            store.set_deactivated(id, what == "deactivate", by).await?;
            if what == "deactivate" {
                "deactivated"
            } else {
                "reactivated"
            }
        }
        "invite" => {
            if user.deactivated_at.is_some() {
                return refuse(t.t("people-error-invite-deactivated")).await;
            }
            let token = store
                .create_one_time_token(id, TokenPurpose::Invitation, INVITE_TTL_MS)
                .await?;
            let url = link(
                &state,
                &format!("/{}/invitation?token={token}", lang.code()),
            );
            let roles: Vec<String> = store
                .grants(id)
                .await?
                .iter()
                .map(|g| t.t(&format!("role-{}", g.role)))
                .collect();
            store
                .queue_mail(
                    &user.email,
                    &t.t("mail-invite-subject"),
                    &t.t2(
                        "mail-invite-body",
                        ("role", &roles.join(", ")),
                        ("link", &url),
                    ),
                )
                .await?;
            "invited"
        }
        _ => return Err(WebError::NotFound),
    };
    Ok(Redirect::to(&format!("/{}/admin/people/{id}?done={done}", lang.code())).into_response())
}
