#!/usr/bin/env python3
"""Range of every figure of a scenario's run over many seeds, for texts that quote one.

A scenario text that quotes a figure which moves with the seed gives its range over seeds
1 to 16 ("on seeds 1 to 16, 3.9 to 6.2% steal"). This runs the scenario at each seed
(`virtsim run FILE --seed N --format json`) and prints, for every number of each platform's
result (and of the questions and the sweep), its smallest and largest value over the seeds:

    scripts/seed-ranges.py scenarios/smoke.toml
    scripts/seed-ranges.py scenarios/smoke.toml --match 'relative_performance_percent$'
    scripts/seed-ranges.py scenarios/live-migration.toml --match 'heavy-5g.migration' \\
        -- --cost page_write_percent=15
    scripts/seed-ranges.py scenarios/smoke.toml --diff t1-hw t1-bt relative_performance_percent

A field is written as a path: `t1-hw.cpu.hypervisor`, `t2-hw.latency[disk_read].latency.mean_us`
(lists are indexed by their items' name or op). `--diff A B FIELD` prints FIELD of platform A
minus that of platform B at each seed, and the range of the difference: a claim that one
platform is ahead "on every seed" holds when the range does not cross 0. Arguments after `--`
go to `virtsim run` (`--cost NAME=VALUE`). The binary is `$VIRTSIM`, or target/release/virtsim
(build it with `cargo build --release --bin virtsim`; under another `CARGO_TARGET_DIR`, set
`VIRTSIM`).
"""

import argparse
import json
import os
import re
import subprocess
import sys

SKIPPED_KEYS = {"histogram_us", "trace", "paths", "samples", "over_time", "throughput_series"}


def run(virtsim, scenario, seed, extra):
    """One run's JSON result, or exits with virtsim's message."""
    command = [virtsim, "run", scenario, "--seed", str(seed), "--format", "json", *extra]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr}")
    return json.loads(done.stdout)


def flatten(prefix, value, out):
    """Every number under `value`, by its path."""
    if isinstance(value, bool) or value is None:
        return
    if isinstance(value, (int, float)):
        out[prefix] = value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in SKIPPED_KEYS:
                flatten(f"{prefix}.{key}" if prefix else key, item, out)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            name = None
            if isinstance(item, dict):
                name = item.get("name") or item.get("op") or item.get("id") or item.get("platform")
            flatten(f"{prefix}[{name if name is not None else index}]", item, out)


def figures(result):
    """A run's numbers by path: each platform's under its name, then questions and sweep."""
    out = {}
    for platform in result["platforms"]:
        flatten(platform["name"], platform, out)
    flatten("questions", result.get("questions"), out)
    flatten("sweep", result.get("sweep"), out)
    return out


def seeds_of(text):
    """`1..16` or `1,5,9` as a list of seeds."""
    if ".." in text:
        first, last = text.split("..")
        return list(range(int(first), int(last) + 1))
    return [int(seed) for seed in text.split(",")]


def main():
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="Arguments after `--` go to `virtsim run` (`-- --cost NAME=VALUE`).",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("scenario")
    parser.add_argument("--seeds", default="1..16", help="`1..16` (default) or `1,5,9`")
    parser.add_argument("--match", help="only the paths this regular expression finds")
    parser.add_argument("--diff", nargs=3, metavar=("A", "B", "FIELD"))
    argv = sys.argv[1:]
    extra = argv[argv.index("--") + 1 :] if "--" in argv else []
    args = parser.parse_args(argv[: argv.index("--")] if "--" in argv else argv)
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    virtsim = os.environ.get("VIRTSIM", os.path.join(root, "target", "release", "virtsim"))
    if not os.path.exists(virtsim):
        sys.exit(f"no virtsim binary at {virtsim}: build it, or set VIRTSIM")
    seeds = seeds_of(args.seeds)
    runs = {seed: figures(run(virtsim, args.scenario, seed, extra)) for seed in seeds}
    if args.diff:
        a, b, field = args.diff
        differences = []
        for seed, values in runs.items():
            x, y = values.get(f"{a}.{field}"), values.get(f"{b}.{field}")
            if x is None or y is None:
                sys.exit(f"seed {seed}: no {a}.{field} or {b}.{field} in the result")
            differences.append(x - y)
            print(f"seed {seed}: {x:.6g} - {y:.6g} = {x - y:.6g}")
        print(f"range {min(differences):.6g} .. {max(differences):.6g}")
        return
    pattern = re.compile(args.match) if args.match else None
    paths = {}
    for values in runs.values():
        paths.update(dict.fromkeys(values))
    for path in paths:
        if pattern and not pattern.search(path):
            continue
        values = [run_values[path] for run_values in runs.values() if path in run_values]
        missing = "" if len(values) == len(seeds) else f" (at {len(values)} of {len(seeds)} seeds)"
        print(f"{path}: {min(values):.6g} .. {max(values):.6g}{missing}")


if __name__ == "__main__":
    main()
