"""One HTML renderer for every kind of offer: a self-contained page, printable to A4.

No network: no scripts, no links, no external fonts or images; the CSS is inline and
uses the fonts the reader's system has. Every value from the document model is escaped
with :func:`html.escape`. The ``@media print`` and ``@page`` rules make "print to PDF"
from any browser give a clean A4 document.

Shared pieces for other documents for people (the CSS, :func:`money`, :func:`esc`,
:func:`page`) are plain functions here.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from decimal import Decimal

from quote.i18n import Lang, number, t
from quote.money import to_ore
from quote.offers.model import CoverItem, Line, Offer, Person

CSS = """
@page { size: A4; margin: 15mm 15mm 17mm;
        @bottom-right { content: counter(page) " / " counter(pages); font-size: 8pt;
                        color: #5a6374; } }
:root { --ink: #1c2331; --muted: #5a6374; --line: #d8dde6; --accent: #0a5a61;
        --soft: #e9f3f3; --warn: #fff7e3; --warn-line: #d9a93a; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; background: #eef1f4; color: var(--ink);
       font: 10.5pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue",
             Arial, "Liberation Sans", "DejaVu Sans", sans-serif; }
.page { max-width: 190mm; margin: 8mm auto; background: #fff; padding: 12mm 14mm;
        box-shadow: 0 1px 6px rgba(0, 0, 0, .10); }
header { display: flex; justify-content: space-between; align-items: flex-start; gap: 8mm;
         border-bottom: 2px solid var(--accent); padding-bottom: 5mm; }
header .title { flex: 1 1 auto; min-width: 0; }
.subtitle { margin: 1mm 0 0; color: var(--muted); }
.insurer { color: var(--accent); font-weight: 650; font-size: 9pt; letter-spacing: .05em;
           text-transform: uppercase; margin: 0; }
h1 { font-size: 18pt; line-height: 1.2; margin: 1.5mm 0 0; font-weight: 700; }
h2 { font-size: 12pt; color: var(--accent); margin: 7mm 0 2.5mm; break-after: avoid; }
h3 { font-size: 10.5pt; margin: 5mm 0 2mm; break-after: avoid; }
dl.facts { display: grid; grid-template-columns: auto auto; gap: .8mm 5mm; margin: 0;
           font-size: 9.5pt; white-space: nowrap; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; font-weight: 600; text-align: right; }
dl.person { display: grid; grid-template-columns: 38mm auto; gap: .8mm 4mm; margin: 0; }
dl.person dt { color: var(--muted); }
dl.person dd { margin: 0; }
.premium { display: flex; flex-wrap: wrap; align-items: baseline; gap: 2mm 5mm;
           background: var(--soft); border-left: 4px solid var(--accent);
           padding: 4mm 6mm; margin: 6mm 0 2mm; }
.premium .label { font-weight: 600; }
.premium .amount { font-size: 21pt; font-weight: 750; color: var(--accent);
                   white-space: nowrap; }
.premium .options { color: var(--muted); flex-basis: 100%; font-size: 9.5pt; }
table { width: 100%; border-collapse: collapse; font-size: 9.5pt; }
th, td { text-align: left; vertical-align: top; padding: 1.4mm 2mm;
         border-bottom: 1px solid var(--line); }
th { color: var(--muted); font-weight: 600; font-size: 8.5pt; }
.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
th.num { white-space: normal; }
table.wide { font-size: 8.5pt; }
table.wide th, table.wide td { padding: 1.2mm 1.3mm; }
tr.total td { font-weight: 700; border-top: 1.5px solid var(--ink); border-bottom: 0; }
tr.chosen td { background: var(--soft); font-weight: 600; }
tr, li, .keep { break-inside: avoid; }
ul.cover { columns: 2; column-gap: 9mm; margin: 0; padding-left: 5mm; break-inside: avoid; }
.lead { break-after: avoid; }
ul.step-ups { margin: 0; padding-left: 5mm; }
ul.step-ups ul { margin: .5mm 0 1.5mm; padding-left: 5mm; color: var(--muted); }
ul.cover li { margin-bottom: 1mm; }
.excluded { text-decoration: line-through; color: var(--muted); }
.tag { display: inline-block; font-size: 8pt; font-weight: 600; padding: 0 1.5mm;
       border-radius: 1mm; background: var(--warn); border: 1px solid var(--warn-line);
       text-decoration: none; color: var(--ink); }
ol.exclusions { columns: 2; column-gap: 9mm; margin: 0; padding-left: 6mm;
                font-size: 8.5pt; color: #303848; }
ol.exclusions li { margin-bottom: .8mm; }
p { margin: 0 0 2mm; }
.note { color: var(--muted); font-size: 9pt; }
.notice { background: var(--warn); border: 1px solid var(--warn-line); padding: 3mm 4mm;
          margin: 4mm 0; font-size: 9.5pt; }
.nowrap { white-space: nowrap; }
.mark { text-align: center; }
.hash { font-family: ui-monospace, "DejaVu Sans Mono", "Liberation Mono", monospace;
        font-size: 7.5pt; word-break: break-all; }
@media print {
  body { background: #fff; }
  .page { max-width: none; margin: 0; padding: 0; box-shadow: none; }
}
"""


def esc(value: object) -> str:
    """Text for HTML: ``&``, ``<``, ``>`` and quotes escaped."""
    return html.escape(str(value), quote=True)


def money(value: Decimal, lang: Lang, signed: bool = False) -> str:
    """An amount to the öre with the language's separators: ``1 068,00 kr``."""
    text = f"{number(to_ore(value), places=2, lang=lang)} kr"
    return f"+{text}" if signed and not text.startswith("-") else text


def page(title: str, lang: Lang, body: str, css: str = CSS) -> str:
    """A whole self-contained HTML document."""
    return (f'<!DOCTYPE html>\n<html lang="{esc(lang)}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{esc(title)}</title>\n<style>{css}</style>\n</head>\n<body>\n"
            f'<main class="page">\n{body}</main>\n</body>\n</html>\n')


def _section(key: str, title: str, body: str) -> str:
    return f'<section id="{esc(key)}">\n<h2>{esc(title)}</h2>\n{body}</section>\n'


def _cell(tag: str, content: str, cls: str) -> str:
    return f'<{tag} class="{cls}">{content}</{tag}>' if cls else f"<{tag}>{content}</{tag}>"


def _table(head: Sequence[tuple[str, str]], rows: Iterable[str], wide: bool = False) -> str:
    """A table: headings (text, class) and rows made by :func:`_row`; ``wide`` for many
    columns (a smaller type)."""
    cells = "".join(_cell("th", esc(h), cls) for h, cls in head)
    attr = ' class="wide"' if wide else ""
    body = "".join(rows)
    return f"<table{attr}>\n<thead><tr>{cells}</tr></thead>\n<tbody>\n{body}</tbody>\n</table>\n"


def _row(*cells: tuple[str, str], cls: str = "") -> str:
    """A table row of already-escaped cells, each (html, class: "num", "mark" or "")."""
    tds = "".join(_cell("td", content, kind) for content, kind in cells)
    attr = f' class="{esc(cls)}"' if cls else ""
    return f"<tr{attr}>{tds}</tr>\n"


def _header(offer: Offer) -> str:
    lang = offer.lang
    facts = [(t("offer.made_on", lang), offer.made_on.isoformat()),
             (t("offer.valid_until", lang), offer.valid_until.isoformat()),
             (t("offer.start_date", lang), offer.start_date.isoformat())]
    dl = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in facts)
    subtitle = f'<p class="subtitle">{esc(offer.subtitle)}</p>' if offer.subtitle else ""
    return (f'<header>\n<div class="title"><p class="insurer">{esc(offer.insurer)}</p>'
            f"<h1>{esc(offer.title)}</h1>{subtitle}</div>\n"
            f'<dl class="facts">{dl}</dl>\n</header>\n')


def _premium(offer: Offer) -> str:
    lang = offer.lang
    amount = offer.premium
    if amount is None:
        return ""
    single = len(offer.lines) == 1
    label = t("offer.monthly_premium", lang)
    per = t("offer.per_month", lang) if single else t("offer.per_month_total", lang)
    options = ""
    if single:
        line = offer.lines[0]
        options = (f'<span class="options">{esc(line.product_name)} · '
                   f'{esc(" · ".join(line.options))}</span>')
    priced_on = t("offer.premium_priced_on", lang, date=offer.start_date.isoformat())
    return (f'<section id="premium" class="premium keep"><span class="label">{esc(label)}'
            f'</span><span class="amount">{esc(money(amount, lang))}</span>'
            f"<span>{esc(per)}</span>{options}</section>\n"
            f'<p class="note">{esc(priced_on)}</p>\n')


def _person_facts(person: Person, lang: Lang) -> str:
    facts: list[tuple[str, str]] = []
    if person.role:
        facts.append((t("offer.role", lang), person.role))
    if person.name:
        facts.append((t("offer.name", lang), person.name))
    if person.masked_id:
        facts.append((t("offer.id", lang), person.masked_id))
    if person.birth_date:
        facts.append((t("offer.birth_date", lang), person.birth_date.isoformat()))
    facts.append((t("offer.age", lang), t("offer.age_years", lang, age=person.age)))
    dl = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in facts)
    guardian = f'<p class="note">{esc(t("offer.guardian", lang))}</p>\n' \
        if person.guardian_needed else ""
    return f'<dl class="person">{dl}</dl>\n{guardian}'


def _customer(offer: Offer) -> str:
    lang = offer.lang
    body = ""
    if offer.policyholder:
        body += (f'<dl class="person"><dt>{esc(t("offer.policyholder", lang))}</dt>'
                 f"<dd>{esc(offer.policyholder)}</dd></dl>\n")
    if offer.customer is not None:
        body += _person_facts(offer.customer, lang)
    if not body:
        return ""
    return _section("customer", t("offer.customer", lang), body)


def _who(person: Person, lang: Lang) -> str:
    """A person in one table cell: role, name, masked id or birth date, age."""
    parts = [p for p in (person.role, person.name) if p]
    born = person.masked_id or (person.birth_date.isoformat() if person.birth_date else None)
    if born:
        parts.append(born)
    parts.append(t("offer.age_years", lang, age=person.age))
    return " · ".join(f'<span class="nowrap">{esc(part)}</span>' for part in parts)


def _summary(offer: Offer) -> str:
    """Every line in one table (offers of several lines), with the totals."""
    lang = offer.lang
    persons = offer.kind != "compare"
    extras: list[str] = []
    for line in offer.lines:
        extras.extend(label for label, _ in line.extras if label not in extras)
    same_options = len({line.options for line in offer.lines}) == 1
    marks: dict[str, str] = {}  # a note, said once under the table, and its mark
    for line in offer.lines:
        if line.note:
            marks.setdefault(line.note, "*" * (len(marks) + 1))
    head: list[tuple[str, str]] = []
    if persons:
        head.append((t("offer.persons", lang), ""))
    head.append((t("offer.product", lang), ""))
    if not same_options:
        head.append((t("offer.options", lang), ""))
    head += [(t("offer.col.monthly", lang), "num"), (t("offer.col.yearly", lang), "num")]
    head += [(label, "num") for label in extras]
    rows = []
    for line in offer.lines:
        mark = marks[line.note] if line.note else ""
        offered = line.monthly is not None and line.yearly is not None
        cells: list[tuple[str, str]] = []
        if persons:
            cells.append((_who(line.person, lang), ""))
        cells.append((esc(line.product_name + ("" if not offered else mark)), "nowrap"))
        if not same_options:
            cells.append((esc(", ".join(line.options)), ""))
        if line.monthly is None or line.yearly is None:
            cells += [(esc(t("offer.not_offered", lang) + mark), "num"), ("—", "num")]
        else:
            cells += [(esc(money(line.monthly, lang)), "num"),
                      (esc(money(line.yearly, lang)), "num")]
        amounts = dict(line.extras)
        cells += [(esc(money(amounts[label], lang)) if label in amounts else "—", "num")
                  for label in extras]
        rows.append(_row(*cells))
    if offer.totals:
        sums = {total.column: total.amount for total in offer.totals}
        columns = ["monthly", "yearly", *extras]
        cells = [(esc(money(sums[c], lang)) if c in sums else "", "num") for c in columns]
        label = f"<strong>{esc(t('offer.totals', lang))}</strong>"
        rows.append(_row((label, ""), *[("", "")] * (len(head) - len(columns) - 1),
                         *cells, cls="total"))
    lead = ""
    if same_options:
        lead = (f'<p class="note">{esc(t("offer.options", lang))}: '
                f'{esc(", ".join(offer.lines[0].options))}</p>\n')
    table = _table(head, rows, wide=len(head) > 6)
    notes = "".join(f'<p class="note">{esc(mark)} {esc(note)}</p>\n'
                    for note, mark in marks.items())
    return _section("summary", t("offer.summary", lang),
                    lead + table + notes + _step_ups(offer))


def _step_ups(offer: Offer) -> str:
    """What each step up from one product to the next adds, and what it costs more."""
    if not offer.step_ups:
        return ""
    lang = offer.lang
    items = []
    for up in offer.step_ups:
        head = t("offer.step_up", lang, to=up.to_name, base=up.from_name,
                 extra=money(up.extra_monthly, lang))
        adds = "".join(f"<li>{esc(text)}</li>" for text in up.adds)
        items.append(f"<li><strong>{esc(head)}</strong><ul>{adds}</ul></li>\n")
    return (f'<h3>{esc(t("offer.step_ups", lang))}</h3>\n'
            f'<ul class="step-ups keep">\n{"".join(items)}</ul>\n')


def _breakdown(line: Line, lang: Lang) -> str:
    head = [(t("offer.col.step", lang), ""), (t("offer.col.amount", lang), "num"),
            (t("offer.col.monthly", lang), "num")]
    rows = [_row((esc(s.label), ""), (esc(money(s.amount, lang, signed=not s.first)), "num"),
                 (esc(money(s.subtotal, lang)), "num")) for s in line.steps]
    if line.monthly is not None:
        rows.append(f'<tr class="total"><td colspan="2">{esc(t("offer.monthly_premium", lang))}'
                    f'</td><td class="num">{esc(money(line.monthly, lang))}</td></tr>\n')
    return _table(head, rows)


def _payment(line: Line, lang: Lang) -> str:
    head = [(t("offer.col.period", lang), ""), (t("offer.col.methods", lang), ""),
            (t("offer.col.instalment", lang), "num"), (t("offer.col.yearly", lang), "num")]
    rows = []
    for i in line.instalments:
        label = esc(i.label) + (f' <span class="tag">{esc(t("offer.chosen", lang))}</span>'
                                if i.chosen else "")
        rows.append(_row((label, ""), (esc(", ".join(i.methods)), ""),
                         (esc(money(i.amount, lang)), "num"), (esc(money(i.yearly, lang)), "num"),
                         cls="chosen" if i.chosen else ""))
    return _table(head, rows)


def _details(offer: Offer) -> str:
    lang = offer.lang
    if not offer.details:
        return ""
    if len(offer.lines) == 1:
        line = offer.lines[0]
        body = _section("breakdown", t("offer.breakdown", lang), _breakdown(line, lang))
        if line.instalments:
            body += _section("payment", t("offer.payment", lang), _payment(line, lang))
        return body
    parts = []
    for line in offer.lines:
        heading = f"{_who(line.person, lang)} – {esc(line.product_name)}, " \
                  f"{esc(', '.join(line.options))}"
        parts.append(f'<div class="keep"><h3>{heading}</h3>\n{_breakdown(line, lang)}</div>\n')
    return _section("breakdown", t("offer.breakdown", lang), "".join(parts))


def _cover_list(items: Sequence[CoverItem], lang: Lang) -> str:
    lis = []
    for item in items:
        limit = f'<br><span class="note">{esc(item.limit)}</span>' if item.limit else ""
        if item.excluded:
            lis.append(f'<li><span class="excluded">{esc(item.text)}</span> '
                       f'<span class="tag">{esc(t("offer.cover.excluded", lang))}</span>'
                       f"{limit}</li>\n")
        else:
            lis.append(f"<li>{esc(item.text)}{limit}</li>\n")
    return f'<ul class="cover">\n{"".join(lis)}</ul>\n'


def _cover(offer: Offer) -> str:
    lang = offer.lang
    products: dict[str, Line] = {}
    for line in offer.lines:
        products.setdefault(line.product_id, line)
    if not products:
        return ""
    if len(offer.lines) == 1 or len(products) == 1:
        return _section("cover", t("offer.cover", lang),
                        _cover_list(offer.lines[0].cover, lang))
    texts: dict[str, str] = {}
    for line in sorted(products.values(), key=lambda ln: -len(ln.cover)):
        for item in line.cover:
            texts.setdefault(item.moment, item.text)
    head = [(t("offer.cover.moment", lang), "")] + [
        (line.product_name, "mark") for line in products.values()]
    rows = []
    for moment, text in texts.items():
        cells = [(esc(text), "")]
        for line in products.values():
            has = any(item.moment == moment for item in line.cover)
            cells.append(("✓" if has else "—", "mark"))
        rows.append(_row(*cells))
    return _section("cover", t("offer.cover", lang), _table(head, rows))


def _terms(offer: Offer) -> str:
    lang = offer.lang
    if offer.kind != "apply":
        return ""
    terms = [term for line in offer.lines for term in line.terms]
    body = ""
    if offer.outcome:
        outcome = t(f"offer.outcome.{offer.outcome}", lang)
        body += f"<p><strong>{esc(t('offer.outcome', lang, outcome=outcome))}</strong></p>\n"
    if offer.provisional:
        body += f'<p class="notice">{esc(t("offer.provisional", lang))}</p>\n'
    if offer.karens_text:
        body += f"<p>{esc(offer.karens_text)}</p>\n"
    elif terms:
        body += f"<p class=\"lead\">{esc(t('offer.terms.intro', lang))}</p>\n"
        head = [(t("offer.col.term", lang), ""), (t("offer.col.reason", lang), "")]
        body += _table(head, [_row((esc(term.text), ""), (esc(term.reason), ""))
                              for term in terms])
    else:
        body += f"<p>{esc(t('offer.terms.none', lang))}</p>\n"
    if not offer.karens_text:
        body += f'<p class="note">{esc(t("offer.no_health_answers", lang))}</p>\n'
    return _section("terms", t("offer.terms", lang), body)


def _general_exclusions(offer: Offer) -> str:
    lang = offer.lang
    if not offer.general_exclusions:
        return ""
    items = "".join(f'<li value="{item.number}">{esc(item.text)}</li>\n'
                    for item in offer.general_exclusions)
    body = (f'<p class="note lead">{esc(t("offer.general_exclusions.intro", lang))}</p>\n'
            f'<ol class="exclusions" lang="sv">\n{items}</ol>\n')
    return _section("general-exclusions", t("offer.general_exclusions", lang), body)


def _withdrawal(offer: Offer) -> str:
    lang = offer.lang
    if offer.withdrawal_days is None:
        return ""
    body = f"<p><strong>{esc(t('offer.withdrawal.summary', lang, days=offer.withdrawal_days))}" \
           f"</strong></p>\n"
    if offer.withdrawal_text:
        body += f'<p lang="sv">{esc(offer.withdrawal_text)}</p>\n'
    return _section("withdrawal", t("offer.withdrawal", lang), body)


def _about(offer: Offer) -> str:
    lang = offer.lang
    paragraphs = [t("offer.validity", lang, until=offer.valid_until.isoformat(),
                    days=offer.valid_days, made=offer.made_on.isoformat())]
    if offer.premium_start_text:
        paragraphs.append(t("offer.premium_start", lang, text=offer.premium_start_text))
    paragraphs.append(t("offer.renewal", lang))
    body = "".join(f"<p>{esc(p)}</p>\n" for p in paragraphs)
    body += "".join(f'<p class="notice">{esc(n)}</p>\n' for n in offer.notices)
    return _section("validity", t("offer.conditions", lang), body)


def _sources(offer: Offer) -> str:
    lang = offer.lang
    if not offer.sources:
        return ""
    head = [(t("offer.col.what", lang), ""), (t("offer.col.version", lang), ""),
            (t("offer.col.from", lang), ""), ("sha256", "")]
    rows = [_row((f"{esc(s.what)}<br><span class=\"note\">{esc(s.file)}</span>", ""),
                 (esc(s.version), ""),
                 (f'<span class="nowrap">{esc(s.effective_from.isoformat())}</span>'
                  if s.effective_from else "—", ""),
                 (f'<span class="hash">{esc(s.sha256)}</span>', ""))
            for s in offer.sources]
    body = f'<p class="note">{esc(t("offer.sources.intro", lang))}</p>\n' + _table(head, rows)
    body += f'<p class="note">{esc(t("offer.generator", lang, tool=offer.generator))}</p>\n'
    return _section("sources", t("offer.sources", lang), body)


def render(offer: Offer) -> str:
    """The offer as one self-contained HTML page."""
    lang = offer.lang
    body = "".join([
        _header(offer),
        _premium(offer),
        _customer(offer),
        _summary(offer) if len(offer.lines) > 1 else "",
        _details(offer),
        _cover(offer),
        _terms(offer),
        _about(offer),
        _withdrawal(offer),
        _general_exclusions(offer),
        _sources(offer),
    ])
    return page(t("offer.doc_title", lang, title=offer.title, insurer=offer.insurer), lang, body)
