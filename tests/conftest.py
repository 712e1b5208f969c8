"""Shared fixtures: the bundled sample corpus and a tiny hand-made lexicon."""

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")


@pytest.fixture(scope="session")
def sample_corpus():
    from framing import load_sample_corpus

    return load_sample_corpus()


@pytest.fixture(scope="session")
def sample_texts(sample_corpus):
    """doc_id -> cleaned body of each sample article."""
    return dict(zip(sample_corpus["doc_id"], sample_corpus["body"]))


@pytest.fixture
def tiny_lexicon():
    from framing import load_lexicon

    return load_lexicon(
        pd.DataFrame(
            {
                "term": ["Artsakh", "Nagorno-Karabakh", "Armenian-occupied", "occupied territories",
                         "provocation*"],
                "category": ["toponym", "toponym", "occupation", "occupation", "aggression"],
                "side": ["armenia", "international", "azerbaijan", "azerbaijan", "azerbaijan"],
            }
        ),
        name="tiny",
    )
