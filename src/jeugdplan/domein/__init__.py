"""Het domein: het planmodel en de regels, als zuivere functies op een `Plan`.

Geen bestanden, geen git, geen typer of rich. Gegevens uit `data/` krijgt het domein als
getypeerde waarden (`domein.gegevens`) van wie het aanroept.
"""
