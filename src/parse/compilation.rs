//! Several plans in one file (a 汇编, or notices saved one after another): where each
//! plan begins.
//!
//! A plan begins at a notice (…关于印发…的通知) or a title (…行动方案, …工作要点) that
//! stands after the body of the plan before it and is followed, before any other
//! numbered item, by a first top-level item (一、 or 第一章). A title just after an
//! attachment line is the attachment's own and begins nothing.

use std::ops::Range;

use super::header::{is_doc_number, is_issuer, is_notice, is_title};
use super::numbering::marker_at;
use super::outline::{is_contents_line, lines, Line};
use crate::extract::text::{is_space, slice};
use crate::model::NumberStyle;

/// How far below a notice or title the new plan's first item may stand, in lines.
const HEAD_REACH: usize = 15;

fn squeezed(text: &str, line: &Line) -> String {
    slice(text, line.start..line.end).chars().filter(|&c| !is_space(c)).collect()
}

fn is_head(line: &str) -> bool {
    line.chars().count() <= 80
        && !line.contains(['。', '；'])
        && marker_at(line).is_none()
        && !is_contents_line(line)
        && (is_notice(line) || is_title(line))
}

fn starts_top_level(line: &str) -> bool {
    marker_at(line)
        .is_some_and(|m| m.numeral.value == 1 && matches!(m.numeral.style, NumberStyle::Chinese | NumberStyle::Chapter))
}

/// The byte ranges of the plans of `text`, in order; they tile it. A file of one plan
/// gives one range.
pub(crate) fn parts(text: &str) -> Vec<Range<usize>> {
    let all: Vec<Line> = lines(text).collect();
    let words: Vec<String> = all.iter().map(|l| squeezed(text, l)).collect();
    let mut starts = vec![0];
    let mut items = 0usize;
    let mut last_attachment: Option<usize> = None;
    for (i, line) in words.iter().enumerate() {
        if line.starts_with("附件") || line.starts_with("附表") {
            last_attachment = Some(i);
        }
        if let Some(marker) = marker_at(line) {
            // A numbered document title is an entry of the compilation's contents, not
            // the body of a plan.
            if !line.get(marker.len..).is_some_and(is_head) {
                items += 1;
            }
            continue;
        }
        if items < 2 || !is_head(line) {
            continue;
        }
        let attachment = last_attachment.is_some_and(|a| i - a <= 4) && !is_notice(line);
        if attachment {
            continue;
        }
        // The new plan's first item comes before any other numbered item.
        let first_item = words.iter().skip(i + 1).take(HEAD_REACH).find(|l| marker_at(l).is_some());
        if !first_item.is_some_and(|l| starts_top_level(l)) {
            continue;
        }
        // Its issuer and number, on the lines just above, are its own.
        let mut head = i;
        while head > 0 && words.get(head - 1).is_some_and(|l| is_issuer(l) || is_doc_number(l)) && i - head < 3 {
            head -= 1;
        }
        if let Some(line) = all.get(head) {
            starts.push(line.start);
        }
        items = 0;
    }
    starts.dedup();
    let mut parts: Vec<Range<usize>> = starts.windows(2).map(|w| w[0]..w[1]).collect();
    if let Some(&last) = starts.last() {
        parts.push(last..text.len());
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_compilation_splits_at_each_notice_or_title() {
        let text = "甲市数字政府建设2023年工作要点\n一、重点任务\n1.建设城市大脑。\n2.推进一网通办。\n\
                    乙市人民政府办公室\n乙市人民政府办公室关于印发乙市智慧城市行动方案的通知\n各区：现印发给你们。\n\
                    乙市智慧城市行动方案\n一、主要任务\n1.建设智慧社区。\n";
        let got = parts(text);
        assert_eq!(got.len(), 2, "help: {got:?}");
        assert_eq!(&text[got[1].clone()][..], &text[text.find("乙市人民政府办公室\n").unwrap()..]);
        assert_eq!(got[0].end, got[1].start);
    }

    #[test]
    fn one_plan_is_one_part() {
        // A title inside the plan, an attachment's title: no new plan.
        let text = "甲市行动方案\n一、任务\n1.甲。\n2.乙。\n附件\n重点任务分工方案\n一、分工\n1.丙。\n";
        assert_eq!(parts(text).len(), 1);
        let text = "一、任务\n1.甲。\n";
        assert_eq!(parts(text).len(), 1);
    }
}
