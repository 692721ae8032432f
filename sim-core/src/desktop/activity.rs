//! What a desktop user does: input events, the application work each one causes, the area
//! of the screen it changes and what that area shows; a video plays at its own frame rate.
//! These are inputs to the model (estimates: the reference has no figures for them).

use serde::{Deserialize, Serialize};

use super::protocol::Content;
use crate::workload::{OpMix, Workload, DEFAULT_LOCK_HOLD_CYCLES};

/// Screen of every desktop: 1920 x 1080 (the reference's figures are for 1080p).
pub const SCREEN_KPIXELS: u64 = 2_074;
/// Payload bytes per packet: the Ethernet MTU, 1500, minus 20 bytes of IPv4, 20 of TCP and
/// 12 of TCP timestamps.
pub const PACKET_PAYLOAD: u64 = 1448;

/// The names of the desktop activity presets.
pub const DESKTOP_PRESETS: [&str; 4] = [
    "desktop-idle",
    "desktop-office",
    "desktop-web",
    "desktop-video",
];

/// What a desktop user does (estimates; no figures in the reference).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Activity {
    /// Input events per 1000 seconds (keystrokes, clicks, scrolls).
    pub inputs_per_ks: u64,
    /// Application cycles per input event.
    pub app_cycles_per_input: u64,
    /// Area one input redraws, per mille of the screen, by [`Content`].
    pub redraw_per_mille: [u64; Content::COUNT],
    /// Frames per second of a playing video (0: none).
    pub video_fps: u64,
    /// Application cycles per video frame (software decode in the guest).
    pub app_cycles_per_video_frame: u64,
    /// Video window, per mille of the screen.
    pub video_per_mille: u64,
}

impl Activity {
    /// The activity of a desktop preset, or `None` for another name.
    pub fn of(workload: &str) -> Option<Activity> {
        let none = Activity {
            inputs_per_ks: 0,
            app_cycles_per_input: 0,
            redraw_per_mille: [0; Content::COUNT],
            video_fps: 0,
            app_cycles_per_video_frame: 0,
            video_per_mille: 0,
        };
        let area = |text, ui, photo| [text, ui, photo, 0];
        Some(match workload {
            // A clock or a notification now and then.
            "desktop-idle" => Activity {
                inputs_per_ks: 50,
                app_cycles_per_input: 1_000_000,
                redraw_per_mille: area(0, 1, 0),
                ..none
            },
            // Typing: three keystrokes a second, each redraws a line of text.
            "desktop-office" => Activity {
                inputs_per_ks: 3_000,
                app_cycles_per_input: 5_000_000,
                redraw_per_mille: area(8, 0, 0),
                ..none
            },
            // A click or scroll a second; the page is laid out and a third of the screen
            // redrawn: text, page graphics and images.
            "desktop-web" => Activity {
                inputs_per_ks: 1_000,
                app_cycles_per_input: 60_000_000,
                redraw_per_mille: area(120, 130, 50),
                ..none
            },
            // A 30 fps video in a quarter of the screen, an input now and then.
            "desktop-video" => Activity {
                inputs_per_ks: 200,
                app_cycles_per_input: 3_000_000,
                redraw_per_mille: area(0, 10, 0),
                video_fps: 30,
                app_cycles_per_video_frame: 8_000_000,
                video_per_mille: 250,
            },
            _ => return None,
        })
    }

    /// Kilopixels one input redraws, by content.
    pub fn redraw_kpixels(&self) -> [u64; Content::COUNT] {
        self.redraw_per_mille
            .map(|m| SCREEN_KPIXELS * m.min(1000) / 1000)
    }

    /// Kilopixels of the video window.
    pub fn video_kpixels(&self) -> u64 {
        SCREEN_KPIXELS * self.video_per_mille.min(1000) / 1000
    }
}

/// The workload of a desktop preset, as the scenario format sees it: the machine runs a
/// desktop's threads from its [`Activity`] (see `super::session`), not from an operation
/// mix; the workload only sizes its operations' paths: one packet's payload per network
/// send, which the machine scales to the packets of a larger send (a large-send segment
/// over TCP: `machine/desktop.rs`, `send_extra`).
pub fn desktop_workload(name: &str) -> Option<Workload> {
    Activity::of(name)?;
    Some(Workload {
        name: name.to_string(),
        compute_cycles: 1,
        syscall_work_cycles: 800,
        io_bytes: 4096,
        message_bytes: PACKET_PAYLOAD,
        think_time_us: 0,
        mix: OpMix::default(),
        lock_percent: 0,
        lock_hold_cycles: DEFAULT_LOCK_HOLD_CYCLES,
        kernel_control_flow_per_kcycle: crate::workload::DEFAULT_KERNEL_CONTROL_FLOW_PER_KCYCLE,
        kernel_code_kib: crate::workload::DEFAULT_KERNEL_CODE_KIB,
        shared_address_space: false,
    })
}
