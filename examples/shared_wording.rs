//! Where plans share their wording: passages of 15 or more characters (white space and
//! punctuation set aside) that two plans hold near-verbatim, classed boilerplate,
//! template, reuse or own, and the share of each plan's task text the other holds.
//!
//! ```text
//! cargo run --release --example shared_wording                 # the bundled plans
//! cargo run --release --example shared_wording -- --all        # boilerplate too
//! cargo run --release --example shared_wording -- a.txt b.txt  # your own plans
//! ```

use std::process::ExitCode;

use cityalign::{Corpus, PassageKind, Plan, SharedWording, BUNDLED};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let all = args.iter().any(|a| a == "--all");
    let files: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    // The wording is compared on the sources, so they are kept beside the plans.
    let (corpus, sources): (Corpus, Vec<String>) = if files.is_empty() {
        match Corpus::bundled() {
            Ok(corpus) => (corpus, BUNDLED.iter().map(|b| b.text.to_string()).collect()),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        let mut corpus = Corpus::new();
        let mut sources = Vec::new();
        for file in files {
            let read = std::fs::read(file).map_err(cityalign::Error::from).and_then(|bytes| {
                let text = cityalign::decode(&bytes)?.0.into_owned();
                let plan = cityalign::Parser::new().id(file.trim_end_matches(".txt")).parse(&text)?;
                Ok((plan, text))
            });
            match read {
                Ok((plan, text)) => {
                    corpus.push(plan);
                    sources.push(text);
                }
                Err(e) => eprintln!("warning: skipped {file}: {e}"),
            }
        }
        (corpus, sources)
    };
    let pairs: Vec<(&Plan, &str)> = corpus.plans().iter().zip(&sources).map(|(p, s)| (p, s.as_str())).collect();
    let shared = SharedWording::find(&pairs);
    for p in shared.passages.iter().filter(|p| all || p.kind != PassageKind::Boilerplate) {
        let task = |t: &Option<cityalign::Id>| t.as_deref().unwrap_or("-").to_string();
        println!(
            "{:<11} {} {} ↔ {} {}: {}",
            format!("{:?}", p.kind).to_lowercase(),
            p.a.plan,
            task(&p.a.task),
            p.b.plan,
            task(&p.b.task),
            p.text
        );
    }
    println!("\nshare of each plan's task text the other holds (template and reuse):");
    for s in &shared.shares {
        println!("  {} {:.1}%  ↔  {} {:.1}%", s.a, s.a_share * 100.0, s.b, s.b_share * 100.0);
    }
    ExitCode::SUCCESS
}
