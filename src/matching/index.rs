//! Indices packed to 32 bits. Matching packs task, clause, term and link indices into
//! `u32` to halve its memory on national corpora; more than four billion of any of them
//! is a bug (or a corpus far past what the crate is built for), so narrowing checks it
//! instead of saturating silently.

/// `x` as a 32-bit index; debug builds stop on an index that does not fit.
pub(crate) fn narrow(x: usize) -> u32 {
    debug_assert!(u32::try_from(x).is_ok(), "index {x} does not fit in 32 bits");
    u32::try_from(x).unwrap_or(u32::MAX)
}

/// The clause source standing for a task's title (a task without words of its own has
/// its title as its one clause): `TaskFeatures::sources` holds it where a clause index
/// would be.
pub(crate) const TITLE: u32 = u32::MAX;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_indices_narrow_exactly() {
        assert_eq!(narrow(0), 0);
        assert_eq!(narrow(4_000_000), 4_000_000);
    }
}
