"""Rasa server-side speed-ups and stores (loaded by the Rasa process, not the action server)."""
