"""Timeline: the append-only event log with a global monotonic `seq`, paged newest first."""
