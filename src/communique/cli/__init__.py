"""The `communique` command, one module per group of commands: `main` (extract, ingest, reextract,
search, ask, and the app that registers the rest), `kb` (the knowledge-base commands: entity,
timeline, series, graph, relink, merge, split, why-merged, export), `serve` (serve, demo, token), and
`common` (the one `--db` option, opening a store, failing with one line of error). Each calls the
library; none holds logic of its own."""
