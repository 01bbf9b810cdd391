"""The content model: what Khooshe knows about its content, free of MkDocs (errors, YAML, dates, ids, Persian text, HTML policy)."""
