"""The e-mail channel: IMAP in, SMTP out, MIME parsing, threading, HTML sanitising, mailbox admin."""
