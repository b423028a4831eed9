"""Audit log: who did what (logins, merges, agent creation); never secrets."""
