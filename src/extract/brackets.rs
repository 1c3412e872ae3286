//! Brackets: the sets the parser reads, and the one scan that follows their nesting.
//!
//! Every walk over a text that must know whether it stands inside brackets (a sentence
//! end inside a quote, a separator inside 〈市、区〉, a responsibility parenthesis) goes
//! through [`Brackets::scan`]. The sets differ on purpose: each names the brackets that
//! matter to its reader, and they are listed here side by side.

use std::str::CharIndices;

/// How a closing bracket finds the bracket it closes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Nesting {
    /// Any closing bracket closes the innermost open one, whatever its kind: a depth count,
    /// forgiving of prose that mixes ( and ）.
    Loose,
    /// A closing bracket closes the innermost open one only if it is of its kind; any
    /// other closing bracket is stray and closes nothing.
    Strict,
}

/// A set of brackets: kinds, each with its opening and closing characters (a kind may
/// have several, as ( and （ are one kind), and how they nest.
#[derive(Debug)]
pub(crate) struct Brackets {
    /// What each character of [`ALL`] is to the set, built at compile time from its kinds:
    /// the scan costs one look-up per character.
    roles: [Role; ALL.len()],
    nesting: Nesting,
}

/// What a bracket character is to a set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    None,
    Open(u8),
    Close(u8),
}

/// Every character that is a bracket in some set.
const ALL: [char; 22] = [
    '(', ')', '（', '）', '“', '”', '《', '》', '「', '」', '〈', '〉', '<', '>', '【', '】', '[', ']', '［', '］',
    '〔', '〕',
];

/// The place of `c` in [`ALL`].
#[inline(always)]
const fn index(c: char) -> Option<usize> {
    let mut i = 0;
    while i < ALL.len() {
        if ALL[i] == c {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// The place of `c` in [`ALL`], as [`index`] finds it, by a `match` the compiler turns into
/// a few comparisons.
#[inline(always)]
fn place(c: char) -> Option<usize> {
    Some(match c {
        '(' => 0,
        ')' => 1,
        '（' => 2,
        '）' => 3,
        '“' => 4,
        '”' => 5,
        '《' => 6,
        '》' => 7,
        '「' => 8,
        '」' => 9,
        '〈' => 10,
        '〉' => 11,
        '<' => 12,
        '>' => 13,
        '【' => 14,
        '】' => 15,
        '[' => 16,
        ']' => 17,
        '［' => 18,
        '］' => 19,
        '〔' => 20,
        '〕' => 21,
        _ => return None,
    })
}

impl Brackets {
    /// The set of `kinds`, each a list of opening and a list of closing characters, all
    /// of them in [`ALL`] (a compile-time error otherwise).
    const fn new(kinds: &[(&[char], &[char])], nesting: Nesting) -> Brackets {
        let mut roles = [Role::None; ALL.len()];
        let mut k = 0;
        while k < kinds.len() {
            let (opens, closes) = kinds[k];
            let mut i = 0;
            while i < opens.len() {
                let at = index(opens[i]);
                assert!(at.is_some(), "a bracket missing from ALL");
                if let Some(at) = at {
                    roles[at] = Role::Open(k as u8);
                }
                i += 1;
            }
            let mut i = 0;
            while i < closes.len() {
                let at = index(closes[i]);
                assert!(at.is_some(), "a bracket missing from ALL");
                if let Some(at) = at {
                    roles[at] = Role::Close(k as u8);
                }
                i += 1;
            }
            k += 1;
        }
        Brackets { roles, nesting }
    }

    /// What `c` is to the set.
    #[inline(always)]
    fn role(&self, c: char) -> Role {
        // Ideographs, most of every text, are no brackets.
        if ('\u{4e00}'..='\u{9fff}').contains(&c) {
            return Role::None;
        }
        let Some(at) = place(c) else { return Role::None };
        self.roles.get(at).copied().unwrap_or(Role::None)
    }
}

/// Round brackets, half- and full-width: asides in a metric, the parentheses of a
/// numbering marker.
pub(crate) const ROUND: Brackets = Brackets::new(&[(&['(', '（'], &[')', '）'])], Nesting::Loose);

/// What a sentence end inside does not end: quotes, round brackets, book-title marks.
pub(crate) const SENTENCE: Brackets =
    Brackets::new(&[(&['“'], &['”']), (&['(', '（'], &[')', '）']), (&['《'], &['》'])], Nesting::Loose);

/// What a lead phrase's delimiters inside do not end: [`SENTENCE`]'s brackets and 「」.
pub(crate) const PHRASE: Brackets = Brackets::new(
    &[(&['“'], &['”']), (&['(', '（'], &[')', '）']), (&['《'], &['》']), (&['「'], &['」'])],
    Nesting::Loose,
);

/// Every bracket a list of unit names may hold ("各县〈市、区〉人民政府", "市委党校(行政学院)"),
/// so that separators inside do not split the list.
pub(crate) const NAMES: Brackets = Brackets::new(
    &[
        (&['(', '（'], &[')', '）']),
        (&['〈'], &['〉']),
        (&['《'], &['》']),
        (&['<'], &['>']),
        (&['【'], &['】']),
        (&['[', '［'], &[']', '］']),
        (&['“'], &['”']),
        (&['〔'], &['〕']),
    ],
    Nesting::Loose,
);

/// The brackets that may hold a responsibility: round ones, 〔〕 and 【】, each closed only
/// by its own kind.
pub(crate) const RESPONSIBILITY: Brackets =
    Brackets::new(&[(&['(', '（'], &[')', '）']), (&['〔'], &['〕']), (&['【'], &['】'])], Nesting::Strict);

/// The brackets around the year of a document number: 〔2022〕, [2022], (2022).
pub(crate) const DOC_NUMBER: Brackets =
    Brackets::new(&[(&['〔'], &['〕']), (&['[', '［'], &[']', '］']), (&['(', '（'], &[')', '）'])], Nesting::Strict);

impl Brackets {
    /// Whether `c` opens a bracket of the set.
    pub fn opens(&self, c: char) -> bool {
        matches!(self.role(c), Role::Open(_))
    }

    /// Whether `c` closes a bracket of the set.
    pub fn closes(&self, c: char) -> bool {
        matches!(self.role(c), Role::Close(_))
    }

    /// Walks `text` character by character, following the nesting of the set's brackets.
    pub fn scan<'t>(&'static self, text: &'t str) -> Scan<'t> {
        Scan { chars: text.char_indices(), brackets: self, open: Vec::new() }
    }
}

/// An open bracket: where it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Opened {
    /// Its first byte.
    pub at: usize,
    /// One past its last byte: where its inside starts.
    pub end: usize,
    kind: u8,
}

/// What a character is to the scan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step {
    /// No bracket of the set.
    Text,
    /// Opens a bracket.
    Open,
    /// Closes the bracket that opened there.
    Close(Opened),
    /// A closing bracket that closes nothing: none is open, or (strict) the innermost
    /// open one is of another kind.
    Stray,
}

/// The walk of [`Brackets::scan`]: yields each character's byte offset, the character,
/// and what it does to the nesting; [`Scan::depth`] tells how many brackets are open
/// after it.
#[derive(Debug)]
pub(crate) struct Scan<'t> {
    chars: CharIndices<'t>,
    brackets: &'static Brackets,
    open: Vec<Opened>,
}

impl Scan<'_> {
    /// How many brackets are open after the character last yielded.
    pub fn depth(&self) -> usize {
        self.open.len()
    }

    /// Closes every open bracket, as a line break does where a source lost a closing
    /// bracket; returns them outermost first.
    pub fn close_all(&mut self) -> std::vec::Drain<'_, Opened> {
        self.open.drain(..)
    }

    #[inline(always)]
    fn step(&mut self, at: usize, c: char) -> Step {
        let kind = match self.brackets.role(c) {
            Role::None => return Step::Text,
            Role::Open(kind) => {
                self.open.push(Opened { at, end: at + c.len_utf8(), kind });
                return Step::Open;
            }
            Role::Close(kind) => kind,
        };
        let closes = match self.brackets.nesting {
            Nesting::Loose => !self.open.is_empty(),
            Nesting::Strict => self.open.last().is_some_and(|o| o.kind == kind),
        };
        match self.open.pop_if(|_| closes) {
            Some(opened) => Step::Close(opened),
            None => Step::Stray,
        }
    }
}

impl Iterator for Scan<'_> {
    type Item = (usize, char, Step);

    #[inline(always)]
    fn next(&mut self) -> Option<(usize, char, Step)> {
        let (at, c) = self.chars.next()?;
        Some((at, c, self.step(at, c)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn steps(brackets: &'static Brackets, text: &str) -> Vec<(char, Step, usize)> {
        let mut scan = brackets.scan(text);
        let mut out = Vec::new();
        while let Some((_, c, step)) = scan.next() {
            out.push((c, step, scan.depth()));
        }
        out
    }

    fn depths(brackets: &'static Brackets, text: &str) -> String {
        steps(brackets, text).into_iter().map(|(_, _, d)| char::from(b'0' + d as u8)).collect()
    }

    #[test]
    fn loose_nesting_counts_depth_whatever_the_kind() {
        assert_eq!(depths(&ROUND, "a(b（c)d）e"), "011221100");
        assert_eq!(depths(&ROUND, ")a("), "001", "help: a stray closer leaves the depth at 0");
        assert_eq!(depths(&NAMES, "各县〈市、区〉政府"), "001111000");
        assert_eq!(depths(&SENTENCE, "“甲(乙》丙”"), "1122110");
    }

    #[test]
    fn close_reports_the_opening_bracket() {
        let text = "甲（乙）";
        let closes: Vec<Opened> = RESPONSIBILITY
            .scan(text)
            .filter_map(|(_, _, s)| match s {
                Step::Close(o) => Some(o),
                _ => None,
            })
            .collect();
        assert_eq!(closes.len(), 1);
        assert_eq!((closes[0].at, closes[0].end), (3, 6));
        assert_eq!(&text[closes[0].end..9], "乙");
    }

    #[test]
    fn strict_nesting_closes_only_its_kind() {
        let got: Vec<(char, Step)> = steps(&RESPONSIBILITY, "(〔】〕)").into_iter().map(|(c, s, _)| (c, s)).collect();
        assert_eq!(got[2], ('】', Step::Stray), "help: 】 closes neither 〔 nor (");
        assert!(matches!(got[3], ('〕', Step::Close(Opened { at: 1, .. }))));
        assert!(matches!(got[4], (')', Step::Close(Opened { at: 0, .. }))));
        assert_eq!(depths(&RESPONSIBILITY, "(】"), "11", "help: a stray closer keeps the bracket open");
        assert_eq!(depths(&RESPONSIBILITY, "(（)）"), "1210", "help: ( and （ are one kind");
    }

    #[test]
    fn close_all_gives_the_open_brackets_outermost_first() {
        let mut scan = RESPONSIBILITY.scan("(甲【乙");
        for _ in scan.by_ref() {}
        let open: Vec<usize> = scan.close_all().map(|o| o.at).collect();
        assert_eq!(open, [0, 4]);
        assert_eq!(scan.depth(), 0);
    }

    #[test]
    fn the_lookup_table_names_every_bracket() {
        for (i, &c) in ALL.iter().enumerate() {
            assert_eq!((index(c), place(c)), (Some(i), Some(i)), "help: place() and ALL disagree on {c}");
            let in_names = !matches!(NAMES.role(c), Role::None);
            let in_phrase = !matches!(PHRASE.role(c), Role::None);
            assert!(in_names || in_phrase, "help: {c} is in no set, or role() misses it");
        }
    }

    #[test]
    fn character_classes() {
        assert!(ROUND.opens('（') && ROUND.closes(')') && !ROUND.opens('〔'));
        assert!(DOC_NUMBER.opens('〔') && DOC_NUMBER.closes('］'));
        assert!(PHRASE.opens('「') && !SENTENCE.opens('「'), "help: the sets differ on purpose");
        assert!(!NAMES.opens('一') && !NAMES.closes('a'));
    }
}
