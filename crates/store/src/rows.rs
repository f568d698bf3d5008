//! Reading rows and binding dynamic arguments, shared by every repository module.

use crate::StoreError;
use domain::{LangText, Slug};
use sqlx::any::{AnyArguments, AnyRow};
use sqlx::query::Query;
use sqlx::{Any, Row};

/// Reads a column, turning a type mismatch into a store error that names the column.
pub(crate) fn get<'r, T>(row: &'r AnyRow, column: &str) -> Result<T, StoreError>
where
    T: sqlx::Decode<'r, Any> + sqlx::Type<Any>,
{
    row.try_get(column)
        .map_err(|e| StoreError::Corrupt(format!("column {column}: {e}")))
}

/// Reads a slug column.
pub(crate) fn slug(row: &AnyRow, column: &str) -> Result<Slug, StoreError> {
    let text: String = get(row, column)?;
    Slug::parse(&text).map_err(|e| StoreError::Corrupt(format!("column {column}: {e}: {text:?}")))
}

/// Reads the `{prefix}_sv` and `{prefix}_en` columns as one bilingual text.
pub(crate) fn lang_text(row: &AnyRow, prefix: &str) -> Result<LangText, StoreError> {
    Ok(LangText::new(
        get::<String>(row, &format!("{prefix}_sv"))?,
        get::<String>(row, &format!("{prefix}_en"))?,
    ))
}

/// Reads an optional text column, treating an empty string as absent.
/// A year in an integer column that may be null.
pub(crate) fn opt_year(row: &AnyRow, column: &str) -> Result<Option<i32>, StoreError> {
    get::<Option<i64>>(row, column)?
        .map(|y| {
            i32::try_from(y)
                .map_err(|_| StoreError::Corrupt(format!("year out of range in {column}")))
        })
        .transpose()
}

pub(crate) fn opt_text(row: &AnyRow, column: &str) -> Result<Option<String>, StoreError> {
    Ok(get::<Option<String>>(row, column)?.filter(|s| !s.is_empty()))
}

/// A value bound to a placeholder of a query built at run time.
#[derive(Debug, Clone)]
pub(crate) enum Arg {
    Text(String),
    Int(i64),
}

/// A query assembled from optional parts; placeholders are numbered `$1, $2...` in the order pushed.
#[derive(Debug, Default)]
pub(crate) struct Sql {
    pub text: String,
    args: Vec<Arg>,
}

impl Sql {
    pub fn new(text: &str) -> Sql {
        Sql {
            text: text.to_owned(),
            args: Vec::new(),
        }
    }

    /// Appends SQL text.
    pub fn push(&mut self, text: &str) -> &mut Self {
        self.text.push_str(text);
        self
    }

    /// Appends a placeholder bound to `arg`.
    pub fn bind(&mut self, arg: Arg) -> &mut Self {
        self.args.push(arg);
        self.text.push_str(&format!("${}", self.args.len()));
        self
    }

    /// Appends a comma-separated list of placeholders bound to `ids` (for `IN (...)`).
    pub fn bind_ints(&mut self, ids: &[i64]) -> &mut Self {
        for (i, id) in ids.iter().enumerate() {
            if i > 0 {
                self.text.push_str(", ");
            }
            self.bind(Arg::Int(*id));
        }
        self
    }

    /// The query with every argument bound.
    pub fn query(&self) -> Query<'_, Any, AnyArguments<'_>> {
        let mut q = sqlx::query(&self.text);
        for arg in &self.args {
            q = match arg {
                Arg::Text(s) => q.bind(s.as_str()),
                Arg::Int(i) => q.bind(*i),
            };
        }
        q
    }
}

/// True when `e` is a unique-constraint violation.
pub(crate) fn is_unique_violation(e: &sqlx::Error) -> bool {
    e.as_database_error()
        .is_some_and(|d| d.kind() == sqlx::error::ErrorKind::UniqueViolation)
}

/// Maps a unique-constraint violation to `Conflict(field)` and anything else to a query error.
pub(crate) fn unique_as(field: &'static str) -> impl FnOnce(sqlx::Error) -> StoreError {
    move |e| {
        if is_unique_violation(&e) {
            StoreError::Conflict(field)
        } else {
            e.into()
        }
    }
}
