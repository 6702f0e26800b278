// "Copy" buttons for the "Cite this article" box (see kwelle/citethis.py). Without
// JavaScript the text is still there to select; with it, one click copies it.
"use strict";
document.querySelectorAll(".kwelle-cite-this .kwelle-copyable").forEach((block) => {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "kwelle-copy-button";
  const label = block.tagName === "P" ? "Copy the reference" : "Copy the BibTeX";
  button.textContent = label;
  button.addEventListener("click", async () => {
    await navigator.clipboard.writeText(block.innerText.trim());
    button.textContent = "Copied";
    setTimeout(() => { button.textContent = label; }, 2000);
  });
  block.after(button);
});
