//! Wall-clock milliseconds for the browser (performance.now); std's Instant panics on wasm32.

/// Milliseconds since page load (0 outside a browser, e.g. in native unit tests).
pub fn now_ms() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()
            .and_then(|w| w.performance())
            .map(|p| p.now())
            .unwrap_or(0.0)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0.0
    }
}
