"""The app's tabs, a package per feature (works/, drafts/, inbox/ …), and the shared modals."""
