//! [`JobKey`]: everything a job of a run reads, as canonical bytes, so that a caller may
//! keep a finished job's outcome and give it to a later run's job with an equal key
//! instead of simulating it again (the page does this when a slider changes only what
//! some jobs read). A job is a pure function of its machine's `MachineSpec` (and of the
//! reference mode, which does not change results but is keyed anyway): two jobs with
//! equal keys produce the same outcome, bit for bit.
//!
//! The key is the spec written field by field (every struct taken apart without `..`, so
//! a new field does not compile until it is keyed; the serializable parts through serde,
//! in `binary_form`'s lossless form with tagged fields: integers and float bits, lengths,
//! variant indices), never a hash: equal keys mean equal inputs, with no collisions.
//!
//! One normalization: a platform that is not a VM (native, container) never takes a
//! hardware VM exit, so its key ignores `costs.vm_exit_roundtrip` (the round trip is read
//! only by the exit paths of VM stacks: `path/`, `memory/`). `tests` check on every library
//! scenario that such jobs' outcomes do not change with it.

use serde::Serialize;

use crate::binary_form;
use crate::costs::CostTable;
use crate::desktop::{DesktopSpec, Remote};
use crate::machine::{GroupSpec, MachineFault, MachineMemory, MachineMigration, MachineSpec};

/// Everything one job reads (see the module's documentation). Equal keys: equal outcomes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct JobKey(Vec<u8>);

impl JobKey {
    /// The key of a job that builds its machine from `spec` (`event_per_item`: the
    /// reference mode); `None` if a part failed to serialize (no part does today: such a
    /// job is simply never reused).
    pub(crate) fn of(spec: &MachineSpec, event_per_item: bool) -> Option<JobKey> {
        let mut w = Writer {
            form: binary_form::Writer::new(),
            failed: false,
        };
        w.put(&event_per_item);
        spec_fields(&mut w, spec);
        (!w.failed).then_some(JobKey(w.form.bytes))
    }

    /// The key's bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
}

fn spec_fields(w: &mut Writer, spec: &MachineSpec) {
    let MachineSpec {
        host,
        stack,
        scheduler,
        time_slice_ms,
        credit_boost,
        dom0,
        background_percent,
        groups,
        costs,
        duration_cycles,
        seed,
        trace,
        faults,
        memory,
    } = spec;
    w.put(host);
    w.put(stack);
    w.put(scheduler);
    w.put(time_slice_ms);
    w.put(credit_boost);
    w.put(dom0);
    w.put(background_percent);
    w.put(&groups.len());
    for g in groups {
        group_fields(w, g);
    }
    // Every cost is a u64, written in declaration order (`values`, which the page links
    // anyway, rather than serde's code for 150 named fields).
    let normalized;
    let costs = if stack.is_vm() {
        costs
    } else {
        // Read only on a VM's exit paths (module documentation).
        normalized = CostTable {
            vm_exit_roundtrip: 0,
            ..costs.clone()
        };
        &normalized
    };
    let values = costs.values();
    w.put(&values.len());
    for (_, value) in values {
        w.put(&value);
    }
    w.put(duration_cycles);
    w.put(seed);
    w.put(trace);
    w.put(&faults.len());
    for MachineFault { at, instances } in faults {
        w.put(at);
        w.put(instances);
    }
    memory_fields(w, memory);
}

fn group_fields(w: &mut Writer, g: &GroupSpec) {
    let GroupSpec {
        scenario_index,
        name,
        count,
        vcpus,
        threads,
        workload,
        pin,
        weight,
        cap_percent,
        working_set_mib,
        desktop,
    } = g;
    w.put(scenario_index);
    w.put(name);
    w.put(count);
    w.put(vcpus);
    w.put(threads);
    w.put(workload);
    w.put(pin);
    w.put(weight);
    w.put(cap_percent);
    w.put(working_set_mib);
    match desktop {
        None => w.put(&0u8),
        Some(DesktopSpec {
            activity,
            remote,
            sessions,
        }) => {
            w.put(&1u8);
            w.put(activity);
            match remote {
                None => w.put(&0u8),
                Some(Remote { protocol, network }) => {
                    w.put(&1u8);
                    w.put(protocol);
                    w.put(network);
                }
            }
            w.put(sessions);
        }
    }
}

fn memory_fields(w: &mut Writer, m: &MachineMemory) {
    let MachineMemory {
        swapped_ppm,
        merged_ppm,
        ksmd,
        balloon_batches,
        free_page_reports,
        sample,
        migration,
        ops_samples,
        shares_at_samples,
    } = m;
    w.put(swapped_ppm);
    w.put(merged_ppm);
    w.put(ksmd);
    w.put(balloon_batches);
    w.put(free_page_reports);
    w.put(sample);
    match migration {
        None => w.put(&0u8),
        Some(MachineMigration {
            instance,
            link_gbit_s,
            max_rounds,
            max_downtime_ms,
            memory_pages,
            working_set_pages,
            pml,
            checkpoint,
            restore_cycles,
        }) => {
            w.put(&1u8);
            w.put(instance);
            w.put(link_gbit_s);
            w.put(max_rounds);
            w.put(max_downtime_ms);
            w.put(memory_pages);
            w.put(working_set_pages);
            w.put(pml);
            w.put(checkpoint);
            w.put(restore_cycles);
        }
    }
    w.put(ops_samples);
    w.put(shares_at_samples);
}

/// The key's bytes as they are written: the spec's parts in the binary form with tagged
/// fields (integers and floats their exact bits, strings and sequences
/// a length first, `Option`s and struct fields a 0/1 tag, enum variants their index).
struct Writer {
    form: binary_form::Writer<true>,
    /// A part failed to serialize: the key is not made.
    failed: bool,
}

impl Writer {
    fn put<T: ?Sized + Serialize>(&mut self, value: &T) {
        if value.serialize(&mut self.form).is_err() {
            self.failed = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::JobKey;
    use crate::{Adjustments, JobOutcome, RunOptions, RunResult, Runner, Scenario};

    fn library() -> Vec<(String, String)> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../scenarios");
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .expect("scenarios/")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        files.sort();
        files
            .iter()
            .map(|p| {
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                (name, std::fs::read_to_string(p).expect("read"))
            })
            .collect()
    }

    /// `file` with the VM exit round trip at `exit` cycles and (short, so that the whole
    /// library runs in a debug test) `duration_ms`.
    fn runner(file: &str, text: &str, exit: u64, duration_ms: Option<u64>) -> Runner {
        Scenario::from_toml(file, text)
            .and_then(|s| {
                s.adjusted(&Adjustments {
                    vm_exit_cycles: Some(exit),
                    duration_ms,
                    ..Adjustments::default()
                })
            })
            .expect("valid")
            .runner(RunOptions::default())
            .expect("runner")
    }

    /// Runs every job of `runner` apart: each job's key and outcome.
    fn run_jobs(runner: &mut Runner) -> Vec<(JobKey, JobOutcome)> {
        let keys: Vec<JobKey> = (0..runner.job_count())
            .map(|i| runner.job_key(i).expect("key"))
            .collect();
        runner
            .take_jobs()
            .into_iter()
            .zip(keys)
            .map(|(mut job, key)| {
                while !job.advance(1 << 20) {}
                (key, job.into_outcome())
            })
            .collect()
    }

    fn json<T: serde::Serialize>(v: &T) -> String {
        serde_json::to_string(v).expect("json")
    }

    fn fresh(file: &str, text: &str, exit: u64, duration_ms: Option<u64>) -> RunResult {
        let mut r = runner(file, text, exit, duration_ms);
        while !r.is_finished() {
            r.advance(1 << 20).expect("advance");
        }
        r.finish().expect("finish")
    }

    #[test]
    fn reused_outcomes_give_the_fresh_runs_result_and_changed_jobs_run_again() {
        // containers-vs-vms: 3 VM platforms (type 1), 5 container platforms, and their
        // native baselines. Moving the exit cost from 700 to 1400 cycles changes what
        // the VM jobs read and nothing the container or baseline jobs read.
        let (file, text) = library()
            .into_iter()
            .find(|(f, _)| f == "containers-vs-vms.toml")
            .expect("library scenario");
        let duration = Some(40);
        let mut before = runner(&file, &text, 700, duration);
        let mut cache = run_jobs(&mut before);
        let mut after = runner(&file, &text, 1400, duration);
        let (mut reused, mut ran) = (0, 0);
        for index in 0..after.job_count() {
            let key = after.job_key(index).expect("key");
            if let Some(at) = cache.iter().position(|(k, _)| *k == key) {
                let (_, outcome) = cache.swap_remove(at);
                after.complete_reused(index, outcome).expect("reuse");
                reused += 1;
            } else {
                ran += 1;
            }
        }
        while !after.is_finished() {
            after.advance(1 << 20).expect("advance");
        }
        let reused_result = after.finish().expect("finish");
        // 5 container platforms and at least one baseline kept; the 3 VM platforms run.
        assert!(reused >= 6, "{reused} jobs reused");
        assert_eq!(ran, 3, "the VM platforms' jobs run again");
        assert_eq!(
            json(&reused_result),
            json(&fresh(&file, &text, 1400, duration)),
            "a run with reused jobs equals a fresh run"
        );
        // And differs from the run before (the reused jobs were not all of them).
        assert_ne!(
            json(&reused_result),
            json(&fresh(&file, &text, 700, duration))
        );
    }

    #[test]
    fn a_changed_input_changes_the_key() {
        let (file, text) = library()
            .into_iter()
            .find(|(f, _)| f == "smoke.toml")
            .expect("library scenario");
        let keys = |r: &Runner| -> Vec<JobKey> {
            (0..r.job_count())
                .map(|i| r.job_key(i).expect("key"))
                .collect()
        };
        let base = keys(&runner(&file, &text, 700, None));
        // The same inputs give the same keys.
        assert_eq!(base, keys(&runner(&file, &text, 700, None)));
        // Another duration or seed: no job keeps its key.
        let longer = keys(&runner(&file, &text, 700, Some(77)));
        let seeded = {
            let s = Scenario::from_toml(&file, &text)
                .and_then(|s| {
                    s.adjusted(&Adjustments {
                        vm_exit_cycles: Some(700),
                        seed: Some(12345),
                        ..Adjustments::default()
                    })
                })
                .expect("valid");
            keys(&s.runner(RunOptions::default()).expect("runner"))
        };
        // Another text: one cost every platform's system calls read (smoke's workloads
        // make system calls on every platform, natively too).
        let costlier = format!("{text}\n[costs]\nsyscall_native = 300\n");
        let costlier = keys(&runner(&file, &costlier, 700, None));
        for other in [&longer, &seeded, &costlier] {
            assert!(base.iter().all(|k| !other.contains(k)), "a key survived");
        }
        // A trace changes the platform jobs (their outcome holds the timeline).
        let traced = Scenario::from_toml(&file, &text)
            .and_then(|s| {
                s.adjusted(&Adjustments {
                    vm_exit_cycles: Some(700),
                    ..Adjustments::default()
                })
            })
            .expect("valid")
            .runner(RunOptions {
                trace: true,
                ..RunOptions::default()
            })
            .expect("runner");
        assert_ne!(base[0], traced.job_key(0).expect("key"));
        // Reference mode is keyed too.
        let mut reference = runner(&file, &text, 700, None);
        reference.set_event_per_item(true);
        assert_ne!(base, keys(&reference));
    }

    #[test]
    fn a_one_cycle_step_of_the_exit_cost_changes_every_job_it_re_runs() {
        // The page's exit cost slider moves by 1 cycle. On seed-table-full, the library's
        // slowest re-run (docs/performance.md), the jobs whose key such a step changes (the
        // VM platform, its sweep points and the two desktop platforms) each give another
        // outcome, and the jobs it keeps give the same: the key re-runs no job whose
        // outcome it could have kept. (Shortened to 30 ms for a debug test; the page's
        // 200 ms run was checked the same way in wasm.)
        let (file, text) = library()
            .into_iter()
            .find(|(f, _)| f == "seed-table-full.toml")
            .expect("library scenario");
        let mut low = run_jobs(&mut runner(&file, &text, 1000, Some(30)));
        let mut high = run_jobs(&mut runner(&file, &text, 1001, Some(30)));
        let mut changed = 0;
        for ((key_low, low), (key_high, high)) in low.drain(..).zip(high.drain(..)) {
            if key_low == key_high {
                assert_eq!(json(&low), json(&high), "a kept job's outcome");
            } else {
                assert_ne!(json(&low), json(&high), "a re-run job's outcome");
                changed += 1;
            }
        }
        assert_eq!(changed, 7, "jobs re-run for one cycle more per exit");
    }

    #[test]
    fn jobs_that_are_not_vms_do_not_read_the_exit_round_trip() {
        // The key's one normalization (module documentation): on every library scenario
        // (shortened to 30 ms where it can be), a native or container job, and every baseline, gives the
        // same outcome at 300 and at 5000 cycles per exit; a VM job's key does change.
        let mut checked = 0;
        for (file, text) in library() {
            // Faults set later than 30 ms keep their scenario's duration.
            let short = Scenario::from_toml(&file, &text)
                .and_then(|s| {
                    s.adjusted(&Adjustments {
                        duration_ms: Some(30),
                        ..Adjustments::default()
                    })
                })
                .is_ok()
                .then_some(30);
            let mut low = runner(&file, &text, 300, short);
            let mut high = runner(&file, &text, 5000, short);
            let vm: Vec<bool> = (0..low.job_count())
                .map(|i| low.job_spec(i).stack.is_vm())
                .collect();
            for (index, &is_vm) in vm.iter().enumerate() {
                let (a, b) = (low.job_key(index), high.job_key(index));
                if is_vm {
                    assert_ne!(a, b, "{file}: job {index} is a VM's");
                    continue;
                }
                assert_eq!(a, b, "{file}: job {index}");
                let outcome = |r: &mut Runner| {
                    let mut job = r.take_job(index).expect("job");
                    while !job.advance(1 << 20) {}
                    json(&job.into_outcome())
                };
                assert_eq!(outcome(&mut low), outcome(&mut high), "{file}: job {index}");
                checked += 1;
            }
        }
        assert!(checked >= 40, "{checked} jobs checked");
    }
}
