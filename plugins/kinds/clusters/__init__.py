"""خوشه‌ها (شناسنامه، نقشه، آمار، داده باز).

The clusters capability: YAML records under ``clusters/`` validated by one
schema (schema.yml, schema.py, rules.py) into Cluster objects (records.py), and every page, map,
chart and open-data file made from them. Interfaces for other code:

* ``load_clusters(root, folder="clusters") -> (list[Cluster], list[ContentError])``
* ``scaffold_text(cluster_id, name) -> (relative path, YAML text)`` for ``build.py new cluster``
* the declaration, ``kind.py`` ``KIND`` (plugins/kinds/README.md); other kinds read the
  clusters from the site's content model (plugins/model/site.py), not from this plugin
"""

from plugins.kinds.clusters.scaffold import scaffold_text

__all__ = ["scaffold_text"]
