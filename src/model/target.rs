use std::fmt;

use serde::{Deserialize, Serialize};

use super::{Deadline, Span};

/// How a target's number bounds the outcome, as Chinese legal drafting reads the words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Bound {
    /// The number as such: 新建5G基站2000个.
    Exact,
    /// At least, the number included: 以上, 不低于, 不少于, 至少.
    AtLeast,
    /// More than, the number excluded: 超过, 突破, 高于, 大于, 余, 多.
    MoreThan,
    /// At most, the number included: 以下, 以内, 不高于, 不超过.
    AtMost,
    /// Less than, the number excluded: 低于, 小于, 少于.
    LessThan,
    /// A level to reach: 达到, 达, 提升至.
    Reach,
    /// Approximately: 约, 左右.
    Approx,
}

impl Bound {
    /// Whether the number itself satisfies the bound: `Some(true)` for inclusive bounds,
    /// `Some(false)` for exclusive ones, `None` where the words do not say.
    pub fn inclusive(&self) -> Option<bool> {
        match self {
            Bound::AtLeast | Bound::AtMost | Bound::Exact | Bound::Reach => Some(true),
            Bound::MoreThan | Bound::LessThan => Some(false),
            Bound::Approx => None,
        }
    }
}

/// Whether a target counts what is added or what there will be in all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Accrual {
    /// Newly built or added: 新建, 新增, 新开通.
    New,
    /// A stock or running total: 累计, 保有量, 总数.
    Stock,
    /// The text does not say.
    Unstated,
}

/// A quantitative target: a metric, a number normalised with its measure, and how the
/// number bounds it.
///
/// # Examples
///
/// ```
/// use cityalign::{Accrual, Bound, Plan};
///
/// let plan = Plan::parse("一、主要任务\n1.加快5G网络建设,全市新开通5G基站1350个,累计达1.1万个以上。\n").unwrap();
/// let targets = &plan.tasks[0].targets;
/// assert_eq!(targets[0].metric, "5G基站");
/// assert_eq!((targets[0].value, targets[0].accrual), (1350.0, Accrual::New));
/// assert_eq!((targets[1].value, targets[1].bound), (11000.0, Bound::AtLeast));
/// assert_eq!((targets[1].metric.as_str(), targets[1].accrual), ("5G基站", Accrual::Stock));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Target {
    /// What is counted, with spaces and quotation marks removed: "5G基站", "智慧社区覆盖率".
    /// When the sentence elides it ("…5G基站1350个,累计达1.1万个"), the metric of the
    /// target before.
    pub metric: String,
    /// The number with Chinese magnitudes folded in (1.1万 → 11000, 60亿元 → 6e9);
    /// for a range ("1—2家"), its lower end.
    pub value: f64,
    /// The upper end of a range, `None` for a single number.
    pub max: Option<f64>,
    /// The measure word: 个, 座, 台, %, 元, PB… (empty when none is written).
    pub measure: String,
    /// How the number bounds the outcome.
    pub bound: Bound,
    /// New or stock.
    pub accrual: Accrual,
    /// The target's own deadline, when its sentence gives one
    /// ("2021年10月底前建设2000个以上5G基站").
    pub deadline: Option<Deadline>,
    /// The words of the target as written in the text.
    pub text: String,
    /// Where those words are in the source.
    pub span: Span,
}

/// A number written short: 2000, 1.1万, 16.4亿, 95.5.
fn short_number(value: f64) -> String {
    // A magnitude only where it writes the number exactly in two decimals.
    let exact = |scaled: f64| ((scaled * 100.0).round() - scaled * 100.0).abs() < 1e-6;
    let (scaled, unit) = match value.abs() {
        v if v >= 1e8 && exact(value / 1e8) => (value / 1e8, "亿"),
        v if v >= 1e4 && exact(value / 1e4) => (value / 1e4, "万"),
        _ => (value, ""),
    };
    let scaled = if unit.is_empty() { scaled } else { (scaled * 100.0).round() / 100.0 };
    format!("{scaled}{unit}")
}

impl fmt::Display for Target {
    /// Writes the target short, metric first: "5G基站 2000个 新建 ≥", "覆盖率 30% >",
    /// "省级试点 1—2个".
    ///
    /// ```
    /// let plan = cityalign::Plan::parse("一、任务\n1.建设。新建5G基站2000个以上,累计达1.1万个。\n").unwrap();
    /// let shown: Vec<String> = plan.tasks[0].targets.iter().map(|t| t.to_string()).collect();
    /// assert_eq!(shown, ["5G基站 2000个 新建 ≥", "5G基站 1.1万个 累计 达"]);
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.metric.is_empty() {
            write!(f, "{} ", self.metric)?;
        }
        match self.max {
            Some(max) => write!(f, "{}—{}", short_number(self.value), short_number(max))?,
            None => f.write_str(&short_number(self.value))?,
        }
        f.write_str(&self.measure)?;
        match self.accrual {
            Accrual::New => f.write_str(" 新建")?,
            Accrual::Stock => f.write_str(" 累计")?,
            Accrual::Unstated => {}
        }
        let bound = match self.bound {
            Bound::AtLeast => " ≥",
            Bound::MoreThan => " >",
            Bound::AtMost => " ≤",
            Bound::LessThan => " <",
            Bound::Approx => " ≈",
            Bound::Reach => " 达",
            Bound::Exact => "",
        };
        f.write_str(bound)
    }
}

impl Target {
    /// The smallest and largest values the target names (equal unless it is a range).
    pub fn range(&self) -> (f64, f64) {
        (self.value, self.max.unwrap_or(self.value))
    }
}
