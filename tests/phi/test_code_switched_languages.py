"""Notes written partly in Spanish, Portuguese or French (issue 14): the language a text
switches into is told by its function words and its everyday words, and there a frequent
word of that language is a word where its case proves nothing (lower case, a sentence's
first word, a text in capitals), for the engine's name rules and the de-identifier's sweep.
Developed on round 93's dev batch only; names keep being found.

Every value here is invented; none comes from a corpus.
"""

from __future__ import annotations

import pytest

from auditor.deid.sweep import Sweep
from auditor.phi.engine import PhiEngine
from auditor.phi.entities import Entity
from auditor.phi.recognizers.languages import language_of
from tests.phi.conftest import covered, found, found_as, touched

PERSON = Entity.PERSON.value
DATE = Entity.DATE_TIME.value


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Pt alerta, orientada x2, pide por su hija. Familia pregunta si pueden venir.", "es"),
        ("pt encontrado en piso al lado de la cama, room 514", "es"),
        ("Paciente com dor torácica, sem febre, muito ansiosa, filha presente.", "pt"),
        ("Patiente vue avec sa fille, pas de fièvre, douleur sur le flanc droit.", "fr"),
        ("Cervical os closed, dos 3/4, per Dr. de Vries et al, DA drip at 5.", None),
        ("Seen at Hospital de la Concepción in El Paso; los angeles trip planned.", None),
        ("BP 120/80, HR 88, con ed given, pt ambulating, tolerating diet.", None),
    ],
)
def test_the_language_a_text_switches_into(text: str, language: str | None) -> None:
    assert language_of(text) == language


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Pt alerta, orientada x2, confused a ratos, pide por su hija.", "alerta"),
        ("Med-surg 3-11\nPt descansando, no distress, comió 75% con ayuda.", "descansando"),
        ("Pt muy ansioso, explica que su esposo murió el año pasado.", "ansioso"),
        ("Pt recibido de PACU 1340 post lap chole, con dolor leve y tolerando dieta.", "recibido"),
        ("Hija llorando en el pasillo, social work referral puesto para mañana.", "llorando"),
        ("Familia pregunta si pueden traer comida de la casa para el paciente.", "Familia"),
    ],
)
def test_no_name_in_a_word_of_the_other_language(engine: PhiEngine, text: str, word: str) -> None:
    assert not touched(engine, text, word), found(engine, text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Pt alerta, pide por su hija Wilmarie Oquendo, que viene esta tarde.", "Wilmarie Oquendo"),
        ("Rosa llamó a las 1300 desde el trabajo, se le dio update con el Dr. Cadena.", "Rosa"),
        ("Se le explicó al Dr. Cadena que la familia quiere hablar con él.", "Cadena"),
        ("Nieta Yokasta es la health care proxy, vive con su abuela.", "Yokasta"),
        ("pt garcia en cama 4 con dolor, familia presente, se le dio tylenol", "garcia"),
    ],
)
def test_names_in_a_note_partly_in_spanish(engine: PhiEngine, text: str, name: str) -> None:
    assert covered(engine, text, name), found(engine, text)


def test_a_spanish_preposition_stays_outside_a_name(engine: PhiEngine) -> None:
    text = "Familia pregunta si pueden traer al pastor de la Iglesia Bautista Betania para orar."
    start = text.index("de la Iglesia")
    assert not any(s.start <= start < s.end for s in engine.analyze(text)), found(engine, text)
    assert covered(engine, text, "Iglesia Bautista Betania"), found(engine, text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Seen by María José de la Cruz, hija del paciente, que pregunta por él.", "de la Cruz"),
        ("Notificada la Dra. Inés de la Fuente, no nuevas órdenes para el pt.", "de la Fuente"),
        ("Spoke with Pieter de Vries at bedside, wife aware of plan.", "de Vries"),
    ],
)
def test_a_particle_inside_a_name_stays_in_it(engine: PhiEngine, text: str, name: str) -> None:
    assert covered(engine, text, name), found(engine, text)


@pytest.mark.parametrize(
    ("text", "kept", "swept"),
    [
        (
            "Med-surg, nota 3-11\nPt descansando. Tolerando dieta blanda con ayuda de Ximena "
            "Urdaneta.\nFamilia pregunta por el plan para la casa.",
            ["Tolerando", "dieta", "Familia", "casa"],
            "Urdaneta",
        ),
        (
            "Pt dado de alta a casa con familia en silla de ruedas a la puerta principal, "
            "esposo Ovidio Quiñonez presente.",
            ["casa", "familia", "puerta"],
            "Quiñonez",
        ),
    ],
)
def test_the_sweep_keeps_the_other_languages_words(
    engine: PhiEngine, sweep: Sweep, text: str, kept: list[str], swept: str
) -> None:
    taken = engine.analyze(text)
    spans = [*taken, *sweep.spans(text, taken)]
    shown = [text[s.start : s.end] for s in spans]
    for word in kept:
        start = text.index(word)
        assert not any(s.start <= start < s.end for s in spans), (word, shown)
    start = text.index(swept)
    assert any(s.start <= start < s.end for s in spans), shown


def test_an_english_note_is_swept_as_before(engine: PhiEngine, sweep: Sweep) -> None:
    text = "Pt tolerating diet. Family at bedside: daughter Casa Velandro called from work."
    taken = engine.analyze(text)
    spans = [*taken, *sweep.spans(text, taken)]
    start = text.index("Velandro")
    assert any(s.start <= start < s.end for s in spans), [text[s.start : s.end] for s in spans]


@pytest.mark.parametrize(
    ("text", "holiday"),
    [
        (
            "Hija dice que la mamá se cayó el Viernes Santo en la casa de su hermana.",
            "Viernes Santo",
        ),
        (
            "Pt quiere ir a casa para el Domingo de Resurrección, es el bautismo.",
            "Domingo de Resurrección",
        ),
        ("Familia pasó Nochebuena aquí con el paciente, muy emocionados.", "Nochebuena"),
        ("Filha diz que ele caiu na Sexta-feira Santa, em casa.", "Sexta-feira Santa"),
        ("Chute à domicile la veille de Noël, vue aux urgences le lendemain.", "Noël"),
    ],
)
def test_a_feast_of_the_other_language_is_a_date(
    engine: PhiEngine, text: str, holiday: str
) -> None:
    assert DATE in found_as(engine, text, holiday), found(engine, text)
    assert PERSON not in found_as(engine, text, holiday), found(engine, text)
