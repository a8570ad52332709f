"""Development and measurement tools of the project, outside the runtime apps.

Nothing under kim_sites, home, search or kimcms imports from here, except the `bench`
management command, the entry point of tools.bench.
"""
