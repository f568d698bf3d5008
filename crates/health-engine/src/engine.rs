//! Counting cohorts over OMOP CDM Parquet files with Apache DataFusion.
//!
//! DataFusion scans the event tables, with the concept filter pushed down into the Parquet reader (the tables are
//! clustered by concept — `tables::TableWriter` — so the row-group statistics and page index skip the pages of
//! other concepts), and hands back the matching records' person and date. The persons, their observation periods
//! and where they live are read once when the engine opens and kept in memory (a few tens of bytes a person), so
//! that the per-person rules — first event, observation window, age, sex, calendar period, the inclusion rules'
//! windows — run as tight loops: one pass over the index records keeps each person's index date in an array
//! indexed by person, and an inclusion rule's records are grouped by person with a counting sort.

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

/// A record of a criterion: the person's row and the record's start date.
type Record = (u32, i32);

fn table_and_columns(domain: Domain) -> (&'static str, &'static str, &'static str) {
    match domain {
        Domain::Condition => (
            "condition_occurrence",
            "condition_concept_id",
            "condition_start_date",
        ),
        Domain::Drug => (
            "drug_exposure",
            "drug_concept_id",
            "drug_exposure_start_date",
        ),
        Domain::Procedure => (
            "procedure_occurrence",
            "procedure_concept_id",
            "procedure_date",
        ),
        Domain::Measurement => ("measurement", "measurement_concept_id", "measurement_date"),
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

/// The engine's settings on top of `config` (DataFusion's own, or a Ballista session's).
pub fn configure(config: SessionConfig) -> SessionConfig {
    // Filter pushdown into the decoder (late materialisation) measured slower here: the concept's pages are found
    // by the page index, and the few columns read are all needed.
    config.with_target_partitions(2).with_parquet_pruning(true)
}

impl ParquetEngine {
    /// Opens the population in `dir` (the files `person.parquet`, `observation_period.parquet`, … as
    /// `samverkan health generate` or `load` writes them), reading persons and observation periods into memory.
    /// The scans run in this process.
    pub async fn open(dir: &Path) -> Result<ParquetEngine, EngineError> {
        ParquetEngine::open_on(
            SessionContext::new_with_config(configure(SessionConfig::new())),
            dir,
        )
        .await
    }

    /// [`ParquetEngine::open`] with the scans run by `ctx` — a Ballista cluster's session (`health-cluster`),
    /// whose executors must read the same files at the same paths. The rules run here either way.
    pub async fn open_on(ctx: SessionContext, dir: &Path) -> Result<ParquetEngine, EngineError> {
        if !dir.join("person.parquet").exists() {
            return Err(EngineError::NoData);
        }
        let dir = std::path::absolute(dir).map_err(read_err)?;
        let dir = dir.as_path();
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

    /// Every record of a criterion of a known person, as (person's row, start date), in the files' order.
    async fn records(&self, criterion: &Criterion) -> Result<Vec<Record>, EngineError> {
        let concepts = self.expand(&criterion.concepts).await?;
        let (table, concept_col, date_col) = table_and_columns(criterion.domain);
        let Ok(frame) = self.ctx.table(table).await else {
            return Ok(Vec::new());
        };
        let (Some(&lo), Some(&hi)) = (concepts.first(), concepts.last()) else {
            return Ok(Vec::new());
        };
        let list: Vec<Expr> = concepts.iter().map(|c| lit(*c)).collect();
        // The range as well as the list: the event tables are clustered by concept, and a range is what the
        // page index prunes on whatever the list's length.
        let batches = frame
            .filter(
                col(concept_col)
                    .between(lit(lo), lit(hi))
                    .and(col(concept_col).in_list(list, false)),
            )
            .map_err(read_err)?
            .select_columns(&["person_id", date_col])
            .map_err(read_err)?
            .collect()
            .await
            .map_err(read_err)?;
        let mut out = Vec::with_capacity(batches.iter().map(RecordBatch::num_rows).sum());
        for b in &batches {
            let (p, d) = (int_column(b, "person_id")?, date_column(b, date_col)?);
            for i in 0..b.num_rows() {
                if !d.is_null(i)
                    && !p.is_null(i)
                    && let Some(row) = self.slots.get(p.value(i))
                {
                    out.push((row as u32, d.value(i)));
                }
            }
        }
        Ok(out)
    }

    async fn count_now(&self, def: &CohortDefinition) -> Result<CohortCount, EngineError> {
        let index = self.records(&def.index).await?;
        let mut rules = Vec::with_capacity(def.rules.len());
        for r in &def.rules {
            rules.push((
                r,
                ByPerson::new(self.persons.len(), self.records(&r.criterion).await?),
            ));
        }
        // Each person's index date: the earliest qualifying record's, or (first event only) the first record's
        // when it qualifies. `NONE` for a person outside the cohort.
        let mut index_day = vec![NONE; self.persons.len()];
        if def.first_only {
            for &(row, day) in &index {
                let d = &mut index_day[row as usize];
                *d = (*d).min(day);
            }
            for (row, d) in index_day.iter_mut().enumerate() {
                if *d != NONE && !self.qualifies(def, row as u32, *d, &rules) {
                    *d = NONE;
                }
            }
        } else {
            for &(row, day) in &index {
                if day < index_day[row as usize] && self.qualifies(def, row, day, &rules) {
                    index_day[row as usize] = day;
                }
            }
        }
        Ok(self.tally(&index_day))
    }

    /// The cohort's size and breakdowns from each person's index date.
    fn tally(&self, index_day: &[i32]) -> CohortCount {
        let mut total = 0u64;
        let mut years: BTreeMap<i32, u64> = BTreeMap::new();
        let mut bands = [0u64; health::engine::AGE_BANDS.len()];
        let mut sexes = [0u64; 3];
        let mut locations: HashMap<i64, u64> = HashMap::new();
        for (person, &day) in self.persons.iter().zip(index_day) {
            if day == NONE {
                continue;
            }
            total += 1;
            let year = crate::generate::year_of(day);
            *years.entry(year).or_default() += 1;
            let age = i64::from(year) - i64::from(person.year_of_birth);
            let band = health::engine::AGE_BANDS
                .iter()
                .position(|b| b.0 == age_band(age))
                .unwrap_or(0);
            bands[band] += 1;
            sexes[match person.gender {
                health::vocabulary::FEMALE => 0,
                health::vocabulary::MALE => 1,
                _ => 2,
            }] += 1;
            *locations.entry(person.location).or_default() += 1;
        }
        let mut places: BTreeMap<String, u64> = BTreeMap::new();
        for (location, n) in locations {
            let place = self.places.get(&location).map_or("unknown", String::as_str);
            *places.entry(place.to_owned()).or_default() += n;
        }
        let cells = |list: Vec<(String, u64)>| -> Vec<(String, Exact)> {
            list.into_iter()
                .filter(|(_, n)| *n > 0)
                .map(|(l, n)| (l, Exact::new(n)))
                .collect()
        };
        let breakdowns = Breakdown::ALL
            .into_iter()
            .map(|b| {
                let list = match b {
                    Breakdown::Year => years.iter().map(|(y, n)| (y.to_string(), *n)).collect(),
                    Breakdown::AgeBand => health::engine::AGE_BANDS
                        .iter()
                        .zip(bands)
                        .map(|(band, n)| (band.0.to_owned(), n))
                        .collect(),
                    Breakdown::Sex => ["female", "male", "unknown"]
                        .into_iter()
                        .zip(sexes)
                        .map(|(s, n)| (s.to_owned(), n))
                        .collect(),
                    Breakdown::Municipality => places.clone().into_iter().collect(),
                };
                (b, cells(list))
            })
            .collect();
        CohortCount {
            total: Exact::new(total),
            breakdowns,
        }
    }

    /// Whether a record of the person in `row` on `day` is an index event: within an observation period with
    /// the prior observation asked, age, sex and calendar period met, every inclusion rule met.
    fn qualifies(
        &self,
        def: &CohortDefinition,
        row: u32,
        day: i32,
        rules: &[(&health::cohort::Rule, ByPerson)],
    ) -> bool {
        let person = &self.persons[row as usize];
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
                // The person's records starting within [from, to].
                let days = records.of(row);
                days.partition_point(|d| *d <= to) - days.partition_point(|d| *d < from)
            };
            let times = rule.times as usize;
            if rule.has { n >= times } else { n < times }
        })
    }
}

/// No index date: the person is not in the cohort.
const NONE: i32 = i32::MAX;

/// A criterion's records grouped by person, each person's dates ascending: `days[starts[row]..starts[row + 1]]`.
/// Built by a counting sort on the person's row (linear, where a comparison sort of millions of records would
/// dominate a question).
struct ByPerson {
    starts: Vec<u32>,
    days: Vec<i32>,
}

impl ByPerson {
    fn new(persons: usize, records: Vec<Record>) -> ByPerson {
        let mut starts = vec![0u32; persons + 1];
        for r in &records {
            starts[r.0 as usize + 1] += 1;
        }
        for i in 0..persons {
            starts[i + 1] += starts[i];
        }
        let mut next = starts.clone();
        let mut days = vec![0i32; records.len()];
        for (row, day) in records {
            let at = &mut next[row as usize];
            days[*at as usize] = day;
            *at += 1;
        }
        for w in starts.windows(2) {
            if w[1] - w[0] > 1 {
                days[w[0] as usize..w[1] as usize].sort_unstable();
            }
        }
        ByPerson { starts, days }
    }

    fn of(&self, row: u32) -> &[i32] {
        let row = row as usize;
        &self.days[self.starts[row] as usize..self.starts[row + 1] as usize]
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
