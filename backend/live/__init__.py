"""Live events: one in-process hub per server fanning new events out to WebSocket subscribers."""
