//! Actors and relations in and out of the platform as CSV and JSON: the documented column format
//! (`docs/import-format.md`), writers for export, and readers for import that report every problem with its line
//! and column and accept nothing half-read.
//!
//! Actors have the columns [`ACTOR_COLUMNS`]; relations [`RELATION_COLUMNS`]. A CSV file holds one of the two
//! (its header row decides which); a JSON file is `{"actors": [...], "relations": [...]}` with objects keyed by the
//! same column names (`campuses` and `tags` as arrays). Contact persons are not part of the format: an import never
//! touches them.

use crate::actor::{Actor, ActorKind, OwnershipForm, Relation, RelationKind};
use crate::lang::LangText;
use crate::values::{Coordinates, Slug, WebUrl};
use std::collections::HashMap;
use std::fmt;
use std::io::Read;

/// The actor columns, in export order.
pub const ACTOR_COLUMNS: [&str; 15] = [
    "slug",
    "org_number",
    "name_sv",
    "name_en",
    "short_name",
    "kind",
    "ownership",
    "description_sv",
    "description_en",
    "website",
    "address",
    "lat",
    "lon",
    "campuses",
    "tags",
];
/// Actor columns that must be present (and non-empty).
pub const ACTOR_REQUIRED: [&str; 4] = ["slug", "name_sv", "name_en", "kind"];
/// The relation columns, in export order.
pub const RELATION_COLUMNS: [&str; 6] = ["from", "kind", "to", "since", "until", "source"];
/// Relation columns that must be present (and non-empty).
pub const RELATION_REQUIRED: [&str; 3] = ["from", "kind", "to"];

/// The longest accepted description (characters).
pub const MAX_DESCRIPTION: usize = 20_000;
/// The longest accepted value of any other field (characters).
pub const MAX_FIELD: usize = 500;
/// Reading stops after this many problems (the report says so).
pub const MAX_PROBLEMS: usize = 200;

/// Where a problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A line of a CSV file (1 is the header).
    Line(u64),
    /// A record of a JSON file: `actors[3]`.
    Record(String),
    /// The file as a whole.
    File,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Line(n) => write!(f, "line {n}"),
            Location::Record(r) => f.write_str(r),
            Location::File => f.write_str("file"),
        }
    }
}

/// What is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    /// The file is not UTF-8.
    Encoding,
    /// The file cannot be read as CSV or JSON at all (the parser's words).
    Syntax(String),
    /// The header names neither actors nor relations.
    UnknownTable,
    /// A column the format does not have.
    UnknownColumn(String),
    /// A required column is missing from the header.
    MissingColumn(String),
    /// A column appears twice in the header.
    DuplicateColumn(String),
    /// A row has a different number of fields than the header.
    FieldCount {
        /// Fields expected.
        expected: usize,
        /// Fields found.
        found: usize,
    },
    /// A required value is empty.
    Missing,
    /// A value is longer than allowed.
    TooLong {
        /// The limit in characters.
        max: usize,
    },
    /// A value is not one of the allowed words.
    NotAllowed {
        /// What was given.
        value: String,
        /// The allowed words.
        allowed: Vec<String>,
    },
    /// A value is malformed (slug, web address, number, coordinates, year).
    Malformed {
        /// What was given.
        value: String,
        /// What is expected, in English.
        expected: String,
    },
    /// The same key appears twice in the file.
    Duplicate {
        /// The key.
        key: String,
        /// Where it appeared first.
        first: Location,
    },
    /// A relation from an actor to itself.
    SelfRelation,
    /// `since` is after `until`.
    YearOrder,
    /// A relation names an actor that is neither in the file nor in the platform.
    UnknownActor(String),
    /// A campus slug that does not exist.
    UnknownCampus(String),
    /// A tag slug that does not exist.
    UnknownTag(String),
    /// The organisation number belongs to another actor than the slug names.
    OrgNumberConflict {
        /// The organisation number.
        org_number: String,
        /// The actor that has it.
        owner: String,
    },
    /// Reading stopped after [`MAX_PROBLEMS`] problems.
    TooManyProblems,
}

/// One problem found in an import file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where.
    pub at: Location,
    /// The column, when the problem is in one field.
    pub column: Option<String>,
    /// What.
    pub kind: ProblemKind,
}

impl fmt::Display for ProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProblemKind::Encoding => f.write_str("the file is not UTF-8 text; save it as UTF-8"),
            ProblemKind::Syntax(e) => write!(f, "cannot be read: {e}"),
            ProblemKind::UnknownTable => f.write_str(
                "the header names neither actors (slug, name_sv, name_en, kind, ...) nor relations (from, kind, to, ...)",
            ),
            ProblemKind::UnknownColumn(c) => write!(f, "unknown column {c:?}"),
            ProblemKind::MissingColumn(c) => write!(f, "the required column {c:?} is missing"),
            ProblemKind::DuplicateColumn(c) => write!(f, "the column {c:?} appears twice"),
            ProblemKind::FieldCount { expected, found } => {
                write!(f, "{found} fields where the header has {expected}")
            }
            ProblemKind::Missing => f.write_str("a value is required"),
            ProblemKind::TooLong { max } => write!(f, "longer than {max} characters"),
            ProblemKind::NotAllowed { value, allowed } => {
                write!(f, "{value:?} is not one of: {}", allowed.join(", "))
            }
            ProblemKind::Malformed { value, expected } => write!(f, "{value:?}: {expected}"),
            ProblemKind::Duplicate { key, first } => {
                write!(f, "{key:?} appears again (first at {first})")
            }
            ProblemKind::SelfRelation => f.write_str("a relation cannot go from an actor to itself"),
            ProblemKind::YearOrder => f.write_str("since is after until"),
            ProblemKind::UnknownActor(s) => {
                write!(f, "no actor {s:?} in the file or the platform")
            }
            ProblemKind::UnknownCampus(s) => write!(f, "no campus {s:?}"),
            ProblemKind::UnknownTag(s) => write!(f, "no competence tag {s:?}"),
            ProblemKind::OrgNumberConflict { org_number, owner } => {
                write!(f, "organisation number {org_number} belongs to the actor {owner:?}")
            }
            ProblemKind::TooManyProblems => {
                write!(f, "stopped after {MAX_PROBLEMS} problems")
            }
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.column {
            Some(c) => write!(f, "{}, column {c}: {}", self.at, self.kind),
            None => write!(f, "{}: {}", self.at, self.kind),
        }
    }
}

/// A record with where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Located<T> {
    /// Where in the file.
    pub at: Location,
    /// The record.
    pub item: T,
}

/// What a file holds, read and checked on its own (references to the platform are checked when importing).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportRows {
    /// Actors (contact persons empty).
    pub actors: Vec<Located<Actor>>,
    /// Relations.
    pub relations: Vec<Located<Relation>>,
}

// ---------------------------------------------------------------------------------------------------------
// Export

fn join(slugs: &[Slug]) -> String {
    slugs.iter().map(Slug::as_str).collect::<Vec<_>>().join(";")
}

/// The values of one actor in [`ACTOR_COLUMNS`] order.
pub fn actor_fields(a: &Actor) -> [String; 15] {
    [
        a.slug.to_string(),
        a.org_number.clone().unwrap_or_default(),
        a.name.sv.clone(),
        a.name.en.clone(),
        a.short_name.clone().unwrap_or_default(),
        a.kind.as_str().to_owned(),
        a.ownership
            .map(|o| o.as_str().to_owned())
            .unwrap_or_default(),
        a.description.sv.clone(),
        a.description.en.clone(),
        a.website
            .as_ref()
            .map(|w| w.as_str().to_owned())
            .unwrap_or_default(),
        a.address.clone().unwrap_or_default(),
        a.coordinates
            .map(|c| c.lat().to_string())
            .unwrap_or_default(),
        a.coordinates
            .map(|c| c.lon().to_string())
            .unwrap_or_default(),
        join(&a.campuses),
        join(&a.tags),
    ]
}

/// The values of one relation in [`RELATION_COLUMNS`] order.
pub fn relation_fields(r: &Relation) -> [String; 6] {
    [
        r.from.to_string(),
        r.kind.as_str().to_owned(),
        r.to.to_string(),
        r.since.map(|y| y.to_string()).unwrap_or_default(),
        r.until.map(|y| y.to_string()).unwrap_or_default(),
        r.source.clone().unwrap_or_default(),
    ]
}

/// The characters that make a spreadsheet read a cell as a formula (OWASP's CSV injection rule).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell value as it may be written into a CSV file that people open in a spreadsheet: a value a spreadsheet
/// would run as a formula gets a leading apostrophe (OWASP's rule for CSV injection). Plain numbers (`-59.3`)
/// are left as they are, since they cannot be formulas. [`read_cell`] undoes it on import; a value that
/// already starts with apostrophes before a formula character gets one more, so reading always undoes writing.
pub fn neutralise_cell(value: &str) -> std::borrow::Cow<'_, str> {
    let number = value
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.'))
        && value.parse::<f64>().is_ok();
    if !number && value.trim_start_matches('\'').starts_with(FORMULA_STARTS) {
        std::borrow::Cow::Owned(format!("'{value}"))
    } else {
        std::borrow::Cow::Borrowed(value)
    }
}

/// A cell read from an imported CSV file: the apostrophe that [`neutralise_cell`] adds before a formula
/// character is taken away again, so an exported file imports to the same values.
pub fn read_cell(value: &str) -> &str {
    match value.strip_prefix('\'') {
        Some(rest) if rest.trim_start_matches('\'').starts_with(FORMULA_STARTS) => rest,
        _ => value,
    }
}

/// One CSV line (RFC 4180: fields with commas, quotes or line breaks are quoted, quotes doubled), with CRLF.
/// Every cell passes [`neutralise_cell`]: this is the only CSV writer of the platform.
pub fn csv_line<S: AsRef<str>>(fields: &[S]) -> String {
    let mut out = String::new();
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let f = neutralise_cell(f.as_ref());
        if f.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&f.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&f);
        }
    }
    out.push_str("\r\n");
    out
}

/// Actors as CSV with a header row.
pub fn actors_csv(actors: &[Actor]) -> String {
    let mut out = csv_line(&ACTOR_COLUMNS);
    for a in actors {
        out.push_str(&csv_line(&actor_fields(a)));
    }
    out
}

/// Relations as CSV with a header row.
pub fn relations_csv(relations: &[Relation]) -> String {
    let mut out = csv_line(&RELATION_COLUMNS);
    for r in relations {
        out.push_str(&csv_line(&relation_fields(r)));
    }
    out
}

/// Actors and relations as the JSON import/export document.
pub fn to_json(actors: &[Actor], relations: &[Relation]) -> serde_json::Value {
    let actor = |a: &Actor| {
        let mut m = serde_json::Map::new();
        for (col, val) in ACTOR_COLUMNS.iter().zip(actor_fields(a)) {
            let v = match *col {
                "campuses" => serde_json::json!(a.campuses),
                "tags" => serde_json::json!(a.tags),
                "lat" => serde_json::json!(a.coordinates.map(|c| c.lat())),
                "lon" => serde_json::json!(a.coordinates.map(|c| c.lon())),
                _ if val.is_empty() => serde_json::Value::Null,
                _ => serde_json::Value::String(val),
            };
            m.insert((*col).to_owned(), v);
        }
        serde_json::Value::Object(m)
    };
    let relation = |r: &Relation| {
        serde_json::json!({
            "from": r.from, "kind": r.kind.as_str(), "to": r.to,
            "since": r.since, "until": r.until, "source": r.source,
        })
    };
    serde_json::json!({
        "actors": actors.iter().map(actor).collect::<Vec<_>>(),
        "relations": relations.iter().map(relation).collect::<Vec<_>>(),
    })
}

// ---------------------------------------------------------------------------------------------------------
// Import

/// Collects problems up to the limit.
struct Problems(Vec<Problem>);

impl Problems {
    fn add(&mut self, at: &Location, column: Option<&str>, kind: ProblemKind) {
        if self.0.len() < MAX_PROBLEMS {
            self.0.push(Problem {
                at: at.clone(),
                column: column.map(str::to_owned),
                kind,
            });
        } else if self.0.len() == MAX_PROBLEMS {
            self.0.push(Problem {
                at: at.clone(),
                column: None,
                kind: ProblemKind::TooManyProblems,
            });
        }
    }

    fn full(&self) -> bool {
        self.0.len() > MAX_PROBLEMS
    }
}

/// One record's fields by column name, with where it came from.
struct Fields<'a> {
    at: &'a Location,
    get: &'a dyn Fn(&str) -> Option<String>,
}

impl Fields<'_> {
    fn text(&self, p: &mut Problems, col: &str, max: usize, required: bool) -> Option<String> {
        let v = (self.get)(col)
            .map(|s| crate::text::without_bidi_controls(&s).trim().to_owned())
            .unwrap_or_default();
        if v.is_empty() {
            if required {
                p.add(self.at, Some(col), ProblemKind::Missing);
            }
            return None;
        }
        if v.chars().count() > max {
            p.add(self.at, Some(col), ProblemKind::TooLong { max });
            return None;
        }
        if v.contains('\0') {
            p.add(
                self.at,
                Some(col),
                malformed(&v.replace('\0', "\\0"), "text without NUL characters"),
            );
            return None;
        }
        Some(v)
    }

    fn slug(&self, p: &mut Problems, col: &str, required: bool) -> Option<Slug> {
        let v = self.text(p, col, MAX_FIELD, required)?;
        match Slug::parse(&v) {
            Ok(s) => Some(s),
            Err(e) => {
                p.add(self.at, Some(col), malformed(&v, &e.to_string()));
                None
            }
        }
    }

    fn slugs(&self, p: &mut Problems, col: &str) -> Vec<Slug> {
        let Some(v) = self.text(p, col, MAX_FIELD * 4, false) else {
            return Vec::new();
        };
        let mut out: Vec<Slug> = Vec::new();
        for part in v.split(';').map(str::trim).filter(|s| !s.is_empty()) {
            match Slug::parse(part) {
                Ok(s) if !out.contains(&s) => out.push(s),
                Ok(_) => {}
                Err(e) => p.add(self.at, Some(col), malformed(part, &e.to_string())),
            }
        }
        out
    }

    fn number(&self, p: &mut Problems, col: &str) -> Option<f64> {
        let v = self.text(p, col, 40, false)?;
        match v.parse::<f64>() {
            Ok(n) if n.is_finite() => Some(n),
            _ => {
                p.add(
                    self.at,
                    Some(col),
                    malformed(&v, "expected a decimal number"),
                );
                None
            }
        }
    }

    fn year(&self, p: &mut Problems, col: &str) -> Option<i32> {
        let v = self.text(p, col, 10, false)?;
        match v.parse::<i32>() {
            Ok(y) if (1000..=9999).contains(&y) => Some(y),
            _ => {
                p.add(
                    self.at,
                    Some(col),
                    malformed(&v, "expected a four-digit year"),
                );
                None
            }
        }
    }

    fn word<T: Copy>(
        &self,
        p: &mut Problems,
        col: &str,
        required: bool,
        all: &[T],
        name: fn(T) -> &'static str,
    ) -> Option<T> {
        let v = self.text(p, col, MAX_FIELD, required)?;
        let found = all.iter().copied().find(|x| name(*x) == v);
        if found.is_none() {
            p.add(
                self.at,
                Some(col),
                ProblemKind::NotAllowed {
                    value: v,
                    allowed: all.iter().map(|x| name(*x).to_owned()).collect(),
                },
            );
        }
        found
    }
}

fn malformed(value: &str, expected: &str) -> ProblemKind {
    let shown: String = value.chars().take(60).collect();
    ProblemKind::Malformed {
        value: shown,
        expected: expected.to_owned(),
    }
}

fn read_actor(f: &Fields<'_>, p: &mut Problems) -> Option<Actor> {
    let before = p.0.len();
    let slug = f.slug(p, "slug", true);
    let org_number =
        f.text(p, "org_number", 20, false)
            .and_then(|v| match crate::OrgNumber::parse(&v) {
                Ok(n) => Some(n.to_string()),
                Err(e) => {
                    p.add(f.at, Some("org_number"), malformed(&v, &e.to_string()));
                    None
                }
            });
    let name_sv = f.text(p, "name_sv", MAX_FIELD, true);
    let name_en = f.text(p, "name_en", MAX_FIELD, true);
    let short_name = f.text(p, "short_name", 40, false);
    let kind = f.word(p, "kind", true, ActorKind::ALL, ActorKind::as_str);
    let ownership = f.word(
        p,
        "ownership",
        false,
        OwnershipForm::ALL,
        OwnershipForm::as_str,
    );
    let desc_sv = f.text(p, "description_sv", MAX_DESCRIPTION, false);
    let desc_en = f.text(p, "description_en", MAX_DESCRIPTION, false);
    let website = f.text(p, "website", MAX_FIELD, false).and_then(|w| {
        WebUrl::parse(&w)
            .map_err(|e| p.add(f.at, Some("website"), malformed(&w, &e.to_string())))
            .ok()
    });
    let address = f.text(p, "address", MAX_FIELD, false);
    let lat = f.number(p, "lat");
    let lon = f.number(p, "lon");
    let coordinates = match (lat, lon) {
        (Some(la), Some(lo)) => Coordinates::new(la, lo)
            .map_err(|e| {
                p.add(
                    f.at,
                    Some("lat"),
                    malformed(&format!("{la}, {lo}"), &e.to_string()),
                );
            })
            .ok(),
        (None, None) => None,
        (Some(_), None) => {
            p.add(f.at, Some("lon"), ProblemKind::Missing);
            None
        }
        (None, Some(_)) => {
            p.add(f.at, Some("lat"), ProblemKind::Missing);
            None
        }
    };
    let campuses = f.slugs(p, "campuses");
    let tags = f.slugs(p, "tags");
    if p.0.len() != before {
        return None;
    }
    Some(Actor {
        slug: slug?,
        name: LangText::new(name_sv?, name_en?),
        short_name,
        kind: kind?,
        ownership,
        description: LangText::new(desc_sv.unwrap_or_default(), desc_en.unwrap_or_default()),
        website,
        org_number,
        address,
        coordinates,
        campuses,
        tags,
        contacts: Vec::new(),
    })
}

fn read_relation(f: &Fields<'_>, p: &mut Problems) -> Option<Relation> {
    let before = p.0.len();
    let from = f.slug(p, "from", true);
    let kind = f.word(p, "kind", true, RelationKind::ALL, RelationKind::as_str);
    let to = f.slug(p, "to", true);
    let since = f.year(p, "since");
    let until = f.year(p, "until");
    let source = f.text(p, "source", MAX_FIELD, false);
    if let (Some(a), Some(b)) = (&from, &to)
        && a == b
    {
        p.add(f.at, Some("to"), ProblemKind::SelfRelation);
    }
    if let (Some(s), Some(u)) = (since, until)
        && s > u
    {
        p.add(f.at, Some("since"), ProblemKind::YearOrder);
    }
    if p.0.len() != before {
        return None;
    }
    Some(Relation {
        from: from?,
        kind: kind?,
        to: to?,
        since,
        until,
        source,
    })
}

/// Checks that keys are unique within the file: actor slugs and organisation numbers, relation triples.
fn check_duplicates(rows: &ImportRows, p: &mut Problems) {
    let mut slugs: HashMap<&str, &Location> = HashMap::new();
    let mut orgs: HashMap<&str, &Location> = HashMap::new();
    for a in &rows.actors {
        if let Some(first) = slugs.insert(a.item.slug.as_str(), &a.at) {
            p.add(
                &a.at,
                Some("slug"),
                ProblemKind::Duplicate {
                    key: a.item.slug.to_string(),
                    first: first.clone(),
                },
            );
        }
        if let Some(org) = &a.item.org_number
            && let Some(first) = orgs.insert(org.as_str(), &a.at)
        {
            p.add(
                &a.at,
                Some("org_number"),
                ProblemKind::Duplicate {
                    key: org.clone(),
                    first: first.clone(),
                },
            );
        }
    }
    let mut triples: HashMap<(&str, &str, &str), &Location> = HashMap::new();
    for r in &rows.relations {
        let key = (
            r.item.from.as_str(),
            r.item.kind.as_str(),
            r.item.to.as_str(),
        );
        if let Some(first) = triples.insert(key, &r.at) {
            p.add(
                &r.at,
                None,
                ProblemKind::Duplicate {
                    key: format!("{} {} {}", key.0, key.1, key.2),
                    first: first.clone(),
                },
            );
        }
    }
}

/// Reads through to `inner`, turning each CR LF into LF, so that line numbers (and line breaks inside quoted
/// fields) are the same whichever line ends a spreadsheet program wrote.
struct CrLfToLf<R> {
    inner: R,
}

impl<R: std::io::BufRead> Read for CrLfToLf<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let buf = self.inner.fill_buf()?;
        if buf.is_empty() || out.is_empty() {
            return Ok(0);
        }
        if buf == b"\r" {
            // A CR at the very end of what is buffered: look at the next byte before deciding.
            self.inner.consume(1);
            let next = self.inner.fill_buf()?;
            if next.first() == Some(&b'\n') {
                self.inner.consume(1);
                out[0] = b'\n';
            } else {
                out[0] = b'\r';
            }
            return Ok(1);
        }
        let (mut written, mut used) = (0, 0);
        while used < buf.len() && written < out.len() {
            let b = buf[used];
            if b == b'\r' {
                match buf.get(used + 1) {
                    Some(b'\n') => {
                        used += 1;
                        continue;
                    }
                    Some(_) => {}
                    // Leave a final CR for the next call, which sees what follows it.
                    None => break,
                }
            }
            out[written] = b;
            written += 1;
            used += 1;
        }
        self.inner.consume(used);
        Ok(written)
    }
}

/// Which table a CSV header describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Table {
    Actors,
    Relations,
}

/// Reads a CSV file of actors or relations (decided by its header) as a stream, calling `progress` with the
/// number of bytes read so far every few hundred rows. Returns every problem, or the rows when there are none.
pub fn read_csv<R: Read>(
    input: R,
    progress: &mut dyn FnMut(u64),
) -> Result<ImportRows, Vec<Problem>> {
    let mut p = Problems(Vec::new());
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(CrLfToLf {
            inner: std::io::BufReader::new(input),
        });
    let mut record = csv::ByteRecord::new();
    let header_at = Location::Line(1);
    let header: Vec<String> = match reader.read_byte_record(&mut record) {
        Ok(true) => match record
            .iter()
            .map(|f| {
                std::str::from_utf8(f).map(|s| s.trim().trim_start_matches('\u{feff}').to_owned())
            })
            .collect::<Result<Vec<_>, _>>()
        {
            Ok(h) => h,
            Err(_) => {
                p.add(&header_at, None, ProblemKind::Encoding);
                return Err(p.0);
            }
        },
        Ok(false) => {
            p.add(
                &Location::File,
                None,
                ProblemKind::Syntax("the file is empty".into()),
            );
            return Err(p.0);
        }
        Err(e) => {
            p.add(&header_at, None, ProblemKind::Syntax(e.to_string()));
            return Err(p.0);
        }
    };
    let table = if header.iter().any(|h| h == "slug") {
        Table::Actors
    } else if header.iter().any(|h| h == "from") {
        Table::Relations
    } else {
        p.add(&header_at, None, ProblemKind::UnknownTable);
        return Err(p.0);
    };
    let (known, required): (&[&str], &[&str]) = match table {
        Table::Actors => (&ACTOR_COLUMNS, &ACTOR_REQUIRED),
        Table::Relations => (&RELATION_COLUMNS, &RELATION_REQUIRED),
    };
    let mut index: HashMap<String, usize> = HashMap::new();
    for (i, h) in header.iter().enumerate() {
        if !known.contains(&h.as_str()) {
            p.add(&header_at, Some(h), ProblemKind::UnknownColumn(h.clone()));
        } else if index.insert(h.clone(), i).is_some() {
            p.add(&header_at, Some(h), ProblemKind::DuplicateColumn(h.clone()));
        }
    }
    for r in required {
        if !index.contains_key(*r) {
            p.add(
                &header_at,
                None,
                ProblemKind::MissingColumn((*r).to_owned()),
            );
        }
    }
    if !p.0.is_empty() {
        return Err(p.0);
    }
    let mut rows = ImportRows::default();
    let mut count = 0u64;
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map_or(0, csv::Position::line);
                p.add(
                    &Location::Line(line),
                    None,
                    ProblemKind::Syntax(e.to_string()),
                );
                break;
            }
        }
        let line = record.position().map_or(0, csv::Position::line);
        let at = Location::Line(line);
        count += 1;
        if count.is_multiple_of(500) {
            progress(reader.position().byte());
        }
        if record.len() == 1 && record.get(0).is_some_and(<[u8]>::is_empty) {
            continue; // a blank line
        }
        if record.len() != header.len() {
            p.add(
                &at,
                None,
                ProblemKind::FieldCount {
                    expected: header.len(),
                    found: record.len(),
                },
            );
            continue;
        }
        let mut fields: Vec<String> = Vec::with_capacity(record.len());
        let mut bad_encoding = false;
        for (i, raw) in record.iter().enumerate() {
            match std::str::from_utf8(raw) {
                Ok(s) => fields.push(read_cell(s).to_owned()),
                Err(_) => {
                    p.add(
                        &at,
                        header.get(i).map(String::as_str),
                        ProblemKind::Encoding,
                    );
                    bad_encoding = true;
                    break;
                }
            }
        }
        if bad_encoding {
            continue;
        }
        let get = |col: &str| index.get(col).and_then(|&i| fields.get(i).cloned());
        let f = Fields { at: &at, get: &get };
        match table {
            Table::Actors => {
                if let Some(a) = read_actor(&f, &mut p) {
                    rows.actors.push(Located {
                        at: at.clone(),
                        item: a,
                    });
                }
            }
            Table::Relations => {
                if let Some(r) = read_relation(&f, &mut p) {
                    rows.relations.push(Located {
                        at: at.clone(),
                        item: r,
                    });
                }
            }
        }
        if p.full() {
            break;
        }
    }
    progress(reader.position().byte());
    check_duplicates(&rows, &mut p);
    if p.0.is_empty() { Ok(rows) } else { Err(p.0) }
}

/// Reads the JSON document `{"actors": [...], "relations": [...]}` (either may be missing).
pub fn read_json(input: &[u8]) -> Result<ImportRows, Vec<Problem>> {
    let mut p = Problems(Vec::new());
    let text = match std::str::from_utf8(input) {
        Ok(t) => t,
        Err(e) => {
            let line = input
                .get(..e.valid_up_to())
                .map_or(0, |b| b.iter().filter(|c| **c == b'\n').count() as u64 + 1);
            p.add(&Location::Line(line), None, ProblemKind::Encoding);
            return Err(p.0);
        }
    };
    let doc: serde_json::Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            p.add(
                &Location::Line(e.line() as u64),
                None,
                ProblemKind::Syntax(e.to_string()),
            );
            return Err(p.0);
        }
    };
    let Some(obj) = doc.as_object() else {
        p.add(
            &Location::File,
            None,
            ProblemKind::Syntax(
                "expected an object with \"actors\" and \"relations\" arrays".into(),
            ),
        );
        return Err(p.0);
    };
    for key in obj.keys() {
        if key != "actors" && key != "relations" {
            p.add(
                &Location::File,
                Some(key),
                ProblemKind::UnknownColumn(key.clone()),
            );
        }
    }
    let mut rows = ImportRows::default();
    for (table, known) in [
        ("actors", &ACTOR_COLUMNS[..]),
        ("relations", &RELATION_COLUMNS[..]),
    ] {
        let Some(list) = obj.get(table) else { continue };
        let Some(list) = list.as_array() else {
            p.add(
                &Location::File,
                Some(table),
                ProblemKind::Syntax(format!("\"{table}\" must be an array")),
            );
            continue;
        };
        for (i, item) in list.iter().enumerate() {
            let at = Location::Record(format!("{table}[{i}]"));
            let Some(fields) = item.as_object() else {
                p.add(&at, None, ProblemKind::Syntax("expected an object".into()));
                continue;
            };
            for k in fields.keys() {
                if !known.contains(&k.as_str()) {
                    p.add(&at, Some(k), ProblemKind::UnknownColumn(k.clone()));
                }
            }
            let get = |col: &str| match fields.get(col)? {
                serde_json::Value::Null => None,
                serde_json::Value::String(s) => Some(s.clone()),
                serde_json::Value::Array(a) => Some(
                    a.iter()
                        .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
                        .collect::<Vec<_>>()
                        .join(";"),
                ),
                other => Some(other.to_string()),
            };
            let f = Fields { at: &at, get: &get };
            if table == "actors" {
                if let Some(a) = read_actor(&f, &mut p) {
                    rows.actors.push(Located {
                        at: at.clone(),
                        item: a,
                    });
                }
            } else if let Some(r) = read_relation(&f, &mut p) {
                rows.relations.push(Located {
                    at: at.clone(),
                    item: r,
                });
            }
            if p.full() {
                break;
            }
        }
    }
    check_duplicates(&rows, &mut p);
    if p.0.is_empty() { Ok(rows) } else { Err(p.0) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const HEADER: &str = "slug,org_number,name_sv,name_en,short_name,kind,ownership,description_sv,description_en,website,address,lat,lon,campuses,tags\n";

    fn csv(text: &str) -> Result<ImportRows, Vec<Problem>> {
        read_csv(text.as_bytes(), &mut |_| {})
    }

    fn messages(r: Result<ImportRows, Vec<Problem>>) -> Vec<String> {
        r.expect_err("problems")
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn a_good_actor_file_reads_with_quoted_fields_and_lists() {
        let text = format!(
            "{HEADER}vecura,,Vecura,Vecura,,infrastructure,region,\"GMP, cell therapy\nsecond line\",\"Says \"\"hi\"\"\",https://example.org,,59.2,17.9,flemingsberg;solna,cell-therapy\n"
        );
        let rows = csv(&text).expect("reads");
        let a = &rows.actors[0].item;
        assert_eq!(rows.actors[0].at, Location::Line(2));
        assert_eq!(a.description.sv, "GMP, cell therapy\nsecond line");
        assert_eq!(a.description.en, "Says \"hi\"");
        assert_eq!(a.campuses.len(), 2);
        assert_eq!(a.ownership, Some(OwnershipForm::Region));
    }

    #[test]
    fn every_problem_is_reported_with_its_line_and_column() {
        let text = format!(
            "{HEADER}ok-one,,A,A,,university,,,,,,,,,\nBad Slug,,B,B,,castle,kingdom,,,ftp://x,,,,,\nok-one,,C,,,university,,,,,,95,10,,\n"
        );
        let m = messages(csv(&text));
        assert!(m.contains(&"line 3, column slug: \"Bad Slug\": a slug is 1 to 80 characters: lowercase a-z, digits and single hyphens inside".to_owned()), "{m:?}");
        assert!(m.iter().any(|s| s.starts_with("line 3, column kind: \"castle\" is not one of: university")), "{m:?}");
        assert!(
            m.iter()
                .any(|s| s.starts_with("line 3, column ownership: \"kingdom\"")),
            "{m:?}"
        );
        assert!(
            m.iter().any(|s| s.starts_with("line 3, column website:")),
            "{m:?}"
        );
        assert!(
            m.contains(&"line 4, column name_en: a value is required".to_owned()),
            "{m:?}"
        );
        assert!(
            m.iter().any(|s| s.starts_with("line 4, column lat:")),
            "{m:?}"
        );
    }

    #[test]
    fn header_problems_stop_before_rows() {
        let m = messages(csv("slug,name_sv,colour\nx,X,red\n"));
        assert!(m.contains(&"line 1, column colour: unknown column \"colour\"".to_owned()));
        assert!(m.contains(&"line 1: the required column \"name_en\" is missing".to_owned()));
        assert!(m.contains(&"line 1: the required column \"kind\" is missing".to_owned()));
        let m = messages(csv("name,city\n"));
        assert!(m[0].starts_with("line 1: the header names neither actors"));
    }

    #[test]
    fn duplicates_wrong_field_counts_and_bad_encoding_are_found() {
        let text = format!(
            "{HEADER}a,556000-0001,A,A,,university,,,,,,,,,\nb,556000-0001,B,B,,university,,,,,,,,,\na,,A2,A2,,university,,,,,,,,,\nc,C\n"
        );
        let m = messages(csv(&text));
        assert!(
            m.contains(
                &"line 3, column org_number: \"556000-0001\" appears again (first at line 2)"
                    .to_owned()
            ),
            "{m:?}"
        );
        assert!(
            m.contains(&"line 4, column slug: \"a\" appears again (first at line 2)".to_owned()),
            "{m:?}"
        );
        assert!(
            m.contains(&"line 5: 2 fields where the header has 15".to_owned()),
            "{m:?}"
        );
        let mut bytes = HEADER.as_bytes().to_vec();
        bytes.extend_from_slice(b"x,,Caf\xe9,Cafe,,university,,,,,,,,,\n");
        let m: Vec<String> = read_csv(&bytes[..], &mut |_| {})
            .expect_err("latin-1")
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            m,
            vec!["line 2, column name_sv: the file is not UTF-8 text; save it as UTF-8".to_owned()]
        );
    }

    #[test]
    fn huge_fields_are_refused() {
        let long = "x".repeat(MAX_DESCRIPTION + 1);
        let text = format!("{HEADER}a,,A,A,,university,,{long},,,,,,,\n");
        let m = messages(csv(&text));
        assert_eq!(
            m,
            vec![format!(
                "line 2, column description_sv: longer than {MAX_DESCRIPTION} characters"
            )]
        );
    }

    #[test]
    fn relations_read_and_check_themselves() {
        let text = "from,kind,to,since,until,source\nvecura,part_of,karolinska,2019,,Seed 001\nvecura,part_of,karolinska,,,\nx,funds,x,2020,2010,\n";
        let m = messages(csv(text));
        assert!(
            m.contains(
                &"line 3: \"vecura part_of karolinska\" appears again (first at line 2)".to_owned()
            ),
            "{m:?}"
        );
        assert!(
            m.contains(
                &"line 4, column to: a relation cannot go from an actor to itself".to_owned()
            ),
            "{m:?}"
        );
        assert!(
            m.contains(&"line 4, column since: since is after until".to_owned()),
            "{m:?}"
        );
    }

    #[test]
    fn json_reads_the_same_records_and_locates_problems() {
        let doc = br#"{"actors": [{"slug": "a", "name_sv": "A", "name_en": "A", "kind": "university", "campuses": ["solna"], "lat": 59.3, "lon": 18.0}],
                       "relations": [{"from": "a", "kind": "partof", "to": "b"}]}"#;
        let m: Vec<String> = read_json(doc)
            .expect_err("bad kind")
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(m.len(), 1);
        assert!(
            m[0].starts_with("relations[0], column kind: \"partof\" is not one of"),
            "{m:?}"
        );
        let doc = br#"{"actors": [{"slug": "a", "name_sv": "A", "name_en": "A", "kind": "university", "campuses": ["solna"]}]}"#;
        let rows = read_json(doc).expect("reads");
        assert_eq!(rows.actors[0].item.campuses[0].as_str(), "solna");
        let m: Vec<String> = read_json(b"{\"actors\": [\n{]}")
            .expect_err("syntax")
            .iter()
            .map(ToString::to_string)
            .collect();
        assert!(m[0].starts_with("line 2: cannot be read"), "{m:?}");
    }

    fn sample_actor(slug: &str, desc: &str) -> Actor {
        Actor {
            slug: Slug::parse(slug).expect("slug"),
            name: LangText::new("Namn, \"citat\"", "Name"),
            short_name: Some("N".into()),
            kind: ActorKind::Infrastructure,
            ownership: Some(OwnershipForm::Region),
            description: LangText::new(desc, "=1+1"),
            website: WebUrl::parse("https://example.org/x").ok(),
            org_number: Some("232100-0016".into()),
            address: Some("Hälsovägen 7".into()),
            coordinates: Coordinates::new(59.22, 17.94).ok(),
            campuses: vec![Slug::parse("flemingsberg").expect("slug")],
            tags: vec![],
            contacts: vec![],
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// Whatever text a description holds, exporting and reading back gives the same actors, in CSV and JSON.
        #[test]
        fn export_then_import_round_trips(desc in "[^\u{0}\r\u{61c}\u{200e}\u{200f}\u{202a}-\u{202e}\u{2066}-\u{2069}]{0,200}", n in 1usize..5) {
            let org = |i: usize| (0..10).map(|d| format!("232100-00{i}{d}")).find(|o| crate::OrgNumber::parse(o).is_ok()).expect("a check digit fits");
            let actors: Vec<Actor> = (0..n).map(|i| { let mut a = sample_actor(&format!("actor-{i}"), desc.trim()); a.org_number = Some(org(i)); a }).collect();
            let back = csv(&actors_csv(&actors)).expect("csv reads back");
            let items: Vec<Actor> = back.actors.into_iter().map(|l| l.item).collect();
            prop_assert_eq!(&items, &actors);
            let json = to_json(&actors, &[]).to_string();
            let back = read_json(json.as_bytes()).expect("json reads back");
            let items: Vec<Actor> = back.actors.into_iter().map(|l| l.item).collect();
            prop_assert_eq!(&items, &actors);
        }

        /// No written cell starts as a formula, plain numbers stay numbers, and reading undoes writing.
        #[test]
        fn cells_are_never_formulas_and_read_back_unchanged(v in "['=+@\t\r-]{0,2}[a-z0-9 .'=-]{0,6}") {
            let written = neutralise_cell(&v);
            prop_assert!(!written.starts_with(FORMULA_STARTS) || v.parse::<f64>().is_ok(), "{:?}", written);
            prop_assert_eq!(read_cell(&written), v.as_str());
        }

        /// The line-end adapter gives the input with every CR LF made LF, however the reads are split.
        #[test]
        fn crlf_adapter_equals_replace(bytes in proptest::collection::vec(prop_oneof![Just(b'\r'), Just(b'\n'), Just(b'a')], 0..64), cap in 1usize..8) {
            let mut adapter = CrLfToLf { inner: std::io::BufReader::with_capacity(cap, &bytes[..]) };
            let mut got = Vec::new();
            let mut small = [0u8; 3];
            loop {
                let n = adapter.read(&mut small).expect("read");
                if n == 0 { break; }
                got.extend_from_slice(&small[..n]);
            }
            let text: Vec<u8> = String::from_utf8_lossy(&bytes).replace("\r\n", "\n").into_bytes();
            prop_assert_eq!(got, text);
        }

        /// Arbitrary bytes never make the reader panic; they are read or refused with problems.
        #[test]
        fn arbitrary_input_is_read_or_refused(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let _ = read_csv(&bytes[..], &mut |_| {});
            let _ = read_json(&bytes);
        }
    }
}

#[cfg(test)]
mod line_tests {
    use super::*;

    #[test]
    fn crlf_files_report_the_same_lines_as_lf_files() {
        let lf = "from,kind,to\na,funds,b\na,funds,b\n";
        let crlf = lf.replace('\n', "\r\n");
        for text in [lf.to_owned(), crlf] {
            let p = read_csv(text.as_bytes(), &mut |_| {}).expect_err("duplicate");
            assert_eq!(
                p[0].to_string(),
                "line 3: \"a funds b\" appears again (first at line 2)",
                "{text:?}"
            );
        }
    }
}
