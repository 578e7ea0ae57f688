//! Calendar days, as the Act states them (`YYYY-MM-DD`). Shared with the build script, which
//! checks the dated values of the ruleset with it.

use std::fmt;

/// A day of the Gregorian calendar, stored as `yyyymmdd` so that order is numeric order.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct Date(u32);

impl Date {
    /// The day, if `y-m-d` exists in the calendar.
    pub const fn new(year: u32, month: u32, day: u32) -> Option<Date> {
        if year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1 {
            return None;
        }
        if day > days_in_month(year, month) {
            return None;
        }
        Some(Date(year * 10000 + month * 100 + day))
    }

    /// For generated tables, which hold only days the build has checked.
    pub const fn from_packed(packed: u32) -> Date {
        Date(packed)
    }

    pub const fn packed(self) -> u32 {
        self.0
    }

    pub const fn year(self) -> u32 {
        self.0 / 10000
    }

    pub const fn month(self) -> u32 {
        self.0 / 100 % 100
    }

    pub const fn day(self) -> u32 {
        self.0 % 100
    }

    /// Parses exactly `YYYY-MM-DD`; `31-02-2027` or `2027-02-31` are not days.
    pub fn parse(text: &str) -> Option<Date> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let digits = |range: std::ops::Range<usize>| -> Option<u32> {
            text.get(range.clone())?
                .bytes()
                .try_fold(0u32, |acc, b| b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0')))
        };
        Date::new(digits(0..4)?, digits(5..7)?, digits(8..10)?)
    }

    /// The day `days` after 1970-01-01 (civil-from-days, proleptic Gregorian calendar).
    pub fn from_unix_days(days: i64) -> Option<Date> {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date::new(u32::try_from(year).ok()?, month as u32, day as u32)
    }

    /// Days since 1970-01-01 (days-from-civil, the inverse of `from_unix_days`).
    pub fn unix_days(self) -> i64 {
        let (y, m, d) = (i64::from(self.year()), i64::from(self.month()), i64::from(self.day()));
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The day `n` days later.
    pub fn plus_days(self, n: u32) -> Date {
        Date::from_unix_days(self.unix_days() + i64::from(n)).unwrap_or(self)
    }

    /// How many days from this day to `later` (0 if `later` is not later).
    pub fn days_until(self, later: Date) -> u32 {
        u32::try_from(later.unix_days() - self.unix_days()).unwrap_or(0)
    }

    /// The next day.
    pub fn succ(self) -> Date {
        let (y, m, d) = (self.year(), self.month(), self.day());
        if d < days_in_month(y, m) {
            Date(self.0 + 1)
        } else if m < 12 {
            Date(y * 10000 + (m + 1) * 100 + 1)
        } else {
            Date((y + 1) * 10000 + 101)
        }
    }
}

const fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year(), self.month(), self.day())
    }
}

#[cfg(test)]
mod tests {
    use super::Date;

    #[test]
    fn counts_days_both_ways() {
        let start = Date::parse("2024-08-01").unwrap();
        assert_eq!(start.unix_days(), 19_936);
        assert_eq!(Date::from_unix_days(start.unix_days()), Some(start));
        assert_eq!(start.plus_days(366).to_string(), "2025-08-02");
        assert_eq!(start.days_until(Date::parse("2031-12-31").unwrap()), 2708);
        assert_eq!(Date::parse("2025-01-01").unwrap().days_until(start), 0);
    }

    #[test]
    fn parses_only_real_days() {
        assert_eq!(Date::parse("2027-12-02").unwrap().to_string(), "2027-12-02");
        assert!(Date::parse("2028-02-29").is_some());
        for bad in
            ["2027-02-29", "31-02-2027", "2027-02-31", "2027-13-01", "2027-1-01", "", "2027-00-10", "２０２７-01-01"]
        {
            assert!(Date::parse(bad).is_none(), "{bad} is not a day");
        }
    }

    #[test]
    fn unix_days_convert() {
        assert_eq!(Date::from_unix_days(0).unwrap().to_string(), "1970-01-01");
        assert_eq!(Date::from_unix_days(20_414).unwrap().to_string(), "2025-11-22");
        assert_eq!(Date::from_unix_days(19_782).unwrap().to_string(), "2024-02-29");
    }

    #[test]
    fn succ_rolls_over_months_and_years() {
        assert_eq!(Date::parse("2024-02-28").unwrap().succ(), Date::parse("2024-02-29").unwrap());
        assert_eq!(Date::parse("2025-02-28").unwrap().succ(), Date::parse("2025-03-01").unwrap());
        assert_eq!(Date::parse("2026-12-31").unwrap().succ(), Date::parse("2027-01-01").unwrap());
    }
}
