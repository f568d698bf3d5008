//! Operations endpoints and response headers.

use crate::helpers::TestApp;
use reqwest::StatusCode;

#[tokio::test]
async fn health_readiness_and_metrics() {
    let app = TestApp::spawn().await;
    assert_eq!(app.get("/healthz").await, (StatusCode::OK, "ok".to_owned()));
    assert_eq!(
        app.get("/readyz").await,
        (StatusCode::OK, "ready".to_owned())
    );
    app.get("/en/actors/vecura").await;
    app.get("/en/actors/vecura").await;
    app.get("/en/actors/nobody").await;
    let (status, metrics) = app.get("/metrics").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        metrics.contains("samverkan_http_requests_total{method=\"GET\",route=\"/{lang}/actors/{slug}\",status=\"200\"} 2"),
        "{metrics}"
    );
    assert!(metrics.contains("samverkan_http_requests_total{method=\"GET\",route=\"/{lang}/actors/{slug}\",status=\"404\"} 1"));
    assert!(metrics.contains(
        "samverkan_http_request_duration_seconds_count{route=\"/{lang}/actors/{slug}\"} 3"
    ));
    app.stop().await;
}

#[tokio::test]
async fn every_response_carries_the_baseline_security_headers() {
    let app = TestApp::spawn().await;
    for path in ["/sv/", "/api/v1/actors", "/en/missing", "/healthz"] {
        let res = app.get_with(path, &[]).await;
        let h = res.headers();
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        let csp = h["content-security-policy"].to_str().expect("csp");
        assert!(
            csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline"),
            "{path}"
        );
        assert!(h.contains_key("referrer-policy"), "{path}");
    }
    app.stop().await;
}

#[tokio::test]
async fn readiness_fails_when_the_database_is_gone() {
    let db = crate::helpers::TestDb::create().await;
    let (store, _) = samverkan::prepare(&db.url()).await.expect("prepare");
    store.close().await;
    let running = samverkan::start(store, "127.0.0.1:0").await.expect("start");
    let res = reqwest::get(format!("http://{}/readyz", running.addr))
        .await
        .expect("request");
    assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(
        reqwest::get(format!("http://{}/healthz", running.addr))
            .await
            .expect("req")
            .status(),
        StatusCode::OK
    );
    running.stop().await.expect("stop");
}
