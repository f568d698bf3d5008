//! Moving an action plan kept in a spreadsheet into Samverkan in one step: a workbook (`.xlsx`) with a sheet of
//! measures and a sheet of indicators, or one CSV file of either, in the layout `docs/import-format.md`
//! describes — the same layout the plan is exported in. First a check (dry run) that says row by row what would
//! be created or updated, or every problem with its sheet, row and column; then, when nothing is wrong, the
//! import, each row through the same use case, rules and audit as the forms. Rows never delete anything.

use crate::plans::{self, IndicatorInput, MeasureInput, PlanFail};
use domain::auth::Principal;
use domain::{Lang, Slug};
use i18n::Tr;
use office::{Cell, Sheet, Workbook};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use store::Store;

/// The measure sheet's columns, in order (the first two identify the row).
pub const MEASURE_COLUMNS: [&str; 15] = [
    "area",
    "code",
    "title_sv",
    "title_en",
    "description_sv",
    "description_en",
    "responsible",
    "contributors",
    "start",
    "end",
    "status",
    "budget",
    "currency",
    "funding_sv",
    "funding_en",
];

/// The indicator sheet's columns, in order.
pub const INDICATOR_COLUMNS: [&str; 16] = [
    "area",
    "code",
    "name_sv",
    "name_en",
    "unit_sv",
    "unit_en",
    "direction",
    "baseline_year",
    "baseline_value",
    "target_year",
    "target_value",
    "interim",
    "source_sv",
    "source_en",
    "auto",
    "measures",
];

/// Which table a sheet or file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Table {
    /// Measures.
    Measures,
    /// Indicators.
    Indicators,
}

impl Table {
    fn columns(self) -> &'static [&'static str] {
        match self {
            Table::Measures => &MEASURE_COLUMNS,
            Table::Indicators => &INDICATOR_COLUMNS,
        }
    }

    fn key(self) -> &'static str {
        match self {
            Table::Measures => "plan-import-sheet-measures",
            Table::Indicators => "plan-import-sheet-indicators",
        }
    }

    /// The table a sheet's name says (English or Swedish, any case).
    fn of_sheet(name: &str) -> Option<Table> {
        match name.trim().to_lowercase().as_str() {
            "measures" | "insatser" => Some(Table::Measures),
            "indicators" | "indikatorer" => Some(Table::Indicators),
            _ => None,
        }
    }
}

/// One row of a sheet: its row number as the spreadsheet shows it, and its cells by column.
#[derive(Debug, Clone)]
struct Row {
    table: Table,
    line: usize,
    cells: HashMap<&'static str, String>,
}

impl Row {
    fn get(&self, column: &str) -> String {
        self.cells.get(column).cloned().unwrap_or_default()
    }

    fn list(&self, column: &str) -> Vec<String> {
        self.get(column)
            .split([';', ','])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect()
    }
}

/// What an import did, or would do.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlanImportReport {
    /// One line per row, in the order of the file: "Measures, row 3: 1.4 is created."
    pub lines: Vec<String>,
    /// Measures created.
    pub measures_created: usize,
    /// Measures updated.
    pub measures_updated: usize,
    /// Indicators created.
    pub indicators_created: usize,
    /// Indicators updated.
    pub indicators_updated: usize,
}

/// Why an import did nothing.
#[derive(Debug, thiserror::Error)]
pub enum PlanImportFail {
    /// Problems, each with where it is: nothing was imported.
    #[error("{} problems", .0.len())]
    Problems(Vec<String>),
    /// The file names an area this person may not write (audited as denied).
    #[error("forbidden")]
    Forbidden,
    /// The store failed.
    #[error(transparent)]
    Store(#[from] store::StoreError),
}

fn at(t: Tr, table: Table, line: usize) -> String {
    t.t2(
        "plan-import-at",
        ("sheet", &t.t(table.key())),
        ("row", &line.to_string()),
    )
}

/// Reads the rows of a workbook or a CSV file.
fn rows(t: Tr, bytes: &[u8]) -> Result<Vec<Row>, Vec<String>> {
    let mut problems = Vec::new();
    let sheets: Vec<(Table, Vec<Vec<String>>)> = if bytes.starts_with(b"PK") {
        let book = office::read_xlsx(bytes).map_err(|_| vec![t.t("plan-import-not-a-workbook")])?;
        let known: Vec<(Table, Vec<Vec<String>>)> = book
            .into_iter()
            .filter_map(|(name, rows)| Table::of_sheet(&name).map(|table| (table, rows)))
            .collect();
        if known.is_empty() {
            return Err(vec![t.t("plan-import-no-sheet")]);
        }
        known
    } else {
        let text = std::str::from_utf8(bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes))
            .map_err(|_| vec![t.t("import-p-encoding")])?;
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut rows = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| vec![t.t1("import-p-syntax", "detail", e)])?;
            rows.push(
                record
                    .iter()
                    .map(|c| domain::interchange::read_cell(c.trim()).to_owned())
                    .collect(),
            );
        }
        let header: Vec<String> = rows.first().cloned().unwrap_or_default();
        let table = if header
            .iter()
            .any(|h| h.trim().eq_ignore_ascii_case("responsible"))
        {
            Table::Measures
        } else if header
            .iter()
            .any(|h| h.trim().eq_ignore_ascii_case("direction"))
        {
            Table::Indicators
        } else {
            return Err(vec![t.t("plan-import-unknown-table")]);
        };
        vec![(table, rows)]
    };
    let mut out = Vec::new();
    for (table, rows) in sheets {
        let Some(header_at) = rows
            .iter()
            .position(|r| r.iter().any(|c| !c.trim().is_empty()))
        else {
            continue;
        };
        let header: Vec<Option<&'static str>> = rows[header_at]
            .iter()
            .map(|h| {
                let h = h.trim().to_lowercase();
                table.columns().iter().copied().find(|c| *c == h)
            })
            .collect();
        for (i, h) in rows[header_at].iter().enumerate() {
            if header[i].is_none() && !h.trim().is_empty() {
                problems.push(format!(
                    "{}: {}",
                    at(t, table, header_at + 1),
                    t.t1("import-p-unknown-column", "column", h.trim())
                ));
            }
        }
        for required in &table.columns()[..2] {
            if !header.contains(&Some(*required)) {
                problems.push(format!(
                    "{}: {}",
                    at(t, table, header_at + 1),
                    t.t1("import-p-missing-column", "column", required)
                ));
            }
        }
        for (n, r) in rows.iter().enumerate().skip(header_at + 1) {
            if r.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let cells = r
                .iter()
                .enumerate()
                .filter_map(|(i, c)| {
                    header
                        .get(i)
                        .copied()
                        .flatten()
                        .map(|h| (h, c.trim().to_owned()))
                })
                .collect();
            out.push(Row {
                table,
                line: n + 1,
                cells,
            });
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// The column of a form field's problem.
fn column_of(field: &str) -> &str {
    if field.starts_with("interim") {
        "interim"
    } else {
        field
    }
}

/// Interim targets as a person writes them in one cell: `2027: 12; 2028: 15`.
fn interim(cell: &str) -> Vec<(String, String)> {
    cell.split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|pair| match pair.split_once(':') {
            Some((y, v)) => (y.trim().to_owned(), v.trim().to_owned()),
            None => (pair.to_owned(), String::new()),
        })
        .collect()
}

enum Planned {
    CreateMeasure(Slug, MeasureInput),
    UpdateMeasure(i64, MeasureInput),
    CreateIndicator(Slug, IndicatorInput),
    UpdateIndicator(i64, IndicatorInput),
}

/// Checks the file and, unless `dry_run`, imports it. Nothing is imported when anything is wrong.
pub async fn import(
    store: &Store,
    lang: Lang,
    principal: Option<&Principal>,
    bytes: &[u8],
    dry_run: bool,
) -> Result<PlanImportReport, PlanImportFail> {
    let t = Tr::new(lang);
    let rows = rows(t, bytes).map_err(PlanImportFail::Problems)?;
    if rows.is_empty() {
        return Err(PlanImportFail::Problems(vec![t.t("plan-import-empty")]));
    }
    let areas: BTreeSet<Slug> = store
        .focus_areas()
        .await?
        .into_iter()
        .map(|a| a.slug)
        .collect();
    let actors: BTreeSet<String> = store
        .actor_names(lang)
        .await?
        .into_iter()
        .map(|(s, _)| s.to_string())
        .collect();
    let measures = store.measures(None).await?;
    let indicators = store.indicators(None).await?;
    // The measure codes each area will have: those it has and those the file adds.
    let mut codes: BTreeMap<Slug, BTreeSet<String>> = BTreeMap::new();
    for m in &measures {
        codes
            .entry(m.measure.area.clone())
            .or_default()
            .insert(m.measure.code.clone());
    }
    let mut problems = Vec::new();
    let mut seen: BTreeMap<(Table, String, String), usize> = BTreeMap::new();
    let mut planned = Vec::new();
    let mut report = PlanImportReport::default();
    for row in &rows {
        let where_ = at(t, row.table, row.line);
        let problem = |column: &str, message: String| {
            format!(
                "{}: {}",
                t.t2("plan-import-at-column", ("at", &where_), ("column", column)),
                message
            )
        };
        let (area_text, code) = (row.get("area"), row.get("code"));
        let Some(area) = Slug::parse(&area_text).ok().filter(|a| areas.contains(a)) else {
            problems.push(problem(
                "area",
                t.t1("plan-import-unknown-area", "area", &area_text),
            ));
            continue;
        };
        if plans::may_write_plan(principal, &area).is_err() {
            plans::deny_plan(store, principal, &area).await;
            return Err(PlanImportFail::Forbidden);
        }
        if let Some(first) = seen.insert((row.table, area.to_string(), code.clone()), row.line) {
            problems.push(problem(
                "code",
                t.t2(
                    "plan-import-twice",
                    ("code", &code),
                    ("row", &first.to_string()),
                ),
            ));
            continue;
        }
        if row.table == Table::Measures {
            codes.entry(area.clone()).or_default().insert(code.clone());
        }
    }
    seen.clear();
    for row in &rows {
        let where_ = at(t, row.table, row.line);
        let problem = |column: &str, message: String| {
            format!(
                "{}: {}",
                t.t2("plan-import-at-column", ("at", &where_), ("column", column)),
                message
            )
        };
        let (area_text, code) = (row.get("area"), row.get("code"));
        let Some(area) = Slug::parse(&area_text).ok().filter(|a| areas.contains(a)) else {
            continue;
        };
        if seen
            .insert((row.table, area.to_string(), code.clone()), row.line)
            .is_some()
        {
            continue;
        }
        match row.table {
            Table::Measures => {
                let existing = measures
                    .iter()
                    .find(|m| m.measure.area == area && m.measure.code == code);
                let mut input = existing
                    .map(|m| {
                        let moves = indicators
                            .iter()
                            .filter(|i| {
                                i.indicator.area == area && i.indicator.measures.contains(&code)
                            })
                            .map(|i| i.indicator.code.clone())
                            .collect();
                        MeasureInput::from_measure(&m.measure, moves)
                    })
                    .unwrap_or_default();
                input.code = code.clone();
                for (column, value) in [
                    ("title_sv", &mut input.title.0),
                    ("title_en", &mut input.title.1),
                    ("description_sv", &mut input.description.0),
                    ("description_en", &mut input.description.1),
                    ("responsible", &mut input.responsible),
                    ("start", &mut input.start),
                    ("end", &mut input.end),
                    ("status", &mut input.status),
                    ("budget", &mut input.budget),
                    ("currency", &mut input.currency),
                    ("funding_sv", &mut input.funding.0),
                    ("funding_en", &mut input.funding.1),
                ] {
                    if row.cells.contains_key(column) {
                        *value = row.get(column);
                    }
                }
                if row.cells.contains_key("contributors") {
                    input.contributors = row.list("contributors");
                }
                if input.status.is_empty() {
                    input.status = "planned".into();
                }
                match input.validate(t, &area) {
                    Err(fields) => {
                        problems.extend(fields.into_iter().map(|(f, m)| problem(column_of(&f), m)))
                    }
                    Ok((m, _)) => {
                        for a in std::iter::once(&m.responsible).chain(&m.contributors) {
                            if !actors.contains(a.as_str()) {
                                let column = if *a == m.responsible {
                                    "responsible"
                                } else {
                                    "contributors"
                                };
                                problems.push(problem(
                                    column,
                                    t.t1("import-p-unknown-actor", "slug", a),
                                ));
                            }
                        }
                        let (key, thing) = match existing {
                            Some(e) => {
                                report.measures_updated += 1;
                                planned.push(Planned::UpdateMeasure(e.id, input));
                                ("plan-import-measure-updated", code)
                            }
                            None => {
                                report.measures_created += 1;
                                planned.push(Planned::CreateMeasure(area.clone(), input));
                                ("plan-import-measure-created", code)
                            }
                        };
                        report
                            .lines
                            .push(format!("{where_}: {}", t.t1(key, "code", &thing)));
                    }
                }
            }
            Table::Indicators => {
                let existing = indicators
                    .iter()
                    .find(|i| i.indicator.area == area && i.indicator.code == code);
                let mut input = existing
                    .map(|i| IndicatorInput::from_indicator(&i.indicator))
                    .unwrap_or_default();
                input.code = code.clone();
                for (column, value) in [
                    ("name_sv", &mut input.name.0),
                    ("name_en", &mut input.name.1),
                    ("unit_sv", &mut input.unit.0),
                    ("unit_en", &mut input.unit.1),
                    ("direction", &mut input.direction),
                    ("baseline_year", &mut input.baseline_year),
                    ("baseline_value", &mut input.baseline_value),
                    ("target_year", &mut input.target_year),
                    ("target_value", &mut input.target_value),
                    ("source_sv", &mut input.source.0),
                    ("source_en", &mut input.source.1),
                    ("auto", &mut input.auto),
                ] {
                    if row.cells.contains_key(column) {
                        *value = row.get(column);
                    }
                }
                if row.cells.contains_key("interim") {
                    input.interim = interim(&row.get("interim"));
                }
                if row.cells.contains_key("measures") {
                    input.measures = row.list("measures");
                }
                match input.validate(t, &area) {
                    Err(fields) => {
                        problems.extend(fields.into_iter().map(|(f, m)| problem(column_of(&f), m)))
                    }
                    Ok(i) => {
                        let known = codes.get(&area).cloned().unwrap_or_default();
                        for m in &i.measures {
                            if !known.contains(m) {
                                problems.push(problem(
                                    "measures",
                                    t.t1("plan-import-unknown-measure", "code", m),
                                ));
                            }
                        }
                        let key = match existing {
                            Some(e) => {
                                report.indicators_updated += 1;
                                planned.push(Planned::UpdateIndicator(e.id, input));
                                "plan-import-indicator-updated"
                            }
                            None => {
                                report.indicators_created += 1;
                                planned.push(Planned::CreateIndicator(area.clone(), input));
                                "plan-import-indicator-created"
                            }
                        };
                        report
                            .lines
                            .push(format!("{where_}: {}", t.t1(key, "code", &code)));
                    }
                }
            }
        }
    }
    if !problems.is_empty() {
        return Err(PlanImportFail::Problems(problems));
    }
    if dry_run {
        return Ok(report);
    }
    // Measures first: the indicators name them.
    planned.sort_by_key(|p| match p {
        Planned::CreateMeasure(..) | Planned::UpdateMeasure(..) => 0,
        _ => 1,
    });
    for p in planned {
        let outcome = match p {
            Planned::CreateMeasure(area, input) => {
                plans::create_measure(store, t, principal, &area, &input)
                    .await
                    .map(|_| ())
            }
            Planned::UpdateMeasure(id, input) => {
                plans::update_measure(store, t, principal, id, &input)
                    .await
                    .map(|_| ())
            }
            Planned::CreateIndicator(area, input) => {
                plans::create_indicator(store, t, principal, &area, &input)
                    .await
                    .map(|_| ())
            }
            Planned::UpdateIndicator(id, input) => {
                plans::update_indicator(store, t, principal, id, &input)
                    .await
                    .map(|_| ())
            }
        };
        match outcome {
            Ok(()) => {}
            Err(PlanFail::Forbidden) => return Err(PlanImportFail::Forbidden),
            Err(PlanFail::Store(e)) => return Err(PlanImportFail::Store(e)),
            Err(PlanFail::NotFound) => {
                return Err(PlanImportFail::Problems(vec![t.t("plan-import-changed")]));
            }
            Err(PlanFail::Fields(f)) => {
                return Err(PlanImportFail::Problems(
                    f.into_iter()
                        .map(|(field, m)| format!("{}: {m}", column_of(&field)))
                        .collect(),
                ));
            }
        }
    }
    Ok(report)
}

/// The plans as a workbook in the import layout: what to edit and import again, or a template to start from.
pub async fn export(store: &Store, lang: Lang) -> Result<Vec<u8>, crate::AppError> {
    let t = Tr::new(lang);
    let measures = store.measures(None).await?;
    let indicators = store.indicators(None).await?;
    let text = |s: &str| Cell::Text(s.to_owned());
    let measure_rows = measures
        .iter()
        .map(|m| {
            let i = MeasureInput::from_measure(&m.measure, Vec::new());
            let mut row = vec![text(m.measure.area.as_str()), text(&i.code)];
            row.extend(
                [
                    &i.title.0,
                    &i.title.1,
                    &i.description.0,
                    &i.description.1,
                    &i.responsible,
                ]
                .into_iter()
                .map(|s| text(s)),
            );
            row.push(text(&i.contributors.join("; ")));
            row.extend([&i.start, &i.end, &i.status].into_iter().map(|s| text(s)));
            row.push(
                m.measure
                    .budget
                    .map_or(Cell::Empty, |b| Cell::Number(b.amount)),
            );
            row.extend(
                [&i.currency, &i.funding.0, &i.funding.1]
                    .into_iter()
                    .map(|s| text(s)),
            );
            row
        })
        .collect();
    let indicator_rows = indicators
        .iter()
        .map(|r| {
            let i = &r.indicator;
            vec![
                text(i.area.as_str()),
                text(&i.code),
                text(&i.name.sv),
                text(&i.name.en),
                text(&i.unit.sv),
                text(&i.unit.en),
                text(i.direction.as_str()),
                Cell::Number(f64::from(i.baseline.year)),
                Cell::Number(i.baseline.value),
                Cell::Number(f64::from(i.target.year)),
                Cell::Number(i.target.value),
                text(
                    &i.interim
                        .iter()
                        .map(|v| format!("{}: {}", v.year, i18n::decimal(v.value, 6, Lang::En)))
                        .collect::<Vec<_>>()
                        .join("; "),
                ),
                text(&i.source.sv),
                text(&i.source.en),
                text(i.auto.map(|a| a.as_str()).unwrap_or_default()),
                text(&i.measures.join("; ")),
            ]
        })
        .collect();
    Workbook {
        title: t.t("plan-export-title"),
        creator: "Samverkan".into(),
        sheets: vec![
            Sheet {
                name: "measures".into(),
                header: MEASURE_COLUMNS.iter().map(|c| (*c).to_owned()).collect(),
                rows: measure_rows,
            },
            Sheet {
                name: "indicators".into(),
                header: INDICATOR_COLUMNS.iter().map(|c| (*c).to_owned()).collect(),
                rows: indicator_rows,
            },
        ],
    }
    .to_xlsx()
    .map_err(|e| crate::AppError::Task(format!("writing the workbook: {e}")))
}
