//! `samverkan import`, `export` and `generate`: files in and out, with progress bars on standard error.

use anyhow::Context;
use domain::interchange::{self, ImportRows, Located, Location};
use domain::{Actor, ActorKind, LangText, OwnershipForm, Relation, RelationKind, Slug};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::Write;
use std::path::Path;
use store::{ImportReport, Store};

pub(crate) fn bar(len: u64, what: &str) -> ProgressBar {
    let pb = ProgressBar::new(len);
    pb.set_style(
        ProgressStyle::with_template("{msg:>10} [{bar:40}] {pos}/{len} ({eta} left)")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    pb.set_message(what.to_owned());
    pb
}

/// Reads an import file (CSV by its header, or JSON when it starts with `{`), streaming CSV.
pub fn read_file(path: &Path) -> anyhow::Result<Result<ImportRows, Vec<interchange::Problem>>> {
    let file =
        std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let mut head = [0u8; 64];
    let n = {
        use std::io::Read;
        let mut f = &file;
        f.read(&mut head).unwrap_or(0)
    };
    let is_json = head[..n].iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{');
    if is_json {
        let bytes =
            std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
        return Ok(interchange::read_json(&bytes));
    }
    let file =
        std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let pb = bar(size, "reading");
    let rows = interchange::read_csv(std::io::BufReader::new(file), &mut |bytes| {
        pb.set_position(bytes)
    });
    pb.finish_and_clear();
    Ok(rows)
}

/// `samverkan import FILE [--dry-run]`: returns the report, or the list of problems as the error.
pub async fn import(store: &Store, path: &Path, dry_run: bool) -> anyhow::Result<ImportReport> {
    let rows = match read_file(path)? {
        Ok(rows) => rows,
        Err(problems) => return Err(problems_error(path, &problems)),
    };
    let total = rows.actors.len() + rows.relations.len();
    let pb = bar(total as u64, if dry_run { "checking" } else { "writing" });
    let result = store
        .import(&rows, dry_run, None, &mut |n| pb.set_position(n as u64))
        .await?;
    pb.finish_and_clear();
    result.map_err(|problems| problems_error(path, &problems))
}

fn problems_error(path: &Path, problems: &[interchange::Problem]) -> anyhow::Error {
    let list: Vec<String> = problems.iter().map(|p| format!("  {p}")).collect();
    anyhow::anyhow!(
        "{} has {} problem(s); nothing was imported:\n{}",
        path.display(),
        problems.len(),
        list.join("\n")
    )
}

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Actors as CSV.
    Csv,
    /// Relations as CSV.
    RelationsCsv,
    /// Actors and relations as JSON (the import format).
    Json,
    /// The network as GraphML with metrics and layout (Gephi, yEd, networkx).
    Graphml,
}

/// `samverkan export`: writes to `out` (standard output when None).
pub async fn export(store: &Store, format: Format, out: Option<&Path>) -> anyhow::Result<()> {
    let text = match format {
        Format::Graphml => {
            let version = store.graph_version().await?;
            let data = store.graph_data().await?;
            let snapshot = tokio::task::spawn_blocking(move || {
                app::graph::GraphSnapshot::compute(version, data)
            })
            .await?;
            app::graph::graphml(&snapshot)
        }
        _ => {
            let (actors, relations) = store.export_records().await?;
            match format {
                Format::Csv => interchange::actors_csv(&actors),
                Format::RelationsCsv => interchange::relations_csv(&relations),
                _ => serde_json::to_string_pretty(&interchange::to_json(&actors, &relations))?,
            }
        }
    };
    match out {
        Some(p) => {
            std::fs::write(p, text).with_context(|| format!("cannot write {}", p.display()))?
        }
        None => std::io::stdout().lock().write_all(text.as_bytes())?,
    }
    Ok(())
}

/// A small deterministic random number generator (xorshift64*), so a generated ecosystem is the same each time.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % (n.max(1) as u64)).unwrap_or(0)
    }
}

/// Builds a synthetic ecosystem of `n` actors (kinds in realistic proportions, spread over the platform's
/// campuses and tags) with about 5 relations per actor, attached preferentially so that a few hubs have many
/// relations and most actors few — the shape of a real cluster.
pub fn synthetic(n: usize, campuses: &[Slug], tags: &[Slug], seed: u64) -> ImportRows {
    let mut rng = Rng(seed.max(1));
    let kinds: [(ActorKind, usize); 8] = [
        (ActorKind::CompanySme, 55),
        (ActorKind::CompanyLarge, 8),
        (ActorKind::University, 3),
        (ActorKind::Hospital, 3),
        (ActorKind::Infrastructure, 10),
        (ActorKind::Incubator, 5),
        (ActorKind::Funder, 6),
        (ActorKind::Project, 10),
    ];
    let weight: usize = kinds.iter().map(|k| k.1).sum();
    let first = [
        "Nordic",
        "Baltic",
        "Stockholm",
        "Karo",
        "Hagastaden",
        "Flemings",
        "Kista",
        "Uppland",
        "Mälar",
        "Solna",
    ];
    let second = [
        "Bio", "Med", "Gen", "Cell", "Onco", "Neuro", "Immuno", "Data", "Lab", "Thera",
    ];
    let third = [
        "tech", "logic", "vision", "science", "works", "path", "core", "nova", "systems", "care",
    ];
    let mut rows = ImportRows::default();
    for i in 0..n {
        let mut pick = rng.below(weight);
        let kind = kinds
            .iter()
            .find(|(_, w)| {
                if pick < *w {
                    true
                } else {
                    pick -= w;
                    false
                }
            })
            .map_or(ActorKind::CompanySme, |k| k.0);
        let name = format!(
            "{} {}{} {}",
            first[rng.below(first.len())],
            second[rng.below(second.len())],
            third[rng.below(third.len())],
            i + 1
        );
        let ownership = match kind {
            ActorKind::University | ActorKind::Infrastructure => OwnershipForm::StateAgency,
            ActorKind::Hospital => OwnershipForm::Region,
            ActorKind::Funder => OwnershipForm::Foundation,
            _ => OwnershipForm::Private,
        };
        let slug = Slug::parse(&format!(
            "gen-{}-{}",
            kind.as_str().replace('_', "-"),
            i + 1
        ))
        .expect("generated slugs are lowercase words, digits and hyphens");
        let mut actor_campuses = Vec::new();
        if !campuses.is_empty() {
            actor_campuses.push(campuses[rng.below(campuses.len())].clone());
        }
        let mut actor_tags: Vec<Slug> = Vec::new();
        for _ in 0..3 {
            if !tags.is_empty() {
                let t = tags[rng.below(tags.len())].clone();
                if !actor_tags.contains(&t) {
                    actor_tags.push(t);
                }
            }
        }
        rows.actors.push(Located {
            at: Location::Record(format!("generated[{i}]")),
            item: Actor {
                slug,
                name: LangText::new(name.clone(), name),
                short_name: None,
                kind,
                ownership: Some(ownership),
                description: LangText::new(
                    "Genererad aktör för prestandamätningar.",
                    "Generated actor for benchmarks.",
                ),
                website: None,
                org_number: None,
                address: None,
                coordinates: None,
                campuses: actor_campuses,
                tags: actor_tags,
                contacts: vec![],
            },
        });
    }
    // Preferential attachment: each new actor links to ~5 earlier ones, chosen in proportion to their degree.
    let mut ends: Vec<usize> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let rel_kinds = [
        RelationKind::CollaboratesWith,
        RelationKind::PartnerInProject,
        RelationKind::MemberOf,
        RelationKind::LocatedAt,
        RelationKind::Funds,
        RelationKind::PartOf,
    ];
    for i in 1..n {
        let links = 1 + rng.below(9); // 1..=9, mean 5
        for _ in 0..links {
            let j = if ends.is_empty() || rng.below(4) == 0 {
                rng.below(i)
            } else {
                ends[rng.below(ends.len())]
            };
            if j == i || !seen.insert((i.min(j), i.max(j))) {
                continue;
            }
            let kind = rel_kinds[rng.below(rel_kinds.len())];
            rows.relations.push(Located {
                at: Location::Record(format!("generated relation {}", rows.relations.len())),
                item: Relation {
                    from: rows.actors[i].item.slug.clone(),
                    kind,
                    to: rows.actors[j].item.slug.clone(),
                    since: None,
                    until: None,
                    source: Some("Generated".into()),
                },
            });
            ends.push(i);
            ends.push(j);
        }
    }
    rows
}

/// `samverkan generate --actors N`: adds a synthetic ecosystem to the database.
pub async fn generate(store: &Store, n: usize, seed: u64) -> anyhow::Result<ImportReport> {
    let campuses: Vec<Slug> = store
        .campuses(domain::Lang::Sv)
        .await?
        .into_iter()
        .map(|c| c.campus.slug)
        .collect();
    let tags: Vec<Slug> = store
        .tags(domain::Lang::Sv)
        .await?
        .into_iter()
        .map(|t| t.tag.slug)
        .collect();
    let rows = synthetic(n, &campuses, &tags, seed);
    let total = rows.actors.len() + rows.relations.len();
    let pb = bar(total as u64, "writing");
    let result = store
        .import(&rows, false, None, &mut |k| pb.set_position(k as u64))
        .await?;
    pb.finish_and_clear();
    result.map_err(|problems| {
        anyhow::anyhow!(
            "the generated data was refused: {}",
            problems
                .first()
                .map(ToString::to_string)
                .unwrap_or_default()
        )
    })
}

/// `samverkan reindex`: rebuilds the search index in `dir` from the database, with a progress bar; returns how
/// many documents it holds.
pub async fn reindex(store: &Store, dir: &Path) -> anyhow::Result<usize> {
    let (index, _) = search::SearchIndex::open(Some(dir), search::TermList::built_in())
        .with_context(|| {
            format!(
                "opening the search index in {} (is a server using it?)",
                dir.display()
            )
        })?;
    let cursor = store.last_search_change().await?;
    let mut docs = Vec::new();
    for source in store::SEARCH_SOURCES {
        docs.extend(store.search_docs(source, None).await?);
    }
    let pb = bar(docs.len() as u64, "indexing");
    index.rebuild(&docs, cursor, &mut |n| pb.set_position(n as u64))?;
    pb.finish_and_clear();
    Ok(docs.len())
}
