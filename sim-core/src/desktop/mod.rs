//! Desktop virtualization as one model: desktop sessions whose threads run on the
//! machine like any other (`session.rs`), remote display protocols as encoders
//! (`protocol.rs`), and what desktop users do (`activity.rs`). A VDI platform's CPU
//! figures, latency, bandwidth and frames all come from the same machine run; the runner
//! reads them into results (`runner/desktop_result.rs`).

pub mod activity;
pub mod protocol;
pub mod session;

use serde::{Deserialize, Serialize};

use crate::platform::DisplayProtocol;
use crate::text::Text;

pub use activity::{desktop_workload, Activity, DESKTOP_PRESETS, PACKET_PAYLOAD, SCREEN_KPIXELS};
pub use protocol::{Content, ProtocolParams, Transport};
pub use session::{DesktopOutcome, DesktopSpec, Remote, Role};

/// Below this many inputs displayed, a group's p50 and p99 rest on too few samples to read
/// as the group's typical and worst latency: the CLI and the page say so beside them
/// ([`sample_notes`]). The threshold is a judgement (an estimate): with 20 samples a
/// median's 95% confidence interval already runs from about the 6th to the 15th smallest
/// (n/2 ± 1.96·√n/2).
pub const FEW_INPUTS: u64 = 20;

/// Below this many inputs, a group's p99 is its slowest input (as the latency histogram
/// places it), not a latency that 1 input in 100 exceeds: the p99 is the sample of rank
/// ⌈0.99·n⌉ ([`crate::metrics::Histogram::quantile`]), which is the n-th, the largest,
/// for every n under 100. Not a judgement: it follows from the rank.
pub const P99_INPUTS: u64 = 100;

/// What the CLI and the page say under the desktop table about groups that displayed few
/// inputs (`inputs`: each group's count; a group with none has no latency and is said
/// otherwise): fewer than [`FEW_INPUTS`], that its p50 and p99 are read from that few;
/// fewer than [`P99_INPUTS`], that its p99 is its slowest input. Each note a sentence
/// without its final stop (the CLI puts it in brackets, the page ends it).
pub fn sample_notes(inputs: impl IntoIterator<Item = u64> + Clone) -> Vec<Text> {
    let below = |n: u64| inputs.clone().into_iter().any(|i| (1..n).contains(&i));
    let mut notes = Vec::new();
    if below(FEW_INPUTS) {
        notes.push(Text::new(
            format!("A group with fewer than {FEW_INPUTS} inputs: its p50 and p99 are read from that few, not its users' typical and worst latency; a longer run gives steadier figures"),
            format!("입력이 {FEW_INPUTS}개보다 적은 그룹: 그 p50과 p99는 그 몇 개에서 읽은 값이라 사용자들의 보통 지연과 최악 지연이 아닙니다. 더 길게 실행하면 더 안정된 값이 나옵니다"),
        ));
    }
    if below(P99_INPUTS) {
        notes.push(Text::new(
            format!("A group with fewer than {P99_INPUTS} inputs: its p99 is about the latency of its slowest input, not one that only 1 input in 100 exceeds, which takes at least {P99_INPUTS} inputs to read"),
            format!("입력이 {P99_INPUTS}개보다 적은 그룹: 그 p99는 대략 가장 느린 입력 하나의 지연이며, 입력 100개 중 1개만 넘는 지연이 아닙니다. 그런 p99를 읽으려면 입력이 {P99_INPUTS}개 이상 있어야 합니다"),
        ));
    }
    notes
}

/// Figures of one group of sessions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct VdiGroupResult {
    pub group: String,
    pub workload: String,
    pub sessions: u32,
    /// Inputs displayed in the run: the samples the latency figures rest on (a group that
    /// mostly watches video makes few, and its p50 and p99 are then one or two inputs).
    #[serde(default)]
    pub inputs: u64,
    /// Input-to-display latency, milliseconds.
    pub latency_mean_ms: f64,
    pub latency_p50_ms: f64,
    pub latency_p99_ms: f64,
    /// Mean bandwidth of one session towards its client, kbit/s.
    pub bandwidth_kbit_s: f64,
    /// Mean bandwidth of one session per 100 ms of the run, kbit/s.
    pub bandwidth_series_kbit_s: Vec<f64>,
    pub frames_wanted: u64,
    pub frames_delivered: u64,
    /// Frames the same group's activities show on a local PC (the native baseline), and
    /// those wanted there.
    pub local_frames_delivered: u64,
    pub local_frames_wanted: u64,
    /// Mean quality of lossy content over the captures, percent (adaptive quality).
    pub quality_percent: f64,
}

/// Server CPU, percent of all cores: the machine's own figures, the guest's user time
/// split by what the desktops' threads did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct VdiCpu {
    /// Applications in the desktops (input handling, video decoding).
    pub applications: f64,
    /// The display protocol's agent: capture and encoding.
    pub encode: f64,
    /// Guest OS background work (services).
    pub guest_background: f64,
    /// Other user time: cache refills, work cut off at the end of the run.
    pub guest_user_other: f64,
    /// Guest kernels (system calls, network sends and receives, timer ticks).
    pub guest_kernel: f64,
    /// Hypervisor, device emulation and host OS: exits, back ends, VM switches.
    pub hypervisor: f64,
    pub idle: f64,
}

/// The same activities on a local display (the native baseline: no protocol, no network).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LocalDesktop {
    pub latency_p50_ms: f64,
    pub latency_p99_ms: f64,
    pub frames_wanted: u64,
    pub frames_delivered: u64,
}

/// Results of the desktop sessions of one VDI platform.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct VdiResult {
    pub protocol: DisplayProtocol,
    /// The users' desktops are sessions of a shared server OS (a session host).
    pub session_host: bool,
    pub rtt_ms: f64,
    pub client_bandwidth_mbit_s: f64,
    pub loss_percent: f64,
    pub sessions: u64,
    /// Sessions a fault dropped.
    pub sessions_dropped: u64,
    /// Inputs displayed in the run: the samples the latency figures rest on.
    #[serde(default)]
    pub inputs: u64,
    pub latency_mean_ms: f64,
    pub latency_p50_ms: f64,
    pub latency_p99_ms: f64,
    /// Share of inputs displayed within 150 ms, percent: the reference's (sec. 5) "feels
    /// good" threshold for a frame's end-to-end delay, applied to the whole input-to-display
    /// latency (from the input at the client to its update on the client's screen).
    pub within_150ms_percent: f64,
    /// Input-to-display latency distribution: (upper bound ms, percent of inputs) per bin.
    pub latency_bins: Vec<(f64, f64)>,
    /// Mean bandwidth per session, kbit/s.
    pub bandwidth_kbit_s: f64,
    pub frames_wanted: u64,
    pub frames_delivered: u64,
    /// Packets sent to the clients in the run (each counted once), and of them the ones
    /// the network lost (`loss_percent` of them on average: sent again, except a video
    /// frame's over UDP).
    #[serde(default)]
    pub packets_sent: u64,
    #[serde(default)]
    pub packets_lost: u64,
    /// Updates shown late because one of their packets was lost and sent again.
    #[serde(default)]
    pub updates_resent: u64,
    /// Inputs whose packet was lost on the way to the server and sent again.
    #[serde(default)]
    pub inputs_lost: u64,
    pub cpu: VdiCpu,
    pub groups: Vec<VdiGroupResult>,
    /// The same activities on a local PC (the platform's native baseline).
    pub local: Option<LocalDesktop>,
    pub note: Text,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::Histogram;

    /// With fewer than [`P99_INPUTS`] samples the p99 is the largest sample; with that
    /// many it is not (the threshold is where the rank leaves the largest).
    #[test]
    fn under_p99_inputs_the_p99_is_the_largest_sample() {
        let p99 = |n: u64| {
            let mut h = Histogram::default();
            // Small values land each in a bucket of its own: the quantile is the sample.
            for v in 1..=n {
                h.record(v);
            }
            (h.quantile(990), h.max())
        };
        for n in [1, 2, FEW_INPUTS, 50, P99_INPUTS - 1] {
            let (q, max) = p99(n);
            assert_eq!(q, max, "{n} samples");
        }
        let (q, max) = p99(P99_INPUTS);
        assert!(q < max, "{q} {max}");
    }

    #[test]
    fn groups_with_few_inputs_are_said_to_be() {
        let notes = |inputs: &[u64]| sample_notes(inputs.iter().copied());
        // None, or no inputs at all (said otherwise): nothing.
        assert!(notes(&[]).is_empty());
        assert!(notes(&[0, P99_INPUTS, 5000]).is_empty());
        // Under 100: the p99 is the slowest input.
        let p99 = notes(&[0, P99_INPUTS - 1, 5000]);
        assert_eq!(p99.len(), 1);
        assert!(p99[0]
            .en
            .contains("fewer than 100 inputs: its p99 is about the latency of its slowest input"));
        assert!(p99[0]
            .ko
            .contains("입력이 100개보다 적은 그룹: 그 p99는 대략 가장 느린 입력"));
        // Under 20: both, the few first.
        let few = notes(&[FEW_INPUTS - 1, 5000]);
        assert_eq!(few.len(), 2);
        assert!(few[0].en.contains("fewer than 20 inputs: its p50 and p99"));
        assert!(few[0].ko.starts_with("입력이 20개보다 적은 그룹"));
        assert_eq!(few[1], p99[0]);
        assert_eq!(notes(&[FEW_INPUTS]), p99);
    }
}
