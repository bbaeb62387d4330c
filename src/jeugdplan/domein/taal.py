"""Nederlands voor mensen: enkelvoud of meervoud, getallen met een decimale komma, lijstjes.

Zo staat er nooit "2 dag(en)", "casus(sen)" of "33.5" in een melding of rapport. Zuivere
functies, te gebruiken door elke laag (meldingen, weergave, sjablonen via een filter).
"""

from __future__ import annotations

MEERVOUD = {
    "dag": "dagen", "week": "weken", "casus": "casussen", "plan": "plannen",
    "probleem": "problemen", "fout": "fouten", "waarschuwing": "waarschuwingen",
    "wijziging": "wijzigingen", "advies": "adviezen", "signaal": "signalen",
    "doel": "doelen", "actie": "acties", "maand": "maanden", "jaar": "jaar",
    "onderdeel": "onderdelen", "commit": "commits", "punt": "punten", "groep": "groepen",
    "leerjaar": "leerjaren", "afspraak": "afspraken",
}


def meervoud(woord: str) -> str:
    """Het meervoud van een woord uit `MEERVOUD` (anders met -en)."""
    return MEERVOUD.get(woord, woord + "en")


def aantal(n: int, woord: str, meer: str | None = None) -> str:
    """`1 dag`, `2 dagen`, `0 casussen`; `meer` als het meervoud niet in `MEERVOUD` staat."""
    return f"{n} {woord if n == 1 else (meer or meervoud(woord))}"


def getal(waarde: object, decimalen: int = 1) -> str:
    """Een getal zoals in het Nederlands: `33,5`, `1.250`, `12` (geen `.0`)."""
    if waarde is None:
        return "–"
    if isinstance(waarde, bool) or not isinstance(waarde, int | float):
        return str(waarde)
    if isinstance(waarde, float) and not waarde.is_integer():
        tekst = f"{waarde:,.{decimalen}f}"
    else:
        tekst = f"{int(waarde):,}"
    return tekst.replace(",", " ").replace(".", ",").replace(" ", ".")


def opsomming(delen: list[str], laatste: str = "en") -> str:
    """`a`, `a en b`, `a, b en c`."""
    if len(delen) <= 1:
        return "".join(delen)
    return f"{', '.join(delen[:-1])} {laatste} {delen[-1]}"
