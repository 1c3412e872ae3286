//! Forms real plans use that the bundled ones happen not to: small plans written for the
//! purpose in `tests/data/variants/`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test helper may fail loudly

use cityalign::{Bound, Date, Department, Matcher, Parser, Period, Plan, Role, SegmentKind};

fn variant(name: &str) -> (String, Plan) {
    let path = format!("{}/tests/data/variants/{name}.txt", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    let plan = Parser::new().id(name).parse(&text).unwrap_or_else(|e| panic!("help: {name}: {e}"));
    assert!(plan.segments_tile(), "help: {name}: segments do not tile");
    (text, plan)
}

fn titles(plan: &Plan) -> Vec<&str> {
    plan.tasks.iter().map(|t| t.title.as_str()).collect()
}

#[test]
fn numbering_with_dun_hao_and_full_width_parentheses() {
    let (text, plan) = variant("enumerated");
    assert_eq!(
        titles(&plan),
        ["加快5G网络建设", "推进充电基础设施建设", "推进政务服务“一网通办”", "建设城市大脑", "保障措施"]
    );
    let paths: Vec<String> = plan.tasks.iter().map(|t| t.path.to_string()).collect();
    assert_eq!(paths[0], "二 › (一) › 1", "help: 1、 numbers a task under （一）");
    assert_eq!(paths[2], "二 › (二) › 1");
    let task = &plan.tasks[2];
    let inline: Vec<&str> = task.targets.iter().map(|t| t.metric.as_str()).collect();
    assert_eq!(inline.len(), 2, "help: （1）（2） inside a task keep their targets: {inline:?}");
    assert_eq!(task.units[0].department, Department::AdministrativeApproval);
    assert_eq!(task.deadline.as_ref().map(|d| d.last_day), Date::new(2023, 12, 31));
    assert!(task.span.slice(&text).unwrap().starts_with("1、推进政务服务"));
}

#[test]
fn full_width_digits_and_punctuation_throughout() {
    let (_, plan) = variant("fullwidth");
    assert_eq!(plan.period, Some(Period { start: 2022, end: 2024 }));
    assert_eq!(titles(&plan), ["建设智慧社区", "推进城市大脑建设", "建设数据中心"]);
    let community = &plan.tasks[0];
    assert_eq!(community.targets[0].value, 50.0);
    assert_eq!(community.targets[1].measure, "%");
    assert_eq!((community.targets[1].value, community.targets[1].bound), (30.0, Bound::MoreThan));
    assert_eq!(community.units[1].role, Role::Cooperating);
    let brain = &plan.tasks[1];
    assert_eq!(brain.deadline.as_ref().map(|d| d.last_day), Date::new(2022, 10, 31));
    assert_eq!(plan.goals.len(), 1, "help: the goal section's 100 个智慧社区");
}

#[test]
fn lead_and_cooperating_units_without_labels() {
    let (_, plan) = variant("joint-lead");
    let units =
        |i: usize| -> Vec<(&str, Role)> { plan.tasks[i].units.iter().map(|u| (u.name.as_str(), u.role)).collect() };
    assert_eq!(units(0), [("县工业和信息化局", Role::Lead), ("县住房城乡建设局", Role::Cooperating)]);
    assert_eq!(units(1).iter().filter(|u| u.1 == Role::Lead).count(), 2);
    assert_eq!(
        units(2),
        [("县发展改革局", Role::Lead), ("县交通运输局", Role::Cooperating), ("县供电公司", Role::Cooperating)],
        "help: a time clause in the parenthesis is not a unit"
    );
    assert_eq!(plan.tasks[2].deadline.as_ref().map(|d| d.last_day), Date::new(2023, 12, 31));
}

#[test]
fn a_labelled_metadata_block_gives_the_header() {
    let (_, plan) = variant("header-block");
    assert_eq!(plan.issuer.as_deref(), Some("某市人民政府办公室"));
    assert_eq!(plan.doc_number.as_deref(), Some("某政办字〔2023〕12号"));
    assert_eq!(plan.issued, Date::new(2023, 3, 15));
    assert_eq!(plan.title.as_deref(), Some("某市数字政府建设2023年工作要点"));
    assert_eq!(plan.tasks.len(), 2);
}

#[test]
fn a_table_of_contents_is_preamble_not_tasks() {
    let (text, plan) = variant("table-of-contents");
    assert_eq!(titles(&plan), ["建设5G网络", "建设数据中心", "建设城市大脑", "加强组织领导"]);
    assert!(plan.tasks.iter().all(|t| !t.title.contains('…')));
    assert_eq!(plan.title.as_deref(), Some("某市新型智慧城市建设三年行动计划(2023—2025年)"));
    let preamble = plan.segments.iter().find(|s| s.kind == SegmentKind::Preamble).unwrap();
    assert!(preamble.span.slice(&text).unwrap().contains("目  录"));
    assert!(preamble.span.slice(&text).unwrap().contains("三、保障措施……"));
}

#[test]
fn traditional_characters_are_read_like_simplified_ones() {
    let (text, plan) = variant("traditional");
    let first = &plan.tasks[0];
    assert_eq!(first.units[0].name, "市工業和信息化局", "help: names stay as written");
    assert_eq!(first.units[0].department, Department::IndustryIt);
    assert_eq!(first.units[1].role, Role::Responsible);
    assert_eq!(first.deadline.as_ref().map(|d| d.last_day), Date::new(2022, 12, 31));
    let target = &first.targets[0];
    assert_eq!((target.metric.as_str(), target.value), ("5G基站", 2000.0));
    assert_eq!(target.span.slice(&text), Some("5G基站2000個"), "help: spans point at the traditional source");
    assert_eq!(plan.tasks[2].targets[0].metric, "政务服务事项网上可办率");
    assert_eq!(plan.tasks[1].units[1].department, Department::BigData);

    // A traditional mirror lines up with a plan in simplified characters.
    let (_, simplified) = variant("enumerated");
    let comparison = Matcher::new().compare([&plan, &simplified]);
    let alignment = comparison.align();
    assert!(
        alignment.aligned(&plan.tasks[0].id, &simplified.tasks[0].id),
        "help: 加快5G網絡建設 ↔ 加快5G网络建设: {:?}",
        alignment.links
    );
}
