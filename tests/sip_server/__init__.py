"""The deployment Kamailio config with server-issued credentials: a real Kamailio, the real engine."""
