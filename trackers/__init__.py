"""Rasa-side storage: the SQL tracker store that can forget a conversation."""
