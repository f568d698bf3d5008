//! The text part of a search: a union of weighted terms, and its top documents found term by term.
//!
//! The words of a query in this corpus are mostly common ones, so most of a search's time is walking their
//! posting lists. tantivy walks a union of term clauses document by document (a heap-free buffered union that
//! scores each document with every term on it), or by block-max WAND when every term is in the segment. On the
//! benchmark's long queries neither pruned much: the tenth best score is reached by documents holding several
//! common words, so WAND and MaxScore (both tried) visited nearly every match and paid more per document than the
//! plain walk. Here the top documents are found "term at a time": each term's posting list is read block by block
//! and its BM25 score added into one score per document of the segment (or, when the terms are rare in a large
//! segment, into sorted (document, score) pairs), then the scores are read once in document order. The scores are
//! tantivy's own (each term's BM25 weight from the whole index's statistics, times its boost), added in the
//! terms' order. A property test holds the result to tantivy's union of the same terms.
//!
//! The other uses of the query (a filtered search intersects it with the filters; counting) get tantivy's union
//! of only the terms each segment holds.

use std::sync::Arc;

use tantivy::fieldnorm::FieldNormReader;
use tantivy::query::{
    Bm25Weight, BooleanWeight, BoostQuery, EmptyScorer, EnableScoring, Explanation, Occur, Query,
    Scorer, SumCombiner, TermQuery, Weight,
};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, Score, SegmentReader, Term};

/// Documents holding any of the terms, scored by the sum of each term's BM25 score times its weight.
#[derive(Clone, Debug)]
pub struct TermUnion {
    terms: Vec<(Term, Score)>,
}

impl TermUnion {
    pub fn new(terms: Vec<(Term, Score)>) -> TermUnion {
        TermUnion { terms }
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
                term: term.clone(),
                weight: Arc::from(q.weight(enable_scoring)?),
                bm25,
            });
        }
        Ok(Box::new(UnionWeight {
            subs,
            scoring: enable_scoring.is_scoring_enabled(),
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
    weight: Arc<dyn Weight>,
    /// `None` when the search does not score.
    bm25: Option<Bm25Weight>,
}

struct UnionWeight {
    subs: Vec<Sub>,
    scoring: bool,
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

impl Weight for UnionWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        match self.for_segment(reader)? {
            Some(w) => w.scorer(reader, boost),
            None => Ok(Box::new(EmptyScorer)),
        }
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        match self.for_segment(reader)? {
            Some(w) => w.explain(reader, doc),
            None => Err(tantivy::TantivyError::InvalidArgument(format!(
                "document {doc} does not match"
            ))),
        }
    }

    fn count(&self, reader: &SegmentReader) -> tantivy::Result<u32> {
        match self.for_segment(reader)? {
            Some(w) => w.count(reader),
            None => Ok(0),
        }
    }

    fn for_each(
        &self,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score),
    ) -> tantivy::Result<()> {
        match self.for_segment(reader)? {
            Some(w) => w.for_each(reader, callback),
            None => Ok(()),
        }
    }

    fn for_each_pruning(
        &self,
        threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        if !self.scoring {
            return match self.for_segment(reader)? {
                Some(w) => w.for_each_pruning(threshold, reader, callback),
                None => Ok(()),
            };
        }
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
            lists.push((postings, norms, bm25));
        }
        // Few postings in a large segment: the (document, score) pairs sorted; otherwise one score per
        // document of the segment.
        if postings_total * 8 < u64::from(max_doc) {
            let mut pairs = Vec::with_capacity(usize::try_from(postings_total).unwrap_or(0));
            for (mut postings, norms, bm25) in lists {
                while !postings.docs().is_empty() {
                    for (d, f) in postings.docs().iter().zip(postings.freqs()) {
                        pairs.push((*d, bm25.score(norms.fieldnorm_id(*d), *f)));
                    }
                    postings.advance();
                }
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
                if score > threshold {
                    threshold = callback(doc, score);
                }
            }
            return Ok(());
        }
        SCORES.with(|cell| {
            let mut scores = cell.borrow_mut();
            scores.clear();
            scores.resize(usize::try_from(max_doc).unwrap_or(0), 0.0);
            for (mut postings, norms, bm25) in lists {
                while !postings.docs().is_empty() {
                    for (d, f) in postings.docs().iter().zip(postings.freqs()) {
                        scores[*d as usize] += bm25.score(norms.fieldnorm_id(*d), *f);
                    }
                    postings.advance();
                }
            }
            // Every BM25 score is positive, so a document scores above zero exactly when it holds a term.
            let mut threshold = threshold;
            for (doc, score) in (0..max_doc).zip(scores.iter()) {
                if *score > threshold && *score > 0.0 {
                    threshold = callback(doc, *score);
                }
            }
        });
        Ok(())
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
    use tantivy::query::BooleanQuery;
    use tantivy::schema::{Schema, TEXT};
    use tantivy::{DocAddress, Index, IndexWriter, TantivyDocument};

    const VOCAB: [&str; 10] = [
        "cell", "therapy", "data", "lab", "gmp", "twin", "solna", "register", "vecura", "biobank",
    ];

    /// The top `limit` of tantivy's own union of boosted term queries, and every match's score.
    fn reference(
        searcher: &tantivy::Searcher,
        terms: &[(Term, Score)],
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
        let q = BooleanQuery::new(clauses);
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
        /// (the sorted pairs) and common ones (the per-document scores).
        #[test]
        fn the_top_documents_are_those_of_the_plain_union(
            docs in proptest::collection::vec(
                (proptest::collection::vec(0usize..10, 0..8), proptest::collection::vec(0usize..10, 0..3)),
                1..120,
            ),
            split in 0usize..120,
            deleted in proptest::collection::vec(0usize..120, 0..10),
            query in proptest::collection::vec((0usize..10, 0usize..2, 1u8..8), 1..8),
            limit in 1usize..15,
        ) {
            let mut schema = Schema::builder();
            let body = schema.add_text_field("body", TEXT);
            let title = schema.add_text_field("title", TEXT);
            let id = schema.add_u64_field("id", tantivy::schema::INDEXED);
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
            let (expected, scores) = reference(&searcher, &terms, limit);
            let got = searcher
                .search(&TermUnion::new(terms.clone()), &TopDocs::with_limit(limit))
                .expect("search");
            proptest::prop_assert_eq!(got.len(), expected.len());
            for ((gs, ga), (es, _)) in got.iter().zip(&expected) {
                // Each document found has its true score, and the scores are the top ones (documents with
                // equal scores may come in either order).
                proptest::prop_assert!(scores.get(ga).is_some_and(|s| close(*s, *gs)), "{ga:?} {gs}");
                proptest::prop_assert!(close(*gs, *es), "{gs} vs {es}");
            }
        }
    }
}
