"""De opdrachtregel: argumenten lezen, één dienst of domeinfunctie aanroepen, afdrukken."""
