"""The knowledge base of participatory practices: cases, methods and organisations, contributed
by communities, moderated by the hub's editors, and searchable in Ukrainian, Russian and English."""
