//! An Excel workbook of tables: one sheet per table, a bold header row that stays in view, columns fitted to
//! their contents, numbers as numbers and text as text (never a formula, whatever it starts with).

use crate::OfficeError;
use rust_xlsxwriter::{DocProperties, Format, Workbook as Xlsx};

/// A cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text.
    Text(String),
    /// A number.
    Number(f64),
    /// Nothing.
    Empty,
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::Text(s.to_owned())
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::Text(s)
    }
}

impl From<f64> for Cell {
    fn from(v: f64) -> Cell {
        if v.is_finite() {
            Cell::Number(v)
        } else {
            Cell::Empty
        }
    }
}

impl From<Option<f64>> for Cell {
    fn from(v: Option<f64>) -> Cell {
        v.map_or(Cell::Empty, Cell::from)
    }
}

/// A sheet: a table with a header row.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// The sheet's name (at most 31 characters, none of `[]:*?/\`; longer or odd names are cut and cleaned).
    pub name: String,
    /// Column headings.
    pub header: Vec<String>,
    /// Rows.
    pub rows: Vec<Vec<Cell>>,
}

/// A workbook.
#[derive(Debug, Clone, PartialEq)]
pub struct Workbook {
    /// Its title property.
    pub title: String,
    /// Who publishes it.
    pub creator: String,
    /// The sheets, in order.
    pub sheets: Vec<Sheet>,
}

/// A name Excel accepts for a sheet.
fn sheet_name(name: &str, n: usize) -> String {
    let clean: String = name
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\') && !c.is_control())
        .take(31)
        .collect();
    let clean = clean.trim_matches('\'').trim().to_owned();
    if clean.is_empty() {
        format!("Sheet{n}")
    } else {
        clean
    }
}

impl Workbook {
    /// The `.xlsx` file.
    pub fn to_xlsx(&self) -> Result<Vec<u8>, OfficeError> {
        let mut book = Xlsx::new();
        book.set_properties(
            &DocProperties::new()
                .set_title(&self.title)
                .set_author(&self.creator),
        );
        let bold = Format::new().set_bold();
        let mut used = Vec::new();
        for (n, sheet) in self.sheets.iter().enumerate() {
            let mut name = sheet_name(&sheet.name, n + 1);
            if used.contains(&name.to_lowercase()) {
                name = format!("{} {}", name.chars().take(27).collect::<String>(), n + 1);
            }
            used.push(name.to_lowercase());
            let ws = book.add_worksheet();
            ws.set_name(&name)?;
            for (c, h) in sheet.header.iter().enumerate() {
                ws.write_string_with_format(0, col(c), h, &bold)?;
            }
            for (r, row) in sheet.rows.iter().enumerate() {
                let r = u32::try_from(r + 1).unwrap_or(u32::MAX);
                for (c, cell) in row.iter().enumerate() {
                    match cell {
                        Cell::Text(s) => {
                            ws.write_string(r, col(c), s)?;
                        }
                        Cell::Number(v) => {
                            ws.write_number(r, col(c), *v)?;
                        }
                        Cell::Empty => {}
                    }
                }
            }
            ws.set_freeze_panes(1, 0)?;
            ws.autofit();
        }
        Ok(book.save_to_buffer()?)
    }
}

fn col(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_what_excel_accepts() {
        assert_eq!(
            sheet_name("Indikatorer: värden [2026]", 1),
            "Indikatorer värden 2026"
        );
        assert_eq!(sheet_name("???", 2), "Sheet2");
        assert_eq!(sheet_name(&"x".repeat(40), 1).chars().count(), 31);
    }

    #[test]
    fn a_workbook_is_written_with_formula_like_text_as_text() {
        let book = Workbook {
            title: "Uppföljning 2026".into(),
            creator: "Programkontoret".into(),
            sheets: vec![
                Sheet {
                    name: "Insatser".into(),
                    header: vec!["Kod".into(), "Titel".into()],
                    rows: vec![vec!["1.1".into(), "=HYPERLINK(\"x\")".into()]],
                },
                Sheet {
                    name: "Insatser".into(),
                    header: vec!["År".into(), "Värde".into()],
                    rows: vec![vec![Cell::Number(2026.0), Cell::from(f64::NAN)]],
                },
            ],
        };
        let bytes = book.to_xlsx().expect("xlsx");
        assert_eq!(&bytes[..2], b"PK");
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
        let mut sheet = String::new();
        std::io::Read::read_to_string(
            &mut zip.by_name("xl/worksheets/sheet1.xml").expect("sheet"),
            &mut sheet,
        )
        .expect("xml");
        assert!(!sheet.contains("<f>"), "no formula: {sheet}");
        assert!(
            zip.by_name("xl/worksheets/sheet2.xml").is_ok(),
            "two sheets despite the same name"
        );
    }
}
