//! How a matcher is configured: strategy, threshold, taxonomy, clustering, and its
//! builder; `Matcher::compare` prepares plans for comparison.

use super::*;
/// A configuration that cannot work.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// A threshold outside [0, 1].
    #[error("invalid threshold {0}, expected a number in [0, 1]")]
    Threshold(f64),
    /// A margin outside [0, 1].
    #[error("invalid margin {0}, expected a number in [0, 1]")]
    Margin(f64),
    /// A strategy name that does not exist.
    #[error(transparent)]
    Strategy(#[from] UnknownStrategy),
}

/// Compares plans with one strategy. `Matcher::new()` is the hybrid strategy with its
/// default threshold; [`Matcher::builder`] configures.
///
/// # Examples
///
/// ```
/// use cityalign::{Corpus, Matcher, Strategy};
///
/// let corpus = Corpus::bundled()?;
/// let matcher = Matcher::builder().strategy(Strategy::Hybrid).threshold(0.4).build()?;
/// let comparison = matcher.compare(corpus.plans());
/// // 东营's 双千兆 task against 即墨: the bundle that builds its 5G base stations comes first.
/// let best = comparison.rank("dongying-2022#16", "jimo-2024");
/// assert_eq!(best[0].task.task, "jimo-2024#23");
/// assert!(best[0].score > best[1].score);
/// assert!(Matcher::builder().threshold(1.5).build().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Matcher {
    pub(super) strategy: Strategy,
    pub(super) threshold: f64,
    pub(super) margin: f64,
    pub(super) tokenizer: Tokenizer,
    /// `None`: `align` scores every pair of tasks of different plans.
    pub(super) blocking: Option<Blocking>,
    pub(super) concepts: Concepts,
    pub(super) clustering: Clustering,
}

/// How `align` makes initiatives of the links it finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Clustering {
    /// Each link joins the group of the most telling term its clauses share (the method
    /// before the concept layer); groups are then named and merged like the others.
    Terms,
    /// Links whose clauses both carry a concept gather under it; other links are grouped
    /// by shared term. Groups holding mostly the same tasks are merged.
    #[default]
    Concepts,
    /// Like `Concepts`, and a task carrying the concept joins when it is linked to a
    /// member (by any clause).
    Linked,
    /// Like `Concepts`, and every task that carries a concept joins its initiative, linked
    /// or not.
    Lexical,
}

impl Clustering {
    /// Every method, for measurement.
    pub const ALL: [Clustering; 4] = [Clustering::Terms, Clustering::Concepts, Clustering::Linked, Clustering::Lexical];
}

impl fmt::Display for Clustering {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Clustering::Terms => "terms",
            Clustering::Concepts => "concepts",
            Clustering::Linked => "linked",
            Clustering::Lexical => "lexical",
        })
    }
}

impl Default for Matcher {
    fn default() -> Matcher {
        Matcher::new()
    }
}

/// Builds a [`Matcher`].
#[derive(Debug, Clone, Default)]
pub struct MatcherBuilder {
    strategy: Option<Strategy>,
    threshold: Option<f64>,
    margin: Option<f64>,
    tokenizer: Option<Tokenizer>,
    exhaustive: bool,
    concepts: Option<Concepts>,
    added: Vec<Concept>,
    clustering: Option<Clustering>,
}

impl MatcherBuilder {
    /// The strategy (default: [`Strategy::Hybrid`]).
    pub fn strategy(mut self, strategy: Strategy) -> MatcherBuilder {
        self.strategy = Some(strategy);
        self
    }

    /// The lowest score at which two tasks are aligned (default: the strategy's
    /// [`Strategy::default_threshold`]).
    pub fn threshold(mut self, threshold: f64) -> MatcherBuilder {
        self.threshold = Some(threshold);
        self
    }

    /// How far below a task's best match another may score and still be aligned with it
    /// (default 0: mutual best matches only).
    pub fn margin(mut self, margin: f64) -> MatcherBuilder {
        self.margin = Some(margin);
        self
    }

    /// The tokenizer (default: [`Tokenizer::new`]).
    pub fn tokenizer(mut self, tokenizer: Tokenizer) -> MatcherBuilder {
        self.tokenizer = Some(tokenizer);
        self
    }

    /// Whether `align` scores every pair of tasks of different plans instead of the
    /// candidates an inverted index proposes (default: false). Exhaustive alignment costs
    /// the square of the corpus; it is the reference blocking is measured against.
    pub fn exhaustive(mut self, exhaustive: bool) -> MatcherBuilder {
        self.exhaustive = exhaustive;
        self
    }

    /// The taxonomy of initiatives that names rows and anchors them (default:
    /// [`Concepts::bundled`]).
    pub fn concepts(mut self, concepts: Concepts) -> MatcherBuilder {
        self.concepts = Some(concepts);
        self
    }

    /// One more concept for the taxonomy (or more aliases for one of its names).
    pub fn concept(mut self, concept: Concept) -> MatcherBuilder {
        self.added.push(concept);
        self
    }

    /// How links become initiatives (default: [`Clustering::Concepts`]).
    pub fn clustering(mut self, clustering: Clustering) -> MatcherBuilder {
        self.clustering = Some(clustering);
        self
    }

    /// The matcher.
    ///
    /// # Errors
    ///
    /// [`ConfigError`] for a threshold or margin outside [0, 1].
    pub fn build(self) -> Result<Matcher, ConfigError> {
        let strategy = self.strategy.unwrap_or_default();
        let threshold = self.threshold.unwrap_or_else(|| strategy.default_threshold());
        if !(0.0..=1.0).contains(&threshold) {
            return Err(ConfigError::Threshold(threshold));
        }
        let margin = self.margin.unwrap_or(0.0);
        if !(0.0..=1.0).contains(&margin) {
            return Err(ConfigError::Margin(margin));
        }
        Ok(Matcher {
            strategy,
            threshold,
            margin,
            tokenizer: self.tokenizer.unwrap_or_default(),
            blocking: (!self.exhaustive).then(Blocking::default),
            concepts: self.added.into_iter().fold(self.concepts.unwrap_or_default(), Concepts::with),
            clustering: self.clustering.unwrap_or_default(),
        })
    }
}

impl Matcher {
    /// The hybrid strategy with its default threshold.
    pub fn new() -> Matcher {
        Matcher {
            strategy: Strategy::Hybrid,
            threshold: Strategy::Hybrid.default_threshold(),
            margin: 0.0,
            tokenizer: Tokenizer::new(),
            blocking: Some(Blocking::default()),
            concepts: Concepts::bundled(),
            clustering: Clustering::default(),
        }
    }

    /// A builder.
    pub fn builder() -> MatcherBuilder {
        MatcherBuilder::default()
    }

    /// The strategy in use.
    pub fn strategy(&self) -> Strategy {
        self.strategy
    }

    /// The alignment threshold in use.
    pub fn threshold(&self) -> f64 {
        self.threshold
    }

    /// Prepares the plans for comparison: tokenizes every clause once and learns the
    /// corpus statistics (IDF) from these plans.
    pub fn compare<'p>(&self, plans: impl IntoIterator<Item = &'p Plan>) -> Comparison<'p> {
        let plans: Vec<&Plan> = plans.into_iter().collect();
        let mut features = Features::build(&plans, &self.tokenizer);
        let domain: HashSet<String> = domain_words()
            .map(|w| self.tokenizer.canonical(w).to_string())
            .chain(bundled_aliases().map(|(_, c)| c.to_string()))
            .collect();
        let domain = features.terms.iter().map(|t| domain.contains(t)).collect();
        let plan_ids: Vec<Id> = plans.iter().map(|p| Id::from(&p.id)).collect();
        let refs: Vec<TaskRef> = features
            .tasks
            .iter()
            .map(|t| TaskRef {
                plan: plan_ids.get(t.plan).cloned().unwrap_or_default(),
                task: plans.get(t.plan).and_then(|p| p.tasks.get(t.task)).map(|t| Id::from(&t.id)).unwrap_or_default(),
            })
            .collect();
        let index = refs.iter().enumerate().map(|(i, r)| (r.task.clone(), i)).collect();
        let marks: Vec<TaskMarks> = features
            .tasks
            .par_iter()
            .map(|t| {
                let task = plans.get(t.plan).and_then(|p| p.tasks.get(t.task));
                let title = task.map_or("", |t| t.title.as_str());
                let clauses = t
                    .sources
                    .iter()
                    .map(|&s| {
                        let text = task.and_then(|t| t.clauses.get(s as usize)).map_or(title, |c| c.text.as_str());
                        self.marks(text)
                    })
                    .collect();
                let title = self.marks(title).iter().filter(|m| m.carried).map(|m| m.concept).collect();
                TaskMarks { clauses, title }
            })
            .collect();
        // The hybrid weighs whether two clauses, and two titles, carry one concept.
        let distinct = |mut concepts: Vec<u32>| {
            concepts.sort_unstable();
            concepts.dedup();
            concepts.into_boxed_slice()
        };
        for (t, m) in features.tasks.iter_mut().zip(&marks) {
            for (k, clause) in t.clauses.iter_mut().enumerate() {
                clause.concepts = distinct(m.carried(k).collect());
            }
            t.heading.concepts = distinct(m.title.to_vec());
        }
        let safeguard = features
            .tasks
            .iter()
            .map(|t| plans.get(t.plan).and_then(|p| p.tasks.get(t.task)).is_some_and(|t| t.kind == TaskKind::Safeguard))
            .collect();
        Comparison { plans, features, matcher: self.clone(), domain, index, refs, marks, safeguard }
    }

    /// The concepts a clause names, each marked carried or leaned on.
    fn marks(&self, text: &str) -> Box<[Mark]> {
        let folded = crate::script::fold(text);
        self.concepts
            .find(&folded)
            .into_iter()
            .map(|m| Mark { concept: narrow(m.concept), carried: concepts::carried(&folded, m.byte_start, m.byte_end) })
            .collect()
    }

    /// The taxonomy in use.
    pub fn concept_taxonomy(&self) -> &Concepts {
        &self.concepts
    }

    /// How links become initiatives.
    pub fn clustering(&self) -> Clustering {
        self.clustering
    }
}
