//! Lining up equivalent initiatives across plans: rank, align, query.
//!
//! Tasks are compared clause by clause and a task pair scores as its best clause pair,
//! so that a task bundling several initiatives (5G base stations, charging piles and
//! smart communities in one) lines up with each of them.

mod blocking;
mod cluster;
mod comparison;
mod concepts;
mod config;
mod features;
mod id;
mod index;
mod measures;
mod results;
mod strategy;

// Shared by the submodules, which import them with `use super::*`: the façade names what
// the stage depends on once.
use std::collections::{HashMap, HashSet};
use std::fmt;

use crate::par::*;

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use crate::model::{Plan, Task, TaskKind};
use crate::tokenize::{bundled_aliases, domain_words, Tokenizer};
use blocking::Blocking;
pub use comparison::Comparison;
use comparison::{Mark, TaskMarks};
pub use concepts::{Category, Concept, ConceptMatch, Concepts};
pub use config::{Clustering, ConfigError, Matcher, MatcherBuilder};
use features::{Features, TaskFeatures};
pub use id::Id;
use index::{narrow, TITLE};
pub use results::{Alignment, Candidate, Candidates, Explanation, Hit, Initiative, Link, TaskRef};
use strategy::Scored;
pub use strategy::{Contribution, Strategy, UnknownStrategy};
