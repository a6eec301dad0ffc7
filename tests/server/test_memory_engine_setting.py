"""The memory engine is chosen by configuration; the llm one falls back to the builtin one."""

from __future__ import annotations

import pytest

from lumiscope.server.settings import Settings
from tests.conftest import free_port, start_server
from tests.memory_helpers import converse, wait_for_memory
from tests.server.memory.fake_chat import FakeChat

FACT = {"op": "add", "category": "work", "subject": "employer", "value": "Acme Rockets",
        "text": "Works at Acme Rockets", "confidence": 0.9, "turn": 0}


def llm_server(tmp_path, url: str):  # type: ignore[no-untyped-def]
    settings = Settings.load(
        {"LUMISCOPE_MEMORY_ENGINE": "llm", "LUMISCOPE_MEMORY_LLM_URL": url,
         "LUMISCOPE_MEMORY_LLM_MODEL": "memory-model", "LUMISCOPE_MEMORY_LLM_TIMEOUT": "2"},
        data_dir=tmp_path, port=free_port())
    return start_server(settings)


def end(api, user: str, session: str) -> None:  # type: ignore[no-untyped-def]
    api.post("/v1/mark-session-as-ended", json={"session_id": session, "user_id": user})


def test_the_llm_engine_learns_what_the_model_answers(tmp_path):
    with FakeChat() as chat:
        chat.answer({"facts": [FACT], "session_summary": "Talked about rockets."})
        for server in llm_server(tmp_path, chat.base_url):
            key = server.new_key()
            with server.client(key) as api:
                converse(server.base_url, key, "ria", "r1", ["Long day at the hangar."])
                end(api, "ria", "r1")
                memory = wait_for_memory(api, "ria")
        assert chat.requests[0]["body"]["model"] == "memory-model"
    assert [(f["subject"], f["value"]) for f in memory["facts"]] == [("employer", "Acme Rockets")]


def test_when_the_model_fails_the_builtin_engine_serves(tmp_path, caplog):
    with FakeChat() as chat:
        chat.answer(status=500)
        for server in llm_server(tmp_path, chat.base_url):
            key = server.new_key()
            with server.client(key) as api:
                converse(server.base_url, key, "sol", "s1", ["I live in Lisbon."])
                end(api, "sol", "s1")
                memory = wait_for_memory(api, "sol")
    assert [(f["subject"], f["value"]) for f in memory["facts"]] == [("home_city", "Lisbon")]
    assert "builtin engine serves" in caplog.text


def test_the_llm_engine_needs_an_endpoint_and_a_model():
    with pytest.raises(ValueError, match="LUMISCOPE_MEMORY_LLM_URL"):
        Settings.load({"LUMISCOPE_MEMORY_ENGINE": "llm"})
    with pytest.raises(ValueError, match="builtin or llm"):
        Settings.load({"LUMISCOPE_MEMORY_ENGINE": "gpt"})
