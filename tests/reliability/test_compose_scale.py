"""docker/compose.yaml runs with ``--scale api=2``: the API has no fixed name or host
port, a load balancer publishes the port, and Redis shares the write rate limit."""

from __future__ import annotations

from pathlib import Path

import yaml

DOCKER = Path(__file__).resolve().parents[2] / "docker"


def test_the_api_service_can_be_scaled() -> None:
    services = yaml.safe_load((DOCKER / "compose.yaml").read_text())["services"]
    api = services["api"]
    assert "container_name" not in api
    assert all(":" not in str(port) for port in api.get("ports", []))  # no fixed host port
    assert api["environment"]["NEWSMETA_REDIS_URL"].startswith("redis://redis:")
    assert "redis" in services and "healthcheck" in services["redis"]
    lb = services["lb"]
    assert lb["ports"] == ["8000:8000"]
    config = (DOCKER / "nginx.conf").read_text()
    assert "proxy_pass $api" in config and "http://api:8000" in config
    assert any(line.strip().startswith("resolver") for line in config.splitlines())
