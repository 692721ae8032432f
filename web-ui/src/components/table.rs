//! The seed's comparison table with the run's measured figures, and the per-platform numbers.

use yew::prelude::*;

use crate::i18n::{t, Lang};
use crate::state::ResultRef;

#[derive(Properties, PartialEq)]
pub struct TableProps {
    pub lang: Lang,
    pub result: ResultRef,
}

/// Formats a number with at most 3 significant decimals, thousands separated.
pub fn fmt_num(v: f64) -> String {
    if !v.is_finite() {
        return "—".into();
    }
    let (int, frac) = if v.abs() >= 100.0 {
        (format!("{:.0}", v), String::new())
    } else if v.abs() >= 1.0 {
        let s = format!("{v:.2}");
        let (i, f) = s.split_once('.').unwrap_or((&s, ""));
        (i.to_string(), format!(".{f}"))
    } else {
        return format!("{v:.3}");
    };
    let neg = int.starts_with('-');
    let digits: Vec<char> = int.trim_start_matches('-').chars().collect();
    let mut out = String::new();
    for (i, c) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(*c);
    }
    format!("{}{out}{frac}", if neg { "-" } else { "" })
}

#[function_component(Table)]
pub fn table(props: &TableProps) -> Html {
    let lang = props.lang;
    let r = &props.result;
    html! {
        <div class="table-view">
            <div class="scroll">
            <table id="comparison" class="data">
                <caption>{ t(lang, "table.caption") }</caption>
                <thead><tr>
                    <th scope="col">{ t(lang, "table.aspect") }</th>
                    { for r.comparison.first().into_iter().flat_map(|row| row.cells.iter()).map(|c| html! {
                        <th scope="col">{ c.0.clone() }</th>
                    }) }
                </tr></thead>
                <tbody>
                    { for r.comparison.iter().map(|row| html! {
                        <tr>
                            <th scope="row">{ lang.pick(&row.ko, &row.en).to_string() }</th>
                            { for row.cells.iter().map(|c| html! {
                                <td>
                                    { lang.pick(&c.1, &c.2).to_string() }
                                    if let Some(m) = &c.3 { <span class="measured">{ m.clone() }</span> }
                                </td>
                            }) }
                        </tr>
                    }) }
                </tbody>
            </table>
            </div>
            <div class="scroll">
            <table id="measured" class="data num">
                <caption>{ t(lang, "table.platforms") }</caption>
                <thead><tr>
                    <th scope="col">{ t(lang, "table.platform") }</th>
                    <th scope="col">{ t(lang, "table.throughput") }</th>
                    <th scope="col">{ t(lang, "table.relative") }</th>
                    <th scope="col">{ t(lang, "table.p99") }</th>
                    <th scope="col">{ t(lang, "table.exits") }</th>
                </tr></thead>
                <tbody>
                    { for r.platforms.iter().map(|p| html! {
                        <tr>
                            <th scope="row">{ p.platform.clone() }</th>
                            <td class="throughput">{ fmt_num(p.throughput) }</td>
                            <td>{ format!("{:.3}×", p.relative_to_native) }</td>
                            <td>{ p.latency.first().map(|l| format!("{} ns", fmt_num(l.p99_ns))).unwrap_or_default() }</td>
                            <td>{ fmt_num(p.exits.iter().map(|e| e.1).sum::<u64>() as f64) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::fmt_num;

    #[test]
    fn numbers() {
        assert_eq!(fmt_num(1234567.0), "1,234,567");
        assert_eq!(fmt_num(12.345), "12.35");
        assert_eq!(fmt_num(0.1234), "0.123");
        assert_eq!(fmt_num(-1500.0), "-1,500");
        assert_eq!(fmt_num(f64::NAN), "—");
    }
}
