//! Print what the parser extracts from each bundled plan, as a Markdown table.
//!
//! ```text
//! cargo run --example summarize_corpus
//! ```

use std::process::ExitCode;

use cityalign::{Corpus, DeadlineSource, TaskKind};

fn main() -> ExitCode {
    let corpus = match Corpus::bundled() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!("| plan | city | period | tasks | safeguards | units | targets | goals | deadlines stated | 完成时限 |");
    println!("|---|---|---|---:|---:|---:|---:|---:|---:|---:|");
    for plan in &corpus {
        let tasks = plan.tasks.iter().filter(|t| t.kind == TaskKind::Task).count();
        let units: usize = plan.tasks.iter().map(|t| t.units.len()).sum();
        let targets: usize = plan.tasks.iter().map(|t| t.targets.len()).sum();
        let source = |s: DeadlineSource| {
            plan.tasks.iter().filter(|t| t.deadline.as_ref().is_some_and(|d| d.source == s)).count()
        };
        let stated = source(DeadlineSource::Clause) + source(DeadlineSource::Text) + source(DeadlineSource::Relative);
        println!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            plan.id,
            plan.city.as_deref().unwrap_or("?"),
            plan.period.map_or("?".to_string(), |p| p.to_string()),
            tasks,
            plan.tasks.len() - tasks,
            units,
            targets,
            plan.goals.len(),
            stated,
            source(DeadlineSource::Clause),
        );
    }
    ExitCode::SUCCESS
}
