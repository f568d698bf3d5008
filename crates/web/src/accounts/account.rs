//! Signing up, in and out; e-mail verification, password reset and invitations by single-use tokens; the
//! account page with API tokens, data export and erasure.

use crate::AppState;
use crate::kit::caller::{Caller, client_ip, session_cookie};
use crate::kit::error::WebError;
use crate::kit::forms::{Choice, Field, FieldKind, FormData, FormView, Section};
use crate::kit::page::{Layout, Link, Nav, lang, render};
pub(crate) use crate::kit::page::{
    date, ensure_session, form_page, message, message_response, respond,
};
use crate::kit::params::Params;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use domain::password::{self, PasswordError};
use domain::{Action, Email, Lang, Role, Slug};
use i18n::Tr;
use store::secrets::{dummy_hash, hash_password, verify_password};
use store::{AccountOrigin, StoreError, TokenPurpose, now_millis};

const VERIFY_TTL_MS: i64 = 24 * 60 * 60 * 1000;
const RESET_TTL_MS: i64 = 60 * 60 * 1000;
pub(crate) const INVITE_TTL_MS: i64 = 7 * 24 * 60 * 60 * 1000;

fn password_message(t: Tr, e: PasswordError) -> String {
    match e {
        PasswordError::TooShort { min } => t.t1("password-too-short", "min", min),
        PasswordError::TooLong { max } => t.t1("password-too-long", "max", max),
        PasswordError::Common => t.t("password-common"),
        PasswordError::ContainsEmail => t.t("password-contains-email"),
        PasswordError::Weak(w) => {
            use domain::password::Weakness;
            t.t(match w {
                Weakness::Repeated => "password-weak-repeated",
                Weakness::Sequence => "password-weak-sequence",
                Weakness::KeyboardPattern => "password-weak-keyboard",
                Weakness::CommonWords => "password-weak-words",
                Weakness::Dates => "password-weak-dates",
                Weakness::Predictable => "password-weak-predictable",
            })
        }
    }
}

/// Checks a password against a stored hash (or the dummy hash, to take as long) on a blocking thread: argon2 takes
/// tens of milliseconds of CPU, which must not hold up the threads that answer other requests.
async fn verify_off_runtime(password: String, hash: Option<String>) -> bool {
    tokio::task::spawn_blocking(move || {
        verify_password(&password, hash.as_deref().unwrap_or(dummy_hash()))
    })
    .await
    .unwrap_or(false)
}

/// Hashes a new password on a blocking thread (see [`verify_off_runtime`]).
async fn hash_off_runtime(password: String) -> Result<String, WebError> {
    tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .map_err(|e| WebError::Internal(format!("hashing task: {e}")))?
        .map_err(WebError::Internal)
}

/// Where a person lands after signing in when no page asked for them: where their work is. The office on its
/// inbox of requests, a manager on the requests waiting for an answer, a company on its requests, a property
/// owner on the premises, a reporter on the follow-up, a researcher on the cohort questions, data-access staff on the applications, an editor on their actor's page; anyone else on the
/// account page.
pub(crate) fn landing(grants: &[domain::Grant], lang: Lang) -> String {
    let c = lang.code();
    let of = |r: Role| grants.iter().find(|g| g.role == r);
    if of(Role::Admin).is_some() {
        format!("/{c}/admin/requests")
    } else if of(Role::Manager).is_some() {
        format!("/{c}/requests?status=submitted")
    } else if of(Role::Company).is_some() {
        format!("/{c}/requests")
    } else if of(Role::Owner).is_some() {
        format!("/{c}/premises")
    } else if of(Role::Reporter).is_some() {
        format!("/{c}/follow-up")
    } else if of(Role::Researcher).is_some() {
        format!("/{c}/health-data/cohorts")
    } else if of(Role::DataAccess).is_some() {
        format!("/{c}/health-data/applications")
    } else if let Some(slug) = of(Role::Editor).and_then(|g| g.actor.as_ref()) {
        format!("/{c}/actors/{slug}")
    } else {
        format!("/{c}/account")
    }
}

/// A `next` target that stays on this site, or the account page when it would leave it.
pub(crate) fn safe_next(next: &str, lang: Lang) -> String {
    crate::kit::local_path(next).unwrap_or_else(|| format!("/{}/account", lang.code()))
}

pub(crate) fn link(state: &AppState, path: &str) -> String {
    format!("{}{path}", state.auth().base_url.trim_end_matches('/'))
}

// ---------------------------------------------------------------------------------------------------------
// Sign in and out

fn login_form(t: Tr, lang: Lang, csrf: String, email: &str, next: &str, sso: bool) -> FormView {
    let mut links = vec![
        Link {
            href: format!("/{}/password/forgot", lang.code()),
            text: t.t("login-forgot"),
        },
        Link {
            href: format!("/{}/signup", lang.code()),
            text: t.t("login-signup"),
        },
    ];
    if sso {
        let query = if next.is_empty() {
            String::new()
        } else {
            format!(
                "?{}",
                serde_urlencoded::to_string([("next", next)]).unwrap_or_default()
            )
        };
        links.insert(
            0,
            Link {
                href: format!("/{}/login/sso{query}", lang.code()),
                text: t.t("login-sso"),
            },
        );
    }
    FormView {
        intro: vec![],
        action: format!("/{}/login", lang.code()),
        csrf,
        sections: vec![Section {
            legend: None,
            fields: vec![
                Field::new(FieldKind::Email, "email", t.t("field-email"))
                    .value(email)
                    .required()
                    .autocomplete("username"),
                Field::new(FieldKind::Password, "password", t.t("field-password"))
                    .required()
                    .autocomplete("current-password"),
                Field::new(FieldKind::Hidden, "next", String::new()).value(next),
            ],
        }],
        submit: t.t("login-submit"),
        links,
        form_error: None,
        notice: None,
    }
}

/// The sign-in page.
pub(crate) async fn login_page(
    State(state): State<AppState>,
    Path(code): Path<String>,
    caller: Caller,
    params: Params,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    let t = Tr::new(lang);
    let (csrf, cookie) = ensure_session(&state, &caller).await?;
    let next = params.text("next", 500)?.unwrap_or_default();
    let page = form_page(
        lang,
        &caller,
        &t.t("login-title"),
        "login",
        login_form(t, lang, csrf, "", &next, state.oidc().is_some()),
    );
    Ok(respond(StatusCode::OK, render(&page)?, cookie))
}

/// Signs in: throttled per IP, locked per account after repeated failures, new session id on success.
pub(crate) async fn login(
    State(state): State<AppState>,
    Path(code): Path<String>,
    caller: Caller,
    headers: axum::http::HeaderMap,
    ext: axum::http::Extensions,
    form: FormData,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    let t = Tr::new(lang);
    caller.check_csrf(form.0.raw("csrf"))?;
    let email = form.value("email");
    let pw = form.raw("password");
    let next = form.value("next");
    let ip = client_ip(state.auth(), &headers, &ext);
    let settings = state.auth();
    let store = state.store();
    let now = now_millis();
    let fail = |message: String, status: StatusCode| -> Result<Response, WebError> {
        let csrf = caller.csrf().unwrap_or_default().to_owned();
        let mut f = login_form(t, lang, csrf, &email, &next, state.oidc().is_some());
        f.form_error = Some(message);
        let page = form_page(lang, &caller, &t.t("login-title"), "login", f);
        Ok(respond(status, render(&page)?, None))
    };
    let attempt = async |success: bool| {
        store
            .record_login_attempt(
                &email,
                &ip,
                success,
                settings.lock_after_failures,
                settings.lock_duration_ms,
            )
            .await
    };
    let locked_message = |until: i64| {
        t.n(
            "login-locked",
            "minutes",
            ((until - now + 59_999).max(60_000) / 60_000).unsigned_abs(),
        )
    };

    let window = settings.throttle_window_ms;
    if store
        .failed_logins_since(None, Some(&ip), now - window)
        .await?
        >= settings.ip_failure_limit
    {
        let minutes = (window / 60_000).max(1);
        return fail(
            t.n("login-throttled", "minutes", minutes.unsigned_abs()),
            StatusCode::TOO_MANY_REQUESTS,
        );
    }
    let user = store
        .user_by_email(&email)
        .await?
        .filter(|u| u.erased_at.is_none());
    if let Some(until) = user
        .as_ref()
        .and_then(|u| u.locked_until)
        .filter(|until| *until > now)
    {
        // Answer as slowly as a real check, and count the attempt.
        let _ = verify_off_runtime(pw.clone(), None).await;
        let until = attempt(false).await?.unwrap_or(until);
        return fail(locked_message(until), StatusCode::TOO_MANY_REQUESTS);
    }
    let hash = user.as_ref().and_then(|u| u.password_hash.clone());
    let ok = verify_off_runtime(pw.clone(), hash.clone()).await && hash.is_some();
    let Some(user) = user.filter(|_| ok) else {
        let message = match attempt(false).await? {
            Some(until) => locked_message(until),
            None => t.t("login-failed"),
        };
        return fail(message, StatusCode::UNAUTHORIZED);
    };
    if user.deactivated_at.is_some() {
        return fail(t.t("login-deactivated"), StatusCode::FORBIDDEN);
    }
    if user.email_verified_at.is_none() {
        send_verification(&state, lang, user.id, &user.email, &user.display_name).await?;
        return fail(t.t("login-unverified"), StatusCode::FORBIDDEN);
    }
    attempt(true).await?;
    if let Some((old, _)) = &caller.session {
        store.delete_session(old).await?;
    }
    let (token, _) = store.create_session(Some(user.id)).await?;
    let target = if next.trim().is_empty() {
        landing(&store.grants(user.id).await?, lang)
    } else {
        safe_next(&next, lang)
    };
    let mut res = Redirect::to(&target).into_response();
    if let Ok(v) = HeaderValue::from_str(&session_cookie(settings, &token)) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(res)
}

/// Signs out: the session is deleted on the server and the cookie cleared.
pub(crate) async fn logout(
    State(state): State<AppState>,
    Path(code): Path<String>,
    caller: Caller,
    form: FormData,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.check_csrf(form.0.raw("csrf"))?;
    if let Some((token, _)) = &caller.session {
        state.store().delete_session(token).await?;
    }
    let mut res = Redirect::to(&format!("/{}/", lang.code())).into_response();
    if let Ok(v) = HeaderValue::from_str(&session_cookie(state.auth(), "")) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(res)
}

// ---------------------------------------------------------------------------------------------------------
// Sign up and verify

fn signup_form(
    t: Tr,
    lang: Lang,
    csrf: String,
    form: Option<&FormData>,
    company: Vec<Field>,
) -> FormView {
    let v = |n: &str| form.map(|f| f.value(n)).unwrap_or_default();
    FormView {
        intro: vec![t.t("signup-intro")],
        action: format!("/{}/signup", lang.code()),
        csrf,
        sections: vec![
            Section {
                legend: None,
                fields: vec![
                    Field::new(FieldKind::Text, "display_name", t.t("field-name"))
                        .value(v("display_name"))
                        .required()
                        .autocomplete("name")
                        .maxlength(200),
                    Field::new(FieldKind::Email, "email", t.t("field-email"))
                        .value(v("email"))
                        .required()
                        .autocomplete("email")
                        .maxlength(254),
                    Field::new(FieldKind::Password, "password", t.t("field-new-password"))
                        .required()
                        .autocomplete("new-password")
                        .hint(t.t("password-hint")),
                    Field::new(
                        FieldKind::Password,
                        "password_confirm",
                        t.t("field-password-confirm"),
                    )
                    .required()
                    .autocomplete("new-password"),
                ],
            },
            Section {
                legend: Some(t.t("signup-company-legend")),
                fields: company,
            },
        ],
        submit: t.t("signup-submit"),
        links: vec![Link {
            href: format!("/{}/login", lang.code()),
            text: t.t("signup-have-account"),
        }],
        form_error: None,
        notice: None,
    }
}

/// Validates a new password and its confirmation into the form's field errors.
fn check_new_password(t: Tr, f: &mut FormView, pw: &str, confirm: &str, email: &str) {
    if let Err(e) = password::check(pw, email) {
        f.set_error("password", password_message(t, e));
    } else if pw != confirm {
        f.set_error("password_confirm", t.t("password-mismatch"));
    }
}

/// The sign-up page.
pub(crate) async fn signup_page(
    State(state): State<AppState>,
    Path(code): Path<String>,
    caller: Caller,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    let t = Tr::new(lang);
    let (csrf, cookie) = ensure_session(&state, &caller).await?;
    let page = form_page(
        lang,
        &caller,
        &t.t("signup-title"),
        "signup",
        signup_form(
            t,
            lang,
            csrf,
            None,
            super::company::company_fields(&state, t, lang, None).await?,
        ),
    );
    Ok(respond(StatusCode::OK, render(&page)?, cookie))
}

async fn send_verification(
    state: &AppState,
    lang: Lang,
    user_id: i64,
    email: &str,
    name: &str,
) -> Result<(), WebError> {
    let t = Tr::new(lang);
    let token = state
        .store()
        .create_one_time_token(user_id, TokenPurpose::VerifyEmail, VERIFY_TTL_MS)
        .await?;
    let url = link(state, &format!("/{}/verify?token={token}", lang.code()));
    let body = t.t2("mail-verify-body", ("name", name), ("link", &url));
    state
        .store()
        .queue_mail(email, &t.t("mail-verify-subject"), &body)
        .await?;
    Ok(())
}

/// Creates an unverified account and sends the verification link. An address already in use gets a notice by
/// e-mail instead, and the page says the same either way (no account enumeration).
pub(crate) async fn signup(
    State(state): State<AppState>,
    Path(code): Path<String>,
    caller: Caller,
    headers: axum::http::HeaderMap,
    ext: axum::http::Extensions,
    form: FormData,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    let t = Tr::new(lang);
    caller.check_csrf(form.0.raw("csrf"))?;
    let company_fields = super::company::company_fields(&state, t, lang, Some(&form)).await?;
    let mut f = signup_form(
        t,
        lang,
        caller.csrf().unwrap_or_default().to_owned(),
        Some(&form),
        company_fields.clone(),
    );
    let name = form.value("display_name");
    if name.is_empty() {
        f.set_error("display_name", t.t("field-required"));
    } else if name.chars().count() > 200 {
        f.set_error("display_name", t.t1("field-too-long", "max", 200));
    }
    let email = Email::parse(&form.value("email"));
    if email.is_err() {
        f.set_error("email", t.t("email-invalid"));
    }
    check_new_password(
        t,
        &mut f,
        &form.raw("password"),
        &form.raw("password_confirm"),
        &form.value("email"),
    );
    // The company, when the person says theirs is not in the atlas: kept until the address is confirmed.
    let company = match super::company::read_company(&state, t, &form, true).await? {
        Ok(c) => c,
        Err(errs) => {
            for (name, m) in errs {
                f.set_error(&name, m);
            }
            None
        }
    };
    let Ok(email) = email
        .map_err(|_| ())
        .and_then(|e| if f.has_errors() { Err(()) } else { Ok(e) })
    else {
        let page = form_page(lang, &caller, &t.t("signup-title"), "signup", f);
        return Ok(respond(
            StatusCode::UNPROCESSABLE_ENTITY,
            render(&page)?,
            None,
        ));
    };
    let again = |csrf| {
        (
            t.t("signup-title"),
            "signup",
            signup_form(t, lang, csrf, Some(&form), company_fields.clone()),
        )
    };
    if let Some(refused) = mail_limit(
        &state,
        lang,
        &caller,
        &headers,
        &ext,
        "verify",
        email.as_str(),
        again,
    )
    .await?
    {
        return Ok(refused);
    }
    let hash = hash_off_runtime(form.raw("password")).await?;
    match state
        .store()
        .create_user(&email, &name, Some(&hash), false, AccountOrigin::SignUp)
        .await
    {
        Ok(id) => {
            if let Some(company) = &company {
                state.store().keep_registration(id, company).await?;
            }
            send_verification(&state, lang, id, email.as_str(), &name).await?;
        }
        Err(StoreError::Conflict(_)) => {
            let body = t.t1(
                "mail-signup-exists-body",
                "link",
                link(&state, &format!("/{}/password/forgot", lang.code())),
            );
            state
                .store()
                .queue_mail(
                    &email.as_str().to_lowercase(),
                    &t.t("mail-signup-exists-subject"),
                    &body,
                )
                .await?;
        }
        Err(e) => return Err(e.into()),
    }
    let page = message(
        lang,
        &caller,
        &t.t("signup-sent-title"),
        vec![t.t1("signup-sent", "email", email.as_str())],
        vec![],
    );
    Ok(respond(StatusCode::OK, render(&page)?, None))
}

fn token_form(t: Tr, lang: Lang, which: TokenPage, csrf: String, token: &str) -> FormView {
    let (_, intro, submit) = which.keys();
    let (intro, submit, path) = (t.t(intro), t.t(submit), which.path());
    let with_password = !matches!(which, TokenPage::Verify);
    let mut fields = vec![Field::new(FieldKind::Hidden, "token", String::new()).value(token)];
    if with_password {
        fields.push(
            Field::new(FieldKind::Password, "password", t.t("field-new-password"))
                .required()
                .autocomplete("new-password")
                .hint(t.t("password-hint")),
        );
        fields.push(
            Field::new(
                FieldKind::Password,
                "password_confirm",
                t.t("field-password-confirm"),
            )
            .required()
            .autocomplete("new-password"),
        );
    }
    FormView {
        intro: vec![intro],
        action: format!("/{}/{path}", lang.code()),
        csrf,
        sections: vec![Section {
            legend: None,
            fields,
        }],
        submit,
        links: vec![],
        form_error: None,
        notice: None,
    }
}

fn expired_link(lang: Lang, caller: &Caller) -> Result<Response, WebError> {
    let t = Tr::new(lang);
    let page = message(
        lang,
        caller,
        &t.t("link-expired-title"),
        vec![t.t("link-expired")],
        vec![Link {
            href: format!("/{}/password/forgot", lang.code()),
            text: t.t("login-forgot"),
        }],
    );
    Ok(respond(StatusCode::GONE, render(&page)?, None))
}

/// Which single-use link a page handles.
#[derive(Clone, Copy)]
enum TokenPage {
    Verify,
    Reset,
    Invitation,
}

impl TokenPage {
    fn purpose(self) -> TokenPurpose {
        match self {
            TokenPage::Verify => TokenPurpose::VerifyEmail,
            TokenPage::Reset => TokenPurpose::ResetPassword,
            TokenPage::Invitation => TokenPurpose::Invitation,
        }
    }
    fn path(self) -> &'static str {
        match self {
            TokenPage::Verify => "verify",
            TokenPage::Reset => "password/reset",
            TokenPage::Invitation => "invitation",
        }
    }
    fn keys(self) -> (&'static str, &'static str, &'static str) {
        match self {
            TokenPage::Verify => ("verify-title", "verify-intro", "verify-submit"),
            TokenPage::Reset => ("reset-title", "reset-intro", "reset-submit"),
            TokenPage::Invitation => ("invitation-title", "invitation-intro", "invitation-submit"),
        }
    }
}

async fn token_page(
    state: AppState,
    code: String,
    caller: Caller,
    params: Params,
    which: TokenPage,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    let t = Tr::new(lang);
    let token = params.text("token", 200)?.unwrap_or_default();
    if state
        .store()
        .peek_one_time_token(&token, which.purpose())
        .await?
        .is_none()
    {
        return expired_link(lang, &caller);
    }
    let (csrf, cookie) = ensure_session(&state, &caller).await?;
    let (title, _, _) = which.keys();
    let form = token_form(t, lang, which, csrf, &token);
    let page = form_page(lang, &caller, &t.t(title), which.path(), form);
    Ok(respond(StatusCode::OK, render(&page)?, cookie))
}

async fn token_submit(
    state: AppState,
    code: String,
    caller: Caller,
    form: FormData,
    which: TokenPage,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    let t = Tr::new(lang);
    caller.check_csrf(form.0.raw("csrf"))?;
    let token = form.value("token");
    let store = state.store();
    let Some(user_id) = store.peek_one_time_token(&token, which.purpose()).await? else {
        return expired_link(lang, &caller);
    };
    let user = store.user(user_id).await?.ok_or(WebError::NotFound)?;
    if !matches!(which, TokenPage::Verify) {
        let (title, _, _) = which.keys();
        let mut f = token_form(
            t,
            lang,
            which,
            caller.csrf().unwrap_or_default().to_owned(),
            &token,
        );
        check_new_password(
            t,
            &mut f,
            &form.raw("password"),
            &form.raw("password_confirm"),
            &user.email,
        );
        if f.has_errors() {
            let page = form_page(lang, &caller, &t.t(title), which.path(), f);
            return Ok(respond(
                StatusCode::UNPROCESSABLE_ENTITY,
                render(&page)?,
                None,
            ));
        }
    }
    if matches!(which, TokenPage::Verify) {
        if store
            .consume_one_time_token(&token, which.purpose())
            .await?
            .is_none()
        {
            return expired_link(lang, &caller);
        }
    } else {
        // The link, every other password link of the account, its sessions and its API tokens end together
        // with the new password in one transaction.
        let hash = hash_off_runtime(form.raw("password")).await?;
        if store
            .complete_password_link(&token, which.purpose(), &hash)
            .await?
            .is_none()
        {
            return expired_link(lang, &caller);
        }
    }
    // Following any of these links proves the address is the person's.
    store.mark_email_verified(user_id).await?;
    let mut paragraphs = vec![t.t(&format!("token-done-{}", which.keys().0))];
    // A company typed at sign-up is registered now that the address is confirmed.
    match store.complete_registration(user_id).await? {
        None => {}
        Some(Ok(slug)) => {
            let name = store
                .actor(&slug)
                .await?
                .map(|a| a.name.get(lang).to_owned())
                .unwrap_or_default();
            paragraphs.push(t.t1("company-registered", "name", name));
        }
        Some(Err(rule)) => {
            paragraphs.push(t.t1(
                "company-registration-failed",
                "reason",
                super::company::registration_message(&state, t, &rule).await?,
            ));
        }
    }
    let page = message(
        lang,
        &caller,
        &t.t("token-done-title"),
        paragraphs,
        vec![Link {
            href: format!("/{}/login", lang.code()),
            text: t.t("login-title"),
        }],
    );
    Ok(respond(StatusCode::OK, render(&page)?, None))
}

/// The page behind an e-mail verification link.
pub(crate) async fn verify_page(
    State(s): State<AppState>,
    Path(c): Path<String>,
    caller: Caller,
    p: Params,
) -> Result<Response, WebError> {
    token_page(s, c, caller, p, TokenPage::Verify).await
}
/// Verifies the e-mail address.
pub(crate) async fn verify(
    State(s): State<AppState>,
    Path(c): Path<String>,
    caller: Caller,
    f: FormData,
) -> Result<Response, WebError> {
    token_submit(s, c, caller, f, TokenPage::Verify).await
}
/// The page behind a password-reset link.
pub(crate) async fn reset_page(
    State(s): State<AppState>,
    Path(c): Path<String>,
    caller: Caller,
    p: Params,
) -> Result<Response, WebError> {
    token_page(s, c, caller, p, TokenPage::Reset).await
}
/// Sets the new password.
pub(crate) async fn reset(
    State(s): State<AppState>,
    Path(c): Path<String>,
    caller: Caller,
    f: FormData,
) -> Result<Response, WebError> {
    token_submit(s, c, caller, f, TokenPage::Reset).await
}
/// The page behind an invitation link.
pub(crate) async fn invitation_page(
    State(s): State<AppState>,
    Path(c): Path<String>,
    caller: Caller,
    p: Params,
) -> Result<Response, WebError> {
    token_page(s, c, caller, p, TokenPage::Invitation).await
}
/// Accepts the invitation with a password.
pub(crate) async fn invitation(
    State(s): State<AppState>,
    Path(c): Path<String>,
    caller: Caller,
    f: FormData,
) -> Result<Response, WebError> {
    token_submit(s, c, caller, f, TokenPage::Invitation).await
}

fn forgot_form(t: Tr, lang: Lang, csrf: String) -> FormView {
    FormView {
        intro: vec![t.t("forgot-intro")],
        action: format!("/{}/password/forgot", lang.code()),
        csrf,
        sections: vec![Section {
            legend: None,
            fields: vec![
                Field::new(FieldKind::Email, "email", t.t("field-email"))
                    .required()
                    .autocomplete("email"),
            ],
        }],
        submit: t.t("forgot-submit"),
        links: vec![],
        form_error: None,
        notice: None,
    }
}

/// The "forgot password" page.
pub(crate) async fn forgot_page(
    State(state): State<AppState>,
    Path(code): Path<String>,
    caller: Caller,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    let t = Tr::new(lang);
    let (csrf, cookie) = ensure_session(&state, &caller).await?;
    let page = form_page(
        lang,
        &caller,
        &t.t("forgot-title"),
        "password/forgot",
        forgot_form(t, lang, csrf),
    );
    Ok(respond(StatusCode::OK, render(&page)?, cookie))
}

/// Counts a request for a reset or verification e-mail; `Some(page)` with a 429 when the address or the client
/// has asked for too many within the hour. Requests are counted whether or not the address has an account, so
/// the answer says nothing about who has one.
#[expect(
    clippy::too_many_arguments,
    reason = "the form page to show again needs all of them"
)]
async fn mail_limit(
    state: &AppState,
    lang: Lang,
    caller: &Caller,
    headers: &axum::http::HeaderMap,
    ext: &axum::http::Extensions,
    kind: &str,
    email: &str,
    page: impl FnOnce(String) -> (String, &'static str, FormView),
) -> Result<Option<Response>, WebError> {
    let ip = client_ip(state.auth(), headers, ext);
    let answer = state
        .store()
        .allow_mail_request(kind, email, &ip, state.auth().mail_limits)
        .await?;
    if answer == store::MailRequestAnswer::Allowed {
        return Ok(None);
    }
    let t = Tr::new(lang);
    let (title, path, mut form) = page(caller.csrf().unwrap_or_default().to_owned());
    form.form_error = Some(t.t(match answer {
        store::MailRequestAnswer::AddressLimit => "mail-limit-address",
        _ => "mail-limit-client",
    }));
    let view = form_page(lang, caller, &title, path, form);
    Ok(Some(respond(
        StatusCode::TOO_MANY_REQUESTS,
        render(&view)?,
        None,
    )))
}

/// Sends a reset link when the address has an account; answers the same either way.
pub(crate) async fn forgot(
    State(state): State<AppState>,
    Path(code): Path<String>,
    caller: Caller,
    headers: axum::http::HeaderMap,
    ext: axum::http::Extensions,
    form: FormData,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    let t = Tr::new(lang);
    caller.check_csrf(form.0.raw("csrf"))?;
    let email = form.value("email");
    let again = |csrf| {
        let mut f = forgot_form(t, lang, csrf);
        if let Some(field) = f.sections[0].fields.first_mut() {
            field.value = email.clone();
        }
        (t.t("forgot-title"), "password/forgot", f)
    };
    if let Some(refused) = mail_limit(
        &state, lang, &caller, &headers, &ext, "reset", &email, again,
    )
    .await?
    {
        return Ok(refused);
    }
    if let Some(user) = state
        .store()
        .user_by_email(&email)
        .await?
        .filter(|u| u.erased_at.is_none())
    {
        let token = state
            .store()
            .create_one_time_token(user.id, TokenPurpose::ResetPassword, RESET_TTL_MS)
            .await?;
        let url = link(
            &state,
            &format!("/{}/password/reset?token={token}", lang.code()),
        );
        state
            .store()
            .queue_mail(
                &user.email,
                &t.t("mail-reset-subject"),
                &t.t2(
                    "mail-reset-body",
                    ("name", &user.display_name),
                    ("link", &url),
                ),
            )
            .await?;
    }
    let page = message(
        lang,
        &caller,
        &t.t("forgot-sent-title"),
        vec![t.t("forgot-sent")],
        vec![],
    );
    Ok(respond(StatusCode::OK, render(&page)?, None))
}

// ---------------------------------------------------------------------------------------------------------
// The account page

/// A token row on the account page.
pub struct TokenRow {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// First characters.
    pub prefix: String,
    /// "2026-11-23".
    pub created: String,
    /// "never" or a date.
    pub last_used: String,
    /// Whether it is revoked.
    pub revoked: bool,
    /// What it may do, in words ("Read only").
    pub scope: String,
    /// "never", a date, or "expired on ...".
    pub expires: String,
}

/// The signed-in person's account.
#[derive(Template)]
#[template(path = "accounts/account.html")]
pub struct AccountPage {
    /// The frame.
    pub layout: Layout,
    /// Name.
    pub name: String,
    /// E-mail.
    pub email: String,
    /// Roles, described.
    pub roles: Vec<String>,
    /// API tokens.
    pub tokens: Vec<TokenRow>,
    /// CSRF token for the forms.
    pub csrf: String,
    /// A token just created, shown once.
    pub new_token: Option<String>,
    /// Links to admin pages, for admins.
    pub admin_links: Vec<Link>,
}

async fn account_page_for(
    state: &AppState,
    lang: Lang,
    caller: &Caller,
    new_token: Option<String>,
) -> Result<AccountPage, WebError> {
    let t = Tr::new(lang);
    let principal = caller.principal.as_ref().ok_or(WebError::Unauthorized)?;
    let user = caller.user.as_ref().ok_or(WebError::Unauthorized)?;
    let mut layout = Layout::new(lang, &t.t("account-title"), "account", Nav::None, None);
    layout.set_caller(caller);
    let tokens = state.store().api_tokens(user.id).await?;
    let mut roles = Vec::with_capacity(principal.grants().len());
    for g in principal.grants() {
        let role = t.t(&format!("role-{}", g.role));
        roles.push(match &g.actor {
            Some(slug) => {
                let name = state
                    .store()
                    .actor(slug)
                    .await?
                    .map_or_else(|| slug.as_str().to_owned(), |a| a.name.get(lang).to_owned());
                t.t2("role-for", ("role", &role), ("actor", &name))
            }
            None => role,
        });
    }
    Ok(AccountPage {
        name: user.display_name.clone(),
        email: user.email.clone(),
        roles,
        tokens: tokens
            .into_iter()
            .map(|tk| TokenRow {
                id: tk.id,
                name: tk.name,
                prefix: tk.prefix,
                created: date(tk.created_at),
                last_used: tk.last_used_at.map_or_else(|| t.t("never"), date),
                revoked: tk.revoked_at.is_some(),
                scope: t.t(&format!("token-scope-{}", tk.scope)),
                expires: match tk.expires_at {
                    None => t.t("token-expires-never"),
                    Some(at) if at <= store::now_millis() => {
                        t.t1("token-expired-on", "date", date(at))
                    }
                    Some(at) => date(at),
                },
            })
            .collect(),
        csrf: caller.csrf().unwrap_or_default().to_owned(),
        new_token,
        admin_links: if caller.may(&Action::ViewAuditLog) {
            vec![
                Link {
                    href: format!("/{}/admin/audit", lang.code()),
                    text: t.t("audit-title"),
                },
                Link {
                    href: format!("/{}/admin/invite", lang.code()),
                    text: t.t("invite-title"),
                },
                Link {
                    href: format!("/{}/admin/people", lang.code()),
                    text: t.t("people-title"),
                },
                Link {
                    href: format!("/{}/admin/companies", lang.code()),
                    text: t.t("company-review-title"),
                },
                Link {
                    href: format!("/{}/admin/requests", lang.code()),
                    text: t.t("figures-title"),
                },
            ]
        } else {
            vec![]
        },
        layout,
    })
}

/// The account page.
pub(crate) async fn account(
    State(state): State<AppState>,
    Path(code): Path<String>,
    caller: Caller,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::UseOwnAccount)?;
    let page = account_page_for(&state, lang, &caller, None).await?;
    Ok(respond(StatusCode::OK, render(&page)?, None))
}

/// The lifetimes (days) offered for a new API token, besides "never".
pub(crate) const TOKEN_LIFETIMES: [i64; 4] = [7, 30, 90, 365];

/// Creates an API token and shows it once.
pub(crate) async fn create_token(
    State(state): State<AppState>,
    Path(code): Path<String>,
    caller: Caller,
    form: FormData,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::ManageCredentials)?;
    caller.check_csrf(form.0.raw("csrf"))?;
    let t = Tr::new(lang);
    let name = form.value("name");
    let user_id = caller.user_id().ok_or(WebError::Unauthorized)?;
    if name.is_empty() || name.chars().count() > 100 {
        return Err(WebError::Invalid {
            field: "name".into(),
            message: t.t1("field-length", "max", 100),
        });
    }
    let scope = domain::TokenScope::parse(&form.value("scope")).ok_or(WebError::Invalid {
        field: "scope".into(),
        message: t.t("field-choose"),
    })?;
    let expires_at = match form.value("expires_days").as_str() {
        "never" => None,
        days => match days.parse::<i64>() {
            Ok(d) if TOKEN_LIFETIMES.contains(&d) => Some(store::now_millis() + d * 86_400_000),
            _ => {
                return Err(WebError::Invalid {
                    field: "expires_days".into(),
                    message: t.t("field-choose"),
                });
            }
        },
    };
    let token = state
        .store()
        .create_api_token(user_id, &name, scope, expires_at, Some(user_id))
        .await?;
    let page = account_page_for(&state, lang, &caller, Some(token)).await?;
    Ok(respond(StatusCode::OK, render(&page)?, None))
}

/// Revokes one of the caller's own tokens; someone else's token id is a 404.
pub(crate) async fn revoke_token(
    State(state): State<AppState>,
    Path((code, id)): Path<(String, String)>,
    caller: Caller,
    form: FormData,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::ManageCredentials)?;
    caller.check_csrf(form.0.raw("csrf"))?;
    let user_id = caller.user_id().ok_or(WebError::Unauthorized)?;
    let id: i64 = id.parse().map_err(|_| WebError::NotFound)?;
    if !state.store().revoke_api_token(user_id, id).await? {
        return Err(WebError::NotFound);
    }
    Ok(Redirect::to(&format!("/{}/account", lang.code())).into_response())
}

/// Everything stored about the caller, as a JSON download.
pub(crate) async fn export(
    State(state): State<AppState>,
    Path(code): Path<String>,
    caller: Caller,
) -> Result<Response, WebError> {
    lang(&code)?;
    caller.require(&Action::ManageCredentials)?;
    let user = caller.user.as_ref().ok_or(WebError::Unauthorized)?;
    let grants = state.store().grants(user.id).await?;
    let tokens = state.store().api_tokens(user.id).await?;
    let filter = store::AuditFilter {
        user_id: Some(user.id),
        ..Default::default()
    };
    let changes = state
        .store()
        .audit_entries(
            &filter,
            domain::PageRequest::new(1, 100).unwrap_or_default(),
        )
        .await?;
    let about = state
        .store()
        .audit_entries(
            &store::AuditFilter {
                object_type: Some("user".into()),
                object_key: Some(user.id.to_string()),
                ..Default::default()
            },
            domain::PageRequest::new(1, 100).unwrap_or_default(),
        )
        .await?;
    let mail = state.store().mail_to(&user.email).await?;
    let groups = state.store().groups_of(user.id).await?;
    let matchmaking = state.store().registrations_of(user.id).await?;
    let body = serde_json::json!({
        "account": {
            "email": user.email, "display_name": user.display_name, "created": date(user.created_at),
            "email_verified": user.email_verified_at.map(date),
        },
        "roles": grants.iter().map(|g| serde_json::json!({"role": g.role.as_str(), "actor": g.actor.as_ref().map(Slug::as_str)})).collect::<Vec<_>>(),
        "api_tokens": tokens.iter().map(|t| serde_json::json!({"name": t.name, "prefix": t.prefix, "created": date(t.created_at), "revoked": t.revoked_at.is_some()})).collect::<Vec<_>>(),
        "changes_made": changes.items.iter().map(|e| serde_json::json!({"at": e.at, "object": format!("{}/{}", e.object_type, e.object_key), "action": e.action})).collect::<Vec<_>>(),
        "account_history": about.items.iter().map(|e| serde_json::json!({"at": e.at, "action": e.action, "changes": e.changes})).collect::<Vec<_>>(),
        "working_groups": groups.iter().map(|(area, _, org, role)| serde_json::json!({"area": area.as_str(), "organisation": org.en, "role": role.as_str()})).collect::<Vec<_>>(),
        "matchmaking": matchmaking.iter().map(|(event, organisation, profile)| serde_json::json!({"event": event, "organisation": organisation, "profile": profile})).collect::<Vec<_>>(),
        "emails_sent": mail.iter().map(|m| serde_json::json!({"subject": m.subject, "at": m.created_at})).collect::<Vec<_>>(),
    });
    let mut res = axum::Json(body).into_response();
    res.headers_mut().insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"samverkan-my-data.json\""),
    );
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}

/// Erases the caller's account after they confirm by typing their e-mail address.
pub(crate) async fn erase(
    State(state): State<AppState>,
    Path(code): Path<String>,
    caller: Caller,
    form: FormData,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::ManageCredentials)?;
    caller.check_csrf(form.0.raw("csrf"))?;
    let t = Tr::new(lang);
    let user = caller.user.as_ref().ok_or(WebError::Unauthorized)?;
    if !form
        .value("confirm_email")
        .eq_ignore_ascii_case(&user.email)
    {
        return Err(WebError::Invalid {
            field: "confirm_email".into(),
            message: t.t("erase-confirm-mismatch"),
        });
    }
    state.store().erase_user(user.id, Some(user.id)).await?;
    let page = message(
        lang,
        &Caller::default(),
        &t.t("erase-done-title"),
        vec![t.t("erase-done")],
        vec![],
    );
    let mut res = respond(StatusCode::OK, render(&page)?, None);
    if let Ok(v) = HeaderValue::from_str(&session_cookie(state.auth(), "")) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(res)
}

// ---------------------------------------------------------------------------------------------------------
// Invitations (admin)

fn invite_form(
    t: Tr,
    lang: Lang,
    csrf: String,
    form: Option<&FormData>,
    actors: &[(String, String)],
) -> FormView {
    let v = |n: &str| form.map(|f| f.value(n)).unwrap_or_default();
    let role = v("role");
    let actor = v("actor");
    let mut actor_choices = vec![Choice {
        value: String::new(),
        label: t.t("invite-no-actor"),
        selected: actor.is_empty(),
    }];
    actor_choices.extend(actors.iter().map(|(slug, name)| Choice {
        value: slug.clone(),
        label: name.clone(),
        selected: *slug == actor,
    }));
    FormView {
        intro: vec![t.t("invite-intro")],
        action: format!("/{}/admin/invite", lang.code()),
        csrf,
        sections: vec![Section {
            legend: None,
            fields: vec![
                Field::new(FieldKind::Text, "display_name", t.t("field-name"))
                    .value(v("display_name"))
                    .required()
                    .maxlength(200),
                Field::new(FieldKind::Email, "email", t.t("field-email"))
                    .value(v("email"))
                    .required(),
                Field::new(FieldKind::Select, "role", t.t("field-role"))
                    .required()
                    .choices(
                        Role::ALL
                            .iter()
                            .map(|r| Choice {
                                value: r.as_str().into(),
                                label: t.t(&format!("role-{r}")),
                                selected: role == r.as_str(),
                            })
                            .collect(),
                    ),
                Field::new(FieldKind::Select, "actor", t.t("field-actor"))
                    .hint(t.t("invite-actor-hint"))
                    .choices(actor_choices),
            ],
        }],
        submit: t.t("invite-submit"),
        links: vec![],
        form_error: None,
        notice: None,
    }
}

/// The invitation form (admins).
pub(crate) async fn invite_page(
    State(state): State<AppState>,
    Path(code): Path<String>,
    caller: Caller,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::ManageUsers)?;
    let t = Tr::new(lang);
    let actors = crate::kit::forms::actor_choices(&state, lang).await?;
    let form = invite_form(
        t,
        lang,
        caller.csrf().unwrap_or_default().to_owned(),
        None,
        &actors,
    );
    let page = form_page(lang, &caller, &t.t("invite-title"), "admin/invite", form);
    Ok(respond(StatusCode::OK, render(&page)?, None))
}

/// Invites a person with a role: creates the account if needed, grants the role, e-mails a single-use link.
pub(crate) async fn invite(
    State(state): State<AppState>,
    Path(code): Path<String>,
    caller: Caller,
    form: FormData,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::ManageUsers)?;
    caller.check_csrf(form.0.raw("csrf"))?;
    let t = Tr::new(lang);
    let actors = crate::kit::forms::actor_choices(&state, lang).await?;
    let mut f = invite_form(
        t,
        lang,
        caller.csrf().unwrap_or_default().to_owned(),
        Some(&form),
        &actors,
    );
    let name = form.value("display_name");
    if name.is_empty() {
        f.set_error("display_name", t.t("field-required"));
    }
    let email = Email::parse(&form.value("email"));
    if email.is_err() {
        f.set_error("email", t.t("email-invalid"));
    }
    let role = Role::parse(&form.value("role"));
    if role.is_none() {
        f.set_error("role", t.t("field-required"));
    }
    let actor = Some(form.value("actor"))
        .filter(|a| !a.is_empty())
        .map(|a| Slug::parse(&a));
    match (&role, &actor) {
        (Some(Role::Admin), Some(_)) => f.set_error("actor", t.t("invite-admin-no-actor")),
        (Some(r), None) if *r != Role::Admin => f.set_error("actor", t.t("invite-actor-needed")),
        (_, Some(Err(_))) => f.set_error("actor", t.t("field-required")),
        _ => {}
    }
    let (Ok(email), Some(role), false) = (email, role, f.has_errors()) else {
        let page = form_page(lang, &caller, &t.t("invite-title"), "admin/invite", f);
        return Ok(respond(
            StatusCode::UNPROCESSABLE_ENTITY,
            render(&page)?,
            None,
        ));
    };
    let actor = actor.and_then(Result::ok);
    let store = state.store();
    let principal_id = caller.user_id().ok_or(WebError::Unauthorized)?;
    let user_id = match store.user_by_email(email.as_str()).await? {
        Some(u) => u.id,
        None => {
            store
                .create_user(
                    &email,
                    &name,
                    None,
                    false,
                    AccountOrigin::Invitation { by: principal_id },
                )
                .await?
        }
    };
    store
        .grant_role(user_id, role, actor.as_ref(), caller.user_id())
        .await
        .map_err(|e| match e {
            StoreError::UnknownReference(_) => WebError::Invalid {
                field: "actor".into(),
                message: t.t("field-required"),
            },
            other => other.into(),
        })?;
    let token = store
        .create_one_time_token(user_id, TokenPurpose::Invitation, INVITE_TTL_MS)
        .await?;
    let url = link(
        &state,
        &format!("/{}/invitation?token={token}", lang.code()),
    );
    let role_text = t.t(&format!("role-{role}"));
    store
        .queue_mail(
            &email.as_str().to_lowercase(),
            &t.t("mail-invite-subject"),
            &t.t2("mail-invite-body", ("role", &role_text), ("link", &url)),
        )
        .await?;
    let mut f = invite_form(
        t,
        lang,
        caller.csrf().unwrap_or_default().to_owned(),
        None,
        &actors,
    );
    f.notice = Some(t.t1("invite-sent", "email", email.as_str()));
    let page = form_page(lang, &caller, &t.t("invite-title"), "admin/invite", f);
    Ok(respond(StatusCode::OK, render(&page)?, None))
}
