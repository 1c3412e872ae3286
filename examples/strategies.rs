//! Every matching strategy on the bundled corpus, measured against the gold alignment in
//! `tests/data/gold.txt`: quality and time side by side.
//!
//! ```text
//! cargo run --release --example strategies
//! ```

use std::process::ExitCode;
use std::time::Instant;

use cityalign::eval::{evaluate, Gold};
use cityalign::{Corpus, Matcher, Strategy, Tokenizer};

const GOLD: &str = include_str!("../tests/data/gold.txt");
const QUERIES: [&str; 6] = ["5G基站", "智慧社区", "一网通办", "城市大脑", "充电桩", "智慧养老"];

fn main() -> ExitCode {
    let corpus = match Corpus::bundled() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let gold = match Gold::parse(GOLD, corpus.plans()) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("error: gold: {e}");
            return ExitCode::FAILURE;
        }
    };
    let _ = Tokenizer::new(); // build the dictionary outside the timings
    println!(
        "| strategy | pairwise P | pairwise R | pairwise F1 | B³ F1 | Hits@1 | Hits@3 | MRR | query P | query R | prepare ms | rank-all ms | align ms |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for strategy in Strategy::ALL {
        let matcher = match Matcher::builder().strategy(strategy).build() {
            Ok(m) => m,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        };
        let started = Instant::now();
        let comparison = matcher.compare(corpus.plans());
        let prepare = started.elapsed();
        // Every task ranked against every other plan.
        let started = Instant::now();
        for plan in &corpus {
            for task in &plan.tasks {
                for other in corpus.iter().filter(|o| o.id != plan.id) {
                    std::hint::black_box(comparison.rank(&task.id, &other.id));
                }
            }
        }
        let rank_all = started.elapsed();
        let started = Instant::now();
        let alignment = comparison.align();
        let align = started.elapsed();
        let s = evaluate(&comparison, &gold, &QUERIES);
        println!(
            "| {} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {:.1} | {:.1} | {:.1} |",
            strategy,
            s.pairwise.precision,
            s.pairwise.recall,
            s.pairwise.f1,
            s.bcubed.f1,
            s.hits_at_1,
            s.hits_at_3,
            s.mrr,
            s.query.precision,
            s.query.recall,
            prepare.as_secs_f64() * 1000.0,
            rank_all.as_secs_f64() * 1000.0,
            align.as_secs_f64() * 1000.0,
        );
        if std::env::args().any(|a| a == "--verbose") {
            eprintln!("{strategy}: {} initiatives, {} rank questions", alignment.initiatives.len(), s.rank_questions);
            for (term, q) in &s.queries {
                eprintln!("  query {term}: P {:.2} R {:.2}", q.precision, q.recall);
            }
        }
    }
    ExitCode::SUCCESS
}
