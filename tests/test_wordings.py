"""Shared wordings: `aj where-used`, `aj replace --similar` and the index behind them
(ajtui.ops.wordings, cached by ajtui.store.wordindex)."""

from __future__ import annotations

import itertools
import json
import random
from pathlib import Path

import pytest

from ajtui.format import model as m
from ajtui.format.parser import loads
from ajtui.format.writer import dumps
from ajtui.ops.wordings import WordIndex, keys, units
from ajtui.ops.words import similarity

from tests.helpers.history import cache_home, run_aj  # noqa: F401  (cache_home: autouse)

TEMPLATE = (Path(__file__).parent / "helpers" / "template.aj").read_text(encoding="utf-8")

CHOICES = [
    ["täpselt", "hoolikalt"],
    ["kvaliteetselt", "kvaliteetselt ja põhjalikult"],
    ["tähtaegselt", "õigeaegselt"],
    ["seatud", "kehtestatud", "kokkulepitud"],
    ["selgelt", "arusaadavalt"],
]
WORDING = (
    "Korrektsus: Täidab ülesandeid {0}, {1}, {2} ja vastavalt {3} nõuetele. "
    "Väljendab end {4} ja vormiliselt korrektselt."
)
#: The competency in 40 slightly different wordings (the first is the template's own).
VARIANTS = [WORDING.format(*c) for c in itertools.product(*CHOICES)][:40]
OTHER = "Täpsus: Kontrollib oma töö tulemusi ja parandab vead enne nende edastamist."
NEW = "Korrektsus: Täidab ülesandeid täpselt ja tähtaegselt. Väljendab end selgelt."


def _with_item(text: str, n: int, title: str) -> str:
    doc = loads(TEMPLATE)
    for sec in doc.sections:
        if isinstance(sec, m.RequirementsSection):
            for e in sec.entries:
                if isinstance(e, m.AdditionalCompetencies):
                    e.items[2].text = text
        if isinstance(sec, m.FieldSection) and sec.kind == "üldosa":
            sec.fields[0].value = title
    return dumps(doc)


@pytest.fixture
def corpus(tmp_path) -> Path:
    """40 descriptions with the competency in 40 wordings (in two folders), and 10 with
    another competency in its place."""
    root = tmp_path / "kirjeldused"
    for n, text in enumerate(VARIANTS):
        folder = root / ("osakond-a" if n % 2 else "osakond-b")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"ametikoht-{n:02d}.aj").write_text(
            _with_item(text, n, f"Spetsialist {n}"), encoding="utf-8"
        )
    for n in range(10):
        (root / f"muu-{n}.aj").write_text(_with_item(OTHER, n, f"Muu {n}"), encoding="utf-8")
    return root


def _all_variant_files(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("ametikoht-*.aj")}


def test_where_used_finds_all_40_wordings_with_their_similarity(corpus, capsys, monkeypatch):
    code, out, err = run_aj(
        capsys, monkeypatch, corpus, "where-used", VARIANTS[0], "--format", "json"
    )
    assert code == 0, err
    data = json.loads(out)
    found = data["matches"]
    assert len(found) == 40
    assert {str(Path(p["file"])) for p in found} == _all_variant_files(corpus)
    assert {p["path"] for p in found} == {"nõuded.lisakompetentsid[3]"}
    by_text = {p["text"]: p["similarity"] for p in found}
    assert set(by_text) == set(VARIANTS)
    for text, sim in by_text.items():
        assert sim == pytest.approx(similarity(VARIANTS[0], text), abs=1e-4)
    assert by_text[VARIANTS[0]] == 1.0 and min(by_text.values()) < 0.85
    # the line is the item's line in the file
    first = next(p for p in found if p["text"] == VARIANTS[0])
    lines = (corpus / first["file"]).read_text(encoding="utf-8").split("\n")
    assert lines[first["line"] - 1].strip().startswith("- Korrektsus:")

    code, out, _ = run_aj(capsys, monkeypatch, corpus, "where-used", VARIANTS[0], "--exact")
    assert code == 0 and out.count("ametikoht-") == 1

    code, out, err = run_aj(capsys, monkeypatch, corpus, "where-used", "Täiesti teine lause siin.")
    assert code == 1 and "no such wording" in err


def test_where_used_by_competency_name_and_by_duty(corpus, capsys, monkeypatch):
    code, out, err = run_aj(
        capsys,
        monkeypatch,
        corpus,
        "where-used",
        "--competency",
        "korrektsus",
        ".",
        "--format",
        "json",
    )
    assert code == 0, err
    data = json.loads(out)
    assert len(data["matches"]) == 40
    assert data["query"] in VARIANTS

    code, out, err = run_aj(
        capsys,
        monkeypatch,
        corpus,
        "where-used",
        "--duty",
        "osakond-a/ametikoht-01.aj#3.4",
        "--format",
        "json",
    )
    assert code == 0, err
    found = json.loads(out)["matches"]
    assert len(found) == 50 and {p["path"] for p in found} == {"ülesanded[3.4].tekst"}

    code, _, err = run_aj(
        capsys, monkeypatch, corpus, "where-used", "--duty", "osakond-a/ametikoht-01.aj#9.9"
    )
    assert code == 2 and "no duty 9.9" in err
    code, out, _ = run_aj(
        capsys,
        monkeypatch,
        corpus,
        "where-used",
        "--competency",
        "kliendikesksus",
        "--format",
        "json",
    )
    groups = json.loads(out)["matches"]
    assert len(groups) == 50 and {p["path"] for p in groups} == {
        "nõuded.kompetentsid[Kliendikesksus]"
    }

    code, _, err = run_aj(capsys, monkeypatch, corpus, "where-used", "--competency", "Olematu")
    assert code == 1 and "no competency called 'Olematu'" in err


def test_replace_similar_groups_the_variants_and_writes_only_when_asked(
    corpus, capsys, monkeypatch
):
    before = {p: p.read_bytes() for p in corpus.rglob("*.aj")}
    code, out, err = run_aj(
        capsys, monkeypatch, corpus, "replace", "--similar", VARIANTS[0], NEW, "."
    )
    assert code == 0
    assert err.count("variant ") == 40
    assert "variant 1: similarity 1.00, 1 place in 1 file" in err
    assert "nothing written" in err
    assert {p: p.read_bytes() for p in corpus.rglob("*.aj")} == before

    code, out, err = run_aj(
        capsys, monkeypatch, corpus, "replace", "--similar", VARIANTS[0], NEW, ".", "--dry-run"
    )
    assert code == 0 and "40 would change" in err
    assert "1 competency changed" in out
    assert {p: p.read_bytes() for p in corpus.rglob("*.aj")} == before

    code, out, err = run_aj(
        capsys, monkeypatch, corpus, "replace", "--similar", VARIANTS[0], NEW, ".", "--apply"
    )
    assert code == 0 and "50 files" not in err and "40 files: 40 changed" in err
    for p, data in before.items():
        if p.name.startswith("muu-"):
            assert p.read_bytes() == data  # the other competency is left alone
    code, out, _ = run_aj(
        capsys, monkeypatch, corpus, "where-used", NEW, "--exact", "--format", "json"
    )
    assert len(json.loads(out)["matches"]) == 40

    code, _, err = run_aj(
        capsys, monkeypatch, corpus, "replace", "--similar", "x", "y", ".", "--apply", "-n"
    )
    assert code == 2


def _brute(per_file, query, t):
    out = set()
    for f, us in per_file:
        for u in us:
            if similarity(query, u.text) >= t - 1e-9:
                out.add((f, u.path, u.line))
    return out


def test_the_index_misses_nothing_a_scan_finds():
    """The prefix filter over the token index against comparing every unit."""
    rng = random.Random(5)
    docs = [("t.aj", units(loads(TEMPLATE)))]
    words = sorted({w for _, us in docs for u in us for w in u.text.split()})
    per_file = list(docs)
    for n in range(30):  # texts changed here and there, words repeated
        us = []
        for u in docs[0][1]:
            ws = u.text.split()
            for _ in range(rng.randrange(3)):
                ws[rng.randrange(len(ws))] = rng.choice(words)
            if rng.random() < 0.3:
                ws.insert(rng.randrange(len(ws) + 1), "ja")
            us.append(type(u)(u.path, u.line, " ".join(ws), u.name))
        per_file.append((f"f{n}.aj", us))
    index = WordIndex.build(per_file)
    assert WordIndex.from_json(json.loads(json.dumps(index.to_json()))).texts == index.texts
    queries = [u.text for u in docs[0][1]][:40]
    for q in queries:
        for t in (0.5, 0.8, 1.0):
            got = {(p.file, p.path, p.line) for p in index.where_used(q, t)}
            assert got == _brute(per_file, q, t), (q, t)


def test_keys_number_repeated_tokens():
    assert keys("ja ja, ja") == ["ja", "ja#2", ",", "ja#3"]


def test_the_cached_index_reads_only_files_that_changed(corpus, capsys, monkeypatch):
    from ajtui.store import wordindex

    files = sorted(str(p) for p in corpus.rglob("*.aj"))
    first = wordindex.load_index(files)
    parsed: list[str] = []
    real = wordindex._parse

    def counting(path, warn):
        parsed.append(path)
        return real(path, warn)

    monkeypatch.setattr(wordindex, "_parse", counting)
    again = wordindex.load_index(files)
    assert parsed == [] and again.texts == first.texts
    target = corpus / "osakond-a" / "ametikoht-03.aj"
    target.write_text(target.read_text(encoding="utf-8").replace("Korrektsus:", "Korrektne:"))
    third = wordindex.load_index(files)
    assert parsed == [str(target)]
    assert len(third.where_used(VARIANTS[0], 0.8)) == 40  # one less like it, still near
    assert third.named("Korrektne") and not first.named("Korrektne")


def test_a_file_that_does_not_parse_is_reported_and_skipped(corpus, capsys, monkeypatch):
    (corpus / "katki.aj").write_text("see ei ole ametijuhend\n", encoding="utf-8")
    code, out, err = run_aj(capsys, monkeypatch, corpus, "where-used", VARIANTS[0])
    assert code == 0 and "katki.aj" in err and "skipped" in err


def test_stamped_files_lists_what_expand_lists(corpus):
    from ajtui.cli.common import expand
    from ajtui.store.wordindex import stamped_files

    (corpus / ".peidus").mkdir()
    (corpus / ".peidus" / "x.aj").write_text("x\n", encoding="utf-8")
    (corpus / ".varjatud.aj").write_text("x\n", encoding="utf-8")
    (corpus / "muu.txt").write_text("x\n", encoding="utf-8")
    named = [str(corpus), str(corpus / "muu-1.aj"), str(corpus / "puudub.aj")]
    files, stamps = stamped_files(named)
    assert files == list(expand(named))
    assert stamps[-1] is None and None not in stamps[:-1]
