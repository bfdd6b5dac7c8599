// Related terms in the order readers see them: rows are dragged by their handle
// (django-admin-sortable2) or moved with their Move up / Move down buttons, and every row that
// names a term is numbered 1, 2, 3… in the order shown whenever the form is read (saving, or the
// live preview). Rows left empty keep their first value, so an unused row stays unchanged.
// Also names the admin's autocomplete boxes after their column, for screen readers.
const group = document.getElementById("related_links-group");

const rowsOf = (tbody) =>
  Array.from(tbody.querySelectorAll("tr.form-row")).filter((row) => !row.classList.contains("empty-form"));

const termOf = (row) => {
  const select = row.querySelector("select[name$='-related']");
  if (!select || !select.value) return "";
  const option = select.options[select.selectedIndex];
  return option ? option.textContent.trim() : "";
};

const isDeleted = (row) => {
  const box = row.querySelector("input[name$='-DELETE']");
  return Boolean(box && box.checked);
};

function renumber(tbody) {
  // The template that added rows are copied from keeps its first value too.
  const template = tbody.querySelector("tr.empty-form input._reorder_");
  if (template) template.value = template.dataset.initial || "";
  let position = 0;
  for (const row of rowsOf(tbody)) {
    const input = row.querySelector("input._reorder_");
    if (!input) continue;
    // A row naming no term keeps the value it came with, so the form sees it unchanged.
    input.value = termOf(row) && !isDeleted(row) ? String(++position) : input.dataset.initial || "";
  }
}

if (group) {
  const tbody = group.querySelector("tbody");
  // A hidden input has no separate default: remember each row's first value (rows added later
  // copy the template row's) before the sortable renumbers them.
  for (const input of group.querySelectorAll("input._reorder_")) input.dataset.initial = input.value;
  const form = group.closest("form");
  const announce = document.getElementById("related_links-announce");
  const reordered = () => {
    renumber(tbody);
    document.dispatchEvent(new CustomEvent("related-terms:reordered"));
  };

  // Whenever the form is read (saved or previewed), positions follow what the editor sees.
  form.addEventListener("formdata", (event) => {
    renumber(tbody);
    for (const row of rowsOf(tbody)) {
      const input = row.querySelector("input._reorder_");
      if (input) event.formData.set(input.name, input.value);
    }
  });
  // After a drag ends (the sortable's own numbering runs first).
  for (const type of ["drop", "dragend"]) {
    tbody.addEventListener(type, () => setTimeout(reordered, 0));
  }

  tbody.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-move]");
    if (!button) return;
    const row = button.closest("tr");
    const rows = rowsOf(tbody);
    const index = rows.indexOf(row);
    const up = button.dataset.move === "up";
    const neighbour = rows[index + (up ? -1 : 1)];
    if (!neighbour) {
      if (announce) announce.textContent = up ? "Already first." : "Already last.";
      return;
    }
    if (up) neighbour.before(row);
    else neighbour.after(row);
    button.focus();
    reordered();
    if (announce) {
      const name = termOf(row) || "This row";
      announce.textContent = `${name}: now ${index + (up ? 0 : 2)} of ${rows.length}.`;
    }
  });
}

// The admin's autocomplete (select2) draws a combobox named only by its current choice, so an
// empty one has no name: name it after the column header its select is labelled by.
function nameCombobox(combobox) {
  const container = combobox.closest(".select2-container");
  const select = container && container.previousElementSibling;
  const header = select && select.getAttribute("aria-labelledby");
  if (!header) return;
  const rendered = combobox.querySelector(".select2-selection__rendered");
  const ids = [header];
  if (rendered && rendered.id) ids.push(rendered.id);
  combobox.setAttribute("aria-labelledby", ids.join(" "));
  // The box showing the choice (a read-only textbox) is named by the column too.
  if (rendered) rendered.setAttribute("aria-labelledby", header);
}

const form = document.querySelector("form#term_form");
if (form) {
  form.querySelectorAll(".select2-selection[role='combobox']").forEach(nameCombobox);
  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (!(node instanceof Element)) continue;
        const found = node.matches(".select2-selection[role='combobox']")
          ? [node]
          : node.querySelectorAll(".select2-selection[role='combobox']");
        found.forEach(nameCombobox);
      }
    }
  }).observe(form, { childList: true, subtree: true });
  // The search box of an open autocomplete list.
  if (window.django && window.django.jQuery) {
    window.django.jQuery(document).on("select2:open", () => {
      document.querySelectorAll(".select2-search__field").forEach((field) => {
        if (!field.hasAttribute("aria-label")) field.setAttribute("aria-label", "Search terms");
      });
      // An expanded combobox says which list it controls.
      const results = document.querySelector(".select2-container--open .select2-results__options");
      const opened = form.querySelector(".select2-container--open .select2-selection[role='combobox']");
      if (results && results.id && opened) opened.setAttribute("aria-controls", results.id);
    });
  }
}
