//! The similarity measures and their constants, in one place: features use them to
//! prepare clauses (BM25 against itself), strategies to score clause pairs, blocking and
//! naming to weigh terms. They read plain sorted slices, so that this module depends on
//! no other.

/// BM25's term-frequency saturation.
pub(crate) const BM25_K1: f64 = 1.2;
/// BM25's length normalisation.
pub(crate) const BM25_B: f64 = 0.75;
/// How much more a term of the genre's dictionary tells than another of the same IDF,
/// when terms are ranked (blocking keys, a link's telling term, a key phrase).
pub(crate) const DOMAIN_WEIGHT: f64 = 3.0;

/// A term's weight for ranking: its IDF, raised for a domain term.
pub(crate) fn telling(idf: f64, domain: bool) -> f64 {
    if domain {
        idf * DOMAIN_WEIGHT
    } else {
        idf
    }
}

/// Number of elements two sorted, distinct slices share.
pub(crate) fn overlap<T: Ord + Copy>(a: &[T], b: &[T]) -> usize {
    // Branch-free merge: the hottest loop of alignment.
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        let (Some(&x), Some(&y)) = (a.get(i), b.get(j)) else { break };
        n += usize::from(x == y);
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    n
}

/// Dice coefficient of two sorted, distinct sets (character bigrams).
pub(crate) fn dice(a: &[u32], b: &[u32]) -> f64 {
    let total = a.len() + b.len();
    if total == 0 {
        return 0.0;
    }
    2.0 * overlap(a, b) as f64 / total as f64
}

/// Jaccard index of two sets of which `shared` elements are common.
pub(crate) fn jaccard_of(shared: usize, a: usize, b: usize) -> f64 {
    let union = a + b - shared;
    if union == 0 {
        0.0
    } else {
        shared as f64 / union as f64
    }
}

/// Jaccard index of two sorted, distinct sets (terms).
pub(crate) fn jaccard(a: &[u32], b: &[u32]) -> f64 {
    jaccard_of(overlap(a, b), a.len(), b.len())
}

/// Cosine of two unit-length sparse vectors given as sorted term ids and their weights.
pub(crate) fn cosine(a: &[u32], a_weights: &[f64], b: &[u32], b_weights: &[f64]) -> f64 {
    let (mut i, mut j, mut dot) = (0, 0, 0.0);
    while let (Some(&x), Some(&y)) = (a.get(i), b.get(j)) {
        match x.cmp(&y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                if let (Some(wx), Some(wy)) = (a_weights.get(i), b_weights.get(j)) {
                    dot += wx * wy;
                }
                i += 1;
                j += 1;
            }
        }
    }
    dot.clamp(0.0, 1.0)
}

/// A document's length against the corpus mean (1 when the corpus is empty).
pub(crate) fn length_ratio(len: u32, mean_len: f64) -> f64 {
    if mean_len > 0.0 {
        f64::from(len) / mean_len
    } else {
        1.0
    }
}

/// One term's BM25 contribution: its IDF, occurring `tf` times in a document of
/// `length_ratio` times the mean length.
pub(crate) fn bm25_term(idf: f64, tf: f64, length_ratio: f64) -> f64 {
    idf * tf * (BM25_K1 + 1.0) / (tf + BM25_K1 * (1.0 - BM25_B + BM25_B * length_ratio))
}

/// A document as BM25 reads it: sorted distinct term ids, their frequencies, its length.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Bm25Doc<'a> {
    pub terms: &'a [u32],
    pub tf: &'a [u32],
    pub len: u32,
}

/// BM25 of `query`'s terms against `doc`, with `idf` the BM25 IDF of a term id.
pub(crate) fn bm25(idf: impl Fn(u32) -> f64, mean_len: f64, query: &[u32], doc: Bm25Doc<'_>) -> f64 {
    let ratio = length_ratio(doc.len, mean_len);
    let mut score = 0.0;
    let mut j = 0;
    for &term in query {
        while doc.terms.get(j).is_some_and(|&d| d < term) {
            j += 1;
        }
        if let (Some(&d), Some(&tf)) = (doc.terms.get(j), doc.tf.get(j)) {
            if d == term {
                score += bm25_term(idf(term), f64::from(tf), ratio);
            }
        }
    }
    score
}

/// A raw BM25 score over the query's score against itself, in [0, 1].
pub(crate) fn bm25_normalised(raw: f64, self_score: f64) -> f64 {
    if self_score > 0.0 {
        (raw / self_score).clamp(0.0, 1.0)
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlap_of_sorted_sets() {
        assert_eq!(overlap(&[1, 3, 5, 7], &[3, 4, 5]), 2);
        assert_eq!(overlap::<u32>(&[], &[1]), 0);
    }

    #[test]
    fn set_measures_at_their_edges() {
        assert_eq!(dice(&[], &[]), 0.0);
        assert_eq!(dice(&[1, 2], &[1, 2]), 1.0);
        assert_eq!(jaccard(&[1, 2, 3], &[2, 3, 4]), 0.5);
        assert_eq!(jaccard(&[], &[]), 0.0);
        let w = [0.6, 0.8];
        assert!((cosine(&[1, 2], &w, &[1, 2], &w) - 1.0).abs() < 1e-12);
        assert_eq!(cosine(&[1], &[1.0], &[2], &[1.0]), 0.0);
    }

    #[test]
    fn bm25_grows_with_shared_terms_and_saturates() {
        let idf = |_| 1.0;
        let doc = Bm25Doc { terms: &[1, 2, 3], tf: &[1, 1, 5], len: 7 };
        let one = bm25(idf, 7.0, &[1], doc);
        let two = bm25(idf, 7.0, &[1, 2], doc);
        assert!(two > one && one > 0.0);
        // Five occurrences weigh less than five times one: saturation.
        assert!(bm25(idf, 7.0, &[3], doc) < 5.0 * one);
        assert_eq!(bm25(idf, 7.0, &[9], doc), 0.0);
        assert_eq!(bm25_normalised(2.0, 1.0), 1.0);
        assert_eq!(bm25_normalised(1.0, 0.0), 0.0);
    }

    #[test]
    fn domain_terms_tell_more() {
        assert!(telling(2.0, true) > telling(2.0, false));
    }
}
