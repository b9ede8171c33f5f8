"""The app's tabs (one module each) and its modal screens."""
