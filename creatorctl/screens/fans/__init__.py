"""The Fans tab: growth, portrait and the works that moved fans."""
