//! The cross-city comparison table of the bundled plans.
//!
//! ```text
//! cargo run --release --example compare
//! ```
//!
//! For now the rows are the target metrics that two or more plans name identically
//! ("5G基站", "充电桩"); matching equivalent initiatives that are worded differently is the
//! next stage of the crate.

use std::collections::BTreeMap;
use std::process::ExitCode;

use cityalign::{Accrual, Corpus, Target};

/// Columns a character takes in a terminal: two for CJK and full-width forms.
fn width(s: &str) -> usize {
    s.chars()
        .map(|c| match c as u32 {
            0x1100..=0x115F
            | 0x2E80..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6 => 2,
            _ => 1,
        })
        .sum()
}

fn pad(s: &str, columns: usize) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if width(&out) + width(c.encode_utf8(&mut [0; 4])) > columns {
            break;
        }
        out.push(c);
    }
    let fill = columns.saturating_sub(width(&out));
    out + &" ".repeat(fill)
}

fn cell(target: &Target) -> String {
    let value = if target.value >= 1e8 && target.value % 1e7 == 0.0 {
        format!("{}亿", target.value / 1e8)
    } else if target.value >= 10_000.0 && target.value % 1000.0 == 0.0 {
        format!("{}万", target.value / 10_000.0)
    } else {
        format!("{}", target.value)
    };
    let accrual = match target.accrual {
        Accrual::New => " 新建",
        Accrual::Stock => " 累计",
        _ => "",
    };
    let year = target.deadline.as_ref().map_or(String::new(), |d| format!(" {}", d.year));
    format!("{value}{}{accrual}{year}", target.measure)
}

fn main() -> ExitCode {
    let corpus = match Corpus::bundled() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    // metric → plan index → cells
    let mut rows: BTreeMap<&str, BTreeMap<usize, Vec<String>>> = BTreeMap::new();
    for (i, plan) in corpus.iter().enumerate() {
        for target in plan.tasks.iter().flat_map(|t| &t.targets) {
            rows.entry(target.metric.as_str()).or_default().entry(i).or_default().push(cell(target));
        }
    }
    rows.retain(|metric, plans| plans.len() >= 2 && !metric.is_empty());
    const FIRST: usize = 18;
    const COLUMN: usize = 19;
    let header: String = corpus.iter().map(|p| pad(&p.id, COLUMN)).collect::<Vec<_>>().join(" ");
    println!("{} {header}", pad("metric", FIRST));
    println!("{}", "-".repeat(FIRST + (COLUMN + 1) * corpus.len()));
    for (metric, plans) in &rows {
        let cells: Vec<String> =
            (0..corpus.len()).map(|i| pad(&plans.get(&i).map_or("—".to_string(), |c| c.join("; ")), COLUMN)).collect();
        println!("{} {}", pad(metric, FIRST), cells.join(" "));
    }
    ExitCode::SUCCESS
}
