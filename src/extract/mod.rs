//! Extraction of the facts a task states: who is responsible, by when, and how much.
//!
//! Each extractor reads an item's repaired text and knows nothing of the document's
//! structure; [`parse`](crate::parse) assembles their findings into the model.

pub(crate) mod brackets;
pub(crate) mod deadline;
pub(crate) mod department;
pub(crate) mod number;
pub(crate) mod targets;
pub(crate) mod text;
pub(crate) mod units;
