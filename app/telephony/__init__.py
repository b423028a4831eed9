"""Softphone engine on its own thread (pjsua2); no Qt."""
