"""Send a few questions to examples/flask_app.py through its WSGI stack (Flask's test
client: the middleware runs as under a real server) and print each request's trace id.

    LUMISCOPE_API_KEY=lqt_... OPENAI_BASE_URL=http://127.0.0.1:18440/v1 \\
        OPENAI_API_KEY=sk-fake python examples/flask_traffic.py
"""

from __future__ import annotations

import json
import secrets
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from flask_app import app  # noqa: E402

import lumiscope  # noqa: E402

QUESTIONS = [
    ("ana", "Which plan includes priority support?"),
    ("bo", "How do I rotate my API key?"),
]


def main() -> None:
    client = app.test_client()
    for user_id, question in QUESTIONS:
        # A W3C traceparent from "the caller": the request continues that trace, so its id
        # is known here (the page's /ask does not return it).
        trace_id = secrets.token_hex(16)
        reply = client.post("/ask", json={"question": question, "user_id": user_id},
                            headers={"traceparent": f"00-{trace_id}-{'1' * 16}-01"})
        print(json.dumps({"user_id": user_id, "trace_id": trace_id, **reply.get_json()}))
    lumiscope.flush()


if __name__ == "__main__":
    main()
