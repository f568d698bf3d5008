/*
 * Samverkan — what every page shares. Pages work without it; it only refines.
 *
 * A table or document that may be wider (or taller) than the screen sits in a scroll region that is a tab stop,
 * so that a keyboard can scroll it (WCAG 2.1.1). Where it fits, the tab stop would take focus and do nothing:
 * this script keeps the region in the tab order only while it has something to scroll, and checks again when
 * its size or its content's size changes. `SamverkanKit.scan()` takes in regions added to the page later.
 */
(() => {
  'use strict';
  const SELECTOR = '.table-scroll[role="region"], .document[role="region"]';
  const scrolls = (el) => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
  const update = (el) => {
    if (!el) return;
    if (scrolls(el)) el.setAttribute('tabindex', '0');
    else el.removeAttribute('tabindex');
  };
  const observer = 'ResizeObserver' in window
    ? new ResizeObserver((entries) => { for (const e of entries) update(e.target.closest(SELECTOR)); })
    : null;
  function scan() {
    for (const el of document.querySelectorAll(SELECTOR)) {
      update(el);
      if (observer) {
        observer.observe(el);
        if (el.firstElementChild) observer.observe(el.firstElementChild);
      }
    }
  }
  window.SamverkanKit = { scan };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', scan);
  else scan();
})();
