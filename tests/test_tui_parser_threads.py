"""The app parses in several threads at once (indexing, validation as you type, history):
parsing must be safe across threads."""

import threading

from tests.helpers.tui import DESCRIPTIONS


def test_parsing_in_several_threads_at_once_gives_the_same_documents():
    from ajtui.base.errors import AjSyntaxError
    from ajtui.format.parser import loads

    texts = [p.read_text(encoding="utf-8") for p in sorted(DESCRIPTIONS.glob("*.aj"))]
    expected = [loads(t) for t in texts]
    problems: list[str] = []

    def work() -> None:
        for _ in range(8):
            for text, want in zip(texts, expected):
                try:
                    if loads(text) != want:
                        problems.append("different document")
                except AjSyntaxError as e:
                    problems.append(e.one_line())

    threads = [threading.Thread(target=work) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert problems == []
