from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class NewsConfig(Config):
    """``khooshe-news`` options (mkdocs.yml → plugins → khooshe-news)."""

    enabled = c.Type(bool, default=True)
    # Articles: <docs_dir>/<folder>/*.md; generated pages live under the same folder.
    folder = c.Type(str, default="news")
    # Main listing: cards (title, meta line, summary) per page.
    page_size = c.Type(int, default=20)
    # Tag pages: compact rows (date and title) per page; most tags fit on one page.
    tag_page_size = c.Type(int, default=200)
    # Feeds: how many of the latest items, their title, and their file names at the site root.
    feed_size = c.Type(int, default=20)
    feed_title = c.Type(str, default="خوشه — اخبار")
    feed_description = c.Type(str, default="تازه‌های برنامه ملی توسعه خوشه‌های صنعتی و کسب‌وکار ایران")
    rss_file = c.Type(str, default="feed.xml")
    atom_file = c.Type(str, default="atom.xml")
    json_file = c.Type(str, default="feed.json")
