/* KIM public sites: fold the menu on small screens and load YouTube only when asked. No tracking. */
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("js");

  var toggle = document.querySelector(".nav-toggle");
  var menu = document.getElementById("site-menu");
  // The folded state is decided by CSS before the first paint (kim.css, "Small screens"):
  // here the button only opens and closes it.
  if (toggle && menu) {
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") === "true";
      toggle.setAttribute("aria-expanded", String(!open));
      menu.setAttribute("data-collapsed", String(open));
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
        toggle.setAttribute("aria-expanded", "false");
        menu.setAttribute("data-collapsed", "true");
        toggle.focus();
      }
    });
  }

  // Click-to-load: nothing is requested from YouTube (youtube-nocookie.com) before the visitor clicks.
  var videos = document.querySelectorAll(".video[data-youtube-id]");
  Array.prototype.forEach.call(videos, function (video) {
    var link = video.querySelector(".video-load");
    var id = video.getAttribute("data-youtube-id");
    if (!link || !/^[A-Za-z0-9_-]{11}$/.test(id)) { return; }
    link.addEventListener("click", function (event) {
      event.preventDefault();
      var frame = document.createElement("iframe");
      frame.src = "https://www.youtube-nocookie.com/embed/" + id + "?autoplay=1&rel=0";
      frame.title = video.getAttribute("data-title") || "YouTube";
      frame.allow = "accelerometer; autoplay; encrypted-media; gyroscope; picture-in-picture";
      frame.allowFullscreen = true;
      frame.referrerPolicy = "strict-origin-when-cross-origin";
      video.replaceChild(frame, link);
      frame.focus();
    });
  });
})();
