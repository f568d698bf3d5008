//! Charts drawn on the server as accessible SVG: a title and a description for screen readers, the numbers also
//! given in a table next to the chart by the page, no script, colours with enough contrast.

use domain::Lang;
use domain::strategy::YearValue;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

pub use i18n::number;

/// What one chart shows.
pub struct TrendChart<'a> {
    /// Element id prefix (unique on the page).
    pub id: &'a str,
    /// The chart's title.
    pub title: &'a str,
    /// A sentence describing what it shows (read by screen readers).
    pub description: &'a str,
    /// Reported values by year.
    pub values: &'a [YearValue],
    /// Baseline.
    pub baseline: YearValue,
    /// Target.
    pub target: YearValue,
    /// Interim targets on the way (the planned path passes through them).
    pub interim: &'a [YearValue],
    /// Label of the reported line.
    pub values_label: &'a str,
    /// Label of the line from baseline to target.
    pub target_label: &'a str,
    /// The language numbers are written in.
    pub lang: Lang,
}

/// Draws the values as a line with points, and the planned path from baseline to target as a dashed line.
pub fn trend_svg(c: &TrendChart<'_>) -> String {
    let (w, h) = (560.0_f64, 280.0_f64);
    let (left, right, top, bottom) = (56.0, 16.0, 16.0, 40.0);
    let mut years: Vec<i32> = c.values.iter().map(|v| v.year).collect();
    years.extend([c.baseline.year, c.target.year]);
    years.extend(c.interim.iter().map(|v| v.year));
    let (y0, y1) = (
        years.iter().copied().min().unwrap_or(2024),
        years
            .iter()
            .copied()
            .max()
            .unwrap_or(2030)
            .max(years.iter().copied().min().unwrap_or(2024) + 1),
    );
    let mut all: Vec<f64> = c.values.iter().map(|v| v.value).collect();
    all.extend([c.baseline.value, c.target.value]);
    all.extend(c.interim.iter().map(|v| v.value).filter(|v| v.is_finite()));
    let lo = all.iter().copied().fold(f64::INFINITY, f64::min).min(0.0);
    let mut hi = all.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if !hi.is_finite() || hi <= lo {
        hi = lo + 1.0;
    }
    // Round the scale to a "nice" step (1, 2 or 5 times a power of ten) so the axis reads 0, 20, 40...
    let raw = (hi - lo) / 4.0;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(raw);
    let lo = (lo / step).floor() * step;
    let hi = lo + step * ((hi - lo) / step).ceil().max(1.0);
    let x = |year: i32| left + (f64::from(year - y0) / f64::from(y1 - y0)) * (w - left - right);
    let y = |v: f64| top + (1.0 - (v - lo) / (hi - lo)) * (h - top - bottom);
    let mut svg = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" \
         xmlns=\"http://www.w3.org/2000/svg\"><title id=\"{id}-title\">{title}</title><desc id=\"{id}-desc\">{desc}</desc>",
        id = esc(c.id),
        title = esc(c.title),
        desc = esc(c.description)
    );
    // Axes and a few gridlines with labels.
    let ticks = ((hi - lo) / step).round() as i32;
    for i in 0..=ticks {
        let v = lo + step * f64::from(i);
        let yy = y(v);
        svg.push_str(&format!(
            "<line x1=\"{left}\" x2=\"{}\" y1=\"{yy:.1}\" y2=\"{yy:.1}\" class=\"grid\"/><text x=\"{}\" y=\"{:.1}\" class=\"axis\" text-anchor=\"end\">{}</text>",
            w - right,
            left - 6.0,
            yy + 4.0,
            number(v, c.lang)
        ));
    }
    let step = ((y1 - y0) / 8).max(1);
    let mut year = y0;
    while year <= y1 {
        svg.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{}\" class=\"axis\" text-anchor=\"middle\">{year}</text>",
            x(year),
            h - bottom + 18.0
        ));
        year += step;
    }
    // The planned path.
    let mut planned = vec![c.baseline];
    let mut interim: Vec<YearValue> = c
        .interim
        .iter()
        .filter(|v| v.year > c.baseline.year && v.year < c.target.year && v.value.is_finite())
        .copied()
        .collect();
    interim.sort_by_key(|v| v.year);
    planned.extend(interim);
    planned.push(c.target);
    let path: Vec<String> = planned
        .iter()
        .map(|p| format!("{:.1},{:.1}", x(p.year), y(p.value)))
        .collect();
    svg.push_str(&format!(
        "<polyline points=\"{}\" fill=\"none\" class=\"target-line\"><title>{}</title></polyline>",
        path.join(" "),
        esc(c.target_label)
    ));
    // The reported values.
    let mut points: Vec<YearValue> = c.values.to_vec();
    points.sort_by_key(|v| v.year);
    if points.len() > 1 {
        let path: Vec<String> = points
            .iter()
            .map(|p| format!("{:.1},{:.1}", x(p.year), y(p.value)))
            .collect();
        svg.push_str(&format!(
            "<polyline points=\"{}\" class=\"values-line\"/>",
            path.join(" ")
        ));
    }
    for p in &points {
        svg.push_str(&format!(
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"4.5\" class=\"values-point\"><title>{}: {}</title></circle>",
            x(p.year),
            y(p.value),
            p.year,
            number(p.value, c.lang)
        ));
    }
    // Legend.
    svg.push_str(&format!(
        "<g class=\"legend\" transform=\"translate({left},{})\"><line x1=\"0\" x2=\"18\" y1=\"0\" y2=\"0\" class=\"values-line\"/>\
         <text x=\"24\" y=\"4\">{}</text><line x1=\"180\" x2=\"198\" y1=\"0\" y2=\"0\" class=\"target-line\"/><text x=\"204\" y=\"4\">{}</text></g>",
        h - 8.0,
        esc(c.values_label),
        esc(c.target_label)
    ));
    svg.push_str("</svg>");
    svg
}

/// One bar: its label and value, or `None` for a value that is not shown (drawn as an outline with `hidden`).
pub struct Bar<'a> {
    /// The label.
    pub label: &'a str,
    /// The value, when shown.
    pub value: Option<u64>,
}

/// Draws horizontal bars with their labels and values: for a breakdown whose numbers the page also gives as a
/// table. A bar whose value is not shown is an outline with `hidden` written in place of the number.
pub fn bars_svg(id: &str, title: &str, bars: &[Bar<'_>], hidden: &str, lang: Lang) -> String {
    let (label_w, bar_w, value_w, row_h) = (150.0_f64, 300.0_f64, 110.0_f64, 24.0_f64);
    let width = label_w + bar_w + value_w;
    let height = row_h * bars.len().max(1) as f64 + 8.0;
    let max = bars
        .iter()
        .filter_map(|b| b.value)
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart bars\" viewBox=\"0 0 {width} {height}\" role=\"img\" \
         aria-labelledby=\"{id}-title\"><title id=\"{id}-title\">{}</title>",
        esc(title)
    );
    for (i, b) in bars.iter().enumerate() {
        let y = 4.0 + row_h * i as f64;
        out.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" class=\"bar-label\">{}</text>",
            label_w - 8.0,
            y + 16.0,
            esc(b.label)
        ));
        match b.value {
            Some(v) => {
                let w = (v as f64 / max * bar_w).max(1.0);
                out.push_str(&format!(
                    "<rect x=\"{label_w}\" y=\"{}\" width=\"{w:.1}\" height=\"{}\" class=\"bar\"/>\
                     <text x=\"{}\" y=\"{}\" class=\"bar-value\">{}</text>",
                    y + 3.0,
                    row_h - 8.0,
                    label_w + w + 6.0,
                    y + 16.0,
                    esc(&number(v as f64, lang))
                ));
            }
            None => out.push_str(&format!(
                "<rect x=\"{label_w}\" y=\"{}\" width=\"24\" height=\"{}\" class=\"bar bar-hidden\"/>\
                 <text x=\"{}\" y=\"{}\" class=\"bar-value\">{}</text>",
                y + 3.0,
                row_h - 8.0,
                label_w + 30.0,
                y + 16.0,
                esc(hidden)
            )),
        }
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charts_name_themselves_and_escape_text() {
        let values = [
            YearValue {
                year: 2024,
                value: 15.0,
            },
            YearValue {
                year: 2025,
                value: 18.5,
            },
        ];
        let svg = trend_svg(&TrendChart {
            id: "i1",
            title: "Requests <b>",
            description: "Two values & a target",
            values: &values,
            baseline: YearValue {
                year: 2023,
                value: 12.0,
            },
            target: YearValue {
                year: 2030,
                value: 30.0,
            },
            values_label: "Reported",
            interim: &[],
            target_label: "Planned path",
            lang: Lang::En,
        });
        assert!(
            svg.contains("role=\"img\"") && svg.contains("aria-labelledby=\"i1-title i1-desc\"")
        );
        assert!(svg.contains("Requests &lt;b&gt;") && svg.contains("Two values &amp; a target"));
        assert!(svg.contains("2025: 18.5"));
        assert_eq!(number(2.0, Lang::En), "2");
        assert_eq!(number(0.126, Lang::En), "0.13");
        assert_eq!(number(150.5, Lang::Sv), "150,5");
        assert_eq!(number(-0.001, Lang::Sv), "0");
    }
}
