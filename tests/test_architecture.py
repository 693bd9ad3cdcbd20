"""Dependencies point one way: domain apps use the core, the core uses no domain app, and
domain apps do not use each other (DESIGN.md, "Layout"). Checked with import-linter against
the contracts in .importlinter, whose domain apps must be settings.DOMAIN_APPS."""

import re
from pathlib import Path

from django.apps import apps
from django.conf import settings
from importlinter import api, cli

ROOT = Path(__file__).resolve().parent.parent
CONFIG = str(ROOT / ".importlinter")
CORE = "portal"


def _contracts():
    configuration = api.read_configuration(CONFIG)
    contracts = {c["id"]: c for c in configuration["contracts_options"]}
    return configuration["session_options"], contracts


def test_every_app_of_the_project_is_the_core_or_a_declared_domain_app():
    # Apps whose package sits in the repository (not in .venv): the core and the domains.
    local = {
        config.name.split(".")[0]
        for config in apps.get_app_configs()
        if Path(config.path).resolve().parent == ROOT or config.name.startswith(f"{CORE}.")
    }
    assert local - {CORE} == set(settings.DOMAIN_APPS), "list the app in settings.DOMAIN_APPS"


def test_the_contracts_cover_exactly_the_domain_apps():
    session, contracts = _contracts()
    domains = list(settings.DOMAIN_APPS)
    hint = f"the domain apps in {CONFIG} must be settings.DOMAIN_APPS: {domains}"
    assert session["root_packages"] == [CORE, *domains], hint
    forbidden = contracts["core-imports-no-domain"]
    assert (forbidden["type"], forbidden["source_modules"]) == ("forbidden", [CORE])
    assert forbidden["forbidden_modules"] == domains, hint
    independence = contracts["independent-domains"]
    assert independence["type"] == "independence"
    assert independence["modules"] == domains, hint


def test_imports_keep_the_contracts():
    status = cli.lint_imports(config_filename=CONFIG, no_cache=True, no_logo=True)
    assert status == cli.EXIT_STATUS_SUCCESS, "an import breaks a contract: see the report above"


def test_core_templates_name_no_domain_app():
    # Templates escape import-linter: a {% url 'directory:…' %} would tie the core to the
    # directory as surely as an import. Domain links and sections come through portal.registry.
    domains = "|".join(settings.DOMAIN_APPS)
    pattern = re.compile(rf"""(url|include|extends)\s+["']({domains})[:/]""")
    offending = [
        str(path.relative_to(ROOT))
        for path in (ROOT / CORE).rglob("templates/**/*")
        if path.is_file() and pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offending == []


def test_no_domain_app_shadows_an_installed_module():
    # A package of the repository hides an installed one of the same name: opensearch-py needs
    # the "events" module of the Events package, hence the events app's name, agenda.
    from importlib.metadata import packages_distributions

    installed = packages_distributions()
    taken = {name: installed[name] for name in [CORE, *settings.DOMAIN_APPS] if name in installed}
    assert taken == {}
