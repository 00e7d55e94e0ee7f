"""Where descriptions live: the workspace on disk, the one cache, git, history and versions."""
