//! A self-contained HTML report: one file with inline CSS and SVG, no script and no
//! network, that opens offline in any browser.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::io;

use super::{concerns, render_string, short_number, target_summary};
use crate::analysis::SharedWording;
use crate::matching::{Alignment, Comparison, Explanation, Initiative, TaskRef};
use crate::model::{Accrual, Department, Plan, Role, Task};

/// The comparison as an HTML page: a coverage heat map (initiative × plan), bar charts of
/// comparable numeric targets, a timeline of each plan's deadlines, the lead departments
/// of each initiative, and for every cell the tasks' full text with the matched clauses
/// highlighted and the score broken down.
///
/// # Examples
///
/// ```
/// use cityalign::report::HtmlReport;
/// use cityalign::{Corpus, Matcher};
///
/// let corpus = Corpus::bundled()?;
/// let comparison = Matcher::new().compare(corpus.plans());
/// let alignment = comparison.align();
/// let html = HtmlReport::new(&comparison, &alignment).title("Five plans").render();
/// assert!(html.starts_with("<!DOCTYPE html>"));
/// assert!(html.contains("<svg") && !html.contains("<script"));
/// # Ok::<(), cityalign::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct HtmlReport<'c, 'p> {
    comparison: &'c Comparison<'p>,
    alignment: &'c Alignment,
    title: String,
    all: bool,
    /// The passages the plans share, with the plans' sources in plan order.
    shared: Option<(&'c SharedWording, Vec<&'c str>)>,
}

mod analyses;

/// What a plan's cell of an initiative holds.
struct Cell<'p> {
    tasks: Vec<&'p Task>,
    /// The best score of a link of the initiative that touches one of `tasks`.
    strength: f64,
}

const STYLE: &str = "
body{font-family:system-ui,'Noto Sans CJK SC','Microsoft YaHei',sans-serif;margin:2em;color:#1d2330;max-width:1400px}
h1{font-size:1.6em}h2{margin-top:2em;border-bottom:1px solid #ccd;padding-bottom:.2em}
table{border-collapse:collapse;font-size:.9em}th,td{border:1px solid #d5d9e2;padding:.35em .5em;vertical-align:top}
th{background:#f2f4f8;text-align:left}td.cell{min-width:8em}td.cell a{color:inherit;text-decoration:none;display:block}
.legend span{display:inline-block;width:2em;height:1em;vertical-align:middle;margin:0 .3em}
.task{border-left:4px solid #9ab;padding:.3em .8em;margin:.6em 0;background:#fafbfc}
.task p{white-space:pre-wrap;margin:.3em 0}mark{background:#ffe27a}
.meta{color:#556;font-size:.85em}.score{font-variant-numeric:tabular-nums}
details{margin:.4em 0}summary{cursor:pointer;font-weight:600}
svg text{font-size:12px;font-family:inherit}
";

/// Escapes text for HTML and SVG.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The fill of a heat-map cell: white for nothing, deepening blue with strength.
fn heat(strength: f64) -> (String, &'static str) {
    let s = strength.clamp(0.0, 1.0);
    let lightness = 96.0 - 56.0 * s;
    let ink = if lightness < 60.0 { "#fff" } else { "#1d2330" };
    (format!("hsl(212,70%,{lightness:.0}%)"), ink)
}

fn plan_name(plan: &Plan) -> String {
    match &plan.city {
        Some(city) => format!("{city} · {}", plan.id),
        None => plan.id.clone(),
    }
}

impl<'c, 'p> HtmlReport<'c, 'p> {
    /// A report of `alignment` over `comparison`'s plans.
    pub fn new(comparison: &'c Comparison<'p>, alignment: &'c Alignment) -> HtmlReport<'c, 'p> {
        HtmlReport {
            comparison,
            alignment,
            title: "Cross-city comparison of digital-government plans".to_string(),
            all: false,
            shared: None,
        }
    }

    /// Adds the section on shared wording: the passages, shown in context from
    /// `sources`, the plans' texts in the comparison's plan order.
    pub fn shared_wording(mut self, shared: &'c SharedWording, sources: &[&'c str]) -> HtmlReport<'c, 'p> {
        self.shared = Some((shared, sources.to_vec()));
        self
    }

    /// Shows every initiative, not only the confident ones ([`Initiative::shown`]).
    pub fn show_all(mut self) -> HtmlReport<'c, 'p> {
        self.all = true;
        self
    }

    /// Sets the page's title.
    pub fn title(mut self, title: impl Into<String>) -> HtmlReport<'c, 'p> {
        self.title = title.into();
        self
    }

    /// The initiatives that two or more plans carry, as in the comparison table.
    fn initiatives(&self) -> Vec<&'c Initiative> {
        self.alignment.initiatives.iter().filter(|i| i.plans().len() >= 2 && (self.all || i.shown)).collect()
    }

    /// What sets each plan apart: its tasks no other plan shares.
    fn distinct(&self, out: &mut String) {
        out.push_str("<h2 id=\"distinct\">What sets each plan apart</h2>\n<p class=\"legend\">Tasks in no initiative and linked to no task of another plan.</p>\n");
        let plans = self.comparison.plans();
        for (plan_id, tasks) in self.comparison.distinctive(self.alignment) {
            let Some(plan) = plans.iter().find(|p| p.id == plan_id.as_str()) else { continue };
            let _ = writeln!(out, "<h3>{}</h3>\n<ul class=\"distinct\">", esc(&plan_name(plan)));
            for r in &tasks {
                if let Some(task) = plan.tasks.iter().find(|t| t.id == r.task.as_str()) {
                    let _ = writeln!(out, "<li>{} {}</li>", esc(&task.path.to_string()), esc(&task.title));
                }
            }
            out.push_str("</ul>\n");
        }
    }

    /// Each initiative's cell in each plan, built once for every section: the members
    /// grouped by plan, and the best score of the initiative's links that touch them.
    fn cells(&self, initiatives: &[&Initiative]) -> Vec<Vec<Cell<'p>>> {
        let plans = self.comparison.plans();
        let tasks: HashMap<&str, (usize, &'p Task)> = plans
            .iter()
            .enumerate()
            .flat_map(|(c, plan)| plan.tasks.iter().map(move |t| (t.id.as_str(), (c, t))))
            .collect();
        let mut best: HashMap<(&str, &str), f64> = HashMap::new();
        for link in &self.alignment.links {
            for task in [link.a.task.as_str(), link.b.task.as_str()] {
                let score = best.entry((link.label.as_str(), task)).or_insert(0.0);
                *score = score.max(link.score);
            }
        }
        initiatives
            .iter()
            .map(|initiative| {
                let mut row: Vec<Cell<'p>> = plans.iter().map(|_| Cell { tasks: Vec::new(), strength: 0.0 }).collect();
                for m in &initiative.members {
                    let Some(&(c, task)) = tasks.get(m.task.as_str()) else { continue };
                    let Some(cell) = row.get_mut(c) else { continue };
                    cell.tasks.push(task);
                    let score = best.get(&(initiative.label.as_str(), task.id.as_str())).copied().unwrap_or(0.0);
                    cell.strength = cell.strength.max(score);
                }
                row
            })
            .collect()
    }

    /// The page. [`HtmlReport::render_to`] writes it to a writer.
    pub fn render(&self) -> String {
        render_string(|w| self.render_to(w))
    }

    /// Writes the page to `w`, a section at a time (the details an initiative at a
    /// time): the page, megabytes for a large corpus, is never whole in memory.
    ///
    /// ```
    /// use cityalign::report::HtmlReport;
    /// use cityalign::{Corpus, Matcher};
    ///
    /// let corpus = Corpus::bundled()?;
    /// let comparison = Matcher::new().compare(corpus.plans());
    /// let alignment = comparison.align();
    /// let report = HtmlReport::new(&comparison, &alignment);
    /// let mut page = Vec::new(); // a `File`, a `BufWriter<StdoutLock>`, …
    /// report.render_to(&mut page)?;
    /// assert!(page.starts_with(b"<!DOCTYPE html>") && page.ends_with(b"</html>\n"));
    /// assert_eq!(page, report.render().into_bytes());
    /// # Ok::<(), cityalign::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Those of `w`.
    pub fn render_to<W: io::Write>(&self, mut w: W) -> io::Result<()> {
        let mut out = String::new();
        // Each section is built in `out`, then written and `out` emptied for the next.
        let mut flush = |out: &mut String| {
            let written = w.write_all(out.as_bytes());
            out.clear();
            written
        };
        let _ = write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"zh\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{}</h1>\n",
            esc(&self.title),
            esc(&self.title)
        );
        let plans = self.comparison.plans();
        let initiatives = self.initiatives();
        let matcher = self.comparison.matcher();
        let _ = writeln!(
            out,
            "<p class=\"meta\">{} plans, {} tasks, {} initiatives shared by two or more plans; strategy {}, threshold {:.2}.</p>",
            plans.len(),
            plans.iter().map(|p| p.tasks.len()).sum::<usize>(),
            initiatives.len(),
            matcher.strategy(),
            matcher.threshold()
        );
        out.push_str("<nav><a href=\"#coverage\">Coverage</a> · <a href=\"#targets\">Targets</a> · <a href=\"#timeline\">Timeline</a> · <a href=\"#departments\">Departments</a> · <a href=\"#distinct\">Apart</a> · <a href=\"#evolution\">Changes</a> · <a href=\"#diffusion\">First</a>");
        if self.shared.is_some() {
            out.push_str(" · <a href=\"#reuse\">Wording</a>");
        }
        out.push_str(" · <a href=\"#details\">Details</a></nav>\n");
        flush(&mut out)?;
        let cells = self.cells(&initiatives);
        let sections: [&dyn Fn(&mut String); 8] = [
            &|out| self.coverage(out, &initiatives, &cells),
            &|out| self.target_charts(out, &initiatives, &cells),
            &|out| self.timeline(out),
            &|out| self.departments(out, &initiatives, &cells),
            &|out| self.distinct(out),
            &|out| self.evolution_section(out),
            &|out| self.diffusion_section(out),
            &|out| self.reuse_section(out),
        ];
        for section in sections {
            section(&mut out);
            flush(&mut out)?;
        }
        self.details(&mut out, &initiatives, &cells, &mut flush)?;
        out.push_str("</body>\n</html>\n");
        flush(&mut out)
    }

    fn header_row(&self, out: &mut String, first: &str) {
        let _ = write!(out, "<thead><tr><th>{}</th>", esc(first));
        for plan in self.comparison.plans() {
            let _ = write!(
                out,
                "<th class=\"plan\" title=\"{}\">{}</th>",
                esc(plan.title.as_deref().unwrap_or("")),
                esc(&plan_name(plan))
            );
        }
        out.push_str("</tr></thead>\n");
    }

    fn coverage(&self, out: &mut String, initiatives: &[&Initiative], cells: &[Vec<Cell<'p>>]) {
        out.push_str("<h2 id=\"coverage\">Coverage: initiatives × plans</h2>\n");
        out.push_str("<p class=\"legend\">Shade: the best alignment score of the plan's tasks on the initiative <span style=\"background:hsl(212,70%,90%)\"></span>weak <span style=\"background:hsl(212,70%,40%)\"></span>strong. Numbers: the plan's targets on it. Click a cell for the tasks.</p>\n<table class=\"heatmap\">\n");
        self.header_row(out, "initiative");
        out.push_str("<tbody>\n");
        for (r, (initiative, row)) in initiatives.iter().zip(cells).enumerate() {
            let terms = self.comparison.initiative_terms(initiative);
            let _ = write!(
                out,
                "<tr class=\"initiative\"><th title=\"{} · confidence {:.2}\">{}</th>",
                initiative.category,
                initiative.confidence,
                esc(&initiative.label)
            );
            for (c, cell) in row.iter().enumerate() {
                if cell.tasks.is_empty() {
                    out.push_str("<td class=\"cell\"></td>");
                    continue;
                }
                let (fill, ink) = heat(cell.strength);
                let targets: Vec<String> = cell
                    .tasks
                    .iter()
                    .flat_map(|t| t.targets.iter().filter(|g| concerns(g, &terms)).map(target_summary))
                    .collect();
                let text =
                    if targets.is_empty() { format!("{} task(s)", cell.tasks.len()) } else { targets.join("; ") };
                let _ = write!(
                    out,
                    "<td class=\"cell\" style=\"background:{fill};color:{ink}\" title=\"score {:.2}\"><a href=\"#cell-{r}-{c}\">{}</a></td>",
                    cell.strength,
                    esc(&text)
                );
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody></table>\n");
    }

    /// One horizontal bar chart per initiative and measure that two or more plans set a
    /// number for; bars coloured by new (新建) or cumulative (累计).
    fn target_charts(&self, out: &mut String, initiatives: &[&Initiative], cells: &[Vec<Cell<'p>>]) {
        out.push_str("<h2 id=\"targets\">Numeric targets</h2>\n<p class=\"legend\"><span style=\"background:#3a7bd5\"></span>new (新建) <span style=\"background:#e8913a\"></span>cumulative (累计) <span style=\"background:#98a2b3\"></span>unstated</p>\n");
        let mut charts = 0;
        for (initiative, row) in initiatives.iter().zip(cells) {
            let terms = self.comparison.initiative_terms(initiative);
            // measure → bars (plan, value, accrual, text)
            let mut by_measure: BTreeMap<&str, Vec<(String, f64, Accrual, String)>> = BTreeMap::new();
            for (plan, cell) in self.comparison.plans().iter().zip(row) {
                for task in &cell.tasks {
                    for target in task.targets.iter().filter(|g| concerns(g, &terms) && !g.measure.is_empty()) {
                        by_measure.entry(target.measure.as_str()).or_default().push((
                            plan_name(plan),
                            target.max.unwrap_or(target.value),
                            target.accrual,
                            target.text.clone(),
                        ));
                    }
                }
            }
            for (measure, bars) in by_measure {
                let mut plans: Vec<&str> = bars.iter().map(|b| b.0.as_str()).collect();
                plans.dedup();
                if plans.len() < 2 {
                    continue;
                }
                charts += 1;
                let _ = writeln!(out, "<h3>{} ({})</h3>", esc(&initiative.label), esc(measure));
                out.push_str(&bar_chart(&bars, measure));
            }
        }
        if charts == 0 {
            out.push_str("<p>No initiative has numeric targets in two or more plans.</p>\n");
        }
    }

    /// Each plan's deadlines on one time axis, a dot per task.
    fn timeline(&self, out: &mut String) {
        out.push_str("<h2 id=\"timeline\">Deadlines</h2>\n<p class=\"legend\">Tasks by the month their deadline ends: a dot per month, sized and labelled by the number of tasks; hollow where the deadline is only inferred from the plan's period.</p>\n");
        let plans = self.comparison.plans();
        let days: Vec<u32> = plans
            .iter()
            .flat_map(|p| p.tasks.iter().filter_map(|t| t.deadline.as_ref()))
            .map(|d| month_index(d.last_day.year(), d.last_day.month()))
            .collect();
        let (Some(&first), Some(&last)) = (days.iter().min(), days.iter().max()) else {
            out.push_str("<p>No deadlines.</p>\n");
            return;
        };
        // Whole years on the axis.
        let (start, end) = (first - first % 12, last - last % 12 + 12);
        let (left, width, row) = (200.0, 900.0, 40.0);
        let height = 40.0 + row * plans.len() as f64;
        let x = |m: u32| left + width * f64::from(m - start) / f64::from(end - start);
        let _ = writeln!(
            out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\" width=\"{}\" height=\"{height}\" viewBox=\"0 0 {} {height}\">",
            left + width + 20.0,
            left + width + 20.0
        );
        for year_start in (start..=end).step_by(12) {
            let _ = writeln!(
                out,
                "<line x1=\"{0:.1}\" y1=\"20\" x2=\"{0:.1}\" y2=\"{1:.1}\" stroke=\"#d5d9e2\"/><text x=\"{0:.1}\" y=\"14\" text-anchor=\"middle\">{2}</text>",
                x(year_start),
                height - 10.0,
                year_start / 12
            );
        }
        for (i, plan) in plans.iter().enumerate() {
            let y = 40.0 + row * i as f64;
            let _ = writeln!(
                out,
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
                left - 10.0,
                y + 4.0,
                esc(&plan_name(plan))
            );
            // Tasks due the same month share a dot, sized and labelled by their number.
            let mut due: BTreeMap<(u32, bool), Vec<&str>> = BTreeMap::new();
            for task in &plan.tasks {
                let Some(d) = &task.deadline else { continue };
                due.entry((month_index(d.last_day.year(), d.last_day.month()), d.text.is_none()))
                    .or_default()
                    .push(task.title.as_str());
            }
            for ((month, inferred), titles) in due {
                let fill = if inferred { "none" } else { "#3a7bd5" };
                let r = 4.0 + 2.0 * (titles.len() as f64).sqrt();
                let _ = writeln!(
                    out,
                    "<circle class=\"due\" cx=\"{:.1}\" cy=\"{y:.1}\" r=\"{r:.1}\" fill=\"{fill}\" stroke=\"#3a7bd5\" fill-opacity=\"0.6\"><title>{} {}: {}</title></circle><text x=\"{:.1}\" y=\"{:.1}\">{}</text>",
                    x(month),
                    month / 12,
                    month % 12 + 1,
                    esc(&titles.join("; ")),
                    x(month) + r + 2.0,
                    if inferred { y + r + 8.0 } else { y - r },
                    titles.len()
                );
            }
        }
        out.push_str("</svg>\n");
    }

    /// The canonical departments that lead each initiative in each plan.
    fn departments(&self, out: &mut String, initiatives: &[&Initiative], cells: &[Vec<Cell<'p>>]) {
        out.push_str("<h2 id=\"departments\">Lead departments</h2>\n<p class=\"legend\">The canonical department of each task's lead unit (or its first unit): the same office under different names in different cities.</p>\n<table class=\"departments\">\n");
        self.header_row(out, "initiative");
        out.push_str("<tbody>\n");
        for (initiative, row) in initiatives.iter().zip(cells) {
            let _ = write!(out, "<tr><th>{}</th>", esc(&initiative.label));
            for cell in row {
                let mut leads: Vec<Department> = cell
                    .tasks
                    .iter()
                    .flat_map(|t| {
                        let lead: Vec<Department> = t
                            .units
                            .iter()
                            .filter(|u| matches!(u.role, Role::Lead | Role::Sole))
                            .map(|u| u.department)
                            .collect();
                        if lead.is_empty() {
                            t.lead_unit().map(|u| u.department).into_iter().collect()
                        } else {
                            lead
                        }
                    })
                    .collect();
                leads.sort_by_key(|d| d.key());
                leads.dedup();
                let names: Vec<&str> = leads.iter().map(|d| d.key()).collect();
                let _ = write!(out, "<td>{}</td>", esc(&names.join(", ")));
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody></table>\n");
    }

    /// For every cell, its tasks in full; for every link between two of the initiative's
    /// tasks, the matched clauses highlighted and the score broken down. The bulk of the
    /// page: `flush`ed an initiative at a time.
    fn details(
        &self,
        out: &mut String,
        initiatives: &[&Initiative],
        cells: &[Vec<Cell<'p>>],
        flush: &mut impl FnMut(&mut String) -> io::Result<()>,
    ) -> io::Result<()> {
        out.push_str("<h2 id=\"details\">Details</h2>\n");
        let plans = self.comparison.plans();
        for (r, (initiative, row)) in initiatives.iter().zip(cells).enumerate() {
            flush(out)?;
            let _ = writeln!(out, "<h3>{}</h3>", esc(&initiative.label));
            for (c, (plan, cell)) in plans.iter().zip(row).enumerate() {
                if cell.tasks.is_empty() {
                    continue;
                }
                let _ = writeln!(out, "<section id=\"cell-{r}-{c}\">\n<h4>{}</h4>", esc(&plan_name(plan)));
                for task in &cell.tasks {
                    let matches = self.matches(initiative, task);
                    let highlighted: Vec<usize> = matches.iter().map(|(_, _, m)| m.clause_a).collect();
                    let _ = writeln!(out, "<div class=\"task\" id=\"task-{}\">", esc(&anchor(&task.id)));
                    let _ = writeln!(
                        out,
                        "<strong>{}</strong> <span class=\"meta\">{} · {}{}</span>",
                        esc(&task.title),
                        esc(&task.id),
                        esc(&task.path.to_string()),
                        task.lead_unit().map(|u| format!(" · {}", u.name)).map_or(String::new(), |s| esc(&s))
                    );
                    let _ = writeln!(out, "<p>{}</p>", highlight(task, &highlighted));
                    for (other, other_ref, m) in &matches {
                        let other_task = other.task(&other_ref.task);
                        let _ = write!(
                            out,
                            "<details><summary>↔ {} <span class=\"score\">{:.3}</span></summary>",
                            esc(&format!("{} {}", plan_name(other), other_task.map_or("", |t| t.title.as_str()))),
                            m.score
                        );
                        if let Some(t) = other_task {
                            let _ = write!(out, "<p>{}</p>", highlight(t, &[m.clause_b]));
                        }
                        if !m.breakdown.is_empty() {
                            out.push_str("<table><tr><th>feature</th><th>value</th><th>weight</th><th>part</th></tr>");
                            for part in &m.breakdown {
                                let _ = write!(
                                    out,
                                    "<tr><td>{}</td><td class=\"score\">{:.3}</td><td class=\"score\">{:.2}</td><td class=\"score\">{:.3}</td></tr>",
                                    esc(&part.feature),
                                    part.value,
                                    part.weight,
                                    part.value * part.weight
                                );
                            }
                            out.push_str("</table>");
                        }
                        out.push_str("</details>\n");
                    }
                    out.push_str("</div>\n");
                }
                out.push_str("</section>\n");
            }
        }
        Ok(())
    }

    /// The initiative's other tasks that `task` is linked to, each with why it scored so
    /// (the clauses matched and the breakdown), one pair at a time.
    fn matches(&self, initiative: &Initiative, task: &Task) -> Vec<(&'p Plan, TaskRef, Explanation)> {
        let mut found = Vec::new();
        for link in self.alignment.links.iter().filter(|l| l.label == initiative.label) {
            let other = if link.a.task == task.id {
                &link.b
            } else if link.b.task == task.id {
                &link.a
            } else {
                continue;
            };
            let Some(plan) = self.comparison.plans().iter().copied().find(|p| p.id == other.plan) else { continue };
            if let Some(why) = self.comparison.explain(&task.id, &other.task) {
                found.push((plan, other.clone(), why));
            }
        }
        found
    }
}

/// A task's text with the clauses at `clauses` marked.
fn highlight(task: &Task, clauses: &[usize]) -> String {
    let text = task.text.as_str();
    let mut ranges: Vec<(usize, usize)> = clauses
        .iter()
        .filter_map(|&i| task.clauses.get(i))
        .filter_map(|c| text.find(c.text.as_str()).map(|at| (at, at + c.text.len())))
        .collect();
    ranges.sort_unstable();
    let mut out = String::new();
    let mut at = 0;
    for (start, end) in ranges {
        if start < at {
            continue;
        }
        out.push_str(&esc(text.get(at..start).unwrap_or("")));
        let _ = write!(out, "<mark>{}</mark>", esc(text.get(start..end).unwrap_or("")));
        at = end;
    }
    out.push_str(&esc(text.get(at..).unwrap_or("")));
    out
}

/// A task id as an HTML id: letters, digits and dashes.
fn anchor(id: &str) -> String {
    id.chars().map(|c| if c.is_alphanumeric() || c == '-' { c } else { '-' }).collect()
}

/// Months since year 0, for a time axis.
fn month_index(year: u16, month: u8) -> u32 {
    u32::from(year) * 12 + u32::from(month.saturating_sub(1))
}

/// An SVG bar chart of `bars` (label, value, accrual, words), all in one `measure`.
fn bar_chart(bars: &[(String, f64, Accrual, String)], measure: &str) -> String {
    let (left, width, row) = (220.0, 520.0, 24.0);
    let height = 10.0 + row * bars.len() as f64;
    let max = bars.iter().map(|b| b.1).fold(0.0, f64::max).max(f64::MIN_POSITIVE);
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"bars\" width=\"{0}\" height=\"{height}\" viewBox=\"0 0 {0} {height}\">\n",
        left + width + 120.0
    );
    for (i, (label, value, accrual, words)) in bars.iter().enumerate() {
        let y = 5.0 + row * i as f64;
        let fill = match accrual {
            Accrual::New => "#3a7bd5",
            Accrual::Stock => "#e8913a",
            _ => "#98a2b3",
        };
        let w = (width * value / max).max(1.0);
        let _ = writeln!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text><rect x=\"{left}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{:.1}\" fill=\"{fill}\"><title>{}</title></rect><text x=\"{:.1}\" y=\"{:.1}\">{}{}</text>",
            left - 8.0,
            y + 15.0,
            esc(label),
            row - 6.0,
            esc(words),
            left + w + 6.0,
            y + 15.0,
            esc(&short_number(*value)),
            esc(measure)
        );
    }
    out.push_str("</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_and_anchors() {
        assert_eq!(esc("<a href=\"x\">&'"), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
        assert_eq!(anchor("dongying-2022#03"), "dongying-2022-03");
        assert_eq!(month_index(2022, 1) + 11, month_index(2022, 12));
    }

    #[test]
    fn heat_deepens_with_strength() {
        assert_eq!(heat(0.0).1, "#1d2330");
        assert_eq!(heat(1.0).1, "#fff");
        assert_ne!(heat(0.2).0, heat(0.8).0);
    }
}
