"""The Drafts tab and its dialogs: edit, schedule, resolve a stale claim, the platform queue."""
