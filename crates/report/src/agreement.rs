//! An agreement template written in Markdown as a PDF. The Markdown is read here into blocks of text — headings,
//! paragraphs, bulleted and numbered lists, quotes and tables, their text in bold or italic spans — and
//! `agreement.typ` lays out those blocks from JSON, so every character of the text (`#`, `$`, `[`, `*`, `<`, raw
//! HTML) is shown as written and none of it is read as typst markup.

use crate::{PdfError, typeset};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;

/// The agreement template's layout; it reads `data.json` (see `Data`).
const AGREEMENT_TEMPLATE: &str = include_str!("agreement.typ");

/// `markdown` as an A4 PDF whose title and language (BCP 47, `sv-SE`, `en-GB`) are `title` and `lang`. When the
/// text opens with a level-1 heading, that heading is the title people see; otherwise `title` is shown first.
pub fn pdf_from_markdown(title: &str, lang: &str, markdown: &str) -> Result<Vec<u8>, PdfError> {
    typeset(
        AGREEMENT_TEMPLATE,
        &[("data.json", data(title, lang, markdown)?)],
    )
}

/// The data `agreement.typ` reads.
#[derive(Debug, Serialize)]
struct Data<'a> {
    title: &'a str,
    /// ISO 639 (`sv`).
    lang: String,
    /// ISO 3166 (`SE`), if `lang` named one.
    region: Option<String>,
    /// Whether to show `title` before the text (it has no level-1 heading of its own first).
    show_title: bool,
    blocks: Vec<Block>,
}

/// A block of the text, in reading order.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
enum Block {
    /// A heading of level 1–3.
    Heading {
        level: u8,
        spans: Vec<Span>,
    },
    Paragraph {
        spans: Vec<Span>,
    },
    /// A quotation or a note set apart from the text.
    Quote {
        spans: Vec<Span>,
    },
    List(List),
    Table {
        header: Vec<Vec<Span>>,
        rows: Vec<Vec<Vec<Span>>>,
    },
}

/// A bulleted or numbered list.
#[derive(Debug, Clone, PartialEq, Serialize)]
struct List {
    ordered: bool,
    /// The first item's number.
    start: u64,
    items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
struct Item {
    spans: Vec<Span>,
    /// A list inside the item, after its text.
    list: Option<List>,
}

/// A piece of text; a line break where it has `\n`.
#[derive(Debug, Clone, PartialEq, Serialize)]
struct Span {
    text: String,
    bold: bool,
    italic: bool,
}

fn data(title: &str, lang: &str, markdown: &str) -> Result<Vec<u8>, PdfError> {
    let blocks = blocks(markdown);
    let show_title = !matches!(blocks.first(), Some(Block::Heading { level: 1, .. }));
    // typst takes the language and the region apart: `sv-SE` is `sv` in `SE`.
    let mut tags = lang.split(['-', '_']);
    let language = tags.next().unwrap_or_default().to_ascii_lowercase();
    let region = tags
        .find(|t| t.len() == 2 && t.chars().all(|c| c.is_ascii_alphabetic()))
        .map(str::to_ascii_uppercase);
    serde_json::to_vec(&Data {
        title,
        lang: language,
        region,
        show_title,
        blocks,
    })
    .map_err(|e| PdfError::Typeset(format!("the agreement's data: {e}")))
}

/// The blocks of `markdown`.
fn blocks(markdown: &str) -> Vec<Block> {
    let mut r = Reader::default();
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        r.event(event);
    }
    // Whatever an unfinished construct left behind (the parser closes everything, so this is only a guard).
    r.end_block();
    while !r.lists.is_empty() {
        r.end_list();
    }
    r.blocks
}

#[derive(Default)]
struct Reader {
    blocks: Vec<Block>,
    /// The text of the block being read.
    spans: Vec<Span>,
    bold: u32,
    italic: u32,
    quote: u32,
    /// The lists being read, innermost last.
    lists: Vec<List>,
    /// The links being read: where each goes and its text so far.
    links: Vec<(String, String)>,
    table: Option<TableReader>,
}

#[derive(Default)]
struct TableReader {
    in_head: bool,
    header: Vec<Vec<Span>>,
    rows: Vec<Vec<Vec<Span>>>,
}

impl Reader {
    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t)
            | Event::Code(t)
            | Event::Html(t)
            | Event::InlineHtml(t)
            | Event::InlineMath(t)
            | Event::DisplayMath(t)
            | Event::FootnoteReference(t) => self.text(&t),
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => self.text("\n"),
            Event::TaskListMarker(done) => self.text(if done { "[x] " } else { "[ ] " }),
            Event::Rule => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::BlockQuote(_) => self.quote += 1,
            Tag::List(start) => {
                // The text of the item the list is in comes before it.
                self.end_block();
                self.lists.push(List {
                    ordered: start.is_some(),
                    start: start.unwrap_or(1),
                    items: Vec::new(),
                });
            }
            Tag::Item => {
                if let Some(list) = self.lists.last_mut() {
                    list.items.push(Item {
                        spans: Vec::new(),
                        list: None,
                    });
                }
            }
            Tag::Table(_) => {
                self.end_block();
                self.table = Some(TableReader::default());
            }
            Tag::TableHead => {
                if let Some(t) = &mut self.table {
                    t.in_head = true;
                }
            }
            Tag::TableRow => {
                if let Some(t) = &mut self.table {
                    t.rows.push(Vec::new());
                }
            }
            Tag::Emphasis => self.italic += 1,
            Tag::Strong => self.bold += 1,
            Tag::Link { dest_url, .. } => self.links.push((dest_url.to_string(), String::new())),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::Item => self.end_block(),
            TagEnd::CodeBlock | TagEnd::HtmlBlock => {
                // Their text ends with the last line's line break.
                while let Some(last) = self.spans.last_mut() {
                    let kept = last.text.trim_end_matches('\n').len();
                    last.text.truncate(kept);
                    if !last.text.is_empty() {
                        break;
                    }
                    self.spans.pop();
                }
                self.end_block();
            }
            TagEnd::Heading(level) => {
                let spans = std::mem::take(&mut self.spans);
                if spans.is_empty() {
                    return;
                }
                let level = match level {
                    HeadingLevel::H1 => 1,
                    HeadingLevel::H2 => 2,
                    _ => 3,
                };
                if self.lists.is_empty() {
                    self.blocks.push(Block::Heading { level, spans });
                } else {
                    self.spans = spans;
                    self.end_block();
                }
            }
            TagEnd::BlockQuote(_) => self.quote = self.quote.saturating_sub(1),
            TagEnd::List(_) => self.end_list(),
            TagEnd::TableHead => {
                if let Some(t) = &mut self.table {
                    t.in_head = false;
                }
            }
            TagEnd::TableCell => {
                let spans = std::mem::take(&mut self.spans);
                if let Some(t) = &mut self.table {
                    if t.in_head {
                        t.header.push(spans);
                    } else if let Some(row) = t.rows.last_mut() {
                        row.push(spans);
                    }
                }
            }
            TagEnd::Table => {
                if let Some(t) = self.table.take() {
                    self.blocks.push(Block::Table {
                        header: t.header,
                        rows: t.rows,
                    });
                }
            }
            TagEnd::Emphasis => self.italic = self.italic.saturating_sub(1),
            TagEnd::Strong => self.bold = self.bold.saturating_sub(1),
            TagEnd::Link => {
                if let Some((url, text)) = self.links.pop() {
                    // Where a link goes is part of the text on paper, unless its text already says so.
                    let said = text == url || url.strip_prefix("mailto:") == Some(text.as_str());
                    if !url.is_empty() && !said {
                        self.text(&format!(" ({url})"));
                    }
                }
            }
            _ => {}
        }
    }

    /// Adds text in the current style, to the last span when it has the same.
    fn text(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        for (_, link_text) in &mut self.links {
            link_text.push_str(text);
        }
        let (bold, italic) = (self.bold > 0, self.italic > 0);
        match self.spans.last_mut() {
            Some(last) if last.bold == bold && last.italic == italic => last.text.push_str(text),
            _ => self.spans.push(Span {
                text: text.to_owned(),
                bold,
                italic,
            }),
        }
    }

    /// Ends the block being read: a paragraph, a quote, or more text of the list item it is in.
    fn end_block(&mut self) {
        let spans = std::mem::take(&mut self.spans);
        if spans.is_empty() {
            return;
        }
        if self.table.is_some() {
            // Text in a table is in its cells; anything else is kept for the next cell.
            self.spans = spans;
            return;
        }
        if let Some(item) = self.lists.last_mut().and_then(|l| l.items.last_mut()) {
            if !item.spans.is_empty() {
                item.spans.push(Span {
                    text: "\n".to_owned(),
                    bold: false,
                    italic: false,
                });
            }
            item.spans.extend(spans);
            return;
        }
        self.blocks.push(if self.quote > 0 {
            Block::Quote { spans }
        } else {
            Block::Paragraph { spans }
        });
    }

    /// Ends the innermost list: into the item it is in, or as a block.
    fn end_list(&mut self) {
        self.end_block();
        let Some(list) = self.lists.pop() else {
            return;
        };
        match self.lists.last_mut().and_then(|l| l.items.last_mut()) {
            Some(Item {
                list: Some(inner), ..
            }) => inner.items.extend(list.items),
            Some(item) => item.list = Some(list),
            None => self.blocks.push(Block::List(list)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use typst::layout::{Frame, FrameItem};

    const NDA_EN: &str = include_str!("../../../data/stockholm/templates/nda.en.md");
    const NDA_SV: &str = include_str!("../../../data/stockholm/templates/nda.sv.md");
    const SERVICE_EN: &str =
        include_str!("../../../data/stockholm/templates/service-agreement.en.md");
    const SERVICE_SV: &str =
        include_str!("../../../data/stockholm/templates/service-agreement.sv.md");

    fn plain(text: &str) -> Span {
        Span {
            text: text.to_owned(),
            bold: false,
            italic: false,
        }
    }

    /// The text of the laid-out pages, without white space (lines break where typst chooses).
    fn laid_out_text(title: &str, lang: &str, markdown: &str) -> String {
        fn collect(frame: &Frame, out: &mut String) {
            for (_, item) in frame.items() {
                match item {
                    FrameItem::Group(g) => collect(&g.frame, out),
                    FrameItem::Text(t) => out.push_str(&t.text),
                    _ => {}
                }
            }
        }
        let data = data(title, lang, markdown).expect("data");
        let document =
            crate::compile(AGREEMENT_TEMPLATE, &[("data.json", data)]).expect("lays out");
        let mut out = String::new();
        for page in document.pages() {
            collect(&page.frame, &mut out);
        }
        out.split_whitespace().collect()
    }

    fn squeezed(text: &str) -> String {
        text.split_whitespace().collect()
    }

    /// The first value of `property` (`dc:title`) in the PDF's XMP metadata.
    fn xmp(pdf: &[u8], property: &str) -> Option<String> {
        let pdf = String::from_utf8_lossy(pdf);
        let (_, after) = pdf.split_once(&format!("<{property}>"))?;
        let (inner, _) = after.split_once(&format!("</{property}>"))?;
        let (_, li) = inner.split_once("<rdf:li")?;
        let (_, value) = li.split_once('>')?;
        let (value, _) = value.split_once("</rdf:li>")?;
        Some(
            value
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&amp;", "&"),
        )
    }

    #[test]
    fn the_templates_are_pdfs_with_their_title_and_text() {
        for (title, lang, markdown, text) in [
            (
                "Non-disclosure agreement (template)",
                "en-GB",
                NDA_EN,
                "1. {{provider}}, reg. no. {{provider_org_number}}, [address] (\"[short name]\")",
            ),
            (
                "Sekretessavtal (mall)",
                "sv-SE",
                NDA_SV,
                "1. {{provider}}, org.nr {{provider_org_number}}, [adress] (\"[kortnamn]\")",
            ),
            (
                "Agreement on the use of services (template)",
                "en-GB",
                SERVICE_EN,
                "Price: [amount] excluding VAT; calculation in annex [no.]",
            ),
            (
                "Avtal om användning av tjänster (mall)",
                "sv-SE",
                SERVICE_SV,
                "(kommunallagen, SFS 2017:725, 2 kap. 8 §)",
            ),
        ] {
            let pdf = pdf_from_markdown(title, lang, markdown).expect("typesets");
            assert!(pdf.starts_with(b"%PDF-"), "{title}");
            assert_eq!(xmp(&pdf, "dc:title").as_deref(), Some(title));
            assert_eq!(xmp(&pdf, "dc:language").as_deref(), Some(lang));
            let laid_out = laid_out_text(title, lang, markdown);
            assert!(laid_out.contains(&squeezed(text)), "{title}: {text}");
        }
    }

    #[test]
    fn the_nda_is_read_into_headings_lists_quotes_and_a_table() {
        let blocks = blocks(NDA_EN);
        assert_eq!(
            blocks.first(),
            Some(&Block::Heading {
                level: 1,
                spans: vec![plain("Mutual non-disclosure agreement – template")]
            })
        );
        assert!(matches!(
            blocks.get(1),
            Some(Block::Quote { spans }) if spans.first() == Some(&Span {
                text: "Template for guidance – not legal advice.".into(),
                bold: true,
                italic: false,
            })
        ));
        assert!(blocks.contains(&Block::Heading {
            level: 2,
            spans: vec![plain("1. Parties")]
        }));
        let Some(Block::List(parties)) = blocks.get(4) else {
            panic!("a numbered list: {:?}", blocks.get(4));
        };
        assert!(parties.ordered && parties.start == 1);
        assert_eq!(
            parties.items.first().map(|i| &i.spans),
            Some(&vec![plain(
                "{{provider}}, reg. no. {{provider_org_number}}, [address] (\"[short name]\")"
            )])
        );
        assert!(
            blocks
                .iter()
                .any(|b| matches!(b, Block::List(l) if !l.ordered && l.items.len() == 4))
        );
        assert!(matches!(
            blocks.last(),
            Some(Block::Table { header, rows }) if header.len() == 2 && rows.len() == 2
        ));
        let json = String::from_utf8(data("NDA", "en-GB", NDA_EN).expect("data")).expect("utf-8");
        assert!(json.starts_with(
            "{\"title\":\"NDA\",\"lang\":\"en\",\"region\":\"GB\",\"show_title\":false,\"blocks\":\
             [{\"kind\":\"heading\",\"level\":1,\"spans\":[{\"text\":\"Mutual non-disclosure agreement"
        ));
    }

    #[test]
    fn markup_in_the_text_is_shown_as_written() {
        let markdown = "A #panic(\"x\") $x^2$ [label] @ref <script>alert(1)</script> \\*lit\\* \
                        snake_case `#code[]` & *em* **strong**\n\n\
                        <div>#set text(red)</div>\n\n\
                        1. one\n   - inner = [x]\n2. two\n\n\
                        > quoted #strong[no]\n";
        let text = laid_out_text("Title #[x] $ & <b>", "sv", markdown);
        for literal in [
            "A #panic(\"x\") $x^2$ [label] @ref <script>alert(1)</script> *lit* snake_case #code[] &",
            "<div>#set text(red)</div>",
            "inner = [x]",
            "quoted #strong[no]",
            "Title #[x] $ & <b>",
        ] {
            assert!(text.contains(&squeezed(literal)), "{literal} in {text}");
        }
        let blocks = blocks(markdown);
        assert!(matches!(
            blocks.first(),
            Some(Block::Paragraph { spans }) if spans.iter().any(|s| s.italic && s.text == "em")
                && spans.iter().any(|s| s.bold && s.text == "strong")
        ));
        let pdf = pdf_from_markdown("Title #[x] $ & <b>", "sv", markdown).expect("typesets");
        assert!(pdf.starts_with(b"%PDF-"));
        assert_eq!(xmp(&pdf, "dc:title").as_deref(), Some("Title #[x] $ & <b>"));
        assert_eq!(xmp(&pdf, "dc:language").as_deref(), Some("sv"));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        /// No text in a paragraph, whatever characters typst gives a meaning to, makes typesetting fail.
        #[test]
        fn any_text_in_a_paragraph_typesets(
            text in "([-#$\\[\\]{}()*_@<>`~=+/\\\\\"'&%:;.,!? \\n]|[a-zåäö0-9]|\\PC){0,60}"
        ) {
            let pdf = pdf_from_markdown("Avtal", "sv-SE", &format!("# Avtal\n\nText {text}"));
            prop_assert!(pdf.is_ok(), "{:?}", pdf.err());
            // The same text, not read as Markdown, straight into a paragraph.
            let data = serde_json::to_vec(&Data {
                title: &text,
                lang: "sv".into(),
                region: None,
                show_title: true,
                blocks: vec![Block::Paragraph { spans: vec![plain(&text)] }],
            })
            .expect("json");
            let pdf = typeset(AGREEMENT_TEMPLATE, &[("data.json", data)]);
            prop_assert!(pdf.is_ok(), "{:?}", pdf.err());
        }
    }
}
