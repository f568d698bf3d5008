//! Network metrics and a stable picture of the ecosystem for the atlas.
//!
//! The atlas draws actors as nodes and relations as edges. The server computes, once per version of the data,
//! each node's [`betweenness`], its community ([`communities`], scored by [`modularity`]) and a [`layout`], so that
//! every visitor sees the same picture. Everything here is deterministic: the same input gives bit-identical
//! output. There is no randomness, no hash-map iteration order and no trigonometry from the platform's maths
//! library (angles come from repeated multiplication by a fixed rotation), only IEEE arithmetic and square roots.

use std::cmp::Reverse;

/// An undirected simple graph over nodes 0..n, built from an edge list (self-loops and duplicate edges,
/// in either direction, are dropped; edges naming a node >= n are dropped too).
///
/// The adjacency is stored compactly (CSR): one offset per node into one array of neighbours, and every
/// node's neighbours are sorted in increasing order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Graph {
    /// `offsets[v]..offsets[v + 1]` is the range of `neighbours` holding `v`'s neighbours; `n + 1` entries.
    offsets: Vec<usize>,
    /// Every undirected edge appears twice, once from each end.
    neighbours: Vec<usize>,
}

impl Graph {
    /// Builds the graph on nodes `0..n` from `edges`, keeping each undirected edge once and dropping
    /// self-loops and edges that name a node outside `0..n`.
    pub fn new(n: usize, edges: &[(usize, usize)]) -> Graph {
        let mut kept: Vec<(usize, usize)> = edges
            .iter()
            .filter(|&&(a, b)| a != b && a < n && b < n)
            .map(|&(a, b)| (a.min(b), a.max(b)))
            .collect();
        kept.sort_unstable();
        kept.dedup();

        let mut offsets = vec![0usize; n + 1];
        for &(a, b) in &kept {
            offsets[a + 1] += 1;
            offsets[b + 1] += 1;
        }
        for v in 0..n {
            offsets[v + 1] += offsets[v];
        }
        // Edges are sorted by (smaller end, larger end), so each node first receives its smaller neighbours in
        // increasing order (the edges where it is the larger end come earlier) and then its larger ones, also in
        // increasing order: every neighbour list comes out sorted without a further sort.
        let mut next = offsets.clone();
        let mut neighbours = vec![0usize; 2 * kept.len()];
        for &(a, b) in &kept {
            neighbours[next[a]] = b;
            next[a] += 1;
            neighbours[next[b]] = a;
            next[b] += 1;
        }
        Graph {
            offsets,
            neighbours,
        }
    }

    /// The number of nodes, `n`.
    pub fn node_count(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    /// The number of distinct undirected edges kept.
    pub fn edge_count(&self) -> usize {
        self.neighbours.len() / 2
    }

    /// The neighbours of `v` in increasing order; empty for a node that does not exist.
    pub fn neighbours(&self, v: usize) -> &[usize] {
        match (self.offsets.get(v), self.offsets.get(v + 1)) {
            (Some(&start), Some(&end)) => self.neighbours.get(start..end).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// The number of neighbours of `v`; 0 for a node that does not exist.
    pub fn degree(&self, v: usize) -> usize {
        self.neighbours(v).len()
    }

    /// Twice the number of edges, as a float: the total weight `2m` in the modularity formulas.
    fn total_weight(&self) -> f64 {
        self.neighbours.len() as f64
    }
}

// ---------------------------------------------------------------------------------------------------------
// Betweenness
// ---------------------------------------------------------------------------------------------------------

/// Betweenness centrality (Brandes, unweighted), normalised to [0, 1] by dividing by the largest value
/// (all zeros stay zeros). Exact when n <= max_sources; otherwise estimated from `max_sources` source nodes
/// chosen deterministically (evenly spaced over 0..n) and scaled by n / max_sources before normalising.
///
/// One breadth-first search per source: O(sources · (n + m)) time and O(n + m) memory. With
/// `max_sources == 0` on a non-empty graph there are no sources and every value is 0. Should the number of
/// shortest paths ever overflow a float (only conceivable on enormous lattices), the affected values count as 0
/// so that the result stays finite.
pub fn betweenness(g: &Graph, max_sources: usize) -> Vec<f64> {
    let n = g.node_count();
    let mut centrality = vec![0.0f64; n];
    if n == 0 {
        return centrality;
    }
    let sampled = n > max_sources;
    let sources: Vec<usize> = if sampled {
        (0..max_sources)
            .map(|i| ((i as u128 * n as u128) / max_sources as u128) as usize)
            .collect()
    } else {
        (0..n).collect()
    };

    const UNSEEN: usize = usize::MAX;
    let mut dist = vec![UNSEEN; n];
    let mut paths = vec![0.0f64; n];
    let mut dependency = vec![0.0f64; n];
    let mut order: Vec<usize> = Vec::with_capacity(n);
    for &source in &sources {
        order.clear();
        dist[source] = 0;
        paths[source] = 1.0;
        order.push(source);
        let mut head = 0;
        while let Some(&v) = order.get(head) {
            head += 1;
            let next = dist[v] + 1;
            let paths_v = paths[v];
            for &w in g.neighbours(v) {
                if dist[w] == UNSEEN {
                    dist[w] = next;
                    order.push(w);
                }
                if dist[w] == next {
                    paths[w] += paths_v;
                }
            }
        }
        // Nodes in decreasing distance: every successor's dependency is complete before it is passed on.
        for &w in order.iter().rev() {
            let dw = dist[w];
            if dw == 0 {
                continue;
            }
            let share = (1.0 + dependency[w]) / paths[w];
            for &v in g.neighbours(w) {
                if dist[v] == dw - 1 {
                    dependency[v] += paths[v] * share;
                }
            }
            centrality[w] += dependency[w];
        }
        for &v in &order {
            dist[v] = UNSEEN;
            paths[v] = 0.0;
            dependency[v] = 0.0;
        }
    }

    if sampled && max_sources > 0 {
        let scale = n as f64 / max_sources as f64;
        for c in &mut centrality {
            *c *= scale;
        }
    }
    let mut largest = 0.0f64;
    for c in &mut centrality {
        if !c.is_finite() {
            *c = 0.0;
        }
        largest = largest.max(*c);
    }
    if largest > 0.0 {
        for c in &mut centrality {
            *c /= largest;
        }
    }
    centrality
}

// ---------------------------------------------------------------------------------------------------------
// Communities (Louvain) and modularity
// ---------------------------------------------------------------------------------------------------------

/// A move must raise a node's modularity gain (in units of edge weight) by more than this; it keeps rounding
/// noise from moving nodes back and forth between equally good communities.
const MIN_GAIN: f64 = 1e-10;

/// At most this many sweeps over the nodes per Louvain level. A level that stops early is simply continued by
/// the next level (which starts from the partition reached), so the cap only bounds the time.
const MAX_SWEEPS: usize = 32;

/// A weighted graph without self-loops: one Louvain level. `strength[v]` is the total weight of the edges of
/// all original nodes inside `v`, including the edges between them, which are not stored as loops: moving a
/// node moves them along, so they never change a modularity gain.
struct Weighted {
    offsets: Vec<usize>,
    targets: Vec<usize>,
    weights: Vec<f64>,
    strength: Vec<f64>,
}

impl Weighted {
    fn from_graph(g: &Graph) -> Weighted {
        Weighted {
            offsets: g.offsets.clone(),
            targets: g.neighbours.clone(),
            weights: vec![1.0; g.neighbours.len()],
            strength: (0..g.node_count()).map(|v| g.degree(v) as f64).collect(),
        }
    }

    fn len(&self) -> usize {
        self.strength.len()
    }

    fn edges(&self, v: usize) -> impl Iterator<Item = (usize, f64)> + '_ {
        let range = self.offsets[v]..self.offsets[v + 1];
        self.targets[range.clone()]
            .iter()
            .copied()
            .zip(self.weights[range].iter().copied())
    }
}

/// Sums weights per community for one node at a time without clearing an `n`-sized array each time.
struct LinkSums {
    sum: Vec<f64>,
    seen: Vec<bool>,
    touched: Vec<usize>,
}

impl LinkSums {
    fn new(n: usize) -> LinkSums {
        LinkSums {
            sum: vec![0.0; n],
            seen: vec![false; n],
            touched: Vec::new(),
        }
    }

    fn add(&mut self, community: usize, weight: f64) {
        if !self.seen[community] {
            self.seen[community] = true;
            self.touched.push(community);
        }
        self.sum[community] += weight;
    }

    fn clear(&mut self) {
        for &c in &self.touched {
            self.sum[c] = 0.0;
            self.seen[c] = false;
        }
        self.touched.clear();
    }
}

/// Communities by the Louvain method (modularity), multi-level, deterministic (nodes visited in index order,
/// ties broken by the lowest community id). Returns a community id per node, renumbered so that community 0 is
/// the largest, 1 the next, and so on (ties by lowest smallest-member index). Isolated nodes each get their own.
///
/// Each level moves single nodes to the neighbouring community with the best modularity gain (only if that
/// beats staying) until a sweep moves nothing, then merges each community into one node of the next level.
/// It stops at the first level where nothing moves, so no single community can join a neighbouring one for a
/// gain, which also means the result scores at least as well as putting everything in one community.
pub fn communities(g: &Graph) -> Vec<u32> {
    let n = g.node_count();
    let mut membership: Vec<usize> = (0..n).collect();
    let total = g.total_weight();
    if total > 0.0 {
        let mut level = Weighted::from_graph(g);
        loop {
            let (assignment, count) = local_moves(&level, total);
            if count == level.len() {
                break;
            }
            for c in &mut membership {
                *c = assignment[*c];
            }
            level = aggregate(&level, &assignment, count);
        }
    }
    renumber_by_size(&membership)
}

/// One Louvain level: returns each node's community, numbered 0..count by first appearance, and `count`.
fn local_moves(level: &Weighted, total: f64) -> (Vec<usize>, usize) {
    let n = level.len();
    let mut community: Vec<usize> = (0..n).collect();
    let mut community_strength = level.strength.clone();
    let mut links = LinkSums::new(n);
    for _ in 0..MAX_SWEEPS {
        let mut moved = false;
        for v in 0..n {
            let strength = level.strength[v];
            if strength <= 0.0 {
                continue;
            }
            let old = community[v];
            for (u, weight) in level.edges(v) {
                if u != v {
                    links.add(community[u], weight);
                }
            }
            community_strength[old] -= strength;
            let ratio = strength / total;
            let stay = links.sum[old] - community_strength[old] * ratio;
            let mut best: Option<(f64, usize)> = None;
            for &c in &links.touched {
                if c == old {
                    continue;
                }
                let gain = links.sum[c] - community_strength[c] * ratio;
                if gain <= stay + MIN_GAIN {
                    continue;
                }
                let better = match best {
                    None => true,
                    Some((best_gain, best_c)) => {
                        gain > best_gain || (gain == best_gain && c < best_c)
                    }
                };
                if better {
                    best = Some((gain, c));
                }
            }
            let new = best.map_or(old, |(_, c)| c);
            community_strength[new] += strength;
            if new != old {
                community[v] = new;
                moved = true;
            }
            links.clear();
        }
        if !moved {
            break;
        }
    }

    let mut number = vec![usize::MAX; n];
    let mut count = 0;
    for c in &mut community {
        if number[*c] == usize::MAX {
            number[*c] = count;
            count += 1;
        }
        *c = number[*c];
    }
    (community, count)
}

/// The next Louvain level: one node per community, edge weights summed, links inside a community dropped.
fn aggregate(level: &Weighted, assignment: &[usize], count: usize) -> Weighted {
    let members = bucket(assignment, count);
    let mut offsets = Vec::with_capacity(count + 1);
    offsets.push(0);
    let mut targets = Vec::new();
    let mut weights = Vec::new();
    let mut strength = vec![0.0; count];
    let mut links = LinkSums::new(count);
    for (c, s) in strength.iter_mut().enumerate() {
        for &v in &members.items[members.start[c]..members.start[c + 1]] {
            *s += level.strength[v];
            for (u, weight) in level.edges(v) {
                let d = assignment[u];
                if d != c {
                    links.add(d, weight);
                }
            }
        }
        links.touched.sort_unstable();
        for &d in &links.touched {
            targets.push(d);
            weights.push(links.sum[d]);
        }
        links.clear();
        offsets.push(targets.len());
    }
    Weighted {
        offsets,
        targets,
        weights,
        strength,
    }
}

/// Items grouped by key: the items with key `k` are `items[start[k]..start[k + 1]]`, in increasing order.
struct Buckets {
    start: Vec<usize>,
    items: Vec<usize>,
}

/// Groups `0..keys.len()` by `keys[i]` (each `< count`) with a counting sort.
fn bucket(keys: &[usize], count: usize) -> Buckets {
    let mut start = vec![0usize; count + 1];
    for &k in keys {
        start[k + 1] += 1;
    }
    for k in 0..count {
        start[k + 1] += start[k];
    }
    let mut next = start.clone();
    let mut items = vec![0usize; keys.len()];
    for (i, &k) in keys.iter().enumerate() {
        items[next[k]] = i;
        next[k] += 1;
    }
    Buckets { start, items }
}

/// Renumbers communities (each `< membership.len()`) so that 0 is the largest, ties by smallest member.
fn renumber_by_size(membership: &[usize]) -> Vec<u32> {
    let n = membership.len();
    let mut size = vec![0usize; n];
    let mut smallest = vec![usize::MAX; n];
    for (v, &c) in membership.iter().enumerate() {
        size[c] += 1;
        smallest[c] = smallest[c].min(v);
    }
    let mut used: Vec<usize> = (0..n).filter(|&c| size[c] > 0).collect();
    used.sort_unstable_by_key(|&c| (Reverse(size[c]), smallest[c]));
    let mut rank = vec![0u32; n];
    for (r, &c) in used.iter().enumerate() {
        rank[c] = u32::try_from(r).unwrap_or(u32::MAX);
    }
    membership.iter().map(|&c| rank[c]).collect()
}

/// Modularity Q of a partition (for tests and reports).
///
/// `community[v]` is node `v`'s community; a node without an entry counts as a community of its own. Q is the
/// fraction of edges inside communities minus the fraction expected if edges were rewired at random with the
/// same degrees: 0 for everything in one community, negative for worse than chance, at most 1. A graph without
/// edges scores 0.
pub fn modularity(g: &Graph, community: &[u32]) -> f64 {
    let n = g.node_count();
    let total = g.total_weight();
    if total <= 0.0 {
        return 0.0;
    }
    // Dense community numbers in label order, so the sums below run in a fixed order.
    let label = |v: usize| {
        community
            .get(v)
            .map_or(u64::from(u32::MAX) + 1 + v as u64, |&c| u64::from(c))
    };
    let labels: Vec<u64> = (0..n).map(label).collect();
    let mut distinct = labels.clone();
    distinct.sort_unstable();
    distinct.dedup();
    let dense: Vec<usize> = labels
        .iter()
        .map(|l| distinct.binary_search(l).unwrap_or(0))
        .collect();
    let mut inside = vec![0.0f64; distinct.len()];
    let mut strength = vec![0.0f64; distinct.len()];
    for v in 0..n {
        let c = dense[v];
        strength[c] += g.degree(v) as f64;
        inside[c] += g.neighbours(v).iter().filter(|&&w| dense[w] == c).count() as f64;
    }
    inside
        .iter()
        .zip(&strength)
        .map(|(&i, &s)| i / total - (s / total) * (s / total))
        .sum()
}

// ---------------------------------------------------------------------------------------------------------
// Layout
// ---------------------------------------------------------------------------------------------------------

/// Exact short-range repulsion reaches this many mean node spacings (also the near-field grid's cell size).
const NEAR_RANGE: f64 = 1.0;
/// The near-field grid aims at no more than this many nodes per cell, on average over the nodes.
const CROWD: usize = 4;
/// Up to this many nodes, repulsion is summed exactly over all pairs instead of through the grids.
const EXACT_LIMIT: usize = 300;
/// The far-field grid has at most this many cells per side.
const MAX_FAR_CELLS: usize = 24;
/// Softening of the far-field kernel, in grid spacings.
const FAR_SOFTENING: f64 = 1.0;
/// Gravity per unit of mass and distance, times the total mass (scaled so that its influence relative to the
/// other forces is about the same at every graph size). Weak: it rounds the picture off without squashing it.
const GRAVITY: f64 = 0.3;
/// The largest step of the first iteration, in mean node spacings per square root of the node count (at least
/// one spacing).
const START_STEP: f64 = 0.1;
/// The largest step of the last iteration, in mean node spacings.
const END_STEP: f64 = 0.02;
/// Parts not connected to the main component settle at about this many times its radius.
const RING: f64 = 1.15;
/// The community spiral starts at this fraction of the radius where repulsion and gravity balance.
const START_RADIUS: f64 = 0.5;
/// Each community's nodes start on a spiral this tight, relative to the mean spacing of the whole picture.
const SPIRAL: f64 = 0.5;
/// The result fits in [-HALF_EXTENT, HALF_EXTENT] on both axes.
const HALF_EXTENT: f64 = 1000.0;
/// cos and sin of the golden angle π(3 − √5): successive points of a sunflower spiral.
const GOLDEN_COS: f64 = -0.737_368_878_078_319_7;
const GOLDEN_SIN: f64 = 0.675_490_294_261_523_8;

/// A deterministic force-directed layout (Fruchterman–Reingold / ForceAtlas2 style) with grid-based
/// (or Barnes–Hut) approximate repulsion so that one iteration costs O(n + m), not O(n^2). Initial positions
/// come from the communities: each community gets a sector/cluster centre (bigger communities nearer the
/// middle), nodes start on a small deterministic spiral around their community centre — no randomness, so the
/// same input gives bit-identical output. Gravity keeps disconnected parts on screen. Returns (x, y) per node,
/// scaled so that the result fits in [-1000, 1000] on both axes (centred at 0). `iterations` is the number of
/// force iterations (the atlas will call it with about 100-300; pick a sensible cooling schedule).
///
/// The forces are ForceAtlas2's with degree-weighted repulsion and the LinLog energy model, which draws
/// communities as visibly separate clusters: every node has mass degree + 1; all pairs repel with
/// m_u·m_v/d; every edge pulls its ends together with a constant force; a weak gravity pulls each node towards
/// the centre in proportion to its mass and distance. Parts not connected to the main component (isolated
/// nodes, small separate groups) would drift far out under such weak gravity and shrink the rest of the
/// picture, so they are also held inside a ring just outside the main component. Repulsion is exact for up to
/// 300 nodes; above that, nodes within about one mean spacing repel exactly through a uniform grid (made finer
/// where nodes crowd) and all others through a coarse particle-mesh grid (at most 24 × 24 cells), so an
/// iteration costs O(n + m).
///
/// Placement happens in two stages. First the communities, as single nodes weighted by their total mass and
/// joined by their edge counts (which pull in proportion to length here), start on a sunflower spiral (largest
/// at the centre, then outwards by size) and settle for `iterations / 2` steps, so that communities with links
/// between them end up side by side. Then each community's nodes start on a small spiral around its place,
/// best-connected nearest the middle, and all nodes settle for `iterations` steps. A node moves at most the
/// current step, which cools from 0.1·√n mean spacings (at least one) to 0.02 of one along a cubic curve:
/// large moves early, fine adjustment late.
///
/// `community[v]` is node `v`'s community (as from [`communities`]); a node without an entry is placed as a
/// community of its own. The aspect ratio is kept: the longer axis spans the full range. Only IEEE arithmetic
/// and square roots are used (no platform maths library), so the result is the same on every platform.
pub fn layout(g: &Graph, community: &[u32], iterations: usize) -> Vec<(f32, f32)> {
    let n = g.node_count();
    if n == 0 {
        return Vec::new();
    }
    let groups = Groups::new(g, community);
    let mass: Vec<f64> = (0..n).map(|v| g.degree(v) as f64 + 1.0).collect();
    let total_mass: f64 = mass.iter().sum();
    let gravity = GRAVITY / total_mass;
    // Where repulsion and gravity balance for the whole mass: sqrt(M / g).
    let radius = START_RADIUS * total_mass / GRAVITY.sqrt();

    // 1. The communities as single nodes.
    let (mut cx, mut cy) = sunflower(&groups.size, radius);
    let quotient = groups.quotient(g);
    simulate(
        Model {
            pull: Pull::Linear,
            gravity,
        },
        &quotient,
        &groups.mass(&mass),
        &mut cx,
        &mut cy,
        iterations / 2,
    );

    // 2. Every node on a small spiral around its community's place, then all nodes together.
    let placed = Bounds::of(&cx, &cy);
    let reach = placed.width().max(placed.height()) / 2.0;
    let reach = if reach > 0.0 { reach } else { radius };
    let unit = SPIRAL * reach / (n as f64).sqrt();
    let mut xs = vec![0.0; n];
    let mut ys = vec![0.0; n];
    for (c, members) in groups.members.iter().enumerate() {
        let mut turn = (1.0, 0.0);
        for (j, &v) in members.iter().enumerate() {
            let r = unit * (j as f64 + 0.5).sqrt();
            xs[v] = cx[c] + r * turn.0;
            ys[v] = cy[c] + r * turn.1;
            turn = rotate(turn);
        }
    }
    let edges: Vec<(usize, usize, f64)> = (0..n)
        .flat_map(|u| {
            g.neighbours(u)
                .iter()
                .filter(move |&&v| v > u)
                .map(move |&v| (u, v, 1.0))
        })
        .collect();
    simulate(
        Model {
            pull: Pull::Constant,
            gravity,
        },
        &edges,
        &mass,
        &mut xs,
        &mut ys,
        iterations,
    );
    fit(&xs, &ys)
}

/// Nodes grouped by community, largest group first (ties by smallest member), each group's members
/// best-connected first (ties by index).
struct Groups {
    /// Group per node.
    of: Vec<usize>,
    size: Vec<usize>,
    members: Vec<Vec<usize>>,
}

impl Groups {
    fn new(g: &Graph, community: &[u32]) -> Groups {
        let n = g.node_count();
        let key = |v: usize| {
            community
                .get(v)
                .map_or(u64::from(u32::MAX) + 1 + v as u64, |&c| u64::from(c))
        };
        let mut nodes: Vec<usize> = (0..n).collect();
        nodes.sort_unstable_by_key(|&v| (key(v), Reverse(g.degree(v)), v));
        let mut members: Vec<Vec<usize>> = Vec::new();
        for &v in &nodes {
            match members.last_mut() {
                Some(last) if last.first().map(|&u| key(u)) == Some(key(v)) => last.push(v),
                _ => members.push(vec![v]),
            }
        }
        members.sort_by_key(|m| (Reverse(m.len()), m.iter().copied().min()));
        let mut of = vec![0; n];
        for (c, m) in members.iter().enumerate() {
            for &v in m {
                of[v] = c;
            }
        }
        Groups {
            of,
            size: members.iter().map(Vec::len).collect(),
            members,
        }
    }

    /// Total mass per group.
    fn mass(&self, mass: &[f64]) -> Vec<f64> {
        self.members
            .iter()
            .map(|m| m.iter().map(|&v| mass[v]).sum())
            .collect()
    }

    /// The edges between groups, each pair once, weighted by how many node edges join them.
    fn quotient(&self, g: &Graph) -> Vec<(usize, usize, f64)> {
        let mut links: Vec<(usize, usize)> = Vec::new();
        for (u, &a) in self.of.iter().enumerate() {
            for &v in g.neighbours(u) {
                let b = self.of[v];
                if a < b {
                    links.push((a, b));
                }
            }
        }
        links.sort_unstable();
        let mut quotient: Vec<(usize, usize, f64)> = Vec::new();
        for (a, b) in links {
            match quotient.last_mut() {
                Some(last) if (last.0, last.1) == (a, b) => last.2 += 1.0,
                _ => quotient.push((a, b, 1.0)),
            }
        }
        quotient
    }
}

/// Places groups of the given sizes on a sunflower spiral: the first at the centre, each next one further
/// out, spaced by area, the whole about `radius` across.
fn sunflower(size: &[usize], radius: f64) -> (Vec<f64>, Vec<f64>) {
    let total: usize = size.iter().sum();
    let unit = radius / (total.max(1) as f64).sqrt();
    let mut xs = Vec::with_capacity(size.len());
    let mut ys = Vec::with_capacity(size.len());
    let mut placed = 0usize;
    let mut turn = (1.0, 0.0);
    for (rank, &s) in size.iter().enumerate() {
        if rank == 0 {
            xs.push(0.0);
            ys.push(0.0);
        } else {
            let r = unit * (placed as f64 + s as f64 / 2.0).sqrt();
            turn = rotate(turn);
            xs.push(r * turn.0);
            ys.push(r * turn.1);
        }
        placed += s;
    }
    (xs, ys)
}

/// Turns a unit vector by the golden angle.
fn rotate((c, s): (f64, f64)) -> (f64, f64) {
    (
        c * GOLDEN_COS - s * GOLDEN_SIN,
        c * GOLDEN_SIN + s * GOLDEN_COS,
    )
}

/// How an edge pulls its ends together.
#[derive(Debug, Clone, Copy)]
enum Pull {
    /// With a constant force (LinLog): clusters come out clearly separated.
    Constant,
    /// In proportion to its length: long edges pull hard, so linked communities end up side by side.
    Linear,
}

/// The force model of one simulation; repulsion strength is 1.
#[derive(Debug, Clone, Copy)]
struct Model {
    pull: Pull,
    gravity: f64,
}

/// Moves the nodes for `iterations` steps. Each node moves along its force divided by its mass, at most the
/// current step: from START_STEP·√n mean spacings (at least one) down to END_STEP of one, on a cubic curve.
fn simulate(
    model: Model,
    edges: &[(usize, usize, f64)],
    mass: &[f64],
    xs: &mut [f64],
    ys: &mut [f64],
    iterations: usize,
) {
    let n = xs.len();
    if n < 2 {
        return;
    }
    // Gravity is weak, so that it does not squash the structure; parts not connected to the main component
    // (the heaviest) would then drift far out, so they are also held inside a ring just around it.
    let component = components(n, edges);
    let mut component_mass = vec![0.0; n];
    for (&c, &m) in component.iter().zip(mass) {
        component_mass[c] += m;
    }
    let main = (0..n).fold(0, |best, c| {
        if component_mass[c] > component_mass[best] {
            c
        } else {
            best
        }
    });
    let outside: Vec<bool> = component.iter().map(|&c| c != main).collect();
    let apart = outside.iter().any(|&o| o) && outside.iter().filter(|&&o| !o).count() >= 2;

    let mut forces = Forces::new(n);
    let start = (START_STEP * (n as f64).sqrt()).max(1.0);
    for i in 0..iterations {
        let done = if iterations > 1 {
            i as f64 / (iterations - 1) as f64
        } else {
            1.0
        };
        let left = 1.0 - done;
        let bounds = Bounds::of(xs, ys);
        let spacing = bounds.spacing(n);
        let step = (END_STEP + (start - END_STEP) * left * left * left) * spacing;
        let wall = apart.then(|| {
            let reach = (0..n)
                .filter(|&v| !outside[v])
                .map(|v| (xs[v] * xs[v] + ys[v] * ys[v]).sqrt())
                .fold(spacing, f64::max);
            let radius = RING * reach;
            // Stiff enough to hold against the main component's push within a tenth of the radius.
            (radius, 10.0 * component_mass[main] / (radius * radius))
        });
        let gravity = Gravity {
            strength: model.gravity,
            outside: &outside,
            wall,
        };
        forces.compute(model.pull, edges, mass, &gravity, xs, ys, bounds, spacing);
        for v in 0..n {
            let fx = forces.dx[v] / mass[v];
            let fy = forces.dy[v] / mass[v];
            let length = (fx * fx + fy * fy).sqrt();
            if length > 0.0 && length.is_finite() {
                let scale = length.min(step) / length;
                xs[v] += fx * scale;
                ys[v] += fy * scale;
            }
        }
    }
}

/// The pull towards the centre, per unit of mass and distance.
struct Gravity<'a> {
    strength: f64,
    /// Nodes outside the main component...
    outside: &'a [bool],
    /// ...are also pulled back beyond this radius, this strongly: (radius, stiffness).
    wall: Option<(f64, f64)>,
}

impl Gravity<'_> {
    fn pull(&self, v: usize, x: f64, y: f64) -> f64 {
        match self.wall {
            Some((radius, stiffness)) if self.outside[v] => {
                let r = (x * x + y * y).sqrt();
                if r > radius {
                    self.strength + stiffness * (1.0 - radius / r)
                } else {
                    self.strength
                }
            }
            _ => self.strength,
        }
    }
}

/// Connected components of the graph on `0..n` given by `edges`: a representative node per node.
fn components(n: usize, edges: &[(usize, usize, f64)]) -> Vec<usize> {
    fn root(parent: &mut [usize], mut v: usize) -> usize {
        while parent[v] != v {
            parent[v] = parent[parent[v]];
            v = parent[v];
        }
        v
    }
    let mut parent: Vec<usize> = (0..n).collect();
    for &(u, v, _) in edges {
        let (a, b) = (root(&mut parent, u), root(&mut parent, v));
        if a != b {
            parent[a.max(b)] = a.min(b);
        }
    }
    (0..n).map(|v| root(&mut parent, v)).collect()
}

/// Centres the picture at 0 and scales it so that its longer axis spans [-1000, 1000].
fn fit(xs: &[f64], ys: &[f64]) -> Vec<(f32, f32)> {
    let bounds = Bounds::of(xs, ys);
    let (cx, cy) = (
        (bounds.min_x + bounds.max_x) / 2.0,
        (bounds.min_y + bounds.max_y) / 2.0,
    );
    let half = bounds.width().max(bounds.height()) / 2.0;
    let scale = if half > 0.0 && half.is_finite() {
        HALF_EXTENT / half
    } else {
        0.0
    };
    let limit = HALF_EXTENT as f32;
    let place = |value: f64, centre: f64| {
        let p = ((value - centre) * scale) as f32;
        if p.is_finite() {
            p.clamp(-limit, limit)
        } else {
            0.0
        }
    };
    xs.iter()
        .zip(ys)
        .map(|(&x, &y)| (place(x, cx), place(y, cy)))
        .collect()
}

/// An axis-aligned bounding box.
#[derive(Debug, Clone, Copy)]
struct Bounds {
    min_x: f64,
    max_x: f64,
    min_y: f64,
    max_y: f64,
}

impl Bounds {
    /// The box around the finite points; all zero if there are none.
    fn of(xs: &[f64], ys: &[f64]) -> Bounds {
        let range = |values: &[f64]| {
            values
                .iter()
                .filter(|v| v.is_finite())
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
                    (lo.min(v), hi.max(v))
                })
        };
        let ((min_x, max_x), (min_y, max_y)) = (range(xs), range(ys));
        if min_x <= max_x && min_y <= max_y {
            Bounds {
                min_x,
                max_x,
                min_y,
                max_y,
            }
        } else {
            Bounds {
                min_x: 0.0,
                max_x: 0.0,
                min_y: 0.0,
                max_y: 0.0,
            }
        }
    }

    fn width(&self) -> f64 {
        self.max_x - self.min_x
    }

    fn height(&self) -> f64 {
        self.max_y - self.min_y
    }

    /// The mean distance between `n` nodes spread evenly over the box; positive even for a flat box.
    fn spacing(&self, n: usize) -> f64 {
        let n = n.max(1) as f64;
        let (w, h) = (self.width(), self.height());
        let spacing = (w * h / n).sqrt().max(w.max(h) / n);
        if spacing > 0.0 && spacing.is_finite() {
            spacing
        } else {
            1.0
        }
    }
}

/// The forces of one iteration, with scratch space reused between iterations.
struct Forces {
    dx: Vec<f64>,
    dy: Vec<f64>,
    near: NearGrid,
    far: FarGrid,
}

impl Forces {
    fn new(n: usize) -> Forces {
        Forces {
            dx: vec![0.0; n],
            dy: vec![0.0; n],
            near: NearGrid::default(),
            far: FarGrid::new(n),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn compute(
        &mut self,
        pull: Pull,
        edges: &[(usize, usize, f64)],
        mass: &[f64],
        gravity: &Gravity<'_>,
        xs: &[f64],
        ys: &[f64],
        bounds: Bounds,
        spacing: f64,
    ) {
        let (dx, dy) = (&mut self.dx, &mut self.dy);
        dx.iter_mut().for_each(|d| *d = 0.0);
        dy.iter_mut().for_each(|d| *d = 0.0);
        if xs.len() <= EXACT_LIMIT {
            exact_repulsion(spacing, mass, xs, ys, dx, dy);
        } else {
            self.near
                .repel(NEAR_RANGE * spacing, mass, xs, ys, bounds, dx, dy);
            self.far.repel(mass, xs, ys, bounds, dx, dy);
        }
        for &(u, v, weight) in edges {
            let ddx = xs[v] - xs[u];
            let ddy = ys[v] - ys[u];
            let pull = match pull {
                Pull::Linear => weight,
                Pull::Constant => {
                    let d = (ddx * ddx + ddy * ddy).sqrt();
                    if d > 0.0 { weight / d } else { 0.0 }
                }
            };
            dx[u] += ddx * pull;
            dy[u] += ddy * pull;
            dx[v] -= ddx * pull;
            dy[v] -= ddy * pull;
        }
        for (v, (&x, &y)) in xs.iter().zip(ys).enumerate() {
            let pull = gravity.pull(v, x, y) * mass[v];
            dx[v] -= x * pull;
            dy[v] -= y * pull;
        }
    }
}

/// The separation used for two nodes on the same spot, which are pushed apart along x.
fn separate(ddx: f64, ddy: f64, spacing: f64) -> (f64, f64, f64) {
    let d2 = ddx * ddx + ddy * ddy;
    let tiny = 1e-9 * spacing;
    if d2 < tiny * tiny {
        (tiny, 0.0, tiny * tiny)
    } else {
        (ddx, ddy, d2)
    }
}

/// Repulsion m_u·m_v/d between every pair of nodes, summed exactly: for small graphs.
fn exact_repulsion(
    spacing: f64,
    mass: &[f64],
    xs: &[f64],
    ys: &[f64],
    dx: &mut [f64],
    dy: &mut [f64],
) {
    let n = xs.len();
    for i in 0..n {
        let (mut fx, mut fy) = (0.0, 0.0);
        for j in i + 1..n {
            let (ddx, ddy, d2) = separate(xs[i] - xs[j], ys[i] - ys[j], spacing);
            let push = mass[i] * mass[j] / d2;
            fx += ddx * push;
            fy += ddy * push;
            dx[j] -= ddx * push;
            dy[j] -= ddy * push;
        }
        dx[i] += fx;
        dy[i] += fy;
    }
}

/// Short-range repulsion m_u·m_v·(1/d − 1/range) for d < range, summed exactly over a uniform grid of cells at
/// least `range` wide, so that each node only meets the nodes in its own and the neighbouring cells. It adds
/// to the far field, which is blurred over a grid cell, the sharp push that keeps close nodes apart.
#[derive(Default)]
struct NearGrid {
    cell_of: Vec<usize>,
    start: Vec<usize>,
    next: Vec<usize>,
    order: Vec<usize>,
    px: Vec<f64>,
    py: Vec<f64>,
    pm: Vec<f64>,
    fx: Vec<f64>,
    fy: Vec<f64>,
}

impl NearGrid {
    #[allow(clippy::too_many_arguments)]
    fn repel(
        &mut self,
        range: f64,
        mass: &[f64],
        xs: &[f64],
        ys: &[f64],
        b: Bounds,
        dx: &mut [f64],
        dy: &mut [f64],
    ) {
        let n = xs.len();
        let cells_for = |size: f64| (b.width() / size + 1.0) * (b.height() / size + 1.0);
        // Cells at least `range` wide, but no more than about 2n of them however spread out the nodes are.
        let mut size = range;
        while cells_for(size) > (2 * n + 16) as f64 {
            size *= 1.5;
        }
        let (mut columns, mut rows) = self.sort_into_cells(xs, ys, b, size);
        // Where nodes crowd into dense clusters, smaller cells (and with them a shorter range) keep the work
        // near CROWD pairs per node, with at most about 16n cells.
        let crowd: usize = self
            .start
            .windows(2)
            .map(|w| (w[1] - w[0]) * (w[1] - w[0]))
            .sum();
        if crowd > CROWD * n {
            let mut finer = size / (crowd as f64 / (CROWD * n) as f64).sqrt();
            while cells_for(finer) > (16 * n + 16) as f64 {
                finer *= 1.25;
            }
            if finer < size {
                size = finer;
                (columns, rows) = self.sort_into_cells(xs, ys, b, size);
            }
        }
        let range = range.min(size);

        // Positions and masses copied in cell order, so that neighbouring cells are close in memory.
        self.px.clear();
        self.px.extend(self.order.iter().map(|&v| xs[v]));
        self.py.clear();
        self.py.extend(self.order.iter().map(|&v| ys[v]));
        self.pm.clear();
        self.pm.extend(self.order.iter().map(|&v| mass[v]));
        self.fx.clear();
        self.fx.resize(n, 0.0);
        self.fy.clear();
        self.fy.resize(n, 0.0);

        for row in 0..rows {
            for column in 0..columns {
                let cell = row * columns + column;
                let here = self.start[cell]..self.start[cell + 1];
                if here.is_empty() {
                    continue;
                }
                for i in here.clone() {
                    for j in i + 1..here.end {
                        self.pair(range, i, j);
                    }
                }
                // Each pair of neighbouring cells once: east, south-west, south, south-east.
                let mut others = [None; 4];
                if column + 1 < columns {
                    others[0] = Some(cell + 1);
                }
                if row + 1 < rows {
                    if column > 0 {
                        others[1] = Some(cell + columns - 1);
                    }
                    others[2] = Some(cell + columns);
                    if column + 1 < columns {
                        others[3] = Some(cell + columns + 1);
                    }
                }
                for other in others.into_iter().flatten() {
                    let there = self.start[other]..self.start[other + 1];
                    for i in here.clone() {
                        for j in there.clone() {
                            self.pair(range, i, j);
                        }
                    }
                }
            }
        }
        for (k, &v) in self.order.iter().enumerate() {
            dx[v] += self.fx[k];
            dy[v] += self.fy[k];
        }
    }

    /// Counting sort of the nodes into square cells `size` wide laid from the box's corner; returns the
    /// number of columns and rows.
    fn sort_into_cells(&mut self, xs: &[f64], ys: &[f64], b: Bounds, size: f64) -> (usize, usize) {
        let n = xs.len();
        let columns = (b.width() / size) as usize + 1;
        let rows = (b.height() / size) as usize + 1;
        let cells = columns * rows;
        self.cell_of.clear();
        self.cell_of.extend(xs.iter().zip(ys).map(|(&x, &y)| {
            let column = (((x - b.min_x) / size) as usize).min(columns - 1);
            let row = (((y - b.min_y) / size) as usize).min(rows - 1);
            row * columns + column
        }));
        self.start.clear();
        self.start.resize(cells + 1, 0);
        for &c in &self.cell_of {
            self.start[c + 1] += 1;
        }
        for c in 0..cells {
            self.start[c + 1] += self.start[c];
        }
        self.next.clear();
        self.next.extend_from_slice(&self.start[..cells]);
        self.order.clear();
        self.order.resize(n, 0);
        for (v, &c) in self.cell_of.iter().enumerate() {
            self.order[self.next[c]] = v;
            self.next[c] += 1;
        }
        (columns, rows)
    }

    /// Repulsion between the nodes in cell-order slots `i` and `j`.
    #[inline]
    fn pair(&mut self, range: f64, i: usize, j: usize) {
        let (ddx, ddy) = (self.px[i] - self.px[j], self.py[i] - self.py[j]);
        if ddx * ddx + ddy * ddy >= range * range {
            return;
        }
        let (ddx, ddy, d2) = separate(ddx, ddy, range);
        let inverse = 1.0 / d2.sqrt();
        let push = self.pm[i] * self.pm[j] * inverse * (inverse - 1.0 / range);
        self.fx[i] += ddx * push;
        self.fy[i] += ddy * push;
        self.fx[j] -= ddx * push;
        self.fy[j] -= ddy * push;
    }
}

/// Long-range repulsion m_u·m_v/d between all nodes, approximated particle-mesh style on a coarse square grid
/// laid over the nodes: each node's mass is spread over the four surrounding grid points (bilinear weights),
/// the force field is summed at every occupied grid point from every other one with a kernel softened by one
/// grid spacing, and each node reads it back with the same weights. Because the kernel is antisymmetric and
/// the weights are the same both ways, a node exerts no force on itself and forces between nodes balance.
/// Costs O(n + points²) per iteration.
struct FarGrid {
    /// Cells per side; there are `cells + 1` grid points per side.
    cells: usize,
    /// The kernel per grid offset, in grid spacings: `(2·cells + 1)²` entries.
    kernel_x: Vec<f64>,
    kernel_y: Vec<f64>,
    mass: Vec<f64>,
    /// The occupied grid points, their kernel offsets (row · kernel width + column) and masses.
    occupied: Vec<usize>,
    offset: Vec<usize>,
    weight: Vec<f64>,
    /// The field at the occupied points, then at every point (zero where unoccupied).
    gx: Vec<f64>,
    gy: Vec<f64>,
    field_x: Vec<f64>,
    field_y: Vec<f64>,
}

impl FarGrid {
    fn new(n: usize) -> FarGrid {
        let cells = ((n as f64).sqrt() / 4.0)
            .round()
            .clamp(4.0, MAX_FAR_CELLS as f64) as usize;
        let width = 2 * cells + 1;
        let mut kernel_x = vec![0.0; width * width];
        let mut kernel_y = vec![0.0; width * width];
        for row in 0..width {
            let b = row as f64 - cells as f64;
            for column in 0..width {
                let a = column as f64 - cells as f64;
                let r2 = a * a + b * b + FAR_SOFTENING * FAR_SOFTENING;
                kernel_x[row * width + column] = a / r2;
                kernel_y[row * width + column] = b / r2;
            }
        }
        let points = (cells + 1) * (cells + 1);
        FarGrid {
            cells,
            kernel_x,
            kernel_y,
            mass: vec![0.0; points],
            occupied: Vec::with_capacity(points),
            offset: Vec::with_capacity(points),
            weight: Vec::with_capacity(points),
            gx: Vec::with_capacity(points),
            gy: Vec::with_capacity(points),
            field_x: vec![0.0; points],
            field_y: vec![0.0; points],
        }
    }

    /// The four grid points around (x, y) and their bilinear weights.
    fn stencil(&self, b: Bounds, size: f64, x: f64, y: f64) -> [(usize, f64); 4] {
        let cells = self.cells;
        let last = cells as f64;
        let u = ((x - b.min_x) / size).clamp(0.0, last);
        let w = ((y - b.min_y) / size).clamp(0.0, last);
        let column = (u as usize).min(cells - 1);
        let row = (w as usize).min(cells - 1);
        let (tu, tw) = (u - column as f64, w - row as f64);
        let p = row * (cells + 1) + column;
        [
            (p, (1.0 - tu) * (1.0 - tw)),
            (p + 1, tu * (1.0 - tw)),
            (p + cells + 1, (1.0 - tu) * tw),
            (p + cells + 2, tu * tw),
        ]
    }

    fn repel(
        &mut self,
        mass: &[f64],
        xs: &[f64],
        ys: &[f64],
        b: Bounds,
        dx: &mut [f64],
        dy: &mut [f64],
    ) {
        let cells = self.cells;
        let side = cells + 1;
        let extent = b.width().max(b.height());
        let size = if extent > 0.0 {
            extent / cells as f64
        } else {
            1.0
        };
        self.mass.iter_mut().for_each(|m| *m = 0.0);
        for ((&x, &y), &m) in xs.iter().zip(ys).zip(mass) {
            for (p, weight) in self.stencil(b, size, x, y) {
                self.mass[p] += m * weight;
            }
        }
        // Only occupied points are read back with a non-zero weight, and each pair of them is visited once.
        let width = 2 * cells + 1;
        self.occupied.clear();
        self.offset.clear();
        self.weight.clear();
        for p in 0..side * side {
            if self.mass[p] > 0.0 {
                self.occupied.push(p);
                self.offset.push((p / side) * width + p % side);
                self.weight.push(self.mass[p]);
            }
        }
        self.gx.clear();
        self.gx.resize(self.occupied.len(), 0.0);
        self.gy.clear();
        self.gy.resize(self.occupied.len(), 0.0);
        let FarGrid {
            kernel_x,
            kernel_y,
            offset,
            weight,
            gx,
            gy,
            ..
        } = self;
        for i in 0..offset.len() {
            // The kernel entry for the offset from point j to point i is at base - offset[j].
            let base = offset[i] + cells * width + cells;
            let m = weight[i];
            let (mut fx, mut fy) = (0.0, 0.0);
            let rest = i + 1..offset.len();
            for (((&o, &w), gx), gy) in offset[rest.clone()]
                .iter()
                .zip(&weight[rest.clone()])
                .zip(&mut gx[rest.clone()])
                .zip(&mut gy[rest])
            {
                let k = base - o;
                let (kx, ky) = (kernel_x[k], kernel_y[k]);
                fx += w * kx;
                fy += w * ky;
                *gx -= m * kx;
                *gy -= m * ky;
            }
            gx[i] += fx;
            gy[i] += fy;
        }
        self.field_x.iter_mut().for_each(|f| *f = 0.0);
        self.field_y.iter_mut().for_each(|f| *f = 0.0);
        for (i, &p) in self.occupied.iter().enumerate() {
            self.field_x[p] = self.gx[i];
            self.field_y[p] = self.gy[i];
        }
        // The kernel is in grid spacings: 1/d scales by 1/size.
        for (v, (&x, &y)) in xs.iter().zip(ys).enumerate() {
            let (mut fx, mut fy) = (0.0, 0.0);
            for (p, weight) in self.stencil(b, size, x, y) {
                fx += weight * self.field_x[p];
                fy += weight * self.field_y[p];
            }
            dx[v] += mass[v] / size * fx;
            dy[v] += mass[v] / size * fy;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A small linear congruential generator, so that test graphs are the same on every run.
    struct Lcg(u64);

    impl Lcg {
        fn next(&mut self) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            self.0 >> 33
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n.max(1) as u64) as usize
        }
    }

    /// Every pair in `nodes` joined.
    fn clique(nodes: std::ops::Range<usize>) -> Vec<(usize, usize)> {
        let mut edges = Vec::new();
        for a in nodes.clone() {
            for b in a + 1..nodes.end {
                edges.push((a, b));
            }
        }
        edges
    }

    /// Two cliques on 0..k and k..2k joined by the edge (k - 1, k).
    fn barbell(k: usize) -> Graph {
        let mut edges = clique(0..k);
        edges.extend(clique(k..2 * k));
        edges.push((k - 1, k));
        Graph::new(2 * k, &edges)
    }

    /// Nodes in blocks of `block`; each new node links `per_node` times, mostly inside its block, otherwise to
    /// the end of a random earlier edge (preferential attachment, so degrees are skewed).
    fn synthetic(n: usize, per_node: usize, block: usize, seed: u64) -> Vec<(usize, usize)> {
        let mut rng = Lcg(seed);
        let mut edges: Vec<(usize, usize)> = Vec::new();
        for v in 1..n {
            let block_start = v / block * block;
            for _ in 0..per_node {
                let target = if v > block_start && rng.below(10) < 7 {
                    block_start + rng.below(v - block_start)
                } else if !edges.is_empty() && rng.below(2) == 0 {
                    let (a, b) = edges[rng.below(edges.len())];
                    if rng.below(2) == 0 { a } else { b }
                } else {
                    rng.below(v)
                };
                edges.push((v, target));
            }
        }
        edges
    }

    fn distance(a: (f32, f32), b: (f32, f32)) -> f64 {
        let dx = f64::from(a.0) - f64::from(b.0);
        let dy = f64::from(a.1) - f64::from(b.1);
        (dx * dx + dy * dy).sqrt()
    }

    fn in_bounds(points: &[(f32, f32)]) -> bool {
        points.iter().all(|&(x, y)| {
            x.is_finite()
                && y.is_finite()
                && (-1000.0..=1000.0).contains(&x)
                && (-1000.0..=1000.0).contains(&y)
        })
    }

    #[test]
    fn new_drops_self_loops_duplicates_and_out_of_range_edges() {
        let g = Graph::new(
            4,
            &[
                (0, 1),
                (1, 0),
                (0, 1),
                (2, 2),
                (1, 2),
                (3, 9),
                (9, 3),
                (2, 0),
                (0, 3),
            ],
        );
        assert_eq!(g.node_count(), 4);
        assert_eq!(g.edge_count(), 4);
        assert_eq!(g.neighbours(0), &[1, 2, 3]);
        assert_eq!(g.neighbours(1), &[0, 2]);
        assert_eq!(g.neighbours(2), &[0, 1]);
        assert_eq!(g.neighbours(3), &[0]);
        assert_eq!(
            (0..4).map(|v| g.degree(v)).collect::<Vec<_>>(),
            [3, 2, 2, 1]
        );
        assert_eq!(g.neighbours(4), &[] as &[usize]);
        assert_eq!(g.degree(17), 0);
    }

    #[test]
    fn empty_graphs_are_fine() {
        let g = Graph::new(0, &[(0, 1)]);
        assert_eq!((g.node_count(), g.edge_count()), (0, 0));
        assert!(betweenness(&g, 10).is_empty());
        assert!(communities(&g).is_empty());
        assert!(layout(&g, &[], 100).is_empty());
        assert_eq!(modularity(&g, &[]), 0.0);

        let one = Graph::new(1, &[]);
        assert_eq!(betweenness(&one, 10), [0.0]);
        assert_eq!(communities(&one), [0]);
        assert_eq!(layout(&one, &[0], 100), [(0.0, 0.0)]);
    }

    #[test]
    fn betweenness_of_a_path_peaks_in_the_middle() {
        let g = Graph::new(3, &[(0, 1), (1, 2)]);
        assert_eq!(betweenness(&g, 100), [0.0, 1.0, 0.0]);
    }

    #[test]
    fn betweenness_of_a_star_peaks_at_the_centre() {
        let edges: Vec<_> = (1..8).map(|leaf| (0, leaf)).collect();
        let b = betweenness(&Graph::new(8, &edges), 100);
        assert_eq!(b[0], 1.0);
        assert!(b[1..].iter().all(|&x| x == 0.0), "{b:?}");
    }

    #[test]
    fn betweenness_of_a_barbell_peaks_at_the_bridge() {
        let b = betweenness(&barbell(5), 100);
        assert_eq!(b[4], 1.0);
        assert_eq!(b[5], 1.0);
        for (v, &x) in b.iter().enumerate() {
            if v != 4 && v != 5 {
                assert!(x < 1.0, "node {v}: {x}");
            }
        }
    }

    #[test]
    fn sampled_betweenness_with_enough_sources_is_exact() {
        let g = Graph::new(60, &synthetic(60, 2, 20, 7));
        let exact = betweenness(&g, 60);
        assert_eq!(betweenness(&g, 1000), exact);
        assert!(exact.contains(&1.0));
        // Fewer sources: an estimate, but still normalised.
        let estimate = betweenness(&g, 10);
        assert!(estimate.iter().all(|&x| (0.0..=1.0).contains(&x)));
        assert!(estimate.contains(&1.0));
        assert_eq!(betweenness(&g, 0), vec![0.0; 60]);
    }

    #[test]
    fn two_cliques_make_two_communities() {
        let g = barbell(5);
        let c = communities(&g);
        assert_eq!(c, [0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
        let q = modularity(&g, &c);
        assert!(q > 0.3, "{q}");
        assert!(q > modularity(&g, &[0; 10]));
        assert_eq!(communities(&g), c);
    }

    #[test]
    fn the_largest_community_is_numbered_zero() {
        // A 3-clique on 0..3 and a 6-clique on 3..9, plus an isolated node 9.
        let mut edges = clique(0..3);
        edges.extend(clique(3..9));
        edges.push((2, 3));
        let g = Graph::new(10, &edges);
        let c = communities(&g);
        assert_eq!(c, [1, 1, 1, 0, 0, 0, 0, 0, 0, 2]);
    }

    #[test]
    fn edgeless_graphs_give_every_node_its_own_community() {
        let g = Graph::new(5, &[]);
        assert_eq!(communities(&g), [0, 1, 2, 3, 4]);
        assert_eq!(modularity(&g, &[0, 1, 2, 3, 4]), 0.0);
    }

    #[test]
    fn modularity_matches_hand_computation() {
        // Two triangles joined by one edge, split into the triangles: m = 7, each side has 3 inner edges and
        // degree sum 7, so Q = 2 · (3/7 − (7/14)²) = 6/7 − 1/2.
        let g = Graph::new(6, &[(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5), (2, 3)]);
        let q = modularity(&g, &[0, 0, 0, 1, 1, 1]);
        assert!((q - (6.0 / 7.0 - 0.5)).abs() < 1e-12, "{q}");
        assert!(modularity(&g, &[0; 6]).abs() < 1e-12);
        // Missing entries count as communities of their own.
        assert_eq!(
            modularity(&g, &[0, 0, 0]),
            modularity(&g, &[0, 0, 0, 7, 8, 9])
        );
    }

    #[test]
    fn communities_of_a_larger_graph_beat_a_single_community() {
        let g = Graph::new(600, &synthetic(600, 3, 50, 11));
        let c = communities(&g);
        assert!(modularity(&g, &c) > 0.3, "{}", modularity(&g, &c));
        assert_eq!(communities(&g), c);
    }

    #[test]
    fn layout_is_deterministic_and_in_bounds() {
        let g = Graph::new(120, &synthetic(120, 2, 30, 3));
        let c = communities(&g);
        let a = layout(&g, &c, 150);
        assert_eq!(a, layout(&g, &c, 150));
        assert!(in_bounds(&a));
        // It fills the frame along its longer axis.
        let widest = a
            .iter()
            .map(|&(x, y)| x.abs().max(y.abs()))
            .fold(0.0f32, f32::max);
        assert!(widest > 999.0, "{widest}");
    }

    #[test]
    fn layout_keeps_cliques_together() {
        let g = barbell(5);
        let c = communities(&g);
        let p = layout(&g, &c, 200);
        let (mut same, mut same_n, mut across, mut across_n) = (0.0, 0, 0.0, 0);
        for a in 0..10 {
            for b in a + 1..10 {
                if (a < 5) == (b < 5) {
                    same += distance(p[a], p[b]);
                    same_n += 1;
                } else {
                    across += distance(p[a], p[b]);
                    across_n += 1;
                }
            }
        }
        let (same, across) = (same / f64::from(same_n), across / f64::from(across_n));
        assert!(same * 2.0 < across, "within {same}, across {across}");
    }

    #[test]
    fn layout_gives_every_node_its_own_spot() {
        let mut rng = Lcg(42);
        let edges: Vec<_> = (0..400).map(|_| (rng.below(200), rng.below(200))).collect();
        let g = Graph::new(200, &edges);
        let p = layout(&g, &communities(&g), 200);
        let mut spots: Vec<(u32, u32)> =
            p.iter().map(|&(x, y)| (x.to_bits(), y.to_bits())).collect();
        spots.sort_unstable();
        spots.dedup();
        assert_eq!(spots.len(), 200);
        assert!(in_bounds(&p));
    }

    #[test]
    fn layout_keeps_isolated_nodes_and_components_on_screen() {
        // A 30-node cycle, a separate triangle and five isolated nodes: nothing is pushed far away, so the
        // cycle still spans a good part of the picture.
        let mut edges: Vec<_> = (0..30).map(|v| (v, (v + 1) % 30)).collect();
        edges.extend([(30, 31), (31, 32), (30, 32)]);
        let g = Graph::new(38, &edges);
        let p = layout(&g, &communities(&g), 200);
        assert!(in_bounds(&p));
        let cycle_span = (0..30)
            .flat_map(|a| (0..30).map(move |b| (a, b)))
            .map(|(a, b)| distance(p[a], p[b]))
            .fold(0.0, f64::max);
        assert!(cycle_span > 400.0, "{cycle_span}");
    }

    #[test]
    fn large_layouts_separate_communities_and_ring_isolated_nodes() {
        // Above the exact-repulsion limit, so the grids do the work: eight 40-cliques joined in a cycle by one
        // edge each, plus 30 isolated nodes.
        let mut edges = Vec::new();
        for c in 0..8 {
            edges.extend(clique(c * 40..c * 40 + 40));
            edges.push((c * 40, (c + 1) % 8 * 40 + 1));
        }
        let g = Graph::new(350, &edges);
        let c = communities(&g);
        assert_eq!(c.iter().copied().max(), Some(37));
        let p = layout(&g, &c, 150);
        assert_eq!(p, layout(&g, &c, 150));
        assert!(in_bounds(&p));
        let (mut same, mut same_n, mut across, mut across_n) = (0.0, 0u32, 0.0, 0u32);
        for a in 0..320 {
            for b in a + 1..320 {
                if a / 40 == b / 40 {
                    same += distance(p[a], p[b]);
                    same_n += 1;
                } else {
                    across += distance(p[a], p[b]);
                    across_n += 1;
                }
            }
        }
        let (same, across) = (same / f64::from(same_n), across / f64::from(across_n));
        assert!(same * 3.0 < across, "within {same}, across {across}");
        // The isolated nodes sit around the network, not in it, and not so far out that it shrinks to a dot.
        let centre = |v: usize| distance(p[v], (0.0, 0.0));
        let inner = (0..320).map(centre).sum::<f64>() / 320.0;
        let outer = (320..350).map(centre).fold(f64::INFINITY, f64::min);
        let widest = (0..320).map(centre).fold(0.0, f64::max);
        assert!(outer > inner, "isolated from {outer}, network mean {inner}");
        assert!(widest > 500.0, "network reaches only {widest}");
    }

    #[test]
    fn layout_tolerates_a_short_or_missing_community_list() {
        let g = barbell(4);
        let p = layout(&g, &[0, 0], 50);
        assert_eq!(p.len(), 8);
        assert!(in_bounds(&p));
        assert!(in_bounds(&layout(&g, &[], 0)));
    }

    /// A network big enough to take the grid paths of the layout and the sampled betweenness, with the skewed
    /// degrees of a real cluster, at the size the atlas targets (its timing is in `bench/run atlas`).
    #[test]
    fn graph_of_ten_thousand_nodes() {
        let edges = synthetic(10_000, 5, 200, 2024);
        let g = Graph::new(10_000, &edges);
        assert!(g.edge_count() > 45_000, "{}", g.edge_count());
        let c = communities(&g);
        assert_eq!(c.len(), 10_000);
        assert!(modularity(&g, &c) > 0.3);
        let p = layout(&g, &c, 100);
        assert!(in_bounds(&p));
        let b = betweenness(&g, 64);
        assert!(b.iter().all(|&x| x.is_finite() && (0.0..=1.0).contains(&x)));
        assert!(b.contains(&1.0), "the most central actor is the reference");
    }

    /// Up to 40 nodes and 120 edges, some naming nodes that do not exist.
    fn arbitrary_graph() -> impl Strategy<Value = Graph> {
        (1usize..40).prop_flat_map(|n| {
            prop::collection::vec((0..n + 2, 0..n + 2), 0..120)
                .prop_map(move |edges| Graph::new(n, &edges))
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn betweenness_is_normalised(g in arbitrary_graph(), sources in 0usize..50) {
            for b in [betweenness(&g, sources), betweenness(&g, usize::MAX)] {
                prop_assert_eq!(b.len(), g.node_count());
                prop_assert!(b.iter().all(|&x| x.is_finite() && (0.0..=1.0).contains(&x)));
            }
        }

        #[test]
        fn communities_are_numbered_contiguously(g in arbitrary_graph()) {
            let c = communities(&g);
            prop_assert_eq!(c.len(), g.node_count());
            let k = c.iter().copied().max().map_or(0, |m| m as usize + 1);
            let mut size = vec![0usize; k];
            for &x in &c {
                size[x as usize] += 1;
            }
            prop_assert!(size.iter().all(|&s| s > 0));
            prop_assert!(size.windows(2).all(|w| w[0] >= w[1]));
            for v in 0..g.node_count() {
                if g.degree(v) == 0 {
                    prop_assert_eq!(size[c[v] as usize], 1);
                }
            }
        }

        #[test]
        fn communities_score_at_least_one_community(g in arbitrary_graph()) {
            let c = communities(&g);
            let all = vec![0u32; g.node_count()];
            prop_assert!(modularity(&g, &c) >= modularity(&g, &all) - 1e-9);
        }

        #[test]
        fn layout_is_finite_and_in_bounds(g in arbitrary_graph(), iterations in 0usize..120) {
            let p = layout(&g, &communities(&g), iterations);
            prop_assert_eq!(p.len(), g.node_count());
            prop_assert!(in_bounds(&p));
        }
    }
}
