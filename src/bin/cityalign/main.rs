//! `cityalign`, the crate's command line (feature `cli`):
//! `cargo install cityalign --features cli`, then `cityalign compare --help`.

use std::process::ExitCode;

use lexopt::{Arg, Parser};

mod compare;

const HELP: &str = "\
cityalign — parse and compare the digital-government plans of Chinese cities

USAGE:
    cityalign compare [OPTIONS]    line up the plans' initiatives: the comparison table,
                                   Markdown, CSV, JSON or an HTML report
                                   (cityalign compare --help)
    cityalign --version            the version
    cityalign --help               this text
";

fn main() -> ExitCode {
    let mut args = Parser::from_env();
    match args.next() {
        Ok(Some(Arg::Value(command))) if command == "compare" => {
            compare::main(args, &compare::Invocation { name: "cityalign compare", usage: "cityalign compare" })
        }
        Ok(Some(Arg::Long("help") | Arg::Short('h'))) => {
            print!("{HELP}");
            ExitCode::SUCCESS
        }
        Ok(Some(Arg::Long("version") | Arg::Short('V'))) => {
            println!("cityalign {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Ok(None) => {
            eprint!("{HELP}");
            ExitCode::from(2)
        }
        Ok(Some(Arg::Value(command))) => {
            eprintln!("error: unknown command {command:?} (see --help)");
            ExitCode::from(2)
        }
        Ok(Some(option)) => {
            eprintln!("error: {} (see --help)", option.unexpected());
            ExitCode::from(2)
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
