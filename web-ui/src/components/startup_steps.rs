//! How each platform's start-up adds up: the steps of one instance started alone on the
//! host, each with its milliseconds, and their total, the comparison table's start-up
//! figure. The descriptions quote the steps ("boots a minimal kernel to init (125 ms
//! here)") and the table showed only the total (a student's review). The step names are
//! sim-core's (`StartStep::what`, the CLI's too), the figures as the CLI prints them.

use yew::prelude::*;

use crate::i18n::{t, Lang};
use crate::labels;
use crate::sim::{PlatformResult, RunResult};
use crate::state::ResultRef;

#[derive(Properties, PartialEq)]
pub struct StartupStepsProps {
    pub lang: Lang,
    pub result: ResultRef,
}

/// One platform's start-up: its label, each step's name and milliseconds, the total.
#[derive(Debug, Clone, PartialEq)]
pub struct PlatformSteps {
    pub name: String,
    pub platform: String,
    pub steps: Vec<(String, String)>,
    pub total: String,
    /// A session host: what starts is a user's session on its running server OS, a logon
    /// (the comparison table's "a logon 8105 ms alone"), not an instance.
    pub logon: bool,
}

/// A step's milliseconds as the CLI prints them: steps on the host kernel take well under
/// a millisecond, so one decimal below 10 ms ("0.1 ms", "8.0 ms"), whole ones from there.
pub fn step_ms(ms: f64) -> String {
    let digits = if ms < 10.0 { 1 } else { 0 };
    format!("{} ms", crate::num::exact(ms, digits))
}

/// The platforms whose start-up the comparison table shows (`startup_ms` above 0), each
/// with its steps; the total is the steps' sum, the table's figure (rounded as it is).
pub fn platform_steps(lang: Lang, r: &RunResult) -> Vec<PlatformSteps> {
    r.platforms
        .iter()
        .filter(|p| p.lifecycle.startup_ms > 0.0 && !p.lifecycle.steps.is_empty())
        .map(|p: &PlatformResult| PlatformSteps {
            name: p.name.clone(),
            platform: labels::platform(lang, p),
            steps: p
                .lifecycle
                .steps
                .iter()
                .map(|s| {
                    (
                        lang.pick(&s.what.ko, &s.what.en).to_string(),
                        step_ms(s.alone_ms),
                    )
                })
                .collect(),
            total: format!("{} ms", crate::num::whole(p.lifecycle.startup_ms)),
            logon: p.vdi.as_ref().is_some_and(|v| v.session_host),
        })
        .collect()
}

#[function_component(StartupSteps)]
pub fn startup_steps(props: &StartupStepsProps) -> Html {
    let lang = props.lang;
    let platforms = platform_steps(lang, &props.result);
    if platforms.is_empty() {
        return html! {};
    }
    let logons = platforms.iter().any(|p| p.logon);
    html! {
        <details id="startup-steps" class="startup-steps">
            <summary>{ t(lang, "startup.summary") }</summary>
            <p class="hint">{ t(lang, "startup.note") }
                if logons { { " " }{ t(lang, "startup.note_logon") } }</p>
            <div class="scroll" tabindex="0" role="region" aria-label={t(lang, "startup.summary")}>
            <table class="data num">
                <caption class="sr-only">{ t(lang, "startup.summary") }</caption>
                <thead><tr>
                    <th scope="col">{ t(lang, "startup.step") }</th>
                    <th scope="col" class="ms">{ t(lang, "startup.ms") }</th>
                </tr></thead>
                { for platforms.into_iter().map(|p| html! {
                    <tbody class="startup-platform" data-platform={p.name}>
                        <tr class="startup-head"><th scope="rowgroup" colspan="2">{ p.platform }</th></tr>
                        { for p.steps.into_iter().map(|(what, ms)| html! {
                            <tr class="startup-step">
                                <td class="text">{ what }</td>
                                <td class="num step-ms">{ ms }</td>
                            </tr>
                        }) }
                        <tr class="startup-total">
                            // Named as the comparison table names the figure: "start-up
                            // 245 ms alone", "a logon 8105 ms alone".
                            <th scope="row">{ t(lang, if p.logon { "startup.total_logon" } else { "startup.total" }) }</th>
                            <td class="num total-ms"><strong>{ p.total }</strong></td>
                        </tr>
                    </tbody>
                }) }
            </table>
            </div>
        </details>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_step_reads_as_the_cli_prints_it() {
        assert_eq!(step_ms(0.146), "0.1 ms");
        assert_eq!(step_ms(8.0), "8.0 ms");
        assert_eq!(step_ms(10.115), "10 ms");
        assert_eq!(step_ms(124.903), "125 ms");
        assert_eq!(step_ms(2607.203), "2,607 ms");
    }

    #[test]
    fn each_platform_that_starts_lists_its_steps_and_the_tables_total() {
        let text = crate::builtin::text_by_name("startup-density.toml").unwrap();
        let r = crate::sim::Scenario::from_toml("s.toml", &text)
            .unwrap()
            .run()
            .unwrap();
        let en = platform_steps(Lang::En, &r);
        let names: Vec<&str> = en.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["vm", "microvm", "type2-vm", "container"]);
        let microvm = &en[1];
        // The CLI's line: "microVM monitor process starts 8.0 ms → minimal guest kernel
        // boots to init (no firmware) 125 ms → application starts 112 ms".
        assert_eq!(
            microvm.steps,
            vec![
                ("microVM monitor process starts".into(), "8.0 ms".into()),
                (
                    "minimal guest kernel boots to init (no firmware)".into(),
                    "125 ms".into()
                ),
                ("application starts".into(), "112 ms".into()),
            ]
        );
        // The comparison table's figure: "start-up 245 ms alone, ...".
        assert_eq!(microvm.total, "245 ms");
        for (p, steps) in r.platforms.iter().zip(&en) {
            let sum: f64 = p.lifecycle.steps.iter().map(|s| s.alone_ms).sum();
            assert!(
                (sum - p.lifecycle.startup_ms).abs() < 1e-6,
                "{}",
                steps.name
            );
            let cell = r
                .table
                .columns
                .iter()
                .find(|c| c.platform == p.name)
                .map(|c| {
                    c.cells
                        .iter()
                        .map(|c| c.measured.en.clone())
                        .collect::<String>()
                })
                .unwrap();
            let total = steps.total.replace(',', "");
            assert!(
                cell.contains(&format!("start-up {total}")),
                "{cell} vs {total}"
            );
        }
        let ko = platform_steps(Lang::Ko, &r);
        assert_eq!(ko[1].steps.len(), 3);
        assert_ne!(ko[1].steps[0].0, en[1].steps[0].0);
        assert!(en.iter().all(|p| !p.logon));
    }

    /// A session host starts a user's session on its running server OS: its one step is
    /// the CLI's ("user logs on to the running server OS (...) 8105 ms") and its total is
    /// a logon's, as the comparison table says ("a logon 8105 ms alone"); a desktop VM's
    /// is a start-up.
    #[test]
    fn a_session_hosts_total_is_a_logon() {
        let text = crate::builtin::text_by_name("session-host-vs-vdi.toml").unwrap();
        let r = crate::sim::Scenario::from_toml("s.toml", &text)
            .unwrap()
            .run()
            .unwrap();
        let en = platform_steps(Lang::En, &r);
        let logon: Vec<(&str, bool)> = en.iter().map(|p| (p.name.as_str(), p.logon)).collect();
        assert_eq!(logon, [("vdi", false), ("session-host", true)]);
        assert_eq!(en[1].steps.len(), 1);
        assert!(
            en[1].steps[0]
                .0
                .starts_with("user logs on to the running server OS"),
            "{:?}",
            en[1].steps
        );
        let cell: String = r
            .table
            .columns
            .iter()
            .find(|c| c.platform == "session-host")
            .unwrap()
            .cells
            .iter()
            .map(|c| c.measured.en.clone())
            .collect();
        assert!(
            cell.contains(&format!("a logon {} alone", en[1].total.replace(',', ""))),
            "{cell}"
        );
        assert_eq!(t(Lang::En, "startup.total_logon"), "Total (a logon alone)");
        assert!(t(Lang::Ko, "startup.total_logon").contains("로그온 단독"));
    }
}
