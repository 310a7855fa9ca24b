//! Generates a large playbook for benchmarks and scaling tests.
//!
//! `cargo run --release --example generate -- --tasks 10000 > big.yaml` writes a playbook with
//! that many tasks (each with a full RACI and dependencies on earlier tasks), enough people that
//! nobody is overloaded, and the goals, KPIs, lifecycle, meetings and feedback loops that make it
//! lint clean. The output depends only on the arguments.
//!
//! Options that add findings (each 0 by default, which leaves the clean playbook byte for byte):
//!
//! - `--findings PERCENT`: that share of the tasks, spread evenly, carries one mistake of the
//!   kinds real playbooks have, in turn: no accountable party, nobody responsible, a dependency
//!   on a task that does not exist, a team as the accountable party, a misspelled KPI, and two
//!   tasks that depend on each other (one cycle for each such pair).
//! - `--misspelled N`: N more references that name nothing but are one typo away from an
//!   existing id, in turn a dependency (`taks-7` for `task-7`) and a responsible person (`p7x`
//!   for `p7`), spread over the tasks.
//! - `--unknown-keys N`: N top-level keys that the language does not have (`taks-0: 1`,
//!   `peopel-1: 1`, ...), after the tasks.

use std::fmt::Write;

/// What to generate: the sizes and the adversarial parts.
#[derive(Clone, Copy, Default)]
struct Options {
    tasks: usize,
    findings_percent: usize,
    misspelled: usize,
    unknown_keys: usize,
}

fn main() {
    let mut options = Options {
        tasks: 1000,
        ..Options::default()
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut number = || {
            args.next()
                .and_then(|n| n.parse::<usize>().ok())
                .unwrap_or_else(|| usage())
        };
        match arg.as_str() {
            "--tasks" => options.tasks = number(),
            "--findings" => options.findings_percent = number().min(100),
            "--misspelled" => options.misspelled = number(),
            "--unknown-keys" => options.unknown_keys = number(),
            "--help" | "-h" => {
                println!("{USAGE}");
                return;
            }
            _ => usage(),
        }
    }
    print!("{}", playbook(options));
}

const USAGE: &str =
    "usage: generate [--tasks N] [--findings PERCENT] [--misspelled N] [--unknown-keys N]

  --tasks N             tasks in the playbook (default 1000); lint clean unless asked otherwise
  --findings PERCENT    that share of the tasks carries one realistic mistake each: in turn no
                        accountable, nobody responsible, an unknown dependency, a team as
                        accountable, a misspelled KPI, a dependency cycle of two tasks
  --misspelled N        N references one typo away from an existing task or person id
  --unknown-keys N      N top-level keys the language does not have";

fn usage() -> ! {
    eprintln!("{USAGE}");
    std::process::exit(2)
}

/// The kinds of mistake `--findings` spreads over the tasks, in turn.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mistake {
    Unowned,
    NobodyResponsible,
    UnknownDependency,
    TeamAccountable,
    MisspelledKpi,
    /// This task and the next depend on each other.
    Cycle,
}

const MISTAKES: [Mistake; 6] = [
    Mistake::Unowned,
    Mistake::NobodyResponsible,
    Mistake::UnknownDependency,
    Mistake::TeamAccountable,
    Mistake::MisspelledKpi,
    Mistake::Cycle,
];

/// The mistake task `t` carries, if any: `percent` of the tasks, evenly spread. A cycle needs the
/// next task (which may carry a mistake of its own: mistakes in turn never put two cycles side by
/// side), so the last task gets another kind.
fn mistakes(options: Options) -> Vec<Option<Mistake>> {
    let percent = options.findings_percent;
    let mut count = 0;
    (0..options.tasks)
        .map(|t| {
            if (t + 1) * percent / 100 == t * percent / 100 {
                return None;
            }
            let mut mistake = MISTAKES[count % MISTAKES.len()];
            count += 1;
            if mistake == Mistake::Cycle && t + 1 == options.tasks {
                mistake = Mistake::Unowned;
            }
            Some(mistake)
        })
        .collect()
}

fn playbook(options: Options) -> String {
    let tasks = options.tasks;
    let people = tasks / 8 + 2;
    let mistakes = mistakes(options);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# yaml-language-server: $schema=schemas/playbook.schema.json"
    );
    let _ = writeln!(
        out,
        "version: 1\nplaybook: generated\ntitle: Generated playbook with {tasks} tasks"
    );
    out.push_str(
        "teams:\n  marketing: { name: Marketing, lead: p0 }\n  sales: { name: Sales, lead: p1 }\n",
    );
    out.push_str("people:\n");
    for p in 0..people {
        let team = if p % 2 == 0 { "marketing" } else { "sales" };
        let _ = writeln!(
            out,
            "  p{p}: {{ name: Person {p}, team: {team}, role: Specialist, email: p{p}@example.com }}"
        );
    }
    out.push_str(
        "goals:
  revenue:
    title: Grow revenue
    owners: [marketing, sales]
    kpis: [leads, conversion]
    due: 2027-12-31
kpis:
  leads: { title: Leads per month, owner: p0, unit: count, target: \">= 100\", review: weekly }
  conversion: { title: Lead conversion, owner: p1, unit: percent, formula: won / leads, target: \">= 20\", review: weekly }
fields:
  lead_score: { label: Lead score, type: number, captured_by: marketing }
  segment: { label: Segment, type: enum, options: [smb, enterprise], captured_by: sales }
lifecycle:
  stages:
    - { id: lead, owner: marketing, crm: lead }
    - id: mql
      owner: marketing
      criteria: [{ field: lead_score, gte: 50 }, { field: segment, in: [smb, enterprise] }]
    - { id: sql, owner: sales, sla: 24h, rejected_to: mql, reject_reasons: [no-budget], next: [won, lost] }
    - { id: won, owner: sales, outcome: won }
    - { id: lost, owner: sales, outcome: lost }
pipelines:
  deals:
    title: Deals
    stages:
      - { id: qualified, probability: 0.2 }
      - { id: won, probability: 1.0, outcome: won }
      - { id: lost, probability: 0.0, outcome: lost }
meetings:
  weekly-sync: { title: Weekly sync, cadence: weekly, owner: p0, attendees: [marketing, sales], channel: call, reviews: [leads, conversion] }
channels:
  call: { kind: video, tool: teams }
contacts:
  leads: p0
feedback_loops:
  lead-quality: { from: sales, to: marketing, about: Lead quality, via: weekly-sync, cadence: weekly, improves: [conversion] }
campaigns:
  launch: { title: Launch, owners: [marketing, sales], goal: revenue, kpis: [leads] }
systems:
  crm: { kind: crm, product: hubspot, owner: p1 }
tasks:
",
    );
    for (t, &mistake) in mistakes.iter().enumerate() {
        let accountable = t % people;
        let responsible = (t + 1) % people;
        let _ = write!(out, "  task-{t}:\n    title: Task number {t}\n");
        match mistake {
            Some(Mistake::Unowned) => {}
            Some(Mistake::TeamAccountable) => out.push_str("    accountable: marketing\n"),
            _ => {
                let _ = writeln!(out, "    accountable: p{accountable}");
            }
        }
        // Misspelled references of this task: every `tasks`-th one lands here.
        let typos: Vec<usize> = (t..options.misspelled).step_by(tasks.max(1)).collect();
        let mut responsible_list = format!("p{responsible}");
        for &typo in typos.iter().filter(|&&typo| typo % 2 == 1) {
            let _ = write!(responsible_list, ", p{}x", typo % people);
        }
        if mistake != Some(Mistake::NobodyResponsible) {
            let _ = writeln!(out, "    responsible: [{responsible_list}]");
        }
        let kpi = if mistake == Some(Mistake::MisspelledKpi) {
            "lead"
        } else {
            "leads"
        };
        let _ = write!(
            out,
            "    consulted: [marketing]\n    informed: [sales]\n    goal: revenue\n    kpis: [{kpi}]\n"
        );
        let mut depends_on = Vec::new();
        if t > 0 {
            depends_on.push(format!("task-{}", t - 1));
            depends_on.push(format!("task-{}", t / 2));
        }
        match mistake {
            Some(Mistake::UnknownDependency) => depends_on.push(format!("task-{t}-prep")),
            // The next task already depends on this one (`task-{t}` comes first in its list).
            Some(Mistake::Cycle) => depends_on.push(format!("task-{}", t + 1)),
            _ => {}
        }
        for &typo in typos.iter().filter(|&&typo| typo % 2 == 0) {
            depends_on.push(format!("taks-{}", typo % tasks.max(1)));
        }
        if !depends_on.is_empty() {
            let _ = writeln!(out, "    depends_on: [{}]", depends_on.join(", "));
        }
        let _ = writeln!(out, "    due: 2027-{:02}-{:02}", t % 12 + 1, t % 28 + 1);
    }
    const KEYS: [&str; 4] = ["taks", "peopel", "kpi", "meeting"];
    for k in 0..options.unknown_keys {
        let _ = writeln!(out, "{}-{k}: 1", KEYS[k % KEYS.len()]);
    }
    out
}
