use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::Span;

/// A calendar date, serialized as `"YYYY-MM-DD"`. It always exists in the Gregorian
/// calendar: it is made by [`Date::new`] (checked), parsing, or the ends of a month or
/// year; read it through [`Date::year`], [`Date::month`] and [`Date::day`].
///
/// # Examples
///
/// ```
/// use cityalign::Date;
///
/// let d: Date = "2022-10-31".parse().unwrap();
/// assert_eq!((d.year(), d.month(), d.day()), (2022, 10, 31));
/// assert_eq!(Date::end_of_month(2024, 2), Date::new(2024, 2, 29));
/// assert_eq!(Date::new(2023, 2, 29), None);
/// assert!("2022-13-01".parse::<Date>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// Year, e.g. 2022.
    pub fn year(&self) -> u16 {
        self.year
    }

    /// Month, 1–12.
    pub fn month(&self) -> u8 {
        self.month
    }

    /// Day of the month, 1–31 (no more than the month has).
    pub fn day(&self) -> u8 {
        self.day
    }

    /// The date, if it exists in the Gregorian calendar.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let last = days_in_month(year, month)?;
        (1..=last).contains(&day).then_some(Date { year, month, day })
    }

    /// The last day of `month` in `year`.
    pub fn end_of_month(year: u16, month: u8) -> Option<Date> {
        Some(Date { year, month, day: days_in_month(year, month)? })
    }

    /// 31 December of `year`.
    pub fn end_of_year(year: u16) -> Date {
        Date { year, month: 12, day: 31 }
    }
}

fn days_in_month(year: u16, month: u8) -> Option<u8> {
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    Some(match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    })
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// The error of parsing a [`Date`] from text that is not a valid `YYYY-MM-DD` date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid date {0:?}, expected YYYY-MM-DD")]
pub struct DateParseError(String);

impl FromStr for Date {
    type Err = DateParseError;

    fn from_str(s: &str) -> Result<Date, DateParseError> {
        let bad = || DateParseError(s.to_string());
        let mut parts = s.splitn(3, '-');
        let mut next = || parts.next().ok_or_else(bad);
        let year = next()?.parse().map_err(|_| bad())?;
        let month = next()?.parse().map_err(|_| bad())?;
        let day = next()?.parse().map_err(|_| bad())?;
        Date::new(year, month, day).ok_or_else(bad)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// The years a plan covers, both ends included (a one-year plan has `start == end`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Period {
    /// First year.
    pub start: u16,
    /// Last year.
    pub end: u16,
}

impl Period {
    /// Whether `year` lies in the period.
    pub fn contains(&self, year: u16) -> bool {
        (self.start..=self.end).contains(&year)
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.start == self.end {
            write!(f, "{}", self.start)
        } else {
            write!(f, "{}–{}", self.start, self.end)
        }
    }
}

/// How precisely a deadline was stated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Precision {
    /// A year: 到2022年, 年底前.
    Year,
    /// A month: 2022年10月底前.
    Month,
    /// A day: 2022年10月15日前.
    Day,
}

/// Where a deadline came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DeadlineSource {
    /// A 完成时限 / 完成时间 clause of the responsibility parenthesis.
    Clause,
    /// A date with its year written in the text: 2022年10月底前, 到2022年.
    Text,
    /// A date relative to the plan's own year written in the text: 年底前, 年内, 全年;
    /// the year comes from the plan.
    Relative,
    /// Nothing in the text; the end of the plan's period.
    Inferred,
}

/// The date by which something is to be done.
///
/// # Examples
///
/// ```
/// use cityalign::{Date, Plan};
///
/// let plan = Plan::parse("数字强市2022年行动方案\n一、主要任务\n1.建设基站。(责任单位:市工业和信息化局;完成时限:2022年10月底前)\n").unwrap();
/// let deadline = plan.tasks[0].deadline.as_ref().unwrap();
/// assert_eq!((deadline.year, deadline.month), (2022, Some(10)));
/// assert_eq!(deadline.last_day, Date::new(2022, 10, 31).unwrap());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Deadline {
    /// Year.
    pub year: u16,
    /// Month, when stated.
    pub month: Option<u8>,
    /// The last day the deadline allows: 2022年10月底前 → 2022-10-31; 到2022年 → 2022-12-31.
    pub last_day: Date,
    /// How precisely it was stated.
    pub precision: Precision,
    /// Where it came from.
    pub source: DeadlineSource,
    /// The words as written (`None` when inferred).
    pub text: Option<String>,
    /// Where those words are in the source (`None` when inferred).
    pub span: Option<Span>,
}

impl fmt::Display for Deadline {
    /// Writes the deadline as precisely as it was stated: "2022", "2022-10", or the day.
    ///
    /// ```
    /// use cityalign::{Deadline, DeadlineSource};
    ///
    /// assert_eq!(Deadline::new(2022, Some(10), DeadlineSource::Clause).unwrap().to_string(), "2022-10");
    /// assert_eq!(Deadline::new(2023, None, DeadlineSource::Inferred).unwrap().to_string(), "2023");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.precision, self.month) {
            (Precision::Day, _) => write!(f, "{}", self.last_day),
            (Precision::Month, Some(month)) => write!(f, "{:04}-{month:02}", self.year),
            _ => write!(f, "{:04}", self.year),
        }
    }
}

impl Deadline {
    /// A deadline at the end of `year` (and of `month`, when given), from `source`.
    /// Returns `None` for a month outside 1–12.
    pub fn new(year: u16, month: Option<u8>, source: DeadlineSource) -> Option<Deadline> {
        let (last_day, precision) = match month {
            Some(m) => (Date::end_of_month(year, m)?, Precision::Month),
            None => (Date::end_of_year(year), Precision::Year),
        };
        Some(Deadline { year, month, last_day, precision, source, text: None, span: None })
    }

    /// The same deadline, with the words and the place it was read from.
    pub fn with_text(mut self, text: impl Into<String>, span: Span) -> Deadline {
        self.text = Some(text.into());
        self.span = Some(span);
        self
    }
}
