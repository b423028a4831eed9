"""`python -m app`: the Huitong agent desk."""

import sys

from app.main import main

if __name__ == "__main__":
    sys.exit(main())
