//! Per-student variation: stable hashes of ids into a seed and into picks of choices.
//!
//! FNV-1a (64 bits) over the ids joined by NUL bytes (ids hold no control characters,
//! so the joining is unambiguous), then SplitMix64's finalizer to spread the bits. The
//! hash is fixed by this file alone, never by std's `RandomState`, so the CLI, the page
//! and any later version compute the same seed for the same ids.

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// FNV-1a of `bytes`, continuing from `hash`.
fn fnv1a_from(mut hash: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(FNV_PRIME);
    }
    hash
}

/// FNV-1a (64 bits) of `bytes`.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    fnv1a_from(FNV_OFFSET, bytes)
}

/// SplitMix64's finalizer: every input bit affects every output bit.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A well-spread hash of `parts` joined by NUL bytes.
pub fn hash_parts(parts: &[&str]) -> u64 {
    let mut hash = FNV_OFFSET;
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            hash = fnv1a_from(hash, &[0]);
        }
        hash = fnv1a_from(hash, part.as_bytes());
    }
    mix(hash)
}

/// A student's seed for a step: below 2^32, so that it reads well and is exact in JSON.
pub fn student_seed(assignment: &str, student: &str, step: &str) -> u64 {
    hash_parts(&["virtsim-seed", assignment, student, step]) % (1 << 32)
}

/// Which of `count` choices (count >= 1) a student gets for a parameter of a step.
pub fn student_pick(
    assignment: &str,
    student: &str,
    step: &str,
    parameter: &str,
    count: usize,
) -> usize {
    let count = count.max(1) as u64;
    (hash_parts(&["virtsim-pick", assignment, student, step, parameter]) % count) as usize
}

/// The text form of a 64-bit hash: `fnv1a64:` and 16 hex digits.
pub fn hash_text(hash: u64) -> String {
    format!("fnv1a64:{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_the_published_test_vectors() {
        // From the FNV reference test suite (isthe.com/chongo/tech/comp/fnv): FNV-1a 64 of
        // "" is the offset basis, of "a" 0xaf63dc4c8601ec8c, of "foobar" 0x85944171f73967e8.
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn joining_is_unambiguous() {
        // Without a separator "ab"+"c" and "a"+"bc" would hash the same.
        assert_ne!(hash_parts(&["ab", "c"]), hash_parts(&["a", "bc"]));
    }

    #[test]
    fn seeds_are_stable_and_differ_between_students() {
        // The same ids always give the same seed (this value is part of the answers files
        // handed out: changing the hash would change every student's numbers).
        let a = student_seed("hv", "s001", "step1");
        assert_eq!(a, student_seed("hv", "s001", "step1"));
        assert!(a < 1 << 32);
        let seeds: Vec<u64> = (0..50)
            .map(|i| student_seed("hv", &format!("s{i:03}"), "step1"))
            .collect();
        let mut distinct = seeds.clone();
        distinct.sort();
        distinct.dedup();
        // 50 draws from 2^32 values: a collision would have probability about 3e-7.
        assert_eq!(distinct.len(), 50);
    }

    #[test]
    fn picks_use_every_choice() {
        // 200 students over 3 choices: each choice should be picked about 67 times; fewer
        // than 40 would mean the hash is badly spread (binomial sd about 6.7).
        let mut counts = [0usize; 3];
        for i in 0..200 {
            counts[student_pick("hv", &format!("s{i}"), "st", "host_cores", 3)] += 1;
        }
        assert!(counts.iter().all(|&c| c > 40), "{counts:?}");
    }
}
