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

  const HIDE_DELAY_MS = 200;
  let hideTimer = null;

  const hide = () => {
    clearTimeout(timer);
    clearTimeout(hideTimer);
    card.hidden = true;
    current?.removeAttribute("aria-describedby");
    current = null;
  };

  // Leaving the link hides the card a moment later, so the pointer can move onto the card
  // and stay there (WCAG 1.4.13: content on hover can be hovered).
  const hideSoon = () => {
    clearTimeout(timer);
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, HIDE_DELAY_MS);
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
    const height = card.offsetHeight;
    const left = Math.min(window.scrollX + box.left, window.scrollX + document.documentElement.clientWidth - width - 12);
    card.style.left = `${Math.max(window.scrollX + 12, left)}px`;
    // Below the link, or above it when the window has no room below.
    const below = box.bottom + 8 + height <= document.documentElement.clientHeight || box.top - 8 - height < 0;
    card.style.top = `${window.scrollY + (below ? box.bottom + 8 : box.top - 8 - height)}px`;
    link.setAttribute("aria-describedby", card.id);
  };

  // Links in the text only: related-term cards already show their summaries.
  const schedule = (event) => {
    const link = event.target.closest(".prose a.wiki-link");
    if (!link) return;
    clearTimeout(hideTimer);
    if (link === current && !card.hidden) return;
    current = link;
    clearTimeout(timer);
    timer = setTimeout(() => show(link), event.type === "focusin" ? 0 : SHOW_DELAY_MS);
  };

  document.addEventListener("mouseover", schedule);
  document.addEventListener("focusin", schedule);
  document.addEventListener("mouseout", (event) => { if (event.target.closest("a") === current) hideSoon(); });
  card.addEventListener("mouseenter", () => clearTimeout(hideTimer));
  card.addEventListener("mouseleave", hideSoon);
  document.addEventListener("focusout", hide);
  document.addEventListener("keydown", (event) => { if (event.key === "Escape") hide(); });
}
