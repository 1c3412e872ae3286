//! Lining up equivalent initiatives across plans: rank, align, query.
//!
//! Tasks are compared clause by clause and a task pair scores as its best clause pair,
//! so that a task bundling several initiatives (5G base stations, charging piles and
//! smart communities in one) lines up with each of them.

mod blocking;
mod features;
mod strategy;

use std::collections::{HashMap, HashSet};
use std::fmt;

use rayon::prelude::*;

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use crate::model::Plan;
use crate::tokenize::{bundled_aliases, domain_words, Tokenizer};
use blocking::Blocking;
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
    /// `None`: `align` scores every pair of tasks of different plans.
    blocking: Option<Blocking>,
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
    exhaustive: bool,
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

    /// Whether `align` scores every pair of tasks of different plans instead of the
    /// candidates an inverted index proposes (default: false). Exhaustive alignment costs
    /// the square of the corpus; it is the reference blocking is measured against.
    pub fn exhaustive(mut self, exhaustive: bool) -> MatcherBuilder {
        self.exhaustive = exhaustive;
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
        Ok(Matcher {
            strategy,
            threshold,
            margin,
            tokenizer: self.tokenizer.unwrap_or_default(),
            blocking: (!self.exhaustive).then(Blocking::default),
        })
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
            blocking: Some(Blocking::default()),
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
        let index = features
            .tasks
            .iter()
            .enumerate()
            .filter_map(|(i, t)| plans.get(t.plan).and_then(|p| p.tasks.get(t.task)).map(|task| (task.id.clone(), i)))
            .collect();
        Comparison { plans, features, matcher: self.clone(), domain, index }
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
    /// Task id → index in `features.tasks`.
    index: HashMap<String, usize>,
}

/// A clause pair above the threshold, packed: a national corpus has tens of millions.
#[derive(Debug, Clone, Copy)]
struct ScoredPair {
    score: f64,
    a: u32,
    b: u32,
    clause_a: u32,
    clause_b: u32,
}

impl ScoredPair {
    fn new(score: f64, a: usize, clause_a: usize, b: usize, clause_b: usize) -> ScoredPair {
        let narrow = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
        ScoredPair { score, a: narrow(a), b: narrow(b), clause_a: narrow(clause_a), clause_b: narrow(clause_b) }
    }

    fn indices(&self) -> (usize, usize, usize, usize) {
        (self.a as usize, self.clause_a as usize, self.b as usize, self.clause_b as usize)
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
    lists: Vec<Vec<u32>>,
    index: &'c HashMap<String, usize>,
    all: u64,
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
        self.index.get(task_id).and_then(|&i| self.features.tasks.get(i))
    }

    /// For each task, the later tasks of other plans `align` scores it against.
    fn candidate_lists(&self) -> Vec<Vec<u32>> {
        let tasks = &self.features.tasks;
        match self.matcher.blocking {
            Some(config) => blocking::candidates(&self.features, &self.domain, config),
            None => (0..tasks.len())
                .into_par_iter()
                .map(|i| {
                    let plan = tasks.get(i).map_or(usize::MAX, |t| t.plan);
                    (i + 1..tasks.len())
                        .filter(|&j| tasks.get(j).is_some_and(|t| t.plan != plan))
                        .map(|j| j as u32)
                        .collect()
                })
                .collect(),
        }
    }

    /// The task pairs `align` scores: the candidates of blocking, or every pair of tasks
    /// of different plans for an exhaustive matcher.
    pub fn candidates(&self) -> Candidates<'_> {
        let mut per_plan = vec![0u64; self.plans.len()];
        for t in &self.features.tasks {
            if let Some(n) = per_plan.get_mut(t.plan) {
                *n += 1;
            }
        }
        let total: u64 = per_plan.iter().sum();
        let same: u64 = per_plan.iter().map(|n| n * n.saturating_sub(1) / 2).sum();
        let all = total * total.saturating_sub(1) / 2 - same;
        Candidates { lists: self.candidate_lists(), index: &self.index, all }
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
        // Where each task's clauses start in the list of all clauses.
        let mut clause_start = Vec::with_capacity(tasks.len());
        let mut at = 0usize;
        for t in tasks {
            clause_start.push(at);
            at += t.clauses.len();
        }
        // Clause pairs that reach the threshold, in task-pair order whatever the number of
        // threads; packed small, as a national corpus has tens of millions of them.
        let candidates = self.candidate_lists();
        let scored: Vec<ScoredPair> = candidates
            .par_iter()
            .enumerate()
            .flat_map_iter(|(i, others)| {
                let mut found = Vec::new();
                if let Some(a) = tasks.get(i) {
                    for &j in others {
                        let Some(b) = tasks.get(j as usize) else { continue };
                        scorer.clause_pairs(&self.features, a, b, &mut |ci, cj, score| {
                            if score >= threshold {
                                found.push(ScoredPair::new(score, i, ci, j as usize, cj));
                            }
                        });
                    }
                }
                found
            })
            .collect();
        drop(candidates);
        // A clause's best score against each other plan, as (clause, plan) → score sorted
        // by key. Only pairs above the threshold can link, and a link must be near its
        // clauses' best, so the best among those pairs is all that matters.
        let global = |task: usize, clause: usize| clause_start.get(task).copied().unwrap_or(0) + clause;
        let plan_of = |task: usize| tasks.get(task).map_or(usize::MAX, |t| t.plan);
        let key = |clause: usize, plan: usize| ((clause as u64) << 32) | (plan as u64 & 0xffff_ffff);
        let mut best: Vec<(u64, f64)> = scored
            .iter()
            .flat_map(|p| {
                let (i, ci, j, cj) = p.indices();
                [(key(global(i, ci), plan_of(j)), p.score), (key(global(j, cj), plan_of(i)), p.score)]
            })
            .collect();
        best.par_sort_unstable_by(|x, y| x.0.cmp(&y.0).then(y.1.total_cmp(&x.1)));
        best.dedup_by_key(|e| e.0);
        best.shrink_to_fit();
        let best_of = |k: u64| best.binary_search_by_key(&k, |e| e.0).ok().and_then(|at| best.get(at)).map(|e| e.1);
        let mut links: IndexMap<(usize, usize), Link> = IndexMap::new();
        let mut groups: IndexMap<u32, Vec<usize>> = IndexMap::new();
        for pair in scored {
            let (i, ci, j, cj) = pair.indices();
            let near_best = |k| best_of(k).is_some_and(|b| pair.score >= b - margin);
            if !near_best(key(global(i, ci), plan_of(j))) || !near_best(key(global(j, cj), plan_of(i))) {
                continue;
            }
            let score = pair.score;
            let (Some(a), Some(b)) = (tasks.get(i), tasks.get(j)) else { continue };
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
