"""The full-text index over the practices' search columns, one per database (docs/search.md).

SQLite: an FTS5 external-content table kept current by triggers (unicode61, no custom
tokenizer: a table that needs one would break every other connection). PostgreSQL: a stored
generated tsvector with config `simple` (title weight A, body B) and a GIN index. Both index the
same keys, so both match the same entries.

Beware: on SQLite Django rebuilds a table for most schema changes (new table, copy, drop, rename),
and dropping practices_practice drops these triggers. A later migration that alters that table
must run `install(...)` from this module again (import it with importlib); the test
`test_full_text_index_is_kept_current` fails when the triggers are missing.
"""

from django.db import migrations

COLUMNS = "title_k, body_k, title_w, body_w"
SQLITE_FORWARD = [
    f"""CREATE VIRTUAL TABLE practices_practice_fts USING fts5(
        {COLUMNS}, content='practices_practice', content_rowid='id',
        tokenize='unicode61 remove_diacritics 0', prefix='2 3')""",
    f"""CREATE TRIGGER practices_practice_fts_ai AFTER INSERT ON practices_practice BEGIN
        INSERT INTO practices_practice_fts(rowid, {COLUMNS})
        VALUES (new.id, new.title_k, new.body_k, new.title_w, new.body_w); END""",
    f"""CREATE TRIGGER practices_practice_fts_ad AFTER DELETE ON practices_practice BEGIN
        INSERT INTO practices_practice_fts(practices_practice_fts, rowid, {COLUMNS})
        VALUES ('delete', old.id, old.title_k, old.body_k, old.title_w, old.body_w); END""",
    f"""CREATE TRIGGER practices_practice_fts_au AFTER UPDATE ON practices_practice BEGIN
        INSERT INTO practices_practice_fts(practices_practice_fts, rowid, {COLUMNS})
        VALUES ('delete', old.id, old.title_k, old.body_k, old.title_w, old.body_w);
        INSERT INTO practices_practice_fts(rowid, {COLUMNS})
        VALUES (new.id, new.title_k, new.body_k, new.title_w, new.body_w); END""",
    "INSERT INTO practices_practice_fts(practices_practice_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS practices_practice_fts_au",
    "DROP TRIGGER IF EXISTS practices_practice_fts_ad",
    "DROP TRIGGER IF EXISTS practices_practice_fts_ai",
    "DROP TABLE IF EXISTS practices_practice_fts",
]
POSTGRES_FORWARD = [
    """ALTER TABLE practices_practice ADD COLUMN search_vector tsvector
        GENERATED ALWAYS AS (
            setweight(to_tsvector('simple'::regconfig, title_k || ' ' || title_w), 'A')
            || setweight(to_tsvector('simple'::regconfig, body_k || ' ' || body_w), 'B')
        ) STORED""",
    "CREATE INDEX practices_practice_search_gin ON practices_practice USING GIN (search_vector)",
    # Keep the ~5 KB vectors in the row rather than in TOAST: ranking reads the vector of
    # every match, and fetching it from TOAST made a broad query 10x slower (118 ms vs 12 ms to
    # match 6,564 of 10,000 entries).
    "ALTER TABLE practices_practice ALTER COLUMN search_vector SET STORAGE MAIN",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS practices_practice_search_gin",
    "ALTER TABLE practices_practice DROP COLUMN IF EXISTS search_vector",
]


def install(apps, schema_editor):  # type: ignore[no-untyped-def]
    """(Re)create the SQLite triggers and rebuild the index; a no-op on other databases."""
    if schema_editor.connection.vendor != "sqlite":
        return
    for statement in SQLITE_BACKWARD[:3] + SQLITE_FORWARD[1:]:
        schema_editor.execute(statement)


def _run(statements_by_vendor):  # type: ignore[no-untyped-def]
    def run(apps, schema_editor):  # type: ignore[no-untyped-def]
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("practices", "0001_practices_and_tags")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
