// Tags with suggestions from the tags already in use, for the comma-separated tag field
// (a WAI-ARIA combobox: arrow keys choose, Enter takes, Escape closes). The field stays a plain
// text input that taggit parses, so it works the same without JavaScript.
const DELAY_MS = 150;
let counter = 0;

const splitTags = (value) =>
  value
    .split(",")
    .map((part) => part.trim().replace(/^"|"$/g, "").trim().toLowerCase())
    .filter(Boolean);

function setUp(input) {
  const url = input.dataset.tagSuggestUrl;
  const id = input.id || `tags-${++counter}`;
  const wrapper = document.createElement("div");
  wrapper.className = "tag-combobox";
  input.before(wrapper);
  wrapper.append(input);
  const listbox = document.createElement("ul");
  listbox.id = `${id}-suggestions`;
  listbox.className = "tag-combobox__list";
  listbox.setAttribute("role", "listbox");
  listbox.setAttribute("aria-label", "Tags in use");
  listbox.hidden = true;
  const status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  wrapper.append(listbox, status);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", listbox.id);
  input.setAttribute("autocomplete", "off");

  let timer = null;
  let request = null;
  let active = -1;

  const token = () => {
    const value = input.value;
    const caret = input.selectionStart ?? value.length;
    const start = value.lastIndexOf(",", caret - 1) + 1;
    let end = value.indexOf(",", caret);
    if (end < 0) end = value.length;
    return { start, end, text: value.slice(start, end).trim().replace(/^"/, "") };
  };

  const options = () => Array.from(listbox.querySelectorAll("[role='option']"));

  const close = () => {
    listbox.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  };

  const highlight = (index) => {
    const all = options();
    if (!all.length) return;
    active = (index + all.length) % all.length;
    all.forEach((option, n) => option.setAttribute("aria-selected", String(n === active)));
    input.setAttribute("aria-activedescendant", all[active].id);
    all[active].scrollIntoView({ block: "nearest" });
  };

  const accept = (name) => {
    const { start, end } = token();
    const value = input.value;
    const quoted = /[",]/.test(name) ? `"${name.replace(/"/g, "")}"` : name;
    const before = value.slice(0, start).replace(/\s*$/, "");
    const after = value.slice(end).replace(/^\s*,?\s*/, "");
    // Always end with a comma: taggit then reads names with spaces as one tag.
    const head = `${before}${before ? " " : ""}${quoted}, `;
    input.value = head + after;
    input.setSelectionRange(head.length, head.length);
    close();
    status.textContent = `Tag ${name} added.`;
    input.dispatchEvent(new Event("input", { bubbles: true }));
  };

  const show = (tags) => {
    const present = new Set(splitTags(input.value.slice(0, token().start) + input.value.slice(token().end)));
    const fresh = tags.filter((tag) => !present.has(tag.name.toLowerCase()));
    listbox.replaceChildren(
      ...fresh.map((tag, n) => {
        const option = document.createElement("li");
        option.id = `${listbox.id}-${n}`;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.dataset.name = tag.name;
        const name = document.createElement("span");
        name.textContent = tag.name;
        const uses = document.createElement("span");
        uses.className = "tag-combobox__uses";
        uses.textContent = `${tag.uses} ${tag.uses === 1 ? "term" : "terms"}`;
        option.append(name, uses);
        return option;
      }),
    );
    active = -1;
    input.removeAttribute("aria-activedescendant");
    if (fresh.length) {
      listbox.hidden = false;
      input.setAttribute("aria-expanded", "true");
      status.textContent = `${fresh.length} ${fresh.length === 1 ? "tag" : "tags"} in use match. Use the arrow keys to choose.`;
    } else {
      close();
    }
  };

  const suggest = async () => {
    if (request) request.abort();
    request = new AbortController();
    try {
      const response = await fetch(`${url}?${new URLSearchParams({ q: token().text })}`, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
        signal: request.signal,
      });
      if (!response.ok || !(response.headers.get("Content-Type") || "").includes("json")) return;
      const result = await response.json();
      if (document.activeElement === input) show(result.tags || []);
    } catch (error) {
      // No suggestions this time (offline, aborted): typing a tag still works.
    }
  };

  input.addEventListener("input", (event) => {
    if (!event.isTrusted) return; // Our own event, sent after a tag is taken.
    clearTimeout(timer);
    timer = setTimeout(suggest, DELAY_MS);
  });
  input.addEventListener("keydown", (event) => {
    const open = !listbox.hidden;
    if (event.key === "ArrowDown") {
      event.preventDefault();
      if (open) highlight(active + 1);
      else suggest();
    } else if (event.key === "ArrowUp" && open) {
      event.preventDefault();
      highlight(active - 1);
    } else if (event.key === "Enter" && open && active >= 0) {
      event.preventDefault(); // Take the tag; do not submit the form.
      accept(options()[active].dataset.name);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      close();
    }
  });
  listbox.addEventListener("mousedown", (event) => event.preventDefault()); // Keep the focus.
  listbox.addEventListener("click", (event) => {
    const option = event.target.closest("[role='option']");
    if (option) accept(option.dataset.name);
  });
  input.addEventListener("blur", close);
}

document.querySelectorAll("input[data-tag-suggest-url]").forEach(setUp);
