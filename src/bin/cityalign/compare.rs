//! `compare`: line up the plans' initiatives and print the comparison table (initiative
//! × plan), each cell the targets, deadline year and lead unit.
//!
//! One source for the `compare` example (`cargo run --release --example compare`, the
//! README's main command, with default features) and for `cityalign compare`, the
//! binary of the `cli` feature: the example includes this file by `#[path]`.

use std::ffi::OsString;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use cityalign::report::{
    write_diffusion_csv, write_evolution_csv, write_evolution_text, ComparisonTable, ExportOptions, HtmlReport,
};
use cityalign::{
    decode, diffusion, evolution, plan_files, Corpus, Evolution, Matcher, Plan, SharedWording, Strategy, Tokenizer,
    BUNDLED,
};
use lexopt::{Arg, Parser};

/// How the command is run, for its help: its name and its invocation up to the options.
pub struct Invocation {
    /// "compare", "cityalign compare".
    pub name: &'static str,
    /// "cargo run --release --example compare --", "cityalign compare".
    pub usage: &'static str,
}

const HELP: &str = "\
{name} — line up the initiatives of Chinese cities' digital-government plans

USAGE:
    {usage} [OPTIONS]

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

ENVIRONMENT:
    COLUMNS            the table's width (default 120); plans that do not fit side by
                       side come in blocks

EXIT STATUS:
    0 a comparison was made (files skipped, if any, are reported on stderr);
    1 nothing could be compared (fewer than two plans read, or --strict and a bad file);
    2 a usage error (an unknown option, a missing or invalid value, an unreadable --dir)

EXAMPLE:
    {usage} --plan my-city-2024.txt --format markdown
";

const DEFAULT_QUERIES: [&str; 6] = ["5G基站", "智慧社区", "一网通办", "城市大脑", "充电桩", "智慧养老"];

const FORMATS: [&str; 7] = ["table", "markdown", "csv", "json", "html", "evolution-csv", "diffusion-csv"];

/// The table's width when `COLUMNS` does not say.
const DEFAULT_WIDTH: usize = 120;

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

/// The options, or `None` for `--help`; a usage error as its message.
fn parse_args(mut args: Parser) -> Result<Option<Options>, String> {
    let mut o = Options { format: "table".into(), ..Options::default() };
    while let Some(arg) = args.next().map_err(|e| e.to_string())? {
        let name = match &arg {
            Arg::Long(long) => format!("--{long}"),
            Arg::Short(short) => format!("-{short}"),
            Arg::Value(value) => return Err(format!("unknown option {value:?} (see --help)")),
        };
        let mut value = || args.value().map_err(|_| format!("{name} needs a value"));
        match name.as_str() {
            "-h" | "--help" => return Ok(None),
            "--plan" => o.plans.push(value()?.into()),
            "--dir" => {
                let dir = value()?;
                o.plans.extend(plan_files(dir.as_ref()).map_err(|e| e.to_string())?);
            }
            "--only" => o.only = true,
            "--all" => o.all = true,
            "--strict" => o.strict = true,
            "--bom" => o.bom = true,
            "--strategy" => o.strategy = string(value()?, &name)?.parse().map_err(|e| format!("{e}"))?,
            "--threshold" => {
                let v = string(value()?, &name)?;
                let t: f64 = v.parse().map_err(|_| format!("--threshold: {v:?} is not a number"))?;
                if !(0.0..=1.0).contains(&t) {
                    return Err(format!("--threshold: {v} is outside [0, 1]"));
                }
                o.threshold = Some(t);
            }
            "--query" => o.queries.push(string(value()?, &name)?),
            "--format" => o.format = string(value()?, &name)?,
            "--json" => o.format = "json".into(),
            "--out" => o.out = Some(value()?.into()),
            _ => return Err(format!("unknown option {name:?} (see --help)")),
        }
    }
    if !FORMATS.contains(&o.format.as_str()) {
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

/// A value that must be text (a path need not be).
fn string(value: OsString, option: &str) -> Result<String, String> {
    value.into_string().map_err(|value| format!("{option}: {value:?} is not valid UTF-8"))
}

/// Why a run ends with status 1.
enum Failure {
    /// Nothing could be compared, with the reason.
    Compare(String),
    /// The output could not be written: to this file, or to standard output.
    Write(io::Error, Option<PathBuf>),
}

fn run(o: &Options, width: usize) -> Result<(), Failure> {
    // The dictionary builds while the plans are read and parsed.
    let dictionary = std::thread::spawn(Tokenizer::new);
    let mut corpus =
        if o.only { Corpus::new() } else { Corpus::bundled().map_err(|e| Failure::Compare(e.to_string()))? };
    // Parsed in parallel, a tenth at a time so that a long run shows its progress.
    let step = (o.plans.len() / 10).max(20);
    let mut skipped = 0;
    for (k, chunk) in o.plans.chunks(step).enumerate() {
        if o.strict {
            corpus.extend(Corpus::from_files(chunk).map_err(|e| Failure::Compare(e.to_string()))?);
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
        return Err(Failure::Compare(format!("{} plan(s) to compare: give at least two", corpus.len())));
    }
    let tokenizer = dictionary.join().map_err(|_| Failure::Compare("the dictionary could not be built".to_string()))?;
    let mut builder = Matcher::builder().strategy(o.strategy).tokenizer(tokenizer);
    if let Some(t) = o.threshold {
        builder = builder.threshold(t);
    }
    let matcher = builder.build().map_err(|e| Failure::Compare(e.to_string()))?;
    let comparison = matcher.compare(corpus.plans());
    let alignment = comparison.align();
    // Opened once there is something to write: a run that fails leaves no file behind.
    let failed = |e: io::Error| Failure::Write(e, o.out.clone());
    let mut out: BufWriter<Box<dyn Write>> = BufWriter::new(match &o.out {
        Some(path) => Box::new(std::fs::File::create(path).map_err(failed)?),
        None => Box::new(io::stdout().lock()),
    });
    if o.bom && o.format.ends_with("csv") {
        out.write_all("\u{feff}".as_bytes()).map_err(failed)?;
    }
    // Shared wording is read on the sources: the bundled texts and the files again.
    let with_sources = matches!(o.format.as_str(), "html" | "json");
    let sources = if with_sources { sources(&corpus, &o.plans) } else { Vec::new() };
    let source_refs: Vec<&str> = sources.iter().map(String::as_str).collect();
    let shared = with_sources.then(|| {
        let pairs: Vec<(&Plan, &str)> = corpus.plans().iter().zip(source_refs.iter().copied()).collect();
        SharedWording::find(&pairs)
    });
    let written = match (o.format.as_str(), &shared) {
        ("html", Some(shared)) => {
            let report = HtmlReport::new(&comparison, &alignment).shared_wording(shared, &source_refs);
            if o.all { report.show_all() } else { report }.render_to(&mut out)
        }
        ("json", Some(shared)) => {
            let options = o.queries.iter().fold(ExportOptions::new().top(3), |options, q| options.query(q.as_str()));
            let export = options.shared_wording(shared).export(&comparison, &alignment);
            serde_json::to_writer_pretty(&mut out, &export).map_err(io::Error::from)
        }
        ("evolution-csv", _) => write_evolution_csv(&mut out, &evolution(&comparison, &alignment)),
        ("diffusion-csv", _) => write_diffusion_csv(&mut out, &diffusion(&comparison, &alignment)),
        (format, _) => {
            let changes = evolution(&comparison, &alignment);
            let table = if o.all {
                ComparisonTable::all(&comparison, &alignment)
            } else {
                ComparisonTable::new(&comparison, &alignment)
            };
            // The table owns what it shows: free the rest before rendering it.
            drop((alignment, comparison));
            write_table(&mut out, &table, &changes, format, width)
        }
    };
    written.and_then(|()| out.flush()).map_err(failed)
}

/// The table as `format` (table, markdown or csv); but for CSV, with what sets each
/// plan apart and how plans changed below it.
fn write_table(
    out: &mut impl Write,
    table: &ComparisonTable,
    changes: &[Evolution],
    format: &str,
    width: usize,
) -> io::Result<()> {
    match format {
        "csv" => return table.write_csv(out),
        // The Markdown is a file, not a terminal's: its list keeps the default width.
        "markdown" => table.write_markdown(&mut *out)?,
        _ => table.write_text(&mut *out, width)?,
    }
    let width = if format == "markdown" { DEFAULT_WIDTH } else { width };
    out.write_all(b"\n")?;
    table.write_distinct_text(&mut *out, width)?;
    out.write_all(b"\n")?;
    write_evolution_text(out, changes)
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

/// The terminal's width as the shell exports it in `COLUMNS`, else 120.
fn terminal_width() -> usize {
    std::env::var("COLUMNS").ok().and_then(|c| c.trim().parse().ok()).filter(|&w| w > 0).unwrap_or(DEFAULT_WIDTH)
}

/// Runs `compare` on `args` (the options, after the command's name): its exit status.
pub fn main(args: Parser, invocation: &Invocation) -> ExitCode {
    let options = match parse_args(args) {
        Ok(Some(o)) => o,
        Ok(None) => {
            print!("{}", HELP.replace("{name}", invocation.name).replace("{usage}", invocation.usage));
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    match run(&options, terminal_width()) {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`| head`) is the reader's choice, not an error.
        Err(Failure::Write(e, None)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(Failure::Write(e, path)) => {
            match path {
                Some(path) => eprintln!("error: {}: {e}", path.display()),
                None => eprintln!("error: {e}"),
            }
            ExitCode::FAILURE
        }
        Err(Failure::Compare(e)) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Option<Options>, String> {
        parse_args(Parser::from_args(args))
    }

    #[test]
    fn options_as_before_and_with_equals() {
        let o = parse(&["--threshold=0.4", "--format", "csv", "--bom", "--query", "充电桩"]).ok().flatten();
        let o = o.map(|o| (o.threshold, o.format, o.bom, o.queries));
        assert_eq!(o, Some((Some(0.4), "csv".to_string(), true, vec!["充电桩".to_string()])));
        assert_eq!(parse(&["--threshold"]).err().as_deref(), Some("--threshold needs a value"));
        assert_eq!(parse(&["--threshold", "2"]).err().as_deref(), Some("--threshold: 2 is outside [0, 1]"));
        assert_eq!(parse(&["--bogus"]).err().as_deref(), Some("unknown option \"--bogus\" (see --help)"));
        assert_eq!(parse(&["stray"]).err().as_deref(), Some("unknown option \"stray\" (see --help)"));
        assert!(parse(&["--format", "pdf"]).is_err_and(|e| e.starts_with("unknown format \"pdf\"")));
        assert!(matches!(parse(&["--only", "-h"]), Ok(None)));
    }
}
