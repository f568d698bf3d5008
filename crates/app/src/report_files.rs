//! The yearly report as files people edit and reuse: a Word document the office finishes before print, and its
//! tables — measures, indicators and their values — as an Excel workbook or as CSV files.

use crate::AppError;
use crate::report::ReportModel;
use domain::interchange::csv_line;
use office::{Block, Cell, Document, Sheet, Span, Workbook};

/// A table of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    /// Area, code, title, responsible, status (and where its report stands, internal version).
    Measures,
    /// Area, code, name, unit, status, baseline, target, counted by the platform.
    Indicators,
    /// Area, indicator code, year, value.
    Values,
}

impl Table {
    /// Every table, in the workbook's order.
    pub const ALL: [Table; 3] = [Table::Measures, Table::Indicators, Table::Values];

    /// The name in a file name or a path (`measures`).
    pub fn as_str(self) -> &'static str {
        match self {
            Table::Measures => "measures",
            Table::Indicators => "indicators",
            Table::Values => "values",
        }
    }
}

fn bcp47(lang: &str) -> &'static str {
    if lang == "en" { "en-GB" } else { "sv-SE" }
}

fn label(m: &ReportModel, key: &str) -> String {
    m.labels.get(key).cloned().unwrap_or_default()
}

/// The table's header and rows, as text and numbers.
fn table(m: &ReportModel, which: Table) -> (Vec<String>, Vec<Vec<Cell>>) {
    let t = i18n::Tr::new(if m.lang == "en" {
        domain::Lang::En
    } else {
        domain::Lang::Sv
    });
    match which {
        Table::Measures => {
            let mut header = vec![
                t.t("report-table-area"),
                label(m, "code"),
                label(m, "measure"),
                label(m, "responsible"),
                label(m, "status"),
            ];
            if m.internal {
                header.push(label(m, "report_state"));
            }
            let rows = m
                .areas
                .iter()
                .flat_map(|a| {
                    a.measures.iter().map(|x| {
                        let mut row: Vec<Cell> = vec![
                            a.name.clone().into(),
                            x.code.clone().into(),
                            x.title.clone().into(),
                            x.responsible.clone().into(),
                            x.status.clone().into(),
                        ];
                        if m.internal {
                            row.push(x.report_state.clone().into());
                        }
                        row
                    })
                })
                .collect();
            (header, rows)
        }
        Table::Indicators => {
            let header = vec![
                t.t("report-table-area"),
                label(m, "code"),
                t.t("report-table-indicator"),
                t.t("report-table-unit"),
                label(m, "status"),
                t.t("report-table-baseline-year"),
                label(m, "baseline"),
                t.t("report-table-target-year"),
                label(m, "target"),
                label(m, "automatic"),
            ];
            let rows = m
                .areas
                .iter()
                .flat_map(|a| {
                    a.indicators.iter().map(|i| {
                        vec![
                            a.name.clone().into(),
                            i.code.clone().into(),
                            i.name.clone().into(),
                            i.unit.clone().into(),
                            i.status.clone().into(),
                            Cell::Number(f64::from(i.baseline.year)),
                            Cell::from(i.baseline.value),
                            Cell::Number(f64::from(i.target.year)),
                            Cell::from(i.target.value),
                            if i.automatic {
                                t.t("report-table-yes")
                            } else {
                                String::new()
                            }
                            .into(),
                        ]
                    })
                })
                .collect();
            (header, rows)
        }
        Table::Values => {
            let header = vec![
                t.t("report-table-area"),
                label(m, "code"),
                label(m, "year"),
                t.t("report-table-value"),
            ];
            let rows = m
                .areas
                .iter()
                .flat_map(|a| {
                    a.indicators.iter().flat_map(move |i| {
                        i.values.iter().map(move |v| {
                            vec![
                                a.name.clone().into(),
                                i.code.clone().into(),
                                Cell::Number(f64::from(v.year)),
                                Cell::from(v.value),
                            ]
                        })
                    })
                })
                .collect();
            (header, rows)
        }
    }
}

/// The table as CSV (RFC 4180, UTF-8, every text cell neutralised against spreadsheet formulas; numbers with a
/// decimal point, as a program reads them).
pub fn csv(m: &ReportModel, which: Table) -> String {
    let (header, rows) = table(m, which);
    let mut out = csv_line(&header);
    for row in rows {
        let cells: Vec<String> = row
            .into_iter()
            .map(|c| match c {
                Cell::Text(s) => s,
                Cell::Number(v) => i18n::decimal(v, 6, domain::Lang::En),
                Cell::Empty => String::new(),
            })
            .collect();
        out.push_str(&csv_line(&cells));
    }
    out
}

/// The tables as an Excel workbook, one sheet each.
pub fn xlsx(m: &ReportModel) -> Result<Vec<u8>, AppError> {
    let t = i18n::Tr::new(if m.lang == "en" {
        domain::Lang::En
    } else {
        domain::Lang::Sv
    });
    let sheets = Table::ALL
        .iter()
        .map(|which| {
            let (header, rows) = table(m, *which);
            Sheet {
                name: t.t(&format!("report-sheet-{}", which.as_str())),
                header,
                rows,
            }
        })
        .collect();
    Workbook {
        title: format!("{} — {}", m.title, m.version),
        creator: m.publisher.clone(),
        sheets,
    }
    .to_xlsx()
    .map_err(|e| AppError::Task(format!("writing the workbook: {e}")))
}

fn paragraphs(text: &str, lang: Option<&str>) -> Vec<Block> {
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| Block::Paragraph(vec![Span::in_lang(p, lang)]))
        .collect()
}

/// The report as a Word document: the same parts in the same order as the page and the PDF, headings as Word
/// headings, tables with header rows, text in the other language marked with its language.
pub fn docx(m: &ReportModel, created: &str) -> Result<Vec<u8>, AppError> {
    let mut b = vec![Block::Paragraph(vec![Span::plain(format!(
        "{} · {} · {}",
        m.strategy_title, m.publisher, m.version
    ))])];
    if let Some(e) = &m.example_year {
        b.push(Block::Paragraph(vec![
            Span::bold(format!("{} ", label(m, "example_data"))),
            Span::plain(e.clone()),
        ]));
    }
    for note in [&m.preliminary, &m.internal_note].into_iter().flatten() {
        b.push(Block::Paragraph(vec![Span::bold(note.clone())]));
    }
    if let Some(f) = &m.foreword {
        b.push(Block::Heading(1, vec![Span::plain(label(m, "foreword"))]));
        b.extend(paragraphs(f, None));
    }
    b.push(Block::Heading(1, vec![Span::plain(label(m, "summary"))]));
    b.push(Block::Paragraph(vec![Span::plain(m.summary_text.clone())]));
    for (caption, counts) in [
        (label(m, "measures_by_status"), &m.measure_counts),
        (label(m, "indicators_by_status"), &m.indicator_counts),
    ] {
        b.push(Block::Table {
            caption: caption.clone(),
            header: vec![caption, label(m, "count")],
            rows: counts
                .iter()
                .map(|c| {
                    vec![
                        vec![Span::plain(c.label.clone())],
                        vec![Span::plain(c.count.to_string())],
                    ]
                })
                .collect(),
        });
    }
    if m.has_examples {
        b.push(Block::Paragraph(vec![Span::plain(label(
            m,
            "example_note",
        ))]));
    }
    for a in &m.areas {
        b.push(Block::Heading(1, vec![Span::plain(a.name.clone())]));
        b.push(Block::Paragraph(vec![Span::plain(a.status_text.clone())]));
        if !a.assessment.is_empty() {
            b.push(Block::Heading(2, vec![Span::plain(label(m, "assessment"))]));
            for (heading, text) in &a.assessment {
                b.push(Block::Heading(3, vec![Span::plain(heading.clone())]));
                b.extend(paragraphs(text, None));
            }
        }
        if !a.measures.is_empty() {
            b.push(Block::Heading(2, vec![Span::plain(label(m, "measures"))]));
            let mut header = vec![
                label(m, "code"),
                label(m, "measure"),
                label(m, "responsible"),
                label(m, "status"),
            ];
            if m.internal {
                header.push(label(m, "report_state"));
            }
            b.push(Block::Table {
                caption: format!("{}: {}", a.name, label(m, "measures")),
                header,
                rows: a
                    .measures
                    .iter()
                    .map(|x| {
                        let mut row = vec![
                            vec![Span::plain(x.code.clone())],
                            vec![Span::plain(x.title.clone())],
                            vec![Span::plain(x.responsible.clone())],
                            vec![Span::plain(x.status.clone())],
                        ];
                        if m.internal {
                            row.push(vec![Span::plain(x.report_state.clone())]);
                        }
                        row
                    })
                    .collect(),
            });
        }
        if !a.narratives.is_empty() {
            b.push(Block::Heading(2, vec![Span::plain(label(m, "narratives"))]));
            for n in &a.narratives {
                b.push(Block::Heading(
                    3,
                    vec![Span::plain(format!("{} {}", n.code, n.title))],
                ));
                if let Some(p) = &n.pending {
                    b.push(Block::Paragraph(vec![Span::bold(p.clone())]));
                }
                let lang = (n.text_lang != m.lang).then(|| bcp47(n.text_lang));
                if let Some(note) = &n.language_note {
                    b.push(Block::Paragraph(vec![Span::plain(note.clone())]));
                }
                b.extend(paragraphs(&n.text, lang));
                if !n.evidence.is_empty() {
                    b.push(Block::Paragraph(vec![Span::bold(label(m, "evidence"))]));
                    b.push(Block::List(
                        n.evidence
                            .iter()
                            .map(|e| vec![Span::plain(e.clone())])
                            .collect(),
                    ));
                }
                if let Some(c) = &n.comment {
                    b.push(Block::Paragraph(vec![
                        Span::bold(format!("{}: ", label(m, "review_comment"))),
                        Span::plain(c.clone()),
                    ]));
                }
                if !n.pending_values.is_empty() {
                    b.push(Block::List(
                        n.pending_values
                            .iter()
                            .map(|v| vec![Span::plain(v.clone())])
                            .collect(),
                    ));
                }
            }
        }
        if !a.indicators.is_empty() {
            b.push(Block::Heading(2, vec![Span::plain(label(m, "indicators"))]));
            for i in &a.indicators {
                let mut heading = format!("{} {} — {}", i.code, i.name, i.status);
                if i.automatic {
                    heading.push_str(&format!(" ({})", label(m, "automatic")));
                }
                b.push(Block::Heading(3, vec![Span::plain(heading)]));
                b.push(Block::Paragraph(vec![Span::plain(format!(
                    "{} {} · {} {}",
                    label(m, "baseline"),
                    i.baseline_text,
                    label(m, "target"),
                    i.target_text
                ))]));
                if !i.values.is_empty() {
                    b.push(Block::Table {
                        caption: format!("{} {}", i.code, i.name),
                        header: vec![label(m, "year"), i.unit.clone()],
                        rows: i
                            .values
                            .iter()
                            .map(|v| {
                                vec![
                                    vec![Span::plain(v.year.to_string())],
                                    vec![Span::plain(v.text.clone())],
                                ]
                            })
                            .collect(),
                    });
                }
            }
        }
    }
    b.push(Block::Heading(1, vec![Span::plain(label(m, "changes"))]));
    if m.changes.is_empty() {
        b.push(Block::Paragraph(vec![Span::plain(label(m, "no_changes"))]));
    } else {
        b.push(Block::List(
            m.changes
                .iter()
                .map(|c| vec![Span::plain(c.clone())])
                .collect(),
        ));
    }
    b.push(Block::Heading(1, vec![Span::plain(label(m, "revisions"))]));
    if m.revisions.is_empty() {
        b.push(Block::Paragraph(vec![Span::plain(label(
            m,
            "no_revisions",
        ))]));
    } else {
        b.push(Block::Table {
            caption: label(m, "revisions"),
            header: ["date", "what", "before", "after", "reason"]
                .iter()
                .map(|k| label(m, k))
                .collect(),
            rows: m
                .revisions
                .iter()
                .map(|r| {
                    [&r.date, &r.what, &r.before, &r.after, &r.reason]
                        .iter()
                        .map(|s| vec![Span::plain((*s).clone())])
                        .collect()
                })
                .collect(),
        });
    }
    Document {
        title: m.title.clone(),
        creator: m.publisher.clone(),
        lang: bcp47(m.lang).to_owned(),
        created: created.to_owned(),
        blocks: b,
    }
    .to_docx()
    .map_err(|e| AppError::Task(format!("writing the document: {e}")))
}
