"""Channel connectors: each one brings a written channel (e-mail, …) into interactions and messages."""
