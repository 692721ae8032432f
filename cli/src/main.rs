//! `virtsim`: run and validate scenario files from the command line.
fn main() {}
