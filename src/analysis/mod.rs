//! Analyses of a corpus beyond the comparison table: where plans share their wording.
//!
//! They read parsed plans (and, for wording, the sources they were parsed from) and sit
//! downstream of parsing, beside matching; nothing upstream depends on them.

mod reuse;

pub use reuse::{Passage, PassageEnd, PassageKind, ReuseShare, SharedWording};
