//! Collections of plans, and the bundled corpus.

use std::path::{Path, PathBuf};

use crate::par::*;

use crate::error::{Error, ErrorKind, Result};
use crate::model::Plan;
use crate::parse::Parser;

/// A plan shipped with the crate: its id, file name and text.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct BundledPlan {
    /// The id the bundled corpus gives it: `dongying-2022`.
    pub id: &'static str,
    /// Its file name in `seeds/`.
    pub file: &'static str,
    /// Its text, byte for byte as published.
    pub text: &'static str,
}

macro_rules! bundled {
    ($($id:literal => $file:literal),* $(,)?) => {
        &[$(BundledPlan { id: $id, file: $file, text: include_str!(concat!("../seeds/", $file)) }),*]
    };
}

/// The five bundled plans, in the order of their date of issue.
pub const BUNDLED: &[BundledPlan] = bundled![
    "liaocheng-2020-2022" => "liaocheng-2020-2022-digital-liaocheng-three-year-plan.txt",
    "dongying-2021-2022" => "dongying-2021-2022-smart-city-pilot-plan.txt",
    "dongying-2022" => "dongying-2022-digital-transformation-action-plan.txt",
    "binzhou-2023" => "binzhou-2023-digital-city-key-points.txt",
    "jimo-2024" => "jimo-2024-digital-jimo-action-plan.txt",
];

/// Several plans, kept in the order they were added.
///
/// # Examples
///
/// ```
/// use cityalign::Corpus;
///
/// let corpus = Corpus::bundled().unwrap();
/// assert_eq!(corpus.len(), 5);
/// let plan = corpus.get("dongying-2022").unwrap();
/// assert_eq!(plan.city.as_deref(), Some("东营"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Corpus {
    plans: Vec<Plan>,
}

impl Corpus {
    /// An empty corpus.
    pub fn new() -> Corpus {
        Corpus::default()
    }

    /// The bundled plans, parsed.
    ///
    /// # Errors
    ///
    /// None in practice: the bundled texts are known to parse, and the tests prove it.
    pub fn bundled() -> Result<Corpus> {
        let mut corpus = Corpus::new();
        for plan in BUNDLED {
            corpus.push(Parser::new().id(plan.id).parse(plan.text)?);
        }
        Ok(corpus)
    }

    /// Reads and parses plan files (UTF-8 or GB18030/GBK), each with its file name
    /// without extension as id.
    ///
    /// # Errors
    ///
    /// The first file that cannot be read or parsed, with its name.
    pub fn from_files<P: AsRef<Path> + Sync>(paths: impl IntoIterator<Item = P>) -> Result<Corpus> {
        let paths: Vec<P> = paths.into_iter().collect();
        // Files are read and parsed in parallel; the corpus keeps the order given.
        let plans: Result<Vec<Vec<Plan>>> = paths.par_iter().map(|path| read_plans(path.as_ref())).collect();
        Ok(Corpus { plans: plans?.into_iter().flatten().collect() })
    }

    /// Reads and parses plan files like [`Corpus::from_files`], but goes on past a file
    /// that cannot be read or parsed: its error, naming it, is returned beside the
    /// corpus of the others, in the order given.
    ///
    /// # Examples
    ///
    /// ```
    /// use cityalign::Corpus;
    ///
    /// let (corpus, errors) = Corpus::from_files_skipping(["no-such-plan.txt"]);
    /// assert!(corpus.is_empty());
    /// assert!(errors[0].to_string().starts_with("no-such-plan.txt: "));
    /// ```
    pub fn from_files_skipping<P: AsRef<Path> + Sync>(paths: impl IntoIterator<Item = P>) -> (Corpus, Vec<Error>) {
        let paths: Vec<P> = paths.into_iter().collect();
        let read: Vec<Result<Vec<Plan>>> = paths.par_iter().map(|path| read_plans(path.as_ref())).collect();
        let mut corpus = Corpus::new();
        let mut errors = Vec::new();
        for result in read {
            match result {
                Ok(plans) => corpus.plans.extend(plans),
                Err(e) => errors.push(e),
            }
        }
        (corpus, errors)
    }

    /// Reads and parses every `.txt` file of a directory, in name order, going on past
    /// the files that cannot be read or parsed (see [`Corpus::from_files_skipping`]).
    ///
    /// # Errors
    ///
    /// The directory cannot be listed.
    pub fn from_dir_skipping(dir: impl AsRef<Path>) -> Result<(Corpus, Vec<Error>)> {
        Ok(Corpus::from_files_skipping(plan_files(dir.as_ref())?))
    }

    /// Reads and parses every `.txt` file of a directory, in name order.
    ///
    /// # Errors
    ///
    /// The directory cannot be listed, or as [`Corpus::from_files`].
    pub fn from_dir(dir: impl AsRef<Path>) -> Result<Corpus> {
        Corpus::from_files(plan_files(dir.as_ref())?)
    }

    /// Reads, parses and adds the plans of one file (one, or several when the file is a
    /// compilation), with its file name without extension as id (`name`, `name-2`, …).
    /// Returns the plans added.
    ///
    /// # Errors
    ///
    /// As [`Parser::parse_file_all`].
    pub fn add_file(&mut self, path: impl AsRef<Path>) -> Result<&[Plan]> {
        let plans = read_plans(path.as_ref())?;
        let from = self.plans.len();
        self.plans.extend(plans);
        self.plans.get(from..).ok_or_else(|| ErrorKind::Empty.into())
    }

    /// Adds the plans of another corpus, in order.
    pub fn extend(&mut self, other: Corpus) {
        self.plans.extend(other.plans);
    }

    /// Adds a plan.
    pub fn push(&mut self, plan: Plan) {
        self.plans.push(plan);
    }

    /// The plan with this id.
    pub fn get(&self, id: &str) -> Option<&Plan> {
        self.plans.iter().find(|p| p.id == id)
    }

    /// The plans, in order.
    pub fn plans(&self) -> &[Plan] {
        &self.plans
    }

    /// Iterates over the plans.
    pub fn iter(&self) -> std::slice::Iter<'_, Plan> {
        self.plans.iter()
    }

    /// How many plans it holds.
    pub fn len(&self) -> usize {
        self.plans.len()
    }

    /// Whether it holds no plan.
    pub fn is_empty(&self) -> bool {
        self.plans.is_empty()
    }
}

/// The plans of a file (one, or several in a compilation), with its file name without
/// extension as id (`name`, `name-2`, …).
fn read_plans(path: &Path) -> Result<Vec<Plan>> {
    let id = path.file_stem().map_or_else(|| "plan".to_string(), |s| s.to_string_lossy().into_owned());
    Parser::new().id(id).parse_file_all(path)
}

/// The `.txt` files of `dir`, in name order.
///
/// # Errors
///
/// [`ErrorKind::Io`] naming the directory when it cannot be listed.
pub fn plan_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries = std::fs::read_dir(dir).map_err(|e| crate::Error::from(ErrorKind::Io(e)).in_file(dir))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x.eq_ignore_ascii_case("txt")))
        .collect();
    files.sort();
    Ok(files)
}

impl FromIterator<Plan> for Corpus {
    fn from_iter<I: IntoIterator<Item = Plan>>(iter: I) -> Corpus {
        Corpus { plans: iter.into_iter().collect() }
    }
}

impl<'c> IntoIterator for &'c Corpus {
    type Item = &'c Plan;
    type IntoIter = std::slice::Iter<'c, Plan>;

    fn into_iter(self) -> Self::IntoIter {
        self.plans.iter()
    }
}
