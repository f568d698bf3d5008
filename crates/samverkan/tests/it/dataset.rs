//! The built-in Stockholm data set: valid, complete in both languages, and true to what the seeds state.

use domain::{ActorKind, OwnershipForm, RelationKind, Slug};

fn slug(s: &str) -> Slug {
    Slug::parse(s).expect("valid slug")
}

#[test]
fn the_built_in_data_set_is_valid() {
    // Dataset::parse checks unique slugs, resolving references, both languages and the vocabularies.
    let data = samverkan::stockholm_dataset().unwrap_or_else(|problems| {
        panic!(
            "data set problems:\n{}",
            problems
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        )
    });
    assert!(
        data.actors.len() >= 35,
        "at least 35 actors, got {}",
        data.actors.len()
    );
    for a in &data.actors {
        assert!(
            a.name.is_complete() && a.description.is_complete(),
            "{} lacks a language",
            a.slug
        );
    }
    for c in &data.campuses {
        assert!(
            c.name.is_complete() && c.description.is_complete(),
            "{} lacks a language",
            c.slug
        );
    }
}

#[test]
fn the_organisations_named_in_the_seeds_are_present() {
    let data = samverkan::stockholm_dataset().expect("valid");
    let required = [
        "region-stockholm",
        "programkontoret-life-science",
        "centrum-for-halsodata",
        "karolinska-universitetssjukhuset",
        "karolinska-institutet",
        "kth",
        "stockholms-universitet",
        "ki-holding",
        "karolinska-institutet-science-park",
        "stiftelsen-flemingsberg-science",
        "huddinge-kommun",
        "akademiska-hus",
        "a-working-lab",
        "locum",
        "ana-futura",
        "vecura",
        "karolinska-centrum-for-cellterapi",
        "pre-gmp-labbet",
        "scilifelab",
        "cimed",
        "bioclinicum",
        "medtechlabs",
        "biomedicum",
        "centrum-for-molekylar-medicin",
        "karolinska-trial-alliance",
        "human-protein-atlas",
        "pku-biobanken",
        "svenska-tvillingregistret",
        "biolamina",
        "stockholm-life-tech",
        "cluster-engine-life-science-flemingsberg",
    ];
    for s in required {
        assert!(
            data.actors.iter().any(|a| a.slug.as_str() == s),
            "missing actor {s}"
        );
    }
    for c in ["flemingsberg", "solna", "kista"] {
        assert!(
            data.campuses.iter().any(|x| x.slug.as_str() == c),
            "missing campus {c}"
        );
    }
}

#[test]
fn relations_and_facts_stated_in_the_seeds_hold() {
    let data = samverkan::stockholm_dataset().expect("valid");
    let has = |from: &str, kind: RelationKind, to: &str| {
        data.relations
            .iter()
            .any(|r| r.from == slug(from) && r.kind == kind && r.to == slug(to))
    };
    assert!(has(
        "ana-futura",
        RelationKind::PartOf,
        "karolinska-institutet"
    ));
    assert!(has("akademiska-hus", RelationKind::Runs, "a-working-lab"));
    assert!(
        has(
            "vecura",
            RelationKind::PartOf,
            "karolinska-universitetssjukhuset"
        ) || (has(
            "vecura",
            RelationKind::PartOf,
            "karolinska-centrum-for-cellterapi"
        ) && has(
            "karolinska-centrum-for-cellterapi",
            RelationKind::PartOf,
            "karolinska-universitetssjukhuset"
        ))
    );
    for pilot in ["ana-futura", "vecura", "a-working-lab"] {
        assert!(
            has(pilot, RelationKind::PartnerInProject, "stockholm-life-tech"),
            "{pilot} in Stockholm Life Tech"
        );
    }
    let actor = |s: &str| {
        data.actors
            .iter()
            .find(|a| a.slug.as_str() == s)
            .expect("actor")
    };
    assert!(actor("biolamina").campuses.contains(&slug("flemingsberg")));
    assert!(
        actor("a-working-lab")
            .campuses
            .contains(&slug("flemingsberg"))
    );
    // The three pilots have the three ownership forms the seed describes.
    assert_eq!(
        actor("ana-futura").ownership,
        Some(OwnershipForm::StateAgency)
    );
    assert_eq!(actor("vecura").ownership, Some(OwnershipForm::Region));
    assert_eq!(
        actor("a-working-lab").ownership,
        Some(OwnershipForm::StateOwnedCompany)
    );
    assert_eq!(
        actor("locum").ownership,
        Some(OwnershipForm::RegionOwnedCompany)
    );
    assert_eq!(actor("stockholm-life-tech").kind, ActorKind::Project);
    // Facts the seeds do not give are left empty, not invented.
    assert!(
        data.actors
            .iter()
            .all(|a| a.org_number.is_none() && a.address.is_none())
    );
}

#[test]
fn the_built_in_events_meeting_places_and_news_are_valid() {
    let h = samverkan::stockholm_events().unwrap_or_else(|problems| {
        panic!(
            "problems:\n{}",
            problems
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        )
    });
    assert!(!h.events.is_empty() && !h.places.is_empty() && !h.news.is_empty());
    for e in &h.events {
        assert!(
            e.title.is_complete() && e.description.is_complete(),
            "{}",
            e.slug
        );
        assert!(e.source.is_some(), "{} says which seed states it", e.slug);
    }
    assert!(
        h.places
            .iter()
            .any(|p| p.slug.as_str().starts_with("a-working-lab"))
    );
}

#[test]
fn the_example_follow_up_year_reports_only_on_example_measures() {
    let example = samverkan::stockholm_follow_up().unwrap_or_else(|problems| {
        panic!(
            "problems:\n{}",
            problems
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        )
    });
    let strategy = samverkan::stockholm_strategy().expect("strategy");
    assert!(!example.reports.is_empty() && !example.assessments.is_empty());
    for (code, _, narrative) in &example.reports {
        let m = strategy
            .measures
            .iter()
            .find(|m| m.code == *code)
            .expect("measure");
        assert!(m.example, "{code} is an example measure");
        assert!(narrative.sv.starts_with("Exempeldata."));
        assert!(narrative.en.is_empty() || narrative.en.starts_with("Example data."));
    }
    // A report on one of the region's own measures, an unknown area and a text in one language are refused.
    let bad = samverkan::STOCKHOLM_FOLLOW_UP
        .replacen("measure = \"1.2\"", "measure = \"1.1\"", 1)
        .replacen("area = \"halsodata\"", "area = \"no-such-area\"", 1)
        .replacen("changes_en = \"\"", "changes_en = \"Only in English.\"", 1);
    let problems = domain::followup::ExampleFollowUp::parse(&bad, &strategy)
        .expect_err("refused")
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n");
    for said in [
        "one of the region's own",
        "unknown focus area \"no-such-area\"",
        "write both languages or neither",
    ] {
        assert!(problems.contains(said), "{said}: {problems}");
    }
}
