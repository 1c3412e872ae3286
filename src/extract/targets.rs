//! Quantitative targets: "建成并开通5G基站2000个", "新建70个以上智慧社区",
//! "智慧社区覆盖率超过30%", "累计达1.1万个以上".
//!
//! Chinese puts the counted noun either before the number ("5G基站2000个") or after its
//! measure word ("70个以上智慧社区"). A count with words after its measure takes them as
//! its metric; otherwise the metric is the object of the last verb before the number,
//! and a clause with no metric of its own ("…,累计达1.1万个") repeats the one before.

use std::ops::Range;

use super::brackets::{Step, ROUND};
use super::deadline::Mention;
use super::number::is_digit;
use super::number::{decimal, magnitude};
use super::text::{is_space, slice, Repaired};
use crate::model::{Accrual, Bound, Deadline, DeadlineSource, Target};

/// Measure words, longest first so that 个百分点 wins over 个.
const MEASURES: [&str; 61] = [
    "个百分点",
    "平方公里",
    "千瓦时",
    "平方米",
    "万千瓦",
    "公里",
    "千米",
    "千瓦",
    "美元",
    "人次",
    "户次",
    "EFLOPS",
    "PFLOPS",
    "TFLOPS",
    "Tbps",
    "Gbps",
    "Mbps",
    "GB",
    "TB",
    "PB",
    "EB",
    "%",
    "％",
    "‰",
    "个",
    "座",
    "台",
    "路",
    "项",
    "家",
    "条",
    "户",
    "间",
    "艘",
    "处",
    "块",
    "名",
    "所",
    "次",
    "张",
    "套",
    "件",
    "位",
    "辆",
    "亩",
    "人",
    "场",
    "批",
    "类",
    "种",
    "部",
    "款",
    "栋",
    "根",
    "杆",
    "站",
    "片",
    "篇",
    "米",
    "吨",
    "元",
];

/// Words just before a number that bound it, longest first.
const BEFORE: [(&str, Bound); 26] = [
    ("不低于", Bound::AtLeast),
    ("不少于", Bound::AtLeast),
    ("不小于", Bound::AtLeast),
    ("不超过", Bound::AtMost),
    ("不高于", Bound::AtMost),
    ("不多于", Bound::AtMost),
    ("不大于", Bound::AtMost),
    ("提升至", Bound::Reach),
    ("提升到", Bound::Reach),
    ("提高至", Bound::Reach),
    ("提高到", Bound::Reach),
    ("至少", Bound::AtLeast),
    ("最少", Bound::AtLeast),
    ("最多", Bound::AtMost),
    ("超过", Bound::MoreThan),
    ("突破", Bound::MoreThan),
    ("高于", Bound::MoreThan),
    ("大于", Bound::MoreThan),
    ("多于", Bound::MoreThan),
    ("低于", Bound::LessThan),
    ("小于", Bound::LessThan),
    ("少于", Bound::LessThan),
    ("达到", Bound::Reach),
    ("增至", Bound::Reach),
    ("达", Bound::Reach),
    ("约", Bound::Approx),
];

/// Words just after a measure that bound the number.
const AFTER: [(&str, Bound); 5] = [
    ("以上", Bound::AtLeast),
    ("以下", Bound::AtMost),
    ("以内", Bound::AtMost),
    ("左右", Bound::Approx),
    ("上下", Bound::Approx),
];

/// Verbs whose object is a metric: the metric before a number is what follows the last
/// of them. Longest first.
const VERBS: [&str; 52] = [
    "新建并开通",
    "建成并开通",
    "新开通",
    "新认证",
    "新培育",
    "新打造",
    "新创建",
    "滚动实施",
    "开工改造",
    "开通",
    "建成",
    "新建",
    "新增",
    "建设",
    "打造",
    "培育",
    "认定",
    "实现",
    "完成",
    "部署",
    "汇聚",
    "更换",
    "施划",
    "改造",
    "推出",
    "接入",
    "引进",
    "组织",
    "举办",
    "创建",
    "争创",
    "申报",
    "认证",
    "形成",
    "设立",
    "配装",
    "布设",
    "实施",
    "开展",
    "落地",
    "上线",
    "增加",
    "备案",
    "组建",
    "评选",
    "叠加",
    "建立",
    "达成",
    "提供",
    "发展",
    "招引",
    "扩大",
];

/// Words at the start of a metric that say where or when, not what.
const FILLERS: [&str; 42] = [
    "年内",
    "年底前",
    "年底",
    "年末",
    "年中",
    "上半年",
    "下半年",
    "底前",
    "底",
    "末",
    "截至",
    "截止到",
    "截止",
    "预计到",
    "到",
    "全年",
    "今年",
    "力争",
    "争取",
    "预计",
    "确保",
    "全市",
    "全区",
    "全县",
    "全省",
    "我市",
    "我区",
    "我县",
    "各县区",
    "各",
    "累计",
    "共",
    "再",
    "逐步",
    "进一步",
    "其中",
    "和",
    "及",
    "推动",
    "推进",
    "实现",
    "完成",
];

/// Words at the end of a metric that lead to the number, not name the thing: 稳定在,
/// 达到. Longest first.
const LEADS_TO_NUMBER: [&str; 22] = [
    "稳定在",
    "保持在",
    "维持在",
    "控制在",
    "提升至",
    "提升到",
    "提高至",
    "提高到",
    "增长至",
    "增长到",
    "增加到",
    "增加至",
    "上升至",
    "上升到",
    "降低至",
    "降低到",
    "下降至",
    "下降到",
    "降至",
    "达到",
    "超过",
    "突破",
];

const NEW_WORDS: [&str; 12] = [
    "新建",
    "新增",
    "新开通",
    "新认证",
    "新培育",
    "新打造",
    "新创建",
    "新上线",
    "新签约",
    "新开工",
    "新引进",
    "新投用",
];
/// Words anywhere before a number that make it a stock.
const STOCK_WORDS: [&str; 3] = ["累计", "累积", "存量"];
/// Words ending a metric that make it a stock: 充电桩保有量 → 充电桩, stock.
const STOCK_SUFFIXES: [&str; 4] = ["保有量", "总数", "总量", "总规模"];

/// What follows a number when it is a date, a model or a rank, not a quantity.
const NOT_QUANTITY: [&str; 12] = ["年", "月", "日", "号", "时", "分钟", "天", "版", "代", "星", "级", "周"];

fn starts_with_any<'w>(s: &str, words: &[&'w str]) -> Option<&'w str> {
    words.iter().copied().find(|w| s.starts_with(w))
}

fn skip_spaces(text: &str, at: usize) -> usize {
    let rest = slice(text, at..);
    at + (rest.len() - rest.trim_start_matches(|c: char| is_space(c) && c != '\n').len())
}

/// How far, in bytes, a metric may reach from its number (about 80 characters): no real
/// metric is longer, and the bound keeps the cost per number constant on text without
/// punctuation.
const PHRASE_WINDOW: usize = 240;

/// The largest char boundary of `text` at or below `at`.
fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The smallest char boundary of `text` at or above `at`.
fn ceil_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

fn is_clause_break(c: char) -> bool {
    matches!(c, ',' | '，' | '、' | ':' | '：' | ';' | '；' | '。' | '\n' | '!' | '！' | '?' | '？')
}

fn is_sentence_break(c: char) -> bool {
    matches!(c, '。' | ';' | '；' | '\n' | '!' | '！' | '?' | '？')
}

/// A number with its magnitude, measure and bound words, before its metric is known.
struct Quantity {
    /// From the bound word before it (or the number) to the end of its words.
    range: Range<usize>,
    number_start: usize,
    value: f64,
    max: Option<f64>,
    measure: String,
    bound: Bound,
}

/// Reads the quantity whose number starts at `at`.
fn quantity(text: &str, at: usize, clause_start: usize) -> Option<Quantity> {
    let (first, n) = decimal(text.get(at..)?)?;
    let mut end = at + n;
    let mut bound = Bound::Exact;
    // 1—2家, 2-3个
    let mut range_max = None;
    let dash_at = skip_spaces(text, end);
    if let Some(dash) = text
        .get(dash_at..)
        .and_then(|s| s.chars().next())
        .filter(|c| matches!(c, '—' | '－' | '-' | '–' | '~' | '～' | '至'))
    {
        let second_at = skip_spaces(text, dash_at + dash.len_utf8());
        if let Some((second, m)) = text.get(second_at..).and_then(decimal) {
            range_max = Some((second, second_at + m));
        }
    }
    if let Some((_, e)) = range_max {
        end = e;
    }
    let mut after = skip_spaces(text, end);
    let mut rest = text.get(after..)?;
    if starts_with_any(rest, &NOT_QUANTITY).is_some() {
        return None;
    }
    if let Some(more) = starts_with_any(rest, &["余", "多"]) {
        bound = Bound::MoreThan;
        after += more.len();
        rest = text.get(after..)?;
    }
    let (power, measure) = match starts_with_any(rest, &MEASURES) {
        Some(m) => (0, Some(m)),
        None => {
            let (power, len) = magnitude(rest);
            after = skip_spaces(text, after + len);
            if let Some(more) = text.get(after..).and_then(|r| starts_with_any(r, &["余", "多"])) {
                bound = Bound::MoreThan;
                after += more.len();
            }
            (power, text.get(after..).and_then(|r| starts_with_any(r, &MEASURES)))
        }
    };
    let before = text.get(clause_start..at).unwrap_or("").trim_end_matches(is_space);
    let before_bound = BEFORE.iter().find(|(w, _)| before.ends_with(w));
    let mut start = at;
    if let Some((word, b)) = before_bound {
        start = clause_start + before.len() - word.len();
        if bound == Bound::Exact {
            bound = *b;
        }
    }
    match measure {
        Some(m) => after += m.len(),
        None if before_bound.is_some() && power == 0 => {}
        None => return None,
    }
    let tail = text.get(after..).unwrap_or("");
    if tail.starts_with('级') || (measure == Some("个") && tail.starts_with('月')) {
        return None; // 10万吨级, 6个月
    }
    let after_bound = skip_spaces(text, after);
    if let Some((word, b)) = text.get(after_bound..).and_then(|r| AFTER.iter().find(|(w, _)| r.starts_with(w))) {
        after = after_bound + word.len();
        bound = match (bound, b) {
            (Bound::Reach | Bound::Exact, b) => *b,
            (current, _) => current,
        };
    }
    Some(Quantity {
        range: start..after,
        number_start: at,
        value: first.times_ten_to(power),
        max: range_max.map(|(d, _)| d.times_ten_to(power)),
        measure: measure.map_or(String::new(), |m| if m == "％" { "%".to_string() } else { m.to_string() }),
        bound,
    })
}

/// Whether an amount of money is a grant the plan offers (给予…奖励, 补助, 资助) rather
/// than a level to reach ("…给予补助，最高不超过500万元"): `before` is its sentence up to
/// the number.
fn is_grant(before: &str, measure: &str) -> bool {
    const GRANTS: [&str; 7] = ["给予", "奖励", "补助", "补贴", "资助", "奖补", "一次性"];
    measure.ends_with('元') && GRANTS.iter().any(|w| before.contains(w))
}

/// The metric as it will be compared: no spaces, quotes or bracketed asides, no filler.
fn normalise_metric(raw: &str) -> String {
    let mut out = String::new();
    let mut scan = ROUND.scan(raw);
    while let Some((_, c, step)) = scan.next() {
        let quote = matches!(c, '“' | '”' | '"' | '‘' | '’' | '「' | '」');
        if step == Step::Text && scan.depth() == 0 && !is_space(c) && !quote {
            out.push(c);
        }
    }
    let mut metric = out.as_str();
    loop {
        // A year ("2022年全市…") says when, not what.
        let year = metric.find('年').filter(|&i| i > 0 && metric.get(..i).is_some_and(|y| y.chars().all(is_digit)));
        // So does a month ("11月底数据归集率…").
        let month = metric.find('月').filter(|&i| i > 0 && metric.get(..i).is_some_and(|m| m.chars().all(is_digit)));
        let month = month.map(|i| {
            let after = i + '月'.len_utf8();
            after + starts_with_any(metric.get(after..).unwrap_or(""), &["底前", "底", "末", "前"]).map_or(0, str::len)
        });
        match (starts_with_any(metric, &FILLERS), year.map(|i| i + '年'.len_utf8()).or(month)) {
            (Some(word), _) => metric = metric.get(word.len()..).unwrap_or(""),
            (None, Some(after)) => metric = metric.get(after..).unwrap_or(""),
            (None, None) => break,
        }
    }
    // Every lead to a number ends in one of these: most metrics skip the list.
    while metric.ends_with(['在', '至', '到', '过', '破']) {
        let Some(word) = LEADS_TO_NUMBER.iter().find(|w| metric.ends_with(*w)) else { break };
        metric = metric.get(..metric.len() - word.len()).unwrap_or("");
    }
    let metric = STOCK_SUFFIXES.iter().chain(&STOCK_WORDS).fold(metric, |m, w| m.strip_suffix(w).unwrap_or(m));
    let metric = ["分别", "力争", "均"].iter().chain(&NEW_WORDS).fold(metric, |m, w| m.strip_suffix(w).unwrap_or(m));
    metric.trim_end_matches(['的', '为', '和', '达', '在', '至', '到']).to_string()
}

/// A metric taken from the whole phrase before a number, when the verb's object was only
/// a stock word ("视频监控汇聚总量突破40万路" → 视频监控): the verb itself is dropped.
fn metric_of_phrase(raw: &str) -> String {
    let mut metric = normalise_metric(raw);
    while let Some(verb) = VERBS.iter().find(|v| metric.ends_with(*v) && metric.len() > v.len()) {
        metric.truncate(metric.len() - verb.len());
        metric = normalise_metric(&metric);
    }
    metric
}

/// The metric after a count's measure: "70个以上智慧社区" → 智慧社区; the head after the
/// last 的: "200个以上的数据指标" → 数据指标.
fn metric_after(text: &str, from: usize, masked: &[Range<usize>]) -> Range<usize> {
    // Never into a responsibility parenthesis, nor past a bracket the phrase did not open.
    let limit = masked.get(masked.partition_point(|m| m.start < from)).map_or(text.len(), |m| m.start);
    let limit = floor_boundary(text, limit.min(from.saturating_add(PHRASE_WINDOW)));
    let rest = slice(text, from..limit.max(from));
    let unopened = ROUND.scan(rest).find(|&(_, _, step)| step == Step::Stray).map_or(rest.len(), |(i, _, _)| i);
    let rest = rest.get(..unopened).unwrap_or(rest);
    let mut end = rest.find(|c: char| is_clause_break(c) && c != '、').unwrap_or(rest.len());
    let phrase = rest.get(..end).unwrap_or("");
    if !phrase.contains('的') {
        end = rest.find(is_clause_break).unwrap_or(rest.len()).min(end);
    }
    let phrase = rest.get(..end).unwrap_or("");
    let start = phrase.rfind('的').map_or(0, |i| i + '的'.len_utf8());
    // The metric stops at a number that follows its words: a second quantity.
    let mut prev = None;
    let mut stop = end;
    for (i, c) in phrase.char_indices().skip_while(|(i, _)| *i < start) {
        let after_words = prev.is_some_and(|p: char| !p.is_ascii() && !is_digit(p));
        let names_a_thing =
            phrase.get(i..).unwrap_or("").trim_start_matches(is_digit).starts_with(|c: char| c.is_ascii_alphabetic());
        if is_digit(c) && after_words && !names_a_thing {
            stop = i;
            break;
        }
        prev = Some(c);
    }
    from + start..from + stop.max(start)
}

/// Whether `at` lies in one of `ranges`, which are sorted and do not overlap.
fn in_any(ranges: &[Range<usize>], at: usize) -> bool {
    let i = ranges.partition_point(|r| r.end <= at);
    ranges.get(i).is_some_and(|r| r.start <= at)
}

/// Where the scan of a text stands in its sentences and clauses.
#[derive(Debug, Default)]
struct Position {
    sentence_start: usize,
    clause_start: usize,
    /// Whether the clause follows a 、: an item of a list.
    clause_by_list: bool,
    /// Index in the targets found of the sentence's first.
    sentence_first: usize,
}

impl Position {
    /// Moves past the clause break `c` at `at`, with `found` targets so far.
    fn break_at(&mut self, at: usize, c: char, found: usize) {
        self.clause_start = at + c.len_utf8();
        self.clause_by_list = c == '、';
        if is_sentence_break(c) {
            self.sentence_start = self.clause_start;
            self.sentence_first = found;
        }
    }
}

/// Whether a digit at `at`, after `prev`, may start an amount: not the tail of a number
/// or code ("G516", "3.5", "第3批"), nor digits glued to letters that name a thing ("5G",
/// "10G PON", "IPv6").
fn may_start_amount(text: &str, at: usize, prev: Option<char>) -> bool {
    let continues =
        |p: char| p.is_ascii_alphanumeric() || matches!(p, '.' | '+' | '-' | '_' | '/' | '第' | '．') || is_digit(p);
    if prev.is_some_and(continues) {
        return false;
    }
    let after_digits = slice(text, at..).trim_start_matches(is_digit);
    !after_digits.starts_with(|c: char| c.is_ascii_alphabetic()) || starts_with_any(after_digits, &MEASURES).is_some()
}

/// The words around a quantity that name and qualify it.
struct Words<'t> {
    /// Where the words before it may start: the clause's start, at most a window back.
    lookback: usize,
    /// The words from there to the quantity.
    before: &'t str,
    /// Where the object of the last verb before it starts (`lookback` when none).
    object_start: usize,
    /// The words after its measure that may be its metric.
    after: Range<usize>,
}

impl<'t> Words<'t> {
    fn around(text: &'t str, q: &Quantity, clause_start: usize, masked: &[Range<usize>]) -> Words<'t> {
        let lookback = clause_start.max(ceil_boundary(text, q.range.start.saturating_sub(PHRASE_WINDOW)));
        let before = slice(text, lookback..q.range.start);
        // A count's metric is the object of the last verb before it (one that leaves at
        // least two characters: not the 完成 of 完成率); a rate's is the whole phrase.
        let object_start = VERBS
            .iter()
            .filter_map(|v| before.rfind(v).map(|i| i + v.len()))
            .filter(|&i| !q.is_rate() && before.get(i..).is_some_and(|o| o.trim_matches(is_space).chars().count() >= 2))
            .max()
            .map_or(lookback, |i| lookback + i);
        Words { lookback, before, object_start, after: metric_after(text, q.range.end, masked) }
    }

    /// The metric and the range of text it is read from: the words after a count's
    /// measure, else those before the number, else the metric of the sentence's target
    /// before (`previous`).
    fn metric(&self, text: &str, q: &Quantity, previous: Option<&Target>) -> (String, Range<usize>) {
        let mut before = normalise_metric(slice(text, self.object_start..q.range.start));
        if before.is_empty() && self.object_start > self.lookback {
            before = metric_of_phrase(slice(text, self.lookback..q.range.start));
        }
        let after = normalise_metric(slice(text, self.after.clone()));
        let prefer_before = q.is_rate() || q.measure.is_empty();
        if !after.is_empty() && (!prefer_before || before.is_empty()) {
            (after, q.range.start.min(q.number_start)..self.after.end)
        } else if !before.is_empty() {
            (before, self.object_start..q.range.end)
        } else {
            (previous.map(|t| t.metric.clone()).unwrap_or_default(), self.lookback..q.range.end)
        }
    }

    /// Whether the quantity is a stock, new, or unstated; an item of a 、 list without
    /// words of its own takes the accrual of the target before.
    fn accrual(&self, text: &str, by_list: bool, previous: Option<&Target>) -> Accrual {
        let words = format!("{}{}", self.before, slice(text, self.after.clone()));
        let object = self.before.trim_end_matches(|c: char| is_space(c) || BEFORE.iter().any(|(w, _)| w.contains(c)));
        let stock = STOCK_WORDS.iter().any(|w| words.contains(w)) || STOCK_SUFFIXES.iter().any(|w| object.ends_with(w));
        let accrual = if stock {
            Accrual::Stock
        } else if NEW_WORDS.iter().any(|w| words.contains(w)) {
            Accrual::New
        } else {
            Accrual::Unstated
        };
        match previous {
            Some(t) if accrual == Accrual::Unstated && by_list => t.accrual,
            _ => accrual,
        }
    }
}

impl Quantity {
    fn is_rate(&self) -> bool {
        matches!(self.measure.as_str(), "%" | "‰" | "个百分点")
    }
}

/// The deadline of the target whose number starts at `number_start`: the nearest date
/// before it in its sentence.
fn deadline_before(
    repaired: &Repaired,
    text: &str,
    dates: &[Mention],
    number_start: usize,
    sentence_start: usize,
    relative_year: Option<u16>,
) -> Option<Deadline> {
    let before_target = dates.partition_point(|d| d.range.end <= number_start);
    let date = before_target.checked_sub(1).and_then(|i| dates.get(i)).filter(|d| d.range.start >= sentence_start)?;
    let words = slice(text, date.range.clone());
    date.deadline(DeadlineSource::Text, relative_year).map(|d| d.with_text(words, repaired.span(date.range.clone())))
}

/// Targets of `repaired`'s text, skipping numbers inside `masked` ranges (the
/// responsibility parentheses). `dates` are the text's deadline mentions; the target's
/// own deadline is the nearest before it in its sentence.
pub(crate) fn targets(
    repaired: &Repaired,
    masked: &[Range<usize>],
    dates: &[Mention],
    relative_year: Option<u16>,
) -> Vec<Target> {
    // Keywords are read in simplified characters; offsets are the same either way.
    let folded = crate::script::fold(&repaired.text);
    let text = folded.as_ref();
    let date_ranges: Vec<Range<usize>> = dates.iter().map(|d| d.range.clone()).collect();
    let mut found: Vec<Target> = Vec::new();
    let mut position = Position::default();
    let mut resume = 0;
    let mut prev_char: Option<char> = None;
    for (at, c) in text.char_indices() {
        let prev = prev_char.replace(c);
        if is_clause_break(c) {
            position.break_at(at, c, found.len());
            continue;
        }
        if at < resume || !is_digit(c) || !may_start_amount(text, at, prev) {
            continue;
        }
        if in_any(masked, at) || in_any(&date_ranges, at) {
            continue;
        }
        let Some(q) = quantity(text, at, position.clause_start) else { continue };
        resume = q.range.end;
        if is_grant(text.get(position.sentence_start..q.number_start).unwrap_or(""), &q.measure) {
            // "给予一次性奖励100万元": what the city pays out, not what the plan will reach.
            continue;
        }
        let previous = found.get(position.sentence_first..).and_then(|s| s.last());
        let words = Words::around(text, &q, position.clause_start, masked);
        let (metric, text_range) = words.metric(text, &q, previous);
        let accrual = words.accrual(text, position.clause_by_list, previous);
        let deadline = deadline_before(repaired, text, dates, q.number_start, position.sentence_start, relative_year);
        let text_range = text_range.start.min(q.range.start)..text_range.end.max(q.range.end);
        position.clause_start = q.range.end;
        position.clause_by_list = false;
        found.push(Target {
            metric,
            value: q.value,
            max: q.max,
            measure: q.measure,
            bound: q.bound,
            accrual,
            deadline,
            text: repaired.get(text_range.clone()).trim_matches(is_space).to_string(),
            span: repaired.span(text_range),
        });
    }
    found
}

#[cfg(test)]
mod tests {
    use super::super::deadline::mentions;
    use super::*;

    fn read(text: &str) -> Vec<(String, f64, String, Bound, Accrual)> {
        let r = Repaired::whole(text);
        let dates = mentions(&r.text);
        targets(&r, &[], &dates, Some(2022))
            .into_iter()
            .map(|t| (t.metric, t.value, t.measure, t.bound, t.accrual))
            .collect()
    }

    fn one(text: &str) -> (String, f64, String, Bound, Accrual) {
        let got = read(text);
        assert_eq!(got.len(), 1, "help: expected one target in {text:?}, got {got:?}");
        got.into_iter().next().unwrap()
    }

    #[test]
    fn metric_before_the_number() {
        use Accrual::*;
        assert_eq!(
            one("年内全市新建并开通 5G 基站 2000 个,"),
            ("5G基站".into(), 2000.0, "个".into(), Bound::Exact, New)
        );
        assert_eq!(
            one("智慧社区覆盖率超过30%"),
            ("智慧社区覆盖率".into(), 30.0, "%".into(), Bound::MoreThan, Unstated)
        );
        assert_eq!(
            one("全市充电桩保有量达到 3500 个以上。"),
            ("充电桩".into(), 3500.0, "个".into(), Bound::AtLeast, Stock)
        );
        assert_eq!(
            one("信息技术产业营业收入突破 60 亿元。"),
            ("信息技术产业营业收入".into(), 6e9, "元".into(), Bound::MoreThan, Unstated)
        );
        assert_eq!(one("物联网终端总数达到 2000 万个。"), ("物联网终端".into(), 2e7, "个".into(), Bound::Reach, Stock));
        assert_eq!(one("力争完成建设5G基站6000个,"), ("5G基站".into(), 6000.0, "个".into(), Bound::Exact, Unstated));
    }

    #[test]
    fn every_lead_to_a_number_ends_in_a_listed_character() {
        for word in LEADS_TO_NUMBER {
            assert!(word.ends_with(['在', '至', '到', '过', '破']), "help: add {word}'s last character");
        }
    }

    #[test]
    fn grants_are_not_targets() {
        assert!(read("对新认定的省级园区,给予一次性奖励100万元").is_empty());
        assert!(read("按投资额的10%给予补助,最高不超过500万元").iter().all(|t| t.2 != "元"));
        assert_eq!(read("数字经济增加值达到5500亿元")[0].1, 5.5e11, "help: a level in money is a target");
    }

    #[test]
    fn metrics_are_noun_phrases() {
        assert_eq!(one("到2027年5G基站达到3万个").0, "5G基站");
        assert_eq!(one("到11月底数据按需归集率达到98%").0, "数据按需归集率");
        assert_eq!(one("政务服务事项全程网办率稳定在95%以上").0, "政务服务事项全程网办率");
        assert_eq!(one("年底累计工业互联网标识解析注册量突破1亿条").0, "工业互联网标识解析注册量");
        assert_eq!(one("视频监控汇聚总量突破40万路").0, "视频监控");
        assert_eq!(one("到2025年底,数字经济核心产业增加值占GDP比重提高到10%").0, "数字经济核心产业增加值占GDP比重");
    }

    #[test]
    fn metric_after_the_measure() {
        use Accrual::*;
        assert_eq!(one("年底前新建70个以上智慧社区,"), ("智慧社区".into(), 70.0, "个".into(), Bound::AtLeast, New));
        assert_eq!(
            one("2021年10月底前建设2000个以上5G基站,"),
            ("5G基站".into(), 2000.0, "个".into(), Bound::AtLeast, Unstated)
        );
        assert_eq!(one("构建200个以上的数据指标。").0, "数据指标");
        assert_eq!(one("建设不少于40个基础型及以上的智慧社区,").3, Bound::AtLeast);
        assert_eq!(one("打造500PB存储计算中心。").0, "存储计算中心");
    }

    #[test]
    fn elided_metrics_and_lists() {
        let got = read("全市新开通5G基站1350个,累计达1.1万个以上。");
        assert_eq!(got[1], ("5G基站".into(), 11000.0, "个".into(), Bound::AtLeast, Accrual::Stock));
        let got = read("新建5G基站1000座、新能源智能充电桩3000个以上。");
        assert_eq!(got[1].0, "新能源智能充电桩");
        assert_eq!(got[1].4, Accrual::New, "help: 新建 governs the whole 、 list");
        let got = read("三级和二级定点医疗机构医保移动支付覆盖率分别达到60%和30%,");
        assert_eq!(got[1].0, got[0].0);
    }

    #[test]
    fn ranges_and_magnitudes() {
        let r = Repaired::whole("培育 1—2 个省级试点");
        let t = &targets(&r, &[], &[], None)[0];
        assert_eq!((t.value, t.max, t.metric.as_str()), (1.0, Some(2.0), "省级试点"));
        assert_eq!(one("开工改造城镇老旧小区1.57万户。").1, 15700.0);
        assert_eq!(one("营业收入16.4亿元").1, 1_640_000_000.0);
    }

    #[test]
    fn numbers_that_are_not_targets() {
        for text in [
            "推进5G网络建设",
            "IPv6改造",
            "G516、G220等国省道",
            "2022年10月底前",
            "迎接省2021年10月中期评估",
            "打造10万吨级工船",
            "“1+11+91”位置导航",
            "10G PON",
            "整合119、120等渠道",
            "第3批",
        ] {
            assert!(read(text).is_empty(), "help: {text:?} gave {:?}", read(text));
        }
    }

    #[test]
    fn a_target_takes_the_deadline_of_its_sentence() {
        let text = "2021年10月底前建设2000个以上5G基站。";
        let r = Repaired::whole(text);
        let t = &targets(&r, &[], &mentions(text), None)[0];
        let d = t.deadline.as_ref().unwrap();
        assert_eq!((d.year, d.month), (2021, Some(10)));
    }
}
