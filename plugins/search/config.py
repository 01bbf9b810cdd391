"""Options of the ``khooshe-search`` plugin (mkdocs.yml: ``- khooshe-search``)."""

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class SearchConfig(Config):
    enabled = c.Type(bool, default=True)
    # folder of the split index in the built site
    index_dir = c.Type(str, default="search")
    # target size of one index shard in bytes; more pages → more shards, never bigger ones
    shard_bytes = c.Type(int, default=4096)
    # characters of page text per snippet file (d/<id>.json holds the first part)
    part_chars = c.Type(int, default=2000)
    # build the index in a background worker process while MkDocs renders pages (false: in MkDocs' own process)
    background = c.Type(bool, default=True)
