// LKjIP: small behaviours without inline handlers, so the Content-Security-Policy can forbid inline scripts.
document.addEventListener("submit", function (event) {
  var message = event.target.getAttribute("data-confirm");
  if (message && !window.confirm(message)) { event.preventDefault(); }
}, true);
document.addEventListener("change", function (event) {
  if (event.target.matches("[data-autosubmit]")) { event.target.form.submit(); }
});
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-print]")) { window.print(); }
});
