//! Parse throughput in MB/s: each bundled plan, and the hostile
//! inputs of `tests/hostile.rs` at a tenth of their size (a line without punctuation,
//! nested and unclosed parentheses, thousands of headings, a long numbering, a clause of
//! targets). Each run checks what it parsed, so that a parser that gives up early cannot
//! post a fast time.
//!
//! ```text
//! cargo bench --bench parse
//! ```

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::hint::black_box;

use cityalign::{Plan, BUNDLED};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

fn bench(c: &mut Criterion, group_name: &str, inputs: Vec<(String, String)>) {
    let mut group = c.benchmark_group(group_name);
    group.sample_size(10);
    for (name, text) in &inputs {
        let tasks = Plan::parse(text).unwrap().tasks.len();
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), text, |bench, text| {
            bench.iter(|| assert_eq!(black_box(Plan::parse(text).unwrap()).tasks.len(), tasks));
        });
    }
    group.finish();
}

fn seeds(c: &mut Criterion) {
    let inputs = BUNDLED.iter().map(|b| (b.id.to_string(), b.text.to_string())).collect();
    bench(c, "parse", inputs);
}

fn hostile(c: &mut Criterion) {
    let inputs = vec![
        ("line-1MB".to_string(), format!("一、主要任务\n1.{}", "数".repeat(1_000_000 / 3))),
        ("nested-10k".to_string(), format!("一、主要任务\n1.建设。{}{}", "(".repeat(10_000), ")".repeat(10_000))),
        ("unclosed-10k".to_string(), format!("一、主要任务\n1.建设。{}市大数据局负责", "（".repeat(10_000))),
        ("headings-5k".to_string(), (0..5_000).map(|i| format!("{}、标题\n", ["一", "二", "三"][i % 3])).collect()),
        ("numbering-9999".to_string(), (1..=9_999).map(|i| format!("{i}.建设智慧社区。(市民政局负责)\n")).collect()),
        ("targets-10k".to_string(), format!("一、主要任务\n1.{}", "建成5G基站2000个".repeat(10_000))),
    ];
    bench(c, "parse-hostile", inputs);
}

criterion_group!(benches, seeds, hostile);
criterion_main!(benches);
