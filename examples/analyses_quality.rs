//! The analyses against the golds written by reading the bundled plans: continued pairs
//! of 东营's two plans (precision, recall), the first adopters of twelve initiatives, and
//! the class of every shared passage.
//!
//! ```text
//! cargo run --release --example analyses_quality
//! ```

#[path = "../tests/support/analyses.rs"]
mod analyses;

use cityalign::{Corpus, Matcher, SharedWording, BUNDLED};

fn main() -> Result<(), cityalign::Error> {
    let corpus = Corpus::bundled()?;
    let comparison = Matcher::new().compare(corpus.plans());
    let alignment = comparison.align();
    let (found, gold, right) = analyses::continued(&comparison, &alignment);
    println!(
        "continued pairs, dongying-2021-2022 → dongying-2022: P {:.3} ({right}/{found}), R {:.3} ({right}/{gold})",
        right as f64 / found.max(1) as f64,
        right as f64 / gold.max(1) as f64
    );
    let firsts = analyses::first_adopters(&comparison, &alignment);
    let right = firsts.iter().filter(|(_, g, f)| f.as_deref() == Some(g.as_str())).count();
    println!("first adopters: {right} of {} right", firsts.len());
    for (name, gold, found) in &firsts {
        let mark = if found.as_deref() == Some(gold.as_str()) { "ok" } else { "MISS" };
        println!("  {mark:4} {name}: gold {gold}, found {}", found.as_deref().unwrap_or("-"));
    }
    let sources: Vec<(&cityalign::Plan, &str)> = corpus.iter().zip(BUNDLED.iter().map(|b| b.text)).collect();
    let wording = analyses::shared_wording(&SharedWording::find(&sources));
    println!(
        "shared passages: {} found, {} described by the gold, {} classed as the gold classes them; gold lines not found: {}",
        wording.passages,
        wording.described,
        wording.agreeing,
        wording.missing.len()
    );
    for (want, got, text) in &wording.disagreements {
        println!("  gold {want}, found {got}: {text}");
    }
    Ok(())
}
