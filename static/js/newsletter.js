// Newsletter signup in place: progressive enhancement for the call-to-action forms.
// Without this script each form posts to /newsletter/ and the visitor lands on a result page.
// With it the form is sent with fetch() and the answer appears inside the block, in a
// live region so screen readers announce it. Any network trouble falls back to the plain POST.

const BUSY_LABEL = "Sending…";

function showMessage(status, { title, message, isError }) {
  status.replaceChildren();
  const paragraph = document.createElement("p");
  paragraph.className = "cta__message";
  if (title) {
    const strong = document.createElement("strong");
    strong.className = "cta__message-title";
    strong.textContent = title;
    paragraph.append(strong, " ");
  }
  paragraph.append(message);
  status.append(paragraph);
  status.classList.toggle("cta__status--error", Boolean(isError));
}

async function submitInPlace(event) {
  const form = event.currentTarget;
  const block = form.closest("[data-newsletter]");
  const status = block && block.querySelector("[data-newsletter-status]");
  if (!status || typeof window.fetch !== "function") return; // The browser posts the form.
  event.preventDefault();

  const input = form.querySelector('input[type="email"]');
  const button = form.querySelector('button[type="submit"]');
  const label = button.textContent;
  button.disabled = true;
  button.textContent = BUSY_LABEL;
  form.setAttribute("aria-busy", "true");

  let answer;
  try {
    const response = await fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    });
    answer = await response.json();
  } catch {
    form.submit(); // Offline, or an answer we cannot read: let the server's own pages handle it.
    return;
  } finally {
    button.disabled = false;
    button.textContent = label;
    form.removeAttribute("aria-busy");
  }

  if (answer.status === "sent") {
    showMessage(status, { title: answer.title, message: answer.message });
    block.classList.add("cta--done"); // Hides the fields and the consent line.
    status.focus(); // The button that had focus is gone; the message takes its place.
  } else if (answer.status === "invalid") {
    showMessage(status, { message: answer.message, isError: true });
    input.setAttribute("aria-invalid", "true");
    input.focus();
  } else {
    showMessage(status, { title: answer.title, message: answer.message, isError: true });
  }
}

for (const form of document.querySelectorAll("form[data-newsletter-form]")) {
  // The server explains problems in words, in the page and to screen readers.
  form.noValidate = true;
  form.addEventListener("submit", submitInPlace);
  form.addEventListener("input", () => {
    form.querySelector('input[type="email"]').removeAttribute("aria-invalid");
  });
}
