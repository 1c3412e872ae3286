//! How well the parser reads plans it was not built on: the wild corpora of
//! `tests/data/wild/`, `wild2/`, `wild3/` and `wild4/` (openings of published plans of
//! other cities and provinces; the last held out from every parser rule so far) against
//! their gold, figure by figure; `--misses` lists every miss (reading wild4's ends its use
//! as held out).
//!
//! ```text
//! cargo run --example parse_quality
//! cargo run --example parse_quality -- --misses
//! ```

#[path = "../tests/support/wild.rs"]
#[allow(dead_code)]
mod wild;

fn main() {
    let misses = std::env::args().any(|a| a == "--misses");
    // wild: read while the parser was written; wild2, wild3: held out, then read (their
    // READMEs say when); wild4: held out from every rule so far.
    let batches = [
        ("wild", "read while developing"),
        ("wild2", "read after its first scoring"),
        ("wild3", "read after its first scoring"),
        ("wild4", "held out"),
    ];
    for (name, note) in batches {
        let corpus = wild::corpus_in(name);
        let score = wild::score(&corpus);
        println!("{name} corpus ({note}): {} plans (see tests/data/{name}/SOURCES.md)", corpus.len());
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
        if misses {
            for miss in &score.misses {
                println!("miss: {miss}");
            }
        }
        println!();
    }
}
