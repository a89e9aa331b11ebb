"""YAML for configuration a person writes (policies, mappings): no aliases, bounded size.

An alias repeats a node by reference, so a few lines of ``&a [*b, *b, ...]`` expand into
gigabytes once a program walks the result (a "billion laughs" bomb). Hand-written rules
and mappings never need them: an anchor or alias is refused with its line, before any
expansion, and a file over ``MAX_YAML_BYTES`` is refused before it is parsed.
"""

from __future__ import annotations

from typing import Any

import yaml

MAX_YAML_BYTES = 1 << 20


class NoAliasLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` that refuses anchors and aliases."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise yaml.constructor.ConstructorError(
                None, None, "YAML anchors and aliases are not allowed here", event.start_mark
            )
        return super().compose_node(parent, index)


def load(text: str) -> Any:
    """Parse ``text`` safely, without aliases; yaml.YAMLError when it is refused."""
    if len(text) > MAX_YAML_BYTES:
        raise yaml.YAMLError(f"file over {MAX_YAML_BYTES} bytes")
    return yaml.load(text, Loader=NoAliasLoader)  # a SafeLoader: no arbitrary objects
