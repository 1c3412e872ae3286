//! Uses cityalign as the README does; built in CI so that a breaking change shows.

use std::io::{BufWriter, Write};

use cityalign::report::{ComparisonTable, Csv};
use cityalign::{Corpus, Matcher, Parser, Plan, Role, Strategy};

fn run() -> cityalign::Result<()> {
    let corpus = Corpus::bundled()?;
    let plan = corpus.get("dongying-2022").ok_or(cityalign::ErrorKind::Empty)?;
    for task in &plan.tasks {
        let lead = task.lead_unit().map_or("-", |u| u.name.as_str());
        println!("{} {} ({lead})", task.path, task.title);
    }
    let own = Plan::parse("一、主要任务\n1.加快5G网络建设,全市新开通5G基站1350个。(牵头单位:市工业和信息化局)\n")?;
    assert_eq!(own.tasks[0].units[0].role, Role::Lead);
    for target in &own.tasks[0].targets {
        println!("{target}");
    }
    let plans = Parser::new().id("compilation").parse_all("一、任务\n1.建设城市大脑。\n")?;
    assert_eq!(plans.len(), 1);
    let matcher = Matcher::builder().strategy(Strategy::Hybrid).build()?;
    let comparison = matcher.compare(corpus.plans());
    let hits = comparison.query("城市大脑");
    let alignment = comparison.align();
    println!("{} hits, {} initiatives", hits.len(), alignment.initiatives.len());
    let table = ComparisonTable::new(&comparison, &alignment);
    let mut out = BufWriter::new(std::io::stdout().lock());
    table.write_text(&mut out, 100)?;
    out.flush()?;
    let mut csv = Csv::new(["plan", "tasks"]);
    csv.row([plan.id.as_str(), &plan.tasks.len().to_string()]);
    assert!(csv.excel().as_str().starts_with('\u{feff}'));
    let (_, errors) = Corpus::from_files_skipping(["no-such-plan.txt"]);
    assert_eq!(errors.len(), 1);
    Ok(())
}

fn main() {
    if let Err(e) = run() {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}
