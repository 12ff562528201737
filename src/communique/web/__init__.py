"""The pages of Communiqué: server-rendered HTML (Jinja2, autoescaped), interface strings in Russian and
English (i18n/*.json), a stylesheet and a little plain JavaScript (static/). The pages render what the
service layer (`communique.service`) returns — the same functions the JSON API (communique.api) and the
command line call; `highlight.py` marks a document's facts in its text."""
