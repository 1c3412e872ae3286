//! Candidate generation for `align`: which task pairs are worth scoring.
//!
//! Each clause gives a few blocking keys, its most telling terms (domain terms first,
//! then the rarest); an inverted index from key to tasks proposes as candidates the tasks
//! of other plans that share a key. A block no larger than [`Blocking::max_block`] is
//! compared pair by pair; a larger one (a key most plans use, such as 5G基站 in a
//! national corpus) is sorted by the tasks' keys and each task compared with its
//! [`Blocking::window`] neighbours only, so that the cost stays linear in the number of
//! tasks while the initiative still gathers all of them through the chain of links.

use crate::par::*;

use super::features::{Features, TaskFeatures};
use super::measures;

/// How candidates are generated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Blocking {
    /// Keys taken from each clause.
    pub keys_per_clause: usize,
    /// Largest block compared pair by pair.
    pub max_block: usize,
    /// Neighbours each task is compared with in a larger block.
    pub window: usize,
}

impl Default for Blocking {
    fn default() -> Blocking {
        // Measured on the bundled gold and synthetic corpora (README, "Scale").
        Blocking { keys_per_clause: 5, max_block: 32, window: 12 }
    }
}

/// The blocking keys of every task, sorted and distinct.
pub(crate) fn task_keys(features: &Features, domain: &[bool], per_clause: usize) -> Vec<Vec<u32>> {
    features.tasks.par_iter().map(|task| keys_of(features, domain, task, per_clause)).collect()
}

/// The blocking keys of one task, sorted and distinct: each clause's most telling terms.
pub(crate) fn keys_of(features: &Features, domain: &[bool], task: &TaskFeatures, per_clause: usize) -> Vec<u32> {
    let weight = |t: u32| measures::telling(features.stats.idf(t), domain.get(t as usize).copied().unwrap_or(false));
    let mut keys: Vec<u32> = Vec::new();
    for clause in &task.clauses {
        // A term in one clause only can pair with nothing.
        let mut terms: Vec<u32> = clause
            .set
            .iter()
            .copied()
            .filter(|&t| features.stats.df.get(t as usize).is_some_and(|&df| df >= 2))
            .collect();
        terms.sort_by(|&x, &y| weight(y).total_cmp(&weight(x)).then(x.cmp(&y)));
        keys.extend(terms.into_iter().take(per_clause));
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// For each task, the tasks after it in other plans that it is to be scored against,
/// sorted and distinct.
pub(crate) fn candidates(features: &Features, domain: &[bool], config: Blocking) -> Vec<Vec<u32>> {
    let keys = task_keys(features, domain, config.keys_per_clause);
    let mut index: Vec<Vec<u32>> = vec![Vec::new(); features.terms.len()];
    for (task, task_keys) in keys.iter().enumerate() {
        for &key in task_keys {
            if let Some(list) = index.get_mut(key as usize) {
                list.push(task as u32);
            }
        }
    }
    let plan_of = |t: u32| features.tasks.get(t as usize).map_or(usize::MAX, |t| t.plan);
    let pairs: Vec<(u32, u32)> = index
        .par_iter_mut()
        .filter(|list| list.len() >= 2)
        .flat_map_iter(|list| {
            let mut pairs = Vec::new();
            if list.len() <= config.max_block {
                for (x, &a) in list.iter().enumerate() {
                    for &b in list.iter().skip(x + 1) {
                        if plan_of(a) != plan_of(b) {
                            pairs.push((a.min(b), a.max(b)));
                        }
                    }
                }
            } else {
                // Similar tasks sit next to each other when sorted by their keys.
                list.sort_by(|&a, &b| keys.get(a as usize).cmp(&keys.get(b as usize)).then(a.cmp(&b)));
                for (x, &a) in list.iter().enumerate() {
                    for &b in list.iter().skip(x + 1).take(config.window) {
                        if plan_of(a) != plan_of(b) {
                            pairs.push((a.min(b), a.max(b)));
                        }
                    }
                }
            }
            pairs
        })
        .collect();
    let mut out: Vec<Vec<u32>> = vec![Vec::new(); features.tasks.len()];
    for (a, b) in pairs {
        if let Some(list) = out.get_mut(a as usize) {
            list.push(b);
        }
    }
    out.par_iter_mut().for_each(|list| {
        list.sort_unstable();
        list.dedup();
    });
    out
}
