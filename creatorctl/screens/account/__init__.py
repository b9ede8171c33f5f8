"""Accounts: the welcome screen, the switcher and the profile dialog."""
