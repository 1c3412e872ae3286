//! Every matching strategy on the bundled corpus, measured against the gold alignment in
//! `tests/data/gold.txt`: quality and time side by side.
//!
//! ```text
//! cargo run --release --example strategies
//! ```

use std::process::ExitCode;
use std::time::Instant;

use cityalign::eval::{evaluate, leave_one_out, Gold, Scores};
use cityalign::{Clustering, Corpus, Matcher, Strategy, Tokenizer};

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
    // The hybrid's clustering methods, whole corpus.
    println!();
    println!("{HEADER}");
    println!("{RULE}");
    for clustering in Clustering::ALL {
        let Ok(matcher) = Matcher::builder().clustering(clustering).build() else { return ExitCode::FAILURE };
        let s = evaluate(&matcher.compare(corpus.plans()), &gold, &QUERIES);
        println!("{}", row(&format!("hybrid, {clustering}, whole corpus"), &s));
    }
    // Leave one plan out: threshold and taxonomy fitted without the plan scored.
    println!();
    println!("{HEADER}");
    println!("{RULE}");
    let plans: Vec<_> = corpus.plans().iter().collect();
    let thresholds: Vec<f64> = (3..=12).map(|k| f64::from(k) * 0.05).collect();
    let folds = leave_one_out(&plans, &gold, &QUERIES, Strategy::Hybrid, &thresholds);
    for f in &folds {
        let name = format!(
            "fold {} (threshold {:.2}, {} concepts reverted, {} dropped)",
            f.plan, f.threshold, f.concepts_reverted, f.concepts_dropped
        );
        println!("{}", row(&name, &f.scores));
    }
    let n = folds.len().max(1) as f64;
    let mean = |get: &dyn Fn(&Scores) -> f64| folds.iter().map(|f| get(&f.scores)).sum::<f64>() / n;
    println!(
        "| leave-one-out mean | – | – | – | – | – | – | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} |",
        mean(&|s| s.bcubed.f1),
        mean(&|s| s.pairwise.precision),
        mean(&|s| s.pairwise.recall),
        mean(&|s| s.pairwise.f1),
        mean(&|s| s.hits_at_1),
        mean(&|s| s.mrr),
        mean(&|s| s.query.precision),
        mean(&|s| s.query.recall),
    );
    ExitCode::SUCCESS
}

const HEADER: &str = "| run | rows | by concept | by key phrase | shown | rows overlapping ≥60% | rows nested ≥60% | B³ F1 | pairwise P | pairwise R | pairwise F1 | Hits@1 | MRR | query P (carriers) | query R (carriers) |";
const RULE: &str = "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|";

fn row(name: &str, s: &Scores) -> String {
    format!(
        "| {name} | {} | {} | {} | {} | {} | {} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} |",
        s.rows,
        s.rows_by_concept,
        s.rows_by_phrase,
        s.rows_shown,
        s.overlapping_rows,
        s.nested_rows,
        s.bcubed.f1,
        s.pairwise.precision,
        s.pairwise.recall,
        s.pairwise.f1,
        s.hits_at_1,
        s.mrr,
        s.query.precision,
        s.query.recall,
    )
}
