// Every public page template, for the tests that visit them all (accessibility.test.js, reflow.test.js).
// `path` follows the language prefix (/sv or /en); `ready` is a selector to wait for before checking (pages that
// draw the atlas graph).

export const LANGS = ['sv', 'en'];

export const PAGES = [
  { name: 'home', path: '/', status: 200 },
  { name: 'actor list', path: '/actors', status: 200 },
  { name: 'actor list filtered', path: '/actors?campus=flemingsberg&kind=infrastructure', status: 200 },
  { name: 'actor vecura', path: '/actors/vecura', status: 200 },
  { name: 'actor karolinska-institutet', path: '/actors/karolinska-institutet', status: 200 },
  { name: 'campus list', path: '/campuses', status: 200 },
  { name: 'campus flemingsberg', path: '/campuses/flemingsberg', status: 200, ready: '#atlas[data-ready="true"]' },
  { name: 'atlas', path: '/atlas', status: 200, ready: '#atlas[data-ready="true"]' },
  {
    name: 'atlas filtered, sorted, with an actor selected',
    path: '/atlas?campus=flemingsberg&sort=degree&selected=vecura',
    status: 200,
    ready: '#atlas-panel:not([hidden])',
  },
  { name: 'not found (404)', path: '/actors/no-such-actor', status: 404 },
  { name: 'bad request (400)', path: '/actors?page=abc', status: 400 },
  { name: 'sign in', path: '/login', status: 200 },
  { name: 'sign up', path: '/signup', status: 200 },
  { name: 'forgot password', path: '/password/forgot', status: 200 },
  { name: 'expired link', path: '/password/reset?token=nope', status: 410 },
  { name: 'privacy notice', path: '/privacy', status: 200 },
  { name: 'accessibility statement', path: '/accessibility', status: 200 },
  { name: 'infrastructures', path: '/infrastructures', status: 200 },
  { name: 'infrastructures filtered', path: '/infrastructures?category=manufacturing&sme=1', status: 200 },
  { name: 'service', path: '/services/kta-phase-1-unit', status: 200 },
  { name: 'premises', path: '/premises', status: 200 },
  { name: 'template document', path: '/checklists/documents/nda', status: 200 },
  { name: 'search', path: '/search?q=cell', status: 200 },
  { name: 'search empty', path: '/search', status: 200 },
  { name: 'match', path: '/match?need=lab+space+in+Flemingsberg', status: 200 },
  { name: 'strategy', path: '/strategy', status: 200 },
  { name: 'health data', path: '/health-data', status: 200 },
  { name: 'health-data sources', path: '/health-data/sources', status: 200 },
  { name: 'health-data source', path: '/health-data/sources/syntetisk-befolkning', status: 200 },
  { name: 'health-data source, facts not stated', path: '/health-data/sources/svenska-tvillingregistret', status: 200 },
  { name: 'released health-data results', path: '/health-data/outputs', status: 200 },
  { name: 'focus area', path: '/strategy/life-science-foretag', status: 200 },
  { name: 'who does what', path: '/strategy/actors', status: 200 },
  { name: 'plan versions', path: '/strategy/halsodata/versions', status: 200 },
  { name: 'plan version', path: '/strategy/halsodata/versions/1', status: 200 },
  { name: 'measure', path: '/measures/1', status: 200 },
  { name: 'indicator', path: '/indicators/1', status: 200 },
  // The follow-up's list of cycles and the built-in example year's report (a fresh site has it); a year the
  // office runs is checked in follow-up.test.js.
  { name: 'follow-up', path: '/follow-up', status: 200 },
  { name: 'follow-up report (example year)', path: '/follow-up/2025', status: 200 },
  { name: 'events', path: '/events', status: 200 },
  { name: 'event', path: '/events/almedalen-2024-rundabord', status: 200 },
  { name: 'meeting places', path: '/meeting-places', status: 200 },
  { name: 'news', path: '/news', status: 200 },
];

// Pages outside the language prefix, each with the language it is in: `url` is the whole path. The API
// documentation is Swagger UI under the site's own page and stylesheet (crates/web/src/kit/api.rs); it is in
// English like the API's descriptions.
export const UNPREFIXED_PAGES = [
  { name: 'API documentation (Swagger UI)', url: '/api/v1/docs/', lang: 'en', status: 200, ready: '.opblock' },
];
