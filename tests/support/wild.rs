//! The wild corpora (`tests/data/wild/`, and `tests/data/wild2/` held out from the
//! parser's development): real plans of other cities and provinces, each with a gold file
//! written by reading it. Shared by `tests/wild.rs`, which holds the figures
//! as floors, and `examples/parse_quality.rs`, which prints them.

use std::path::{Path, PathBuf};

use cityalign::{Parser, Plan, Role, Target};

/// What a gold file says of one plan.
#[derive(Debug, Default)]
pub struct Gold {
    pub city: Option<String>,
    pub issuers: Vec<String>,
    pub title: Option<String>,
    pub issued: Option<String>,
    pub tasks: usize,
    pub openings: Vec<String>,
    /// (value, measure such as "%" or "" for a count, metric).
    pub targets: Vec<(f64, String, String)>,
    /// (task opening, name, role).
    pub units: Vec<(String, String, String)>,
    /// (task opening, last day YYYY-MM-DD).
    pub deadlines: Vec<(String, String)>,
}

fn stated(value: &str) -> Option<String> {
    (value != "-").then(|| value.to_string())
}

/// Reads a gold value: 95% → (95, "%"); 350000000000元 → (3.5e11, "元"); 2000 → (2000, "").
fn value(text: &str) -> Option<(f64, String)> {
    let end = text.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(text.len());
    Some((text.get(..end)?.parse().ok()?, text.get(end..)?.to_string()))
}

pub fn read_gold(text: &str) -> Gold {
    let mut gold = Gold::default();
    for line in text.lines() {
        let Some((key, rest)) = line.split_once(": ") else { continue };
        if key.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = rest.split(" | ").collect();
        match (key, fields.as_slice()) {
            ("city", [v]) => gold.city = stated(v),
            ("issuer", [v]) => gold.issuers.extend(stated(v)),
            ("title", [v]) => gold.title = stated(v),
            ("issued", [v]) => gold.issued = stated(v),
            ("tasks", [v]) => gold.tasks = v.trim().parse().unwrap_or(0),
            ("task", [v]) => gold.openings.push(v.to_string()),
            ("target", [v, metric]) => {
                if let Some((v, measure)) = value(v.trim()) {
                    gold.targets.push((v, measure, metric.to_string()));
                }
            }
            ("unit", [task, name, role]) => gold.units.push((task.to_string(), name.to_string(), role.to_string())),
            ("deadline", [task, date]) => gold.deadlines.push((task.to_string(), date.to_string())),
            _ => {}
        }
    }
    gold
}

/// The plans of the wild corpus: (slug, text, gold), in name order.
pub fn corpus() -> Vec<(String, String, Gold)> {
    corpus_in("wild")
}

/// The plans of a wild corpus under `tests/data/` (`wild`, or the held-out `wild2`).
pub fn corpus_in(name: &str) -> Vec<(String, String, Gold)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(name);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|x| x == "txt"));
    files.sort();
    files
        .into_iter()
        .filter_map(|path| {
            let slug = path.file_stem()?.to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&path).ok()?;
            let gold = std::fs::read_to_string(path.with_extension("gold")).ok()?;
            Some((slug.clone(), text, read_gold(&gold)))
        })
        .collect()
}

/// Text as the gold and the parse are compared: pinyin glosses a mirror glued in
/// ("規(guī)劃") dropped (the parser drops them), traditional characters folded, quotes and
/// white space set aside.
fn squeeze(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(open) = rest.find('(') {
        let (before, after) = rest.split_at(open);
        out.push_str(before);
        let inner: String = after[1..]
            .chars()
            .take_while(|c| c.is_ascii_lowercase() || "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü".contains(*c))
            .collect();
        let gloss = before.chars().next_back().is_some_and(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
            && !inner.is_empty()
            && !inner.is_ascii();
        if gloss {
            let skip = 1 + inner.len() + usize::from(after[1 + inner.len()..].starts_with(')'));
            rest = &after[skip..];
        } else {
            out.push('(');
            rest = &after[1..];
        }
    }
    out.push_str(rest);
    cityalign::simplify(&out)
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '\u{3000}' | '“' | '”' | '"' | '‘' | '’'))
        .collect()
}

fn role_name(role: Role) -> &'static str {
    match role {
        Role::Lead => "lead",
        Role::Responsible => "responsible",
        Role::Cooperating => "cooperating",
        Role::Shared => "shared",
        Role::Sole => "sole",
        Role::Implementing => "implementing",
        Role::Guiding => "guiding",
        _ => "other",
    }
}

/// Words that must not start a metric (a time phrase) or end it (a lead to the number).
const TIME_STARTS: [&str; 8] = ["到", "至", "截至", "截止", "年底", "年末", "底", "力争"];
const VERB_ENDS: [&str; 14] =
    ["达到", "稳定在", "保持在", "突破", "超过", "达", "为", "建成", "实现", "完成", "提升至", "提高到", "在", "至"];

/// Why a metric is not a clean noun phrase, if it is not.
pub fn metric_fault(metric: &str) -> Option<&'static str> {
    if metric.is_empty() {
        return Some("empty");
    }
    if metric.starts_with(|c: char| c.is_ascii_digit()) && metric.contains('年') {
        return Some("starts with a year");
    }
    if TIME_STARTS.iter().any(|w| metric.starts_with(w)) {
        return Some("starts with a time phrase");
    }
    if VERB_ENDS.iter().any(|w| metric.ends_with(w)) {
        return Some("ends with a verb");
    }
    None
}

/// Counts of one check: how many the gold states, how many were found right.
#[derive(Debug, Default, Clone, Copy)]
pub struct Count {
    pub gold: usize,
    pub right: usize,
}

impl Count {
    fn add(&mut self, right: bool) {
        self.gold += 1;
        self.right += usize::from(right);
    }

    pub fn ratio(&self) -> f64 {
        if self.gold == 0 {
            1.0
        } else {
            self.right as f64 / self.gold as f64
        }
    }
}

impl std::fmt::Display for Count {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{} ({:.3})", self.right, self.gold, self.ratio())
    }
}

/// The figures over a corpus, and what went wrong, file by file.
#[derive(Debug, Default)]
pub struct Score {
    /// Files whose task count and every task opening are right.
    pub files: Count,
    pub tasks: Count,
    /// Targets found with the right value.
    pub targets: Count,
    /// Of those, with the gold's metric.
    pub metrics: Count,
    /// Units found (name), and with the role as written.
    pub units: Count,
    pub roles: Count,
    pub deadlines: Count,
    /// City, issuer, title, date of issue, where the text states them.
    pub header: Count,
    /// Every target metric of every plan, clean or not.
    pub clean_metrics: Count,
    pub misses: Vec<String>,
}

fn names_match(parsed: &str, gold: &str) -> bool {
    let (p, g) = (squeeze(parsed), squeeze(gold));
    !p.is_empty() && (p == g || g.contains(&p) || p.contains(&g))
}

/// The plan's task that the gold's opening names.
fn task_of<'p>(plan: &'p Plan, opening: &str) -> Option<&'p cityalign::Task> {
    let opening = squeeze(opening);
    plan.tasks.iter().find(|t| squeeze(&t.text).starts_with(&opening))
}

pub fn score(corpus: &[(String, String, Gold)]) -> Score {
    let mut s = Score::default();
    for (slug, text, gold) in corpus {
        let parsed = Parser::new().id(slug.as_str()).parse(text);
        let plan = parsed.as_ref().ok();
        let tasks = plan.map_or(&[][..], |p| p.tasks.as_slice());
        let mut exact = tasks.len() == gold.tasks;
        if !exact {
            s.misses.push(format!("{slug}: {} tasks, gold {}", tasks.len(), gold.tasks));
        }
        for (i, opening) in gold.openings.iter().enumerate() {
            let right = tasks.get(i).is_some_and(|t| squeeze(&t.text).starts_with(&squeeze(opening)));
            if !right {
                s.misses.push(format!(
                    "{slug}: task {} should open {opening:?}, got {:?}",
                    i + 1,
                    tasks.get(i).map(|t| &t.title)
                ));
            }
            exact &= right;
            s.tasks.add(right);
        }
        s.files.add(exact);

        let mut pool: Vec<&Target> =
            plan.map(|p| p.tasks.iter().flat_map(|t| &t.targets).chain(&p.goals).collect()).unwrap_or_default();
        for (value, measure, metric) in &gold.targets {
            let close = |t: &&Target| {
                (t.value - value).abs() <= 1e-6 * value.abs().max(1.0) && (measure != "%" || t.measure == "%")
            };
            let hit = pool
                .iter()
                .position(|t| close(t) && squeeze(&t.metric) == squeeze(metric))
                .or_else(|| pool.iter().position(close));
            match hit {
                Some(i) => {
                    let t = pool.remove(i);
                    let same = squeeze(&t.metric) == squeeze(metric);
                    if !same {
                        s.misses
                            .push(format!("{slug}: target {value}{measure} metric {:?}, gold {metric:?}", t.metric));
                    }
                    s.targets.add(true);
                    s.metrics.add(same);
                }
                None => {
                    s.misses.push(format!("{slug}: target {value}{measure} {metric} not found"));
                    s.targets.add(false);
                    s.metrics.add(false);
                }
            }
        }
        for (task, name, role) in &gold.units {
            let units: Vec<&cityalign::Unit> = match plan.and_then(|p| task_of(p, task)) {
                Some(t) => t.units.iter().collect(),
                None => tasks.iter().flat_map(|t| &t.units).collect(),
            };
            let found: Vec<&&cityalign::Unit> = units.iter().filter(|u| names_match(&u.name, name)).collect();
            let role_right = found.iter().any(|u| role_name(u.role) == role);
            if found.is_empty() {
                s.misses.push(format!("{slug}: unit {name} ({role}) not found"));
            } else if !role_right {
                s.misses.push(format!("{slug}: unit {name} is {:?}, gold {role}", found.first().map(|u| u.role)));
            }
            s.units.add(!found.is_empty());
            s.roles.add(role_right);
        }
        for (task, date) in &gold.deadlines {
            let got =
                plan.and_then(|p| task_of(p, task)).and_then(|t| t.deadline.as_ref()).map(|d| d.last_day.to_string());
            if got.as_deref() != Some(date.as_str()) {
                s.misses.push(format!("{slug}: deadline of {task:?} {got:?}, gold {date}"));
            }
            s.deadlines.add(got.as_deref() == Some(date.as_str()));
        }
        let fields = [
            ("city", gold.city.as_deref(), plan.and_then(|p| p.city.clone())),
            ("issuer", gold.issuers.first().map(String::as_str), plan.and_then(|p| p.issuer.clone())),
            ("title", gold.title.as_deref(), plan.and_then(|p| p.title.clone())),
            ("issued", gold.issued.as_deref(), plan.and_then(|p| p.issued.map(|d| d.to_string()))),
        ];
        for (field, want, got) in fields {
            let Some(want) = want else { continue };
            let right = got.as_deref().is_some_and(|g| {
                squeeze(g) == squeeze(want)
                    || (field == "issuer" && gold.issuers.iter().any(|i| squeeze(i) == squeeze(g)))
            });
            if !right {
                s.misses.push(format!("{slug}: {field} {got:?}, gold {want:?}"));
            }
            s.header.add(right);
        }
        for t in plan
            .map(|p| p.tasks.iter().flat_map(|t| &t.targets).chain(&p.goals).collect::<Vec<_>>())
            .unwrap_or_default()
        {
            let fault = metric_fault(&t.metric);
            if let Some(fault) = fault {
                s.misses.push(format!("{slug}: metric {:?} of {:?} {fault}", t.metric, t.text));
            }
            s.clean_metrics.add(fault.is_none());
        }
    }
    s
}
