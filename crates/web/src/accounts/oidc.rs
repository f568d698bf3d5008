//! Single sign-on with OpenID Connect (authorization code flow with PKCE, client secret at the token endpoint).
//!
//! A member organisation's identity provider vouches for an e-mail address; when the provider says the address
//! is verified and a Samverkan account uses it, the person is signed in to that account. Nobody gets an account
//! this way: accounts still come from sign-up or invitation, so roles stay under the programme office's control.
//!
//! The ID token comes straight from the provider's token endpoint over the server's own connection, so — as
//! OpenID Connect Core 1.0, section 3.1.3.7, item 6 allows — the connection's TLS authenticates it and its
//! signature is not checked again; its issuer, audience, expiry and nonce are. The address and its verified flag
//! are read from the UserInfo endpoint (falling back to the ID token), whose subject must match the ID token's.

use crate::AppState;
use crate::accounts::account::{message_response, safe_next};
use crate::kit::caller::{Caller, session_cookie};
use crate::kit::error::WebError;
use crate::kit::page::Link;
use crate::kit::params::Params;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use domain::Lang;
use i18n::Tr;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::time::Duration;
use store::secrets::random_token;
use store::{PendingOidcLogin, now_millis};

/// What the operator configures.
#[derive(Debug, Clone)]
pub struct OidcSettings {
    /// The provider's issuer URL (its discovery document is at `{issuer}/.well-known/openid-configuration`).
    pub issuer: String,
    /// This site's client id at the provider.
    pub client_id: String,
    /// This site's client secret.
    pub client_secret: String,
}

/// The path the provider sends people back to; register `{base_url}/auth/oidc/callback` at the provider.
pub const CALLBACK_PATH: &str = "/auth/oidc/callback";

/// The parts of the provider's discovery document this flow uses.
#[derive(Debug, Clone, Deserialize)]
struct Discovery {
    issuer: String,
    authorization_endpoint: String,
    token_endpoint: String,
    userinfo_endpoint: Option<String>,
}

/// A configured provider: settings, an HTTP client and the discovery document once fetched.
#[derive(Debug)]
pub struct Oidc {
    settings: OidcSettings,
    http: reqwest::Client,
    discovery: tokio::sync::OnceCell<Discovery>,
}

/// Why a sign-in through the provider did not work; each has its own message for the person.
#[derive(Debug, PartialEq, Eq)]
enum SsoFailure {
    /// The provider could not be reached or answered something unusable (logged).
    Provider(String),
    /// The person cancelled or the provider refused.
    Cancelled,
    /// The answer does not belong to a sign-in started in this browser in the last ten minutes.
    Stale,
    /// The provider did not say the address is verified.
    Unverified,
    /// No usable account has this address.
    NoAccount(String),
    /// The account is locked after failed password attempts.
    Locked,
}

impl Oidc {
    /// A provider client; nothing is fetched until the first sign-in.
    pub fn new(settings: OidcSettings) -> Result<Oidc, String> {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| e.to_string())?;
        Ok(Oidc {
            settings,
            http,
            discovery: tokio::sync::OnceCell::new(),
        })
    }

    async fn discovery(&self) -> Result<&Discovery, SsoFailure> {
        self.discovery
            .get_or_try_init(|| async {
                let issuer = self.settings.issuer.trim_end_matches('/');
                let url = format!("{issuer}/.well-known/openid-configuration");
                let doc: Discovery = self
                    .http
                    .get(&url)
                    .send()
                    .await
                    .and_then(reqwest::Response::error_for_status)
                    .map_err(|e| SsoFailure::Provider(format!("discovery {url}: {e}")))?
                    .json()
                    .await
                    .map_err(|e| SsoFailure::Provider(format!("discovery {url}: {e}")))?;
                if doc.issuer.trim_end_matches('/') != issuer {
                    return Err(SsoFailure::Provider(format!(
                        "discovery names issuer {} instead of {issuer}",
                        doc.issuer
                    )));
                }
                Ok(doc)
            })
            .await
    }
}

/// The PKCE S256 challenge of a verifier.
fn pkce_challenge(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

/// The claims of an ID token this flow checks.
#[derive(Debug, Deserialize)]
struct IdClaims {
    iss: String,
    sub: String,
    #[serde(deserialize_with = "one_or_many")]
    aud: Vec<String>,
    exp: i64,
    nonce: Option<String>,
    email: Option<String>,
    email_verified: Option<bool>,
}

fn one_or_many<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(match OneOrMany::deserialize(d)? {
        OneOrMany::One(s) => vec![s],
        OneOrMany::Many(v) => v,
    })
}

/// Reads an ID token's claims and checks issuer, audience, expiry (with a minute's leeway) and nonce.
fn check_id_token(
    token: &str,
    issuer: &str,
    client_id: &str,
    nonce: &str,
    now_secs: i64,
) -> Result<IdClaims, String> {
    let payload = token.split('.').nth(1).ok_or("the ID token is not a JWT")?;
    let bytes = URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .map_err(|e| format!("the ID token's payload is not base64url: {e}"))?;
    let claims: IdClaims = serde_json::from_slice(&bytes)
        .map_err(|e| format!("the ID token's claims are unreadable: {e}"))?;
    if claims.iss.trim_end_matches('/') != issuer.trim_end_matches('/') {
        return Err(format!("the ID token comes from {}", claims.iss));
    }
    if !claims.aud.iter().any(|a| a == client_id) {
        return Err("the ID token is meant for another client".into());
    }
    if claims.exp + 60 < now_secs {
        return Err("the ID token has expired".into());
    }
    if claims.nonce.as_deref() != Some(nonce) {
        return Err("the ID token's nonce does not match".into());
    }
    Ok(claims)
}

/// `GET /{lang}/login/sso`: sends the browser to the provider.
pub(crate) async fn start(
    State(state): State<AppState>,
    Path(code): Path<String>,
    caller: Caller,
    params: Params,
) -> Result<Response, WebError> {
    let lang = crate::kit::page::lang(&code)?;
    let Some(oidc) = state.oidc() else {
        return Err(WebError::NotFound);
    };
    let next = safe_next(&params.text("next", 500)?.unwrap_or_default(), lang);
    let discovery = match oidc.discovery().await {
        Ok(d) => d,
        Err(f) => return Ok(failure_page(lang, &caller, f)),
    };
    // Bind the sign-in to this browser's session (a visitor session when nobody is signed in).
    let (session_token, new_cookie) = match &caller.session {
        Some((token, _)) => (token.clone(), None),
        None => {
            let (token, _) = state.store().create_session(None).await?;
            let cookie = session_cookie(state.auth(), &token);
            (token, Some(cookie))
        }
    };
    let login_state = random_token("");
    let pending = PendingOidcLogin {
        nonce: random_token(""),
        pkce_verifier: random_token(""),
        lang: lang.code().to_owned(),
        next_path: next,
    };
    state
        .store()
        .begin_oidc_login(&login_state, &session_token, &pending)
        .await?;
    let mut url = url::Url::parse(&discovery.authorization_endpoint)
        .map_err(|e| WebError::Internal(format!("authorization endpoint: {e}")))?;
    url.query_pairs_mut()
        .append_pair("response_type", "code")
        .append_pair("client_id", &oidc.settings.client_id)
        .append_pair("redirect_uri", &redirect_uri(&state))
        .append_pair("scope", "openid email")
        .append_pair("state", &login_state)
        .append_pair("nonce", &pending.nonce)
        .append_pair("code_challenge", &pkce_challenge(&pending.pkce_verifier))
        .append_pair("code_challenge_method", "S256")
        .append_pair("ui_locales", lang.code());
    let mut res = Redirect::to(url.as_str()).into_response();
    if let Some(c) = new_cookie
        && let Ok(v) = HeaderValue::from_str(&c)
    {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(res)
}

fn redirect_uri(state: &AppState) -> String {
    format!(
        "{}{CALLBACK_PATH}",
        state.auth().base_url.trim_end_matches('/')
    )
}

#[derive(Debug, Deserialize)]
struct TokenAnswer {
    id_token: Option<String>,
    access_token: Option<String>,
}

#[derive(Debug, Deserialize)]
struct UserInfo {
    sub: String,
    email: Option<String>,
    email_verified: Option<bool>,
}

/// `GET /auth/oidc/callback`: the provider's answer. Exchanges the code, checks the tokens, signs the person in.
pub(crate) async fn callback(
    State(state): State<AppState>,
    caller: Caller,
    params: Params,
) -> Result<Response, WebError> {
    let Some(oidc) = state.oidc() else {
        return Err(WebError::NotFound);
    };
    let login_state = params.text("state", 200)?.unwrap_or_default();
    let pending = match &caller.session {
        Some((token, _)) if !login_state.is_empty() => {
            state.store().take_oidc_login(&login_state, token).await?
        }
        _ => None,
    };
    let Some(pending) = pending else {
        return Ok(failure_page(Lang::Sv, &caller, SsoFailure::Stale));
    };
    let lang = Lang::parse(&pending.lang).unwrap_or(Lang::Sv);
    if params.text("error", 200)?.is_some() {
        return Ok(failure_page(lang, &caller, SsoFailure::Cancelled));
    }
    let code = params.text("code", 2000)?.unwrap_or_default();
    match verified_email(&state, oidc, &code, &pending).await {
        Ok(email) => sign_in(&state, lang, &caller, &email, &pending.next_path).await,
        Err(f) => Ok(failure_page(lang, &caller, f)),
    }
}

/// Exchanges the code and returns the address the provider vouches for.
async fn verified_email(
    state: &AppState,
    oidc: &Oidc,
    code: &str,
    pending: &PendingOidcLogin,
) -> Result<String, SsoFailure> {
    let discovery = oidc.discovery().await?;
    let provider =
        |what: &str, e: &dyn std::fmt::Display| SsoFailure::Provider(format!("{what}: {e}"));
    let answer: TokenAnswer = oidc
        .http
        .post(&discovery.token_endpoint)
        .basic_auth(&oidc.settings.client_id, Some(&oidc.settings.client_secret))
        .form(&[
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", &redirect_uri(state)),
            ("code_verifier", &pending.pkce_verifier),
        ])
        .send()
        .await
        .and_then(reqwest::Response::error_for_status)
        .map_err(|e| provider("token endpoint", &e))?
        .json()
        .await
        .map_err(|e| provider("token answer", &e))?;
    let id_token = answer
        .id_token
        .ok_or_else(|| SsoFailure::Provider("no ID token in the token answer".into()))?;
    let claims = check_id_token(
        &id_token,
        &discovery.issuer,
        &oidc.settings.client_id,
        &pending.nonce,
        now_millis() / 1000,
    )
    .map_err(SsoFailure::Provider)?;
    let (mut email, mut verified) = (claims.email.clone(), claims.email_verified);
    if let (Some(endpoint), Some(access)) = (&discovery.userinfo_endpoint, &answer.access_token) {
        let info: UserInfo = oidc
            .http
            .get(endpoint)
            .bearer_auth(access)
            .send()
            .await
            .and_then(reqwest::Response::error_for_status)
            .map_err(|e| provider("userinfo endpoint", &e))?
            .json()
            .await
            .map_err(|e| provider("userinfo answer", &e))?;
        if info.sub != claims.sub {
            return Err(SsoFailure::Provider(
                "userinfo describes another subject than the ID token".into(),
            ));
        }
        email = info.email.or(email);
        verified = info.email_verified.or(verified);
    }
    match (email, verified) {
        (Some(e), Some(true)) => Ok(e),
        _ => Err(SsoFailure::Unverified),
    }
}

async fn sign_in(
    state: &AppState,
    lang: Lang,
    caller: &Caller,
    email: &str,
    next: &str,
) -> Result<Response, WebError> {
    let store = state.store();
    let Some(user) = store
        .user_by_email(email)
        .await?
        .filter(|u| u.erased_at.is_none() && u.deactivated_at.is_none())
    else {
        return Ok(failure_page(
            lang,
            caller,
            SsoFailure::NoAccount(email.to_owned()),
        ));
    };
    if user.locked_until.is_some_and(|until| until > now_millis()) {
        return Ok(failure_page(lang, caller, SsoFailure::Locked));
    }
    // The provider has verified the address, which is what our own link would have proved.
    store.mark_email_verified(user.id).await?;
    if let Some((old, _)) = &caller.session {
        store.delete_session(old).await?;
    }
    let (token, _) = store.create_session(Some(user.id)).await?;
    let mut res = Redirect::to(&safe_next(next, lang)).into_response();
    if let Ok(v) = HeaderValue::from_str(&session_cookie(state.auth(), &token)) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(res)
}

fn failure_page(lang: Lang, caller: &Caller, failure: SsoFailure) -> Response {
    let t = Tr::new(lang);
    let (status, text) = match &failure {
        SsoFailure::Provider(detail) => {
            tracing::warn!(%detail, "single sign-on failed at the provider");
            (StatusCode::BAD_GATEWAY, t.t("sso-provider-failed"))
        }
        SsoFailure::Cancelled => (StatusCode::UNAUTHORIZED, t.t("sso-cancelled")),
        SsoFailure::Stale => (StatusCode::BAD_REQUEST, t.t("sso-stale")),
        SsoFailure::Unverified => (StatusCode::FORBIDDEN, t.t("sso-unverified")),
        SsoFailure::NoAccount(email) => (
            StatusCode::FORBIDDEN,
            t.t1("sso-no-account", "email", email),
        ),
        SsoFailure::Locked => (StatusCode::TOO_MANY_REQUESTS, t.t("sso-locked")),
    };
    let links = vec![Link {
        href: format!("/{}/login", lang.code()),
        text: t.t("sso-back-to-login"),
    }];
    message_response(lang, caller, status, &t.t("sso-title"), vec![text], links)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jwt(claims: &serde_json::Value) -> String {
        format!(
            "eyJhbGciOiJSUzI1NiJ9.{}.c2lnbmF0dXJl",
            URL_SAFE_NO_PAD.encode(claims.to_string())
        )
    }

    #[test]
    fn id_tokens_are_checked_for_issuer_audience_expiry_and_nonce() {
        let good = serde_json::json!({"iss": "http://idp", "sub": "a", "aud": "svk", "exp": 1000, "nonce": "n"});
        assert!(check_id_token(&jwt(&good), "http://idp/", "svk", "n", 900).is_ok());
        let many = serde_json::json!({"iss": "http://idp", "sub": "a", "aud": ["x", "svk"], "exp": 1000, "nonce": "n"});
        assert!(check_id_token(&jwt(&many), "http://idp", "svk", "n", 900).is_ok());
        let cases = [
            (
                serde_json::json!({"iss": "http://evil", "sub": "a", "aud": "svk", "exp": 1000, "nonce": "n"}),
                "comes from",
            ),
            (
                serde_json::json!({"iss": "http://idp", "sub": "a", "aud": "other", "exp": 1000, "nonce": "n"}),
                "another client",
            ),
            (
                serde_json::json!({"iss": "http://idp", "sub": "a", "aud": "svk", "exp": 100, "nonce": "n"}),
                "expired",
            ),
            (
                serde_json::json!({"iss": "http://idp", "sub": "a", "aud": "svk", "exp": 1000, "nonce": "m"}),
                "nonce",
            ),
            (
                serde_json::json!({"iss": "http://idp", "sub": "a", "aud": "svk", "exp": 1000}),
                "nonce",
            ),
        ];
        for (claims, problem) in cases {
            let err =
                check_id_token(&jwt(&claims), "http://idp", "svk", "n", 900).expect_err("refused");
            assert!(err.contains(problem), "{err} should mention {problem}");
        }
        assert!(check_id_token("not-a-jwt", "http://idp", "svk", "n", 900).is_err());
        assert!(check_id_token("a.!!!.c", "http://idp", "svk", "n", 900).is_err());
    }

    #[test]
    fn the_pkce_challenge_is_the_rfc_7636_example() {
        assert_eq!(
            pkce_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }
}
