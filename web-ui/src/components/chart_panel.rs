//! The trade-off charts (plotters SVG) with SVG/PNG download.

use yew::prelude::*;

use crate::charts::{self, Series};
use crate::components::svg_view::SvgView;
use crate::export;
use crate::i18n::{t, Lang};
use crate::palette;
use crate::state::ResultRef;

#[derive(Properties, PartialEq)]
pub struct ChartPanelProps {
    pub lang: Lang,
    pub result: ResultRef,
}

/// (id, title, svg) for every chart of a result.
pub fn build_charts(lang: Lang, r: &crate::core::RunResult) -> Vec<(&'static str, String, String)> {
    let platforms: Vec<String> = r.platforms.iter().map(|p| p.platform.clone()).collect();
    let mut out = Vec::new();

    let title = t(lang, "chart.relative").to_string();
    let rel = Series {
        name: t(lang, "table.relative").into(),
        colour: palette::BLUE,
        values: r.platforms.iter().map(|p| p.relative_to_native).collect(),
    };
    out.push((
        "chart-relative",
        title.clone(),
        charts::grouped_bars(&title, "× native", &platforms, &[rel]),
    ));

    let title = t(lang, "chart.cpu").to_string();
    let cats: [(&str, fn(&crate::core::CpuBreakdown) -> f64); 7] = [
        ("cpu.guest_user", |c| c.guest_user),
        ("cpu.guest_kernel", |c| c.guest_kernel),
        ("cpu.hypervisor", |c| c.hypervisor),
        ("cpu.emulation", |c| c.device_emulation),
        ("cpu.host", |c| c.host_os),
        ("cpu.idle", |c| c.idle),
        ("cpu.steal", |c| c.steal),
    ];
    let series: Vec<Series> = cats
        .iter()
        .map(|(key, f)| Series {
            name: t(lang, key).into(),
            colour: palette::kind(key.trim_start_matches("cpu.")),
            values: r.platforms.iter().map(|p| f(&p.cpu)).collect(),
        })
        .collect();
    out.push((
        "chart-cpu",
        title.clone(),
        charts::stacked_bars(&title, "share", &platforms, &series),
    ));

    let title = t(lang, "chart.exits").to_string();
    let mut reasons: Vec<String> = r
        .platforms
        .iter()
        .flat_map(|p| p.exits.iter().map(|e| e.0.clone()))
        .collect();
    reasons.sort();
    reasons.dedup();
    let series: Vec<Series> = reasons
        .iter()
        .enumerate()
        .map(|(i, reason)| Series {
            name: reason.clone(),
            colour: palette::series(i),
            values: r
                .platforms
                .iter()
                .map(|p| {
                    p.exits
                        .iter()
                        .find(|e| &e.0 == reason)
                        .map_or(0.0, |e| e.1 as f64)
                })
                .collect(),
        })
        .collect();
    out.push((
        "chart-exits",
        title.clone(),
        charts::stacked_bars(&title, "exits", &platforms, &series),
    ));

    let title = t(lang, "chart.latency").to_string();
    let mut cats = Vec::new();
    let (mut p50, mut mean, mut p99) = (vec![], vec![], vec![]);
    for p in &r.platforms {
        for l in &p.latency {
            cats.push(format!("{} · {}", p.platform, l.operation));
            p50.push(l.p50_ns);
            mean.push(l.mean_ns);
            p99.push(l.p99_ns);
        }
    }
    let series = vec![
        Series {
            name: "p50".into(),
            colour: palette::SKY_BLUE,
            values: p50,
        },
        Series {
            name: "mean".into(),
            colour: palette::BLUE,
            values: mean,
        },
        Series {
            name: "p99".into(),
            colour: palette::VERMILLION,
            values: p99,
        },
    ];
    out.push((
        "chart-latency",
        title.clone(),
        charts::grouped_bars(&title, "ns", &cats, &series),
    ));
    out
}

#[function_component(ChartPanel)]
pub fn chart_panel(props: &ChartPanelProps) -> Html {
    let lang = props.lang;
    let charts = use_memo((lang, props.result.clone()), |(lang, r)| {
        build_charts(*lang, r)
    });
    html! {
        <div class="charts">
            { for charts.iter().map(|(id, title, svg)| {
                let svg_dl = svg.clone();
                let name = format!("{}-{id}.svg", export::file_stem(&props.result.scenario));
                html! {
                    <figure class="chart" id={*id}>
                        <SvgView svg={AttrValue::from(svg.clone())} label={AttrValue::from(title.clone())} />
                        <figcaption>
                            <span>{ title.clone() }</span>
                            <button class="link" onclick={Callback::from(move |_| export::download(&name, "image/svg+xml", &svg_dl))}>
                                { t(lang, "chart.download_svg") }
                            </button>
                        </figcaption>
                    </figure>
                }
            }) }
        </div>
    }
}
