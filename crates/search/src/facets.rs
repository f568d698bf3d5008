//! Facet counts over every match, fast. Each segment's facet values (`/kind/…`, `/campus/…`, `/ownership/…`,
//! `/tag/…`) are read once into one bit mask per document; counting a match is then a few bit operations instead
//! of a walk through the facet column. The masks hold up to 128 distinct values per segment; a segment with more
//! is counted by tantivy's `FacetCollector` instead (the caller checks [`FacetBits::fits`]).

use std::collections::HashMap;
use std::sync::Arc;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::schema::Facet;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// The roots counted, in the order results list them.
pub(crate) const ROOTS: [&str; 4] = ["kind", "campus", "ownership", "tag"];

/// One segment's facet values as bit masks.
pub(crate) struct FacetBits {
    /// (root, value) of each bit.
    values: Vec<(String, String)>,
    /// Per document, the bits of its values.
    masks: Vec<u128>,
    /// False when the segment has more than 128 values (no masks then).
    fits: bool,
}

impl FacetBits {
    /// Reads a segment's facet column.
    pub(crate) fn read(segment: &SegmentReader, field: &str) -> tantivy::Result<FacetBits> {
        let reader = segment.facet_reader(field)?;
        let mut values: Vec<(String, String)> = Vec::new();
        let mut bit_of: Vec<Option<u8>> = Vec::with_capacity(reader.num_facets());
        let mut facet = Facet::root();
        for ord in 0..reader.num_facets() as u64 {
            reader.facet_from_ord(ord, &mut facet)?;
            let path = facet.to_path();
            let bit = match path.as_slice() {
                [root, value] if ROOTS.contains(root) => {
                    if values.len() == 128 {
                        return Ok(FacetBits {
                            values: Vec::new(),
                            masks: Vec::new(),
                            fits: false,
                        });
                    }
                    values.push(((*root).to_owned(), (*value).to_owned()));
                    u8::try_from(values.len() - 1).ok()
                }
                _ => None,
            };
            bit_of.push(bit);
        }
        let masks = (0..segment.max_doc())
            .map(|doc| {
                reader
                    .facet_ords(doc)
                    .filter_map(|ord| bit_of.get(usize::try_from(ord).ok()?).copied().flatten())
                    .fold(0u128, |m, b| m | (1u128 << b))
            })
            .collect();
        Ok(FacetBits {
            values,
            masks,
            fits: true,
        })
    }

    /// Whether the segment's values fit the masks.
    pub(crate) fn fits(&self) -> bool {
        self.fits
    }
}

/// Counts matches and their facet values with the segments' masks, looked up by segment ordinal.
pub(crate) struct FacetCounter {
    /// The masks of each segment of the searcher, in segment order.
    pub(crate) segments: Vec<Arc<FacetBits>>,
}

/// One segment's counting.
pub(crate) struct SegmentCounter {
    bits: Arc<FacetBits>,
    counts: [u64; 128],
    total: u64,
}

impl SegmentCollector for SegmentCounter {
    type Fruit = (u64, HashMap<(String, String), u64>);

    fn collect(&mut self, doc: DocId, _score: Score) {
        self.total += 1;
        let mut m = self.bits.masks.get(doc as usize).copied().unwrap_or(0);
        while m != 0 {
            let b = m.trailing_zeros() as usize;
            self.counts[b] += 1;
            m &= m - 1;
        }
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        for &doc in docs {
            self.collect(doc, 0.0);
        }
    }

    fn harvest(self) -> Self::Fruit {
        let counts = self
            .bits
            .values
            .iter()
            .zip(self.counts)
            .filter(|(_, n)| *n > 0)
            .map(|(v, n)| (v.clone(), n))
            .collect();
        (self.total, counts)
    }
}

impl Collector for FacetCounter {
    type Fruit = (u64, Vec<(String, String, u64)>);
    type Child = SegmentCounter;

    fn for_segment(
        &self,
        ord: SegmentOrdinal,
        _segment: &SegmentReader,
    ) -> tantivy::Result<SegmentCounter> {
        let bits = self.segments.get(ord as usize).cloned().ok_or_else(|| {
            tantivy::TantivyError::InternalError("facet masks missing for a segment".into())
        })?;
        Ok(SegmentCounter {
            bits,
            counts: [0; 128],
            total: 0,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(
        &self,
        fruits: Vec<(u64, HashMap<(String, String), u64>)>,
    ) -> tantivy::Result<Self::Fruit> {
        let mut total = 0;
        let mut all: HashMap<(String, String), u64> = HashMap::new();
        for (n, counts) in fruits {
            total += n;
            for (k, c) in counts {
                *all.entry(k).or_default() += c;
            }
        }
        let mut list: Vec<(String, String, u64)> =
            all.into_iter().map(|((r, v), n)| (r, v, n)).collect();
        list.sort_by(|a, b| {
            let root = |r: &str| ROOTS.iter().position(|x| *x == r).unwrap_or(ROOTS.len());
            root(&a.0).cmp(&root(&b.0)).then_with(|| a.1.cmp(&b.1))
        });
        Ok((total, list))
    }
}
