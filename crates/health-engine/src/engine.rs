//! Counting cohorts over OMOP CDM Parquet files with Apache DataFusion.
//!
//! DataFusion scans the event tables, with the concept filter pushed down into the Parquet reader (row groups
//! whose statistics rule the concepts out are skipped), and hands back the matching records' person, date and id.
//! The persons, their observation periods and where they live are read once when the engine opens and kept in
//! memory (a few tens of bytes a person), so that the per-person rules — first event, observation window, age,
//! sex, calendar period, the inclusion rules' windows — run as tight loops over sorted vectors.

use datafusion::arrow::array::{Array, AsArray, RecordBatch};
use datafusion::arrow::datatypes::{Date32Type, Int64Type};
use datafusion::logical_expr::{Expr, col, lit};
use datafusion::prelude::{ParquetReadOptions, SessionConfig, SessionContext};
use health::cohort::{CohortDefinition, ConceptSet, Criterion, Domain};
use health::disclosure::Exact;
use health::engine::{Answer, Breakdown, CohortCount, CohortEngine, EngineError, age_band};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// A person as the engine keeps them: a few bytes, so that millions fit in memory.
#[derive(Debug, Clone, Copy)]
struct Person {
    year_of_birth: i32,
    gender: i64,
    /// `location_id`, or -1.
    location: i64,
    /// The first observation period (start, end); `i32::MIN` as start when there is none.
    period: (i32, i32),
    /// Where the person's further periods are in `more_periods`, when there are any (start index, count).
    more: (u32, u32),
}

impl Person {
    fn periods<'a>(&'a self, more: &'a [(i32, i32)]) -> impl Iterator<Item = (i32, i32)> + 'a {
        let (at, n) = (self.more.0 as usize, self.more.1 as usize);
        std::iter::once(self.period)
            .filter(|p| p.0 != i32::MIN)
            .chain(more[at..at + n].iter().copied())
    }
}

/// Where a person id's row is: a table indexed by id when the ids are dense (as a generated or mapped
/// population's are), a map otherwise.
enum Slots {
    Dense { min: i64, slots: Vec<u32> },
    Sparse(HashMap<i64, u32>),
}

impl Slots {
    fn get(&self, id: i64) -> Option<usize> {
        match self {
            Slots::Dense { min, slots } => usize::try_from(id - min)
                .ok()
                .and_then(|i| slots.get(i))
                .filter(|s| **s != u32::MAX)
                .map(|s| *s as usize),
            Slots::Sparse(map) => map.get(&id).map(|s| *s as usize),
        }
    }
}

/// The engine over one folder of OMOP Parquet files.
pub struct ParquetEngine {
    ctx: SessionContext,
    persons: Vec<Person>,
    slots: Slots,
    /// Observation periods beyond each person's first, sorted per person.
    more_periods: Vec<(i32, i32)>,
    /// location_id → the municipality's code (`location_source_value`), or its city when it has no code.
    places: HashMap<i64, String>,
}

fn read_err(e: impl std::fmt::Display) -> EngineError {
    EngineError::Read(e.to_string())
}

/// One matching record: the person's row, start date, record id.
type Event = (u32, i32, i64);

fn table_and_columns(domain: Domain) -> (&'static str, &'static str, &'static str, &'static str) {
    match domain {
        Domain::Condition => (
            "condition_occurrence",
            "condition_concept_id",
            "condition_start_date",
            "condition_occurrence_id",
        ),
        Domain::Drug => (
            "drug_exposure",
            "drug_concept_id",
            "drug_exposure_start_date",
            "drug_exposure_id",
        ),
        Domain::Procedure => (
            "procedure_occurrence",
            "procedure_concept_id",
            "procedure_date",
            "procedure_occurrence_id",
        ),
        Domain::Measurement => (
            "measurement",
            "measurement_concept_id",
            "measurement_date",
            "measurement_id",
        ),
    }
}

fn int_column<'a>(
    batch: &'a RecordBatch,
    name: &str,
) -> Result<&'a datafusion::arrow::array::PrimitiveArray<Int64Type>, EngineError> {
    batch
        .column_by_name(name)
        .and_then(|c| c.as_primitive_opt::<Int64Type>())
        .ok_or_else(|| EngineError::Read(format!("the column {name} is missing or not an integer")))
}

fn date_column<'a>(
    batch: &'a RecordBatch,
    name: &str,
) -> Result<&'a datafusion::arrow::array::PrimitiveArray<Date32Type>, EngineError> {
    batch
        .column_by_name(name)
        .and_then(|c| c.as_primitive_opt::<Date32Type>())
        .ok_or_else(|| EngineError::Read(format!("the column {name} is missing or not a date")))
}

impl ParquetEngine {
    /// Opens the population in `dir` (the files `person.parquet`, `observation_period.parquet`, … as
    /// `samverkan health generate` or `load` writes them), reading persons and observation periods into memory.
    pub async fn open(dir: &Path) -> Result<ParquetEngine, EngineError> {
        if !dir.join("person.parquet").exists() {
            return Err(EngineError::NoData);
        }
        let config = SessionConfig::new()
            .with_target_partitions(2)
            .with_parquet_pruning(true);
        let ctx = SessionContext::new_with_config(config);
        for t in crate::tables::ALL {
            let path: PathBuf = dir.join(format!("{}.parquet", t.name));
            if path.exists() {
                ctx.register_parquet(
                    t.name,
                    path.to_string_lossy().as_ref(),
                    ParquetReadOptions::default(),
                )
                .await
                .map_err(read_err)?;
            }
        }
        let mut ids: Vec<i64> = Vec::new();
        let mut persons: Vec<Person> = Vec::new();
        let batches = ctx
            .table("person")
            .await
            .map_err(read_err)?
            .select_columns(&[
                "person_id",
                "year_of_birth",
                "gender_concept_id",
                "location_id",
            ])
            .map_err(read_err)?
            .collect()
            .await
            .map_err(read_err)?;
        for b in &batches {
            let (id, yob, gender, loc) = (
                int_column(b, "person_id")?,
                int_column(b, "year_of_birth")?,
                int_column(b, "gender_concept_id")?,
                int_column(b, "location_id")?,
            );
            for i in 0..b.num_rows() {
                ids.push(id.value(i));
                persons.push(Person {
                    year_of_birth: i32::try_from(yob.value(i)).unwrap_or(0),
                    gender: gender.value(i),
                    location: if loc.is_null(i) { -1 } else { loc.value(i) },
                    period: (i32::MIN, i32::MIN),
                    more: (0, 0),
                });
            }
        }
        let (min, max) = (
            ids.iter().copied().min().unwrap_or(0),
            ids.iter().copied().max().unwrap_or(0),
        );
        let span = usize::try_from(max - min + 1).unwrap_or(usize::MAX);
        let slots = if !ids.is_empty() && span <= ids.len().saturating_mul(2) {
            let mut slots = vec![u32::MAX; span];
            for (row, id) in ids.iter().enumerate() {
                slots[(id - min) as usize] = row as u32;
            }
            Slots::Dense { min, slots }
        } else {
            Slots::Sparse(
                ids.iter()
                    .enumerate()
                    .map(|(row, id)| (*id, row as u32))
                    .collect(),
            )
        };
        drop(ids);
        let batches = ctx
            .table("observation_period")
            .await
            .map_err(read_err)?
            .select_columns(&[
                "person_id",
                "observation_period_start_date",
                "observation_period_end_date",
            ])
            .map_err(read_err)?
            .collect()
            .await
            .map_err(read_err)?;
        // Each person's periods, sorted: the first kept in the person, the others in one shared list.
        let mut extra: Vec<(u32, (i32, i32))> = Vec::new();
        for b in &batches {
            let (id, start, end) = (
                int_column(b, "person_id")?,
                date_column(b, "observation_period_start_date")?,
                date_column(b, "observation_period_end_date")?,
            );
            for i in 0..b.num_rows() {
                if let Some(row) = slots.get(id.value(i)) {
                    let p = &mut persons[row];
                    let period = (start.value(i), end.value(i));
                    if p.period.0 == i32::MIN {
                        p.period = period;
                    } else {
                        extra.push((row as u32, period));
                    }
                }
            }
        }
        extra.sort_unstable();
        let mut more_periods = Vec::with_capacity(extra.len() + 1);
        let mut at = 0;
        while at < extra.len() {
            let row = extra[at].0;
            let until = extra[at..]
                .iter()
                .position(|e| e.0 != row)
                .map_or(extra.len(), |n| at + n);
            let p = &mut persons[row as usize];
            let mut all: Vec<(i32, i32)> = std::iter::once(p.period)
                .chain(extra[at..until].iter().map(|e| e.1))
                .collect();
            all.sort_unstable();
            p.period = all[0];
            p.more = (more_periods.len() as u32, (all.len() - 1) as u32);
            more_periods.extend_from_slice(&all[1..]);
            at = until;
        }
        let mut places = HashMap::new();
        if let Ok(t) = ctx.table("location").await {
            let batches = t.collect().await.map_err(read_err)?;
            for b in &batches {
                let id = int_column(b, "location_id")?;
                // DataFusion reads text as string views; cast to plain strings to read them.
                let text = |name: &str| {
                    b.column_by_name(name).and_then(|c| {
                        datafusion::arrow::compute::cast(
                            c,
                            &datafusion::arrow::datatypes::DataType::Utf8,
                        )
                        .ok()
                    })
                };
                let (code, city) = (text("location_source_value"), text("city"));
                let code = code.as_ref().and_then(|c| c.as_string_opt::<i32>());
                let city = city.as_ref().and_then(|c| c.as_string_opt::<i32>());
                for i in 0..b.num_rows() {
                    let label = code
                        .filter(|c| !c.is_null(i))
                        .map(|c| c.value(i).to_owned())
                        .or_else(|| {
                            city.filter(|c| !c.is_null(i))
                                .map(|c| c.value(i).to_owned())
                        });
                    if let Some(l) = label {
                        places.insert(id.value(i), l);
                    }
                }
            }
        }
        Ok(ParquetEngine {
            ctx,
            persons,
            slots,
            more_periods,
            places,
        })
    }

    /// The concept ids of a set, with their descendants when asked (from `concept_ancestor`).
    async fn expand(&self, set: &ConceptSet) -> Result<Vec<i64>, EngineError> {
        let mut ids = set.concepts.clone();
        if set.descendants && !set.concepts.is_empty() {
            let list: Vec<Expr> = set.concepts.iter().map(|c| lit(*c)).collect();
            let batches = self
                .ctx
                .table("concept_ancestor")
                .await
                .map_err(read_err)?
                .filter(col("ancestor_concept_id").in_list(list, false))
                .map_err(read_err)?
                .select_columns(&["descendant_concept_id"])
                .map_err(read_err)?
                .collect()
                .await
                .map_err(read_err)?;
            for b in &batches {
                let d = int_column(b, "descendant_concept_id")?;
                ids.extend(d.iter().flatten());
            }
        }
        ids.sort_unstable();
        ids.dedup();
        Ok(ids)
    }

    /// Every record of a criterion of a known person: (person's row, start date, record id), sorted, so that each
    /// person's records are together, earliest first.
    async fn events(&self, criterion: &Criterion) -> Result<Vec<Event>, EngineError> {
        let concepts = self.expand(&criterion.concepts).await?;
        let (table, concept_col, date_col, id_col) = table_and_columns(criterion.domain);
        let Ok(frame) = self.ctx.table(table).await else {
            return Ok(Vec::new());
        };
        let list: Vec<Expr> = concepts.iter().map(|c| lit(*c)).collect();
        let batches = frame
            .filter(col(concept_col).in_list(list, false))
            .map_err(read_err)?
            .select_columns(&["person_id", date_col, id_col])
            .map_err(read_err)?
            .collect()
            .await
            .map_err(read_err)?;
        let mut out = Vec::with_capacity(batches.iter().map(RecordBatch::num_rows).sum());
        for b in &batches {
            let (p, d, id) = (
                int_column(b, "person_id")?,
                date_column(b, date_col)?,
                int_column(b, id_col)?,
            );
            for i in 0..b.num_rows() {
                if !d.is_null(i)
                    && let Some(row) = self.slots.get(p.value(i))
                {
                    out.push((row as u32, d.value(i), id.value(i)));
                }
            }
        }
        Ok(self.by_person(out))
    }

    /// Sorts records by person, then date and id: a counting sort by person's row when the records are many
    /// (linear, where a comparison sort of millions of records would dominate a question), a plain sort otherwise.
    fn by_person(&self, records: Vec<Event>) -> Vec<Event> {
        let n = self.persons.len();
        if records.len() < 4096 || records.len() * 8 < n {
            let mut records = records;
            records.sort_unstable();
            return records;
        }
        let mut starts = vec![0u32; n + 1];
        for e in &records {
            starts[e.0 as usize + 1] += 1;
        }
        for i in 0..n {
            starts[i + 1] += starts[i];
        }
        let mut next = starts.clone();
        let mut out = vec![(0u32, 0i32, 0i64); records.len()];
        for e in records {
            let at = &mut next[e.0 as usize];
            out[*at as usize] = e;
            *at += 1;
        }
        for w in starts.windows(2) {
            if w[1] - w[0] > 1 {
                out[w[0] as usize..w[1] as usize].sort_unstable();
            }
        }
        out
    }

    async fn count_now(&self, def: &CohortDefinition) -> Result<CohortCount, EngineError> {
        let index = self.events(&def.index).await?;
        // Each rule's records, sorted by person and date.
        let mut rules = Vec::with_capacity(def.rules.len());
        for r in &def.rules {
            rules.push((r, self.events(&r.criterion).await?));
        }
        // Each person's earliest qualifying index date.
        let mut qualified: Vec<(u32, i32)> = Vec::new();
        let mut at = 0;
        while at < index.len() {
            let row = index[at].0;
            let until = index[at..]
                .iter()
                .position(|e| e.0 != row)
                .map_or(index.len(), |n| at + n);
            let events = &index[at..until];
            at = until;
            let person = &self.persons[row as usize];
            // First in all history, by date then record id, before any other condition (Circe's `First`).
            let candidates = if def.first_only { &events[..1] } else { events };
            if let Some(&(_, day, _)) = candidates
                .iter()
                .find(|e| self.qualifies(def, person, row, e.1, &rules))
            {
                qualified.push((row, day));
            }
        }
        let total = Exact::new(qualified.len() as u64);
        let mut cells: HashMap<Breakdown, BTreeMap<String, u64>> = HashMap::new();
        for (row, day) in &qualified {
            let person = &self.persons[*row as usize];
            let year = crate::generate::year_of(*day);
            let age = i64::from(year) - i64::from(person.year_of_birth);
            let sex = match person.gender {
                health::vocabulary::FEMALE => "female",
                health::vocabulary::MALE => "male",
                _ => "unknown",
            };
            let place = self
                .places
                .get(&person.location)
                .cloned()
                .unwrap_or_else(|| "unknown".to_owned());
            for (b, label) in [
                (Breakdown::Year, year.to_string()),
                (Breakdown::AgeBand, age_band(age).to_owned()),
                (Breakdown::Sex, sex.to_owned()),
                (Breakdown::Municipality, place),
            ] {
                *cells.entry(b).or_default().entry(label).or_default() += 1;
            }
        }
        let breakdowns = Breakdown::ALL
            .into_iter()
            .map(|b| {
                let mut list: Vec<(String, u64)> =
                    cells.remove(&b).unwrap_or_default().into_iter().collect();
                if b == Breakdown::AgeBand {
                    let order = |l: &str| health::engine::AGE_BANDS.iter().position(|x| x.0 == l);
                    list.sort_by_key(|(l, _)| order(l));
                }
                (
                    b,
                    list.into_iter().map(|(l, n)| (l, Exact::new(n))).collect(),
                )
            })
            .collect();
        Ok(CohortCount { total, breakdowns })
    }

    fn qualifies(
        &self,
        def: &CohortDefinition,
        person: &Person,
        row: u32,
        day: i32,
        rules: &[(&health::cohort::Rule, Vec<Event>)],
    ) -> bool {
        let Some((op_start, op_end)) = person
            .periods(&self.more_periods)
            .find(|(s, e)| *s <= day && day <= *e)
        else {
            return false;
        };
        if i64::from(op_start) + i64::from(def.prior_observation_days) > i64::from(day) {
            return false;
        }
        let age = i64::from(crate::generate::year_of(day)) - i64::from(person.year_of_birth);
        if def.age_min.is_some_and(|a| age < i64::from(a))
            || def.age_max.is_some_and(|a| age > i64::from(a))
        {
            return false;
        }
        if def.sex.is_some_and(|s| s.concept() != person.gender) {
            return false;
        }
        if def.period_start.is_some_and(|s| day < s) || def.period_end.is_some_and(|e| day > e) {
            return false;
        }
        rules.iter().all(|(rule, records)| {
            let from = (day + rule.window.start).max(op_start);
            let to = (day + rule.window.end).min(op_end);
            let n = if from > to {
                0
            } else {
                // The person's records, then those starting within [from, to].
                let lo = records.partition_point(|e| (e.0, e.1) < (row, from));
                let hi = records.partition_point(|e| (e.0, e.1) <= (row, to));
                hi - lo
            };
            let times = rule.times as usize;
            if rule.has { n >= times } else { n < times }
        })
    }
}

impl CohortEngine for ParquetEngine {
    fn count<'a>(&'a self, definition: &'a CohortDefinition) -> Answer<'a, CohortCount> {
        Box::pin(self.count_now(definition))
    }

    fn persons(&self) -> Exact {
        Exact::new(self.persons.len() as u64)
    }
}
