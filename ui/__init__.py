"""The PySide6 desktop client: windows, dialogs, table models and background tasks."""
