//! Matching on the bundled corpus: score properties for every strategy, and the measured
//! quality of the hybrid held as a regression floor.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test helper may fail loudly

use std::sync::LazyLock;

use cityalign::eval::{evaluate, Gold, Scores};
use cityalign::{Comparison, ConfigError, Corpus, Matcher, Plan, Strategy};
use proptest::prelude::*;

static CORPUS: LazyLock<Corpus> = LazyLock::new(|| Corpus::bundled().unwrap());
const GOLD: &str = include_str!("data/gold.txt");
const QUERIES: [&str; 6] = ["5G基站", "智慧社区", "一网通办", "城市大脑", "充电桩", "智慧养老"];

fn comparison(strategy: Strategy) -> Comparison<'static> {
    Matcher::builder().strategy(strategy).build().unwrap().compare(CORPUS.plans())
}

fn scores(strategy: Strategy) -> Scores {
    let gold = Gold::parse(GOLD, CORPUS.plans()).expect("help: the gold file names a task the parser no longer finds");
    evaluate(&comparison(strategy), &gold, &QUERIES)
}

/// Runs a check against every strategy.
macro_rules! every_strategy {
    ($($name:ident => $check:expr;)*) => {
        $(
            #[test]
            fn $name() {
                for strategy in Strategy::ALL {
                    let check: &dyn Fn(Strategy, &Comparison) = &$check;
                    check(strategy, &comparison(strategy));
                }
            }
        )*
    };
}

fn task_ids() -> Vec<&'static str> {
    CORPUS.iter().flat_map(|p| p.tasks.iter().map(|t| t.id.as_str())).collect()
}

every_strategy! {
    scores_lie_in_the_unit_interval => |strategy, c| {
        let ids = task_ids();
        for a in ids.iter().step_by(7) {
            for b in ids.iter().step_by(5) {
                let s = c.similarity(a, b).unwrap();
                assert!((0.0..=1.0).contains(&s), "help: {strategy} scored {a} ~ {b} at {s}");
            }
        }
    };
    scores_are_symmetric => |strategy, c| {
        let ids = task_ids();
        for a in ids.iter().step_by(11) {
            for b in ids.iter().step_by(13) {
                let (ab, ba) = (c.similarity(a, b).unwrap(), c.similarity(b, a).unwrap());
                assert!((ab - ba).abs() < 1e-9, "help: {strategy} is not symmetric on {a} ~ {b}: {ab} vs {ba}");
            }
        }
    };
    identical_text_scores_one => |strategy, c| {
        for id in task_ids().iter().step_by(3) {
            let s = c.similarity(id, id).unwrap();
            assert!((s - 1.0).abs() < 1e-9, "help: {strategy} scored {id} against itself at {s}");
        }
    };
    ranking_is_sorted_and_never_lists_the_task_itself => |strategy, c| {
        let ranked = c.rank("dongying-2022#16", "jimo-2024");
        assert!(!ranked.is_empty(), "help: {strategy} found nothing for 5G base stations");
        assert!(ranked.windows(2).all(|w| w[0].score >= w[1].score), "help: {strategy} ranking not sorted");
        assert!(ranked.iter().enumerate().all(|(i, c)| c.rank == i + 1));
        assert!(c.rank("dongying-2022#16", "dongying-2022").iter().all(|c| c.task.task != "dongying-2022#16"));
        assert!(c.rank("no-such-task", "jimo-2024").is_empty());
    };
}

#[test]
fn identical_plans_align_task_for_task() {
    let plan = CORPUS.get("jimo-2024").unwrap();
    let mut twin: Plan = plan.clone();
    twin.id = "twin".into();
    for task in &mut twin.tasks {
        task.id = task.id.replace("jimo-2024", "twin");
    }
    let comparison = Matcher::new().compare([plan, &twin]);
    for task in &plan.tasks {
        let best = &comparison.rank(&task.id, "twin")[0];
        assert_eq!(best.task.task, task.id.replace("jimo-2024", "twin"), "help: a task's twin must rank first");
        assert!((best.score - 1.0).abs() < 1e-9);
    }
    let alignment = comparison.align();
    for task in &plan.tasks {
        assert!(
            alignment.aligned(&task.id, &task.id.replace("jimo-2024", "twin")),
            "help: {} not aligned with its twin",
            task.id
        );
    }
}

#[test]
fn the_hybrid_explains_its_scores() {
    let c = comparison(Strategy::Hybrid);
    let best = &c.rank("binzhou-2023#25", "dongying-2022")[0];
    assert_eq!(best.task.task, "dongying-2022#10", "help: smart communities of 滨州 and 东营");
    let total: f64 = best.breakdown.iter().map(|f| f.value * f.weight).sum();
    assert!((total - best.score).abs() < 1e-9, "help: the breakdown must add up to the score");
    let weights: f64 = best.breakdown.iter().map(|f| f.weight).sum();
    assert!((weights - 1.0).abs() < 1e-9);
    assert!(
        best.breakdown.iter().any(|f| f.feature == "target-metric" && f.value == 1.0),
        "help: both set 智慧社区 targets"
    );
}

#[test]
fn a_bundled_task_joins_each_of_its_initiatives() {
    let alignment = comparison(Strategy::Hybrid).align();
    let holding = |task: &str| -> Vec<&str> {
        alignment
            .initiatives
            .iter()
            .filter(|i| i.members.iter().any(|m| m.task == task))
            .map(|i| i.label.as_str())
            .collect()
    };
    let jimo = holding("jimo-2024#23");
    assert!(
        jimo.contains(&"5G基站") && jimo.contains(&"充电桩"),
        "help: 即墨's bundle builds 5G and charging piles: {jimo:?}"
    );
}

#[test]
fn queries_use_aliases_and_skip_plans_without_the_initiative() {
    let c = comparison(Strategy::Hybrid);
    let brain = c.query("城市大脑");
    assert!(brain.iter().any(|h| h.task.task == "jimo-2024#07"), "help: 城市云脑 answers 城市大脑");
    let communities = c.query("智慧社区");
    assert!(!communities.iter().any(|h| h.task.plan == "liaocheng-2020-2022"), "help: 聊城 plans no smart community");
    assert!(c.query("").is_empty());
    assert!(c.query("量子计算").is_empty());
}

#[test]
fn configuration_errors_are_their_own() {
    assert!(matches!(Matcher::builder().threshold(-0.1).build(), Err(ConfigError::Threshold(_))));
    assert!(matches!(Matcher::builder().margin(2.0).build(), Err(ConfigError::Margin(_))));
    let err = "cosine".parse::<Strategy>().unwrap_err();
    assert_eq!(ConfigError::from(err).to_string(), "unknown strategy \"cosine\"; expected one of char-dice, title-levenshtein, title-jaro-winkler, token-jaccard, tfidf, bm25, hybrid");
}

/// The hybrid's quality on the gold, as measured when it was built (see the README):
/// a floor, so that a change that makes matching worse fails here.
#[test]
fn hybrid_quality_stays_at_or_above_its_measured_floor() {
    let s = scores(Strategy::Hybrid);
    let floors = [
        ("pairwise F1", s.pairwise.f1, 0.855),
        ("B-cubed F1", s.bcubed.f1, 0.90),
        ("Hits@1", s.hits_at_1, 0.87),
        ("Hits@3", s.hits_at_3, 0.96),
        ("MRR", s.mrr, 0.915),
        ("query precision on carriers", s.query.precision, 0.96),
        ("query recall on carriers", s.query.recall, 1.0),
    ];
    for (name, value, floor) in floors {
        assert!(value >= floor, "help: hybrid {name} fell to {value:.3}, below its floor {floor}");
    }
    assert_eq!(s.overlapping_rows, 0, "help: two rows hold mostly the same tasks");
    assert!(s.rows <= 66, "help: {} rows for 44 gold initiatives (1.5 × 44 = 66)", s.rows);
    assert!(s.rows_by_concept >= 55, "help: only {} rows named by a concept", s.rows_by_concept);
}

/// Leave one plan out: each plan scored with a threshold chosen on the other plans'
/// gold and the taxonomy as it was before that plan was read.
#[test]
fn leave_one_plan_out_stays_at_or_above_its_measured_floor() {
    let gold = Gold::parse(GOLD, CORPUS.plans()).unwrap();
    let plans: Vec<&Plan> = CORPUS.plans().iter().collect();
    let folds = cityalign::eval::leave_one_out(&plans, &gold, &QUERIES, Strategy::Hybrid, &[0.25, 0.3, 0.35]);
    assert_eq!(folds.len(), 5);
    assert!(folds.iter().all(|f| f.concepts_reverted > 0), "help: every plan has fitted entries to take back");
    let mean = |get: &dyn Fn(&Scores) -> f64| folds.iter().map(|f| get(&f.scores)).sum::<f64>() / 5.0;
    let (f1, b3) = (mean(&|s| s.pairwise.f1), mean(&|s| s.bcubed.f1));
    assert!(f1 >= 0.82, "help: leave-one-out pairwise F1 fell to {f1:.3}");
    assert!(b3 >= 0.92, "help: leave-one-out B-cubed F1 fell to {b3:.3}");
}

#[test]
fn rows_are_named_by_a_concept_or_a_key_phrase_never_one_generic_word() {
    let alignment = comparison(Strategy::Hybrid).align();
    let domain: std::collections::HashSet<&str> = cityalign::domain_words().collect();
    for i in &alignment.initiatives {
        let named = i.concept.as_deref() == Some(i.label.as_str())
            || i.label.split('·').count() >= 2
            || domain.contains(i.label.as_str());
        assert!(named, "help: row {:?} is named by one generic word", i.label);
        assert!((0.0..=1.0).contains(&i.confidence));
        assert_eq!(i.shown, i.confidence >= 0.5 && i.plans().len() >= 2);
    }
    let labels: Vec<&str> = alignment.initiatives.iter().map(|i| i.label.as_str()).collect();
    assert!(!labels.contains(&"5G") && labels.contains(&"5G基站"), "help: 5G and 5G基站 are one row");
    // Stable order: category, then coverage.
    assert!(alignment.initiatives.windows(2).all(|w| w[0].category <= w[1].category));
}

#[test]
fn queries_tell_carrying_from_mentioning() {
    let c = comparison(Strategy::Hybrid);
    let carries = |term: &str, task: &str| c.query(term).iter().find(|h| h.task.task == task).map(|h| h.carries);
    // 滨州's city-brain scenarios end "实现与智慧社区等服务体系的有序衔接".
    assert_eq!(carries("智慧社区", "binzhou-2023#24"), Some(false), "help: 与…衔接 is a mention");
    // 东营2022 works "结合城市大脑建设" on its policies.
    assert_eq!(carries("城市大脑", "dongying-2022#22"), Some(false));
    assert_eq!(carries("城市大脑", "jimo-2024#07"), Some(true), "help: 即墨 builds its 城市云脑");
    assert_eq!(carries("5G基站", "dongying-2022#16"), Some(true), "help: \"5G 基站\" with spaces still counts");
}

#[test]
fn cells_show_the_initiative_and_its_responsible_unit() {
    let c = comparison(Strategy::Hybrid);
    let table = cityalign::report::ComparisonTable::new(&c, &c.align());
    let column = |plan: &str| table.columns.iter().position(|k| k.plan == plan).unwrap();
    let row = |label: &str| table.rows.iter().find(|r| r.label == label).unwrap();
    let piles = row("充电桩").cell(column("liaocheng-2020-2022"));
    assert!(
        piles.iter().all(|e| e.targets.iter().all(|t| !t.starts_with("20"))),
        "help: 20 blockchain cases are not charging piles"
    );
    // 聊城 names no 牵头单位: its units are responsible, never shown as lead.
    for r in &table.rows {
        for e in r.cell(column("liaocheng-2020-2022")) {
            assert_ne!(e.role, Some(cityalign::Role::Lead), "help: {} shown as lead", e.lead.as_deref().unwrap_or(""));
        }
    }
    assert!(table.rows.len() < c.align().initiatives.len(), "help: the table shows the confident rows only");
    let all = cityalign::report::ComparisonTable::all(&c, &c.align());
    assert_eq!(all.rows.len(), c.align().initiatives.iter().filter(|i| i.plans().len() >= 2).count());
    assert!(!table.distinct.is_empty() && table.distinct_text(80).contains("jimo-2024"));
}

#[test]
fn the_hybrid_beats_every_single_strategy() {
    let hybrid = scores(Strategy::Hybrid);
    for strategy in Strategy::ALL.into_iter().filter(|s| *s != Strategy::Hybrid) {
        let s = scores(strategy);
        assert!(hybrid.pairwise.f1 > s.pairwise.f1, "help: {strategy} aligns better than the hybrid");
        assert!(hybrid.hits_at_1 > s.hits_at_1, "help: {strategy} ranks better than the hybrid");
        assert!(hybrid.mrr > s.mrr);
    }
}

#[test]
fn the_gold_is_well_formed() {
    let gold = Gold::parse(GOLD, CORPUS.plans()).unwrap();
    assert!(gold.initiatives.len() >= 30, "help: the issue asks for at least 30 initiatives");
    for initiative in &gold.initiatives {
        let plans: std::collections::BTreeSet<&str> =
            initiative.members.iter().filter(|m| m.required).map(|m| m.plan.as_str()).collect();
        assert!(plans.len() >= 2, "help: {} is not cross-plan", initiative.label);
    }
    for q in QUERIES {
        assert!(gold.initiative(q).is_some(), "help: the gold has no initiative for query {q}");
    }
    assert!(Gold::parse("plan: 一(一)", CORPUS.plans()).is_err());
    assert!(Gold::parse("== x\njimo-2024: 九(九)", CORPUS.plans()).is_err());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any two texts give hybrid scores in [0, 1], symmetric.
    #[test]
    fn hybrid_scores_of_arbitrary_tasks(a in "[一二三五基站社区充电桩建设推进平台数据。,]{0,40}", b in "[一二三五基站社区充电桩建设推进平台数据。,]{0,40}") {
        let text = |body: &str| format!("一、任务\n1.{body}。(牵头单位:市大数据局)\n");
        let (Ok(pa), Ok(pb)) = (Plan::parse(&text(&a)), Plan::parse(&text(&b))) else { return Ok(()) };
        let mut pb = pb;
        pb.id = "other".into();
        for t in &mut pb.tasks { t.id = format!("other#{}", t.id); }
        let c = Matcher::new().compare([&pa, &pb]);
        for (x, y) in pa.tasks.iter().zip(&pb.tasks) {
            let s = c.similarity(&x.id, &y.id).unwrap();
            prop_assert!((0.0..=1.0).contains(&s));
            prop_assert!((s - c.similarity(&y.id, &x.id).unwrap()).abs() < 1e-9);
        }
    }
}

#[test]
fn the_json_export_has_the_fields_other_tools_read() {
    let comparison = comparison(Strategy::Hybrid);
    let alignment = comparison.align();
    let queries: Vec<String> = QUERIES.iter().map(|q| q.to_string()).collect();
    let export = cityalign::report::Export::new(&comparison, &alignment, 3, &queries);
    let json = serde_json::to_value(&export).unwrap();
    let task = &json["plans"][0]["tasks"][0];
    for field in ["id", "title", "text", "units", "deadline", "targets"] {
        assert!(!task[field].is_null(), "help: tasks[] lacks {field}");
    }
    assert!(task["units"][0]["name"].is_string() && task["units"][0]["role"].is_string());
    assert!(task["deadline"]["year"].is_number() && task["deadline"].get("month").is_some());
    let target = &json["plans"][0]["tasks"][0]["targets"][0];
    for field in ["metric", "value", "measure", "text"] {
        assert!(!target[field].is_null(), "help: targets[] lacks {field}");
    }
    let m = &json["matches"][0];
    for field in ["score", "rank", "aligned"] {
        assert!(!m[field].is_null(), "help: matches[] lacks {field}");
    }
    assert!(m["a"]["plan"].is_string() && m["b"]["task"].is_string());
    // Top three per task and other plan, never more.
    let per_question =
        export.matches.iter().filter(|m| m.a.task == "jimo-2024#23" && m.b.plan == "dongying-2022").count();
    assert_eq!(per_question, 3);
    assert!(export.matches.iter().any(|m| m.aligned));
    assert!(json["initiatives"][0]["label"].is_string() && json["initiatives"][0]["members"][0]["plan"].is_string());
    assert_eq!(json["queries"].as_array().unwrap().len(), 6);
    let hit = &json["queries"][0]["hits"][0];
    assert!(
        hit["plan"].is_string() && hit["task"].is_string() && hit["score"].is_number() && hit["carries"].is_boolean(),
        "help: hits are flat {{plan, task, score, carries}}"
    );
    let initiative = &json["initiatives"][0];
    assert!(
        initiative["category"].is_string() && initiative["confidence"].is_number() && initiative["shown"].is_boolean()
    );
    assert!(
        json["initiatives"].as_array().unwrap().iter().any(|i| i["concept"].is_null()),
        "help: key-phrase rows have a null concept"
    );
    let back: cityalign::report::Export = serde_json::from_value(json).unwrap();
    assert_eq!(back, export);
}

#[test]
fn the_comparison_table_renders_every_way() {
    let comparison = comparison(Strategy::Hybrid);
    let table = cityalign::report::ComparisonTable::new(&comparison, &comparison.align());
    assert!(table.rows.iter().all(|r| r.cells.len() >= 2), "help: rows span two plans");
    for row in &table.rows {
        assert!(row.cells.windows(2).all(|w| w[0].column < w[1].column), "help: cells in column order");
        for cell in &row.cells {
            assert!(!cell.entries.is_empty() && cell.column < table.columns.len());
            assert_eq!(row.cell(cell.column), cell.entries.as_slice());
            let plan = &table.columns[cell.column].plan;
            assert!(cell.entries.iter().all(|e| e.task.plan == *plan), "help: an entry in another plan's column");
        }
    }
    let text = table.to_text(120);
    for line in text.lines() {
        assert!(unicode_width::UnicodeWidthStr::width(line) <= 120, "help: line wider than 120 columns: {line}");
    }
    let csv = table.to_csv();
    assert_eq!(csv.lines().next(), Some("initiative,plan,city,task,title,targets,year,lead"));
    let md = table.to_markdown();
    assert_eq!(md.lines().count(), table.rows.len() + 2);
}

#[test]
fn blocking_keeps_the_exhaustive_recall_and_skips_most_pairs() {
    let gold = Gold::parse(GOLD, CORPUS.plans()).unwrap();
    let exhaustive = Matcher::builder().exhaustive(true).build().unwrap().compare(CORPUS.plans());
    let blocked = comparison(Strategy::Hybrid);
    let (all, some) = (evaluate(&exhaustive, &gold, &QUERIES), evaluate(&blocked, &gold, &QUERIES));
    assert!(
        some.pairwise.recall >= all.pairwise.recall - 0.01,
        "help: blocking lost recall: {:.3} vs {:.3}",
        some.pairwise.recall,
        all.pairwise.recall
    );
    assert!(some.pairwise.f1 >= all.pairwise.f1 - 0.01);
    let candidates = blocked.candidates();
    assert_eq!(exhaustive.candidates().scored(), candidates.all(), "help: exhaustive scores every pair");
    assert!(candidates.reduction() > 0.75, "help: reduction {:.3}", candidates.reduction());
}

#[test]
#[cfg(feature = "parallel")]
fn alignment_does_not_depend_on_the_number_of_threads() {
    let comparison = comparison(Strategy::Hybrid);
    let one = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap().install(|| comparison.align());
    let four = rayon::ThreadPoolBuilder::new().num_threads(4).build().unwrap().install(|| comparison.align());
    assert_eq!(one, four);
    let prepared = |threads| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(|| Matcher::new().compare(CORPUS.plans()).align())
    };
    assert_eq!(prepared(1), prepared(3), "help: term ids must not depend on the threads that tokenized");
}

#[test]
fn the_concept_layer_types_are_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<cityalign::Concepts>();
    check::<cityalign::Concept>();
    check::<cityalign::Category>();
    check::<cityalign::Clustering>();
    check::<cityalign::ConceptMatch>();
    check::<cityalign::eval::Fold>();
}

/// Two titles naming one initiative in two wordings (城市运行管理中心 and 城市大脑 are one
/// concept) count for the pair, as a feature of the breakdown whose weights sum to 1.
#[test]
fn titles_that_name_one_concept_count_for_a_pair() {
    let c = comparison(Strategy::Hybrid);
    let feature = |a: &str, b: &str| -> Option<(f64, f64)> {
        let plan = b.split('#').next().unwrap();
        let candidate = c.rank(a, plan).into_iter().find(|x| x.task.task == b)?;
        candidate.breakdown.iter().find(|f| f.feature == "title-concept").map(|f| (f.value, f.weight))
    };
    // 东营2021 "建设智慧城市运行管理中心", 聊城 "建设“城市大脑”".
    let (value, weight) = feature("dongying-2021-2022#05", "liaocheng-2020-2022#26").expect("help: no title-concept");
    assert_eq!(value, 1.0);
    assert!(weight > 0.0);
    let total: f64 = c.rank("dongying-2021-2022#05", "liaocheng-2020-2022")[0].breakdown.iter().map(|f| f.weight).sum();
    assert!((total - 1.0).abs() < 1e-9, "help: the weights sum to {total}");
}
