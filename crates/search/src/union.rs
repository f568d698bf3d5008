//! The text part of a search: a union of weighted terms, and its top documents found term by term.
//!
//! The words of a query in this corpus are mostly common ones, so most of a search's time is walking their
//! posting lists. tantivy walks a union of term clauses document by document (a buffered union that scores each
//! document with every term on it), or by block-max WAND when every term is in the segment and no clause is
//! required. On long queries neither pruned much: the tenth best score is reached by documents holding several
//! common words, so WAND and MaxScore (both tried) visited nearly every match and paid more per document than the
//! plain walk. Here the top documents are found "term at a time": each term's posting list is read block by block
//! and its BM25 score added into one score per document of the segment (or, when the terms are rare in a large
//! segment, into sorted (document, score) pairs), then the scores are read once in document order, skipping the
//! documents the filters (facet values, as bit sets) leave out. The scores are tantivy's own (each term's BM25
//! weight from the whole index's statistics, times its boost), added in the terms' order. The scores of a common
//! word are kept ([`ScoreCache`]), so that it costs a vector addition. A property test holds the top documents and
//! the count to tantivy's union of the same terms under the same filter.
//!
//! Other walks of the query (counting, explaining) get tantivy's union of only the terms each segment holds,
//! intersected with the filters.

use std::sync::Arc;

use crate::facets::{Bits, has, set, words};

use tantivy::fieldnorm::FieldNormReader;
use tantivy::query::{
    Bm25Weight, BooleanWeight, BoostQuery, ConstScorer, EmptyScorer, EnableScoring, Explanation,
    Occur, Query, Scorer, SumCombiner, TermQuery, Weight, intersect_scorers,
};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED, Term};

/// Documents holding any of the terms, scored by the sum of each term's BM25 score times its weight; with
/// filters, only those that also hold one term of each filter (facet values, which add nothing to the score).
#[derive(Clone)]
pub struct TermUnion {
    terms: Vec<(Term, Score)>,
    filters: Vec<Vec<Term>>,
    cache: Option<Arc<ScoreCache>>,
}

impl std::fmt::Debug for TermUnion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TermUnion")
            .field("terms", &self.terms)
            .field("filters", &self.filters)
            .finish_non_exhaustive()
    }
}

impl TermUnion {
    pub fn new(terms: Vec<(Term, Score)>) -> TermUnion {
        TermUnion {
            terms,
            filters: Vec::new(),
            cache: None,
        }
    }

    /// The same union, keeping the scores of common words in `cache`.
    pub fn cached(self, cache: Arc<ScoreCache>) -> TermUnion {
        TermUnion {
            cache: Some(cache),
            ..self
        }
    }

    /// The same union restricted to documents holding one term of each group.
    pub fn filtered(&self, filters: Vec<Vec<Term>>) -> TermUnion {
        TermUnion {
            filters,
            ..self.clone()
        }
    }
}

/// A common word is one in at least `max_doc / COMMON_SHARE` documents of a segment: its scores are kept.
const COMMON_SHARE: u64 = 16;

/// The most memory the kept scores may take (320 words' scores at 100,000 documents, 32 at 1,000,000).
const CACHE_BYTES: usize = 128 * 1024 * 1024;

/// The scores of common words, one per document of a segment (zero where the word is not), by segment, term and
/// weight, for one generation of the index: the BM25 statistics change with every commit, so a new generation
/// empties the cache. When it is full, other words are scored from their posting lists as usual. Adding such an
/// array is a vector addition instead of decoding and scoring a posting list that holds a large share of the
/// segment, and as adding zero changes no number, the sums are the same.
#[derive(Default)]
pub struct ScoreCache {
    inner: std::sync::Mutex<ScoreCacheInner>,
}

type ScoreKey = (tantivy::index::SegmentId, Term, u32);

#[derive(Default)]
struct ScoreCacheInner {
    generation: u64,
    scores: std::collections::HashMap<ScoreKey, Arc<Vec<Score>>>,
    bytes: usize,
}

impl ScoreCache {
    fn get(&self, generation: u64, key: &ScoreKey) -> Option<Arc<Vec<Score>>> {
        let inner = self.inner.lock().ok()?;
        (inner.generation == generation)
            .then(|| inner.scores.get(key).cloned())
            .flatten()
    }

    /// True when scores of `len` documents may be kept for `generation`: once the cache is full it keeps what it
    /// has until the next generation (starting again empty when full would build and throw away arrays over and
    /// over on a large index).
    fn has_room(&self, generation: u64, len: usize) -> bool {
        self.inner.lock().is_ok_and(|inner| {
            generation > inner.generation
                || (generation == inner.generation
                    && inner.bytes + len * std::mem::size_of::<Score>() <= CACHE_BYTES)
        })
    }

    fn put(&self, generation: u64, key: ScoreKey, scores: Arc<Vec<Score>>) {
        let Ok(mut inner) = self.inner.lock() else {
            return;
        };
        if generation < inner.generation {
            return;
        }
        if generation > inner.generation {
            inner.scores.clear();
            inner.bytes = 0;
            inner.generation = generation;
        }
        let size = scores.len() * std::mem::size_of::<Score>();
        if inner.bytes + size <= CACHE_BYTES && inner.scores.insert(key, scores).is_none() {
            inner.bytes += size;
        }
    }
}

impl Query for TermUnion {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let mut subs = Vec::with_capacity(self.terms.len());
        for (term, boost) in &self.terms {
            let q = BoostQuery::new(
                Box::new(TermQuery::new(term.clone(), IndexRecordOption::WithFreqs)),
                *boost,
            );
            // The term's BM25 weight, from the same statistics as the term query's.
            let bm25 = match enable_scoring {
                EnableScoring::Enabled {
                    statistics_provider,
                    ..
                } => Some(
                    Bm25Weight::for_terms(statistics_provider, std::slice::from_ref(term))?
                        .boost_by(*boost),
                ),
                EnableScoring::Disabled { .. } => None,
            };
            subs.push(Sub {
                boost: *boost,
                term: term.clone(),
                weight: Arc::from(q.weight(enable_scoring)?),
                bm25,
            });
        }
        Ok(Box::new(UnionWeight {
            subs,
            scoring: enable_scoring.is_scoring_enabled(),
            filters: self.filters.clone(),
            cache: self.cache.clone().zip(
                enable_scoring
                    .searcher()
                    .map(|s| s.generation().generation_id()),
            ),
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for (term, _) in &self.terms {
            visitor(term, false);
        }
    }
}

struct Sub {
    term: Term,
    boost: Score,
    weight: Arc<dyn Weight>,
    /// `None` when the search does not score.
    bm25: Option<Bm25Weight>,
}

struct UnionWeight {
    subs: Vec<Sub>,
    scoring: bool,
    filters: Vec<Vec<Term>>,
    /// The cache of common words' scores, and the generation of the index searched.
    cache: Option<(Arc<ScoreCache>, u64)>,
}

/// A term's weight shared by the per-segment boolean weights.
struct Shared(Arc<dyn Weight>);

/// True when the segment holds the term.
fn holds(reader: &SegmentReader, term: &Term) -> tantivy::Result<bool> {
    Ok(reader
        .inverted_index(term.field())?
        .get_term_info(term)?
        .is_some())
}

impl Weight for Shared {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        self.0.scorer(reader, boost)
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.0.explain(reader, doc)
    }
}

impl UnionWeight {
    /// The union of the terms the segment holds, or `None` when it holds none of them.
    fn for_segment(
        &self,
        reader: &SegmentReader,
    ) -> tantivy::Result<Option<BooleanWeight<SumCombiner>>> {
        let mut held: Vec<(Occur, Box<dyn Weight>)> = Vec::new();
        for sub in &self.subs {
            if holds(reader, &sub.term)? {
                held.push((Occur::Should, Box::new(Shared(sub.weight.clone()))));
            }
        }
        // No "minimum should match": with one, tantivy turns the union into a plain scorer of every match.
        Ok((!held.is_empty()).then(|| {
            BooleanWeight::with_minimum_number_should_match(
                held,
                0,
                self.scoring,
                Box::new(SumCombiner::default),
            )
        }))
    }
}

/// Documents in order, as a doc set.
struct DocList {
    docs: Vec<DocId>,
    at: usize,
}

impl DocList {
    /// The documents set in `bits`.
    fn of(bits: &[u64]) -> DocList {
        let mut docs = Vec::new();
        for (i, w) in (0u32..).zip(bits) {
            let mut w = *w;
            while w != 0 {
                docs.push(i * 64 + w.trailing_zeros());
                w &= w - 1;
            }
        }
        DocList { docs, at: 0 }
    }
}

impl DocSet for DocList {
    fn advance(&mut self) -> DocId {
        self.at = (self.at + 1).min(self.docs.len());
        self.doc()
    }

    fn doc(&self) -> DocId {
        self.docs.get(self.at).copied().unwrap_or(TERMINATED)
    }

    fn size_hint(&self) -> u32 {
        u32::try_from(self.docs.len()).unwrap_or(u32::MAX)
    }
}

impl UnionWeight {
    /// The segment's documents that pass the filters, or `None` without filters.
    fn allowed(&self, reader: &SegmentReader) -> tantivy::Result<Option<Bits>> {
        let mut allowed: Option<Bits> = None;
        for group in &self.filters {
            let mut any = vec![0; words(reader.max_doc())];
            for term in group {
                let inverted = reader.inverted_index(term.field())?;
                if let Some(mut postings) =
                    inverted.read_block_postings(term, IndexRecordOption::Basic)?
                {
                    while !postings.docs().is_empty() {
                        postings.docs().iter().for_each(|d| set(&mut any, *d));
                        postings.advance();
                    }
                }
            }
            allowed = Some(match allowed {
                None => any,
                Some(mut a) => {
                    a.iter_mut().zip(&any).for_each(|(x, y)| *x &= y);
                    a
                }
            });
        }
        Ok(allowed)
    }
}

impl Weight for UnionWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let union = match self.for_segment(reader)? {
            Some(w) => w.scorer(reader, boost)?,
            None => return Ok(Box::new(EmptyScorer)),
        };
        Ok(match self.allowed(reader)? {
            None => union,
            Some(allowed) => intersect_scorers(vec![
                union,
                Box::new(ConstScorer::new(DocList::of(&allowed), 0.0)),
            ]),
        })
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let passes = self.allowed(reader)?.is_none_or(|a| has(&a, doc));
        match self.for_segment(reader)? {
            Some(w) if passes => w.explain(reader, doc),
            _ => Err(tantivy::TantivyError::InvalidArgument(format!(
                "document {doc} does not match"
            ))),
        }
    }

    fn for_each_pruning(
        &self,
        threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        if !self.scoring {
            let mut scorer = self.scorer(reader, 1.0)?;
            let mut threshold = threshold;
            let mut doc = scorer.doc();
            while doc != TERMINATED {
                let score = scorer.score();
                if score > threshold {
                    threshold = callback(doc, score);
                }
                doc = scorer.advance();
            }
            return Ok(());
        }
        let allowed = self.allowed(reader)?;
        let passes = |doc: DocId| allowed.as_ref().is_none_or(|a| has(a, doc));
        let max_doc = reader.max_doc();
        let mut lists = Vec::with_capacity(self.subs.len());
        let mut postings_total = 0u64;
        for sub in &self.subs {
            let inverted = reader.inverted_index(sub.term.field())?;
            let (Some(info), Some(bm25)) = (inverted.get_term_info(&sub.term)?, &sub.bm25) else {
                continue;
            };
            postings_total += u64::from(info.doc_freq);
            let norms = reader
                .fieldnorms_readers()
                .get_field(sub.term.field())?
                .unwrap_or_else(|| FieldNormReader::constant(max_doc, 1));
            let postings =
                inverted.read_block_postings_from_terminfo(&info, IndexRecordOption::WithFreqs)?;
            let common = u64::from(info.doc_freq) * COMMON_SHARE >= u64::from(max_doc);
            let key = common.then(|| (reader.segment_id(), sub.term.clone(), sub.boost.to_bits()));
            lists.push((postings, norms, bm25, key));
        }
        // Few postings in a large segment: the (document, score) pairs sorted; otherwise one score per
        // document of the segment.
        if postings_total * 8 < u64::from(max_doc) {
            let mut pairs = Vec::with_capacity(usize::try_from(postings_total).unwrap_or(0));
            for (mut postings, norms, bm25, _) in lists {
                each_score(&mut postings, &norms, bm25, |d, score| {
                    pairs.push((d, score))
                });
            }
            // A stable sort keeps each document's scores in the terms' order, so the sums are the same
            // floating-point numbers as in the dense walk.
            pairs.sort_by_key(|(d, _)| *d);
            let mut threshold = threshold;
            let mut k = 0;
            while k < pairs.len() {
                let (doc, mut score) = pairs[k];
                k += 1;
                while k < pairs.len() && pairs[k].0 == doc {
                    score += pairs[k].1;
                    k += 1;
                }
                if score > threshold && passes(doc) {
                    threshold = callback(doc, score);
                }
            }
            return Ok(());
        }
        SCORES.with(|cell| {
            let mut scores = cell.borrow_mut();
            scores.clear();
            scores.resize(usize::try_from(max_doc).unwrap_or(0), 0.0);
            for (mut postings, norms, bm25, key) in lists {
                // A common word's scores from the cache, or read once into it when there is room.
                let kept = match (key, &self.cache) {
                    (Some(key), Some((cache, generation))) => {
                        cache.get(*generation, &key).or_else(|| {
                            cache.has_room(*generation, scores.len()).then(|| {
                                let mut own = vec![0.0; scores.len()];
                                each_score(&mut postings, &norms, bm25, |d, score| {
                                    own[d as usize] = score;
                                });
                                let own = Arc::new(own);
                                cache.put(*generation, key, own.clone());
                                own
                            })
                        })
                    }
                    _ => None,
                };
                match kept {
                    Some(kept) => scores
                        .iter_mut()
                        .zip(kept.iter())
                        .for_each(|(s, k)| *s += *k),
                    None => each_score(&mut postings, &norms, bm25, |d, score| {
                        scores[d as usize] += score;
                    }),
                }
            }
            // Every BM25 score is positive, so a document scores above zero exactly when it holds a term.
            let mut threshold = threshold;
            for (doc, score) in (0..max_doc).zip(scores.iter()) {
                if *score > threshold && *score > 0.0 && passes(doc) {
                    threshold = callback(doc, *score);
                }
            }
        });
        Ok(())
    }
}

/// Calls `f` with each document of the posting list and the term's score there.
fn each_score(
    postings: &mut tantivy::postings::BlockSegmentPostings,
    norms: &FieldNormReader,
    bm25: &Bm25Weight,
    mut f: impl FnMut(DocId, Score),
) {
    while !postings.docs().is_empty() {
        for (d, tf) in postings.docs().iter().zip(postings.freqs()) {
            f(*d, bm25.score(norms.fieldnorm_id(*d), *tf));
        }
        postings.advance();
    }
}

thread_local! {
    /// The per-document scores of the segment being searched, kept between searches on the thread.
    static SCORES: std::cell::RefCell<Vec<Score>> = const { std::cell::RefCell::new(Vec::new()) };
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;
    use tantivy::collector::TopDocs;
    use tantivy::query::{BooleanQuery, ConstScoreQuery};
    use tantivy::schema::{STRING, Schema, TEXT};
    use tantivy::{DocAddress, Index, IndexWriter, TantivyDocument};

    const VOCAB: [&str; 10] = [
        "cell", "therapy", "data", "lab", "gmp", "twin", "solna", "register", "vecura", "biobank",
    ];

    /// The top `limit` of tantivy's own union of boosted term queries (restricted to documents holding one of
    /// `filter` when it is not empty, which adds nothing to the score), and every match's score.
    fn reference(
        searcher: &tantivy::Searcher,
        terms: &[(Term, Score)],
        filter: &[Term],
        limit: usize,
    ) -> (Vec<(Score, DocAddress)>, HashMap<DocAddress, Score>) {
        let clauses: Vec<(Occur, Box<dyn Query>)> = terms
            .iter()
            .map(|(t, b)| {
                let q = TermQuery::new(t.clone(), IndexRecordOption::WithFreqs);
                (
                    Occur::Should,
                    Box::new(BoostQuery::new(Box::new(q), *b)) as Box<dyn Query>,
                )
            })
            .collect();
        let mut q = BooleanQuery::new(clauses);
        if !filter.is_empty() {
            let any: Vec<(Occur, Box<dyn Query>)> = filter
                .iter()
                .map(|t| {
                    let q = TermQuery::new(t.clone(), IndexRecordOption::Basic);
                    (Occur::Should, Box::new(q) as Box<dyn Query>)
                })
                .collect();
            q = BooleanQuery::new(vec![
                (Occur::Must, Box::new(q)),
                (
                    Occur::Must,
                    Box::new(ConstScoreQuery::new(Box::new(BooleanQuery::new(any)), 0.0)),
                ),
            ]);
        }
        let top = searcher
            .search(&q, &TopDocs::with_limit(limit))
            .expect("reference");
        let all = searcher
            .search(&q, &TopDocs::with_limit(100_000))
            .expect("reference");
        (top, all.into_iter().map(|(s, a)| (a, s)).collect())
    }

    fn close(a: Score, b: Score) -> bool {
        (a - b).abs() <= 1e-4 * a.abs().max(b.abs()).max(1.0)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(60))]
        /// The top documents and their scores are those of tantivy's union of the same boosted terms, on
        /// segments that hold only some of the words, with deleted documents, and for queries of rare words
        /// (the sorted pairs) and common ones (the per-document scores), with and without a filter.
        #[test]
        fn the_top_documents_are_those_of_the_plain_union(
            docs in proptest::collection::vec(
                (proptest::collection::vec(0usize..10, 0..8), proptest::collection::vec(0usize..10, 0..3)),
                1..120,
            ),
            split in 0usize..120,
            deleted in proptest::collection::vec(0usize..120, 0..10),
            query in proptest::collection::vec((0usize..10, 0usize..2, 1u8..8), 1..8),
            filter in proptest::collection::vec(0usize..3, 0..3),
            limit in 1usize..15,
        ) {
            let mut schema = Schema::builder();
            let body = schema.add_text_field("body", TEXT);
            let title = schema.add_text_field("title", TEXT);
            let id = schema.add_u64_field("id", tantivy::schema::INDEXED);
            let group = schema.add_text_field("group", STRING);
            let index = Index::create_in_ram(schema.build());
            let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).expect("writer");
            // A word's share of the documents falls with its place in the vocabulary: the first are in most
            // documents, the last in few.
            let text = |words: &[usize], n: usize| {
                words
                    .iter()
                    .filter(|w| (n * 7 + **w * 13).is_multiple_of(1 + **w * 3) || **w < 3)
                    .map(|w| VOCAB[*w])
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            for (n, (b, t)) in docs.iter().enumerate() {
                let mut d = TantivyDocument::default();
                d.add_text(body, text(b, n));
                d.add_text(title, text(t, n));
                d.add_u64(id, n as u64);
                d.add_text(group, format!("g{}", n % 3));
                writer.add_document(d).expect("add");
                if n + 1 == split {
                    writer.commit().expect("commit");
                }
            }
            writer.commit().expect("commit");
            for n in &deleted {
                writer.delete_term(Term::from_field_u64(id, *n as u64));
            }
            writer.commit().expect("commit");
            let searcher = index.reader().expect("reader").searcher();
            let mut terms: Vec<(Term, Score)> = Vec::new();
            for (w, f, boost) in &query {
                let term = Term::from_field_text(if *f == 0 { body } else { title }, VOCAB[*w]);
                if !terms.iter().any(|(t, _)| *t == term) {
                    terms.push((term, Score::from(*boost) / 2.0));
                }
            }
            let filter: Vec<Term> = filter
                .iter()
                .map(|g| Term::from_field_text(group, &format!("g{g}")))
                .collect();
            let (expected, scores) = reference(&searcher, &terms, &filter, limit);
            let union = TermUnion::new(terms.clone());
            let union = if filter.is_empty() { union } else { union.filtered(vec![filter]) };
            // Without the cache of common words' scores, with it empty, and with it filled by the search before.
            let cache = Arc::new(ScoreCache::default());
            for union in [union.clone(), union.clone().cached(cache.clone()), union.cached(cache)] {
                let got = searcher.search(&union, &TopDocs::with_limit(limit)).expect("search");
                proptest::prop_assert_eq!(got.len(), expected.len());
                // Counting walks the union's scorer (not the top documents' walk): every match, once.
                let n = searcher.search(&union, &tantivy::collector::Count).expect("count");
                proptest::prop_assert_eq!(n, scores.len());
                for ((gs, ga), (es, _)) in got.iter().zip(&expected) {
                    // Each document found has its true score, and the scores are the top ones (documents with
                    // equal scores may come in either order).
                    proptest::prop_assert!(scores.get(ga).is_some_and(|s| close(*s, *gs)), "{ga:?} {gs}");
                    proptest::prop_assert!(close(*gs, *es), "{gs} vs {es}");
                }
            }
        }
    }
}
