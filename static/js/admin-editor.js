// Show the reason when the Markdown editor refuses an image (markdownx only logs it).
document.addEventListener("markdownx.fileUploadError", (event) => {
  const response = event.detail && event.detail[0];
  const message = response && response.error ? response.error : "The image could not be uploaded.";
  window.alert(message);
});
