//! Access requests in the browser: the list (`/{lang}/requests`), the new-request form, one request with its
//! stages, checklist, conversation, files and history, and the programme office's figures and checklist
//! templates. Every action asks the domain's rules; refusals come back as translated messages on the page.

use super::catalogue::Fact;
use crate::AppState;
use crate::kit::caller::Caller;
use crate::kit::error::WebError;
use crate::kit::forms::{Choice, Field, FieldKind, FormData, FormView, Section};
use crate::kit::page::{FormPage, date, ensure_session, message_response, respond};
use crate::kit::page::{Layout, Link, Nav, lang, render};
use crate::kit::params::Params;
use crate::kit::text::Text;
use askama::Template;
use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use domain::access::{
    AccessError, ChecklistTemplate, OwnerClass, Party, RequestStatus, Side, Stage, Transition,
    moves_for, stage_open,
};
use domain::attachment::{self, AttachmentError};
use domain::{Action, IsoDate, Lang, LangText, Principal, Slug, WebUrl};
use i18n::Tr;
use store::{Audience, Notice, RequestDetail, RequestError, StoreError, Visibility};

/// The largest accepted upload body (one file of at most 10 MB plus the form around it).
pub const MAX_UPLOAD: usize = attachment::MAX_BYTES + 64 * 1024;

/// Longest texts accepted.
use app::requests::{MAX_NEED, MAX_REASON as MAX_MESSAGE, Refusal, RequestFail, RequestInput};

/// The side the caller acts for on a request, after the policy allowed them to see it; a draft is the company's
/// alone. `NotFound` for anyone else, so request ids reveal nothing.
pub(crate) async fn side_on(
    state: &AppState,
    caller: &Caller,
    id: i64,
) -> Result<(Side, Slug, Slug, RequestStatus), WebError> {
    let principal = caller.principal.as_ref().ok_or(WebError::Unauthorized)?;
    let (company, provider, status) = state
        .store()
        .request_parties(id)
        .await?
        .ok_or(WebError::NotFound)?;
    caller
        .require(&Action::ViewRequest {
            company: &company,
            provider: &provider,
        })
        .map_err(|_| WebError::NotFound)?;
    let side = Side::of(principal, &company, &provider).ok_or(WebError::NotFound)?;
    if status == RequestStatus::Draft && side != Side::Company {
        return Err(WebError::NotFound);
    }
    Ok((side, company, provider, status))
}

/// The requests a person may list, as the policy scopes them.
pub(crate) fn visibility(p: &Principal) -> Visibility {
    let scope = domain::request_scope(p);
    Visibility {
        all: scope.all,
        companies: scope.companies,
        providers: scope.providers,
    }
}

/// A refused request write as the message to show on the request's page, or the error to pass on.
pub(crate) fn request_refusal(t: Tr, e: RequestError) -> Result<String, WebError> {
    refusal_message(app::requests::refusal(t, e))
}

/// The message a page shows for a refusal; what is not a refusal (a missing request, the store failing) is an
/// error.
pub(crate) fn refusal_message(fail: RequestFail) -> Result<String, WebError> {
    match fail {
        RequestFail::Refused(Refusal::Rule(m)) => Ok(m),
        RequestFail::Refused(Refusal::Fields(list)) => Ok(list
            .into_iter()
            .map(|(_, m)| m)
            .collect::<Vec<_>>()
            .join(" ")),
        other => Err(other.into()),
    }
}

// ----- The list -----

/// One row of the list.
pub struct RequestRow {
    /// Link.
    pub href: String,
    /// Title, marked with its language when that can be told from it.
    pub title: Text,
    /// Company.
    pub company: String,
    /// Provider.
    pub provider: String,
    /// Status label.
    pub status: String,
    /// Last change.
    pub updated: String,
}

/// `/{lang}/requests`.
#[derive(Template)]
#[template(path = "way_in/requests.html")]
pub struct RequestsPage {
    /// Frame.
    pub layout: Layout,
    /// Rows.
    pub rows: Vec<RequestRow>,
    /// Status filter options.
    pub statuses: Vec<super::catalogue::Opt>,
    /// Whether the person can start a request.
    pub can_request: bool,
    /// Link to the office's figures, for admins.
    pub figures: bool,
    /// What the list holds, said for the caller's roles (a manager never reads "your company").
    pub lead: String,
}

/// The requests the caller may see.
pub(crate) async fn list(
    State(state): State<AppState>,
    Path(code): Path<String>,
    caller: Caller,
    params: Params,
) -> Result<Html<String>, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::UseOwnAccount)?;
    let p = caller.principal.as_ref().ok_or(WebError::Unauthorized)?;
    let t = Tr::new(lang);
    let status = params.vocabulary("status", RequestStatus::ALL, RequestStatus::as_str)?;
    let rows = state
        .store()
        .requests(&visibility(p), status)
        .await?
        .into_iter()
        .map(|r| RequestRow {
            href: format!("/{}/requests/{}", lang.code(), r.id),
            title: Text::identified(r.title, lang),
            company: r.company.1.get(lang).to_owned(),
            provider: r.provider.1.get(lang).to_owned(),
            status: t.t(&format!("status-{}", r.status)),
            updated: date(r.updated_at),
        })
        .collect();
    let mut layout = Layout::new(
        lang,
        &t.t("requests-title"),
        "requests",
        Nav::Requests,
        None,
    );
    layout.set_caller(&caller);
    let scope = domain::request_scope(p);
    let lead = t.t(
        match (
            scope.all,
            !scope.companies.is_empty(),
            !scope.providers.is_empty(),
        ) {
            (true, _, _) => "requests-lead-office",
            (false, true, true) => "requests-lead",
            (false, true, false) => "requests-lead-company",
            (false, false, true) => "requests-lead-manager",
            (false, false, false) => "requests-lead-none",
        },
    );
    render(&RequestsPage {
        layout,
        lead,
        rows,
        statuses: RequestStatus::ALL
            .iter()
            .map(|s| super::catalogue::Opt {
                value: s.as_str().into(),
                label: t.t(&format!("status-{s}")),
                selected: status == Some(*s),
            })
            .collect(),
        can_request: !domain::request_scope(p).companies.is_empty(),
        figures: domain::auth::decide(Some(p), &Action::ViewRequestFigures)
            == domain::Decision::Allow,
    })
}

// ----- The new-request form -----

struct Target {
    provider: Slug,
    provider_name: LangText,
    services: Vec<(Slug, LangText)>,
    premises: Option<(Slug, LangText)>,
    chosen: Vec<Slug>,
}

async fn target(
    state: &AppState,
    get: &(dyn Fn(&str) -> String + Sync),
) -> Result<Target, WebError> {
    let store = state.store();
    let (provider, premises, chosen) = if let Ok(s) = Slug::parse(&get("service")) {
        let v = store.service(&s).await?.ok_or(WebError::NotFound)?;
        (v.service.infrastructure, None, vec![s])
    } else if let Ok(p) = Slug::parse(&get("premises")) {
        let all = store.premises_list(None, None, Lang::Sv).await?;
        let v = all
            .into_iter()
            .find(|v| v.premises.slug == p)
            .ok_or(WebError::NotFound)?;
        (v.premises.owner, Some((p, v.premises.name)), vec![])
    } else if let Ok(p) = Slug::parse(&get("provider")) {
        (p, None, vec![])
    } else {
        return Err(WebError::NotFound);
    };
    let actor = store.actor(&provider).await?.ok_or(WebError::NotFound)?;
    let services = store
        .services(&store::CatalogueFilter::default(), Lang::Sv)
        .await?
        .into_iter()
        .filter(|v| v.service.infrastructure == provider)
        .map(|v| (v.service.slug, v.service.name))
        .collect();
    Ok(Target {
        provider,
        provider_name: actor.name,
        services,
        premises,
        chosen,
    })
}

fn request_form(
    t: Tr,
    lang: Lang,
    csrf: String,
    target: &Target,
    companies: &[(Slug, String)],
    form: Option<&FormData>,
) -> FormView {
    let get = |n: &str| form.map(|f| f.value(n)).unwrap_or_default();
    let chosen: Vec<String> = match form {
        Some(f) => f.all("services"),
        None => target.chosen.iter().map(ToString::to_string).collect(),
    };
    let mut basics = vec![
        Field::new(FieldKind::Hidden, "provider", String::new()).value(target.provider.to_string()),
    ];
    if let Some((p, _)) = &target.premises {
        basics.push(Field::new(FieldKind::Hidden, "premises", String::new()).value(p.to_string()));
    }
    let company_now = get("company");
    basics.push(
        Field::new(FieldKind::Select, "company", t.t("request-company"))
            .choices(
                companies
                    .iter()
                    .map(|(s, n)| Choice {
                        selected: company_now == s.as_str(),
                        value: s.to_string(),
                        label: n.clone(),
                    })
                    .collect(),
            )
            .required(),
    );
    if !target.services.is_empty() {
        basics.push(
            Field::new(FieldKind::Checkboxes, "services", t.t("request-services")).choices(
                target
                    .services
                    .iter()
                    .map(|(s, n)| Choice {
                        selected: chosen.iter().any(|c| c == s.as_str()),
                        value: s.to_string(),
                        label: n.get(lang).to_owned(),
                    })
                    .collect(),
            ),
        );
    }
    basics.extend([
        Field::new(FieldKind::Text, "title", t.t("request-title-field"))
            .value(get("title"))
            .hint(t.t("request-title-hint"))
            .required()
            .maxlength(200),
        Field::new(FieldKind::Textarea, "need", t.t("request-need"))
            .value(get("need"))
            .hint(t.t("request-need-hint"))
            .required()
            .maxlength(MAX_NEED),
        Field::new(FieldKind::Text, "desired_start", t.t("request-start"))
            .value(get("desired_start"))
            .hint(t.t("request-start-hint"))
            .maxlength(10),
        Field::new(
            FieldKind::Textarea,
            "confidentiality",
            t.t("request-confidentiality"),
        )
        .value(get("confidentiality"))
        .hint(t.t("request-confidentiality-hint"))
        .maxlength(MAX_NEED),
        Field::new(FieldKind::Checkboxes, "draft", t.t("request-draft")).choices(vec![Choice {
            value: "1".into(),
            label: t.t("request-draft-check"),
            selected: !get("draft").is_empty(),
        }]),
    ]);
    let about = match &target.premises {
        Some((_, n)) => t.t2(
            "request-new-intro-premises",
            ("premises", n.get(lang)),
            ("owner", target.provider_name.get(lang)),
        ),
        None => t.t1(
            "request-new-intro",
            "provider",
            target.provider_name.get(lang),
        ),
    };
    FormView {
        intro: vec![about, t.t("request-new-guidance")],
        action: format!("/{}/requests", lang.code()),
        csrf,
        sections: vec![Section {
            legend: None,
            fields: basics,
        }],
        submit: t.t("request-send"),
        links: vec![],
        form_error: None,
        notice: None,
    }
}

async fn companies_of(
    state: &AppState,
    p: &Principal,
    lang: Lang,
) -> Result<Vec<(Slug, String)>, WebError> {
    let mut out = Vec::new();
    for s in domain::request_scope(p).companies {
        if let Some(a) = state.store().actor(&s).await? {
            out.push((s, a.name.get(lang).to_owned()));
        }
    }
    Ok(out)
}

fn new_page(lang: Lang, caller: &Caller, form: FormView) -> FormPage {
    let t = Tr::new(lang);
    let mut layout = Layout::new(
        lang,
        &t.t("request-new-title"),
        "requests/new",
        Nav::Requests,
        None,
    );
    layout.set_caller(caller);
    FormPage { layout, form }
}

/// A person who sends requests for no company is offered to register theirs (it is in the atlas at once, and
/// they can send the request right after).
fn no_company(lang: Lang, caller: &Caller) -> Response {
    let t = Tr::new(lang);
    message_response(
        lang,
        caller,
        StatusCode::OK,
        &t.t("request-no-company-title"),
        vec![t.t("request-no-company")],
        vec![
            Link {
                href: format!("/{}/companies/register", lang.code()),
                text: t.t("company-register-title"),
            },
            Link {
                href: format!("/{}/infrastructures", lang.code()),
                text: t.t("infra-title"),
            },
        ],
    )
}

/// The new-request form for a service (`?service=`), premises (`?premises=`) or provider (`?provider=`).
pub(crate) async fn new_page_handler(
    State(state): State<AppState>,
    Path(code): Path<String>,
    caller: Caller,
    params: Params,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::UseOwnAccount)?;
    let p = caller.principal.as_ref().ok_or(WebError::Unauthorized)?;
    let companies = companies_of(&state, p, lang).await?;
    if companies.is_empty() {
        return Ok(no_company(lang, &caller));
    }
    let target = target(&state, &|n| params.get(n).unwrap_or_default().to_owned()).await?;
    let t = Tr::new(lang);
    let (csrf, cookie) = ensure_session(&state, &caller).await?;
    let mut form = request_form(t, lang, csrf, &target, &companies, None);
    // The need typed on the match page comes along, so it is not typed twice.
    if let Some(need) = params.text("need", app::requests::MAX_NEED)? {
        for s in &mut form.sections {
            for f in &mut s.fields {
                if f.name == "need" {
                    f.value = need.clone();
                }
            }
        }
    }
    Ok(respond(
        StatusCode::OK,
        render(&new_page(lang, &caller, form))?,
        cookie,
    ))
}

/// Creates (and unless saved as a draft, sends) a request.
pub(crate) async fn create(
    State(state): State<AppState>,
    Path(code): Path<String>,
    caller: Caller,
    form: FormData,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::UseOwnAccount)?;
    caller.check_csrf(Some(&form.value("csrf")))?;
    let p = caller.principal.as_ref().ok_or(WebError::Unauthorized)?;
    let t = Tr::new(lang);
    let companies = companies_of(&state, p, lang).await?;
    if companies.is_empty() {
        return Ok(no_company(lang, &caller));
    }
    let target = target(&state, &|n| form.value(n)).await?;
    let refuse = |errs: Vec<(String, String)>| -> Result<Response, WebError> {
        let mut view = request_form(
            t,
            lang,
            caller.csrf().unwrap_or_default().to_owned(),
            &target,
            &companies,
            Some(&form),
        );
        for (f, m) in errs {
            view.set_error(&f, m);
        }
        Ok(respond(
            StatusCode::UNPROCESSABLE_ENTITY,
            render(&new_page(lang, &caller, view))?,
            None,
        ))
    };
    let input = RequestInput {
        company: form.value("company"),
        provider: form.value("provider"),
        premises: form.value("premises"),
        services: form.all("services"),
        title: form.value("title"),
        need: form.value("need"),
        desired_start: form.value("desired_start"),
        confidentiality: form.value("confidentiality"),
    };
    let draft = !form.value("draft").is_empty();
    match app::requests::send_request(state.store(), &state.auth().base_url, t, p, &input, draft)
        .await
    {
        Ok(id) => Ok(Redirect::to(&format!(
            "/{}/requests/{id}?done={}",
            lang.code(),
            if draft { "draft" } else { "sent" }
        ))
        .into_response()),
        Err(RequestFail::Refused(Refusal::Fields(errs))) => refuse(errs),
        Err(RequestFail::Refused(Refusal::Forbidden)) => {
            refuse(vec![("company".into(), t.t("request-error-company"))])
        }
        Err(fail) => refuse(vec![("title".into(), refusal_message(fail)?)]),
    }
}

// ----- One request -----

/// A checklist item as shown.
pub struct ItemView {
    /// Id.
    pub id: i64,
    /// Title.
    pub title: Text,
    /// Guidance.
    pub guidance: Text,
    /// Who checks it.
    pub party: String,
    /// Required.
    pub required: bool,
    /// Source text (written in Swedish: it names Swedish law and practice) and link.
    pub source: (Text, Option<String>),
    /// Template document link.
    pub document: Option<String>,
    /// State text ("Checked by X on date", "Waived…", "Open").
    pub state: String,
    /// Resolved.
    pub resolved: bool,
    /// The caller may check or uncheck it now.
    pub can_check: bool,
    /// Checked now.
    pub checked: bool,
    /// The caller may waive it now.
    pub can_waive: bool,
}

/// A stage with its items.
pub struct StageView {
    /// Stage name.
    pub name: String,
    /// Id for the heading.
    pub id: String,
    /// Items.
    pub items: Vec<ItemView>,
    /// "2 of 5 done".
    pub progress: String,
    /// Shown open: the request's current stage (the first one before the request is taken up).
    pub open: bool,
}

/// A step of the progress indicator.
pub struct Step {
    /// Label.
    pub label: String,
    /// Done, current or to come.
    pub state: &'static str,
}

/// A button for a move.
pub struct MoveButton {
    /// The move's code.
    pub value: String,
    /// Label.
    pub label: String,
}

/// A message as shown.
pub struct MessageView {
    /// Who.
    pub by: String,
    /// When.
    pub at: String,
    /// Text, in the language it was written in.
    pub body: Text,
    /// An internal note.
    pub internal: bool,
}

/// `/{lang}/requests/{id}`.
#[derive(Template)]
#[template(path = "way_in/request.html")]
pub struct RequestPage {
    /// Frame.
    pub layout: Layout,
    /// Id.
    pub id: i64,
    /// Progress steps.
    pub steps: Vec<Step>,
    /// Facts.
    pub facts: Vec<Fact>,
    /// Need, in the language it was written in.
    pub need: Text,
    /// Confidentiality needs, likewise.
    pub confidentiality: Text,
    /// Moves the caller may try.
    pub moves: Vec<MoveButton>,
    /// A message to show (a refusal or a confirmation).
    pub flash: Option<(bool, String)>,
    /// Checklist by stage.
    pub stages: Vec<StageView>,
    /// Owner form the checklist was made for.
    pub checklist_intro: String,
    /// Conversation.
    pub messages: Vec<MessageView>,
    /// The caller is on the infrastructure side (may write internal notes).
    pub infra_side: bool,
    /// The request is still open (messages, files).
    pub open: bool,
    /// Attachments: (link, name, size text, by, date).
    pub files: Vec<(String, String, String, String, String)>,
    /// History: (date, from, to, by, reason).
    pub history: Vec<(String, String, String, String, Text)>,
    /// Where the programme office may forward the request: (slug, name); empty when it may not.
    pub forward_to: Vec<(String, String)>,
    /// The checklist's template documents filled in for this request: (name, Word link, PDF link).
    pub agreements: Vec<(String, String, String)>,
    /// CSRF token.
    pub csrf: String,
}

fn size_text(bytes: i64, lang: Lang) -> String {
    if bytes >= 1024 * 1024 {
        format!(
            "{} MB",
            i18n::fixed(bytes as f64 / (1024.0 * 1024.0), 1, lang)
        )
    } else {
        format!("{} kB", (bytes + 1023) / 1024)
    }
}

pub(crate) fn request_page(
    lang: Lang,
    caller: &Caller,
    d: RequestDetail,
    side: Side,
    flash: Option<(bool, String)>,
) -> RequestPage {
    let t = Tr::new(lang);
    let status = d.summary.status;
    let path = [
        RequestStatus::Submitted,
        RequestStatus::Preparation,
        RequestStatus::Development,
        RequestStatus::Execution,
        RequestStatus::Completed,
    ];
    let reached = d
        .events
        .iter()
        .map(|e| e.to)
        .collect::<Vec<RequestStatus>>();
    let steps = path
        .iter()
        .map(|s| Step {
            label: t.t(&format!("status-{s}")),
            state: if *s == status {
                "current"
            } else if reached.contains(s) {
                "done"
            } else {
                "todo"
            },
        })
        .collect();
    let mut facts = vec![
        Fact {
            label: t.t("request-company-label"),
            value: Text::of(&d.summary.company.1, lang),
        },
        Fact {
            label: t.t("request-provider"),
            value: Text::of(&d.summary.provider.1, lang),
        },
        Fact {
            label: t.t("request-status"),
            value: Text::from(t.t(&format!("status-{status}"))),
        },
        Fact {
            label: t.t("request-start"),
            value: Text::from(
                d.desired_start
                    .map_or_else(|| t.t("not-stated"), |s| s.to_string()),
            ),
        },
    ];
    if status != RequestStatus::Draft {
        let provider = d.summary.provider.1.get(lang);
        facts.push(Fact {
            label: t.t("request-notified"),
            value: Text::from(if d.summary.to_office {
                t.t1("request-notified-office", "provider", provider)
            } else {
                t.t1("request-notified-managers", "provider", provider)
            }),
        });
    }
    if !d.services.is_empty() {
        facts.push(Fact {
            label: t.t("request-services"),
            value: Text::from(
                d.services
                    .iter()
                    .map(|(_, n)| n.get(lang).to_owned())
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        });
    }
    if let Some((_, n)) = &d.premises {
        facts.push(Fact {
            label: t.t("premises-title"),
            value: Text::of(n, lang),
        });
    }
    let stages = Stage::ALL
        .iter()
        .map(|st| StageView {
            name: t.t(&format!("stage-title-{st}")),
            id: format!("stage-{st}"),
            items: d
                .items
                .iter()
                .filter(|i| i.stage == *st)
                .map(|i| {
                    let s = i.state();
                    let state = if let Some((by, reason, at)) = &i.waived {
                        t.t2("item-waived", ("who", by), ("date", &date(*at))) + ": " + reason
                    } else if let Some((by, at)) = &i.checked {
                        t.t2("item-checked", ("who", by), ("date", &date(*at)))
                    } else {
                        t.t("item-open")
                    };
                    ItemView {
                        id: i.id,
                        title: Text::of(&i.title, lang),
                        guidance: Text::of(&i.guidance, lang),
                        party: t.t(&format!("party-{}", i.party)),
                        required: i.required,
                        source: (
                            Text::written(i.source.as_str(), Lang::Sv, lang),
                            i.source_url.clone().filter(|u| WebUrl::parse(u).is_ok()),
                        ),
                        document: i
                            .document
                            .as_ref()
                            .map(|n| format!("/{}/checklists/documents/{n}", lang.code())),
                        state,
                        resolved: s.is_resolved(),
                        checked: s.checked,
                        can_check: domain::access::may_check(status, &s, side).is_ok(),
                        can_waive: side == Side::Office
                            && !s.is_resolved()
                            && stage_open(status, i.stage),
                    }
                })
                .collect(),
            progress: String::new(),
            // The stage the request is in is open; before the first, the first is (what comes next).
            open: status.stage() == Some(*st)
                || (status.stage().is_none() && !status.is_closed() && *st == Stage::Preparation),
        })
        .filter(|s| !s.items.is_empty())
        .map(|mut s: StageView| {
            let done = s.items.iter().filter(|i| i.resolved).count();
            s.progress = t.n2(
                "checklist-stage-progress",
                ("done", done as u64),
                ("total", s.items.len() as u64),
            );
            s
        })
        .collect();
    let infra_side = side != Side::Company;
    let messages = d
        .messages
        .iter()
        .filter(|m| infra_side || !m.internal)
        .map(|m| MessageView {
            by: format!(
                "{} ({})",
                m.by.clone().unwrap_or_else(|| t.t("unknown")),
                t.t(&format!("party-{}", m.side))
            ),
            at: date(m.at),
            body: Text::identified(m.body.as_str(), lang),
            internal: m.internal,
        })
        .collect();
    let files = d
        .attachments
        .iter()
        .map(|a| {
            (
                format!(
                    "/{}/requests/{}/attachments/{}",
                    lang.code(),
                    d.summary.id,
                    a.id
                ),
                a.name.clone(),
                size_text(a.size, lang),
                a.by.clone().unwrap_or_else(|| t.t("unknown")),
                date(a.at),
            )
        })
        .collect();
    let history = d
        .events
        .iter()
        .map(|e| {
            let to = match &e.forwarded_from {
                Some((_, from)) => t.t1("history-forwarded", "from", from.get(lang)),
                None => t.t(&format!("status-{}", e.to)),
            };
            (
                date(e.at),
                e.from
                    .map(|f| t.t(&format!("status-{f}")))
                    .unwrap_or_default(),
                to,
                e.by.clone().unwrap_or_else(|| t.t("unknown")),
                Text::identified(e.reason.clone().unwrap_or_default(), lang),
            )
        })
        .collect();
    let mut agreements: Vec<(String, String, String)> = Vec::new();
    for name in d.items.iter().filter_map(|i| i.document.as_ref()) {
        let base = format!(
            "/{}/requests/{}/documents/{name}",
            lang.code(),
            d.summary.id
        );
        let label = t.t(&format!("document-{name}"));
        if !agreements.iter().any(|a| a.0 == label) {
            agreements.push((label, format!("{base}.docx"), format!("{base}.pdf")));
        }
    }
    let owner = match d.owner_form {
        Some(o) => t.t(&format!("ownership-{o}")),
        None => t.t("ownership-unknown"),
    };
    let mut layout = Layout::new(
        lang,
        &d.summary.title,
        &format!("requests/{}", d.summary.id),
        Nav::Requests,
        None,
    );
    layout.set_title_lang(&Text::identified(
        format!("{}\n{}", d.summary.title, d.need),
        lang,
    ));
    layout.set_caller(caller);
    RequestPage {
        id: d.summary.id,
        steps,
        facts,
        need: Text::identified(d.need, lang),
        confidentiality: Text::identified(d.confidentiality, lang),
        moves: moves_for(status, side)
            .into_iter()
            .map(|m| MoveButton {
                value: m.as_str().into(),
                label: if m == Transition::Advance {
                    t.t(&format!("move-advance-from-{status}"))
                } else {
                    t.t(&format!("move-{m}"))
                },
            })
            .collect(),
        flash,
        stages,
        checklist_intro: t.t1("checklist-intro", "owner", owner),
        messages,
        infra_side,
        open: !status.is_closed(),
        files,
        history,
        forward_to: Vec::new(),
        agreements,
        csrf: caller.csrf().unwrap_or_default().to_owned(),
        layout,
    }
}

async fn show(
    state: &AppState,
    lang: Lang,
    caller: &Caller,
    id: i64,
    side: Side,
    status: StatusCode,
    flash: Option<(bool, String)>,
) -> Result<Response, WebError> {
    let d = state.store().request(id).await?.ok_or(WebError::NotFound)?;
    respond_with(state, lang, caller, d, side, status, flash).await
}

/// The request page for `d`, with the forward form when the caller may forward it.
async fn respond_with(
    state: &AppState,
    lang: Lang,
    caller: &Caller,
    d: RequestDetail,
    side: Side,
    status: StatusCode,
    flash: Option<(bool, String)>,
) -> Result<Response, WebError> {
    let forwardable = domain::access::may_forward(side, d.summary.status).is_ok();
    let current = d.summary.provider.0.clone();
    let mut page = request_page(lang, caller, d, side, flash);
    if forwardable {
        page.forward_to = state
            .store()
            .providers(&store::CatalogueFilter::default(), lang)
            .await?
            .into_iter()
            .filter(|p| p.slug != current)
            .map(|p| (p.slug.as_str().to_owned(), p.name.get(lang).to_owned()))
            .collect();
    }
    let mut res = (status, render(&page)?).into_response();
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}

/// The request page again with a refused input's message (422).
async fn invalid(
    state: &AppState,
    lang: Lang,
    caller: &Caller,
    id: i64,
    side: Side,
    message: String,
) -> Result<Response, WebError> {
    show(
        state,
        lang,
        caller,
        id,
        side,
        StatusCode::UNPROCESSABLE_ENTITY,
        Some((false, message)),
    )
    .await
}

/// One request.
pub(crate) async fn detail(
    State(state): State<AppState>,
    Path((code, id)): Path<(String, String)>,
    caller: Caller,
    params: Params,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::UseOwnAccount)?;
    let id = crate::kit::params::path_id(&id)?;
    let (side, ..) = side_on(&state, &caller, id).await?;
    let t = Tr::new(lang);
    let d = state.store().request(id).await?.ok_or(WebError::NotFound)?;
    let provider = d.summary.provider.1.get(lang).to_owned();
    // Who was told is said exactly: the infrastructure's managers, or the programme office when it has none.
    let flash = params
        .get("done")
        .filter(|d| d.len() < 40 && d.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
        .map(|done| match done {
            "sent" | "forwarded" => {
                let key = if d.summary.to_office {
                    format!("request-done-{done}-office")
                } else {
                    format!("request-done-{done}")
                };
                (true, t.t1(&key, "provider", &provider))
            }
            other => (true, t.t(&format!("request-done-{other}"))),
        });
    respond_with(&state, lang, &caller, d, side, StatusCode::OK, flash).await
}

#[allow(clippy::too_many_arguments)]
async fn after_write(
    state: &AppState,
    lang: Lang,
    caller: &Caller,
    id: i64,
    side: Side,
    result: Result<(), RequestError>,
    done: &str,
    anchor: &str,
) -> Result<Response, WebError> {
    let t = Tr::new(lang);
    match result {
        Ok(()) => Ok(Redirect::to(&format!(
            "/{}/requests/{id}?done={done}#{anchor}",
            lang.code()
        ))
        .into_response()),
        Err(e) => {
            let msg = request_refusal(t, e)?;
            show(
                state,
                lang,
                caller,
                id,
                side,
                StatusCode::CONFLICT,
                Some((false, msg)),
            )
            .await
        }
    }
}

/// Makes a move (`move` = submit, accept, advance, decline, withdraw; `reason` for declining).
pub(crate) async fn transition(
    State(state): State<AppState>,
    Path((code, id)): Path<(String, String)>,
    caller: Caller,
    form: FormData,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::UseOwnAccount)?;
    let id = crate::kit::params::path_id(&id)?;
    let (side, ..) = side_on(&state, &caller, id).await?;
    caller.check_csrf(Some(&form.value("csrf")))?;
    let t = Tr::new(lang);
    let user = caller.user_id().ok_or(WebError::Unauthorized)?;
    let result = app::requests::move_request(
        state.store(),
        &state.auth().base_url,
        t,
        app::requests::MoveAsked {
            user,
            id,
            side,
            step: &form.value("move"),
            reason: &form.value("reason"),
        },
    )
    .await;
    answer_move(&state, lang, &caller, id, side, result.map(|_| ()), "moved").await
}

/// The page after a move or a forward: the request with `done` said, the form's problems (422), or the rule
/// that refused it (409).
#[allow(clippy::too_many_arguments)]
async fn answer_move(
    state: &AppState,
    lang: Lang,
    caller: &Caller,
    id: i64,
    side: Side,
    result: Result<(), RequestFail>,
    done: &str,
) -> Result<Response, WebError> {
    match result {
        Ok(()) => after_write(state, lang, caller, id, side, Ok(()), done, "main").await,
        Err(RequestFail::Refused(Refusal::Fields(list))) => {
            let message = list
                .into_iter()
                .map(|(_, m)| m)
                .collect::<Vec<_>>()
                .join(" ");
            invalid(state, lang, caller, id, side, message).await
        }
        Err(fail) => {
            let message = refusal_message(fail)?;
            show(
                state,
                lang,
                caller,
                id,
                side,
                StatusCode::CONFLICT,
                Some((false, message)),
            )
            .await
        }
    }
}

/// Forwards a sent request to another infrastructure (`to`, with an optional `reason`): the programme office.
pub(crate) async fn forward(
    State(state): State<AppState>,
    Path((code, id)): Path<(String, String)>,
    caller: Caller,
    form: FormData,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::UseOwnAccount)?;
    let id = crate::kit::params::path_id(&id)?;
    let (side, ..) = side_on(&state, &caller, id).await?;
    caller.check_csrf(Some(&form.value("csrf")))?;
    let t = Tr::new(lang);
    let user = caller.user_id().ok_or(WebError::Unauthorized)?;
    let result = app::requests::forward_request(
        state.store(),
        &state.auth().base_url,
        t,
        app::requests::MoveAsked {
            user,
            id,
            side,
            step: "forward",
            reason: &form.value("reason"),
        },
        &form.value("to"),
    )
    .await;
    answer_move(
        &state,
        lang,
        &caller,
        id,
        side,
        result.map(|_| ()),
        "forwarded",
    )
    .await
}

/// Checks, unchecks (`action` = check / uncheck) or waives (`action` = waive, with `reason`) an item.
pub(crate) async fn item(
    State(state): State<AppState>,
    Path((code, id, item)): Path<(String, String, String)>,
    caller: Caller,
    form: FormData,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::UseOwnAccount)?;
    let id = crate::kit::params::path_id(&id)?;
    let item = crate::kit::params::path_id(&item)?;
    let (side, ..) = side_on(&state, &caller, id).await?;
    caller.check_csrf(Some(&form.value("csrf")))?;
    let user = caller.user_id().ok_or(WebError::Unauthorized)?;
    let store = state.store();
    let result = match form.value("action").as_str() {
        "check" => store.set_item(id, item, user, side, true).await,
        "uncheck" => store.set_item(id, item, user, side, false).await,
        "waive" => {
            let reason = form.value("reason");
            if reason.chars().count() > MAX_MESSAGE {
                Err(RequestError::Rule(store::RequestRule::Access(
                    AccessError::ReasonRequired,
                )))
            } else {
                store.waive_item(id, item, user, side, &reason).await
            }
        }
        _ => return Err(WebError::BadBody("action".into())),
    };
    after_write(
        &state,
        lang,
        &caller,
        id,
        side,
        result,
        "item",
        &format!("item-{item}"),
    )
    .await
}

/// Adds a message or internal note.
pub(crate) async fn message(
    State(state): State<AppState>,
    Path((code, id)): Path<(String, String)>,
    caller: Caller,
    form: FormData,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::UseOwnAccount)?;
    let id = crate::kit::params::path_id(&id)?;
    let (side, ..) = side_on(&state, &caller, id).await?;
    caller.check_csrf(Some(&form.value("csrf")))?;
    let t = Tr::new(lang);
    let body = form.value("body");
    let problem = if body.is_empty() {
        Some(t.t("message-empty"))
    } else if body.chars().count() > MAX_MESSAGE {
        Some(t.t1("field-too-long", "max", MAX_MESSAGE))
    } else {
        None
    };
    if let Some(p) = problem {
        return invalid(&state, lang, &caller, id, side, p).await;
    }
    let d = state.store().request(id).await?.ok_or(WebError::NotFound)?;
    let internal = !form.value("internal").is_empty();
    let sv = Tr::new(Lang::Sv);
    let en = Tr::new(Lang::En);
    let base = &state.auth().base_url;
    let notice = Notice {
        audience: if side == Side::Company {
            Audience::ProviderManagers
        } else {
            Audience::CompanyMembers
        },
        subject: format!(
            "{} / {}",
            sv.t1("mail-message-subject", "title", &d.summary.title),
            en.t1("mail-message-subject", "title", &d.summary.title)
        ),
        body: format!(
            "{}\n{base}/sv/requests/{id}\n\n{}\n{base}/en/requests/{id}\n",
            sv.t("mail-message-body"),
            en.t("mail-message-body")
        ),
    };
    let user = caller.user_id().ok_or(WebError::Unauthorized)?;
    let result = state
        .store()
        .add_message(id, user, side, internal, &body, Some(&notice))
        .await
        .map(|_| ());
    after_write(
        &state,
        lang,
        &caller,
        id,
        side,
        result,
        "message",
        "conversation",
    )
    .await
}

/// Uploads a file (multipart: `csrf`, `file`).
pub(crate) async fn upload(
    State(state): State<AppState>,
    Path((code, id)): Path<(String, String)>,
    caller: Caller,
    request: axum::extract::Request,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::UseOwnAccount)?;
    let id = crate::kit::params::path_id(&id)?;
    // Who may upload is decided before the body is read.
    let (side, ..) = side_on(&state, &caller, id).await?;
    let mut multipart = {
        use axum::extract::FromRequest;
        Multipart::from_request(request, &())
            .await
            .map_err(|e| WebError::BadBody(e.body_text()))?
    };
    let (mut csrf, mut file) = (None, None);
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|e| WebError::BadBody(e.to_string()))?
    {
        match field.name().unwrap_or_default() {
            "csrf" => {
                csrf = Some(
                    field
                        .text()
                        .await
                        .map_err(|e| WebError::BadBody(e.to_string()))?,
                );
            }
            "file" => {
                let name = field.file_name().unwrap_or_default().to_owned();
                let bytes = field.bytes().await.map_err(|e| {
                    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                        WebError::TooLarge
                    } else {
                        WebError::BadBody(e.to_string())
                    }
                })?;
                file = Some((name, bytes));
            }
            _ => {}
        }
    }
    caller.check_csrf(csrf.as_deref())?;
    let t = Tr::new(lang);
    let (name, bytes) = file.unwrap_or_default();
    let checked = match attachment::check(&name, &bytes) {
        Ok(c) => c,
        Err(e) => {
            return invalid(&state, lang, &caller, id, side, attach_message(t, &e)).await;
        }
    };
    let user = caller.user_id().ok_or(WebError::Unauthorized)?;
    let result = state
        .store()
        .add_attachment(id, user, side, &checked, &bytes)
        .await
        .map(|_| ());
    after_write(&state, lang, &caller, id, side, result, "file", "files").await
}

/// A translated reason for a refused file.
pub(crate) fn attach_message(t: Tr, e: &AttachmentError) -> String {
    t.t(&format!("attach-error-{e:?}"))
}

/// Sends a file to a party of its request.
pub(crate) async fn download(
    State(state): State<AppState>,
    Path((code, id, file)): Path<(String, String, String)>,
    caller: Caller,
) -> Result<Response, WebError> {
    let _ = lang(&code)?;
    caller.require(&Action::UseOwnAccount)?;
    let id = crate::kit::params::path_id(&id)?;
    let file = crate::kit::params::path_id(&file)?;
    side_on(&state, &caller, id).await?;
    let (meta, bytes) = state
        .store()
        .attachment(id, file)
        .await?
        .ok_or(WebError::NotFound)?;
    let ascii: String = meta
        .name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_ ".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = meta
        .name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    let disposition = format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}");
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(meta.file_type.mime()),
    );
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; sandbox"),
    );
    Ok(res)
}

// ----- The programme office's checklist templates -----

/// One template in the admin list.
pub struct TemplateRow {
    /// Edit link.
    pub href: String,
    /// Title.
    pub title: Text,
    /// Stage.
    pub stage: String,
    /// Who checks it.
    pub party: String,
    /// Required.
    pub required: bool,
    /// Owner forms.
    pub owners: String,
    /// Source (written in Swedish).
    pub source: Text,
    /// Reviewed on.
    pub reviewed: String,
    /// Retired.
    pub retired: bool,
}

/// `/{lang}/admin/checklists`.
#[derive(Template)]
#[template(path = "way_in/checklists.html")]
pub struct ChecklistsPage {
    /// Frame.
    pub layout: Layout,
    /// The templates.
    pub rows: Vec<TemplateRow>,
}

/// The checklist templates.
pub(crate) async fn checklists(
    State(state): State<AppState>,
    Path(code): Path<String>,
    caller: Caller,
) -> Result<Html<String>, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::ManageChecklists)?;
    let t = Tr::new(lang);
    let rows = state
        .store()
        .checklist_templates()
        .await?
        .into_iter()
        .map(|s| {
            let x = s.template;
            TemplateRow {
                href: format!("/{}/admin/checklists/{}", lang.code(), x.key),
                title: Text::of(&x.title, lang),
                stage: t.t(&format!("stage-title-{}", x.stage)),
                party: t.t(&format!("party-{}", x.party)),
                required: x.required,
                owners: x
                    .owners
                    .iter()
                    .map(|o| t.t(&format!("ownership-{o}")))
                    .collect::<Vec<_>>()
                    .join(", "),
                source: Text::written(x.source, Lang::Sv, lang),
                reviewed: x.reviewed.to_string(),
                retired: s.retired,
            }
        })
        .collect();
    let mut layout = Layout::new(
        lang,
        &t.t("checklists-title"),
        "admin/checklists",
        Nav::WayIn,
        None,
    );
    layout.set_caller(&caller);
    render(&ChecklistsPage { layout, rows })
}

fn template_form(
    t: Tr,
    lang: Lang,
    csrf: String,
    action: String,
    x: Option<(&ChecklistTemplate, bool)>,
    form: Option<&FormData>,
    documents: &[Slug],
) -> FormView {
    let val = |n: &str, from: &dyn Fn(&ChecklistTemplate) -> String| match form {
        Some(f) => f.value(n),
        None => x.map(|(x, _)| from(x)).unwrap_or_default(),
    };
    let owners: Vec<String> = match form {
        Some(f) => f.all("owners"),
        None => x
            .map(|(x, _)| x.owners.iter().map(|o| o.as_str().to_owned()).collect())
            .unwrap_or_default(),
    };
    let flag = |n: &str, current: bool| match form {
        Some(f) => !f.value(n).is_empty(),
        None => current,
    };
    let select = |all: Vec<(String, String)>, current: String| -> Vec<Choice> {
        all.into_iter()
            .map(|(v, l)| Choice {
                selected: v == current,
                value: v,
                label: l,
            })
            .collect()
    };
    let stage = val("stage", &|x| x.stage.as_str().into());
    let party = val("party", &|x| x.party.as_str().into());
    let document = val("document", &|x| {
        x.document
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default()
    });
    let mut docs = vec![Choice {
        value: String::new(),
        label: t.t("checklist-no-document"),
        selected: document.is_empty(),
    }];
    docs.extend(documents.iter().map(|d| Choice {
        selected: document == d.as_str(),
        value: d.to_string(),
        label: t.t(&format!("document-{d}")),
    }));
    let text = |kind,
                n: &str,
                label: &str,
                l: &'static str,
                from: &dyn Fn(&ChecklistTemplate) -> String| {
        Field::new(kind, n, t.t(label))
            .value(val(n, from))
            .lang(l)
            .required()
    };
    let mut basics = Vec::new();
    if x.is_none() {
        basics.push(
            Field::new(FieldKind::Text, "key", t.t("checklist-key"))
                .value(val("key", &|x| x.key.to_string()))
                .hint(t.t("service-slug-hint"))
                .required()
                .maxlength(80),
        );
    }
    basics.extend([
        Field::new(FieldKind::Select, "stage", t.t("checklist-stage")).choices(select(
            Stage::ALL
                .iter()
                .map(|s| (s.as_str().into(), t.t(&format!("stage-title-{s}"))))
                .collect(),
            stage,
        )),
        Field::new(FieldKind::Select, "party", t.t("checklist-party")).choices(select(
            Party::ALL
                .iter()
                .map(|s| (s.as_str().into(), t.t(&format!("party-{s}"))))
                .collect(),
            party,
        )),
        Field::new(FieldKind::Checkboxes, "owners", t.t("checklist-owners")).choices(
            OwnerClass::ALL
                .iter()
                .map(|o| Choice {
                    selected: owners.iter().any(|x| x == o.as_str()),
                    value: o.as_str().into(),
                    label: t.t(&format!("ownership-{o}")),
                })
                .collect(),
        ),
        Field::new(FieldKind::Checkboxes, "flags", t.t("checklist-flags")).choices(vec![
            Choice {
                value: "required".into(),
                label: t.t("checklist-required-check"),
                selected: flag("flags-required", x.is_some_and(|(x, _)| x.required))
                    || form.is_some_and(|f| f.all("flags").iter().any(|v| v == "required")),
            },
            Choice {
                value: "retired".into(),
                label: t.t("checklist-retired-check"),
                selected: flag("flags-retired", x.is_some_and(|(_, r)| r))
                    || form.is_some_and(|f| f.all("flags").iter().any(|v| v == "retired")),
            },
        ]),
        text(FieldKind::Text, "source", "checklist-source", "sv", &|x| {
            x.source.clone()
        })
        .maxlength(300),
        Field::new(FieldKind::Url, "source_url", t.t("checklist-source-url"))
            .value(val("source_url", &|x| {
                x.source_url
                    .as_ref()
                    .map(|u| u.as_str().to_owned())
                    .unwrap_or_default()
            }))
            .maxlength(500),
        Field::new(FieldKind::Text, "reviewed", t.t("checklist-reviewed"))
            .value(val("reviewed", &|x| x.reviewed.to_string()))
            .hint(t.t("request-start-hint"))
            .required()
            .maxlength(10),
        Field::new(FieldKind::Select, "document", t.t("checklist-document")).choices(docs),
    ]);
    FormView {
        intro: vec![t.t("checklist-form-intro"), t.t("legal-not-advice")],
        action,
        csrf,
        sections: vec![
            Section {
                legend: None,
                fields: basics,
            },
            Section {
                legend: Some(t.t("edit-swedish")),
                fields: vec![
                    text(
                        FieldKind::Text,
                        "title_sv",
                        "checklist-title-field",
                        "sv",
                        &|x| x.title.sv.clone(),
                    )
                    .maxlength(300),
                    text(
                        FieldKind::Textarea,
                        "guidance_sv",
                        "checklist-guidance",
                        "sv",
                        &|x| x.guidance.sv.clone(),
                    )
                    .maxlength(5000),
                ],
            },
            Section {
                legend: Some(t.t("edit-english")),
                fields: vec![
                    text(
                        FieldKind::Text,
                        "title_en",
                        "checklist-title-field",
                        "en",
                        &|x| x.title.en.clone(),
                    )
                    .maxlength(300),
                    text(
                        FieldKind::Textarea,
                        "guidance_en",
                        "checklist-guidance",
                        "en",
                        &|x| x.guidance.en.clone(),
                    )
                    .maxlength(5000),
                ],
            },
        ],
        submit: t.t("service-save"),
        links: vec![Link {
            href: format!("/{}/admin/checklists", lang.code()),
            text: t.t("checklists-title"),
        }],
        form_error: None,
        notice: None,
    }
}

/// Reads the template form.
fn read_template(
    t: Tr,
    f: &FormData,
    key: Option<&Slug>,
    documents: &[Slug],
) -> Result<(ChecklistTemplate, bool), Vec<(String, String)>> {
    let mut errs = Vec::new();
    let mut req = |n: &str, max: usize| {
        let v = f.value(n);
        if v.is_empty() {
            errs.push((n.to_owned(), t.t("field-required")));
        } else if v.chars().count() > max {
            errs.push((n.to_owned(), t.t1("field-too-long", "max", max)));
        }
        v
    };
    let title = LangText::new(req("title_sv", 300), req("title_en", 300));
    let guidance = LangText::new(req("guidance_sv", 5000), req("guidance_en", 5000));
    let source = req("source", 300);
    let key = match key {
        Some(k) => Some(k.clone()),
        None => match Slug::parse(&f.value("key")) {
            Ok(k) => Some(k),
            Err(_) => {
                errs.push(("key".into(), t.t("error-slug")));
                None
            }
        },
    };
    let stage = Stage::parse(&f.value("stage"));
    if stage.is_none() {
        errs.push(("stage".into(), t.t("field-choose")));
    }
    let party = Party::parse(&f.value("party"));
    if party.is_none() {
        errs.push(("party".into(), t.t("field-choose")));
    }
    let owners: Vec<OwnerClass> = f
        .all("owners")
        .iter()
        .filter_map(|o| OwnerClass::parse(o))
        .collect();
    if owners.is_empty() {
        errs.push(("owners".into(), t.t("checklist-error-owners")));
    }
    let url = f.value("source_url");
    let source_url = if url.is_empty() {
        None
    } else {
        match WebUrl::parse(&url) {
            Ok(u) => Some(u),
            Err(_) => {
                errs.push(("source_url".into(), t.t("error-contact")));
                None
            }
        }
    };
    let reviewed = IsoDate::parse(&f.value("reviewed"));
    if reviewed.is_err() {
        errs.push(("reviewed".into(), t.t("request-error-date")));
    }
    let doc = f.value("document");
    let document = if doc.is_empty() {
        None
    } else {
        let d = Slug::parse(&doc).ok().filter(|d| documents.contains(d));
        if d.is_none() {
            errs.push(("document".into(), t.t("field-choose")));
        }
        d
    };
    let flags = f.all("flags");
    match (key, stage, party, reviewed) {
        (Some(key), Some(stage), Some(party), Ok(reviewed)) if errs.is_empty() => Ok((
            ChecklistTemplate {
                key,
                stage,
                owners,
                party,
                required: flags.iter().any(|v| v == "required"),
                title,
                guidance,
                source,
                source_url,
                reviewed,
                document,
            },
            flags.iter().any(|v| v == "retired"),
        )),
        _ => Err(errs),
    }
}

fn template_page(lang: Lang, caller: &Caller, title: &str, form: FormView) -> FormPage {
    let mut layout = Layout::new(lang, title, "admin/checklists", Nav::WayIn, None);
    layout.set_caller(caller);
    FormPage { layout, form }
}

/// The form of one template (`new` for a new one).
pub(crate) async fn template_edit_page(
    State(state): State<AppState>,
    Path((code, key)): Path<(String, String)>,
    caller: Caller,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::ManageChecklists)?;
    let t = Tr::new(lang);
    let docs = state.store().template_document_names().await?;
    let (csrf, cookie) = ensure_session(&state, &caller).await?;
    let action = format!("/{}/admin/checklists/{key}", lang.code());
    let (title, form) = if key == "new" {
        (
            t.t("checklist-new-title"),
            template_form(t, lang, csrf, action, None, None, &docs),
        )
    } else {
        let all = state.store().checklist_templates().await?;
        let x = all
            .iter()
            .find(|x| x.template.key.as_str() == key)
            .ok_or(WebError::NotFound)?;
        (
            t.t1("checklist-edit-title", "title", x.template.title.get(lang)),
            template_form(
                t,
                lang,
                csrf,
                action,
                Some((&x.template, x.retired)),
                None,
                &docs,
            ),
        )
    };
    Ok(respond(
        StatusCode::OK,
        render(&template_page(lang, &caller, &title, form))?,
        cookie,
    ))
}

/// Saves a template; requests that already have the item keep the text they were given.
pub(crate) async fn template_save(
    State(state): State<AppState>,
    Path((code, key)): Path<(String, String)>,
    caller: Caller,
    form: FormData,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::ManageChecklists)?;
    caller.check_csrf(Some(&form.value("csrf")))?;
    let t = Tr::new(lang);
    let docs = state.store().template_document_names().await?;
    let create = key == "new";
    let existing = if create {
        None
    } else {
        Some(Slug::parse(&key).map_err(|_| WebError::NotFound)?)
    };
    if let Some(k) = &existing
        && !state
            .store()
            .checklist_templates()
            .await?
            .iter()
            .any(|x| &x.template.key == k)
    {
        return Err(WebError::NotFound);
    }
    let action = format!("/{}/admin/checklists/{key}", lang.code());
    let title = t.t(if create {
        "checklist-new-title"
    } else {
        "checklists-title"
    });
    let refuse = |errs: Vec<(String, String)>| -> Result<Response, WebError> {
        let none: Option<(&ChecklistTemplate, bool)> = None;
        let mut view = template_form(
            t,
            lang,
            caller.csrf().unwrap_or_default().to_owned(),
            action.clone(),
            none,
            Some(&form),
            &docs,
        );
        if !create {
            view.sections[0].fields.retain(|f| f.name != "key");
        }
        for (f, m) in errs {
            view.set_error(&f, m);
        }
        Ok(respond(
            StatusCode::UNPROCESSABLE_ENTITY,
            render(&template_page(lang, &caller, &title, view))?,
            None,
        ))
    };
    let (x, retired) = match read_template(t, &form, existing.as_ref(), &docs) {
        Ok(v) => v,
        Err(e) => return refuse(e),
    };
    match state
        .store()
        .save_checklist_template(caller.user_id(), &x, retired, create)
        .await
    {
        Ok(()) => {
            Ok(Redirect::to(&format!("/{}/admin/checklists?saved=1", lang.code())).into_response())
        }
        Err(StoreError::Conflict(_)) => refuse(vec![("key".into(), t.t("error-slug-taken"))]),
        Err(e) => Err(e.into()),
    }
}
