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
footer-about = Samverkan är en öppen plattform för Stockholmsregionens life science-kluster. Innehållet bygger på offentliga källor. Uppgifter som vi inte känner till lämnas tomma.
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
actors-lead = Organisationerna i ekosystemet. Du kan filtrera efter typ, campus, ägarform eller kompetens.
actors-count = { $count ->
    [one] 1 aktör
   *[other] { $count } aktörer
}
actors-count-filtered = { $count ->
    [0] Ingen aktör stämmer med filtren
    [one] 1 aktör stämmer med filtren
   *[other] { $count } aktörer stämmer med filtren
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
actor-json = Aktörens uppgifter som JSON
unknown = Uppgift saknas
none = Inget
period-range = { $since }–{ $until }
period-since = sedan { $since }
period-until = till och med { $until }

## Campus
campuses-title = Campus
campuses-lead = Områdena där regionens life science-aktörer finns.
campus-municipality = Kommun: { $municipality }
campus-actors = Aktörer på campuset
campus-filter-link = Visa aktörerna i en lista som du kan filtrera

## Fel
error-status = Felkod { $status }
error-go-home = Till startsidan
error-go-actors = Till aktörslistan
error-not-found-title = Sidan finns inte
error-bad-request-title = Det gick inte att genomföra
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
error-param-malformed = Adressen innehåller tecken som inte går att läsa. Kontrollera adressen och försök igen.

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
relation-spin_off_of-in = Har som avknoppning
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
login-locked = { $minutes ->
    [one] Kontot är tillfälligt låst efter för många misslyckade försök. Försök igen om 1 minut eller välj ett nytt lösenord.
   *[other] Kontot är tillfälligt låst efter för många misslyckade försök. Försök igen om { $minutes } minuter eller välj ett nytt lösenord.
}
login-throttled = { $minutes ->
    [one] Det har gjorts för många misslyckade inloggningsförsök från din anslutning. Vänta 1 minut och försök igen.
   *[other] Det har gjorts för många misslyckade inloggningsförsök från din anslutning. Vänta { $minutes } minuter och försök igen.
}
login-unverified = Bekräfta din e-postadress först. Vi har skickat en ny länk.
login-sso = Logga in med din organisations konto (enkel inloggning)
sso-title = Enkel inloggning
sso-provider-failed = Din organisations inloggningstjänst svarade inte som väntat. Försök igen om en stund, eller logga in med ditt lösenord.
sso-cancelled = Inloggningen avbröts hos din organisations inloggningstjänst. Inget har ändrats.
sso-stale = Den här inloggningen har gått ut eller påbörjades i en annan webbläsare. Börja om från inloggningssidan.
sso-unverified = Din organisations inloggningstjänst bekräftade inte din e-postadress, så vi kan inte avgöra vilket konto som är ditt.
sso-no-account = Det finns inget konto i Samverkan för { $email }. Be programkontoret om en inbjudan, eller skapa först ett konto med den adressen.
sso-locked = Kontot är låst en stund efter för många misslyckade försök. Försök igen senare eller välj ett nytt lösenord.
sso-back-to-login = Tillbaka till inloggningssidan
logout-submit = Logga ut
signup-title = Skapa konto
signup-intro = Med ett konto kan du hålla din organisations uppgifter aktuella och använda API:et.
signup-submit = Skapa konto
signup-have-account = Har du redan ett konto? Logga in
signup-sent-title = Titta i din e-post
signup-sent = Vi har skickat ett meddelande till { $email }. Öppna länken i meddelandet för att bekräfta adressen.
verify-title = Bekräfta e-postadress
verify-intro = Bekräfta att e-postadressen är din.
verify-submit = Bekräfta
reset-title = Välj nytt lösenord
reset-intro = Välj ett nytt lösenord. Då loggas du ut överallt där du är inloggad.
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
forgot-intro = Skriv din e-postadress, så skickar vi en länk där du kan välja ett nytt lösenord.
forgot-submit = Skicka länk
forgot-sent-title = Titta i din e-post
forgot-sent = Om det finns ett konto för adressen har vi skickat en länk dit. Länken gäller i en timme.
field-name = Namn
field-email = E-postadress
field-password = Lösenord
field-new-password = Nytt lösenord
field-password-confirm = Upprepa lösenordet
field-role = Roll
field-actor = Organisation
field-required = Fyll i fältet.
field-too-long = Högst { $max } tecken.
field-length = Skriv mellan 1 och { $max } tecken.
field-choose = Välj ett av alternativen.
field-choose-placeholder = Välj…
email-invalid = Skriv en giltig e-postadress, till exempel namn@exempel.se.
url-invalid = Skriv en fullständig webbadress som börjar med https:// eller http://.
url-hint = Till exempel https://www.exempel.se
password-hint = Minst 12 tecken. Använd gärna flera ord. Vanliga lösenord och lösenord som har läckt godtas inte.
password-too-short = Lösenordet måste ha minst { $min } tecken.
password-too-long = Lösenordet får ha högst { $max } tecken.
password-common = Lösenordet finns på en lista över vanliga eller läckta lösenord. Välj ett annat.
password-contains-email = Lösenordet får inte innehålla din e-postadress.
password-mismatch = Lösenorden stämmer inte överens.
form-required = obligatoriskt
form-error-summary = Något behöver rättas
mail-verify-subject = Bekräfta din e-postadress för Samverkan
mail-verify-body = Hej { $name }! Bekräfta din e-postadress genom att öppna länken: { $link } – Länken gäller i 24 timmar. Har du inte skapat något konto kan du bortse från meddelandet.
mail-reset-subject = Välj nytt lösenord för Samverkan
mail-reset-body = Hej { $name }! Öppna länken för att välja ett nytt lösenord: { $link } – Länken gäller i en timme och kan bara användas en gång.
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
tokens-intro = Med en API-nyckel kan din organisations egna system läsa och uppdatera organisationens uppgifter via API:et. Nyckeln kan göra det du själv får göra, men bara inom den behörighet du väljer för den.
token-shown-once = Kopiera nyckeln nu. Den visas bara den här gången.
token-create = Skapa API-nyckel
field-token-name = Namn på nyckeln
token-prefix = Börjar med
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
erase-intro = Om du raderar ditt konto raderas också dina personuppgifter. Ändringar som du har gjort finns kvar i ändringsloggen, men utan dina personuppgifter.
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
invite-no-actor = Ingen (bara för administratörer)
invite-actor-hint = Rollen gäller för den här organisationen. Administratörer har ingen organisation.
invite-actor-needed = Välj vilken organisation rollen gäller för.
invite-admin-no-actor = Rollen administratör gäller hela plattformen. Välj därför ingen organisation.

## Redigering och historik
edit-title = Redigera { $name }
edit-intro = Alla ändringar sparas samtidigt och syns direkt. Varje ändring loggas.
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
audit-object-key = Objekt (identifierare eller id-nummer)
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
error-bad-body = Det du skickade kunde inte läsas. Ingenting har ändrats.
error-method-not-allowed = Det går inte att göra så på den här adressen. Gå tillbaka till föregående sida och försök igen, eller börja om från startsidan.
error-too-large = Det du skickade är för stort. Ingenting har ändrats.
error-invalid-field = Fältet { $field } godtogs inte: { $message }

## Integritet
privacy-title = Integritet och personuppgifter
privacy-p1 = Region Stockholm är personuppgiftsansvarig för Samverkan. Vi behandlar personuppgifter enligt dataskyddsförordningen (GDPR).
privacy-p2 = Besökare utan konto: vi använder inga kakor för spårning. En sessionskaka sparas bara när du använder ett formulär. Den skyddar mot att någon annan skickar formulär i ditt namn.
privacy-p3 = Konto: vi sparar ditt namn, din e-postadress, ditt lösenord i en form som inte går att läsa ut (hashat med argon2id), dina roller, dina API-nycklar (också hashade) och dina inloggningsförsök, för att skydda kontot.
privacy-p4 = Kontaktpersoner: vi visar organisationernas kontaktpersoner med det namn och den roll som organisationen själv har publicerat.
privacy-p5 = Ändringslogg: vi loggar varje ändring med vem som gjorde den, när och vad som ändrades. Om du raderar ditt konto finns ändringen kvar, men inte dina personuppgifter.
privacy-p6 = Dina rättigheter: under Mitt konto kan du ladda ner allt vi har sparat om dig och radera ditt konto. Kontaktpersoner kan be programkontoret att radera deras uppgifter.
privacy-p7 = Frågor och klagomål: kontakta programkontoret. Du kan också vända dig till Integritetsskyddsmyndigheten (IMY).
privacy-p8 = Arbetsgrupper och matchmaking: om programkontoret lägger till dig i ett fokusområdes arbetsgrupp visas ditt namn, din organisation och din roll på fokusområdets sida, som alla kan se. Om du anmäler dig till matchmaking på ett evenemang ser bara de andra deltagarna och arrangören din organisation och profil, och de du möter ser ditt namn. Uppgifterna finns med när du laddar ner dina uppgifter och tas bort när du raderar ditt konto.

edit-saved = Ändringarna är sparade.
actor-edit = Redigera uppgifterna

atlas-title = Atlas över ekosystemet
atlas-lead = Regionens life science-aktörer och hur de hänger ihop, campus för campus. Du kan filtrera bilden och söka efter en aktör för att se vilka den har relationer till. Tabellen nedanför har samma innehåll.
atlas-skip-to-table = Hoppa till tabellen över aktörer och relationer
atlas-search = Hitta en aktör
atlas-size = Cirklarnas storlek visar
atlas-legend-kinds = Typer av aktörer
atlas-legend-relations = Typer av relationer
atlas-table-title = Aktörer och relationer som tabell
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
atlas-col-betweenness = Brobyggarroll (mellanhet)
atlas-col-community = Grupp
atlas-col-relations = Relationer
atlas-js-showing = Aktörer som visas: { $nodes }. Relationer som visas: { $edges }.
atlas-js-no-match = Ingen aktör heter så.
atlas-js-selected = { $name } och de aktörer som den har relationer till är markerade. Antal relaterade aktörer: { $count }.
atlas-js-close = Stäng
atlas-js-open-actor = Öppna aktörens sida
atlas-js-webgl-missing = Grafen kan inte visas i den här webbläsaren. Använd tabellen nedanför.
atlas-js-loading = Laddar grafen…
atlas-js-load-failed = Grafen kunde inte laddas. Använd tabellen nedanför.
atlas-js-no-relations = Inga relationer finns registrerade.
atlas-js-table-stale = Tabellen kunde inte uppdateras för de här filtren. Tryck på ”{ $apply }” för att läsa in sidan igen.

import-title = Importera aktörer och relationer
import-lead = Ladda upp en CSV-fil med aktörer eller relationer, eller en JSON-fil med båda. Använd samma format som i exportfilerna nedanför. Aktörer känns igen på organisationsnumret, eller på identifieraren (kolumnen slug) om de saknar organisationsnummer. Befintliga aktörer uppdateras och nya skapas. Antingen importeras hela filen eller ingenting.
import-file = Fil (CSV eller JSON, högst 20 MB)
import-file-hint = Första raden i en CSV-fil namnger kolumnerna: slug, name_sv, name_en, kind … för aktörer; from, kind, to … för relationer.
import-dry-run = Kontrollera bara filen och visa vad som skulle ändras
import-submit = Ladda upp
import-no-file = Välj en fil att ladda upp.
import-checked = Filen är i ordning. Inget har sparats ännu. Avmarkera ”Kontrollera bara filen” och ladda upp filen igen för att importera den.
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
import-p-unknown-column = det finns ingen kolumn som heter ”{ $column }”
import-p-missing-column = den obligatoriska kolumnen ”{ $column }” saknas
import-p-duplicate-column = kolumnen ”{ $column }” finns två gånger
import-p-field-count = { $found ->
    [one] raden har 1 värde, men rubrikraden har { $expected }
   *[other] raden har { $found } värden, men rubrikraden har { $expected }
}
import-p-missing = ett värde krävs
import-p-too-long = längre än { $max } tecken
import-p-not-allowed = ”{ $value }” är inte ett av de tillåtna värdena: { $allowed }
import-p-malformed = ”{ $value }”: { $expected }
import-p-duplicate = ”{ $key }” förekommer igen (första gången på { $first })
import-p-self-relation = en relation kan inte gå från en aktör till sig själv
import-p-year-order = startåret (since) är senare än slutåret (until)
import-p-unknown-actor = det finns ingen aktör ”{ $slug }” i filen eller på plattformen
import-p-unknown-campus = det finns inget campus ”{ $slug }”
import-p-unknown-tag = det finns ingen kompetenstagg ”{ $slug }”
import-p-org-conflict = organisationsnumret { $org } tillhör aktören ”{ $owner }”
import-p-too-many = kontrollen avbröts efter { $max } problem
import-export-actors = Exportera aktörer (CSV)
import-export-relations = Exportera relationer (CSV)
import-export-graphml = Exportera nätverket (GraphML)
campus-network = Nätverket på det här campuset
campus-network-lead = Aktörerna på campuset och relationerna mellan dem. Listan nedanför har samma aktörer ordnade efter typ, och atlasen har en tabell över relationerna.
campus-network-open = Öppna campuset i atlasen

a11y-title = Tillgänglighetsredogörelse
a11y-scope-1 = Region Stockholm står bakom webbplatsen Samverkan, som regionens programkontor för life science driver. Vi vill att så många som möjligt ska kunna använda webbplatsen. Här beskriver vi hur Samverkan uppfyller lagen (2018:1937) om tillgänglighet till digital offentlig service, vilka brister vi känner till och hur du kan rapportera brister till oss så att vi kan åtgärda dem.
a11y-scope-2 = Redogörelsen gäller alla sidor på webbplatsen, på svenska och engelska, och API-dokumentationen.
a11y-h-status = Hur tillgänglig är webbplatsen?
a11y-status-1 = Kraven är nivå A och AA i riktlinjerna för tillgängligt webbinnehåll, WCAG 2.1. De ingår i den europeiska standarden EN 301 549 (version 3.2.1), som Diggs föreskrifter hänvisar till.
a11y-h-limits = Innehåll som inte är tillgängligt
a11y-limits-1 = Innehållet som beskrivs nedan är på ett eller annat sätt inte helt tillgängligt. För varje brist anger vi vilka krav i WCAG 2.1 den gäller och vad du kan göra under tiden.
a11y-h-testing = Hur vi testat webbplatsen
a11y-testing-1 = Vi har bedömt webbplatsen själva (självskattning). Bedömningen bygger på automatiska tester och på manuell granskning. De tre första testerna nedan körs varje gång koden ändras. Lighthouse kör vi separat.
a11y-testing-2 = Vi granskar också sidorna manuellt, bland annat med enbart tangentbord och med förstoring. Automatiska tester hittar bara en del av de brister som kan finnas.
a11y-h-enforcement = Tillsyn
a11y-enforcement-1 = Myndigheten för digital förvaltning (Digg) är tillsynsmyndighet för lagen om tillgänglighet till digital offentlig service. Om du inte är nöjd med hur vi hanterar dina synpunkter kan du kontakta Digg och påtala det.
a11y-h-report = Rapportera brister i webbplatsens tillgänglighet
a11y-report-intro = Beskriv problemet och lämna gärna en e-postadress så att vi kan svara. Programkontoret läser varje rapport.
a11y-report-page = Sida (adress eller namn)
a11y-report-page-hint = Var problemet finns, till exempel /sv/atlas.
a11y-report-message = Vad är problemet?
a11y-report-reply = Din e-postadress
a11y-report-reply-hint = Frivilligt. Vi använder adressen bara för att svara dig.
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
error-slug = Använd 1–80 tecken: små bokstäver a–z, siffror och enstaka bindestreck.
error-slug-taken = Den här identifieraren används redan. Välj en annan.
legal-not-advice = Vägledning, inte juridisk rådgivning: checklistan hjälper båda parter att ställa rätt frågor. Varje organisations egna jurister avgör.
infra-title = Infrastrukturer och tjänster
infra-lead = Forskningsinfrastrukturer, testbäddar och prövningsenheter i regionen, med de tjänster de erbjuder företag. Välj en tjänst för att se hur ett företag får tillgång till den och för att skicka en förfrågan.
infra-see-premises = Lokaler för företag
infra-sme-only = Bara tjänster som välkomnar små företag
infra-count = { $count ->
    [one] En infrastruktur
   *[other] { $count } infrastrukturer
}
infra-none = Ingen infrastruktur stämmer med filtren.
category-manufacturing = Tillverkning
category-clinical_trials = Kliniska prövningar
category-laboratory = Laboratorium
category-analysis = Analys
category-data = Data, register och biobanker
category-premises = Lokaler
category-expertise = Expertis och rådgivning
category-community = Nätverk och mötesplats
service-kind = Typ
service-kind-service = Tjänst
service-kind-testbed = Testbädd
service-kind-trial_unit = Prövningsenhet
service-category = Område
service-access = Villkor för tillgång
service-pricing = Prissättning
service-lead-time = Normal ledtid
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
service-path-intro = Infrastrukturens ägarform: { $owner }. En förfrågan går igenom tre steg: förberedelse, utveckling och utförande. Här är de punkter på checklistan som parterna går igenom i varje steg.
service-path-none = Inga punkter på checklistan i det här steget.
service-new-title = Ny tjänst
service-edit-title = Redigera { $name }
service-form-intro = Beskriv tjänsten så att ett företag kan avgöra om den passar företagets behov. Varje ändring loggas.
service-slug = Identifierare i adressen
service-slug-hint = Små bokstäver a–z, siffror och bindestreck, till exempel gmp-tillverkning.
service-name = Namn
service-description = Beskrivning
service-save = Spara
premises-title = Lokaler för företag
premises-lead = Laboratorie- och kontorslokaler för företag på regionens campus. För varje lokal ser du vilken ägare du ska kontakta.
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
premises-none = Inga lokaler stämmer med filtren.
document-nda = Sekretessavtal (mall)
document-service-agreement = Avtal om användning av tjänster (mall)
requests-title = Förfrågningar om samverkan
requests-lead = Förfrågningar du har skickat för ditt företag, och förfrågningar till de infrastrukturer du förvaltar. En förfrågan syns bara för företaget, infrastrukturens förvaltare och programkontoret.
requests-new = Hitta en tjänst att fråga om
requests-none = Det finns inga förfrågningar att visa.
request-new-title = Begär tillgång
request-new-intro = Du frågar { $provider }.
request-new-intro-premises = Du frågar { $owner } om { $premises }.
request-new-guidance = Beskriv ditt behov med egna ord. Infrastrukturen svarar i Samverkan. Här kan du följa varje steg, och du får e-post när något händer.
request-company = Ditt företag
request-provider = Infrastruktur
request-services = Tjänster
request-title-field = Rubrik
request-title-hint = Ett kort namn på förfrågan, till exempel ”GMP-tillverkning för vår fas 1-prövning”.
request-need = Ditt behov
request-need-hint = Vad vill du göra och när? Vad behöver du från infrastrukturen?
request-start = Önskad start
request-start-hint = Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2027-03-01.
request-confidentiality = Sekretess
request-confidentiality-hint = Vilka uppgifter i förfrågan eller i senare material är affärshemligheter? Offentliga aktörer prövar sekretess i varje enskilt fall. Skriv det här, så kan uppgifterna märkas.
request-draft = Utkast
request-draft-check = Spara som utkast och skicka senare
request-send = Skicka förfrågan
request-status = Status
request-updated = Senast ändrad
request-no-company-title = Du är inte kopplad till något företag
request-no-company = Förfrågningar skickas för ett företags räkning. Om ditt företag inte finns i kartan ännu kan du registrera det och sedan skicka förfrågan direkt. Om det redan finns kan du be en kollega som använder Samverkan, eller programkontoret, att bjuda in dig som medlem.
request-error-company = Du kan inte skicka förfrågningar för det här företaget.
request-error-date = Skriv ett giltigt datum i formen ÅÅÅÅ-MM-DD.
request-error-changed = Någon annan ändrade förfrågan samtidigt som du. Inget sparades. Se hur förfrågan ser ut nu och försök igen.
request-error-not-from = En förfrågan med status { $status } kan inte ändras med ”{ $move }”.
request-error-side-company = Bara företaget som skickade förfrågan kan göra det här.
request-error-side-infrastructure = Bara infrastrukturens förvaltare kan göra det här.
request-error-checklist = { $count ->
    [one] En obligatorisk punkt i steget { $stage } är varken avbockad eller undantagen. Steget kan inte avslutas förrän den är det.
   *[other] { $count } obligatoriska punkter i steget { $stage } är varken avbockade eller undantagna. Steget kan inte avslutas förrän de är det.
}
request-error-reason = Ange ett skäl.
request-error-item-company = Det är företaget som bockar av den här punkten.
request-error-item-infrastructure = Det är infrastrukturen som bockar av den här punkten.
request-error-frozen = Checklistan för steget { $stage } kan inte längre ändras.
request-error-waive = Bara programkontoret kan undanta en punkt.
request-refused = Inte utfört
request-progress = Förlopp
step-done = klart
request-moves = Nästa steg
request-reason = Skäl eller kommentar
request-reason-hint = Måste fyllas i om du avböjer. Båda parter ser texten i historiken.
request-done-draft = Utkastet är sparat. Skicka det när det är klart.
request-done-moved = Förfrågan har gått vidare.
request-done-item = Checklistan är uppdaterad.
request-done-message = Meddelandet är skickat.
request-done-file = Filen är bifogad.
status-draft = Utkast
status-submitted = Skickad
status-preparation = Förberedelse
status-development = Utveckling
status-execution = Utförande
status-completed = Avslutad
status-declined = Avböjd
status-withdrawn = Återkallad
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
checklist-intro = Skapad utifrån infrastrukturens ägarform: { $owner }.
checklist-none = Det finns ingen checklista ännu. Den skapas när förfrågan skickas.
checklist-required = obligatorisk
checklist-retired = utgången
checklist-source = Bygger på
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
message-internal-check = Intern anteckning som bara infrastrukturen och programkontoret kan se
request-files = Filer
request-no-files = Inga filer ännu.
file-choose = Bifoga en fil
file-hint = Du kan bifoga PDF, PNG, JPEG, Word (.docx), Excel (.xlsx), text eller CSV. Varje fil får vara högst 10 MB, och en förfrågan kan ha högst 20 filer. Bara parterna kan öppna filerna.
file-upload = Ladda upp
attach-error-Empty = Filen du skickade var tom. Välj en annan fil.
attach-error-TooLarge = Filen är större än 10 MB.
attach-error-TypeNotAccepted = Filer av den här typen tas inte emot. Använd PDF, PNG, JPEG, .docx, .xlsx, .txt eller .csv.
attach-error-Disguised = Filens innehåll stämmer inte med filnamnet, till exempel ett program med ett namn som slutar på .pdf. Filen sparades inte.
attach-error-TooMany = En förfrågan kan ha högst 20 filer.
request-history = Historik
history-from = Från
history-to = Till
history-by = Av
mail-request-subject = Förfrågan om samverkan: { $title }
mail-request-moved = Förfrågan ”{ $title }” har nu status { $status }.
mail-message-subject = Nytt meddelande i förfrågan: { $title }
mail-message-body = Det finns ett nytt meddelande i din förfrågan om samverkan.
figures-title = Förfrågningar i siffror
figures-lead = Programkontorets inkorg, förfrågningar som väntar på svar och siffror för uppföljningen av strategin under en period som du väljer.
figures-open = Pågående förfrågningar per infrastruktur och steg
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
checklists-lead = Mallarna som checklistan för varje förfrågan skapas från, utifrån infrastrukturens ägarform. En förfrågan behåller den text den fick. Ändringar gäller förfrågningar som skickas efter ändringen.
checklist-new-title = Ny checklistpunkt
checklist-edit-title = Redigera: { $title }
checklist-form-intro = Ange datum och källa för texten. Varje ändring loggas.
checklist-key = Nyckel
checklist-stage = Steg
checklist-party = Vem bockar av
checklist-owners = Ägarformer som punkten gäller för
checklist-flags = Regler
checklist-required-check = Obligatorisk: steget kan inte avslutas förrän punkten är avbockad eller undantagen
checklist-retired-check = Utgången: punkten läggs inte längre till i nya förfrågningar
checklist-source-url = Var du kan läsa regeln
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
search-none = Sökningen gav inga träffar. Prova andra ord, eller beskriv vad du behöver på sidan ”Beskriv ditt behov”.
search-count = { $count ->
    [one] En träff
   *[other] { $count } träffar
}
search-facets = Avgränsa resultaten
search-facet-type = Typ
search-facet-remove = ta bort filtret
search-try-match = Beskriv ditt behov i stället, så visar vi vart du kan vända dig
doc-kind-infrastructure = Infrastruktur
doc-kind-service = Tjänst
doc-kind-premises = Lokaler
doc-kind-actor = Aktör
home-match-hint = Berätta vad du behöver med egna ord, på svenska eller engelska.
match-title = Beskriv ditt behov
match-lead = Skriv vad ditt företag behöver, med egna ord, på svenska eller engelska. Vi jämför det med regionens infrastrukturer, tjänster, lokaler och aktörer och förklarar varför varje förslag passar.
match-need = Ditt behov
match-need-hint = Till exempel: ”GMP-tillverkning för en fas 1-prövning av cellterapi” eller ”labbplats för ett nystartat företag i Flemingsberg”.
match-submit = Hitta vart du kan vända dig
match-results = Vart du kan vända dig
match-why = Varför:
match-reason-words = den nämner { $words }
match-reason-campus = den hör till { $campus }
match-reason-space = den erbjuder lokaler
match-none = Inget passar behovet riktigt. Prova andra ord, eller låt programkontoret hitta rätt dörr åt dig.
service-add = Lägg till en tjänst

## Strategi
nav-strategy = Strategi
strategy-title = Strategi
strategy-areas = Fokusområden
strategy-api = Strategin som öppna data (JSON)
example-data = Exempeldata.
example-data-note = Insatser och indikatorvärden som är märkta ”exempel” visar hur uppföljningen fungerar. De är inte regionens beslutade handlingsplaner.
example-badge = exempel
automatic-badge = beräknas av Samverkan
automatic-note = Samverkan räknar fram den här indikatorn från sina egna uppgifter; ingen rapporterar in dess värden.
measures-count = { $count ->
    [one] en insats
   *[other] { $count } insatser
}
indicators-count = { $count ->
    [one] en indikator
   *[other] { $count } indikatorer
}
target-on_track = I fas
target-at_risk = I riskzonen
target-off_track = Ligger efter
target-unknown = Inget värde ännu
target-rule = Statusen jämför det senaste värdet med linjen från utgångsvärdet via eventuella delmål till målet. ”I fas” betyder att värdet ligger på eller före linjen. ”I riskzonen” betyder att värdet ligger efter linjen med högst en fjärdedel av vägen. ”Ligger efter” betyder att värdet ligger längre efter eller rör sig åt fel håll.
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
indicator-direction = Bättre när värdet är
indicator-measures = Insatser som indikatorn följer upp
indicator-values-heading = Status, diagram och årsvärden
direction-higher = högre
direction-lower = lägre
chart-description = Rapporterade värden per år, jämfört med den planerade utvecklingen från utgångsvärdet { $baseline } till målet { $target }. Samma siffror finns i tabellen nedanför.
chart-reported = Rapporterat
chart-planned = Planerad utveckling
doc-kind-focus_area = Fokusområde
doc-kind-measure = Insats

## Uppföljning
followup-title = Årlig uppföljning
followup-lead = En gång om året följer programkontoret upp strategin. De aktörer som ansvarar för en insats rapporterar insatsens status, vad som har gjorts och indikatorernas värden. Programkontoret granskar varje rapport. När omgången stängs blir den årets rapport.
followup-none = Ingen uppföljningsomgång har öppnats ännu.
followup-cycles = Uppföljningsomgångar
followup-links = Länkar
followup-deadline = Sista dag
followup-deadline-hint = Sista dagen för att skicka rapporter. Skriv datumet som ÅÅÅÅ-MM-DD.
followup-state-open = Öppen
followup-state-closed = Stängd
followup-open-title = Öppna en ny omgång
followup-open-help = När en omgång öppnas kan rapportörerna för varje ansvarig aktör rapportera om sina insatser. De får en påminnelse via e-post 14 dagar och 3 dagar före sista dagen, om de inte redan har skickat sin rapport.
followup-open-submit = Öppna omgången
followup-reports-title = Rapporter { $year }
followup-reports-link = Rapporter att skriva och granska
followup-reports-lead-open = Här är de insatser som du ska rapportera om. Skicka varje rapport senast { $deadline }. Du kan spara ett utkast och fortsätta senare.
followup-reports-lead-closed = Omgången är stängd, och rapporterna kan inte längre ändras. Programkontoret rättar eventuella fel och anger skälet till varje rättelse.
followup-reports-none = Du har inga insatser att rapportera om. Programkontoret utser rapportörer för varje ansvarig aktör.
followup-close-title = Stäng omgången { $year }
followup-close-help = När omgången stängs låses alla rapporter i det skick de är. Rapporter som inte har godkänts kommer inte med i den offentliga rapporten, men de finns med i den interna. Rättelser som görs senare sparas tillsammans med ett skäl.
followup-close-confirm = Jag förstår att omgången låses när den stängs.
followup-close-submit = Stäng omgången { $year }
followup-closed-note = Omgången är stängd. Den här rapporten kan inte längre ändras.
followup-measure-title = Rapport { $year }: { $measure }
followup-measure-page = Öppna insatsen
followup-done-opened = Omgången är öppen. Rapportörerna kan nu rapportera om sina insatser.
followup-done-closed = Omgången är stängd och låst.
followup-done-saved = Ditt utkast är sparat. Det är inte skickat ännu.
followup-done-submitted = Din rapport är skickad till programkontoret.
followup-done-accepted = Rapporten är godkänd. Dess status och värden gäller nu för året.
followup-done-returned = Rapporten är skickad tillbaka till rapportören med din kommentar.
followup-done-revised = Rättelsen är sparad tillsammans med skälet.
followup-event-save = Sparad som utkast
followup-event-submit = Skickad till programkontoret
followup-event-accept = Godkänd
followup-event-return = Skickad tillbaka
followup-error-year = Skriv ett år mellan 2000 och 2100.
followup-error-date = Skriv sista dagen som ett datum i formen ÅÅÅÅ-MM-DD.
followup-error-exists = Det finns redan en omgång för det året.
followup-error-another-open = En annan omgång är fortfarande öppen. Stäng den innan du öppnar en ny.
followup-error-deadline = Sista dagen har redan passerat. Välj i dag eller en senare dag.
followup-error-closed = Omgången är stängd, så inget i den kan ändras. Programkontoret kan göra en rättelse och ange skälet.
followup-error-not-from-here = Rapporten har gått vidare under tiden: den väntar på granskning eller är redan godkänd. Inget ändrades.
followup-error-office-only = Bara programkontoret kan göra det.
followup-error-comment = Skriv en kommentar som säger vad rapportören ska ändra.
followup-error-narrative = Skriv vad som har gjorts innan du skickar rapporten. Du kan spara ett utkast utan den texten.
followup-error-too-long = Texten är för lång.
followup-error-number = Skriv ett tal, till exempel 12 eller 12,5.
followup-error-value-for-comment = Skriv värdet som kommentaren gäller, eller ta bort kommentaren.
followup-error-link = Varje länk till underlag måste vara en fullständig webbadress som börjar med https:// eller http://. Skriv en länk per rad.
followup-error-links = Du kan ange högst 10 länkar till underlag.
followup-error-reason = Skriv skälet till rättelsen.
followup-error-unchanged = Rättelsen ändrar ingenting.
followup-error-still-open = Omgången är fortfarande öppen. Ändra rapporten i stället.
followup-error-confirm = Kryssa i rutan för att bekräfta att du vill stänga omgången.
report-title = Uppföljning { $year }
report-publisher = Region Stockholm, programkontoret för life science
report-version-public = offentlig version
report-version-internal = intern version
report-preliminary = Preliminär: omgången är öppen till och med { $deadline }, och hittills ingår bara godkända rapporter.
report-internal-note = Intern version för programkontoret. Den visar också rapporter som saknas, som är utkast, som är skickade eller som har skickats tillbaka, liksom programkontorets kommentarer och värden som ännu inte har godkänts.
report-summary = Sammanfattning
report-summary-measures = { $total ->
    [one] { $accepted } av 1 insats har en godkänd rapport.
   *[other] { $accepted } av { $total } insatser har en godkänd rapport.
}
report-summary-indicators = { $total ->
    [one] { $on_track } av 1 indikator är i fas.
   *[other] { $on_track } av { $total } indikatorer är i fas.
}
report-measures-by-status = Insatser efter status
report-indicators-by-status = Indikatorer jämfört med målet
report-count = Antal
report-status = Status
report-state = Rapport
report-state-missing = Inte påbörjad
report-state-draft = Utkast
report-state-submitted = Skickad, väntar på granskning
report-state-returned = Skickad tillbaka
report-state-accepted = Godkänd
report-not-reported = Inte rapporterad
report-area-status = Insatser: { $measures }. Indikatorer: { $indicators }.
report-narratives = Vad som har gjorts
report-narrative = Vad som har gjorts och vad som händer härnäst
report-narrative-hint = Måste fyllas i innan du skickar rapporten. Skilj stycken åt med en tom rad.
report-evidence = Underlag
report-evidence-hint = Länkar till protokoll, rapporter eller annat underlag, en länk per rad (högst 10).
report-review-comment = Programkontorets kommentar
report-returned-heading = Skickad tillbaka av programkontoret
report-pending-values = Värden som ännu inte har godkänts:
report-chart-legend = Heldragen linje: rapporterade värden. Streckad linje: den planerade utvecklingen från utgångsvärdet till målet.
report-figure = Figur
report-year = År
report-changes = Förändringar sedan föregående år
report-no-changes = Inga förändringar att jämföra med föregående år.
report-change-status = { $measure }: status { $change }
report-change-value = { $indicator }: { $change }
report-revisions = Rättelser efter stängningen
report-no-revisions = Inga rättelser.
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
report-show-public = Visa den offentliga versionen
report-previous-value = Förra året: { $value }
report-value-for = Värde för { $year }
report-value-comment = Kommentar till värdet
report-save = Spara utkast
report-submit = Skicka till programkontoret
report-reported = Det här rapporterades
report-review-title = Granskning
report-review-hint = Måste fyllas i om du skickar tillbaka rapporten. Skriv vad rapportören ska ändra.
report-accept = Godkänn
report-return = Skicka tillbaka med kommentar
report-revise-title = Rätta den stängda rapporten
report-revise-help = Omgången är stängd. En rättelse sparas tillsammans med skälet och visas i rapporten.
report-revise-new = Rättat värde
report-revise-submit = Spara rättelsen
report-history = Historik
followup-reminder-subject = Påminnelse: rapporten till uppföljningen { $year }
followup-reminder-body = Rapporten om { $measure } har ännu inte skickats till programkontoret. Sista dag är { $deadline }. Skriv och skicka den här:
strategy-followup-link = De årliga uppföljningarna och deras rapporter
measure-edit-title = Ändra { $measure }
measure-edit-intro = Den ansvariga aktörens rapportörer och programkontoret håller insatsen aktuell. Varje ändring sparas tillsammans med uppgift om vem som gjorde den.
measure-description = Beskrivning
measure-start = Start
measure-end = Slut
measure-date-hint = Skriv datumet som ÅÅÅÅ-MM-DD. Lämna fältet tomt om datumet inte är bestämt.
measure-save = Spara insatsen
measure-back = Tillbaka till insatsen
measure-edit = Ändra insatsen
measure-saved = Insatsen är sparad.
measure-error-date = Skriv datumet som ÅÅÅÅ-MM-DD.
measure-error-order = Slutdatumet kan inte vara före startdatumet.
dashboard-title = Insatser efter status
dashboard-area = Fokusområde
dashboard-total = Alla områden

## Evenemang, mötesplatser, nyheter
nav-events = Evenemang
events-title = Evenemang
events-lead = Rundabordssamtal, seminarier och prisutdelningar där människor med olika yrken inom life science i regionen möts. Alla tider är svensk tid.
events-feed = Prenumerera på kalendern (iCalendar)
events-calendar-name = Samverkan: life science-evenemang i Stockholmsregionen
events-upcoming = Kommande
events-past = Tidigare
events-none-upcoming = Det finns inga kommande evenemang.
events-none-past = Det finns inga tidigare evenemang.
events-filter-campus = Campus
events-any-campus = Alla campus
events-filter-submit = Visa
events-filter-clear = Visa alla
event-online = Digitalt
event-organisers = Arrangör
event-when = När
event-where = Var
event-timezone = svensk tid
event-register = Anmäl dig
event-ics = Lägg till i din kalender (.ics)
event-source = Källa
event-past-note = Evenemanget har ägt rum.
date-long = { $day } { $month }
month-1 = januari
month-2 = februari
month-3 = mars
month-4 = april
month-5 = maj
month-6 = juni
month-7 = juli
month-8 = augusti
month-9 = september
month-10 = oktober
month-11 = november
month-12 = december
places-title = Mötesplatser
places-lead = Platser där människor från företag, akademi och vård möts och arbetar sida vid sida.
places-none = Det finns inga mötesplatser ännu.
place-campus = Campus
place-owner = Drivs av
place-capacity = Kapacitet
place-offers = Erbjuder
news-title = Nyheter
news-lead = Nyheter från regionens life science-ekosystem.
news-feed = Följ nyheterna (Atom-flöde)
news-feed-title = Samverkan: life science-nyheter från Stockholmsregionen
news-none = Inga nyheter ännu.
news-actors = Berör
news-all = Alla nyheter
posts-title = Partnerinlägg
posts-lead = Erbjud det som din organisation kan dela, eller berätta vilken partner du söker. Medlemmar som är intresserade skriver till dig, och samtalet stannar mellan er två.
posts-open = Öppna inlägg
posts-none = Inga öppna inlägg just nu.
posts-mine = Dina inlägg
posts-mine-none = Du har inte skrivit något inlägg ännu.
post-any-kind = Erbjudanden och förfrågningar
post-kind = Typ av inlägg
post-kind-offer = Erbjudande
post-kind-request = Förfrågan
post-until = till och med { $date }
post-closed = Stängt
post-expired = Utgånget
post-interests = { $count ->
    [one] en intresserad
   *[other] { $count } intresserade
}
post-new-title = Skriv ett inlägg
post-new-intro = Ditt inlägg syns för inloggade medlemmar. Berätta vad du erbjuder eller söker, och till när.
post-title-field = Rubrik
post-body = Text
post-body-hint = Beskriv vad det gäller, för vem och på vilka villkor. Skilj stycken åt med en tom rad.
post-expires = Sista dag
post-expires-hint = Skriv datumet som ÅÅÅÅ-MM-DD, högst ett år från i dag.
post-tags = Ämnen
post-publish = Publicera inlägget
post-conversations = Samtal
post-no-interest = Ingen har visat intresse ännu.
post-your-conversation = Öppna ditt samtal med författaren
post-interest-title = Intresserad?
post-interest-message = Ditt meddelande till författaren
post-interest-hint = Författaren får ett e-postmeddelande och kan svara dig här. Bara ni två ser samtalet.
post-interest-submit = Visa intresse
post-close = Stäng inlägget
post-close-help = När inlägget är stängt kan ingen fler visa intresse. Dina samtal finns kvar.
post-done-published = Ditt inlägg är publicerat.
post-done-closed = Inlägget är stängt.
post-done-sent = Ditt meddelande är skickat.
post-error-title = Skriv en rubrik på högst 200 tecken.
post-error-text = Skriv en text på högst 5 000 tecken.
post-error-expiry = Skriv sista dagen som ÅÅÅÅ-MM-DD, från i dag och upp till ett år framåt.
post-error-closed = Inlägget är stängt eller har passerat sin sista dag. Det går inte längre att visa intresse för det.
post-error-own = Det här är ditt eget inlägg.
post-error-twice = Du har redan visat intresse för inlägget. Fortsätt i ditt samtal.
post-mail-subject = Någon är intresserad av ditt inlägg
post-mail-body = { $name } är intresserad av ditt inlägg ”{ $title }” och har skrivit till dig. Svara här:
conversation-title = Samtal med { $name }
conversation-private = Bara du och den andra parten ser det här samtalet.
conversation-you = du
conversation-reply = Ditt svar
conversation-send = Skicka
doc-kind-event = Evenemang
doc-kind-meeting_place = Mötesplats
doc-kind-news = Nyhet

## Indikatorer och arbetsgrupper (programkontoret)
value-comment = Kommentar
value-reported-by = Rapporterat av
value-origin-data-set = Strategins datamängd
value-origin-erased = En person vars konto har raderats
value-origin-counted = Räknat av Samverkan
indicator-edit = Redigera indikatorn
indicator-saved = Indikatorn är sparad.
indicator-edit-title = Redigera { $indicator }
indicator-edit-intro = Programkontoret förvaltar indikatorns definition. Årsvärdena kommer från uppföljningen. Värden för ett år som är stängt ändras genom rättelser. Varje ändring sparas tillsammans med uppgift om vem som gjorde den.
indicator-name = Namn
indicator-unit = Enhet
indicator-baseline-value = Utgångsvärde
indicator-baseline-year = Utgångsår
indicator-target-value = Målvärde
indicator-target-year = Målår
indicator-number-hint = Ett tal, till exempel 12 eller 12,5.
indicator-save = Spara indikatorn
indicator-back = Tillbaka till indikatorn
indicator-error-number = Skriv ett tal, till exempel 12 eller 12,5.
indicator-error-year = Skriv ett årtal mellan 1900 och 2200.
indicator-error-order = Målåret måste komma efter utgångsåret.
area-working-group = Arbetsgrupp
area-working-group-intro = Handlingsplanen tas fram av en arbetsgrupp med deltagare från olika verksamheter. Varje deltagare förankrar planen i sin egen organisation.
group-title = Arbetsgrupp: { $area }
group-members = Deltagare
group-empty = Ingen har lagts till i arbetsgruppen ännu.
group-name = Namn
group-organisation = Organisation
group-role = Roll
group-actions = Åtgärder
group-role-lead = Sammankallande
group-role-member = Deltagare
group-remove = Ta bort
group-add = Lägg till en person
group-add-intro = Lägg till en person med e-postadressen till personens konto i Samverkan. Personens namn, organisation och roll visas på fokusområdets sida, som alla kan se.
group-email = E-postadress till kontot
group-choose-organisation = Välj organisationen personen företräder
group-add-submit = Lägg till i arbetsgruppen
group-added = Personen är tillagd i arbetsgruppen.
group-removed = Personen är borttagen ur arbetsgruppen.
group-error-no-account = Inget konto har den e-postadressen. Bjud in personen först (under Administration, användare).
group-error-member = Personen är redan med i arbetsgruppen.
group-manage = Hantera arbetsgruppen
group-back = Tillbaka till fokusområdet

## Skriva evenemang och nyheter
event-new-title = Nytt evenemang
event-edit-title = Redigera { $event }
event-edit = Redigera evenemanget
event-saved = Evenemanget är sparat.
event-form-intro = Evenemang visas i kalendern, i iCalendar-flödet och i sökningen. Ange tider i svensk tid. Varje ändring sparas tillsammans med uppgift om vem som gjorde den.
event-field-when = När (svensk tid)
event-field-start-day = Första dag
event-field-start-time = Börjar
event-field-end-day = Sista dag
event-field-end-time = Slutar
event-day-hint = Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-12-03.
event-time-hint = Skriv tiden som 09:30. Lämna båda tiderna tomma för ett heldagsevenemang.
event-end-day-hint = Lämna fältet tomt om evenemanget bara är en dag.
event-field-title = Titel
event-field-description = Beskrivning
event-field-location = Var evenemanget äger rum (adress eller lokal)
event-field-organiser = Arrangör
event-choose-organiser = Välj arrangör
event-field-place = Plats
event-no-place = Inte angiven
event-campus = campus
event-field-registration = Anmälningssida
event-registration-hint = En webbadress som börjar med https://, om anmälan görs någon annanstans.
event-save = Spara evenemanget
event-error-day = Skriv ett datum som 2026-12-03.
event-error-time = Skriv tiderna som 09:30.
event-error-both-times = Ange både start- och sluttid, eller ingen av dem för ett heldagsevenemang.
event-error-order = Evenemanget slutar innan det börjar.
event-error-url = Skriv en webbadress som börjar med https://.
event-matchmaking = Matchmaking: boka möten på tu man hand
news-new-title = Skriv en nyhet
news-edit-title = Redigera { $item }
news-edit-link = Redigera ”{ $item }”
news-saved = Nyheten är sparad.
news-form-intro = Nyheter visas på startsidan, på nyhetssidan och i Atom-flödet, på båda språken.
news-field-title = Rubrik
news-field-summary = Sammanfattning
news-field-body = Text (frivilligt; skilj stycken åt med en tom rad)
news-field-published = Datum
news-field-actor = Gäller
news-no-actor = Ingen särskild aktör
news-save = Spara nyheten
news-error-actor = Välj en av de organisationer du redigerar.

## Matchmaking
mm-title = Matchmaking: { $event }
mm-intro = Anmäl dig med en kort profil, se vilka andra som deltar och be om möten på tu man hand. Den du frågar tackar ja genom att välja en av arrangörens mötestider som är ledig för er båda. Ingen kan bokas två gånger på samma tid. Bara deltagarna och arrangören ser profilerna.
mm-closed = Evenemanget är över, och matchmakingen är stängd.
mm-slots = Mötestider
mm-no-slots = Arrangören har inte lagt till några mötestider ännu.
mm-slot-meetings = { $count ->
    [one] ett möte bokat
   *[other] { $count } möten bokade
}
mm-add-slot = Lägg till en mötestid
mm-slot-hint = En av evenemangets dagar (till exempel 2026-12-03) och en start- och sluttid (till exempel 10:00 och 10:20). En mötestid kan vara från 5 minuter till 4 timmar. Tiderna får inte överlappa varandra.
mm-slot-day = Dag
mm-slot-start = Börjar
mm-slot-end = Slutar
mm-add-slot-submit = Lägg till tiden
mm-sign-in = Logga in för att delta i matchmakingen
mm-agenda = Mitt mötesschema
mm-agenda-empty = Inga möten bokade ännu.
mm-agenda-ics = Ladda ner mitt mötesschema (.ics)
mm-agenda-title = Mina möten på { $event }
mm-meeting-with = Möte med { $name } ({ $organisation })
mm-incoming = Mötesförfrågningar till mig
mm-outgoing = Mötesförfrågningar som jag har skickat
mm-none = Inga ännu.
mm-no-free-slot = Ingen tid är ledig för er båda. Tacka nej eller be arrangören om fler tider.
mm-pick-slot = Tid
mm-accept = Tacka ja
mm-decline = Tacka nej
mm-withdraw = Dra tillbaka
mm-participants = Deltagare
mm-no-others = Ingen annan har anmält sig ännu.
mm-register-to-request = Anmäl dig för att be om ett möte.
mm-message-to = Meddelande till { $name } (frivilligt)
mm-request = Be om ett möte
mm-count = { $count ->
    [one] En person har anmält sig.
   *[other] { $count } personer har anmält sig.
}
mm-your-profile = Min profil
mm-register = Delta
mm-organisation = Organisation
mm-profile = Vad du erbjuder och söker
mm-profile-hint = Några meningar. De andra deltagarna ser profilen.
mm-save-profile = Spara min profil
mm-register-submit = Anmäl mig till matchmakingen
mm-state-pending = Väntar på svar
mm-state-accepted = Tackat ja
mm-state-declined = Tackat nej
mm-state-cancelled = Tillbakadragen
mm-done-registered = Din profil är sparad.
mm-done-slot = Tiden är tillagd.
mm-done-requested = Din mötesförfrågan är skickad. Personen får ett meddelande via e-post.
mm-done-accepted = Mötet är bokat och finns i ditt mötesschema.
mm-done-declined = Mötesförfrågan är avböjd.
mm-done-cancelled = Mötesförfrågan är tillbakadragen.
mm-mail-subject = Mötesförfrågan på { $event }
mm-mail-body = { $name } ber om ett möte på tu man hand på { $event }. Svara på matchmakingsidan:
mm-mail-answer-subject-accepted = Möte bokat på { $event }
mm-mail-answer-subject-declined = Mötesförfrågan avböjd på { $event }
mm-mail-answer-subject-cancelled = Mötesförfrågan återkallad på { $event }
mm-mail-answer-accepted = { $name } har tackat ja till din mötesförfrågan: { $when }. Mötet finns i ditt mötesschema på matchmakingsidan:
mm-mail-answer-declined = { $name } har tackat nej till din mötesförfrågan. De andra deltagarna finns på matchmakingsidan:
mm-mail-answer-cancelled = { $name } har återkallat sin mötesförfrågan till dig. Matchmakingsidan:
mm-error-organisation = Skriv din organisation (högst 200 tecken).
mm-error-profile = Skriv en kort profil (högst 1 000 tecken).
mm-error-message = Meddelandet är för långt (högst 1 000 tecken).
mm-error-slot-times = Skriv dagen som 2026-12-03 och tiderna som 10:00 och 10:20. En mötestid ska vara från 5 minuter till 4 timmar och sluta efter att den börjar.
mm-error-slot-outside = Tiden ligger inte på någon av evenemangets dagar.
mm-error-slot-overlap = Tiden överlappar en annan tid.
mm-error-self = Du kan inte be dig själv om ett möte.
mm-error-not-registered = Båda måste vara anmälda till matchmakingen.
mm-error-duplicate = Det finns redan en öppen mötesförfrågan mellan er två.
mm-error-not-yours = Bara den som har fått frågan kan svara, och bara den som har frågat kan dra tillbaka frågan.
mm-error-answered = Mötesförfrågan är redan besvarad.
mm-error-no-slot = Välj en tid för att tacka ja.
mm-error-slot-taken = Den tiden blev just upptagen för någon av er. Välj en annan tid.
mm-error-slot-past = Den tiden har redan börjat.
mm-error-closed = Evenemanget är över, och matchmakingen är stängd.
mm-remove-slot = Ta bort
mm-remove-slot-label = Ta bort tiden { $when }
mm-done-slot-removed = Tiden är borttagen.
mm-error-slot-booked = Ett möte är bokat på den tiden, så tiden kan inte tas bort. Be deltagarna att först välja en annan tid.
form-cancel = Avbryt
actor-happenings = Mötesplatser, evenemang och nyheter
actor-events = Evenemang som aktören arrangerar
label-sv = { $label } (svenska)
label-en = { $label } (engelska)
post-any-tag = Alla ämnen
post-words = Ord i inlägget
filter-area = Strategins fokusområde
area-atlas-link = Se aktörerna och deras relationer i atlasen

## Felmeddelanden och säkerhet (tillagda)
error-unsupported-media-type = Innehållet skickades i ett format som den här adressen inte tar emot. Skicka JSON. Ingenting har ändrats.
org-number-invalid = Skriv organisationsnumret som tio siffror, NNNNNN-NNNN, med rätt kontrollsiffra på slutet.
error-conflict = Det du skickade finns redan eller krockar med något som redan finns. Ingenting har ändrats.
error-refused = Något av det du valde finns inte, eller så bryter uppgifterna mot en regel. Kontrollera valen och försök igen. Ingenting har ändrats.
error-unknown-choice = Fältet { $field } innehåller ett val som inte finns. Välj bland alternativen i formuläret. Ingenting har ändrats.
field-unknown-choice = Välj bland alternativen. Ett av valen finns inte.
field-name-tags = ”Ämnen”
field-name-areas = ”Fokusområden”
field-name-services = ”Tjänster”
field-name-premises = ”Lokaler”
field-name-organisers = ”Arrangörer”
field-name-actor = ”Aktör”
field-name-campus = ”Campus”
field-name-area = ”Fokusområde”
password-weak-repeated = Lösenordet är lätt att gissa eftersom det upprepar ett tecken, en teckengrupp eller ett ord. Använd flera olika ord.
password-weak-sequence = Lösenordet är lätt att gissa eftersom det är en följd av bokstäver eller siffror i ordning. Använd flera olika ord.
password-weak-keyboard = Lösenordet är lätt att gissa eftersom det följer en rad eller ett mönster på tangentbordet. Använd flera olika ord.
password-weak-words = Lösenordet är lätt att gissa eftersom det består av vanliga ord, namn eller lösenord. Lägg till fler ord som inte hör ihop.
password-weak-dates = Lösenordet är lätt att gissa eftersom det består av datum eller årtal. Använd flera olika ord.
password-weak-predictable = Lösenordet är för lätt att gissa. Använd flera ord som inte hör ihop.
token-scope = Behörighet
token-scope-read = Bara läsa
token-scope-write = Läsa och ändra
token-expires = Slutar gälla
token-expires-never = Aldrig
token-expired-on = Slutade gälla { $date }
token-lifetime-days = { $days ->
    [one] Om { $days } dag
   *[other] Om { $days } dagar
}
token-limits = En API-nyckel kan aldrig skapa nya nycklar, byta lösenord, hämta en kopia av dina uppgifter eller radera kontot. Det kan du bara göra när du är inloggad här. Om du byter lösenord med en återställningslänk slutar alla dina API-nycklar att gälla.
mail-limit-address = Någon har redan bett om flera länkar till den här adressen den senaste timmen. Titta i inkorgen och skräpposten, eller försök igen om en timme.
mail-limit-client = Du har bett om många länkar på kort tid. Försök igen om en timme.
## Statusar inne i en mening (små bokstäver)
status-word-draft = utkast
status-word-submitted = skickad
status-word-preparation = förberedelse
status-word-development = utveckling
status-word-execution = utförande
status-word-completed = avslutad
status-word-declined = avböjd
status-word-withdrawn = återkallad
a11y-status-partial = Samverkan är delvis förenlig med lagen om tillgänglighet till digital offentlig service. Det beror på de brister som vi beskriver under ”Innehåll som inte är tillgängligt”.
a11y-status-full = Samverkan är helt förenlig med lagen om tillgänglighet till digital offentlig service.
a11y-h-help = Vad kan du göra om du inte kan använda delar av webbplatsen?
a11y-help-1 = Om du behöver innehåll från Samverkan i ett annat format, till exempel som text i stället för som graf eller i ett dokument som fungerar med ditt hjälpmedel, kan du kontakta oss. Berätta vilket innehåll du behöver och i vilket format. Du når programkontoret så här:
a11y-contact-email = E-post:
a11y-contact-phone = Telefon:
a11y-contact-form = Formuläret för att rapportera brister, längre ned på den här sidan
a11y-response-time = Vi svarar normalt inom { $days ->
    [1] en arbetsdag
    [2] två arbetsdagar
    [3] tre arbetsdagar
    [4] fyra arbetsdagar
    [5] fem arbetsdagar
    [10] tio arbetsdagar
   *[other] { $days } arbetsdagar
}.
a11y-help-data = Aktörerna och relationerna i atlasen kan du också ladda ner som kalkylark (CSV-filer):
a11y-data-actors = Ladda ner aktörerna (CSV)
a11y-data-relations = Ladda ner relationerna (CSV)
a11y-feedback-1 = Vi arbetar hela tiden med att göra webbplatsen mer tillgänglig. Om du hittar problem som inte beskrivs på den här sidan, eller om du tycker att vi inte uppfyller lagens krav, vill vi veta det. Skriv till oss i formuläret här nedan eller kontakta oss på något av sätten ovan.
a11y-enforcement-link = Anmäl bristande tillgänglighet till Digg
a11y-h-technical = Teknisk information om webbplatsens tillgänglighet
a11y-h-noncompliance = Bristande förenlighet med lagkraven
a11y-noncompliance-none = Vi känner inte till några brister mot lagkraven.
a11y-h-burden = Oskäligt betungande anpassning
a11y-burden-none = Vi åberopar inte undantaget för oskäligt betungande anpassning för något innehåll.
a11y-h-outofscope = Innehåll som inte omfattas av lagstiftningen
a11y-outofscope-none = Vi känner inte till något innehåll på webbplatsen som inte omfattas av lagen. Relationerna i atlasen hänvisar ofta till källor på andra organisationers webbplatser. De webbplatserna ansvarar vi inte för.
a11y-h-alternative = Innehåll som uppfyller kraven genom ett tillgängligt alternativ
a11y-criteria = Krav i WCAG 2.1: { $criteria }.
a11y-meanwhile = Det här kan du göra:
a11y-problem-graph = Nätverksgrafen i atlasen ritas med WebGL på en yta som skärmläsare inte kan läsa, och du utforskar den med mus eller pekskärm. Färgerna i grafen skiljer olika typer av aktörer och relationer åt. Samma aktörer och relationer finns i tabellen under grafen, som du kan sortera och filtrera med tangentbordet. Varje aktör har också en egen sida, och teckenförklaringen och sidopanelen beskriver färgerna med ord. Vi bedömer därför att kraven uppfylls genom tabellen.
a11y-problem-graph-meanwhile = Använd tabellen under grafen. Länken ”{ $skip }” ovanför filtren tar dig dit.
a11y-method-axe = Verktyget axe-core granskar varje sidmall mot nivå A och AA i WCAG 2.1, på svenska och engelska och för både utloggade och inloggade besökare. Det granskar också API-dokumentationen.
a11y-method-reflow = Varje sidmall visas i ett fönster som är 320 pixlar brett, vilket motsvarar 400 procents förstoring. Sidan får inte behöva rullas i sidled.
a11y-method-keyboard = Testerna flyttar sig genom flera av sidorna med tabbtangenten och kontrollerar att fokus alltid syns tydligt, med tillräcklig kontrast. De viktigaste flödena testas med enbart tangentbord och utan JavaScript.
a11y-method-lighthouse = Lighthouse granskar sexton av de viktigaste sidorna, både i läget för dator och i läget för mobil.
a11y-date-made = Vi gjorde redogörelsen den { $date }.
a11y-date-assessed = Den senaste bedömningen gjordes den { $date }.
a11y-date-updated = Redogörelsen uppdaterades senast den { $date }.
a11y-date-published = Webbplatsen publicerades den { $date }.
a11y-and = och
actor-all-events = { $count ->
    [one] { $count } evenemang
   *[other] Alla { $count } evenemang
}
actor-all-news = { $count ->
    [one] { $count } nyhet
   *[other] Alla { $count } nyheter
}
news-about = Nyheter som handlar om { $actor }.
title-error-prefix = Fel:

# Att skriva handlingsplanerna
plan-save = Spara
plan-back-to-area = Tillbaka till det strategiska området
plan-choose-none = (ingen)
plan-code = Kod
plan-code-hint = Insatsens nummer i planen, till exempel 1.4. Det går inte att ändra i efterhand.
plan-indicator-code-hint = Indikatorns kod i planen, till exempel 1.d. Den går inte att ändra i efterhand.
plan-error-code = Skriv en kod med bokstäver och siffror åtskilda av punkter, till exempel 1.4 (högst 20 tecken).
plan-error-code-taken = En annan insats eller indikator har redan den här koden. Välj en annan.
plan-error-year = Skriv ett år mellan 1990 och 2100.
plan-error-currency = Skriv valutan med tre bokstäver, till exempel SEK eller EUR.
plan-error-negative = Beloppet kan inte vara negativt.
plan-error-rows = Högst { $max } rader.
plan-error-target-year = Målåret måste komma efter året för utgångsvärdet.
plan-error-interim-year = Ett delmål måste ligga mellan året för utgångsvärdet och målåret.
plan-error-interim-twice = Det här året har redan ett delmål.
plan-error-both-languages = Skriv texten både på svenska och engelska, eller lämna båda tomma.
plan-error-reported = Insatsen har återrapporterats i en uppföljning och kan inte tas bort. Ändra status till Avbruten eller Genomförd för att avsluta den.
plan-error-version-date = En ny version kan inte börja gälla före den senaste ({ $date }).
area-edit-title = Ändra texterna för { $area }
area-edit-intro = Texterna beskriver det strategiska området i handlingsplanen. Skriv dem både på svenska och engelska. Varje ändring sparas med uppgift om vem som gjorde den. Spara en ny version av planen när den reviderade planen är beslutad.
area-name = Det strategiska områdets namn
plan-measure-intro = En insats i handlingsplanen: vem som ansvarar, vilka som bidrar, när den pågår, vad den kostar och vilka delmål och indikatorer som visar hur den går. Varje ändring sparas med uppgift om vem som gjorde den.
plan-new-measure-title = Ny insats inom { $area }
plan-measure-title = Planen för { $measure }
plan-funding = Finansiering
plan-funding-hint = Var pengarna kommer från, till exempel regionens budget eller ett EU-program. Lämna tomt om det inte är bestämt.
plan-budget-legend = Budget
plan-budget = Belopp
plan-budget-hint = Ett tal, till exempel 2 500 000. Lämna tomt om det inte finns någon budget.
plan-currency = Valuta
plan-currency-hint = Tre bokstäver, till exempel SEK eller EUR.
plan-contributor-n = Aktör som bidrar { $n }
plan-milestone-n = Delmål { $n }
plan-milestone-title-sv = Vad som ska vara uppnått (på svenska)
plan-milestone-title-en = Vad som ska vara uppnått (på engelska)
plan-milestone-due = Datum
plan-milestone-status = Delmålets status
milestone-status-planned = Planerat
milestone-status-done = Uppnått
milestone-status-delayed = Försenat
milestone-status-cancelled = Avbrutet
plan-moves = Indikatorer som insatsen påverkar
plan-measure-reported = Insatsen har återrapporterats i en uppföljning. Den ligger kvar i planen. Ändra status till Avbruten eller Genomförd för att avsluta den.
plan-measure-remove-link = Ta bort insatsen ur planen
plan-measure-remove-title = Ta bort { $measure }
plan-measure-remove-intro = Insatsen har inte återrapporterats i någon uppföljning och kan därför tas bort ur planen. Det sparas vem som tog bort den, och tidigare versioner av planen visar den fortfarande.
plan-measure-remove = Ta bort insatsen
plan-measure-keep = Behåll insatsen
plan-new-indicator-title = Ny indikator inom { $area }
plan-auto = Räknas av Samverkan
plan-auto-none = Nej, värdena rapporteras in
plan-auto-hint = Samverkan kan räkna fram vissa indikatorer från sina egna uppgifter. Värdena märks då som framräknade av plattformen.
plan-interim-legend = Delmål
plan-interim-year-n = År för delmål { $n }
plan-interim-value-n = Värde för delmål { $n }
plan-followed-measures = Insatser som indikatorn följer
plan-versions-title = Versioner av handlingsplanen för { $area }
plan-versions-link = Versioner av handlingsplanen
plan-versions-lead = En version är handlingsplanen som den var beslutad från ett visst datum. Tidigare versioner går att läsa, och varje version visar vad som ändrades från den förra.
plan-versions-none = Ingen version av planen har sparats än.
plan-versions-since-last = Ändrat sedan den senaste versionen
plan-version-n = Version { $number }
plan-version-title = Handlingsplan för { $area }, version { $number }
plan-version-in-force = Gäller
plan-version-future = Gäller inte än
plan-version-from = Gäller från { $date }
plan-version-by-office = Programkontoret
plan-version-changes = Vad som ändrades
plan-version-first = Den första sparade versionen.
plan-version-new = Spara en ny version
plan-version-intro = Spara planen som den ser ut nu som en ny version: från vilket datum den gäller och varför den reviderades. Versionen går inte att ändra i efterhand.
plan-version-legend = Den nya versionen
plan-version-valid-from = Gäller från
plan-version-reason-sv = Skäl till revideringen (på svenska)
plan-version-reason-en = Skäl till revideringen (på engelska)
plan-version-submit = Spara versionen
plan-version-saved = Versionen har sparats.
plan-version-no-measures = Planen hade inga insatser.
plan-version-no-indicators = Planen hade inga indikatorer.
plan-field-name = namn
plan-field-current_state = nuläge
plan-field-strengths = regionala styrkor
plan-field-desired_state = önskat läge
plan-field-development_needs = utvecklingsbehov
plan-field-title = rubrik
plan-field-description = beskrivning
plan-field-responsible = ansvarig aktör
plan-field-contributors = aktörer som bidrar
plan-field-start = start
plan-field-end = slut
plan-field-status = status
plan-field-budget = budget
plan-field-funding = finansiering
plan-field-milestones = delmål
plan-field-unit = enhet
plan-field-direction = riktning
plan-field-baseline = utgångsvärde
plan-field-target = mål
plan-field-interim = delmål
plan-field-source = källa
plan-field-auto = automatisk räkning
plan-field-measures = insatser som följs
plan-change-texts-changed = Områdets texter ändrades: { $fields }.
plan-change-texts-added = Områdets texter skrevs.
plan-change-texts-removed = Områdets texter togs bort.
plan-change-measure-added = Insats { $code } lades till.
plan-change-measure-removed = Insats { $code } togs bort.
plan-change-measure-changed = Insats { $code } ändrades: { $fields }.
plan-change-indicator-added = Indikator { $code } lades till.
plan-change-indicator-removed = Indikator { $code } togs bort.
plan-change-indicator-changed = Indikator { $code } ändrades: { $fields }.
assessment-title = Programkontorets bedömning av { $area } { $year }
assessment-intro = Programkontorets bedömning av det strategiska området för året: vad som gick bra, vad som ligger efter och vad som ändras. Bedömningen tas med i årsrapporten. Skriv varje text både på svenska och engelska, eller lämna den tom.
assessment-went-well = Vad som gick bra
assessment-behind = Vad som ligger efter
assessment-changes = Vad som ändras
assessment-back = Tillbaka till uppföljningen
foreword-title = Förord till rapporten för { $year }
foreword-intro = Förordet inleder årsrapporten. Skriv det både på svenska och engelska, eller lämna båda tomma.
foreword-sv = Förord på svenska
foreword-en = Förord på engelska
auto-sme_requests_completed = Slutförda förfrågningar om tillgång från små företag, per år
auto-requests_received = Skickade förfrågningar om tillgång till områdets tjänster, per år
auto-requests_completed = Slutförda förfrågningar om tillgång till områdets tjänster, per år
auto-request_first_answer_days = Mediantid i dagar till första svar på förfrågningar om områdets tjänster
auto-smes_served = Små företag som slutfört en förfrågan om tillgång, per år
auto-matchmaking_meetings = Genomförda matchmakingmöten, per år
auto-posts_answered = Partnerinlägg som någon har svarat på, per år
auto-events_on_campuses = Evenemang som hållits på ett campus, per år
counted-how = Så räknar Samverkan
counted-how-intro = Samverkan kör den här frågan mot sin egen databas:
counted-rule-count = Varje kalenderår (svensk tid) i kolumnen at får antalet rader.
counted-rule-distinct = Varje kalenderår (svensk tid) i kolumnen at får antalet olika värden i kolumnen who.
counted-rule-median = Varje kalenderår (svensk tid) i kolumnen at får medianen av kolumnen value.
counted-param-area = $1 är fokusområdets kortnamn ({ $area }).
counted-param-now = $1 är tidpunkten då sidan visas, så att bara det som redan har ägt rum räknas.
plan-measure-remove-confirm = Bekräfta borttagningen med knappen nedan.
plan-edit-texts = Ändra områdets texter
plan-add-measure = Lägg till en insats
plan-add-indicator = Lägg till en indikator
plan-write-links = Skriv handlingsplanen
plan-version-line = Version { $number } av handlingsplanen, gäller från { $date }.
plan-saved = Handlingsplanen har sparats.
plan-measure-removed = Insatsen har tagits bort ur planen.
plan-edit-measure = Ändra insatsens plan
plan-milestones = Delmål
indicator-interim = Delmål
report-narrative-en = Samma text på engelska
report-narrative-en-hint = Frivilligt. Den engelska rapporten visar den här texten. Utan den visar rapporten texten ovan och anger på vilket språk den är skriven.
report-written-in = (skriven på { $language })
language-sv = svenska
language-en = engelska
report-foreword = Förord
report-assessment = Programkontorets bedömning
report-assessment-links = Programkontorets bedömningar
report-foreword-link = Skriv förordet
report-assessment-link = Skriv bedömningen av { $area }
report-table-area = Fokusområde
report-table-indicator = Indikator
report-table-unit = Enhet
report-table-baseline-year = Utgångsår
report-table-target-year = Målår
report-table-value = Värde
report-table-yes = ja
report-sheet-measures = Insatser
report-sheet-indicators = Indikatorer
report-sheet-values = Indikatorvärden
report-download-docx = Word-dokument (.docx) att redigera
report-download-xlsx = Tabellerna som Excel-arbetsbok (.xlsx)
report-download-csv = Tabellerna som CSV:
report-download-csv-measures = insatser
report-download-csv-indicators = indikatorer
report-download-csv-values = indikatorvärden
who-title = Vem gör vad i handlingsplanerna
who-lead = Alla aktörer som nämns i en insats, fokusområde för fokusområde: ansvarig för insatsen eller medverkande i den.
who-none = Ingen insats nämner någon aktör ännu.
who-caption = Aktörer och deras insatser per fokusområde
who-actor = Aktör
who-nothing = Ingen insats
who-part-responsible = ansvarig
who-part-contributes = medverkar
actor-strategy = I strategins handlingsplaner
actor-strategy-lead = Insatser som aktören ansvarar för eller medverkar i. Alla aktörer:
plan-error-indicator-reported = En uppföljning har rapporterat värden för indikatorn, så den kan inte tas bort. Låt den stå kvar i planen och lägg till den indikator som ersätter den.
plan-indicator-reported = En uppföljning har rapporterat värden för den här indikatorn. Den står kvar i planen så att rapporterna behåller sina siffror.
plan-indicator-remove-link = Ta bort indikatorn ur planen
plan-indicator-remove-title = Ta bort { $indicator }
plan-indicator-remove-intro = Ingen uppföljning har rapporterat något värde för indikatorn, så den kan tas bort ur planen tillsammans med de värden som följde med de inbyggda uppgifterna. Borttagningen registreras med vem som gjorde den, och tidigare versioner av planen visar den fortfarande.
plan-indicator-remove = Ta bort indikatorn
plan-indicator-keep = Behåll indikatorn
plan-indicator-removed = Indikatorn har tagits bort ur planen.
report-example-year = Uppföljningen { $year } är ett exempel som följer med Samverkan, så att den årliga cykeln, rapporten och dess filer går att se innan programkontoret har genomfört ett eget år. Rapporterna gäller bara exempelinsatserna, och förordet och bedömningarna är skrivna så som programkontoret skulle skriva dem.
plan-import-title = Importera en handlingsplan från ett kalkylark
plan-import-lead = Flytta in en plan som ni har i Excel eller ett annat kalkylprogram: en arbetsbok (.xlsx) med ett blad som heter insatser och ett som heter indikatorer, eller en CSV-fil med något av dem. Rader med en kod som området redan har uppdaterar den insatsen eller indikatorn; andra rader lägger till en ny. Ingenting tas bort. Kontrollera filen först: då ser ni rad för rad vad som skulle hända, eller varje problem med blad, rad och kolumn.
plan-import-file = Arbetsbok eller CSV-fil
plan-import-file-hint = Kolumnerna är desamma som i den exporterade planen; ladda ned den nedan och använd den som mall. Högst 20 MB.
plan-import-dry-run = Kontrollera bara filen, importera ingenting
plan-import-submit = Skicka filen
plan-import-export = Ladda ned planerna som arbetsbok (formatet för import)
plan-import-layout = Formatet beskrivs kolumn för kolumn i importanvisningen.
plan-import-checked = Filen är korrekt. Ingenting har importerats ännu: avmarkera ”Kontrollera bara filen” och skicka den igen för att importera den.
plan-import-done = Planen har importerats.
plan-import-counts-measures = Insatser: { $created } nya, { $updated } uppdateras.
plan-import-counts-indicators = Indikatorer: { $created } nya, { $updated } uppdateras.
plan-import-problems = Filen har { $count ->
    [one] ett problem
   *[other] { $count } problem
}. Ingenting har importerats.
plan-import-sheet-measures = Insatser
plan-import-sheet-indicators = Indikatorer
plan-import-at = { $sheet }, rad { $row }
plan-import-at-column = { $at }, kolumn { $column }
plan-import-not-a-workbook = Filen är inte en arbetsbok som går att läsa (.xlsx).
plan-import-no-sheet = Arbetsboken har inget blad som heter insatser eller indikatorer (eller measures, indicators).
plan-import-unknown-table = CSV-filens första rad ska ange kolumnerna; en fil med insatser har kolumnen responsible, en fil med indikatorer kolumnen direction.
plan-import-empty = Filen har inga rader att importera.
plan-import-unknown-area = Det finns inget fokusområde med kortnamnet ”{ $area }”.
plan-import-twice = Koden { $code } finns redan på rad { $row }.
plan-import-unknown-measure = Området har ingen insats { $code }, och filen lägger inte till någon.
plan-import-changed = Planen ändrades medan filen importerades. Kontrollera filen igen.
plan-import-measure-created = insats { $code }, ny
plan-import-measure-updated = insats { $code }, uppdateras
plan-import-indicator-created = indikator { $code }, ny
plan-import-indicator-updated = indikator { $code }, uppdateras
plan-export-title = Handlingsplaner: insatser och indikatorer
plan-import-link = Importera en plan från ett kalkylark

## Vägen in, självservice: förfrågningar som når programkontoret, vidarebefordran, försenade svar
request-done-sent-office = Förfrågan är skickad. { $provider } har ännu ingen förvaltare i Samverkan, därför har den gått till programkontoret, som skickar den vidare till rätt personer. Du får e-post när något händer.
request-done-sent = Förfrågan är skickad. Förvaltarna för { $provider } har fått besked via e-post.
request-done-forwarded = Förfrågan är vidarebefordrad. Förvaltarna för { $provider } och företaget har fått besked via e-post.
request-done-forwarded-office = Förfrågan är vidarebefordrad till { $provider }, som inte heller har någon förvaltare i Samverkan. Den ligger kvar i programkontorets inkorg. Företaget har fått besked.
request-notified = Har fått besked
request-notified-managers = Förvaltarna för { $provider }
request-notified-office = Programkontoret ({ $provider } har ingen förvaltare i Samverkan)
request-forward-title = Vidarebefordra till en annan infrastruktur
request-forward-intro = Programkontoret kan skicka förfrågan vidare till den infrastruktur som passar, innan någon har tagit sig an den. Checklistan görs om efter den nya ägarens regler och företaget får besked.
request-forward-to = Vidarebefordra till
request-forward-reason = Meddelande till företaget (frivilligt)
request-forward-reason-hint = Till exempel varför den andra infrastrukturen passar behovet bättre.
request-forward-submit = Vidarebefordra förfrågan
request-error-forward-status = En förfrågan med status { $status } kan inte längre vidarebefordras. Avböj den i stället och ange skälet.
request-error-forward-office = Bara programkontoret kan vidarebefordra förfrågningar.
request-error-forward-same = Förfrågan ligger redan hos den infrastrukturen. Välj en annan.
history-forwarded = Vidarebefordrad från { $from }
mail-request-forwarded-provider = Programkontoret har vidarebefordrat förfrågan ”{ $title }” till { $to }. Vi ber er besvara den.
mail-request-forwarded-company = Programkontoret har vidarebefordrat er förfrågan ”{ $title }” till { $to }, som kommer att höra av sig.
mail-overdue-subject = Förfrågningar som väntar på svar
mail-overdue-intro = { $count ->
    [one] En förfrågan har väntat mer än { $days } arbetsdagar på ett första svar:
   *[other] { $count } förfrågningar har väntat mer än { $days } arbetsdagar på ett första svar:
}
mail-overdue-line = ”{ $title }” till { $provider }
mail-overdue-days = { $days } arbetsdagar
figures-error-title = Perioden kunde inte användas
figures-error-date = { $field } ska vara ett datum i formen ÅÅÅÅ-MM-DD, till exempel 2026-01-31.
figures-error-order = Periodens slut ligger före dess början.
figures-from = Från
figures-to = Till och med
figures-period = Period
figures-period-show = Visa perioden
figures-period-all = Siffrorna nedan gäller alla förfrågningar som har skickats.
figures-period-text = Siffrorna nedan gäller förfrågningar som skickades från { $from } till och med { $to }.
figures-csv = Ladda ned periodens förfrågningar (CSV)
figures-inbox = Programkontorets inkorg
figures-inbox-intro = Förfrågningar till en infrastruktur som saknar förvaltare i Samverkan. Öppna en förfrågan för att vidarebefordra den.
figures-inbox-empty = Ingen förfrågan väntar på programkontoret.
figures-unanswered = Väntar på ett första svar
figures-unanswered-intro = Pågående förfrågningar som ingen infrastruktur har svarat på ännu, äldst först. En förfrågan är försenad efter { $days } arbetsdagar (helger och svenska helgdagar räknas inte). Så länge någon är försenad får programkontoret e-post varje dag.
figures-unanswered-none = Alla skickade förfrågningar har fått svar.
figures-overdue-count = { $count ->
    [one] En förfrågan är försenad.
   *[other] { $count } förfrågningar är försenade.
}
figures-overdue = Försenad
figures-sent = Skickad
figures-waited = Har väntat
figures-working-days = { $days ->
    [one] 1 arbetsdag
   *[other] { $days } arbetsdagar
}

## Företag som registrerar sig själva och programkontorets granskning
signup-company-legend = Mitt företag finns inte i kartan (frivilligt)
company-org-number = Organisationsnummer
company-org-number-hint = Tio siffror, NNNNNN-NNNN, som i Bolagsverkets register. Lämna företagets fält tomma om ditt företag redan finns i kartan.
company-org-number-invalid = Det här är inte ett svenskt organisationsnummer. Det har tio siffror, NNNNNN-NNNN, och den sista är en kontrollsiffra. Kontrollera om någon siffra har blivit fel.
company-org-number-taken = Ett företag med det organisationsnumret finns redan i kartan: { $name }. Be en kollega där, eller programkontoret, att bjuda in dig som medlem.
company-name = Företagets namn
company-name-letters = Skriv företagets namn med minst en bokstav eller siffra.
company-size = Storlek
company-size-hint = Hur många som arbetar i företaget.
company-campus = Campus
company-campus-none = Inte på något campus
size-micro = Färre än 10 personer
size-small = 10–49 personer
size-medium = 50–249 personer
size-large = 250 personer eller fler
company-register-title = Registrera ditt företag
company-register-intro = Registrera företaget du arbetar för om det inte finns i kartan ännu. Det syns i kartan direkt, märkt som registrerat av företaget tills programkontoret har granskat det, och du blir dess medlem och redaktör. Du kan skicka förfrågningar direkt och fylla i företagets profil.
company-register-submit = Registrera företaget
company-registered-title = Ditt företag är registrerat
company-registered = { $name } finns nu i kartan och du är dess medlem och redaktör. Du kan skicka förfrågningar för företaget redan nu. Programkontoret granskar registreringen.
company-registered-find = Hitta en infrastruktur eller tjänst
company-registered-profile = Fyll i företagets profil
company-registration-failed = Företaget som du angav när du skapade kontot kunde inte registreras: { $reason } Du kan registrera det från formuläret för förfrågningar.
company-unreviewed = Registrerat av företaget, inte granskat ännu
company-review-title = Nya företag att granska
company-review-lead = Företag som har registrerat sig själva. Godkänn ett företag som är det det utger sig för att vara, slå ihop det med den aktör det redan är i kartan (dess personer och förfrågningar flyttas dit) eller avslå det med ett skäl som skickas med e-post till dem som registrerade det (dess förfrågningar tas bort).
company-review-empty = Inget företag väntar på granskning.
company-review-refused = Granskningen kunde inte sparas
company-registered-by = Registrerat av
company-registered-on = Registrerat
company-requests-sent = Skickade förfrågningar
company-similar = Aktörer med liknande namn:
company-approve = Godkänn
company-merge-into = Slå ihop med
company-merge-hint = Aktörens kortnamn i adressen (till exempel karolinska-institutet) eller dess organisationsnummer.
company-merge = Slå ihop
company-reject-reason = Skäl för avslag
company-reject-hint = Skickas med e-post till dem som registrerade företaget.
company-reject = Avslå
company-review-done-approved = Företaget är godkänt.
company-review-done-merged = Företaget är sammanslaget. Dess personer och förfrågningar hör nu till aktören.
company-review-done-rejected = Företaget är avslaget och de som registrerade det har fått veta varför.
company-review-not-waiting = Företaget väntar inte längre på granskning. Någon har just granskat det.
company-review-no-target = Det finns ingen sådan aktör att slå ihop med. Ange kortnamnet i aktörens adress eller dess organisationsnummer (och inte företaget självt).
company-review-in-use = Företaget är ansvarigt för en åtgärd i en handlingsplan. Flytta åtgärden till en annan aktör först, eller slå ihop företaget i stället.
company-review-reason-required = Skriv skälet till avslaget. Det skickas till dem som registrerade företaget.
mail-company-rejected-subject = Ditt företags registrering i Samverkan
mail-company-rejected = Programkontoret har inte godkänt registreringen av { $name } i Samverkan. Skälet är: { $reason }


## Det företag väljer efter: prismodell, pris, ledtid, mognadsnivåer, utrustning, handlingar
pricing-free = Kostnadsfritt
pricing-fixed_price = Fast pris
pricing-hourly = Timpris
pricing-quote = Offert för varje förfrågan
offer-legend = Det som företag väljer efter
offer-price-low = Ungefärligt pris, från
offer-price-high = Ungefärligt pris, till
offer-price-hint = Hela belopp i valutan nedan, utan mellanslag. Per timme vid timpris. Lämna båda tomma om ni inte anger något pris.
offer-currency = Valuta
offer-currency-hint = En valutakod med tre bokstäver enligt ISO 4217, till exempel SEK eller EUR.
offer-lead-weeks = Normal ledtid i veckor
offer-lead-weeks-hint = Från en överenskommen förfrågan till att arbetet börjar.
offer-trl-low = Lägsta teknisk mognadsnivå (TRL) som tjänsten passar
offer-trl-high = Högsta teknisk mognadsnivå (TRL) som tjänsten passar
offer-equipment-sv = Utrustning och metoder (svenska)
offer-equipment-en = Utrustning och metoder (engelska)
offer-documents-sv = Handlingar att förbereda (svenska)
offer-documents-en = Handlingar att förbereda (engelska)
offer-lines-hint = En per rad.
offer-error-number = Skriv ett heltal från 0 till { $max }, utan mellanslag eller decimaler.
offer-error-currency = Skriv valutan som en kod med tre bokstäver enligt ISO 4217, till exempel SEK.
offer-error-price-order = Prisintervallet slutar lägre än det börjar.
offer-error-price-both = Ange båda gränserna för prisintervallet, eller ingen av dem.
offer-error-trl = Den högsta nivån ska vara minst lika hög som den lägsta, båda från 1 till 9.
offer-error-trl-both = Välj både den lägsta och den högsta nivån, eller ingen av dem.
offer-price = Ungefärligt pris
offer-price-range = { $range } { $currency }
offer-price-per-hour = { $range } { $currency } per timme
offer-lead-short = { $weeks ->
    [one] 1 vecka
   *[other] { $weeks } veckor
}
offer-lead-at-most = { $weeks ->
    [one] Högst 1 vecka
   *[other] Högst { $weeks } veckor
}
offer-lead-filter = Ledtid
offer-trl = Teknisk mognadsnivå (TRL)
offer-trl-one = TRL { $level }
offer-trl-range = TRL { $low }–{ $high }
offer-trl-filter = Er tekniska mognadsnivå
offer-trl-filter-hint = TRL 1 är en idé, TRL 9 en produkt som används. Bara tjänster som passar er nivå visas.
trl-level = TRL { $level }
offer-equipment = Utrustning och metoder
offer-documents = Handlingar att förbereda
service-reviewed = Du bekräftade senast att tjänstens uppgifter stämmer den { $date }.
service-stale = Inte granskad sedan { $date }. Kontrollera att pris, ledtid och kapacitet stämmer och spara sedan tjänsten eller bekräfta att uppgifterna stämmer.
service-still-current = Uppgifterna stämmer
mail-stale-service-subject = Stämmer uppgifterna om ”{ $name }”?
mail-stale-service = Ingen förvaltare har granskat tjänsten ”{ $name }” i Samverkan på ett år. Företag väljer efter pris, ledtid och kapacitet. Kontrollera uppgifterna och spara tjänsten, eller bekräfta på tjänstens sida att de stämmer.

## Avtal ifyllda för en förfrågan
agreement-blank-provider = Organisationens namn
agreement-blank-provider_org_number = nummer
agreement-blank-ownership = ägarform
agreement-blank-company = Företagets namn
agreement-blank-company_org_number = nummer
agreement-blank-service = beskrivning
agreement-blank-title = Ärendets rubrik
agreement-blank-start = datum
agreement-filled-title = { $document } – { $request }
agreement-documents = Avtal ifyllda för den här förfrågan
agreement-documents-intro = Checklistans mallar med parterna, tjänsten, förfrågans rubrik och önskad start ifyllda, på förfrågans språk. De är utkast att anpassa tillsammans med era jurister, inte juridisk rådgivning.
agreement-download = { $document }: Word (.docx) · PDF
agreement-word = Word (.docx)
agreement-pdf = PDF

## Fastighetsägare publicerar lokaler
role-owner = Fastighetsägare
use-production = Produktion
date-hint = Ett datum i formen ÅÅÅÅ-MM-DD, till exempel 2027-03-01.
premises-slug-hint = Annonsens kortnamn i adressen: små bokstäver, siffror och bindestreck, till exempel locum-solna-labb-4.
premises-safety-level = Skyddsnivå
premises-safety-level-hint = För ett laboratorium: den högsta skyddsnivån (1–4) som det är byggt för enligt Arbetsmiljöverkets föreskrifter om mikrobiologiska arbetsmiljörisker.
premises-safety-n = Skyddsnivå { $level }
premises-area-field = Yta i kvadratmeter
premises-rent-field = Hyra per kvadratmeter och år (kr)
premises-rent-hint = Exklusive moms. Lämna tomt om ni inte anger någon hyra.
premises-rent = Hyra
premises-rent-value = { $amount } kr per m² och år
premises-name-field = Annonsens namn
premises-description-field = Beskrivning
premises-form-intro = En annons syns direkt i lokalkatalogen, i sökningen och matchningen av behov och på campusets sida. Avsluta den när lokalerna är uthyrda.
premises-save = Spara annonsen
premises-error-safety-not-lab = Bara ett laboratorium har en skyddsnivå. Välj användningen ”Laboratorium” eller ”Laboratorium och kontor”, eller lämna skyddsnivån tom.
premises-error-number = Skriv ett heltal från 1 till { $max }, utan decimaler.
premises-new-title = Ny lokalannons
premises-edit-title = Redigera ”{ $name }”
premises-edit = Redigera annonsen
premises-add = Publicera lokaler för { $owner }
premises-saved = Annonsen är sparad och publicerad.
premises-ended = Annonsen är avslutad och finns inte längre i katalogen eller sökningen.
premises-ended-public = Annonsen är avslutad. Lokalerna erbjuds inte längre.
premises-public-page = Annonsens sida
premises-end-title = Avsluta annonsen
premises-end-intro = Avsluta annonsen när lokalerna är uthyrda eller inte längre erbjuds. Förfrågningar som redan har skickats om dem behåller den.
premises-end = Avsluta annonsen
photos-title = Bilder
photos-none = Inga bilder ännu.
photo-file = Bild
photo-file-hint = JPEG eller PNG, högst 10 MB. Bilden skalas till högst 1 600 bildpunkter och sparas på nytt, utan kamerans metadata (till exempel var den togs).
photo-alt-sv = Beskrivning av bilden på svenska
photo-alt-en = Beskrivning av bilden på engelska
photo-alt-hint = Vad bilden visar, för den som inte kan se den, till exempel ”Labbänk med dragskåp, fönster mot söder”.
photo-add = Lägg till bilden
photo-remove = Ta bort bilden
photo-added = Bilden är tillagd.
photo-removed = Bilden är borttagen.
photo-refused = Bilden kunde inte läggas till
photo-error-alt = Beskriv bilden på både svenska och engelska. Beskrivningarna läses upp för den som inte kan se bilden.
photo-error-many = En annons har högst { $max } bilder. Ta bort en bild först.
photo-error-empty = Välj en bild att ladda upp.
photo-error-large = Bilden är större än 10 MB. Gör den mindre och försök igen.
photo-error-type = Filen är inte en JPEG- eller PNG-bild.
photo-error-unreadable = Bilden kunde inte läsas. Den kan vara skadad eller större än 12 000 bildpunkter på någon sida.
campus-premises = Lokaler som erbjuds på campuset

## Matchning som vet när den inte vet
match-office-title-none = Hjälp mig att hitta rätt dörr
match-office-title = Inte rätt dörr?
match-office-text = Skicka ditt behov till programkontoret som en förfrågan. Kontoret läser den och skickar den vidare till den infrastruktur, tjänst eller partner som passar, och du följer den bland dina förfrågningar. Behovet är redan ifyllt.
match-office-send = Skicka behovet till programkontoret
match-weak = Mindre troliga
match-weak-intro = De här delar bara en liten del av orden i ditt behov eller uppfyller inte dina villkor. Titta på dem innan du frågar.

## Förfrågan i överblick
request-jump-conversation = Samtal
checklist-stage-progress = { $done } av { $total } klara
request-company-label = Företag
requests-lead-company = Förfrågningar som du har skickat för ditt företag. En förfrågan syns bara för företaget, infrastrukturens förvaltare och programkontoret.
requests-lead-manager = Förfrågningar till de infrastrukturer som du förvaltar, den senast ändrade först. Filtrera på ”Skickad” för dem som väntar på ert svar.
requests-lead-office = Alla skickade förfrågningar, till alla infrastrukturer. Programkontorets inkorg och förfrågningar som har väntat för länge finns på sidan med siffror.
requests-lead-none = Du skickar eller besvarar inga förfrågningar ännu. Förfrågningar skickas för ett företag och besvaras av en infrastrukturs förvaltare.
news-undated = Datum saknas
news-published-hint = Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-12-03. Lämna fältet tomt om datumet inte är känt. Nyheten visas då efter de daterade nyheterna.
news-edit = Redigera nyheten
news-item-page = Nyheten
news-image-title = Bild
news-image-none = Nyheten har ingen bild.
news-image-file = Bild
news-image-alt-hint = Vad bilden visar, för den som inte kan se den, till exempel ”Två forskare vid en labbänk”.
news-image-add = Lägg till bilden
news-image-replace = Byt bild
news-image-replace-intro = En ny bild ersätter den här.
news-image-remove = Ta bort bilden
news-image-added = Bilden är sparad.
news-image-removed = Bilden är borttagen.
news-image-refused = Bilden kunde inte sparas
news-image-error-alt = Beskriv bilden på både svenska och engelska. Beskrivningarna läses upp för den som inte kan se bilden.
news-image-after-save = Du kan lägga till en bild när nyheten är sparad.

## Programkontoret hanterar personer
people-title = Personer
people-lead = Alla konton med deras roller. Ge en roll för en organisation eller ta bort den, inaktivera ett konto eller skicka en ny inbjudningslänk.
people-search = Namn eller e-postadress
people-count = { $count ->
    [one] 1 person
   *[other] { $count } personer
}
people-none = Inget konto matchar.
people-roles = Roller
people-status = Status
people-status-active = Aktivt
people-status-deactivated = Inaktiverat
people-status-unconfirmed = Adressen inte bekräftad
people-created = Kontot skapat
people-no-roles = Inga roller.
people-revoke = Ta bort rollen
people-grant-title = Ge en roll
people-grant = Ge rollen
people-actor-hint = Alla roller utom administratör gäller för en organisation.
people-account-title = Kontot
people-invite = Skicka en ny inbjudningslänk
people-deactivate = Inaktivera kontot
people-reactivate = Aktivera kontot igen
people-refused = Ändringen kunde inte göras
people-done-granted = Rollen är tilldelad.
people-done-revoked = Rollen är borttagen.
people-done-deactivated = Kontot är inaktiverat. Det kan inte längre logga in, och dess sessioner och API-nycklar har upphört.
people-done-reactivated = Kontot är aktivt igen.
people-done-invited = En ny inbjudningslänk har skickats.
people-error-role = Välj en roll.
people-error-own-admin = Du kan inte ta bort din egen administratörsroll. Be en annan administratör.
people-error-own-account = Du kan inte inaktivera ditt eget konto.
people-error-not-held = Personen har inte den rollen.
people-error-invite-deactivated = Kontot är inaktiverat. Aktivera det först.
login-deactivated = Kontot har inaktiverats av programkontoret. Kontakta kontoret om du behöver det igen.
match-companies = Företag vars kompetens passar
match-companies-intro = Möjliga partner snarare än dörrar: deras profiler nämner det som ditt behov handlar om.
match-posts = Partnerinlägg som kan passa
offer-price-filter = Pris från högst (kr)
offer-price-filter-hint = Tjänster vars ungefärliga pris i kronor börjar på högst det här beloppet (per timme vid timpris).
match-terms = Dina villkor (frivilligt)
match-terms-hint = Bara tjänster som uppfyller dem föreslås; de andra visas som mindre troliga. Du kan också skriva villkoren i behovet: ”TRL 4”, ”kostnadsfritt”, ”inom 4 veckor”, ”högst 50 000 kr”.
match-terms-read = Läst ur ditt behov: { $terms }. Ett fält som du har fyllt i ovan gäller före.
match-terms-only = Ditt behov anger bara villkor (pris, ledtid, mognadsnivå). Beskriv också vad arbetet gäller, eller bläddra i katalogen med de här villkoren.
match-term-price = pris från högst { $price } kr
match-reason-terms = den uppfyller dina villkor
match-reason-unmet = den uppfyller inte dina villkor för { $terms }
term-pricing = prismodell
term-lead = ledtid
term-trl = mognadsnivå (TRL)
term-price = pris
