//! The floor no linter can beat: a bare YAML event parse of a file, with the parser smarketing's
//! YAML library is built on (granit-parser), doing nothing with the events but count them.
//!
//! `cargo run --release --example parse_floor -- FILE` prints the number of events; time it
//! against `smarketing check FILE` (see `scripts/bench.sh`).

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: parse_floor FILE");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("cannot read {path}: {error}");
            std::process::exit(2);
        }
    };
    let mut events = 0usize;
    for event in granit_parser::Parser::new_from_str(&text) {
        if let Err(error) = event {
            eprintln!("{path}: {error}");
            std::process::exit(1);
        }
        events += 1;
    }
    println!("{events} events");
}
