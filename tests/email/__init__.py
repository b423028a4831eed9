"""E-mail channel tests: a real dovecot IMAP server, a real aiosmtpd SMTP listener, a corpus of hard mail."""
