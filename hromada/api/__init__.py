"""Open data: a read-only JSON API over public participatory data, described by OpenAPI."""
