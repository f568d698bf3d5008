//! Samverkan's health-data engine: the synthetic Stockholm population as OMOP CDM Parquet files, and counting
//! cohorts with Apache DataFusion over them. Built as a crate of its own so that the web layer never rebuilds
//! DataFusion; the web layer sees the engine through `health`'s trait.

pub mod engine;
pub mod generate;
pub mod load;
pub mod shapes;
pub mod tables;

/// The DataFusion the engine is built on, for a crate that gives it another session (`health-cluster`).
pub use datafusion;
pub use engine::{ParquetEngine, configure};
