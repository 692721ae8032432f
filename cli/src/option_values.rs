//! The values of the command line's options that every command reads: the output
//! `Format` of `run` (and of `answers` and `grade`, which take their own lists of it)
//! and the messages' `Lang`.

use clap::ValueEnum;

/// The output format of `run`, and what `answers`' and `grade`'s formats become (their own
/// lists have no `jsonl`: it never reaches them, and their matches read it as `json`).
#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum Format {
    /// Tables and notes for a reader, each file's after the one before
    Table,
    /// One pretty-printed JSON document per file (sim_core::RunResult; its `scenario` is the
    /// scenario's name), in the order given: `jq -s` reads several as one array
    Json,
    /// JSON Lines: one compact JSON object per file on a line of its own, in the order
    /// given, each the same as `json`'s (for several files or a directory: a line per
    /// scenario, read one at a time)
    Jsonl,
    /// One table of every file's rows (each names its scenario), the header once
    Csv,
}

/// The language of the messages and of the tables (`--lang`).
#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum Lang {
    En,
    Ko,
}

impl Lang {
    pub(crate) fn core(self) -> sim_core::Lang {
        match self {
            Lang::En => sim_core::Lang::En,
            Lang::Ko => sim_core::Lang::Ko,
        }
    }
}
