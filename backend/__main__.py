"""Entry point for `python -m backend`."""

from backend.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
