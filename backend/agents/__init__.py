"""Agents: the people who log in, with their role (agent < supervisor < admin)."""
