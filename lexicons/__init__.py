"""Lexicon data files shipped with framing (installed as ``framing.lexicon_data``).

This folder holds data only: one ``<name>.csv`` (one term per row) and one
``<name>.json`` (metadata) per lexicon. See ``lexicons/README.md``.

The file exists because setuptools' editable install finds ``framing.lexicon_data``
through it. Imported under any other name it is a shadow: ``import lexicons`` from
the repository root, or ``framing.lexicons`` when Python runs in the parent folder of
a checkout named ``framing`` (the checkout then hides the installed package). Both
fail here with a message instead of handing over a module without code.
"""
if __name__ != "framing.lexicon_data":
    raise ImportError(
        f"{__file__.rpartition('__init__')[0]!r} is framing's lexicon data folder, not a "
        f"module; it was imported as {__name__!r} because Python was started in the framing "
        "checkout or in the folder holding it, which shadows the installed package. Start "
        "Python in another folder; lexicons load with framing.load_lexicon('naming')",
        name=__name__,
    )
