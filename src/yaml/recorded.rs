//! A parse made once and handed to any number of playbooks.
//!
//! In a workspace many playbooks include the same shared files (the group's people, its KPI
//! catalogue, its CRM fields). Parsing is most of what a check costs, so a shared file is parsed
//! once per run: [`record`] keeps what the parser hands its [`EntitySink`] and the tree it leaves,
//! and [`Recording::replay`] hands the same to another sink, as the file id that playbook gave
//! the file. What the sink makes of it (typed entities, findings) is still the playbook's own.

use super::{EntitySink, Node, NodeKind, Parsed, SectionTag};
use crate::base::span::{FileId, Span};
use crate::diagnostic::Diagnostic;

/// The parse of one file, as a sink saw it.
#[derive(Debug)]
pub struct Recording {
    calls: Vec<Call>,
    root: Option<Node>,
    diagnostics: Vec<Diagnostic>,
    dropped: Vec<(Node, Node)>,
}

#[derive(Debug)]
enum Call {
    Entity(SectionTag, Node, Node, Vec<Span>),
    Repeated(SectionTag, Node),
    Comment(Span, String),
}

/// Parses `text`; `sections` tells which top-level keys are handed over entity by entity, as
/// the sinks the recording is replayed into do.
pub fn record(text: &str, sections: fn(&str) -> Option<SectionTag>) -> Recording {
    let mut recorder = Recorder {
        sections,
        calls: Vec::new(),
    };
    // Recorded as file 0; every span is moved to the replaying playbook's id.
    let parsed = super::parse(text, 0, &mut recorder);
    Recording {
        calls: recorder.calls,
        root: parsed.root,
        diagnostics: parsed.diagnostics,
        dropped: parsed.dropped,
    }
}

impl Recording {
    /// Hands `sink` what the parser handed the recorder, with every span in file `file`, and
    /// returns what [`super::parse`] would have.
    pub fn replay(&self, file: FileId, sink: &mut dyn EntitySink) -> Parsed {
        let wants_comments = sink.wants_comments();
        for call in &self.calls {
            match call {
                Call::Entity(tag, key, value, repeated) => {
                    let repeated: Vec<Span> =
                        repeated.iter().map(|span| moved(*span, file)).collect();
                    sink.entity(*tag, in_file(key, file), in_file(value, file), &repeated);
                }
                Call::Repeated(tag, key) => sink.repeated(*tag, in_file(key, file)),
                Call::Comment(span, text) if wants_comments => {
                    sink.comment(moved(*span, file), text)
                }
                Call::Comment(..) => {}
            }
        }
        Parsed {
            root: self.root.as_ref().map(|root| in_file(root, file)),
            diagnostics: self
                .diagnostics
                .iter()
                .map(|diagnostic| {
                    let mut diagnostic = diagnostic.clone();
                    diagnostic.span = moved(diagnostic.span, file);
                    for label in &mut diagnostic.related {
                        label.span = moved(label.span, file);
                    }
                    diagnostic
                })
                .collect(),
            dropped: self
                .dropped
                .iter()
                .map(|(key, value)| (in_file(key, file), in_file(value, file)))
                .collect(),
        }
    }
}

struct Recorder {
    sections: fn(&str) -> Option<SectionTag>,
    calls: Vec<Call>,
}

impl EntitySink for Recorder {
    fn section(&self, key: &str) -> Option<SectionTag> {
        (self.sections)(key)
    }

    fn entity(&mut self, section: SectionTag, key: Node, value: Node, repeated: &[Span]) {
        self.calls
            .push(Call::Entity(section, key, value, repeated.to_vec()));
    }

    fn repeated(&mut self, section: SectionTag, key: Node) {
        self.calls.push(Call::Repeated(section, key));
    }

    /// Every comment is kept: whether a replaying sink wants them is its own question.
    fn wants_comments(&self) -> bool {
        true
    }

    fn comment(&mut self, span: Span, text: &str) {
        self.calls.push(Call::Comment(span, text.to_owned()));
    }
}

fn moved(span: Span, file: FileId) -> Span {
    Span { file, ..span }
}

/// A copy of `node` with every span in file `file`.
fn in_file(node: &Node, file: FileId) -> Node {
    let kind = match &node.kind {
        NodeKind::Seq(items) => {
            NodeKind::Seq(items.iter().map(|item| in_file(item, file)).collect())
        }
        NodeKind::Map(entries) => NodeKind::Map(
            entries
                .iter()
                .map(|(key, value)| (in_file(key, file), in_file(value, file)))
                .collect(),
        ),
        other => other.clone(),
    };
    Node {
        span: moved(node.span, file),
        kind,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::WholeTreeAndComments;

    fn sections(key: &str) -> Option<SectionTag> {
        (key == "people").then_some(1)
    }

    #[derive(Default)]
    struct Log(Vec<String>);

    impl EntitySink for Log {
        fn section(&self, key: &str) -> Option<SectionTag> {
            sections(key)
        }
        fn entity(&mut self, tag: SectionTag, key: Node, value: Node, _: &[Span]) {
            self.0
                .push(format!("{tag} {:?} {:?}", key.span, value.span));
        }
        fn repeated(&mut self, tag: SectionTag, key: Node) {
            self.0.push(format!("repeated {tag} {:?}", key.span));
        }
        fn wants_comments(&self) -> bool {
            true
        }
        fn comment(&mut self, span: Span, text: &str) {
            self.0.push(format!("comment {span:?} {text}"));
        }
    }

    #[test]
    fn a_replay_is_the_parse_in_the_replaying_file() {
        let text = "title: T # a comment\npeople:\n  anna: { name: Anna }\n  anna: { name: B }\nteams: [1, 2]\n";
        let mut direct = Log::default();
        let parsed = crate::yaml::parse(text, 7, &mut direct);
        let mut replayed = Log::default();
        let again = record(text, sections).replay(7, &mut replayed);
        assert_eq!(direct.0, replayed.0);
        assert_eq!(parsed.root, again.root);
        assert_eq!(parsed.diagnostics, again.diagnostics);
        assert!(!again.diagnostics.is_empty(), "the repeated id is reported");
        assert!(again.root.is_some_and(|root| root.span.file == 7));
    }

    #[test]
    fn a_syntax_error_is_replayed_too() {
        let text = "teams: [\n";
        let mut tree = WholeTreeAndComments::default();
        let parsed = crate::yaml::parse(text, 3, &mut tree);
        let again = record(text, sections).replay(3, &mut WholeTreeAndComments::default());
        assert_eq!(parsed.diagnostics, again.diagnostics);
    }
}
