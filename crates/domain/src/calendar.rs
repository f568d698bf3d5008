//! Working days in Sweden: the public holidays of the Public Holidays Act (lag (1989:253) om allmänna
//! helgdagar) and the eves that Swedish employers and authorities keep closed, so that "answered within five
//! working days" means what a Swedish office means by it.

use crate::IsoDate;

const MS_PER_DAY: i64 = 86_400_000;

/// The date `days` after `date` (before, when negative).
pub fn add_days(date: IsoDate, days: i64) -> IsoDate {
    IsoDate::from_unix_millis((date.days_since_epoch() + days) * MS_PER_DAY)
}

/// The day of the week, 1 = Monday … 7 = Sunday (ISO 8601).
pub fn weekday(date: IsoDate) -> u8 {
    // 1970-01-01 was a Thursday (4).
    let d = (date.days_since_epoch() + 3).rem_euclid(7);
    u8::try_from(d + 1).unwrap_or(1)
}

/// Easter Sunday of `year` (the Gregorian computus, Meeus/Jones/Butcher).
pub fn easter_sunday(year: i32) -> IsoDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    date(year, month, day)
}

fn date(year: i32, month: i32, day: i32) -> IsoDate {
    IsoDate::new(
        year,
        u8::try_from(month).unwrap_or(1),
        u8::try_from(day).unwrap_or(1),
    )
    .unwrap_or_else(|_| IsoDate::from_unix_millis(0))
}

/// The first date on or after `from` that falls on `weekday` (1 = Monday … 7 = Sunday).
fn first_on_or_after(from: IsoDate, weekday_wanted: u8) -> IsoDate {
    let shift = (i64::from(weekday_wanted) - i64::from(weekday(from))).rem_euclid(7);
    add_days(from, shift)
}

/// The days of `year` on which a Swedish office is closed besides weekends: the public holidays (New Year's
/// Day, Epiphany, Good Friday, Easter Sunday and Monday, 1 May, Ascension Day, Whit Sunday, the National Day,
/// Midsummer Day, All Saints' Day, Christmas Day, Boxing Day) and the eves kept as holidays (Midsummer Eve,
/// Christmas Eve, New Year's Eve). Sorted.
pub fn holidays(year: i32) -> Vec<IsoDate> {
    let easter = easter_sunday(year);
    let midsummer_day = first_on_or_after(date(year, 6, 20), 6);
    let mut days = vec![
        date(year, 1, 1),
        date(year, 1, 6),
        add_days(easter, -2),
        easter,
        add_days(easter, 1),
        date(year, 5, 1),
        add_days(easter, 39),
        add_days(easter, 49),
        date(year, 6, 6),
        add_days(midsummer_day, -1),
        midsummer_day,
        first_on_or_after(date(year, 10, 31), 6),
        date(year, 12, 24),
        date(year, 12, 25),
        date(year, 12, 26),
        date(year, 12, 31),
    ];
    days.sort();
    days.dedup();
    days
}

/// Whether `date` is a working day: Monday to Friday and not one of [`holidays`].
pub fn is_working_day(date: IsoDate) -> bool {
    weekday(date) <= 5 && holidays(date.year()).binary_search(&date).is_err()
}

/// The working days after `from` up to and including `to` (0 when `to` is not after `from`): a request sent on
/// a Friday and still unanswered on the Monday has waited one working day.
pub fn working_days_between(from: IsoDate, to: IsoDate) -> u32 {
    let (start, end) = (from.days_since_epoch(), to.days_since_epoch());
    if end <= start {
        return 0;
    }
    let mut count = 0u32;
    let mut year = i32::MIN;
    let mut closed: Vec<IsoDate> = Vec::new();
    for d in (start + 1)..=end {
        let day = IsoDate::from_unix_millis(d * MS_PER_DAY);
        if day.year() != year {
            year = day.year();
            closed = holidays(year);
        }
        if weekday(day) <= 5 && closed.binary_search(&day).is_err() {
            count += 1;
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> IsoDate {
        IsoDate::parse(s).expect("a date")
    }

    #[test]
    fn easter_is_right_in_known_years() {
        for (year, easter) in [
            (2024, "2024-03-31"),
            (2025, "2025-04-20"),
            (2026, "2026-04-05"),
            (2027, "2027-03-28"),
            (2038, "2038-04-25"),
            (1985, "1985-04-07"),
        ] {
            assert_eq!(easter_sunday(year), d(easter), "{year}");
        }
    }

    #[test]
    fn the_swedish_holidays_of_2026_are_the_almanacs() {
        let got: Vec<String> = holidays(2026).iter().map(ToString::to_string).collect();
        assert_eq!(
            got,
            [
                "2026-01-01",
                "2026-01-06",
                "2026-04-03",
                "2026-04-05",
                "2026-04-06",
                "2026-05-01",
                "2026-05-14",
                "2026-05-24",
                "2026-06-06",
                "2026-06-19",
                "2026-06-20",
                "2026-10-31",
                "2026-12-24",
                "2026-12-25",
                "2026-12-26",
                "2026-12-31",
            ]
        );
    }

    #[test]
    fn weekdays_are_iso() {
        assert_eq!(weekday(d("2026-12-07")), 1);
        assert_eq!(weekday(d("2026-12-06")), 7);
        assert_eq!(weekday(d("1970-01-01")), 4);
    }

    #[test]
    fn working_days_skip_weekends_and_holidays() {
        // Friday to Monday: one working day.
        assert_eq!(working_days_between(d("2026-12-04"), d("2026-12-07")), 1);
        // Over Christmas 2026: 23 Dec (Wed) to 28 Dec (Mon) — 24, 25 are closed, 26-27 weekend.
        assert_eq!(working_days_between(d("2026-12-23"), d("2026-12-28")), 1);
        // Over Easter 2026: Thursday 2 April to Tuesday 7 April.
        assert_eq!(working_days_between(d("2026-04-02"), d("2026-04-07")), 1);
        // Over New Year into the next year.
        // 31 Dec and 1 Jan closed, then a weekend: Monday 4 and Tuesday 5 January.
        assert_eq!(working_days_between(d("2026-12-30"), d("2027-01-05")), 2);
        assert_eq!(working_days_between(d("2026-12-07"), d("2026-12-07")), 0);
        assert_eq!(working_days_between(d("2026-12-08"), d("2026-12-07")), 0);
    }

    fn any_date() -> impl Strategy<Value = IsoDate> {
        (0i64..60_000).prop_map(|n| IsoDate::from_unix_millis(n * MS_PER_DAY))
    }

    proptest! {
        #[test]
        fn working_days_add_up_over_a_split(a in any_date(), b in 0i64..400, c in 0i64..400) {
            let m = add_days(a, b);
            let e = add_days(m, c);
            prop_assert_eq!(
                working_days_between(a, e),
                working_days_between(a, m) + working_days_between(m, e)
            );
        }

        #[test]
        fn a_week_has_at_most_five_working_days(a in any_date()) {
            let n = working_days_between(a, add_days(a, 7));
            prop_assert!(n <= 5);
            prop_assert!(n >= 2, "no week has fewer than two working days, got {n} after {a}");
        }

        #[test]
        fn every_holiday_is_in_its_year_and_midsummer_is_a_saturday(year in 1900i32..2200) {
            let days = holidays(year);
            prop_assert!(days.iter().all(|h| h.year() == year));
            let midsummer = days.iter().find(|h| h.month() == 6 && h.day() >= 20 && weekday(**h) == 6);
            prop_assert!(midsummer.is_some());
            let easter = easter_sunday(year);
            prop_assert_eq!(weekday(easter), 7);
            let window = date(year, 3, 22)..=date(year, 4, 25);
            prop_assert!(window.contains(&easter));
        }
    }
}
