//! The follow-up report benchmark: how long the yearly report takes as HTML and as a PDF (typst, in-process) for a
//! strategy of 5 areas, N measures and N/2 indicators over five yearly cycles, and how that grows with N.
//!
//! For each size, in a fresh SQLite database: migrate, load the built-in actors and tags (`samverkan::seed`, not
//! `prepare`, so the strategy tables stay empty), seed a generated strategy (`store.seed_strategy`) with realistic
//! bilingual texts, create an admin, and run the cycles 2022–2026 through the store's follow-up API: open, one
//! report per measure (status, a narrative of about three sentences, evidence links, a value for every
//! non-automatic indicator it follows), sent and accepted, then closed. All five cycles are closed; after closing
//! 2026 the office revises 2% of its reports (a value or a status, with a reason), so the report has revisions too.
//! Then it times, after 3 warm-up runs, up to `--runs` runs of:
//!
//! - `build`: `app::report::build(&store, 2026, Lang::En, Version::Public)`;
//! - `html`: build + `standalone_html` (the HTML file `samverkan report --format html` writes);
//! - `pdf_same`: `app::report::pdf(&model)` on the same model again and again. typst memoises (comemo) inside the
//!   process, so this is the warm server answering the same report twice: most of the work is a cache hit;
//! - `build_pdf`: build + pdf (the same data, so also memoised);
//! - `pdf_changed`: pdf of the model with one narrative changed per run (another report accepted): typst's
//!   incremental case, one warm-up and up to `--changed-runs` (10), with the process's resident memory after each
//!   (typst keeps what it memoised, so this series stops early past `--rss-cap` MiB, default 4096);
//! - `pdf_fresh`: one child process per run that first typesets a small document (fonts and typst's library
//!   loaded, as in a server that has made other PDFs) and then the full report once: warm, nothing of this report
//!   memoised;
//! - `pdf_cold`: one child process, the very first PDF (font loading included), once.
//!
//! With Chromium (`--chromium PATH`, default `/usr/bin/chromium` when present) it also prints the standalone HTML
//! to PDF with `chromium --headless --print-to-pdf`, one process per run (what a wkhtmltopdf-style setup pays), and
//! a one-line page the same way (Chromium's fixed cost).
//!
//! Each size runs in its own process (this binary with `--one-size N`), so one size's memoised typst state and
//! memory do not weigh on the next. Run through `bench/run report [--sizes 100,1000]`; writes
//! `bench/results/report.json` and `bench/results/report.md`. Options: `--sizes` (measures; indicators are half), `--runs N` (30), `--min-runs N`
//! (10), `--budget S` (stop a series after S seconds once `--min-runs` are done; 60), `--fresh-runs N` (10),
//! `--chromium-runs N` (10), `--chromium PATH` or `--no-chromium`, `--out DIR` (`bench/results`), `--work DIR`
//! (`/var/tmp/samverkan-bench-report-PID`, removed at the end unless `--keep`).

use app::report::{ReportModel, Version};
use domain::followup::{Party, ReportContent, ReportMove, ReportedValue};
use domain::strategy::{
    AutoIndicator, Direction, FocusArea, Indicator, Measure, MeasureStatus, Strategy, StrategyData,
    YearValue,
};
use domain::{IsoDate, Lang, LangText, Slug, WebUrl};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::error::Error;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;
use store::{Revision, Store};

type Res<T> = Result<T, Box<dyn Error>>;

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
const YEAR: i32 = 2026;
const YEARS: std::ops::RangeInclusive<i32> = 2022..=2026;
const AREAS: usize = 5;
const WARMUP: usize = 3;

// ------------------------------------------------------------------------------------------------------------
// Options
// ------------------------------------------------------------------------------------------------------------

struct Options {
    sizes: Vec<usize>,
    runs: usize,
    min_runs: usize,
    budget_s: f64,
    fresh_runs: usize,
    chromium_runs: usize,
    chromium: Option<PathBuf>,
    out: PathBuf,
    work: PathBuf,
    keep: bool,
    changed_runs: usize,
    rss_cap_mib: f64,
    /// Set in the child process that measures one size.
    one_size: Option<usize>,
}

fn options(args: &[String]) -> Res<Options> {
    let default_chromium = PathBuf::from("/usr/bin/chromium");
    let mut o = Options {
        sizes: vec![100, 1000],
        runs: 30,
        min_runs: 10,
        budget_s: 60.0,
        fresh_runs: 10,
        chromium_runs: 10,
        chromium: default_chromium.exists().then_some(default_chromium),
        out: PathBuf::from(ROOT).join("bench/results"),
        work: PathBuf::from(format!(
            "/var/tmp/samverkan-bench-report-{}",
            std::process::id()
        )),
        keep: false,
        changed_runs: 10,
        rss_cap_mib: 4096.0,
        one_size: None,
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--sizes" => {
                o.sizes = value()?
                    .split(',')
                    .map(|s| s.trim().replace('_', "").parse::<usize>())
                    .collect::<Result<_, _>>()?;
                if o.sizes.iter().any(|&n| n < AREAS * 2) {
                    return Err(format!("each size needs at least {} measures", AREAS * 2).into());
                }
            }
            "--runs" => o.runs = value()?.parse()?,
            "--min-runs" => o.min_runs = value()?.parse()?,
            "--budget" => o.budget_s = value()?.parse()?,
            "--fresh-runs" => o.fresh_runs = value()?.parse()?,
            "--chromium-runs" => o.chromium_runs = value()?.parse()?,
            "--chromium" => o.chromium = Some(PathBuf::from(value()?)),
            "--no-chromium" => o.chromium = None,
            "--out" => o.out = PathBuf::from(value()?),
            "--work" => o.work = PathBuf::from(value()?),
            "--keep" => o.keep = true,
            "--changed-runs" => o.changed_runs = value()?.parse()?,
            "--rss-cap" => o.rss_cap_mib = value()?.parse()?,
            "--one-size" => o.one_size = Some(value()?.parse()?),
            other => return Err(format!("unknown option {other}").into()),
        }
    }
    o.min_runs = o.min_runs.clamp(1, o.runs.max(1));
    Ok(o)
}

// ------------------------------------------------------------------------------------------------------------
// Generated strategy
// ------------------------------------------------------------------------------------------------------------

/// xorshift64*, seeded: the same data on every run.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// (Swedish, English) pairs.
type Pair = (&'static str, &'static str);

const TOPICS: &[Pair] = &[
    ("kliniska prövningar", "clinical trials"),
    ("strukturerade hälsodata", "structured health data"),
    ("precisionsdiagnostik", "precision diagnostics"),
    (
        "avancerade terapiläkemedel",
        "advanced therapy medicinal products",
    ),
    ("testbäddar i vården", "testbeds in health care"),
    ("biobanksprover", "biobank samples"),
    ("medicinteknisk validering", "medical technology validation"),
    ("kompetensförsörjning", "skills supply"),
    ("internationell rekrytering", "international recruitment"),
    (
        "forskningsinfrastruktur för småföretag",
        "research infrastructure for small companies",
    ),
    ("GMP-tillverkning", "GMP manufacturing"),
    ("genomisk medicin", "genomic medicine"),
    ("digitala vårdtjänster", "digital care services"),
    ("inkubation av nya bolag", "incubation of new companies"),
    ("innovationsupphandling", "innovation procurement"),
    ("patientnära forskning", "patient-centred research"),
    (
        "lokaler för life science-företag",
        "premises for life science companies",
    ),
    (
        "dataskydd och informationssäkerhet",
        "data protection and information security",
    ),
    ("regionalt riskkapital", "regional risk capital"),
    (
        "samverkan med kommunerna",
        "collaboration with the municipalities",
    ),
];

const TITLE_VERBS: &[Pair] = &[
    ("Utveckla", "Develop"),
    ("Inrätta", "Set up"),
    ("Stärka", "Strengthen"),
    ("Samordna", "Coordinate"),
    ("Kartlägga", "Map"),
    ("Pröva", "Pilot"),
    ("Skala upp", "Scale up"),
    ("Följa upp", "Follow up"),
];

const TITLE_OBJECTS: &[Pair] = &[
    ("en gemensam ingång för", "a single point of entry for"),
    ("ett regionalt nätverk för", "a regional network for"),
    ("stödet till företag inom", "support to companies in"),
    ("en handlingsplan för", "an action plan for"),
    ("utbildningsinsatser om", "training on"),
    ("finansieringen av", "the funding of"),
    ("arbetssätt för", "ways of working for"),
    ("en uppföljningsmodell för", "a follow-up model for"),
];

const DESCRIPTION: &[Pair] = &[
    (
        "Insatsen samlar regionens aktörer kring {t} och tydliggör vem som gör vad.",
        "The measure brings the region's actors together on {t} and makes clear who does what.",
    ),
    (
        "Målet är att fler företag och forskargrupper ska hitta rätt stöd snabbare och till lägre kostnad.",
        "The aim is for more companies and research groups to find the right support faster and at lower cost.",
    ),
    (
        "Arbetet bygger på befintliga strukturer och kompletterar dem där behoven är störst.",
        "The work builds on existing structures and complements them where the needs are greatest.",
    ),
    (
        "En arbetsgrupp med representanter från akademi, vård och näringsliv leder genomförandet.",
        "A working group with representatives of academia, health care and industry leads the work.",
    ),
    (
        "Resultaten följs upp årligen mot strategins indikatorer och redovisas för programkontoret.",
        "The results are followed up every year against the strategy's indicators and reported to the programme office.",
    ),
];

const AREA_NAMES: &[Pair] = &[
    (
        "Världsledande tillgång till strukturerade hälsodata",
        "World-leading access to structured health data",
    ),
    (
        "En hälso- och sjukvård tillgänglig för forskning och innovation",
        "Health care accessible to research and innovation",
    ),
    (
        "Högupplöst diagnostik och individanpassad behandling",
        "High-resolution diagnostics and personalised treatment",
    ),
    (
        "Kompetens, talang och attraktionskraft",
        "Skills, talent and attractiveness",
    ),
    (
        "Tillväxt och internationell konkurrenskraft för företagen",
        "Growth and international competitiveness for companies",
    ),
];

const AREA_TEXT: &[Pair] = &[
    (
        "Stockholmsregionen har starka miljöer inom {t}, men aktörerna arbetar ofta var för sig.",
        "The Stockholm region has strong environments in {t}, but the actors often work on their own.",
    ),
    (
        "Efterfrågan från företag och forskare ökar snabbare än den kapacitet som finns i dag.",
        "Demand from companies and researchers is growing faster than today's capacity.",
    ),
    (
        "Regionen ska till 2030 vara en självklar partner för internationella samarbeten.",
        "By 2030 the region is to be an obvious partner for international collaboration.",
    ),
    (
        "Det behövs gemensamma arbetssätt, långsiktig finansiering och tydligare kontaktvägar.",
        "Shared ways of working, long-term funding and clearer routes of contact are needed.",
    ),
];

const NARRATIVE_SV: &[&str] = &[
    "Under {y} har arbetet med {t} fortsatt i samverkan mellan {a} och övriga parter.",
    "{a} har genomfört {k} workshoppar med {m} deltagande organisationer och tagit fram ett gemensamt underlag.",
    "Rekryteringen av en projektledare försenades, vilket har påverkat tidplanen under hösten.",
    "En pilot med {k} företag har startat och de första erfarenheterna har sammanställts i en rapport.",
    "Nästa steg är att förankra förslagen hos ledningen och att säkra finansieringen för {n}.",
    "Samarbetet med vårdens verksamheter har fördjupats och {m} kliniker deltar nu i arbetet.",
    "Utfallet för året ligger i linje med handlingsplanen, och indikatorerna har rapporterats till programkontoret.",
];

const NARRATIVE_EN: &[&str] = &[
    "In {y} the work on {t} continued as a collaboration between {a} and the other partners.",
    "{a} ran {k} workshops with {m} participating organisations and produced a shared basis for decisions.",
    "Recruiting a project manager took longer than planned, which affected the timetable in the autumn.",
    "A pilot with {k} companies has started and the first lessons have been written up in a report.",
    "The next step is to anchor the proposals with management and to secure funding for {n}.",
    "Collaboration with the care units has deepened and {m} clinics now take part in the work.",
    "The year's results are in line with the action plan, and the indicators have been reported to the programme office.",
];

const UNITS: &[(Pair, f64, f64)] = &[
    (("antal", "number"), 20.0, 400.0),
    (("procent", "per cent"), 5.0, 60.0),
    (("MSEK", "SEK million"), 10.0, 250.0),
    (("dagar", "days"), 30.0, 180.0),
    (("antal företag", "companies"), 10.0, 150.0),
];

const INDICATOR_NAMES: &[Pair] = &[
    ("Antal startade studier inom {t}", "Studies started in {t}"),
    (
        "Andel företag som fått stöd inom {t}",
        "Share of companies supported in {t}",
    ),
    ("Extern finansiering till {t}", "External funding for {t}"),
    (
        "Ledtid från förfrågan till avtal för {t}",
        "Lead time from enquiry to agreement for {t}",
    ),
    ("Antal samarbeten inom {t}", "Collaborations in {t}"),
];

fn fill(s: &str, t: &str) -> String {
    s.replace("{t}", t)
}

fn letters(mut n: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'a' + (n % 26) as u8);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

fn slug(s: &str) -> Res<Slug> {
    Ok(Slug::parse(s).map_err(|e| format!("{s}: {e}"))?)
}

fn date(y: i32, m: u8, d: u8) -> Res<IsoDate> {
    Ok(IsoDate::new(y, m, d).map_err(|e| format!("{y}-{m}-{d}: {e}"))?)
}

/// The measure's story over the years: when it starts, ends, and whether it runs into trouble.
#[derive(Clone, Copy)]
struct Plan {
    start: i32,
    end: i32,
    trouble: bool,
    cancelled: Option<i32>,
}

impl Plan {
    fn status(&self, year: i32) -> MeasureStatus {
        if self.cancelled.is_some_and(|c| year >= c) {
            MeasureStatus::Cancelled
        } else if year < self.start {
            MeasureStatus::Planned
        } else if year >= self.end {
            MeasureStatus::Done
        } else if self.trouble && year == self.start + 1 {
            MeasureStatus::Delayed
        } else if self.trouble && year == self.start + 2 {
            MeasureStatus::Stalled
        } else {
            MeasureStatus::Ongoing
        }
    }
}

/// An indicator's path: baseline 2021 to target 2030 and how well it keeps up (0.5–1.3 of the planned line).
#[derive(Clone, Copy)]
struct Path5 {
    baseline: f64,
    target: f64,
    pace: f64,
    decimals: i32,
}

impl Path5 {
    fn value(&self, year: i32, noise: f64) -> f64 {
        let along = f64::from(year - 2021) / 9.0 * self.pace;
        let v = self.baseline + (self.target - self.baseline) * along * (1.0 + noise);
        let f = 10f64.powi(self.decimals);
        (v * f).round() / f
    }
}

struct Generated {
    data: StrategyData,
    plans: HashMap<String, Plan>,
    paths: HashMap<String, Path5>,
}

fn generate(n_measures: usize, dataset: &domain::dataset::Dataset) -> Res<Generated> {
    let mut rng = Rng::new(n_measures as u64);
    let actors: Vec<&domain::actor::Actor> = dataset.actors.iter().collect();
    let tags: Vec<&Slug> = dataset.tags.iter().map(|t| &t.slug).collect();
    let topic = |i: usize| TOPICS[i % TOPICS.len()];
    let text = |rng: &mut Rng, bank: &[Pair], t: Pair, sentences: usize| {
        let start = rng.below(bank.len());
        let mut sv = Vec::new();
        let mut en = Vec::new();
        for k in 0..sentences {
            let (s, e) = bank[(start + k) % bank.len()];
            sv.push(fill(s, t.0));
            en.push(fill(e, t.1));
        }
        LangText::new(sv.join(" "), en.join(" "))
    };
    let strategy = Strategy {
        title: LangText::new(
            "Life science-strategi för Stockholmsregionen (genererad för mätning)",
            "Life science strategy for the Stockholm region (generated for benchmarking)",
        ),
        vision: LangText::new(
            "Stockholm 2030: En av världens fem ledande life science-regioner",
            "Stockholm 2030: One of the world's five leading life science regions",
        ),
        period: Some("2021-2030".into()),
        adopted_by: dataset
            .actors
            .iter()
            .find(|a| a.slug.as_str() == "region-stockholm")
            .map(|a| a.slug.clone()),
        summary: text(&mut rng, DESCRIPTION, topic(0), 4),
    };
    let mut areas = Vec::new();
    for (i, (sv, en)) in AREA_NAMES.iter().enumerate().take(AREAS) {
        let t = topic(i * 4);
        areas.push(FocusArea {
            slug: slug(&format!("omrade-{}", i + 1))?,
            position: i as i64 + 1,
            name: LangText::new(*sv, *en),
            current_state: text(&mut rng, AREA_TEXT, t, 4),
            strengths: text(&mut rng, AREA_TEXT, t, 3),
            desired_state: text(&mut rng, AREA_TEXT, t, 3),
            development_needs: text(&mut rng, AREA_TEXT, t, 4),
            tags: (0..3)
                .map(|k| tags[(i * 3 + k) % tags.len()].clone())
                .collect(),
            actors: (0..4)
                .map(|k| actors[(i * 5 + k) % actors.len()].slug.clone())
                .collect(),
        });
    }
    let mut measures = Vec::new();
    let mut plans = HashMap::new();
    let mut per_area: Vec<Vec<String>> = vec![Vec::new(); AREAS];
    for m in 0..n_measures {
        let a = m % AREAS;
        let code = format!("{}.{}", a + 1, per_area[a].len() + 1);
        let t = topic(rng.below(TOPICS.len()));
        let verb = rng.pick(TITLE_VERBS);
        let obj = rng.pick(TITLE_OBJECTS);
        let start = 2021 + rng.below(4) as i32;
        let end = start + 2 + rng.below(6) as i32;
        let plan = Plan {
            start: start.max(2022),
            end,
            trouble: rng.below(5) == 0,
            cancelled: (rng.below(50) == 0).then(|| 2023 + rng.below(4) as i32),
        };
        let sentences = 2 + rng.below(3);
        let responsible = rng.pick(&actors).slug.clone();
        let contributors: Vec<Slug> = (0..rng.below(4))
            .map(|_| rng.pick(&actors).slug.clone())
            .filter(|s| *s != responsible)
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        measures.push(Measure {
            area: areas[a].slug.clone(),
            code: code.clone(),
            example: false,
            title: LangText::new(
                format!("{} {} {}", verb.0, obj.0, t.0),
                format!("{} {} {}", verb.1, obj.1, t.1),
            ),
            description: text(&mut rng, DESCRIPTION, t, sentences),
            responsible,
            contributors,
            start: Some(date(start, 1 + rng.below(12) as u8, 1)?),
            end: Some(date(end, 12, 31)?),
            status: MeasureStatus::Planned,
            budget: None,
            funding: LangText::default(),
            milestones: Vec::new(),
        });
        plans.insert(code.clone(), plan);
        per_area[a].push(code);
    }
    let mut indicators = Vec::new();
    let mut paths = HashMap::new();
    let mut per_area_ind = [0usize; AREAS];
    for i in 0..n_measures / 2 {
        let a = i % AREAS;
        let code = format!("{}.{}", a + 1, letters(per_area_ind[a]));
        per_area_ind[a] += 1;
        let t = topic(rng.below(TOPICS.len()));
        let (unit, lo, hi) = *rng.pick(UNITS);
        let name = *rng.pick(INDICATOR_NAMES);
        let lower = unit.1 == "days";
        let (baseline, target) = if lower {
            (hi * (0.6 + 0.4 * rng.unit()), lo * (1.0 + rng.unit()))
        } else {
            (lo * (1.0 + rng.unit()), hi * (0.6 + 0.4 * rng.unit()))
        };
        let decimals = if unit.1 == "per cent" { 1 } else { 0 };
        let path = Path5 {
            baseline: baseline.round(),
            target: target.round(),
            pace: 0.5 + 0.8 * rng.unit(),
            decimals,
        };
        // Each indicator follows 1–3 measures of its own area.
        let pool = &per_area[a];
        let follows: Vec<String> = (0..1 + rng.below(3))
            .map(|_| rng.pick(pool).clone())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        indicators.push(Indicator {
            area: areas[a].slug.clone(),
            code: code.clone(),
            example: false,
            name: LangText::new(fill(name.0, t.0), fill(name.1, t.1)),
            unit: LangText::new(unit.0, unit.1),
            direction: if lower {
                Direction::Lower
            } else {
                Direction::Higher
            },
            baseline: YearValue {
                year: 2021,
                value: path.baseline,
            },
            target: YearValue {
                year: 2030,
                value: path.target,
            },
            interim: Vec::new(),
            source: LangText::new(
                "Programkontorets årliga uppföljning",
                "The programme office's yearly follow-up",
            ),
            measures: follows,
            // One indicator is counted by the platform, as in the built-in strategy.
            auto: (i == 0).then_some(AutoIndicator::SmeRequestsCompleted),
            values: Vec::new(),
        });
        paths.insert(code, path);
    }
    Ok(Generated {
        data: StrategyData {
            strategy,
            areas,
            measures,
            indicators,
        },
        plans,
        paths,
    })
}

fn narrative(rng: &mut Rng, year: i32, t: Pair, actor: &LangText, next: Pair) -> String {
    // Most reporters write in Swedish; about a third in English.
    let english = rng.below(3) == 0;
    let bank = if english { NARRATIVE_EN } else { NARRATIVE_SV };
    let (topic, a, n) = if english {
        (t.1, actor.en.as_str(), next.1)
    } else {
        (t.0, actor.sv.as_str(), next.0)
    };
    let first = rng.below(bank.len() - 2);
    let mut out = Vec::new();
    for s in [
        bank[0],
        bank[1 + first],
        bank[bank.len() - 1 - rng.below(3)],
    ] {
        out.push(
            s.replace("{y}", &year.to_string())
                .replace("{t}", topic)
                .replace("{a}", a)
                .replace("{n}", n)
                .replace("{k}", &(2 + rng.below(9)).to_string())
                .replace("{m}", &(3 + rng.below(30)).to_string()),
        );
    }
    out.join(" ")
}

// ------------------------------------------------------------------------------------------------------------
// Setup: seed and run the cycles
// ------------------------------------------------------------------------------------------------------------

fn bar(len: u64, what: &str) -> indicatif::ProgressBar {
    let pb = indicatif::ProgressBar::new(len);
    pb.set_style(
        indicatif::ProgressStyle::with_template(
            "{msg:>24} [{bar:40}] {pos}/{len} ({elapsed}, {eta} left)",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
        .progress_chars("=> "),
    );
    pb.set_draw_target(indicatif::ProgressDrawTarget::stderr_with_hz(4));
    pb.set_message(what.to_owned());
    pb
}

struct Setup {
    store: Store,
    url: String,
    seconds: f64,
    reports: usize,
    values: usize,
    revisions: usize,
}

async fn setup(n: usize, dir: &Path) -> Res<Setup> {
    let t0 = Instant::now();
    std::fs::create_dir_all(dir)?;
    let url = format!("sqlite://{}", dir.join("bench.db").display());
    let store = Store::connect(&url).await?;
    store.migrate().await?;
    samverkan::seed(&store).await?;
    if store.strategy().await?.is_some() {
        return Err("the fresh database already has a strategy".into());
    }
    let dataset = samverkan::stockholm_dataset().map_err(|p| format!("{p:?}"))?;
    let generated = generate(n, &dataset)?;
    if !store.seed_strategy(&generated.data).await? {
        return Err("seed_strategy wrote nothing".into());
    }
    let email = "bench-office@example.org";
    samverkan::add_user(
        &store,
        email,
        "admin",
        None,
        Some("Programme office (benchmark)"),
        Some("a long benchmark passphrase 2026"),
    )
    .await?;
    let user = store
        .user_by_email(email)
        .await?
        .ok_or("the admin was not created")?
        .id;
    let measures = store.measures(None).await?;
    let indicators = store.indicators(None).await?;
    // Per measure: the non-automatic indicators it follows (id, code).
    let mut follows: HashMap<&str, Vec<(i64, &str)>> = HashMap::new();
    for i in &indicators {
        if i.indicator.auto.is_some() {
            continue;
        }
        for m in &i.indicator.measures {
            follows
                .entry(m.as_str())
                .or_default()
                .push((i.id, i.indicator.code.as_str()));
        }
    }
    let names: HashMap<&Slug, &LangText> =
        dataset.actors.iter().map(|a| (&a.slug, &a.name)).collect();
    let mut rng = Rng::new(7 + n as u64);
    let pb = bar(
        (measures.len() * YEARS.clone().count()) as u64,
        &format!("{n} measures, 5 cycles"),
    );
    let (mut reports, mut values) = (0, 0);
    for year in YEARS {
        pb.set_message(format!("{n} measures, {year}"));
        store
            .open_cycle(year, date(year + 1, 3, 31)?, date(year + 1, 1, 15)?, user)
            .await?;
        for m in &measures {
            let code = m.measure.code.as_str();
            let plan = generated.plans.get(code).ok_or("plan")?;
            let t = *rng.pick(TOPICS);
            let next = *rng.pick(TOPICS);
            let actor = names.get(&m.measure.responsible).copied().ok_or("actor")?;
            let vals: Vec<ReportedValue> = follows
                .get(code)
                .map(|list| {
                    list.iter()
                        .filter_map(|(id, icode)| {
                            let path = generated.paths.get(*icode)?;
                            // The same value whichever measure reports it (it is the indicator's for the year).
                            let mut r = Rng::new(((*id as u64) << 16) | year as u64);
                            let noise = (r.unit() - 0.5) * 0.3;
                            Some(ReportedValue {
                                indicator: *id,
                                value: path.value(year, noise),
                                comment: if r.below(4) == 0 {
                                    "Preliminär siffra från registret.".into()
                                } else {
                                    String::new()
                                },
                            })
                        })
                        .collect()
                })
                .unwrap_or_default();
            values += vals.len();
            let evidence = (0..rng.below(3))
                .map(|k| {
                    WebUrl::parse(&format!(
                        "https://example.org/uppfoljning/{year}/{}/bilaga-{}.pdf",
                        code.replace('.', "-"),
                        k + 1
                    ))
                })
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| format!("evidence: {e}"))?;
            let content = ReportContent {
                status: plan.status(year),
                narrative: narrative(&mut rng, year, t, actor, next),
                narrative_en: String::new(),
                values: vals,
                evidence,
            };
            store
                .write_report(
                    year,
                    m.id,
                    user,
                    Party::Office,
                    ReportMove::Submit,
                    &content,
                )
                .await?;
            store
                .review_report(year, m.id, user, ReportMove::Accept, "")
                .await?;
            reports += 1;
            pb.inc(1);
        }
        store.close_cycle(year, user).await?;
        if pb.is_hidden() {
            eprintln!(
                "  cycle {year} reported, accepted and closed ({:.1} s)",
                t0.elapsed().as_secs_f64()
            );
        }
    }
    pb.finish_and_clear();
    // Corrections after closing 2026: 2% of the reports, a value where the measure follows one, else its status.
    let mut revisions = 0;
    for m in measures.iter().step_by(50) {
        let code = m.measure.code.as_str();
        let revision = match follows.get(code).and_then(|l| l.first()) {
            Some((id, icode)) => {
                let path = generated.paths.get(*icode).ok_or("path")?;
                Revision::Value {
                    indicator: *id,
                    value: path.value(YEAR, 0.2) + 1.0,
                }
            }
            None => Revision::Status(MeasureStatus::Delayed),
        };
        store
            .revise_report(
                YEAR,
                m.id,
                user,
                &revision,
                "Rättad efter att registret uppdaterats med årets slutliga siffror.",
            )
            .await?;
        revisions += 1;
    }
    Ok(Setup {
        store,
        url,
        seconds: t0.elapsed().as_secs_f64(),
        reports,
        values,
        revisions,
    })
}

// ------------------------------------------------------------------------------------------------------------
// Timing
// ------------------------------------------------------------------------------------------------------------

#[derive(Default)]
struct Series {
    ms: Vec<f64>,
}

impl Series {
    fn sorted(&self) -> Vec<f64> {
        let mut s = self.ms.clone();
        s.sort_by(f64::total_cmp);
        s
    }
    fn json(&self) -> Value {
        let s = self.sorted();
        json!({
            "runs": s.len(),
            "median_ms": round(percentile(&s, 50.0), 2),
            "p90_ms": round(percentile(&s, 90.0), 2),
            "min_ms": round(s.first().copied().unwrap_or(f64::NAN), 2),
            "max_ms": round(s.last().copied().unwrap_or(f64::NAN), 2),
            // In the order they ran.
            "all_ms": self.ms.iter().map(|x| round(*x, 2)).collect::<Vec<_>>(),
        })
    }
}

/// Nearest rank.
fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = (p / 100.0 * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn round(x: f64, digits: i32) -> f64 {
    let f = 10f64.powi(digits);
    (x * f).round() / f
}

struct Limits {
    warmup: usize,
    runs: usize,
    min_runs: usize,
    budget_s: f64,
}

impl Limits {
    fn more(&self, done: usize, started: Instant) -> bool {
        done < self.runs
            && (done < self.min_runs || started.elapsed().as_secs_f64() < self.budget_s)
    }
}

async fn time(label: &str, l: &Limits, mut f: impl AsyncFnMut(usize) -> Res<()>) -> Res<Series> {
    for i in 0..l.warmup {
        f(i).await?;
    }
    let mut s = Series::default();
    let started = Instant::now();
    while l.more(s.ms.len(), started) {
        let t = Instant::now();
        f(l.warmup + s.ms.len()).await?;
        s.ms.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    let sorted = s.sorted();
    eprintln!(
        "  {label:<12} median {:>9.2} ms  p90 {:>9.2} ms  max {:>9.2} ms  ({} runs)",
        percentile(&sorted, 50.0),
        percentile(&sorted, 90.0),
        sorted.last().copied().unwrap_or(f64::NAN),
        sorted.len()
    );
    Ok(s)
}

async fn build(store: &Store) -> Res<ReportModel> {
    app::report::build(store, YEAR, Lang::En, Version::Public)
        .await
        .map_err(|e| format!("build: {e}"))?
        .ok_or_else(|| "no report for the year".into())
}

fn pdf(model: &ReportModel) -> Res<Vec<u8>> {
    Ok(app::report::pdf(model).map_err(|e| format!("pdf: {e}"))?)
}

fn html(model: &ReportModel) -> Res<String> {
    Ok(web::follow_up::cycles::standalone_html(model).map_err(|e| format!("html: {e}"))?)
}

/// Pages of a PDF: `pdfinfo` when installed, else the `/Type /Page` objects counted in the file.
fn pdf_pages(path: &Path, bytes: &[u8]) -> (Option<u64>, &'static str) {
    if let Some(out) = Command::new("pdfinfo")
        .arg(path)
        .output()
        .ok()
        .filter(|o| o.status.success())
    {
        let text = String::from_utf8_lossy(&out.stdout);
        if let Some(n) = text
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .and_then(|v| v.trim().parse().ok())
        {
            return (Some(n), "pdfinfo");
        }
    }
    let mut n = 0;
    for pat in [b"/Type /Page".as_slice(), b"/Type/Page".as_slice()] {
        n += bytes
            .windows(pat.len() + 1)
            .filter(|w| w.starts_with(pat) && !w[pat.len()].is_ascii_alphabetic())
            .count() as u64;
    }
    ((n > 0).then_some(n), "count of /Type /Page objects")
}

fn rss_mib() -> Option<f64> {
    std::fs::read_to_string("/proc/self/status")
        .ok()?
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        .map(|kib| round(kib / 1024.0, 1))
}

/// Runs this binary as a child that times one PDF (`cold`: the first in the process; `fresh`: after a small one).
fn child_pdf(url: &str, mode: &str) -> Res<(f64, f64)> {
    let out = Command::new(std::env::current_exe()?)
        .args(["--child-pdf", mode, url])
        .output()?;
    if !out.status.success() {
        return Err(format!(
            "child {mode} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        )
        .into());
    }
    let v: Value = serde_json::from_slice(&out.stdout)?;
    Ok((
        v["ms"].as_f64().ok_or("child: no ms")?,
        v["warmup_ms"].as_f64().unwrap_or(0.0),
    ))
}

async fn child_main(mode: &str, url: &str) -> Res<()> {
    let store = Store::connect(url).await?;
    let model = build(&store).await?;
    let mut warmup_ms = 0.0;
    if mode == "fresh" {
        // Fonts and typst's library loaded by a small document from the same template: the summary alone.
        let mut small = model.clone();
        small.areas.clear();
        small.changes.clear();
        small.revisions.clear();
        let t = Instant::now();
        pdf(&small)?;
        warmup_ms = t.elapsed().as_secs_f64() * 1000.0;
    }
    let t = Instant::now();
    let bytes = pdf(&model)?;
    let ms = t.elapsed().as_secs_f64() * 1000.0;
    println!(
        "{}",
        json!({"ms": ms, "warmup_ms": warmup_ms, "bytes": bytes.len(), "rss_mib": rss_mib()})
    );
    Ok(())
}

/// Chromium printing `file` to PDF, one process per run.
fn chromium(exe: &Path, file: &Path, out: &Path, profile: &Path) -> Res<f64> {
    let _ = std::fs::remove_file(out);
    let t = Instant::now();
    let status = Command::new(exe)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", out.display()))
        .arg(file)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()?;
    let ms = t.elapsed().as_secs_f64() * 1000.0;
    if !status.success() || !out.exists() {
        return Err(format!("chromium failed ({status})").into());
    }
    Ok(ms)
}

fn chromium_series(
    exe: &Path,
    file: &Path,
    out: &Path,
    profile: &Path,
    l: &Limits,
    label: &str,
) -> Res<Series> {
    for _ in 0..l.warmup {
        chromium(exe, file, out, profile)?;
    }
    let mut s = Series::default();
    let started = Instant::now();
    while l.more(s.ms.len(), started) {
        s.ms.push(chromium(exe, file, out, profile)?);
    }
    let sorted = s.sorted();
    eprintln!(
        "  {label:<12} median {:>9.2} ms  p90 {:>9.2} ms  ({} runs)",
        percentile(&sorted, 50.0),
        percentile(&sorted, 90.0),
        sorted.len()
    );
    Ok(s)
}

// ------------------------------------------------------------------------------------------------------------
// One size
// ------------------------------------------------------------------------------------------------------------

async fn run_size(n: usize, o: &Options) -> Res<Value> {
    let dir = o.work.join(format!("n{n}"));
    eprintln!(
        "== {n} measures, {} indicators, {AREAS} areas, cycles 2022–2026",
        n / 2
    );
    let s = setup(n, &dir).await?;
    eprintln!(
        "  setup        {:.1} s ({} reports, {} values, {} revisions)",
        s.seconds, s.reports, s.values, s.revisions
    );
    let store = &s.store;
    let model = build(store).await?;
    let html_text = html(&model)?;
    let html_path = dir.join("report.html");
    std::fs::write(&html_path, &html_text)?;

    // The cold PDF first, in its own process, before this one has typeset anything.
    eprintln!("  cold PDF (child process) ...");
    let (cold_ms, _) = child_pdf(&s.url, "cold")?;
    eprintln!("  pdf_cold     {cold_ms:>9.2} ms (once)");

    let fast = Limits {
        warmup: WARMUP,
        runs: o.runs,
        min_runs: o.min_runs,
        budget_s: o.budget_s,
    };
    let build_s = time("build", &fast, async |_| {
        build(store).await?;
        Ok(())
    })
    .await?;
    // Where build's time goes: the store reads it makes, each on its own.
    let mut parts = serde_json::Map::new();
    let reads = Limits {
        warmup: 1,
        runs: 10,
        min_runs: 10,
        budget_s: o.budget_s,
    };
    macro_rules! part {
        ($name:literal, $e:expr) => {{
            let series = time($name, &reads, async |_| {
                $e.await?;
                Ok(())
            })
            .await?;
            parts.insert($name.into(), series.json());
        }};
    }
    part!("cycle", store.cycle(YEAR));
    part!("strategy", store.strategy());
    part!("focus_areas", store.focus_areas());
    part!("measures", store.measures(None));
    part!("indicators", store.indicators(None));
    part!("measure_reports", store.measure_reports(YEAR));
    part!("revisions", store.revisions(YEAR));
    let html_s = time("html", &fast, async |_| {
        let m = build(store).await?;
        html(&m)?;
        Ok(())
    })
    .await?;
    let render_s = time("render_html", &fast, async |_| {
        html(&model)?;
        Ok(())
    })
    .await?;

    let rss_before_pdf = rss_mib();
    let mut pdf_bytes = Vec::new();
    let pdf_same = time("pdf_same", &fast, async |_| {
        pdf_bytes = pdf(&model)?;
        Ok(())
    })
    .await?;
    let build_pdf = time("build_pdf", &fast, async |_| {
        let m = build(store).await?;
        pdf(&m)?;
        Ok(())
    })
    .await?;
    let rss_before_changed = rss_mib();
    // Each run typesets data the process has not seen: typst keeps what it memoised, so memory grows run by run.
    // One warm-up, then up to --changed-runs, stopping early past --rss-cap MiB.
    let mut rss_changed = Vec::new();
    let mut changed = Series::default();
    let mut changed_stop = "runs";
    let started = Instant::now();
    for run in 0..=o.changed_runs {
        let mut m = model.clone();
        let areas = m.areas.len().max(1);
        if let Some(a) = m.areas.get_mut(run % areas)
            && let k = (run / areas) % a.narratives.len().max(1)
            && let Some(nv) = a.narratives.get_mut(k)
        {
            // Another report accepted since: one narrative differs from every earlier run's.
            nv.text.push_str(&format!(" Kompletterat i körning {run}."));
        }
        let t = Instant::now();
        pdf(&m)?;
        if run > 0 {
            changed.ms.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        let rss = rss_mib();
        rss_changed.push(rss);
        if rss.is_some_and(|r| r > o.rss_cap_mib) {
            changed_stop = "memory cap";
            break;
        }
        if run >= o.min_runs.min(o.changed_runs) && started.elapsed().as_secs_f64() > o.budget_s {
            changed_stop = "budget";
            break;
        }
    }
    let cs = changed.sorted();
    eprintln!(
        "  pdf_changed  median {:>9.2} ms  p90 {:>9.2} ms  max {:>9.2} ms  ({} runs, RSS {:?} → {:?} MiB)",
        percentile(&cs, 50.0),
        percentile(&cs, 90.0),
        cs.last().copied().unwrap_or(f64::NAN),
        cs.len(),
        rss_before_changed,
        rss_changed.last().copied().flatten(),
    );
    let rss_after_changed = rss_mib();
    let pdf_path = dir.join("report.pdf");
    std::fs::write(&pdf_path, &pdf_bytes)?;
    let (pages, pages_method) = pdf_pages(&pdf_path, &pdf_bytes);

    eprintln!("  fresh PDFs (one child process per run) ...");
    let mut fresh = Series::default();
    let mut fresh_warmup = Series::default();
    let started = Instant::now();
    let fresh_limits = Limits {
        warmup: 0,
        runs: o.fresh_runs,
        min_runs: o.min_runs.min(o.fresh_runs),
        budget_s: o.budget_s,
    };
    while fresh_limits.more(fresh.ms.len(), started) {
        let (ms, warm) = child_pdf(&s.url, "fresh")?;
        fresh.ms.push(ms);
        fresh_warmup.ms.push(warm);
    }
    let fs = fresh.sorted();
    eprintln!(
        "  pdf_fresh    median {:>9.2} ms  p90 {:>9.2} ms  max {:>9.2} ms  ({} runs)",
        percentile(&fs, 50.0),
        percentile(&fs, 90.0),
        fs.last().copied().unwrap_or(f64::NAN),
        fs.len()
    );

    let mut chromium_json = Value::Null;
    if let Some(exe) = &o.chromium {
        let l = Limits {
            warmup: 1,
            runs: o.chromium_runs,
            min_runs: o.min_runs.min(o.chromium_runs),
            budget_s: o.budget_s * 2.0,
        };
        let profile = o.work.join("chromium-profile");
        let out = dir.join("chromium.pdf");
        match chromium_series(exe, &html_path, &out, &profile, &l, "chromium") {
            Ok(series) => {
                let bytes = std::fs::read(&out)?;
                let (cpages, _) = pdf_pages(&out, &bytes);
                let blank = dir.join("blank.html");
                std::fs::write(
                    &blank,
                    "<!doctype html><html lang=\"en\"><title>x</title><p>One line.</p></html>",
                )?;
                let blank_out = dir.join("blank.pdf");
                let blank_l = Limits {
                    warmup: 1,
                    runs: 5,
                    min_runs: 5,
                    budget_s: o.budget_s,
                };
                let blank_s =
                    chromium_series(exe, &blank, &blank_out, &profile, &blank_l, "chromium_1l")?;
                let version = Command::new(exe)
                    .arg("--version")
                    .output()
                    .ok()
                    .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned());
                chromium_json = json!({
                    "version": version,
                    "command": format!("{} --headless --no-sandbox --disable-gpu --no-pdf-header-footer --user-data-dir=DIR --print-to-pdf=OUT report.html", exe.display()),
                    "print": series.json(),
                    "one_line_page": blank_s.json(),
                    "pdf_bytes": bytes.len(),
                    "pdf_pages": cpages,
                });
            }
            Err(e) => {
                eprintln!("  chromium: {e}");
                chromium_json = json!({"error": e.to_string()});
            }
        }
    }
    let db_bytes: u64 = ["bench.db", "bench.db-wal"]
        .iter()
        .filter_map(|f| std::fs::metadata(dir.join(f)).ok())
        .map(|m| m.len())
        .sum();
    Ok(json!({
        "measures": n,
        "indicators": n / 2,
        "areas": AREAS,
        "cycles": YEARS.clone().count(),
        "reports": s.reports,
        "reported_values": s.values,
        "revisions": s.revisions,
        "setup_s": round(s.seconds, 1),
        "db_bytes": db_bytes,
        "html_bytes": html_text.len(),
        "model_json_bytes": serde_json::to_vec(&model)?.len(),
        "pdf_bytes": pdf_bytes.len(),
        "pdf_pages": pages,
        "pdf_pages_method": pages_method,
        "series": {
            "build": build_s.json(),
            "render_html": render_s.json(),
            "html": html_s.json(),
            "pdf_same": pdf_same.json(),
            "build_pdf": build_pdf.json(),
            "pdf_changed": changed.json(),
            "pdf_fresh": fresh.json(),
            "pdf_fresh_small_first": fresh_warmup.json(),
        },
        "pdf_cold_ms": round(cold_ms, 2),
        "build_parts": parts,
        "rss_mib": {
            "before_pdf": rss_before_pdf,
            "after_pdf_same_and_build_pdf": rss_before_changed,
            "after_pdf_changed": rss_after_changed,
            "after_each_pdf_changed": rss_changed,
            "pdf_changed_stopped_by": changed_stop,
        },
        "chromium": chromium_json,
    }))
}

// ------------------------------------------------------------------------------------------------------------
// Report
// ------------------------------------------------------------------------------------------------------------

fn command(cmd: &str, args: &[&str]) -> Option<String> {
    Command::new(cmd)
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
        "loadavg_at_start": std::fs::read_to_string("/proc/loadavg").ok().map(|s| s.trim().to_owned()),
        "date": command("date", &["-u", "+%Y-%m-%dT%H:%M:%SZ"]),
        "commit": command("git", &["rev-parse", "--short", "HEAD"]).map(|c| if dirty { format!("{c}+dirty") } else { c }),
    })
}

fn ms(v: &Value) -> String {
    match v.as_f64() {
        Some(x) if x >= 100.0 => format!("{x:.0}"),
        Some(x) if x >= 10.0 => format!("{x:.1}"),
        Some(x) => format!("{x:.2}"),
        None => "–".into(),
    }
}

fn ratio(a: &Value, b: &Value) -> String {
    match (a.as_f64(), b.as_f64()) {
        (Some(a), Some(b)) if b > 0.0 && a / b < 1.0 => format!("{:.2}×", a / b),
        (Some(a), Some(b)) if b > 0.0 => format!("{:.1}×", a / b),
        _ => "–".into(),
    }
}

const SERIES: &[(&str, &str)] = &[
    ("build", "build the model (store reads + assembly)"),
    (
        "render_html",
        "render the standalone HTML from a built model",
    ),
    ("html", "**HTML**: build + standalone HTML"),
    (
        "pdf_same",
        "PDF, warm, same data again (typst's memo cache hit)",
    ),
    (
        "pdf_changed",
        "PDF, warm, one narrative changed per run (incremental)",
    ),
    (
        "pdf_fresh",
        "**PDF, warm, fresh**: new process, fonts loaded, report typeset for the first time",
    ),
    ("build_pdf", "build + PDF, same data (memoised)"),
];

fn markdown(report: &Value) -> String {
    let m = &report["machine"];
    let sizes = report["sizes"].as_array().cloned().unwrap_or_default();
    let mut md = String::from("# Follow-up report benchmark\n\n");
    md.push_str(&format!(
        "`bench/run report --sizes {}` on {} ({} cores, {} GiB, load average at start {}), {}, commit {}.\n\n",
        sizes
            .iter()
            .map(|s| s["measures"].to_string())
            .collect::<Vec<_>>()
            .join(","),
        m["cpu"].as_str().unwrap_or("?"),
        m["nproc"],
        m["memory_gib"],
        m["loadavg_at_start"].as_str().unwrap_or("?"),
        m["date"].as_str().unwrap_or("?"),
        m["commit"].as_str().unwrap_or("?"),
    ));
    md.push_str(
        "A generated strategy of 5 areas, N measures and N/2 indicators (baseline 2021, target 2030), five cycles \
         2022–2026 with every measure reported (status, narrative, evidence, values) and accepted, all closed, 2% of \
         the 2026 reports revised. The report is 2026's, public version, English. Times are medians, p90 and max \
         in ms after 3 warm-up runs, in one process (SQLite through sqlx), except the fresh and cold PDFs (one \
         child process per run) and Chromium (one process per run).\n\n",
    );
    md.push_str("| series | ");
    md.push_str(
        &sizes
            .iter()
            .map(|s| format!("N = {} median / p90 / max", s["measures"]))
            .collect::<Vec<_>>()
            .join(" | "),
    );
    md.push_str(" |\n|---|");
    md.push_str(&"---:|".repeat(sizes.len()));
    md.push('\n');
    for (key, label) in SERIES {
        md.push_str(&format!("| {label} |"));
        for s in &sizes {
            let x = &s["series"][key];
            md.push_str(&format!(
                " {} / {} / {} ({} runs) |",
                ms(&x["median_ms"]),
                ms(&x["p90_ms"]),
                ms(&x["max_ms"]),
                x["runs"]
            ));
        }
        md.push('\n');
    }
    md.push_str("| PDF, cold: the first in a new process (fonts loaded), once |");
    for s in &sizes {
        md.push_str(&format!(" {} |", ms(&s["pdf_cold_ms"])));
    }
    md.push('\n');
    md.push_str("| Chromium `--print-to-pdf` of the standalone HTML, one process per run |");
    for s in &sizes {
        let c = &s["chromium"]["print"];
        md.push_str(&format!(
            " {} / {} / {} ({} runs) |",
            ms(&c["median_ms"]),
            ms(&c["p90_ms"]),
            ms(&c["max_ms"]),
            c["runs"]
        ));
    }
    md.push('\n');
    md.push_str("| Chromium, a one-line page (its fixed cost) |");
    for s in &sizes {
        md.push_str(&format!(
            " {} |",
            ms(&s["chromium"]["one_line_page"]["median_ms"])
        ));
    }
    md.push_str("\n\n| size | ");
    md.push_str(
        &sizes
            .iter()
            .map(|s| format!("N = {}", s["measures"]))
            .collect::<Vec<_>>()
            .join(" | "),
    );
    md.push_str(" |\n|---|");
    md.push_str(&"---:|".repeat(sizes.len()));
    md.push('\n');
    let row = |md: &mut String, label: &str, f: &dyn Fn(&Value) -> String| {
        md.push_str(&format!("| {label} |"));
        for s in &sizes {
            md.push_str(&format!(" {} |", f(s)));
        }
        md.push('\n');
    };
    row(&mut md, "setup (seed + 5 cycles)", &|s| {
        format!("{} s", s["setup_s"])
    });
    row(&mut md, "HTML bytes", &|s| s["html_bytes"].to_string());
    row(&mut md, "PDF bytes (typst)", &|s| {
        s["pdf_bytes"].to_string()
    });
    row(&mut md, "PDF pages (typst)", &|s| {
        s["pdf_pages"].to_string()
    });
    row(&mut md, "PDF bytes / pages (Chromium)", &|s| {
        format!(
            "{} / {}",
            s["chromium"]["pdf_bytes"], s["chromium"]["pdf_pages"]
        )
    });
    row(
        &mut md,
        "resident memory before PDFs / after / after changed (MiB)",
        &|s| {
            let r = &s["rss_mib"];
            format!(
                "{} / {} / {}",
                r["before_pdf"], r["after_pdf_same_and_build_pdf"], r["after_pdf_changed"]
            )
        },
    );
    md.push_str(
        "\n## Where build's time goes (each store read alone, median ms of 10)\n\n| read |",
    );
    md.push_str(
        &sizes
            .iter()
            .map(|s| format!(" N = {} |", s["measures"]))
            .collect::<String>(),
    );
    md.push_str("\n|---|");
    md.push_str(&"---:|".repeat(sizes.len()));
    md.push('\n');
    if let Some(first) = sizes.first().and_then(|s| s["build_parts"].as_object()) {
        for key in first.keys() {
            row(&mut md, &format!("`{key}`"), &|s| {
                ms(&s["build_parts"][key]["median_ms"])
            });
        }
    }
    md.push_str("\n## Targets (N = 100) and growth\n\n");
    if let Some(s) = sizes.iter().find(|s| s["measures"] == 100) {
        let h = &s["series"]["html"]["median_ms"];
        let p = &s["series"]["pdf_fresh"]["median_ms"];
        let pm = &s["series"]["pdf_same"]["median_ms"];
        md.push_str(&format!(
            "- HTML ≤ 50 ms: median {} ms — **{}**.\n- PDF ≤ 0.5 s warm: {} ms fresh, {} ms with the same data again — \
             **{}**{}.\n",
            ms(h),
            if h.as_f64().is_some_and(|x| x <= 50.0) {
                "met"
            } else {
                "not met"
            },
            ms(p),
            ms(pm),
            if p.as_f64().is_some_and(|x| x <= 500.0) {
                "met"
            } else if pm.as_f64().is_some_and(|x| x <= 500.0) {
                "met only when memoised"
            } else {
                "not met"
            },
            s["chromium"]["print"]["median_ms"]
                .as_f64()
                .map(|_| format!(
                    "; typst fresh / Chromium = {}",
                    ratio(p, &s["chromium"]["print"]["median_ms"])
                ))
                .unwrap_or_default(),
        ));
    }
    for w in sizes.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        let g = |k: &str| ratio(&b["series"][k]["median_ms"], &a["series"][k]["median_ms"]);
        md.push_str(&format!(
            "- {} → {} measures (×{}): build {}, HTML {}, PDF fresh {}, PDF same data {}, PDF bytes {}, \
             Chromium {}.\n",
            a["measures"],
            b["measures"],
            b["measures"].as_f64().unwrap_or(0.0) / a["measures"].as_f64().unwrap_or(1.0),
            g("build"),
            g("html"),
            g("pdf_fresh"),
            g("pdf_same"),
            ratio(&b["pdf_bytes"], &a["pdf_bytes"]),
            ratio(
                &b["chromium"]["print"]["median_ms"],
                &a["chromium"]["print"]["median_ms"]
            ),
        ));
    }
    for s in &sizes {
        if s["chromium"]["print"].is_object() {
            md.push_str(&format!(
                "- N = {}: typst PDF / Chromium print: fresh {}, memoised {}; with the HTML step on both sides \
                 (build + PDF fresh against build + HTML + Chromium) {}.\n",
                s["measures"],
                ratio(
                    &s["series"]["pdf_fresh"]["median_ms"],
                    &s["chromium"]["print"]["median_ms"]
                ),
                ratio(
                    &s["series"]["pdf_same"]["median_ms"],
                    &s["chromium"]["print"]["median_ms"]
                ),
                ratio(
                    &json!(
                        s["series"]["build"]["median_ms"].as_f64().unwrap_or(f64::NAN)
                            + s["series"]["pdf_fresh"]["median_ms"]
                                .as_f64()
                                .unwrap_or(f64::NAN)
                    ),
                    &json!(
                        s["series"]["html"]["median_ms"].as_f64().unwrap_or(f64::NAN)
                            + s["chromium"]["print"]["median_ms"]
                                .as_f64()
                                .unwrap_or(f64::NAN)
                    )
                ),
            ));
        }
    }
    md
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Res<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--child-pdf") {
        let mode = args.get(1).ok_or("--child-pdf MODE URL")?;
        let url = args.get(2).ok_or("--child-pdf MODE URL")?;
        return child_main(mode, url).await;
    }
    let o = options(&args)?;
    std::fs::create_dir_all(&o.work)?;
    if let Some(n) = o.one_size {
        println!("{}", run_size(n, &o).await?);
        return Ok(());
    }
    std::fs::create_dir_all(&o.out)?;
    let machine = machine();
    // Each size in its own process, so typst's memory and caches from one size do not weigh on the next.
    let mut sizes = Vec::new();
    for &n in &o.sizes {
        let out = Command::new(std::env::current_exe()?)
            .args(&args)
            .arg("--work")
            .arg(&o.work)
            .arg("--one-size")
            .arg(n.to_string())
            .stderr(std::process::Stdio::inherit())
            .output()?;
        if !out.status.success() {
            return Err(format!("the run for {n} measures failed ({})", out.status).into());
        }
        sizes.push(serde_json::from_slice::<Value>(&out.stdout)?);
    }
    let report = json!({
        "benchmark": "report",
        "machine": machine,
        "year": YEAR,
        "lang": "en",
        "version": "public",
        "options": {
            "runs": o.runs, "min_runs": o.min_runs, "budget_s": o.budget_s, "warmup": WARMUP,
            "fresh_runs": o.fresh_runs, "chromium_runs": o.chromium_runs, "changed_runs": o.changed_runs,
        },
        "targets": {"html_ms": 50, "pdf_ms": 500, "at_measures": 100},
        "sizes": sizes,
    });
    let json_path = o.out.join("report.json");
    std::fs::write(&json_path, serde_json::to_string_pretty(&report)? + "\n")?;
    let md_path = o.out.join("report.md");
    std::fs::write(&md_path, markdown(&report))?;
    eprintln!("wrote {} and {}", json_path.display(), md_path.display());
    if !o.keep {
        let _ = std::fs::remove_dir_all(&o.work);
    }
    Ok(())
}
