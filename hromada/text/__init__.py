"""Pure text analysis for search (no Django). Filled by the practices-base issue."""
