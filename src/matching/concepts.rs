//! The concept layer: a taxonomy of the genre's initiatives (canonical name, category,
//! aliases), shipped as data (`concepts.txt`, with the source of every entry) and found in
//! clauses by one Aho-Corasick automaton.

use std::fmt;
use std::sync::{Arc, LazyLock};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::{Deserialize, Serialize};

use super::index::narrow;
use crate::script::fold;

/// The bundled taxonomy: built from plans of other cities and provinces, extended from
/// the bundled plans (each such entry says which, in its `fitted` field).
const BUNDLED: &str = include_str!("concepts.txt");

/// What kind of initiative a concept is; the table groups its rows by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Category {
    /// 数字基础设施: networks, data centres, sensors, charging piles.
    #[serde(rename = "数字基础设施")]
    Infrastructure,
    /// 数据资源: data sharing, catalogues, data markets.
    #[serde(rename = "数据资源")]
    Data,
    /// 数字政府: online services, city brain, supervision.
    #[serde(rename = "数字政府")]
    Government,
    /// 数字经济: industry, e-commerce, digital industries.
    #[serde(rename = "数字经济")]
    Economy,
    /// 数字社会: smart communities, health, education, transport.
    #[serde(rename = "数字社会")]
    Society,
    /// 网络安全: network and data security.
    #[serde(rename = "网络安全")]
    Security,
    /// 保障措施: organisation, funding, talent, publicity.
    #[serde(rename = "保障措施")]
    Safeguards,
    /// 其他: an initiative that fits no concept.
    #[serde(rename = "其他")]
    Other,
}

impl Category {
    /// Every category, in the table's order.
    pub const ALL: [Category; 8] = [
        Category::Infrastructure,
        Category::Data,
        Category::Government,
        Category::Economy,
        Category::Society,
        Category::Security,
        Category::Safeguards,
        Category::Other,
    ];

    /// Its Chinese name, as plans and the data file write it.
    ///
    /// # Examples
    ///
    /// ```
    /// use cityalign::Category;
    ///
    /// assert_eq!(Category::Infrastructure.name(), "数字基础设施");
    /// assert_eq!(Category::from_name("保障措施"), Some(Category::Safeguards));
    /// assert_eq!(Category::from_name(""), None);
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Category::Infrastructure => "数字基础设施",
            Category::Data => "数据资源",
            Category::Government => "数字政府",
            Category::Economy => "数字经济",
            Category::Society => "数字社会",
            Category::Security => "网络安全",
            Category::Safeguards => "保障措施",
            Category::Other => "其他",
        }
    }

    /// The category of a Chinese name, `None` for an unknown one.
    pub fn from_name(name: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.name() == name.trim())
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An initiative of the genre: its canonical name, category and the phrases that name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Concept {
    /// The row name ("5G基站"). Not an alias by itself: a taxonomy lists it among the
    /// aliases where it is safe to match.
    pub name: String,
    /// Its category.
    pub category: Category,
    /// Phrases found as substrings of a clause (simplified characters).
    pub aliases: Vec<String>,
    /// The bundled plans this entry was fitted on (added or changed after reading them).
    pub fitted: Vec<String>,
    /// For an entry fitted on bundled plans, the aliases it had before they were read
    /// (from plans of other cities); `None` when the bundled plans alone gave the entry.
    pub prior_aliases: Option<Vec<String>>,
}

impl Concept {
    /// A concept with its aliases, fitted on no plan.
    ///
    /// # Examples
    ///
    /// ```
    /// use cityalign::{Category, Concept};
    ///
    /// let c = Concept::new("智慧停车", Category::Society, ["智慧停车", "停车诱导"]);
    /// assert_eq!(c.aliases.len(), 2);
    /// assert!(c.fitted.is_empty());
    /// ```
    pub fn new(
        name: impl Into<String>,
        category: Category,
        aliases: impl IntoIterator<Item = impl Into<String>>,
    ) -> Concept {
        Concept {
            name: name.into(),
            category,
            aliases: aliases.into_iter().map(Into::into).collect(),
            fitted: Vec::new(),
            prior_aliases: None,
        }
    }
}

/// A taxonomy of concepts, with the automaton that finds their aliases.
///
/// # Examples
///
/// ```
/// use cityalign::Concepts;
///
/// let concepts = Concepts::bundled();
/// assert!(concepts.len() >= 100);
/// let found: Vec<&str> = concepts.find("加快建设5G基站和充電樁").iter().map(|m| concepts.get(m.concept).unwrap().name.as_str()).collect();
/// assert_eq!(found, ["5G基站", "充电桩"]);
/// assert!(concepts.find("").is_empty());
/// ```
#[derive(Debug, Clone)]
pub struct Concepts {
    concepts: Vec<Concept>,
    /// `None` when there is no alias at all.
    automaton: Option<Arc<AhoCorasick>>,
    /// Pattern id → concept index.
    owner: Vec<u32>,
}

/// Where a concept's alias was found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct ConceptMatch {
    /// Index of the concept ([`Concepts::get`]).
    pub concept: usize,
    /// Byte offset of the alias in the text.
    pub byte_start: usize,
    /// Byte offset after it.
    pub byte_end: usize,
}

static BUNDLED_CONCEPTS: LazyLock<Concepts> = LazyLock::new(|| Concepts::new(parse(BUNDLED)));

/// Reads the data file: `canonical | category | aliases | source | fitted`; comment and
/// malformed lines are skipped (the file is ours and a test checks every line is read).
fn parse(text: &str) -> Vec<Concept> {
    text.lines()
        .filter(|l| !l.trim_start().starts_with('#') && !l.trim().is_empty())
        .filter_map(|line| {
            let fields: Vec<&str> = line.split('|').map(str::trim).collect();
            let [name, category, aliases, source, fitted] = fields.as_slice() else { return None };
            let category = Category::from_name(category)?;
            let aliases: Vec<String> = list(aliases);
            let fitted: Vec<String> = fitted
                .strip_prefix("fitted=")
                .map(|f| f.split(',').map(str::trim).filter(|p| !p.is_empty()).map(String::from).collect())
                .unwrap_or_default();
            let prior_aliases = if fitted.is_empty() { None } else { prior(&aliases, source) };
            Some(Concept { name: (*name).to_string(), category, aliases, fitted, prior_aliases })
        })
        .collect()
}

fn list(field: &str) -> Vec<String> {
    field.split('、').map(str::trim).filter(|a| !a.is_empty()).map(String::from).collect()
}

/// The aliases a fitted entry had before the bundled plans were read, from the change its
/// source records as `seed(+added −removed)`. A bare `seed` records an entry the bundled
/// plans gave whole: there is no prior.
fn prior(aliases: &[String], source: &str) -> Option<Vec<String>> {
    let change = source.split(';').map(str::trim).find_map(|s| s.strip_prefix("seed("))?;
    let change = change.strip_suffix(')')?;
    let (added, removed) = change.split_once('−').unwrap_or((change, ""));
    let added = list(added.trim().strip_prefix('+').unwrap_or(added.trim()));
    let mut prior: Vec<String> = aliases.iter().filter(|a| !added.contains(a)).cloned().collect();
    prior.extend(list(removed));
    Some(prior).filter(|p| !p.is_empty())
}

impl Default for Concepts {
    fn default() -> Concepts {
        Concepts::bundled()
    }
}

impl Concepts {
    /// The bundled taxonomy (built once per process, shared).
    pub fn bundled() -> Concepts {
        BUNDLED_CONCEPTS.clone()
    }

    /// A taxonomy of these concepts.
    pub fn new(concepts: Vec<Concept>) -> Concepts {
        let mut patterns = Vec::new();
        let mut owner = Vec::new();
        for (i, c) in concepts.iter().enumerate() {
            for alias in &c.aliases {
                let folded = fold(alias);
                if !folded.trim().is_empty() {
                    patterns.push(folded.into_owned());
                    owner.push(narrow(i));
                }
            }
        }
        // Leftmost-longest: "5G基站建设" is 5G基站, not 5G建设; "智慧社区" not "社区".
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(&patterns)
            .ok()
            .filter(|_| !patterns.is_empty())
            .map(Arc::new);
        Concepts { concepts, automaton, owner }
    }

    /// The taxonomy with one more concept (or, for a name already there, more aliases).
    pub fn with(mut self, concept: Concept) -> Concepts {
        let mut concepts = std::mem::take(&mut self.concepts);
        match concepts.iter_mut().find(|c| c.name == concept.name) {
            Some(c) => c.aliases.extend(concept.aliases),
            None => concepts.push(concept),
        }
        Concepts::new(concepts)
    }

    /// The taxonomy as it was before plan `plan_id` was read: each entry fitted on it
    /// goes back to its prior aliases ([`Concept::prior_aliases`]), or out when the
    /// bundled plans alone gave it. What a leave-one-plan-out evaluation uses to score
    /// that plan.
    pub fn without_fitted(&self, plan_id: &str) -> Concepts {
        let concepts = self.concepts.iter().filter_map(|c| {
            if !c.fitted.iter().any(|p| p == plan_id) {
                return Some(c.clone());
            }
            let aliases = c.prior_aliases.clone()?;
            Some(Concept { aliases, fitted: Vec::new(), prior_aliases: None, ..c.clone() })
        });
        Concepts::new(concepts.collect())
    }

    /// Number of concepts.
    pub fn len(&self) -> usize {
        self.concepts.len()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.concepts.is_empty()
    }

    /// The concept at `index`.
    pub fn get(&self, index: usize) -> Option<&Concept> {
        self.concepts.get(index)
    }

    /// The concepts, in file order.
    pub fn iter(&self) -> impl Iterator<Item = &Concept> {
        self.concepts.iter()
    }

    /// The concepts named in `text` (traditional characters folded), left to right, the
    /// longest alias at each place.
    pub fn find(&self, text: &str) -> Vec<ConceptMatch> {
        let Some(automaton) = &self.automaton else { return Vec::new() };
        let folded = fold(text);
        if !folded.chars().any(char::is_whitespace) {
            // The usual case: nothing to squeeze, offsets are the text's own.
            return automaton
                .find_iter(folded.as_ref())
                .filter_map(|m| {
                    let concept = *self.owner.get(m.pattern().as_usize())? as usize;
                    Some(ConceptMatch { concept, byte_start: m.start(), byte_end: m.end() })
                })
                .collect();
        }
        // White space is dropped before matching (text extracted from PDF writes "5G 基站"),
        // and offsets mapped back: at[k] is where byte k of the squeezed text came from.
        let mut squeezed = String::with_capacity(folded.len());
        let mut at: Vec<usize> = Vec::with_capacity(folded.len() + 1);
        for (i, ch) in folded.char_indices().filter(|(_, ch)| !ch.is_whitespace()) {
            squeezed.push(ch);
            at.extend((0..ch.len_utf8()).map(|k| i + k));
        }
        at.push(folded.len());
        automaton
            .find_iter(squeezed.as_str())
            .filter_map(|m| {
                let concept = *self.owner.get(m.pattern().as_usize())? as usize;
                let byte_start = *at.get(m.start())?;
                let byte_end = at.get(m.end().checked_sub(1)?).map(|&b| b + 1)?;
                // Round the end up to the character boundary of the original text.
                let byte_end = (byte_end..=folded.len()).find(|&e| folded.is_char_boundary(e)).unwrap_or(folded.len());
                Some(ConceptMatch { concept, byte_start, byte_end })
            })
            .collect()
    }
}

/// Words by which a phrase leans on something rather than doing it: "依托城市大脑…",
/// "与智慧社区…衔接".
const LEANS_BEFORE: [&str; 11] =
    ["依托", "依靠", "借助", "基于", "结合", "利用", "对接", "衔接", "融入", "接入", "纳入"];
const LEANS_AFTER: [&str; 3] = ["衔接", "对接", "联动"];
/// Drafting a document about something is not doing it: "制定…智慧社区…工作实施方案".
const DRAFTS: [&str; 6] = ["制定", "编制", "出台", "印发", "起草", "研究制定"];
const DOCUMENTS: [&str; 9] = ["方案", "办法", "意见", "规划", "细则", "指南", "政策", "标准", "规范"];

/// Whether the alias at `start..end` of `text` (folded) is carried — one of the stated
/// measures — rather than leaned on. Judged within its phrase (between commas or
/// semicolons): a phrase that leans on it (依托…, 与…衔接) or drafts a document about it
/// only mentions it.
pub(crate) fn carried(text: &str, start: usize, end: usize) -> bool {
    let is_break = |c: char| matches!(c, '，' | ',' | '；' | ';' | '：' | ':' | '。');
    let before = text.get(..start).unwrap_or("");
    let after = text.get(end..).unwrap_or("");
    let before = before.rfind(is_break).map_or(before, |i| before.get(i..).unwrap_or(""));
    let after = after.find(is_break).map_or(after, |i| after.get(..i).unwrap_or(""));
    // "为X提供支撑": X is served, not built.
    let serves = before.contains('为') && after.contains("提供");
    let leans =
        serves || LEANS_BEFORE.iter().any(|w| before.contains(w)) || LEANS_AFTER.iter().any(|w| after.contains(w));
    let drafts = DRAFTS.iter().any(|w| before.contains(w)) && DOCUMENTS.iter().any(|w| after.contains(w));
    // "集A、B等功能于一体的X", "集成A、B等设备": a part of the thing built, not a measure.
    let part = (before.contains('集') && after.contains("于一体"))
        || (before.contains("集成") && ["设备", "设施", "功能"].iter().any(|w| after.contains(w)));
    // "在A、B等领域开展…应用": the fields something else is applied in, named in passing.
    let field = ["在", "围绕", "聚焦", "面向"].iter().any(|w| before.contains(w))
        && ["领域", "方面", "行业"].iter().any(|w| after.contains(w));
    !(leans || drafts || part || field)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_of_the_data_file_is_read() {
        let lines = BUNDLED.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).count();
        let concepts = Concepts::bundled();
        assert_eq!(concepts.len(), lines, "help: a line of concepts.txt is malformed");
        assert!(concepts.iter().all(|c| !c.aliases.is_empty()), "help: a concept without aliases");
        assert!(concepts.iter().filter(|c| !c.fitted.is_empty()).count() >= 50);
        // Every recorded change parses back to a prior alias list.
        let changes = BUNDLED.lines().filter(|l| !l.starts_with('#') && l.contains("seed(")).count();
        assert_eq!(concepts.iter().filter(|c| c.prior_aliases.is_some()).count(), changes);
    }

    #[test]
    fn the_longest_alias_wins_and_fitted_entries_can_be_left_out() {
        let concepts = Concepts::bundled();
        let names = |c: &Concepts, text: &str| -> Vec<String> {
            c.find(text).iter().map(|m| c.get(m.concept).unwrap().name.clone()).collect()
        };
        assert_eq!(names(&concepts, "建设网络安全态势感知平台"), ["网络安全态势感知"]);
        let spaced = "新建并开通 5G 基站 2000 个";
        let found = concepts.find(spaced);
        assert_eq!(names(&concepts, spaced), ["5G基站"], "help: white space inside an alias");
        assert_eq!(&spaced[found[0].byte_start..found[0].byte_end], "5G 基站");
        let without = concepts.without_fitted("jimo-2024");
        assert!(without.len() < concepts.len());
        assert!(without.iter().all(|c| !c.fitted.iter().any(|p| p == "jimo-2024")));
        // 即墨 added 智算 to 算力中心; before it was read the entry stood without it.
        let compute = without.iter().find(|c| c.name == "算力中心").unwrap();
        assert!(compute.aliases.contains(&"算力".to_string()) && !compute.aliases.contains(&"智算".to_string()));
        // A seed-only entry (信创) goes; one fitted on another plan stays whole.
        assert!(without.iter().all(|c| c.name != "信创"));
        assert_eq!(names(&without, "建设5G融合示范"), names(&concepts, "建设5G融合示范"));
        let more = Concepts::new(Vec::new()).with(Concept::new("量子", Category::Economy, ["量子计算"]));
        assert_eq!(names(&more, "发展量子计算"), ["量子"]);
        assert!(Concepts::new(Vec::new()).find("量子计算").is_empty());
    }

    #[test]
    fn a_fitted_entry_remembers_its_prior_aliases() {
        let aliases = list("光纤宽带、千兆、光纤、10G PON");
        let prior_of = |source: &str| prior(&aliases, source);
        assert_eq!(prior_of("威海2021 http://x; seed(+光纤、10G PON)"), Some(list("光纤宽带、千兆")));
        assert_eq!(prior_of("x; seed(+光纤 −全光、光网)"), Some(list("光纤宽带、千兆、10G PON、全光、光网")));
        assert_eq!(prior_of("x; seed(−宽带)"), Some(list("光纤宽带、千兆、光纤、10G PON、宽带")));
        assert_eq!(prior_of("seed"), None, "help: a bare seed entry has no prior");
        assert_eq!(prior_of("福建2025 http://x; seed"), None);
        // An added alias may itself open with '+': "seed(++人工智能)" adds "+人工智能".
        assert_eq!(prior(&list("人工智能+、+人工智能"), "x; seed(++人工智能)"), Some(list("人工智能+")));
        let parsed = parse("5G融合应用 | 数字基础设施 | 5G应用、5G融合 | x; seed(+5G融合) | fitted=binzhou-2023");
        assert_eq!(parsed[0].prior_aliases, Some(list("5G应用")));
        assert_eq!(parse("北斗 | 数字基础设施 | 北斗 | x | no")[0].prior_aliases, None);
    }

    #[test]
    fn carrying_is_told_from_leaning() {
        let at = |text: &str, alias: &str| {
            let start = text.find(alias).unwrap();
            carried(text, start, start + alias.len())
        };
        assert!(at("全面推进智慧社区建设", "智慧社区"));
        assert!(!at("依托城市大脑，加快建设", "城市大脑"));
        assert!(at("依托城市大脑，加快建设智慧社区", "智慧社区"));
        assert!(!at("实现与智慧社区等服务体系的有序衔接", "智慧社区"));
        assert!(!at("制定全市智慧社区建设工作实施方案", "智慧社区"));
        assert!(!at("为城市大脑建设提供智力支持", "城市大脑"));
        assert!(!at("制定数据共享、视频监控资源建设等方面的标准规范", "视频监控"));
        assert!(!at("建设集智慧照明、视频监控、5G通信等功能于一体的智慧杆柱", "视频监控"));
        assert!(!at("开展智慧杆柱建设，集成音视频监控设备、无线基站等智能设施", "视频监控"));
        assert!(at("建设集智慧照明、视频监控、5G通信等功能于一体的智慧杆柱", "智慧杆柱"));
        assert!(!at("在智慧文旅、智慧医疗、智慧教育等领域开展人工智能应用示范", "智慧医疗"));
        assert!(at("在全市推广智慧医疗", "智慧医疗"));
        assert!(at("", ""));
    }
}
