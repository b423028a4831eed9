"""sipp scenarios (XML) and a small runner that drives the `sipp` binary against Kamailio and our engine."""
