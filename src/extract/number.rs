//! Numbers as plans write them: 2000, 1.1万, 16.4亿, 1—2, 2 000, and the numerals of
//! their numbering (十二, 二十三). Every reader of digits or numerals in the crate goes
//! through [`digits`] and [`chinese_number`].
//!
//! Values are computed from an integer mantissa and a power of ten, so that 16.4亿 is
//! exactly 1640000000 and not 1639999999.9999998.

use super::text::is_space;

/// Value of an ASCII or full-width digit.
pub(crate) fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// Whether `c` is an ASCII or full-width digit.
pub(crate) fn is_digit(c: char) -> bool {
    digit_value(c).is_some()
}

/// A run of digits read at the start of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Digits {
    /// Their value (exact for up to 38 digits, saturating beyond).
    pub value: u128,
    /// How many digits were read.
    pub count: usize,
    /// Their length in bytes.
    pub len: usize,
}

impl Digits {
    /// The value, when it fits a `u32`.
    pub fn value_u32(self) -> Option<u32> {
        u32::try_from(self.value).ok()
    }
}

/// Reads at most `max` ASCII or full-width digits at the start of `s`; `None` when `s`
/// does not start with one. Callers that must reject longer runs read one more than they
/// accept and check [`Digits::count`], so that a long run costs no more than that.
pub(crate) fn digits(s: &str, max: usize) -> Option<Digits> {
    let mut run = Digits { value: 0, count: 0, len: 0 };
    for c in s.chars().take(max) {
        let Some(d) = digit_value(c) else { break };
        run.value = run.value.saturating_mul(10).saturating_add(u128::from(d));
        run.count += 1;
        run.len += c.len_utf8();
    }
    (run.count > 0).then_some(run)
}

fn chinese_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' => 0,
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// Reads a Chinese numeral of 1–99 (一, 十, 十二, 二十, 二十三) at the start of `s`;
/// returns its value and byte length.
pub(crate) fn chinese_number(s: &str) -> Option<(u32, usize)> {
    let mut value = 0u32;
    let mut pending: Option<u32> = None;
    let mut seen_ten = false;
    let mut len = 0;
    for c in s.chars() {
        if let Some(d) = chinese_digit(c) {
            if pending.is_some() {
                return None; // 二三 is not a numeral
            }
            pending = Some(d);
        } else if c == '十' && !seen_ten {
            // 十 alone is ten: an implied 一.
            value = pending.take().map_or(10, |tens| tens * 10);
            seen_ten = true;
        } else {
            break;
        }
        len += c.len_utf8();
    }
    let total = value + pending.unwrap_or(0);
    (len > 0 && total > 0).then_some((total, len))
}

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

/// No quantity a plan means has more digits; longer runs are read as no number.
const MAX_DIGITS: usize = 30;

/// Reads a decimal number at the start of `s` (ASCII or full-width digits, one decimal
/// point); returns it and its byte length.
pub(crate) fn decimal(s: &str) -> Option<(Decimal, usize)> {
    let whole = digits(s, MAX_DIGITS + 1).filter(|d| d.count <= MAX_DIGITS)?;
    let mut number = (Decimal { mantissa: whole.value, scale: 0 }, whole.len);
    // A point counts only between digits: "3.5" but not "3." ending a sentence.
    let rest = s.get(whole.len..).unwrap_or("");
    let Some(point) = rest.chars().next().filter(|&c| c == '.' || c == '．') else { return Some(number) };
    let Some(fraction) = rest.get(point.len_utf8()..).and_then(|f| digits(f, MAX_DIGITS + 1 - whole.count)) else {
        return Some(number);
    };
    if whole.count + fraction.count > MAX_DIGITS {
        return None;
    }
    let scale = u32::try_from(fraction.count).ok()?;
    number.0 = Decimal { mantissa: whole.value * 10u128.pow(scale) + fraction.value, scale };
    number.1 += point.len_utf8() + fraction.len;
    Some(number)
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
    fn digit_runs() {
        assert_eq!(digits("2022年", 5), Some(Digits { value: 2022, count: 4, len: 4 }));
        assert_eq!(digits("２０２２", 5), Some(Digits { value: 2022, count: 4, len: 12 }));
        assert_eq!(digits("123456", 3), Some(Digits { value: 123, count: 3, len: 3 }), "help: at most `max`");
        assert_eq!(digits("年", 5), None);
        assert_eq!(digits("", 5), None);
        let long = "9".repeat(60);
        assert_eq!(digits(&long, 100).map(|d| (d.value, d.count)), Some((u128::MAX, 60)), "help: saturates");
        assert_eq!(digits("70000", 5).and_then(Digits::value_u32), Some(70000));
        assert_eq!(digits(&long, 100).and_then(Digits::value_u32), None);
    }

    #[test]
    fn chinese_numerals() {
        for (s, want) in [("一、", 1), ("十、", 10), ("十二", 12), ("二十", 20), ("二十三条", 23), ("九十九", 99)]
        {
            assert_eq!(chinese_number(s).map(|(v, _)| v), Some(want), "help: {s}");
        }
        assert_eq!(chinese_number("二十三、"), Some((23, 9)));
        for s in ["二三", "零", "〇、", "网", ""] {
            assert_eq!(chinese_number(s), None, "help: {s:?} is no numeral");
        }
    }

    #[test]
    fn decimals_stop_where_a_plan_stops() {
        assert_eq!(decimal("1.2.3"), Some((Decimal { mantissa: 12, scale: 1 }, 3)));
        assert_eq!(decimal("３．５"), Some((Decimal { mantissa: 35, scale: 1 }, 9)));
        assert!(decimal(&"1".repeat(30)).is_some());
        assert_eq!(decimal(&"1".repeat(31)), None, "help: too long to be a quantity");
        assert_eq!(decimal(&format!("{}.{}", "1".repeat(20), "2".repeat(11))), None);
        assert!(decimal(&format!("{}.{}", "1".repeat(20), "2".repeat(10))).is_some());
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
