//! The command line: argument types (clap) and the dispatch to one module per command.
//!
//! Every command returns an [`Outcome`]; `main` maps it to the exit codes of the product
//! contract: 0 success, 1 findings (or stale output), 2 usage or I/O failure.

mod check;
mod check_fix;
mod compile;
mod completions;
mod crm;
mod deliver;
mod diff;
pub mod explain;
mod export;
mod graph;
mod init;
mod lsp;
mod man;
mod render;
mod render_workspace;
mod rules;
mod schema;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use std::io::IsTerminal;
use std::process::ExitCode;

/// How a command ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Success,
    Findings,
    Failure,
}

impl Outcome {
    pub fn code(self) -> u8 {
        match self {
            Outcome::Success => 0,
            Outcome::Findings => 1,
            Outcome::Failure => 2,
        }
    }
}

#[derive(Parser, Debug)]
#[command(
    name = "smarketing",
    version,
    about = "Compile and lint sales-and-marketing playbooks",
    long_about = "Compile and lint sales-and-marketing playbooks: shared goals and KPIs, RACI, lead \
                  lifecycle and handoffs, meetings and feedback loops, written as YAML.",
    after_help = "Examples:\n  smarketing check playbooks/\n  smarketing explain handoff-without-sla\n  smarketing init my-team",
    propagate_version = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// When to use colours
    #[arg(long, value_enum, global = true, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// The language of the documents `render` writes and of the `*_text` values `compile` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Lang {
    De,
    En,
}

impl Lang {
    /// `--lang` when given, else the playbook's `lang:`, else English.
    pub fn decide(
        flag: Option<Lang>,
        playbook: &crate::model::Playbook,
    ) -> crate::model::values::Language {
        Self::decide_in(flag, playbook, None)
    }

    /// `--lang` when given, else the playbook's `lang:`, else the workspace's `lang` (checked
    /// to be `de` or `en` when `smarketing.toml` was read), else English.
    pub fn decide_in(
        flag: Option<Lang>,
        playbook: &crate::model::Playbook,
        workspace: Option<&str>,
    ) -> crate::model::values::Language {
        use crate::model::values::Language;
        match flag {
            Some(Lang::De) => Language::De,
            Some(Lang::En) => Language::En,
            None => playbook
                .lang
                .as_ref()
                .map(|l| l.value)
                .or(match workspace {
                    Some("de") => Some(Language::De),
                    Some("en") => Some(Language::En),
                    _ => None,
                })
                .unwrap_or_default(),
        }
    }
}

/// Whether to colour what goes to each stream. They are decided apart because they often go to
/// different places: `smarketing compile > model.json` leaves its refusals on the terminal, and
/// `smarketing check 2> log` leaves the report there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Colors {
    pub stdout: bool,
    pub stderr: bool,
}

impl ColorChoice {
    /// The choice for this process: `auto` colours a stream that is a terminal, unless
    /// `NO_COLOR` is set (https://no-color.org).
    pub fn decide(self) -> Colors {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty());
        self.decide_for(
            no_color,
            std::io::stdout().is_terminal(),
            std::io::stderr().is_terminal(),
        )
    }

    /// The decision itself, given what `decide` reads from the environment.
    fn decide_for(self, no_color: bool, stdout_terminal: bool, stderr_terminal: bool) -> Colors {
        match self {
            ColorChoice::Always => Colors {
                stdout: true,
                stderr: true,
            },
            ColorChoice::Never => Colors {
                stdout: false,
                stderr: false,
            },
            ColorChoice::Auto => Colors {
                stdout: !no_color && stdout_terminal,
                stderr: !no_color && stderr_terminal,
            },
        }
    }
}

/// Whether stderr is coloured, decided once in [`main`]. A process-wide value because every
/// command reports its own errors through [`fail`], often from helpers far from `main`; the
/// decision never changes during a run. Unset (in library tests) means no colour.
static STDERR_COLOR: std::sync::OnceLock<bool> = std::sync::OnceLock::new();

/// `error:` as the tool prefixes its own errors on stderr: bold red when stderr is coloured,
/// as clap prints its usage errors.
pub fn error_label() -> &'static str {
    if STDERR_COLOR.get().copied().unwrap_or(false) {
        "\x1b[1;31merror\x1b[0m:"
    } else {
        "error:"
    }
}

/// Options shared by the commands that read playbooks.
#[derive(clap::Args, Debug, Clone)]
pub struct LoadArgs {
    /// Refuse files larger than this many MiB
    #[arg(long, value_name = "MIB", default_value_t = 64, value_parser = clap::value_parser!(u64).range(1..=2048))]
    pub max_file_size: u64,

    /// Treat RULE as a warning (repeatable)
    #[arg(long = "warn", value_name = "RULE")]
    pub warn: Vec<String>,

    /// Treat RULE as an error (repeatable)
    #[arg(long = "deny", value_name = "RULE")]
    pub deny: Vec<String>,

    /// Turn RULE off (repeatable)
    #[arg(long = "allow", value_name = "RULE")]
    pub allow: Vec<String>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Load, validate and lint playbooks
    #[command(
        after_help = "Examples:\n  smarketing check\n  smarketing check playbooks/ --format concise\n  smarketing check playbooks/ --fix\n  smarketing check hotel.yaml --deny-warnings --allow no-contacts\n  smarketing check - --stdin-filename playbooks/hotel.yaml < edited.yaml"
    )]
    Check(check::Args),
    /// List every rule with its default level
    #[command(after_help = "Example:\n  smarketing rules")]
    Rules(rules::Args),
    /// Print one rule's documentation
    #[command(after_help = "Example:\n  smarketing explain handoff-without-sla")]
    Explain(explain::Args),
    /// Print the JSON Schema of the playbook format
    #[command(after_help = "Example:\n  smarketing schema > schemas/playbook.schema.json")]
    Schema(schema::Args),
    /// Write RACI tables, checklists, onboarding pages and an overview page
    #[command(
        after_help = "Examples:\n  smarketing render playbook.yaml --out docs/playbook\n  smarketing render playbook.yaml --out docs/playbook --check\n  smarketing render playbook.yaml --template my-report.md.jinja\n  smarketing render hotel-group/ --out site"
    )]
    Render(render::Args),
    /// Write CRM configuration: HubSpot request bodies, Salesforce metadata or CSV
    #[command(
        after_help = "Examples:\n  smarketing export playbook.yaml --target hubspot --out crm/hubspot\n  smarketing export playbook.yaml --target salesforce --out crm/salesforce --check"
    )]
    Export(export::Args),
    /// Sync the playbook's data model with a live CRM: `plan` shows, `apply` changes
    #[command(
        after_help = "Examples:\n  smarketing crm plan playbook.yaml --target hubspot\n  smarketing crm apply playbook.yaml --target hubspot"
    )]
    Crm(crm::Args),
    /// Print the resolved playbook model as JSON (what templates see)
    #[command(
        after_help = "Example:\n  smarketing compile playbooks/b2b-saas.yaml | jq '.tasks[].id'"
    )]
    Compile(compile::Args),
    /// Print the compiled dependency graph
    #[command(
        after_help = "Examples:\n  smarketing graph playbook.yaml --format mermaid\n  smarketing graph playbook.yaml --format dot | dot -Tsvg > graph.svg"
    )]
    Graph(graph::Args),
    /// Report what a change does to a playbook: entities added, removed, changed, and findings
    #[command(
        after_help = "Examples:\n  smarketing diff old/playbook.yaml playbook.yaml\n  smarketing diff --base origin/main playbooks/hotel/playbook.yaml --format json"
    )]
    Diff(diff::Args),
    /// Scaffold a starter playbook that passes `check`
    #[command(after_help = "Example:\n  smarketing init my-team && smarketing check my-team")]
    Init(init::Args),
    /// Print the tab-completion script of a shell
    #[command(
        after_help = "Examples:\n  smarketing completions bash > ~/.local/share/bash-completion/completions/smarketing\n  smarketing completions zsh > ~/.zfunc/_smarketing"
    )]
    Completions(completions::Args),
    /// Print the manual page (roff) with every command
    #[command(
        after_help = "Examples:\n  smarketing man | man -l -\n  smarketing man > ~/.local/share/man/man1/smarketing.1"
    )]
    Man(man::Args),
    /// Run the language server over stdio, for editors (diagnostics, quick fixes, completion,
    /// hover, go to definition, references, rename, outline)
    #[command(
        after_help = "Editors start it themselves; docs/editors.md shows how for VS Code, Neovim, Helix, Zed and Emacs."
    )]
    Lsp(lsp::Args),
}

/// The command line's definition, with the version line that names the playbook language
/// versions this binary reads.
pub fn command() -> clap::Command {
    Cli::command().version(version_text())
}

/// `0.1.0 (playbook language version 1)`: what `--version` prints after the name. Made once:
/// clap keeps it for the life of the process.
pub fn version_text() -> &'static str {
    static TEXT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    TEXT.get_or_init(version_line)
}

fn version_line() -> String {
    let versions: Vec<String> = crate::model::LANGUAGE_VERSIONS
        .iter()
        .map(u32::to_string)
        .collect();
    let noun = if versions.len() == 1 {
        "version"
    } else {
        "versions"
    };
    format!(
        "{} (playbook language {noun} {})",
        env!("CARGO_PKG_VERSION"),
        versions.join(", ")
    )
}

pub fn main() -> ExitCode {
    let cli = match command()
        .try_get_matches()
        .and_then(|matches| Cli::from_arg_matches(&matches))
    {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() { 2 } else { 0 });
        }
    };
    let colors = cli.color.decide();
    // Set once, here, before any command runs; a second `set` cannot happen.
    let _ = STDERR_COLOR.set(colors.stderr);
    let outcome = match cli.command {
        Command::Check(args) => check::run(args, colors),
        Command::Rules(args) => rules::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Schema(args) => schema::run(args),
        Command::Compile(args) => compile::run(args, colors),
        Command::Graph(args) => graph::run(args, colors),
        Command::Init(args) => init::run(args),
        Command::Diff(args) => diff::run(args),
        Command::Render(args) => render::run(args, colors),
        Command::Export(args) => export::run(args, colors),
        Command::Crm(args) => crm::run(args, colors),
        Command::Completions(args) => completions::run(args),
        Command::Man(args) => man::run(args),
        Command::Lsp(args) => lsp::run(args),
    };
    ExitCode::from(outcome.code())
}

/// Turns `--warn/--deny/--allow` into level overrides; an unknown or structural rule is a usage
/// error.
pub fn load_options(args: &LoadArgs) -> Result<crate::check::CheckOptions, String> {
    use crate::model::values::Level;
    let mut options = crate::check::CheckOptions::default();
    options.load.max_file_bytes = args.max_file_size * 1024 * 1024;
    let groups = [
        (&args.warn, Level::Warning, "--warn"),
        (&args.deny, Level::Error, "--deny"),
        (&args.allow, Level::Off, "--allow"),
    ];
    let mut given: std::collections::HashMap<&str, &str> = std::collections::HashMap::new();
    for (names, level, flag) in groups {
        for name in names {
            if let Some(earlier) = given.insert(name, flag)
                && earlier != flag
            {
                return Err(format!(
                    "{earlier} {name} and {flag} {name} contradict each other; give one level per rule"
                ));
            }
            match crate::lint::registry::find(name) {
                Some(rule) if rule.structural => {
                    return Err(format!(
                        "{flag} {name}: `{name}` is a structural rule and cannot be re-levelled"
                    ));
                }
                Some(_) => options.overrides.set(name, level),
                None => {
                    let hint = crate::base::suggest::did_you_mean(
                        name,
                        crate::lint::registry::RULES.iter().map(|r| r.name),
                    )
                    .map_or_else(
                        || " (`smarketing rules` lists them)".to_owned(),
                        |near| format!(" (did you mean `{near}`?)"),
                    );
                    return Err(format!("{flag} {name}: unknown rule{hint}"));
                }
            }
        }
    }
    Ok(options)
}

/// Prints an error of the tool itself (not a finding) to stderr.
pub fn fail(message: &str) -> Outcome {
    eprintln!("{} {message}", error_label());
    Outcome::Failure
}

/// The width to draw reports at: `COLUMNS` when set, else 100.
pub fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|value| value.parse().ok())
        .filter(|&width: &usize| width >= 40)
        .unwrap_or(100)
}

/// Loads one playbook for a command that needs it compiled: findings at error level stop it
/// (printed to stderr, exit 1, coloured as stderr is).
pub fn compiled_playbook(
    path: &std::path::Path,
    load: &LoadArgs,
    colors: Colors,
) -> Result<crate::check::Single, Outcome> {
    let options = load_options(load).map_err(|message| fail(&message))?;
    let single = crate::check::check_single(path, &options).map_err(|message| fail(&message))?;
    if single.has_errors() {
        let errors: Vec<_> = single
            .diagnostics
            .iter()
            .filter(|d| d.severity == crate::diagnostic::Severity::Error)
            .cloned()
            .collect();
        let style = crate::report::human::Style {
            color: colors.stderr,
            width: terminal_width(),
        };
        eprint!(
            "{}",
            crate::report::human::render(&errors, &single.sources, style)
        );
        eprintln!(
            "{} `{}` has {} {}; fix {} first (`smarketing check` shows all findings)",
            error_label(),
            crate::base::source::display_path(path),
            errors.len(),
            if errors.len() == 1 { "error" } else { "errors" },
            if errors.len() == 1 { "it" } else { "them" }
        );
        return Err(Outcome::Findings);
    }
    Ok(single)
}

#[cfg(test)]
mod tests {
    use super::{ColorChoice, Colors};

    const BOTH: Colors = Colors {
        stdout: true,
        stderr: true,
    };
    const NEITHER: Colors = Colors {
        stdout: false,
        stderr: false,
    };

    #[test]
    fn auto_colours_each_stream_that_is_a_terminal() {
        let auto = ColorChoice::Auto;
        assert_eq!(auto.decide_for(false, true, true), BOTH);
        assert_eq!(auto.decide_for(false, false, false), NEITHER);
        assert_eq!(
            auto.decide_for(false, false, true),
            Colors {
                stdout: false,
                stderr: true
            }
        );
        assert_eq!(
            auto.decide_for(false, true, false),
            Colors {
                stdout: true,
                stderr: false
            }
        );
    }

    #[test]
    fn no_color_turns_auto_off_on_both_streams() {
        assert_eq!(ColorChoice::Auto.decide_for(true, true, true), NEITHER);
    }

    #[test]
    fn always_and_never_force_both_streams() {
        for (no_color, stdout, stderr) in [(false, false, false), (true, true, true)] {
            assert_eq!(
                ColorChoice::Always.decide_for(no_color, stdout, stderr),
                BOTH
            );
            assert_eq!(
                ColorChoice::Never.decide_for(no_color, stdout, stderr),
                NEITHER
            );
        }
    }
}
