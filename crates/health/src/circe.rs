//! Cohort definitions from OHDSI ATLAS: the cohort expression JSON of OHDSI's Circe, as ATLAS exports it
//! ("Export → JSON"), read into a [`CohortDefinition`].
//!
//! Only the part of Circe that a [`CohortDefinition`] asks exactly is read, with Circe's meaning (the module
//! [`crate::cohort`] describes it), so that a definition that imports counts the same persons in Samverkan as in
//! ATLAS. Everything else is refused, never passed over: a key not listed below, anywhere, or a listed key with a
//! value outside what is listed, is a [`CirceError`] naming the place as a path into the JSON
//! (`PrimaryCriteria.CriteriaList[0].ConditionOccurrence.VisitType`) and why.
//!
//! | JSON | Accepted | Becomes |
//! |---|---|---|
//! | `ConceptSets[]` | absent, `null` or a list | the concept sets the criteria name by id |
//! | `ConceptSets[].id` | a whole number, each set's its own | — |
//! | `ConceptSets[].name` | text or `null` | not read |
//! | `ConceptSets[].expression.items[]` | 1 to [`MAX_CONCEPTS`] items | [`ConceptSet::concepts`] |
//! | `…items[].concept.CONCEPT_ID` | a whole number above 0 | a concept |
//! | `…items[].concept.CONCEPT_NAME`, `CONCEPT_CODE`, `DOMAIN_ID`, `VOCABULARY_ID`, `CONCEPT_CLASS_ID`, `STANDARD_CONCEPT`, `STANDARD_CONCEPT_CAPTION`, `INVALID_REASON`, `INVALID_REASON_CAPTION`, `VALID_START_DATE`, `VALID_END_DATE` | text, a number or `null` | not read (Circe reads only the id) |
//! | `…items[].includeDescendants` | `true`, `false`, `null` or absent, the same for every item of a set | [`ConceptSet::descendants`] |
//! | `…items[].isExcluded`, `…items[].includeMapped` | `false`, `null` or absent | — |
//! | `PrimaryCriteria.CriteriaList[]` | exactly one criterion: `ConditionOccurrence`, `DrugExposure`, `ProcedureOccurrence` or `Measurement` | the index event's [`Domain`] |
//! | `…CriteriaList[0].<domain>.CodesetId` | the id of a concept set (required) | its concepts |
//! | `…CriteriaList[0].<domain>.First` | `true`, `false`, `null` or absent | `first_only` |
//! | `…CriteriaList[0].<domain>.Age` | `{Value, Op}` with `Op` one of `gt`, `gte`, `lt`, `lte`, `eq`, or `{Value, Op: "bt", Extent}`; whole years from 0 to [`MAX_AGE`] | `age_min`, `age_max` (`gt 39` is `gte 40`, see [`AgeOp`]) |
//! | `…CriteriaList[0].<domain>.Gender` | one concept, 8507 (male) or 8532 (female); `[]` or `null` for everyone | `sex` |
//! | `…CriteriaList[0].<domain>.OccurrenceStartDate` | `{Value, Op}` with `Op` one of `gt`, `gte`, `lt`, `lte`, `eq`, or `{Value, Op: "bt", Extent}`; dates `YYYY-MM-DD` | `period_start`, `period_end` in days since 1970-01-01 (`gt` starts a day later, `lt` ends a day earlier) |
//! | `PrimaryCriteria.ObservationWindow` | required: `PriorDays` from 0 to [`MAX_PRIOR_DAYS`] (`null` or absent: 0), `PostDays` 0, `null` or absent | `prior_observation_days` |
//! | `PrimaryCriteria.PrimaryCriteriaLimit.Type` | `All`, or `First` when the criterion has `First` | — |
//! | `QualifiedLimit.Type`, `ExpressionLimit.Type` | `First` when the criterion has `First`, `All` when not | — |
//! | `AdditionalCriteria` | `null` or absent | — |
//! | `InclusionRules[]` | absent or a list; in all, at most [`MAX_RULES`] criteria | [`CohortDefinition::rules`] |
//! | `InclusionRules[].name`, `InclusionRules[].description` | text or `null` | not read |
//! | `InclusionRules[].expression.Type` | `ALL` | — |
//! | `InclusionRules[].expression.Count` | `null` or absent | — |
//! | `InclusionRules[].expression.DemographicCriteriaList`, `….Groups` | `[]` or absent | — |
//! | `InclusionRules[].expression.CriteriaList[]` | any number of items, each its own [`Rule`] (`ALL`: each must hold); none: the rule holds for every event | a [`Rule`] each |
//! | `…CriteriaList[].Criteria.<domain>` | one of the four domains, with `CodesetId` (required) and nothing else but `First` `false`, `null` or absent | [`Rule::criterion`] |
//! | `…CriteriaList[].StartWindow.Start`, `….End` | `{Days, Coeff}`: `Days` a whole number (not `null`: Circe's "all days" is not read), `Coeff` 1 (after) or −1 (before), the window within [`MAX_WINDOW_DAYS`] and not ending before it starts | [`Rule::window`]: `Coeff × Days` |
//! | `…CriteriaList[].StartWindow.UseEventEnd`, `….UseIndexEnd` | `false`, `null` or absent | — |
//! | `…CriteriaList[].Occurrence` | `{Type: 2, Count: n}` (at least n, n ≥ 1); `{Type: 0, Count: 0}` (exactly 0); `{Type: 1, Count: n}` (at most n) | has, `n` times; has not, 1 time; has not, `n + 1` times |
//! | `…CriteriaList[].Occurrence.IsDistinct` | `false`, `null` or absent | — |
//! | `…CriteriaList[].Occurrence.CountColumn` | `null` or absent | — |
//! | `…CriteriaList[].EndWindow` | `null` or absent | — |
//! | `…CriteriaList[].RestrictVisit`, `….IgnoreObservationPeriod` | `false`, `null` or absent | — |
//! | `CensoringCriteria` | `[]`, `null` or absent | — |
//! | `CensorWindow` | `null`, absent, or without dates (`{}`, `StartDate` and `EndDate` `null`) | — |
//! | `EndStrategy` | `null`, absent, `{"DateOffset": {DateField: "StartDate" or "EndDate", Offset ≥ 0}}` or `{"CustomEra": {DrugCodesetId, GapDays, Offset, DaysSupplyOverride}}` | not read: when a cohort era ends does not change who is in it |
//! | `CollapseSettings` | absent or `{CollapseType: "ERA", EraPad: n}` | not read, likewise |
//! | `cdmVersionRange`, `Title` | text or `null` | not read |
//!
//! Where the table says "absent", Circe's default is meant, and a missing limit (`QualifiedLimit` and the others)
//! is Circe's default `First`. `PrimaryCriteriaLimit` `First` without `First` on the criterion takes each person's
//! earliest event among those that pass the criterion's conditions, which a [`CohortDefinition`] does not ask;
//! with it, the earliest in all history is taken first and the limit changes nothing. `QualifiedLimit` and
//! `ExpressionLimit` are held to the criterion's `First` so that a definition says one thing throughout (in Circe,
//! without `AdditionalCriteria` the first changes nothing, and the second only which of a person's events is
//! kept, not who is in the cohort). A `DateOffset` end strategy
//! with an offset below 0 is refused because Circe drops an event whose era would end before it starts; with
//! `EndDate` and an offset of 0 or more it relies on records not ending before they start, as OMOP requires.

use crate::cohort::{
    AgeOp, CohortDefinition, ConceptSet, Criterion, Domain, MAX_AGE, MAX_CONCEPTS, MAX_PRIOR_DAYS,
    MAX_RULES, MAX_WINDOW_DAYS, Rule, Sex, Window,
};
use crate::vocabulary::{FEMALE, MALE};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::fmt;

/// Why a Circe cohort expression cannot be imported, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CirceError {
    /// The place, as a path into the JSON: `PrimaryCriteria.CriteriaList[0].ConditionOccurrence.Age.Op`; empty
    /// for the whole text.
    pub path: String,
    /// What is wrong there.
    pub problem: CirceProblem,
}

impl fmt::Display for CirceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.problem)
        } else {
            write!(f, "{}: {}", self.path, self.problem)
        }
    }
}

impl std::error::Error for CirceError {}

/// What is wrong with a Circe cohort expression.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CirceProblem {
    /// The text is not JSON.
    #[error("not valid JSON: {0}")]
    Syntax(String),
    /// A key Samverkan does not read.
    #[error("not supported")]
    NotSupported,
    /// A value outside the supported subset, with what is supported.
    #[error("not supported: {0}")]
    Unsupported(String),
    /// A required key is missing.
    #[error("required")]
    Missing,
    /// A value of the wrong kind.
    #[error("expected {0}")]
    Expected(&'static str),
    /// A value of the right kind that cannot be asked.
    #[error("{0}")]
    Invalid(String),
}

type Result<T> = std::result::Result<T, CirceError>;

fn fail<T>(path: &str, problem: CirceProblem) -> Result<T> {
    Err(CirceError {
        path: path.to_owned(),
        problem,
    })
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

fn at(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}

/// A JSON object whose keys have been checked against the ones allowed at its place.
struct Obj<'a> {
    map: &'a Map<String, Value>,
    path: String,
}

impl<'a> Obj<'a> {
    fn new(v: &'a Value, path: &str, allowed: &[&str]) -> Result<Obj<'a>> {
        let Some(map) = v.as_object() else {
            return fail(path, CirceProblem::Expected("an object"));
        };
        if let Some(k) = map.keys().find(|k| !allowed.contains(&k.as_str())) {
            return fail(&join(path, k), CirceProblem::NotSupported);
        }
        Ok(Obj {
            map,
            path: path.to_owned(),
        })
    }

    fn path(&self, key: &str) -> String {
        join(&self.path, key)
    }

    /// The value, `None` when absent.
    fn get(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key)
    }

    /// The value, `None` when absent or `null`.
    fn opt(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    /// The value, which must be there (it may be `null`, for the caller to refuse).
    fn req(&self, key: &str) -> Result<&'a Value> {
        match self.map.get(key) {
            Some(v) => Ok(v),
            None => fail(&self.path(key), CirceProblem::Missing),
        }
    }

    /// A key that must be absent or `null`.
    fn none(&self, key: &str) -> Result<()> {
        match self.opt(key) {
            None => Ok(()),
            Some(_) => fail(&self.path(key), CirceProblem::NotSupported),
        }
    }

    /// A flag that must be `false`, `null` or absent.
    fn not_set(&self, key: &str) -> Result<()> {
        match self.opt(key) {
            None | Some(Value::Bool(false)) => Ok(()),
            Some(Value::Bool(true)) => fail(
                &self.path(key),
                CirceProblem::Unsupported("only false".into()),
            ),
            Some(_) => fail(&self.path(key), CirceProblem::Expected("true or false")),
        }
    }

    /// A flag: `true`, `false`; `null` or absent is `false`.
    fn flag(&self, key: &str) -> Result<bool> {
        match self.opt(key) {
            None => Ok(false),
            Some(Value::Bool(b)) => Ok(*b),
            Some(_) => fail(&self.path(key), CirceProblem::Expected("true or false")),
        }
    }

    /// Text not read: text or `null`.
    fn text(&self, key: &str) -> Result<()> {
        match self.get(key) {
            None | Some(Value::Null | Value::String(_)) => Ok(()),
            Some(_) => fail(&self.path(key), CirceProblem::Expected("text")),
        }
    }

    /// A list: `null` only where `null_is_empty`; absent is empty.
    fn list(&self, key: &str, null_is_empty: bool) -> Result<&'a [Value]> {
        match self.get(key) {
            None => Ok(&[]),
            Some(Value::Null) if null_is_empty => Ok(&[]),
            Some(Value::Array(a)) => Ok(a),
            Some(_) => fail(&self.path(key), CirceProblem::Expected("a list")),
        }
    }

    /// A list that must be empty.
    fn empty_list(&self, key: &str, null_is_empty: bool) -> Result<()> {
        if self.list(key, null_is_empty)?.is_empty() {
            Ok(())
        } else {
            fail(&at(&self.path(key), 0), CirceProblem::NotSupported)
        }
    }
}

fn int(v: &Value, path: &str) -> Result<i64> {
    match v.as_i64() {
        Some(n) => Ok(n),
        None => fail(path, CirceProblem::Expected("a whole number")),
    }
}

fn string<'a>(v: &'a Value, path: &str) -> Result<&'a str> {
    match v.as_str() {
        Some(s) => Ok(s),
        None => fail(path, CirceProblem::Expected("text")),
    }
}

const TOP: &[&str] = &[
    "ConceptSets",
    "PrimaryCriteria",
    "AdditionalCriteria",
    "QualifiedLimit",
    "ExpressionLimit",
    "InclusionRules",
    "EndStrategy",
    "CensoringCriteria",
    "CollapseSettings",
    "CensorWindow",
    "cdmVersionRange",
    "Title",
];

/// The descriptive fields of an ATLAS concept, which Circe does not read.
const CONCEPT_DESCRIPTION: &[&str] = &[
    "CONCEPT_NAME",
    "CONCEPT_CODE",
    "DOMAIN_ID",
    "VOCABULARY_ID",
    "CONCEPT_CLASS_ID",
    "STANDARD_CONCEPT",
    "STANDARD_CONCEPT_CAPTION",
    "INVALID_REASON",
    "INVALID_REASON_CAPTION",
    "VALID_START_DATE",
    "VALID_END_DATE",
];

const DOMAINS: [(&str, Domain); 4] = [
    ("ConditionOccurrence", Domain::Condition),
    ("DrugExposure", Domain::Drug),
    ("ProcedureOccurrence", Domain::Procedure),
    ("Measurement", Domain::Measurement),
];

/// Reads a Circe cohort expression (the JSON ATLAS exports) into a [`CohortDefinition`], or says what in it
/// Samverkan cannot ask exactly, and where. The module documentation lists what is read.
pub fn import(json: &str) -> std::result::Result<CohortDefinition, CirceError> {
    match serde_json::from_str::<Value>(json) {
        Ok(v) => import_value(&v),
        Err(e) => fail("", CirceProblem::Syntax(e.to_string())),
    }
}

/// [`import`] for JSON already parsed.
pub fn import_value(root: &Value) -> std::result::Result<CohortDefinition, CirceError> {
    let top = Obj::new(root, "", TOP)?;
    top.text("cdmVersionRange")?;
    top.text("Title")?;
    let sets = concept_sets(&top)?;

    let pc = Obj::new(
        top.req("PrimaryCriteria")?,
        "PrimaryCriteria",
        &["CriteriaList", "ObservationWindow", "PrimaryCriteriaLimit"],
    )?;
    let list_path = pc.path("CriteriaList");
    let list = match pc.req("CriteriaList")? {
        Value::Array(a) => a,
        _ => return fail(&list_path, CirceProblem::Expected("a list")),
    };
    if list.len() != 1 {
        return fail(
            &list_path,
            CirceProblem::Unsupported("exactly one criterion (several are a union)".into()),
        );
    }
    let mut def = index_criterion(&list[0], &at(&list_path, 0), &sets)?;

    let window = Obj::new(
        pc.req("ObservationWindow")?,
        &pc.path("ObservationWindow"),
        &["PriorDays", "PostDays"],
    )?;
    if let Some(v) = window.opt("PriorDays") {
        let path = window.path("PriorDays");
        let days = int(v, &path)?;
        match u32::try_from(days) {
            Ok(d) if d <= MAX_PRIOR_DAYS => def.prior_observation_days = d,
            _ => {
                return fail(
                    &path,
                    CirceProblem::Invalid(format!(
                        "the prior observation is 0 to {MAX_PRIOR_DAYS} days"
                    )),
                );
            }
        }
    }
    if let Some(v) = window.opt("PostDays") {
        let path = window.path("PostDays");
        if int(v, &path)? != 0 {
            return fail(&path, CirceProblem::Unsupported("only 0".into()));
        }
    }

    match limit(&pc, "PrimaryCriteriaLimit")? {
        (Limit::All, _) => {}
        (Limit::First, _) if def.first_only => {}
        (Limit::First, path) => {
            return fail(
                &path,
                CirceProblem::Unsupported(
                    "First without First on the criterion (each person's earliest event among those that pass \
                     its conditions); set First on the criterion, or use All"
                        .into(),
                ),
            );
        }
    }
    top.none("AdditionalCriteria")?;
    for key in ["QualifiedLimit", "ExpressionLimit"] {
        let (l, path) = limit(&top, key)?;
        let want = if def.first_only {
            Limit::First
        } else {
            Limit::All
        };
        if l != want {
            let why = if def.first_only {
                "All with First on the criterion; use First"
            } else {
                "First without First on the criterion; use All"
            };
            return fail(&path, CirceProblem::Unsupported(why.into()));
        }
    }

    def.rules = inclusion_rules(&top, &sets)?;

    match top.get("CensoringCriteria") {
        None | Some(Value::Null) => {}
        Some(Value::Array(a)) if a.is_empty() => {}
        Some(Value::Array(_)) => return fail("CensoringCriteria[0]", CirceProblem::NotSupported),
        Some(_) => return fail("CensoringCriteria", CirceProblem::Expected("a list")),
    }
    if let Some(v) = top.opt("CensorWindow") {
        let w = Obj::new(v, "CensorWindow", &["StartDate", "EndDate"])?;
        w.none("StartDate")?;
        w.none("EndDate")?;
    }
    if let Some(v) = top.opt("EndStrategy") {
        end_strategy(v)?;
    }
    if let Some(v) = top.get("CollapseSettings") {
        let c = Obj::new(v, "CollapseSettings", &["CollapseType", "EraPad"])?;
        if let Some(t) = c.opt("CollapseType")
            && string(t, &c.path("CollapseType"))? != "ERA"
        {
            return fail(
                &c.path("CollapseType"),
                CirceProblem::Unsupported("only ERA".into()),
            );
        }
        if let Some(p) = c.opt("EraPad") {
            int(p, &c.path("EraPad"))?;
        }
    }

    if let Err(e) = def.check() {
        return fail(&e.path, CirceProblem::Invalid(e.problem.to_string()));
    }
    Ok(def)
}

/// The concept sets by id.
fn concept_sets(top: &Obj<'_>) -> Result<BTreeMap<i64, ConceptSet>> {
    let mut sets = BTreeMap::new();
    for (i, v) in top.list("ConceptSets", true)?.iter().enumerate() {
        let path = at("ConceptSets", i);
        let set = Obj::new(v, &path, &["id", "name", "expression"])?;
        let id = int(set.req("id")?, &set.path("id"))?;
        set.text("name")?;
        let expression = Obj::new(set.req("expression")?, &set.path("expression"), &["items"])?;
        let items_path = expression.path("items");
        let items = match expression.req("items")? {
            Value::Array(a) => a,
            _ => return fail(&items_path, CirceProblem::Expected("a list")),
        };
        if items.is_empty() {
            return fail(
                &items_path,
                CirceProblem::Invalid("a concept set names at least one concept".into()),
            );
        }
        if items.len() > MAX_CONCEPTS {
            return fail(
                &items_path,
                CirceProblem::Invalid(format!(
                    "a concept set names at most {MAX_CONCEPTS} concepts"
                )),
            );
        }
        let mut concepts = Vec::with_capacity(items.len());
        let mut descendants = None;
        for (j, item) in items.iter().enumerate() {
            let item = Obj::new(
                item,
                &at(&items_path, j),
                &[
                    "concept",
                    "isExcluded",
                    "includeDescendants",
                    "includeMapped",
                ],
            )?;
            concepts.push(concept_id(item.req("concept")?, &item.path("concept"))?);
            item.not_set("isExcluded")?;
            item.not_set("includeMapped")?;
            let d = item.flag("includeDescendants")?;
            if descendants.is_some_and(|first| first != d) {
                return fail(
                    &item.path("includeDescendants"),
                    CirceProblem::Unsupported(
                        "items of one concept set that differ in includeDescendants; give each its own set".into(),
                    ),
                );
            }
            descendants = Some(d);
        }
        let set = ConceptSet {
            concepts,
            descendants: descendants.unwrap_or(false),
        };
        if sets.insert(id, set).is_some() {
            return fail(
                &join(&path, "id"),
                CirceProblem::Invalid(format!("another concept set has the id {id}")),
            );
        }
    }
    Ok(sets)
}

/// An ATLAS concept: its id, with the descriptive fields allowed and not read.
fn concept_id(v: &Value, path: &str) -> Result<i64> {
    let mut allowed = vec!["CONCEPT_ID"];
    allowed.extend_from_slice(CONCEPT_DESCRIPTION);
    let c = Obj::new(v, path, &allowed)?;
    for key in CONCEPT_DESCRIPTION {
        match c.get(key) {
            None | Some(Value::Null | Value::String(_) | Value::Number(_)) => {}
            Some(_) => return fail(&c.path(key), CirceProblem::Expected("text")),
        }
    }
    let id_path = c.path("CONCEPT_ID");
    let id = int(c.req("CONCEPT_ID")?, &id_path)?;
    if id <= 0 {
        return fail(
            &id_path,
            CirceProblem::Invalid("a concept id is above 0".into()),
        );
    }
    Ok(id)
}

/// A criterion `{"<domain>": {…}}`: its domain, its body with the keys in `allowed`, and its concept set.
fn criterion<'a>(
    v: &'a Value,
    path: &str,
    allowed: &[&str],
    sets: &BTreeMap<i64, ConceptSet>,
) -> Result<(Criterion, Obj<'a>)> {
    let names = DOMAINS.map(|(name, _)| name);
    let wrapper = Obj::new(v, path, &names)?;
    let mut found = DOMAINS
        .iter()
        .filter(|(name, _)| wrapper.get(name).is_some());
    let (Some((name, domain)), None) = (found.next(), found.next()) else {
        return fail(
            path,
            CirceProblem::Invalid(format!("name exactly one criterion: {}", names.join(", "))),
        );
    };
    let body_path = wrapper.path(name);
    let body = Obj::new(wrapper.req(name)?, &body_path, allowed)?;
    let codeset_path = body.path("CodesetId");
    let codeset = int(body.req("CodesetId")?, &codeset_path)?;
    let Some(set) = sets.get(&codeset) else {
        return fail(
            &codeset_path,
            CirceProblem::Invalid(format!("no concept set has the id {codeset}")),
        );
    };
    let criterion = Criterion {
        domain: *domain,
        concepts: set.clone(),
    };
    Ok((criterion, body))
}

/// The index event, its conditions and the definition they start.
fn index_criterion(
    v: &Value,
    path: &str,
    sets: &BTreeMap<i64, ConceptSet>,
) -> Result<CohortDefinition> {
    let (index, body) = criterion(
        v,
        path,
        &["CodesetId", "First", "Age", "Gender", "OccurrenceStartDate"],
        sets,
    )?;
    let mut def = CohortDefinition::new(index);
    def.first_only = body.flag("First")?;
    if let Some(a) = body.opt("Age") {
        (def.age_min, def.age_max) = age(a, &body.path("Age"))?;
    }
    if let Some(g) = body.opt("Gender") {
        def.sex = gender(g, &body.path("Gender"))?;
    }
    if let Some(d) = body.opt("OccurrenceStartDate") {
        (def.period_start, def.period_end) = period(d, &body.path("OccurrenceStartDate"))?;
    }
    Ok(def)
}

/// A comparison `{Value, Op, Extent}` as Circe writes ages and dates.
struct Comparison<'a> {
    op: Op<'a>,
    value: &'a Value,
    value_path: String,
}

/// A comparison's operator; `bt` with its `Extent` and the path to it.
enum Op<'a> {
    Cmp(AgeOp),
    Between(&'a Value, String),
}

fn comparison<'a>(v: &'a Value, path: &str) -> Result<Comparison<'a>> {
    let r = Obj::new(v, path, &["Value", "Op", "Extent"])?;
    let op_path = r.path("Op");
    let extent_path = r.path("Extent");
    let op = match string(r.req("Op")?, &op_path)? {
        "gt" => Op::Cmp(AgeOp::Gt),
        "gte" => Op::Cmp(AgeOp::Gte),
        "lt" => Op::Cmp(AgeOp::Lt),
        "lte" => Op::Cmp(AgeOp::Lte),
        "eq" => Op::Cmp(AgeOp::Eq),
        "bt" => match r.opt("Extent") {
            Some(e) => Op::Between(e, extent_path.clone()),
            None => return fail(&extent_path, CirceProblem::Missing),
        },
        other => {
            return fail(
                &op_path,
                CirceProblem::Unsupported(format!(
                    "the operator {other:?}; use gt, gte, lt, lte, eq or bt"
                )),
            );
        }
    };
    if matches!(op, Op::Cmp(_)) && r.opt("Extent").is_some() {
        return fail(
            &extent_path,
            CirceProblem::Unsupported("an Extent with an operator other than bt".into()),
        );
    }
    Ok(Comparison {
        op,
        value: r.req("Value")?,
        value_path: r.path("Value"),
    })
}

fn years(v: &Value, path: &str) -> Result<u32> {
    match v.as_u64().and_then(|n| u32::try_from(n).ok()) {
        Some(n) => Ok(n),
        None => fail(
            path,
            CirceProblem::Expected("a whole number of years, 0 or more"),
        ),
    }
}

/// `Age`: the youngest and oldest age.
fn age(v: &Value, path: &str) -> Result<(Option<u32>, Option<u32>)> {
    let c = comparison(v, path)?;
    let value = years(c.value, &c.value_path)?;
    let bounds = match c.op {
        Op::Between(e, e_path) => Some((Some(value), Some(years(e, &e_path)?))),
        Op::Cmp(op) => op.bounds(value),
    };
    match bounds {
        Some((lo, hi))
            if lo.is_none_or(|a| a <= MAX_AGE)
                && hi.is_none_or(|a| a <= MAX_AGE)
                && !matches!((lo, hi), (Some(l), Some(h)) if l > h) =>
        {
            Ok((lo, hi))
        }
        _ => fail(
            path,
            CirceProblem::Invalid(format!(
                "the ages must be from 0 to {MAX_AGE} and hold for someone"
            )),
        ),
    }
}

/// `Gender`: one of OMOP's two gender concepts, or none for everyone.
fn gender(v: &Value, path: &str) -> Result<Option<Sex>> {
    let Value::Array(items) = v else {
        return fail(path, CirceProblem::Expected("a list"));
    };
    let ids = items
        .iter()
        .enumerate()
        .map(|(i, c)| concept_id(c, &at(path, i)))
        .collect::<Result<Vec<_>>>()?;
    match ids.as_slice() {
        [] => Ok(None),
        [MALE] => Ok(Some(Sex::Male)),
        [FEMALE] => Ok(Some(Sex::Female)),
        [_] => fail(
            &join(&at(path, 0), "CONCEPT_ID"),
            CirceProblem::Unsupported(format!(
                "a gender other than {MALE} (male) or {FEMALE} (female)"
            )),
        ),
        _ => fail(
            path,
            CirceProblem::Unsupported("more than one gender".into()),
        ),
    }
}

/// `OccurrenceStartDate`: the first and last day, in days since 1970-01-01.
fn period(v: &Value, path: &str) -> Result<(Option<i32>, Option<i32>)> {
    let c = comparison(v, path)?;
    let day = date(c.value, &c.value_path)?;
    let bounds = match c.op {
        Op::Cmp(AgeOp::Gt) => day.checked_add(1).map(|d| (Some(d), None)),
        Op::Cmp(AgeOp::Gte) => Some((Some(day), None)),
        Op::Cmp(AgeOp::Lt) => day.checked_sub(1).map(|d| (None, Some(d))),
        Op::Cmp(AgeOp::Lte) => Some((None, Some(day))),
        Op::Cmp(AgeOp::Eq) => Some((Some(day), Some(day))),
        Op::Between(e, e_path) => Some((Some(day), Some(date(e, &e_path)?))),
    };
    match bounds {
        Some((start, end)) if !matches!((start, end), (Some(s), Some(e)) if s > e) => {
            Ok((start, end))
        }
        _ => fail(
            path,
            CirceProblem::Invalid("the period ends before it starts".into()),
        ),
    }
}

/// A date `YYYY-MM-DD` as days since 1970-01-01.
fn date(v: &Value, path: &str) -> Result<i32> {
    let bad = || fail(path, CirceProblem::Expected("a date YYYY-MM-DD"));
    let Some(s) = v.as_str() else { return bad() };
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return bad();
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = s.get(r)?;
        if part.bytes().all(|c| c.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else {
        return bad();
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days_in_month = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return bad(),
    };
    if y == 0 || d == 0 || d > days_in_month {
        return bad();
    }
    Ok(days_from_civil(y as i32, m, d))
}

/// Days since 1970-01-01 of a date in the proleptic Gregorian calendar.
fn days_from_civil(year: i32, month: u32, day: u32) -> i32 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y.rem_euclid(400);
    let shifted_month = (month + 9) % 12; // March is 0.
    let day_of_year = (153 * shifted_month as i32 + 2) / 5 + day as i32 - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Limit {
    First,
    All,
}

/// A `{Type}` limit: absent (Circe's default) is `First`. With the path to name when it is refused.
fn limit(parent: &Obj<'_>, key: &str) -> Result<(Limit, String)> {
    let path = parent.path(key);
    let Some(v) = parent.get(key) else {
        return Ok((Limit::First, path));
    };
    let o = Obj::new(v, &path, &["Type"])?;
    let type_path = o.path("Type");
    let Some(t) = o.get("Type") else {
        return Ok((Limit::First, type_path));
    };
    let t = string(t, &type_path)?;
    if t.eq_ignore_ascii_case("first") {
        Ok((Limit::First, type_path))
    } else if t.eq_ignore_ascii_case("all") {
        Ok((Limit::All, type_path))
    } else {
        fail(
            &type_path,
            CirceProblem::Unsupported(format!("the limit {t:?}; use First or All")),
        )
    }
}

/// `InclusionRules`: a rule for each criterion.
fn inclusion_rules(top: &Obj<'_>, sets: &BTreeMap<i64, ConceptSet>) -> Result<Vec<Rule>> {
    let list = match top.get("InclusionRules") {
        None => &[][..],
        Some(Value::Array(a)) => a.as_slice(),
        Some(_) => return fail("InclusionRules", CirceProblem::Expected("a list")),
    };
    let mut rules = Vec::new();
    for (i, v) in list.iter().enumerate() {
        let rule = Obj::new(
            v,
            &at("InclusionRules", i),
            &["name", "description", "expression"],
        )?;
        rule.text("name")?;
        rule.text("description")?;
        let group = Obj::new(
            rule.req("expression")?,
            &rule.path("expression"),
            &[
                "Type",
                "Count",
                "CriteriaList",
                "DemographicCriteriaList",
                "Groups",
            ],
        )?;
        let type_path = group.path("Type");
        let t = string(group.req("Type")?, &type_path)?;
        if !t.eq_ignore_ascii_case("all") {
            return fail(
                &type_path,
                CirceProblem::Unsupported(format!("the group type {t:?}; use ALL")),
            );
        }
        group.none("Count")?;
        group.empty_list("DemographicCriteriaList", false)?;
        group.empty_list("Groups", false)?;
        let items_path = group.path("CriteriaList");
        for (j, item) in group.list("CriteriaList", false)?.iter().enumerate() {
            rules.push(rule_item(item, &at(&items_path, j), sets)?);
            if rules.len() > MAX_RULES {
                return fail(
                    "InclusionRules",
                    CirceProblem::Invalid(format!("at most {MAX_RULES} criteria in all")),
                );
            }
        }
    }
    Ok(rules)
}

/// One item of an inclusion rule's `CriteriaList`.
fn rule_item(v: &Value, path: &str, sets: &BTreeMap<i64, ConceptSet>) -> Result<Rule> {
    let item = Obj::new(
        v,
        path,
        &[
            "Criteria",
            "StartWindow",
            "EndWindow",
            "Occurrence",
            "RestrictVisit",
            "IgnoreObservationPeriod",
        ],
    )?;
    let (criterion, body) = criterion(
        item.req("Criteria")?,
        &item.path("Criteria"),
        &["CodesetId", "First"],
        sets,
    )?;
    body.not_set("First")?;

    let sw = Obj::new(
        item.req("StartWindow")?,
        &item.path("StartWindow"),
        &["Start", "End", "UseEventEnd", "UseIndexEnd"],
    )?;
    let start = endpoint(sw.req("Start")?, &sw.path("Start"))?;
    let end = endpoint(sw.req("End")?, &sw.path("End"))?;
    if start > end {
        return fail(
            &sw.path,
            CirceProblem::Invalid("the window ends before it starts".into()),
        );
    }
    sw.not_set("UseEventEnd")?;
    sw.not_set("UseIndexEnd")?;
    item.none("EndWindow")?;
    item.not_set("RestrictVisit")?;
    item.not_set("IgnoreObservationPeriod")?;

    let occ = Obj::new(
        item.req("Occurrence")?,
        &item.path("Occurrence"),
        &["Type", "Count", "IsDistinct", "CountColumn"],
    )?;
    let type_path = occ.path("Type");
    let count_path = occ.path("Count");
    let t = int(occ.req("Type")?, &type_path)?;
    let count = int(occ.req("Count")?, &count_path)?;
    occ.not_set("IsDistinct")?;
    occ.none("CountColumn")?;
    let Ok(count) = u32::try_from(count) else {
        return fail(
            &count_path,
            CirceProblem::Invalid("a count is 0 or more".into()),
        );
    };
    let (has, times) = match t {
        2 if count >= 1 => (true, count),
        2 => {
            return fail(
                &count_path,
                CirceProblem::Unsupported("at least 0, which every event has".into()),
            );
        }
        0 if count == 0 => (false, 1),
        0 => {
            return fail(
                &count_path,
                CirceProblem::Unsupported("exactly a number other than 0".into()),
            );
        }
        1 => match count.checked_add(1) {
            Some(n) => (false, n),
            None => {
                return fail(
                    &count_path,
                    CirceProblem::Invalid("the count is too large".into()),
                );
            }
        },
        _ => {
            return fail(
                &type_path,
                CirceProblem::Unsupported("use 0 (exactly 0), 1 (at most) or 2 (at least)".into()),
            );
        }
    };
    Ok(Rule {
        criterion,
        has,
        times,
        window: Window { start, end },
    })
}

/// A window's end `{Days, Coeff}`: days from the index event.
fn endpoint(v: &Value, path: &str) -> Result<i32> {
    let e = Obj::new(v, path, &["Days", "Coeff"])?;
    let days_path = e.path("Days");
    let days = match e.get("Days") {
        None | Some(Value::Null) => {
            return fail(
                &days_path,
                CirceProblem::Unsupported("all days (no number of days); give a number".into()),
            );
        }
        Some(d) => int(d, &days_path)?,
    };
    let coeff_path = e.path("Coeff");
    let coeff = int(e.req("Coeff")?, &coeff_path)?;
    if coeff != 1 && coeff != -1 {
        return fail(
            &coeff_path,
            CirceProblem::Unsupported("only 1 (after) or -1 (before)".into()),
        );
    }
    match days.checked_mul(coeff).and_then(|d| i32::try_from(d).ok()) {
        Some(d) if (-MAX_WINDOW_DAYS..=MAX_WINDOW_DAYS).contains(&d) => Ok(d),
        _ => fail(
            &days_path,
            CirceProblem::Invalid(format!(
                "at most {MAX_WINDOW_DAYS} days from the index event"
            )),
        ),
    }
}

/// `EndStrategy`: checked, not read.
fn end_strategy(v: &Value) -> Result<()> {
    let path = "EndStrategy";
    let wrapper = Obj::new(v, path, &["DateOffset", "CustomEra"])?;
    if wrapper.map.len() != 1 {
        return fail(
            path,
            CirceProblem::Invalid("name exactly one of DateOffset, CustomEra".into()),
        );
    }
    if let Some(d) = wrapper.get("DateOffset") {
        let d = Obj::new(d, &wrapper.path("DateOffset"), &["DateField", "Offset"])?;
        if let Some(f) = d.get("DateField") {
            let field_path = d.path("DateField");
            let f = string(f, &field_path)?;
            if f != "StartDate" && f != "EndDate" {
                return fail(&field_path, CirceProblem::Expected("StartDate or EndDate"));
            }
        }
        if let Some(o) = d.opt("Offset") {
            let offset_path = d.path("Offset");
            if int(o, &offset_path)? < 0 {
                return fail(
                    &offset_path,
                    CirceProblem::Unsupported(
                        "an offset below 0 (Circe drops an event whose era would end before it starts)".into(),
                    ),
                );
            }
        }
    }
    if let Some(c) = wrapper.get("CustomEra") {
        let c = Obj::new(
            c,
            &wrapper.path("CustomEra"),
            &["DrugCodesetId", "GapDays", "Offset", "DaysSupplyOverride"],
        )?;
        int(c.req("DrugCodesetId")?, &c.path("DrugCodesetId"))?;
        for key in ["GapDays", "Offset", "DaysSupplyOverride"] {
            if let Some(n) = c.opt(key) {
                int(n, &c.path(key))?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::path::PathBuf;

    /// Every supported key in one definition.
    const FULL: &str = r#"{
      "cdmVersionRange": ">=5.0.0",
      "Title": "Women with type 2 diabetes who start metformin",
      "ConceptSets": [
        {"id": 0, "name": "Type 2 diabetes", "expression": {"items": [
          {"concept": {"CONCEPT_ID": 2000001008, "CONCEPT_NAME": "Type 2 diabetes mellitus", "STANDARD_CONCEPT": "S",
            "STANDARD_CONCEPT_CAPTION": "Standard", "INVALID_REASON": "V", "INVALID_REASON_CAPTION": "Valid",
            "CONCEPT_CODE": "E11", "DOMAIN_ID": "Condition", "VOCABULARY_ID": "ICD10", "CONCEPT_CLASS_ID": "Category",
            "VALID_START_DATE": "1970-01-01", "VALID_END_DATE": "2099-12-31"},
           "isExcluded": false, "includeDescendants": true, "includeMapped": false}]}},
        {"id": 1, "name": "Metformin", "expression": {"items": [
          {"concept": {"CONCEPT_ID": 2000100004, "CONCEPT_NAME": "metformin", "INVALID_REASON": null},
           "includeDescendants": false}]}},
        {"id": 2, "name": null, "expression": {"items": [{"concept": {"CONCEPT_ID": 3004410}}]}},
        {"id": 3, "name": "PCI", "expression": {"items": [{"concept": {"CONCEPT_ID": 2000200002}}]}}
      ],
      "PrimaryCriteria": {
        "CriteriaList": [{"ConditionOccurrence": {"CodesetId": 0, "First": true,
          "Age": {"Value": 40, "Op": "bt", "Extent": 75},
          "Gender": [{"CONCEPT_ID": 8532, "CONCEPT_NAME": "FEMALE"}],
          "OccurrenceStartDate": {"Value": "2010-01-01", "Op": "bt", "Extent": "2019-12-31"}}}],
        "ObservationWindow": {"PriorDays": 365, "PostDays": 0},
        "PrimaryCriteriaLimit": {"Type": "First"}
      },
      "AdditionalCriteria": null,
      "QualifiedLimit": {"Type": "First"},
      "ExpressionLimit": {"Type": "First"},
      "InclusionRules": [
        {"name": "Metformin within 90 days, no HbA1c the year before", "description": null, "expression": {
          "Type": "ALL", "Count": null,
          "CriteriaList": [
            {"Criteria": {"DrugExposure": {"CodesetId": 1, "First": false}},
             "StartWindow": {"Start": {"Days": 0, "Coeff": 1}, "End": {"Days": 90, "Coeff": 1},
               "UseEventEnd": false, "UseIndexEnd": false},
             "EndWindow": null,
             "Occurrence": {"Type": 2, "Count": 1, "IsDistinct": false, "CountColumn": null},
             "RestrictVisit": false, "IgnoreObservationPeriod": false},
            {"Criteria": {"Measurement": {"CodesetId": 2}},
             "StartWindow": {"Start": {"Days": 365, "Coeff": -1}, "End": {"Days": 1, "Coeff": -1}},
             "Occurrence": {"Type": 0, "Count": 0}}
          ],
          "DemographicCriteriaList": [], "Groups": []}},
        {"name": "At most two PCIs in ten years", "expression": {"Type": "ALL", "CriteriaList": [
            {"Criteria": {"ProcedureOccurrence": {"CodesetId": 3}},
             "StartWindow": {"Start": {"Days": 3650, "Coeff": -1}, "End": {"Days": 1, "Coeff": -1}},
             "Occurrence": {"Type": 1, "Count": 2}}
          ], "DemographicCriteriaList": [], "Groups": []}}
      ],
      "EndStrategy": {"DateOffset": {"DateField": "StartDate", "Offset": 365}},
      "CensoringCriteria": [],
      "CollapseSettings": {"CollapseType": "ERA", "EraPad": 0},
      "CensorWindow": {"StartDate": null}
    }"#;

    fn full() -> Value {
        serde_json::from_str(FULL).expect("the example is JSON")
    }

    fn set(concepts: &[i64], descendants: bool) -> ConceptSet {
        ConceptSet {
            concepts: concepts.to_vec(),
            descendants,
        }
    }

    fn expected() -> CohortDefinition {
        let mut d = CohortDefinition::new(Criterion {
            domain: Domain::Condition,
            concepts: set(&[2_000_001_008], true),
        });
        d.first_only = true;
        d.age_min = Some(40);
        d.age_max = Some(75);
        d.sex = Some(Sex::Female);
        d.prior_observation_days = 365;
        d.period_start = Some(14_610);
        d.period_end = Some(18_261);
        d.rules = vec![
            Rule {
                criterion: Criterion {
                    domain: Domain::Drug,
                    concepts: set(&[2_000_100_004], false),
                },
                has: true,
                times: 1,
                window: Window { start: 0, end: 90 },
            },
            Rule {
                criterion: Criterion {
                    domain: Domain::Measurement,
                    concepts: set(&[3_004_410], false),
                },
                has: false,
                times: 1,
                window: Window {
                    start: -365,
                    end: -1,
                },
            },
            Rule {
                criterion: Criterion {
                    domain: Domain::Procedure,
                    concepts: set(&[2_000_200_002], false),
                },
                has: false,
                times: 3,
                window: Window {
                    start: -3650,
                    end: -1,
                },
            },
        ];
        d
    }

    /// The example with one change: `pointer` set to `value`, or removed when `value` is `None`.
    fn edited(pointer: &str, value: Option<Value>) -> Value {
        let mut v = full();
        match value {
            Some(new) => {
                let (parent, key) = pointer.rsplit_once('/').expect("a pointer");
                let target = v
                    .pointer_mut(parent)
                    .unwrap_or_else(|| panic!("no {parent}"));
                match target {
                    Value::Object(m) => {
                        m.insert(key.to_owned(), new);
                    }
                    Value::Array(a) => {
                        let i: usize = key.parse().expect("an index");
                        if i < a.len() {
                            a[i] = new;
                        } else {
                            a.push(new);
                        }
                    }
                    _ => panic!("{parent} holds nothing"),
                }
            }
            None => {
                let (parent, key) = pointer.rsplit_once('/').expect("a pointer");
                let target = v
                    .pointer_mut(parent)
                    .unwrap_or_else(|| panic!("no {parent}"));
                target.as_object_mut().expect("an object").remove(key);
            }
        }
        v
    }

    fn refusal(pointer: &str, value: Option<Value>) -> CirceError {
        import_value(&edited(pointer, value)).expect_err(pointer)
    }

    #[test]
    fn circe_full_example_imports() {
        assert_eq!(import(FULL), Ok(expected()));
        assert!(expected().check().is_ok());
    }

    const PC: &str = "/PrimaryCriteria/CriteriaList/0/ConditionOccurrence";
    const RULE: &str = "/InclusionRules/0/expression/CriteriaList/0";

    #[test]
    fn circe_refusals_name_their_place() {
        use serde_json::json;
        let cases: Vec<(String, Option<Value>, &str)> = vec![
            (
                format!("{PC}/VisitType"),
                Some(json!([])),
                "PrimaryCriteria.CriteriaList[0].ConditionOccurrence.VisitType",
            ),
            (
                format!("{PC}/ConditionType"),
                Some(json!(null)),
                "PrimaryCriteria.CriteriaList[0].ConditionOccurrence.ConditionType",
            ),
            (
                format!("{PC}/CorrelatedCriteria"),
                Some(json!({})),
                "PrimaryCriteria.CriteriaList[0].ConditionOccurrence.CorrelatedCriteria",
            ),
            (
                format!("{PC}/First"),
                None,
                "PrimaryCriteria.PrimaryCriteriaLimit.Type",
            ),
            (
                format!("{PC}/Age/Op"),
                Some(json!("!bt")),
                "PrimaryCriteria.CriteriaList[0].ConditionOccurrence.Age.Op",
            ),
            (
                format!("{PC}/Age/Extent"),
                Some(json!(30)),
                "PrimaryCriteria.CriteriaList[0].ConditionOccurrence.Age",
            ),
            (
                format!("{PC}/Age/Value"),
                Some(json!(40.5)),
                "PrimaryCriteria.CriteriaList[0].ConditionOccurrence.Age.Value",
            ),
            (
                format!("{PC}/Age/Value"),
                Some(json!(-1)),
                "PrimaryCriteria.CriteriaList[0].ConditionOccurrence.Age.Value",
            ),
            (
                format!("{PC}/Age/Extent"),
                Some(json!(131)),
                "PrimaryCriteria.CriteriaList[0].ConditionOccurrence.Age",
            ),
            (
                format!("{PC}/Age/Extent"),
                None,
                "PrimaryCriteria.CriteriaList[0].ConditionOccurrence.Age.Extent",
            ),
            (
                format!("{PC}/Age"),
                Some(json!({"Value": 0, "Op": "lt"})),
                "PrimaryCriteria.CriteriaList[0].ConditionOccurrence.Age",
            ),
            (
                format!("{PC}/Age"),
                Some(json!({"Value": 40, "Op": "gt", "Extent": 60})),
                "PrimaryCriteria.CriteriaList[0].ConditionOccurrence.Age.Extent",
            ),
            (
                format!("{PC}/Gender"),
                Some(json!([{"CONCEPT_ID": 8507}, {"CONCEPT_ID": 8532}])),
                "PrimaryCriteria.CriteriaList[0].ConditionOccurrence.Gender",
            ),
            (
                format!("{PC}/Gender"),
                Some(json!([{"CONCEPT_ID": 8551}])),
                "PrimaryCriteria.CriteriaList[0].ConditionOccurrence.Gender[0].CONCEPT_ID",
            ),
            (
                format!("{PC}/Gender"),
                Some(json!([{"CONCEPT_ID": 8507, "GENDER": "M"}])),
                "PrimaryCriteria.CriteriaList[0].ConditionOccurrence.Gender[0].GENDER",
            ),
            (
                format!("{PC}/OccurrenceStartDate/Value"),
                Some(json!("2010-13-01")),
                "PrimaryCriteria.CriteriaList[0].ConditionOccurrence.OccurrenceStartDate.Value",
            ),
            (
                format!("{PC}/OccurrenceStartDate/Value"),
                Some(json!("2011-02-29")),
                "PrimaryCriteria.CriteriaList[0].ConditionOccurrence.OccurrenceStartDate.Value",
            ),
            (
                format!("{PC}/OccurrenceStartDate/Value"),
                Some(json!("2020-01-01")),
                "PrimaryCriteria.CriteriaList[0].ConditionOccurrence.OccurrenceStartDate",
            ),
            (
                format!("{PC}/OccurrenceStartDate/Op"),
                Some(json!("!bt")),
                "PrimaryCriteria.CriteriaList[0].ConditionOccurrence.OccurrenceStartDate.Op",
            ),
            (
                format!("{PC}/OccurrenceEndDate"),
                Some(json!({"Value": "2010-01-01", "Op": "gt"})),
                "PrimaryCriteria.CriteriaList[0].ConditionOccurrence.OccurrenceEndDate",
            ),
            (
                format!("{PC}/CodesetId"),
                Some(json!(9)),
                "PrimaryCriteria.CriteriaList[0].ConditionOccurrence.CodesetId",
            ),
            (
                format!("{PC}/CodesetId"),
                None,
                "PrimaryCriteria.CriteriaList[0].ConditionOccurrence.CodesetId",
            ),
            (
                "/PrimaryCriteria/CriteriaList/1".into(),
                Some(json!({"DrugExposure": {"CodesetId": 1}})),
                "PrimaryCriteria.CriteriaList",
            ),
            (
                "/PrimaryCriteria/CriteriaList/0".into(),
                Some(json!({"VisitOccurrence": {"CodesetId": 1}})),
                "PrimaryCriteria.CriteriaList[0].VisitOccurrence",
            ),
            (
                "/PrimaryCriteria/CriteriaList/0".into(),
                Some(json!({"Measurement": {"CodesetId": 2}, "DrugExposure": {"CodesetId": 1}})),
                "PrimaryCriteria.CriteriaList[0]",
            ),
            (
                "/PrimaryCriteria/ObservationWindow/PostDays".into(),
                Some(json!(30)),
                "PrimaryCriteria.ObservationWindow.PostDays",
            ),
            (
                "/PrimaryCriteria/ObservationWindow/PriorDays".into(),
                Some(json!(-1)),
                "PrimaryCriteria.ObservationWindow.PriorDays",
            ),
            (
                "/PrimaryCriteria/ObservationWindow".into(),
                None,
                "PrimaryCriteria.ObservationWindow",
            ),
            (
                "/PrimaryCriteria/PrimaryCriteriaLimit/Type".into(),
                Some(json!("Last")),
                "PrimaryCriteria.PrimaryCriteriaLimit.Type",
            ),
            (
                "/QualifiedLimit/Type".into(),
                Some(json!("All")),
                "QualifiedLimit.Type",
            ),
            (
                "/ExpressionLimit/Type".into(),
                Some(json!("Last")),
                "ExpressionLimit.Type",
            ),
            (
                "/ExpressionLimit".into(),
                Some(json!(null)),
                "ExpressionLimit",
            ),
            (
                "/AdditionalCriteria".into(),
                Some(json!({"Type": "ALL", "CriteriaList": []})),
                "AdditionalCriteria",
            ),
            (
                "/ConceptSets/0/expression/items/0/isExcluded".into(),
                Some(json!(true)),
                "ConceptSets[0].expression.items[0].isExcluded",
            ),
            (
                "/ConceptSets/0/expression/items/0/includeMapped".into(),
                Some(json!(true)),
                "ConceptSets[0].expression.items[0].includeMapped",
            ),
            (
                "/ConceptSets/0/expression/items/1".into(),
                Some(json!({"concept": {"CONCEPT_ID": 2000001009}, "includeDescendants": false})),
                "ConceptSets[0].expression.items[1].includeDescendants",
            ),
            (
                "/ConceptSets/0/expression/items".into(),
                Some(json!([])),
                "ConceptSets[0].expression.items",
            ),
            (
                "/ConceptSets/1/id".into(),
                Some(json!(0)),
                "ConceptSets[1].id",
            ),
            (
                "/ConceptSets/0/expression/items/0/concept/CONCEPT_ID".into(),
                Some(json!("2000001008")),
                "ConceptSets[0].expression.items[0].concept.CONCEPT_ID",
            ),
            (
                format!("{RULE}/StartWindow/Start/Days"),
                Some(json!(null)),
                "InclusionRules[0].expression.CriteriaList[0].StartWindow.Start.Days",
            ),
            (
                format!("{RULE}/StartWindow/End/Days"),
                None,
                "InclusionRules[0].expression.CriteriaList[0].StartWindow.End.Days",
            ),
            (
                format!("{RULE}/StartWindow/Start/Coeff"),
                Some(json!(0)),
                "InclusionRules[0].expression.CriteriaList[0].StartWindow.Start.Coeff",
            ),
            (
                format!("{RULE}/StartWindow/Start/Days"),
                Some(json!(91)),
                "InclusionRules[0].expression.CriteriaList[0].StartWindow",
            ),
            (
                format!("{RULE}/StartWindow/End/Days"),
                Some(json!(40_000)),
                "InclusionRules[0].expression.CriteriaList[0].StartWindow.End.Days",
            ),
            (
                format!("{RULE}/StartWindow/UseEventEnd"),
                Some(json!(true)),
                "InclusionRules[0].expression.CriteriaList[0].StartWindow.UseEventEnd",
            ),
            (
                format!("{RULE}/StartWindow/UseIndexEnd"),
                Some(json!(true)),
                "InclusionRules[0].expression.CriteriaList[0].StartWindow.UseIndexEnd",
            ),
            (
                format!("{RULE}/EndWindow"),
                Some(json!({"Start": {"Days": 0, "Coeff": 1}, "End": {"Days": 1, "Coeff": 1}})),
                "InclusionRules[0].expression.CriteriaList[0].EndWindow",
            ),
            (
                "/InclusionRules/0/expression/CriteriaList/1/Occurrence/Count".into(),
                Some(json!(2)),
                "InclusionRules[0].expression.CriteriaList[1].Occurrence.Count",
            ),
            (
                format!("{RULE}/Occurrence/Count"),
                Some(json!(0)),
                "InclusionRules[0].expression.CriteriaList[0].Occurrence.Count",
            ),
            (
                format!("{RULE}/Occurrence/Type"),
                Some(json!(3)),
                "InclusionRules[0].expression.CriteriaList[0].Occurrence.Type",
            ),
            (
                format!("{RULE}/Occurrence/IsDistinct"),
                Some(json!(true)),
                "InclusionRules[0].expression.CriteriaList[0].Occurrence.IsDistinct",
            ),
            (
                format!("{RULE}/Occurrence/CountColumn"),
                Some(json!("DOMAIN_CONCEPT")),
                "InclusionRules[0].expression.CriteriaList[0].Occurrence.CountColumn",
            ),
            (
                format!("{RULE}/RestrictVisit"),
                Some(json!(true)),
                "InclusionRules[0].expression.CriteriaList[0].RestrictVisit",
            ),
            (
                format!("{RULE}/IgnoreObservationPeriod"),
                Some(json!(true)),
                "InclusionRules[0].expression.CriteriaList[0].IgnoreObservationPeriod",
            ),
            (
                format!("{RULE}/Criteria/DrugExposure/First"),
                Some(json!(true)),
                "InclusionRules[0].expression.CriteriaList[0].Criteria.DrugExposure.First",
            ),
            (
                format!("{RULE}/Criteria/DrugExposure/OccurrenceStartDate"),
                Some(json!({"Value": "2010-01-01", "Op": "gt"})),
                "InclusionRules[0].expression.CriteriaList[0].Criteria.DrugExposure.OccurrenceStartDate",
            ),
            (
                format!("{RULE}/Criteria/DrugExposure/Age"),
                Some(json!({"Value": 18, "Op": "gt"})),
                "InclusionRules[0].expression.CriteriaList[0].Criteria.DrugExposure.Age",
            ),
            (
                "/InclusionRules/0/expression/Type".into(),
                Some(json!("ANY")),
                "InclusionRules[0].expression.Type",
            ),
            (
                "/InclusionRules/0/expression/Count".into(),
                Some(json!(1)),
                "InclusionRules[0].expression.Count",
            ),
            (
                "/InclusionRules/0/expression/DemographicCriteriaList".into(),
                Some(json!([{"Age": {"Value": 18, "Op": "gt"}}])),
                "InclusionRules[0].expression.DemographicCriteriaList[0]",
            ),
            (
                "/InclusionRules/0/expression/Groups".into(),
                Some(json!([{"Type": "ALL", "CriteriaList": []}])),
                "InclusionRules[0].expression.Groups[0]",
            ),
            (
                "/InclusionRules/0/expression/Groups".into(),
                Some(json!(null)),
                "InclusionRules[0].expression.Groups",
            ),
            (
                "/CensoringCriteria".into(),
                Some(json!([{"Death": {}}])),
                "CensoringCriteria[0]",
            ),
            (
                "/CensorWindow/StartDate".into(),
                Some(json!("2015-01-01")),
                "CensorWindow.StartDate",
            ),
            (
                "/EndStrategy/DateOffset/Offset".into(),
                Some(json!(-1)),
                "EndStrategy.DateOffset.Offset",
            ),
            (
                "/EndStrategy/DateOffset/DateField".into(),
                Some(json!("MidDate")),
                "EndStrategy.DateOffset.DateField",
            ),
            (
                "/EndStrategy/CustomEra".into(),
                Some(json!({"DrugCodesetId": 1})),
                "EndStrategy",
            ),
            (
                "/CollapseSettings/CollapseType".into(),
                Some(json!("NONE")),
                "CollapseSettings.CollapseType",
            ),
            (
                "/CollapseSettings".into(),
                Some(json!(null)),
                "CollapseSettings",
            ),
            ("/expression".into(), Some(json!({})), "expression"),
            ("/Title".into(), Some(json!(7)), "Title"),
            ("/PrimaryCriteria".into(), None, "PrimaryCriteria"),
        ];
        for (pointer, value, path) in cases {
            let e = refusal(&pointer, value.clone());
            assert_eq!(e.path, path, "{pointer} = {value:?}: {e}");
            assert!(e.to_string().starts_with(path), "{e}");
        }
        let e = import("{").expect_err("not JSON");
        assert!(matches!(e.problem, CirceProblem::Syntax(_)), "{e}");
        assert_eq!(
            refusal(&format!("{PC}/VisitType"), Some(serde_json::json!([]))).to_string(),
            "PrimaryCriteria.CriteriaList[0].ConditionOccurrence.VisitType: not supported"
        );
        let e = import_value(&serde_json::json!([])).expect_err("a list");
        assert_eq!(
            (e.path.as_str(), e.problem),
            ("", CirceProblem::Expected("an object"))
        );
    }

    #[test]
    fn circe_accepted_variants_mean_what_circe_means() {
        use serde_json::json;
        let import_edited = |edits: &[(&str, Option<Value>)]| {
            let mut v = full();
            for (pointer, value) in edits {
                let (parent, key) = pointer.rsplit_once('/').expect("a pointer");
                let target = v.pointer_mut(parent).expect("a parent");
                let m = target.as_object_mut().expect("an object");
                match value {
                    Some(new) => m.insert((*key).to_owned(), new.clone()),
                    None => m.remove(key),
                };
            }
            import_value(&v).unwrap_or_else(|e| panic!("{edits:?}: {e}"))
        };
        let age = |op: &str, value: u32| {
            let d = import_edited(&[(
                &format!("{PC}/Age"),
                Some(json!({"Value": value, "Op": op})),
            )]);
            (d.age_min, d.age_max)
        };
        assert_eq!(age("gt", 39), (Some(40), None));
        assert_eq!(age("gte", 40), (Some(40), None));
        assert_eq!(age("lt", 65), (None, Some(64)));
        assert_eq!(age("lte", 64), (None, Some(64)));
        assert_eq!(age("eq", 50), (Some(50), Some(50)));
        let period = |op: &str, value: &str| {
            let d = import_edited(&[(
                &format!("{PC}/OccurrenceStartDate"),
                Some(json!({"Value": value, "Op": op})),
            )]);
            (d.period_start, d.period_end)
        };
        assert_eq!(period("gt", "2009-12-31"), (Some(14_610), None));
        assert_eq!(period("gte", "2010-01-01"), (Some(14_610), None));
        assert_eq!(period("lt", "2020-01-01"), (None, Some(18_261)));
        assert_eq!(period("lte", "1970-01-01"), (None, Some(0)));
        assert_eq!(period("eq", "1969-12-31"), (Some(-1), Some(-1)));
        assert_eq!(period("gte", "2000-02-29"), (Some(11_016), None));

        // Circe's defaults: a missing limit is First; nulls and empty lists where Circe reads them as absent.
        let d = import_edited(&[
            ("/QualifiedLimit", None),
            ("/ExpressionLimit", Some(json!({}))),
            ("/PrimaryCriteria/PrimaryCriteriaLimit", None),
            ("/EndStrategy", None),
            ("/CollapseSettings", None),
            ("/CensorWindow", None),
            ("/CensoringCriteria", Some(json!(null))),
            ("/cdmVersionRange", None),
            (&format!("{PC}/Gender"), Some(json!([]))),
            (&format!("{PC}/Age"), Some(json!(null))),
            ("/PrimaryCriteria/ObservationWindow/PostDays", None),
        ]);
        assert_eq!((d.sex, d.age_min, d.age_max), (None, None, None));
        assert_eq!(d.rules, expected().rules);

        // All events: no First anywhere.
        let d = import_edited(&[
            (&format!("{PC}/First"), Some(json!(false))),
            (
                "/PrimaryCriteria/PrimaryCriteriaLimit",
                Some(json!({"Type": "All"})),
            ),
            ("/QualifiedLimit", Some(json!({"Type": "ALL"}))),
            ("/ExpressionLimit", Some(json!({"Type": "all"}))),
        ]);
        assert!(!d.first_only);
        // First on the criterion with an All primary limit is the same question.
        let d = import_edited(&[(
            "/PrimaryCriteria/PrimaryCriteriaLimit",
            Some(json!({"Type": "All"})),
        )]);
        assert_eq!(d, expected());

        let d = import_edited(&[(
            "/EndStrategy",
            Some(
                json!({"CustomEra": {"DrugCodesetId": 1, "GapDays": 30, "Offset": 0, "DaysSupplyOverride": null}}),
            ),
        )]);
        assert_eq!(d, expected());
        let d = import_edited(&[(
            "/EndStrategy",
            Some(json!({"DateOffset": {"DateField": "EndDate", "Offset": 0}})),
        )]);
        assert_eq!(d, expected());

        // At most 0 is exactly 0; an empty rule holds for every event.
        let mut v = full();
        *v.pointer_mut(&format!("{RULE}/Occurrence"))
            .expect("occurrence") = json!({"Type": 1, "Count": 0});
        let d = import_value(&v).expect("at most 0");
        assert_eq!((d.rules[0].has, d.rules[0].times), (false, 1));
        *v.pointer_mut("/InclusionRules/1/expression/CriteriaList")
            .expect("list") = json!([]);
        assert_eq!(import_value(&v).expect("an empty rule").rules.len(), 2);
    }

    /// The folder of example definitions.
    fn examples_dir() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/circe")
    }

    fn examples() -> Vec<(String, String)> {
        let mut files: Vec<(String, String)> = std::fs::read_dir(examples_dir())
            .expect("tests/circe")
            .map(|e| e.expect("an entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .map(|p| {
                let name = p
                    .file_name()
                    .expect("a name")
                    .to_string_lossy()
                    .into_owned();
                (name, std::fs::read_to_string(&p).expect("readable"))
            })
            .collect();
        files.sort();
        files
    }

    #[test]
    fn circe_every_example_imports_and_together_they_use_every_element() {
        let files = examples();
        assert!(files.len() >= 12, "{} examples", files.len());
        let vocabulary = crate::vocabulary::Vocabulary::built_in();
        let mut seen = std::collections::BTreeSet::new();
        for (name, text) in &files {
            let d = import(text).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(d.check().is_ok(), "{name}");
            let v: Value = serde_json::from_str(text).expect("JSON");
            for key in [
                "ConceptSets",
                "PrimaryCriteria",
                "QualifiedLimit",
                "ExpressionLimit",
                "InclusionRules",
                "CensoringCriteria",
                "CollapseSettings",
                "CensorWindow",
                "cdmVersionRange",
            ] {
                assert!(v.get(key).is_some(), "{name}: ATLAS writes {key}");
            }
            let criteria = std::iter::once(&d.index).chain(d.rules.iter().map(|r| &r.criterion));
            for c in criteria {
                for id in &c.concepts.concepts {
                    let concept = vocabulary
                        .concept(*id)
                        .unwrap_or_else(|| panic!("{name}: concept {id}"));
                    assert_eq!(
                        concept.domain,
                        c.domain.omop_domain(),
                        "{name}: concept {id}"
                    );
                }
                seen.insert(format!("descendants {}", c.concepts.descendants));
            }
            seen.insert(format!("index {}", d.index.domain.as_str()));
            seen.insert(format!("first {}", d.first_only));
            let body = &v["PrimaryCriteria"]["CriteriaList"][0];
            let body = body
                .as_object()
                .and_then(|m| m.values().next())
                .expect("a criterion");
            if let Some(op) = body.pointer("/Age/Op").and_then(Value::as_str) {
                seen.insert(format!("age {op}"));
            }
            if d.sex.is_some() {
                seen.insert("sex".into());
            }
            if let Some(op) = body
                .pointer("/OccurrenceStartDate/Op")
                .and_then(Value::as_str)
            {
                seen.insert(format!("date {op}"));
            }
            if d.prior_observation_days > 0 {
                seen.insert("prior days".into());
            }
            for r in &d.rules {
                seen.insert(format!("rule {}", r.criterion.domain.as_str()));
                seen.insert(match (r.has, r.times) {
                    (true, _) => "at least".into(),
                    (false, 1) => "none".into(),
                    (false, _) => "at most".into(),
                });
                if r.window.end < 0 {
                    seen.insert("before".into());
                }
                if r.window.start >= 0 {
                    seen.insert("after".into());
                }
            }
        }
        let mut want: Vec<String> = vec![
            "descendants true",
            "descendants false",
            "first true",
            "first false",
            "sex",
            "prior days",
            "at least",
            "none",
            "at most",
            "before",
            "after",
        ]
        .into_iter()
        .map(String::from)
        .collect();
        for d in Domain::ALL {
            want.push(format!("index {}", d.as_str()));
            want.push(format!("rule {}", d.as_str()));
        }
        for op in ["gt", "gte", "lt", "lte", "eq", "bt"] {
            want.push(format!("age {op}"));
        }
        for op in ["gt", "gte", "lt", "lte", "bt"] {
            want.push(format!("date {op}"));
        }
        let missing: Vec<&String> = want.iter().filter(|w| !seen.contains(*w)).collect();
        assert!(missing.is_empty(), "not used by any example: {missing:?}");
    }

    /// Every key accepted anywhere, so that a random key is surely not one of them.
    const ACCEPTED: &[&str] = &[
        "ConceptSets",
        "PrimaryCriteria",
        "AdditionalCriteria",
        "QualifiedLimit",
        "ExpressionLimit",
        "InclusionRules",
        "EndStrategy",
        "CensoringCriteria",
        "CollapseSettings",
        "CensorWindow",
        "cdmVersionRange",
        "Title",
        "id",
        "name",
        "expression",
        "items",
        "concept",
        "isExcluded",
        "includeDescendants",
        "includeMapped",
        "CONCEPT_ID",
        "CONCEPT_NAME",
        "CONCEPT_CODE",
        "DOMAIN_ID",
        "VOCABULARY_ID",
        "CONCEPT_CLASS_ID",
        "STANDARD_CONCEPT",
        "STANDARD_CONCEPT_CAPTION",
        "INVALID_REASON",
        "INVALID_REASON_CAPTION",
        "VALID_START_DATE",
        "VALID_END_DATE",
        "CriteriaList",
        "ObservationWindow",
        "PrimaryCriteriaLimit",
        "ConditionOccurrence",
        "DrugExposure",
        "ProcedureOccurrence",
        "Measurement",
        "CodesetId",
        "First",
        "Age",
        "Gender",
        "OccurrenceStartDate",
        "Value",
        "Op",
        "Extent",
        "PriorDays",
        "PostDays",
        "Type",
        "description",
        "Count",
        "DemographicCriteriaList",
        "Groups",
        "Criteria",
        "StartWindow",
        "EndWindow",
        "Occurrence",
        "RestrictVisit",
        "IgnoreObservationPeriod",
        "Start",
        "End",
        "UseEventEnd",
        "UseIndexEnd",
        "Days",
        "Coeff",
        "IsDistinct",
        "CountColumn",
        "StartDate",
        "EndDate",
        "DateOffset",
        "CustomEra",
        "DateField",
        "Offset",
        "DrugCodesetId",
        "GapDays",
        "DaysSupplyOverride",
        "CollapseType",
        "EraPad",
    ];

    /// Keys of Circe's that Samverkan reads nowhere.
    const CIRCE_ONLY: &[&str] = &[
        "VisitType",
        "ConditionType",
        "ConditionTypeExclude",
        "ConditionStatus",
        "ProviderSpecialty",
        "CorrelatedCriteria",
        "DateAdjustment",
        "OccurrenceEndDate",
        "GenderCS",
        "Unit",
        "ValueAsNumber",
        "ValueAsConcept",
        "RangeLow",
        "RangeHigh",
        "Abnormal",
        "DrugType",
        "DaysSupply",
        "Quantity",
        "ConditionSourceConcept",
        "StopReason",
        "RaceCS",
        "AgeAtStart",
        "VisitOccurrence",
        "Death",
    ];

    /// A place in a JSON document: how to reach it, as a pointer and as the path errors name.
    #[derive(Debug, Clone)]
    struct Place {
        pointer: String,
        path: String,
    }

    /// Every object in a document.
    fn objects(v: &Value, here: Place, out: &mut Vec<Place>) {
        match v {
            Value::Object(m) => {
                out.push(here.clone());
                for (k, child) in m {
                    let place = Place {
                        pointer: format!("{}/{k}", here.pointer),
                        path: join(&here.path, k),
                    };
                    objects(child, place, out);
                }
            }
            Value::Array(a) => {
                for (i, child) in a.iter().enumerate() {
                    let place = Place {
                        pointer: format!("{}/{i}", here.pointer),
                        path: at(&here.path, i),
                    };
                    objects(child, place, out);
                }
            }
            _ => {}
        }
    }

    fn documents() -> Vec<(String, Value, Vec<Place>)> {
        let mut docs = vec![("FULL".to_owned(), FULL.to_owned())];
        docs.extend(examples());
        docs.into_iter()
            .map(|(name, text)| {
                let v: Value = serde_json::from_str(&text).expect("JSON");
                let mut places = Vec::new();
                objects(
                    &v,
                    Place {
                        pointer: String::new(),
                        path: String::new(),
                    },
                    &mut places,
                );
                (name, v, places)
            })
            .collect()
    }

    fn any_json() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            "[a-zA-Z0-9 -]{0,12}".prop_map(Value::from),
        ];
        leaf.prop_recursive(2, 8, 3, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..3).prop_map(Value::Array),
                prop::collection::btree_map("[A-Za-z]{1,8}", inner, 0..3)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    fn key_strategy() -> impl Strategy<Value = String> {
        prop_oneof![
            prop::sample::select(CIRCE_ONLY).prop_map(str::to_owned),
            "[A-Za-z_][A-Za-z0-9_]{0,15}"
                .prop_filter("a key read somewhere", |k| !ACCEPTED.contains(&k.as_str())),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn circe_any_extra_key_is_refused_with_its_path(
            doc in any::<prop::sample::Index>(),
            place in any::<prop::sample::Index>(),
            key in key_strategy(),
            value in any_json(),
        ) {
            let docs = documents();
            let (name, v, places) = &docs[doc.index(docs.len())];
            prop_assert!(import_value(v).is_ok(), "{} imports as it is", name);
            let place = &places[place.index(places.len())];
            let mut v = v.clone();
            let target = if place.pointer.is_empty() { Some(&mut v) } else { v.pointer_mut(&place.pointer) };
            let map = target.and_then(Value::as_object_mut).expect("an object");
            prop_assume!(!map.contains_key(&key));
            map.insert(key.clone(), value);
            let e = import_value(&v).expect_err("an extra key");
            prop_assert_eq!(e.path, join(&place.path, &key), "{}", name);
            prop_assert_eq!(e.problem, CirceProblem::NotSupported);
        }

        #[test]
        fn circe_any_changed_value_is_imported_or_refused_never_a_panic(
            doc in any::<prop::sample::Index>(),
            place in any::<prop::sample::Index>(),
            member in any::<prop::sample::Index>(),
            value in any_json(),
            remove in any::<bool>(),
        ) {
            let docs = documents();
            let (_, v, places) = &docs[doc.index(docs.len())];
            // Any node under an object: an object's member, replaced or removed.
            let place = &places[place.index(places.len())];
            let mut v = v.clone();
            let target = if place.pointer.is_empty() { Some(&mut v) } else { v.pointer_mut(&place.pointer) };
            let map = target.and_then(Value::as_object_mut).expect("an object");
            let keys: Vec<String> = map.keys().cloned().collect();
            prop_assume!(!keys.is_empty());
            let key = &keys[member.index(keys.len())];
            if remove {
                map.remove(key);
            } else {
                map.insert(key.clone(), value);
            }
            match import_value(&v) {
                Ok(d) => prop_assert!(d.check().is_ok()),
                Err(e) => prop_assert!(!e.to_string().is_empty()),
            }
        }

        #[test]
        fn circe_dates_count_days_like_a_calendar(days in -700_000i32..2_900_000) {
            // Walk back from the day number to a date and read it again.
            let z = days + 719_468;
            let era = z.div_euclid(146_097);
            let doe = z.rem_euclid(146_097);
            let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
            let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
            let mp = (5 * doy + 2) / 153;
            let d = doy - (153 * mp + 2) / 5 + 1;
            let m = if mp < 10 { mp + 3 } else { mp - 9 };
            let y = yoe + era * 400 + i32::from(m <= 2);
            prop_assume!((1..=9999).contains(&y));
            let text = format!("{y:04}-{m:02}-{d:02}");
            prop_assert_eq!(date(&Value::from(text), "x"), Ok(days));
        }
    }
}
