// Small progressive enhancements; every page works without this file.
document.addEventListener("change", (event) => {
  const target = event.target;
  if (target.matches("[data-autosubmit]")) target.form.requestSubmit();
  if (target.matches("[data-select-all]")) {
    const scope = target.closest("form") || document;
    scope.querySelectorAll(`input[name="${target.dataset.selectAll}"]`).forEach((box) => {
      box.checked = target.checked;
    });
  }
});
document.addEventListener("submit", (event) => {
  const message = event.target.dataset.confirm;
  if (message && !window.confirm(message)) event.preventDefault();
});
// Filter forms (GET with hx-get): leave empty fields out of the URL, as a tidy bookmark.
document.addEventListener("htmx:configRequest", (event) => {
  if (event.detail.verb !== "get" || !event.detail.elt.matches(".filter-form")) return;
  const params = event.detail.parameters;
  for (const key of Object.keys(params)) {
    if (params[key] === "") delete params[key];
  }
});
