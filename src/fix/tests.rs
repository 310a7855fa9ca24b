//! Fixes and suppressions of findings from real playbooks, loaded and linted.

use super::*;
use crate::check::{CheckOptions, check_bytes};
use crate::diagnostic::structural::unresolved_reference;
use crate::lint::rules::{task_without_responsible, unowned_task};
use std::path::Path;

fn checked(text: &str) -> (Vec<Diagnostic>, Sources) {
    let report = check_bytes(
        Path::new("p.yaml"),
        text.as_bytes(),
        &CheckOptions::default(),
    );
    (report.diagnostics, report.sources)
}

/// The rules of `text`'s findings about entities, in order.
fn rules(text: &str) -> Vec<&'static str> {
    checked(text)
        .0
        .iter()
        .filter(|d| d.entity.is_some())
        .map(|d| d.rule.name)
        .collect()
}

/// `text` with every safe fix applied.
fn fixed(text: &str) -> String {
    let (diagnostics, sources) = checked(text);
    apply(text, &fix_all(&diagnostics, &sources))
}

/// `text` with every suppression written.
fn allowed(text: &str) -> String {
    let (diagnostics, sources) = checked(text);
    apply(text, &allow_all(&diagnostics, &sources))
}

const HEAD: &str = "version: 1\nplaybook: p\npeople:\n  tobias: { name: Tobias Kern }\n  anna: { name: Anna Berger }\n";

#[test]
fn a_misspelled_reference_is_replaced() {
    let text = format!(
        "{HEAD}tasks:\n  a:\n    title: A\n    accountable: tobia\n    responsible: [anna]\n"
    );
    let (diagnostics, sources) = checked(&text);
    let finding = diagnostics
        .iter()
        .find(|d| d.is(&unresolved_reference::RULE))
        .unwrap();
    let (title, edits) = fix_edits(finding, &sources).unwrap();
    assert_eq!(title, "Replace `tobia` with `tobias`");
    assert_eq!(apply(&text, &edits), text.replace("tobia\n", "tobias\n"));
    assert_eq!(allow_edit(finding, &sources), None, "structural");
}

#[test]
fn a_quoted_reference_keeps_its_quotes() {
    let text = format!(
        "{HEAD}tasks:\n  a: {{ title: A, accountable: \"tobia\", responsible: ['ana'] }}\n"
    );
    assert_eq!(
        fixed(&text),
        format!(
            "{HEAD}tasks:\n  a: {{ title: A, accountable: \"tobias\", responsible: ['anna'] }}\n"
        )
    );
}

#[test]
fn misspelled_keys_rules_and_values_are_replaced() {
    let text = format!(
        "{HEAD}tasks:\n  a:\n    title: A\n    acountable: anna\n    responsible: [anna]\nlint:\n  unowned-tsk: off\nmeetings:\n  weekly:\n    title: Weekly\n    cadence: weekyl\n    owner: anna\n"
    );
    let expected = text
        .replace("acountable", "accountable")
        .replace("unowned-tsk", unowned_task::RULE.rule.name)
        .replace("weekyl", "weekly");
    assert_eq!(fixed(&text), expected);
}

#[test]
fn text_before_a_fix_may_be_any_characters() {
    let text = "version: 1\nplaybook: p\npeople:\n  jürgen: { name: Jürgen Müller }\n  anna: { name: Anna Berger }\ntasks:\n  a: { title: Über alles, accountable: ana, responsible: [anna] }\n";
    assert_eq!(fixed(text), text.replace("ana,", "anna,"));
}

#[test]
fn unused_suppressions_are_removed_and_used_ones_kept() {
    let tasks = "tasks:\n  # smarketing: allow(unowned-task, task-without-responsible)\n  a:\n    title: A\n    accountable: anna\n  # smarketing: allow(unowned-task)\n  b:\n    title: B\n    accountable: anna\n    responsible: [anna]\n  c: # smarketing: allow(unowned-task, qqqq, schema)\n    title: C\n    accountable: anna\n    responsible: [anna]\n";
    let text = format!("{HEAD}{tasks}");
    let expected = "tasks:\n  # smarketing: allow(task-without-responsible)\n  a:\n    title: A\n    accountable: anna\n  b:\n    title: B\n    accountable: anna\n    responsible: [anna]\n  c:\n    title: C\n    accountable: anna\n    responsible: [anna]\n";
    assert_eq!(fixed(&text), format!("{HEAD}{expected}"));
    // Three unused names of one comment are one edit.
    let (diagnostics, sources) = checked(&text);
    assert_eq!(
        diagnostics
            .iter()
            .filter(|d| d.fix == Some(Fix::RemoveSuppression))
            .count(),
        5
    );
    assert_eq!(fix_all(&diagnostics, &sources).len(), 3);
    let fixed_again = fixed(&format!("{HEAD}{expected}"));
    assert_eq!(fixed_again, format!("{HEAD}{expected}"));
}

#[test]
fn each_fix_says_what_it_does() {
    let text = format!(
        "{HEAD}tasks:\n  # smarketing: allow(unowned-task)\n  a: {{ title: A, accountable: tobia, responsible: [anna] }}\n"
    );
    let (diagnostics, sources) = checked(&text);
    let plan = plan(&diagnostics, &sources);
    let done: Vec<String> = plan
        .fixed
        .iter()
        .map(|fixed| fixed.repair.to_string())
        .collect();
    assert_eq!(
        done,
        [
            "removed the unused suppression of `unowned-task`",
            "replaced `tobia` with `tobias`"
        ]
    );
    let titles: Vec<String> = diagnostics
        .iter()
        .filter_map(|d| fix_edits(d, &sources))
        .map(|(title, _)| title)
        .collect();
    assert_eq!(
        titles,
        [
            "Remove the unused suppression of `unowned-task`",
            "Replace `tobia` with `tobias`"
        ]
    );
}

#[test]
fn crlf_files_stay_crlf() {
    let text = format!("{HEAD}tasks:\n  # smarketing: allow(unowned-task)\n  a:\n    title: A\n    accountable: tobia\n")
        .replace('\n', "\r\n");
    let expected = format!("{HEAD}tasks:\n  a:\n    title: A\n    accountable: tobias\n")
        .replace('\n', "\r\n");
    assert_eq!(fixed(&text), expected);
    assert_eq!(
        allowed(&expected),
        format!("{HEAD}tasks:\n  # smarketing: allow(task-without-responsible)\n  a:\n    title: A\n    accountable: tobias\n")
            .replace('\n', "\r\n")
    );
}

#[test]
fn a_suppression_goes_above_the_entity_with_every_rule() {
    let text = format!(
        "{HEAD}tasks:\n    a:\n      title: A\n    b: {{ title: B, accountable: anna, responsible: [anna] }}\n"
    );
    assert_eq!(
        rules(&text),
        [
            task_without_responsible::RULE.rule.name,
            unowned_task::RULE.rule.name
        ]
    );
    let expected = format!(
        "{HEAD}tasks:\n    # smarketing: allow(task-without-responsible, unowned-task)\n    a:\n      title: A\n    b: {{ title: B, accountable: anna, responsible: [anna] }}\n"
    );
    assert_eq!(allowed(&text), expected);
    assert!(rules(&expected).is_empty());
}

#[test]
fn an_existing_suppression_of_the_entity_is_extended() {
    for comment_above in [true, false] {
        let task = |list: &str| {
            if comment_above {
                format!("  # smarketing: allow({list})\n  a:\n    title: A\n")
            } else {
                format!("  a: # smarketing: allow({list})\n    title: A\n")
            }
        };
        let text = format!("{HEAD}tasks:\n{}", task(unowned_task::RULE.rule.name));
        let (diagnostics, sources) = checked(&text);
        let finding = diagnostics
            .iter()
            .find(|d| d.is(&task_without_responsible::RULE.rule))
            .unwrap();
        let edit = allow_edit(finding, &sources).unwrap();
        let expected = format!(
            "{HEAD}tasks:\n{}",
            task("unowned-task, task-without-responsible")
        );
        assert_eq!(apply(&text, &[edit]), expected);
        assert!(rules(&expected).is_empty());
    }
}

#[test]
fn a_suppression_inside_a_block_of_text_is_not_extended() {
    let text = format!(
        "{HEAD}tasks:\n  a:\n    title: A\n    accountable: anna\n    responsible: [anna]\n    description: |\n      # smarketing: allow(unowned-task)\n  b:\n    title: B\n    accountable: anna\n"
    );
    let expected = text.replace(
        "  b:\n",
        "  # smarketing: allow(task-without-responsible)\n  b:\n",
    );
    assert_eq!(allowed(&text), expected);
}

#[test]
fn findings_without_an_entity_take_no_suppression() {
    let text = "version: 1\nplaybook: p\npeople:\n  anna: { name: Anna Berger }\ntasks:\n  a: { title: A, accountable: anna, responsible: [anna] }\nlint:\n  no-contacts: error\n";
    let (diagnostics, sources) = checked(text);
    assert!(!diagnostics.is_empty());
    for diagnostic in &diagnostics {
        if diagnostic.entity.is_none() {
            assert_eq!(allow_edit(diagnostic, &sources), None, "{diagnostic:?}");
        }
    }
}

/// Typos put into the example playbooks, one at a time: fixing them never makes YAML that does
/// not parse or repeats a key, and fixes until nothing is left in a few passes.
#[test]
fn fixing_typos_never_breaks_the_yaml() {
    use crate::diagnostic::structural::{duplicate_key, yaml_syntax};
    let broken = |diagnostics: &[Diagnostic]| {
        diagnostics
            .iter()
            .filter(|d| d.is(&yaml_syntax::RULE) || d.is(&duplicate_key::RULE))
            .count()
    };
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = |below: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % below.max(1) as u64) as usize
    };
    let mut fixed_some = 0;
    for name in ["agency.yaml", "b2b-saas.yaml"] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("playbooks")
            .join(name);
        let original = std::fs::read_to_string(path).unwrap();
        let words: Vec<(usize, usize)> = original
            .char_indices()
            .filter(|&(at, c)| {
                c.is_ascii_lowercase()
                    && !original[..at].ends_with(|c: char| c.is_ascii_alphanumeric() || c == '-')
            })
            .map(|(at, _)| {
                let len = original[at..]
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
                    .unwrap_or(original.len() - at);
                (at, len)
            })
            .filter(|&(_, len)| len >= 5)
            .collect();
        for _ in 0..40 {
            let (at, len) = words[next(words.len())];
            let cut = at + 1 + next(len - 2);
            let mut text = original.clone();
            text.remove(cut);
            let (diagnostics, _) = checked(&text);
            let before = broken(&diagnostics);
            for _ in 0..4 {
                let (diagnostics, sources) = checked(&text);
                let edits = fix_all(&diagnostics, &sources);
                if edits.is_empty() {
                    break;
                }
                text = apply(&text, &edits);
            }
            let (diagnostics, sources) = checked(&text);
            assert!(broken(&diagnostics) <= before, "{text}");
            assert!(fix_all(&diagnostics, &sources).is_empty(), "{text}");
            fixed_some += usize::from(text == original);
        }
    }
    assert!(fixed_some > 20, "only {fixed_some} typos were undone");
}

/// A file two playbooks include is in the sources twice, and each may find the same name.
fn shared_file_findings(first: &str, second: &str) -> (Vec<Diagnostic>, Sources) {
    use crate::base::source::SourceFile;
    let text = "people:\n  anna: { name: Anna Berger, team: salse }\n";
    let mut sources = Sources::default();
    let start = text.find("salse").unwrap() as u32;
    let diagnostics = [first, second]
        .iter()
        .map(|with| {
            let file = sources.add(SourceFile::new("people.yaml".into(), text.to_owned()));
            Diagnostic::new(
                &unresolved_reference::RULE,
                "unknown team",
                Span::new(file, start, start + 5),
            )
            .with_fix(Fix::Replace {
                with: (*with).to_owned(),
            })
        })
        .collect();
    (diagnostics, sources)
}

#[test]
fn a_shared_file_is_fixed_once() {
    let (diagnostics, sources) = shared_file_findings("sales", "sales");
    let plan = plan(&diagnostics, &sources);
    assert_eq!(plan.fixed.len(), 1);
    assert_eq!(plan.edits.len(), 1);
    assert_eq!(plan.edits[0].span.file, 0);
}

#[test]
fn replacements_that_disagree_are_not_made() {
    let (diagnostics, sources) = shared_file_findings("sales", "sale");
    let plan = plan(&diagnostics, &sources);
    assert!(plan.fixed.is_empty() && plan.edits.is_empty(), "{plan:?}");
    // Each alone is still offered to an editor, which shows the finding it is asked about.
    assert!(fix_edits(&diagnostics[1], &sources).is_some());
}

#[test]
fn a_criterions_misspelled_field_and_option_are_replaced() {
    let text = format!(
        "{HEAD}fields:\n  group_size: {{ label: Group size, type: number, captured_by: anna }}\n  event_type: {{ label: Event type, type: enum, options: [wedding, conference], captured_by: anna }}\nlifecycle:\n  stages:\n    - id: mql\n      owner: anna\n      criteria:\n        - {{ field: group_sise, gte: 20 }}\n        - {{ field: event_type, in: [weding, conference] }}\n"
    );
    let expected = text
        .replace("field: group_sise", "field: group_size")
        .replace("[weding,", "[wedding,");
    assert_eq!(fixed(&text), expected);
}
