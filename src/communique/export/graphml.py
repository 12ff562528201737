"""GraphML of the co-participation graph: persons and organizations as nodes (name, type, country,
number of events and agreements), an edge between two that took part in one event or are parties to
one agreement, weighted by how many: `KnowledgeBase.graph`, the graph the pages, the API and the CLI
show."""

from __future__ import annotations


def to_graph(kb, types=("PER", "ORG"), min_weight: int = 1):
    import networkx as nx

    data = kb.graph(types=types, min_weight=min_weight)
    g = nx.Graph()
    for n in data["nodes"]:
        g.add_node(n["id"], name=n["name"], type=n["type"], iso=n.get("iso") or "", events=n["events"],
                   agreements=n.get("agreements", 0))
    for e in data["edges"]:
        g.add_edge(e["source"], e["target"], weight=e["weight"], events=" ".join(e["events"]),
                   agreements=" ".join(e.get("agreements", [])), kinds=" ".join(e.get("kinds", [])))
    return g
