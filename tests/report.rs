//! The HTML report on the bundled corpus: complete, self-contained and well-formed; the
//! terminal table within its width however many plans.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test helper may fail loudly

use cityalign::report::{ComparisonTable, HtmlReport};
use cityalign::{Corpus, Matcher, Role};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Checks that `svg` is well-formed XML as far as a browser's SVG parser cares: every tag
/// closed in order, attributes quoted, `&` only in entities.
fn well_formed(svg: &str) -> Result<(), String> {
    let mut stack: Vec<&str> = Vec::new();
    let mut rest = svg;
    while let Some(open) = rest.find('<') {
        let text = &rest[..open];
        if let Some(amp) = text.find('&') {
            let entity = &text[amp..];
            if !["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"].iter().any(|e| entity.starts_with(e)) {
                return Err(format!("bare & in {:?}", &entity[..entity.len().min(20)]));
            }
        }
        let close = rest[open..].find('>').ok_or("unclosed tag")? + open;
        let tag = &rest[open + 1..close];
        if let Some(name) = tag.strip_prefix('/') {
            let top = stack.pop().ok_or_else(|| format!("</{name}> closes nothing"))?;
            if top != name {
                return Err(format!("</{name}> closes <{top}>"));
            }
        } else {
            if !tag.matches('"').count().is_multiple_of(2) {
                return Err(format!("unbalanced quotes in <{tag}>"));
            }
            let name = tag.split([' ', '/']).next().unwrap_or("");
            if name.is_empty() {
                return Err(format!("empty tag name in <{tag}>"));
            }
            if !tag.ends_with('/') {
                stack.push(name);
            }
        }
        rest = &rest[close + 1..];
    }
    if stack.is_empty() {
        Ok(())
    } else {
        Err(format!("left open: {stack:?}"))
    }
}

#[test]
fn the_report_of_the_bundled_plans() {
    let corpus = Corpus::bundled().unwrap();
    let comparison = Matcher::new().compare(corpus.plans());
    let alignment = comparison.align();
    let table = ComparisonTable::new(&comparison, &alignment);
    let html = HtmlReport::new(&comparison, &alignment).render();

    assert!(html.starts_with("<!DOCTYPE html>") && html.trim_end().ends_with("</html>"));
    assert!(!html.contains("<script"), "help: no JavaScript");
    assert!(!html.contains("src=\"http") && !html.contains("href=\"http"), "help: nothing from the network");

    // Every initiative row of the table, in the heat map and in the departments view.
    assert_eq!(html.matches("<tr class=\"initiative\">").count(), table.rows.len());
    for row in &table.rows {
        assert!(html.contains(&format!("<th>{}</th>", row.label)), "help: row {} missing", row.label);
    }
    // Every plan column, in both tables.
    for plan in corpus.plans() {
        let header = html.matches("<th class=\"plan\"").count();
        assert_eq!(header, 2 * corpus.len());
        assert!(html.contains(&plan.id), "help: plan {} missing", plan.id);
    }
    // Every cell links to a section with its tasks.
    let mut links = 0;
    for (at, _) in html.match_indices("href=\"#cell-") {
        let target = &html[at + 7..at + 7 + html[at + 7..].find('"').unwrap()];
        assert!(html.contains(&format!("id=\"{target}\"")), "help: #{target} has no section");
        links += 1;
    }
    let filled: usize = table.rows.iter().map(|r| r.cells.len()).sum();
    assert_eq!(links, filled, "help: one link per non-empty cell");
    // Matched clauses are highlighted and scores broken down.
    assert!(html.contains("<mark>"));
    assert!(html.contains("<td>clause-tfidf</td>"), "help: the hybrid's breakdown names its features");

    // Every SVG chart well-formed; the 5G base stations have a bar chart.
    let svgs: Vec<&str> = html
        .match_indices("<svg")
        .map(|(at, _)| &html[at..at + html[at..].find("</svg>").unwrap() + "</svg>".len()])
        .collect();
    assert!(svgs.len() >= 3, "help: a timeline and bar charts: {}", svgs.len());
    for svg in &svgs {
        well_formed(svg).unwrap_or_else(|e| panic!("help: malformed SVG: {e}"));
    }
    assert!(html.contains("<h3>5G基站 (个)</h3>"), "help: 5G基站 targets compare across plans");
    assert_eq!(svgs.iter().filter(|s| s.contains("class=\"timeline\"")).count(), 1);
    let timeline = svgs.iter().find(|s| s.contains("class=\"timeline\"")).unwrap();
    // The dots' labels count every task with a deadline.
    let dated: usize = corpus.plans().iter().map(|p| p.tasks.iter().filter(|t| t.deadline.is_some()).count()).sum();
    let counted: usize = timeline
        .split("<circle class=\"due\"")
        .skip(1)
        .map(|dot| {
            let label = &dot[dot.find("<text").unwrap()..];
            label[label.find('>').unwrap() + 1..label.find("</text>").unwrap()].parse::<usize>().unwrap()
        })
        .sum();
    assert_eq!(counted, dated, "help: every task with a deadline is on the timeline");
}

#[test]
fn the_checker_rejects_malformed_svg() {
    assert!(well_formed("<svg><g><rect/></g></svg>").is_ok());
    assert!(well_formed("<svg><g></svg>").is_err());
    assert!(well_formed("<svg><text>a & b</text></svg>").is_err());
    assert!(well_formed("<svg><rect x=\"1/></svg>").is_err());
}

/// The bundled plans and a renamed copy of each, in other cities: ten plans, more than
/// fit side by side in a terminal.
fn ten_plans() -> Corpus {
    let mut corpus = Corpus::bundled().unwrap();
    for plan in Corpus::bundled().unwrap().plans() {
        let mut copy = plan.clone();
        copy.rename(format!("{}-copy", plan.id));
        copy.city = plan.city.as_ref().map(|c| format!("{c}乙"));
        corpus.push(copy);
    }
    corpus
}

/// `s` from display column `from`, `width` columns of it.
fn columns(s: &str, from: usize, width: usize) -> String {
    let mut at = 0;
    let mut out = String::new();
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if at >= from && at + w <= from + width {
            out.push(c);
        }
        at += w;
    }
    out
}

#[test]
fn the_terminal_table_pages_plans_that_do_not_fit() {
    let corpus = ten_plans();
    let comparison = Matcher::new().compare(corpus.plans());
    let table = ComparisonTable::new(&comparison, &comparison.align());
    assert_eq!(table.columns.len(), 10);
    for width in [35, 60, 80, 120, 200] {
        let text = table.to_text(width);
        assert!(text.lines().all(|l| l.width() <= width), "help: a line wider than {width}:\n{text}");
        // Every block: its heading, its header with every plan's name, a rule, then two
        // lines for each initiative that one of its plans carries.
        let mut lines = text.lines().peekable();
        let mut seen = Vec::new();
        while let Some(heading) = lines.next() {
            let range = heading.strip_prefix("plans ").and_then(|r| r.strip_suffix(" of 10"));
            let (first, last) = range.and_then(|r| r.split_once('–')).unwrap_or_else(|| panic!("{heading:?}"));
            let block = first.parse::<usize>().unwrap() - 1..last.parse::<usize>().unwrap();
            let header = lines.next().unwrap();
            let rule = lines.next().unwrap();
            let cell_width = (rule.chars().count() - 14) / block.len() - 1;
            assert!(cell_width >= 20, "help: cells too narrow to read at {width}: {cell_width}");
            for column in block.clone() {
                let plan = &table.columns[column];
                let city = plan.city.as_deref().unwrap();
                let name = columns(header, 15 + (column - block.start) * (cell_width + 1), cell_width);
                assert!(name.trim_end().starts_with(city), "help: {city} not over its column: {name:?}");
                seen.push(column);
            }
            for row in table.rows.iter().filter(|r| r.cells.iter().any(|c| block.contains(&c.column))) {
                let (first, second) = (lines.next().unwrap(), lines.next().unwrap());
                assert!(row.label.starts_with(columns(first, 0, 14).trim_end()), "help: {} not at its row", row.label);
                for column in block.clone() {
                    let at = 15 + (column - block.start) * (cell_width + 1);
                    let (shown, below) = (columns(first, at, cell_width), columns(second, at, cell_width));
                    let (shown, below) = (shown.trim_end(), below.trim_end());
                    let entries = row.cell(column);
                    let Some(e) = entries.first() else {
                        assert_eq!(shown, "—", "help: {} in {column}", row.label);
                        continue;
                    };
                    // The "+2" for the other tasks always shows, the text before it is
                    // cut but not to nothing, and the year and unit line starts as given.
                    let text = if e.targets.is_empty() { e.title.clone() } else { e.targets.join("; ") };
                    let shown = match entries.len() {
                        1 => shown,
                        n => shown.strip_suffix(&format!(" +{}", n - 1)).unwrap_or_else(|| {
                            panic!("help: no +{} in {shown:?} ({} in {column}, width {width})", n - 1, row.label)
                        }),
                    };
                    assert!(text.starts_with(shown), "help: {shown:?} is not the start of {text:?}");
                    assert!(shown.width() >= text.width().min(12), "help: {text:?} cut to {shown:?}");
                    let year = e.year.map_or(String::new(), |y| format!("{y} "));
                    let marked = if e.role == Some(Role::Lead) || e.lead.is_none() { "" } else { "(责)" };
                    let unit = format!("{year}{}{marked}", e.lead.as_deref().unwrap_or(""));
                    assert!(unit.starts_with(below) && below.width() >= unit.trim_end().width().min(12), "{below:?}");
                }
            }
            if lines.peek().is_some() {
                assert_eq!(lines.next(), Some(""), "help: a blank line between blocks");
            }
        }
        assert_eq!(seen, (0..10).collect::<Vec<_>>(), "help: every plan once, in order, at {width}");
    }
}
