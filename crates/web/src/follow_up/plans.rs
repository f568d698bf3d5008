//! What the programme office keeps in the action plans besides measures: indicators (name, unit, direction,
//! baseline, target, source; `/{lang}/indicators/{id}/edit`) and each area's working group
//! (`/{lang}/strategy/{area}/working-group`: who sits in it, for which organisation, who leads).

use crate::AppState;
use crate::kit::caller::Caller;
use crate::kit::error::WebError;
use crate::kit::forms::{Choice, Field, FieldKind, FormData, FormView, Section};
use crate::kit::page::FormPage;
use crate::kit::page::{Layout, Link, Nav, lang, render};
use crate::kit::page::{ensure_session, respond};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use domain::followup::parse_number;
use domain::strategy::{Direction, GroupRole, YearValue};
use domain::{Action, Lang, LangText, Slug};
use i18n::Tr;
use store::{IndicatorRow, IndicatorUpdate, StoreError};

const MAX_NAME: usize = 300;
const MAX_UNIT: usize = 100;
const MAX_SOURCE: usize = 500;

async fn editable(state: &AppState, caller: &Caller, raw: &str) -> Result<IndicatorRow, WebError> {
    caller.require(&Action::ManageStrategy)?;
    let id = crate::kit::params::path_id(raw)?;
    state
        .store()
        .indicators(None)
        .await?
        .into_iter()
        .find(|i| i.id == id)
        .ok_or(WebError::NotFound)
}

fn indicator_form(
    t: Tr,
    lang: Lang,
    csrf: String,
    row: &IndicatorRow,
    typed: Option<&FormData>,
) -> FormView {
    let i = &row.indicator;
    let val = |name: &str, current: String| typed.map_or(current, |f| f.value(name));
    let text = |name: &str, label: &str, l: &'static str, current: &str, max: usize| {
        Field::new(FieldKind::Text, name, t.t(label))
            .value(val(name, current.to_owned()))
            .lang(l)
            .required()
            .maxlength(max)
    };
    let figure = |name: &str, label: &str, current: String| {
        Field::new(FieldKind::Text, name, t.t(label))
            .value(val(name, current))
            .required()
            .hint(t.t("indicator-number-hint"))
    };
    let year = |name: &str, label: &str, current: i32| {
        Field::new(FieldKind::Number, name, t.t(label))
            .value(val(name, current.to_string()))
            .required()
    };
    let direction = val("direction", i.direction.to_string());
    let lang_section = |legend: &str, l: &'static str, pick: fn(&LangText) -> &str| Section {
        legend: Some(t.t(legend)),
        fields: vec![
            text(
                &format!("name_{l}"),
                "indicator-name",
                l,
                pick(&i.name),
                MAX_NAME,
            ),
            text(
                &format!("unit_{l}"),
                "indicator-unit",
                l,
                pick(&i.unit),
                MAX_UNIT,
            ),
            text(
                &format!("source_{l}"),
                "indicator-source",
                l,
                pick(&i.source),
                MAX_SOURCE,
            ),
        ],
    };
    FormView {
        intro: vec![t.t("indicator-edit-intro")],
        action: format!("/{}/indicators/{}/edit", lang.code(), row.id),
        csrf,
        sections: vec![
            Section {
                legend: None,
                fields: vec![
                    Field::new(FieldKind::Select, "direction", t.t("indicator-direction")).choices(
                        Direction::ALL
                            .iter()
                            .map(|d| Choice {
                                value: d.as_str().to_owned(),
                                label: t.t(&format!("direction-{d}")),
                                selected: direction == d.as_str(),
                            })
                            .collect(),
                    ),
                    figure(
                        "baseline_value",
                        "indicator-baseline-value",
                        app::chart::number(i.baseline.value, lang),
                    ),
                    year("baseline_year", "indicator-baseline-year", i.baseline.year),
                    figure(
                        "target_value",
                        "indicator-target-value",
                        app::chart::number(i.target.value, lang),
                    ),
                    year("target_year", "indicator-target-year", i.target.year),
                ],
            },
            lang_section("edit-swedish", "sv", |x| &x.sv),
            lang_section("edit-english", "en", |x| &x.en),
        ],
        submit: t.t("indicator-save"),
        links: vec![Link {
            href: format!("/{}/indicators/{}", lang.code(), row.id),
            text: t.t("indicator-back"),
        }],
        form_error: None,
        notice: None,
    }
}

fn indicator_page(lang: Lang, caller: &Caller, row: &IndicatorRow, form: FormView) -> FormPage {
    let t = Tr::new(lang);
    let title = t.t1(
        "indicator-edit-title",
        "indicator",
        format!("{} {}", row.indicator.code, row.indicator.name.get(lang)),
    );
    let mut layout = Layout::new(
        lang,
        &title,
        &format!("indicators/{}/edit", row.id),
        Nav::Strategy,
        None,
    );
    layout.set_caller(caller);
    FormPage { layout, form }
}

/// The indicator edit form.
pub(crate) async fn edit_indicator_page(
    State(state): State<AppState>,
    Path((code, id)): Path<(String, String)>,
    caller: Caller,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    let row = editable(&state, &caller, &id).await?;
    let (csrf, cookie) = ensure_session(&state, &caller).await?;
    let f = indicator_form(Tr::new(lang), lang, csrf, &row, None);
    Ok(respond(
        StatusCode::OK,
        render(&indicator_page(lang, &caller, &row, f))?,
        cookie,
    ))
}

/// Reads the indicator form; every problem with the field it belongs to.
fn read_indicator(t: Tr, f: &FormData) -> Result<IndicatorUpdate, Vec<(String, String)>> {
    let mut errs = Vec::new();
    let mut required = |name: &str, max: usize| {
        let v = f.value(name);
        if v.is_empty() {
            errs.push((name.to_owned(), t.t("field-required")));
        } else if v.chars().count() > max {
            errs.push((name.to_owned(), t.t1("field-too-long", "max", max)));
        }
        v
    };
    let name = LangText::new(required("name_sv", MAX_NAME), required("name_en", MAX_NAME));
    let unit = LangText::new(required("unit_sv", MAX_UNIT), required("unit_en", MAX_UNIT));
    let source = LangText::new(
        required("source_sv", MAX_SOURCE),
        required("source_en", MAX_SOURCE),
    );
    let mut point = |value: &str, year: &str| {
        let v = match parse_number(&f.value(value)) {
            Ok(v) => Some(v),
            Err(_) => {
                errs.push((value.to_owned(), t.t("indicator-error-number")));
                None
            }
        };
        let y = match f.value(year).parse::<i32>() {
            Ok(y) if (1900..=2200).contains(&y) => Some(y),
            _ => {
                errs.push((year.to_owned(), t.t("indicator-error-year")));
                None
            }
        };
        v.zip(y).map(|(value, year)| YearValue { year, value })
    };
    let baseline = point("baseline_value", "baseline_year");
    let target = point("target_value", "target_year");
    if let (Some(b), Some(tg)) = (baseline, target)
        && tg.year <= b.year
    {
        errs.push(("target_year".to_owned(), t.t("indicator-error-order")));
    }
    let direction = Direction::parse(&f.value("direction"));
    if direction.is_none() {
        errs.push(("direction".to_owned(), t.t("field-choose")));
    }
    match (direction, baseline, target) {
        (Some(direction), Some(baseline), Some(target)) if errs.is_empty() => Ok(IndicatorUpdate {
            name,
            unit,
            direction,
            baseline,
            target,
            source,
        }),
        _ => Err(errs),
    }
}

/// Saves the indicator form.
pub(crate) async fn save_indicator(
    State(state): State<AppState>,
    Path((code, id)): Path<(String, String)>,
    caller: Caller,
    f: FormData,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    let row = editable(&state, &caller, &id).await?;
    caller.check_csrf(Some(&f.value("csrf")))?;
    let t = Tr::new(lang);
    match read_indicator(t, &f) {
        Ok(update) => {
            let user = caller.user_id().ok_or(WebError::Unauthorized)?;
            state
                .store()
                .update_indicator(row.id, user, &update)
                .await?;
            Ok(
                Redirect::to(&format!("/{}/indicators/{}?saved=1", lang.code(), row.id))
                    .into_response(),
            )
        }
        Err(errs) => {
            let csrf = caller.csrf().unwrap_or_default().to_owned();
            let mut view = indicator_form(t, lang, csrf, &row, Some(&f));
            for (field, msg) in errs {
                view.set_error(&field, msg);
            }
            Ok(respond(
                StatusCode::UNPROCESSABLE_ENTITY,
                render(&indicator_page(lang, &caller, &row, view))?,
                None,
            ))
        }
    }
}

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
