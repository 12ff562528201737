"""The pages of Communiqué: server-rendered HTML (Jinja2, autoescaped), interface strings in Russian and
English (i18n/*.json), a stylesheet and a little plain JavaScript (static/), and `data.py`, the one module
through which the pages and the JSON API (communique.api) read and correct the store."""
