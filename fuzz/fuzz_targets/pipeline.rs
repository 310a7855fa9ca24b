//! Fuzzes the whole pipeline: any bytes as a playbook, through loading, linting, and (when the
//! playbook has no errors) compiling, rendering and exporting. A panic, a hang or an
//! out-of-memory is a bug.

#![no_main]

#[path = "../pipeline.rs"]
mod pipeline;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = pipeline::exercise(data);
});
