//! Lining up equivalent initiatives across plans: rank, align, query.
//!
//! Tasks are compared clause by clause and a task pair scores as its best clause pair,
//! so that a task bundling several initiatives (5G base stations, charging piles and
//! smart communities in one) lines up with each of them.

mod features;
mod strategy;

use std::collections::HashSet;
use std::fmt;

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use crate::model::Plan;
use crate::tokenize::{bundled_aliases, domain_words, Tokenizer};
use features::{Features, TaskFeatures};
use strategy::Scored;
pub use strategy::{Contribution, Strategy, UnknownStrategy};

/// A configuration that cannot work.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// A threshold outside [0, 1].
    #[error("invalid threshold {0}, expected a number in [0, 1]")]
    Threshold(f64),
    /// A margin outside [0, 1].
    #[error("invalid margin {0}, expected a number in [0, 1]")]
    Margin(f64),
    /// A strategy name that does not exist.
    #[error(transparent)]
    Strategy(#[from] UnknownStrategy),
}

/// Compares plans with one strategy. `Matcher::new()` is the hybrid strategy with its
/// default threshold; [`Matcher::builder`] configures.
///
/// # Examples
///
/// ```
/// use cityalign::{Corpus, Matcher, Strategy};
///
/// let corpus = Corpus::bundled()?;
/// let matcher = Matcher::builder().strategy(Strategy::Hybrid).threshold(0.4).build()?;
/// let comparison = matcher.compare(corpus.plans());
/// // 东营's 双千兆 task against 即墨: the bundle that builds its 5G base stations comes first.
/// let best = comparison.rank("dongying-2022#16", "jimo-2024");
/// assert_eq!(best[0].task.task, "jimo-2024#23");
/// assert!(best[0].score > best[1].score);
/// assert!(Matcher::builder().threshold(1.5).build().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Matcher {
    strategy: Strategy,
    threshold: f64,
    margin: f64,
    tokenizer: Tokenizer,
}

impl Default for Matcher {
    fn default() -> Matcher {
        Matcher::new()
    }
}

/// Builds a [`Matcher`].
#[derive(Debug, Clone, Default)]
pub struct MatcherBuilder {
    strategy: Option<Strategy>,
    threshold: Option<f64>,
    margin: Option<f64>,
    tokenizer: Option<Tokenizer>,
}

impl MatcherBuilder {
    /// The strategy (default: [`Strategy::Hybrid`]).
    pub fn strategy(mut self, strategy: Strategy) -> MatcherBuilder {
        self.strategy = Some(strategy);
        self
    }

    /// The lowest score at which two tasks are aligned (default: the strategy's
    /// [`Strategy::default_threshold`]).
    pub fn threshold(mut self, threshold: f64) -> MatcherBuilder {
        self.threshold = Some(threshold);
        self
    }

    /// How far below a task's best match another may score and still be aligned with it
    /// (default 0: mutual best matches only).
    pub fn margin(mut self, margin: f64) -> MatcherBuilder {
        self.margin = Some(margin);
        self
    }

    /// The tokenizer (default: [`Tokenizer::new`]).
    pub fn tokenizer(mut self, tokenizer: Tokenizer) -> MatcherBuilder {
        self.tokenizer = Some(tokenizer);
        self
    }

    /// The matcher.
    ///
    /// # Errors
    ///
    /// [`ConfigError`] for a threshold or margin outside [0, 1].
    pub fn build(self) -> Result<Matcher, ConfigError> {
        let strategy = self.strategy.unwrap_or_default();
        let threshold = self.threshold.unwrap_or_else(|| strategy.default_threshold());
        if !(0.0..=1.0).contains(&threshold) {
            return Err(ConfigError::Threshold(threshold));
        }
        let margin = self.margin.unwrap_or(0.0);
        if !(0.0..=1.0).contains(&margin) {
            return Err(ConfigError::Margin(margin));
        }
        Ok(Matcher { strategy, threshold, margin, tokenizer: self.tokenizer.unwrap_or_default() })
    }
}

impl Matcher {
    /// The hybrid strategy with its default threshold.
    pub fn new() -> Matcher {
        Matcher {
            strategy: Strategy::Hybrid,
            threshold: Strategy::Hybrid.default_threshold(),
            margin: 0.0,
            tokenizer: Tokenizer::new(),
        }
    }

    /// A builder.
    pub fn builder() -> MatcherBuilder {
        MatcherBuilder::default()
    }

    /// The strategy in use.
    pub fn strategy(&self) -> Strategy {
        self.strategy
    }

    /// The alignment threshold in use.
    pub fn threshold(&self) -> f64 {
        self.threshold
    }

    /// Prepares the plans for comparison: tokenizes every clause once and learns the
    /// corpus statistics (IDF) from these plans.
    pub fn compare<'p>(&self, plans: impl IntoIterator<Item = &'p Plan>) -> Comparison<'p> {
        let plans: Vec<&Plan> = plans.into_iter().collect();
        let features = Features::build(&plans, &self.tokenizer);
        let domain: HashSet<String> = domain_words()
            .map(|w| self.tokenizer.canonical(w).to_string())
            .chain(bundled_aliases().map(|(_, c)| c.to_string()))
            .collect();
        let domain = features.terms.iter().map(|t| domain.contains(t)).collect();
        Comparison { plans, features, matcher: self.clone(), domain }
    }
}

/// A task of a plan, by ids.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct TaskRef {
    /// The plan's id.
    pub plan: String,
    /// The task's id.
    pub task: String,
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

/// Tasks of several plans that carry the same initiative.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Initiative {
    /// Its label: the most telling term its members share ("5G基站", "智慧社区").
    pub label: String,
    /// Its tasks, in plan order.
    pub members: Vec<TaskRef>,
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
    pub label: String,
}

/// The initiatives found across plans, and the links they were built from.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Alignment {
    /// Initiatives, most plans first.
    pub initiatives: Vec<Initiative>,
    /// Aligned task pairs.
    pub links: Vec<Link>,
}

impl Alignment {
    /// Whether `a` and `b` were put in one initiative.
    pub fn aligned(&self, a: &str, b: &str) -> bool {
        self.initiatives.iter().any(|i| i.members.iter().any(|m| m.task == a) && i.members.iter().any(|m| m.task == b))
    }
}

/// Plans prepared for comparison by a [`Matcher`].
#[derive(Debug, Clone)]
pub struct Comparison<'p> {
    plans: Vec<&'p Plan>,
    features: Features,
    matcher: Matcher,
    /// Whether each term id is a domain term.
    domain: Vec<bool>,
}

impl<'p> Comparison<'p> {
    /// The plans compared.
    pub fn plans(&self) -> &[&'p Plan] {
        &self.plans
    }

    /// The matcher used.
    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    fn task_ref(&self, t: &TaskFeatures) -> TaskRef {
        let plan = self.plans.get(t.plan);
        TaskRef {
            plan: plan.map_or(String::new(), |p| p.id.clone()),
            task: plan.and_then(|p| p.tasks.get(t.task)).map_or(String::new(), |t| t.id.clone()),
        }
    }

    fn find(&self, task_id: &str) -> Option<&TaskFeatures> {
        self.features
            .tasks
            .iter()
            .find(|t| self.plans.get(t.plan).and_then(|p| p.tasks.get(t.task)).is_some_and(|x| x.id == task_id))
    }

    fn plan_index(&self, plan_id: &str) -> Option<usize> {
        self.plans.iter().position(|p| p.id == plan_id)
    }

    fn score(&self, a: &TaskFeatures, b: &TaskFeatures) -> Scored {
        self.matcher.strategy.scorer().task(&self.features, a, b)
    }

    /// The tasks of plan `plan_id` ranked against task `task_id`, best first (tasks that
    /// share nothing with it are left out). Empty when either id is unknown.
    pub fn rank(&self, task_id: &str, plan_id: &str) -> Vec<Candidate> {
        let (Some(a), Some(p)) = (self.find(task_id), self.plan_index(plan_id)) else { return Vec::new() };
        let scorer = self.matcher.strategy.scorer();
        let mut scored: Vec<(Scored, &TaskFeatures)> = self
            .features
            .tasks
            .iter()
            .filter(|b| b.plan == p && !(b.plan == a.plan && b.task == a.task))
            .map(|b| (self.score(a, b), b))
            .filter(|(s, _)| s.score > 0.0)
            .collect();
        scored.sort_by(|x, y| y.0.score.total_cmp(&x.0.score).then(x.1.task.cmp(&y.1.task)));
        scored
            .into_iter()
            .enumerate()
            .map(|(i, (s, b))| Candidate {
                task: self.task_ref(b),
                score: s.score,
                rank: i + 1,
                clause_a: s.clause_a,
                clause_b: s.clause_b,
                breakdown: scorer.explain(&self.features, a, b, s),
            })
            .collect()
    }

    /// The score of two tasks by id, `None` when either is unknown.
    pub fn similarity(&self, a: &str, b: &str) -> Option<f64> {
        Some(self.score(self.find(a)?, self.find(b)?).score)
    }

    /// The most telling term two matched clauses share: domain terms first, then the
    /// rarest.
    fn label(&self, a: &TaskFeatures, b: &TaskFeatures, s: Scored) -> Option<u32> {
        let (ca, cb) = (a.clauses.get(s.clause_a)?, b.clauses.get(s.clause_b)?);
        let weight = |t: u32| {
            let domain = self.domain.get(t as usize).copied().unwrap_or(false);
            self.features.stats.idf(t) * if domain { 3.0 } else { 1.0 }
        };
        ca.set
            .iter()
            .copied()
            .filter(|t| cb.set.binary_search(t).is_ok())
            .max_by(|x, y| weight(*x).total_cmp(&weight(*y)))
    }

    /// Lines up the plans, clause by clause: for every pair of plans, the clause pairs
    /// whose score reaches the threshold and lies within the margin of each clause's best
    /// match in the other plan. Each such pair links its two tasks and joins the
    /// initiative named by the term it is about, so that a task bundling several
    /// initiatives joins each of them.
    pub fn align(&self) -> Alignment {
        let tasks = &self.features.tasks;
        let scorer = self.matcher.strategy.scorer();
        let (threshold, margin) = (self.matcher.threshold, self.matcher.margin);
        let mut links: IndexMap<(usize, usize), Link> = IndexMap::new();
        let mut groups: IndexMap<u32, Vec<usize>> = IndexMap::new();
        let of_plan = |plan: usize| -> Vec<usize> {
            (0..tasks.len()).filter(|&i| tasks.get(i).is_some_and(|t| t.plan == plan)).collect()
        };
        for p in 0..self.plans.len() {
            let left = of_plan(p);
            // Where each task's clauses start in the plan's list of clauses.
            let offsets = |ids: &[usize]| -> (Vec<usize>, usize) {
                let mut at = 0;
                let starts = ids
                    .iter()
                    .map(|&i| {
                        let s = at;
                        at += tasks.get(i).map_or(0, |t| t.clauses.len());
                        s
                    })
                    .collect();
                (starts, at)
            };
            let (left_start, left_len) = offsets(&left);
            for q in p + 1..self.plans.len() {
                let right = of_plan(q);
                let (right_start, right_len) = offsets(&right);
                // (score, left task, left clause, right task, right clause) of scored pairs.
                let mut scored: Vec<(f64, usize, usize, usize, usize)> = Vec::new();
                let mut best_left = vec![0.0f64; left_len];
                let mut best_right = vec![0.0f64; right_len];
                for (x, &i) in left.iter().enumerate() {
                    for (y, &j) in right.iter().enumerate() {
                        let (Some(a), Some(b)) = (tasks.get(i), tasks.get(j)) else { continue };
                        let (ls, rs) =
                            (left_start.get(x).copied().unwrap_or(0), right_start.get(y).copied().unwrap_or(0));
                        scorer.clause_pairs(&self.features, a, b, &mut |ci, cj, score| {
                            if let Some(best) = best_left.get_mut(ls + ci) {
                                *best = best.max(score);
                            }
                            if let Some(best) = best_right.get_mut(rs + cj) {
                                *best = best.max(score);
                            }
                            if score >= threshold {
                                scored.push((score, x, ci, y, cj));
                            }
                        });
                    }
                }
                for (score, x, ci, y, cj) in scored {
                    let (ls, rs) = (left_start.get(x).copied().unwrap_or(0), right_start.get(y).copied().unwrap_or(0));
                    let near_best = best_left.get(ls + ci).is_some_and(|b| score >= b - margin)
                        && best_right.get(rs + cj).is_some_and(|b| score >= b - margin);
                    let (Some(&i), Some(&j)) = (left.get(x), right.get(y)) else { continue };
                    let (Some(a), Some(b)) = (tasks.get(i), tasks.get(j)) else { continue };
                    if !near_best {
                        continue;
                    }
                    let Some(label) = self.label(a, b, Scored { score, clause_a: ci, clause_b: cj }) else { continue };
                    groups.entry(label).or_default().extend([i, j]);
                    let link = Link {
                        a: self.task_ref(a),
                        b: self.task_ref(b),
                        score,
                        label: self.features.terms.get_index(label as usize).cloned().unwrap_or_default(),
                    };
                    let entry = links.entry((i, j)).or_insert_with(|| link.clone());
                    if link.score > entry.score {
                        *entry = link;
                    }
                }
            }
        }
        let mut initiatives: Vec<Initiative> = groups
            .into_iter()
            .map(|(label, mut members)| {
                members.sort_unstable();
                members.dedup();
                Initiative {
                    label: self.features.terms.get_index(label as usize).cloned().unwrap_or_default(),
                    members: members.iter().filter_map(|&i| tasks.get(i)).map(|t| self.task_ref(t)).collect(),
                }
            })
            .collect();
        initiatives.sort_by(|a, b| b.plans().len().cmp(&a.plans().len()).then(b.members.len().cmp(&a.members.len())));
        Alignment { initiatives, links: links.into_values().collect() }
    }

    /// The tasks of every plan that carry an initiative named by `term` ("5G基站",
    /// "智慧养老"), best first: a task is a hit when one of its clauses carries at least
    /// half of the query's weight (aliases count: 城市云脑 answers 城市大脑).
    pub fn query(&self, term: &str) -> Vec<Hit> {
        let wanted = self.features.query_terms(&self.matcher.tokenizer, term);
        // A term no plan uses weighs as the rarest, so that it cannot be skipped.
        let idf = |t: &Option<u32>| self.features.stats.idf(t.unwrap_or(u32::MAX));
        let total: f64 = wanted.iter().map(idf).sum();
        if total <= 0.0 {
            return Vec::new();
        }
        let mut hits: Vec<Hit> = self
            .features
            .tasks
            .iter()
            .filter_map(|t| {
                let best = t
                    .clauses
                    .iter()
                    .map(|c| {
                        wanted
                            .iter()
                            .filter(|w| w.is_some_and(|w| c.set.binary_search(&w).is_ok()))
                            .map(idf)
                            .sum::<f64>()
                    })
                    .fold(0.0, f64::max);
                let score = (best / total).clamp(0.0, 1.0);
                (score >= 0.5).then(|| Hit { task: self.task_ref(t), score })
            })
            .collect();
        hits.sort_by(|a, b| b.score.total_cmp(&a.score));
        hits
    }
}
