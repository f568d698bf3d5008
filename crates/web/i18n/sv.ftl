# Samverkan – svenska texter. Varje nyckel måste finnas även i en.ftl.

## Ramen
site-description = Samverkan visar Stockholmsregionens life science-ekosystem: aktörer, relationer och campus.
site-tagline = Life science i Stockholmsregionen
skip-to-content = Hoppa till innehållet
nav-label = Huvudmeny
nav-home = Start
nav-actors = Aktörer
nav-campuses = Campus
nav-atlas = Atlas
nav-api = Öppna data (API)
footer-about = Samverkan är en öppen plattform för Stockholmsregionens life science-kluster. Innehållet bygger på offentliga källor; uppgifter som saknas lämnas tomma.
footer-api = API-dokumentation

## Start
home-title = Start
home-heading = Hitta rätt i Stockholms life science-ekosystem
home-lead = Universitet, sjukhus, forskningsinfrastrukturer, företag och finansiärer – vem som finns var, och hur de hänger ihop, campus för campus.
home-search-label = Sök aktörer, infrastrukturer, tjänster och lokaler
home-search-placeholder = Till exempel Vecura, cellterapi eller labblokaler
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

## Konto och inloggning
login-title = Logga in
login-submit = Logga in
login-forgot = Glömt lösenordet?
login-signup = Skapa ett konto
login-failed = Fel e-postadress eller lösenord.
login-locked = Kontot är tillfälligt låst efter för många misslyckade försök. Försök igen om { $minutes } minuter eller återställ lösenordet.
login-throttled = För många misslyckade inloggningar från din anslutning. Vänta { $minutes } minuter och försök igen.
login-unverified = Bekräfta din e-postadress först. Vi har skickat en ny länk.
login-sso = Logga in med din organisations konto (enkel inloggning)
sso-title = Enkel inloggning
sso-provider-failed = Din organisations inloggningstjänst svarade inte som väntat. Försök igen om en stund, eller logga in med ditt lösenord.
sso-cancelled = Inloggningen avbröts hos din organisations inloggningstjänst. Inget har ändrats.
sso-stale = Den här inloggningen har gått ut eller påbörjades i en annan webbläsare. Börja om från inloggningssidan.
sso-unverified = Din organisations inloggningstjänst bekräftade inte din e-postadress, så vi kan inte avgöra vilket konto som är ditt.
sso-no-account = Det finns inget Samverkan-konto för { $email }. Be programkontoret om en inbjudan, eller skapa först ett konto med den adressen.
sso-locked = Kontot är låst en stund efter för många misslyckade försök. Försök igen senare eller välj ett nytt lösenord.
sso-back-to-login = Tillbaka till inloggningssidan
logout-submit = Logga ut
signup-title = Skapa konto
signup-intro = Med ett konto kan du hålla din organisations uppgifter aktuella och använda API:et.
signup-submit = Skapa konto
signup-have-account = Har du redan ett konto? Logga in
signup-sent-title = Kolla din e-post
signup-sent = Vi har skickat ett meddelande till { $email }. Följ länken i det för att bekräfta adressen.
verify-title = Bekräfta e-postadress
verify-intro = Bekräfta att e-postadressen är din.
verify-submit = Bekräfta
reset-title = Välj nytt lösenord
reset-intro = Välj ett nytt lösenord. Alla dina inloggningar avslutas.
reset-submit = Spara lösenordet
invitation-title = Välkommen till Samverkan
invitation-intro = Du har bjudits in. Välj ett lösenord för att ta emot inbjudan.
invitation-submit = Ta emot inbjudan
token-done-title = Klart
token-done-verify-title = E-postadressen är bekräftad. Du kan nu logga in.
token-done-reset-title = Lösenordet är bytt. Logga in med det nya lösenordet.
token-done-invitation-title = Inbjudan är mottagen. Logga in med ditt nya lösenord.
link-expired-title = Länken fungerar inte längre
link-expired = Länken har redan använts eller gått ut. Be om en ny.
forgot-title = Glömt lösenordet
forgot-intro = Skriv din e-postadress så skickar vi en länk för att välja nytt lösenord.
forgot-submit = Skicka länk
forgot-sent-title = Kolla din e-post
forgot-sent = Om adressen har ett konto har vi skickat en länk. Den gäller i en timme.
field-name = Namn
field-email = E-postadress
field-password = Lösenord
field-new-password = Nytt lösenord
field-password-confirm = Upprepa lösenordet
field-role = Roll
field-actor = Organisation
field-required = Fyll i fältet.
field-too-long = Högst { $max } tecken.
field-length = Fyll i mellan 1 och { $max } tecken.
field-choose = Välj ett av alternativen.
field-choose-placeholder = Välj…
email-invalid = Skriv en giltig e-postadress, till exempel namn@exempel.se.
url-invalid = Skriv en fullständig webbadress som börjar med https:// eller http://.
url-hint = Till exempel https://www.exempel.se
password-hint = Minst 12 tecken. Gärna flera ord. Vanliga eller läckta lösenord godtas inte.
password-too-short = Lösenordet måste ha minst { $min } tecken.
password-too-long = Lösenordet får ha högst { $max } tecken.
password-common = Lösenordet finns på en lista över vanliga eller läckta lösenord. Välj ett annat.
password-contains-email = Lösenordet får inte innehålla din e-postadress.
password-mismatch = Lösenorden är inte lika.
form-required = obligatoriskt
form-error-summary = Något behöver rättas
mail-verify-subject = Bekräfta din e-postadress för Samverkan
mail-verify-body = Hej { $name }! Bekräfta din e-postadress genom att öppna länken: { $link } – Länken gäller i 24 timmar. Har du inte skapat något konto kan du bortse från meddelandet.
mail-reset-subject = Välj nytt lösenord för Samverkan
mail-reset-body = Hej { $name }! Öppna länken för att välja ett nytt lösenord: { $link } – Länken gäller i en timme och kan användas en gång.
mail-invite-subject = Du är inbjuden till Samverkan
mail-invite-body = Du har bjudits in till Samverkan med rollen { $role }. Öppna länken för att välja lösenord: { $link } – Länken gäller i sju dagar.
mail-signup-exists-subject = Någon försökte skapa ett konto med din adress
mail-signup-exists-body = Det finns redan ett konto för den här adressen i Samverkan. Har du glömt lösenordet kan du välja ett nytt här: { $link }
account-title = Mitt konto
account-roles = Roller
account-admin = Administration
role-company = Företagsrepresentant
role-manager = Infrastrukturförvaltare
role-editor = Redaktör
role-reporter = Rapportör
role-admin = Administratör (programkontoret)
role-for = { $role } för { $actor }
tokens-title = API-nycklar
tokens-intro = Med en API-nyckel kan era egna system läsa och uppdatera era uppgifter via API:et, med dina roller.
token-shown-once = Kopiera nyckeln nu. Den visas bara den här gången.
token-create = Skapa API-nyckel
field-token-name = Namn på nyckeln
token-prefix = Början
token-created = Skapad
token-last-used = Senast använd
token-actions = Åtgärder
token-revoke = Återkalla { $name }
token-revoked = Återkallad
never = Aldrig
my-data-title = Mina uppgifter
my-data-intro = Du kan ladda ner allt vi har sparat om dig.
my-data-download = Ladda ner mina uppgifter (JSON)
erase-title = Radera mitt konto
erase-intro = Ditt konto och dina personuppgifter raderas. Ändringar du har gjort finns kvar i ändringsloggen, utan dina personuppgifter.
erase-confirm-label = Skriv din e-postadress för att bekräfta
erase-submit = Radera mitt konto
erase-confirm-mismatch = Adressen stämmer inte med ditt konto.
erase-done-title = Kontot är raderat
erase-done = Dina personuppgifter är raderade och du är utloggad.

## Inbjudningar
invite-title = Bjud in en person
invite-intro = Personen får ett e-postmeddelande med en länk för att välja lösenord.
invite-submit = Skicka inbjudan
invite-sent = Inbjudan är skickad till { $email }.
invite-no-actor = Ingen (bara för administratör)
invite-actor-hint = Rollen gäller för den här organisationen. Administratörer har ingen organisation.
invite-actor-needed = Välj vilken organisation rollen gäller för.
invite-admin-no-actor = En administratör gäller hela plattformen; välj ingen organisation.

## Redigering och historik
edit-title = Redigera { $name }
edit-intro = Ändringarna sparas alla på en gång och syns direkt. Varje ändring loggas.
edit-basics = Grunduppgifter
edit-place-and-competence = Campus och kompetenser
edit-contact-n = Kontaktperson { $n }
edit-relation-n = Relation { $n }
edit-submit = Spara ändringarna
edit-back = Tillbaka till aktören
field-name-sv = Namn på svenska
field-name-en = Namn på engelska
field-short-name = Förkortning
field-description-sv = Beskrivning på svenska
field-description-en = Beskrivning på engelska
field-role-sv = Roll på svenska
field-role-en = Roll på engelska
field-since = Från år
field-until = Till år
year-invalid = Skriv ett årtal med fyra siffror.
until-before-since = Slutåret kan inte vara före startåret.
relation-self = En aktör kan inte ha en relation till sig själv.
relation-duplicate = Samma relation finns redan.
relation-unknown-actor = Aktören finns inte.
org-number-taken = Organisationsnumret används redan av en annan aktör.
history-title = Ändringshistorik
history-of = Ändringshistorik för { $name }
audit-title = Ändringslogg
audit-count = { $count ->
    [one] 1 ändring
   *[other] { $count } ändringar
}
audit-when = När
audit-who = Vem
audit-object = Vad
audit-action = Åtgärd
audit-changes = Före → efter
audit-system = Systemet
audit-erased-user = Raderad användare
audit-object-type = Typ av objekt
audit-object-key = Objekt (slug eller id)
audit-who-email = Ändrat av (e-postadress)
audit-who-unknown = Inget konto använder adressen { $email }.
contact-erase = Radera personuppgifter
contact-erase-label = Radera personuppgifter för kontaktpersonen { $name }

## Fel (konto)
error-unauthorized-title = Logga in
error-unauthorized = Du behöver logga in för att göra det här.
error-forbidden-title = Inte tillåtet
error-forbidden = Ditt konto har inte behörighet att göra det här. Försöket har loggats.
error-csrf-title = Formuläret har gått ut
error-csrf = Formuläret kunde inte kontrolleras. Ladda om sidan och försök igen. Ingenting har ändrats.
error-bad-body = Förfrågans innehåll kunde inte läsas. Ingenting har ändrats.
error-method-not-allowed = Adressen tar inte emot den metoden. Allow-huvudet anger vilka den tar emot.
error-too-large = Förfrågan är för stor. Ingenting har ändrats.
error-invalid-field = Fältet { $field } godtogs inte: { $message }

## Integritet
privacy-title = Integritet och personuppgifter
privacy-p1 = Region Stockholm är personuppgiftsansvarig för Samverkan. Vi behandlar personuppgifter enligt dataskyddsförordningen (GDPR).
privacy-p2 = Besökare utan konto: vi sparar inga kakor för spårning. En sessionskaka sätts bara när du använder ett formulär, för att skydda mot förfalskade förfrågningar.
privacy-p3 = Konto: vi sparar namn, e-postadress, ett hashat lösenord (argon2id), dina roller, dina API-nycklar (hashade) och inloggningsförsök för att skydda kontot.
privacy-p4 = Kontaktpersoner: organisationers kontaktpersoner visas med namn och roll som organisationen själv har publicerat.
privacy-p5 = Ändringslogg: varje ändring loggas med vem, när och vad. Om du raderar ditt konto finns ändringen kvar, men inte dina personuppgifter.
privacy-p6 = Dina rättigheter: under Mitt konto kan du ladda ner allt vi sparat om dig och radera ditt konto. Kontaktpersoner kan be programkontoret om radering.
privacy-p7 = Frågor och klagomål: kontakta programkontoret. Du kan också vända dig till Integritetsskyddsmyndigheten (IMY).

edit-saved = Ändringarna är sparade.
actor-edit = Redigera uppgifterna

atlas-title = Ekosystemets atlas
atlas-lead = Regionens life science-aktörer och hur de hänger ihop, campus för campus. Filtrera bilden, sök efter en aktör för att se dess grannar, eller använd tabellen nedanför, som har samma innehåll.
atlas-skip-to-table = Hoppa till tabellen över aktörer och relationer
atlas-search = Hitta en aktör
atlas-size = Cirklarnas storlek efter
atlas-legend-kinds = Typer av aktörer
atlas-legend-relations = Typer av relationer
atlas-table-title = Aktörer och relationer som tabell
atlas-table-refresh = Visa tabellen för de här filtren
atlas-summary = { $actors ->
    [one] 1 aktör
   *[other] { $actors } aktörer
} och { $relations ->
    [one] 1 relation mellan dem.
   *[other] { $relations } relationer mellan dem.
}
atlas-more-relations = { $count ->
    [one] och 1 relation till
   *[other] och { $count } relationer till
}
atlas-col-name = Namn
atlas-col-kind = Typ
atlas-col-ownership = Ägarform
atlas-col-campuses = Campus
atlas-col-degree = Kopplingar
atlas-col-betweenness = Mellanhet
atlas-col-community = Kluster
atlas-col-relations = Relationer
atlas-js-showing = Visar { $nodes } aktörer och { $edges } relationer.
atlas-js-no-match = Ingen aktör heter så.
atlas-js-selected = { $name } och dess { $count } grannar är markerade.
atlas-js-close = Stäng
atlas-js-open-actor = Öppna aktörens sida
atlas-js-webgl-missing = Grafen kräver WebGL, som den här webbläsaren inte har. Använd tabellen nedanför.
atlas-js-loading = Laddar grafen…
atlas-js-load-failed = Grafen kunde inte laddas. Använd tabellen nedanför.

import-title = Importera aktörer och relationer
import-lead = Ladda upp en CSV-fil med aktörer eller med relationer, eller en JSON-fil med båda, i samma format som exporterna nedanför. Aktörer känns igen på organisationsnummer när de har ett, annars på slug; befintliga uppdateras och nya skapas. Antingen importeras hela filen eller ingenting.
import-file = Fil (CSV eller JSON, högst 20 MB)
import-file-hint = Första raden i en CSV-fil namnger kolumnerna: slug, name_sv, name_en, kind … för aktörer; from, kind, to … för relationer.
import-dry-run = Kontrollera bara filen och visa vad som skulle ändras
import-submit = Ladda upp
import-no-file = Välj en fil att ladda upp.
import-checked = Filen är i ordning. Inget har skrivits ännu: avmarkera "kontrollera bara" och ladda upp den igen för att importera.
import-done = Filen har importerats.
import-would-actors = Skulle skapa { $created } och uppdatera { $updated } aktörer
import-did-actors = Skapade { $created } och uppdaterade { $updated } aktörer
import-would-relations = Skulle skapa { $created } och uppdatera { $updated } relationer
import-did-relations = Skapade { $created } och uppdaterade { $updated } relationer
import-unchanged = { $count ->
    [one] ; 1 är redan aktuell.
   *[other] ; { $count } är redan aktuella.
}
import-problems = { $count ->
    [one] Filen har 1 problem. Inget importerades.
   *[other] Filen har { $count } problem. Inget importerades.
}
import-problem-column = { $at }, kolumn { $column }:{" "}
import-at-line = rad { $line }
import-at-file = filen
import-p-encoding = filen är inte UTF-8-text; spara den som UTF-8 och försök igen
import-p-syntax = kan inte läsas: { $detail }
import-p-unknown-table = rubrikraden beskriver varken aktörer (slug, name_sv, name_en, kind …) eller relationer (from, kind, to …)
import-p-unknown-column = det finns ingen kolumn som heter "{ $column }"
import-p-missing-column = den obligatoriska kolumnen "{ $column }" saknas
import-p-duplicate-column = kolumnen "{ $column }" finns två gånger
import-p-field-count = { $found } värden där rubrikraden har { $expected }
import-p-missing = ett värde krävs
import-p-too-long = längre än { $max } tecken
import-p-not-allowed = "{ $value }" är inte något av: { $allowed }
import-p-malformed = "{ $value }": { $expected }
import-p-duplicate = "{ $key }" förekommer igen (första gången på { $first })
import-p-self-relation = en relation kan inte gå från en aktör till sig själv
import-p-year-order = "since" är senare än "until"
import-p-unknown-actor = det finns ingen aktör "{ $slug }" i filen eller på plattformen
import-p-unknown-campus = det finns inget campus "{ $slug }"
import-p-unknown-tag = det finns ingen kompetenstagg "{ $slug }"
import-p-org-conflict = organisationsnummer { $org } tillhör aktören "{ $owner }"
import-p-too-many = avbröt efter { $max } problem
import-export-actors = Exportera aktörer (CSV)
import-export-relations = Exportera relationer (CSV)
import-export-graphml = Exportera nätverket (GraphML)
campus-network = Nätverket på det här campuset
campus-network-lead = Aktörerna på campuset och relationerna mellan dem. Listan nedanför har samma aktörer ordnade efter typ, och atlasen har en tabell över relationerna.
campus-network-open = Öppna campuset i atlasen

a11y-title = Tillgänglighetsredogörelse
a11y-h-scope = Om redogörelsen
a11y-scope-1 = Region Stockholm står bakom Samverkan. Vi vill att så många som möjligt ska kunna använda tjänsten. Här beskriver vi hur Samverkan uppfyller lagen (2018:1937) om tillgänglighet till digital offentlig service, vilka brister vi känner till och hur du kan rapportera ett problem så att vi kan åtgärda det.
a11y-scope-2 = Redogörelsen gäller alla sidor på webbplatsen.
a11y-h-status = Hur tillgänglig är webbplatsen?
a11y-status-1 = Samverkan ska uppfylla nivå AA i riktlinjerna för tillgängligt webbinnehåll (WCAG) 2.1 och gör det, så vitt vi vet, utom i de delar som beskrivs nedan.
a11y-h-limits = Kända brister
a11y-limits-1 = Nätverksgrafen i atlasen ritas på en yta som skärmläsare inte kan läsa och som utforskas med mus eller pekskärm. Samma aktörer och relationer finns på samma sida som en tabell som kan sorteras och filtreras med tangentbordet, och varje aktör har en egen sida.
a11y-limits-2 = Den interaktiva API-dokumentationen (/api/v1/docs) är gjord med verktyget Swagger UI från en tredje part och har inte granskats mot WCAG. Samma information finns i OpenAPI-dokumentet (/api/v1/openapi.json).
a11y-limits-3 = Färgerna i grafen skiljer på typer av aktörer och relationer; teckenförklaringen, sidopanelen och tabellen säger samma sak i ord.
a11y-h-testing = Hur vi har testat
a11y-testing-1 = Varje sidmall granskas automatiskt med axe-core mot WCAG 2.1 A och AA, på svenska och engelska, utloggad och inloggad, varje gång koden ändras; de viktigaste flödena testas med enbart tangentbord och utan JavaScript.
a11y-testing-2 = Redogörelsen granskades senast den 23 november 2026.
a11y-h-enforcement = Tillsyn
a11y-enforcement-1 = Myndigheten för digital förvaltning (Digg) har ansvaret för tillsyn över lagen om tillgänglighet till digital offentlig service. Om du inte är nöjd med hur vi hanterar dina synpunkter kan du kontakta Digg och påtala det.
a11y-h-report = Rapportera ett problem
a11y-report-intro = Om något i Samverkan inte fungerar för dig vill vi veta det. Beskriv problemet och lämna gärna en e-postadress så att vi kan svara. Programkontoret läser varje rapport.
a11y-report-page = Sida (adress eller namn)
a11y-report-page-hint = Var problemet finns, till exempel /sv/atlas.
a11y-report-message = Vad är problemet?
a11y-report-reply = Din e-postadress
a11y-report-reply-hint = Frivilligt; används bara för att svara dig.
a11y-report-submit = Skicka
a11y-report-message-missing = Beskriv problemet.
a11y-report-lang = Språk
a11y-mail-subject = Tillgänglighetsproblem rapporterat i Samverkan
a11y-mail-body = Sida: { $page } – Meddelande: { $message }
a11y-thanks-title = Tack
a11y-thanks = Din rapport har kommit fram till programkontoret. Om du lämnade en e-postadress svarar vi dig.
a11y-back = Tillbaka till tillgänglighetsredogörelsen
a11y-reports-title = Rapporterade tillgänglighetsproblem
a11y-reports-none = Inga problem har rapporterats.
api-wrong-type = Fältet har fel typ.
api-unknown-field = Det finns inget sådant fält.
api-control-character = Styrtecken som NUL är inte tillåtna i text.

## Vägen in: katalog, lokaler, förfrågningar, checklistor
nav-way-in = Vägen in
nav-requests = Förfrågningar
not-stated = Inte angivet
yes = Ja
ownership-unknown = Inte registrerad
edit-swedish = På svenska
edit-english = På engelska
error-both-languages = Fyll i på båda språken, eller lämna båda tomma.
error-contact = Ange en webbadress som börjar med https:// eller en e-postadress.
error-slug = Använd 1–80 gemena bokstäver a–z, siffror och enkla bindestreck.
error-slug-taken = Den här identifieraren används redan. Välj en annan.
legal-not-advice = Vägledning, inte juridisk rådgivning: checklistan hjälper båda parter att ställa rätt frågor. Varje organisations egna jurister avgör.
infra-title = Infrastrukturer och tjänster
infra-lead = Forskningsinfrastrukturer, testbäddar och prövningsenheter i regionen, med de tjänster de erbjuder företag. Välj en tjänst för att se hur tillgången fungerar och skicka en förfrågan.
infra-see-premises = Lokaler för företag
infra-sme-only = Bara tjänster som välkomnar små företag
infra-count = { $count ->
    [one] En infrastruktur
   *[other] { $count } infrastrukturer
}
infra-none = Ingen infrastruktur matchar filtren.
category-manufacturing = Tillverkning
category-clinical_trials = Kliniska prövningar
category-laboratory = Laboratorium
category-analysis = Analys
category-data = Data, register och biobanker
category-premises = Lokaler
category-expertise = Expertis och rådgivning
category-community = Gemenskap och mötesplats
service-kind = Typ
service-kind-service = Tjänst
service-kind-testbed = Testbädd
service-kind-trial_unit = Prövningsenhet
service-category = Område
service-access = Villkor för tillgång
service-pricing = Prissättning
pricing-full_cost = Full kostnadstäckning
pricing-market_price = Marknadspris
pricing-fixed_fee = Fast avgift
pricing-free = Kostnadsfritt
pricing-by_agreement = Enligt överenskommelse
service-lead-time = Typisk ledtid
service-capacity = Kapacitet
service-contact = Kontakt
service-contact-hint = En webbsida (https://…) eller en e-postadress.
service-sme = Små företag
service-sme-check = Små företag är särskilt välkomna
service-provider = Erbjuds av
service-request = Begär tillgång
service-edit = Redigera tjänsten
service-saved = Tjänsten är sparad.
service-path-title = Vägen in, steg för steg
service-path-intro = Infrastrukturens ägare är: { $owner }. En förfrågan går genom förberedelse, utveckling och utförande; det här är checklistans punkter som parterna går igenom i varje steg.
service-path-none = Inga punkter i det här steget.
service-new-title = Ny tjänst
service-edit-title = Redigera { $name }
service-form-intro = Beskriv tjänsten så att ett företag kan avgöra om den passar deras behov. Varje ändring loggas.
service-slug = Identifierare i adressen
service-slug-hint = Gemena bokstäver a–z, siffror och bindestreck, t.ex. gmp-tillverkning.
service-name = Namn
service-description = Beskrivning
service-save = Spara
premises-title = Lokaler för företag
premises-lead = Laboratorie- och kontorslokaler för företag på regionens campus, med ägaren att kontakta.
premises-use = Användning
use-lab = Laboratorium
use-office = Kontor
use-lab_and_office = Laboratorium och kontor
use-other = Annat
premises-area = Yta
premises-available = Tillgänglig från
premises-request = Fråga om lokalerna
premises-count = { $count ->
    [one] En lokal
   *[other] { $count } lokaler
}
premises-none = Inga lokaler matchar filtren.
document-nda = Sekretessavtal (mall)
document-service-agreement = Avtal om användning av tjänster (mall)
requests-title = Förfrågningar om samverkan
requests-lead = Förfrågningar du har skickat för ditt företag, och förfrågningar till de infrastrukturer du förvaltar. En förfrågan syns bara för företaget, infrastrukturens förvaltare och programkontoret.
requests-new = Hitta en tjänst att fråga om
requests-none = Det finns inga förfrågningar att visa.
request-new-title = Begär tillgång
request-new-intro = Du frågar { $provider }.
request-new-intro-premises = Du frågar { $owner } om { $premises }.
request-new-guidance = Beskriv ditt behov med egna ord. Infrastrukturen svarar i Samverkan; du följer varje steg här och får e-post när något händer.
request-company = Ditt företag
request-provider = Infrastruktur
request-services = Tjänster
request-title-field = Rubrik
request-title-hint = Ett kort namn på förfrågan, t.ex. "GMP-tillverkning för vår fas 1-prövning".
request-need = Ditt behov
request-need-hint = Vad vill ni göra, när, och vad behöver ni från infrastrukturen?
request-start = Önskad start
request-start-hint = Ett datum skrivet ÅÅÅÅ-MM-DD, t.ex. 2027-03-01.
request-confidentiality = Sekretess
request-confidentiality-hint = Vad i förfrågan eller senare material är affärshemligheter? Offentliga aktörer prövar sekretess från fall till fall; skriv det här så att det kan märkas.
request-draft = Utkast
request-draft-check = Spara som utkast och skicka senare
request-send = Skicka förfrågan
request-status = Status
request-updated = Senast ändrad
request-no-company-title = Du är inte registrerad för något företag
request-no-company = Förfrågningar skickas för ett företags räkning. Be en kollega som redan använder Samverkan, eller programkontoret, att bjuda in dig som medlem i ditt företag.
request-error-company = Du kan inte skicka förfrågningar för det här företaget.
request-error-date = Skriv ett riktigt datum som ÅÅÅÅ-MM-DD.
request-error-changed = Någon annan ändrade förfrågan i samma ögonblick. Inget sparades; titta på det nya läget och försök igen.
request-error-not-from = En förfrågan som är i läge { $status } kan inte flyttas med "{ $move }".
request-error-side-company = Bara företaget som skickade förfrågan kan göra detta.
request-error-side-infrastructure = Bara infrastrukturens förvaltare kan göra detta.
request-error-checklist = { $count } obligatoriska punkt(er) i { $stage } är varken avbockade eller undantagna. Steget kan inte lämnas förrän de är det.
request-error-reason = Ange ett skäl.
request-error-item-company = Den här punkten bockas av av företaget.
request-error-item-infrastructure = Den här punkten bockas av av infrastrukturen.
request-error-frozen = Checklistan för { $stage } kan inte längre ändras.
request-error-waive = Bara programkontoret kan undanta en punkt.
request-refused = Inte utfört
request-progress = Förlopp
step-done = klart
request-moves = Nästa steg
request-reason = Skäl eller kommentar
request-reason-hint = Krävs vid avslag; visas för båda parter i historiken.
request-done-sent = Förfrågan är skickad. Infrastrukturens förvaltare har fått besked.
request-done-draft = Utkastet är sparat. Skicka det när det är klart.
request-done-moved = Förfrågan har gått vidare.
request-done-item = Checklistan är uppdaterad.
request-done-message = Meddelandet är skickat.
request-done-file = Filen är bifogad.
status-draft = utkast
status-submitted = skickad
status-preparation = förberedelse
status-development = utveckling
status-execution = utförande
status-completed = avslutad
status-declined = avböjd
status-withdrawn = återkallad
move-submit = Skicka förfrågan
move-accept = Starta förberedelse
move-advance = Gå till nästa steg
move-advance-from-preparation = Gå till utveckling
move-advance-from-development = Gå till utförande
move-advance-from-execution = Markera som avslutad
move-decline = Avböj
move-withdraw = Återkalla förfrågan
party-company = företag
party-infrastructure = infrastruktur
checklist-title = Checklista
checklist-intro = Skapad utifrån infrastrukturägarens form: { $owner }.
checklist-none = Ingen checklista ännu; den skapas när förfrågan skickas.
checklist-required = obligatorisk
checklist-retired = utgången
checklist-source = Grundas på
checklist-template-doc = Dokumentmall
item-open = Öppen
item-checked = Avbockad av { $who } den { $date }
item-waived = Undantagen av { $who } den { $date }
item-check = Markera som klar
item-uncheck = Markera som inte klar
item-waive = Undanta
item-waive-reason = Skäl för undantag
request-conversation = Konversation
request-no-messages = Inga meddelanden ännu.
message-new = Nytt meddelande
message-send = Skicka
message-empty = Skriv ett meddelande först.
message-internal = intern anteckning
message-internal-check = Intern anteckning, synlig bara för infrastrukturen och programkontoret
request-files = Filer
request-no-files = Inga filer ännu.
file-choose = Bifoga en fil
file-hint = PDF, PNG, JPEG, Word (.docx), Excel (.xlsx), text eller CSV, högst 10 MB; högst 20 filer per förfrågan. Bara parterna kan öppna dem.
file-upload = Ladda upp
attach-error-Empty = Välj en fil; den som skickades var tom.
attach-error-TooLarge = Filen är större än 10 MB.
attach-error-TypeNotAccepted = Filer av den här typen tas inte emot. Använd PDF, PNG, JPEG, .docx, .xlsx, .txt eller .csv.
attach-error-Disguised = Filens innehåll stämmer inte med namnet (till exempel ett program som heter .pdf). Den sparades inte.
attach-error-TooMany = En förfrågan kan ha högst 20 filer.
request-history = Historik
history-from = Från
history-to = Till
history-by = Av
mail-request-subject = Förfrågan om samverkan: { $title }
mail-request-moved = Förfrågan "{ $title }" är nu i läge { $status }.
mail-message-subject = Nytt meddelande i förfrågan: { $title }
mail-message-body = Det finns ett nytt meddelande i din förfrågan om samverkan.
figures-title = Förfrågningar: siffror
figures-lead = Siffror för strategins uppföljning, över alla förfrågningar som har skickats.
figures-open = Öppna förfrågningar per infrastruktur och steg
figures-first-response = Tid till första svar
figures-time-in-stage = Tid i varje steg
figures-outcomes = Utfall av avslutade förfrågningar
figures-per-year = Förfrågningar per år
figures-count = Antal
figures-median = Median
figures-answered = Besvarade
figures-waiting = Väntar
figures-share = Andel
figures-year = År
figures-sme = Från små företag
figures-all = Alla
figures-none = Inget att visa ännu.
figures-hours = { $hours } h
figures-days = { $days } dagar
checklists-title = Checklistmallar
checklists-lead = Regelmallarna som varje förfrågans checklista skapas från, utifrån infrastrukturägarens form. Förfrågningar behåller den text de fick; ändringar gäller förfrågningar som skickas därefter.
checklist-new-title = Ny checklistpunkt
checklist-edit-title = Redigera: { $title }
checklist-form-intro = Håll texten daterad och med källa. Varje ändring loggas.
checklist-key = Nyckel
checklist-stage = Steg
checklist-party = Bockas av av
checklist-owners = Ägarformer den gäller
checklist-flags = Regler
checklist-required-check = Obligatorisk: steget kan inte lämnas förrän den är avbockad eller undantagen
checklist-retired-check = Utgången: ges inte längre till nya förfrågningar
checklist-source-url = Var regeln finns
checklist-reviewed = Granskad den
checklist-document = Dokumentmall
checklist-no-document = Ingen
checklist-title-field = Rubrik
checklist-guidance = Vägledning
checklist-error-owners = Välj minst en ägarform.
stage-title-preparation = Förberedelse
stage-title-development = Utveckling
stage-title-execution = Utförande

## Sök och matchning
search-title = Sök
search-empty = Skriv vad du letar efter: en organisation, en tjänst, en kompetens eller en plats.
search-no-words = Sökningen behöver minst ett ord eller en siffra.
search-too-short = Skriv minst två bokstäver.
search-none = Inget matchade. Prova andra ord, eller beskriv ditt behov på matchningssidan.
search-count = { $count ->
    [one] En träff
   *[other] { $count } träffar
}
search-facets = Avgränsa resultaten
search-facet-type = Typ
search-facet-remove = ta bort filtret
search-try-match = Beskriv ett behov i stället och få rätt dörrar
doc-kind-infrastructure = Infrastruktur
doc-kind-service = Tjänst
doc-kind-premises = Lokaler
doc-kind-actor = Aktör
home-match-hint = Berätta vad du behöver med egna ord, på svenska eller engelska.
match-title = Beskriv ditt behov
match-lead = Skriv vad ditt företag behöver, med egna ord och på svenska eller engelska. Vi matchar det mot regionens infrastrukturer, tjänster, lokaler och aktörer och säger varför var och en passar.
match-need = Ditt behov
match-need-hint = Till exempel: "GMP-tillverkning för en fas 1-prövning av cellterapi" eller "labbplats för startup i Flemingsberg".
match-submit = Hitta rätt dörrar
match-results = Vart du kan vända dig
match-why = Varför:
match-reason-words = den nämner { $words }
match-reason-campus = den finns på { $campus }
match-reason-space = den erbjuder lokaler
match-none = Inget matchade behovet. Prova andra ord, eller skriv till programkontoret.
service-add = Lägg till en tjänst

## Strategi
nav-strategy = Strategi
strategy-title = Strategi
strategy-areas = Strategiska områden
strategy-api = Strategin som öppna data (JSON)
example-data = Exempeldata.
example-data-note = Insatser och indikatorvärden märkta "exempel" visar hur uppföljningen fungerar; de är inte regionens beslutade handlingsplaner.
example-badge = exempel
automatic-badge = räknas av Samverkan
automatic-note = Samverkan räknar den här indikatorn själv ur sina egna data (förfrågningar från små företag som avslutats, per år de avslutades).
measures-count = { $count ->
    [one] en insats
   *[other] { $count } insatser
}
indicators-count = { $count ->
    [one] en indikator
   *[other] { $count } indikatorer
}
target-on_track = I fas
target-at_risk = Risk
target-off_track = Efter plan
target-unknown = Inget värde ännu
target-rule = Statusen jämför det senaste värdet med en rak linje från utgångsvärdet till målet: i fas när värdet ligger på eller före linjen, risk när det ligger efter med högst en fjärdedel av vägen, efter plan när det ligger längre efter eller rör sig åt fel håll.
area-current-state = Nuläge
area-strengths = Regionala styrkor
area-desired-state = Önskat läge
area-development-needs = Utvecklingsbehov
area-measures = Handlingsplan: insatser
area-no-measures = Inga insatser ännu.
area-indicators = Indikatorer
area-no-indicators = Inga indikatorer ännu.
area-actors = Aktörer som bidrar
area-no-actors = Inga aktörer är kopplade till området ännu.
measure-code = Nr
measure-title = Insats
measure-responsible = Ansvarig
measure-contributors = Medverkande
measure-period = Period
measure-status-planned = Planerad
measure-status-ongoing = Pågår
measure-status-done = Klar
measure-status-delayed = Försenad
measure-status-stalled = Avstannad
measure-status-cancelled = Avbruten
indicator-baseline = Utgångsvärde
indicator-target = Mål
indicator-source = Källa
indicator-no-values = Inga värden rapporterade ännu.
indicator-value = Värde
indicator-direction = Bättre när det är
indicator-measures = Insatser den följer
direction-higher = högre
direction-lower = lägre
chart-description = Rapporterade värden per år, mot den planerade vägen från utgångsvärdet { $baseline } till målet { $target }. Samma siffror finns i tabellen nedan.
chart-reported = Rapporterat
chart-planned = Planerad väg
doc-kind-focus_area = Strategiskt område
doc-kind-measure = Insats

## Uppföljning
followup-title = Årlig uppföljning
followup-lead = En gång om året följer programkontoret upp strategin: de aktörer som ansvarar för varje insats rapporterar dess status, vad som gjorts och indikatorernas värden; kontoret granskar varje rapport, och den stängda omgången blir årets rapport.
followup-none = Ingen uppföljningsomgång har öppnats ännu.
followup-cycles = Uppföljningsomgångar
followup-links = Länkar
followup-deadline = Sista dag
followup-deadline-hint = Sista dag att skicka rapporter, som ÅÅÅÅ-MM-DD.
followup-state-open = Öppen
followup-state-closed = Stängd
followup-open-title = Öppna en ny omgång
followup-open-help = När en omgång öppnas kan rapportörerna för varje ansvarig aktör rapportera om sina insatser. De får påminnelser per e-post 14 och 3 dagar före sista dagen så länge rapporten inte är skickad.
followup-open-submit = Öppna omgången
followup-reports-title = Rapporter { $year }
followup-reports-link = Rapporter att skriva och granska
followup-reports-lead-open = Dina insatser att rapportera om. Skicka varje rapport senast { $deadline }; du kan spara ett utkast och fortsätta senare.
followup-reports-lead-closed = Omgången är stängd. Rapporterna kan inte längre ändras; programkontoret rättar fel som revisioner med skäl.
followup-reports-none = Du har inga insatser att rapportera om. Programkontoret utser rapportörer för varje ansvarig aktör.
followup-close-title = Stäng omgången { $year }
followup-close-help = När omgången stängs fryses alla rapporter som de är. Rapporter som inte godkänts kommer inte med i den publika rapporten utan listas i den interna. Senare rättelser blir revisioner med skäl.
followup-close-confirm = Jag förstår att omgången fryses när den stängs.
followup-close-submit = Stäng omgången { $year }
followup-closed-note = Omgången är stängd; den här rapporten kan inte längre ändras.
followup-measure-title = Rapport { $year }: { $measure }
followup-measure-page = Öppna insatsen
followup-done-opened = Omgången är öppen. Rapportörerna kan nu rapportera om sina insatser.
followup-done-closed = Omgången är stängd och fryst.
followup-done-saved = Ditt utkast är sparat. Det är inte skickat ännu.
followup-done-submitted = Din rapport är skickad till programkontoret.
followup-done-accepted = Rapporten är godkänd; dess status och värden gäller nu för året.
followup-done-returned = Rapporten är återsänd till rapportören med din kommentar.
followup-done-revised = Rättelsen är sparad som en revision med sitt skäl.
followup-event-save = Sparad som utkast
followup-event-submit = Skickad till programkontoret
followup-event-accept = Godkänd
followup-event-return = Återsänd
followup-error-year = Skriv ett år mellan 2000 och 2100.
followup-error-date = Skriv sista dagen som ett datum, ÅÅÅÅ-MM-DD.
followup-error-exists = Det finns redan en omgång för det året.
followup-error-another-open = En annan omgång är fortfarande öppen. Stäng den innan du öppnar en ny.
followup-error-deadline = Sista dagen har redan passerat. Välj i dag eller en senare dag.
followup-error-closed = Omgången är stängd, så inget i den kan ändras. Programkontoret kan rätta den som en revision med skäl.
followup-error-not-from-here = Rapporten har gått vidare under tiden: den väntar på granskning eller är redan godkänd. Inget ändrades.
followup-error-office-only = Bara programkontoret kan göra det.
followup-error-comment = Skriv en kommentar som säger vad rapportören ska ändra.
followup-error-narrative = Skriv vad som gjorts innan du skickar rapporten. Du kan spara ett utkast utan det.
followup-error-too-long = Texten är för lång.
followup-error-number = Skriv ett tal, till exempel 12 eller 12,5.
followup-error-value-for-comment = Skriv värdet som kommentaren gäller, eller ta bort kommentaren.
followup-error-link = Varje underlagslänk måste vara en hel webbadress som börjar med https:// eller http://, en per rad.
followup-error-links = Högst 10 underlagslänkar.
followup-error-reason = Skriv skälet till rättelsen.
followup-error-unchanged = Rättelsen ändrar ingenting.
followup-error-still-open = Omgången är fortfarande öppen; ändra rapporten i stället.
followup-error-confirm = Kryssa i rutan för att bekräfta att du vill stänga omgången.
report-title = Uppföljning { $year }
report-publisher = Region Stockholm, programkontoret för life science
report-version-public = publik version
report-version-internal = intern version
report-preliminary = Preliminär: omgången är öppen till och med { $deadline }, och hittills ingår bara godkända rapporter.
report-internal-note = Intern version för programkontoret: den tar med rapporter som saknas, är utkast, skickade eller återsända, kontorets kommentarer och värden som ännu inte godkänts.
report-summary = Sammanfattning
report-summary-measures = { $accepted } av { $total } insatser har en godkänd rapport.
report-summary-indicators = { $on_track } av { $total } indikatorer är i fas.
report-measures-by-status = Insatser efter status
report-indicators-by-status = Indikatorer mot målet
report-count = Antal
report-status = Status
report-state = Rapport
report-state-missing = Inte påbörjad
report-state-draft = Utkast
report-state-submitted = Skickad, väntar på granskning
report-state-returned = Återsänd
report-state-accepted = Godkänd
report-not-reported = Inte rapporterad
report-area-status = Insatser: { $measures }. Indikatorer: { $indicators }.
report-narratives = Vad som gjorts
report-narrative = Vad som gjorts, och vad som kommer härnäst
report-narrative-hint = Krävs för att skicka rapporten. Skilj stycken åt med en tom rad.
report-evidence = Underlag
report-evidence-hint = Länkar till protokoll, rapporter eller annat underlag, en per rad (högst 10).
report-review-comment = Programkontorets kommentar
report-returned-heading = Återsänd av programkontoret
report-pending-values = Värden som ännu inte godkänts:
report-chart-legend = Heldragen linje: rapporterade värden; streckad linje: den planerade vägen från utgångsläge till mål.
report-figure = Figur
report-year = År
report-changes = Förändringar sedan föregående år
report-no-changes = Inga förändringar att jämföra med föregående år.
report-change-status = { $measure }: status { $change }
report-change-value = { $indicator }: { $change }
report-revisions = Revisioner efter stängning
report-no-revisions = Inga revisioner.
report-date = Datum
report-what = Vad
report-before = Före
report-after = Efter
report-reason = Skäl
report-revised-status = { $measure }: status
report-revised-narrative = { $measure }: beskrivning
report-revised-value = { $measure }: { $indicator }
report-download-pdf = Ladda ned som PDF
report-download-json = Rapporten som öppna data (JSON)
report-show-internal = Visa den interna versionen
report-show-public = Visa den publika versionen
report-previous-value = Förra året: { $value }
report-value-for = Värde för { $year }
report-value-comment = Kommentar till värdet
report-save = Spara utkast
report-submit = Skicka till programkontoret
report-reported = Det här rapporterades
report-review-title = Granskning
report-review-hint = Krävs när rapporten återsänds: säg vad rapportören ska ändra.
report-accept = Godkänn
report-return = Återsänd med kommentar
report-revise-title = Rätta den stängda rapporten
report-revise-help = Omgången är stängd. En rättelse sparas som en revision med sitt skäl och visas i rapporten.
report-revise-new = Rättat värde
report-revise-submit = Spara rättelsen
report-history = Historik
followup-reminder-subject = Påminnelse: rapporten till uppföljningen { $year }
followup-reminder-body = Rapporten om { $measure } har ännu inte skickats till programkontoret. Sista dag är { $deadline }. Skriv och skicka den här:
strategy-followup-link = De årliga uppföljningarna och deras rapporter
measure-edit-title = Ändra { $measure }
measure-edit-intro = Den ansvariga aktörens rapportörer och programkontoret håller insatsen aktuell. Varje ändring sparas med vem som gjorde den.
measure-description = Beskrivning
measure-start = Start
measure-end = Slut
measure-date-hint = Som ÅÅÅÅ-MM-DD; lämna tomt om det inte är bestämt.
measure-save = Spara insatsen
measure-back = Tillbaka till insatsen
measure-edit = Ändra insatsen
measure-saved = Insatsen är sparad.
measure-error-date = Skriv datumet som ÅÅÅÅ-MM-DD.
measure-error-order = Slutet kan inte ligga före starten.
dashboard-title = Insatser efter status
dashboard-area = Fokusområde
dashboard-total = Alla områden
