"""Loads /api/v1/export/graph.graphml from the real server with networkx's GraphML reader (what Gephi users and
analysts would use) and checks it holds every actor and relation the graph API reports, with their attributes."""
import io
import json
import sys
import urllib.request

import networkx as nx

from pyserver import running_server


def main(binary: str) -> int:
    with running_server(binary) as base:
        with urllib.request.urlopen(f"{base}/api/v1/graph") as res:
            graph = json.load(res)
        with urllib.request.urlopen(f"{base}/api/v1/export/graph.graphml") as res:
            data = res.read()
    g = nx.read_graphml(io.BytesIO(data))
    problems = []
    if not g.is_directed():
        problems.append("the graph should be directed")
    if g.number_of_nodes() != graph["total"]["nodes"]:
        problems.append(f"{g.number_of_nodes()} nodes, expected {graph['total']['nodes']}")
    if g.number_of_edges() != graph["total"]["edges"]:
        problems.append(f"{g.number_of_edges()} edges, expected {graph['total']['edges']}")
    for node in graph["nodes"]:
        attrs = g.nodes.get(node["id"])
        if attrs is None:
            problems.append(f"node {node['id']} is missing")
            continue
        if attrs.get("kind") != node["kind"] or attrs.get("name_sv") != node["label"]["sv"]:
            problems.append(f"node {node['id']} has {attrs}")
        if attrs.get("degree") != node["degree"]:
            problems.append(f"node {node['id']} degree {attrs.get('degree')} != {node['degree']}")
    for edge in graph["edges"]:
        kinds = [d.get("kind") for d in g.get_edge_data(edge["source"], edge["target"], default={}).values()] \
            if g.is_multigraph() else [g.get_edge_data(edge["source"], edge["target"], default={}).get("kind")]
        if edge["kind"] not in kinds:
            problems.append(f"edge {edge['source']} -{edge['kind']}-> {edge['target']} is missing")
    if problems:
        print("graph.graphml does not match the graph:\n  " + "\n  ".join(problems[:20]), file=sys.stderr)
        return 1
    print(f"graph.graphml: networkx reads {g.number_of_nodes()} nodes and {g.number_of_edges()} edges, all matching")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
