"""Interactions: one conversation or call with a customer on one channel, its messages, and its state."""
