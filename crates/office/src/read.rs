//! Reading a workbook people wrote in Excel or LibreOffice (`.xlsx`, through calamine): every sheet as rows of
//! text, the way the cells read — whole numbers without a decimal point, dates as ISO dates.

use crate::OfficeError;
use calamine::{Data, Reader, Xlsx};
use std::io::Cursor;

/// A sheet's name and its rows, each a list of cells as text (the first row is usually the header).
pub type RowsOfSheet = (String, Vec<Vec<String>>);

/// The sheets of an `.xlsx` workbook, in order.
pub fn read_xlsx(bytes: &[u8]) -> Result<Vec<RowsOfSheet>, OfficeError> {
    let mut book: Xlsx<_> =
        Xlsx::new(Cursor::new(bytes)).map_err(|e| OfficeError::Read(e.to_string()))?;
    let mut out = Vec::new();
    for name in book.sheet_names() {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| OfficeError::Read(e.to_string()))?;
        // Rows and columns before the range's start are empty: keep the sheet's own row numbers and columns.
        let (row0, col0) = range.start().unwrap_or((0, 0));
        let mut rows: Vec<Vec<String>> = vec![Vec::new(); row0 as usize];
        for r in range.rows() {
            let mut cells = vec![String::new(); col0 as usize];
            cells.extend(r.iter().map(text));
            while cells.last().is_some_and(String::is_empty) {
                cells.pop();
            }
            rows.push(cells);
        }
        out.push((name, rows));
    }
    Ok(out)
}

/// A cell as text.
fn text(d: &Data) -> String {
    match d {
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number(*f),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.trim().to_owned(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => date(d.as_f64()),
        Data::Error(_) | Data::Empty => String::new(),
    }
}

/// A number as people write it: `2024`, not `2024.0`.
fn number(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{f:.0}")
    } else {
        f.to_string()
    }
}

/// An Excel date serial (days since 1899-12-30, the fraction the time of day) as an ISO date.
fn date(serial: f64) -> String {
    // Days from 1970-01-01, then the civil date (Howard Hinnant's algorithm).
    let days = serial.floor() as i64 - 25_569;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Cell, Sheet, Workbook};

    #[test]
    fn excel_dates_and_numbers_read_as_people_wrote_them() {
        assert_eq!(date(45_658.0), "2025-01-01");
        assert_eq!(date(45_838.75), "2025-06-30");
        assert_eq!(date(25_569.0), "1970-01-01");
        assert_eq!(number(2024.0), "2024");
        assert_eq!(number(12.5), "12.5");
    }

    #[test]
    fn a_written_workbook_reads_back() {
        let bytes = Workbook {
            title: "t".into(),
            creator: "c".into(),
            sheets: vec![Sheet {
                name: "Insatser".into(),
                header: vec!["code".into(), "budget".into()],
                rows: vec![
                    vec!["1.1".into(), Cell::Number(2_500_000.0)],
                    vec!["1.2".into(), Cell::Empty],
                ],
            }],
        }
        .to_xlsx()
        .expect("xlsx");
        let sheets = read_xlsx(&bytes).expect("read");
        assert_eq!(sheets[0].0, "Insatser");
        assert_eq!(
            sheets[0].1,
            vec![
                vec!["code".to_owned(), "budget".to_owned()],
                vec!["1.1".to_owned(), "2500000".to_owned()],
                vec!["1.2".to_owned()],
            ]
        );
        assert!(read_xlsx(b"not a workbook").is_err());
    }
}
