//! Numbers as plans write them: 2000, 1.1万, 16.4亿, 1—2, 2 000.
//!
//! Values are computed from an integer mantissa and a power of ten, so that 16.4亿 is
//! exactly 1640000000 and not 1639999999.9999998.

use super::text::{digit_value, is_space};

/// A decimal number read from text, kept exact as `mantissa × 10^-scale`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Decimal {
    mantissa: u128,
    scale: u32,
}

impl Decimal {
    /// The value multiplied by `10^power`, as the nearest `f64`.
    pub fn times_ten_to(self, power: u32) -> f64 {
        if power >= self.scale {
            let factor = 10u128.checked_pow(power - self.scale).unwrap_or(u128::MAX);
            self.mantissa.saturating_mul(factor) as f64
        } else {
            let divisor = 10u128.checked_pow(self.scale - power).unwrap_or(u128::MAX);
            // Both sides are exact integers below 2^53 for any number a plan writes, so the
            // quotient is correctly rounded.
            self.mantissa as f64 / divisor as f64
        }
    }
}

/// Reads a decimal number at the start of `s` (ASCII or full-width digits, one decimal
/// point); returns it and its byte length.
pub(crate) fn decimal(s: &str) -> Option<(Decimal, usize)> {
    let mut mantissa: u128 = 0;
    let mut scale = 0u32;
    let mut seen_point = false;
    let mut len = 0;
    let mut digits = 0;
    let mut chars = s.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if let Some(d) = digit_value(c) {
            digits += 1;
            if digits > 30 {
                return None; // not a quantity any plan means
            }
            mantissa = mantissa * 10 + u128::from(d);
            if seen_point {
                scale += 1;
            }
            len = at + c.len_utf8();
        } else if (c == '.' || c == '．') && !seen_point && digits > 0 {
            // A point counts only between digits: "3.5" but not "3." ending a sentence.
            match chars.peek() {
                Some(&(_, next)) if digit_value(next).is_some() => seen_point = true,
                _ => break,
            }
        } else {
            break;
        }
    }
    (digits > 0).then_some((Decimal { mantissa, scale }, len))
}

/// Chinese magnitudes that may follow a number: 十, 百, 千, 万, 亿, in any product
/// (千万 = 10^7, 万亿 = 10^12). Returns the power of ten and the byte length, skipping
/// spaces before each character.
pub(crate) fn magnitude(s: &str) -> (u32, usize) {
    let mut power = 0;
    let mut len = 0;
    let mut rest = s;
    loop {
        let spaces = rest.len() - rest.trim_start_matches(is_space).len();
        let after = rest.get(spaces..).unwrap_or("");
        let step = match after.chars().next() {
            Some('十') => 1,
            Some('百') => 2,
            Some('千') => 3,
            Some('万') => 4,
            Some('亿') => 8,
            _ => break,
        };
        power += step;
        len += spaces + '万'.len_utf8();
        rest = after.get('万'.len_utf8()..).unwrap_or("");
    }
    (power, len)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(s: &str) -> f64 {
        let (d, n) = decimal(s).unwrap();
        let (p, _) = magnitude(&s[n..]);
        d.times_ten_to(p)
    }

    #[test]
    fn magnitudes_fold_in_without_drift() {
        assert_eq!(value("1.1万"), 11000.0);
        assert_eq!(value("16.4亿"), 1_640_000_000.0);
        assert_eq!(value("60亿"), 6e9);
        assert_eq!(value("2000万"), 2e7);
        assert_eq!(value("1.57 万"), 15700.0);
        assert_eq!(value("0.3"), 0.3);
        assert_eq!(value("１２"), 12.0);
        assert_eq!(value("3.千万"), 3.0, "help: a point not followed by a digit ends the number");
    }

    #[test]
    fn lengths() {
        assert_eq!(decimal("44.1kw"), Some((Decimal { mantissa: 441, scale: 1 }, 4)));
        assert_eq!(decimal("abc"), None);
        assert_eq!(magnitude(" 万个"), (4, 4));
        assert_eq!(magnitude("千万元"), (7, 6));
        assert_eq!(magnitude("个"), (0, 0));
    }
}
