//! The command line: `check`, `assess` and `questions` as a user or CI runs them, exit status
//! included (0 success, 1 a scenario failed, 2 bad input or usage).

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_ai-act-check");
const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/scenarios");
const OWN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/scenarios");

fn run(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut input = child.stdin.take().expect("piped");
    input.write_all(stdin.unwrap_or_default().as_bytes()).expect("stdin accepts the input");
    drop(input);
    child.wait_with_output().expect("the binary finishes")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("the output is UTF-8")
}

/// A file in a folder of its own under the system's temporary folder, removed on drop.
struct TempFile {
    dir: PathBuf,
    path: PathBuf,
}

impl TempFile {
    fn new(name: &str, contents: &str) -> TempFile {
        let dir = std::env::temp_dir().join(format!("ai-act-check-cli-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a temporary folder");
        let path = dir.join(name);
        std::fs::write(&path, contents).expect("a temporary file");
        TempFile { dir, path }
    }

    fn path(&self) -> &str {
        self.path.to_str().expect("a UTF-8 path")
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Bad input is exit status 2 with a message on stderr, never a panic.
fn assert_refused(out: &Output, names: &str) {
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "exit status 2, stderr: {stderr}");
    assert!(!stderr.contains("panicked"), "no panic: {stderr}");
    assert!(stderr.starts_with("error: "), "an error message: {stderr}");
    assert!(stderr.contains(names), "the message names {names}: {stderr}");
    assert!(out.stdout.is_empty(), "no assessment is printed: {}", text(&out.stdout));
}

fn recruiting_facts() -> serde_json::Value {
    let scenario = std::fs::read_to_string(format!("{SHARED}/extraterritorial-recruiting.json")).expect("readable");
    let json: serde_json::Value = serde_json::from_str(&scenario).expect("JSON");
    json["facts"].clone()
}

#[test]
fn check_passes_the_shared_scenarios() {
    let out = run(&["check", SHARED], None);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}{}", text(&out.stderr));
    assert_eq!(stdout.lines().last(), Some("55 passed, 0 failed"));
    assert_eq!(stdout.lines().filter(|l| l.starts_with("ok    ")).count(), 55);
}

#[test]
fn check_passes_our_scenarios_with_the_shared_ones() {
    let own = std::fs::read_dir(OWN).expect("tests/scenarios").count();
    let out = run(&["check", SHARED, OWN], None);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert_eq!(stdout.lines().last(), Some(format!("{} passed, 0 failed", 55 + own).as_str()));
}

#[test]
fn check_fails_a_wrong_expectation_readably() {
    let scenario = std::fs::read_to_string(format!("{SHARED}/extraterritorial-recruiting.json")).expect("readable");
    let mut json: serde_json::Value = serde_json::from_str(&scenario).expect("JSON");
    json["expect"]["categories"] = serde_json::json!(["minimal"]);
    json["expect"]["obligations_include"] = serde_json::json!([{"article": "Art. 26", "applies_from": "2026-08-02"}]);
    let file = TempFile::new("wrong.json", &json.to_string());
    let out = run(&["check", file.path()], None);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.first(), Some(&"FAIL  extraterritorial-recruiting"));
    assert!(lines.contains(&"        categories: expected [minimal], got [high_risk]"), "{stdout}");
    assert!(
        lines
            .contains(&"        obligations: missing Art. 26 from 2026-08-02 (got Art. 26 (deployer) from 2027-12-02)"),
        "{stdout}"
    );
    assert_eq!(lines.last(), Some(&"0 passed, 1 failed"));
}

#[test]
fn check_reports_a_file_that_is_not_a_scenario() {
    let file = TempFile::new("broken.json", "{\"id\": \"x\"");
    let out = run(&["check", file.path()], None);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("not a scenario file"), "{stdout}");
    assert_eq!(stdout.lines().last(), Some("0 passed, 1 failed"));
    let out = run(&["check", "/no/such/folder"], None);
    assert_refused(&out, "/no/such/folder");
}

#[test]
fn assess_refuses_bad_input() {
    let out = run(&["assess", "-"], Some("{\"subject\": "));
    assert_refused(&out, "not valid JSON");

    let out = run(&["assess", "-"], Some(r#"{"subject": "ai_system", "colour": "blue"}"#));
    assert_refused(&out, "fact 'colour'");

    let out = run(&["assess", "-"], Some(r#"{"subject": "ai_system", "autonomy": 3}"#));
    assert_refused(&out, "fact 'autonomy'");

    let out = run(&["assess", "-"], Some(r#"{"subject": "ai_system", "as_of": "2027-02-31"}"#));
    assert_refused(&out, "fact 'as_of'");
    assert!(text(&out.stderr).contains("2027-02-31"));

    let out = run(&["assess", "-"], Some(r#"{"roles": ["provider", "owner"]}"#));
    assert_refused(&out, "fact 'roles'");

    let out = run(&["assess", "-"], Some(r#"{"gpai_training_flop": -1}"#));
    assert_refused(&out, "fact 'gpai_training_flop'");

    let out = run(&["assess", "-"], Some("[1, 2]"));
    assert_refused(&out, "JSON object");

    let out = run(&["assess", "/no/such/facts.json"], None);
    assert_refused(&out, "/no/such/facts.json");
}

#[test]
fn usage_errors_exit_2() {
    for args in [&[][..], &["assess"], &["check"], &["questions", "extra"], &["frobnicate"]] {
        let out = run(args, None);
        assert_refused(&out, "usage:");
    }
}

#[test]
fn assess_reads_standard_input_and_files() {
    let facts = recruiting_facts().to_string();
    let out = run(&["assess", "-"], Some(&facts));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let a: serde_json::Value = serde_json::from_str(&text(&out.stdout)).expect("the assessment is JSON");
    assert_eq!(a["complete"], true);
    assert_eq!(a["in_scope"], true);
    assert_eq!(a["categories"], serde_json::json!(["high_risk"]));
    assert_eq!(a["roles"], serde_json::json!(["deployer"]));
    assert!(a["scope_basis"].as_array().is_some_and(|b| b.contains(&serde_json::json!("Art. 2(1)(c)"))));

    let file = TempFile::new("facts.json", &facts);
    let from_file = run(&["assess", file.path()], None);
    assert_eq!(from_file.status.code(), Some(0));
    assert_eq!(from_file.stdout, out.stdout, "a file and standard input give the same assessment");
}

#[test]
fn assess_defaults_as_of_to_today() {
    let mut facts = recruiting_facts();
    facts.as_object_mut().expect("an object").remove("as_of");
    let out = run(&["assess", "-"], Some(&facts.to_string()));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let a: serde_json::Value = serde_json::from_str(&text(&out.stdout)).expect("JSON");
    assert_eq!(a["complete"], true, "as_of is set by the tool, not asked");
    assert!(a["obligations"].as_array().is_some_and(|o| o.iter().all(|o| o["in_force"].is_boolean())));
}

#[test]
fn questions_prints_the_catalogue() {
    let out = run(&["questions"], None);
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_str(&text(&out.stdout)).expect("the catalogue is JSON");
    let questions = json.as_array().expect("a JSON array");
    let mut ids: Vec<&str> = questions.iter().map(|q| q["id"].as_str().expect("every question has an id")).collect();
    let count = ids.len();
    assert!(count > 30, "{count} questions");
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), count, "question ids are unique");
    assert!(!ids.contains(&"as_of"), "the host sets as_of; it is not asked");
    assert!(ids.contains(&"subject") && ids.contains(&"placed_on_market_on"));
}
