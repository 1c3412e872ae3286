//! Export every quantitative target of the plans to CSV, one row per target, for
//! pandas, R or Excel: plan, city, task, metric, value (normalised: 1.1万 → 11000),
//! max, measure, bound, new or cumulative, deadline, and the words as written.
//!
//! ```text
//! cargo run --example export_targets_csv > targets.csv
//! cargo run --example export_targets_csv -- my-plans/ > targets.csv   # every .txt in a folder
//! ```

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use cityalign::report::Csv;
use cityalign::Corpus;

fn main() -> ExitCode {
    let corpus = match std::env::args().nth(1) {
        Some(dir) => Corpus::from_dir(&dir),
        None => Corpus::bundled(),
    };
    let corpus = match corpus {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    match write(&corpus, &mut BufWriter::new(io::stdout().lock())) {
        // A closed pipe (`| head`) is the reader's choice, not an error.
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
        _ => ExitCode::SUCCESS,
    }
}

fn write(corpus: &Corpus, out: &mut impl Write) -> io::Result<()> {
    let header = [
        "plan",
        "city",
        "task",
        "task_title",
        "metric",
        "value",
        "max",
        "measure",
        "bound",
        "accrual",
        "deadline",
        "text",
    ];
    let mut csv = Csv::new(header);
    for plan in corpus {
        for task in &plan.tasks {
            for t in &task.targets {
                csv.row([
                    plan.id.clone(),
                    plan.city.clone().unwrap_or_default(),
                    task.id.clone(),
                    task.title.clone(),
                    t.metric.clone(),
                    t.value.to_string(),
                    t.max.map_or(String::new(), |m| m.to_string()),
                    t.measure.clone(),
                    format!("{:?}", t.bound),
                    format!("{:?}", t.accrual),
                    t.deadline.as_ref().or(task.deadline.as_ref()).map_or(String::new(), |d| d.last_day.to_string()),
                    t.text.clone(),
                ]);
            }
        }
    }
    out.write_all(csv.as_str().as_bytes())?;
    out.flush()
}
