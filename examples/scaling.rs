//! How alignment scales: synthetic corpora of 10 to 10,000 plans (the bundled tasks
//! recombined and perturbed, with a known alignment), parsed, prepared and aligned with
//! blocking and, where it finishes in reasonable time, exhaustively. Each size runs in a
//! child process so that its peak memory is its own.
//!
//! ```text
//! cargo run --release --example scaling                   # 10, 100, 1000 plans
//! cargo run --release --example scaling -- --full         # and 10,000
//! cargo run --release --example scaling -- --plans 500    # one size, one row
//! cargo run --release --example scaling -- --write DIR --plans 100   # the corpus as files
//! ```

#[path = "../benches/support/synthetic.rs"]
mod synthetic;

use std::process::{Command, ExitCode};
use std::time::Instant;

use cityalign::{Corpus, Matcher};

/// One size: a Markdown row.
fn row(plans: usize, exhaustive: bool) -> Result<String, String> {
    let corpus = Corpus::bundled().map_err(|e| e.to_string())?;
    let sources = synthetic::sources(&corpus);
    let generated = synthetic::generate(&sources, plans, 32, 2026);
    let bytes: usize = generated.plans.iter().map(|(_, t)| t.len()).sum();

    let started = Instant::now();
    let (parsed, off) = synthetic::parse(&generated);
    let parse = started.elapsed().as_secs_f64();
    let after_parse = synthetic::peak_mb();
    let tasks: usize = parsed.iter().map(|p| p.tasks.len()).sum();

    let matcher = Matcher::builder().exhaustive(exhaustive).build().map_err(|e| e.to_string())?;
    let started = Instant::now();
    let comparison = matcher.compare(&parsed);
    let prepare = started.elapsed().as_secs_f64();
    let after_prepare = synthetic::peak_mb();
    let started = Instant::now();
    let alignment = comparison.align();
    let align = started.elapsed().as_secs_f64();
    eprintln!(
        "peak MB after parse {after_parse:.0}, prepare {after_prepare:.0}, align {:.0}; {} links, {} memberships",
        synthetic::peak_mb(),
        alignment.links.len(),
        alignment.initiatives.iter().map(|i| i.members.len()).sum::<usize>()
    );

    // Pair recall of blocking on the known alignment: pairs of tasks made from the same
    // bundled task, sampled up to 50 per source (every pair for small corpora).
    let candidates = comparison.candidates();
    let mut members: Vec<Vec<String>> = vec![Vec::new(); sources.len()];
    for (p, plan) in parsed.iter().enumerate() {
        if off.contains(&p) {
            continue;
        }
        let tasks = plan.tasks.iter().filter(|t| t.kind == cityalign::TaskKind::Task);
        for (task, &source) in tasks.zip(&generated.truth[p]) {
            members[source].push(task.id.clone());
        }
    }
    // Which initiatives each task joined.
    let mut joined: std::collections::HashMap<&str, Vec<usize>> = std::collections::HashMap::new();
    for (k, initiative) in alignment.initiatives.iter().enumerate() {
        for m in &initiative.members {
            joined.entry(m.task.as_str()).or_default().push(k);
        }
    }
    let together = |a: &str, b: &str| {
        let (Some(x), Some(y)) = (joined.get(a), joined.get(b)) else { return false };
        x.iter().any(|k| y.contains(k))
    };
    let mut rng = synthetic::Rng::new(7);
    let (mut kept, mut grouped, mut tried) = (0u64, 0u64, 0u64);
    for list in members.iter().filter(|l| l.len() >= 2) {
        for _ in 0..50 {
            let (a, b) = (rng.below(list.len()), rng.below(list.len()));
            if a == b || list[a].split('#').next() == list[b].split('#').next() {
                continue;
            }
            tried += 1;
            kept += u64::from(candidates.contains(&list[a], &list[b]));
            grouped += u64::from(together(&list[a], &list[b]));
        }
    }
    let share = |n: u64| if tried == 0 { 1.0 } else { n as f64 / tried as f64 };
    Ok(format!(
        "| {plans} | {tasks} | {} | {:.1} | {parse:.2} | {prepare:.2} | {align:.2} | {:.2} | {} | {:.4} | {:.4} | {:.4} | {} | {:.0} |",
        if exhaustive { "exhaustive" } else { "blocked" },
        bytes as f64 / 1e6,
        parse + prepare + align,
        candidates.scored(),
        candidates.reduction(),
        share(kept),
        share(grouped),
        alignment.initiatives.len(),
        synthetic::peak_mb(),
    ))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1));
    let plans: Option<usize> = value("--plans").and_then(|v| v.parse().ok());
    if let (Some(dir), Some(n)) = (value("--write"), plans) {
        let Ok(corpus) = Corpus::bundled() else { return ExitCode::FAILURE };
        let generated = synthetic::generate(&synthetic::sources(&corpus), n, 32, 2026);
        if let Err(e) = std::fs::create_dir_all(dir) {
            eprintln!("error: {dir}: {e}");
            return ExitCode::FAILURE;
        }
        for (id, text) in &generated.plans {
            if let Err(e) = std::fs::write(format!("{dir}/{id}.txt"), text) {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        }
        eprintln!("wrote {n} plans to {dir}");
        return ExitCode::SUCCESS;
    }
    if let Some(n) = plans {
        return match row(n, args.iter().any(|a| a == "--exhaustive")) {
            Ok(line) => {
                println!("{line}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        };
    }
    let mut sizes: Vec<(usize, bool)> = vec![(10, true), (10, false), (100, true), (100, false), (1000, false)];
    if args.iter().any(|a| a == "--full") {
        sizes.push((10_000, false));
    }
    println!("| plans | tasks | mode | MB | parse s | prepare s | align s | total s | pairs scored | reduction | truth pairs scored | truth pairs grouped | initiatives | peak MB |");
    println!("|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    let Ok(me) = std::env::current_exe() else { return ExitCode::FAILURE };
    for (n, exhaustive) in sizes {
        let mut command = Command::new(&me);
        command.args(["--plans", &n.to_string()]);
        if exhaustive {
            command.arg("--exhaustive");
        }
        match command.output() {
            Ok(out) if out.status.success() => print!("{}", String::from_utf8_lossy(&out.stdout)),
            Ok(out) => eprintln!("{n} plans failed: {}", String::from_utf8_lossy(&out.stderr)),
            Err(e) => eprintln!("{n} plans: {e}"),
        }
    }
    ExitCode::SUCCESS
}
