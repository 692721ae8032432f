//! The colour-blind-safe Okabe–Ito palette, shared by the charts and the timeline.

/// (red, green, blue)
pub type Rgb = (u8, u8, u8);

pub const BLACK: Rgb = (0x00, 0x00, 0x00);
pub const ORANGE: Rgb = (0xE6, 0x9F, 0x00);
pub const SKY_BLUE: Rgb = (0x56, 0xB4, 0xE9);
pub const BLUISH_GREEN: Rgb = (0x00, 0x9E, 0x73);
pub const YELLOW: Rgb = (0xF0, 0xE4, 0x42);
pub const BLUE: Rgb = (0x00, 0x72, 0xB2);
pub const VERMILLION: Rgb = (0xD5, 0x5E, 0x00);
pub const REDDISH_PURPLE: Rgb = (0xCC, 0x79, 0xA7);
pub const GREY: Rgb = (0xBB, 0xBB, 0xBB);

/// Colours for series in order. Orange and vermillion, the palette's two nearest hues,
/// stand furthest apart: up to six series never have both (vdi-network's six platforms
/// drew two lines a student took for two orange ones). Yellow, light on white, is drawn
/// over a darker edge (`charts::light`).
pub const SERIES: [Rgb; 7] = [
    BLUE,
    ORANGE,
    BLUISH_GREEN,
    REDDISH_PURPLE,
    SKY_BLUE,
    YELLOW,
    VERMILLION,
];

/// The i-th series colour.
pub fn series(i: usize) -> Rgb {
    SERIES[i % SERIES.len()]
}

/// CSS `#rrggbb`.
pub fn css(c: Rgb) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

/// Colour of a CPU-time category or timeline segment kind.
pub fn kind(kind: &str) -> Rgb {
    let k = kind.to_ascii_lowercase();
    if k.contains("user") {
        BLUE
    } else if k.contains("guest") || k.contains("app") {
        SKY_BLUE
    } else if k.contains("hyper") || k.contains("exit") || k.contains("vmm") {
        VERMILLION
    } else if k.contains("emul") || k.contains("device") {
        ORANGE
    } else if k.contains("host") {
        REDDISH_PURPLE
    } else if k.contains("steal") {
        YELLOW
    } else if k.contains("idle") {
        GREY
    } else if k.contains("container") || k.contains("cgroup") {
        BLUISH_GREEN
    } else {
        BLACK
    }
}

/// Colour of a stack layer, the same in every view (the per-layer totals, the step
/// rows, the stack): a layer that does a CPU category's work has that category's colour.
pub fn layer(l: crate::sim::Layer) -> Rgb {
    use crate::sim::Layer;
    match l {
        Layer::Application => BLUE,
        Layer::GuestKernel => SKY_BLUE,
        Layer::Hypervisor => VERMILLION,
        Layer::DriverDomain => YELLOW,
        Layer::VmmProcess => ORANGE,
        Layer::HostOs => REDDISH_PURPLE,
        Layer::ContainerEngine => BLUISH_GREEN,
        Layer::Hardware => BLACK,
    }
}

/// Colour of a CPU category (`labels::category_key` names), the same in every view.
pub fn category(c: crate::sim::Category) -> Rgb {
    kind(crate::labels::category_key(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The series' colours are the palette's seven distinct hues, and orange and vermillion
    /// (the nearest two) only meet from the seventh series on.
    #[test]
    fn up_to_six_series_have_distinct_hues() {
        for (i, a) in SERIES.iter().enumerate() {
            assert!(!SERIES[..i].contains(a), "{i}");
        }
        let six: Vec<Rgb> = (0..6).map(series).collect();
        assert!(
            six.contains(&ORANGE) && !six.contains(&VERMILLION),
            "{six:?}"
        );
        assert_eq!(series(7), series(0));
    }
}
