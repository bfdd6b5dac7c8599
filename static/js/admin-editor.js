// Show the reason when the Markdown editor refuses an image (markdownx only logs it).
document.addEventListener("markdownx.fileUploadError", (event) => {
  const response = event.detail && event.detail[0];
  const message = response && response.error ? response.error : "The image could not be uploaded.";
  window.alert(message);
});

// Tab leaves a Markdown box, as everywhere else: markdownx would indent instead, trapping
// keyboard users in the field. (Indent and outdent stay on Ctrl+] and Ctrl+[.)
document.addEventListener(
  "keydown",
  (event) => {
    if (event.key === "Tab" && event.target.classList?.contains("markdownx-editor")) {
      event.stopPropagation(); // Before markdownx's own listener; the browser moves the focus.
    }
  },
  true,
);
