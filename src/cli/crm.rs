//! `smarketing crm plan|apply PLAYBOOK --target hubspot`: the playbook's data model synced with
//! a live HubSpot portal.
//!
//! Exit codes follow `render --check`: `plan` exits 0 when the portal matches, 1 when changes
//! are pending or part of the playbook cannot be synced, 2 on usage, auth, network or API
//! failures; `apply` exits 0 when everything was applied and a fresh plan is empty, 1 when
//! something was refused or a change failed, 2 on failures that end the run.

use super::export::print_refusals;
use super::{Colors, LoadArgs, Outcome, compiled_playbook, fail};
use crate::export::hubspot::desired::desired;
use crate::sync::client::Client;
use crate::sync::plan::{Plan, describe, plan};
use crate::sync::{apply, portal};
use std::path::PathBuf;

/// The CRMs `crm` can sync with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Target {
    /// HubSpot, through its CRM v3 API
    Hubspot,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(clap::Subcommand, Debug)]
pub enum Command {
    /// Show what `apply` would change in the CRM; writes nothing
    #[command(
        after_help = "The token is read from HUBSPOT_ACCESS_TOKEN.\n\nExamples:\n  smarketing crm plan playbook.yaml --target hubspot\n  smarketing crm plan playbook.yaml --target hubspot --format json"
    )]
    Plan(PlanArgs),
    /// Make the CRM hold what the playbook says: create what is missing, change what differs
    #[command(
        after_help = "The token is read from HUBSPOT_ACCESS_TOKEN.\n\nExample:\n  smarketing crm apply playbook.yaml --target hubspot"
    )]
    Apply(ApplyArgs),
}

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(clap::Args, Debug)]
pub struct PlanArgs {
    /// The root playbook file
    pub playbook: PathBuf,

    /// The CRM to compare with
    #[arg(long, value_enum)]
    pub target: Target,

    /// How to print the plan; with `json`, stdout holds only the JSON
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    /// Also plan to archive what smarketing made and the playbook no longer has
    #[arg(long)]
    pub prune: bool,

    #[command(flatten)]
    pub load: LoadArgs,
}

#[derive(clap::Args, Debug)]
pub struct ApplyArgs {
    /// The root playbook file
    pub playbook: PathBuf,

    /// The CRM to change
    #[arg(long, value_enum)]
    pub target: Target,

    /// Also archive properties of the `smarketing` group and options smarketing added that the
    /// playbook no longer has
    #[arg(long)]
    pub prune: bool,

    #[command(flatten)]
    pub load: LoadArgs,
}

pub fn run(args: Args, colors: Colors) -> Outcome {
    match args.command {
        Command::Plan(args) => run_plan(args, colors),
        Command::Apply(args) => run_apply(args, colors),
    }
}

/// The playbook's desired state and a client, or the outcome that ends the command first.
fn prepare(
    playbook: &std::path::Path,
    load: &LoadArgs,
    colors: Colors,
) -> Result<(crate::export::hubspot::desired::Desired, Client), Outcome> {
    let single = compiled_playbook(playbook, load, colors)?;
    let desired = desired(&single.loaded.playbook).map_err(|mut refusals| {
        print_refusals(
            &mut refusals,
            &single,
            colors,
            playbook,
            "synced",
            "nothing was sent",
        )
    })?;
    let client = Client::from_env().map_err(|message| fail(&message))?;
    Ok((desired, client))
}

/// The desired state, a client and the plan against the portal as it is now, or the outcome
/// that ends the command first.
fn planned(
    playbook: &std::path::Path,
    load: &LoadArgs,
    prune: bool,
    colors: Colors,
) -> Result<(crate::export::hubspot::desired::Desired, Client, Plan), Outcome> {
    let (desired, mut client) = prepare(playbook, load, colors)?;
    let plan = read_plan(&mut client, &desired, prune).map_err(|message| fail(&message))?;
    Ok((desired, client, plan))
}

fn read_plan(
    client: &mut Client,
    desired: &crate::export::hubspot::desired::Desired,
    prune: bool,
) -> Result<Plan, String> {
    let portal = portal::read(client).map_err(|failure| failure.to_string())?;
    Ok(plan(desired, &portal, prune))
}

fn run_plan(args: PlanArgs, colors: Colors) -> Outcome {
    let (_, _, plan) = match planned(&args.playbook, &args.load, args.prune, colors) {
        Ok(planned) => planned,
        Err(outcome) => return outcome,
    };
    match args.format {
        Format::Json => {
            let json = serde_json::json!({
                "version": 1,
                "target": "hubspot",
                "changes": plan.changes,
            });
            println!(
                "{}",
                serde_json::to_string_pretty(&json).unwrap_or_default()
            );
            for line in notes(&plan) {
                eprintln!("{line}");
            }
        }
        Format::Text => {
            for change in &plan.changes {
                println!("{}", describe(change));
            }
            for line in notes(&plan) {
                println!("{line}");
            }
            println!("{}", summary(&plan));
        }
    }
    if plan.changes.is_empty() && plan.refusals.is_empty() {
        Outcome::Success
    } else {
        Outcome::Findings
    }
}

/// What the plan says besides its changes: mapped fields, leftovers, refusals.
fn notes(plan: &Plan) -> Vec<String> {
    let mut lines = Vec::new();
    lines.extend(plan.mapped.iter().map(|line| format!("= {line}")));
    lines.extend(
        plan.leftovers
            .iter()
            .map(|line| format!("leftover: {line}")),
    );
    lines.extend(plan.refusals.iter().map(|line| format!("refused: {line}")));
    lines
}

fn summary(plan: &Plan) -> String {
    if plan.changes.is_empty() {
        return if plan.refusals.is_empty() {
            "No changes: the portal matches the playbook.".into()
        } else {
            "No changes can be made until the refusals above are resolved.".into()
        };
    }
    let count = |action| plan.changes.iter().filter(|c| c.action == action).count();
    use crate::sync::plan::Action;
    format!(
        "Plan: {} to create, {} to update, {} to archive.",
        count(Action::Create),
        count(Action::Update),
        count(Action::Archive)
    )
}

fn run_apply(args: ApplyArgs, colors: Colors) -> Outcome {
    let (desired, mut client, plan) = match planned(&args.playbook, &args.load, args.prune, colors)
    {
        Ok(planned) => planned,
        Err(outcome) => return outcome,
    };
    for line in notes(&plan) {
        println!("{line}");
    }
    if !plan.refusals.is_empty() {
        eprintln!(
            "{} the playbook cannot be synced as it is ({} refused); nothing was sent",
            super::error_label(),
            plan.refusals.len()
        );
        return Outcome::Findings;
    }
    if plan.changes.is_empty() {
        println!("No changes: the portal matches the playbook.");
        return Outcome::Success;
    }
    let outcome = apply::apply(&mut client, &plan);
    for &index in &outcome.applied {
        println!("applied: {}", describe(&plan.changes[index]));
    }
    if let Some(message) = &outcome.fatal {
        eprintln!("{} {message}", super::error_label());
        eprintln!(
            "{} of {} changes were applied",
            outcome.applied.len(),
            plan.changes.len()
        );
        return Outcome::Failure;
    }
    if !outcome.failed.is_empty() {
        for message in &outcome.failed {
            eprintln!("{} {message}", super::error_label());
        }
        eprintln!(
            "{} of {} changes were applied",
            outcome.applied.len(),
            plan.changes.len()
        );
        return Outcome::Findings;
    }
    match read_plan(&mut client, &desired, args.prune) {
        Ok(again) if again.changes.is_empty() => {
            println!(
                "Applied {} changes; the portal matches the playbook.",
                plan.changes.len()
            );
            Outcome::Success
        }
        Ok(again) => {
            for change in &again.changes {
                eprintln!("still differs: {}", describe(change));
            }
            eprintln!(
                "{} the portal still differs from the playbook after apply",
                super::error_label()
            );
            Outcome::Findings
        }
        Err(message) => fail(&message),
    }
}
