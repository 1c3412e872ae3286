//! From links to initiatives: grouping apart from naming.
//!
//! Links come grouped by what they are about: a concept both clauses carry, else the most
//! telling term they share. Groups are then completed (tasks carrying the concept that are
//! linked to a member), named (the concept most members carry, else a key phrase of
//! terms specific to the group), and merged where they hold mostly the same tasks, so that
//! synonyms (5G / 5G基站) end in one row.

use indexmap::IndexMap;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::index::narrow;
use super::measures;
use super::{Alignment, Category, Clustering, Comparison, Id, Initiative, Link};

/// Share of the smaller group's tasks that two groups must share to be one initiative.
pub(crate) const OVERLAP: f64 = 0.6;
/// Confidence from which an initiative is shown by default.
pub(crate) const SHOWN: f64 = 0.5;

/// What a group of links is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Key {
    /// A concept both clauses carry.
    Concept(u32),
    /// The most telling term both clauses share.
    Term(u32),
}

/// A link between two clauses of two tasks, packed (a national corpus has millions): the
/// task pair and its score are those of link `link` of the alignment's links.
#[derive(Debug, Clone, Copy)]
pub(super) struct Pair {
    /// Its index among the task-pair links.
    pub link: u32,
    /// The clauses linked (saturated: only concept naming reads them).
    pub clause_a: u16,
    pub clause_b: u16,
}

impl Pair {
    pub(super) fn new(link: u32, clause_a: u32, clause_b: u32) -> Pair {
        let narrow = |c: u32| u16::try_from(c).unwrap_or(u16::MAX);
        Pair { link, clause_a: narrow(clause_a), clause_b: narrow(clause_b) }
    }
}

/// The links by index: (task, task) → (best score, term).
type Links = IndexMap<(u32, u32), (f64, u32)>;

/// The two tasks and the score of a pair's link.
fn ends(links: &Links, p: &Pair) -> (u32, u32, f64) {
    let end = links.get_index(p.link as usize);
    debug_assert!(end.is_some(), "pair of link {} outside the {} links", p.link, links.len());
    end.map_or((u32::MAX, u32::MAX, 0.0), |(&(a, b), &(score, _))| (a, b, score))
}

/// A group on its way to an initiative.
#[derive(Debug, Clone, Default)]
struct Group {
    concept: Option<u32>,
    /// Task indices, sorted, distinct.
    members: Vec<u32>,
    /// Its links.
    pairs: Vec<Pair>,
}

fn sorted(mut v: Vec<u32>) -> Vec<u32> {
    v.sort_unstable();
    v.dedup();
    v
}

pub(super) fn initiatives(
    c: &Comparison<'_>,
    groups: IndexMap<Key, Vec<Pair>>,
    links: IndexMap<(u32, u32), (f64, u32)>,
) -> Alignment {
    let n = c.features.tasks.len();
    let clustering = c.matcher.clustering;
    // Only the methods that add carriers need the link graph and the carriers.
    let adds = matches!(clustering, Clustering::Linked | Clustering::Lexical);
    let mut adjacent: Vec<Vec<u32>> = vec![Vec::new(); if adds { n } else { 0 }];
    for &(a, b) in links.keys().filter(|_| adds) {
        if let Some(l) = adjacent.get_mut(a as usize) {
            l.push(b);
        }
        if let Some(l) = adjacent.get_mut(b as usize) {
            l.push(a);
        }
    }
    let mut carriers: HashMap<u32, Vec<u32>> = HashMap::default();
    if adds {
        for (t, marks) in c.marks.iter().enumerate() {
            for k in marks.all_carried() {
                carriers.entry(k).or_default().push(t as u32);
            }
        }
    }
    let mut work: Vec<Group> = Vec::with_capacity(groups.len());
    let mut seen_concepts: HashSet<u32> = HashSet::default();
    for (key, pairs) in groups {
        let mut members: Vec<u32> = pairs
            .iter()
            .flat_map(|p| {
                let (a, b, _) = ends(&links, p);
                [a, b]
            })
            .collect();
        let concept = match key {
            Key::Concept(k) => {
                seen_concepts.insert(k);
                let own: HashSet<u32> = members.iter().copied().collect();
                let join = carriers.get(&k).into_iter().flatten().copied().filter(|t| match clustering {
                    Clustering::Lexical => true,
                    Clustering::Linked => adjacent.get(*t as usize).is_some_and(|l| l.iter().any(|o| own.contains(o))),
                    _ => false,
                });
                members.extend(join.collect::<Vec<u32>>());
                Some(k)
            }
            Key::Term(_) => None,
        };
        work.push(Group { concept, members: sorted(members), pairs });
    }
    if clustering == Clustering::Lexical {
        let mut rest: Vec<(&u32, &Vec<u32>)> = carriers.iter().filter(|(k, _)| !seen_concepts.contains(k)).collect();
        rest.sort_unstable_by_key(|(k, _)| **k);
        for (&k, tasks) in rest {
            work.push(Group { concept: Some(k), members: sorted(tasks.clone()), pairs: Vec::new() });
        }
    }
    // A term group is named by the concept that most of its links' clauses carry (on one
    // side: both would have made it a concept link).
    for g in work.iter_mut().filter(|g| g.concept.is_none()) {
        let mut counts: HashMap<u32, usize> = HashMap::default();
        for p in &g.pairs {
            let (a, b, _) = ends(&links, p);
            let mut on: Vec<u32> = [(a, p.clause_a), (b, p.clause_b)]
                .into_iter()
                .filter_map(|(t, k)| c.marks.get(t as usize).map(|m| m.carried(k as usize).collect::<Vec<u32>>()))
                .flatten()
                .collect();
            on.sort_unstable();
            on.dedup();
            for k in on {
                *counts.entry(k).or_default() += 1;
            }
        }
        let best = counts.into_iter().max_by(|x, y| x.1.cmp(&y.1).then(y.0.cmp(&x.0)));
        g.concept = best.filter(|&(_, count)| 2 * count > g.pairs.len()).map(|(k, _)| k);
    }
    let merged = merge(work, &links);
    name(c, merged, links)
}

fn absorb(into: &mut Group, from: Group) {
    let mut members = std::mem::take(&mut into.members);
    members.extend(from.members);
    into.members = sorted(members);
    into.pairs.extend(from.pairs);
    if into.concept.is_none() {
        into.concept = from.concept;
    }
}

/// One group per concept, then groups holding mostly the same tasks merged, larger first.
fn merge(work: Vec<Group>, links: &Links) -> Vec<Group> {
    let mut by_concept: IndexMap<Option<u32>, Vec<Group>> = IndexMap::new();
    let mut plain = Vec::new();
    for g in work {
        match g.concept {
            Some(_) => by_concept.entry(g.concept).or_default().push(g),
            None => plain.push(g),
        }
    }
    let mut groups: Vec<Group> = by_concept
        .into_values()
        .filter_map(|gs| {
            let mut it = gs.into_iter();
            let first = it.next()?;
            Some(it.fold(first, |mut acc, g| {
                absorb(&mut acc, g);
                acc
            }))
        })
        .chain(plain)
        .collect();
    // Merging makes groups grow, which may make them overlap others: repeat until stable.
    for _ in 0..4 {
        groups
            .sort_by(|a, b| b.members.len().cmp(&a.members.len()).then(b.concept.is_some().cmp(&a.concept.is_some())));
        let mut kept: Vec<Group> = Vec::with_capacity(groups.len());
        // Task → kept groups holding it.
        let mut holding: HashMap<u32, Vec<usize>> = HashMap::default();
        let before = groups.len();
        for g in groups {
            let mut counts: HashMap<usize, usize> = HashMap::default();
            for t in &g.members {
                for &k in holding.get(t).into_iter().flatten() {
                    *counts.entry(k).or_default() += 1;
                }
            }
            let target = counts
                .into_iter()
                .filter(|&(k, count)| {
                    let Some(o) = kept.get(k) else { return false };
                    // A key-phrase row inside another row is that row again; two concepts
                    // stay apart unless they hold mostly the same tasks, or one is a
                    // single pair of tasks both in the other (a line of the comparison
                    // the larger row already draws; a concept of three or more tasks
                    // keeps its row — 一网通办 beside 移动政务服务).
                    let small = g.members.len().min(o.members.len());
                    let of = if g.concept.is_none() || o.concept.is_none() {
                        small
                    } else {
                        g.members.len().max(o.members.len())
                    };
                    (of > 0 && count as f64 >= OVERLAP * of as f64) || (small == 2 && count == small)
                })
                // Two concepts that merely overlap stay two rows only if both are concepts
                // and they differ; the issue asks for one row in any case.
                .max_by(|x, y| x.1.cmp(&y.1).then(y.0.cmp(&x.0)))
                .map(|(k, _)| k);
            match target.and_then(|k| kept.get_mut(k).map(|o| (k, o))) {
                Some((k, into)) => {
                    let before: Vec<u32> = into.members.iter().chain(&g.members).copied().collect();
                    if g.concept.is_none() != into.concept.is_none() {
                        // A key phrase and a concept's row, mostly the same tasks: the
                        // concept's row, the phrase's other tasks its noise.
                        let (mut phrase, concept) =
                            if g.concept.is_none() { (g, std::mem::take(into)) } else { (std::mem::take(into), g) };
                        let keep = |t: &u32| concept.members.binary_search(t).is_ok();
                        phrase.pairs.retain(|p| {
                            let (a, b, _) = ends(links, p);
                            keep(&a) && keep(&b)
                        });
                        phrase.members.retain(keep);
                        *into = concept;
                        absorb(into, phrase);
                    } else {
                        absorb(into, g);
                    }
                    for t in before {
                        let h = holding.entry(t).or_default();
                        let member = into.members.binary_search(&t).is_ok();
                        match (member, h.contains(&k)) {
                            (true, false) => h.push(k),
                            (false, true) => h.retain(|&x| x != k),
                            _ => {}
                        }
                    }
                }
                None => {
                    let k = kept.len();
                    for &t in &g.members {
                        holding.entry(t).or_default().push(k);
                    }
                    kept.push(g);
                }
            }
        }
        let stable = kept.len() == before;
        groups = kept;
        if stable {
            break;
        }
    }
    groups
}

/// The most distinctive terms of a group: frequent among its tasks, rare in the corpus;
/// two of them, or one domain term. `None` when the group shares nothing telling.
fn key_phrase(c: &Comparison<'_>, members: &[u32]) -> Option<String> {
    let mut counts: HashMap<u32, usize> = HashMap::default();
    for &t in members {
        for &term in c.features.tasks.get(t as usize).map_or(&[][..], |t| &t.whole.set) {
            *counts.entry(term).or_default() += 1;
        }
    }
    let n = members.len().max(1) as f64;
    let text = |t: u32| c.features.terms.get_index(t as usize).map_or("", String::as_str);
    let mut ranked: Vec<(f64, u32)> = counts
        .into_iter()
        .filter(|&(t, count)| {
            let s = text(t);
            count >= 2 && s.chars().count() >= 2 && !s.chars().all(|ch| ch.is_ascii_digit() || ch == '.')
        })
        .map(|(t, count)| (count as f64 / n * measures::telling(c.features.stats.idf(t), c.is_domain(t)), t))
        .collect();
    ranked.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
    match ranked.as_slice() {
        [] => None,
        [(_, t)] => c.is_domain(*t).then(|| text(*t).to_string()),
        [(_, a), (_, b), ..] => Some(format!("{}·{}", text(*a), text(*b))),
    }
}

fn name(c: &Comparison<'_>, groups: Vec<Group>, links: IndexMap<(u32, u32), (f64, u32)>) -> Alignment {
    let concepts = &c.matcher.concepts;
    // Each link's initiative (an index in `initiatives`), for its label.
    let mut link_labels: Vec<u32> = vec![u32::MAX; links.len()];
    let mut initiatives: Vec<Initiative> = Vec::new();
    for g in groups {
        let plans: HashSet<usize> =
            g.members.iter().filter_map(|&t| c.features.tasks.get(t as usize)).map(|t| t.plan).collect();
        if plans.len() < 2 {
            continue;
        }
        let concept = g.concept.and_then(|k| concepts.get(k as usize));
        let label = match concept {
            Some(k) => k.name.clone(),
            None => match key_phrase(c, &g.members) {
                Some(p) => p,
                None => continue,
            },
        };
        let label = Id::from(label.as_str());
        // Tasks linked inside the group by its own links (a carrier that joined through a
        // link to a member counts as not linked).
        let linked = sorted(
            g.pairs
                .iter()
                .flat_map(|p| {
                    let (a, b, _) = ends(&links, p);
                    [a, b]
                })
                .collect(),
        )
        .len();
        let share = linked as f64 / g.members.len().max(1) as f64;
        let mean = if g.pairs.is_empty() {
            0.0
        } else {
            g.pairs.iter().map(|p| ends(&links, p).2).sum::<f64>() / g.pairs.len() as f64
        };
        let confidence = (share * if concept.is_some() { 1.0 } else { mean }).clamp(0.0, 1.0);
        let safeguards = g.members.iter().filter(|&&t| c.safeguard.get(t as usize).copied().unwrap_or(false)).count();
        let category = match concept {
            Some(k) => k.category,
            None if 2 * safeguards > g.members.len() => Category::Safeguards,
            None => Category::Other,
        };
        let index = narrow(initiatives.len());
        for p in &g.pairs {
            if let Some(l) = link_labels.get_mut(p.link as usize) {
                if *l == u32::MAX {
                    *l = index;
                }
            }
        }
        initiatives.push(Initiative {
            label,
            members: g.members.iter().map(|&t| c.task_ref(t as usize)).collect(),
            concept: concept.map(|k| Id::from(k.name.as_str())),
            category,
            confidence,
            shown: confidence >= SHOWN,
        });
    }
    let labels: Vec<Id> = initiatives.iter().map(|i| i.label.clone()).collect();
    initiatives.sort_by(|a, b| {
        a.category
            .cmp(&b.category)
            .then(b.plans().len().cmp(&a.plans().len()))
            .then(b.members.len().cmp(&a.members.len()))
            .then(a.label.cmp(&b.label))
    });
    let links = links
        .into_iter()
        .zip(link_labels)
        .map(|(((a, b), (score, term)), at)| Link {
            a: c.task_ref(a as usize),
            b: c.task_ref(b as usize),
            score,
            label: labels
                .get(at as usize)
                .cloned()
                .unwrap_or_else(|| Id::from(c.features.terms.get_index(term as usize).map_or("", String::as_str))),
        })
        .collect();
    Alignment { initiatives, links }
}
