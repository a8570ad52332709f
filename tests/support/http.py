"""Requests on a KIM's own host."""


def get(client, kim_or_host, path, **extra):
    host = kim_or_host if isinstance(kim_or_host, str) else kim_or_host.site.hostname
    return client.get(path, HTTP_HOST=host, **extra)
