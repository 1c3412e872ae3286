//! A researcher's walk through the crate, from loading plans to an HTML report.
//!
//! This module holds no code; it is documentation, and every example in it is compiled
//! and run by `cargo test`.
//!
//! # 1. Load plans
//!
//! The five bundled plans are one call away. Your own plans are text files, one plan per
//! file, UTF-8 or GB18030/GBK (as saved on Chinese Windows machines); a byte-order mark or
//! CRLF line endings change nothing. A plan's id is its file name without extension.
//!
//! ```
//! use cityalign::Corpus;
//!
//! let mut corpus = Corpus::bundled()?;
//! assert_eq!(corpus.len(), 5);
//!
//! # let dir = std::env::temp_dir().join(format!("cityalign-guide-{}", std::process::id()));
//! # std::fs::create_dir_all(&dir).unwrap();
//! # std::fs::write(dir.join("my-city-2024.txt"), "一、主要任务\n1.建设5G基站。新建5G基站800个。(牵头单位:市工业和信息化局)\n").unwrap();
//! // Add one file (its plans: several if it is a compilation), or every `.txt` of a
//! // folder with `Corpus::from_dir`.
//! let plans = corpus.add_file(dir.join("my-city-2024.txt"))?;
//! assert_eq!(plans[0].id, "my-city-2024");
//! # std::fs::remove_dir_all(&dir).unwrap();
//! # Ok::<(), cityalign::Error>(())
//! ```
//!
//! Input that is not a plan gets an [`Error`](crate::Error) whose
//! [`kind`](crate::Error::kind) says why ([`ErrorKind`](crate::ErrorKind): empty, no
//! numbered items, not UTF-8 nor GB18030, too large) and whose message names the file.
//!
//! # 2. Look at what was extracted
//!
//! A [`Plan`](crate::Plan) holds its header (city, issuer, document number, date, period,
//! title) and its [`Task`](crate::Task)s; each task its responsible
//! [`Unit`](crate::Unit)s, [`Deadline`](crate::Deadline) and [`Target`](crate::Target)s,
//! with the byte span of each in the source.
//!
//! ```
//! use cityalign::{Corpus, Department, Role};
//!
//! let corpus = Corpus::bundled()?;
//! let plan = corpus.get("binzhou-2023").unwrap();
//! let task = plan.tasks.iter().find(|t| t.title.contains("双千兆")).unwrap();
//! let lead = task.lead_unit().unwrap();
//! assert_eq!((lead.role, lead.department), (Role::Lead, Department::IndustryIt));
//! let stock = task.targets.iter().find(|t| t.value == 11000.0).unwrap(); // 累计达1.1万个以上
//! assert_eq!(stock.metric, "5G基站");
//! let source = cityalign::BUNDLED.iter().find(|b| b.id == plan.id).unwrap().text;
//! assert_eq!(stock.span.slice(source), Some("累计达1.1万个以上"));
//! # Ok::<(), cityalign::Error>(())
//! ```
//!
//! # 3. Line the plans up
//!
//! A [`Matcher`](crate::Matcher) prepares the plans once ([`Comparison`](crate::Comparison));
//! then [`align`](crate::Comparison::align) groups tasks of different plans into
//! initiatives, [`rank`](crate::Comparison::rank) ranks one plan's tasks against a task of
//! another, and [`query`](crate::Comparison::query) finds an initiative by name.
//!
//! ```
//! use cityalign::{Corpus, Matcher, Strategy};
//!
//! let corpus = Corpus::bundled()?;
//! let comparison = Matcher::new().compare(corpus.plans());
//! let alignment = comparison.align();
//! let base_stations = alignment.initiatives.iter().find(|i| i.label == "5G基站").unwrap();
//! assert!(base_stations.plans().len() >= 4);
//!
//! // The same with another strategy, to compare.
//! let tfidf = Matcher::builder().strategy(Strategy::Tfidf).threshold(0.3).build().unwrap();
//! let _ = tfidf.compare(corpus.plans()).align();
//!
//! // Aliases count: 城市云脑 finds 城市大脑.
//! assert!(!comparison.query("城市云脑").is_empty());
//! # Ok::<(), cityalign::Error>(())
//! ```
//!
//! The strategies and their measured quality are in the README; `cargo run --release
//! --example strategies` measures them again against `tests/data/gold.txt`.
//!
//! # 4. Take the table away
//!
//! The [`report`](crate::report) module has what comes out of a comparison.
//! [`ComparisonTable`](crate::report::ComparisonTable) is the table as data (rows of
//! cells of entries), to render your own way or as text, Markdown or CSV (long format:
//! one line per initiative, plan and task, for pandas, R or Excel), each to a `String` or
//! straight to a file or stdout (`write_text`, `write_markdown`, `write_csv`).
//! [`Export`](crate::report::Export) is everything as one serde document.
//!
//! ```
//! use cityalign::report::{ComparisonTable, Export};
//! use cityalign::{Corpus, Matcher};
//!
//! let corpus = Corpus::bundled()?;
//! let comparison = Matcher::new().compare(corpus.plans());
//! let alignment = comparison.align();
//! let table = ComparisonTable::new(&comparison, &alignment);
//! for row in table.rows.iter().filter(|r| r.label == "充电桩") {
//!     for cell in &row.cells {
//!         for entry in &cell.entries {
//!             let plan = &table.columns[cell.column].plan;
//!             println!("{plan} {}: {:?} by {:?}", entry.title, entry.targets, entry.year);
//!         }
//!     }
//! }
//! assert!(table.to_csv().starts_with("initiative,plan,"));
//! let export = Export::new(&comparison, &alignment, 3, &["智慧社区".to_string()]);
//! assert_eq!(export.plans.len(), 5);
//! # Ok::<(), cityalign::Error>(())
//! ```
//!
//! # 5. The HTML report
//!
//! [`HtmlReport`](crate::report::HtmlReport) writes one self-contained page: a heat map of
//! initiatives × plans, bar charts of comparable numeric targets (new and cumulative told
//! apart), a timeline of deadlines, the lead departments, and each cell's tasks with the
//! matched clauses highlighted and the score broken down. It opens offline.
//!
//! ```
//! use std::io::{BufWriter, Write};
//!
//! use cityalign::report::HtmlReport;
//! use cityalign::{Corpus, Matcher};
//!
//! let corpus = Corpus::bundled()?;
//! let comparison = Matcher::new().compare(corpus.plans());
//! let alignment = comparison.align();
//! # let path = std::env::temp_dir().join(format!("cityalign-guide-{}.html", std::process::id()));
//! let mut file = BufWriter::new(std::fs::File::create(&path)?);
//! HtmlReport::new(&comparison, &alignment).title("山东四市数字政府").render_to(&mut file)?;
//! file.flush()?;
//! # assert!(std::fs::read_to_string(&path)?.contains("<title>山东四市数字政府</title>"));
//! # std::fs::remove_file(&path)?;
//! # Ok::<(), cityalign::Error>(())
//! ```
//!
//! Without writing Rust: `cargo run --release --example compare -- --dir my-plans/
//! --format html --out report.html`.
//!
//! # 6. Your own vocabulary
//!
//! The tokenizer knows the genre's terms (5G基站, 一网通办, 城市大脑 …) and their aliases.
//! Add your own words, aliases and stop words, and give the tokenizer to the matcher.
//!
//! ```
//! use cityalign::{Matcher, Tokenizer};
//!
//! let tokenizer = Tokenizer::builder().word("城市运行管理服务平台").alias("城运平台", "城市运行管理服务平台").build();
//! assert_eq!(tokenizer.terms("建设城运平台"), ["城市运行管理服务平台"]); // 建设 is a stop word of the genre
//! let matcher = Matcher::builder().tokenizer(tokenizer).build().unwrap();
//! # let _ = matcher;
//! ```
