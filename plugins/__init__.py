"""Khooshe's MkDocs plugins, one package per capability.

`core` holds the domain logic shared by every capability (errors, strict YAML,
Persian text, Jalali dates); it never imports MkDocs, so the site can move to
another generator. Each other package is `config.py` + `plugin.py` (MkDocs
events only) + plain modules that tests call directly.
"""
