// Citation previews (see kwelle/previews.py): the preview after each citation link is
// shown by CSS on hover and focus; this adds the ARIA wiring and Escape to dismiss.
"use strict";
document.querySelectorAll(".kwelle-cite-preview").forEach((preview) => {
  const link = preview.previousElementSibling;
  if (!link || link.tagName !== "A") return;
  preview.setAttribute("role", "tooltip");
  link.setAttribute("aria-describedby", preview.id);
});
document.addEventListener("keydown", (event) => {
  if (event.key === "Escape") document.body.classList.add("kwelle-previews-dismissed");
});
document.addEventListener("focusin", () => document.body.classList.remove("kwelle-previews-dismissed"));
document.addEventListener("mouseover", (event) => {
  if (event.target.closest && event.target.closest(".bibtex-citation a")) {
    document.body.classList.remove("kwelle-previews-dismissed");
  }
});
