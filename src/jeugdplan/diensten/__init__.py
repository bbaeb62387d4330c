"""Diensten: de use cases die domein en opslag combineren (een plan bewerken, sync, privacy,
geschiedenis, overzichten over de hele repository)."""
