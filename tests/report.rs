//! The HTML report on the bundled corpus: complete, self-contained and well-formed.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test helper may fail loudly

use cityalign::{ComparisonTable, Corpus, HtmlReport, Matcher};

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
