"""Roles, not names: stages, figures and report find lexicons by role; studies.

The central promise: a researcher of another topic writes lexicon files, not code.
"""
from __future__ import annotations

import ast
import json
from pathlib import Path

import pandas as pd
import pytest

import framing
from framing import LexiconError, FramingError, load_lexicon, load_study, list_studies
from framing.lexicons import list_lexicons
from framing.studies import PALETTE, Study

ROOT = Path(__file__).parents[1]
PKG = ROOT / "src" / "framing"
#: The loader and the registry of shipped studies may name lexicons; nothing else may.
REGISTRY = {"lexicons.py", "studies.py"}
#: Sides of shipped studies that are also ordinary English words the rules use as words
#: ("the other", actor categories such as "media"); they are not checked.
ENGLISH_WORDS = {"other", "media", "international"}


def _shipped_names() -> tuple[set, set]:
    """Names of shipped lexicons and studies, and every side they declare."""
    names, sides = set(list_lexicons()["name"]), set()
    for st in list_studies()["name"]:
        names.add(st)
        sides |= set(load_study(st).sides)
    return names, sides


def _code_strings(path: Path):
    """String constants of a module that are not docstrings, with their line."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docs.add(id(body[0].value))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
            yield node.lineno, node.value


def _calls_with_literal(path: Path, func: str):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name == func and node.args and isinstance(node.args[0], ast.Constant):
                yield node.lineno, node.args[0].value


def _lexicon_comparisons(path: Path):
    """``x["lexicon"] == "..."`` or ``x["lexicon"].isin([...literals])``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            if any(isinstance(s, ast.Subscript) and isinstance(s.slice, ast.Constant)
                   and s.slice.value == "lexicon" for s in sides) \
                    and any(isinstance(s, ast.Constant) and isinstance(s.value, str)
                            for s in sides):
                yield node.lineno
        if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "isin":
            target = node.func.value
            if isinstance(target, ast.Subscript) and isinstance(target.slice, ast.Constant) \
                    and target.slice.value == "lexicon" and node.args \
                    and isinstance(node.args[0], (ast.List, ast.Tuple)) \
                    and all(isinstance(e, ast.Constant) for e in node.args[0].elts):
                yield node.lineno


def test_no_lexicon_or_side_literal_outside_the_registry():
    names, sides = _shipped_names()
    studies = set(list_studies()["name"])
    offenders = []
    for path in sorted(PKG.glob("*.py")):
        if path.name in REGISTRY:
            continue
        for line, value in _code_strings(path):
            if (value in sides - ENGLISH_WORDS) or value in studies:
                offenders.append(f"{path.name}:{line}: side or study name {value!r}")
        for line, value in _calls_with_literal(path, "load_lexicon"):
            offenders.append(f"{path.name}:{line}: load_lexicon({value!r})")
        for line, value in _calls_with_literal(path, "load_study"):
            offenders.append(f"{path.name}:{line}: load_study({value!r})")
        for line in _lexicon_comparisons(path):
            offenders.append(f"{path.name}:{line}: hits selected by a lexicon name literal")
    assert not offenders, "\n".join(offenders)


def test_the_check_itself_catches_offenders(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text('def f(h):\n    """Docstrings may say "armenia"."""\n'
                   '    a = h[h["lexicon"] == "naming"]\n'
                   '    b = h[h["lexicon"].isin(["naming", "loaded"])]\n'
                   '    c = load_lexicon("actors")\n'
                   '    return a, b, c, "azerbaijan"\n', encoding="utf-8")
    assert list(_lexicon_comparisons(bad)) == [3, 4]
    assert list(_calls_with_literal(bad, "load_lexicon")) == [(5, "actors")]
    assert [v for _, v in _code_strings(bad)] .count("azerbaijan") == 1
    assert "armenia" not in {v for _, v in _code_strings(bad)}


# --------------------------------------------------------------------------------------
# studies
# --------------------------------------------------------------------------------------
def test_shipped_studies_and_roles():
    st = list_studies()
    assert {"caucasus", "ukraine"} <= set(st["name"])
    cau = load_study("caucasus")
    assert [lx.role for lx in cau.lexicons] == ["naming", "loaded", "actors", "places",
                                                "reporting_verbs", "violence"]
    assert cau.contrast == ("armenia", "azerbaijan")
    assert cau.notes == []  # the study declares what it reuses
    assert cau.label("azerbaijan") == "Azerbaijan"
    assert cau.color("armenia") == cau.meta["sides"]["armenia"]["color"]
    assert len({cau.color(s) for s in cau.sides}) == len(cau.sides)  # distinct colours
    lx = list_lexicons()
    assert set(lx.loc[lx["study"] == "general", "role"]) == {"reporting_verbs", "violence"}
    # bare names keep working; study/name picks a study's lexicon
    assert load_lexicon("naming").source == "lexicons/caucasus/naming.csv"
    assert load_lexicon("ukraine/naming").role == "naming"


def test_loose_lexicons_fill_stage_roles_and_say_so():
    df = pd.DataFrame({"term": ["carbon tax"], "category": ["policy"], "side": ["industry"]})
    st = load_study(lexicons=[df])
    assert [lx.role for lx in st.lexicons] == ["terms", "reporting_verbs", "violence"]
    assert st.by_role("actors") == []
    assert any("reporting verbs" in n and "general" in n for n in st.notes)
    assert any("violence" in n for n in st.notes)
    assert any("no actors lexicon" in n for n in st.notes)
    # an undeclared side gets a label and a palette colour
    assert st.label("industry") == "Industry" and st.color("industry") == PALETTE[0]


def _write_lexicon(folder: Path, name: str, role: str | None, rows: list[tuple], sides=None):
    pd.DataFrame(rows, columns=["term", "category", "side"]).to_csv(folder / f"{name}.csv",
                                                                   index=False)
    meta = {"name": name, "description": f"test lexicon {name}"}
    if role:
        meta["role"] = role
    if sides:
        meta["sides"] = {s: "" for s in sides}
    (folder / f"{name}.json").write_text(json.dumps(meta), encoding="utf-8")


def test_study_folder_with_study_json(tmp_path):
    d = tmp_path / "climate"
    d.mkdir()
    _write_lexicon(d, "frames", "naming", [("climate crisis", "frame", "activist"),
                                           ("climate change", "frame", "neutral")])
    _write_lexicon(d, "who", "actors", [("Greenpeace", "organization", "activist"),
                                        ("Exxon", "company", "industry")])
    (d / "study.json").write_text(json.dumps({
        "name": "climate", "title": "Climate coverage",
        "sides": {"activist": {"label": "Activists", "color": "#009E73"},
                  "industry": {"label": "Industry", "color": "#D55E00"},
                  "neutral": {"label": "Neutral"}},
        "contrast": ["activist", "industry"], "lexicons": ["frames", "who"],
        "uses": ["reporting_verbs"]}), encoding="utf-8")
    st = load_study(d)
    assert st.name == "climate" and st.title == "Climate coverage"
    assert st.names("naming") == ["frames"] and st.names("actors") == ["who"]
    assert st.lexicon("actors").name == "who"
    # reporting verbs reused as declared, violence filled in with a note
    assert [lx.role for lx in st.lexicons][-2:] == ["reporting_verbs", "violence"]
    assert len(st.notes) == 1 and "violence" in st.notes[0]
    assert st.color("neutral") == PALETTE[0]  # first palette colour no declared side uses
    assert st.feature_label("frames:activist@own") == "Naming choices: Activists (own words)"
    assert st.feature_label("agency:patient:industry") == "Violent acts against Industry (share)"
    assert st.feature_label("stance:activist-industry") == "Stance index: Activists vs Industry"


@pytest.mark.parametrize("payload, message", [
    ({"sides": 3}, "'sides' must be"),
    ({"contrast": ["a"]}, "two different sides"),
    ({"sides": {"a": {}}, "contrast": ["a", "b"]}, "contrast side 'b' is not a declared side"),
    ({"sides": {"a": {"color": "notacolour"}}}, "is not a colour"),
    ({"lexicons": ["nope"]}, "lexicon 'nope' has no file"),
])
def test_bad_study_json_names_the_file(tmp_path, payload, message):
    d = tmp_path / "s"
    d.mkdir()
    _write_lexicon(d, "x", "naming", [("word", "c", "a")])
    (d / "study.json").write_text(json.dumps(payload), encoding="utf-8")
    with pytest.raises(LexiconError, match=message) as e:
        load_study(d)
    assert "study.json" in str(e.value)


def test_unknown_study_and_unknown_role(tmp_path):
    with pytest.raises(FramingError, match="did you mean 'ukraine'"):
        load_study("ukrane")
    d = tmp_path / "s"
    d.mkdir()
    _write_lexicon(d, "x", "framing", [("word", "c", "a")])
    with pytest.raises(LexiconError, match="role"):
        load_study(d)


def test_study_without_actors_resolves_no_sides():
    corpus = pd.DataFrame({"doc_id": ["a"], "outlet": ["O"], "status": ["ok"],
                           "body": ["Greenpeace said the climate crisis is real."]})
    df = pd.DataFrame({"term": ["climate crisis"], "category": ["frame"], "side": ["activist"]})
    a = framing.analyze(corpus, lexicons=[df])
    assert len(a.attributions) == 1
    assert a.attributions["side"].tolist() == [""]
    assert any("no actors lexicon" in n for n in a.study.notes)


def _plain_actors(tmp_path) -> Path:
    """An actors lexicon written as a bare CSV (no JSON metadata, so no role)."""
    path = tmp_path / "parties.csv"
    path.write_text("term,category,side\nNorland,country,north\nNorlandic,demonym,north\n"
                    "Sudrian,demonym,south\nSudria,country,south\n", encoding="utf-8")
    return path


def test_role_given_with_the_lexicon(tmp_path):
    path = _plain_actors(tmp_path)
    # without a role the lexicon only counts terms, and the note says how to give one
    st = load_study(lexicons=[path])
    assert st.by_role("actors") == []
    note = next(n for n in st.notes if n.startswith("no actors lexicon"))
    assert "'parties'" in note and "has sides but no role" in note
    assert f"actors={path}" in note
    # three ways to give the role: ROLE=PATH (the CLI's), a (role, spec) pair, a dict
    for spec in ([f"actors={path}"], [("actors", path)], {"actors": path},
                 {"actors": [path]}):
        st = load_study(lexicons=spec)
        assert [lx.name for lx in st.by_role("actors")] == ["parties"], spec
        assert not any(n.startswith("no actors lexicon") for n in st.notes)
    # the role replaces the metadata's
    df = pd.DataFrame({"term": ["x"], "category": ["c"], "side": ["a"]})
    assert load_study(lexicons=[("places", df)]).by_role("places")[0].role == "places"
    with pytest.raises(LexiconError, match="unknown role 'actor'.*did you mean 'actors'"):
        load_study(lexicons=[f"actor={path}"])


def test_an_existing_file_with_an_equals_sign_is_a_path(tmp_path):
    path = tmp_path / "actors=v2.csv"
    path.write_text("term,category,side\nNorland,country,north\n", encoding="utf-8")
    st = load_study(lexicons=[str(path)])
    assert [lx.role for lx in st.lexicons][0] == "terms"


def test_cli_lexicon_with_role_prefix_gives_sides(tmp_path):
    from framing.cli import main

    path = _plain_actors(tmp_path)
    corpus = tmp_path / "c.csv"
    pd.DataFrame({"doc_id": ["1", "2"], "outlet": ["A", "B"],
                  "text": ["Norlandic troops shelled two Sudrian villages.",
                           "Sudrian forces killed three Norlandic soldiers."]}).to_csv(
        corpus, index=False)
    out = tmp_path / "out"
    assert main(["analyze", str(corpus), "--lexicon", f"actors={path}", "--out", str(out),
                 "--n-jobs", "1", "--no-figures", "--quiet"]) == 0
    ag = pd.read_csv(out / "agency.csv", dtype=str, keep_default_na=False)
    assert ag[["doc_id", "verb", "voice", "agent_side", "patient_side"]].values.tolist() == [
        ["1", "shell", "active", "north", "south"],
        ["2", "kill", "active", "south", "north"]]


def test_role_prefix_on_the_sample_corpus(tmp_path):
    """A copy of the shipped actors CSV without its JSON (no role) gives the sample's
    agency rows no stated side; given the role with it, the stated sides are those of the
    shipped lexicon, which declares the role."""
    import shutil

    copy = tmp_path / "my_actors.csv"
    shutil.copy(ROOT / "lexicons" / "caucasus" / "actors.csv", copy)
    corpus = framing.load_sample_corpus()
    bare = framing.analyze(corpus, lexicons=[copy], stages=["agency"])
    assert set(bare.agency["agent_side"]) == {""}
    given = framing.analyze(corpus, lexicons={"actors": copy}, stages=["agency"])
    shipped = framing.analyze(corpus, lexicons=[ROOT / "lexicons" / "caucasus" / "actors.csv"],
                              stages=["agency"])
    cols = ["doc_id", "trigger", "agent", "agent_side", "patient", "patient_side"]
    assert len(given.agency) == len(shipped.agency) > 50
    assert given.agency[cols].equals(shipped.agency[cols])
    assert {"armenia", "azerbaijan"} <= set(given.agency["agent_side"])
