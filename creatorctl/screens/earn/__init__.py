"""The Earn tab, its panels and the settle dialog."""
