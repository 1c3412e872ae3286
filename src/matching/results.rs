//! What a comparison answers with: task references, ranked candidates, explanations,
//! initiatives, query hits, links and the alignment.

use super::*;
/// A task of a plan, by ids (shared: cloning a `TaskRef` copies two pointers).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct TaskRef {
    /// The plan's id.
    pub plan: Id,
    /// The task's id.
    pub task: Id,
}

impl fmt::Display for TaskRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.task)
    }
}

/// A task of another plan, ranked against a task.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Candidate {
    /// The candidate task.
    pub task: TaskRef,
    /// Its score in [0, 1].
    pub score: f64,
    /// Its rank, from 1.
    pub rank: usize,
    /// Index of the matched clause in the ranked task's [`Task::clauses`](crate::Task::clauses).
    pub clause_a: usize,
    /// Index of the matched clause in the candidate's clauses.
    pub clause_b: usize,
    /// Why it scored so, feature by feature (the hybrid strategy breaks it down).
    pub breakdown: Vec<Contribution>,
}

/// Why two tasks scored as they did ([`Comparison::explain`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Explanation {
    /// The score in [0, 1].
    pub score: f64,
    /// Index of the matched clause in the first task's [`Task::clauses`](crate::Task::clauses).
    pub clause_a: usize,
    /// Index of the matched clause in the second task's clauses.
    pub clause_b: usize,
    /// Feature by feature (the hybrid strategy breaks it down).
    pub breakdown: Vec<Contribution>,
}

/// Tasks of several plans that carry the same initiative.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Initiative {
    /// Its name: its concept's ("5G基站", "智慧社区"), else a key phrase of two or more
    /// terms specific to it ("供水·管网").
    pub label: Id,
    /// Its tasks, in plan order.
    pub members: Vec<TaskRef>,
    /// The concept most of its tasks carry, if any.
    pub concept: Option<Id>,
    /// Its category (its concept's; 保障措施 for safeguards, else 其他).
    pub category: Category,
    /// How sure the alignment is, in [0, 1]: the share of its tasks linked to another of
    /// its tasks, times 1 for a concept and the links' mean score for a key phrase.
    pub confidence: f64,
    /// Whether the table and report show it by default (confident and in two plans).
    pub shown: bool,
}

impl Initiative {
    /// The plans it spans.
    pub fn plans(&self) -> Vec<&str> {
        let mut plans: Vec<&str> = self.members.iter().map(|m| m.plan.as_str()).collect();
        plans.dedup();
        plans
    }
}

/// A task found by a query.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Hit {
    /// The task (serialized flat: `plan`, `task`).
    #[serde(flatten)]
    pub task: TaskRef,
    /// Its score in [0, 1]: the share of the query's weight one clause carries.
    pub score: f64,
    /// Whether the task carries the initiative (its title or a clause of its own names it
    /// as a measure) rather than mentions it (依托…, 与…衔接, a document to draft).
    #[serde(default)]
    pub carries: bool,
}

/// An aligned pair of tasks of two plans.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Link {
    /// One task.
    pub a: TaskRef,
    /// The other.
    pub b: TaskRef,
    /// Their score.
    pub score: f64,
    /// The term the link is about.
    pub label: Id,
}

/// The initiatives found across plans, and the links they were built from.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Alignment {
    /// Initiatives, by category, then most plans, then most tasks.
    pub initiatives: Vec<Initiative>,
    /// Aligned task pairs.
    pub links: Vec<Link>,
}

impl Alignment {
    /// Pairs of initiatives each holding 60% or more of the other's tasks: one initiative
    /// on two rows (`align` merges such rows, so this is a check; it costs the square of
    /// the rows).
    pub fn overlapping_pairs(&self) -> usize {
        self.count_pairs(|shared, a, b| shared as f64 >= cluster::OVERLAP * a.max(b) as f64)
    }

    /// Pairs of initiatives of which the smaller has 60% or more of its tasks in the
    /// other: overlapping pairs, and rows of two concepts where one is mostly inside the
    /// other (算力中心 inside 数据中心), which `align` keeps apart.
    pub fn nested_pairs(&self) -> usize {
        self.count_pairs(|shared, a, b| shared as f64 >= cluster::OVERLAP * a.min(b) as f64)
    }

    /// Pairs of initiatives whose shared, own and other task counts pass `test`.
    fn count_pairs(&self, test: impl Fn(usize, usize, usize) -> bool) -> usize {
        let sets: Vec<Vec<&str>> = self
            .initiatives
            .iter()
            .map(|i| {
                let mut v: Vec<&str> = i.members.iter().map(|m| m.task.as_str()).collect();
                v.sort_unstable();
                v.dedup();
                v
            })
            .collect();
        let mut n = 0;
        for (k, a) in sets.iter().enumerate() {
            for b in sets.iter().skip(k + 1) {
                let shared = a.iter().filter(|t| b.binary_search(t).is_ok()).count();
                if !a.is_empty() && !b.is_empty() && test(shared, a.len(), b.len()) {
                    n += 1;
                }
            }
        }
        n
    }

    /// Whether `a` and `b` were put in one initiative.
    pub fn aligned(&self, a: &str, b: &str) -> bool {
        self.initiatives.iter().any(|i| i.members.iter().any(|m| m.task == a) && i.members.iter().any(|m| m.task == b))
    }
}

/// The task pairs `align` scores, against all pairs of tasks of different plans.
///
/// # Examples
///
/// ```
/// use cityalign::{Corpus, Matcher};
///
/// let corpus = Corpus::bundled()?;
/// let comparison = Matcher::new().compare(corpus.plans());
/// let candidates = comparison.candidates();
/// assert!(candidates.reduction() > 0.5, "help: most pairs are never scored");
/// assert!(candidates.contains("dongying-2022#16", "binzhou-2023#28"), "help: both build 5G base stations");
/// # Ok::<(), cityalign::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Candidates<'c> {
    /// For each task, the later tasks of other plans it is scored against.
    pub(super) lists: Vec<Vec<u32>>,
    pub(super) index: &'c HashMap<Id, usize>,
    pub(super) all: u64,
}

impl Candidates<'_> {
    /// Pairs scored.
    pub fn scored(&self) -> u64 {
        self.lists.iter().map(|l| l.len() as u64).sum()
    }

    /// Pairs of tasks of different plans.
    pub fn all(&self) -> u64 {
        self.all
    }

    /// The share of pairs never scored.
    pub fn reduction(&self) -> f64 {
        if self.all == 0 {
            0.0
        } else {
            1.0 - self.scored() as f64 / self.all as f64
        }
    }

    /// Whether the tasks `a` and `b` (by id) are scored against each other.
    pub fn contains(&self, a: &str, b: &str) -> bool {
        let (Some(&x), Some(&y)) = (self.index.get(a), self.index.get(b)) else { return false };
        let (x, y) = (x.min(y), x.max(y));
        self.lists.get(x).is_some_and(|l| l.binary_search(&(y as u32)).is_ok())
    }
}
