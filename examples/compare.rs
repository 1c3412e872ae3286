//! The main job: line up the plans' initiatives and print the comparison table
//! (initiative × plan), each cell the targets, deadline year and lead unit.
//!
//! ```text
//! cargo run --release --example compare
//! cargo run --release --example compare -- --format markdown --out table.md
//! cargo run --release --example compare -- --json > comparison.json
//! cargo run --release --example compare -- --format html --out report.html
//! cargo run --release --example compare -- --plan my-city-2024.txt --query 数据中心
//! cargo run --release --example compare -- --only --dir plans/ --format csv
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

use cityalign::{
    decode, diffusion, diffusion_csv, evolution, evolution_csv, evolution_text, plan_files, ComparisonTable, Corpus,
    ExportOptions, HtmlReport, Matcher, Plan, SharedWording, Strategy, Tokenizer, BUNDLED,
};

const HELP: &str = "\
compare — line up the initiatives of Chinese cities' digital-government plans

USAGE:
    cargo run --release --example compare -- [OPTIONS]

OPTIONS:
    --plan FILE        add a plan file (UTF-8 or GB18030/GBK text); repeatable
    --dir DIR          add every .txt plan in DIR
    --only             compare only the plans given, not the bundled ones
    --all              show every initiative found, not only the confident ones
    --strict           stop at the first plan file that cannot be read or parsed
                       (default: report it on stderr and go on with the others)
    --strategy NAME    char-dice, title-levenshtein, title-jaro-winkler, token-jaccard,
                       tfidf, bm25 or hybrid (default: hybrid)
    --threshold X      alignment threshold in [0, 1] (default: the strategy's)
    --query TERM       a query for the JSON export; repeatable
                       (default: 5G基站 智慧社区 一网通办 城市大脑 充电桩 智慧养老)
    --format F         table (default), markdown, csv, json or html (a self-contained
                       report with heat map, target charts, timeline, how plans changed,
                       who planned first, shared wording and details), evolution-csv
                       (how each city's plans changed) or diffusion-csv (adopters in order)
    --json             the same as --format json
    --bom              lead CSV output with a UTF-8 byte-order mark (for Excel)
    --out FILE         write to FILE instead of standard output
    -h, --help         this text

EXIT STATUS:
    0 a comparison was made (files skipped, if any, are reported on stderr);
    1 nothing could be compared (fewer than two plans read, or --strict and a bad file);
    2 a usage error (an unknown option, a missing or invalid value, an unreadable --dir)

EXAMPLE:
    cargo run --release --example compare -- --plan my-city-2024.txt --format markdown
";

const DEFAULT_QUERIES: [&str; 6] = ["5G基站", "智慧社区", "一网通办", "城市大脑", "充电桩", "智慧养老"];

#[derive(Debug, Default)]
struct Options {
    plans: Vec<PathBuf>,
    only: bool,
    strict: bool,
    bom: bool,
    strategy: Strategy,
    threshold: Option<f64>,
    queries: Vec<String>,
    format: String,
    out: Option<PathBuf>,
    all: bool,
}

fn parse_args(args: impl Iterator<Item = String>) -> Result<Option<Options>, String> {
    let mut o = Options { format: "table".into(), ..Options::default() };
    let mut args = args.peekable();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "--plan" => o.plans.push(value("--plan")?.into()),
            "--dir" => {
                let dir = value("--dir")?;
                o.plans.extend(plan_files(dir.as_ref()).map_err(|e| e.to_string())?);
            }
            "--only" => o.only = true,
            "--all" => o.all = true,
            "--strict" => o.strict = true,
            "--bom" => o.bom = true,
            "--strategy" => o.strategy = value("--strategy")?.parse().map_err(|e| format!("{e}"))?,
            "--threshold" => {
                let v = value("--threshold")?;
                let t: f64 = v.parse().map_err(|_| format!("--threshold: {v:?} is not a number"))?;
                if !(0.0..=1.0).contains(&t) {
                    return Err(format!("--threshold: {v} is outside [0, 1]"));
                }
                o.threshold = Some(t);
            }
            "--query" => o.queries.push(value("--query")?),
            "--format" => o.format = value("--format")?,
            "--json" => o.format = "json".into(),
            "--out" => o.out = Some(value("--out")?.into()),
            other => return Err(format!("unknown option {other:?} (see --help)")),
        }
    }
    if !["table", "markdown", "csv", "json", "html", "evolution-csv", "diffusion-csv"].contains(&o.format.as_str()) {
        return Err(format!(
            "unknown format {:?}: expected table, markdown, csv, json, html, evolution-csv or diffusion-csv",
            o.format
        ));
    }
    if o.queries.is_empty() {
        o.queries = DEFAULT_QUERIES.iter().map(|q| q.to_string()).collect();
    }
    Ok(Some(o))
}

fn run(o: Options) -> Result<String, String> {
    // The dictionary builds while the plans are read and parsed.
    let dictionary = std::thread::spawn(Tokenizer::new);
    let mut corpus = if o.only { Corpus::new() } else { Corpus::bundled().map_err(|e| e.to_string())? };
    // Parsed in parallel, a tenth at a time so that a long run shows its progress.
    let step = (o.plans.len() / 10).max(20);
    let mut skipped = 0;
    for (k, chunk) in o.plans.chunks(step).enumerate() {
        if o.strict {
            corpus.extend(Corpus::from_files(chunk).map_err(|e| e.to_string())?);
        } else {
            let (read, errors) = Corpus::from_files_skipping(chunk);
            for e in &errors {
                eprintln!("warning: skipped {e}");
            }
            skipped += errors.len();
            corpus.extend(read);
        }
        if o.plans.len() > step {
            eprintln!("parsed {}/{} plans", (k * step + chunk.len()), o.plans.len());
        }
    }
    if o.plans.len() > 20 {
        eprintln!("aligning {} plans", corpus.len());
    }
    if skipped > 0 {
        eprintln!("warning: {skipped} of {} plan files skipped", o.plans.len());
    }
    if corpus.len() < 2 {
        return Err(format!("{} plan(s) to compare: give at least two", corpus.len()));
    }
    let tokenizer = dictionary.join().map_err(|_| "the dictionary could not be built".to_string())?;
    let mut builder = Matcher::builder().strategy(o.strategy).tokenizer(tokenizer);
    if let Some(t) = o.threshold {
        builder = builder.threshold(t);
    }
    let matcher = builder.build().map_err(|e| e.to_string())?;
    let comparison = matcher.compare(corpus.plans());
    let alignment = comparison.align();
    // Shared wording is read on the sources: the bundled texts and the files again.
    let with_sources = matches!(o.format.as_str(), "html" | "json");
    let sources = if with_sources { sources(&corpus, &o.plans) } else { Vec::new() };
    let source_refs: Vec<&str> = sources.iter().map(String::as_str).collect();
    let shared = with_sources.then(|| {
        let pairs: Vec<(&Plan, &str)> = corpus.plans().iter().zip(source_refs.iter().copied()).collect();
        SharedWording::find(&pairs)
    });
    Ok(match (o.format.as_str(), &shared) {
        ("html", Some(shared)) => {
            let report = HtmlReport::new(&comparison, &alignment).shared_wording(shared, &source_refs);
            if o.all { report.show_all() } else { report }.render()
        }
        ("json", Some(shared)) => {
            let options = o.queries.iter().fold(ExportOptions::new().top(3), |options, q| options.query(q.as_str()));
            let export = options.shared_wording(shared).export(&comparison, &alignment);
            serde_json::to_string_pretty(&export).map_err(|e| e.to_string())?
        }
        ("evolution-csv", _) => evolution_csv(&evolution(&comparison, &alignment)),
        ("diffusion-csv", _) => diffusion_csv(&diffusion(&comparison, &alignment)),
        (format, _) => {
            let changes = evolution_text(&evolution(&comparison, &alignment));
            let table = if o.all {
                ComparisonTable::all(&comparison, &alignment)
            } else {
                ComparisonTable::new(&comparison, &alignment)
            };
            // The table owns what it shows: free the rest before rendering it.
            drop((alignment, comparison));
            match format {
                "markdown" => format!("{}\n{}\n{changes}", table.to_markdown(), table.distinct_text(120)),
                "csv" => table.to_csv(),
                _ => format!("{}\n{}\n{changes}", table.to_text(120), table.distinct_text(120)),
            }
        }
    })
}

/// The text of each plan of `corpus`: a bundled plan's from the crate, a file's read
/// again (a compilation's plans share their file's text). Empty where a file cannot be
/// read again.
fn sources(corpus: &Corpus, files: &[PathBuf]) -> Vec<String> {
    let texts: Vec<(String, String)> = files
        .iter()
        .filter_map(|path| {
            let stem = path.file_stem()?.to_string_lossy().into_owned();
            let bytes = std::fs::read(path).ok()?;
            Some((stem, decode(&bytes).ok()?.0.into_owned()))
        })
        .collect();
    corpus
        .plans()
        .iter()
        .map(|plan| {
            if let Some(bundled) = BUNDLED.iter().find(|b| b.id == plan.id) {
                return bundled.text.to_string();
            }
            let file = texts.iter().find(|(stem, _)| *stem == plan.id).or_else(|| {
                let stem = plan.id.rsplit_once('-').map_or(plan.id.as_str(), |(s, _)| s);
                texts.iter().find(|(s, _)| s == stem)
            });
            file.map(|(_, text)| text.clone()).unwrap_or_default()
        })
        .collect()
}

/// CSV output, led by a byte-order mark when asked (Excel on Chinese Windows).
fn with_bom(text: String, bom: bool, format: &str) -> String {
    if bom && format.ends_with("csv") {
        format!("\u{feff}{text}")
    } else {
        text
    }
}

fn main() -> ExitCode {
    let options = match parse_args(std::env::args().skip(1)) {
        Ok(Some(o)) => o,
        Ok(None) => {
            print!("{HELP}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let out = options.out.clone();
    let (bom, format) = (options.bom, options.format.clone());
    match run(options).map(|text| with_bom(text, bom, &format)) {
        Ok(text) => match out {
            Some(path) => match std::fs::write(&path, text) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {}: {e}", path.display());
                    ExitCode::FAILURE
                }
            },
            None => match std::io::Write::write_all(&mut std::io::stdout().lock(), text.as_bytes()) {
                // A closed pipe (`| head`) is the reader's choice, not an error.
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    eprintln!("error: {e}");
                    ExitCode::FAILURE
                }
                _ => ExitCode::SUCCESS,
            },
        },
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
