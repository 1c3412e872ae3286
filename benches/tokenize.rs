//! Tokenization against jieba-rs's own `cut` on the same text (the bundled plans), and
//! the cost of building the dictionary (startup).
//!
//! ```text
//! cargo bench --bench tokenize
//! ```

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::hint::black_box;

use cityalign::{Tokenizer, BUNDLED};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use jieba_rs::Jieba;

fn tokenize(c: &mut Criterion) {
    let text: String = BUNDLED.iter().map(|b| b.text).collect();
    let tokenizer = Tokenizer::new();
    let jieba = Jieba::new();
    let mut group = c.benchmark_group("tokenize");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("jieba-cut", |b| b.iter(|| black_box(jieba.cut(black_box(&text), true)).len()));
    group.bench_function("cityalign-tokens", |b| b.iter(|| black_box(tokenizer.tokens(black_box(&text))).len()));
    group.bench_function("cityalign-terms", |b| b.iter(|| black_box(tokenizer.terms(black_box(&text))).len()));
    group.finish();

    let mut group = c.benchmark_group("startup");
    group.sample_size(10);
    group.bench_function("jieba-new", |b| b.iter(|| black_box(Jieba::new())));
    group.bench_function("tokenizer-build", |b| b.iter(|| black_box(Tokenizer::builder().build())));
    group.finish();
}

criterion_group!(benches, tokenize);
criterion_main!(benches);
