# Samverkan – English texts. Every key must also exist in sv.ftl.

## Frame
site-description = Samverkan shows the Stockholm region's life-science ecosystem: actors, relations and campuses.
site-tagline = Life science in the Stockholm region
skip-to-content = Skip to content
nav-label = Main menu
nav-home = Home
nav-actors = Actors
nav-campuses = Campuses
nav-atlas = Atlas
nav-api = Open data (API)
footer-about = Samverkan is an open platform for the Stockholm region's life-science cluster. Its content is built on public sources; facts that are not known are left empty.
footer-api = API documentation

## Home
home-title = Home
home-heading = Find your way in Stockholm's life-science ecosystem
home-lead = Universities, hospitals, research infrastructures, companies and funders – who is where, and how they connect, campus by campus.
home-search-label = Search actors, infrastructures, services and premises
home-search-placeholder = For example Vecura, cell therapy or lab space
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
error-bad-request-title = This could not be done
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

## Account and sign-in
login-title = Sign in
login-submit = Sign in
login-forgot = Forgot your password?
login-signup = Create an account
login-failed = Wrong e-mail address or password.
login-locked = { $minutes ->
    [one] The account is locked for a while after too many failed attempts. Try again in 1 minute or reset your password.
   *[other] The account is locked for a while after too many failed attempts. Try again in { $minutes } minutes or reset your password.
}
login-throttled = { $minutes ->
    [one] Too many failed sign-ins from your connection. Wait 1 minute and try again.
   *[other] Too many failed sign-ins from your connection. Wait { $minutes } minutes and try again.
}
login-unverified = Confirm your e-mail address first. We have sent you a new link.
login-sso = Sign in with your organisation's account (single sign-on)
sso-title = Single sign-on
sso-provider-failed = The sign-in service of your organisation did not answer as expected. Try again in a while, or sign in with your password.
sso-cancelled = The sign-in was cancelled at your organisation's sign-in service. Nothing has changed.
sso-stale = This sign-in has expired or was started in another browser. Start again from the sign-in page.
sso-unverified = Your organisation's sign-in service did not confirm your e-mail address, so we cannot tell which account is yours.
sso-no-account = There is no Samverkan account for { $email }. Ask the programme office for an invitation, or create an account with that address first.
sso-locked = The account is locked for a while after too many failed attempts. Try again later or reset your password.
sso-back-to-login = Back to the sign-in page
logout-submit = Sign out
signup-title = Create an account
signup-intro = With an account you can keep your organisation's details up to date and use the API.
signup-submit = Create account
signup-have-account = Already have an account? Sign in
signup-sent-title = Check your e-mail
signup-sent = We have sent a message to { $email }. Follow its link to confirm the address.
verify-title = Confirm e-mail address
verify-intro = Confirm that this e-mail address is yours.
verify-submit = Confirm
reset-title = Choose a new password
reset-intro = Choose a new password. All your sessions will end.
reset-submit = Save password
invitation-title = Welcome to Samverkan
invitation-intro = You have been invited. Choose a password to accept the invitation.
invitation-submit = Accept invitation
token-done-title = Done
token-done-verify-title = Your e-mail address is confirmed. You can now sign in.
token-done-reset-title = Your password is changed. Sign in with the new password.
token-done-invitation-title = The invitation is accepted. Sign in with your new password.
link-expired-title = This link no longer works
link-expired = The link has been used already or has expired. Ask for a new one.
forgot-title = Forgot your password
forgot-intro = Enter your e-mail address and we will send you a link to choose a new password.
forgot-submit = Send link
forgot-sent-title = Check your e-mail
forgot-sent = If the address has an account, we have sent it a link. It is valid for one hour.
field-name = Name
field-email = E-mail address
field-password = Password
field-new-password = New password
field-password-confirm = Repeat the password
field-role = Role
field-actor = Organisation
field-required = Fill in this field.
field-too-long = At most { $max } characters.
field-length = Enter between 1 and { $max } characters.
field-choose = Choose one of the options.
field-choose-placeholder = Choose…
email-invalid = Enter a valid e-mail address, such as name@example.com.
url-invalid = Enter a full web address starting with https:// or http://.
url-hint = For example https://www.example.com
password-hint = At least 12 characters. Several words are welcome. Common or leaked passwords are refused.
password-too-short = The password needs at least { $min } characters.
password-too-long = The password can have at most { $max } characters.
password-common = This password is on a list of common or leaked passwords. Choose another one.
password-contains-email = The password must not contain your e-mail address.
password-mismatch = The passwords do not match.
form-required = required
form-error-summary = Something needs fixing
mail-verify-subject = Confirm your e-mail address for Samverkan
mail-verify-body = Hello { $name }! Confirm your e-mail address by opening this link: { $link } – The link is valid for 24 hours. If you did not create an account, ignore this message.
mail-reset-subject = Choose a new password for Samverkan
mail-reset-body = Hello { $name }! Open this link to choose a new password: { $link } – The link is valid for one hour and works once.
mail-invite-subject = You are invited to Samverkan
mail-invite-body = You have been invited to Samverkan with the role { $role }. Open this link to choose a password: { $link } – The link is valid for seven days.
mail-signup-exists-subject = Someone tried to create an account with your address
mail-signup-exists-body = There already is a Samverkan account for this address. If you forgot your password, choose a new one here: { $link }
account-title = My account
account-roles = Roles
account-admin = Administration
role-company = Company representative
role-manager = Infrastructure manager
role-editor = Editor
role-reporter = Reporter
role-admin = Administrator (programme office)
role-for = { $role } for { $actor }
tokens-title = API tokens
tokens-intro = With an API token your own systems can read and update your details through the API. The token can do what you may do, but only within the permission you choose for it.
token-shown-once = Copy the token now. It is shown only this once.
token-create = Create API token
field-token-name = Token name
token-prefix = Starts with
token-created = Created
token-last-used = Last used
token-actions = Actions
token-revoke = Revoke { $name }
token-revoked = Revoked
never = Never
my-data-title = My data
my-data-intro = You can download everything we have stored about you.
my-data-download = Download my data (JSON)
erase-title = Delete my account
erase-intro = Your account and personal data are erased. Changes you made stay in the change log, without your personal data.
erase-confirm-label = Type your e-mail address to confirm
erase-submit = Delete my account
erase-confirm-mismatch = The address does not match your account.
erase-done-title = Your account is deleted
erase-done = Your personal data has been erased and you are signed out.

## Invitations
invite-title = Invite a person
invite-intro = The person gets an e-mail with a link to choose a password.
invite-submit = Send invitation
invite-sent = The invitation has been sent to { $email }.
invite-no-actor = None (administrators only)
invite-actor-hint = The role applies to this organisation. Administrators have no organisation.
invite-actor-needed = Choose the organisation the role applies to.
invite-admin-no-actor = An administrator role covers the whole platform; choose no organisation.

## Editing and history
edit-title = Edit { $name }
edit-intro = All changes are saved at once and show immediately. Every change is logged.
edit-basics = Basic details
edit-place-and-competence = Campuses and competences
edit-contact-n = Contact person { $n }
edit-relation-n = Relation { $n }
edit-submit = Save changes
edit-back = Back to the actor
field-name-sv = Name in Swedish
field-name-en = Name in English
field-short-name = Abbreviation
field-description-sv = Description in Swedish
field-description-en = Description in English
field-role-sv = Role in Swedish
field-role-en = Role in English
field-since = From year
field-until = To year
year-invalid = Enter a four-digit year.
until-before-since = The end year cannot be before the start year.
relation-self = An actor cannot have a relation to itself.
relation-duplicate = The same relation already exists.
relation-unknown-actor = The actor does not exist.
org-number-taken = Another actor already has this organisation number.
history-title = Change history
history-of = Change history of { $name }
audit-title = Change log
audit-count = { $count ->
    [one] 1 change
   *[other] { $count } changes
}
audit-when = When
audit-who = Who
audit-object = What
audit-action = Action
audit-changes = Before → after
audit-system = The system
audit-erased-user = Erased user
audit-object-type = Type of object
audit-object-key = Object (slug or id)
audit-who-email = Changed by (e-mail address)
audit-who-unknown = No account uses the address { $email }.
contact-erase = Erase personal data
contact-erase-label = Erase personal data of the contact person { $name }

## Errors (account)
error-unauthorized-title = Sign in
error-unauthorized = You need to sign in to do this.
error-forbidden-title = Not allowed
error-forbidden = Your account is not allowed to do this. The attempt has been logged.
error-csrf-title = The form has expired
error-csrf = The form could not be verified. Reload the page and try again. Nothing was changed.
error-bad-body = What you sent could not be read. Nothing was changed.
error-method-not-allowed = This address cannot be used that way. Go back to the previous page and try again, or start again from the home page.
error-too-large = What you sent is too large. Nothing was changed.
error-invalid-field = The field { $field } was refused: { $message }

## Privacy
privacy-title = Privacy and personal data
privacy-p1 = Region Stockholm is the controller of personal data in Samverkan. Personal data is processed under the General Data Protection Regulation (GDPR).
privacy-p2 = Visitors without an account: no tracking cookies are stored. A session cookie is set only when you use a form. It protects against someone else sending forms in your name.
privacy-p3 = Accounts: we store your name, e-mail address, a hashed password (argon2id), your roles, your API tokens (hashed) and sign-in attempts, to protect the account.
privacy-p4 = Contact persons: organisations' contact persons are shown with the name and role the organisation has published.
privacy-p5 = Change log: every change is logged with who, when and what. If you delete your account, the change stays but your personal data does not.
privacy-p6 = Your rights: under My account you can download everything stored about you and delete your account. Contact persons can ask the programme office for erasure.
privacy-p7 = Questions and complaints: contact the programme office. You can also turn to the Swedish Authority for Privacy Protection (IMY).
privacy-p8 = Working groups and matchmaking: if the programme office adds you to a focus area's working group, your name, organisation and role are shown on that area's public page. If you register for matchmaking at an event, your organisation and profile are shown to the other participants and the organiser only, and the people you meet see your name. Both are in your data download and are removed when you delete your account.

edit-saved = Your changes are saved.
actor-edit = Edit the details

atlas-title = Atlas of the ecosystem
atlas-lead = The region's life-science actors and how they are related, campus by campus. Filter the picture, search for an actor to see its neighbours, or use the table below, which holds the same information.
atlas-skip-to-table = Skip to the table of actors and relations
atlas-search = Find an actor
atlas-size = Size of circles by
atlas-legend-kinds = Kinds of actor
atlas-legend-relations = Kinds of relation
atlas-table-title = Actors and relations as a table
atlas-summary = { $actors ->
    [one] 1 actor
   *[other] { $actors } actors
} and { $relations ->
    [one] 1 relation between them.
   *[other] { $relations } relations between them.
}
atlas-more-relations = { $count ->
    [one] and 1 more relation
   *[other] and { $count } more relations
}
atlas-col-name = Name
atlas-col-kind = Kind
atlas-col-ownership = Ownership
atlas-col-campuses = Campuses
atlas-col-degree = Connections
atlas-col-betweenness = Bridging role (betweenness)
atlas-col-community = Cluster
atlas-col-relations = Relations
atlas-js-showing = Showing { $nodes } actors and { $edges } relations.
atlas-js-no-match = No actor has that name.
atlas-js-selected = { $name } and the actors it is related to are highlighted. Related actors: { $count }.
atlas-js-close = Close
atlas-js-open-actor = Open the actor's page
atlas-js-webgl-missing = The graph cannot be shown in this browser. Use the table below.
atlas-js-loading = Loading the graph…
atlas-js-load-failed = The graph could not be loaded. Use the table below.
atlas-js-no-relations = No relations are recorded.
atlas-js-table-stale = The table could not be updated for these filters. Press “{ $apply }” to reload the page.

import-title = Import actors and relations
import-lead = Upload a CSV file of actors or of relations, or a JSON file with both, in the format the exports below use. Actors are matched by organisation number when they have one, otherwise by slug; existing ones are updated, new ones created. Either the whole file is imported or nothing is.
import-file = File (CSV or JSON, at most 20 MB)
import-file-hint = The first row of a CSV file names the columns: slug, name_sv, name_en, kind … for actors; from, kind, to … for relations.
import-dry-run = Only check the file and show what would change
import-submit = Upload
import-no-file = Choose a file to upload.
import-checked = The file is fine. Nothing has been saved yet. Untick “Only check the file” and upload it again to import it.
import-done = The file has been imported.
import-would-actors = Would create { $created } and update { $updated } actors
import-did-actors = Created { $created } and updated { $updated } actors
import-would-relations = Would create { $created } and update { $updated } relations
import-did-relations = Created { $created } and updated { $updated } relations
import-unchanged = { $count ->
    [one] ; 1 already up to date.
   *[other] ; { $count } already up to date.
}
import-problems = { $count ->
    [one] The file has 1 problem. Nothing was imported.
   *[other] The file has { $count } problems. Nothing was imported.
}
import-problem-column = { $at }, column { $column }:{" "}
import-at-line = line { $line }
import-at-file = the file
import-p-encoding = the file is not UTF-8 text; save it as UTF-8 and try again
import-p-syntax = cannot be read: { $detail }
import-p-unknown-table = the header names neither actors (slug, name_sv, name_en, kind …) nor relations (from, kind, to …)
import-p-unknown-column = there is no column called “{ $column }”
import-p-missing-column = the required column “{ $column }” is missing
import-p-duplicate-column = the column “{ $column }” appears twice
import-p-field-count = { $found ->
    [one] 1 value where the header has { $expected }
   *[other] { $found } values where the header has { $expected }
}
import-p-missing = a value is required
import-p-too-long = longer than { $max } characters
import-p-not-allowed = “{ $value }” is not one of: { $allowed }
import-p-malformed = “{ $value }”: { $expected }
import-p-duplicate = “{ $key }” appears again (first at { $first })
import-p-self-relation = a relation cannot go from an actor to itself
import-p-year-order = the start year (since) is later than the end year (until)
import-p-unknown-actor = there is no actor “{ $slug }” in the file or on the platform
import-p-unknown-campus = there is no campus “{ $slug }”
import-p-unknown-tag = there is no competence tag “{ $slug }”
import-p-org-conflict = organisation number { $org } belongs to the actor “{ $owner }”
import-p-too-many = stopped after { $max } problems
import-export-actors = Export actors (CSV)
import-export-relations = Export relations (CSV)
import-export-graphml = Export the network (GraphML)
campus-network = The network on this campus
campus-network-lead = The actors on this campus and the relations between them. The list below has the same actors grouped by kind, and the atlas has a table of the relations.
campus-network-open = Open the campus in the atlas

a11y-title = Accessibility statement
a11y-scope-1 = Region Stockholm is behind the Samverkan website, which the region's life-science programme office runs. We want as many people as possible to be able to use the website. This statement describes how Samverkan meets the Act on accessibility to digital public services (2018:1937), which problems we know of, and how you can report problems to us so that we can fix them.
a11y-scope-2 = The statement covers every page of the website, in Swedish and English, and the API documentation.
a11y-h-status = How accessible is the website?
a11y-status-1 = The requirements are levels A and AA of the Web Content Accessibility Guidelines, WCAG 2.1. They are part of the European standard EN 301 549 (version 3.2.1), which Digg's regulations refer to.
a11y-h-limits = Content that is not accessible
a11y-limits-1 = The content described below is not fully accessible in one way or another. For each problem we give the WCAG 2.1 success criteria it concerns and what you can do meanwhile.
a11y-h-testing = How we tested the website
a11y-testing-1 = We have assessed the website ourselves (self-assessment). The assessment rests on automated tests and manual review. The first three tests below run whenever the code changes. We run Lighthouse separately.
a11y-testing-2 = We also review the pages by hand, among other things with the keyboard alone and with magnification. Automated tests find only some of the problems there may be.
a11y-h-enforcement = Supervision
a11y-enforcement-1 = The Agency for Digital Government (Digg) is the supervisory authority for the Act on accessibility to digital public services. If you are not satisfied with how we handle your report, you can contact Digg and tell them.
a11y-h-report = Report accessibility problems
a11y-report-intro = Describe the problem and, if you like, leave an e-mail address so that we can answer. The programme office reads every report.
a11y-report-page = Page (address or name)
a11y-report-page-hint = Where the problem is, for example /en/atlas.
a11y-report-message = What is the problem?
a11y-report-reply = Your e-mail address
a11y-report-reply-hint = Optional; only used to answer you.
a11y-report-submit = Send
a11y-report-message-missing = Describe the problem.
a11y-report-lang = Language
a11y-mail-subject = Accessibility problem reported on Samverkan
a11y-mail-body = Page: { $page } – Message: { $message }
a11y-thanks-title = Thank you
a11y-thanks = Your report has reached the programme office. If you left an e-mail address, we will answer you.
a11y-back = Back to the accessibility statement
a11y-reports-title = Reported accessibility problems
a11y-reports-none = No problems have been reported.
api-wrong-type = This field has the wrong type.
api-unknown-field = There is no such field.
api-control-character = Control characters such as NUL are not allowed in text.

## The way in: catalogue, premises, access requests, checklists
nav-way-in = Way in
nav-requests = Requests
not-stated = Not stated
yes = Yes
ownership-unknown = Not recorded
edit-swedish = In Swedish
edit-english = In English
error-both-languages = Fill this in both languages, or leave both empty.
error-contact = Give a web address starting with https:// or an e-mail address.
error-slug = Use 1–80 lowercase letters a–z, digits and single hyphens.
error-slug-taken = This identifier is already used. Choose another.
legal-not-advice = Guidance, not legal advice: the checklist helps both parties ask the right questions. Each organisation's own lawyers decide.
infra-title = Infrastructures and services
infra-lead = Research infrastructures, testbeds and trial units in the region, with the services they offer companies. Choose a service to see how access works and to send a request.
infra-see-premises = Premises for companies
infra-sme-only = Only services that welcome small companies
infra-count = { $count ->
    [one] One infrastructure
   *[other] { $count } infrastructures
}
infra-none = No infrastructure matches these filters.
category-manufacturing = Manufacturing
category-clinical_trials = Clinical trials
category-laboratory = Laboratory
category-analysis = Analysis
category-data = Data, registries and biobanks
category-premises = Premises
category-expertise = Expertise and advice
category-community = Community and meeting place
service-kind = Type
service-kind-service = Service
service-kind-testbed = Testbed
service-kind-trial_unit = Trial unit
service-category = Area
service-access = Access conditions
service-pricing = Pricing
service-lead-time = Typical lead time
service-capacity = Capacity
service-contact = Contact
service-contact-hint = A web page (https://…) or an e-mail address.
service-sme = Small companies
service-sme-check = Small companies are especially welcome
service-provider = Offered by
service-request = Request access
service-edit = Edit the service
service-saved = The service is saved.
service-path-title = The way in, step by step
service-path-intro = The owner of this infrastructure is: { $owner }. A request goes through preparation, development and execution; these are the checklist items the parties go through at each stage.
service-path-none = No checklist items at this stage.
service-new-title = New service
service-edit-title = Edit { $name }
service-form-intro = Describe the service so that a company can tell whether it fits its need. Every change is logged.
service-slug = Identifier in the address
service-slug-hint = Lowercase letters a–z, digits and hyphens, e.g. gmp-manufacturing.
service-name = Name
service-description = Description
service-save = Save
premises-title = Premises for companies
premises-lead = Laboratory and office space for companies on the region's campuses, with the owner to contact.
premises-use = Use
use-lab = Laboratory
use-office = Office
use-lab_and_office = Laboratory and office
use-other = Other
premises-area = Area
premises-available = Available from
premises-request = Ask about these premises
premises-count = { $count ->
    [one] One premises listing
   *[other] { $count } premises listings
}
premises-none = No premises match these filters.
document-nda = Non-disclosure agreement (template)
document-service-agreement = Agreement on the use of services (template)
requests-title = Access requests
requests-lead = Requests you have sent for your company, and requests to the infrastructures you manage. A request is visible only to the company, the infrastructure's managers and the programme office.
requests-new = Find a service to request
requests-none = There are no requests to show.
request-new-title = Request access
request-new-intro = You are asking { $provider }.
request-new-intro-premises = You are asking { $owner } about { $premises }.
request-new-guidance = Describe your need in your own words. The infrastructure answers in Samverkan; you follow every step here and get an e-mail when something happens.
request-company = Your company
request-provider = Infrastructure
request-services = Services
request-title-field = Title
request-title-hint = A short name for the request, for example “GMP manufacturing for our phase 1 trial”.
request-need = Your need
request-need-hint = What do you want to do, when, and what do you need from the infrastructure?
request-start = Desired start
request-start-hint = A date written YYYY-MM-DD, e.g. 2027-03-01.
request-confidentiality = Confidentiality
request-confidentiality-hint = What in your request or later material is a business secret? Public bodies assess secrecy case by case; say it here so it can be marked.
request-draft = Draft
request-draft-check = Save as a draft and send later
request-send = Send the request
request-status = Status
request-updated = Last change
request-no-company-title = You are not registered for a company
request-no-company = Access requests are sent on behalf of a company. If your company is not in the atlas yet, register it: you can send your request right after. If it is, ask a colleague who already uses Samverkan, or the programme office, to invite you as a member.
request-error-company = You cannot send requests for this company.
request-error-date = Write a real date as YYYY-MM-DD.
request-error-changed = Someone else changed the request at the same moment. Nothing was saved; look at the new state and try again.
request-error-not-from = A request that is { $status } cannot be moved by “{ $move }”.
request-error-side-company = Only the company that sent the request can do this.
request-error-side-infrastructure = Only the infrastructure's managers can do this.
request-error-checklist = { $count ->
    [one] 1 required checklist item of { $stage } is neither checked nor waived. The stage cannot be left before it is.
   *[other] { $count } required checklist items of { $stage } are neither checked nor waived. The stage cannot be left before they are.
}
request-error-reason = Give a reason.
request-error-item-company = This item is checked off by the company.
request-error-item-infrastructure = This item is checked off by the infrastructure.
request-error-frozen = The checklist of { $stage } can no longer be changed.
request-error-waive = Only the programme office can waive an item.
request-refused = Not done
request-progress = Progress
step-done = done
request-moves = Next step
request-reason = Reason or comment
request-reason-hint = Required when declining; shown to both parties in the history.
request-done-draft = The draft is saved. Send it when it is ready.
request-done-moved = The request has moved on.
request-done-item = The checklist is updated.
request-done-message = The message is sent.
request-done-file = The file is attached.
status-draft = Draft
status-submitted = Submitted
status-preparation = Preparation
status-development = Development
status-execution = Execution
status-completed = Completed
status-declined = Declined
status-withdrawn = Withdrawn
move-submit = Send the request
move-accept = Start preparation
move-advance = Move to the next stage
move-advance-from-preparation = Move to development
move-advance-from-development = Move to execution
move-advance-from-execution = Mark as completed
move-decline = Decline
move-withdraw = Withdraw the request
party-company = company
party-infrastructure = infrastructure
checklist-title = Checklist
checklist-intro = Generated from the infrastructure owner's form: { $owner }.
checklist-none = There is no checklist yet; it is made when the request is sent.
checklist-required = required
checklist-retired = retired
checklist-source = Rests on
checklist-template-doc = Template document
item-open = Open
item-checked = Checked by { $who } on { $date }
item-waived = Waived by { $who } on { $date }
item-check = Mark as done
item-uncheck = Mark as not done
item-waive = Waive
item-waive-reason = Reason for waiving
request-conversation = Conversation
request-no-messages = No messages yet.
message-new = New message
message-send = Send
message-empty = Write a message first.
message-internal = internal note
message-internal-check = Internal note, visible only to the infrastructure and the programme office
request-files = Files
request-no-files = No files yet.
file-choose = Attach a file
file-hint = PDF, PNG, JPEG, Word (.docx), Excel (.xlsx), text or CSV, at most 10 MB; at most 20 files per request. Only the parties can open them.
file-upload = Upload
attach-error-Empty = Choose a file; the one sent was empty.
attach-error-TooLarge = The file is larger than 10 MB.
attach-error-TypeNotAccepted = Files of this type are not accepted. Use PDF, PNG, JPEG, .docx, .xlsx, .txt or .csv.
attach-error-Disguised = The file's content does not match its name (for example a program named .pdf). It was not saved.
attach-error-TooMany = A request can carry at most 20 files.
request-history = History
history-from = From
history-to = To
history-by = By
mail-request-subject = Access request: { $title }
mail-request-moved = The request “{ $title }” is now { $status }.
mail-message-subject = New message on the request: { $title }
mail-message-body = There is a new message on your access request.
figures-title = Access requests: figures
figures-lead = The programme office's inbox, the requests still waiting for an answer, and figures for the strategy's follow-up over a period you choose.
figures-open = Open requests per infrastructure and stage
figures-first-response = Time to first response
figures-time-in-stage = Time in each stage
figures-outcomes = Outcomes of closed requests
figures-per-year = Requests per year
figures-count = Number
figures-median = Median
figures-answered = Answered
figures-waiting = Waiting
figures-share = Share
figures-year = Year
figures-sme = From small companies
figures-all = All
figures-none = Nothing to show yet.
figures-hours = { $hours } h
figures-days = { $days } days
checklists-title = Checklist templates
checklists-lead = The rule templates from which each request's checklist is generated, by the infrastructure owner's form. Requests keep the text they were given; changes apply to requests sent afterwards.
checklist-new-title = New checklist item
checklist-edit-title = Edit: { $title }
checklist-form-intro = Keep the text dated and sourced. Every change is logged.
checklist-key = Key
checklist-stage = Stage
checklist-party = Checked off by
checklist-owners = Owner forms it applies to
checklist-flags = Rules
checklist-required-check = Required: the stage cannot be left before it is checked or waived
checklist-retired-check = Retired: no longer given to new requests
checklist-source-url = Where to read the rule
checklist-reviewed = Reviewed on
checklist-document = Template document
checklist-no-document = None
checklist-title-field = Title
checklist-guidance = Guidance
checklist-error-owners = Choose at least one owner form.
stage-title-preparation = Preparation
stage-title-development = Development
stage-title-execution = Execution

## Search and matching
search-title = Search
search-empty = Type what you are looking for: an organisation, a service, a competence or a place.
search-no-words = The search needs at least one word or number.
search-too-short = Type at least two letters.
search-none = Nothing matched. Try other words, or describe your need on the match page.
search-count = { $count ->
    [one] One match
   *[other] { $count } matches
}
search-facets = Narrow the results
search-facet-type = Type
search-facet-remove = remove this filter
search-try-match = Describe your need instead, and we will show you where to go
doc-kind-infrastructure = Infrastructure
doc-kind-service = Service
doc-kind-premises = Premises
doc-kind-actor = Actor
home-match-hint = Tell us what you need in your own words, in Swedish or English.
match-title = Describe your need
match-lead = Write what your company needs, in your own words and in Swedish or English. We match it against the region's infrastructures, services, premises and actors and say why each one fits.
match-need = Your need
match-need-hint = For example: “GMP manufacturing for a cell therapy phase 1 trial” or “lab space for a startup in Flemingsberg”.
match-submit = Find the right doors
match-results = Where to go
match-why = Why:
match-reason-words = it mentions { $words }
match-reason-campus = it is on { $campus }
match-reason-space = it offers space
match-none = Nothing fits this need well. Try other words, or let the programme office find the right door for you.
service-add = Add a service

## Strategy
nav-strategy = Strategy
strategy-title = Strategy
strategy-areas = Focus areas
strategy-api = The strategy as open data (JSON)
example-data = Example data.
example-data-note = The measures and indicator values marked “example” illustrate how the follow-up works; they are not the region's decided action plans.
example-badge = example
automatic-badge = counted by Samverkan
automatic-note = Samverkan counts this indicator itself from its own data; no one reports its values.
measures-count = { $count ->
    [one] one measure
   *[other] { $count } measures
}
indicators-count = { $count ->
    [one] one indicator
   *[other] { $count } indicators
}
target-on_track = On track
target-at_risk = At risk
target-off_track = Off track
target-unknown = No value yet
target-rule = The status compares the latest value with the line from the baseline through any interim targets to the target: on track when at or ahead of the line, at risk when behind by at most a quarter of the way, off track when further behind or moving the wrong way.
area-current-state = Current state
area-strengths = Regional strengths
area-desired-state = Desired state
area-development-needs = Development needs
area-measures = Action plan: measures
area-no-measures = No measures yet.
area-indicators = Indicators
area-no-indicators = No indicators yet.
area-actors = Actors who contribute
area-no-actors = No actors are linked to this area yet.
measure-code = Code
measure-title = Measure
measure-responsible = Responsible
measure-contributors = Contributing
measure-period = Period
measure-status-planned = Planned
measure-status-ongoing = Ongoing
measure-status-done = Done
measure-status-delayed = Delayed
measure-status-stalled = Stalled
measure-status-cancelled = Cancelled
indicator-baseline = Baseline
indicator-target = Target
indicator-source = Source
indicator-no-values = No values reported yet.
indicator-value = Value
indicator-direction = Better when it is
indicator-measures = Measures it follows
indicator-values-heading = Status, chart and yearly values
direction-higher = higher
direction-lower = lower
chart-description = Reported values by year, against the planned path from the baseline { $baseline } to the target { $target }. The same numbers are in the table below.
chart-reported = Reported
chart-planned = Planned path
doc-kind-focus_area = Focus area
doc-kind-measure = Measure

## Follow-up
followup-title = Yearly follow-up
followup-lead = Once a year the programme office follows up the strategy: the actors responsible for each measure report its status, what was done and the indicator values; the office reviews each report, and the closed cycle becomes the year's report.
followup-none = No follow-up cycle has been opened yet.
followup-cycles = Follow-up cycles
followup-links = Links
followup-deadline = Deadline
followup-deadline-hint = The last day to send reports, as YYYY-MM-DD.
followup-state-open = Open
followup-state-closed = Closed
followup-open-title = Open a new cycle
followup-open-help = Opening a cycle lets the reporters of every responsible actor report on their measures. They get reminders by e-mail 14 and 3 days before the deadline while their report is not sent.
followup-open-submit = Open the cycle
followup-reports-title = Reports { $year }
followup-reports-link = Reports to write and review
followup-reports-lead-open = Your measures to report on. Send each report by { $deadline }; you can save a draft and come back.
followup-reports-lead-closed = This cycle is closed. Reports can no longer be changed; the programme office corrects mistakes as revisions with a reason.
followup-reports-none = You have no measures to report on. Reporters are named per responsible actor by the programme office.
followup-close-title = Close the { $year } cycle
followup-close-help = Closing freezes every report as it stands. Reports that were not accepted stay out of the public report and are listed in the internal one. Later corrections are revisions with a reason.
followup-close-confirm = I understand that closing freezes the cycle.
followup-close-submit = Close the { $year } cycle
followup-closed-note = The cycle is closed; this report can no longer be edited.
followup-measure-title = Report { $year }: { $measure }
followup-measure-page = Open the measure
followup-done-opened = The cycle is open. Reporters can now report on their measures.
followup-done-closed = The cycle is closed and frozen.
followup-done-saved = Your draft is saved. It is not sent yet.
followup-done-submitted = Your report is sent to the programme office.
followup-done-accepted = The report is accepted; its status and values are now the year's.
followup-done-returned = The report is returned to the reporter with your comment.
followup-done-revised = The correction is saved as a revision with its reason.
followup-event-save = Saved as draft
followup-event-submit = Sent to the programme office
followup-event-accept = Accepted
followup-event-return = Returned
followup-error-year = Write a year between 2000 and 2100.
followup-error-date = Write the deadline as a date, YYYY-MM-DD.
followup-error-exists = A cycle for that year exists already.
followup-error-another-open = Another cycle is still open. Close it before opening a new one.
followup-error-deadline = The deadline has already passed. Choose today or a later day.
followup-error-closed = The cycle is closed, so nothing in it can be changed. The programme office can correct it as a revision with a reason.
followup-error-not-from-here = The report has moved on meanwhile: it is waiting for review or already accepted. Nothing was changed.
followup-error-office-only = Only the programme office can do that.
followup-error-comment = Write a comment that tells the reporter what to change.
followup-error-narrative = Write what was done before sending the report. You can save a draft without it.
followup-error-too-long = The text is too long.
followup-error-number = Write a number, such as 12 or 12,5.
followup-error-value-for-comment = Write the value that the comment is about, or remove the comment.
followup-error-link = Each evidence link must be a full web address starting with https:// or http://, one per line.
followup-error-links = At most 10 evidence links.
followup-error-reason = Write the reason for the correction.
followup-error-unchanged = The correction changes nothing.
followup-error-still-open = The cycle is still open; edit the report instead.
followup-error-confirm = Tick the box to confirm that you want to close the cycle.
report-title = Follow-up { $year }
report-publisher = Region Stockholm, the life-science programme office
report-version-public = public version
report-version-internal = internal version
report-preliminary = Preliminary: this cycle is open until { $deadline }, and only accepted reports are included so far.
report-internal-note = Internal version for the programme office: it includes reports that are missing, drafted, sent or returned, the office's comments and values not yet accepted.
report-summary = Summary
report-summary-measures = { $total ->
    [one] { $accepted } of 1 measure has an accepted report.
   *[other] { $accepted } of { $total } measures have an accepted report.
}
report-summary-indicators = { $total ->
    [one] { $on_track } of 1 indicator is on track.
   *[other] { $on_track } of { $total } indicators are on track.
}
report-measures-by-status = Measures by status
report-indicators-by-status = Indicators against target
report-count = Number
report-status = Status
report-state = Report
report-state-missing = Not started
report-state-draft = Draft
report-state-submitted = Sent, waiting for review
report-state-returned = Returned
report-state-accepted = Accepted
report-not-reported = Not reported
report-area-status = Measures: { $measures }. Indicators: { $indicators }.
report-narratives = What was done
report-narrative = What was done, and what comes next
report-narrative-hint = Needed to send the report. Separate paragraphs with an empty line.
report-evidence = Evidence
report-evidence-hint = Links to minutes, reports or other evidence, one per line (at most 10).
report-review-comment = The programme office's comment
report-returned-heading = Returned by the programme office
report-pending-values = Values not yet accepted:
report-chart-legend = Solid line: reported values; dashed line: the planned path from baseline to target.
report-figure = Figure
report-year = Year
report-changes = Changes since the previous year
report-no-changes = No changes to compare with the previous year.
report-change-status = { $measure }: status { $change }
report-change-value = { $indicator }: { $change }
report-revisions = Revisions after closing
report-no-revisions = No revisions.
report-date = Date
report-what = What
report-before = Before
report-after = After
report-reason = Reason
report-revised-status = { $measure }: status
report-revised-narrative = { $measure }: narrative
report-revised-value = { $measure }: { $indicator }
report-download-pdf = Download as PDF
report-download-json = The report as open data (JSON)
report-show-internal = Show the internal version
report-show-public = Show the public version
report-previous-value = Last year: { $value }
report-value-for = Value for { $year }
report-value-comment = Comment on the value
report-save = Save draft
report-submit = Send to the programme office
report-reported = What was reported
report-review-title = Review
report-review-hint = Needed when returning the report: tell the reporter what to change.
report-accept = Accept
report-return = Return with comment
report-revise-title = Correct the closed report
report-revise-help = The cycle is closed. A correction is saved as a revision with its reason and is shown in the report.
report-revise-new = Corrected value
report-revise-submit = Save the correction
report-history = History
followup-reminder-subject = Reminder: the follow-up { $year } report
followup-reminder-body = The report on { $measure } has not been sent to the programme office yet. The deadline is { $deadline }. Write and send it here:
strategy-followup-link = The yearly follow-ups and their reports
measure-edit-title = Edit { $measure }
measure-edit-intro = The responsible actor's reporters and the programme office keep the measure up to date. Every change is recorded with who made it.
measure-description = Description
measure-start = Start
measure-end = End
measure-date-hint = As YYYY-MM-DD; leave empty when not decided.
measure-save = Save the measure
measure-back = Back to the measure
measure-edit = Edit the measure
measure-saved = The measure is saved.
measure-error-date = Write the date as YYYY-MM-DD.
measure-error-order = The end cannot be before the start.
dashboard-title = Measures by status
dashboard-area = Focus area
dashboard-total = All areas

## Events, meeting places, news
nav-events = Events
events-title = Events
events-lead = Round tables, seminars and award ceremonies where people from different professions in the region's life science meet. Times are Stockholm time.
events-feed = Subscribe to the calendar (iCalendar)
events-calendar-name = Samverkan: life-science events in the Stockholm region
events-upcoming = Upcoming
events-past = Past
events-none-upcoming = No upcoming events are listed.
events-none-past = No past events are listed.
events-filter-campus = Campus
events-any-campus = Any campus
events-filter-submit = Show
events-filter-clear = Show all
event-online = Online
event-organisers = Organised by
event-when = When
event-where = Where
event-timezone = Stockholm time
event-register = Register
event-ics = Add to your calendar (.ics)
event-source = Source
event-past-note = This event has taken place.
date-long = { $day } { $month }
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
places-title = Meeting places
places-lead = Places where people from companies, academia and health care meet and work side by side.
places-none = No meeting places are listed yet.
place-campus = Campus
place-owner = Run by
place-capacity = Capacity
place-offers = Offers
news-title = News
news-lead = News from the region's life-science ecosystem.
news-feed = Follow the news (Atom feed)
news-feed-title = Samverkan: life-science news from the Stockholm region
news-none = No news yet.
news-actors = Concerns
news-all = All news
posts-title = Partner posts
posts-lead = Offer what your organisation can share, or say what partner you are looking for. Members who are interested write to you, and the conversation stays between the two of you.
posts-open = Open posts
posts-none = No open posts right now.
posts-mine = Your posts
posts-mine-none = You have not posted anything yet.
post-any-kind = Offers and requests
post-kind = Kind
post-kind-offer = Offer
post-kind-request = Request
post-until = until { $date }
post-closed = Closed
post-expired = Expired
post-interests = { $count ->
    [one] one interested
   *[other] { $count } interested
}
post-new-title = Write a post
post-new-intro = Your post is seen by signed-in members. Say what you offer or look for, and until when.
post-title-field = Title
post-body = Text
post-body-hint = What, for whom, on what terms. Separate paragraphs with an empty line.
post-expires = Last day
post-expires-hint = As YYYY-MM-DD, at most a year from today.
post-tags = Topics
post-publish = Publish the post
post-conversations = Conversations
post-no-interest = Nobody has expressed interest yet.
post-your-conversation = Open your conversation with the author
post-interest-title = Interested?
post-interest-message = Your message to the author
post-interest-hint = The author gets an e-mail and can answer you here. Only the two of you see the conversation.
post-interest-submit = Express interest
post-close = Close the post
post-close-help = A closed post takes no new interest; your conversations stay.
post-done-published = Your post is published.
post-done-closed = The post is closed.
post-done-sent = Your message is sent.
post-error-title = Write a title of at most 200 characters.
post-error-text = Write a text of at most 5,000 characters.
post-error-expiry = Write the last day as YYYY-MM-DD, from today up to a year ahead.
post-error-closed = The post is closed or past its last day, so it takes no new interest.
post-error-own = This is your own post.
post-error-twice = You have already expressed interest in this post; continue in your conversation.
post-mail-subject = Someone is interested in your post
post-mail-body = { $name } is interested in your post “{ $title }” and has written to you. Answer here:
conversation-title = Conversation with { $name }
conversation-private = Only you and the other party see this conversation.
conversation-you = you
conversation-reply = Your reply
conversation-send = Send
doc-kind-event = Event
doc-kind-meeting_place = Meeting place
doc-kind-news = News

## Indicators and working groups (the programme office)
value-comment = Comment
value-reported-by = Reported by
value-origin-data-set = The strategy's data set
value-origin-erased = A person whose account has been erased
value-origin-counted = Counted by Samverkan
indicator-edit = Edit the indicator
indicator-saved = The indicator is saved.
indicator-edit-title = Edit { $indicator }
indicator-edit-intro = The programme office keeps the indicator's definition. Yearly values come from the follow-up; corrections to a closed year are revisions. Every change is recorded with who made it.
indicator-name = Name
indicator-unit = Unit
indicator-baseline-value = Baseline value
indicator-baseline-year = Baseline year
indicator-target-value = Target value
indicator-target-year = Target year
indicator-number-hint = A number, for example 12 or 12.5 (a decimal comma works too).
indicator-save = Save the indicator
indicator-back = Back to the indicator
indicator-error-number = Write a number, for example 12 or 12.5.
indicator-error-year = Write a year between 1900 and 2200.
indicator-error-order = The target year must come after the baseline year.
area-working-group = Working group
area-working-group-intro = The action plan is drawn up by a cross-functional working group; each participant anchors it in their own organisation.
group-title = Working group: { $area }
group-members = Members
group-empty = No one has been added to the working group yet.
group-name = Name
group-organisation = Organisation
group-role = Role
group-actions = Actions
group-role-lead = Lead
group-role-member = Member
group-remove = Remove
group-add = Add a person
group-add-intro = Add a person by the e-mail address of their Samverkan account. Their name, organisation and role are shown on the focus area's public page.
group-email = E-mail address of their account
group-choose-organisation = Choose the organisation they represent
group-add-submit = Add to the working group
group-added = The person is added to the working group.
group-removed = The person is removed from the working group.
group-error-no-account = No account has that e-mail address. Invite the person first (Admin, users).
group-error-member = The person is already in this working group.
group-manage = Manage the working group
group-back = Back to the focus area

## Writing events and news
event-new-title = New event
event-edit-title = Edit { $event }
event-edit = Edit the event
event-saved = The event is saved.
event-form-intro = Events are shown in the calendar, the iCalendar feed and search. Times are Stockholm time. Every change is recorded with who made it.
event-field-when = When (Stockholm time)
event-field-start-day = First day
event-field-start-time = Starts at
event-field-end-day = Last day
event-field-end-time = Ends at
event-day-hint = A date like 2026-12-03.
event-time-hint = A time like 09:30. Leave both times empty for an all-day event.
event-end-day-hint = Leave empty when the event is on one day.
event-field-title = Title
event-field-description = Description
event-field-location = Where, in words (address or room)
event-field-organiser = Organiser
event-choose-organiser = Choose the organiser
event-field-place = Place
event-no-place = Not stated
event-campus = campus
event-field-registration = Registration page
event-registration-hint = A web address starting with https://, if people register elsewhere.
event-save = Save the event
event-error-day = Write a date like 2026-12-03.
event-error-time = Write the times like 09:30.
event-error-both-times = Give both the start and the end time, or neither for an all-day event.
event-error-order = The event ends before it starts.
event-error-url = Write a web address starting with https://.
event-matchmaking = Matchmaking: book 1:1 meetings
news-new-title = Write a news item
news-edit-title = Edit { $item }
news-edit-link = Edit “{ $item }”
news-saved = The news item is saved.
news-form-intro = News items are shown on the home page, on the news page and in the Atom feed, in both languages.
news-field-title = Title
news-field-summary = Summary
news-field-body = Text (optional; blank lines separate paragraphs)
news-field-published = Date
news-field-actor = Concerns
news-no-actor = No particular actor
news-save = Save the news item
news-error-actor = Choose one of the organisations you edit.

## Matchmaking
mm-title = Matchmaking: { $event }
mm-intro = Register with a short profile, see who else takes part and ask for 1:1 meetings. The person you ask accepts by picking one of the organiser's time slots that is free for you both; nobody is booked twice in a slot. Profiles are seen only by participants and the organiser.
mm-closed = The event is over: matchmaking is closed.
mm-slots = Meeting slots
mm-no-slots = The organiser has not added any meeting slots yet.
mm-slot-meetings = { $count ->
    [one] one meeting booked
   *[other] { $count } meetings booked
}
mm-add-slot = Add a meeting slot
mm-slot-hint = A day of the event (2026-12-03) and a start and end time (10:00, 10:20), 5 minutes to 4 hours; slots may not overlap.
mm-slot-day = Day
mm-slot-start = Starts at
mm-slot-end = Ends at
mm-add-slot-submit = Add the slot
mm-sign-in = Sign in to take part in the matchmaking
mm-agenda = My agenda
mm-agenda-empty = No meetings booked yet.
mm-agenda-ics = Download my agenda (.ics)
mm-agenda-title = My meetings at { $event }
mm-meeting-with = Meeting with { $name } ({ $organisation })
mm-incoming = Requests to me
mm-outgoing = Requests I sent
mm-none = None yet.
mm-no-free-slot = No slot is free for you both; decline or ask the organiser for more slots.
mm-pick-slot = Slot
mm-accept = Accept
mm-decline = Decline
mm-withdraw = Withdraw
mm-participants = Participants
mm-no-others = No one else has registered yet.
mm-register-to-request = Register to ask for a meeting.
mm-message-to = Message to { $name } (optional)
mm-request = Ask for a meeting
mm-count = { $count ->
    [one] One person has registered.
   *[other] { $count } people have registered.
}
mm-your-profile = My profile
mm-register = Take part
mm-organisation = Organisation
mm-profile = What you offer and look for
mm-profile-hint = A few sentences; other participants see it.
mm-save-profile = Save my profile
mm-register-submit = Register for matchmaking
mm-state-pending = Waiting for an answer
mm-state-accepted = Accepted
mm-state-declined = Declined
mm-state-cancelled = Withdrawn
mm-done-registered = Your profile is saved.
mm-done-slot = The slot is added.
mm-done-requested = Your request is sent; the person is told by e-mail.
mm-done-accepted = The meeting is booked and on your agenda.
mm-done-declined = The request is declined.
mm-done-cancelled = The request is withdrawn.
mm-mail-subject = Meeting request at { $event }
mm-mail-body = { $name } asks for a 1:1 meeting at { $event }. Answer on the matchmaking page:
mm-mail-answer-subject-accepted = Meeting booked at { $event }
mm-mail-answer-subject-declined = Meeting request declined at { $event }
mm-mail-answer-subject-cancelled = Meeting request withdrawn at { $event }
mm-mail-answer-accepted = { $name } accepted your meeting request: { $when }. It is on your agenda on the matchmaking page:
mm-mail-answer-declined = { $name } declined your meeting request. The other participants are on the matchmaking page:
mm-mail-answer-cancelled = { $name } withdrew their meeting request to you. The matchmaking page:
mm-error-organisation = Write your organisation (at most 200 characters).
mm-error-profile = Write a short profile (at most 1,000 characters).
mm-error-message = The message is too long (at most 1,000 characters).
mm-error-slot-times = Write the day as 2026-12-03 and the times as 10:00 and 10:20; a slot is 5 minutes to 4 hours and ends after it starts.
mm-error-slot-outside = The slot is not on one of the event's days.
mm-error-slot-overlap = The slot overlaps another slot.
mm-error-self = You cannot ask yourself for a meeting.
mm-error-not-registered = Both of you must be registered for the matchmaking.
mm-error-duplicate = There is already an open request between you two.
mm-error-not-yours = Only the person asked can answer, and only the one who asked can withdraw.
mm-error-answered = The request has already been answered.
mm-error-no-slot = Pick a slot to accept the meeting.
mm-error-slot-taken = That slot was just taken for one of you; pick another.
mm-error-slot-past = That slot has already started.
mm-error-closed = The event is over: matchmaking is closed.
mm-remove-slot = Remove
mm-remove-slot-label = Remove the slot { $when }
mm-done-slot-removed = The slot is removed.
mm-error-slot-booked = A meeting is booked in that slot: it stays. Ask the two to pick another slot first.
form-cancel = Cancel
actor-happenings = Meeting places, events and news
actor-events = Events it organises
label-sv = { $label } (Swedish)
label-en = { $label } (English)
post-any-tag = Any topic
post-words = Words in the post
filter-area = Focus area of the strategy
area-atlas-link = See these actors and their relations in the atlas

## Errors and security (added)
error-unsupported-media-type = The content was sent in a format this address does not accept. Send JSON. Nothing was changed.
org-number-invalid = Write the organisation number as ten digits, NNNNNN-NNNN, ending with the right check digit.
error-conflict = What you sent exists already or collides with something that exists. Nothing was changed.
error-refused = Something you chose does not exist, or the details break a rule. Check your choices and try again. Nothing was changed.
error-unknown-choice = The field { $field } holds a choice that does not exist. Choose from the options in the form. Nothing was changed.
field-unknown-choice = Choose from the options. One of the choices does not exist.
field-name-tags = “Topics”
field-name-areas = “Focus areas”
field-name-services = “Services”
field-name-premises = “Premises”
field-name-organisers = “Organisers”
field-name-actor = “Actor”
field-name-campus = “Campus”
field-name-area = “Focus area”
password-weak-repeated = The password is easy to guess because it repeats a character, a group of characters or a word. Use several different words.
password-weak-sequence = The password is easy to guess because it is a run of letters or digits in order. Use several different words.
password-weak-keyboard = The password is easy to guess because it follows a row or pattern of keys. Use several different words.
password-weak-words = The password is easy to guess because it is made of common words, names or passwords. Add more words that do not belong together.
password-weak-dates = The password is easy to guess because it is made of dates or years. Use several different words.
password-weak-predictable = The password is too easy to guess. Use several words that do not belong together.
token-scope = Permission
token-scope-read = Read only
token-scope-write = Read and change
token-expires = Expires
token-expires-never = Never
token-expired-on = Expired on { $date }
token-lifetime-days = { $days ->
    [one] In { $days } day
   *[other] In { $days } days
}
token-limits = An API token can never create new tokens, change the password, download a copy of your data or erase the account. You can do that only when signed in here. If you set a new password with a reset link, all your API tokens stop working.
mail-limit-address = Several links have already been asked for to this address in the last hour. Look in the inbox and the spam folder, or try again in an hour.
mail-limit-client = You have asked for many links in a short time. Try again in an hour.
## Statuses inside a sentence (lower case)
status-word-draft = draft
status-word-submitted = submitted
status-word-preparation = preparation
status-word-development = development
status-word-execution = execution
status-word-completed = completed
status-word-declined = declined
status-word-withdrawn = withdrawn
a11y-status-partial = Samverkan is partially compliant with the Act on accessibility to digital public services, because of the problems we describe under “Content that is not accessible”.
a11y-status-full = Samverkan is fully compliant with the Act on accessibility to digital public services.
a11y-h-help = What you can do if you cannot use parts of the website
a11y-help-1 = If you need content from Samverkan in another format, for example as text instead of a graph, or in a document that works with your assistive technology, contact us. Tell us which content you need and in what format. You can reach the programme office like this:
a11y-contact-email = E-mail:
a11y-contact-phone = Phone:
a11y-contact-form = The form for reporting problems, further down this page
a11y-response-time = We normally answer within { $days ->
    [1] one working day
    [2] two working days
    [3] three working days
    [4] four working days
    [5] five working days
    [10] ten working days
   *[other] { $days } working days
}.
a11y-help-data = You can also download the actors and relations of the atlas as spreadsheets (CSV files):
a11y-data-actors = Download the actors (CSV)
a11y-data-relations = Download the relations (CSV)
a11y-feedback-1 = We keep working to make the website more accessible. If you find problems that this page does not describe, or if you think that we do not meet the requirements of the law, we want to know. Write to us with the form below or contact us in one of the ways above.
a11y-enforcement-link = Report a lack of accessibility to Digg (in Swedish)
a11y-h-technical = Technical information about the website's accessibility
a11y-h-noncompliance = Non-compliance with the requirements of the law
a11y-noncompliance-none = We know of no failure to meet the requirements of the law.
a11y-h-burden = Disproportionate burden
a11y-burden-none = We do not claim the exemption for disproportionate burden for any content.
a11y-h-outofscope = Content outside the scope of the law
a11y-outofscope-none = We know of no content on the website that the law does not cover. Relations in the atlas often refer to sources on other organisations' websites. We are not responsible for those websites.
a11y-h-alternative = Content that meets the requirements through an accessible alternative
a11y-criteria = WCAG 2.1 success criteria: { $criteria }.
a11y-meanwhile = What you can do:
a11y-problem-graph = The network graph in the atlas is drawn with WebGL on a surface that screen readers cannot read, and you explore it with a mouse or touch. The colours in the graph tell kinds of actors and relations apart. The same actors and relations are in the table below the graph, which you can sort and filter with the keyboard. Every actor also has a page of its own, and the legend and the side panel give the colours in words. We therefore consider that the table meets these requirements.
a11y-problem-graph-meanwhile = Use the table below the graph. The link “{ $skip }” above the filters takes you there.
a11y-method-axe = The axe-core tool checks every page template against levels A and AA of WCAG 2.1, in Swedish and English and for visitors both signed out and signed in. It also checks the API documentation.
a11y-method-reflow = Every page template is shown in a window 320 pixels wide, which is what 400% magnification gives. The page must not need scrolling sideways.
a11y-method-keyboard = The tests move through several of the pages with the Tab key and check that the focus always shows clearly, with enough contrast. The main journeys are tested with the keyboard alone and without JavaScript.
a11y-method-lighthouse = Lighthouse checks sixteen of the main pages, in both its desktop and its mobile mode.
a11y-date-made = We made this statement on { $date }.
a11y-date-assessed = The website was last assessed on { $date }.
a11y-date-updated = The statement was last updated on { $date }.
a11y-date-published = The website was published on { $date }.
a11y-and = and
actor-all-events = { $count ->
    [one] The { $count } event
   *[other] All { $count } events
}
actor-all-news = { $count ->
    [one] The { $count } news item
   *[other] All { $count } news items
}
news-about = News about { $actor }.
title-error-prefix = Error:

# Writing the action plans
plan-save = Save
plan-back-to-area = Back to the focus area
plan-choose-none = (none)
plan-code = Code
plan-code-hint = The measure's number in the plan, for example 1.4. It cannot be changed later.
plan-indicator-code-hint = The indicator's code in the plan, for example 1.d. It cannot be changed later.
plan-error-code = Write a code of letters and digits separated by full stops, for example 1.4 (at most 20 characters).
plan-error-code-taken = Another measure or indicator already has this code. Choose another one.
plan-error-year = Write a year between 1990 and 2100.
plan-error-currency = Write a currency as three letters, for example SEK or EUR.
plan-error-negative = The amount cannot be negative.
plan-error-rows = At most { $max } rows.
plan-error-target-year = The target year must come after the baseline year.
plan-error-interim-year = An interim target must lie between the baseline year and the target year.
plan-error-interim-twice = This year already has an interim target.
plan-error-both-languages = Write the text in both Swedish and English, or leave both empty.
plan-error-reported = The measure has been reported on in a follow-up and cannot be removed. Set its status to Cancelled or Done to end it.
plan-error-version-date = A new version cannot take effect before the latest one ({ $date }).
area-edit-title = Edit the texts of { $area }
area-edit-intro = The texts describe the focus area in the action plan. Write them in both Swedish and English. Every change is recorded with who made it; record a new version of the plan when the revised plan is decided.
area-name = Name of the focus area
plan-measure-intro = A measure of the action plan: who is responsible, who contributes, when it runs, what it costs and which milestones and indicators show its progress. Every change is recorded with who made it.
plan-new-measure-title = New measure in { $area }
plan-measure-title = Plan of { $measure }
plan-funding = Funding source
plan-funding-hint = Where the money comes from, for example the region's budget or an EU programme. Leave empty when not decided.
plan-budget-legend = Budget
plan-budget = Amount
plan-budget-hint = A number, for example 2 500 000. Leave empty when there is no budget.
plan-currency = Currency
plan-currency-hint = Three letters, for example SEK or EUR.
plan-contributor-n = Contributing actor { $n }
plan-milestone-n = Milestone { $n }
plan-milestone-title-sv = What is reached (in Swedish)
plan-milestone-title-en = What is reached (in English)
plan-milestone-due = Date
plan-milestone-status = Status of the milestone
milestone-status-planned = Planned
milestone-status-done = Reached
milestone-status-delayed = Delayed
milestone-status-cancelled = Cancelled
plan-moves = Indicators the measure moves
plan-measure-reported = The measure has been reported on in a follow-up. It stays in the plan; to end it, set its status to Cancelled or Done.
plan-measure-remove-link = Remove the measure from the plan
plan-measure-remove-title = Remove { $measure }
plan-measure-remove-intro = The measure has not been reported on in any follow-up, so it can be removed from the plan. Its removal is recorded with who made it, and earlier versions of the plan still show it.
plan-measure-remove = Remove the measure
plan-measure-keep = Keep the measure
plan-new-indicator-title = New indicator in { $area }
plan-auto = Counted by Samverkan
plan-auto-none = No, the values are reported
plan-auto-hint = Samverkan can count some indicators itself from its own data; their values are then labelled as counted by the platform.
plan-interim-legend = Interim targets
plan-interim-year-n = Year of interim target { $n }
plan-interim-value-n = Value of interim target { $n }
plan-followed-measures = Measures the indicator follows
plan-versions-title = Versions of the action plan for { $area }
plan-versions-link = Versions of the action plan
plan-versions-lead = A version is the action plan as it was decided from a given day. Earlier versions stay readable, and each says what changed from the one before.
plan-versions-none = No version of the plan has been recorded yet.
plan-versions-since-last = Changed since the latest version
plan-version-n = Version { $number }
plan-version-title = Action plan for { $area }, version { $number }
plan-version-in-force = In force
plan-version-future = Not yet in force
plan-version-from = In force from { $date }
plan-version-by-office = Programme office
plan-version-changes = What changed
plan-version-first = The first recorded version.
plan-version-new = Record a new version
plan-version-intro = Record the plan as it stands now as a new version: from which day it applies and why it was revised. The version cannot be changed afterwards.
plan-version-legend = The new version
plan-version-valid-from = In force from
plan-version-reason-sv = Reason for the revision (in Swedish)
plan-version-reason-en = Reason for the revision (in English)
plan-version-submit = Record the version
plan-version-saved = The version has been recorded.
plan-version-no-measures = The plan had no measures.
plan-version-no-indicators = The plan had no indicators.
plan-field-name = name
plan-field-current_state = current state
plan-field-strengths = regional strengths
plan-field-desired_state = desired state
plan-field-development_needs = development needs
plan-field-title = title
plan-field-description = description
plan-field-responsible = responsible actor
plan-field-contributors = contributing actors
plan-field-start = start
plan-field-end = end
plan-field-status = status
plan-field-budget = budget
plan-field-funding = funding source
plan-field-milestones = milestones
plan-field-unit = unit
plan-field-direction = direction
plan-field-baseline = baseline
plan-field-target = target
plan-field-interim = interim targets
plan-field-source = source
plan-field-auto = automatic count
plan-field-measures = measures followed
plan-change-texts-changed = The area's texts changed: { $fields }.
plan-change-texts-added = The area's texts were written.
plan-change-texts-removed = The area's texts were removed.
plan-change-measure-added = Measure { $code } was added.
plan-change-measure-removed = Measure { $code } was removed.
plan-change-measure-changed = Measure { $code } changed: { $fields }.
plan-change-indicator-added = Indicator { $code } was added.
plan-change-indicator-removed = Indicator { $code } was removed.
plan-change-indicator-changed = Indicator { $code } changed: { $fields }.
assessment-title = The programme office's assessment of { $area }, { $year }
assessment-intro = The programme office's word on the focus area for this year: what went well, what is behind and what changes. It goes into the yearly report. Write each text in both Swedish and English, or leave it empty.
assessment-went-well = What went well
assessment-behind = What is behind
assessment-changes = What changes
assessment-back = Back to the follow-up
foreword-title = Foreword of the report for { $year }
foreword-intro = The foreword opens the yearly report. Write it in both Swedish and English, or leave both empty.
foreword-sv = Foreword in Swedish
foreword-en = Foreword in English
auto-sme_requests_completed = Access requests from small companies completed, per year
auto-requests_received = Access requests sent for the area's services, per year
auto-requests_completed = Access requests completed for the area's services, per year
auto-request_first_answer_days = Median days to the first answer on access requests for the area's services
auto-smes_served = Small companies that completed an access request, per year
auto-matchmaking_meetings = One-to-one matchmaking meetings held, per year
auto-posts_answered = Partner posts that someone answered, per year
auto-events_on_campuses = Events held on a campus, per year
counted-how = How Samverkan counts this
counted-how-intro = Samverkan runs this query against its own database:
counted-rule-count = Each calendar year (Stockholm time) of the column at gets the number of rows.
counted-rule-distinct = Each calendar year (Stockholm time) of the column at gets the number of different values of who.
counted-rule-median = Each calendar year (Stockholm time) of the column at gets the median of value.
counted-param-area = $1 is the focus area's short name ({ $area }).
counted-param-now = $1 is the moment the page is shown, so that only what has already taken place is counted.
plan-measure-remove-confirm = Confirm the removal with the button below.
plan-edit-texts = Edit the area's texts
plan-add-measure = Add a measure
plan-add-indicator = Add an indicator
plan-write-links = Write the action plan
plan-version-line = Version { $number } of the action plan, in force from { $date }.
plan-saved = The action plan has been saved.
plan-measure-removed = The measure has been removed from the plan.
plan-edit-measure = Edit the measure's plan
plan-milestones = Milestones
indicator-interim = Interim targets
report-narrative-en = The same in English
report-narrative-en-hint = Optional. The English report shows this text; without it, it shows the text above and says which language it is written in.
report-written-in = (written in { $language })
language-sv = Swedish
language-en = English
report-foreword = Foreword
report-assessment = The programme office's assessment
report-assessment-links = The programme office's assessments
report-foreword-link = Write the foreword
report-assessment-link = Write the assessment of { $area }
report-table-area = Focus area
report-table-indicator = Indicator
report-table-unit = Unit
report-table-baseline-year = Baseline year
report-table-target-year = Target year
report-table-value = Value
report-table-yes = yes
report-sheet-measures = Measures
report-sheet-indicators = Indicators
report-sheet-values = Indicator values
report-download-docx = Word document (.docx) to edit
report-download-xlsx = Tables as an Excel workbook (.xlsx)
report-download-csv = Tables as CSV:
report-download-csv-measures = measures
report-download-csv-indicators = indicators
report-download-csv-values = indicator values
who-title = Who does what in the action plans
who-lead = Every actor named in a measure, focus area by focus area: responsible for the measure, or contributing to it.
who-none = No measure names an actor yet.
who-caption = Actors and their measures by focus area
who-actor = Actor
who-nothing = No measure
who-part-responsible = responsible
who-part-contributes = contributes
actor-strategy = In the strategy's action plans
actor-strategy-lead = The measures this actor is responsible for or contributes to. All actors:
plan-error-indicator-reported = A follow-up has reported values for the indicator, so it cannot be removed. Leave it in the plan and add the indicator that replaces it.
plan-indicator-reported = A follow-up has reported values for this indicator. It stays in the plan, so that the reports keep their figures.
plan-indicator-remove-link = Remove the indicator from the plan
plan-indicator-remove-title = Remove { $indicator }
plan-indicator-remove-intro = No follow-up has reported a value for the indicator, so it can be removed from the plan, with the values that came with the built-in data. Its removal is recorded with who made it, and earlier versions of the plan still show it.
plan-indicator-remove = Remove the indicator
plan-indicator-keep = Keep the indicator
plan-indicator-removed = The indicator has been removed from the plan.
report-example-year = The follow-up of { $year } is an example that comes with Samverkan, so that the yearly cycle, the report and its files can be seen before the programme office has run a year of its own. The reports are on the example measures only, and the foreword and assessments are written the way the office would write them.
plan-import-title = Import an action plan from a spreadsheet
plan-import-lead = Move a plan kept in Excel or another spreadsheet into Samverkan: a workbook (.xlsx) with a sheet named measures and a sheet named indicators, or one CSV file of either. Rows with a code the area already has update that measure or indicator; other rows add one. Nothing is removed. Check the file first: you see row by row what would happen, or every problem with its sheet, row and column.
plan-import-file = Workbook or CSV file
plan-import-file-hint = The columns are those of the exported plan; download it below and use it as a template. At most 20 MB.
plan-import-dry-run = Only check the file, import nothing
plan-import-submit = Send the file
plan-import-export = Download the plans as a workbook (the layout to import)
plan-import-layout = The layout is described column by column in the import guide.
plan-import-checked = The file is correct. Nothing has been imported yet: untick "Only check the file" and send it again to import it.
plan-import-done = The plan has been imported.
plan-import-counts-measures = Measures: { $created } new, { $updated } updated.
plan-import-counts-indicators = Indicators: { $created } new, { $updated } updated.
plan-import-problems = The file has { $count ->
    [one] one problem
   *[other] { $count } problems
}. Nothing has been imported.
plan-import-sheet-measures = Measures
plan-import-sheet-indicators = Indicators
plan-import-at = { $sheet }, row { $row }
plan-import-at-column = { $at }, column { $column }
plan-import-not-a-workbook = The file is not a workbook that can be read (.xlsx).
plan-import-no-sheet = The workbook has no sheet named measures or indicators (or Insatser, Indikatorer).
plan-import-unknown-table = The CSV file's first row must name the columns; a file of measures has the column responsible, a file of indicators the column direction.
plan-import-empty = The file has no rows to import.
plan-import-unknown-area = There is no focus area with the short name “{ $area }”.
plan-import-twice = The code { $code } is already on row { $row }.
plan-import-unknown-measure = The area has no measure { $code }, and the file does not add one.
plan-import-changed = The plan changed while the file was being imported. Check the file again.
plan-import-measure-created = measure { $code }, new
plan-import-measure-updated = measure { $code }, updated
plan-import-indicator-created = indicator { $code }, new
plan-import-indicator-updated = indicator { $code }, updated
plan-export-title = Action plans: measures and indicators
plan-import-link = Import a plan from a spreadsheet

## The way in, self-service: requests that reach the office, forwards, overdue requests
request-done-sent-office = The request is sent. { $provider } has no manager in Samverkan yet, so it went to the programme office, which will forward it to the right people. You will get an e-mail when it moves.
request-done-sent = The request is sent. The managers of { $provider } have been notified by e-mail.
request-done-forwarded = The request is forwarded. The managers of { $provider } and the company have been notified by e-mail.
request-done-forwarded-office = The request is forwarded to { $provider }, which has no manager in Samverkan either: it stays in the programme office's inbox. The company has been notified.
request-notified = Notified
request-notified-managers = The managers of { $provider }
request-notified-office = The programme office ({ $provider } has no manager in Samverkan)
request-forward-title = Forward to another infrastructure
request-forward-intro = The programme office can send the request on to the infrastructure that fits it before anyone has taken it up. Its checklist is made again from the new owner's rules, and the company is told.
request-forward-to = Forward to
request-forward-reason = Note to the company (optional)
request-forward-reason-hint = For example why the other infrastructure fits the need better.
request-forward-submit = Forward the request
request-error-forward-status = A request that is { $status } can no longer be forwarded: decline it with a reason instead.
request-error-forward-office = Only the programme office forwards requests.
request-error-forward-same = The request is already with that infrastructure: choose another one.
history-forwarded = Forwarded from { $from }
mail-request-forwarded-provider = The programme office has forwarded the access request “{ $title }” to { $to }. Please answer it.
mail-request-forwarded-company = The programme office has forwarded your access request “{ $title }” to { $to }, which you will hear from.
mail-overdue-subject = Access requests waiting for an answer
mail-overdue-intro = { $count ->
    [one] One access request has waited more than { $days } working days for a first answer:
   *[other] { $count } access requests have waited more than { $days } working days for a first answer:
}
mail-overdue-line = “{ $title }” to { $provider }
mail-overdue-days = { $days } working days
figures-error-title = The period could not be used
figures-error-date = { $field } must be a date written YYYY-MM-DD, for example 2026-01-31.
figures-error-order = The end of the period comes before its start.
figures-from = From
figures-to = To (inclusive)
figures-period = Period
figures-period-show = Show the period
figures-period-all = The figures below cover every request that has been sent.
figures-period-text = The figures below cover requests sent from { $from } to { $to }.
figures-csv = Download the period's requests (CSV)
figures-inbox = The programme office's inbox
figures-inbox-intro = Requests sent to an infrastructure that has no manager in Samverkan. Open one to forward it.
figures-inbox-empty = No request is waiting for the office.
figures-unanswered = Waiting for a first answer
figures-unanswered-intro = Open requests no infrastructure has answered yet, oldest first. A request is overdue after { $days } working days (weekends and Swedish public holidays left out); the office gets a daily e-mail while any is.
figures-unanswered-none = Every sent request has been answered.
figures-overdue-count = { $count ->
    [one] One request is overdue.
   *[other] { $count } requests are overdue.
}
figures-overdue = Overdue
figures-sent = Sent
figures-waited = Waited
figures-working-days = { $days ->
    [one] 1 working day
   *[other] { $days } working days
}

## Companies that register themselves, and the office's review
signup-company-legend = My company is not in the atlas (optional)
company-org-number = Organisation number
company-org-number-hint = Ten digits, NNNNNN-NNNN, as in the Swedish Companies Registration Office's register. Leave the company's fields empty if your company is already in the atlas.
company-org-number-invalid = This is not a Swedish organisation number: it has ten digits, NNNNNN-NNNN, and the last one is a check digit. Check for a mistyped digit.
company-org-number-taken = A company with this organisation number is already in the atlas: { $name }. Ask a colleague there, or the programme office, to invite you as a member.
company-name = The company's name
company-name-letters = Write the company's name with at least one letter or digit.
company-size = Size
company-size-hint = The number of people who work at the company.
company-campus = Campus
company-campus-none = Not on a campus
size-micro = Fewer than 10 people
size-small = 10–49 people
size-medium = 50–249 people
size-large = 250 people or more
company-register-title = Register your company
company-register-intro = Register the company you work for if it is not in the atlas yet. It appears in the atlas at once, marked as registered by the company until the programme office has reviewed it, and you become its member and editor: you can send access requests right away and complete its profile.
company-register-submit = Register the company
company-registered-title = Your company is registered
company-registered = { $name } is in the atlas, and you are its member and editor: you can send access requests for it now. The programme office will review the registration.
company-registered-find = Find an infrastructure or service
company-registered-profile = Complete the company's profile
company-registration-failed = The company you typed at sign-up could not be registered: { $reason } You can register it from the request form.
company-unreviewed = Registered by the company, not yet reviewed
company-review-title = New companies to review
company-review-lead = Companies that registered themselves. Approve a company that is what it says, merge it into the actor it already is in the atlas (its people and requests move there), or reject it with a reason that is e-mailed to the people who registered it (its requests are removed).
company-review-empty = No company is waiting for review.
company-review-refused = The review could not be saved
company-registered-by = Registered by
company-registered-on = Registered
company-requests-sent = Requests sent
company-similar = Actors with similar names:
company-approve = Approve
company-merge-into = Merge into
company-merge-hint = The actor's short name in its address (for example karolinska-institutet) or its organisation number.
company-merge = Merge
company-reject-reason = Reason for rejecting
company-reject-hint = Sent by e-mail to the people who registered the company.
company-reject = Reject
company-review-done-approved = The company is approved.
company-review-done-merged = The company is merged: its people and requests are now the actor's.
company-review-done-rejected = The company is rejected and the people who registered it have been told why.
company-review-not-waiting = That company is no longer waiting for review: someone has just reviewed it.
company-review-no-target = There is no such actor to merge into: give the short name in its address or its organisation number (and not the company itself).
company-review-in-use = The company is responsible for a measure in an action plan: move the measure to another actor first, or merge the company instead.
company-review-reason-required = Write the reason for rejecting: it is sent to the people who registered the company.
mail-company-rejected-subject = Your company's registration in Samverkan
mail-company-rejected = The programme office has not approved the registration of { $name } in Samverkan, for this reason: { $reason }


## What companies decide on: price model, price, lead time, readiness levels, equipment, documents
pricing-free = Free of charge
pricing-fixed_price = Fixed price
pricing-hourly = Hourly rate
pricing-quote = Quote for each request
offer-legend = What companies decide on
offer-price-low = Indicative price, from
offer-price-high = Indicative price, to
offer-price-hint = Whole amounts in the currency below, without spaces; per hour for an hourly rate. Leave both empty if you do not state a price.
offer-currency = Currency
offer-currency-hint = A three-letter ISO 4217 code, for example SEK or EUR.
offer-lead-weeks = Typical lead time in weeks
offer-lead-weeks-hint = From an agreed request to the start of the work.
offer-trl-low = Lowest technology readiness level served
offer-trl-high = Highest technology readiness level served
offer-equipment-sv = Equipment and methods (Swedish)
offer-equipment-en = Equipment and methods (English)
offer-documents-sv = Documents to prepare (Swedish)
offer-documents-en = Documents to prepare (English)
offer-lines-hint = One per line.
offer-error-number = Write a whole number from 0 to { $max }, without spaces or decimals.
offer-error-currency = Write the currency as a three-letter ISO 4217 code, for example SEK.
offer-error-price-order = The price range ends below where it starts.
offer-error-price-both = Give both ends of the price range, or neither.
offer-error-trl = The highest level must be at least the lowest, both from 1 to 9.
offer-error-trl-both = Choose both the lowest and the highest level, or neither.
offer-price = Indicative price
offer-price-range = { $range } { $currency }
offer-price-per-hour = { $range } { $currency } per hour
offer-lead-short = { $weeks ->
    [one] 1 week
   *[other] { $weeks } weeks
}
offer-lead-at-most = { $weeks ->
    [one] At most 1 week
   *[other] At most { $weeks } weeks
}
offer-lead-filter = Lead time
offer-trl = Technology readiness levels
offer-trl-one = TRL { $level }
offer-trl-range = TRL { $low }–{ $high }
offer-trl-filter = Your technology readiness level
offer-trl-filter-hint = TRL 1 is an idea, TRL 9 a product in use. Only services that serve your level are shown.
trl-level = TRL { $level }
offer-equipment = Equipment and methods
offer-documents = Documents to prepare
service-reviewed = You last saw this service was current on { $date }.
service-stale = Not reviewed since { $date }: check that price, lead time and capacity are still right, then save the service or confirm it is current.
service-still-current = The service is current
mail-stale-service-subject = Is “{ $name }” still current?
mail-stale-service = No manager has reviewed the service “{ $name }” in Samverkan for a year. Companies choose by its price, lead time and capacity: please check them and save the service, or confirm on its page that it is current.

## Agreements filled in for a request
agreement-blank-provider = Organisation name
agreement-blank-provider_org_number = number
agreement-blank-ownership = form
agreement-blank-company = Company name
agreement-blank-company_org_number = number
agreement-blank-service = description
agreement-blank-title = Title of the matter
agreement-blank-start = date
agreement-filled-title = { $document } – { $request }
agreement-documents = Agreements filled in for this request
agreement-documents-intro = The checklist's templates with the parties, the service, the request's title and the desired start filled in, in the request's language. They are outlines to adapt with your lawyers, not legal advice.
agreement-download = { $document }: Word (.docx) · PDF
agreement-word = Word (.docx)
agreement-pdf = PDF

## Owners publish premises
role-owner = Property owner
use-production = Production
date-hint = A date written YYYY-MM-DD, for example 2027-03-01.
premises-slug-hint = The listing's short name in its address: lowercase letters, digits and hyphens, for example locum-solna-lab-4.
premises-safety-level = Biosafety level
premises-safety-level-hint = For a laboratory: the highest protection level (skyddsnivå 1–4) it is built for under the Swedish Work Environment Authority's rules on microbiological work.
premises-safety-n = Protection level { $level }
premises-area-field = Area in square metres
premises-rent-field = Rent per square metre and year (SEK)
premises-rent-hint = Excluding VAT; leave empty if you do not state a rent.
premises-rent = Rent
premises-rent-value = { $amount } SEK per m² and year
premises-name-field = Name of the listing
premises-description-field = Description
premises-form-intro = A listing appears at once in the catalogue of premises, in search and the need matching, and on its campus page. End it when the premises are let.
premises-save = Save the listing
premises-error-safety-not-lab = Only a laboratory has a biosafety level: choose the use "Laboratory" or "Laboratory and office", or leave the level empty.
premises-error-number = Write a whole number from 1 to { $max }, without decimals.
premises-new-title = New premises listing
premises-edit-title = Edit “{ $name }”
premises-edit = Edit the listing
premises-add = Publish premises for { $owner }
premises-saved = The listing is saved and published.
premises-ended = The listing is ended: it is no longer in the catalogue or search.
premises-ended-public = This listing has ended: the premises are no longer offered.
premises-public-page = The listing's page
premises-end-title = End the listing
premises-end-intro = When the premises are let or no longer offered, end the listing. Requests already sent about it keep it.
premises-end = End the listing
photos-title = Photos
photos-none = No photos yet.
photo-file = Photo
photo-file-hint = JPEG or PNG, at most 10 MB. It is scaled to at most 1,600 pixels and saved anew, without the camera's metadata (such as where it was taken).
photo-alt-sv = Description of the photo in Swedish
photo-alt-en = Description of the photo in English
photo-alt-hint = What the photo shows, for people who cannot see it, for example "Lab bench with fume cupboard, windows to the south".
photo-add = Add the photo
photo-remove = Remove the photo
photo-added = The photo is added.
photo-removed = The photo is removed.
photo-refused = The photo could not be added
photo-error-alt = Describe the photo in both Swedish and English: the descriptions are read out to people who cannot see it.
photo-error-many = A listing has at most { $max } photos: remove one first.
photo-error-empty = Choose a photo to upload.
photo-error-large = The photo is larger than 10 MB: make it smaller and try again.
photo-error-type = The file is not a JPEG or PNG image.
photo-error-unreadable = The image could not be read: it may be damaged, or larger than 12,000 pixels on a side.
campus-premises = Premises offered on the campus

## Matching that knows when it does not know
match-office-title-none = Help me find the right door
match-office-title = Not the right door?
match-office-text = Send your need to the programme office as a request: it reads it and forwards it to the infrastructure, service or partner that fits, and you follow it under your requests. Your need is filled in already.
match-office-send = Send the need to the programme office
match-weak = Less likely
match-weak-intro = These share only a little of your need’s wording, or do not meet your terms: look at them before you ask.

## The request page at a glance
request-jump-conversation = Conversation
checklist-stage-progress = { $done } of { $total } done
request-company-label = Company
requests-lead-company = Requests you have sent for your company. A request is visible only to the company, the infrastructure's managers and the programme office.
requests-lead-manager = Requests to the infrastructures you manage, the newest change first. Filter on “Sent” for those waiting for your answer.
requests-lead-office = Every sent request, to every infrastructure. The office's inbox and the requests waiting too long are on the figures page.
requests-lead-none = You do not send or answer requests yet: requests are sent for a company and answered by an infrastructure's managers.
news-undated = Date not known
news-published-hint = Write the date as YYYY-MM-DD, for example 2026-12-03. Leave it empty when the date is not known: the item is then listed after the dated ones.
news-edit = Edit the news item
news-item-page = The news item
news-image-title = Image
news-image-none = The news item has no image.
news-image-file = Image
news-image-alt-hint = What the image shows, for people who cannot see it, for example "Two researchers at a lab bench".
news-image-add = Add the image
news-image-replace = Replace the image
news-image-replace-intro = A new image replaces this one.
news-image-remove = Remove the image
news-image-added = The image is saved.
news-image-removed = The image is removed.
news-image-refused = The image could not be saved
news-image-error-alt = Describe the image in both Swedish and English: the descriptions are read out to people who cannot see it.
news-image-after-save = You can add an image once the news item is saved.

## The office runs people
people-title = People
people-lead = Every account, with its roles. Give a role for an organisation or take it away, deactivate an account, or send a new invitation link.
people-search = Name or e-mail address
people-count = { $count ->
    [one] 1 person
   *[other] { $count } people
}
people-none = No account matches.
people-roles = Roles
people-status = Status
people-status-active = Active
people-status-deactivated = Deactivated
people-status-unconfirmed = Address not confirmed
people-created = Account created
people-no-roles = No roles.
people-revoke = Take the role away
people-grant-title = Give a role
people-grant = Give the role
people-actor-hint = Every role but administrator is held for one organisation.
people-account-title = The account
people-invite = Send a new invitation link
people-deactivate = Deactivate the account
people-reactivate = Reactivate the account
people-refused = The change could not be made
people-done-granted = The role is given.
people-done-revoked = The role is taken away.
people-done-deactivated = The account is deactivated: it can no longer sign in, and its sessions and API tokens have ended.
people-done-reactivated = The account is active again.
people-done-invited = A new invitation link has been sent.
people-error-role = Choose a role.
people-error-own-admin = You cannot take away your own administrator role: ask another administrator.
people-error-own-account = You cannot deactivate your own account.
people-error-not-held = The person does not hold that role.
people-error-invite-deactivated = The account is deactivated: reactivate it first.
login-deactivated = This account has been deactivated by the programme office. Contact the office if you need it again.
match-companies = Companies whose competences fit
match-companies-intro = Possible partners rather than doors: their profiles name what your need is about.
match-posts = Partner posts that may fit
offer-price-filter = Price from at most (SEK)
offer-price-filter-hint = Services whose indicative price in Swedish kronor starts at or below this amount (per hour for an hourly rate).
match-terms = Your terms (optional)
match-terms-hint = Only services that meet these are offered as doors; the others are listed as less likely. You can also write them in the need: “TRL 4”, “free of charge”, “within 4 weeks”, “under 50 000 kr”.
match-terms-read = Read from your need: { $terms }. A field you set above takes precedence.
match-terms-only = Your need names only terms (price, lead time, readiness level). Say what the work is about as well, or browse the catalogue with these terms.
match-term-price = price from at most { $price } SEK
match-reason-terms = it meets your terms
match-reason-unmet = it does not meet your terms on { $terms }
term-pricing = price model
term-lead = lead time
term-trl = readiness level
term-price = price
