"""Salon's application shell: settings, database, auth, realtime hub and CLI."""
