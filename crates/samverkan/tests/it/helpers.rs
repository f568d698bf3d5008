//! `TestApp`: one running server with its own fresh database.

use reqwest::StatusCode;
use sqlx::{Connection, Executor};
use std::sync::atomic::{AtomicU32, Ordering};

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// Where a test's database lives.
pub enum TestDb {
    Sqlite(std::path::PathBuf),
    Postgres { admin_url: String, name: String },
}

impl TestDb {
    /// A new, empty database on the backend chosen by `SAMVERKAN_TEST_DB`.
    pub async fn create() -> TestDb {
        let unique = format!(
            "samverkan_test_{}_{}_{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.subsec_nanos())
                .unwrap_or(0)
        );
        match std::env::var("SAMVERKAN_TEST_DB")
            .ok()
            .filter(|v| v != "sqlite" && !v.is_empty())
        {
            None => TestDb::Sqlite(std::env::temp_dir().join(format!("{unique}.db"))),
            Some(admin_url) => {
                sqlx::any::install_default_drivers();
                let mut conn = sqlx::AnyConnection::connect(&admin_url)
                    .await
                    .expect("connect to the PostgreSQL test server");
                conn.execute(format!("CREATE DATABASE {unique}").as_str())
                    .await
                    .expect("create test database");
                conn.close().await.ok();
                TestDb::Postgres {
                    admin_url,
                    name: unique,
                }
            }
        }
    }

    /// The URL the application connects to.
    pub fn url(&self) -> String {
        match self {
            TestDb::Sqlite(path) => format!("sqlite://{}", path.display()),
            TestDb::Postgres { admin_url, name } => {
                let base = admin_url
                    .rsplit_once('/')
                    .map_or(admin_url.as_str(), |(b, _)| b);
                format!("{base}/{name}")
            }
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        match self {
            TestDb::Sqlite(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                }
            }
            TestDb::Postgres { admin_url, name } => {
                let (admin_url, name) = (admin_url.clone(), name.clone());
                // Drop runs inside the test's runtime; a separate thread with its own runtime can block on it.
                let _ = std::thread::spawn(move || {
                    let rt = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                        .ok()?;
                    rt.block_on(async move {
                        let mut conn = sqlx::AnyConnection::connect(&admin_url).await.ok()?;
                        conn.execute(
                            format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str(),
                        )
                        .await
                        .ok()?;
                        conn.close().await.ok()
                    })
                })
                .join();
            }
        }
    }
}

/// A running server with the Stockholm data set and an HTTP client for it.
pub struct TestApp {
    pub base: String,
    pub client: reqwest::Client,
    _db: TestDb,
    running: Option<samverkan::Running>,
}

impl TestApp {
    /// Starts the server exactly as `samverkan serve` does: migrate, seed, serve on 127.0.0.1:0.
    pub async fn spawn() -> TestApp {
        TestApp::spawn_with(None).await
    }

    /// A server with health data: the synthetic population made at its first start under `data_dir`.
    pub async fn spawn_with_health(data_dir: &std::path::Path) -> TestApp {
        TestApp::spawn_with(Some(data_dir)).await
    }

    async fn spawn_with(data_dir: Option<&std::path::Path>) -> TestApp {
        let db = TestDb::create().await;
        let (store, prepared) = samverkan::prepare(&db.url())
            .await
            .expect("prepare database");
        assert!(
            matches!(prepared, samverkan::Prepared::Seeded(_)),
            "a fresh database is seeded"
        );
        let running = samverkan::start_with_health(store, "127.0.0.1:0", data_dir)
            .await
            .expect("start server");
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        TestApp {
            base: format!("http://{}", running.addr),
            client,
            _db: db,
            running: Some(running),
        }
    }

    /// GET `path`, returning status and body text with the template engine's escapes of `&`, `'` and `"`
    /// turned back into characters, so that assertions can be written as a reader sees the page.
    pub async fn get(&self, path: &str) -> (StatusCode, String) {
        let res = self
            .client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .expect("request");
        let status = res.status();
        (status, unescape(&res.text().await.expect("body")))
    }

    /// GET `path` and parse JSON, asserting 200.
    pub async fn json(&self, path: &str) -> serde_json::Value {
        let res = self
            .client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .expect("request");
        assert_eq!(res.status(), StatusCode::OK, "GET {path}");
        res.json().await.expect("json")
    }

    /// GET `path` with extra headers, returning the whole response.
    pub async fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> reqwest::Response {
        let mut req = self.client.get(format!("{}{path}", self.base));
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        req.send().await.expect("request")
    }

    /// GET `path` with `Authorization: Bearer token`, returning the whole response.
    pub async fn get_as(&self, token: &str, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.base))
            .bearer_auth(token)
            .send()
            .await
            .expect("request")
    }

    /// A second server on this test's database, as another machine of the same site runs it; and its address.
    pub async fn another_server(&self) -> (samverkan::Running, String) {
        let other = samverkan::start(self.store().await, "127.0.0.1:0")
            .await
            .expect("second server");
        let base = format!("http://{}", other.addr);
        (other, base)
    }

    /// [`TestApp::another_server`] with health data under its own `data_dir`.
    pub async fn another_server_with_health(
        &self,
        data_dir: &std::path::Path,
    ) -> (samverkan::Running, String) {
        let other = samverkan::start_with_health(self.store().await, "127.0.0.1:0", Some(data_dir))
            .await
            .expect("second server");
        let base = format!("http://{}", other.addr);
        (other, base)
    }

    /// PATCH the actor `slug` through the API with `token`, asserting 200.
    pub async fn patch_actor(&self, token: &str, slug: &str, body: serde_json::Value) {
        let res = self
            .client
            .patch(format!("{}/api/v1/actors/{slug}", self.base))
            .bearer_auth(token)
            .json(&body)
            .send()
            .await
            .expect("patch");
        assert_eq!(
            res.status(),
            reqwest::StatusCode::OK,
            "PATCH {slug}: {}",
            res.text().await.unwrap_or_default()
        );
    }

    /// The database URL of this test.
    pub fn db_url(&self) -> String {
        self._db.url()
    }

    /// A second handle on the test's database (as an operator's command would open it).
    pub async fn store(&self) -> store::Store {
        store::Store::connect(&self._db.url()).await.expect("store")
    }

    /// Creates a verified user with `role` (for `actor`) and a password; returns the user id.
    pub async fn user(&self, email: &str, role: &str, actor: Option<&str>) -> i64 {
        let store = self.store().await;
        samverkan::add_user(&store, email, role, actor, Some(email), Some(PASSWORD))
            .await
            .expect("add user");
        store
            .user_by_email(email)
            .await
            .expect("query")
            .expect("user")
            .id
    }

    /// A client with its own cookie jar.
    pub fn browser(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .cookie_store(true)
            .build()
            .expect("client")
    }

    /// Signs in through the login form with a new cookie jar; returns the client.
    pub async fn signed_in(&self, email: &str, password: &str) -> reqwest::Client {
        let c = self.browser();
        let res = self.login(&c, email, password).await;
        assert_eq!(
            res.status(),
            StatusCode::SEE_OTHER,
            "login of {email}: {}",
            res.text().await.unwrap_or_default()
        );
        c
    }

    /// GET `path` with the client `c` (its cookies), returning the body as sent.
    pub async fn page(&self, c: &reqwest::Client, path: &str) -> String {
        let res = c
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .expect("get");
        res.text().await.expect("text")
    }

    /// POST a form to `path` with the client `c` (its cookies).
    pub async fn post_form<T: serde::Serialize + ?Sized>(
        &self,
        c: &reqwest::Client,
        path: &str,
        form: &T,
    ) -> reqwest::Response {
        c.post(format!("{}{path}", self.base))
            .form(form)
            .send()
            .await
            .expect("post")
    }

    /// Submits the login form with `c`.
    pub async fn login(
        &self,
        c: &reqwest::Client,
        email: &str,
        password: &str,
    ) -> reqwest::Response {
        self.login_at(&self.base, c, email, password).await
    }

    /// [`TestApp::login`] on the server at `base` (another server of the site, on this test's database).
    pub async fn login_at(
        &self,
        base: &str,
        c: &reqwest::Client,
        email: &str,
        password: &str,
    ) -> reqwest::Response {
        let fields = [("email", email), ("password", password), ("next", "")];
        form_at(base, c, "/en/login", &fields).await
    }

    /// The CSRF token in the first form of the page at `path`, fetched with `c`.
    pub async fn csrf(&self, c: &reqwest::Client, path: &str) -> String {
        let html = self.page(c, path).await;
        csrf_in(&html).unwrap_or_else(|| panic!("no csrf field on {path}"))
    }

    /// The e-mails queued for `to`, newest first.
    pub async fn mail(&self, to: &str) -> Vec<store::OutgoingMail> {
        self.store().await.mail_to(to).await.expect("outbox")
    }

    /// Stops the server gracefully.
    pub async fn stop(mut self) {
        if let Some(r) = self.running.take() {
            r.stop().await.expect("graceful stop");
        }
    }
}

/// The password the test users get.
pub const PASSWORD: &str = "Flemingsberg campus 2026!";

/// Fills the form on the page at `base` + `path` as a browser would: reads the page for its CSRF token (none when
/// the page has no form), then posts `fields` with it to the same address.
pub async fn form_at(
    base: &str,
    c: &reqwest::Client,
    path: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let page = c
        .get(format!("{base}{path}"))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("text");
    let csrf = csrf_in(&page).unwrap_or_default();
    let mut form: Vec<(&str, &str)> = vec![("csrf", csrf.as_str())];
    form.extend_from_slice(fields);
    c.post(format!("{base}{path}"))
        .form(&form)
        .send()
        .await
        .expect("post")
}

/// The value of the first `csrf` hidden field in `html`.
pub fn csrf_in(html: &str) -> Option<String> {
    let after = html.split("name=\"csrf\" value=\"").nth(1)?;
    Some(after.split('"').next()?.to_owned())
}

/// The first link in an e-mail body that starts with `http`.
pub fn link_in(body: &str) -> String {
    body.split_whitespace()
        .find(|w| w.starts_with("http"))
        .expect("a link in the mail")
        .to_owned()
}

/// Undoes the escapes of `&`, `'` and `"`; `<` and `>` stay escaped so markup checks stay honest.
pub fn unescape(html: &str) -> String {
    html.replace("&#38;", "&")
        .replace("&amp;", "&")
        .replace("&#39;", "'")
        .replace("&#34;", "\"")
        .replace("&quot;", "\"")
}

/// Every actor via the paged API, following pages.
pub async fn all_actors(app: &TestApp, query: &str) -> Vec<serde_json::Value> {
    let mut out = Vec::new();
    let mut page: u32 = 1;
    loop {
        let sep = if query.is_empty() { "" } else { "&" };
        let body = app
            .json(&format!(
                "/api/v1/actors?per_page=100&page={page}{sep}{query}"
            ))
            .await;
        let items = body["items"].as_array().expect("items").clone();
        let pages = body["pages"].as_u64().expect("pages");
        out.extend(items);
        if u64::from(page) >= pages {
            return out;
        }
        page += 1;
    }
}
