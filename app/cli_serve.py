"""`newsmeta serve`: check that the store's URL and the address can work, then serve."""

from __future__ import annotations

import argparse
import os

from app.cli_errors import CommandError
from app.config import get_settings


def cmd_serve(args: argparse.Namespace) -> int:
    import tempfile

    import uvicorn

    from app.common.metrics import MULTIPROC_ENV
    from app.db import StoreUrlError, resolve_url

    settings = get_settings()
    resolve_url(settings.database_url)  # a URL no store answers to: one line, before serving
    if settings.read_database_url:
        try:
            resolve_url(settings.read_database_url)
        except StoreUrlError as exc:
            raise CommandError(f"NEWSMETA_READ_DATABASE_URL: {exc}") from None
    check_can_listen(args.host, args.port)
    if args.workers > 1 and not os.environ.get(MULTIPROC_ENV):
        # /metrics adds up the workers' samples, kept in files in this folder.
        os.environ[MULTIPROC_ENV] = tempfile.mkdtemp(prefix="newsmeta-metrics-")
    uvicorn.run(
        "app.main:create_app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_config=None,
        proxy_headers=True,
    )
    return 0


def check_can_listen(host: str, port: int) -> None:
    """CommandError, one line, when ``host:port`` cannot be listened on (the host does not
    resolve or is not this machine's, the port is taken or privileged)."""
    import errno
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            # As uvicorn binds: a port in TIME_WAIT after a restart is free to take.
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except socket.gaierror as exc:
        raise CommandError(
            f"--host {host}: no such host ({exc.strerror}); use an address of this machine, "
            "127.0.0.1 or 0.0.0.0",
            code=2,
        ) from None
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            message = (
                f"port {port} is already in use on {host}: stop the program holding it, "
                "or pick another --port"
            )
        elif exc.errno == errno.EACCES:
            message = (
                f"not allowed to listen on port {port} (ports below 1024 need privileges): "
                "pick a --port of 1024 or above"
            )
        elif exc.errno == errno.EADDRNOTAVAIL:
            message = (
                f"--host {host} is not an address of this machine: use 127.0.0.1, 0.0.0.0 "
                "or one of its addresses"
            )
        else:
            message = f"cannot listen on {host}:{port}: {exc.strerror or exc}"
        raise CommandError(message, code=2) from None
