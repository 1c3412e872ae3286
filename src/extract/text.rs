//! Text assembled from pieces of the source, with the way back to source bytes.

use std::ops::Range;

use crate::model::Span;

/// `text[range]`, for a range this crate computed on `text`: one off the text or its
/// character boundaries is a bug, stopped in debug builds (and the tests); release builds
/// read it as empty rather than panic on a user's input.
#[track_caller]
#[inline]
pub(crate) fn slice<R>(text: &str, range: R) -> &str
where
    R: std::slice::SliceIndex<str, Output = str> + Clone + std::fmt::Debug,
{
    let got = text.get(range.clone());
    debug_assert!(got.is_some(), "{range:?} is off the {} bytes of the text or its character boundaries", text.len());
    got.unwrap_or("")
}

/// White space of either width, and the byte-order mark.
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}' || c == '\u{feff}'
}

/// Characters after which a line is a finished sentence or clause, so that a line break
/// after them is a paragraph break and not a page break inside a sentence.
pub(crate) fn ends_sentence(c: char) -> bool {
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

/// Tone-marked vowels of pinyin, as some mirrors of a plan print after characters.
fn is_pinyin_letter(c: char) -> bool {
    c.is_ascii_lowercase() || "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüê".contains(c)
}

/// The pinyin glosses that mirror sites glue after characters, "規(guī)劃" or "發(fā)展":
/// a bracket right after an ideograph holding 1–7 pinyin letters, at least one
/// tone-marked, closed or cut off by the end of the text. They are junk, not words.
pub(crate) fn pinyin_glosses(text: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut prev: Option<char> = None;
    for (at, c) in text.char_indices() {
        let after_ideograph = prev.is_some_and(|p| ('\u{4e00}'..='\u{9fff}').contains(&p));
        prev = Some(c);
        if c != '(' || !after_ideograph {
            continue;
        }
        let rest = slice(text, at + 1..);
        let letters: usize = rest.chars().take_while(|&c| is_pinyin_letter(c)).map(char::len_utf8).sum();
        let word = rest.get(..letters).unwrap_or("");
        let count = word.chars().count();
        if !(1..=7).contains(&count) || word.is_ascii() {
            continue;
        }
        let end = match rest.get(letters..).and_then(|r| r.chars().next()) {
            Some(')') => at + 1 + letters + 1,
            None => at + 1 + letters,
            Some(_) => continue,
        };
        found.push(at..end);
    }
    found
}

/// `range` of `text` without the pinyin glosses inside it, as pieces.
pub(crate) fn without_glosses(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let glosses = pinyin_glosses(slice(text, range.clone()));
    let mut pieces = Vec::with_capacity(glosses.len() + 1);
    let mut at = range.start;
    for g in glosses {
        pieces.push(at..range.start + g.start);
        at = range.start + g.end;
    }
    pieces.push(at..range.end);
    pieces.retain(|p| !p.is_empty());
    pieces
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
        let mut prev_end: Option<usize> = None;
        // Whether every piece so far is of the first line (split there around glosses).
        let mut first_line = true;
        for range in ranges {
            let Some(piece) = source.get(range.clone()) else { continue };
            if piece.is_empty() {
                continue;
            }
            // Pieces of one line (split around junk) join as they stand.
            let same_line =
                prev_end.and_then(|end| source.get(end..range.start)).is_some_and(|gap| !gap.contains('\n'));
            prev_end = Some(range.end);
            if let Some(last) = out.text.chars().next_back() {
                // A short first line without a full stop is the item's title: "一、工作目标".
                let after_title = first_line && !same_line && out.text.chars().count() <= 15;
                first_line &= same_line;
                if starts_item(piece) || (!same_line && (ends_sentence(last) || after_title)) {
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

    /// The text of `range`, a range of the text found by reading it (see [`slice`]).
    #[track_caller]
    pub fn get(&self, range: Range<usize>) -> &str {
        slice(&self.text, range)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pinyin_glosses_are_found_but_not_asides() {
        let text =
            "加快全縣5G基站規(guī)劃建設(shè),責(zé)任單位。發(fā)展目標(biāo)。网络(5G)、物联网(NB-IoT)、标识(sh";
        let found: Vec<&str> = pinyin_glosses(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(found, ["(guī)", "(shè)", "(zé)", "(fā)", "(biāo)"], "help: (sh has no tone mark, so it stays");
        let pieces = without_glosses(text, 0..text.find(',').unwrap());
        let joined: String = pieces.into_iter().map(|r| &text[r]).collect();
        assert_eq!(joined, "加快全縣5G基站規劃建設");
    }

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
