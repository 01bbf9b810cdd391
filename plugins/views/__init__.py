"""Turning the model into output: templates and the page mechanism, taxonomies, the search index."""
