// The term form's live preview: the unsaved form, posted (debounced) to the preview endpoint,
// comes back as the reader's term page, shown in a sandboxed frame beside the form, with notes
// on what readers would miss (broken [[wiki links]], terms not live yet). Nothing is saved.
const DELAY_MS = 400;
const HIDDEN_KEY = "glossary.livePreview.hidden";
const SECTION_ANCHORS = {
  definition: "definition",
  why_it_matters: "why-it-matters",
  in_practice: "in-practice",
};

const pane = document.getElementById("live-preview");
const form = document.getElementById("term_form");

if (pane && form) {
  const url = pane.dataset.url;
  const frame = pane.querySelector(".live-preview__frame");
  const notes = pane.querySelector(".live-preview__notes");
  const status = pane.querySelector(".live-preview__status");
  const toggle = pane.querySelector(".live-preview__toggle");
  let timer = null;
  let inFlight = null;
  let lastSent = null;
  let lastNotes = null;
  let lastStatus = status.textContent;

  const say = (text) => {
    // A status change is announced: only say something new.
    if (text !== lastStatus) {
      status.textContent = text;
      lastStatus = text;
    }
  };

  const showNotes = (html) => {
    if (html !== lastNotes) {
      notes.innerHTML = html; // Rendered and escaped by the server's template.
      lastNotes = html;
    }
  };

  const formBody = () => {
    const body = new URLSearchParams();
    for (const [name, value] of new FormData(form)) {
      if (typeof value === "string") body.append(name, value);
    }
    return body;
  };

  const showPage = (html) => {
    const current = frame.contentDocument;
    const main = current && current.getElementById("main");
    if (frame.dataset.loaded && main) {
      // Swap the page's content in place: no flash, and the reader's scroll position stays.
      const fresh = new DOMParser().parseFromString(html, "text/html").getElementById("main");
      if (fresh) {
        main.replaceChildren(...Array.from(fresh.childNodes, (node) => current.importNode(node, true)));
        return;
      }
    }
    frame.addEventListener("load", () => { frame.dataset.loaded = "1"; }, { once: true });
    frame.srcdoc = html;
  };

  const refresh = async () => {
    timer = null;
    if (document.body.classList.contains("live-preview-hidden")) return;
    const body = formBody();
    const key = body.toString();
    if (key === lastSent) return;
    lastSent = key;
    if (inFlight) inFlight.abort();
    inFlight = new AbortController();
    pane.setAttribute("aria-busy", "true");
    try {
      const response = await fetch(url, {
        method: "POST",
        body,
        credentials: "same-origin",
        headers: { Accept: "application/json" },
        signal: inFlight.signal,
      });
      const type = response.headers.get("Content-Type") || "";
      if (response.redirected || !type.includes("application/json")) {
        lastSent = null;
        say("Your session has ended: log in again in another tab, then keep typing. Nothing in this form is lost.");
        return;
      }
      const result = await response.json();
      if (response.ok) {
        showPage(result.page);
        showNotes(result.notes);
        say(result.problems
          ? `Preview up to date. ${result.problems} ${result.problems === 1 ? "thing" : "things"} to check before readers see it.`
          : "Preview up to date, as readers will see it.");
      } else {
        showNotes(result.error || "");
        say("The preview is not updated: see the note below.");
      }
    } catch (error) {
      if (error.name === "AbortError") return;
      lastSent = null;
      say("The preview could not be updated (no connection). Your text is safe in the form.");
    } finally {
      pane.removeAttribute("aria-busy");
    }
  };

  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, DELAY_MS);
  };

  const setHidden = (hidden) => {
    document.body.classList.toggle("live-preview-hidden", hidden);
    toggle.setAttribute("aria-expanded", String(!hidden));
    toggle.textContent = hidden ? "Show preview" : "Hide preview";
    try {
      if (hidden) localStorage.setItem(HIDDEN_KEY, "1");
      else localStorage.removeItem(HIDDEN_KEY);
    } catch (error) {
      // Storage may be off: the choice then lasts for this page only.
    }
    if (!hidden) schedule();
  };

  form.addEventListener("input", schedule);
  form.addEventListener("change", schedule);
  // Rows added or removed, and related terms reordered (static/js/admin-related.js).
  for (const name of ["formset:added", "formset:removed", "related-terms:reordered"]) {
    document.addEventListener(name, schedule);
  }
  // Choices made in the admin's autocomplete widgets are jQuery events only.
  if (window.django && window.django.jQuery) {
    window.django.jQuery(form).on("change select2:select select2:unselect", schedule);
  }
  // Editing a section brings that section of the preview into view.
  form.addEventListener("focusin", (event) => {
    const anchor = SECTION_ANCHORS[event.target.name];
    const target = anchor && frame.contentDocument && frame.contentDocument.getElementById(anchor);
    if (target) target.scrollIntoView({ block: "start" });
  });
  toggle.addEventListener("click", () => setHidden(!document.body.classList.contains("live-preview-hidden")));

  let startHidden = false;
  try {
    startHidden = localStorage.getItem(HIDDEN_KEY) === "1";
  } catch (error) {
    startHidden = false;
  }
  pane.hidden = false;
  document.body.classList.add("has-live-preview");
  setHidden(startHidden);
  refresh();
}
