# The LumiqTrace Flask page's complete example, unchanged but for the key and the endpoint
# (read from LUMISCOPE_API_KEY / LUMISCOPE_ENDPOINT). The OpenAI client reads OPENAI_BASE_URL
# and OPENAI_API_KEY: point them at examples/fake_llm.py to run offline.
# ruff: noqa: I001  (the seed page's imports, kept as the page has them)
import os

from flask import Flask, request, jsonify
from lumiq_flask import (
    LumiqFlaskMiddleware,
    LumiqConfig,
    observe_llm,
    observe_span,
    set_attribute,
)
import openai

app = Flask(__name__)
app.wsgi_app = LumiqFlaskMiddleware(
    app.wsgi_app,
    config=LumiqConfig(
        api_key=os.environ["LUMISCOPE_API_KEY"],
        base_url=os.environ.get("LUMISCOPE_ENDPOINT", "http://127.0.0.1:4318"),
        sample_rate=1.0,
    ),
)

openai_client = openai.OpenAI()

@observe_span("vector-search", span_type="retriever")
def search_docs(query: str) -> list:
    return ["Relevant document 1", "Relevant document 2"]

@observe_llm(model="gpt-4o", provider="openai")
def answer_question(question: str, context: str) -> str:
    response = openai_client.chat.completions.create(
        model="gpt-4o",
        messages=[
            {"role": "system", "content": f"Answer using this context:\n{context}"},
            {"role": "user", "content": question},
        ],
    )
    return response.choices[0].message.content

@app.post("/ask")
def ask_endpoint():
    body = request.get_json()
    set_attribute("user.id", body.get("user_id", "anonymous"))

    docs = search_docs(body["question"])
    answer = answer_question(body["question"], "\n".join(docs))
    return jsonify({"answer": answer})

if __name__ == "__main__":
    app.run(debug=True)
