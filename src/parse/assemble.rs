//! From an outline to a [`Plan`]: which items are tasks, their repaired text, and the
//! facts the extractors find in it.

use std::ops::Range;

use super::header::{self, Header};
use super::numbering::marker_at;
use super::outline::{lines, Line, Node, Outline};
use super::table::{self, Column};
use crate::extract::brackets::{Step, PHRASE, SENTENCE};
use crate::extract::deadline::{deadline_mentions, mentions, Mention};
use crate::extract::department::department_of;
use crate::extract::targets::targets;
use crate::extract::text::{is_space, slice, Repaired};
use crate::extract::units::{opens_with_label, responsibilities, units_in_list, Responsibility};
use crate::model::{
    Clause, Deadline, DeadlineSource, Heading, NumberPath, NumberStyle, Numeral, Plan, Role, SectionKind, Segment,
    SegmentKind, Span, Target, Task, TaskKind, Unit,
};

/// Section names, matched on short headings only so that prose mentioning them does not
/// count.
const SECTIONS: [(&[&str], SectionKind); 3] = [
    (&["工作目标", "主要目标", "行动目标", "发展目标", "总体目标", "建设目标", "预期目标"], SectionKind::Goals),
    (
        &[
            "指导思想",
            "基本原则",
            "总体要求",
            "总体思路",
            "工作原则",
            "编制依据",
            "发展现状",
            "发展基础",
            "现实基础",
            "面临形势",
            "形势",
            "背景",
            "现状",
        ],
        SectionKind::Guiding,
    ),
    (
        &["保障措施", "工作要求", "实施步骤", "组织实施", "保障机制", "组织保障", "工作保障", "推进措施", "进度安排"],
        SectionKind::Safeguards,
    ),
];

/// What an item becomes in the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fate {
    Heading,
    Task,
    /// A sub-item that only elaborates its parent task.
    Absorbed,
}

/// The lead phrase of an item: its first sentence when short, else its first clause.
/// Delimiters inside quotes or brackets do not count.
pub(crate) fn lead_phrase(text: &str) -> String {
    const MAX: usize = 40;
    let mut first_comma = None;
    let mut end = text.len();
    let mut scan = PHRASE.scan(text);
    while let Some((at, c, step)) = scan.next() {
        if step != Step::Text || scan.depth() > 0 {
            continue;
        }
        match c {
            '。' | '；' | ';' | '\n' | '！' | '？' => {
                end = at;
                break;
            }
            ',' | '，' | ':' | '：' if first_comma.is_none() => first_comma = Some(at),
            _ => {}
        }
    }
    let sentence = text.get(..end).unwrap_or(text);
    // A short sentence is a lead phrase; a longer one leads with its first clause.
    let clause = first_comma.filter(|&c| c < end).and_then(|c| text.get(..c)).filter(|c| c.chars().count() >= 6);
    let phrase = match clause {
        Some(clause) if sentence.chars().count() > 20 => clause,
        _ if sentence.chars().count() <= MAX => sentence,
        _ => clause.unwrap_or(sentence),
    };
    let phrase: String =
        if phrase.chars().count() > MAX * 2 { phrase.chars().take(MAX).collect() } else { phrase.to_string() };
    phrase.trim_matches(|c: char| is_space(c) || matches!(c, '.' | '．' | ',' | '，')).to_string()
}

fn section_of(title: &str) -> Option<SectionKind> {
    // A run-on copy puts the heading's text after a space: "总体要求 坚持以…".
    let title = title.trim_matches(is_space).split(is_space).next().unwrap_or("");
    if title.chars().count() > 12 {
        return None;
    }
    let title = crate::script::fold(title);
    let title = title.trim_matches(|c: char| is_space(c) || matches!(c, '。' | '：' | ':'));
    SECTIONS
        .iter()
        .find(|(names, _)| names.iter().any(|n| title.contains(n)))
        .map(|(_, kind)| *kind)
        // 试点目标, 近期目标: a short heading that names goals.
        .or_else(|| (title.chars().count() <= 8 && title.ends_with("目标")).then_some(SectionKind::Goals))
}

struct Item {
    repaired: Repaired,
    title: String,
    responsibilities: Vec<Responsibility>,
    section: SectionKind,
}

/// A piece that starts a paragraph however the line above ends: a numbered sub-item, or a
/// labelled line ("责任单位：…").
fn starts_paragraph(piece: &str) -> bool {
    marker_at(piece).is_some() || opens_with_label(piece)
}

fn own_text(source: &str, node: &Node) -> Repaired {
    Repaired::join(source, &node.pieces, starts_paragraph)
}

/// Whether an item's own text is only a title ("(一)提升政务服务效能"): its sub-items
/// are then tasks of their own, not elaborations of it.
fn is_bare_heading(text: &str) -> bool {
    let text = text.trim_matches(|c: char| is_space(c) || matches!(c, '。' | '：' | ':'));
    text.chars().count() <= 30 && !text.contains(['。', '；', ';', '，', ',', '\n'])
}

/// An item's own text with its responsibility parentheses cut out.
fn without_responsibilities(item: &Item) -> String {
    let text = item.repaired.text.as_str();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for r in &item.responsibilities {
        out.push_str(slice(text, at..r.range.start.max(at)));
        at = r.range.end.max(at);
    }
    out.push_str(slice(text, at..));
    out
}

/// Decides which items are tasks, headings, or elaborations absorbed by their task.
fn fates(nodes: &[Node], items: &[Item]) -> Vec<Fate> {
    let mut fates = vec![Fate::Heading; nodes.len()];
    let roots_have_items = nodes.iter().any(|n| n.parent.is_none() && !n.children.is_empty());
    for (i, node) in nodes.iter().enumerate() {
        let Some(item) = items.get(i) else { continue };
        if !matches!(item.section, SectionKind::Tasks | SectionKind::Safeguards) {
            continue;
        }
        if fates.get(i) == Some(&Fate::Absorbed) {
            continue;
        }
        if node.children.is_empty() {
            // A top-level heading with no items under it, while other top-level items have
            // some or nothing follows it ("二、重点任务" cut off where a page's opening
            // ends), is a heading.
            let last = i + 1 == nodes.len();
            let bare_top = node.parent.is_none() && is_bare_heading(&item.repaired.text) && (last || roots_have_items);
            if let Some(f) = fates.get_mut(i).filter(|_| !bare_top) {
                *f = Fate::Task;
            }
            continue;
        }
        let leaves = node.children.iter().all(|&c| nodes.get(c).is_some_and(|n| n.children.is_empty()));
        let carries = |c: usize| items.get(c).is_some_and(|it| !it.responsibilities.is_empty());
        let carrying: Vec<usize> = node.children.iter().copied().filter(|&c| carries(c)).collect();
        let own = !item.responsibilities.is_empty();
        // Sub-items carry no responsibility of their own while the parent does, or the
        // parenthesis that follows the last of them is the parent's. A parent that is a
        // bare heading with a responsibility ("(一)提升政务服务效能(牵头单位:…)") heads
        // tasks of its own instead, which take its units.
        let elaborates = leaves
            && ((own && carrying.is_empty() && !is_bare_heading(&without_responsibilities(item)))
                || (!own
                    && node.children.len() >= 2
                    && carrying.len() == 1
                    && carrying.first() == node.children.last()
                    && !is_bare_heading(&item.repaired.text)));
        if elaborates {
            if let Some(f) = fates.get_mut(i) {
                *f = Fate::Task;
            }
            for &c in &node.children {
                if let Some(f) = fates.get_mut(c) {
                    *f = Fate::Absorbed;
                }
            }
        }
    }
    fates
}

/// The pieces of a task: its own, then those of the sub-items it absorbed, numbers
/// included.
fn task_pieces(nodes: &[Node], index: usize, fates: &[Fate]) -> Vec<Range<usize>> {
    let Some(node) = nodes.get(index) else { return Vec::new() };
    let mut pieces = node.pieces.clone();
    for &c in &node.children {
        let (Some(child), Some(Fate::Absorbed)) = (nodes.get(c), fates.get(c)) else { continue };
        let mut first = true;
        for piece in &child.pieces {
            pieces.push(if first { child.start..piece.end } else { piece.clone() });
            first = false;
        }
    }
    pieces
}

fn units_of(repaired: &Repaired, found: &[Responsibility]) -> Vec<Unit> {
    let mut units: Vec<Unit> = Vec::new();
    for mention in found.iter().flat_map(|r| &r.units) {
        if units.iter().any(|u| u.name == mention.name && u.role == mention.role) {
            continue;
        }
        units.push(Unit {
            department: department_of(&mention.name),
            name: mention.name.clone(),
            role: mention.role,
            span: repaired.span(mention.range.clone()),
        });
    }
    units
}

struct Years {
    relative: Option<u16>,
    end: Option<u16>,
}

fn to_deadline(repaired: &Repaired, mention: &Mention, source: DeadlineSource, years: &Years) -> Option<Deadline> {
    let words = repaired.get(mention.range.clone());
    mention.deadline(source, years.relative).map(|d| d.with_text(words, repaired.span(mention.range.clone())))
}

/// The task's deadline: the latest of its 完成时限 clauses, else the latest date its text
/// states, else a date relative to the plan's year, else the end of the plan.
fn deadline_of(repaired: &Repaired, found: &[Responsibility], dates: &[Mention], years: &Years) -> Option<Deadline> {
    let latest = |candidates: Vec<Deadline>| candidates.into_iter().max_by_key(|d| d.last_day);
    let clauses: Vec<Deadline> = found
        .iter()
        .filter_map(|r| r.deadline.clone())
        .flat_map(|range| {
            let value = repaired.get(range.clone());
            deadline_mentions(value)
                .into_iter()
                .map(move |m| Mention { range: m.range.start + range.start..m.range.end + range.start, ..m })
        })
        .filter_map(|m| to_deadline(repaired, &m, DeadlineSource::Clause, years))
        .collect();
    let stated = |relative: bool| -> Vec<Deadline> {
        dates
            .iter()
            .filter(|m| m.year.is_none() == relative)
            .filter(|m| !found.iter().any(|r| r.range.contains(&m.range.start)))
            .filter_map(|m| to_deadline(repaired, m, DeadlineSource::Text, years))
            .collect()
    };
    latest(clauses)
        .or_else(|| latest(stated(false)))
        .or_else(|| latest(stated(true)))
        .or_else(|| years.end.and_then(|y| Deadline::new(y, None, DeadlineSource::Inferred)))
}

/// The sentences of a task's text, responsibility parentheses cut out. Sentence ends
/// inside quotes or brackets do not count.
fn clauses_of(repaired: &Repaired, found: &[Responsibility]) -> Vec<Clause> {
    let text = repaired.text.as_str();
    let mut clauses = Vec::new();
    let mut start = 0;
    let mut push = |range: Range<usize>| {
        let mut words = String::new();
        let mut at = range.start;
        for r in found.iter().filter(|r| r.range.start < range.end && range.start < r.range.end) {
            words.push_str(repaired.get(at..r.range.start.max(at)));
            at = r.range.end.max(at);
        }
        words.push_str(repaired.get(at.min(range.end)..range.end));
        let words = words.trim_matches(|c: char| is_space(c) || matches!(c, '。' | ';' | '；' | ',' | '，'));
        if words.chars().any(char::is_alphanumeric) {
            clauses.push(Clause { text: words.to_string(), span: repaired.span(range) });
        }
    };
    // A responsibility written right after a sentence's end ("…。(市民政局负责)") answers
    // for that sentence: it closes the clause rather than opening the next.
    let trailing = |end: usize| {
        let gap = text.get(end..).map_or(0, |rest| rest.len() - rest.trim_start_matches([' ', '\u{3000}']).len());
        found.iter().find(|r| r.range.start == end + gap).map(|r| r.range.end)
    };
    let mut skip_to = 0;
    let mut scan = SENTENCE.scan(text);
    while let Some((at, c, step)) = scan.next() {
        if c == '\n' {
            // A bracket still open at a line break lost its closing half.
            scan.close_all();
        }
        if at < skip_to {
            continue;
        }
        if step == Step::Text && scan.depth() == 0 && matches!(c, '。' | ';' | '；' | '\n' | '！' | '？') {
            let mut end = at + c.len_utf8();
            if c != '\n' {
                if let Some(after) = trailing(end) {
                    end = after;
                    skip_to = after;
                }
            }
            push(start..end);
            start = end;
        }
    }
    push(start..text.len());
    clauses
}

fn targets_of(repaired: &Repaired, found: &[Responsibility], dates: &[Mention], years: &Years) -> Vec<Target> {
    let masked: Vec<Range<usize>> = found.iter().map(|r| r.range.clone()).collect();
    targets(repaired, &masked, dates, years.relative)
}

fn default_id(header: &Header) -> String {
    match (&header.city, header.period) {
        (Some(city), Some(p)) if p.start == p.end => format!("{city}-{}", p.start),
        (Some(city), Some(p)) => format!("{city}-{}-{}", p.start, p.end),
        (Some(city), None) => city.clone(),
        _ => "plan".to_string(),
    }
}

/// Text as task tables and titles are compared: folded, without spaces or punctuation.
fn comparable(text: &str) -> Vec<char> {
    crate::script::fold(text).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// The Dice coefficient of two texts' character bigrams.
fn bigram_dice(a: &[char], b: &[char]) -> f64 {
    let grams = |s: &[char]| -> Vec<(char, char)> {
        let mut g: Vec<(char, char)> = s.windows(2).map(|w| (w[0], w.get(1).copied().unwrap_or(w[0]))).collect();
        g.sort_unstable();
        g
    };
    let (x, y) = (grams(a), grams(b));
    if x.is_empty() || y.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while let (Some(p), Some(q)) = (x.get(i), y.get(j)) {
        match p.cmp(q) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * shared as f64 / (x.len() + y.len()) as f64
}

/// The task a table row names: the one whose title or text holds the row's words, else
/// the one whose title is most like them (Dice of character bigrams of at least 0.6).
fn task_named(tasks: &[Task], words: &[char]) -> Option<usize> {
    if words.len() < 2 {
        return None;
    }
    let holds =
        |hay: &[char], needle: &[char]| needle.len() <= hay.len() && hay.windows(needle.len()).any(|w| w == needle);
    let comparable_tasks: Vec<(Vec<char>, Vec<char>)> =
        tasks.iter().map(|t| (comparable(&t.title), comparable(&t.text))).collect();
    let exact = comparable_tasks.iter().position(|(title, _)| title == words).or_else(|| {
        comparable_tasks
            .iter()
            .position(|(title, text)| holds(text, words) || (title.len() >= 4 && holds(words, title)))
    });
    exact.or_else(|| {
        comparable_tasks
            .iter()
            .enumerate()
            .map(|(i, (title, _))| (i, bigram_dice(title, words)))
            .filter(|&(_, score)| score >= 0.6)
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(i, _)| i)
    })
}

/// Adds what an attachment's task table says of each task it names: its units, and its
/// deadline where the text states none.
fn attach_table(source: &str, rows: &[table::Row], tasks: &mut [Task], years: &Years) {
    for row in rows {
        let words = comparable(source.get(row.task.clone()).unwrap_or(""));
        if let Some(task) = task_named(tasks, &words).and_then(|i| tasks.get_mut(i)) {
            apply_row(source, row, task, years);
        }
    }
}

/// Gives `task` the units of a table row's unit columns, and the deadline of its deadline
/// column where the task's text states none.
fn apply_row(source: &str, row: &table::Row, task: &mut Task, years: &Years) {
    for (column, range) in &row.cells {
        let cell = source.get(range.clone()).unwrap_or("");
        let role = match column {
            Column::Lead => Role::Lead,
            Column::Responsible => Role::Responsible,
            Column::Cooperating => Role::Cooperating,
            Column::Deadline => {
                let stated = task.deadline.as_ref().is_some_and(|d| d.source != DeadlineSource::Inferred);
                let found = deadline_mentions(cell).into_iter().filter_map(|m| {
                    let span = Span::new(range.start + m.range.start, range.start + m.range.end);
                    let words = cell.get(m.range.clone()).unwrap_or("");
                    m.deadline(DeadlineSource::Clause, years.relative).map(|d| d.with_text(words, span))
                });
                if let Some(deadline) = found.max_by_key(|d| d.last_day).filter(|_| !stated) {
                    task.deadline = Some(deadline);
                }
                continue;
            }
            Column::Serial | Column::Task | Column::Detail | Column::Other => continue,
        };
        for mention in units_in_list(cell, role) {
            if task.units.iter().any(|u| u.name == mention.name && u.role == mention.role) {
                continue;
            }
            task.units.push(Unit {
                department: department_of(&mention.name),
                name: mention.name,
                role: mention.role,
                span: Span::new(range.start + mention.range.start, range.start + mention.range.end),
            });
        }
    }
}

/// A plan that is only a task table (重点任务分工表, 任务清单): no line starts a numbered
/// item, but a header of columns names the task and who answers for it. Each row is a
/// task, its words those of its task and detail cells; the lines above the table are the
/// preamble. `None` when there is no such table.
pub(crate) fn table_plan(source: &str, id: Option<&str>) -> Option<Plan> {
    let all: Vec<Line> = lines(source).collect();
    let rows = table::rows(source, &all);
    let first = rows.first()?;
    // Everything above the first row, the table's header included, is the preamble.
    let body_start = first.lines.start;
    let front_text = (all.iter().filter(|l| l.end <= body_start))
        .map(|l| slice(source, l.start..l.end))
        .filter(|l| !table::is_header_line(l));
    let header = header::read(front_text, std::iter::empty());
    let years = Years::of(&header);
    let id = id.map_or_else(|| default_id(&header), str::to_string);
    let mut segments = Vec::new();
    if body_start > 0 {
        segments.push(Segment::new(SegmentKind::Preamble, Span::new(0, body_start), None));
    }
    let mut tasks = Vec::with_capacity(rows.len());
    for (k, row) in rows.iter().enumerate() {
        let end = rows.get(k + 1).map_or(source.len(), |next| next.lines.start);
        let pieces: Vec<Range<usize>> = std::iter::once(row.task.clone()).chain(row.details.iter().cloned()).collect();
        let repaired = Repaired::join(source, &pieces, |_| true);
        let dates = mentions(&repaired.text);
        let span = Span::new(row.lines.start, end);
        segments.push(Segment::new(SegmentKind::Task, span, Some(tasks.len())));
        let ordinal = u32::try_from(k + 1).unwrap_or(u32::MAX);
        let mut task = Task {
            id: format!("{id}#{:02}", k + 1),
            kind: TaskKind::Task,
            path: NumberPath(vec![Numeral { style: NumberStyle::Arabic, value: ordinal }]),
            headings: Vec::new(),
            title: lead_phrase(slice(source, row.task.clone())),
            units: Vec::new(),
            deadline: deadline_of(&repaired, &[], &dates, &years),
            targets: targets_of(&repaired, &[], &dates, &years),
            clauses: clauses_of(&repaired, &[]),
            text: repaired.text,
            span,
        };
        apply_row(source, row, &mut task, &years);
        tasks.push(task);
    }
    Some(under_header(id, header, Body { headings: Vec::new(), tasks, goals: Vec::new(), segments }, 0..source.len()))
}

/// What assembly made of a plan's body.
struct Body {
    headings: Vec<Heading>,
    tasks: Vec<Task>,
    goals: Vec<Target>,
    segments: Vec<Segment>,
}

/// The plan of a body under its header, covering the bytes `covers` of the source.
fn under_header(id: String, header: Header, body: Body, covers: Range<usize>) -> Plan {
    let Body { headings, tasks, goals, segments } = body;
    Plan {
        id,
        city: header.city,
        issuer: header.issuer,
        doc_number: header.doc_number,
        issued: header.issued,
        period: header.period,
        title: header.title,
        headings,
        tasks,
        goals,
        segments,
        source_len: covers.end,
        source_start: covers.start,
    }
}

/// The responsibilities of a task that absorbed its sub-items, from the items', read once
/// each: the parent's text opens the task's text, and each sub-item's follows on a new
/// line after its number. A name the end of an item's text cut off stands, as the task's
/// text goes on. Where an item's text reads differently inside the task's (a sub-item's
/// short first line joins the next there), the task's text is read anew.
fn absorbed_responsibilities<'i>(
    source: &str,
    task: &Repaired,
    parts: impl Iterator<Item = (&'i Node, &'i Item)>,
) -> Vec<Responsibility> {
    let parts: Vec<(&Node, &Item)> = parts.collect();
    let mut found = Vec::new();
    let mut at = 0;
    for (k, (node, item)) in parts.iter().enumerate() {
        let own = item.repaired.text.as_str();
        if k > 0 {
            // The line break the join put before the sub-item, and its number.
            let number = node.pieces.first().and_then(|p| source.get(node.start..p.start)).unwrap_or("");
            let lead = if at == 0 { "" } else { "\n" };
            let follows = task.text.get(at..).and_then(|t| t.strip_prefix(lead)).is_some_and(|t| t.starts_with(number));
            if !follows {
                return responsibilities(&task.text);
            }
            at += lead.len() + number.len();
        }
        if task.text.get(at..at + own.len()) != Some(own) {
            return responsibilities(&task.text);
        }
        let goes_on = k + 1 < parts.len();
        found.extend(item.responsibilities.iter().map(|r| r.moved(at, goes_on)));
        at += own.len();
    }
    if at != task.text.len() {
        return responsibilities(&task.text);
    }
    found
}

/// What a heading's responsibility gives the tasks below it that name no unit: its units,
/// and the deadline of its 完成时限 clause.
#[derive(Clone)]
struct Inherited {
    units: Vec<Unit>,
    deadline: Option<Deadline>,
}

/// A plan being assembled from its outline, item by item.
struct Assembly<'a> {
    source: &'a str,
    nodes: &'a [Node],
    items: &'a [Item],
    fates: &'a [Fate],
    years: &'a Years,
    id: &'a str,
    /// Byte where the body ends: the trailer's start, else the end.
    body_end: usize,
    /// What each node's responsibility gives the tasks below it, read once per node.
    inherited: Vec<Option<Inherited>>,
    headings: Vec<Heading>,
    heading_of_node: Vec<Option<usize>>,
    tasks: Vec<Task>,
    goals: Vec<Target>,
    segments: Vec<Segment>,
}

impl Assembly<'_> {
    /// The numbering path of node `i` and the headings above it, outermost first.
    fn place(&self, i: usize) -> (NumberPath, Vec<usize>) {
        let mut path = Vec::new();
        let mut ancestors = Vec::new();
        let mut at = self.nodes.get(i).and_then(|n| n.parent);
        while let Some(p) = at {
            let Some(n) = self.nodes.get(p) else { break };
            path.push(n.numeral);
            ancestors.extend(self.heading_of_node.get(p).copied().flatten());
            at = n.parent;
        }
        path.reverse();
        ancestors.reverse();
        path.extend(self.nodes.get(i).map(|n| n.numeral));
        (NumberPath(path), ancestors)
    }

    /// The span of node `i`: from its number to the next item not absorbed into it.
    fn span(&self, i: usize) -> Span {
        let start = self.nodes.get(i).map_or(self.body_end, |n| n.start);
        let end = self
            .nodes
            .iter()
            .enumerate()
            .skip(i + 1)
            .find(|(j, _)| self.fates.get(*j) != Some(&Fate::Absorbed))
            .map_or(self.body_end, |(_, n)| n.start);
        Span::new(start, end)
    }

    /// What the nearest heading above node `i` with a responsibility gives a task that
    /// names no unit.
    fn inherited(&mut self, i: usize) -> Option<Inherited> {
        let mut up = self.nodes.get(i).and_then(|n| n.parent);
        while let Some(p) = up {
            if let Some(heading) = self.items.get(p).filter(|it| !it.responsibilities.is_empty()) {
                let slot = self.inherited.get_mut(p)?;
                let years = self.years;
                let read = slot.get_or_insert_with(|| Inherited {
                    units: units_of(&heading.repaired, &heading.responsibilities),
                    deadline: deadline_of(&heading.repaired, &heading.responsibilities, &[], years)
                        .filter(|d| d.source == DeadlineSource::Clause),
                });
                return Some(read.clone());
            }
            up = self.nodes.get(p).and_then(|n| n.parent);
        }
        None
    }

    /// Adds node `i` as a task.
    fn add_task(&mut self, i: usize, item: &Item) {
        let Some(node) = self.nodes.get(i) else { return };
        let (path, headings) = self.place(i);
        let span = self.span(i);
        // A leaf's text and responsibilities are its item's, already read.
        let (repaired, found) = if node.children.is_empty() {
            (item.repaired.clone(), item.responsibilities.clone())
        } else {
            let joined = Repaired::join(self.source, &task_pieces(self.nodes, i, self.fates), starts_paragraph);
            let absorbed = (node.children.iter())
                .filter(|&&c| self.fates.get(c) == Some(&Fate::Absorbed))
                .filter_map(|&c| Some((self.nodes.get(c)?, self.items.get(c)?)));
            let found = absorbed_responsibilities(self.source, &joined, std::iter::once((node, item)).chain(absorbed));
            (joined, found)
        };
        let dates = mentions(&repaired.text);
        let kind = if item.section == SectionKind::Safeguards { TaskKind::Safeguard } else { TaskKind::Task };
        let mut units = units_of(&repaired, &found);
        let mut deadline = deadline_of(&repaired, &found, &dates, self.years);
        // A task that names no unit answers to the heading above that does.
        if units.is_empty() {
            if let Some(inherited) = self.inherited(i) {
                units = inherited.units;
                let stated = deadline.as_ref().is_some_and(|d| d.source != DeadlineSource::Inferred);
                if !stated {
                    deadline = inherited.deadline.or(deadline);
                }
            }
        }
        self.segments.push(Segment::new(SegmentKind::Task, span, Some(self.tasks.len())));
        self.tasks.push(Task {
            id: format!("{}#{:02}", self.id, self.tasks.len() + 1),
            kind,
            path,
            headings,
            title: item.title.clone(),
            units,
            deadline,
            targets: targets_of(&repaired, &found, &dates, self.years),
            clauses: clauses_of(&repaired, &found),
            text: repaired.text,
            span,
        });
    }

    /// Adds node `i` as a heading; a goal section's targets become the plan's goals, and so
    /// do those of a 总体要求 that states its goals in its own text.
    fn add_heading(&mut self, i: usize, item: &Item) {
        let (path, ancestors) = self.place(i);
        let span = self.span(i);
        if matches!(item.section, SectionKind::Goals | SectionKind::Guiding) {
            let dates = mentions(&item.repaired.text);
            self.goals.extend(targets_of(&item.repaired, &item.responsibilities, &dates, self.years));
        }
        if let Some(slot) = self.heading_of_node.get_mut(i) {
            *slot = Some(self.headings.len());
        }
        self.segments.push(Segment::new(SegmentKind::Heading, span, Some(self.headings.len())));
        self.headings.push(Heading {
            path,
            title: item.title.clone(),
            parent: ancestors.last().copied(),
            section: item.section,
            span,
        });
    }
}

/// The metadata of the plan, from the lines before and after its body.
fn read_header(source: &str, outline: &Outline) -> Header {
    let slice = |l: &Line| slice(source, l.start..l.end);
    header::read(outline.front_lines.iter().map(slice), outline.back_lines.iter().map(slice))
}

impl Years {
    /// The plan's years: the year of issue where the period holds it, else the period's
    /// first; the period's last.
    fn of(header: &Header) -> Years {
        Years {
            relative: match (header.period, header.issued) {
                (Some(p), Some(d)) if p.contains(d.year()) => Some(d.year()),
                (Some(p), _) => Some(p.start),
                (None, d) => d.map(|d| d.year()),
            },
            end: header.period.map(|p| p.end),
        }
    }
}

/// Each node's own text, title, responsibilities and section, read once.
fn read_items(source: &str, nodes: &[Node]) -> Vec<Item> {
    let mut items: Vec<Item> = Vec::with_capacity(nodes.len());
    for node in nodes {
        let repaired = own_text(source, node);
        let title = lead_phrase(&repaired.text);
        let inherited = node.parent.and_then(|p| items.get(p)).map_or(SectionKind::Tasks, |it| it.section);
        let section = section_of(&title).unwrap_or(inherited);
        let responsibilities = responsibilities(&repaired.text);
        items.push(Item { repaired, title, responsibilities, section });
    }
    items
}

/// Builds the plan of `source` from its outline.
pub(crate) fn plan(source: &str, outline: &Outline, id: Option<&str>) -> Plan {
    let header = read_header(source, outline);
    let years = Years::of(&header);
    let nodes = &outline.nodes;
    let items = read_items(source, nodes);
    let fates = fates(nodes, &items);
    let id = id.map_or_else(|| default_id(&header), str::to_string);
    let mut plan = Assembly {
        source,
        nodes,
        items: &items,
        fates: &fates,
        years: &years,
        id: &id,
        body_end: outline.trailer_start.unwrap_or(outline.end),
        inherited: vec![None; nodes.len()],
        headings: Vec::new(),
        heading_of_node: vec![None; nodes.len()],
        tasks: Vec::new(),
        goals: Vec::new(),
        segments: Vec::new(),
    };
    if outline.body_start > outline.start {
        plan.segments.push(Segment::new(SegmentKind::Preamble, Span::new(outline.start, outline.body_start), None));
    }
    for (i, (item, fate)) in items.iter().zip(&fates).enumerate() {
        match fate {
            Fate::Absorbed => {}
            Fate::Task => plan.add_task(i, item),
            Fate::Heading => plan.add_heading(i, item),
        }
    }
    let Assembly { headings, mut tasks, goals, mut segments, .. } = plan;
    attach_table(source, &table::rows(source, &outline.back_lines), &mut tasks, &years);
    if let Some(start) = outline.trailer_start {
        segments.push(Segment::new(SegmentKind::Trailer, Span::new(start, outline.end), None));
    }
    under_header(id, header, Body { headings, tasks, goals, segments }, outline.start..outline.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lead_phrases() {
        assert_eq!(lead_phrase("增强机关运行效能。按照要求"), "增强机关运行效能");
        assert_eq!(lead_phrase("加快“城市大脑”建设。按照"), "加快“城市大脑”建设");
        let long = "深化“一网统揽”综合慧治平台应用专题建设,构建“一网统揽”数据指标体系,持续拓展应用专题深度和广度,年底前完成25个业务应用专题建设。";
        assert_eq!(lead_phrase(long), "深化“一网统揽”综合慧治平台应用专题建设");
        assert_eq!(
            lead_phrase("持续深化“一市一品牌，一县一特色”创建活动。"),
            "持续深化“一市一品牌，一县一特色”创建活动"
        );
        assert_eq!(lead_phrase(""), "");
    }

    /// Every task that absorbed sub-items, with the responsibilities read from its items and
    /// those a reading of its whole text finds.
    fn absorbed(text: &str) -> Vec<(Vec<Responsibility>, Vec<Responsibility>)> {
        let outline = super::super::outline::outline(text).unwrap();
        let (nodes, items) = (&outline.nodes, read_items(text, &outline.nodes));
        let fates = fates(nodes, &items);
        let mut found = Vec::new();
        for (i, node) in nodes.iter().enumerate().filter(|(i, n)| fates[*i] == Fate::Task && !n.children.is_empty()) {
            let joined = Repaired::join(text, &task_pieces(nodes, i, &fates), starts_paragraph);
            let parts = std::iter::once((node, &items[i])).chain(node.children.iter().map(|&c| (&nodes[c], &items[c])));
            found.push((absorbed_responsibilities(text, &joined, parts), responsibilities(&joined.text)));
        }
        found
    }

    #[test]
    fn absorbed_sub_items_keep_what_their_task_text_says() {
        let texts = [
            "一、主要任务\n1.建设城市大脑,推进应用。(牵头单位:市大数据局)\n(1)建设中枢。\n(2)建设平台,2023年底前完成。\n",
            // The parent's parenthesis lost its close: its last name goes on in the task's text.
            "一、主要任务\n1.建设城市大脑,推进应用。(牵头单位:市大数据局、省工业和\n(1)建设中枢。\n(2)建设平台。\n",
            // The last sub-item's did too, at the end of the task: the fragment stays out.
            "一、主要任务\n1.建设城市大脑,推进应用。\n(1)建设中枢。\n(2)建设平台。(牵头单位:市大数据局、省工业和\n",
            // A sub-item's short first line joins the next in the task's text: read anew.
            "一、主要任务\n1.建设城市大脑,推进应用。(牵头单位:市大数据局)\n(1)建设中枢\n按照要求推进。\n(2)建设平台。\n",
        ];
        for text in texts {
            let found = absorbed(text);
            assert_eq!(found.len(), 1, "help: {text:?} should make one task of its sub-items");
            for (from_items, whole) in found {
                assert_eq!(from_items, whole, "help: {text:?}");
                assert!(!whole.is_empty());
            }
        }
        let names = |text: &str| -> Vec<String> {
            absorbed(text)[0].0.iter().flat_map(|r| &r.units).map(|u| u.name.clone()).collect()
        };
        assert_eq!(names(texts[1]), ["市大数据局", "省工业和"], "help: the line break, not the text, ended the list");
        assert_eq!(names(texts[2]), ["市大数据局"], "help: the text ended inside the list");
    }

    #[test]
    fn sections_by_name() {
        assert_eq!(section_of("保障措施"), Some(SectionKind::Safeguards));
        assert_eq!(section_of("主要目标"), Some(SectionKind::Goals));
        assert_eq!(section_of("指导思想"), Some(SectionKind::Guiding));
        assert_eq!(section_of("主要任务"), None);
        assert_eq!(section_of("总体要求 坚持以习近平新时代中国特色社会主义思想为指导"), Some(SectionKind::Guiding));
        assert_eq!(section_of("建立健全数字政府建设的各项保障措施和工作机制"), None);
    }
}
