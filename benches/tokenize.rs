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
    // The same dictionary as the tokenizer's, to tell jieba's own cost of the larger
    // dictionary from the tokenizer's.
    let mut domain_jieba = Jieba::new();
    let domain = cityalign::domain_words().chain(cityalign::bundled_aliases().flat_map(|(a, c)| [a, c]));
    for word in domain {
        domain_jieba.add_word(word, Some(200_000), None);
    }
    let mut group = c.benchmark_group("tokenize");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("jieba-cut", |b| b.iter(|| black_box(jieba.cut(black_box(&text), true)).len()));
    group.bench_function("jieba-cut-domain-dictionary", |b| {
        b.iter(|| black_box(domain_jieba.cut(black_box(&text), true)).len())
    });
    group.bench_function("cityalign-for-each-term", |b| {
        b.iter(|| {
            let mut n = 0;
            tokenizer.for_each_term(black_box(&text), |t| n += t.len());
            n
        })
    });
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
