//! Scores of the analyses on the bundled plans against the golds written by reading them
//! (`tests/data/evolution-gold.txt`, `tests/data/adopters-gold.txt`). Shared by
//! `tests/analyses.rs`, which holds the figures as floors, and
//! `examples/analyses_quality.rs`, which prints them.

use std::collections::BTreeSet;

use cityalign::{Alignment, Comparison};

fn gold(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap_or_default()
}

/// Continued pairs: (found, gold, found and in the gold).
pub fn continued(comparison: &Comparison<'_>, alignment: &Alignment) -> (usize, usize, usize) {
    let want: BTreeSet<(String, String)> = gold("evolution-gold.txt")
        .lines()
        .filter_map(|l| l.strip_prefix("continued: "))
        .filter_map(|l| {
            let mut f = l.split(" | ");
            Some((f.next()?.to_string(), f.next()?.to_string()))
        })
        .collect();
    let steps = cityalign::evolution(comparison, alignment);
    let got: BTreeSet<(String, String)> = steps
        .iter()
        .filter(|s| s.from.as_str() == "dongying-2021-2022" && s.to.as_str() == "dongying-2022")
        .flat_map(|s| &s.continued)
        .map(|c| (c.a.task.to_string(), c.b.task.to_string()))
        .collect();
    (got.len(), want.len(), got.intersection(&want).count())
}

/// First adopters: (initiative, gold's first, found first), for every initiative of the gold.
pub fn first_adopters(comparison: &Comparison<'_>, alignment: &Alignment) -> Vec<(String, String, Option<String>)> {
    let diffusion = cityalign::diffusion(comparison, alignment);
    gold("adopters-gold.txt")
        .lines()
        .filter_map(|l| l.strip_prefix("initiative: "))
        .filter_map(|l| {
            let mut f = l.split(" | ");
            let name = f.next()?.trim().to_string();
            let first = f.next()?.strip_prefix("first: ")?.trim().to_string();
            // The gold names initiatives as a reader does; a row may carry a longer
            // concept name (网络安全 → 网络安全防护).
            let row = diffusion
                .iter()
                .find(|d| d.label.as_str() == name)
                .or_else(|| diffusion.iter().find(|d| d.label.as_str().starts_with(name.as_str())));
            let found = row.and_then(|d| d.first()).map(|a| a.plan.to_string());
            Some((name, first, found))
        })
        .collect()
}
