//! How well the parser reads plans it was not built on: the wild corpus of
//! `tests/data/wild/` (openings of published plans of other cities and provinces) against
//! its gold, figure by figure; `--misses` lists every miss.
//!
//! ```text
//! cargo run --example parse_quality
//! cargo run --example parse_quality -- --misses
//! ```

#[path = "../tests/support/wild.rs"]
#[allow(dead_code)]
mod wild;

fn main() {
    let corpus = wild::corpus();
    let score = wild::score(&corpus);
    let provinces = "see tests/data/wild/SOURCES.md";
    println!("wild corpus: {} plans ({provinces})", corpus.len());
    println!("| check | right / gold |");
    println!("|---|---:|");
    println!("| files with every task right (count and openings) | {} |", score.files);
    println!("| tasks (in order, by their opening words) | {} |", score.tasks);
    println!("| targets found with the right value | {} |", score.targets);
    println!("| … with the gold's metric name | {} |", score.metrics);
    println!("| units found | {} |", score.units);
    println!("| … with the role as written | {} |", score.roles);
    println!("| deadlines | {} |", score.deadlines);
    println!("| header fields stated (city, issuer, title, date) | {} |", score.header);
    println!("| metrics that are clean noun phrases (all targets) | {} |", score.clean_metrics);
    if std::env::args().any(|a| a == "--misses") {
        for miss in &score.misses {
            println!("miss: {miss}");
        }
    }
}
