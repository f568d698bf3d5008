//! The search benchmark: Samverkan's index against PostgreSQL full-text search (tsvector + GIN + `ts_rank`, as
//! Rails' pg_search builds it) and SQLite FTS5 (`bm25`), in one run, on the same corpus and the same queries.
//!
//! The corpus is the built-in Stockholm documents (actors, infrastructures, services, premises, composed as
//! `store::search` composes them) plus generated bilingual filler up to each size. Filler is drawn
//! deterministically (xorshift, seeded per document) from the words of the real documents and the term list:
//! 45% of the words are those common to this corpus ("och", "the", "Stockholm", "Karolinska", "life", in at least
//! 30% of the real documents) at their real frequency, 5% term-list phrases, 25% the other words of the real
//! documents flattened (weight √count, so every query word also occurs throughout the filler) and 25% a made-up
//! long tail of 200,000 words (Zipf). Titles are a unique made-up name and up to two made-up words, and filler
//! has no competence tags: filler mentions the query words in passing but never looks relevant by its title or
//! tags, and it is never judged relevant, so the real documents must win against noise. The judged queries in
//! `bench/search/judged.toml` give nDCG@10 and recall@10; the same queries, repeated warm, give p50/p99 latency
//! per engine and size.
//!
//! Run through `bench/run search [--sizes 10000,100000,1000000]`; writes `bench/results/search.json` and
//! `bench/results/search.md`. Options: `--sizes` (0 means the real documents alone), `--rounds N` (timed rounds
//! of all queries, default 20), `--budget S` (stop timing an engine at a size after S seconds once `--min-rounds`
//! are done; default 90), `--min-rounds N` (default 3), `--engines samverkan,samverkan-merged,postgres,sqlite`
//! (`samverkan-merged`: the same index merged into one segment, a diagnostic), `--pg URL` (a role that may create
//! databases; default `$SAMVERKAN_BENCH_PG` or the local test role), `--out DIR` (default `bench/results`),
//! `--work DIR` (index files; default `/var/tmp/samverkan-bench-PID`), `--explain QUERY` (print each engine's top
//! 10 for it, repeatable), `--spin S` (then run the explained queries in a loop for S seconds, for a profiler).

use domain::catalogue::{Catalogue, CatalogueFiles};
use domain::dataset::{Dataset, DatasetFiles};
use domain::search::{DocKind, SearchDoc};
use domain::{Lang, LangText, Slug};
use search::{SearchIndex, SearchQuery, TermList};
use serde::Deserialize;
use serde_json::{Value, json};
use sqlx::postgres::{PgConnectOptions, PgConnection};
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection, SqliteJournalMode, SqliteSynchronous};
use sqlx::{ConnectOptions, Connection, Row};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::error::Error;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

type Res<T> = Result<T, Box<dyn Error>>;

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

const DATA: DatasetFiles<'static> = DatasetFiles {
    campuses: include_str!("../../../data/stockholm/campuses.toml"),
    tags: include_str!("../../../data/stockholm/tags.toml"),
    actors: include_str!("../../../data/stockholm/actors.toml"),
    relations: include_str!("../../../data/stockholm/relations.toml"),
};

const CATALOGUE: CatalogueFiles<'static> = CatalogueFiles {
    services: include_str!("../../../data/stockholm/services.toml"),
    premises: include_str!("../../../data/stockholm/premises.toml"),
    checklists: include_str!("../../../data/stockholm/checklists.toml"),
    documents: &[
        (
            "nda",
            include_str!("../../../data/stockholm/templates/nda.sv.md"),
            include_str!("../../../data/stockholm/templates/nda.en.md"),
        ),
        (
            "service-agreement",
            include_str!("../../../data/stockholm/templates/service-agreement.sv.md"),
            include_str!("../../../data/stockholm/templates/service-agreement.en.md"),
        ),
    ],
};

const JUDGED: &str = include_str!("../../../bench/search/judged.toml");
/// The search crate's sources this binary was built from, to tell whether the files changed since.
const SEARCH_SRC: &[(&str, &str)] = &[
    ("crates/search/src/lib.rs", include_str!("../src/lib.rs")),
    (
        "crates/search/src/terms.rs",
        include_str!("../src/terms.rs"),
    ),
];
const TERMS: &str = include_str!("../../../data/search/terms.toml");

// ------------------------------------------------------------------------------------------------------------
// Options
// ------------------------------------------------------------------------------------------------------------

struct Options {
    sizes: Vec<usize>,
    rounds: usize,
    min_rounds: usize,
    budget_s: f64,
    engines: Vec<String>,
    pg: String,
    out: PathBuf,
    work: PathBuf,
    /// Queries whose top 10 are printed per engine and size, with each document's title and the start of its text.
    explain: Vec<String>,
    /// Seconds to run the explained queries in a loop after explaining them (for a profiler to attach).
    spin_s: f64,
}

fn options() -> Res<Options> {
    let mut o = Options {
        sizes: vec![10_000, 100_000, 1_000_000],
        rounds: 20,
        min_rounds: 3,
        budget_s: 90.0,
        engines: vec![
            "samverkan".into(),
            "samverkan-merged".into(),
            "postgres".into(),
            "sqlite".into(),
        ],
        pg: std::env::var("SAMVERKAN_BENCH_PG").unwrap_or_else(|_| {
            "postgres://samverkan_test:samverkan_test@127.0.0.1:5432/postgres".into()
        }),
        out: PathBuf::from(ROOT).join("bench/results"),
        work: PathBuf::from(format!("/var/tmp/samverkan-bench-{}", std::process::id())),
        explain: Vec::new(),
        spin_s: 0.0,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--sizes" => {
                o.sizes = value()?
                    .split(',')
                    .map(|s| s.trim().replace('_', "").parse::<usize>())
                    .collect::<Result<_, _>>()?
            }
            "--rounds" => o.rounds = value()?.parse()?,
            "--min-rounds" => o.min_rounds = value()?.parse()?,
            "--budget" => o.budget_s = value()?.parse()?,
            "--engines" => o.engines = value()?.split(',').map(|s| s.trim().to_owned()).collect(),
            "--pg" => o.pg = value()?,
            "--out" => o.out = PathBuf::from(value()?),
            "--work" => o.work = PathBuf::from(value()?),
            "--explain" => o.explain.push(value()?),
            "--spin" => o.spin_s = value()?.parse()?,
            "-h" | "--help" => {
                println!(
                    "bench_search [--sizes 10000,100000,1000000] [--rounds 20] [--min-rounds 3] [--budget 90] \
                     [--engines samverkan,samverkan-merged,postgres,sqlite] [--pg URL] [--out DIR] [--work DIR] [--explain QUERY]... [--spin SECONDS]"
                );
                std::process::exit(0);
            }
            other => return Err(format!("unknown option {other}").into()),
        }
    }
    o.min_rounds = o.min_rounds.clamp(1, o.rounds.max(1));
    Ok(o)
}

// ------------------------------------------------------------------------------------------------------------
// The real documents, composed as store::search composes them from the database
// ------------------------------------------------------------------------------------------------------------

fn join_labels(labels: &[&LangText]) -> LangText {
    LangText::new(
        labels
            .iter()
            .map(|l| l.sv.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        labels
            .iter()
            .map(|l| l.en.as_str())
            .collect::<Vec<_>>()
            .join(", "),
    )
}

fn real_docs(data: &Dataset, cat: &Catalogue) -> Res<Vec<SearchDoc>> {
    let tags: HashMap<&Slug, &LangText> = data.tags.iter().map(|t| (&t.slug, &t.label)).collect();
    let campuses: HashMap<&Slug, &LangText> =
        data.campuses.iter().map(|c| (&c.slug, &c.name)).collect();
    let actors: HashMap<&Slug, &domain::Actor> = data.actors.iter().map(|a| (&a.slug, a)).collect();
    let labels = |slugs: &[Slug]| -> LangText {
        join_labels(
            &slugs
                .iter()
                .filter_map(|s| tags.get(s).copied())
                .collect::<Vec<_>>(),
        )
    };
    let mut out = Vec::new();
    for (i, a) in data.actors.iter().enumerate() {
        let mut title = a.name.clone();
        if let Some(short) = &a.short_name {
            title.sv = format!("{} ({short})", title.sv);
            title.en = format!("{} ({short})", title.en);
        }
        out.push(SearchDoc {
            kind: if a.kind.as_str() == "infrastructure" {
                DocKind::Infrastructure
            } else {
                DocKind::Actor
            },
            row_id: i as i64 + 1,
            slug: a.slug.clone(),
            title,
            body: a.description.clone(),
            tag_labels: labels(&a.tags),
            tags: a.tags.clone(),
            campuses: a.campuses.clone(),
            ownership: a.ownership.map(|o| o.as_str().to_owned()),
            parent: None,
        });
    }
    for (i, s) in cat.services.iter().enumerate() {
        let infra = actors
            .get(&s.infrastructure)
            .ok_or_else(|| format!("service {}: no infrastructure", s.slug))?;
        let lead = s.lead_time.clone().unwrap_or_default();
        out.push(SearchDoc {
            kind: DocKind::Service,
            row_id: i as i64 + 1,
            slug: s.slug.clone(),
            title: s.name.clone(),
            body: LangText::new(
                format!(
                    "{} {}\n{}\n{}",
                    infra.name.sv, s.description.sv, s.access.sv, lead.sv
                ),
                format!(
                    "{} {}\n{}\n{}",
                    infra.name.en, s.description.en, s.access.en, lead.en
                ),
            ),
            tag_labels: labels(&s.tags),
            tags: s.tags.clone(),
            campuses: infra.campuses.clone(),
            ownership: infra.ownership.map(|o| o.as_str().to_owned()),
            parent: Some(infra.slug.clone()),
        });
    }
    for (i, p) in cat.premises.iter().enumerate() {
        let owner = actors
            .get(&p.owner)
            .ok_or_else(|| format!("premises {}: no owner", p.slug))?;
        let campus = campuses
            .get(&p.campus)
            .ok_or_else(|| format!("premises {}: no campus", p.slug))?;
        out.push(SearchDoc {
            kind: DocKind::Premises,
            row_id: i as i64 + 1,
            slug: p.slug.clone(),
            title: p.name.clone(),
            body: LangText::new(
                format!("{}\n{} {}", p.description.sv, owner.name.sv, campus.sv),
                format!("{}\n{} {}", p.description.en, owner.name.en, campus.en),
            ),
            tag_labels: labels(&p.tags),
            tags: p.tags.clone(),
            campuses: vec![p.campus.clone()],
            ownership: owner.ownership.map(|o| o.as_str().to_owned()),
            parent: Some(owner.slug.clone()),
        });
    }
    Ok(out)
}

fn key(d: &SearchDoc) -> String {
    format!("{}:{}", d.kind.as_str(), d.slug)
}

/// The body every engine indexes: the document's text followed by its tag labels, as Samverkan's index does.
fn body(d: &SearchDoc, lang: Lang) -> String {
    match lang {
        Lang::Sv => format!("{}\n{}", d.body.sv, d.tag_labels.sv),
        Lang::En => format!("{}\n{}", d.body.en, d.tag_labels.en),
    }
}

// ------------------------------------------------------------------------------------------------------------
// Generated filler
// ------------------------------------------------------------------------------------------------------------

/// xorshift64*, seeded per document so that document i is the same whatever the size.
struct Rng(u64);

impl Rng {
    fn seeded(i: u64) -> Rng {
        // splitmix64 of the index, never zero.
        let mut z = i.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Rng((z ^ (z >> 31)) | 1)
    }
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }
    fn word<'a>(&mut self, v: &'a [String]) -> &'a str {
        self.pick(v).as_str()
    }
}

fn tokens(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .map(|w| w.trim_matches('-'))
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Word pools of one language.
#[derive(Default)]
struct Pools {
    /// Every occurrence of a word found in at least 30% of the real documents ("och", "the", but also
    /// "Stockholm", "Karolinska", "life"): drawn at their real frequency.
    common: Vec<String>,
    /// Every other word of the real documents (names included), once each, with cumulative weights growing
    /// with the square root of its count: topical words are spread over the filler instead of concentrated.
    content: Vec<String>,
    content_cum: Vec<f64>,
    /// Term-list phrases of this language.
    terms: Vec<String>,
    /// Mean words per real body.
    mean_body_words: f64,
}

fn weighted<'a>(rng: &mut Rng, words: &'a [String], cum: &[f64]) -> &'a str {
    let total = cum.last().copied().unwrap_or(0.0);
    let x = rng.unit() * total;
    let i = cum
        .partition_point(|c| *c <= x)
        .min(words.len().saturating_sub(1));
    &words[i]
}

/// The made-up long tail of the vocabulary (Heaps' law: a larger corpus has more distinct words).
const TAIL_WORDS: u64 = 200_000;

struct Filler {
    sv: Pools,
    en: Pools,
    campuses: Vec<Slug>,
    /// Folded words and slugs of the real documents, which made-up names must not collide with.
    taken: HashSet<String>,
}

#[derive(Deserialize)]
struct TermFile {
    term: Vec<TermPair>,
}

#[derive(Deserialize)]
struct TermPair {
    sv: String,
    en: String,
}

impl Filler {
    fn new(real: &[SearchDoc], data: &Dataset) -> Res<Filler> {
        let terms: TermFile = toml::from_str(TERMS)?;
        let mut taken = HashSet::new();
        let mut build = |lang: Lang| -> Pools {
            let texts: Vec<Vec<String>> = real
                .iter()
                .map(|d| {
                    let mut t = tokens(d.title.get(lang));
                    t.extend(tokens(&body(d, lang)));
                    t.into_iter().map(|w| w.to_lowercase()).collect()
                })
                .collect();
            let mut df: HashMap<&str, usize> = HashMap::new();
            let mut tf: BTreeMap<&str, usize> = BTreeMap::new();
            for t in &texts {
                let set: HashSet<&str> = t.iter().map(String::as_str).collect();
                for w in set {
                    *df.entry(w).or_default() += 1;
                }
                for w in t {
                    *tf.entry(w.as_str()).or_default() += 1;
                }
            }
            let common_df = (real.len() as f64 * 0.3).ceil() as usize;
            let mut p = Pools::default();
            for t in &texts {
                p.common
                    .extend(t.iter().filter(|w| df[w.as_str()] >= common_df).cloned());
                for w in t {
                    taken.insert(search::terms::fold(w).trim().to_owned());
                }
            }
            let mut acc = 0.0;
            for (w, n) in &tf {
                if df[w] >= common_df || w.chars().all(|c| c.is_ascii_digit()) {
                    continue;
                }
                acc += (*n as f64).sqrt();
                p.content.push((*w).to_owned());
                p.content_cum.push(acc);
            }
            let body_words: usize = real.iter().map(|d| tokens(&body(d, lang)).len()).sum();
            p.mean_body_words = body_words as f64 / real.len().max(1) as f64;
            p.terms = terms
                .term
                .iter()
                .map(|t| match lang {
                    Lang::Sv => t.sv.clone(),
                    Lang::En => t.en.clone(),
                })
                .collect();
            p
        };
        let sv = build(Lang::Sv);
        let en = build(Lang::En);
        for d in real {
            taken.insert(d.slug.to_string());
        }
        Ok(Filler {
            sv,
            en,
            campuses: data.campuses.iter().map(|c| c.slug.clone()).collect(),
            taken,
        })
    }

    /// A made-up name, unique per filler index, of 2 to 14 letters.
    fn name(&self, i: usize) -> String {
        self.made_up(i as u64 + 1, 0x5eed)
    }

    /// Made-up word number `rank` (from 1) of the long tail, unique per rank, of 2 to 12 letters.
    fn pseudo_word(&self, rank: u64) -> String {
        self.made_up(rank, 0x7a11)
    }

    /// Zero to two syllables of a consonant and a diphthong (chosen by a hash, so first letters spread over 17
    /// consonants), then `n` (from 1) in base 60 with syllables of one consonant and one vowel, least significant
    /// first: unique per `n`, since a prefix syllable has two vowels and a digit one. One that happens to be a word
    /// of the real documents gets an `x`.
    fn made_up(&self, n: u64, salt: u64) -> String {
        const P: &[u8] = b"bdfghjklmnprstvwz";
        const D: &[&str] = &["ai", "au", "ei", "ou"];
        const C: &[u8] = b"bdfgklmnprst";
        const V: &[u8] = b"aeiou";
        let mut h = Rng::seeded(n ^ (salt << 40));
        let mut s = String::new();
        for _ in 0..h.below(3) {
            s.push(P[h.below(P.len())] as char);
            s.push_str(D[h.below(D.len())]);
        }
        let mut m = n.max(1);
        while m > 0 {
            let d = (m % 60) as usize;
            s.push(C[d / 5] as char);
            s.push(V[d % 5] as char);
            m /= 60;
        }
        if self.taken.contains(&s) {
            s.push('x');
        }
        s
    }

    /// A word of the long tail, Zipf-distributed over `TAIL_WORDS` made-up words (rank r with weight 1/r).
    fn tail(&self, rng: &mut Rng) -> String {
        let r = ((TAIL_WORDS as f64 + 1.0).ln() * rng.unit()).exp().floor() as u64;
        self.pseudo_word(r.clamp(1, TAIL_WORDS))
    }

    /// Text of `words` words: 45% common words at their real frequency, 5% term-list phrases, 25% other words of
    /// the real documents (weight √count), 25% the made-up long tail; sentences of 8 to 15 words.
    fn text(&self, rng: &mut Rng, pools: &Pools, words: usize) -> String {
        let mut out = String::new();
        let mut sentence = 0usize;
        let mut next_stop = 8 + rng.below(8);
        for _ in 0..words {
            let r = rng.unit();
            let tail;
            let w: &str = if r < 0.05 {
                rng.word(&pools.terms)
            } else if r < 0.50 {
                rng.word(&pools.common)
            } else if r < 0.75 {
                weighted(rng, &pools.content, &pools.content_cum)
            } else {
                tail = self.tail(rng);
                &tail
            };
            if sentence == 0 {
                let mut c = w.chars();
                if let Some(f) = c.next() {
                    out.extend(f.to_uppercase());
                    out.push_str(c.as_str());
                }
            } else {
                out.push_str(w);
            }
            sentence += 1;
            if sentence >= next_stop {
                out.push_str(". ");
                sentence = 0;
                next_stop = 8 + rng.below(8);
            } else {
                out.push(' ');
            }
        }
        let mut s = out.trim_end().to_owned();
        if !s.ends_with('.') {
            s.push('.');
        }
        s
    }

    /// The made-up name and zero to two words of the made-up long tail: no word of the real documents, so that
    /// no filler document looks relevant by its title (a title "Hajidadadu Karolinska" would be a fair answer to
    /// "karolinska").
    fn title(&self, rng: &mut Rng, name: &str) -> String {
        let mut t = String::new();
        let mut c = name.chars();
        if let Some(f) = c.next() {
            t.extend(f.to_uppercase());
            t.push_str(c.as_str());
        }
        for _ in 0..rng.below(3) {
            t.push(' ');
            t.push_str(&self.tail(rng));
        }
        t
    }

    /// Filler document `i` (0-based).
    fn doc(&self, i: usize) -> Res<SearchDoc> {
        let mut rng = Rng::seeded(i as u64);
        let name = self.name(i);
        let r = rng.unit();
        let kind = if r < 0.55 {
            DocKind::Actor
        } else if r < 0.70 {
            DocKind::Infrastructure
        } else if r < 0.95 {
            DocKind::Service
        } else {
            DocKind::Premises
        };
        let words =
            |rng: &mut Rng, mean: f64| ((0.5 + rng.unit()) * mean).round().max(5.0) as usize;
        let n_sv = words(&mut rng, self.sv.mean_body_words);
        let n_en = words(&mut rng, self.en.mean_body_words);
        let title = LangText::new(self.title(&mut rng, &name), self.title(&mut rng, &name));
        let body = LangText::new(
            self.text(&mut rng, &self.sv, n_sv),
            self.text(&mut rng, &self.en, n_en),
        );
        let campus = rng.pick(&self.campuses).clone();
        let ownership = ["private", "region", "state", "university", "foundation"][rng.below(5)];
        Ok(SearchDoc {
            kind,
            row_id: 1_000_000 + i as i64,
            slug: Slug::parse(&name)?,
            title,
            body,
            // No competence tags: a tag would make a filler document relevant to its label.
            tag_labels: LangText::default(),
            tags: Vec::new(),
            campuses: vec![campus],
            ownership: Some(ownership.to_owned()),
            parent: None,
        })
    }
}

// ------------------------------------------------------------------------------------------------------------
// Judged queries and measures
// ------------------------------------------------------------------------------------------------------------

#[derive(Deserialize)]
struct JudgedFile {
    query: Vec<Judged>,
}

#[derive(Deserialize, Clone)]
struct Judged {
    q: String,
    lang: String,
    relevant: BTreeMap<String, u32>,
}

impl Judged {
    fn lang(&self) -> Lang {
        Lang::parse(&self.lang).unwrap_or(Lang::En)
    }
}

fn gain(rel: u32) -> f64 {
    2f64.powi(rel as i32) - 1.0
}

fn discount(rank: usize) -> f64 {
    // rank is 0-based: 1 / log2(rank + 2)
    1.0 / ((rank + 2) as f64).log2()
}

fn ndcg10(top: &[String], j: &Judged) -> f64 {
    let dcg: f64 = top
        .iter()
        .take(10)
        .enumerate()
        .map(|(i, k)| gain(j.relevant.get(k).copied().unwrap_or(0)) * discount(i))
        .sum();
    let mut ideal: Vec<u32> = j.relevant.values().copied().collect();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    let idcg: f64 = ideal
        .iter()
        .take(10)
        .enumerate()
        .map(|(i, r)| gain(*r) * discount(i))
        .sum();
    if idcg > 0.0 { dcg / idcg } else { 0.0 }
}

fn recall10(top: &[String], j: &Judged) -> f64 {
    let relevant = j.relevant.values().filter(|r| **r > 0).count();
    if relevant == 0 {
        return 0.0;
    }
    let found = top
        .iter()
        .take(10)
        .filter(|k| j.relevant.get(*k).is_some_and(|r| *r > 0))
        .count();
    found as f64 / relevant.min(10) as f64
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((p / 100.0 * (sorted.len() - 1) as f64).round() as usize).min(sorted.len() - 1)]
}

fn round(x: f64, digits: i32) -> f64 {
    let f = 10f64.powi(digits);
    (x * f).round() / f
}

// ------------------------------------------------------------------------------------------------------------
// Engines
// ------------------------------------------------------------------------------------------------------------

enum Engine {
    Samverkan(Box<SearchIndex>),
    Postgres(PgConnection),
    Sqlite(SqliteConnection),
}

/// pg_search's tsearch feature: each whitespace-separated word, with `'?\:‘’` replaced by spaces, becomes
/// `to_tsquery(dictionary, ''' word ''' || ':*')` (`prefix: true`, as Decidim configures it), and the words are
/// joined with `||` (`any_word: true`; Decidim keeps the default `&&`, which finds nothing for most sentences
/// of the judged set). Here every word is searched in both the Swedish and the English dictionary, since the
/// vector holds both. Values are inlined as literals, as pg_search does, so the planner folds them.
fn pg_tsquery(q: &str) -> Option<String> {
    let mut parts = Vec::new();
    for word in q.split_whitespace() {
        let clean: String = word
            .chars()
            .map(|c| {
                if matches!(c, '\'' | '?' | '\\' | ':' | '‘' | '’') {
                    ' '
                } else {
                    c
                }
            })
            .collect();
        if clean.trim().is_empty() {
            continue;
        }
        // The literal ''' word '':*' is the text "' word ':*"; the word holds no quote after cleaning.
        let literal = format!("''' {} '':*'", clean);
        parts.push(format!("to_tsquery('swedish', {literal})"));
        parts.push(format!("to_tsquery('english', {literal})"));
    }
    if parts.is_empty() {
        None
    } else {
        Some(format!("({})", parts.join(" || ")))
    }
}

/// The query pg_search would send (with `tsvector_column`): match, rank, top 10.
fn pg_sql(q: &str) -> Option<String> {
    let tsq = pg_tsquery(q)?;
    Some(format!(
        "SELECT key FROM docs WHERE vec @@ {tsq} ORDER BY ts_rank(vec, {tsq}) DESC, id LIMIT 10"
    ))
}

/// FTS5: every whitespace-separated word as a quoted string (a phrase when it holds several tokens), OR-ed.
fn fts5_match(q: &str) -> Option<String> {
    let parts: Vec<String> = q
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect();
    if parts.is_empty() {
        None
    } else {
        Some(parts.join(" OR "))
    }
}

impl Engine {
    /// How many documents match (Samverkan reports it with every search).
    fn total(&self, j: &Judged) -> Option<usize> {
        match self {
            Engine::Samverkan(index) => index
                .search(&SearchQuery {
                    text: j.q.clone(),
                    lang: Some(j.lang()),
                    limit: 1,
                    ..SearchQuery::default()
                })
                .ok()
                .map(|r| r.total),
            _ => None,
        }
    }

    async fn top10(&mut self, j: &Judged) -> Res<Vec<String>> {
        match self {
            Engine::Samverkan(index) => {
                let r = index.search(&SearchQuery {
                    text: j.q.clone(),
                    lang: Some(j.lang()),
                    limit: 10,
                    ..SearchQuery::default()
                })?;
                Ok(r.hits
                    .iter()
                    .map(|h| format!("{}:{}", h.kind.as_str(), h.slug))
                    .collect())
            }
            Engine::Postgres(conn) => {
                let Some(sql) = pg_sql(&j.q) else {
                    return Ok(Vec::new());
                };
                let rows = sqlx::query(&sql).fetch_all(&mut *conn).await?;
                rows.iter()
                    .map(|r| r.try_get::<String, _>(0).map_err(Into::into))
                    .collect()
            }
            Engine::Sqlite(conn) => {
                let Some(m) = fts5_match(&j.q) else {
                    return Ok(Vec::new());
                };
                let rows = sqlx::query(
                    "SELECT key FROM docs WHERE docs MATCH ?1 ORDER BY bm25(docs, 0.0, 3.0, 3.0, 1.0, 1.0) LIMIT 10",
                )
                .bind(m)
                .fetch_all(&mut *conn)
                .await?;
                rows.iter()
                    .map(|r| r.try_get::<String, _>(0).map_err(Into::into))
                    .collect()
            }
        }
    }
}

/// The node types of a JSON plan, outermost first.
fn plan_nodes(plan: &Value) -> Vec<String> {
    let mut out = vec![plan["Node Type"].as_str().unwrap_or("?").to_owned()];
    for child in plan["Plans"].as_array().into_iter().flatten() {
        out.extend(plan_nodes(child));
    }
    out
}

/// The rows the innermost scan of a JSON plan returned (the documents matching the tsquery).
fn find_rows(plan: &Value) -> Option<f64> {
    match plan["Plans"].as_array().and_then(|p| p.last()) {
        Some(child) => find_rows(child),
        None => plan["Actual Rows"].as_f64(),
    }
}

fn dir_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| match e.metadata() {
                    Ok(m) if m.is_dir() => dir_size(&e.path()),
                    Ok(m) => m.len(),
                    Err(_) => 0,
                })
                .sum()
        })
        .unwrap_or(0)
}

fn progress(label: &str, done: usize, total: usize, started: Instant) {
    eprint!(
        "\r  {label}: {done}/{total} ({:.0}%) {:.1}s   ",
        100.0 * done as f64 / total.max(1) as f64,
        started.elapsed().as_secs_f64()
    );
    let _ = std::io::stderr().flush();
}

struct Built {
    engine: Engine,
    index_s: f64,
    index_mb: f64,
    extra: Value,
}

async fn build_samverkan(docs: &[SearchDoc], work: &Path) -> Res<Built> {
    let dir = work.join(format!("samverkan-{}", docs.len()));
    let _ = std::fs::remove_dir_all(&dir);
    let t0 = Instant::now();
    let (index, _) = SearchIndex::open(Some(&dir), TermList::built_in())?;
    let total = docs.len();
    let step = (total / 20).max(1000);
    let mut last = 0;
    index.rebuild(docs, 1, &mut |n| {
        if n >= last + step || n == total {
            last = n;
            progress("samverkan index", n, total, t0);
        }
    })?;
    let index_s = t0.elapsed().as_secs_f64();
    eprintln!();
    // The segments the searcher uses: those of the commit rebuild made (the reader reloads only on commits).
    let segments = std::fs::read_to_string(dir.join("meta.json"))
        .ok()
        .and_then(|m| serde_json::from_str::<Value>(&m).ok())
        .and_then(|m| m["segments"].as_array().map(Vec::len));
    Ok(Built {
        engine: Engine::Samverkan(Box::new(index)),
        index_s,
        index_mb: dir_size(&dir) as f64 / 1e6,
        extra: json!({ "segments_after_rebuild": segments }),
    })
}

/// The index `build_samverkan` left in `work`, merged into one segment with tantivy and opened again: what the
/// searcher would see once the background merges after a rebuild are done and the reader reloaded. A diagnostic,
/// not how the server runs.
async fn merge_samverkan(docs: &[SearchDoc], work: &Path) -> Res<Built> {
    let dir = work.join(format!("samverkan-{}", docs.len()));
    if !dir.join("meta.json").exists() {
        let built = build_samverkan(docs, work).await?;
        drop(built.engine);
    }
    let t0 = Instant::now();
    {
        let index = tantivy::Index::open_in_dir(&dir)?;
        let mut writer: tantivy::IndexWriter = index.writer(50_000_000)?;
        let ids = index.searchable_segment_ids()?;
        eprint!("  merging {} segments...", ids.len());
        if ids.len() > 1 {
            writer.merge(&ids).wait()?;
        }
        writer.wait_merging_threads()?;
    }
    let merge_s = t0.elapsed().as_secs_f64();
    eprintln!(" {merge_s:.1}s");
    let (index, _) = SearchIndex::open(Some(&dir), TermList::built_in())?;
    let segments = std::fs::read_to_string(dir.join("meta.json"))
        .ok()
        .and_then(|m| serde_json::from_str::<Value>(&m).ok())
        .and_then(|m| m["segments"].as_array().map(Vec::len));
    Ok(Built {
        engine: Engine::Samverkan(Box::new(index)),
        index_s: merge_s,
        index_mb: dir_size(&dir) as f64 / 1e6,
        extra: json!({ "segments": segments, "index_s_is": "the merge alone" }),
    })
}

fn copy_escape(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
}

async fn build_postgres(docs: &[SearchDoc], url: &PgConnectOptions) -> Res<Built> {
    let mut conn = url.connect().await?;
    sqlx::query("SET maintenance_work_mem = '256MB'")
        .execute(&mut conn)
        .await?;
    sqlx::query("DROP TABLE IF EXISTS docs")
        .execute(&mut conn)
        .await?;
    sqlx::query(
        "CREATE TABLE docs (id bigint PRIMARY KEY, key text NOT NULL, title_sv text NOT NULL, \
         title_en text NOT NULL, body_sv text NOT NULL, body_en text NOT NULL, \
         vec tsvector GENERATED ALWAYS AS ( \
           setweight(to_tsvector('swedish', title_sv), 'A') || setweight(to_tsvector('english', title_en), 'A') || \
           setweight(to_tsvector('swedish', body_sv), 'B') || setweight(to_tsvector('english', body_en), 'B') \
         ) STORED)",
    )
    .execute(&mut conn)
    .await?;
    let t0 = Instant::now();
    let total = docs.len();
    {
        let mut copy = conn
            .copy_in_raw("COPY docs (id, key, title_sv, title_en, body_sv, body_en) FROM STDIN")
            .await?;
        let mut buf = String::with_capacity(2 << 20);
        let step = (total / 20).max(1000);
        for (i, d) in docs.iter().enumerate() {
            buf.push_str(&(i + 1).to_string());
            buf.push('\t');
            copy_escape(&key(d), &mut buf);
            buf.push('\t');
            copy_escape(&d.title.sv, &mut buf);
            buf.push('\t');
            copy_escape(&d.title.en, &mut buf);
            buf.push('\t');
            copy_escape(&body(d, Lang::Sv), &mut buf);
            buf.push('\t');
            copy_escape(&body(d, Lang::En), &mut buf);
            buf.push('\n');
            if buf.len() > 1 << 20 {
                copy.send(std::mem::take(&mut buf).into_bytes()).await?;
            }
            if (i + 1) % step == 0 {
                progress("postgres COPY", i + 1, total, t0);
            }
        }
        if !buf.is_empty() {
            copy.send(buf.into_bytes()).await?;
        }
        copy.finish().await?;
    }
    eprintln!();
    let copy_s = t0.elapsed().as_secs_f64();
    eprint!("  postgres GIN index and ANALYZE...");
    sqlx::query("CREATE INDEX docs_vec ON docs USING gin (vec)")
        .execute(&mut conn)
        .await?;
    sqlx::query("ANALYZE docs").execute(&mut conn).await?;
    let index_s = t0.elapsed().as_secs_f64();
    eprintln!(" {:.1}s", index_s - copy_s);
    let bytes: i64 = sqlx::query_scalar("SELECT pg_total_relation_size('docs')")
        .fetch_one(&mut conn)
        .await?;
    Ok(Built {
        engine: Engine::Postgres(conn),
        index_s,
        index_mb: bytes as f64 / 1e6,
        extra: json!({ "copy_s": round(copy_s, 2) }),
    })
}

async fn build_sqlite(docs: &[SearchDoc], work: &Path) -> Res<Built> {
    let path = work.join(format!("fts5-{}.db", docs.len()));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let mut conn = SqliteConnectOptions::new()
        .filename(&path)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .connect()
        .await?;
    sqlx::query(
        "CREATE VIRTUAL TABLE docs USING fts5(key UNINDEXED, title_sv, title_en, body_sv, body_en, \
         tokenize = 'unicode61 remove_diacritics 2')",
    )
    .execute(&mut conn)
    .await?;
    let t0 = Instant::now();
    let total = docs.len();
    let step = (total / 20).max(1000);
    let mut tx = conn.begin().await?;
    for (c, chunk) in docs.chunks(200).enumerate() {
        let mut sql =
            String::from("INSERT INTO docs (key, title_sv, title_en, body_sv, body_en) VALUES ");
        for i in 0..chunk.len() {
            if i > 0 {
                sql.push(',');
            }
            sql.push_str("(?,?,?,?,?)");
        }
        let mut q = sqlx::query(&sql);
        for d in chunk {
            q = q
                .bind(key(d))
                .bind(d.title.sv.clone())
                .bind(d.title.en.clone())
                .bind(body(d, Lang::Sv))
                .bind(body(d, Lang::En));
        }
        q.execute(&mut *tx).await?;
        let done = c * 200 + chunk.len();
        if done % step < 200 || done == total {
            progress("sqlite FTS5 insert", done, total, t0);
        }
    }
    tx.commit().await?;
    eprintln!();
    // Merge the FTS5 b-trees into one, as one would for a corpus loaded at once.
    sqlx::query("INSERT INTO docs (docs) VALUES ('optimize')")
        .execute(&mut conn)
        .await?;
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(&mut conn)
        .await?;
    let index_s = t0.elapsed().as_secs_f64();
    let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    Ok(Built {
        engine: Engine::Sqlite(conn),
        index_s,
        index_mb: bytes as f64 / 1e6,
        extra: json!({}),
    })
}

struct Measured {
    p50_ms: f64,
    p99_ms: f64,
    mean_ms: f64,
    samples: usize,
    rounds: usize,
    ndcg10: f64,
    recall10: f64,
    per_query: Vec<Value>,
}

async fn measure(
    engine: &mut Engine,
    queries: &[Judged],
    o: &Options,
    label: &str,
) -> Res<Measured> {
    // The first (warm-up) pass gives the ranking; it is deterministic, so quality is measured once.
    let mut tops = Vec::new();
    let mut totals = Vec::new();
    for j in queries {
        tops.push(engine.top10(j).await?);
        totals.push(engine.total(j));
    }
    let mut per_query_times: Vec<Vec<f64>> = vec![Vec::new(); queries.len()];
    let mut all = Vec::new();
    let t0 = Instant::now();
    let mut rounds = 0;
    for r in 0..o.rounds {
        for (i, j) in queries.iter().enumerate() {
            let t = Instant::now();
            let top = engine.top10(j).await?;
            let ms = t.elapsed().as_secs_f64() * 1000.0;
            std::hint::black_box(top);
            per_query_times[i].push(ms);
            all.push(ms);
        }
        rounds = r + 1;
        eprint!(
            "\r  {label}: round {rounds}/{} {:.1}s   ",
            o.rounds,
            t0.elapsed().as_secs_f64()
        );
        let _ = std::io::stderr().flush();
        if rounds >= o.min_rounds && t0.elapsed().as_secs_f64() > o.budget_s {
            break;
        }
    }
    eprintln!();
    all.sort_by(f64::total_cmp);
    let mut per_query = Vec::new();
    let (mut nd, mut rc) = (0.0, 0.0);
    for (((j, top), times), total) in queries
        .iter()
        .zip(&tops)
        .zip(per_query_times.iter_mut())
        .zip(&totals)
    {
        times.sort_by(f64::total_cmp);
        let n = ndcg10(top, j);
        let rec = recall10(top, j);
        nd += n;
        rc += rec;
        per_query.push(json!({
            "q": j.q,
            "lang": j.lang,
            "ndcg10": round(n, 3),
            "recall10": round(rec, 3),
            "p50_ms": round(percentile(times, 50.0), 3),
            "max_ms": round(times.last().copied().unwrap_or(f64::NAN), 3),
            "top5": top.iter().take(5).collect::<Vec<_>>(),
            "matches": total,
        }));
    }
    let n = queries.len().max(1) as f64;
    Ok(Measured {
        p50_ms: percentile(&all, 50.0),
        p99_ms: percentile(&all, 99.0),
        mean_ms: all.iter().sum::<f64>() / all.len().max(1) as f64,
        samples: all.len(),
        rounds,
        ndcg10: nd / n,
        recall10: rc / n,
        per_query,
    })
}

// ------------------------------------------------------------------------------------------------------------
// Machine and report
// ------------------------------------------------------------------------------------------------------------

fn command(cmd: &str, args: &[&str]) -> Option<String> {
    std::process::Command::new(cmd)
        .args(args)
        .current_dir(ROOT)
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
}

fn machine() -> Value {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let cpu = cpuinfo
        .lines()
        .find(|l| l.starts_with("model name"))
        .and_then(|l| l.split_once(':'))
        .map(|(_, v)| v.trim().to_owned());
    let mem_gib = std::fs::read_to_string("/proc/meminfo")
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with("MemTotal:"))
        .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        .map(|kib| round(kib / 1024.0 / 1024.0, 1));
    let dirty = command("git", &["status", "--porcelain", "--untracked-files=no"])
        .is_some_and(|s| !s.is_empty());
    json!({
        "cpu": cpu,
        "nproc": std::thread::available_parallelism().map(|n| n.get()).ok(),
        "memory_gib": mem_gib,
        "date": command("date", &["-u", "+%Y-%m-%dT%H:%M:%SZ"]),
        "commit": command("git", &["rev-parse", "--short", "HEAD"]).map(|c| if dirty { format!("{c}+dirty") } else { c }),
        // The measured search crate, when it differs from the commit: its changed files and their blob hashes
        // (of the files now; `search_src_as_built` says whether they are still what this binary was built from).
        "search_src_as_built": SEARCH_SRC.iter().all(|(path, built)| {
            std::fs::read(PathBuf::from(ROOT).join(path)).is_ok_and(|now| now == built.as_bytes())
        }),
        "search_src_uncommitted": command("git", &["status", "--porcelain", "--", "crates/search/src"])
            .filter(|s| !s.is_empty())
            .map(|s| s.lines().filter_map(|l| {
                let path = l.split_whitespace().last()?;
                Some(format!("{path} {}", command("git", &["hash-object", path]).unwrap_or_default()))
            }).collect::<Vec<_>>()),
    })
}

const ENGINE_NAMES: &[(&str, &str)] = &[
    ("samverkan", "Samverkan (tantivy, in-process)"),
    (
        "samverkan-merged",
        "Samverkan, index merged to one segment (diagnostic)",
    ),
    (
        "postgres",
        "PostgreSQL 15 tsvector + GIN + ts_rank (pg_search style)",
    ),
    ("sqlite", "SQLite FTS5 bm25"),
];

fn markdown(report: &Value) -> String {
    let mut md = String::new();
    let m = &report["machine"];
    md.push_str("# Search benchmark\n\n");
    md.push_str(&format!(
        "`bench/run search --sizes {}` on {} ({} cores, {} GiB), {}, commit {}. PostgreSQL: {}.\n\n",
        report["sizes"]
            .as_array()
            .map(|a| a.iter().map(Value::to_string).collect::<Vec<_>>().join(","))
            .unwrap_or_default(),
        m["cpu"].as_str().unwrap_or("?"),
        m["nproc"],
        m["memory_gib"],
        m["date"].as_str().unwrap_or("?"),
        m["commit"].as_str().unwrap_or("?"),
        report["postgres"]["version"].as_str().unwrap_or("not run"),
    ));
    md.push_str(&format!(
        "Latency is per query, warm, in-process (PostgreSQL and SQLite through sqlx; PostgreSQL over loopback), \
         including fetching the top 10 keys; Samverkan's time also includes its facet counts, total and \
         highlighted snippets. Quality: nDCG@10 (gain 2^rel − 1, log2 discount) and recall@10 over the {} judged \
         queries of `bench/search/judged.toml`. Ratios are the peer's figure over Samverkan's.\n\n",
        report["queries"]
    ));
    md.push_str("| documents | engine | index s | index MB | p50 ms | p99 ms | p99 / Samverkan | nDCG@10 | recall@10 | timed runs |\n");
    md.push_str("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    let rows = report["results"].as_array().cloned().unwrap_or_default();
    for row in &rows {
        let base = row["engines"]["samverkan"]["p99_ms"].as_f64();
        for (id, name) in ENGINE_NAMES {
            let e = &row["engines"][*id];
            if e.is_null() {
                continue;
            }
            let ratio = match (e["p99_ms"].as_f64(), base) {
                (Some(p), Some(b)) if !id.starts_with("samverkan") && b > 0.0 => {
                    format!("{:.1}×", p / b)
                }
                _ => "–".into(),
            };
            md.push_str(&format!(
                "| {} | {} | {:.1} | {:.0} | {:.3} | {:.3} | {} | {:.3} | {:.3} | {} |\n",
                row["docs"],
                name,
                e["index_s"].as_f64().unwrap_or(f64::NAN),
                e["index_mb"].as_f64().unwrap_or(f64::NAN),
                e["p50_ms"].as_f64().unwrap_or(f64::NAN),
                e["p99_ms"].as_f64().unwrap_or(f64::NAN),
                ratio,
                e["ndcg10"].as_f64().unwrap_or(f64::NAN),
                e["recall10"].as_f64().unwrap_or(f64::NAN),
                e["samples"],
            ));
        }
    }
    md.push_str("\n## Targets\n\n");
    for row in rows
        .iter()
        .filter(|r| r["docs"].as_u64().unwrap_or(0) >= 1000)
    {
        let e = &row["engines"];
        let s = &e["samverkan"];
        let (Some(p99), Some(nd)) = (s["p99_ms"].as_f64(), s["ndcg10"].as_f64()) else {
            continue;
        };
        let mut parts = vec![format!(
            "p99 {:.3} ms{}",
            p99,
            if row["docs"] == 100_000 {
                if p99 <= 2.0 {
                    " (≤ 2 ms: met)"
                } else {
                    " (≤ 2 ms: not met)"
                }
            } else {
                ""
            }
        )];
        for (id, name) in [("postgres", "PostgreSQL"), ("sqlite", "SQLite FTS5")] {
            if let (Some(pp), Some(pn)) = (e[id]["p99_ms"].as_f64(), e[id]["ndcg10"].as_f64()) {
                parts.push(format!(
                    "{name}: p99 ratio {:.1}× ({}), nDCG@10 {:.3} vs {:.3} ({})",
                    pp / p99,
                    if pp / p99 >= 20.0 {
                        "≥ 20×: met"
                    } else {
                        "≥ 20×: not met"
                    },
                    nd,
                    pn,
                    if nd > pn {
                        "higher: met"
                    } else {
                        "higher: not met"
                    }
                ));
            }
        }
        md.push_str(&format!(
            "- **{} documents**: {}.\n",
            row["docs"],
            parts.join("; ")
        ));
    }
    md.push_str("\n## Judged queries below nDCG@10 0.8 for Samverkan (largest size)\n\n");
    if let Some(last) = rows.last() {
        let per = last["engines"]["samverkan"]["per_query"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let others = |id: &str, q: &Value| -> String {
            last["engines"][id]["per_query"]
                .as_array()
                .and_then(|a| a.iter().find(|x| x["q"] == *q))
                .and_then(|x| x["ndcg10"].as_f64())
                .map(|v| format!("{v:.2}"))
                .unwrap_or_else(|| "–".into())
        };
        md.push_str("| query | lang | nDCG@10 | recall@10 | PostgreSQL | FTS5 | p50 ms | Samverkan's top 3 |\n|---|---|---:|---:|---:|---:|---:|---|\n");
        let mut low: Vec<&Value> = per
            .iter()
            .filter(|p| p["ndcg10"].as_f64().unwrap_or(0.0) < 0.8)
            .collect();
        low.sort_by(|a, b| {
            a["ndcg10"]
                .as_f64()
                .unwrap_or(0.0)
                .total_cmp(&b["ndcg10"].as_f64().unwrap_or(0.0))
        });
        for p in low {
            md.push_str(&format!(
                "| {} | {} | {:.2} | {:.2} | {} | {} | {:.2} | {} |\n",
                p["q"].as_str().unwrap_or(""),
                p["lang"].as_str().unwrap_or(""),
                p["ndcg10"].as_f64().unwrap_or(0.0),
                p["recall10"].as_f64().unwrap_or(0.0),
                others("postgres", &p["q"]),
                others("sqlite", &p["q"]),
                p["p50_ms"].as_f64().unwrap_or(0.0),
                p["top5"]
                    .as_array()
                    .map(|t| t
                        .iter()
                        .take(3)
                        .filter_map(Value::as_str)
                        .collect::<Vec<_>>()
                        .join(", "))
                    .unwrap_or_default(),
            ));
        }
        md.push_str("\n## Slowest judged queries for Samverkan (largest size, per-query median)\n\n| query | p50 ms | max ms |\n|---|---:|---:|\n");
        let mut slow: Vec<&Value> = per.iter().collect();
        slow.sort_by(|a, b| {
            b["p50_ms"]
                .as_f64()
                .unwrap_or(0.0)
                .total_cmp(&a["p50_ms"].as_f64().unwrap_or(0.0))
        });
        for p in slow.iter().take(8) {
            md.push_str(&format!(
                "| {} | {:.3} | {:.3} |\n",
                p["q"].as_str().unwrap_or(""),
                p["p50_ms"].as_f64().unwrap_or(0.0),
                p["max_ms"].as_f64().unwrap_or(0.0)
            ));
        }
    }
    md
}

// ------------------------------------------------------------------------------------------------------------
// Main
// ------------------------------------------------------------------------------------------------------------

async fn run(o: &Options, pg_db: &mut Option<(PgConnection, String)>) -> Res<Value> {
    let data = Dataset::parse(DATA).map_err(|p| format!("data set: {p:?}"))?;
    let cat = Catalogue::parse(CATALOGUE, &data).map_err(|p| format!("catalogue: {p:?}"))?;
    let real = real_docs(&data, &cat)?;
    let judged: JudgedFile = toml::from_str(JUDGED)?;
    let queries = judged.query;
    let keys: HashSet<String> = real.iter().map(key).collect();
    for j in &queries {
        for k in j.relevant.keys() {
            if !keys.contains(k) {
                eprintln!(
                    "warning: judged document {k} (query {:?}) is not in the data set",
                    j.q
                );
            }
        }
    }
    let max = o.sizes.iter().copied().max().unwrap_or(0);
    let t0 = Instant::now();
    let filler = Filler::new(&real, &data)?;
    let mut docs = real.clone();
    let n_filler = max.saturating_sub(real.len());
    docs.reserve(n_filler);
    for i in 0..n_filler {
        docs.push(filler.doc(i)?);
        if (i + 1) % 100_000 == 0 || i + 1 == n_filler {
            progress("generating filler", i + 1, n_filler, t0);
        }
    }
    eprintln!(
        "\n{} real documents, {} filler, {} judged queries ({:.1}s)",
        real.len(),
        n_filler,
        queries.len(),
        t0.elapsed().as_secs_f64()
    );
    let sample = docs.get(real.len()).map(|d| {
        json!({"title_en": d.title.en, "title_sv": d.title.sv, "body_en": d.body.en, "body_sv": d.body.sv, "tags_en": d.tag_labels.en})
    });
    std::fs::create_dir_all(&o.work)?;
    let mut pg_info = json!(null);
    let mut pg_opts = None;
    if o.engines.iter().any(|e| e == "postgres") {
        let admin_opts: PgConnectOptions = o.pg.parse()?;
        let mut admin = admin_opts.connect().await?;
        let name = format!("samverkan_bench_{}", std::process::id());
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&mut admin)
            .await?;
        let version: String = sqlx::query_scalar("SHOW server_version")
            .fetch_one(&mut admin)
            .await?;
        let mut settings = serde_json::Map::new();
        for s in [
            "shared_buffers",
            "work_mem",
            "jit",
            "effective_cache_size",
            "max_parallel_workers_per_gather",
        ] {
            let v: String = sqlx::query_scalar(&format!("SHOW {s}"))
                .fetch_one(&mut admin)
                .await?;
            settings.insert(s.into(), json!(v));
        }
        pg_info = json!({ "version": format!("PostgreSQL {version}"), "settings": settings, "maintenance_work_mem_for_load": "256MB" });
        pg_opts = Some(admin_opts.clone().database(&name));
        *pg_db = Some((admin, name));
    }
    let mut results = Vec::new();
    // Distinct words (lowercased, split at anything not a letter or digit) of the corpus so far: what Samverkan's
    // typo correction scans.
    let mut vocabulary: HashSet<String> = HashSet::new();
    let mut counted = 0;
    let mut sizes = o.sizes.clone();
    sizes.sort_unstable();
    for &n in &sizes {
        let corpus = &docs[..n.max(real.len()).min(docs.len())];
        for d in &corpus[counted..] {
            for text in [
                &d.title.sv,
                &d.title.en,
                &d.body.sv,
                &d.body.en,
                &d.tag_labels.sv,
                &d.tag_labels.en,
            ] {
                for w in text
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                {
                    if !vocabulary.contains(w) {
                        vocabulary.insert(w.to_lowercase());
                    }
                }
            }
        }
        counted = corpus.len();
        eprintln!(
            "== {} documents, {} distinct words",
            corpus.len(),
            vocabulary.len()
        );
        let mut engines = serde_json::Map::new();
        for id in &o.engines {
            let built = match id.as_str() {
                "samverkan" => build_samverkan(corpus, &o.work).await?,
                "samverkan-merged" => merge_samverkan(corpus, &o.work).await?,
                "postgres" => {
                    let opts = pg_opts.as_ref().ok_or("postgres options")?;
                    build_postgres(corpus, opts).await?
                }
                "sqlite" => build_sqlite(corpus, &o.work).await?,
                other => return Err(format!("unknown engine {other}").into()),
            };
            let Built {
                mut engine,
                index_s,
                index_mb,
                extra,
            } = built;
            eprintln!("  {id}: indexed in {index_s:.1}s, {index_mb:.0} MB");
            for q in &o.explain {
                let j = queries
                    .iter()
                    .find(|j| j.q == *q)
                    .cloned()
                    .unwrap_or(Judged {
                        q: q.clone(),
                        lang: "en".into(),
                        relevant: BTreeMap::new(),
                    });
                let by_key: HashMap<String, &SearchDoc> =
                    corpus.iter().map(|d| (key(d), d)).collect();
                let total = engine
                    .total(&j)
                    .map(|n| format!(", {n} matches"))
                    .unwrap_or_default();
                eprintln!("  {id} top 10 for {:?} ({}{total}):", j.q, j.lang);
                for (rank, k) in engine.top10(&j).await?.iter().enumerate() {
                    let d = by_key.get(k);
                    let short =
                        |t: &str| t.chars().take(110).collect::<String>().replace('\n', " ");
                    eprintln!(
                        "    {:>2}. {k} [{}] {} | {} | {}",
                        rank + 1,
                        j.relevant.get(k).copied().unwrap_or(0),
                        d.map(|d| d.title.get(j.lang()).to_owned())
                            .unwrap_or_default(),
                        d.map(|d| short(&body(d, Lang::Sv))).unwrap_or_default(),
                        d.map(|d| short(&body(d, Lang::En))).unwrap_or_default(),
                    );
                }
            }
            if o.spin_s > 0.0 && !o.explain.is_empty() {
                let spun: Vec<Judged> = o
                    .explain
                    .iter()
                    .map(|q| Judged {
                        q: q.clone(),
                        lang: queries
                            .iter()
                            .find(|j| j.q == *q)
                            .map_or("en".into(), |j| j.lang.clone()),
                        relevant: BTreeMap::new(),
                    })
                    .collect();
                eprintln!(
                    "  {id}: spinning {:.0} s (pid {})",
                    o.spin_s,
                    std::process::id()
                );
                let start = Instant::now();
                let mut times = Vec::new();
                while start.elapsed().as_secs_f64() < o.spin_s {
                    for j in &spun {
                        let t = Instant::now();
                        engine.top10(j).await?;
                        times.push(t.elapsed().as_secs_f64() * 1e3);
                    }
                }
                times.sort_by(f64::total_cmp);
                eprintln!(
                    "  {id}: spun {} runs, p50 {:.3} ms, p99 {:.3} ms",
                    times.len(),
                    percentile(&times, 50.0),
                    percentile(&times, 99.0)
                );
            }
            let m = measure(&mut engine, &queries, o, id).await?;
            eprintln!(
                "  {id}: p50 {:.3} ms, p99 {:.3} ms, nDCG@10 {:.3}, recall@10 {:.3} ({} runs)",
                m.p50_ms, m.p99_ms, m.ndcg10, m.recall10, m.samples
            );
            let mut e = json!({
                "index_s": round(index_s, 2),
                "index_mb": round(index_mb, 1),
                "p50_ms": round(m.p50_ms, 4),
                "p99_ms": round(m.p99_ms, 4),
                "mean_ms": round(m.mean_ms, 4),
                "samples": m.samples,
                "rounds": m.rounds,
                "ndcg10": round(m.ndcg10, 4),
                "recall10": round(m.recall10, 4),
                "per_query": m.per_query,
            });
            if let (Some(obj), Some(x)) = (e.as_object_mut(), extra.as_object()) {
                for (k, v) in x {
                    obj.insert(k.clone(), v.clone());
                }
            }
            // PostgreSQL's plan for its slowest query: where the time goes, and whether JIT compiled it.
            if let (Engine::Postgres(conn), Some(obj)) = (&mut engine, e.as_object_mut()) {
                let slowest = m
                    .per_query
                    .iter()
                    .max_by(|a, b| {
                        a["p50_ms"]
                            .as_f64()
                            .unwrap_or(0.0)
                            .total_cmp(&b["p50_ms"].as_f64().unwrap_or(0.0))
                    })
                    .and_then(|p| p["q"].as_str())
                    .unwrap_or_default()
                    .to_owned();
                if let Some(sql) = pg_sql(&slowest) {
                    let plan: Value =
                        sqlx::query_scalar(&format!("EXPLAIN (ANALYZE, FORMAT JSON) {sql}"))
                            .fetch_one(&mut *conn)
                            .await?;
                    let top = &plan[0];
                    obj.insert(
                        "explain_slowest".into(),
                        json!({
                            "q": slowest,
                            "execution_ms": top["Execution Time"],
                            "planning_ms": top["Planning Time"],
                            "jit": top.get("JIT").is_some(),
                            "jit_total_ms": top["JIT"]["Timing"]["Total"],
                            "rows_matched": find_rows(&top["Plan"]),
                            "plan": plan_nodes(&top["Plan"]),
                        }),
                    );
                }
            }
            engines.insert(id.clone(), e);
            match engine {
                Engine::Samverkan(index) => drop(index),
                Engine::Postgres(conn) => conn.close().await?,
                Engine::Sqlite(conn) => conn.close().await?,
            }
        }
        let _ = std::fs::remove_dir_all(o.work.join(format!("samverkan-{}", corpus.len())));
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!(
                "{}{suffix}",
                o.work.join(format!("fts5-{}.db", corpus.len())).display()
            ));
        }
        let base = engines.get("samverkan").and_then(|s| s["p99_ms"].as_f64());
        let mut ratios = serde_json::Map::new();
        if let Some(b) = base {
            for peer in ["postgres", "sqlite"] {
                if let Some(p) = engines.get(peer).and_then(|e| e["p99_ms"].as_f64()) {
                    ratios.insert(peer.into(), json!(round(p / b, 1)));
                }
            }
        }
        results.push(json!({
            "docs": corpus.len(),
            "distinct_words": vocabulary.len(),
            "engines": engines,
            "p99_ratio_peer_over_samverkan": ratios,
        }));
    }
    Ok(json!({
        "machine": machine(),
        "sizes": o.sizes,
        "real_documents": real.len(),
        "queries": queries.len(),
        "rounds": o.rounds,
        "min_rounds": o.min_rounds,
        "budget_s": o.budget_s,
        "postgres": pg_info,
        "method": {
            "samverkan": "SearchIndex::open(Some(dir)) + rebuild, on disk as in production; search() with lang and limit 10 (facets, total and snippets included)",
            "postgres": "stored generated tsvector: setweight(to_tsvector('swedish', title_sv),'A') || setweight(to_tsvector('english', title_en),'A') || setweight(to_tsvector('swedish', body_sv),'B') || setweight(to_tsvector('english', body_en),'B'), GIN index, ANALYZE; pg_search tsearch with prefix: true (as Decidim) and any_word: true: each word to_tsquery('swedish'|'english', ''' word ''':*') OR-ed; ORDER BY ts_rank(vec, q) DESC, id LIMIT 10; literals inlined as pg_search does; sqlx over loopback",
            "sqlite": "fts5(key UNINDEXED, title_sv, title_en, body_sv, body_en, tokenize='unicode61 remove_diacritics 2'), optimize after load; each word quoted, OR-ed; ORDER BY bm25(docs, 0, 3, 3, 1, 1) LIMIT 10; sqlx",
            "bodies": "body = text + tag labels, as Samverkan's index composes its body fields",
        },
        "filler_sample": sample,
        "results": results,
    }))
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Res<()> {
    let o = options()?;
    if !machine()["search_src_as_built"].as_bool().unwrap_or(true) {
        eprintln!("warning: crates/search/src changed since this binary was built");
    }
    let mut pg_db: Option<(PgConnection, String)> = None;
    let result = run(&o, &mut pg_db).await;
    if let Some((mut admin, name)) = pg_db {
        if let Err(e) = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .execute(&mut admin)
            .await
        {
            eprintln!("could not drop {name}: {e}");
        }
        let _ = admin.close().await;
    }
    let _ = std::fs::remove_dir_all(&o.work);
    let report = result?;
    std::fs::create_dir_all(&o.out)?;
    let out = std::fs::canonicalize(&o.out).unwrap_or_else(|_| o.out.clone());
    let json_path = out.join("search.json");
    std::fs::write(&json_path, serde_json::to_string_pretty(&report)? + "\n")?;
    let md_path = out.join("search.md");
    std::fs::write(&md_path, markdown(&report))?;
    eprintln!("wrote {} and {}", json_path.display(), md_path.display());
    Ok(())
}
