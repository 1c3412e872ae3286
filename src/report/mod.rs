//! What researchers take away from a comparison: the comparison table (initiative ×
//! plan) as data ([`ComparisonTable`]) with its terminal, Markdown and CSV renderings,
//! the self-contained [`HtmlReport`], the JSON [`Export`] other tools read, and the CSVs
//! of the analyses ([`evolution_csv`], [`diffusion_csv`]).
//!
//! Every rendering comes two ways: a `write_*` method (or [`HtmlReport::render_to`])
//! that writes to any [`io::Write`] — a file, a locked and buffered stdout — and a
//! `String` form on top of it for convenience.
//!
//! ```
//! use std::io::Write;
//!
//! use cityalign::report::{ComparisonTable, HtmlReport};
//! use cityalign::{Corpus, Matcher};
//!
//! let corpus = Corpus::bundled()?;
//! let comparison = Matcher::new().compare(corpus.plans());
//! let alignment = comparison.align();
//! let table = ComparisonTable::new(&comparison, &alignment);
//!
//! let mut out = std::io::BufWriter::new(Vec::new()); // or `std::io::stdout().lock()`
//! table.write_text(&mut out, 120)?;
//! out.flush()?;
//! let text = String::from_utf8(out.into_inner().map_err(|e| e.into_error())?).unwrap();
//! assert!(text.starts_with("initiative     聊城"));
//! assert_eq!(text, table.to_text(120));
//!
//! let mut page = Vec::new();
//! HtmlReport::new(&comparison, &alignment).render_to(&mut page)?;
//! assert!(page.starts_with(b"<!DOCTYPE html>"));
//! # Ok::<(), cityalign::Error>(())
//! ```

use std::collections::BTreeSet;
use std::io;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use serde::{Deserialize, Serialize};

mod html;
pub use html::HtmlReport;

use crate::analysis::{diffusion, evolution, Diffusion, Evolution, Passage, SharedWording};
use crate::matching::{Alignment, Category, Comparison, Hit, Id, Initiative, TaskRef};
use crate::model::{Accrual, Plan, Role, Target, Task};

/// A plan's column of the table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Column {
    /// The plan's id.
    pub plan: String,
    /// Its city.
    pub city: Option<String>,
}

/// One task in a cell: what it sets, by when, led by whom.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Entry {
    /// The task.
    pub task: TaskRef,
    /// Its title.
    pub title: String,
    /// Its targets whose metric belongs to the row's initiative (a name or alias of its
    /// concept, a term of its key phrase), written short: "2000个 新建", "1.1万个 累计".
    pub targets: Vec<String>,
    /// The year of its deadline on the initiative: a target's own, else the task's.
    pub year: Option<u16>,
    /// The unit responsible for the clause that carries the initiative: a "…负责" inside
    /// it, else the task's lead unit, else its first unit.
    pub lead: Option<String>,
    /// That unit's role as the plan states it (`Lead` only where it says 牵头).
    pub role: Option<Role>,
}

/// The tasks of one plan that carry a row's initiative.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Cell {
    /// The plan's column.
    pub column: usize,
    /// Its tasks, never none.
    pub entries: Vec<Entry>,
}

/// A row of the table: an initiative and, per plan, the tasks that carry it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Row {
    /// The initiative's label.
    pub label: String,
    /// Its concept, if it has one.
    pub concept: Option<String>,
    /// Its category.
    pub category: Category,
    /// Its confidence in [0, 1].
    pub confidence: f64,
    /// The filled cells, in column order; a plan without such a task has none. Sparse,
    /// as a national table has thousands of columns and few filled in each row.
    pub cells: Vec<Cell>,
}

impl Row {
    /// The tasks of column `column`, empty where the plan has none.
    pub fn cell(&self, column: usize) -> &[Entry] {
        self.cells
            .binary_search_by_key(&column, |c| c.column)
            .ok()
            .and_then(|i| self.cells.get(i))
            .map_or(&[], |c| &c.entries)
    }
}

/// The comparison table: initiatives × plans.
///
/// # Examples
///
/// ```
/// use cityalign::report::ComparisonTable;
/// use cityalign::{Corpus, Matcher};
///
/// let corpus = Corpus::bundled()?;
/// let comparison = Matcher::new().compare(corpus.plans());
/// let table = ComparisonTable::new(&comparison, &comparison.align());
/// let row = table.rows.iter().find(|r| r.label == "5G基站").unwrap();
/// let binzhou = table.columns.iter().position(|c| c.plan == "binzhou-2023").unwrap();
/// assert!(row.cell(binzhou).iter().any(|e| e.targets.contains(&"1.1万个 累计 ≥".to_string())));
/// // Cells show only the initiative's targets: no 5G row cell lists a charging pile.
/// assert!(row.cells.iter().flat_map(|c| &c.entries).all(|e| e.targets.iter().all(|t| !t.contains('台'))));
/// assert_eq!(row.concept.as_deref(), Some("5G基站"));
/// assert!(table.to_markdown().starts_with("| initiative |"));
/// # Ok::<(), cityalign::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ComparisonTable {
    /// The plans, in the order compared.
    pub columns: Vec<Column>,
    /// The initiatives that two or more plans carry (the confident ones, unless built by
    /// [`ComparisonTable::all`]), by category, then most plans.
    pub rows: Vec<Row>,
    /// What sets each plan apart: per column, its tasks no other plan shares.
    pub distinct: Vec<Cell>,
}

/// A number written short: 11000 → 1.1万, 6e9 → 60亿.
fn short_number(value: f64) -> String {
    let trim = |v: f64| {
        let s = format!("{:.2}", v);
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    };
    if value >= 1e8 {
        format!("{}亿", trim(value / 1e8))
    } else if value >= 1e4 {
        format!("{}万", trim(value / 1e4))
    } else {
        trim(value)
    }
}

/// A target written short for a cell, without its metric (the row names it): "2000个
/// 新建", "30% >", "1—2个". `Display for Target` is the public form, metric first.
pub(crate) fn target_summary(target: &Target) -> String {
    use crate::model::Bound::*;
    let value = match target.max {
        Some(max) => format!("{}—{}", short_number(target.value), short_number(max)),
        None => short_number(target.value),
    };
    let accrual = match target.accrual {
        Accrual::New => " 新建",
        Accrual::Stock => " 累计",
        _ => "",
    };
    let bound = match target.bound {
        AtLeast => " ≥",
        MoreThan => " >",
        AtMost => " ≤",
        LessThan => " <",
        Approx => " ≈",
        _ => "",
    };
    format!("{value}{}{accrual}{bound}", target.measure)
}

/// Whether a target's metric belongs to an initiative named by `terms` (its concept's
/// name and aliases, or its key phrase's terms).
pub(crate) fn concerns(target: &Target, terms: &[String]) -> bool {
    let metric = crate::script::fold(&target.metric);
    !metric.is_empty()
        && terms.iter().any(|t| !t.is_empty() && (metric.contains(t.as_str()) || t.contains(metric.as_ref())))
}

/// A task's entry in a row: the targets, deadline and responsible unit of the clauses
/// that carry the initiative.
fn entry(comparison: &Comparison<'_>, plan: &Plan, task: &Task, concept: Option<u32>, terms: &[String]) -> Entry {
    let carrying = comparison.carrying_clauses_with(&task.id, concept, terms);
    let targets: Vec<&Target> = task.targets.iter().filter(|t| concerns(t, terms)).collect();
    let year = targets.iter().find_map(|t| t.deadline.as_ref()).or(task.deadline.as_ref()).map(|d| d.year);
    // The unit answering for the first carrying clause, as the plan states it (a
    // "…负责" after it, or the lead whose field it names); else the task's lead or first unit.
    let unit = match carrying.first() {
        Some(&k) => task.answering_for(k),
        None => task.lead_unit(),
    };
    entry_with(plan, task, targets.into_iter().map(target_summary).collect(), year, unit)
}

fn entry_with(
    plan: &Plan,
    task: &Task,
    targets: Vec<String>,
    year: Option<u16>,
    unit: Option<&crate::model::Unit>,
) -> Entry {
    Entry {
        task: TaskRef { plan: Id::from(&plan.id), task: Id::from(&task.id) },
        title: task.title.clone(),
        targets,
        year,
        lead: unit.map(|u| u.name.clone()),
        role: unit.map(|u| u.role),
    }
}

impl ComparisonTable {
    /// The table of `alignment`'s confident initiatives ([`Initiative::shown`]) over
    /// `comparison`'s plans.
    pub fn new(comparison: &Comparison<'_>, alignment: &Alignment) -> ComparisonTable {
        ComparisonTable::build(comparison, alignment, false)
    }

    /// The table of every initiative of `alignment`, confident or not.
    pub fn all(comparison: &Comparison<'_>, alignment: &Alignment) -> ComparisonTable {
        ComparisonTable::build(comparison, alignment, true)
    }

    fn build(comparison: &Comparison<'_>, alignment: &Alignment, all: bool) -> ComparisonTable {
        let plans = comparison.plans();
        let columns = plans.iter().map(|p| Column { plan: p.id.clone(), city: p.city.clone() }).collect();
        // Task id → (column, task), so that a row costs its members, not plans × members.
        let tasks: std::collections::HashMap<&str, (usize, &Plan, &Task)> = plans
            .iter()
            .enumerate()
            .flat_map(|(c, plan)| plan.tasks.iter().map(move |t| (t.id.as_str(), (c, *plan, t))))
            .collect();
        let rows = alignment
            .initiatives
            .iter()
            .filter(|i| i.plans().len() >= 2 && (all || i.shown))
            .map(|initiative| {
                let terms = comparison.initiative_terms(initiative);
                let concept = comparison.concept_index(initiative);
                let mut found: Vec<(usize, Entry)> = initiative
                    .members
                    .iter()
                    .filter_map(|m| tasks.get(m.task.as_str()).filter(|(_, p, _)| p.id == m.plan))
                    .map(|&(c, plan, task)| (c, entry(comparison, plan, task, concept, &terms)))
                    .collect();
                // Members come in task order; a stable sort keeps it within a column.
                found.sort_by_key(|(c, _)| *c);
                let mut cells: Vec<Cell> = Vec::new();
                for (column, e) in found {
                    match cells.last_mut() {
                        Some(cell) if cell.column == column => cell.entries.push(e),
                        _ => cells.push(Cell { column, entries: vec![e] }),
                    }
                }
                Row {
                    label: initiative.label.to_string(),
                    concept: initiative.concept.as_deref().map(String::from),
                    category: initiative.category,
                    confidence: initiative.confidence,
                    cells,
                }
            })
            .collect();
        let distinct = comparison
            .distinctive(alignment)
            .into_iter()
            .enumerate()
            .filter(|(_, (_, own))| !own.is_empty())
            .map(|(column, (_, own))| Cell {
                column,
                entries: own
                    .iter()
                    .filter_map(|r| tasks.get(r.task.as_str()))
                    .map(|&(_, plan, task)| {
                        let targets = task.targets.iter().map(target_summary).collect();
                        let unit = task.lead_unit();
                        entry_with(plan, task, targets, task.deadline.as_ref().map(|d| d.year), unit)
                    })
                    .collect(),
            })
            .collect();
        ComparisonTable { columns, rows, distinct }
    }

    /// What sets each plan apart, as text `width` columns wide: per plan, the titles of
    /// its tasks no other plan shares. [`ComparisonTable::write_distinct_text`] writes
    /// the same to a writer.
    pub fn distinct_text(&self, width: usize) -> String {
        render_string(|w| self.write_distinct_text(w, width))
    }

    /// Writes [`ComparisonTable::distinct_text`] to `w`.
    ///
    /// ```
    /// use cityalign::report::ComparisonTable;
    /// use cityalign::{Corpus, Matcher};
    /// use unicode_width::UnicodeWidthStr;
    ///
    /// let corpus = Corpus::bundled()?;
    /// let comparison = Matcher::new().compare(corpus.plans());
    /// let table = ComparisonTable::new(&comparison, &comparison.align());
    /// let mut out = Vec::new();
    /// table.write_distinct_text(&mut out, 60)?;
    /// let text = String::from_utf8(out).unwrap();
    /// assert!(text.contains("\njimo-2024 (即墨):\n  "));
    /// assert!(text.lines().all(|line| line.width() <= 60));
    /// # Ok::<(), cityalign::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Those of `w`.
    pub fn write_distinct_text<W: io::Write>(&self, mut w: W, width: usize) -> io::Result<()> {
        w.write_all(b"What sets each plan apart (tasks no other plan shares):\n")?;
        for cell in &self.distinct {
            let Some(column) = self.columns.get(cell.column) else { continue };
            writeln!(w, "{}{}:", column.plan, column.city.as_deref().map_or(String::new(), |c| format!(" ({c})")))?;
            // Titles wrapped by display width, each line indented by two columns.
            let mut line = String::from(" ");
            for e in &cell.entries {
                let title: String = pad(&e.title, width.saturating_sub(4).min(display_width(&e.title)));
                if display_width(&line) + display_width(&title) + 2 > width && !line.trim().is_empty() {
                    writeln!(w, "{}", line.trim_end())?;
                    line = String::from(" ");
                }
                line.push(' ');
                line.push_str(&title);
                line.push(';');
            }
            writeln!(w, "{}", line.trim_end())?;
        }
        Ok(())
    }

    /// The table in Markdown, one line a row; a cell lists its tasks' titles, targets,
    /// deadline years and lead units. [`ComparisonTable::write_markdown`] writes the same
    /// to a writer.
    pub fn to_markdown(&self) -> String {
        render_string(|w| self.write_markdown(w))
    }

    /// Writes [`ComparisonTable::to_markdown`] to `w`.
    ///
    /// ```
    /// use cityalign::report::ComparisonTable;
    /// use cityalign::{Corpus, Matcher};
    ///
    /// let corpus = Corpus::bundled()?;
    /// let comparison = Matcher::new().compare(corpus.plans());
    /// let table = ComparisonTable::new(&comparison, &comparison.align());
    /// let mut file = Vec::new(); // a `File`, a `BufWriter<StdoutLock>`, …
    /// table.write_markdown(&mut file)?;
    /// assert_eq!(String::from_utf8(file).unwrap(), table.to_markdown());
    /// # Ok::<(), cityalign::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Those of `w`.
    pub fn write_markdown<W: io::Write>(&self, mut w: W) -> io::Result<()> {
        w.write_all(b"| initiative |")?;
        for c in &self.columns {
            write!(w, " {} |", c.city.as_deref().map_or(c.plan.clone(), |city| format!("{city} ({})", c.plan)))?;
        }
        writeln!(w, "\n|---|{}", "---|".repeat(self.columns.len()))?;
        for row in &self.rows {
            write!(w, "| {} |", escape_md(&row.label))?;
            for column in 0..self.columns.len() {
                let text: Vec<String> = row.cell(column).iter().map(describe).collect();
                write!(w, " {} |", escape_md(&text.join("<br>")))?;
            }
            w.write_all(b"\n")?;
        }
        Ok(())
    }

    /// The table as CSV, one line per (initiative, plan, task): columns `initiative`,
    /// `plan`, `city`, `task`, `title`, `targets`, `year`, `lead`.
    /// [`ComparisonTable::write_csv`] writes the same to a writer.
    pub fn to_csv(&self) -> String {
        render_string(|w| self.write_csv(w))
    }

    /// Writes [`ComparisonTable::to_csv`] to `w`, a line at a time.
    ///
    /// ```
    /// use cityalign::report::ComparisonTable;
    /// use cityalign::{Corpus, Matcher};
    ///
    /// let corpus = Corpus::bundled()?;
    /// let comparison = Matcher::new().compare(corpus.plans());
    /// let table = ComparisonTable::new(&comparison, &comparison.align());
    /// let mut csv = Vec::new();
    /// table.write_csv(&mut csv)?;
    /// let csv = String::from_utf8(csv).unwrap();
    /// assert!(csv.starts_with("initiative,plan,city,task,title,targets,year,lead\n"));
    /// assert!(csv.lines().any(|l| l.starts_with("5G基站,binzhou-2023,滨州,")));
    /// # Ok::<(), cityalign::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Those of `w`.
    pub fn write_csv<W: io::Write>(&self, mut w: W) -> io::Result<()> {
        write_record(&mut w, ["initiative", "plan", "city", "task", "title", "targets", "year", "lead"])?;
        for row in &self.rows {
            for cell in &row.cells {
                let Some(column) = self.columns.get(cell.column) else { continue };
                for e in &cell.entries {
                    write_record(
                        &mut w,
                        [
                            row.label.as_str(),
                            &column.plan,
                            column.city.as_deref().unwrap_or_default(),
                            e.task.task.as_str(),
                            &e.title,
                            &e.targets.join("; "),
                            &e.year.map(|y| y.to_string()).unwrap_or_default(),
                            e.lead.as_deref().unwrap_or_default(),
                        ],
                    )?;
                }
            }
        }
        Ok(())
    }

    /// The table for a terminal `width` columns wide, Chinese text aligned by display
    /// width; each cell shows its first task's targets (else its title), a "+2" when it
    /// has more tasks, then the deadline year and lead unit.
    ///
    /// No line is wider than `width` (or than 35, the initiative column and one plan
    /// column, when `width` is less). When the plans do not fit side by side at 20
    /// columns each, they are paged: the table comes in blocks of as many plans as fit,
    /// each block headed "plans 1–5 of 12" and repeating the initiative column.
    /// [`ComparisonTable::write_text`] writes the same to a writer.
    pub fn to_text(&self, width: usize) -> String {
        render_string(|w| self.write_text(w, width))
    }

    /// Writes [`ComparisonTable::to_text`] to `w`.
    ///
    /// ```
    /// use cityalign::report::ComparisonTable;
    /// use cityalign::{Corpus, Matcher};
    /// use unicode_width::UnicodeWidthStr;
    ///
    /// let corpus = Corpus::bundled()?;
    /// let comparison = Matcher::new().compare(corpus.plans());
    /// let table = ComparisonTable::new(&comparison, &comparison.align());
    /// let mut out = Vec::new();
    /// table.write_text(&mut out, 80)?;
    /// let text = String::from_utf8(out).unwrap();
    /// // Five plans do not fit in 80 columns side by side: two blocks, 3 plans then 2.
    /// assert!(text.starts_with("plans 1–3 of 5\ninitiative     聊城"));
    /// assert!(text.contains("\nplans 4–5 of 5\n"));
    /// assert!(text.lines().all(|line| line.width() <= 80));
    /// # Ok::<(), cityalign::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Those of `w`.
    pub fn write_text<W: io::Write>(&self, mut w: W, width: usize) -> io::Result<()> {
        let width = width.max(LABEL_WIDTH + 1 + MIN_CELL_WIDTH);
        let names: Vec<String> = self.columns.iter().map(|c| self.column_name(c)).collect();
        let columns = self.columns.len().max(1);
        // As many plans a block as fit at the narrowest cell, the blocks balanced (12
        // plans in three blocks of 4, not 5, 5 and 2); cells widen to fill the width.
        let fit = ((width - LABEL_WIDTH) / (MIN_CELL_WIDTH + 1)).max(1);
        let blocks = columns.div_ceil(fit);
        let (size, longer) = (self.columns.len() / blocks, self.columns.len() % blocks);
        let cell_width = ((width - LABEL_WIDTH) / columns.div_ceil(blocks)).saturating_sub(1).max(MIN_CELL_WIDTH);
        let mut start = 0;
        for b in 0..blocks {
            let block = start..start + size + usize::from(b < longer);
            start = block.end;
            if blocks > 1 {
                if b > 0 {
                    w.write_all(b"\n")?;
                }
                writeln!(w, "plans {}–{} of {}", block.start + 1, block.end, self.columns.len())?;
            }
            let mut line = pad("initiative", LABEL_WIDTH);
            for name in names.get(block.clone()).unwrap_or_default() {
                line.push(' ');
                line.push_str(&pad(name, cell_width));
            }
            writeln!(w, "{line}")?;
            writeln!(w, "{}", "─".repeat(LABEL_WIDTH + (cell_width + 1) * block.len()))?;
            for row in &self.rows {
                // A paged block leaves out the initiatives none of its plans carry.
                if blocks > 1 && !row.cells.iter().any(|c| block.contains(&c.column)) {
                    continue;
                }
                let cells: Vec<[String; 2]> =
                    block.clone().map(|column| text_cell(row.cell(column), cell_width)).collect();
                for line in 0..2 {
                    let mut out = pad(if line == 0 { &row.label } else { "" }, LABEL_WIDTH);
                    for cell in &cells {
                        out.push(' ');
                        out.push_str(cell.get(line).map_or("", String::as_str));
                    }
                    writeln!(w, "{out}")?;
                }
            }
        }
        Ok(())
    }

    /// A column's name in the terminal table: its city, or its id when it has none.
    fn column_name(&self, c: &Column) -> String {
        // A city with two plans is told apart by the plan's id.
        let shared = self.columns.iter().filter(|o| o.city.is_some() && o.city == c.city).count() > 1;
        match &c.city {
            Some(city) if !shared => city.clone(),
            Some(city) => format!("{city} {}", c.plan.split_once('-').map_or(c.plan.as_str(), |(_, rest)| rest)),
            None => c.plan.clone(),
        }
    }
}

/// Display columns of the terminal table's initiative column.
const LABEL_WIDTH: usize = 14;
/// The narrowest plan column of the terminal table: ten Chinese characters, which tell a
/// task or a department apart.
const MIN_CELL_WIDTH: usize = 20;

/// A cell of the terminal table, its two lines `width` columns wide: the first task's
/// targets (else its title) with "+2" for the tasks beyond it, then its year and unit.
/// The text is cut before the "+2" is, so that the count always shows.
fn text_cell(cell: &[Entry], width: usize) -> [String; 2] {
    let Some(e) = cell.first() else { return [pad("—", width), pad("", width)] };
    let first = if e.targets.is_empty() { e.title.clone() } else { e.targets.join("; ") };
    let more = if cell.len() > 1 { format!(" +{}", cell.len() - 1) } else { String::new() };
    let text = if display_width(&first) + display_width(&more) <= width {
        format!("{first}{more}")
    } else {
        let cut = pad(&first, width.saturating_sub(display_width(&more)));
        format!("{}{more}", cut.trim_end())
    };
    let year = e.year.map_or(String::new(), |y| format!("{y} "));
    [pad(&text, width), pad(&format!("{year}{}", unit(e)), width)]
}

fn describe(e: &Entry) -> String {
    let mut parts = vec![e.title.clone()];
    if !e.targets.is_empty() {
        parts.push(e.targets.join("; "));
    }
    if let Some(y) = e.year {
        parts.push(y.to_string());
    }
    if e.lead.is_some() {
        parts.push(unit(e));
    }
    parts.join(" · ")
}

/// The responsible unit as shown: a lead by name, any other role marked "(责)".
fn unit(e: &Entry) -> String {
    match (&e.lead, e.role) {
        (Some(name), Some(Role::Lead)) => name.clone(),
        (Some(name), _) => format!("{name}(责)"),
        (None, _) => String::new(),
    }
}

fn escape_md(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// One CSV line, its fields quoted where RFC 4180 needs it.
fn record<S: AsRef<str>>(fields: impl IntoIterator<Item = S>) -> String {
    let mut line = fields.into_iter().map(|f| csv_field(f.as_ref())).collect::<Vec<_>>().join(",");
    line.push('\n');
    line
}

fn write_record<W: io::Write, S: AsRef<str>>(w: &mut W, fields: impl IntoIterator<Item = S>) -> io::Result<()> {
    w.write_all(record(fields).as_bytes())
}

/// What a renderer writes, as a string: the `String` forms of the `write_*` methods.
pub(crate) fn render_string(render: impl FnOnce(&mut Vec<u8>) -> io::Result<()>) -> String {
    let mut bytes = Vec::new();
    // A `Vec` takes every write, and the renderers write only `str`s.
    let _ = render(&mut bytes);
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// A CSV document, as the crate's tables and examples write them: a header, then rows,
/// each field quoted where RFC 4180 needs it. [`Csv::excel`] leads it with a UTF-8
/// byte-order mark, without which Excel on Chinese Windows reads the text as GBK.
///
/// ```
/// use cityalign::report::Csv;
///
/// let mut csv = Csv::new(["plan", "metric", "value"]);
/// csv.row(["滨州", "5G基站, 新建", "2000"]);
/// assert_eq!(csv.as_str(), "plan,metric,value\n滨州,\"5G基站, 新建\",2000\n");
/// assert!(Csv::new(["a"]).excel().as_str().starts_with('\u{feff}'));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Csv {
    text: String,
}

impl Csv {
    /// A document with this header.
    pub fn new<S: AsRef<str>>(header: impl IntoIterator<Item = S>) -> Csv {
        let mut csv = Csv::default();
        csv.row(header);
        csv
    }

    /// The same document, led by a UTF-8 byte-order mark for Excel.
    pub fn excel(mut self) -> Csv {
        if !self.text.starts_with('\u{feff}') {
            self.text.insert(0, '\u{feff}');
        }
        self
    }

    /// Adds a row.
    pub fn row<S: AsRef<str>>(&mut self, fields: impl IntoIterator<Item = S>) {
        self.text.push_str(&record(fields));
    }

    /// The text so far.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The text.
    pub fn into_string(self) -> String {
        self.text
    }
}

/// Columns a string takes in a terminal, by Unicode's East Asian Width (two for 智, for
/// most emoji), summed over grapheme clusters so that a combining mark or a joined emoji
/// counts once.
pub(crate) fn display_width(s: &str) -> usize {
    s.graphemes(true).map(UnicodeWidthStr::width).sum()
}

/// `s` cut (at a grapheme cluster's boundary, never inside one) or padded with spaces to
/// exactly `width` display columns.
fn pad(s: &str, width: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for g in s.graphemes(true) {
        let w = g.width();
        if used + w > width {
            break;
        }
        out.push_str(g);
        used += w;
    }
    out.push_str(&" ".repeat(width - used));
    out
}

/// A task and one of its candidates in another plan, as exported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MatchRecord {
    /// The task ranked against.
    pub a: TaskRef,
    /// The candidate.
    pub b: TaskRef,
    /// Its score.
    pub score: f64,
    /// Its rank, from 1.
    pub rank: usize,
    /// Whether `align` put the two in one initiative.
    pub aligned: bool,
}

/// A query and its hits, as exported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct QueryRecord {
    /// The term asked.
    pub query: String,
    /// The tasks found, best first.
    pub hits: Vec<Hit>,
}

/// The JSON document for other tools: the plans, each task's top candidates in every
/// other plan, the initiatives, and the queries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Export {
    /// The plans, whole.
    pub plans: Vec<Plan>,
    /// For every task and every other plan, its top candidates.
    pub matches: Vec<MatchRecord>,
    /// The initiatives found.
    pub initiatives: Vec<Initiative>,
    /// The queries asked.
    pub queries: Vec<QueryRecord>,
    /// How each city's plans changed, from one plan to the next.
    #[serde(default)]
    pub evolution: Vec<Evolution>,
    /// Each initiative's adopters, in the order they planned it.
    #[serde(default)]
    pub diffusion: Vec<Diffusion>,
    /// The passages plans share (empty unless given by [`Export::with_shared_wording`],
    /// which needs the sources).
    #[serde(default)]
    pub reuse: Vec<Passage>,
}

/// Options of an [`Export`], named: how many candidates per task and other plan, which
/// queries, and the shared wording if there is one.
///
/// ```
/// use cityalign::report::ExportOptions;
/// use cityalign::{Corpus, Matcher};
///
/// let corpus = Corpus::bundled()?;
/// let comparison = Matcher::new().compare(corpus.plans());
/// let alignment = comparison.align();
/// let export = ExportOptions::new().top(1).query("充电桩").export(&comparison, &alignment);
/// assert_eq!(export.queries[0].query, "充电桩");
/// assert!(export.matches.iter().all(|m| m.rank == 1));
/// # Ok::<(), cityalign::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct ExportOptions<'s> {
    top: Option<usize>,
    queries: Vec<String>,
    shared: Option<&'s SharedWording>,
}

impl<'s> ExportOptions<'s> {
    /// Three candidates per task and other plan, no query, no shared wording.
    pub fn new() -> ExportOptions<'s> {
        ExportOptions::default()
    }

    /// How many candidates per task and other plan (default 3).
    pub fn top(mut self, top: usize) -> ExportOptions<'s> {
        self.top = Some(top);
        self
    }

    /// Adds a query.
    pub fn query(mut self, term: impl Into<String>) -> ExportOptions<'s> {
        self.queries.push(term.into());
        self
    }

    /// Adds the passages the plans share.
    pub fn shared_wording(mut self, shared: &'s SharedWording) -> ExportOptions<'s> {
        self.shared = Some(shared);
        self
    }

    /// The export of `alignment` over `comparison`'s plans.
    pub fn export(&self, comparison: &Comparison<'_>, alignment: &Alignment) -> Export {
        let export = Export::new(comparison, alignment, self.top.unwrap_or(3), &self.queries);
        match self.shared {
            Some(shared) => export.with_shared_wording(shared),
            None => export,
        }
    }
}

impl Export {
    /// Builds the export: `top` candidates per task and other plan, and `queries`
    /// ([`ExportOptions`] names them).
    pub fn new(comparison: &Comparison<'_>, alignment: &Alignment, top: usize, queries: &[String]) -> Export {
        let plans = comparison.plans();
        let aligned: BTreeSet<(&str, &str)> = alignment
            .initiatives
            .iter()
            .flat_map(|i| {
                i.members.iter().flat_map(move |a| i.members.iter().map(move |b| (a.task.as_str(), b.task.as_str())))
            })
            .collect();
        let mut matches = Vec::new();
        for plan in plans {
            for task in &plan.tasks {
                for other in plans.iter().filter(|o| o.id != plan.id) {
                    for c in comparison.rank(&task.id, &other.id).into_iter().take(top) {
                        matches.push(MatchRecord {
                            aligned: aligned.contains(&(task.id.as_str(), c.task.task.as_str())),
                            a: TaskRef { plan: Id::from(&plan.id), task: Id::from(&task.id) },
                            b: c.task,
                            score: c.score,
                            rank: c.rank,
                        });
                    }
                }
            }
        }
        Export {
            plans: plans.iter().map(|p| (*p).clone()).collect(),
            matches,
            initiatives: alignment.initiatives.clone(),
            queries: queries.iter().map(|q| QueryRecord { query: q.clone(), hits: comparison.query(q) }).collect(),
            evolution: evolution(comparison, alignment),
            diffusion: diffusion(comparison, alignment),
            reuse: Vec::new(),
        }
    }

    /// The export as JSON, pretty-printed; numbers read back bit for bit with
    /// [`Export::from_json`] (serde_json's `float_roundtrip` is on).
    ///
    /// # Errors
    ///
    /// Those of serde_json (none for the crate's own values).
    ///
    /// ```
    /// use cityalign::report::Export;
    /// use cityalign::{Corpus, Matcher};
    ///
    /// let corpus = Corpus::bundled()?;
    /// let comparison = Matcher::new().compare(corpus.plans());
    /// let alignment = comparison.align();
    /// let export = Export::new(&comparison, &alignment, 1, &["充电桩".to_string()]);
    /// let json = export.to_json()?;
    /// assert_eq!(Export::from_json(&json)?, export);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[cfg(feature = "json")]
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string_pretty(self)
    }

    /// Writes [`Export::to_json`] to `w`, without the whole document in memory first.
    ///
    /// # Errors
    ///
    /// Those of `w`.
    ///
    /// ```
    /// use cityalign::report::Export;
    /// use cityalign::{Corpus, Matcher};
    ///
    /// let corpus = Corpus::bundled()?;
    /// let comparison = Matcher::new().compare(corpus.plans());
    /// let export = Export::new(&comparison, &comparison.align(), 1, &[]);
    /// let mut json = Vec::new();
    /// export.write_json(&mut json)?;
    /// assert_eq!(String::from_utf8(json)?, export.to_json()?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[cfg(feature = "json")]
    pub fn write_json<W: io::Write>(&self, w: W) -> io::Result<()> {
        serde_json::to_writer_pretty(w, self).map_err(io::Error::from)
    }

    /// Reads an export written by [`Export::to_json`].
    ///
    /// # Errors
    ///
    /// When `json` is not an export.
    #[cfg(feature = "json")]
    pub fn from_json(json: &str) -> Result<Export, serde_json::Error> {
        serde_json::from_str(json)
    }

    /// The same export with the passages the plans share.
    pub fn with_shared_wording(mut self, shared: &SharedWording) -> Export {
        self.reuse = shared.passages.clone();
        self
    }
}

/// How each city's plans changed, as lines of text under the comparison table: per
/// step, the tasks continued, new and dropped, and the targets on one metric then and now.
/// [`write_evolution_text`] writes the same to a writer.
pub fn evolution_text(steps: &[Evolution]) -> String {
    render_string(|w| write_evolution_text(w, steps))
}

/// Writes [`evolution_text`] to `w`.
///
/// ```
/// use cityalign::report::write_evolution_text;
/// use cityalign::{evolution, Corpus, Matcher};
///
/// let corpus = Corpus::bundled()?;
/// let comparison = Matcher::new().compare(corpus.plans());
/// let mut out = Vec::new();
/// write_evolution_text(&mut out, &evolution(&comparison, &comparison.align()))?;
/// let text = String::from_utf8(out).unwrap();
/// assert!(text.starts_with("How plans changed\n  东营 dongying-2021-2022 → dongying-2022: "));
/// # Ok::<(), cityalign::Error>(())
/// ```
///
/// # Errors
///
/// Those of `w`.
pub fn write_evolution_text<W: io::Write>(mut w: W, steps: &[Evolution]) -> io::Result<()> {
    w.write_all(b"How plans changed\n")?;
    if steps.is_empty() {
        w.write_all(b"  no city has two plans here\n")?;
    }
    for step in steps {
        let continued: BTreeSet<&str> = step.continued.iter().map(|c| c.b.task.as_str()).collect();
        writeln!(
            w,
            "  {} {} → {}: {} tasks continued, {} new, {} dropped",
            step.city,
            step.from,
            step.to,
            continued.len(),
            step.new.len(),
            step.dropped.len()
        )?;
        for change in &step.target_changes {
            writeln!(w, "    {}: {} → {}", change.metric, change.from, change.to)?;
        }
    }
    Ok(())
}

/// The steps of each city's plans as CSV, one row a pair of tasks: `city, from, to,
/// change (continued, new, dropped), task_a, task_b, score`, then one row a target
/// change: `city, from, to, target, task_a, task_b, metric, value_from, value_to`.
/// [`write_evolution_csv`] writes the same to a writer.
pub fn evolution_csv(steps: &[Evolution]) -> String {
    render_string(|w| write_evolution_csv(w, steps))
}

/// Writes [`evolution_csv`] to `w`, a line at a time.
///
/// ```
/// use cityalign::report::{evolution_csv, write_evolution_csv};
/// use cityalign::{evolution, Corpus, Matcher};
///
/// let corpus = Corpus::bundled()?;
/// let comparison = Matcher::new().compare(corpus.plans());
/// let steps = evolution(&comparison, &comparison.align());
/// let mut out = Vec::new();
/// write_evolution_csv(&mut out, &steps)?;
/// let csv = String::from_utf8(out).unwrap();
/// assert!(csv.starts_with("city,from,to,change,task_a,task_b,score,metric,value_from,value_to\n"));
/// assert!(csv.lines().any(|l| l.starts_with("东营,dongying-2021-2022,dongying-2022,continued,")));
/// assert_eq!(csv, evolution_csv(&steps));
/// # Ok::<(), cityalign::Error>(())
/// ```
///
/// # Errors
///
/// Those of `w`.
pub fn write_evolution_csv<W: io::Write>(mut w: W, steps: &[Evolution]) -> io::Result<()> {
    write_record(
        &mut w,
        ["city", "from", "to", "change", "task_a", "task_b", "score", "metric", "value_from", "value_to"],
    )?;
    for s in steps {
        let head = [s.city.clone(), s.from.to_string(), s.to.to_string()];
        let row = |change: &str, rest: [String; 6]| head.iter().cloned().chain([change.to_string()]).chain(rest);
        for c in &s.continued {
            write_record(
                &mut w,
                row(
                    "continued",
                    [
                        c.a.task.to_string(),
                        c.b.task.to_string(),
                        format!("{:.4}", c.score),
                        String::new(),
                        String::new(),
                        String::new(),
                    ],
                ),
            )?;
        }
        for t in &s.new {
            write_record(
                &mut w,
                row(
                    "new",
                    [String::new(), t.task.to_string(), String::new(), String::new(), String::new(), String::new()],
                ),
            )?;
        }
        for t in &s.dropped {
            write_record(
                &mut w,
                row(
                    "dropped",
                    [t.task.to_string(), String::new(), String::new(), String::new(), String::new(), String::new()],
                ),
            )?;
        }
        for t in &s.target_changes {
            write_record(
                &mut w,
                row(
                    "target",
                    [
                        t.a.task.to_string(),
                        t.b.task.to_string(),
                        String::new(),
                        t.metric.clone(),
                        t.from.to_string(),
                        t.to.to_string(),
                    ],
                ),
            )?;
        }
    }
    Ok(())
}

/// Each initiative's adopters as CSV, one row an adopter in order: `initiative, concept,
/// order, plan, year, first`. [`write_diffusion_csv`] writes the same to a writer.
pub fn diffusion_csv(diffusions: &[Diffusion]) -> String {
    render_string(|w| write_diffusion_csv(w, diffusions))
}

/// Writes [`diffusion_csv`] to `w`, a line at a time.
///
/// ```
/// use cityalign::report::write_diffusion_csv;
/// use cityalign::{diffusion, Corpus, Matcher};
///
/// let corpus = Corpus::bundled()?;
/// let comparison = Matcher::new().compare(corpus.plans());
/// let mut out = Vec::new();
/// write_diffusion_csv(&mut out, &diffusion(&comparison, &comparison.align()))?;
/// let csv = String::from_utf8(out).unwrap();
/// assert!(csv.starts_with("initiative,concept,order,plan,year,first\n"));
/// assert!(csv.lines().any(|l| l.starts_with("5G基站,5G基站,1,") && l.ends_with(",true")));
/// # Ok::<(), cityalign::Error>(())
/// ```
///
/// # Errors
///
/// Those of `w`.
pub fn write_diffusion_csv<W: io::Write>(mut w: W, diffusions: &[Diffusion]) -> io::Result<()> {
    write_record(&mut w, ["initiative", "concept", "order", "plan", "year", "first"])?;
    for d in diffusions {
        for (i, a) in d.adopters.iter().enumerate() {
            write_record(
                &mut w,
                [
                    d.label.to_string(),
                    d.concept.as_deref().unwrap_or("").to_string(),
                    (i + 1).to_string(),
                    a.plan.to_string(),
                    a.year.map(|y| y.to_string()).unwrap_or_default(),
                    (i == 0).to_string(),
                ],
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_and_padding() {
        assert_eq!(display_width("5G基站"), 6);
        assert_eq!(display_width(""), 0);
        assert_eq!(pad("智慧社区", 5), "智慧 ");
        assert_eq!(display_width(&pad("智慧社区", 5)), 5);
        assert_eq!(display_width("🚀充电桩"), 8, "help: emoji are wide");
        assert_eq!(pad("e\u{301}x", 1), "e\u{301}", "help: a combining mark stays with its letter");
        assert_eq!(display_width("👩\u{200d}💻"), 2, "help: a joined emoji is one wide cluster");
        assert_eq!(pad("ab", 4), "ab  ");
    }

    #[test]
    fn short_numbers() {
        assert_eq!(short_number(11000.0), "1.1万");
        assert_eq!(short_number(6e9), "60亿");
        assert_eq!(short_number(2000.0), "2000");
        assert_eq!(short_number(1.5), "1.5");
    }

    #[test]
    fn csv_quoting() {
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"x\""), "\"say \"\"x\"\"\"");
        assert_eq!(csv_field("plain"), "plain");
    }
}
