//! Office documents people open, edit and reuse: the yearly report and the agreement templates as Word documents
//! (`.docx`), tables as an Excel workbook (`.xlsx`).
//!
//! The workbook is written by `rust_xlsxwriter`. The Word document is WordprocessingML (ECMA-376) written here,
//! for the few parts a report or an agreement needs — title, headings, paragraphs, bulleted and numbered lists,
//! quotes and tables with a header row — because what makes it accessible is what the crates we tried leave out: the
//! document's title and language in its properties, a language on each run that differs from the document's, real
//! heading styles and table header rows that Word repeats and carries into a tagged PDF. See `docs/decisions.md`.

mod docx;
mod markdown;
mod read;
mod xlsx;

pub use docx::{Block, Document, List, ListItem, Span};
pub use markdown::docx_from_markdown;
pub use read::{RowsOfSheet, read_xlsx};
pub use xlsx::{Cell, Sheet, Workbook};

/// A document could not be written.
#[derive(Debug, thiserror::Error)]
pub enum OfficeError {
    /// The ZIP container.
    #[error("zip: {0}")]
    Zip(#[from] zip::result::ZipError),
    /// Writing into memory.
    #[error("write: {0}")]
    Io(#[from] std::io::Error),
    /// The workbook writer.
    #[error("xlsx: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    /// A workbook that could not be read.
    #[error("{0}")]
    Read(String),
}
