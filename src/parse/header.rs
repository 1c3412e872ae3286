//! The plan's metadata, read from the lines around the body: issuer, city, document
//! number, date of issue, title and period.

use crate::extract::brackets::{DOC_NUMBER, ROUND};
use crate::extract::number::{digits, is_digit};
use crate::extract::text::{is_space, without_glosses};
use crate::model::{Date, Period};

#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Header {
    pub issuer: Option<String>,
    pub city: Option<String>,
    pub doc_number: Option<String>,
    pub issued: Option<Date>,
    pub title: Option<String>,
    pub period: Option<Period>,
}

const ISSUER_SUFFIXES: [&str; 7] =
    ["人民政府办公室", "人民政府办公厅", "人民政府", "办公室", "办公厅", "管理委员会", "领导小组"];
const GENRE_WORDS: [&str; 12] =
    ["方案", "计划", "要点", "规划", "意见", "纲要", "措施", "办法", "安排", "清单", "任务书", "细则"];

/// A metadata line as the header reads it: no white space, no pinyin glosses, no bullet
/// or table rule at its ends ("• 发文机关:…", "| 名称: | …|").
fn squeeze(s: &str) -> String {
    let text: String = without_glosses(s, 0..s.len()).into_iter().filter_map(|r| s.get(r)).collect();
    let text: String = text.chars().filter(|&c| !is_space(c)).collect();
    let rule = |c: char| matches!(c, '•' | '·' | '●' | '▪' | '|' | '｜' | '-' | '*' | '>' | '＞');
    text.trim_matches(rule).to_string()
}

/// The squeezed cells of a line of a metadata table, a label and its value joined; a line
/// that is no table is one cell.
fn cells(line: &str) -> Vec<String> {
    if !line.contains(['|', '｜']) {
        return vec![squeeze(line)];
    }
    let parts: Vec<String> = line.split(['|', '｜']).map(squeeze).filter(|c| !c.is_empty()).collect();
    let mut out: Vec<String> = Vec::new();
    let mut pending: Option<String> = None;
    for part in parts {
        match pending.take() {
            Some(label) if !part.ends_with([':', '：']) => out.push(format!("{label}{part}")),
            Some(label) => {
                out.push(label);
                pending = Some(part);
            }
            None if part.ends_with([':', '：']) => pending = Some(part),
            None => out.push(part),
        }
    }
    out.extend(pending);
    out
}

/// Labels of the metadata block that government sites print above a document; those
/// whose value the header has no field for are dropped with it.
const LABELS: [(&str, bool); 17] = [
    ("发文机关", true),
    ("发文部门", true),
    ("发布部门", true),
    ("发布单位", true),
    ("发布机构", true),
    ("发文单位", true),
    ("发文字号", true),
    ("文号", true),
    ("成文日期", true),
    ("发布日期", true),
    ("印发日期", true),
    ("标题", true),
    ("名称", true),
    ("索引号", false),
    ("主题分类", false),
    ("公文种类", false),
    ("有效性", false),
];

/// A squeezed preamble line without its metadata label ("发文字号:东政办字〔2022〕36号"
/// → the number), or `None` for a label the header does not use.
fn unlabel(line: String) -> Option<String> {
    let folded = crate::script::fold(&line);
    for (label, kept) in LABELS {
        if let Some(value) = folded.strip_prefix(label).and_then(|rest| rest.strip_prefix([':', '：'])) {
            let value = line.get(line.len() - value.len()..).unwrap_or(value);
            return kept.then(|| value.to_string());
        }
    }
    Some(line)
}

/// Labels of a date of issue, the one the header prefers; 发布日期 is the web page's
/// date of publication, taken only when the text states no other.
const ISSUE_DATE_LABELS: [&str; 3] = ["成文日期", "印发日期", "签发日期"];
const PUBLICATION_DATE_LABELS: [&str; 5] = ["发布日期", "公开发布日期", "发布时间", "生成日期", "日期"];

/// The date after one of `labels` at the start of a squeezed line; what follows the date
/// ("浏览次数:") does not matter.
fn labelled_date(line: &str, labels: &[&str]) -> Option<Date> {
    let folded = crate::script::fold(line);
    let rest = labels.iter().find_map(|l| folded.strip_prefix(l))?;
    let rest = rest.strip_prefix([':', '：']).unwrap_or(rest);
    date_at_start(rest).map(|(date, _)| date)
}

/// Reads the metadata from the preamble's lines, then the trailer's (where a signature
/// may stand).
pub(crate) fn read<'s>(front: impl Iterator<Item = &'s str>, back: impl Iterator<Item = &'s str>) -> Header {
    // A metadata table flattened into lines ("名称: | …的通知 | 文号: | …") reads as one
    // line a cell, each label joined to the cell after it.
    let raw: Vec<String> = front.flat_map(cells).collect();
    let front: Vec<String> = raw.iter().cloned().filter_map(unlabel).collect();
    let back: Vec<String> = back.map(squeeze).collect();
    let notice = front.iter().find(|l| is_notice(l));

    let issuer = front
        .iter()
        .chain(&back)
        .find(|l| is_issuer(l))
        .cloned()
        .or_else(|| notice.and_then(|n| before_about(n)).filter(|s| is_issuer(s)).map(str::to_string))
        .or_else(|| front.iter().find(|l| is_agency(l)).cloned());
    let doc_number = front.iter().find(|l| is_doc_number(l)).cloned();
    let issued = raw
        .iter()
        .find_map(|l| labelled_date(l, &ISSUE_DATE_LABELS))
        .or_else(|| front.iter().find_map(|l| date_line(l)))
        .or_else(|| back.iter().find_map(|l| l.strip_suffix("印发").and_then(date_line)))
        .or_else(|| raw.iter().find_map(|l| labelled_date(l, &PUBLICATION_DATE_LABELS)));
    let title = front
        .iter()
        .enumerate()
        .rev()
        .find(|(_, l)| is_title(l))
        .map(|(i, l)| joined_title(&front, i, l))
        .or_else(|| notice.and_then(|n| title_in_notice(n)))
        .or_else(|| front.iter().find_map(|l| title_quoted(l)))
        .map(without_file_extension)
        .map(without_doc_number)
        .map(after_issuing);
    let city = issuer.as_deref().and_then(city_of).or_else(|| title.as_deref().and_then(city_in_title));
    let period =
        title.as_deref().and_then(period_in).or_else(|| issued.map(|d| Period { start: d.year(), end: d.year() }));
    Header { issuer, city, doc_number, issued, title, period }
}

/// A title as an attachment link names it, without its file's extension:
/// "…实施方案.docx" → "…实施方案".
fn without_file_extension(title: String) -> String {
    const EXTENSIONS: [&str; 8] = [".pdf", ".docx", ".doc", ".wps", ".ofd", ".xlsx", ".xls", ".txt"];
    let lower = title.to_ascii_lowercase();
    match EXTENSIONS.iter().find(|e| lower.ends_with(*e)) {
        Some(e) => title.get(..title.len() - e.len()).unwrap_or(&title).to_string(),
        None => title,
    }
}

/// A title without the document number a web page appends: "…实施意见(池政〔2017〕101号)".
fn without_doc_number(title: String) -> String {
    let Some(open) = title.rfind(['(', '（']) else { return title };
    let tail = title.get(open..).unwrap_or("");
    let inner = tail.trim_start_matches(['(', '（']).trim_end_matches([')', '）']);
    if open > 0 && tail.ends_with([')', '）']) && is_doc_number(inner) {
        return title.get(..open).unwrap_or(&title).trim_end().to_string();
    }
    title
}

/// The title a news line gives after its 印发: "自治区党委办公厅 自治区人民政府办公厅印发自治区
/// 数字政府改革建设方案" → "自治区数字政府改革建设方案".
fn after_issuing(title: String) -> String {
    match title.rfind("印发").map(|at| title.get(at + "印发".len()..).unwrap_or("").trim_matches(['《', '》'])) {
        Some(rest) if is_title(rest) && rest.chars().count() >= 6 => rest.to_string(),
        _ => title,
    }
}

/// The part of a line before its 关于: the issuer of "济南市人民政府办公厅关于…".
fn before_about(line: &str) -> Option<&str> {
    let at = crate::script::fold(line).find("关于")?;
    line.get(..at)
}

/// A title line, joined to the line above when the title was broken over two
/// ("洛阳市加强数字政府建设" / "实施方案(2023—2025年)"); a document under its own name
/// is titled from its 关于.
fn joined_title(front: &[String], at: usize, line: &str) -> String {
    let above = at.checked_sub(1).and_then(|i| front.get(i)).filter(|l| {
        l.chars().count() <= 30
            && !l.contains(['。', '，', ',', ':', '：', '；', '(', '（', '《'])
            && !is_title(l)
            && !is_issuer(l)
            && !is_agency(l)
            && !is_notice(l)
            && !is_doc_number(l)
            && date_at_start(l).is_none()
            && l.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
            && !l.starts_with("附件")
            && !l.starts_with("附表")
    });
    let mut title = match above {
        Some(above) if line.chars().count() <= 20 => format!("{above}{line}"),
        _ => line.to_string(),
    };
    // "(2025—2027年)" on the line below belongs to the title.
    if let Some(years) = front.get(at + 1).filter(|l| {
        l.starts_with(|c| ROUND.opens(c))
            && l.ends_with(|c| ROUND.closes(c))
            && l.chars().count() <= 14
            && period_in(l).is_some()
    }) {
        if period_in(&title).is_none() {
            title.push_str(years);
        }
    }
    match before_about(&title) {
        Some(issuer) if is_issuer(issuer) => title.get(issuer.len()..).unwrap_or(&title).to_string(),
        _ => title,
    }
}

/// A line that is only the name of an issuing agency other than a government:
/// "广东省政务服务和数据管理局", "中共某乡委员会".
fn is_agency(line: &str) -> bool {
    let line = crate::script::fold(line);
    let place = line.char_indices().take(12).any(|(_, c)| matches!(c, '省' | '市' | '区' | '县' | '乡' | '镇'));
    line.chars().count() <= 24
        && !line.contains(['。', '，', ',', ':', '：', '、', '(', '（'])
        && (place || line.starts_with("中共"))
        && ["局", "厅", "委员会", "办公室"].iter().any(|s| line.ends_with(s))
}

/// A line of the notice that carries the plan: "…关于印发…的通知", or a document issued
/// under its own name, "济南市人民政府办公厅关于…的实施意见".
pub(crate) fn is_notice(line: &str) -> bool {
    let line = crate::script::fold(line);
    let Some(at) = line.find("关于") else { return false };
    let tail = line.get(at..).unwrap_or("");
    line.chars().count() <= 100
        && !line.contains(['。', '，', ','])
        && (tail.contains("通知") || tail.contains("印发") || GENRE_WORDS.iter().any(|w| tail.ends_with(w)))
}

/// The title a notice quotes: 现将《数字威海2021行动方案》印发给你们.
fn title_quoted(line: &str) -> Option<String> {
    let folded = crate::script::fold(line);
    if !(folded.contains("印发") || folded.contains("现将") || folded.contains("同意")) {
        return None;
    }
    let mut rest = line;
    while let Some(open) = rest.find('《') {
        let after = rest.get(open + '《'.len_utf8()..)?;
        let close = after.find('》')?;
        let inner = after.get(..close)?;
        let folded = crate::script::fold(inner);
        if GENRE_WORDS.iter().any(|w| folded.contains(w)) && !folded.contains("国务院") {
            return Some(inner.to_string());
        }
        rest = after.get(close..)?;
    }
    None
}

/// The place a title starts with: 洛阳市加强数字政府建设实施方案 → 洛阳. A title without
/// one ("智慧城市建设方案", "数字威海…") gives none.
fn city_in_title(title: &str) -> Option<String> {
    let folded = crate::script::fold(title);
    let first = |ends: &[char]| folded.char_indices().take(12).find(|(_, c)| ends.contains(c)).map(|(at, _)| at);
    // A township's plan names its 乡 or 镇 where no larger place comes first.
    let Some(end) = first(&['省', '市', '区', '县', '州']).or_else(|| first(&['乡', '镇'])) else {
        return province_opening(title, &folded);
    };
    let place = folded.get(..end)?;
    const NOT_PLACE: [&str; 12] =
        ["数字", "智慧", "建设", "政府", "关于", "印发", "新型", "自治", "政务", "服务", "示范", "打造"];
    // 城 opens no place name (城市, 城乡) but ends many (盐城, 聊城).
    if place.chars().count() < 2 || place.starts_with('城') || NOT_PLACE.iter().any(|w| place.contains(w)) {
        return None;
    }
    let suffix = folded.get(end..)?.chars().next()?;
    city_of(&format!("{}{suffix}人民政府", title.get(..end)?))
}

/// The provinces, autonomous regions and municipalities by the short names titles open
/// with ("广西推进数字政府建设…", "陕西…"): the country's first-level divisions.
const PROVINCES: [&str; 34] = [
    "北京",
    "天津",
    "河北",
    "山西",
    "内蒙古",
    "辽宁",
    "吉林",
    "黑龙江",
    "上海",
    "江苏",
    "浙江",
    "安徽",
    "福建",
    "江西",
    "山东",
    "河南",
    "湖北",
    "湖南",
    "广东",
    "广西",
    "海南",
    "重庆",
    "四川",
    "贵州",
    "云南",
    "西藏",
    "陕西",
    "甘肃",
    "青海",
    "宁夏",
    "新疆",
    "台湾",
    "香港",
    "澳门",
];

/// The province a title opens with, as the title writes it.
fn province_opening(title: &str, folded: &str) -> Option<String> {
    let name = PROVINCES.iter().find(|p| folded.starts_with(*p))?;
    Some(title.chars().take(name.chars().count()).collect())
}

pub(crate) fn is_issuer(line: &str) -> bool {
    let line = crate::script::fold(line);
    line.chars().count() <= 30
        && !line.contains("关于")
        && ISSUER_SUFFIXES.iter().any(|s| line.ends_with(s) && line.len() > s.len())
}

/// The city an issuing body belongs to: the innermost administrative name before
/// 人民政府 (青岛市即墨区人民政府办公室 → 即墨), without its 市/区/县 unless that would
/// leave a single character (沙县 stays 沙县).
fn city_of(issuer: &str) -> Option<String> {
    let place = match issuer.find("人民政府") {
        Some(at) => issuer.get(..at)?,
        None => ISSUER_SUFFIXES.iter().find_map(|s| issuer.strip_suffix(s))?,
    };
    let mut parts = Vec::new();
    let mut current = String::new();
    for c in place.chars() {
        current.push(c);
        // 州 ends a place only as 自治州: 滨州市 and 杭州市 are one place each.
        let autonomous = current.ends_with("自治州");
        let in_autonomy = current.ends_with("自治区") || current.ends_with("自治县");
        if matches!(crate::script::simplified(c), '省' | '市' | '区' | '县' | '盟' | '旗') && !current.ends_with("自治")
            || autonomous
            || in_autonomy
        {
            parts.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        parts.push(current);
    }
    // The innermost part that is a place: a body named after its place
    // ("福建省数字福建建设领导小组") belongs to it, and a body that names no place
    // ("数字福建建设领导小组") names no city. A township (乡, 镇) ends a name but never
    // splits one: 乡宁县 and 镇江市 are one place each.
    let is_place =
        |part: &String| crate::script::fold(part).ends_with(['省', '市', '区', '县', '州', '盟', '旗', '乡', '镇']);
    let last = parts.into_iter().rev().find(is_place)?;
    let folded = crate::script::fold(&last);
    let short: String = {
        let mut chars: Vec<char> = last.chars().collect();
        if chars.len() > 2 && folded.ends_with(['市', '区', '县', '省', '乡', '镇']) {
            chars.pop();
        }
        chars.into_iter().collect()
    };
    (short.chars().count() >= 2).then_some(short)
}

/// A line that is only a document number: 东政办字〔2022〕36号.
pub(crate) fn is_doc_number(line: &str) -> bool {
    let Some(open) = line.find(|c| DOC_NUMBER.opens(c)) else { return false };
    let agency = line.get(..open).unwrap_or("");
    let Some(rest) = line.get(open..).and_then(|r| r.strip_suffix('号')) else { return false };
    let mut chars = rest.chars().skip(1);
    let year: String = chars.by_ref().take(4).collect();
    let close = chars.next();
    let serial: String = chars.collect();
    !agency.is_empty()
        && agency.chars().count() <= 12
        && agency.chars().all(|c| !c.is_ascii())
        && year.chars().all(|c| c.is_ascii_digit())
        && year.len() == 4
        && close.is_some_and(|c| DOC_NUMBER.closes(c))
        && !serial.is_empty()
        && serial.chars().all(|c| c.is_ascii_digit())
}

/// Reads 1–`max` digits at the start of `s` (a longer run is cut after `max`); returns
/// the value and the rest.
fn up_to(s: &str, max: usize) -> Option<(u32, &str)> {
    let run = digits(s, max)?;
    Some((run.value_u32()?, s.get(run.len..)?))
}

/// Reads 1–4 digits at the start of `s`, not followed by a fifth.
fn number(s: &str) -> Option<(u32, &str)> {
    let run = digits(s, 5).filter(|d| d.count <= 4)?;
    Some((run.value_u32()?, s.get(run.len..)?))
}

/// A date at the start of a squeezed line: 2022年7月1日, 2025-01-20, 2025/1/20,
/// 2025.01.20; returns it and what follows.
fn date_at_start(line: &str) -> Option<(Date, &str)> {
    let (year, rest) = number(line)?;
    let sep = rest.chars().next()?;
    let (month, rest) = match sep {
        '年' | '-' | '/' | '.' | '－' | '／' | '．' => up_to(rest.get(sep.len_utf8()..)?, 2)?,
        _ => return None,
    };
    let rest = if sep == '年' { rest.strip_prefix('月')? } else { rest.strip_prefix(sep)? };
    // A time may follow the day with no space left between ("2022-12-0208:54:33").
    let (day, rest) = up_to(rest, 2)?;
    let rest = if sep == '年' { rest.strip_prefix('日')? } else { rest };
    if year < 1000 {
        return None;
    }
    let date = Date::new(u16::try_from(year).ok()?, u8::try_from(month).ok()?, u8::try_from(day).ok()?)?;
    Some((date, rest))
}

/// A line that is only a date: 2022年7月1日, 2025-01-20.
fn date_line(line: &str) -> Option<Date> {
    date_at_start(line).filter(|(_, rest)| rest.is_empty()).map(|(date, _)| date)
}

pub(crate) fn is_title(line: &str) -> bool {
    let line = crate::script::fold(line);
    let line = line.as_ref();
    GENRE_WORDS.iter().any(|w| line.contains(w))
        && line.chars().count() <= 60
        && !line.starts_with(['《', '为'])
        && !line.contains(['。', ':', '：'])
        && !line.contains("的通知")
        && !line.contains("关于印发")
        && !super::outline::is_contents_line(line)
}

fn title_in_notice(notice: &str) -> Option<String> {
    let Some(inner) = notice.split("关于印发").nth(1) else {
        // A document under its own name: its title runs from 关于.
        let at = notice.find("关于")?;
        return notice.get(at..).filter(|t| !t.contains("通知")).map(str::to_string);
    };
    let inner = inner.trim_end_matches(['》', '〉']);
    let inner = inner.strip_suffix("的通知").unwrap_or(inner);
    let inner = inner.trim_matches(['《', '》', '〈', '〉']);
    (!inner.is_empty()).then(|| inner.to_string())
}

/// The years of a title: (2020-2022年) → 2020–2022; 2023年工作要点 → 2023.
pub(crate) fn period_in(title: &str) -> Option<Period> {
    let years: Vec<u16> = years_in(title).collect();
    match years.as_slice() {
        [] => None,
        [one] => Some(Period { start: *one, end: *one }),
        [first, .., last] if first <= last => Some(Period { start: *first, end: *last }),
        [first, ..] => Some(Period { start: *first, end: *first }),
    }
}

/// Four-digit years (1900–2099) in `s`, in order: runs of exactly four digits.
pub(crate) fn years_in(s: &str) -> impl Iterator<Item = u16> + '_ {
    let mut rest = s;
    std::iter::from_fn(move || loop {
        let start = rest.find(is_digit)?;
        let run = digits(rest.get(start..)?, usize::MAX)?;
        rest = rest.get(start + run.len..)?;
        if run.count == 4 && (1900..2100).contains(&run.value) {
            return u16::try_from(run.value).ok();
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn city_is_the_innermost_place_of_the_issuer() {
        assert_eq!(city_of("临沂市人民政府办公室").as_deref(), Some("临沂"));
        assert_eq!(city_of("青岛市崂山区人民政府办公室").as_deref(), Some("崂山"));
        assert_eq!(city_of("三明市沙县人民政府").as_deref(), Some("沙县"));
        assert_eq!(city_of("延边朝鲜族自治州人民政府").as_deref(), Some("延边朝鲜族自治州"));
        assert_eq!(city_of("杭州市人民政府办公厅").as_deref(), Some("杭州"));
        assert_eq!(city_of("人民政府"), None);
        assert_eq!(city_of("广东省政务服务和数据管理局"), None, "help: a bureau names no place by 人民政府");
        assert_eq!(city_of("广东省人民政府办公厅").as_deref(), Some("广东"));
        assert_eq!(city_of("江蘇省人民政府").as_deref(), Some("江蘇"));
        assert_eq!(city_of("數字福建建設領導小組辦公室"), None);
        assert_eq!(city_of("市人民政府办公室"), None);
        assert_eq!(city_of("黔江区谭家场乡人民政府").as_deref(), Some("谭家场"));
        assert_eq!(city_of("乡宁县人民政府").as_deref(), Some("乡宁"));
        // fujian-2025…: a body named after its province.
        assert_eq!(city_of("福建省数字福建建设领导小组").as_deref(), Some("福建"));
        assert_eq!(city_of("镇江市人民政府办公室").as_deref(), Some("镇江"));
    }

    #[test]
    fn city_from_the_place_a_title_opens_with() {
        // Titles quoted from tests/data/wild (yancheng-2022…, tanjiachang-2023…).
        assert_eq!(city_in_title("盐城市数字经济发展三年行动计划(2022—2024年)").as_deref(), Some("盐城"));
        assert_eq!(city_in_title("谭家场乡数字乡村建设“三年行动”方案").as_deref(), Some("谭家场"));
        assert_eq!(city_in_title("镇江市数字政府建设实施方案").as_deref(), Some("镇江"));
        assert_eq!(city_in_title("城乡融合发展示范区建设方案"), None);
        assert_eq!(city_in_title("智慧城市建设方案"), None);
        assert_eq!(city_in_title("数字乡村建设行动方案"), None);
        assert_eq!(city_in_title("城市大脑建设三年行动计划"), None);
        // guangxi-2018…: a province by its short name, kept as written.
        assert_eq!(city_in_title("廣西推進數字政府建設三年行動計劃(2018—2020年)").as_deref(), Some("廣西"));
        assert_eq!(city_in_title("陕西省数字经济发展规划").as_deref(), Some("陕西"));
        assert_eq!(city_in_title("山东数字经济措施").as_deref(), Some("山东"));
    }

    #[test]
    fn doc_numbers_and_dates() {
        assert!(is_doc_number("临政办字〔2022〕36号"));
        assert!(is_doc_number("临政办发[2023]7号"));
        assert!(!is_doc_number("根据《计划》(鲁政办字〔2022〕28号)等文件精神"));
        assert_eq!(date_line("2022年7月1日"), Date::new(2022, 7, 1));
        assert_eq!(date_line("2022年2月30日"), None);
        assert_eq!(date_line("2022年7月1日印发"), None);
        assert_eq!(date_line("2025-01-20"), Date::new(2025, 1, 20));
        assert_eq!(date_line("2025/1/20"), Date::new(2025, 1, 20));
        assert_eq!(date_line("2025.01.20"), Date::new(2025, 1, 20));
        assert_eq!(date_line("2025-13-20"), None);
        assert_eq!(date_line("1.5-2"), None);
    }

    #[test]
    fn period_from_title() {
        assert_eq!(period_in("某市三年行动计划(2020-2022年)"), Some(Period { start: 2020, end: 2022 }));
        assert_eq!(period_in("某市2023年工作要点"), Some(Period { start: 2023, end: 2023 }));
        assert_eq!(period_in("某市工作要点"), None);
        assert!(is_title("某县新型智慧城市建设工作任务清单") && is_title("沂水县新型智慧城市建设试点任务书"));
        assert!(!is_title("建立数据共享责任清单。"));
        assert_eq!(without_file_extension("加快推进5G网络建设实施方案.DOCX".into()), "加快推进5G网络建设实施方案");
        assert_eq!(without_file_extension("数字政府工作要点".into()), "数字政府工作要点");
        assert_eq!(
            without_doc_number("关于创优营商环境的实施意见(池政〔2017〕101号)".into()),
            "关于创优营商环境的实施意见"
        );
        assert_eq!(without_doc_number("某市行动方案(2023—2025年)".into()), "某市行动方案(2023—2025年)");
        assert_eq!(
            after_issuing("自治区党委办公厅 自治区人民政府办公厅印发自治区数字政府改革建设方案".into()),
            "自治区数字政府改革建设方案"
        );
        assert_eq!(
            title_in_notice("《北京市人民政府办公厅关于印发〈北京市2016年政务公开工作要点〉的通知》").as_deref(),
            Some("北京市2016年政务公开工作要点")
        );
        assert_eq!(city_in_title("自治区数字政府改革建设方案"), None);
        assert_eq!(city_in_title("争创政务服务示范县行动方案"), None);
        assert_eq!(years_in("12345年2021").collect::<Vec<_>>(), vec![2021]);
        assert_eq!(period_in("行动方案（２０２２—２０２４年）"), Some(Period { start: 2022, end: 2024 }));
    }

    #[test]
    fn header_from_lines() {
        let front = [
            "临沂市人民政府办公室",
            "临政办字〔2022〕36号",
            "临沂市人民政府办公室 关于印发临沂市数字 2022 年行动方案的通知",
            "2022 年 7 月 1 日",
            "临沂市数字 2022 年 行动方案",
            "为加快建设,制定本方案。",
        ];
        let h = read(front.into_iter(), std::iter::empty());
        assert_eq!(h.issuer.as_deref(), Some("临沂市人民政府办公室"));
        assert_eq!(h.city.as_deref(), Some("临沂"));
        assert_eq!(h.doc_number.as_deref(), Some("临政办字〔2022〕36号"));
        assert_eq!(h.issued, Date::new(2022, 7, 1));
        assert_eq!(h.title.as_deref(), Some("临沂市数字2022年行动方案"));
        assert_eq!(h.period, Some(Period { start: 2022, end: 2022 }));
    }

    #[test]
    fn a_labelled_metadata_block() {
        let front = [
            "索引号：11370500/2023-00012",
            "发文机关：某市人民政府办公室",
            "发文字号：某政办字〔2023〕12号",
            "成文日期：2023年03月15日",
            "标　　题：某市人民政府办公室关于印发某市数字政府建设2023年工作要点的通知",
        ];
        let h = read(front.into_iter(), std::iter::empty());
        assert_eq!(h.issuer.as_deref(), Some("某市人民政府办公室"));
        assert_eq!(h.doc_number.as_deref(), Some("某政办字〔2023〕12号"));
        assert_eq!(h.issued, Date::new(2023, 3, 15));
        assert_eq!(h.title.as_deref(), Some("某市数字政府建设2023年工作要点"));
        // yancheng-2022…: a policy site's 发文部门.
        let front =
            ["盐城市数字经济发展三年行动计划(2022-2024年)", "发布时间:2022-08-12", "发文部门:盐城市工业和信息化局"];
        let h = read(front.into_iter(), std::iter::empty());
        assert_eq!(h.issuer.as_deref(), Some("盐城市工业和信息化局"));
        assert_eq!(h.city.as_deref(), Some("盐城"));
    }

    #[test]
    fn iso_and_web_dates() {
        let h = read(["成文日期：2025-01-20", "发布日期:2025-01-22"].into_iter(), std::iter::empty());
        assert_eq!(h.issued, Date::new(2025, 1, 20), "help: 成文日期 is the date of issue");
        let h = read(["发布日期: 2022- 04- 27 浏览次数:"].into_iter(), std::iter::empty());
        assert_eq!(h.issued, Date::new(2022, 4, 27), "help: a web page's date when nothing else is stated");
    }

    #[test]
    fn a_document_under_its_own_name() {
        let h = read(["济南市人民政府办公厅关于加快数字济南建设的实施意见"].into_iter(), std::iter::empty());
        assert_eq!(h.issuer.as_deref(), Some("济南市人民政府办公厅"));
        assert_eq!(h.city.as_deref(), Some("济南"));
        assert_eq!(h.title.as_deref(), Some("关于加快数字济南建设的实施意见"));
    }

    #[test]
    fn a_title_broken_over_two_lines_and_an_agency() {
        let front = ["洛阳市人民政府", "洛阳市加强数字政府建设", "实施方案(2023—2025年)", "为贯彻落实。"];
        let h = read(front.into_iter(), std::iter::empty());
        assert_eq!(h.title.as_deref(), Some("洛阳市加强数字政府建设实施方案(2023—2025年)"));
        let h = read(["广东省政务服务和数据管理局", "关于印发试点方案的通知"].into_iter(), std::iter::empty());
        assert_eq!(h.issuer.as_deref(), Some("广东省政务服务和数据管理局"));
        let h = read(["四川省人民政府關於加快數字經濟發展的實施意見"].into_iter(), std::iter::empty());
        assert_eq!(h.issuer.as_deref(), Some("四川省人民政府"));
        assert_eq!(h.title.as_deref(), Some("關於加快數字經濟發展的實施意見"));
        let h = read(
            [
                "索 引 号: | 0001/2023 | 信息分类: | |",
                "名 称: | 市人民政府办公室关于印发某市新基建方案的通知 |",
                "发布机构: | 生成日期: | 2022-12-02 08:54:33 | |",
            ]
            .into_iter(),
            std::iter::empty(),
        );
        assert_eq!(h.issued, Date::new(2022, 12, 2));
        assert_eq!(h.title.as_deref(), Some("某市新基建方案"));
        assert_eq!(h.city, None, "help: 市 alone is no city");
    }

    #[test]
    fn a_title_quoted_by_the_notice() {
        let front = ["各区市人民政府：", "现将《数字威海2021行动方案》印发给你们，请认真贯彻落实。"];
        let h = read(front.into_iter(), std::iter::empty());
        assert_eq!(h.title.as_deref(), Some("数字威海2021行动方案"));
        assert_eq!(h.period, Some(Period { start: 2021, end: 2021 }));
        assert_eq!(h.city, None, "help: 数字威海 is not read as a place without a gazetteer");
        let h = read(["洛阳市加强数字政府建设实施方案(2023—2025年)"].into_iter(), std::iter::empty());
        assert_eq!(h.city.as_deref(), Some("洛阳"));
        let h = read(["智慧城市建设行动方案"].into_iter(), std::iter::empty());
        assert_eq!(h.city, None);
    }
}
