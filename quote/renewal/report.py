"""The renewal report: one self-contained HTML page for people (`--report FILE.html`).

The summary table, a histogram of the change bands, the mean premium by age before and
after, totals by product and självrisk, and the rejects by reason. Charts are inline SVG
drawn here (no script, no font, no network at view time); the page prints on A4 with
each section kept whole. Text comes from :mod:`quote.text.report` in the current
language. A pure function of the summary: no clock, no file.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from html import escape

from quote.i18n import get_lang, number, t
from quote.renewal.stats import BANDS, Summary


@dataclass(frozen=True)
class ReportTitles:
    """What the report is about: its title, the book's name, the tariff(s), and the
    words for the two premiums compared (before/after, or current/proposed)."""

    title: str
    book: str
    tariff: str
    before: str
    after: str


def money(ore: int | Decimal) -> str:
    return f"{number(Decimal(ore) / 100, places=2)} kr"


def change_pct(before: int, after: int) -> str:
    if not before:
        return "–"
    change = (Decimal(after - before) * 100 / before).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return ("+" if change > 0 else "") + number(change, places=2) + " %"


def nice_step(top: Decimal, steps: int = 4) -> Decimal:
    """A round step (1, 2, 2.5, 5 or 10 times a power of ten, never below 1) so ``steps``
    of it reach ``top``: the smallest such. (10 times the power always reaches.)"""
    raw = top / steps
    power = Decimal(10) ** (len(str(int(raw))) - 1) if raw >= 1 else Decimal(1)
    return next(power * factor for factor in (1, 2, Decimal("2.5"), 5, 10)
                if power * factor >= raw)


CSS = """
:root { --ink: #1d2733; --muted: #5b6775; --line: #d5dbe1; --before: #8a9bb0;
        --after: #1f6fb2; --bar: #1f6fb2; --neg: #2e8b57; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
       color: var(--ink); margin: 2rem auto; max-width: 60rem; padding: 0 1.5rem;
       line-height: 1.45; background: #fff; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.15rem; margin: 0 0 .5rem; border-bottom: 2px solid var(--line);
     padding-bottom: .2rem; }
.meta { color: var(--muted); margin: 0 0 1.5rem; }
section { margin: 0 0 2rem; break-inside: avoid; page-break-inside: avoid; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { text-align: left; padding: .3rem .6rem; border-bottom: 1px solid var(--line); }
td.n, th.n { text-align: right; }
td.n { white-space: nowrap; }
tfoot td { font-weight: 600; border-top: 2px solid var(--ink); }
.note { color: var(--muted); font-size: .9rem; margin: .25rem 0 .5rem; }
svg { width: 100%; height: auto; display: block; }
svg text { font-family: inherit; fill: var(--ink); }
.legend span { display: inline-block; margin-right: 1.2rem; }
.legend i { display: inline-block; width: .9rem; height: .9rem; margin-right: .3rem;
            vertical-align: -.1rem; border-radius: 2px; }
.total { font-size: 1.05rem; }
@page { size: A4; margin: 16mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 10.5pt; }
  section { margin-bottom: 1.2rem; }
}
"""


def report_html(summary: Summary, titles: ReportTitles) -> str:
    """The whole page."""
    lang = get_lang()
    parts = [
        "<!DOCTYPE html>", f'<html lang="{lang}">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; img-src data:\">",
        f"<title>{escape(titles.title)} – {escape(titles.book)}</title>",
        f"<style>{CSS}</style>", "</head>", "<body>",
        f"<h1>{escape(titles.title)}</h1>",
        f'<p class="meta">{escape(t("report.book"))}: {escape(titles.book)} · '
        f'{escape(t("report.tariff"))}: {escape(titles.tariff)}</p>',
        _summary(summary, titles), _bands(summary), _by_age(summary, titles),
        _by_product(summary, titles), _rejects(summary), "</body>", "</html>", ""]
    return "\n".join(parts)


def _row(label: str, value: str, css: str = "") -> str:
    attr = f' class="{css}"' if css else ""
    return f'<tr{attr}><th scope="row">{escape(label)}</th><td class="n">{escape(value)}</td></tr>'


def _summary(summary: Summary, titles: ReportTitles) -> str:
    rows = [_row(t("report.rows_in"), number(summary.rows_in)),
            _row(t("report.rows_out"), number(summary.rows_out)),
            _row(t("report.rows_rejected"), number(summary.rows_rejected)),
            _row(t("report.with_current"), number(summary.with_current)),
            _row(t("report.sum_before", label=titles.before.lower()),
                 money(summary.before_ore), "total"),
            _row(t("report.sum_before", label=titles.after.lower()),
                 money(summary.after_ore), "total"),
            _row(t("report.change"), change_pct(summary.before_ore, summary.after_ore)),
            _row(t("report.after_all"), money(summary.after_all_ore), "total"),
            _row(t("report.moved"), number(summary.moved_bracket))]
    return (f'<section id="summary"><h2>{escape(t("report.summary"))}</h2>'
            f'<table>{"".join(rows)}</table></section>')


def _bands(summary: Summary) -> str:
    counts = [summary.bands.get(b, 0) for b in BANDS]
    top = max(counts) or 1
    width, height, left, bottom, gap = 720, 260, 50, 40, 18
    slot = (width - left) / len(BANDS)
    bars = []
    for i, (band, count) in enumerate(zip(BANDS, counts, strict=True)):
        h = (height - bottom - 30) * count / top
        x = left + i * slot + gap / 2
        y = height - bottom - h
        colour = "var(--neg)" if band == BANDS[0] else "var(--bar)"
        label = escape(t(f"report.band.{band}"))
        bars.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{slot - gap:.1f}" height="{h:.1f}" '
            f'fill="{colour}"><title>{label}: {number(count)}</title></rect>'
            f'<text x="{x + (slot - gap) / 2:.1f}" y="{y - 6:.1f}" text-anchor="middle" '
            f'font-size="13">{number(count)}</text>'
            f'<text x="{x + (slot - gap) / 2:.1f}" y="{height - bottom + 18:.1f}" '
            f'text-anchor="middle" font-size="13">{label}</text>')
    axis = (f'<line x1="{left}" y1="{height - bottom}" x2="{width}" y2="{height - bottom}" '
            'stroke="#5b6775"/>')
    svg = (f'<svg viewBox="0 0 {width} {height}" role="img" '
           f'aria-label="{escape(t("report.bands"))}">{axis}{"".join(bars)}</svg>')
    return (f'<section id="bands"><h2>{escape(t("report.bands"))}</h2>'
            f'<p class="note">{escape(t("report.bands.note"))}</p>{svg}</section>')


def _by_age(summary: Summary, titles: ReportTitles) -> str:
    points = sorted((age, f) for age, f in summary.by_age.items()
                    if age is not None and f[1])
    head = f'<section id="by-age"><h2>{escape(t("report.by_age"))}</h2>'
    explained = t("report.by_age.note", before=titles.before.lower(),
                  after=titles.after.lower())
    note = f'<p class="note">{escape(explained)}</p>'
    if not points:
        return f'{head}<p class="note">{escape(t("report.no_data"))}</p></section>'
    means = [(age, Decimal(f[2]) / f[1] / 100, Decimal(f[3]) / f[1] / 100)
             for age, f in points]
    width, height, left, right, top, bottom = 720, 300, 70, 20, 20, 40
    lo_age, hi_age = means[0][0], max(means[-1][0], means[0][0] + 1)
    step_kr = nice_step(max(max(b, a) for _, b, a in means))
    hi = step_kr * 4

    def x(age: int) -> float:
        return left + (width - left - right) * (age - lo_age) / (hi_age - lo_age)

    def y(value: Decimal) -> float:
        return float(height - bottom - (height - top - bottom) * value / hi)

    grid = []
    for k in range(5):
        value = step_kr * k
        grid.append(f'<line x1="{left}" y1="{y(value):.1f}" x2="{width - right}" '
                    f'y2="{y(value):.1f}" stroke="#d5dbe1"/>'
                    f'<text x="{left - 6}" y="{y(value) + 4:.1f}" text-anchor="end" '
                    f'font-size="12">{number(value.to_integral_value(ROUND_HALF_UP))}</text>')
    step = max(1, (hi_age - lo_age) // 10)
    for age in range(lo_age - lo_age % step if step > 1 else lo_age, hi_age + 1, step):
        if age >= lo_age:
            grid.append(f'<text x="{x(age):.1f}" y="{height - bottom + 18}" '
                        f'text-anchor="middle" font-size="12">{age}</text>')
    grid.append(f'<text x="{(left + width) / 2:.0f}" y="{height - 4}" text-anchor="middle" '
                f'font-size="12">{escape(t("report.age"))}</text>')

    def line(index: int, colour: str, dash: str) -> str:
        coords = " ".join(f"{x(age):.1f},{y(m[index - 1]):.1f}" for age, *m in means)
        return (f'<polyline points="{coords}" fill="none" stroke="{colour}" '
                f'stroke-width="2.5" stroke-dasharray="{dash}"/>')

    svg = (f'<svg viewBox="0 0 {width} {height}" role="img" '
           f'aria-label="{escape(t("report.by_age"))}">{"".join(grid)}'
           f'{line(1, "var(--before)", "6 4")}{line(2, "var(--after)", "none")}</svg>')
    legend = (f'<p class="legend"><span><i style="background:var(--before)"></i>'
              f'{escape(titles.before)}</span><span><i style="background:var(--after)"></i>'
              f'{escape(titles.after)}</span></p>')
    return f"{head}{note}{legend}{svg}</section>"


def _by_product(summary: Summary, titles: ReportTitles) -> str:
    head = (f'<section id="by-product"><h2>{escape(t("report.by_product"))}</h2><table>'
            f'<thead><tr><th>{escape(t("report.product"))}</th>'
            f'<th class="n">{escape(t("report.deductible"))}</th>'
            f'<th class="n">{escape(t("report.rows"))}</th>'
            f'<th class="n">{escape(titles.before)}</th>'
            f'<th class="n">{escape(titles.after)}</th>'
            f'<th class="n">{escape(t("report.change"))}</th>'
            f'<th class="n">{escape(t("report.after_all.short"))}</th></tr></thead><tbody>')
    body = []
    for (product, deductible), figures in sorted(
            summary.by_product.items(), key=lambda kv: (kv[0][0], _as_number(kv[0][1]))):
        rows, _with, before, after, after_all = figures
        body.append(f'<tr><td>{escape(product)}</td>'
                    f'<td class="n">{escape(money(_as_number(deductible) * 100))}</td>'
                    f'<td class="n">{number(rows)}</td><td class="n">{money(before)}</td>'
                    f'<td class="n">{money(after)}</td>'
                    f'<td class="n">{escape(change_pct(before, after))}</td>'
                    f'<td class="n">{money(after_all)}</td></tr>')
    total = [sum(figures[i] for figures in summary.by_product.values()) for i in range(5)]
    foot = (f'<tfoot><tr><td>{escape(t("report.total"))}</td><td></td>'
            f'<td class="n">{number(total[0])}</td><td class="n">{money(total[2])}</td>'
            f'<td class="n">{money(total[3])}</td>'
            f'<td class="n">{escape(change_pct(total[2], total[3]))}</td>'
            f'<td class="n">{money(total[4])}</td></tr></tfoot>')
    return f'{head}{"".join(body)}</tbody>{foot}</table></section>'


def _as_number(text: str) -> Decimal:
    try:
        return Decimal(text)
    except ArithmeticError:
        return Decimal(0)


def _rejects(summary: Summary) -> str:
    head = f'<section id="rejects"><h2>{escape(t("report.rejects"))}</h2>'
    if not summary.rejected:
        return f'{head}<p>{escape(t("report.no_rejects"))}</p></section>'
    rows = "".join(f'<tr><td><code>{escape(code)}</code></td><td class="n">{number(n)}</td></tr>'
                   for code, n in sorted(summary.rejected.items(), key=lambda kv: (-kv[1], kv[0])))
    return (f'{head}<table><thead><tr><th>{escape(t("report.reason"))}</th>'
            f'<th class="n">{escape(t("report.count"))}</th></tr></thead><tbody>{rows}'
            f'</tbody><tfoot><tr><td>{escape(t("report.total"))}</td>'
            f'<td class="n">{number(summary.rows_rejected)}</td></tr></tfoot></table></section>')
