"""Studies: a set of lexicons with declared roles, sides, colours and a contrast.

A *study* is what a researcher writes to analyse a topic with framing: a folder
of lexicon files (CSV + JSON metadata, each declaring its ``role``) and a small
``study.json``::

    {"name": "climate", "title": "Climate policy coverage",
     "description": "...",
     "sides": {"activist": {"label": "Climate activists", "color": "#009E73"},
               "industry": {"label": "Fossil-fuel industry", "color": "#D55E00"}},
     "contrast": ["activist", "industry"],
     "lexicons": ["framing_terms", "actors"],
     "uses": ["reporting_verbs", "violence"]}

Every stage, feature, figure and report section asks the study for a *role*
(``naming``, ``loaded``, ``actors``, ``places``, ``reporting_verbs``,
``violence``, ``terms``), never for a lexicon by name. When a study has no
lexicon of a role the stages need (reporting verbs, violence), the shipped
general English lexicon of that role is used and the study says so in
:attr:`Study.notes`; a study without an actors lexicon resolves no sides.

This module and :mod:`framing.lexicons` are the only places that know the
shipped lexicons and studies by name (the registry below).
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ._checks import FramingError, LexiconError, did_you_mean
from .lexicons import DEFAULT_STUDY, GENERAL_FOLDER, ROLES, Lexicon, _builtin_dir, load_lexicon

__all__ = ["Study", "load_study", "list_studies", "ROLES", "STAGE_ROLES", "MATCH_ROLES",
           "PALETTE"]

#: Roles whose lexicons serve the stages only (their matches are not reported as hits).
STAGE_ROLES = ("reporting_verbs", "violence")
#: Roles whose matches are reported in ``hits`` and counted as features.
MATCH_ROLES = tuple(r for r in ROLES if r not in STAGE_ROLES)
#: Roles that measure an outlet's own framing choices (the stance index uses these).
FRAMING_ROLES = ("naming", "loaded")

#: Shipped general lexicons by role (the fallback of a study without its own).
_GENERAL = {"reporting_verbs": f"{GENERAL_FOLDER}/reporting_verbs",
            "violence": f"{GENERAL_FOLDER}/violence"}

#: Colour-blind-safe colours for sides a study does not colour (Okabe & Ito 2008,
#: then Paul Tol's "muted" scheme), assigned in the order the sides are declared.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442",
           "#000000", "#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77",
           "#CC6677", "#882255", "#AA4499")
#: Colour of "no side" (agentless acts, unresolved speakers).
NONE_COLOR = "#DDDDDD"

#: Placeholders the tables and plots use for "no side".
_NO_SIDE = ("none", "unknown", "unassigned")

#: Human titles of the roles (report sections, figure titles).
ROLE_TITLES = {"naming": "Naming choices", "loaded": "Loaded terms", "actors": "Actors",
               "places": "Places", "reporting_verbs": "Reporting verbs",
               "violence": "Violence terms", "terms": "Terms"}

_VOICE_WORDS = {"own": "own words", "quoted": "quoted", "all": "all", "direct": "direct quotes",
                "indirect": "indirect speech", "unattributed": "unattributed"}


def _side_text(side) -> str:
    """A side as text ('' for None or NaN)."""
    return "" if side is None or (isinstance(side, float) and pd.isna(side)) else str(side)


def _side_spec(side: str, value, source: str) -> dict:
    if isinstance(value, str):
        return {"description": value}
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise LexiconError(f"{source}: side {side!r} must be a description or an object with "
                           f"label, color and description; got {type(value).__name__}")
    out = {k: value[k] for k in ("label", "color", "description") if k in value}
    color = out.get("color")
    if color is not None:
        from matplotlib.colors import is_color_like

        if not isinstance(color, str) or not is_color_like(color):
            raise LexiconError(f"{source}: side {side!r} has colour {color!r}, which is not a "
                               "colour (use '#RRGGBB' or a matplotlib colour name)")
    return out


@dataclass
class Study:
    """A set of lexicons with roles, the sides they refer to and how to draw them.

    Attributes
    ----------
    name : str
        Short name (``caucasus``, ``ukraine``, ``custom``...).
    lexicons : list of Lexicon
        Every lexicon, the stage lexicons (reporting verbs, violence) included.
    meta : dict
        ``study.json``: title, description, sides, contrast, ...
    source : str
        Where the study was read from.
    notes : list of str
        What was filled in or left out (a general lexicon used for a missing role,
        no actors lexicon...), for the summary and the report.
    """

    name: str
    lexicons: list = field(default_factory=list)
    meta: dict = field(default_factory=dict)
    source: str = "<lexicons>"
    notes: list = field(default_factory=list)

    def __repr__(self) -> str:
        roles = ", ".join(f"{lx.name}:{lx.role}" for lx in self.lexicons)
        return f"Study({self.name!r}, lexicons=[{roles}])"

    # -- lexicons by role --------------------------------------------------------------
    @property
    def title(self) -> str:
        """The study's title (``study.json``), else its name."""
        return str(self.meta.get("title") or self.name)

    @property
    def roles(self) -> dict[str, str]:
        """``{lexicon name: role}``."""
        return {lx.name: lx.role for lx in self.lexicons}

    def by_role(self, role: str) -> list[Lexicon]:
        """The lexicons of one role, in the study's order."""
        if role not in ROLES:
            raise FramingError(f"unknown role {role!r}; roles are {', '.join(ROLES)}"
                               f"{did_you_mean(role, ROLES)}")
        return [lx for lx in self.lexicons if lx.role == role]

    def names(self, *roles: str) -> list[str]:
        """Names of the lexicons of these roles."""
        return [lx.name for r in roles for lx in self.by_role(r)]

    def lexicon(self, role: str) -> Lexicon | None:
        """The lexicon of a role (several are merged into one), or None."""
        lexes = self.by_role(role)
        if not lexes:
            return None
        if len(lexes) == 1:
            return lexes[0]
        terms = pd.concat([lx.terms for lx in lexes], ignore_index=True)
        meta = dict(lexes[0].meta)
        meta["sides"] = {s: "" for lx in lexes for s in lx.sides}
        meta.pop("categories", None)
        return Lexicon(lexes[0].name, terms, meta, " + ".join(lx.source for lx in lexes))

    @property
    def match_lexicons(self) -> list[Lexicon]:
        """The lexicons whose matches are reported as hits (all but the stage roles)."""
        return [lx for lx in self.lexicons if lx.role not in STAGE_ROLES]

    # -- sides -------------------------------------------------------------------------
    @property
    def sides(self) -> dict[str, dict]:
        """Every side of the study with ``label``, ``color`` and ``description``.

        Sides declared in ``study.json`` come first, in their order, then sides
        declared by the lexicons or used by their terms. Sides without a colour get
        the next colour of :data:`PALETTE` not used by a declared side.
        """
        cached = self.__dict__.get("_sides")
        if cached is not None:
            return cached
        out: dict[str, dict] = {}
        for s, spec in (self.meta.get("sides") or {}).items():
            out[str(s)] = dict(spec)
        for lx in self.lexicons:
            if lx.role in STAGE_ROLES:
                continue
            declared = lx.meta.get("sides") or {}
            for s in declared:
                desc = declared[s] if isinstance(declared, dict) else ""
                out.setdefault(str(s), {"description": desc if isinstance(desc, str) else ""})
            for s in sorted(set(lx.terms["side"]) - {""}):
                out.setdefault(str(s), {})
        used = {spec["color"].lower() for spec in out.values() if spec.get("color")}
        free = [c for c in PALETTE if c.lower() not in used]
        for i, (s, spec) in enumerate(out.items()):
            spec.setdefault("label", s.replace("_", " ").capitalize())
            spec.setdefault("description", "")
            if not spec.get("color"):
                spec["color"] = free.pop(0) if free else PALETTE[i % len(PALETTE)]
        self.__dict__["_sides"] = out
        return out

    @property
    def contrast(self) -> tuple[str, str] | None:
        """The two sides to contrast (``study.json``'s ``contrast``), or None."""
        c = self.meta.get("contrast")
        return (str(c[0]), str(c[1])) if c else None

    def label(self, side) -> str:
        """A side's label (the side itself when undeclared; "no side" for '')."""
        s = _side_text(side)
        if not s or s in _NO_SIDE:
            return "unresolved" if s == "unknown" else "no side"
        spec = self.sides.get(s)
        return spec["label"] if spec else s

    def color(self, side) -> str:
        """A side's colour; grey for no side; a stable palette colour for unknown sides."""
        s = _side_text(side)
        if not s or s in _NO_SIDE:
            return NONE_COLOR
        spec = self.sides.get(s)
        if spec:
            return spec["color"]
        import zlib

        return PALETTE[zlib.crc32(s.encode()) % len(PALETTE)]

    def order(self, sides: Iterable) -> list[str]:
        """``sides`` in the study's order (declared first, then alphabetical)."""
        sides = list(dict.fromkeys(str(s) for s in sides))
        known = [s for s in self.sides if s in sides]
        return known + sorted(s for s in sides if s not in self.sides)

    # -- labels ------------------------------------------------------------------------
    def lexicon_title(self, name: str) -> str:
        """Title of a lexicon: its metadata ``title``, else the title of its role
        (with the lexicon name when the study has several of that role)."""
        lx = next((x for x in self.lexicons if x.name == name), None)
        if lx is None:
            return name
        if lx.meta.get("title"):
            return str(lx.meta["title"])
        title = ROLE_TITLES.get(lx.role, lx.role)
        if len(self.by_role(lx.role)) > 1 or lx.role == "terms":
            title = f"{title} ({name})" if lx.role != "terms" else name.replace("_", " ")
        return title

    def feature_label(self, feature: str) -> str:
        """A readable label for a feature id of :func:`framing.compare_outlets`.

        Examples
        --------
        >>> st = load_study(lexicons=[pd.DataFrame({"term": ["carbon tax"],
        ...     "category": ["policy"], "side": ["industry"]})])
        >>> st.feature_label("custom:industry@own")
        'Custom: Industry (own words)'
        """
        f = str(feature)
        fam, _, rest = f.partition(":")
        lab = self.label
        if fam == "attribution":
            kind, _, tail = rest.partition(":")
            if kind == "share":
                return f"Attributions to {lab(tail)} speakers (share)"
            if kind == "quoted_words":
                return f"Quoted words of {lab(tail)} speakers (share)"
            if kind == "verb":
                side, _, cls = tail.partition(":")
                return f"{lab(side)} speakers: {cls} verbs (share)"
            return f
        if fam == "agency":
            kind, _, side = rest.partition(":")
            implied = " (implied sides)" if kind.endswith("_implied") else ""
            kind = kind.removesuffix("_implied")
            if kind == "agent":
                return f"Violent acts by {lab(side)} (share){implied}"
            if kind == "patient":
                return f"Violent acts against {lab(side)} (share){implied}"
            if kind == "agentless":
                return "Violent acts with the agent left out (share)"
            if kind.startswith("agentless|patient"):
                return f"Agent left out, {lab(rest.rpartition(':')[2])} patients (share){implied}"
            return f
        if fam == "tone":
            return f"Tone ({_VOICE_WORDS.get(rest, rest)})"
        if fam == "tone_toward":
            side, _, voice = rest.rpartition("@")
            return f"Tone toward {lab(side)} ({_VOICE_WORDS.get(voice, voice)})"
        if fam == "stance":
            a, _, b = rest.partition("-")
            return f"Stance index: {lab(a)} vs {lab(b)}"
        if fam == "term":
            return rest
        detail, _, voice = rest.rpartition("@")
        if not detail:
            return f
        title = self.lexicon_title(fam) if any(lx.name == fam for lx in self.lexicons) \
            else fam.replace("_", " ").capitalize()
        if detail.startswith("category="):
            what = detail[len("category="):].replace("_", " ")
        else:
            what = lab(detail)
        return f"{title}: {what} ({_VOICE_WORDS.get(voice, voice)})"

    def describe(self) -> str:
        """A few lines for ``framing study show``."""
        lines = [f"{self.name}: {self.title}"]
        if self.meta.get("description"):
            lines.append(f"  {self.meta['description']}")
        lines.append(f"  source: {self.source}")
        lines.append("  sides: " + ", ".join(f"{s} ({v['label']}, {v['color']})"
                                             for s, v in self.sides.items()))
        if self.contrast:
            lines.append(f"  contrast: {self.contrast[0]} vs {self.contrast[1]}")
        for lx in self.lexicons:
            lines.append(f"  lexicon {lx.name}: role {lx.role}, {len(lx)} terms ({lx.source})")
        for n in self.notes:
            lines.append(f"  note: {n}")
        return "\n".join(lines)


# --------------------------------------------------------------------------------------
# loading
# --------------------------------------------------------------------------------------
def _shipped_studies() -> list[str]:
    base = _builtin_dir()
    return sorted(e.name for e in base.iterdir()
                  if e.is_dir() and e.joinpath("study.json").is_file())


def list_studies() -> pd.DataFrame:
    """The studies shipped with framing.

    Returns
    -------
    DataFrame
        ``name, title, description, sides, contrast, lexicons``.

    Examples
    --------
    >>> len(list_studies()) >= 2
    True
    """
    rows = []
    for name in _shipped_studies():
        st = load_study(name)
        rows.append((name, st.title, st.meta.get("description", ""),
                     ", ".join(st.meta.get("sides") or {}), " vs ".join(st.contrast or ()),
                     ", ".join(f"{lx.name} ({lx.role})" for lx in st.lexicons)))
    return pd.DataFrame(rows, columns=["name", "title", "description", "sides", "contrast",
                                       "lexicons"])


def _read_study_json(text: str, label: str) -> dict:
    try:
        meta = json.loads(text)
    except json.JSONDecodeError as e:
        raise LexiconError(f"{label}: invalid JSON at line {e.lineno}: {e.msg}") from None
    if not isinstance(meta, dict):
        raise LexiconError(f"{label}: study.json must be a JSON object")
    for key, typ, what in (("sides", dict, "an object of side: {label, color, description}"),
                           ("lexicons", list, "a list of lexicon file names"),
                           ("uses", list, "a list of shipped general lexicon names"),
                           ("contrast", list, "a list of two sides")):
        if key in meta and meta[key] is not None and not isinstance(meta[key], typ):
            raise LexiconError(f"{label}: '{key}' must be {what}; got "
                               f"{type(meta[key]).__name__}")
    for key in ("lexicons", "uses"):
        for k, item in enumerate(meta.get(key) or []):
            if not isinstance(item, str) or not item.strip():
                raise LexiconError(f"{label}: '{key}' must be a list of lexicon names; item "
                                   f"{k + 1} is {json.dumps(item)}")
    meta["sides"] = {str(s): _side_spec(str(s), v, label)
                     for s, v in (meta.get("sides") or {}).items()}
    c = meta.get("contrast")
    if c is not None:
        if len(c) != 2 or len(set(map(str, c))) != 2:
            raise LexiconError(f"{label}: 'contrast' must name two different sides; got {c!r}")
        if meta["sides"]:
            for s in c:
                if str(s) not in meta["sides"]:
                    names = list(meta["sides"])
                    raise LexiconError(f"{label}: contrast side {s!r} is not a declared side "
                                       f"({', '.join(names)}){did_you_mean(str(s), names)}")
    return meta


def _study_from_folder(name_or_path: str) -> Study:
    """A study read from a shipped study name or a folder with ``study.json``."""
    path = Path(name_or_path)
    shipped = _shipped_studies()
    if not str(name_or_path).strip():  # Path("") is the current folder
        raise FramingError(f"a study needs a name or a folder, got {str(name_or_path)!r}; "
                           f"shipped studies: {', '.join(shipped)}")
    if path.is_dir():
        sj = path / "study.json"
        if sj.exists() and not sj.is_file():
            raise LexiconError(f"{sj}: is a folder, not a JSON file")
        try:
            meta = _read_study_json(sj.read_text(encoding="utf-8"), str(sj)) \
                if sj.is_file() else {}
        except UnicodeDecodeError as e:
            raise LexiconError(f"{sj}: undecodable byte 0x{e.object[e.start]:02x} at byte "
                               f"{e.start} (study.json must be UTF-8)") from None
        folder, label = path, str(path)
        files = {p.stem: p for p in sorted(path.glob("*.csv"))}
        files.update({p.stem: p for p in sorted(path.glob("*.dic"))})

        def load(stem):
            if stem not in files:
                raise LexiconError(f"{label}/study.json: lexicon {stem!r} has no file "
                                   f"{stem}.csv in {label}{did_you_mean(stem, list(files))}")
            return load_lexicon(files[stem])
    elif name_or_path in shipped:
        base = _builtin_dir().joinpath(name_or_path)
        label = f"lexicons/{name_or_path}"
        meta = _read_study_json(base.joinpath("study.json").read_text(encoding="utf-8"),
                                f"{label}/study.json")
        files = {e.name[:-4]: e for e in base.iterdir() if e.name.endswith(".csv")}
        folder = None

        def load(stem):
            if stem not in files:
                raise LexiconError(f"{label}/study.json: lexicon {stem!r} has no file")
            return load_lexicon(f"{name_or_path}/{stem}")
    else:
        if path.is_file():
            raise FramingError(f"{name_or_path}: is a file, not a study folder; give a lexicon "
                               f"file with --lexicon {name_or_path} (lexicons=[...] in Python)")
        if os.sep in name_or_path or "/" in name_or_path or path.suffix:
            raise FramingError(f"{name_or_path}: no such study folder")
        raise FramingError(f"no study named {name_or_path!r}; shipped studies: "
                           f"{', '.join(shipped)}{did_you_mean(name_or_path, shipped)}; or pass "
                           "a folder with study.json and lexicon files")
    stems = meta.get("lexicons")
    if stems is None:
        stems = sorted(files)
    lexes = [load(str(s)) for s in stems]
    for u in meta.get("uses") or []:
        u = str(u)
        lexes.append(load_lexicon(u if "/" in u else f"{GENERAL_FOLDER}/{u}"))
    if not lexes:
        raise LexiconError(f"{label}: a study without lexicons: put lexicon files (.csv or "
                           ".dic) in the folder, or name them in study.json's 'lexicons'")
    del folder
    name = str(meta.get("name") or path.name)
    return Study(name, lexes, meta, label)


def _lexicon_with_role(spec) -> Lexicon:
    """A lexicon from ``spec``: a name, path, DataFrame or Lexicon, a ``(role, spec)``
    pair, or a string ``ROLE=PATH`` (``actors=mine.csv``) when ROLE is a role and the
    whole string is not an existing file. A given role replaces the one in the
    lexicon's metadata."""
    role = None
    if isinstance(spec, tuple) and len(spec) == 2 and isinstance(spec[0], str):
        role, spec = spec
    elif isinstance(spec, str) and "=" in spec and not os.path.exists(spec):
        head, rest = spec.split("=", 1)
        if head.strip().replace("_", "").isalpha() and rest.strip():  # a word, not a path
            role, spec = head.strip(), rest.strip()
    if role is not None and role not in ROLES:
        raise LexiconError(f"unknown role {role!r} for lexicon {spec!r}; roles are "
                           f"{', '.join(ROLES)}{did_you_mean(role, ROLES)}")
    lx = load_lexicon(spec)
    if role is not None and lx.role != role:
        lx = Lexicon(lx.name, lx.terms, {**lx.meta, "role": role}, lx.source)
    return lx


def load_study(study=None, *, lexicons=None, fill: bool = True) -> Study:
    """Load a study: lexicons with roles, sides with labels and colours, a contrast.

    Parameters
    ----------
    study : str, path or Study, optional
        The name of a shipped study (:func:`list_studies`), a folder with
        ``study.json`` and lexicon files, or a :class:`Study`. Default: the shipped
        default study when no ``lexicons`` are given, else none (the lexicons alone).
    lexicons : list or dict, optional
        Lexicons to add (names, paths, DataFrames or Lexicon objects). Each one's
        role comes from its metadata (``"role"``), ``terms`` when it has none. A role
        can also be given with the lexicon, replacing the metadata's: a dict
        ``{"actors": "mine.csv"}`` (a role to one lexicon or a list), a pair
        ``("actors", "mine.csv")`` or a string ``"actors=mine.csv"`` (as ``framing
        analyze --lexicon actors=mine.csv`` passes it).
    fill : bool, default True
        Add the shipped general English lexicon for a stage role the study lacks
        (reporting verbs, violence), and say so in :attr:`Study.notes`.

    Returns
    -------
    Study

    Raises
    ------
    FramingError
        For an unknown study, a missing file or two lexicons with the same name.

    Examples
    --------
    >>> st = load_study(lexicons=[pd.DataFrame({"term": ["climate crisis"],
    ...                                         "category": ["frame"], "side": ["activist"]})])
    >>> [lx.role for lx in st.lexicons]
    ['terms', 'reporting_verbs', 'violence']
    >>> st.by_role("actors")
    []
    """
    if isinstance(study, Study):
        st = Study(study.name, list(study.lexicons), dict(study.meta), study.source,
                   list(study.notes))
    elif study is None and lexicons is None:
        st = _study_from_folder(DEFAULT_STUDY)
    elif study is None:
        st = Study("custom", [], {"name": "custom", "title": "Custom lexicons"}, "<lexicons>")
    elif isinstance(study, (str, os.PathLike)):
        st = _study_from_folder(os.fspath(study))
    else:
        raise FramingError(f"study must be a name, a folder or a Study; got "
                           f"{type(study).__name__}")
    if lexicons is not None:
        if isinstance(lexicons, dict):  # {role: spec or list of specs}
            lexicons = [(role, spec) for role, specs in lexicons.items()
                        for spec in (specs if isinstance(specs, (list, tuple)) else [specs])]
        elif isinstance(lexicons, (str, os.PathLike, pd.DataFrame, Lexicon)):
            lexicons = [lexicons]
        for spec in lexicons:
            st.lexicons.append(_lexicon_with_role(spec))
    seen: dict[str, str] = {}
    for lx in st.lexicons:
        if lx.name in seen:
            raise LexiconError(f"two lexicons are named {lx.name!r} ({seen[lx.name]} and "
                               f"{lx.source}); rename one (its JSON 'name' or the file)")
        seen[lx.name] = lx.source
        if lx.role not in ROLES:
            raise LexiconError(f"{lx.source}: unknown role {lx.role!r}; roles are "
                               f"{', '.join(ROLES)}{did_you_mean(lx.role, ROLES)}")
    if fill:
        for role, shipped in _GENERAL.items():
            if not st.by_role(role):
                st.lexicons.append(load_lexicon(shipped))
                if study is not None or lexicons is not None:
                    st.notes.append(f"no {ROLE_TITLES[role].lower()} lexicon in the study: "
                                    f"using the shipped general English one ({shipped})")
    if not st.by_role("actors"):
        note = ("no actors lexicon: speakers, agents and patients get no side, and tone "
                "toward sides is not measured")
        sided = [lx for lx in st.lexicons if "role" not in lx.meta
                 and lx.terms["side"].astype(str).str.strip().ne("").any()]
        if sided:
            lx = sided[0]
            note += (f"; lexicon {lx.name!r} ({lx.source}) has sides but no role: declare "
                     f"\"role\": \"actors\" in its JSON metadata, or pass it as "
                     f"actors={lx.source}, if it names the actors")
        st.notes.append(note)
    if st.contrast:
        missing = [s for s in st.contrast if s not in st.sides]
        if missing:
            raise LexiconError(f"{st.source}: contrast side(s) {', '.join(missing)} are used by "
                               "no lexicon and not declared")
    return st


def study_of(obj) -> Study | None:
    """The study attached to an Analysis or a dict of tables (key ``study``), if any."""
    if isinstance(obj, Study):
        return obj
    if isinstance(obj, dict):
        st = obj.get("study")
    else:
        st = getattr(obj, "study", None)
    return st if isinstance(st, Study) else None


def empty_lexicon(role: str) -> Lexicon:
    """A lexicon of ``role`` with no terms (a stage run without, e.g., actors)."""
    terms = pd.DataFrame({c: pd.Series(dtype=object) for c in
                          ("term", "category", "side", "canonical", "weight", "case_sensitive",
                           "note", "line")})
    return Lexicon(f"({role})", terms, {"role": role}, "<none>")


def role_lexicon(spec, role: str) -> Lexicon:
    """The lexicon a stage uses for ``role``.

    Parameters
    ----------
    spec : None, Study, str, path, DataFrame or Lexicon
        None: the default study's lexicon of that role; a Study: its lexicon of
        that role (an empty one when it has none); anything else is loaded with
        :func:`framing.load_lexicon` (a DataFrame is named after the role).

    Returns
    -------
    Lexicon
    """
    if spec is None or isinstance(spec, Study):
        st = spec if isinstance(spec, Study) else _default_study()
        return st.lexicon(role) or empty_lexicon(role)
    if isinstance(spec, Lexicon):
        return spec
    if isinstance(spec, pd.DataFrame):
        return load_lexicon(spec, name=role, meta={"role": role})
    return load_lexicon(spec)


_DEFAULT: dict = {}


def _default_study() -> Study:
    """The default study, loaded once per process."""
    if "study" not in _DEFAULT:
        _DEFAULT["study"] = load_study()
    return _DEFAULT["study"]
