//! The crate's `rust-version` says what the locked dependency tree needs: at least every
//! dependency's own `rust-version`, and 1.85 where one is written in edition 2024. Read from
//! `cargo metadata`, so that an update of the lock file cannot let it drift.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test helper may fail loudly

use std::process::Command;

fn version(text: &str) -> Vec<u32> {
    text.split('.').map(|part| part.parse().unwrap()).collect()
}

#[test]
fn rust_version_covers_the_locked_dependencies() {
    let output = Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--locked"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(output.status.success(), "help: cargo metadata failed: {}", String::from_utf8_lossy(&output.stderr));
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let packages = metadata["packages"].as_array().unwrap();
    let ours = packages.iter().find(|p| p["name"] == "cityalign").unwrap();
    let declared = version(ours["rust_version"].as_str().expect("help: Cargo.toml declares rust-version"));
    let mut needed = (vec![0], String::new());
    for p in packages.iter().filter(|p| p["name"] != "cityalign") {
        let mut wants = p["rust_version"].as_str().map(version).unwrap_or_default();
        if p["edition"] == "2024" && wants < vec![1, 85] {
            wants = vec![1, 85];
        }
        if wants > needed.0 {
            needed = (wants, format!("{} {}", p["name"], p["version"]));
        }
    }
    assert!(declared >= needed.0, "help: rust-version {declared:?} is below {:?}, which {} needs", needed.0, needed.1);
}
