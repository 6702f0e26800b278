"""Editions beside the HTML: LaTeX/PDF, SVG for print, download links, the Atom feed, social metadata."""
