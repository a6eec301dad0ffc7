"""Read queries: each module answers one family of read routes, returning plain dicts."""
