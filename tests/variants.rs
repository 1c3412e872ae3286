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

fn units_of(plan: &Plan, i: usize) -> Vec<(&str, Role)> {
    plan.tasks[i].units.iter().map(|u| (u.name.as_str(), u.role)).collect()
}

#[test]
fn a_task_table_in_an_attachment_gives_units_and_deadlines() {
    let (text, plan) = variant("task-table");
    assert_eq!(plan.tasks.len(), 5, "help: the table's rows are not tasks: {:?}", titles(&plan));
    assert_eq!(plan.title.as_deref(), Some("某县数字乡村建设2024年工作要点"));
    assert_eq!(
        units_of(&plan, 0),
        [
            ("县工业和信息化局", Role::Lead),
            ("县通信发展办公室", Role::Cooperating),
            ("各乡镇人民政府", Role::Cooperating)
        ]
    );
    assert_eq!(plan.tasks[0].deadline.as_ref().map(|d| d.last_day), Date::new(2024, 12, 31));
    assert_eq!(units_of(&plan, 2), [("县农业农村局", Role::Lead)], "help: an empty cell names no one");
    assert_eq!(plan.tasks[3].units.len(), 2);
    assert!(plan.tasks[4].units.is_empty(), "help: the table does not name 加强组织领导");
    // Units found in the table point at its cells.
    assert_eq!(plan.tasks[1].units[1].span.slice(&text), Some("县大数据中心"));
    let trailer = plan.segments.iter().find(|s| s.kind == SegmentKind::Trailer).unwrap();
    assert!(trailer.span.slice(&text).unwrap().starts_with("附件"));
}

#[test]
fn a_flattened_task_table_one_cell_a_line() {
    let (_, plan) = variant("flattened-table");
    assert_eq!(titles(&plan), ["建设城市运行管理平台", "推进智慧社区建设", "完善公共充电设施"]);
    assert_eq!(units_of(&plan, 1), [("市民政局", Role::Lead), ("市住房城乡建设局", Role::Cooperating)]);
    assert_eq!(plan.tasks[2].deadline.as_ref().map(|d| d.last_day), Date::new(2025, 12, 31));
    assert_eq!(plan.tasks[2].units[1].name, "国网某市供电公司");
}

#[test]
fn chapters_sections_articles_and_other_brackets() {
    let (_, plan) = variant("chapters");
    assert_eq!(
        titles(&plan),
        ["加快5G网络建设", "布局算力基础设施", "推进工业互联网发展", "发展智慧农业", "强化资金保障"]
    );
    let paths: Vec<String> = plan.tasks.iter().map(|t| t.path.to_string()).collect();
    assert_eq!(paths[0], "第二 › 第一节 › 第二条");
    assert_eq!(units_of(&plan, 0), [("省通信管理局", Role::Lead), ("省工业和信息化厅", Role::Cooperating)]);
    assert_eq!(units_of(&plan, 1), [("省发展改革委", Role::Responsible), ("省大数据局", Role::Responsible)]);
    assert_eq!(
        units_of(&plan, 2),
        [("省工业和信息化厅", Role::Lead), ("省科技厅", Role::Cooperating), ("各市人民政府", Role::Implementing)]
    );
    assert_eq!(units_of(&plan, 4), [("省财政厅", Role::Shared), ("省发展改革委", Role::Shared)]);
    assert_eq!(plan.tasks[4].kind, cityalign::TaskKind::Safeguard);
    let metrics: Vec<&str> = plan.tasks[2].targets.iter().map(|t| t.metric.as_str()).collect();
    assert_eq!(metrics, ["行业级工业互联网平台", "上云企业"], "help: ① items inside a task keep their targets");
}

#[test]
fn sibling_items_under_a_bare_heading_stay_tasks() {
    let (_, plan) = variant("siblings");
    assert_eq!(
        titles(&plan),
        [
            "推进高频事项“掌上办”",
            "深化“一件事”集成改革",
            "推行政务服务“好差评”",
            "完善城市大脑中枢平台",
            "拓展城市大脑应用场景"
        ]
    );
    assert!(plan.tasks[0].units.is_empty(), "help: the last sibling's units are its own");
}

#[test]
fn a_compilation_of_plans_is_split_into_plans() {
    let path = format!("{}/tests/data/variants/compilation.txt", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    let plans = Parser::new().id("compilation").parse_all(&text).unwrap();
    assert_eq!(plans.len(), 2, "help: {:?}", plans.iter().map(|p| &p.title).collect::<Vec<_>>());
    let (a, b) = (&plans[0], &plans[1]);
    assert_eq!((a.id.as_str(), b.id.as_str()), ("compilation", "compilation-2"));
    assert_eq!(a.city.as_deref(), Some("甲市"));
    assert_eq!(a.issued, Date::new(2023, 2, 10));
    assert_eq!(titles(a), ["建设城市大脑", "推进政务服务“一网通办”", "加强统筹协调"]);
    assert_eq!(b.city.as_deref(), Some("乙县"));
    assert_eq!(b.title.as_deref(), Some("乙县数字乡村发展行动方案"));
    assert_eq!(titles(b), ["建设乡村数字基础设施", "发展农村电子商务"]);
    assert_eq!(b.tasks[0].id, "compilation-2#01");
    // The parts tile the file; each plan's segments tile its part.
    assert_eq!((a.source_start, a.source_len, b.source_len), (0, b.source_start, text.len()));
    assert!(plans.iter().all(Plan::segments_tile));
    assert!(text[b.source_start..].starts_with("乙县人民政府办公室关于印发"));
    // A corpus reads both from the file.
    let corpus = cityalign::Corpus::from_files([&path]).unwrap();
    assert_eq!(corpus.len(), 2);
}

#[test]
fn a_plan_of_one_file_is_never_split() {
    for bundled in cityalign::BUNDLED {
        let plans = Parser::new().id(bundled.id).parse_all(bundled.text).unwrap();
        assert_eq!(plans.len(), 1, "help: {} was split", bundled.id);
    }
}

#[test]
fn a_copy_from_a_document_sharing_site_with_page_chunk_markers() {
    let (text, plan) = variant("shared-copy");
    assert_eq!(titles(&plan), ["建设城市大脑", "推进一网通办", "建设智慧社区", "加强组织领导"]);
    assert_eq!(plan.tasks[0].units[0].name, "市大数据局", "help: the chunk marker inside the task is no item");
    assert!(plan.tasks[0].text.contains("构建城市运行管理中枢"), "help: {}", plan.tasks[0].text);
    assert_eq!((plan.tasks[2].targets[0].metric.as_str(), plan.tasks[2].targets[0].value), ("智慧社区", 50.0));
    assert_eq!(plan.tasks[3].kind, cityalign::TaskKind::Safeguard);
    assert_eq!(plan.title.as_deref(), Some("某市数字政府建设实施方案"));
    assert!(plan.segments_tile());
    let preamble = plan.segments.iter().find(|s| s.kind == SegmentKind::Preamble).unwrap();
    assert!(preamble.span.slice(&text).unwrap().ends_with("制定本方案。"));
}

#[test]
fn tasks_under_a_heading_that_names_the_unit_take_its_units() {
    let (_, plan) = variant("heading-units");
    assert_eq!(
        titles(&plan),
        ["深化“一网通办”改革", "推进政务服务“好差评”", "完善城市大脑中枢平台", "拓展城市运行监测场景"]
    );
    assert_eq!(units_of(&plan, 0), [("市行政审批服务局", Role::Lead)]);
    assert_eq!(plan.tasks[1].deadline.as_ref().map(|d| d.last_day), Date::new(2024, 12, 31));
    assert_eq!(units_of(&plan, 2), [("市大数据中心", Role::Lead)]);
    assert_eq!(units_of(&plan, 3), [("市城市管理局", Role::Responsible)], "help: a task's own units come first");
}

#[test]
fn responsibility_on_labelled_lines_and_in_bare_sentences() {
    let (text, plan) = variant("labelled-lines");
    assert_eq!(plan.tasks.len(), 5);
    let first = &plan.tasks[0];
    assert_eq!(units_of(&plan, 0), [("市工业和信息化局", Role::Responsible), ("市通信发展办公室", Role::Responsible)]);
    assert_eq!(first.deadline.as_ref().map(|d| d.last_day), Date::new(2023, 12, 31));
    // The label line is not the sentence above continued, and is no clause of the task.
    assert!(first.clauses.iter().all(|c| !c.text.contains("责任单位") && !c.text.contains("完成时限")));
    assert!(first.clauses.iter().any(|c| c.text.ends_with("实现城区连续覆盖")), "{:?}", first.clauses);
    assert_eq!(units_of(&plan, 1), [("市大数据局", Role::Lead), ("市财政局", Role::Cooperating)]);
    assert_eq!(plan.tasks[1].deadline.as_ref().map(|d| d.last_day), Date::new(2023, 6, 30));
    assert_eq!(units_of(&plan, 3), [("市政务服务管理局", Role::Sole)]);
    assert_eq!(plan.tasks[3].units[0].department, Department::AdministrativeApproval);
    assert!(plan.tasks[4].units.is_empty(), "help: prose ending in 落实 names no unit");
    assert!(plan.tasks.iter().all(|t| t.span.slice(&text).is_some()));
}

#[test]
fn a_plan_that_is_only_its_task_table() {
    let (text, plan) = variant("task-table-only");
    assert_eq!(titles(&plan), ["城市大脑建设", "智慧交通", "智慧社区"]);
    assert_eq!(plan.title.as_deref(), Some("某市智慧城市建设三年行动计划重点任务分解表"));
    assert_eq!(
        units_of(&plan, 1),
        [("市交通运输局", Role::Lead), ("市公安局", Role::Cooperating), ("市住房城乡建设局", Role::Cooperating)]
    );
    // A month in the deadline column is a deadline without 底前.
    let last: Vec<_> = plan.tasks.iter().map(|t| t.deadline.as_ref().map(|d| d.last_day)).collect();
    assert_eq!(last, [Date::new(2024, 12, 31), Date::new(2025, 6, 30), Date::new(2025, 12, 31)]);
    // The detail column's words are the task's: its target is read there.
    let target = &plan.tasks[1].targets[0];
    assert_eq!((target.metric.as_str(), target.value), ("智慧停车泊位", 5000.0));
    assert!(plan.tasks[0].text.contains("接入部门业务系统30个") && !plan.tasks[0].text.contains("市大数据局"));
    assert!(plan.tasks[2].span.slice(&text).unwrap().starts_with("3\t智慧社区"));
    let preamble = plan.segments.iter().find(|s| s.kind == SegmentKind::Preamble).unwrap();
    assert!(preamble.span.slice(&text).unwrap().contains("序号\t重点任务"));
}
