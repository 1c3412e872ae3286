//! Scores of the analyses on the bundled plans against the golds written by reading them
//! (`tests/data/evolution-gold.txt`, `tests/data/adopters-gold.txt`,
//! `tests/data/shared-wording-gold.txt`). Shared by
//! `tests/analyses.rs`, which holds the figures as floors, and
//! `examples/analyses_quality.rs`, which prints them.

use std::collections::BTreeSet;

use cityalign::{Alignment, Comparison, PassageKind, SharedWording};

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

/// Shared passages against the hand-classed gold.
#[derive(Debug, Default)]
pub struct WordingScores {
    /// Passages found.
    pub passages: usize,
    /// Found passages that a gold line describes.
    pub described: usize,
    /// Described passages whose class is the gold's.
    pub agreeing: usize,
    /// Gold lines no found passage matches.
    pub missing: Vec<String>,
    /// (gold class, found class, text) of each disagreement.
    pub disagreements: Vec<(String, String, String)>,
}

fn kind_name(kind: PassageKind) -> &'static str {
    match kind {
        PassageKind::Boilerplate => "boilerplate",
        PassageKind::Template => "template",
        PassageKind::Reuse => "reuse",
        PassageKind::Own => "own",
        _ => "other",
    }
}

/// Each found passage matched to the gold line of its two plans whose fragment it holds.
pub fn shared_wording(found: &SharedWording) -> WordingScores {
    let text = gold("shared-wording-gold.txt");
    let lines: Vec<[String; 4]> = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let l = l.split(" -- ").next().unwrap_or(l);
            let f: Vec<String> = l.split('|').map(|x| x.trim().to_string()).collect();
            Some([f.first()?.clone(), f.get(1)?.clone(), f.get(2)?.clone(), f.get(3)?.clone()])
        })
        .collect();
    let mut scores = WordingScores { passages: found.passages.len(), ..WordingScores::default() };
    let mut used = vec![false; lines.len()];
    for p in &found.passages {
        let (a, b) = (p.a.plan.as_str(), p.b.plan.as_str());
        let line = lines.iter().position(|[_, pa, pb, fragment]| {
            ((pa == a && pb == b) || (pa == b && pb == a))
                && (p.text.contains(fragment.as_str()) || fragment.contains(&*p.text))
        });
        let Some(k) = line else { continue };
        used[k] = true;
        scores.described += 1;
        let want = lines[k][0].as_str();
        let got = kind_name(p.kind);
        if want == got {
            scores.agreeing += 1;
        } else {
            scores.disagreements.push((want.to_string(), got.to_string(), p.text.to_string()));
        }
    }
    scores.missing = lines.iter().zip(&used).filter(|(_, u)| !**u).map(|(l, _)| l[3].clone()).collect();
    scores
}
