"""Rasa's command line with the patches applied first: ``python -m rasa_patches.run run --model ...``.

The same arguments as ``rasa``; scripts/serve.sh, tests/e2e, bench/run.py and deploy/ start Rasa this way.
"""
from __future__ import annotations

import logging
import sys

import rasa_patches


def main() -> None:
    # Rasa configures logging only once its command line runs: until then our lines get a handler of their own.
    own = logging.getLogger("rasa_patches")
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)-8s %(name)s  - %(message)s"))
    own.addHandler(handler)
    own.setLevel(logging.INFO)
    own.propagate = False
    rasa_patches.apply()
    own.removeHandler(handler)
    own.propagate = True
    own.setLevel(logging.NOTSET)
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *sys.argv[1:]]
    rasa_main()


if __name__ == "__main__":
    main()
