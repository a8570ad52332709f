/* KIM public sites: the photo viewer of galleries and albums. Vanilla JS, no external requests.
   Each thumbnail is a link to a large rendition, which is what a visitor without JavaScript gets.
   With it, the link opens a modal <dialog>: previous/next buttons, ←/→ keys, a swipe on touch
   screens, Esc or the close button to leave (focus goes back to the thumbnail), a caption and a
   counter ("3 dari 12"). The labels come from the grid's data-label-* attributes (translated). */
(function () {
  "use strict";
  // The template includes this script once per grid: set up once.
  if (window.kimGallery) { return; }
  window.kimGallery = true;

  var SWIPE_PIXELS = 40;

  function button(className, label, symbol) {
    var element = document.createElement("button");
    element.type = "button";
    element.className = className;
    element.setAttribute("aria-label", label);
    var mark = document.createElement("span");
    mark.setAttribute("aria-hidden", "true");
    mark.textContent = symbol;
    element.appendChild(mark);
    return element;
  }

  function Viewer(grid) {
    this.grid = grid;
    this.links = Array.prototype.slice.call(grid.querySelectorAll("a.photo-link"));
    this.index = 0;
    this.opener = null;
  }

  Viewer.prototype.build = function () {
    var grid = this.grid;
    var dialog = document.createElement("dialog");
    dialog.className = "viewer";
    dialog.setAttribute("aria-label", grid.getAttribute("data-label-dialog") || "");
    var figure = document.createElement("figure");
    figure.className = "viewer-figure";
    this.image = document.createElement("img");
    this.image.className = "viewer-image";
    this.caption = document.createElement("figcaption");
    this.caption.className = "viewer-caption";
    this.counter = document.createElement("p");
    this.counter.className = "viewer-counter";
    this.counter.setAttribute("aria-live", "polite");
    figure.appendChild(this.image);
    figure.appendChild(this.caption);
    this.close = button("viewer-close", grid.getAttribute("data-label-close"), "×");
    this.prev = button("viewer-prev", grid.getAttribute("data-label-prev"), "‹");
    this.next = button("viewer-next", grid.getAttribute("data-label-next"), "›");
    dialog.appendChild(this.close);
    dialog.appendChild(figure);
    dialog.appendChild(this.prev);
    dialog.appendChild(this.counter);
    dialog.appendChild(this.next);
    document.body.appendChild(dialog);
    this.dialog = dialog;

    var self = this;
    this.close.addEventListener("click", function () { dialog.close(); });
    this.prev.addEventListener("click", function () { self.show(self.index - 1); });
    this.next.addEventListener("click", function () { self.show(self.index + 1); });
    dialog.addEventListener("close", function () {
      if (self.opener) { self.opener.focus(); }
    });
    // A click on the backdrop (the dialog itself, outside its content) closes it.
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog) { dialog.close(); }
    });
    dialog.addEventListener("keydown", function (event) {
      if (event.key === "ArrowRight") { event.preventDefault(); self.show(self.index + 1); }
      else if (event.key === "ArrowLeft") { event.preventDefault(); self.show(self.index - 1); }
      else if (event.key === "Tab") { self.trap(event); }
    });
    var start = null;
    dialog.addEventListener("touchstart", function (event) {
      start = event.touches.length === 1 ? { x: event.touches[0].clientX, y: event.touches[0].clientY } : null;
    }, { passive: true });
    dialog.addEventListener("touchend", function (event) {
      if (!start || !event.changedTouches.length) { return; }
      var dx = event.changedTouches[0].clientX - start.x;
      var dy = event.changedTouches[0].clientY - start.y;
      start = null;
      if (Math.abs(dx) > SWIPE_PIXELS && Math.abs(dx) > Math.abs(dy)) { self.show(self.index + (dx < 0 ? 1 : -1)); }
    });
  };

  // Tab and Shift+Tab go round the viewer's buttons, never out to the page or the browser.
  Viewer.prototype.trap = function (event) {
    var stops = [this.close, this.prev, this.next].filter(function (stop) { return !stop.hidden; });
    var at = stops.indexOf(document.activeElement);
    event.preventDefault();
    var step = event.shiftKey ? -1 : 1;
    stops[(at + step + stops.length) % stops.length].focus();
  };

  Viewer.prototype.show = function (index) {
    var total = this.links.length;
    this.index = (index + total) % total;
    var link = this.links[this.index];
    var thumbnail = link.querySelector("img");
    var figure = link.closest("figure");
    var caption = figure ? figure.querySelector("figcaption") : null;
    // The large rendition's own size reserves its box before it arrives.
    this.image.width = Number(link.getAttribute("data-width")) || 0;
    this.image.height = Number(link.getAttribute("data-height")) || 0;
    this.image.src = link.href;
    this.image.alt = thumbnail ? thumbnail.alt : "";
    this.caption.textContent = caption ? caption.textContent : "";
    this.caption.hidden = !caption;
    this.counter.textContent = (this.grid.getAttribute("data-label-counter") || "{index} / {total}")
      .replace("{index}", String(this.index + 1)).replace("{total}", String(total));
    this.prev.hidden = this.next.hidden = total < 2;
  };

  Viewer.prototype.open = function (link) {
    if (!this.dialog) { this.build(); }
    this.opener = link;
    this.show(this.links.indexOf(link));
    this.dialog.showModal();
    (this.links.length > 1 ? this.next : this.close).focus();
  };

  Array.prototype.forEach.call(document.querySelectorAll("[data-gallery]"), function (grid) {
    var viewer = new Viewer(grid);
    if (!viewer.links.length || typeof HTMLDialogElement !== "function") { return; }
    viewer.links.forEach(function (link) {
      link.addEventListener("click", function (event) {
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.button > 0) { return; }
        event.preventDefault();
        viewer.open(link);
      });
    });
  });
})();
