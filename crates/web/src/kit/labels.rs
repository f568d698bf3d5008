//! The words for the closed vocabularies, in the page's language: kinds of actor, ownership forms, relations.

use domain::{ActorKind, OwnershipForm, RelationKind};
use i18n::Tr;
use store::RelationDirection;

/// "University" / "Universitet".
pub fn kind_label(t: Tr, kind: ActorKind) -> String {
    t.t(&format!("kind-{kind}"))
}

/// The plural: "Universities".
pub fn kinds_label(t: Tr, kind: ActorKind) -> String {
    t.t(&format!("kinds-{kind}"))
}

/// "State agency" / "Statlig myndighet".
pub fn ownership_label(t: Tr, o: OwnershipForm) -> String {
    t.t(&format!("ownership-{o}"))
}

/// A relation read from one side: "part of" / "has as part".
pub fn relation_label(t: Tr, kind: RelationKind, dir: RelationDirection) -> String {
    let suffix = match dir {
        RelationDirection::Outgoing => "out",
        RelationDirection::Incoming => "in",
    };
    t.t(&format!("relation-{kind}-{suffix}"))
}

/// A privacy budget or cost as the page's language writes numbers ("1,5" in Swedish, "1.5" in English). The API
/// keeps the plain form.
pub fn epsilon_text(t: Tr, e: health::disclosure::Epsilon) -> String {
    t.number(e.milli() as f64 / 1000.0)
}
