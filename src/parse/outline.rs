//! The structure of a plan: preamble, numbered items in a tree, trailer.
//!
//! One pass over the lines. Each line may start a numbered item, and may hold further
//! items glued to its end by copy-paste ("…单位)16.提升…"); a glued number is only
//! believed when it is the next number of a numbering already open, so that prose such as
//! "（含市属国企）" is never cut.

use std::ops::Range;

use super::numbering::{marker_at, rank, Marker};
use crate::extract::number::is_digit;
use crate::extract::text::{ends_sentence, is_space, slice, without_glosses};
use crate::model::{NumberStyle, Numeral};

/// One numbered item.
#[derive(Debug, Clone)]
pub(crate) struct Node {
    pub numeral: Numeral,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    /// Byte where the marker starts.
    pub start: usize,
    /// Byte where the next item, the trailer or the end of input starts.
    pub end: usize,
    /// The item's own text, piece by piece (marker excluded, children excluded).
    pub pieces: Vec<Range<usize>>,
}

/// A line of the source without its line break and surrounding white space.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Line {
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone)]
pub(crate) struct Outline {
    /// The bytes of the source the outline covers: all of it, or one plan of several.
    pub start: usize,
    pub end: usize,
    /// Byte where the body (the first numbered item) starts; before it is the preamble.
    pub body_start: usize,
    /// Byte where the trailer starts, if there is one.
    pub trailer_start: Option<usize>,
    pub nodes: Vec<Node>,
    /// The non-blank lines of the preamble and of the trailer, where the metadata is.
    pub front_lines: Vec<Line>,
    pub back_lines: Vec<Line>,
}

/// The non-blank lines of `text`, trimmed.
pub(crate) fn lines(text: &str) -> impl Iterator<Item = Line> + '_ {
    let mut at = 0;
    text.split_inclusive('\n').filter_map(move |raw| {
        let start = at;
        at += raw.len();
        let lead = raw.len() - raw.trim_start_matches(is_space).len();
        let trimmed = raw.trim_matches(is_space);
        (!trimmed.is_empty()).then(|| Line { start: start + lead, end: start + lead + trimmed.len() })
    })
}

/// Lines that end the body: distribution lists, attachments, signatures of issue, file
/// names, and the chrome of a saved web page.
pub(crate) fn is_trailer_line(line: &str) -> bool {
    const STARTS: [&str; 6] = ["附件", "抄送", "主题词", "公开方式", "信息公开选项", "附表"];
    const ANYWHERE: [&str; 4] = ["版权所有", "Copyright", "ICP备", "©"];
    const SHORT: [&str; 12] = [
        "登录",
        "评论",
        "打印本页",
        "关闭窗口",
        "分享到",
        "扫一扫",
        "责任编辑",
        "技术支持",
        "服务热线",
        "联系我们",
        "网站地图",
        "【打印】",
    ];
    let lower = line.to_ascii_lowercase();
    let is_file =
        [".pdf", ".doc", ".docx", ".wps", ".ofd", ".xls", ".xlsx", ".txt"].iter().any(|ext| lower.ends_with(ext));
    let is_issue_line = line.ends_with("印发") && line.contains('年') && line.chars().count() <= 30;
    let starts_attachment = STARTS.iter().any(|s| {
        line.strip_prefix(s).is_some_and(|rest| {
            rest.is_empty()
                || rest.starts_with([':', '：', ' ', '\u{3000}'])
                || rest.starts_with(|c: char| c.is_ascii_digit())
        })
    });
    let names_a_table = line.chars().count() <= 40
        && ["分工表", "任务清单", "责任清单", "任务表"].iter().any(|w| line.ends_with(w))
        && !line.contains(['。', '，', ',']);
    starts_attachment
        || names_a_table
        || super::table::is_header_line(line)
        || is_file
        || is_issue_line
        || ANYWHERE.iter().any(|s| line.contains(s))
        || (line.chars().count() <= 40 && !line.contains(['。', '，', ',']) && SHORT.iter().any(|s| line.contains(s)))
}

/// Whether a line is an entry of a table of contents: a heading, a leader of dots and a
/// page number ("二、重点任务…………2").
pub(crate) fn is_contents_line(line: &str) -> bool {
    let without_page = line.trim_end_matches(is_digit);
    if without_page.len() == line.len() {
        return false;
    }
    let is_leader = |c: char| matches!(c, '…' | '.' | '·' | '．' | '。' | '-' | '—' | '_' | '⋯');
    let body = without_page.trim_end_matches(is_space);
    let leader = body.len() - body.trim_end_matches(is_leader).len();
    body.ends_with(['…', '⋯']) || leader >= 3
}

/// A heading of a table of contents without leaders, its page number dropped:
/// "二、重点任务 2" → "二、重点任务".
fn without_page_number(line: &str) -> String {
    let body = line.trim_end_matches(is_digit);
    let body = if body.len() < line.len() && body.ends_with(is_space) { body } else { line };
    body.chars().filter(|&c| !is_space(c)).collect()
}

/// Which lines belong to a table of contents: those with leaders anywhere, and after a
/// 目录 line the entries up to where the body repeats the first of them. A table whose
/// first entry never comes back ends at the first line without a page number.
fn contents_lines(text: &str, all: &[Line]) -> Vec<bool> {
    let slice = |l: &Line| slice(text, l.start..l.end);
    let mut toc: Vec<bool> = all.iter().map(|l| is_contents_line(slice(l))).collect();
    let squeezed = |l: &Line| slice(l).chars().filter(|&c| !is_space(c)).collect::<String>();
    let is_heading = |l: &Line| l.end - l.start <= 24 && matches!(squeezed(l).as_str(), "目录" | "目次");
    let Some(heading) = all.iter().take(200).position(is_heading) else {
        return toc;
    };
    let Some(first) = all.get(heading + 1).map(|l| without_page_number(slice(l))) else { return toc };
    // The body repeats an entry with or without its number ("1.甲市工作要点" → 甲市工作要点).
    let unnumbered = marker_at(&first).and_then(|m| first.get(m.len..)).unwrap_or(&first).to_string();
    let repeat = all
        .iter()
        .enumerate()
        .skip(heading + 2)
        .find(|(_, l)| {
            // Squeezing only removes bytes: a line shorter than the entry cannot equal it.
            if l.end - l.start < unnumbered.len() {
                return false;
            }
            let line = squeezed(l);
            line == first || line == unnumbered
        })
        .map(|(i, _)| i);
    let end = repeat.unwrap_or_else(|| {
        let numbered = |l: &Line| without_page_number(slice(l)).len() < squeezed(l).len();
        heading + 1 + all.iter().skip(heading + 1).take_while(|l| numbered(l)).count()
    });
    for flag in toc.iter_mut().take(end).skip(heading) {
        *flag = true;
    }
    toc
}

/// Whether a numbered item glued into a line can start at byte `at` of `line`: right
/// after a closing bracket or a sentence end, or right after a prefix of stray ASCII such
/// as an image file name (`ascii_prefix` bytes long).
fn can_glue(line: &str, at: usize, ascii_prefix: usize) -> bool {
    match line.get(..at).and_then(|before| before.chars().next_back()) {
        Some(')' | '）' | '。' | ';' | '；') => true,
        Some(_) => at == ascii_prefix,
        None => false,
    }
}

/// Offsets in `line` of glued items that number a run of their own, 1, 2, 3 … of one
/// style, each after a full stop or a closing bracket: "…改革。(1)全面落实…(牵头负责)(2)完善…". Such items open
/// a numbering where none is open yet; a lone glued "(1)" stays in its sentence.
fn glued_runs(line: &str, ascii_prefix: usize) -> Vec<usize> {
    // After a full stop or a closing bracket: items of a list run on after "；" are
    // the measures of one task ("①建设平台10个；②培育企业5000家").
    let after_stops =
        line.char_indices().filter(|&(_, c)| matches!(c, '。' | ')' | '）')).map(|(at, c)| at + c.len_utf8());
    let after_prefix = (ascii_prefix > 0).then_some(ascii_prefix);
    let mut found: Vec<(usize, Numeral)> = Vec::new();
    for offset in after_prefix.into_iter().chain(after_stops) {
        if let Some(m) = line.get(offset..).filter(|rest| !rest.is_empty()).and_then(marker_at) {
            found.push((offset, m.numeral));
        }
    }
    found.sort_by_key(|f| f.0);
    found.dedup_by_key(|f| f.0);
    // One pass: per style the run being read (its offsets), a new 1 starting another.
    let mut runs = Vec::new();
    let mut open: Vec<(NumberStyle, Vec<usize>)> = Vec::new();
    let flush = |run: Vec<usize>, runs: &mut Vec<usize>| {
        if run.len() >= 2 {
            runs.extend(run);
        }
    };
    for (offset, numeral) in found {
        let slot = open.iter_mut().find(|(style, _)| *style == numeral.style);
        match slot {
            Some((_, run)) if numeral.value == 1 => flush(std::mem::replace(run, vec![offset]), &mut runs),
            Some((_, run)) if run.len() as u32 + 1 == numeral.value => run.push(offset),
            Some(_) => {}
            None if numeral.value == 1 => open.push((numeral.style, vec![offset])),
            None => {}
        }
    }
    for (_, run) in open {
        flush(run, &mut runs);
    }
    runs.sort_unstable();
    runs
}

/// Whether a copy ran its paragraphs together on long lines, each item after a space:
/// "…如下: 一、总体要求 坚持… 二、重点任务 (一)…". Found when one long line holds the
/// markers 一、 and 二、 of one numbering, each right after white space.
fn runs_on(text: &str, all: &[Line]) -> bool {
    all.iter().any(|l| {
        let line = slice(text, l.start..l.end);
        // 200 characters are 200 bytes at least; most lines are shorter.
        if line.len() < 200 || line.chars().count() < 200 {
            return false;
        }
        // Each 、 that ends a Chinese numeral written after white space: " 一、", " 十二、".
        let mut next = 1;
        for (at, _) in line.match_indices('、') {
            let before = slice(line, ..at);
            let numeral = before.trim_end_matches(|c: char| "一二三四五六七八九十".contains(c));
            if numeral.len() == before.len() || !numeral.ends_with(is_space) {
                continue;
            }
            let Some(m) = line.get(numeral.len()..).and_then(marker_at) else { continue };
            if m.numeral.style == NumberStyle::Chinese && m.numeral.value == next {
                next += 1;
                if next > 2 {
                    return true;
                }
            }
        }
        false
    })
}

/// Whether byte `at` of `line` follows white space, as an item of a run-on copy does.
fn after_space(line: &str, at: usize) -> bool {
    line.get(..at).and_then(|before| before.chars().next_back()).is_some_and(is_space)
}

/// How the builder takes a body line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineKind {
    Body,
    /// A line of a table of contents.
    Contents,
    /// A line that starts with a page-chunk marker of this many bytes.
    Chunk(usize),
}

/// The page-chunk markers of a copy from a document-sharing site: "1、" "2、" "3、"
/// numbering the chunks of text the site cut, each starting mid-sentence, while the plan's
/// own items run inline. Found when at least three lines carry consecutive markers of one
/// style and at least two thirds of them continue a sentence the line before left open.
/// Returns each line's marker length where it is one.
fn chunk_markers(text: &str, all: &[Line]) -> Vec<Option<usize>> {
    let slice = |l: &Line| slice(text, l.start..l.end);
    let mut found = vec![None; all.len()];
    let mut run: Vec<usize> = Vec::new();
    let mut open_sentences = 0;
    for (i, line) in all.iter().enumerate() {
        let Some(marker) = marker_at(slice(line)) else { continue };
        if marker.numeral.style != NumberStyle::Arabic || marker.numeral.value as usize != run.len() + 1 {
            continue;
        }
        // A heading line ends without a stop too: only a long line left open counts.
        let before = i.checked_sub(1).and_then(|j| all.get(j)).map(slice).unwrap_or("");
        let left_open = before.chars().count() >= 20 && before.chars().next_back().is_some_and(|c| !ends_sentence(c));
        open_sentences += usize::from(left_open);
        run.push(i);
    }
    if run.len() < 3 || open_sentences * 3 < (run.len() - 1) * 2 {
        return found;
    }
    // The plan's own items then run inline: (一) or 一、 inside a chunk.
    let inline_items = run.iter().filter_map(|&i| all.get(i)).any(|l| {
        let line = slice(l);
        line.char_indices().skip(2).any(|(at, _)| {
            line.get(at..).and_then(marker_at).is_some_and(|m| {
                matches!(m.numeral.style, NumberStyle::Chinese | NumberStyle::ChineseParen) && m.numeral.value == 1
            })
        })
    });
    if inline_items {
        for &i in &run {
            if let Some(slot) = found.get_mut(i) {
                *slot = all.get(i).and_then(|l| marker_at(slice(l))).map(|m| m.len);
            }
        }
    }
    found
}

struct Builder<'s> {
    text: &'s str,
    end: usize,
    nodes: Vec<Node>,
    stack: Vec<usize>,
}

impl Builder<'_> {
    /// Whether a numbering of `style` is open on the stack.
    fn is_open(&self, style: NumberStyle) -> bool {
        self.stack.iter().filter_map(|&i| self.nodes.get(i)).any(|n| n.numeral.style == style)
    }

    /// Whether `numeral` is the next number of a numbering open on the stack.
    fn continues_open(&self, numeral: Numeral) -> bool {
        self.stack
            .iter()
            .filter_map(|&i| self.nodes.get(i))
            .any(|n| n.numeral.style == numeral.style && n.numeral.value.checked_add(1) == Some(numeral.value))
    }

    fn open(&mut self, at: usize, marker: Marker) {
        let style = marker.numeral.style;
        if let Some(k) = self.stack.iter().rposition(|&i| self.nodes.get(i).is_some_and(|n| n.numeral.style == style)) {
            self.stack.truncate(k);
        } else {
            while let Some(top) = self.stack.last().and_then(|&i| self.nodes.get(i)) {
                if rank(top.numeral.style) < rank(style) {
                    break;
                }
                self.stack.pop();
            }
        }
        if let Some(last) = self.nodes.last_mut() {
            last.end = at;
        }
        let index = self.nodes.len();
        let parent = self.stack.last().copied();
        if let Some(p) = parent.and_then(|p| self.nodes.get_mut(p)) {
            p.children.push(index);
        }
        self.nodes.push(Node {
            numeral: marker.numeral,
            parent,
            children: Vec::new(),
            start: at,
            end: self.end,
            pieces: Vec::new(),
        });
        self.stack.push(index);
    }

    fn add_piece(&mut self, piece: Range<usize>) {
        if piece.is_empty() {
            return;
        }
        if let Some(last) = self.nodes.last_mut() {
            // Pinyin glosses a mirror glued in ("規(guī)劃") are left out of the item's text.
            last.pieces.extend(without_glosses(self.text, piece));
        }
    }

    /// Splits one body line into the items it starts and the text it continues.
    fn line(&mut self, line: Line, kind: LineKind, inline: bool, run_on: bool) {
        let content = slice(self.text, line.start..line.end);
        let mut piece_start = line.start;
        match kind {
            LineKind::Contents => {
                self.add_piece(line.start..line.end);
                return;
            }
            // A page-chunk marker is no item: its line continues the sentence before.
            LineKind::Chunk(len) => piece_start = line.start + len,
            LineKind::Body => {
                if let Some(marker) = marker_at(content) {
                    self.open(line.start, marker);
                    piece_start = line.start + marker.len;
                }
            }
        }
        let ascii_prefix = content.find(|c: char| !c.is_ascii_graphic()).unwrap_or(content.len());
        // Read only when a glued item could open no numbering otherwise (rare).
        let mut runs: Option<Vec<usize>> = None;
        for (offset, _) in content.char_indices() {
            let at = line.start + offset;
            if at <= piece_start {
                continue;
            }
            let glued = can_glue(content, offset, ascii_prefix) || (run_on && after_space(content, offset));
            if !glued && !inline {
                continue;
            }
            let Some(marker) = content.get(offset..).and_then(marker_at) else { continue };
            // Inline, a heading runs straight into its first item: "总体要求(一)指导思想"
            // (but "统一、规范" holds no item: 一、 must follow a sentence).
            if !glued && marker.numeral.style != NumberStyle::ChineseParen {
                continue;
            }
            // Where items run inline (a page-chunked copy), a first item of a style not
            // open yet opens too: 一、 after a sentence, then (一).
            let opens_inline = inline && marker.numeral.value == 1 && !self.is_open(marker.numeral.style);
            if !self.continues_open(marker.numeral) && !opens_inline {
                let runs = runs.get_or_insert_with(|| glued_runs(content, ascii_prefix));
                if !(glued && runs.binary_search(&offset).is_ok()) {
                    continue;
                }
            }
            self.add_piece(piece_start..at);
            self.open(at, marker);
            piece_start = at + marker.len;
        }
        self.add_piece(piece_start..line.end);
    }
}

/// The outline of `text`, or `None` when no line starts a numbered item.
#[cfg(test)]
pub(crate) fn outline(text: &str) -> Option<Outline> {
    outline_in(text, 0..text.len())
}

/// The outline of the bytes `part` of `text` (one plan of a compilation, or all of it),
/// or `None` when no line there starts a numbered item.
pub(crate) fn outline_in(text: &str, part: Range<usize>) -> Option<Outline> {
    let all: Vec<Line> = lines(text).filter(|l| l.start >= part.start && l.end <= part.end).collect();
    let slice = |l: &Line| slice(text, l.start..l.end);
    let toc = contents_lines(text, &all);
    let chunks = chunk_markers(text, &all);
    let run_on = runs_on(text, &all);
    let inline = run_on || chunks.iter().any(Option::is_some);
    let kind = |i: usize| match (toc.get(i), chunks.get(i)) {
        (Some(true), _) => LineKind::Contents,
        (_, Some(Some(len))) => LineKind::Chunk(*len),
        _ => LineKind::Body,
    };
    // A chunked copy's items may start anywhere: every line goes to the builder, and the
    // body starts where its first item does.
    let first = if inline {
        0
    } else {
        all.iter()
            .zip(&toc)
            .position(|(l, &contents)| !contents && marker_at(slice(l)).is_some_and(|m| m.numeral.value == 1))?
    };
    let mut builder = Builder { text, end: part.end, nodes: Vec::new(), stack: Vec::new() };
    let mut trailer_start = None;
    let mut back_lines = Vec::new();
    for (i, line) in all.iter().enumerate().skip(first) {
        if trailer_start.is_none() && !builder.nodes.is_empty() && is_trailer_line(slice(line)) {
            trailer_start = Some(line.start);
            if let Some(last) = builder.nodes.last_mut() {
                last.end = line.start;
            }
        }
        match trailer_start {
            Some(_) => back_lines.push(*line),
            None => builder.line(*line, kind(i), inline, run_on),
        }
    }
    let body_start = builder.nodes.first()?.start;
    let front_lines = all.iter().take_while(|l| l.end <= body_start).copied().collect();
    Some(Outline {
        start: part.start,
        end: part.end,
        body_start,
        trailer_start,
        nodes: builder.nodes,
        front_lines,
        back_lines,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titles(text: &str) -> Vec<(String, Option<usize>)> {
        let outline = outline(text).unwrap();
        outline.nodes.iter().map(|n| (n.numeral.to_string(), n.parent)).collect()
    }

    #[test]
    fn items_glued_in_a_run_open_a_numbering() {
        let text = "一、主要任务\n(一)深化商事制度改革。(1)全面落实改革。(市工商局牵头负责)(2)完善全程电子化。(3)推进名称登记改革。\n";
        let got: Vec<String> = titles(text).into_iter().map(|t| t.0).collect();
        assert_eq!(got, ["一", "(一)", "(1)", "(2)", "(3)"]);
        // A lone glued (1) stays in its sentence; so does a run that skips a number.
        let lone = "一、主要任务\n(一)推进改革。(1)全面落实改革。\n(二)完善。(1)甲。(3)乙。\n";
        let got: Vec<String> = titles(lone).into_iter().map(|t| t.0).collect();
        assert_eq!(got, ["一", "(一)", "(二)"]);
        assert_eq!(glued_runs("改革。(1)甲。(2)乙。", 0).len(), 2);
        assert!(glued_runs("依据(1)甲(2)乙", 0).is_empty(), "help: not after a sentence's end");
        assert!(glued_runs("推进发展。①建设平台10个；②培育企业5000家。", 0).is_empty(), "help: a list after ；");
    }

    #[test]
    fn nesting_follows_first_appearance() {
        let text = "一、任务\n(一)甲\n1.子一\n2.子二\n(二)乙\n1.子三\n二、保障\n(一)丙\n";
        let got = titles(text);
        let want = [
            ("一", None),
            ("(一)", Some(0)),
            ("1", Some(1)),
            ("2", Some(1)),
            ("(二)", Some(0)),
            ("1", Some(4)),
            ("二", None),
            ("(一)", Some(6)),
        ];
        let want: Vec<(String, Option<usize>)> = want.iter().map(|(a, b)| (a.to_string(), *b)).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn glued_items_are_split_only_when_they_continue_the_numbering() {
        let text = "一、任务\n15.甲。(牵头单位:市局)16.乙。(注)(3)丙\n";
        let got = titles(text);
        assert_eq!(got.len(), 3, "help: 16. continues 15. and must be split off; (3) continues nothing: {got:?}");
        let outline = outline(text).unwrap();
        assert_eq!(&text[outline.nodes[2].start..outline.nodes[2].start + 3], "16.");
    }

    #[test]
    fn junk_before_a_heading_is_left_to_the_item_before() {
        let text = "一、总体要求\n(一)目标。\nimage.png二、重点任务\n1.甲\n";
        let got = titles(text);
        assert_eq!(got.iter().map(|g| g.0.as_str()).collect::<Vec<_>>(), ["一", "(一)", "二", "1"]);
    }

    #[test]
    fn trailer_starts_at_attachments_and_footers() {
        let text = "一、任务\n1.甲\n附件:1.名单\n2.分工表\n";
        let outline = outline(text).unwrap();
        assert_eq!(outline.nodes.len(), 2);
        assert_eq!(outline.trailer_start, text.find("附件"));
        for line in ["抄送：市委各部门。", "2022年7月1日印发", "版权所有:某公司", "您还没有登录!请登录注册", "通知.pdf"]
        {
            assert!(is_trailer_line(line), "help: {line:?} should end the body");
        }
        assert!(!is_trailer_line("加强技术支持,提升平台在全市各级各部门的推广应用水平,实现数据共享。"));
    }

    #[test]
    fn a_table_of_contents_is_not_the_body() {
        let text = "目  录\n一、总体要求……1\n二、重点任务.......2\n一、总体要求\n1.甲\n";
        let outline = outline(text).unwrap();
        assert_eq!(outline.body_start, text.rfind("一、总体要求").unwrap());
        assert_eq!(outline.nodes.len(), 2);
        assert!(is_contents_line("（一）建设新型基础设施 ·········· 12"));
        assert!(!is_contents_line("1.建设5G基站2000"), "help: a target at the end of a line is not a page number");
        assert!(!is_contents_line("完成时限:2022年10月"));
    }

    #[test]
    fn a_table_of_contents_without_leaders() {
        let text = "目录\n一、总体要求 1\n二、重点任务 2\n1.筑牢数字底座 2\n2.建设城市大脑 3\n一、总体要求\n为推进。\n二、重点任务\n1.筑牢数字底座。建设。\n2.建设城市大脑。\n";
        let read = outline(text).unwrap();
        assert_eq!(read.body_start, text.rfind("一、总体要求").unwrap());
        assert_eq!(read.nodes.len(), 4, "help: the contents' entries are not items");
        // Without the repeat, the table ends at the first line without a page number.
        let text = "目 录\n一、总体要求 1\n二、重点任务 2\n前言\n一、总体要求。\n";
        assert_eq!(outline(text).unwrap().body_start, text.rfind("一、总体要求").unwrap());
        // A body line ending in a number after a space is not an entry outside a table.
        let text = "一、任务\n1.建设5G基站 2000\n";
        assert_eq!(outline(text).unwrap().nodes.len(), 2);
    }

    #[test]
    fn page_chunk_markers_of_a_shared_copy() {
        let text = "某市方案\n1、某市方案为加快建设,制定本方案。一、总体要求(一)指导思想。以改革为牵引,全面提升\n2、治理效能。二、重点任务(一)建设城市大脑。构建城市运行\n3、管理中枢。(牵头单位:市大数据局)(二)推进一网通办。\n";
        let got = titles(text);
        let numerals: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
        assert_eq!(numerals, ["一", "(一)", "二", "(一)", "(二)"], "help: chunk markers are no items: {got:?}");
        let read = outline(text).unwrap();
        assert_eq!(read.body_start, text.find("一、总体").unwrap());
        // A plan whose items start lines after finished sentences has no chunks.
        assert!(chunk_markers(
            "一、任务\n1、甲。\n2、乙。\n3、丙。\n",
            &lines("一、任务\n1、甲。\n2、乙。\n3、丙。\n").collect::<Vec<_>>()
        )
        .iter()
        .all(Option::is_none));
    }

    #[test]
    fn no_numbered_item_means_no_outline() {
        assert!(outline("只有一段话。\n没有编号。").is_none());
    }
}
