use std::fmt;
use std::path::{Path, PathBuf};

/// The error type of the crate: what went wrong, and the file it happened in when the
/// input was read from a path.
///
/// # Examples
///
/// ```
/// use cityalign::{ErrorKind, Plan};
///
/// let err = Plan::parse("   \n").unwrap_err();
/// assert!(matches!(err.kind(), ErrorKind::Empty));
/// assert_eq!(err.to_string(), "empty input");
///
/// // A matcher's configuration error converts too, so `?` works on both.
/// fn compare() -> cityalign::Result<usize> {
///     let matcher = cityalign::Matcher::builder().threshold(2.0).build()?;
///     Ok(matcher.compare(cityalign::Corpus::bundled()?.plans()).align().initiatives.len())
/// }
/// assert!(matches!(compare().unwrap_err().into_kind(), ErrorKind::Config(_)));
/// ```
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
    path: Option<PathBuf>,
}

impl Error {
    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// The file being read, when there was one.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// What went wrong, without the file name.
    pub fn into_kind(self) -> ErrorKind {
        self.kind
    }

    /// The same error, naming the file it happened in.
    pub fn in_file(mut self, path: impl Into<PathBuf>) -> Error {
        self.path = Some(path.into());
        self
    }
}

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Error {
        Error { kind, path: None }
    }
}

/// A matcher configuration that cannot work, so that `Matcher::builder().build()?` works
/// in a function returning [`Result`].
impl From<crate::matching::ConfigError> for Error {
    fn from(e: crate::matching::ConfigError) -> Error {
        ErrorKind::Config(e).into()
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Error {
        ErrorKind::Io(e).into()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.path {
            Some(path) => write!(f, "{}: {}", path.display(), self.kind),
            None => write!(f, "{}", self.kind),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            ErrorKind::Io(e) => Some(e),
            ErrorKind::Config(e) => Some(e),
            _ => None,
        }
    }
}

/// The kinds of [`Error`].
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input has no text, or only white space.
    #[error("empty input")]
    Empty,
    /// The input has text but no numbered item a plan could be made of.
    #[error("no plan structure: none of the {lines} lines starts a numbered item (一、 (一) 1. (1))")]
    NoStructure {
        /// How many non-blank lines were read.
        lines: usize,
    },
    /// The input is in none of the encodings read: UTF-8, GB18030/GBK, UTF-16 with a
    /// byte-order mark.
    #[error("unreadable encoding: invalid UTF-8 at byte {offset}, and neither GB18030/GBK nor UTF-16 with a byte-order mark")]
    InvalidEncoding {
        /// Offset of the first byte that is not valid UTF-8.
        offset: usize,
    },
    /// The input is larger than the parser's configured limit.
    #[error("input of {len} bytes exceeds the limit of {limit} bytes")]
    TooLarge {
        /// Size of the input.
        len: usize,
        /// The limit in force.
        limit: usize,
    },
    /// Reading a file failed.
    #[error("read failed: {0}")]
    Io(#[from] std::io::Error),
    /// A matcher was configured with values that cannot work.
    #[error("invalid configuration: {0}")]
    Config(#[from] crate::matching::ConfigError),
}

/// A `Result` whose error is [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
