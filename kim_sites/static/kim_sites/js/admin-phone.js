// Every cell of an admin listing names its column (data-label), so that a phone can show each row
// as a card of labelled lines (admin-phone.css). Cells labelled by their template are left as
// they are; listings that Wagtail swaps in after a search or a filter are labelled too.
(() => {
  const headingText = (cell) => {
    const sortLink = cell.querySelector("a, button");
    return ((sortLink && sortLink.textContent) || cell.textContent).trim().replace(/\s+/g, " ");
  };

  const label = (table) => {
    const headerRow = table.tHead && table.tHead.rows[0];
    if (!headerRow) return;
    const names = [];
    for (const cell of headerRow.cells) {
      for (let span = 0; span < cell.colSpan; span += 1) names.push(headingText(cell));
    }
    for (const body of table.tBodies) {
      for (const row of body.rows) {
        let column = 0;
        for (const cell of row.cells) {
          if (!cell.hasAttribute("data-label")) cell.dataset.label = names[column] || "";
          column += cell.colSpan;
        }
      }
    }
  };

  const labelAll = () => document.querySelectorAll("table.listing").forEach(label);
  let pending = false;
  const labelSoon = () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      labelAll();
    });
  };

  const start = () => {
    labelAll();
    new MutationObserver(labelSoon).observe(document.body, { childList: true, subtree: true });
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
