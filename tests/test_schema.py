"""`quote tariff schema`: a JSON Schema editors can use, matching the models."""

from __future__ import annotations

import json

from .conftest import Invoke


def test_tariff_schema(run: Invoke) -> None:
    result = run("tariff", "schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["$schema"].endswith("2020-12/schema")
    assert schema["additionalProperties"] is False
    assert {"id", "brackets", "products", "indexation"} <= set(schema["required"])
    month = schema["$defs"]["Indexation"]["properties"]["base_month"]
    assert month["pattern"].startswith("^\\d{4}")


def test_unknown_kind(run: Invoke) -> None:
    result = run("tariff", "schema", "--kind", "nope")
    assert result.exit_code == 2 and "--kind: välj ett av tariff, rulebook" in result.stderr


def test_scenario_schema(run: Invoke) -> None:
    result = run("tariff", "schema", "--kind", "rulebook-scenarios")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert set(schema["required"]) == {"kind", "rulebook", "scenarios"}
    assert "monthly_premium" in schema["$defs"]["Expect"]["properties"]
