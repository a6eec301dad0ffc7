# The Flowlines guide's full example, unchanged but for the key and the endpoints (read from
# LUMISCOPE_API_KEY / LUMISCOPE_ENDPOINT), the user's message (the command line's words, or
# the guide's "Hello!") and a last line printing the memory it injected. OpenAI() reads
# OPENAI_BASE_URL and OPENAI_API_KEY: point them at examples/fake_llm.py to run offline.
#
#   python examples/flowlines_chat.py "Hi, I'm Maria. I live in Lisbon and I'm vegetarian."
#   python examples/flowlines_chat.py "What should I cook tonight?"   # injects the memory
# ruff: noqa: I001  (the seed page's imports, kept as the page has them)
import os
import sys

import flowlines
from openai import OpenAI

endpoint = os.environ.get("LUMISCOPE_ENDPOINT", "http://127.0.0.1:4318")
flowlines.init(api_key=os.environ["LUMISCOPE_API_KEY"], ingest_endpoint=endpoint,
               api_endpoint=endpoint)

client = OpenAI()

user_id = "user-42"
session_id = "sess-abc"

# Retrieve memory for this user
memory = flowlines.get_memory(user_id)
messages = [{"role": "system", "content": "You are a helpful assistant."}]
if memory:
    messages.append({
        "role": "system",
        "content": f"Here is what you know about this user from previous conversations:\n{memory}",
    })
messages.append({"role": "user", "content": " ".join(sys.argv[1:]) or "Hello!"})

with flowlines.context(user_id=user_id, session_id=session_id):
    response = client.chat.completions.create(model="gpt-4", messages=messages)

flowlines.end_session(user_id=user_id, session_id=session_id)
print(f"memory injected: {memory}")
