//! Which worker of the pool is meant to run which job: the split of a run's jobs over the
//! workers that ends soonest by their expected sizes. Longest-first hand-out alone pairs
//! jobs badly when a few large ones dominate: seed-table-full's VM jobs (about 29, 28,
//! 26, 24 and 15 ms in wasm, two small ones after them) go 29 + 26 + 15 = 70 ms on one
//! worker and 28 + 24 + 2 = 54 on the other, where 29 + 28 + 2 = 59 against 26 + 24 + 15
//! = 65 is possible.
//!
//! [`split`] tries every split for two workers (up to [`EXHAUSTIVE_UP_TO`] jobs) and gives
//! jobs longest first to the least loaded worker otherwise; [`costs`] says what a job is
//! expected to cost: the time it took in its worker in the last run of the same text when
//! every job to run has one, else its expected events.

/// Most jobs split by trying every split between two workers (2^16 splits, one addition
/// each: well under a millisecond in wasm); longer lists, and more workers, go longest first to the worker
/// with the least work.
const EXHAUSTIVE_UP_TO: usize = 16;

/// What each job of a run is expected to cost, in one unit for all, and the cost of the
/// jobs to run (`todo`) from which they are shared out over the pool: the time each job
/// took in its worker in the last run of the same text (`micros`, µs), with
/// `micros_from`, when every job to run has one; else the events each is expected to
/// take (`events`), with `events_from`.
pub fn costs(
    todo: &[usize],
    events: &[u64],
    micros: Option<&[Option<u64>]>,
    events_from: u64,
    micros_from: u64,
) -> (Vec<u64>, u64) {
    match micros {
        Some(m) if m.len() == events.len() && todo.iter().all(|&i| m[i].is_some()) => {
            (m.iter().map(|x| x.unwrap_or(0)).collect(), micros_from)
        }
        _ => (events.to_vec(), events_from),
    }
}

/// The worker (an index into `loads`) meant for each of `sizes` (the jobs' expected sizes,
/// any unit), given the work `loads` each worker already holds: the split whose most
/// loaded worker has the least. Exact for two workers and up to [`EXHAUSTIVE_UP_TO`] jobs
/// (of equal splits, the first in Gray code order), else longest first to the least loaded (the first of equals). Empty when there
/// is no worker.
pub fn split(sizes: &[u64], loads: &[u64]) -> Vec<usize> {
    match loads {
        [] => Vec::new(),
        [_] => vec![0; sizes.len()],
        [a, b] if sizes.len() <= EXHAUSTIVE_UP_TO => {
            // Every split in Gray code order (each differs from the one before by one job
            // moved), so a split's sum on the second worker is one addition away.
            let total: u64 = sizes.iter().sum();
            let (mut mask, mut second) = (0u32, 0u64);
            let mut best = ((a + total).max(*b), 0u32);
            for step in 1..1u32 << sizes.len() {
                let k = step.trailing_zeros() as usize;
                mask ^= 1 << k;
                if mask >> k & 1 == 1 {
                    second += sizes[k];
                } else {
                    second -= sizes[k];
                }
                let longest = (a + total - second).max(b + second);
                if longest < best.0 {
                    best = (longest, mask);
                }
            }
            (0..sizes.len())
                .map(|k| (best.1 >> k & 1) as usize)
                .collect()
        }
        _ => {
            let mut loads = loads.to_vec();
            let mut worker = vec![0; sizes.len()];
            let mut left: Vec<usize> = (0..sizes.len()).collect();
            while !left.is_empty() {
                // The longest job left, the first of equals (a few dozen jobs at most: no
                // sort, whose code would weigh more in the page than this loop).
                let at = (0..left.len())
                    .max_by_key(|&i| (sizes[left[i]], std::cmp::Reverse(left[i])))
                    .unwrap_or(0);
                let k = left.remove(at);
                let w = (0..loads.len()).min_by_key(|&w| loads[w]).unwrap_or(0);
                loads[w] += sizes[k];
                worker[k] = w;
            }
            worker
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{costs, split};

    #[test]
    fn the_last_runs_times_decide_once_every_job_to_run_has_one() {
        // vdi-consolidation's five desktop jobs (at 1.5 s) after a first run: 96 000 events, under
        // 100 000, but 28 ms of the workers' time, over 10 ms: shared out.
        let events = [6_185, 11_963, 18_244, 26_586, 33_412, 4_444];
        let micros = [
            Some(1_900),
            Some(3_600),
            Some(5_300),
            Some(7_900),
            Some(10_100),
            None,
        ];
        let todo = [0, 1, 2, 3, 4];
        let (cost, from) = costs(&todo, &events, Some(&micros), 100_000, 10_000);
        assert_eq!(from, 10_000);
        assert!(todo.iter().map(|&i| cost[i]).sum::<u64>() >= from);
        // A job to run without a time (a new platform): the events decide.
        let (cost, from) = costs(&[0, 5], &events, Some(&micros), 100_000, 10_000);
        assert_eq!((cost, from), (events.to_vec(), 100_000));
        // No run of this text yet, or another number of jobs: the events.
        assert_eq!(costs(&todo, &events, None, 100_000, 10_000).1, 100_000);
        assert_eq!(
            costs(&todo, &events, Some(&micros[..5]), 100_000, 10_000).1,
            100_000
        );
    }

    /// The most work any worker gets from `split`.
    fn longest(sizes: &[u64], loads: &[u64]) -> u64 {
        let worker = split(sizes, loads);
        let mut sums = loads.to_vec();
        for (k, &w) in worker.iter().enumerate() {
            sums[w] += sizes[k];
        }
        sums.into_iter().max().unwrap_or(0)
    }

    #[test]
    fn two_workers_get_the_best_split() {
        // seed-table-full's VM jobs (ms in wasm): longest first gives 29 + 26 + 15 = 70
        // on one worker; the best split is 29 + 28 + 1 + 1 = 59 against 26 + 24 + 15 = 65.
        let sizes = [29, 28, 26, 24, 15, 1, 1];
        assert_eq!(longest(&sizes, &[0, 0]), 65);
        let worker = split(&sizes, &[0, 0]);
        assert_eq!(worker[0], worker[1], "the two largest go together");
        assert_ne!(worker[0], worker[2]);
    }

    #[test]
    fn work_already_held_counts() {
        // The first worker holds 30 already: every job to the second (25) leaves 30 the
        // most; any job on the first makes it 35 or more.
        assert_eq!(split(&[10, 10, 5], &[30, 0]), vec![1, 1, 1]);
        // Holding 10: 10 + 5 to the second (15) against 10 + 10 (20) on the first.
        assert_eq!(longest(&[10, 10, 5], &[10, 0]), 20);
    }

    #[test]
    fn more_workers_or_jobs_go_longest_first_to_the_least_loaded() {
        // Three workers: 8 to the first, 7 to the second, 6 to the third, then 5 to the
        // third (6 is the least), 4 to the second (7).
        assert_eq!(split(&[5, 8, 4, 7, 6], &[0, 0, 0]), vec![2, 0, 1, 1, 2]);
        // Seventeen equal jobs on two workers: nine and eight.
        let worker = split(&[1; 17], &[0, 0]);
        assert_eq!(worker.iter().filter(|&&w| w == 0).count(), 9);
    }

    #[test]
    fn no_worker_or_one() {
        assert!(split(&[3, 4], &[]).is_empty());
        assert_eq!(split(&[3, 4], &[7]), vec![0, 0]);
        assert_eq!(split(&[], &[0, 0]), Vec::<usize>::new());
    }
}
