//! Who is calling: a session cookie or a bearer token, resolved to a principal; the checks every handler makes
//! through the one policy in `domain::auth`; CSRF tokens for forms and cookie-authenticated API writes.

use crate::AppState;
use crate::kit::error::WebError;
use axum::extract::FromRequestParts;
use axum::http::{HeaderMap, header, request::Parts};
use domain::auth::decide;
use domain::{Action, Credential, Decision, Principal};
use store::{Session, User, now_millis};

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "svk_session";

/// Session and login settings.
#[derive(Debug, Clone)]
pub struct AuthSettings {
    /// A session unused this long ends (ms). Default 30 minutes.
    pub idle_timeout_ms: i64,
    /// A session ends this long after sign-in whatever happens (ms). Default 12 hours.
    pub absolute_timeout_ms: i64,
    /// Mark cookies `Secure` (served over TLS or behind a proxy that terminates it).
    pub secure_cookies: bool,
    /// Failed logins in a row before an account is locked.
    pub lock_after_failures: i64,
    /// How long a lock lasts (ms).
    pub lock_duration_ms: i64,
    /// Failed logins from one IP address within `throttle_window_ms` before it must wait.
    pub ip_failure_limit: u64,
    /// The window for the IP limit (ms).
    pub throttle_window_ms: i64,
    /// The public base URL used in e-mailed links.
    pub base_url: String,
    /// Proxies in front of the server whose `X-Forwarded-For` header is believed.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// The programme office's address, which gets reports from the accessibility statement page (and is shown
    /// there as the contact).
    pub office_email: Option<String>,
    /// The programme office's phone number, shown on the accessibility statement page (left out when unset).
    pub office_phone: Option<String>,
    /// How many reset and verification e-mails an address and a client may ask for.
    pub mail_limits: store::MailLimits,
    /// Working days an infrastructure has to answer an access request before the office sees it flagged.
    pub answer_days: u32,
    /// Days the data-access body has to decide a data-permit application (its clock pauses during
    /// clarifications).
    pub permit_days: u32,
}

impl Default for AuthSettings {
    fn default() -> Self {
        AuthSettings {
            idle_timeout_ms: 30 * 60 * 1000,
            absolute_timeout_ms: 12 * 60 * 60 * 1000,
            secure_cookies: false,
            lock_after_failures: 5,
            lock_duration_ms: 15 * 60 * 1000,
            ip_failure_limit: 20,
            throttle_window_ms: 15 * 60 * 1000,
            base_url: "http://127.0.0.1:8080".into(),
            trusted_proxies: Vec::new(),
            office_email: None,
            answer_days: 5,
            permit_days: 90,
            office_phone: None,
            mail_limits: store::MailLimits::default(),
        }
    }
}

/// The caller of a request.
#[derive(Debug, Clone, Default)]
pub struct Caller {
    /// The signed-in person, if any.
    pub principal: Option<Principal>,
    /// Their account.
    pub user: Option<User>,
    /// The session cookie's value and the session, when the request carried a live one.
    pub session: Option<(String, Session)>,
    /// True when the request authenticated with a bearer token (no CSRF check then).
    pub via_token: bool,
}

/// The value of a cookie in the request.
pub(crate) fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| {
            let (k, v) = pair.trim().split_once('=')?;
            (k == name).then(|| v.to_owned())
        })
}

/// The `Set-Cookie` value for a session cookie (or for removing it when `value` is empty).
pub(crate) fn session_cookie(settings: &AuthSettings, value: &str) -> String {
    let secure = if settings.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    if value.is_empty() {
        format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}")
    } else {
        format!("{SESSION_COOKIE}={value}; Path=/; HttpOnly; SameSite=Lax{secure}")
    }
}

async fn principal_for(
    state: &AppState,
    user_id: i64,
    credential: Credential,
) -> Result<Option<(Principal, User)>, WebError> {
    let Some(user) = state.store().user(user_id).await? else {
        return Ok(None);
    };
    if user.erased_at.is_some() {
        return Ok(None);
    }
    let grants = state.store().grants(user_id).await?;
    let leads = state.store().plan_leads(user_id).await?;
    Ok(Some((
        Principal::new(user_id, grants, credential).leading(leads),
        user,
    )))
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = WebError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        if let Some(cached) = parts.extensions.get::<Caller>() {
            return Ok(cached.clone());
        }
        let mut caller = Caller::default();
        if let Some(auth) = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
        {
            let token = auth
                .strip_prefix("Bearer ")
                .ok_or(WebError::Unauthorized)?
                .trim();
            let (user_id, scope) = state
                .store()
                .api_token_user(token)
                .await?
                .ok_or(WebError::Unauthorized)?;
            let (principal, user) = principal_for(state, user_id, Credential::Token(scope))
                .await?
                .ok_or(WebError::Unauthorized)?;
            caller = Caller {
                principal: Some(principal),
                user: Some(user),
                session: None,
                via_token: true,
            };
            // A request that may change something is itself a decision of the policy: a read-only token
            // reads, whatever the route.
            if !parts.method.is_safe() {
                caller.require(&Action::ChangeData)?;
            }
        } else if let Some(token) = cookie(&parts.headers, SESSION_COOKIE)
            && is_visitor_token(&token)
        {
            // A visitor's token is checked by its signature: no database row, no read.
            let key = state.visitor_key().await?;
            if let Some(session) =
                read_visitor(key, &token, now_millis(), state.auth().absolute_timeout_ms)
            {
                caller.session = Some((token, session));
            }
        } else if let Some(token) = cookie(&parts.headers, SESSION_COOKIE)
            && let Some(session) = state.store().session(&token).await?
        {
            let now = now_millis();
            let settings = state.auth();
            let expired = now - session.last_seen_at > settings.idle_timeout_ms
                || now - session.created_at > settings.absolute_timeout_ms;
            if expired {
                state.store().delete_session(&token).await?;
            } else {
                if now - session.last_seen_at > 30_000 {
                    state.store().touch_session(&token).await?;
                }
                if let Some(uid) = session.user_id
                    && let Some((principal, user)) =
                        principal_for(state, uid, Credential::Session).await?
                {
                    caller.principal = Some(principal);
                    caller.user = Some(user);
                }
                caller.session = Some((token, session));
            }
        }
        parts.extensions.insert(caller.clone());
        Ok(caller)
    }
}

impl Caller {
    /// Asks the policy; maps "sign in first" to 401 and "not allowed" to 403.
    pub fn require(&self, action: &Action<'_>) -> Result<(), WebError> {
        match decide(self.principal.as_ref(), action) {
            Decision::Allow => Ok(()),
            Decision::SignInRequired => Err(WebError::Unauthorized),
            Decision::Forbidden => Err(WebError::Forbidden),
        }
    }

    /// True when the policy allows `action` (for showing a link or a button; a handler that acts calls
    /// [`Caller::require`]).
    pub fn may(&self, action: &Action<'_>) -> bool {
        decide(self.principal.as_ref(), action) == Decision::Allow
    }

    /// The signed-in user's id.
    pub fn user_id(&self) -> Option<i64> {
        self.principal.as_ref().map(Principal::user_id)
    }

    /// The CSRF token of this caller's session, if there is one.
    pub fn csrf(&self) -> Option<&str> {
        self.session.as_ref().map(|(_, s)| s.csrf_token.as_str())
    }

    /// Checks a submitted CSRF token against the session's. Bearer-token calls need none.
    pub fn check_csrf(&self, submitted: Option<&str>) -> Result<(), WebError> {
        if self.via_token {
            return Ok(());
        }
        match (self.csrf(), submitted) {
            (Some(expected), Some(got))
                if constant_time_eq(expected.as_bytes(), got.as_bytes()) =>
            {
                Ok(())
            }
            _ => Err(WebError::Csrf),
        }
    }
}

// ----- Visitor tokens -----
//
// A signed-out visitor who opens a form (sign in, sign up, the accessibility report...) needs a CSRF token bound
// to their browser. Rather than a database row per visit, the session cookie then holds a token the server signs:
// `v1.{issued ms}.{nonce}.{HMAC-SHA256(site key, "visitor" · issued · nonce)}`, and the CSRF token is
// HMAC-SHA256(site key, "csrf" · nonce). Any server of the site checks it with the key they share
// (`site_secrets`); it lives as long as a session may (`absolute_timeout_ms`). Signing in replaces it with a
// session in the database, as before.

const VISITOR_PREFIX: &str = "v1.";

/// Whether a session cookie's value is a visitor token (rather than a session in the database).
pub(crate) fn is_visitor_token(token: &str) -> bool {
    token.starts_with(VISITOR_PREFIX)
}

fn mac_hex(key: &[u8], purpose: &str, data: &str) -> String {
    use hmac::Mac;
    let mut mac = <hmac::Hmac<sha2::Sha256> as Mac>::new_from_slice(key)
        .unwrap_or_else(|_| unreachable!("HMAC takes a key of any length"));
    mac.update(purpose.as_bytes());
    mac.update(&[0]);
    mac.update(data.as_bytes());
    mac.finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn visitor_session(key: &[u8], issued: i64, nonce: &str) -> Session {
    Session {
        user_id: None,
        csrf_token: mac_hex(key, "csrf", nonce),
        created_at: issued,
        last_seen_at: issued,
    }
}

/// A new visitor token issued at `now`, and the session it stands for.
pub(crate) fn mint_visitor(key: &[u8], now: i64) -> (String, Session) {
    let nonce = store::secrets::random_token("");
    let body = format!("{now}.{nonce}");
    let token = format!("{VISITOR_PREFIX}{body}.{}", mac_hex(key, "visitor", &body));
    (token, visitor_session(key, now, &nonce))
}

/// The session a visitor token stands for, when its signature holds and it is not older than `max_age_ms`.
pub(crate) fn read_visitor(key: &[u8], token: &str, now: i64, max_age_ms: i64) -> Option<Session> {
    let rest = token.strip_prefix(VISITOR_PREFIX)?;
    let (body, mac) = rest.rsplit_once('.')?;
    let (issued_text, nonce) = body.split_once('.')?;
    let issued: i64 = issued_text.parse().ok()?;
    let well_formed = issued.to_string() == issued_text
        && nonce.len() == 64
        && nonce
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase());
    if !well_formed || !constant_time_eq(mac_hex(key, "visitor", body).as_bytes(), mac.as_bytes()) {
        return None;
    }
    (issued <= now && now - issued <= max_age_ms).then(|| visitor_session(key, issued, nonce))
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The client's IP address: the connecting address, or — when that is a trusted proxy — the nearest address in
/// `X-Forwarded-For` that is not itself a trusted proxy. Without trusted proxies the header is ignored, so a
/// client cannot pick its own address to escape the login throttle.
pub(crate) fn client_ip(
    settings: &AuthSettings,
    headers: &HeaderMap,
    ext: &axum::http::Extensions,
) -> String {
    let Some(peer) = ext
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip())
    else {
        return "unknown".to_owned();
    };
    forwarded_client(peer, headers, &settings.trusted_proxies).to_string()
}

fn forwarded_client(
    peer: std::net::IpAddr,
    headers: &HeaderMap,
    trusted: &[std::net::IpAddr],
) -> std::net::IpAddr {
    if !trusted.contains(&peer) {
        return peer;
    }
    let hops: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .collect();
    for hop in hops.into_iter().rev() {
        match hop.trim().parse::<std::net::IpAddr>() {
            Ok(ip) if trusted.contains(&ip) => {}
            Ok(ip) => return ip,
            Err(_) => return peer,
        }
    }
    peer
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(xff: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in xff {
            h.append("x-forwarded-for", HeaderValue::from_str(v).expect("header"));
        }
        h
    }

    #[test]
    fn forwarded_addresses_count_only_behind_a_trusted_proxy() {
        let peer: std::net::IpAddr = "10.0.0.2".parse().expect("ip");
        let proxy = vec![peer];
        let client: std::net::IpAddr = "198.51.100.7".parse().expect("ip");
        // Untrusted peer: the header is a client's claim and is ignored.
        assert_eq!(
            forwarded_client(peer, &headers(&["198.51.100.7"]), &[]),
            peer
        );
        // Trusted proxy: the nearest untrusted hop is the client, whatever the client prepended.
        assert_eq!(
            forwarded_client(peer, &headers(&["203.0.113.1, 198.51.100.7"]), &proxy),
            client
        );
        assert_eq!(
            forwarded_client(peer, &headers(&["203.0.113.1", "198.51.100.7"]), &proxy),
            client
        );
        // No header, or garbage: the proxy's own address.
        assert_eq!(forwarded_client(peer, &headers(&[]), &proxy), peer);
        assert_eq!(
            forwarded_client(peer, &headers(&["nonsense"]), &proxy),
            peer
        );
    }
}

#[cfg(test)]
mod visitor_tests {
    use super::*;
    use proptest::prelude::*;

    const KEY: &[u8] = b"a site key for the tests";
    const DAY: i64 = 86_400_000;

    #[test]
    fn a_visitor_token_stands_for_its_session_until_it_is_too_old() {
        let (token, session) = mint_visitor(KEY, 1_000);
        assert!(is_visitor_token(&token));
        let read = read_visitor(KEY, &token, 1_000 + DAY, DAY).expect("valid");
        assert_eq!(read.csrf_token, session.csrf_token);
        assert_eq!(read.user_id, None);
        assert!(
            read_visitor(KEY, &token, 1_001 + DAY, DAY).is_none(),
            "too old"
        );
        assert!(
            read_visitor(KEY, &token, 999, DAY).is_none(),
            "from the future"
        );
        assert!(
            read_visitor(b"another key", &token, 1_000, DAY).is_none(),
            "another site"
        );
        let (other, other_session) = mint_visitor(KEY, 1_000);
        assert_ne!(token, other);
        assert_ne!(
            session.csrf_token, other_session.csrf_token,
            "a token per visitor"
        );
    }

    proptest! {
        /// No change to a token's text (one character replaced, or cut short) leaves a token that is accepted.
        #[test]
        fn a_changed_token_is_refused(at in 0usize..200, ch in proptest::char::range('-', 'z'), cut in any::<bool>()) {
            let (token, _) = mint_visitor(KEY, 5_000);
            let at = at % token.len();
            let changed: String = if cut {
                token[..at].to_owned()
            } else {
                token.char_indices().map(|(i, c)| if i == at { ch } else { c }).collect()
            };
            prop_assume!(changed != token);
            prop_assert!(read_visitor(KEY, &changed, 5_000, DAY).is_none());
        }
    }
}
