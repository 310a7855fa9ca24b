//! The command line: argument types (clap) and the dispatch to one module per command.
//!
//! Every command returns an [`Outcome`]; `main` maps it to the exit codes of the product
//! contract: 0 success, 1 findings (or stale output), 2 usage or I/O failure.

mod check;
mod compile;
mod deliver;
mod diff;
pub mod explain;
mod export;
mod graph;
mod init;
mod render;
mod rules;
mod schema;

use clap::{Parser, Subcommand, ValueEnum};
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

impl ColorChoice {
    /// `auto` means colour on a terminal, unless `NO_COLOR` is set (https://no-color.org).
    pub fn enabled(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty())
                    && std::io::stdout().is_terminal()
            }
        }
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
        after_help = "Examples:\n  smarketing check\n  smarketing check playbooks/ --format concise\n  smarketing check hotel.yaml --deny-warnings --allow no-contacts"
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
        after_help = "Examples:\n  smarketing render playbook.yaml --out docs/playbook\n  smarketing render playbook.yaml --out docs/playbook --check\n  smarketing render playbook.yaml --template my-report.md.jinja"
    )]
    Render(render::Args),
    /// Write CRM configuration: HubSpot request bodies, Salesforce metadata or CSV
    #[command(
        after_help = "Examples:\n  smarketing export playbook.yaml --target hubspot --out crm/hubspot\n  smarketing export playbook.yaml --target salesforce --out crm/salesforce --check"
    )]
    Export(export::Args),
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
}

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() { 2 } else { 0 });
        }
    };
    let color = cli.color.enabled();
    let outcome = match cli.command {
        Command::Check(args) => check::run(args, color),
        Command::Rules(args) => rules::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Schema(args) => schema::run(args),
        Command::Compile(args) => compile::run(args, color),
        Command::Graph(args) => graph::run(args, color),
        Command::Init(args) => init::run(args),
        Command::Diff(args) => diff::run(args),
        Command::Render(args) => render::run(args, color),
        Command::Export(args) => export::run(args, color),
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
    eprintln!("error: {message}");
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
/// (printed to stderr, exit 1).
pub fn compiled_playbook(
    path: &std::path::Path,
    load: &LoadArgs,
    color: bool,
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
            color,
            width: terminal_width(),
        };
        eprint!(
            "{}",
            crate::report::human::render(&errors, &single.sources, style)
        );
        eprintln!(
            "error: `{}` has {} {}; fix {} first (`smarketing check` shows all findings)",
            crate::base::source::display_path(path),
            errors.len(),
            if errors.len() == 1 { "error" } else { "errors" },
            if errors.len() == 1 { "it" } else { "them" }
        );
        return Err(Outcome::Findings);
    }
    Ok(single)
}
