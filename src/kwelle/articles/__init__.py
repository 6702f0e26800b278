"""Articles: the front-matter schema and store, header, listing, tags, corrections and cite-this."""
