/* Reach: counts one view of this page, once it has loaded. No cookie, no identifier, nothing
   about the reader is sent: an empty POST to the address the page names (kim_sites/reach/beacon.py). */
(function () {
  "use strict";
  var script = document.currentScript;
  var url = script && script.getAttribute("data-dibaca");
  if (!url) { return; }
  var sent = false;

  function send() {
    if (sent) { return; }
    sent = true;
    try {
      if (navigator.sendBeacon && navigator.sendBeacon(url)) { return; }
    } catch (error) { /* falls back to fetch */ }
    if (window.fetch) {
      window.fetch(url, { method: "POST", keepalive: true, credentials: "omit" }).catch(function () {});
    }
  }

  function whenShown() {
    // A page prerendered by the browser counts only if the reader goes to it.
    if (document.prerendering) {
      document.addEventListener("prerenderingchange", whenShown, { once: true });
    } else if (document.readyState === "complete") {
      send();
    } else {
      window.addEventListener("load", send, { once: true });
    }
  }
  whenShown();
})();
