"""Voice queues through Kamailio: a real Kamailio asking the real server, a caller process, the agent."""
