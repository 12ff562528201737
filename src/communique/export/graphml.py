"""GraphML of the co-participation graph: persons and organizations as nodes (name, type, country,
number of events), an edge between two that took part in one event, weighted by how many."""

from __future__ import annotations


def to_graph(kb, types=("PER", "ORG"), min_weight: int = 1):
    import networkx as nx

    data = kb.graph(types=types, min_weight=min_weight)
    g = nx.Graph()
    for n in data["nodes"]:
        g.add_node(n["id"], name=n["name"], type=n["type"], iso=n.get("iso") or "", events=n["events"])
    for e in data["edges"]:
        g.add_edge(e["source"], e["target"], weight=e["weight"], events=" ".join(e["events"]))
    return g
