//! The numbering schemes of the genre: 第一章, 一、, (一), 1., (1), ①.

use crate::extract::brackets::ROUND;
use crate::extract::number::{chinese_number, digits, is_digit};
use crate::extract::text::{is_space, pinyin_glosses};
use crate::model::{NumberStyle, Numeral};

/// A numbering marker at the start of some text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Marker {
    pub numeral: Numeral,
    /// Bytes taken by the marker and the spaces after it.
    pub len: usize,
}

/// How deep a style conventionally sits; used only when a style not yet open appears
/// above the current one (a plan that starts at (一) and then shows 二、).
pub(crate) fn rank(style: NumberStyle) -> u8 {
    match style {
        NumberStyle::Chapter => 0,
        NumberStyle::Section => 1,
        NumberStyle::Chinese | NumberStyle::Article => 2,
        NumberStyle::ChineseParen => 3,
        NumberStyle::Arabic => 4,
        NumberStyle::ArabicParen | NumberStyle::ArabicHalfParen => 5,
        NumberStyle::Circled => 6,
        #[allow(unreachable_patterns)]
        _ => 7,
    }
}

/// Reads 1–5 ASCII or full-width digits at the start of `s`, not followed by a sixth,
/// of a value above 0.
fn arabic_number(s: &str) -> Option<(u32, usize)> {
    let run = digits(s, 6).filter(|d| d.count <= 5 && d.value > 0)?;
    Some((run.value_u32()?, run.len))
}

fn spaces_len(s: &str) -> usize {
    s.chars().take_while(|&c| is_space(c) && c != '\n').map(char::len_utf8).sum()
}

/// The length of a pinyin gloss a mirror glued in at byte `at` of `s` ("一(yī)、"), or 0.
fn gloss_at(s: &str, at: usize) -> usize {
    if !s.get(at..).is_some_and(|r| r.starts_with('(')) {
        return 0;
    }
    // A gloss is short: look at a few characters around it only.
    let end = (at + 24).min(s.len());
    let end = (end..=s.len()).find(|&e| s.is_char_boundary(e)).unwrap_or(s.len());
    let window = s.get(..end).unwrap_or("");
    pinyin_glosses(window).into_iter().find(|g| g.start == at).map_or(0, |g| g.end - g.start)
}

/// The numbering marker at the very start of `s`, if there is one.
pub(crate) fn marker_at(s: &str) -> Option<Marker> {
    let first = s.chars().next()?;
    let (style, value, len) = if ROUND.opens(first) {
        let inner = s.get(first.len_utf8()..)?;
        let (style, (value, n)) = match chinese_number(inner) {
            Some((v, n)) => (NumberStyle::ChineseParen, (v, n + gloss_at(inner, n))),
            None => (NumberStyle::ArabicParen, arabic_number(inner)?),
        };
        let close = inner.get(n..)?.chars().next()?;
        if !ROUND.closes(close) {
            return None;
        }
        (style, value, first.len_utf8() + n + close.len_utf8())
    } else if ('①'..='⑳').contains(&first) {
        (NumberStyle::Circled, first as u32 - '①' as u32 + 1, first.len_utf8())
    } else if first == '第' {
        let inner = s.get(first.len_utf8()..)?;
        let (value, n) = chinese_number(inner)?;
        let unit = inner.get(n..)?.chars().next()?;
        let style = match crate::script::simplified(unit) {
            '章' | '部' | '篇' => NumberStyle::Chapter,
            '节' => NumberStyle::Section,
            '条' => NumberStyle::Article,
            _ => return None,
        };
        let mut len = first.len_utf8() + n + unit.len_utf8();
        if unit == '部' && s.get(len..)?.starts_with('分') {
            len += '分'.len_utf8();
        }
        (style, value, len)
    } else if let Some((value, n)) = chinese_number(s) {
        // "一 、" as a PDF copy spaces it; "一(yī)、" as a mirror glosses it.
        let n = n + gloss_at(s, n);
        let gap = spaces_len(s.get(n..)?);
        let sep = s.get(n + gap..)?.chars().next()?;
        if sep != '、' {
            return None;
        }
        (NumberStyle::Chinese, value, n + gap + sep.len_utf8())
    } else {
        let (value, n) = arabic_number(s)?;
        let rest = s.get(n..)?;
        let sep = rest.chars().next()?;
        let style = match sep {
            '.' | '．' | '、' => NumberStyle::Arabic,
            ')' | '）' => NumberStyle::ArabicHalfParen,
            _ => return None,
        };
        // 1.1万 and 2.0版 are numbers, not markers.
        let after = rest.get(sep.len_utf8()..)?;
        let next = after.trim_start_matches([' ', '\u{3000}']).chars().next();
        if next.is_none_or(|c| is_digit(c) || c == '%' || c.is_ascii_alphabetic()) {
            return None;
        }
        (style, value, n + sep.len_utf8())
    };
    let rest = s.get(len..)?;
    // A marker introduces words: "(一)" alone, or followed by a line break, is not an item.
    let body = rest.get(spaces_len(rest)..)?;
    if body.is_empty() || body.starts_with(['\n', '\r']) {
        return None;
    }
    Some(Marker { numeral: Numeral { style, value }, len: len + spaces_len(rest) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> Option<(NumberStyle, u32, usize)> {
        marker_at(s).map(|m| (m.numeral.style, m.numeral.value, m.len))
    }

    #[test]
    fn styles() {
        use NumberStyle::*;
        assert_eq!(read("一、工作目标"), Some((Chinese, 1, 6)));
        assert_eq!(read("十二、保障"), Some((Chinese, 12, 9)));
        assert_eq!(read("一 、指导思想"), Some((Chinese, 1, 7)));
        assert_eq!(read("二十三、保障"), Some((Chinese, 23, 12)));
        assert_eq!(read("(四)优化"), Some((ChineseParen, 4, 5)));
        assert_eq!(read("（十）优化"), Some((ChineseParen, 10, 9)));
        assert_eq!(read("16.提升"), Some((Arabic, 16, 3)));
        assert_eq!(read("1. 增强"), Some((Arabic, 1, 3)));
        assert_eq!(read("3、推进"), Some((Arabic, 3, 4)));
        assert_eq!(read("１．推进"), Some((Arabic, 1, 6)));
        assert_eq!(read("(7)推进"), Some((ArabicParen, 7, 3)));
        assert_eq!(read("（2）推进"), Some((ArabicParen, 2, 7)));
        assert_eq!(read("③推进"), Some((Circled, 3, 3)));
        assert_eq!(read("2) 推进"), Some((ArabicHalfParen, 2, 3)));
        assert_eq!(read("12）推进"), Some((ArabicHalfParen, 12, 5)));
        assert_eq!(read("一(yī)、年度目标"), Some((Chinese, 1, 11)), "help: a mirror's pinyin gloss");
        assert_eq!(read("(一(yī))數字技術"), Some((ChineseParen, 1, 10)));
        assert_eq!(read("第二章 总体要求"), Some((Chapter, 2, 10)));
        assert_eq!(read("第三节 建设数字底座"), Some((Section, 3, 10)));
        assert_eq!(read("第十二条 加快建设"), Some((Article, 12, 13)));
        assert_eq!(read("第三節 建設數字底座"), Some((Section, 3, 10)), "help: 節 is 节");
        assert_eq!(read("第十二條 加快建設"), Some((Article, 12, 13)), "help: 條 is 条");
    }

    #[test]
    fn numbers_that_are_not_markers() {
        for s in [
            "1.1万个",
            "2.0版",
            "2022年",
            "一二三",
            "一网通办",
            "第一批",
            "第三方",
            "(涉密事项除外)",
            "10%",
            "(一)",
            "1.",
            "5G基站",
            "0.5",
            "1)",
            "3）%",
        ] {
            assert_eq!(read(s), None, "help: {s:?} was read as a numbering marker");
        }
    }
}
