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

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::matching::Id;
use crate::model::Plan;
use crate::par::*;

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
    /// The shared characters, white space and punctuation set aside: one text shared by
    /// every passage of the same wording.
    pub text: Arc<str>,
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

/// Positions between two byte-offset checkpoints of a [`Normalized`] text.
const CHECKPOINT: usize = 64;

/// A plan's text as compared: its kept characters, and which of them lie in a task or a
/// unit's name, as runs of positions. Two bytes a character, as a national corpus holds
/// tens of millions of them; byte offsets are found again from a checkpoint when a
/// passage is reported.
struct Normalized {
    /// The characters as [`unit`]s.
    chars: Vec<u16>,
    /// Runs of positions in one task: `(start, end, task index)`, in order.
    tasks: Vec<(u32, u32, u32)>,
    /// Runs of positions in a unit's name, in order: lists of departments are no shared
    /// wording.
    units: Vec<(u32, u32)>,
    /// The byte offset in the source of every [`CHECKPOINT`]th position.
    checkpoints: Vec<u32>,
    task_chars: usize,
}

/// The characters compared, with their byte offsets: white space and punctuation are
/// set aside.
fn kept(source: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    // The common ideographs first: the general test looks them up in tables.
    source.char_indices().filter(|&(_, c)| matches!(c, '\u{4e00}'..='\u{9fff}') || c.is_alphanumeric())
}

/// How many positions of `start..end` sorted, disjoint runs cover.
fn covered<T>(runs: &[T], bounds: impl Fn(&T) -> (u32, u32), start: usize, end: usize) -> usize {
    let first = runs.partition_point(|r| bounds(r).1 as usize <= start);
    runs.iter()
        .skip(first)
        .map(bounds)
        .take_while(|&(s, _)| (s as usize) < end)
        .map(|(s, e)| (e as usize).min(end).saturating_sub((s as usize).max(start)))
        .sum()
}

impl Normalized {
    /// The byte offset in `source` of position `pos`, read on from its checkpoint.
    fn byte_at(&self, source: &str, pos: usize) -> Option<usize> {
        let from = *self.checkpoints.get(pos / CHECKPOINT)? as usize;
        kept(source.get(from..)?).nth(pos % CHECKPOINT).map(|(at, _)| from + at)
    }

    /// The task position `pos` lies in.
    fn task_at(&self, pos: usize) -> Option<u32> {
        let i = self.tasks.partition_point(|r| r.0 as usize <= pos);
        i.checked_sub(1).and_then(|i| self.tasks.get(i)).filter(|r| pos < r.1 as usize).map(|r| r.2)
    }

    /// Whether every position of `start..end` lies in a task.
    fn in_tasks(&self, start: usize, end: usize) -> bool {
        covered(&self.tasks, |r| (r.0, r.1), start, end) == end.saturating_sub(start)
    }
}

fn normalize(plan: &Plan, source: &str) -> Normalized {
    let mut n =
        Normalized { chars: Vec::new(), tasks: Vec::new(), units: Vec::new(), checkpoints: Vec::new(), task_chars: 0 };
    let mut units: Vec<(usize, usize)> =
        plan.tasks.iter().flat_map(|t| &t.units).map(|u| (u.span.byte_start, u.span.byte_end)).collect();
    units.sort_unstable();
    let in_unit = |at: usize| {
        let i = units.partition_point(|&(start, _)| start <= at);
        i.checked_sub(1).and_then(|i| units.get(i)).is_some_and(|&(_, end)| at < end)
    };
    let mut tasks = plan.tasks.iter().enumerate().peekable();
    for (pos, (at, c)) in kept(source).enumerate() {
        // Positions and offsets in 32 bits: the parser reads at most 64 MiB.
        let (Ok(pos32), Ok(at32)) = (u32::try_from(pos), u32::try_from(at)) else {
            debug_assert!(false, "a source beyond 4 GiB");
            break;
        };
        if pos % CHECKPOINT == 0 {
            n.checkpoints.push(at32);
        }
        while tasks.peek().is_some_and(|(_, t)| t.span.byte_end <= at) {
            tasks.next();
        }
        if let Some(task) =
            tasks.peek().filter(|(_, t)| t.span.byte_start <= at).and_then(|(i, _)| u32::try_from(*i).ok())
        {
            n.task_chars += 1;
            match n.tasks.last_mut() {
                Some(last) if last.1 == pos32 && last.2 == task => last.1 += 1,
                _ => n.tasks.push((pos32, pos32 + 1, task)),
            }
        }
        if in_unit(at) {
            match n.units.last_mut() {
                Some(last) if last.1 == pos32 => last.1 += 1,
                _ => n.units.push((pos32, pos32 + 1)),
            }
        }
        n.chars.push(unit(crate::script::simplified(c)));
    }
    n
}

/// A compared character in 16 bits: exact in the Basic Multilingual Plane, where Chinese
/// text lives; a character beyond it is folded into the surrogate range, which no `char`
/// takes, so that it never equals one of the plane. Folded units that are equal are told
/// apart by their source (see [`same_char`]).
fn unit(c: char) -> u16 {
    let c = u32::from(c);
    u16::try_from(c).unwrap_or(0xd800 | (c & 0x7ff) as u16)
}

/// Whether a unit stands for a character beyond the Basic Multilingual Plane.
fn is_folded(u: u16) -> bool {
    (0xd800..=0xdfff).contains(&u)
}

/// The compared character at `pos`, read from the source.
fn char_at(text: &Normalized, source: &str, pos: usize) -> Option<char> {
    let at = text.byte_at(source, pos)?;
    source.get(at..)?.chars().next().map(crate::script::simplified)
}

/// Whether position `i` of one text and `j` of another hold the same character.
fn same_char(x: (&Normalized, &str), y: (&Normalized, &str), i: usize, j: usize) -> bool {
    match (x.0.chars.get(i), y.0.chars.get(j)) {
        (Some(&u), Some(&v)) if u == v => !is_folded(u) || char_at(x.0, x.1, i) == char_at(y.0, y.1, j),
        _ => false,
    }
}

/// The polynomial base of shingle hashes.
const BASE: u64 = 0x100_0000_01b3;

/// The hash of one shingle, as [`shingle_hashes`] rolls it.
fn shingle_hash(shingle: &[u16]) -> u64 {
    mix(shingle.iter().fold(0u64, |h, &c| h.wrapping_mul(BASE).wrapping_add(u64::from(c))))
}

fn shingle_hashes(chars: &[u16]) -> Vec<u64> {
    if chars.len() < SHINGLE {
        return Vec::new();
    }
    // A polynomial rolling hash, mixed after, so that windows' minima are spread.
    let top = (0..SHINGLE - 1).fold(1u64, |p, _| p.wrapping_mul(BASE));
    let mut h = 0u64;
    let mut out = Vec::with_capacity(chars.len() - SHINGLE + 1);
    for (i, &c) in chars.iter().enumerate() {
        if i >= SHINGLE {
            let old = chars.get(i - SHINGLE).map_or(0, |&c| u64::from(c));
            h = h.wrapping_sub(old.wrapping_mul(top));
        }
        h = h.wrapping_mul(BASE).wrapping_add(u64::from(c));
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
        let mut texts: Vec<Normalized> = sources.par_iter().map(|(plan, source)| normalize(plan, source)).collect();
        let issuers: Vec<String> = sources
            .iter()
            .map(|(p, _)| p.issuer.clone().or_else(|| p.city.clone()).unwrap_or_else(|| p.id.clone()))
            .collect();
        // The index: (shingle hash, plan, position), winnowed, sorted by hash — 16 bytes a
        // kept shingle, where a map of lists would take three times that.
        // Winnowed in parallel, each plan keeping positions only; the hashes are taken
        // again position by position, so that the kept shingles are held once.
        let kept: Vec<Vec<u32>> = texts
            .par_iter()
            .map(|text| winnow(&shingle_hashes(&text.chars)).into_iter().map(narrow).collect())
            .collect();
        let mut entries: Vec<(u64, u32, u32)> = Vec::with_capacity(kept.iter().map(Vec::len).sum());
        for ((p, text), positions) in texts.iter().enumerate().zip(kept) {
            let p = narrow(p);
            entries.extend(positions.into_iter().filter_map(|pos| {
                let at = pos as usize;
                Some((shingle_hash(text.chars.get(at..at + SHINGLE)?), p, pos))
            }));
        }
        entries.par_sort_unstable();
        let index = Index { entries };
        // Issuers as numbers, so that a posting list's issuers count without strings.
        let mut names: Vec<&str> = issuers.iter().map(String::as_str).collect();
        names.sort_unstable();
        names.dedup();
        let issuer_of: Vec<usize> = issuers.iter().map(|i| names.binary_search(&i.as_str()).unwrap_or(0)).collect();
        // Seeds (plan pair, diagonal, positions, issuers of the shingle); a formula's
        // shingles are not paired, only marked.
        // 24 bytes a seed: a diagonal fits in i32, as a plan holds far fewer than 2^31
        // characters.
        let mut seeds: Vec<(u32, u32, i32, u32, u32, u32)> = Vec::new();
        let mut formula: Vec<Positions> = texts.iter().map(|t| Positions::new(t.chars.len())).collect();
        for postings in index.groups() {
            // Entries of a hash are sorted by plan: count the plans in one pass.
            let plans = postings.chunk_by(|x, y| x.1 == y.1).count();
            if plans < 2 {
                continue;
            }
            if plans > MAX_PLANS {
                for &(_, p, pos) in postings {
                    if let Some(plan) = formula.get_mut(p as usize) {
                        plan.insert(pos as usize, SHINGLE);
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
        drop(index);
        seeds.par_sort_unstable();
        // Each seed extended to the maximal exact run on its diagonal; the seeds a run
        // covers give it their fewest issuers. Diagonals are independent.
        let runs: Vec<Run> = seeds
            .par_chunk_by(|x, y| (x.0, x.1, x.2) == (y.0, y.1, y.2))
            .flat_map_iter(|diagonal| extend(sources, &texts, diagonal))
            .collect();
        drop(seeds);
        let kinds: Vec<PassageKind> = runs.par_iter().map(|r| kind(&texts, &issuers, &formula, r)).collect();
        let shares = shares(sources, &texts, &runs, &kinds);
        let ids = Ids {
            plans: sources.iter().map(|(p, _)| Id::from(&p.id)).collect(),
            tasks: sources.iter().map(|(p, _)| p.tasks.iter().map(|t| Id::from(&t.id)).collect()).collect(),
        };
        let wording = wording(sources, &texts, &runs);
        // The characters are done with: passages need only offsets and tasks, and the
        // characters are most of the memory.
        for text in &mut texts {
            text.chars = Vec::new();
        }
        let passages = runs
            .par_iter()
            .zip(kinds)
            .zip(wording)
            .map(|((r, kind), text)| passage(sources, &texts, &ids, r, kind, text))
            .collect();
        SharedWording { passages, shares }
    }
}

/// A hasher for keys that are hashes already.
#[derive(Default)]
struct Prehashed(u64);

impl std::hash::Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// Plan `p`'s compared text with the source it was read from.
fn side<'a>(sources: &[(&Plan, &'a str)], texts: &'a [Normalized], p: usize) -> Option<(&'a Normalized, &'a str)> {
    Some((texts.get(p)?, sources.get(p).map(|(_, s)| *s)?))
}

/// The text of each run, one `Arc<str>` for all runs of the same wording (a template
/// shared by many plans), read from the source. Runs are fingerprinted in parallel; a
/// fingerprint that two wordings share gives the later one a text of its own.
fn wording(sources: &[(&Plan, &str)], texts: &[Normalized], runs: &[Run]) -> Vec<Arc<str>> {
    let side = |p: usize| side(sources, texts, p);
    let units = |r: &Run| {
        let (pa, _, a, _, len) = r.at();
        texts.get(pa).and_then(|t| t.chars.get(a..a + len)).unwrap_or_default()
    };
    let text_of = |r: &Run| -> Arc<str> {
        let (pa, _, a, _, len) = r.at();
        let text = side(pa).and_then(|(t, source)| {
            let start = t.byte_at(source, a)?;
            Some(kept(source.get(start..)?).take(len).map(|(_, c)| crate::script::simplified(c)).collect::<String>())
        });
        debug_assert!(text.is_some(), "a run outside its plan's text");
        text.unwrap_or_default().into()
    };
    let same = |x: &Run, y: &Run| {
        let (px, _, ax, _, len) = x.at();
        let (py, _, ay, ..) = y.at();
        units(x) == units(y)
            && match (side(px), side(py)) {
                (Some(tx), Some(ty)) => (0..len).all(|k| same_char(tx, ty, ax + k, ay + k)),
                _ => false,
            }
    };
    let prints: Vec<u64> = runs.par_iter().map(|r| shingle_hash(units(r))).collect();
    let mut held: HashMap<u64, (usize, Arc<str>), BuildHasherDefault<Prehashed>> = HashMap::default();
    runs.iter()
        .enumerate()
        .zip(prints)
        .map(|((k, r), print)| match held.get(&print) {
            Some((first, text)) if runs.get(*first).is_some_and(|f| same(f, r)) => Arc::clone(text),
            Some(_) => text_of(r),
            None => {
                let text = text_of(r);
                held.insert(print, (k, Arc::clone(&text)));
                text
            }
        })
        .collect()
}

/// The maximal exact runs of one diagonal of two plans, from its seeds in order.
fn extend(sources: &[(&Plan, &str)], texts: &[Normalized], diagonal: &[(u32, u32, i32, u32, u32, u32)]) -> Vec<Run> {
    let mut runs = Vec::new();
    let Some(&(pa, pb, ..)) = diagonal.first() else { return runs };
    let side = |p: u32| side(sources, texts, p as usize);
    let (Some(x), Some(y)) = (side(pa), side(pb)) else { return runs };
    let ta = x.0;
    let keep = |r: &Run| r.len as usize >= SHINGLE + WINDOW - 1 && is_wording(ta, r.a as usize, r.len as usize);
    let mut current: Option<Run> = None;
    for &(_, _, _, a, b, spread) in diagonal {
        if let Some(run) = current.as_mut().filter(|r| u64::from(a) < u64::from(r.a) + u64::from(r.len)) {
            run.spread = run.spread.min(spread);
            continue;
        }
        runs.extend(current.take().filter(keep));
        let (a, b) = (a as usize, b as usize);
        let mut back = 0;
        while back < a.min(b) && same_char(x, y, a - back - 1, b - back - 1) {
            back += 1;
        }
        let mut len = back;
        while same_char(x, y, a - back + len, b - back + len) {
            len += 1;
        }
        current = Some(Run { pa, pb, a: narrow(a - back), b: narrow(b - back), len: narrow(len), spread });
    }
    runs.extend(current.take().filter(keep));
    runs
}

/// A position or length as a run stores it: [`normalize`] keeps fewer than 2^32
/// characters of a plan.
fn narrow(x: usize) -> u32 {
    debug_assert!(u32::try_from(x).is_ok(), "a run beyond 2^32 characters");
    u32::try_from(x).unwrap_or(u32::MAX)
}

/// A set of a plan's positions, a bit each.
struct Positions(Vec<u64>);

impl Positions {
    fn new(len: usize) -> Positions {
        Positions(vec![0; len.div_ceil(64)])
    }

    /// Adds `len` positions from `start`.
    fn insert(&mut self, start: usize, len: usize) {
        for pos in start..start + len {
            if let Some(word) = self.0.get_mut(pos / 64) {
                *word |= 1 << (pos % 64);
            }
        }
    }

    /// Whether any of `len` positions from `start` is in the set.
    fn any(&self, start: usize, len: usize) -> bool {
        (start..start + len).any(|pos| self.0.get(pos / 64).is_some_and(|word| word & (1 << (pos % 64)) != 0))
    }
}

/// A maximal shared run of two plans' compared characters.
#[derive(Debug, Clone, Copy)]
struct Run {
    pa: u32,
    pb: u32,
    a: u32,
    b: u32,
    len: u32,
    /// Issuers holding its rarest seed shingle.
    spread: u32,
}

impl Run {
    /// Plans and positions as indices; 32 bits each in the run, as a corpus holds millions
    /// of runs and a plan fewer than 2^32 characters (see [`normalize`]).
    fn at(&self) -> (usize, usize, usize, usize, usize) {
        (self.pa as usize, self.pb as usize, self.a as usize, self.b as usize, self.len as usize)
    }
}

/// Labels of a responsibility parenthesis, which plans share without sharing wording.
const LABELS: [&str; 6] = ["牵头单位", "责任单位", "配合单位", "完成时限", "责任部门", "牵头部门"];

/// Whether a run is wording, not a list of departments: at least a passage's length of
/// it is neither unit names nor responsibility labels.
fn is_wording(text: &Normalized, start: usize, len: usize) -> bool {
    let names = covered(&text.units, |&r| r, start, start + len);
    let run = text.chars.get(start..start + len).unwrap_or_default();
    let labels: usize = LABELS
        .iter()
        .map(|l| {
            let n = l.chars().count();
            let first = l.chars().next().map(unit);
            run.windows(n).filter(|w| w.first().copied() == first && w.iter().copied().eq(l.chars().map(unit))).count()
                * n
        })
        .sum();
    len.saturating_sub(names + labels) >= SHINGLE + WINDOW - 1
}

/// What a run is: boilerplate outside the tasks or holding a formula, own within one
/// issuer, template across three or more, else reuse.
fn kind(texts: &[Normalized], issuers: &[String], formula: &[Positions], r: &Run) -> PassageKind {
    let (pa, pb, a, b, len) = r.at();
    let in_tasks = |p: usize, pos: usize| texts.get(p).is_some_and(|t| t.in_tasks(pos, pos + len));
    let is_formula = |p: usize, pos: usize| formula.get(p).is_some_and(|f| f.any(pos, len));
    if !in_tasks(pa, a) || !in_tasks(pb, b) || is_formula(pa, a) || is_formula(pb, b) {
        PassageKind::Boilerplate
    } else if issuers.get(pa) == issuers.get(pb) {
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

fn passage(
    sources: &[(&Plan, &str)],
    texts: &[Normalized],
    ids: &Ids,
    r: &Run,
    kind: PassageKind,
    text: Arc<str>,
) -> Passage {
    let (pa, pb, a, b, len) = r.at();
    let end_of = |p: usize, pos: usize| -> PassageEnd {
        let found = side(sources, texts, p);
        let source = found.map_or("", |(_, s)| s);
        let normalized = found.map(|(t, _)| t);
        let start = normalized.and_then(|t| t.byte_at(source, pos));
        let last = normalized.and_then(|t| t.byte_at(source, pos + len - 1));
        debug_assert!(start.is_some() && last.is_some(), "a run outside its plan's text");
        let start = start.unwrap_or(0);
        let last = last.unwrap_or(start);
        let end = last + source.get(last..).and_then(|s| s.chars().next()).map_or(0, char::len_utf8);
        let task = normalized
            .and_then(|t| t.task_at(pos))
            .and_then(|i| ids.tasks.get(p).and_then(|tasks| tasks.get(i as usize)))
            .cloned();
        PassageEnd { plan: ids.plans.get(p).cloned().unwrap_or_default(), task, start, end }
    };
    Passage { kind, a: end_of(pa, a), b: end_of(pb, b), text, issuers: r.spread.max(1) as usize }
}

/// Per pair of plans, the share of each one's task characters in template or reuse runs:
/// the union of the runs' intervals, so that overlapping runs count once.
fn shares(sources: &[(&Plan, &str)], texts: &[Normalized], runs: &[Run], kinds: &[PassageKind]) -> Vec<ReuseShare> {
    let mut intervals: Vec<(usize, usize, usize, usize, usize)> = runs
        .iter()
        .zip(kinds)
        .filter(|(_, k)| matches!(k, PassageKind::Template | PassageKind::Reuse))
        .map(|(r, _)| r.at())
        .flat_map(|(pa, pb, a, b, len)| [(pa, pb, 0, a, a + len), (pa, pb, 1, b, b + len)])
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
    fn exhaustive(a: &[u16], b: &[u16]) -> Vec<(usize, usize, usize)> {
        const K: usize = SHINGLE + WINDOW - 1;
        let mut grams: std::collections::HashMap<&[u16], Vec<usize>> = std::collections::HashMap::new();
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
                    let at = |t: &Normalized, p: usize, pos: usize| t.byte_at(sources[p].1, pos).unwrap();
                    let (start, end) = (at(ta, pa, i), at(ta, pa, i + len - 1));
                    let hit = shared.passages.iter().any(|p| {
                        p.a.plan == sources[pa].0.id
                            && p.b.plan == sources[pb].0.id
                            && p.a.start <= start
                            && end < p.a.end
                            && p.b.start == at(tb, pb, j)
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
    fn positions_map_back_to_their_bytes_and_tasks() {
        let corpus = Corpus::bundled().unwrap();
        for (plan, bundled) in corpus.plans().iter().zip(BUNDLED) {
            let n = normalize(plan, bundled.text);
            let all: Vec<usize> =
                bundled.text.char_indices().filter(|(_, c)| c.is_alphanumeric()).map(|(at, _)| at).collect();
            assert_eq!(n.chars.len(), all.len(), "help: {} keeps every letter and digit", plan.id);
            for (pos, &at) in all.iter().enumerate() {
                assert_eq!(n.byte_at(bundled.text, pos), Some(at), "help: {} position {pos}", plan.id);
                let task = plan.tasks.iter().position(|t| t.span.byte_start <= at && at < t.span.byte_end);
                assert_eq!(n.task_at(pos).map(|i| i as usize), task, "help: {} position {pos}", plan.id);
            }
            assert_eq!(n.byte_at(bundled.text, all.len()), None);
            let in_tasks = (0..all.len()).filter(|&pos| n.task_at(pos).is_some()).count();
            assert_eq!(covered(&n.tasks, |r| (r.0, r.1), 0, all.len()), in_tasks);
            assert_eq!(n.task_chars, in_tasks);
        }
    }

    /// Characters beyond the Basic Multilingual Plane share 16-bit units: a passage that
    /// differs in one of them is not shared, and a shared one keeps its real characters.
    #[test]
    fn characters_beyond_the_plane_are_told_apart() {
        let plan = |issuer: &str, rare: char| {
            format!(
                "{issuer}数字政府工作要点\n一、主要任务\n1.推进政务服务改革。全面推行{rare}区政务服务一网通办工作机制，持续深化放管服改革。(牵头单位:市政务服务中心)\n"
            )
        };
        // U+20000 and U+20800 fold to one unit; U+4E00 does not.
        let texts = [plan("甲市", '\u{20000}'), plan("乙市", '\u{20800}'), plan("丙市", '\u{20000}')];
        let plans: Vec<Plan> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| Plan { id: format!("plan-{i}"), ..crate::Parser::new().parse(t).unwrap() })
            .collect();
        let sources: Vec<(&Plan, &str)> = plans.iter().zip(&texts).map(|(p, t)| (p, t.as_str())).collect();
        let shared = SharedWording::find(&sources);
        let whole = |p: &Passage| p.text.contains("全面推行\u{20000}区政务服务");
        let pairs = |a: usize, b: usize| {
            shared.passages.iter().filter(|p| p.a.plan == plans[a].id && p.b.plan == plans[b].id).collect::<Vec<_>>()
        };
        assert!(
            pairs(0, 2).iter().any(|p| whole(p)),
            "help: 甲 and 丙 share the passage with U+20000: {:?}",
            pairs(0, 2)
        );
        for p in pairs(0, 1) {
            assert!(
                !p.text.contains('\u{20000}') && !p.text.contains('\u{20800}'),
                "help: {} spans the rare character",
                p.text
            );
        }
    }

    #[test]
    fn a_shingle_hashed_alone_is_hashed_as_rolled() {
        let chars: Vec<u16> = "推动千兆光网、5G网络和物联网向有需求的农村地区延伸𠀀".chars().map(unit).collect();
        let rolled = shingle_hashes(&chars);
        assert_eq!(rolled.len(), chars.len() - SHINGLE + 1);
        for (i, &h) in rolled.iter().enumerate() {
            assert_eq!(shingle_hash(&chars[i..i + SHINGLE]), h, "help: shingle at {i}");
        }
    }

    #[test]
    fn winnowing_keeps_a_shingle_of_every_window() {
        let chars: Vec<u16> = "加快推进数字政府建设全面提升政务服务效能持续优化营商环境".chars().map(unit).collect();
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
