// Hover and focus previews of linked terms on a term page: a small card with the title and
// summary, from the read-only API. Positioned over the page, so nothing shifts. On touch
// screens and without JavaScript, links are plain links.
const cache = new Map();
const SHOW_DELAY_MS = 250;

if (window.matchMedia("(hover: hover)").matches) {
  const card = document.createElement("div");
  card.className = "term-preview";
  card.id = "term-preview";
  card.setAttribute("role", "tooltip");
  card.hidden = true;
  document.body.append(card);
  let timer = null;
  let current = null;

  const slugOf = (link) => {
    const match = new URL(link.href, window.location.href).pathname.match(/^\/terms\/([^/]+)\/$/);
    return match ? match[1] : null;
  };

  const load = (slug) => {
    if (!cache.has(slug)) {
      cache.set(slug, fetch(`/api/terms/${encodeURIComponent(slug)}/`, { headers: { Accept: "application/json" } })
        .then((response) => (response.ok ? response.json() : null))
        .catch(() => null));
    }
    return cache.get(slug);
  };

  const hide = () => {
    clearTimeout(timer);
    card.hidden = true;
    current?.removeAttribute("aria-describedby");
    current = null;
  };

  const show = async (link) => {
    const slug = slugOf(link);
    if (!slug) return;
    const data = await load(slug);
    if (!data || current !== link) return;
    card.replaceChildren();
    const title = document.createElement("strong");
    title.textContent = data.title;
    const summary = document.createElement("span");
    summary.textContent = data.summary;
    card.append(title, summary);
    const box = link.getBoundingClientRect();
    card.hidden = false;
    const width = card.offsetWidth;
    const left = Math.min(window.scrollX + box.left, window.scrollX + document.documentElement.clientWidth - width - 12);
    card.style.left = `${Math.max(window.scrollX + 12, left)}px`;
    card.style.top = `${window.scrollY + box.bottom + 8}px`;
    link.setAttribute("aria-describedby", card.id);
  };

  const schedule = (event) => {
    const link = event.target.closest(".prose a.wiki-link, .related .term-card__title a");
    if (!link) return;
    current = link;
    clearTimeout(timer);
    timer = setTimeout(() => show(link), event.type === "focusin" ? 0 : SHOW_DELAY_MS);
  };

  document.addEventListener("mouseover", schedule);
  document.addEventListener("focusin", schedule);
  document.addEventListener("mouseout", (event) => { if (event.target.closest("a") === current) hide(); });
  document.addEventListener("focusout", hide);
  document.addEventListener("keydown", (event) => { if (event.key === "Escape") hide(); });
}
