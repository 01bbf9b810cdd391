"""The thin MkDocs layer: one plugin per capability (events only), URLs asked from MkDocs' File."""
