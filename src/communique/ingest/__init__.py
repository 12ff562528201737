"""Turning sources into Documents: formats, sources, language, hashing."""
