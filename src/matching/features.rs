//! What the strategies compare, computed once per comparison: for each task its clauses
//! as character bigrams and weighted terms, its title, its target metrics and its lead
//! departments; and the corpus statistics (document frequencies) that TF-IDF and BM25
//! learn from the plans being compared.

use indexmap::IndexSet;

use crate::model::{Department, Plan, Role, Task};
use crate::tokenize::Tokenizer;

/// A clause ready for scoring.
#[derive(Debug, Clone, Default)]
pub(crate) struct ClauseFeatures {
    /// Distinct character bigrams, sorted.
    pub bigrams: Vec<u64>,
    /// Distinct term ids, sorted.
    pub set: Vec<u32>,
    /// Term ids with their counts, sorted by id.
    pub counts: Vec<(u32, u32)>,
    /// Number of terms, repeats included.
    pub len: u32,
    /// TF-IDF weights, sorted by id, unit length.
    pub tfidf: Vec<(u32, f64)>,
    /// BM25 of the clause against itself, the normaliser of its BM25 scores.
    pub bm25_self: f64,
}

/// A task ready for scoring.
#[derive(Debug, Clone)]
pub(crate) struct TaskFeatures {
    pub plan: usize,
    pub task: usize,
    pub title: String,
    pub clauses: Vec<ClauseFeatures>,
    /// The whole task as one bag: its clauses merged.
    pub whole: ClauseFeatures,
    /// The title as a bag.
    pub heading: ClauseFeatures,
    /// Term ids of its targets' metrics, sorted.
    pub metrics: Vec<u32>,
    /// Canonical departments of its lead units, sorted.
    pub departments: Vec<Department>,
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
}

impl Stats {
    /// Inverse document frequency, smoothed so that it is positive for every term.
    pub fn idf(&self, term: u32) -> f64 {
        let df = f64::from(self.df.get(term as usize).copied().unwrap_or(0));
        ((self.clauses as f64 + 1.0) / (df + 1.0)).ln() + 1.0
    }

    /// BM25's IDF, never negative.
    pub fn bm25_idf(&self, term: u32) -> f64 {
        let df = f64::from(self.df.get(term as usize).copied().unwrap_or(0));
        let n = self.clauses as f64;
        ((n - df + 0.5) / (df + 0.5) + 1.0).ln()
    }
}

/// Everything the strategies need, built from plans with one tokenizer.
#[derive(Debug, Clone, Default)]
pub(crate) struct Features {
    pub terms: IndexSet<String>,
    pub tasks: Vec<TaskFeatures>,
    pub stats: Stats,
}

/// Distinct character bigrams of a text, letters and digits only (punctuation and spaces
/// are skipped, so "5G 基站" and "5G基站" agree).
pub(crate) fn bigrams(text: &str) -> Vec<u64> {
    let chars: Vec<char> = text.chars().filter(|c| c.is_alphanumeric()).collect();
    let mut grams: Vec<u64> = chars
        .windows(2)
        .map(|w| match w {
            [a, b] => (u64::from(u32::from(*a)) << 32) | u64::from(u32::from(*b)),
            _ => 0,
        })
        .collect();
    if grams.is_empty() {
        grams.extend(chars.first().map(|c| u64::from(u32::from(*c))));
    }
    grams.sort_unstable();
    grams.dedup();
    grams
}

fn intern(terms: &mut IndexSet<String>, term: String) -> u32 {
    let (id, _) = terms.insert_full(term);
    u32::try_from(id).unwrap_or(u32::MAX)
}

fn clause_features(terms: &mut IndexSet<String>, tokenizer: &Tokenizer, text: &str) -> ClauseFeatures {
    let mut ids: Vec<u32> = tokenizer.terms(text).into_iter().map(|t| intern(terms, t)).collect();
    let len = ids.len() as u32;
    ids.sort_unstable();
    let mut counts: Vec<(u32, u32)> = Vec::new();
    for id in ids {
        match counts.last_mut() {
            Some((last, n)) if *last == id => *n += 1,
            _ => counts.push((id, 1)),
        }
    }
    ClauseFeatures {
        bigrams: bigrams(text),
        set: counts.iter().map(|(id, _)| *id).collect(),
        counts,
        len,
        tfidf: Vec::new(),
        bm25_self: 0.0,
    }
}

fn task_features(
    terms: &mut IndexSet<String>,
    tokenizer: &Tokenizer,
    plan: usize,
    index: usize,
    task: &Task,
) -> TaskFeatures {
    let mut clauses: Vec<ClauseFeatures> =
        task.clauses.iter().map(|c| clause_features(terms, tokenizer, &c.text)).filter(|c| c.len > 0).collect();
    if clauses.is_empty() {
        clauses.push(clause_features(terms, tokenizer, &task.title));
    }
    let mut metrics: Vec<u32> =
        task.targets.iter().flat_map(|t| tokenizer.terms(&t.metric)).map(|t| intern(terms, t)).collect();
    metrics.sort_unstable();
    metrics.dedup();
    let mut departments: Vec<Department> = task
        .units
        .iter()
        .filter(|u| matches!(u.role, Role::Lead | Role::Sole) || task.units.iter().all(|v| v.role != Role::Lead))
        .map(|u| u.department)
        .filter(|d| !matches!(d, Department::Related | Department::Other | Department::LowerGovernment))
        .collect();
    departments.sort_unstable();
    departments.dedup();
    let whole = merge(&clauses);
    let heading = clause_features(terms, tokenizer, &task.title);
    TaskFeatures { plan, task: index, title: task.title.clone(), clauses, whole, heading, metrics, departments }
}

/// One bag of all the clauses' terms and bigrams.
fn merge(clauses: &[ClauseFeatures]) -> ClauseFeatures {
    let mut bigrams: Vec<u64> = clauses.iter().flat_map(|c| c.bigrams.iter().copied()).collect();
    bigrams.sort_unstable();
    bigrams.dedup();
    let mut all: Vec<(u32, u32)> = clauses.iter().flat_map(|c| c.counts.iter().copied()).collect();
    all.sort_unstable();
    let mut counts: Vec<(u32, u32)> = Vec::new();
    for (id, n) in all {
        match counts.last_mut() {
            Some((last, total)) if *last == id => *total += n,
            _ => counts.push((id, n)),
        }
    }
    ClauseFeatures {
        bigrams,
        set: counts.iter().map(|(id, _)| *id).collect(),
        len: counts.iter().map(|(_, n)| n).sum(),
        counts,
        tfidf: Vec::new(),
        bm25_self: 0.0,
    }
}

impl Features {
    /// Features of every task of `plans`.
    pub fn build(plans: &[&Plan], tokenizer: &Tokenizer) -> Features {
        let mut terms = IndexSet::new();
        let mut tasks = Vec::new();
        for (p, plan) in plans.iter().enumerate() {
            for (t, task) in plan.tasks.iter().enumerate() {
                tasks.push(task_features(&mut terms, tokenizer, p, t, task));
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
        let stats = Stats { clauses, df, mean_len: if clauses == 0 { 0.0 } else { total_len as f64 / clauses as f64 } };
        let bags = tasks.iter_mut().flat_map(|t| t.clauses.iter_mut().chain([&mut t.whole, &mut t.heading]));
        for clause in bags {
            let mut weights: Vec<(u32, f64)> =
                clause.counts.iter().map(|&(id, n)| (id, (1.0 + f64::from(n).ln()) * stats.idf(id))).collect();
            let norm = weights.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
            if norm > 0.0 {
                weights.iter_mut().for_each(|(_, w)| *w /= norm);
            }
            clause.tfidf = weights;
            clause.bm25_self = super::strategy::bm25_raw(&stats, clause, clause);
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

/// Size of the intersection of two sorted, distinct slices.
pub(crate) fn overlap<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
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

    #[test]
    fn overlap_of_sorted_sets() {
        assert_eq!(overlap(&[1, 3, 5, 7], &[3, 4, 5]), 2);
        assert_eq!(overlap::<u32>(&[], &[1]), 0);
    }
}
