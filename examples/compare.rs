//! The main job: line up the plans' initiatives and print the comparison table
//! (initiative × plan), each cell the targets, deadline year and lead unit.
//!
//! ```text
//! cargo run --release --example compare
//! cargo run --release --example compare -- --format markdown --out table.md
//! cargo run --release --example compare -- --json > comparison.json
//! cargo run --release --example compare -- --format html --out report.html
//! cargo run --release --example compare -- --plan my-city-2024.txt --query 数据中心
//! cargo run --release --example compare -- --only --dir plans/ --format csv
//! ```
//!
//! The code is the `cityalign` binary's (feature `cli`), `cityalign compare`: one file,
//! included here, so that the README's command needs no feature and the two never differ.

use std::process::ExitCode;

#[path = "../src/bin/cityalign/compare.rs"]
mod compare;

fn main() -> ExitCode {
    compare::main(
        lexopt::Parser::from_env(),
        &compare::Invocation { name: "compare", usage: "cargo run --release --example compare --" },
    )
}
