// "Wanted terms": when a reader opens a result, tell the site which search led somewhere.
// Only the query is sent (no cookie, no identifier); without JavaScript nothing is counted.
const list = document.querySelector(".search-results[data-opened-url]");

if (list && navigator.sendBeacon) {
  let sent = false;
  const opened = (event) => {
    if (sent || !event.target.closest("a[href]")) return;
    if (event.type === "auxclick" && event.button !== 1) return;
    sent = true;
    navigator.sendBeacon(list.dataset.openedUrl, new URLSearchParams({ q: list.dataset.query }));
  };
  list.addEventListener("click", opened);
  list.addEventListener("auxclick", opened);
}
