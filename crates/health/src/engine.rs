//! The engine's side of the door: what a cohort engine answers (exact counts, which only the disclosure module
//! can read) and the trait the web layer asks it through. The implementation over Parquet files with Apache
//! DataFusion is `health_engine::ParquetEngine`; a cluster (Ballista) can stand behind the same trait.

use crate::cohort::CohortDefinition;
use crate::disclosure::Exact;
use std::future::Future;
use std::pin::Pin;

/// What a breakdown groups persons by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Breakdown {
    /// The year of the index event.
    Year,
    /// The age band at the index event.
    AgeBand,
    /// Sex.
    Sex,
    /// The municipality the person lives in.
    Municipality,
}

impl Breakdown {
    /// Every breakdown, in the order pages show them.
    pub const ALL: [Breakdown; 4] = [
        Breakdown::Year,
        Breakdown::AgeBand,
        Breakdown::Sex,
        Breakdown::Municipality,
    ];

    /// The code in the API and in keys.
    pub fn as_str(self) -> &'static str {
        match self {
            Breakdown::Year => "year",
            Breakdown::AgeBand => "age_band",
            Breakdown::Sex => "sex",
            Breakdown::Municipality => "municipality",
        }
    }
}

/// The age bands of a breakdown: (label, youngest, oldest).
pub const AGE_BANDS: [(&str, u32, u32); 5] = [
    ("0-17", 0, 17),
    ("18-39", 18, 39),
    ("40-64", 40, 64),
    ("65-79", 65, 79),
    ("80+", 80, u32::MAX),
];

/// The band label of an age.
pub fn age_band(age: i64) -> &'static str {
    AGE_BANDS
        .iter()
        .find(|(_, lo, hi)| age >= i64::from(*lo) && age <= i64::from(*hi))
        .map_or("0-17", |b| b.0)
}

/// A cohort's exact size and its breakdowns, each cell labelled ("2019", "40-64", "female", "0180").
pub struct CohortCount {
    /// Persons in the cohort.
    pub total: Exact,
    /// Each breakdown's cells, in their order (years ascending, bands youngest first, municipalities by code).
    pub breakdowns: Vec<(Breakdown, Vec<(String, Exact)>)>,
}

/// Why the engine could not answer.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    /// No population is loaded.
    #[error("no health data is loaded")]
    NoData,
    /// The data could not be read.
    #[error("the health data could not be read: {0}")]
    Read(String),
}

/// A boxed future, for the trait to be usable as an object.
pub type Answer<'a, T> = Pin<Box<dyn Future<Output = Result<T, EngineError>> + Send + 'a>>;

/// A cohort engine.
pub trait CohortEngine: Send + Sync {
    /// The cohort's exact size and breakdowns. The definition has passed `check`.
    fn count<'a>(&'a self, definition: &'a CohortDefinition) -> Answer<'a, CohortCount>;

    /// The number of persons in the data (exact: it leaves through the disclosure module like every count).
    fn persons(&self) -> Exact;
}
