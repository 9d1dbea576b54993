"""Production settings: a secret from the environment, secure cookies and headers."""

import os
import subprocess
import sys

PROBE = (
    "import django, json; from django.conf import settings; django.setup(); "
    "print(json.dumps({k: getattr(settings, k) for k in "
    "['DEBUG','SESSION_COOKIE_SECURE','CSRF_COOKIE_SECURE','SECURE_HSTS_SECONDS','SECURE_SSL_REDIRECT']}))"
)


def _run(env):
    full = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "KALMTE_DEBUG")}
    full.update(env, DJANGO_SETTINGS_MODULE="kalmte.settings")
    return subprocess.run(
        [sys.executable, "-c", PROBE], env=full, capture_output=True, text=True, check=False
    )


def test_it_refuses_to_start_without_a_secret_key_in_production():
    result = _run({"KALMTE_DEBUG": "0"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_it_uses_secure_cookies_and_hsts_in_production():
    result = _run({"KALMTE_DEBUG": "0", "SECRET_KEY": "x" * 50})
    assert result.returncode == 0, result.stderr
    import json

    values = json.loads(result.stdout)
    assert values == {
        "DEBUG": False,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_SSL_REDIRECT": True,
    }


def test_it_rejects_a_malformed_boolean():
    result = _run({"KALMTE_DEBUG": "misschien"})
    assert result.returncode != 0
    assert "KALMTE_DEBUG must be a boolean" in result.stderr


def test_it_enforces_csrf(client, alice, conversation):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(alice.user)
    response = strict.post(f"/gesprekken/{conversation.pk}/antwoord/", {"body": "zonder token"})
    assert response.status_code == 403
    assert not conversation.messages.filter(author_kind="agent").exists()
