//! Compare two plans task by task: for each task of the first, its best match in the
//! second, with the score, the matched clauses and the targets side by side.
//!
//! ```text
//! cargo run --release --example compare_two_cities                       # 东营 2022 vs 滨州 2023
//! cargo run --release --example compare_two_cities -- liaocheng-2020-2022 jimo-2024
//! cargo run --release --example compare_two_cities -- my-city.txt binzhou-2023
//! ```

use std::process::ExitCode;

use cityalign::{Corpus, Matcher, Plan};

/// A bundled plan by id, or a plan file.
fn load(name: &str, bundled: &Corpus) -> Result<Plan, String> {
    match bundled.get(name) {
        Some(plan) => Ok(plan.clone()),
        None => {
            let mut corpus = Corpus::new();
            corpus.add_file(name).map_err(|e| e.to_string())?;
            corpus.plans().first().cloned().ok_or_else(|| format!("{name}: no plan"))
        }
    }
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let bundled = Corpus::bundled().map_err(|e| e.to_string())?;
    let (a, b) = match args.as_slice() {
        [] => ("dongying-2022", "binzhou-2023"),
        [a, b] => (a.as_str(), b.as_str()),
        _ => return Err("give two plans (bundled ids or files), or none".into()),
    };
    let (a, b) = (load(a, &bundled)?, load(b, &bundled)?);
    let comparison = Matcher::new().compare([&a, &b]);
    let alignment = comparison.align();
    println!("{} ({}) vs {} ({})\n", a.id, a.tasks.len(), b.id, b.tasks.len());
    let mut matched = 0;
    for task in &a.tasks {
        let Some(best) = comparison.rank(&task.id, &b.id).into_iter().next() else { continue };
        let Some(other) = b.task(&best.task.task) else { continue };
        let aligned = alignment.aligned(&task.id, &other.id);
        if !aligned {
            continue;
        }
        matched += 1;
        println!("{:.3}  {}  ↔  {}", best.score, task.title, other.title);
        let clause = |t: &cityalign::Task, i: usize| t.clauses.get(i).map_or(String::new(), |c| c.text.clone());
        println!("       {}\n       {}", clause(task, best.clause_a), clause(other, best.clause_b));
        let targets = |t: &cityalign::Task| t.targets.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
        if !task.targets.is_empty() || !other.targets.is_empty() {
            println!("       targets: [{}] vs [{}]", targets(task), targets(other));
        }
    }
    println!("\n{matched} of {} tasks of {} aligned with a task of {}", a.tasks.len(), a.id, b.id);
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
