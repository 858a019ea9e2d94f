// Starts Swagger UI on the description named by the script tag's data-spec (kept out of the page, so a strict
// Content-Security-Policy needs no inline script).
window.ui = SwaggerUIBundle({
  url: document.currentScript.dataset.spec,
  dom_id: "#swagger-ui",
  deepLinking: true,
  tryItOutEnabled: false
});
