//! Every example program, run as a researcher runs it, with its output checked.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test helper may fail loudly

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Once;

use cityalign::{Corpus, BUNDLED};
use unicode_width::UnicodeWidthStr;

/// The built example `name`, next to this test's own executable.
fn example(name: &str) -> Command {
    static BUILD: Once = Once::new();
    let profile_dir: PathBuf = std::env::current_exe().unwrap().parent().unwrap().parent().unwrap().to_path_buf();
    // `cargo test --test examples` alone does not build the examples: build them (a no-op
    // when `cargo test` just did) in the profile this test runs in.
    BUILD.call_once(|| {
        let profile = if profile_dir.ends_with("release") { "release" } else { "dev" };
        let status = Command::new(option_env!("CARGO").unwrap_or("cargo"))
            .args(["build", "--quiet", "--examples", "--profile", profile])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .status();
        assert!(status.unwrap().success(), "help: the examples do not build");
    });
    let mut command =
        Command::new(profile_dir.join("examples").join(format!("{name}{}", std::env::consts::EXE_SUFFIX)));
    // The table follows the terminal's width when the shell exports it: not here.
    command.env_remove("COLUMNS");
    command
}

fn run(name: &str, args: &[&str]) -> (String, String) {
    let Output { status, stdout, stderr } = example(name).args(args).output().unwrap();
    let (stdout, stderr) = (String::from_utf8(stdout).unwrap(), String::from_utf8(stderr).unwrap());
    assert!(status.success(), "help: {name} {args:?} failed: {stderr}");
    (stdout, stderr)
}

/// A path in a directory of its own, removed with it when dropped, so that runs leave
/// nothing behind.
struct Temp(PathBuf);

impl std::ops::Deref for Temp {
    type Target = Path;

    fn deref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<Path> for Temp {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl Drop for Temp {
    fn drop(&mut self) {
        if let Some(dir) = self.0.parent() {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

fn temp(name: &str) -> Temp {
    let dir = std::env::temp_dir().join(format!("cityalign-examples-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    Temp(dir.join(name))
}

#[test]
fn compare_into_a_closed_pipe_is_no_error() {
    use std::io::Read;
    use std::process::Stdio;
    // The JSON export is larger than a pipe's buffer: compare must meet the closed end.
    let mut child = example("compare").arg("--json").stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && !stderr.contains("panicked"), "help: `compare | head` failed: {stderr}");
}

#[test]
fn compare_prints_the_table_within_120_columns() {
    let (out, _) = run("compare", &[]);
    let header = out.lines().next().unwrap();
    for plan in Corpus::bundled().unwrap().iter() {
        let city = plan.city.as_deref().unwrap();
        assert!(header.contains(city), "help: no column for {} in {header:?}", plan.id);
    }
    assert!(out.contains("5G基站"));
    assert!(out.lines().all(|l| l.width() <= 120), "help: a line is wider than 120 columns");

    let narrow = example("compare").env("COLUMNS", "80").output().unwrap();
    let narrow = String::from_utf8(narrow.stdout).unwrap();
    assert!(narrow.starts_with("plans 1–3 of 5\n"), "help: five plans in 80 columns come in blocks: {narrow}");
    assert!(narrow.lines().all(|l| l.width() <= 80), "help: a line is wider than COLUMNS=80");
}

#[test]
fn compare_formats_and_files() {
    let (csv, _) = run("compare", &["--format", "csv"]);
    assert!(csv.starts_with("initiative,"));
    let (md, _) = run("compare", &["--format", "markdown", "--strategy", "tfidf", "--threshold", "0.3"]);
    assert!(md.starts_with("| initiative |"));
    let json_path = temp("comparison.json");
    run("compare", &["--json", "--query", "充电桩", "--out", json_path.to_str().unwrap()]);
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&json_path).unwrap()).unwrap();
    assert_eq!(json["plans"].as_array().unwrap().len(), BUNDLED.len());
    assert_eq!(json["queries"][0]["query"], "充电桩");
    let html_path = temp("report.html");
    run("compare", &["--format", "html", "--out", html_path.to_str().unwrap()]);
    let html = std::fs::read_to_string(&html_path).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<svg"));
    let (help, _) = run("compare", &["--help"]);
    for option in ["--plan", "--dir", "--only", "--strategy", "--threshold", "--query", "--format", "--out", "html"] {
        assert!(help.contains(option), "help: --help does not mention {option}");
    }
}

#[test]
fn compare_reads_a_researchers_gbk_plans_and_names_bad_files() {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/variants/enumerated.txt")).unwrap();
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    let dir = temp("plans");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("gbk-city.txt"), &gbk).unwrap();
    std::fs::write(dir.join("crlf-city.txt"), format!("\u{feff}{}", text.replace('\n', "\r\n"))).unwrap();
    let (csv, _) = run("compare", &["--only", "--dir", dir.to_str().unwrap(), "--format", "csv"]);
    // Both copies read alike, so they align task for task with the same facts.
    let row =
        |plan: &str| csv.lines().find(|l| l.starts_with(&format!("5G基站,{plan},"))).map(|l| l.replacen(plan, "", 2));
    assert!(row("gbk-city").is_some(), "help: the GBK plan was not read: {csv}");
    assert_eq!(row("gbk-city"), row("crlf-city"));

    let utf16: Vec<u8> = [0xff, 0xfe].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    std::fs::write(dir.join("utf16-city.txt"), utf16).unwrap();
    let (csv, _) = run("compare", &["--only", "--dir", dir.to_str().unwrap(), "--format", "csv"]);
    assert!(csv.contains(",utf16-city,"), "help: the UTF-16 plan was not read");
}

#[test]
fn compare_goes_on_past_bad_files_and_exits_by_what_it_could_do() {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/variants/enumerated.txt")).unwrap();
    let dir = temp("mixed");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("a-city.txt"), &text).unwrap();
    std::fs::write(dir.join("b-city.txt"), text.replace("县", "区")).unwrap();
    std::fs::write(dir.join("c-bad-bytes.txt"), [0x80, 0xff, 0xff, 0x00]).unwrap();
    std::fs::write(dir.join("d-empty.txt"), "").unwrap();
    let d = dir.to_str().unwrap();
    let status = |args: &[&str]| {
        let out = example("compare").args(args).output().unwrap();
        (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
    };
    let (code, stderr) = status(&["--only", "--dir", d, "--format", "csv"]);
    assert_eq!(code, Some(0), "help: two good plans make a comparison: {stderr}");
    assert!(stderr.contains("c-bad-bytes.txt") && stderr.contains("encoding"), "help: named with its reason: {stderr}");
    assert!(stderr.contains("d-empty.txt: empty input"), "help: {stderr}");
    let (code, stderr) = status(&["--only", "--strict", "--dir", d, "--format", "csv"]);
    assert_eq!(code, Some(1), "help: --strict stops at the first bad file: {stderr}");
    let bad = dir.join("c-bad-bytes.txt");
    assert_eq!(status(&["--only", "--plan", bad.to_str().unwrap()]).0, Some(1), "help: nothing to compare");
    assert_eq!(status(&["--threshold", "2"]).0, Some(2), "help: a threshold outside [0, 1] is a usage error");
    assert_eq!(status(&["--format", "pdf"]).0, Some(2));
    assert_eq!(status(&["--dir", "/no/such/dir"]).0, Some(2));
}

#[test]
fn parse_plan_and_summarize_corpus() {
    let (out, _) = run("parse_plan", &["dongying-2022"]);
    assert!(out.contains("dongying-2022#01") && out.contains("5G基站"));
    let (out, _) = run("summarize_corpus", &[]);
    assert_eq!(out.lines().count(), 2 + BUNDLED.len());
}

#[test]
fn compare_two_cities_lines_up_tasks() {
    let (out, _) = run("compare_two_cities", &["dongying-2022", "binzhou-2023"]);
    assert!(out.contains("↔"));
    assert!(out.trim_end().ends_with("aligned with a task of binzhou-2023"));
}

#[test]
fn export_targets_csv_has_a_row_per_target() {
    let (out, _) = run("export_targets_csv", &[]);
    let targets: usize = Corpus::bundled().unwrap().iter().flat_map(|p| &p.tasks).map(|t| t.targets.len()).sum();
    assert_eq!(out.lines().count(), 1 + targets);
    assert!(out.lines().any(|l| l.contains(",5G基站,11000,") && l.contains("Stock")), "help: 1.1万 → 11000");
}

#[test]
fn query_initiative_finds_charging_piles_in_several_cities() {
    let (out, _) = run("query_initiative", &["充电桩"]);
    let first = out.lines().next().unwrap();
    let plans: usize = first.split(" tasks in ").nth(1).unwrap().split(' ').next().unwrap().parse().unwrap();
    assert!(plans >= 3, "help: {first}");
}

#[test]
fn custom_dictionary_raises_the_score_of_an_alias() {
    let (out, _) = run("custom_dictionary", &[]);
    let score = |which: &str| -> f64 {
        let line = out.lines().find(|l| l.trim_start().starts_with(which)).unwrap();
        line.rsplit(' ').next().unwrap().parse().unwrap()
    };
    assert!(score("custom") > score("default") + 0.1, "help: {out}");
}

#[test]
fn strategies_reports_every_strategy() {
    let (out, _) = run("strategies", &[]);
    for strategy in cityalign::Strategy::ALL {
        assert!(out.contains(&format!("| {} |", strategy.name())), "help: {strategy} missing");
    }
}

#[test]
fn shared_wording_finds_what_binzhou_shares_with_dongying() {
    let (out, _) = run("shared_wording", &[]);
    let line =
        out.lines().find(|l| l.contains("完善财政投入机制将数字强市建设作为财政支出重点领域")).unwrap_or_default();
    assert!(
        line.starts_with("reuse") && line.contains("dongying-2022") && line.contains("binzhou-2023"),
        "help: {out}"
    );
    assert!(!out.contains("印发给你们"), "help: boilerplate is left out unless --all");
    let (all, _) = run("shared_wording", &["--all"]);
    assert!(all.lines().any(|l| l.starts_with("boilerplate") && l.contains("印发给你们")));
}

#[test]
fn who_went_first_and_the_analyses_against_their_golds() {
    let (out, _) = run("who_went_first", &["5G基站", "智慧社区"]);
    assert!(out.contains("5G基站: first liaocheng-2020-2022"), "help: {out}");
    assert!(out.lines().any(|l| l.starts_with("智慧社区: first ")));
    let (out, _) = run("analyses_quality", &[]);
    assert!(out.contains("continued pairs") && out.contains("first adopters: "), "help: {out}");
}

#[test]
fn compare_writes_the_evolution_and_diffusion_csv() {
    let (csv, _) = run("compare", &["--format", "evolution-csv"]);
    assert!(csv.starts_with("city,from,to,change,"));
    assert!(csv.lines().any(|l| l.contains(",target,") && l.contains("充电桩,2700,3500")), "help: {csv}");
    let (csv, _) = run("compare", &["--format", "diffusion-csv"]);
    assert!(csv.lines().any(|l| l == "5G基站,5G基站,1,liaocheng-2020-2022,2020,true"), "help: {csv}");
    let (table, _) = run("compare", &[]);
    assert!(table.contains("How plans changed") && table.contains("充电桩: 2700 → 3500"));
}

#[test]
fn csv_for_excel_leads_with_a_byte_order_mark() {
    let (plain, _) = run("compare", &["--format", "csv"]);
    let (excel, _) = run("compare", &["--format", "csv", "--bom"]);
    assert!(!plain.starts_with('\u{feff}'));
    assert_eq!(excel.strip_prefix('\u{feff}'), Some(plain.as_str()), "help: the mark, then the same CSV");
    let (table, _) = run("compare", &["--bom"]);
    assert!(!table.starts_with('\u{feff}'), "help: only CSV gets the mark");
}
