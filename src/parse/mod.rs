//! From raw text to a [`Plan`]: structure (numbering, repair of page breaks and glued
//! headings, preamble and trailer), then the facts of each task through
//! [`extract`](crate::extract).

mod assemble;
mod header;
pub(crate) mod numbering;
mod outline;

use std::path::Path;
use std::str::FromStr;

use crate::error::{ErrorKind, Result};
use crate::extract::text::is_space;
use crate::model::Plan;

/// Parses plans; holds the options. `Parser::new()` has the defaults.
///
/// # Examples
///
/// ```
/// use cityalign::{ErrorKind, Parser};
///
/// let parser = Parser::new().id("my-plan").max_bytes(1 << 20);
/// let plan = parser.parse("一、主要任务\n1.建设智慧社区。(市民政局负责)\n").unwrap();
/// assert_eq!(plan.id, "my-plan");
/// assert_eq!(plan.tasks[0].id, "my-plan#01");
///
/// let err = parser.parse_bytes(b"\xff\xfe").unwrap_err();
/// assert!(matches!(err.kind(), ErrorKind::InvalidEncoding { offset: 0 }));
/// ```
#[derive(Debug, Clone)]
pub struct Parser {
    id: Option<String>,
    max_bytes: usize,
}

impl Default for Parser {
    fn default() -> Parser {
        Parser { id: None, max_bytes: Parser::DEFAULT_MAX_BYTES }
    }
}

impl Parser {
    /// The default limit on input size: 64 MiB, far above any real plan.
    pub const DEFAULT_MAX_BYTES: usize = 64 << 20;

    /// A parser with the default options.
    pub fn new() -> Parser {
        Parser::default()
    }

    /// Sets the id of the plans it parses (default: made from city and period, e.g.
    /// `临沂-2022`, else `plan`).
    pub fn id(mut self, id: impl Into<String>) -> Parser {
        self.id = Some(id.into());
        self
    }

    /// Sets the largest input accepted, in bytes.
    pub fn max_bytes(mut self, limit: usize) -> Parser {
        self.max_bytes = limit;
        self
    }

    /// Parses the text of a plan.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Empty`] for blank text, [`ErrorKind::NoStructure`] when no line
    /// starts a numbered item, [`ErrorKind::TooLarge`] above [`Parser::max_bytes`].
    pub fn parse(&self, text: &str) -> Result<Plan> {
        if text.len() > self.max_bytes {
            return Err(ErrorKind::TooLarge { len: text.len(), limit: self.max_bytes }.into());
        }
        if text.chars().all(is_space) {
            return Err(ErrorKind::Empty.into());
        }
        let Some(outline) = outline::outline(text) else {
            return Err(ErrorKind::NoStructure { lines: outline::lines(text).count() }.into());
        };
        Ok(assemble::plan(text, &outline, self.id.as_deref()))
    }

    /// Parses bytes that should be UTF-8 text (a leading byte-order mark is kept in the
    /// preamble).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidEncoding`] with the offset of the first bad byte, and those of
    /// [`Parser::parse`].
    pub fn parse_bytes(&self, bytes: &[u8]) -> Result<Plan> {
        if bytes.len() > self.max_bytes {
            return Err(ErrorKind::TooLarge { len: bytes.len(), limit: self.max_bytes }.into());
        }
        let text = std::str::from_utf8(bytes).map_err(|e| ErrorKind::InvalidEncoding { offset: e.valid_up_to() })?;
        self.parse(text)
    }

    /// Reads and parses a UTF-8 file. Errors name the file.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Io`] when the file cannot be read, and those of
    /// [`Parser::parse_bytes`].
    pub fn parse_file(&self, path: impl AsRef<Path>) -> Result<Plan> {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|e| crate::Error::from(ErrorKind::Io(e)).in_file(path))?;
        self.parse_bytes(&bytes).map_err(|e| e.in_file(path))
    }
}

impl Plan {
    /// Parses the text of a plan with the default [`Parser`].
    ///
    /// # Errors
    ///
    /// See [`Parser::parse`].
    ///
    /// # Examples
    ///
    /// ```
    /// use cityalign::{ErrorKind, Plan};
    ///
    /// let plan = Plan::parse("二、主要任务\n1.建设城市大脑。(牵头单位:市大数据局)\n").unwrap();
    /// assert_eq!(plan.tasks.len(), 1);
    /// assert!(matches!(Plan::parse("").unwrap_err().kind(), ErrorKind::Empty));
    /// assert!(matches!(Plan::parse("no plan here").unwrap_err().kind(), ErrorKind::NoStructure { .. }));
    /// ```
    pub fn parse(text: &str) -> Result<Plan> {
        Parser::new().parse(text)
    }
}

impl FromStr for Plan {
    type Err = crate::Error;

    fn from_str(text: &str) -> Result<Plan> {
        Plan::parse(text)
    }
}
