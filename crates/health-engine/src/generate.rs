//! The synthetic Stockholm population: persons with Stockholm County's age and sex structure over its 26
//! municipalities, followed from 1996 (or birth, or moving in) to death, moving out or the end of 2025; the common
//! conditions with incidence by age and sex, the drugs that follow them, visits, procedures and HbA1c values that
//! track diabetes. Written as OMOP CDM Parquet files, streamed in batches (memory stays bounded whatever the
//! number of persons), deterministic for a seed: each person's events come from a random stream of their own
//! (the seed and the person id), so a person is the same whatever else is generated.
//!
//! What it does not model is listed in docs/health-data.md ("What the synthetic data does not model").

use crate::tables::{self, Cell, Rows, Staging, Table};
use datafusion::arrow::record_batch::RecordBatch;
use health::vocabulary::{self, Vocabulary};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::HashMap;
use std::path::Path;

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// How many persons.
    pub persons: u64,
    /// The seed: the same seed and options give the same files.
    pub seed: u64,
    /// The first year followed (the region's data starts in 1996).
    pub since: i32,
}

/// The last day followed.
pub const UNTIL: (i32, u32, u32) = (2025, 12, 31);

/// What was written: rows per table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// (table, rows), in the order the tables are written.
    pub rows: Vec<(&'static str, u64)>,
}

impl Summary {
    /// Rows of one table.
    pub fn rows_of(&self, table: &str) -> u64 {
        self.rows
            .iter()
            .find(|(t, _)| *t == table)
            .map_or(0, |(_, n)| *n)
    }

    /// Events: visits, conditions, drugs, procedures and measurements.
    pub fn events(&self) -> u64 {
        [
            "visit_occurrence",
            "condition_occurrence",
            "drug_exposure",
            "procedure_occurrence",
            "measurement",
        ]
        .iter()
        .map(|t| self.rows_of(t))
        .sum()
    }
}

/// Why generation failed.
#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    /// The options cannot be followed.
    #[error("{0}")]
    Options(String),
    /// A batch of rows could not be put together (a defect of the generator).
    #[error("could not build a batch of rows: {0}")]
    Batch(String),
    /// Writing failed.
    #[error(transparent)]
    Write(#[from] tables::WriteError),
}

pub use health::places::MUNICIPALITIES;

/// The share of Stockholm County's population per five-year age band at the end of the period (0–4, 5–9, …,
/// 90+; per mille, Statistics Sweden 2023, rounded).
const AGE_BANDS: [u32; 19] = [
    60, 63, 64, 60, 57, 70, 78, 76, 70, 66, 64, 59, 51, 46, 44, 37, 23, 12, 6,
];

/// OMOP's type concept "EHR" for every record's provenance.
const EHR: i64 = 32_817;

/// Days since 1970-01-01 of a civil date (proleptic Gregorian).
pub fn days(y: i32, m: u32, d: u32) -> i32 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m as i32 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil year of a day since 1970-01-01.
pub fn year_of(day: i32) -> i32 {
    civil(day).0
}

/// A condition the population gets: its code, yearly incidence per age band, how men's risk compares, whether it
/// stays (chronic: recorded again at yearly follow-up) and the drugs that follow it.
struct Disease {
    key: &'static str,
    codes: &'static [(&'static str, u32)],
    /// Yearly incidence per 100,000 at ages [0-14, 15-29, 30-44, 45-59, 60-74, 75-84, 85+].
    incidence: [u32; 7],
    /// Men's risk relative to women's, in percent (0: women only; for prostate cancer, women's is 0).
    men: u32,
    women: u32,
    chronic: bool,
    /// Drugs: (ATC code, chance in percent, from year) — a drug first marketed later is not given before.
    drugs: &'static [(&'static str, u32, i32)],
    /// Whether the drugs are alternatives (one at most, the first that the chance picks) rather than each given on
    /// its own chance.
    one_of: bool,
    /// Procedures: (KVÅ code, chance in percent).
    procedures: &'static [(&'static str, u32)],
    inpatient: bool,
}

const DISEASES: &[Disease] = &[
    Disease {
        key: "t2d",
        codes: &[("E11.9", 100)],
        incidence: [5, 20, 120, 400, 800, 900, 700],
        men: 130,
        women: 100,
        chronic: true,
        drugs: &[("A10BA02", 80, 0)],
        one_of: false,
        procedures: &[],
        inpatient: false,
    },
    Disease {
        key: "hypertension",
        codes: &[("I10", 100)],
        incidence: [0, 60, 400, 1500, 3000, 3500, 3000],
        men: 110,
        women: 100,
        chronic: true,
        drugs: &[("C09AA05", 45, 0), ("C08CA01", 35, 0)],
        one_of: false,
        procedures: &[],
        inpatient: false,
    },
    Disease {
        key: "asthma",
        codes: &[("J45.9", 100)],
        incidence: [600, 250, 180, 150, 150, 120, 100],
        men: 100,
        women: 110,
        chronic: true,
        drugs: &[("R03AC02", 90, 0), ("R03BA02", 60, 0)],
        one_of: false,
        procedures: &[],
        inpatient: false,
    },
    Disease {
        key: "copd",
        codes: &[("J44.9", 100)],
        incidence: [0, 0, 30, 200, 500, 700, 600],
        men: 100,
        women: 110,
        chronic: true,
        drugs: &[("R03AC02", 80, 0), ("R03BA02", 40, 0)],
        one_of: false,
        procedures: &[],
        inpatient: false,
    },
    Disease {
        key: "depression",
        codes: &[("F32.1", 100)],
        incidence: [80, 900, 700, 500, 350, 400, 400],
        men: 55,
        women: 100,
        chronic: true,
        drugs: &[("N06AB06", 60, 0)],
        one_of: false,
        procedures: &[],
        inpatient: false,
    },
    Disease {
        key: "af",
        codes: &[("I48", 100)],
        incidence: [0, 5, 30, 200, 700, 1600, 2200],
        men: 140,
        women: 100,
        chronic: true,
        drugs: &[
            ("B01AF02", 45, 2012),
            ("B01AF01", 25, 2012),
            ("B01AA03", 70, 0),
        ],
        one_of: true,
        procedures: &[],
        inpatient: false,
    },
    Disease {
        key: "mi",
        codes: &[("I21.9", 100)],
        incidence: [0, 2, 30, 200, 500, 900, 1300],
        men: 200,
        women: 100,
        chronic: false,
        drugs: &[("C10AA05", 85, 0), ("B01AC06", 80, 0)],
        one_of: false,
        procedures: &[("FNG05", 60)],
        inpatient: true,
    },
    Disease {
        key: "stroke",
        codes: &[("I63.9", 100)],
        incidence: [1, 5, 20, 120, 450, 1100, 1800],
        men: 120,
        women: 100,
        chronic: false,
        drugs: &[("C10AA05", 70, 0), ("B01AC06", 60, 0)],
        one_of: false,
        procedures: &[],
        inpatient: true,
    },
    Disease {
        key: "breast_cancer",
        codes: &[("C50.9", 100)],
        incidence: [0, 10, 120, 300, 350, 330, 300],
        men: 0,
        women: 100,
        chronic: true,
        drugs: &[("L02BA01", 60, 0)],
        one_of: false,
        procedures: &[("HAB40", 60), ("HAC10", 30)],
        inpatient: false,
    },
    Disease {
        key: "prostate_cancer",
        codes: &[("C61", 100)],
        incidence: [0, 0, 5, 250, 900, 900, 800],
        men: 100,
        women: 0,
        chronic: true,
        drugs: &[("L02AE02", 30, 0)],
        one_of: false,
        procedures: &[("KEC01", 25)],
        inpatient: false,
    },
    Disease {
        key: "dementia",
        codes: &[("F03", 70), ("F00", 30)],
        incidence: [0, 0, 2, 20, 250, 1400, 4000],
        men: 90,
        women: 100,
        chronic: true,
        drugs: &[("N06DA02", 50, 0)],
        one_of: false,
        procedures: &[],
        inpatient: false,
    },
    Disease {
        key: "hip_fracture",
        codes: &[("S72.0", 60), ("S72.1", 40)],
        incidence: [2, 5, 10, 40, 300, 1200, 3000],
        men: 50,
        women: 100,
        chronic: false,
        drugs: &[("M05BA04", 30, 0)],
        one_of: false,
        procedures: &[("NFJ69", 60), ("NFB49", 35)],
        inpatient: true,
    },
];

fn band(age: i32) -> usize {
    match age {
        ..15 => 0,
        15..30 => 1,
        30..45 => 2,
        45..60 => 3,
        60..75 => 4,
        75..85 => 5,
        _ => 6,
    }
}

/// The concepts the generator records, by code.
struct Codes {
    ids: HashMap<(&'static str, String), i64>,
}

impl Codes {
    fn new(v: &Vocabulary) -> Codes {
        let ids = v
            .concepts()
            .iter()
            .filter_map(|c| {
                let vocab: &'static str = match c.vocabulary.as_str() {
                    "ICD10" => "ICD10",
                    "ATC" => "ATC",
                    "KVA" => "KVA",
                    _ => return None,
                };
                Some(((vocab, c.code.clone()), c.id))
            })
            .collect();
        Codes { ids }
    }

    /// A code's concept id.
    ///
    /// # Panics
    /// On a code the built-in vocabulary lacks, which a test rules out.
    fn id(&self, vocab: &'static str, code: &str) -> i64 {
        *self
            .ids
            .get(&(vocab, code.to_owned()))
            .unwrap_or_else(|| panic!("{vocab} {code} is not in the vocabulary"))
    }
}

/// Column indices of the event tables, resolved once.
struct Cols {
    person: [usize; 9],
    period: [usize; 5],
    visit: [usize; 9],
    condition: [usize; 10],
    drug: [usize; 11],
    procedure: [usize; 8],
    measurement: [usize; 11],
    death: [usize; 3],
}

fn cols(t: &Table, names: &[&str]) -> Vec<usize> {
    names.iter().map(|n| t.col(n)).collect()
}

fn arr<const N: usize>(v: Vec<usize>) -> [usize; N] {
    let mut a = [0; N];
    a.copy_from_slice(&v);
    a
}

impl Cols {
    fn new() -> Cols {
        Cols {
            person: arr(cols(
                &tables::PERSON,
                &[
                    "person_id",
                    "gender_concept_id",
                    "year_of_birth",
                    "month_of_birth",
                    "day_of_birth",
                    "race_concept_id",
                    "ethnicity_concept_id",
                    "location_id",
                    "gender_source_value",
                ],
            )),
            period: arr(cols(
                &tables::OBSERVATION_PERIOD,
                &[
                    "observation_period_id",
                    "person_id",
                    "observation_period_start_date",
                    "observation_period_end_date",
                    "period_type_concept_id",
                ],
            )),
            visit: arr(cols(
                &tables::VISIT_OCCURRENCE,
                &[
                    "visit_occurrence_id",
                    "person_id",
                    "visit_concept_id",
                    "visit_start_date",
                    "visit_end_date",
                    "visit_type_concept_id",
                    "visit_source_value",
                    "visit_source_concept_id",
                    "care_site_id",
                ],
            )),
            condition: arr(cols(
                &tables::CONDITION_OCCURRENCE,
                &[
                    "condition_occurrence_id",
                    "person_id",
                    "condition_concept_id",
                    "condition_start_date",
                    "condition_end_date",
                    "condition_type_concept_id",
                    "visit_occurrence_id",
                    "condition_source_value",
                    "condition_source_concept_id",
                    "condition_status_concept_id",
                ],
            )),
            drug: arr(cols(
                &tables::DRUG_EXPOSURE,
                &[
                    "drug_exposure_id",
                    "person_id",
                    "drug_concept_id",
                    "drug_exposure_start_date",
                    "drug_exposure_end_date",
                    "drug_type_concept_id",
                    "days_supply",
                    "quantity",
                    "visit_occurrence_id",
                    "drug_source_value",
                    "drug_source_concept_id",
                ],
            )),
            procedure: arr(cols(
                &tables::PROCEDURE_OCCURRENCE,
                &[
                    "procedure_occurrence_id",
                    "person_id",
                    "procedure_concept_id",
                    "procedure_date",
                    "procedure_type_concept_id",
                    "visit_occurrence_id",
                    "procedure_source_value",
                    "procedure_source_concept_id",
                ],
            )),
            measurement: arr(cols(
                &tables::MEASUREMENT,
                &[
                    "measurement_id",
                    "person_id",
                    "measurement_concept_id",
                    "measurement_date",
                    "measurement_type_concept_id",
                    "value_as_number",
                    "unit_concept_id",
                    "unit_source_value",
                    "visit_occurrence_id",
                    "measurement_source_value",
                    "range_high",
                ],
            )),
            death: arr(cols(
                &tables::DEATH,
                &["person_id", "death_date", "death_type_concept_id"],
            )),
        }
    }
}

/// OMOP's unit concept for mmol/mol (UCUM).
const MMOL_PER_MOL: i64 = 9579;

/// The rows of a batch of persons, one builder per table, and the next ids.
struct Batch {
    person: Rows,
    period: Rows,
    visit: Rows,
    condition: Rows,
    drug: Rows,
    procedure: Rows,
    measurement: Rows,
    death: Rows,
}

impl Batch {
    fn new() -> Batch {
        Batch {
            person: Rows::new(&tables::PERSON),
            period: Rows::new(&tables::OBSERVATION_PERIOD),
            visit: Rows::new(&tables::VISIT_OCCURRENCE),
            condition: Rows::new(&tables::CONDITION_OCCURRENCE),
            drug: Rows::new(&tables::DRUG_EXPOSURE),
            procedure: Rows::new(&tables::PROCEDURE_OCCURRENCE),
            measurement: Rows::new(&tables::MEASUREMENT),
            death: Rows::new(&tables::DEATH),
        }
    }

    fn finish(&mut self) -> Result<Vec<RecordBatch>, String> {
        [
            &mut self.person,
            &mut self.period,
            &mut self.visit,
            &mut self.condition,
            &mut self.drug,
            &mut self.procedure,
            &mut self.measurement,
            &mut self.death,
        ]
        .into_iter()
        .map(|r| r.finish().map_err(|e| e.to_string()))
        .collect()
    }
}

/// The event ids: each person's events take ids from a block of the person's own (person id × 100,000 + n), so
/// ids are unique and the same whatever batch a person falls in.
struct Ids {
    next: i64,
}

impl Ids {
    fn new(person: i64) -> Ids {
        Ids {
            next: person * 100_000,
        }
    }
    fn take(&mut self) -> i64 {
        self.next += 1;
        self.next
    }
}

struct World {
    codes: Codes,
    cols: Cols,
    municipality_weights: Vec<u32>,
    start: i32,
    end: i32,
}

fn pick<R: Rng>(rng: &mut R, weights: &[u32]) -> usize {
    let total: u32 = weights.iter().sum();
    let mut x = rng.gen_range(0..total.max(1));
    for (i, w) in weights.iter().enumerate() {
        if x < *w {
            return i;
        }
        x -= w;
    }
    weights.len() - 1
}

fn chance<R: Rng>(rng: &mut R, percent: u32) -> bool {
    rng.gen_range(0..100) < percent
}

/// A normal draw by the Box-Muller transform (for lab values only; no privacy rests on it).
fn normal<R: Rng>(rng: &mut R, mean: f64, sd: f64) -> f64 {
    let u1: f64 = rng.gen_range(f64::EPSILON..1.0);
    let u2: f64 = rng.r#gen();
    mean + sd * (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

impl World {
    /// One person's life in the data, appended to `b`.
    fn person(&self, seed: u64, person_id: i64, b: &mut Batch) {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        rng.set_stream(person_id as u64);
        let c = &self.cols;
        let mut ids = Ids::new(person_id);
        let female = rng.gen_range(0..1000) < 503;
        let age_band = pick(&mut rng, &AGE_BANDS) as i32;
        let age_at_end = age_band * 5
            + rng.gen_range(0..5)
            + if age_band == 18 {
                rng.gen_range(0..8)
            } else {
                0
            };
        let born = self.end - age_at_end * 365 - rng.gen_range(0..365);
        let born_year = year_of(born);
        let municipality = pick(&mut rng, &self.municipality_weights);
        let mut start = born.max(self.start);
        if chance(&mut rng, 25) && self.end - start > 60 {
            start += rng.gen_range(0..self.end - start - 30);
        }
        let (y, m, d) = civil(born);
        let sex_concept = if female {
            vocabulary::FEMALE
        } else {
            vocabulary::MALE
        };
        b.person.push(&[
            (c.person[0], Cell::I(person_id)),
            (c.person[1], Cell::I(sex_concept)),
            (c.person[2], Cell::I(i64::from(y))),
            (c.person[3], Cell::I(i64::from(m))),
            (c.person[4], Cell::I(i64::from(d))),
            (c.person[5], Cell::I(0)),
            (c.person[6], Cell::I(0)),
            (c.person[7], Cell::I(municipality as i64 + 1)),
            (c.person[8], Cell::S(if female { "F" } else { "M" })),
        ]);
        debug_assert_eq!(y, born_year);

        // Follow the person year by year: death, moving out, and each disease's onset.
        let mut end = self.end;
        let mut died = false;
        let mut onset: Vec<Option<i32>> = vec![None; DISEASES.len()];
        // The drugs each disease's treatment settled on at onset, renewed at each follow-up.
        let mut regimen: Vec<Vec<&'static str>> = vec![Vec::new(); DISEASES.len()];
        let mut at = start;
        while at < end {
            let age = year_of(at) - born_year;
            let step_end = (at + 365).min(end);
            let span = step_end - at;
            // Gompertz mortality: about 0.1 % a year at 40, 6 % at 85.
            let death_per_million =
                (20.0 * (0.095 * f64::from(age.max(0))).exp()).min(500_000.0) as u32;
            if rng.gen_range(0..1_000_000) < death_per_million * span as u32 / 365 {
                end = at + rng.gen_range(0..span.max(1));
                died = true;
                break;
            }
            if rng.gen_range(0..1000) < 12 * span as u32 / 365 {
                end = at + rng.gen_range(0..span.max(1));
                break;
            }
            for (i, disease) in DISEASES.iter().enumerate() {
                if onset[i].is_some() && disease.chronic {
                    continue;
                }
                let relative = if female { disease.women } else { disease.men };
                let per_100k = disease.incidence[band(age)] * relative / 100;
                // An acute event can come again, at a fifth of the first risk.
                let per_100k = if onset[i].is_some() {
                    per_100k / 5
                } else {
                    per_100k
                };
                if rng.gen_range(0..100_000 * 365) < per_100k * span as u32 {
                    let day = at + rng.gen_range(0..span.max(1));
                    let drugs = self.onset(&mut rng, disease, day, end, person_id, &mut ids, b);
                    if onset[i].is_none() {
                        regimen[i] = drugs;
                    }
                    onset[i].get_or_insert(day);
                }
            }
            at = step_end;
        }
        b.period.push(&[
            (c.period[0], Cell::I(person_id)),
            (c.period[1], Cell::I(person_id)),
            (c.period[2], Cell::D(start)),
            (c.period[3], Cell::D(end)),
            (c.period[4], Cell::I(EHR)),
        ]);
        if died {
            b.death.push(&[
                (c.death[0], Cell::I(person_id)),
                (c.death[1], Cell::D(end)),
                (c.death[2], Cell::I(EHR)),
            ]);
        }
        // Follow-up of chronic conditions once a year; drugs renewed; HbA1c for diabetes.
        let t2d = DISEASES.iter().position(|d| d.key == "t2d");
        let mut year_start = start;
        while year_start < end {
            let age = year_of(year_start) - born_year;
            let year_end = (year_start + 365).min(end);
            let mut visit: Option<i64> = None;
            let visit_day = year_start + rng.gen_range(0..(year_end - year_start).max(1));
            for (i, disease) in DISEASES.iter().enumerate() {
                let Some(first) = onset[i] else { continue };
                if !disease.chronic || first + 30 > visit_day {
                    continue;
                }
                let v = match visit {
                    Some(v) => v,
                    None => *visit
                        .insert(self.visit(&mut rng, &mut ids, person_id, visit_day, false, b)),
                };
                self.condition(person_id, &mut ids, disease.codes[0].0, visit_day, v, b);
                for atc in &regimen[i] {
                    self.drug(&mut rng, person_id, &mut ids, atc, visit_day, Some(v), b);
                }
                if Some(i) == t2d {
                    let value = normal(&mut rng, 53.0, 9.0).max(30.0);
                    self.hba1c(person_id, &mut ids, visit_day, value, v, b);
                }
            }
            // Primary care for anything else: a visit in three years of four, and an HbA1c now and then from 40.
            if visit.is_none() && chance(&mut rng, 75) {
                let v = self.visit(&mut rng, &mut ids, person_id, visit_day, false, b);
                if age >= 40 && t2d.is_some_and(|i| onset[i].is_none()) && chance(&mut rng, 10) {
                    let value = normal(&mut rng, 36.0, 4.0).clamp(20.0, 47.0);
                    self.hba1c(person_id, &mut ids, visit_day, value, v, b);
                }
            }
            year_start = year_end;
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn onset(
        &self,
        rng: &mut ChaCha8Rng,
        disease: &Disease,
        day: i32,
        end: i32,
        person_id: i64,
        ids: &mut Ids,
        b: &mut Batch,
    ) -> Vec<&'static str> {
        let code = disease.codes[pick(
            rng,
            &disease.codes.iter().map(|(_, w)| *w).collect::<Vec<_>>(),
        )]
        .0;
        let visit = self.visit(rng, ids, person_id, day, disease.inpatient, b);
        self.condition(person_id, ids, code, day, visit, b);
        if disease.key == "t2d" {
            let value = normal(rng, 62.0, 10.0).max(48.0);
            self.hba1c(person_id, ids, day, value, visit, b);
        }
        for (kva, percent) in disease.procedures {
            if chance(rng, *percent) {
                let on = (day + rng.gen_range(0..30)).min(end);
                self.procedure(person_id, ids, kva, on, visit, b);
                break;
            }
        }
        let mut given = Vec::new();
        for (atc, percent, from) in disease.drugs {
            if year_of(day) >= *from && chance(rng, *percent) {
                let on = (day + rng.gen_range(0..30)).min(end);
                self.drug(rng, person_id, ids, atc, on, Some(visit), b);
                given.push(*atc);
                if disease.one_of {
                    break;
                }
            }
        }
        given
    }

    fn visit(
        &self,
        rng: &mut ChaCha8Rng,
        ids: &mut Ids,
        person_id: i64,
        day: i32,
        inpatient: bool,
        b: &mut Batch,
    ) -> i64 {
        let c = &self.cols;
        let id = ids.take();
        let (concept, length, source) = if inpatient {
            (vocabulary::INPATIENT_VISIT, rng.gen_range(2..10), "IP")
        } else {
            (vocabulary::OUTPATIENT_VISIT, 0, "OP")
        };
        b.visit.push(&[
            (c.visit[0], Cell::I(id)),
            (c.visit[1], Cell::I(person_id)),
            (c.visit[2], Cell::I(concept)),
            (c.visit[3], Cell::D(day)),
            (c.visit[4], Cell::D(day + length)),
            (c.visit[5], Cell::I(EHR)),
            (c.visit[6], Cell::S(source)),
            (c.visit[7], Cell::I(0)),
        ]);
        id
    }

    fn condition(
        &self,
        person_id: i64,
        ids: &mut Ids,
        code: &str,
        day: i32,
        visit: i64,
        b: &mut Batch,
    ) {
        let c = &self.cols;
        let concept = self.codes.id("ICD10", code);
        b.condition.push(&[
            (c.condition[0], Cell::I(ids.take())),
            (c.condition[1], Cell::I(person_id)),
            (c.condition[2], Cell::I(concept)),
            (c.condition[3], Cell::D(day)),
            (c.condition[5], Cell::I(EHR)),
            (c.condition[6], Cell::I(visit)),
            (c.condition[7], Cell::S(code)),
            (c.condition[8], Cell::I(concept)),
        ]);
    }

    #[allow(clippy::too_many_arguments)]
    fn drug(
        &self,
        rng: &mut ChaCha8Rng,
        person_id: i64,
        ids: &mut Ids,
        atc: &str,
        day: i32,
        visit: Option<i64>,
        b: &mut Batch,
    ) {
        let c = &self.cols;
        let concept = self.codes.id("ATC", atc);
        let supply = [30, 90, 100][rng.gen_range(0..3)];
        let mut cells = vec![
            (c.drug[0], Cell::I(ids.take())),
            (c.drug[1], Cell::I(person_id)),
            (c.drug[2], Cell::I(concept)),
            (c.drug[3], Cell::D(day)),
            (c.drug[4], Cell::D(day + supply - 1)),
            (c.drug[5], Cell::I(EHR)),
            (c.drug[6], Cell::I(i64::from(supply))),
            (c.drug[7], Cell::F(f64::from(supply))),
            (c.drug[9], Cell::S(atc)),
            (c.drug[10], Cell::I(concept)),
        ];
        if let Some(v) = visit {
            cells.push((c.drug[8], Cell::I(v)));
        }
        b.drug.push(&cells);
    }

    fn procedure(
        &self,
        person_id: i64,
        ids: &mut Ids,
        kva: &str,
        day: i32,
        visit: i64,
        b: &mut Batch,
    ) {
        let c = &self.cols;
        let concept = self.codes.id("KVA", kva);
        b.procedure.push(&[
            (c.procedure[0], Cell::I(ids.take())),
            (c.procedure[1], Cell::I(person_id)),
            (c.procedure[2], Cell::I(concept)),
            (c.procedure[3], Cell::D(day)),
            (c.procedure[4], Cell::I(EHR)),
            (c.procedure[5], Cell::I(visit)),
            (c.procedure[6], Cell::S(kva)),
            (c.procedure[7], Cell::I(concept)),
        ]);
    }

    fn hba1c(
        &self,
        person_id: i64,
        ids: &mut Ids,
        day: i32,
        value: f64,
        visit: i64,
        b: &mut Batch,
    ) {
        let c = &self.cols;
        b.measurement.push(&[
            (c.measurement[0], Cell::I(ids.take())),
            (c.measurement[1], Cell::I(person_id)),
            (c.measurement[2], Cell::I(vocabulary::HBA1C)),
            (c.measurement[3], Cell::D(day)),
            (c.measurement[4], Cell::I(EHR)),
            (c.measurement[5], Cell::F((value * 10.0).round() / 10.0)),
            (c.measurement[6], Cell::I(MMOL_PER_MOL)),
            (c.measurement[7], Cell::S("mmol/mol")),
            (c.measurement[8], Cell::I(visit)),
            (c.measurement[9], Cell::S("HbA1c")),
            (c.measurement[10], Cell::F(42.0)),
        ]);
    }
}

/// The civil date (year, month, day) of a day since 1970-01-01.
pub fn civil(day: i32) -> (i32, u32, u32) {
    let z = day + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i32::from(m <= 2), m, d)
}

/// How many persons go into one batch.
const BATCH: u64 = 5_000;

/// Generates the population into `dir` (created; it must not exist yet, or be empty), calling `progress` with
/// the number of persons written so far. The files appear under their names only when all are complete: they
/// are written into `dir/.partial` first and moved into place at the end.
pub fn generate(
    dir: &Path,
    options: Options,
    progress: &dyn Fn(u64),
) -> Result<Summary, GenerateError> {
    if options.persons == 0 || options.persons > 50_000_000 {
        return Err(GenerateError::Options(
            "the number of persons must be from 1 to 50,000,000".into(),
        ));
    }
    if !(1900..=2025).contains(&options.since) {
        return Err(GenerateError::Options(
            "the first year must be from 1900 to 2025".into(),
        ));
    }
    let staging = Staging::new(dir)?;
    let vocab = Vocabulary::built_in();
    let world = World {
        codes: Codes::new(&vocab),
        cols: Cols::new(),
        municipality_weights: MUNICIPALITIES.iter().map(|m| m.2).collect(),
        start: days(options.since, 1, 1),
        end: days(UNTIL.0, UNTIL.1, UNTIL.2),
    };
    let event_tables: [&'static Table; 8] = [
        &tables::PERSON,
        &tables::OBSERVATION_PERIOD,
        &tables::VISIT_OCCURRENCE,
        &tables::CONDITION_OCCURRENCE,
        &tables::DRUG_EXPOSURE,
        &tables::PROCEDURE_OCCURRENCE,
        &tables::MEASUREMENT,
        &tables::DEATH,
    ];
    let mut writers = event_tables
        .iter()
        .map(|t| staging.writer(t))
        .collect::<Result<Vec<_>, _>>()?;
    let mut counts = vec![0u64; event_tables.len()];
    let write_fail =
        |t: &Table, e: &dyn std::fmt::Display| GenerateError::from(staging.failed(t, e));
    // One thread makes batches while this one writes them.
    std::thread::scope(|scope| -> Result<(), GenerateError> {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Result<(u64, Vec<RecordBatch>), String>>(2);
        let world = &world;
        scope.spawn(move || {
            let mut from = 1u64;
            while from <= options.persons {
                let to = (from + BATCH - 1).min(options.persons);
                let mut batch = Batch::new();
                for p in from..=to {
                    world.person(options.seed, p as i64, &mut batch);
                }
                let done = batch.finish().map(|b| (to, b));
                let failed = done.is_err();
                if tx.send(done).is_err() || failed {
                    return;
                }
                from = to + 1;
            }
        });
        for message in rx {
            let (done, batches) = message.map_err(GenerateError::Batch)?;
            for (i, rb) in batches.iter().enumerate() {
                counts[i] += rb.num_rows() as u64;
                writers[i]
                    .write(rb)
                    .map_err(|e| write_fail(event_tables[i], &e))?;
            }
            progress(done);
        }
        Ok(())
    })?;
    for (i, w) in writers.into_iter().enumerate() {
        w.close().map_err(|e| write_fail(event_tables[i], &e))?;
    }
    let mut rows: Vec<(&'static str, u64)> =
        event_tables.iter().map(|t| t.name).zip(counts).collect();
    rows.push(("location", write_locations(&staging)?));
    let (concepts, ancestry) = write_vocabulary(&staging, &vocab)?;
    rows.push(("concept", concepts));
    rows.push(("concept_ancestor", ancestry));
    staging.publish()?;
    Ok(Summary { rows })
}

fn write_locations(staging: &Staging) -> Result<u64, tables::WriteError> {
    let t = &tables::LOCATION;
    let mut rows = Rows::new(t);
    let (id, city, county, source, country) = (
        t.col("location_id"),
        t.col("city"),
        t.col("county"),
        t.col("location_source_value"),
        t.col("country_source_value"),
    );
    for (i, (code, name, _)) in MUNICIPALITIES.iter().enumerate() {
        rows.push(&[
            (id, Cell::I(i as i64 + 1)),
            (city, Cell::S(name)),
            (county, Cell::S("Stockholms län")),
            (source, Cell::S(code)),
            (country, Cell::S("SE")),
        ]);
    }
    staging.write_rows(t, &mut rows)
}

/// Writes `concept` and `concept_ancestor` from a vocabulary.
pub fn write_vocabulary(
    staging: &Staging,
    vocab: &Vocabulary,
) -> Result<(u64, u64), tables::WriteError> {
    let t = &tables::CONCEPT;
    let mut rows = Rows::new(t);
    let names = [
        "concept_id",
        "concept_name",
        "domain_id",
        "vocabulary_id",
        "concept_class_id",
        "standard_concept",
        "concept_code",
        "valid_start_date",
        "valid_end_date",
    ]
    .map(|n| t.col(n));
    let (from, to) = (days(1970, 1, 1), days(2099, 12, 31));
    for c in vocab.concepts() {
        rows.push(&[
            (names[0], Cell::I(c.id)),
            (names[1], Cell::S(&c.name_en)),
            (names[2], Cell::S(c.domain)),
            (names[3], Cell::S(&c.vocabulary)),
            (names[4], Cell::S(&c.class)),
            (names[5], Cell::S("S")),
            (names[6], Cell::S(&c.code)),
            (names[7], Cell::D(from)),
            (names[8], Cell::D(to)),
        ]);
    }
    let concepts = staging.write_rows(t, &mut rows)?;
    let t = &tables::CONCEPT_ANCESTOR;
    let mut rows = Rows::new(t);
    let names = [
        "ancestor_concept_id",
        "descendant_concept_id",
        "min_levels_of_separation",
        "max_levels_of_separation",
    ]
    .map(|n| t.col(n));
    for a in vocab.ancestry() {
        rows.push(&[
            (names[0], Cell::I(a.ancestor)),
            (names[1], Cell::I(a.descendant)),
            (names[2], Cell::I(i64::from(a.levels))),
            (names[3], Cell::I(i64::from(a.levels))),
        ]);
    }
    Ok((concepts, staging.write_rows(t, &mut rows)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip() {
        assert_eq!(days(1970, 1, 1), 0);
        assert_eq!(days(2000, 3, 1), 11_017);
        for d in (-30_000..40_000).step_by(37) {
            let (y, m, dd) = civil(d);
            assert_eq!(days(y, m, dd), d);
            assert_eq!(year_of(d), y);
        }
    }

    #[test]
    fn every_code_the_generator_uses_is_in_the_vocabulary() {
        let codes = Codes::new(&Vocabulary::built_in());
        for d in DISEASES {
            for (c, _) in d.codes {
                codes.id("ICD10", c);
            }
            for (c, _, _) in d.drugs {
                codes.id("ATC", c);
            }
            for (c, _) in d.procedures {
                codes.id("KVA", c);
            }
        }
    }
}
