// Wagtail's page editor, two adjustments (docs/upgrading.md, "The page editor's script"):
// 1. A new page is not autosaved until it has content beyond its title, so an abandoned
//    attempt leaves no draft behind (kim_sites/writing/ghosts.py deletes what is left anyway),
//    and the footer does not say "autosave paused" while the form is still being filled in.
// 2. A form that comes back with errors opens the tab that holds the first error and scrolls
//    it into view, so the editor sees what to fix.
(() => {
  "use strict";
  const ERRORS = ":is(.error-message, .help-critical):not([hidden])";
  // Fields that are not content: the title itself, bookkeeping and values the form starts with.
  const NOT_CONTENT = /^(title|slug|csrfmiddlewaretoken|next|locale|comment_notifications|comments-.*|.*-(count|type|id|order|deleted|TOTAL_FORMS|INITIAL_FORMS|MIN_NUM_FORMS|MAX_NUM_FORMS))$/;
  let initial = null;

  const editForm = () => document.querySelector("form[data-edit-form]");
  const isNewPage = (form) => /\/pages\/add\//.test(new URL(form.action, window.location.href).pathname);

  function snapshot(form) {
    const values = new Map();
    for (const [name, value] of new FormData(form)) values.set(name, typeof value === "string" ? value : "");
    return values;
  }

  function isEmptyRichText(value) {
    if (!value.startsWith("{")) return false;
    try {
      const data = JSON.parse(value);
      return Array.isArray(data.blocks) && data.blocks.every((block) => !String(block.text || "").trim());
    } catch (error) {
      return false;
    }
  }

  function hasContent(formData) {
    for (const [name, value] of formData) {
      if (typeof value !== "string") {
        if (value && value.size) return true;
        continue;
      }
      if (NOT_CONTENT.test(name) || !value.trim() || isEmptyRichText(value)) continue;
      if (initial && initial.get(name) === value) continue;
      return true;
    }
    return false;
  }

  // Capture on window, before Wagtail's controllers and its footer indicator see the event:
  // cancelled and stopped, the save neither runs nor shows as "saving" or "paused".
  window.addEventListener(
    "w-autosave:save",
    (event) => {
      const form = event.target;
      if (!(form instanceof HTMLFormElement) || !form.matches("[data-edit-form]") || !isNewPage(form)) return;
      const formData = event.detail && event.detail.formData;
      const title = formData ? String(formData.get("title") || "").trim() : "";
      if (!formData || !title || !hasContent(formData)) {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
    },
    true,
  );

  function showFirstError() {
    const form = editForm();
    if (!form) return;
    const error = form.querySelector(ERRORS);
    if (!error) return;
    const panel = error.closest('[role="tabpanel"]');
    if (panel && panel.hidden) {
      const tab = document.querySelector(`[role="tab"][href="#${panel.id}"]`);
      if (tab) tab.click();
    }
    const field = error.closest("[data-field], [data-contentpath], .w-field") || error;
    field.scrollIntoView({ block: "center" });
    const input = field.querySelector("input:not([type=hidden]), textarea, select, [contenteditable=true]");
    if (input) input.focus({ preventScroll: true });
  }

  window.addEventListener("load", () => {
    const form = editForm();
    if (form) initial = snapshot(form);
    // After Wagtail's own controllers have drawn the tabs and the StreamField.
    window.requestAnimationFrame(() => window.requestAnimationFrame(showFirstError));
  });
})();
