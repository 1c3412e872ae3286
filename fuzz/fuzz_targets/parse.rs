//! Any bytes: the parser returns a plan or a clear error, never panics, and a plan's
//! segments tile the input, its items lie inside it and it survives a JSON round trip.

#![no_main]

use cityalign::{decode, ErrorKind, Parser, Plan};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let plan = match Parser::new().parse_bytes(bytes) {
        Ok(plan) => plan,
        Err(e) => {
            if let ErrorKind::InvalidEncoding { offset } = e.kind() {
                assert!(std::str::from_utf8(&bytes[..*offset]).is_ok());
            }
            return;
        }
    };
    // Spans index the decoded text (UTF-8 as is, or GB18030 decoded).
    let text = decode(bytes).unwrap().0;
    let text = text.as_ref();
    assert!(plan.segments_tile());
    assert_eq!(plan.source_len, text.len());
    for task in &plan.tasks {
        assert!(task.span.slice(text).is_some());
        for unit in &task.units {
            assert!(task.span.contains(unit.span));
        }
        for target in &task.targets {
            assert!(task.span.contains(target.span));
            assert!(target.value.is_finite());
        }
    }
    let json = serde_json::to_string(&plan).unwrap();
    let back: Plan = serde_json::from_str(&json).unwrap();
    assert_eq!(back, plan);
});
