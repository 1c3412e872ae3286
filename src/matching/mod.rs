//! Lining up equivalent initiatives across plans: rank, align, query.
//!
//! Tasks are compared clause by clause and a task pair scores as its best clause pair,
//! so that a task bundling several initiatives (5G base stations, charging piles and
//! smart communities in one) lines up with each of them.

mod blocking;
mod cluster;
mod concepts;
mod features;
mod id;
mod measures;
mod strategy;

use std::collections::{HashMap, HashSet};
use std::fmt;

use crate::par::*;

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use crate::model::{Plan, Task, TaskKind};
use crate::tokenize::{bundled_aliases, domain_words, Tokenizer};
use blocking::Blocking;
pub use concepts::{Category, Concept, ConceptMatch, Concepts};
use features::{Features, TaskFeatures};
pub use id::Id;
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
    concepts: Concepts,
    clustering: Clustering,
}

/// How `align` makes initiatives of the links it finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Clustering {
    /// Each link joins the group of the most telling term its clauses share (the method
    /// before the concept layer); groups are then named and merged like the others.
    Terms,
    /// Links whose clauses both carry a concept gather under it; other links are grouped
    /// by shared term. Groups holding mostly the same tasks are merged.
    #[default]
    Concepts,
    /// Like `Concepts`, and a task carrying the concept joins when it is linked to a
    /// member (by any clause).
    Linked,
    /// Like `Concepts`, and every task that carries a concept joins its initiative, linked
    /// or not.
    Lexical,
}

impl Clustering {
    /// Every method, for measurement.
    pub const ALL: [Clustering; 4] = [Clustering::Terms, Clustering::Concepts, Clustering::Linked, Clustering::Lexical];
}

impl fmt::Display for Clustering {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Clustering::Terms => "terms",
            Clustering::Concepts => "concepts",
            Clustering::Linked => "linked",
            Clustering::Lexical => "lexical",
        })
    }
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
    concepts: Option<Concepts>,
    added: Vec<Concept>,
    clustering: Option<Clustering>,
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

    /// The taxonomy of initiatives that names rows and anchors them (default:
    /// [`Concepts::bundled`]).
    pub fn concepts(mut self, concepts: Concepts) -> MatcherBuilder {
        self.concepts = Some(concepts);
        self
    }

    /// One more concept for the taxonomy (or more aliases for one of its names).
    pub fn concept(mut self, concept: Concept) -> MatcherBuilder {
        self.added.push(concept);
        self
    }

    /// How links become initiatives (default: [`Clustering::Concepts`]).
    pub fn clustering(mut self, clustering: Clustering) -> MatcherBuilder {
        self.clustering = Some(clustering);
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
            concepts: self.added.into_iter().fold(self.concepts.unwrap_or_default(), Concepts::with),
            clustering: self.clustering.unwrap_or_default(),
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
            concepts: Concepts::bundled(),
            clustering: Clustering::default(),
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
        let mut features = Features::build(&plans, &self.tokenizer);
        let domain: HashSet<String> = domain_words()
            .map(|w| self.tokenizer.canonical(w).to_string())
            .chain(bundled_aliases().map(|(_, c)| c.to_string()))
            .collect();
        let domain = features.terms.iter().map(|t| domain.contains(t)).collect();
        let plan_ids: Vec<Id> = plans.iter().map(|p| Id::from(&p.id)).collect();
        let refs: Vec<TaskRef> = features
            .tasks
            .iter()
            .map(|t| TaskRef {
                plan: plan_ids.get(t.plan).cloned().unwrap_or_default(),
                task: plans.get(t.plan).and_then(|p| p.tasks.get(t.task)).map(|t| Id::from(&t.id)).unwrap_or_default(),
            })
            .collect();
        let index = refs.iter().enumerate().map(|(i, r)| (r.task.clone(), i)).collect();
        let marks: Vec<TaskMarks> = features
            .tasks
            .par_iter()
            .map(|t| {
                let task = plans.get(t.plan).and_then(|p| p.tasks.get(t.task));
                let title = task.map_or("", |t| t.title.as_str());
                let clauses = t
                    .sources
                    .iter()
                    .map(|&s| {
                        let text = task.and_then(|t| t.clauses.get(s as usize)).map_or(title, |c| c.text.as_str());
                        self.marks(text)
                    })
                    .collect();
                let title = self.marks(title).iter().filter(|m| m.carried).map(|m| m.concept).collect();
                TaskMarks { clauses, title }
            })
            .collect();
        // The hybrid weighs whether two clauses carry one concept.
        for (t, m) in features.tasks.iter_mut().zip(&marks) {
            for (k, clause) in t.clauses.iter_mut().enumerate() {
                let mut carried: Vec<u32> = m.carried(k).collect();
                carried.sort_unstable();
                carried.dedup();
                clause.concepts = carried.into_boxed_slice();
            }
        }
        let safeguard = features
            .tasks
            .iter()
            .map(|t| plans.get(t.plan).and_then(|p| p.tasks.get(t.task)).is_some_and(|t| t.kind == TaskKind::Safeguard))
            .collect();
        Comparison { plans, features, matcher: self.clone(), domain, index, refs, marks, safeguard }
    }

    /// The concepts a clause names, each marked carried or leaned on.
    fn marks(&self, text: &str) -> Box<[Mark]> {
        let folded = crate::script::fold(text);
        self.concepts
            .find(&folded)
            .into_iter()
            .map(|m| Mark {
                concept: u32::try_from(m.concept).unwrap_or(u32::MAX),
                carried: concepts::carried(&folded, m.byte_start, m.byte_end),
            })
            .collect()
    }

    /// The taxonomy in use.
    pub fn concept_taxonomy(&self) -> &Concepts {
        &self.concepts
    }

    /// How links become initiatives.
    pub fn clustering(&self) -> Clustering {
        self.clustering
    }
}

/// A concept named in a clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Mark {
    concept: u32,
    /// Carried (one of the task's measures), not leaned on.
    carried: bool,
}

/// The concepts each clause of a task names, and those its title carries.
#[derive(Debug, Clone, Default)]
struct TaskMarks {
    clauses: Vec<Box<[Mark]>>,
    title: Box<[u32]>,
}

impl TaskMarks {
    /// Concepts clause `clause` carries.
    fn carried(&self, clause: usize) -> impl Iterator<Item = u32> + '_ {
        self.clauses.get(clause).into_iter().flat_map(|c| c.iter().filter(|m| m.carried).map(|m| m.concept))
    }

    /// Every concept the task carries, in a title or a clause, sorted and distinct.
    fn all_carried(&self) -> Vec<u32> {
        let mut all: Vec<u32> =
            self.title.iter().copied().chain((0..self.clauses.len()).flat_map(|c| self.carried(c))).collect();
        all.sort_unstable();
        all.dedup();
        all
    }
}

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

/// Plans prepared for comparison by a [`Matcher`].
#[derive(Debug, Clone)]
pub struct Comparison<'p> {
    plans: Vec<&'p Plan>,
    features: Features,
    matcher: Matcher,
    /// Whether each term id is a domain term.
    domain: Vec<bool>,
    /// Task id → index in `features.tasks`.
    index: HashMap<Id, usize>,
    /// Each task's ids, by index in `features.tasks`, made once and shared by every
    /// result that names the task.
    refs: Vec<TaskRef>,
    /// The concepts each task's clauses name.
    marks: Vec<TaskMarks>,
    /// Whether each task is a safeguard measure.
    safeguard: Vec<bool>,
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

/// For each scored pair, whether it lies within `margin` of the best score of each of its
/// clauses against the other task's plan. Only pairs above the threshold can link, so the
/// best among them is all that matters. Each task's pair ends are gathered (a counting
/// sort) and its clauses' bests found among them: a few bytes a pair, where a table of
/// (clause, plan) → best score sorted whole would take dozens.
fn near_best(scored: &[ScoredPair], tasks: &[TaskFeatures], margin: f64) -> Vec<bool> {
    let plan_of = |task: u32| tasks.get(task as usize).map_or(usize::MAX, |t| t.plan);
    // start[t]..start[t + 1]: where task t's pair ends lie in `ends`.
    let mut start = vec![0usize; tasks.len() + 1];
    for p in scored {
        for t in [p.a, p.b] {
            if let Some(n) = start.get_mut(t as usize + 1) {
                *n += 1;
            }
        }
    }
    for t in 1..start.len() {
        let before = start.get(t - 1).copied().unwrap_or(0);
        if let Some(n) = start.get_mut(t) {
            *n += before;
        }
    }
    let mut fill = start.clone();
    // Positions in `scored`; a national corpus stays far below 2^32 pairs.
    let mut ends = vec![u32::MAX; start.last().copied().unwrap_or(0)];
    for (at, p) in scored.iter().enumerate() {
        for t in [p.a, p.b] {
            let Some(next) = fill.get_mut(t as usize) else { continue };
            if let Some(end) = ends.get_mut(*next) {
                *end = u32::try_from(at).unwrap_or(u32::MAX);
            }
            *next += 1;
        }
    }
    drop(fill);
    let near: Vec<bool> = start
        .par_windows(2)
        .enumerate()
        .flat_map_iter(|(task, range)| {
            let task = task as u32;
            let group = match range {
                [from, to] => ends.get(*from..*to).unwrap_or(&[]),
                _ => &[],
            };
            // (this task's clause, the other task's plan) → score, for each end.
            let keyed: Vec<(u64, f64)> = group
                .iter()
                .map(|&at| {
                    let p = scored.get(at as usize).copied().unwrap_or(ScoredPair::new(f64::NAN, 0, 0, 0, 0));
                    let (clause, other) = if p.a == task { (p.clause_a, p.b) } else { (p.clause_b, p.a) };
                    ((u64::from(clause) << 32) | (plan_of(other) as u64 & 0xffff_ffff), p.score)
                })
                .collect();
            let mut best = keyed.clone();
            best.sort_unstable_by(|x, y| x.0.cmp(&y.0).then(y.1.total_cmp(&x.1)));
            best.dedup_by_key(|e| e.0);
            keyed
                .into_iter()
                .map(move |(key, score)| {
                    let top = best.binary_search_by_key(&key, |e| e.0).ok().and_then(|i| best.get(i)).map(|e| e.1);
                    top.is_some_and(|top| score >= top - margin)
                })
                .collect::<Vec<bool>>()
        })
        .collect();
    // A pair is near best when both of its ends are.
    let mut out = vec![true; scored.len()];
    for (&at, near) in ends.iter().zip(near) {
        if let (false, Some(o)) = (near, out.get_mut(at as usize)) {
            *o = false;
        }
    }
    out
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
    index: &'c HashMap<Id, usize>,
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

    /// The task a result names, found through the comparison's index (no scan of the
    /// plans); `None` for a task of no plan compared.
    ///
    /// ```
    /// use cityalign::{Corpus, Matcher};
    ///
    /// let corpus = Corpus::bundled()?;
    /// let comparison = Matcher::new().compare(corpus.plans());
    /// let hit = &comparison.query("充电桩")[0];
    /// assert_eq!(comparison.task(&hit.task).map(|t| t.id.as_str()), Some(hit.task.task.as_str()));
    /// # Ok::<(), cityalign::Error>(())
    /// ```
    pub fn task(&self, at: &TaskRef) -> Option<&'p Task> {
        let features = self.index.get(at.task.as_str()).and_then(|&i| self.features.tasks.get(i))?;
        let task = self.plans.get(features.plan).and_then(|p| p.tasks.get(features.task))?;
        debug_assert_eq!(task.id, at.task.as_str(), "the index names another task");
        Some(task)
    }

    /// The matcher used.
    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    fn task_ref(&self, task: usize) -> TaskRef {
        self.refs.get(task).cloned().unwrap_or_default()
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
        let mut scored: Vec<(Scored, usize, &TaskFeatures)> = self
            .features
            .tasks
            .iter()
            .enumerate()
            .filter(|(_, b)| b.plan == p && !(b.plan == a.plan && b.task == a.task))
            .map(|(i, b)| (self.score(a, b), i, b))
            .filter(|(s, _, _)| s.score > 0.0)
            .collect();
        scored.sort_by(|x, y| y.0.score.total_cmp(&x.0.score).then(x.2.task.cmp(&y.2.task)));
        scored
            .into_iter()
            .enumerate()
            .map(|(rank, (s, i, b))| Candidate {
                task: self.task_ref(i),
                score: s.score,
                rank: rank + 1,
                clause_a: s.clause_a,
                clause_b: s.clause_b,
                breakdown: scorer.explain(&self.features, a, b, s),
            })
            .collect()
    }

    /// Why task `b` scored as it did against task `a`: the score, the clauses matched and
    /// the breakdown, as [`Comparison::rank`] gives them, for one pair without ranking
    /// the whole plan. `None` when either id is unknown.
    ///
    /// # Examples
    ///
    /// ```
    /// use cityalign::{Corpus, Matcher};
    ///
    /// let corpus = Corpus::bundled()?;
    /// let comparison = Matcher::new().compare(corpus.plans());
    /// let why = comparison.explain("dongying-2022#16", "jimo-2024#23").expect("both tasks exist");
    /// let ranked = comparison.rank("dongying-2022#16", "jimo-2024");
    /// assert_eq!(why.score, ranked[0].score);
    /// assert_eq!(why.breakdown, ranked[0].breakdown);
    /// assert!(comparison.explain("dongying-2022#16", "no-such-task").is_none());
    /// # Ok::<(), cityalign::Error>(())
    /// ```
    pub fn explain(&self, a: &str, b: &str) -> Option<Explanation> {
        let (ta, tb) = (self.find(a)?, self.find(b)?);
        let s = self.score(ta, tb);
        Some(Explanation {
            score: s.score,
            clause_a: s.clause_a,
            clause_b: s.clause_b,
            breakdown: self.matcher.strategy.scorer().explain(&self.features, ta, tb, s),
        })
    }

    /// The score of two tasks by id, `None` when either is unknown.
    pub fn similarity(&self, a: &str, b: &str) -> Option<f64> {
        Some(self.score(self.find(a)?, self.find(b)?).score)
    }

    /// Whether term `t` is a domain term. Term ids come from this comparison's features,
    /// so a miss is a bug.
    fn is_domain(&self, t: u32) -> bool {
        debug_assert!((t as usize) < self.domain.len(), "term id {t} outside the comparison's terms");
        self.domain.get(t as usize).copied().unwrap_or(false)
    }

    /// The most telling term two matched clauses share: domain terms first, then the
    /// rarest.
    fn label(&self, a: &TaskFeatures, b: &TaskFeatures, s: Scored) -> Option<u32> {
        let (ca, cb) = (a.clauses.get(s.clause_a)?, b.clauses.get(s.clause_b)?);
        let weight = |t: u32| measures::telling(self.features.stats.idf(t), self.is_domain(t));
        ca.set
            .iter()
            .copied()
            .filter(|t| cb.set.binary_search(t).is_ok())
            .max_by(|x, y| weight(*x).total_cmp(&weight(*y)))
    }

    /// Clause pairs that reach the threshold, in task-pair order whatever the number of
    /// threads; packed small, as a national corpus has tens of millions of them. Scored in
    /// chunks of tasks, so that only one chunk's pairs are ever held twice.
    fn scored_pairs(&self) -> Vec<ScoredPair> {
        let tasks = &self.features.tasks;
        let scorer = self.matcher.strategy.scorer();
        let threshold = self.matcher.threshold;
        let candidates = self.candidate_lists();
        let mut scored: Vec<ScoredPair> = Vec::new();
        for (chunk, lists) in candidates.chunks(4096).enumerate() {
            let found: Vec<ScoredPair> = lists
                .par_iter()
                .enumerate()
                .flat_map_iter(|(k, others)| {
                    let i = chunk * 4096 + k;
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
            scored.extend(found);
        }
        scored
    }

    /// Lines up the plans, clause by clause: for every pair of plans, the clause pairs
    /// whose score reaches the threshold and lies within the margin of each clause's best
    /// match in the other plan. Each such pair links its two tasks and joins the
    /// initiative named by the term it is about, so that a task bundling several
    /// initiatives joins each of them.
    pub fn align(&self) -> Alignment {
        let tasks = &self.features.tasks;
        let scored = self.scored_pairs();
        let near_best = near_best(&scored, tasks, self.matcher.margin);
        // Task pair → its best link's score and term label, kept small until the end: a
        // national corpus has millions of links.
        let mut links: IndexMap<(u32, u32), (f64, u32)> = IndexMap::new();
        let mut groups: IndexMap<cluster::Key, Vec<cluster::Pair>> = IndexMap::new();
        let by_terms = self.matcher.clustering == Clustering::Terms;
        for (pair, _) in scored.into_iter().zip(near_best).filter(|(_, near)| *near) {
            let (i, ci, j, cj) = pair.indices();
            let score = pair.score;
            let (Some(a), Some(b)) = (tasks.get(i), tasks.get(j)) else { continue };
            let Some(label) = self.label(a, b, Scored { score, clause_a: ci, clause_b: cj }) else { continue };
            // Concepts both clauses carry (sorted lists: no allocation for the many pairs
            // that carry none).
            let shared: Vec<u32> = match (by_terms, a.clauses.get(ci), b.clauses.get(cj)) {
                (false, Some(x), Some(y)) if !x.concepts.is_empty() && !y.concepts.is_empty() => {
                    x.concepts.iter().copied().filter(|c| y.concepts.binary_search(c).is_ok()).collect()
                }
                _ => Vec::new(),
            };
            let entry = links.entry((pair.a, pair.b));
            let at = u32::try_from(entry.index()).unwrap_or(u32::MAX);
            let entry = entry.or_insert((score, label));
            if score > entry.0 {
                *entry = (score, label);
            }
            let link = cluster::Pair::new(at, pair.clause_a, pair.clause_b);
            if shared.is_empty() {
                groups.entry(cluster::Key::Term(label)).or_default().push(link);
            }
            for c in shared {
                groups.entry(cluster::Key::Concept(c)).or_default().push(link);
            }
        }
        cluster::initiatives(self, groups, links)
    }

    /// The tasks of every plan that name an initiative `term` ("5G基站", "智慧养老"),
    /// best first, each marked whether it carries it ([`Hit::carries`]) or only mentions
    /// it. A task is a hit when one of its clauses carries at least half of the query's
    /// weight (aliases count: 城市云脑 answers 城市大脑), or when it carries the concept the
    /// term names in the taxonomy.
    pub fn query(&self, term: &str) -> Vec<Hit> {
        let wanted = self.features.query_terms(&self.matcher.tokenizer, term);
        // A term no plan uses weighs as the rarest, so that it cannot be skipped.
        let idf = |t: &Option<u32>| self.features.stats.idf(t.unwrap_or(u32::MAX));
        let total: f64 = wanted.iter().map(idf).sum();
        if total <= 0.0 || term.trim().is_empty() {
            return Vec::new();
        }
        let concepts = &self.matcher.concepts;
        let folded = crate::script::fold(term.trim());
        // The concept the query names: by its name, else by an alias it contains.
        let concept = concepts
            .iter()
            .position(|c| c.name == folded.as_ref())
            .or_else(|| concepts.find(&folded).first().map(|m| m.concept))
            .and_then(|k| u32::try_from(k).ok());
        let mut hits: Vec<Hit> = self
            .features
            .tasks
            .iter()
            .enumerate()
            .filter_map(|(i, t)| {
                let (best, at) = t
                    .clauses
                    .iter()
                    .enumerate()
                    .map(|(k, c)| {
                        let w = wanted
                            .iter()
                            .filter(|w| w.is_some_and(|w| c.set.binary_search(&w).is_ok()))
                            .map(idf)
                            .sum::<f64>();
                        (w, k)
                    })
                    .fold((0.0, 0), |acc, x| if x.0 > acc.0 { x } else { acc });
                let score = (best / total).clamp(0.0, 1.0);
                let marks = self.marks.get(i);
                let carries_concept = concept.is_some_and(|k| marks.is_some_and(|m| m.all_carried().contains(&k)));
                if score < 0.5 && !carries_concept {
                    return None;
                }
                let carries = match concept {
                    Some(_) => carries_concept,
                    None => self.clause_text(t, at).is_none_or(|text| {
                        let text = crate::script::fold(text);
                        text.find(folded.as_ref())
                            .is_none_or(|start| concepts::carried(&text, start, start + folded.len()))
                    }),
                };
                Some(Hit { task: self.task_ref(i), score: score.max(if carries_concept { 0.5 } else { 0.0 }), carries })
            })
            .collect();
        hits.sort_by(|a, b| b.carries.cmp(&a.carries).then(b.score.total_cmp(&a.score)));
        hits
    }

    /// The words that say a task is about `initiative`: its concept's name and aliases,
    /// else the terms of its key phrase.
    pub fn initiative_terms(&self, initiative: &Initiative) -> Vec<String> {
        let concept = initiative.concept.as_deref().and_then(|n| self.matcher.concepts.iter().find(|c| c.name == n));
        match concept {
            Some(c) => std::iter::once(c.name.clone()).chain(c.aliases.iter().cloned()).collect(),
            None => initiative.label.split('·').filter(|t| !t.is_empty()).map(String::from).collect(),
        }
    }

    /// Indices in the task's [`clauses`](crate::Task::clauses) of the clauses that carry
    /// `initiative` (its concept, else a term of its key phrase); empty for an unknown task.
    pub fn carrying_clauses(&self, task_id: &str, initiative: &Initiative) -> Vec<usize> {
        self.carrying_clauses_with(task_id, self.concept_index(initiative), &self.initiative_terms(initiative))
    }

    /// The index of an initiative's concept in the taxonomy.
    pub(crate) fn concept_index(&self, initiative: &Initiative) -> Option<u32> {
        initiative
            .concept
            .as_deref()
            .and_then(|n| self.matcher.concepts.iter().position(|c| c.name == n))
            .and_then(|k| u32::try_from(k).ok())
    }

    /// [`Comparison::carrying_clauses`] with the concept and terms looked up once per row.
    pub(crate) fn carrying_clauses_with(&self, task_id: &str, concept: Option<u32>, terms: &[String]) -> Vec<usize> {
        let Some(&i) = self.index.get(task_id) else { return Vec::new() };
        let (Some(t), Some(marks)) = (self.features.tasks.get(i), self.marks.get(i)) else { return Vec::new() };
        let mut out: Vec<usize> = (0..t.clauses.len())
            .filter(|&k| match concept {
                Some(c) => marks.carried(k).any(|m| m == c),
                None => self.clause_text(t, k).is_some_and(|text| terms.iter().any(|w| text.contains(w.as_str()))),
            })
            .filter_map(|k| t.sources.get(k).copied().filter(|&s| s != u32::MAX).map(|s| s as usize))
            .collect();
        out.dedup();
        out
    }

    /// What sets each plan apart: for every plan (in order), its tasks that no other plan
    /// shares — in no initiative and linked to no task of another plan.
    ///
    /// # Examples
    ///
    /// ```
    /// use cityalign::{Corpus, Matcher};
    ///
    /// let corpus = Corpus::bundled()?;
    /// let comparison = Matcher::new().compare(corpus.plans());
    /// let own = comparison.distinctive(&comparison.align());
    /// assert_eq!(own.len(), corpus.plans().len());
    /// assert!(own.iter().all(|(plan, tasks)| tasks.iter().all(|t| t.plan == *plan)));
    /// # Ok::<(), cityalign::Error>(())
    /// ```
    pub fn distinctive(&self, alignment: &Alignment) -> Vec<(Id, Vec<TaskRef>)> {
        let shared: rustc_hash::FxHashSet<&str> = alignment
            .initiatives
            .iter()
            .flat_map(|i| i.members.iter().map(|m| m.task.as_str()))
            .chain(alignment.links.iter().flat_map(|l| [l.a.task.as_str(), l.b.task.as_str()]))
            .collect();
        let mut out: Vec<(Id, Vec<TaskRef>)> = self.plans.iter().map(|p| (Id::from(&p.id), Vec::new())).collect();
        for (r, t) in self.refs.iter().zip(&self.features.tasks) {
            if !shared.contains(r.task.as_str()) {
                if let Some((_, tasks)) = out.get_mut(t.plan) {
                    tasks.push(r.clone());
                }
            }
        }
        out
    }

    /// The text of a task's clause (by index in its features).
    fn clause_text(&self, t: &TaskFeatures, clause: usize) -> Option<&str> {
        let task = self.plans.get(t.plan)?.tasks.get(t.task)?;
        match t.sources.get(clause).copied() {
            Some(s) if s != u32::MAX => task.clauses.get(s as usize).map(|c| c.text.as_str()),
            _ => Some(task.title.as_str()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Corpus;

    /// `near_best` against the plain definition: the best score of a clause against a
    /// plan, over every scored pair it is part of, on either side.
    #[test]
    fn near_best_is_within_the_margin_of_each_clause_best() {
        let corpus = Corpus::bundled().unwrap();
        let matcher = Matcher::builder().threshold(0.2).build().unwrap();
        let comparison = matcher.compare(corpus.plans());
        let tasks = &comparison.features.tasks;
        let scored = comparison.scored_pairs();
        assert!(scored.len() > 1000, "help: too few pairs to tell anything");
        let plan_of = |t: u32| tasks[t as usize].plan;
        let mut best: HashMap<(u32, u32, usize), f64> = HashMap::new();
        for p in &scored {
            for key in [(p.a, p.clause_a, plan_of(p.b)), (p.b, p.clause_b, plan_of(p.a))] {
                let top = best.entry(key).or_insert(f64::MIN);
                *top = top.max(p.score);
            }
        }
        for margin in [0.0, 0.05, 0.3] {
            let near = near_best(&scored, tasks, margin);
            let expected: Vec<bool> = scored
                .iter()
                .map(|p| {
                    p.score >= best[&(p.a, p.clause_a, plan_of(p.b))] - margin
                        && p.score >= best[&(p.b, p.clause_b, plan_of(p.a))] - margin
                })
                .collect();
            assert_eq!(near, expected, "help: margin {margin}");
            let kept = near.iter().filter(|&&n| n).count();
            assert!(kept > 0 && (margin > 0.0 || kept < scored.len()), "help: margin {margin} kept {kept}");
        }
        assert!(near_best(&[], tasks, 0.0).is_empty());
    }
}
