// Sphinx's highlighting of the words searched for, loaded only on a page opened from a search
// result: the search page leaves the words in localStorage (or the link has ?highlight=) for
// sphinx_highlight.js, which needs DOCUMENTATION_OPTIONS and doctools.js before it. The
// addresses are those the page would have linked (kwelle.theme.pageassets).
(() => {
  const words =
    localStorage.getItem("sphinx_highlight_terms") ||
    new URLSearchParams(window.location.search).get("highlight");
  if (!words) return;
  for (const address of document.currentScript.dataset.scripts.split(" ")) {
    const script = document.createElement("script");
    script.src = address;
    script.async = false; // they run in order, as the tags they stand for would
    document.head.append(script);
  }
})();
