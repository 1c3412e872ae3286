//! What the strategies compare, computed once per comparison: for each task its clauses
//! as character bigrams and weighted terms, its title, its target metrics and its lead
//! departments; and the corpus statistics (document frequencies) that TF-IDF and BM25
//! learn from the plans being compared.

use crate::par::*;
use indexmap::IndexSet;

use crate::model::{Department, Plan, Task, TaskKind};
use crate::tokenize::Tokenizer;

use super::index::{narrow, TITLE};
use super::measures::{self, Bm25Doc};

/// A clause ready for scoring. A national corpus holds millions: boxed slices without
/// spare capacity, the term lists side by side rather than as padded tuples.
#[derive(Debug, Clone, Default)]
pub(crate) struct ClauseFeatures {
    /// Distinct character bigrams, sorted.
    pub bigrams: Box<[u32]>,
    /// Distinct term ids, sorted.
    pub set: Box<[u32]>,
    /// How often each term of `set` occurs.
    pub tf: Box<[u32]>,
    /// The TF-IDF weight of each term of `set`; unit length.
    pub weights: Box<[f64]>,
    /// Number of terms, repeats included.
    pub len: u32,
    /// BM25 of the clause against itself, the normaliser of its BM25 scores.
    pub bm25_self: f64,
    /// Concepts of the taxonomy the clause carries, sorted (set by `Matcher::compare`).
    pub concepts: Box<[u32]>,
}

impl ClauseFeatures {
    /// A bag of terms counted as `(id, count)` pairs, sorted by id, distinct.
    fn of_counts(bigrams: Box<[u32]>, counts: &[(u32, u32)]) -> ClauseFeatures {
        ClauseFeatures {
            bigrams,
            set: counts.iter().map(|&(id, _)| id).collect(),
            tf: counts.iter().map(|&(_, n)| n).collect(),
            weights: Box::default(),
            len: counts.iter().map(|&(_, n)| n).sum(),
            bm25_self: 0.0,
            concepts: Box::default(),
        }
    }

    /// The clause as a BM25 document.
    pub fn as_bm25(&self) -> Bm25Doc<'_> {
        Bm25Doc { terms: &self.set, tf: &self.tf, len: self.len }
    }

    fn counts(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        self.set.iter().copied().zip(self.tf.iter().copied())
    }
}

/// A task ready for scoring.
#[derive(Debug, Clone)]
pub(crate) struct TaskFeatures {
    pub plan: usize,
    pub task: usize,
    pub title: String,
    pub clauses: Vec<ClauseFeatures>,
    /// For each clause, its index in the task's `clauses` ([`TITLE`]: the title, standing
    /// in for a task without words).
    pub sources: Box<[u32]>,
    /// The whole task as one bag: its clauses' terms merged (no bigrams).
    pub whole: ClauseFeatures,
    /// The title as a bag.
    pub heading: ClauseFeatures,
    /// Term ids of its targets' metrics, sorted.
    pub metrics: Vec<u32>,
    /// Canonical departments of its lead units, sorted.
    pub departments: Vec<Department>,
    /// Whether it is a safeguard measure (保障措施) rather than a task proper.
    pub safeguard: bool,
}

/// Corpus statistics.
#[derive(Debug, Clone, Default)]
pub(crate) struct Stats {
    /// Clauses in the corpus.
    pub clauses: usize,
    /// Clauses each term occurs in, by term id.
    pub df: Vec<u32>,
    /// Mean clause length in terms.
    pub mean_len: f64,
    /// IDF and BM25 IDF by term id, computed once: scoring looks them up millions of times.
    idf: Vec<f64>,
    bm25_idf: Vec<f64>,
}

impl Stats {
    fn new(clauses: usize, df: Vec<u32>, mean_len: f64) -> Stats {
        let mut stats = Stats { clauses, df, mean_len, idf: Vec::new(), bm25_idf: Vec::new() };
        stats.idf = stats.df.iter().map(|&d| stats.idf_of(d)).collect();
        stats.bm25_idf = stats.df.iter().map(|&d| stats.bm25_idf_of(d)).collect();
        stats
    }

    fn idf_of(&self, df: u32) -> f64 {
        ((self.clauses as f64 + 1.0) / (f64::from(df) + 1.0)).ln() + 1.0
    }

    fn bm25_idf_of(&self, df: u32) -> f64 {
        let (n, df) = (self.clauses as f64, f64::from(df));
        ((n - df + 0.5) / (df + 0.5) + 1.0).ln()
    }

    /// Inverse document frequency, smoothed so that it is positive for every term.
    pub fn idf(&self, term: u32) -> f64 {
        self.idf.get(term as usize).copied().unwrap_or_else(|| self.idf_of(0))
    }

    /// BM25's IDF, never negative.
    pub fn bm25_idf(&self, term: u32) -> f64 {
        self.bm25_idf.get(term as usize).copied().unwrap_or_else(|| self.bm25_idf_of(0))
    }
}

/// Everything the strategies need, built from plans with one tokenizer.
#[derive(Debug, Clone, Default)]
pub(crate) struct Features {
    pub terms: IndexSet<String>,
    pub tasks: Vec<TaskFeatures>,
    pub stats: Stats,
}

/// A character as 16 bits: exact for the Basic Multilingual Plane, where Chinese text
/// lives, folded for the rest.
fn char16(c: char) -> u32 {
    let c = u32::from(c);
    if c <= 0xffff {
        c
    } else {
        (c ^ (c >> 16)) & 0xffff
    }
}

/// Distinct character bigrams of a text, letters and digits only (punctuation and spaces
/// are skipped, so "5G 基站" and "5G基站" agree), each packed in 32 bits so that
/// comparing two clauses moves half the memory.
pub(crate) fn bigrams(text: &str) -> Box<[u32]> {
    let chars: Vec<u32> = text.chars().filter(|c| c.is_alphanumeric()).map(char16).collect();
    let mut grams: Vec<u32> = chars
        .windows(2)
        .map(|w| match w {
            [a, b] => (a << 16) | b,
            _ => 0,
        })
        .collect();
    if grams.is_empty() {
        grams.extend(chars.first().copied());
    }
    grams.sort_unstable();
    grams.dedup();
    grams.into_boxed_slice()
}

fn intern(terms: &mut IndexSet<String>, term: String) -> u32 {
    let (id, _) = terms.insert_full(term);
    narrow(id)
}

fn clause_features(terms: &mut IndexSet<String>, tokenizer: &Tokenizer, text: &str) -> ClauseFeatures {
    let mut ids: Vec<u32> = Vec::new();
    tokenizer.for_each_term(text, |t| {
        // Look up before allocating: most terms are already known.
        let id = terms.get_index_of(t).unwrap_or_else(|| terms.insert_full(t.to_string()).0);
        ids.push(narrow(id));
    });
    ids.sort_unstable();
    let mut counts: Vec<(u32, u32)> = Vec::new();
    for id in ids {
        match counts.last_mut() {
            Some((last, n)) if *last == id => *n += 1,
            _ => counts.push((id, 1)),
        }
    }
    ClauseFeatures::of_counts(bigrams(text), &counts)
}

fn task_features(
    terms: &mut IndexSet<String>,
    tokenizer: &Tokenizer,
    plan: usize,
    index: usize,
    task: &Task,
) -> TaskFeatures {
    let (mut clauses, mut sources): (Vec<ClauseFeatures>, Vec<u32>) = task
        .clauses
        .iter()
        .enumerate()
        .map(|(i, c)| (clause_features(terms, tokenizer, &c.text), narrow(i)))
        .filter(|(c, _)| c.len > 0)
        .unzip();
    if clauses.is_empty() {
        clauses.push(clause_features(terms, tokenizer, &task.title));
        sources.push(TITLE);
    }
    let mut metrics: Vec<u32> =
        task.targets.iter().flat_map(|t| tokenizer.terms(&t.metric)).map(|t| intern(terms, t)).collect();
    metrics.sort_unstable();
    metrics.dedup();
    let mut departments: Vec<Department> = task
        .responsible_units()
        .map(|u| u.department)
        .filter(|d| !matches!(d, Department::Related | Department::Other | Department::LowerGovernment))
        .collect();
    departments.sort_unstable();
    departments.dedup();
    let whole = merge(&clauses);
    let heading = clause_features(terms, tokenizer, &task.title);
    let sources = sources.into_boxed_slice();
    TaskFeatures {
        plan,
        task: index,
        title: task.title.clone(),
        clauses,
        sources,
        whole,
        heading,
        metrics,
        departments,
        safeguard: task.kind == TaskKind::Safeguard,
    }
}

/// Rewrites a bag's term ids through `global`, keeping them sorted.
fn remap(clause: &mut ClauseFeatures, global: &[u32]) {
    let mut counts: Vec<(u32, u32)> =
        clause.counts().map(|(id, n)| (global.get(id as usize).copied().unwrap_or(u32::MAX), n)).collect();
    counts.sort_unstable();
    clause.set = counts.iter().map(|&(id, _)| id).collect();
    clause.tf = counts.iter().map(|&(_, n)| n).collect();
}

/// One bag of all the clauses' terms. Without bigrams: the whole task is compared by
/// its terms' TF-IDF alone.
fn merge(clauses: &[ClauseFeatures]) -> ClauseFeatures {
    let mut all: Vec<(u32, u32)> = clauses.iter().flat_map(ClauseFeatures::counts).collect();
    all.sort_unstable();
    let mut counts: Vec<(u32, u32)> = Vec::new();
    for (id, n) in all {
        match counts.last_mut() {
            Some((last, total)) if *last == id => *total += n,
            _ => counts.push((id, n)),
        }
    }
    ClauseFeatures::of_counts(Box::default(), &counts)
}

impl Features {
    /// Features of every task of `plans`.
    pub fn build(plans: &[&Plan], tokenizer: &Tokenizer) -> Features {
        // Tokenizing is the cost: tasks are tokenized in parallel, each with its own term
        // ids, then the ids are made global in task order, so that they do not depend on
        // the number of threads.
        let work: Vec<(usize, usize, &Task)> = plans
            .iter()
            .enumerate()
            .flat_map(|(p, plan)| plan.tasks.iter().enumerate().map(move |(t, task)| (p, t, task)))
            .collect();
        let mut terms = IndexSet::new();
        let mut tasks = Vec::with_capacity(work.len());
        // In chunks, so that only one chunk's own term sets are alive at a time.
        for chunk in work.chunks(4096) {
            let local: Vec<(IndexSet<String>, TaskFeatures)> = chunk
                .par_iter()
                .map(|&(p, t, task)| {
                    let mut own = IndexSet::new();
                    let features = task_features(&mut own, tokenizer, p, t, task);
                    (own, features)
                })
                .collect();
            for (own, mut features) in local {
                let global: Vec<u32> = own.into_iter().map(|term| intern(&mut terms, term)).collect();
                for clause in features.clauses.iter_mut().chain([&mut features.whole, &mut features.heading]) {
                    remap(clause, &global);
                }
                features.metrics = features.metrics.iter().filter_map(|&id| global.get(id as usize).copied()).collect();
                features.metrics.sort_unstable();
                tasks.push(features);
            }
        }
        let mut df = vec![0u32; terms.len()];
        let mut clauses = 0;
        let mut total_len = 0u64;
        for clause in tasks.iter().flat_map(|t| &t.clauses) {
            clauses += 1;
            total_len += u64::from(clause.len);
            for &id in &clause.set {
                if let Some(n) = df.get_mut(id as usize) {
                    *n += 1;
                }
            }
        }
        let stats = Stats::new(clauses, df, if clauses == 0 { 0.0 } else { total_len as f64 / clauses as f64 });
        let bags = tasks.iter_mut().flat_map(|t| t.clauses.iter_mut().chain([&mut t.whole, &mut t.heading]));
        for clause in bags {
            let mut weights: Box<[f64]> =
                clause.counts().map(|(id, n)| (1.0 + f64::from(n).ln()) * stats.idf(id)).collect();
            let norm = weights.iter().map(|w| w * w).sum::<f64>().sqrt();
            if norm > 0.0 {
                weights.iter_mut().for_each(|w| *w /= norm);
            }
            clause.weights = weights;
            clause.bm25_self = measures::bm25(|t| stats.bm25_idf(t), stats.mean_len, &clause.set, clause.as_bm25());
        }
        Features { terms, tasks, stats }
    }

    /// The canonical terms of a query with their ids, `None` for a term no plan uses.
    pub fn query_terms(&self, tokenizer: &Tokenizer, query: &str) -> Vec<Option<u32>> {
        let mut words = tokenizer.terms(query);
        if words.is_empty() && !query.trim().is_empty() {
            words.push(tokenizer.canonical(query.trim()).to_string());
        }
        words.sort_unstable();
        words.dedup();
        words.iter().map(|w| self.terms.get_index_of(w).map(|i| i as u32)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bigrams_ignore_punctuation_and_spaces() {
        assert_eq!(bigrams("5G 基站"), bigrams("“5G基站”"));
        assert_eq!(bigrams("北京市").len(), 2);
        assert_eq!(bigrams("市").len(), 1);
        assert!(bigrams("。").is_empty());
    }
}
