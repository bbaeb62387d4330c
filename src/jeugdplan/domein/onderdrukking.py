"""Kleine aantallen in rapporten naar buiten: niemand mag uit een tabel te herkennen zijn, ook
niet door het totaal min de getoonde groepen uit te rekenen.

- `onderdruk_cellen` (thuiszitters per school of gemeente): een aantal van 1 tot de drempel
  wordt niet getoond (None), en in elke kolom met precies één verborgen aantal nog een tweede
  (het kleinste), zodat het kolomtotaal geen verborgen aantal teruggeeft. Met één groep gaat
  dat niet: dan is elke cel van die groep gelijk aan het totaal en blijft de hele groep weg.
- `voeg_samen` (kwaliteit per school of gemeente): groepen onder de drempel gaan samen in
  "overige"; is die dan nog te klein, dan gaat ook de kleinste getoonde groep erin, tot
  "overige" groot genoeg is of alles erin zit (dan is alleen het totaal te tonen).

De drempel staat in `data/kwaliteit.yaml` (`kleine_groep`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")


def onderdruk_cellen(rijen: Sequence[dict[str, int]], kolommen: Sequence[str],
                     drempel: int) -> list[dict[str, int | None]]:
    """De rijen met None voor elk aantal dat niet getoond mag worden."""
    verborgen = {(i, k) for i, r in enumerate(rijen) for k in kolommen if 0 < r[k] < drempel}
    if len(rijen) == 1 and verborgen:
        verborgen = {(0, k) for k in kolommen}
    for k in kolommen:
        in_kolom = [i for i in range(len(rijen)) if (i, k) in verborgen]
        if len(in_kolom) == 1:
            over = [i for i in range(len(rijen)) if (i, k) not in verborgen]
            if over:
                verborgen.add((min(over, key=lambda i: (rijen[i][k], i)), k))
    return [{k: (None if (i, k) in verborgen else r[k]) for k in kolommen}
            for i, r in enumerate(rijen)]


def voeg_samen(groepen: dict[str, list[T]], drempel: int
               ) -> tuple[list[tuple[str, list[T]]], list[str]]:
    """(getoonde groepen op naam, namen van de groepen in 'overige'). De leden van 'overige'
    zijn de leden van de samengevoegde groepen; is 'overige' leeg, dan is er geen."""
    getoond = {n: leden for n, leden in groepen.items() if len(leden) >= drempel}
    overige = [n for n in groepen if n not in getoond]
    aantal = sum(len(groepen[n]) for n in overige)
    while overige and aantal < drempel and getoond:
        kleinste = min(getoond, key=lambda n: (len(getoond[n]), n))
        aantal += len(getoond.pop(kleinste))
        overige.append(kleinste)
    return sorted(getoond.items()), sorted(overige)
