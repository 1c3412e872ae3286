//! Who answers for one clause of a task: the units a plan writes after a sentence answer
//! for it and the sentences before it back to the previous responsibility; where one
//! parenthesis lists several leads, each clause gets the one whose field it names.

use super::{Department, Role, Task, Unit};

impl Department {
    /// Words of the field this kind of office answers for, as plans name the work
    /// ("充电" for development and reform, "港口" for transport). Empty for offices without
    /// a field of their own (general offices, lower governments, related departments).
    ///
    /// ```
    /// use cityalign::Department;
    ///
    /// assert!(Department::Water.fields().contains(&"供水"));
    /// assert!(Department::Related.fields().is_empty());
    /// ```
    pub fn fields(&self) -> &'static [&'static str] {
        use Department::*;
        match self {
            BigData => &["大数据", "数据", "政务服务", "一网通办", "电子政务", "政务云", "政务外网"],
            Cyberspace => &["网络安全", "网信", "安全防护", "等级保护", "态势感知"],
            IndustryIt => &["工业", "制造", "工业互联网", "企业上云", "信息通信", "5G", "基站", "软件"],
            DevelopmentReform => &["充电", "换电", "能源", "价格", "信用", "发展改革"],
            HousingConstruction => {
                &["住房", "建筑", "燃气", "供热", "小区", "物业", "城建", "管廊", "杆柱", "工程建设"]
            }
            PublicSecurity => &["公安", "警务", "治安", "雪亮", "交通管理"],
            CivilAffairs => &["养老", "救助", "民政", "婚姻", "殡葬", "社会组织"],
            Education => &["教育", "学校", "校园", "教学", "师生"],
            Health => &["医疗", "医院", "健康", "卫生", "疾控", "防疫", "诊疗"],
            MedicalInsurance => &["医保", "医疗保障"],
            HumanResources => &["就业", "社保", "社会保障", "人才", "职称", "工资", "劳动"],
            Finance => &["财政", "资金", "预算"],
            Agriculture => &["农业", "农村", "乡村", "种植", "畜牧", "农产品"],
            Transport => &["交通", "道路", "公路", "车路", "港口", "出行", "公交", "停车", "物流"],
            CultureTourism => &["文化", "旅游", "景区", "图书馆", "文旅", "博物馆", "文物"],
            Sports => &["体育", "健身", "运动"],
            AdministrativeApproval => &["审批", "政务服务", "办事"],
            MarketRegulation => &["市场监管", "食品", "药品", "特种设备", "质量", "计量"],
            NaturalResources => &["国土", "自然资源", "测绘", "不动产", "地理", "规划"],
            EcologyEnvironment => &["生态", "环境", "污染", "大气", "环保", "生物多样性"],
            Emergency => &["应急", "安全生产", "消防", "灾害", "安全风险", "生命线", "防汛"],
            Water => &["水务", "水利", "供水", "排水", "水系", "河湖", "雨量", "水位", "防洪"],
            ScienceTechnology => &["科技", "创新", "研发", "实验室"],
            Commerce => &["商务", "电商", "电子商务", "外贸", "消费", "商贸"],
            Justice => &["法治", "司法", "法律", "公证"],
            Statistics => &["统计"],
            Audit => &["审计"],
            UrbanManagement => &["城管", "市容", "环卫", "城市管理", "综合执法"],
            StateAssets => &["国资", "国企", "国有企业"],
            FinancialRegulation => &["金融", "银行", "保险"],
            Ocean => &["海洋", "渔业", "海域"],
            PowerUtility => &["电网", "电力", "输电", "供电", "变电"],
            TelecomOperator => &["基站", "光网", "宽带", "千兆", "5G"],
            _ => &[],
        }
    }
}

/// Parts of a unit's name that say nothing of its field.
const GENERIC: [&str; 12] =
    ["管理", "服务", "发展", "建设", "委员", "员会", "办公", "公室", "中心", "公司", "人民", "政府"];

/// How much of `unit`'s field `text` names: the occurrences of its department's field
/// words, and of two-character parts of its own name that are not generic (自然保护区管委会
/// and 保护区).
fn fit(unit: &Unit, text: &str) -> usize {
    let by_field: usize = unit.department.fields().iter().map(|w| text.matches(w).count()).sum();
    let core: Vec<char> = unit.name.trim_start_matches(['市', '区', '县', '省']).chars().collect();
    let by_name: usize = core
        .windows(2)
        .map(|w| w.iter().collect::<String>())
        .filter(|pair| !GENERIC.contains(&pair.as_str()) && !pair.ends_with(['局', '委', '办']))
        .map(|pair| text.matches(pair.as_str()).count())
        .sum();
    by_field + by_name
}

/// How plainly a role makes a unit answer for its clause: the lower, the plainer.
fn rank(role: Role) -> u8 {
    match role {
        Role::Sole | Role::Lead => 0,
        Role::Shared | Role::Implementing => 1,
        Role::Responsible => 2,
        _ => 3,
    }
}

impl Task {
    /// The unit that answers for clause `clause` ([`Task::clauses`]): a unit written in
    /// it or in the first clause after it that names one ("…。(市民政局负责)" answers for
    /// the sentences back to the previous responsibility), the plainest role first
    /// (负责 and 牵头, then 分工负责, then 责任单位); where that list holds several units of
    /// that role, the one whose field the clause names (东营's "推进…充电基础设施建设" and
    /// 市发展改革委 among seven leads), else the first. Without any unit at or after the
    /// clause, the task's lead, else its first unit. `None` when the task names none.
    ///
    /// ```
    /// use cityalign::Plan;
    ///
    /// let plan = Plan::parse("\
    /// 一、主要任务
    /// 1.推进融合基础设施升级。开展城市车路协同路网建设。推进“互联网+”充电基础设施建设。(牵头单位:市交通运输局、市发展改革委)
    /// 2.推动公共服务便捷化。提高社会救助信息化水平。加强社区居家养老服务信息平台应用。(市民政局负责)推进社保卡一卡通。(市人力资源社会保障局负责)
    /// ")?;
    /// fn answering(t: &cityalign::Task, k: usize) -> Option<&str> {
    ///     t.answering_for(k).map(|u| u.name.as_str())
    /// }
    /// let task = &plan.tasks[0];
    /// assert_eq!(answering(task, 1), Some("市交通运输局"));
    /// assert_eq!(answering(task, 2), Some("市发展改革委"));
    /// let task = &plan.tasks[1];
    /// assert_eq!(answering(task, 1), Some("市民政局"), "the sentence before the parenthesis");
    /// assert_eq!(answering(task, 3), Some("市人力资源社会保障局"));
    /// # Ok::<(), cityalign::Error>(())
    /// ```
    pub fn answering_for(&self, clause: usize) -> Option<&Unit> {
        let within = |k: usize| -> Vec<&Unit> {
            self.clauses.get(k).map_or(Vec::new(), |c| self.units.iter().filter(|u| c.span.contains(u.span)).collect())
        };
        let target = self.clauses.get(clause);
        let list = (clause..self.clauses.len()).map(within).find(|units| !units.is_empty());
        let Some(list) = list else {
            return self.lead_unit();
        };
        let best = list.iter().map(|u| rank(u.role)).min()?;
        let top: Vec<&Unit> = list.into_iter().filter(|u| rank(u.role) == best).collect();
        if let (Some(c), [_, _, ..]) = (target, top.as_slice()) {
            // The unit whose field the clause names most; the first on a tie.
            let fits: Vec<usize> = top.iter().map(|u| fit(u, &c.text)).collect();
            let most = fits.iter().copied().max().unwrap_or(0);
            if most > 0 {
                return top.iter().zip(&fits).find(|(_, &f)| f == most).map(|(u, _)| *u);
            }
        }
        top.first().copied()
    }
}
