from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class PublicationsConfig(Config):
    """``khooshe-publications`` options (mkdocs.yml → plugins → khooshe-publications)."""

    enabled = c.Type(bool, default=True)
    # Records: <project root>/<folder>/<id>.yml, people.yml, reported.yml, files/.
    folder = c.Type(str, default="publications")
