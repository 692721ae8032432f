//! The CSV form of a run's result, one shape for every front end (`virtsim run
//! --format csv` and the web page's "Export CSV"): one row per (platform,
//! operation), the platform's headline figures repeated on each of its rows. A VDI
//! platform's rows also carry what its users see over the network (input-to-display
//! latency, bandwidth per session, frames delivered): its operations' latencies are the
//! desktop VMs' own, where a receive waits for the user's next input. A platform whose
//! workloads send or receive has its network throughput at the end of its rows, sent and
//! received in Gbit/s and the same natively (`PlatformResult::network`); the columns came
//! after the others so that a reader of the older columns by position reads them alike.

use std::fmt::Write as _;

use crate::platform::{IoModel, Technique};
use crate::results::RunResult;

/// The header line of [`to_csv`].
pub const HEADER: &str = "scenario,seed,platform,kind,technique,io,throughput_ops_s,relative_performance_percent,guest_user_pct,guest_kernel_pct,hypervisor_pct,device_emulation_pct,host_os_pct,idle_pct,steal_pct,exits_per_s,op,count,mean_us,p50_us,p99_us,vdi_rtt_ms,vdi_inputs,vdi_input_to_display_p50_ms,vdi_input_to_display_p99_ms,vdi_within_150ms_percent,vdi_kbit_s_per_session,vdi_frames_delivered,vdi_frames_wanted,network_sent_gbit_s,network_received_gbit_s,network_native_sent_gbit_s,network_native_received_gbit_s";

/// A text cell: a cell a spreadsheet would take for a formula (starting with `=`, `+`, `-`,
/// `@`, tab or carriage return) gets a leading `'`; a cell with a comma, quote or line
/// break is quoted.
pub fn field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// The scenario-file name of an I/O model.
pub fn io_name(io: IoModel) -> &'static str {
    match io {
        IoModel::Emulated => "emulated",
        IoModel::Paravirtual => "paravirtual",
        IoModel::Passthrough => "passthrough",
    }
}

/// A latency in µs with three decimals, or below 0.01 µs with three significant digits (at
/// most six decimals, as the page shows it): a native page-table write of 0.00033 µs is
/// "0.000330", not "0.000", which read as no cost at all.
fn latency_cell(us: f64) -> String {
    let decimals = crate::question::shown_decimals(us, false).max(3);
    format!("{us:.decimals$}")
}

/// The result as CSV: [`HEADER`], then one row per (platform, operation).
///
/// ```
/// let text = include_str!("../../scenarios/smoke.toml");
/// let result = sim_core::Scenario::from_toml("smoke.toml", text)?.run()?;
/// let csv = sim_core::export_csv::to_csv(&result);
/// let mut lines = csv.lines();
/// assert_eq!(lines.next(), Some(sim_core::export_csv::HEADER));
/// let columns = sim_core::export_csv::HEADER.split(',').count();
/// assert!(lines.all(|row| row.split(',').count() == columns)); // no name here has a comma
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn to_csv(r: &RunResult) -> String {
    let mut out = String::from(HEADER);
    out.push('\n');
    for p in &r.platforms {
        // Empty cells on a platform without desktop sessions.
        let vdi = p.vdi.as_ref().filter(|v| v.sessions > 0).map_or_else(
            || ",,,,,,,".to_string(),
            |v| {
                format!(
                    "{:.3},{},{:.3},{:.3},{:.3},{:.3},{},{}",
                    v.rtt_ms,
                    v.inputs,
                    v.latency_p50_ms,
                    v.latency_p99_ms,
                    v.within_150ms_percent,
                    v.bandwidth_kbit_s,
                    v.frames_delivered,
                    v.frames_wanted
                )
            },
        );
        // Empty cells on a platform whose workloads neither send nor receive.
        let network = p.network.as_ref().map_or_else(
            || ",,,".to_string(),
            |n| {
                format!(
                    "{:.3},{:.3},{:.3},{:.3}",
                    n.send_gbit_s,
                    n.receive_gbit_s,
                    n.baseline_send_gbit_s,
                    n.baseline_receive_gbit_s
                )
            },
        );
        for l in &p.latency {
            let _ = writeln!(
                out,
                "{},{},{},{},{},{},{:.3},{:.3},{:.3},{:.3},{:.3},{:.3},{:.3},{:.3},{:.3},{:.3},{},{},{},{},{},{vdi},{network}",
                field(&r.scenario),
                r.seed,
                field(&p.name),
                p.kind.name(),
                p.technique.map(Technique::name).unwrap_or_default(),
                p.io.map(io_name).unwrap_or_default(),
                p.throughput,
                p.relative_performance_percent,
                p.cpu.guest_user,
                p.cpu.guest_kernel,
                p.cpu.hypervisor,
                p.cpu.device_emulation,
                p.cpu.host_os,
                p.cpu.idle,
                p.steal_percent,
                p.exits_per_second,
                l.op.name(),
                l.latency.count,
                latency_cell(l.latency.mean_us),
                latency_cell(l.latency.p50_us),
                latency_cell(l.latency.p99_us)
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_the_scenario_file_words() {
        for t in [
            Technique::BinaryTranslation,
            Technique::HardwareAssist,
            Technique::Para,
            Technique::Hybrid,
        ] {
            assert_eq!(serde_json::to_value(t).unwrap(), t.name());
        }
        for io in [
            IoModel::Emulated,
            IoModel::Paravirtual,
            IoModel::Passthrough,
        ] {
            assert_eq!(serde_json::to_value(io).unwrap(), io_name(io));
        }
    }

    #[test]
    fn a_latency_below_a_hundredth_of_a_microsecond_keeps_three_digits() {
        assert_eq!(latency_cell(0.00033), "0.000330");
        assert_eq!(latency_cell(0.0042), "0.00420");
        assert_eq!(latency_cell(0.25), "0.250");
        assert_eq!(latency_cell(4.56789), "4.568");
        assert_eq!(latency_cell(1234.5), "1234.500");
        assert_eq!(latency_cell(0.0), "0.000");
    }

    /// The network columns come last, after every older column, and hold the platform's
    /// `network` figures on each of its rows; a platform whose workloads neither send nor
    /// receive (here `disk`, which runs only the disk group) leaves them empty.
    #[test]
    fn the_network_columns_are_appended_and_empty_without_network() {
        let text = "[scenario]\nname = \"n\"\nduration_ms = 5\n\
                    [[platform]]\nname = \"vm\"\nkind = \"type1\"\ntechnique = \"hardware_assist\"\n\
                    [[platform]]\nname = \"disk\"\nkind = \"type1\"\ntechnique = \"hardware_assist\"\n\
                    [[instance]]\nname = \"disk-vm\"\nworkload = \"disk-random-4k\"\n\
                    [[instance]]\nname = \"net-vm\"\nworkload = \"network-rr\"\nplatforms = [\"vm\"]\n";
        let result = crate::Scenario::from_toml("n.toml", text)
            .unwrap()
            .run()
            .unwrap();
        let csv = to_csv(&result);
        let header: Vec<&str> = HEADER.split(',').collect();
        let first = header
            .iter()
            .position(|h| *h == "network_sent_gbit_s")
            .unwrap();
        assert_eq!(header[first - 1], "vdi_frames_wanted");
        assert_eq!(
            &header[first..],
            [
                "network_sent_gbit_s",
                "network_received_gbit_s",
                "network_native_sent_gbit_s",
                "network_native_received_gbit_s"
            ]
        );
        let vm = result.platform_named("vm").unwrap();
        let n = vm.network.as_ref().expect("the vm platform runs net-vm");
        assert!(n.send_gbit_s > 0.0 && n.receive_gbit_s > 0.0, "{n:?}");
        assert!(result.platform_named("disk").unwrap().network.is_none());
        let rows: Vec<Vec<&str>> = csv
            .lines()
            .skip(1)
            .map(|l| l.split(',').collect())
            .collect();
        for row in &rows {
            assert_eq!(row.len(), header.len(), "{row:?}");
            let cells = &row[first..];
            match row[2] {
                "vm" => assert_eq!(
                    cells,
                    [
                        format!("{:.3}", n.send_gbit_s),
                        format!("{:.3}", n.receive_gbit_s),
                        format!("{:.3}", n.baseline_send_gbit_s),
                        format!("{:.3}", n.baseline_receive_gbit_s)
                    ]
                ),
                _ => assert_eq!(cells, ["", "", "", ""], "{row:?}"),
            }
        }
        assert!(rows.iter().any(|r| r[2] == "disk") && rows.iter().any(|r| r[2] == "vm"));
    }

    #[test]
    fn cells_cannot_start_a_formula() {
        assert_eq!(field("=1+1"), "'=1+1");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("plain"), "plain");
    }
}
