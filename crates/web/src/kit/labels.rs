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
