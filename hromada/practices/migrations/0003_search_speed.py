"""Search speed at 10,000 entries (benchmarks/search.py).

- A covering index for the "has the published set changed?" aggregate that every search runs.
- PostgreSQL only: a second, smaller vector for ranking. Matching still uses the GIN index on
  `search_vector` (keys and words); ranking read that whole ~5 KB vector for every match, and
  for a broad query (6,500 matches) that was most of the time. `rank_vector` holds only the
  keys (title weight A, body B), and both vectors are compressed with lz4 where the server has
  it: decompressing them is what ranking spends its time on.

Neither operation rebuilds practices_practice on SQLite (indexes only), so the FTS triggers of
0002 stay in place.
"""

from django.db import migrations, models

RANK_VECTOR = """ALTER TABLE practices_practice ADD COLUMN rank_vector tsvector {compression}
    GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, title_k), 'A')
        || setweight(to_tsvector('simple'::regconfig, body_k), 'B')
    ) STORED"""


def _has_lz4(cursor) -> bool:  # type: ignore[no-untyped-def]
    # The setting lists lz4 among its values only when the server was built with it.
    cursor.execute(
        "SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'"
    )
    row = cursor.fetchone()
    return bool(row and row[0])


def forward(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        lz4 = _has_lz4(cursor)
    schema_editor.execute(RANK_VECTOR.format(compression="COMPRESSION lz4" if lz4 else ""))
    # In the row, not in TOAST (see 0002: fetching from TOAST made ranking 10x slower).
    schema_editor.execute(
        "ALTER TABLE practices_practice ALTER COLUMN rank_vector SET STORAGE MAIN"
    )
    if lz4:
        schema_editor.execute(
            "ALTER TABLE practices_practice ALTER COLUMN search_vector SET COMPRESSION lz4"
        )
    # Rewrite existing rows so that both vectors are stored with the new settings (generated
    # columns are recomputed on update).
    schema_editor.execute("UPDATE practices_practice SET title_k = title_k")


def backward(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE practices_practice DROP COLUMN IF EXISTS rank_vector")


class Migration(migrations.Migration):
    dependencies = [("practices", "0002_search_index")]

    operations = [
        migrations.RemoveIndex(model_name="practice", name="practice_status_updated"),
        migrations.AddIndex(
            model_name="practice",
            index=models.Index(
                fields=["status", "updated_at", "id"], name="practice_published_stamp"
            ),
        ),
        migrations.RunPython(forward, backward),
    ]
