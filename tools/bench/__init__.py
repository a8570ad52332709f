"""The benchmark behind `manage.py bench`: the runner (tools.bench.runner), its settings
(tools.bench.settings) and its URLconf (tools.bench.urls)."""
