//! Parse one plan and print its tasks with their units, deadlines and targets.
//!
//! ```text
//! cargo run --example parse_plan                 # every bundled plan
//! cargo run --example parse_plan -- dongying-2022
//! cargo run --example parse_plan -- my-plan.txt
//! ```

use std::process::ExitCode;

use cityalign::{Corpus, Plan};

fn print(plan: &Plan) {
    println!("# {} — {}", plan.id, plan.title.as_deref().unwrap_or("(untitled)"));
    println!(
        "city {} · issuer {} · number {} · issued {} · period {}",
        plan.city.as_deref().unwrap_or("?"),
        plan.issuer.as_deref().unwrap_or("?"),
        plan.doc_number.as_deref().unwrap_or("-"),
        plan.issued.map_or("?".to_string(), |d| d.to_string()),
        plan.period.map_or("?".to_string(), |p| p.to_string()),
    );
    for goal in &plan.goals {
        println!("  goal: {} {} {} ({:?})", goal.metric, goal.value, goal.measure, goal.bound);
    }
    for task in &plan.tasks {
        println!("{} [{}] {} ({:?})", task.id, task.path, task.title, task.kind);
        let units: Vec<String> =
            task.units.iter().map(|u| format!("{}:{:?}:{}", u.name, u.role, u.department)).collect();
        println!("    units: {}", units.join(", "));
        if let Some(d) = &task.deadline {
            println!("    deadline: {} ({:?}, {:?})", d.last_day, d.source, d.text.as_deref().unwrap_or(""));
        }
        for t in &task.targets {
            let max = t.max.map_or(String::new(), |m| format!("–{m}"));
            let by = t.deadline.as_ref().map_or(String::new(), |d| format!(" by {}", d.last_day));
            println!(
                "    target: {} = {}{}{} {:?} {:?}{} «{}»",
                t.metric, t.value, max, t.measure, t.bound, t.accrual, by, t.text
            );
        }
    }
}

fn main() -> ExitCode {
    let arg = std::env::args().nth(1);
    let corpus = match Corpus::bundled() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    match arg {
        None => corpus.iter().for_each(print),
        Some(id) if corpus.get(&id).is_some() => corpus.get(&id).into_iter().for_each(print),
        // A file is read as a corpus reads it: its name is its id, and a compilation
        // gives each of its plans.
        Some(path) => match Corpus::new().add_file(&path) {
            Ok(plans) => plans.iter().for_each(print),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        },
    }
    ExitCode::SUCCESS
}
