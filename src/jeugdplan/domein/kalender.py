"""De schoolkalender: welke dagen lesdagen zijn, welke in een schoolvakantie vallen, en hoeveel
lesuren een lesdag heeft. Verzuim wordt in schooltijd gemeten (`verzuim.py`).

Een `Kalender` geldt voor een casusrepository: de vakanties per vakantieregio en de feestdagen
uit `data/vakanties.yaml`, de vakantieregio van elke gemeente en de eigen kalender van scholen
uit de regioregels (`vakantieregio`, `scholen: <naam>: vakanties / uren_per_lesdag`), en de
lesuren per onderwijssoort uit `data/leerplicht.yaml`. `Kalender.voor` geeft de kalender van
één school (`Schoolkalender`).

- Alleen de zomervakantie ligt vast per regio. Heeft een school voor een schooljaar eigen
  vakanties vastgelegd, dan vervangen die de adviesdata van de regio voor dat schooljaar (de
  verplichte zomervakantie blijft).
- Een lesdag is maandag tot en met vrijdag, niet in een vakantie en geen lesvrije feestdag.
- Een lesweek is een week (maandag tot en met zondag) met ten minste één lesdag.
- Buiten de bekende periode (`bekend_van` tot en met `bekend_tot`) kent de kalender geen
  vakanties: dan telt elke week als lesweek, en zegt `onbekend` dat.

Zuiver en te picklen: de cache bewaart resultaten die ervan afhangen onder het kenmerk van de
bronbestanden (zie `diensten.kalender`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from jeugdplan.domein.dubbel import normaliseer

if TYPE_CHECKING:
    from jeugdplan.domein.gegevens import Gegevens
    from jeugdplan.domein.regio import Regio


@dataclass(frozen=True)
class Vrij:
    """Een vakantie (of een reeks vrije dagen), van en tot en met."""

    van: date
    tot: date
    naam: str
    verplicht: bool = False


@dataclass(frozen=True)
class Schoolkalender:
    regio: str | None
    """De vakantieregio (noord, midden, zuid), of None als die onbekend is."""
    vakanties: tuple[Vrij, ...]
    lesvrij: frozenset[date]
    feestdagen: frozenset[date]
    """Algemeen erkende feestdagen (geen werkdag)."""
    uren_per_lesdag: float
    bekend_van: date | None
    bekend_tot: date | None

    def vakantie(self, dag: date) -> Vrij | None:
        return next((v for v in self.vakanties if v.van <= dag <= v.tot), None)

    def lesdag(self, dag: date) -> bool:
        return dag.weekday() < 5 and dag not in self.lesvrij and self.vakantie(dag) is None

    def lesweek(self, maandag: date) -> bool:
        return any(self.lesdag(maandag + timedelta(days=i)) for i in range(5))

    def schooltijd(self, van: date, tot: date) -> int:
        """Dagen van `van` tot en met `tot` die niet in een vakantie vallen."""
        if tot < van:
            return 0
        dagen = (tot - van).days + 1
        for v in self.vakanties:
            begin, einde = max(v.van, van), min(v.tot, tot)
            if begin <= einde:
                dagen -= (einde - begin).days + 1
        return dagen

    def eerste_lesdag(self, vanaf: date, binnen_maand: bool = True) -> date:
        """De eerste lesdag op of na `vanaf` (binnen dezelfde maand; anders `vanaf`)."""
        dag = vanaf
        while not self.lesdag(dag):
            dag += timedelta(days=1)
            if binnen_maand and dag.month != vanaf.month:
                return vanaf
        return dag

    def werkdagen_na(self, dag: date, aantal: int) -> date:
        """De `aantal`-ste werkdag na `dag` (geen zaterdag, zondag of erkende feestdag)."""
        while aantal > 0:
            dag += timedelta(days=1)
            if dag.weekday() < 5 and dag not in self.feestdagen:
                aantal -= 1
        return dag

    def onbekend(self, van: date, tot: date) -> bool:
        """Valt (een deel van) de periode buiten de bekende schoolvakanties?"""
        return (self.regio is None or self.bekend_van is None or self.bekend_tot is None
                or van < self.bekend_van or tot > self.bekend_tot)


@dataclass(frozen=True)
class SchoolInstelling:
    gemeente: str | None
    vakanties: tuple[Vrij, ...]
    uren_per_lesdag: float | None


@dataclass
class Kalender:
    """De schoolkalenders van een casusrepository (zie het begin van deze module)."""

    regio_vakanties: dict[str, tuple[Vrij, ...]]
    lesvrij: frozenset[date]
    feestdagen: frozenset[date]
    gemeenten: dict[str, str]
    """Genormaliseerde gemeentenaam -> vakantieregio."""
    standaard_regio: str | None
    scholen: dict[str, SchoolInstelling]
    """Genormaliseerde schoolnaam -> eigen kalender."""
    uren: dict[str, float]
    """Onderwijssoort -> lesuren per lesdag."""
    schooljaar_begin: tuple[int, int]
    """(maand, dag) van de eerste dag van een schooljaar."""
    _per_school: dict[tuple[str | None, str | None, str], Schoolkalender] = field(
        default_factory=dict, repr=False, compare=False)

    def schooljaar(self, dag: date) -> int:
        """Het beginjaar van het schooljaar van `dag` (2025 voor 2025-2026)."""
        return dag.year if (dag.month, dag.day) >= self.schooljaar_begin else dag.year - 1

    def regio_van(self, school: str | None, gemeente: str | None) -> str | None:
        eigen = self.scholen.get(normaliseer(school)) if school else None
        for naam in (eigen.gemeente if eigen else None, gemeente):
            if naam and normaliseer(naam) in self.gemeenten:
                return self.gemeenten[normaliseer(naam)]
        return self.standaard_regio

    def voor(self, *, school: str | None, gemeente: str | None,
             onderwijssoort: str) -> Schoolkalender:
        """De kalender van een school (of, zonder school, die van de gemeente)."""
        sleutel = (normaliseer(school) if school else None,
                   normaliseer(gemeente) if gemeente else None, onderwijssoort)
        bekend = self._per_school.get(sleutel)
        if bekend is None:
            bekend = self._per_school[sleutel] = self._bouw(school, gemeente, onderwijssoort)
        return bekend

    def _bouw(self, school: str | None, gemeente: str | None,
              onderwijssoort: str) -> Schoolkalender:
        eigen = self.scholen.get(normaliseer(school)) if school else None
        regio = self.regio_van(school, gemeente)
        vakanties = list(self.regio_vakanties.get(regio, ())) if regio else []
        if eigen is not None and eigen.vakanties:
            jaren = {self.schooljaar(v.van) for v in eigen.vakanties}
            vakanties = [v for v in vakanties
                         if v.verplicht or self.schooljaar(v.van) not in jaren]
            vakanties += eigen.vakanties
        vakanties.sort(key=lambda v: v.van)
        uren = (eigen.uren_per_lesdag if eigen is not None and eigen.uren_per_lesdag
                else self.uren.get(onderwijssoort, max(self.uren.values())))
        return Schoolkalender(
            regio=regio, vakanties=tuple(vakanties), lesvrij=self.lesvrij,
            feestdagen=self.feestdagen, uren_per_lesdag=uren,
            bekend_van=min((v.van for v in vakanties), default=None),
            bekend_tot=max((v.tot for v in vakanties), default=None),
        )


def kalender(g: Gegevens, regio: Regio | None) -> Kalender:
    """De kalender uit de meegeleverde gegevens en de geldende regio (None: geen regio, dus
    geen vakantieregio's)."""
    per_regio: dict[str, list[Vrij]] = {}
    for v in g.vakanties.vakanties:
        for vakantieregio, data in v.regios.items():
            per_regio.setdefault(vakantieregio, []).append(
                Vrij(data.van, data.tot, v.naam, v.verplicht))
    dagen = g.vakanties.feestdagen.dagen
    gemeenten: dict[str, str] = {}
    scholen: dict[str, SchoolInstelling] = {}
    standaard: str | None = None
    if regio is not None:
        for gemeente in regio.gemeenten:
            vr = regio.vakantieregio(gemeente)
            if vr is not None:
                gemeenten[normaliseer(gemeente)] = vr.regio
        if regio.regels.vakantieregio is not None:
            standaard = regio.regels.vakantieregio.regio
        for school, s in regio.regels.scholen.items():
            scholen[normaliseer(school)] = SchoolInstelling(
                s.gemeente, tuple(Vrij(v.van, v.tot, v.naam) for v in s.vakanties),
                s.uren_per_lesdag)
    einde = g.leerplicht.leerplicht.schooljaar_einde
    begin = date(2001, einde.maand, einde.dag) + timedelta(days=1)
    return Kalender(
        regio_vakanties={k: tuple(sorted(v, key=lambda x: x.van)) for k, v in per_regio.items()},
        lesvrij=frozenset(d.datum for d in dagen if d.lesvrij),
        feestdagen=frozenset(d.datum for d in dagen),
        gemeenten=gemeenten, standaard_regio=standaard, scholen=scholen,
        uren=dict(g.leerplicht.lesuren.uren_per_lesdag),
        schooljaar_begin=(begin.month, begin.day),
    )
