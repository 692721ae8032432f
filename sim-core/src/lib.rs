//! Deterministic cycle-level virtualization simulator (work in progress).
