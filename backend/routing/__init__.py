"""Routing: agent state, queues and strategies, offers, wrap-up, transfer — one engine for every channel."""
