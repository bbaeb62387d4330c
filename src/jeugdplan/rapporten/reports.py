"""Eén Jinja-omgeving voor alle rapportages: `render(naam, context, formaat)`.

Sjablonen heten `<naam>.<formaat>.j2` (formaat md, html, csv, ...). Een map `templates/` in
de casusrepository gaat voor de meegeleverde sjablonen (zelfde naam = vervangen).
StrictUndefined: een ontbrekende variabele is een fout, geen lege plek. Autoescape voor HTML.
Een sjabloonfout noemt bestand en regel, zonder traceback.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from jeugdplan.domein.errors import JeugdplanError
from jeugdplan.domein.taal import getal
from jeugdplan.opslag.bronnen import templates_map


@cache
def omgeving(eigen_map: Path | None = None) -> Any:
    import jinja2

    mappen = [str(eigen_map)] if eigen_map is not None and eigen_map.is_dir() else []
    mappen.append(str(templates_map()))
    from jinja2.sandbox import SandboxedEnvironment

    # Sandbox: eigen sjablonen komen via git uit een gedeelde repository; een sjabloon mag
    # geen Python-internals aanroepen (`''.__class__...`) en zo code uitvoeren.
    env = SandboxedEnvironment(
        loader=jinja2.FileSystemLoader(mappen),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "html.j2"),
                                            default_for_string=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
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
    try:
        sjabloon = env.get_template(bestand)
        return str(sjabloon.render(**context))
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
