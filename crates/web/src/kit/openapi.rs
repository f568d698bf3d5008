//! Schemas for the OpenAPI document that say exactly what the server accepts: slug patterns, the closed
//! vocabularies from `domain`, text limits. A client (or a fuzzer) that follows the document sends only what
//! the server takes; what the server refuses, the document does not allow.

use domain::catalogue::{PremisesUse, PricingModel, ServiceCategory};
use domain::search::DocKind;
use domain::{ActorKind, Lang, OwnershipForm};
use utoipa::openapi::schema::{Object, ObjectBuilder, Type};

/// The pattern of a slug (`domain::Slug`): lowercase ASCII letters and digits with single inner hyphens.
pub const SLUG_PATTERN: &str = "^[a-z0-9]+(-[a-z0-9]+)*$";

/// Free text in a query string: no NUL (which PostgreSQL cannot store) and no U+FFFD (what broken UTF-8 decodes
/// to), with at least one visible character (blank values count as absent).
pub const QUERY_TEXT_PATTERN: &str = "^[^\\u0000\\uFFFD]*[^\\s\\u0000\\uFFFD][^\\u0000\\uFFFD]*$";

/// Text in a JSON body that must hold something visible and no NUL.
pub const BODY_TEXT_PATTERN: &str = "^[^\\u0000]*[^\\s\\u0000][^\\u0000]*$";

/// Optional text in a JSON body: anything but NUL.
pub const NO_NUL_PATTERN: &str = "^[^\\u0000]*$";

fn string() -> ObjectBuilder {
    ObjectBuilder::new().schema_type(Type::String)
}

fn vocabulary(values: impl IntoIterator<Item = &'static str>) -> Object {
    string().enum_values(Some(values)).build()
}

/// A slug.
pub fn slug() -> Object {
    string()
        .pattern(Some(SLUG_PATTERN))
        .max_length(Some(domain::Slug::MAX_LEN))
        .build()
}

/// Query text of at most 200 characters.
pub fn text_200() -> Object {
    string()
        .pattern(Some(QUERY_TEXT_PATTERN))
        .max_length(Some(200))
        .build()
}

/// Query text of at most 100 characters.
pub fn text_100() -> Object {
    string()
        .pattern(Some(QUERY_TEXT_PATTERN))
        .max_length(Some(100))
        .build()
}

/// Query text of at most 500 characters.
pub fn text_500() -> Object {
    string()
        .pattern(Some(QUERY_TEXT_PATTERN))
        .max_length(Some(500))
        .build()
}

/// An actor kind.
pub fn actor_kind() -> Object {
    vocabulary(ActorKind::ALL.iter().map(|k| k.as_str()))
}

/// An ownership form.
pub fn ownership() -> Object {
    vocabulary(OwnershipForm::ALL.iter().map(|k| k.as_str()))
}

/// A service category.
pub fn category() -> Object {
    vocabulary(ServiceCategory::ALL.iter().map(|k| k.as_str()))
}

/// How a service is priced.
pub fn pricing() -> Object {
    vocabulary(PricingModel::ALL.iter().map(|k| k.as_str()))
}

fn integer(min: i64, max: i64) -> Object {
    ObjectBuilder::new()
        .schema_type(Type::Integer)
        .minimum(Some(min))
        .maximum(Some(max))
        .build()
}

/// A lead time in weeks that the catalogue filters on.
pub fn lead_weeks() -> Object {
    integer(1, i64::from(domain::catalogue::MAX_LEAD_TIME_WEEKS))
}

/// A price in whole Swedish kronor that the catalogue filters on.
pub fn price_sek() -> Object {
    integer(1, 1_000_000_000)
}

/// A technology readiness level, 1 to 9.
pub fn trl_level() -> Object {
    integer(1, 9)
}

/// What premises are used for.
pub fn premises_use() -> Object {
    vocabulary(PremisesUse::ALL.iter().map(|k| k.as_str()))
}

/// An access request's status.
pub fn request_status() -> Object {
    vocabulary(
        domain::access::RequestStatus::ALL
            .iter()
            .map(|k| k.as_str()),
    )
}

/// A kind of search document.
pub fn doc_kind() -> Object {
    vocabulary(DocKind::ALL.iter().map(|k| k.as_str()))
}

/// A language code.
pub fn lang() -> Object {
    vocabulary(Lang::ALL.iter().map(|l| l.code()))
}

/// The `sme` flag of the catalogue: `1` (or `on`, as a checkbox sends it) for services that welcome small
/// companies.
pub fn sme_flag() -> Object {
    vocabulary(["1", "on"])
}

/// The version of the yearly report.
pub fn report_version() -> Object {
    vocabulary(["public", "internal"])
}

/// Text in a JSON body that must hold something visible: at most 200 characters (a title).
pub fn title_200() -> Object {
    string()
        .pattern(Some(BODY_TEXT_PATTERN))
        .max_length(Some(200))
        .build()
}

/// Text in a JSON body that must hold something visible: at most 300 characters (a name).
pub fn name_300() -> Object {
    string()
        .pattern(Some(BODY_TEXT_PATTERN))
        .max_length(Some(300))
        .build()
}

/// Text in a JSON body that must hold something visible: at most 2,000 characters (a need).
pub fn need_2000() -> Object {
    string()
        .pattern(Some(BODY_TEXT_PATTERN))
        .max_length(Some(2000))
        .build()
}

/// Text in a JSON body that must hold something visible: at most 5,000 characters (a description).
pub fn description_5000() -> Object {
    string()
        .pattern(Some(BODY_TEXT_PATTERN))
        .max_length(Some(5000))
        .build()
}

/// Optional text in a JSON body of at most 300 characters, or null.
pub fn optional_300() -> Object {
    ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::SchemaType::from_iter([
            Type::String,
            Type::Null,
        ]))
        .pattern(Some(NO_NUL_PATTERN))
        .max_length(Some(300))
        .build()
}

/// Optional text in a JSON body of at most 2,000 characters.
pub fn optional_2000() -> Object {
    string()
        .pattern(Some(NO_NUL_PATTERN))
        .max_length(Some(2000))
        .build()
}

/// Optional text in a JSON body of at most 10,000 characters (a reason, a message).
pub fn optional_10000() -> Object {
    string()
        .pattern(Some(NO_NUL_PATTERN))
        .max_length(Some(10_000))
        .build()
}

/// A calendar date, `YYYY-MM-DD`.
pub fn date() -> Object {
    string()
        .format(Some(utoipa::openapi::schema::SchemaFormat::KnownFormat(
            utoipa::openapi::schema::KnownFormat::Date,
        )))
        .build()
}

/// A move of an access request.
pub fn request_move() -> Object {
    vocabulary(domain::access::Transition::ALL.iter().map(|m| m.as_str()))
}

/// A list of slugs.
pub fn slug_list() -> utoipa::openapi::schema::Array {
    utoipa::openapi::schema::ArrayBuilder::new()
        .items(slug())
        .max_items(Some(100))
        .build()
}

/// A relation's kind.
pub fn relation_kind() -> Object {
    vocabulary(domain::RelationKind::ALL.iter().map(|k| k.as_str()))
}

/// A web address the server accepts: http or https and a host name.
pub fn web_url() -> Object {
    string()
        .pattern(Some(
            "^https?://[a-z0-9]+(-[a-z0-9]+)*(\\.[a-z0-9]+(-[a-z0-9]+)*)*(/[A-Za-z0-9._~/-]*)?$",
        ))
        .max_length(Some(300))
        .build()
}

/// A Swedish organisation number as written (`NNNNNN-NNNN`); the last digit must also be the right check
/// digit, which a pattern cannot say.
pub fn org_number() -> Object {
    string().pattern(Some("^[0-9]{6}-[0-9]{4}$")).build()
}
