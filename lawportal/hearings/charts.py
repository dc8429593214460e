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
    font_family="'Sarabun', 'Noto Sans Thai', sans-serif",
    title_font_size=18,
    label_font_size=14,
    major_label_font_size=14,
    legend_font_size=14,
    value_font_size=14,
)
CHART_WIDTH = 480  # SVG units; the chart scales to its container, and stays readable on a phone


def stance_chart(figures: Sequence[SectionFigures], title: str, labels: tuple[str, str, str]) -> Markup:
    """Agree / disagree / suggest per section, stacked horizontally."""
    chart = pygal.HorizontalStackedBar(
        style=_STYLE,
        width=CHART_WIDTH,
        height=140 + 36 * len(figures),
        legend_box_size=14,
        legend_at_bottom=True,
        print_values=False,
        disable_xml_declaration=True,
        js=[],  # pygal would load its tooltip script from the internet; the site is self-hosted
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
        width=CHART_WIDTH,
        height=120 + 36 * max(len(figures.counts), 1),
        show_legend=False,
        disable_xml_declaration=True,
        explicit_size=False,
        js=[],
    )
    chart.title = figures.question.prompt
    chart.x_labels = list(figures.counts)
    chart.add("", list(figures.counts.values()))
    return Markup(chart.render(is_unicode=True))
