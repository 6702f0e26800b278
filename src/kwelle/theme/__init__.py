"""HTML presentation that depends on the theme: sidebar navigation, per-page assets, markup fixes, the 404 page."""
