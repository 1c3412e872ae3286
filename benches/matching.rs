//! How long each strategy takes to rank and to align the bundled corpus, and the corpus
//! replicated ten times (50 plans). The dictionary and the corpora are built outside the
//! timing; each run checks the number of initiatives it finds, so that a broken matcher
//! cannot post a fast time.
//!
//! ```text
//! cargo bench --bench matching
//! ```

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::hint::black_box;

use cityalign::{Corpus, Matcher, Plan, Strategy, Tokenizer};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

/// The bundled plans, `copies` times over, each copy with its own ids.
fn replicated(copies: usize) -> Vec<Plan> {
    let bundled = Corpus::bundled().unwrap();
    let mut plans = Vec::new();
    for k in 0..copies {
        for plan in &bundled {
            let mut copy = plan.clone();
            copy.id = format!("{}~{k}", plan.id);
            for task in &mut copy.tasks {
                task.id = task.id.replacen(&plan.id, &copy.id, 1);
            }
            plans.push(copy);
        }
    }
    plans
}

fn matcher(strategy: Strategy) -> Matcher {
    Matcher::builder().strategy(strategy).build().unwrap()
}

fn rank(c: &mut Criterion) {
    let _ = Tokenizer::new();
    let mut group = c.benchmark_group("rank");
    group.sample_size(10);
    for copies in [1, 10] {
        let plans = replicated(copies);
        let tasks: usize = plans.first().map_or(0, |p| p.tasks.len());
        group.throughput(Throughput::Elements(tasks as u64));
        for strategy in Strategy::ALL {
            let comparison = matcher(strategy).compare(&plans);
            let (a, b) = (&plans[0], &plans[plans.len() - 1]);
            // Every task of the first plan against the last plan.
            let expected: usize = a.tasks.iter().map(|t| comparison.rank(&t.id, &b.id).len()).sum();
            assert!(expected > 0, "{strategy} ranks nothing");
            group.bench_with_input(
                BenchmarkId::new(strategy.name(), format!("{}plans", plans.len())),
                &(),
                |bench, ()| {
                    bench.iter(|| {
                        let found: usize = a.tasks.iter().map(|t| black_box(comparison.rank(&t.id, &b.id)).len()).sum();
                        assert_eq!(found, expected);
                    });
                },
            );
        }
    }
    group.finish();
}

fn align(c: &mut Criterion) {
    let _ = Tokenizer::new();
    let mut group = c.benchmark_group("align");
    group.sample_size(10);
    for copies in [1, 10] {
        let plans = replicated(copies);
        let tasks: usize = plans.iter().map(|p| p.tasks.len()).sum();
        group.throughput(Throughput::Elements(tasks as u64));
        for strategy in Strategy::ALL {
            let comparison = matcher(strategy).compare(&plans);
            let expected = comparison.align().initiatives.len();
            assert!(expected > 0, "{strategy} aligns nothing");
            group.bench_with_input(
                BenchmarkId::new(strategy.name(), format!("{}plans", plans.len())),
                &(),
                |bench, ()| {
                    bench.iter(|| {
                        let found = black_box(comparison.align()).initiatives.len();
                        assert_eq!(found, expected, "{strategy} found another number of initiatives");
                    });
                },
            );
        }
    }
    group.finish();
}

criterion_group!(benches, rank, align);
criterion_main!(benches);
