//! The comparison of prepared plans: ranking, scoring pairs, aligning them into
//! initiatives, queries, and what sets a plan apart.

use super::*;
/// A concept named in a clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Mark {
    pub(super) concept: u32,
    /// Carried (one of the task's measures), not leaned on.
    pub(super) carried: bool,
}

/// The concepts each clause of a task names, and those its title carries.
#[derive(Debug, Clone, Default)]
pub(super) struct TaskMarks {
    pub(super) clauses: Vec<Box<[Mark]>>,
    pub(super) title: Box<[u32]>,
}

impl TaskMarks {
    /// Concepts clause `clause` carries.
    pub(super) fn carried(&self, clause: usize) -> impl Iterator<Item = u32> + '_ {
        self.clauses.get(clause).into_iter().flat_map(|c| c.iter().filter(|m| m.carried).map(|m| m.concept))
    }

    /// Every concept the task carries, in a title or a clause, sorted and distinct.
    pub(super) fn all_carried(&self) -> Vec<u32> {
        let mut all: Vec<u32> =
            self.title.iter().copied().chain((0..self.clauses.len()).flat_map(|c| self.carried(c))).collect();
        all.sort_unstable();
        all.dedup();
        all
    }
}

/// Plans prepared for comparison by a [`Matcher`].
#[derive(Debug, Clone)]
pub struct Comparison<'p> {
    pub(super) plans: Vec<&'p Plan>,
    pub(super) features: Features,
    pub(super) matcher: Matcher,
    /// Whether each term id is a domain term.
    pub(super) domain: Vec<bool>,
    /// Task id → index in `features.tasks`.
    pub(super) index: HashMap<Id, usize>,
    /// Each task's ids, by index in `features.tasks`, made once and shared by every
    /// result that names the task.
    pub(super) refs: Vec<TaskRef>,
    /// The concepts each task's clauses name.
    pub(super) marks: Vec<TaskMarks>,
    /// Whether each task is a safeguard measure.
    pub(super) safeguard: Vec<bool>,
}

/// A clause pair above the threshold, packed: a national corpus has tens of millions.
#[derive(Debug, Clone, Copy)]
pub(super) struct ScoredPair {
    pub(super) score: f64,
    pub(super) a: u32,
    pub(super) b: u32,
    pub(super) clause_a: u32,
    pub(super) clause_b: u32,
}

impl ScoredPair {
    fn new(score: f64, a: usize, clause_a: usize, b: usize, clause_b: usize) -> ScoredPair {
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
pub(super) fn near_best(scored: &[ScoredPair], tasks: &[TaskFeatures], margin: f64) -> Vec<bool> {
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
                *end = narrow(at);
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

    pub(super) fn task_ref(&self, task: usize) -> TaskRef {
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

    /// For each pair of plans, the pairs of their tasks that `align` would score, by the
    /// tasks' positions in their plans (in that order), with their similarity. Where the
    /// matcher blocks, those are the tasks that share a blocking key, so that a city's plan
    /// against its successor costs what its candidates cost, not every pair; on the
    /// bundled plans that keeps 98% of the pairs reaching the default threshold (a test
    /// holds it). An exhaustive matcher scores every pair.
    pub(crate) fn candidate_scores(&self, pairs: &[(&Plan, &Plan)]) -> Vec<Vec<(usize, usize, f64)>> {
        let side = |plan: &Plan| -> Vec<(usize, usize)> {
            plan.tasks.iter().enumerate().filter_map(|(i, t)| Some((i, *self.index.get(t.id.as_str())?))).collect()
        };
        // Each task's keys once, though a plan may be in two pairs.
        let mut keyed: Vec<usize> =
            pairs.iter().flat_map(|(a, b)| [a, b]).flat_map(|p| side(p)).map(|(_, t)| t).collect();
        keyed.sort_unstable();
        keyed.dedup();
        let keys: HashMap<usize, Vec<u32>> = match self.matcher.blocking {
            Some(config) => keyed
                .par_iter()
                .filter_map(|&t| {
                    let task = self.features.tasks.get(t)?;
                    Some((t, blocking::keys_of(&self.features, &self.domain, task, config.keys_per_clause)))
                })
                .collect::<Vec<_>>()
                .into_iter()
                .collect(),
            None => HashMap::new(),
        };
        // A plan's tasks with their features and keys, looked up once per pair of plans.
        let looked_up = |plan: &Plan| -> Vec<(usize, &TaskFeatures, Option<&Vec<u32>>)> {
            side(plan).into_iter().filter_map(|(i, t)| Some((i, self.features.tasks.get(t)?, keys.get(&t)))).collect()
        };
        pairs
            .par_iter()
            .map(|&(from, to)| {
                let (a_side, b_side) = (looked_up(from), looked_up(to));
                let mut found = Vec::new();
                for &(i, a, a_keys) in &a_side {
                    for &(j, b, b_keys) in &b_side {
                        let shared = match (a_keys, b_keys) {
                            (Some(p), Some(q)) => measures::overlap(p, q) > 0,
                            _ => self.matcher.blocking.is_none(),
                        };
                        if shared {
                            found.push((i, j, self.score(a, b).score));
                        }
                    }
                }
                found
            })
            .collect()
    }

    /// Whether term `t` is a domain term. Term ids come from this comparison's features,
    /// so a miss is a bug.
    pub(super) fn is_domain(&self, t: u32) -> bool {
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
            let at = narrow(entry.index());
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
            .filter_map(|k| t.sources.get(k).copied().filter(|&s| s != TITLE).map(|s| s as usize))
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
            Some(s) if s != TITLE => task.clauses.get(s as usize).map(|c| c.text.as_str()),
            _ => Some(task.title.as_str()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Corpus;

    /// Blocking keys spare work and lose little: the pairs found with keys are pairs of
    /// scoring every pair, with the same scores, and most of them.
    #[test]
    fn candidates_with_keys_hold_most_pairs_that_reach_the_threshold() {
        let corpus = Corpus::bundled().unwrap();
        let plans = corpus.plans();
        // Floors at the recall measured: 0.858 at 0.2, 0.981 at the default 0.3.
        for (threshold, floor) in [(0.2, 0.85), (0.3, 0.97)] {
            let keyed = Matcher::builder().threshold(threshold).build().unwrap().compare(plans);
            let every = Matcher::builder().threshold(threshold).exhaustive(true).build().unwrap().compare(plans);
            let (mut found, mut all) = (0, 0);
            for a in plans {
                for b in plans.iter().filter(|b| b.id != a.id) {
                    let reaching = |c: &Comparison<'_>| {
                        let mut scores = c.candidate_scores(&[(a, b)]);
                        scores.pop().unwrap_or_default().into_iter().filter(|p| p.2 >= threshold).collect::<Vec<_>>()
                    };
                    let (pairs, reference) = (reaching(&keyed), reaching(&every));
                    assert!(
                        pairs.iter().all(|p| reference.contains(p)),
                        "help: {} → {}: a pair no exhaustive scoring finds",
                        a.id,
                        b.id
                    );
                    (found, all) = (found + pairs.len(), all + reference.len());
                }
            }
            let recall = found as f64 / all.max(1) as f64;
            assert!(all > 50 && recall >= floor, "help: {found} of {all} pairs at {threshold}");
        }
    }

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
