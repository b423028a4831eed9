"""SIP credentials for Kamailio's auth_ephemeral: short-lived, HMAC-signed, no SIP password database."""
