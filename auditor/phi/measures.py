"""What a number is read with when it is a quantity, not PHI: units, dose forms, counts.

Several rules ask the same question of the word after a number ("is 44 a drug's strength, a
count of tablets, a dose, a span of days?") and each once kept its own list of the answers,
which drifted apart. They are kept here once, as regex alternations of lower-case words (the
rules match them case-insensitively), grouped by what they measure so that a rule takes the
groups its question needs.
"""

from __future__ import annotations


def _words(*words: str) -> str:
    """An alternation of ``words`` (regex fragments; longest first where one prefixes another
    is the caller's order, kept as written)."""
    return "|".join(words)


# Mass, volume and amount of a drug or a lab value ("44 mcg", "10 units", "5 ml").
DOSE_UNITS = _words(
    r"mg", r"mcg", r"µg", r"ug", r"kg", r"ng", r"ml", r"cc", r"dl", r"units?", r"iu", r"mmol",
    r"meq",
)  # fmt: skip
# One-letter units ("10 u", "2 g", "1 L"): only where no date, name or identifier could be
# next ("may 12 u/s" is an ultrasound on a day in May), so each rule opts in.
LETTER_UNITS = _words(r"g", r"l", r"u")
# What a dose is counted in ("2 puffs", "1 tab").
DOSE_FORMS = _words(
    r"puffs?", r"tabs?", r"tablets?", r"caps?", r"capsules?", r"pills?", r"doses?", r"drops?",
    r"sprays?", r"patch(?:es)?", r"inh",
)  # fmt: skip
# How and how often a dose is given ("po", "bid", "prn").
DOSE_ROUTES = _words(
    r"po", r"iv", r"im", r"sc", r"sq", r"bid", r"tid", r"qid", r"qd", r"daily", r"prn"
)
# Spans of time ("3 days", "2 wks").
TIME_UNITS = _words(
    r"sec", r"minutes?", r"mins?", r"hours?", r"hrs?", r"days?", r"weeks?", r"wks?", r"months?"
)
# Lengths, weights and energy of a body or a distance ("12 cm", "180 lbs", "3 miles").
BODY_UNITS = _words(r"mm", r"cm", r"km", r"miles?", r"ft", r"lbs?", r"oz", r"kcal", r"cal")
# What a laboratory or a census counts ("200 copies", "5000 steps", "12 cases").
COUNT_NOUNS = _words(r"copies", r"cells", r"mm3", r"steps", r"people", r"cases", r"times")
# Money by name ("250 dollars").
MONEY_WORDS = _words(r"dollars", r"pounds", r"rupees")
# The labels of a product's own code, whose number is the product's, not the patient's: a
# drug's NDC or DIN, a barcode, a lot or batch, a model ("NDC 00093-5058-98", "Lot 4471A").
# Plain words, not an alternation: the phone, record-number and list rules each read them.
PRODUCT_CODE_LABELS = ("ndc", "din", "upc", "ean", "gtin", "sku", "lot", "batch", "model")
