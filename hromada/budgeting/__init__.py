"""Participatory budgets: processes, sub-budgets, projects, reviews, ballots and results."""
