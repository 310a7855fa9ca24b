//! Generates a large, valid playbook for benchmarks and scaling tests.
//!
//! `cargo run --release --example generate -- --tasks 10000 > big.yaml` writes a playbook with
//! that many tasks (each with a full RACI and dependencies on earlier tasks), enough people that
//! nobody is overloaded, and the goals, KPIs, lifecycle, meetings and feedback loops that make it
//! lint clean. The output depends only on the arguments.

use std::fmt::Write;

fn main() {
    let mut tasks = 1000usize;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--tasks" => {
                tasks = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .unwrap_or_else(|| usage());
            }
            _ => usage(),
        }
    }
    print!("{}", playbook(tasks));
}

fn usage() -> ! {
    eprintln!("usage: generate --tasks N");
    std::process::exit(2)
}

fn playbook(tasks: usize) -> String {
    let people = tasks / 8 + 2;
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
    for t in 0..tasks {
        let accountable = t % people;
        let responsible = (t + 1) % people;
        let _ = write!(
            out,
            "  task-{t}:\n    title: Task number {t}\n    accountable: p{accountable}\n    responsible: [p{responsible}]\n    consulted: [marketing]\n    informed: [sales]\n    goal: revenue\n    kpis: [leads]\n"
        );
        if t > 0 {
            let _ = writeln!(out, "    depends_on: [task-{}, task-{}]", t - 1, t / 2);
        }
        let _ = writeln!(out, "    due: 2027-{:02}-{:02}", t % 12 + 1, t % 28 + 1);
    }
    out
}
