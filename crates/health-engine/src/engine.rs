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

/// A person as the engine keeps them.
#[derive(Debug, Clone)]
struct Person {
    year_of_birth: i32,
    gender: i64,
    location: Option<i64>,
    /// Observation periods (start, end), sorted.
    periods: Vec<(i32, i32)>,
}

/// The engine over one folder of OMOP Parquet files.
pub struct ParquetEngine {
    ctx: SessionContext,
    persons: HashMap<i64, Person>,
    /// location_id → the municipality's code (`location_source_value`), or its city when it has no code.
    places: HashMap<i64, String>,
}

fn read_err(e: impl std::fmt::Display) -> EngineError {
    EngineError::Read(e.to_string())
}

/// One matching record: person, start date, record id.
type Event = (i64, i32, i64);

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
        let mut persons = HashMap::new();
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
                persons.insert(
                    id.value(i),
                    Person {
                        year_of_birth: i32::try_from(yob.value(i)).unwrap_or(0),
                        gender: gender.value(i),
                        location: (!loc.is_null(i)).then(|| loc.value(i)),
                        periods: Vec::new(),
                    },
                );
            }
        }
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
        for b in &batches {
            let (id, start, end) = (
                int_column(b, "person_id")?,
                date_column(b, "observation_period_start_date")?,
                date_column(b, "observation_period_end_date")?,
            );
            for i in 0..b.num_rows() {
                if let Some(p) = persons.get_mut(&id.value(i)) {
                    p.periods.push((start.value(i), end.value(i)));
                }
            }
        }
        for p in persons.values_mut() {
            p.periods.sort_unstable();
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

    /// Every record of a criterion: (person, start date, record id).
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
                if !d.is_null(i) {
                    out.push((p.value(i), d.value(i), id.value(i)));
                }
            }
        }
        out.sort_unstable();
        Ok(out)
    }

    async fn count_now(&self, def: &CohortDefinition) -> Result<CohortCount, EngineError> {
        let index = self.events(&def.index).await?;
        // Each rule's records, by person: sorted start dates.
        let mut rules = Vec::with_capacity(def.rules.len());
        for r in &def.rules {
            let mut by_person: HashMap<i64, Vec<i32>> = HashMap::new();
            for (p, d, _) in self.events(&r.criterion).await? {
                by_person.entry(p).or_default().push(d);
            }
            rules.push((r, by_person));
        }
        // Each person's earliest qualifying index date.
        let mut qualified: BTreeMap<i64, i32> = BTreeMap::new();
        let mut at = 0;
        while at < index.len() {
            let person_id = index[at].0;
            let until = index[at..]
                .iter()
                .position(|e| e.0 != person_id)
                .map_or(index.len(), |n| at + n);
            let events = &index[at..until];
            at = until;
            let Some(person) = self.persons.get(&person_id) else {
                continue;
            };
            // First in all history, by date then record id, before any other condition (Circe's `First`).
            let candidates = if def.first_only { &events[..1] } else { events };
            for &(_, day, _) in candidates {
                if !self.qualifies(def, person, day, &rules, person_id) {
                    continue;
                }
                qualified.entry(person_id).or_insert(day);
                break;
            }
        }
        let total = Exact::new(qualified.len() as u64);
        let mut cells: HashMap<Breakdown, BTreeMap<String, u64>> = HashMap::new();
        for (person_id, day) in &qualified {
            let Some(person) = self.persons.get(person_id) else {
                continue;
            };
            let year = crate::generate::year_of(*day);
            let age = i64::from(year) - i64::from(person.year_of_birth);
            let sex = match person.gender {
                health::vocabulary::FEMALE => "female",
                health::vocabulary::MALE => "male",
                _ => "unknown",
            };
            let place = person
                .location
                .and_then(|l| self.places.get(&l).cloned())
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
        day: i32,
        rules: &[(&health::cohort::Rule, HashMap<i64, Vec<i32>>)],
        person_id: i64,
    ) -> bool {
        let Some(&(op_start, op_end)) = person.periods.iter().find(|(s, e)| *s <= day && day <= *e)
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
        rules.iter().all(|(rule, by_person)| {
            let from = (day + rule.window.start).max(op_start);
            let to = (day + rule.window.end).min(op_end);
            let n = by_person.get(&person_id).map_or(0, |dates| {
                if from > to {
                    0
                } else {
                    dates.partition_point(|d| *d <= to) - dates.partition_point(|d| *d < from)
                }
            });
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
