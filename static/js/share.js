/* Share buttons (templates/includes/share_buttons.html): the network links work without this
   script; it adds "Salin tautan" and, where the browser has the Web Share API, "Bagikan…". */
(function () {
  "use strict";

  function say(box, text) {
    var status = box.querySelector("[data-share-status]");
    if (status) {
      status.textContent = "";
      // A fresh text each time, so a screen reader announces a second copy too.
      window.setTimeout(function () { status.textContent = text; }, 50);
    }
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var field = document.createElement("textarea");
      field.value = text;
      field.setAttribute("readonly", "");
      field.className = "share-copy-field";
      document.body.appendChild(field);
      field.select();
      var done = false;
      try { done = document.execCommand("copy"); } catch (error) { done = false; }
      document.body.removeChild(field);
      if (done) { resolve(); } else { reject(new Error("copy")); }
    });
  }

  function enhance(box) {
    var url = box.getAttribute("data-url");
    var title = box.getAttribute("data-title");
    var copyItem = box.querySelector("[data-share-copy-item]");
    var copyButton = box.querySelector("[data-share-copy]");
    if (copyItem && copyButton) {
      copyItem.hidden = false;
      copyButton.addEventListener("click", function () {
        copyText(url).then(
          function () { say(box, box.getAttribute("data-copied")); },
          function () { say(box, box.getAttribute("data-copy-failed")); }
        );
      });
    }
    var nativeItem = box.querySelector("[data-share-native-item]");
    var nativeButton = box.querySelector("[data-share-native]");
    if (nativeItem && nativeButton && typeof navigator.share === "function") {
      nativeItem.hidden = false;
      nativeButton.addEventListener("click", function () {
        navigator.share({ title: title, url: url }).catch(function () { /* closed by the reader */ });
      });
    }
  }

  var boxes = document.querySelectorAll("[data-share]");
  for (var i = 0; i < boxes.length; i++) { enhance(boxes[i]); }
}());
