//! A Word document (WordprocessingML in an Open Packaging Conventions ZIP): title, headings, paragraphs, bullet and
//! numbered lists, quotes and tables, in a language, with runs in another language marked as such.

use crate::OfficeError;
use std::fmt::Write as _;
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;

/// A piece of text in a paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    /// The text; a line break where it has `\n`.
    pub text: String,
    /// Its language (BCP 47, `sv-SE`) when it is not the document's.
    pub lang: Option<String>,
    /// Strong.
    pub bold: bool,
    /// Emphasised (italic).
    pub italic: bool,
}

impl Span {
    /// Plain text in the document's language.
    pub fn plain(text: impl Into<String>) -> Span {
        Span {
            text: text.into(),
            lang: None,
            bold: false,
            italic: false,
        }
    }

    /// Strong text in the document's language.
    pub fn bold(text: impl Into<String>) -> Span {
        Span {
            bold: true,
            ..Span::plain(text)
        }
    }

    /// Emphasised text in the document's language.
    pub fn italic(text: impl Into<String>) -> Span {
        Span {
            italic: true,
            ..Span::plain(text)
        }
    }

    /// Text in `lang` (BCP 47) — `None` for the document's language.
    pub fn in_lang(text: impl Into<String>, lang: Option<&str>) -> Span {
        Span {
            lang: lang.map(str::to_owned),
            ..Span::plain(text)
        }
    }
}

/// A block of the document, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A heading of level 1–3.
    Heading(u8, Vec<Span>),
    /// A paragraph.
    Paragraph(Vec<Span>),
    /// A bulleted list, one paragraph per item.
    List(Vec<Vec<Span>>),
    /// A bulleted or numbered list whose items may hold a list of their own (a list as written in Markdown).
    NestedList(List),
    /// A quotation or a note set apart from the text: an indented paragraph in the Quote style.
    Quote(Vec<Span>),
    /// A table: its caption (a short description for assistive technology), the header row and the rows.
    Table {
        /// What the table shows.
        caption: String,
        /// Column headings.
        header: Vec<String>,
        /// Rows of cells.
        rows: Vec<Vec<Vec<Span>>>,
    },
}

/// A bulleted or numbered list; Word shows the items of a list inside another one level in (deeper lists too).
#[derive(Debug, Clone, PartialEq)]
pub struct List {
    /// The first item's number for a numbered list, `None` for a bulleted one.
    pub start: Option<u64>,
    /// The items, one paragraph each.
    pub items: Vec<ListItem>,
}

/// An item of a [`List`].
#[derive(Debug, Clone, PartialEq)]
pub struct ListItem {
    /// Its text; a line break where it has `\n`.
    pub spans: Vec<Span>,
    /// A list inside it, shown after its text.
    pub list: Option<List>,
}

/// A document.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The title (shown first, and the document's title property).
    pub title: String,
    /// Who publishes it (left out of the properties when empty).
    pub creator: String,
    /// The document's language (BCP 47, `sv-SE`, `en-GB`).
    pub lang: String,
    /// When it was made (`2026-12-06T10:00:00Z`; left out of the properties when empty).
    pub created: String,
    /// The blocks after the title.
    pub blocks: Vec<Block>,
}

impl Document {
    /// The `.docx` file.
    pub fn to_docx(&self) -> Result<Vec<u8>, OfficeError> {
        self.package(true)
    }

    /// The `.docx` file; `title_paragraph` false leaves the title to the properties (the text has its own).
    pub(crate) fn package(&self, title_paragraph: bool) -> Result<Vec<u8>, OfficeError> {
        let (body, numbered) = self.body(title_paragraph);
        let quotes = self.blocks.iter().any(|b| matches!(b, Block::Quote(_)));
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .last_modified_time(zip::DateTime::default());
        let parts: [(&str, String); 8] = [
            ("[Content_Types].xml", CONTENT_TYPES.to_owned()),
            ("_rels/.rels", ROOT_RELS.to_owned()),
            ("docProps/core.xml", self.core()),
            ("docProps/app.xml", APP.to_owned()),
            ("word/_rels/document.xml.rels", DOCUMENT_RELS.to_owned()),
            ("word/styles.xml", styles(&self.lang, quotes)),
            ("word/numbering.xml", numbering(&self.blocks, &numbered)),
            ("word/document.xml", body),
        ];
        for (name, xml) in parts {
            zip.start_file(name, options)?;
            zip.write_all(xml.as_bytes())?;
        }
        Ok(zip.finish()?.into_inner())
    }

    fn core(&self) -> String {
        format!(
            "{XML_DECL}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
             xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
             xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
             <dc:title>{}</dc:title>{}<dc:language>{}</dc:language>{}</cp:coreProperties>",
            escape(&self.title),
            if self.creator.is_empty() {
                String::new()
            } else {
                format!("<dc:creator>{}</dc:creator>", escape(&self.creator))
            },
            escape(&self.lang),
            if self.created.is_empty() {
                String::new()
            } else {
                format!(
                    "<dcterms:created xsi:type=\"dcterms:W3CDTF\">{}</dcterms:created>",
                    escape(&self.created)
                )
            },
        )
    }

    /// The document part, and the level and first number of each numbered list in it, in order (the numbering
    /// part restarts each of them).
    fn body(&self, title_paragraph: bool) -> (String, Vec<(u32, u64)>) {
        let mut numbered = Vec::new();
        let mut out = String::with_capacity(16 * 1024);
        out.push_str(XML_DECL);
        out.push_str(
            "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
             xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><w:body>",
        );
        if title_paragraph {
            paragraph(
                &mut out,
                Some("Title"),
                &[Span::plain(self.title.clone())],
                None,
            );
        }
        for block in &self.blocks {
            match block {
                Block::Heading(level, spans) => {
                    let style = format!("Heading{}", (*level).clamp(1, 3));
                    paragraph(&mut out, Some(&style), spans, None);
                }
                Block::Paragraph(spans) => paragraph(&mut out, None, spans, None),
                Block::List(items) => {
                    for item in items {
                        paragraph(&mut out, Some("ListParagraph"), item, Some((1, 0)));
                    }
                }
                Block::NestedList(list) => nested_list(&mut out, list, 0, &mut numbered),
                Block::Quote(spans) => paragraph(&mut out, Some("Quote"), spans, None),
                Block::Table {
                    caption,
                    header,
                    rows,
                } => table(&mut out, caption, header, rows),
            }
        }
        out.push_str(
            "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1418\" w:right=\"1418\" \
             w:bottom=\"1418\" w:left=\"1418\" w:header=\"709\" w:footer=\"709\" w:gutter=\"0\"/></w:sectPr>\
             </w:body></w:document>",
        );
        (out, numbered)
    }
}

/// The numbering of the bullets of lists written in Markdown. Each numbered list has a numbering of its own after
/// it, so that it counts from its own first number.
const MARKDOWN_BULLETS: u32 = 2;

fn nested_list(out: &mut String, list: &List, depth: u32, numbered: &mut Vec<(u32, u64)>) {
    // Word shows two levels; a list deeper in is shown at the second.
    let level = depth.min(1);
    let num = match list.start {
        Some(start) => {
            numbered.push((level, start));
            MARKDOWN_BULLETS.saturating_add(u32::try_from(numbered.len()).unwrap_or(u32::MAX))
        }
        None => MARKDOWN_BULLETS,
    };
    for item in &list.items {
        paragraph(out, Some("ListParagraph"), &item.spans, Some((num, level)));
        if let Some(inner) = &item.list {
            nested_list(out, inner, depth + 1, numbered);
        }
    }
}

/// `list`: the numbering and its level.
fn paragraph(out: &mut String, style: Option<&str>, spans: &[Span], list: Option<(u32, u32)>) {
    out.push_str("<w:p>");
    if style.is_some() || list.is_some() {
        out.push_str("<w:pPr>");
        if let Some(s) = style {
            let _ = write!(out, "<w:pStyle w:val=\"{s}\"/>");
        }
        if let Some((n, level)) = list {
            let _ = write!(
                out,
                "<w:numPr><w:ilvl w:val=\"{level}\"/><w:numId w:val=\"{n}\"/></w:numPr>"
            );
        }
        out.push_str("</w:pPr>");
    }
    for span in spans {
        run(out, span);
    }
    out.push_str("</w:p>");
}

fn run(out: &mut String, span: &Span) {
    out.push_str("<w:r>");
    if span.bold || span.italic || span.lang.is_some() {
        out.push_str("<w:rPr>");
        if span.bold {
            out.push_str("<w:b/>");
        }
        if span.italic {
            out.push_str("<w:i/>");
        }
        if let Some(lang) = &span.lang {
            let _ = write!(out, "<w:lang w:val=\"{}\"/>", escape(lang));
        }
        out.push_str("</w:rPr>");
    }
    for (i, line) in span.text.split('\n').enumerate() {
        if i > 0 {
            out.push_str("<w:br/>");
        }
        let _ = write!(out, "<w:t xml:space=\"preserve\">{}</w:t>", escape(line));
    }
    out.push_str("</w:r>");
}

fn table(out: &mut String, caption: &str, header: &[String], rows: &[Vec<Vec<Span>>]) {
    let columns = header
        .len()
        .max(rows.iter().map(Vec::len).max().unwrap_or(0))
        .max(1);
    // The text width of an A4 page with 2.5 cm margins, in twentieths of a point, shared evenly.
    let width = 9070 / columns;
    let _ = write!(
        out,
        "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"5000\" w:type=\"pct\"/>\
         <w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" \
         w:noHBand=\"0\" w:noVBand=\"1\"/><w:tblCaption w:val=\"{}\"/></w:tblPr><w:tblGrid>",
        escape(caption)
    );
    for _ in 0..columns {
        let _ = write!(out, "<w:gridCol w:w=\"{width}\"/>");
    }
    out.push_str("</w:tblGrid>");
    out.push_str("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
    for c in 0..columns {
        let text = header.get(c).cloned().unwrap_or_default();
        cell(out, &[Span::bold(text)]);
    }
    out.push_str("</w:tr>");
    for row in rows {
        out.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        for c in 0..columns {
            cell(out, row.get(c).map(Vec::as_slice).unwrap_or(&[]));
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
    // Word needs a paragraph between two tables; it also keeps the next heading off the table.
    out.push_str("<w:p/>");
}

fn cell(out: &mut String, spans: &[Span]) {
    out.push_str("<w:tc><w:tcPr><w:tcW w:w=\"0\" w:type=\"auto\"/></w:tcPr>");
    paragraph(out, Some("TableText"), spans, None);
    out.push_str("</w:tc>");
}

/// Text for XML: the five special characters escaped, and the characters XML 1.0 does not allow (control
/// characters other than tab and line feed, unpaired surrogates cannot occur in a `str`, U+FFFE and U+FFFF)
/// left out, so that no text anyone wrote can make the document unreadable.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' => out.push(c),
            '\r' => {}
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

const XML_DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>\
<Override PartName=\"/word/numbering.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml\"/>\
<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>\
</Types>";

const ROOT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>\
</Relationships>";

const DOCUMENT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering\" Target=\"numbering.xml\"/>\
</Relationships>";

const APP: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">\
<Application>Samverkan</Application></Properties>";

/// The numbering part up to the numberings: the bullets of `Block::List`.
const NUMBERING_ABSTRACT: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<w:numbering xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:abstractNum w:abstractNumId=\"0\"><w:multiLevelType w:val=\"singleLevel\"/>\
<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"\u{2022}\"/>\
<w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"720\" w:hanging=\"360\"/></w:pPr></w:lvl></w:abstractNum>";

/// Two levels of bullets (1) and of numbers (2) for lists written in Markdown.
const NUMBERING_NESTED_ABSTRACT: &str = "\
<w:abstractNum w:abstractNumId=\"1\"><w:multiLevelType w:val=\"hybridMultilevel\"/>\
<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"\u{2022}\"/>\
<w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"720\" w:hanging=\"360\"/></w:pPr></w:lvl>\
<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"\u{2013}\"/>\
<w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"1440\" w:hanging=\"360\"/></w:pPr></w:lvl></w:abstractNum>\
<w:abstractNum w:abstractNumId=\"2\"><w:multiLevelType w:val=\"hybridMultilevel\"/>\
<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.\"/>\
<w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"720\" w:hanging=\"360\"/></w:pPr></w:lvl>\
<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%2.\"/>\
<w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"1440\" w:hanging=\"360\"/></w:pPr></w:lvl></w:abstractNum>";

/// The numbering part. A document without Markdown lists gets the bullets of `Block::List` only; one with them
/// also gets their bullets and a numbering per numbered list (`numbered`: its level and first number, in the
/// order `Document::body` gave them their ids).
fn numbering(blocks: &[Block], numbered: &[(u32, u64)]) -> String {
    let mut out = String::from(NUMBERING_ABSTRACT);
    let nested = blocks.iter().any(|b| matches!(b, Block::NestedList(_)));
    if nested {
        out.push_str(NUMBERING_NESTED_ABSTRACT);
    }
    out.push_str("<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>");
    if nested {
        let _ = write!(
            out,
            "<w:num w:numId=\"{MARKDOWN_BULLETS}\"><w:abstractNumId w:val=\"1\"/></w:num>"
        );
        for (i, (level, start)) in (1..).zip(numbered) {
            let _ = write!(
                out,
                "<w:num w:numId=\"{}\"><w:abstractNumId w:val=\"2\"/><w:lvlOverride w:ilvl=\"{level}\">\
                 <w:startOverride w:val=\"{}\"/></w:lvlOverride></w:num>",
                MARKDOWN_BULLETS.saturating_add(i),
                (*start).min(i32::MAX as u64),
            );
        }
    }
    out.push_str("</w:numbering>");
    out
}

/// The Quote style, in the styles part of a document that has quotes.
const QUOTE_STYLE: &str = "<w:style w:type=\"paragraph\" w:styleId=\"Quote\"><w:name w:val=\"Quote\"/>\
<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:uiPriority w:val=\"29\"/><w:qFormat/><w:pPr>\
<w:pBdr><w:left w:val=\"single\" w:sz=\"12\" w:space=\"8\" w:color=\"A6A6A6\"/></w:pBdr>\
<w:spacing w:before=\"120\" w:after=\"120\"/><w:ind w:left=\"567\" w:right=\"567\"/></w:pPr>\
<w:rPr><w:color w:val=\"404040\"/></w:rPr></w:style>";

fn styles(lang: &str, quotes: bool) -> String {
    let heading = |id: u8, size: u32, before: u32| {
        format!(
            "<w:style w:type=\"paragraph\" w:styleId=\"Heading{id}\"><w:name w:val=\"heading {id}\"/>\
             <w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:uiPriority w:val=\"9\"/><w:qFormat/>\
             <w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before=\"{before}\" w:after=\"120\"/>\
             <w:outlineLvl w:val=\"{}\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"{size}\"/><w:szCs w:val=\"{size}\"/></w:rPr></w:style>",
            id - 1
        )
    };
    format!(
        "{XML_DECL}<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
         <w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\" w:eastAsia=\"Arial\" w:cs=\"Arial\"/>\
         <w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/><w:lang w:val=\"{lang}\" w:eastAsia=\"{lang}\" w:bidi=\"{lang}\"/></w:rPr></w:rPrDefault>\
         <w:pPrDefault><w:pPr><w:spacing w:after=\"160\" w:line=\"276\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>\
         <w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/><w:basedOn w:val=\"Normal\"/>\
         <w:next w:val=\"Normal\"/><w:uiPriority w:val=\"10\"/><w:qFormat/><w:pPr><w:spacing w:after=\"240\"/></w:pPr>\
         <w:rPr><w:b/><w:sz w:val=\"44\"/><w:szCs w:val=\"44\"/></w:rPr></w:style>\
         {}{}{}\
         <w:style w:type=\"paragraph\" w:styleId=\"ListParagraph\"><w:name w:val=\"List Paragraph\"/>\
         <w:basedOn w:val=\"Normal\"/><w:uiPriority w:val=\"34\"/><w:qFormat/><w:pPr><w:spacing w:after=\"60\"/>\
         <w:ind w:left=\"720\"/></w:pPr></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"TableText\"><w:name w:val=\"Table Text\"/><w:basedOn w:val=\"Normal\"/>\
         <w:qFormat/><w:pPr><w:spacing w:before=\"40\" w:after=\"40\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr>\
         <w:rPr><w:sz w:val=\"20\"/><w:szCs w:val=\"20\"/></w:rPr></w:style>\
         <w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>\
         <w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/>\
         <w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/>\
         </w:tblCellMar></w:tblPr></w:style>\
         <w:style w:type=\"table\" w:styleId=\"TableGrid\"><w:name w:val=\"Table Grid\"/><w:basedOn w:val=\"TableNormal\"/>\
         <w:tblPr><w:tblBorders><w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"595959\"/>\
         <w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"595959\"/><w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"595959\"/>\
         <w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"595959\"/><w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"595959\"/>\
         <w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"595959\"/></w:tblBorders></w:tblPr></w:style>\
         {}</w:styles>",
        heading(1, 32, 360),
        heading(2, 28, 280),
        heading(3, 24, 200),
        if quotes { QUOTE_STYLE } else { "" },
    )
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::io::Read;

    /// The parts of a `.docx` file: name and text.
    pub(crate) fn parts(docx: &[u8]) -> Vec<(String, String)> {
        let mut zip = zip::ZipArchive::new(Cursor::new(docx)).expect("a zip");
        (0..zip.len())
            .map(|i| {
                let mut f = zip.by_index(i).expect("entry");
                let mut s = String::new();
                f.read_to_string(&mut s).expect("utf-8");
                (f.name().expect("name").to_string(), s)
            })
            .collect()
    }

    /// Whether `xml` is well-formed.
    pub(crate) fn well_formed(xml: &str) -> Result<(), String> {
        let mut reader = quick_xml::Reader::from_str(xml);
        let mut depth = 0i32;
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Start(_)) => depth += 1,
                Ok(quick_xml::events::Event::End(_)) => depth -= 1,
                Ok(quick_xml::events::Event::Text(t)) => {
                    t.decode().map_err(|e| e.to_string())?;
                }
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => return Err(e.to_string()),
            }
        }
        if depth == 0 {
            Ok(())
        } else {
            Err(format!("depth {depth}"))
        }
    }

    fn sample(text: &str) -> Document {
        Document {
            title: format!("Uppföljning {text}"),
            creator: "Programkontoret".into(),
            lang: "sv-SE".into(),
            created: "2026-12-06T00:00:00Z".into(),
            blocks: vec![
                Block::Heading(1, vec![Span::plain(text)]),
                Block::Paragraph(vec![Span::plain(text), Span::in_lang(text, Some("en-GB"))]),
                Block::List(vec![vec![Span::plain(text)]]),
                Block::Table {
                    caption: text.into(),
                    header: vec!["Kod".into(), text.into()],
                    rows: vec![vec![vec![Span::plain("1.1")], vec![Span::plain(text)]]],
                },
            ],
        }
    }

    #[test]
    fn a_document_has_its_title_language_headings_and_table_header() {
        let docx = sample("Hälsodata & <vård>").to_docx().expect("docx");
        let parts = parts(&docx);
        let part = |name: &str| {
            parts
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, s)| s.clone())
                .unwrap_or_else(|| panic!("{name}"))
        };
        for (name, xml) in &parts {
            well_formed(xml).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
        assert!(
            part("docProps/core.xml")
                .contains("<dc:title>Uppföljning Hälsodata &amp; &lt;vård&gt;</dc:title>")
        );
        assert!(part("docProps/core.xml").contains("<dc:language>sv-SE</dc:language>"));
        assert!(part("word/styles.xml").contains("<w:lang w:val=\"sv-SE\""));
        let body = part("word/document.xml");
        assert!(body.contains("<w:pStyle w:val=\"Heading1\"/>"));
        assert!(
            body.contains("<w:lang w:val=\"en-GB\"/>"),
            "a run in English says so"
        );
        assert!(
            body.contains("<w:tblHeader/>"),
            "the header row repeats and is a header"
        );
        assert!(body.contains("<w:numId w:val=\"1\"/>"), "a list is a list");
    }

    proptest! {
        /// Whatever anyone wrote, the document stays well-formed XML and keeps the text it can hold.
        #[test]
        fn any_text_makes_a_readable_document(text in "\\PC{0,40}|[\\x00-\\x1f<>&\"'\\u{fffe}\\u{ffff}a-z]{0,40}") {
            let docx = sample(&text).to_docx().expect("docx");
            for (name, xml) in parts(&docx) {
                prop_assert!(well_formed(&xml).is_ok(), "{name}: {:?}", well_formed(&xml));
            }
        }
    }
}
