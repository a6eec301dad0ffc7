"""A local OpenAI-compatible model server, so the examples run offline.

    python examples/fake_llm.py --port 18440
    export OPENAI_BASE_URL=http://127.0.0.1:18440/v1 OPENAI_API_KEY=sk-fake
"""

from lumiscope.testing.fake_openai import main

if __name__ == "__main__":
    main()
