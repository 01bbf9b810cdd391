"""One folder per record kind: its records, schema, templates and assets."""
