//! `/{lang}/accessibility`: the accessibility statement (tillgänglighetsredogörelse) required of public digital
//! services in Sweden by the Act on accessibility to digital public services (2018:1937), with a form to report
//! a problem; admins read the reports at `/{lang}/admin/accessibility-reports`.
//!
//! The statement follows the model of Digg (Myndigheten för digital förvaltning, the supervisory authority),
//! itself based on the EU model (Commission Implementing Decision (EU) 2018/1523), in Digg's order: who stands
//! behind the site; how accessible it is (fully, partially or not compliant with WCAG 2.1 A and AA through
//! EN 301 549); what to do when part of it cannot be used, with the programme office's e-mail address and phone
//! number (the settings `office_email` and `office_phone`; a contact that is not set is left out) and a response
//! time; the report form; supervision, with a link to Digg's complaint page; the content that is not accessible,
//! each problem with the WCAG criteria it fails and its class; how the site was tested and the dates.
//!
//! What changes when the statement is reviewed is kept in one place, below: [`DATES`], [`RESPONSE_WORKING_DAYS`]
//! and [`PROBLEMS`] (their texts are the `a11y-problem-*` messages). The compliance status follows from
//! [`PROBLEMS`].

use crate::AppState;
use crate::kit::caller::Caller;
use crate::kit::error::WebError;
use crate::kit::forms::{Field, FieldKind, FormData, FormView, Section};
use crate::kit::page::{Layout, Link, Nav, lang, render};
use crate::kit::page::{ensure_session, message_response, respond};
use crate::kit::params::Params;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use domain::{Action, Email, Lang};
use i18n::Tr;

/// The longest accepted report.
const MAX_MESSAGE: usize = 5000;

// ----------------------------------------------------------------------------------------------------------
// What the programme office updates when it reviews the statement (and nowhere else).

/// The statement's dates, as YYYY-MM-DD. Update `assessed` and `updated` at each review.
pub const DATES: StatementDates = StatementDates {
    // The first version of the site, with this statement and its report form. Replace it with the day the
    // site went public if that was later.
    published: "2026-11-23",
    // The statement was first made.
    made: "2026-11-23",
    // The last assessment of compliance, by the method under "How we tested the website".
    assessed: "2026-12-06",
    // The last change of the statement.
    updated: "2026-12-06",
};

/// The programme office answers within this many working days (stated on the page).
pub const RESPONSE_WORKING_DAYS: u64 = 5;

/// The known accessibility problems. Remove an entry when its problem is fixed (and update [`DATES`]); each
/// entry's texts are the messages `a11y-problem-{key}` (what is wrong) and `a11y-problem-{key}-meanwhile`
/// (what the user can do meanwhile), in both languages.
pub const PROBLEMS: &[Problem] = &[Problem {
    key: "graph",
    criteria: &["1.1.1", "1.4.1", "2.1.1"],
    class: Class::MetThroughAlternative,
}];

/// The statement's dates (YYYY-MM-DD).
#[derive(Debug, Clone, Copy)]
pub struct StatementDates {
    /// When the site was published.
    pub published: &'static str,
    /// When the statement was first made.
    pub made: &'static str,
    /// When compliance was last assessed.
    pub assessed: &'static str,
    /// When the statement was last updated.
    pub updated: &'static str,
}

/// A known problem.
#[derive(Debug, Clone, Copy)]
pub struct Problem {
    /// Names its messages: `a11y-problem-{key}` and `a11y-problem-{key}-meanwhile`.
    pub key: &'static str,
    /// The WCAG 2.1 success criteria concerned.
    pub criteria: &'static [&'static str],
    /// How the law sees it.
    pub class: Class,
}

/// The classes of Digg's model, and content whose requirements an accessible alternative meets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// Bristande förenlighet med lagkraven: the site does not meet the criteria.
    NonCompliance,
    /// Oskäligt betungande anpassning (12 §): an exemption the office claims, with its reasons.
    DisproportionateBurden,
    /// Innehåll som inte omfattas av lagstiftningen (9 §).
    OutOfScope,
    /// Not a breach: the criteria are met through an accessible alternative on the same page.
    MetThroughAlternative,
}

impl Class {
    const ALL: [Class; 4] = [
        Class::NonCompliance,
        Class::DisproportionateBurden,
        Class::OutOfScope,
        Class::MetThroughAlternative,
    ];

    /// The heading of the class's part of the statement.
    fn heading(self) -> &'static str {
        match self {
            Class::NonCompliance => "a11y-h-noncompliance",
            Class::DisproportionateBurden => "a11y-h-burden",
            Class::OutOfScope => "a11y-h-outofscope",
            Class::MetThroughAlternative => "a11y-h-alternative",
        }
    }

    /// What the statement says when the class has no entry.
    fn none(self) -> &'static str {
        match self {
            Class::NonCompliance => "a11y-noncompliance-none",
            Class::DisproportionateBurden => "a11y-burden-none",
            Class::OutOfScope => "a11y-outofscope-none",
            Class::MetThroughAlternative => "",
        }
    }
}

/// Fully or partially compliant: partially while any problem is a breach or an exemption. (Not compliant would
/// mean that most of the site fails; the office would say so here.)
fn compliance_key(problems: &[Problem]) -> &'static str {
    let partial = problems.iter().any(|p| {
        matches!(
            p.class,
            Class::NonCompliance | Class::DisproportionateBurden
        )
    });
    if partial {
        "a11y-status-partial"
    } else {
        "a11y-status-full"
    }
}

/// The statement with the report form.
#[derive(Template)]
#[template(path = "site/accessibility.html")]
pub struct StatementPage {
    /// The frame.
    pub layout: Layout,
    /// Fully or partially compliant, in words.
    pub status: String,
    /// The programme office's e-mail address, when configured.
    pub email: Option<String>,
    /// The programme office's phone number as shown and as a `tel:` address, when configured.
    pub phone: Option<(String, String)>,
    /// How soon the office answers.
    pub response_time: String,
    /// The content that is not accessible, by class.
    pub groups: Vec<ProblemGroup>,
    /// The dates: made, assessed, updated, published.
    pub dates: Vec<String>,
    /// The report form.
    pub form: FormView,
}

/// One class of content that is not accessible.
pub struct ProblemGroup {
    /// The class's heading.
    pub heading: String,
    /// Its problems.
    pub items: Vec<ProblemView>,
    /// What the statement says when there is none (empty for a class left out then).
    pub none: String,
}

/// One problem as the page shows it.
pub struct ProblemView {
    /// What is wrong.
    pub text: String,
    /// "WCAG 2.1 success criteria: 1.3.1, 2.4.3."
    pub criteria: String,
    /// What the user can do meanwhile.
    pub meanwhile: String,
}

/// The admins' list of reports.
#[derive(Template)]
#[template(path = "site/accessibility-reports.html")]
pub struct ReportsPage {
    /// The frame.
    pub layout: Layout,
    /// (date, page, message, reply-to, language).
    pub rows: Vec<(String, String, String, String, String)>,
}

fn report_form(t: Tr, lang: Lang, csrf: String, page: &str, form: Option<&FormData>) -> FormView {
    let get = |name: &str| form.map(|f| f.value(name)).unwrap_or_default();
    FormView {
        intro: vec![t.t("a11y-report-intro")],
        action: format!("/{}/accessibility/report", lang.code()),
        csrf,
        sections: vec![Section {
            legend: None,
            fields: vec![
                Field::new(FieldKind::Text, "page", t.t("a11y-report-page"))
                    .value(if form.is_some() {
                        get("page")
                    } else {
                        page.to_owned()
                    })
                    .hint(t.t("a11y-report-page-hint"))
                    .maxlength(500),
                Field::new(FieldKind::Textarea, "message", t.t("a11y-report-message"))
                    .value(get("message"))
                    .required()
                    .maxlength(MAX_MESSAGE),
                Field::new(FieldKind::Email, "reply_to", t.t("a11y-report-reply"))
                    .value(get("reply_to"))
                    .hint(t.t("a11y-report-reply-hint"))
                    .autocomplete("email")
                    .maxlength(254),
            ],
        }],
        submit: t.t("a11y-report-submit"),
        links: vec![],
        form_error: None,
        notice: None,
    }
}

/// A date of [`DATES`] in running text: "23 November 2026" (the sentence adds "den"/"on").
fn long_date(t: Tr, iso: &str) -> String {
    match domain::IsoDate::parse(iso) {
        Ok(d) => t.t2(
            "date-long",
            ("day", &d.day().to_string()),
            (
                "month",
                &format!("{} {}", t.t(&format!("month-{}", d.month())), d.year()),
            ),
        ),
        Err(_) => iso.to_owned(),
    }
}

/// "1.3.1, 2.4.3 och 3.1.2": a list in running text.
fn and_list(t: Tr, items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} {} {last}", init.join(", "), t.t("a11y-and")),
    }
}

/// A phone number as configured, and its `tel:` address (digits and a leading +).
fn tel(phone: &str) -> (String, String) {
    let href: String = phone
        .chars()
        .enumerate()
        .filter(|(i, c)| c.is_ascii_digit() || (*i == 0 && *c == '+'))
        .map(|(_, c)| c)
        .collect();
    (phone.to_owned(), format!("tel:{href}"))
}

/// The problems of [`PROBLEMS`] grouped by class, in Digg's order.
fn groups(t: Tr, problems: &[Problem]) -> Vec<ProblemGroup> {
    // Texts that name the site's own links and buttons take them from their own messages.
    let skip = t.t("atlas-skip-to-table");
    let args = |key: &str| i18n::translate(t.lang, key, &[("skip", skip.as_str().into())]);
    Class::ALL
        .into_iter()
        .map(|class| ProblemGroup {
            heading: t.t(class.heading()),
            items: problems
                .iter()
                .filter(|p| p.class == class)
                .map(|p| ProblemView {
                    text: args(&format!("a11y-problem-{}", p.key)),
                    criteria: t.t1("a11y-criteria", "criteria", and_list(t, p.criteria)),
                    meanwhile: args(&format!("a11y-problem-{}-meanwhile", p.key)),
                })
                .collect(),
            none: if class.none().is_empty() {
                String::new()
            } else {
                t.t(class.none())
            },
        })
        .filter(|g| !g.items.is_empty() || !g.none.is_empty())
        .collect()
}

fn statement_page(state: &AppState, lang: Lang, caller: &Caller, form: FormView) -> StatementPage {
    let t = Tr::new(lang);
    let mut layout = Layout::new(lang, &t.t("a11y-title"), "accessibility", Nav::None, None);
    layout.set_caller(caller);
    let auth = state.auth();
    let date = |key: &str, iso: &str| t.t1(key, "date", long_date(t, iso));
    StatementPage {
        layout,
        status: t.t(compliance_key(PROBLEMS)),
        email: auth.office_email.clone(),
        phone: auth.office_phone.as_deref().map(tel),
        response_time: t.n("a11y-response-time", "days", RESPONSE_WORKING_DAYS),
        groups: groups(t, PROBLEMS),
        dates: vec![
            date("a11y-date-made", DATES.made),
            date("a11y-date-assessed", DATES.assessed),
            date("a11y-date-updated", DATES.updated),
            date("a11y-date-published", DATES.published),
        ],
        form,
    }
}

/// The statement page.
pub(crate) async fn page(
    State(state): State<AppState>,
    Path(code): Path<String>,
    caller: Caller,
    params: Params,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    let t = Tr::new(lang);
    let (csrf, cookie) = ensure_session(&state, &caller).await?;
    let page = params.text("page", 500)?.unwrap_or_default();
    let view = statement_page(
        &state,
        lang,
        &caller,
        report_form(t, lang, csrf, &page, None),
    );
    Ok(respond(StatusCode::OK, render(&view)?, cookie))
}

/// Receives a report: validated field by field, stored, and sent on to the programme office when an address
/// is configured.
pub(crate) async fn report(
    State(state): State<AppState>,
    Path(code): Path<String>,
    caller: Caller,
    form: FormData,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    let t = Tr::new(lang);
    caller.check_csrf(form.0.raw("csrf"))?;
    let csrf = caller.csrf().unwrap_or_default().to_owned();
    let mut view = report_form(t, lang, csrf, "", Some(&form));
    let message = form.value("message");
    let page = form.value("page");
    let reply = form.value("reply_to");
    if message.is_empty() {
        view.set_error("message", t.t("a11y-report-message-missing"));
    } else if message.chars().count() > MAX_MESSAGE {
        view.set_error("message", t.t1("field-too-long", "max", MAX_MESSAGE));
    }
    if page.chars().count() > 500 {
        view.set_error("page", t.t1("field-too-long", "max", 500));
    }
    let reply_to = if reply.is_empty() {
        None
    } else {
        match Email::parse(&reply) {
            Ok(e) => Some(e),
            Err(_) => {
                view.set_error("reply_to", t.t("email-invalid"));
                None
            }
        }
    };
    if view.has_errors() {
        let page = statement_page(&state, lang, &caller, view);
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response());
    }
    let office = state.auth().office_email.clone();
    let body = t.t2("a11y-mail-body", ("page", &page), ("message", &message));
    let subject = t.t("a11y-mail-subject");
    state
        .store()
        .report_accessibility_problem(
            &page,
            &message,
            reply_to.as_ref().map(Email::as_str),
            lang.code(),
            office
                .as_deref()
                .map(|to| (to, subject.as_str(), body.as_str())),
        )
        .await?;
    Ok(message_response(
        lang,
        &caller,
        StatusCode::OK,
        &t.t("a11y-thanks-title"),
        vec![t.t("a11y-thanks")],
        vec![Link {
            href: format!("/{}/accessibility", lang.code()),
            text: t.t("a11y-back"),
        }],
    ))
}

/// The reports, for admins.
pub(crate) async fn reports(
    State(state): State<AppState>,
    Path(code): Path<String>,
    caller: Caller,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::ManageUsers)?;
    let t = Tr::new(lang);
    let list = state.store().accessibility_reports(200).await?;
    let mut layout = Layout::new(
        lang,
        &t.t("a11y-reports-title"),
        "admin/accessibility-reports",
        Nav::None,
        None,
    );
    layout.set_caller(&caller);
    let rows = list
        .into_iter()
        .map(|r| {
            (
                crate::kit::page::date(r.created_at),
                r.page,
                r.message,
                r.reply_to.unwrap_or_default(),
                r.lang,
            )
        })
        .collect();
    Ok(render(&ReportsPage { layout, rows })?.into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_has_its_texts_in_both_languages() {
        for lang in Lang::ALL {
            for p in PROBLEMS {
                for key in [
                    format!("a11y-problem-{}", p.key),
                    format!("a11y-problem-{}-meanwhile", p.key),
                ] {
                    assert!(
                        i18n::try_translate(lang, &key).is_some(),
                        "{key} ({lang:?})"
                    );
                }
                assert!(!p.criteria.is_empty(), "{}", p.key);
                for c in p.criteria {
                    let parts: Vec<&str> = c.split('.').collect();
                    assert!(
                        parts.len() == 3 && parts.iter().all(|n| n.parse::<u8>().is_ok()),
                        "{c} is not a WCAG success criterion number"
                    );
                }
            }
            for class in Class::ALL {
                assert!(i18n::try_translate(lang, class.heading()).is_some());
                if !class.none().is_empty() {
                    assert!(i18n::try_translate(lang, class.none()).is_some());
                }
            }
        }
    }

    #[test]
    fn the_dates_are_real_and_in_order() {
        let d = |s: &str| domain::IsoDate::parse(s).expect(s).to_string();
        assert!(d(DATES.made) <= d(DATES.assessed));
        assert!(d(DATES.assessed) <= d(DATES.updated));
        assert!(d(DATES.published) <= d(DATES.updated));
        assert_eq!(
            long_date(Tr::new(Lang::Sv), "2026-12-03"),
            "3 december 2026"
        );
        assert_eq!(
            long_date(Tr::new(Lang::En), "2026-12-03"),
            "3 December 2026"
        );
    }

    #[test]
    fn the_status_follows_the_problems() {
        let breach = Problem {
            key: "x",
            criteria: &["1.1.1"],
            class: Class::NonCompliance,
        };
        let alternative = Problem {
            class: Class::MetThroughAlternative,
            ..breach
        };
        assert_eq!(
            compliance_key(&[breach, alternative]),
            "a11y-status-partial"
        );
        assert_eq!(compliance_key(&[alternative]), "a11y-status-full");
        assert_eq!(compliance_key(&[]), "a11y-status-full");
    }

    #[test]
    fn lists_and_phone_numbers_read_right() {
        let sv = Tr::new(Lang::Sv);
        assert_eq!(and_list(sv, &["1.3.1"]), "1.3.1");
        assert_eq!(
            and_list(sv, &["1.3.1", "2.4.3", "3.1.2"]),
            "1.3.1, 2.4.3 och 3.1.2"
        );
        assert_eq!(
            and_list(Tr::new(Lang::En), &["1.3.1", "2.4.3"]),
            "1.3.1 and 2.4.3"
        );
        assert_eq!(tel("08-123 456 00").1, "tel:0812345600");
        assert_eq!(tel("+46 8 123 456 00").1, "tel:+46812345600");
    }
}
