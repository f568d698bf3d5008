//! The catalogue of health-data sources: what each source holds, who holds it, the period and population it
//! covers, how often it is updated, on what legal basis it is made available and how to apply. The built-in
//! catalogue is `data/health/sources.toml`, with facts from the seed documents only; what the seeds do not say
//! is left out (and the pages say "not stated"), never guessed.

use crate::dataset::{Dataset, DatasetProblem, Problems, non_empty, parse_file};
use crate::{LangText, Slug, WebUrl};
use serde::Deserialize;
use std::collections::HashSet;

vocabulary! {
    /// How often a source is updated (DCAT-AP's `dct:accrualPeriodicity`, from the EU frequency table).
    Frequency {
        /// Continuously.
        Continuous = "continuous",
        /// Every day.
        Daily = "daily",
        /// Every week.
        Weekly = "weekly",
        /// Every month.
        Monthly = "monthly",
        /// Every quarter.
        Quarterly = "quarterly",
        /// Every year.
        Annual = "annual",
        /// Now and then.
        Irregular = "irregular",
        /// Never: the source is complete.
        Never = "never",
    }
}

impl Frequency {
    /// The EU frequency authority table's code (`http://publications.europa.eu/resource/authority/frequency/…`).
    pub fn eu_code(self) -> &'static str {
        match self {
            Frequency::Continuous => "CONT",
            Frequency::Daily => "DAILY",
            Frequency::Weekly => "WEEKLY",
            Frequency::Monthly => "MONTHLY",
            Frequency::Quarterly => "QUARTERLY",
            Frequency::Annual => "ANNUAL",
            Frequency::Irregular => "IRREG",
            Frequency::Never => "NEVER",
        }
    }
}

vocabulary! {
    /// Who may have a source's data (DCAT-AP's `dct:accessRights`, from the EU access-right table).
    Access {
        /// Anyone.
        Public = "public",
        /// After an application and a decision (a data permit).
        Restricted = "restricted",
        /// Not made available.
        NonPublic = "non_public",
    }
}

impl Access {
    /// The EU access-right authority table's code.
    pub fn eu_code(self) -> &'static str {
        match self {
            Access::Public => "PUBLIC",
            Access::Restricted => "RESTRICTED",
            Access::NonPublic => "NON_PUBLIC",
        }
    }
}

vocabulary! {
    /// Which population the cohort engine must hold for a source's coverage figures to come from it.
    EngineData {
        /// The synthetic population Samverkan generates.
        Synthetic = "synthetic",
        /// A population a region has loaded (`samverkan health load`).
        Loaded = "loaded",
    }
}

/// A health-data source.
#[derive(Debug, Clone, PartialEq)]
pub struct HealthSource {
    /// Its slug (`/{lang}/health-data/sources/{slug}`).
    pub slug: Slug,
    /// The actor that holds it.
    pub holder: Slug,
    /// Its name.
    pub title: LangText,
    /// What it is.
    pub description: LangText,
    /// What it holds: content and variables.
    pub content: LangText,
    /// The population it covers, in words.
    pub population: Option<LangText>,
    /// The first year it covers.
    pub period_from: Option<i32>,
    /// The last year it covers; none while it grows.
    pub period_to: Option<i32>,
    /// How often it is updated.
    pub frequency: Option<Frequency>,
    /// The legal basis on which it is made available.
    pub legal_basis: Option<LangText>,
    /// How to apply for its data.
    pub how_to_apply: Option<LangText>,
    /// Who may have its data.
    pub access: Access,
    /// Whether its data is synthetic.
    pub synthetic: bool,
    /// Which engine population gives its coverage figures, if any.
    pub engine: Option<EngineData>,
    /// The standard its data follows ("OMOP CDM 5.4").
    pub conforms_to: Option<String>,
    /// Its own web site.
    pub website: Option<WebUrl>,
    /// Where its facts come from (a seed document).
    pub source: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourcesFile {
    #[serde(default)]
    source: Vec<SourceRecord>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceRecord {
    slug: String,
    holder: String,
    title_sv: String,
    title_en: String,
    description_sv: String,
    description_en: String,
    content_sv: String,
    content_en: String,
    population_sv: Option<String>,
    population_en: Option<String>,
    period_from: Option<i32>,
    period_to: Option<i32>,
    frequency: Option<String>,
    legal_basis_sv: Option<String>,
    legal_basis_en: Option<String>,
    how_to_apply_sv: Option<String>,
    how_to_apply_en: Option<String>,
    access: String,
    #[serde(default)]
    synthetic: bool,
    engine: Option<String>,
    conforms_to: Option<String>,
    website: Option<String>,
    source: Option<String>,
}

const FILE: &str = "sources.toml";

/// Both languages of an optional text, or neither.
fn optional(
    p: &mut Problems,
    rec: &str,
    field: &str,
    sv: Option<String>,
    en: Option<String>,
) -> Option<LangText> {
    match (non_empty(sv), non_empty(en)) {
        (Some(sv), Some(en)) => Some(LangText::new(sv, en)),
        (None, None) => None,
        _ => {
            p.add(FILE, rec, format!("{field}_sv and {field}_en go together"));
            None
        }
    }
}

/// Parses and checks the catalogue against the data set (every holder an actor); every problem, not the first.
pub fn parse(text: &str, data: &Dataset) -> Result<Vec<HealthSource>, Vec<DatasetProblem>> {
    let mut p = Problems(Vec::new());
    let actors: HashSet<&Slug> = data.actors.iter().map(|a| &a.slug).collect();
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    if let Some(file) = parse_file::<SourcesFile>(FILE, text, &mut p) {
        for r in file.source {
            let rec = r.slug.clone();
            let Some(slug) = p.slug(FILE, &rec, &r.slug) else {
                continue;
            };
            if !seen.insert(slug.clone()) {
                p.add(FILE, &rec, "the slug is used twice");
            }
            let holder = match Slug::parse(&r.holder) {
                Ok(h) if actors.contains(&h) => h,
                _ => {
                    p.add(FILE, &rec, format!("unknown actor {:?}", r.holder));
                    continue;
                }
            };
            if let (Some(a), Some(b)) = (r.period_from, r.period_to)
                && a > b
            {
                p.add(FILE, &rec, "period_from is after period_to");
            }
            for year in [r.period_from, r.period_to].into_iter().flatten() {
                if !(1800..=2200).contains(&year) {
                    p.add(FILE, &rec, format!("{year} is not a year"));
                }
            }
            let frequency = non_empty(r.frequency).and_then(|f| {
                let parsed = Frequency::parse(&f);
                if parsed.is_none() {
                    p.add(FILE, &rec, format!("unknown frequency {f:?}"));
                }
                parsed
            });
            let Some(access) = Access::parse(r.access.trim()) else {
                p.add(FILE, &rec, format!("unknown access {:?}", r.access));
                continue;
            };
            let engine = non_empty(r.engine).and_then(|e| {
                let parsed = EngineData::parse(&e);
                if parsed.is_none() {
                    p.add(FILE, &rec, format!("unknown engine population {e:?}"));
                }
                parsed
            });
            if engine == Some(EngineData::Synthetic) && !r.synthetic {
                p.add(FILE, &rec, "the synthetic population's source is synthetic");
            }
            let website = non_empty(r.website).and_then(|w| match WebUrl::parse(&w) {
                Ok(u) => Some(u),
                Err(e) => {
                    p.add(FILE, &rec, e.to_string());
                    None
                }
            });
            out.push(HealthSource {
                title: p.text(FILE, &rec, "title", r.title_sv, r.title_en),
                description: p.text(
                    FILE,
                    &rec,
                    "description",
                    r.description_sv,
                    r.description_en,
                ),
                content: p.text(FILE, &rec, "content", r.content_sv, r.content_en),
                population: optional(&mut p, &rec, "population", r.population_sv, r.population_en),
                legal_basis: optional(
                    &mut p,
                    &rec,
                    "legal_basis",
                    r.legal_basis_sv,
                    r.legal_basis_en,
                ),
                how_to_apply: optional(
                    &mut p,
                    &rec,
                    "how_to_apply",
                    r.how_to_apply_sv,
                    r.how_to_apply_en,
                ),
                slug,
                holder,
                period_from: r.period_from,
                period_to: r.period_to,
                frequency,
                access,
                synthetic: r.synthetic,
                engine,
                conforms_to: non_empty(r.conforms_to),
                website,
                source: non_empty(r.source),
            });
        }
    }
    if p.0.is_empty() { Ok(out) } else { Err(p.0) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::DatasetFiles;

    fn data() -> Dataset {
        Dataset::parse(DatasetFiles {
            campuses: include_str!("../../../data/stockholm/campuses.toml"),
            tags: include_str!("../../../data/stockholm/tags.toml"),
            actors: include_str!("../../../data/stockholm/actors.toml"),
            relations: include_str!("../../../data/stockholm/relations.toml"),
        })
        .expect("the built-in data set")
    }

    const ONE: &str = r#"
[[source]]
slug = "kallan"
holder = "centrum-for-halsodata"
title_sv = "Källan"
title_en = "The source"
description_sv = "En källa."
description_en = "A source."
content_sv = "Data."
content_en = "Data."
access = "restricted"
"#;

    fn problems(text: &str) -> Vec<String> {
        parse(text, &data())
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|p| p.message)
            .collect()
    }

    #[test]
    fn the_built_in_catalogue_and_a_minimal_source_parse() {
        let built_in = parse(include_str!("../../../data/health/sources.toml"), &data())
            .expect("the built-in catalogue");
        assert!(
            built_in
                .iter()
                .any(|s| s.synthetic && s.engine == Some(EngineData::Synthetic))
        );
        let one = parse(ONE, &data()).expect("valid");
        assert_eq!(one[0].population, None);
        assert_eq!(one[0].frequency, None);
    }

    #[test]
    fn each_mistake_is_named() {
        let cases = [
            (
                "holder = \"centrum-for-halsodata\"",
                "holder = \"nobody\"",
                "unknown actor \"nobody\"",
            ),
            (
                "access = \"restricted\"",
                "access = \"secret\"",
                "unknown access \"secret\"",
            ),
            (
                "access = \"restricted\"",
                "access = \"restricted\"\nfrequency = \"hourly\"",
                "unknown frequency \"hourly\"",
            ),
            (
                "access = \"restricted\"",
                "access = \"restricted\"\npopulation_sv = \"Alla\"",
                "population_sv and population_en go together",
            ),
            (
                "access = \"restricted\"",
                "access = \"restricted\"\nperiod_from = 2020\nperiod_to = 2010",
                "period_from is after period_to",
            ),
            (
                "access = \"restricted\"",
                "access = \"restricted\"\nengine = \"synthetic\"",
                "the synthetic population's source is synthetic",
            ),
            (
                "title_en = \"The source\"",
                "title_en = \" \"",
                "title_en is empty",
            ),
        ];
        for (from, to, message) in cases {
            assert_eq!(problems(&ONE.replace(from, to)), [message], "{to}");
        }
        let twice = format!("{ONE}{ONE}");
        assert_eq!(problems(&twice), ["the slug is used twice"]);
    }
}
