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
/// as the group's typical and worst latency: the CLI and the page say so beside them. The
/// threshold is a judgement (an estimate): with 20 samples a median's 95% confidence
/// interval already runs from about the 6th to the 15th smallest (n/2 ± 1.96·√n/2); a p99
/// from under 100 samples is its group's largest sample, which the `inputs` column lets
/// a reader see.
pub const FEW_INPUTS: u64 = 20;

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
    /// Share of inputs displayed within 150 ms ("feels good", reference sec. 5), percent.
    pub within_150ms_percent: f64,
    /// Input-to-display latency distribution: (upper bound ms, percent of inputs) per bin.
    pub latency_bins: Vec<(f64, f64)>,
    /// Mean bandwidth per session, kbit/s.
    pub bandwidth_kbit_s: f64,
    pub frames_wanted: u64,
    pub frames_delivered: u64,
    pub cpu: VdiCpu,
    pub groups: Vec<VdiGroupResult>,
    /// The same activities on a local PC (the platform's native baseline).
    pub local: Option<LocalDesktop>,
    pub note: Text,
}
