"""The import kinds: every module here is loaded and registers its kinds (and exports)."""
