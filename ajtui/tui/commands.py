"""The command palette (ctrl+p): every action of the current screen, by its description.

The palette changes with the screen (as posting's does): on the library it offers Open,
Filter, Diff …; in the editor Save, Insert duty, Renumber duties … Each command shows its
key, so the palette also teaches the keys.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from ajtui.tui.actions import BY_ID


class AjCommands(Provider):
    def _commands(self) -> Iterator[tuple[str, str, object]]:
        screen = self.screen
        app = self.app
        seen: set[str] = set()
        # ours (ajtui.tui.actions) first, Textual's own (tab, copy) after them
        bindings = sorted(
            screen.active_bindings.items(), key=lambda kv: kv[1].binding.id not in BY_ID
        )
        for _key, active in bindings:
            binding = active.binding
            node = active.node
            if node is not screen and node is not app:
                continue  # the focused widget's own keys (cursor moves …)
            if not binding.description or binding.system or not active.enabled:
                continue
            title = binding.description
            if title in seen or binding.action in ("command_palette",):
                continue
            seen.add(title)
            help_text = f"{app.get_key_display(binding)}"
            ours = BY_ID.get(binding.id or "")
            tooltip = ours.tooltip if ours else binding.tooltip
            if tooltip:
                help_text += f" · {tooltip}"
            yield title, help_text, partial(app.run_action, binding.action, node)

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            yield DiscoveryHit(title, callback, help=help_text)  # type: ignore[arg-type]  # Textual types the callback as no-argument; a partial is one

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(title),
                    callback,  # type: ignore[arg-type]  # as above
                    text=title,
                    help=help_text,
                )
