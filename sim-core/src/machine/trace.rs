//! The bounded per-pCPU timeline of a run: what ran when, in step order, with a mark at
//! the cycle of every exit or trap. The run is split into windows and each window keeps
//! its first segments, so the trace samples the whole run rather than its start.

use super::item::Item;
use super::pcpu::{Comp, Pcpu};
use super::{slot, Machine};
use crate::engine::Cycles;
use crate::path::{Category, ExitReason, Step};

/// Segments a trace keeps at most.
pub const MAX_TRACE_SEGMENTS: usize = 20_000;
/// Windows the run is split into; each keeps up to `MAX_TRACE_SEGMENTS / WINDOWS`.
const WINDOWS: usize = 20;

/// One coloured stretch of a pCPU's time.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TraceSegment {
    pub pcpu: u32,
    pub start: Cycles,
    pub end: Cycles,
    pub category: Category,
    /// Instance name, or `host` for the host's own processes and back ends.
    pub instance: String,
    /// What ran: an operation name, `compute`, `switch`, `halt`.
    pub what: String,
}

/// An exit or trap at a point in time.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TraceMark {
    pub pcpu: u32,
    pub time: Cycles,
    pub reason: ExitReason,
    pub count: u32,
}

/// A stretch of simulated time the trace covers completely.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TraceWindow {
    pub start: Cycles,
    pub end: Cycles,
}

/// The bounded timeline of a run.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Trace {
    pub segments: Vec<TraceSegment>,
    pub marks: Vec<TraceMark>,
    /// Whether the bound cut the trace short (then only `windows` are covered).
    pub truncated: bool,
    /// The stretches of the run the segments cover: the start of each of the run's
    /// windows up to where its share of the bound ran out.
    #[serde(default)]
    pub windows: Vec<TraceWindow>,
    #[serde(skip)]
    window_len: Cycles,
    #[serde(skip)]
    window_count: Vec<usize>,
    #[serde(skip)]
    window_full: Vec<bool>,
}

/// One step of a path, as the trace draws it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Piece {
    pub category: Category,
    pub cycles: u64,
    pub exit: Option<ExitReason>,
}

/// The pieces of a path's steps, in order.
pub(super) fn pieces_of(steps: &[Step]) -> Vec<Piece> {
    steps
        .iter()
        .map(|s| Piece {
            category: s.category,
            cycles: s.cycles,
            exit: s.exit,
        })
        .collect()
}

impl Trace {
    pub(super) fn new(duration: Cycles, _cores: u32) -> Trace {
        let window_len = duration.div_ceil(WINDOWS as u64).max(1);
        Trace {
            window_len,
            window_count: vec![0; WINDOWS],
            window_full: vec![false; WINDOWS],
            windows: (0..WINDOWS as u64)
                .map(|w| TraceWindow {
                    start: w * window_len,
                    end: ((w + 1) * window_len).min(duration),
                })
                .collect(),
            ..Trace::default()
        }
    }

    /// Sorts what was recorded by time and drops windows that are empty.
    pub(super) fn finish(mut self) -> Trace {
        self.segments.sort_by_key(|s| (s.start, s.pcpu, s.end));
        self.marks.sort_by_key(|m| (m.time, m.pcpu));
        self
    }

    fn window_of(&self, at: Cycles) -> usize {
        ((at / self.window_len) as usize).min(WINDOWS - 1)
    }
}

impl Machine {
    /// Records the item on `p` (which ran until `until`) in the trace.
    pub(super) fn trace_item(
        &mut self,
        p: u32,
        pc: &Pcpu,
        until: Cycles,
        full: bool,
        ran_user: u64,
        ran_ticks: u32,
    ) {
        let name = match pc.charge_to {
            Some(i) => self.instances[i as usize].counters.name.clone(),
            None => "host".to_string(),
        };
        let group = pc.group as usize;
        // The item's pieces in order.
        let mut pieces: Vec<Piece> = Vec::new();
        let is_work = pc.item.is_some_and(Item::is_compute);
        if is_work {
            let category = pc.item.map_or(Category::GuestUser, Item::compute_category);
            let timer = &self.groups[group].pieces[slot::TIMER];
            let timer_total: u64 = timer.iter().map(|t| t.cycles).sum();
            let (user, ticks) = if full {
                (pc.user, pc.ticks)
            } else {
                (ran_user, ran_ticks)
            };
            let mut used = 0;
            for k in 0..u64::from(ticks) {
                let at = pc.first_tick + k * self.tick_cycles;
                let before = at.saturating_sub(k * timer_total).min(user);
                if before > used {
                    pieces.push(Piece {
                        category,
                        cycles: before - used,
                        exit: None,
                    });
                    used = before;
                }
                pieces.extend_from_slice(timer);
            }
            if user > used {
                pieces.push(Piece {
                    category,
                    cycles: user - used,
                    exit: None,
                });
            }
            if full {
                for comp in pc.comps.iter().skip(if ticks > 0 { 2 } else { 1 }) {
                    self.push_comp_pieces(group, *comp, &mut pieces);
                }
            }
        } else {
            for comp in &pc.comps {
                self.push_comp_pieces(group, *comp, &mut pieces);
            }
        }
        let what = pc.what;
        let trace = self.trace.as_mut().expect("trace on");
        let w = trace.window_of(pc.start);
        let budget = MAX_TRACE_SEGMENTS / WINDOWS;
        if trace.window_full[w] {
            return;
        }
        let mut at = pc.start;
        let mut segments = 0;
        for piece in &pieces {
            if at >= until {
                break;
            }
            let end = (at + piece.cycles).min(until);
            if let Some(reason) = piece.exit {
                trace.marks.push(TraceMark {
                    pcpu: p,
                    time: at,
                    reason,
                    count: 1,
                });
            }
            if end > at {
                match trace.segments.last_mut() {
                    Some(last)
                        if segments > 0
                            && last.category == piece.category
                            && last.end == at
                            && last.pcpu == p =>
                    {
                        last.end = end;
                    }
                    _ => {
                        trace.segments.push(TraceSegment {
                            pcpu: p,
                            start: at,
                            end,
                            category: piece.category,
                            instance: name.clone(),
                            what: what.to_string(),
                        });
                        segments += 1;
                    }
                }
            }
            at = end;
        }
        trace.window_count[w] += segments;
        if trace.window_count[w] >= budget {
            trace.window_full[w] = true;
            trace.truncated = true;
            trace.windows[w].end = until.min(trace.windows[w].end);
        }
    }

    fn push_comp_pieces(&self, group: usize, comp: Comp, out: &mut Vec<Piece>) {
        match comp {
            Comp::Path(i) => out.extend_from_slice(&self.groups[group].pieces[i as usize]),
            Comp::Repeat(i, n) => {
                for _ in 0..n.min(64) {
                    out.extend_from_slice(&self.groups[group].pieces[i as usize]);
                }
            }
            Comp::Cycles(category, cycles) => out.push(Piece {
                category,
                cycles,
                exit: None,
            }),
        }
    }
}
