//! Responsibility parentheses: "(牵头单位:…;配合单位:…)", "(责任单位:…;完成时限:…)",
//! "(市大数据局负责)", "(…分工负责)", "(市工业和信息化局牵头,市住房城乡建设局配合)",
//! and one whose closing parenthesis the line lost.

use std::ops::Range;

use super::text::is_space;
use crate::model::Role;

/// A responsibility parenthesis found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Responsibility {
    /// The parenthesis, brackets included (the closing one may be missing).
    pub range: Range<usize>,
    pub units: Vec<UnitMention>,
    /// The value of its 完成时限 clause.
    pub deadline: Option<Range<usize>>,
}

/// A unit as a responsibility parenthesis names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct UnitMention {
    /// The name with an elided prefix restored.
    pub name: String,
    pub role: Role,
    pub range: Range<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Label {
    Role(Role),
    Deadline,
}

/// Labels of the clauses of a parenthesis, in simplified and traditional characters.
const LABELS: [(&str, Label); 19] = [
    ("牵头单位", Label::Role(Role::Lead)),
    ("牵头部门", Label::Role(Role::Lead)),
    ("牽頭單位", Label::Role(Role::Lead)),
    ("牽頭部門", Label::Role(Role::Lead)),
    ("责任单位", Label::Role(Role::Responsible)),
    ("责任部门", Label::Role(Role::Responsible)),
    ("責任單位", Label::Role(Role::Responsible)),
    ("責任部門", Label::Role(Role::Responsible)),
    ("配合单位", Label::Role(Role::Cooperating)),
    ("配合部门", Label::Role(Role::Cooperating)),
    ("配合單位", Label::Role(Role::Cooperating)),
    ("配合部門", Label::Role(Role::Cooperating)),
    ("协办单位", Label::Role(Role::Cooperating)),
    ("参与单位", Label::Role(Role::Cooperating)),
    ("完成时限", Label::Deadline),
    ("完成時限", Label::Deadline),
    ("完成时间", Label::Deadline),
    ("完成時間", Label::Deadline),
    ("时间节点", Label::Deadline),
];

/// The first characters of [`LABELS`].
const LABEL_STARTS: [char; 9] = ['牵', '牽', '责', '責', '配', '协', '参', '完', '时'];

/// Words that end an unlabelled clause and give its role, longest first.
const ROLE_WORDS: [(&str, Role); 11] = [
    ("分工负责", Role::Shared),
    ("分工負責", Role::Shared),
    ("共同负责", Role::Shared),
    ("共同負責", Role::Shared),
    ("负责", Role::Sole),
    ("負責", Role::Sole),
    ("牵头", Role::Lead),
    ("牽頭", Role::Lead),
    ("配合", Role::Cooperating),
    ("协助", Role::Cooperating),
    ("参与", Role::Cooperating),
];

fn opens(c: char) -> bool {
    matches!(c, '(' | '（' | '〈' | '《' | '<' | '【' | '[' | '“' | '［')
}

fn closes(c: char) -> bool {
    matches!(c, ')' | '）' | '〉' | '》' | '>' | '】' | ']' | '”' | '］')
}

fn char_len_at(text: &str, at: usize) -> usize {
    text.get(at..).and_then(|s| s.chars().next()).map_or(1, char::len_utf8)
}

/// The round-bracket pairs of `text` as (whole, inside), outermost first; a bracket still
/// open at a line break or the end is closed there (the source lost it).
fn paren_pairs(text: &str) -> Vec<(Range<usize>, Range<usize>)> {
    let mut pairs = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    let unclosed = |stack: &mut Vec<usize>, pairs: &mut Vec<_>, at: usize| {
        for open in stack.drain(..) {
            pairs.push((open..at, open + char_len_at(text, open)..at));
        }
    };
    for (at, c) in text.char_indices() {
        match c {
            '(' | '（' => stack.push(at),
            ')' | '）' => {
                if let Some(open) = stack.pop() {
                    pairs.push((open..at + c.len_utf8(), open + char_len_at(text, open)..at));
                }
            }
            '\n' => unclosed(&mut stack, &mut pairs, at),
            _ => {}
        }
    }
    unclosed(&mut stack, &mut pairs, text.len());
    pairs.sort_by(|a, b| a.0.start.cmp(&b.0.start).then(b.0.end.cmp(&a.0.end)));
    pairs
}

fn labels_in(text: &str, inner: &Range<usize>) -> Vec<(Range<usize>, Label)> {
    let content = text.get(inner.clone()).unwrap_or("");
    let mut found = Vec::new();
    for (at, c) in content.char_indices() {
        // Most positions start no label: a char test instead of nineteen comparisons.
        if !LABEL_STARTS.contains(&c) {
            continue;
        }
        let rest = content.get(at..).unwrap_or("");
        for (word, label) in LABELS {
            if let Some(after) = rest.strip_prefix(word) {
                let spaces = after.len() - after.trim_start_matches(is_space).len();
                if let Some(colon) =
                    after.get(spaces..).and_then(|a| a.chars().next()).filter(|c| matches!(c, ':' | '：'))
                {
                    let start = inner.start + at;
                    found.push((start..start + word.len() + spaces + colon.len_utf8(), label));
                }
            }
        }
    }
    found
}

fn role_word(clause: &str) -> Option<(&'static str, Role)> {
    ROLE_WORDS.iter().copied().find(|(w, _)| clause.ends_with(w))
}

/// Whether a parenthesis's content names who is responsible.
fn is_responsibility(text: &str, inner: &Range<usize>) -> bool {
    // A long parenthesis is prose; the byte test first keeps nested input linear.
    if inner.len() > 1200 {
        return false;
    }
    let content = text.get(inner.clone()).unwrap_or("").trim_matches(is_space);
    if content.is_empty() || content.contains('。') {
        return false;
    }
    if !labels_in(text, inner).is_empty() {
        return true;
    }
    // "甲牵头,乙配合,2023年底前完成": the last clause that is not a time names a role.
    let clauses = split_top(text, inner.clone(), &[',', '，', ';', '；']);
    clauses
        .iter()
        .map(|c| text.get(trim(text, c.clone())).unwrap_or(""))
        .rfind(|words| !words.is_empty() && !is_time_clause(words))
        .is_some_and(|words| role_word(words).is_some())
}

/// Whether an unlabelled clause gives a time rather than units: "2023年底前完成".
fn is_time_clause(words: &str) -> bool {
    role_word(words).is_none()
        && (words.ends_with("完成")
            || words.ends_with('前')
            || (words.contains('年') && words.chars().any(|c| super::text::digit_value(c).is_some())))
}

/// The responsibility parentheses of `text`, in order.
pub(crate) fn responsibilities(text: &str) -> Vec<Responsibility> {
    let mut found = Vec::new();
    let mut skip_to = 0;
    for (outer, inner) in paren_pairs(text) {
        if outer.start < skip_to || !is_responsibility(text, &inner) {
            continue;
        }
        skip_to = outer.end;
        found.push(read_parenthesis(text, outer, inner));
    }
    found
}

fn read_parenthesis(text: &str, outer: Range<usize>, inner: Range<usize>) -> Responsibility {
    let labels = labels_in(text, &inner);
    let mut units = Vec::new();
    let mut deadline = None;
    let first_label = labels.first().map_or(inner.end, |(r, _)| r.start);
    unlabelled(text, inner.start..first_label, &mut units, &mut deadline);
    for (i, (label_range, label)) in labels.iter().enumerate() {
        let end = labels.get(i + 1).map_or(inner.end, |(r, _)| r.start);
        let value = trim(text, label_range.end..end);
        match label {
            Label::Deadline => deadline = Some(value),
            Label::Role(role) => units.extend(split_units(text, value, *role)),
        }
    }
    Responsibility { range: outer, units, deadline }
}

/// Narrows `range` past spaces and separators at both ends.
fn trim(text: &str, range: Range<usize>) -> Range<usize> {
    let junk =
        |c: char| is_space(c) || matches!(c, ';' | '；' | ',' | '，' | '、' | '?' | '？' | '。' | '.' | '•' | '·');
    let s = text.get(range.clone()).unwrap_or("");
    let start = range.start + (s.len() - s.trim_start_matches(junk).len());
    let end = range.end - (s.len() - s.trim_end_matches(junk).len());
    start..end.max(start)
}

/// Splits `range` at the separators that stand outside brackets.
fn split_top(text: &str, range: Range<usize>, seps: &[char]) -> Vec<Range<usize>> {
    let s = text.get(range.clone()).unwrap_or("");
    let mut parts = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (at, c) in s.char_indices() {
        if opens(c) {
            depth += 1;
        } else if closes(c) {
            depth = depth.saturating_sub(1);
        } else if depth == 0 && seps.contains(&c) {
            parts.push(range.start + start..range.start + at);
            start = at + c.len_utf8();
        }
    }
    parts.push(range.start + start..range.end);
    parts
}

/// Clauses without a label: "市大数据局负责", "…分工负责", "甲牵头,乙配合".
fn unlabelled(text: &str, range: Range<usize>, units: &mut Vec<UnitMention>, deadline: &mut Option<Range<usize>>) {
    for clause in split_top(text, range, &[',', '，', ';', '；']) {
        let clause = trim(text, clause);
        let words = text.get(clause.clone()).unwrap_or("");
        if words.is_empty() {
            continue;
        }
        if is_time_clause(words) {
            deadline.get_or_insert(clause);
            continue;
        }
        let (names, role) = match role_word(words) {
            Some((word, role)) => (clause.start..clause.end - word.len(), role),
            None => (clause, Role::Responsible),
        };
        let mut mentions = split_units(text, trim(text, names), role);
        if role == Role::Sole && mentions.len() > 1 {
            for m in &mut mentions {
                m.role = Role::Shared;
            }
        }
        units.extend(mentions);
    }
}

/// Whether a name starts with an administrative level or is otherwise complete on its own.
fn has_level(name: &str) -> bool {
    const LEVELS: [&str; 17] = [
        "市",
        "区",
        "县",
        "省",
        "镇",
        "乡",
        "街道",
        "村",
        "国网",
        "国家",
        "中国",
        "各",
        "有关",
        "相关",
        "团",
        "人行",
        "共青团",
    ];
    LEVELS.iter().any(|p| name.starts_with(p))
        && !name.starts_with("市场")
        && !name.starts_with("区域")
        && !name.starts_with("县域")
}

fn is_department(name: &str) -> bool {
    const SUFFIXES: [&str; 9] = ["局", "委", "办", "中心", "厅", "部", "委员会", "办公室", "管委会"];
    SUFFIXES.iter().any(|s| name.ends_with(s))
}

fn is_generic(name: &str) -> bool {
    ["有关", "相关", "各", "市直", "区直", "县直"].iter().any(|w| name.contains(w))
}

/// The units of a list: "区发展和改革局、工业和信息化局" → 区发展和改革局, 区工业和信息化局;
/// "市公安局等有关部门、单位" → 市公安局, 有关部门、单位.
fn split_units(text: &str, range: Range<usize>, role: Role) -> Vec<UnitMention> {
    let mut units: Vec<UnitMention> = Vec::new();
    let mut level: Option<char> = None;
    for item in split_top(text, range, &['、', ',', '，', ';', '；']) {
        let item = trim(text, item);
        let words = text.get(item.clone()).unwrap_or("");
        if words.is_empty() {
            continue;
        }
        // "甲等有关部门": 甲, then the others as a unit of their own.
        // "甲等部门" is only 甲.
        let (head, tail) = match words.find('等') {
            Some(at) if at > 0 => {
                let tail = trim(text, item.start + at + '等'.len_utf8()..item.end);
                let keep = is_generic(text.get(tail.clone()).unwrap_or(""));
                (item.start..item.start + at, if keep { tail } else { item.end..item.end })
            }
            _ => (item.clone(), item.end..item.end),
        };
        for part in [head, tail] {
            let name = text.get(part.clone()).unwrap_or("");
            if name.is_empty() {
                continue;
            }
            // "有关部门、单位": a fragment completes the generic unit before it.
            if name.chars().count() <= 2 && !is_department(name) || name == "单位" || name == "部门" {
                if let Some(prev) = units.last_mut().filter(|u| is_generic(&u.name)) {
                    prev.name = text.get(prev.range.start..part.end).unwrap_or(&prev.name).to_string();
                    prev.range.end = part.end;
                    continue;
                }
            }
            let full = match level {
                Some(prefix) if !has_level(name) && is_department(name) && !units.is_empty() => {
                    format!("{prefix}{name}")
                }
                _ => name.to_string(),
            };
            level = full.chars().next().filter(|c| matches!(c, '市' | '区' | '县' | '省')).filter(|_| has_level(&full));
            units.push(UnitMention { name: full, role, range: part });
        }
    }
    units
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<(String, Role)> {
        responsibilities(text).into_iter().flat_map(|r| r.units).map(|u| (u.name, u.role)).collect()
    }

    fn names(text: &str) -> Vec<String> {
        read(text).into_iter().map(|u| u.0).collect()
    }

    #[test]
    fn every_label_starts_with_a_listed_character() {
        for (word, _) in LABELS {
            assert!(
                word.chars().next().is_some_and(|c| LABEL_STARTS.contains(&c)),
                "help: add {word}'s first character"
            );
        }
    }

    #[test]
    fn labelled_clauses() {
        use Role::*;
        assert_eq!(
            read("任务。(牵头单位:市政府办公室、市行政审批局;配合单位:市民政局等市直有关部门单位)"),
            [
                ("市政府办公室".into(), Lead),
                ("市行政审批局".into(), Lead),
                ("市民政局".into(), Cooperating),
                ("市直有关部门单位".into(), Cooperating)
            ]
        );
        assert_eq!(
            read("(牵头单位:市大数据局,责任单位:市直相关部门单位、各县〈市、区〉人民政府)"),
            [
                ("市大数据局".into(), Lead),
                ("市直相关部门单位".into(), Responsible),
                ("各县〈市、区〉人民政府".into(), Responsible)
            ]
        );
        let r = &responsibilities("(责任单位:市工业和信息化局,各县区政府;完成时限:2022年10月底前)")[0];
        let text = "(责任单位:市工业和信息化局,各县区政府;完成时限:2022年10月底前)";
        assert_eq!(&text[r.deadline.clone().unwrap()], "2022年10月底前");
        assert_eq!(r.units.len(), 2);
    }

    #[test]
    fn unlabelled_clauses() {
        use Role::*;
        assert_eq!(read("建设。(市大数据局负责)"), [("市大数据局".into(), Sole)]);
        assert_eq!(
            read("(市委网信办、市大数据局分工负责)"),
            [("市委网信办".into(), Shared), ("市大数据局".into(), Shared)]
        );
        assert_eq!(
            read("(市工业和信息化局牵头,市住房城乡建设局配合)"),
            [("市工业和信息化局".into(), Lead), ("市住房城乡建设局".into(), Cooperating)]
        );
        assert_eq!(read("(牽頭單位:市大數據局)"), [("市大數據局".into(), Lead)]);
        let text = "(县发展改革局牵头,县交通运输局、县供电公司配合,2023年底前完成)";
        let r = &responsibilities(text)[0];
        assert_eq!(r.units.len(), 3, "help: a time clause ends the parenthesis: {:?}", r.units);
        assert_eq!(&text[r.deadline.clone().unwrap()], "2023年底前完成");
    }

    #[test]
    fn parentheses_that_are_not_responsibility() {
        assert!(read("依申请政务服务事项(涉密事项除外)可网办率达到100%").is_empty());
        assert!(read("打造一批 NB-IoT(窄带物联网)应用场景。").is_empty());
    }

    #[test]
    fn a_lost_closing_parenthesis_ends_at_the_line_break() {
        let text = "打造10个以上标杆。(市大数据局、市财政局分工负责\n(三)推动";
        let r = &responsibilities(text)[0];
        assert_eq!(&text[r.range.clone()], "(市大数据局、市财政局分工负责");
        assert_eq!(r.units.len(), 2);
    }

    #[test]
    fn elided_prefixes_are_restored() {
        assert_eq!(
            names("(责任单位:区发展和改革局、工业和信息化局、科学技术局)"),
            ["区发展和改革局", "区工业和信息化局", "区科学技术局"]
        );
        assert_eq!(
            names("(责任单位:区民政局、人力资源和社会保障局、大数据与电子政务服务中心)"),
            ["区民政局", "区人力资源和社会保障局", "区大数据与电子政务服务中心"]
        );
        assert_eq!(
            names("(责任单位:区大数据与电子政务服务中心,区委社会工作部,有关镇街、功能区)"),
            ["区大数据与电子政务服务中心", "区委社会工作部", "有关镇街", "功能区"]
        );
        assert_eq!(
            names("(责任单位:市市场监管局、市场监管执法支队)")[1],
            "市场监管执法支队",
            "help: 市场 is not the level 市"
        );
    }

    #[test]
    fn nested_brackets_stay_inside_a_name() {
        assert_eq!(names("(责任单位:市委党校(行政学院)、市工商联)"), ["市委党校(行政学院)", "市工商联"]);
        assert_eq!(names("(责任单位:?区大数据与电子政务服务中心)"), ["区大数据与电子政务服务中心"]);
        assert_eq!(names("(市大数据局等有关部门、单位负责)"), ["市大数据局", "有关部门、单位"]);
        assert_eq!(names("(市医保局、市卫生健康委等部门分工负责)"), ["市医保局", "市卫生健康委"]);
    }
}
