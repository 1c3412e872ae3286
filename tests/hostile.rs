//! Input no plan should be: empty, not Chinese, not UTF-8, too large, truncated, or built
//! to make a parser slow. Each gets a clear error or a best-effort parse whose segments
//! still tile it, in time linear in its size.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test helper may fail loudly

use std::time::{Duration, Instant};

use cityalign::{ErrorKind, Parser, Plan, BUNDLED};

/// Parses `text` and checks what must hold of any plan; returns the plan and the time.
fn timed(text: &str) -> (Plan, Duration) {
    let started = Instant::now();
    let plan = Plan::parse(text).unwrap_or_else(|e| panic!("help: a best-effort parse was expected: {e}"));
    let elapsed = started.elapsed();
    assert!(plan.segments_tile(), "help: segments must tile adversarial input too");
    assert_eq!(plan.source_len, text.len());
    (plan, elapsed)
}

/// Parses input built for `n` and for `n / 10` and checks that the time grows about
/// linearly: a tenfold input may take at most 40 times as long (linear is about 10,
/// quadratic 100). A ratio of two runs side by side holds on a loaded machine, where an
/// absolute bound does not; below a second nothing is asserted, as timer noise dominates.
fn assert_linear(name: &str, n: usize, make: impl Fn(usize) -> String, check: impl Fn(&Plan, &str, usize)) {
    let small = make(n / 10);
    let (plan, _) = timed(&small);
    check(&plan, &small, n / 10);
    // Best of two for the small input, so that a hiccup there cannot pass a slow large one.
    let small_time = (0..2).map(|_| timed(&small).1).min().unwrap_or_default();
    let large = make(n);
    let (plan, large_time) = timed(&large);
    check(&plan, &large, n);
    if large_time > Duration::from_secs(1) {
        let ratio = large_time.as_secs_f64() / small_time.as_secs_f64().max(1e-3);
        assert!(
            ratio < 40.0,
            "help: {name}: {} bytes took {large_time:?}, {ratio:.0} times a tenth of it ({small_time:?}): not linear",
            large.len()
        );
    }
}

#[test]
fn a_ten_megabyte_line_without_punctuation() {
    let make = |n: usize| format!("一、主要任务\n1.{}", "数".repeat(n));
    assert_linear("10 MB line", 10_000_000 / 3, make, |plan, text, _| {
        assert_eq!(plan.tasks.len(), 1);
        assert_eq!(plan.tasks[0].span.byte_end, text.len(), "help: the line stays whole in its task");
    });
}

#[test]
fn a_hundred_thousand_nested_parentheses() {
    let nested = |n: usize| format!("一、主要任务\n1.建设。{}{}", "(".repeat(n), ")".repeat(n));
    assert_linear("nested", 100_000, nested, |plan, _, _| assert!(plan.tasks[0].units.is_empty()));
    let unclosed = |n: usize| format!("一、主要任务\n1.建设。{}市大数据局负责", "（".repeat(n));
    assert_linear("unclosed", 100_000, unclosed, |plan, _, _| assert_eq!(plan.tasks.len(), 1));
}

#[test]
fn fifty_thousand_headings() {
    let make = |n: usize| (0..n).map(|i| format!("{}、标题\n", ["一", "二", "三"][i % 3])).collect();
    assert_linear("headings", 50_000, make, |plan, _, n| assert_eq!(plan.tasks.len() + plan.headings.len(), n));
}

#[test]
fn a_numbering_from_one_to_99999() {
    let make = |n: usize| (1..=n).map(|i| format!("{i}.建设智慧社区。(市民政局负责)\n")).collect();
    assert_linear("numbering", 99_999, make, |plan, _, n| {
        assert_eq!(plan.tasks.len(), n);
        assert_eq!(plan.tasks[n - 1].units[0].name, "市民政局");
    });
}

#[test]
fn glued_items_labelled_lines_and_run_on_text_stay_linear() {
    // Items glued after full stops, each a run of its own "(1)" or one run 1 … n.
    let ones = |n: usize| format!("一、主要任务\n(一)改革。{}", "(1)甲。".repeat(n));
    assert_linear("glued ones", 50_000, ones, |plan, _, _| assert!(!plan.tasks.is_empty()));
    let run =
        |n: usize| format!("一、主要任务\n(一)改革。{}", (1..=n).map(|i| format!("({i})甲。")).collect::<String>());
    assert_linear("glued run", 49_999, run, |plan, _, _| assert!(!plan.tasks.is_empty()));
    // Labels and bare responsibilities, one sentence after another on one line.
    let labels = |n: usize| format!("一、主要任务\n1.建设。{}", "责任单位：市大数据局；市民政局负责。".repeat(n));
    assert_linear("labels", 50_000, labels, |plan, _, _| assert!(!plan.tasks[0].units.is_empty()));
    // A plan run onto one line, 一、 二、 … after spaces.
    let run_on = |n: usize| {
        let items: String = (1..=n).map(|i| format!(" {}、任务内容。", ["一", "二", "三"][(i - 1) % 3])).collect();
        format!("某市工作要点 {items}")
    };
    assert_linear("run-on", 50_000, run_on, |plan, text, _| assert_eq!(plan.source_len, text.len()));
}

#[test]
fn a_hundred_thousand_targets_in_one_clause() {
    // Each target once looked to the end of its clause for its metric.
    let make = |n: usize| format!("一、主要任务\n1.{}", "建成5G基站2000个".repeat(n));
    assert_linear("targets", 100_000, make, |plan, _, n| assert_eq!(plan.tasks[0].targets.len(), n));
}

#[test]
fn clear_errors_for_what_is_not_a_plan() {
    assert!(matches!(Plan::parse("").unwrap_err().kind(), ErrorKind::Empty));
    assert!(matches!(Plan::parse(" \n\u{3000}\r\n\t").unwrap_err().kind(), ErrorKind::Empty));
    let prose = "The quick brown fox jumps over the lazy dog.\nNo numbered items here.\n";
    assert!(matches!(Plan::parse(prose).unwrap_err().kind(), ErrorKind::NoStructure { lines: 2 }));
    let mut bytes = "一、主要任务\n1.建设".as_bytes().to_vec();
    let offset = bytes.len();
    bytes.extend_from_slice(&[0xff, 0xfe, 0x80]); // neither UTF-8 nor GB18030
    let err = Parser::new().parse_bytes(&bytes).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::InvalidEncoding { offset: o } if *o == offset), "{err}");
    let err = Parser::new().max_bytes(10).parse("一、主要任务\n1.建设").unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::TooLarge { limit: 10, .. }));
    assert!(err.to_string().contains("10"), "help: the message gives the limit: {err}");
}

#[test]
fn errors_from_a_file_name_the_file() {
    let dir = std::env::temp_dir().join(format!("cityalign-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("broken-plan.txt");
    std::fs::write(&path, [0xd6, 0xc7, 0xff, 0xfe]).unwrap();
    let err = Parser::new().parse_file(&path).unwrap_err();
    assert!(err.to_string().contains("broken-plan.txt"), "help: {err}");
    assert_eq!(err.path(), Some(path.as_path()));
    let missing = dir.join("missing.txt");
    let err = Parser::new().parse_file(&missing).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Io(_)));
    assert!(err.to_string().contains("missing.txt"), "help: {err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn gbk_files_a_byte_order_mark_and_crlf_change_nothing() {
    let text = BUNDLED[0].text;
    let facts = |plan: &Plan| -> Vec<(String, Vec<String>, Vec<String>)> {
        plan.tasks
            .iter()
            .map(|t| {
                let units = t.units.iter().map(|u| u.name.clone()).collect();
                let targets = t.targets.iter().map(|g| format!("{} {}", g.metric, g.value)).collect();
                (t.title.clone(), units, targets)
            })
            .collect()
    };
    let utf8 = Plan::parse(text).unwrap();
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(text);
    assert!(!unmappable);
    let from_gbk = Parser::new().parse_bytes(&gbk).unwrap();
    assert_eq!(from_gbk, utf8, "help: GBK bytes decode to the same text, so the same plan");
    let with_bom = Plan::parse(&format!("\u{feff}{text}")).unwrap();
    assert_eq!(facts(&with_bom), facts(&utf8));
    assert_eq!(with_bom.title, utf8.title);
    let crlf = Plan::parse(&text.replace('\n', "\r\n")).unwrap();
    assert_eq!(facts(&crlf), facts(&utf8));
    assert_eq!((crlf.title.clone(), crlf.issued), (utf8.title.clone(), utf8.issued));
    assert!(crlf.segments_tile());
}

#[test]
fn a_truncated_plan_keeps_complete_tasks_and_accounts_for_every_byte() {
    for bundled in BUNDLED {
        let full = Plan::parse(bundled.text).unwrap();
        let text = bundled.text;
        for share in [0.25, 0.5, 0.75] {
            let mut cut = (text.len() as f64 * share) as usize;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            let part = Plan::parse(&text[..cut]).unwrap();
            assert!(part.segments_tile());
            // Every task that ends before the cut is kept, unchanged.
            for task in full.tasks.iter().filter(|t| t.span.byte_end < cut.saturating_sub(200)) {
                let kept = part.tasks.iter().find(|p| p.span == task.span);
                assert!(kept.is_some(), "help: {} cut at {share}: lost {:?}", bundled.id, task.title);
            }
        }
    }
}

#[test]
fn text_in_other_scripts_is_not_a_plan_or_keeps_every_byte() {
    let english = "1. Build 5G base stations (lead: city IT bureau)\n2. Smart communities\n";
    assert!(matches!(Plan::parse(english).unwrap_err().kind(), ErrorKind::NoStructure { lines: 2 }));
    let mixed =
        "一、主要任务\n1.建设 IoT platform,部署 NB-IoT 终端 2000 个。(lead: 市大数据局负责)\n\u{0}\u{7}\u{202e}";
    let (plan, _) = timed(mixed);
    assert_eq!(plan.tasks.len(), 1);
    assert_eq!(plan.tasks[0].targets[0].value, 2000.0);
}

#[test]
fn every_public_type_can_cross_threads() {
    fn send_sync<T: Send + Sync>() {}
    use cityalign::*;
    send_sync::<Plan>();
    send_sync::<Parser>();
    send_sync::<Error>();
    send_sync::<Corpus>();
    send_sync::<Tokenizer>();
    send_sync::<TokenizerBuilder>();
    send_sync::<Token<'static>>();
    send_sync::<Matcher>();
    send_sync::<MatcherBuilder>();
    send_sync::<Comparison<'static>>();
    send_sync::<Alignment>();
    send_sync::<Candidate>();
    send_sync::<Explanation>();
    send_sync::<Hit>();
    send_sync::<report::ComparisonTable>();
    send_sync::<report::Export>();
    send_sync::<report::HtmlReport<'static, 'static>>();
    send_sync::<eval::Gold>();
    send_sync::<eval::Scores>();
    send_sync::<ConfigError>();
    send_sync::<UnknownStrategy>();
    send_sync::<DateParseError>();
}

#[test]
fn a_directory_of_plans_reads_in_name_order_and_names_a_bad_file() {
    let dir = std::env::temp_dir().join(format!("cityalign-dir-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (name, plan) in [("b-city", &BUNDLED[1]), ("a-city", &BUNDLED[0]), ("c-city", &BUNDLED[2])] {
        std::fs::write(dir.join(format!("{name}.txt")), plan.text).unwrap();
    }
    std::fs::write(dir.join("notes.md"), "not a plan").unwrap();
    let corpus = cityalign::Corpus::from_dir(&dir).unwrap();
    let ids: Vec<&str> = corpus.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["a-city", "b-city", "c-city"], "help: only .txt files, in name order");
    assert_eq!(corpus.plans()[0].tasks.len(), Plan::parse(BUNDLED[0].text).unwrap().tasks.len());
    std::fs::write(dir.join("d-broken.txt"), [0xff, 0xfe, 0xfd]).unwrap();
    let err = cityalign::Corpus::from_dir(&dir).unwrap_err();
    assert!(err.to_string().contains("d-broken.txt"), "help: {err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Inputs the fuzzers found, kept so that what they exposed stays fixed.
#[test]
fn fuzz_findings_stay_fixed() {
    // Broken UTF-8 that is valid GB18030: it decodes (to mojibake) and the plan's spans
    // index the decoded text, not the bytes. The parse target once assumed UTF-8 here.
    let mut bytes = vec![40, 49, 41, 229, 138, 229, 183, 165, 228, 189, 156, 228, 191, 157, 233];
    bytes.extend(std::iter::repeat_n(194u8, 66));
    bytes.extend([154, 156, 168, 230, 153, 135]);
    let (text, encoding) = cityalign::decode(&bytes).unwrap();
    assert_eq!(encoding, cityalign::Encoding::Gb18030);
    let plan = Parser::new().parse_bytes(&bytes).unwrap();
    assert_eq!(plan.source_len, text.len());
    assert!(plan.segments_tile());
    for task in &plan.tasks {
        assert!(task.span.slice(&text).is_some());
    }
}

#[test]
fn a_huge_target_survives_a_json_round_trip() {
    // Found by the parse fuzzer: 4.4444444444444444e24 came back one unit in the last
    // place off. serde_json reads floats exactly only with its `float_roundtrip` feature,
    // which readers of the export should enable too.
    let plan = Plan::parse("一、主要任务\n1.新建基站4444444444444444444444444个。\n").unwrap();
    assert_eq!(plan.tasks[0].targets[0].value, 4_444_444_444_444_444_444_444_444.0);
    let back: Plan = serde_json::from_str(&serde_json::to_string(&plan).unwrap()).unwrap();
    assert_eq!(back, plan);
}
