import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, **env):
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update({"DJANGO_SETTINGS_MODULE": "portal.settings.production", **env})
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True
    )


def test_production_refuses_to_start_without_secret_key_and_hosts():
    result = run_manage("check")
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr
    result = run_manage("check", SECRET_KEY="x" * 60)
    assert result.returncode != 0 and "ALLOWED_HOSTS must be set" in result.stderr


def test_production_passes_the_deployment_checks():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="a-long-random-production-secret-" + "k3y" * 12,
        ALLOWED_HOSTS="portal.example",
    )
    assert result.returncode == 0, result.stdout + result.stderr
