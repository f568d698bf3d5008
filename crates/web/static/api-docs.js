// Run on /api/v1/docs/ after Swagger UI (served by kit/api.rs). Swagger UI draws and redraws its page with React;
// each time it does, this names what it leaves unnamed and lets the keyboard reach what only a mouse could:
// - a parameter's field (a list of allowed values, a text field) gets the parameter's name (WCAG 4.1.2, 1.3.1);
// - the request body's text area is named "Request body";
// - a code block that scrolls sideways can take focus, so that it can be scrolled with the arrow keys (2.1.1);
// - "Copy to clipboard" is a button that Enter and Space work, and buttons that show only a picture get a name
//   (2.1.1, 4.1.2); a button's name contains the words it shows (2.5.3);
// - the skip link moves the focus to the documentation (2.4.1).
(function () {
  'use strict';

  // True when one of the field's labels has words of its own (Swagger UI wraps some fields in labels without
  // words; the options of a list inside a label are not its words).
  function labelled(field) {
    return Array.prototype.some.call(field.labels || [], function (l) {
      var copy = l.cloneNode(true);
      copy.querySelectorAll('select, input, textarea').forEach(function (f) { f.remove(); });
      return copy.textContent.trim() !== '';
    });
  }

  function nameFields(root) {
    root.querySelectorAll('tr[data-param-name]').forEach(function (row) {
      var name = row.getAttribute('data-param-name');
      var where = row.getAttribute('data-param-in');
      var label = where ? name + ' (' + where + ')' : name;
      row.querySelectorAll('select, input, textarea').forEach(function (field) {
        if (field.type === 'hidden' || field.getAttribute('aria-label')) return;
        // A check box ("Send empty value") has its own label; the rest are the parameter's value.
        if (field.type === 'checkbox' && field.closest('label')) return;
        field.setAttribute('aria-label', label);
      });
    });
    root.querySelectorAll('textarea.body-param__text').forEach(function (area) {
      if (!area.getAttribute('aria-label')) area.setAttribute('aria-label', 'Request body');
    });
    // The list of servers sits in a label without words.
    root.querySelectorAll('select#servers').forEach(function (select) {
      if (!select.getAttribute('aria-label') && !labelled(select)) select.setAttribute('aria-label', 'Server');
    });
    root.querySelectorAll('select, input:not([type=hidden]), textarea').forEach(function (field) {
      if (field.getAttribute('aria-label') || labelled(field)) return;
      var text = field.getAttribute('placeholder') || field.getAttribute('title');
      if (text) field.setAttribute('aria-label', text);
    });
  }

  // A box that scrolls can take focus, and loses it again when it no longer scrolls (the window grew).
  function focusableScrolling(root) {
    root.querySelectorAll('pre, .table-container, .curl-command, .responses-inner').forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1;
      var ours = box.getAttribute('data-samverkan-focus') === '1';
      if (scrolls && !box.hasAttribute('tabindex')) {
        box.setAttribute('tabindex', '0');
        box.setAttribute('data-samverkan-focus', '1');
      } else if (!scrolls && ours) {
        box.removeAttribute('tabindex');
        box.removeAttribute('data-samverkan-focus');
      }
    });
  }

  function buttons(root) {
    // "Copy to clipboard" is either a picture that takes clicks, or a button without a name around a picture.
    root.querySelectorAll('.copy-to-clipboard').forEach(function (el) {
      var inner = el.querySelector('button');
      var name = el.getAttribute('title') || 'Copy to clipboard';
      if (inner) {
        if (!inner.getAttribute('aria-label') && !inner.textContent.trim()) inner.setAttribute('aria-label', name);
        return;
      }
      if (el.getAttribute('role') === 'button') return;
      el.setAttribute('role', 'button');
      el.setAttribute('tabindex', '0');
      el.setAttribute('aria-label', name);
      el.addEventListener('keydown', function (e) {
        if (e.key !== 'Enter' && e.key !== ' ') return;
        e.preventDefault();
        var target = el.querySelector('svg, span') || el;
        target.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, view: window }));
      });
    });
    // The dialog's close button shows only a cross.
    root.querySelectorAll('button.close-modal').forEach(function (b) {
      if (!b.getAttribute('aria-label') && !b.textContent.trim()) b.setAttribute('aria-label', 'Close');
    });
    // A button's name must contain the words it shows (2.5.3): "Authorize" is named "Apply credentials".
    root.querySelectorAll('button[aria-label]').forEach(function (b) {
      var text = b.textContent.replace(/\s+/g, ' ').trim();
      var label = b.getAttribute('aria-label');
      if (text && label.toLowerCase().indexOf(text.toLowerCase()) === -1) b.setAttribute('aria-label', text);
    });
  }

  var pending = false;
  function fix() {
    pending = false;
    var root = document.getElementById('swagger-ui');
    if (!root) return;
    nameFields(root);
    focusableScrolling(root);
    buttons(root);
  }
  function later() {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(fix);
  }

  function start() {
    // The skip link: Swagger UI's script keeps the browser from moving the focus to the target of a link
    // within the page, so the link does it itself (2.4.1).
    var skip = document.querySelector('a.samverkan-skip');
    var main = document.getElementById('main');
    if (skip && main) {
      skip.addEventListener('click', function () {
        main.focus();
      });
    }
    var root = document.getElementById('swagger-ui');
    if (!root) return;
    new MutationObserver(later).observe(root, { childList: true, subtree: true });
    window.addEventListener('resize', later);
    later();
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
