//! The typed model of a plan. Every type serializes with serde.

mod answer;
mod deadline;
mod plan;
mod span;
mod target;
mod task;
mod unit;

pub use deadline::{Date, DateParseError, Deadline, DeadlineSource, Period, Precision};
pub use plan::Plan;
pub use span::{Segment, SegmentKind, Span};
pub use target::{Accrual, Bound, Target};
pub use task::{Clause, Heading, NumberPath, NumberStyle, Numeral, SectionKind, Task, TaskKind};
pub use unit::{Department, Role, Unit};
