"""Authentication: argon2 passwords, JWT access tokens, rotating refresh tokens, login rate limit."""
