"""Round-trip: laden → opslaan → laden geeft hetzelfde plan, en opmerkingen blijven staan."""

from __future__ import annotations

import json
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml.comments import CommentedMap

from jeugdplan.domein.model import Kracht, Plan, voeg_toe
from jeugdplan.opslag.yamlio import dump_rt, knopen, laad_rt, laad_snel, plaats, samenvoegen

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


LASTIGE_TEKST = ["yes", "no", "on", "off", "y", "n", "True", "NULL", "12:30", "1:20:30", "010",
                 "0o10", "0x1F", "1_000", "1e3", ".5", "+1", "-0", "~", "null", "", "2026-01-01",
                 "2026-02-30", "2026-01-01 10:00", ".inf", ".NaN", "<<", "=", "!!str x", "1" * 30]
"""Tekst die in een van de YAML-dialecten (1.1 of 1.2) een getal, ja/nee, leeg of datum is."""

scalair = st.sampled_from(LASTIGE_TEKST) | tekst | st.integers(-10**20, 10**20).map(str)


@settings(max_examples=150, deadline=None)
@given(st.lists(scalair, min_size=1, max_size=6))
def test_tekst_leest_identiek_terug_in_beide_laders(waarden: list[str]) -> None:
    """Wat jeugdplan schrijft (ruamel, YAML 1.2) leest de snelle lader (PyYAML C) en de
    round-trip-lader identiek terug: tekst blijft tekst, met dezelfde regels en kolommen."""
    data = {"tekst": waarden, "map": {f"k{i}": w for i, w in enumerate(waarden)}}
    tekst_ = dump_rt(samenvoegen(CommentedMap(), data))
    snel, rt = laad_snel(tekst_, "p"), laad_rt(tekst_, "p")
    assert snel == data
    assert json.loads(json.dumps(rt)) == data
    assert all(type(w) is str for w in snel["tekst"])
    knoop = knopen(tekst_)
    for i in range(len(waarden)):
        assert plaats(knoop, ("tekst", i)) == (rt["tekst"].lc.item(i)[0] + 1,
                                              rt["tekst"].lc.item(i)[1] + 1)
        sleutel = f"k{i}"
        r, k = rt["map"].lc.value(sleutel)
        assert plaats(knoop, ("map", sleutel), waarde=True)[0] == r + 1


@settings(max_examples=40, deadline=None)
@given(plannen())
def test_plaats_gelijk_aan_de_round_trip_lader(plan: Plan) -> None:
    """Meldingen noemen regel en kolom uit de knopen van de snelle lader; de round-trip-lader
    (waarmee wordt bewerkt) ziet dezelfde plaats."""
    tekst_ = dump_rt(samenvoegen(CommentedMap(), plan.als_yaml_data()))
    doc, knoop = laad_rt(tekst_, "p"), knopen(tekst_)
    assert laad_snel(tekst_, "p") == json.loads(json.dumps(doc))

    def paden(x: object, pre: tuple = ()):  # type: ignore[type-arg]
        if isinstance(x, dict):
            for k, v in x.items():
                yield (*pre, k), x, k
                yield from paden(v, (*pre, k))
        elif isinstance(x, list):
            for i, v in enumerate(x):
                yield (*pre, i), x, i
                yield from paden(v, (*pre, i))

    for loc, ouder, stap in paden(doc):
        if isinstance(ouder, dict):
            r, k = ouder.lc.key(stap)
            assert plaats(knoop, loc, waarde=False) == (r + 1, k + 1)
        else:
            r, k = ouder.lc.item(stap)
            assert plaats(knoop, loc) == (r + 1, k + 1)


def test_gewone_tekst_door_de_opdrachtregel(jp, kind) -> None:  # type: ignore[no-untyped-def]
    """`yes`, `12:30`, `010`, `~`, `2026-01-01` als vrije tekst: opgeslagen, identiek
    teruggelezen, `check` in orde, en het plan blijft te bewerken."""
    ident = kind()
    teksten = ["yes", "no", "on", "off", "12:30", "010", "0o10", "1_000", "~", "null",
               "2026-01-01", "1" * 30]
    for t in teksten:
        jp("journaal", "add", ident, "--tekst", t)
    assert [j["tekst"] for j in jp.json("show", ident)["journaal"]] == teksten
    jp("check")
    jp("signaal", "add", ident, "--domein", "gedrag", "--omschrijving", "on")
    assert jp.json("show", ident)["signalen"][0]["omschrijving"] == "on"
