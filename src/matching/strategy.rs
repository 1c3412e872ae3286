//! The matching strategies. Each is a type behind [`Scorer`]; [`Strategy`] selects one by
//! name. Every score lies in [0, 1], is 1 for identical text and is symmetric.

use std::cell::RefCell;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::features::{ClauseFeatures, Features, TaskFeatures};
use super::measures::{self, overlap};

/// A matching strategy, selectable by name (`"hybrid"`, `"tfidf"`…).
///
/// # Examples
///
/// ```
/// use cityalign::Strategy;
///
/// let s: Strategy = "bm25".parse().unwrap();
/// assert_eq!(s, Strategy::Bm25);
/// assert_eq!(Strategy::Hybrid.to_string(), "hybrid");
/// assert!("nope".parse::<Strategy>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Strategy {
    /// Dice coefficient of character bigrams; needs no tokenizer. The baseline.
    CharDice,
    /// Normalized Levenshtein similarity of task titles (strsim).
    TitleLevenshtein,
    /// Jaro-Winkler similarity of task titles (strsim).
    TitleJaroWinkler,
    /// Jaccard index of jieba terms.
    TokenJaccard,
    /// Cosine of TF-IDF vectors of jieba terms, IDF learned from the plans compared.
    Tfidf,
    /// BM25 of each clause against the other, normalised by its self-score and averaged
    /// both ways.
    Bm25,
    /// A weighted blend of the above on clauses, plus shared target metrics, lead
    /// departments and concepts, and whether a safeguard meets a task proper; explains
    /// each match.
    #[default]
    Hybrid,
}

impl Strategy {
    /// Every strategy, baseline first.
    pub const ALL: [Strategy; 7] = [
        Strategy::CharDice,
        Strategy::TitleLevenshtein,
        Strategy::TitleJaroWinkler,
        Strategy::TokenJaccard,
        Strategy::Tfidf,
        Strategy::Bm25,
        Strategy::Hybrid,
    ];

    /// Its name: `char-dice`, `title-levenshtein`, `title-jaro-winkler`, `token-jaccard`,
    /// `tfidf`, `bm25`, `hybrid`.
    pub fn name(&self) -> &'static str {
        match self {
            Strategy::CharDice => "char-dice",
            Strategy::TitleLevenshtein => "title-levenshtein",
            Strategy::TitleJaroWinkler => "title-jaro-winkler",
            Strategy::TokenJaccard => "token-jaccard",
            Strategy::Tfidf => "tfidf",
            Strategy::Bm25 => "bm25",
            Strategy::Hybrid => "hybrid",
        }
    }

    /// The alignment threshold that suits the strategy's scale of scores: for each, the
    /// one that gave its best pairwise F1 on the bundled gold (`tests/data/gold.txt`), in
    /// steps of 0.05, so that strategies are compared each at its best.
    pub fn default_threshold(&self) -> f64 {
        match self {
            Strategy::CharDice => 0.15,
            Strategy::TitleLevenshtein => 0.05,
            Strategy::TitleJaroWinkler => 0.05,
            Strategy::TokenJaccard => 0.15,
            Strategy::Tfidf => 0.25,
            Strategy::Bm25 => 0.2,
            Strategy::Hybrid => 0.3,
        }
    }

    pub(crate) fn scorer(&self) -> &'static dyn Scorer {
        match self {
            Strategy::CharDice => &CharDice,
            Strategy::TitleLevenshtein => &TitleLevenshtein,
            Strategy::TitleJaroWinkler => &TitleJaroWinkler,
            Strategy::TokenJaccard => &TokenJaccard,
            Strategy::Tfidf => &TfidfCosine,
            Strategy::Bm25 => &Bm25,
            Strategy::Hybrid => &Hybrid,
        }
    }
}

impl fmt::Display for Strategy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The error of naming a strategy that does not exist.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown strategy {0:?}; expected one of char-dice, title-levenshtein, title-jaro-winkler, token-jaccard, tfidf, bm25, hybrid")]
pub struct UnknownStrategy(pub String);

impl FromStr for Strategy {
    type Err = UnknownStrategy;

    fn from_str(s: &str) -> Result<Strategy, UnknownStrategy> {
        let wanted = s.trim().to_ascii_lowercase().replace('_', "-");
        Strategy::ALL.into_iter().find(|st| st.name() == wanted).ok_or_else(|| UnknownStrategy(s.to_string()))
    }
}

/// One feature's part in a score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Contribution {
    /// The feature: `tfidf`, `bm25`, `char-dice`, `token-jaccard`, `target-metric`, `department`.
    pub feature: String,
    /// Its value in [0, 1].
    pub value: f64,
    /// Its weight in the blend.
    pub weight: f64,
}

/// The best clause pair of two tasks and its score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Scored {
    pub score: f64,
    pub clause_a: usize,
    pub clause_b: usize,
}

/// A way to score two tasks.
pub(crate) trait Scorer: Send + Sync {
    /// Score of two clauses.
    fn clause(&self, features: &Features, a: &ClauseFeatures, b: &ClauseFeatures) -> f64;

    /// Calls `visit(i, j, score)` for the clause pairs of two tasks that the strategy
    /// scores (the title strategies score only the first, standing for the title).
    fn clause_pairs(
        &self,
        features: &Features,
        a: &TaskFeatures,
        b: &TaskFeatures,
        visit: &mut dyn FnMut(usize, usize, f64),
    ) {
        for (i, ca) in a.clauses.iter().enumerate() {
            for (j, cb) in b.clauses.iter().enumerate() {
                visit(i, j, self.clause(features, ca, cb));
            }
        }
    }

    /// Score of two tasks: their best clause pair, so that a task bundling several
    /// initiatives still lines up with each.
    fn task(&self, features: &Features, a: &TaskFeatures, b: &TaskFeatures) -> Scored {
        let mut best = Scored { score: 0.0, clause_a: 0, clause_b: 0 };
        self.clause_pairs(features, a, b, &mut |i, j, score| {
            if score > best.score {
                best = Scored { score, clause_a: i, clause_b: j };
            }
        });
        best
    }

    /// Why two tasks scored as they did, feature by feature.
    fn explain(&self, features: &Features, a: &TaskFeatures, b: &TaskFeatures, s: Scored) -> Vec<Contribution> {
        let _ = (features, a, b);
        vec![Contribution { feature: "score".into(), value: s.score, weight: 1.0 }]
    }
}

/// Dice of two clauses' character bigrams.
fn dice(a: &ClauseFeatures, b: &ClauseFeatures) -> f64 {
    measures::dice(&a.bigrams, &b.bigrams)
}

/// TF-IDF cosine of two bags.
fn cosine(a: &ClauseFeatures, b: &ClauseFeatures) -> f64 {
    measures::cosine(&a.set, &a.weights, &b.set, &b.weights)
}

/// BM25 each way, normalised by the query's score against itself, averaged.
fn bm25(features: &Features, a: &ClauseFeatures, b: &ClauseFeatures) -> f64 {
    let one_way = |q: &ClauseFeatures, d: &ClauseFeatures| {
        let raw = measures::bm25(|t| features.stats.bm25_idf(t), features.stats.mean_len, &q.set, d.as_bm25());
        measures::bm25_normalised(raw, q.bm25_self)
    };
    (one_way(a, b) + one_way(b, a)) / 2.0
}

struct CharDice;
impl Scorer for CharDice {
    fn clause(&self, _: &Features, a: &ClauseFeatures, b: &ClauseFeatures) -> f64 {
        dice(a, b)
    }
}

struct TokenJaccard;
impl Scorer for TokenJaccard {
    fn clause(&self, _: &Features, a: &ClauseFeatures, b: &ClauseFeatures) -> f64 {
        measures::jaccard(&a.set, &b.set)
    }
}

struct TfidfCosine;
impl Scorer for TfidfCosine {
    fn clause(&self, _: &Features, a: &ClauseFeatures, b: &ClauseFeatures) -> f64 {
        cosine(a, b)
    }
}

struct Bm25;
impl Scorer for Bm25 {
    fn clause(&self, features: &Features, a: &ClauseFeatures, b: &ClauseFeatures) -> f64 {
        bm25(features, a, b)
    }
}

/// Title strategies look at the titles only; the clause reported is the first.
struct TitleLevenshtein;
impl Scorer for TitleLevenshtein {
    fn clause(&self, _: &Features, a: &ClauseFeatures, b: &ClauseFeatures) -> f64 {
        dice(a, b)
    }

    fn clause_pairs(&self, _: &Features, a: &TaskFeatures, b: &TaskFeatures, visit: &mut dyn FnMut(usize, usize, f64)) {
        visit(0, 0, strsim::normalized_levenshtein(&a.title, &b.title));
    }
}

struct TitleJaroWinkler;
impl Scorer for TitleJaroWinkler {
    fn clause(&self, _: &Features, a: &ClauseFeatures, b: &ClauseFeatures) -> f64 {
        dice(a, b)
    }

    fn clause_pairs(&self, _: &Features, a: &TaskFeatures, b: &TaskFeatures, visit: &mut dyn FnMut(usize, usize, f64)) {
        visit(0, 0, strsim::jaro_winkler(&a.title, &b.title));
    }
}

/// Weights of the hybrid's text features of a clause pair (they sum to 1).
const TEXT_WEIGHTS: [(&str, f64); 4] = [("tfidf", 0.45), ("bm25", 0.2), ("char-dice", 0.2), ("token-jaccard", 0.15)];
/// Weights of the hybrid's features; a typed feature that does not apply to a pair gives
/// its weight back to the others.
const CLAUSE_WEIGHT: f64 = 0.4;
const WHOLE_WEIGHT: f64 = 0.3;
const TITLE_WEIGHT: f64 = 0.1;
/// Weight of "both tasks set a target on the same metric", when both set targets.
const METRIC_WEIGHT: f64 = 0.1;
/// Weight of "the same kind of department leads both", when both name one.
const DEPARTMENT_WEIGHT: f64 = 0.1;
/// Weight of "both clauses carry one concept of the taxonomy", when both carry one.
const CONCEPT_WEIGHT: f64 = 0.1;
/// Weight of "both are safeguard measures", when one is: a safeguard (funding, talent,
/// publicity) answers a safeguard of another plan, not a task proper that mentions the
/// same words. Like the other typed weights, set once and not tuned.
const KIND_WEIGHT: f64 = 0.1;
/// Below this text similarity the typed features do not count: two tasks are not one
/// initiative because the same bureau leads them.
const TYPED_FLOOR: f64 = 0.1;

struct Hybrid;

/// What the hybrid knows of a task pair before looking at a clause pair.
struct PairContext {
    whole: f64,
    title: f64,
    metric: Option<f64>,
    department: Option<f64>,
    /// Whether both are safeguards, when one is.
    kind: Option<f64>,
    /// Whether the clause pair shares a carried concept, when both carry one (set per
    /// clause pair).
    concept: Option<f64>,
    /// Whether the two titles carry one concept, when both carry one.
    title_concept: Option<f64>,
}

impl Hybrid {
    /// TF-IDF cosine, BM25, character Dice and Jaccard of two clauses. The three term
    /// measures come from one merge of the two term lists (the hottest loop of
    /// alignment); each sums in the same order as its own function, so the values are
    /// the same to the last bit.
    fn text(features: &Features, a: &ClauseFeatures, b: &ClauseFeatures) -> [f64; 4] {
        let stats = &features.stats;
        let ratio_a = measures::length_ratio(a.len, stats.mean_len);
        let ratio_b = measures::length_ratio(b.len, stats.mean_len);
        let (mut i, mut j) = (0, 0);
        let (mut shared, mut dot, mut ab, mut ba) = (0usize, 0.0, 0.0, 0.0);
        while let (Some(&x), Some(&y)) = (a.set.get(i), b.set.get(j)) {
            if x == y {
                shared += 1;
                if let (Some(wa), Some(wb)) = (a.weights.get(i), b.weights.get(j)) {
                    dot += wa * wb;
                }
                let idf = stats.bm25_idf(x);
                let tf = |c: &ClauseFeatures, at: usize| f64::from(c.tf.get(at).copied().unwrap_or(0));
                ab += measures::bm25_term(idf, tf(b, j), ratio_b);
                ba += measures::bm25_term(idf, tf(a, i), ratio_a);
            }
            i += usize::from(x <= y);
            j += usize::from(y <= x);
        }
        let bm25 = (measures::bm25_normalised(ab, a.bm25_self) + measures::bm25_normalised(ba, b.bm25_self)) / 2.0;
        [dot.clamp(0.0, 1.0), bm25, dice(a, b), measures::jaccard_of(shared, a.set.len(), b.set.len())]
    }

    fn blend(values: [f64; 4]) -> f64 {
        values.iter().zip(TEXT_WEIGHTS).map(|(v, (_, w))| v * w).sum()
    }

    fn context(a: &TaskFeatures, b: &TaskFeatures) -> PairContext {
        let both = |x: bool, y: bool| x && y;
        PairContext {
            whole: cosine(&a.whole, &b.whole),
            title: (cosine(&a.heading, &b.heading) + dice(&a.heading, &b.heading)) / 2.0,
            metric: both(!a.metrics.is_empty(), !b.metrics.is_empty())
                .then(|| f64::from(u8::from(overlap(&a.metrics, &b.metrics) > 0))),
            department: both(!a.departments.is_empty(), !b.departments.is_empty())
                .then(|| f64::from(u8::from(overlap(&a.departments, &b.departments) > 0))),
            kind: (a.safeguard != b.safeguard).then_some(0.0),
            concept: None,
            title_concept: Hybrid::concept(&a.heading, &b.heading),
        }
    }

    /// Whether two clauses carry one concept, when both carry some.
    fn concept(a: &ClauseFeatures, b: &ClauseFeatures) -> Option<f64> {
        (!a.concepts.is_empty() && !b.concepts.is_empty())
            .then(|| f64::from(u8::from(overlap(&a.concepts, &b.concepts) > 0)))
    }

    /// Names of the features, in the order of [`Hybrid::values`].
    const FEATURES: [&'static str; 11] = [
        "clause-tfidf",
        "clause-bm25",
        "clause-char-dice",
        "clause-token-jaccard",
        "task-tfidf",
        "title",
        "target-metric",
        "department",
        "concept",
        "title-concept",
        "kind",
    ];

    /// Each feature's value and weight; the weights sum to 1.
    fn values(text_values: [f64; 4], context: &PairContext) -> [(f64, f64); 11] {
        let text = Hybrid::blend(text_values);
        let typed_on = text >= TYPED_FLOOR;
        let metric_w = if typed_on && context.metric.is_some() { METRIC_WEIGHT } else { 0.0 };
        let department_w = if typed_on && context.department.is_some() { DEPARTMENT_WEIGHT } else { 0.0 };
        let concept_w = if typed_on && context.concept.is_some() { CONCEPT_WEIGHT } else { 0.0 };
        let title_concept_w = if typed_on && context.title_concept.is_some() { CONCEPT_WEIGHT } else { 0.0 };
        let kind_w = if typed_on && context.kind.is_some() { KIND_WEIGHT } else { 0.0 };
        let total = CLAUSE_WEIGHT
            + WHOLE_WEIGHT
            + TITLE_WEIGHT
            + metric_w
            + department_w
            + concept_w
            + title_concept_w
            + kind_w;
        let clause = |k: usize| {
            let value = text_values.get(k).copied().unwrap_or(0.0);
            let weight = TEXT_WEIGHTS.get(k).map_or(0.0, |(_, w)| w * CLAUSE_WEIGHT / total);
            (value, weight)
        };
        [
            clause(0),
            clause(1),
            clause(2),
            clause(3),
            (context.whole, WHOLE_WEIGHT / total),
            (context.title, TITLE_WEIGHT / total),
            (context.metric.unwrap_or(0.0), metric_w / total),
            (context.department.unwrap_or(0.0), department_w / total),
            (context.concept.unwrap_or(0.0), concept_w / total),
            (context.title_concept.unwrap_or(0.0), title_concept_w / total),
            (context.kind.unwrap_or(0.0), kind_w / total),
        ]
    }

    fn score(text_values: [f64; 4], context: &PairContext) -> f64 {
        Hybrid::values(text_values, context).iter().map(|(v, w)| v * w).sum::<f64>().clamp(0.0, 1.0)
    }

    fn weighted(text_values: [f64; 4], context: &PairContext) -> Vec<Contribution> {
        Hybrid::FEATURES
            .iter()
            .zip(Hybrid::values(text_values, context))
            .map(|(name, (value, weight))| Contribution { feature: (*name).to_string(), value, weight })
            .collect()
    }
}

/// Buffers of [`best_overlaps`].
struct Scratch {
    shared: Vec<usize>,
    wanted: Vec<(usize, usize)>,
}

/// The clause pairs of `a` and `b` that could be a clause's best match: for each clause,
/// the clauses of the other task sharing the most terms with it (none when it shares
/// none), in order, into `wanted`.
fn best_overlaps(a: &TaskFeatures, b: &TaskFeatures, shared: &mut Vec<usize>, wanted: &mut Vec<(usize, usize)>) {
    let width = b.clauses.len();
    shared.clear();
    shared.extend(a.clauses.iter().flat_map(|ca| b.clauses.iter().map(|cb| overlap(&ca.set, &cb.set))));
    let at = |i: usize, j: usize| shared.get(i * width + j).copied().unwrap_or(0);
    wanted.clear();
    for i in 0..a.clauses.len() {
        let most = (0..width).map(|j| at(i, j)).max().unwrap_or(0);
        wanted.extend((0..width).filter(|&j| most > 0 && at(i, j) == most).map(|j| (i, j)));
    }
    for j in 0..width {
        let most = (0..a.clauses.len()).map(|i| at(i, j)).max().unwrap_or(0);
        wanted.extend((0..a.clauses.len()).filter(|&i| most > 0 && at(i, j) == most).map(|i| (i, j)));
    }
    wanted.sort_unstable();
    wanted.dedup();
}

impl Scorer for Hybrid {
    fn clause(&self, features: &Features, a: &ClauseFeatures, b: &ClauseFeatures) -> f64 {
        Hybrid::blend(Hybrid::text(features, a, b)).clamp(0.0, 1.0)
    }

    fn clause_pairs(
        &self,
        features: &Features,
        a: &TaskFeatures,
        b: &TaskFeatures,
        visit: &mut dyn FnMut(usize, usize, f64),
    ) {
        // Only the clause pairs that could be a clause's best match are scored in full. A
        // pair sharing no term names no common initiative and is never scored.
        thread_local! {
            // Reused across the millions of task pairs a thread scores.
            static SCRATCH: RefCell<Scratch> = const { RefCell::new(Scratch { shared: Vec::new(), wanted: Vec::new() }) };
        }
        let wanted = SCRATCH.with(|scratch| match scratch.try_borrow_mut() {
            Ok(mut scratch) => {
                let Scratch { shared, wanted } = &mut *scratch;
                best_overlaps(a, b, shared, wanted);
                std::mem::take(wanted)
            }
            Err(_) => {
                let mut wanted = Vec::new();
                best_overlaps(a, b, &mut Vec::new(), &mut wanted);
                wanted
            }
        });
        // The task-level context is computed once per task pair, and only when needed.
        let mut context = None;
        for &(i, j) in &wanted {
            let (Some(ca), Some(cb)) = (a.clauses.get(i), b.clauses.get(j)) else { continue };
            let text = Hybrid::text(features, ca, cb);
            let context = context.get_or_insert_with(|| Hybrid::context(a, b));
            context.concept = Hybrid::concept(ca, cb);
            visit(i, j, Hybrid::score(text, context));
        }
        // Hand the buffer back for the next pair.
        SCRATCH.with(|scratch| {
            if let Ok(mut scratch) = scratch.try_borrow_mut() {
                scratch.wanted = wanted;
            }
        });
    }

    fn explain(&self, features: &Features, a: &TaskFeatures, b: &TaskFeatures, s: Scored) -> Vec<Contribution> {
        let (Some(ca), Some(cb)) = (a.clauses.get(s.clause_a), b.clauses.get(s.clause_b)) else { return Vec::new() };
        let context = PairContext { concept: Hybrid::concept(ca, cb), ..Hybrid::context(a, b) };
        Hybrid::weighted(Hybrid::text(features, ca, cb), &context)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;
    use crate::tokenize::Tokenizer;

    #[test]
    fn the_fused_text_measures_equal_the_separate_ones() {
        let corpus = Corpus::bundled().unwrap();
        let plans: Vec<&crate::model::Plan> = corpus.iter().collect();
        let features = Features::build(&plans, &Tokenizer::new());
        let clauses: Vec<&ClauseFeatures> = features.tasks.iter().flat_map(|t| &t.clauses).step_by(7).collect();
        let mut compared = 0;
        for a in &clauses {
            for b in clauses.iter().step_by(5) {
                let separate = [cosine(a, b), bm25(&features, a, b), dice(a, b), measures::jaccard(&a.set, &b.set)];
                assert_eq!(Hybrid::text(&features, a, b), separate);
                compared += 1;
            }
        }
        assert!(compared > 1000, "help: only {compared} pairs compared");
    }
}
