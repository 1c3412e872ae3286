use serde::{Deserialize, Serialize};

/// A half-open byte range `[byte_start, byte_end)` in the source text of a plan.
///
/// # Examples
///
/// ```
/// use cityalign::Span;
///
/// let source = "1.建设5G基站";
/// let span = Span::new(2, source.len());
/// assert_eq!(span.slice(source), Some("建设5G基站"));
/// assert_eq!(Span::new(3, 3).slice(source), None, "not a char boundary");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
pub struct Span {
    /// First byte of the range.
    pub byte_start: usize,
    /// One past the last byte of the range.
    pub byte_end: usize,
}

impl Span {
    /// A span from `byte_start` to `byte_end`; the ends are swapped if given backwards.
    pub fn new(byte_start: usize, byte_end: usize) -> Span {
        if byte_start <= byte_end {
            Span { byte_start, byte_end }
        } else {
            Span { byte_start: byte_end, byte_end: byte_start }
        }
    }

    /// Number of bytes covered.
    pub fn len(&self) -> usize {
        self.byte_end - self.byte_start
    }

    /// Whether the span covers no byte.
    pub fn is_empty(&self) -> bool {
        self.byte_start == self.byte_end
    }

    /// Whether `other` lies entirely inside this span.
    pub fn contains(&self, other: Span) -> bool {
        self.byte_start <= other.byte_start && other.byte_end <= self.byte_end
    }

    /// The text this span covers in `source`, or `None` when it is out of range or
    /// does not fall on character boundaries.
    pub fn slice<'s>(&self, source: &'s str) -> Option<&'s str> {
        source.get(self.byte_start..self.byte_end)
    }

    /// Character offsets `(start, end)` of this span in `source`, for tools that count
    /// characters rather than bytes; `None` when the span does not fit `source`.
    pub fn char_range(&self, source: &str) -> Option<(usize, usize)> {
        let before = source.get(..self.byte_start)?;
        let inside = self.slice(source)?;
        let start = before.chars().count();
        Some((start, start + inside.chars().count()))
    }
}

/// What a [`Segment`] of the source is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SegmentKind {
    /// Everything before the first numbered item: notice, issuer, title, introduction,
    /// and any web-page navigation.
    Preamble,
    /// A numbered item that is not a task: a section heading, a guiding or goal section.
    Heading,
    /// A task, with any sub-items that only elaborate it.
    Task,
    /// Everything after the body: 抄送 and 印发 lines, attachment lists, file names,
    /// web-page footers.
    Trailer,
}

/// One piece of the source. The segments of a [`Plan`](crate::Plan) tile its source:
/// every byte lies in exactly one segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Segment {
    /// What the piece is.
    pub kind: SegmentKind,
    /// Where it is.
    pub span: Span,
    /// For a task or heading, its index in [`Plan::tasks`](crate::Plan::tasks) or
    /// [`Plan::headings`](crate::Plan::headings).
    pub index: Option<usize>,
}

impl Segment {
    /// A segment of `kind` over `span`, pointing at item `index` of its kind.
    pub fn new(kind: SegmentKind, span: Span, index: Option<usize>) -> Segment {
        Segment { kind, span, index }
    }
}
