"""Khooshe's code, in layers (each folder's README or docstring says more):

* ``model/``   the content model: errors, strict YAML, dates, ids, Persian text, the HTML policy,
               the one record validator (validation.py: JSON Schema; its Persian messages: messages.py),
               editor pages' front matter. Never imports MkDocs, so the site can move generator.
* ``kinds/``   one folder per record kind (clusters, news, publications): records, schema,
               templates, assets.
* ``views/``   turning the model into output: templates and the page mechanism (render.py),
               taxonomies, the search index, reproducible output.
* ``adapter/`` the thin MkDocs layer: one plugin per capability, URLs asked from MkDocs' File.
* ``cli/``     what build.py runs: build and serve, check, lint, new.
"""
