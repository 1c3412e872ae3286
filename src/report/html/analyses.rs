//! The report's sections beyond the comparison: how each city's plans changed, who
//! planned each initiative first, and where plans share their wording.

use std::fmt::Write as _;

use super::{esc, plan_name, HtmlReport};
use crate::analysis::{diffusion, evolution, PassageKind};
use crate::matching::TaskRef;
use crate::model::Plan;

/// Characters of context shown around a shared passage, each side.
const CONTEXT: usize = 24;

impl HtmlReport<'_, '_> {
    fn plan(&self, id: &str) -> Option<&Plan> {
        self.comparison.plans().iter().copied().find(|p| p.id == id)
    }

    /// A task's title, found through the comparison's index; its id when unknown.
    fn task_title(&self, task: &TaskRef) -> String {
        self.comparison.task(task).map_or_else(|| task.task.to_string(), |t| t.title.clone())
    }

    /// Each city's plans, step by step: a bar chart of tasks continued, new and dropped,
    /// the targets on one metric then and now, and the pairs.
    pub(super) fn evolution_section(&self, out: &mut String) {
        out.push_str("<h2 id=\"evolution\">How plans changed</h2>\n<p class=\"legend\">For every city with two or more plans, from one plan to the next: tasks continued (linked to a task of the later plan), new and dropped, and the targets set on one metric in both.</p>\n");
        let steps = evolution(self.comparison, self.alignment);
        if steps.is_empty() {
            out.push_str("<p>No city has two plans here.</p>\n");
        }
        for step in steps {
            let from = self.plan(&step.from).map_or_else(|| step.from.to_string(), plan_name);
            let to = self.plan(&step.to).map_or_else(|| step.to.to_string(), plan_name);
            let _ = writeln!(out, "<h3>{} → {}</h3>", esc(&from), esc(&to));
            let continued_b: std::collections::BTreeSet<&str> =
                step.continued.iter().map(|c| c.b.task.as_str()).collect();
            let bars = [
                ("continued", continued_b.len(), "#3a7bd5"),
                ("new", step.new.len(), "#2e9e6b"),
                ("dropped", step.dropped.len(), "#d9534f"),
            ];
            let max = bars.iter().map(|b| b.1).max().unwrap_or(1).max(1);
            out.push_str("<svg class=\"evolution\" width=\"420\" height=\"84\" role=\"img\">");
            for (i, (name, count, color)) in bars.iter().enumerate() {
                let y = 6 + i * 26;
                let width = 300 * count / max;
                let _ = write!(
                    out,
                    "<text x=\"0\" y=\"{}\" font-size=\"12\">{name}</text><rect x=\"80\" y=\"{y}\" width=\"{width}\" height=\"18\" fill=\"{color}\"></rect><text x=\"{}\" y=\"{}\" font-size=\"12\">{count}</text>",
                    y + 14,
                    86 + width,
                    y + 14
                );
            }
            out.push_str("</svg>\n");
            if !step.target_changes.is_empty() {
                out.push_str("<table class=\"changes\"><thead><tr><th>metric</th><th>then</th><th>now</th><th>tasks</th></tr></thead><tbody>\n");
                for change in &step.target_changes {
                    let _ = writeln!(
                        out,
                        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{} → {}</td></tr>",
                        esc(&change.metric),
                        change.from,
                        change.to,
                        esc(&self.task_title(&change.a)),
                        esc(&self.task_title(&change.b))
                    );
                }
                out.push_str("</tbody></table>\n");
            }
            out.push_str("<details><summary>pairs</summary><ul>\n");
            for c in &step.continued {
                let _ = writeln!(
                    out,
                    "<li>{} → {} ({:.2})</li>",
                    esc(&self.task_title(&c.a)),
                    esc(&self.task_title(&c.b)),
                    c.score
                );
            }
            out.push_str("</ul></details>\n");
        }
    }

    /// Who planned each shown initiative first, and its adoption curve.
    pub(super) fn diffusion_section(&self, out: &mut String) {
        out.push_str("<h2 id=\"diffusion\">Who planned it first</h2>\n<p class=\"legend\">Each initiative's plans in the order they took it up (the year the plan's period starts, then its date of issue), and the number of plans that had by each year.</p>\n<table class=\"diffusion\"><thead><tr><th>initiative</th><th>first</th><th>adopters in order</th><th>curve</th></tr></thead><tbody>\n");
        let shown: std::collections::BTreeSet<&str> = self.initiatives().iter().map(|i| i.label.as_str()).collect();
        let years: Vec<u16> = self.comparison.plans().iter().filter_map(|p| p.period.map(|x| x.start)).collect();
        let (first_year, last_year) =
            (years.iter().min().copied().unwrap_or(0), years.iter().max().copied().unwrap_or(0));
        let plans = self.comparison.plans().len().max(1);
        for d in diffusion(self.comparison, self.alignment).iter().filter(|d| shown.contains(d.label.as_str())) {
            let name = |id: &str| self.plan(id).map_or_else(|| id.to_string(), plan_name);
            let order: Vec<String> = d
                .adopters
                .iter()
                .map(|a| format!("{}{}", esc(&name(&a.plan)), a.year.map(|y| format!(" ({y})")).unwrap_or_default()))
                .collect();
            let _ = write!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>",
                esc(&d.label),
                esc(&d.first().map(|a| name(&a.plan)).unwrap_or_default()),
                order.join(" → ")
            );
            // A step curve: cumulative adopters by year, over the corpus's years.
            let span = f64::from(last_year.saturating_sub(first_year).max(1));
            let x = |year: u16| 4.0 + 112.0 * f64::from(year.saturating_sub(first_year)) / span;
            let y = |count: usize| 36.0 - 32.0 * count as f64 / plans as f64;
            let mut points = format!("{:.1},{:.1}", x(first_year), y(0));
            let mut last = 0;
            for &(year, count) in &d.curve {
                let _ = write!(points, " {:.1},{:.1} {:.1},{:.1}", x(year), y(last), x(year), y(count));
                last = count;
            }
            let _ = write!(points, " {:.1},{:.1}", x(last_year), y(last));
            let _ = write!(out, "<svg width=\"120\" height=\"40\" role=\"img\"><polyline points=\"{points}\" fill=\"none\" stroke=\"#3a7bd5\" stroke-width=\"2\"></polyline></svg>");
            out.push_str("</td></tr>\n");
        }
        out.push_str("</tbody></table>\n");
    }

    /// The passages plans share, side by side and highlighted, and the matrix of shares.
    pub(super) fn reuse_section(&self, out: &mut String) {
        let Some((shared, sources)) = &self.shared else { return };
        out.push_str("<h2 id=\"reuse\">Shared wording</h2>\n<p class=\"legend\">Passages of 15 or more characters two plans share near-verbatim (white space and punctuation set aside): template (three or more issuers), reuse (two), own (one issuer's plans). Boilerplate is left out. The matrix gives the share of the row plan's task text found in the column plan.</p>\n");
        let plans = self.comparison.plans();
        out.push_str("<table class=\"shares\">");
        self.header_row(out, "share of row in column");
        out.push_str("<tbody>\n");
        for a in plans {
            let _ = write!(out, "<tr><th>{}</th>", esc(&plan_name(a)));
            for b in plans {
                let share = shared.shares.iter().find_map(|s| {
                    if s.a == a.id && s.b == b.id {
                        Some(s.a_share)
                    } else if s.b == a.id && s.a == b.id {
                        Some(s.b_share)
                    } else {
                        None
                    }
                });
                match share {
                    Some(v) => {
                        let _ = write!(out, "<td>{:.1}%</td>", v * 100.0);
                    }
                    None => out.push_str("<td></td>"),
                }
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody></table>\n<table class=\"passages\"><thead><tr><th>kind</th><th>in</th><th>in</th></tr></thead><tbody>\n");
        let source_of = |id: &str| plans.iter().position(|p| p.id == id).and_then(|i| sources.get(i)).copied();
        let side = |end: &crate::analysis::PassageEnd| -> String {
            let Some(source) = source_of(&end.plan) else { return String::new() };
            let before: String = source
                .get(..end.start)
                .unwrap_or("")
                .chars()
                .rev()
                .take(CONTEXT)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let after: String = source.get(end.end..).unwrap_or("").chars().take(CONTEXT).collect();
            format!(
                "<div class=\"plan\">{}{}</div>…{}<mark>{}</mark>{}…",
                esc(&end.plan),
                end.task
                    .clone()
                    .map(|task| format!(" · {}", esc(&self.task_title(&TaskRef { plan: end.plan.clone(), task }))))
                    .unwrap_or_default(),
                esc(&before),
                esc(source.get(end.start..end.end).unwrap_or("")),
                esc(&after)
            )
        };
        for p in shared.passages.iter().filter(|p| p.kind != PassageKind::Boilerplate) {
            let kind = match p.kind {
                PassageKind::Template => "template",
                PassageKind::Reuse => "reuse",
                PassageKind::Own => "own",
                _ => "boilerplate",
            };
            let _ = writeln!(out, "<tr><td>{kind}</td><td>{}</td><td>{}</td></tr>", side(&p.a), side(&p.b));
        }
        out.push_str("</tbody></table>\n");
    }
}
