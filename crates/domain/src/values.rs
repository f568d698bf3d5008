//! Validated values: each newtype can only be built through its parser, so code holding one holds a valid one.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Why a value was refused. Each case names the rule that was broken, so the message can be translated.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValueError {
    /// A slug was empty, too long or held characters other than a-z, 0-9 and single inner hyphens.
    #[error("a slug is 1 to {max} characters: lowercase a-z, digits and single hyphens inside")]
    Slug {
        /// The longest accepted slug.
        max: usize,
    },
    /// An e-mail address was malformed.
    #[error("not a valid e-mail address")]
    Email,
    /// A web address was malformed or used a scheme other than http or https.
    #[error("a web address must start with http:// or https:// and name a host")]
    Url,
    /// Latitude or longitude out of range, or not a number.
    #[error("latitude must be within -90..90 and longitude within -180..180")]
    Coordinates,
    /// A date was not a real calendar date written YYYY-MM-DD.
    #[error("a date is written YYYY-MM-DD and must exist in the calendar")]
    Date,
    /// A Swedish organisation number was not ten digits (NNNNNN-NNNN) with a valid check digit.
    #[error("a Swedish organisation number is ten digits, NNNNNN-NNNN, with a valid check digit")]
    OrgNumber,
}

/// A Swedish organisation number (organisationsnummer), written `NNNNNN-NNNN`. The last digit is a check digit
/// by the Luhn algorithm over the other nine, as Bolagsverket and Skatteverket compute it. A sole trader's
/// number is their personal identity number, which follows the same rule; a twelve-digit form with the century
/// (`19`/`20`) or the group prefix `16` is accepted and stored in the ten-digit form.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct OrgNumber(String);

impl OrgNumber {
    /// Accepts `NNNNNN-NNNN`, `NNNNNNNNNN`, and the same with a `16`, `19` or `20` prefix; spaces are ignored.
    pub fn parse(input: &str) -> Result<OrgNumber, ValueError> {
        let compact: String = input.chars().filter(|c| *c != ' ').collect();
        let digits: String = match compact.len() {
            11 if compact.as_bytes()[6] == b'-' => compact.replacen('-', "", 1),
            13 if compact.as_bytes()[8] == b'-' => compact.replacen('-', "", 1),
            _ => compact,
        };
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ValueError::OrgNumber);
        }
        let ten = match digits.len() {
            10 => digits.as_str(),
            12 if ["16", "19", "20"].contains(&&digits[..2]) => &digits[2..],
            _ => return Err(ValueError::OrgNumber),
        };
        if !luhn_valid(ten) {
            return Err(ValueError::OrgNumber);
        }
        Ok(OrgNumber(format!("{}-{}", &ten[..6], &ten[6..])))
    }

    /// The number as `NNNNNN-NNNN`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for OrgNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The Luhn (mod 10) check over ASCII digits: from the right, every second digit doubled.
fn luhn_valid(digits: &str) -> bool {
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let twice = d * 2;
                if twice > 9 { twice - 9 } else { twice }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// A short, readable, lowercase ASCII identifier used in URLs (`karolinska-institutet`). Stable once published.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Slug(String);

impl Slug {
    /// The longest accepted slug.
    pub const MAX_LEN: usize = 80;

    /// Accepts `a-z`, `0-9` and hyphens between them; refuses everything else.
    pub fn parse(input: &str) -> Result<Slug, ValueError> {
        let err = ValueError::Slug { max: Self::MAX_LEN };
        if input.is_empty() || input.len() > Self::MAX_LEN {
            return Err(err);
        }
        let bytes = input.as_bytes();
        if bytes[0] == b'-' || bytes[bytes.len() - 1] == b'-' || input.contains("--") {
            return Err(err);
        }
        if !bytes
            .iter()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-')
        {
            return Err(err);
        }
        Ok(Slug(input.to_owned()))
    }

    /// Makes a slug from a name people use: å/ä become a, ö becomes o, other accents are dropped, and every run
    /// of other characters becomes one hyphen. Returns `None` when nothing usable is left.
    pub fn from_name(name: &str) -> Option<Slug> {
        let mut out = String::new();
        let mut pending_hyphen = false;
        for ch in name.chars().flat_map(char::to_lowercase) {
            let mapped = match ch {
                'å' | 'ä' | 'á' | 'à' | 'â' | 'ã' | 'æ' => Some('a'),
                'ö' | 'ó' | 'ò' | 'ô' | 'õ' | 'ø' => Some('o'),
                'é' | 'è' | 'ê' | 'ë' => Some('e'),
                'ü' | 'ú' | 'ù' | 'û' => Some('u'),
                'í' | 'ì' | 'î' | 'ï' => Some('i'),
                c if c.is_ascii_lowercase() || c.is_ascii_digit() => Some(c),
                _ => None,
            };
            match mapped {
                Some(c) => {
                    if pending_hyphen && !out.is_empty() {
                        out.push('-');
                    }
                    pending_hyphen = false;
                    out.push(c);
                }
                None => pending_hyphen = true,
            }
        }
        while out.len() > Self::MAX_LEN {
            out.pop();
        }
        let trimmed = out.trim_end_matches('-');
        Slug::parse(trimmed).ok()
    }

    /// The slug as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The `n`th slug of this name, for when the first is taken: `name-2`, `name-3`… The name is shortened when
    /// the number would not fit in [`Slug::MAX_LEN`]. Different numbers give different slugs (the last part is
    /// the number).
    pub fn numbered(&self, n: u32) -> Slug {
        let suffix = format!("-{n}");
        let mut stem = self.0.as_str();
        if stem.len() + suffix.len() > Self::MAX_LEN {
            stem = stem[..Self::MAX_LEN - suffix.len()].trim_end_matches('-');
        }
        Slug(format!("{stem}{suffix}"))
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Slug {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Slug::parse(&s).map_err(|e| serde::de::Error::custom(format!("{e}: {s:?}")))
    }
}

/// An e-mail address: one `@`, a non-empty local part and a domain with a dot, no spaces, at most 254 bytes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Email(String);

impl Email {
    /// Parses and normalises (trims, lowercases the domain) an e-mail address.
    pub fn parse(input: &str) -> Result<Email, ValueError> {
        let s = input.trim();
        if s.len() > 254 || s.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(ValueError::Email);
        }
        let (local, domain) = s.split_once('@').ok_or(ValueError::Email)?;
        let domain_ok = !domain.is_empty()
            && !domain.contains('@')
            && domain.contains('.')
            && domain.split('.').all(|label| {
                !label.is_empty()
                    && !label.starts_with('-')
                    && !label.ends_with('-')
                    && label.chars().all(|c| c.is_alphanumeric() || c == '-')
            });
        if local.is_empty() || local.len() > 64 || !domain_ok {
            return Err(ValueError::Email);
        }
        Ok(Email(format!("{local}@{}", domain.to_lowercase())))
    }

    /// The address as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for Email {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Email::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// A web address that is safe to link to: http or https with a host.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct WebUrl(String);

impl WebUrl {
    /// Parses an absolute http(s) URL; refuses `javascript:`, `data:`, relative and host-less addresses.
    pub fn parse(input: &str) -> Result<WebUrl, ValueError> {
        let parsed = url::Url::parse(input.trim()).map_err(|_| ValueError::Url)?;
        if !matches!(parsed.scheme(), "http" | "https")
            || parsed.host_str().is_none_or(str::is_empty)
        {
            return Err(ValueError::Url);
        }
        Ok(WebUrl(parsed.to_string()))
    }

    /// The address as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The host name, for showing a short label next to a link.
    pub fn host(&self) -> &str {
        let rest = self.0.split_once("://").map_or(self.0.as_str(), |(_, r)| r);
        let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
        host.strip_prefix("www.").unwrap_or(host)
    }
}

impl<'de> Deserialize<'de> for WebUrl {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        WebUrl::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// A calendar date (no time zone), written `YYYY-MM-DD`, years 1900..=2200.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IsoDate {
    year: i32,
    month: u8,
    day: u8,
}

impl IsoDate {
    /// Builds a date, refusing days that do not exist (31 April, 29 February in a common year).
    pub fn new(year: i32, month: u8, day: u8) -> Result<IsoDate, ValueError> {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return Err(ValueError::Date),
        };
        if !(1900..=2200).contains(&year) || day == 0 || day > days {
            return Err(ValueError::Date);
        }
        Ok(IsoDate { year, month, day })
    }

    /// Parses `YYYY-MM-DD` exactly (surrounding spaces allowed).
    pub fn parse(input: &str) -> Result<IsoDate, ValueError> {
        let s = input.trim();
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(ValueError::Date);
        }
        let num = |r: std::ops::Range<usize>| -> Result<u32, ValueError> {
            let part = &s[r];
            if part.bytes().all(|c| c.is_ascii_digit()) {
                part.parse().map_err(|_| ValueError::Date)
            } else {
                Err(ValueError::Date)
            }
        };
        let year = i32::try_from(num(0..4)?).map_err(|_| ValueError::Date)?;
        let month = u8::try_from(num(5..7)?).map_err(|_| ValueError::Date)?;
        let day = u8::try_from(num(8..10)?).map_err(|_| ValueError::Date)?;
        IsoDate::new(year, month, day)
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month, 1–12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month.
    pub fn day(self) -> u8 {
        self.day
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date of a moment given as Unix milliseconds, in UTC.
    pub fn from_unix_millis(ms: i64) -> IsoDate {
        let z = ms.div_euclid(86_400_000) + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        IsoDate {
            year: i32::try_from(year).unwrap_or(1970),
            month: u8::try_from(month).unwrap_or(1),
            day: u8::try_from(day).unwrap_or(1),
        }
    }
}

impl fmt::Display for IsoDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for IsoDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for IsoDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        IsoDate::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// A point on the map in WGS 84 degrees.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Coordinates {
    lat: f64,
    lon: f64,
}

impl Coordinates {
    /// Builds coordinates, refusing NaN and values outside the globe.
    pub fn new(lat: f64, lon: f64) -> Result<Coordinates, ValueError> {
        if lat.is_finite()
            && lon.is_finite()
            && (-90.0..=90.0).contains(&lat)
            && (-180.0..=180.0).contains(&lon)
        {
            Ok(Coordinates { lat, lon })
        } else {
            Err(ValueError::Coordinates)
        }
    }

    /// Latitude in degrees.
    pub fn lat(self) -> f64 {
        self.lat
    }

    /// Longitude in degrees.
    pub fn lon(self) -> f64 {
        self.lon
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn swedish_organisation_numbers() {
        for (input, stored) in [
            ("232100-0016", "232100-0016"),
            ("2321000016", "232100-0016"),
            ("202100-2973", "202100-2973"),
            ("16202100-2973", "202100-2973"),
            (" 556016 -0680", "556016-0680"),
        ] {
            assert_eq!(
                OrgNumber::parse(input).map(|o| o.to_string()),
                Ok(stored.to_owned()),
                "{input}"
            );
        }
        for bad in [
            "232100-0017",
            "23210-00016",
            "abcdef-ghij",
            "",
            "17202100-2973",
            "2321000016x",
        ] {
            assert_eq!(OrgNumber::parse(bad), Err(ValueError::OrgNumber), "{bad}");
        }
    }

    proptest! {
        #[test]
        fn an_organisation_number_is_valid_exactly_when_its_check_digit_fits(nine in "[0-9]{9}", check in 0u8..10) {
            let valid = (0..10u8).find(|d| luhn_valid(&format!("{nine}{d}"))).expect("one digit fits");
            let parsed = OrgNumber::parse(&format!("{}-{}{check}", &nine[..6], &nine[6..]));
            prop_assert_eq!(parsed.is_ok(), check == valid);
        }
    }

    #[test]
    fn slugs() {
        for ok in ["vecura", "ana-futura", "a-working-lab", "kth", "x1"] {
            assert!(Slug::parse(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "-a",
            "a-",
            "a--b",
            "Vecura",
            "å",
            "a b",
            "a_b",
            "a/b",
            &"a".repeat(81),
        ] {
            assert!(Slug::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn slug_from_swedish_names() {
        let s = |n: &str| Slug::from_name(n).map(|s| s.to_string());
        assert_eq!(
            s("Centrum för hälsodata").as_deref(),
            Some("centrum-for-halsodata")
        );
        assert_eq!(s("A Working Lab").as_deref(), Some("a-working-lab"));
        assert_eq!(s("Locum AB").as_deref(), Some("locum-ab"));
        assert_eq!(s("Forska!Sverige").as_deref(), Some("forska-sverige"));
        assert_eq!(s("  Åsa   Öberg ").as_deref(), Some("asa-oberg"));
        assert_eq!(s("!!!"), None);
    }

    #[test]
    fn emails() {
        assert_eq!(
            Email::parse(" Pontus@Vecura.SE ").map(|e| e.0),
            Ok("Pontus@vecura.se".into())
        );
        for bad in [
            "", "a", "a@", "@b.se", "a@b", "a b@c.se", "a@b..se", "a@-b.se", "a@@b.se",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn urls_only_http() {
        assert!(WebUrl::parse("https://ki.se").is_ok());
        assert_eq!(
            WebUrl::parse("https://www.ki.se/om").map(|u| u.host().to_string()),
            Ok("ki.se".into())
        );
        for bad in [
            "javascript:alert(1)",
            "data:text/html,x",
            "ftp://a.se",
            "/relative",
            "https://",
            "ki.se",
        ] {
            assert!(WebUrl::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn coordinates() {
        assert!(Coordinates::new(59.22, 17.94).is_ok());
        assert!(Coordinates::new(91.0, 0.0).is_err());
        assert!(Coordinates::new(0.0, f64::NAN).is_err());
    }

    #[test]
    fn dates() {
        assert_eq!(
            IsoDate::parse("2024-02-29").map(|d| d.to_string()),
            Ok("2024-02-29".into())
        );
        for bad in [
            "2023-02-29",
            "2026-04-31",
            "2026-13-01",
            "2026-1-01",
            "26-01-01",
            "2026/01/01",
            "+026-01-01",
            "",
        ] {
            assert!(IsoDate::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(
            IsoDate::parse("1970-01-01").map(IsoDate::days_since_epoch),
            Ok(0)
        );
        assert_eq!(
            IsoDate::from_unix_millis(1_795_000_000_000).to_string(),
            "2026-11-18"
        );
    }

    proptest! {
        #[test]
        fn dates_round_trip_through_days(y in 1900i32..=2200, m in 1u8..=12, d in 1u8..=31) {
            if let Ok(date) = IsoDate::new(y, m, d) {
                prop_assert_eq!(IsoDate::parse(&date.to_string()), Ok(date));
                let back = IsoDate::from_unix_millis(date.days_since_epoch() * 86_400_000 + 3_600_000);
                prop_assert_eq!(back, date);
            }
        }

        #[test]
        fn from_name_always_gives_a_valid_slug(name in "\\PC{0,120}") {
            if let Some(slug) = Slug::from_name(&name) {
                prop_assert!(Slug::parse(slug.as_str()).is_ok());
            }
        }

        #[test]
        fn numbered_slugs_are_valid_and_distinct(name in "[a-z0-9 ]{1,100}", a in 2u32..2_000_000, b in 2u32..2_000_000) {
            if let Some(slug) = Slug::from_name(&name) {
                let (x, y) = (slug.numbered(a), slug.numbered(b));
                prop_assert!(Slug::parse(x.as_str()).is_ok(), "{}", x);
                let suffix = format!("-{}", a);
                prop_assert!(x.as_str().ends_with(&suffix));
                prop_assert_eq!(x == y, a == b);
            }
        }

        #[test]
        fn parse_accepts_only_the_alphabet(s in "[a-z0-9-]{0,90}") {
            let ok = !s.is_empty() && s.len() <= 80 && !s.starts_with('-') && !s.ends_with('-') && !s.contains("--");
            prop_assert_eq!(Slug::parse(&s).is_ok(), ok);
        }
    }
}
