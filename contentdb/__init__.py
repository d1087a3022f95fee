"""The content database: models, queries, the YAML loader and item selection. Written only by the action server
(and by the loader run from `make content`).
"""
