//! The cycle-level timeline: one lane per pCPU, coloured segments, zoom and pan
//! (buttons, keys, wheel), and a tooltip telling what ran and why.

use yew::prelude::*;

use crate::i18n::{t, Lang};
use crate::palette;
use crate::state::ResultRef;

#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    pub lang: Lang,
    pub result: ResultRef,
}

/// Width of the drawing in SVG units.
const W: f64 = 1000.0;
const LANE: f64 = 26.0;
const LABEL: f64 = 64.0;
/// Most segments drawn at once (tiny ones are skipped beyond this).
const MAX_DRAWN: usize = 6000;

/// A visible window of the trace, in cycles.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct View {
    pub start: f64,
    pub span: f64,
}

impl View {
    /// Zooms by `factor` (<1 zooms in) around the fraction `at` of the view, kept inside [0, end].
    pub fn zoom(self, factor: f64, at: f64, end: f64) -> View {
        let span = (self.span * factor).clamp(10.0, end.max(10.0));
        let pivot = self.start + self.span * at;
        View {
            start: pivot - span * at,
            span,
        }
        .clamp(end)
    }
    /// Pans by `fraction` of the view's span.
    pub fn pan(self, fraction: f64, end: f64) -> View {
        View {
            start: self.start + self.span * fraction,
            span: self.span,
        }
        .clamp(end)
    }
    fn clamp(self, end: f64) -> View {
        let start = self.start.min(end - self.span).max(0.0);
        View {
            start,
            span: self.span,
        }
    }
}

#[function_component(Timeline)]
pub fn timeline(props: &TimelineProps) -> Html {
    let lang = props.lang;
    let segs = props.result.trace.clone().unwrap_or_default();
    let end = segs.iter().map(|s| s.end).max().unwrap_or(0) as f64;
    let lanes = segs.iter().map(|s| s.pcpu).max().map_or(0, |m| m + 1);
    let view = use_state(|| View {
        start: 0.0,
        span: end.max(1.0),
    });
    let hover = use_state(|| None::<usize>);
    {
        let view = view.clone();
        use_effect_with(props.result.clone(), move |_| {
            view.set(View {
                start: 0.0,
                span: end.max(1.0),
            })
        });
    }
    if segs.is_empty() {
        return html! { <p class="empty">{ t(lang, "timeline.none") }</p> };
    }
    let v = *view;
    let act = |f: fn(View, f64) -> View| {
        let view = view.clone();
        Callback::from(move |_: MouseEvent| view.set(f(*view, end)))
    };
    let onkeydown = {
        let view = view.clone();
        Callback::from(move |e: KeyboardEvent| {
            let next = match e.key().as_str() {
                "ArrowLeft" => view.pan(-0.2, end),
                "ArrowRight" => view.pan(0.2, end),
                "+" | "=" => view.zoom(0.5, 0.5, end),
                "-" | "_" => view.zoom(2.0, 0.5, end),
                "0" | "Home" => View {
                    start: 0.0,
                    span: end.max(1.0),
                },
                _ => return,
            };
            e.prevent_default();
            view.set(next);
        })
    };
    let onwheel = {
        let view = view.clone();
        Callback::from(move |e: WheelEvent| {
            e.prevent_default();
            let next = if e.shift_key() || e.delta_x().abs() > e.delta_y().abs() {
                view.pan(
                    (e.delta_x() + if e.shift_key() { e.delta_y() } else { 0.0 }).signum() * 0.1,
                    end,
                )
            } else {
                view.zoom(if e.delta_y() < 0.0 { 0.8 } else { 1.25 }, 0.5, end)
            };
            view.set(next);
        })
    };
    let x = |c: f64| LABEL + (c - v.start) / v.span * (W - LABEL);
    let height = lanes as f64 * LANE + 24.0;
    let min_w = if segs.len() > MAX_DRAWN {
        v.span / 4000.0
    } else {
        0.0
    };
    let visible = segs
        .iter()
        .enumerate()
        .filter(|(_, s)| (s.end as f64) > v.start && (s.start as f64) < v.start + v.span)
        .filter(|(_, s)| (s.end - s.start) as f64 >= min_w)
        .take(MAX_DRAWN);

    let tooltip = hover.and_then(|i| segs.get(i)).map(|s| {
        html! {
            <div class="tooltip" role="status">
                <strong>{ format!("pCPU {} · {}", s.pcpu, s.kind) }</strong>
                <span>{ format!("{} – {} ({} cycles)", s.start, s.end, s.end - s.start) }</span>
                <span>{ s.what.clone() }</span>
                <span class="why">{ s.why.clone() }</span>
            </div>
        }
    });
    let kinds = ["guest", "hypervisor", "emulation", "host", "idle"];

    html! {
        <div class="timeline">
            <div class="row toolbar">
                <button onclick={act(|v, e| v.zoom(0.5, 0.5, e))} aria-label={t(lang, "timeline.zoom_in")}>{ "+" }</button>
                <button onclick={act(|v, e| v.zoom(2.0, 0.5, e))} aria-label={t(lang, "timeline.zoom_out")}>{ "−" }</button>
                <button onclick={act(|v, e| v.pan(-0.25, e))} aria-label={t(lang, "timeline.left")}>{ "←" }</button>
                <button onclick={act(|v, e| v.pan(0.25, e))} aria-label={t(lang, "timeline.right")}>{ "→" }</button>
                <button onclick={act(|_, e| View { start: 0.0, span: e.max(1.0) })}>{ t(lang, "timeline.reset") }</button>
                <span class="range">{ format!("{:.0} – {:.0} cycles", v.start, v.start + v.span) }</span>
            </div>
            <ul class="legend">
                { for kinds.iter().map(|k| html! {
                    <li><span class="swatch" style={format!("background:{}", palette::css(palette::kind(k)))}></span>{ *k }</li>
                }) }
            </ul>
            <div class="timeline-box" tabindex="0" role="group" aria-label={t(lang, "timeline.caption")} {onkeydown} {onwheel}
                onmouseleave={{ let h = hover.clone(); move |_| h.set(None) }}>
                <svg viewBox={format!("0 0 {W} {height}")} role="img" aria-label={t(lang, "timeline.caption")}>
                    { for (0..lanes).map(|l| html! {
                        <text x="4" y={format!("{}", l as f64 * LANE + LANE * 0.65)} class="lane-label">{ format!("pCPU {l}") }</text>
                    }) }
                    { for visible.map(|(i, s)| {
                        let x0 = x(s.start as f64).max(LABEL);
                        let x1 = x(s.end as f64).min(W);
                        let h = hover.clone();
                        html! {
                            <rect x={format!("{x0:.2}")} y={format!("{:.1}", s.pcpu as f64 * LANE + 3.0)}
                                width={format!("{:.2}", (x1 - x0).max(0.4))} height={format!("{:.1}", LANE - 6.0)}
                                fill={palette::css(palette::kind(&s.kind))}
                                onmouseenter={move |_| h.set(Some(i))}>
                                <title>{ format!("pCPU {} · {} · {} cycles — {} ({})", s.pcpu, s.kind, s.end - s.start, s.what, s.why) }</title>
                            </rect>
                        }
                    }) }
                </svg>
            </div>
            <p class="hint">{ t(lang, "timeline.help") }</p>
            { for tooltip }
        </div>
    }
}
