//! PDF typesetting in-process with typst used as a library. The fonts (Libertinus Serif, New Computer Modern, DejaVu
//! Sans Mono, all under the SIL Open Font License) are compiled into the binary and embedded, subset, in every PDF;
//! nothing is read from the machine's font folders, so a report looks the same wherever it is made.
//!
//! A document is a typst template (kept in this crate) plus data files it reads with `json(...)`. The data is never
//! spliced into the markup, so text from users is always shown as text, never run as typst code. An agreement
//! template written in Markdown is read here into such data (see `agreement`).

mod agreement;

pub use agreement::pdf_from_markdown;

use std::sync::LazyLock;
use typst::diag::{FileError, FileResult, Severity};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

/// The yearly follow-up report's template; it reads `data.json` (see the web crate's report model).
pub const FOLLOW_UP_TEMPLATE: &str = include_str!("follow-up.typ");

/// Why a document could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// The template or its data did not typeset.
    #[error("typesetting failed: {0}")]
    Typeset(String),
    /// A data file name was not a valid path.
    #[error("invalid file name {0:?}")]
    FileName(String),
}

struct Fonts {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

static FONTS: LazyLock<Fonts> = LazyLock::new(|| {
    let fonts: Vec<Font> = typst_assets::fonts()
        .flat_map(|data| Font::iter(Bytes::new(data)))
        .collect();
    Fonts {
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
    }
});

static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

struct Doc {
    main: Source,
    files: Vec<(FileId, Bytes)>,
}

fn file_id(name: &str) -> Result<FileId, PdfError> {
    let path = VirtualPath::new(name).map_err(|_| PdfError::FileName(name.to_owned()))?;
    Ok(RootedPath::new(VirtualRoot::Project, path).intern())
}

impl World for Doc {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.files
            .iter()
            .find(|(f, _)| *f == id)
            .map(|(_, b)| b.clone())
            .ok_or(FileError::AccessDenied)
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        None
    }
}

/// Typesets `template` with the given data files (name, bytes) into a PDF.
pub fn typeset(template: &str, files: &[(&str, Vec<u8>)]) -> Result<Vec<u8>, PdfError> {
    let document = compile(template, files)?;
    typst_pdf::pdf(&document, &typst_pdf::PdfOptions::default()).map_err(|errors| {
        PdfError::Typeset(
            errors
                .iter()
                .map(|d| d.message.to_string())
                .collect::<Vec<_>>()
                .join("; "),
        )
    })
}

/// Lays out `template` with the given data files into pages.
fn compile(template: &str, files: &[(&str, Vec<u8>)]) -> Result<PagedDocument, PdfError> {
    let main = Source::new(file_id("main.typ")?, template.to_owned());
    let files = files
        .iter()
        .map(|(name, bytes)| Ok((file_id(name)?, Bytes::new(bytes.clone()))))
        .collect::<Result<Vec<_>, PdfError>>()?;
    let doc = Doc { main, files };
    let compiled = typst::compile::<PagedDocument>(&doc);
    // typst memoises across calls for the life of the process; a server typesets different data each time, so the
    // cache would only grow (tens of MiB per report). Drop it after each document.
    typst::comemo::evict(0);
    compiled.output.map_err(|errors| {
        PdfError::Typeset(
            errors
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .map(|d| d.message.to_string())
                .collect::<Vec<_>>()
                .join("; "),
        )
    })
}

/// The yearly follow-up report as a PDF, from its data as JSON.
pub fn follow_up(data_json: Vec<u8>) -> Result<Vec<u8>, PdfError> {
    typeset(FOLLOW_UP_TEMPLATE, &[("data.json", data_json)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_from_data_is_typeset_as_text_not_code() {
        let pdf = typeset(
            "#let d = json(\"data.json\")\n#set text(lang: \"sv\")\n= #d.title\n#d.body",
            &[(
                "data.json",
                br##"{"title":"Uppf\u00f6ljning","body":"#panic(\"injected\") *not bold*"}"##
                    .to_vec(),
            )],
        )
        .expect("typesets");
        assert!(pdf.starts_with(b"%PDF-"));
    }

    #[test]
    fn a_broken_template_says_why() {
        let err = typeset("#let x = ", &[]).expect_err("fails");
        assert!(matches!(err, PdfError::Typeset(_)));
    }
}
