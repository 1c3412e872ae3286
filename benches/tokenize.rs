//! Tokenization against jieba-rs's own `cut` on the same text (the bundled plans), and
//! the cost of building the dictionary (startup).
//!
//! ```text
//! cargo bench --bench tokenize
//! ```

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::hint::black_box;
use std::time::{Duration, Instant};

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
    ratios(&text, &tokenizer, &jieba, &domain_jieba);
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

/// The ratios the README quotes, less exposed to this machine's noise than medians taken
/// minutes apart: each way of tokenizing in turn (once to warm its dictionary's caches,
/// once timed), 30 rounds, the best time of each.
fn ratios(text: &str, tokenizer: &Tokenizer, jieba: &Jieba, domain_jieba: &Jieba) {
    let time = |f: &dyn Fn() -> usize| {
        black_box(f());
        let started = Instant::now();
        black_box(f());
        started.elapsed()
    };
    let mut best = [Duration::MAX; 5];
    for _ in 0..30 {
        let runs: [&dyn Fn() -> usize; 5] = [
            &|| jieba.cut(black_box(text), true).len(),
            &|| domain_jieba.cut(black_box(text), true).len(),
            &|| {
                let mut n = 0;
                tokenizer.for_each_term(black_box(text), |t| n += t.len());
                n
            },
            &|| tokenizer.terms(black_box(text)).len(),
            &|| tokenizer.tokens(black_box(text)).len(),
        ];
        for (b, run) in best.iter_mut().zip(runs) {
            *b = (*b).min(time(run));
        }
    }
    let [cut, domain, for_each, terms, tokens] = best.map(|d| d.as_secs_f64());
    println!(
        "tokenize, best of 30 interleaved warm rounds: jieba cut {:.2} ms; against it: jieba with the domain dictionary \
         {:.2}x, for_each_term {:.2}x, terms {:.2}x, tokens {:.2}x",
        cut * 1e3,
        domain / cut,
        for_each / cut,
        terms / cut,
        tokens / cut
    );
}

criterion_group!(benches, tokenize);
criterion_main!(benches);
