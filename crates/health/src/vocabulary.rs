//! The shipped mini vocabulary: the ICD-10-SE diagnoses, ATC substances and KVÅ procedures the synthetic
//! population uses, with their hierarchies (ICD-10 chapter > block > category > code; ATC's five levels; KVÅ
//! chapter > section > code), Swedish and English names, and concept ids in OMOP's range for local concepts.
//! It becomes OMOP's `concept` and `concept_ancestor` tables.

use serde::Deserialize;
use std::collections::{HashMap, HashSet};

/// The built-in vocabulary file.
pub const BUILT_IN: &str = include_str!("../../../data/health/vocabulary.toml");

/// OMOP reserves concept ids above this for a site's own concepts.
pub const LOCAL_CONCEPT_START: i64 = 2_000_000_000;

/// OMOP's standard concept for a man.
pub const MALE: i64 = 8507;
/// OMOP's standard concept for a woman.
pub const FEMALE: i64 = 8532;
/// OMOP's standard concept for an inpatient visit.
pub const INPATIENT_VISIT: i64 = 9201;
/// OMOP's standard concept for an outpatient visit.
pub const OUTPATIENT_VISIT: i64 = 9202;
/// OMOP's standard concept for an emergency room visit.
pub const EMERGENCY_VISIT: i64 = 9203;
/// OMOP's standard concept for HbA1c in blood (LOINC 4548-4).
pub const HBA1C: i64 = 3_004_410;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    concept: Vec<Row>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Row {
    id: i64,
    code: String,
    vocabulary: String,
    class: String,
    parent: Option<String>,
    sv: String,
    en: String,
}

/// One concept: OMOP's `concept` row with the names in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Concept {
    /// `concept_id`.
    pub id: i64,
    /// `concept_code`: the code in its vocabulary ("E11.9", "A10BA02", "FNG05").
    pub code: String,
    /// `vocabulary_id`: ICD10, ATC, KVA, Gender, Visit or LOINC.
    pub vocabulary: String,
    /// `concept_class_id`: its level ("Chapter", "ATC 5th", "KVÅ code").
    pub class: String,
    /// `domain_id`: Condition, Drug, Procedure, Gender, Visit or Measurement.
    pub domain: &'static str,
    /// The parent's concept id, at the top none.
    pub parent: Option<i64>,
    /// The name in Swedish.
    pub name_sv: String,
    /// The name in English (`concept_name`).
    pub name_en: String,
}

/// One `concept_ancestor` row: `ancestor` is `levels` steps above `descendant` (0 for the concept itself).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Ancestry {
    /// `ancestor_concept_id`.
    pub ancestor: i64,
    /// `descendant_concept_id`.
    pub descendant: i64,
    /// `min_levels_of_separation` and `max_levels_of_separation` (one path in a tree: both the same).
    pub levels: i32,
}

/// The vocabulary: concepts in file order and their ancestry.
#[derive(Debug, Clone)]
pub struct Vocabulary {
    concepts: Vec<Concept>,
    by_id: HashMap<i64, usize>,
}

/// What is wrong with a vocabulary file.
#[derive(Debug, thiserror::Error)]
pub enum VocabularyError {
    /// Not TOML of the expected shape.
    #[error("the vocabulary file is not valid: {0}")]
    Syntax(String),
    /// A rule broken by one concept.
    #[error("concept {code} ({vocabulary}): {problem}")]
    Concept {
        /// Its code.
        code: String,
        /// Its vocabulary.
        vocabulary: String,
        /// What is wrong.
        problem: String,
    },
}

fn domain_of(vocabulary: &str) -> Option<&'static str> {
    Some(match vocabulary {
        "ICD10" => "Condition",
        "ATC" => "Drug",
        "KVA" => "Procedure",
        "Gender" => "Gender",
        "Visit" => "Visit",
        "LOINC" => "Measurement",
        _ => return None,
    })
}

impl Vocabulary {
    /// The built-in vocabulary.
    pub fn built_in() -> Vocabulary {
        // Checked by a test; a broken built-in file is a build defect, not a user's error.
        Vocabulary::parse(BUILT_IN).unwrap_or_else(|e| panic!("the built-in vocabulary: {e}"))
    }

    /// Reads and checks a vocabulary file: known vocabularies, unique ids and codes, local concepts above
    /// [`LOCAL_CONCEPT_START`], every parent in the same vocabulary and defined before its children.
    pub fn parse(text: &str) -> Result<Vocabulary, VocabularyError> {
        let file: File =
            toml::from_str(text).map_err(|e| VocabularyError::Syntax(e.to_string()))?;
        let mut concepts: Vec<Concept> = Vec::with_capacity(file.concept.len());
        let mut by_id = HashMap::new();
        let mut by_code: HashMap<(String, String), i64> = HashMap::new();
        for row in file.concept {
            let fail = |problem: &str| VocabularyError::Concept {
                code: row.code.clone(),
                vocabulary: row.vocabulary.clone(),
                problem: problem.to_owned(),
            };
            let domain = domain_of(&row.vocabulary).ok_or_else(|| fail("unknown vocabulary"))?;
            let local = matches!(row.vocabulary.as_str(), "ICD10" | "ATC" | "KVA");
            if local && row.id <= LOCAL_CONCEPT_START {
                return Err(fail("a local concept's id must be above 2,000,000,000"));
            }
            if row.id <= 0
                || row.code.trim().is_empty()
                || row.sv.trim().is_empty()
                || row.en.trim().is_empty()
            {
                return Err(fail("an id, a code and both names are required"));
            }
            if by_id.contains_key(&row.id) {
                return Err(fail("the id is used twice"));
            }
            let parent = match &row.parent {
                None => None,
                Some(p) => Some(
                    *by_code
                        .get(&(row.vocabulary.clone(), p.clone()))
                        .ok_or_else(|| {
                            fail("its parent is not defined before it in the same vocabulary")
                        })?,
                ),
            };
            if by_code
                .insert((row.vocabulary.clone(), row.code.clone()), row.id)
                .is_some()
            {
                return Err(fail("the code is used twice"));
            }
            by_id.insert(row.id, concepts.len());
            concepts.push(Concept {
                id: row.id,
                code: row.code,
                vocabulary: row.vocabulary,
                class: row.class,
                domain,
                parent,
                name_sv: row.sv,
                name_en: row.en,
            });
        }
        Ok(Vocabulary { concepts, by_id })
    }

    /// Every concept, in file order.
    pub fn concepts(&self) -> &[Concept] {
        &self.concepts
    }

    /// A concept by id.
    pub fn concept(&self, id: i64) -> Option<&Concept> {
        self.by_id.get(&id).map(|i| &self.concepts[*i])
    }

    /// A concept by vocabulary and code ("ICD10", "E11.9").
    pub fn by_code(&self, vocabulary: &str, code: &str) -> Option<&Concept> {
        self.concepts
            .iter()
            .find(|c| c.vocabulary == vocabulary && c.code == code)
    }

    /// Every ancestry row, each concept with itself at level 0, as OMOP's `concept_ancestor` holds them.
    pub fn ancestry(&self) -> Vec<Ancestry> {
        let mut out = Vec::new();
        for c in &self.concepts {
            let mut levels = 0;
            let mut at = Some(c.id);
            let mut seen = HashSet::new();
            while let Some(id) = at {
                if !seen.insert(id) {
                    break;
                }
                out.push(Ancestry {
                    ancestor: id,
                    descendant: c.id,
                    levels,
                });
                levels += 1;
                at = self.concept(id).and_then(|x| x.parent);
            }
        }
        out.sort();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_vocabulary_holds_each_hierarchy() {
        let v = Vocabulary::built_in();
        let e119 = v.by_code("ICD10", "E11.9").expect("E11.9");
        let chapter = v.by_code("ICD10", "IV").expect("chapter IV");
        assert!(v.ancestry().contains(&Ancestry {
            ancestor: chapter.id,
            descendant: e119.id,
            levels: 3
        }));
        let metformin = v.by_code("ATC", "A10BA02").expect("metformin");
        let a = v.by_code("ATC", "A").expect("A");
        assert!(v.ancestry().contains(&Ancestry {
            ancestor: a.id,
            descendant: metformin.id,
            levels: 4
        }));
        assert_eq!(metformin.domain, "Drug");
        assert_eq!(metformin.class, "ATC 5th");
        assert!(v.concept(MALE).is_some() && v.concept(HBA1C).is_some());
        for c in v.concepts() {
            if matches!(c.vocabulary.as_str(), "ICD10" | "ATC" | "KVA") {
                assert!(c.id > LOCAL_CONCEPT_START, "{}", c.code);
            }
        }
    }

    #[test]
    fn a_broken_file_is_refused_with_the_concept_named() {
        let dup = "[[concept]]\nid = 2000000001\ncode = \"A\"\nvocabulary = \"ATC\"\nclass = \"ATC 1st\"\nsv = \"a\"\nen = \"a\"\n\
                   [[concept]]\nid = 2000000002\ncode = \"A01\"\nvocabulary = \"ATC\"\nclass = \"ATC 2nd\"\nparent = \"B\"\nsv = \"b\"\nen = \"b\"\n";
        let e = Vocabulary::parse(dup).expect_err("unknown parent");
        assert!(e.to_string().contains("A01 (ATC)"), "{e}");
        let low = "[[concept]]\nid = 5\ncode = \"A\"\nvocabulary = \"ATC\"\nclass = \"ATC 1st\"\nsv = \"a\"\nen = \"a\"\n";
        assert!(Vocabulary::parse(low).is_err());
    }
}
