//! The `samverkan` binary as an operator uses it.

use crate::helpers::TestDb;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

fn samverkan() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_samverkan"));
    for (k, _) in std::env::vars() {
        if k.starts_with("SAMVERKAN_") {
            cmd.env_remove(k);
        }
    }
    cmd.current_dir(std::env::temp_dir());
    cmd
}

#[tokio::test]
async fn migrate_then_seed_then_seed_again_is_refused() {
    let db = TestDb::create().await;
    let out = samverkan()
        .args(["migrate", "--db", &db.url()])
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("is up to date"));
    let out = samverkan()
        .args(["seed", "--db", &db.url()])
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("Loaded the Stockholm data set"));
    let out = samverkan()
        .args(["seed", "--db", &db.url()])
        .output()
        .expect("run");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("already holds data"));
}

#[test]
fn every_subcommand_has_help() {
    for args in [
        vec!["--help"],
        vec!["serve", "--help"],
        vec!["migrate", "--help"],
        vec!["seed", "--help"],
        vec!["backup", "--help"],
        vec!["restore", "--help"],
        vec!["health", "serve-scheduler", "--help"],
        vec!["health", "serve-executor", "--help"],
        vec!["user", "add", "--help"],
        vec!["token", "create", "--help"],
    ] {
        let out = samverkan().args(&args).output().expect("run");
        assert!(out.status.success(), "{args:?}");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains("--db") && text.contains("--data-dir"),
            "{args:?}: {text}"
        );
    }
}

#[test]
fn the_container_file_starts_each_role_with_flags_the_binary_takes() {
    let file = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../deploy/Containerfile"
    ))
    .expect("deploy/Containerfile");
    let mut roles = Vec::new();
    for line in file.lines().filter(|l| l.starts_with("CMD ")) {
        let cmd: Vec<String> = serde_json::from_str(&line[4..]).expect("CMD in exec form");
        assert_eq!(cmd[0], "samverkan", "{line}");
        // clap checks every flag and the role's value before it prints the help.
        let out = samverkan()
            .args(&cmd[1..])
            .arg("--help")
            .output()
            .expect("run");
        assert!(
            out.status.success(),
            "{line}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let at = cmd.iter().position(|a| a == "--role").expect("--role") + 1;
        roles.push(cmd[at].clone());
    }
    roles.sort();
    assert_eq!(roles, ["web", "worker"]);
}

#[tokio::test]
async fn config_precedence_is_file_then_environment_then_flag() {
    let file_db = TestDb::create().await;
    let env_db = TestDb::create().await;
    let flag_db = TestDb::create().await;
    let dir = std::env::temp_dir().join(format!("samverkan-config-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let config = dir.join("samverkan.toml");
    std::fs::write(&config, format!("db = \"{}\"\n", file_db.url())).expect("write");
    let run = |env: Option<&str>, flag: Option<&str>| {
        let mut cmd = samverkan();
        cmd.arg("migrate").arg("--config").arg(&config);
        if let Some(e) = env {
            cmd.env("SAMVERKAN_DB", e);
        }
        if let Some(f) = flag {
            cmd.args(["--db", f]);
        }
        let out = cmd.output().expect("run");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let redact = |u: String| samverkan::config::redact(&u);
    assert!(run(None, None).contains(&redact(file_db.url())));
    assert!(run(Some(&env_db.url()), None).contains(&redact(env_db.url())));
    assert!(run(Some(&env_db.url()), Some(&flag_db.url())).contains(&redact(flag_db.url())));
    std::fs::write(&config, "dbb = \"typo\"\n").expect("write");
    let out = samverkan()
        .arg("migrate")
        .arg("--config")
        .arg(&config)
        .output()
        .expect("run");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown field"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// A running `samverkan serve` with JSON logs: the child, its address, whether it said it loaded the Stockholm
/// data, and the rest of its log.
struct Served {
    child: std::process::Child,
    addr: String,
    seeded: bool,
    lines: std::io::Lines<BufReader<std::process::ChildStderr>>,
}

fn serve(db: &TestDb, data_dir: &std::path::Path, extra: &[&str]) -> Served {
    let mut child = samverkan()
        .args([
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--db",
            &db.url(),
            "--log-format",
            "json",
        ])
        .args(extra)
        .arg("--data-dir")
        .arg(data_dir)
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let stderr = child.stderr.take().expect("stderr");
    let mut lines = BufReader::new(stderr).lines();
    let mut seeded = false;
    for line in lines.by_ref() {
        let line = line.expect("line");
        let json: serde_json::Value =
            serde_json::from_str(&line).unwrap_or_else(|_| panic!("JSON log line: {line}"));
        if json["message"] == "loaded the Stockholm data set" {
            seeded = true;
        }
        if let Some(m) = json["message"]
            .as_str()
            .and_then(|m| m.strip_prefix("Samverkan is serving on http://"))
        {
            let addr = m.trim_end_matches('/').to_owned();
            return Served {
                child,
                addr,
                seeded,
                lines,
            };
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("the server never said where it serves");
}

fn stop(mut served: Served) -> Vec<String> {
    let pid = served.child.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .expect("kill")
            .success()
    );
    let status = served.child.wait().expect("wait");
    assert!(status.success(), "clean exit on SIGTERM: {status:?}");
    served.lines.map_while(Result::ok).collect()
}

#[tokio::test]
async fn a_worker_answers_only_the_operations_endpoints() {
    let db = TestDb::create().await;
    let data_dir = std::env::temp_dir().join(format!("samverkan-worker-{}", std::process::id()));
    let served = serve(&db, &data_dir, &["--role", "worker"]);
    for (path, status) in [
        ("/healthz", 200),
        ("/metrics", 200),
        ("/sv/", 404),
        ("/api/v1/actors", 404),
    ] {
        let res = reqwest::get(format!("http://{}{path}", served.addr))
            .await
            .expect("get");
        assert_eq!(res.status().as_u16(), status, "{path}");
    }
    stop(served);
    let _ = std::fs::remove_dir_all(&data_dir);
}

#[tokio::test]
async fn serve_seeds_an_empty_database_and_stops_gracefully_on_sigterm() {
    let db = TestDb::create().await;
    let data_dir = std::env::temp_dir().join(format!("samverkan-data-{}", std::process::id()));
    let served = serve(&db, &data_dir, &[]);
    let (addr, seeded) = (served.addr.clone(), served.seeded);
    assert!(seeded);
    assert!(data_dir.is_dir(), "data folder created");
    let body = reqwest::get(format!("http://{addr}/en/actors?per_page=100"))
        .await
        .expect("get")
        .text()
        .await
        .expect("text");
    assert!(body.contains("Vecura"));
    let rest = stop(served);
    assert!(rest.iter().any(|l| l.contains("stopped")), "{rest:?}");
    let _ = std::fs::remove_dir_all(&data_dir);
}

#[tokio::test]
async fn backup_then_restore_gives_an_identical_dataset() {
    let source = TestDb::create().await;
    let (store, _) = samverkan::prepare(&source.url()).await.expect("prepare");
    samverkan::add_user(
        &store,
        "office@example.se",
        "admin",
        None,
        None,
        Some("a long pass phrase 1"),
    )
    .await
    .expect("user");
    samverkan::create_token(
        &store,
        "office@example.se",
        "backup test",
        domain::TokenScope::Write,
        None,
    )
    .await
    .expect("token");
    let before = store.fingerprint().await.expect("fingerprint");
    let first = store
        .list_actors(
            &store::ActorFilter::default(),
            domain::Lang::Sv,
            domain::PageRequest::new(1, 100).expect("page"),
        )
        .await
        .expect("list");
    let file = std::env::temp_dir().join(format!(
        "samverkan-backup-{}-{}.bak",
        std::process::id(),
        before.len()
    ));
    let _ = std::fs::remove_file(&file);
    let out = samverkan()
        .args(["backup", "--db", &source.url(), "--out"])
        .arg(&file)
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A second backup to the same file is refused rather than overwriting it.
    let again = samverkan()
        .args(["backup", "--db", &source.url(), "--out"])
        .arg(&file)
        .output()
        .expect("run");
    assert!(!again.status.success());

    let target = TestDb::create().await;
    let out = samverkan()
        .args(["restore", "--db", &target.url()])
        .arg(&file)
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let restored = store::Store::connect(&target.url()).await.expect("connect");
    assert_eq!(restored.fingerprint().await.expect("fingerprint"), before);
    let second = restored
        .list_actors(
            &store::ActorFilter::default(),
            domain::Lang::Sv,
            domain::PageRequest::new(1, 100).expect("page"),
        )
        .await
        .expect("list");
    assert_eq!(first.items, second.items);
    assert!(
        restored
            .user_by_email("office@example.se")
            .await
            .expect("q")
            .is_some()
    );
    // Restoring over data is refused.
    let out = samverkan()
        .args(["restore", "--db", &target.url()])
        .arg(&file)
        .output()
        .expect("run");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("holds data"));
    let _ = std::fs::remove_file(&file);
}

/// Runs the binary with `args` and `stdin`, with backtraces asked for, as an operator who exported it would.
fn run_with_backtrace(args: &[&str], stdin: &str) -> std::process::Output {
    use std::io::Write;
    let mut child = samverkan()
        .args(args)
        .env("RUST_BACKTRACE", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write");
    child.wait_with_output().expect("wait")
}

#[tokio::test]
async fn a_user_error_is_a_message_and_exit_code_1_never_a_stack_trace() {
    let db = TestDb::create().await;
    let url = db.url();
    let cases: [(&[&str], &str, &str); 5] = [
        (
            &[
                "user",
                "add",
                "--email",
                "a@example.se",
                "--role",
                "admin",
                "--password-stdin",
                "--db",
                &url,
            ],
            "aaaaaaaaaaaaaaaa\n",
            "password",
        ),
        (
            &[
                "user",
                "add",
                "--email",
                "b@example.se",
                "--role",
                "editor",
                "--actor",
                "no-such-actor",
                "--password-stdin",
                "--db",
                &url,
            ],
            "a long pass phrase for the editor\n",
            "no actor has the slug no-such-actor",
        ),
        (
            &["import", "/no/such/file.csv", "--db", &url],
            "",
            "file.csv",
        ),
        (
            &[
                "user",
                "add",
                "--email",
                "not-an-address",
                "--role",
                "admin",
                "--db",
                &url,
            ],
            "",
            "--email",
        ),
        (
            &[
                "serve",
                "--addr",
                "127.0.0.1:0",
                "--health-cluster",
                "http://127.0.0.1:50050",
                "--db",
                &url,
            ],
            "",
            "--health-cluster: the cluster address \"http://127.0.0.1:50050\" is not of the form df://HOST:PORT",
        ),
    ];
    for (args, stdin, says) in cases {
        let out = run_with_backtrace(args, stdin);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(stderr.contains(says), "{args:?}: {stderr}");
        assert!(stderr.starts_with("error: "), "{args:?}: {stderr}");
        assert!(
            !stderr.contains("backtrace") && !stderr.contains("Stack") && !stderr.contains(" at "),
            "{args:?}: no stack trace: {stderr}"
        );
    }
    // The refused `user add --actor` created nobody.
    let store = store::Store::connect(&url).await.expect("store");
    assert!(
        store
            .user_by_email("b@example.se")
            .await
            .expect("query")
            .is_none()
    );
}

#[test]
fn health_generate_then_load_and_a_bad_load_names_its_problems() {
    let dir = tempfile::tempdir().expect("tempdir");
    let population = dir.path().join("population");
    let out = samverkan()
        .args([
            "health",
            "generate",
            "--persons",
            "500",
            "--seed",
            "5",
            "--out",
        ])
        .arg(&population)
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .contains("Wrote a synthetic population of 500 persons")
    );
    let again = samverkan()
        .args(["health", "generate", "--persons", "500", "--out"])
        .arg(&population)
        .output()
        .expect("run");
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already holds a population"));

    let out = samverkan()
        .args(["--data-dir"])
        .arg(dir.path())
        .args(["health", "load"])
        .arg(&population)
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("person 500"));
    assert!(dir.path().join("health/loaded/person.parquet").exists());

    let bad = dir.path().join("bad");
    std::fs::create_dir_all(&bad).expect("dir");
    std::fs::write(
        bad.join("person.csv"),
        "person_id,gender_concept_id,year_of_birth,race_concept_id,ethnicity_concept_id\n1,8532,x,0,0\n",
    )
    .expect("write");
    let out = samverkan()
        .env("RUST_BACKTRACE", "1")
        .args(["health", "load"])
        .arg(&bad)
        .args(["--out"])
        .arg(dir.path().join("nowhere"))
        .output()
        .expect("run");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("person.csv row 2, year_of_birth: \"x\" is not a whole number"),
        "{err}"
    );
    assert!(
        !err.contains("stack backtrace") && !err.contains("panicked"),
        "a message, not a trace: {err}"
    );
    assert!(!dir.path().join("nowhere/person.parquet").exists());
}
