//! The `smarketing` binary: parse the command line, run, exit with the outcome's code.

fn main() -> std::process::ExitCode {
    smarketing::cli::main()
}
