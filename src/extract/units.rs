//! Responsibility parentheses: "(牵头单位:…;配合单位:…)", "(责任单位:…;完成时限:…)",
//! "(市大数据局负责)", "(…分工负责)", "(市工业和信息化局牵头,市住房城乡建设局配合)",
//! and one whose closing parenthesis the line lost.

use std::ops::Range;

use super::brackets::{Step, NAMES, RESPONSIBILITY};
use super::number::is_digit;
use super::text::{is_space, slice};
use crate::model::Role;

/// A responsibility parenthesis found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Responsibility {
    /// The parenthesis, brackets included (the closing one may be missing), or the
    /// labelled run ("责任单位：…" to the end of its line).
    pub range: Range<usize>,
    pub units: Vec<UnitMention>,
    /// The value of its 完成时限 clause.
    pub deadline: Option<Range<usize>>,
    /// The last name of a list the text ended in, left out of `units` as it may be cut
    /// off ("省工业和"); it stands when the text is part of a longer one that goes on.
    pub cut_off: Option<UnitMention>,
}

impl Responsibility {
    /// The same parenthesis in a text where this one's text starts at byte `offset` and
    /// goes on after its end: a name the end cut off stands again.
    pub fn moved(&self, offset: usize, goes_on: bool) -> Responsibility {
        let shift = |r: &Range<usize>| r.start + offset..r.end + offset;
        let mut units: Vec<UnitMention> = self.units.clone();
        units.extend(self.cut_off.iter().filter(|_| goes_on).cloned());
        for unit in &mut units {
            unit.range = shift(&unit.range);
        }
        Responsibility {
            range: shift(&self.range),
            units,
            deadline: self.deadline.as_ref().map(shift),
            cut_off: self
                .cut_off
                .as_ref()
                .filter(|_| !goes_on)
                .map(|u| UnitMention { range: shift(&u.range), ..u.clone() }),
        }
    }
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

/// Labels of the clauses of a parenthesis, matched on folded (simplified) text, longest
/// first at each position so that 牵头责任单位 is not read as 责任单位 after a unit 牵头.
const LABELS: [(&str, Label); 36] = [
    ("牵头责任单位", Label::Role(Role::Lead)),
    ("牵头责任部门", Label::Role(Role::Lead)),
    ("主要责任单位", Label::Role(Role::Responsible)),
    ("主要责任部门", Label::Role(Role::Responsible)),
    ("主体责任单位", Label::Role(Role::Responsible)),
    ("相关责任单位", Label::Role(Role::Cooperating)),
    ("相关责任部门", Label::Role(Role::Cooperating)),
    ("配合责任单位", Label::Role(Role::Cooperating)),
    ("协同责任单位", Label::Role(Role::Cooperating)),
    ("牵头单位", Label::Role(Role::Lead)),
    ("牵头部门", Label::Role(Role::Lead)),
    ("主办单位", Label::Role(Role::Lead)),
    ("主责单位", Label::Role(Role::Lead)),
    ("主责部门", Label::Role(Role::Lead)),
    ("责任单位", Label::Role(Role::Responsible)),
    ("责任部门", Label::Role(Role::Responsible)),
    ("责任主体", Label::Role(Role::Responsible)),
    ("承办单位", Label::Role(Role::Responsible)),
    ("实施单位", Label::Role(Role::Implementing)),
    ("实施主体", Label::Role(Role::Implementing)),
    ("配合单位", Label::Role(Role::Cooperating)),
    ("配合部门", Label::Role(Role::Cooperating)),
    ("协办单位", Label::Role(Role::Cooperating)),
    ("协办部门", Label::Role(Role::Cooperating)),
    ("协同单位", Label::Role(Role::Cooperating)),
    ("协同部门", Label::Role(Role::Cooperating)),
    ("参与单位", Label::Role(Role::Cooperating)),
    ("参与部门", Label::Role(Role::Cooperating)),
    ("支持单位", Label::Role(Role::Cooperating)),
    ("指导单位", Label::Role(Role::Guiding)),
    ("完成时限", Label::Deadline),
    ("完成时间", Label::Deadline),
    ("完成期限", Label::Deadline),
    ("时间节点", Label::Deadline),
    ("时间安排", Label::Deadline),
    ("进度安排", Label::Deadline),
];

/// The first characters of [`LABELS`].
const LABEL_STARTS: [char; 11] = ['牵', '主', '相', '配', '协', '责', '承', '实', '参', '支', '指'];
/// The first characters of the deadline labels, checked apart (完, 时, 进).
const DEADLINE_STARTS: [char; 3] = ['完', '时', '进'];

/// Words that end an unlabelled clause and give its role, matched on folded text,
/// longest first. 按职责分工负责 comes whole so that 按职责 never stays in a name.
const ROLE_WORDS: [(&str, Role); 27] = [
    ("按照职责分工负责", Role::Shared),
    ("按职责分工负责", Role::Shared),
    ("按职能分工负责", Role::Shared),
    ("按职责分工落实", Role::Shared),
    ("根据职责分工负责", Role::Shared),
    ("依职责分工负责", Role::Shared),
    ("按职责负责", Role::Shared),
    ("分工负责", Role::Shared),
    ("共同负责", Role::Shared),
    ("分别负责", Role::Shared),
    ("牵头负责", Role::Lead),
    ("具体实施", Role::Implementing),
    ("组织实施", Role::Implementing),
    ("具体负责", Role::Sole),
    ("负责落实", Role::Sole),
    ("牵头落实", Role::Lead),
    ("配合落实", Role::Cooperating),
    ("负责", Role::Sole),
    ("牵头", Role::Lead),
    ("配合", Role::Cooperating),
    ("协助", Role::Cooperating),
    ("协同", Role::Cooperating),
    ("参与", Role::Cooperating),
    ("协办", Role::Cooperating),
    ("督导", Role::Guiding),
    ("指导", Role::Guiding),
    ("落实", Role::Responsible),
];

/// The text of a task as written and folded to simplified characters at the same byte
/// offsets: keywords are read in the folded text, names taken from the written one.
struct Source<'t> {
    text: &'t str,
    folded: &'t str,
}

impl Source<'_> {
    fn get(&self, range: Range<usize>) -> &str {
        slice(self.text, range)
    }

    fn folded(&self, range: Range<usize>) -> &str {
        slice(self.folded, range)
    }
}

/// A bracket pair: the whole, the inside, and whether the text ended before it closed
/// (an opening cut off mid-list).
#[derive(Debug, Clone)]
struct Pair {
    outer: Range<usize>,
    inner: Range<usize>,
    cut: bool,
}

/// The bracket pairs of `text` that may hold a responsibility, outermost first; a
/// bracket still open at a line break or the end is closed there (the source lost it).
fn bracket_pairs(text: &str) -> Vec<Pair> {
    let mut pairs = Vec::new();
    let mut scan = RESPONSIBILITY.scan(text);
    while let Some((at, c, step)) = scan.next() {
        if c == '\n' {
            pairs.extend(scan.close_all().map(|open| Pair { outer: open.at..at, inner: open.end..at, cut: false }));
        } else if let Step::Close(open) = step {
            pairs.push(Pair { outer: open.at..at + c.len_utf8(), inner: open.end..at, cut: false });
        }
    }
    pairs.extend(scan.close_all().map(|open| Pair {
        outer: open.at..text.len(),
        inner: open.end..text.len(),
        cut: true,
    }));
    pairs.sort_by(|a, b| a.outer.start.cmp(&b.outer.start).then(b.outer.end.cmp(&a.outer.end)));
    pairs
}

fn labels_in(src: &Source<'_>, inner: &Range<usize>) -> Vec<(Range<usize>, Label)> {
    let content = src.folded(inner.clone());
    let mut found = Vec::new();
    let mut next = 0;
    for (at, c) in content.char_indices() {
        // Most positions start no label: a char test before the comparisons.
        if at < next || !(LABEL_STARTS.contains(&c) || DEADLINE_STARTS.contains(&c)) {
            continue;
        }
        if let Some((len, label)) = label_at(slice(content, at..)) {
            let start = inner.start + at;
            found.push((start..start + len, label));
            next = at + len;
        }
    }
    found
}

/// The last characters of [`ROLE_WORDS`]: most clauses are done with one comparison.
const ROLE_ENDS: [char; 10] = ['责', '实', '施', '头', '合', '助', '同', '与', '办', '导'];
/// The last characters of a time clause's usual endings (…前完成, …年底, …12月, …30日).
const TIME_ENDS: [char; 9] = ['成', '前', '持', '进', '底', '年', '月', '日', '号'];

fn role_word(clause: &str) -> Option<(&'static str, Role)> {
    if !clause.ends_with(ROLE_ENDS) {
        return None;
    }
    ROLE_WORDS.iter().copied().find(|(w, _)| clause.ends_with(w))
}

/// Whether a parenthesis's content names who is responsible.
fn is_responsibility(src: &Source<'_>, inner: &Range<usize>) -> bool {
    // A long parenthesis is prose; the byte test first keeps nested input linear.
    if inner.len() > 1200 {
        return false;
    }
    let content = src.folded(inner.clone()).trim_matches(is_space);
    if content.is_empty() {
        return false;
    }
    // A label may be followed by a note after a full stop ("…。以下任务均需…落实"), but
    // prose with a full stop is no responsibility.
    if labels_in(src, inner).first().is_some_and(|(r, _)| !src.folded(inner.start..r.start).contains('。')) {
        return true;
    }
    if content.contains('。') {
        return false;
    }
    // "甲牵头,乙配合,2023年底前完成": the last clause that is not a time names a role.
    let clauses = split_top(src.folded, inner.clone(), &[',', '，', ';', '；']);
    clauses
        .iter()
        .map(|c| src.folded(trim(src.folded, c.clone())))
        .rfind(|words| !words.is_empty() && !is_time_clause(words))
        .is_some_and(|words| {
            role_word(words).is_some_and(|(word, _)| {
                // The role word must follow names: "全面落实" alone is prose.
                let names = words.get(..words.len() - word.len()).unwrap_or("");
                names.chars().count() >= 2 && (word.chars().count() > 2 || names_units(names))
            })
        })
}

/// Whether words before a short role word look like a list of units, not prose.
fn names_units(names: &str) -> bool {
    let names = names.trim_end_matches(is_space);
    split_list(names).iter().any(|n| is_complete(n) || has_level(n))
}

fn split_list(s: &str) -> Vec<&str> {
    s.split(['、', ',', '，', ';', '；']).map(|p| p.trim_matches(is_space)).filter(|p| !p.is_empty()).collect()
}

/// Whether an unlabelled clause gives a time rather than units: "2023年底前完成".
fn is_time_clause(words: &str) -> bool {
    role_word(words).is_none()
        && (words.ends_with("完成")
            || words.ends_with('前')
            || words.ends_with("长期坚持")
            || words.ends_with("持续推进")
            || (words.contains('年') && words.chars().any(is_digit)))
}

/// The responsibility parentheses of `text`, in order, and its labelled runs: a line or
/// sentence that opens with a label, "责任单位：市工信局", "完成时限：2023年12月底前".
pub(crate) fn responsibilities(text: &str) -> Vec<Responsibility> {
    let folded = crate::script::fold(text);
    let src = Source { text, folded: folded.as_ref() };
    let mut found = Vec::new();
    let mut skip_to = 0;
    for pair in bracket_pairs(src.folded) {
        if pair.outer.start < skip_to || !is_responsibility(&src, &pair.inner) {
            continue;
        }
        skip_to = pair.outer.end;
        found.push(read_parenthesis(&src, pair));
    }
    let mut runs: Vec<Responsibility> = labelled_runs(&src)
        .into_iter()
        .filter(|run| !found.iter().any(|r: &Responsibility| r.range.start < run.end && run.start < r.range.end))
        .map(|run| read_parenthesis(&src, Pair { outer: run.clone(), inner: run, cut: false }))
        .filter(|r| !r.units.is_empty() || r.deadline.is_some())
        .collect();
    if !runs.is_empty() {
        found.append(&mut runs);
        found.sort_by_key(|r| r.range.start);
    }
    found
}

/// The label `text` opens with, and the bytes it takes with its colon: "责任单位：".
fn label_at(text: &str) -> Option<(usize, Label)> {
    let first = text.chars().next()?;
    if !(LABEL_STARTS.contains(&first) || DEADLINE_STARTS.contains(&first)) {
        return None;
    }
    LABELS.iter().find_map(|(word, label)| {
        let after = text.strip_prefix(word)?;
        let rest = after.trim_start_matches(is_space);
        let colon = rest.chars().next().filter(|c| matches!(c, ':' | '：'))?;
        Some((text.len() - rest.len() + colon.len_utf8(), *label))
    })
}

/// Whether a line opens with a responsibility or deadline label, so that it starts a
/// paragraph of its own rather than continuing the sentence above.
pub(crate) fn opens_with_label(line: &str) -> bool {
    // Labels are at most six characters and a colon, and spaces may stand between: the
    // first dozen characters decide (folding the whole line would cost as much as reading it).
    let line = line.trim_start_matches(is_space);
    let end = line.char_indices().nth(12).map_or(line.len(), |(at, _)| at);
    label_at(crate::script::fold(slice(line, ..end)).as_ref()).is_some()
}

/// Runs of the text outside brackets that say who is responsible without a bracket: a
/// line or sentence that opens with a label, each going to the end of its line or to the
/// full stop after its last label's value; or a sentence that is only a responsibility,
/// "市政务服务管理局负责，年底前完成。".
fn labelled_runs(src: &Source<'_>) -> Vec<Range<usize>> {
    let folded = src.folded;
    let mut runs = Vec::new();
    let mut line_start = 0;
    for line in folded.split_inclusive('\n') {
        let line_end = line_start + line.trim_end_matches(['\n', '\r']).len();
        let mut at = line_start;
        while at < line_end {
            let rest = slice(folded, at..line_end);
            let start = at + rest.len() - rest.trim_start_matches(is_space).len();
            let sentence = slice(folded, start..line_end);
            if label_at(sentence).is_none() {
                // The sentence's end: after its full stop or semicolon, else the line's.
                let stop = sentence.find(['。', '；', ';']);
                let end = stop
                    .map_or(line_end, |n| start + n + slice(sentence, n..).chars().next().map_or(1, char::len_utf8));
                if is_bare_responsibility(src, &(start..stop.map_or(line_end, |n| start + n))) {
                    runs.push(start..end);
                }
                at = end;
                continue;
            }
            // The run goes on past a full stop only where another label follows it.
            let mut end = start;
            loop {
                match slice(folded, end..line_end).find('。') {
                    Some(stop) => {
                        let after = end + stop + '。'.len_utf8();
                        let next = slice(folded, after..line_end).trim_start_matches(is_space);
                        end = after;
                        if label_at(next).is_none() {
                            break;
                        }
                    }
                    None => {
                        end = line_end;
                        break;
                    }
                }
            }
            runs.push(start..end);
            at = end;
        }
        line_start += line.len();
    }
    runs
}

/// Whether a sentence outside brackets is only a responsibility, as a parenthesis would
/// hold it: every clause a time ("年底前完成") or names of units ending in a role word
/// ("甲牵头，乙配合", "市政务服务管理局负责").
fn is_bare_responsibility(src: &Source<'_>, content: &Range<usize>) -> bool {
    // Most sentences are prose: cheap tests first, by bytes (a character is 1–4).
    if !(4..=320).contains(&content.len()) {
        return false;
    }
    let words = src.folded(content.clone()).trim_end_matches(is_space);
    // The sentence ends in a role word (负责, 牵头, 配合 …) or a time ("…前完成").
    if !words.ends_with(ROLE_ENDS) && !words.ends_with(TIME_ENDS) {
        return false;
    }
    let last = words.rsplit([',', '，']).next().unwrap_or(words).trim_matches(is_space);
    if role_word(last).is_none() && !is_time_clause(last) {
        return false;
    }
    let count = words.chars().count();
    if !(4..=80).contains(&count) {
        return false;
    }
    let mut names_a_unit = false;
    for clause in split_top(src.folded, content.clone(), &[',', '，']) {
        let words = src.folded(trim(src.folded, clause));
        if words.is_empty() || is_time_clause(words) {
            continue;
        }
        let Some((word, _)) = role_word(words) else { return false };
        let names = split_list(words.get(..words.len() - word.len()).unwrap_or(""));
        if names.is_empty() || !names.iter().all(|n| has_level(n) && (is_department(n) || is_complete(n))) {
            return false;
        }
        names_a_unit = true;
    }
    names_a_unit
}

fn read_parenthesis(src: &Source<'_>, pair: Pair) -> Responsibility {
    let Pair { outer, inner, cut } = pair;
    let labels = labels_in(src, &inner);
    let mut units = Vec::new();
    let mut deadline = None;
    let first_label = labels.first().map_or(inner.end, |(r, _)| r.start);
    unlabelled(src, inner.start..first_label, Role::Responsible, &mut units, &mut deadline);
    for (i, (label_range, label)) in labels.iter().enumerate() {
        let end = labels.get(i + 1).map_or(inner.end, |(r, _)| r.start);
        // A note after a full stop ("。以下任务均需各区市政府落实") names no unit of this task.
        let end = src.folded(label_range.end..end).find('。').map_or(end, |at| label_range.end + at);
        let value = trim(src.folded, label_range.end..end);
        match label {
            Label::Deadline => deadline = Some(value),
            // "责任单位:甲牵头、乙配合": the plan's own role words say more than the label.
            Label::Role(Role::Responsible) => unlabelled(src, value, Role::Responsible, &mut units, &mut deadline),
            Label::Role(role) => units.extend(split_units(src, value, *role)),
        }
    }
    // The text ended inside the list: its last name may be a fragment ("省工业和").
    let cut_off = units.pop_if(|u| cut && !is_complete(&crate::script::fold(&u.name)));
    Responsibility { range: outer, units, deadline, cut_off }
}

/// Narrows `range` past spaces and separators at both ends.
fn trim(text: &str, range: Range<usize>) -> Range<usize> {
    let junk =
        |c: char| is_space(c) || matches!(c, ';' | '；' | ',' | '，' | '、' | '?' | '？' | '。' | '.' | '•' | '·');
    let s = slice(text, range.clone());
    let start = range.start + (s.len() - s.trim_start_matches(junk).len());
    let end = range.end - (s.len() - s.trim_end_matches(junk).len());
    start..end.max(start)
}

/// Splits `range` at the separators that stand outside brackets.
fn split_top(text: &str, range: Range<usize>, seps: &[char]) -> Vec<Range<usize>> {
    let s = slice(text, range.clone());
    let mut parts = Vec::new();
    let mut start = 0;
    let mut scan = NAMES.scan(s);
    while let Some((at, c, step)) = scan.next() {
        if step == Step::Text && scan.depth() == 0 && seps.contains(&c) {
            parts.push(range.start + start..range.start + at);
            start = at + c.len_utf8();
        }
    }
    parts.push(range.start + start..range.end);
    parts
}

/// Clauses without a label: "市大数据局负责", "…分工负责", "甲牵头,乙配合". A role word
/// ends the list of names it follows, back to the one before: in "甲牵头,乙,丙、丁按职责分工
/// 负责" 乙, 丙 and 丁 share the work, and in "甲牵头、乙配合" 、 ends 甲's list. Names no
/// role word follows take `otherwise`.
fn unlabelled(
    src: &Source<'_>,
    range: Range<usize>,
    otherwise: Role,
    units: &mut Vec<UnitMention>,
    deadline: &mut Option<Range<usize>>,
) {
    // (names, role word's role) of each list, in order.
    let mut lists: Vec<(Range<usize>, Option<Role>)> = Vec::new();
    for clause in split_top(src.folded, range, &[',', '，', ';', '；']) {
        let clause = trim(src.folded, clause);
        let words = src.folded(clause.clone());
        if words.is_empty() {
            continue;
        }
        if is_time_clause(words) {
            deadline.get_or_insert(clause);
            continue;
        }
        let mut start = clause.start;
        for item in split_top(src.folded, clause.clone(), &['、']) {
            if let Some((word, role)) = role_word(src.folded(trim(src.folded, item.clone()))) {
                let end = trim(src.folded, item).end;
                lists.push((start..end - word.len(), Some(role)));
                start = end;
            }
        }
        if !src.folded(trim(src.folded, start..clause.end)).is_empty() {
            lists.push((start..clause.end, None));
        }
    }
    // Each list takes the role of the next role word; the last lists, none, `otherwise`.
    let mut role = otherwise;
    for list in lists.iter_mut().rev() {
        role = list.1.unwrap_or(role);
        list.1 = Some(role);
    }
    for (names, role) in lists {
        let role = role.unwrap_or(otherwise);
        let mut mentions = split_units(src, trim(src.folded, names), role);
        if role == Role::Sole && mentions.len() > 1 {
            for m in &mut mentions {
                m.role = Role::Shared;
            }
        }
        units.extend(mentions);
    }
}

/// The units a cell of a task table lists, all in `role`: "市公安局、市财政局".
pub(crate) fn units_in_list(text: &str, role: Role) -> Vec<UnitMention> {
    let folded = crate::script::fold(text);
    let src = Source { text, folded: folded.as_ref() };
    let whole = trim(src.folded, 0..text.len());
    let (names, role) = match role_word(src.folded(whole.clone())) {
        Some((word, said)) if role == Role::Responsible => (whole.start..whole.end - word.len(), said),
        Some((word, _)) => (whole.start..whole.end - word.len(), role),
        None => (whole, role),
    };
    split_units(&src, trim(src.folded, names), role)
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

/// Whether a name reads as a whole body, not a fragment cut off mid-word.
fn is_complete(name: &str) -> bool {
    const BODIES: [&str; 16] =
        ["政府", "公司", "集团", "银行", "分局", "支队", "大队", "院", "所", "馆", "站", "社", "会", "处", "校", "队"];
    is_department(name) || is_generic(name) || BODIES.iter().any(|s| name.ends_with(s))
}

fn is_generic(name: &str) -> bool {
    ["有关", "相关", "各", "市直", "区直", "县直"].iter().any(|w| name.contains(w))
}

/// Words that may trail a name without being part of it: 按职责, 等部门.
const NAME_TAILS: [&str; 4] = ["按照职责", "按职责", "依职责", "根据职责"];

/// The units of a list: "区发展和改革局、工业和信息化局" → 区发展和改革局, 区工业和信息化局;
/// "市公安局等有关部门、单位" → 市公安局, 有关部门、单位.
fn split_units(src: &Source<'_>, range: Range<usize>, role: Role) -> Vec<UnitMention> {
    let mut units: Vec<UnitMention> = Vec::new();
    let mut level: Option<char> = None;
    for item in split_top(src.folded, range, &['、', ',', '，', ';', '；']) {
        let mut item = trim(src.folded, item);
        if let Some(tail) = NAME_TAILS.iter().find(|t| src.folded(item.clone()).ends_with(*t)) {
            item.end -= tail.len();
        }
        let words = src.folded(item.clone());
        if words.is_empty() {
            continue;
        }
        // "甲等有关部门": 甲, then the others as a unit of their own.
        // "甲等部门" is only 甲.
        let (head, tail) = match words.find('等') {
            Some(at) if at > 0 => {
                let tail = trim(src.folded, item.start + at + '等'.len_utf8()..item.end);
                let keep = is_generic(src.folded(tail.clone()));
                (item.start..item.start + at, if keep { tail } else { item.end..item.end })
            }
            _ => (item.clone(), item.end..item.end),
        };
        for part in [head, tail] {
            let folded = src.folded(part.clone());
            if folded.is_empty() {
                continue;
            }
            // "有关部门、单位": a fragment completes the generic unit before it.
            if folded.chars().count() <= 2 && !is_department(folded) || folded == "单位" || folded == "部门" {
                if let Some(prev) = units.last_mut().filter(|u| is_generic(&crate::script::fold(&u.name))) {
                    prev.name = src.get(prev.range.start..part.end).to_string();
                    prev.range.end = part.end;
                    continue;
                }
            }
            let name = src.get(part.clone());
            let full = match level {
                Some(prefix) if !has_level(folded) && is_department(folded) && !units.is_empty() => {
                    format!("{prefix}{name}")
                }
                _ => name.to_string(),
            };
            // The level restored is the written character (縣 stays 縣).
            let folded_full = crate::script::fold(&full);
            level = full
                .chars()
                .next()
                .filter(|_| folded_full.starts_with(['市', '区', '县', '省']) && has_level(&folded_full));
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
    fn every_role_word_ends_with_a_listed_character() {
        for (word, _) in ROLE_WORDS {
            assert_eq!(role_word(word).map(|r| r.0), Some(word), "help: add {word}'s last character to role_word");
        }
    }

    #[test]
    fn every_label_starts_with_a_listed_character() {
        for (word, _) in LABELS {
            assert!(
                word.chars().next().is_some_and(|c| LABEL_STARTS.contains(&c) || DEADLINE_STARTS.contains(&c)),
                "help: add {word}'s first character"
            );
        }
    }

    #[test]
    fn labelled_lines_and_bare_responsibility_sentences() {
        use Role::*;
        let text = "加快5G网络建设。\n责任单位：市工业和信息化局、市通信发展办公室\n完成时限：2023年12月底前";
        let found = responsibilities(text);
        assert_eq!(read(text), [("市工业和信息化局".into(), Responsible), ("市通信发展办公室".into(), Responsible)]);
        assert_eq!(found.len(), 2, "help: the deadline line is a run of its own");
        assert_eq!(&text[found[0].range.clone()], "责任单位：市工业和信息化局、市通信发展办公室");
        assert_eq!(found[1].deadline.as_ref().map(|d| &text[d.clone()]), Some("2023年12月底前"));
        // Two labels on one line; a label after a sentence's end; prose after a full stop stays out.
        let text = "推进政务云扩容。牵头单位：市大数据局；配合单位：市财政局。全年扩容30%。";
        assert_eq!(read(text), [("市大数据局".into(), Lead), ("市财政局".into(), Cooperating)]);
        let run = &responsibilities(text)[0];
        assert_eq!(&text[run.range.clone()], "牵头单位：市大数据局；配合单位：市财政局。");
        // A sentence that is only a responsibility; prose that ends in a role word is not.
        assert_eq!(read("新增事项50项。市政务服务管理局负责，年底前完成。"), [("市政务服务管理局".into(), Sole)]);
        assert_eq!(read("(区商务局、区科信局负责落实)"), [("区商务局".into(), Shared), ("区科信局".into(), Shared)]);
        assert_eq!(
            read("市大数据局牵头，市财政局配合。"),
            [("市大数据局".into(), Lead), ("市财政局".into(), Cooperating)]
        );
        assert!(read("各县区要高度重视，扎实推动各项任务落实。").is_empty());
        assert!(read("建立数据共享责任清单，明确责任单位。").is_empty());
        // A label inside a parenthesis is the parenthesis's, read once.
        assert_eq!(read("建设平台(责任单位:市大数据局)。"), [("市大数据局".into(), Responsible)]);
        assert!(opens_with_label("  责任单位：市大数据局") && !opens_with_label("明确责任单位：市大数据局"));
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
    fn labels_with_prefixes_and_other_brackets() {
        use Role::*;
        assert_eq!(
            read("(牵头责任单位:市数据管理局;相关责任单位:市发展改革委、市财政局)"),
            [("市数据管理局".into(), Lead), ("市发展改革委".into(), Cooperating), ("市财政局".into(), Cooperating)]
        );
        assert_eq!(
            read("建设。〔责任单位:市大数据委、市工信局〕"),
            [("市大数据委".into(), Responsible), ("市工信局".into(), Responsible)]
        );
        assert_eq!(read("建设。【牵头单位：市大数据局】"), [("市大数据局".into(), Lead)]);
        assert_eq!(read("(主要责任单位:市大数据局;协办單位:市財政局)")[1], ("市財政局".into(), Cooperating));
    }

    #[test]
    fn traditional_labels_read_folded() {
        use Role::*;
        let text = "(牽頭單位:市大數據局;協辦單位:市財政局;參與單位:市公安局;時間節點:2023年底前)";
        assert_eq!(
            read(text),
            [("市大數據局".into(), Lead), ("市財政局".into(), Cooperating), ("市公安局".into(), Cooperating)],
            "help: every traditional label form folds to a listed one"
        );
        let r = &responsibilities(text)[0];
        assert_eq!(&text[r.deadline.clone().unwrap()], "2023年底前", "help: 時間節點 is 时间节点");
        assert_eq!(read("(協辦部門:市財政局)"), [("市財政局".into(), Cooperating)]);
        assert!(read("贵州各市〔州〕建设").is_empty(), "help: a bracket in a place name holds no units");
    }

    #[test]
    fn a_note_after_the_labels_names_no_unit() {
        assert_eq!(
            names("(牵头单位:市行政审批服务局;责任单位:市直有关部门、单位,各区市政府。以下任务均需各区市政府落实,不再一一列出)"),
            ["市行政审批服务局", "市直有关部门、单位", "各区市政府"]
        );
        assert!(read("(详见附件。由市大数据局牵头)").is_empty(), "help: prose with a full stop");
    }

    #[test]
    fn role_verbs() {
        use Role::*;
        assert_eq!(
            read("(市档案局牵头,市大数据局配合,市档案馆具体实施)"),
            [("市档案局".into(), Lead), ("市大数据局".into(), Cooperating), ("市档案馆".into(), Implementing)]
        );
        assert_eq!(
            read("(市工业和信息化局、市通信管理局按职责分工负责)"),
            [("市工业和信息化局".into(), Shared), ("市通信管理局".into(), Shared)]
        );
        assert_eq!(read("(市委网信办指导,各区县政府落实)")[0], ("市委网信办".into(), Guiding));
        assert!(read("(进一步抓好落实)").is_empty(), "help: a role word after prose names no unit");
    }

    #[test]
    fn a_bracket_inside_a_parenthesis_keeps_the_parenthesis() {
        assert_eq!(
            names("(责任单位:省大数据局,各市〔州〕、贵安新区数据管理部门)"),
            ["省大数据局", "各市〔州〕", "贵安新区数据管理部门"]
        );
    }

    #[test]
    fn a_list_cut_off_by_the_end_of_the_text_drops_its_fragment() {
        assert_eq!(names("建设。(责任单位:省发展改革委、省工业和"), ["省发展改革委"]);
        assert_eq!(names("建设。(责任单位:省发展改革委、省工业和信息化厅"), ["省发展改革委", "省工业和信息化厅"]);
    }

    #[test]
    fn nested_brackets_stay_inside_a_name() {
        assert_eq!(names("(责任单位:市委党校(行政学院)、市工商联)"), ["市委党校(行政学院)", "市工商联"]);
        assert_eq!(names("(责任单位:?区大数据与电子政务服务中心)"), ["区大数据与电子政务服务中心"]);
        assert_eq!(names("(市大数据局等有关部门、单位负责)"), ["市大数据局", "有关部门、单位"]);
        assert_eq!(names("(市医保局、市卫生健康委等部门分工负责)"), ["市医保局", "市卫生健康委"]);
    }
}
