//! The parser on the five bundled plans: what a researcher relies on, plan by plan.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test helper may fail loudly

use cityalign::{
    Accrual, Bound, Corpus, DeadlineSource, Department, Plan, Role, SectionKind, SegmentKind, TaskKind, BUNDLED,
};

fn corpus() -> Corpus {
    Corpus::bundled().expect("help: a bundled plan no longer parses")
}

fn plan<'c>(corpus: &'c Corpus, id: &str) -> &'c Plan {
    corpus.get(id).unwrap_or_else(|| panic!("help: bundled plan {id} is missing"))
}

fn count(plan: &Plan, kind: TaskKind) -> usize {
    plan.tasks.iter().filter(|t| t.kind == kind).count()
}

#[test]
fn task_counts_per_plan() {
    let corpus = corpus();
    // (plan, tasks, safeguards): the leaf numbered items of the task sections, and those of
    // 工作要求 / 实施步骤 / 保障措施.
    let expected = [
        ("dongying-2022", 19, 3),
        ("binzhou-2023", 38, 0),
        ("dongying-2021-2022", 37, 3 + 5),
        ("liaocheng-2020-2022", 30, 5),
        ("jimo-2024", 26, 4),
    ];
    for (id, tasks, safeguards) in expected {
        let p = plan(&corpus, id);
        assert_eq!(count(p, TaskKind::Task), tasks, "help: {id} task count; titles: {:?}", titles(p));
        assert_eq!(count(p, TaskKind::Safeguard), safeguards, "help: {id} safeguard count");
    }
}

fn titles(plan: &Plan) -> Vec<&str> {
    plan.tasks.iter().map(|t| t.title.as_str()).collect()
}

#[test]
fn metadata_is_read_from_the_document() {
    let corpus = corpus();
    let expected = [
        (
            "dongying-2022",
            "东营",
            Some("东政办字〔2022〕36号"),
            "2022-07-01",
            (2022, 2022),
            "东营市数字变革创新2022年行动方案",
        ),
        ("binzhou-2023", "滨州", Some("滨政办发〔2023〕7号"), "2023-07-28", (2023, 2023), "数字强市建设2023年工作要点"),
        (
            "dongying-2021-2022",
            "东营",
            None,
            "2021-09-02",
            (2021, 2022),
            "东营市新型智慧城市建设试点工作实施方案(2021-2022年)",
        ),
        ("liaocheng-2020-2022", "聊城", None, "2020-10-21", (2020, 2022), "数字聊城建设三年行动计划(2020-2022年)"),
        ("jimo-2024", "即墨", None, "2024-05-31", (2024, 2024), "数字即墨2024年行动方案"),
    ];
    for (id, city, number, issued, period, title) in expected {
        let p = plan(&corpus, id);
        assert_eq!(p.city.as_deref(), Some(city), "help: city of {id} (read from the issuer {:?})", p.issuer);
        assert_eq!(p.doc_number.as_deref(), number, "help: document number of {id}");
        assert_eq!(p.issued.map(|d| d.to_string()).as_deref(), Some(issued), "help: date of issue of {id}");
        assert_eq!(p.period.map(|p| (p.start, p.end)), Some(period), "help: period of {id}");
        assert_eq!(p.title.as_deref(), Some(title), "help: title of {id}");
    }
    assert_eq!(plan(&corpus, "jimo-2024").issuer.as_deref(), Some("青岛市即墨区人民政府办公室"));
}

#[test]
fn sample_titles_and_paths() {
    let corpus = corpus();
    let cases = [
        ("dongying-2022", "二 › (三) › 10", "全面打造智慧社区"),
        ("dongying-2022", "二 › (三) › 9", "加快“城市大脑”建设"),
        ("dongying-2022", "三 › (一)", "加强组织领导"),
        (
            "binzhou-2023",
            "一 › (三) › 7",
            "加快推进“数字文化”“数字法治”“数字纪检”“数字组工”“数字统战”“数字人大”“数字政协”等领域数字化建设",
        ),
        ("binzhou-2023", "二 › (三) › 16", "提升海洋产业数字化支撑能力"),
        ("binzhou-2023", "一 › (四) › 8", "深入实施数字政府强基工程"),
        ("binzhou-2023", "三 › (二) › 24", "出台《关于提质提速推进新型智慧城市建设的工作方案(2023-2025年)》"),
        ("dongying-2021-2022", "二 › (四) › 3 › (7)", "推动智慧社区(村居)建设"),
        ("dongying-2021-2022", "二 › (三) › 2", "建立智慧城市建设运营体系"),
        ("liaocheng-2020-2022", "八 › (二)", "建设“城市大脑”"),
        ("jimo-2024", "二 › (二) › 2", "全面提升城市治理效能"),
        ("jimo-2024", "二 › (四) › 1", "完善数字基础设施配套"),
    ];
    for (id, path, title) in cases {
        let p = plan(&corpus, id);
        let task = p.tasks.iter().find(|t| t.path.to_string() == path);
        let task = task.unwrap_or_else(|| panic!("help: {id} has no task at {path}"));
        assert_eq!(task.title, title, "help: title of {id} {path}");
    }
}

#[test]
fn glued_items_are_split_off() {
    let corpus = corpus();
    let binzhou = plan(&corpus, "binzhou-2023");
    let t15 = binzhou.tasks.iter().find(|t| t.path.to_string().ends_with("› 15")).unwrap();
    assert!(!t15.text.contains("海洋"), "help: task 16 is glued to the end of task 15's line and must be split off");
    let heading = binzhou.headings.iter().find(|h| h.title == "优化基础支撑效能");
    assert!(heading.is_some(), "help: heading (四) is glued to the end of task 7's line");
    assert!(binzhou.headings.iter().any(|h| h.title == "提速推进新型智慧城市建设"));
}

#[test]
fn page_breaks_inside_sentences_are_repaired() {
    let corpus = corpus();
    let p = plan(&corpus, "dongying-2022");
    let all: String = p.tasks.iter().map(|t| t.text.as_str()).collect();
    for joined in [
        "依托全省统一事项管理系统,按照",
        "年内认定市级工业互联网示范平台 2 个",
        "复工复产线上报备",
        "海洋监测等物联感知设备",
    ] {
        assert!(all.contains(joined), "help: the page break in {joined:?} was not repaired");
    }
    let t8 = p.tasks.iter().find(|t| t.title == "高标准完成新型智慧城市试点建设").unwrap();
    assert!(t8.text.contains("60%以上。\n持续深化"), "help: a paragraph after a full stop stays a paragraph");
}

#[test]
fn elaborating_sub_items_belong_to_their_task() {
    let corpus = corpus();
    let p = plan(&corpus, "dongying-2021-2022");
    let task = p.tasks.iter().find(|t| t.title == "建立智慧城市建设运营体系").unwrap();
    for sub in ["(1)非经营性项目", "(2)准经营性项目", "(3)经营性项目"] {
        assert!(task.text.contains(sub), "help: {sub} elaborates its task and must stay in it");
    }
    assert!(!p.tasks.iter().any(|t| t.title.starts_with("非经营性项目")));
    let span = task.span.slice(cityalign_seed("dongying-2021-2022")).unwrap();
    assert!(span.ends_with("开展市场化运营。\n\n"), "help: the task's span runs through its sub-items");
}

fn cityalign_seed(id: &str) -> &'static str {
    BUNDLED.iter().find(|b| b.id == id).map(|b| b.text).unwrap()
}

#[test]
fn units_with_roles_and_departments() {
    let corpus = corpus();
    let find = |id: &str, title: &str| {
        let p = plan(&corpus, id);
        p.tasks.iter().find(|t| t.title == title).unwrap_or_else(|| panic!("help: no task {title} in {id}")).clone()
    };
    let t = find("dongying-2022", "增强政务服务效能");
    let roles: Vec<(&str, Role)> = t.units.iter().map(|u| (u.name.as_str(), u.role)).collect();
    assert_eq!(
        roles[..3],
        [("市政府办公室", Role::Lead), ("市行政审批局", Role::Lead), ("市民政局", Role::Cooperating)]
    );
    assert_eq!(t.lead_unit().map(|u| u.name.as_str()), Some("市政府办公室"));

    let t = find("binzhou-2023", "深化“双全双百”提升工程");
    let roles: Vec<(&str, Role)> = t.units.iter().map(|u| (u.name.as_str(), u.role)).collect();
    assert_eq!(
        roles,
        [("市行政审批服务局", Role::Lead), ("市大数据局", Role::Lead), ("市直相关部门单位", Role::Responsible)]
    );

    let t = find("liaocheng-2020-2022", "建设具有强大支撑能力的信息通信网络");
    assert!(t.units.iter().all(|u| u.role == Role::Shared), "help: 分工负责 makes every unit a sharer");
    assert!(t.units.iter().any(|u| u.name == "市委网信办"), "help: the second parenthesis of the task is read too");
    let t = find("liaocheng-2020-2022", "建设“城市大脑”");
    assert_eq!(
        t.units.iter().map(|u| (u.name.as_str(), u.role)).collect::<Vec<_>>(),
        [("市大数据局", Role::Sole)],
        "help: the parenthesis that lost its closing bracket still names the unit"
    );
    let t = find("liaocheng-2020-2022", "加快人工智能创新应用");
    assert_eq!(t.units.len(), 8, "help: the unclosed parenthesis at the end of the line lists eight units");

    let t = find("jimo-2024", "数字经济产业化");
    let names: Vec<&str> = t.units.iter().map(|u| u.name.as_str()).collect();
    assert!(
        names.contains(&"区工业和信息化局") && names.contains(&"区科学技术局"),
        "help: elided 区 restored: {names:?}"
    );
    let t = find("jimo-2024", "加快“一码通城”场景建设");
    assert_eq!(
        t.units[0].name, "区大数据与电子政务服务中心",
        "help: the stray ? before the unit is not part of its name"
    );
    assert_eq!(t.units[0].department, Department::BigData);

    let bigdata_2022 = find("dongying-2022", "全面打造智慧社区").units[0].department;
    let bigdata_jimo = find("jimo-2024", "智慧社区建设").units[0].department;
    assert_eq!(
        bigdata_2022, bigdata_jimo,
        "help: 市大数据局 and 区大数据与电子政务服务中心 are the same kind of office"
    );
}

#[test]
fn every_completion_clause_of_the_pilot_plan_is_a_deadline() {
    let corpus = corpus();
    let p = plan(&corpus, "dongying-2021-2022");
    let source = cityalign_seed("dongying-2021-2022");
    let tasks: Vec<_> = p.tasks.iter().filter(|t| t.kind == TaskKind::Task).collect();
    assert_eq!(tasks.len(), 37);
    for task in tasks {
        // The latest 完成时限 written inside the task's own span of the source.
        let span = task.span.slice(source).unwrap();
        let latest = span
            .match_indices("完成时限:")
            .map(|(at, w)| {
                let value = &span[at + w.len()..];
                let year: u16 = value[..4].parse().unwrap();
                let month: u8 = value[7..].split('月').next().unwrap().parse().unwrap();
                (year, month)
            })
            .max()
            .unwrap_or_else(|| panic!("help: task {} has no 完成时限 clause in its span", task.id));
        let d = task.deadline.as_ref().unwrap();
        assert_eq!(d.source, DeadlineSource::Clause, "help: {} should take its 完成时限", task.title);
        assert_eq!((d.year, d.month), (latest.0, Some(latest.1)), "help: deadline of {}", task.title);
        assert_eq!(
            Some(d.last_day),
            cityalign::Date::end_of_month(latest.0, latest.1),
            "help: 底前 allows the whole month"
        );
        assert!(d.span.and_then(|s| s.slice(source)).is_some_and(|s| s.contains('月')));
    }
}

#[test]
fn deadlines_stated_in_the_text_or_inferred() {
    let corpus = corpus();
    let p = plan(&corpus, "dongying-2022");
    let t = p.tasks.iter().find(|t| t.title == "全面打造智慧社区").unwrap();
    let d = t.deadline.as_ref().unwrap();
    assert_eq!(
        (d.source, d.last_day.to_string().as_str()),
        (DeadlineSource::Relative, "2022-12-31"),
        "help: 年底前 in a 2022 plan"
    );
    let t = p.tasks.iter().find(|t| t.title == "加快物联网终端部署").unwrap();
    assert_eq!(t.deadline.as_ref().unwrap().source, DeadlineSource::Text);
    let t = p.tasks.iter().find(|t| t.title == "优化智慧养老服务").unwrap();
    assert_eq!(t.deadline.as_ref().unwrap().source, DeadlineSource::Inferred);
    let p = plan(&corpus, "liaocheng-2020-2022");
    let t = p.tasks.iter().find(|t| t.title == "提升产业数字化水平").unwrap();
    assert_eq!(t.deadline.as_ref().map(|d| d.year), Some(2020), "help: 到2020年 in the text");
}

/// (plan, metric, value, measure, bound, accrual)
type Expected = (&'static str, &'static str, f64, &'static str, Bound, Accrual);

#[test]
fn headline_targets_of_every_plan() {
    let corpus = corpus();
    let expected: [Expected; 16] = [
        ("dongying-2022", "5G基站", 2000.0, "个", Bound::Exact, Accrual::New),
        ("dongying-2022", "智慧社区", 70.0, "个", Bound::AtLeast, Accrual::New),
        ("dongying-2022", "智慧社区覆盖率", 30.0, "%", Bound::MoreThan, Accrual::Unstated),
        ("dongying-2022", "充电桩", 3500.0, "个", Bound::AtLeast, Accrual::Stock),
        ("dongying-2022", "物联网终端", 2e7, "个", Bound::Reach, Accrual::Stock),
        ("dongying-2022", "10GPON及以上端口数", 12000.0, "个", Bound::MoreThan, Accrual::Unstated),
        ("binzhou-2023", "5G基站", 1350.0, "个", Bound::Exact, Accrual::New),
        ("binzhou-2023", "5G基站", 11000.0, "个", Bound::AtLeast, Accrual::Stock),
        ("binzhou-2023", "智慧社区", 40.0, "个", Bound::AtLeast, Accrual::Unstated),
        ("binzhou-2023", "充电桩", 1500.0, "台", Bound::Exact, Accrual::New),
        ("binzhou-2023", "充电桩", 3000.0, "台", Bound::Reach, Accrual::Stock),
        ("dongying-2021-2022", "5G基站", 2000.0, "个", Bound::AtLeast, Accrual::Unstated),
        ("dongying-2021-2022", "充电桩", 2700.0, "个", Bound::AtLeast, Accrual::Stock),
        ("liaocheng-2020-2022", "5G基站", 6000.0, "个", Bound::Exact, Accrual::Unstated),
        ("jimo-2024", "5G基站", 1000.0, "座", Bound::Exact, Accrual::New),
        ("jimo-2024", "新能源智能充电桩", 3000.0, "个", Bound::AtLeast, Accrual::New),
    ];
    for (id, metric, value, measure, bound, accrual) in expected {
        let p = plan(&corpus, id);
        let found = p.tasks.iter().flat_map(|t| &t.targets).find(|t| t.metric == metric && t.value == value);
        let t = found.unwrap_or_else(|| panic!("help: {id} has no target {metric} = {value}"));
        assert_eq!((t.measure.as_str(), t.bound, t.accrual), (measure, bound, accrual), "help: {id} {metric} {value}");
        let source = cityalign_seed(id);
        let written = t.span.slice(source).unwrap();
        assert!(written.contains(t.measure.trim_end_matches('%')), "help: the span {written:?} must show the target");
    }
    let smart = plan(&corpus, "dongying-2021-2022")
        .tasks
        .iter()
        .flat_map(|t| &t.targets)
        .filter(|t| t.metric.contains("智慧社区"))
        .count();
    assert_eq!(smart, 3, "help: the pilot plan sets three smart-community counts");
    let first_5g = plan(&corpus, "dongying-2021-2022").tasks[0].targets.iter().find(|t| t.metric == "5G基站").unwrap();
    let by = first_5g.deadline.as_ref().map(|d| d.last_day.to_string());
    assert_eq!(by.as_deref(), Some("2021-10-31"), "help: 2021年10月底前建设2000个以上5G基站");
}

#[test]
fn plan_level_goals_come_from_the_goal_section() {
    let corpus = corpus();
    let p = plan(&corpus, "dongying-2022");
    let goal = |metric: &str| p.goals.iter().find(|g| g.metric == metric).map(|g| (g.value, g.measure.as_str()));
    assert_eq!(goal("信息技术产业营业收入"), Some((6e9, "元")));
    assert_eq!(goal("5G基站"), Some((2000.0, "个")));
    assert_eq!(goal("智能网联公共充电桩"), Some((3500.0, "个")));
    assert!(p.headings.iter().any(|h| h.title == "工作目标" && h.section == SectionKind::Goals));
    let pilot = plan(&corpus, "dongying-2021-2022");
    assert!(pilot.headings.iter().any(|h| h.title == "指导思想" && h.section == SectionKind::Guiding));
    assert!(!pilot.tasks.iter().any(|t| t.title == "指导思想"), "help: guiding sections are headings, not tasks");
}

#[test]
fn segments_tile_every_seed_and_keep_what_is_not_a_task() {
    let corpus = corpus();
    for bundled in BUNDLED {
        let p = plan(&corpus, bundled.id);
        assert!(p.segments_tile(), "help: segments of {} leave a gap or overlap", bundled.id);
        assert_eq!(p.source_len, bundled.text.len());
        for (i, task) in p.tasks.iter().enumerate() {
            let seg = p.segments.iter().find(|s| s.kind == SegmentKind::Task && s.index == Some(i)).unwrap();
            assert_eq!(seg.span, task.span);
            for unit in &task.units {
                assert!(task.span.contains(unit.span), "help: unit {} lies outside its task", unit.name);
            }
            for target in &task.targets {
                assert!(task.span.contains(target.span), "help: target {} lies outside its task", target.text);
            }
        }
    }
    let trailer = |id: &str| {
        let p = plan(&corpus, id);
        let seg = p
            .segments
            .iter()
            .find(|s| s.kind == SegmentKind::Trailer)
            .unwrap_or_else(|| panic!("help: {id} has no trailer"));
        seg.span.slice(cityalign_seed(id)).unwrap().to_string()
    };
    assert!(trailer("dongying-2022").starts_with("抄送"));
    assert!(trailer("liaocheng-2020-2022").contains("附件:1.数字聊城建设领导小组组成人员名单"));
    assert!(trailer("liaocheng-2020-2022").contains(".pdf"));
    assert!(trailer("dongying-2021-2022").contains("版权所有"));
    let preamble = plan(&corpus, "dongying-2021-2022").segments[0];
    assert_eq!(preamble.kind, SegmentKind::Preamble);
    assert!(preamble.span.slice(cityalign_seed("dongying-2021-2022")).unwrap().contains("热门关键词"));
}

#[test]
fn task_ids_are_unique_in_the_corpus() {
    let corpus = corpus();
    let mut ids: Vec<&str> = corpus.iter().flat_map(|p| p.tasks.iter().map(|t| t.id.as_str())).collect();
    let total = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), total);
}

#[test]
fn the_corpus_survives_a_json_round_trip() {
    let corpus = corpus();
    let json = serde_json::to_string(&corpus).unwrap();
    let back: Corpus = serde_json::from_str(&json).unwrap();
    assert_eq!(back, corpus);
    assert!(json.contains("\"last_day\":\"2022-10-31\""), "help: dates serialize as YYYY-MM-DD");
}

#[test]
fn public_types_are_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<Corpus>();
    check::<Plan>();
    check::<cityalign::Parser>();
    check::<cityalign::Error>();
    check::<cityalign::Task>();
    check::<cityalign::Target>();
}
