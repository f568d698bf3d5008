# Samverkan – English texts. Every key must also exist in sv.ftl.

## Frame
site-description = Samverkan shows the Stockholm region's life-science ecosystem: actors, relations and campuses.
site-tagline = Life science in the Stockholm region
skip-to-content = Skip to content
nav-label = Main menu
nav-home = Home
nav-actors = Actors
nav-campuses = Campuses
nav-api = Open data (API)
footer-about = Samverkan is an open platform for the Stockholm region's life-science cluster. Its content is built on public sources; facts that are not known are left empty.
footer-api = API documentation

## Home
home-title = Home
home-heading = Find your way in Stockholm's life-science ecosystem
home-lead = Universities, hospitals, research infrastructures, companies and funders – who is where, and how they connect, campus by campus.
home-search-label = Find an actor
home-search-placeholder = For example Vecura, cell therapy or KTH
search-button = Search
home-campuses = Campuses
home-kinds = Actors by kind
home-about-title = About Samverkan
home-about = Region Stockholm aims to be one of the world's five leading life-science regions. Samverkan brings the ecosystem's actors and relations together in one place, so that companies, researchers and health care find each other more easily.
stat-actors = { $count ->
    [one] 1 actor
   *[other] { $count } actors
}
stat-relations = { $count ->
    [one] 1 relation
   *[other] { $count } relations
}
stat-campuses = { $count ->
    [one] 1 campus
   *[other] { $count } campuses
}

## Actor list
actors-title = Actors
actors-lead = The organisations in the ecosystem. Filter by kind, campus, ownership form or competence.
actors-count = { $count ->
    [one] 1 actor
   *[other] { $count } actors
}
actors-count-filtered = { $count ->
    [0] No actors match the filters
    [one] 1 actor matches the filters
   *[other] { $count } actors match the filters
}
actors-none = Try removing a filter or searching for a shorter word.
filters-title = Filters
filter-text = Name contains
filter-kind = Kind
filter-campus = Campus
filter-ownership = Ownership
filter-tag = Competence
filter-any = All
filter-apply = Show
filter-clear = Clear filters
pagination-label = Pages
page-prev = Previous page
page-next = Next page
page-of = Page { $page } of { $pages }

## Actor page
breadcrumbs-label = You are here
actor-about = About the actor
actor-relations = Relations
actor-no-relations = No relations are recorded yet.
actor-relations-caption = { $count ->
    [one] 1 relation
   *[other] { $count } relations
}
relation-col-type = Relation
relation-col-actor = Actor
relation-col-period = Period
source-public-record = Public record
relation-col-source = Source
actor-contacts = Contact persons
actor-facts = Facts
actor-kind = Kind
actor-ownership = Ownership
actor-campuses = Campuses
actor-website = Website
actor-org-number = Organisation number
actor-address = Address
actor-tags = Competences
actor-json = This actor as JSON
unknown = Not known
none = None
period-range = { $since }–{ $until }
period-since = since { $since }
period-until = until { $until }

## Campuses
campuses-title = Campuses
campuses-lead = The areas where the region's life-science actors are.
campus-municipality = Municipality: { $municipality }
campus-actors = Actors on campus
campus-filter-link = Show these actors in the filterable list

## Errors
error-status = Error code { $status }
error-go-home = Go to the home page
error-go-actors = Go to the actor list
error-not-found-title = Page not found
error-bad-request-title = Bad request
error-internal-title = Something went wrong
error-unavailable-title = Service unavailable
error-not-found = We cannot find what you are looking for. The address may be misspelt or the page removed.
error-internal = An unexpected error occurred on our side. Nothing was changed. Please try again shortly.
error-unavailable = The service cannot reach its database right now. Please try again shortly.
error-param-number = The parameter { $param } must be a whole number.
error-param-range = The parameter { $param } must be a whole number from { $min } to { $max }.
error-param-unknown = The parameter { $param } has an unknown value. Allowed values: { $allowed }.
error-param-slug = The parameter { $param } is not a valid identifier (lowercase letters a–z, digits and hyphens).
error-param-too-long = The parameter { $param } is too long (at most { $max } characters).
error-param-malformed = The query part of the address could not be read (invalid character encoding).

## Actor kinds (singular)
kind-university = University or university college
kind-hospital = Hospital or care provider
kind-company_sme = Small or medium-sized company
kind-company_large = Large company
kind-infrastructure = Research infrastructure or testbed
kind-incubator = Incubator or science park
kind-funder = Funder or investor
kind-public_authority = Public authority
kind-foundation = Foundation
kind-patient_organisation = Patient organisation
kind-real_estate = Real-estate owner
kind-project = Project

## Actor kinds (plural)
kinds-university = Universities and university colleges
kinds-hospital = Hospitals and care providers
kinds-company_sme = Small and medium-sized companies
kinds-company_large = Large companies
kinds-infrastructure = Research infrastructures and testbeds
kinds-incubator = Incubators and science parks
kinds-funder = Funders and investors
kinds-public_authority = Public authorities
kinds-foundation = Foundations
kinds-patient_organisation = Patient organisations
kinds-real_estate = Real-estate owners
kinds-project = Projects

## Ownership forms
ownership-state_agency = State agency
ownership-region = Region
ownership-municipality = Municipality
ownership-state_owned_company = State-owned company
ownership-region_owned_company = Region-owned company
ownership-private = Private
ownership-foundation = Foundation

## Relations, read from the actor (out) and towards it (in)
relation-part_of-out = Part of
relation-part_of-in = Has as part
relation-located_at-out = Located at
relation-located_at-in = Houses
relation-hosts-out = Hosts
relation-hosts-in = Hosted by
relation-collaborates_with-out = Collaborates with
relation-collaborates_with-in = Collaborates with
relation-funds-out = Funds
relation-funds-in = Funded by
relation-spin_off_of-out = Spin-off of
relation-spin_off_of-in = Has spin-off
relation-member_of-out = Member of
relation-member_of-in = Has as member
relation-partner_in_project-out = Partner in project
relation-partner_in_project-in = Has as project partner
relation-owns-out = Owns
relation-owns-in = Owned by
relation-runs-out = Runs
relation-runs-in = Run by
