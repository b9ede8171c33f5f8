"""The Works tab and its screens: detail, edit, pick a work."""
