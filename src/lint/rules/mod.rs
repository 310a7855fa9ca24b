//! One file per rule; this list is the registry. Adding a rule is one file, one line here and
//! its fixtures under `tests/fixtures/rules/<rule>/`.

use super::LintRule;
use crate::diagnostic::Rule;
use crate::diagnostic::structural;

macro_rules! registry {
    (structural: $($structural:ident),* ; lint: $($module:ident),* $(,)?) => {
        $(pub mod $module;)*

        /// The rules that judge the compiled playbook, in the order they run.
        pub static LINT_RULES: &[&LintRule] = &[$(&$module::RULE),*];

        /// Every rule, in the order `smarketing rules` lists them: structural rules first, then
        /// the rules of the playbook's contract.
        pub static ALL: [&Rule; [$(stringify!($structural)),*].len() + [$(stringify!($module)),*].len()] =
            [$(&structural::$structural::RULE,)* $(&$module::RULE.rule),*];
    };
}

registry! {
    structural:
    yaml_syntax,
    schema,
    duplicate_key,
    duplicate_id,
    unresolved_reference,
    include_error,
    unsupported_version;
    lint:
    unowned_task,
    multiple_accountable,
    task_without_responsible,
    accountable_is_team,
    unowned_goal,
    unowned_kpi,
    unowned_stage,
    unowned_meeting,
    overloaded_person,
    goal_without_kpi,
    kpi_without_target,
    target_unit_mismatch,
    orphan_kpi,
    unreviewed_kpi,
    review_cadence_mismatch,
    no_shared_goal,
    no_joint_meeting,
    missing_feedback_loop,
    handoff_without_sla,
    handoff_without_criteria,
    handoff_without_rejection,
    dependency_cycle,
    unreachable_stage,
    dead_end_stage,
    no_won_outcome,
    invalid_criterion,
    uncaptured_field,
    feedback_loop_without_channel,
    isolated_team,
    no_contacts,
    unused_suppression,
    inconsistent_person,
    inconsistent_kpi,
    inconsistent_field,
}
