//! Health data, the light part. The OMOP CDM tables Samverkan reads and writes, the shipped mini vocabulary,
//! cohort definitions and their canonical form, and disclosure control — the one module every number passes
//! before it leaves the engine. The engine itself (DataFusion over Parquet) is `health-engine`.

pub mod circe;
pub mod cohort;
pub mod disclosure;
pub mod engine;
pub mod places;
pub mod vocabulary;
