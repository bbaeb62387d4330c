"""Round-trip: laden → opslaan → laden geeft hetzelfde plan, en opmerkingen blijven staan."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml.comments import CommentedMap

from jeugdplan.domein.model import Kracht, Plan, voeg_toe
from jeugdplan.opslag.yamlio import dump_rt, laad_rt, laad_snel, samenvoegen

tekst = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x85\u2028\u2029")
    | st.sampled_from(["\n", ":", "#", "'", '"', "-", " ", "{", "[", "*", "&", "!", "%", "@", "`"]),
    min_size=1, max_size=60,
).filter(lambda t: t.strip() != "")
datums = st.dates(min_value=date(2011, 1, 1), max_value=date(2026, 11, 25))


@st.composite
def plannen(draw: st.DrawFn) -> Plan:
    geboren = draw(st.dates(min_value=date(2008, 1, 1), max_value=date(2020, 12, 31)))
    signalen = [
        {"id": f"s{i + 1}", "datum": draw(st.dates(min_value=geboren, max_value=date(2026, 11, 25))),
         "bron": draw(st.sampled_from(["leerkracht", "ouder", "kind"])),
         "domein": draw(st.sampled_from(["gedrag", "thuis", "leren", "veiligheid"])),
         "zwaarte": draw(st.sampled_from(["licht", "complex", "specialistisch"])),
         "omschrijving": draw(tekst)}
        for i in range(draw(st.integers(0, 3)))
    ]
    data = {
        "id": "2026-ABCDEF", "status": "actief", "aangemeld": draw(datums),
        "kind": {"voornaam": draw(tekst.map(lambda t: t.replace("\n", " ")[:50])),
                 "achternaam": "Test", "geboortedatum": geboren, "gemeente": "Velsen",
                 "school": draw(tekst.map(lambda t: t.replace("\n", " ")[:50])),
                 "onderwijssoort": "po", "groep": draw(st.integers(1, 8))},
        "signalen": signalen,
        "krachten": draw(st.lists(tekst, max_size=3)),
        "journaal": [{"datum": draw(datums), "auteur": "Ilse", "tekst": draw(tekst)}
                     for _ in range(draw(st.integers(0, 2)))],
        "zienswijze": {"ouders": draw(st.none() | tekst)},
    }
    return Plan.model_validate(data)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plannen())
def test_opslaan_en_laden_geeft_hetzelfde_plan(plan: Plan) -> None:
    doc = samenvoegen(CommentedMap(), plan.als_yaml_data())
    doc.yaml_set_start_comment("kop")
    tekst_ = dump_rt(doc)
    terug = Plan.model_validate(laad_rt(tekst_, "p"))
    assert terug == plan
    assert Plan.model_validate(laad_snel(tekst_, "p")) == plan


@settings(max_examples=40, deadline=None)
@given(plannen(), tekst)
def test_wijziging_behoudt_opmerkingen(plan: Plan, extra: str) -> None:
    doc = samenvoegen(CommentedMap(), plan.als_yaml_data())
    tekst_ = dump_rt(doc)
    tekst_ = tekst_.replace("kind:\n", "# over het kind\nkind:  # zie dossier\n", 1)
    doc = laad_rt(tekst_, "p")
    gewijzigd = plan.model_copy(deep=True)
    voeg_toe(gewijzigd.krachten, Kracht, tekst=extra)
    gewijzigd = Plan.model_validate(gewijzigd.als_yaml_data())  # zoals Repo.bewerk doet
    nieuw = dump_rt(samenvoegen(doc, gewijzigd.als_yaml_data()))
    assert "# over het kind\nkind:  # zie dossier\n" in nieuw
    assert Plan.model_validate(laad_rt(nieuw, "p")) == gewijzigd
    # alleen de krachten veranderden: de rest van het bestand is regel voor regel gelijk
    voor, na = tekst_.splitlines(), nieuw.splitlines()
    assert voor[: voor.index("kind:  # zie dossier")] == na[: na.index("kind:  # zie dossier")]


@settings(max_examples=40, deadline=None)
@given(plannen())
def test_snelle_plaats_gelijk_aan_round_trip(plan: Plan) -> None:
    """`check` zoekt regels op met de C-composer; die moet dezelfde plaats geven."""
    from jeugdplan.opslag.yamlio import knopen_snel, plaats, plaats_in_knopen

    tekst_ = dump_rt(samenvoegen(CommentedMap(), plan.als_yaml_data()))
    doc, knopen = laad_rt(tekst_, "p"), knopen_snel(tekst_)

    def paden(x: object, pre: tuple = ()):  # type: ignore[type-arg]
        yield pre
        if isinstance(x, dict):
            for k, v in x.items():
                yield from paden(v, (*pre, k))
        elif isinstance(x, list):
            for i, v in enumerate(x):
                yield from paden(v, (*pre, i))

    for loc in paden(doc):
        for waarde in (True, False):
            for extra in ((), ("onbekend",)):
                assert plaats(doc, (*loc, *extra), waarde) == \
                    plaats_in_knopen(knopen, (*loc, *extra), waarde)
