//! From raw text to a [`Plan`]: structure (numbering, repair of page breaks and glued
//! headings, preamble and trailer), then the facts of each task through
//! [`extract`](crate::extract).

mod assemble;
mod compilation;
mod header;
pub(crate) mod numbering;
mod outline;
mod table;

use std::borrow::Cow;
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
/// let err = parser.parse_bytes(b"\xff\xff").unwrap_err();
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
    /// starts a numbered item and no task table (a header naming the task and who answers
    /// for it, 序号 / 重点任务 / 牵头单位) gives rows, [`ErrorKind::TooLarge`] above
    /// [`Parser::max_bytes`].
    pub fn parse(&self, text: &str) -> Result<Plan> {
        if text.len() > self.max_bytes {
            return Err(ErrorKind::TooLarge { len: text.len(), limit: self.max_bytes }.into());
        }
        if text.chars().all(is_space) {
            return Err(ErrorKind::Empty.into());
        }
        let Some(outline) = outline::outline_in(text, 0..text.len()) else {
            // A plan may be only its task table (任务分工表): a row is a task.
            return assemble::table_plan(text, self.id.as_deref())
                .ok_or_else(|| ErrorKind::NoStructure { lines: outline::lines(text).count() }.into());
        };
        Ok(assemble::plan(text, &outline, self.id.as_deref()))
    }

    /// Parses a text that may hold several plans one after another (a 汇编, or notices
    /// saved into one file): each plan begins at a notice or title followed by its own
    /// first item 一、 (or 第一章). Spans index the whole text; each plan's segments
    /// tile its part (`source_start..source_len`), and the parts tile the text. A text of
    /// one plan gives what [`Parser::parse`] gives. With an id set, the plans are `id`,
    /// `id-2`, `id-3` …; without, ids made from city and period are kept distinct the
    /// same way.
    ///
    /// # Errors
    ///
    /// Those of [`Parser::parse`], for the whole text.
    ///
    /// # Examples
    ///
    /// ```
    /// use cityalign::Parser;
    ///
    /// let text = "甲市数字政府2023年工作要点\n一、重点任务\n1.建设城市大脑。\n2.推进一网通办。\n\
    ///             乙市智慧城市2024年行动方案\n一、主要任务\n1.建设智慧社区。\n";
    /// let plans = Parser::new().id("汇编").parse_all(text).unwrap();
    /// assert_eq!(plans.len(), 2);
    /// assert_eq!((plans[0].id.as_str(), plans[1].id.as_str()), ("汇编", "汇编-2"));
    /// assert_eq!(plans[1].tasks[0].title, "建设智慧社区");
    /// assert!(plans.iter().all(|p| p.segments_tile()));
    /// assert_eq!(plans[0].source_len, plans[1].source_start);
    /// ```
    pub fn parse_all(&self, text: &str) -> Result<Vec<Plan>> {
        let whole = self.parse(text)?;
        let parts = compilation::parts(text);
        if parts.len() < 2 {
            return Ok(vec![whole]);
        }
        let mut plans: Vec<Plan> = Vec::with_capacity(parts.len());
        for part in parts {
            let Some(outline) = outline::outline_in(text, part.clone()) else {
                // A part without items cannot happen by the splitting rule; keep its bytes
                // with the plan before rather than lose them.
                debug_assert!(false, "a compilation part without numbered items");
                return Ok(vec![whole]);
            };
            let id = self.id.as_ref().map(|id| match plans.len() {
                0 => id.clone(),
                n => format!("{id}-{}", n + 1),
            });
            let mut plan = assemble::plan(text, &outline, id.as_deref());
            if self.id.is_none() && plans.iter().any(|p| p.id == plan.id) {
                let base = plan.id.clone();
                let n = (2..).find(|n| !plans.iter().any(|p| p.id == format!("{base}-{n}"))).unwrap_or(2);
                plan.rename(format!("{base}-{n}"));
            }
            plans.push(plan);
        }
        Ok(plans)
    }

    /// Parses the bytes of a plan, decoded by [`decode`]: UTF-8, or GB18030/GBK as saved on
    /// Chinese Windows machines. Spans then index the decoded text, which [`decode`] gives.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidEncoding`] with the offset of the first byte that is not UTF-8
    /// when the bytes are neither encoding, and those of [`Parser::parse`].
    pub fn parse_bytes(&self, bytes: &[u8]) -> Result<Plan> {
        if bytes.len() > self.max_bytes {
            return Err(ErrorKind::TooLarge { len: bytes.len(), limit: self.max_bytes }.into());
        }
        self.parse(&decode(bytes)?.0)
    }

    /// Reads and parses a plan file (UTF-8 or GB18030/GBK). Errors name the file.
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

    /// Reads a plan file that may hold several plans, as [`Parser::parse_all`] reads
    /// them. Errors name the file.
    ///
    /// # Errors
    ///
    /// Those of [`Parser::parse_file`].
    pub fn parse_file_all(&self, path: impl AsRef<Path>) -> Result<Vec<Plan>> {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|e| crate::Error::from(ErrorKind::Io(e)).in_file(path))?;
        if bytes.len() > self.max_bytes {
            return Err(
                crate::Error::from(ErrorKind::TooLarge { len: bytes.len(), limit: self.max_bytes }).in_file(path)
            );
        }
        let text = decode(&bytes).map_err(|e| e.in_file(path))?.0;
        self.parse_all(&text).map_err(|e| e.in_file(path))
    }
}

/// The encoding a plan's bytes were read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Encoding {
    /// UTF-8 (a byte-order mark, if any, is kept as the first character).
    Utf8,
    /// GB18030, which includes GBK and GB2312.
    Gb18030,
    /// UTF-16, little-endian, read after its byte-order mark (as Windows Notepad saves
    /// "Unicode" text).
    Utf16Le,
    /// UTF-16, big-endian, read after its byte-order mark.
    Utf16Be,
}

/// Decodes the bytes of a plan: UTF-16 when they start with its byte-order mark, UTF-8
/// when they are valid UTF-8, else GB18030 (and so GBK) when they decode without error
/// and hold Chinese text.
///
/// # Errors
///
/// [`ErrorKind::InvalidEncoding`] with the offset of the first byte that is not UTF-8
/// (its message names the encodings tried).
///
/// # Examples
///
/// ```
/// use cityalign::{decode, Encoding};
///
/// let gbk = [0xd6, 0xc7, 0xbb, 0xdb, 0xc9, 0xe7, 0xc7, 0xf8]; // 智慧社区
/// assert_eq!(decode(&gbk).unwrap(), ("智慧社区".into(), Encoding::Gb18030));
/// assert_eq!(decode("智慧社区".as_bytes()).unwrap().1, Encoding::Utf8);
/// assert!(decode(&[0xff, 0xff]).is_err());
/// let utf16 = [0xff, 0xfe, 0x7a, 0x66, 0x67, 0x61]; // BOM, 智慧
/// assert_eq!(decode(&utf16).unwrap(), ("智慧".into(), Encoding::Utf16Le));
/// ```
pub fn decode(bytes: &[u8]) -> Result<(Cow<'_, str>, Encoding)> {
    let utf16 = match bytes {
        [0xff, 0xfe, rest @ ..] => Some((encoding_rs::UTF_16LE, Encoding::Utf16Le, rest)),
        [0xfe, 0xff, rest @ ..] => Some((encoding_rs::UTF_16BE, Encoding::Utf16Be, rest)),
        _ => None,
    };
    if let Some((codec, encoding, rest)) = utf16 {
        return match codec.decode_without_bom_handling_and_without_replacement(rest) {
            Some(text) => Ok((Cow::Owned(text.into_owned()), encoding)),
            // An odd length or a lone surrogate: the first byte of the body is as far as
            // a reader can point.
            None => Err(ErrorKind::InvalidEncoding { offset: 2 }.into()),
        };
    }
    let offset = match std::str::from_utf8(bytes) {
        Ok(text) => return Ok((Cow::Borrowed(text), Encoding::Utf8)),
        Err(e) => e.valid_up_to(),
    };
    let text = encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes);
    // Stray bytes in a UTF-8 file can decode as GB18030 by chance, into rare characters or
    // symbols; a real plan is mostly common Chinese characters.
    match text.filter(|t| mostly_chinese(t)) {
        Some(text) => Ok((text, Encoding::Gb18030)),
        None => Err(ErrorKind::InvalidEncoding { offset }.into()),
    }
}

fn mostly_chinese(text: &str) -> bool {
    let (mut common, mut other) = (0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_ascii()) {
        if ('\u{4e00}'..='\u{9fff}').contains(&c)
            || ('\u{3000}'..='\u{303f}').contains(&c)
            || ('\u{ff00}'..='\u{ffef}').contains(&c)
        {
            common += 1;
        } else {
            other += 1;
        }
    }
    common > 0 && other * 10 <= common
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
