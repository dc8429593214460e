"""Report charts drawn by pygal as inline SVG: they show without JavaScript and print as they are."""

from __future__ import annotations

import sys
from collections.abc import Sequence

import pygal
from markupsafe import Markup
from pygal.style import Style

from lawportal.hearings.services import QuestionFigures, SectionFigures

# pygal appends an import hook (for its optional map plugins, unused here) that has no ``find_spec``;
# every later failed import then raises ImportWarning, an error under our warning policy. Remove it.
sys.meta_path[:] = [finder for finder in sys.meta_path if type(finder).__name__ != "PluginImportFixer"]

_STYLE = Style(
    background="white",
    plot_background="white",
    colors=("#2e7d32", "#c62828", "#f9a825"),
    font_family="'Noto Sans Thai', 'Sarabun', sans-serif",
)


def stance_chart(figures: Sequence[SectionFigures], title: str, labels: tuple[str, str, str]) -> Markup:
    """Agree / disagree / suggest per section, stacked horizontally."""
    chart = pygal.HorizontalStackedBar(
        style=_STYLE,
        height=120 + 28 * len(figures),
        legend_at_bottom=True,
        print_values=False,
        disable_xml_declaration=True,
        explicit_size=False,
    )
    chart.title = title
    chart.x_labels = [f.label or f.number for f in figures]
    for label, values in zip(
        labels, ([f.agree for f in figures], [f.disagree for f in figures], [f.suggest for f in figures]), strict=True
    ):
        chart.add(label, values)
    return Markup(chart.render(is_unicode=True))


def question_chart(figures: QuestionFigures) -> Markup:
    """Answers to one closed question, one bar per option."""
    chart = pygal.HorizontalBar(
        style=_STYLE,
        height=100 + 30 * max(len(figures.counts), 1),
        show_legend=False,
        disable_xml_declaration=True,
        explicit_size=False,
    )
    chart.title = figures.question.prompt
    chart.x_labels = list(figures.counts)
    chart.add("", list(figures.counts.values()))
    return Markup(chart.render(is_unicode=True))
