"""Lexicon data files shipped with framing (installed as ``framing.lexicon_data``).

This folder holds data only: one ``<name>.csv`` (one term per row) and one
``<name>.json`` (metadata) per lexicon. See ``lexicons/README.md``.
"""
