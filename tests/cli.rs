//! The `cityalign` binary of the `cli` feature: `cityalign compare` is the `compare`
//! example installed, same options, same output, same exit statuses.

#![cfg(feature = "cli")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test helper may fail loudly

use std::process::{Command, Output};

use cityalign::report::ComparisonTable;
use cityalign::{Corpus, Matcher};
use unicode_width::UnicodeWidthStr;

fn cityalign(args: &[&str]) -> (Option<i32>, String, String) {
    let Output { status, stdout, stderr } =
        Command::new(env!("CARGO_BIN_EXE_cityalign")).args(args).env_remove("COLUMNS").output().unwrap();
    (status.code(), String::from_utf8(stdout).unwrap(), String::from_utf8(stderr).unwrap())
}

#[test]
fn compare_prints_the_librarys_table() {
    let (code, csv, stderr) = cityalign(&["compare", "--format", "csv"]);
    assert_eq!(code, Some(0), "help: {stderr}");
    let corpus = Corpus::bundled().unwrap();
    let comparison = Matcher::new().compare(corpus.plans());
    assert_eq!(csv, ComparisonTable::new(&comparison, &comparison.align()).to_csv());

    let (code, table, _) = cityalign(&["compare"]);
    assert_eq!(code, Some(0));
    assert!(table.starts_with("initiative     聊城") && table.lines().all(|l| l.width() <= 120));
    assert!(table.contains("What sets each plan apart") && table.contains("How plans changed"));
}

#[test]
fn usage_and_exit_statuses() {
    let (code, help, _) = cityalign(&["--help"]);
    assert_eq!(code, Some(0));
    assert!(help.contains("cityalign compare [OPTIONS]"), "help: {help}");
    let (code, help, _) = cityalign(&["compare", "--help"]);
    assert_eq!(code, Some(0));
    assert!(help.starts_with("cityalign compare — ") && help.contains("--threshold X") && help.contains("COLUMNS"));
    let (_, version, _) = cityalign(&["--version"]);
    assert_eq!(version.trim(), format!("cityalign {}", env!("CARGO_PKG_VERSION")));
    assert_eq!(cityalign(&[]).0, Some(2), "help: no command is a usage error");
    let (code, _, stderr) = cityalign(&["align"]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("unknown command"), "help: {stderr}");
    assert_eq!(cityalign(&["compare", "--threshold", "2"]).0, Some(2));
    let (code, _, stderr) = cityalign(&["compare", "--only"]);
    assert_eq!(code, Some(1), "help: nothing to compare");
    assert!(stderr.contains("give at least two"), "help: {stderr}");
}

#[test]
fn the_table_follows_columns() {
    let out = Command::new(env!("CARGO_BIN_EXE_cityalign")).arg("compare").env("COLUMNS", "72").output().unwrap();
    let table = String::from_utf8(out.stdout).unwrap();
    // The table and what sets each plan apart keep to the width (how plans changed, a
    // line a city, does not wrap).
    let (table, _) = table.split_once("How plans changed").unwrap();
    assert!(table.starts_with("plans 1–2 of 5\n") && table.lines().all(|l| l.width() <= 72), "help: {table}");
}
