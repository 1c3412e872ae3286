//! Shared wording: passages that two plans share near-verbatim, found through an index of
//! character shingles in time linear in the corpus.
//!
//! Text is compared after white space and punctuation are set aside and traditional
//! characters folded. Each plan's text is cut into shingles of [`SHINGLE`] characters and
//! *winnowed* (the smallest hash of every window of [`WINDOW`] shingles is kept), so
//! that any passage of `SHINGLE + WINDOW - 1` characters or more is certain to share a
//! kept shingle while only about a third of the positions are indexed. A shingle kept
//! by more than [`MAX_PLANS`] plans is a formula of the genre: it is not paired plan by
//! plan (that would be quadratic), and passages holding it are boilerplate. Seeds are
//! then extended to maximal exact runs on their diagonal.

use serde::{Deserialize, Serialize};

use crate::matching::Id;
use crate::model::Plan;

/// Characters of a shingle.
pub const SHINGLE: usize = 8;
/// Shingles of a winnowing window: passages of `SHINGLE + WINDOW - 1` (15) characters
/// or more are always found.
pub const WINDOW: usize = 8;
/// Plans above which a shingle is a formula of the genre, not wording two plans share.
pub const MAX_PLANS: usize = 24;

/// What a shared passage is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum PassageKind {
    /// A formula of the genre: shared by many plans, or standing outside the tasks
    /// (a notice's "现印发给你们，请认真贯彻执行", a preamble).
    Boilerplate,
    /// Task wording shared by three or more issuers: a provincial template.
    Template,
    /// Task wording shared by two issuers: one copying the other, or both a source.
    Reuse,
    /// Task wording one issuer's plans share (a plan and its successor).
    Own,
}

/// One side of a shared passage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PassageEnd {
    /// The plan's id.
    pub plan: Id,
    /// The task it falls in, if any.
    pub task: Option<Id>,
    /// Byte offsets of the passage in the plan's source.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
}

/// A passage two plans share.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Passage {
    /// What it is.
    pub kind: PassageKind,
    /// Where it is in the first plan.
    pub a: PassageEnd,
    /// Where it is in the second.
    pub b: PassageEnd,
    /// The shared characters, white space and punctuation set aside.
    pub text: String,
    /// How many issuers' plans hold its rarest shingle.
    pub issuers: usize,
}

/// How much of two plans' task text the other shares, template and reuse passages
/// counted (boilerplate not).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ReuseShare {
    /// The first plan's id.
    pub a: String,
    /// The second plan's id.
    pub b: String,
    /// Share of the first plan's task characters found in the second.
    pub a_share: f64,
    /// Share of the second plan's task characters found in the first.
    pub b_share: f64,
}

/// The passages a corpus shares, and the share of each pair of plans.
///
/// # Examples
///
/// ```
/// use cityalign::{Corpus, PassageKind, SharedWording, BUNDLED};
///
/// let corpus = Corpus::bundled()?;
/// let sources: Vec<(&cityalign::Plan, &str)> = corpus.plans().iter().zip(BUNDLED).map(|(p, b)| (p, b.text)).collect();
/// let shared = SharedWording::find(&sources);
/// let reuse = shared.passages.iter().find(|p| p.kind == PassageKind::Reuse && p.text.contains("完善财政投入机制")).unwrap();
/// assert_eq!((reuse.a.plan.as_str(), reuse.b.plan.as_str()), ("dongying-2022", "binzhou-2023"));
/// # Ok::<(), cityalign::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SharedWording {
    /// The passages, by plan pair and position.
    pub passages: Vec<Passage>,
    /// For each pair of plans that share task wording, the shares.
    pub shares: Vec<ReuseShare>,
}

/// The kept shingles of all plans, sorted by hash.
struct Index {
    entries: Vec<(u64, u32, u32)>,
}

impl Index {
    /// The entries of each hash, a hash at a time.
    fn groups(&self) -> impl Iterator<Item = &[(u64, u32, u32)]> + '_ {
        self.entries.chunk_by(|x, y| x.0 == y.0)
    }
}

/// A plan's text as compared: its kept characters and where each is in the source.
struct Normalized {
    chars: Vec<char>,
    /// Byte offsets in the source: `u32`, as the parser reads at most 64 MiB.
    offsets: Vec<u32>,
    /// Whether each character lies in a task, and which.
    task: Vec<Option<u32>>,
    /// Whether each character is part of a unit's name: lists of departments are no
    /// shared wording.
    unit: Vec<bool>,
    task_chars: usize,
}

fn normalize(plan: &Plan, source: &str) -> Normalized {
    let mut n =
        Normalized { chars: Vec::new(), offsets: Vec::new(), task: Vec::new(), unit: Vec::new(), task_chars: 0 };
    let mut units: Vec<(usize, usize)> =
        plan.tasks.iter().flat_map(|t| &t.units).map(|u| (u.span.byte_start, u.span.byte_end)).collect();
    units.sort_unstable();
    let in_unit = |at: usize| {
        let i = units.partition_point(|&(start, _)| start <= at);
        i.checked_sub(1).and_then(|i| units.get(i)).is_some_and(|&(_, end)| at < end)
    };
    let mut tasks = plan.tasks.iter().enumerate().peekable();
    for (at, c) in source.char_indices() {
        if !c.is_alphanumeric() {
            continue;
        }
        while tasks.peek().is_some_and(|(_, t)| t.span.byte_end <= at) {
            tasks.next();
        }
        let task = tasks.peek().filter(|(_, t)| t.span.byte_start <= at).and_then(|(i, _)| u32::try_from(*i).ok());
        n.task_chars += usize::from(task.is_some());
        n.chars.push(crate::script::simplified(c));
        debug_assert!(u32::try_from(at).is_ok(), "a source beyond 4 GiB");
        n.offsets.push(u32::try_from(at).unwrap_or(u32::MAX));
        n.task.push(task);
        n.unit.push(in_unit(at));
    }
    n
}

fn shingle_hashes(chars: &[char]) -> Vec<u64> {
    if chars.len() < SHINGLE {
        return Vec::new();
    }
    // A polynomial rolling hash, mixed after, so that windows' minima are spread.
    const BASE: u64 = 0x100_0000_01b3;
    let top = (0..SHINGLE - 1).fold(1u64, |p, _| p.wrapping_mul(BASE));
    let mut h = 0u64;
    let mut out = Vec::with_capacity(chars.len() - SHINGLE + 1);
    for (i, &c) in chars.iter().enumerate() {
        if i >= SHINGLE {
            let old = chars.get(i - SHINGLE).map_or(0, |&c| c as u64);
            h = h.wrapping_sub(old.wrapping_mul(top));
        }
        h = h.wrapping_mul(BASE).wrapping_add(c as u64);
        if i + 1 >= SHINGLE {
            out.push(mix(h));
        }
    }
    out
}

fn mix(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x
}

/// The positions winnowing keeps: the rightmost minimum of every window.
fn winnow(hashes: &[u64]) -> Vec<usize> {
    let mut kept: Vec<usize> = Vec::new();
    if hashes.len() <= WINDOW {
        if let Some((i, _)) = hashes.iter().enumerate().min_by_key(|(i, h)| (**h, usize::MAX - i)) {
            kept.push(i);
        }
        return kept;
    }
    // A monotone queue of candidate minima: linear in the text.
    let mut queue: std::collections::VecDeque<usize> = std::collections::VecDeque::new();
    for (i, &h) in hashes.iter().enumerate() {
        while queue.back().is_some_and(|&j| hashes.get(j).is_some_and(|&hj| hj >= h)) {
            queue.pop_back();
        }
        queue.push_back(i);
        if queue.front().is_some_and(|&j| j + WINDOW <= i) {
            queue.pop_front();
        }
        if i + 1 >= WINDOW {
            if let Some(&j) = queue.front() {
                if kept.last() != Some(&j) {
                    kept.push(j);
                }
            }
        }
    }
    kept
}

impl SharedWording {
    /// The passages of at least `SHINGLE + WINDOW - 1` (15) characters that the plans
    /// share, each plan given with the source it was parsed from.
    pub fn find(sources: &[(&Plan, &str)]) -> SharedWording {
        let texts: Vec<Normalized> = sources.iter().map(|(plan, source)| normalize(plan, source)).collect();
        let issuer = |i: usize| -> String {
            sources.get(i).map_or_else(String::new, |(p, _)| {
                p.issuer.clone().or_else(|| p.city.clone()).unwrap_or_else(|| p.id.clone())
            })
        };
        let issuers: Vec<String> = (0..sources.len()).map(issuer).collect();
        // The index: (shingle hash, plan, position), winnowed, sorted by hash — 16 bytes a
        // kept shingle, where a map of lists would take three times that.
        let mut entries: Vec<(u64, u32, u32)> = Vec::new();
        for (p, text) in texts.iter().enumerate() {
            let hashes = shingle_hashes(&text.chars);
            for pos in winnow(&hashes) {
                if let (Some(&h), Ok(p), Ok(pos)) = (hashes.get(pos), u32::try_from(p), u32::try_from(pos)) {
                    entries.push((h, p, pos));
                }
            }
        }
        entries.sort_unstable();
        let index = Index { entries };
        // Issuers as numbers, so that a posting list's issuers count without strings.
        let mut names: Vec<&str> = issuers.iter().map(String::as_str).collect();
        names.sort_unstable();
        names.dedup();
        let issuer_of: Vec<usize> = issuers.iter().map(|i| names.binary_search(&i.as_str()).unwrap_or(0)).collect();
        // Seeds (plan pair, diagonal, positions, issuers of the shingle); a formula's
        // shingles are not paired.
        // 24 bytes a seed: a diagonal fits in i32, as a plan holds far fewer than 2^31
        // characters.
        let mut seeds: Vec<(u32, u32, i32, u32, u32, u32)> = Vec::new();
        let mut formula_at: Vec<Vec<bool>> = texts.iter().map(|t| vec![false; t.chars.len()]).collect();
        for postings in index.groups() {
            // Entries of a hash are sorted by plan: count the plans in one pass.
            let plans = postings.chunk_by(|x, y| x.1 == y.1).count();
            if plans < 2 {
                continue;
            }
            if plans > MAX_PLANS {
                for &(_, p, pos) in postings {
                    if let Some(flags) = formula_at.get_mut(p as usize) {
                        for f in flags.iter_mut().skip(pos as usize).take(SHINGLE) {
                            *f = true;
                        }
                    }
                }
                continue;
            }
            let mut held: Vec<usize> =
                postings.iter().filter_map(|&(_, p, _)| issuer_of.get(p as usize).copied()).collect();
            held.sort_unstable();
            held.dedup();
            let spread = u32::try_from(held.len()).unwrap_or(u32::MAX);
            for (k, &(_, pa, a)) in postings.iter().enumerate() {
                for &(_, pb, b) in postings.iter().skip(k + 1) {
                    if pa == pb {
                        continue;
                    }
                    let ((pa, a), (pb, b)) = if pa < pb { ((pa, a), (pb, b)) } else { ((pb, b), (pa, a)) };
                    let diagonal = i32::try_from(i64::from(b) - i64::from(a)).unwrap_or(i32::MAX);
                    seeds.push((pa, pb, diagonal, a, b, spread));
                }
            }
        }
        seeds.sort_unstable();
        // Each seed extended to the maximal exact run on its diagonal; the seeds a run
        // covers give it their fewest issuers.
        let mut runs: Vec<Run> = Vec::new();
        for diagonal in seeds.chunk_by(|x, y| (x.0, x.1, x.2) == (y.0, y.1, y.2)) {
            let Some(&(pa, pb, ..)) = diagonal.first() else { continue };
            let (Some(ta), Some(tb)) = (texts.get(pa as usize), texts.get(pb as usize)) else { continue };
            let mut current: Option<Run> = None;
            for &(_, _, _, a, b, spread) in diagonal {
                let (a, b) = (a as usize, b as usize);
                if let Some(run) = current.as_mut().filter(|r| a < r.a + r.len) {
                    run.spread = run.spread.min(spread);
                    continue;
                }
                runs.extend(current.take().filter(|r| r.len >= SHINGLE + WINDOW - 1 && is_wording(ta, r.a, r.len)));
                let mut back = 0;
                while back < a.min(b) && ta.chars.get(a - back - 1) == tb.chars.get(b - back - 1) {
                    back += 1;
                }
                let mut len = back;
                while ta.chars.get(a - back + len).is_some()
                    && ta.chars.get(a - back + len) == tb.chars.get(b - back + len)
                {
                    len += 1;
                }
                current = Some(Run { pa: pa as usize, pb: pb as usize, a: a - back, b: b - back, len, spread });
            }
            runs.extend(current.take().filter(|r| r.len >= SHINGLE + WINDOW - 1 && is_wording(ta, r.a, r.len)));
        }
        let kinds: Vec<PassageKind> = runs.iter().map(|r| kind(&texts, &issuers, &formula_at, r)).collect();
        let shares = shares(sources, &texts, &runs, &kinds);
        let ids = Ids {
            plans: sources.iter().map(|(p, _)| Id::from(&p.id)).collect(),
            tasks: sources.iter().map(|(p, _)| p.tasks.iter().map(|t| Id::from(&t.id)).collect()).collect(),
        };
        let passages = runs.iter().zip(kinds).map(|(r, kind)| passage(sources, &texts, &ids, r, kind)).collect();
        SharedWording { passages, shares }
    }
}

/// A maximal shared run of two plans' compared characters.
#[derive(Debug, Clone, Copy)]
struct Run {
    pa: usize,
    pb: usize,
    a: usize,
    b: usize,
    len: usize,
    /// Issuers holding its rarest seed shingle.
    spread: u32,
}

/// Labels of a responsibility parenthesis, which plans share without sharing wording.
const LABELS: [&str; 6] = ["牵头单位", "责任单位", "配合单位", "完成时限", "责任部门", "牵头部门"];

/// Whether a run is wording, not a list of departments: at least a passage's length of
/// it is neither unit names nor responsibility labels.
fn is_wording(text: &Normalized, start: usize, len: usize) -> bool {
    let names = text.unit.iter().skip(start).take(len).filter(|&&u| u).count();
    let run: String = text.chars.iter().skip(start).take(len).collect();
    let labels: usize = LABELS.iter().map(|l| run.matches(l).count() * l.chars().count()).sum();
    len.saturating_sub(names + labels) >= SHINGLE + WINDOW - 1
}

/// What a run is: boilerplate outside the tasks or holding a formula, own within one
/// issuer, template across three or more, else reuse.
fn kind(texts: &[Normalized], issuers: &[String], formula_at: &[Vec<bool>], r: &Run) -> PassageKind {
    let in_tasks = |p: usize, pos: usize| {
        texts.get(p).is_some_and(|t| (pos..pos + r.len).all(|i| t.task.get(i).copied().flatten().is_some()))
    };
    let formula = |p: usize, pos: usize| formula_at.get(p).is_some_and(|f| f.iter().skip(pos).take(r.len).any(|&x| x));
    if !in_tasks(r.pa, r.a) || !in_tasks(r.pb, r.b) || formula(r.pa, r.a) || formula(r.pb, r.b) {
        PassageKind::Boilerplate
    } else if issuers.get(r.pa) == issuers.get(r.pb) {
        PassageKind::Own
    } else if r.spread >= 3 {
        PassageKind::Template
    } else {
        PassageKind::Reuse
    }
}

/// The ids of the plans and their tasks, made once and shared by every passage.
struct Ids {
    plans: Vec<Id>,
    tasks: Vec<Vec<Id>>,
}

fn passage(sources: &[(&Plan, &str)], texts: &[Normalized], ids: &Ids, r: &Run, kind: PassageKind) -> Passage {
    let end_of = |p: usize, pos: usize| -> PassageEnd {
        let source = sources.get(p).map_or("", |(_, s)| *s);
        let text = texts.get(p);
        let start = text.and_then(|t| t.offsets.get(pos)).map_or(0, |&o| o as usize);
        let last = text.and_then(|t| t.offsets.get(pos + r.len - 1)).map_or(start, |&o| o as usize);
        let end = last + source.get(last..).and_then(|s| s.chars().next()).map_or(0, char::len_utf8);
        let task = text
            .and_then(|t| t.task.get(pos).copied().flatten())
            .and_then(|i| ids.tasks.get(p).and_then(|tasks| tasks.get(i as usize)))
            .cloned();
        PassageEnd { plan: ids.plans.get(p).cloned().unwrap_or_default(), task, start, end }
    };
    let text: String = texts.get(r.pa).map(|t| t.chars.iter().skip(r.a).take(r.len).collect()).unwrap_or_default();
    Passage { kind, a: end_of(r.pa, r.a), b: end_of(r.pb, r.b), text, issuers: r.spread.max(1) as usize }
}

/// Per pair of plans, the share of each one's task characters in template or reuse runs:
/// the union of the runs' intervals, so that overlapping runs count once.
fn shares(sources: &[(&Plan, &str)], texts: &[Normalized], runs: &[Run], kinds: &[PassageKind]) -> Vec<ReuseShare> {
    let mut intervals: Vec<(usize, usize, usize, usize, usize)> = runs
        .iter()
        .zip(kinds)
        .filter(|(_, k)| matches!(k, PassageKind::Template | PassageKind::Reuse))
        .flat_map(|(r, _)| [(r.pa, r.pb, 0, r.a, r.a + r.len), (r.pa, r.pb, 1, r.b, r.b + r.len)])
        .collect();
    intervals.sort_unstable();
    let mut shares: Vec<ReuseShare> = Vec::new();
    for pair in intervals.chunk_by(|x, y| (x.0, x.1) == (y.0, y.1)) {
        let Some(&(pa, pb, ..)) = pair.first() else { continue };
        let mut covered = [0usize; 2];
        for side in pair.chunk_by(|x, y| x.2 == y.2) {
            let mut reach = 0;
            let mut total = 0;
            for &(_, _, s, start, end) in side {
                let start = start.max(reach);
                if end > start {
                    total += end - start;
                    reach = end;
                }
                if let Some(slot) = covered.get_mut(s) {
                    *slot = total;
                }
            }
        }
        let share = |p: usize, chars: usize| chars as f64 / texts.get(p).map_or(1, |t| t.task_chars.max(1)) as f64;
        let id = |p: usize| sources.get(p).map_or_else(String::new, |(plan, _)| plan.id.clone());
        shares.push(ReuseShare {
            a: id(pa),
            b: id(pb),
            a_share: share(pa, covered[0]),
            b_share: share(pb, covered[1]),
        });
    }
    shares
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Corpus, BUNDLED};

    /// Every maximal run of 15 or more characters two texts share, by brute force: all
    /// 15-grams indexed, none winnowed, none capped.
    fn exhaustive(a: &[char], b: &[char]) -> Vec<(usize, usize, usize)> {
        const K: usize = SHINGLE + WINDOW - 1;
        let mut grams: std::collections::HashMap<&[char], Vec<usize>> = std::collections::HashMap::new();
        for (i, w) in b.windows(K).enumerate() {
            grams.entry(w).or_default().push(i);
        }
        let mut runs = Vec::new();
        for (i, w) in a.windows(K).enumerate() {
            for &j in grams.get(w).map_or(&[][..], Vec::as_slice) {
                // Only the start of a maximal run.
                if i > 0 && j > 0 && a.get(i - 1) == b.get(j - 1) {
                    continue;
                }
                let len = (0..).take_while(|&k| a.get(i + k).is_some() && a.get(i + k) == b.get(j + k)).count();
                runs.push((i, j, len));
            }
        }
        runs
    }

    #[test]
    fn shared_passages_of_the_bundled_plans_against_an_exhaustive_comparison() {
        let corpus = Corpus::bundled().unwrap();
        let sources: Vec<(&Plan, &str)> = corpus.plans().iter().zip(BUNDLED).map(|(p, b)| (p, b.text)).collect();
        let shared = SharedWording::find(&sources);
        let texts: Vec<Normalized> = sources.iter().map(|(p, s)| normalize(p, s)).collect();
        let (mut wanted, mut found) = (0usize, 0usize);
        for pa in 0..texts.len() {
            for pb in pa + 1..texts.len() {
                let (ta, tb) = (&texts[pa], &texts[pb]);
                for (i, j, len) in exhaustive(&ta.chars, &tb.chars) {
                    if !is_wording(ta, i, len) {
                        continue;
                    }
                    wanted += len;
                    let (start, end) = (ta.offsets[i] as usize, ta.offsets[i + len - 1] as usize);
                    let hit = shared.passages.iter().any(|p| {
                        p.a.plan == sources[pa].0.id
                            && p.b.plan == sources[pb].0.id
                            && p.a.start <= start
                            && end < p.a.end
                            && p.b.start == tb.offsets[j] as usize
                    });
                    found += if hit { len } else { 0 };
                }
            }
        }
        let recall = found as f64 / wanted.max(1) as f64;
        assert!(wanted > 0 && recall >= 0.95, "help: recall of shared characters {recall:.3} ({found}/{wanted})");
        for p in &shared.passages {
            let formula = ["印发给你们", "贯彻执行", "研究同意", "贯彻落实"].iter().any(|f| p.text.contains(f));
            assert!(
                !formula || p.kind == PassageKind::Boilerplate,
                "help: a notice formula classed {:?}: {}",
                p.kind,
                p.text
            );
        }
    }

    #[test]
    fn winnowing_keeps_a_shingle_of_every_window() {
        let chars: Vec<char> = "加快推进数字政府建设全面提升政务服务效能持续优化营商环境".chars().collect();
        let hashes = shingle_hashes(&chars);
        let kept = winnow(&hashes);
        for start in 0..hashes.len().saturating_sub(WINDOW - 1) {
            assert!(
                kept.iter().any(|&k| (start..start + WINDOW).contains(&k)),
                "help: window at {start} has no kept shingle"
            );
        }
        assert!(kept.len() * 2 < hashes.len(), "help: winnowing keeps a fraction: {} of {}", kept.len(), hashes.len());
    }
}
