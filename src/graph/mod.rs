//! The compiled dependency graph: every entity a node, every reference an edge.
//!
//! Rules ask the graph the structural questions (is there a dependency cycle, which stages can a
//! lead reach, where does a lead change hands) and `smarketing graph` prints it. Edges point from
//! the entity that holds the reference to the entity it names (`a depends_on b` is `a -> b`).

pub mod output;

use crate::base::span::Span;
use crate::model::{Entry, Playbook, Section, Stage};
use crate::resolve::refs::{Relation, for_each_reference};
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::{Bfs, EdgeFiltered, EdgeRef};
use std::collections::{BTreeSet, BinaryHeap, HashMap};

/// A node: the entity's section and id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct GraphNode<'p> {
    pub section: Section,
    pub id: &'p str,
}

/// An edge: what the reference means and where it is written.
#[derive(Clone, Copy, Debug)]
pub struct GraphEdge {
    pub relation: Relation,
    pub span: Span,
    /// A `next` edge implied by list order rather than written.
    pub implicit: bool,
}

pub struct Graph<'p> {
    pub playbook: &'p Playbook,
    pub graph: DiGraph<GraphNode<'p>, GraphEdge>,
    /// The first node of each section (in the order of [`Section::ALL`]): nodes are added section by
    /// section in entity order, so an entity's node is its section's first plus its position,
    /// and the sections' own indexes find it without a second index here.
    first_node: Vec<usize>,
}

/// A lifecycle transition and whether the owning team changes along it.
#[derive(Clone, Copy, Debug)]
pub struct StageEdge<'p> {
    pub from: &'p str,
    pub to: &'p str,
    /// Where the transition is written: the `next` entry, or the receiving stage's id when it is
    /// implied by list order.
    pub span: Span,
}

/// A transition at which leads pass from one team to another.
#[derive(Clone, Copy, Debug)]
pub struct Handoff<'p> {
    pub edge: StageEdge<'p>,
    pub from_team: &'p str,
    pub to_team: &'p str,
}

/// A dependency loop, starting and ending at the task first in the file.
#[derive(Clone, Debug)]
pub struct Cycle<'p> {
    pub tasks: Vec<&'p str>,
    /// The `depends_on` entries that close the loop, in loop order.
    pub spans: Vec<Span>,
}

impl<'p> Graph<'p> {
    pub fn build(playbook: &'p Playbook) -> Self {
        let mut graph = Graph {
            playbook,
            graph: DiGraph::with_capacity(playbook.entity_count(), 0),
            first_node: Vec::with_capacity(Section::ALL.len()),
        };
        for section in Section::ALL {
            graph.first_node.push(graph.graph.node_count());
            for id in playbook.section_ids(section) {
                graph.graph.add_node(GraphNode { section, id });
            }
        }
        // Counted first, so that the edge list is allocated once at its final size: on a large
        // playbook it is the biggest allocation after the model.
        let mut references = 0;
        for_each_reference(playbook, |_| references += 1);
        graph
            .graph
            .reserve_exact_edges(references + playbook.stages.len());
        let (first_node, edges) = (&graph.first_node, &mut graph.graph);
        let lookup = |section: Section, id: &str| lookup(playbook, first_node, section, id);
        // References come entity by entity: the entity they start from is looked up once.
        let mut last_from: Option<(Section, &str, Option<NodeIndex>)> = None;
        for_each_reference(playbook, |reference| {
            let from = match last_from {
                Some((section, id, node))
                    if section == reference.from_section && id == reference.from_id =>
                {
                    node
                }
                _ => {
                    let node = lookup(reference.from_section, reference.from_id);
                    last_from = Some((reference.from_section, reference.from_id, node));
                    node
                }
            };
            let to = reference
                .target
                .sections()
                .iter()
                .find_map(|&section| lookup(section, &reference.name.value));
            if let (Some(from), Some(to)) = (from, to) {
                edges.add_edge(
                    from,
                    to,
                    GraphEdge {
                        relation: reference.relation,
                        span: reference.name.span,
                        implicit: false,
                    },
                );
            }
        });
        for edge in graph.implicit_stage_edges() {
            if let (Some(from), Some(to)) = (
                graph.node(Section::Lifecycle, edge.from),
                graph.node(Section::Lifecycle, edge.to),
            ) {
                graph.graph.add_edge(
                    from,
                    to,
                    GraphEdge {
                        relation: Relation::Next,
                        span: edge.span,
                        implicit: true,
                    },
                );
            }
        }
        graph
    }

    pub fn node(&self, section: Section, id: &str) -> Option<NodeIndex> {
        lookup(self.playbook, &self.first_node, section, id)
    }

    /// Transitions implied by list order: a stage without `next` and without an outcome is
    /// followed by the stage after it.
    fn implicit_stage_edges(&self) -> Vec<StageEdge<'p>> {
        let stages: Vec<_> = self.playbook.stages.iter().collect();
        stages
            .windows(2)
            .filter(|pair| pair[0].value.next.is_none() && pair[0].value.outcome.is_none())
            .map(|pair| StageEdge {
                from: pair[0].id.value.as_str(),
                to: pair[1].id.value.as_str(),
                span: pair[1].id.span,
            })
            .collect()
    }

    /// Every `next` transition, written or implied, in stage order.
    pub fn stage_edges(&self) -> Vec<StageEdge<'p>> {
        let mut edges = Vec::new();
        for stage in &self.playbook.stages {
            let Some(from) = self.node(Section::Lifecycle, &stage.id.value) else {
                continue;
            };
            let mut outgoing: Vec<_> = self
                .graph
                .edges(from)
                .filter(|edge| edge.weight().relation == Relation::Next)
                .map(|edge| StageEdge {
                    from: stage.id.value.as_str(),
                    to: self.graph[edge.target()].id,
                    span: edge.weight().span,
                })
                .collect();
            outgoing.sort_by_key(|edge| edge.span);
            edges.extend(outgoing);
        }
        edges
    }

    /// Stages a lead can reach from the first stage, along `next` and `rejected_to`.
    pub fn reachable_stages(&self) -> BTreeSet<&'p str> {
        let mut reached = BTreeSet::new();
        let Some(first) = self.playbook.stages.iter().next() else {
            return reached;
        };
        let Some(start) = self.node(Section::Lifecycle, &first.id.value) else {
            return reached;
        };
        let transitions = EdgeFiltered::from_fn(&self.graph, |edge| {
            matches!(
                edge.weight().relation,
                Relation::Next | Relation::RejectedTo
            )
        });
        let mut bfs = Bfs::new(&transitions, start);
        while let Some(node) = bfs.next(&transitions) {
            reached.insert(self.graph[node].id);
        }
        reached
    }

    /// The team that owns a stage: the owner if a team, the owner's team if a person.
    pub fn stage_team(&self, stage: &str) -> Option<&'p str> {
        let owner = self.playbook.stages.get(stage)?.value.owner.as_ref()?;
        self.party_team(&owner.value)
    }

    /// A party's team, or the party itself for a person without a team (so that a handoff to
    /// or from them is still seen).
    pub fn party_team(&self, party: &str) -> Option<&'p str> {
        if let Some(team) = self.playbook.teams.get(party) {
            return Some(team.id.value.as_str());
        }
        let person = self.playbook.people.get(party)?;
        match &person.value.team {
            Some(team) if self.playbook.teams.contains(&team.value) => self
                .playbook
                .teams
                .get(&team.value)
                .map(|t| t.id.value.as_str()),
            _ => Some(person.id.value.as_str()),
        }
    }

    /// Transitions where the owning team changes. A lead moving into an outcome stage (`won`,
    /// `lost`) ends there: nobody picks it up, so that is no handoff.
    pub fn handoffs(&self) -> Vec<Handoff<'p>> {
        self.stage_edges()
            .into_iter()
            .filter(|edge| {
                self.playbook
                    .stages
                    .get(edge.to)
                    .is_none_or(|stage| stage.value.outcome.is_none())
            })
            .filter_map(|edge| {
                let from_team = self.stage_team(edge.from)?;
                let to_team = self.stage_team(edge.to)?;
                (from_team != to_team).then_some(Handoff {
                    edge,
                    from_team,
                    to_team,
                })
            })
            .collect()
    }

    /// Each stage that receives leads from another team, once, with the first handoff into it,
    /// in the order of [`Self::handoffs`].
    pub fn receiving_stages(&self) -> Vec<(&'p Entry<Stage>, Handoff<'p>)> {
        self.handoff_stages(|handoff| handoff.edge.to)
    }

    /// Each stage that hands leads to another team, once, with its first handoff.
    pub fn handing_stages(&self) -> Vec<(&'p Entry<Stage>, Handoff<'p>)> {
        self.handoff_stages(|handoff| handoff.edge.from)
    }

    fn handoff_stages(
        &self,
        side: impl Fn(&Handoff<'p>) -> &'p str,
    ) -> Vec<(&'p Entry<Stage>, Handoff<'p>)> {
        let mut seen = BTreeSet::new();
        self.handoffs()
            .into_iter()
            .filter_map(|handoff| {
                let stage = self.playbook.stages.get(side(&handoff))?;
                seen.insert(side(&handoff)).then_some((stage, handoff))
            })
            .collect()
    }

    /// Every dependency loop among tasks, one per strongly connected group, each printed from the
    /// task first in the file so that the message is the same on every run.
    pub fn task_cycles(&self) -> Vec<Cycle<'p>> {
        let dependencies = EdgeFiltered::from_fn(&self.graph, |edge| {
            edge.weight().relation == Relation::DependsOn
        });
        let position = |node: NodeIndex| {
            self.playbook
                .tasks
                .position(self.graph[node].id)
                .unwrap_or(usize::MAX)
        };
        let mut cycles = Vec::new();
        for group in petgraph::algo::tarjan_scc(&dependencies) {
            let self_loop = group.len() == 1 && self.graph.contains_edge(group[0], group[0]);
            if group.len() < 2 && !self_loop {
                continue;
            }
            let Some(&start) = group.iter().min_by_key(|&&node| position(node)) else {
                continue;
            };
            if let Some(cycle) = self.shortest_loop(start, &group) {
                cycles.push(cycle);
            }
        }
        cycles.sort_by_key(|cycle| self.playbook.tasks.position(cycle.tasks[0]));
        cycles
    }

    /// The shortest dependency path from `start` back to itself within `group`, breadth first
    /// and in `depends_on` order, so the loop printed is short and stable.
    fn shortest_loop(&self, start: NodeIndex, group: &[NodeIndex]) -> Option<Cycle<'p>> {
        let mut came_from: HashMap<NodeIndex, (NodeIndex, Span)> = HashMap::new();
        let mut queue = std::collections::VecDeque::from([start]);
        while let Some(node) = queue.pop_front() {
            let mut next: Vec<_> = self
                .graph
                .edges(node)
                .filter(|edge| {
                    edge.weight().relation == Relation::DependsOn && group.contains(&edge.target())
                })
                .map(|edge| (edge.target(), edge.weight().span))
                .collect();
            next.sort_by_key(|(_, span)| *span);
            for (target, span) in next {
                if target == start {
                    // Walk back from the last task of the loop to its start.
                    let mut chain = Vec::new();
                    let mut at = node;
                    while at != start {
                        // Every node but `start` was entered through `came_from` before it was
                        // queued, so the lookup cannot fail.
                        let (previous, edge_span) = came_from[&at];
                        chain.push((self.graph[at].id, edge_span));
                        at = previous;
                    }
                    chain.reverse();
                    let mut tasks = vec![self.graph[start].id];
                    let mut spans = Vec::new();
                    for (task, edge_span) in chain {
                        tasks.push(task);
                        spans.push(edge_span);
                    }
                    tasks.push(self.graph[start].id);
                    spans.push(span);
                    return Some(Cycle { tasks, spans });
                }
                if target != start && !came_from.contains_key(&target) {
                    came_from.insert(target, (node, span));
                    queue.push_back(target);
                }
            }
        }
        None
    }

    /// Tasks in dependency order: every task after the tasks it depends on, and among tasks
    /// that are free to go in the order of the file. Tasks caught in a cycle follow at the end,
    /// in file order.
    pub fn task_order(&self) -> Vec<&'p str> {
        let tasks: Vec<&str> = self.playbook.tasks.ids().collect();
        let position: HashMap<&str, usize> =
            tasks.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        let mut waiting_on = vec![0usize; tasks.len()];
        let mut unblocks: Vec<Vec<usize>> = vec![Vec::new(); tasks.len()];
        for (index, task) in self.playbook.tasks.iter().enumerate() {
            let mut seen = BTreeSet::new();
            for dependency in &task.value.depends_on {
                if let Some(&dep) = position.get(dependency.value.as_str())
                    && seen.insert(dep)
                {
                    waiting_on[index] += 1;
                    unblocks[dep].push(index);
                }
            }
        }
        let mut ready: BinaryHeap<std::cmp::Reverse<usize>> = (0..tasks.len())
            .filter(|&i| waiting_on[i] == 0)
            .map(std::cmp::Reverse)
            .collect();
        let mut order = Vec::with_capacity(tasks.len());
        let mut placed = vec![false; tasks.len()];
        while let Some(std::cmp::Reverse(index)) = ready.pop() {
            order.push(tasks[index]);
            placed[index] = true;
            for &next in &unblocks[index] {
                waiting_on[next] -= 1;
                if waiting_on[next] == 0 {
                    ready.push(std::cmp::Reverse(next));
                }
            }
        }
        order.extend(
            tasks
                .iter()
                .zip(&placed)
                .filter(|(_, placed)| !**placed)
                .map(|(id, _)| *id),
        );
        order
    }

    /// Incoming edges of a node with a given relation: who names this entity, and how.
    pub fn referrers(
        &self,
        section: Section,
        id: &str,
        relations: &[Relation],
    ) -> Vec<GraphNode<'p>> {
        let Some(node) = self.node(section, id) else {
            return Vec::new();
        };
        self.graph
            .edges_directed(node, petgraph::Direction::Incoming)
            .filter(|edge| relations.contains(&edge.weight().relation))
            .map(|edge| self.graph[edge.source()])
            .collect()
    }

    /// The parties a reference list names, with teams expanded to include their people, so
    /// "does team X attend" can be answered by membership.
    pub fn teams_of(&self, parties: impl IntoIterator<Item = &'p str>) -> BTreeSet<&'p str> {
        parties
            .into_iter()
            .filter_map(|party| self.party_team(party))
            .collect()
    }
}

/// The node of entity `id` of `section`.
fn lookup(
    playbook: &Playbook,
    first_node: &[usize],
    section: Section,
    id: &str,
) -> Option<NodeIndex> {
    let position = playbook.position(section, id)?;
    Some(NodeIndex::new(first_node.get(section as usize)? + position))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::source::Sources;
    use crate::load::{LoadOptions, load_playbook};

    fn playbook(text: &str) -> Playbook {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.yaml");
        std::fs::write(&path, text).unwrap();
        let mut sources = Sources::default();
        let loaded = load_playbook(&path, &mut sources, LoadOptions::default()).unwrap();
        assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
        loaded.playbook
    }

    const TASKS: &str = "version: 1\nplaybook: p\ntasks:\n  c: { title: C, depends_on: [b] }\n  a: { title: A }\n  d: { title: D, depends_on: [a] }\n  b: { title: B, depends_on: [a] }\n";

    #[test]
    fn task_order_puts_dependencies_first_and_keeps_file_order_among_equals() {
        let playbook = playbook(TASKS);
        let graph = Graph::build(&playbook);
        assert_eq!(graph.task_order(), ["a", "d", "b", "c"]);
    }

    #[test]
    fn cycles_are_printed_from_the_task_first_in_the_file() {
        let playbook = playbook(
            "version: 1\nplaybook: p\ntasks:\n  x: { title: X }\n  b: { title: B, depends_on: [c] }\n  a: { title: A, depends_on: [b] }\n  c: { title: C, depends_on: [a] }\n  s: { title: S, depends_on: [s] }\n",
        );
        let graph = Graph::build(&playbook);
        let cycles: Vec<Vec<&str>> = graph.task_cycles().into_iter().map(|c| c.tasks).collect();
        assert_eq!(cycles, [vec!["b", "c", "a", "b"], vec!["s", "s"]]);
        // Tasks in a loop still appear in the order, after the others.
        assert_eq!(graph.task_order(), ["x", "b", "a", "c", "s"]);
    }

    #[test]
    fn handoffs_follow_team_changes_along_written_and_implied_next() {
        let playbook = playbook(
            "version: 1\nplaybook: p\nteams:\n  m: { name: M }\n  s: { name: S }\npeople:\n  ann: { name: Ann, team: m }\nlifecycle:\n  stages:\n    - { id: one, owner: m }\n    - { id: two, owner: ann }\n    - { id: three, owner: s, next: [won, one] }\n    - { id: won, owner: s, outcome: won }\n",
        );
        let graph = Graph::build(&playbook);
        let handoffs: Vec<(&str, &str, &str, &str)> = graph
            .handoffs()
            .iter()
            .map(|h| (h.edge.from, h.edge.to, h.from_team, h.to_team))
            .collect();
        assert_eq!(
            handoffs,
            [("two", "three", "m", "s"), ("three", "one", "s", "m")]
        );
        assert_eq!(graph.reachable_stages().len(), 4);
    }
}
