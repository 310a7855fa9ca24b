//! `smarketing man`: the manual page (roff), printed to stdout.
//!
//! One page holds every command: the root page as clap_mangen writes it, then one section per
//! command with its synopsis, description and options. A single page is what `man smarketing`
//! finds, and the text comes from the same definitions as `--help`, so the two cannot disagree.

use super::Outcome;
use std::io::Write;

#[derive(clap::Args, Debug)]
pub struct Args {}

pub fn run(_args: Args) -> Outcome {
    match page() {
        Ok(page) => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`smarketing man | head`) is not a failure of the page.
            let _ = stdout.write_all(page.as_bytes());
            Outcome::Success
        }
        Err(error) => super::fail(&format!("cannot write the manual page: {error}")),
    }
}

/// The whole page.
pub fn page() -> std::io::Result<String> {
    let mut command = super::command();
    command.build();
    let mut out = Vec::new();
    let root = clap_mangen::Man::new(command.clone());
    root.render_title(&mut out)?;
    root.render_name_section(&mut out)?;
    root.render_synopsis_section(&mut out)?;
    root.render_description_section(&mut out)?;
    root.render_options_section(&mut out)?;
    // clap_mangen's own list points at one page per command (`smarketing-check(1)`); here
    // every command is a section of this page, so the list names the sections.
    writeln!(out, ".SH COMMANDS")?;
    for sub in command
        .get_subcommands()
        .filter(|sub| sub.get_name() != "help")
    {
        let about = sub
            .get_about()
            .map(|about| about.to_string())
            .unwrap_or_default();
        writeln!(
            out,
            ".TP\n\\fB{} {}\\fR\n{}",
            command.get_name(),
            sub.get_name(),
            escape(&about)
        )?;
    }
    for sub in command
        .get_subcommands()
        .filter(|sub| sub.get_name() != "help")
    {
        let name = format!("{} {}", command.get_name(), sub.get_name());
        writeln!(out, ".SH \"{}\"", name.to_uppercase())?;
        // Built above, so the command knows its full name (`smarketing check`) for the synopsis.
        let man = clap_mangen::Man::new(sub.clone());
        let mut section = Vec::new();
        man.render_synopsis_section(&mut section)?;
        man.render_description_section(&mut section)?;
        man.render_options_section(&mut section)?;
        man.render_extra_section(&mut section)?;
        // The command's own parts are subsections of its section.
        for line in String::from_utf8_lossy(&section).lines() {
            match line.strip_prefix(".SH ") {
                Some(heading) => writeln!(out, ".SS {heading}")?,
                None => writeln!(out, "{line}")?,
            }
        }
    }
    root.render_extra_section(&mut out)?;
    root.render_version_section(&mut out)?;
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// `text` as roff reads it literally: backslashes and hyphens escaped, and no line that starts
/// with a control character.
fn escape(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    if escaped.starts_with('.') || escaped.starts_with('\'') {
        format!("\\&{escaped}")
    } else {
        escaped
    }
}
