from tests.sdk_support import clean_sdk, exporter, server_process  # noqa: F401  (clean_sdk: autouse)
