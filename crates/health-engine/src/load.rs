//! Loading a region's OMOP CDM: each table as `<table>.parquet` or `<table>.csv` with the standard column names (a
//! region maps its data to OMOP once; this is how it comes in). Every value is checked against its column's kind
//! and every required value must be there; a problem is reported with its table, row (a CSV line, or a Parquet row
//! from 1) and column. Nothing is half-loaded: the tables are written into `OUT/.partial` and moved into place only
//! when every table has been read without a problem.
//!
//! `person` and `observation_period` are required. A missing event table is written empty; a missing `concept` or
//! `concept_ancestor` is taken from the shipped vocabulary. Columns that OMOP does not name are left out (and
//! listed); a standard column that is not there is null in every row, unless it is required.

use crate::generate::{days, write_vocabulary};
use crate::tables::{self, Cell, Kind, Rows, Staging, Table};
use datafusion::arrow::array::Array;
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::{DataType, TimeUnit};
use datafusion::parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use health::vocabulary::Vocabulary;
use std::path::Path;

/// One problem in the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file.
    pub file: String,
    /// The row (a CSV line counting the header as 1, or a Parquet row from 1), when the problem is in one.
    pub row: Option<u64>,
    /// The column, when the problem is in one.
    pub column: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(r) = self.row {
            write!(f, " row {r}")?;
        }
        if let Some(c) = &self.column {
            write!(f, ", {c}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// What a load did.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// Rows per table written.
    pub rows: Vec<(&'static str, u64)>,
    /// Columns left out because OMOP does not name them: (file, column).
    pub ignored: Vec<(String, String)>,
}

/// Why a load wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The input has problems (at most [`MAX_PROBLEMS`] are listed).
    #[error("{} problem(s) in the input; nothing was loaded", .0.len())]
    Problems(Vec<Problem>),
    /// Writing failed.
    #[error(transparent)]
    Write(#[from] tables::WriteError),
}

/// The most problems reported.
pub const MAX_PROBLEMS: usize = 200;

/// The tables a load reads, in order (`location`, `concept` and `concept_ancestor` are read when present).
const EVENT_TABLES: [&Table; 9] = [
    &tables::PERSON,
    &tables::OBSERVATION_PERIOD,
    &tables::VISIT_OCCURRENCE,
    &tables::CONDITION_OCCURRENCE,
    &tables::DRUG_EXPOSURE,
    &tables::PROCEDURE_OCCURRENCE,
    &tables::MEASUREMENT,
    &tables::DEATH,
    &tables::LOCATION,
];

fn parse_date(s: &str) -> Option<i32> {
    let d = s.get(..10)?;
    let mut parts = d.split('-');
    let y: i32 = parts.next()?.parse().ok()?;
    let m: u32 = parts.next()?.parse().ok()?;
    let day: u32 = parts.next()?.parse().ok()?;
    let rest = &s[10..];
    if parts.next().is_some()
        || !(1..=12).contains(&m)
        || !(1..=31).contains(&day)
        || !(rest.is_empty() || rest.starts_with([' ', 'T']))
    {
        return None;
    }
    let n = days(y, m, day);
    // Refuse 2023-02-30 and the like: the day must come back as written.
    (crate::generate::civil(n) == (y, m, day)).then_some(n)
}

/// Reads a CSV table into batches, collecting problems.
fn read_csv(
    path: &Path,
    table: &'static Table,
    problems: &mut Vec<Problem>,
    ignored: &mut Vec<(String, String)>,
) -> Vec<datafusion::arrow::record_batch::RecordBatch> {
    let file = path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut reader = match csv::ReaderBuilder::new().flexible(false).from_path(path) {
        Ok(r) => r,
        Err(e) => {
            problems.push(Problem {
                file,
                row: None,
                column: None,
                message: e.to_string(),
            });
            return Vec::new();
        }
    };
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|c| c.trim().to_ascii_lowercase()).collect(),
        Err(e) => {
            problems.push(Problem {
                file,
                row: Some(1),
                column: None,
                message: e.to_string(),
            });
            return Vec::new();
        }
    };
    // For each of the table's columns, its position in the file.
    let positions: Vec<Option<usize>> = table
        .columns
        .iter()
        .map(|(name, _, _)| header.iter().position(|h| h == name))
        .collect();
    for h in &header {
        if !table.columns.iter().any(|(n, _, _)| n == h) {
            ignored.push((file.clone(), h.clone()));
        }
    }
    for ((name, _, required), pos) in table.columns.iter().zip(&positions) {
        if *required && pos.is_none() {
            problems.push(Problem {
                file: file.clone(),
                row: None,
                column: Some((*name).to_owned()),
                message: "a required column is missing".into(),
            });
        }
    }
    if problems.len() >= MAX_PROBLEMS
        || table
            .columns
            .iter()
            .zip(&positions)
            .any(|((_, _, r), p)| *r && p.is_none())
    {
        return Vec::new();
    }
    let mut rows = Rows::new(table);
    let mut batches = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let line = i as u64 + 2;
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                problems.push(Problem {
                    file: file.clone(),
                    row: Some(line),
                    column: None,
                    message: e.to_string(),
                });
                if problems.len() >= MAX_PROBLEMS {
                    return Vec::new();
                }
                continue;
            }
        };
        let mut cells: Vec<(usize, Cell<'_>)> = Vec::new();
        let mut ok = true;
        for (c, ((name, kind, required), pos)) in table.columns.iter().zip(&positions).enumerate() {
            let raw = pos.and_then(|p| record.get(p)).map(str::trim).unwrap_or("");
            if raw.is_empty() {
                if *required {
                    problems.push(Problem {
                        file: file.clone(),
                        row: Some(line),
                        column: Some((*name).to_owned()),
                        message: "a required value is empty".into(),
                    });
                    ok = false;
                }
                continue;
            }
            let cell = match kind {
                Kind::Int => raw.parse::<i64>().ok().map(Cell::I),
                Kind::Float => raw
                    .parse::<f64>()
                    .ok()
                    .filter(|f| f.is_finite())
                    .map(Cell::F),
                Kind::Date => parse_date(raw).map(Cell::D),
                Kind::Timestamp => parse_date(raw).map(|_| Cell::S(raw)),
                Kind::Text => Some(Cell::S(raw)),
            };
            match (cell, kind) {
                // A date-time is checked for its date; the engine reads dates, so the date-time column is kept
                // null rather than half-read (the date column beside it holds the day).
                (Some(Cell::S(_)), Kind::Timestamp) => {}
                (Some(v), _) => cells.push((c, v)),
                (None, _) => {
                    let what = match kind {
                        Kind::Int => "a whole number",
                        Kind::Float => "a number",
                        Kind::Date | Kind::Timestamp => "a date (YYYY-MM-DD)",
                        Kind::Text => "text",
                    };
                    problems.push(Problem {
                        file: file.clone(),
                        row: Some(line),
                        column: Some((*name).to_owned()),
                        message: format!("{raw:?} is not {what}"),
                    });
                    ok = false;
                }
            }
        }
        if problems.len() >= MAX_PROBLEMS {
            return Vec::new();
        }
        if ok && problems.is_empty() {
            rows.push(&cells);
            if rows.len() >= 65_536 {
                match rows.finish() {
                    Ok(b) => batches.push(b),
                    Err(e) => problems.push(Problem {
                        file: file.clone(),
                        row: Some(line),
                        column: None,
                        message: e.to_string(),
                    }),
                }
            }
        }
    }
    if !rows.is_empty() {
        match rows.finish() {
            Ok(b) => batches.push(b),
            Err(e) => problems.push(Problem {
                file,
                row: None,
                column: None,
                message: e.to_string(),
            }),
        }
    }
    batches
}

/// Reads a Parquet table into batches of the standard schema, collecting problems.
fn read_parquet(
    path: &Path,
    table: &'static Table,
    problems: &mut Vec<Problem>,
    ignored: &mut Vec<(String, String)>,
) -> Vec<datafusion::arrow::record_batch::RecordBatch> {
    let file_name = path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    let problem = |row: Option<u64>, column: Option<&str>, message: String| Problem {
        file: file_name.clone(),
        row,
        column: column.map(str::to_owned),
        message,
    };
    let reader = std::fs::File::open(path)
        .map_err(|e| e.to_string())
        .and_then(|f| ParquetRecordBatchReaderBuilder::try_new(f).map_err(|e| e.to_string()))
        .and_then(|b| b.with_batch_size(65_536).build().map_err(|e| e.to_string()));
    let reader = match reader {
        Ok(r) => r,
        Err(e) => {
            problems.push(problem(None, None, e));
            return Vec::new();
        }
    };
    let schema = table.schema();
    let mut batches = Vec::new();
    let mut offset = 0u64;
    let mut reported_ignored = false;
    for batch in reader {
        let batch = match batch {
            Ok(b) => b,
            Err(e) => {
                problems.push(problem(None, None, e.to_string()));
                return Vec::new();
            }
        };
        if !reported_ignored {
            for f in batch.schema().fields() {
                if !table
                    .columns
                    .iter()
                    .any(|(n, _, _)| n.eq_ignore_ascii_case(f.name()))
                {
                    ignored.push((file_name.clone(), f.name().clone()));
                }
            }
            reported_ignored = true;
        }
        let mut columns = Vec::with_capacity(table.columns.len());
        for (name, kind, required) in table.columns {
            let found = batch
                .schema()
                .fields()
                .iter()
                .position(|f| f.name().eq_ignore_ascii_case(name))
                .map(|i| batch.column(i).clone());
            let target = match kind {
                Kind::Int => DataType::Int64,
                Kind::Date => DataType::Date32,
                Kind::Timestamp => DataType::Timestamp(TimeUnit::Microsecond, None),
                Kind::Text => DataType::Utf8,
                Kind::Float => DataType::Float64,
            };
            let column = match found {
                None if *required => {
                    problems.push(problem(
                        None,
                        Some(name),
                        "a required column is missing".into(),
                    ));
                    return Vec::new();
                }
                None => datafusion::arrow::array::new_null_array(&target, batch.num_rows()),
                Some(c) => match cast(&c, &target) {
                    Ok(v) => {
                        // A value that became null in the cast could not be read as the column's kind.
                        for i in 0..v.len() {
                            if v.is_null(i) && !c.is_null(i) {
                                problems.push(problem(
                                    Some(offset + i as u64 + 1),
                                    Some(name),
                                    format!("cannot be read as {target}"),
                                ));
                            } else if v.is_null(i) && *required {
                                problems.push(problem(
                                    Some(offset + i as u64 + 1),
                                    Some(name),
                                    "a required value is empty".into(),
                                ));
                            }
                            if problems.len() >= MAX_PROBLEMS {
                                return Vec::new();
                            }
                        }
                        v
                    }
                    Err(e) => {
                        problems.push(problem(
                            None,
                            Some(name),
                            format!("cannot be read as {target}: {e}"),
                        ));
                        return Vec::new();
                    }
                },
            };
            columns.push(column);
        }
        offset += batch.num_rows() as u64;
        if problems.is_empty() {
            match datafusion::arrow::record_batch::RecordBatch::try_new(schema.clone(), columns) {
                Ok(b) => batches.push(b),
                Err(e) => problems.push(problem(None, None, e.to_string())),
            }
        }
    }
    batches
}

/// Loads the OMOP tables in `input` into `out` (created; a previous load there is replaced only when this one
/// succeeds).
pub fn load(input: &Path, out: &Path) -> Result<Loaded, LoadError> {
    let mut problems = Vec::new();
    let mut loaded = Loaded::default();
    let mut read: Vec<(
        &'static Table,
        Vec<datafusion::arrow::record_batch::RecordBatch>,
    )> = Vec::new();
    let extra = [&tables::CONCEPT, &tables::CONCEPT_ANCESTOR];
    let mut have_vocabulary = true;
    for table in EVENT_TABLES.iter().chain(extra.iter()).copied() {
        let parquet = input.join(format!("{}.parquet", table.name));
        let csv = input.join(format!("{}.csv", table.name));
        let batches = if parquet.exists() {
            read_parquet(&parquet, table, &mut problems, &mut loaded.ignored)
        } else if csv.exists() {
            read_csv(&csv, table, &mut problems, &mut loaded.ignored)
        } else {
            if matches!(table.name, "person" | "observation_period") {
                problems.push(Problem {
                    file: format!("{}.parquet or {}.csv", table.name, table.name),
                    row: None,
                    column: None,
                    message: "the table is required and not there".into(),
                });
            }
            if matches!(table.name, "concept" | "concept_ancestor") {
                have_vocabulary = false;
                continue;
            }
            Vec::new()
        };
        if problems.len() >= MAX_PROBLEMS {
            break;
        }
        read.push((table, batches));
    }
    let vocabulary_files = extra
        .iter()
        .filter(|t| {
            input.join(format!("{}.parquet", t.name)).exists()
                || input.join(format!("{}.csv", t.name)).exists()
        })
        .count();
    if vocabulary_files == 1 {
        problems.push(Problem {
            file: "concept, concept_ancestor".into(),
            row: None,
            column: None,
            message:
                "give both vocabulary tables, or neither (the shipped vocabulary is then used)"
                    .into(),
        });
    }
    if !problems.is_empty() {
        problems.truncate(MAX_PROBLEMS);
        return Err(LoadError::Problems(problems));
    }
    let staging = Staging::new(out)?;
    for (table, batches) in read {
        let n = staging.write(table, &batches)?;
        loaded.rows.push((table.name, n));
    }
    if !have_vocabulary {
        let (c, a) = write_vocabulary(&staging, &Vocabulary::built_in())?;
        loaded.rows.push(("concept", c));
        loaded.rows.push(("concept_ancestor", a));
    }
    staging.publish()?;
    Ok(loaded)
}
