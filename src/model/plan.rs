use serde::{Deserialize, Serialize};

use super::{Date, Heading, Period, Segment, Target, Task};

/// A parsed plan: its metadata, its headings and tasks, its plan-level goals, and the
/// segments that tile its source.
///
/// Build one with [`Plan::parse`] or a [`Parser`](crate::Parser).
///
/// # Examples
///
/// ```
/// use cityalign::Plan;
///
/// let text = "临沂市人民政府办公室\n\n临沂市数字政府2023年行动方案\n\n一、主要任务\n\n\
///             1.全面打造智慧社区。新建智慧社区70个以上。(牵头单位:市大数据局)\n";
/// let plan = Plan::parse(text).unwrap();
/// assert_eq!(plan.city.as_deref(), Some("临沂"));
/// assert_eq!(plan.period.map(|p| (p.start, p.end)), Some((2023, 2023)));
/// assert_eq!(plan.tasks[0].title, "全面打造智慧社区");
/// assert_eq!(plan.tasks[0].targets[0].metric, "智慧社区");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Plan {
    /// A stable id: given by the caller or the bundled corpus (`dongying-2022`), else made
    /// from the city and period.
    pub id: String,
    /// The city, as the issuing body names it: 东营 for 东营市人民政府办公室, 即墨 for
    /// 青岛市即墨区人民政府办公室.
    pub city: Option<String>,
    /// The issuing body: 东营市人民政府办公室.
    pub issuer: Option<String>,
    /// The document number: 东政办字〔2022〕36号.
    pub doc_number: Option<String>,
    /// The date of issue.
    pub issued: Option<Date>,
    /// The years the plan covers, from its title, else from its date of issue.
    pub period: Option<Period>,
    /// The plan's title: 东营市数字变革创新2022年行动方案.
    pub title: Option<String>,
    /// Numbered items that are not tasks, in document order.
    pub headings: Vec<Heading>,
    /// The tasks, in document order.
    pub tasks: Vec<Task>,
    /// Plan-level targets, from the goal sections (工作目标, 主要目标, 行动目标).
    pub goals: Vec<Target>,
    /// The pieces of the source, in order; they tile it byte for byte.
    pub segments: Vec<Segment>,
    /// One past the plan's last byte in its source: the source's length, unless the file
    /// holds several plans (see [`Parser::parse_all`](crate::Parser::parse_all)).
    pub source_len: usize,
    /// The plan's first byte in its source: 0, unless the file holds several plans.
    #[serde(default)]
    pub source_start: usize,
}

impl Plan {
    /// The task with this id.
    pub fn task(&self, id: &str) -> Option<&Task> {
        self.tasks.iter().find(|t| t.id == id)
    }

    /// The headings above `task`, outermost first.
    pub fn headings_of<'p>(&'p self, task: &'p Task) -> impl Iterator<Item = &'p Heading> + 'p {
        task.headings.iter().filter_map(|&i| self.headings.get(i))
    }

    /// Gives the plan a new id, and its tasks ids under it (`new#01`, …).
    pub fn rename(&mut self, id: impl Into<String>) {
        self.id = id.into();
        for (i, task) in self.tasks.iter_mut().enumerate() {
            task.id = format!("{}#{:02}", self.id, i + 1);
        }
    }

    /// Whether the segments tile `source_start..source_len` with no gap and no overlap.
    pub fn segments_tile(&self) -> bool {
        let mut at = self.source_start;
        for segment in &self.segments {
            if segment.span.byte_start != at || segment.span.is_empty() {
                return false;
            }
            at = segment.span.byte_end;
        }
        at == self.source_len
    }
}
