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

    /// True on PostgreSQL.
    #[allow(dead_code)]
    pub fn is_postgres(&self) -> bool {
        matches!(self, TestDb::Postgres { .. })
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
        let db = TestDb::create().await;
        let (store, prepared) = samverkan::prepare(&db.url())
            .await
            .expect("prepare database");
        assert!(
            matches!(prepared, samverkan::Prepared::Seeded(_)),
            "a fresh database is seeded"
        );
        let running = samverkan::start(store, "127.0.0.1:0")
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

    /// Stops the server gracefully.
    pub async fn stop(mut self) {
        if let Some(r) = self.running.take() {
            r.stop().await.expect("graceful stop");
        }
    }
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
