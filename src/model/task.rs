use std::fmt;

use serde::{Deserialize, Serialize};

use super::{Deadline, Role, Span, Target, Unit};

/// A numbering style of the genre.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum NumberStyle {
    /// 第一章, 第二部分.
    Chapter,
    /// 第一节, below a chapter.
    Section,
    /// 第一条, the articles of a 实施意见 or 办法.
    Article,
    /// 一、
    Chinese,
    /// (一) or （一）
    ChineseParen,
    /// 1. or 1、 or 1．
    Arabic,
    /// (1) or （1）
    ArabicParen,
    /// ① ②
    Circled,
    /// 1) or 1）
    ArabicHalfParen,
}

/// One level of an item's number: style and value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Numeral {
    /// The style it is written in.
    pub style: NumberStyle,
    /// Its value, from 1.
    pub value: u32,
}

impl fmt::Display for Numeral {
    /// Writes the numeral in a canonical half-width form: 二, (四), 3, (7), ①, 7).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.style {
            NumberStyle::Chapter => write!(f, "第{}", chinese_numeral(self.value)),
            NumberStyle::Section => write!(f, "第{}节", chinese_numeral(self.value)),
            NumberStyle::Article => write!(f, "第{}条", chinese_numeral(self.value)),
            NumberStyle::Chinese => f.write_str(&chinese_numeral(self.value)),
            NumberStyle::ChineseParen => write!(f, "({})", chinese_numeral(self.value)),
            NumberStyle::Arabic => write!(f, "{}", self.value),
            NumberStyle::ArabicParen => write!(f, "({})", self.value),
            NumberStyle::ArabicHalfParen => write!(f, "{})", self.value),
            NumberStyle::Circled => match char::from_u32(0x2460 + self.value.saturating_sub(1)) {
                Some(c) if self.value <= 20 => write!(f, "{c}"),
                _ => write!(f, "({})", self.value),
            },
        }
    }
}

/// Writes `n` in Chinese numerals, as plans number their sections (1–99 and beyond).
fn chinese_numeral(n: u32) -> String {
    const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    let digit = |d: u32| DIGITS.get(d as usize).copied().unwrap_or('〇');
    match n {
        0..=9 => digit(n).to_string(),
        10..=19 => format!("十{}", if n == 10 { String::new() } else { digit(n - 10).to_string() }),
        20..=99 => {
            let unit = if n.is_multiple_of(10) { String::new() } else { digit(n % 10).to_string() };
            format!("{}十{}", digit(n / 10), unit)
        }
        _ => n.to_string(),
    }
}

/// The numbering path of an item: the numerals of its ancestors and its own,
/// shown as `二 › (四) › 3 › (7)`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct NumberPath(pub Vec<Numeral>);

impl fmt::Display for NumberPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, numeral) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(" › ")?;
            }
            write!(f, "{numeral}")?;
        }
        Ok(())
    }
}

/// What a section of a plan is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SectionKind {
    /// The plan's tasks: 主要任务, 重点任务, or any section not named otherwise.
    Tasks,
    /// 保障措施, 工作要求, 实施步骤, 组织实施: items are tasks marked as safeguards.
    Safeguards,
    /// 工作目标, 主要目标, 行动目标: feeds the plan-level goals.
    Goals,
    /// 指导思想, 基本原则, 总体要求: headings, never tasks.
    Guiding,
}

/// A numbered item that is not a task: a section heading, or an item of a guiding or goal
/// section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Heading {
    /// Its numbering path.
    pub path: NumberPath,
    /// The lead phrase: "推进治理方式数字变革".
    pub title: String,
    /// Index of the heading above it in [`Plan::headings`](crate::Plan::headings).
    pub parent: Option<usize>,
    /// What its section is for.
    pub section: SectionKind,
    /// Where it is in the source, up to the next item.
    pub span: Span,
}

/// A sentence or clause of a task's text, with any responsibility parenthesis left out:
/// the unit that matching compares, so that a task bundling several initiatives lines up
/// with each of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Clause {
    /// The words, responsibility parentheses removed.
    pub text: String,
    /// Where the clause is in the source (parentheses inside it included).
    pub span: Span,
}

/// Whether a task is a task proper or a safeguard measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum TaskKind {
    /// A task of the plan's task sections.
    Task,
    /// An item of a safeguard section (保障措施, 工作要求, 实施步骤).
    Safeguard,
}

/// A task: a leaf numbered item of a task or safeguard section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Task {
    /// Unique in a corpus: the plan's id, `#`, and the task's ordinal in the plan
    /// (`dongying-2022#07`).
    pub id: String,
    /// Task proper or safeguard.
    pub kind: TaskKind,
    /// Its numbering path in the document's own numbering.
    pub path: NumberPath,
    /// Indices in [`Plan::headings`](crate::Plan::headings) of the headings above it,
    /// outermost first.
    pub headings: Vec<usize>,
    /// The lead phrase: "全面打造智慧社区".
    pub title: String,
    /// The full text after the number, with sentences that page breaks split joined again
    /// and paragraphs separated by `\n`.
    pub text: String,
    /// Where the task is in the source, number included.
    pub span: Span,
    /// The units named responsible, in order of first mention.
    pub units: Vec<Unit>,
    /// The task's deadline: its 完成时限 clause, else the latest date its text states,
    /// else the end of the plan's period.
    pub deadline: Option<Deadline>,
    /// Its quantitative targets, in order.
    pub targets: Vec<Target>,
    /// Its sentences, responsibility parentheses left out, in order.
    pub clauses: Vec<Clause>,
}

impl Task {
    /// The units the plan names as leading the task (牵头单位, "…牵头"), in order of first
    /// mention; none where it names no lead. A task with only 责任单位, or a unit that
    /// "…负责" alone, has no lead: no unit is promoted to one. For the units that answer
    /// for a task whatever their role, see [`Task::responsible_units`].
    ///
    /// # Examples
    ///
    /// ```
    /// use cityalign::Plan;
    ///
    /// let plan = Plan::parse(
    ///     "一、主要任务\n1.建设城市大脑。(牵头单位:市大数据局、市公安局;配合单位:市财政局)\n\
    ///      2.推进一网通办。(责任单位:市行政审批局)\n",
    /// )
    /// .unwrap();
    /// let leads: Vec<&str> = plan.tasks[0].lead_units().map(|u| u.name.as_str()).collect();
    /// assert_eq!(leads, ["市大数据局", "市公安局"]);
    /// assert_eq!(plan.tasks[1].lead_units().count(), 0, "a 责任单位 is no lead");
    /// ```
    pub fn lead_units(&self) -> impl Iterator<Item = &Unit> + '_ {
        self.units.iter().filter(|u| u.role == Role::Lead)
    }

    /// The units that answer for the task. Where the plan names leads: the leads and any
    /// unit it puts in charge alone elsewhere in the task ([`Role::Sole`], "…负责"); where
    /// it names no lead: every unit it names, whatever the role (责任单位, 分工负责,
    /// "…负责", 配合单位…). In order of first mention; empty only for a task that names no
    /// unit.
    ///
    /// # Examples
    ///
    /// ```
    /// use cityalign::Plan;
    ///
    /// let plan = Plan::parse(
    ///     "一、主要任务\n1.建设城市大脑。(市大数据局牵头,市财政局配合)建设指挥中心。(市公安局负责)\n\
    ///      2.推进一网通办。(责任单位:市行政审批局;配合单位:市大数据局)\n3.建设智慧社区。\n",
    /// )
    /// .unwrap();
    /// let names = |i: usize| plan.tasks[i].responsible_units().map(|u| u.name.as_str()).collect::<Vec<_>>();
    /// assert_eq!(names(0), ["市大数据局", "市公安局"], "a lead and a unit in charge alone, no cooperator");
    /// assert_eq!(names(1), ["市行政审批局", "市大数据局"], "no lead: every unit");
    /// assert!(names(2).is_empty());
    /// ```
    pub fn responsible_units(&self) -> impl Iterator<Item = &Unit> + '_ {
        let has_lead = self.units.iter().any(|u| u.role == Role::Lead);
        self.units.iter().filter(move |u| !has_lead || matches!(u.role, Role::Lead | Role::Sole))
    }

    /// The unit leading the task: its first [lead](Task::lead_units), else the first unit
    /// named (whatever its role); `None` for a task that names no unit.
    pub fn lead_unit(&self) -> Option<&Unit> {
        self.lead_units().next().or_else(|| self.units.first())
    }
}
