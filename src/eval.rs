//! Measuring a matcher against a gold alignment: pairwise precision / recall / F1 of
//! `align`, B-cubed F1 of its initiatives, Hits@1 / Hits@3 / MRR of `rank`, and
//! precision / recall of `query`.
//!
//! The gold format is plain text, one initiative a block:
//!
//! ```text
//! == 5G基站
//! dongying-2022: 二(四)16, 二(三)10?
//! binzhou-2023: 四(一)28
//! ```
//!
//! Paths are the tasks' numbering as the document writes it; a trailing `?` marks a task
//! that may be aligned but need not be: pairs involving it count neither way.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::matching::{Alignment, Comparison, Concepts, Matcher, Strategy};
use crate::model::Plan;

/// A gold file that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum GoldError {
    /// A member line before any `==` line.
    #[error("line {line}: member before any `== label` line")]
    NoInitiative {
        /// 1-based line number.
        line: usize,
    },
    /// A line that is not `plan: path, path`.
    #[error("line {line}: expected `plan-id: path, path…`, found {text:?}")]
    Syntax {
        /// 1-based line number.
        line: usize,
        /// The line.
        text: String,
    },
    /// A plan id not among the plans given.
    #[error("line {line}: unknown plan {plan:?}")]
    UnknownPlan {
        /// 1-based line number.
        line: usize,
        /// The id.
        plan: String,
    },
    /// A path that names no task of its plan.
    #[error("line {line}: plan {plan} has no task at {path:?}")]
    UnknownTask {
        /// 1-based line number.
        line: usize,
        /// The plan.
        plan: String,
        /// The path as written.
        path: String,
    },
}

/// A task of a gold initiative.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct GoldMember {
    /// The plan's id.
    pub plan: String,
    /// The task's id.
    pub task: String,
    /// Whether aligning it is required (`false`: acceptable only).
    pub required: bool,
}

/// A gold initiative.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct GoldInitiative {
    /// Its label (for the query initiatives, the query term).
    pub label: String,
    /// Its tasks.
    pub members: Vec<GoldMember>,
}

/// A gold alignment.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Gold {
    /// The initiatives.
    pub initiatives: Vec<GoldInitiative>,
}

/// The compact form of a numbering path: 二(四)16.
fn compact(path: &str) -> String {
    path.chars().filter(|c| !c.is_whitespace() && *c != '›').collect()
}

impl Gold {
    /// Reads the gold format, resolving paths against `plans`.
    ///
    /// # Errors
    ///
    /// [`GoldError`] with the line of the first problem.
    pub fn parse<'p>(text: &str, plans: impl IntoIterator<Item = &'p Plan>) -> Result<Gold, GoldError> {
        let plans: HashMap<&str, &Plan> = plans.into_iter().map(|p| (p.id.as_str(), p)).collect();
        let mut gold = Gold::default();
        for (i, raw) in text.lines().enumerate() {
            let line = i + 1;
            let content = raw.split('#').next().unwrap_or("").trim();
            if content.is_empty() {
                continue;
            }
            if let Some(label) = content.strip_prefix("==") {
                gold.initiatives.push(GoldInitiative { label: label.trim().to_string(), members: Vec::new() });
                continue;
            }
            let Some((plan_id, paths)) = content.split_once(':') else {
                return Err(GoldError::Syntax { line, text: raw.to_string() });
            };
            let plan_id = plan_id.trim();
            let plan = plans.get(plan_id).ok_or_else(|| GoldError::UnknownPlan { line, plan: plan_id.to_string() })?;
            let initiative = gold.initiatives.last_mut().ok_or(GoldError::NoInitiative { line })?;
            for path in paths.split([',', '，']).map(str::trim).filter(|p| !p.is_empty()) {
                let (path, required) = match path.strip_suffix(['?', '？']) {
                    Some(p) => (p.trim(), false),
                    None => (path, true),
                };
                let wanted = compact(path);
                let task = plan.tasks.iter().find(|t| compact(&t.path.to_string()) == wanted).ok_or_else(|| {
                    GoldError::UnknownTask { line, plan: plan_id.to_string(), path: path.to_string() }
                })?;
                initiative.members.push(GoldMember { plan: plan_id.to_string(), task: task.id.clone(), required });
            }
        }
        Ok(gold)
    }

    /// The initiative with this label.
    pub fn initiative(&self, label: &str) -> Option<&GoldInitiative> {
        self.initiatives.iter().find(|i| i.label == label)
    }

    /// Cross-plan pairs of required members of one initiative, and pairs that involve an
    /// optional member (to be ignored).
    fn pairs(&self) -> (HashSet<Pair>, HashSet<Pair>) {
        let mut required = HashSet::new();
        let mut ignored = HashSet::new();
        for initiative in &self.initiatives {
            for (i, a) in initiative.members.iter().enumerate() {
                for b in initiative.members.iter().skip(i + 1) {
                    if a.plan == b.plan {
                        continue;
                    }
                    let pair = Pair::new(&a.task, &b.task);
                    if a.required && b.required {
                        required.insert(pair);
                    } else {
                        ignored.insert(pair);
                    }
                }
            }
        }
        ignored.retain(|p| !required.contains(p));
        (required, ignored)
    }
}

/// An unordered pair of task ids.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Pair(String, String);

impl Pair {
    fn new(a: &str, b: &str) -> Pair {
        if a <= b {
            Pair(a.to_string(), b.to_string())
        } else {
            Pair(b.to_string(), a.to_string())
        }
    }
}

/// Precision, recall and F1.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Prf {
    /// Precision.
    pub precision: f64,
    /// Recall.
    pub recall: f64,
    /// Harmonic mean of the two.
    pub f1: f64,
}

impl Prf {
    /// From counts: true positives, predicted, relevant. An empty prediction has
    /// precision 1; nothing relevant gives recall 1.
    pub fn from_counts(hits: usize, predicted: usize, relevant: usize) -> Prf {
        let precision = if predicted == 0 { 1.0 } else { hits as f64 / predicted as f64 };
        let recall = if relevant == 0 { 1.0 } else { hits as f64 / relevant as f64 };
        Prf::new(precision, recall)
    }

    /// From precision and recall.
    pub fn new(precision: f64, recall: f64) -> Prf {
        let f1 = if precision + recall > 0.0 { 2.0 * precision * recall / (precision + recall) } else { 0.0 };
        Prf { precision, recall, f1 }
    }
}

/// How a matcher did against the gold.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Scores {
    /// Pairwise precision / recall / F1 of the aligned cross-plan task pairs.
    pub pairwise: Prf,
    /// B-cubed precision / recall / F1 over the gold's required tasks.
    pub bcubed: Prf,
    /// Share of ranking questions whose top candidate is relevant.
    pub hits_at_1: f64,
    /// Share whose top three hold a relevant candidate.
    pub hits_at_3: f64,
    /// Mean reciprocal rank of the first relevant candidate.
    pub mrr: f64,
    /// Ranking questions asked: (task, other plan) pairs that share a gold initiative.
    pub rank_questions: usize,
    /// Precision / recall of each query, by term.
    pub queries: BTreeMap<String, Prf>,
    /// Micro-averaged precision / recall of the queries, counting the hits that carry
    /// the initiative ([`Hit::carries`](crate::Hit::carries)); mentions count neither way.
    pub query: Prf,
    /// Initiatives (rows) found.
    pub rows: usize,
    /// Rows named by a concept of the taxonomy.
    pub rows_by_concept: usize,
    /// Rows named by a key phrase.
    pub rows_by_phrase: usize,
    /// Rows shown by default.
    pub rows_shown: usize,
    /// Pairs of rows each holding 60% or more of the other's tasks
    /// ([`Alignment::overlapping_pairs`](crate::Alignment::overlapping_pairs)).
    pub overlapping_rows: usize,
    /// Pairs of rows the smaller of which has 60% or more of its tasks in the other
    /// ([`Alignment::nested_pairs`](crate::Alignment::nested_pairs)).
    pub nested_rows: usize,
}

/// Which gold pairs and questions count: all, or (leave one plan out) those that
/// involve a plan, or those that do not.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Scope {
    /// Everything.
    #[default]
    All,
    /// Pairs with a task of this plan; questions about it or asked of it; its hits.
    Involving(String),
    /// Everything that does not involve this plan.
    Excluding(String),
}

impl Scope {
    /// Whether a pair of tasks of these plans counts.
    fn pair(&self, a: &str, b: &str) -> bool {
        match self {
            Scope::All => true,
            Scope::Involving(p) => a == p || b == p,
            Scope::Excluding(p) => a != p && b != p,
        }
    }
}

/// The plan of a task id (`plan#07` → `plan`).
fn plan_of(task: &str) -> &str {
    task.rsplit_once('#').map_or(task, |(p, _)| p)
}

/// Scores `comparison` against `gold`; `queries` are the query terms to check, each the
/// label of a gold initiative.
pub fn evaluate(comparison: &Comparison<'_>, gold: &Gold, queries: &[&str]) -> Scores {
    evaluate_scoped(comparison, gold, queries, &Scope::All)
}

/// Pairwise precision / recall / F1 of `alignment` within `scope`: the cheap part of
/// [`evaluate_scoped`], for choosing a threshold.
pub fn pairwise(alignment: &Alignment, gold: &Gold, scope: &Scope) -> Prf {
    let (required, ignored) = gold.pairs();
    let keep = |p: &Pair| scope.pair(plan_of(&p.0), plan_of(&p.1));
    let required: HashSet<Pair> = required.into_iter().filter(keep).collect();
    let predicted = predicted_pairs(alignment);
    let counted: Vec<&Pair> = predicted.iter().filter(|p| !ignored.contains(*p) && keep(p)).collect();
    let hits = counted.iter().filter(|p| required.contains(**p)).count();
    Prf::from_counts(hits, counted.len(), required.len())
}

/// Like [`evaluate`], counting only the pairs, ranking questions and query hits in
/// `scope` (leave-one-plan-out scores a plan on what involves it).
pub fn evaluate_scoped(comparison: &Comparison<'_>, gold: &Gold, queries: &[&str], scope: &Scope) -> Scores {
    let alignment = comparison.align();
    let mut scores = Scores::default();
    let (required, ignored) = gold.pairs();
    let keep = |p: &Pair| scope.pair(plan_of(&p.0), plan_of(&p.1));
    let required: HashSet<Pair> = required.into_iter().filter(keep).collect();
    let mut predicted = predicted_pairs(&alignment);
    predicted.retain(keep);
    scores.rows = alignment.initiatives.len();
    scores.rows_by_concept = alignment.initiatives.iter().filter(|i| i.concept.is_some()).count();
    scores.rows_by_phrase = scores.rows - scores.rows_by_concept;
    scores.rows_shown = alignment.initiatives.iter().filter(|i| i.shown).count();
    scores.overlapping_rows = alignment.overlapping_pairs();
    scores.nested_rows = alignment.nested_pairs();
    let counted: HashSet<&Pair> = predicted.iter().filter(|p| !ignored.contains(*p)).collect();
    let hits = counted.iter().filter(|p| required.contains(**p)).count();
    scores.pairwise = Prf::from_counts(hits, counted.len(), required.len());
    scores.bcubed = bcubed(&required, &ignored, &predicted);
    rank_scores(comparison, gold, scope, &mut scores);
    let (mut hit_total, mut predicted_total, mut relevant_total) = (0, 0, 0);
    for &term in queries {
        let Some(initiative) = gold.initiative(term) else { continue };
        let in_scope = |plan: &str| match scope {
            Scope::All => true,
            Scope::Involving(p) => plan == p,
            Scope::Excluding(p) => plan != p,
        };
        let relevant: HashSet<&str> =
            initiative.members.iter().filter(|m| m.required && in_scope(&m.plan)).map(|m| m.task.as_str()).collect();
        let optional: HashSet<&str> =
            initiative.members.iter().filter(|m| !m.required).map(|m| m.task.as_str()).collect();
        let found: Vec<String> = comparison
            .query(term)
            .into_iter()
            .filter(|h| h.carries && in_scope(&h.task.plan))
            .map(|h| h.task.task.to_string())
            .collect();
        let counted: Vec<&str> = found.iter().map(String::as_str).filter(|t| !optional.contains(t)).collect();
        let hits = counted.iter().filter(|t| relevant.contains(*t)).count();
        scores.queries.insert(term.to_string(), Prf::from_counts(hits, counted.len(), relevant.len()));
        hit_total += hits;
        predicted_total += counted.len();
        relevant_total += relevant.len();
    }
    scores.query = Prf::from_counts(hit_total, predicted_total, relevant_total);
    scores
}

/// Cross-plan task pairs that share an initiative of `alignment`.
fn predicted_pairs(alignment: &Alignment) -> HashSet<Pair> {
    let mut pairs = HashSet::new();
    for initiative in &alignment.initiatives {
        for (i, a) in initiative.members.iter().enumerate() {
            for b in initiative.members.iter().skip(i + 1) {
                if a.plan != b.plan {
                    pairs.insert(Pair::new(&a.task, &b.task));
                }
            }
        }
    }
    pairs
}

/// B-cubed over the tasks that the gold requires somewhere: for each, the tasks linked
/// to it in the gold and in the prediction (itself included), ignored pairs left out.
fn bcubed(required: &HashSet<Pair>, ignored: &HashSet<Pair>, predicted: &HashSet<Pair>) -> Prf {
    let mut gold_links: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for Pair(a, b) in required {
        gold_links.entry(a).or_default().insert(b);
        gold_links.entry(b).or_default().insert(a);
    }
    let mut predicted_links: HashMap<&str, BTreeSet<&str>> = HashMap::new();
    for pair in predicted.iter().filter(|p| !ignored.contains(*p)) {
        let Pair(a, b) = pair;
        predicted_links.entry(a).or_default().insert(b);
        predicted_links.entry(b).or_default().insert(a);
    }
    if gold_links.is_empty() {
        return Prf::new(1.0, 1.0);
    }
    let (mut precision, mut recall) = (0.0, 0.0);
    for (item, linked) in &gold_links {
        let predicted = predicted_links.get(item);
        let shared = predicted.map_or(0, |p| p.intersection(linked).count()) + 1;
        precision += shared as f64 / (predicted.map_or(0, BTreeSet::len) + 1) as f64;
        recall += shared as f64 / (linked.len() + 1) as f64;
    }
    let n = gold_links.len() as f64;
    Prf::new(precision / n, recall / n)
}

fn rank_scores(comparison: &Comparison<'_>, gold: &Gold, scope: &Scope, scores: &mut Scores) {
    // (task, other plan) → tasks of that plan that are relevant to it.
    let mut questions: BTreeMap<(&str, &str), BTreeSet<&str>> = BTreeMap::new();
    for initiative in &gold.initiatives {
        for a in initiative.members.iter().filter(|m| m.required) {
            let required_elsewhere: BTreeSet<&str> =
                initiative.members.iter().filter(|m| m.required && m.plan != a.plan).map(|m| m.plan.as_str()).collect();
            for plan in required_elsewhere.into_iter().filter(|p| scope.pair(&a.plan, p)) {
                let relevant = initiative.members.iter().filter(|m| m.plan == plan).map(|m| m.task.as_str());
                questions.entry((a.task.as_str(), plan)).or_default().extend(relevant);
            }
        }
    }
    let (mut at1, mut at3, mut rr) = (0.0, 0.0, 0.0);
    for ((task, plan), relevant) in &questions {
        let ranked = comparison.rank(task, plan);
        let first = ranked.iter().position(|c| relevant.contains(c.task.task.as_str()));
        if first == Some(0) {
            at1 += 1.0;
        }
        if first.is_some_and(|r| r < 3) {
            at3 += 1.0;
        }
        rr += first.map_or(0.0, |r| 1.0 / (r + 1) as f64);
    }
    let n = questions.len().max(1) as f64;
    scores.hits_at_1 = at1 / n;
    scores.hits_at_3 = at3 / n;
    scores.mrr = rr / n;
    scores.rank_questions = questions.len();
}

/// One fold of a leave-one-plan-out evaluation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Fold {
    /// The plan held out.
    pub plan: String,
    /// The threshold chosen without its gold (best pairwise F1 on the other plans).
    pub threshold: f64,
    /// Concepts of the taxonomy left out (the plan alone, with the other bundled plans,
    /// gave them).
    pub concepts_dropped: usize,
    /// Concepts taken back to the aliases they had before the bundled plans were read.
    pub concepts_reverted: usize,
    /// Its scores: what involves the plan.
    pub scores: Scores,
}

/// Leave one plan out: for each plan P, the taxonomy as it was before P was read
/// ([`Concepts::without_fitted`]: entries fitted on P back to their prior aliases, or out) and the threshold (from `thresholds`) that gives the
/// best pairwise F1 on the gold pairs not involving P; then the scores of what involves
/// P. Each fold compares every plan: P's text is not gold, only its answers are.
pub fn leave_one_out(
    plans: &[&Plan],
    gold: &Gold,
    queries: &[&str],
    strategy: Strategy,
    thresholds: &[f64],
) -> Vec<Fold> {
    let bundled = Concepts::bundled();
    plans
        .iter()
        .map(|held| {
            let concepts = bundled.without_fitted(&held.id);
            let matcher = |threshold: f64| {
                Matcher::builder().strategy(strategy).threshold(threshold).concepts(concepts.clone()).build().ok()
            };
            let train = Scope::Excluding(held.id.clone());
            let mut best = (f64::MIN, strategy.default_threshold());
            for &t in thresholds {
                let Some(m) = matcher(t) else { continue };
                let f1 = pairwise(&m.compare(plans.iter().copied()).align(), gold, &train).f1;
                if f1 > best.0 {
                    best = (f1, t);
                }
            }
            let scores = matcher(best.1)
                .map(|m| {
                    evaluate_scoped(
                        &m.compare(plans.iter().copied()),
                        gold,
                        queries,
                        &Scope::Involving(held.id.clone()),
                    )
                })
                .unwrap_or_default();
            let fitted = bundled.iter().filter(|c| c.fitted.iter().any(|p| p == &held.id)).count();
            let concepts_dropped = bundled.len() - concepts.len();
            Fold {
                plan: held.id.clone(),
                threshold: best.1,
                concepts_dropped,
                concepts_reverted: fitted - concepts_dropped,
                scores,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prf_edges() {
        assert_eq!(Prf::from_counts(0, 0, 0), Prf { precision: 1.0, recall: 1.0, f1: 1.0 });
        assert_eq!(Prf::from_counts(0, 3, 2).f1, 0.0);
        let p = Prf::from_counts(1, 2, 4);
        assert!((p.f1 - 1.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn bcubed_of_a_perfect_and_an_empty_prediction() {
        let required: HashSet<Pair> = [Pair::new("a", "b"), Pair::new("b", "c"), Pair::new("a", "c")].into();
        let perfect = bcubed(&required, &HashSet::new(), &required);
        assert_eq!((perfect.precision, perfect.recall), (1.0, 1.0));
        let empty = bcubed(&required, &HashSet::new(), &HashSet::new());
        assert_eq!(empty.precision, 1.0);
        assert!((empty.recall - 1.0 / 3.0).abs() < 1e-12);
    }
}
