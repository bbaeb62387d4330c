"""Opslag: alles wat schijf of git raakt. Paden, YAML (één dialect), atomair schrijven, het
slot, git, de cache en versleuteling. Kent van het domein alleen het model."""
