"""The action server: rasa_sdk's own, with the objects the actions loaded frozen out of the collector's way,
and the privacy endpoint the Rasa server calls (actions/privacy_endpoint.py).

Run it as ``python -m actions.server --actions actions --port 5055``, with the arguments of
``python -m rasa_sdk``. After the actions are registered the process holds about 400,000 long-lived objects
(rasa_sdk, Sanic, SQLAlchemy, the lexicons); every full garbage collection walked all of them, a pause of
about 140 ms that showed as the slowest turns under load (results/bench.md). ``gc.freeze`` leaves them to
reference counting, which still frees them; only the search for cycles skips them.
"""
from __future__ import annotations

import gc
from typing import Any

from rasa_sdk import endpoint
from rasa_sdk.__main__ import main
from rasa_sdk.executor import ActionExecutor

from actions.privacy_endpoint import add_privacy_endpoint
from kernel import concern_model


def freeze_after_registering() -> None:
    original = ActionExecutor.register_package

    def register_package(self: ActionExecutor, package: Any) -> None:
        original(self, package)
        concern_model.warm()  # loaded (or trained) now, not on the first story, and frozen with the rest
        gc.collect()
        gc.freeze()

    ActionExecutor.register_package = register_package  # type: ignore[method-assign]


def serve_the_privacy_endpoint_too() -> None:
    """rasa_sdk builds its Sanic app in ``endpoint.create_app``; ours adds DELETE /privacy/senders/<id> to it."""
    original = endpoint.create_app

    def create_app(*args: Any, **kwargs: Any) -> Any:
        app = original(*args, **kwargs)
        add_privacy_endpoint(app)
        return app

    endpoint.create_app = create_app  # type: ignore[assignment]


if __name__ == "__main__":
    freeze_after_registering()
    serve_the_privacy_endpoint_too()
    main()
