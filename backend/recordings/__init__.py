"""Call recordings: the agent client uploads the WAV it recorded; the call on the timeline points at it."""
