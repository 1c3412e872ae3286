//! A synthetic corpus of any size with a known alignment, for measuring scale.
//!
//! Each generated plan takes a random selection of the bundled plans' tasks and perturbs
//! them as real plans differ: another (invented) city name, other numbers and years,
//! sentences reordered and dropped, alias substitutions (城市大脑 ↔ 城市云脑). A generated
//! task's truth is the bundled task it came from. Everything is drawn from one seeded
//! generator, so a size and a seed give the same corpus on every machine.

#![allow(dead_code)] // each user takes what it needs

use cityalign::{bundled_aliases, Corpus, Plan, TaskKind};

/// SplitMix64: small, fast, and the same everywhere.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

/// One bundled task a generated task may come from.
#[derive(Debug, Clone)]
pub struct Source {
    /// Index in the list of sources: the truth label.
    pub id: usize,
    pub title: String,
    /// The task's text after its title, responsibility parentheses included.
    pub body: String,
    /// The city of its plan, to be replaced.
    pub city: String,
}

/// A generated corpus.
pub struct Synthetic {
    /// (id, text) per plan.
    pub plans: Vec<(String, String)>,
    /// Per plan, per task in order: the source it came from.
    pub truth: Vec<Vec<usize>>,
}

/// The sources: every task (not safeguard) of the bundled plans.
pub fn sources(corpus: &Corpus) -> Vec<Source> {
    let mut out = Vec::new();
    for plan in corpus.iter() {
        for task in plan.tasks.iter().filter(|t| t.kind == TaskKind::Task) {
            let body = task.text.strip_prefix(&task.title).unwrap_or(&task.text);
            let body = body.trim_start_matches(['。', '.', ':', '：', '\n']).replace('\n', "");
            out.push(Source {
                id: out.len(),
                title: task.title.clone(),
                body,
                city: plan.city.clone().unwrap_or_default(),
            });
        }
    }
    out
}

const NAME_CHARS: [char; 24] = [
    '安', '宁', '平', '和', '兴', '华', '昌', '山', '河', '阳', '江', '海', '泉', '丰', '德', '明', '清', '远', '临',
    '成', '嘉', '瑞', '新', '云',
];

fn city_name(rng: &mut Rng) -> String {
    let a = NAME_CHARS[rng.below(NAME_CHARS.len())];
    let mut b = NAME_CHARS[rng.below(NAME_CHARS.len())];
    while b == a {
        b = NAME_CHARS[rng.below(NAME_CHARS.len())];
    }
    format!("{a}{b}")
}

/// `text` with years shifted by `years` and other numbers scaled by a random factor.
fn renumber(text: &str, years: i32, rng: &mut Rng) -> String {
    let mut out = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() || (i > 0 && (chars[i - 1].is_ascii_alphabetic() || chars[i - 1] == '.')) {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        let digits: String = chars[start..i].iter().collect();
        let glued = chars.get(i).is_some_and(|c| c.is_ascii_alphabetic() || *c == '.');
        let value: u64 = digits.parse().unwrap_or(0);
        let is_year = digits.len() == 4 && (2015..=2030).contains(&value) && chars.get(i) == Some(&'年');
        if is_year {
            out.push_str(&(value as i64 + i64::from(years)).to_string());
        } else if glued || value == 0 || digits.len() > 6 {
            out.push_str(&digits);
        } else {
            let factor = 0.5 + rng.below(150) as f64 / 100.0;
            out.push_str(&((value as f64 * factor).round().max(1.0) as u64).to_string());
        }
    }
    out
}

/// The sentences of a body, reordered a little and one sometimes dropped; the
/// responsibility parenthesis at the end stays at the end.
fn shuffle_sentences(body: &str, rng: &mut Rng) -> String {
    let (main, tail) = match body.rfind(['(', '（']) {
        Some(at) if body[at..].contains(['牵', '负', '责']) => body.split_at(at),
        _ => (body, ""),
    };
    let mut sentences: Vec<&str> = main.split_inclusive(['。', ';', '；']).filter(|s| !s.trim().is_empty()).collect();
    if sentences.len() > 2 && rng.chance(0.3) {
        sentences.remove(1 + rng.below(sentences.len() - 1));
    }
    if sentences.len() > 1 && rng.chance(0.5) {
        let k = rng.below(sentences.len() - 1);
        sentences.swap(k, k + 1);
    }
    let mut out: String = sentences.concat();
    if !out.ends_with(['。', ';', '；']) && !out.is_empty() {
        out.push('。');
    }
    out.push_str(tail);
    out
}

/// Alias substitutions both ways, each with probability one half.
fn substitute_aliases(text: &str, rng: &mut Rng) -> String {
    let mut out = text.to_string();
    for (alias, canonical) in bundled_aliases() {
        if out.contains(canonical) && rng.chance(0.5) {
            out = out.replace(canonical, alias);
        } else if out.contains(alias) && rng.chance(0.5) {
            out = out.replace(alias, canonical);
        }
    }
    out
}

/// `n` plans of about `tasks` tasks each, from `sources`, drawn with `seed`.
pub fn generate(sources: &[Source], n: usize, tasks: usize, seed: u64) -> Synthetic {
    let mut rng = Rng::new(seed);
    let mut plans = Vec::with_capacity(n);
    let mut truth = Vec::with_capacity(n);
    for k in 0..n {
        let city = city_name(&mut rng);
        let year = 2019 + rng.below(8) as i32;
        let mut picked: Vec<usize> = Vec::new();
        let count = (tasks / 2 + rng.below(tasks.max(1))).min(sources.len());
        while picked.len() < count {
            let s = rng.below(sources.len());
            if !picked.contains(&s) {
                picked.push(s);
            }
        }
        let mut text = format!(
            "{city}市人民政府办公室\n关于印发{city}市数字政府建设{year}年行动方案的通知\n{city}市数字政府建设{year}年行动方案\n一、主要任务\n"
        );
        for (i, &s) in picked.iter().enumerate() {
            let source = &sources[s];
            let shift = year - 2022;
            let body = shuffle_sentences(&source.body, &mut rng);
            let body = renumber(&body, shift, &mut rng);
            let body = substitute_aliases(&body, &mut rng);
            let body = if source.city.is_empty() { body } else { body.replace(&source.city, &city) };
            text.push_str(&format!("{}.{}。{}\n", i + 1, source.title, body));
        }
        text.push_str("二、保障措施\n加强组织领导,落实工作责任。\n");
        plans.push((format!("synthetic-{k:05}"), text));
        truth.push(picked);
    }
    Synthetic { plans, truth }
}

/// Parses a generated corpus; plans whose task count differs from what was written are
/// reported by index (the truth of their tasks is then unknown).
pub fn parse(synthetic: &Synthetic) -> (Vec<Plan>, Vec<usize>) {
    let mut plans = Vec::new();
    let mut off = Vec::new();
    for (i, (id, text)) in synthetic.plans.iter().enumerate() {
        match cityalign::Parser::new().id(id.clone()).parse(text) {
            Ok(plan) => {
                let tasks = plan.tasks.iter().filter(|t| t.kind == TaskKind::Task).count();
                if tasks != synthetic.truth[i].len() {
                    off.push(i);
                }
                plans.push(plan);
            }
            Err(_) => off.push(i),
        }
    }
    (plans, off)
}

/// Peak resident memory of this process, in MB (Linux; 0 elsewhere): what a run at scale
/// reports beside its times.
pub fn peak_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0.0);
    kb / 1024.0
}
