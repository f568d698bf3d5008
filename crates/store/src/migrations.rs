//! The two migration trees, embedded in the binary. Files are never edited after they ship; a change is a new file
//! in both trees with the same version number.

use sqlx::error::BoxDynError;
use sqlx::migrate::{Migration, MigrationSource, MigrationType};
use std::borrow::Cow;

/// An embedded migration tree: `(version, description, sql)` in version order.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Embedded(&'static [(i64, &'static str, &'static str)]);

macro_rules! tree {
    ($dir:literal: $($version:literal $name:literal),+ $(,)?) => {
        Embedded(&[$(($version, $name, include_str!(concat!("../migrations/", $dir, "/", $version, "_", $name, ".sql")))),+])
    };
}

/// The SQLite tree.
pub(crate) const SQLITE: Embedded = tree!("sqlite": 20261123000001 "atlas", 20261123000002 "accounts", 20261123000003 "sign_in_and_mail", 20261123000004 "accessibility_reports", 20261123000005 "way_in", 20261123000006 "search_changes", 20261123000007 "strategy", 20261123000008 "search_strategy", 20261123000009 "follow_up", 20261123000010 "meeting_places", 20261123000011 "posts", 20261123000012 "search_meeting_places", 20261123000013 "working_groups", 20261123000014 "matchmaking", 20261206000015 "token_scopes_and_mail_limits", 20261206000016 "plans", 20261206000017 "example_follow_up", 20261206000018 "self_service", 20261206000019 "news_images", 20261206000020 "health_data", 20261206000021 "health_sources", 20261206000022 "health_applications", 20261206000023 "health_outputs", 20261206000024 "site_secrets", 20261206000025 "leases_and_notices");
/// The PostgreSQL tree.
pub(crate) const POSTGRES: Embedded = tree!("postgres": 20261123000001 "atlas", 20261123000002 "accounts", 20261123000003 "sign_in_and_mail", 20261123000004 "accessibility_reports", 20261123000005 "way_in", 20261123000006 "search_changes", 20261123000007 "strategy", 20261123000008 "search_strategy", 20261123000009 "follow_up", 20261123000010 "meeting_places", 20261123000011 "posts", 20261123000012 "search_meeting_places", 20261123000013 "working_groups", 20261123000014 "matchmaking", 20261206000015 "token_scopes_and_mail_limits", 20261206000016 "plans", 20261206000017 "example_follow_up", 20261206000018 "self_service", 20261206000019 "news_images", 20261206000020 "health_data", 20261206000021 "health_sources", 20261206000022 "health_applications", 20261206000023 "health_outputs", 20261206000024 "site_secrets", 20261206000025 "leases_and_notices");

impl MigrationSource<'static> for Embedded {
    fn resolve(
        self,
    ) -> futures_core::future::BoxFuture<'static, Result<Vec<Migration>, BoxDynError>> {
        Box::pin(async move {
            Ok(self
                .0
                .iter()
                .map(|(version, name, sql)| {
                    Migration::new(
                        *version,
                        Cow::Borrowed(*name),
                        MigrationType::Simple,
                        Cow::Borrowed(*sql),
                        false,
                    )
                })
                .collect())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_trees_have_the_same_versions() {
        let versions = |t: Embedded| t.0.iter().map(|(v, n, _)| (*v, *n)).collect::<Vec<_>>();
        assert_eq!(versions(SQLITE), versions(POSTGRES));
    }
}
