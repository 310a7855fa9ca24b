//! "Did you mean": the nearest known name for a misspelled one.
//!
//! [`did_you_mean`] answers one question against a short list. [`Nearest`] answers many against
//! the same, possibly long, list (every unresolved reference of a playbook against thousands of
//! task ids) with exactly the same answers, without scoring every name each time: it skips the
//! names whose score cannot reach the threshold or the best score found so far, judged from their
//! length and the characters they have in common with the misspelled name.

use std::collections::{BinaryHeap, HashMap};

/// The lowest Jaro-Winkler score that counts as a likely typo.
const THRESHOLD: f64 = 0.8;

/// The candidate closest to `name`, if one is close enough to be a likely typo.
///
/// Jaro-Winkler favours shared prefixes, which matches how ids are usually mistyped
/// (`weekly-synk`, `lead-to-book-rate`); the threshold keeps unrelated names out. Of equally
/// close candidates the first wins.
pub fn did_you_mean<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let mut best: Option<(f64, &'a str)> = None;
    for candidate in candidates {
        if candidate == name {
            continue;
        }
        let score = strsim::jaro_winkler(name, candidate);
        if score >= THRESHOLD && best.is_none_or(|(top, _)| score > top) {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

/// Characters are counted in this many classes; a class holds several characters when there are
/// more than that, which only loosens the bound.
const CLASSES: usize = 64;

/// How many characters of each class a name has (saturating at 255).
type Counts = [u8; CLASSES];

/// Bounds are compared with this margin, far above the rounding error of a few floating-point
/// operations and far below the smallest real difference between two scores of short names.
const MARGIN: f64 = 1e-9;

/// What the bound needs to know of a name.
#[derive(Clone)]
struct Profile {
    /// Length in characters, as Jaro counts it, and its reciprocal.
    len: u32,
    reciprocal: f64,
    counts: Counts,
    /// A class count reached 255: the counts no longer bound anything.
    saturated: bool,
    /// The first four characters (the only ones the Winkler bonus looks at).
    prefix: [char; 4],
    prefix_len: u8,
    ascii: bool,
}

impl Profile {
    fn of(name: &str) -> Self {
        let mut profile = Profile {
            len: 0,
            reciprocal: 0.0,
            counts: [0; CLASSES],
            saturated: false,
            prefix: ['\0'; 4],
            prefix_len: 0,
            ascii: name.is_ascii(),
        };
        for c in name.chars() {
            if let Some(slot) = profile.prefix.get_mut(profile.len as usize) {
                *slot = c;
                profile.prefix_len += 1;
            }
            profile.len = profile.len.saturating_add(1);
            let count = &mut profile.counts[class(c)];
            if *count == u8::MAX {
                profile.saturated = true;
            }
            *count = count.saturating_add(1);
        }
        profile.reciprocal = with_reciprocal(profile.len).1;
        profile
    }

    fn length(&self) -> (u32, f64) {
        (self.len, self.reciprocal)
    }

    /// Characters of the two prefixes that agree, as the Winkler bonus counts them.
    fn common_prefix(&self, other: &Profile) -> u32 {
        let shorter = self.prefix_len.min(other.prefix_len) as usize;
        self.prefix[..shorter]
            .iter()
            .zip(&other.prefix[..shorter])
            .take_while(|(a, b)| a == b)
            .count() as u32
    }
}

/// The class of a character: lower-case letters, digits, upper-case letters and `-` each have
/// their own; everything else shares the last one.
fn class(c: char) -> usize {
    match c {
        'a'..='z' => c as usize - 'a' as usize,
        '0'..='9' => 26 + (c as usize - '0' as usize),
        'A'..='Z' => 36 + (c as usize - 'A' as usize),
        '-' => 62,
        _ => 63,
    }
}

/// How many characters two names can have in common at most: per class, the smaller count. Jaro
/// only matches equal characters, each at most once, so it matches no more than this.
// Kept out of line: on its own the compiler makes it a few vector instructions, inlined into the
// search it did not always; and it runs for every name the search looks at.
#[inline(never)]
fn common(a: &Counts, b: &Counts) -> u32 {
    let mut least = [0u8; CLASSES];
    for ((least, &x), &y) in least.iter_mut().zip(a).zip(b) {
        *least = x.min(y);
    }
    // At most 64 * 255: the sum fits in 16 bits.
    let sum: u16 = least.iter().map(|&count| u16::from(count)).sum();
    u32::from(sum)
}

/// The highest Jaro-Winkler score two names of lengths `a` and `b` can have when at most
/// `matches` of their characters match and at most `prefix` of their first four agree.
///
/// Jaro is `(m/a + m/b + (m - t)/m) / 3` for `m` matches and `t` transpositions, at most
/// `(m/a + m/b + 1) / 3`, and grows with `m`; Winkler adds `0.1 * prefix * (1 - jaro)` (only above
/// 0.7, never lowering it), which also grows with jaro since `prefix` is at most 4.
///
/// The lengths come with their reciprocals (divisions are slow, and this runs for every name the
/// search looks at); multiplying by them is off by a rounding error, which [`MARGIN`] absorbs.
fn bound(matches: u32, a: (u32, f64), b: (u32, f64), prefix: u32) -> f64 {
    let matches = matches.min(a.0).min(b.0);
    if matches == 0 {
        // No match scores 0, and so does an empty name against another.
        return 0.0;
    }
    let m = f64::from(matches);
    let jaro = (m * a.1 + m * b.1 + 1.0) * (1.0 / 3.0);
    jaro + 0.1 * f64::from(prefix) * (1.0 - jaro)
}

/// A length and its reciprocal, for [`bound`].
fn with_reciprocal(len: u32) -> (u32, f64) {
    (len, if len == 0 { 0.0 } else { 1.0 / f64::from(len) })
}

/// Jaro-Winkler of two names given as characters (or as bytes, when both are ASCII), computed as
/// `strsim::jaro_winkler` computes it, step for step and operation for operation, so that the
/// scores are equal to the last bit; but without its allocation and its rescanning of UTF-8 on
/// every call. `flags` is scratch space.
fn jaro_winkler<T: PartialEq>(a: &[T], b: &[T], flags: &mut Vec<bool>) -> f64 {
    let sim = jaro(a, b, flags);
    if sim > 0.7 {
        let prefix = a.iter().take(4).zip(b).take_while(|(x, y)| x == y).count();
        sim + 0.1 * prefix as f64 * (1.0 - sim)
    } else {
        sim
    }
}

fn jaro<T: PartialEq>(a: &[T], b: &[T], flags: &mut Vec<bool>) -> f64 {
    let (a_len, b_len) = (a.len(), b.len());
    if a_len == 0 && b_len == 0 {
        return 1.0;
    } else if a_len == 0 || b_len == 0 {
        return 0.0;
    }
    let range = (a_len.max(b_len) / 2).saturating_sub(1);
    flags.clear();
    flags.resize(a_len + b_len, false);
    let (a_flags, b_flags) = flags.split_at_mut(a_len);
    let mut matches = 0_usize;
    for (i, x) in a.iter().enumerate() {
        // Each character matches the first unmatched equal one within `range` of its position.
        let low = i.saturating_sub(range);
        let high = b_len.min(i + range + 1);
        for j in low..high {
            if *x == b[j] && !b_flags[j] {
                a_flags[i] = true;
                b_flags[j] = true;
                matches += 1;
                break;
            }
        }
    }
    if matches == 0 {
        return 0.0;
    }
    // Matched characters in the order of `a` against those in the order of `b`.
    let mut in_b = b
        .iter()
        .zip(b_flags.iter())
        .filter(|(_, matched)| **matched);
    let mut transpositions = 0_usize;
    for (x, _) in a
        .iter()
        .zip(a_flags.iter())
        .filter(|(_, matched)| **matched)
    {
        if in_b.next().is_some_and(|(y, _)| x != y) {
            transpositions += 1;
        }
    }
    transpositions /= 2;
    ((matches as f64 / a_len as f64)
        + (matches as f64 / b_len as f64)
        + ((matches - transpositions) as f64 / matches as f64))
        / 3.0
}

/// [`jaro_winkler`] for two ASCII names of at most 64 bytes, with the positions of each byte of
/// `b` as bits: the first unmatched equal character within range is the lowest bit of a mask,
/// not the end of a scan. The same matches, transpositions and arithmetic, so the same score.
/// `positions` must be all zeros, and is left so.
fn jaro_winkler_ascii(a: &[u8], b: &[u8], positions: &mut [u64; 128]) -> f64 {
    let (a_len, b_len) = (a.len(), b.len());
    if a_len == 0 && b_len == 0 {
        return 1.0;
    } else if a_len == 0 || b_len == 0 {
        return 0.0;
    }
    for (j, &y) in b.iter().enumerate() {
        positions[usize::from(y & 0x7f)] |= 1 << j;
    }
    let range = (a_len.max(b_len) / 2).saturating_sub(1);
    let (mut a_matched, mut b_matched) = (0_u64, 0_u64);
    let mut matches = 0_usize;
    for (i, &x) in a.iter().enumerate() {
        let low = i.saturating_sub(range);
        let high = b_len.min(i + range + 1);
        if low >= high {
            continue;
        }
        let width = high - low;
        let window = if width >= 64 {
            u64::MAX
        } else {
            ((1_u64 << width) - 1) << low
        };
        let free = positions[usize::from(x & 0x7f)] & window & !b_matched;
        if free != 0 {
            b_matched |= 1 << free.trailing_zeros();
            a_matched |= 1 << i;
            matches += 1;
        }
    }
    for &y in b {
        positions[usize::from(y & 0x7f)] = 0;
    }
    if matches == 0 {
        return 0.0;
    }
    let mut transpositions = 0_usize;
    let (mut in_a, mut in_b) = (a_matched, b_matched);
    while in_a != 0 {
        let (i, j) = (in_a.trailing_zeros(), in_b.trailing_zeros());
        if a[i as usize] != b[j as usize] {
            transpositions += 1;
        }
        in_a &= in_a - 1;
        in_b &= in_b - 1;
    }
    transpositions /= 2;
    let sim = ((matches as f64 / a_len as f64)
        + (matches as f64 / b_len as f64)
        + ((matches - transpositions) as f64 / matches as f64))
        / 3.0;
    if sim > 0.7 {
        let prefix = a.iter().take(4).zip(b).take_while(|(x, y)| x == y).count();
        sim + 0.1 * prefix as f64 * (1.0 - sim)
    } else {
        sim
    }
}

/// One candidate, as the search sees it.
struct Entry {
    /// Its position in the list given, which settles ties.
    index: u32,
    profile: Profile,
    /// Where its bytes start in [`Nearest::text`], if it is ASCII.
    text: u32,
}

/// A run of consecutive entries, with what bounds all of them: their shortest and longest
/// length and the largest count of each class among them. A leaf's entries have one length; a
/// node above holds up to [`FAN_OUT`] nodes of the level below.
struct Node {
    /// Entries covered, or for a node above the leaves, its children in the level below.
    start: u32,
    end: u32,
    shortest: u32,
    longest: u32,
    most: Counts,
    saturated: bool,
}

impl Node {
    fn over<'n>(
        parts: impl Iterator<Item = (u32, u32, &'n Counts, bool)>,
        start: u32,
        end: u32,
    ) -> Self {
        let mut node = Node {
            start,
            end,
            shortest: u32::MAX,
            longest: 0,
            most: [0; CLASSES],
            saturated: false,
        };
        for (shortest, longest, counts, saturated) in parts {
            node.shortest = node.shortest.min(shortest);
            node.longest = node.longest.max(longest);
            for (top, &count) in node.most.iter_mut().zip(counts) {
                *top = (*top).max(count);
            }
            node.saturated |= saturated;
        }
        node
    }

    /// The highest score any name under this node can have against `query`.
    fn bound(&self, query: &Profile) -> f64 {
        let matches = if query.saturated || self.saturated {
            u32::MAX
        } else {
            common(&query.counts, &self.most)
        };
        // No more characters match than the query has. With at most that many matches, the
        // score is highest for the length closest to it: shorter names match fewer, longer ones
        // dilute the matches. (A node holds at least one entry: `shortest <= longest`.)
        let len = matches.min(query.len).clamp(self.shortest, self.longest);
        let prefix = query.prefix_len.min(4) as u32;
        bound(
            matches,
            query.length(),
            with_reciprocal(len),
            prefix.min(self.longest),
        )
    }
}

/// Entries per leaf, and nodes per node above.
const FAN_OUT: usize = 8;

/// A bound and the node it is for, ordered by the bound, for the search's queue.
struct Pending(f64, usize, usize);

impl PartialEq for Pending {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other).is_eq()
    }
}

impl Eq for Pending {}

impl PartialOrd for Pending {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Pending {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0
            .total_cmp(&other.0)
            .then(other.1.cmp(&self.1))
            .then(other.2.cmp(&self.2))
    }
}

/// A list of names, indexed to answer [`did_you_mean`] for many names.
///
/// `nearest(name)` returns what `did_you_mean(name, names)` returns, for every name: the same
/// threshold, the same score and the same choice among equals (the first in the list).
pub struct Nearest<'a> {
    names: Vec<&'a str>,
    /// Sorted by length, then by character counts, so that neighbours have similar names.
    entries: Vec<Entry>,
    /// The bytes of the ASCII names, in the order of `entries`.
    text: Vec<u8>,
    /// Level 0 are the leaves over `entries`; each level above groups the one below; the last
    /// holds one node, the root (no level at all without names).
    levels: Vec<Vec<Node>>,
    /// Answers already given: the same misspelling is often repeated.
    answers: HashMap<String, Option<&'a str>>,
    /// Reused for each question: the nodes still to search, the most promising first.
    queue: BinaryHeap<Pending>,
    /// Reused for each score: a candidate's characters and the matched ones.
    chars: Vec<char>,
    flags: Vec<bool>,
    positions: Box<[u64; 128]>,
}

impl<'a> Nearest<'a> {
    pub fn new(names: impl IntoIterator<Item = &'a str>) -> Self {
        let names: Vec<&'a str> = names.into_iter().collect();
        let mut entries: Vec<Entry> = names
            .iter()
            .enumerate()
            .map(|(index, name)| Entry {
                index: index as u32,
                profile: Profile::of(name),
                text: 0,
            })
            .collect();
        entries.sort_by(|a, b| {
            (a.profile.len, &a.profile.counts, a.index).cmp(&(
                b.profile.len,
                &b.profile.counts,
                b.index,
            ))
        });
        // The ASCII names side by side in the order of the entries: the search reads neighbours,
        // and reads them here rather than wherever each name happens to be.
        let mut text = Vec::new();
        for entry in &mut entries {
            if entry.profile.ascii {
                entry.text = text.len() as u32;
                text.extend_from_slice(names[entry.index as usize].as_bytes());
            }
        }
        let mut leaves = Vec::new();
        let mut start = 0;
        while start < entries.len() {
            let len = entries[start].profile.len;
            let end = start
                + entries[start..]
                    .iter()
                    .take(FAN_OUT)
                    .take_while(|entry| entry.profile.len == len)
                    .count();
            leaves.push(Node::over(
                entries[start..end].iter().map(|entry| {
                    let p = &entry.profile;
                    (p.len, p.len, &p.counts, p.saturated)
                }),
                start as u32,
                end as u32,
            ));
            start = end;
        }
        let mut levels = vec![leaves];
        while let Some(below) = levels.last().filter(|level| level.len() > 1) {
            let above: Vec<Node> = below
                .chunks(FAN_OUT)
                .enumerate()
                .map(|(chunk, nodes)| {
                    let start = (chunk * FAN_OUT) as u32;
                    Node::over(
                        nodes
                            .iter()
                            .map(|n| (n.shortest, n.longest, &n.most, n.saturated)),
                        start,
                        start + nodes.len() as u32,
                    )
                })
                .collect();
            levels.push(above);
        }
        if entries.is_empty() {
            levels.clear();
        }
        Nearest {
            names,
            entries,
            text,
            levels,
            answers: HashMap::new(),
            queue: BinaryHeap::new(),
            chars: Vec::new(),
            flags: Vec::new(),
            positions: Box::new([0; 128]),
        }
    }

    /// No names at all.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// The name closest to `name`, exactly as [`did_you_mean`] would choose it.
    pub fn nearest(&mut self, name: &str) -> Option<&'a str> {
        if let Some(&answer) = self.answers.get(name) {
            return answer;
        }
        let answer = self.search(name);
        self.answers.insert(name.to_owned(), answer);
        answer
    }

    /// Branch and bound: the node with the highest bound is opened first, and the search ends
    /// when no node left can beat the best score found (or reach the threshold).
    fn search(&mut self, name: &str) -> Option<&'a str> {
        let query = Profile::of(name);
        let query_chars: Vec<char> = name.chars().collect();
        // The best so far: score and position in the list.
        let mut best: Option<(f64, u32)> = None;
        let floor = |best: Option<(f64, u32)>| best.map_or(THRESHOLD, |(score, _)| score);
        self.queue.clear();
        if let Some(root) = self.levels.last().and_then(|level| level.first()) {
            self.queue
                .push(Pending(root.bound(&query), self.levels.len() - 1, 0));
        }
        while let Some(Pending(top, level, position)) = self.queue.pop() {
            if top + MARGIN < floor(best) {
                break;
            }
            let node = &self.levels[level][position];
            if level > 0 {
                for child in node.start as usize..node.end as usize {
                    let top = self.levels[level - 1][child].bound(&query);
                    if top + MARGIN >= floor(best) {
                        self.queue.push(Pending(top, level - 1, child));
                    }
                }
                continue;
            }
            for entry in &self.entries[node.start as usize..node.end as usize] {
                let profile = &entry.profile;
                let matches = if query.saturated || profile.saturated {
                    u32::MAX
                } else {
                    common(&query.counts, &profile.counts)
                };
                let top = bound(
                    matches,
                    query.length(),
                    profile.length(),
                    query.common_prefix(profile),
                );
                if top + MARGIN < floor(best) {
                    continue;
                }
                let candidate = self.names[entry.index as usize];
                let score = if query.ascii && profile.ascii {
                    // One byte, one character: bytes compare as the characters do.
                    let start = entry.text as usize;
                    let bytes = &self.text[start..start + profile.len as usize];
                    if bytes == name.as_bytes() {
                        continue;
                    }
                    if query.len <= 64 && profile.len <= 64 {
                        jaro_winkler_ascii(name.as_bytes(), bytes, &mut self.positions)
                    } else {
                        jaro_winkler(name.as_bytes(), bytes, &mut self.flags)
                    }
                } else if candidate == name {
                    continue;
                } else {
                    self.chars.clear();
                    self.chars.extend(candidate.chars());
                    jaro_winkler(&query_chars, &self.chars, &mut self.flags)
                };
                let better = match best {
                    None => score >= THRESHOLD,
                    Some((top, index)) => score > top || (score == top && entry.index < index),
                };
                if better {
                    best = Some((score, entry.index));
                }
            }
        }
        best.map(|(_, index)| self.names[index as usize])
    }
}

#[cfg(test)]
mod tests {
    use super::{Nearest, did_you_mean, jaro_winkler, jaro_winkler_ascii};

    #[test]
    fn finds_typos_and_ignores_strangers() {
        let names = ["accountable", "responsible", "consulted", "informed"];
        assert_eq!(did_you_mean("acountable", names), Some("accountable"));
        assert_eq!(did_you_mean("responsibles", names), Some("responsible"));
        assert_eq!(did_you_mean("budget", names), None);
    }

    /// A small deterministic generator (xorshift), so that a failure can be replayed.
    struct Random(u64);

    impl Random {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }

        /// A name from a small alphabet, so that near misses, anagrams and ties are common.
        fn name(&mut self, alphabet: &[char]) -> String {
            let len = self.below(12);
            (0..len)
                .map(|_| alphabet[self.below(alphabet.len())])
                .collect()
        }

        /// A copy of `name` with one typo: a letter dropped, added, replaced or swapped.
        fn typo(&mut self, name: &str, alphabet: &[char]) -> String {
            let mut chars: Vec<char> = name.chars().collect();
            let at = self.below(chars.len() + 1);
            let c = alphabet[self.below(alphabet.len())];
            match self.below(4) {
                0 if at < chars.len() => {
                    chars.remove(at);
                }
                1 => chars.insert(at, c),
                2 if at < chars.len() => chars[at] = c,
                _ if at + 1 < chars.len() => chars.swap(at, at + 1),
                _ => chars.push(c),
            }
            chars.into_iter().collect()
        }
    }

    /// The index answers exactly as the plain function, ties and all, on lists of every size.
    #[test]
    fn the_index_answers_as_the_plain_function() {
        let alphabets: [&[char]; 4] = [
            &['a', 'b', 'c', '-'],
            &['t', 'a', 's', 'k', '-', '1', '2', '3', '4', '5'],
            &['a', 'é', 'ß', 'Z', '_', '.', '0', '日'],
            &[
                'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p',
            ],
        ];
        let mut random = Random(0x9e37_79b9_7f4a_7c15);
        let mut compared = 0;
        for round in 0..120 {
            let alphabet = alphabets[round % alphabets.len()];
            let size = [0, 1, 2, 5, 17, 40, 150, 600][round % 8];
            let mut names: Vec<String> = (0..size).map(|_| random.name(alphabet)).collect();
            // Repeated names, as when a person and a team share an id.
            if size > 3 {
                names.push(names[1].clone());
            }
            let list: Vec<&str> = names.iter().map(String::as_str).collect();
            let mut nearest = Nearest::new(list.iter().copied());
            for _ in 0..60 {
                let query = if list.is_empty() || random.below(3) == 0 {
                    random.name(alphabet)
                } else {
                    let known = list[random.below(list.len())];
                    match random.below(4) {
                        0 => known.to_owned(),
                        1 => {
                            let once = random.typo(known, alphabet);
                            random.typo(&once, alphabet)
                        }
                        _ => random.typo(known, alphabet),
                    }
                };
                let expected = did_you_mean(&query, list.iter().copied());
                assert_eq!(
                    nearest.nearest(&query),
                    expected,
                    "`{query}` among {list:?}"
                );
                // The remembered answer is the same.
                assert_eq!(nearest.nearest(&query), expected);
                compared += 1;
            }
        }
        assert_eq!(compared, 120 * 60);
    }

    /// The score is strsim's to the last bit, on bytes and on characters.
    #[test]
    fn scores_equal_strsim_bit_for_bit() {
        let alphabets: [&[char]; 3] = [
            &['a', 'b', '-'],
            &['t', 'a', 's', 'k', '-', '1', '2', '3'],
            &['a', 'é', 'ß', 'Z', '日', 'b'],
        ];
        let mut random = Random(0x2545_f491_4f6c_dd1d);
        let mut flags = Vec::new();
        let mut positions = [0_u64; 128];
        for round in 0..30_000 {
            let alphabet = alphabets[round % alphabets.len()];
            let a = random.name(alphabet);
            let b = if random.below(2) == 0 {
                random.typo(&a, alphabet)
            } else {
                random.name(alphabet)
            };
            let expected = strsim::jaro_winkler(&a, &b).to_bits();
            let a_chars: Vec<char> = a.chars().collect();
            let b_chars: Vec<char> = b.chars().collect();
            assert_eq!(
                jaro_winkler(&a_chars, &b_chars, &mut flags).to_bits(),
                expected,
                "{a:?} {b:?}"
            );
            if a.is_ascii() && b.is_ascii() {
                assert_eq!(
                    jaro_winkler(a.as_bytes(), b.as_bytes(), &mut flags).to_bits(),
                    expected
                );
                assert_eq!(
                    jaro_winkler_ascii(a.as_bytes(), b.as_bytes(), &mut positions).to_bits(),
                    expected,
                    "{a:?} {b:?}"
                );
            }
        }
        // Up to the 64 bytes the bit masks hold, where the matching range is widest.
        for round in 0..5_000 {
            let alphabet = alphabets[round % 2];
            let len = 40 + random.below(25);
            let a: String = (0..len)
                .map(|_| alphabet[random.below(alphabet.len())])
                .collect();
            let b = random.typo(&a, alphabet);
            let b = if b.len() > 64 { a.clone() } else { b };
            assert_eq!(
                jaro_winkler_ascii(a.as_bytes(), b.as_bytes(), &mut positions).to_bits(),
                strsim::jaro_winkler(&a, &b).to_bits(),
                "{a:?} {b:?}"
            );
        }
        assert!(positions.iter().all(|&bits| bits == 0));
    }

    /// Names whose characters repeat past what the counts hold are still answered exactly, in
    /// lists long enough to need several levels of the index.
    #[test]
    fn long_repetitions_are_answered_exactly() {
        let mut names: Vec<String> = vec![
            "a".repeat(300),
            format!("{}b", "a".repeat(299)),
            "ab".to_owned(),
            "task-1".to_owned(),
        ];
        names.extend((0..200).map(|n| format!("{}{n}", "a".repeat(250 + n % 20))));
        names.extend((0..200).map(|n| format!("name-{n}")));
        let list: Vec<&str> = names.iter().map(String::as_str).collect();
        let mut nearest = Nearest::new(list.iter().copied());
        for query in [
            "a".repeat(301),
            "a".repeat(299),
            "a".repeat(256),
            "a".repeat(20),
            format!("b{}", "a".repeat(299)),
            format!("{}7", "a".repeat(257)),
            "ab".to_owned(),
            "ba".to_owned(),
            "name-77".to_owned(),
            String::new(),
        ] {
            assert_eq!(
                nearest.nearest(&query),
                did_you_mean(&query, list.iter().copied()),
                "{} characters",
                query.len()
            );
        }
        // Random names of one repeated letter and a few others, of lengths about the limit.
        let mut random = Random(0x1234_5678_9abc_def1);
        let long = |random: &mut Random| {
            let mut name = "a".repeat(240 + random.below(100));
            for _ in 0..random.below(3) {
                name.insert(random.below(name.len()), ['b', 'c'][random.below(2)]);
            }
            name
        };
        let names: Vec<String> = (0..300).map(|_| long(&mut random)).collect();
        let list: Vec<&str> = names.iter().map(String::as_str).collect();
        let mut nearest = Nearest::new(list.iter().copied());
        for _ in 0..100 {
            let query = long(&mut random);
            assert_eq!(
                nearest.nearest(&query),
                did_you_mean(&query, list.iter().copied())
            );
        }
    }

    /// Generated ids that differ only in their digits: the case the index exists for.
    #[test]
    fn numbered_ids_are_answered_exactly() {
        let ids: Vec<String> = (0..3000).map(|n| format!("task-{n}")).collect();
        let list: Vec<&str> = ids.iter().map(String::as_str).collect();
        let mut nearest = Nearest::new(list.iter().copied());
        for n in (0..3000).step_by(37) {
            for query in [
                format!("taks-{n}"),
                format!("task-{n}-prep"),
                format!("task{n}"),
                format!("task-{n}0"),
            ] {
                assert_eq!(
                    nearest.nearest(&query),
                    did_you_mean(&query, list.iter().copied()),
                    "{query}"
                );
            }
        }
    }
}
