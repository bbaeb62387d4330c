"""Eén Jinja-omgeving voor alle rapportages: `render(naam, context, formaat)`.

Sjablonen heten `<naam>.<formaat>.j2` (formaat md, html, csv, ...). Een map `templates/` in
de casusrepository gaat voor de meegeleverde sjablonen (zelfde naam = vervangen).
StrictUndefined: een ontbrekende variabele is een fout, geen lege plek. Autoescape voor HTML.
Een sjabloonfout noemt bestand en regel, zonder traceback.

Eigen sjablonen komen via git uit de gedeelde repository en zijn dus niet te vertrouwen:
ze draaien in de sandbox van Jinja, een sjabloon (ook via `{% include %}`) wordt nooit via
een symlink gelezen (`_Lader`), en lussen (`MAX_STAPPEN`), uitvoer (`MAX_UITVOER`) en
vermenigvuldigen van tekst of lijsten zijn begrensd. Stuurtekens in de uitvoer worden
zichtbaar gemaakt (`toonbaar`).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from jeugdplan.domein.errors import JeugdplanError
from jeugdplan.domein.grenzen import toonbaar
from jeugdplan.domein.taal import getal
from jeugdplan.opslag.bronnen import templates_map

MAX_STAPPEN = 5_000_000
"""Zoveel lusdoorgangen mag één rapport samen maken (ruim genoeg voor 100.000 plannen)."""
MAX_UITVOER = 64 * 1024 * 1024
"""Zoveel tekens mag één rapport worden."""


class _Teller:
    """Telt de lusdoorgangen van één `render`."""

    stappen = 0


_teller = _Teller()


def _stap(iterabel: Any) -> Any:
    """Om het iterabele van elke `{% for %}` (zie `_Omgeving._parse`): telt mee met het budget."""
    for waarde in iterabel:
        _teller.stappen += 1
        if _teller.stappen > MAX_STAPPEN:
            raise JeugdplanError(f"sjabloon maakt meer dan {MAX_STAPPEN} lusdoorgangen; "
                                 "afgebroken (een fout of een kwaadaardig eigen sjabloon?)")
        yield waarde


@cache
def _omgevingsklasse() -> Any:
    from jinja2 import nodes
    from jinja2.sandbox import SandboxedEnvironment

    class _Omgeving(SandboxedEnvironment):
        """Sandbox met begrensde lussen en begrensde `*` en `**`."""

        intercepted_binops = frozenset({"*", "**"})

        def _parse(self, source: str, name: str | None, filename: str | None) -> Any:
            boom = super()._parse(source, name, filename)
            for lus in boom.find_all(nodes.For):
                lus.iter = nodes.Call(nodes.Name("_jeugdplan_stap", "load"), [lus.iter], [],
                                      None, None, lineno=lus.lineno)
            return boom

        def call_binop(self, context: Any, operator: str, links: Any, rechts: Any) -> Any:
            if operator == "**" and isinstance(rechts, int) and abs(rechts) > 64:
                raise JeugdplanError("sjabloon: machtsverheffen met een exponent boven 64 is "
                                     "niet toegestaan")
            if operator == "*":
                for reeks, keer in ((links, rechts), (rechts, links)):
                    if (isinstance(reeks, (str, list, tuple)) and isinstance(keer, int)
                            and len(reeks) * keer > MAX_UITVOER):
                        raise JeugdplanError("sjabloon: het resultaat van '*' is te groot")
            return super().call_binop(context, operator, links, rechts)

    return _Omgeving


@cache
def omgeving(eigen_map: Path | None = None) -> Any:
    import jinja2

    # Sandbox: eigen sjablonen komen via git uit een gedeelde repository; een sjabloon mag
    # geen Python-internals aanroepen (`''.__class__...`) en zo code uitvoeren.
    env = _omgevingsklasse()(
        loader=_lader(eigen_map),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "html.j2"),
                                            default_for_string=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["_jeugdplan_stap"] = _stap
    env.filters["datum_nl"] = datum_nl
    env.filters["md"] = md_cel
    env.filters["csvregel"] = csv_regel
    env.filters["ja_nee"] = lambda waarde: "ja" if waarde else "nee"
    env.filters["getal"] = getal
    env.tests["leeg"] = leeg
    return env


def leeg(waarde: Any) -> bool:
    """Niets te tonen: None, lege tekst, of een lijst of groep met alleen lege waarden."""
    if waarde is None or waarde == "":
        return True
    if isinstance(waarde, dict):
        return all(leeg(w) for w in waarde.values())
    if isinstance(waarde, list | tuple):
        return all(leeg(w) for w in waarde)
    return False


def _lader(eigen_map: Path | None) -> Any:
    """Eerst `templates/` van de repository (nooit via een symlink: ook een `{% include %}`
    van een symlink naar een plan wordt geweigerd), dan de meegeleverde sjablonen."""
    import jinja2
    from jinja2.loaders import split_template_path

    from jeugdplan.opslag import repobestanden

    meegeleverd = jinja2.FileSystemLoader(str(templates_map()))

    class _Lader(jinja2.BaseLoader):
        def get_source(self, environment: Any, sjabloon: str) -> Any:
            if eigen_map is not None:
                relatief = "/".join(["templates", *split_template_path(sjabloon)])
                ruw = repobestanden.lees(eigen_map.parent, relatief)
                if ruw is not None:
                    try:
                        tekst = ruw.decode("utf-8")
                    except UnicodeDecodeError:
                        raise JeugdplanError(f"{relatief} is geen UTF-8-tekst") from None
                    return tekst, str(eigen_map.parent / relatief), lambda: False
            return meegeleverd.get_source(environment, sjabloon)

    return _Lader()


def md_cel(waarde: Any) -> str:
    """Tekst veilig in een Markdown-tabelcel: geen `|` of regeleinden die de tabel breken."""
    if waarde is None:
        return "-"
    tekst = " ".join(str(waarde).split())
    return tekst.replace("\\", "\\\\").replace("|", "\\|").replace("<", "\\<")


def csv_regel(velden: Any) -> str:
    """Eén CSV-regel (RFC 4180: komma, aanhalingstekens waar nodig).

    Tekst die met `=`, `+`, `-` of `@` begint krijgt een `'` ervoor, zodat een spreadsheet
    er geen formule van maakt (CSV-injectie via bijvoorbeeld een schoolnaam).
    """
    import csv
    import io

    def veilig(v: Any) -> Any:
        if v is None:
            return ""
        if isinstance(v, str) and v[:1] in ("=", "+", "-", "@"):
            return "'" + v
        return v

    uit = io.StringIO()
    csv.writer(uit, lineterminator="").writerow([veilig(v) for v in velden])
    return uit.getvalue()


MAANDEN = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december"]


def datum_nl(waarde: Any) -> str:
    """2026-03-01 -> 1 maart 2026."""
    if waarde is None:
        return "-"
    if isinstance(waarde, str):
        from datetime import date

        try:
            waarde = date.fromisoformat(waarde)
        except ValueError:
            return waarde
    return f"{waarde.day} {MAANDEN[waarde.month - 1]} {waarde.year}"


def render(naam: str, context: dict[str, Any], formaat: str,
           repo_root: Path | None = None) -> str:
    """Rendert sjabloon `<naam>.<formaat>.j2` met `context`."""
    import jinja2

    eigen = repo_root / "templates" if repo_root is not None else None
    env = omgeving(eigen)
    bestand = f"{naam}.{formaat}.j2"
    _teller.stappen = 0
    try:
        sjabloon = env.get_template(bestand)
        delen, lengte = [], 0
        for deel in sjabloon.generate(**context):
            lengte += len(deel)
            if lengte > MAX_UITVOER:
                raise JeugdplanError(f"sjabloon {bestand} maakt meer dan {MAX_UITVOER} tekens "
                                     "uitvoer; afgebroken")
            delen.append(deel)
        return toonbaar("".join(delen))
    except JeugdplanError:
        raise
    except jinja2.TemplateNotFound:
        raise JeugdplanError(f"sjabloon {bestand} niet gevonden") from None
    except jinja2.TemplateSyntaxError as e:
        raise JeugdplanError(
            f"sjabloonfout in {e.filename or bestand}:{e.lineno}: {e.message}"
        ) from None
    except jinja2.UndefinedError as e:
        raise JeugdplanError(
            f"sjabloonfout in {_plaats(e, bestand)}: onbekende variabele ({e.message})"
        ) from None
    except Exception as e:
        # Een fout die in een sjabloon ontstaat (bijvoorbeeld een filter op de verkeerde
        # waarde in een eigen sjabloon) is een sjabloonfout, geen traceback.
        plaats = _plaats(e, "")
        if not plaats:
            raise
        raise JeugdplanError(f"sjabloonfout in {plaats}: {type(e).__name__}: {e}") from None


def _plaats(fout: BaseException, standaard: str) -> str:
    """Bestand en regel van een fout tijdens het renderen, uit de traceback van Jinja."""
    tb = fout.__traceback__
    plaats = standaard
    while tb is not None:
        naam = tb.tb_frame.f_code.co_filename
        if naam.endswith(".j2"):
            plaats = f"{naam}:{tb.tb_lineno}"
        tb = tb.tb_next
    return plaats
