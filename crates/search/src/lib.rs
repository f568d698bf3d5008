//! Samverkan's search: a tantivy index over actors, infrastructures, services and premises with Swedish and
//! English analysis (stemming, stop words), a bilingual term list so a query in one language finds text written
//! in the other, Swedish compounds split into known words, inflected Swedish words searched with their other
//! forms, their base forms and the compounds they end (`cellerna` finds what `cell` finds, `terapier` finds
//! `cellterapi`), typo tolerance, prefix completion, facets with counts, escaped highlighted snippets, and the
//! ranking of a plain-language need against the catalogue.
//!
//! The index knows nothing of the database: it is given [`SearchDoc`]s and keeps a cursor (the last change-log
//! id applied) in its commit payload, so its owner can bring it up to date.

mod facets;
pub mod need_terms;
pub mod terms;
mod union;

use domain::search::{DocKind, SearchDoc};
use domain::{Lang, Slug};
use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::sync::Mutex;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, FuzzyTermQuery, Occur, Query, TermQuery};
use tantivy::schema::{
    FAST, Facet, FacetOptions, Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing,
    TextOptions, Value,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::{
    Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, StopWordFilter, TextAnalyzer,
    TokenizerManager,
};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};
pub use terms::TermList;

/// The version of the index layout; an index on disk with another version is rebuilt.
pub const SCHEMA_VERSION: u32 = 2;

/// What went wrong.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// The index failed.
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    /// The index folder could not be used.
    #[error("search index folder: {0}")]
    Io(#[from] std::io::Error),
    /// Opening an index folder failed.
    #[error("search index folder: {0}")]
    Open(#[from] tantivy::directory::error::OpenDirectoryError),
    /// The index writer lock was poisoned by a panic.
    #[error("search index writer unavailable")]
    Poisoned,
}

#[derive(Clone, Copy)]
struct Fields {
    key: Field,
    kind: Field,
    slug: Field,
    parent: Field,
    title_sv: Field,
    title_en: Field,
    body_sv: Field,
    body_en: Field,
    plain: Field,
    title_plain: Field,
    /// The Swedish stems of seven letters or more, reversed: a compound is found by its last part
    /// (`stamcell` by `cell`) as a prefix of this field's term dictionary.
    reversed_sv: Field,
    facets: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = |tokenizer: &str, stored: bool| {
        let o = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(tokenizer)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        if stored { o.set_stored() } else { o }
    };
    let fields = Fields {
        key: b.add_text_field("key", STRING),
        kind: b.add_text_field("kind", STRING | STORED | FAST),
        slug: b.add_text_field("slug", STRING | STORED),
        parent: b.add_text_field("parent", STRING | STORED),
        title_sv: b.add_text_field("title_sv", text("sv", true)),
        title_en: b.add_text_field("title_en", text("en", true)),
        body_sv: b.add_text_field("body_sv", text("sv", true)),
        body_en: b.add_text_field("body_en", text("en", true)),
        plain: b.add_text_field("plain", text("plain", false)),
        title_plain: b.add_text_field("title_plain", text("plain", false)),
        reversed_sv: b.add_text_field(
            "reversed_sv",
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer("sv_reversed")
                    .set_index_option(IndexRecordOption::Basic),
            ),
        ),
        facets: b.add_facet_field("facets", FacetOptions::default().set_stored()),
    };
    (b.build(), fields)
}

fn analyzer(lang: Option<Language>) -> TextAnalyzer {
    match lang {
        Some(l) => {
            let stop = StopWordFilter::new(l)
                .unwrap_or_else(|| StopWordFilter::remove(Vec::<String>::new()));
            TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(RemoveLongFilter::limit(40))
                .filter(LowerCaser)
                .filter(stop)
                .filter(Stemmer::new(l))
                .build()
        }
        None => TextAnalyzer::builder(PlainTokenizer).build(),
    }
}

/// The Swedish analyzer's stems of at least [`COMPOUND_LETTERS`] letters, reversed (for `reversed_sv`).
fn reversed_analyzer() -> TextAnalyzer {
    let stop = StopWordFilter::new(Language::Swedish)
        .unwrap_or_else(|| StopWordFilter::remove(Vec::<String>::new()));
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(stop)
        .filter(Stemmer::new(Language::Swedish))
        .filter(Reversed)
        .build()
}

/// The fewest letters of a compound's first part (as in [`terms::split_compound`]).
const HEAD_LETTERS: usize = 3;
/// The fewest letters of a last part that finds the compounds it ends: shorter words end too many unrelated
/// ones.
const TAIL_LETTERS: usize = 4;
/// The fewest letters of a stem kept in `reversed_sv`.
const COMPOUND_LETTERS: usize = HEAD_LETTERS + TAIL_LETTERS;

/// Keeps the tokens of at least [`COMPOUND_LETTERS`] letters, their text reversed.
#[derive(Clone, Copy)]
struct Reversed;

impl tantivy::tokenizer::TokenFilter for Reversed {
    type Tokenizer<T: tantivy::tokenizer::Tokenizer> = ReversedTokenizer<T>;
    fn transform<T: tantivy::tokenizer::Tokenizer>(self, inner: T) -> ReversedTokenizer<T> {
        ReversedTokenizer(inner)
    }
}

#[derive(Clone)]
struct ReversedTokenizer<T>(T);

impl<T: tantivy::tokenizer::Tokenizer> tantivy::tokenizer::Tokenizer for ReversedTokenizer<T> {
    type TokenStream<'a> = ReversedStream<T::TokenStream<'a>>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        ReversedStream(self.0.token_stream(text))
    }
}

struct ReversedStream<S>(S);

impl<S: tantivy::tokenizer::TokenStream> tantivy::tokenizer::TokenStream for ReversedStream<S> {
    fn advance(&mut self) -> bool {
        while self.0.advance() {
            let token = self.0.token_mut();
            if token.text.chars().count() >= COMPOUND_LETTERS {
                token.text = token.text.chars().rev().collect();
                return true;
            }
        }
        false
    }
    fn token(&self) -> &tantivy::tokenizer::Token {
        self.0.token()
    }
    fn token_mut(&mut self) -> &mut tantivy::tokenizer::Token {
        self.0.token_mut()
    }
}

/// Splits on anything that is not a letter or digit, lowercases and folds å, ä, ö… (see [`terms::fold`]).
#[derive(Clone, Default)]
struct PlainTokenizer;

struct PlainStream {
    tokens: Vec<tantivy::tokenizer::Token>,
    index: usize,
}

impl tantivy::tokenizer::Tokenizer for PlainTokenizer {
    type TokenStream<'a> = PlainStream;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> PlainStream {
        let mut tokens = Vec::new();
        let mut start = None;
        let push = |from: usize, to: usize, tokens: &mut Vec<tantivy::tokenizer::Token>| {
            let word = terms::fold(&text[from..to]).trim().to_owned();
            if !word.is_empty() && word.len() <= 40 {
                tokens.push(tantivy::tokenizer::Token {
                    offset_from: from,
                    offset_to: to,
                    position: tokens.len(),
                    text: word,
                    position_length: 1,
                });
            }
        };
        for (i, c) in text.char_indices() {
            if c.is_alphanumeric() {
                start.get_or_insert(i);
            } else if let Some(s) = start.take() {
                push(s, i, &mut tokens);
            }
        }
        if let Some(s) = start {
            push(s, text.len(), &mut tokens);
        }
        PlainStream { tokens, index: 0 }
    }
}

impl tantivy::tokenizer::TokenStream for PlainStream {
    fn advance(&mut self) -> bool {
        if self.index < self.tokens.len() {
            self.index += 1;
            true
        } else {
            false
        }
    }
    fn token(&self) -> &tantivy::tokenizer::Token {
        &self.tokens[self.index - 1]
    }
    fn token_mut(&mut self) -> &mut tantivy::tokenizer::Token {
        &mut self.tokens[self.index - 1]
    }
}

fn register(manager: &TokenizerManager) {
    manager.register("sv", analyzer(Some(Language::Swedish)));
    manager.register("en", analyzer(Some(Language::English)));
    manager.register("plain", analyzer(None));
    manager.register("sv_reversed", reversed_analyzer());
}

/// The tokens `analyzer` makes of `text`.
fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}

/// A search.
#[derive(Debug, Clone, Default)]
pub struct SearchQuery {
    /// The text typed.
    pub text: String,
    /// The language of the page (decides which title and snippet are shown).
    pub lang: Option<Lang>,
    /// Only these kinds (empty: all).
    pub kinds: Vec<DocKind>,
    /// Only on this campus.
    pub campus: Option<Slug>,
    /// Only with this ownership form.
    pub ownership: Option<String>,
    /// Only with this competence tag.
    pub tag: Option<Slug>,
    /// Skip this many hits.
    pub offset: usize,
    /// Return at most this many hits.
    pub limit: usize,
}

/// One hit.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Kind.
    pub kind: DocKind,
    /// Slug.
    pub slug: Slug,
    /// The infrastructure of a service, the owner of premises.
    pub parent: Option<Slug>,
    /// Title in the asked language (the other when it has none).
    pub title: String,
    /// The language of `title`.
    pub title_lang: Lang,
    /// A fragment of the text with the matched words in `<mark>`, everything else HTML-escaped: in the asked
    /// language whenever the document has text in it.
    pub snippet_html: String,
    /// The language of `snippet_html`.
    pub snippet_lang: Lang,
    /// Relevance.
    pub score: f32,
    /// Campuses.
    pub campuses: Vec<Slug>,
    /// Tags.
    pub tags: Vec<Slug>,
}

/// Hits with their total and facet counts.
#[derive(Debug, Clone, Default)]
pub struct SearchResults {
    /// How many documents match.
    pub total: usize,
    /// The asked page of hits, best first.
    pub hits: Vec<Hit>,
    /// Counts per kind, campus, ownership form and tag among all matches: (facet, value, count).
    pub facets: Vec<(String, String, u64)>,
}

/// A Levenshtein automaton walked over a term dictionary: only the words within its distance are visited.
struct Within<'a>(&'a levenshtein_automata::DFA);

impl tantivy_fst::Automaton for Within<'_> {
    type State = u32;

    fn start(&self) -> u32 {
        self.0.initial_state()
    }

    fn is_match(&self, state: &u32) -> bool {
        matches!(
            self.0.distance(*state),
            levenshtein_automata::Distance::Exact(_)
        )
    }

    fn can_match(&self, state: &u32) -> bool {
        *state != levenshtein_automata::SINK_STATE
    }

    fn accept(&self, state: &u32, byte: u8) -> u32 {
        self.0.transition(*state, byte)
    }
}

/// The automaton builders for one and two edits (a transposition counts as one), built once: the two-edit one
/// takes a few milliseconds to make.
fn automata(distance: usize) -> &'static levenshtein_automata::LevenshteinAutomatonBuilder {
    static ONE: std::sync::OnceLock<levenshtein_automata::LevenshteinAutomatonBuilder> =
        std::sync::OnceLock::new();
    static TWO: std::sync::OnceLock<levenshtein_automata::LevenshteinAutomatonBuilder> =
        std::sync::OnceLock::new();
    if distance >= 2 {
        TWO.get_or_init(|| levenshtein_automata::LevenshteinAutomatonBuilder::new(2, true))
    } else {
        ONE.get_or_init(|| levenshtein_automata::LevenshteinAutomatonBuilder::new(1, true))
    }
}

/// What a query word reaches beyond its own stems.
#[derive(Debug, Default)]
struct Forms {
    /// The Swedish stems of the word's other regular forms that the index holds, where the stemmer leaves them
    /// apart (`labbet` and `labb`, `terapin` and `terapi`, `läkemedlet` and `läkemedel`).
    stems: Vec<String>,
    /// The base forms the word is an inflection of, known as words (`cellerna` -> `cell`): searched like the
    /// parts of a compound, in both languages and through the term list, so that an inflected word finds what
    /// its base form finds.
    lemmas: Vec<String>,
    /// The Swedish stems of indexed compounds whose last part is one of the word's forms (`stamcellerna` for
    /// `cellen`).
    compounds: Vec<String>,
}

impl Forms {
    fn is_empty(&self) -> bool {
        self.stems.is_empty() && self.lemmas.is_empty() && self.compounds.is_empty()
    }
}

/// The index.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    writer: Mutex<IndexWriter>,
    fields: Fields,
    terms: TermList,
    /// Each live segment's facet values as bit masks (see `facets.rs`), read when the segment first appears.
    facet_masks: Mutex<HashMap<tantivy::index::SegmentId, std::sync::Arc<facets::FacetBits>>>,
    /// Word and alive-document bit sets for counting matches (see `facets.rs`).
    count_cache: facets::CountCache,
    /// The scores of common words (see `union.rs`).
    score_cache: std::sync::Arc<union::ScoreCache>,
}

fn payload_cursor(index: &Index) -> Option<(u32, i64)> {
    let metas = index.load_metas().ok()?;
    let payload = metas.payload?;
    let (version, cursor) = payload.split_once(':')?;
    Some((version.parse().ok()?, cursor.parse().ok()?))
}

impl SearchIndex {
    /// Opens the index in `dir` (creating it when missing), or in memory when `dir` is `None`. The second value
    /// is the cursor the index was committed with, or `None` when it is new or of another layout version and
    /// must be rebuilt.
    pub fn open(
        dir: Option<&Path>,
        terms: TermList,
    ) -> Result<(SearchIndex, Option<i64>), SearchError> {
        let (schema, fields) = schema();
        let (index, cursor) = match dir {
            None => (Index::create_in_ram(schema), None),
            Some(dir) => {
                std::fs::create_dir_all(dir)?;
                let existing = Index::open_in_dir(dir)
                    .ok()
                    .filter(|i| i.schema() == schema);
                match existing {
                    Some(index) => {
                        let cursor = payload_cursor(&index)
                            .filter(|(v, _)| *v == SCHEMA_VERSION)
                            .map(|(_, c)| c);
                        (index, cursor)
                    }
                    None => {
                        // Another layout or a damaged folder: start afresh.
                        for entry in std::fs::read_dir(dir)? {
                            let path = entry?.path();
                            if path.is_file() {
                                std::fs::remove_file(path)?;
                            }
                        }
                        (Index::create_in_dir(dir, schema)?, None)
                    }
                }
            }
        };
        register(index.tokenizers());
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let writer = index.writer(30_000_000)?;
        Ok((
            SearchIndex {
                index,
                reader,
                writer: Mutex::new(writer),
                fields,
                terms,
                facet_masks: Mutex::new(HashMap::new()),
                count_cache: facets::CountCache::default(),
                score_cache: std::sync::Arc::default(),
            },
            cursor,
        ))
    }

    fn key(kind_source: &str, row_id: i64) -> String {
        format!("{kind_source}:{row_id}")
    }

    fn document(&self, d: &SearchDoc) -> TantivyDocument {
        let f = &self.fields;
        let mut doc = TantivyDocument::default();
        doc.add_text(f.key, Self::key(d.kind.source(), d.row_id));
        doc.add_text(f.kind, d.kind.as_str());
        doc.add_text(f.slug, d.slug.as_str());
        if let Some(p) = &d.parent {
            doc.add_text(f.parent, p.as_str());
        }
        doc.add_text(f.title_sv, &d.title.sv);
        doc.add_text(f.title_en, &d.title.en);
        doc.add_text(f.body_sv, format!("{}\n{}", d.body.sv, d.tag_labels.sv));
        doc.add_text(f.body_en, format!("{}\n{}", d.body.en, d.tag_labels.en));
        doc.add_text(
            f.plain,
            format!(
                "{} {} {} {} {} {} {}",
                d.title.sv,
                d.title.en,
                d.body.sv,
                d.body.en,
                d.tag_labels.sv,
                d.tag_labels.en,
                d.slug
            ),
        );
        doc.add_text(f.title_plain, format!("{} {}", d.title.sv, d.title.en));
        doc.add_text(
            f.reversed_sv,
            format!("{}\n{}\n{}", d.title.sv, d.body.sv, d.tag_labels.sv),
        );
        doc.add_facet(f.facets, Facet::from(&format!("/kind/{}", d.kind.as_str())));
        for c in &d.campuses {
            doc.add_facet(f.facets, Facet::from(&format!("/campus/{c}")));
        }
        if let Some(o) = &d.ownership {
            doc.add_facet(f.facets, Facet::from(&format!("/ownership/{o}")));
        }
        for t in &d.tags {
            doc.add_facet(f.facets, Facet::from(&format!("/tag/{t}")));
        }
        doc
    }

    fn commit(&self, writer: &mut IndexWriter, cursor: i64) -> Result<(), SearchError> {
        let mut prepared = writer.prepare_commit()?;
        prepared.set_payload(&format!("{SCHEMA_VERSION}:{cursor}"));
        prepared.commit()?;
        self.reader.reload()?;
        // Read new segments' facet masks now rather than in the first search after the write.
        self.masks(&self.reader.searcher())?;
        Ok(())
    }

    /// Indexed words within `distance` edits of `word` (a transposition counts as one), closest and most frequent
    /// first, at most three. A Levenshtein automaton walks the term dictionary of the `plain` field, so only
    /// words that can still match are visited.
    fn corrections(
        &self,
        searcher: &tantivy::Searcher,
        word: &str,
        distance: usize,
    ) -> Vec<String> {
        let dfa = automata(distance).build_dfa(word);
        let mut found: HashMap<String, (u8, u32)> = HashMap::new();
        for segment in searcher.segment_readers() {
            let Ok(inverted) = segment.inverted_index(self.fields.plain) else {
                continue;
            };
            let Ok(mut stream) = inverted.terms().search(Within(&dfa)).into_stream() else {
                continue;
            };
            while stream.advance() {
                let Ok(w) = std::str::from_utf8(stream.key()) else {
                    continue;
                };
                let d = match dfa.eval(w) {
                    levenshtein_automata::Distance::Exact(d) => d,
                    levenshtein_automata::Distance::AtLeast(_) => continue,
                };
                let entry = found.entry(w.to_owned()).or_insert((d, 0));
                entry.1 += stream.value().doc_freq;
            }
        }
        let mut found: Vec<(u8, u32, String)> =
            found.into_iter().map(|(w, (d, n))| (d, n, w)).collect();
        found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        found.into_iter().take(3).map(|f| f.2).collect()
    }

    /// Replaces every document with `docs` and records `cursor`.
    pub fn rebuild(
        &self,
        docs: &[SearchDoc],
        cursor: i64,
        progress: &mut dyn FnMut(usize),
    ) -> Result<(), SearchError> {
        let mut w = self.writer.lock().map_err(|_| SearchError::Poisoned)?;
        // No background merges while the fresh segments are written: they would race the one merge below (which
        // then finds some of its segments gone).
        w.set_merge_policy(Box::new(tantivy::merge_policy::NoMergePolicy));
        w.delete_all_documents()?;
        for (i, d) in docs.iter().enumerate() {
            w.add_document(self.document(d))?;
            if i % 1000 == 999 {
                progress(i + 1);
            }
        }
        progress(docs.len());
        self.commit(&mut w, cursor)?;
        // A fresh index is written in many segments; one segment is searched faster, and later changes add
        // small ones that tantivy merges in the background.
        let segments = self.index.searchable_segment_ids()?;
        let merged = if segments.len() > 1 {
            w.merge(&segments).wait().map(|_| ())
        } else {
            Ok(())
        };
        w.set_merge_policy(Box::new(tantivy::merge_policy::LogMergePolicy::default()));
        merged?;
        self.reader.reload()?;
        Ok(())
    }

    /// Applies changes: every listed `(source, row_id)` is removed, then `docs` (their current state, for those
    /// that still exist) are added; records `cursor`.
    pub fn apply(
        &self,
        changed: &[(String, i64)],
        docs: &[SearchDoc],
        cursor: i64,
    ) -> Result<(), SearchError> {
        let mut w = self.writer.lock().map_err(|_| SearchError::Poisoned)?;
        for (source, row_id) in changed {
            w.delete_term(Term::from_field_text(
                self.fields.key,
                &Self::key(source, *row_id),
            ));
        }
        for d in docs {
            w.add_document(self.document(d))?;
        }
        self.commit(&mut w, cursor)
    }

    /// The cursor of the last commit, or `None` when it was made by another layout version (the index must be
    /// rebuilt).
    pub fn cursor(&self) -> Option<i64> {
        payload_cursor(&self.index)
            .filter(|(v, _)| *v == SCHEMA_VERSION)
            .map(|(_, c)| c)
    }

    /// How many documents the index holds.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// True when the index holds no document.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn analyzer(&self, name: &str) -> TextAnalyzer {
        self.index
            .tokenizers()
            .get(name)
            .unwrap_or_else(|| analyzer(None))
    }

    /// True when the folded word occurs in the index or the term list.
    fn known(&self, searcher: &tantivy::Searcher, word: &str) -> bool {
        if self.terms.knows(word) {
            return true;
        }
        let term = Term::from_field_text(self.fields.plain, word);
        searcher.doc_freq(&term).map(|n| n > 0).unwrap_or(false)
    }

    /// The texts to search for `text`: itself, its translations from the term list, the parts of compounds,
    /// and the base forms of inflected words (`lemmas`) with their translations; and the words that were split
    /// into known parts.
    fn variants(
        &self,
        searcher: &tantivy::Searcher,
        text: &str,
        lemmas: &[String],
    ) -> (Vec<String>, Vec<String>) {
        let mut out = vec![text.to_owned()];
        for x in self.terms.expansions(text) {
            if !out.contains(&x) {
                out.push(x);
            }
        }
        let known = |w: &str| self.known(searcher, w);
        let mut parts = Vec::new();
        let mut split_words = Vec::new();
        for w in terms::words(text) {
            if !self.known(searcher, &w)
                && let Some(split) = terms::split_compound(&w, &known)
            {
                parts.push(split.join(" "));
                split_words.push(w);
            }
        }
        for p in parts.iter().chain(lemmas) {
            for x in self.terms.expansions(p) {
                if !out.contains(&x) {
                    out.push(x);
                }
            }
            if !out.contains(p) {
                out.push(p.clone());
            }
        }
        (out, split_words)
    }

    /// True when an analyzed term occurs in one of `fields`.
    fn holds(searcher: &tantivy::Searcher, fields: [Field; 2], term: &str) -> bool {
        fields.into_iter().any(|field| {
            searcher
                .doc_freq(&Term::from_field_text(field, term))
                .is_ok_and(|n| n > 0)
        })
    }

    /// What a lowercase query word reaches beyond its own stems: its other regular Swedish forms, the base forms
    /// it is an inflection of, and the compounds it is the last part of (see [`Forms`]).
    fn forms(
        &self,
        searcher: &tantivy::Searcher,
        sv: &mut TextAnalyzer,
        en: &mut TextAnalyzer,
        word: &str,
    ) -> Forms {
        let f = self.fields;
        // An English word of the index ("market", "cells") is not taken apart as a Swedish one ("mark").
        let english = tokens(en, word)
            .iter()
            .any(|t| Self::holds(searcher, [f.title_en, f.body_en], t));
        let lemmas = if english {
            Vec::new()
        } else {
            terms::lemmas(word)
        };
        let own = tokens(sv, word);
        let mut stems: Vec<String> = own.clone();
        for base in std::iter::once(word).chain(lemmas.iter().map(String::as_str)) {
            for form in std::iter::once(base.to_owned()).chain(terms::unstemmed_forms(base)) {
                for t in tokens(sv, &form) {
                    if !stems.contains(&t) {
                        stems.push(t);
                    }
                }
            }
        }
        let compounds = self.compounds(searcher, sv, en, &stems);
        let known = |w: &str| self.known(searcher, terms::fold(w).trim());
        Forms {
            stems: stems
                .into_iter()
                .filter(|t| !own.contains(t) && Self::holds(searcher, [f.title_sv, f.body_sv], t))
                .collect(),
            lemmas: if english {
                Vec::new()
            } else {
                terms::base_forms(word, &known)
            },
            compounds,
        }
    }

    /// The Swedish stems in the index of compounds whose last part stems to one of `stems` and whose first part
    /// is a known word (not a stop word), the most frequent first: `stamcell` and `stamcellerna` for `cell`,
    /// `forskningsinfrastruktur` for `infrastruktur`. They are found as prefixes in `reversed_sv`.
    fn compounds(
        &self,
        searcher: &tantivy::Searcher,
        sv: &mut TextAnalyzer,
        en: &mut TextAnalyzer,
        stems: &[String],
    ) -> Vec<String> {
        /// Compounds looked at per last part, and kept per word: a common last part ends many.
        const SCANNED: usize = 256;
        const KEPT: usize = 16;
        let mut found: HashMap<String, u32> = HashMap::new();
        let mut heads: HashMap<String, bool> = HashMap::new();
        for stem in stems {
            let chars: Vec<char> = stem.chars().collect();
            if chars.len() < TAIL_LETTERS {
                continue;
            }
            let mut tails = vec![stem.clone()];
            // The stemmer drops the last letter of these pairs only past the word's third letter or so: from
            // the compound `testbädd` but not from `bädd`.
            if let [.., a, b] = chars.as_slice()
                && matches!(
                    (a, b),
                    ('d', 'd')
                        | ('g', 'd')
                        | ('n', 'n')
                        | ('d', 't')
                        | ('g', 't')
                        | ('k', 't')
                        | ('t', 't')
                )
            {
                tails.push(chars[..chars.len() - 1].iter().collect());
            }
            for tail in tails {
                let key: String = tail.chars().rev().collect();
                let mut end = key.clone().into_bytes();
                end.push(0xFF);
                for segment in searcher.segment_readers() {
                    let Ok(inverted) = segment.inverted_index(self.fields.reversed_sv) else {
                        continue;
                    };
                    let Ok(mut stream) = inverted
                        .terms()
                        .range()
                        .ge(key.as_bytes())
                        .lt(&end)
                        .into_stream()
                    else {
                        continue;
                    };
                    let mut scanned = 0;
                    while scanned < SCANNED && stream.advance() {
                        scanned += 1;
                        let Ok(reversed) = std::str::from_utf8(stream.key()) else {
                            continue;
                        };
                        let compound: String = reversed.chars().rev().collect();
                        let head = &compound[..compound.len() - tail.len()];
                        if head.chars().count() < HEAD_LETTERS {
                            continue;
                        }
                        let ok = match heads.get(head) {
                            Some(ok) => *ok,
                            None => {
                                let ok = self.is_head(searcher, sv, en, head);
                                heads.insert(head.to_owned(), ok);
                                ok
                            }
                        };
                        if ok {
                            *found.entry(compound).or_default() += stream.value().doc_freq;
                        }
                    }
                }
            }
        }
        let mut found: Vec<(String, u32)> = found.into_iter().collect();
        found.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        found.into_iter().take(KEPT).map(|(c, _)| c).collect()
    }

    /// True when `head`, the first part of a compound, is a known word that is not a stop word, allowing the
    /// linking `s` (`forsknings-`), a linking vowel (`hälso-` of `hälsa`), a dropped final vowel (`skol-` of
    /// `skola`, `pojk-` of `pojke`), or a compound of known words itself.
    fn is_head(
        &self,
        searcher: &tantivy::Searcher,
        sv: &mut TextAnalyzer,
        en: &mut TextAnalyzer,
        head: &str,
    ) -> bool {
        let h = terms::fold(head);
        let h = h.trim();
        if h.contains(' ') || tokens(sv, h).is_empty() || tokens(en, h).is_empty() {
            return false;
        }
        let mut candidates = vec![h.to_owned()];
        if let Some(bare) = h.strip_suffix('s') {
            candidates.push(bare.to_owned());
        }
        if let Some(bare) = h.strip_suffix(['o', 'u']) {
            candidates.push(format!("{bare}a"));
        }
        candidates.push(format!("{h}a"));
        candidates.push(format!("{h}e"));
        let known = |w: &str| self.known(searcher, w);
        candidates
            .iter()
            .any(|c| c.chars().count() >= HEAD_LETTERS && known(c))
            || terms::split_compound(h, &known).is_some()
    }

    /// The text part of a query and the terms it is the union of, or `None` when the text has no searchable
    /// word.
    fn text_query(
        &self,
        searcher: &tantivy::Searcher,
        text: &str,
    ) -> Option<(union::TermUnion, Vec<Term>)> {
        let f = self.fields;
        let mut clauses: Vec<(Term, f32)> = Vec::new();
        let mut sv = self.analyzer("sv");
        let mut en = self.analyzer("en");
        let mut seen = BTreeSet::new();
        // A stop word of either language is left out of both: "the" says nothing in Swedish text either, and
        // its posting list is among the longest.
        let stop = |sv: &mut TextAnalyzer, en: &mut TextAnalyzer, w: &str| {
            tokens(sv, w).is_empty() || tokens(en, w).is_empty()
        };
        // Each word's other forms, base forms and compounds (words of four letters or more, as typed but
        // lowercase: the Swedish analyzer keeps å, ä and ö).
        let mut forms: Vec<(String, Forms)> = Vec::new();
        for w in text.split(|c: char| !c.is_alphanumeric()) {
            let w = w.to_lowercase();
            if w.chars().count() < 4
                || w.chars().all(|c| c.is_numeric())
                || forms.iter().any(|(x, _)| *x == w)
                || stop(&mut sv, &mut en, &w)
            {
                continue;
            }
            let found = self.forms(searcher, &mut sv, &mut en, &w);
            forms.push((w, found));
        }
        let lemmas: Vec<String> = forms
            .iter()
            .flat_map(|(_, x)| x.lemmas.iter().cloned())
            .collect();
        let (variants, split_words) = self.variants(searcher, text, &lemmas);
        let variants: Vec<String> = variants
            .iter()
            .map(|v| {
                v.split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty() && !stop(&mut sv, &mut en, w))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        let mut add = |clauses: &mut Vec<(Term, f32)>, field: Field, t: &str, weight: f32| {
            if seen.insert((field, t.to_owned())) {
                clauses.push((Term::from_field_text(field, t), weight));
            }
        };
        for (i, v) in variants.iter().enumerate() {
            // The words as typed weigh more than translations, compound parts and base forms.
            let weight = if i == 0 { 1.0 } else { 0.7 };
            for (analyzer, title, body) in [
                (&mut sv, f.title_sv, f.body_sv),
                (&mut en, f.title_en, f.body_en),
            ] {
                for t in tokens(analyzer, v) {
                    for (field, boost) in [(title, 3.0), (body, 1.0)] {
                        add(&mut clauses, field, &t, boost * weight);
                    }
                }
            }
            // A word's other forms weigh as the word: the stemmer would have merged them if it could.
            if i == 0 {
                for t in forms.iter().flat_map(|(_, x)| &x.stems) {
                    for (field, boost) in [(f.title_sv, 3.0), (f.body_sv, 1.0)] {
                        add(&mut clauses, field, t, boost);
                    }
                }
            }
        }
        // Compounds ending in a word weigh as a compound's parts do.
        for t in forms.iter().flat_map(|(_, x)| &x.compounds) {
            for (field, boost) in [(f.title_sv, 3.0), (f.body_sv, 1.0)] {
                add(&mut clauses, field, t, boost * 0.7);
            }
        }
        // Typo tolerance: a word the index does not know is replaced by the indexed words one edit away (two
        // from eight letters), searched like any other word so that the usual ranking applies.
        let reached: BTreeSet<String> = forms
            .iter()
            .filter(|(_, x)| !x.is_empty())
            .map(|(w, _)| terms::fold(w).trim().to_owned())
            .collect();
        for w in terms::words(text) {
            let n = w.chars().count();
            // A compound split into known words ("tvillingregisterdata") is understood, and so is a form whose
            // stem the index holds ("tvillingar", found through "tvilling"), and an inflection whose other forms,
            // base form or compounds it holds ("terapier", found in "cellterapier"): their corrections would be
            // other words one or two edits away, and looking for them was most of such a search's time.
            if n < 4
                || split_words.contains(&w)
                || reached.contains(&w)
                || self.known(searcher, &w)
                || [
                    (&mut sv, f.title_sv, f.body_sv),
                    (&mut en, f.title_en, f.body_en),
                ]
                .into_iter()
                .any(|(analyzer, title, body)| {
                    tokens(analyzer, &w)
                        .iter()
                        .any(|t| Self::holds(searcher, [title, body], t))
                })
            {
                continue;
            }
            // The closest words only: two edits are tried (from eight letters) when nothing is one edit away.
            let mut found = self.corrections(searcher, &w, 1);
            if found.is_empty() && n >= 8 {
                found = self.corrections(searcher, &w, 2);
            }
            for c in found {
                for (analyzer, title, body) in [
                    (&mut sv, f.title_sv, f.body_sv),
                    (&mut en, f.title_en, f.body_en),
                ] {
                    for t in tokens(analyzer, &c) {
                        for (field, boost) in [(title, 3.0), (body, 1.0)] {
                            add(&mut clauses, field, &t, boost * 0.8);
                        }
                    }
                }
            }
        }
        if clauses.is_empty() {
            return None;
        }
        let terms = clauses.iter().map(|(t, _)| t.clone()).collect();
        Some((
            union::TermUnion::new(clauses).cached(self.score_cache.clone()),
            terms,
        ))
    }

    /// The filters of a query: each a set of facet values (root, value) of which a match carries one.
    fn filter_values(q: &SearchQuery) -> Vec<Vec<(String, String)>> {
        let mut out = Vec::new();
        if !q.kinds.is_empty() {
            out.push(
                q.kinds
                    .iter()
                    .map(|k| ("kind".to_owned(), k.as_str().to_owned()))
                    .collect(),
            );
        }
        let single = [
            ("campus", q.campus.as_ref().map(Slug::to_string)),
            ("ownership", q.ownership.clone()),
            ("tag", q.tag.as_ref().map(Slug::to_string)),
        ];
        for (root, value) in single {
            if let Some(v) = value {
                out.push(vec![(root.to_owned(), v)]);
            }
        }
        out
    }

    /// The term of a facet value (root, value).
    fn facet_term(&self, (root, value): &(String, String)) -> Term {
        Term::from_facet(
            self.fields.facets,
            &Facet::from(&format!("/{root}/{value}")),
        )
    }

    fn hit(
        &self,
        searcher: &tantivy::Searcher,
        addr: tantivy::DocAddress,
        score: f32,
        lang: Lang,
        snippets: &[SnippetGenerator],
    ) -> Result<Option<Hit>, SearchError> {
        let doc: TantivyDocument = searcher.doc(addr)?;
        let f = &self.fields;
        let text = |field: Field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_owned()
        };
        let Some(kind) = DocKind::parse(&text(f.kind)) else {
            return Ok(None);
        };
        let Ok(slug) = Slug::parse(&text(f.slug)) else {
            return Ok(None);
        };
        let (title, other) = match lang {
            Lang::Sv => (text(f.title_sv), text(f.title_en)),
            Lang::En => (text(f.title_en), text(f.title_sv)),
        };
        // The snippet shows the matched words, in the page's language when they are found there, else in the
        // other language (which `snippet_lang` then names); with no matched words in either (a match on the
        // title, or through a facet) it is the opening of the text, in the page's language when there is one.
        let bodies = match lang {
            Lang::Sv => [(Lang::Sv, text(f.body_sv)), (Lang::En, text(f.body_en))],
            Lang::En => [(Lang::En, text(f.body_en)), (Lang::Sv, text(f.body_sv))],
        };
        let mut snippet = None;
        for ((written, _), g) in bodies.iter().zip(snippets) {
            let mut s = g.snippet_from_doc(&doc);
            if !s.highlighted().is_empty() {
                s.set_snippet_prefix_postfix("<mark>", "</mark>");
                snippet = Some((s.to_html(), *written));
                break;
            }
        }
        let snippet = snippet.or_else(|| {
            bodies
                .iter()
                .find(|(_, body)| !body.trim().is_empty())
                .map(|(written, body)| {
                    (
                        escape(&body.chars().take(200).collect::<String>()),
                        *written,
                    )
                })
        });
        let (snippet_html, snippet_lang) = snippet.unwrap_or((String::new(), lang));
        let mut campuses = Vec::new();
        let mut tags = Vec::new();
        for v in doc.get_all(f.facets) {
            if let Some(encoded) = v.as_facet() {
                // Stored facets are encoded with NUL separators and no leading slash.
                let path = format!("/{}", encoded.trim_start_matches('/').replace('\u{0}', "/"));
                if let Some(c) = path.strip_prefix("/campus/") {
                    campuses.extend(Slug::parse(c).ok());
                } else if let Some(t) = path.strip_prefix("/tag/") {
                    tags.extend(Slug::parse(t).ok());
                }
            }
        }
        Ok(Some(Hit {
            kind,
            slug,
            parent: Slug::parse(&text(f.parent)).ok(),
            title_lang: if title.trim().is_empty() {
                lang.other()
            } else {
                lang
            },
            title: if title.trim().is_empty() {
                other
            } else {
                title
            },
            snippet_html,
            snippet_lang,
            score,
            campuses,
            tags,
        }))
    }

    /// The facet masks of the searcher's segments, in its segment order: cached ones, new ones read now; masks
    /// of segments that are gone are dropped.
    fn masks(
        &self,
        searcher: &tantivy::Searcher,
    ) -> Result<Vec<std::sync::Arc<facets::FacetBits>>, SearchError> {
        let mut cache = self.facet_masks.lock().map_err(|_| SearchError::Poisoned)?;
        let mut out = Vec::new();
        for segment in searcher.segment_readers() {
            let id = segment.segment_id();
            let bits = match cache.get(&id) {
                Some(b) => b.clone(),
                None => {
                    let b = std::sync::Arc::new(facets::FacetBits::read(segment, "facets")?);
                    cache.insert(id, b.clone());
                    b
                }
            };
            out.push(bits);
        }
        let live: Vec<_> = searcher
            .segment_readers()
            .iter()
            .map(tantivy::SegmentReader::segment_id)
            .collect();
        cache.retain(|id, _| live.contains(id));
        self.count_cache.retain(&live);
        Ok(out)
    }

    /// The number of matches of the union of `terms` under the filters, and the facet counts.
    fn count(
        &self,
        searcher: &tantivy::Searcher,
        terms: &[Term],
        filters: &[Vec<(String, String)>],
        dense_share: u32,
    ) -> Result<(usize, facets::FacetCounts), SearchError> {
        let masks = self.masks(searcher)?;
        let what = facets::Counting {
            terms,
            filters,
            dense_share,
        };
        let (n, list) = facets::count(searcher, &masks, &what, &self.count_cache)?;
        Ok((usize::try_from(n).unwrap_or(usize::MAX), list))
    }

    /// Searches. An empty or wordless text matches nothing (with zero counts).
    pub fn search(&self, q: &SearchQuery) -> Result<SearchResults, SearchError> {
        let searcher = self.reader.searcher();
        let Some((text, terms)) = self.text_query(&searcher, &q.text) else {
            return Ok(SearchResults::default());
        };
        let groups = Self::filter_values(q);
        // The top documents are found term at a time, the filters applied as bit sets (see `union.rs`). The total
        // and the facet counts need every match but no score: they come from bit sets too (see `facets.rs`).
        let query = text.filtered(
            groups
                .iter()
                .map(|group| group.iter().map(|v| self.facet_term(v)).collect())
                .collect(),
        );
        let limit = q.limit.clamp(1, 100);
        let top = searcher.search(&query, &TopDocs::with_limit(limit).and_offset(q.offset))?;
        let (total, facet_list) = self.count(&searcher, &terms, &groups, facets::DENSE_SHARE)?;
        let lang = q.lang.unwrap_or(Lang::En);
        let (first, second) = match lang {
            Lang::Sv => (self.fields.body_sv, self.fields.body_en),
            Lang::En => (self.fields.body_en, self.fields.body_sv),
        };
        let mut generators = Vec::new();
        for field in [first, second] {
            let mut g = SnippetGenerator::create(&searcher, &text, field)?;
            g.set_max_num_chars(220);
            generators.push(g);
        }
        // The hits are read on the calling thread: handing ten documents to a thread pool measured slower at
        // the median and the tail (waking the pool's threads), and a loaded server has no idle core anyway.
        let mut hits = Vec::new();
        for (score, addr) in top {
            hits.extend(self.hit(&searcher, addr, score, lang, &generators)?);
        }
        Ok(SearchResults {
            total,
            hits,
            facets: facet_list,
        })
    }

    /// Titles starting with the last word typed (after the earlier words), for the search box: (kind, slug,
    /// title in `lang`).
    pub fn suggest(&self, prefix: &str, lang: Lang, limit: usize) -> Result<Vec<Hit>, SearchError> {
        /// How many matching titles are ranked for the list (a two-letter prefix of a big index matches more;
        /// the list is then the best of these).
        const SUGGEST_POOL: usize = 200;
        let searcher = self.reader.searcher();
        let words = terms::words(prefix);
        let Some((last, before)) = words.split_last() else {
            return Ok(Vec::new());
        };
        if last.chars().count() < 2 {
            return Ok(Vec::new());
        }
        let f = self.fields;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = before
            .iter()
            .map(|w| -> (Occur, Box<dyn Query>) {
                (
                    Occur::Must,
                    Box::new(TermQuery::new(
                        Term::from_field_text(f.title_plain, w),
                        IndexRecordOption::Basic,
                    )),
                )
            })
            .collect();
        clauses.push((
            Occur::Must,
            Box::new(FuzzyTermQuery::new_prefix(
                Term::from_field_text(f.title_plain, last),
                0,
                true,
            )),
        ));
        let query = BooleanQuery::new(clauses);
        // Every title that starts with the words scores the same, and among equal scores tantivy returns the
        // documents in index order, which depends on how the writes were batched. So a wider set is read and the
        // shortest titles — the closest to what was typed — come first, then by title: the same list on every
        // index of the same data.
        let top = searcher.search(&query, &TopDocs::with_limit(SUGGEST_POOL))?;
        let mut out = Vec::new();
        for (score, addr) in top {
            if let Some(h) = self.hit(&searcher, addr, score, lang, &[])? {
                out.push(h);
            }
        }
        out.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| a.title.chars().count().cmp(&b.title.chars().count()))
                .then_with(|| a.title.cmp(&b.title))
                .then_with(|| a.slug.cmp(&b.slug))
        });
        out.truncate(limit.clamp(1, 20));
        Ok(out)
    }

    /// The folded words of `text` that also occur (after stemming in either language, or through the term list)
    /// in `doc_text`: the reasons a document matched.
    pub fn matched_words(&self, text: &str, doc_text: &str) -> Vec<String> {
        let mut sv = self.analyzer("sv");
        let mut en = self.analyzer("en");
        let doc: BTreeSet<String> = tokens(&mut sv, doc_text)
            .into_iter()
            .chain(tokens(&mut en, doc_text))
            .collect();
        let mut out = Vec::new();
        for word in text.split_whitespace() {
            let clean: String = word
                .chars()
                .filter(|c| c.is_alphanumeric() || *c == '-')
                .collect();
            if clean.is_empty() || is_filler(&terms::fold(&clean)) {
                continue;
            }
            // Stop words of either language ("for", "i") are never a reason.
            if tokens(&mut sv, &clean).is_empty() || tokens(&mut en, &clean).is_empty() {
                continue;
            }
            let mut candidates = vec![clean.clone()];
            candidates.extend(self.terms.expansions(&clean));
            let hit = candidates.iter().any(|c| {
                tokens(&mut sv, c)
                    .iter()
                    .chain(tokens(&mut en, c).iter())
                    .any(|t| doc.contains(t))
            });
            if hit && !out.contains(&clean) {
                out.push(clean);
            }
        }
        out
    }

    /// The stored texts of a hit (both titles and bodies), for explaining a match.
    pub fn stored_text(&self, kind: DocKind, slug: &Slug) -> Result<String, SearchError> {
        let searcher = self.reader.searcher();
        let f = self.fields;
        let q = BooleanQuery::new(vec![
            (
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(f.slug, slug.as_str()),
                    IndexRecordOption::Basic,
                )) as Box<dyn Query>,
            ),
            (
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(f.kind, kind.as_str()),
                    IndexRecordOption::Basic,
                )),
            ),
        ]);
        let top = searcher.search(&q, &TopDocs::with_limit(1))?;
        let Some((_, addr)) = top.first() else {
            return Ok(String::new());
        };
        let doc: TantivyDocument = searcher.doc(*addr)?;
        let mut out = String::new();
        for field in [f.title_sv, f.title_en, f.body_sv, f.body_en] {
            for v in doc.get_all(field) {
                if let Some(s) = v.as_str() {
                    out.push_str(s);
                    out.push('\n');
                }
            }
        }
        Ok(out)
    }

    /// The term list in use.
    pub fn terms(&self) -> &TermList {
        &self.terms
    }
}

/// The Damerau–Levenshtein distance (adjacent transpositions count one) between `a` and `b`, when it is at most
/// `max`.
pub fn edit_distance(a: &str, b: &str, max: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let mut prev2: Vec<usize> = vec![0; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        let mut row_min = cur[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                cur[j] = cur[j].min(prev2[j - 2] + 1);
            }
            row_min = row_min.min(cur[j]);
        }
        if row_min > max {
            return None;
        }
        prev2 = std::mem::replace(&mut prev, cur);
    }
    Some(prev[b.len()]).filter(|d| *d <= max)
}

/// HTML-escapes `&`, `<`, `>`, `"` and `'`.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A need matched against the catalogue: the hit, its adjusted score and why it matched.
#[derive(Debug, Clone)]
pub struct Match {
    /// The document.
    pub hit: Hit,
    /// The words of the need found in it.
    pub words: Vec<String>,
    /// The campus of the need it is on, if the need named one.
    pub campus: Option<Slug>,
    /// Whether the need asks for space and this is premises (or a space service).
    pub space: bool,
}

/// Words that say how a need is asked, not what it is about (folded, both languages): "we want", "looking
/// for", "real", "vi behöver", "hjälp att hitta". They are never a reason for a match and never rank one.
pub const FILLER_WORDS: &[&str] = &[
    // English
    "want",
    "wants",
    "wanted",
    "wanting",
    "need",
    "needs",
    "needed",
    "needing",
    "looking",
    "look",
    "looks",
    "find",
    "finding",
    "found",
    "help",
    "helps",
    "helping",
    "real",
    "really",
    "would",
    "like",
    "likes",
    "get",
    "getting",
    "use",
    "using",
    "some",
    "something",
    "someone",
    "our",
    "ours",
    "we",
    "us",
    "my",
    "me",
    "i",
    "you",
    "your",
    "can",
    "could",
    "please",
    "able",
    "good",
    "also",
    "just",
    "very",
    "much",
    "many",
    "any",
    "anything",
    "who",
    "what",
    "where",
    "which",
    "how",
    "do",
    "does",
    "did",
    "have",
    "has",
    "had",
    "make",
    "making",
    "try",
    "trying",
    "seek",
    "seeking",
    "search",
    "searching",
    "interested",
    "possible",
    "possibility",
    "way",
    "ways",
    "thing",
    "things",
    "kind",
    "sort",
    "sorts",
    "place",
    "someplace",
    "right",
    // Swedish
    "vill",
    "ville",
    "behover",
    "behovde",
    "behov",
    "soker",
    "sokte",
    "letar",
    "leta",
    "hitta",
    "hittar",
    "hjalp",
    "hjalpa",
    "riktig",
    "riktigt",
    "riktiga",
    "verklig",
    "verkligt",
    "verkliga",
    "verkligen",
    "var",
    "vart",
    "vara",
    "vi",
    "oss",
    "min",
    "mitt",
    "mina",
    "jag",
    "mig",
    "du",
    "ni",
    "er",
    "ert",
    "era",
    "nagot",
    "nagon",
    "nagra",
    "kunna",
    "kan",
    "kunde",
    "skulle",
    "garna",
    "bra",
    "ocksa",
    "bara",
    "mycket",
    "manga",
    "vem",
    "vad",
    "var",
    "vilken",
    "vilket",
    "vilka",
    "hur",
    "gora",
    "gor",
    "har",
    "hade",
    "fa",
    "far",
    "forsoka",
    "intresserad",
    "intresserade",
    "mojlighet",
    "mojligheter",
    "satt",
    "slags",
    "sorts",
    "plats",
    "ratt",
];

/// Whether a folded word only says how a need is asked.
pub fn is_filler(word: &str) -> bool {
    FILLER_WORDS.contains(&word)
}

/// The folded words of a need that say what it is about: no filler, no stop word of either language, no
/// single letters.
pub fn content_words(need: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in terms::words(need) {
        let w: String = w
            .chars()
            .filter(|c| c.is_alphanumeric() || *c == '-')
            .collect();
        if w.chars().count() < 2 || is_filler(&w) || STOP_FOLDED.contains(&w.as_str()) {
            continue;
        }
        if !out.contains(&w) {
            out.push(w);
        }
    }
    out
}

/// The stop words of both analyzers, folded, for telling content words without an analyzer at hand.
const STOP_FOLDED: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it",
    "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there", "these",
    "they", "this", "to", "was", "will", "with", "och", "det", "att", "i", "en", "jag", "hon",
    "som", "han", "pa", "den", "med", "av", "till", "ar", "inte", "om", "ett", "men", "de", "sa",
    "nar", "fran", "eller", "hos", "for", "utan", "efter", "under", "mot", "vid", "dar", "sin",
    "sina", "sitt",
];

/// Whether a match stands on enough of the need to be offered as a door: two of its words, or a third of
/// them. A need that no match stands on is one the matching does not know how to answer.
pub fn is_good_match(m: &Match, content: &[String]) -> bool {
    let n = m.words.len();
    n >= 2 || (n >= 1 && n * 3 >= content.len())
}

/// Words that mean a need is about space (folded).
const SPACE_WORDS: &[&str] = &[
    "lokal",
    "lokaler",
    "lokalerna",
    "kontor",
    "kontorslokal",
    "kontorslokaler",
    "labbplats",
    "labbplatser",
    "labblokal",
    "labblokaler",
    "kontorsplats",
    "premises",
    "office",
    "offices",
    "space",
    "desk",
    "desks",
    "rent",
    "hyra",
    "yta",
];

/// Words that mean a need is for a service (manufacturing, trials, analysis...), which infrastructures answer.
const SERVICE_WORDS: &[&str] = &[
    "gmp",
    "manufacturing",
    "tillverkning",
    "trial",
    "trials",
    "provning",
    "provningar",
    "studie",
    "studier",
    "analysis",
    "analys",
    "sequencing",
    "sekvensering",
    "data",
    "registry",
    "register",
    "biobank",
    "samples",
    "prover",
];

impl SearchIndex {
    /// Ranks infrastructures, services, premises and actors for a plain-language need. Services and
    /// infrastructures come first for service needs, premises for space needs; a campus named in the need
    /// lifts what is on it. `campuses` maps folded campus names and slugs to campus slugs.
    pub fn match_need(
        &self,
        need: &str,
        lang: Lang,
        campuses: &HashMap<String, Slug>,
        limit: usize,
    ) -> Result<Vec<Match>, SearchError> {
        let words = terms::words(need);
        let space = words.iter().any(|w| SPACE_WORDS.contains(&w.as_str()))
            || self
                .terms
                .expansions(need)
                .iter()
                .any(|e| e.contains("premises") || e.contains("space") || e.contains("office"));
        let service = words.iter().any(|w| SERVICE_WORDS.contains(&w.as_str()));
        let campus = words.iter().find_map(|w| campuses.get(w).cloned());
        // What the need is about ranks the doors; how it is asked ("we want", "vi behöver") does not.
        let about = content_words(need).join(" ");
        if about.is_empty() {
            return Ok(Vec::new());
        }
        let results = self.search(&SearchQuery {
            text: about,
            lang: Some(lang),
            kinds: vec![
                DocKind::Service,
                DocKind::Infrastructure,
                DocKind::Premises,
                DocKind::Actor,
            ],
            limit: 60,
            ..SearchQuery::default()
        })?;
        let mut out: Vec<Match> = results
            .hits
            .into_iter()
            .map(|mut hit| {
                let kind_weight = match hit.kind {
                    DocKind::Service => 1.5,
                    DocKind::Infrastructure => 1.3,
                    DocKind::Premises if space => 3.0,
                    DocKind::Premises => 0.6,
                    DocKind::Actor => 0.5,
                    DocKind::MeetingPlace if space => 1.0,
                    DocKind::FocusArea
                    | DocKind::Measure
                    | DocKind::Event
                    | DocKind::MeetingPlace
                    | DocKind::News
                    | DocKind::HealthSource => 0.0,
                };
                let on_campus = campus
                    .as_ref()
                    .filter(|c| hit.campuses.contains(c))
                    .cloned();
                let mut score = hit.score * kind_weight;
                if on_campus.is_some() {
                    score *= 1.5;
                }
                let space_hit = space
                    && (hit.kind == DocKind::Premises
                        || hit.tags.iter().any(|t| {
                            matches!(t.as_str(), "lab-space" | "office-space" | "premises")
                        }));
                if space_hit {
                    score *= 1.5;
                }
                if service && !space && hit.kind == DocKind::Premises {
                    score *= 0.5;
                }
                hit.score = score;
                let text = self.stored_text(hit.kind, &hit.slug).unwrap_or_default();
                Match {
                    words: self.matched_words(need, &text),
                    campus: on_campus,
                    space: space_hit,
                    hit,
                }
            })
            .collect();
        out.sort_by(|a, b| b.hit.score.total_cmp(&a.hit.score));
        out.truncate(limit);
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::LangText;

    fn doc(
        kind: DocKind,
        id: i64,
        slug: &str,
        title: (&str, &str),
        body: (&str, &str),
    ) -> SearchDoc {
        SearchDoc {
            kind,
            row_id: id,
            slug: Slug::parse(slug).expect("slug"),
            title: LangText::new(title.0, title.1),
            body: LangText::new(body.0, body.1),
            tag_labels: LangText::default(),
            tags: vec![],
            campuses: vec![Slug::parse("solna").expect("slug")],
            ownership: Some("region".into()),
            parent: None,
        }
    }

    fn index() -> SearchIndex {
        let (index, cursor) = SearchIndex::open(None, TermList::built_in()).expect("index");
        assert_eq!(cursor, None);
        index
            .rebuild(
                &[
                    doc(
                        DocKind::Infrastructure,
                        1,
                        "vecura",
                        ("Vecura", "Vecura"),
                        (
                            "GMP-anläggning för cellterapi",
                            "GMP facility for cell therapy",
                        ),
                    ),
                    doc(
                        DocKind::Actor,
                        2,
                        "karolinska-institutet",
                        ("Karolinska Institutet", "Karolinska Institutet"),
                        ("Medicinskt universitet", "Medical university"),
                    ),
                    doc(
                        DocKind::Infrastructure,
                        3,
                        "svenska-tvillingregistret",
                        ("Svenska tvillingregistret", "Swedish Twin Registry"),
                        ("Världens största tvillingregister", ""),
                    ),
                    doc(
                        DocKind::Actor,
                        4,
                        "evil",
                        ("<script>alert(1)</script> Evil", "<b>Evil</b>"),
                        (
                            "<img src=x onerror=alert(1)> cellterapi",
                            "<img src=x onerror=alert(1)> cell therapy",
                        ),
                    ),
                ],
                7,
                &mut |_| {},
            )
            .expect("rebuild");
        index
    }

    fn slugs(r: &SearchResults) -> Vec<String> {
        r.hits.iter().map(|h| h.slug.to_string()).collect()
    }

    fn q(text: &str, lang: Lang) -> SearchQuery {
        SearchQuery {
            text: text.into(),
            lang: Some(lang),
            limit: 10,
            ..SearchQuery::default()
        }
    }

    #[test]
    fn finds_across_languages_typos_and_compounds() {
        let i = index();
        assert_eq!(i.cursor(), Some(7));
        let r = i.search(&q("karolinsak", Lang::En)).expect("search");
        assert_eq!(
            slugs(&r).first().map(String::as_str),
            Some("karolinska-institutet")
        );
        let r = i.search(&q("twin", Lang::En)).expect("search");
        assert!(
            slugs(&r).contains(&"svenska-tvillingregistret".to_owned()),
            "twin finds the Swedish-only text"
        );
        let r = i
            .search(&q("cellterapianläggning", Lang::Sv))
            .expect("search");
        assert_eq!(slugs(&r).first().map(String::as_str), Some("vecura"));
        let r = i.search(&q("!!! ...", Lang::Sv)).expect("search");
        assert_eq!(r.total, 0);
        let r = i.search(&q("", Lang::Sv)).expect("search");
        assert_eq!(r.total, 0);
    }

    #[test]
    fn a_need_is_matched_on_what_it_is_about_not_how_it_is_asked() {
        let i = index();
        let none = HashMap::new();
        let m = i
            .match_need("We really want a real GMP facility", Lang::En, &none, 5)
            .expect("match");
        let top = m.first().expect("a match");
        assert_eq!(top.hit.slug.as_str(), "vecura");
        assert_eq!(top.words, vec!["GMP".to_owned(), "facility".to_owned()]);
        assert!(is_good_match(
            top,
            &content_words("We really want a real GMP facility")
        ));
        // A need of filler alone matches nothing, in either language.
        for need in [
            "we want something real",
            "vi behöver verkligen hjälp att hitta något",
        ] {
            assert!(
                i.match_need(need, Lang::Sv, &none, 5)
                    .expect("match")
                    .is_empty(),
                "{need}"
            );
        }
        // One word of five that fits is not a good match.
        let need = "helicopter submarine volcano glacier twin";
        let m = i.match_need(need, Lang::En, &none, 5).expect("match");
        assert!(m.iter().all(|x| !is_good_match(x, &content_words(need))));
    }

    proptest::proptest! {
        /// Whatever else a need says, filler and stop words are never given as the reason for a match.
        #[test]
        fn reasons_never_rest_on_filler_or_stop_words(
            picks in proptest::collection::vec(0usize..FILLER_WORDS.len() + STOP_FOLDED.len(), 1..8),
            content in proptest::sample::select(vec!["GMP", "cellterapi", "twin", "Karolinska", ""]),
        ) {
            let i = index();
            let mut need: Vec<&str> = picks
                .iter()
                .map(|p| if *p < FILLER_WORDS.len() { FILLER_WORDS[*p] } else { STOP_FOLDED[*p - FILLER_WORDS.len()] })
                .collect();
            need.push(content);
            let need = need.join(" ");
            for m in i.match_need(&need, Lang::En, &HashMap::new(), 5).expect("match") {
                for w in &m.words {
                    let folded = terms::fold(w);
                    proptest::prop_assert!(!is_filler(&folded), "{w} in {need}");
                    proptest::prop_assert!(!STOP_FOLDED.contains(&folded.as_str()), "{w} in {need}");
                }
            }
        }
    }

    #[test]
    fn snippets_are_escaped_and_facets_counted() {
        let i = index();
        let r = i.search(&q("cell therapy", Lang::En)).expect("search");
        assert!(r.total >= 2);
        for h in &r.hits {
            assert!(
                !h.snippet_html.contains("<img") && !h.snippet_html.contains("<script"),
                "{}",
                h.snippet_html
            );
        }
        assert!(r.hits.iter().any(|h| h.snippet_html.contains("<mark>")));
        let kinds: u64 = r.facets.iter().filter(|f| f.0 == "kind").map(|f| f.2).sum();
        assert_eq!(
            kinds, r.total as u64,
            "every match is counted under one kind"
        );
        let only = i
            .search(&SearchQuery {
                kinds: vec![DocKind::Infrastructure],
                ..q("cell therapy", Lang::En)
            })
            .expect("search");
        assert!(only.hits.iter().all(|h| h.kind == DocKind::Infrastructure));
    }

    /// The total and facet counts tantivy's own collectors give for the query `search` runs.
    fn collected(
        i: &SearchIndex,
        text: &str,
        groups: &[Vec<(String, String)>],
    ) -> Option<(usize, facets::FacetCounts)> {
        use tantivy::collector::{Count, FacetCollector};
        let searcher = i.reader.searcher();
        let (query, _) = i.text_query(&searcher, text)?;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, Box::new(query))];
        for group in groups {
            let any: Vec<(Occur, Box<dyn Query>)> = group
                .iter()
                .map(|v| {
                    let q = TermQuery::new(i.facet_term(v), IndexRecordOption::Basic);
                    (Occur::Should, Box::new(q) as Box<dyn Query>)
                })
                .collect();
            clauses.push((Occur::Must, Box::new(BooleanQuery::new(any))));
        }
        let query = BooleanQuery::new(clauses);
        let mut collector = FacetCollector::for_field("facets");
        for root in facets::ROOTS {
            collector.add_facet(Facet::from(format!("/{root}").as_str()));
        }
        let (total, counts) = searcher
            .search(&query, &(Count, collector))
            .expect("collect");
        let mut expected = Vec::new();
        for root in facets::ROOTS {
            for (facet, n) in counts.get(&format!("/{root}")) {
                let path = facet.to_string();
                let value = path.rsplit('/').next().unwrap_or_default().to_owned();
                expected.push((root.to_owned(), value, n));
            }
        }
        Some((total, expected))
    }

    /// Asserts that counting from bit sets (with every word kept as a bit set, with none, and as in production)
    /// gives what tantivy's collectors give; returns the number of matches.
    fn counts_agree(i: &SearchIndex, text: &str, groups: &[Vec<(String, String)>]) -> usize {
        let searcher = i.reader.searcher();
        let Some(expected) = collected(i, text, groups) else {
            return 0;
        };
        let (_, terms) = i.text_query(&searcher, text).expect("a query");
        for share in [1, facets::DENSE_SHARE, u32::MAX] {
            // Twice: the second time the kept bit sets are used.
            for _ in 0..2 {
                let got = i.count(&searcher, &terms, groups, share).expect("count");
                assert_eq!(got, expected, "{text} {groups:?} share {share}");
            }
        }
        expected.0
    }

    #[test]
    fn counts_from_bit_sets_equal_tantivys_collectors() {
        let i = index();
        let kind = |k: &str| vec![("kind".to_owned(), k.to_owned())];
        let mut matched = 0;
        for text in [
            "cell therapy",
            "flemingsberg",
            "gmp",
            "karolinsak",
            "data",
            "twin",
        ] {
            matched += counts_agree(&i, text, &[]);
            counts_agree(&i, text, &[kind("infrastructure")]);
            counts_agree(
                &i,
                text,
                &[vec![
                    ("kind".to_owned(), "actor".to_owned()),
                    ("kind".to_owned(), "infrastructure".to_owned()),
                ]],
            );
            counts_agree(
                &i,
                text,
                &[
                    kind("actor"),
                    vec![("campus".to_owned(), "solna".to_owned())],
                ],
            );
            counts_agree(
                &i,
                text,
                &[vec![("campus".to_owned(), "nowhere".to_owned())]],
            );
        }
        assert!(matched > 0, "some queries match");
        // Deleted and replaced documents, in a second segment.
        i.apply(
            &[("actor".into(), 2)],
            &[doc(
                DocKind::Actor,
                5,
                "cell-lab",
                ("Cell lab", "Cell lab"),
                ("Cellterapi och data", "Cell therapy and data"),
            )],
            8,
        )
        .expect("apply");
        for text in ["cell therapy", "karolinska", "data"] {
            counts_agree(&i, text, &[]);
            counts_agree(&i, text, &[kind("actor")]);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(40))]
        #[test]
        fn counts_agree_on_any_corpus_query_and_filter(
            docs in proptest::collection::vec(
                (0usize..3, 0usize..3, proptest::collection::vec(0usize..8, 1..6), proptest::bool::ANY),
                4..40,
            ),
            words in proptest::collection::vec(0usize..8, 1..4),
            filter in 0usize..4,
            deleted in proptest::collection::vec(0usize..20, 1..6),
        ) {
            const VOCAB: [&str; 8] = ["cell", "therapy", "data", "lab", "gmp", "twin", "solna", "register"];
            const KINDS: [DocKind; 3] = [DocKind::Actor, DocKind::Service, DocKind::Premises];
            const CAMPUSES: [&str; 3] = ["solna", "flemingsberg", "kista"];
            let (i, _) = SearchIndex::open(None, TermList::built_in()).expect("index");
            let all: Vec<SearchDoc> = docs
                .iter()
                .enumerate()
                .map(|(n, (k, c, ws, two))| {
                    let text: Vec<&str> = ws.iter().map(|w| VOCAB[*w]).collect();
                    let mut d = doc(KINDS[*k], n as i64, &format!("d{n}"), ("x", "x"), (&text.join(" "), ""));
                    d.campuses = vec![Slug::parse(CAMPUSES[*c]).expect("slug")];
                    if *two {
                        d.campuses.push(Slug::parse(CAMPUSES[(*c + 1) % 3]).expect("slug"));
                    }
                    d
                })
                .collect();
            let half = all.len() / 2;
            i.rebuild(&all[..half], 1, &mut |_| {}).expect("rebuild");
            let gone: Vec<(String, i64)> = deleted
                .iter()
                .filter_map(|n| all.get(*n))
                .map(|d| (d.kind.source().to_owned(), d.row_id))
                .collect();
            i.apply(&gone, &all[half..], 2).expect("apply");
            let text: Vec<&str> = words.iter().map(|w| VOCAB[*w]).collect();
            let groups = match filter {
                0 => vec![],
                1 => vec![vec![("kind".to_owned(), "service".to_owned())]],
                2 => vec![vec![("campus".to_owned(), "kista".to_owned())]],
                _ => vec![
                    vec![("kind".to_owned(), "actor".to_owned()), ("kind".to_owned(), "premises".to_owned())],
                    vec![("campus".to_owned(), "solna".to_owned())],
                ],
            };
            counts_agree(&i, &text.join(" "), &groups);
        }
    }

    /// A document with Swedish text only.
    fn swedish(id: i64, text: &str) -> SearchDoc {
        doc(
            DocKind::Service,
            id,
            &format!("d{id}"),
            ("", ""),
            (text, ""),
        )
    }

    fn all_slugs(i: &SearchIndex, text: &str) -> Vec<String> {
        slugs(
            &i.search(&SearchQuery {
                limit: 100,
                ..q(text, Lang::Sv)
            })
            .expect("search"),
        )
    }

    #[test]
    fn inflected_swedish_words_find_their_base_alone_and_ending_compounds() {
        let (i, _) = SearchIndex::open(None, TermList::built_in()).expect("index");
        let docs = [
            swedish(1, "Regionens forskningsinfrastrukturer"),
            swedish(2, "Lediga kontorslokaler i Solna"),
            swedish(3, "GMP-anläggning för cellterapier"),
            swedish(4, "Labbet har plats för tio"),
            swedish(5, "Läkemedlet prövas"),
            doc(
                DocKind::Actor,
                6,
                "d6",
                ("", ""),
                ("Marknaden växer", "The market grows"),
            ),
            swedish(7, "Mark och byggnader"),
            swedish(8, "Vokaler och fokal planering"),
            doc(DocKind::Actor, 9, "d9", ("", ""), ("Celler", "Cell lines")),
        ];
        i.rebuild(&docs, 1, &mut |_| {}).expect("rebuild");
        let finds = |text: &str, slug: &str| {
            let found = all_slugs(&i, text);
            assert!(
                found.contains(&slug.to_owned()),
                "{text} finds {slug}: {found:?}"
            );
            found
        };
        for text in [
            "infrastruktur",
            "infrastrukturen",
            "infrastrukturerna",
            "infrastrukturs",
        ] {
            finds(text, "d1");
        }
        for text in ["lokal", "lokalen", "lokalerna", "lokalens"] {
            assert!(
                !finds(text, "d2").contains(&"d8".to_owned()),
                "{text} is no vokal"
            );
        }
        for text in ["terapi", "terapin", "terapier", "terapierna"] {
            finds(text, "d3");
        }
        for text in ["labb", "labben", "labbets", "labbarna"] {
            finds(text, "d4");
        }
        for text in ["läkemedel", "läkemedlen"] {
            finds(text, "d5");
        }
        let market = finds("market", "d6");
        assert!(
            !market.contains(&"d7".to_owned()),
            "an English word is not taken apart as Swedish: {market:?}"
        );
        // An inflected form finds what its base form finds, in the other language too.
        let cell = all_slugs(&i, "cell");
        assert!(cell.contains(&"d9".to_owned()), "{cell:?}");
        for text in ["cellen", "cellerna", "cellernas"] {
            let found = all_slugs(&i, text);
            assert!(
                cell.iter().all(|s| found.contains(s)),
                "{text}: {found:?} has all of {cell:?}"
            );
        }
    }

    /// The letters of generated Swedish noun-like words.
    const ONSETS: &str = "bdfgkmnprstv";
    const VOWELS: &str = "aeiouyåäö";
    const CODAS: &str = "bdfgklmnprtv";

    /// A generated word's regular forms: the base first, then each inflection.
    fn inflections(base: &str) -> Vec<String> {
        let endings: &[&str] = match base.chars().last() {
            Some('a') => &["n", "or", "orna", "s", "ns"],
            Some('e') => &["n", "r", "rna", "s", "t", "na"],
            Some('i') => &["n", "er", "erna", "s", "ns"],
            _ => &[
                "en", "et", "er", "ar", "or", "erna", "arna", "orna", "s", "ens", "ets",
            ],
        };
        let stem = |e: &str| match (base.strip_suffix('a'), e) {
            (Some(short), "or" | "orna") => format!("{short}{e}"),
            _ => format!("{base}{e}"),
        };
        std::iter::once(base.to_owned())
            .chain(endings.iter().map(|e| stem(e)))
            .collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        /// A document holding a Swedish noun in any regular form, alone or as the last part of a compound, is
        /// found by every form of it, and a document holding an unrelated word is not.
        #[test]
        fn every_form_of_a_word_finds_every_other_alone_or_ending_a_compound(
            letters in proptest::collection::vec((0usize..12, 0usize..9, 0usize..12, 0usize..12), 2),
            last in 0usize..4,
            held in 0usize..12,
            head in proptest::option::of(0usize..5),
        ) {
            const HEADS: [&str; 5] = ["forsknings", "kontors", "labb", "klinik", "företags"];
            let pick = |set: &str, n: usize| set.chars().nth(n % set.chars().count()).unwrap_or('b');
            // Two words of the shape consonant, vowel, two consonants (and a final vowel): "bralk", "tanke".
            let word = |(a, b, c, d): (usize, usize, usize, usize), first: bool| {
                let mut w: String = [pick(ONSETS, a), pick(VOWELS, b), pick(CODAS, c), pick(CODAS, d)].iter().collect();
                // The unrelated word starts with a letter the other never does.
                if !first {
                    w.insert(0, 'h');
                }
                match last {
                    1 => w.push('a'),
                    2 => w.push('e'),
                    3 => w.push('i'),
                    _ => {}
                }
                w
            };
            let base = word(letters[0], true);
            let other = word(letters[1], false);
            let (i, _) = SearchIndex::open(None, TermList::built_in()).expect("index");
            let mut sv = i.analyzer("sv");
            let mut en = i.analyzer("en");
            let forms = inflections(&base);
            let stem = |sv: &mut TextAnalyzer, w: &str| tokens(sv, w).concat();
            // The rules of the stemmer's game: no form is a stop word, the base stems to four letters or more,
            // and a compound's stem is its first part and the stem of its last (the stemmer looks at a short
            // word's end only past its first vowel and consonant, at a compound's end throughout).
            for f in &forms {
                proptest::prop_assume!(!tokens(&mut sv, f).is_empty() && !tokens(&mut en, f).is_empty());
                if let Some(h) = head {
                    let whole = stem(&mut sv, &format!("{}{f}", HEADS[h]));
                    proptest::prop_assume!(whole == format!("{}{}", HEADS[h], stem(&mut sv, f)));
                }
            }
            proptest::prop_assume!(stem(&mut sv, &base).chars().count() >= TAIL_LETTERS);
            let text = |w: &str| match head {
                Some(h) => format!("Om {}{w}", HEADS[h]),
                None => format!("Om {w}"),
            };
            let held = &forms[held % forms.len()];
            i.rebuild(&[swedish(1, &text(held)), swedish(2, &text(&other))], 1, &mut |_| {}).expect("rebuild");
            for f in &forms {
                let found = all_slugs(&i, f);
                proptest::prop_assert!(found.contains(&"d1".to_owned()), "{f} finds {}: {found:?}", text(held));
                proptest::prop_assert!(!found.contains(&"d2".to_owned()), "{f} finds {}: {found:?}", text(&other));
            }
        }
    }

    #[test]
    fn changes_replace_and_remove_documents() {
        let i = index();
        i.apply(
            &[("actor".into(), 1), ("actor".into(), 2)],
            &[doc(
                DocKind::Infrastructure,
                1,
                "vecura",
                ("Vecura", "Vecura"),
                ("Renamed unit", "Renamed unit"),
            )],
            9,
        )
        .expect("apply");
        assert_eq!(i.cursor(), Some(9));
        assert!(
            slugs(&i.search(&q("karolinska", Lang::En)).expect("s")).is_empty(),
            "a deleted actor is gone"
        );
        assert_eq!(
            slugs(&i.search(&q("renamed", Lang::En)).expect("s")),
            vec!["vecura"]
        );
        assert_eq!(i.len(), 3);
    }

    #[test]
    fn edit_distances() {
        assert_eq!(edit_distance("karolinsak", "karolinska", 2), Some(1));
        assert_eq!(edit_distance("vecrua", "vecura", 1), Some(1));
        assert_eq!(edit_distance("kth", "ki", 1), None);
        assert_eq!(edit_distance("", "abc", 3), Some(3));
    }

    proptest::proptest! {
        #[test]
        fn edit_distance_is_symmetric_and_zero_only_for_equal(a in "[a-c]{0,8}", b in "[a-c]{0,8}") {
            let d = edit_distance(&a, &b, 16);
            proptest::prop_assert_eq!(d, edit_distance(&b, &a, 16));
            proptest::prop_assert_eq!(d == Some(0), a == b);
        }
    }

    #[test]
    fn completion_finds_titles_by_prefix() {
        let i = index();
        let s = i.suggest("karo", Lang::En, 5).expect("suggest");
        assert_eq!(
            s.first().map(|h| h.slug.as_str()),
            Some("karolinska-institutet")
        );
        assert!(i.suggest("k", Lang::En, 5).expect("suggest").is_empty());
        let s = i.suggest("swedish twin re", Lang::En, 5).expect("suggest");
        assert_eq!(
            s.first().map(|h| h.title.as_str()),
            Some("Swedish Twin Registry")
        );
    }
}
