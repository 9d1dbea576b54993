pytest_plugins = ["kalmte.testing"]
