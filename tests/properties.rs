//! Properties that hold for any input: parsing never panics, the segments tile the source,
//! and what is extracted lies inside it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test helper may fail loudly

use cityalign::{Plan, BUNDLED};
use proptest::prelude::*;

/// Checks what every successful parse must satisfy.
fn check(text: &str) -> Result<(), TestCaseError> {
    let Ok(plan) = Plan::parse(text) else { return Ok(()) };
    prop_assert!(plan.segments_tile(), "segments do not tile the input");
    for task in &plan.tasks {
        prop_assert!(task.span.slice(text).is_some(), "task span off a char boundary");
        // A unit is named in its task, in a heading above it that names it for the
        // tasks below, or in the task table of an attachment (the trailer).
        let trailer = plan.segments.iter().find(|s| s.kind == cityalign::SegmentKind::Trailer).map(|s| s.span);
        for unit in &task.units {
            let in_heading = plan.headings_of(task).any(|h| h.span.contains(unit.span));
            let in_trailer = trailer.is_some_and(|t| t.contains(unit.span));
            prop_assert!(
                task.span.contains(unit.span) || in_heading || in_trailer,
                "unit {:?} outside its task",
                unit.name
            );
            prop_assert!(unit.span.slice(text).is_some());
        }
        for target in &task.targets {
            prop_assert!(task.span.contains(target.span));
            prop_assert!(target.value.is_finite() && target.value >= 0.0);
        }
    }
    let json = serde_json::to_string(&plan).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let back: Plan = serde_json::from_str(&json).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(back, plan);
    Ok(())
}

/// Text made of the genre's own pieces, so that the parser's paths are all exercised.
fn genre_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "一、",
        "二、",
        "(一)",
        "（二）",
        "1.",
        "2、",
        "(1)",
        "（2）",
        "①",
        "\n",
        "\n\n",
        "。",
        ",",
        "、",
        "(",
        ")",
        "（",
        "）",
        "牵头单位:",
        "责任单位：",
        "完成时限:",
        "2022年10月底前",
        "年底前",
        "市大数据局",
        "区工业和信息化局",
        "负责",
        "分工负责",
        "新建",
        "5G基站",
        "2000",
        "1.1万",
        "个",
        "%",
        "以上",
        "超过",
        "智慧社区",
        "抄送:",
        "附件:",
        " ",
        "　",
        "image.png",
        "?",
        "达到",
        "累计",
        "—",
        "-",
    ]);
    prop::collection::vec(pieces, 0..80).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC*") {
        check(&text)?;
    }

    #[test]
    fn genre_text_never_panics(text in genre_text()) {
        check(&text)?;
    }

    /// Tokens cover every character but white space, in order, each span slicing the
    /// text given; their terms are what `terms` gives.
    #[test]
    fn tokens_tile_the_text_but_its_white_space(text in "[ \t\n\u{3000}\u{a0}a-z0-9，。5G基站智慧社區建设國個網一网通办]{0,60}") {
        let tokenizer = cityalign::Tokenizer::new();
        let tokens = tokenizer.tokens(&text);
        let mut at = 0;
        for token in &tokens {
            prop_assert_eq!(text.get(token.byte_start..token.byte_end), Some(token.word));
            let skipped = text.get(at..token.byte_start).unwrap_or("x");
            prop_assert!(skipped.chars().all(char::is_whitespace), "{:?} lost between tokens", skipped);
            at = token.byte_end;
        }
        prop_assert!(text.get(at..).unwrap_or("x").chars().all(char::is_whitespace));
        let terms: Vec<String> = tokens.into_iter().map(|t| t.term).filter(|t| !t.is_empty()).collect();
        prop_assert_eq!(terms, tokenizer.terms(&text));
    }

    #[test]
    fn mutated_seeds_still_tile(
        seed in 0..BUNDLED.len(),
        ops in prop::collection::vec((0u8..5, any::<prop::sample::Index>(), any::<prop::sample::Index>()), 1..12),
        cut in any::<prop::sample::Index>(),
    ) {
        let text = BUNDLED[seed].text;
        let mut lines: Vec<String> = text.split_inclusive('\n').map(str::to_string).collect();
        for (op, a, b) in ops {
            if lines.is_empty() {
                break;
            }
            let (i, j) = (a.index(lines.len()), b.index(lines.len()));
            match op {
                0 => { lines.remove(i); }
                1 => { let l = lines[i].clone(); lines.insert(j, l); }
                2 => lines.swap(i, j),
                // Flip punctuation between full and half width.
                3 => lines[i] = lines[i].replace('(', "（").replace(')', "）").replace(':', "：").replace(',', "，"),
                _ => lines[i] = lines[i].replace('（', "(").replace('）', ")").replace('：', ":").replace('，', ","),
            }
        }
        let mutated: String = lines.concat();
        check(&mutated)?;
        // A truncated download: cut anywhere on a char boundary.
        let mut at = cut.index(mutated.len() + 1);
        while !mutated.is_char_boundary(at) {
            at -= 1;
        }
        check(&mutated[..at])?;
    }
}

#[test]
fn a_truncated_plan_keeps_its_complete_tasks() {
    let text = BUNDLED.iter().find(|b| b.id == "binzhou-2023").unwrap().text;
    let cut = text.find("20.完善公共就业").unwrap() + "20.完善公共就业".len();
    let plan = Plan::parse(&text[..cut]).unwrap();
    assert_eq!(plan.tasks.len(), 20, "help: tasks 1–19 are complete, 20 is cut short but kept");
    assert!(plan.segments_tile());
}
