//! Actors of the ecosystem, the campuses they sit on and the typed relations between them.

use crate::{Coordinates, Email, LangText, Slug, WebUrl};
use serde::Serialize;

vocabulary! {
    /// What kind of organisation an actor is.
    ActorKind {
        /// A university or university college.
        University = "university",
        /// A hospital or other care provider.
        Hospital = "hospital",
        /// A small or medium-sized company.
        CompanySme = "company_sme",
        /// A large company.
        CompanyLarge = "company_large",
        /// A research infrastructure or testbed that offers services.
        Infrastructure = "infrastructure",
        /// An incubator, science park or innovation environment.
        Incubator = "incubator",
        /// A funder or investor.
        Funder = "funder",
        /// A public authority: region, municipality, agency or government.
        PublicAuthority = "public_authority",
        /// A foundation.
        Foundation = "foundation",
        /// A patient organisation.
        PatientOrganisation = "patient_organisation",
        /// A real-estate owner.
        RealEstate = "real_estate",
        /// A time-limited project.
        Project = "project",
    }
}

vocabulary! {
    /// A company's size class by the EU's definition of small and medium-sized enterprises (its staff).
    SizeClass {
        /// Fewer than 10 people.
        Micro = "micro",
        /// 10 to 49 people.
        Small = "small",
        /// 50 to 249 people.
        Medium = "medium",
        /// 250 people or more.
        Large = "large",
    }
}

impl SizeClass {
    /// The kind of actor a company of this size is: small and medium-sized, or large.
    pub fn kind(self) -> ActorKind {
        match self {
            SizeClass::Large => ActorKind::CompanyLarge,
            _ => ActorKind::CompanySme,
        }
    }
}

vocabulary! {
    /// Who owns an actor; this decides the legal path into an infrastructure (secrecy, procurement, municipal law).
    OwnershipForm {
        /// A state agency, such as a state university.
        StateAgency = "state_agency",
        /// A region, such as Region Stockholm and its hospitals.
        Region = "region",
        /// A municipality.
        Municipality = "municipality",
        /// A company owned by the state.
        StateOwnedCompany = "state_owned_company",
        /// A company owned by a region or municipality.
        RegionOwnedCompany = "region_owned_company",
        /// Privately owned.
        Private = "private",
        /// A foundation.
        Foundation = "foundation",
    }
}

vocabulary! {
    /// The type of a relation, read from the first actor to the second ("ANA Futura is part of KI").
    RelationKind {
        /// The first actor is a part or unit of the second.
        PartOf = "part_of",
        /// The first actor is located in the second's premises.
        LocatedAt = "located_at",
        /// The first actor hosts the second.
        Hosts = "hosts",
        /// The two actors collaborate (symmetric in meaning).
        CollaboratesWith = "collaborates_with",
        /// The first actor funds the second.
        Funds = "funds",
        /// The first actor was spun off from the second.
        SpinOffOf = "spin_off_of",
        /// The first actor is a member of the second.
        MemberOf = "member_of",
        /// The first actor is a partner in the second (a project).
        PartnerInProject = "partner_in_project",
        /// The first actor owns the second.
        Owns = "owns",
        /// The first actor runs (operates) the second.
        Runs = "runs",
    }
}

/// A competence tag with labels in both languages.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tag {
    /// Stable identifier.
    pub slug: Slug,
    /// Label in Swedish and English.
    pub label: LangText,
}

/// A campus or area where actors are located (Flemingsberg, Solna/Hagastaden, Kista...).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Campus {
    /// Stable identifier.
    pub slug: Slug,
    /// Name in both languages.
    pub name: LangText,
    /// The municipality the campus lies in, when known.
    pub municipality: Option<String>,
    /// Description in both languages.
    pub description: LangText,
    /// A central point of the campus, when known.
    pub coordinates: Option<Coordinates>,
}

/// A person to contact at an actor.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContactPerson {
    /// Full name.
    pub name: String,
    /// Role or title in both languages.
    pub role: LangText,
    /// E-mail address, when published.
    pub email: Option<Email>,
}

/// An organisation in the ecosystem.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Actor {
    /// Stable identifier used in URLs.
    pub slug: Slug,
    /// Name in both languages.
    pub name: LangText,
    /// The abbreviation people use (KI, KTH), if any.
    pub short_name: Option<String>,
    /// What kind of organisation it is.
    pub kind: ActorKind,
    /// Ownership form, when known.
    pub ownership: Option<OwnershipForm>,
    /// Description in both languages.
    pub description: LangText,
    /// Official web site.
    pub website: Option<WebUrl>,
    /// Swedish organisation number, when known; the preferred stable key for imports.
    pub org_number: Option<String>,
    /// Street address, when known.
    pub address: Option<String>,
    /// Location, when known.
    pub coordinates: Option<Coordinates>,
    /// Slugs of the campuses the actor is on.
    pub campuses: Vec<Slug>,
    /// Slugs of the actor's competence tags.
    pub tags: Vec<Slug>,
    /// Contact persons.
    pub contacts: Vec<ContactPerson>,
}

/// A typed edge between two actors, with the period it held and where the fact comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Relation {
    /// The actor the relation is read from.
    pub from: Slug,
    /// The type of relation.
    pub kind: RelationKind,
    /// The actor the relation points to.
    pub to: Slug,
    /// First year the relation held, when known.
    pub since: Option<i32>,
    /// Last year the relation held, when it has ended.
    pub until: Option<i32>,
    /// Where the fact comes from.
    pub source: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocabularies_round_trip() {
        for k in ActorKind::ALL {
            assert_eq!(ActorKind::parse(k.as_str()), Some(*k));
        }
        for o in OwnershipForm::ALL {
            assert_eq!(OwnershipForm::parse(o.as_str()), Some(*o));
        }
        for r in RelationKind::ALL {
            assert_eq!(RelationKind::parse(r.as_str()), Some(*r));
        }
        assert_eq!(ActorKind::parse("University"), None);
    }
}
