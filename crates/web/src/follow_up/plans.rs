//! Each area's working group (`/{lang}/strategy/{area}/working-group`: who sits in it, for which organisation,
//! who leads). The lead writes the area's action plan with the programme office (see `planning.rs`).

use crate::AppState;
use crate::kit::caller::Caller;
use crate::kit::error::WebError;
use crate::kit::forms::{Choice, Field, FieldKind, FormData, FormView, Section};
use crate::kit::page::{Layout, Nav, lang, render};
use crate::kit::page::{ensure_session, respond};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use domain::strategy::GroupRole;
use domain::{Action, Lang, Slug};
use i18n::Tr;
use store::StoreError;

/// One member as the working-group page shows it.
pub struct MemberView {
    /// Membership id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Organisation: (link, name).
    pub organisation: (String, String),
    /// Role label.
    pub role: String,
}

/// `/{lang}/strategy/{area}/working-group`.
#[derive(Template)]
#[template(path = "follow_up/working-group.html")]
pub struct GroupPage {
    /// Frame.
    pub layout: Layout,
    /// The area: (link, name).
    pub area: (String, String),
    /// Members.
    pub members: Vec<MemberView>,
    /// The add form.
    pub form: FormView,
    /// Where remove buttons post.
    pub remove_action: String,
}

pub(crate) fn member_views(lang: Lang, t: Tr, members: &[store::GroupMember]) -> Vec<MemberView> {
    members
        .iter()
        .map(|m| MemberView {
            id: m.id,
            name: m.name.clone(),
            organisation: (
                format!("/{}/actors/{}", lang.code(), m.organisation.0),
                m.organisation.1.get(lang).to_owned(),
            ),
            role: t.t(&format!("group-role-{}", m.role)),
        })
        .collect()
}

async fn group_page(
    state: &AppState,
    lang: Lang,
    caller: &Caller,
    area: &domain::strategy::FocusArea,
    csrf: String,
    typed: Option<&FormData>,
) -> Result<GroupPage, WebError> {
    let t = Tr::new(lang);
    let store = state.store();
    let members = store.working_group(&area.slug).await?;
    let val = |name: &str| typed.map(|f| f.value(name)).unwrap_or_default();
    let chosen_actor = val("organisation");
    let actors: Vec<(String, String)> = store
        .actor_names(lang)
        .await?
        .into_iter()
        .map(|(s, n)| (s.to_string(), n.get(lang).to_owned()))
        .collect();
    let mut organisation = vec![Choice {
        value: String::new(),
        label: t.t("group-choose-organisation"),
        selected: chosen_actor.is_empty(),
    }];
    organisation.extend(actors.into_iter().map(|(s, n)| Choice {
        selected: s == chosen_actor,
        value: s,
        label: n,
    }));
    let role = val("role");
    let form = FormView {
        intro: vec![t.t("group-add-intro")],
        action: format!("/{}/strategy/{}/working-group", lang.code(), area.slug),
        csrf,
        sections: vec![Section {
            legend: Some(t.t("group-add")),
            fields: vec![
                Field::new(FieldKind::Email, "email", t.t("group-email"))
                    .value(val("email"))
                    .required()
                    .autocomplete("off")
                    .maxlength(320),
                Field::new(FieldKind::Select, "organisation", t.t("group-organisation"))
                    .required()
                    .choices(organisation),
                Field::new(FieldKind::Select, "role", t.t("group-role")).choices(
                    [GroupRole::Member, GroupRole::Lead]
                        .iter()
                        .map(|r| Choice {
                            value: r.as_str().to_owned(),
                            label: t.t(&format!("group-role-{r}")),
                            selected: role == r.as_str(),
                        })
                        .collect(),
                ),
            ],
        }],
        submit: t.t("group-add-submit"),
        links: vec![],
        form_error: None,
        notice: None,
    };
    let title = t.t1("group-title", "area", area.name.get(lang).to_owned());
    let mut layout = Layout::new(
        lang,
        &title,
        &format!("strategy/{}/working-group", area.slug),
        Nav::Strategy,
        None,
    );
    layout.set_caller(caller);
    Ok(GroupPage {
        layout,
        area: (
            format!("/{}/strategy/{}", lang.code(), area.slug),
            area.name.get(lang).to_owned(),
        ),
        members: member_views(lang, t, &members),
        form,
        remove_action: format!(
            "/{}/strategy/{}/working-group/remove",
            lang.code(),
            area.slug
        ),
    })
}

async fn managed_area(
    state: &AppState,
    caller: &Caller,
    raw: &str,
) -> Result<domain::strategy::FocusArea, WebError> {
    caller.require(&Action::ManageStrategy)?;
    let slug = Slug::parse(raw).map_err(|_| WebError::NotFound)?;
    state
        .store()
        .focus_areas()
        .await?
        .into_iter()
        .find(|a| a.slug == slug)
        .ok_or(WebError::NotFound)
}

/// The working-group page (the programme office).
pub(crate) async fn group(
    State(state): State<AppState>,
    Path((code, area)): Path<(String, String)>,
    caller: Caller,
    params: crate::kit::params::Params,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    let area = managed_area(&state, &caller, &area).await?;
    let (csrf, cookie) = ensure_session(&state, &caller).await?;
    let mut page = group_page(&state, lang, &caller, &area, csrf, None).await?;
    let t = Tr::new(lang);
    page.form.notice = match params.get("done") {
        Some("added") => Some(t.t("group-added")),
        Some("removed") => Some(t.t("group-removed")),
        _ => None,
    };
    Ok(respond(StatusCode::OK, render(&page)?, cookie))
}

/// Adds a person to the working group.
pub(crate) async fn add_member(
    State(state): State<AppState>,
    Path((code, area)): Path<(String, String)>,
    caller: Caller,
    f: FormData,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    let area = managed_area(&state, &caller, &area).await?;
    caller.check_csrf(Some(&f.value("csrf")))?;
    let t = Tr::new(lang);
    let user = caller.user_id().ok_or(WebError::Unauthorized)?;
    let email = f.value("email");
    let mut errs: Vec<(&str, String)> = Vec::new();
    if email.is_empty() {
        errs.push(("email", t.t("field-required")));
    }
    let organisation = Slug::parse(&f.value("organisation")).ok();
    if organisation.is_none() {
        errs.push(("organisation", t.t("field-choose")));
    }
    let role = GroupRole::parse(&f.value("role"));
    if role.is_none() {
        errs.push(("role", t.t("field-choose")));
    }
    if let (Some(org), Some(role), true) = (&organisation, role, errs.is_empty()) {
        match state
            .store()
            .add_group_member(&area.slug, &email, org, role, user)
            .await
        {
            Ok(_) => {
                return Ok(Redirect::to(&format!(
                    "/{}/strategy/{}/working-group?done=added",
                    lang.code(),
                    area.slug
                ))
                .into_response());
            }
            Err(StoreError::NotFound("user")) => {
                errs.push(("email", t.t("group-error-no-account")))
            }
            Err(StoreError::UnknownReference("actor")) => {
                errs.push(("organisation", t.t("field-choose")))
            }
            Err(StoreError::Conflict(_)) => errs.push(("email", t.t("group-error-member"))),
            Err(e) => return Err(e.into()),
        }
    }
    let csrf = caller.csrf().unwrap_or_default().to_owned();
    let mut page = group_page(&state, lang, &caller, &area, csrf, Some(&f)).await?;
    for (field, msg) in errs {
        page.form.set_error(field, msg);
    }
    Ok(respond(
        StatusCode::UNPROCESSABLE_ENTITY,
        render(&page)?,
        None,
    ))
}

/// Removes a person from the working group.
pub(crate) async fn remove_member(
    State(state): State<AppState>,
    Path((code, area)): Path<(String, String)>,
    caller: Caller,
    f: FormData,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    let area = managed_area(&state, &caller, &area).await?;
    caller.check_csrf(Some(&f.value("csrf")))?;
    let user = caller.user_id().ok_or(WebError::Unauthorized)?;
    let id = crate::kit::params::path_id(&f.value("member"))?;
    if !state
        .store()
        .remove_group_member(&area.slug, id, user)
        .await?
    {
        return Err(WebError::NotFound);
    }
    Ok(Redirect::to(&format!(
        "/{}/strategy/{}/working-group?done=removed",
        lang.code(),
        area.slug
    ))
    .into_response())
}
