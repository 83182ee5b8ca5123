"""Console subcommands; see mensch.cli."""
