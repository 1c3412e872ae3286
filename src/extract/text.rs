//! Text assembled from pieces of the source, with the way back to source bytes.

use std::ops::Range;

use crate::model::Span;

/// White space of either width, and the byte-order mark.
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}' || c == '\u{feff}'
}

/// Value of an ASCII or full-width digit.
pub(crate) fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// Characters after which a line is a finished sentence or clause, so that a line break
/// after them is a paragraph break and not a page break inside a sentence.
fn ends_sentence(c: char) -> bool {
    matches!(
        c,
        '。' | '．'
            | '.'
            | '!'
            | '！'
            | '?'
            | '？'
            | ';'
            | '；'
            | ':'
            | '：'
            | ')'
            | '）'
            | '”'
            | '"'
            | '」'
            | '』'
            | '】'
            | '》'
    )
}

#[derive(Debug, Clone, Copy)]
struct Piece {
    text_start: usize,
    source_start: usize,
    len: usize,
}

/// The text of an item assembled from its pieces of source: a sentence that a page break
/// split is joined again; other breaks become one `\n`.
#[derive(Debug, Clone, Default)]
pub(crate) struct Repaired {
    pub text: String,
    pieces: Vec<Piece>,
}

impl Repaired {
    /// Joins `ranges` of `source`. `starts_item(piece)` tells whether a piece starts a
    /// numbered sub-item, which always begins a new paragraph.
    pub fn join(source: &str, ranges: &[Range<usize>], starts_item: impl Fn(&str) -> bool) -> Repaired {
        let mut out = Repaired::default();
        for range in ranges {
            let Some(piece) = source.get(range.clone()) else { continue };
            if piece.is_empty() {
                continue;
            }
            if let Some(last) = out.text.chars().next_back() {
                // A short first line without a full stop is the item's title: "一、工作目标".
                let after_title = out.pieces.len() == 1 && out.text.chars().count() <= 15;
                if ends_sentence(last) || starts_item(piece) || after_title {
                    out.text.push('\n');
                }
            }
            out.pieces.push(Piece { text_start: out.text.len(), source_start: range.start, len: piece.len() });
            out.text.push_str(piece);
        }
        out
    }

    /// The whole of `source` as one piece.
    #[cfg(test)]
    pub fn whole(source: &str) -> Repaired {
        Repaired::join(source, std::slice::from_ref(&(0..source.len())), |_| false)
    }

    /// Where byte `pos` of the text comes from; `end` picks the end of the piece before a
    /// join rather than the start of the piece after it.
    fn source_pos(&self, pos: usize, end: bool) -> usize {
        let index = self.pieces.partition_point(|p| if end { p.text_start < pos } else { p.text_start <= pos });
        let piece = match index.checked_sub(1).and_then(|i| self.pieces.get(i)) {
            Some(p) => p,
            None => return self.pieces.first().map_or(0, |p| p.source_start),
        };
        let offset = pos.saturating_sub(piece.text_start);
        if !end && offset >= piece.len {
            // Inside an inserted '\n': the next piece starts the range.
            return self.pieces.get(index).map_or(piece.source_start + piece.len, |p| p.source_start);
        }
        piece.source_start + offset.min(piece.len)
    }

    /// The source span of `range` of the text.
    pub fn span(&self, range: Range<usize>) -> Span {
        let start = self.source_pos(range.start, false);
        let end = self.source_pos(range.end, true).max(start);
        Span::new(start, end)
    }

    /// The text of `range`, empty if out of bounds.
    pub fn get(&self, range: Range<usize>) -> &str {
        self.text.get(range).unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_breaks_inside_a_sentence_are_joined() {
        let source = "按照最小颗粒度原则,依托全省统一事项管理系\n\n统,按照原则。\n\n持续深化。";
        let a = 0..source.find('\n').unwrap();
        let b = source.find("统,").unwrap()..source.find("。").unwrap() + "。".len();
        let c = source.find("持续").unwrap()..source.len();
        let r = Repaired::join(source, &[a, b, c], |_| false);
        let title = Repaired::join("一、工作目标\n全市增长。", &[6..18, 19..34], |_| false);
        assert_eq!(title.text, "工作目标\n全市增长。", "help: a short first line is a title, not a split sentence");
        assert_eq!(r.text, "按照最小颗粒度原则,依托全省统一事项管理系统,按照原则。\n持续深化。");
        let at = r.text.find("系统").unwrap();
        let span = r.span(at..at + "系统".len());
        assert_eq!(span.slice(source), Some("系\n\n统"), "help: a span across a join covers the gap");
        let at = r.text.find("持续").unwrap();
        assert_eq!(r.span(at..r.text.len()).slice(source), Some("持续深化。"));
    }
}
