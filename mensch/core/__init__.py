"""Small pieces every app shares: text validation, the error shape of the API."""
