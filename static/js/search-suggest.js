// Type-ahead for every search box with data-suggest-url: an ARIA 1.2 combobox with a listbox
// popup. Without JavaScript the plain GET form still works.
const DEBOUNCE_MS = 150;
let counter = 0;

function setUp(input) {
  const form = input.form;
  const id = `suggestions-${++counter}`;
  const list = document.createElement("ul");
  list.id = id;
  list.className = "suggestions";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", "Suggested terms");
  list.hidden = true;
  const status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  form.classList.add("has-suggestions");
  form.append(list, status);

  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", id);

  let items = [];
  let active = -1;
  let timer = null;
  let controller = null;

  const close = () => {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  };

  const highlight = (index) => {
    const options = list.querySelectorAll("[role=option]");
    options.forEach((option, i) => option.setAttribute("aria-selected", String(i === index)));
    active = index;
    if (index >= 0 && options[index]) {
      input.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  };

  const render = (results) => {
    items = results;
    list.replaceChildren();
    results.forEach((item, i) => {
      const option = document.createElement("li");
      option.id = `${id}-${i}`;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      const title = document.createElement("span");
      title.className = "suggestions__title";
      title.textContent = item.title;
      option.append(title);
      if (item.alias) {
        const alias = document.createElement("span");
        alias.className = "suggestions__alias";
        alias.textContent = ` (${item.alias})`;
        option.append(alias);
      }
      const summary = document.createElement("span");
      summary.className = "suggestions__summary";
      summary.textContent = item.summary;
      option.append(summary);
      option.addEventListener("mousedown", (event) => event.preventDefault());
      option.addEventListener("click", () => { window.location.assign(item.url); });
      list.append(option);
    });
    const open = results.length > 0;
    list.hidden = !open;
    input.setAttribute("aria-expanded", String(open));
    active = -1;
    status.textContent = open
      ? `${results.length} suggestion${results.length === 1 ? "" : "s"}; use the up and down arrows to choose.`
      : "No suggestions.";
  };

  const fetchSuggestions = async () => {
    const query = input.value.trim();
    if (!query) { render([]); status.textContent = ""; return; }
    controller?.abort();
    controller = new AbortController();
    try {
      const url = `${input.dataset.suggestUrl}?q=${encodeURIComponent(query)}`;
      const response = await fetch(url, { signal: controller.signal, headers: { Accept: "application/json" } });
      if (!response.ok) {
        // Never leave suggestions for an earlier query on screen.
        items = [];
        list.replaceChildren();
        close();
        return;
      }
      const data = await response.json();
      if (input.value.trim() === query) render(data.results);
    } catch (error) {
      if (error.name !== "AbortError") { items = []; list.replaceChildren(); close(); }
    }
  };

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(fetchSuggestions, DEBOUNCE_MS);
  });
  input.addEventListener("keydown", (event) => {
    const open = !list.hidden && items.length > 0;
    if (event.key === "ArrowDown") {
      event.preventDefault();
      if (!open) { fetchSuggestions(); return; }
      highlight((active + 1) % items.length);
    } else if (event.key === "ArrowUp") {
      if (!open) return;
      event.preventDefault();
      highlight(active <= 0 ? items.length - 1 : active - 1);
    } else if (event.key === "Enter") {
      if (open && active >= 0) {
        event.preventDefault();
        window.location.assign(items[active].url);
      }
    } else if (event.key === "Escape") {
      if (open) { event.preventDefault(); close(); } else { input.value = ""; }
    }
  });
  input.addEventListener("blur", () => setTimeout(close, 100));
}

document.querySelectorAll("input[data-suggest-url]").forEach(setUp);
