"""Entry point of ``python -m hromada.pb`` (see ``cli.py``)."""

import sys

from hromada.pb.cli import main

sys.exit(main())
