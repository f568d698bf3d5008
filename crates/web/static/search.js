// Completion for the search box: fills the input's <datalist> with titles that start with what has been typed.
// Progressive enhancement: without JavaScript the box is a plain search form.
(function () {
  'use strict';
  var input = document.querySelector('input[data-suggest]');
  if (!input) return;
  var list = document.getElementById(input.getAttribute('list'));
  if (!list) return;
  var base = input.getAttribute('data-suggest');
  var timer = null;
  var last = '';
  function fill(items) {
    while (list.firstChild) list.removeChild(list.firstChild);
    items.forEach(function (item) {
      var option = document.createElement('option');
      option.value = item.title;
      list.appendChild(option);
    });
  }
  input.addEventListener('input', function () {
    var q = input.value.trim();
    if (timer) clearTimeout(timer);
    if (q.length < 2) { fill([]); return; }
    timer = setTimeout(function () {
      if (q === last) return;
      last = q;
      fetch(base + encodeURIComponent(q), { headers: { Accept: 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (items) { if (input.value.trim() === q) fill(items); })
        .catch(function () { fill([]); });
    }, 150);
  });
})();
