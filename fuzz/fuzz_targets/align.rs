//! Two plans from one input (split at its first NUL byte): tokenizing and every
//! strategy's ranking and alignment never panic, and scores stay in [0, 1].

#![no_main]

use cityalign::{Matcher, Parser, Strategy};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else { return };
    let (a, b) = text.split_once('\0').unwrap_or((text, text));
    let (Ok(a), Ok(b)) = (Parser::new().id("a").parse(a), Parser::new().id("b").parse(b)) else { return };
    for strategy in Strategy::ALL {
        let matcher = Matcher::builder().strategy(strategy).build().unwrap();
        let comparison = matcher.compare([&a, &b]);
        for task in &a.tasks {
            for candidate in comparison.rank(&task.id, "b") {
                assert!((0.0..=1.0).contains(&candidate.score));
            }
        }
        let _ = comparison.align();
        let _ = comparison.query(a.tasks.first().map_or("", |t| t.title.as_str()));
    }
});
