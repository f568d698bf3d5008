//! The OMOP CDM 5.4 tables Samverkan keeps, with the standard column names and Arrow types, and a builder that
//! fills a table's columns row by row (a column not set in a row is null) and hands them on as record batches.

use datafusion::arrow::array::{
    ArrayRef, Date32Builder, Float64Builder, Int64Builder, StringBuilder,
    TimestampMicrosecondBuilder,
};
use datafusion::arrow::datatypes::{DataType, Field, Schema, SchemaRef, TimeUnit};
use datafusion::arrow::error::ArrowError;
use datafusion::arrow::record_batch::RecordBatch;
use datafusion::parquet::errors::ParquetError;
use std::sync::Arc;

/// An OMOP column's kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An integer (ids, concept ids, counts).
    Int,
    /// A date.
    Date,
    /// A date and time.
    Timestamp,
    /// Text.
    Text,
    /// A number.
    Float,
}

impl Kind {
    fn data_type(self) -> DataType {
        match self {
            Kind::Int => DataType::Int64,
            Kind::Date => DataType::Date32,
            Kind::Timestamp => DataType::Timestamp(TimeUnit::Microsecond, None),
            Kind::Text => DataType::Utf8,
            Kind::Float => DataType::Float64,
        }
    }
}

use Kind::{Date, Float, Int, Text, Timestamp};

/// A table: its name and columns; `required` columns may not be null.
pub struct Table {
    /// The table's name (and its file's: `person.parquet`).
    pub name: &'static str,
    /// Columns in the standard order: (name, kind, required).
    pub columns: &'static [(&'static str, Kind, bool)],
}

/// `person`.
pub const PERSON: Table = Table {
    name: "person",
    columns: &[
        ("person_id", Int, true),
        ("gender_concept_id", Int, true),
        ("year_of_birth", Int, true),
        ("month_of_birth", Int, false),
        ("day_of_birth", Int, false),
        ("birth_datetime", Timestamp, false),
        ("race_concept_id", Int, true),
        ("ethnicity_concept_id", Int, true),
        ("location_id", Int, false),
        ("provider_id", Int, false),
        ("care_site_id", Int, false),
        ("person_source_value", Text, false),
        ("gender_source_value", Text, false),
        ("gender_source_concept_id", Int, false),
        ("race_source_value", Text, false),
        ("race_source_concept_id", Int, false),
        ("ethnicity_source_value", Text, false),
        ("ethnicity_source_concept_id", Int, false),
    ],
};

/// `observation_period`.
pub const OBSERVATION_PERIOD: Table = Table {
    name: "observation_period",
    columns: &[
        ("observation_period_id", Int, true),
        ("person_id", Int, true),
        ("observation_period_start_date", Date, true),
        ("observation_period_end_date", Date, true),
        ("period_type_concept_id", Int, true),
    ],
};

/// `visit_occurrence`.
pub const VISIT_OCCURRENCE: Table = Table {
    name: "visit_occurrence",
    columns: &[
        ("visit_occurrence_id", Int, true),
        ("person_id", Int, true),
        ("visit_concept_id", Int, true),
        ("visit_start_date", Date, true),
        ("visit_start_datetime", Timestamp, false),
        ("visit_end_date", Date, true),
        ("visit_end_datetime", Timestamp, false),
        ("visit_type_concept_id", Int, true),
        ("provider_id", Int, false),
        ("care_site_id", Int, false),
        ("visit_source_value", Text, false),
        ("visit_source_concept_id", Int, false),
        ("admitted_from_concept_id", Int, false),
        ("admitted_from_source_value", Text, false),
        ("discharged_to_concept_id", Int, false),
        ("discharged_to_source_value", Text, false),
        ("preceding_visit_occurrence_id", Int, false),
    ],
};

/// `condition_occurrence`.
pub const CONDITION_OCCURRENCE: Table = Table {
    name: "condition_occurrence",
    columns: &[
        ("condition_occurrence_id", Int, true),
        ("person_id", Int, true),
        ("condition_concept_id", Int, true),
        ("condition_start_date", Date, true),
        ("condition_start_datetime", Timestamp, false),
        ("condition_end_date", Date, false),
        ("condition_end_datetime", Timestamp, false),
        ("condition_type_concept_id", Int, true),
        ("condition_status_concept_id", Int, false),
        ("stop_reason", Text, false),
        ("provider_id", Int, false),
        ("visit_occurrence_id", Int, false),
        ("visit_detail_id", Int, false),
        ("condition_source_value", Text, false),
        ("condition_source_concept_id", Int, false),
        ("condition_status_source_value", Text, false),
    ],
};

/// `drug_exposure`.
pub const DRUG_EXPOSURE: Table = Table {
    name: "drug_exposure",
    columns: &[
        ("drug_exposure_id", Int, true),
        ("person_id", Int, true),
        ("drug_concept_id", Int, true),
        ("drug_exposure_start_date", Date, true),
        ("drug_exposure_start_datetime", Timestamp, false),
        ("drug_exposure_end_date", Date, true),
        ("drug_exposure_end_datetime", Timestamp, false),
        ("verbatim_end_date", Date, false),
        ("drug_type_concept_id", Int, true),
        ("stop_reason", Text, false),
        ("refills", Int, false),
        ("quantity", Float, false),
        ("days_supply", Int, false),
        ("sig", Text, false),
        ("route_concept_id", Int, false),
        ("lot_number", Text, false),
        ("provider_id", Int, false),
        ("visit_occurrence_id", Int, false),
        ("visit_detail_id", Int, false),
        ("drug_source_value", Text, false),
        ("drug_source_concept_id", Int, false),
        ("route_source_value", Text, false),
        ("dose_unit_source_value", Text, false),
    ],
};

/// `procedure_occurrence`.
pub const PROCEDURE_OCCURRENCE: Table = Table {
    name: "procedure_occurrence",
    columns: &[
        ("procedure_occurrence_id", Int, true),
        ("person_id", Int, true),
        ("procedure_concept_id", Int, true),
        ("procedure_date", Date, true),
        ("procedure_datetime", Timestamp, false),
        ("procedure_end_date", Date, false),
        ("procedure_end_datetime", Timestamp, false),
        ("procedure_type_concept_id", Int, true),
        ("modifier_concept_id", Int, false),
        ("quantity", Int, false),
        ("provider_id", Int, false),
        ("visit_occurrence_id", Int, false),
        ("visit_detail_id", Int, false),
        ("procedure_source_value", Text, false),
        ("procedure_source_concept_id", Int, false),
        ("modifier_source_value", Text, false),
    ],
};

/// `measurement`.
pub const MEASUREMENT: Table = Table {
    name: "measurement",
    columns: &[
        ("measurement_id", Int, true),
        ("person_id", Int, true),
        ("measurement_concept_id", Int, true),
        ("measurement_date", Date, true),
        ("measurement_datetime", Timestamp, false),
        ("measurement_time", Text, false),
        ("measurement_type_concept_id", Int, true),
        ("operator_concept_id", Int, false),
        ("value_as_number", Float, false),
        ("value_as_concept_id", Int, false),
        ("unit_concept_id", Int, false),
        ("range_low", Float, false),
        ("range_high", Float, false),
        ("provider_id", Int, false),
        ("visit_occurrence_id", Int, false),
        ("visit_detail_id", Int, false),
        ("measurement_source_value", Text, false),
        ("measurement_source_concept_id", Int, false),
        ("unit_source_value", Text, false),
        ("unit_source_concept_id", Int, false),
        ("value_source_value", Text, false),
        ("measurement_event_id", Int, false),
        ("meas_event_field_concept_id", Int, false),
    ],
};

/// `death`.
pub const DEATH: Table = Table {
    name: "death",
    columns: &[
        ("person_id", Int, true),
        ("death_date", Date, true),
        ("death_datetime", Timestamp, false),
        ("death_type_concept_id", Int, false),
        ("cause_concept_id", Int, false),
        ("cause_source_value", Text, false),
        ("cause_source_concept_id", Int, false),
    ],
};

/// `location`.
pub const LOCATION: Table = Table {
    name: "location",
    columns: &[
        ("location_id", Int, true),
        ("address_1", Text, false),
        ("address_2", Text, false),
        ("city", Text, false),
        ("state", Text, false),
        ("zip", Text, false),
        ("county", Text, false),
        ("location_source_value", Text, false),
        ("country_concept_id", Int, false),
        ("country_source_value", Text, false),
        ("latitude", Float, false),
        ("longitude", Float, false),
    ],
};

/// `concept`.
pub const CONCEPT: Table = Table {
    name: "concept",
    columns: &[
        ("concept_id", Int, true),
        ("concept_name", Text, true),
        ("domain_id", Text, true),
        ("vocabulary_id", Text, true),
        ("concept_class_id", Text, true),
        ("standard_concept", Text, false),
        ("concept_code", Text, true),
        ("valid_start_date", Date, true),
        ("valid_end_date", Date, true),
        ("invalid_reason", Text, false),
    ],
};

/// `concept_ancestor`.
pub const CONCEPT_ANCESTOR: Table = Table {
    name: "concept_ancestor",
    columns: &[
        ("ancestor_concept_id", Int, true),
        ("descendant_concept_id", Int, true),
        ("min_levels_of_separation", Int, true),
        ("max_levels_of_separation", Int, true),
    ],
};

/// Every table Samverkan keeps, in the order they are written.
pub const ALL: [&Table; 11] = [
    &PERSON,
    &OBSERVATION_PERIOD,
    &VISIT_OCCURRENCE,
    &CONDITION_OCCURRENCE,
    &DRUG_EXPOSURE,
    &PROCEDURE_OCCURRENCE,
    &MEASUREMENT,
    &DEATH,
    &LOCATION,
    &CONCEPT,
    &CONCEPT_ANCESTOR,
];

impl Table {
    /// The Arrow schema: standard names, required columns not nullable.
    pub fn schema(&self) -> SchemaRef {
        Arc::new(Schema::new(
            self.columns
                .iter()
                .map(|(name, kind, required)| Field::new(*name, kind.data_type(), !required))
                .collect::<Vec<_>>(),
        ))
    }

    /// The column an event table's rows are clustered by in its files: its concept. A question reads the records
    /// of a few concepts; with each row group's rows ordered by concept, the page index lets the engine skip the
    /// pages of every other concept instead of decoding the whole table.
    pub fn clustered_by(&self) -> Option<&'static str> {
        match self.name {
            "visit_occurrence" => Some("visit_concept_id"),
            "condition_occurrence" => Some("condition_concept_id"),
            "drug_exposure" => Some("drug_concept_id"),
            "procedure_occurrence" => Some("procedure_concept_id"),
            "measurement" => Some("measurement_concept_id"),
            _ => None,
        }
    }

    /// A column's index.
    ///
    /// # Panics
    /// On a name the table does not have: the generator names columns in code, so that is a defect.
    pub fn col(&self, name: &str) -> usize {
        self.columns
            .iter()
            .position(|(n, _, _)| *n == name)
            .unwrap_or_else(|| panic!("{} has no column {name}", self.name))
    }
}

/// A value for one cell.
#[derive(Debug, Clone, Copy)]
pub enum Cell<'a> {
    /// An integer.
    I(i64),
    /// A date as days since 1970-01-01.
    D(i32),
    /// Text.
    S(&'a str),
    /// A number.
    F(f64),
}

enum Builder {
    Int(Int64Builder),
    Date(Date32Builder),
    Ts(TimestampMicrosecondBuilder),
    Text(StringBuilder),
    Float(Float64Builder),
}

/// Rows of one table being filled.
pub struct Rows {
    table: &'static Table,
    schema: SchemaRef,
    builders: Vec<Builder>,
    set: Vec<bool>,
    len: usize,
}

impl Rows {
    /// Empty rows of `table`.
    pub fn new(table: &'static Table) -> Rows {
        let builders = table
            .columns
            .iter()
            .map(|(_, kind, _)| match kind {
                Int => Builder::Int(Int64Builder::new()),
                Date => Builder::Date(Date32Builder::new()),
                Timestamp => Builder::Ts(TimestampMicrosecondBuilder::new()),
                Text => Builder::Text(StringBuilder::new()),
                Float => Builder::Float(Float64Builder::new()),
            })
            .collect();
        Rows {
            table,
            schema: table.schema(),
            builders,
            set: vec![false; table.columns.len()],
            len: 0,
        }
    }

    /// The number of rows filled.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether no row is filled.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Adds a row: the given (column index, value) pairs, every other column null.
    ///
    /// # Panics
    /// When a value's kind does not fit its column, which is a defect of the generator.
    pub fn push(&mut self, cells: &[(usize, Cell<'_>)]) {
        self.set.iter_mut().for_each(|s| *s = false);
        for (i, cell) in cells {
            self.set[*i] = true;
            match (&mut self.builders[*i], cell) {
                (Builder::Int(b), Cell::I(v)) => b.append_value(*v),
                (Builder::Date(b), Cell::D(v)) => b.append_value(*v),
                (Builder::Text(b), Cell::S(v)) => b.append_value(v),
                (Builder::Float(b), Cell::F(v)) => b.append_value(*v),
                _ => panic!(
                    "{}.{}: wrong kind of value",
                    self.table.name, self.table.columns[*i].0
                ),
            }
        }
        for (i, set) in self.set.iter().enumerate() {
            if !set {
                match &mut self.builders[i] {
                    Builder::Int(b) => b.append_null(),
                    Builder::Date(b) => b.append_null(),
                    Builder::Ts(b) => b.append_null(),
                    Builder::Text(b) => b.append_null(),
                    Builder::Float(b) => b.append_null(),
                }
            }
        }
        self.len += 1;
    }

    /// The rows so far as a record batch; the builder is empty afterwards.
    pub fn finish(&mut self) -> Result<RecordBatch, ArrowError> {
        let arrays: Vec<ArrayRef> = self
            .builders
            .iter_mut()
            .map(|b| -> ArrayRef {
                match b {
                    Builder::Int(b) => Arc::new(b.finish()),
                    Builder::Date(b) => Arc::new(b.finish()),
                    Builder::Ts(b) => Arc::new(b.finish()),
                    Builder::Text(b) => Arc::new(b.finish()),
                    Builder::Float(b) => Arc::new(b.finish()),
                }
            })
            .collect();
        self.len = 0;
        RecordBatch::try_new(self.schema.clone(), arrays)
    }
}

/// Why a table could not be written.
#[derive(Debug, thiserror::Error)]
#[error("could not write {path}: {message}")]
pub struct WriteError {
    /// Where.
    pub path: std::path::PathBuf,
    /// Why.
    pub message: String,
}

/// Rows in a row group of a table clustered by concept: small enough to sort in memory while generating five
/// tables at once, large enough to compress well.
const CLUSTERED_ROW_GROUP: usize = 1 << 18;

/// Writes one table's Parquet file: Snappy, page statistics (so the page index is written), row groups of a
/// million rows — or, for an event table (`Table::clustered_by`), of `CLUSTERED_ROW_GROUP` rows ordered by
/// concept, person and date.
pub struct TableWriter {
    inner: datafusion::parquet::arrow::ArrowWriter<std::fs::File>,
    /// The sort columns (concept, person, start date) of a clustered table.
    cluster: Option<[usize; 3]>,
    /// Rows of a clustered table waiting for a full row group.
    pending: Vec<RecordBatch>,
    pending_rows: usize,
    group_rows: usize,
}

impl TableWriter {
    fn new(
        file: std::fs::File,
        table: &Table,
        group_rows: usize,
    ) -> Result<TableWriter, ParquetError> {
        use datafusion::parquet::basic::Compression;
        use datafusion::parquet::file::properties::{EnabledStatistics, WriterProperties};
        let cluster = table.clustered_by().map(|concept| {
            let concept = table.col(concept);
            // The start date: the first date column after the concept (`condition_start_date`, `measurement_date`).
            let date = (concept..table.columns.len())
                .find(|&i| table.columns[i].1 == Date)
                .unwrap_or(concept);
            [concept, table.col("person_id"), date]
        });
        // A clustered table's row groups end where `flush_sorted` ends them.
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_max_row_group_row_count(Some(1 << 20))
            .set_statistics_enabled(EnabledStatistics::Page)
            .build();
        let inner =
            datafusion::parquet::arrow::ArrowWriter::try_new(file, table.schema(), Some(props))?;
        Ok(TableWriter {
            inner,
            cluster,
            pending: Vec::new(),
            pending_rows: 0,
            group_rows,
        })
    }

    /// Writes rows (of a clustered table: once a row group's worth waits).
    pub fn write(&mut self, batch: &RecordBatch) -> Result<(), ParquetError> {
        if self.cluster.is_none() {
            return self.inner.write(batch);
        }
        self.pending.push(batch.clone());
        self.pending_rows += batch.num_rows();
        if self.pending_rows >= self.group_rows {
            self.flush_sorted()?;
        }
        Ok(())
    }

    /// Sorts the waiting rows by concept, person and date and writes them as one row group.
    fn flush_sorted(&mut self) -> Result<(), ParquetError> {
        use datafusion::arrow::compute::{
            SortColumn, concat_batches, lexsort_to_indices, take_record_batch,
        };
        let (Some(cols), Some(first)) = (self.cluster, self.pending.first()) else {
            return Ok(());
        };
        let all = concat_batches(&first.schema(), &self.pending)?;
        self.pending.clear();
        self.pending_rows = 0;
        let keys: Vec<SortColumn> = cols
            .iter()
            .map(|&c| SortColumn {
                values: all.column(c).clone(),
                options: None,
            })
            .collect();
        let order = lexsort_to_indices(&keys, None)?;
        self.inner.write(&take_record_batch(&all, &order)?)?;
        self.inner.flush()
    }

    /// Writes what waits and the file's footer.
    pub fn close(mut self) -> Result<(), ParquetError> {
        self.flush_sorted()?;
        self.inner.close().map(|_| ())
    }
}

/// A folder's tables written aside, into `DIR/.partial`, and moved into place together by [`Staging::publish`]:
/// a reader of `DIR` never sees a half-written population, and a previous one stays until a new one is complete.
pub struct Staging {
    dir: std::path::PathBuf,
    partial: std::path::PathBuf,
}

impl Staging {
    /// Makes `DIR/.partial` anew (a stale one from an interrupted run is removed).
    pub fn new(dir: &std::path::Path) -> Result<Staging, WriteError> {
        let partial = dir.join(".partial");
        let fail = |e: std::io::Error| WriteError {
            path: partial.clone(),
            message: e.to_string(),
        };
        if partial.exists() {
            std::fs::remove_dir_all(&partial).map_err(fail)?;
        }
        std::fs::create_dir_all(&partial).map_err(fail)?;
        Ok(Staging {
            dir: dir.to_owned(),
            partial,
        })
    }

    fn path_of(&self, table: &Table) -> std::path::PathBuf {
        self.partial.join(format!("{}.parquet", table.name))
    }

    /// The error of writing `table`.
    pub fn failed(&self, table: &Table, e: &dyn std::fmt::Display) -> WriteError {
        WriteError {
            path: self.path_of(table),
            message: e.to_string(),
        }
    }

    /// A Parquet writer for `table`.
    pub fn writer(&self, table: &Table) -> Result<TableWriter, WriteError> {
        let file =
            std::fs::File::create(self.path_of(table)).map_err(|e| self.failed(table, &e))?;
        TableWriter::new(file, table, CLUSTERED_ROW_GROUP).map_err(|e| self.failed(table, &e))
    }

    /// Writes `table` whole from `batches`; the number of rows.
    pub fn write(&self, table: &Table, batches: &[RecordBatch]) -> Result<u64, WriteError> {
        let mut w = self.writer(table)?;
        let mut n = 0;
        for b in batches {
            n += b.num_rows() as u64;
            w.write(b).map_err(|e| self.failed(table, &e))?;
        }
        w.close().map_err(|e| self.failed(table, &e))?;
        Ok(n)
    }

    /// Writes `table` from filled rows.
    pub fn write_rows(&self, table: &Table, rows: &mut Rows) -> Result<u64, WriteError> {
        let batch = rows.finish().map_err(|e| self.failed(table, &e))?;
        self.write(table, &[batch])
    }

    /// Moves every table into `DIR` and removes `.partial`.
    pub fn publish(self) -> Result<(), WriteError> {
        let fail = |path: &std::path::Path, e: std::io::Error| WriteError {
            path: path.to_owned(),
            message: e.to_string(),
        };
        for t in ALL {
            let name = format!("{}.parquet", t.name);
            let to = self.dir.join(&name);
            std::fs::rename(self.partial.join(&name), &to).map_err(|e| fail(&to, e))?;
        }
        std::fs::remove_dir_all(&self.partial).map_err(|e| fail(&self.partial, e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use datafusion::arrow::array::AsArray;
    use datafusion::arrow::datatypes::{Date32Type, Int64Type};
    use datafusion::parquet::arrow::arrow_reader::{
        ArrowReaderOptions, ParquetRecordBatchReaderBuilder,
    };
    use datafusion::parquet::file::metadata::PageIndexPolicy;
    use proptest::prelude::*;

    /// Rows as (concept, person, start date).
    type Row = (i64, i64, i32);

    /// Writes `rows` (concept, person, date) of condition_occurrence in batches of `batch`, row groups of
    /// `group` rows; reads back each row group's rows and whether the file has a page index.
    fn round_trip(rows: &[Row], batch: usize, group: usize) -> (Vec<Vec<Row>>, bool) {
        let t = &CONDITION_OCCURRENCE;
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("c.parquet");
        let mut w = TableWriter::new(std::fs::File::create(&path).expect("file"), t, group)
            .expect("writer");
        let (id, person, concept, date, kind) = (
            t.col("condition_occurrence_id"),
            t.col("person_id"),
            t.col("condition_concept_id"),
            t.col("condition_start_date"),
            t.col("condition_type_concept_id"),
        );
        for (n, chunk) in rows.chunks(batch.max(1)).enumerate() {
            let mut r = Rows::new(t);
            for (i, (c, p, d)) in chunk.iter().enumerate() {
                r.push(&[
                    (id, Cell::I((n * batch + i) as i64)),
                    (person, Cell::I(*p)),
                    (concept, Cell::I(*c)),
                    (date, Cell::D(*d)),
                    (kind, Cell::I(32817)),
                ]);
            }
            w.write(&r.finish().expect("batch")).expect("write");
        }
        w.close().expect("close");
        let file = std::fs::File::open(&path).expect("open");
        let builder = ParquetRecordBatchReaderBuilder::try_new_with_options(
            file,
            ArrowReaderOptions::new().with_page_index_policy(PageIndexPolicy::Required),
        )
        .expect("reader");
        let meta = builder.metadata().clone();
        let has_index = meta.column_index().is_some() && meta.offset_index().is_some();
        let mut groups = Vec::new();
        for g in 0..meta.num_row_groups() {
            let file = std::fs::File::open(&path).expect("open");
            let reader = ParquetRecordBatchReaderBuilder::try_new(file)
                .expect("reader")
                .with_row_groups(vec![g])
                .build()
                .expect("build");
            let mut out = Vec::new();
            for b in reader {
                let b = b.expect("batch");
                let (c, p, d) = (
                    b.column(concept).as_primitive::<Int64Type>(),
                    b.column(person).as_primitive::<Int64Type>(),
                    b.column(date).as_primitive::<Date32Type>(),
                );
                out.extend((0..b.num_rows()).map(|i| (c.value(i), p.value(i), d.value(i))));
            }
            groups.push(out);
        }
        (groups, has_index)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(32))]
        /// An event table's file holds every row written, each row group ordered by concept, person and date,
        /// no row group larger than asked but the last few rows of a batch, and a page index.
        #[test]
        fn event_tables_are_clustered_by_concept(
            rows in proptest::collection::vec((2_000_000_000i64..2_000_000_020, 1i64..500, 9000i32..9100), 0..400),
            batch in 1usize..60,
            group in 1usize..120,
        ) {
            let (groups, has_index) = round_trip(&rows, batch, group);
            let mut read: Vec<_> = groups.iter().flatten().copied().collect();
            let mut written = rows.clone();
            read.sort_unstable();
            written.sort_unstable();
            prop_assert_eq!(read, written);
            for g in &groups {
                prop_assert!(g.windows(2).all(|w| w[0] <= w[1]), "a row group out of order");
                prop_assert!(g.len() < group + batch);
            }
            prop_assert!(rows.is_empty() || has_index);
        }
    }
}
