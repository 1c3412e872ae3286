//! Deadlines written in the text: 2022年10月底前, 到2022年, 2021年年底前, 年底前, 年内.

use std::ops::Range;

use super::number::{digits, is_digit};
use super::text::{is_space, slice};
use crate::model::{Date, Deadline, DeadlineSource, Precision};

/// A deadline written in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Mention {
    pub range: Range<usize>,
    /// `None` for a date relative to the plan's year (年底前, 年内).
    pub year: Option<u16>,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl Mention {
    /// The deadline this mention sets; `relative_year` stands in for a missing year.
    pub fn deadline(&self, source: DeadlineSource, relative_year: Option<u16>) -> Option<Deadline> {
        let (year, source) = match self.year {
            Some(y) => (y, source),
            None => (relative_year?, if source == DeadlineSource::Clause { source } else { DeadlineSource::Relative }),
        };
        let mut deadline = Deadline::new(year, self.month, source)?;
        if let (Some(month), Some(day)) = (self.month, self.day) {
            deadline.last_day = Date::new(year, month, day)?;
            deadline.precision = Precision::Day;
        }
        Some(deadline)
    }
}

/// Words before a year that make it a deadline: 到2022年.
const BEFORE: [&str; 3] = ["到", "至", "于"];
/// Words after a date that make it a deadline, longest first.
const AFTER: [&str; 9] = ["年底前", "年末前", "年底", "年末", "底前", "之前", "以前", "前", "底"];
/// Deadlines relative to the plan's year, longest first.
const RELATIVE: [&str; 6] = ["年底前", "年内", "年底", "全年", "今年", "本年度"];

/// Reads 1–4 digits (spaces allowed around them) at `s`; returns the value and bytes read.
fn number(s: &str) -> Option<(u32, usize)> {
    let lead = s.len() - s.trim_start_matches(is_space).len();
    let rest = s.get(lead..)?;
    let run = digits(rest, 5).filter(|d| d.count <= 4)?;
    let rest = rest.get(run.len..)?;
    let trail = rest.len() - rest.trim_start_matches(is_space).len();
    Some((run.value_u32()?, lead + run.len + trail))
}

/// The date at `at` of `text` (`YYYY年`, `YYYY年M月`, `YYYY年M月D日`), if it is one;
/// returns year, month, day and the end of the date.
fn date_at(text: &str, at: usize) -> Option<(u16, Option<u8>, Option<u8>, usize)> {
    let (year, n) = number(text.get(at..)?)?;
    if !(1900..2100).contains(&year) {
        return None;
    }
    let mut end = at + n;
    end += text.get(end..)?.strip_prefix('年').map(|_| '年'.len_utf8())?;
    let (month, day) = match month_day_at(text, end) {
        Some((month, day, after)) => {
            end = after;
            (Some(month), day)
        }
        None => (None, None),
    };
    Some((u16::try_from(year).ok()?, month, day, end))
}

/// The month at `at` of `text` (`M月`, `M月D日`), if it is one; returns month, day and
/// the end of the date.
fn month_day_at(text: &str, at: usize) -> Option<(u8, Option<u8>, usize)> {
    let (month, n) = number(text.get(at..)?).filter(|(m, _)| (1..=12).contains(m))?;
    let mut end = at + n + text.get(at + n..)?.strip_prefix('月').map(|_| '月'.len_utf8())?;
    let mut day = None;
    if let Some((d, n)) = text.get(end..).and_then(number).filter(|(d, _)| (1..=31).contains(d)) {
        if text.get(end + n..).is_some_and(|r| r.starts_with(['日', '号'])) {
            day = u8::try_from(d).ok();
            end += n + '日'.len_utf8();
        }
    }
    Some((u8::try_from(month).ok()?, day, end))
}

/// Words after a month of no year that make it a deadline, longest first.
const MONTH_AFTER: [&str; 6] = ["底前", "末前", "之前", "以前", "底", "前"];

/// A month of no year framed as a deadline at byte `at`: "6月底前", "到11月底",
/// "9月30日前" (any month with a day or a frame where `every_date`).
fn month_at(text: &str, at: usize, every_date: bool) -> Option<Mention> {
    let (month, day, end) = month_day_at(text, at)?;
    let framed_after = MONTH_AFTER.iter().find(|w| text.get(end..).is_some_and(|r| r.starts_with(*w)));
    if framed_after.is_none() && !every_date {
        return None;
    }
    let before = slice(text, ..at).trim_end_matches(is_space);
    let start = BEFORE.iter().find(|w| before.ends_with(*w)).map_or(at, |w| before.len() - w.len());
    let end = end + framed_after.map_or(0, |w| w.len());
    Some(Mention { range: start..end, year: None, month: Some(month), day })
}

/// The deadlines written in `text`, in order. A date counts when deadline words frame it
/// (到2022年, 2022年10月底前, 2021年年底) or when it opens a clause ("2022年,物联网终端…");
/// "迎接省2021年10月中期评估" does not.
pub(crate) fn mentions(text: &str) -> Vec<Mention> {
    read_mentions(text, false)
}

/// The dates of a text that is itself a deadline (a 完成时限 clause or column's value):
/// there "2024年12月" needs no 底前 to be one.
pub(crate) fn deadline_mentions(text: &str) -> Vec<Mention> {
    read_mentions(text, true)
}

fn read_mentions(text: &str, every_date: bool) -> Vec<Mention> {
    let mut found: Vec<Mention> = Vec::new();
    let mut covered_to = 0;
    for (at, c) in text.char_indices() {
        if at < covered_to || !is_digit(c) {
            continue;
        }
        let prev = text.get(..at).and_then(|b| b.trim_end_matches(is_space).chars().next_back());
        if prev.is_some_and(|p| is_digit(p) || p.is_ascii_alphabetic()) {
            continue;
        }
        let Some((year, month, day, end)) = date_at(text, at) else {
            // "6月底前", "到11月底": a month of the plan's own year.
            if let Some(m) = month_at(text, at, every_date) {
                covered_to = m.range.end;
                found.push(m);
            }
            continue;
        };
        let before = slice(text, ..at).trim_end_matches(is_space);
        let framed_before = BEFORE.iter().find(|w| before.ends_with(*w));
        let rest = slice(text, end..);
        let framed_after = AFTER.iter().find(|w| rest.starts_with(*w));
        let opens_clause = month.is_none() && rest.trim_start_matches(is_space).starts_with([',', '，']);
        if framed_before.is_none() && framed_after.is_none() && !opens_clause && !every_date {
            covered_to = end;
            continue;
        }
        let start = framed_before.map_or(at, |w| before.len() - w.len());
        let end = end + framed_after.map_or(0, |w| w.len());
        found.push(Mention { range: start..end, year: Some(year), month, day });
        covered_to = end;
    }
    // Relative words, where no dated mention already covers them; one left-to-right
    // pass so that the cost stays linear.
    let absolute: Vec<Range<usize>> = found.iter().map(|m| m.range.clone()).collect();
    let mut skip_to = 0;
    for (at, _) in text.char_indices() {
        if at < skip_to {
            continue;
        }
        let rest = slice(text, at..);
        let Some(word) = RELATIVE.iter().find(|w| rest.starts_with(*w)) else { continue };
        let range = at..at + word.len();
        skip_to = range.end;
        let first_after = absolute.partition_point(|r| r.end <= range.start);
        let overlaps = absolute.get(first_after).is_some_and(|r| r.start < range.end);
        let after_year = text.get(..at).and_then(|b| b.chars().next_back()).is_some_and(|c| c == '年' || is_digit(c));
        if !overlaps && !after_year {
            found.push(Mention { range, year: None, month: None, day: None });
        }
    }
    found.sort_by_key(|m| m.range.start);
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<(String, Option<u16>, Option<u8>)> {
        mentions(text).into_iter().map(|m| (text[m.range].to_string(), m.year, m.month)).collect()
    }

    #[test]
    fn deadline_phrases() {
        assert_eq!(read("2022年10月底前"), [("2022年10月底前".into(), Some(2022), Some(10))]);
        assert_eq!(read("到2021年年底,各推出"), [("到2021年年底".into(), Some(2021), None)]);
        assert_eq!(read("2021年年底前在全市"), [("2021年年底前".into(), Some(2021), None)]);
        assert_eq!(read("2022 年,物联网终端"), [("2022 年".into(), Some(2022), None)]);
        assert_eq!(read("力争到2022年,打造"), [("到2022年".into(), Some(2022), None)]);
        assert_eq!(read("年底前新建70个"), [("年底前".into(), None, None)]);
        assert_eq!(read("年内认定2个"), [("年内".into(), None, None)]);
    }

    #[test]
    fn a_month_of_the_plans_year() {
        let found = read("6月底前完成接口改造,到11月底数据按需归集率达到98%");
        assert_eq!(found, [("6月底前".into(), None, Some(6)), ("到11月底".into(), None, Some(11))]);
        let m = &mentions("9月30日前上线")[0];
        let d = m.deadline(DeadlineSource::Text, Some(2023)).unwrap();
        assert_eq!((d.last_day, d.source), (Date::new(2023, 9, 30).unwrap(), DeadlineSource::Relative));
        assert!(read("用6个月时间").is_empty() && read("每年3月开展").is_empty());
        assert!(mentions("6月底前").first().unwrap().deadline(DeadlineSource::Text, None).is_none());
    }

    #[test]
    fn a_deadline_value_needs_no_frame() {
        assert!(read("2024年12月").is_empty());
        let found = deadline_mentions("2024年12月");
        assert_eq!((found.len(), found[0].year, found[0].month), (1, Some(2024), Some(12)));
        assert_eq!(deadline_mentions("2023年底前")[0].range, 0.."2023年底前".len());
        assert_eq!(deadline_mentions("长期坚持").len(), 0);
    }

    #[test]
    fn dates_that_are_not_deadlines() {
        assert!(read("迎接省2021年10月中期评估").is_empty());
        assert!(read("举办2023年全民数字素养月活动").is_empty());
        assert!(read("建设5G基站2000个").is_empty());
        assert!(read("每年开展").is_empty());
    }

    #[test]
    fn days_and_months_set_the_last_day() {
        let m = &mentions("2022年2月底前")[0];
        assert_eq!(m.deadline(DeadlineSource::Text, None).unwrap().last_day, Date::new(2022, 2, 28).unwrap());
        let m = &mentions("2022年6月15日前")[0];
        let d = m.deadline(DeadlineSource::Text, None).unwrap();
        assert_eq!((d.last_day, d.precision), (Date::new(2022, 6, 15).unwrap(), Precision::Day));
        let m = &mentions("年内")[0];
        assert_eq!(m.deadline(DeadlineSource::Text, Some(2024)).unwrap().source, DeadlineSource::Relative);
        assert_eq!(m.deadline(DeadlineSource::Text, None), None);
    }
}
