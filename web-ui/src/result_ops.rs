//! The operations of a result in the order the views list them (`ops_of`: by latency
//! figures, most frequent first; `path_ops`: those with paths; `ops_in_menu_order`: the
//! step-through's list) and the operation the Charts tab, the path tables and the
//! step-through open on (`default_op`, `opening_op`), for the views and the reducer alike.

use crate::sim::{Op, RunResult};

/// The operation a view opens on: the first question's, else the most frequent
/// blocking operation (disk, network, sleep), else the most frequent one. `ops` is
/// most frequent first.
pub fn default_op(ops: &[Op], question_ops: &[Op]) -> Option<Op> {
    question_ops
        .iter()
        .find(|o| ops.contains(o))
        .or_else(|| {
            ops.iter().find(|o| {
                matches!(
                    o,
                    Op::DiskRead | Op::DiskWrite | Op::NetSend | Op::NetReceive
                )
            })
        })
        .or_else(|| ops.iter().find(|o| **o == Op::Sleep))
        .or_else(|| ops.first())
        .copied()
}

/// Operations with latency figures in a result, most frequent first.
pub fn ops_of(r: &RunResult) -> Vec<Op> {
    let mut ops: Vec<(Op, u64)> = Vec::new();
    for p in &r.platforms {
        for l in &p.latency {
            match ops.iter_mut().find(|(o, _)| *o == l.op) {
                Some(e) => e.1 += l.latency.count,
                None => ops.push((l.op, l.latency.count)),
            }
        }
    }
    ops.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.index().cmp(&b.0.index())));
    ops.into_iter().map(|(o, _)| o).collect()
}

/// The operations whose paths a result shows, most frequent first (as in the charts).
pub fn path_ops(r: &RunResult) -> Vec<Op> {
    let mut ops: Vec<Op> = Vec::new();
    for p in &r.platforms {
        for path in &p.paths {
            if let Some(op) = path.op {
                if !ops.contains(&op) {
                    ops.push(op);
                }
            }
        }
    }
    let freq = ops_of(r);
    ops.sort_by_key(|o| freq.iter().position(|f| f == o).unwrap_or(usize::MAX));
    ops
}

/// Every operation, in the order the step-through's list shows them: the result's own, as
/// the tables' list orders them (most frequent first), then the others, which the
/// step-through explains too.
pub fn ops_in_menu_order(r: &RunResult) -> Vec<Op> {
    let mut ops = path_ops(r);
    for &op in Op::ALL.iter() {
        if !ops.contains(&op) {
            ops.push(op);
        }
    }
    ops
}

/// The operation the tables open on: the questions' first, else a blocking one. The
/// reducer opens the step-through on it too when it takes a VM exit (`StepThrough::default_for`).
pub fn opening_op(r: &RunResult, question_ops: &[Op]) -> Option<Op> {
    default_op(&path_ops(r), question_ops)
}
