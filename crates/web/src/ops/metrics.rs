//! Request metrics in Prometheus text format: a counter by route, method and status, and a latency histogram
//! by route. Routes are the matched templates (`/{lang}/actors/{slug}`), so the label set stays small.

use crate::AppState;
use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::Response;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::time::Instant;

/// Upper bounds of the latency buckets, in seconds.
const BUCKETS: [f64; 11] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5,
];

#[derive(Default)]
struct Histogram {
    counts: [u64; BUCKETS.len()],
    sum: f64,
    count: u64,
}

#[derive(Default)]
struct Tables {
    requests: BTreeMap<(String, String, u16), u64>,
    latency: BTreeMap<String, Histogram>,
}

/// The in-process metrics registry.
#[derive(Default)]
pub struct Metrics(Mutex<Tables>);

impl Metrics {
    /// Records one finished request.
    pub fn record(&self, method: &str, route: &str, status: u16, seconds: f64) {
        let mut t = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *t.requests
            .entry((method.to_owned(), route.to_owned(), status))
            .or_default() += 1;
        let h = t.latency.entry(route.to_owned()).or_default();
        for (i, bound) in BUCKETS.iter().enumerate() {
            if seconds <= *bound {
                h.counts[i] += 1;
            }
        }
        h.sum += seconds;
        h.count += 1;
    }

    /// The registry in Prometheus text exposition format (version 0.0.4).
    pub fn render(&self, uptime_seconds: u64) -> String {
        let t = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# HELP samverkan_uptime_seconds Seconds since the server started."
        );
        let _ = writeln!(out, "# TYPE samverkan_uptime_seconds gauge");
        let _ = writeln!(out, "samverkan_uptime_seconds {uptime_seconds}");
        let _ = writeln!(
            out,
            "# HELP samverkan_http_requests_total HTTP requests by method, route and status."
        );
        let _ = writeln!(out, "# TYPE samverkan_http_requests_total counter");
        for ((method, route, status), n) in &t.requests {
            let _ = writeln!(
                out,
                "samverkan_http_requests_total{{method=\"{method}\",route=\"{}\",status=\"{status}\"}} {n}",
                escape(route)
            );
        }
        let _ = writeln!(
            out,
            "# HELP samverkan_http_request_duration_seconds HTTP request latency by route."
        );
        let _ = writeln!(
            out,
            "# TYPE samverkan_http_request_duration_seconds histogram"
        );
        for (route, h) in &t.latency {
            let route = escape(route);
            for (bound, n) in BUCKETS.iter().zip(h.counts) {
                let _ = writeln!(
                    out,
                    "samverkan_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"{bound}\"}} {n}"
                );
            }
            let _ = writeln!(
                out,
                "samverkan_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {}",
                h.count
            );
            let _ = writeln!(
                out,
                "samverkan_http_request_duration_seconds_sum{{route=\"{route}\"}} {}",
                h.sum
            );
            let _ = writeln!(
                out,
                "samverkan_http_request_duration_seconds_count{{route=\"{route}\"}} {}",
                h.count
            );
        }
        out
    }
}

fn escape(label: &str) -> String {
    label
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// The method as a label: the standard methods by name, anything else as `OTHER`, so a client cannot add
/// series by inventing methods (the route label is the matched template or `unmatched`, equally bounded).
fn method_label(method: &axum::http::Method) -> &'static str {
    match method.as_str() {
        "GET" => "GET",
        "HEAD" => "HEAD",
        "POST" => "POST",
        "PUT" => "PUT",
        "PATCH" => "PATCH",
        "DELETE" => "DELETE",
        "OPTIONS" => "OPTIONS",
        _ => "OTHER",
    }
}

/// Middleware that times every request and records it under its matched route.
pub(crate) async fn track(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let start = Instant::now();
    let method = method_label(req.method()).to_owned();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map_or("unmatched", |m| m.as_str())
        .to_owned();
    let res = next.run(req).await;
    state.metrics().record(
        &method,
        &route,
        res.status().as_u16(),
        start.elapsed().as_secs_f64(),
    );
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invented_methods_share_one_label() {
        let odd = axum::http::Method::from_bytes(b"FROBNICATE").expect("method");
        assert_eq!(method_label(&odd), "OTHER");
        assert_eq!(method_label(&axum::http::Method::PATCH), "PATCH");
    }

    #[test]
    fn histogram_buckets_are_cumulative() {
        let m = Metrics::default();
        m.record("GET", "/healthz", 200, 0.003);
        m.record("GET", "/healthz", 200, 0.2);
        let text = m.render(5);
        assert!(text.contains(
            "samverkan_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"} 2"
        ));
        assert!(text.contains("_bucket{route=\"/healthz\",le=\"0.005\"} 1"));
        assert!(text.contains("_bucket{route=\"/healthz\",le=\"0.25\"} 2"));
        assert!(text.contains("_bucket{route=\"/healthz\",le=\"+Inf\"} 2"));
    }
}
