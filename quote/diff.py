"""What changes between two tariff versions: premiums, settings, products and brackets."""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from quote.tariff import Tariff


@dataclass(frozen=True)
class PremiumChange:
    product: str
    bracket: str
    old: int
    new: int

    @property
    def change(self) -> int:
        return self.new - self.old

    @property
    def change_pct(self) -> Decimal:
        return (Decimal(self.change) * 100 / Decimal(self.old)).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class SettingChange:
    setting: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class TariffDiff:
    old: Tariff
    new: Tariff
    premiums: tuple[PremiumChange, ...]
    settings: tuple[SettingChange, ...]
    products_added: tuple[str, ...]
    products_removed: tuple[str, ...]
    brackets_added: tuple[str, ...]
    brackets_removed: tuple[str, ...]

    @property
    def unchanged(self) -> bool:
        return not (self.premiums or self.settings or self.products_added
                    or self.products_removed or self.brackets_added or self.brackets_removed)


def _flatten(value: Any, prefix: str, out: dict[str, str]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _flatten(item, f"{prefix}.{key}" if prefix else str(key), out)
    else:
        out[prefix] = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def settings_of(tariff: Tariff) -> dict[str, str]:
    """Every setting as ``dotted.name -> value``, premiums left out (they are compared apart)."""
    data = tariff.model.model_dump(mode="json")
    for product in data["products"].values():
        product.pop("premiums")
    out: dict[str, str] = {}
    _flatten(data, "", out)
    return out


def diff_tariffs(old: Tariff, new: Tariff) -> TariffDiff:
    o, n = old.model, new.model
    premiums = []
    for pid, product in n.products.items():
        if pid not in o.products:
            continue
        before = o.products[pid].premiums
        for label in n.brackets:
            if label in before and label in product.premiums and \
                    before[label] != product.premiums[label]:
                premiums.append(PremiumChange(pid, label, before[label], product.premiums[label]))
    old_settings, new_settings = settings_of(old), settings_of(new)
    ignore_prefixes = tuple(f"products.{p}." for p in set(o.products) ^ set(n.products))
    settings = [
        SettingChange(key, old_settings.get(key), new_settings.get(key))
        for key in sorted(set(old_settings) | set(new_settings))
        if old_settings.get(key) != new_settings.get(key) and key != "brackets"
        and not key.startswith(ignore_prefixes)
    ]
    return TariffDiff(
        old=old, new=new, premiums=tuple(premiums), settings=tuple(settings),
        products_added=tuple(p for p in n.products if p not in o.products),
        products_removed=tuple(p for p in o.products if p not in n.products),
        brackets_added=tuple(b for b in n.brackets if b not in o.brackets),
        brackets_removed=tuple(b for b in o.brackets if b not in n.brackets),
    )
