"""JSON Schema of the data files, from the pydantic models, for editors."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from quote.contents import ContentsModel
from quote.tariff import TariffModel
from quote.underwriting.rulebook import RuleBookModel
from quote.underwriting.scenarios import ScenarioFile

# kind -> the model of that kind of file
SCHEMA_MODELS: dict[str, type[BaseModel]] = {"tariff": TariffModel, "rulebook": RuleBookModel,
                                             "rulebook-scenarios": ScenarioFile,
                                             "contents": ContentsModel}


def schema_for(kind: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one kind of data file."""
    schema: dict[str, Any] = SCHEMA_MODELS[kind].model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"quote {kind} file"
    return schema
