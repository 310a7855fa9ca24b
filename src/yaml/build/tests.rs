//! The tree builder on small texts: streaming, repeated keys, merges, aliases and budgets.

use super::*;

/// Records what the builder hands over.
#[derive(Default)]
struct Recorder {
    entities: Vec<(SectionTag, String, bool)>,
    repeated: Vec<String>,
}

impl EntitySink for Recorder {
    fn section(&self, key: &str) -> Option<SectionTag> {
        (key == "tasks").then_some(7)
    }

    fn entity(&mut self, section: SectionTag, key: Node, _: Node, repeated: &[Span]) {
        let id = format!("{:?}", key.span);
        self.entities.push((section, id, !repeated.is_empty()));
    }

    fn repeated(&mut self, _: SectionTag, key: Node) {
        self.repeated.push(format!("{:?}", key.span));
    }
}

fn keys(node: &Node, text: &str) -> Vec<String> {
    node.as_map()
        .unwrap_or_default()
        .iter()
        .filter_map(|(key, _)| key.scalar_text(text).map(str::to_owned))
        .collect()
}

fn section<'n>(root: &'n Node, text: &str, name: &str) -> &'n Node {
    let entries = root.as_map().expect("a map");
    let (_, value) = entries
        .iter()
        .find(|(key, _)| key.scalar_text(text) == Some(name))
        .expect("the section");
    value
}

#[test]
fn entities_go_to_the_sink_and_leave_the_tree() {
    let text = "tasks:\n  a: {title: A}\n  b: {title: B, title: again}\n  a: {title: C}\nteams:\n  t: {name: T}\n";
    let mut sink = Recorder::default();
    let tree = build(text, 0, &mut sink).expect("valid YAML");
    let root = tree.root.expect("a root");
    assert_eq!(
        keys(section(&root, text, "tasks"), text),
        Vec::<String>::new()
    );
    assert_eq!(keys(section(&root, text, "teams"), text), ["t"]);
    let handed: Vec<bool> = sink.entities.iter().map(|e| e.2).collect();
    // `a`, then `b` with its repeated `title` inside; the second `a` is left out.
    assert_eq!(handed, [false, true]);
    assert_eq!(sink.repeated.len(), 1);
    assert_eq!(tree.duplicates.len(), 2);
    assert!(tree.duplicates[0].message.contains("`title`"));
    assert!(tree.duplicates[1].message.contains("`a`"));
}

#[test]
fn a_repeated_section_is_not_streamed_but_dropped_whole() {
    let text = "tasks:\n  a: {title: A}\ntasks:\n  b: {title: B}\n";
    let mut sink = Recorder::default();
    let tree = build(text, 0, &mut sink).expect("valid YAML");
    assert_eq!(sink.entities.len(), 1);
    assert_eq!(tree.dropped.len(), 1);
    assert_eq!(keys(&tree.dropped[0].1, text), ["b"]);
}

#[test]
fn merged_entries_stay_in_the_tree_unless_streamed_already() {
    let text =
        "x-more: &more {a: {title: X}, c: {title: C}}\ntasks:\n  a: {title: A}\n  <<: *more\n";
    let mut sink = Recorder::default();
    let tree = build(text, 0, &mut sink).expect("valid YAML");
    let root = tree.root.expect("a root");
    assert_eq!(sink.entities.len(), 1);
    assert_eq!(keys(section(&root, text, "tasks"), text), ["c"]);
}

#[test]
fn merge_keys_fill_in_what_the_map_does_not_set() {
    let text = "base: &base {a: 1, b: 2}\nmap:\n  b: 3\n  <<: *base\n  c: 4\n";
    let tree = build(text, 0, &mut WholeTree).expect("valid YAML");
    let root = tree.root.expect("a root");
    let map = section(&root, text, "map");
    assert_eq!(keys(map, text), ["b", "c", "a"]);
    let values: Vec<&NodeKind> = map.as_map().unwrap().iter().map(|(_, v)| &v.kind).collect();
    assert_eq!(
        values,
        [&NodeKind::Int(3), &NodeKind::Int(4), &NodeKind::Int(1)]
    );
}

#[test]
fn merging_a_scalar_is_an_error() {
    let error = build("a:\n  <<: text\n", 0, &mut WholeTree)
        .err()
        .expect("an error");
    assert!(
        error.message.contains("`<<` merges a map"),
        "{}",
        error.message
    );
}

#[test]
fn aliased_values_point_at_the_alias() {
    let text = "a: &x {b: [one]}\nc: *x\n";
    let root = build(text, 0, &mut WholeTree).unwrap().root.unwrap();
    let alias = section(&root, text, "c");
    let alias_span = alias.span;
    assert_eq!(
        &text[alias_span.start as usize..alias_span.end as usize],
        "*x"
    );
    let (key, value) = &alias.as_map().unwrap()[0];
    assert_eq!(key.span, alias_span);
    let item = &value.as_seq().unwrap()[0];
    assert_eq!(item.span, alias_span);
    // The text moved with the span, so it is kept as a copy.
    assert_eq!(item.scalar_text(text), Some("one"));
}

#[test]
fn an_invalid_tagged_value_is_an_error() {
    let error = build("a: !!int many\n", 0, &mut WholeTree)
        .err()
        .expect("an error");
    assert_eq!(error.message, "`many` is not a valid !!int");
    // At the value, after the tag.
    assert_eq!(error.offset, "a: !!int ".len());
}

#[test]
fn a_scalar_tag_on_a_collection_is_an_error() {
    let error = build("include: !!int [a.yaml]\n", 0, &mut WholeTree)
        .err()
        .expect("an error");
    assert_eq!(error.message, "`!!int` cannot tag a list");
    let error = build("a: !!str { b: 1 }\n", 0, &mut WholeTree)
        .err()
        .expect("an error");
    assert_eq!(error.message, "`!!str` cannot tag a map");
    assert!(build("a: !!seq [1]\nb: !!map { c: 2 }\n", 0, &mut WholeTree).is_ok());
}

#[test]
fn nested_text_counts_once_against_the_alias_budget() {
    // 2 MiB of text ten levels deep: no alias anywhere, so it must be accepted.
    let mut text = String::new();
    for level in 0..10 {
        text.push_str(&format!("{}l{level}:\n", "  ".repeat(level)));
    }
    text.push_str(&format!(
        "{}leaf: {}\n",
        "  ".repeat(10),
        "x".repeat(2 << 20)
    ));
    assert!(build(&text, 0, &mut WholeTree).is_ok());
}

#[test]
fn nesting_through_aliases_counts_against_the_depth_limit() {
    let deep = format!("{}1{}", "[".repeat(40), "]".repeat(40));
    let text = format!("a: &x {deep}\nb: {}*x{}\n", "[".repeat(40), "]".repeat(40));
    let error = build(&text, 0, &mut WholeTree).err().expect("an error");
    assert!(error.budget);
    assert!(error.message.contains("nested more than 64"));
}
