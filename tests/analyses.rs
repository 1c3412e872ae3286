//! How plans change, who planned first, and shared wording, on the bundled plans: against
//! golds written by reading the plans, and in the report and the JSON export.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test helper may fail loudly

#[path = "support/analyses.rs"]
mod analyses;

use cityalign::report::{Export, HtmlReport};
use cityalign::{Corpus, Matcher, PassageKind, Plan, SharedWording, BUNDLED};

#[test]
fn every_shared_passage_is_classed_as_by_hand() {
    let corpus = Corpus::bundled().unwrap();
    let sources: Vec<(&Plan, &str)> = corpus.iter().zip(BUNDLED.iter().map(|b| b.text)).collect();
    let scores = analyses::shared_wording(&SharedWording::find(&sources));
    assert!(scores.missing.is_empty(), "help: gold passages not found: {:?}", scores.missing);
    assert_eq!(scores.described, scores.passages, "help: a passage the gold does not describe");
    assert_eq!(scores.agreeing, scores.described, "help: classes unlike the gold's: {:?}", scores.disagreements);
}

#[test]
fn dongying_continues_its_plan_and_raises_its_charging_target() {
    let corpus = Corpus::bundled().unwrap();
    let comparison = Matcher::new().compare(corpus.plans());
    let alignment = comparison.align();
    let (found, gold, right) = analyses::continued(&comparison, &alignment);
    let (p, r) = (right as f64 / found.max(1) as f64, right as f64 / gold.max(1) as f64);
    // Floors at the figures reached (README "How plans change"): the goal of 0.9 each is
    // missed, on recall by more.
    assert!(
        gold >= 40 && p >= 0.87 && r >= 0.70,
        "help: continued pairs P {p:.3} R {r:.3} ({right}/{found}, gold {gold})"
    );
    let steps = cityalign::evolution(&comparison, &alignment);
    assert_eq!(steps.len(), 1, "help: only 东营 has two plans");
    let step = &steps[0];
    assert_eq!((step.from.as_str(), step.to.as_str()), ("dongying-2021-2022", "dongying-2022"));
    let piles = step.target_changes.iter().find(|c| c.metric == "充电桩").unwrap();
    assert_eq!((piles.from, piles.to), (2700.0, 3500.0));
    // Every task of both plans is continued, new or dropped.
    let later = corpus.get("dongying-2022").unwrap();
    for task in &later.tasks {
        let continued = step.continued.iter().any(|c| c.b.task.as_str() == task.id);
        let new = step.new.iter().any(|t| t.task.as_str() == task.id);
        assert!(continued != new, "help: {} is both or neither", task.id);
    }
}

#[test]
fn first_adopters_against_the_gold() {
    let corpus = Corpus::bundled().unwrap();
    let comparison = Matcher::new().compare(corpus.plans());
    let alignment = comparison.align();
    let firsts = analyses::first_adopters(&comparison, &alignment);
    assert_eq!(firsts.len(), 12);
    let right = firsts.iter().filter(|(_, gold, found)| found.as_deref() == Some(gold.as_str())).count();
    // Every first adopter right, as the issue asks (README: the rule that made it so).
    assert_eq!(right, 12, "help: {firsts:#?}");
    for d in cityalign::diffusion(&comparison, &alignment) {
        let years: Vec<u16> = d.adopters.iter().filter_map(|a| a.year).collect();
        assert!(years.windows(2).all(|w| w[0] <= w[1]), "help: {} adopters out of order", d.label);
        assert_eq!(d.curve.last().map(|c| c.1), Some(years.len()), "help: the curve ends at every adopter");
    }
}

#[test]
fn the_report_and_the_export_carry_the_analyses() {
    let corpus = Corpus::bundled().unwrap();
    let comparison = Matcher::new().compare(corpus.plans());
    let alignment = comparison.align();
    let sources: Vec<&str> = BUNDLED.iter().map(|b| b.text).collect();
    let pairs: Vec<(&Plan, &str)> = corpus.plans().iter().zip(sources.iter().copied()).collect();
    let shared = SharedWording::find(&pairs);
    let html = HtmlReport::new(&comparison, &alignment).shared_wording(&shared, &sources).render();
    for id in ["evolution", "diffusion", "reuse"] {
        assert!(html.contains(&format!("<h2 id=\"{id}\">")), "help: no {id} section");
        assert!(html.contains(&format!("href=\"#{id}\"")), "help: no link to {id}");
    }
    assert!(html.contains("<mark>完善财政投入机制"), "help: a reused passage highlighted in context");
    assert!(!HtmlReport::new(&comparison, &alignment).render().contains("href=\"#reuse\""), "help: no dead link");

    let export = Export::new(&comparison, &alignment, 1, &[]).with_shared_wording(&shared);
    let json: serde_json::Value = serde_json::to_value(&export).unwrap();
    assert_eq!(json["evolution"][0]["city"], "东营");
    assert!(json["evolution"][0]["continued"][0]["a"]["plan"].is_string());
    assert!(json["evolution"][0]["target_changes"].as_array().unwrap().iter().any(|c| c["metric"] == "充电桩"));
    assert!(json["diffusion"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["label"] == "5G基站" && d["adopters"][0]["year"] == 2020));
    let reuse = json["reuse"].as_array().unwrap();
    assert!(reuse.iter().any(|r| r["kind"] == "reuse" && r["a"]["task"].is_string() && r["a"]["start"].is_u64()));
    assert!(reuse.iter().all(|r| ["boilerplate", "template", "reuse", "own"].contains(&r["kind"].as_str().unwrap())));
    assert!(shared.passages.iter().any(|p| p.kind == PassageKind::Boilerplate && p.text.contains("印发给你们")));
    // A round trip keeps what was written.
    let back: Export = serde_json::from_value(json).unwrap();
    assert_eq!(back, export);
}
