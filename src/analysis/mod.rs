//! Analyses of a corpus beyond the comparison table: how a city's plans change from one
//! to the next ([`evolution`]), who planned an initiative first ([`diffusion`]), and
//! where plans share their wording ([`SharedWording`]).
//!
//! They read parsed plans (and, for wording, the sources they were parsed from) and sit
//! downstream of parsing, beside matching; nothing upstream depends on them.

mod diffusion;
mod evolution;
mod reuse;

pub use diffusion::{diffusion, Adopter, Diffusion};
pub use evolution::{evolution, Continued, Evolution, TargetChange};
pub use reuse::{Passage, PassageEnd, PassageKind, ReuseShare, SharedWording};
