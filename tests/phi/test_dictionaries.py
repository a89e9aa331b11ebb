"""Site dictionaries: TSV and context CSVs, multi-word, case-insensitive, stop list, speed."""

from __future__ import annotations

import random
import string
from pathlib import Path

import pytest

from auditor.errors import InputError
from auditor.phi.dictionaries import SiteDictionary, build_dictionary, load_tsv
from auditor.phi.engine import PhiEngine
from auditor.phi.entities import Entity
from auditor.phi.recognizers.tokens import TokenView
from tests.phi.conftest import found


def test_tsv_multiword_case_insensitive(tmp_path: Path) -> None:
    path = tmp_path / "site.tsv"
    path.write_text(
        "# facilities\nHOSPITAL\tStoneman 6\nLOCATION\tEastham Commons\nPERSON\tO'Brien\n\n"
    )
    d = build_dictionary([path])
    assert len(d) == 3
    view = TokenView.of("moved from EASTHAM COMMONS to stoneman 6; seen by OBrien")
    hits = [(view.words[i].text, view.words[j - 1].text, e) for i, j, e in d.match(view)]
    assert hits == [
        ("EASTHAM", "COMMONS", Entity.LOCATION),
        ("stoneman", "6", Entity.HOSPITAL),
        ("OBrien", "OBrien", Entity.PERSON),
    ]


@pytest.mark.parametrize(
    ("content", "line", "message"),
    [
        ("PERSON Smith\n", 1, "TYPE<TAB>term"),
        ("PERSON\tSmith\nSPACESHIP\tEnterprise\n", 2, "unknown entity type"),
    ],
)
def test_bad_tsv_names_file_and_line(tmp_path: Path, content: str, line: int, message: str) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text(content)
    with pytest.raises(InputError) as info:
        load_tsv(SiteDictionary(), path)
    assert info.value.file == str(path) and info.value.line == line
    assert message in info.value.message and "Enterprise" not in str(info.value)


def test_context_folder_names_and_places(tmp_path: Path) -> None:
    (tmp_path / "workforce.csv").write_text(
        "user_id,first_name,last_name,role\nu1,Anselm,Quillfeather,rn\n"
    )
    (tmp_path / "patients.csv").write_text(
        "patient_id,first_name,last_name\np1,Zebadiah,Oyelaran\n"
    )
    (tmp_path / "contacts.csv").write_text("patient_id,first_name,last_name\np1,Ulla,Brightwater\n")
    (tmp_path / "places.csv").write_text("name\nHollis Pavilion\n")
    d = build_dictionary(context_dir=tmp_path)
    engine_text = (
        "ANSELM QUILLFEATHER RN AT BEDSIDE, OYELARAN TO HOLLIS PAVILION, BRIGHTWATER AWARE"
    )
    view = TokenView.of(engine_text)
    got = {" ".join(w.key for w in view.words[i:j]) for i, j, _ in d.match(view)}
    assert got == {"anselm quillfeather", "oyelaran", "hollis pavilion", "brightwater"}


def test_dictionary_hits_respect_stop_list_and_need_cues(site_engine: PhiEngine) -> None:
    # "Foley" is in the site list (a staff surname) and in the clinical stop list.
    assert ("PERSON", "Foley") not in found(site_engine, "Foley draining clear urine.")
    assert ("PERSON", "Foley") in found(site_engine, "Seen by Dr. Foley today.")
    # "Hope"/"Bland" are staff names and common words: they need a cue.
    assert found(site_engine, "Pt has hope for recovery, diet bland.") == []
    assert ("PERSON", "Bland") in found(site_engine, "Spoke with Bland re: plan.")
    # Unambiguous site names count without a cue, in any case.
    assert ("PERSON", "YZERMAN") in found(site_engine, "REPORT GIVEN TO YZERMAN.")
    assert ("HOSPITAL", "STONEMAN 6") in found(site_engine, "TO STONEMAN 6 WHEN BED AVAIL")


def test_hundred_thousand_terms_match_by_words_not_by_terms() -> None:
    """A site list of 100k terms still finds each listed phrase, and only those.

    The trie walks the note's words, so its cost does not grow with the list: timed in
    ``bench/dictionary_bench.py`` (1k vs 100k terms side by side), not here.
    """
    rng = random.Random(7)
    d = SiteDictionary()
    for i in range(100_000):
        word = "".join(rng.choices(string.ascii_lowercase, k=9))
        d.add(Entity.PERSON if i % 2 else Entity.LOCATION, f"{word} {i % 97}" if i % 3 else word)
    d.add(Entity.LOCATION, "Eastham Commons")
    text = ("pt resting comfortably, moved from eastham commons today. " * 200).upper()
    hits = list(d.match(TokenView.of(text)))
    assert len(d) >= 99_000 and len(hits) == 200
    assert {entity for _, _, entity in hits} == {Entity.LOCATION}
