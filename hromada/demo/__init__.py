"""Demo content for a first run: an invented community with one process in voting and one
finished, and demo accounts for each persona. Loaded by `make run`; safe to load again."""
