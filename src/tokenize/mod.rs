//! Words of a plan's text: jieba segmentation with a domain dictionary, stop words of the
//! genre, and aliases that name one initiative one way.
//!
//! jieba's general dictionary splits the field's terms (一网通办 → 一网通/办, 市大数据局 →
//! 市大/数据/局); the bundled dictionary keeps them whole. Building a dictionary takes
//! about 150 ms, so the default tokenizer is built once per process and shared.

use std::borrow::Cow;
use std::fmt;
use std::sync::{Arc, LazyLock};

use jieba_rs::Jieba;
use rustc_hash::FxHashMap;

const DICTIONARY: &str = include_str!("dictionary.txt");
const STOP_WORDS: &str = include_str!("stopwords.txt");
const ALIASES: &str = include_str!("aliases.txt");

/// Frequency given to domain words, well above jieba's for ordinary words, so that
/// segmentation keeps them whole.
const DOMAIN_FREQ: usize = 200_000;

/// The lines of a bundled list, without comments and blank lines.
fn entries(list: &str) -> impl Iterator<Item = &str> {
    list.lines().map(|l| l.split('#').next().unwrap_or("").trim()).filter(|l| !l.is_empty())
}

/// The bundled domain dictionary: the field's terms, one a line.
pub fn domain_words() -> impl Iterator<Item = &'static str> {
    entries(DICTIONARY)
}

/// The bundled alias table as `(alias, canonical)` pairs.
pub fn bundled_aliases() -> impl Iterator<Item = (&'static str, &'static str)> {
    entries(ALIASES).filter_map(|l| l.split_once("=>").map(|(a, c)| (a.trim(), c.trim())))
}

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TokenKind {
    /// A word that counts toward similarity.
    Content,
    /// A stop word of the genre, or a single character.
    Stop,
    /// A number or an amount.
    Number,
    /// Punctuation, brackets, symbols.
    Punctuation,
}

/// A word of a text, with where it is and what it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'t> {
    /// The word as written, without white space.
    pub word: &'t str,
    /// Its canonical term (after aliases); empty unless the token is content.
    pub term: String,
    /// What it is.
    pub kind: TokenKind,
    /// First byte of the word in the text given.
    pub byte_start: usize,
    /// One past its last byte.
    pub byte_end: usize,
}

/// A word the tokenizer treats specially.
enum Special {
    Stop,
    Alias(String),
}

struct Inner {
    jieba: Jieba,
    // Stop words and aliases in one map, looked up once for every content word of a
    // corpus: Fx hashing (already jieba-rs's) costs a fraction of SipHash on words this
    // short.
    special: FxHashMap<String, Special>,
    /// One bit per hashed pair of first characters of the special words: most content
    /// words miss it and skip the map.
    special_starts: Box<[u64]>,
}

/// A 16-bit hash of a word's first two characters.
fn start_hash(first: char, second: char) -> usize {
    (u32::from(first).wrapping_mul(0x9e37_79b1) ^ u32::from(second)).wrapping_mul(0x85eb_ca6b) as usize >> 16
}

/// Segments text into words and content terms. Cheap to clone: clones share the
/// dictionary.
///
/// # Examples
///
/// ```
/// use cityalign::Tokenizer;
///
/// let tokenizer = Tokenizer::new();
/// assert_eq!(tokenizer.terms("推动高质量“一网通办”"), ["一网通办"]);
/// assert_eq!(tokenizer.terms("启动城市云脑迭代升级"), ["城市大脑", "迭代", "升级"], "城市云脑 is an alias");
/// assert!(tokenizer.terms("").is_empty());
///
/// let custom = Tokenizer::builder().word("胜软云帆").alias("胜软云帆", "工业互联网").build();
/// assert_eq!(custom.terms("胜软云帆平台"), ["工业互联网", "平台"]);
/// ```
#[derive(Clone)]
pub struct Tokenizer {
    inner: Arc<Inner>,
}

impl fmt::Debug for Tokenizer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Tokenizer").field("special_words", &self.inner.special.len()).finish_non_exhaustive()
    }
}

static SHARED: LazyLock<Tokenizer> = LazyLock::new(|| TokenizerBuilder::default().build());

impl Default for Tokenizer {
    fn default() -> Tokenizer {
        Tokenizer::new()
    }
}

impl Tokenizer {
    /// The default tokenizer (bundled dictionary, stop words and aliases), built once per
    /// process and shared.
    pub fn new() -> Tokenizer {
        SHARED.clone()
    }

    /// A builder for a tokenizer with words, aliases or stop words of your own.
    pub fn builder() -> TokenizerBuilder {
        TokenizerBuilder::default()
    }

    /// The canonical term of a word: its alias target, or the word itself.
    pub fn canonical<'w>(&'w self, word: &'w str) -> &'w str {
        match self.inner.special.get(word) {
            Some(Special::Alias(canonical)) => canonical,
            _ => word,
        }
    }

    /// Whether `word` is a stop word.
    pub fn is_stop_word(&self, word: &str) -> bool {
        matches!(self.inner.special.get(word), Some(Special::Stop))
    }

    /// Every word of `text`, white space left out.
    pub fn tokens<'t>(&self, text: &'t str) -> Vec<Token<'t>> {
        // jieba cuts at white space; cut the runs between it so that "5G 基站" is one
        // word, then map back.
        // Traditional characters fold to simplified ones of the same length, so the
        // offsets below still hold.
        let squeezed = squeeze(text);
        // Where white space was dropped: (offset in the squeezed text, bytes dropped up to
        // there), so that offsets map back.
        let mut gaps: Vec<(usize, usize)> = Vec::new();
        let mut dropped = 0;
        for (at, c) in text.char_indices().filter(|(_, c)| c.is_whitespace()) {
            dropped += c.len_utf8();
            match gaps.last_mut() {
                Some(last) if last.0 == at + c.len_utf8() - dropped => last.1 = dropped,
                _ => gaps.push((at + c.len_utf8() - dropped, dropped)),
            }
        }
        // Tokens come in order: a cursor over the gaps maps each offset in turn.
        let mut passed = 0;
        let mut origin = |squeezed_at: usize| {
            while gaps.get(passed).is_some_and(|g| g.0 <= squeezed_at) {
                passed += 1;
            }
            squeezed_at + passed.checked_sub(1).and_then(|g| gaps.get(g)).map_or(0, |g| g.1)
        };
        let mut out = Vec::new();
        for token in self.inner.jieba.cut(&squeezed, true) {
            let start = origin(token.byte_start).min(text.len());
            // The byte after the token's last one: no white space lies inside a character.
            let end = token.byte_end.checked_sub(1).map_or(start, |last| origin(last) + 1).min(text.len());
            let word = text.get(start..end).unwrap_or("");
            let term = self.content_term(token.word);
            let kind = match term {
                Some(_) => TokenKind::Content,
                None => match shape(token.word) {
                    // Shaped like content, yet a stop word.
                    TokenKind::Content => TokenKind::Stop,
                    kind => kind,
                },
            };
            let term = term.map_or_else(String::new, str::to_string);
            out.push(Token { word, term, kind, byte_start: start, byte_end: end });
        }
        out
    }

    /// The content terms of `text`, canonical, in order (repeats kept).
    pub fn terms(&self, text: &str) -> Vec<String> {
        let mut terms = Vec::new();
        self.for_each_term(text, |term| terms.push(term.to_string()));
        terms
    }

    /// Calls `visit` with each content term of `text`, canonical, in order, without
    /// allocating a string per term: what [`terms`](Tokenizer::terms) collects, for
    /// callers that count or intern terms over a whole corpus.
    ///
    /// # Examples
    ///
    /// ```
    /// use cityalign::Tokenizer;
    ///
    /// let mut chars = 0;
    /// Tokenizer::new().for_each_term("启动城市云脑迭代升级", |term| chars += term.chars().count());
    /// assert_eq!(chars, "城市大脑迭代升级".chars().count());
    /// ```
    pub fn for_each_term(&self, text: &str, mut visit: impl FnMut(&str)) {
        let squeezed = squeeze(text);
        for token in self.inner.jieba.cut(&squeezed, true) {
            if let Some(term) = self.content_term(token.word) {
                visit(term);
            }
        }
    }

    /// The canonical term of `word` if it is content.
    fn content_term<'w>(&'w self, word: &'w str) -> Option<&'w str> {
        // Most words are punctuation or single characters, never content: one look at
        // the second character settles them.
        let mut chars = word.chars();
        let (Some(first), Some(second)) = (chars.next(), chars.next()) else { return None };
        if shape(word) != TokenKind::Content {
            return None;
        }
        let start = start_hash(first, second);
        if self.inner.special_starts.get(start / 64).is_some_and(|bits| bits & (1 << (start % 64)) == 0) {
            return Some(word);
        }
        match self.inner.special.get(word) {
            Some(Special::Stop) => None,
            Some(Special::Alias(canonical)) => Some(canonical),
            None => Some(word),
        }
    }
}

/// What `word` is by its characters alone: a word of two or more letters is content here,
/// before stop words are looked up.
fn shape(word: &str) -> TokenKind {
    let mut chars = word.chars();
    if let (Some(first), Some(_)) = (chars.next(), chars.next()) {
        // The common case: an ideograph that is no number word starts a word, which is
        // then content whatever follows.
        if ('\u{4e00}'..='\u{9fff}').contains(&first) && !matches!(first, '万' | '亿' | '千') {
            return TokenKind::Content;
        }
    }
    // One pass over the characters: called for every word of a corpus.
    let (mut chars, mut digits, mut numeric, mut letters) = (0usize, false, true, false);
    for c in word.chars() {
        chars += 1;
        if c.is_ascii_digit() {
            digits = true;
            letters = true;
            continue;
        }
        numeric &= matches!(c, '.' | '%' | '％' | '万' | '亿' | '千');
        letters = letters || is_letter(c);
    }
    if numeric {
        if digits {
            TokenKind::Number
        } else {
            TokenKind::Stop
        }
    } else if !letters {
        TokenKind::Punctuation
    } else if chars == 1 {
        TokenKind::Stop
    } else {
        TokenKind::Content
    }
}

/// `char::is_alphanumeric`, with the common ideographs answered without a table search.
fn is_letter(c: char) -> bool {
    c.is_ascii_alphanumeric() || ('\u{4e00}'..='\u{9fff}').contains(&c) || (!c.is_ascii() && c.is_alphanumeric())
}

/// `text` without white space and with traditional characters folded to simplified ones
/// of the same length; borrowed when there is nothing to change.
fn squeeze(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut out: Option<String> = None;
    // Bytes of `text` already copied or dropped.
    let mut done = 0;
    let mut at = 0;
    // Byte by byte rather than char by char: every character of a corpus passes here,
    // and most are ideographs that stay as they are.
    while let Some(&lead) = bytes.get(at) {
        // The character's width and, when it changes, what replaces it (None: dropped).
        let (width, replacement) = match lead {
            b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => (1, None),
            0x00..=0x7f => {
                at += 1;
                continue;
            }
            // U+4000–U+9FFF, where the traditional characters lie and no white space.
            0xe4..=0xe9 => {
                let tail = |k: usize| u32::from(bytes.get(at + k).copied().unwrap_or(0) & 0x3f);
                let code = (u32::from(lead & 0x0f) << 12) | (tail(1) << 6) | tail(2);
                let c = char::from_u32(code).unwrap_or('\u{fffd}');
                let folded = crate::script::simplified(c);
                if folded == c {
                    at += 3;
                    continue;
                }
                (3, Some(folded))
            }
            _ => {
                let c = text.get(at..).and_then(|rest| rest.chars().next()).unwrap_or(' ');
                if !c.is_whitespace() {
                    at += c.len_utf8().max(1);
                    continue;
                }
                (c.len_utf8(), None)
            }
        };
        let out = out.get_or_insert_with(|| String::with_capacity(text.len()));
        out.push_str(text.get(done..at).unwrap_or(""));
        out.extend(replacement);
        at += width;
        done = at;
    }
    match out {
        None => Cow::Borrowed(text),
        Some(mut out) => {
            out.push_str(text.get(done..).unwrap_or(""));
            Cow::Owned(out)
        }
    }
}

/// Builds a [`Tokenizer`]: the bundled lists plus words, aliases and stop words of your
/// own.
///
/// # Examples
///
/// ```
/// use cityalign::Tokenizer;
///
/// let tokenizer = Tokenizer::builder().stop_word("迭代").build();
/// assert_eq!(tokenizer.terms("城市云脑迭代升级"), ["城市大脑", "升级"]);
/// ```
#[derive(Debug, Clone, Default)]
pub struct TokenizerBuilder {
    words: Vec<String>,
    aliases: Vec<(String, String)>,
    stop_words: Vec<String>,
}

impl TokenizerBuilder {
    /// Adds a word the segmentation must keep whole.
    pub fn word(mut self, word: impl Into<String>) -> TokenizerBuilder {
        self.words.push(word.into());
        self
    }

    /// Names `alias` as another name of `canonical`; both are kept whole.
    pub fn alias(mut self, alias: impl Into<String>, canonical: impl Into<String>) -> TokenizerBuilder {
        self.aliases.push((alias.into(), canonical.into()));
        self
    }

    /// Adds a stop word.
    pub fn stop_word(mut self, word: impl Into<String>) -> TokenizerBuilder {
        self.stop_words.push(word.into());
        self
    }

    /// Builds the tokenizer (about 150 ms: keep it and clone it).
    pub fn build(&self) -> Tokenizer {
        let mut jieba = Jieba::new();
        let mut aliases: Vec<(String, String)> =
            bundled_aliases().map(|(a, c)| (a.to_string(), c.to_string())).collect();
        aliases.extend(self.aliases.iter().cloned());
        let mut words: Vec<String> = domain_words().map(str::to_string).collect();
        words.extend(self.words.iter().cloned());
        words.extend(aliases.iter().flat_map(|(a, c)| [a.clone(), c.clone()]));
        for word in &words {
            jieba.add_word(word, Some(DOMAIN_FREQ), None);
        }
        // A stop word stays one even when it is also named as an alias.
        let mut special: FxHashMap<String, Special> =
            aliases.into_iter().map(|(a, c)| (a, Special::Alias(c))).collect();
        for stop in entries(STOP_WORDS).map(str::to_string).chain(self.stop_words.iter().cloned()) {
            special.insert(stop, Special::Stop);
        }
        let mut special_starts = vec![0u64; 1 << 10].into_boxed_slice();
        for word in special.keys() {
            let mut chars = word.chars();
            if let (Some(first), Some(second)) = (chars.next(), chars.next()) {
                let start = start_hash(first, second);
                if let Some(bits) = special_starts.get_mut(start / 64) {
                    *bits |= 1 << (start % 64);
                }
            }
        }
        Tokenizer { inner: Arc::new(Inner { jieba, special, special_starts }) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Segmentation snapshots of the genre's hard cases: small and reviewable.
    #[test]
    fn domain_terms_stay_whole() {
        let t = Tokenizer::new();
        let cases: [(&str, &[&str]); 7] = [
            ("推动高质量“一网通办”,深化“双全双百”工程", &["一网通办", "双全双百", "工程"]),
            ("年内全市新建并开通 5G 基站 2000 个", &["新建", "开通", "5G基站"]),
            ("智能网联公共充电桩突破3500个", &["智能网联", "公共", "充电桩", "突破"]),
            ("(牵头单位:市大数据局)", &["大数据局"]),
            ("推进“爱山东”移动政务服务平台分厅建设", &["移动政务服务", "移动政务服务", "分厅"]),
            ("加强社区居家养老服务信息平台应用", &["智慧养老", "信息", "平台"]),
            ("加快“城市大脑”建设", &["城市大脑"]),
        ];
        for (text, want) in cases {
            assert_eq!(t.terms(text), want.to_vec(), "help: segmentation of {text:?} changed");
        }
    }

    #[test]
    fn token_spans_point_into_the_text_given() {
        let t = Tokenizer::new();
        let text = "新建 5G 基站";
        let tokens = t.tokens(text);
        let base = tokens.iter().find(|t| t.term == "5G基站").unwrap();
        assert_eq!(&text[base.byte_start..base.byte_end], "5G 基站");
        assert!(t.tokens("").is_empty());
        assert!(t.tokens("   ").is_empty());
    }

    #[test]
    fn tokens_are_classified_as_the_matcher_counts_them() {
        let t = Tokenizer::new();
        let kinds: Vec<(&str, TokenKind)> =
            t.tokens("加快建设5G基站2000个，城市云脑").iter().map(|t| (t.word, t.kind)).collect();
        assert_eq!(
            kinds,
            [
                ("加快", TokenKind::Stop),
                ("建设", TokenKind::Stop),
                ("5G基站", TokenKind::Content),
                ("2000", TokenKind::Number),
                ("个", TokenKind::Stop),
                ("，", TokenKind::Punctuation),
                ("城市云脑", TokenKind::Content),
            ]
        );
        let terms: Vec<String> =
            t.tokens("加快建设5G基站，城市云脑").into_iter().map(|t| t.term).filter(|t| !t.is_empty()).collect();
        assert_eq!(terms, t.terms("加快建设5G基站，城市云脑"), "help: tokens and terms disagree");
        assert!(t.is_stop_word("加快") && !t.is_stop_word("城市云脑"));
        assert_eq!(t.canonical("城市云脑"), "城市大脑");
    }

    proptest::proptest! {
        /// The byte-wise squeeze against its definition, on text mixing ideographs
        /// (traditional ones too), white space of every kind and other scripts.
        #[test]
        fn squeeze_drops_white_space_and_folds(text in "[ \t\n\u{b}\u{c}\r\u{85}\u{a0}\u{2003}\u{3000}a-z0-9，。建设國個網門牽頭單位數據\u{4000}-\u{9fff}\u{10000}-\u{10010}é]{0,40}") {
            let expected: String =
                text.chars().filter(|c| !c.is_whitespace()).map(crate::script::simplified).collect();
            proptest::prop_assert_eq!(squeeze(&text), expected);
        }
    }

    #[test]
    fn bundled_lists_are_well_formed() {
        assert!(domain_words().count() > 150);
        for (alias, canonical) in bundled_aliases() {
            assert!(
                !alias.is_empty() && !canonical.is_empty() && alias != canonical,
                "help: bad alias {alias} => {canonical}"
            );
        }
    }
}
