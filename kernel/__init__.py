"""The shared kernel: vocabulary, lexicon and settings, imported by the Rasa server and the action server.

No I/O happens on import, and nothing here imports Rasa or the database.
"""
