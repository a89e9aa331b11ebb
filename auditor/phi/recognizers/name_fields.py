"""Names in labelled fields: "Pt: Okonkwo, Chidinma", "caller: jorge alvarez", "Read by x/y".

A header label says what follows is a person, whatever its case and whether or not the words
are in a name list: a portal message's "from:", a call log's "caller:", a report's "Patient:"
or "Read by". The words after the label count until the first one that is plainly not a name
(a stop word, a clinical term, a form label, an English word that is no listed name, a digit),
and at least one must be a listed name or an unknown proper word.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from presidio_analyzer import RecognizerResult

from auditor.phi.entities import Entity
from auditor.phi.recognizers.base import LocalRecognizer
from auditor.phi.recognizers.cues import dotted_credential
from auditor.phi.recognizers.identifiers import LOGIN_LABEL
from auditor.phi.recognizers.lexicon import PERSON_LABELS, POST_TITLES, RELATIVES, TITLES, Lexicon
from auditor.phi.recognizers.name_joins import NUMBER_WORD_AFTER, READING_AFTER
from auditor.phi.recognizers.not_persons import NOT_PERSON_WORDS, vowelless
from auditor.phi.recognizers.patterns import make_result
from auditor.phi.recognizers.regex_start import accelerated
from auditor.phi.recognizers.tokens import TokenView, normalize
from auditor.phi.stop_words import STOP_WORDS

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

SCORE = 0.8
# Labels at the start of a line (or after a field separator) whose value is a person. The
# blank-run separator starts only where the run starts and never gives characters back, so a
# long run of blanks costs linear time (it was cubic: 6,000 blanks took minutes).
# The labels of a name, a husband, a wife, a mother or a father on forms in other languages:
# French, Spanish, Portuguese, Italian, German, Dutch, Scandinavian, Polish, Czech, Slovak,
# South Slavic, Russian, Ukrainian, Turkish, Malay and Indonesian, Tagalog, Hungarian, Greek.
FOREIGN_NAME_LABELS = (
    r"nom|pr[ée]noms?|nom\s+de\s+famille|nom\s+de\s+naissance|nombres?|apellidos?|"
    r"nome|apelidos?|sobrenome|cognome|vorname|nachname|familienname|naam|voornaam|"
    r"achternaam|fornavn|efternavn|etternavn|imi[ęe]|nazwisko|jm[ée]no|p[řr][íi]jmen[íi]|"
    r"priezvisko|prezime|име|презиме|имя|фамилия|отчество|ім['’]я|прізвище|soyad[ıi]?|adı|"
    r"nama|pangalan|n[ée]v|vezet[ée]kn[ée]v|keresztn[ée]v|όνομα|επώνυμο|mari|[ée]poux|"
    r"[ée]pouse|m[èe]re|p[èe]re|esposo|esposa|marido|m[ãa]e|pai|madre|padre|ehemann|ehefrau"
)
# The fields of a name's parts ("Surname:", "Given names", "First name").
_NAME_PARTS = (
    r"surname|family[ \t]+name|last[ \t]+name|given[ \t]+names?(?:\(s\))?|first[ \t]+names?|"
    r"forenames?"
)
_LABEL = re.compile(
    r"(?im)(?:^|[|;]|(?<!\s)\s{2,}+)[ \t]*+(?:(?:patient(?:'s)?\s+name|pt\s+name|"
    + _NAME_PARTS
    + r"|"
    r"name\s+on\s+(?:the\s+)?card|card\s*holder(?:'s)?(?:\s+name)?|account\s+holder|"
    r"policy\s*holder|beneficiary|payee|name|" + FOREIGN_NAME_LABELS + r"|"
    # the other names a form asks for ("Known as: Mo", "Maiden name: Hennessy")
    r"known\s+as|preferred\s+name|nickname|goes\s+by|maiden\s+name|birth\s+name|"
    r"previous\s+(?:sur)?names?|former\s+(?:sur)?names?|"
    r"from|re|subscriber|guarantor|insured|emergency\s+contact|poa|hcp|attending|assistant|"
    r"referring(?:\s+(?:physician|provider|md|doctor))?|pcp|reader|pathologist|radiologist|"
    r"(?:" + PERSON_LABELS + r")(?:[ \t]*/[ \t]*(?:" + PERSON_LABELS + r"))*)\s*[:#]|"
    r"(?:read|dictated|signed|transcribed|reviewed|requested|completed|received|seen|entered|"
    r"collected|prepared|checked|verified|witnessed|examined|referred|escorted|accompanied)"
    r"\s+by:?)[ \t]*"
)
# A name in Chinese or Japanese characters after its label or a kinship word, perhaps with a
# bilingual form's own label between ("姓名 Nome: 梁碧珊", "女兒 filha 黃嘉欣", "氏名：山田花子"):
# two to four characters, as the names are written.
_HAN = re.compile(r"[\u4e00-\u9fff]")
_HAN_NAME = re.compile(
    r"(?:姓名|患者姓名|病人姓名|患者|病人|氏名|聯絡人|联系人|緊急聯絡人|紧急联系人|女兒|女儿|兒子|"
    r"儿子|妻子|丈夫|母親|母亲|父親|父亲|醫師|医师|醫生|医生|主治醫師|主治医师|護士|护士)"
    r"[ \t:：]*(?:[A-Za-z][A-Za-z ./]{0,20}[ \t:：]+)?([\u4e00-\u9fff]{2,4})(?![\u4e00-\u9fff])"
)
# The same labels without a colon when a "SURNAME, First" value follows (requisition and
# form layouts: "Name O'SULLIVAN, Aoife", "Pt delacroix, yvette").
_LABEL_BARE = re.compile(
    r"(?im)(?:^|[|;]|(?<!\s)\s{3,}+)[ \t]*+(?:patient(?:'s)?\s+name|patient|pt|name)[ \t]+"
    r"(?=[^\W\d_]+(?:['’ -][^\W\d_]+){0,2},[ \t]*[^\W\d_])"
)
# A unit board's or a handoff's line for one bed, the patient's surname in capitals after the
# bed ("Bed 1 - LUHOVY - pancreatitis", "Rm 12 / KIRKNESS / 67M"): the layout is the label.
_BED_LINE = re.compile(
    r"(?im)^[ \t]*+(?:bed|rm|room|bay|pod|cubicle|stretcher)[ \t]*+#?[ \t]*+\d{1,3}[A-Za-z]?"
    r"[ \t]*+[-–:/|][ \t]*+(?=(?-i:[A-Z][A-Z'’-]{2,})[ \t]*+(?:[-–/|(,]|$))"
)
# A form's name parts by one word and their colon ("Last: Pettifar  First: Shawna", "Given:
# Hemi") and a signature's ("signature: B Morcom"): a capital must open the value, and its
# word be a name or no English word ("First: Dose given" is no name).
_NAME_WORD = re.compile(r"[^\W\d_]{2,}")
_PART_LABEL = re.compile(
    r"(?<![\w-])(?i:last|first|given|middle|signature|signed)[ \t]*:[ \t]*+(?=[A-Z])"
)
# A passport's or an ID card's name fields, which print no colon ("surname GOLDSWORTHY, given
# names PENROSE ALICE", "Surname NAMBIAR | Given Name(s) ANJALI"): the value in capitals.
_NAME_FIELD_CAPS = re.compile(
    rf"\b(?i:{_NAME_PARTS})[ \t]*+[:|]?[ \t]*+(?=[A-Z][A-Z'’-]+(?![a-z]))"
)
# A table cell holding only "SURNAME, Given" (a reprint log's or a census list's patient
# column, "| ADEYEMI, Tolu |"): the layout is the label. Capitalised words only.
_CELL_NAME = re.compile(
    r"(?<=\|)[ \t]*+(?=[A-Z][^\W\d_]*+(?:['’ -][A-Z][^\W\d_]*+){0,2},[ \t]?[A-Z][^\W\d_'’-]*+"
    r"(?:[ \t][A-Z]\.?)?[ \t]*+\|)"
)
# A table cell holding only a lower-case user login: one or two initials glued to a surname,
# perhaps a number ("| kmensah |", "| jdoe2 |"), as an EHR's audit or reprint log prints who
# did it. The login identifies its user (typed ID_NUMBER).
_LOGIN_CELL = re.compile(r"(?<=\|)[ \t]*+([a-z]{4,16}\d{0,3})[ \t]*+(?=\|)")
# A login after its label, letters only ("user jsmith", "logged in as kmorales"); a login
# with a digit in it is the identifier rules' ("username gusfair36").
_LOGIN_LABELLED = accelerated(
    re.compile(
        r"(?<![\w-])(?i:" + LOGIN_LABEL + "|"
        r"(?:logged|signed)[ \t]+(?:in|on)[ \t]+as|"
        r"(?:export(?:ed)?|printed|run|generated|created|entered|edited|updated)[ \t]+by)"
        r"[ \t]*+[:=#]?[ \t]*+([a-z]{4,16})(?![\w.@-])"
    )
)
# One word of a name: letters with inner apostrophes or hyphens, or an initial.
_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’-](?=[^\W\d_]))*\.?")
_SEPARATOR = re.compile(r"(?:,? |/|, )")
_MAX_WORDS = 4


class FieldNameRecognizer(LocalRecognizer):
    """PERSON spans for the value of a person field; see the module docstring."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        super().__init__(
            "AuditorFieldNameRecognizer", [Entity.PERSON.value, Entity.ID_NUMBER.value]
        )

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        results = []
        if _HAN.search(text):
            results += [
                make_result(self, Entity.PERSON, m.start(1), m.end(1), SCORE)
                for m in _HAN_NAME.finditer(text)
            ]
        labels = list(_LABEL.finditer(text))
        labels += _BED_LINE.finditer(text)
        if "ame" in text:
            labels += _NAME_FIELD_CAPS.finditer(text)
        if ":" in text:
            labels += [m for m in _PART_LABEL.finditer(text) if self._named_part(text, m.end())]
        bare = list(_LABEL_BARE.finditer(text))
        view = TokenView.shared(text, nlp_artifacts)
        for label in labels:
            span = self._value(text, label.end(), view)
            if span is not None:
                results.append(make_result(self, Entity.PERSON, span[0], span[1], SCORE))
        if "|" in text:
            # a cell has no label's word: one of its words must be no English word
            bare += [
                m
                for m in _CELL_NAME.finditer(text)
                if not all(
                    self.lexicon.is_english(normalize(w))
                    for w in re.findall(r"[^\W\d_]{2,}", text[m.end() : text.find("|", m.end())])
                )
            ]
        for label in bare:
            span = self._value(text, label.end(), view)
            if span is None:
                continue
            # Without a colon only the "SURNAME, First" shape counts: the value ends with the
            # first word after the comma ("Pt D'Angelo, Vincent seen with ...").
            comma = text.find(",", span[0], span[1])
            given = _WORD.search(text, comma + 1) if comma != -1 else None
            if given is None or self._word(given.group().rstrip("."), view) is None:
                continue  # "pt ambulating, pt lasix given": no given name after the comma
            if READING_AFTER.match(text, given.end()):
                end = comma  # "pt Abernathy-Quist, K+ 5.9": an ion's letter, no initial
                results.append(make_result(self, Entity.PERSON, span[0], end, SCORE))
                continue
            end = min(span[1], given.end())
            results.append(make_result(self, Entity.PERSON, span[0], end, SCORE))
        if "|" in text:
            for m in _LOGIN_CELL.finditer(text):
                if self._login(m.group(1)):
                    results.append(make_result(self, Entity.ID_NUMBER, m.start(1), m.end(1), SCORE))
        for m in _LOGIN_LABELLED.finditer(text):
            if self._login(m.group(1), labelled=True):
                results.append(make_result(self, Entity.ID_NUMBER, m.start(1), m.end(1), SCORE))
        return results

    def _named_part(self, text: str, pos: int) -> bool:
        """The value after a one-word name label opens with a name: its first word of two
        letters or more no English word or a given name that is none ("B Morcom": the
        initial skipped)."""
        word = _NAME_WORD.search(text, pos, pos + 40)
        if word is None:
            return False
        key, lex = normalize(word.group()), self.lexicon
        return not lex.is_english(key) or (lex.is_first(key) and not lex.is_ambiguous(key))

    def _login(self, token: str, labelled: bool = False) -> bool:
        """An initial or two and a listed surname that is no English word or term; after a
        login's label the surname may be a word too ("user jsmith", "login kmorales")."""
        key = token.rstrip("0123456789")
        lex = self.lexicon
        if lex.is_english(key) or key in lex.stoplist or key in STOP_WORDS:
            return False
        return any(
            lex.is_surname(key[n:])
            and (labelled or not lex.is_english(key[n:]))
            and len(key) - n >= 3
            for n in (1, 2)
        )

    def _value(self, text: str, pos: int, view: TokenView) -> tuple[int, int] | None:
        # A title first is fine and stays out of the span: "Re: Ms Tanvi Desai".
        title = re.match(r"(?i)(?:mrs?|ms|miss|mx|dr)\.?\s+", text[pos:])
        if title and title.group().split(".")[0].strip().lower() in TITLES:
            pos += title.end()
        kin = re.match(r"([^\W\d_]+)[ \t]+(?=[^\W\d_])", text[pos : pos + 24])
        if kin and normalize(kin.group(1)) in RELATIVES:
            pos += kin.end()  # "NOK: nephew Gervase": the relation stays out
        start = end = pos
        evidence = False
        words = 0
        while words < _MAX_WORDS:
            m = _WORD.match(text, pos)
            if m is None:
                break
            word = m.group().rstrip(".")
            if len(word) == 1 and dotted_credential(text, pos):
                break  # "Samuel Ostrowski, M.D.": a credential, not an initial
            if NUMBER_WORD_AFTER.match(text, pos + len(word)):
                break  # "Jomo Kariuki, IP No. ...": the number's label
            verdict = self._word(word, view)
            if verdict is None and words == 0 and self._word_before_surname(text, word, m.end()):
                verdict = False  # "RN: Kestrel Hovdestad": a given name that is also a word
            if verdict is None:
                break
            evidence = evidence or verdict
            end = pos + len(word) + (1 if len(word) == 1 and m.group().endswith(".") else 0)
            words += 1
            sep = _SEPARATOR.match(text, m.end())
            if sep is None or "\n" in sep.group():
                break
            if (
                "," in sep.group()
                and text[start].isupper()
                and text[sep.end() : sep.end() + 1].islower()
            ):
                break  # "Jun-seo Paik, billing zip ...": a capitalised name, then the sentence
            pos = sep.end()
        return (start, end) if evidence and end > start else None

    def _word_before_surname(self, text: str, word: str, end: int) -> bool:
        """A value's first word in Title case that is an English word, before a Title-case
        word that is plainly a surname (listed, or no word at all): the label says a person
        follows, so the word is their given name ("Nurse: Kestrel Hovdestad"), not "Night
        shift" or "Wound Care"."""
        key = normalize(word)
        if not (word[:1].isupper() and word[1:].islower()) or key in STOP_WORDS:
            return False
        if key in NOT_PERSON_WORDS or key in self.lexicon.stoplist:
            return False
        nxt = re.match(r" ([A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?)\b", text[end : end + 40])
        if nxt is None:
            return False
        later = normalize(nxt.group(1))
        lex = self.lexicon
        return not lex.is_english(later) and (lex.is_surname(later) or lex.is_unknown_proper(later))

    def _word(self, word: str, view: TokenView) -> bool | None:
        """None: not a name word (the value ends); True: evidence of a name; False: an
        initial or particle, allowed inside but not enough alone. A word of the language
        the text switches into is no name in lower case ("Pt alerta, orientada x2")."""
        key = normalize(word)
        if len(key) == 1:
            return False
        if word.islower() and view.everyday_key(key):
            return None
        lex = self.lexicon
        if (
            key in STOP_WORDS
            or key in NOT_PERSON_WORDS
            or key in lex.stoplist
            or key in TITLES
            or vowelless(key)
        ):
            return None
        parts = [p for p in re.split(r"[-]", key) if p]
        if key.replace("-", "") in POST_TITLES or any(p in POST_TITLES for p in parts):
            return None  # "Leah Brandt, PA-C"
        if any(lex.is_name(p) for p in parts):
            return True
        if lex.is_english(key):
            return None
        return lex.is_unknown_proper(key) or all(lex.is_unknown_proper(p) for p in parts)
