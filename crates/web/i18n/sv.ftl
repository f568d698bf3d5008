# Samverkan – svenska texter. Varje nyckel måste finnas även i en.ftl.

## Ramen
site-description = Samverkan visar Stockholmsregionens life science-ekosystem: aktörer, relationer och campus.
site-tagline = Life science i Stockholmsregionen
skip-to-content = Hoppa till innehållet
nav-label = Huvudmeny
nav-home = Start
nav-actors = Aktörer
nav-campuses = Campus
nav-api = Öppna data (API)
footer-about = Samverkan är en öppen plattform för Stockholmsregionens life science-kluster. Innehållet bygger på offentliga källor; uppgifter som saknas lämnas tomma.
footer-api = API-dokumentation

## Start
home-title = Start
home-heading = Hitta rätt i Stockholms life science-ekosystem
home-lead = Universitet, sjukhus, forskningsinfrastrukturer, företag och finansiärer – vem som finns var, och hur de hänger ihop, campus för campus.
home-search-label = Sök aktör
home-search-placeholder = Till exempel Vecura, cellterapi eller KTH
search-button = Sök
home-campuses = Campus
home-kinds = Aktörer efter typ
home-about-title = Om Samverkan
home-about = Region Stockholm vill att regionen ska bli en av världens fem ledande life science-regioner. Samverkan samlar ekosystemets aktörer och relationer på ett ställe så att företag, forskare och vården lättare hittar varandra.
stat-actors = { $count ->
    [one] 1 aktör
   *[other] { $count } aktörer
}
stat-relations = { $count ->
    [one] 1 relation
   *[other] { $count } relationer
}
stat-campuses = { $count ->
    [one] 1 campus
   *[other] { $count } campus
}

## Aktörslistan
actors-title = Aktörer
actors-lead = Organisationerna i ekosystemet. Filtrera på typ, campus, ägarform eller kompetens.
actors-count = { $count ->
    [one] 1 aktör
   *[other] { $count } aktörer
}
actors-count-filtered = { $count ->
    [0] Inga aktörer matchar filtren
    [one] 1 aktör matchar filtren
   *[other] { $count } aktörer matchar filtren
}
actors-none = Prova att ta bort något filter eller söka på ett kortare ord.
filters-title = Filter
filter-text = Namn innehåller
filter-kind = Typ
filter-campus = Campus
filter-ownership = Ägarform
filter-tag = Kompetens
filter-any = Alla
filter-apply = Visa
filter-clear = Rensa filter
pagination-label = Sidor
page-prev = Föregående sida
page-next = Nästa sida
page-of = Sida { $page } av { $pages }

## Aktörssidan
breadcrumbs-label = Du är här
actor-about = Om aktören
actor-relations = Relationer
actor-no-relations = Inga relationer är registrerade ännu.
actor-relations-caption = { $count ->
    [one] 1 relation
   *[other] { $count } relationer
}
relation-col-type = Relation
relation-col-actor = Aktör
relation-col-period = Period
source-public-record = Offentligt känd uppgift
relation-col-source = Källa
actor-contacts = Kontaktpersoner
actor-facts = Fakta
actor-kind = Typ
actor-ownership = Ägarform
actor-campuses = Campus
actor-website = Webbplats
actor-org-number = Organisationsnummer
actor-address = Adress
actor-tags = Kompetenser
actor-json = Den här aktören som JSON
unknown = Uppgift saknas
none = Inget
period-range = { $since }–{ $until }
period-since = sedan { $since }
period-until = till och med { $until }

## Campus
campuses-title = Campus
campuses-lead = Områdena där regionens life science-aktörer finns.
campus-municipality = Kommun: { $municipality }
campus-actors = Aktörer på campus
campus-filter-link = Visa aktörerna i listan med filter

## Fel
error-status = Felkod { $status }
error-go-home = Till startsidan
error-go-actors = Till aktörslistan
error-not-found-title = Sidan finns inte
error-bad-request-title = Felaktig förfrågan
error-internal-title = Något gick fel
error-unavailable-title = Tjänsten är inte tillgänglig
error-not-found = Vi hittar inte det du letar efter. Adressen kan vara felstavad eller sidan borttagen.
error-internal = Ett oväntat fel inträffade hos oss. Ingenting har ändrats. Försök igen om en stund.
error-unavailable = Tjänsten kan inte nå sin databas just nu. Försök igen om en stund.
error-param-number = Parametern { $param } måste vara ett heltal.
error-param-range = Parametern { $param } måste vara ett heltal från { $min } till { $max }.
error-param-unknown = Parametern { $param } har ett okänt värde. Tillåtna värden: { $allowed }.
error-param-slug = Parametern { $param } är inte en giltig identifierare (små bokstäver a–z, siffror och bindestreck).
error-param-too-long = Parametern { $param } är för lång (högst { $max } tecken).
error-param-malformed = Adressens frågedel kunde inte läsas (ogiltig teckenkodning).

## Aktörstyper (singular)
kind-university = Universitet eller högskola
kind-hospital = Sjukhus eller vårdgivare
kind-company_sme = Litet eller medelstort företag
kind-company_large = Stort företag
kind-infrastructure = Forskningsinfrastruktur eller testbädd
kind-incubator = Inkubator eller science park
kind-funder = Finansiär eller investerare
kind-public_authority = Offentlig aktör
kind-foundation = Stiftelse
kind-patient_organisation = Patientorganisation
kind-real_estate = Fastighetsägare
kind-project = Projekt

## Aktörstyper (plural)
kinds-university = Universitet och högskolor
kinds-hospital = Sjukhus och vårdgivare
kinds-company_sme = Små och medelstora företag
kinds-company_large = Stora företag
kinds-infrastructure = Forskningsinfrastrukturer och testbäddar
kinds-incubator = Inkubatorer och science parks
kinds-funder = Finansiärer och investerare
kinds-public_authority = Offentliga aktörer
kinds-foundation = Stiftelser
kinds-patient_organisation = Patientorganisationer
kinds-real_estate = Fastighetsägare
kinds-project = Projekt

## Ägarformer
ownership-state_agency = Statlig myndighet
ownership-region = Region
ownership-municipality = Kommun
ownership-state_owned_company = Statligt ägt bolag
ownership-region_owned_company = Regionägt bolag
ownership-private = Privat
ownership-foundation = Stiftelse

## Relationer, lästa från aktören (ut) och mot aktören (in)
relation-part_of-out = Är en del av
relation-part_of-in = Har som del
relation-located_at-out = Finns i
relation-located_at-in = Rymmer
relation-hosts-out = Är värd för
relation-hosts-in = Har som värd
relation-collaborates_with-out = Samarbetar med
relation-collaborates_with-in = Samarbetar med
relation-funds-out = Finansierar
relation-funds-in = Finansieras av
relation-spin_off_of-out = Avknoppning från
relation-spin_off_of-in = Har avknoppningen
relation-member_of-out = Medlem i
relation-member_of-in = Har som medlem
relation-partner_in_project-out = Partner i projektet
relation-partner_in_project-in = Har som projektpartner
relation-owns-out = Äger
relation-owns-in = Ägs av
relation-runs-out = Driver
relation-runs-in = Drivs av
