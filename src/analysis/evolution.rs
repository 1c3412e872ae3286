//! How a city's plan changes from one plan to the next: tasks continued, new and
//! dropped, and the targets set on the same metric then and now.

use std::collections::{BTreeMap, HashMap};

use crate::par::*;
use serde::{Deserialize, Serialize};

use crate::matching::{Alignment, Comparison, Id, Link, TaskRef};
use crate::model::Plan;

/// A task of the earlier plan carried on in the later one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Continued {
    /// The task in the earlier plan.
    pub a: TaskRef,
    /// The task in the later plan.
    pub b: TaskRef,
    /// Their similarity (or their best link's score, if higher).
    pub score: f64,
}

/// A target on one metric in both plans: then and now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TargetChange {
    /// The metric.
    pub metric: String,
    /// The value in the earlier plan.
    pub from: f64,
    /// The value in the later plan.
    pub to: f64,
    /// The earlier task.
    pub a: TaskRef,
    /// The later task.
    pub b: TaskRef,
}

/// One step of a city's plans: from one plan to the next.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Evolution {
    /// The city.
    pub city: String,
    /// The earlier plan's id.
    pub from: Id,
    /// The later plan's id.
    pub to: Id,
    /// Tasks carried on, pair by pair (a task may continue several).
    pub continued: Vec<Continued>,
    /// Tasks of the later plan that continue none.
    pub new: Vec<TaskRef>,
    /// Tasks of the earlier plan that none continues.
    pub dropped: Vec<TaskRef>,
    /// Targets on one metric in a continued pair of tasks.
    pub target_changes: Vec<TargetChange>,
}

/// The order of a city's plans: by the year their period starts, then date of issue.
pub(crate) fn time_key(plan: &Plan) -> (u16, u16, u8, u8) {
    let year = plan.period.map(|p| p.start).or(plan.issued.map(|d| d.year())).unwrap_or(u16::MAX);
    let (y, m, d) = plan.issued.map_or((u16::MAX, u8::MAX, u8::MAX), |d| (d.year(), d.month(), d.day()));
    (year, y, m, d)
}

fn task_ref(plan: &Plan, index: usize) -> Option<TaskRef> {
    plan.tasks.get(index).map(|t| TaskRef { plan: Id::from(&plan.id), task: Id::from(&t.id) })
}

/// For every city with two or more plans, each step from one plan to the next, in time
/// order. Tasks are paired when the alignment links them, when their similarity reaches
/// the matcher's threshold, or when both belong to one initiative named by a concept.
pub fn evolution(comparison: &Comparison<'_>, alignment: &Alignment) -> Vec<Evolution> {
    let mut cities: BTreeMap<&str, Vec<&Plan>> = BTreeMap::new();
    for plan in comparison.plans() {
        if let Some(city) = plan.city.as_deref() {
            cities.entry(city).or_default().push(plan);
        }
    }
    let mut pairs: Vec<(&str, &Plan, &Plan)> = Vec::new();
    for (city, mut plans) in cities {
        plans.sort_by_key(|p| time_key(p));
        for pair in plans.windows(2) {
            if let (Some(&from), Some(&to)) = (pair.first(), pair.get(1)) {
                pairs.push((city, from, to));
            }
        }
    }
    // The links of each step's two plans, gathered in one pass over the links.
    let position: HashMap<&str, usize> =
        pairs.iter().enumerate().map(|(k, &(_, from, _))| (from.id.as_str(), k)).collect();
    let mut links: Vec<Vec<&Link>> = vec![Vec::new(); pairs.len()];
    let step_of =
        |a: &str, b: &str| position.get(a).copied().filter(|&k| pairs.get(k).is_some_and(|&(_, _, to)| to.id == b));
    for link in &alignment.links {
        let (a, b) = (link.a.plan.as_str(), link.b.plan.as_str());
        if let Some(list) = step_of(a, b).or_else(|| step_of(b, a)).and_then(|k| links.get_mut(k)) {
            list.push(link);
        }
    }
    // The initiatives named by a concept that each task of a step's plans belongs to.
    let mut rows: BTreeMap<&str, Vec<(&str, usize)>> =
        pairs.iter().flat_map(|&(_, from, to)| [from.id.as_str(), to.id.as_str()]).map(|p| (p, Vec::new())).collect();
    for (row, initiative) in alignment.initiatives.iter().enumerate().filter(|(_, i)| i.concept.is_some()) {
        for member in &initiative.members {
            if let Some(list) = rows.get_mut(member.plan.as_str()) {
                list.push((member.task.as_str(), row));
            }
        }
    }
    let plan_pairs: Vec<(&Plan, &Plan)> = pairs.iter().map(|&(_, from, to)| (from, to)).collect();
    let scored = comparison.candidate_scores(&plan_pairs);
    // The steps are independent: scored in parallel, returned in city and time order.
    pairs
        .par_iter()
        .zip(links)
        .zip(scored)
        .map(|((&(city, from, to), links), scored)| {
            let rows_of = |plan: &Plan| rows.get(plan.id.as_str()).map_or(&[][..], Vec::as_slice);
            let mut same_initiative: Vec<(&str, &str)> = Vec::new();
            for &(a, row) in rows_of(from) {
                same_initiative.extend(rows_of(to).iter().filter(|&&(_, r)| r == row).map(|&(b, _)| (a, b)));
            }
            step(city, (from, to), comparison, Pairs { scored, links: &links, same_initiative: &same_initiative })
        })
        .collect()
}

/// The pairs a step starts from.
struct Pairs<'a> {
    /// Task pairs (by position, in order) that `align` would score, with the score.
    scored: Vec<(usize, usize, f64)>,
    /// The alignment's links between the two plans.
    links: &'a [&'a Link],
    /// Task pairs (by id) in one initiative named by a concept.
    same_initiative: &'a [(&'a str, &'a str)],
}

fn step(city: &str, (from, to): (&Plan, &Plan), comparison: &Comparison<'_>, pairs: Pairs<'_>) -> Evolution {
    // A pair continues when the alignment links it, when its tasks score at least the
    // matcher's threshold (one city's successive plans reword a measure more than two
    // cities do), or when both carry one initiative named by a concept: a city renames
    // and regroups its measures from year to year, and the concept is what stays.
    let Pairs { scored, links, same_initiative } = pairs;
    let threshold = comparison.matcher().threshold();
    let mut best: BTreeMap<(usize, usize), f64> =
        scored.iter().filter(|p| p.2 >= threshold).map(|&(i, j, score)| ((i, j), score)).collect();
    fn positions(plan: &Plan) -> HashMap<&str, usize> {
        plan.tasks.iter().enumerate().map(|(i, t)| (t.id.as_str(), i)).collect()
    }
    let (in_from, in_to) = (positions(from), positions(to));
    for &(a, b) in same_initiative {
        let (Some(&i), Some(&j)) = (in_from.get(a), in_to.get(b)) else { continue };
        if let std::collections::btree_map::Entry::Vacant(slot) = best.entry((i, j)) {
            // Scored already when the pair is a candidate.
            let known = scored.binary_search_by(|p| (p.0, p.1).cmp(&(i, j))).ok().and_then(|k| scored.get(k));
            slot.insert(known.map_or_else(|| comparison.similarity(a, b).unwrap_or(0.0), |p| p.2));
        }
    }
    for link in links {
        let (a, b) = match (link.a.plan.as_str(), link.b.plan.as_str()) {
            (pa, pb) if pa == from.id && pb == to.id => (&link.a, &link.b),
            (pa, pb) if pa == to.id && pb == from.id => (&link.b, &link.a),
            _ => continue,
        };
        let (Some(&i), Some(&j)) = (in_from.get(a.task.as_str()), in_to.get(b.task.as_str())) else { continue };
        let slot = best.entry((i, j)).or_insert(0.0);
        *slot = slot.max(link.score);
    }
    let mut continued: Vec<Continued> = Vec::new();
    let mut target_changes = Vec::new();
    for (&(i, j), &score) in &best {
        let (Some(ra), Some(rb)) = (task_ref(from, i), task_ref(to, j)) else { continue };
        let (Some(ta), Some(tb)) = (from.tasks.get(i), to.tasks.get(j)) else { continue };
        for x in &ta.targets {
            for y in
                tb.targets.iter().filter(|y| !y.metric.is_empty() && y.metric == x.metric && y.measure == x.measure)
            {
                target_changes.push(TargetChange {
                    metric: x.metric.clone(),
                    from: x.value,
                    to: y.value,
                    a: ra.clone(),
                    b: rb.clone(),
                });
            }
        }
        continued.push(Continued { a: ra, b: rb, score });
    }
    continued.sort_by(|x, y| (x.a.task.as_str(), x.b.task.as_str()).cmp(&(y.a.task.as_str(), y.b.task.as_str())));
    // Tasks of either plan in no continued pair, by position.
    let (mut kept_from, mut kept_to) = (vec![false; from.tasks.len()], vec![false; to.tasks.len()]);
    for &(i, j) in best.keys() {
        kept_from.get_mut(i).into_iter().chain(kept_to.get_mut(j)).for_each(|k| *k = true);
    }
    let alone = |plan: &Plan, kept: &[bool]| -> Vec<TaskRef> {
        kept.iter().enumerate().filter(|(_, &k)| !k).filter_map(|(i, _)| task_ref(plan, i)).collect()
    };
    let new = alone(to, &kept_to);
    let dropped = alone(from, &kept_from);
    Evolution {
        city: city.to_string(),
        from: Id::from(&from.id),
        to: Id::from(&to.id),
        continued,
        new,
        dropped,
        target_changes,
    }
}
