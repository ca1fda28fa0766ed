"""People: accounts, profiles and verification of residents' eligibility."""
