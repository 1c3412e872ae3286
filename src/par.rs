//! Parallel iteration with rayon where the `parallel` feature is on; the same calls run
//! sequentially where it is off. The output is the same either way: work is collected in
//! order, and term ids are made global in task order (see DESIGN.md).

#[cfg(feature = "parallel")]
pub(crate) use rayon::prelude::*;

#[cfg(not(feature = "parallel"))]
pub(crate) use sequential::*;

#[cfg(not(feature = "parallel"))]
mod sequential {
    /// `par_iter` as a sequential `iter`.
    pub(crate) trait ParIter<'a> {
        type Iter: Iterator;
        fn par_iter(&'a self) -> Self::Iter;
    }

    impl<'a, T: 'a> ParIter<'a> for [T] {
        type Iter = std::slice::Iter<'a, T>;
        fn par_iter(&'a self) -> Self::Iter {
            self.iter()
        }
    }

    impl<'a, T: 'a> ParIter<'a> for Vec<T> {
        type Iter = std::slice::Iter<'a, T>;
        fn par_iter(&'a self) -> Self::Iter {
            self.iter()
        }
    }

    /// `par_windows` as a sequential `windows`.
    pub(crate) trait ParWindows<T> {
        fn par_windows(&self, size: usize) -> std::slice::Windows<'_, T>;
    }

    impl<T> ParWindows<T> for [T] {
        fn par_windows(&self, size: usize) -> std::slice::Windows<'_, T> {
            self.windows(size)
        }
    }

    /// `par_iter_mut` as a sequential `iter_mut`.
    pub(crate) trait ParIterMut<'a> {
        type Iter: Iterator;
        fn par_iter_mut(&'a mut self) -> Self::Iter;
    }

    impl<'a, T: 'a> ParIterMut<'a> for [T] {
        type Iter = std::slice::IterMut<'a, T>;
        fn par_iter_mut(&'a mut self) -> Self::Iter {
            self.iter_mut()
        }
    }

    impl<'a, T: 'a> ParIterMut<'a> for Vec<T> {
        type Iter = std::slice::IterMut<'a, T>;
        fn par_iter_mut(&'a mut self) -> Self::Iter {
            self.iter_mut()
        }
    }

    /// `into_par_iter` as a sequential `into_iter`.
    pub(crate) trait IntoParIter: IntoIterator + Sized {
        fn into_par_iter(self) -> Self::IntoIter {
            self.into_iter()
        }
    }

    impl<I: IntoIterator> IntoParIter for I {}

    /// rayon's slice methods as their sequential forms.
    pub(crate) trait ParSlice<T> {
        fn par_sort_unstable(&mut self)
        where
            T: Ord;
        fn par_chunk_by<F: FnMut(&T, &T) -> bool>(&self, same: F) -> std::slice::ChunkBy<'_, T, F>;
    }

    impl<T> ParSlice<T> for [T] {
        fn par_sort_unstable(&mut self)
        where
            T: Ord,
        {
            self.sort_unstable();
        }

        fn par_chunk_by<F: FnMut(&T, &T) -> bool>(&self, same: F) -> std::slice::ChunkBy<'_, T, F> {
            self.chunk_by(same)
        }
    }

    /// rayon's `flat_map_iter` as a sequential `flat_map`.
    pub(crate) trait FlatMapIter: Iterator + Sized {
        fn flat_map_iter<U: IntoIterator, F: FnMut(Self::Item) -> U>(self, f: F) -> std::iter::FlatMap<Self, U, F> {
            self.flat_map(f)
        }
    }

    impl<I: Iterator> FlatMapIter for I {}
}
