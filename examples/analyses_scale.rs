//! What the analyses (evolution, diffusion, shared wording) add to a run at scale: the
//! synthetic corpora of `scaling` parsed, compared and aligned, then the analyses, with
//! the time and peak memory before and after them.
//!
//! ```text
//! cargo run --release --example analyses_scale -- --plans 1000
//! cargo run --release --example analyses_scale -- --plans 10000
//! ```

#[path = "../benches/support/synthetic.rs"]
mod synthetic;

use std::time::Instant;

use cityalign::{diffusion, evolution, Corpus, Matcher, Plan, SharedWording};

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().collect();
    let plans: usize = args
        .iter()
        .position(|a| a == "--plans")
        .and_then(|i| args.get(i + 1))
        .map_or(Ok(1000), |v| v.parse().map_err(|_| format!("--plans: {v:?} is not a number")))?;
    let corpus = Corpus::bundled().map_err(|e| e.to_string())?;
    let sources = synthetic::sources(&corpus);
    let generated = synthetic::generate(&sources, plans, 32, 2026);

    let started = Instant::now();
    let (parsed, _) = synthetic::parse(&generated);
    let comparison = Matcher::new().compare(&parsed);
    let alignment = comparison.align();
    let base = started.elapsed().as_secs_f64();
    let base_peak = synthetic::peak_mb();

    let started = Instant::now();
    let steps = evolution(&comparison, &alignment);
    let evolution_s = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let spread = diffusion(&comparison, &alignment);
    let diffusion_s = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let pairs: Vec<(&Plan, &str)> =
        parsed.iter().zip(&generated.plans).map(|(p, (_, text))| (p, text.as_str())).collect();
    let shared = SharedWording::find(&pairs);
    let wording_s = started.elapsed().as_secs_f64();
    let peak = synthetic::peak_mb();
    let added = evolution_s + diffusion_s + wording_s;
    println!(
        "| {plans} | {base:.2} s | {base_peak:.0} MB | {evolution_s:.2} s ({} steps) | {diffusion_s:.2} s ({} initiatives) | {wording_s:.2} s ({} passages) | +{:.0}% | {peak:.0} MB (+{:.0}%) |",
        steps.len(),
        spread.len(),
        shared.passages.len(),
        100.0 * added / base,
        100.0 * (peak - base_peak) / base_peak.max(1.0)
    );
    Ok(())
}
