"""Territorial communities (hromadas), their settlements or districts, and staff roles."""
