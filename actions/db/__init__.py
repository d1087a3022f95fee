"""Content database: models, engine and queries."""
