"""Herkennen van een tweede plan voor hetzelfde kind."""

from datetime import date

import pytest

from jeugdplan.domein.dubbel import dubbele_groepen, normaliseer, zelfde_kind, zoek_dubbel


def test_normaliseer() -> None:
    assert normaliseer("Zoë van der Berg-Öztürk") == "zoe berg ozturk"


@pytest.mark.parametrize(("a", "b", "zelfde"), [
    (("Mohammed", "Jansen"), ("Mohamed", "Janssen"), True),
    (("Sanne", "de Vries"), ("sanne", "Vries"), True),
    (("Zoë", "Bakker"), ("Zoe", "Bakker"), True),
    (("Sanne", "de Vries"), ("Sara", "de Vries"), False),
    (("Tim", "Bos"), ("Tom", "Bos"), True),
    (("Tim", "Bos"), ("Kim", "Vos"), True),
    (("Tim", "Bos"), ("Bram", "Bos"), False),
])
def test_zelfde_kind(a: tuple[str, str], b: tuple[str, str], zelfde: bool) -> None:
    assert zelfde_kind(*a, *b) is zelfde


def test_zoek_dubbel_alleen_bij_zelfde_geboortedatum() -> None:
    bestaande = [("A", "Sanne", "de Vries", date(2016, 4, 3)),
                 ("B", "Sanne", "de Vries", date(2016, 4, 4))]
    assert zoek_dubbel("Sane", "Vries", date(2016, 4, 3), bestaande) == ["A"]


def test_dubbele_groepen() -> None:
    alle = [("A", "Sanne", "de Vries", date(2016, 4, 3)),
            ("B", "Sanne", "Vries", date(2016, 4, 3)),
            ("C", "Daan", "Bakker", date(2016, 4, 3))]
    assert dubbele_groepen(alle) == [["A", "B"]]
