//! A text written in Markdown (an agreement template) as a Word document: headings, paragraphs, bulleted and
//! numbered lists, quotes and tables, with bold and italic text. What the Markdown holds is shown as text: raw HTML
//! is written out as it stands, never interpreted.

use crate::OfficeError;
use crate::docx::{Block, Document, List, ListItem, Span};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// `markdown` as a `.docx` file whose properties carry `title` and `lang` (BCP 47, `sv-SE`, `en-GB`). When the text
/// opens with a level-1 heading, that heading is the title people see; otherwise `title` is shown first.
pub fn docx_from_markdown(title: &str, lang: &str, markdown: &str) -> Result<Vec<u8>, OfficeError> {
    let blocks = blocks(title, markdown);
    let has_title = matches!(blocks.first(), Some(Block::Heading(1, _)));
    Document {
        title: title.to_owned(),
        creator: String::new(),
        lang: lang.to_owned(),
        created: String::new(),
        blocks,
    }
    .package(!has_title)
}

/// The blocks of `markdown`; a table's caption is the heading before it, or `title`.
fn blocks(title: &str, markdown: &str) -> Vec<Block> {
    let mut r = Reader {
        caption: title.to_owned(),
        ..Reader::default()
    };
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
    /// The caption of the next table: the last heading's text.
    caption: String,
}

#[derive(Default)]
struct TableReader {
    in_head: bool,
    header: Vec<String>,
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
                    start,
                    items: Vec::new(),
                });
            }
            Tag::Item => {
                if let Some(list) = self.lists.last_mut() {
                    list.items.push(ListItem {
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
                self.caption = spans.iter().map(|s| s.text.as_str()).collect();
                let level = match level {
                    HeadingLevel::H1 => 1,
                    HeadingLevel::H2 => 2,
                    _ => 3,
                };
                if self.lists.is_empty() {
                    self.blocks.push(Block::Heading(level, spans));
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
                        t.header
                            .push(spans.iter().map(|s| s.text.as_str()).collect());
                    } else if let Some(row) = t.rows.last_mut() {
                        row.push(spans);
                    }
                }
            }
            TagEnd::Table => {
                if let Some(t) = self.table.take() {
                    self.blocks.push(Block::Table {
                        caption: self.caption.clone(),
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
            Some(last) if last.bold == bold && last.italic == italic && last.lang.is_none() => {
                last.text.push_str(text);
            }
            _ => self.spans.push(Span {
                bold,
                italic,
                ..Span::plain(text)
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
                item.spans.push(Span::plain("\n"));
            }
            item.spans.extend(spans);
            return;
        }
        self.blocks.push(if self.quote > 0 {
            Block::Quote(spans)
        } else {
            Block::Paragraph(spans)
        });
    }

    /// Ends the innermost list: into the item it is in, or as a block.
    fn end_list(&mut self) {
        self.end_block();
        let Some(list) = self.lists.pop() else {
            return;
        };
        match self.lists.last_mut().and_then(|l| l.items.last_mut()) {
            Some(ListItem {
                list: Some(inner), ..
            }) => inner.items.extend(list.items),
            Some(item) => item.list = Some(list),
            None => self.blocks.push(Block::NestedList(list)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::docx::tests::{parts, well_formed};
    use proptest::prelude::*;

    const NDA_EN: &str = include_str!("../../../data/stockholm/templates/nda.en.md");
    const NDA_SV: &str = include_str!("../../../data/stockholm/templates/nda.sv.md");
    const SERVICE_EN: &str =
        include_str!("../../../data/stockholm/templates/service-agreement.en.md");
    const SERVICE_SV: &str =
        include_str!("../../../data/stockholm/templates/service-agreement.sv.md");

    /// The parts of the document, each checked to be well-formed.
    fn docx(title: &str, lang: &str, markdown: &str) -> impl Fn(&str) -> String {
        let parts = parts(&docx_from_markdown(title, lang, markdown).expect("docx"));
        for (name, xml) in &parts {
            well_formed(xml).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
        move |name: &str| {
            parts
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, s)| s.clone())
                .unwrap_or_else(|| panic!("{name}"))
        }
    }

    /// A paragraph in `style` whose first run is plain `text`.
    fn styled(style: &str, text: &str) -> String {
        format!(
            "<w:pStyle w:val=\"{style}\"/></w:pPr><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"
        )
    }

    /// An item of list `num` at `level` whose text is plain `text`.
    fn item(num: u32, level: u32, text: &str) -> String {
        format!(
            "<w:numPr><w:ilvl w:val=\"{level}\"/><w:numId w:val=\"{num}\"/></w:numPr></w:pPr>\
             <w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"
        )
    }

    #[test]
    fn the_english_nda_keeps_its_headings_lists_quotes_and_placeholders() {
        let part = docx("Non-disclosure agreement (template)", "en-GB", NDA_EN);
        let core = part("docProps/core.xml");
        assert!(core.contains("<dc:title>Non-disclosure agreement (template)</dc:title>"));
        assert!(core.contains("<dc:language>en-GB</dc:language>"));
        let body = part("word/document.xml");
        assert!(
            !body.contains("w:val=\"Title\""),
            "the text's own heading is its title"
        );
        assert!(body.contains(&styled(
            "Heading1",
            "Mutual non-disclosure agreement – template"
        )));
        assert!(body.contains(&styled("Heading2", "1. Parties")));
        assert!(body.contains(&styled("Heading2", "10. Governing law and disputes")));
        assert!(body.contains(&item(
            3,
            0,
            "{{provider}}, reg. no. {{provider_org_number}}, [address] (&quot;[short name]&quot;)"
        )));
        assert!(body.contains(&item(
            2,
            0,
            "was already held by the recipient without a duty of confidentiality,"
        )));
        assert!(
            body.contains(
                "<w:pStyle w:val=\"Quote\"/></w:pPr><w:r><w:rPr><w:b/></w:rPr>\
                 <w:t xml:space=\"preserve\">Template for guidance – not legal advice.</w:t></w:r>"
            ),
            "a quote, its first words strong"
        );
        assert!(body.contains(
            "The parties wish to exchange information in order to assess a collaboration on {{service}} in \
             the matter &quot;{{title}}&quot; [or describe the purpose otherwise] (the &quot;Purpose&quot;)."
        ));
        assert!(
            body.contains("<w:tblCaption w:val=\"Signatures\"/>")
                && body.contains("<w:tblHeader/>")
                && body.contains("{{provider}}")
                && body.contains("Place and date: [ ]"),
            "the signatures are a table"
        );
        assert!(part("word/styles.xml").contains("w:styleId=\"Quote\""));
        let numbering = part("word/numbering.xml");
        assert!(numbering.contains(
            "<w:num w:numId=\"3\"><w:abstractNumId w:val=\"2\"/><w:lvlOverride w:ilvl=\"0\">\
             <w:startOverride w:val=\"1\"/></w:lvlOverride></w:num>"
        ));
    }

    #[test]
    fn the_other_templates_keep_their_placeholders_and_numbered_lists() {
        for (title, lang, markdown, heading, first) in [
            (
                "Sekretessavtal (mall)",
                "sv-SE",
                NDA_SV,
                "1. Parter",
                "{{provider}}, org.nr {{provider_org_number}}, [adress] (&quot;[kortnamn]&quot;)",
            ),
            (
                "Agreement on the use of services (template)",
                "en-GB",
                SERVICE_EN,
                "3. Scope and deliverables",
                "{{provider}}, part of [principal], reg. no. {{provider_org_number}}, ownership form {{ownership}} \
                 (the &quot;Infrastructure&quot;)",
            ),
            (
                "Avtal om användning av tjänster (mall)",
                "sv-SE",
                SERVICE_SV,
                "11. Tillämplig lag och tvister",
                "{{provider}}, del av [huvudman], org.nr {{provider_org_number}}, ägarform {{ownership}} \
                 (&quot;Infrastrukturen&quot;)",
            ),
        ] {
            let part = docx(title, lang, markdown);
            let core = part("docProps/core.xml");
            assert!(
                core.contains(&format!("<dc:title>{title}</dc:title>")),
                "{title}"
            );
            assert!(core.contains(&format!("<dc:language>{lang}</dc:language>")));
            let body = part("word/document.xml");
            assert!(body.contains(&styled("Heading2", heading)), "{title}");
            assert!(body.contains(&item(3, 0, first)), "{title}");
        }
    }

    #[test]
    fn html_and_markup_in_the_text_are_written_as_text() {
        let part = docx(
            "Test & <title>",
            "sv-SE",
            "Intro <b>not bold</b> & [link](https://example.org) *em* **strong** `<code>`\n\n\
             <script>alert(\"x\")</script>\n\n\
             ### A heading\n\n\
             1. one\n   - inner <i>\n   - inner two\n2. two\n\n\
             Between.\n\n\
             3. three\n\n\
             > quoted\n",
        );
        assert!(
            part("docProps/core.xml").contains("<dc:title>Test &amp; &lt;title&gt;</dc:title>")
        );
        let body = part("word/document.xml");
        assert!(
            body.contains(&styled("Title", "Test &amp; &lt;title&gt;")),
            "a text without a level-1 heading is given its title"
        );
        assert!(
            body.contains(
                "Intro &lt;b&gt;not bold&lt;/b&gt; &amp; link (https://example.org) </w:t>"
            )
        );
        assert!(body.contains("<w:rPr><w:i/></w:rPr><w:t xml:space=\"preserve\">em</w:t>"));
        assert!(body.contains("<w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">strong</w:t>"));
        assert!(body.contains("&lt;code&gt;"));
        assert!(body.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"));
        assert!(!body.contains("<script") && !body.contains("<b>") && !body.contains("<i>"));
        assert!(body.contains(&styled("Heading3", "A heading")));
        assert!(body.contains(&item(3, 0, "one")));
        assert!(body.contains(&item(2, 1, "inner &lt;i&gt;")));
        assert!(body.contains(&item(3, 0, "two")));
        assert!(
            body.contains(&item(4, 0, "three")),
            "a list of its own counts from its own first number"
        );
        assert!(body.contains(&styled("Quote", "quoted")));
        assert!(part("word/numbering.xml").contains("<w:startOverride w:val=\"3\"/>"));
    }

    proptest! {
        /// Whatever anyone wrote, the document stays well-formed XML.
        #[test]
        fn any_markdown_makes_a_readable_document(
            text in "([-#>*_`\\[\\]()<>&\"'!|\\\\0-9. \\n\\x00-\\x1f]|[a-zåäö]|\\PC){0,80}"
        ) {
            let docx = docx_from_markdown(&text, "sv-SE", &text).expect("docx");
            for (name, xml) in parts(&docx) {
                prop_assert!(well_formed(&xml).is_ok(), "{name}: {:?}", well_formed(&xml));
            }
        }
    }
}
