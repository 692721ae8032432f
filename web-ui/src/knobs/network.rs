//! The VDI network settings, one VDI platform at a time ([`NetKnob`]), and the networks
//! a scenario writes for its VDI platforms ([`NetBase`]).

use crate::sim::Scenario;
use serde::{Deserialize, Serialize};

/// One VDI platform's network as its sliders set it, in the sliders' steps; `None` keeps
/// the scenario's value.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NetKnob {
    /// Round-trip time between a thin client and the server, whole ms (`rtt_ms`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rtt_ms: Option<u32>,
    /// Packet loss on the client path, tenths of a percent (20: `loss_percent = 2`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub loss_permille: Option<u32>,
    /// Each client's access link, kbit/s (1000: `client_bandwidth_mbit_s = 1`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bandwidth_kbit_s: Option<u32>,
}

impl NetKnob {
    /// sim-core's view: the file's keys and units.
    pub fn to_setting(self) -> crate::sim::scenario::NetworkSetting {
        crate::sim::scenario::NetworkSetting {
            rtt_ms: self.rtt_ms.map(f64::from),
            loss_percent: self.loss_permille.map(|l| f64::from(l) / 10.0),
            client_bandwidth_mbit_s: self.bandwidth_kbit_s.map(|k| f64::from(k) / 1000.0),
        }
    }
}

/// The network settings of every VDI platform of `s` set to `every` (an assignment's
/// variant: sim-core's `Adjustments::vdi_network`), by the platform's place: what the
/// student's page hands to sim-core, and what its sliders show. A value at a platform's
/// own (as `Knobs::at_baseline_as_written` would leave it) is left `None`, so that Reset,
/// which goes back to these settings through that cleaning, gives the same settings.
///
/// The sliders move in whole ms, 0.1 % and 1 kbit/s; an assignment's network choices keep
/// to these steps (sim-core refuses a finer one), so each rounding here is exact and the
/// page runs the value `virtsim answers` runs.
pub fn every_vdi_network(
    s: &Scenario,
    every: &crate::sim::scenario::NetworkSetting,
) -> Vec<NetKnob> {
    fn step(value: Option<f64>, per_unit: f64) -> Option<u32> {
        // Within the file's ranges (at most 100 000 000 kbit/s): fits in u32.
        value.map(|v| (v * per_unit).round() as u32)
    }
    let mut networks: Vec<NetKnob> = s
        .platforms
        .iter()
        .map(|p| {
            let Some(own) = &p.vdi else {
                return NetKnob::default();
            };
            let differs = |knob: Option<u32>, scale: u64, own: u64| {
                knob.filter(|&v| u64::from(v) * scale != own)
            };
            NetKnob {
                rtt_ms: differs(step(every.rtt_ms, 1.0), 1000, own.rtt_us),
                loss_permille: differs(step(every.loss_percent, 10.0), 1000, own.loss_ppm),
                bandwidth_kbit_s: differs(
                    step(every.client_bandwidth_mbit_s, 1000.0),
                    1,
                    own.client_bandwidth_kbit_s,
                ),
            }
        })
        .collect();
    while networks.last() == Some(&NetKnob::default()) {
        networks.pop();
    }
    networks
}

/// A VDI platform's network as the scenario writes it (its validated values), in the
/// network sliders' units.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NetBase {
    /// Round-trip time, µs (the validator keeps whole µs; the slider moves by whole ms).
    pub rtt_us: u64,
    /// Packet loss, parts per million (the slider moves by 1000: 0.1%).
    pub loss_ppm: u64,
    /// Each client's access link, kbit/s.
    pub bandwidth_kbit_s: u64,
}

impl NetBase {
    /// The RTT slider's position for it: whole ms.
    pub fn rtt_ms(&self) -> u64 {
        (self.rtt_us + 500) / 1000
    }

    /// The loss slider's position for it: tenths of a percent.
    pub fn loss_permille(&self) -> u64 {
        (self.loss_ppm + 500) / 1000
    }
}
