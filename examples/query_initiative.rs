//! Look up one initiative across the plans: which tasks of which cities carry it, with
//! their targets, deadlines and lead units. Aliases count (城市云脑 finds 城市大脑).
//!
//! ```text
//! cargo run --release --example query_initiative -- 充电桩
//! cargo run --release --example query_initiative -- 城市大脑
//! ```

use std::process::ExitCode;

use cityalign::{Corpus, Matcher};

fn main() -> ExitCode {
    let term = std::env::args().nth(1).unwrap_or_else(|| "智慧社区".to_string());
    let corpus = match Corpus::bundled() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let comparison = Matcher::new().compare(corpus.plans());
    let hits = comparison.query(&term);
    // Targets shown are those on the initiative: its metric is the term or an alias.
    let mut words = vec![term.clone()];
    if let Some(c) = comparison.matcher().concept_taxonomy().iter().find(|c| c.name == term) {
        words.extend(c.aliases.iter().cloned());
    }
    let (carriers, mentions): (Vec<_>, Vec<_>) = hits.iter().partition(|h| h.carries);
    println!("{term}: carried by {} tasks in {} plans", carriers.len(), {
        let mut plans: Vec<&str> = carriers.iter().map(|h| h.task.plan.as_str()).collect();
        plans.sort_unstable();
        plans.dedup();
        plans.len()
    });
    for hit in &carriers {
        let Some(plan) = corpus.get(&hit.task.plan) else { continue };
        let Some(task) = plan.task(&hit.task.task) else { continue };
        let targets: Vec<String> = task
            .targets
            .iter()
            .filter(|t| words.iter().any(|w| t.metric.contains(w.as_str())))
            .map(ToString::to_string)
            .collect();
        println!(
            "{:.2}  {} {}  {}  [{}]  {}  {}",
            hit.score,
            plan.city.as_deref().unwrap_or("?"),
            plan.id,
            task.title,
            targets.join(", "),
            task.deadline.as_ref().map_or("-".to_string(), |d| d.last_day.to_string()),
            task.lead_unit().map_or("-", |u| u.name.as_str()),
        );
    }
    if !mentions.is_empty() {
        println!("mentioned only (leaning on it, or a document to draft) by {} tasks:", mentions.len());
        for hit in &mentions {
            let Some(plan) = corpus.get(&hit.task.plan) else { continue };
            let Some(task) = plan.task(&hit.task.task) else { continue };
            println!("      {} {}  {}", plan.city.as_deref().unwrap_or("?"), plan.id, task.title);
        }
    }
    ExitCode::SUCCESS
}
