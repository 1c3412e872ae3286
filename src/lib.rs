//! # cityalign
//!
//! Parse the digital-government plans of Chinese cities (行动方案, 工作要点, 三年行动计划)
//! into typed data, so that they can be lined up across cities.
//!
//! A [`Plan`] holds its metadata (city, issuer, document number, date, period, title),
//! its [`Heading`]s and its [`Task`]s. Each task has its responsible [`Unit`]s with their
//! [`Role`] and canonical [`Department`], its [`Deadline`], and its quantitative
//! [`Target`]s with numbers normalised (1.1万 → 11000). Every item keeps the byte
//! [`Span`] it came from, and the plan's [`Segment`]s tile the source byte for byte.
//!
//! ```
//! use cityalign::{Plan, Role};
//!
//! let text = "\
//! 临沂市人民政府办公室
//! 临沂市数字变革2022年行动方案
//! 一、主要任务
//! 1.提升“双千兆”网络覆盖能力。年内全市新建并开通5G基站2000个。(牵头单位:市工业和信息化局)
//! 2.全面打造智慧社区。年底前新建70个以上智慧社区。(牵头单位:市大数据局;配合单位:市民政局)
//! ";
//! let plan = Plan::parse(text)?;
//! assert_eq!(plan.city.as_deref(), Some("临沂"));
//! assert_eq!(plan.tasks.len(), 2);
//!
//! let task = &plan.tasks[1];
//! assert_eq!(task.title, "全面打造智慧社区");
//! assert_eq!(task.units[1].role, Role::Cooperating);
//! assert_eq!(task.targets[0].metric, "智慧社区");
//! assert_eq!(task.targets[0].value, 70.0);
//! assert_eq!(task.deadline.as_ref().map(|d| d.last_day.to_string()).as_deref(), Some("2022-12-31"));
//! assert!(plan.segments_tile());
//! # Ok::<(), cityalign::Error>(())
//! ```
//!
//! The bundled corpus of five plans is one call away: [`Corpus::bundled`]. What comes out
//! of a comparison — the table, the HTML report, the JSON export, CSV — is in [`report`].

#![forbid(unsafe_code)]

mod analysis;
mod corpus;
mod error;
pub mod eval;
mod extract;
pub mod guide;
mod matching;
mod model;
mod par;
mod parse;
pub mod report;
mod script;
mod tokenize;

pub use analysis::{
    diffusion, evolution, Adopter, Continued, Diffusion, Evolution, Passage, PassageEnd, PassageKind, ReuseShare,
    SharedWording, TargetChange,
};
pub use corpus::{plan_files, BundledPlan, Corpus, BUNDLED};
pub use error::{Error, ErrorKind, Result};
pub use matching::{
    Alignment, Candidate, Candidates, Category, Clustering, Comparison, Concept, ConceptMatch, Concepts, ConfigError,
    Contribution, Explanation, Hit, Id, Initiative, Link, Matcher, MatcherBuilder, Strategy, TaskRef, UnknownStrategy,
};
pub use model::{
    Accrual, Bound, Clause, Date, DateParseError, Deadline, DeadlineSource, Department, Heading, NumberPath,
    NumberStyle, Numeral, Period, Plan, Precision, Role, SectionKind, Segment, SegmentKind, Span, Target, Task,
    TaskKind, Unit,
};
pub use parse::{decode, Encoding, Parser};
pub use script::simplify;
pub use tokenize::{bundled_aliases, domain_words, Token, TokenKind, Tokenizer, TokenizerBuilder};

/// The README's examples, compiled and run as doctests so that they cannot drift.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
