// Site script (CSP: script-src 'self'; nothing inline).
//
// Conditional polls: an element polled by htmx with data-poll-etag sends the ETag of the
// last answer it showed as If-None-Match; the server then answers 304 with no body when
// nothing changed, and htmx keeps what is shown (base.html's htmx-config: 304, no swap).
// Pages for members are Cache-Control: no-store, so the browser never answers from its
// own cache: the phone's countdown is not reset by a copy of an old answer.
(function () {
  "use strict";

  document.addEventListener("htmx:configRequest", function (event) {
    var element = event.detail.elt;
    if (!element || !element.hasAttribute || !element.hasAttribute("data-poll-etag")) {
      return;
    }
    var etag = element.getAttribute("data-poll-etag");
    if (etag) {
      event.detail.headers["If-None-Match"] = etag;
    }
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    var element = event.detail.elt;
    var xhr = event.detail.xhr;
    if (!element || !element.hasAttribute || !element.hasAttribute("data-poll-etag") || !xhr) {
      return;
    }
    var etag = xhr.getResponseHeader("ETag");
    if (etag && (xhr.status === 200 || xhr.status === 304)) {
      element.setAttribute("data-poll-etag", etag);
    }
  });
})();

// The navigation on a narrow screen: one "Menu" button instead of four rows of links.
// Without this script the button stays hidden and the links show as before.
(function () {
  "use strict";

  function setUp() {
    var toggle = document.querySelector(".nav-toggle");
    var nav = toggle && toggle.closest(".nav");
    if (!nav) {
      return;
    }
    nav.classList.add("nav-collapsible");
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      var open = !nav.classList.contains("nav-open");
      nav.classList.toggle("nav-open", open);
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
